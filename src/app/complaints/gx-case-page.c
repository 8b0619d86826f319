/* gx-case-page.c: one complaint case — where it stands, what to do next, what happened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-case-page"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-case-action-dialog.h"
#include "gx-case-ops.h"
#include "gx-case-page.h"
#include "gx-enums.h"
#include "gx-format.h"
#include "gx-lessons-window.h"
#include "gx-record.h"
#include "gx-visibility.h"
#include "gx-window.h"

/* The page reads the case from the store each time it changes and renders what core
 * decides: the moves offered come from gx_case_next_transitions(), the deadline words and
 * colour from gx_case_deadline(), the clock's running and paused spells from the SLA engine.
 * Every change goes through a GxCaseOp on the store's writer. */

struct _GxCasePage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwPreferencesPage  *page;
  GtkLabel            *title_label;
  GtkLabel            *number_label;
  GtkLabel            *status_badge;
  GtkLabel            *severity_badge;
  GtkLabel            *deadline_badge;
  GtkBox              *actions_box;
  GtkMenuButton       *more_button;
  AdwPreferencesGroup *review_banner;
  AdwActionRow        *customer_row;
  AdwActionRow        *description_row;
  AdwActionRow        *remedy_row;
  AdwActionRow        *channel_row;
  AdwActionRow        *category_row;
  AdwActionRow        *severity_row;
  AdwActionRow        *received_row;
  AdwActionRow        *first_responder_row;
  AdwActionRow        *assignee_row;
  AdwPreferencesGroup *sla_group;
  AdwActionRow        *ack_row;
  AdwActionRow        *answer_row;
  GtkLabel            *answer_state_label;
  AdwExpanderRow      *clock_row;
  AdwActionRow        *escalation_row;
  AdwPreferencesGroup *resolution_text_group;
  AdwPreferencesGroup *resolution_group;
  GtkButton           *save_button;
  GtkTextView         *resolution_view;
  GtkSwitch           *apology_switch;
  AdwEntryRow         *compensation_amount_row;
  AdwEntryRow         *compensation_kind_row;
  AdwEntryRow         *root_cause_row;
  AdwEntryRow         *final_decision_row;
  GtkLabel            *resolution_error_label;
  AdwPreferencesGroup *visit_group;
  AdwPreferencesGroup *review_group;
  AdwPreferencesGroup *timeline_group;
  AdwPreferencesGroup *files_group;
  AdwPreferencesGroup *lessons_group;

  /* Owned */
  GxContext           *context;
  char                *case_id;
  JsonObject          *record;
  GPtrArray           *group_rows;     /* rows added to groups, removed on reload */
  GPtrArray           *clock_rows;
  GPtrArray           *move_buttons;
  GCancellable        *cancellable;
  guint                reload_source;

  guint                filling : 1;
  guint                dirty : 1;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CASE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GxCasePage, gx_case_page, GTK_TYPE_WIDGET)

static const char * const watched_tables[] = {
  "cases", "case_events", "return_visits", "return_visit_scores", "case_attachments", "lessons",
  "users", "customers", NULL
};

/* Reading */

static const char *
member_string (JsonObject *object,
               const char *name)
{
  if (object == NULL || !json_object_has_member (object, name) || json_object_get_null_member (object, name))
    return NULL;
  return json_object_get_string_member (object, name);
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  if (object == NULL || !json_object_has_member (object, name) || json_object_get_null_member (object, name))
    return 0;
  return json_object_get_int_member (object, name);
}

static GxDb *
reader (GxCasePage *self)
{
  return gx_store_get_main_reader (gx_context_get_store (self->context));
}

static char *
user_name (GxCasePage *self,
           const char *user_id)
{
  if (user_id == NULL)
    return g_strdup ("");
  return gx_db_query_string (reader (self), "SELECT display_name FROM users WHERE id = ?",
                             g_variant_new ("(s)", user_id), NULL);
}

static char *
format_time (gint64 t)
{
  return gx_format_date_time (t, NULL);
}

static gint64
now (GxCasePage *self)
{
  return gx_clock_now (gx_context_get_clock (self->context));
}

/* Rows added by code are remembered with their group, to be removed on the next fill. */
static GtkWidget *
add_group_row (GxCasePage          *self,
               AdwPreferencesGroup *group,
               const char          *title,
               const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_group_add (group, row);
  g_object_set_data (G_OBJECT (row), "gx-group", group);
  g_ptr_array_add (self->group_rows, row);
  return row;
}

static void
clear_group_rows (GxCasePage *self)
{
  for (guint i = 0; i < self->group_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->group_rows, i);
      adw_preferences_group_remove (g_object_get_data (G_OBJECT (row), "gx-group"), row);
    }
  g_ptr_array_set_size (self->group_rows, 0);

  for (guint i = 0; i < self->clock_rows->len; i++)
    adw_expander_row_remove (self->clock_row, g_ptr_array_index (self->clock_rows, i));
  g_ptr_array_set_size (self->clock_rows, 0);

  for (guint i = 0; i < self->move_buttons->len; i++)
    gtk_box_remove (self->actions_box, g_ptr_array_index (self->move_buttons, i));
  g_ptr_array_set_size (self->move_buttons, 0);
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_action_row_set_subtitle (row, text ? text : "");
}

