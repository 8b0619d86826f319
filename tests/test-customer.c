/* test-customer.c: saving profiles, identity verification, the access register, archive and
 * delete with undo, duplicates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gx-customer.h"
#include "gx-customer-export.h"
#include "gx-customer-merge.h"
#include "gx-store.h"
#include "gx-test-util.h"
#include "gx-uuid.h"

typedef struct
{
  GxStore *store;
  char    *id;
} Fixture;

typedef struct
{
  const char         *id;
  JsonObject         *fields;
  GPtrArray          *contacts;
  const char * const *interests;
  const char         *verification;
} Save;

static gboolean
do_save (GxDb      *db,
         gpointer   user_data,
         GError   **error)
{
  Save *save = user_data;
  GxWriteMeta meta = { .now = GX_TEST_NOW, .verification = save->verification };

  return gx_customer_save (db, save->id, save->fields, save->contacts, save->interests, &meta, error);
}

static gboolean
save (Fixture            *fixture,
      const char         *id,
      JsonObject         *fields,
      GPtrArray          *contacts,
      const char         *verification,
      GError            **error)
{
  Save s = { id, fields, contacts, NULL, verification };

  return gx_store_write_sync (fixture->store, do_save, &s, error);
}

static GxDb *
reader (Fixture *fixture)
{
  return gx_store_get_main_reader (fixture->store);
}

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  return gx_db_query_int (reader (fixture), sql, NULL, -1, NULL);
}

static GPtrArray *
contacts_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) gx_contact_edit_free);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.sqlite", NULL);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GPtrArray) contacts = contacts_new ();
  g_autoptr(GError) error = NULL;

  fixture->store = gx_store_open (path, &error);
  g_assert_no_error (error);

  fixture->id = gx_uuid_v7_new ();
  json_object_set_string_member (fields, "name", "王伟");
  json_object_set_string_member (fields, "kind", "individual");
  json_object_set_string_member (fields, "id_type", "resident");
  json_object_set_string_member (fields, "id_number", "11010519491231002X");
  json_object_set_string_member (fields, "birthday", "1949-12-31");
  json_object_set_string_member (fields, "gender", "female");
  g_ptr_array_add (contacts, gx_contact_edit_new (NULL, "mobile", "", "138 0013 8000", TRUE));
  g_ptr_array_add (contacts, gx_contact_edit_new (NULL, "email", "work", "wang.wei@example.com", TRUE));
  g_assert_true (save (fixture, fixture->id, fields, contacts, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gx_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_free (fixture->id);
}

static void
test_create_with_contacts (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *number = gx_db_query_string (reader (fixture), "SELECT number FROM customers", NULL, NULL);

  /* A new profile gets the next number, its contacts, and everything is queued. */
  g_assert_cmpstr (number, ==, "C10000001");
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customer_contacts"), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE kind = 'customer_contact' AND op = 'insert'"), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE kind = 'customer' AND op = 'insert'"), ==, 1);
}

