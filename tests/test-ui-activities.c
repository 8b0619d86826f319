/* test-ui-activities.c: plan an activity, invite with a guest, fill it, check in, award points —
 * through the real window, as a relationship manager would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gx-activities-view.h"
#include "gx-activity-editor.h"
#include "gx-activity-page.h"
#include "gx-activity-plan-view.h"
#include "gx-activity-print.h"
#include "gx-activity-row.h"
#include "gx-activity.h"
#include "gx-app-resources.h"
#include "gx-application.h"
#include "gx-customer-filter.h"
#include "gx-customers-view.h"
#include "gx-demo.h"
#include "gx-format.h"
#include "gx-invitation-row.h"
#include "gx-invite-dialog.h"
#include "gx-person-dialog.h"
#include "gx-query-model.h"
#include "gx-record.h"
#include "gx-attendee.h"
#include "gx-test-keys.h"
#include "gx-test-notifications.h"
#include "gx-test-ui.h"
#include "gx-test-util.h"
#include "gx-uuid.h"
#include "gx-window.h"

typedef struct
{
  GxApplication *app;
  GxContext     *context;
  GxWindow      *window;
  char          *club_id;
} Fixture;

static GxApplication *the_app;

/* Activities the busy-month test puts in one March. */
#define BUSY_MARCH 3000

static GxDb *
reader (Fixture *fixture)
{
  return gx_store_get_main_reader (gx_context_get_store (fixture->context));
}

/* Waits (up to twenty seconds: the machine may be busy) until @sql counts at least @n rows. */
static void
wait_for_count (Fixture    *fixture,
                const char *sql,
                gint64      n)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (gx_db_query_int (reader (fixture), sql, NULL, 0, NULL) < n)
    {
      if (g_get_monotonic_time () > end)
        {
          g_autoptr(GString) shown = g_string_new (NULL);
          g_autoptr(GPtrArray) labels = g_ptr_array_new ();

          /* Say what the window shows: the reason a write was refused is there. */
          gx_test_collect_labels (GTK_WIDGET (fixture->window), labels);
          if (gx_test_find_toplevel (ADW_TYPE_WINDOW) != NULL)
            gx_test_collect_labels (GTK_WIDGET (gx_test_find_toplevel (ADW_TYPE_WINDOW)), labels);
          for (guint i = 0; i < labels->len; i++)
            g_string_append_printf (shown, "%s%s", i > 0 ? " | " : "", gtk_label_get_label (g_ptr_array_index (labels, i)));
          g_error ("waited in vain for %s to reach %" G_GINT64_FORMAT "; the window shows: %s", sql, n, shown->str);
        }
      g_main_context_iteration (NULL, FALSE);
    }
  gx_test_iterate_for (300);
}

static GtkWidget *
find_entry (GtkWidget  *widget,
            const char *placeholder)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    {
      g_autofree char *text = NULL;

      g_object_get (widget, "placeholder-text", &text, NULL);
      if (g_strcmp0 (text, placeholder) == 0)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry (child, placeholder);
      if (found)
        return found;
    }
  return NULL;
}

static void
type_into (GtkWidget  *root,
           const char *title,
           const char *text)
{
  GtkWidget *row = gx_test_find_row (root, ADW_TYPE_PREFERENCES_ROW, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
spin_to (GtkWidget  *root,
         const char *title,
         double      value)
{
  GtkWidget *row = gx_test_find_row (root, ADW_TYPE_PREFERENCES_ROW, title);

  g_assert_nonnull (row);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gx_test_find_descendant (row, GTK_TYPE_SPIN_BUTTON)), value);
}

static char *
insert (Fixture    *fixture,
        const char *kind,
        JsonObject *fields);

typedef struct
{
  const char *kind;
  const char *id;
  JsonObject *fields;
} Insert;

static gboolean
insert_cb (GxDb      *db,
           gpointer   data,
           GError   **error)
{
  Insert *request = data;
  GxWriteMeta meta = { .now = GX_TEST_NOW };

  return gx_record_insert (db, request->kind, request->id, request->fields, &meta, error);
}

static char *
insert (Fixture    *fixture,
        const char *kind,
        JsonObject *fields)
{
  g_autoptr(JsonObject) owned = fields;
  g_autoptr(GError) error = NULL;
  char *id = gx_uuid_v7_new ();
  Insert request = { kind, id, fields };

  g_assert_true (gx_store_write_sync (gx_context_get_store (fixture->context), insert_cb, &request, &error));
  g_assert_no_error (error);
  return id;
}

/* A club with three members: 王伟, 李娜, 张敏. */
static void
seed (Fixture *fixture)
{
  static const char *names[] = { "王伟", "李娜", "张敏" };
  static const char *phones[] = { "13800138000", "13900139000", "13700137000" };
  g_autofree char *tier = NULL;
  JsonObject *fields;

  fields = json_object_new ();
  json_object_set_string_member (fields, "name", "私人银行客户会");
  json_object_set_int_member (fields, "created_at", GX_TEST_NOW);
  fixture->club_id = insert (fixture, "club", fields);

  fields = json_object_new ();
  json_object_set_string_member (fields, "club_id", fixture->club_id);
  json_object_set_string_member (fields, "code", "gold");
  json_object_set_string_member (fields, "name", "金卡");
  json_object_set_int_member (fields, "rank", 2);
  tier = insert (fixture, "club_tier", fields);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *number = g_strdup_printf ("C%08u", i + 1);
      g_autofree char *member_number = g_strdup_printf ("M%05u", i + 1);
      g_autofree char *customer = NULL;
      g_autofree char *contact = NULL;
      g_autofree char *membership = NULL;

      fields = json_object_new ();
      json_object_set_string_member (fields, "number", number);
      json_object_set_string_member (fields, "name", names[i]);
      json_object_set_string_member (fields, "stage", "client");
      json_object_set_int_member (fields, "created_at", GX_TEST_NOW);
      json_object_set_int_member (fields, "updated_at", GX_TEST_NOW);
      customer = insert (fixture, "customer", fields);

      fields = json_object_new ();
      json_object_set_string_member (fields, "customer_id", customer);
      json_object_set_string_member (fields, "kind", "mobile");
      json_object_set_string_member (fields, "value", phones[i]);
      json_object_set_int_member (fields, "is_primary", 1);
      contact = insert (fixture, "customer_contact", fields);

      fields = json_object_new ();
      json_object_set_string_member (fields, "club_id", fixture->club_id);
      json_object_set_string_member (fields, "customer_id", customer);
      json_object_set_string_member (fields, "member_number", member_number);
      json_object_set_string_member (fields, "tier_id", tier);
      json_object_set_string_member (fields, "applied_on", "2025-01-02");
      json_object_set_string_member (fields, "joined_on", "2025-01-05");
      json_object_set_int_member (fields, "created_at", GX_TEST_NOW);
      json_object_set_int_member (fields, "updated_at", GX_TEST_NOW);
      membership = insert (fixture, "membership", fields);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = NULL;
  g_autoptr(GxClock) clock = gx_clock_new_fixed (GX_TEST_NOW);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  store = gx_store_open (path, &error);
  g_assert_no_error (error);
  fixture->context = gx_context_new (store, clock, settings);
  g_assert_true (gx_context_ensure_user (fixture->context, &error));
  seed (fixture);

  g_settings_set_string (settings, "last-place", "activities");
  fixture->app = g_object_ref (the_app);
  fixture->window = gx_window_new (fixture->app, fixture->context);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1366, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gx_test_iterate_for (500);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *windows = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_object_unref);

  /* Dialogs a failed test left open. */
  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      GtkWidget *window = g_list_model_get_item (windows, i);

      /* Only dialogs over the window; the window owns its shortcuts window itself. */
      if (window != GTK_WIDGET (fixture->window) &&
          gtk_window_get_transient_for (GTK_WINDOW (window)) == GTK_WINDOW (fixture->window) &&
          !GTK_IS_SHORTCUTS_WINDOW (window))
        g_ptr_array_add (others, window);
      else
        g_object_unref (window);
    }
  for (guint i = 0; i < others->len; i++)
    gtk_window_destroy (GTK_WINDOW (others->pdata[i]));
  g_clear_pointer (&others, g_ptr_array_unref);
  gx_test_iterate_for (50);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  gx_test_iterate_for (50);
  gx_store_close (gx_context_get_store (fixture->context));
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->app);
  g_free (fixture->club_id);
}

