/* gx-bench-activities.c: how fast the Activities place answers on a large archive
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates a full demo archive of N customers (clubs, a year of activities, invitations,
 * check-ins) into a temporary or given file, then times what the place asks the store: the
 * activity list's keys queries (all, upcoming, points due), counting an activity's target
 * group (its club's members; a saved customer filter over the whole archive), the check-in
 * list as the door types a name, and inviting a whole target group as the invite dialog does
 * (off the main thread, in steps of a thousand, each with its outbox rows). The read queries
 * also run in the sqlite3 shell on the same file, counted the same way, and the invitation's
 * rows are inserted by the shell in one transaction (rolled back), for the raw limit; the
 * tables show both and their ratio. It prints figures and asserts nothing about time.
 *
 * At a million customers: `gx-bench-activities -n 1000000 --db /tmp/gx-act-1m.sqlite`
 * generates the archive once (it takes a while) and reuses it afterwards; each run invites
 * into an activity of its own and removes it again, so the file stays as generated.
 */

#define G_LOG_DOMAIN "gx-bench-activities"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gx-activity.h"
#include "gx-attendee.h"
#include "gx-customer-filter.h"
#include "gx-demo.h"
#include "gx-list-filter.h"
#include "gx-search.h"
#include "gx-record.h"
#include "gx-store.h"
#include "gx-uuid.h"
#include "gx-bench-util.h"

/* 2026-11-22 10:00 Asia/Shanghai, the demo's "now". */
#define BENCH_NOW G_GINT64_CONSTANT (1795312800)

static int opt_customers = 100000;
static char *opt_db = NULL;
static gboolean opt_no_sqlite3 = FALSE;

static const GOptionEntry entries[] = {
  { "customers", 'n', 0, G_OPTION_ARG_INT, &opt_customers, "Customers to generate (default 100,000)", "N" },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "Use this file: reuse it when it has activities, else generate into it and keep it", "PATH" },
  { "no-sqlite3", 0, 0, G_OPTION_ARG_NONE, &opt_no_sqlite3, "Skip the sqlite3 shell comparison", NULL },
  { NULL }
};

static void
print_row (const char *what,
           gint64      rows,
           double      ours,
           double      raw)
{
  if (raw > 0)
    g_print ("  %-36s %9" G_GINT64_FORMAT " %10.2f %10.2f %8.1f×\n", what, rows, ours, raw, ours / raw);
  else
    g_print ("  %-36s %9" G_GINT64_FORMAT " %10.2f %10s %9s\n", what, rows, ours, "—", "—");
}

typedef struct
{
  const char *shell;
  const char *path;
  double      shell_start;
} Shell;

/* The raw limit of @count_sql, the shell's own start taken off; -1 when not run. */
static double
raw_limit (Shell      *shell,
           const char *count_sql,
           GVariant   *params)
{
  g_autofree char *literal = NULL;
  double raw;

  if (shell->shell == NULL)
    return -1;
  literal = gx_bench_inline_params (count_sql, params);
  raw = gx_bench_shell_median (shell->shell, shell->path, literal, 7, NULL);
  return raw >= 0 ? MAX (raw - shell->shell_start, 0.001) : -1;
}

/* The raw limit of a write: the shell runs @sql inside BEGIN … ROLLBACK (so the file stays as
 * it was), median of three, its own start taken off. */
static double
raw_write (Shell      *shell,
           const char *sql)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *script = NULL;

  if (shell->shell == NULL)
    return -1;
  script = g_strdup_printf ("BEGIN; %s ROLLBACK;", sql);
  for (int i = 0; i < 3; i++)
    {
      const char *argv[] = { shell->shell, "-batch", shell->path, script, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      double started = now_ms (), t;
      int status;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, NULL) ||
          !g_spawn_check_wait_status (status, NULL) || (err != NULL && *err != '\0'))
        {
          g_printerr ("sqlite3: %s\n", err ? err : "failed");
          return -1;
        }
      t = now_ms () - started;
      g_array_append_val (runs, t);
    }
  return MAX (median (runs) - shell->shell_start, 0.001);
}

static double
time_count (GxDb       *db,
            const char *count_sql,
            GVariant   *params,
            gint64     *rows)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < 7; i++)
    {
      double started = now_ms (), t;

      *rows = gx_db_query_int (db, count_sql, params, -1, NULL);
      t = now_ms () - started;
      g_array_append_val (runs, t);
    }
  return median (runs);
}