static void
test_identity_needs_verification (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *register_row = NULL;
  g_autoptr(GPtrArray) changed = NULL;

  json_object_set_string_member (fields, "name", "王薇");
  json_object_set_string_member (fields, "notes", "改名");

  changed = gx_customer_identity_changes (reader (fixture), fixture->id, fields, NULL);
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (changed, 0), ==, "name");

  /* Without saying how the identity was checked, nothing is saved — not even the notes. */
  g_assert_false (save (fixture, fixture->id, fields, NULL, NULL, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_REQUIRED);
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "verification");
  g_clear_error (&error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE name = '王伟' AND notes = ''"), ==, 1);

  /* With it, the change register says who, when, old → new and how. */
  g_assert_true (save (fixture, fixture->id, fields, NULL, "Resident ID card checked at the counter", &error));
  g_assert_no_error (error);
  register_row = gx_db_query_string (reader (fixture),
                                     "SELECT old_value || ' → ' || new_value || ' · ' || verification || ' · ' || at"
                                     " FROM change_log WHERE field = 'name'", NULL, NULL);
  g_assert_cmpstr (register_row, ==, "王伟 → 王薇 · Resident ID card checked at the counter · 1795312800");
  g_assert_cmpint (count (fixture, "SELECT verified_at FROM customers"), ==, GX_TEST_NOW);
  /* The stamp itself is not a change of its own in the register. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM change_log WHERE field LIKE 'verif%'"), ==, 0);
}

static void
test_phone_change_needs_verification (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GPtrArray) contacts = contacts_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *mobile = gx_db_query_string (reader (fixture), "SELECT id FROM customer_contacts WHERE kind = 'mobile'", NULL, NULL);
  g_autofree char *email = gx_db_query_string (reader (fixture), "SELECT id FROM customer_contacts WHERE kind = 'email'", NULL, NULL);

  g_ptr_array_add (contacts, gx_contact_edit_new (mobile, "mobile", "", "139 0000 1111", TRUE));
  g_ptr_array_add (contacts, gx_contact_edit_new (email, "email", "work", "w.wei@example.com", TRUE));

  g_assert_false (save (fixture, fixture->id, fields, contacts, NULL, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "verification");
  g_clear_error (&error);

  g_assert_true (save (fixture, fixture->id, fields, contacts, "SMS code to the old number", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM change_log WHERE record_kind = 'customer_contact'"), ==, 2);

  /* An e-mail address is not an identity field: it changes freely. */
  g_clear_pointer (&contacts, g_ptr_array_unref);
  contacts = contacts_new ();
  g_ptr_array_add (contacts, gx_contact_edit_new (mobile, "mobile", "", "139 0000 1111", TRUE));
  g_ptr_array_add (contacts, gx_contact_edit_new (email, "email", "work", "wei@example.org", TRUE));
  g_assert_true (save (fixture, fixture->id, fields, contacts, NULL, &error));
  g_assert_no_error (error);
}

static void
test_bad_contact_named (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GPtrArray) contacts = contacts_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = gx_uuid_v7_new ();

  json_object_set_string_member (fields, "name", "李娜");
  g_ptr_array_add (contacts, gx_contact_edit_new (NULL, "mobile", "", "13900001111", TRUE));
  g_ptr_array_add (contacts, gx_contact_edit_new (NULL, "landline", "", "12345", FALSE));

  /* The second contact is wrong: its row is named, and the whole profile is not saved. */
  g_assert_false (save (fixture, id, fields, contacts, NULL, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_INVALID);
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "contact-1");
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customer_contacts"), ==, 2);
}

