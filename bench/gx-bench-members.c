/* gx-bench-members.c: how fast the club's member list filters and a member page opens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates a full demo archive of N customers (clubs, memberships, points ledgers) into a
 * temporary or given file, then times the member list's keys queries for each filter the
 * place offers (states derived in SQL, renewals due, birthdays, points expiring, typed text)
 * and the reads behind a member page (state and why, points derived from the ledger, rights
 * against quotas, history). The keys queries also run in the sqlite3 shell on the same file,
 * counted the same way, for the raw limit; the table shows both and their ratio. It prints
 * figures and asserts nothing about time.
 */

#define G_LOG_DOMAIN "gx-bench-members"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gx-club.h"
#include "gx-demo.h"
#include "gx-membership.h"
#include "gx-points.h"
#include "gx-search.h"
#include "gx-store.h"
#include "gx-bench-util.h"

/* 2026-11-22 10:00 Asia/Shanghai, the demo's "now". */
#define BENCH_NOW G_GINT64_CONSTANT (1795312800)
#define TODAY "2026-11-22"

static int opt_customers = 100000;
static char *opt_db = NULL;
static int opt_pages = 200;
static gboolean opt_no_sqlite3 = FALSE;

static const GOptionEntry entries[] = {
  { "customers", 'n', 0, G_OPTION_ARG_INT, &opt_customers, "Customers to generate (default 100,000)", "N" },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "Use this file: reuse it when it has members, else generate into it and keep it", "PATH" },
  { "pages", 0, 0, G_OPTION_ARG_INT, &opt_pages, "Member pages to open (default 200)", "N" },
  { "no-sqlite3", 0, 0, G_OPTION_ARG_NONE, &opt_no_sqlite3, "Skip the sqlite3 shell comparison", NULL },
  { NULL }
};

static double
p95 (GArray *runs)
{
  guint rank;

  if (runs->len == 0)
    return 0.0;
  g_array_sort (runs, compare_doubles);
  rank = MIN (runs->len - 1, (guint) (0.95 * runs->len));
  return g_array_index (runs, double, rank);
}

