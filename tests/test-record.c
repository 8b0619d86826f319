/* test-record.c: every desk write validates, registers the change and queues it, in one go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gx-record.h"
#include "gx-store.h"
#include "gx-test-util.h"
#include "gx-uuid.h"

typedef struct
{
  GxStore *store;
  char    *customer_id;
} Fixture;

typedef struct
{
  const char  *kind;
  const char  *id;
  JsonObject  *fields;
  const char  *op;        /* insert, update, delete */
  const char  *verification;
} Write;

static gboolean
do_write (GxDb      *db,
          gpointer   user_data,
          GError   **error)
{
  Write *w = user_data;
  GxWriteMeta meta = { .now = GX_TEST_NOW, .user_id = NULL, .verification = w->verification };

  if (g_str_equal (w->op, "insert"))
    return gx_record_insert (db, w->kind, w->id, w->fields, &meta, error);
  if (g_str_equal (w->op, "update"))
    return gx_record_update (db, w->kind, w->id, w->fields, &meta, error);
  return gx_record_delete (db, w->kind, w->id, &meta, error);
}

static gboolean
write_record (Fixture     *fixture,
              const char  *op,
              const char  *kind,
              const char  *id,
              JsonObject  *fields,
              GError     **error)
{
  Write w = { kind, id, fields, op, "ID card checked at the counter" };

  return gx_store_write_sync (fixture->store, do_write, &w, error);
}

static GxDb *
reader (Fixture *fixture)
{
  return gx_store_get_main_reader (fixture->store);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.sqlite", NULL);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;

  fixture->store = gx_store_open (path, &error);
  g_assert_no_error (error);

  fixture->customer_id = gx_uuid_v7_new ();
  json_object_set_string_member (fields, "number", "C00000001");
  json_object_set_string_member (fields, "name", "曾伟");
  json_object_set_string_member (fields, "kind", "individual");
  json_object_set_string_member (fields, "tier_id", "gold");
  json_object_set_string_member (fields, "id_type", "resident");
  json_object_set_string_member (fields, "id_number", "11010519491231002X");
  json_object_set_int_member (fields, "created_at", GX_TEST_NOW);
  json_object_set_int_member (fields, "updated_at", GX_TEST_NOW);
  g_assert_true (write_record (fixture, "insert", "customer", fixture->customer_id, fields, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gx_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_free (fixture->customer_id);
}

static void
test_insert_queues_and_derives (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *op = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *pinyin = NULL;

  op = gx_db_query_string (reader (fixture), "SELECT op FROM outbox WHERE record_id = ?",
                           g_variant_new ("(s)", fixture->customer_id), NULL);
  fields = gx_db_query_string (reader (fixture), "SELECT fields FROM outbox WHERE record_id = ?",
                               g_variant_new ("(s)", fixture->customer_id), NULL);
  pinyin = gx_db_query_string (reader (fixture), "SELECT name_pinyin FROM customers WHERE id = ?",
                               g_variant_new ("(s)", fixture->customer_id), NULL);

  g_assert_cmpstr (op, ==, "insert");
  g_assert_nonnull (strstr (fields, "\"name\":\"曾伟\""));
  /* Derived columns are the desk's own and never sent. */
  g_assert_null (strstr (fields, "name_pinyin"));
  g_assert_cmpstr (pinyin, ==, "zeng wei");
}

static void
test_update_only_changed_fields (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *verification = NULL;
  g_autofree char *old_value = NULL;

  json_object_set_string_member (changes, "name", "曾卫");
  json_object_set_string_member (changes, "tier_id", "gold");    /* unchanged */
  /* An identity field: the write says how the identity was verified (gx-customer.c's rule). */
  json_object_set_string_member (changes, "verification", "ID card checked at the counter");
  json_object_set_int_member (changes, "verified_at", GX_TEST_NOW);
  g_assert_true (write_record (fixture, "update", "customer", fixture->customer_id, changes, &error));
  g_assert_no_error (error);

  fields = gx_db_query_string (reader (fixture),
                               "SELECT fields FROM outbox WHERE record_id = ? AND op = 'update'",
                               g_variant_new ("(s)", fixture->customer_id), NULL);
  {
    g_autoptr(JsonNode) sent = json_from_string (fields, NULL);
    JsonObject *object = json_node_get_object (sent);

    /* The new name and the verification stamp; the unchanged tier is not sent. */
    g_assert_cmpuint (json_object_get_size (object), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "曾卫");
    g_assert_cmpint (json_object_get_int_member (object, "verified_at"), ==, GX_TEST_NOW);
    g_assert_false (json_object_has_member (object, "tier_id"));
  }

  /* The change register: old → new, and how identity was verified. */
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM change_log WHERE customer_id = ?",
                                    g_variant_new ("(s)", fixture->customer_id), 0, NULL), ==, 1);
  old_value = gx_db_query_string (reader (fixture), "SELECT old_value || ' → ' || new_value FROM change_log", NULL, NULL);
  verification = gx_db_query_string (reader (fixture), "SELECT verification FROM change_log", NULL, NULL);
  g_assert_cmpstr (old_value, ==, "曾伟 → 曾卫");
  g_assert_cmpstr (verification, ==, "ID card checked at the counter");
  /* …which syncs like any ledger entry. */
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM outbox WHERE kind = 'change_log'",
                                    NULL, 0, NULL), ==, 1);

  /* Nothing changed: nothing written, registered or sent. */
  g_assert_true (write_record (fixture, "update", "customer", fixture->customer_id, changes, &error));
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM outbox", NULL, 0, NULL), ==, 3);
}

