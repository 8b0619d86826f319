/* test-ui-upgrade.c: the app opens an archive of the previous schema, upgrading it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The archive is made the way an earlier Guanxi left it: every migration but the last
 * applied, with data in it (the overview's small dataset). The app is started on it as a
 * user starts it (`guanxi --database FILE`); it opens the archive on a worker thread, says
 * so in a window if that takes more than a moment, and then shows its main window on the
 * upgraded archive, whose new sums agree with its rows.
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "gx-app-resources.h"
#include "gx-application.h"
#include "gx-core-resources.h"
#include "gx-overview-dataset.h"
#include "gx-store.h"
#include "gx-test-util.h"
#include "gx-window.h"

#define MIGRATIONS "/io/github/guanxi/Guanxi/core/migrations"
#define APPLICATION_ID 0x47584931   /* "GXI1": what GxStore stamps a file with */

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Writes an archive with every migration of this build but the last; returns its version. */
static guint
make_previous_archive (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *stamp = NULL;
  sqlite3 *db;
  guint n;

  g_resources_register (gx_core_get_resource ());
  names = g_resources_enumerate_children (MIGRATIONS, 0, &error);
  g_assert_no_error (error);
  n = g_strv_length (names);
  g_assert_cmpuint (n, >=, 2);
  qsort (names, n, sizeof (char *), compare_names);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i + 1 < n; i++)
    {
      g_autofree char *resource = g_strconcat (MIGRATIONS "/", names[i], NULL);
      g_autoptr(GBytes) sql = g_resources_lookup_data (resource, 0, &error);
      char *message = NULL;

      g_assert_no_error (error);
      if (sqlite3_exec (db, g_bytes_get_data (sql, NULL), NULL, NULL, &message) != SQLITE_OK)
        g_error ("%s: %s", names[i], message);
    }
  stamp = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u; COMMIT", APPLICATION_ID, n - 1);
  g_assert_cmpint (sqlite3_exec (db, stamp, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, gx_overview_dataset, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return n - 1;
}

typedef struct
{
  GxApplication *app;
  gboolean       main_window;
  gboolean       error_dialog;
  guint          ticks;
} Watch;

/* Quits once the main window is up (or an error dialog, or after a minute). */
static gboolean
watch_cb (gpointer data)
{
  Watch *watch = data;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (watch->app)); l != NULL; l = l->next)
    {
      if (GX_IS_WINDOW (l->data) && gtk_widget_get_mapped (l->data))
        watch->main_window = TRUE;
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        watch->error_dialog = TRUE;
    }

  if (watch->main_window || watch->error_dialog || ++watch->ticks > 600)
    {
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (watch->app)); l != NULL; l = l->next)
        gtk_window_close (l->data);
      g_application_quit (G_APPLICATION (watch->app));
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
test_previous_archive_opens (void)
{
  g_autofree char *path = g_build_filename (gx_test_make_dir (), "desk.sqlite", NULL);
  g_autoptr(GxApplication) app = NULL;
  char *argv[] = { (char *) "guanxi", (char *) "--database", path, NULL };
  Watch watch = { 0 };
  guint previous;

  previous = make_previous_archive (path);
  g_assert_true (gx_store_needs_upgrade (path));

  app = gx_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  watch.app = app;
  g_timeout_add (100, watch_cb, &watch);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv), ==, 0);

  /* The desk sees its main window, not an error, on the upgraded archive. */
  g_assert_false (watch.error_dialog);
  g_assert_true (watch.main_window);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, previous + 1);
  g_assert_false (gx_store_needs_upgrade (path));

  /* What the upgrade built from the rows already there adds up to them: the points of the
   * dataset (500 + 300 earned, 200 redeemed, 100 expired, 50 adjusted). */
  g_assert_cmpint (query_int (path, "SELECT count (*) FROM customers"), ==, 5);
  g_assert_cmpint (query_int (path, "SELECT sum (points) FROM overview_points_days WHERE kind = 'earn'"), ==, 800);
  g_assert_cmpint (query_int (path, "SELECT sum (points) FROM overview_points_hours"), ==,
                   query_int (path, "SELECT sum (points) FROM points_ledger"));
  g_assert_cmpint (query_int (path, "SELECT sum (scores) FROM overview_score_days"), ==,
                   query_int (path, "SELECT count (*) FROM return_visit_scores s JOIN return_visits v"
                                    " ON v.id = s.return_visit_id WHERE v.done_at IS NOT NULL"));
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

  g_test_add_func ("/ui/upgrade/previous-archive-opens", test_previous_archive_opens);

  return g_test_run ();
}
