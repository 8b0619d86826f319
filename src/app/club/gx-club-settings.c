/* gx-club-settings.c: clubs, circles, tiers, rights and rewards, edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-club-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-club-settings.h"
#include "gx-enums.h"
#include "gx-membership.h"
#include "gx-record.h"
#include "gx-uuid.h"

/* Every change is one record write through gx_record_* and the club rules of gx-club.c, so a
 * bad prefix, an unknown band or deleting a tier members still hold is refused with the
 * reason, here as on the server. */

struct _GxClubSettings
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  AdwComboRow  *club_row;
  AdwEntryRow  *name_row;
  AdwEntryRow  *prefix_row;
  AdwComboRow  *expiry_row;
  AdwEntryRow  *description_row;
  GtkTextView  *handbook_view;
  GtkListBox   *circles_list;
  GtkListBox   *tiers_list;
  GtkListBox   *rights_list;
  GtkListBox   *rewards_list;

  /* Owned */
  GxContext    *context;
  GPtrArray    *club_ids;
  char         *club_id;
};

G_DEFINE_FINAL_TYPE (GxClubSettings, gx_club_settings, ADW_TYPE_PREFERENCES_WINDOW)

static void reload (GxClubSettings *self);

/* Writing one record */

typedef struct
{
  char       *op;
  char       *kind;
  char       *id;
  JsonObject *fields;
  char       *user_id;
  gint64      now;
} RecordWrite;

static void
record_write_free (RecordWrite *w)
{
  g_free (w->op);
  g_free (w->kind);
  g_free (w->id);
  g_clear_pointer (&w->fields, json_object_unref);
  g_free (w->user_id);
  g_free (w);
}

static gboolean
record_write_in_store (GxDb      *db,
                       gpointer   user_data,
                       GError   **error)
{
  RecordWrite *w = user_data;
  GxWriteMeta meta = { .now = w->now, .user_id = w->user_id };

  if (g_str_equal (w->op, "insert"))
    return gx_record_insert (db, w->kind, w->id, w->fields, &meta, error);
  if (g_str_equal (w->op, "update"))
    return gx_record_update (db, w->kind, w->id, w->fields, &meta, error);
  return gx_record_delete (db, w->kind, w->id, &meta, error);
}

static void
on_record_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GxClubSettings) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gx_store_write_finish (GX_STORE (source), result, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Saved")));
  reload (self);
}

static void
write_record (GxClubSettings *self,
              const char     *op,
              const char     *kind,
              const char     *id,
              JsonObject     *fields)
{
  RecordWrite *w = g_new0 (RecordWrite, 1);

  w->op = g_strdup (op);
  w->kind = g_strdup (kind);
  w->id = g_strdup (id);
  w->fields = fields ? json_object_ref (fields) : NULL;
  w->user_id = g_strdup (gx_context_get_user_id (self->context));
  w->now = gx_clock_now (gx_context_get_clock (self->context));
  gx_store_write_async (gx_context_get_store (self->context), record_write_in_store, w,
                        (GDestroyNotify) record_write_free, NULL, on_record_written_cb, g_object_ref (self));
}

/* Rows */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle,
         const char *kind,
         const char *id)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *a11y = g_strdup_printf (_("Remove %s"), title);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, a11y);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "settings.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "(sss)", kind, id, title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  gtk_list_box_append (list, row);
  return row;
}

static void
on_reward_offered_cb (GtkSwitch      *toggle,
                      GParamSpec     *pspec,
                      GxClubSettings *self)
{
  g_autoptr(JsonObject) fields = json_object_new ();

  json_object_set_int_member (fields, "active", gtk_switch_get_active (toggle));
  write_record (self, "update", "reward", g_object_get_data (G_OBJECT (toggle), "reward-id"), fields);
}

