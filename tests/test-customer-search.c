/* test-customer-search.c: a caller is found by name, pinyin, phone, number or ID tail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gx-customer-search.h"
#include "gx-record.h"
#include "gx-store.h"
#include "gx-test-util.h"
#include "gx-uuid.h"

typedef struct
{
  GxStore *store;
} Fixture;

typedef struct
{
  const char *op;
  const char *kind;
  const char *id;
  JsonObject *fields;
} Write;

static gboolean
do_write (GxDb      *db,
          gpointer   user_data,
          GError   **error)
{
  Write *w = user_data;
  GxWriteMeta meta = { .now = GX_TEST_NOW, .verification = "ID card checked" };

  if (g_str_equal (w->op, "insert"))
    return gx_record_insert (db, w->kind, w->id, w->fields, &meta, error);
  if (g_str_equal (w->op, "update"))
    return gx_record_update (db, w->kind, w->id, w->fields, &meta, error);
  return gx_record_delete (db, w->kind, w->id, &meta, error);
}

static void
write_ok (Fixture    *fixture,
          const char *op,
          const char *kind,
          const char *id,
          JsonObject *fields)
{
  g_autoptr(GError) error = NULL;
  Write w = { op, kind, id, fields };

  gx_store_write_sync (fixture->store, do_write, &w, &error);
  g_assert_no_error (error);
}

static char *
add_customer (Fixture    *fixture,
              const char *name,
              const char *kind,
              const char *number,
              const char *id_number,
              const char *notes)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  char *id = gx_uuid_v7_new ();

  json_object_set_string_member (fields, "number", number);
  json_object_set_string_member (fields, "name", name);
  json_object_set_string_member (fields, "kind", kind);
  json_object_set_string_member (fields, "id_type", g_str_equal (kind, "individual") ? "resident" : "business_license");
  if (id_number != NULL)
    json_object_set_string_member (fields, "id_number", id_number);
  if (!g_str_equal (kind, "individual"))
    json_object_set_string_member (fields, "industry", "信息技术");
  if (notes != NULL)
    json_object_set_string_member (fields, "notes", notes);
  json_object_set_int_member (fields, "created_at", GX_TEST_NOW);
  json_object_set_int_member (fields, "updated_at", GX_TEST_NOW);
  write_ok (fixture, "insert", "customer", id, fields);
  return id;
}

static char *
add_contact (Fixture    *fixture,
             const char *customer_id,
             const char *kind,
             const char *value)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  char *id = gx_uuid_v7_new ();

  json_object_set_string_member (fields, "customer_id", customer_id);
  json_object_set_string_member (fields, "kind", kind);
  json_object_set_string_member (fields, "value", value);
  write_ok (fixture, "insert", "customer_contact", id, fields);
  return id;
}

/* The names the list shows for @query, in order, joined with "|". */
static char *
list_names (Fixture               *fixture,
            const GxCustomerQuery *query)
{
  GxDb *db = gx_store_get_main_reader (fixture->store);
  g_autoptr(GVariant) params = NULL;
  g_autofree char *sql = gx_customer_search_keys_sql (db, query, &params);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  sqlite3_stmt *name_stmt;

  stmt = gx_db_prepare (db, sql, &error);
  g_assert_no_error (error);
  g_assert_true (gx_db_bind_variant (stmt, params, &error));
  name_stmt = gx_db_prepare (db, "SELECT name FROM customers WHERE rowid = ?", &error);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      sqlite3_bind_int64 (name_stmt, 1, sqlite3_column_int64 (stmt, 0));
      g_assert_cmpint (sqlite3_step (name_stmt), ==, SQLITE_ROW);
      if (names->len > 0)
        g_string_append_c (names, '|');
      g_string_append (names, gx_db_column_text (name_stmt, 0));
      sqlite3_reset (name_stmt);
    }
  sqlite3_reset (stmt);

  return g_strdup (names->str);
}