static GtkWidget *
activities_view (Fixture *fixture)
{
  return gx_test_find_descendant (GTK_WIDGET (fixture->window), GX_TYPE_ACTIVITIES_VIEW);
}

static GtkWidget *
activity_page (Fixture *fixture)
{
  return gx_test_find_descendant (activities_view (fixture), GX_TYPE_ACTIVITY_PAGE);
}

/* Opens the first activity of the list, as a double click does, once the list shows it. */
static void
open_first_activity (Fixture *fixture)
{
  GtkWidget *list = gx_test_find_list (activities_view (fixture), GX_TYPE_ACTIVITY_ROW);
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (list)));
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (g_list_model_get_n_items (model) == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  g_signal_emit_by_name (list, "activate", 0);
  gx_test_iterate_for (300);
}

static GtkWidget *
plan_activity (Fixture    *fixture,
               const char *title,
               const char *starts,
               const char *ends)
{
  GtkWidget *editor;

  /* Ctrl+N in the Activities place. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new", NULL);
  gx_test_iterate_for (300);
  editor = GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_ACTIVITY_EDITOR));
  g_assert_nonnull (editor);

  type_into (editor, "Title", title);
  type_into (editor, "Venue", "佘山国际高尔夫俱乐部");
  type_into (editor, "Starts", starts);
  type_into (editor, "Ends", ends);
  spin_to (editor, "Capacity", 3);
  spin_to (editor, "Points for attendance", 200);
  return editor;
}

static void
invite_by_typing (Fixture    *fixture,
                  GtkWidget  *dialog,
                  const char *typed,
                  const char *name)
{
  GtkWidget *entry = gx_test_find_descendant (dialog, GTK_TYPE_SEARCH_ENTRY);
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM invitations i JOIN customers c ON c.id = i.customer_id"
                                          " WHERE c.name = '%s'", name);
  g_autofree char *said = g_strdup_printf ("%s is invited.", name);

  gtk_editable_set_text (GTK_EDITABLE (entry), typed);
  gx_test_iterate_for (600);
  /* Enter in the search field invites the customer found. */
  g_signal_emit_by_name (entry, "activate");
  wait_for_count (fixture, sql, 1);
  g_assert_true (gx_test_shows_text (dialog, said));
}

static void
select_invitee (Fixture    *fixture,
                const char *name)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (gx_test_find_list (activity_page (fixture), GX_TYPE_INVITATION_ROW));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (selection), i);
      g_autofree char *row_name = NULL;

      g_object_get (row, "name", &row_name, NULL);
      if (g_strcmp0 (row_name, name) == 0)
        {
          gtk_single_selection_set_selected (selection, i);
          return;
        }
    }
  g_error ("%s is not in the invitation list", name);
}

static void
respond (Fixture    *fixture,
         const char *name,
         const char *status,
         const char *sql_done,
         gint64      n)
{
  select_invitee (fixture, name);
  gtk_widget_activate_action (activity_page (fixture), "page.respond", "s", status);
  wait_for_count (fixture, sql_done, n);
}

/* The check-in list (people expected, then the attendees who answer). */
static GtkWidget *
find_attendee_list (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget))
    {
      GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (widget));

      if (GTK_IS_SINGLE_SELECTION (selection) &&
          g_list_model_get_item_type (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection))) == GX_TYPE_ATTENDEE)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_attendee_list (child);
      if (found)
        return found;
    }
  return NULL;
}

static void
select_attendee (GtkWidget  *list,
                 const char *name)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(GxAttendee) person = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (g_strcmp0 (gx_attendee_get_name (person), name) == 0)
        {
          gtk_single_selection_set_selected (selection, i);
          return;
        }
    }
  g_error ("%s is not on the check-in list", name);
}

static const char *
selected_attendee (GtkWidget *list)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  GxAttendee *person = gtk_single_selection_get_selected_item (selection);

  return person != NULL ? gx_attendee_get_name (person) : NULL;
}

