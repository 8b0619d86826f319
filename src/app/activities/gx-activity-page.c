/* gx-activity-page.c: one activity — its details, evaluation, points, exports and printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-activity-page"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-activity-editor.h"
#include "gx-activity-export.h"
#include "gx-activity-page-private.h"
#include "gx-activity-plan.h"
#include "gx-activity-print.h"
#include "gx-activity-ui.h"
#include "gx-attendee.h"
#include "gx-enums.h"
#include "gx-format.h"
#include "gx-invitation-row.h"
#include "gx-search.h"
#include "gx-visibility.h"

/* The page shows what core computes — places, the waitlist policy, where the points stand,
 * the evaluation figures — and runs each command as one store write. It refreshes on the
 * store's "changed" signal, so a change made elsewhere (or pulled by sync) shows at once. */

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GxActivityPage, gx_activity_page, GTK_TYPE_WIDGET)

static GxDb *
reader (GxActivityPage *self)
{
  return gx_store_get_main_reader (gx_context_get_store (self->context));
}

static gint64
now (GxActivityPage *self)
{
  return gx_clock_now (gx_context_get_clock (self->context));
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (row, text && *text ? text : "—");
}

static void
set_badge (GtkLabel   *label,
           const char *text,
           const char *style)
{
  const char *classes[] = { "gx-badge", style, NULL };

  gtk_label_set_label (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
  gtk_widget_set_css_classes (GTK_WIDGET (label), classes);
}

static char *
format_when (gint64      starts_at,
             gint64      ends_at,
             const char *timezone)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (timezone ? timezone : "Asia/Shanghai");
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (starts_at == 0)
    return g_strdup (_("Not scheduled yet"));

  start = gx_format_date_time (starts_at, tz);
  if (ends_at == 0)
    return g_steal_pointer (&start);
  end = gx_format_date_time (ends_at, tz);
  /* Translators: a start and an end time, e.g. "Nov 29, 2026 09:00 – Nov 29, 2026 17:00" */
  return g_strdup_printf (_("%s – %s"), start, end);
}

