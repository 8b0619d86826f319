/* test-ui-cases.c: the complaints place under a real display — take a case from the keyboard,
 * move it through its states, watch its clock turn red, approve it as a supervisor, hear the
 * escalation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "gx-app-resources.h"
#include "gx-application.h"
#include "gx-case-action-dialog.h"
#include "gx-case-categories-page.h"
#include "gx-case-intake-dialog.h"
#include "gx-case-page.h"
#include "gx-case-report.h"
#include "gx-case.h"
#include "gx-cases-view.h"
#include "gx-customer-cases.h"
#include "gx-demo.h"
#include "gx-lessons-window.h"
#include "gx-report-print.h"
#include "gx-test-keys.h"
#include "gx-test-notifications.h"
#include "gx-test-ui.h"
#include "gx-test-util.h"
#include "gx-uuid.h"
#include "gx-window.h"

/* One application for the whole program: an application stays exported on the session bus
 * after its last reference goes, so a second one could not register. */
static GxApplication *the_app;

typedef struct
{
  GxApplication *app;
  GxContext     *context;
  GxClock       *clock;
  GxWindow      *window;
  GxCasesView   *view;
  char          *desk_id;      /* 李娜, who reports to the signed-in supervisor */
  char          *customer_id;
} Fixture;

static GxCasePage *
case_page (Fixture *fixture)
{
  return GX_CASE_PAGE (gx_test_find_descendant (GTK_WIDGET (fixture->view), GX_TYPE_CASE_PAGE));
}

/* Fixture */

static char *
user_id (Fixture    *fixture,
         const char *username)
{
  return gx_db_query_string (gx_store_get_main_reader (gx_context_get_store (fixture->context)),
                             "SELECT id FROM users WHERE username = ?", g_variant_new ("(s)", username), NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GxDemoOptions options = { .seed = 11, .n_customers = 200 };

  fixture->clock = gx_clock_new_fixed (GX_TEST_NOW);
  options.clock = fixture->clock;
  store = gx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (gx_demo_generate (store, &options, NULL, &error));
  g_assert_no_error (error);

  fixture->context = gx_context_new (store, fixture->clock, settings);
  g_assert_true (gx_context_ensure_user (fixture->context, &error));
  g_assert_cmpint (gx_context_get_role (fixture->context), ==, GX_ROLE_SUPERVISOR);
  fixture->desk_id = user_id (fixture, "lina");
  fixture->customer_id = gx_db_query_string (gx_store_get_main_reader (store),
                                             "SELECT id FROM customers WHERE kind = 'individual' ORDER BY number LIMIT 1",
                                             NULL, NULL);

  g_settings_set_string (settings, "last-place", "complaints");
  gx_test_notifications_start ();

  fixture->app = g_object_ref (the_app);
  fixture->window = gx_window_new (fixture->app, fixture->context);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 780);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gx_test_iterate_for (600);
  fixture->view = GX_CASES_VIEW (gx_test_find_descendant (GTK_WIDGET (fixture->window), GX_TYPE_CASES_VIEW));
  g_assert_cmpstr (gx_window_get_place (fixture->window), ==, "complaints");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* borrowed */

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);
      gtk_window_destroy (window);
    }
  gx_test_iterate_for (50);
  gx_store_close (gx_context_get_store (fixture->context));
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->clock);
  g_clear_object (&fixture->app);
  g_clear_pointer (&fixture->desk_id, g_free);
  g_clear_pointer (&fixture->customer_id, g_free);
}

/* Writes a case straight through core, as another desk would, and returns its id. */
typedef struct
{
  Fixture    *fixture;
  const char *user;
  gint64      now;
  const char *severity;
  GxCaseStatus upto;
  char       *id;
} Prepare;

static gboolean
prepare_cb (GxDb      *db,
            gpointer   data,
            GError   **error)
{
  Prepare *p = data;
  GxWriteMeta meta = { .now = p->now, .user_id = p->user };
  GxCaseIntake intake = {
    .customer_id = p->fixture->customer_id, .channel = "hotline", .category_id = "billing",
    .severity = p->severity, .description = "Meter read twice, bill doubled", .remedy_sought = "Refund",
  };
  static const GxCaseStatus path[] = {
    GX_CASE_ACKNOWLEDGED, GX_CASE_ASSESSED, GX_CASE_INVESTIGATING, GX_CASE_RESPONSE_DRAFTED, GX_CASE_IN_REVIEW,
  };
  g_autoptr(JsonObject) resolution = json_object_new ();

  if (!gx_case_intake (db, &intake, &meta, &p->id, error))
    return FALSE;
  json_object_set_string_member (resolution, "resolution", "Meter reading corrected, 200 yuan refunded");
  for (guint i = 0; i < G_N_ELEMENTS (path) && path[i] <= p->upto; i++)
    {
      GxCaseChange change = { .to = path[i] };

      meta.now += 60;
      if (path[i] == GX_CASE_RESPONSE_DRAFTED && !gx_case_edit (db, p->id, resolution, &meta, error))
        return FALSE;
      if (!gx_case_transition (db, p->id, &change, &meta, error))
        return FALSE;
    }
  return TRUE;
}

