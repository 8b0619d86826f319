/* test-ui-window.c: the window opens on a seeded archive and every place lists real rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "gx-activities-view.h"
#include "gx-app-resources.h"
#include "gx-application.h"
#include "gx-cases-view.h"
#include "gx-club-view.h"
#include "gx-customers-view.h"
#include "gx-demo.h"
#include "gx-membership.h"
#include "gx-overview-view.h"
#include "gx-preferences-window.h"
#include "gx-sync-indicator.h"
#include "gx-test-notifications.h"
#include "gx-test-ui.h"
#include "gx-test-util.h"
#include "gx-window.h"

/* One application for the whole program: an application object stays exported on the
 * session bus once registered. */
static GxApplication *the_app;

typedef struct
{
  GxApplication *app;
  GxContext     *context;
  GxWindow      *window;
} Fixture;

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
  GxDemoOptions options = { .seed = 7, .n_customers = 300, .clock = clock };

  store = gx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (gx_demo_generate (store, &options, NULL, &error));
  g_assert_no_error (error);

  fixture->context = gx_context_new (store, clock, settings);
  g_assert_true (gx_context_ensure_user (fixture->context, &error));
  g_assert_no_error (error);

  fixture->app = g_object_ref (the_app);

  fixture->window = gx_window_new (fixture->app, fixture->context);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gx_test_iterate_for (500);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  gx_test_iterate_for (50);
  gx_store_close (gx_context_get_store (fixture->context));
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->app);
}

static void
assert_place_lists_rows (Fixture    *fixture,
                         const char *place,
                         const char *count_word)
{
  GtkWidget *stack = gx_test_find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK);
  GtkWidget *view, *column_view;
  GListModel *model;
  g_autoptr(GObject) first = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *count_text = NULL;
  guint n;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-place", "s", place);
  gx_test_iterate_for (400);
  g_assert_cmpstr (gx_window_get_place (fixture->window), ==, place);

  view = adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack));
  column_view = gx_test_find_mapped_descendant (view, GTK_TYPE_COLUMN_VIEW);
  g_assert_nonnull (column_view);
  g_assert_true (gtk_widget_get_mapped (column_view));

  model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, >, 0);

  /* What the user checks: the count at the foot, and the first row drawn in the list. */
  count_text = g_strdup_printf ("%u %s", n, count_word);
  g_assert_true (gx_test_shows_text (view, count_text));

  first = g_list_model_get_item (model, 0);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (first), "name"))
    g_object_get (first, "name", &first_text, NULL);
  else if (g_object_class_find_property (G_OBJECT_GET_CLASS (first), "subject"))
    g_object_get (first, "subject", &first_text, NULL);
  else
    g_object_get (first, "title", &first_text, NULL);
  g_assert_nonnull (first_text);
  g_assert_true (gx_test_shows_text (column_view, first_text));
}

static void
test_every_place_lists_rows (Fixture       *fixture,
                             gconstpointer  data)
{
  assert_place_lists_rows (fixture, "customers", "customers");
  assert_place_lists_rows (fixture, "complaints", "cases");
  assert_place_lists_rows (fixture, "club", "members");
  assert_place_lists_rows (fixture, "activities", "activities");
}

static void
test_overview_figures (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *stack = gx_test_find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK);
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (fixture->context));
  g_autofree char *members = NULL;
  g_autofree char *open_cases = NULL;
  g_autofree char *today = gx_clock_dup_today (gx_context_get_clock (fixture->context));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-place", "s", "overview");
  gx_test_iterate_for (800);

  /* The figures shown are the store's, counted independently here (tests/test-ui-overview.c
   * checks every figure on a dataset counted by hand). */
  /* Members: those in the state the member list calls active today. */
  members = g_strdup_printf ("%" G_GINT64_FORMAT,
                             gx_db_query_int (db, "SELECT count(*) FROM memberships m JOIN club_tiers ct ON ct.id = m.tier_id"
                                                  " WHERE " GX_MEMBER_STATE_SQL ("?1") " = 'active'",
                                              g_variant_new ("(s)", today), 0, NULL));
  open_cases = g_strdup_printf ("%" G_GINT64_FORMAT,
                                gx_db_query_int (db, "SELECT count(*) FROM cases WHERE status <> 'closed'", NULL, 0, NULL));
  g_assert_true (gx_test_shows_text (adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack)), members));
  g_assert_true (gx_test_shows_text (adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack)), open_cases));
  g_assert_true (gx_test_shows_text (adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack)), "Open cases"));
}