static void
refresh_details (GxActivityPage *self)
{
  g_autoptr(JsonObject) a = gx_record_read (reader (self), "activity", self->activity_id, NULL);
  g_auto(GxActivityEvaluation) ev = { 0 };
  g_autofree char *when = NULL;
  g_autofree char *club = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *policy = NULL;
  g_autofree char *places = NULL;
  g_autofree char *money = NULL;
  g_autofree char *points = NULL;
  g_autofree char *due = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *deadline = NULL;
  GxActivityPlaces p;
  GxPointsDue state;
  const char *timezone, *status;
  gint64 starts_at, ends_at, awarded_at, points_promised;

  if (a == NULL)
    return;

#define STR(name) (json_object_get_null_member (a, name) ? NULL : json_object_get_string_member (a, name))
#define INT(name) (json_object_get_null_member (a, name) ? 0 : json_object_get_int_member (a, name))
  g_free (self->title);
  self->title = g_strdup (STR ("title"));
  timezone = STR ("timezone");
  status = STR ("status");
  starts_at = INT ("starts_at");
  ends_at = INT ("ends_at");
  awarded_at = INT ("points_awarded_at");
  points_promised = INT ("points");

  gtk_label_set_label (self->title_label, self->title);
  set_badge (self->status_badge, gx_vocab_label (GX_VOCAB_ACTIVITY_STATUS, status),
             g_strcmp0 (status, "cancelled") == 0 ? "error" : NULL);
  when = format_when (starts_at, ends_at, timezone);
  subtitle = STR ("venue") && *STR ("venue") ? g_strdup_printf ("%s · %s", when, STR ("venue")) : g_strdup (when);
  /* One line, ellipsized: a wrapping label beside the badge measures inconsistently in GTK 4.8
   * with CJK text; the whole of it is in the tooltip and on the Details tab. */
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), subtitle);

  set_subtitle (self->when_row, when);
  set_subtitle (self->venue_row, STR ("venue"));
  if (INT ("registration_deadline") != 0)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (timezone ? timezone : "Asia/Shanghai");
      deadline = gx_format_date_time (INT ("registration_deadline"), tz);
    }
  set_subtitle (self->deadline_row, deadline);

  kind = STR ("theme") && *STR ("theme")
         ? g_strdup_printf ("%s · %s", gx_vocab_label (GX_VOCAB_ACTIVITY_KIND, STR ("kind")), STR ("theme"))
         : g_strdup (gx_vocab_label (GX_VOCAB_ACTIVITY_KIND, STR ("kind")));
  set_subtitle (self->kind_row, kind);
  club = gx_db_query_string (reader (self), "SELECT name FROM clubs WHERE id = ?", g_variant_new ("(s)", STR ("club_id") ? STR ("club_id") : ""), NULL);
  set_subtitle (self->club_row, club);
  owner = gx_db_query_string (reader (self), "SELECT display_name FROM users WHERE id = ?", g_variant_new ("(s)", STR ("owner_id") ? STR ("owner_id") : ""), NULL);
  set_subtitle (self->owner_row, owner);
  set_subtitle (self->target_row, STR ("target_group"));

  /* Places, said as the user counts them. */
  if (gx_activity_count_places (reader (self), self->activity_id, &p, NULL))
    {
      if (p.capacity > 0)
        /* Translators: places of an activity: taken (accepted or offered, guests included) of the capacity, and free */
        places = g_strdup_printf (_("%d of %d taken, %d free · %d accepted, %d offered from the waitlist"),
                                  (int) p.held, (int) p.capacity, (int) gx_activity_places_free (&p),
                                  (int) p.accepted, (int) p.offered);
      else
        places = g_strdup_printf (_("No limit · %d accepted"), (int) p.accepted);
    }
  set_subtitle (self->places_row, places);
  policy = gx_activity_dup_policy_text (reader (self), self->activity_id);
  if (p.waiting_parties > 0)
    {
      g_autofree char *waiting = g_strdup_printf (ngettext ("%d party waiting (%d people).", "%d parties waiting (%d people).",
                                                               (gulong) p.waiting_parties),
                                                  (int) p.waiting_parties, (int) p.waitlisted);
      g_autofree char *both = g_strdup_printf ("%s %s", waiting, policy);
      set_subtitle (self->waitlist_row, both);
    }
  else
    set_subtitle (self->waitlist_row, policy);
  gtk_label_set_label (self->policy_label, policy);

  {
    g_autofree char *budget = json_object_get_null_member (a, "budget") ? g_strdup ("—") : gx_format_money (INT ("budget"));
    g_autofree char *cost = json_object_get_null_member (a, "actual_cost") ? g_strdup ("—") : gx_format_money (INT ("actual_cost"));
    /* Translators: an activity's budget, then its actual cost */
    money = g_strdup_printf (_("Budget %s · actual %s"), budget, cost);
  }
  set_subtitle (self->budget_row, money);

  points = points_promised > 0 ? g_strdup_printf (ngettext ("%d point per member who came", "%d points per member who came",
                                                               (gulong) points_promised), (int) points_promised)
                               : g_strdup (_("None promised"));
  set_subtitle (self->points_row, points);
  state = gx_activity_points_due (points_promised, status, ends_at, awarded_at, now (self));
  due = gx_activity_format_points_due (points_promised, status, ends_at, awarded_at, now (self));
  set_badge (self->points_due_label, due,
             gx_activity_points_due_style (state, gx_activity_points_days_left (ends_at, now (self))));
  set_badge (self->evaluation_points_label, due,
             gx_activity_points_due_style (state, gx_activity_points_days_left (ends_at, now (self))));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.award",
                                 state == GX_POINTS_DUE_OPEN || state == GX_POINTS_DUE_OVERDUE || state == GX_POINTS_DUE_AWARDED);

  /* The evaluation's figures. */
  if (gx_activity_compute_evaluation (reader (self), self->activity_id, &ev, NULL))
    {
      g_autofree char *attendance = NULL;
      g_autofree char *no_shows = g_strdup_printf ("%d", (int) ev.no_shows);
      g_autofree char *walk_ins = g_strdup_printf ("%d", (int) ev.walk_ins);
      g_autofree char *prospects = g_strdup_printf ("%d", (int) ev.new_prospects);
      g_autofree char *cost = ev.attended + ev.walk_ins > 0 ? gx_format_money (ev.cost_per_attendee) : g_strdup ("—");

      /* Translators: attendance: people who came of those accepted, as a percentage, and the guests among them */
      attendance = g_strdup_printf (_("%d of %d accepted came (%.0f%%), %d of them guests"),
                                    (int) ev.attended, (int) ev.accepted, ev.attendance_rate * 100.0, (int) ev.guests_attended);
      set_subtitle (self->attendance_row, attendance);
      set_subtitle (self->no_shows_row, no_shows);
      set_subtitle (self->walk_ins_row, walk_ins);
      set_subtitle (self->cost_row, cost);
      set_subtitle (self->prospects_row, prospects);

      {
        g_autofree char *satisfaction = gx_activity_evaluation_format_satisfaction (&ev);
        g_autofree char *answers = gx_activity_evaluation_format_answers (&ev);

        set_subtitle (self->satisfaction_row, satisfaction);
        set_subtitle (self->answers_row, answers ? answers : "—");
      }
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->summary_view), ev.summary ? ev.summary : "", -1);
    }