static void
test_kind_rules (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) company = json_object_new ();
  g_autoptr(JsonObject) person = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *company_id = gx_uuid_v7_new ();
  g_autofree char *person_id = gx_uuid_v7_new ();

  json_object_set_string_member (company, "name", "华夏科技有限公司");
  json_object_set_string_member (company, "kind", "enterprise");
  json_object_set_string_member (company, "id_type", "business_license");
  g_assert_false (save (fixture, company_id, company, NULL, NULL, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "industry");
  g_clear_error (&error);
  json_object_set_string_member (company, "industry", "信息技术");
  g_assert_true (save (fixture, company_id, company, NULL, NULL, &error));
  g_assert_no_error (error);

  /* The birthday a resident ID implies must agree with the one typed. */
  json_object_set_string_member (person, "name", "张三");
  json_object_set_string_member (person, "id_type", "resident");
  json_object_set_string_member (person, "id_number", "11010519491231002X");
  json_object_set_string_member (person, "birthday", "1950-01-01");
  g_assert_false (save (fixture, person_id, person, NULL, NULL, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "birthday");
  g_assert_nonnull (strstr (error->message, "1949-12-31"));
  g_clear_error (&error);

  json_object_set_string_member (person, "birthday", "1949-12-31");
  json_object_set_string_member (person, "gender", "male");
  g_assert_false (save (fixture, person_id, person, NULL, NULL, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "gender");
  g_clear_error (&error);

  json_object_set_string_member (person, "name", "   ");
  g_assert_false (save (fixture, person_id, person, NULL, NULL, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "name");
}

typedef struct
{
  const char *id;
  JsonObject *snapshot;
  gboolean    restore;
} Delete;

static gboolean
do_delete (GxDb      *db,
           gpointer   user_data,
           GError   **error)
{
  Delete *d = user_data;
  GxWriteMeta meta = { .now = GX_TEST_NOW };

  if (d->restore)
    return gx_customer_restore (db, d->snapshot, &meta, error);

  d->snapshot = gx_customer_delete (db, d->id, &meta, error);
  return d->snapshot != NULL;
}

static gboolean
log_open (GxDb      *db,
          gpointer   user_data,
          GError   **error)
{
  GxWriteMeta meta = { .now = GX_TEST_NOW };

  return gx_customer_log_access (db, user_data, "open", NULL, "客户来电核实地址", &meta, error);
}

static void
test_delete_undo_and_history (Fixture       *fixture,
                              gconstpointer  data)
{
  Delete d = { fixture->id, NULL, FALSE };
  g_autoptr(GError) error = NULL;

  /* A mistaken entry without history goes, with its contacts; undo brings all back. */
  g_assert_true (gx_store_write_sync (fixture->store, do_delete, &d, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customer_contacts"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE op = 'delete'"), ==, 3);

  d.restore = TRUE;
  g_assert_true (gx_store_write_sync (fixture->store, do_delete, &d, &error));
  g_assert_no_error (error);
  g_clear_pointer (&d.snapshot, json_object_unref);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE name = '王伟' AND number = 'C10000001'"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customer_contacts"), ==, 2);

  /* Once the profile has history (an access registered), it can only be archived. */
  g_assert_true (gx_store_write_sync (fixture->store, log_open, fixture->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM access_log WHERE action = 'open' AND reason = '客户来电核实地址'"), ==, 1);
  d.restore = FALSE;
  g_assert_false (gx_store_write_sync (fixture->store, do_delete, &d, &error));
  g_assert_error (error, GX_CUSTOMER_ERROR, GX_CUSTOMER_ERROR_HAS_HISTORY);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers"), ==, 1);
}

static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) contacts = contacts_new ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  /* The same ID number, written with a small x. */
  found = gx_customer_find_duplicates (reader (fixture), NULL, "张三", NULL, "11010519491231002x", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((GxDuplicate *) g_ptr_array_index (found, 0))->reason, ==, "Same ID number");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* The same phone, typed another way. */
  g_ptr_array_add (contacts, gx_contact_edit_new (NULL, "mobile", "", "+86 138-0013-8000", TRUE));
  found = gx_customer_find_duplicates (reader (fixture), NULL, "张三", NULL, NULL, contacts, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((GxDuplicate *) g_ptr_array_index (found, 0))->number, ==, "C10000001");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* A name that sounds the same and the same birthday; not without the birthday. */
  found = gx_customer_find_duplicates (reader (fixture), NULL, "汪伟", "1949-12-31", NULL, NULL, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((GxDuplicate *) g_ptr_array_index (found, 0))->reason, ==, "Similar name and the same birthday");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = gx_customer_find_duplicates (reader (fixture), NULL, "王伟", NULL, NULL, NULL, &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* The profile being edited is not its own duplicate. */
  found = gx_customer_find_duplicates (reader (fixture), fixture->id, "王伟", "1949-12-31", "11010519491231002X", contacts, &error);
  g_assert_cmpuint (found->len, ==, 0);
}


typedef struct
{
  const char *survivor;
  const char *merged;
  char       *merge_id;
  gboolean    undo;
} Merge;

static gboolean
do_merge (GxDb      *db,
          gpointer   user_data,
          GError   **error)
{
  Merge *m = user_data;
  GxWriteMeta meta = { .now = GX_TEST_NOW + (m->undo ? 120 : 60) };

  if (m->undo)
    return gx_customer_unmerge (db, m->merge_id, &meta, error);

  m->merge_id = gx_customer_merge (db, m->survivor, m->merged, "同一身份证号，客户来电确认", &meta, error);
  return m->merge_id != NULL;
}

static gboolean
add_history (GxDb      *db,
             gpointer   user_data,
             GError   **error)
{
  const char *customer_id = user_data;
  GxWriteMeta meta = { .now = GX_TEST_NOW };
  g_autoptr(JsonObject) user = json_object_new ();
  g_autoptr(JsonObject) kase = json_object_new ();
  g_autoptr(JsonObject) log = json_object_new ();
  g_autoptr(JsonObject) interest = json_object_new ();
  g_autofree char *user_id = gx_uuid_v7_new ();
  g_autofree char *case_id = gx_uuid_v7_new ();
  g_autofree char *log_id = gx_uuid_v7_new ();
  g_autofree char *interest_id = gx_uuid_v7_new ();

  json_object_set_string_member (user, "username", "lina");
  json_object_set_string_member (user, "display_name", "李娜");
  json_object_set_string_member (user, "role", "desk");
  json_object_set_string_member (kase, "number", "T2026000001");
  json_object_set_string_member (kase, "customer_id", customer_id);
  json_object_set_string_member (kase, "channel", "hotline");
  json_object_set_string_member (kase, "subject", "账单有误");
  json_object_set_string_member (kase, "description", "王伟来电（138 0013 8000）：十月燃气费翻倍");
  json_object_set_string_member (kase, "first_responder_id", user_id);
  json_object_set_int_member (kase, "received_at", GX_TEST_NOW);
  json_object_set_int_member (kase, "created_at", GX_TEST_NOW);
  json_object_set_int_member (kase, "updated_at", GX_TEST_NOW);
  json_object_set_string_member (log, "customer_id", customer_id);
  json_object_set_int_member (log, "at", GX_TEST_NOW);
  json_object_set_string_member (log, "channel", "phone");
  json_object_set_string_member (log, "subject", "来电");
  json_object_set_string_member (interest, "customer_id", customer_id);
  json_object_set_string_member (interest, "interest", "高尔夫");

  return gx_record_insert (db, "user", user_id, user, &meta, error) &&
         gx_record_insert (db, "case", case_id, kase, &meta, error) &&
         gx_record_insert (db, "contact_log", log_id, log, &meta, error) &&
         gx_record_insert (db, "customer_interest", interest_id, interest, &meta, error);
}

static void
test_merge_and_unmerge (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GPtrArray) contacts = contacts_new ();
  g_autoptr(GPtrArray) preview = NULL;
  g_autoptr(GPtrArray) filled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *survivor = gx_uuid_v7_new ();
  Merge m = { survivor, fixture->id, NULL, FALSE };
  guint moves = 0, stays = 0;

  /* The duplicate (the fixture's 王伟 with ID, birthday, a phone and an e-mail) gets history;
   * the survivor was entered again at another counter with only a phone. */
  g_assert_true (gx_store_write_sync (fixture->store, add_history, fixture->id, &error));
  g_assert_no_error (error);
  json_object_set_string_member (fields, "name", "王伟");
  g_ptr_array_add (contacts, gx_contact_edit_new (NULL, "mobile", "", "13900001111", TRUE));
  g_assert_true (save (fixture, survivor, fields, contacts, NULL, &error));
  g_assert_no_error (error);

  /* The preview names every record: what moves, what stays and why. */
  preview = gx_customer_merge_preview (reader (fixture), survivor, fixture->id, &filled, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < preview->len; i++)
    {
      GxMergeItem *item = g_ptr_array_index (preview, i);
      if (item->moves)
        moves++;
      else
        {
          stays++;
          g_assert_nonnull (item->reason);
        }
    }
  /* Two contacts, the interest and the case move; the contact log stays. */
  g_assert_cmpuint (moves, ==, 4);
  g_assert_cmpuint (stays, ==, 1);
  g_assert_true (g_ptr_array_find_with_equal_func (filled, "birthday", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (filled, "id_number", g_str_equal, NULL));

  gx_store_write_sync (fixture->store, do_merge, &m, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM cases WHERE customer_id = (SELECT id FROM customers WHERE number = 'C10000002')"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customer_contacts WHERE customer_id = (SELECT id FROM customers WHERE number = 'C10000002')"), ==, 3);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE number = 'C10000002' AND birthday = '1949-12-31'"
                                   " AND id_number = '11010519491231002X'"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE number = 'C10000001' AND archived_at IS NOT NULL"
                                   " AND merged_into = (SELECT id FROM customers WHERE number = 'C10000002')"), ==, 1);
  /* Every step goes to the server, the journal too. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE kind = 'customer_merge'"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE kind = 'case' AND op = 'update'"), ==, 1);

  /* A merged profile cannot be merged again, nor a profile into itself. */
  {
    Merge again = { survivor, fixture->id, NULL, FALSE };
    Merge self = { survivor, survivor, NULL, FALSE };

    g_assert_false (gx_store_write_sync (fixture->store, do_merge, &again, &error));
    g_clear_error (&error);
    g_assert_false (gx_store_write_sync (fixture->store, do_merge, &self, &error));
    g_clear_error (&error);
  }

  /* Undone later from the journal: everything back where it was. */
  m.undo = TRUE;
  gx_store_write_sync (fixture->store, do_merge, &m, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM cases WHERE customer_id = (SELECT id FROM customers WHERE number = 'C10000001')"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customer_contacts WHERE customer_id = (SELECT id FROM customers WHERE number = 'C10000002')"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE number = 'C10000002' AND birthday IS NULL AND id_number IS NULL"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE number = 'C10000001' AND archived_at IS NULL AND merged_into IS NULL"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customer_merges WHERE undone_at IS NOT NULL"), ==, 1);
  g_assert_false (gx_store_write_sync (fixture->store, do_merge, &m, &error));
  g_free (m.merge_id);
}


