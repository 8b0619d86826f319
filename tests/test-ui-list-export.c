/* test-ui-list-export.c: a supervisor saves the club and activities lists as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As a user does it: the list narrowed from the overview (win.show-list), the place's
 * "Export the List as CSV" (view.export-csv), a file name typed into the file chooser, Export.
 * The file must hold every row the list holds, in its order, with headings and labels in the
 * language the test runs in (looked up as the app translates them), as UTF-8 with a byte
 * order mark. The archive is tests/gx-overview-dataset.h.
 * A long export shows how far it has got and can be cancelled, leaving no file behind.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gx-activities-view.h"
#include "gx-activity-row.h"
#include "gx-app-resources.h"
#include "gx-application.h"
#include "gx-case-row.h"
#include "gx-cases-view.h"
#include "gx-club-view.h"
#include "gx-csv.h"
#include "gx-enums.h"
#include "gx-format.h"
#include "gx-member-row.h"
#include "gx-overview-dataset.h"
#include "gx-query-model.h"
#include "gx-test-notifications.h"
#include "gx-test-ui.h"
#include "gx-test-util.h"
#include "gx-window.h"

static GxApplication *the_app;

typedef struct
{
  GxContext *context;
  GxWindow  *window;
  char      *dir;
} Fixture;

static gboolean
write_dataset (GxDb      *db,
               gpointer   data,
               GError   **error)
{
  return gx_db_exec (db, gx_overview_dataset, error);
}

/* A hundred thousand more activities, so an export takes long enough to watch and stop. */
static gboolean
write_many_activities (GxDb      *db,
                       gpointer   data,
                       GError   **error)
{
  return gx_db_exec (db,
                     "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)"
                     " INSERT INTO activities (id, plan_id, club_id, title, planned_month, starts_at, ends_at,"
                     "                         points, status, owner_id, created_at, updated_at)"
                     " SELECT printf ('B%06d', i), NULL, 'club', printf ('讲座 %d', i), NULL,"
                     "        " L ("2030-01-01 09:00") " + i * 60, " L ("2030-01-01 10:00") " + i * 60,"
                     "        0, 'scheduled', 'rm1', 0, 0 FROM n",
                     error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
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
  if (data != NULL)
    {
      g_assert_true (gx_store_write_sync (store, (GxStoreWriteFunc) data, NULL, &error));
      g_assert_no_error (error);
    }

  fixture->context = gx_context_new (store, clock, settings);
  gx_context_set_user (fixture->context, "sup", "张敏", GX_ROLE_SUPERVISOR);
  g_settings_set_string (settings, "last-place", "overview");
  fixture->window = gx_window_new (the_app, fixture->context);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
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
  g_free (fixture->dir);
}

/* Shows the list behind @filter in @place, saves it as @name, and returns its records
 * (headings first), after checking the file is what a Chinese spreadsheet opens right. */
static GPtrArray *
export_list (Fixture    *fixture,
             const char *place,
             const char *filter,
             GType       view_type,
             GType       row_type,
             const char *name,
             guint      *n_shown)
{
  GtkWidget *view = gx_test_find_descendant (GTK_WIDGET (fixture->window), view_type);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GtkWidget *chooser;
  GPtrArray *records;
  gsize length;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-list", "(ss)", place, filter);
  *n_shown = gx_test_wait_for_rows (view, row_type, 1);

  g_assert_true (gtk_widget_activate_action (view, "view.export-csv", NULL));
  chooser = GTK_WIDGET (gx_test_eventually_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_nonnull (chooser);
  /* The name the place offers, typed over with a whole path, as a user may. */
  g_assert_nonnull (gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser)));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), path);
  gx_test_iterate_for (300);
  /* The chooser's own button, as a click: a bare response would skip its checks. */
  g_assert_nonnull (gx_test_find_button (chooser, _("_Export")));
  gtk_widget_activate (gx_test_find_button (chooser, _("_Export")));

  for (int i = 0; i < 250 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    gx_test_iterate_for (20);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);

  /* UTF-8 with a byte order mark, CRLF line ends (RFC 4180). */
  g_assert_cmpuint (length, >, 3);
  g_assert_cmpmem (contents, 3, "\xef\xbb\xbf", 3);
  g_assert_nonnull (strstr (contents, "\r\n"));
  records = gx_csv_parse (contents + 3, &error);
  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