static char *
search (Fixture    *fixture,
        const char *text)
{
  GxCustomerQuery query = { .text = text };

  return list_names (fixture, &query);
}

#define assert_search(fixture, text, expected) \
  G_STMT_START { \
    g_autofree char *found_ = search (fixture, text); \
    g_assert_cmpstr (found_, ==, expected); \
  } G_STMT_END

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *wang = NULL;
  g_autofree char *zeng = NULL;
  g_autofree char *company = NULL;
  g_autofree char *fang = NULL;
  g_autofree char *wang_ming = NULL;

  fixture->store = gx_store_open (path, &error);
  g_assert_no_error (error);

  wang = add_customer (fixture, "王伟", "individual", "C00001024", "11010519491231002X", "喜欢高尔夫，孩子在英国读书");
  add_contact (fixture, wang, "mobile", "138 0013 8000");
  add_contact (fixture, wang, "email", "wang.wei@example.com");
  zeng = add_customer (fixture, "曾国强", "individual", "C00001025", NULL, NULL);
  add_contact (fixture, zeng, "landline", "010-6552 1234");
  company = add_customer (fixture, "华夏科技有限公司", "enterprise", "C00001026", NULL, "大客户，年度服务计划");
  fang = add_customer (fixture, "Wang Fang", "individual", "C00001027", NULL, NULL);
  add_contact (fixture, fang, "mobile", "+86 139 1111 2222");
  wang_ming = add_customer (fixture, "王伟明", "individual", "C00001028", NULL, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gx_store_close (fixture->store);
  g_clear_object (&fixture->store);
}

static void
test_chinese_names (Fixture       *fixture,
                    gconstpointer  data)
{
  /* A two-character name finds both who carry it, in pinyin order. */
  assert_search (fixture, "王伟", "王伟|王伟明");
  assert_search (fixture, "王伟明", "王伟明");
  /* One character anywhere in the name; the given name alone. */
  assert_search (fixture, "王", "王伟|王伟明");
  assert_search (fixture, "伟明", "王伟明");
  assert_search (fixture, "国强", "曾国强");
  /* Company names and notes, by any part. */
  assert_search (fixture, "科技", "华夏科技有限公司");
  assert_search (fixture, "高尔夫", "王伟");
  assert_search (fixture, "年度服务", "华夏科技有限公司");
  assert_search (fixture, "张", "");
}

static void
test_pinyin (Fixture       *fixture,
             gconstpointer  data)
{
  /* Full pinyin, typed joined or with spaces, and initials. */
  assert_search (fixture, "wangwei", "王伟|王伟明");
  assert_search (fixture, "wang wei", "王伟|王伟明");
  assert_search (fixture, "ww", "王伟|王伟明");
  assert_search (fixture, "wwm", "王伟明");
  assert_search (fixture, "wangw", "王伟|王伟明");
  /* Latin names too; "wang" finds both scripts. */
  assert_search (fixture, "wang", "Wang Fang|王伟|王伟明");
  assert_search (fixture, "WANG FANG", "Wang Fang");
  /* A polyphonic surname by either reading; the surname rule says zeng. */
  assert_search (fixture, "zengguoqiang", "曾国强");
  assert_search (fixture, "cengguo", "曾国强");
  assert_search (fixture, "zgq", "曾国强");
  /* Organisation names read without the surname rule, initials work for them too. */
  assert_search (fixture, "hxkj", "华夏科技有限公司");
  assert_search (fixture, "huaxia", "华夏科技有限公司");
  /* Mixed: a character and a syllable. */
  assert_search (fixture, "王 ming", "王伟明");
}