static gboolean
do_erase (GxDb      *db,
          gpointer   user_data,
          GError   **error)
{
  GxWriteMeta meta = { .now = GX_TEST_NOW + 3600 };

  return gx_customer_erase (db, user_data, "本人书面申请，身份证已核验", &meta, error);
}

static void
test_erase (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gx_store_write_sync (fixture->store, add_history, fixture->id, &error));
  g_assert_no_error (error);
  json_object_set_string_member (fields, "notes", "王伟 138 0013 8000 常来电");
  g_assert_true (save (fixture, fixture->id, fields, NULL, NULL, &error));

  g_assert_true (gx_store_write_sync (fixture->store, do_erase, fixture->id, &error));
  g_assert_no_error (error);

  /* The profile is anonymous; the number stays for the complaint records. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE number = 'C10000001' AND name = 'Erased customer'"
                                   " AND id_number IS NULL AND birthday IS NULL AND gender IS NULL AND notes = ''"
                                   " AND erased_at IS NOT NULL AND archived_at IS NOT NULL"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customer_contacts"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customer_interests"), ==, 0);
  /* Registers keep that something happened, not what. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM contact_log WHERE subject = ''"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM change_log WHERE old_value LIKE '%王伟%' OR new_value LIKE '%王伟%'"
                                   " OR old_value LIKE '%1101%'"), ==, 0);
  /* The complaint stays. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM cases WHERE number = 'T2026000001'"
                                   " AND description = '[erased]来电（[erased]）：十月燃气费翻倍'"), ==, 1);
  /* Nothing left to find the person by. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customer_search WHERE customer_search MATCH '\"wangwei\"'"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customer_search WHERE customer_search MATCH '\"13800138000\"'"), ==, 0);
  /* And every desk is told. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE kind = 'contact_log' AND op = 'update'"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox WHERE kind = 'customer_contact' AND op = 'delete'"), ==, 2);
}

static gboolean
remedy_to_account (GxDb      *db,
                   gpointer   user_data,
                   GError   **error)
{
  GxWriteMeta meta = { .now = GX_TEST_NOW + 60 };
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *case_id = gx_db_query_string (db, "SELECT id FROM cases WHERE number = 'T2026000001'", NULL, error);

  json_object_set_string_member (changes, "remedy_sought", "退回多收费用至招行卡 6225 8801 2345 6789");
  return case_id != NULL && gx_record_update (db, "case", case_id, changes, &meta, error);
}

/* Bank and card accounts: checked by the field, masked wherever a desk shows or prints them,
 * whole in the person's own data export, gone after an erasure. */