static void
set_style (GtkWidget  *widget,
           const char *style)
{
  gtk_widget_remove_css_class (widget, "success");
  gtk_widget_remove_css_class (widget, "warning");
  gtk_widget_remove_css_class (widget, "error");
  if (style != NULL)
    gtk_widget_add_css_class (widget, style);
}

/* The clock */

static const char *
segment_title (const GxSlaSegment *segment)
{
  switch (segment->state)
    {
    case GX_SLA_CLOCK_RUNNING:
      return _("Running");
    case GX_SLA_CLOCK_PAUSED:
      return _("Paused while waiting for the customer");
    case GX_SLA_CLOCK_STOPPED:
    default:
      return _("Stopped: decision communicated");
    }
}

/**
 * gx_case_page_refresh_clock:
 * @self: a #GxCasePage
 *
 * Renders the deadlines against the clock's now: the badge under the title, the answer row
 * and the clock's spells. The places call it on their periodic tick.
 */
void
gx_case_page_refresh_clock (GxCasePage *self)
{
  g_auto(GxSlaClock) clock = { 0 };
  g_auto(GxSlaPolicy) policy = { 0 };
  g_autofree char *words = NULL;
  g_autofree char *ack_text = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *clock_text = NULL;
  GxDeadlineState state;
  gint64 t;

  g_return_if_fail (GX_IS_CASE_PAGE (self));

  if (self->record == NULL)
    return;

  t = now (self);
  state = gx_case_deadline (member_string (self->record, "status"),
                            member_int (self->record, "ack_due_at"), member_int (self->record, "acknowledged_at"),
                            member_int (self->record, "resolve_due_at"), member_int (self->record, "resolve_warn_at"),
                            member_int (self->record, "resolved_at"), t, &words);
  gtk_label_set_label (self->deadline_badge, words);
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_badge), words != NULL && *words != '\0');
  set_style (GTK_WIDGET (self->deadline_badge), gx_deadline_style_class (state));
  gtk_label_set_label (self->answer_state_label, words);
  gtk_widget_set_visible (GTK_WIDGET (self->answer_state_label), words != NULL && *words != '\0');
  set_style (GTK_WIDGET (self->answer_state_label), gx_deadline_style_class (state));
  /* The words carry the state for screen readers too. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->deadline_badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  words ? words : "", -1);

  {
    g_autofree char *due = format_time (member_int (self->record, "ack_due_at"));
    gint64 acknowledged = member_int (self->record, "acknowledged_at");

    if (acknowledged != 0)
      {
        g_autofree char *at = format_time (acknowledged);
        /* Translators: a deadline, then when it was met */
        ack_text = g_strdup_printf (_("%s · acknowledged %s"), due, at);
      }
    else
      ack_text = g_steal_pointer (&due);
    set_subtitle (self->ack_row, ack_text);
  }

  if (member_int (self->record, "resolve_due_at") != 0)
    answer = format_time (member_int (self->record, "resolve_due_at"));
  else if (g_strcmp0 (member_string (self->record, "status"), "waiting_customer") == 0)
    answer = g_strdup (_("Not counting while the customer is asked"));
  set_subtitle (self->answer_row, answer);

  for (guint i = 0; i < self->clock_rows->len; i++)
    adw_expander_row_remove (self->clock_row, g_ptr_array_index (self->clock_rows, i));
  g_ptr_array_set_size (self->clock_rows, 0);

  if (!gx_case_load_clock (reader (self), self->case_id, t, &clock, &policy, NULL))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->clock_row), FALSE);
      return;
    }

  {
    g_autofree char *elapsed = gx_format_duration (clock.elapsed);
    g_autofree char *limit = gx_format_duration (clock.limit);
    const char *kind = policy.calendar != NULL ? _("working hours") : _("calendar hours");

    if (clock.paused > 0)
      {
        g_autofree char *paused = gx_format_duration (clock.paused);
        /* Translators: "6 h of 18 h working hours used, paused 3 days" */
        clock_text = g_strdup_printf (_("%s of %s %s used, paused %s"), elapsed, limit, kind, paused);
      }
    else
      /* Translators: "6 h of 18 h working hours used" */
      clock_text = g_strdup_printf (_("%s of %s %s used"), elapsed, limit, kind);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->clock_row), TRUE);
  adw_expander_row_set_subtitle (self->clock_row, clock_text);

  for (guint i = 0; i < clock.segments->len; i++)
    {
      const GxSlaSegment *segment = &g_array_index (clock.segments, GxSlaSegment, i);
      g_autofree char *from = format_time (segment->start);
      g_autofree char *to = format_time (segment->end);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (segment->state == GX_SLA_CLOCK_RUNNING)
        {
          g_autofree char *counted = gx_format_duration (segment->counted);
          /* Translators: a time span, then how much of it counted, e.g. "3 h" */
          subtitle = g_strdup_printf (_("%s – %s · %s counted"), from, to, counted);
        }
      else if (segment->state == GX_SLA_CLOCK_PAUSED)
        subtitle = g_strdup_printf (_("%s – %s · not counted"), from, to);
      else
        subtitle = g_strdup_printf (_("since %s"), from);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), segment_title (segment));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_expander_row_add_row (self->clock_row, row);
      g_ptr_array_add (self->clock_rows, row);
    }
}

