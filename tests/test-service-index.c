/* test-service-index.c: the service index of docs/service-index.md, and the factor tree's
 * editing rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gx-record.h"
#include "gx-service-factors.h"
#include "gx-service-index.h"
#include "gx-store.h"
#include "gx-test-util.h"

#define EPSILON 1e-9

static void
assert_factor (GxServiceIndex *index,
               const char     *id,
               double          frequency,
               double          consequence,
               double          value)
{
  const GxServiceFactor *f = gx_service_index_find (index, id);

  g_assert_nonnull (f);
  g_assert_cmpfloat_with_epsilon (f->frequency, frequency, EPSILON);
  g_assert_cmpfloat_with_epsilon (f->consequence, consequence, EPSILON);
  g_assert_cmpfloat_with_epsilon (f->index, value, EPSILON);
}

/* The worked example of docs/service-index.md, number for number. */
static void
test_worked_example (void)
{
  g_autoptr(GxServiceIndex) index = gx_service_index_new ();
  const GxServiceFactor *f;
  const char *order[] = { "process", "speed", "result", "staff", "attitude", "communication", "environment" };

  gx_service_index_add_factor (index, "environment", NULL, "environment", 3);
  gx_service_index_add_factor (index, "speed", "process", "speed", 1);
  gx_service_index_add_factor (index, "result", "process", "result", 2);
  gx_service_index_add_factor (index, "attitude", "staff", "attitude", 1);
  gx_service_index_add_factor (index, "communication", "staff", "communication", 2);
  gx_service_index_add_factor (index, "process", NULL, "process", 1);
  gx_service_index_add_factor (index, "staff", NULL, "staff", 2);

  /* n and the sum of the scores: 40 × 3.5, 30 × 2.6, 20 × 4.5, 10 × 2.0, 5 × 4.0. */
  g_assert_true (gx_service_index_add_scores (index, "speed", 40, 140));
  g_assert_true (gx_service_index_add_scores (index, "result", 30, 78));
  g_assert_true (gx_service_index_add_scores (index, "attitude", 20, 90));
  g_assert_true (gx_service_index_add_scores (index, "communication", 10, 20));
  g_assert_true (gx_service_index_add_scores (index, "environment", 5, 20));
  g_assert_false (gx_service_index_add_scores (index, "parking", 3, 12));
  gx_service_index_compute (index, 50);

  assert_factor (index, "speed", 0.80, 0.25, 0.20);
  assert_factor (index, "result", 0.60, -0.20, -0.12);
  assert_factor (index, "attitude", 0.40, 0.75, 0.30);
  assert_factor (index, "communication", 0.20, -0.50, -0.10);
  assert_factor (index, "environment", 0.10, 0.50, 0.05);

  f = gx_service_index_find (index, "process");
  g_assert_true (f->composite);
  g_assert_cmpfloat_with_epsilon (f->index, 0.08, EPSILON);
  g_assert_cmpint (f->subtree_n, ==, 70);
  f = gx_service_index_find (index, "staff");
  g_assert_cmpfloat_with_epsilon (f->index, 0.20, EPSILON);

  /* The tree in reading order: parents before their parts, siblings by position. */
  g_assert_cmpuint (index->factors->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (((GxServiceFactor *) g_ptr_array_index (index->factors, i))->id, ==, order[i]);
  g_assert_cmpuint (gx_service_index_find (index, "result")->depth, ==, 1);

  g_assert_cmpfloat_with_epsilon (gx_service_consequence (5), 1.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (gx_service_consequence (1), -1.0, EPSILON);
}

static void
test_composite_with_own_scores_and_broken_tree (void)
{
  g_autoptr(GxServiceIndex) index = gx_service_index_new ();

  /* "staff" was scored before it got parts: its own scores are one more term. */
  gx_service_index_add_factor (index, "staff", NULL, "staff", 1);
  gx_service_index_add_factor (index, "attitude", "staff", "attitude", 1);
  /* A loop and a missing parent, as old data might hold: both become top-level. */
  gx_service_index_add_factor (index, "a", "b", "a", 2);
  gx_service_index_add_factor (index, "b", "a", "b", 3);
  gx_service_index_add_factor (index, "orphan", "gone", "orphan", 4);
  gx_service_index_add_scores (index, "staff", 2, 10);     /* two 5s */
  gx_service_index_add_scores (index, "attitude", 2, 2);   /* two 1s */
  gx_service_index_add_scores (index, "orphan", 1, 4);
  gx_service_index_compute (index, 4);

  /* staff: own 2/4 × 1 = 0.5; attitude 2/4 × −1 = −0.5; sum 0. */
  g_assert_cmpfloat_with_epsilon (gx_service_index_find (index, "staff")->index, 0.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (gx_service_index_find (index, "attitude")->index, -0.5, EPSILON);
  g_assert_cmpuint (index->factors->len, ==, 5);
  g_assert_cmpuint (gx_service_index_find (index, "orphan")->depth, ==, 0);
  g_assert_cmpfloat_with_epsilon (gx_service_index_find (index, "orphan")->index, 0.125, EPSILON);

  /* No visits: every figure is zero, nothing divides by it. */
  gx_service_index_compute (index, 0);
  g_assert_cmpfloat_with_epsilon (gx_service_index_find (index, "staff")->frequency, 0.0, EPSILON);
}

/* Editing the tree in a store */

typedef struct
{
  GxStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (gx_test_make_dir (), "desk.sqlite", NULL);
  g_autoptr(GError) error = NULL;

  fixture->store = gx_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gx_store_close (fixture->store);
  g_clear_object (&fixture->store);
}

typedef enum { ADD, RENAME, MOVE, UP, DOWN, REMOVE } Op;

typedef struct
{
  Op          op;
  const char *id;
  const char *arg;
  char       *new_id;
} Edit;

static gboolean
do_edit (GxDb      *db,
         gpointer   data,
         GError   **error)
{
  Edit *e = data;
  GxWriteMeta meta = { .now = GX_TEST_NOW, .user_id = NULL };

  switch (e->op)
    {
    case ADD:
      return gx_service_factor_add (db, e->id, e->arg, &meta, &e->new_id, error);
    case RENAME:
      return gx_service_factor_rename (db, e->id, e->arg, &meta, error);
    case MOVE:
      return gx_service_factor_move (db, e->id, e->arg, &meta, error);
    case UP:
      return gx_service_factor_reorder (db, e->id, -1, &meta, error);
    case DOWN:
      return gx_service_factor_reorder (db, e->id, 1, &meta, error);
    case REMOVE:
    default:
      return gx_service_factor_remove (db, e->id, &meta, error);
    }
}

static char *
edit (Fixture     *fixture,
      Op           op,
      const char  *id,
      const char  *arg,
      GError     **error)
{
  Edit e = { op, id, arg, NULL };

  if (!gx_store_write_sync (fixture->store, do_edit, &e, error))
    return NULL;
  return e.new_id ? e.new_id : g_strdup (id);
}

static char *
query (Fixture    *fixture,
       const char *sql,
       const char *id)
{
  return gx_db_query_string (gx_store_get_main_reader (fixture->store), sql, g_variant_new ("(s)", id), NULL);
}

static char *
tree_order (Fixture *fixture)
{
  g_autoptr(GxServiceIndex) index = gx_service_index_new ();
  GString *names = g_string_new (NULL);

  g_assert_true (gx_service_index_load_tree (index, gx_store_get_main_reader (fixture->store), NULL));
  gx_service_index_compute (index, 0);
  for (guint i = 0; i < index->factors->len; i++)
    {
      GxServiceFactor *f = g_ptr_array_index (index->factors, i);
      g_string_append_printf (names, "%s%s%s", i ? " " : "", f->depth ? "-" : "", f->name);
    }
  return g_string_free (names, FALSE);
}

static void
test_edit_tree (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *staff = NULL;
  g_autofree char *queue = NULL;
  g_autofree char *order = NULL;
  g_autofree char *outbox = NULL;

  /* The reference tree, top-level, in its order (English labels under TZ=UTC, LANG=C). */
  order = tree_order (fixture);
  g_assert_cmpstr (order, ==, "Speed Attitude Result Communication Environment");
  g_clear_pointer (&order, g_free);

  /* Group attitude and communication under a new "Staff". */
  staff = edit (fixture, ADD, NULL, "  Staff ", &error);
  g_assert_no_error (error);
  g_free (edit (fixture, MOVE, "attitude", staff, &error));
  g_assert_no_error (error);
  g_free (edit (fixture, MOVE, "communication", staff, &error));
  g_assert_no_error (error);
  order = tree_order (fixture);
  g_assert_cmpstr (order, ==, "Speed Result Environment Staff -Attitude -Communication");
  g_clear_pointer (&order, g_free);

  /* Communication before attitude; then staff to the top. */
  g_free (edit (fixture, UP, "communication", NULL, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 5; i++)
    g_free (edit (fixture, UP, staff, NULL, &error));
  g_assert_no_error (error);
  order = tree_order (fixture);
  g_assert_cmpstr (order, ==, "Staff -Communication -Attitude Speed Result Environment");
  g_clear_pointer (&order, g_free);

  /* A renamed reference factor shows its new name. */
  g_free (edit (fixture, RENAME, "speed", "Response speed", &error));
  g_assert_no_error (error);
  order = tree_order (fixture);
  g_assert_cmpstr (order, ==, "Staff -Communication -Attitude Response speed Result Environment");

  /* Every edit is queued for the server like any record. */
  outbox = query (fixture, "SELECT fields FROM outbox WHERE kind = 'service_factor' AND record_id = ?"
                           " ORDER BY seq LIMIT 1", staff);
  g_assert_nonnull (strstr (outbox, "\"name\":\"Staff\""));
}

static void
test_rules_refuse (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *staff = edit (fixture, ADD, NULL, "Staff", &error);
  g_autofree char *name = NULL;
  g_autofree char *parent = NULL;

  g_assert_no_error (error);
  g_free (edit (fixture, MOVE, "attitude", staff, &error));
  g_assert_no_error (error);

  /* No loops: staff cannot become part of attitude, which is part of staff. */
  g_assert_null (edit (fixture, MOVE, staff, "attitude", &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_INVALID);
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "parent_id");
  g_clear_error (&error);
  g_assert_null (edit (fixture, MOVE, staff, staff, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "parent_id");
  g_clear_error (&error);
  g_assert_null (edit (fixture, MOVE, staff, "nowhere", &error));
  g_clear_error (&error);

  /* A name, and not one a sibling has already. */
  g_assert_null (edit (fixture, RENAME, "speed", "   ", &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "name");
  g_clear_error (&error);
  g_assert_null (edit (fixture, ADD, NULL, "speed", &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "name");
  g_clear_error (&error);

  /* A factor with parts, or with scores, stays. */
  g_assert_null (edit (fixture, REMOVE, staff, NULL, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing refused was written. */
  parent = query (fixture, "SELECT parent_id FROM service_factors WHERE id = ?", staff);
  g_assert_null (parent);
  name = query (fixture, "SELECT name FROM service_factors WHERE id = ?", "speed");
  g_assert_cmpstr (name, ==, "Speed");

  /* A leaf without scores goes. */
  g_free (edit (fixture, REMOVE, "environment", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (fixture->store),
                                    "SELECT count(*) FROM service_factors WHERE id = 'environment'", NULL, -1, NULL), ==, 0);

  g_assert_true (gx_service_factors_may_edit (GX_ROLE_SUPERVISOR));
  g_assert_true (gx_service_factors_may_edit (GX_ROLE_ADMIN));
  g_assert_false (gx_service_factors_may_edit (GX_ROLE_DESK));
  g_assert_false (gx_service_factors_may_edit (GX_ROLE_RELATIONSHIP));
}

static gboolean
score_speed (GxDb      *db,
             gpointer   data,
             GError   **error)
{
  return gx_db_exec (db,
                     "INSERT INTO customers (id, number, name, created_at, updated_at) VALUES ('c', 'C', '王伟', 0, 0);"
                     "INSERT INTO cases (id, number, customer_id, channel, subject, received_at, created_at, updated_at)"
                     " VALUES ('k', 'K', 'c', 'hotline', 's', 0, 0, 0);"
                     "INSERT INTO return_visits (id, case_id, scheduled_at, done_at, overall) VALUES ('v', 'k', 0, 1, 4);"
                     "INSERT INTO return_visit_scores (id, return_visit_id, factor_id, score) VALUES ('s', 'v', 'speed', 4);",
                     error);
}

static void
test_scored_factor_stays (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gx_store_write_sync (fixture->store, score_speed, NULL, &error));
  g_assert_null (edit (fixture, REMOVE, "speed", NULL, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "rename it or move it"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/service-index/worked-example", test_worked_example);
  g_test_add_func ("/core/service-index/composite-own-scores-and-broken-tree", test_composite_with_own_scores_and_broken_tree);
  g_test_add ("/core/service-index/edit-tree", Fixture, NULL, fixture_set_up, test_edit_tree, fixture_tear_down);
  g_test_add ("/core/service-index/rules-refuse", Fixture, NULL, fixture_set_up, test_rules_refuse, fixture_tear_down);
  g_test_add ("/core/service-index/scored-factor-stays", Fixture, NULL, fixture_set_up, test_scored_factor_stays, fixture_tear_down);

  return g_test_run ();
}