static void
test_plan_invite_fill_check_in_award (Fixture       *fixture,
                                      gconstpointer  data)
{
  GtkWidget *editor, *page, *dialog, *entry;
  g_autofree char *code = NULL;
  gint64 ends_at;

  g_assert_cmpstr (gx_window_get_place (fixture->window), ==, "activities");

  /* Plan: a golf day next Sunday, three places, 200 points. */
  editor = plan_activity (fixture, "高尔夫邀请赛", "2026-11-29 09:00", "2026-11-29 17:00");
  gtk_widget_activate_action (editor, "editor.save", NULL);
  wait_for_count (fixture, "SELECT count (*) FROM activities WHERE title = '高尔夫邀请赛' AND capacity = 3 AND points = 200"
                           " AND status = 'scheduled' AND plan_id IS NOT NULL", 1);
  g_assert_null (gx_test_find_toplevel (GX_TYPE_ACTIVITY_EDITOR));

  /* The new activity's page is open; the year plan shows it in November. */
  page = activity_page (fixture);
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_true (gx_test_shows_text (page, "高尔夫邀请赛"));
  g_assert_true (gx_test_shows_text (page, "Nov 29, 2026 09:00"));
  gtk_widget_activate_action (activities_view (fixture), "view.show-plan", NULL);
  gx_test_iterate_for (300);
  g_assert_true (gx_test_shows_text (gx_test_find_descendant (activities_view (fixture), GX_TYPE_ACTIVITY_PLAN_VIEW), "29 Nov · Scheduled · Other"));
  g_assert_true (gx_test_shows_text (activities_view (fixture), "1 activity: 0 planned · 1 scheduled"));

  /* Back to it from the plan, then invite three members by typing their names. */
  open_first_activity (fixture);
  page = activity_page (fixture);
  g_assert_true (gtk_widget_get_mapped (page));
  gx_activity_page_show_tab (GX_ACTIVITY_PAGE (page), "invitations");
  gtk_widget_activate_action (page, "page.invite", NULL);
  gx_test_iterate_for (300);
  dialog = GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_INVITE_DIALOG));
  g_assert_nonnull (dialog);
  invite_by_typing (fixture, dialog, "王伟", "王伟");
  invite_by_typing (fixture, dialog, "李娜", "李娜");
  invite_by_typing (fixture, dialog, "zhangmin", "张敏");
  gtk_window_close (GTK_WINDOW (dialog));
  gx_test_iterate_for (300);

  /* 王伟 brings a friend: recorded as a prospect he referred. */
  select_invitee (fixture, "王伟");
  gtk_widget_activate_action (page, "page.add-guest", NULL);
  gx_test_iterate_for (300);
  dialog = GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_PERSON_DIALOG));
  g_assert_nonnull (dialog);
  type_into (dialog, "Name", "周杰");
  type_into (dialog, "Phone", "138 1111 2222");
  gtk_widget_activate_action (dialog, "person.apply", NULL);
  wait_for_count (fixture, "SELECT count (*) FROM invitation_guests g JOIN customers p ON p.id = g.prospect_id"
                           "  JOIN customer_links l ON l.other_id = p.id AND l.kind = 'referral'"
                           "  JOIN customers m ON m.id = l.customer_id"
                           " WHERE g.name = '周杰' AND p.stage = 'prospect' AND m.name = '王伟'", 1);
  g_assert_null (gx_test_find_toplevel (GX_TYPE_PERSON_DIALOG));
  g_assert_true (gx_test_shows_text (page, "周杰"));

  /* Fill to capacity: 王伟 and his guest, 李娜 — three places. 张敏 waits. */
  respond (fixture, "王伟", "accepted", "SELECT count (*) FROM invitations WHERE status = 'accepted'", 1);
  respond (fixture, "李娜", "accepted", "SELECT count (*) FROM invitations WHERE status = 'accepted'", 2);
  respond (fixture, "张敏", "accepted", "SELECT count (*) FROM invitations WHERE status = 'waitlisted'", 1);
  g_assert_true (gx_test_shows_text (page, "Waitlisted · number 1 in line"));
  g_assert_true (gx_test_shows_text (GTK_WIDGET (fixture->window), "The activity is full: 张敏 is on the waitlist."));
  g_assert_true (gx_test_shows_text (page, "3 invitees · 3 accepted · 1 waiting"));

  /* On the day: the scanner types 王伟's code and Enter. */
  gx_activity_page_show_tab (GX_ACTIVITY_PAGE (page), "checkin");
  gx_test_iterate_for (200);
  code = gx_db_query_string (reader (fixture),
                             "SELECT i.code FROM invitations i JOIN customers c ON c.id = i.customer_id WHERE c.name = '王伟'",
                             NULL, NULL);
  {
    /* The check-in tab's entry has the focus, ready for the scanner. */
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

    entry = find_entry (page, "Type a name, phone or pinyin, or scan the invitation");
    g_assert_nonnull (focus);
    g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
  }
  gtk_editable_set_text (GTK_EDITABLE (entry), code);
  gx_test_iterate_for (200);
  g_signal_emit_by_name (entry, "activate");
  wait_for_count (fixture, "SELECT count (*) FROM checkins", 1);
  g_assert_true (gx_test_shows_text (GTK_WIDGET (fixture->window), "王伟 checked in."));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* The same code again is refused, saying when he came. */
  gtk_editable_set_text (GTK_EDITABLE (entry), code);
  gx_test_iterate_for (200);
  g_signal_emit_by_name (entry, "activate");
  gx_test_iterate_for (600);
  g_assert_true (gx_test_shows_text (GTK_WIDGET (fixture->window), "王伟 checked in already"));
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count (*) FROM checkins", NULL, 0, NULL), ==, 1);

  /* His guest, found by pinyin, checked in with Enter. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "zhoujie");
  gx_test_iterate_for (300);
  g_signal_emit_by_name (entry, "activate");
  wait_for_count (fixture, "SELECT count (*) FROM checkins WHERE guest_id IS NOT NULL", 1);

  /* Two days after the event: points, in one action, to the member who came. */
  ends_at = gx_db_query_int (reader (fixture), "SELECT ends_at FROM activities", NULL, 0, NULL);
  gx_clock_set_fixed (gx_context_get_clock (fixture->context), ends_at + 2 * 24 * 3600);
  gx_activity_page_show_tab (GX_ACTIVITY_PAGE (page), "evaluation");

  /* The overview counts it among the activities with points due, and says how long is left. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-place", "s", "overview");
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (!gx_test_shows_text (GTK_WIDGET (fixture->window), "the first within 5 days") && g_get_monotonic_time () < end)
      gx_test_iterate_for (100);
  }
  g_assert_true (gx_test_shows_text (GTK_WIDGET (fixture->window), "the first within 5 days"));

  /* The overview's "points due" figure opens the list behind it. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-list", "(ss)", "activities", "filter=points_due");
  gx_test_iterate_for (500);
  g_assert_true (gx_test_shows_text (activities_view (fixture), "1 activity with points to award"));
  g_assert_true (gx_test_shows_text (activities_view (fixture), "5 days left to award"));
  open_first_activity (fixture);
  g_assert_true (gx_test_shows_text (page, "5 days left to award"));
  gtk_widget_activate_action (page, "page.award", NULL);
  gx_test_iterate_for (300);
  dialog = GTK_WIDGET (gx_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gx_test_shows_text (dialog, "200 points each go to 1 member who came"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "award");
  wait_for_count (fixture, "SELECT count (*) FROM points_ledger p JOIN memberships m ON m.id = p.membership_id"
                           "  JOIN customers c ON c.id = m.customer_id"
                           " WHERE c.name = '王伟' AND p.points = 200 AND p.source_kind = 'activity'", 1);
  g_assert_true (gx_test_shows_text (GTK_WIDGET (fixture->window), "Points credited to 1 member."));
  g_assert_true (gx_test_shows_text (page, "Awarded"));

  /* A second award is refused; the ledger keeps one entry. */
  gtk_widget_activate_action (page, "page.award", NULL);
  gx_test_iterate_for (300);
  dialog = GTK_WIDGET (gx_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "award");
  gx_test_iterate_for (600);
  g_assert_true (gx_test_shows_text (GTK_WIDGET (fixture->window), "awarded already"));
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count (*) FROM points_ledger", NULL, 0, NULL), ==, 1);

  /* The answer cards come back: on the evaluation tab nobody has answered yet; "Enter Answers"
   * opens the check-in list, and each answer is one key on the person selected — the
   * selection then moves on to the next. */
  g_assert_true (gx_test_shows_text (page, "No answers yet"));
  /* adw_message_dialog_response() answers a dialog without closing it, as a click would. */
  while ((dialog = GTK_WIDGET (gx_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gx_test_iterate_for (200);
  gtk_widget_activate_action (page, "page.enter-answers", NULL);
  gx_test_iterate_for (300);
  {
    GtkWidget *list = find_attendee_list (page);
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
    GtkWidget *row;

    g_assert_nonnull (list);
    g_assert_true (gtk_widget_get_mapped (list));
    g_assert_true (focus != NULL && (focus == list || gtk_widget_is_ancestor (focus, list)));
    select_attendee (list, "王伟");
    gx_test_iterate_for (100);
    g_assert_true (gx_test_keys_available ());
    gx_test_key (XK_5);
    wait_for_count (fixture, "SELECT count (*) FROM activity_answers WHERE score = 5", 1);
    g_assert_true (gx_test_shows_text (GTK_WIDGET (fixture->window), "王伟: satisfaction 5 of 5."));
    g_assert_true (gx_test_shows_text (page, "Satisfaction 5 of 5"));
    g_assert_cmpstr (selected_attendee (list), ==, "周杰");
    gx_test_key (XK_4);
    wait_for_count (fixture, "SELECT count (*) FROM activity_answers WHERE score = 4", 1);
    g_assert_cmpstr (selected_attendee (list), ==, "张敏");

    /* 张敏 waited and never came: she cannot answer. */
    gx_test_key (XK_3);
    gx_test_iterate_for (300);
    g_assert_true (gx_test_shows_text (GTK_WIDGET (fixture->window), "张敏 has not checked in: only people who came can answer."));
    g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count (*) FROM activity_answers", NULL, 0, NULL), ==, 2);

    /* 王伟's answer with what he said, through the dialog. */
    select_attendee (list, "王伟");
    gtk_widget_activate_action (page, "page.answer", NULL);
    gx_test_iterate_for (300);
    dialog = GTK_WIDGET (gx_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (dialog);
    g_assert_true (gx_test_shows_text (dialog, "Satisfaction of 王伟"));
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (gx_test_find_descendant (dialog, GTK_TYPE_SPIN_BUTTON)), 4);
    gtk_editable_set_text (GTK_EDITABLE (gx_test_find_descendant (dialog, GTK_TYPE_ENTRY)), "球场很好，果岭太快");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
    wait_for_count (fixture, "SELECT count (*) FROM activity_answers WHERE score = 4 AND comment = '球场很好，果岭太快'", 1);
    g_assert_true (gx_test_shows_text (page, "Satisfaction 4 of 5 · 球场很好，果岭太快"));

    /* The evaluation counts them: both who came answered. */
    gx_activity_page_show_tab (GX_ACTIVITY_PAGE (page), "evaluation");
    gx_test_iterate_for (200);
    row = gx_test_find_row (page, ADW_TYPE_PREFERENCES_ROW, "Attendees’ satisfaction, 1 to 5");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                     "4.0 of 5 from 2 answers · 100% of attendees answered");
    row = gx_test_find_row (page, ADW_TYPE_PREFERENCES_ROW, "Answers by score");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "5: 0 · 4: 2 · 3: 0 · 2: 0 · 1: 0");
  }
}

static void
test_editor_keeps_refused_input (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkWidget *editor = plan_activity (fixture, "品酒会", "2026-12-05 19:00", "2026-12-05 18:00");
  GtkWidget *ends;

  /* Ending before it starts is refused next to the field; nothing typed is lost. */
  gtk_widget_activate_action (editor, "editor.save", NULL);
  gx_test_iterate_for (600);
  g_assert_true (gtk_widget_get_visible (editor));
  g_assert_true (gx_test_shows_text (editor, "The activity cannot end before it starts."));
  ends = gx_test_find_row (editor, ADW_TYPE_PREFERENCES_ROW, "Ends");
  g_assert_true (gtk_widget_has_css_class (ends, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ends)), ==, "2026-12-05 18:00");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gx_test_find_row (editor, ADW_TYPE_PREFERENCES_ROW, "Title"))), ==, "品酒会");
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count (*) FROM activities", NULL, -1, NULL), ==, 0);

  /* A time that cannot be read is refused before anything is written. */
  type_into (editor, "Ends", "next friday");
  gtk_widget_activate_action (editor, "editor.save", NULL);
  gx_test_iterate_for (300);
  g_assert_true (gx_test_shows_text (editor, "Enter a date and time like 2026-11-29 09:30."));

  /* Corrected, it saves. */
  type_into (editor, "Ends", "2026-12-05 22:00");
  gtk_widget_activate_action (editor, "editor.save", NULL);
  wait_for_count (fixture, "SELECT count (*) FROM activities WHERE title = '品酒会'", 1);
}

