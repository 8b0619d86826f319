/* test-query-model.c: the lazy list model announces exact changes and builds only pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gx-customer-row.h"
#include "gx-query-model.h"
#include "gx-store.h"
#include "gx-test-util.h"

#define N_CUSTOMERS 1000

typedef struct
{
  guint position, removed, added;
} Change;

typedef struct
{
  GxStore      *store;
  GxQueryModel *model;
  GArray       *changes;
} Fixture;

static gboolean
insert_customers (GxDb      *db,
                  gpointer   user_data,
                  GError   **error)
{
  guint n = GPOINTER_TO_UINT (user_data);
  sqlite3_stmt *stmt = gx_db_prepare (db,
                                      "INSERT INTO customers (id, number, name, sort_key, tier_id, created_at, updated_at)"
                                      " VALUES (?, ?, ?, ?, 'gold', 0, 0)",
                                      error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("c%05u", i * 2);
      g_autofree char *number = g_strdup_printf ("C%08u", i * 2);
      g_autofree char *name = g_strdup_printf ("Customer %05u", i * 2);

      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, number, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, name, -1, SQLITE_TRANSIENT);
      if (!gx_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
run_sql (GxDb      *db,
         gpointer   user_data,
         GError   **error)
{
  return gx_db_exec (db, user_data, error);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Fixture    *fixture)
{
  Change change = { position, removed, added };

  g_array_append_val (fixture->changes, change);
}

static void
wait_loaded (Fixture *fixture)
{
  while (gx_query_model_get_loading (fixture->model))
    g_main_context_iteration (NULL, TRUE);
}

/* Commits, lets the store's notice and the model's reload run, and waits for the keys. */
static void
write_and_settle (Fixture    *fixture,
                  const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gx_store_write_sync (fixture->store, run_sql, (gpointer) sql, &error));
  g_assert_no_error (error);
  /* The changed notice, then the idle reload. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  wait_loaded (fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.sqlite", NULL);
  g_autoptr(GError) error = NULL;

  fixture->store = gx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (gx_store_write_sync (fixture->store, insert_customers, GUINT_TO_POINTER (N_CUSTOMERS), &error));
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  fixture->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  fixture->model = gx_query_model_new (fixture->store, GX_TYPE_CUSTOMER_ROW);
  g_signal_connect (fixture->model, "items-changed", G_CALLBACK (on_items_changed_cb), fixture);
  gx_query_model_set_query (fixture->model, "SELECT rowid FROM customers ORDER BY sort_key", NULL);
  wait_loaded (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->model);
  gx_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_array_unref (fixture->changes);
}

static void
test_first_page_then_rest (Fixture       *fixture,
                           gconstpointer  data)
{
  Change *first, *rest;

  /* The first screen arrived at once, the rest appended: no change ever replaced the start. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, N_CUSTOMERS);
  g_assert_cmpuint (fixture->changes->len, ==, 2);
  first = &g_array_index (fixture->changes, Change, 0);
  rest = &g_array_index (fixture->changes, Change, 1);
  g_assert_cmpuint (first->position, ==, 0);
  g_assert_cmpuint (first->removed, ==, 0);
  g_assert_cmpuint (first->added, ==, 128);
  g_assert_cmpuint (rest->position, ==, 128);
  g_assert_cmpuint (rest->removed, ==, 0);
  g_assert_cmpuint (rest->added, ==, N_CUSTOMERS - 128);
}

static void
test_pages_on_demand (Fixture       *fixture,
                      gconstpointer  data)
{
  guint before = gx_query_model_get_n_fetches (fixture->model);
  g_autoptr(GxRow) first = NULL;
  g_autoptr(GxRow) far = NULL;
  g_autofree char *name = NULL;

  /* One page query builds 64 rows; asking again costs nothing. */
  for (guint i = 0; i < 64; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (fixture->model), i);
      g_assert_nonnull (row);
    }
  g_assert_cmpuint (gx_query_model_get_n_fetches (fixture->model), ==, before + 1);

  first = g_list_model_get_item (G_LIST_MODEL (fixture->model), 0);
  g_object_get (first, "name", &name, NULL);
  g_assert_cmpstr (name, ==, "Customer 00000");
  g_assert_cmpuint (gx_query_model_get_n_fetches (fixture->model), ==, before + 1);

  far = g_list_model_get_item (G_LIST_MODEL (fixture->model), 900);
  g_assert_cmpuint (gx_query_model_get_n_fetches (fixture->model), ==, before + 2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (fixture->model), N_CUSTOMERS));
}