/* Filling */

static void
fill_resolution (GxCasePage *self)
{
  gint64 amount = member_int (self->record, "compensation_amount");
  g_autofree char *yuan = amount ? g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", amount / 100, (int) (amount % 100)) : g_strdup ("");
  gboolean closed = g_strcmp0 (member_string (self->record, "status"), "closed") == 0;

  self->filling = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->resolution_view),
                            member_string (self->record, "resolution") ? member_string (self->record, "resolution") : "", -1);
  gtk_switch_set_active (self->apology_switch, member_int (self->record, "apology_given") != 0);
  gtk_editable_set_text (GTK_EDITABLE (self->compensation_amount_row), yuan);
  gtk_editable_set_text (GTK_EDITABLE (self->compensation_kind_row),
                         member_string (self->record, "compensation_kind") ? member_string (self->record, "compensation_kind") : "");
  gtk_editable_set_text (GTK_EDITABLE (self->root_cause_row),
                         member_string (self->record, "root_cause") ? member_string (self->record, "root_cause") : "");
  gtk_editable_set_text (GTK_EDITABLE (self->final_decision_row),
                         member_string (self->record, "final_decision") ? member_string (self->record, "final_decision") : "");
  self->filling = FALSE;
  self->dirty = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->resolution_group), !closed);
  gtk_widget_set_sensitive (GTK_WIDGET (self->resolution_text_group), !closed);
  gtk_widget_set_visible (GTK_WIDGET (self->resolution_error_label), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->compensation_amount_row), "error");
}

static void
fill_timeline (GxCasePage *self)
{
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (reader (self),
                        "SELECT e.kind, e.to_status, e.decision, t.display_name, e.department, u.display_name,"
                        "       e.at, e.note, e.score"
                        "  FROM case_events e"
                        "  LEFT JOIN users u ON u.id = e.user_id"
                        "  LEFT JOIN users t ON t.id = e.to_user"
                        " WHERE e.case_id = ? ORDER BY e.at DESC, e.rowid DESC",
                        NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, self->case_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *title = gx_case_event_title (gx_db_column_text (stmt, 0),
                                                    (const char *) sqlite3_column_text (stmt, 1),
                                                    (const char *) sqlite3_column_text (stmt, 2),
                                                    (const char *) sqlite3_column_text (stmt, 3),
                                                    (const char *) sqlite3_column_text (stmt, 4));
      g_autofree char *when = format_time (sqlite3_column_int64 (stmt, 6));
      const char *who = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? _("Guanxi") : gx_db_column_text (stmt, 5);
      const char *note = gx_db_column_text (stmt, 7);
      g_autoptr(GString) subtitle = g_string_new (NULL);

      /* Translators: who did it · when */
      g_string_printf (subtitle, _("%s · %s"), who, when);
      if (sqlite3_column_int (stmt, 8) > 0)
        {
          g_string_append (subtitle, " · ");
          /* Translators: a quality score, e.g. "quality 4/5" */
          g_string_append_printf (subtitle, _("quality %d/5"), sqlite3_column_int (stmt, 8));
        }
      if (*note != '\0')
        g_string_append_printf (subtitle, "\n%s", note);

      add_group_row (self, self->timeline_group, title, subtitle->str);
    }
  sqlite3_reset (stmt);
}