#undef STR
#undef INT
}

/* Staff */

static void
refresh_staff (GxActivityPage *self)
{
  sqlite3_stmt *stmt;

  for (guint i = 0; i < self->staff_rows->len; i++)
    adw_preferences_group_remove (self->staff_group, g_ptr_array_index (self->staff_rows, i));
  g_ptr_array_set_size (self->staff_rows, 0);

  stmt = gx_db_prepare (reader (self),
                        "SELECT s.id, u.display_name, s.role FROM activity_staff s JOIN users u ON u.id = s.user_id"
                        " WHERE s.activity_id = ? ORDER BY u.display_name",
                        NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, self->activity_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *label = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gx_db_column_text (stmt, 1));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gx_db_column_text (stmt, 2));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      /* Translators: %s is a member of staff */
      label = g_strdup_printf (_("Take %s off the activity"), gx_db_column_text (stmt, 1));
      gtk_widget_set_tooltip_text (remove, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "page.remove-staff");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", gx_db_column_text (stmt, 0));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->staff_group, row);
      g_ptr_array_add (self->staff_rows, row);
    }
  sqlite3_reset (stmt);
}

typedef struct
{
  char *activity_id;
  char *staff_id;
  char *user_id;
  char *role;
} StaffRequest;

static void
staff_request_free (StaffRequest *request)
{
  g_free (request->activity_id);
  g_free (request->staff_id);
  g_free (request->user_id);
  g_free (request->role);
  g_free (request);
}

static gboolean
staff_cb (GxDb              *db,
          const GxWriteMeta *meta,
          gpointer           data,
          GError           **error)
{
  StaffRequest *request = data;

  if (request->staff_id != NULL)
    return gx_activity_remove_staff (db, request->staff_id, meta, error);
  return gx_activity_add_staff (db, request->activity_id, request->user_id, request->role, meta, error);
}

static void
staff_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GxActivityPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gx_store_write_finish (GX_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gx_activity_ui_toast (GTK_WIDGET (self), error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->staff_role_row), "");
}

static void
add_staff (GxActivityPage *self,
           const char     *user_id,
           const char     *role)
{
  StaffRequest *request = g_new0 (StaffRequest, 1);

  request->activity_id = g_strdup (self->activity_id);
  request->user_id = g_strdup (user_id);
  request->role = g_strdup (role);
  gx_activity_ui_write (self->context, staff_cb, request, (GDestroyNotify) staff_request_free,
                        self->cancellable, staff_done_cb, g_object_ref (self));
}

static void
gx_activity_page_add_staff_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  GxActivityPage *self = GX_ACTIVITY_PAGE (widget);
  guint i = adw_combo_row_get_selected (self->staff_combo);

  if (self->activity_id == NULL)
    return;
  if (i >= self->staff_user_ids->len || g_ptr_array_index (self->staff_user_ids, i) == NULL)
    {
      gx_activity_ui_toast (widget, _("Choose a member of staff."));
      return;
    }
  add_staff (self, g_ptr_array_index (self->staff_user_ids, i),
             gtk_editable_get_text (GTK_EDITABLE (self->staff_role_row)));
}

static void
on_staff_role_activated_cb (GxActivityPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "page.add-staff", NULL);
}

/* Taking someone off is undone from the toast. */
static void
gx_activity_page_readd_staff_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  GxActivityPage *self = GX_ACTIVITY_PAGE (widget);
  const char *user_id, *role;

  g_variant_get (parameter, "(&s&s)", &user_id, &role);
  add_staff (self, user_id, role);
}

