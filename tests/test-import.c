/* test-import.c: customers from spreadsheets and address books — RFC 4180 edge cases,
 * GB18030, mapping, a report per row, nothing half-imported; vCards there and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gx-csv.h"
#include "gx-customer.h"
#include "gx-customer-import.h"
#include "gx-store.h"
#include "gx-test-util.h"
#include "gx-uuid.h"
#include "gx-vcard.h"

typedef struct
{
  GxStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.sqlite", NULL);
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

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  return gx_db_query_int (gx_store_get_main_reader (fixture->store), sql, NULL, -1, NULL);
}

/* CSV */

static void
test_csv_rfc4180 (void)
{
  const char *text = "\xEF\xBB\xBF" "姓名,手机,备注\r\n"
                     "王伟,13800138000,\"喜欢高尔夫, 红酒\"\r\n"
                     "\"李 \"\"娜娜\"\"\",13900139000,\"第一行\n第二行\"\r\n"
                     "\r\n"
                     "张三,,\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *utf8 = gx_csv_to_utf8 (text, strlen (text), NULL, &error);
  g_autoptr(GPtrArray) records = gx_csv_parse (utf8, &error);
  GStrv r;

  g_assert_no_error (error);
  /* The byte-order mark is gone, blank lines are skipped. */
  g_assert_cmpuint (records->len, ==, 4);
  r = g_ptr_array_index (records, 0);
  g_assert_cmpstr (r[0], ==, "姓名");
  /* Quoted commas, doubled quotes and line breaks stay inside their field. */
  r = g_ptr_array_index (records, 1);
  g_assert_cmpstr (r[2], ==, "喜欢高尔夫, 红酒");
  r = g_ptr_array_index (records, 2);
  g_assert_cmpstr (r[0], ==, "李 \"娜娜\"");
  g_assert_cmpstr (r[2], ==, "第一行\n第二行");
  /* Empty fields are empty, not missing. */
  r = g_ptr_array_index (records, 3);
  g_assert_cmpuint (g_strv_length (r), ==, 3);
  g_assert_cmpstr (r[1], ==, "");
}

static void
test_csv_gb18030_and_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gb = g_convert ("姓名,电话\r\n王伟,010-65521234\r\n", -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  const char *encoding = NULL;
  g_autofree char *utf8 = gx_csv_to_utf8 (gb, strlen (gb), &encoding, &error);
  g_autoptr(GPtrArray) records = NULL;

  /* What Excel and WPS save in a Chinese locale reads right. */
  g_assert_no_error (error);
  g_assert_cmpstr (encoding, ==, "GB18030");
  g_assert_cmpstr (utf8, ==, "姓名,电话\r\n王伟,010-65521234\r\n");

  /* A quote never closed is an error with its line, not a silent truncation. */
  records = gx_csv_parse ("a,b\n\"c,d\ne,f\n", &error);
  g_assert_null (records);
  g_assert_error (error, GX_CSV_ERROR, GX_CSV_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "2"));
}

/* Import */

typedef struct
{
  GPtrArray    *rows;
  gboolean      check_only;
  GCancellable *cancellable;
  guint         progress;
} Import;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Import *import = user_data;

  import->progress = done;
  /* Stopping halfway: the user pressed Cancel. */
  if (import->cancellable != NULL && done == 2)
    g_cancellable_cancel (import->cancellable);
}

static gboolean
do_import (GxDb      *db,
           gpointer   user_data,
           GError   **error)
{
  Import *import = user_data;
  GxWriteMeta meta = { .now = GX_TEST_NOW };

  return gx_import_run (db, import->rows, import->check_only, &meta, on_progress, import, import->cancellable, error);
}

static GPtrArray *
rows_from (const char *text)
{
  g_autoptr(GPtrArray) records = gx_csv_parse (text, NULL);
  GStrv headings = g_ptr_array_index (records, 0);
  guint n = g_strv_length (headings);
  g_autofree GxImportTarget *mapping = g_new0 (GxImportTarget, n);

  for (guint i = 0; i < n; i++)
    mapping[i] = gx_import_guess_target (headings[i]);
  return gx_import_rows_from_csv (records, mapping, n, TRUE);
}