static void
list_row (GxDb             *db,
          Shell            *shell,
          const char       *what,
          GxActivityFilter  filter,
          const char       *text)
{
  GxActivitySearch search = { .text = text, .filter = filter, .now = BENCH_NOW };
  g_autoptr(GVariant) params = NULL;
  g_autofree char *keys = gx_search_activities_query (&search, &params);
  g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM (%s)", keys);
  gint64 rows = 0;
  double ours = time_count (db, count_sql, params, &rows);

  print_row (what, rows, ours, raw_limit (shell, count_sql, params));
}

typedef struct
{
  const char *activity_id;
  const char *name;
  const char *filter;
  char       *filter_id;
  guint       invited;
  guint       total;
  guint       reports;
  gboolean    done;
  GError     *error;
} Job;

static gboolean
save_filter_cb (GxDb     *db,
                gpointer  data,
                GError  **error)
{
  Job *job = data;
  GxWriteMeta meta = { .now = BENCH_NOW };

  return gx_customer_filter_save (db, job->name, job->filter, &meta, &job->filter_id, error);
}

/* An activity of this run's own, inviting the saved filter, so the file is left as it was. */
static gboolean
bench_activity_cb (GxDb     *db,
                   gpointer  data,
                   GError  **error)
{
  Job *job = data;
  GxWriteMeta meta = { .now = BENCH_NOW };
  g_autoptr(JsonObject) fields = json_object_new ();

  json_object_set_string_member (fields, "title", job->name);
  json_object_set_string_member (fields, "status", "scheduled");
  json_object_set_string_member (fields, "target_filter_id", job->filter_id);
  json_object_set_int_member (fields, "starts_at", BENCH_NOW + 30 * 86400);
  json_object_set_int_member (fields, "ends_at", BENCH_NOW + 30 * 86400 + 7200);
  json_object_set_int_member (fields, "created_at", BENCH_NOW);
  json_object_set_int_member (fields, "updated_at", BENCH_NOW);
  return gx_record_insert (db, "activity", job->activity_id, fields, &meta, error);
}