static void
gx_activity_page_remove_staff_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  GxActivityPage *self = GX_ACTIVITY_PAGE (widget);
  const char *staff_id = g_variant_get_string (parameter, NULL);
  g_autofree char *user_id = gx_db_query_string (reader (self), "SELECT user_id FROM activity_staff WHERE id = ?",
                                                 g_variant_new ("(s)", staff_id), NULL);
  g_autofree char *role = gx_db_query_string (reader (self), "SELECT role FROM activity_staff WHERE id = ?",
                                              g_variant_new ("(s)", staff_id), NULL);
  g_autofree char *name = gx_db_query_string (reader (self), "SELECT display_name FROM users WHERE id = ?",
                                              g_variant_new ("(s)", user_id ? user_id : ""), NULL);
  StaffRequest *request;
  g_autofree char *message = NULL;

  if (user_id == NULL)
    return;

  request = g_new0 (StaffRequest, 1);
  request->staff_id = g_strdup (staff_id);
  gx_activity_ui_write (self->context, staff_cb, request, (GDestroyNotify) staff_request_free,
                        self->cancellable, staff_done_cb, g_object_ref (self));

  /* Translators: %s is a member of staff */
  message = g_strdup_printf (_("%s is off the activity."), name ? name : "");
  gx_activity_ui_toast_undo (widget, message, "page.readd-staff", g_variant_new ("(ss)", user_id, role ? role : ""));
}

void
_gx_activity_page_refresh (GxActivityPage *self)
{
  if (self->activity_id == NULL || self->context == NULL)
    return;

  refresh_details (self);
  refresh_staff (self);
  _gx_activity_page_refresh_partners (self);
  _gx_activity_page_refresh_people (self);
}

static void
on_store_changed_cb (GxActivityPage *self,
                     const char     *table)
{
  if (self->activity_id == NULL)
    return;

  if (g_strcmp0 (table, "activities") == 0 || g_strcmp0 (table, "invitations") == 0 ||
      g_strcmp0 (table, "invitation_guests") == 0 || g_strcmp0 (table, "checkins") == 0 ||
      g_strcmp0 (table, "activity_evaluations") == 0 || g_strcmp0 (table, "points_ledger") == 0 ||
      g_strcmp0 (table, "activity_staff") == 0 || g_strcmp0 (table, "activity_answers") == 0 ||
      g_strcmp0 (table, "activity_partners") == 0)
    _gx_activity_page_refresh (self);
}

/* Says what a change did: who waits, who was offered a place, which offers lapsed. */
void
_gx_activity_page_say_outcome (GxActivityPage          *self,
                               const GxActivityOutcome *outcome,
                               const char              *name)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (g_strcmp0 (outcome->status, "waitlisted") == 0)
    g_string_append_printf (text, _("The activity is full: %s is on the waitlist."), name ? name : "");
  else if (outcome->status != NULL && name != NULL)
    /* Translators: a name, then an answer such as "Accepted" */
    g_string_append_printf (text, _("%s: %s."), name, gx_vocab_label (GX_VOCAB_RSVP, outcome->status));

  if (outcome->lapsed > 0)
    {
      if (text->len)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("%u offer was not taken up in time and passed on.",
                                                 "%u offers were not taken up in time and passed on.", outcome->lapsed),
                              outcome->lapsed);
    }
  if (outcome->offered > 0)
    {
      if (text->len)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, ngettext ("A place was offered to %u party on the waitlist.",
                                                 "Places were offered to %u parties on the waitlist.", outcome->offered),
                              outcome->offered);
    }

  if (text->len > 0)
    gx_activity_ui_toast (GTK_WIDGET (self), text->str);
}

/* Offers that ran out lapse when the page opens: no scheduled job is needed. */

static gboolean
sweep_cb (GxDb              *db,
          const GxWriteMeta *meta,
          gpointer           data,
          GError           **error)
{
  GxActivityOutcome *outcome = g_object_get_data (G_OBJECT (data), "outcome");
  const char *activity_id = g_object_get_data (G_OBJECT (data), "activity-id");

  return gx_activity_sweep (db, activity_id, meta, outcome, error);
}