static void
reload_lists (GxClubSettings *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  const char *club = self->club_id ? self->club_id : "";
  sqlite3_stmt *stmt;

  clear_list (self->circles_list);
  clear_list (self->tiers_list);
  clear_list (self->rights_list);
  clear_list (self->rewards_list);

  stmt = gx_db_prepare (db, "SELECT id, name, description FROM circles WHERE club_id = ? ORDER BY name", NULL);
  sqlite3_bind_text (stmt, 1, club, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    add_row (self->circles_list, gx_db_column_text (stmt, 1), gx_db_column_text (stmt, 2), "circle", gx_db_column_text (stmt, 0));
  sqlite3_reset (stmt);

  stmt = gx_db_prepare (db,
                        "SELECT id, code, name, rank, period_months, grace_days, qualify_points, qualify_assets,"
                        "       (SELECT count(*) FROM memberships WHERE tier_id = club_tiers.id)"
                        "  FROM club_tiers WHERE club_id = ? ORDER BY rank DESC",
                        NULL);
  sqlite3_bind_text (stmt, 1, club, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *label = gx_tier_label (gx_db_column_text (stmt, 1), gx_db_column_text (stmt, 2));
      g_autofree char *points = g_strdup_printf ("%'" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 6));
      const char *assets = gx_db_column_text (stmt, 7);
      /* Translators: "Rank 3 · 12 months · 30 grace days · 5,000 points · ¥6–30 million · 12 members" */
      g_autofree char *subtitle = g_strdup_printf (_("Rank %d · %d months · %d grace days · %s points · %s · %d members"),
                                                   sqlite3_column_int (stmt, 3), sqlite3_column_int (stmt, 4),
                                                   sqlite3_column_int (stmt, 5), points,
                                                   assets && *assets ? gx_vocab_label (GX_VOCAB_ASSETS_BAND, assets) : _("any assets"),
                                                   sqlite3_column_int (stmt, 8));
      add_row (self->tiers_list, label, subtitle, "club_tier", gx_db_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);

  stmt = gx_db_prepare (db,
                        "SELECT r.id, t.code, t.name, r.name, r.description, r.yearly_quota FROM tier_rights r"
                        "  JOIN club_tiers t ON t.id = r.tier_id WHERE t.club_id = ? ORDER BY t.rank DESC, r.rowid",
                        NULL);
  sqlite3_bind_text (stmt, 1, club, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *tier = gx_tier_label (gx_db_column_text (stmt, 1), gx_db_column_text (stmt, 2));
      g_autofree char *title = g_strdup_printf ("%s · %s", tier, gx_db_column_text (stmt, 3));
      g_autofree char *quota = sqlite3_column_type (stmt, 5) == SQLITE_NULL
                               ? g_strdup (_("no limit"))
                               : g_strdup_printf (ngettext ("%d a year", "%d a year", (gulong) sqlite3_column_int (stmt, 5)),
                                                  sqlite3_column_int (stmt, 5));
      g_autofree char *subtitle = *gx_db_column_text (stmt, 4)
                                  ? g_strdup_printf ("%s · %s", quota, gx_db_column_text (stmt, 4)) : g_strdup (quota);

      add_row (self->rights_list, title, subtitle, "tier_right", gx_db_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);

  stmt = gx_db_prepare (db, "SELECT id, name, points_cost, active FROM rewards WHERE club_id = ? ORDER BY points_cost, name", NULL);
  sqlite3_bind_text (stmt, 1, club, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *cost = g_strdup_printf ("%'" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 2));
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%s point", "%s points", (gulong) sqlite3_column_int64 (stmt, 2)), cost);
      GtkWidget *row = add_row (self->rewards_list, gx_db_column_text (stmt, 1), subtitle, "reward", gx_db_column_text (stmt, 0));
      GtkWidget *toggle = gtk_switch_new ();
      g_autofree char *a11y = g_strdup_printf (_("Offer %s"), gx_db_column_text (stmt, 1));

      gtk_switch_set_active (GTK_SWITCH (toggle), sqlite3_column_int (stmt, 3) != 0);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (toggle, _("Offered"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      g_object_set_data_full (G_OBJECT (toggle), "reward-id", gx_db_dup_column (stmt, 0), g_free);
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_reward_offered_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
    }
  sqlite3_reset (stmt);
}

static void
show_club (GxClubSettings *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  sqlite3_stmt *stmt;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->prefix_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->description_row), "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->handbook_view), "", -1);

  stmt = gx_db_prepare (db, "SELECT name, number_prefix, points_expiry, description, handbook FROM clubs WHERE id = ?", NULL);
  sqlite3_bind_text (stmt, 1, self->club_id ? self->club_id : "", -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int expiry = gx_vocab_index (GX_VOCAB_POINTS_EXPIRY, gx_db_column_text (stmt, 2));

      gtk_editable_set_text (GTK_EDITABLE (self->name_row), gx_db_column_text (stmt, 0));
      gtk_editable_set_text (GTK_EDITABLE (self->prefix_row), gx_db_column_text (stmt, 1));
      adw_combo_row_set_selected (self->expiry_row, expiry >= 0 ? (guint) expiry : 0);
      gtk_editable_set_text (GTK_EDITABLE (self->description_row), gx_db_column_text (stmt, 3));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->handbook_view), gx_db_column_text (stmt, 4), -1);
    }
  sqlite3_reset (stmt);

  reload_lists (self);
}