static void
fill_visits (GxCasePage *self)
{
  sqlite3_stmt *stmt;
  gboolean any = FALSE;

  stmt = gx_db_prepare (reader (self),
                        "SELECT v.id, v.scheduled_at, v.done_at, v.method, u.display_name, v.overall, v.accepted, v.comment"
                        "  FROM return_visits v LEFT JOIN users u ON u.id = v.staff_id"
                        " WHERE v.case_id = ? ORDER BY v.scheduled_at",
                        NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, self->case_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *scheduled = format_time (sqlite3_column_int64 (stmt, 1));
      const char *staff = gx_db_column_text (stmt, 4);

      any = TRUE;
      if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
        {
          /* Translators: when, then who calls */
          g_autofree char *text = g_strdup_printf (_("%s · by %s"), scheduled, staff);
          add_group_row (self, self->visit_group, _("Scheduled"), text);
          continue;
        }

      {
        g_autofree char *done = format_time (sqlite3_column_int64 (stmt, 2));
        g_autofree char *text = g_strdup_printf (_("%s · by %s · %s"), done, staff,
                                                 gx_vocab_label (GX_VOCAB_VISIT_METHOD, gx_db_column_text (stmt, 3)));
        g_autofree char *overall = g_strdup_printf (_("%d of 5"), sqlite3_column_int (stmt, 5));
        g_autoptr(GString) factors = g_string_new (NULL);
        sqlite3_stmt *scores;

        add_group_row (self, self->visit_group, _("Done"), text);
        add_group_row (self, self->visit_group, _("Overall satisfaction"), overall);

        scores = gx_db_prepare (reader (self),
                                "SELECT s.factor_id, f.name, s.score FROM return_visit_scores s"
                                "  JOIN service_factors f ON f.id = s.factor_id"
                                " WHERE s.return_visit_id = ? ORDER BY f.position",
                                NULL);
        if (scores != NULL)
          {
            sqlite3_bind_text (scores, 1, gx_db_column_text (stmt, 0), -1, SQLITE_TRANSIENT);
            while (sqlite3_step (scores) == SQLITE_ROW)
              {
                const char *id = gx_db_column_text (scores, 0);
                const char *label = gx_vocab_contains (GX_VOCAB_SERVICE_FACTOR, id)
                                    ? gx_vocab_label (GX_VOCAB_SERVICE_FACTOR, id) : gx_db_column_text (scores, 1);

                if (factors->len > 0)
                  g_string_append (factors, " · ");
                /* Translators: a service factor and its score, e.g. "Speed 4" */
                g_string_append_printf (factors, _("%s %d"), label, sqlite3_column_int (scores, 2));
              }
            sqlite3_reset (scores);
          }
        if (factors->len > 0)
          add_group_row (self, self->visit_group, _("By service factor"), factors->str);
        add_group_row (self, self->visit_group, _("Customer accepts the outcome"),
                       sqlite3_column_int (stmt, 6) ? _("Yes") : _("No"));
        if (*gx_db_column_text (stmt, 7) != '\0')
          add_group_row (self, self->visit_group, _("Customer’s words"), gx_db_column_text (stmt, 7));
      }
    }
  sqlite3_reset (stmt);

  if (member_string (self->record, "no_visit_reason") != NULL && *member_string (self->record, "no_visit_reason") != '\0')
    {
      any = TRUE;
      add_group_row (self, self->visit_group, _("No return visit because"), member_string (self->record, "no_visit_reason"));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->visit_group), any);
}

static void
fill_review (GxCasePage *self)
{
  const char *reviewer = member_string (self->record, "reviewed_by");
  gint64 score = member_int (self->record, "quality_score");

  if (reviewer != NULL)
    {
      g_autofree char *name = user_name (self, reviewer);
      g_autofree char *at = format_time (member_int (self->record, "reviewed_at"));
      g_autofree char *text = g_strdup_printf (_("%s · %s"), name, at);

      add_group_row (self, self->review_group, _("Approved by"), text);
    }
  if (score > 0)
    {
      g_autofree char *text = g_strdup_printf (_("%d of 5"), (int) score);
      add_group_row (self, self->review_group, _("Quality of handling"), text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->review_group), reviewer != NULL || score > 0);
}

static void
fill_files (GxCasePage *self)
{
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (reader (self),
                        "SELECT a.id, a.name, a.size, a.created_at, u.display_name FROM case_attachments a"
                        "  LEFT JOIN users u ON u.id = a.user_id WHERE a.case_id = ? ORDER BY a.created_at",
                        NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, self->case_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *size = g_format_size ((guint64) sqlite3_column_int64 (stmt, 2));
      g_autofree char *when = format_time (sqlite3_column_int64 (stmt, 3));
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s · %s"), size, gx_db_column_text (stmt, 4), when);
      GtkWidget *row = add_group_row (self, self->files_group, gx_db_column_text (stmt, 1), subtitle);
      GtkWidget *open = gtk_button_new_from_icon_name ("document-open-symbolic");
      g_autofree char *tooltip = g_strdup_printf (_("Open %s"), gx_db_column_text (stmt, 1));

      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (open, "flat");
      gtk_widget_set_tooltip_text (open, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "case.open-file");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "s", gx_db_column_text (stmt, 0));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), open);
    }
  sqlite3_reset (stmt);
}

static void
fill_lessons (GxCasePage *self)
{
  const char *category = member_string (self->record, "category_id");
  sqlite3_stmt *stmt;
  guint n = 0;

  if (category != NULL &&
      (stmt = gx_db_prepare (reader (self),
                             "SELECT title, improvement FROM lessons WHERE category_id = ?"
                             " ORDER BY created_at DESC LIMIT 3", NULL)) != NULL)
    {
      sqlite3_bind_text (stmt, 1, category, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          add_group_row (self, self->lessons_group, gx_db_column_text (stmt, 0), gx_db_column_text (stmt, 1));
          n++;
        }
      sqlite3_reset (stmt);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->lessons_group), n > 0);
}

