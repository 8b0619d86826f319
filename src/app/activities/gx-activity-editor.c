/* gx-activity-editor.c: the form that plans a new activity or changes one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-activity-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-activity-editor.h"
#include "gx-activity-ui.h"
#include "gx-activity.h"
#include "gx-enums.h"
#include "gx-uuid.h"

struct _GxActivityEditor
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkRevealer    *error_revealer;
  GtkLabel       *error_label;
  AdwEntryRow    *title_row;
  AdwEntryRow    *theme_row;
  AdwComboRow    *kind_row;
  AdwComboRow    *status_row;
  AdwComboRow    *club_row;
  AdwActionRow   *year_row;
  GtkSpinButton  *year_spin;
  AdwComboRow    *month_row;
  AdwEntryRow    *target_row;
  AdwComboRow    *circle_row;
  AdwComboRow    *filter_row;
  AdwComboRow    *tier_row;
  AdwEntryRow    *interest_row;
  AdwEntryRow    *starts_row;
  AdwEntryRow    *ends_row;
  AdwEntryRow    *timezone_row;
  AdwEntryRow    *venue_row;
  AdwEntryRow    *partners_row;
  AdwActionRow   *capacity_row;
  GtkSpinButton  *capacity_spin;
  AdwEntryRow    *deadline_row;
  AdwActionRow   *offer_hours_row;
  GtkSpinButton  *offer_hours_spin;
  AdwComboRow    *policy_row;
  AdwComboRow    *owner_row;
  AdwEntryRow    *budget_row;
  AdwEntryRow    *cost_row;
  AdwActionRow   *points_row;
  GtkSpinButton  *points_spin;

  /* Owned */
  GxContext      *context;
  char           *activity_id;
  char           *club_id;
  char           *new_id;
  GPtrArray      *club_ids;
  GPtrArray      *circle_ids;
  GPtrArray      *filter_ids;
  GPtrArray      *tier_ids;
  GPtrArray      *owner_ids;
  GHashTable     *rows_by_field;
  GCancellable   *cancellable;
  int             plan_year;
  int             planned_month;

  guint           loading : 1;
  guint           dirty : 1;
  guint           saving : 1;
  guint           discard_confirmed : 1;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_ACTIVITY_ID,
  PROP_CLUB_ID,
  PROP_PLAN_YEAR,
  PROP_PLANNED_MONTH,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GxActivityEditor, gx_activity_editor, ADW_TYPE_WINDOW)

static const char *
combo_id (GPtrArray   *ids,
          AdwComboRow *row)
{
  guint i = adw_combo_row_get_selected (row);

  return i < ids->len ? g_ptr_array_index (ids, i) : NULL;
}

static const char *
combo_code (AdwComboRow *row,
            GxVocab      vocab)
{
  const GxVocabEntry *entries;
  guint n, i = adw_combo_row_get_selected (row);

  entries = gx_vocab_entries (vocab, &n);
  return i < n ? entries[i].code : NULL;
}

static void
select_code (AdwComboRow *row,
             GxVocab      vocab,
             const char  *code)
{
  int i = gx_vocab_index (vocab, code);

  adw_combo_row_set_selected (row, i < 0 ? 0 : (guint) i);
}

static void
fill_club_lists (GxActivityEditor *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  const char *club_id = combo_id (self->club_ids, self->club_row);

  gx_activity_ui_fill_combo (self->circle_row, self->circle_ids, _("Any circle"), db,
                             "SELECT id, name FROM circles WHERE club_id = ? ORDER BY name",
                             g_variant_new ("(s)", club_id ? club_id : ""));
  gx_activity_ui_fill_combo (self->tier_row, self->tier_ids, _("Any tier"), db,
                             "SELECT id, name FROM club_tiers WHERE club_id = ? ORDER BY rank DESC",
                             g_variant_new ("(s)", club_id ? club_id : ""));
}