static const char *
field (GPtrArray *records,
       guint      row,
       guint      column)
{
  GStrv record = g_ptr_array_index (records, row);

  g_assert_cmpuint (column, <, g_strv_length (record));
  return record[column];
}

/* The record whose first field is @key, or 0. */
static guint
find_record (GPtrArray  *records,
             const char *key)
{
  for (guint i = 1; i < records->len; i++)
    if (g_strcmp0 (field (records, i, 0), key) == 0)
      return i;
  return 0;
}

static void
test_club (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  guint n_shown, m1;

  records = export_list (fixture, "club", "", GX_TYPE_CLUB_VIEW, GX_TYPE_MEMBER_ROW, "members.csv", &n_shown);
  g_assert_cmpuint (n_shown, >, 0);
  g_assert_cmpuint (records->len, ==, 1 + n_shown);
  g_assert_cmpstr (field (records, 0, 0), ==, _("Member number"));

  /* M1: 王伟, gold, 500 earned and 200 redeemed. */
  m1 = find_record (records, "M1");
  g_assert_cmpuint (m1, !=, 0);
  g_assert_cmpstr (field (records, m1, 1), ==, "王伟");
  g_assert_cmpstr (field (records, m1, 2), ==, "私享会");
  g_assert_cmpstr (field (records, m1, 4), ==, "300");
  g_assert_cmpstr (field (records, m1, 6), ==, "2026-11-03");
}

static void
test_activities (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  guint n_shown, golf;

  /* The overview's "Activities with points due": A1 and A2, held, points not yet awarded. */
  records = export_list (fixture, "activities", "filter=points_due", GX_TYPE_ACTIVITIES_VIEW,
                         GX_TYPE_ACTIVITY_ROW, "points-due.csv", &n_shown);
  g_assert_cmpuint (n_shown, ==, 2);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpstr (field (records, 0, 0), ==, _("Title"));
  g_assert_cmpuint (find_record (records, "品酒"), !=, 0);

  golf = find_record (records, "高尔夫");
  g_assert_cmpuint (golf, !=, 0);
  g_assert_cmpstr (field (records, golf, 2), ==, "私享会");
  g_assert_cmpstr (field (records, golf, 3), ==, gx_vocab_label (GX_VOCAB_ACTIVITY_STATUS, "held"));
  g_assert_cmpstr (field (records, golf, 5), ==, "2026-11-08 09:00");
  g_assert_cmpstr (field (records, golf, 9), ==, "1");
  g_assert_cmpstr (field (records, golf, 10), ==, "100");
  g_assert_cmpstr (field (records, golf, 11), ==, "");
  g_assert_cmpstr (field (records, golf, 12), ==, "陈静");
}

static void
test_complaints (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  guint n_shown, k2;

  /* The overview's "Overdue": K2 (answer due 10 November) and K4 (not acknowledged). */
  records = export_list (fixture, "complaints", "queue=overdue", GX_TYPE_CASES_VIEW, GX_TYPE_CASE_ROW,
                         "overdue.csv", &n_shown);
  g_assert_cmpuint (n_shown, ==, 2);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpstr (field (records, 0, 0), ==, _("Number"));
  g_assert_cmpuint (find_record (records, "K4"), !=, 0);

  k2 = find_record (records, "K2");
  g_assert_cmpuint (k2, !=, 0);
  g_assert_cmpstr (field (records, k2, 1), ==, "2026-11-05 09:00");
  g_assert_cmpstr (field (records, k2, 2), ==, "王伟");
  g_assert_cmpstr (field (records, k2, 3), ==, gx_vocab_label (GX_VOCAB_CASE_CHANNEL, "hotline"));
  g_assert_cmpstr (field (records, k2, 6), ==, gx_vocab_label (GX_VOCAB_CASE_STATUS, "investigating"));
  /* Escalated: once in the dataset, and further by the escalation pass the place runs. */
  g_assert_cmpint (g_ascii_strtoll (field (records, k2, 12), NULL, 10), >=, 1);
}

/* The files in @dir other than the desk's own database. */
static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (!g_str_has_prefix (name, "desk.sqlite"))
      n++;
  return n;
}

/* The fraction the bar shows once the export has written its first rows. */
static double
wait_for_progress (GtkWidget *bar)
{
  double fraction = 0;

  for (int i = 0; i < 1000 && fraction <= 0; i++)
    {
      gx_test_iterate_for (5);
      fraction = gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar));
    }
  return fraction;
}