static void
fill_moves (GxCasePage *self,
            const char *status)
{
  g_autoptr(GPtrArray) moves = NULL;
  GxCaseFacts facts;
  GxCaseStatus from = gx_case_status_from_code (status);
  gboolean in_review = from == GX_CASE_IN_REVIEW;

  if (!gx_case_facts_load (reader (self), self->case_id, NULL, gx_context_get_user_id (self->context), &facts, NULL))
    return;

  moves = gx_case_next_transitions (from, &facts);
  for (guint i = 0; i < moves->len; i++)
    {
      const GxCaseTransitionInfo *info = g_ptr_array_index (moves, i);
      g_autofree char *label = g_strdup_printf ("%s%s", _(info->action),
                                                info->needs != GX_CASE_NEEDS_NOTHING ? "…" : "");
      GtkWidget *button = gtk_button_new_with_mnemonic (label);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "case.move");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", (gint32) info->to);
      if (i == 0)
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_box_insert_child_after (self->actions_box, button,
                                  self->move_buttons->len > 0 ? g_ptr_array_index (self->move_buttons, self->move_buttons->len - 1) : NULL);
      g_ptr_array_add (self->move_buttons, button);
    }

  /* A supervisor reviews a response someone else submitted (four eyes). */
  gtk_widget_set_visible (GTK_WIDGET (self->review_banner),
                          in_review && !facts.approved && facts.actor_is_supervisor && !facts.actor_submitted);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.approve", in_review && facts.actor_is_supervisor && !facts.actor_submitted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.send-back", in_review && facts.actor_is_supervisor && !facts.actor_submitted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.visit", from == GX_CASE_COMMUNICATED || from == GX_CASE_RETURN_VISIT);
  /* Lessons are a supervisor's to write, on the desk as on the server. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.lesson",
                                 from == GX_CASE_CLOSED &&
                                 gx_visibility_may_write_kind (gx_context_get_role (self->context), "lesson"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.hand-off", from != GX_CASE_CLOSED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.attach", from != GX_CASE_CLOSED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "case.save", from != GX_CASE_CLOSED);
}

static void
fill (GxCasePage *self)
{
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *first = NULL;
  g_autofree char *assignee = NULL;
  g_autofree char *received = NULL;
  g_autofree char *category = NULL;
  g_autofree char *severity = NULL;
  const char *status;

  clear_group_rows (self);
  g_clear_pointer (&self->record, json_object_unref);

  if (self->case_id == NULL)
    return;

  record = gx_record_read (reader (self), "case", self->case_id, NULL);
  if (record == NULL)
    return;
  self->record = json_object_ref (record);
  status = member_string (record, "status");

  gtk_label_set_label (self->title_label, member_string (record, "subject"));
  gtk_label_set_label (self->number_label, member_string (record, "number"));
  gtk_label_set_label (self->status_badge, gx_vocab_label (GX_VOCAB_CASE_STATUS, status));
  gtk_label_set_label (self->severity_badge, gx_vocab_label (GX_VOCAB_SEVERITY, member_string (record, "severity")));
  set_style (GTK_WIDGET (self->severity_badge),
             g_strcmp0 (member_string (record, "severity"), "critical") == 0 ? "error"
             : g_strcmp0 (member_string (record, "severity"), "high") == 0 ? "warning" : NULL);

  customer = gx_db_query_string (reader (self), "SELECT name || ' · ' || number FROM customers WHERE id = ?",
                                 g_variant_new ("(s)", member_string (record, "customer_id")), NULL);
  set_subtitle (self->customer_row, customer);
  set_subtitle (self->description_row, member_string (record, "description"));
  set_subtitle (self->remedy_row, member_string (record, "remedy_sought"));
  gtk_widget_set_visible (GTK_WIDGET (self->remedy_row),
                          member_string (record, "remedy_sought") != NULL && *member_string (record, "remedy_sought") != '\0');
  set_subtitle (self->channel_row, gx_vocab_label (GX_VOCAB_CASE_CHANNEL, member_string (record, "channel")));

  if (member_string (record, "category_id") != NULL)
    {
      const char *id = member_string (record, "category_id");
      g_autofree char *stored = gx_db_query_string (reader (self), "SELECT name FROM case_categories WHERE id = ?",
                                                    g_variant_new ("(s)", id), NULL);

      category = g_strdup (gx_vocab_display_name (GX_VOCAB_CASE_CATEGORY, id, stored));
    }
  set_subtitle (self->category_row, category);

  if (member_string (record, "impact") != NULL || member_string (record, "urgency") != NULL)
    /* Translators: severity, then impact and urgency, e.g. "High · impact high, urgency medium" */
    severity = g_strdup_printf (_("%s · impact %s, urgency %s"),
                                gx_vocab_label (GX_VOCAB_SEVERITY, member_string (record, "severity")),
                                gx_vocab_label (GX_VOCAB_LEVEL, member_string (record, "impact")),
                                gx_vocab_label (GX_VOCAB_LEVEL, member_string (record, "urgency")));
  else
    severity = g_strdup (gx_vocab_label (GX_VOCAB_SEVERITY, member_string (record, "severity")));
  set_subtitle (self->severity_row, severity);

  received = format_time (member_int (record, "received_at"));
  set_subtitle (self->received_row, received);
  first = user_name (self, member_string (record, "first_responder_id"));
  set_subtitle (self->first_responder_row, first);

  assignee = user_name (self, member_string (record, "assignee_id"));
  if (member_string (record, "department") != NULL && *member_string (record, "department") != '\0')
    {
      g_autofree char *both = g_strdup_printf (_("%s (%s)"), assignee && *assignee ? assignee : _("Nobody"),
                                               member_string (record, "department"));
      set_subtitle (self->assignee_row, both);
    }
  else
    set_subtitle (self->assignee_row, assignee && *assignee ? assignee : _("Nobody yet"));

  if (member_int (record, "escalation_level") > 0)
    {
      g_autofree char *to = user_name (self, member_string (record, "escalated_to"));
      g_autofree char *at = format_time (member_int (record, "escalated_at"));
      g_autofree char *text = to && *to
                              ? g_strdup_printf (_("Level %d, to %s, %s"), (int) member_int (record, "escalation_level"), to, at)
                              : g_strdup_printf (_("Level %d, %s"), (int) member_int (record, "escalation_level"), at);

      set_subtitle (self->escalation_row, text);
      gtk_widget_set_visible (GTK_WIDGET (self->escalation_row), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->escalation_row), FALSE);

  if (!self->dirty)
    fill_resolution (self);
  fill_moves (self, status);
  fill_visits (self);
  fill_review (self);
  fill_timeline (self);
  fill_files (self);
  fill_lessons (self);
  gx_case_page_refresh_clock (self);
}

