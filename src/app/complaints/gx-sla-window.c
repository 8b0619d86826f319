/* gx-sla-window.c: supervisors set the time limits and the working calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-sla-window"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "gx-case-categories-page.h"
#include "gx-enums.h"
#include "gx-format.h"
#include "gx-sla-window.h"
#include "gx-sla.h"

/* Each time limit is a group of its own with a Save button; the working calendar has its
 * hours (a new version from a date on) and its special days. Core keeps the past intact:
 * a saved limit is a new version, new hours hold from their date. */

struct _GxSlaWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesPage   *limits_page;
  AdwEntryRow          *day_start_row;
  AdwEntryRow          *day_end_row;
  GtkBox               *weekdays_box;
  AdwEntryRow          *valid_from_row;
  AdwPreferencesGroup  *days_group;
  AdwEntryRow          *new_day_row;
  AdwComboRow          *new_kind_row;
  AdwEntryRow          *new_name_row;
  AdwComboRow          *new_severity_row;
  AdwComboRow          *new_tier_row;

  /* Owned */
  GPtrArray            *tier_ids;
  GxContext            *context;
  GPtrArray            *policy_groups;
  GPtrArray            *day_rows;
  GtkToggleButton      *weekdays[7];
};

G_DEFINE_FINAL_TYPE (GxSlaWindow, gx_sla_window, ADW_TYPE_PREFERENCES_WINDOW)

static GxDb *
reader (GxSlaWindow *self)
{
  return gx_store_get_main_reader (gx_context_get_store (self->context));
}

static void fill (GxSlaWindow *self);

/* Writing */

typedef enum
{
  WRITE_POLICY,
  WRITE_HOURS,
  WRITE_DAY,
  WRITE_TIER_POLICY,
} WriteKind;

typedef struct
{
  WriteKind   kind;
  char       *user_id;
  gint64      now;
  char       *id;
  JsonObject *changes;
  char       *day;
  char       *day_kind;
  char       *name;
  char       *weekdays;
  int         day_start;
  int         day_end;
} Write;

static void
write_free (Write *write)
{
  g_free (write->user_id);
  g_free (write->id);
  g_clear_pointer (&write->changes, json_object_unref);
  g_free (write->day);
  g_free (write->day_kind);
  g_free (write->name);
  g_free (write->weekdays);
  g_free (write);
}

static gboolean
write_cb (GxDb      *db,
          gpointer   data,
          GError   **error)
{
  Write *write = data;
  GxWriteMeta meta = { .now = write->now, .user_id = write->user_id };

  switch (write->kind)
    {
    case WRITE_POLICY:
      return gx_sla_policy_save (db, write->id, write->changes, &meta, NULL, error);
    case WRITE_HOURS:
      return gx_work_calendar_save_hours (db, "default", write->day, write->day_start, write->day_end,
                                          write->weekdays, &meta, error);
    case WRITE_DAY:
      return gx_work_calendar_set_special_day (db, "default", write->day, write->day_kind, write->name, &meta, error);
    case WRITE_TIER_POLICY:
      return gx_sla_policy_add_for_tier (db, write->day_kind, write->id, &meta, NULL, error);
    default:
      g_assert_not_reached ();
    }
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GxSlaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gx_store_write_finish (GX_STORE (object), result, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Saved")));
  fill (self);
}

static void
run_write (GxSlaWindow *self,
           Write       *write)
{
  write->user_id = g_strdup (gx_context_get_user_id (self->context));
  write->now = gx_clock_now (gx_context_get_clock (self->context));
  gx_store_write_async (gx_context_get_store (self->context), write_cb, write, (GDestroyNotify) write_free,
                        NULL, written_cb, g_object_ref (self));
}

/* Time limits */

static GtkWidget *
spin_row (AdwPreferencesGroup *group,
          const char          *title,
          double               value,
          double               lower,
          double               upper,
          double               step,
          guint                digits,
          const char          *key)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  g_object_set_data (G_OBJECT (group), key, spin);
  return spin;
}