static void
reload (GxClubSettings *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  sqlite3_stmt *stmt;
  guint chosen = 0;

  g_ptr_array_set_size (self->club_ids, 0);
  stmt = gx_db_prepare (db, "SELECT id, name FROM clubs ORDER BY name", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (g_strcmp0 (self->club_id, gx_db_column_text (stmt, 0)) == 0)
        chosen = self->club_ids->len;
      g_ptr_array_add (self->club_ids, gx_db_dup_column (stmt, 0));
      gtk_string_list_append (names, gx_db_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (self->club_ids->len > 0)
    {
      g_free (self->club_id);
      self->club_id = g_strdup (g_ptr_array_index (self->club_ids, chosen));
    }

  g_signal_handlers_block_matched (self->club_row, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  adw_combo_row_set_model (self->club_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->club_row, chosen);
  g_signal_handlers_unblock_matched (self->club_row, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  show_club (self);
}

static void
on_club_selected_cb (GxClubSettings *self)
{
  guint selected = adw_combo_row_get_selected (self->club_row);

  if (selected < self->club_ids->len)
    {
      g_free (self->club_id);
      self->club_id = g_strdup (g_ptr_array_index (self->club_ids, selected));
      show_club (self);
    }
}

/* Forms: a message dialog with entry rows and at most one choice */

typedef void (*FormDone) (GxClubSettings *self,
                          GHashTable     *values,
                          const char     *choice_id);

typedef struct
{
  GxClubSettings *self;
  GPtrArray      *names;
  GPtrArray      *entries;
  GtkDropDown    *choice;
  GPtrArray      *choice_ids;
  FormDone        done;
} Form;

static void
form_free (gpointer  data,
           GClosure *closure)
{
  Form *form = data;

  g_object_unref (form->self);
  g_ptr_array_unref (form->names);
  g_ptr_array_unref (form->entries);
  g_clear_pointer (&form->choice_ids, g_ptr_array_unref);
  g_free (form);
}

static void
on_form_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Form             *form)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *choice_id = NULL;

  if (g_strcmp0 (response, "ok") == 0)
    {
      for (guint i = 0; i < form->names->len; i++)
        g_hash_table_insert (values, form->names->pdata[i],
                             g_strstrip (g_strdup (gtk_editable_get_text (form->entries->pdata[i]))));
      if (form->choice != NULL && gtk_drop_down_get_selected (form->choice) < form->choice_ids->len)
        choice_id = g_ptr_array_index (form->choice_ids, gtk_drop_down_get_selected (form->choice));
      form->done (form->self, values, choice_id);
    }
}

/* Opens a form; @fields is NULL-terminated pairs of field name and row title. */
static void
ask (GxClubSettings      *self,
     const char          *heading,
     const char * const  *fields,
     const char          *choice_title,
     GtkStringList       *choice_labels,
     GPtrArray           *choice_ids,
     FormDone             done)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  GtkWidget *list = gtk_list_box_new ();
  Form *form = g_new0 (Form, 1);

  form->self = g_object_ref (self);
  form->names = g_ptr_array_new ();
  form->entries = g_ptr_array_new ();
  form->done = done;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; fields[i] != NULL; i += 2)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fields[i + 1]);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (form->names, (gpointer) fields[i]);
      g_ptr_array_add (form->entries, row);
    }
  if (choice_labels != NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (choice_labels)), NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), choice_title);
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, choice_title, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      form->choice = GTK_DROP_DOWN (dropdown);
      form->choice_ids = g_ptr_array_ref (choice_ids);
    }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "ok", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_form_response_cb), form, form_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Numbers typed in a form; a bad one is said in a toast and nothing is written. */
