/* test-ui-overview.c: a supervisor opens the Overview and reads, filters, clicks through and
 * prints the figures; a desk user sees only their team's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The archive is the hand-counted dataset of tests/gx-overview-dataset.h, so the numbers the
 * window shows are checked against the numbers counted by hand in tests/test-overview.c.
 * With GX_SCREENSHOT_DIR set, the overview is also rendered to PNG there, in the light and
 * the dark style, at its full height.
 *
 * The words are checked as the desk reads them in its language (the suite also runs with
 * LANGUAGE=zh_CN): a label through the same translation or vocabulary the window uses, the
 * figures as counted by hand.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gx-activity-row.h"
#include "gx-app-resources.h"
#include "gx-application.h"
#include "gx-case-row.h"
#include "gx-chart-card.h"
#include "gx-club-view.h"
#include "gx-customer-row.h"
#include "gx-enums.h"
#include "gx-factors-dialog.h"
#include "gx-figure-card.h"
#include "gx-format.h"
#include "gx-member-row.h"
#include "gx-overview-dataset.h"
#include "gx-overview-view-private.h"
#include "gx-query-model.h"
#include "gx-report-print.h"
#include "gx-test-notifications.h"
#include "gx-test-ui.h"
#include "gx-test-util.h"
#include "gx-window.h"

static GxApplication *the_app;

typedef struct
{
  GxContext      *context;
  GxWindow       *window;
  GxOverviewView *view;
  char           *dir;
} Fixture;

static gboolean
write_dataset (GxDb      *db,
               gpointer   data,
               GError   **error)
{
  return gx_db_exec (db, gx_overview_dataset, error);
}

/* Waits until the view shows figures it had not shown when @before figures were shown:
 * the figures are computed on a worker thread. */
static void
wait_for_update (Fixture *fixture,
                 guint    before)
{
  for (int i = 0; i < 500 && fixture->view->n_updates <= before; i++)
    gx_test_iterate_for (20);
  g_assert_cmpuint (fixture->view->n_updates, >, before);
  gx_test_iterate_for (100);
}

static void
open_as (Fixture    *fixture,
         const char *user_id,
         const char *name,
         GxRole      role)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = NULL;
  g_autoptr(GxClock) clock = gx_clock_new_fixed (GX_TEST_NOW);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  fixture->dir = g_strdup (gx_test_make_dir ());
  path = g_build_filename (fixture->dir, "desk.sqlite", NULL);
  store = gx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (gx_store_write_sync (store, write_dataset, NULL, &error));
  g_assert_no_error (error);

  fixture->context = gx_context_new (store, clock, settings);
  gx_context_set_user (fixture->context, user_id, name, role);

  g_settings_set_string (settings, "last-place", "overview");
  fixture->window = gx_window_new (the_app, fixture->context);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  fixture->view = GX_OVERVIEW_VIEW (gx_test_find_descendant (GTK_WIDGET (fixture->window), GX_TYPE_OVERVIEW_VIEW));
  g_assert_cmpstr (gx_window_get_place (fixture->window), ==, "overview");
  wait_for_update (fixture, 0);

  /* The Complaints place, in the same window, escalates the overdue cases as it opens (K4,
   * not acknowledged in time, goes up a level): wait until the figures show that too. */
  for (guint seen = 0; seen != fixture->view->n_updates;)
    {
      seen = fixture->view->n_updates;
      gx_test_iterate_for (500);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  open_as (fixture, "sup", "张敏", GX_ROLE_SUPERVISOR);
}

static void
fixture_set_up_desk (Fixture       *fixture,
                     gconstpointer  data)
{
  open_as (fixture, "desk1", "王芳", GX_ROLE_DESK);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  gx_test_iterate_for (50);
  gx_store_close (gx_context_get_store (fixture->context));
  g_clear_object (&fixture->context);
  g_free (fixture->dir);
}

/* Words as the window writes them, in the language the test runs in. */

#define CATEGORY(code) gx_vocab_label (GX_VOCAB_CASE_CATEGORY, code)
#define FACTOR(code) gx_vocab_label (GX_VOCAB_SERVICE_FACTOR, code)

/* A length of whole hours, as a mean time reads: "4 h". */
static char *
hours (int n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h", "%d h", (gulong) n), n);
}

/* A mean score out of five: "3.3 / 5". */
static char *
score (double mean)
{
  return g_strdup_printf (_("%.1f / 5"), mean);
}