static char *
prepare_case (Fixture      *fixture,
              const char   *user,
              const char   *severity,
              GxCaseStatus  upto)
{
  g_autoptr(GError) error = NULL;
  Prepare p = { fixture, user, gx_clock_now (fixture->clock), severity, upto };

  g_assert_true (gx_store_write_sync (gx_context_get_store (fixture->context), prepare_cb, &p, &error));
  g_assert_no_error (error);
  gx_test_iterate_for (300);
  return p.id;
}

static char *
case_text (Fixture    *fixture,
           const char *case_id,
           const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM cases WHERE id = ?", column);

  return gx_db_query_string (gx_store_get_main_reader (gx_context_get_store (fixture->context)), sql,
                             g_variant_new ("(s)", case_id), NULL);
}

/* Waits for a column of a case to read @expected, for writes the view makes on its own. */
static char *
eventually_case_text (Fixture    *fixture,
                      const char *case_id,
                      const char *column,
                      const char *expected)
{
  gint64 end = g_get_monotonic_time () + GX_TEST_PATIENCE_US;
  char *text = case_text (fixture, case_id, column);

  while (g_strcmp0 (text, expected) != 0 && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_free (text);
      text = case_text (fixture, case_id, column);
    }
  return text;
}

static gboolean
eventually_heard (const char *title)
{
  gint64 end = g_get_monotonic_time () + GX_TEST_PATIENCE_US;

  for (;;)
    {
      for (guint i = 0; i < gx_test_notification_titles->len; i++)
        if (g_str_equal (g_ptr_array_index (gx_test_notification_titles, i), title))
          return TRUE;
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
    }
}

static void
open_case (Fixture    *fixture,
           const char *case_id)
{
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-case", "s", case_id);
  gx_test_iterate_for (500);
  g_assert_cmpstr (gx_case_page_get_case_id (case_page (fixture)), ==, case_id);
}

/* Tests */

static void
test_take_case_from_keyboard (Fixture       *fixture,
                              gconstpointer  data)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (fixture->context));
  g_autofree char *number = NULL;
  g_autofree char *name = NULL;
  g_autofree char *case_id = NULL;
  g_autofree char *status = NULL;
  g_autofree char *responder = NULL;
  gint64 before = gx_db_query_int (db, "SELECT count(*) FROM cases", NULL, 0, NULL);
  GtkWindow *dialog;
  GtkWidget *focus;

  if (!gx_test_keys_available ())
    {
      g_test_skip ("no XTest to type with");
      return;
    }

  number = gx_db_query_string (db, "SELECT number FROM customers WHERE id = ?", g_variant_new ("(s)", fixture->customer_id), NULL);
  name = gx_db_query_string (db, "SELECT name FROM customers WHERE id = ?", g_variant_new ("(s)", fixture->customer_id), NULL);

  /* Ctrl+N opens the form with the cursor in the customer search. */
  gx_test_key_with (XK_Control_L, XK_n);
  gx_test_iterate_for (500);
  dialog = gx_test_find_toplevel (GX_TYPE_CASE_INTAKE_DIALOG);
  g_assert_nonnull (dialog);
  focus = gtk_window_get_focus (dialog);
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY));

  /* The customer number, Enter: the match is taken. */
  gx_test_type (number);
  gx_test_iterate_for (800);
  g_assert_true (gx_test_eventually_shows (GTK_WIDGET (dialog), name));
  gx_test_key (XK_Return);
  gx_test_iterate_for (300);
  g_assert_true (gx_test_eventually_shows (GTK_WIDGET (dialog), number));

  /* Tab along to the description and type it; no mouse. */
  for (guint i = 0; i < 20 && !GTK_IS_TEXT_VIEW (gtk_window_get_focus (dialog)); i++)
    gx_test_key (XK_Tab);
  g_assert_true (GTK_IS_TEXT_VIEW (gtk_window_get_focus (dialog)));
  gx_test_type ("Charged twice for the water bill");

  /* Ctrl+Enter registers; the new case opens, received, with its number shown. */
  gx_test_key_with (XK_Control_L, XK_Return);
  gx_test_iterate_for (1200);
  g_assert_true (gx_test_eventually_gone (GX_TYPE_CASE_INTAKE_DIALOG));
  g_assert_cmpint (gx_db_query_int (db, "SELECT count(*) FROM cases", NULL, 0, NULL), ==, before + 1);

  case_id = gx_db_query_string (db, "SELECT id FROM cases ORDER BY created_at DESC, rowid DESC LIMIT 1", NULL, NULL);
  status = case_text (fixture, case_id, "status");
  responder = case_text (fixture, case_id, "first_responder_id");
  g_assert_cmpstr (status, ==, "received");
  g_assert_cmpstr (responder, ==, gx_context_get_user_id (fixture->context));
  g_assert_cmpstr (gx_case_page_get_case_id (case_page (fixture)), ==, case_id);
  g_assert_true (gx_test_eventually_shows (GTK_WIDGET (case_page (fixture)), "Charged twice for the water bill"));
  g_assert_true (gx_test_eventually_shows (GTK_WIDGET (case_page (fixture)), "Received"));
}