static void
test_staff_with_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *editor = plan_activity (fixture, "高尔夫邀请赛", "2026-11-29 09:00", "2026-11-29 17:00");
  GtkWidget *page, *combo, *toast;

  gtk_widget_activate_action (editor, "editor.save", NULL);
  wait_for_count (fixture, "SELECT count (*) FROM activities", 1);
  page = activity_page (fixture);

  /* Put the desk's supervisor on reception. */
  combo = gx_test_find_row (page, ADW_TYPE_PREFERENCES_ROW, "Add a member of staff");
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 1);
  type_into (page, "Their task (reception, host, photographer…)", "前台签到");
  gtk_widget_activate_action (page, "page.add-staff", NULL);
  wait_for_count (fixture, "SELECT count (*) FROM activity_staff WHERE role = '前台签到'", 1);
  g_assert_true (gx_test_shows_text (page, "前台签到"));

  /* Taken off at once, and back with Undo. */
  {
    g_autofree char *id = gx_db_query_string (reader (fixture), "SELECT id FROM activity_staff", NULL, NULL);
    gtk_widget_activate_action (page, "page.remove-staff", "s", id);
  }
  gx_test_iterate_for (500);
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count (*) FROM activity_staff", NULL, -1, NULL), ==, 0);
  g_assert_true (gx_test_shows_text (GTK_WIDGET (fixture->window), "is off the activity."));
  toast = gx_test_find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_TOAST_OVERLAY);
  g_assert_nonnull (toast);
  /* The toast's Undo button, clicked. */
  g_assert_true (gtk_widget_activate (gx_test_find_button (toast, "_Undo")));
  wait_for_count (fixture, "SELECT count (*) FROM activity_staff WHERE role = '前台签到'", 1);
}

static void
test_letters_and_badges_as_pdf (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *letters_path = g_build_filename (dir, "letters.pdf", NULL);
  g_autofree char *badges_path = g_build_filename (dir, "badges.pdf", NULL);
  g_autoptr(GFile) letters = g_file_new_for_path (letters_path);
  g_autoptr(GFile) badges = g_file_new_for_path (badges_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *activity_id = NULL;
  g_autofree char *code = NULL;
  g_autofree char *text = NULL;
  g_autofree char *png = g_build_filename (dir, "letter", NULL);
  g_autofree char *png_file = NULL;
  g_autofree char *scanned = NULL;
  GtkWidget *editor, *dialog;
  int status;

  editor = plan_activity (fixture, "高尔夫邀请赛", "2026-11-29 09:00", "2026-11-29 17:00");
  gtk_widget_activate_action (editor, "editor.save", NULL);
  wait_for_count (fixture, "SELECT count (*) FROM activities", 1);
  activity_id = gx_db_query_string (reader (fixture), "SELECT id FROM activities", NULL, NULL);
  gtk_widget_activate_action (activity_page (fixture), "page.invite", NULL);
  gx_test_iterate_for (300);
  dialog = GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_INVITE_DIALOG));
  invite_by_typing (fixture, dialog, "王伟", "王伟");
  gtk_window_close (GTK_WINDOW (dialog));
  code = gx_db_query_string (reader (fixture), "SELECT code FROM invitations", NULL, NULL);

  /* Badges are for people who said yes: none yet. */
  g_assert_false (gx_activity_print (GTK_WINDOW (fixture->window), fixture->context, activity_id,
                                     GX_ACTIVITY_PRINT_BADGES, badges, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (gx_activity_print (GTK_WINDOW (fixture->window), fixture->context, activity_id,
                                    GX_ACTIVITY_PRINT_LETTERS, letters, &error));
  g_assert_no_error (error);

  /* The letter names the invitee, the activity and the code… */
  {
    const char *argv[] = { "pdftotext", letters_path, "-", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &text, NULL, &status, &error));
    g_assert_no_error (error);
  }
  g_assert_nonnull (strstr (text, "Dear 王伟,"));
  g_assert_nonnull (strstr (text, "高尔夫邀请赛"));
  g_assert_nonnull (strstr (text, code));

  /* …and a scanner reads the barcode as the code. */
  {
    const char *render[] = { "pdftoppm", "-r", "200", "-png", "-singlefile", letters_path, png, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) render, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  png_file = g_strconcat (png, ".png", NULL);
  {
    const char *scan[] = { "zbarimg", "--quiet", "--raw", png_file, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) scan, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &scanned, NULL, &status, &error));
  }
  g_assert_cmpstr (g_strstrip (scanned), ==, code);

  /* Once he accepts, his badge prints. */
  respond (fixture, "王伟", "accepted", "SELECT count (*) FROM invitations WHERE status = 'accepted'", 1);
  g_assert_true (gx_activity_print (GTK_WINDOW (fixture->window), fixture->context, activity_id,
                                    GX_ACTIVITY_PRINT_BADGES, badges, &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  {
    const char *argv[] = { "pdftotext", badges_path, "-", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &text, NULL, &status, &error));
  }
  g_assert_nonnull (strstr (text, "王伟"));
  g_assert_nonnull (strstr (text, "金卡"));

  /* The evaluation for the club office, one page, the same figures as the Evaluation tab. */
  {
    g_autofree char *eval_path = g_build_filename (dir, "evaluation.pdf", NULL);
    g_autoptr(GFile) evaluation = g_file_new_for_path (eval_path);
    const char *argv[] = { "pdftotext", eval_path, "-", NULL };

    g_assert_true (gx_activity_print (GTK_WINDOW (fixture->window), fixture->context, activity_id,
                                      GX_ACTIVITY_PRINT_EVALUATION, evaluation, &error));
    g_assert_no_error (error);
    g_clear_pointer (&text, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &text, NULL, &status, &error));
    g_assert_nonnull (strstr (text, "Activity Evaluation"));
    g_assert_nonnull (strstr (text, "高尔夫邀请赛"));
    g_assert_nonnull (strstr (text, "0 of 1 accepted came"));
    g_assert_nonnull (strstr (text, "No summary written yet."));
  }
}

static GtkWidget *
find_check (GtkWidget  *widget,
            const char *label)
{
  if (GTK_IS_CHECK_BUTTON (widget) && g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check (child, label);
      if (found)
        return found;
    }
  return NULL;
}

/* A relationship manager keeps the customer list's filters under a name in Customers, then
 * makes them an activity's target group and invites everyone they match in one go. */
