/* gx-bench-cases.c: how fast the complaint queues open at 200,000 cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates demo data with N complaint cases (default 200,000) into a temporary or given
 * file, then times what a desk does in the Complaints place: each queue (all, mine, my team's,
 * unassigned, overdue, for review), sorted by deadline, filtered, searched — the key list
 * loaded by GxQueryModel on its worker thread, and the first screen of rows. The same keys
 * queries run by the sqlite3 shell on the same file give the raw limit; the table shows both
 * and their ratio. It also times the escalation pass over every overdue case and the SLA
 * clock of one case replayed from its timeline. It prints figures and asserts nothing about
 * time.
 */

#define G_LOG_DOMAIN "gx-bench-cases"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "gx-case-row.h"
#include "gx-case.h"
#include "gx-clock.h"
#include "gx-demo.h"
#include "gx-query-model.h"
#include "gx-search.h"
#include "gx-store.h"
#include "gx-bench-util.h"

#define PAGE 50

/* 2026-11-22 10:00 Asia/Shanghai: the data does not depend on when the benchmark runs. */
#define BENCH_NOW G_GINT64_CONSTANT (1795312800)

static int opt_cases = 200000;
static char *opt_db = NULL;
static gint64 opt_seed = 1;
static gboolean opt_no_sqlite3 = FALSE;
static gboolean opt_plans = FALSE;

static const GOptionEntry entries[] = {
  { "cases", 'n', 0, G_OPTION_ARG_INT, &opt_cases, "Complaint cases to generate (default 200,000)", "N" },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "Use this file: reuse it when it has cases, else generate into it and keep it", "PATH" },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &opt_seed, "Seed of the generator (default 1)", "SEED" },
  { "no-sqlite3", 0, 0, G_OPTION_ARG_NONE, &opt_no_sqlite3, "Skip the sqlite3 shell comparison", NULL },
  { "plans", 0, 0, G_OPTION_ARG_NONE, &opt_plans, "Print each queue's query plan", NULL },
  { NULL }
};

/* Generation ------------------------------------------------------------------------------ */

static gboolean
generate (const char  *path,
          double      *seconds,
          GError     **error)
{
  g_autoptr(GxClock) clock = gx_clock_new_fixed (BENCH_NOW);
  GxDemoOptions options = {
    .seed = (guint64) opt_seed,
    /* About eight cases a customer: a utility's complaint desk over a few years. */
    .n_customers = (guint) MAX (2000, opt_cases / 8),
    .n_cases = (guint) opt_cases,
    .clock = clock,
  };

  return gx_bench_generate (path, &options, seconds, error);
}

/* The sqlite3 shell ----------------------------------------------------------------------- */

/* One queue --------------------------------------------------------------------------------- */

typedef struct
{
  const char   *what;
  GxCaseFilter  filter;
} Queue;