static GtkWidget *
switch_row (AdwPreferencesGroup *group,
            const char          *title,
            gboolean             value,
            const char          *key)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  gtk_switch_set_active (GTK_SWITCH (toggle), value);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (group, row);
  g_object_set_data (G_OBJECT (group), key, toggle);
  return toggle;
}

static gint64
spin_minutes (AdwPreferencesGroup *group,
              const char          *key)
{
  return (gint64) (gtk_spin_button_get_value (g_object_get_data (G_OBJECT (group), key)) * 60 + 0.5);
}

static void
on_save_policy_clicked_cb (GtkButton           *button,
                           AdwPreferencesGroup *group)
{
  GxSlaWindow *self = GX_SLA_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));
  Write *write = g_new0 (Write, 1);

  write->kind = WRITE_POLICY;
  write->id = g_strdup (g_object_get_data (G_OBJECT (group), "gx-id"));
  write->changes = json_object_new ();
  json_object_set_int_member (write->changes, "ack_minutes", spin_minutes (group, "ack"));
  json_object_set_int_member (write->changes, "resolve_minutes", spin_minutes (group, "resolve"));
  json_object_set_int_member (write->changes, "escalate_minutes", spin_minutes (group, "escalate"));
  json_object_set_int_member (write->changes, "warn_percent",
                              gtk_spin_button_get_value_as_int (g_object_get_data (G_OBJECT (group), "warn")));
  json_object_set_int_member (write->changes, "business_hours",
                              gtk_switch_get_active (g_object_get_data (G_OBJECT (group), "business")));
  if (gtk_switch_get_active (g_object_get_data (G_OBJECT (group), "business")))
    json_object_set_string_member (write->changes, "calendar_id", "default");
  json_object_set_int_member (write->changes, "review_required",
                              gtk_switch_get_active (g_object_get_data (G_OBJECT (group), "review")));
  run_write (self, write);
}