static gboolean
reload_idle_cb (gpointer data)
{
  GxCasePage *self = data;

  self->reload_source = 0;
  fill (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (GxCasePage *self,
                     const char *table)
{
  if (self->case_id == NULL || !g_strv_contains (watched_tables, table))
    return;

  if (self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_DEFAULT, reload_idle_cb, self, NULL);
}

/* Writing */

static void
toast (GxCasePage *self,
       const char *text)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), GX_TYPE_WINDOW);

  if (window != NULL)
    gx_window_add_toast (GX_WINDOW (window), adw_toast_new (text));
}

static void
op_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GxCasePage) self = user_data;
  g_autoptr(GxCaseOp) op = NULL;
  g_autoptr(GError) error = NULL;

  op = gx_case_op_finish (result, &error);
  if (op == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  switch (op->kind)
    {
    case GX_CASE_OP_MOVE:
      {
        g_autofree char *text = g_strdup_printf (_("Case is now “%s”"),
                                                 gx_vocab_label (GX_VOCAB_CASE_STATUS, gx_case_status_to_code (op->to)));
        toast (self, text);
      }
      break;
    case GX_CASE_OP_ATTACH:
      toast (self, _("File attached"));
      break;
    default:
      break;
    }
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GxCasePage) self = user_data;
  g_autoptr(GxCaseOp) op = NULL;
  g_autoptr(GError) error = NULL;

  op = gx_case_op_finish (result, &error);
  if (op == NULL)
    {
      const char *field = gx_record_error_get_field (error);

      /* Everything typed stays; the field at fault is marked and the reason shown. */
      if (g_strcmp0 (field, "compensation_amount") == 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->compensation_amount_row), "error");
      gtk_label_set_label (self->resolution_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->resolution_error_label), TRUE);
      return;
    }

  self->dirty = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->resolution_error_label), FALSE);
  toast (self, _("Resolution saved"));
  fill (self);
}

static void
run_op (GxCasePage *self,
        GxCaseOp   *op)
{
  gx_case_op_run (op, self->context, self->cancellable, op_done_cb, g_object_ref (self));
}

static void
present_dialog (GxCasePage   *self,
                GxCaseAction  action,
                GxCaseStatus  to)
{
  GtkWidget *dialog = gx_case_action_dialog_new (self->context, self->case_id, action, to);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
gx_case_page_move_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GxCasePage *self = GX_CASE_PAGE (widget);
  GxCaseStatus to = (GxCaseStatus) g_variant_get_int32 (parameter);
  GxCaseStatus from;
  const GxCaseTransitionInfo *info;

  if (self->record == NULL)
    return;

  from = gx_case_status_from_code (member_string (self->record, "status"));
  info = gx_case_find_transition (from, to);
  if (info == NULL)
    return;

  /* A move that needs nothing more is done at once; the timeline keeps it. */
  if (info->needs == GX_CASE_NEEDS_NOTHING)
    {
      GxCaseOp *op = gx_case_op_new (GX_CASE_OP_MOVE, self->case_id);

      op->to = to;
      run_op (self, op);
      return;
    }

  present_dialog (self, GX_CASE_ACTION_MOVE, to);
}