static void
test_search_filters_customers (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWidget *stack = gx_test_find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK);
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (fixture->context));
  g_autofree char *number = NULL;
  g_autofree char *name = NULL;
  GtkWidget *view, *entry, *column_view;

  gx_window_show_place (fixture->window, "customers");
  gx_test_iterate_for (200);
  view = adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack));
  entry = gx_test_find_descendant (view, GTK_TYPE_SEARCH_ENTRY);
  column_view = gx_test_find_descendant (view, GTK_TYPE_COLUMN_VIEW);

  number = gx_db_query_string (db, "SELECT number FROM customers ORDER BY number DESC LIMIT 1", NULL, NULL);
  name = gx_db_query_string (db, "SELECT name FROM customers ORDER BY number DESC LIMIT 1", NULL, NULL);

  gtk_editable_set_text (GTK_EDITABLE (entry), number);
  gx_test_iterate_for (800);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)))), ==, 1);
  g_assert_true (gx_test_shows_text (column_view, name));
  g_assert_true (gx_test_shows_text (view, "1 customer"));
}

static void
test_place_remembered (Fixture       *fixture,
                       gconstpointer  data)
{
  GSettings *settings = gx_context_get_settings (fixture->context);
  g_autofree char *place = NULL;
  GxWindow *second;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-place", "s", "club");
  gx_test_iterate_for (100);
  place = g_settings_get_string (settings, "last-place");
  g_assert_cmpstr (place, ==, "club");

  /* A new window opens where the last one was left. */
  second = gx_window_new (fixture->app, fixture->context);
  g_assert_cmpstr (gx_window_get_place (second), ==, "club");
  gtk_window_destroy (GTK_WINDOW (second));

  /* The size is saved when the window closes. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1001, 701);
  gtk_window_close (GTK_WINDOW (fixture->window));
  gx_test_iterate_for (50);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1001);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 701);
  fixture->window = gx_window_new (fixture->app, fixture->context);
}

/* The working check of every .ui file: building each widget class from its template. A bad
 * property or a missing callback is a fatal critical under gtk_test_init(). */
static void
test_every_widget_class (Fixture       *fixture,
                         gconstpointer  data)
{
  GType view_types[] = {
    GX_TYPE_ACTIVITIES_VIEW, GX_TYPE_CASES_VIEW, GX_TYPE_CLUB_VIEW, GX_TYPE_CUSTOMERS_VIEW,
    GX_TYPE_OVERVIEW_VIEW, GX_TYPE_SYNC_INDICATOR,
  };
  GtkWidget *preferences;
  g_autoptr(GtkBuilder) builder = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (view_types); i++)
    {
      GtkWidget *widget = g_object_new (view_types[i], "context", fixture->context, NULL);
      g_object_ref_sink (widget);
      g_assert_true (GTK_IS_WIDGET (widget));
      g_object_unref (widget);
    }

  preferences = gx_preferences_window_new (fixture->context);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (fixture->window));
  gtk_window_present (GTK_WINDOW (preferences));
  gx_test_iterate_for (200);
  g_assert_true (gx_test_shows_text (preferences, gx_store_get_path (gx_context_get_store (fixture->context))));
  gtk_window_destroy (GTK_WINDOW (preferences));

  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
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

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The complaints place announces escalations; the desktop's notification server hears them. */
  gx_test_notifications_start ();
  g_resources_register (gx_app_get_resource ());

  the_app = gx_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (the_app), NULL, &error))
    g_error ("cannot register the application: %s", error->message);

  g_test_add ("/ui/window/every-place-lists-rows", Fixture, NULL, fixture_set_up, test_every_place_lists_rows, fixture_tear_down);
  g_test_add ("/ui/window/overview-figures", Fixture, NULL, fixture_set_up, test_overview_figures, fixture_tear_down);
  g_test_add ("/ui/window/search-filters-customers", Fixture, NULL, fixture_set_up, test_search_filters_customers, fixture_tear_down);
  g_test_add ("/ui/window/place-remembered", Fixture, NULL, fixture_set_up, test_place_remembered, fixture_tear_down);
  g_test_add ("/ui/window/every-widget-class", Fixture, NULL, fixture_set_up, test_every_widget_class, fixture_tear_down);

  return g_test_run ();
}
