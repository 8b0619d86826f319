/* test-ui-club.c: the club place under a real display — enrol, earn, redeem, refuse overdraw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gx-app-resources.h"
#include "gx-application.h"
#include "gx-club-print.h"
#include "gx-club-view.h"
#include "gx-customer-club-group.h"
#include "gx-demo.h"
#include "gx-club-settings.h"
#include "gx-enrol-dialog.h"
#include "gx-joins-dialog.h"
#include "gx-membership.h"
#include "gx-points.h"
#include "gx-points-dialog.h"
#include "gx-query-model.h"
#include "gx-statement-dialog.h"
#include "gx-test-notifications.h"
#include "gx-test-ui.h"
#include "gx-test-util.h"
#include "gx-tier-review-dialog.h"
#include "gx-window.h"

typedef struct
{
  GxApplication *app;
  GxContext     *context;
  GxWindow      *window;
  GtkWidget     *view;
} Fixture;

static GxDb *
reader (Fixture *fixture)
{
  return gx_store_get_main_reader (gx_context_get_store (fixture->context));
}

static void
fixture_set_up (Fixture       *fixture,
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
  g_assert_no_error (error);

  fixture->app = GX_APPLICATION (g_application_get_default ());
  fixture->window = gx_window_new (fixture->app, fixture->context);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gx_window_show_place (fixture->window, "club");
  gx_test_iterate_for (600);
  fixture->view = gx_test_find_descendant (GTK_WIDGET (fixture->window), GX_TYPE_CLUB_VIEW);
  g_assert_nonnull (fixture->view);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      GObject *window = g_list_model_get_item (toplevels, i);
      /* The dialogs a test opened; the window's own shortcuts window goes with it. */
      if (window != G_OBJECT (fixture->window) &&
          gtk_window_get_transient_for (GTK_WINDOW (window)) != NULL &&
          !GTK_IS_SHORTCUTS_WINDOW (window))
        g_ptr_array_add (others, window);
      else
        g_object_unref (window);
    }
  for (guint i = 0; i < others->len; i++)
    gtk_window_destroy (others->pdata[i]);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  gx_test_iterate_for (50);
  gx_store_close (gx_context_get_store (fixture->context));
  g_clear_object (&fixture->context);
}

/* Selects the member with @membership_id in the list, as a click would. */
static void
select_member (Fixture    *fixture,
               const char *membership_id)
{
  GtkColumnView *column_view = GTK_COLUMN_VIEW (gx_test_find_descendant (fixture->view, GTK_TYPE_COLUMN_VIEW));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view));
  GxQueryModel *model = GX_QUERY_MODEL (gtk_single_selection_get_model (selection));
  gint64 rowid = gx_db_query_int (reader (fixture), "SELECT rowid FROM memberships WHERE id = ?",
                                  g_variant_new ("(s)", membership_id), -1, NULL);
  int position;

  for (guint i = 0; i < 50 && gx_query_model_get_loading (model); i++)
    gx_test_iterate_for (20);
  position = gx_query_model_find_rowid (model, rowid);
  g_assert_cmpint (position, >=, 0);
  gtk_single_selection_set_selected (selection, (guint) position);
  gx_test_iterate_for (200);
}

/* An active member, the one with the fewest points, so the figures are small. */
static char *
active_member (Fixture *fixture)
{
  return gx_db_query_string (reader (fixture),
                             "SELECT m.id FROM memberships m JOIN club_tiers ct ON ct.id = m.tier_id"
                             " WHERE " GX_MEMBER_STATE_SQL ("?1") " = 'active'"
                             " ORDER BY (SELECT coalesce (sum (points), 0) FROM points_ledger p WHERE p.membership_id = m.id), m.id"
                             " LIMIT 1",
                             g_variant_new ("(s)", "2026-11-22"), NULL);
}

static gint64
available (Fixture    *fixture,
           const char *membership_id)
{
  GxPointsSummary summary;

  g_assert_true (gx_points_summary_for (reader (fixture), membership_id, "2026-11-22", 90, &summary, NULL));
  return summary.available;
}

