/* test-visibility.c: who sees which customer, who may change what, what conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gx-test-util.h"
#include "gx-visibility.h"

#define ME "0192f0a0-0000-7000-8000-00000000000a"
#define OTHER "0192f0a0-0000-7000-8000-00000000000b"

static void
test_ordinary_for_everyone (void)
{
  for (GxRole role = GX_ROLE_DESK; role <= GX_ROLE_ADMIN; role++)
    {
      g_assert_true (gx_visibility_can_see (role, ME, GX_CONFIDENTIALITY_ORDINARY, NULL));
      g_assert_true (gx_visibility_can_see (role, ME, GX_CONFIDENTIALITY_ORDINARY, OTHER));
    }
}

static void
test_desk (void)
{
  /* Secret ones it owns, nothing higher, not even its own. */
  g_assert_true (gx_visibility_can_see (GX_ROLE_DESK, ME, GX_CONFIDENTIALITY_SECRET, ME));
  g_assert_false (gx_visibility_can_see (GX_ROLE_DESK, ME, GX_CONFIDENTIALITY_SECRET, OTHER));
  g_assert_false (gx_visibility_can_see (GX_ROLE_DESK, ME, GX_CONFIDENTIALITY_SECRET, NULL));
  g_assert_false (gx_visibility_can_see (GX_ROLE_DESK, ME, GX_CONFIDENTIALITY_CONFIDENTIAL, ME));
  g_assert_false (gx_visibility_can_see (GX_ROLE_DESK, ME, GX_CONFIDENTIALITY_TOP_SECRET, ME));
}

static void
test_relationship (void)
{
  /* Up to confidential for its own customers; top secret is for the owner too. */
  g_assert_true (gx_visibility_can_see (GX_ROLE_RELATIONSHIP, ME, GX_CONFIDENTIALITY_SECRET, ME));
  g_assert_true (gx_visibility_can_see (GX_ROLE_RELATIONSHIP, ME, GX_CONFIDENTIALITY_CONFIDENTIAL, ME));
  g_assert_true (gx_visibility_can_see (GX_ROLE_RELATIONSHIP, ME, GX_CONFIDENTIALITY_TOP_SECRET, ME));
  g_assert_false (gx_visibility_can_see (GX_ROLE_RELATIONSHIP, ME, GX_CONFIDENTIALITY_SECRET, OTHER));
  g_assert_false (gx_visibility_can_see (GX_ROLE_RELATIONSHIP, ME, GX_CONFIDENTIALITY_CONFIDENTIAL, OTHER));
  g_assert_false (gx_visibility_can_see (GX_ROLE_RELATIONSHIP, ME, GX_CONFIDENTIALITY_TOP_SECRET, OTHER));
  g_assert_false (gx_visibility_can_see (GX_ROLE_RELATIONSHIP, NULL, GX_CONFIDENTIALITY_SECRET, NULL));
}

static void
test_supervisor_and_admin (void)
{
  for (GxConfidentiality level = GX_CONFIDENTIALITY_SECRET; level <= GX_CONFIDENTIALITY_TOP_SECRET; level++)
    {
      g_assert_true (gx_visibility_can_see (GX_ROLE_SUPERVISOR, ME, level, OTHER));
      /* Admins keep the system, not the protected files, even ones that name them. */
      g_assert_false (gx_visibility_can_see (GX_ROLE_ADMIN, ME, level, ME));
    }
  g_assert_true (gx_visibility_may_read_audit (GX_ROLE_SUPERVISOR));
  g_assert_false (gx_visibility_may_read_audit (GX_ROLE_ADMIN));
  g_assert_false (gx_visibility_may_read_audit (GX_ROLE_RELATIONSHIP));
}