static void
test_refused_intake_keeps_input (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkWindow *dialog;
  GtkTextView *description;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *kept = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new", NULL);
  gx_test_iterate_for (400);
  dialog = gx_test_find_toplevel (GX_TYPE_CASE_INTAKE_DIALOG);
  g_assert_nonnull (dialog);

  /* A description but no customer: refused, said next to the search, nothing lost. */
  description = GTK_TEXT_VIEW (gx_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW));
  buffer = gtk_text_view_get_buffer (description);
  gtk_text_buffer_set_text (buffer, "Counter closed at lunch", -1);
  gx_test_click (GTK_WIDGET (dialog), "Register");
  gx_test_iterate_for (300);

  g_assert_nonnull (gx_test_find_toplevel (GX_TYPE_CASE_INTAKE_DIALOG));
  g_assert_true (gx_test_eventually_shows (GTK_WIDGET (dialog), "Choose the customer who is complaining"));
  g_assert_true (gtk_widget_has_css_class (gx_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_SEARCH_ENTRY), "error"));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  kept = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (kept, ==, "Counter closed at lunch");
}

static void
test_move_through_states (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *id = prepare_case (fixture, fixture->desk_id, "medium", GX_CASE_STATUS_INVALID);
  GtkWidget *page;
  GtkWindow *dialog;
  g_autofree char *status = NULL;

  open_case (fixture, id);
  page = GTK_WIDGET (case_page (fixture));

  gx_test_click (page, "Acknowledge");
  g_assert_true (gx_test_eventually_shows (page, "Acknowledged"));

  /* Assess asks for impact and urgency; the defaults keep the severity. */
  gx_test_click (page, "Assess…");
  dialog = gx_test_find_toplevel (GX_TYPE_CASE_ACTION_DIALOG);
  g_assert_nonnull (dialog);
  gx_test_click (GTK_WIDGET (dialog), "Assess");
  g_assert_true (gx_test_eventually_gone (GX_TYPE_CASE_ACTION_DIALOG));
  g_assert_true (gx_test_eventually_shows (page, "Assessed"));

  gx_test_click (page, "Investigate");
  g_assert_true (gx_test_eventually_shows (page, "Investigating"));

  /* Waiting for the customer without saying for what is refused, in the form. */
  gx_test_click (page, "Wait for Customer…");
  dialog = gx_test_find_toplevel (GX_TYPE_CASE_ACTION_DIALOG);
  gx_test_click (GTK_WIDGET (dialog), "Wait for Customer");
  g_assert_nonnull (gx_test_find_toplevel (GX_TYPE_CASE_ACTION_DIALOG));
  g_assert_true (gx_test_eventually_shows (GTK_WIDGET (dialog), "Say what the case is waiting for"));
  status = case_text (fixture, id, "status");
  g_assert_cmpstr (status, ==, "investigating");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (gx_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW))),
                            "Asked for the meter photo", -1);
  gx_test_click (GTK_WIDGET (dialog), "Wait for Customer");
  g_assert_true (gx_test_eventually_gone (GX_TYPE_CASE_ACTION_DIALOG));
  g_assert_true (gx_test_eventually_shows (page, "Waiting for customer"));
  g_assert_true (gx_test_eventually_shows (page, "Paused"));
  g_assert_true (gx_test_eventually_shows (page, "Asked for the meter photo"));

  gx_test_click (page, "Resume");
  gx_test_click (page, "Draft Response…");
  dialog = gx_test_find_toplevel (GX_TYPE_CASE_ACTION_DIALOG);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (gx_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW))),
                            "Meter re-read; 200 yuan refunded", -1);
  gx_test_click (GTK_WIDGET (dialog), "Draft Response");
  g_assert_true (gx_test_eventually_shows (page, "Response drafted"));

  /* Medium cases need no sign-off: the decision goes out, then the return visit. */
  gx_test_click (page, "Communicate Decision…");
  dialog = gx_test_find_toplevel (GX_TYPE_CASE_ACTION_DIALOG);
  gx_test_click (GTK_WIDGET (dialog), "Communicate Decision");
  g_assert_true (gx_test_eventually_shows (page, "Decision communicated"));
  g_assert_true (gx_test_eventually_shows (page, "Met"));

  g_free (status);
  status = case_text (fixture, id, "status");
  g_assert_cmpstr (status, ==, "communicated");
}

