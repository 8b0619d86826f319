/* test-case-category.c: the editable list of complaint categories — add, rename, reorder,
 * retire and offer again, and the rule that holds on every write of one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gx-case-category.h"
#include "gx-case.h"
#include "gx-store.h"
#include "gx-test-util.h"
#include "gx-uuid.h"

#define SUP "00000000-0000-7000-8000-000000000002"
#define DESK "00000000-0000-7000-8000-000000000001"

typedef struct
{
  GxStore *store;
  char    *customer_id;
} Fixture;

typedef enum
{
  OP_SQL,
  OP_ADD,
  OP_RENAME,
  OP_REORDER,
  OP_ACTIVE,
  OP_DELETE,
  OP_INTAKE,
} OpKind;

typedef struct
{
  OpKind      kind;
  const char *sql;
  const char *id;
  const char *name;
  int         direction;
  gboolean    active;
  const char *customer_id;
  char       *out_id;
} Op;

static gboolean
run_op (GxDb      *db,
        gpointer   data,
        GError   **error)
{
  Op *op = data;
  GxWriteMeta meta = { .now = GX_TEST_NOW, .user_id = op->kind == OP_INTAKE ? DESK : SUP };

  switch (op->kind)
    {
    case OP_SQL:
      return gx_db_exec (db, op->sql, error);
    case OP_ADD:
      return gx_case_category_add (db, op->name, &meta, &op->out_id, error);
    case OP_RENAME:
      return gx_case_category_rename (db, op->id, op->name, &meta, error);
    case OP_REORDER:
      return gx_case_category_reorder (db, op->id, op->direction, &meta, error);
    case OP_ACTIVE:
      return gx_case_category_set_active (db, op->id, op->active, &meta, error);
    case OP_DELETE:
      return gx_record_delete (db, "case_category", op->id, &meta, error);
    case OP_INTAKE:
      {
        GxCaseIntake intake = {
          .customer_id = op->customer_id, .channel = "counter", .category_id = op->id,
          .description = "营业厅叫号系统故障，排队一个小时",
        };
        return gx_case_intake (db, &intake, &meta, &op->out_id, error);
      }
    default:
      g_assert_not_reached ();
    }
}

static gboolean
apply (Fixture  *fixture,
       Op       *op,
       GError  **error)
{
  return gx_store_write_sync (fixture->store, run_op, op, error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  Op op = { OP_SQL };

  fixture->store = gx_store_open (path, &error);
  g_assert_no_error (error);

  fixture->customer_id = gx_uuid_v7_new ();
  sql = g_strdup_printf ("INSERT INTO users (id, username, display_name, role, team) VALUES"
                         " ('" SUP "', 'zhangmin', '张敏', 'supervisor', 'centre'),"
                         " ('" DESK "', 'lina', '李娜', 'desk', 'counter');"
                         "INSERT INTO customers (id, number, name, name_pinyin, name_initials, created_at, updated_at)"
                         " VALUES ('%s', 'C00000001', '曾伟', 'zeng wei', 'zw', 0, 0);"
                         "DELETE FROM outbox;",
                         fixture->customer_id);
  op.sql = sql;
  g_assert_true (apply (fixture, &op, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gx_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->customer_id, g_free);
}

/* The names offered at intake, in their order, joined by "|". */
static char *
offered (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = gx_case_categories_load (gx_store_get_main_reader (fixture->store), FALSE, &error);
  g_autoptr(GString) names = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < categories->len; i++)
    g_string_append_printf (names, "%s%s", i ? "|" : "", ((GxCaseCategory *) g_ptr_array_index (categories, i))->name);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
assert_refused (GError     *error,
                const char *field)
{
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_INVALID);
  g_assert_cmpstr (gx_record_error_get_field (error), ==, field);
}

/* A supervisor adds a category; it is offered last, synced, and a complaint can carry it. */
static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  Op add = { OP_ADD, .name = "  网点环境 " };
  Op intake = { OP_INTAKE, .customer_id = fixture->customer_id };

  g_assert_true (apply (fixture, &add, &error));
  g_assert_no_error (error);
  names = offered (fixture);
  g_assert_cmpstr (names, ==, "Product or supply quality|Staff attitude|Slow service|Poor work quality|"
                              "Poor communication|Billing|Other|网点环境");
  g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (fixture->store),
                                    "SELECT count(*) FROM outbox WHERE kind = 'case_category' AND record_id = ?",
                                    g_variant_new ("(s)", add.out_id), 0, NULL), ==, 1);

  intake.id = add.out_id;
  g_assert_true (apply (fixture, &intake, &error));
  g_assert_no_error (error);
  g_free (intake.out_id);
  g_free (add.out_id);
}

/* Blank, too long, or reading as another category (its stored or its shown name, in any
 * case): refused by the name, nothing written. */
static void
test_bad_names (Fixture       *fixture,
                gconstpointer  data)
{
  const char *bad[] = { "", "   ", "billing", "BILLING", "Staff attitude",
                        "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      Op add = { OP_ADD, .name = bad[i] };

      g_test_message ("adding “%s”", bad[i]);
      g_assert_false (apply (fixture, &add, &error));
      assert_refused (error, "name");
      g_assert_null (add.out_id);
    }
  g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (fixture->store),
                                    "SELECT count(*) FROM case_categories", NULL, 0, NULL), ==, 7);

  {
    g_autoptr(GError) error = NULL;
    Op rename = { OP_RENAME, .id = "billing", .name = "Other" };

    g_assert_false (apply (fixture, &rename, &error));
    assert_refused (error, "name");
  }
}