static void
fill_policies (GxSlaWindow *self)
{
  sqlite3_stmt *stmt;

  for (guint i = 0; i < self->policy_groups->len; i++)
    adw_preferences_page_remove (self->limits_page, g_ptr_array_index (self->policy_groups, i));
  g_ptr_array_set_size (self->policy_groups, 0);

  stmt = gx_db_prepare (reader (self),
                        "SELECT p.id, p.name, p.severity, t.name, p.ack_minutes, p.resolve_minutes, p.business_hours,"
                        "       p.review_required, p.warn_percent, p.escalate_minutes, p.tier_id"
                        "  FROM sla_policies p LEFT JOIN tiers t ON t.id = p.tier_id"
                        " WHERE p.active = 1"
                        " ORDER BY CASE p.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2"
                        "          WHEN 'low' THEN 3 ELSE 4 END, p.tier_id IS NOT NULL, p.name",
                        NULL);
  if (stmt == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
      const char *severity = (const char *) sqlite3_column_text (stmt, 2);
      g_autofree char *title = NULL;

      if (severity != NULL && sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        /* Translators: a severity, then a customer tier: "High, Gold customers" */
        title = g_strdup_printf (_("%s, %s customers"), gx_vocab_label (GX_VOCAB_SEVERITY, severity),
                                 gx_vocab_contains (GX_VOCAB_TIER, gx_db_column_text (stmt, 10))
                                 ? gx_vocab_label (GX_VOCAB_TIER, gx_db_column_text (stmt, 10)) : gx_db_column_text (stmt, 3));
      else if (severity != NULL)
        title = g_strdup (gx_vocab_label (GX_VOCAB_SEVERITY, severity));
      else
        title = g_strdup (gx_db_column_text (stmt, 1));

      adw_preferences_group_set_title (group, title);
      gtk_widget_set_valign (save, GTK_ALIGN_CENTER);
      adw_preferences_group_set_header_suffix (group, save);
      g_object_set_data_full (G_OBJECT (group), "gx-id", g_strdup (gx_db_column_text (stmt, 0)), g_free);
      g_signal_connect_object (save, "clicked", G_CALLBACK (on_save_policy_clicked_cb), group, 0);

      spin_row (group, _("Acknowledge within (hours)"), sqlite3_column_int (stmt, 4) / 60.0, 0.25, 240, 0.25, 2, "ack");
      spin_row (group, _("Answer within (hours)"), sqlite3_column_int (stmt, 5) / 60.0, 0.25, 2400, 0.5, 2, "resolve");
      switch_row (group, _("Count working hours only"), sqlite3_column_int (stmt, 6) != 0, "business");
      switch_row (group, _("A supervisor signs the response off"), sqlite3_column_int (stmt, 7) != 0, "review");
      spin_row (group, _("Amber after (percent of the time)"), sqlite3_column_int (stmt, 8), 1, 100, 5, 0, "warn");
      spin_row (group, _("Escalate again every (hours)"), sqlite3_column_int (stmt, 9) / 60.0, 0.25, 240, 0.5, 2, "escalate");

      adw_preferences_page_add (self->limits_page, group);
      g_ptr_array_add (self->policy_groups, group);
    }
  sqlite3_reset (stmt);
}

/* The calendar */

static gboolean
parse_clock (const char *text,
             int        *minutes)
{
  int h, m;
  char tail;

  if (sscanf (text, "%d:%d%c", &h, &m, &tail) != 2 || h < 0 || h > 24 || m < 0 || m > 59 || h * 60 + m > 1440)
    return FALSE;
  *minutes = h * 60 + m;
  return TRUE;
}

static void
gx_sla_window_save_hours_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  GxSlaWindow *self = GX_SLA_WINDOW (widget);
  g_autoptr(GString) weekdays = g_string_new (NULL);
  Write *write;
  int start, end;

  gtk_widget_remove_css_class (GTK_WIDGET (self->day_start_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->day_end_row), "error");
  if (!parse_clock (gtk_editable_get_text (GTK_EDITABLE (self->day_start_row)), &start))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->day_start_row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Write the time as 09:00.")));
      return;
    }
  if (!parse_clock (gtk_editable_get_text (GTK_EDITABLE (self->day_end_row)), &end))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->day_end_row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Write the time as 18:00.")));
      return;
    }

  for (int i = 0; i < 7; i++)
    if (gtk_toggle_button_get_active (self->weekdays[i]))
      g_string_append_c (weekdays, (char) ('1' + i));

  write = g_new0 (Write, 1);
  write->kind = WRITE_HOURS;
  write->day = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->valid_from_row)));
  write->day_start = start;
  write->day_end = end;
  write->weekdays = g_strdup (weekdays->str);
  run_write (self, write);
}

static void
on_add_day_cb (GxSlaWindow *self)
{
  Write *write = g_new0 (Write, 1);

  write->kind = WRITE_DAY;
  write->day = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_day_row))));
  write->day_kind = g_strdup (adw_combo_row_get_selected (self->new_kind_row) == 0 ? "holiday" : "workday");
  write->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->new_name_row))));
  run_write (self, write);
  gtk_editable_set_text (GTK_EDITABLE (self->new_day_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->new_name_row), "");
}

static void
gx_sla_window_add_tier_limit_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  GxSlaWindow *self = GX_SLA_WINDOW (widget);
  guint n;
  const GxVocabEntry *severities = gx_vocab_entries (GX_VOCAB_SEVERITY, &n);
  guint severity = adw_combo_row_get_selected (self->new_severity_row);
  guint tier = adw_combo_row_get_selected (self->new_tier_row);
  Write *write;

  if (severity >= n || tier >= self->tier_ids->len)
    return;

  write = g_new0 (Write, 1);
  write->kind = WRITE_TIER_POLICY;
  write->day_kind = g_strdup (severities[severity].code);
  write->id = g_strdup (g_ptr_array_index (self->tier_ids, tier));
  run_write (self, write);
}