static void
test_clock_turns_red (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *id = prepare_case (fixture, fixture->desk_id, "critical", GX_CASE_ACKNOWLEDGED);
  GtkWidget *page;
  GtkLabel *badge;

  /* Critical: 24 calendar hours to answer, amber after 80%. */
  open_case (fixture, id);
  page = GTK_WIDGET (case_page (fixture));
  g_assert_true (gx_test_eventually_shows (page, "h left"));
  badge = gx_test_find_label (page, "h left");
  g_assert_nonnull (badge);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (badge), "success"));

  gx_clock_advance (fixture->clock, 20 * 3600);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.check-deadlines", NULL);
  gx_test_iterate_for (300);
  g_assert_true (gx_test_eventually_shows (page, "4 h left"));
  badge = gx_test_find_label (page, "4 h left");
  g_assert_nonnull (badge);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (badge), "warning"));

  gx_clock_advance (fixture->clock, 5 * 3600);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.check-deadlines", NULL);
  gx_test_iterate_for (500);
  g_assert_true (gx_test_eventually_shows (page, "Overdue by 1 h"));
  badge = gx_test_find_label (page, "Overdue by 1 h");
  g_assert_nonnull (badge);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (badge), "error"));

  /* The list says it too, in the deadline column. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.focus-search", NULL);
  {
    g_autofree char *number = case_text (fixture, id, "number");
    GtkWidget *entry = gx_test_find_descendant (GTK_WIDGET (fixture->view), GTK_TYPE_SEARCH_ENTRY);
    GtkWidget *column_view = gx_test_find_descendant (GTK_WIDGET (fixture->view), GTK_TYPE_COLUMN_VIEW);
    GtkLabel *cell;

    gtk_editable_set_text (GTK_EDITABLE (entry), number);
    gx_test_iterate_for (800);
    g_assert_true (gx_test_eventually_shows (column_view, "Overdue by 1 h"));
    cell = gx_test_find_label (column_view, "Overdue by 1 h");
    g_assert_nonnull (cell);
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cell), "error"));
  }

  /* Overdue: escalated to the assignee's supervisor, who is told. */
  {
    g_autofree char *level = eventually_case_text (fixture, id, "escalation_level", "1");
    g_autofree char *to = case_text (fixture, id, "escalated_to");
    g_autofree char *number = case_text (fixture, id, "number");
    g_autofree char *expected = g_strdup_printf ("Case %s escalated to you", number);

    g_assert_cmpstr (level, ==, "1");
    g_assert_cmpstr (to, ==, gx_context_get_user_id (fixture->context));
    g_assert_true (eventually_heard (expected));
    g_assert_true (gx_test_eventually_shows (page, "Escalated to"));
  }
}