static void
fill_lists (GxActivityEditor *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  g_autoptr(GtkStringList) months = gtk_string_list_new (NULL);

  gx_activity_ui_fill_vocab (self->kind_row, GX_VOCAB_ACTIVITY_KIND);
  gx_activity_ui_fill_vocab (self->status_row, GX_VOCAB_ACTIVITY_STATUS);
  gx_activity_ui_fill_vocab (self->policy_row, GX_VOCAB_WAITLIST_POLICY);
  gx_activity_ui_fill_combo (self->club_row, self->club_ids, _("No club"), db,
                             "SELECT id, name FROM clubs ORDER BY name", NULL);
  gx_activity_ui_fill_combo (self->owner_row, self->owner_ids, _("Nobody yet"), db,
                             "SELECT id, display_name FROM users WHERE active = 1 ORDER BY display_name", NULL);
  gx_activity_ui_fill_combo (self->filter_row, self->filter_ids, _("No saved filter"), db,
                             "SELECT id, name FROM customer_filters ORDER BY name", NULL);

  gtk_string_list_append (months, _("No month yet"));
  for (int m = 1; m <= 12; m++)
    {
      g_autoptr(GDateTime) date = g_date_time_new_utc (2000, m, 1, 0, 0, 0);
      /* Translators: a month's name in a list of months, strftime format */
      g_autofree char *name = g_date_time_format (date, _("%B"));
      gtk_string_list_append (months, name);
    }
  adw_combo_row_set_model (self->month_row, G_LIST_MODEL (months));
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
load (GxActivityEditor *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *starts = NULL;
  g_autofree char *ends = NULL;
  g_autofree char *deadline = NULL;
  const char *timezone;

  self->loading = TRUE;
  fill_lists (self);

  if (self->activity_id == NULL)
    {
      g_autoptr(GDateTime) now = gx_clock_dup_local (gx_context_get_clock (self->context));

      adw_window_title_set_title (self->window_title, _("New Activity"));
      adw_combo_row_set_selected (self->club_row,
                                  (guint) gx_activity_ui_find_id (self->club_ids, self->club_id));
      if (self->club_id == NULL && self->club_ids->len > 1)
        adw_combo_row_set_selected (self->club_row, 1);
      fill_club_lists (self);
      gtk_spin_button_set_value (self->year_spin, self->plan_year ? self->plan_year : g_date_time_get_year (now));
      adw_combo_row_set_selected (self->month_row, (guint) CLAMP (self->planned_month, 0, 12));
      adw_combo_row_set_selected (self->owner_row,
                                  (guint) gx_activity_ui_find_id (self->owner_ids, gx_context_get_user_id (self->context)));
      select_code (self->kind_row, GX_VOCAB_ACTIVITY_KIND, "other");
      select_code (self->status_row, GX_VOCAB_ACTIVITY_STATUS, "planned");
      set_entry (self->timezone_row, "Asia/Shanghai");
      self->loading = FALSE;
      return;
    }

  adw_window_title_set_title (self->window_title, _("Edit Activity"));
  record = gx_record_read (db, "activity", self->activity_id, NULL);
  if (record == NULL)
    {
      self->loading = FALSE;
      return;
    }

#define STR(name) (json_object_get_null_member (record, name) ? NULL : json_object_get_string_member (record, name))
#define INT(name) (json_object_get_null_member (record, name) ? 0 : json_object_get_int_member (record, name))
  timezone = STR ("timezone");
  adw_window_title_set_subtitle (self->window_title, STR ("title"));
  set_entry (self->title_row, STR ("title"));
  set_entry (self->theme_row, STR ("theme"));
  select_code (self->kind_row, GX_VOCAB_ACTIVITY_KIND, STR ("kind"));
  select_code (self->status_row, GX_VOCAB_ACTIVITY_STATUS, STR ("status"));
  adw_combo_row_set_selected (self->club_row, (guint) gx_activity_ui_find_id (self->club_ids, STR ("club_id")));
  fill_club_lists (self);
  if (STR ("plan_id") != NULL)
    gtk_spin_button_set_value (self->year_spin,
                               (double) gx_db_query_int (db, "SELECT year FROM activity_plans WHERE id = ?",
                                                         g_variant_new ("(s)", STR ("plan_id")), 2026, NULL));
  adw_combo_row_set_selected (self->month_row, (guint) CLAMP (INT ("planned_month"), 0, 12));
  set_entry (self->target_row, STR ("target_group"));
  adw_combo_row_set_selected (self->circle_row, (guint) gx_activity_ui_find_id (self->circle_ids, STR ("target_circle_id")));
  adw_combo_row_set_selected (self->tier_row, (guint) gx_activity_ui_find_id (self->tier_ids, STR ("target_tier_id")));
  adw_combo_row_set_selected (self->filter_row, (guint) gx_activity_ui_find_id (self->filter_ids, STR ("target_filter_id")));
  set_entry (self->interest_row, STR ("target_interest"));
  starts = gx_activity_format_time (INT ("starts_at"), timezone);
  ends = gx_activity_format_time (INT ("ends_at"), timezone);
  deadline = gx_activity_format_time (INT ("registration_deadline"), timezone);
  set_entry (self->starts_row, starts);
  set_entry (self->ends_row, ends);
  set_entry (self->deadline_row, deadline);
  set_entry (self->timezone_row, timezone);
  set_entry (self->venue_row, STR ("venue"));
  set_entry (self->partners_row, STR ("partners"));
  gtk_spin_button_set_value (self->capacity_spin, (double) INT ("capacity"));
  gtk_spin_button_set_value (self->offer_hours_spin, (double) INT ("offer_hours"));
  select_code (self->policy_row, GX_VOCAB_WAITLIST_POLICY, STR ("waitlist_policy"));
  adw_combo_row_set_selected (self->owner_row, (guint) gx_activity_ui_find_id (self->owner_ids, STR ("owner_id")));
  if (!json_object_get_null_member (record, "budget"))
    {
      g_autofree char *budget = gx_activity_format_money_input (INT ("budget"));
      set_entry (self->budget_row, budget);
    }
  if (!json_object_get_null_member (record, "actual_cost"))
    {
      g_autofree char *cost = gx_activity_format_money_input (INT ("actual_cost"));
      set_entry (self->cost_row, cost);
    }
  gtk_spin_button_set_value (self->points_spin, (double) INT ("points"));
#undef STR
#undef INT

  self->loading = FALSE;
}

/* Saving */

static void
clear_marks (GxActivityEditor *self)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->rows_by_field);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    gx_activity_ui_mark (row, FALSE);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
show_error (GxActivityEditor *self,
            const char       *field,
            const char       *message)
{
  GtkWidget *row = field ? g_hash_table_lookup (self->rows_by_field, field) : NULL;

  gtk_label_set_label (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  if (row != NULL)
    {
      gx_activity_ui_mark (row, TRUE);
      gtk_widget_grab_focus (row);
    }
}

static void
set_text_or_null (JsonObject *fields,
                  const char *name,
                  const char *text,
                  gboolean    nullable)
{
  g_autofree char *clean = g_strstrip (g_strdup (text ? text : ""));

  if (*clean == '\0' && nullable)
    json_object_set_null_member (fields, name);
  else
    json_object_set_string_member (fields, name, clean);
}

static void
set_id (JsonObject *fields,
        const char *name,
        const char *id)
{
  if (id != NULL)
    json_object_set_string_member (fields, name, id);
  else
    json_object_set_null_member (fields, name);
}

/* Reads the form; a time or an amount that cannot be read is refused here, naming its row. */
static JsonObject *
collect (GxActivityEditor  *self,
         GError           **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *timezone = g_strstrip (g_strdup (entry_text (self->timezone_row)));
  const struct {
    const char  *field;
    AdwEntryRow *row;
  } times[] = {
    { "starts_at", self->starts_row },
    { "ends_at", self->ends_row },
    { "registration_deadline", self->deadline_row },
  }, money[] = {
    { "budget", self->budget_row },
    { "actual_cost", self->cost_row },
  };
  guint month = adw_combo_row_get_selected (self->month_row);
  int capacity = gtk_spin_button_get_value_as_int (self->capacity_spin);

  if (*timezone == '\0')
    {
      g_free (timezone);
      timezone = g_strdup ("Asia/Shanghai");
    }

  set_text_or_null (fields, "title", entry_text (self->title_row), FALSE);
  set_text_or_null (fields, "theme", entry_text (self->theme_row), FALSE);
  json_object_set_string_member (fields, "kind", combo_code (self->kind_row, GX_VOCAB_ACTIVITY_KIND));
  json_object_set_string_member (fields, "status", combo_code (self->status_row, GX_VOCAB_ACTIVITY_STATUS));
  set_id (fields, "club_id", combo_id (self->club_ids, self->club_row));
  json_object_set_int_member (fields, "plan_year", gtk_spin_button_get_value_as_int (self->year_spin));
  if (month >= 1 && month <= 12)
    json_object_set_int_member (fields, "planned_month", month);
  else
    json_object_set_null_member (fields, "planned_month");
  set_text_or_null (fields, "target_group", entry_text (self->target_row), FALSE);
  set_id (fields, "target_circle_id", combo_id (self->circle_ids, self->circle_row));
  set_id (fields, "target_tier_id", combo_id (self->tier_ids, self->tier_row));
  set_id (fields, "target_filter_id", combo_id (self->filter_ids, self->filter_row));
  set_text_or_null (fields, "target_interest", entry_text (self->interest_row), TRUE);
  json_object_set_string_member (fields, "timezone", timezone);
  set_text_or_null (fields, "venue", entry_text (self->venue_row), FALSE);
  set_text_or_null (fields, "partners", entry_text (self->partners_row), FALSE);
  if (capacity > 0)
    json_object_set_int_member (fields, "capacity", capacity);
  else
    json_object_set_null_member (fields, "capacity");
  json_object_set_int_member (fields, "offer_hours", gtk_spin_button_get_value_as_int (self->offer_hours_spin));
  json_object_set_string_member (fields, "waitlist_policy", combo_code (self->policy_row, GX_VOCAB_WAITLIST_POLICY));
  set_id (fields, "owner_id", combo_id (self->owner_ids, self->owner_row));
  json_object_set_int_member (fields, "points", gtk_spin_button_get_value_as_int (self->points_spin));

  {
    g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (timezone);

    if (tz == NULL)
      {
        gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "timezone",
                                   _("The time zone is not known; use a name like Asia/Shanghai."));
        return NULL;
      }
  }

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 when;

      if (!gx_activity_parse_time (entry_text (times[i].row), timezone, &when, &local_error))
        {
          gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, times[i].field, local_error->message);
          return NULL;
        }
      if (when != 0)
        json_object_set_int_member (fields, times[i].field, when);
      else
        json_object_set_null_member (fields, times[i].field);
    }

  for (guint i = 0; i < G_N_ELEMENTS (money); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *clean = g_strstrip (g_strdup (entry_text (money[i].row)));
      gint64 fen;

      if (!gx_activity_parse_money (clean, &fen, &local_error))
        {
          gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, money[i].field, local_error->message);
          return NULL;
        }
      if (*clean != '\0')
        json_object_set_int_member (fields, money[i].field, fen);
      else
        json_object_set_null_member (fields, money[i].field);
    }

  return g_steal_pointer (&fields);
}