static void
sweep_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GObject) holder = user_data;
  GxActivityPage *self = g_object_get_data (holder, "page");
  GxActivityOutcome *outcome = g_object_get_data (holder, "outcome");
  g_autoptr(GError) error = NULL;

  if (!gx_store_write_finish (GX_STORE (object), result, &error))
    return;
  if (self != NULL && g_strcmp0 (self->activity_id, g_object_get_data (holder, "activity-id")) == 0 &&
      (outcome->lapsed > 0 || outcome->offered > 0))
    _gx_activity_page_say_outcome (self, outcome, NULL);
}

static void
sweep (GxActivityPage *self)
{
  GObject *holder = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data_full (holder, "activity-id", g_strdup (self->activity_id), g_free);
  g_object_set_data_full (holder, "outcome", g_new0 (GxActivityOutcome, 1), g_free);
  g_object_set_data_full (holder, "page", g_object_ref (self), g_object_unref);
  gx_activity_ui_write (self->context, sweep_cb, g_object_ref (holder), g_object_unref,
                        self->cancellable, sweep_done_cb, holder);
}

/**
 * gx_activity_page_set_activity_id:
 * @self: a #GxActivityPage
 * @activity_id: (nullable): the activity to show
 */
void
gx_activity_page_set_activity_id (GxActivityPage *self,
                                  const char     *activity_id)
{
  g_autoptr(GVariant) params = NULL;
  g_autofree char *sql = NULL;

  g_return_if_fail (GX_IS_ACTIVITY_PAGE (self));

  /* Opened again: what it shows may have aged (a deadline, the points due). */
  if (g_strcmp0 (self->activity_id, activity_id) == 0)
    {
      _gx_activity_page_refresh (self);
      return;
    }

  g_free (self->activity_id);
  self->activity_id = g_strdup (activity_id);
  if (activity_id == NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->invitation_search), "");
  gtk_editable_set_text (GTK_EDITABLE (self->checkin_entry), "");
  gtk_widget_set_visible (GTK_WIDGET (self->evaluation_error), FALSE);
  sql = gx_search_invitations (activity_id, NULL, &params);
  gx_query_model_set_query (self->invitations, sql, params);
  _gx_activity_page_refresh (self);
  sweep (self);
}

const char *
gx_activity_page_get_activity_id (GxActivityPage *self)
{
  g_return_val_if_fail (GX_IS_ACTIVITY_PAGE (self), NULL);

  return self->activity_id;
}

/**
 * gx_activity_page_show_tab:
 * @self: a #GxActivityPage
 * @name: "details", "invitations", "checkin" or "evaluation"
 */
void
gx_activity_page_show_tab (GxActivityPage *self,
                           const char     *name)
{
  g_return_if_fail (GX_IS_ACTIVITY_PAGE (self));

  gtk_stack_set_visible_child_name (self->stack, name);
  if (g_strcmp0 (name, "checkin") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->checkin_entry));
}

/* The check-in tab is for typing and scanning: its entry has the focus. */
static void
on_tab_changed_cb (GxActivityPage *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "checkin") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->checkin_entry));
}

/* Actions: edit */

static void
gx_activity_page_edit_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  GxActivityPage *self = GX_ACTIVITY_PAGE (widget);
  GxActivityEditor *editor;

  if (self->activity_id == NULL)
    return;

  editor = gx_activity_editor_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->context,
                                   self->activity_id, NULL, 0, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Actions: points */

static gboolean
award_cb (GxDb              *db,
          const GxWriteMeta *meta,
          gpointer           data,
          GError           **error)
{
  GxActivityOutcome *outcome = g_object_get_data (G_OBJECT (data), "outcome");

  return gx_activity_award_points (db, g_object_get_data (G_OBJECT (data), "activity-id"), meta, outcome, error);
}

static void
award_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GObject) holder = user_data;
  GxActivityPage *self = g_object_get_data (holder, "page");
  GxActivityOutcome *outcome = g_object_get_data (holder, "outcome");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!gx_store_write_finish (GX_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gx_activity_ui_toast (GTK_WIDGET (self), error->message);
      return;
    }

  text = g_strdup_printf (ngettext ("Points credited to %u member.", "Points credited to %u members.", outcome->awarded),
                          outcome->awarded);
  if (outcome->not_members > 0)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("%u attendee is not a member of the club and earns none.",
                                                            "%u attendees are not members of the club and earn none.",
                                                            outcome->not_members),
                                               outcome->not_members);
      g_autofree char *both = g_strdup_printf ("%s %s", text, more);
      g_free (text);
      text = g_steal_pointer (&both);
    }
  gx_activity_ui_toast (GTK_WIDGET (self), text);
}