static gboolean
form_int (GxClubSettings *self,
          GHashTable     *values,
          const char     *name,
          const char     *label,
          gint64          fallback,
          gboolean        optional,
          gint64         *out)
{
  const char *text = g_hash_table_lookup (values, name);
  g_autofree char *message = NULL;

  if (text == NULL || *text == '\0')
    {
      *out = fallback;
      return TRUE;
    }
  if (g_ascii_string_to_signed (text, 10, 0, G_MAXINT32, out, NULL))
    return TRUE;

  /* Translators: %s is a field, e.g. "Grace days" */
  message = g_strdup_printf (_("%s must be a whole number."), label);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
  (void) optional;
  return FALSE;
}

static void
new_club_done (GxClubSettings *self,
               GHashTable     *values,
               const char     *choice_id)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *id = gx_uuid_v7_new ();

  json_object_set_string_member (fields, "name", g_hash_table_lookup (values, "name"));
  json_object_set_string_member (fields, "number_prefix", g_hash_table_lookup (values, "number_prefix"));
  json_object_set_int_member (fields, "created_at", gx_clock_now (gx_context_get_clock (self->context)));
  g_free (self->club_id);
  self->club_id = g_strdup (id);
  write_record (self, "insert", "club", id, fields);
}

static void
gx_club_settings_new_club_action (GtkWidget *widget, const char *name, GVariant *param)
{
  static const char * const fields[] = {
    "name", N_("Name"), "number_prefix", N_("Member-number prefix, e.g. PB"), NULL,
  };
  const char *translated[G_N_ELEMENTS (fields)];

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    translated[i] = fields[i] && i % 2 ? _(fields[i]) : fields[i];
  ask (GX_CLUB_SETTINGS (widget), _("New Club"), translated, NULL, NULL, NULL, new_club_done);
}

static void
gx_club_settings_save_club_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GxClubSettings *self = GX_CLUB_SETTINGS (widget);
  g_autoptr(JsonObject) fields = json_object_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->handbook_view);
  g_autofree char *handbook = NULL;
  GtkTextIter start, end;
  guint n;
  const GxVocabEntry *rules = gx_vocab_entries (GX_VOCAB_POINTS_EXPIRY, &n);
  guint expiry = adw_combo_row_get_selected (self->expiry_row);

  if (self->club_id == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  handbook = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  json_object_set_string_member (fields, "name", gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  json_object_set_string_member (fields, "number_prefix", gtk_editable_get_text (GTK_EDITABLE (self->prefix_row)));
  json_object_set_string_member (fields, "description", gtk_editable_get_text (GTK_EDITABLE (self->description_row)));
  json_object_set_string_member (fields, "handbook", handbook);
  if (expiry < n)
    json_object_set_string_member (fields, "points_expiry", rules[expiry].code);
  write_record (self, "update", "club", self->club_id, fields);
}

static void
add_circle_done (GxClubSettings *self,
                 GHashTable     *values,
                 const char     *choice_id)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *id = gx_uuid_v7_new ();

  json_object_set_string_member (fields, "club_id", self->club_id);
  json_object_set_string_member (fields, "name", g_hash_table_lookup (values, "name"));
  json_object_set_string_member (fields, "description", g_hash_table_lookup (values, "description"));
  write_record (self, "insert", "circle", id, fields);
}

static void
gx_club_settings_add_circle_action (GtkWidget *widget, const char *name, GVariant *param)
{
  const char *fields[] = { "name", _("Name, e.g. Golf"), "description", _("Description"), NULL };

  if (GX_CLUB_SETTINGS (widget)->club_id != NULL)
    ask (GX_CLUB_SETTINGS (widget), _("New Circle"), fields, NULL, NULL, NULL, add_circle_done);
}

static void
add_tier_done (GxClubSettings *self,
               GHashTable     *values,
               const char     *choice_id)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *id = gx_uuid_v7_new ();
  const char *tier_name = g_hash_table_lookup (values, "name");
  g_autofree char *code = g_utf8_strdown (tier_name, -1);
  gint64 rank, months, grace, points;

  if (!form_int (self, values, "rank", _("Rank"), 1, FALSE, &rank) ||
      !form_int (self, values, "period_months", _("Months per period"), 12, FALSE, &months) ||
      !form_int (self, values, "grace_days", _("Grace days"), 30, FALSE, &grace) ||
      !form_int (self, values, "qualify_points", _("Points to qualify"), 0, FALSE, &points))
    return;

  json_object_set_string_member (fields, "club_id", self->club_id);
  json_object_set_string_member (fields, "code", code);
  json_object_set_string_member (fields, "name", tier_name);
  json_object_set_int_member (fields, "rank", rank);
  json_object_set_int_member (fields, "period_months", months);
  json_object_set_int_member (fields, "grace_days", grace);
  json_object_set_int_member (fields, "qualify_points", points);
  if (choice_id != NULL && *choice_id != '\0')
    json_object_set_string_member (fields, "qualify_assets", choice_id);
  write_record (self, "insert", "club_tier", id, fields);
}