static void
test_target_group_from_saved_filter (Fixture       *fixture,
                                     gconstpointer  data)
{
  GtkWidget *customers, *dialog, *editor, *filter_row;
  GtkWidget *members;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-place", "s", "customers");
  gx_test_iterate_for (500);
  customers = gx_test_find_descendant (GTK_WIDGET (fixture->window), GX_TYPE_CUSTOMERS_VIEW);
  g_assert_nonnull (customers);

  /* Nothing filtered: nothing to save, and the desk says so. */
  gtk_widget_activate_action (customers, "view.save-filter", NULL);
  gx_test_iterate_for (300);
  g_assert_null (gx_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gx_test_shows_text (GTK_WIDGET (fixture->window), "Choose at least one filter first"));

  /* Filters → Club members, then Save Filter…, named. */
  members = find_check (customers, "_Club members");
  g_assert_nonnull (members);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (members), TRUE);
  gx_test_iterate_for (300);
  gtk_widget_activate_action (customers, "view.save-filter", NULL);
  gx_test_iterate_for (300);
  dialog = GTK_WIDGET (gx_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gx_test_shows_text (dialog, "Customers who are: club members."));
  gtk_editable_set_text (GTK_EDITABLE (gx_test_find_descendant (dialog, GTK_TYPE_ENTRY)), "客户会会员");
  /* As the Save button does: the response, then the dialog closes. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for_count (fixture, "SELECT count (*) FROM customer_filters WHERE name = '客户会会员' AND filter = 'club_members=1'", 1);
  {
    /* After the toast before it, which the overlay shows first. */
    gint64 end = g_get_monotonic_time () + 8 * G_USEC_PER_SEC;

    while (!gx_test_shows_text (GTK_WIDGET (fixture->window), "Filter “客户会会员” saved.") && g_get_monotonic_time () < end)
      gx_test_iterate_for (100);
  }
  g_assert_true (gx_test_shows_text (GTK_WIDGET (fixture->window), "Filter “客户会会员” saved."));

  /* The same name again is refused as it is typed; the dialog keeps what was typed. */
  gtk_widget_activate_action (customers, "view.save-filter", NULL);
  gx_test_iterate_for (300);
  dialog = GTK_WIDGET (gx_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_editable_set_text (GTK_EDITABLE (gx_test_find_descendant (dialog, GTK_TYPE_ENTRY)), "客户会会员");
  gx_test_iterate_for (100);
  g_assert_true (gx_test_shows_text (dialog, "A saved filter has this name already."));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* In Activities: a new activity whose target group is the saved filter. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-place", "s", "activities");
  gx_test_iterate_for (300);
  editor = plan_activity (fixture, "新年音乐会", "2026-12-30 19:30", "2026-12-30 21:30");
  spin_to (editor, "Capacity", 10);
  filter_row = gx_test_find_row (editor, ADW_TYPE_PREFERENCES_ROW, "Or invite customers of a saved filter");
  g_assert_nonnull (filter_row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (filter_row), 1);
  gtk_widget_activate_action (editor, "editor.save", NULL);
  wait_for_count (fixture, "SELECT count (*) FROM activities a JOIN customer_filters f ON f.id = a.target_filter_id"
                           " WHERE a.title = '新年音乐会'", 1);

  /* Invite the target group: the three club members the filter matches. */
  gtk_widget_activate_action (activity_page (fixture), "page.invite", NULL);
  gx_test_iterate_for (300);
  dialog = GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_INVITE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (gx_test_find_button (dialog, "Invite Target _Group (3)"));
  gtk_widget_activate_action (dialog, "invite.target-group", NULL);
  wait_for_count (fixture, "SELECT count (*) FROM invitations", 3);
  g_assert_true (gx_test_shows_text (dialog, "The target group is invited: 3 invitations."));
  g_assert_nonnull (gx_test_find_button (dialog, "Invite Target _Group (0)"));
  gtk_window_close (GTK_WINDOW (dialog));

  /* Back in Customers, the saved filter applies again from the Saved menu… */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-place", "s", "customers");
  gx_test_iterate_for (300);
  gtk_widget_activate_action (customers, "view.clear-filters", NULL);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (members)));
  {
    g_autofree char *id = gx_db_query_string (reader (fixture), "SELECT id FROM customer_filters", NULL, NULL);

    gtk_widget_activate_action (customers, "view.apply-saved-filter", "s", id);
    gx_test_iterate_for (200);
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (members)));

    /* …is renamed for every desk — the concert keeps it… */
    gtk_widget_activate_action (customers, "view.rename-saved-filter", "s", id);
    gx_test_iterate_for (300);
    dialog = GTK_WIDGET (gx_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (dialog);
    g_assert_true (gx_test_shows_text (dialog, "Rename “客户会会员”"));
    gtk_editable_set_text (GTK_EDITABLE (gx_test_find_descendant (dialog, GTK_TYPE_ENTRY)), "客户会会员（全体）");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "rename");
    gtk_window_destroy (GTK_WINDOW (dialog));
    wait_for_count (fixture, "SELECT count (*) FROM customer_filters f JOIN activities a ON a.target_filter_id = f.id"
                             " WHERE f.name = '客户会会员（全体）'", 1);
    {
      gint64 end = g_get_monotonic_time () + 8 * G_USEC_PER_SEC;

      while (!gx_test_shows_text (GTK_WIDGET (fixture->window), "The saved filter is now called “客户会会员（全体）”.") &&
             g_get_monotonic_time () < end)
        gx_test_iterate_for (100);
    }
    g_assert_true (gx_test_shows_text (GTK_WIDGET (fixture->window), "The saved filter is now called “客户会会员（全体）”."));

    /* …and is not deleted while the concert invites with it. */
    gtk_widget_activate_action (customers, "view.delete-saved-filter", "s", id);
    gx_test_iterate_for (300);
    dialog = GTK_WIDGET (gx_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (dialog);
    g_assert_true (gx_test_shows_text (dialog, "Delete “客户会会员（全体）”?"));
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
    gtk_window_destroy (GTK_WINDOW (dialog));
    {
      gint64 end = g_get_monotonic_time () + 8 * G_USEC_PER_SEC;

      while (!gx_test_shows_text (GTK_WIDGET (fixture->window), "target group of 1 activity") && g_get_monotonic_time () < end)
        gx_test_iterate_for (100);
    }
    g_assert_true (gx_test_shows_text (GTK_WIDGET (fixture->window), "target group of 1 activity"));
    g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count (*) FROM customer_filters", NULL, -1, NULL), ==, 1);
  }
}

/* 5,000 prospects, a saved filter naming them all, and an activity inviting it. */
static gboolean
seed_large_group_cb (GxDb      *db,
                     gpointer   data,
                     GError   **error)
{
  Fixture *fixture = data;
  GxWriteMeta meta = { .now = GX_TEST_NOW, .user_id = gx_context_get_user_id (fixture->context) };
  g_autoptr(JsonObject) activity = json_object_new ();
  g_autofree char *filter_id = NULL;
  g_autofree char *activity_id = gx_uuid_v7_new ();

  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autofree char *id = gx_uuid_v7_new ();
      g_autofree char *number = g_strdup_printf ("P%06u", i);
      g_autofree char *name = g_strdup_printf ("潜客%u", i);

      json_object_set_string_member (fields, "number", number);
      json_object_set_string_member (fields, "name", name);
      json_object_set_string_member (fields, "stage", "prospect");
      json_object_set_int_member (fields, "created_at", GX_TEST_NOW);
      json_object_set_int_member (fields, "updated_at", GX_TEST_NOW);
      if (!gx_record_insert (db, "customer", id, fields, &meta, error))
        return FALSE;
    }
  if (!gx_customer_filter_save (db, "全部潜在客户", "stage=prospect", &meta, &filter_id, error))
    return FALSE;
  json_object_set_string_member (activity, "title", "财富讲座");
  json_object_set_string_member (activity, "club_id", fixture->club_id);
  json_object_set_string_member (activity, "target_filter_id", filter_id);
  json_object_set_string_member (activity, "status", "scheduled");
  json_object_set_int_member (activity, "starts_at", GX_TEST_NOW + 7 * 86400);
  json_object_set_int_member (activity, "ends_at", GX_TEST_NOW + 7 * 86400 + 7200);
  json_object_set_int_member (activity, "created_at", GX_TEST_NOW);
  json_object_set_int_member (activity, "updated_at", GX_TEST_NOW);
  return gx_record_insert (db, "activity", activity_id, activity, &meta, error);
}

/* Inviting a large target group: a progress bar in the dialog while the window stays usable,
 * and Cancel stops it, saying how many invitations were made (they stay); inviting again
 * does the rest. */