static void
test_phones_numbers_ids (Fixture       *fixture,
                         gconstpointer  data)
{
  /* Phone fragments: the start, typed with spaces or dashes, the last four digits. */
  assert_search (fixture, "138", "王伟");
  assert_search (fixture, "138-0013", "王伟");
  assert_search (fixture, "138 0013 8000", "王伟");
  assert_search (fixture, "8000", "王伟");
  assert_search (fixture, "+86 139 1111 2222", "Wang Fang");
  assert_search (fixture, "2222", "Wang Fang");
  /* A landline by its local number or with the area code. */
  assert_search (fixture, "65521234", "曾国强");
  assert_search (fixture, "010 6552", "曾国强");
  /* Customer numbers with or without their letter and zeros; full-width digits fold. */
  assert_search (fixture, "C00001025", "曾国强");
  assert_search (fixture, "c000010", "华夏科技有限公司|Wang Fang|王伟|王伟明|曾国强");
  assert_search (fixture, "1026", "华夏科技有限公司");
  assert_search (fixture, "１０２６", "华夏科技有限公司");
  /* ID numbers by their last digits; the check character X in either case. */
  assert_search (fixture, "002x", "王伟");
  assert_search (fixture, "31002X", "王伟");
  /* E-mail addresses by their words. */
  assert_search (fixture, "example", "王伟");
  /* Name and phone together narrow each other. */
  assert_search (fixture, "王伟 8000", "王伟");
  assert_search (fixture, "wangwei 2222", "");
}

static gboolean
rebuild_write (GxDb      *db,
               gpointer   user_data,
               GError   **error)
{
  return gx_customer_search_rebuild (db, error);
}