static void
gx_club_settings_add_tier_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GxClubSettings *self = GX_CLUB_SETTINGS (widget);
  const char *fields[] = {
    "name", _("Name, e.g. Platinum"), "rank", _("Rank (higher is better)"),
    "period_months", _("Months per period (12 when empty)"), "grace_days", _("Grace days to renew (30 when empty)"),
    "qualify_points", _("Points to qualify in twelve months"), NULL,
  };
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  const GxVocabEntry *bands;
  guint n;

  if (self->club_id == NULL)
    return;

  gtk_string_list_append (labels, _("Any assets"));
  g_ptr_array_add (ids, g_strdup (""));
  bands = gx_vocab_entries (GX_VOCAB_ASSETS_BAND, &n);
  for (guint i = 0; i < n; i++)
    {
      gtk_string_list_append (labels, gx_vocab_label (GX_VOCAB_ASSETS_BAND, bands[i].code));
      g_ptr_array_add (ids, g_strdup (bands[i].code));
    }
  ask (self, _("New Tier"), fields, _("Assets to qualify"), labels, ids, add_tier_done);
}

static void
add_right_done (GxClubSettings *self,
                GHashTable     *values,
                const char     *choice_id)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *id = gx_uuid_v7_new ();
  gint64 quota;

  if (choice_id == NULL || !form_int (self, values, "yearly_quota", _("Yearly quota"), 0, TRUE, &quota))
    return;

  json_object_set_string_member (fields, "tier_id", choice_id);
  json_object_set_string_member (fields, "name", g_hash_table_lookup (values, "name"));
  json_object_set_string_member (fields, "description", g_hash_table_lookup (values, "description"));
  if (quota > 0)
    json_object_set_int_member (fields, "yearly_quota", quota);
  write_record (self, "insert", "tier_right", id, fields);
}

static void
gx_club_settings_add_right_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GxClubSettings *self = GX_CLUB_SETTINGS (widget);
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  const char *fields[] = {
    "name", _("Right, e.g. Airport lounge"), "description", _("Description"),
    "yearly_quota", _("Uses a year (empty for no limit)"), NULL,
  };
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (db, "SELECT id, code, name FROM club_tiers WHERE club_id = ? ORDER BY rank DESC", NULL);
  sqlite3_bind_text (stmt, 1, self->club_id ? self->club_id : "", -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *label = gx_tier_label (gx_db_column_text (stmt, 1), gx_db_column_text (stmt, 2));
      gtk_string_list_append (labels, label);
      g_ptr_array_add (ids, gx_db_dup_column (stmt, 0));
    }
  sqlite3_reset (stmt);

  if (ids->len == 0)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Add a tier first")));
      return;
    }
  ask (self, _("New Right"), fields, _("Tier"), labels, ids, add_right_done);
}

static void
add_reward_done (GxClubSettings *self,
                 GHashTable     *values,
                 const char     *choice_id)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *id = gx_uuid_v7_new ();
  gint64 cost;

  if (!form_int (self, values, "points_cost", _("Points"), 0, FALSE, &cost))
    return;

  json_object_set_string_member (fields, "club_id", self->club_id);
  json_object_set_string_member (fields, "name", g_hash_table_lookup (values, "name"));
  json_object_set_int_member (fields, "points_cost", cost);
  write_record (self, "insert", "reward", id, fields);
}

static void
gx_club_settings_add_reward_action (GtkWidget *widget, const char *name, GVariant *param)
{
  const char *fields[] = { "name", _("Reward, e.g. Longjing tea"), "points_cost", _("Points it costs"), NULL };

  if (GX_CLUB_SETTINGS (widget)->club_id != NULL)
    ask (GX_CLUB_SETTINGS (widget), _("New Reward"), fields, NULL, NULL, NULL, add_reward_done);
}