static GtkWindow *
open_points_dialog (Fixture    *fixture,
                    const char *action)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (fixture->view, action, NULL));
  gx_test_iterate_for (200);
  dialog = gx_test_find_toplevel (GX_TYPE_POINTS_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

static void
type_into (GtkWindow  *dialog,
           const char *row_title,
           const char *text)
{
  GtkWidget *row = gx_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, row_title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
save_and_wait (GtkWindow *dialog)
{
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  /* Until the dialog closes, or stays open with the reason it was refused. */
  for (guint i = 0; i < 250 && dialog != NULL; i++)
    {
      /* The Save button is insensitive while the write runs; a refusal makes it sensitive. */
      if (gtk_widget_get_sensitive (gtk_window_get_default_widget (dialog)))
        break;
      gx_test_iterate_for (20);
    }
  gx_test_iterate_for (100);
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
}

static void
test_earn_and_redeem (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *member = active_member (fixture);
  gint64 before, after;
  g_autofree char *shown = NULL;
  GtkWindow *dialog;

  select_member (fixture, member);
  before = available (fixture, member);

  /* Earn 1,200 for the golf day. */
  dialog = open_points_dialog (fixture, "member.earn");
  type_into (dialog, "Points", "1,200");
  type_into (dialog, "Reason", "Golf day at Sheshan");
  save_and_wait (dialog);
  g_assert_null (gx_test_find_toplevel (GX_TYPE_POINTS_DIALOG));

  after = available (fixture, member);
  g_assert_cmpint (after, ==, before + 1200);
  /* The page says so: the new balance and the ledger line. */
  shown = g_strdup_printf ("%'" G_GINT64_FORMAT " points", after);
  g_assert_true (gx_test_eventually_shows (fixture->view, shown));
  g_assert_true (gx_test_eventually_shows (fixture->view, "Earned: Golf day at Sheshan"));

  /* Redeem 500 of them for theatre tickets. */
  dialog = open_points_dialog (fixture, "member.redeem");
  type_into (dialog, "Points", "500");
  type_into (dialog, "Redeemed for", "Theatre tickets");
  save_and_wait (dialog);
  g_assert_null (gx_test_find_toplevel (GX_TYPE_POINTS_DIALOG));
  g_assert_cmpint (available (fixture, member), ==, after - 500);
  g_assert_true (gx_test_eventually_shows (fixture->view, "Redeemed: Theatre tickets"));
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT points FROM points_ledger WHERE reason = 'Theatre tickets'", NULL, 0, NULL),
                   ==, -500);
}

static void
test_refuse_overdraw (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *member = active_member (fixture);
  g_autofree char *too_much = NULL;
  g_autofree char *expected = NULL;
  GtkWindow *dialog;
  GtkWidget *points_row;
  gint64 before;
  gint64 entries;

  select_member (fixture, member);
  before = available (fixture, member);
  entries = gx_db_query_int (reader (fixture), "SELECT count(*) FROM points_ledger", NULL, 0, NULL);

  dialog = open_points_dialog (fixture, "member.redeem");
  too_much = g_strdup_printf ("%" G_GINT64_FORMAT, before + 1);
  type_into (dialog, "Points", too_much);
  type_into (dialog, "Redeemed for", "A weekend in Sanya");
  save_and_wait (dialog);

  /* Refused: the dialog stays with everything typed, the field marked and the reason said. */
  dialog = gx_test_find_toplevel (GX_TYPE_POINTS_DIALOG);
  g_assert_nonnull (dialog);
  points_row = gx_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Points");
  g_assert_true (gtk_widget_has_css_class (points_row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (points_row)), ==, too_much);
  expected = g_strdup_printf ("available; %'" G_GINT64_FORMAT " cannot be taken.", before + 1);
  g_assert_true (gx_test_eventually_shows (GTK_WIDGET (dialog), expected));
  g_assert_true (gx_test_shows_text (GTK_WIDGET (dialog), "Only "));

  /* Nothing was written. */
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM points_ledger", NULL, 0, NULL), ==, entries);
  g_assert_cmpint (available (fixture, member), ==, before);
}

static void
test_enrol (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *customer = NULL;
  g_autofree char *name = NULL;
  g_autofree char *number = NULL;
  g_autofree char *membership = NULL;
  GtkWindow *dialog;
  GtkWidget *result;
  GtkWidget *search;

  /* A customer who is in no club yet. */
  customer = gx_db_query_string (reader (fixture),
                                 "SELECT id FROM customers c WHERE kind = 'individual' AND archived_at IS NULL"
                                 " AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.customer_id = c.id) ORDER BY number LIMIT 1",
                                 NULL, NULL);
  number = gx_db_query_string (reader (fixture), "SELECT number FROM customers WHERE id = ?", g_variant_new ("(s)", customer), NULL);
  name = gx_db_query_string (reader (fixture), "SELECT name FROM customers WHERE id = ?", g_variant_new ("(s)", customer), NULL);

  /* Ctrl+N in the club place: the header's New Member. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new", NULL));
  gx_test_iterate_for (300);
  dialog = gx_test_find_toplevel (GX_TYPE_ENROL_DIALOG);
  g_assert_nonnull (dialog);

  /* Saving with nobody chosen says what is missing. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  gx_test_iterate_for (100);
  g_assert_true (gx_test_shows_text (GTK_WIDGET (dialog), "Choose the customer who joins"));

  search = gx_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Find the customer: name, pinyin, number or phone");
  gtk_editable_set_text (GTK_EDITABLE (search), number);
  gx_test_iterate_for (200);
  /* The customer is listed; pick them. */
  result = gx_test_find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, name);
  g_assert_nonnull (result);
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (result)), GTK_LIST_BOX_ROW (result));
  save_and_wait (dialog);
  g_assert_null (gx_test_find_toplevel (GX_TYPE_ENROL_DIALOG));

  membership = gx_db_query_string (reader (fixture), "SELECT member_number FROM memberships WHERE customer_id = ?",
                                   g_variant_new ("(s)", customer), NULL);
  g_assert_nonnull (membership);
  /* The club's pattern: prefix, year, desk, sequence. */
  g_assert_true (g_regex_match_simple ("^[A-Z0-9]+26-[2-9A-HJ-NP-Z]{2,4}-[0-9]{4,}$", membership, 0, 0));
  /* The new member's page is shown. */
  g_assert_true (gx_test_eventually_shows (fixture->view, name));
  g_assert_true (gx_test_eventually_shows (fixture->view, membership));
  g_assert_true (gx_test_eventually_shows (fixture->view, "Active until"));
}