/* One item of a chart read out as text: "Billing: 3". */
static char *
chart_item (const char *label,
            const char *value)
{
  return g_strdup_printf (_("%s: %s"), label, value);
}

/* A chart read out as text, its items given as label, value, …, NULL, in order:
 * "Billing: 3; Slow service: 1". */
static char *
chart_text (const char *label,
            ...)
{
  GString *text = g_string_new (NULL);
  va_list args;

  va_start (args, label);
  for (const char *l = label; l != NULL; l = va_arg (args, const char *))
    {
      g_autofree char *item = chart_item (l, va_arg (args, const char *));

      if (text->len > 0)
        g_string_append (text, _("; "));
      g_string_append (text, item);
    }
  va_end (args);
  return g_string_free (text, FALSE);
}

/* A month of 2026 under a column of a chart: "Nov". */
static char *
month (int m)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, m, 1, 0, 0, 0);

  return g_date_time_format (date, _("%b"));
}

static void
test_figures_as_supervisor (Fixture       *fixture,
                            gconstpointer  data)
{
  GxOverviewView *v = fixture->view;
  g_autofree char *categories = NULL;
  g_autofree char *index = NULL;
  g_autofree char *months = NULL;
  g_autofree char *h1 = hours (1), *h4 = hours (4), *h12 = hours (12), *h24 = hours (24);
  g_autofree char *before = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *mean = score (10.0 / 3);
  g_autofree char *oct = month (10), *nov = month (11);
  const char *slow = CATEGORY ("speed"), *staff = CATEGORY ("attitude");

  /* The numbers counted by hand in test-overview.c, as the supervisor reads them. */
  g_assert_cmpstr (gx_figure_card_get_value (v->open_card), ==, "4");
  g_assert_cmpstr (gx_figure_card_get_value (v->overdue_card), ==, "2");
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (v->overdue_card))), "error"));
  /* Escalated: K2, and K4, which the Complaints place escalated when the window opened. */
  g_assert_cmpstr (gx_figure_card_get_value (v->escalated_card), ==, "2");
  g_assert_cmpstr (gx_figure_card_get_value (v->review_card), ==, "1");
  g_assert_cmpstr (gx_figure_card_get_value (v->reopened_card), ==, "1");
  g_assert_cmpstr (gx_figure_card_get_value (v->visits_due_card), ==, "1");
  g_assert_cmpstr (gx_figure_card_get_value (v->received_card), ==, "5");
  /* Mean time to acknowledge 6750 s; 90 % within 4 h. */
  g_assert_cmpstr (gx_figure_card_get_value (v->acknowledge_card), ==, h1);
  /* Against October: a mean of 43500 s (12 h), 90 % within 86400 s (24 h). In English:
   * "on average, 90% within 4 h; Last month: 12 h, 90% within 24 h". */
  before = g_strdup_printf (_("%s, 90%% within %s"), h12, h24);
  detail = g_strdup_printf (_("on average, 90%% within %s; %s: %s"), h4, _("Last month"), before);
  g_assert_cmpstr (gx_figure_card_get_detail (v->acknowledge_card), ==, detail);
  g_assert_cmpstr (gx_figure_card_get_value (v->satisfaction_card), ==, mean);
  g_assert_cmpstr (gx_figure_card_get_value (v->members_card), ==, "3");
  g_assert_cmpstr (gx_figure_card_get_value (v->new_members_card), ==, "2");
  g_assert_cmpstr (gx_figure_card_get_value (v->points_earned_card), ==, "500");
  g_assert_cmpstr (gx_figure_card_get_value (v->activities_card), ==, "3");
  g_assert_cmpstr (gx_figure_card_get_value (v->points_due_card), ==, "2");
  g_assert_cmpstr (gx_figure_card_get_value (v->confidential_card), ==, "2");

  /* The charts in words, as a screen reader reads them. Causes with most cases first, the
   * two with one each in the alphabetical order of the language shown; in English
   * "Billing: 3; Slow service: 1; Staff attitude: 1". */
  categories = gx_chart_dup_summary (gx_chart_card_get_chart (v->category_chart));
  if (g_utf8_collate (slow, staff) > 0)
    {
      const char *first = staff;

      staff = slow;
      slow = first;
    }
  {
    g_autofree char *expected = chart_text (CATEGORY ("billing"), "3", slow, "1", staff, "1", NULL);

    g_assert_cmpstr (categories, ==, expected);
  }
  index = gx_chart_dup_summary (gx_chart_card_get_chart (v->index_chart));
  {
    g_autofree char *attitude = chart_item (FACTOR ("attitude"), "+0.25");
    g_autofree char *result = chart_item (FACTOR ("result"), "-0.25");
    g_autofree char *staff_group = chart_item ("员工", "+0.25");

    g_assert_nonnull (strstr (index, attitude));
    g_assert_nonnull (strstr (index, result));
    g_assert_nonnull (strstr (index, staff_group));
  }
  months = gx_chart_dup_summary (gx_chart_card_get_chart (v->satisfaction_month_chart));
  {
    g_autofree char *expected = chart_text (oct, "4.0", nov, "3.3", NULL);

    g_assert_true (g_str_has_suffix (months, expected));
  }
  g_clear_pointer (&months, g_free);

  /* One factor's months, read when it is picked: speed was 4 in October, 5 and 1 in November. */
  {
    GListModel *factors = gtk_drop_down_get_model (v->factor_dropdown);
    guint updates = v->n_updates;
    g_autofree char *expected = chart_text (oct, "4.0", nov, "3.0", NULL);

    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (factors), 1), ==, FACTOR ("speed"));
    gtk_drop_down_set_selected (v->factor_dropdown, 1);
    wait_for_update (fixture, updates);
    months = gx_chart_dup_summary (gx_chart_card_get_chart (v->satisfaction_month_chart));
    g_assert_true (g_str_has_suffix (months, expected));
  }
}

