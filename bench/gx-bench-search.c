/* gx-bench-search.c: every keystroke of a customer search at a million customers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates N customers (customers-only demo data) into a temporary or given file, builds a
 * fixed mix of what desks type — two-character Chinese names, a surname alone, pinyin
 * initials, joined and spaced pinyin, phone beginnings and endings, customer numbers, ID-number
 * tails, a company word, single letters — taken from the data itself, and types each one a
 * character at a time. For every keystroke it times what the list does before the user sees
 * results: the capped count, the keys query on the model's worker thread, and the first 25
 * rows. The same two queries run by the sqlite3 shell on the same file give the raw limit.
 * It prints figures and asserts nothing about time.
 */

#define G_LOG_DOMAIN "gx-bench-search"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "gx-clock.h"
#include "gx-customer-row.h"
#include "gx-customer-search.h"
#include "gx-demo.h"
#include "gx-query-model.h"
#include "gx-store.h"
#include "gx-bench-util.h"

#define VISIBLE 25
#define BENCH_NOW G_GINT64_CONSTANT (1795312800)

static int opt_customers = 1000000;
static char *opt_db = NULL;
static gint64 opt_seed = 1;
static gboolean opt_no_sqlite3 = FALSE;

static const GOptionEntry entries[] = {
  { "customers", 'n', 0, G_OPTION_ARG_INT, &opt_customers, "Customers to generate (default 1,000,000)", "N" },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "Use this file: reuse it when it has customers, else generate into it and keep it", "PATH" },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &opt_seed, "Seed of the generator (default 1)", "SEED" },
  { "no-sqlite3", 0, 0, G_OPTION_ARG_NONE, &opt_no_sqlite3, "Skip the sqlite3 shell comparison", NULL },
  { NULL }
};

typedef struct
{
  const char *kind;     /* the class of query, for the report */
  char       *text;     /* what is typed in full */
} Query;

typedef struct
{
  const char *kind;
  char       *typed;    /* the text after this keystroke */
  double      ours;     /* ms until the first rows are there */
  double      core;     /* ms of the count and keys queries alone */
  double      raw;      /* ms the sqlite3 shell takes for the same two queries */
  guint       n_rows;
} Keystroke;

static gboolean
generate (const char  *path,
          double      *seconds,
          GError     **error)
{
  g_autoptr(GxClock) clock = gx_clock_new_fixed (BENCH_NOW);
  GxDemoOptions options = {
    .seed = (guint64) opt_seed,
    .n_customers = (guint) opt_customers,
    .clock = clock,
    .customers_only = TRUE,
  };

  return gx_bench_generate (path, &options, seconds, error);
}

/* The query mix ---------------------------------------------------------------------------- */