static void
test_state_and_why (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *member = gx_db_query_string (reader (fixture),
                                                "SELECT m.id FROM memberships m JOIN club_tiers ct ON ct.id = m.tier_id"
                                                " WHERE " GX_MEMBER_STATE_SQL ("?1") " = 'grace' ORDER BY m.id LIMIT 1",
                                                g_variant_new ("(s)", "2026-11-22"), NULL);

  g_assert_nonnull (member);
  select_member (fixture, member);
  /* The page fills after the selection: on a loaded machine, not at once. */
  g_assert_true (gx_test_eventually_shows (fixture->view, "In grace: the period ended on"));
  g_assert_true (gx_test_eventually_shows (fixture->view, "renew before then to keep the membership"));
}

static void
test_filter_by_state (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkDropDown *state = NULL;
  g_autofree char *count = NULL;
  gint64 expected;

  /* The second drop-down of the filter row is the state. */
  for (GtkWidget *w = gx_test_find_descendant (fixture->view, GTK_TYPE_DROP_DOWN); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_DROP_DOWN (w) && state == NULL && gtk_widget_get_prev_sibling (w) != NULL)
      state = GTK_DROP_DOWN (w);
  g_assert_nonnull (state);

  gtk_drop_down_set_selected (state, 3);   /* All states, Applicant, Active, Grace */
  gx_test_iterate_for (600);
  expected = gx_db_query_int (reader (fixture),
                              "SELECT count(*) FROM memberships m JOIN club_tiers ct ON ct.id = m.tier_id"
                              " WHERE " GX_MEMBER_STATE_SQL ("?1") " = 'grace'",
                              g_variant_new ("(s)", "2026-11-22"), 0, NULL);
  g_assert_cmpint (expected, >, 0);
  count = g_strdup_printf ("%" G_GINT64_FORMAT " member", expected);
  g_assert_true (gx_test_eventually_shows (fixture->view, count));
}