static void
award (GxActivityPage *self)
{
  GObject *holder = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data_full (holder, "activity-id", g_strdup (self->activity_id), g_free);
  g_object_set_data_full (holder, "outcome", g_new0 (GxActivityOutcome, 1), g_free);
  g_object_set_data_full (holder, "page", g_object_ref (self), g_object_unref);
  gx_activity_ui_write (self->context, award_cb, g_object_ref (holder), g_object_unref,
                        self->cancellable, award_done_cb, holder);
}

static void
on_award_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      GxActivityPage   *self)
{
  if (g_strcmp0 (response, "award") == 0)
    award (self);
}

/* Crediting points is not undone by a click (only by a correcting ledger entry), so it is
 * confirmed, saying to whom and how much. */
static void
gx_activity_page_award_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  GxActivityPage *self = GX_ACTIVITY_PAGE (widget);
  g_autofree char *body = NULL;
  gint64 points, attendees;
  GtkWidget *dialog;

  if (self->activity_id == NULL)
    return;

  points = gx_db_query_int (reader (self), "SELECT points FROM activities WHERE id = ?",
                            g_variant_new ("(s)", self->activity_id), 0, NULL);
  attendees = gx_db_query_int (reader (self),
                               "SELECT count (*) FROM checkins k JOIN invitations i ON i.id = k.invitation_id"
                               "  JOIN activities a ON a.id = k.activity_id"
                               "  JOIN memberships m ON m.customer_id = i.customer_id AND m.club_id = a.club_id"
                               " WHERE k.activity_id = ? AND k.guest_id IS NULL AND m.cancelled_on IS NULL"
                               "   AND NOT EXISTS (SELECT 1 FROM points_ledger p WHERE p.membership_id = m.id"
                               "                     AND p.source_kind = 'activity' AND p.source_id = a.id)",
                               g_variant_new ("(s)", self->activity_id), 0, NULL);

  body = g_strdup_printf (g_dngettext (NULL,
                                       "%d points each go to %d member who came. The ledger keeps them; a mistake is corrected by a new entry.",
                                       "%d points each go to %d members who came. The ledger keeps them; a mistake is corrected by a new entry.",
                                       (gulong) attendees),
                          (int) points, (int) attendees);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Award Points?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "award", _("_Award Points"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "award", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "award");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_award_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions: evaluation */

typedef struct
{
  char   *activity_id;
  char   *summary;
} EvaluationRequest;

static void
evaluation_request_free (EvaluationRequest *request)
{
  g_free (request->activity_id);
  g_free (request->summary);
  g_free (request);
}

static gboolean
evaluate_cb (GxDb              *db,
             const GxWriteMeta *meta,
             gpointer           data,
             GError           **error)
{
  EvaluationRequest *request = data;

  return gx_activity_evaluate (db, request->activity_id, request->summary, meta, error);
}

static void
evaluate_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GxActivityPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gx_store_write_finish (GX_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* What was typed stays; the reason shows under it. */
      gtk_label_set_label (self->evaluation_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->evaluation_error), TRUE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->evaluation_error), FALSE);
  gx_activity_ui_toast (GTK_WIDGET (self), _("Evaluation saved."));
}

static void
gx_activity_page_save_evaluation_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  GxActivityPage *self = GX_ACTIVITY_PAGE (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->summary_view);
  EvaluationRequest *request;
  GtkTextIter start, end;

  if (self->activity_id == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  request = g_new0 (EvaluationRequest, 1);
  request->activity_id = g_strdup (self->activity_id);
  request->summary = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gx_activity_ui_write (self->context, evaluate_cb, request, (GDestroyNotify) evaluation_request_free,
                        self->cancellable, evaluate_done_cb, g_object_ref (self));
}

/* Actions: exports and printing */

typedef struct
{
  GxActivityPage *self;
  char           *kind;   /* "ical", "csv", "letters", "badges" */
} SaveTarget;