static gboolean
time_queue (GxStore      *store,
            const char   *shell,
            const char   *path,
            double        baseline,
            const Queue  *queue,
            GError      **error)
{
  g_autoptr(GArray) firsts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GVariant) params = NULL;
  g_autofree char *sql = gx_search_case_queue (&queue->filter, &params);
  guint n_items = 0;
  double raw = -1;

  for (int run = 0; run < 5; run++)
    {
      g_autoptr(GxQueryModel) model = gx_query_model_new (store, GX_TYPE_CASE_ROW);
      double t0 = now_ms (), t;

      gx_query_model_set_query (model, sql, params ? g_variant_ref (params) : NULL);
      for (guint i = 0; i < PAGE && i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
        {
          g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (model), i);
        }
      t = now_ms () - t0;
      g_array_append_val (firsts, t);

      while (gx_query_model_get_loading (model))
        g_main_context_iteration (NULL, TRUE);
      t = now_ms () - t0;
      g_array_append_val (keys, t);
      n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
    }

  if (shell != NULL)
    {
      g_autofree char *literal = params ? gx_bench_inline_params (sql, params) : g_strdup (sql);
      g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM (%s);", literal);
      double t = gx_bench_shell_median (shell, path, count, 5, error);

      if (t < 0)
        return FALSE;
      raw = MAX (t - baseline, 0.0);
    }

  if (opt_plans)
    {
      g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
      sqlite3_stmt *stmt = gx_db_prepare (gx_store_get_main_reader (store), explain, error);

      if (stmt == NULL || !gx_db_bind_variant (stmt, params, error))
        return FALSE;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_print ("      plan: %s\n", gx_db_column_text (stmt, 3));
      sqlite3_reset (stmt);
    }

  {
    double ours = median (keys);

    if (raw > 0.05)
      g_print ("  %-34s %9u %10.2f %10.2f %10.2f %8.1f×\n", queue->what, n_items, median (firsts), ours, raw, ours / raw);
    else if (raw >= 0)
      g_print ("  %-34s %9u %10.2f %10.2f %10s %9s\n", queue->what, n_items, median (firsts), ours, "<noise", "—");
    else
      g_print ("  %-34s %9u %10.2f %10.2f %10s %9s\n", queue->what, n_items, median (firsts), ours, "—", "—");
  }
  return TRUE;
}

/* Escalation and the clock ----------------------------------------------------------------- */

typedef struct
{
  gint64     now;
  GPtrArray *escalated;
} Escalate;