static void
test_bad_input_names_the_field (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(JsonObject) contact = json_object_new ();
  g_autoptr(JsonObject) unknown = json_object_new ();
  g_autoptr(JsonObject) wrong = json_object_new ();
  g_autoptr(JsonObject) bad_id = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contact_id = gx_uuid_v7_new ();
  gint64 outbox_before = gx_db_query_int (reader (fixture), "SELECT count(*) FROM outbox", NULL, 0, NULL);

  json_object_set_string_member (contact, "customer_id", fixture->customer_id);
  json_object_set_string_member (contact, "kind", "mobile");
  json_object_set_string_member (contact, "value", "12345");
  g_assert_false (write_record (fixture, "insert", "customer_contact", contact_id, contact, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_INVALID);
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "value");
  g_clear_error (&error);

  json_object_set_string_member (unknown, "salary'; DROP TABLE customers; --", "x");
  g_assert_false (write_record (fixture, "update", "customer", fixture->customer_id, unknown, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_UNKNOWN_FIELD);
  g_clear_error (&error);

  json_object_set_string_member (wrong, "stage", "friend");
  g_assert_false (write_record (fixture, "update", "customer", fixture->customer_id, wrong, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_INVALID);
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "stage");
  g_clear_error (&error);

  /* A cross-field rule sees the stored id_type with the new number. */
  json_object_set_string_member (bad_id, "id_number", "110105194912310021");
  g_assert_false (write_record (fixture, "update", "customer", fixture->customer_id, bad_id, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_INVALID);
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "id_number");
  g_clear_error (&error);

  /* Nothing was saved by the refused writes. */
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM outbox", NULL, 0, NULL), ==, outbox_before);
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customer_contacts", NULL, 0, NULL), ==, 0);
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customers WHERE stage = 'prospect'", NULL, 0, NULL), ==, 1);
}

static void
test_ledgers_append_only (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(JsonObject) entry = json_object_new ();
  g_autoptr(JsonObject) edit = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *log_id = gx_uuid_v7_new ();
  gint64 last_contact;

  json_object_set_string_member (entry, "customer_id", fixture->customer_id);
  json_object_set_int_member (entry, "at", GX_TEST_NOW - 3600);
  json_object_set_string_member (entry, "channel", "phone");
  json_object_set_string_member (entry, "subject", "询问理财产品");
  g_assert_true (write_record (fixture, "insert", "contact_log", log_id, entry, &error));
  g_assert_no_error (error);

  /* The list's "last contact" follows the log. */
  last_contact = gx_db_query_int (reader (fixture), "SELECT last_contact_at FROM customers", NULL, 0, NULL);
  g_assert_cmpint (last_contact, ==, GX_TEST_NOW - 3600);

  json_object_set_string_member (edit, "subject", "改写历史");
  g_assert_false (write_record (fixture, "update", "contact_log", log_id, edit, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_APPEND_ONLY);
  g_clear_error (&error);
  g_assert_false (write_record (fixture, "delete", "contact_log", log_id, NULL, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_APPEND_ONLY);
}

static void
test_delete_queued (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) interest = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = gx_uuid_v7_new ();

  json_object_set_string_member (interest, "customer_id", fixture->customer_id);
  json_object_set_string_member (interest, "interest", "高尔夫");
  g_assert_true (write_record (fixture, "insert", "customer_interest", id, interest, &error));
  g_assert_true (write_record (fixture, "delete", "customer_interest", id, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customer_interests", NULL, -1, NULL), ==, 0);
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM outbox WHERE record_id = ? AND op = 'delete'",
                                    g_variant_new ("(s)", id), 0, NULL), ==, 1);

  g_assert_false (write_record (fixture, "delete", "customer_interest", id, NULL, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_NOT_FOUND);
}

static void
test_kinds_cover_schema (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree const GxKind **kinds = NULL;
  guint n;
  gint64 tables;

  /* Every table but the sync bookkeeping is a kind; a new table must be added to gx-kinds.c.
   * Search indexes (virtual tables, their shadow tables, their pending list) and the
   * overview's sums (overview_*, 0019-overview-sums.sql) are the desk's own, derived. */
  kinds = gx_kinds_all (&n);
  tables = gx_db_query_int (reader (fixture),
                            "SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND type = 'table'"
                            " AND name NOT LIKE 'sqlite_%' AND name NOT IN ('outbox', 'sync_conflicts', 'sync_state', 'sync_pending',"
                            " 'customer_search_pending') AND name NOT LIKE 'overview\\_%' ESCAPE '\\'",
                            NULL, 0, NULL);
  g_assert_cmpint (n, ==, tables);
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (kinds[i]->fields);
      g_assert_nonnull (gx_kind_find_field (kinds[i], "id"));
      g_assert_null (gx_kind_find_field (kinds[i], "version"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/record/insert-queues-and-derives", Fixture, NULL, fixture_set_up, test_insert_queues_and_derives, fixture_tear_down);
  g_test_add ("/core/record/update-only-changed-fields", Fixture, NULL, fixture_set_up, test_update_only_changed_fields, fixture_tear_down);
  g_test_add ("/core/record/bad-input-names-the-field", Fixture, NULL, fixture_set_up, test_bad_input_names_the_field, fixture_tear_down);
  g_test_add ("/core/record/ledgers-append-only", Fixture, NULL, fixture_set_up, test_ledgers_append_only, fixture_tear_down);
  g_test_add ("/core/record/delete-queued", Fixture, NULL, fixture_set_up, test_delete_queued, fixture_tear_down);
  g_test_add ("/core/record/kinds-cover-schema", Fixture, NULL, fixture_set_up, test_kinds_cover_schema, fixture_tear_down);

  return g_test_run ();
}