static void
test_index_follows_changes (Fixture       *fixture,
                            gconstpointer  data)
{
  GxDb *db = gx_store_get_main_reader (fixture->store);
  g_autofree char *id = gx_db_query_string (db, "SELECT id FROM customers WHERE name = '王伟'", NULL, NULL);
  g_autofree char *phone_id = gx_db_query_string (db, "SELECT id FROM customer_contacts WHERE kind = 'mobile' AND customer_id = ?",
                                                  g_variant_new ("(s)", id), NULL);
  g_autoptr(JsonObject) rename = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *new_phone = NULL;
  g_autoptr(GxDb) vocab = NULL;

  /* Renamed: found by the new name and its pinyin, no longer by the old. */
  json_object_set_string_member (rename, "name", "李娜");
  json_object_set_string_member (rename, "verification", "ID card checked");
  json_object_set_int_member (rename, "verified_at", GX_TEST_NOW);
  write_ok (fixture, "update", "customer", id, rename);
  assert_search (fixture, "王伟", "王伟明");
  assert_search (fixture, "lina", "李娜");
  assert_search (fixture, "ln", "李娜");

  /* A phone removed is not found; a phone added is. */
  write_ok (fixture, "delete", "customer_contact", phone_id, NULL);
  assert_search (fixture, "8000", "");
  new_phone = add_contact (fixture, id, "mobile", "13700137000");
  assert_search (fixture, "1370013", "李娜");

  /* Deleted customers leave the index. */
  write_ok (fixture, "delete", "customer", id, NULL);
  assert_search (fixture, "lina", "");
  assert_search (fixture, "1370013", "");

  /* The contentless index holds exactly what a rebuild from the profiles writes: every
   * removal above took out the very terms that went in. */
  vocab = gx_db_open (gx_store_get_path (fixture->store), SQLITE_OPEN_READONLY, &error);
  g_assert_no_error (error);
  g_assert_true (gx_db_exec (vocab, "CREATE VIRTUAL TABLE temp.v USING fts5vocab (main, customer_search, 'row')", &error));
  g_assert_no_error (error);
  {
    g_autofree char *before = gx_db_query_string (vocab, "SELECT group_concat (term || ':' || doc, ' ') FROM (SELECT * FROM temp.v ORDER BY term)", NULL, &error);
    g_autofree char *after = NULL;

    g_assert_no_error (error);
    g_assert_true (gx_store_write_sync (fixture->store, rebuild_write, NULL, &error));
    g_assert_no_error (error);
    after = gx_db_query_string (vocab, "SELECT group_concat (term || ':' || doc, ' ') FROM (SELECT * FROM temp.v ORDER BY term)", NULL, &error);
    g_assert_null (strstr (before, "lina:"));
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_filters_and_sort (Fixture       *fixture,
                       gconstpointer  data)
{
  GxDb *db = gx_store_get_main_reader (fixture->store);
  g_autofree char *wang = gx_db_query_string (db, "SELECT id FROM customers WHERE name = '王伟'", NULL, NULL);
  g_autofree char *ming = gx_db_query_string (db, "SELECT id FROM customers WHERE name = '王伟明'", NULL, NULL);
  g_autoptr(JsonObject) gold = json_object_new ();
  g_autoptr(JsonObject) birthday = json_object_new ();
  g_autoptr(JsonObject) log = json_object_new ();
  g_autofree char *log_id = gx_uuid_v7_new ();
  g_autofree char *names = NULL;
  GxCustomerQuery query = { 0 };

  json_object_set_string_member (gold, "tier_id", "gold");
  json_object_set_string_member (gold, "stage", "client");
  write_ok (fixture, "update", "customer", ming, gold);
  json_object_set_string_member (birthday, "birthday", "1949-12-31");
  json_object_set_string_member (birthday, "tier_id", "diamond");
  json_object_set_string_member (birthday, "verification", "ID card checked");
  json_object_set_int_member (birthday, "verified_at", GX_TEST_NOW);
  write_ok (fixture, "update", "customer", wang, birthday);

  /* Filters combine with search… */
  query.text = "王伟";
  query.tier_id = "gold";
  names = list_names (fixture, &query);
  g_assert_cmpstr (names, ==, "王伟明");
  g_clear_pointer (&names, g_free);

  /* …and work without it. */
  query = (GxCustomerQuery) { .kind = "enterprise" };
  names = list_names (fixture, &query);
  g_assert_cmpstr (names, ==, "华夏科技有限公司");
  g_clear_pointer (&names, g_free);

  query = (GxCustomerQuery) { .birthday_month = 12 };
  names = list_names (fixture, &query);
  g_assert_cmpstr (names, ==, "王伟");
  g_clear_pointer (&names, g_free);

  query = (GxCustomerQuery) { .stage = "client", .text = "ww" };
  names = list_names (fixture, &query);
  g_assert_cmpstr (names, ==, "王伟明");
  g_clear_pointer (&names, g_free);

  /* Name order is pinyin order among Latin names. */
  query = (GxCustomerQuery) { 0 };
  names = list_names (fixture, &query);
  g_assert_cmpstr (names, ==, "华夏科技有限公司|Wang Fang|王伟|王伟明|曾国强");
  g_clear_pointer (&names, g_free);

  /* Tier order: best individual tier first, enterprises' tiers next, no tier last. */
  query = (GxCustomerQuery) { .sort = GX_CUSTOMER_SORT_TIER };
  names = list_names (fixture, &query);
  g_assert_cmpstr (names, ==, "王伟|王伟明|华夏科技有限公司|Wang Fang|曾国强");
  g_clear_pointer (&names, g_free);
  query.text = "wang";
  names = list_names (fixture, &query);
  g_assert_cmpstr (names, ==, "王伟|王伟明|Wang Fang");
  g_clear_pointer (&names, g_free);

  /* A follow-up due: the contact log's newest entry asks for it; last contact first. */
  json_object_set_string_member (log, "customer_id", ming);
  json_object_set_int_member (log, "at", GX_TEST_NOW - 86400);
  json_object_set_string_member (log, "channel", "phone");
  json_object_set_string_member (log, "follow_up_on", "2026-11-22");
  write_ok (fixture, "insert", "contact_log", log_id, log);

  query = (GxCustomerQuery) { .due_by = "2026-11-22" };
  names = list_names (fixture, &query);
  g_assert_cmpstr (names, ==, "王伟明");
  g_clear_pointer (&names, g_free);
  query = (GxCustomerQuery) { .due_by = "2026-11-21" };
  names = list_names (fixture, &query);
  g_assert_cmpstr (names, ==, "");
  g_clear_pointer (&names, g_free);

  query = (GxCustomerQuery) { .sort = GX_CUSTOMER_SORT_LAST_CONTACT, .text = "wang" };
  names = list_names (fixture, &query);
  g_assert_true (g_str_has_prefix (names, "王伟明|"));
  g_clear_pointer (&names, g_free);
}

static void
test_broad_prefix_capped (Fixture       *fixture,
                          gconstpointer  data)
{
  GxDb *db = gx_store_get_main_reader (fixture->store);
  g_autoptr(GError) error = NULL;

  /* The count stops at its cap, so a one-letter prefix costs no more than a name. */
  g_assert_cmpint (gx_customer_search_count (db, "c", 3, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpint (gx_customer_search_count (db, "王伟", 1000, &error), ==, 2);
  g_assert_cmpint (gx_customer_search_count (db, "  ", 1000, &error), ==, 0);
}

static void
test_match_syntax (void)
{
  g_autofree char *a = gx_customer_search_match ("王伟明");
  g_autofree char *b = gx_customer_search_match ("wang\"wei OR ");
  g_autofree char *c = gx_customer_search_match ("+86 138-0013-8000");
  g_autofree char *d = gx_customer_search_match ("*** ---");
  g_autofree char *e = gx_customer_search_match ("NEAR AND");

  g_assert_cmpstr (a, ==, "\"王伟\" \"伟明\"");
  /* Typed quotes and operators are words, never FTS5 syntax. */
  g_assert_cmpstr (b, ==, "\"wang\"* \"wei\"* \"or\"*");
  g_assert_cmpstr (c, ==, "\"13800138000\"*");
  g_assert_null (d);
  g_assert_cmpstr (e, ==, "\"near\"* \"and\"*");
}

static void
test_terms (void)
{
  g_autofree char *terms = gx_customer_search_terms ("individual", "曾伟", "C0012", "110105194912310021",
                                                     "", "", "", "13800138000\x1f" "a@b.cn");

  /* Both readings of the surname; joined and initials; the number's digits; ID tails. */
  g_assert_nonnull (strstr (terms, "zeng wei zengwei zw "));
  g_assert_nonnull (strstr (terms, "ceng wei cengwei cw "));
  g_assert_nonnull (strstr (terms, "曾伟 伟 "));
  g_assert_nonnull (strstr (terms, "c0012 0012 12 "));
  g_assert_nonnull (strstr (terms, " 0021 310021 "));
  g_assert_nonnull (strstr (terms, "13800138000 8000 00138000 "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/customer-search/match-syntax", test_match_syntax);
  g_test_add_func ("/core/customer-search/terms", test_terms);
  g_test_add ("/core/customer-search/chinese-names", Fixture, NULL, fixture_set_up, test_chinese_names, fixture_tear_down);
  g_test_add ("/core/customer-search/pinyin", Fixture, NULL, fixture_set_up, test_pinyin, fixture_tear_down);
  g_test_add ("/core/customer-search/phones-numbers-ids", Fixture, NULL, fixture_set_up, test_phones_numbers_ids, fixture_tear_down);
  g_test_add ("/core/customer-search/index-follows-changes", Fixture, NULL, fixture_set_up, test_index_follows_changes, fixture_tear_down);
  g_test_add ("/core/customer-search/filters-and-sort", Fixture, NULL, fixture_set_up, test_filters_and_sort, fixture_tear_down);
  g_test_add ("/core/customer-search/broad-prefix-capped", Fixture, NULL, fixture_set_up, test_broad_prefix_capped, fixture_tear_down);

  return g_test_run ();
}