static void
test_supervisor_approves (Fixture       *fixture,
                          gconstpointer  data)
{
  /* 李娜 submitted a high case's response; her supervisor, signed in here, reviews it. */
  g_autofree char *id = prepare_case (fixture, fixture->desk_id, "high", GX_CASE_IN_REVIEW);
  GtkWidget *page;
  GtkWindow *dialog;
  g_autofree char *reviewer = NULL;
  g_autofree char *score = NULL;

  open_case (fixture, id);
  page = GTK_WIDGET (case_page (fixture));
  g_assert_true (gx_test_eventually_shows (page, "Awaiting Your Review"));
  g_assert_null (gx_test_find_button (page, "Communicate Decision…"));

  gx_test_click (page, "Approve…");
  dialog = gx_test_find_toplevel (GX_TYPE_CASE_ACTION_DIALOG);
  g_assert_nonnull (dialog);
  /* A quality score of 4 for the handling. */
  {
    GtkWidget *score_row = gx_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_ROW, "Quality score");

    g_assert_nonnull (score_row);
    adw_combo_row_set_selected (ADW_COMBO_ROW (score_row), 4);
  }
  gx_test_click (GTK_WIDGET (dialog), "Approve");
  g_assert_true (gx_test_eventually_gone (GX_TYPE_CASE_ACTION_DIALOG));

  reviewer = case_text (fixture, id, "reviewed_by");
  score = case_text (fixture, id, "quality_score");
  g_assert_cmpstr (reviewer, ==, gx_context_get_user_id (fixture->context));
  g_assert_cmpstr (score, ==, "4");
  g_assert_true (gx_test_eventually_shows (page, "Response approved"));
  g_assert_false (gx_test_shows_text (page, "Awaiting Your Review"));

  /* Signed off: the decision can go out now. */
  g_assert_nonnull (gx_test_find_button (page, "Communicate Decision…"));
}

static void
test_customer_cases (Fixture       *fixture,
                     gconstpointer  data)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (fixture->context));
  g_autofree char *id = prepare_case (fixture, fixture->desk_id, "low", GX_CASE_STATUS_INVALID);
  GtkWidget *cases = gx_customer_cases_new (fixture->context);
  GtkWidget *holder = gtk_window_new ();
  gint64 n = gx_db_query_int (db, "SELECT count(*) FROM cases WHERE customer_id = ?",
                              g_variant_new ("(s)", fixture->customer_id), 0, NULL);
  GtkWindow *dialog;

  /* The group the customer's profile shows: every case, and "New Complaint" for them. */
  gtk_window_set_child (GTK_WINDOW (holder), cases);
  gtk_window_set_transient_for (GTK_WINDOW (holder), GTK_WINDOW (fixture->window));
  gtk_window_present (GTK_WINDOW (holder));
  gx_customer_cases_set_customer_id (GX_CUSTOMER_CASES (cases), fixture->customer_id);
  gx_test_iterate_for (300);
  g_assert_cmpuint (gx_customer_cases_get_n_cases (GX_CUSTOMER_CASES (cases)), ==, (guint) n);
  g_assert_true (gx_test_eventually_shows (cases, "Meter read twice, bill doubled") || gx_test_shows_text (cases, "Meter read twice"));

  gx_test_click (cases, "New Complaint…");
  dialog = gx_test_find_toplevel (GX_TYPE_CASE_INTAKE_DIALOG);
  g_assert_nonnull (dialog);
  {
    g_autofree char *number = gx_db_query_string (db, "SELECT number FROM customers WHERE id = ?",
                                                  g_variant_new ("(s)", fixture->customer_id), NULL);
    g_assert_true (gx_test_eventually_shows (GTK_WIDGET (dialog), number));
  }
  (void) id;
}

/* Every window of the place builds from its template and shows what it is for. A bad
 * property in a .ui is a fatal critical here. */