static void
test_filter_by_owner (Fixture       *fixture,
                      gconstpointer  data)
{
  GxOverviewView *v = fixture->view;
  GListModel *owners = gtk_drop_down_get_model (v->owner_dropdown);
  guint desk2 = GTK_INVALID_LIST_POSITION;
  guint before;

  for (guint i = 0; i < g_list_model_get_n_items (owners); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (owners), i), "李娜"))
      desk2 = i;
  g_assert_cmpuint (desk2, !=, GTK_INVALID_LIST_POSITION);

  before = v->n_updates;
  gtk_drop_down_set_selected (v->owner_dropdown, desk2);
  wait_for_update (fixture, before);
  g_assert_cmpstr (gx_figure_card_get_value (v->open_card), ==, "2");
  {
    g_autofree char *mean = score (2.0);

    g_assert_cmpstr (gx_figure_card_get_value (v->satisfaction_card), ==, mean);
  }

  /* Last month: K6 and K7 came in. */
  before = v->n_updates;
  gtk_drop_down_set_selected (v->owner_dropdown, 0);
  gtk_drop_down_set_selected (v->period_dropdown, 1);
  wait_for_update (fixture, before);
  g_assert_cmpstr (gx_figure_card_get_value (v->received_card), ==, "2");
  g_assert_cmpstr (_gx_overview_view_get_overview (v)->range.from_date, ==, "2026-10-01");
}

static void
test_click_through (Fixture       *fixture,
                    gconstpointer  data)
{
  GxOverviewView *v = fixture->view;
  g_autofree char *target = NULL;
  GVariant *value;

  /* The overdue figure names the list behind it ... */
  value = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (v->overdue_card));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (v->overdue_card)), ==, "win.show-list");
  g_variant_get (value, "(ss)", NULL, &target);
  g_assert_cmpstr (target, ==, "queue=overdue");

  /* ... and pressing it opens the complaints. */
  g_signal_emit_by_name (v->overdue_card, "clicked");
  gx_test_iterate_for (200);
  g_assert_cmpstr (gx_window_get_place (fixture->window), ==, "complaints");

  /* A figure with no list behind it is no control. */
  g_assert_false (gtk_widget_get_focusable (GTK_WIDGET (v->satisfaction_card)));
}

/* Clicks @card and returns how many rows the list it opens shows. */
static guint
rows_behind (Fixture      *fixture,
             GxFigureCard *card,
             const char   *place,
             GType         row_type)
{
  guint n;

  g_assert_nonnull (gx_test_find_rows (GTK_WIDGET (fixture->window), row_type));
  g_signal_emit_by_name (card, "clicked");
  n = gx_test_wait_for_rows (GTK_WIDGET (fixture->window), row_type, 0);
  g_assert_cmpstr (gx_window_get_place (fixture->window), ==, place);
  return n;
}

