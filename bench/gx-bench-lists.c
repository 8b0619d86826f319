/* gx-bench-lists.c: how fast the customer list opens and scrolls at a million rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates N customers (customers-only demo data) into a temporary or given file, then
 * measures what a desk does first: open the store, show the first page of the customer list
 * (GxQueryModel over GxCustomerRow), load the whole key list, and fetch pages of 50 rows at
 * random far-apart positions. The same queries run by the sqlite3 shell on the same file give
 * the raw limit; the table shows both and their ratio. It prints figures and asserts nothing
 * about time.
 */

#define G_LOG_DOMAIN "gx-bench-lists"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "gx-clock.h"
#include "gx-customer-row.h"
#include "gx-demo.h"
#include "gx-query-model.h"
#include "gx-store.h"
#include "gx-bench-util.h"

#define PAGE 50
#define KEYS_SQL "SELECT rowid FROM customers ORDER BY sort_key"

/* 2026-11-22 10:00 Asia/Shanghai: the data does not depend on when the benchmark runs. */
#define BENCH_NOW G_GINT64_CONSTANT (1795312800)

static int opt_customers = 1000000;
static char *opt_db = NULL;
static gint64 opt_seed = 1;
static int opt_pages = 200;
static int opt_batch = 0;
static gboolean opt_no_sqlite3 = FALSE;

static const GOptionEntry entries[] = {
  { "customers", 'n', 0, G_OPTION_ARG_INT, &opt_customers, "Customers to generate (default 1,000,000)", "N" },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "Use this file: reuse it when it has customers, else generate into it and keep it", "PATH" },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &opt_seed, "Seed of the generator (default 1)", "SEED" },
  { "pages", 0, 0, G_OPTION_ARG_INT, &opt_pages, "Scroll pages to time (default 200)", "N" },
  { "batch", 0, 0, G_OPTION_ARG_INT, &opt_batch, "Customers per write transaction (default: the generator's)", "N" },
  { "no-sqlite3", 0, 0, G_OPTION_ARG_NONE, &opt_no_sqlite3, "Skip the sqlite3 shell comparison", NULL },
  { NULL }
};

/* The p-th percentile (nearest rank) of @values, which it sorts. */
/* Generation ------------------------------------------------------------------------------ */

static gboolean
generate (const char  *path,
          double      *rows_per_second,
          double      *seconds,
          gint64      *n_rows,
          GError     **error)
{
  g_autoptr(GxClock) clock = gx_clock_new_fixed (BENCH_NOW);
  g_autoptr(GxStore) store = NULL;
  GxDemoOptions options = {
    .seed = (guint64) opt_seed,
    .n_customers = (guint) opt_customers,
    .clock = clock,
    .customers_only = TRUE,
    .batch_size = (guint) MAX (opt_batch, 0),
  };

  if (!gx_bench_generate (path, &options, seconds, error))
    return FALSE;

  store = gx_store_open (path, error);
  if (store == NULL)
    return FALSE;
  *n_rows = gx_db_query_int (gx_store_get_main_reader (store),
                             "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM customer_contacts)"
                             " + (SELECT count(*) FROM users) + (SELECT count(*) FROM sync_state)",
                             NULL, 0, error);
  gx_store_close (store);
  if (*n_rows <= 0)
    return FALSE;
  *rows_per_second = *n_rows / *seconds;
  return TRUE;
}

/* The sqlite3 shell ----------------------------------------------------------------------- */

/* The customer row's page query with its rowid placeholders replaced by @rowids. */
static char *
page_sql_for (const char *rowids)
{
  GxRowClass *klass = g_type_class_ref (GX_TYPE_CUSTOMER_ROW);
  g_auto(GStrv) parts = g_strsplit (klass->page_sql, "%s", 2);
  char *sql = g_strconcat (parts[0], rowids, parts[1], NULL);

  g_type_class_unref (klass);
  return sql;
}

/* Report ----------------------------------------------------------------------------------- */