static const char sample[] =
  "姓名,手机,生日,身份证号,公司,兴趣\r\n"
  "王伟,138 0013 8000,1949/12/31,11010519491231002X,华夏银行,\"高尔夫,红酒\"\r\n"
  "李娜,12345,,,,\r\n"
  "张三,13900139000,,,,\r\n"
  "王伟,+86 138-0013-8000,,,,\r\n";

static void
test_import_report_per_row (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = rows_from (sample);
  g_autoptr(GError) error = NULL;
  Import import = { rows, TRUE, NULL, 0 };
  GxImportRow *row;

  /* Headings in Chinese map themselves. */
  g_assert_cmpint (gx_import_guess_target ("手机号码"), ==, GX_IMPORT_MOBILE);
  g_assert_cmpint (gx_import_guess_target ("E-mail"), ==, GX_IMPORT_EMAIL);
  g_assert_cmpint (gx_import_guess_target ("Favourite colour"), ==, GX_IMPORT_SKIP);

  /* A check reports every row and imports nothing. */
  g_assert_true (gx_store_write_sync (fixture->store, do_import, &import, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (((GxImportRow *) g_ptr_array_index (rows, 0))->status, ==, GX_IMPORT_READY);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpint (row->status, ==, GX_IMPORT_REFUSED);
  g_assert_cmpuint (row->line, ==, 3);
  g_assert_nonnull (strstr (row->message, "11 digits"));
  /* The same phone again, written another way, within the file. */
  row = g_ptr_array_index (rows, 3);
  g_assert_cmpint (row->status, ==, GX_IMPORT_DUPLICATE);

  /* The import takes the right rows, with their contacts, interests and the date normalised. */
  import.check_only = FALSE;
  g_assert_true (gx_store_write_sync (fixture->store, do_import, &import, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers"), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE name = '王伟' AND birthday = '1949-12-31'"
                                   " AND id_type = 'resident' AND company = '华夏银行'"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customer_interests"), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customer_contacts WHERE value = '138 0013 8000'"), ==, 1);
  g_assert_nonnull (((GxImportRow *) g_ptr_array_index (rows, 0))->customer_id);

  /* Imported again: everything is in the archive already. */
  g_assert_true (gx_store_write_sync (fixture->store, do_import, &import, &error));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers"), ==, 2);
  g_assert_cmpint (((GxImportRow *) g_ptr_array_index (rows, 0))->status, ==, GX_IMPORT_DUPLICATE);
}

static void
test_import_cancel_leaves_nothing (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = rows_from (sample);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Import import = { rows, FALSE, cancellable, 0 };

  g_assert_false (gx_store_write_sync (fixture->store, do_import, &import, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Two rows were saved before the stop; the transaction took them back. */
  g_assert_cmpuint (import.progress, ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customer_contacts"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customer_search WHERE customer_search MATCH 'wangwei'"), ==, 0);
}

/* vCard */

static void
test_vcard_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = rows_from ("姓名,手机,电话,邮箱,地址,生日,性别,公司,备注\r\n"
                                         "欧阳建国,13800138000,010-65521234,ouyang@example.com,\"北京市朝阳区建国路 1 号; 3 单元\","
                                         "1970-01-05,男,华夏银行,\"VIP, 每月回访\\n第二行\"\r\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) cards = NULL;
  g_autoptr(GPtrArray) back = NULL;
  g_autofree char *card = NULL;
  g_autofree char *id = NULL;
  Import import = { rows, FALSE, NULL, 0 };
  GxImportRow *row;

  g_assert_true (gx_store_write_sync (fixture->store, do_import, &import, &error));
  g_assert_no_error (error);
  id = g_strdup (((GxImportRow *) g_ptr_array_index (rows, 0))->customer_id);

  card = gx_vcard_from_customer (gx_store_get_main_reader (fixture->store), id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (card, "VERSION:4.0\r\n"));
  g_assert_nonnull (strstr (card, "N:欧阳;建国;;;\r\n"));
  /* International form: the area code's 0 goes, +86 comes. */
  g_assert_nonnull (strstr (card, "TEL;VALUE=uri;TYPE=voice:tel:+86-1065521234\r\n"));
  g_assert_nonnull (strstr (card, "ADR:;;北京市朝阳区建国路 1 号\\; 3 单元;;;;\r\n"));
  g_assert_nonnull (strstr (card, "BDAY:19700105\r\n"));
  /* Every physical line fits in 75 octets. */
  {
    g_auto(GStrv) lines = g_strsplit (card, "\r\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
  }

  /* Read back: the same person, field for field. */
  cards = gx_vcard_parse (card, &error);
  g_assert_no_error (error);
  back = gx_import_rows_from_vcards (cards);
  g_assert_cmpuint (back->len, ==, 1);
  row = g_ptr_array_index (back, 0);
  g_assert_cmpstr (json_object_get_string_member (row->fields, "name"), ==, "欧阳建国");
  g_assert_cmpstr (json_object_get_string_member (row->fields, "birthday"), ==, "1970-01-05");
  g_assert_cmpstr (json_object_get_string_member (row->fields, "gender"), ==, "male");
  g_assert_cmpstr (json_object_get_string_member (row->fields, "company"), ==, "华夏银行");
  g_assert_cmpstr (json_object_get_string_member (row->fields, "notes"), ==, "VIP, 每月回访\\n第二行");
  g_assert_cmpuint (row->contacts->len, ==, 4);
  for (guint i = 0; i < row->contacts->len; i++)
    {
      GxContactEdit *contact = g_ptr_array_index (row->contacts, i);

      if (g_str_equal (contact->kind, "landline"))
        g_assert_cmpstr (contact->value, ==, "01065521234");
      else if (g_str_equal (contact->kind, "mobile"))
        g_assert_cmpstr (contact->value, ==, "13800138000");
      else if (g_str_equal (contact->kind, "address"))
        g_assert_cmpstr (contact->value, ==, "北京市朝阳区建国路 1 号; 3 单元");
      else
        g_assert_cmpstr (contact->value, ==, "ouyang@example.com");
    }
}

static void
test_vcard_3_0 (void)
{
  /* As phones and mail programs write 3.0: bare types, a folded line, escapes. */
  const char *text = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Zhang;San;;;\r\nFN:Zhang San\r\n"
                     "TEL;TYPE=CELL:+86 139 0013 9000\r\nTEL;WORK:0755-1234 5678\r\n"
                     "EMAIL;TYPE=INTERNET:zhang@example.com\r\nNOTE:line one\\, with a comma\r\n  and a fold\r\n"
                     "BDAY:1980-02-29\r\nEND:VCARD\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) cards = gx_vcard_parse (text, &error);
  g_autoptr(GPtrArray) rows = NULL;
  GxImportRow *row;

  g_assert_no_error (error);
  rows = gx_import_rows_from_vcards (cards);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (row->fields, "name"), ==, "Zhang San");
  g_assert_cmpstr (json_object_get_string_member (row->fields, "notes"), ==, "line one, with a comma and a fold");
  g_assert_cmpstr (json_object_get_string_member (row->fields, "birthday"), ==, "1980-02-29");
  g_assert_cmpstr (((GxContactEdit *) g_ptr_array_index (row->contacts, 0))->kind, ==, "mobile");
  g_assert_cmpstr (((GxContactEdit *) g_ptr_array_index (row->contacts, 0))->value, ==, "13900139000");
  g_assert_cmpstr (((GxContactEdit *) g_ptr_array_index (row->contacts, 1))->kind, ==, "landline");

  /* A card never ended is an error. */
  g_clear_pointer (&cards, json_array_unref);
  cards = gx_vcard_parse ("BEGIN:VCARD\r\nFN:x\r\n", &error);
  g_assert_null (cards);
  g_assert_error (error, GX_VCARD_ERROR, GX_VCARD_ERROR_SYNTAX);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/import/csv-rfc4180", test_csv_rfc4180);
  g_test_add_func ("/core/import/csv-gb18030-and-errors", test_csv_gb18030_and_errors);
  g_test_add ("/core/import/report-per-row", Fixture, NULL, fixture_set_up, test_import_report_per_row, fixture_tear_down);
  g_test_add ("/core/import/cancel-leaves-nothing", Fixture, NULL, fixture_set_up, test_import_cancel_leaves_nothing, fixture_tear_down);
  g_test_add ("/core/import/vcard-round-trip", Fixture, NULL, fixture_set_up, test_vcard_round_trip, fixture_tear_down);
  g_test_add_func ("/core/import/vcard-3-0", test_vcard_3_0);

  return g_test_run ();
}