static void
test_accounts (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(JsonObject) bad = json_object_new ();
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) exported = NULL;
  g_autoptr(GPtrArray) printed = NULL;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GError) error = NULL;
  gboolean masked_line = FALSE;
  gboolean whole_line = FALSE;

  json_object_set_string_member (bad, "accounts", "招行 6225 88");
  g_assert_false (save (fixture, fixture->id, bad, NULL, NULL, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "accounts");
  g_clear_error (&error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE accounts <> ''"), ==, 0);

  json_object_set_string_member (fields, "accounts", "招行储蓄卡 6225 8801 2345 6789");
  g_assert_true (save (fixture, fixture->id, fields, NULL, NULL, &error));
  g_assert_no_error (error);

  printed = gx_customer_dossier (reader (fixture), fixture->id, FALSE, tz, &error);
  g_assert_no_error (error);
  held = gx_customer_dossier (reader (fixture), fixture->id, TRUE, tz, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < printed->len; i++)
    {
      GxDossierSection *section = g_ptr_array_index (printed, i);

      for (guint j = 0; j < section->lines->len; j++)
        {
          g_assert_null (strstr (g_ptr_array_index (section->lines, j), "8801 2345"));
          masked_line |= strstr (g_ptr_array_index (section->lines, j), "招行储蓄卡 6225••••••••6789") != NULL;
        }
    }
  for (guint i = 0; i < held->len; i++)
    {
      GxDossierSection *section = g_ptr_array_index (held, i);

      for (guint j = 0; j < section->lines->len; j++)
        whole_line |= strstr (g_ptr_array_index (section->lines, j), "招行储蓄卡 6225 8801 2345 6789") != NULL;
    }
  g_assert_true (masked_line);
  g_assert_true (whole_line);

  exported = gx_customer_export_json (reader (fixture), fixture->id, GX_TEST_NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (exported, "customer"), "accounts"),
                   ==, "招行储蓄卡 6225 8801 2345 6789");

  /* A complaint that names the account keeps its text without it. */
  g_assert_true (gx_store_write_sync (fixture->store, add_history, fixture->id, &error));
  g_assert_no_error (error);
  g_assert_true (gx_store_write_sync (fixture->store, remedy_to_account, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (gx_store_write_sync (fixture->store, do_erase, fixture->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE accounts <> ''"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM cases WHERE remedy_sought = '退回多收费用至招行卡 [erased]'"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM change_log WHERE old_value LIKE '%8801%' OR new_value LIKE '%8801%'"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/customer/create-with-contacts", Fixture, NULL, fixture_set_up, test_create_with_contacts, fixture_tear_down);
  g_test_add ("/core/customer/identity-needs-verification", Fixture, NULL, fixture_set_up, test_identity_needs_verification, fixture_tear_down);
  g_test_add ("/core/customer/phone-change-needs-verification", Fixture, NULL, fixture_set_up, test_phone_change_needs_verification, fixture_tear_down);
  g_test_add ("/core/customer/bad-contact-named", Fixture, NULL, fixture_set_up, test_bad_contact_named, fixture_tear_down);
  g_test_add ("/core/customer/kind-rules", Fixture, NULL, fixture_set_up, test_kind_rules, fixture_tear_down);
  g_test_add ("/core/customer/delete-undo-and-history", Fixture, NULL, fixture_set_up, test_delete_undo_and_history, fixture_tear_down);
  g_test_add ("/core/customer/merge-and-unmerge", Fixture, NULL, fixture_set_up, test_merge_and_unmerge, fixture_tear_down);
  g_test_add ("/core/customer/erase", Fixture, NULL, fixture_set_up, test_erase, fixture_tear_down);
  g_test_add ("/core/customer/duplicates", Fixture, NULL, fixture_set_up, test_duplicates, fixture_tear_down);
  g_test_add ("/core/customer/accounts", Fixture, NULL, fixture_set_up, test_accounts, fixture_tear_down);

  return g_test_run ();
}