static void
gx_sla_window_remove_day_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  Write *write = g_new0 (Write, 1);

  write->kind = WRITE_DAY;
  write->day = g_strdup (g_variant_get_string (parameter, NULL));
  run_write (GX_SLA_WINDOW (widget), write);
}

static void
fill_calendar (GxSlaWindow *self)
{
  g_autofree char *today = gx_clock_dup_today (gx_context_get_clock (self->context));
  sqlite3_stmt *stmt;

  for (guint i = 0; i < self->day_rows->len; i++)
    adw_preferences_group_remove (self->days_group, g_ptr_array_index (self->day_rows, i));
  g_ptr_array_set_size (self->day_rows, 0);

  /* The hours in force today. */
  stmt = gx_db_prepare (reader (self),
                        "SELECT day_start, day_end, weekdays FROM work_calendars"
                        " WHERE (id = 'default' OR base_id = 'default') AND valid_from <= ?"
                        " ORDER BY valid_from DESC LIMIT 1",
                        NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          int start = sqlite3_column_int (stmt, 0), end = sqlite3_column_int (stmt, 1);
          g_autofree char *from = g_strdup_printf ("%02d:%02d", start / 60, start % 60);
          g_autofree char *to = g_strdup_printf ("%02d:%02d", end / 60, end % 60);
          const char *weekdays = gx_db_column_text (stmt, 2);

          gtk_editable_set_text (GTK_EDITABLE (self->day_start_row), from);
          gtk_editable_set_text (GTK_EDITABLE (self->day_end_row), to);
          for (int i = 0; i < 7; i++)
            gtk_toggle_button_set_active (self->weekdays[i], strchr (weekdays, '1' + i) != NULL);
        }
      sqlite3_reset (stmt);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->valid_from_row), today);

  stmt = gx_db_prepare (reader (self),
                        "SELECT day, kind, name FROM calendar_days WHERE calendar_id = 'default' AND day >= ?"
                        " ORDER BY day", NULL);
  if (stmt == NULL)
    return;
  /* Last year's days stay in the store (old deadlines need them); the list shows what is ahead. */
  {
    g_autofree char *since = g_strdup_printf ("%.4s-01-01", today);
    sqlite3_bind_text (stmt, 1, since, -1, SQLITE_TRANSIENT);
  }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *date = gx_format_iso_date (gx_db_column_text (stmt, 0));
      const char *kind = g_strcmp0 (gx_db_column_text (stmt, 1), "workday") == 0 ? _("Working day (调休)") : _("Holiday");
      g_autofree char *subtitle = *gx_db_column_text (stmt, 2) ? g_strdup_printf ("%s · %s", kind, gx_db_column_text (stmt, 2))
                                                                : g_strdup (kind);
      /* Translators: %s is a date */
      g_autofree char *tooltip = g_strdup_printf (_("Make %s an ordinary day"), date);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "sla.remove-day");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", gx_db_column_text (stmt, 0));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->days_group, row);
      g_ptr_array_add (self->day_rows, row);
    }
  sqlite3_reset (stmt);
}

static void
fill (GxSlaWindow *self)
{
  fill_policies (self);
  fill_calendar (self);
}

static void
load_tiers (GxSlaWindow *self)
{
  g_autoptr(GtkStringList) severities = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) tiers = gtk_string_list_new (NULL);
  guint n;
  const GxVocabEntry *entries = gx_vocab_entries (GX_VOCAB_SEVERITY, &n);
  sqlite3_stmt *stmt;

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (severities, _(entries[i].label));
  adw_combo_row_set_model (self->new_severity_row, G_LIST_MODEL (severities));

  stmt = gx_db_prepare (reader (self), "SELECT id, name FROM tiers ORDER BY scheme DESC, rank DESC", NULL);
  if (stmt != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *id = gx_db_column_text (stmt, 0);

          g_ptr_array_add (self->tier_ids, g_strdup (id));
          gtk_string_list_append (tiers, gx_vocab_contains (GX_VOCAB_TIER, id) ? gx_vocab_label (GX_VOCAB_TIER, id)
                                                                             : gx_db_column_text (stmt, 1));
        }
      sqlite3_reset (stmt);
    }
  adw_combo_row_set_model (self->new_tier_row, G_LIST_MODEL (tiers));
}