/* With GX_SCREENSHOT_DIR set, the window as it is now, as NAME-LANGUAGE.png. */
static void
shoot (Fixture    *fixture,
       const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s-%s", name, gx_test_language ());

  gx_test_snap (GTK_WIDGET (fixture->window), file);
}

/* What a supervisor checks: the list a figure opens has as many rows as the figure says,
 * in every place the overview counts. */
static void
test_click_through_counts (Fixture       *fixture,
                           gconstpointer  data)
{
  GxOverviewView *v = fixture->view;
  struct {
    GxFigureCard *card;
    const char   *place;
    GType         row_type;
  } figures[] = {
    { v->open_card, "complaints", GX_TYPE_CASE_ROW },
    { v->overdue_card, "complaints", GX_TYPE_CASE_ROW },
    { v->received_card, "complaints", GX_TYPE_CASE_ROW },
    { v->members_card, "club", GX_TYPE_MEMBER_ROW },
    { v->new_members_card, "club", GX_TYPE_MEMBER_ROW },
    { v->points_due_card, "activities", GX_TYPE_ACTIVITY_ROW },
    { v->confidential_card, "customers", GX_TYPE_CUSTOMER_ROW },
    { v->follow_ups_card, "customers", GX_TYPE_CUSTOMER_ROW },
  };

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      g_autofree char *value = g_strdup (gx_figure_card_get_value (figures[i].card));
      g_autofree char *shown = NULL;

      gx_window_show_place (fixture->window, "overview");
      gx_test_iterate_for (100);
      shown = g_strdup_printf ("%u", rows_behind (fixture, figures[i].card, figures[i].place, figures[i].row_type));
      if (figures[i].card == v->confidential_card)
        shoot (fixture, "customers-from-overview");
      g_test_message ("%s: the figure says %s, the list shows %s", figures[i].place, value, shown);
      g_assert_cmpstr (shown, ==, value);
    }

  /* The club list says what narrows it, and "Show All" lifts it. */
  g_signal_emit_by_name (v->new_members_card, "clicked");
  gx_test_iterate_for (300);
  shoot (fixture, "club-from-overview");
  g_assert_true (gtk_widget_activate_action (gx_test_find_descendant (GTK_WIDGET (fixture->window), GX_TYPE_CLUB_VIEW),
                                             "view.clear-scope", NULL));
  gx_test_iterate_for (300);
  g_assert_cmpuint (g_list_model_get_n_items (gx_test_find_rows (GTK_WIDGET (fixture->window), GX_TYPE_MEMBER_ROW)), ==, 5);
}

static void
test_table_instead_of_chart (Fixture       *fixture,
                             gconstpointer  data)
{
  GxChartCard *card = fixture->view->category_chart;
  GtkWidget *toggle = gx_test_find_descendant (GTK_WIDGET (card), GTK_TYPE_TOGGLE_BUTTON);
  GtkWidget *table = gx_test_find_descendant (GTK_WIDGET (card), GTK_TYPE_LIST_BOX);
  GtkListBoxRow *first;

  g_assert_false (gtk_widget_get_mapped (table));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  gx_test_iterate_for (300);
  g_assert_true (gtk_widget_get_mapped (table));

  first = gtk_list_box_get_row_at_index (GTK_LIST_BOX (table), 0);
  g_assert_true (gtk_list_box_row_get_activatable (first));
  /* Enter on a row opens the cases of that cause. */
  g_signal_emit_by_name (table, "row-activated", first);
  gx_test_iterate_for (200);
  g_assert_cmpstr (gx_window_get_place (fixture->window), ==, "complaints");
}