static void
test_every_window (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *id = prepare_case (fixture, fixture->desk_id, "high", GX_CASE_IN_REVIEW);
  static const struct {
    GxCaseAction action;
    GxCaseStatus to;
    const char  *shows;
  } dialogs[] = {
    /* A move asks what the flow says it needs from where the case stands (in review). */
    { GX_CASE_ACTION_MOVE, GX_CASE_COMMUNICATED, "How the customer was told" },
    { GX_CASE_ACTION_APPROVE, GX_CASE_STATUS_INVALID, "Quality score" },
    { GX_CASE_ACTION_SEND_BACK, GX_CASE_STATUS_INVALID, "What Needs to Change?" },
    { GX_CASE_ACTION_HAND_OFF, GX_CASE_STATUS_INVALID, "Colleague" },
    { GX_CASE_ACTION_NOTE, GX_CASE_STATUS_INVALID, "Notes go into the case" },
    { GX_CASE_ACTION_VISIT, GX_CASE_STATUS_INVALID, "Overall satisfaction" },
    { GX_CASE_ACTION_LESSON, GX_CASE_STATUS_INVALID, "Responsible department" },
  };
  GtkWidget *window;

  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    {
      GtkWidget *dialog = gx_case_action_dialog_new (fixture->context, id, dialogs[i].action, dialogs[i].to);

      gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (fixture->window));
      gtk_window_present (GTK_WINDOW (dialog));
      gx_test_iterate_for (150);
      g_test_message ("dialog %u: %s", i, dialogs[i].shows);
      g_assert_true (gx_test_eventually_shows (dialog, dialogs[i].shows) || gx_test_find_row (dialog, ADW_TYPE_PREFERENCES_ROW, dialogs[i].shows) != NULL);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }

  window = gx_lessons_window_new (fixture->context, "billing");
  gtk_window_present (GTK_WINDOW (window));
  gx_test_iterate_for (200);
  g_assert_true (gx_test_eventually_shows (window, "Lessons Library"));
  gtk_window_destroy (GTK_WINDOW (window));

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.edit-time-limits", NULL);
  gx_test_iterate_for (300);
  window = GTK_WIDGET (gx_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (window);
  g_assert_nonnull (gx_test_find_row (window, ADW_TYPE_PREFERENCES_ROW, "Answer within (hours)"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The strings a combo row or drop-down offers, joined by "|". */
static char *
offered_strings (GListModel *model)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      g_string_append_printf (text, "|%s", gtk_string_object_get_string (item));
    }
  g_string_append_c (text, '|');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A supervisor keeps the category list: a category typed into the time-limits window is
 * offered at intake and in the list's filter at once; a retired one is no longer offered at
 * intake, while the filter still finds the cases that carry it. */
static void
test_edit_categories (Fixture       *fixture,
                      gconstpointer  data)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (fixture->context));
  GtkWidget *window, *page, *new_row, *billing, *retire, *row;
  GtkDropDown *filter;
  GtkWindow *intake;
  g_autofree char *filter_choices = NULL;
  g_autofree char *intake_choices = NULL;
  gint64 end;

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.edit-time-limits", NULL);
  gx_test_iterate_for (300);
  window = GTK_WIDGET (gx_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (window);
  page = gx_test_find_descendant (window, GX_TYPE_CASE_CATEGORIES_PAGE);
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gx_test_iterate_for (200);

  /* Typed and entered, as a supervisor does; without XTest, the same text applied. */
  new_row = gx_test_find_row (page, ADW_TYPE_PREFERENCES_ROW, "New category");
  g_assert_nonnull (new_row);
  if (gx_test_keys_available ())
    {
      gtk_widget_grab_focus (new_row);
      gx_test_iterate_for (100);
      gx_test_type ("Branch environment");
      gx_test_key (XK_Return);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (new_row), "Branch environment");
      g_signal_emit_by_name (new_row, "apply");
    }
  end = g_get_monotonic_time () + GX_TEST_PATIENCE_US;
  while (gx_test_find_entry_row (page, "Branch environment") == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (gx_test_find_entry_row (page, "Branch environment"));
  g_assert_cmpint (gx_db_query_int (db, "SELECT count(*) FROM case_categories WHERE name = 'Branch environment' AND active = 1",
                                    NULL, 0, NULL), ==, 1);

  /* A name another category has is refused by a toast; nothing is added. */
  gtk_editable_set_text (GTK_EDITABLE (new_row), "billing");
  g_signal_emit_by_name (new_row, "apply");
  g_assert_true (gx_test_eventually_shows (window, "There is already a category of that name."));
  g_assert_true (gtk_widget_has_css_class (new_row, "error"));
  g_assert_cmpint (gx_db_query_int (db, "SELECT count(*) FROM case_categories", NULL, 0, NULL), ==, 8);

  /* Retire Billing: it moves to the retired group, with an undo. */
  billing = gx_test_find_entry_row (page, "Billing");
  g_assert_nonnull (billing);
  retire = gx_test_find_tooltip_button (billing, "Retire");
  g_assert_nonnull (retire);
  gtk_widget_activate (retire);
  g_assert_true (gx_test_eventually_shows (window, "Retired “Billing”"));
  g_assert_true (gx_test_eventually_shows (page, "No longer offered for new complaints."));
  row = gx_test_find_row (page, ADW_TYPE_PREFERENCES_ROW, "Billing");
  g_assert_nonnull (row);
  g_assert_cmpint (gx_db_query_int (db, "SELECT active FROM case_categories WHERE id = 'billing'", NULL, 0, NULL), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  gx_test_iterate_for (100);

  /* The list's filter offers both, the new one and the retired one. */
  filter = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (fixture->view), GX_TYPE_CASES_VIEW, "category_dropdown"));
  filter_choices = offered_strings (gtk_drop_down_get_model (filter));
  g_assert_nonnull (strstr (filter_choices, "|Branch environment|"));
  g_assert_nonnull (strstr (filter_choices, "|Billing|"));

  /* Intake offers the new one, not the retired one. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.new", NULL);
  gx_test_iterate_for (500);
  intake = gx_test_find_toplevel (GX_TYPE_CASE_INTAKE_DIALOG);
  g_assert_nonnull (intake);
  row = gx_test_find_row (GTK_WIDGET (intake), ADW_TYPE_PREFERENCES_ROW, "Category");
  g_assert_nonnull (row);
  intake_choices = offered_strings (adw_combo_row_get_model (ADW_COMBO_ROW (row)));
  g_assert_nonnull (strstr (intake_choices, "|Branch environment|"));
  g_assert_null (strstr (intake_choices, "|Billing|"));
  gtk_window_destroy (intake);
}

/* The case file Ctrl+P prints lists the complaint, who has it and its timeline, page
 * numbered (read back from the PDF the print dialog's "Print to File" would write). */
static void
test_print_case (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *id = prepare_case (fixture, fixture->desk_id, "high", GX_CASE_ACKNOWLEDGED);
  g_autofree char *number = case_text (fixture, id, "number");
  g_autofree char *title = g_strdup_printf ("Complaint %s", number);
  g_autofree char *pdf = g_build_filename (gx_test_make_dir (), "case.pdf", NULL);
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autoptr(GxReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int status;

  open_case (fixture, id);

  if (g_find_program_in_path ("pdftotext") == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  /* What the print dialog's "Print to File" writes, laid out by the same code. */
  report = gx_case_report_new (gx_store_get_main_reader (gx_context_get_store (fixture->context)), id,
                               gx_context_get_user_name (fixture->context), gx_clock_now (fixture->clock), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gx_report_export_pdf (report, pdf, &error));
  g_assert_no_error (error);
  if (g_getenv ("GX_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *copy = g_build_filename (g_getenv ("GX_SCREENSHOT_DIR"), "case.pdf", NULL);
      g_autoptr(GFile) from = g_file_new_for_path (pdf);
      g_autoptr(GFile) to = g_file_new_for_path (copy);

      g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL);
    }

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, title));
  g_assert_nonnull (strstr (text, "Meter read twice, bill doubled"));
  g_assert_true (g_regex_match_simple ("First responder +李娜", text, 0, 0));
  g_assert_true (g_regex_match_simple ("Acknowledged", text, 0, 0));
  g_assert_true (g_regex_match_simple ("Page 1 of [0-9]", text, 0, 0));
}

/* 首问负责制: the signed-in supervisor took a case and handed it to 李娜; when she tells the
 * customer the decision, the first responder hears it on the desktop. */
typedef struct
{
  const char *case_id;
  const char *me;
  const char *desk;
  gint64      now;
} Outcome;

static gboolean
outcome_cb (GxDb      *db,
            gpointer   data,
            GError   **error)
{
  Outcome *o = data;
  GxWriteMeta mine = { .now = o->now, .user_id = o->me };
  GxWriteMeta hers = { .now = o->now + 60, .user_id = o->desk };
  GxCaseChange communicate = { .to = GX_CASE_COMMUNICATED, .reply_method = "phone" };

  return gx_case_hand_off (db, o->case_id, o->desk, NULL, NULL, &mine, error) &&
         gx_case_transition (db, o->case_id, &communicate, &hers, error);
}

static void
test_first_responder_hears (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *me = gx_context_get_user_id (fixture->context);
  g_autofree char *id = prepare_case (fixture, me, "low", GX_CASE_RESPONSE_DRAFTED);
  g_autofree char *number = case_text (fixture, id, "number");
  g_autofree char *expected = g_strdup_printf ("News of case %s, which you took", number);
  g_autoptr(GError) error = NULL;
  Outcome outcome = { id, me, fixture->desk_id, gx_clock_now (fixture->clock) + 600 };   /* after prepare_case's moves */

  gx_store_write_sync (gx_context_get_store (fixture->context), outcome_cb, &outcome, &error);
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.check-deadlines", NULL);
  g_assert_true (eventually_heard (expected));

  /* The timeline says so too. */
  open_case (fixture, id);
  g_assert_true (gx_test_eventually_shows (GTK_WIDGET (case_page (fixture)), "The decision was communicated to the customer."));
}

/* A hand-off to a colleague: the case is theirs now, the first responder stays. */
static void
test_hand_off (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *id = prepare_case (fixture, gx_context_get_user_id (fixture->context), "medium", GX_CASE_ACKNOWLEDGED);
  g_autofree char *assignee = NULL;
  g_autofree char *first = NULL;
  GtkWidget *page, *row;
  GtkWindow *dialog;
  GListModel *users;
  guint lina = G_MAXUINT;

  open_case (fixture, id);
  page = GTK_WIDGET (case_page (fixture));
  gtk_widget_activate_action (page, "case.hand-off", NULL);
  gx_test_iterate_for (300);
  dialog = gx_test_find_toplevel (GX_TYPE_CASE_ACTION_DIALOG);
  g_assert_nonnull (dialog);

  row = gx_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_ROW, "Colleague");
  users = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (users), i), "李娜"))
      lina = i;
  g_assert_cmpuint (lina, !=, G_MAXUINT);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), lina);
  gtk_editable_set_text (GTK_EDITABLE (gx_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_ROW, "Department")), "计量室");
  gx_test_click (GTK_WIDGET (dialog), "Hand Off");
  g_assert_true (gx_test_eventually_gone (GX_TYPE_CASE_ACTION_DIALOG));

  assignee = case_text (fixture, id, "assignee_id");
  first = case_text (fixture, id, "first_responder_id");
  g_assert_cmpstr (assignee, ==, fixture->desk_id);
  g_assert_cmpstr (first, ==, gx_context_get_user_id (fixture->context));
  g_assert_true (gx_test_eventually_shows (page, "Handed off to 李娜 (计量室)"));
}