static void
save_target_free (SaveTarget *target)
{
  g_clear_object (&target->self);
  g_free (target->kind);
  g_free (target);
}

static gboolean
export_to (GxActivityPage  *self,
           const char      *kind,
           GFile           *file,
           GError         **error)
{
  g_autofree char *contents = NULL;

  if (g_strcmp0 (kind, "ical") == 0)
    contents = gx_activity_export_ical (reader (self), self->activity_id, now (self), error);
  else
    contents = gx_activity_export_invitees_csv (reader (self), self->activity_id, error);
  if (contents == NULL)
    return FALSE;

  return g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static void
on_save_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     SaveTarget      *target)
{
  GxActivityPage *self = target->self;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = NULL;
      gboolean ok;

      if (g_strcmp0 (target->kind, "letters") == 0 || g_strcmp0 (target->kind, "badges") == 0)
        ok = gx_activity_print (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->context,
                                self->activity_id,
                                g_strcmp0 (target->kind, "letters") == 0 ? GX_ACTIVITY_PRINT_LETTERS : GX_ACTIVITY_PRINT_BADGES,
                                file, &error);
      else
        ok = export_to (self, target->kind, file, &error);

      if (ok)
        {
          /* Translators: %s is a file name */
          message = g_strdup_printf (_("Saved as %s."), name);
          gx_activity_ui_toast (GTK_WIDGET (self), message);
        }
      else
        gx_activity_ui_toast (GTK_WIDGET (self), error->message);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  save_target_free (target);
}

static void
ask_file (GxActivityPage *self,
          const char     *kind,
          const char     *title,
          const char     *suffix)
{
  GtkFileChooserNative *dialog;
  SaveTarget *target;
  g_autofree char *name = NULL;

  if (self->activity_id == NULL)
    return;

  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  name = g_strdup_printf ("%s%s", self->title ? self->title : "activity", suffix);
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);

  target = g_new0 (SaveTarget, 1);
  target->self = g_object_ref (self);
  target->kind = g_strdup (kind);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response_cb), target);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
gx_activity_page_export_ical_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  ask_file (GX_ACTIVITY_PAGE (widget), "ical", _("Export to Calendar"), ".ics");
}

static void
gx_activity_page_export_csv_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  /* Translators: the suffix of an exported invitee list's file name */
  ask_file (GX_ACTIVITY_PAGE (widget), "csv", _("Export Invitee List"), _(" invitees.csv"));
}

static void
print_now (GxActivityPage      *self,
           GxActivityPrintKind  kind)
{
  g_autoptr(GError) error = NULL;

  if (self->activity_id == NULL)
    return;

  /* The print dialog offers "Print to File" (PDF) as well as the printers. */
  if (!gx_activity_print (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->context,
                          self->activity_id, kind, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gx_activity_ui_toast (GTK_WIDGET (self), error->message);
}

static void
gx_activity_page_print_letters_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  print_now (GX_ACTIVITY_PAGE (widget), GX_ACTIVITY_PRINT_LETTERS);
}

static void
gx_activity_page_print_badges_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  print_now (GX_ACTIVITY_PAGE (widget), GX_ACTIVITY_PRINT_BADGES);
}

static void
gx_activity_page_print_evaluation_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  print_now (GX_ACTIVITY_PAGE (widget), GX_ACTIVITY_PRINT_EVALUATION);
}

/* GObject */

static void
gx_activity_page_dispose (GObject *object)
{
  GxActivityPage *self = (GxActivityPage *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->context != NULL)
    g_clear_signal_handler (&self->changed_handler, gx_context_get_store (self->context));

  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_ACTIVITY_PAGE);

  g_clear_object (&self->invitations);
  g_clear_object (&self->attendees);

  G_OBJECT_CLASS (gx_activity_page_parent_class)->dispose (object);
}

static void
gx_activity_page_finalize (GObject *object)
{
  GxActivityPage *self = (GxActivityPage *) object;

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->activity_id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->staff_rows, g_ptr_array_unref);
  g_clear_pointer (&self->partner_rows, g_ptr_array_unref);
  g_clear_pointer (&self->staff_user_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (gx_activity_page_parent_class)->finalize (object);
}

/* What the signed-in role may change here; the server holds every role to the same. A
 * customer manager at a desk answers, invites and checks people in (invitations belong to
 * customers they serve); the activity itself, its staff, evaluation and points are the
 * relationship managers' and supervisors'. */