static void
test_codes (void)
{
  g_assert_true (gx_visibility_can_see_codes ("relationship", ME, "confidential", ME));
  g_assert_false (gx_visibility_can_see_codes ("desk", ME, "confidential", ME));
  /* A level this build does not know is treated as the highest; an unknown role sees least. */
  g_assert_false (gx_visibility_can_see_codes ("relationship", ME, "cosmic", OTHER));
  g_assert_true (gx_visibility_can_see_codes ("supervisor", ME, "cosmic", OTHER));
  g_assert_false (gx_visibility_can_see_codes ("janitor", ME, "secret", ME));
  g_assert_true (gx_visibility_can_see_codes ("janitor", ME, "ordinary", ME));
  g_assert_true (gx_visibility_can_see_codes ("desk", ME, NULL, NULL));
}

static void
test_sql_function (void)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (gx_visibility_register_sql (db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT gx_can_see ('desk', ?1, 'secret', ?1), gx_can_see ('desk', ?1, 'secret', ?2),"
                                       " gx_can_see ('supervisor', ?1, 'top_secret', ?2)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, ME, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, OTHER, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_writers (void)
{
  /* Reference data: admins and supervisors; users: admins only. */
  g_assert_true (gx_visibility_may_write_kind (GX_ROLE_ADMIN, "user"));
  g_assert_false (gx_visibility_may_write_kind (GX_ROLE_SUPERVISOR, "user"));
  g_assert_true (gx_visibility_may_write_kind (GX_ROLE_SUPERVISOR, "sla_policy"));
  g_assert_false (gx_visibility_may_write_kind (GX_ROLE_DESK, "tier"));
  /* The club and its activities: relationship managers and supervisors. */
  g_assert_true (gx_visibility_may_write_kind (GX_ROLE_RELATIONSHIP, "activity"));
  g_assert_false (gx_visibility_may_write_kind (GX_ROLE_DESK, "club"));
  /* Customers' files: anyone but admins (per record, whoever sees the customer). */
  g_assert_true (gx_visibility_may_write_kind (GX_ROLE_DESK, "case"));
  g_assert_true (gx_visibility_may_write_kind (GX_ROLE_DESK, "contact_log"));
  g_assert_false (gx_visibility_may_write_kind (GX_ROLE_ADMIN, "customer"));

  g_assert_true (gx_visibility_may_set_level (GX_ROLE_DESK, GX_CONFIDENTIALITY_SECRET));
  g_assert_false (gx_visibility_may_set_level (GX_ROLE_DESK, GX_CONFIDENTIALITY_CONFIDENTIAL));
  g_assert_true (gx_visibility_may_set_level (GX_ROLE_RELATIONSHIP, GX_CONFIDENTIALITY_TOP_SECRET));
  g_assert_true (gx_visibility_is_registered (GX_CONFIDENTIALITY_SECRET));
  g_assert_false (gx_visibility_is_registered (GX_CONFIDENTIALITY_ORDINARY));
}

static void
test_merge (void)
{
  /* Unchanged since the base: no conflict. */
  g_assert_false (gx_merge_is_conflict (7, "u/a", 7, "u/b"));
  g_assert_false (gx_merge_is_conflict (7, "u/a", 0, NULL));
  /* Changed since by another desk: conflict. */
  g_assert_true (gx_merge_is_conflict (7, "u/a", 9, "u/b"));
  g_assert_true (gx_merge_is_conflict (7, "u/a", 9, "v/a"));
  /* Changed since by this very desk: its own successive edits. */
  g_assert_false (gx_merge_is_conflict (7, "u/a", 9, "u/a"));
  /* Who changed it unknown: a conflict rather than a silent overwrite. */
  g_assert_true (gx_merge_is_conflict (7, NULL, 9, "u/a"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/visibility/ordinary-for-everyone", test_ordinary_for_everyone);
  g_test_add_func ("/core/visibility/desk", test_desk);
  g_test_add_func ("/core/visibility/relationship", test_relationship);
  g_test_add_func ("/core/visibility/supervisor-and-admin", test_supervisor_and_admin);
  g_test_add_func ("/core/visibility/codes", test_codes);
  g_test_add_func ("/core/visibility/sql-function", test_sql_function);
  g_test_add_func ("/core/visibility/writers", test_writers);
  g_test_add_func ("/core/merge/field-conflicts", test_merge);

  return g_test_run ();
}