static void
test_large_target_group_progress_and_cancel (Fixture       *fixture,
                                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog, *bar, *box;
  gint64 invited, end;
  g_autofree char *said = NULL;
  /* In the environment's language: this test also takes the screenshots of the dialog. */
  g_autofree char *button = g_strdup_printf (ngettext ("Invite Target _Group (%d)", "Invite Target _Group (%d)", 5000), 5000);

  g_assert_true (gx_store_write_sync (gx_context_get_store (fixture->context), seed_large_group_cb, fixture, &error));
  g_assert_no_error (error);
  gx_test_iterate_for (300);
  open_first_activity (fixture);
  gtk_widget_activate_action (activity_page (fixture), "page.invite", NULL);
  gx_test_iterate_for (300);
  dialog = GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_INVITE_DIALOG));
  g_assert_nonnull (dialog);
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (gx_test_find_button (dialog, button) == NULL && g_get_monotonic_time () < end)
    gx_test_iterate_for (50);
  g_assert_nonnull (gx_test_find_button (dialog, button));

  gtk_widget_activate_action (dialog, "invite.target-group", NULL);
  bar = gx_test_find_descendant (dialog, GTK_TYPE_PROGRESS_BAR);
  box = gtk_widget_get_parent (bar);
  g_assert_true (gtk_widget_get_visible (box));
  /* The first thousand is in: the bar says so, and Cancel stops after the step under way. */
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)) == 0.0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), >, 0.0);
  {
    g_autofree char *of = g_strdup_printf (_("%'u of %'u invited"), 1000u, 5000u);

    g_assert_cmpstr (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (bar)), ==, of);
  }
  if (g_getenv ("GX_SCREENSHOT_DIR") != NULL)
    gx_test_snap (dialog, "activities-15-invite-progress");
  gtk_widget_activate_action (dialog, "invite.cancel-group", NULL);
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (gtk_widget_get_visible (box) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (gtk_widget_get_visible (box));

  invited = gx_db_query_int (reader (fixture), "SELECT count (*) FROM invitations", NULL, 0, NULL);
  g_assert_cmpint (invited, >=, 1000);
  g_assert_cmpint (invited, <, 5000);
  g_assert_cmpint (invited % 1000, ==, 0);
  said = g_strdup_printf (_("Stopped: %'u of %'u invited; those invitations stay. Invite Target Group again invites the rest."),
                          (guint) invited, 5000u);
  g_assert_true (gx_test_shows_text (dialog, said));
  if (g_getenv ("GX_SCREENSHOT_DIR") != NULL)
    gx_test_snap (dialog, "activities-16-invite-stopped");
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count (*) FROM outbox WHERE kind = 'invitation'", NULL, 0, NULL),
                   ==, invited);

  /* Again: the rest. The button counts them again, off the main thread. */
  g_clear_pointer (&said, g_free);
  said = g_strdup_printf (ngettext ("Invite Target _Group (%d)", "Invite Target _Group (%d)", (gulong) (5000 - invited)),
                          (int) (5000 - invited));
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (gx_test_find_button (dialog, said) == NULL && g_get_monotonic_time () < end)
    gx_test_iterate_for (50);
  g_assert_nonnull (gx_test_find_button (dialog, said));
  gtk_widget_activate_action (dialog, "invite.target-group", NULL);
  wait_for_count (fixture, "SELECT count (*) FROM invitations", 5000);
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  g_clear_pointer (&said, g_free);
  said = g_strdup_printf (ngettext ("The target group is invited: %'u invitation.", "The target group is invited: %'u invitations.",
                                    (gulong) (5000 - invited)), (guint) (5000 - invited));
  while (!gx_test_shows_text (dialog, said) && g_get_monotonic_time () < end)
    gx_test_iterate_for (50);
  g_assert_true (gx_test_shows_text (dialog, said));
  g_assert_false (gtk_widget_get_visible (box));
  gtk_window_close (GTK_WINDOW (dialog));
}

/* Co-hosts: chosen as the planner types, shown as links that open the organisation's
 * profile, taken off with Undo at hand. */
static void
test_partners_as_links (Fixture       *fixture,
                        gconstpointer  data)
{
  JsonObject *fields;
  g_autofree char *org = NULL;
  g_autofree char *activity = NULL;
  GtkWidget *page, *dialog, *entry;

  fields = json_object_new ();
  json_object_set_string_member (fields, "number", "C00000090");
  json_object_set_string_member (fields, "name", "上海市高尔夫球协会");
  json_object_set_string_member (fields, "kind", "government");
  json_object_set_string_member (fields, "industry", "体育");
  json_object_set_int_member (fields, "created_at", GX_TEST_NOW);
  json_object_set_int_member (fields, "updated_at", GX_TEST_NOW);
  org = insert (fixture, "customer", fields);
  fields = json_object_new ();
  json_object_set_string_member (fields, "title", "高尔夫邀请赛");
  json_object_set_string_member (fields, "club_id", fixture->club_id);
  json_object_set_string_member (fields, "status", "scheduled");
  json_object_set_string_member (fields, "partners", "浦发银行");
  json_object_set_int_member (fields, "starts_at", GX_TEST_NOW + 7 * 86400);
  json_object_set_int_member (fields, "ends_at", GX_TEST_NOW + 7 * 86400 + 7200);
  json_object_set_int_member (fields, "created_at", GX_TEST_NOW);
  json_object_set_int_member (fields, "updated_at", GX_TEST_NOW);
  activity = insert (fixture, "activity", fields);
  gx_test_iterate_for (300);
  open_first_activity (fixture);
  page = activity_page (fixture);
  /* The name typed before co-hosts were linked stays, as a name. */
  g_assert_true (gx_test_shows_text (page, "浦发银行"));

  gtk_widget_activate_action (page, "page.add-partner", NULL);
  gx_test_iterate_for (300);
  dialog = GTK_WIDGET (gx_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  entry = gx_test_find_descendant (dialog, GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "高尔夫");
  gx_test_iterate_for (400);
  g_assert_true (gx_test_shows_text (dialog, "上海市高尔夫球协会"));
  g_assert_true (gx_test_shows_text (dialog, "Government or association · C00000090"));
  g_signal_emit_by_name (entry, "activate");
  wait_for_count (fixture, "SELECT count (*) FROM activity_partners WHERE customer_id IS NOT NULL", 1);
  g_assert_null (gx_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gx_test_shows_text (page, "上海市高尔夫球协会"));
  g_assert_true (gx_test_shows_text (GTK_WIDGET (fixture->window), "上海市高尔夫球协会 is a co-host."));

  /* The link opens the organisation's profile in Customers. */
  gtk_widget_activate_action (page, "page.open-partner", "(ss)", "customer", org);
  gx_test_iterate_for (600);
  g_assert_cmpstr (gx_window_get_place (fixture->window), ==, "customers");
  g_assert_true (gx_test_shows_text (gx_test_find_descendant (GTK_WIDGET (fixture->window), GX_TYPE_CUSTOMERS_VIEW), "上海市高尔夫球协会"));

  /* Off again, with Undo. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-place", "s", "activities");
  gx_test_iterate_for (300);
  {
    g_autofree char *partner = gx_db_query_string (reader (fixture), "SELECT id FROM activity_partners", NULL, NULL);

    gtk_widget_activate_action (page, "page.remove-partner", "(sss)", partner, "customer", org);
  }
  wait_for_count (fixture, "SELECT count (*) = 0 FROM activity_partners", 1);
  g_assert_true (gx_test_shows_text (GTK_WIDGET (fixture->window), "上海市高尔夫球协会 is no longer a co-host."));
  gtk_widget_activate_action (page, "page.readd-partner", "(ss)", "customer", org);
  wait_for_count (fixture, "SELECT count (*) FROM activity_partners", 1);
  g_assert_true (gx_test_shows_text (page, "上海市高尔夫球协会"));
  if (g_getenv ("GX_SCREENSHOT_DIR") != NULL)
    gx_test_snap (gtk_widget_get_ancestor (gx_test_find_row (page, ADW_TYPE_PREFERENCES_ROW, "上海市高尔夫球协会"), ADW_TYPE_PREFERENCES_GROUP), "activities-17-co-hosts");
}

/* A customer manager at a desk answers and checks people in, but does not plan, staff,
 * evaluate or award: the server would refuse it, so the desk does not offer it. */
static void
test_desk_role (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *editor = plan_activity (fixture, "高尔夫邀请赛", "2026-11-29 09:00", "2026-11-29 17:00");
  GtkWidget *page;

  gtk_widget_activate_action (editor, "editor.save", NULL);
  wait_for_count (fixture, "SELECT count (*) FROM activities", 1);
  page = activity_page (fixture);

  gx_context_set_user (fixture->context, gx_context_get_user_id (fixture->context), "Li Na", GX_ROLE_DESK);
  gx_test_iterate_for (100);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new", NULL);
  gtk_widget_activate_action (page, "page.edit", NULL);
  gx_test_iterate_for (300);
  g_assert_null (gx_test_find_toplevel (GX_TYPE_ACTIVITY_EDITOR));
  g_assert_false (gtk_widget_is_sensitive (gx_test_find_button (page, "A_dd")));

  /* Inviting is theirs: customers they serve. */
  gtk_widget_activate_action (page, "page.invite", NULL);
  gx_test_iterate_for (300);
  g_assert_nonnull (gx_test_find_toplevel (GX_TYPE_INVITE_DIALOG));
  gtk_window_close (gx_test_find_toplevel (GX_TYPE_INVITE_DIALOG));

  /* A supervisor again: planning is back. */
  gx_context_set_user (fixture->context, gx_context_get_user_id (fixture->context), "Zhou Min", GX_ROLE_SUPERVISOR);
  gx_test_iterate_for (100);
  gtk_widget_activate_action (page, "page.edit", NULL);
  gx_test_iterate_for (300);
  g_assert_nonnull (gx_test_find_toplevel (GX_TYPE_ACTIVITY_EDITOR));
}

/* A busy month: thousands of activities in March. The plan's card lists the first of them
 * and says how many more there are; that row opens the list narrowed to March. */

static gboolean
save_busy_march_cb (GxDb      *db,
                    gpointer   data,
                    GError   **error)
{
  Fixture *fixture = data;
  GxWriteMeta meta = { .now = GX_TEST_NOW };
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) march = g_date_time_new (shanghai, 2026, 3, 2, 9, 0, 0);

  /* Latest first, so the card's order comes from the query; and two in April. */
  for (int i = BUSY_MARCH + 1; i >= 0; i--)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autofree char *title = g_strdup_printf ("理财讲座 %04d", i);
      g_autofree char *id = NULL;
      gint64 starts = g_date_time_to_unix (march) + (i < BUSY_MARCH ? i * 600 : 40 * 86400 + i);

      json_object_set_string_member (fields, "title", title);
      json_object_set_string_member (fields, "kind", "investment");
      json_object_set_string_member (fields, "club_id", fixture->club_id);
      json_object_set_int_member (fields, "starts_at", starts);
      json_object_set_int_member (fields, "ends_at", starts + 3600);
      json_object_set_int_member (fields, "budget", 100000);
      if (!gx_activity_save (db, NULL, fields, &meta, &id, error))
        return FALSE;
    }
  return TRUE;
}