static gboolean
cleanup_cb (GxDb     *db,
            gpointer  data,
            GError  **error)
{
  Job *job = data;
  sqlite3_stmt *stmt;
  const char *sql[] = {
    "DELETE FROM outbox WHERE kind = 'invitation' AND record_id IN (SELECT id FROM invitations WHERE activity_id = ?1)",
    "DELETE FROM invitations WHERE activity_id = ?1",
    "DELETE FROM outbox WHERE record_id = ?1",
    "DELETE FROM activities WHERE id = ?1",
    "DELETE FROM outbox WHERE record_id = ?2",
    "DELETE FROM customer_filters WHERE id = ?2",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      if (!(stmt = gx_db_prepare (db, sql[i], error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, job->activity_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_bind_parameter_count (stmt) > 1)
        sqlite3_bind_text (stmt, 2, job->filter_id, -1, SQLITE_TRANSIENT);
      if (!gx_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
invite_progress_cb (guint    invited,
                    guint    total,
                    gpointer data)
{
  Job *job = data;

  job->reports++;
}

static void
invite_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  Job *job = data;

  gx_activity_invite_target_group_finish (GX_STORE (object), result, &job->invited, &job->total, &job->error);
  job->done = TRUE;
}

/* Counting a target group: our function, and its SQL in the shell. */
static void
target_row (GxDb       *db,
            Shell      *shell,
            const char *what,
            const char *activity_id,
            const char *count_sql,
            GVariant   *params)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 rows = 0;

  for (int i = 0; i < 7; i++)
    {
      double started = now_ms (), t;

      rows = gx_activity_count_target_group (db, activity_id, BENCH_NOW, NULL);
      t = now_ms () - started;
      g_array_append_val (runs, t);
    }
  print_row (what, rows, median (runs), raw_limit (shell, count_sql, params));
}

/* The check-in list of @activity_id as the door types: our function (what the page builds),
 * and its SQL counted in the shell. */
static void
attendee_rows (GxDb               *db,
               Shell              *shell,
               const char         *activity_id,
               const char * const *typed)
{
  g_print ("\nThe check-in list as the door types (%'" G_GINT64_FORMAT " invitations; median of 7, ms):\n",
           gx_db_query_int (db, "SELECT count(*) FROM invitations WHERE activity_id = ?", g_variant_new ("(s)", activity_id), 0, NULL));
  g_print ("  %-36s %9s %10s %10s %9s\n", "typed", "shown", "guanxi", "sqlite3", "ratio");
  for (guint i = 0; typed[i] != NULL; i++)
    {
      g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GVariant) params = NULL;
      g_autofree char *sql = gx_activity_attendees_sql (db, activity_id, typed[i], &params);
      g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM (%s)", sql);
      guint found = 0;

      for (int r = 0; r < 7; r++)
        {
          double started = now_ms (), t;
          g_autoptr(GPtrArray) people = gx_activity_list_attendees (db, activity_id, typed[i], NULL);

          t = now_ms () - started;
          found = people ? people->len : 0;
          g_array_append_val (runs, t);
        }
      print_row (*typed[i] ? typed[i] : "(nothing typed)", found, median (runs), raw_limit (shell, count_sql, params));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shell_path = NULL;
  g_autofree char *upcoming = NULL;
  g_autofree char *held = NULL;
  g_autofree char *club = NULL;
  g_autofree char *filter = NULL;
  g_autofree char *filter_name = NULL;
  Shell shell = { NULL };
  GxDb *db;
  const char *typed[] = { "", "w", "wang", "wangw", "ww", "138", "王", NULL };
  g_autofree char *bench_activity = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  if (opt_db != NULL)
    path = g_strdup (opt_db);
  else
    {
      tmp_dir = g_dir_make_tmp ("gx-bench-activities-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (tmp_dir, "bench.sqlite", NULL);
    }

  store = gx_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  db = gx_store_get_main_reader (store);

  if (gx_db_query_int (db, "SELECT count(*) FROM activities", NULL, 0, NULL) == 0)
    {
      g_autoptr(GxClock) clock = gx_clock_new_fixed (BENCH_NOW);
      GxDemoOptions options = { .seed = 1, .n_customers = (guint) opt_customers, .clock = clock };
      double started = now_ms ();

      g_print ("Generating %'d customers with their clubs and activities…\n", opt_customers);
      if (!gx_demo_generate (store, &options, NULL, &error))
        g_error ("%s", error->message);
      g_print ("  generated in %.1f s\n", (now_ms () - started) / 1000.0);
    }

  g_print ("\nArchive: %'" G_GINT64_FORMAT " customers, %'" G_GINT64_FORMAT " memberships, %'" G_GINT64_FORMAT
           " activities, %'" G_GINT64_FORMAT " invitations, %'" G_GINT64_FORMAT " check-ins\n",
           gx_db_query_int (db, "SELECT count(*) FROM customers", NULL, 0, NULL),
           gx_db_query_int (db, "SELECT count(*) FROM memberships", NULL, 0, NULL),
           gx_db_query_int (db, "SELECT count(*) FROM activities", NULL, 0, NULL),
           gx_db_query_int (db, "SELECT count(*) FROM invitations", NULL, 0, NULL),
           gx_db_query_int (db, "SELECT count(*) FROM checkins", NULL, 0, NULL));

  shell_path = opt_no_sqlite3 ? NULL : g_find_program_in_path ("sqlite3");
  if (shell_path != NULL)
    {
      shell.shell = shell_path;
      shell.path = path;
      /* What the shell costs to start and open the file, taken off its figures. */
      shell.shell_start = gx_bench_shell_median (shell_path, path, "SELECT 1", 7, NULL);
    }

  g_print ("\nThe activity list's keys query, counted (median of 7, ms):\n");
  g_print ("  %-36s %9s %10s %10s %9s\n", "filter", "rows", "guanxi", "sqlite3", "ratio");
  list_row (db, &shell, "all", GX_ACTIVITY_FILTER_ALL, NULL);
  list_row (db, &shell, "upcoming", GX_ACTIVITY_FILTER_UPCOMING, NULL);
  list_row (db, &shell, "points due", GX_ACTIVITY_FILTER_POINTS_DUE, NULL);
  list_row (db, &shell, "text: 高尔夫", GX_ACTIVITY_FILTER_ALL, "高尔夫");

  /* The biggest club's next activity, and the held one with the most invitations. */
  club = gx_db_query_string (db, "SELECT club_id FROM memberships GROUP BY club_id ORDER BY count(*) DESC LIMIT 1", NULL, NULL);
  upcoming = gx_db_query_string (db, "SELECT id FROM activities WHERE club_id = ? AND starts_at > ? AND status <> 'cancelled'"
                                 " ORDER BY starts_at LIMIT 1",
                                 g_variant_new ("(sx)", club ? club : "", BENCH_NOW), NULL);
  held = gx_db_query_string (db, "SELECT activity_id FROM invitations GROUP BY activity_id ORDER BY count(*) DESC LIMIT 1",
                             NULL, NULL);
  if (upcoming == NULL || held == NULL)
    g_error ("the demo archive has no upcoming activity of its biggest club");

  g_print ("\nAn activity's target group, counted (the invite dialog's button; median of 7, ms):\n");
  g_print ("  %-36s %9s %10s %10s %9s\n", "target group", "to invite", "guanxi", "sqlite3", "ratio");
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT count(*) FROM memberships m JOIN customers c ON c.id = m.customer_id"
      " WHERE m.club_id = '%s' AND m.joined_on IS NOT NULL AND m.cancelled_on IS NULL"
      "   AND (m.suspended_until IS NULL OR m.suspended_until < '2026-11-22') AND c.archived_at IS NULL"
      "   AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.activity_id = '%s' AND i.customer_id = m.customer_id)",
      club, upcoming);
    target_row (db, &shell, "the club's members", upcoming, sql, NULL);
  }

  /* A saved filter over the whole archive: individual clients, members or not, the target
   * group of an activity of this run's own. */
  filter = gx_list_filter_build ("kind", "individual", "stage", "client", NULL);
  filter_name = g_strdup_printf ("bench %" G_GINT64_FORMAT, g_get_real_time ());
  bench_activity = gx_uuid_v7_new ();
  {
    Job job = { bench_activity, filter_name, filter, NULL, 0 };
    g_autoptr(GVariant) params = NULL;
    g_autofree char *keys = gx_customer_filter_keys_sql (db, filter, 11, &params);
    g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM customers c WHERE c.rowid IN (%s)"
                                                  " AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.activity_id = '%s'"
                                                  "                 AND i.customer_id = c.id)", keys, bench_activity);
    g_autofree char *insert_sql = NULL;
    double started, ours, raw;

    if (!gx_store_write_sync (store, save_filter_cb, &job, &error) ||
        !gx_store_write_sync (store, bench_activity_cb, &job, &error))
      g_error ("%s", error->message);
    target_row (db, &shell, "saved filter: individual clients", bench_activity, count_sql, params);

    /* Invite them all as the dialog does: off this thread, a thousand per transaction, each
     * invitation with its code and outbox row. The raw limit: the shell inserting the same
     * invitations and outbox rows in one transaction. */
    started = now_ms ();
    gx_activity_invite_target_group_async (store, bench_activity, NULL, BENCH_NOW, NULL, invite_progress_cb, &job,
                                           invite_done_cb, &job);
    while (!job.done)
      g_main_context_iteration (NULL, TRUE);
    ours = now_ms () - started;
    if (job.error != NULL)
      g_error ("%s", job.error->message);

    {
      g_autofree char *inlined = gx_bench_inline_params (keys, params);

      insert_sql = g_strdup_printf (
        "INSERT INTO invitations (id, activity_id, customer_id, status, code, invited_at)"
        " SELECT lower (hex (randomblob (16))), 'raw-%s', c.id, 'invited', upper (hex (randomblob (5))), %" G_GINT64_FORMAT
        " FROM customers c WHERE c.rowid IN (%s) ORDER BY c.sort_key;"
        " INSERT INTO outbox (mutation_id, kind, record_id, op, base_version, fields, created_at)"
        " SELECT lower (hex (randomblob (16))), 'invitation', id, 'insert', 0,"
        "  json_object ('activity_id', activity_id, 'customer_id', customer_id, 'status', status, 'code', code,"
        "               'invited_at', invited_at), invited_at FROM invitations WHERE activity_id = 'raw-%s';",
        bench_activity, BENCH_NOW, inlined, bench_activity);
    }
    /* The raw insert needs the activity it names: the shell makes a throwaway one. */
    {
      g_autofree char *with_activity = g_strdup_printf ("INSERT INTO activities (id, title, created_at, updated_at)"
                                                        " VALUES ('raw-%s', 'raw', 0, 0); %s", bench_activity, insert_sql);
      raw = raw_write (&shell, with_activity);
    }

    g_print ("\nInviting the saved filter's target group (the invite dialog; %u steps reported):\n", job.reports);
    g_print ("  %-36s %9s %10s %10s %9s\n", "", "invited", "guanxi", "sqlite3", "ratio");
    print_row ("invitations with their outbox rows", job.invited, ours, raw);
    g_print ("  %-36s %9s %10.0f %10s\n", "  invitations/s", "", job.invited / MAX (ours / 1000.0, 0.001),
             raw > 0 ? g_strdup_printf ("%.0f", job.invited / MAX (raw / 1000.0, 0.001)) : "—");

    /* The check-in list of that activity as the door types. */
    attendee_rows (db, &shell, bench_activity, typed);

    if (!gx_store_write_sync (store, cleanup_cb, &job, &error))
      g_error ("%s", error->message);
    g_free (job.filter_id);
  }

  attendee_rows (db, &shell, held, typed);

  if (shell.shell != NULL)
    g_print ("\nsqlite3 shell: one process per query, its own start (%.1f ms) subtracted.\n", shell.shell_start);
  else
    g_print ("\nsqlite3 shell: not run\n");

  gx_store_close (store);
  if (tmp_dir != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_remove (wal);
      g_remove (shm);
      g_remove (path);
      g_rmdir (tmp_dir);
    }
  return 0;
}