static void
test_insert_is_one_added (Fixture       *fixture,
                          gconstpointer  data)
{
  Change *change;

  g_array_set_size (fixture->changes, 0);
  /* Sorts between Customer 00100 and Customer 00102, i.e. at position 51. */
  write_and_settle (fixture, "INSERT INTO customers (id, number, name, sort_key, created_at, updated_at)"
                             " VALUES ('new', 'C99999999', 'Customer 00101', 'Customer 00101', 0, 0)");

  g_assert_cmpuint (fixture->changes->len, ==, 1);
  change = &g_array_index (fixture->changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 51);
  g_assert_cmpuint (change->removed, ==, 0);
  g_assert_cmpuint (change->added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, N_CUSTOMERS + 1);
}

static void
test_delete_is_one_removed (Fixture       *fixture,
                            gconstpointer  data)
{
  Change *change;

  g_array_set_size (fixture->changes, 0);
  write_and_settle (fixture, "DELETE FROM customers WHERE id = 'c00200'");

  g_assert_cmpuint (fixture->changes->len, ==, 1);
  change = &g_array_index (fixture->changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 100);
  g_assert_cmpuint (change->removed, ==, 1);
  g_assert_cmpuint (change->added, ==, 0);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
test_edit_refills_in_place (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (fixture->model), 3);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *tier = NULL;

  g_signal_connect (row, "notify", G_CALLBACK (on_notify_cb), names);
  g_array_set_size (fixture->changes, 0);

  /* An edit that keeps the order: the shown row changes, the list does not. */
  write_and_settle (fixture, "UPDATE customers SET tier_id = 'diamond' WHERE id = 'c00006'");

  g_assert_cmpuint (fixture->changes->len, ==, 0);
  g_object_get (row, "tier-name", &tier, NULL);
  g_assert_cmpstr (tier, ==, "Diamond");
  g_assert_true (g_ptr_array_find_with_equal_func (names, "tier", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (names, "tier-name", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (names, "name", g_str_equal, NULL));
}

static void
test_new_query_smallest_change (Fixture       *fixture,
                                gconstpointer  data)
{
  Change *change;

  /* Narrowing keeps the common start: only the tail goes. */
  g_array_set_size (fixture->changes, 0);
  gx_query_model_set_query (fixture->model,
                            "SELECT rowid FROM customers WHERE name < 'Customer 00200' ORDER BY sort_key", NULL);
  wait_loaded (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 100);
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  change = &g_array_index (fixture->changes, Change, 0);
  g_assert_cmpuint (change->position, ==, 100);
  g_assert_cmpuint (change->removed, ==, N_CUSTOMERS - 100);
  g_assert_cmpuint (change->added, ==, 0);

  /* Parameters are bound, never spliced into the SQL. */
  g_array_set_size (fixture->changes, 0);
  gx_query_model_set_query (fixture->model, "SELECT rowid FROM customers WHERE name = ? ORDER BY sort_key",
                            g_variant_new ("(s)", "Customer 00004' OR '1'='1"));
  wait_loaded (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->model)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/query-model/first-page-then-rest", Fixture, NULL, fixture_set_up, test_first_page_then_rest, fixture_tear_down);
  g_test_add ("/core/query-model/pages-on-demand", Fixture, NULL, fixture_set_up, test_pages_on_demand, fixture_tear_down);
  g_test_add ("/core/query-model/insert-is-one-added", Fixture, NULL, fixture_set_up, test_insert_is_one_added, fixture_tear_down);
  g_test_add ("/core/query-model/delete-is-one-removed", Fixture, NULL, fixture_set_up, test_delete_is_one_removed, fixture_tear_down);
  g_test_add ("/core/query-model/edit-refills-in-place", Fixture, NULL, fixture_set_up, test_edit_refills_in_place, fixture_tear_down);
  g_test_add ("/core/query-model/new-query-smallest-change", Fixture, NULL, fixture_set_up, test_new_query_smallest_change, fixture_tear_down);

  return g_test_run ();
}