static void
add_queries (GPtrArray   *queries,
             GxDb        *db,
             const char  *kind,
             const char  *sql,
             int          n)
{
  sqlite3_stmt *stmt = gx_db_prepare (db, sql, NULL);

  sqlite3_bind_int (stmt, 1, n);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      Query *q = g_new0 (Query, 1);

      q->kind = kind;
      q->text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      g_ptr_array_add (queries, q);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

static void
query_free (gpointer data)
{
  Query *q = data;

  g_free (q->text);
  g_free (q);
}

/* Taken from the data with fixed rules, so two runs on the same file type the same things.
 * Rows are picked by rowid steps across the whole table, not the first ones. */
static GPtrArray *
query_mix (GxDb *db)
{
  GPtrArray *queries = g_ptr_array_new_with_free_func (query_free);
  const char *picks = "FROM customers WHERE rowid % 9973 = 1";

  g_autofree char *names2 = g_strdup_printf ("SELECT name %s AND kind = 'individual' AND length (name) = 2 AND unicode (name) > 19968 LIMIT ?", picks);
  g_autofree char *names3 = g_strdup_printf ("SELECT name %s AND kind = 'individual' AND length (name) = 3 AND unicode (name) > 19968 LIMIT ?", picks);
  g_autofree char *surnames = g_strdup_printf ("SELECT DISTINCT substr (name, 1, 1) %s AND kind = 'individual' AND unicode (name) > 19968 LIMIT ?", picks);
  g_autofree char *initials = g_strdup_printf ("SELECT name_initials %s AND kind = 'individual' AND unicode (name) > 19968 LIMIT ?", picks);
  g_autofree char *joined = g_strdup_printf ("SELECT replace (name_pinyin, ' ', '') %s AND kind = 'individual' AND unicode (name) > 19968 LIMIT ?", picks);
  g_autofree char *spaced = g_strdup_printf ("SELECT name_pinyin %s AND kind = 'individual' AND unicode (name) > 19968 AND rowid %% 2 = 1 LIMIT ?", picks);
  g_autofree char *numbers = g_strdup_printf ("SELECT number %s LIMIT ?", picks);
  g_autofree char *ids = g_strdup_printf ("SELECT substr (id_number, -4) %s AND id_type = 'resident' AND id_number IS NOT NULL LIMIT ?", picks);
  g_autofree char *companies = g_strdup_printf ("SELECT substr (name, 1, 2) %s AND kind = 'enterprise' AND unicode (name) > 19968 LIMIT ?", picks);

  add_queries (queries, db, "2-character Chinese name", names2, 12);
  add_queries (queries, db, "3-character Chinese name", names3, 6);
  add_queries (queries, db, "surname alone", surnames, 6);
  add_queries (queries, db, "pinyin initials", initials, 10);
  add_queries (queries, db, "pinyin, joined", joined, 8);
  add_queries (queries, db, "pinyin, spaced", spaced, 4);
  add_queries (queries, db, "phone, first digits",
               "SELECT substr (value, 1, 7) FROM customer_contacts WHERE kind = 'mobile' AND rowid % 7919 = 3 LIMIT ?", 6);
  add_queries (queries, db, "phone, last 4 digits",
               "SELECT substr (value, -4) FROM customer_contacts WHERE kind = 'mobile' AND rowid % 7919 = 5 LIMIT ?", 6);
  add_queries (queries, db, "customer number", numbers, 6);
  add_queries (queries, db, "ID number, last 4", ids, 6);
  add_queries (queries, db, "company word", companies, 4);
  {
    const char *letters[] = { "w", "z", "l", "c" };

    for (guint i = 0; i < G_N_ELEMENTS (letters); i++)
      {
        Query *q = g_new0 (Query, 1);
        q->kind = "single letter";
        q->text = g_strdup (letters[i]);
        g_ptr_array_add (queries, q);
      }
  }

  return queries;
}

/* The sqlite3 shell ------------------------------------------------------------------------ */

static int
compare_slowest (gconstpointer a,
                 gconstpointer b)
{
  const Keystroke *x = *(Keystroke * const *) a, *y = *(Keystroke * const *) b;

  return x->ours < y->ours ? 1 : x->ours > y->ours ? -1 : 0;
}

/* Typing ----------------------------------------------------------------------------------- */

static gboolean
type_one (GxStore        *store,
          GxQueryModel   *model,
          const char     *typed,
          Keystroke      *k,
          char          **shell_sql)
{
  GxDb *db = gx_store_get_main_reader (store);
  GxCustomerQuery query = { .text = typed };
  g_autoptr(GVariant) params = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *match = NULL;
  double t0, t_core;
  gint64 count;

  /* What the view does on a keystroke: the capped count and the keys query. */
  t0 = now_ms ();
  count = gx_customer_search_count (db, typed, GX_CUSTOMER_SEARCH_CAP + 1, NULL);
  sql = gx_customer_search_keys_sql (db, &query, &params);
  gx_query_model_set_query (model, sql, params ? g_variant_ref (params) : NULL);
  while (gx_query_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < VISIBLE && i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (model), i);
    }
  k->ours = now_ms () - t0;
  k->n_rows = g_list_model_get_n_items (G_LIST_MODEL (model));

  /* The same two queries without the model, on this thread. */
  t0 = now_ms ();
  {
    sqlite3_stmt *stmt = gx_db_prepare (db, sql, NULL);
    guint n = 0;

    gx_db_bind_variant (stmt, params, NULL);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      n++;
    sqlite3_reset (stmt);
    count += gx_customer_search_count (db, typed, GX_CUSTOMER_SEARCH_CAP + 1, NULL);
  }
  t_core = now_ms () - t0;
  k->core = t_core;

  match = gx_customer_search_match (typed);
  if (match != NULL)
    {
      g_autofree char *keys = gx_bench_inline_params (sql, params);
      g_autofree char *quoted = g_strjoinv ("''", g_strsplit (match, "'", -1));

      *shell_sql = g_strdup_printf ("SELECT count(*) FROM (SELECT 1 FROM customer_search WHERE customer_search MATCH '%s' LIMIT %d);"
                                    " SELECT count(*) FROM (%s);",
                                    quoted, GX_CUSTOMER_SEARCH_CAP + 1, keys);
    }
  return count >= 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time every keystroke of a customer search");
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = NULL;
  g_autoptr(GxQueryModel) model = NULL;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GArray) keystrokes = g_array_new (FALSE, TRUE, sizeof (Keystroke));
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  g_autofree char *tmp_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shell = NULL;
  double gen_seconds = 0, baseline = 0;
  gint64 n_customers;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (opt_db != NULL)
    path = g_strdup (opt_db);
  else
    {
      tmp_dir = g_dir_make_tmp ("gx-bench-search-XXXXXX", &error);
      if (tmp_dir == NULL)
        goto fail;
      path = g_build_filename (tmp_dir, "customers.sqlite", NULL);
    }

  n_customers = 0;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      store = gx_store_open (path, &error);
      if (store == NULL)
        goto fail;
      n_customers = gx_db_query_int (gx_store_get_main_reader (store), "SELECT count(*) FROM customers", NULL, 0, NULL);
      g_clear_object (&store);
    }
  if (n_customers == 0)
    {
      if (!generate (path, &gen_seconds, &error))
        goto fail;
      n_customers = opt_customers;
    }

  store = gx_store_open (path, &error);
  if (store == NULL)
    goto fail;
  model = gx_query_model_new (store, GX_TYPE_CUSTOMER_ROW);
  queries = query_mix (gx_store_get_main_reader (store));

  shell = opt_no_sqlite3 ? NULL : g_find_program_in_path ("sqlite3");
  if (shell != NULL)
    {
      g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));

      /* The shell's start and schema read, charged to no query. */
      for (int i = 0; i < 21; i++)
        {
          double t = gx_bench_shell_time (shell, path, "SELECT count(*) FROM sqlite_master", &error);
          if (t < 0)
            goto fail;
          g_array_append_val (runs, t);
        }
      baseline = percentile (runs, 50);
    }

  /* Type every query, one character at a time, after clearing the field. */
  for (guint q = 0; q < queries->len; q++)
    {
      Query *query = g_ptr_array_index (queries, q);
      const char *end = query->text;

      if (!g_ptr_array_find (kinds, query->kind, NULL))
        g_ptr_array_add (kinds, (gpointer) query->kind);

      {
        Keystroke clear = { 0 };
        g_autofree char *unused = NULL;
        type_one (store, model, "", &clear, &unused);
      }

      while (*end)
        {
          Keystroke k = { query->kind };
          g_autofree char *shell_sql = NULL;

          end = g_utf8_next_char (end);
          if (*end == ' ')
            continue;
          k.typed = g_strndup (query->text, (gsize) (end - query->text));
          if (!type_one (store, model, k.typed, &k, &shell_sql))
            {
              g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "the search for “%s” failed", k.typed);
              goto fail;
            }
          k.raw = -1;
          if (shell != NULL && shell_sql != NULL)
            {
              double t = gx_bench_shell_time (shell, path, shell_sql, &error);
              if (t < 0)
                goto fail;
              k.raw = MAX (t - baseline, 0);
            }
          g_array_append_val (keystrokes, k);
        }
    }

  /* Report. */
  g_print ("\nGuanxi search benchmark: %" G_GINT64_FORMAT " customers, seed %" G_GINT64_FORMAT ", SQLite %s, %u cores\n",
           n_customers, opt_seed, sqlite3_libversion (), g_get_num_processors ());
  g_print ("  file: %s\n", path);
  if (gen_seconds > 0)
    g_print ("  generation (customers-only demo data, with the search index): %.1f s, %.0f customers/s\n",
             gen_seconds, n_customers / gen_seconds);
  else
    g_print ("  generation: reused the existing file\n");
  g_print ("  %u queries typed a character at a time: %u keystrokes\n", queries->len, keystrokes->len);
  if (shell != NULL)
    g_print ("  sqlite3: %s, one process per keystroke running the capped count and the keys query;\n"
             "  its start and schema read (%.2f ms, median of 21) are subtracted.\n", shell, baseline);
  g_print ("  guanxi = count + keys query on the model's worker + the first %d rows built (what the\n"
           "  list shows); core = the same two queries alone on one connection.\n\n", VISIBLE);

  g_print ("  %-26s %6s %8s %8s %8s %8s %8s %9s %9s\n", "ms per keystroke", "n", "p50", "p95", "p99", "max",
           "core p99", "sqlite3", "p99 ratio");
  for (guint c = 0; c <= kinds->len; c++)
    {
      const char *kind = c < kinds->len ? g_ptr_array_index (kinds, c) : NULL;
      g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) core = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (double));
      double p99, raw99;

      for (guint i = 0; i < keystrokes->len; i++)
        {
          Keystroke *k = &g_array_index (keystrokes, Keystroke, i);

          if (kind != NULL && g_strcmp0 (k->kind, kind) != 0)
            continue;
          g_array_append_val (ours, k->ours);
          g_array_append_val (core, k->core);
          if (k->raw >= 0)
            g_array_append_val (raw, k->raw);
        }
      if (ours->len == 0)
        continue;

      p99 = percentile (ours, 99);
      raw99 = percentile (raw, 99);
      if (kind == NULL)
        g_print ("  %s\n", "-----------------------------------------------------------------------------------------------");
      g_print ("  %-26s %6u %8.2f %8.2f %8.2f %8.2f %8.2f",
               kind ? kind : "all keystrokes", ours->len, percentile (ours, 50), percentile (ours, 95), p99,
               percentile (ours, 100), percentile (core, 99));
      if (raw->len > 0 && raw99 > 0)
        g_print (" %9.2f %8.1f×\n", raw99, p99 / raw99);
      else if (raw->len > 0)
        g_print (" %9s %9s\n", "<noise", "—");
      else
        g_print ("\n");
    }

  g_print ("\n  the slowest keystrokes:\n");
  {
    g_autoptr(GPtrArray) order = g_ptr_array_new ();

    for (guint i = 0; i < keystrokes->len; i++)
      g_ptr_array_add (order, &g_array_index (keystrokes, Keystroke, i));
    g_ptr_array_sort (order, compare_slowest);
    for (guint i = 0; i < 5 && i < order->len; i++)
      {
        Keystroke *k = order->pdata[i];
        g_print ("    %-24s %-18s %8.2f ms, %u rows listed\n", k->typed, k->kind, k->ours, k->n_rows);
      }
  }

  for (guint i = 0; i < keystrokes->len; i++)
    g_free (g_array_index (keystrokes, Keystroke, i).typed);
  g_clear_object (&model);
  g_clear_object (&store);
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
  g_printerr ("\ngx-bench-search: %s\n", error ? error->message : "failed");
  return 1;
}