/* Our side: the keys query bound and counted through the store's connection. */
static double
time_keys (GxDb       *db,
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
print_row (const char *what,
           gint64      rows,
           double      ours,
           double      raw)
{
  if (raw > 0)
    g_print ("  %-30s %9" G_GINT64_FORMAT " %10.2f %10.2f %8.1f×\n", what, rows, ours, raw, ours / raw);
  else
    g_print ("  %-30s %9" G_GINT64_FORMAT " %10.2f %10s %9s\n", what, rows, ours, "—", "—");
}

static gboolean
generate (GxStore  *store,
          GError  **error)
{
  g_autoptr(GxClock) clock = gx_clock_new_fixed (BENCH_NOW);
  GxDemoOptions options = { .seed = 1, .n_customers = (guint) opt_customers, .clock = clock };

  return gx_demo_generate (store, &options, NULL, error);
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
  g_autofree char *shell = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) page_runs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *shell_empty_sql = NULL;
  double shell_start = 0;
  GxDb *db;
  sqlite3_stmt *stmt;
  gint64 members;
  const struct {
    const char  *what;
    const char  *text;
    const char  *state;
    GxMemberDue  due;
  } filters[] = {
    { "all members", NULL, NULL, GX_MEMBER_DUE_ANY },
    { "state: active", NULL, "active", GX_MEMBER_DUE_ANY },
    { "state: grace", NULL, "grace", GX_MEMBER_DUE_ANY },
    { "state: lapsed", NULL, "lapsed", GX_MEMBER_DUE_ANY },
    { "renewals due", NULL, NULL, GX_MEMBER_DUE_RENEWAL },
    { "birthdays this month", NULL, NULL, GX_MEMBER_DUE_BIRTHDAY },
    { "points expiring", NULL, NULL, GX_MEMBER_DUE_POINTS_EXPIRING },
    { "text: wang", "wang", NULL, GX_MEMBER_DUE_ANY },
    { "text: pb0001", "pb0001", NULL, GX_MEMBER_DUE_ANY },
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  if (opt_db != NULL)
    path = g_strdup (opt_db);
  else
    {
      tmp_dir = g_dir_make_tmp ("gx-bench-members-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (tmp_dir, "bench.sqlite", NULL);
    }

  store = gx_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  db = gx_store_get_main_reader (store);

  if (gx_db_query_int (db, "SELECT count(*) FROM memberships", NULL, 0, NULL) == 0)
    {
      double started = now_ms ();

      g_print ("Generating %'d customers with their clubs and points…\n", opt_customers);
      if (!generate (store, &error))
        g_error ("%s", error->message);
      g_print ("  generated in %.1f s\n", (now_ms () - started) / 1000.0);
    }

  members = gx_db_query_int (db, "SELECT count(*) FROM memberships", NULL, 0, NULL);
  g_print ("\nArchive: %'" G_GINT64_FORMAT " customers, %'" G_GINT64_FORMAT " memberships, %'" G_GINT64_FORMAT
           " ledger entries\n",
           gx_db_query_int (db, "SELECT count(*) FROM customers", NULL, 0, NULL), members,
           gx_db_query_int (db, "SELECT count(*) FROM points_ledger", NULL, 0, NULL));

  shell = opt_no_sqlite3 ? NULL : g_find_program_in_path ("sqlite3");
  if (shell != NULL)
    {
      /* What the shell costs to start and open the file, taken off its figures. */
      shell_empty_sql = g_strdup ("SELECT 1");
      shell_start = gx_bench_shell_median (shell, path, shell_empty_sql, 7, NULL);
    }

  g_print ("\nThe member list's keys query, counted (median of 7, ms):\n");
  g_print ("  %-30s %9s %10s %10s %9s\n", "filter", "rows", "guanxi", "sqlite3", "ratio");
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      GxMemberFilter filter = { .text = filters[i].text, .state = filters[i].state, .due = filters[i].due, .today = TODAY };
      g_autoptr(GVariant) params = NULL;
      g_autofree char *keys = gx_search_members_filtered (&filter, &params);
      g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM (%s)", keys);
      gint64 rows = 0;
      double ours = time_keys (db, count_sql, params, &rows);
      double raw = -1;

      if (shell != NULL)
        {
          g_autofree char *literal = gx_bench_inline_params (count_sql, params);
          raw = gx_bench_shell_median (shell, path, literal, 7, NULL);
          if (raw >= 0)
            raw = MAX (raw - shell_start, 0.001);
        }
      print_row (filters[i].what, rows, ours, raw);
    }

  /* A member page: state and why, points, rights with quotas, history. */
  stmt = gx_db_prepare (db, "SELECT id FROM memberships ORDER BY random() LIMIT ?", NULL);
  sqlite3_bind_int (stmt, 1, opt_pages);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, gx_db_dup_column (stmt, 0));
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      double started = now_ms (), t;
      g_autoptr(GxMembershipDetail) detail = gx_membership_detail_load (db, ids->pdata[i], NULL);
      g_autoptr(GPtrArray) rights = gx_rights_for_membership (db, ids->pdata[i], 2026, NULL);
      g_autoptr(GPtrArray) history = gx_membership_history (db, ids->pdata[i], NULL);
      g_autofree char *why = NULL;
      GxMembershipDates dates;
      GxPointsSummary summary;

      gx_membership_get_dates (detail->membership, &dates);
      why = gx_membership_explain (&dates, TODAY);
      gx_points_summary_for (db, ids->pdata[i], TODAY, 90, &summary, NULL);
      t = now_ms () - started;
      g_array_append_val (page_runs, t);
    }

  g_print ("\nA member page's reads (%u members at random): median %.3f ms, p95 %.3f ms\n",
           page_runs->len, median (page_runs), p95 (page_runs));
  if (shell != NULL)
    g_print ("  sqlite3 shell: one process per query, its own start (%.1f ms) subtracted.\n", shell_start);
  else
    g_print ("  sqlite3 shell: not run\n");

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