static void
update_role (GxActivityPage *self)
{
  gboolean may = gx_visibility_may_write_kind (gx_context_get_role (self->context), "activity");
  const char *actions[] = { "page.edit", "page.add-staff", "page.remove-staff", "page.readd-staff",
                            "page.award", "page.save-evaluation", "page.add-partner", "page.remove-partner",
                            "page.readd-partner" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], may);
}

static void
set_context (GxActivityPage *self,
             GxContext      *context)
{
  GxStore *store = gx_context_get_store (context);

  g_assert (self->context == NULL);
  self->context = g_object_ref (context);

  self->invitations = gx_query_model_new (store, GX_TYPE_INVITATION_ROW);
  gtk_single_selection_set_model (self->invitation_selection, G_LIST_MODEL (self->invitations));
  self->changed_handler = g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                                                   G_CONNECT_SWAPPED);
  _gx_activity_page_init_people (self);
  gx_activity_ui_fill_combo (self->staff_combo, self->staff_user_ids, _("Choose…"), reader (self),
                             "SELECT id, display_name FROM users WHERE active = 1 ORDER BY display_name", NULL);
  update_role (self);
  g_signal_connect_object (context, "notify::role", G_CALLBACK (update_role), self, G_CONNECT_SWAPPED);
}

static void
gx_activity_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GxActivityPage *self = GX_ACTIVITY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_activity_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GxActivityPage *self = GX_ACTIVITY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_activity_page_class_init (GxActivityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_activity_page_dispose;
  object_class->finalize = gx_activity_page_finalize;
  object_class->get_property = gx_activity_page_get_property;
  object_class->set_property = gx_activity_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GX_TYPE_INVITATION_ROW);
  g_type_ensure (GX_TYPE_ATTENDEE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-activity-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, root_box);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, status_badge);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, when_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, venue_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, club_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, owner_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, target_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, partners_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, partners_group);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, places_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, waitlist_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, budget_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, points_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, points_due_label);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, staff_group);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, staff_combo);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, staff_role_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, invitation_search);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, policy_label);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, invitation_view);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, invitation_selection);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, invitation_count);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, checkin_entry);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, checkin_count);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, checkin_view);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, checkin_selection);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, attendance_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, no_shows_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, walk_ins_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, cost_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, prospects_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, evaluation_points_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, evaluation_points_label);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, satisfaction_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, answers_row);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, summary_view);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPage, evaluation_error);

  gtk_widget_class_bind_template_callback (widget_class, on_tab_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_staff_role_activated_cb);

  gtk_widget_class_install_action (widget_class, "page.add-staff", NULL, gx_activity_page_add_staff_action);
  gtk_widget_class_install_action (widget_class, "page.remove-staff", "s", gx_activity_page_remove_staff_action);
  gtk_widget_class_install_action (widget_class, "page.readd-staff", "(ss)", gx_activity_page_readd_staff_action);
  gtk_widget_class_install_action (widget_class, "page.edit", NULL, gx_activity_page_edit_action);
  gtk_widget_class_install_action (widget_class, "page.award", NULL, gx_activity_page_award_action);
  gtk_widget_class_install_action (widget_class, "page.save-evaluation", NULL, gx_activity_page_save_evaluation_action);
  gtk_widget_class_install_action (widget_class, "page.export-ical", NULL, gx_activity_page_export_ical_action);
  gtk_widget_class_install_action (widget_class, "page.export-csv", NULL, gx_activity_page_export_csv_action);
  gtk_widget_class_install_action (widget_class, "page.print-letters", NULL, gx_activity_page_print_letters_action);
  gtk_widget_class_install_action (widget_class, "page.print-badges", NULL, gx_activity_page_print_badges_action);
  gtk_widget_class_install_action (widget_class, "page.print-evaluation", NULL, gx_activity_page_print_evaluation_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "page.print-letters", NULL);

  _gx_activity_page_class_init_people (widget_class);
  _gx_activity_page_class_init_partners (widget_class);
}

static void
gx_activity_page_init (GxActivityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->staff_rows = g_ptr_array_new ();
  self->partner_rows = g_ptr_array_new ();
  self->staff_user_ids = g_ptr_array_new_with_free_func (g_free);
}