/* A figure of the overview opens the list behind it (win.show-list): the queue, the status,
 * and the scope come along, and the count at the foot agrees with the store. */
static void
test_list_from_overview (Fixture       *fixture,
                         gconstpointer  data)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (fixture->context));
  GtkWidget *column_view = gx_test_find_descendant (GTK_WIDGET (fixture->view), GTK_TYPE_COLUMN_VIEW);
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));
  static const struct {
    const char *filter;
    const char *count_sql;
  } lists[] = {
    { "queue=overdue",
      "SELECT count(*) FROM cases WHERE status <> 'closed' AND resolved_at IS NULL"
      " AND (resolve_due_at < 1795312800 OR (status = 'received' AND acknowledged_at IS NULL AND ack_due_at < 1795312800))" },
    { "queue=open&status=in_review", "SELECT count(*) FROM cases WHERE status = 'in_review'" },
    { "queue=escalated", "SELECT count(*) FROM cases WHERE status <> 'closed' AND escalation_level > 0" },
    { "category=billing&received_from=2026-10-01&received_until=2026-11-23",
      "SELECT count(*) FROM cases WHERE category_id = 'billing' AND received_at >= 1790812800 AND received_at < 1795392000" },   /* TZ=UTC in tests */
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      gint64 expected = gx_db_query_int (db, lists[i].count_sql, NULL, -1, NULL);
      g_autofree char *count = NULL;
      gint64 end = g_get_monotonic_time () + GX_TEST_PATIENCE_US;

      g_test_message ("%s: %" G_GINT64_FORMAT, lists[i].filter, expected);
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-list", "(ss)", "complaints", lists[i].filter);
      while ((gint64) g_list_model_get_n_items (model) != expected && g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_list_model_get_n_items (model), ==, expected);
      count = g_strdup_printf (expected == 1 ? "%" G_GINT64_FORMAT " case" : "%" G_GINT64_FORMAT " cases", expected);
      g_assert_true (gx_test_eventually_shows (GTK_WIDGET (fixture->view), count));
    }
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_resources_register (gx_app_get_resource ());
  /* Before the application registers: its notifications go to whoever owns the server name. */
  gx_test_notifications_start ();

  {
    g_autoptr(GError) error = NULL;

    the_app = gx_application_new ();
    g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
    if (!g_application_register (G_APPLICATION (the_app), NULL, &error))
      g_error ("cannot register the application: %s", error->message);
  }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/cases/take-case-from-keyboard", test_take_case_from_keyboard);
  ADD ("/ui/cases/refused-intake-keeps-input", test_refused_intake_keeps_input);
  ADD ("/ui/cases/move-through-states", test_move_through_states);
  ADD ("/ui/cases/clock-turns-red", test_clock_turns_red);
  ADD ("/ui/cases/supervisor-approves", test_supervisor_approves);
  ADD ("/ui/cases/customer-cases", test_customer_cases);
  ADD ("/ui/cases/every-window", test_every_window);
  ADD ("/ui/cases/hand-off", test_hand_off);
  ADD ("/ui/cases/list-from-overview", test_list_from_overview);
  ADD ("/ui/cases/edit-categories", test_edit_categories);
  ADD ("/ui/cases/print-case", test_print_case);
  ADD ("/ui/cases/first-responder-hears", test_first_responder_hears);
#undef ADD

  return g_test_run ();
}