/* The card of @month_name in the plan: the box whose heading reads it. */
static GtkWidget *
find_month_card (GtkWidget  *widget,
                 const char *month_name)
{
  if (gtk_widget_has_css_class (widget, "gx-month"))
    {
      GtkWidget *heading = gtk_widget_get_first_child (gtk_widget_get_first_child (widget));

      return GTK_IS_LABEL (heading) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (heading)), month_name) == 0
             ? widget : NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_month_card (child, month_name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The activities a card lists, as the titles of their rows. */
static GPtrArray *
card_titles (GtkWidget *card)
{
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  for (GtkWidget *child = gtk_widget_get_first_child (card); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child) && g_object_get_data (G_OBJECT (child), "activity-id") != NULL)
      g_ptr_array_add (titles, g_strdup (gtk_widget_get_tooltip_text (child)));
  return titles;
}

/* The name of @month as the plan heads its card, in the language the test runs in. */
static char *
month_name (int month)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2000, month, 1, 0, 0, 0);

  return g_date_time_format (date, _("%B"));
}

static gboolean
plan_shows_march_cb (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *march = month_name (3);
  GtkWidget *card = find_month_card (activities_view (fixture), march);
  g_autoptr(GPtrArray) titles = card ? card_titles (card) : NULL;

  return titles != NULL && titles->len > 0;
}

static gboolean
list_counts_cb (gpointer data)
{
  gpointer *pair = data;

  return g_list_model_get_n_items (pair[0]) == GPOINTER_TO_UINT (pair[1]);
}

/* The texts are read in the language the test runs in, so the same test takes the
 * screenshots in English and Chinese (docs/HACKING.md). */
static void
test_plan_overfull_month (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *view = activities_view (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  g_autofree char *march = month_name (3);
  g_autofree char *april = month_name (4);
  g_autofree char *rest = gx_format_count (BUSY_MARCH - 8);
  g_autofree char *all = gx_format_count (BUSY_MARCH);
  g_autofree char *more_label = g_strdup_printf (ngettext ("%s more…", "%s more…", BUSY_MARCH - 8), rest);
  g_autofree char *more_tooltip = g_strdup_printf (ngettext ("Show the %1$s activity of %2$s in the list",
                                                             "Show all %1$s activities of %2$s in the list", BUSY_MARCH),
                                                   all, march);
  g_autofree char *shown_count = g_strdup_printf (ngettext ("%s activity", "%s activities", BUSY_MARCH), all);
  g_autofree char *scope = NULL;
  GtkWidget *card, *more, *list, *focus;
  GListModel *model;
  gpointer wanted[2];

  g_assert_true (gx_store_write_sync (gx_context_get_store (fixture->context), save_busy_march_cb, fixture, &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (view, "view.show-plan", NULL);
  g_assert_true (gx_test_wait_until (plan_shows_march_cb, fixture));
  gx_test_iterate_for (300);

  /* March lists its first eight by date, then how many more there are. */
  card = find_month_card (view, march);
  titles = card_titles (card);
  g_assert_cmpuint (titles->len, ==, 8);
  for (guint i = 0; i < titles->len; i++)
    {
      g_autofree char *expected = g_strdup_printf ("理财讲座 %04u", i);
      g_assert_cmpstr (titles->pdata[i], ==, expected);
    }
  more = gx_test_find_button (card, more_label);
  g_assert_nonnull (more);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (more), ==, more_tooltip);
  g_assert_true (gtk_widget_get_focusable (more));

  /* April has room for its two, and no "more". */
  card = find_month_card (view, april);
  g_clear_pointer (&titles, g_ptr_array_unref);
  titles = card_titles (card);
  g_assert_cmpuint (titles->len, ==, 2);
  g_assert_null (gx_test_find_button (card, more_label));

  /* The figures count every activity of the year, not only those the cards show. */
  {
    g_autofree char *progress = g_strdup_printf (ngettext ("%d activity: %d planned · %d scheduled · %d held · %d evaluated · %d cancelled",
                                                           "%d activities: %d planned · %d scheduled · %d held · %d evaluated · %d cancelled",
                                                           BUSY_MARCH + 2),
                                                 BUSY_MARCH + 2, 0, BUSY_MARCH + 2, 0, 0, 0);
    g_autofree char *budget = gx_format_money ((gint64) (BUSY_MARCH + 2) * 100000);
    g_autofree char *spent = gx_format_money (0);
    g_autofree char *money = g_strdup_printf (_("Budget %s · spent %s"), budget, spent);

    g_assert_true (gx_test_shows_text (view, progress));
    g_assert_true (gx_test_shows_text (view, money));
  }
  gx_test_snap (GTK_WIDGET (fixture->window), "activities-15-plan-overfull-month");

  /* "N more…" opens the list narrowed to March of the club's plan, keyboard in it. */
  gx_test_click (find_month_card (view, march), more_label);
  list = gx_test_find_list (view, GX_TYPE_ACTIVITY_ROW);
  model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (list)));
  wanted[0] = model;
  wanted[1] = GUINT_TO_POINTER (BUSY_MARCH);
  g_assert_true (gx_test_wait_until (list_counts_cb, wanted));
  gx_test_iterate_for (200);
  {
    g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 3, 1, 0, 0, 0);
    g_autofree char *period = g_date_time_format (date, _("%B %Y"));
    g_autofree char *in_plan = g_strdup_printf (_("In the plan for %s"), period);

    scope = g_strconcat (in_plan, " · 私人银行客户会", NULL);
  }
  g_assert_true (gx_test_shows_text (view, scope));
  g_assert_true (gx_test_shows_text (view, shown_count));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (focus == list || (focus != NULL && gtk_widget_is_ancestor (focus, list)));
  gx_test_snap (GTK_WIDGET (fixture->window), "activities-16-plan-month-in-list");

  /* Show All: the whole list again. */
  gtk_widget_activate_action (view, "view.clear-scope", NULL);
  wanted[1] = GUINT_TO_POINTER (BUSY_MARCH + 2);
  g_assert_true (gx_test_wait_until (list_counts_cb, wanted));
  g_assert_false (gx_test_shows_text (view, scope));
}