static void
test_desk_sees_own_team (Fixture       *fixture,
                         gconstpointer  data)
{
  GxOverviewView *v = fixture->view;

  /* 王芳 works at the service centre: its figures only, and the team cannot be changed. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (v->team_dropdown)));
  g_assert_cmpstr (gx_figure_card_get_value (v->open_card), ==, "3");
  g_assert_cmpstr (gx_figure_card_get_value (v->reopened_card), ==, "0");
  g_assert_nonnull (strstr (gtk_label_get_label (v->scope_label), "客户服务中心"));
  /* The factor tree is the supervisors'. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (v->factors_button)));
}

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  return gx_db_query_int (gx_store_get_main_reader (gx_context_get_store (fixture->context)), sql, NULL, -1, NULL);
}

static void
test_edit_factors (Fixture       *fixture,
                   gconstpointer  data)
{
  GxOverviewView *v = fixture->view;
  GtkWidget *dialog;
  GtkWidget *row;
  g_autofree char *index = NULL;
  g_autofree char *outcome = NULL;
  guint before;

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (v->factors_button)));
  gtk_widget_activate_action (GTK_WIDGET (v), "view.edit-factors", NULL);
  gx_test_iterate_for (300);
  dialog = GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_FACTORS_DIALOG));
  g_assert_nonnull (dialog);

  /* Rename "Result" (as the desk's language names it) to "Outcome": type, press Enter (the
   * row's apply). */
  row = gx_test_find_entry_row (dialog, FACTOR ("result"));
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Outcome");
  before = v->n_updates;
  g_signal_emit_by_name (row, "apply");
  wait_for_update (fixture, before);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM service_factors WHERE id = 'result' AND name = 'Outcome'"), ==, 1);
  /* The overview shows the new name at once; the record goes to the server. */
  index = gx_chart_dup_summary (gx_chart_card_get_chart (v->index_chart));
  outcome = chart_item ("Outcome", "-0.25");
  g_assert_nonnull (strstr (index, outcome));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE kind = 'service_factor' AND record_id = 'result'"), ==, 1);

  /* Speed was scored at return visits: it stays, and the dialog says why. */
  row = gx_test_find_entry_row (dialog, FACTOR ("speed"));
  g_signal_emit_by_name (gx_test_find_tooltip_button (row, _("Remove")), "clicked");
  gx_test_iterate_for (400);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM service_factors WHERE id = 'speed'"), ==, 1);

  /* Environment was never scored: it goes. */
  row = gx_test_find_entry_row (dialog, FACTOR ("environment"));
  g_signal_emit_by_name (gx_test_find_tooltip_button (row, _("Remove")), "clicked");
  gx_test_iterate_for (400);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM service_factors WHERE id = 'environment'"), ==, 0);
  g_assert_null (gx_test_find_entry_row (dialog, FACTOR ("environment")));

  /* Communication out of the staff group: top-level now. */
  row = gx_test_find_entry_row (dialog, FACTOR ("communication"));
  g_signal_emit_by_name (gx_test_find_tooltip_button (row, _("Move Out of Its Group")), "clicked");
  gx_test_iterate_for (400);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM service_factors WHERE id = 'communication' AND parent_id IS NULL"), ==, 1);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static char *
pdftotext (const char *pdf)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* A row of the report's tables as pdftotext lays it out: @label, then the columns
 * (@columns, a regular expression), spaces between. */
static gboolean
has_row (const char *text,
         const char *label,
         const char *columns)
{
  g_autofree char *escaped = g_regex_escape_string (label, -1);
  g_autofree char *pattern = g_strdup_printf ("%s +%s", escaped, columns);

  return g_regex_match_simple (pattern, text, 0, 0);
}

static void
test_report_pdf (Fixture       *fixture,
                 gconstpointer  data)
{
  const GxOverview *o = _gx_overview_view_get_overview (fixture->view);
  g_autofree char *pdf = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GxReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");

  if (g_find_program_in_path ("pdftotext") == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  report = gx_report_new_from_overview (o, GX_PERIOD_THIS_MONTH, NULL, "张敏", GX_TEST_NOW, tz);
  g_assert_true (gx_report_export_pdf (report, pdf, &error));
  g_assert_no_error (error);

  text = pdftotext (pdf);
  g_assert_nonnull (strstr (text, _("Monthly service report")));
  /* "November 2026", "Printed Nov 22, 2026 10:00 by 张敏" in English. */
  {
    g_autoptr(GDateTime) november = g_date_time_new (tz, 2026, 11, 1, 0, 0, 0);
    g_autofree char *period = g_date_time_format (november, _("%B %Y"));
    g_autofree char *printed = gx_format_date_time (GX_TEST_NOW, tz);
    g_autofree char *footer = g_strdup_printf (_("Printed %s by %s"), printed, "张敏");

    g_assert_nonnull (strstr (period, "2026"));
    g_assert_nonnull (strstr (text, period));
    g_assert_nonnull (strstr (printed, "2026"));
    g_assert_nonnull (strstr (printed, "22"));
    g_assert_nonnull (strstr (printed, "10:00"));
    g_assert_nonnull (strstr (text, footer));
  }
  /* Received 5 against 2 in October; billing 3 of 5 = 60 %; the index of attitude. */
  g_assert_true (has_row (text, _("Received"), "5 +2"));
  g_assert_true (has_row (text, CATEGORY ("billing"), "3 +60.0%"));
  g_assert_true (has_row (text, _("Overdue"), "2"));
  g_assert_true (has_row (text, _("Mean satisfaction (1–5)"), "3.33 +4.00"));
  g_assert_true (has_row (text, FACTOR ("attitude"), "2 +1.00 +\\+0.25 +\\+0.25"));
  g_assert_true (has_row (text, _("Points earned"), "500"));
  /* "Page 1 of N" at the foot of the first page. */
  {
    gboolean numbered = FALSE;

    for (int n = 1; n <= 9 && !numbered; n++)
      {
        g_autofree char *page = g_strdup_printf (_("Page %d of %d"), 1, n);

        numbered = strstr (text, page) != NULL;
      }
    g_assert_true (numbered);
  }
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *dir = g_getenv ("GX_SCREENSHOT_DIR");
  GtkWidget *content = GTK_WIDGET (fixture->window);
  AdwStyleManager *style = adw_style_manager_get_default ();
  const char *lang = gx_test_language ();
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;

  if (dir == NULL)
    {
      g_test_skip ("set GX_SCREENSHOT_DIR to render the overview");
      return;
    }

  /* The whole page at once: no scrolling, the window as tall as the page. */
  gx_chart_card_show_table (fixture->view->channel_chart, TRUE);
  gtk_scrolled_window_set_policy (fixture->view->scroller, GTK_POLICY_NEVER, GTK_POLICY_NEVER);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 600);
  gx_test_iterate_for (800);
  light = g_strdup_printf ("overview-%s-light", lang);
  gx_test_snap (content, light);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  gx_test_iterate_for (600);
  dark = g_strdup_printf ("overview-%s-dark", lang);
  gx_test_snap (content, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  g_test_message ("saved %s and %s in %s", light, dark, dir);

  /* One team's figures: the service centre, as its supervisor picks it. */
  {
    GListModel *teams = gtk_drop_down_get_model (fixture->view->team_dropdown);
    g_autofree char *name = g_strdup_printf ("overview-%s-team", lang);

    for (guint i = 0; i < g_list_model_get_n_items (teams); i++)
      if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (teams), i), "客户服务中心"))
        gtk_drop_down_set_selected (fixture->view->team_dropdown, i);
    gx_test_iterate_for (1200);
    gx_test_snap (content, name);
    gtk_drop_down_set_selected (fixture->view->team_dropdown, 0);
    gx_test_iterate_for (600);
  }

  /* The factor tree's editor, over the page. */
  gtk_scrolled_window_set_policy (fixture->view->scroller, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "view.edit-factors", NULL);
  gx_test_iterate_for (800);
  {
    GtkWidget *dialog = GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_FACTORS_DIALOG));
    g_autofree char *name = g_strdup_printf ("factors-%s", lang);

    g_assert_nonnull (dialog);
    gx_test_snap (dialog, name);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  /* The dataset's days are Shanghai's; the screenshots read in the language asked for. */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GUANXI_LOCALEDIR") ? g_getenv ("GUANXI_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The complaints place announces escalations; the desktop's notification server hears them. */
  gx_test_notifications_start ();
  g_resources_register (gx_app_get_resource ());

  the_app = gx_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (the_app), NULL, &error))
    g_error ("cannot register the application: %s", error->message);

#define ADD(path, setup, func) g_test_add (path, Fixture, NULL, setup, func, fixture_tear_down)
  ADD ("/ui/overview/figures-as-supervisor", fixture_set_up, test_figures_as_supervisor);
  ADD ("/ui/overview/filter-by-owner-and-period", fixture_set_up, test_filter_by_owner);
  ADD ("/ui/overview/click-through", fixture_set_up, test_click_through);
  ADD ("/ui/overview/click-through-counts", fixture_set_up, test_click_through_counts);
  ADD ("/ui/overview/table-instead-of-chart", fixture_set_up, test_table_instead_of_chart);
  ADD ("/ui/overview/desk-sees-own-team", fixture_set_up_desk, test_desk_sees_own_team);
  ADD ("/ui/overview/report-pdf", fixture_set_up, test_report_pdf);
  ADD ("/ui/overview/edit-factors", fixture_set_up, test_edit_factors);
  ADD ("/ui/overview/screenshots", fixture_set_up, test_screenshots);
#undef ADD

  return g_test_run ();
}