static gboolean
escalate_cb (GxDb      *db,
             gpointer   data,
             GError   **error)
{
  Escalate *e = data;
  GxWriteMeta meta = { .now = e->now };

  return gx_case_escalate_due (db, &meta, e->escalated, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the complaint queues at 200,000 cases");
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shell = NULL;
  g_autofree char *desk = NULL;
  g_autofree char *supervisor = NULL;
  g_autofree char *sample = NULL;
  double gen_seconds = 0, baseline = 0;
  gint64 n_cases = 0;
  GxDb *db;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_cases <= 0)
    {
      g_printerr ("--cases must be positive\n");
      return 2;
    }

  if (opt_db != NULL)
    path = g_strdup (opt_db);
  else
    {
      tmp_dir = g_dir_make_tmp ("gx-bench-cases-XXXXXX", &error);
      if (tmp_dir == NULL)
        goto fail;
      path = g_build_filename (tmp_dir, "cases.sqlite", NULL);
    }

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      store = gx_store_open (path, &error);
      if (store == NULL)
        goto fail;
      n_cases = gx_db_query_int (gx_store_get_main_reader (store), "SELECT count(*) FROM cases", NULL, 0, NULL);
      g_clear_object (&store);
    }
  if (n_cases == 0)
    {
      if (!generate (path, &gen_seconds, &error))
        goto fail;
    }

  store = gx_store_open (path, &error);
  if (store == NULL)
    goto fail;
  db = gx_store_get_main_reader (store);
  n_cases = gx_db_query_int (db, "SELECT count(*) FROM cases", NULL, 0, NULL);
  desk = gx_db_query_string (db, "SELECT assignee_id FROM cases GROUP BY assignee_id ORDER BY count(*) DESC LIMIT 1", NULL, NULL);
  supervisor = gx_db_query_string (db, "SELECT id FROM users WHERE role = 'supervisor' LIMIT 1", NULL, NULL);
  sample = gx_db_query_string (db, "SELECT id FROM cases WHERE status = 'investigating' LIMIT 1", NULL, NULL);

  shell = opt_no_sqlite3 ? NULL : g_find_program_in_path ("sqlite3");
  if (shell != NULL)
    {
      /* The shell's own start and schema read, charged to nobody. */
      baseline = gx_bench_shell_median (shell, path, "SELECT count(*) FROM sqlite_master;", 9, &error);
      if (baseline < 0)
        goto fail;
    }

  g_print ("\nComplaint queues, %'" G_GINT64_FORMAT " cases (%s)%s\n", n_cases, path,
           gen_seconds > 0 ? "" : ", reused");
  if (gen_seconds > 0)
    g_print ("  generated in %.1f s\n", gen_seconds);
  g_print ("  median of 5 runs, ms; raw = the sqlite3 shell counting the same keys query, less its start\n\n");
  g_print ("  %-34s %9s %10s %10s %10s %9s\n", "queue", "cases", "1st page", "all keys", "raw", "ratio");

  {
    const Queue queues[] = {
      { "all, newest first", { .queue = GX_CASE_QUEUE_ALL } },
      { "all, by deadline", { .queue = GX_CASE_QUEUE_ALL, .by_deadline = TRUE } },
      { "mine (busiest desk)", { .queue = GX_CASE_QUEUE_MINE, .user_id = desk } },
      { "mine, by deadline", { .queue = GX_CASE_QUEUE_MINE, .user_id = desk, .by_deadline = TRUE } },
      { "my team's (supervisor)", { .queue = GX_CASE_QUEUE_TEAM, .user_id = supervisor } },
      { "unassigned", { .queue = GX_CASE_QUEUE_UNASSIGNED } },
      { "overdue, by deadline", { .queue = GX_CASE_QUEUE_OVERDUE, .now = BENCH_NOW, .by_deadline = TRUE } },
      { "for review", { .queue = GX_CASE_QUEUE_REVIEW, .now = BENCH_NOW } },
      { "all: billing, high", { .queue = GX_CASE_QUEUE_ALL, .category_id = "billing", .severity = "high" } },
      { "all: in review", { .queue = GX_CASE_QUEUE_ALL, .status = "in_review" } },
      { "all: gold customers", { .queue = GX_CASE_QUEUE_ALL, .tier_id = "gold" } },
      { "all: received this month", { .queue = GX_CASE_QUEUE_ALL, .received_from = BENCH_NOW - 21 * 86400 } },
      { "search: case number prefix", { .queue = GX_CASE_QUEUE_ALL, .text = "TS2026-00012" } },
      { "search: customer pinyin \"wang\"", { .queue = GX_CASE_QUEUE_ALL, .text = "wang" } },
    };

    for (guint i = 0; i < G_N_ELEMENTS (queues); i++)
      if (!time_queue (store, shell, path, baseline, &queues[i], &error))
        goto fail;
  }

  /* One case's clock, replayed from its timeline over the working calendar. */
  if (sample != NULL)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

      for (int i = 0; i < 201; i++)
        {
          g_auto(GxSlaClock) clock = { 0 };
          double t = now_ms ();

          if (!gx_case_load_clock (db, sample, BENCH_NOW, &clock, NULL, &error))
            goto fail;
          t = now_ms () - t;
          g_array_append_val (times, t);
        }
      g_print ("\n  one case's SLA clock from its timeline: %.3f ms (median of 201)\n", median (times));
    }

  /* The escalation pass of the periodic check, then again (idempotent: nothing to do). */
  {
    g_autoptr(GPtrArray) escalated = g_ptr_array_new_with_free_func (g_free);
    Escalate e = { BENCH_NOW + 7 * 86400, escalated };
    double t = now_ms ();

    if (!gx_store_write_sync (store, escalate_cb, &e, &error))
      goto fail;
    t = now_ms () - t;
    g_print ("  escalation pass a week on: %u cases escalated in %.1f ms", escalated->len, t);
    g_ptr_array_set_size (escalated, 0);
    t = now_ms ();
    if (!gx_store_write_sync (store, escalate_cb, &e, &error))
      goto fail;
    g_print (", the repeat %.1f ms (%u)\n", now_ms () - t, escalated->len);
  }

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

fail:
  g_printerr ("gx-bench-cases: %s\n", error ? error->message : "failed");
  return 1;
}