/* The demo archive, for the tour: a year of activities, held, evaluated and to come. */
static void
demo_set_up (Fixture       *fixture,
             gconstpointer  data)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = NULL;
  g_autoptr(GxClock) clock = gx_clock_new_fixed (GX_TEST_NOW);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GxDemoOptions options = { .seed = 7, .n_customers = 1500, .clock = clock };

  store = gx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (gx_demo_generate (store, &options, NULL, &error));
  g_assert_no_error (error);
  fixture->context = gx_context_new (store, clock, settings);
  g_assert_true (gx_context_ensure_user (fixture->context, &error));

  g_settings_set_string (settings, "last-place", "activities");
  fixture->app = g_object_ref (the_app);
  fixture->window = gx_window_new (fixture->app, fixture->context);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1366, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gx_test_iterate_for (800);
}

/* A tour of the place for people to look at, in the language of the environment: saved to
 * GX_SCREENSHOT_DIR when it is set; skipped otherwise. */
static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *page;

  if (g_getenv ("GX_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("GX_SCREENSHOT_DIR is not set");
      return;
    }

  gtk_widget_activate_action (activities_view (fixture), "view.show-plan", NULL);
  gx_test_snap (window, "activities-01-plan");

  /* An activity held last week whose points are still to award. */
  gtk_widget_activate_action (window, "win.show-list", "(ss)", "activities", "filter=points_due");
  gx_test_iterate_for (500);
  gx_test_snap (window, "activities-02-points-due");
  open_first_activity (fixture);
  page = activity_page (fixture);
  gx_test_snap (window, "activities-03-details");
  gx_activity_page_show_tab (GX_ACTIVITY_PAGE (page), "invitations");
  gx_test_snap (window, "activities-04-invitations");
  gx_activity_page_show_tab (GX_ACTIVITY_PAGE (page), "checkin");
  gx_test_snap (window, "activities-05-check-in");
  gx_activity_page_show_tab (GX_ACTIVITY_PAGE (page), "evaluation");
  gx_test_snap (window, "activities-06-evaluation");
  {
    g_autofree char *pdf_path = g_build_filename (g_getenv ("GX_SCREENSHOT_DIR"), "activities-06-evaluation.pdf", NULL);
    g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);

    g_assert_true (gx_activity_print (GTK_WINDOW (window), fixture->context,
                                      gx_activity_page_get_activity_id (GX_ACTIVITY_PAGE (page)),
                                      GX_ACTIVITY_PRINT_EVALUATION, pdf, NULL));
  }
  gtk_widget_activate_action (page, "page.award", NULL);
  gx_test_snap (GTK_WIDGET (gx_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "activities-07-award");
  if (gx_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL)
    gtk_window_destroy (gx_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  gtk_widget_activate_action (page, "page.edit", NULL);
  gx_test_snap (GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_ACTIVITY_EDITOR)), "activities-08-editor");
  if (gx_test_find_toplevel (GX_TYPE_ACTIVITY_EDITOR) != NULL)
    gtk_window_destroy (gx_test_find_toplevel (GX_TYPE_ACTIVITY_EDITOR));

  /* One to come: invitations open. */
  gtk_widget_activate_action (window, "win.show-list", "(ss)", "activities", "from=2026-11-23&until=2027-01-01");
  gx_test_iterate_for (500);
  open_first_activity (fixture);
  gx_activity_page_show_tab (GX_ACTIVITY_PAGE (page), "invitations");
  gx_test_snap (window, "activities-09-upcoming-invitations");
  gtk_widget_activate_action (page, "page.invite", NULL);
  gx_test_snap (GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_INVITE_DIALOG)), "activities-10-invite");
  if (gx_test_find_toplevel (GX_TYPE_INVITE_DIALOG) != NULL)
    gtk_window_destroy (gx_test_find_toplevel (GX_TYPE_INVITE_DIALOG));
  gtk_widget_activate_action (page, "page.walk-in", NULL);
  gx_test_snap (GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_PERSON_DIALOG)), "activities-11-walk-in");
  if (gx_test_find_toplevel (GX_TYPE_PERSON_DIALOG) != NULL)
    gtk_window_destroy (gx_test_find_toplevel (GX_TYPE_PERSON_DIALOG));

  gtk_widget_activate_action (window, "win.show-place", "s", "overview");
  gx_test_snap (window, "activities-12-overview");

  /* A filter saved in Customers, then chosen as a new activity's target group. */
  gtk_widget_activate_action (window, "win.show-place", "s", "customers");
  gx_test_iterate_for (300);
  {
    GtkWidget *customers = gx_test_find_descendant (window, GX_TYPE_CUSTOMERS_VIEW);
    GtkWidget *dialog, *editor, *row;

    gtk_check_button_set_active (GTK_CHECK_BUTTON (find_check (customers, _("_Club members"))), TRUE);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (find_check (customers, _("_Birthday this month"))), TRUE);
    gx_test_iterate_for (300);
    {
      /* The Filters popover with Save Filter… and Saved. */
      GtkWidget *popover = gtk_widget_get_ancestor (find_check (customers, _("_Club members")), GTK_TYPE_POPOVER);

      gtk_popover_popup (GTK_POPOVER (popover));
      gx_test_snap (popover, "activities-12b-customer-filters");
      gtk_popover_popdown (GTK_POPOVER (popover));
    }
    gtk_widget_activate_action (customers, "view.save-filter", NULL);
    gx_test_iterate_for (300);
    dialog = GTK_WIDGET (gx_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    gtk_editable_set_text (GTK_EDITABLE (gx_test_find_descendant (dialog, GTK_TYPE_ENTRY)), "本月生日的会员");
    gx_test_snap (dialog, "activities-13-save-filter");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
    gtk_window_destroy (GTK_WINDOW (dialog));
    wait_for_count (fixture, "SELECT count (*) FROM customer_filters", 1);

    gtk_widget_activate_action (window, "win.show-place", "s", "activities");
    gx_test_iterate_for (300);
    gtk_widget_activate_action (window, "win.new", NULL);
    gx_test_iterate_for (300);
    editor = GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_ACTIVITY_EDITOR));
    row = gx_test_find_row (editor, ADW_TYPE_PREFERENCES_ROW, _("Or invite customers of a saved filter"));
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
    gtk_widget_grab_focus (row);
    gx_test_snap (editor, "activities-14-editor-saved-filter");
    gtk_window_destroy (GTK_WINDOW (editor));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  /* Translations from the build tree, for the screenshots in other languages. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GUANXI_LOCALEDIR") ? g_getenv ("GUANXI_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  adw_init ();
  /* The complaints place, in the same window, announces escalations of the demo archive. */
  gx_test_notifications_start ();
  g_resources_register (gx_app_get_resource ());

  the_app = gx_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (the_app), NULL, &error))
    g_error ("%s", error->message);

  g_test_add ("/ui/activities/plan-invite-fill-check-in-award", Fixture, NULL, fixture_set_up,
              test_plan_invite_fill_check_in_award, fixture_tear_down);
  g_test_add ("/ui/activities/editor-keeps-refused-input", Fixture, NULL, fixture_set_up,
              test_editor_keeps_refused_input, fixture_tear_down);
  g_test_add ("/ui/activities/staff-with-undo", Fixture, NULL, fixture_set_up,
              test_staff_with_undo, fixture_tear_down);
  g_test_add ("/ui/activities/letters-and-badges-as-pdf", Fixture, NULL, fixture_set_up,
              test_letters_and_badges_as_pdf, fixture_tear_down);
  g_test_add ("/ui/activities/target-group-from-saved-filter", Fixture, NULL, fixture_set_up,
              test_target_group_from_saved_filter, fixture_tear_down);
  g_test_add ("/ui/activities/large-target-group-progress-and-cancel", Fixture, NULL, fixture_set_up,
              test_large_target_group_progress_and_cancel, fixture_tear_down);
  g_test_add ("/ui/activities/partners-as-links", Fixture, NULL, fixture_set_up,
              test_partners_as_links, fixture_tear_down);
  g_test_add ("/ui/activities/desk-role", Fixture, NULL, fixture_set_up,
              test_desk_role, fixture_tear_down);
  g_test_add ("/ui/activities/plan-overfull-month", Fixture, NULL, fixture_set_up,
              test_plan_overfull_month, fixture_tear_down);
  g_test_add ("/ui/activities/screenshots", Fixture, NULL, demo_set_up,
              test_screenshots, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&the_app);
  return status;
}