static void
test_progress_and_cancel (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *view = gx_test_find_descendant (GTK_WIDGET (fixture->window), GX_TYPE_ACTIVITIES_VIEW);
  g_autofree char *path = g_build_filename (fixture->dir, "activities.csv", NULL);
  g_autofree char *total = gx_format_count (100007);
  GtkWidget *chooser, *dialog, *bar;
  const char *text;
  double fraction;
  guint n_shown;


  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-list", "(ss)", "activities", "filter=all");
  n_shown = gx_test_wait_for_rows (view, GX_TYPE_ACTIVITY_ROW, 1);
  g_assert_cmpuint (n_shown, ==, 100007);

  g_assert_true (gtk_widget_activate_action (view, "view.export-csv", NULL));
  chooser = GTK_WIDGET (gx_test_eventually_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_nonnull (chooser);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), path);
  gx_test_iterate_for (300);
  gtk_widget_activate (gx_test_find_button (chooser, _("_Export")));

  /* The dialog says how many of the list's rows are written, and the bar moves. */
  dialog = GTK_WIDGET (gx_test_eventually_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, _("Exporting the List"));
  bar = gx_test_find_descendant (dialog, GTK_TYPE_PROGRESS_BAR);
  g_assert_nonnull (bar);
  fraction = wait_for_progress (bar);
  text = gtk_progress_bar_get_text (GTK_PROGRESS_BAR (bar));
  g_test_message ("progress: %s (%.3f)", text, fraction);
  g_assert_cmpfloat (fraction, >, 0);
  g_assert_cmpfloat (fraction, <, 1);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, total));

  /* Cancel, at once: the export stops, the dialog goes, and nothing is left in the folder —
   * neither the file asked for nor the part written so far. */
  g_assert_nonnull (gx_test_find_button (dialog, _("_Cancel")));
  gtk_widget_activate (gx_test_find_button (dialog, _("_Cancel")));
  for (int i = 0; i < 300 && count_files (fixture->dir) > 0; i++)
    gx_test_iterate_for (20);
  gx_test_iterate_for (200);
  g_assert_null (gx_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);

  /* For the screenshot tour: the dialog of a second export, mid-way. */
  if (g_getenv ("GX_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *second = g_build_filename (fixture->dir, "again.csv", NULL);

      g_assert_true (gtk_widget_activate_action (view, "view.export-csv", NULL));
      chooser = GTK_WIDGET (gx_test_eventually_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), second);
      gx_test_iterate_for (300);
      gtk_widget_activate (gx_test_find_button (chooser, _("_Export")));
      dialog = GTK_WIDGET (gx_test_eventually_toplevel (ADW_TYPE_MESSAGE_DIALOG));
      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, _("Exporting the List"));
      /* Held while it is looked at: the export may end and close it meanwhile. */
      g_object_ref (dialog);
      bar = g_object_ref (gx_test_find_descendant (dialog, GTK_TYPE_PROGRESS_BAR));
      for (int i = 0; i < 100 && gtk_widget_get_width (dialog) == 0; i++)
        gx_test_iterate_for (5);
      wait_for_progress (bar);
      gx_test_iterate_for (150);   /* a frame drawn since */
      fraction = gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar));
      if (fraction > 0 && fraction < 1)
        {
          g_autofree char *name = g_strdup_printf ("list-export-progress-%s", gx_test_language ());

          gx_test_snap (dialog, name);
        }
      g_object_unref (bar);
      g_object_unref (dialog);
      gx_test_iterate_for (3000);
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

  /* The dataset's days are Shanghai's. */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  /* The app and the file read in the language asked for (LANGUAGE), as the app binds it. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GUANXI_LOCALEDIR") ? g_getenv ("GUANXI_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* The file chooser GTK shows itself, not a portal's, so the test can fill it in. */
  g_setenv ("GTK_USE_PORTAL", "0", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gx_test_notifications_start ();
  g_resources_register (gx_app_get_resource ());

  the_app = gx_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (the_app), NULL, &error))
    g_error ("cannot register the application: %s", error->message);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/list-export/club", test_club);
  ADD ("/ui/list-export/activities", test_activities);
  ADD ("/ui/list-export/complaints", test_complaints);
  g_test_add ("/ui/list-export/progress-and-cancel", Fixture, write_many_activities, fixture_set_up,
              test_progress_and_cancel, fixture_tear_down);
#undef ADD

  return g_test_run ();
}