static void
on_remove_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       GxClubSettings   *self)
{
  if (g_strcmp0 (response, "remove") == 0)
    write_record (self, "delete", g_object_get_data (G_OBJECT (dialog), "kind"),
                  g_object_get_data (G_OBJECT (dialog), "id"), NULL);
}

static void
gx_club_settings_remove_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GxClubSettings *self = GX_CLUB_SETTINGS (widget);
  const char *kind, *id, *title;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  g_variant_get (param, "(&s&s&s)", &kind, &id, &title);
  /* Translators: "Remove “Golf”?" */
  heading = g_strdup_printf (_("Remove “%s”?"), title);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   g_str_equal (kind, "circle")
                                   ? _("Its members leave the circle. This cannot be undone.")
                                   : _("It is removed from the handbook. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "kind", g_strdup (kind), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
gx_club_settings_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GX_TYPE_CLUB_SETTINGS);

  G_OBJECT_CLASS (gx_club_settings_parent_class)->dispose (object);
}

static void
gx_club_settings_finalize (GObject *object)
{
  GxClubSettings *self = (GxClubSettings *) object;

  g_clear_object (&self->context);
  g_clear_pointer (&self->club_ids, g_ptr_array_unref);
  g_clear_pointer (&self->club_id, g_free);

  G_OBJECT_CLASS (gx_club_settings_parent_class)->finalize (object);
}

static void
gx_club_settings_class_init (GxClubSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_club_settings_dispose;
  object_class->finalize = gx_club_settings_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-club-settings.ui");
  gtk_widget_class_bind_template_child (widget_class, GxClubSettings, club_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubSettings, name_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubSettings, prefix_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubSettings, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubSettings, description_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubSettings, handbook_view);
  gtk_widget_class_bind_template_child (widget_class, GxClubSettings, circles_list);
  gtk_widget_class_bind_template_child (widget_class, GxClubSettings, tiers_list);
  gtk_widget_class_bind_template_child (widget_class, GxClubSettings, rights_list);
  gtk_widget_class_bind_template_child (widget_class, GxClubSettings, rewards_list);
  gtk_widget_class_bind_template_callback (widget_class, on_club_selected_cb);

  gtk_widget_class_install_action (widget_class, "settings.new-club", NULL, gx_club_settings_new_club_action);
  gtk_widget_class_install_action (widget_class, "settings.save-club", NULL, gx_club_settings_save_club_action);
  gtk_widget_class_install_action (widget_class, "settings.add-circle", NULL, gx_club_settings_add_circle_action);
  gtk_widget_class_install_action (widget_class, "settings.add-tier", NULL, gx_club_settings_add_tier_action);
  gtk_widget_class_install_action (widget_class, "settings.add-right", NULL, gx_club_settings_add_right_action);
  gtk_widget_class_install_action (widget_class, "settings.add-reward", NULL, gx_club_settings_add_reward_action);
  gtk_widget_class_install_action (widget_class, "settings.remove", "(sss)", gx_club_settings_remove_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "settings.save-club", NULL);
}

static void
gx_club_settings_init (GxClubSettings *self)
{
  g_autoptr(GtkStringList) rules = gtk_string_list_new (NULL);
  const GxVocabEntry *entries;
  guint n;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->club_ids = g_ptr_array_new_with_free_func (g_free);

  entries = gx_vocab_entries (GX_VOCAB_POINTS_EXPIRY, &n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (rules, gx_vocab_label (GX_VOCAB_POINTS_EXPIRY, entries[i].code));
  adw_combo_row_set_model (self->expiry_row, G_LIST_MODEL (rules));
}

/**
 * gx_club_settings_new:
 * @context: the desk's context
 * @club_id: (nullable): the club shown first
 *
 * Returns: (transfer floating): the window
 */
GtkWidget *
gx_club_settings_new (GxContext  *context,
                      const char *club_id)
{
  GxClubSettings *self;

  g_return_val_if_fail (GX_IS_CONTEXT (context), NULL);

  self = g_object_new (GX_TYPE_CLUB_SETTINGS, NULL);
  self->context = g_object_ref (context);
  self->club_id = g_strdup (club_id);
  reload (self);

  return GTK_WIDGET (self);
}