typedef struct
{
  char       *activity_id;
  JsonObject *fields;
  char       *new_id;
} SaveRequest;

static void
save_request_free (SaveRequest *request)
{
  g_free (request->activity_id);
  g_free (request->new_id);
  json_object_unref (request->fields);
  g_free (request);
}

static gboolean
save_cb (GxDb              *db,
         const GxWriteMeta *meta,
         gpointer           data,
         GError           **error)
{
  SaveRequest *request = data;

  return gx_activity_save (db, request->activity_id, request->fields, meta, &request->new_id, error);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GxActivityEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", TRUE);

  if (!gx_activity_ui_write_finish (self->context, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, gx_record_error_get_field (error), error->message);
      return;
    }

  self->dirty = FALSE;
  g_signal_emit (self, signals[SAVED], 0, self->activity_id ? self->activity_id : self->new_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
gx_activity_editor_save_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  GxActivityEditor *self = GX_ACTIVITY_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  SaveRequest *request;
  JsonObject *fields;

  if (self->saving)
    return;

  clear_marks (self);
  fields = collect (self, &error);
  if (fields == NULL)
    {
      show_error (self, gx_record_error_get_field (error), error->message);
      return;
    }

  request = g_new0 (SaveRequest, 1);
  request->activity_id = g_strdup (self->activity_id);
  request->fields = fields;
  if (self->activity_id == NULL)
    {
      /* The id is made here so the view can select the new activity when the write lands. */
      if (self->new_id == NULL)
        self->new_id = gx_uuid_v7_new ();
      request->new_id = g_strdup (self->new_id);
    }

  self->saving = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
  gx_activity_ui_write (self->context, save_cb, request, (GDestroyNotify) save_request_free,
                        self->cancellable, save_done_cb, g_object_ref (self));
}

/* Leaving with unsaved changes asks once. */

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        GxActivityEditor *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->discard_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
gx_activity_editor_close_request (GtkWindow *window)
{
  GxActivityEditor *self = GX_ACTIVITY_EDITOR (window);
  GtkWidget *dialog;

  if (!self->dirty || self->discard_confirmed)
    return GTK_WINDOW_CLASS (gx_activity_editor_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard Changes?"),
                                   _("The changes to this activity have not been saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
on_changed_cb (GxActivityEditor *self)
{
  if (!self->loading)
    self->dirty = TRUE;
}

static void
on_club_changed_cb (GxActivityEditor *self)
{
  if (self->loading)
    return;
  self->dirty = TRUE;
  fill_club_lists (self);
}

/* A saved filter is the whole target group: the member filters step aside while one is chosen. */
static void
on_filter_changed_cb (GxActivityEditor *self)
{
  gboolean members = adw_combo_row_get_selected (self->filter_row) == 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->circle_row), members);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tier_row), members);
  gtk_widget_set_sensitive (GTK_WIDGET (self->interest_row), members);
}