static void
test_statement_pdf (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *member = active_member (fixture);
  const char *dir = gx_test_make_dir ();
  g_autofree char *pdf = g_build_filename (dir, "statement.pdf", NULL);
  g_autofree char *markup = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  gsize length;

  select_member (fixture, member);
  g_assert_true (gtk_widget_activate_action (fixture->view, "member.statement", NULL));
  gx_test_iterate_for (200);
  dialog = gx_test_find_toplevel (GX_TYPE_STATEMENT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gx_test_shows_text (GTK_WIDGET (dialog), "Opening balance"));

  markup = gx_statement_dialog_dup_markup (GX_STATEMENT_DIALOG (dialog));
  g_assert_nonnull (strstr (markup, "Closing balance"));
  g_assert_true (gx_club_print (dialog, "statement", markup, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
}

static void
test_joins_csv (Fixture       *fixture,
                gconstpointer  data)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "joins.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (fixture->view, "club.joins", NULL));
  gx_test_iterate_for (300);
  dialog = gx_test_find_toplevel (GX_TYPE_JOINS_DIALOG);
  g_assert_nonnull (dialog);
  /* The chart's text alternative, drawn under it. */
  g_assert_true (gx_test_shows_text (GTK_WIDGET (dialog), "new members in all"));

  g_assert_true (gx_joins_dialog_export_csv (GX_JOINS_DIALOG (dialog), file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" "Month,"));
  g_assert_nonnull (strstr (contents, "\r\n2026-11,"));
}

static void
test_tools (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *club = gx_db_query_string (reader (fixture), "SELECT id FROM clubs ORDER BY name LIMIT 1", NULL, NULL);
  g_autofree char *handbook = gx_club_handbook_markup (fixture->context, club);
  GtkWindow *window;

  /* The handbook names the tiers, their rights with quotas, the points rule and the rewards. */
  g_assert_nonnull (strstr (handbook, "Tiers and Rights"));
  g_assert_nonnull (strstr (handbook, " a year"));
  g_assert_nonnull (strstr (handbook, "Points expire:"));
  g_assert_nonnull (strstr (handbook, "Rewards"));
  {
    const char *dir = gx_test_make_dir ();
    g_autofree char *pdf = g_build_filename (dir, "handbook.pdf", NULL);
    g_autofree char *contents = NULL;
    g_autoptr(GError) error = NULL;

    /* Saved as PDF, the way "Print to File" does. */
    g_assert_true (gx_club_print (GTK_WINDOW (fixture->window), "handbook", handbook, pdf, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF"));
  }

  g_assert_true (gtk_widget_activate_action (fixture->view, "club.settings", NULL));
  gx_test_iterate_for (300);
  window = gx_test_find_toplevel (GX_TYPE_CLUB_SETTINGS);
  g_assert_nonnull (window);
  g_assert_true (gx_test_shows_text (GTK_WIDGET (window), "Circles"));
  gtk_window_destroy (window);

  g_assert_true (gtk_widget_activate_action (fixture->view, "club.tier-review", NULL));
  gx_test_iterate_for (300);
  window = gx_test_find_toplevel (GX_TYPE_TIER_REVIEW_DIALOG);
  g_assert_nonnull (window);

  gtk_window_destroy (window);
}

/* The group a customer's profile shows: memberships, and enrolment with the customer given. */
static void
test_customer_group (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *member = active_member (fixture);
  g_autofree char *customer = gx_db_query_string (reader (fixture), "SELECT customer_id FROM memberships WHERE id = ?",
                                                  g_variant_new ("(s)", member), NULL);
  g_autofree char *number = gx_db_query_string (reader (fixture), "SELECT member_number FROM memberships WHERE id = ?",
                                                g_variant_new ("(s)", member), NULL);
  g_autofree char *outsider = gx_db_query_string (reader (fixture),
                                                  "SELECT id FROM customers c WHERE kind = 'individual' AND archived_at IS NULL"
                                                  " AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.customer_id = c.id)"
                                                  " ORDER BY number DESC LIMIT 1",
                                                  NULL, NULL);
  g_autofree char *outsider_name = gx_db_query_string (reader (fixture), "SELECT name FROM customers WHERE id = ?",
                                                       g_variant_new ("(s)", outsider), NULL);
  GtkWidget *window = adw_window_new ();
  GtkWidget *group = gx_customer_club_group_new (fixture->context);
  GtkWindow *dialog;

  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (fixture->window));
  adw_window_set_content (ADW_WINDOW (window), group);
  gx_customer_club_group_set_customer_id (GX_CUSTOMER_CLUB_GROUP (group), customer);
  gtk_window_present (GTK_WINDOW (window));
  gx_test_iterate_for (300);
  g_assert_true (gx_test_shows_text (group, number));

  gx_customer_club_group_set_customer_id (GX_CUSTOMER_CLUB_GROUP (group), outsider);
  gx_test_iterate_for (200);
  g_assert_true (gx_test_shows_text (group, "Not a club member"));

  /* Enrol from the profile: the dialog already knows who. */
  gtk_widget_activate (gx_test_find_descendant (group, GTK_TYPE_BUTTON));
  gx_test_iterate_for (300);
  dialog = gx_test_find_toplevel (GX_TYPE_ENROL_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gx_test_shows_text (GTK_WIDGET (dialog), outsider_name));
  save_and_wait (dialog);
  g_assert_null (gx_test_find_toplevel (GX_TYPE_ENROL_DIALOG));
  gx_test_iterate_for (300);
  g_assert_false (gx_test_shows_text (group, "Not a club member"));
  g_assert_true (gx_test_eventually_shows (group, "Active until"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A customer manager at a desk serves members but does not adjust points or edit clubs. */
static void
test_desk_role (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *member = active_member (fixture);

  select_member (fixture, member);
  g_assert_true (gx_test_eventually_shows (fixture->view, "Ad_just"));

  gx_context_set_user (fixture->context, gx_context_get_user_id (fixture->context), "Li Na", GX_ROLE_DESK);
  gx_test_iterate_for (100);
  g_assert_false (gx_test_shows_text (fixture->view, "Ad_just"));
  gtk_widget_activate_action (fixture->view, "club.settings", NULL);
  gx_test_iterate_for (100);
  g_assert_null (gx_test_find_toplevel (GX_TYPE_CLUB_SETTINGS));

  /* Back to a supervisor: the button is there again. */
  gx_context_set_user (fixture->context, gx_context_get_user_id (fixture->context), "Zhou Min", GX_ROLE_SUPERVISOR);
  gx_test_iterate_for (100);
  g_assert_true (gx_test_eventually_shows (fixture->view, "Ad_just"));
}

/* A tour of the place for people to look at, in the language of the environment: saved to
 * GX_SCREENSHOT_DIR when it is set (docs/HACKING.md, "Screenshots"); skipped otherwise. */
static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *grace = NULL;
  g_autofree char *member = active_member (fixture);
  g_autofree char *club = gx_db_query_string (reader (fixture), "SELECT id FROM clubs ORDER BY name LIMIT 1", NULL, NULL);
  g_autofree char *too_much = NULL;
  GtkWindow *dialog;

  if (g_getenv ("GX_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("GX_SCREENSHOT_DIR is not set");
      return;
    }

  grace = gx_db_query_string (reader (fixture),
                              "SELECT m.id FROM memberships m JOIN club_tiers ct ON ct.id = m.tier_id"
                              " WHERE " GX_MEMBER_STATE_SQL ("?1") " = 'grace' ORDER BY m.id LIMIT 1",
                              g_variant_new ("(s)", "2026-11-22"), NULL);
  select_member (fixture, grace);
  gx_test_snap (GTK_WIDGET (fixture->window), "club-member-in-grace");

  select_member (fixture, member);
  dialog = open_points_dialog (fixture, "member.earn");
  gx_test_snap (GTK_WIDGET (dialog), "club-earn");
  gtk_window_destroy (dialog);

  dialog = open_points_dialog (fixture, "member.redeem");
  too_much = g_strdup_printf ("%" G_GINT64_FORMAT, available (fixture, member) + 100);
  {
    /* The first entry row is the points. */
    GtkWidget *row = gx_test_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
    gtk_editable_set_text (GTK_EDITABLE (row), too_much);
  }
  save_and_wait (dialog);
  gx_test_snap (GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_POINTS_DIALOG)), "club-redeem-refused");
  gtk_window_destroy (gx_test_find_toplevel (GX_TYPE_POINTS_DIALOG));
  gx_test_snap (GTK_WIDGET (fixture->window), "club-member");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new", NULL);
  gx_test_iterate_for (300);
  gx_test_snap (GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_ENROL_DIALOG)), "club-enrol");
  gtk_window_destroy (gx_test_find_toplevel (GX_TYPE_ENROL_DIALOG));

  gtk_widget_activate_action (fixture->view, "member.statement", NULL);
  gx_test_iterate_for (300);
  gx_test_snap (GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_STATEMENT_DIALOG)), "club-statement");
  gtk_window_destroy (gx_test_find_toplevel (GX_TYPE_STATEMENT_DIALOG));

  gtk_widget_activate_action (fixture->view, "club.joins", NULL);
  gx_test_iterate_for (300);
  gx_test_snap (GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_JOINS_DIALOG)), "club-joins-chart");
  gtk_window_destroy (gx_test_find_toplevel (GX_TYPE_JOINS_DIALOG));

  gtk_widget_activate_action (fixture->view, "club.settings", NULL);
  gx_test_iterate_for (300);
  gx_test_snap (GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_CLUB_SETTINGS)), "club-settings");
  gtk_window_destroy (gx_test_find_toplevel (GX_TYPE_CLUB_SETTINGS));

  gtk_widget_activate_action (fixture->view, "club.tier-review", NULL);
  gx_test_iterate_for (300);
  gx_test_snap (GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_TIER_REVIEW_DIALOG)), "club-tier-review");
  gtk_window_destroy (gx_test_find_toplevel (GX_TYPE_TIER_REVIEW_DIALOG));
  (void) club;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GxApplication) app = NULL;

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
  /* The complaints place, in the same window, announces escalations as notifications. */
  gx_test_notifications_start ();
  g_resources_register (gx_app_get_resource ());
  /* One application for the whole program, not unique, so tests may run beside each other. */
  app = gx_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_set_default (G_APPLICATION (app));

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/club/earn-and-redeem", test_earn_and_redeem);
  ADD ("/ui/club/refuse-overdraw", test_refuse_overdraw);
  ADD ("/ui/club/enrol", test_enrol);
  ADD ("/ui/club/state-and-why", test_state_and_why);
  ADD ("/ui/club/filter-by-state", test_filter_by_state);
  ADD ("/ui/club/statement-pdf", test_statement_pdf);
  ADD ("/ui/club/joins-csv", test_joins_csv);
  ADD ("/ui/club/tools", test_tools);
  ADD ("/ui/club/customer-group", test_customer_group);
  ADD ("/ui/club/desk-role", test_desk_role);
  ADD ("/ui/club/screenshots", test_screenshots);
#undef ADD

  return g_test_run ();
}