static void
print_row (const char *what,
           double      ours,
           double      raw)
{
  if (raw > 0)
    g_print ("  %-34s %12.3f %12.3f %9.1f×\n", what, ours, raw, ours / raw);
  else if (raw == 0)
    g_print ("  %-34s %12.3f %12s %10s\n", what, ours, "<noise", "—");
  else
    g_print ("  %-34s %12.3f %12s %10s\n", what, ours, "—", "—");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the customer list at a million rows");
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = NULL;
  g_autoptr(GxQueryModel) model = NULL;
  g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) scroll = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) page_rowids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *tmp_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shell = NULL;
  GRand *rand;
  double gen_rate = 0, gen_seconds = 0;
  gint64 gen_rows = 0;
  double t0, t_first, t_keys;
  double raw_open = -1, raw_first = -1, raw_keys = -1, baseline = -1, schema = -1, empty = -1;
  g_autoptr(GArray) raw_scroll = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_offset = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_items, fetches_before, fetches;
  gint64 n_customers;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_customers <= 0 || opt_pages <= 0)
    {
      g_printerr ("--customers and --pages must be positive\n");
      return 2;
    }

  /* The data. */
  if (opt_db != NULL)
    path = g_strdup (opt_db);
  else
    {
      tmp_dir = g_dir_make_tmp ("gx-bench-lists-XXXXXX", &error);
      if (tmp_dir == NULL)
        goto fail;
      path = g_build_filename (tmp_dir, "customers.sqlite", NULL);
    }

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      store = gx_store_open (path, &error);
      if (store == NULL)
        goto fail;
      n_customers = gx_db_query_int (gx_store_get_main_reader (store), "SELECT count(*) FROM customers", NULL, 0, &error);
      g_clear_object (&store);
      if (error != NULL)
        goto fail;
    }
  else
    n_customers = 0;

  if (n_customers == 0)
    {
      if (!generate (path, &gen_rate, &gen_seconds, &gen_rows, &error))
        goto fail;
      n_customers = opt_customers;
    }

  /* (a) Opening the existing file: the median of five opens. */
  for (int i = 0; i < 5; i++)
    {
      double t = now_ms ();
      g_autoptr(GxStore) s = gx_store_open (path, &error);

      if (s == NULL)
        goto fail;
      t = now_ms () - t;
      g_array_append_val (opens, t);
      gx_store_close (s);
    }

  store = gx_store_open (path, &error);
  if (store == NULL)
    goto fail;

  /* (b) The first page: the model answers it from a LIMIT query before the keys are in. */
  t0 = now_ms ();
  model = gx_query_model_new (store, GX_TYPE_CUSTOMER_ROW);
  gx_query_model_set_query (model, KEYS_SQL, NULL);
  for (guint i = 0; i < PAGE; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      if (row == NULL)
        {
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "no row %u on the first page", i);
          goto fail;
        }
    }
  t_first = now_ms () - t0;

  while (gx_query_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  t_keys = now_ms () - t0;
  n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  if (n_items != (guint) n_customers)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "the model lists %u of %" G_GINT64_FORMAT " customers",
                   n_items, n_customers);
      goto fail;
    }

  /* (c) Scroll pages at random positions, one per stretch of the list so no two share a
   * cached page, visited in random order. */
  rand = g_rand_new_with_seed ((guint32) opt_seed);
  for (int p = 0; p < opt_pages; p++)
    {
      guint stretch = (n_items - 4 * 64 - PAGE) / (guint) opt_pages;
      guint position = 4 * 64 + (guint) p * stretch + (stretch > 0 ? (guint) g_rand_int_range (rand, 0, (gint32) stretch) : 0);

      g_array_append_val (positions, position);
    }
  for (guint p = positions->len; p > 1; p--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) p);
      guint tmp = g_array_index (positions, guint, p - 1);
      g_array_index (positions, guint, p - 1) = g_array_index (positions, guint, j);
      g_array_index (positions, guint, j) = tmp;
    }
  g_rand_free (rand);

  fetches_before = gx_query_model_get_n_fetches (model);
  for (guint p = 0; p < positions->len; p++)
    {
      guint position = g_array_index (positions, guint, p);
      GString *rowids = g_string_new (NULL);
      double t = now_ms ();

      for (guint i = 0; i < PAGE; i++)
        {
          g_autoptr(GxRow) row = g_list_model_get_item (G_LIST_MODEL (model), position + i);

          g_string_append_printf (rowids, "%s%" G_GINT64_FORMAT, i ? "," : "", gx_row_get_rowid (row));
        }
      t = now_ms () - t;
      g_array_append_val (scroll, t);
      g_ptr_array_add (page_rowids, g_string_free (rowids, FALSE));
    }
  fetches = gx_query_model_get_n_fetches (model) - fetches_before;

  /* (d) The same queries by the sqlite3 shell, less the shell's own start. */
  shell = opt_no_sqlite3 ? NULL : g_find_program_in_path ("sqlite3");
  if (shell != NULL)
    {
      g_autofree char *first_sql = page_sql_for ("SELECT rowid FROM customers ORDER BY sort_key LIMIT " G_STRINGIFY (PAGE));
      double t;

      /* A fresh shell pays for its start and for reading the schema before any query: the
       * first is the empty statement, both together the schema count. Opening is their
       * difference; the queries are charged what they take beyond both. */
      empty = baseline = gx_bench_shell_median (shell, path, ";", 21, &error);
      if (baseline < 0 || (schema = gx_bench_shell_median (shell, path, "SELECT count(*) FROM sqlite_master", 21, &error)) < 0)
        goto fail;
      raw_open = MAX (schema - baseline, 0);
      baseline = schema;

      if ((t = gx_bench_shell_time (shell, path, first_sql, &error)) < 0)
        goto fail;
      raw_first = MAX (t - baseline, 0);

      if ((t = gx_bench_shell_time (shell, path, "SELECT count(*) FROM (" KEYS_SQL ")", &error)) < 0)
        goto fail;
      raw_keys = MAX (t - baseline, 0);

      for (guint p = 0; p < page_rowids->len; p++)
        {
          g_autofree char *by_rowid = page_sql_for (g_ptr_array_index (page_rowids, p));
          g_autofree char *keys = g_strdup_printf (KEYS_SQL " LIMIT %d OFFSET %u", PAGE, g_array_index (positions, guint, p));
          g_autofree char *by_offset = page_sql_for (keys);

          if ((t = gx_bench_shell_time (shell, path, by_rowid, &error)) < 0)
            goto fail;
          t = MAX (t - baseline, 0);
          g_array_append_val (raw_scroll, t);

          /* LIMIT/OFFSET is what a list without a key array would pay; shown for contrast. */
          if (p < 50)
            {
              if ((t = gx_bench_shell_time (shell, path, by_offset, &error)) < 0)
                goto fail;
              t = MAX (t - baseline, 0);
              g_array_append_val (raw_offset, t);
            }
        }
    }

  /* Report. */
  g_print ("\nGuanxi list benchmark: %" G_GINT64_FORMAT " customers, seed %" G_GINT64_FORMAT ", SQLite %s, %u cores\n",
           n_customers, opt_seed, sqlite3_libversion (), g_get_num_processors ());
  g_print ("  file: %s\n", path);
  if (gen_rows > 0)
    g_print ("  generation: %" G_GINT64_FORMAT " rows (customers, contacts, staff) in %.1f s = %.0f rows/s, %.0f customers/s\n",
             gen_rows, gen_seconds, gen_rate, n_customers / gen_seconds);
  else
    g_print ("  generation: reused the existing file\n");
  if (shell != NULL)
    g_print ("  sqlite3 shell: %s, one process per query. Subtracted: its start with an empty\n"
             "  statement (%.2f ms, median of 21) from the open figure; that and the schema read\n"
             "  (SELECT count(*) FROM sqlite_master: %.2f ms, median of 21) from the query figures.\n",
             shell, empty, schema);
  else
    g_print ("  sqlite3 shell: not run\n");

  g_print ("\n  %-34s %12s %12s %10s\n", "ms", "guanxi", "sqlite3", "ratio");
  print_row ("open store (median of 5)", percentile (opens, 50), raw_open);
  print_row ("first page, 50 rows", t_first, raw_first);
  print_row ("full key list (loading → FALSE)", t_keys, raw_keys);
  print_row ("scroll page, 50 rows, p50", percentile (scroll, 50), percentile (raw_scroll, 50));
  print_row ("scroll page, 50 rows, p95", percentile (scroll, 95), percentile (raw_scroll, 95));
  print_row ("scroll page, 50 rows, p99", percentile (scroll, 99), percentile (raw_scroll, 99));
  if (raw_offset->len > 0)
    g_print ("  %-34s %12s %12.3f   (LIMIT 50 OFFSET k, p50 of %u; for contrast)\n",
             "scroll page by OFFSET", "", percentile (raw_offset, 50), raw_offset->len);
  g_print ("\n  scroll: %d pages at random positions, %u page queries by the model (%.2f per page)\n",
           opt_pages, fetches, (double) fetches / opt_pages);
  g_print ("  sqlite3 rows: open = reading the schema; first page = the row query over\n"
           "  ORDER BY sort_key LIMIT 50; key list = SELECT count(*) FROM (" KEYS_SQL ");\n"
           "  scroll = the row query for the page's 50 rowids.\n");

  g_clear_object (&model);
  g_clear_object (&store);
  gx_bench_remove_temporary (tmp_dir, path);
  return 0;

fail:
  g_printerr ("\ngx-bench-lists: %s\n", error ? error->message : "failed");
  g_clear_object (&model);
  g_clear_object (&store);
  gx_bench_remove_temporary (tmp_dir, path);
  return 1;
}