/* GObject */

static void
gx_activity_editor_constructed (GObject *object)
{
  GxActivityEditor *self = (GxActivityEditor *) object;
  GtkWidget *entries[] = {
    GTK_WIDGET (self->title_row), GTK_WIDGET (self->theme_row), GTK_WIDGET (self->target_row),
    GTK_WIDGET (self->interest_row), GTK_WIDGET (self->starts_row), GTK_WIDGET (self->ends_row),
    GTK_WIDGET (self->timezone_row), GTK_WIDGET (self->venue_row), GTK_WIDGET (self->partners_row),
    GTK_WIDGET (self->deadline_row), GTK_WIDGET (self->budget_row), GTK_WIDGET (self->cost_row),
  };
  GtkWidget *combos[] = {
    GTK_WIDGET (self->kind_row), GTK_WIDGET (self->status_row), GTK_WIDGET (self->month_row),
    GTK_WIDGET (self->circle_row), GTK_WIDGET (self->tier_row), GTK_WIDGET (self->policy_row),
    GTK_WIDGET (self->owner_row), GTK_WIDGET (self->filter_row),
  };
  GtkSpinButton *spins[] = {
    self->year_spin, self->capacity_spin, self->offer_hours_spin, self->points_spin,
  };

  G_OBJECT_CLASS (gx_activity_editor_parent_class)->constructed (object);

  load (self);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_signal_connect_object (entries[i], "changed", G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    g_signal_connect_object (combos[i], "notify::selected", G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    g_signal_connect_object (spins[i], "value-changed", G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->club_row, "notify::selected", G_CALLBACK (on_club_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_row, "notify::selected", G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);
  on_filter_changed_cb (self);

#define MAP(field, row) g_hash_table_insert (self->rows_by_field, (gpointer) field, row)
  MAP ("title", self->title_row);
  MAP ("theme", self->theme_row);
  MAP ("kind", self->kind_row);
  MAP ("status", self->status_row);
  MAP ("club_id", self->club_row);
  MAP ("plan_year", self->year_row);
  MAP ("year", self->year_row);
  MAP ("planned_month", self->month_row);
  MAP ("target_group", self->target_row);
  MAP ("target_circle_id", self->circle_row);
  MAP ("target_tier_id", self->tier_row);
  MAP ("target_interest", self->interest_row);
  MAP ("target_filter_id", self->filter_row);
  MAP ("starts_at", self->starts_row);
  MAP ("ends_at", self->ends_row);
  MAP ("timezone", self->timezone_row);
  MAP ("venue", self->venue_row);
  MAP ("partners", self->partners_row);
  MAP ("capacity", self->capacity_row);
  MAP ("registration_deadline", self->deadline_row);
  MAP ("offer_hours", self->offer_hours_row);
  MAP ("waitlist_policy", self->policy_row);
  MAP ("owner_id", self->owner_row);
  MAP ("budget", self->budget_row);
  MAP ("actual_cost", self->cost_row);
  MAP ("points", self->points_row);
  MAP ("points_awarded_at", self->points_row);
#undef MAP

  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
gx_activity_editor_dispose (GObject *object)
{
  GxActivityEditor *self = (GxActivityEditor *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_ACTIVITY_EDITOR);

  G_OBJECT_CLASS (gx_activity_editor_parent_class)->dispose (object);
}

static void
gx_activity_editor_finalize (GObject *object)
{
  GxActivityEditor *self = (GxActivityEditor *) object;

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->activity_id, g_free);
  g_clear_pointer (&self->club_id, g_free);
  g_clear_pointer (&self->new_id, g_free);
  g_clear_pointer (&self->club_ids, g_ptr_array_unref);
  g_clear_pointer (&self->circle_ids, g_ptr_array_unref);
  g_clear_pointer (&self->filter_ids, g_ptr_array_unref);
  g_clear_pointer (&self->tier_ids, g_ptr_array_unref);
  g_clear_pointer (&self->owner_ids, g_ptr_array_unref);
  g_clear_pointer (&self->rows_by_field, g_hash_table_unref);

  G_OBJECT_CLASS (gx_activity_editor_parent_class)->finalize (object);
}

static void
gx_activity_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GxActivityEditor *self = GX_ACTIVITY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_ACTIVITY_ID:
      g_value_set_string (value, self->activity_id);
      break;
    case PROP_CLUB_ID:
      g_value_set_string (value, self->club_id);
      break;
    case PROP_PLAN_YEAR:
      g_value_set_int (value, self->plan_year);
      break;
    case PROP_PLANNED_MONTH:
      g_value_set_int (value, self->planned_month);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_activity_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GxActivityEditor *self = GX_ACTIVITY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_ACTIVITY_ID:
      self->activity_id = g_value_dup_string (value);
      break;
    case PROP_CLUB_ID:
      self->club_id = g_value_dup_string (value);
      break;
    case PROP_PLAN_YEAR:
      self->plan_year = g_value_get_int (value);
      break;
    case PROP_PLANNED_MONTH:
      self->planned_month = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_activity_editor_class_init (GxActivityEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = gx_activity_editor_constructed;
  object_class->dispose = gx_activity_editor_dispose;
  object_class->finalize = gx_activity_editor_finalize;
  object_class->get_property = gx_activity_editor_get_property;
  object_class->set_property = gx_activity_editor_set_property;
  window_class->close_request = gx_activity_editor_close_request;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, GX_TYPE_CONTEXT, flags);
  properties[PROP_ACTIVITY_ID] = g_param_spec_string ("activity-id", NULL, NULL, NULL, flags);
  properties[PROP_CLUB_ID] = g_param_spec_string ("club-id", NULL, NULL, NULL, flags);
  properties[PROP_PLAN_YEAR] = g_param_spec_int ("plan-year", NULL, NULL, 0, 2100, 0, flags);
  properties[PROP_PLANNED_MONTH] = g_param_spec_int ("planned-month", NULL, NULL, 0, 12, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GxActivityEditor::saved:
   * @id: the saved activity's id
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-activity-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, theme_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, club_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, year_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, year_spin);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, month_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, target_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, circle_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, filter_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, tier_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, interest_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, starts_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, ends_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, timezone_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, venue_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, partners_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, capacity_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, capacity_spin);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, offer_hours_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, offer_hours_spin);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, policy_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, budget_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, cost_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, points_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityEditor, points_spin);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, gx_activity_editor_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gx_activity_editor_init (GxActivityEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->club_ids = g_ptr_array_new_with_free_func (g_free);
  self->circle_ids = g_ptr_array_new_with_free_func (g_free);
  self->filter_ids = g_ptr_array_new_with_free_func (g_free);
  self->tier_ids = g_ptr_array_new_with_free_func (g_free);
  self->owner_ids = g_ptr_array_new_with_free_func (g_free);
  self->rows_by_field = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * gx_activity_editor_new:
 * @parent: the window it belongs to
 * @context: the desk's context
 * @activity_id: (nullable): the activity to change; %NULL plans a new one
 * @club_id: (nullable): for a new one, its club
 * @plan_year: for a new one, the plan's year, or 0 for this year
 * @planned_month: for a new one, the month planned, or 0
 *
 * Returns: (transfer none): the editor, not shown yet
 */
GxActivityEditor *
gx_activity_editor_new (GtkWindow  *parent,
                        GxContext  *context,
                        const char *activity_id,
                        const char *club_id,
                        int         plan_year,
                        int         planned_month)
{
  return g_object_new (GX_TYPE_ACTIVITY_EDITOR,
                       "transient-for", parent,
                       "context", context,
                       "activity-id", activity_id,
                       "club-id", club_id,
                       "plan-year", plan_year,
                       "planned-month", planned_month,
                       NULL);
}