static void
gx_case_page_dialog_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  GxCasePage *self = GX_CASE_PAGE (widget);
  GxCaseAction action;

  if (self->case_id == NULL)
    return;

  if (g_str_equal (action_name, "case.approve"))
    action = GX_CASE_ACTION_APPROVE;
  else if (g_str_equal (action_name, "case.send-back"))
    action = GX_CASE_ACTION_SEND_BACK;
  else if (g_str_equal (action_name, "case.hand-off"))
    action = GX_CASE_ACTION_HAND_OFF;
  else if (g_str_equal (action_name, "case.visit"))
    action = GX_CASE_ACTION_VISIT;
  else if (g_str_equal (action_name, "case.lesson"))
    action = GX_CASE_ACTION_LESSON;
  else
    action = GX_CASE_ACTION_NOTE;

  present_dialog (self, action, GX_CASE_STATUS_INVALID);
}

static void
gx_case_page_save_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GxCasePage *self = GX_CASE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *resolution = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->resolution_view);
  GtkTextIter start, end;
  GxCaseOp *op;
  gint64 fen;

  if (self->case_id == NULL)
    return;

  gtk_widget_remove_css_class (GTK_WIDGET (self->compensation_amount_row), "error");
  if (!gx_case_parse_yuan (gtk_editable_get_text (GTK_EDITABLE (self->compensation_amount_row)), &fen, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->compensation_amount_row), "error");
      gtk_label_set_label (self->resolution_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->resolution_error_label), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->compensation_amount_row));
      return;
    }

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  resolution = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  op = gx_case_op_new (GX_CASE_OP_EDIT, self->case_id);
  op->fields = json_object_new ();
  json_object_set_string_member (op->fields, "resolution", resolution);
  json_object_set_int_member (op->fields, "apology_given", gtk_switch_get_active (self->apology_switch));
  if (fen > 0)
    json_object_set_int_member (op->fields, "compensation_amount", fen);
  else
    json_object_set_null_member (op->fields, "compensation_amount");
  json_object_set_string_member (op->fields, "compensation_kind",
                                 gtk_editable_get_text (GTK_EDITABLE (self->compensation_kind_row)));
  json_object_set_string_member (op->fields, "root_cause", gtk_editable_get_text (GTK_EDITABLE (self->root_cause_row)));
  json_object_set_string_member (op->fields, "final_decision",
                                 gtk_editable_get_text (GTK_EDITABLE (self->final_decision_row)));

  gx_case_op_run (op, self->context, self->cancellable, save_done_cb, g_object_ref (self));
}

static void
file_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GxCasePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;
  GFile *file = G_FILE (object);
  GxCaseOp *op;

  bytes = g_file_load_bytes_finish (file, result, NULL, &error);
  if (bytes == NULL)
    {
      toast (self, error->message);
      return;
    }

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE "," G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  name = info ? g_strdup (g_file_info_get_display_name (info)) : g_file_get_basename (file);

  op = gx_case_op_new (GX_CASE_OP_ATTACH, self->case_id);
  op->file = gx_case_file_new (name, info && g_file_info_get_content_type (info)
                                     ? g_file_info_get_content_type (info) : NULL, bytes);
  run_op (self, op);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        GxCasePage      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      g_file_load_bytes_async (file, self->cancellable, file_loaded_cb, g_object_ref (self));
    }
  g_object_unref (chooser);
}

static void
gx_case_page_attach_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  GxCasePage *self = GX_CASE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Attach a File to the Case"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
gx_case_page_open_file_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  GxCasePage *self = GX_CASE_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  /* The file is written where only this user can read it, then opened by its application. */
  dir = g_build_filename (g_get_user_cache_dir (), "guanxi", "attachments", id, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return;

  stmt = gx_db_prepare (reader (self), "SELECT name, data FROM case_attachments WHERE id = ?", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *base = g_path_get_basename (gx_db_column_text (stmt, 0));

      path = g_build_filename (dir, base, NULL);
      ok = g_file_set_contents_full (path, sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1),
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error);
    }
  sqlite3_reset (stmt);

  if (!ok)
    {
      if (error != NULL)
        toast (self, error->message);
      return;
    }

  uri = g_filename_to_uri (path, NULL, NULL);
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), uri, GDK_CURRENT_TIME);
}

static void
gx_case_page_show_lessons_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  GxCasePage *self = GX_CASE_PAGE (widget);
  GtkWidget *window = gx_lessons_window_new (self->context, member_string (self->record, "category_id"));
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_resolution_changed_cb (GxCasePage *self)
{
  if (!self->filling)
    self->dirty = TRUE;
}

/* GObject */