/* A built-in category shows its translated name until renamed; then the new name, everywhere
 * the name is read. A rename to the same name in another case is no clash with itself. */
static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  Op rename = { OP_RENAME, .id = "billing", .name = "Bills and charges" };
  Op again = { OP_RENAME, .id = "billing", .name = "BILLS AND CHARGES" };

  g_assert_true (apply (fixture, &rename, &error));
  g_assert_no_error (error);
  names = offered (fixture);
  g_assert_true (strstr (names, "|Bills and charges|Other") != NULL);
  g_assert_true (apply (fixture, &again, &error));
  g_assert_no_error (error);
}

/* Retired: no longer offered, refused for a new complaint, kept by the cases that carry it;
 * offered again at the end of the list. */
static void
test_retire_and_restore (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *after = NULL;
  Op before = { OP_INTAKE, .customer_id = fixture->customer_id, .id = "speed" };
  Op retire = { OP_ACTIVE, .id = "speed", .active = FALSE };
  Op intake = { OP_INTAKE, .customer_id = fixture->customer_id, .id = "speed" };
  Op restore = { OP_ACTIVE, .id = "speed", .active = TRUE };
  g_autoptr(GPtrArray) all = NULL;

  g_assert_true (apply (fixture, &before, &error));
  g_assert_no_error (error);

  g_assert_true (apply (fixture, &retire, &error));
  g_assert_no_error (error);
  names = offered (fixture);
  g_assert_null (strstr (names, "Slow service"));

  g_assert_false (apply (fixture, &intake, &error));
  assert_refused (error, "category_id");
  g_clear_error (&error);
  g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (fixture->store),
                                    "SELECT count(*) FROM cases WHERE category_id = 'speed'", NULL, 0, NULL), ==, 1);

  /* The full list still has it, last, with the case it carries. */
  all = gx_case_categories_load (gx_store_get_main_reader (fixture->store), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 7);
  g_assert_cmpstr (((GxCaseCategory *) g_ptr_array_index (all, 6))->id, ==, "speed");
  g_assert_false (((GxCaseCategory *) g_ptr_array_index (all, 6))->active);
  g_assert_cmpint (((GxCaseCategory *) g_ptr_array_index (all, 6))->n_cases, ==, 1);

  g_assert_true (apply (fixture, &restore, &error));
  g_assert_no_error (error);
  after = offered (fixture);
  g_assert_true (g_str_has_suffix (after, "|Other|Slow service"));
  g_free (before.out_id);
}

/* The last category offered cannot be retired: intake would have nothing to choose. */
static void
test_keep_one (Fixture       *fixture,
               gconstpointer  data)
{
  const char *ids[] = { "quality", "attitude", "speed", "work_quality", "communication", "billing" };
  g_autoptr(GError) error = NULL;
  Op last = { OP_ACTIVE, .id = "other", .active = FALSE };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      Op retire = { OP_ACTIVE, .id = ids[i], .active = FALSE };

      g_assert_true (apply (fixture, &retire, &error));
      g_assert_no_error (error);
    }
  g_assert_false (apply (fixture, &last, &error));
  assert_refused (error, "active");
  g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (fixture->store),
                                    "SELECT active FROM case_categories WHERE id = 'other'", NULL, 0, NULL), ==, 1);
}

/* A category a case carries is never deleted (by a pushed delete, say); an unused one may be. */
static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Op intake = { OP_INTAKE, .customer_id = fixture->customer_id, .id = "attitude" };
  Op used = { OP_DELETE, .id = "attitude" };
  Op unused = { OP_DELETE, .id = "work_quality" };

  g_assert_true (apply (fixture, &intake, &error));
  g_assert_no_error (error);
  g_assert_false (apply (fixture, &used, &error));
  assert_refused (error, "id");
  g_clear_error (&error);
  g_assert_true (apply (fixture, &unused, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (fixture->store),
                                    "SELECT count(*) FROM case_categories", NULL, 0, NULL), ==, 6);
  g_free (intake.out_id);
}

/* Moving up and down swaps neighbours; at either end nothing moves. */
static void
test_reorder (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *same = NULL;
  Op up = { OP_REORDER, .id = "other", .direction = -1 };
  Op top = { OP_REORDER, .id = "quality", .direction = -1 };

  g_assert_true (apply (fixture, &up, &error));
  g_assert_no_error (error);
  names = offered (fixture);
  g_assert_true (g_str_has_suffix (names, "|Poor communication|Other|Billing"));

  g_assert_true (apply (fixture, &top, &error));
  g_assert_no_error (error);
  same = offered (fixture);
  g_assert_cmpstr (same, ==, names);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/case-category/add", test_add);
  ADD ("/core/case-category/bad-names", test_bad_names);
  ADD ("/core/case-category/rename", test_rename);
  ADD ("/core/case-category/retire-and-restore", test_retire_and_restore);
  ADD ("/core/case-category/keep-one", test_keep_one);
  ADD ("/core/case-category/delete", test_delete);
  ADD ("/core/case-category/reorder", test_reorder);
#undef ADD

  return g_test_run ();
}