/* GObject */

static void
gx_sla_window_dispose (GObject *object)
{
  GxSlaWindow *self = (GxSlaWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_SLA_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_sla_window_parent_class)->dispose (object);
}

static void
gx_sla_window_finalize (GObject *object)
{
  GxSlaWindow *self = (GxSlaWindow *) object;

  g_clear_pointer (&self->policy_groups, g_ptr_array_unref);
  g_clear_pointer (&self->day_rows, g_ptr_array_unref);
  g_clear_pointer (&self->tier_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (gx_sla_window_parent_class)->finalize (object);
}

static void
gx_sla_window_class_init (GxSlaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_sla_window_dispose;
  object_class->finalize = gx_sla_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-sla-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GxSlaWindow, limits_page);
  gtk_widget_class_bind_template_child (widget_class, GxSlaWindow, day_start_row);
  gtk_widget_class_bind_template_child (widget_class, GxSlaWindow, day_end_row);
  gtk_widget_class_bind_template_child (widget_class, GxSlaWindow, weekdays_box);
  gtk_widget_class_bind_template_child (widget_class, GxSlaWindow, valid_from_row);
  gtk_widget_class_bind_template_child (widget_class, GxSlaWindow, days_group);
  gtk_widget_class_bind_template_child (widget_class, GxSlaWindow, new_day_row);
  gtk_widget_class_bind_template_child (widget_class, GxSlaWindow, new_kind_row);
  gtk_widget_class_bind_template_child (widget_class, GxSlaWindow, new_name_row);
  gtk_widget_class_bind_template_child (widget_class, GxSlaWindow, new_severity_row);
  gtk_widget_class_bind_template_child (widget_class, GxSlaWindow, new_tier_row);
  gtk_widget_class_bind_template_callback (widget_class, on_add_day_cb);

  gtk_widget_class_install_action (widget_class, "sla.save-hours", NULL, gx_sla_window_save_hours_action);
  gtk_widget_class_install_action (widget_class, "sla.remove-day", "s", gx_sla_window_remove_day_action);
  gtk_widget_class_install_action (widget_class, "sla.add-tier-limit", NULL, gx_sla_window_add_tier_limit_action);
}

static void
gx_sla_window_init (GxSlaWindow *self)
{
  /* Translators: one-letter weekday names, Monday first: 一 二 三 四 五 六 日 */
  const char *names[7] = { N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"), N_("Sa"), N_("Su") };
  const char *full[7] = { N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
                          N_("Saturday"), N_("Sunday") };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->policy_groups = g_ptr_array_new ();
  self->day_rows = g_ptr_array_new ();
  self->tier_ids = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < 7; i++)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_label (_(names[i]));

      gtk_widget_set_tooltip_text (toggle, _(full[i]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, _(full[i]), -1);
      gtk_box_append (self->weekdays_box, toggle);
      self->weekdays[i] = GTK_TOGGLE_BUTTON (toggle);
    }
}

/**
 * gx_sla_window_new:
 * @context: the desk's context
 *
 * Returns: (transfer floating): the window
 */
GtkWidget *
gx_sla_window_new (GxContext *context)
{
  GxSlaWindow *self;

  g_return_val_if_fail (GX_IS_CONTEXT (context), NULL);

  self = g_object_new (GX_TYPE_SLA_WINDOW, NULL);
  self->context = g_object_ref (context);
  load_tiers (self);
  fill (self);
  /* The causes complaints are filed under are the supervisors' to keep, too. */
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (gx_case_categories_page_new (context)));

  return GTK_WIDGET (self);
}