static void
set_context (GxCasePage *self,
             GxContext  *context)
{
  g_assert (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (gx_context_get_store (context), "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
gx_case_page_dispose (GObject *object)
{
  GxCasePage *self = (GxCasePage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_CASE_PAGE);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_case_page_parent_class)->dispose (object);
}

static void
gx_case_page_finalize (GObject *object)
{
  GxCasePage *self = (GxCasePage *) object;

  g_clear_pointer (&self->case_id, g_free);
  g_clear_pointer (&self->record, json_object_unref);
  g_clear_pointer (&self->group_rows, g_ptr_array_unref);
  g_clear_pointer (&self->clock_rows, g_ptr_array_unref);
  g_clear_pointer (&self->move_buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (gx_case_page_parent_class)->finalize (object);
}

static void
gx_case_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GxCasePage *self = GX_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_CASE_ID:
      g_value_set_string (value, self->case_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_case_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GxCasePage *self = GX_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      set_context (self, g_value_get_object (value));
      break;
    case PROP_CASE_ID:
      gx_case_page_set_case_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_case_page_class_init (GxCasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_case_page_dispose;
  object_class->finalize = gx_case_page_finalize;
  object_class->get_property = gx_case_page_get_property;
  object_class->set_property = gx_case_page_set_property;

  /* Set once: by the constructor, or by the place whose template holds the page. */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CASE_ID] =
    g_param_spec_string ("case-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-case-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, page);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, number_label);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, status_badge);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, severity_badge);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, deadline_badge);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, actions_box);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, more_button);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, review_banner);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, customer_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, description_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, remedy_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, channel_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, category_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, severity_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, received_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, first_responder_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, assignee_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, sla_group);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, ack_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, answer_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, answer_state_label);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, clock_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, escalation_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, resolution_text_group);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, resolution_group);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, save_button);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, resolution_view);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, apology_switch);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, compensation_amount_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, compensation_kind_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, root_cause_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, final_decision_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, resolution_error_label);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, visit_group);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, review_group);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, files_group);
  gtk_widget_class_bind_template_child (widget_class, GxCasePage, lessons_group);

  gtk_widget_class_install_action (widget_class, "case.move", "i", gx_case_page_move_action);
  gtk_widget_class_install_action (widget_class, "case.approve", NULL, gx_case_page_dialog_action);
  gtk_widget_class_install_action (widget_class, "case.send-back", NULL, gx_case_page_dialog_action);
  gtk_widget_class_install_action (widget_class, "case.hand-off", NULL, gx_case_page_dialog_action);
  gtk_widget_class_install_action (widget_class, "case.note", NULL, gx_case_page_dialog_action);
  gtk_widget_class_install_action (widget_class, "case.visit", NULL, gx_case_page_dialog_action);
  gtk_widget_class_install_action (widget_class, "case.lesson", NULL, gx_case_page_dialog_action);
  gtk_widget_class_install_action (widget_class, "case.attach", NULL, gx_case_page_attach_action);
  gtk_widget_class_install_action (widget_class, "case.open-file", "s", gx_case_page_open_file_action);
  gtk_widget_class_install_action (widget_class, "case.save", NULL, gx_case_page_save_action);
  gtk_widget_class_install_action (widget_class, "case.show-lessons", NULL, gx_case_page_show_lessons_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "case.save", NULL);
}

static void
gx_case_page_init (GxCasePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->group_rows = g_ptr_array_new ();
  self->clock_rows = g_ptr_array_new ();
  self->move_buttons = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  g_signal_connect_object (gtk_text_view_get_buffer (self->resolution_view), "changed",
                           G_CALLBACK (on_resolution_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->apology_switch, "notify::active", G_CALLBACK (on_resolution_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compensation_amount_row, "changed", G_CALLBACK (on_resolution_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->compensation_kind_row, "changed", G_CALLBACK (on_resolution_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->root_cause_row, "changed", G_CALLBACK (on_resolution_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->final_decision_row, "changed", G_CALLBACK (on_resolution_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Public API */

/**
 * gx_case_page_new:
 * @context: the desk's context
 *
 * Returns: (transfer floating): a page showing no case yet
 */
GtkWidget *
gx_case_page_new (GxContext *context)
{
  g_return_val_if_fail (GX_IS_CONTEXT (context), NULL);

  return g_object_new (GX_TYPE_CASE_PAGE, "context", context, NULL);
}

/**
 * gx_case_page_set_case_id:
 * @self: a #GxCasePage
 * @case_id: (nullable): the case to show
 */
void
gx_case_page_set_case_id (GxCasePage *self,
                          const char *case_id)
{
  g_return_if_fail (GX_IS_CASE_PAGE (self));

  if (g_strcmp0 (self->case_id, case_id) == 0)
    return;

  g_free (self->case_id);
  self->case_id = g_strdup (case_id);
  self->dirty = FALSE;
  if (self->context != NULL)
    fill (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE_ID]);
}

const char *
gx_case_page_get_case_id (GxCasePage *self)
{
  g_return_val_if_fail (GX_IS_CASE_PAGE (self), NULL);

  return self->case_id;
}
