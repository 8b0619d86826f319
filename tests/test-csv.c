/* test-csv.c: lists as CSV a spreadsheet opens right — quoting, BOM, CRLF, no formulas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gx-csv.h"
#include "gx-customer-row.h"
#include "gx-partial-file.h"
#include "gx-record.h"
#include "gx-search.h"
#include "gx-store.h"
#include "gx-test-util.h"
#include "gx-uuid.h"

#define BOM "\xEF\xBB\xBF"

static char *
finish (GxCsvWriter *writer)
{
  return gx_csv_writer_free_to_string (writer, NULL);
}

static void
test_quoting (void)
{
  GxCsvWriter *writer = gx_csv_writer_new ();
  g_autofree char *text = NULL;

  gx_csv_writer_add_text (writer, "王伟");
  gx_csv_writer_add_text (writer, "Wang, Wei");
  gx_csv_writer_add_text (writer, "他说\"好\"");
  gx_csv_writer_add_text (writer, "第一行\n第二行");
  gx_csv_writer_add_text (writer, NULL);
  gx_csv_writer_add_text (writer, "");
  gx_csv_writer_end_row (writer);
  gx_csv_writer_add_int (writer, 12408);
  gx_csv_writer_end_row (writer);
  g_assert_cmpuint (gx_csv_writer_get_n_rows (writer), ==, 2);

  text = finish (writer);
  g_assert_cmpstr (text, ==,
                   BOM "王伟,\"Wang, Wei\",\"他说\"\"好\"\"\",\"第一行\n第二行\",,\r\n"
                   "12408\r\n");
}

static void
test_formula_kept_as_text (void)
{
  GxCsvWriter *writer = gx_csv_writer_new ();
  g_autofree char *text = NULL;

  gx_csv_writer_add_text (writer, "=HYPERLINK(\"http://x\")");
  gx_csv_writer_add_text (writer, "@SUM(A1)");
  gx_csv_writer_add_text (writer, "+cmd|' /C calc'!A0");
  gx_csv_writer_add_text (writer, "-2+3");
  gx_csv_writer_end_row (writer);
  /* Phone numbers and signed amounts are data, not formulas. */
  gx_csv_writer_add_text (writer, "+86 138 0013 8000");
  gx_csv_writer_add_text (writer, "-120");
  gx_csv_writer_add_int (writer, -120);
  gx_csv_writer_add_double (writer, 4.25, 2);
  gx_csv_writer_add_double (writer, -0.5, 1);
  gx_csv_writer_end_row (writer);

  text = finish (writer);
  g_assert_cmpstr (text, ==,
                   BOM "\"'=HYPERLINK(\"\"http://x\"\")\",\"'@SUM(A1)\",\"'+cmd|' /C calc'!A0\",\"'-2+3\"\r\n"
                   "+86 138 0013 8000,-120,-120,4.25,-0.5\r\n");
}

static void
test_flush_in_pieces (void)
{
  g_autoptr(GxCsvWriter) writer = gx_csv_writer_new ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;

  gx_csv_writer_add_text (writer, "a");
  gx_csv_writer_end_row (writer);
  g_assert_true (gx_csv_writer_flush (writer, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gx_csv_writer_get_buffered (writer), ==, 0);
  gx_csv_writer_add_text (writer, "b");
  gx_csv_writer_end_row (writer);
  g_assert_true (gx_csv_writer_flush (writer, stream, NULL, &error));
  g_assert_true (g_output_stream_close (stream, NULL, &error));

  all = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                   g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
  /* One byte order mark, at the very start. */
  g_assert_cmpstr (all, ==, BOM "a\r\nb\r\n");
}

/* Lists */

typedef struct
{
  GxStore *store;
  char    *dir;
} Fixture;

typedef struct
{
  const char *number;
  const char *name;
  const char *tier;
  gint64      last_contact;
} Customer;

static gboolean
write_customers (GxDb      *db,
                 gpointer   data,
                 GError   **error)
{
  const Customer *customers = data;
  GxWriteMeta meta = { .now = GX_TEST_NOW };

  for (guint i = 0; customers[i].number != NULL; i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autofree char *id = gx_uuid_v7_new_at ((GX_TEST_NOW + i) * 1000);

      json_object_set_string_member (fields, "number", customers[i].number);
      json_object_set_string_member (fields, "name", customers[i].name);
      json_object_set_string_member (fields, "tier_id", customers[i].tier);
      json_object_set_int_member (fields, "created_at", GX_TEST_NOW);
      json_object_set_int_member (fields, "updated_at", GX_TEST_NOW);
      if (!gx_record_insert (db, "customer", id, fields, &meta, error))
        return FALSE;
      /* last_contact_at is derived from the contact log: set it as the log would. */
      if (customers[i].last_contact != 0)
        {
          sqlite3_stmt *stmt = gx_db_prepare (db, "UPDATE customers SET last_contact_at = ? WHERE id = ?", error);

          sqlite3_bind_int64 (stmt, 1, customers[i].last_contact);
          sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
          if (!gx_db_step_done (db, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* The files in @dir other than the desk's own database. */
static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (!g_str_has_prefix (name, "desk.sqlite"))
      n++;
  return n;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const Customer customers[] = {
    { "C001", "王伟", "gold", GX_TEST_NOW - 3600 },
    { "C002", "Smith, \"Jo\"", "diamond", 0 },
    { "C003", "=1+1", "basic", 0 },
    { NULL }
  };
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_strdup (gx_test_make_dir ());
  path = g_build_filename (fixture->dir, "desk.sqlite", NULL);
  fixture->store = gx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (gx_store_write_sync (fixture->store, write_customers, (gpointer) customers, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gx_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_free (fixture->dir);
}

static const GxCsvColumn columns[] = {
  { "number", "Number", GX_CSV_TEXT },
  { "name", "Name", GX_CSV_TEXT },
  { "tier", "Tier", GX_CSV_TEXT },
  { "last-contact-at", "Last contact", GX_CSV_DATE_TIME },
  { "at-risk", "At risk", GX_CSV_YES_NO },
};

typedef struct
{
  GError   *error;
  guint     n_rows;
  gboolean  done;
} ExportState;

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ExportState *state = user_data;

  gx_csv_export_rows_finish (GX_STORE (object), result, &state->n_rows, &state->error);
  state->done = TRUE;
}

static void
test_export_list (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autofree char *path = g_build_filename (fixture->dir, "customers.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GVariant) params = NULL;
  g_autofree char *keys_sql = gx_search_customers (NULL, &params);
  g_autofree char *contents = NULL;
  ExportState state = { 0 };

  GxCsvProgress progress = { 0 };

  gx_csv_export_rows_async (fixture->store, GX_TYPE_CUSTOMER_ROW, keys_sql, params,
                            columns, G_N_ELEMENTS (columns), tz, file, &progress, NULL, export_cb, &state);
  gx_test_wait_for (&state.done);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.n_rows, ==, 3);
  g_assert_cmpint (progress.total, ==, 3);
  g_assert_cmpint (progress.done, ==, 3);
  /* The file was written beside its name and renamed: nothing else is left in the folder. */
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  /* In the list's order (pinyin: "=1+1" sorts first, then Smith, then Wang), the tier as
   * its label, the time in the desk's zone (10:00 Shanghai − 1 h), the formula as text. */
  g_assert_cmpstr (contents, ==,
                   BOM "Number,Name,Tier,Last contact,At risk\r\n"
                   "C003,\"'=1+1\",Basic,,No\r\n"
                   "C002,\"Smith, \"\"Jo\"\"\",Diamond,,No\r\n"
                   "C001,王伟,Gold,2026-11-22 09:00,No\r\n");
}

static void
test_export_cancelled_keeps_file (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autofree char *path = g_build_filename (fixture->dir, "customers.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GVariant) params = NULL;
  g_autofree char *keys_sql = gx_search_customers (NULL, &params);
  g_autofree char *contents = NULL;
  ExportState state = { 0 };

  g_assert_true (g_file_set_contents (path, "last month's list", -1, NULL));
  g_cancellable_cancel (cancellable);
  gx_csv_export_rows_async (fixture->store, GX_TYPE_CUSTOMER_ROW, keys_sql, params,
                            columns, G_N_ELEMENTS (columns), tz, file, NULL, cancellable, export_cb, &state);
  gx_test_wait_for (&state.done);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "last month's list");
}

/* A new file: a cancelled export leaves no file at all, and nothing beside it. */
static void
test_export_cancelled_leaves_no_file (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autofree char *path = g_build_filename (fixture->dir, "customers.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GVariant) params = NULL;
  g_autofree char *keys_sql = gx_search_customers (NULL, &params);
  ExportState state = { 0 };

  g_cancellable_cancel (cancellable);
  gx_csv_export_rows_async (fixture->store, GX_TYPE_CUSTOMER_ROW, keys_sql, params,
                            columns, G_N_ELEMENTS (columns), tz, file, NULL, cancellable, export_cb, &state);
  gx_test_wait_for (&state.done);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (fixture->dir), ==, 0);
}

/* The way every export writes its file: what a failed or cancelled export wrote never
 * reaches the destination, which keeps the user's earlier file; a finished one replaces it;
 * nothing is left beside it either way. */
static void
test_partial_file (void)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "客户.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "last month's list\n", -1, &error));
  g_assert_no_error (error);

  for (guint round = 0; round < 2; round++)
    {
      gboolean finish = round == 1;
      g_autoptr(GFile) partial = NULL;
      g_autoptr(GFileOutputStream) stream = gx_partial_file_create (file, &partial, NULL, &error);
      g_autoptr(GDir) folder = NULL;
      guint n_names = 0;

      g_assert_no_error (error);
      g_assert_nonnull (stream);
      g_assert_false (g_file_equal (partial, file));
      g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (stream), "this month's", 12, NULL, NULL, &error));
      g_assert_no_error (error);

      if (finish)
        {
          g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (stream), " list\n", 6, NULL, NULL, &error));
          g_assert_true (gx_partial_file_commit (stream, partial, file, NULL, &error));
          g_assert_no_error (error);
        }
      else
        gx_partial_file_abandon (stream, partial);

      g_clear_pointer (&contents, g_free);
      g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (contents, ==, finish ? "this month's list\n" : "last month's list\n");

      folder = g_dir_open (dir, 0, &error);
      g_assert_no_error (error);
      while (g_dir_read_name (folder) != NULL)
        n_names++;
      g_assert_cmpuint (n_names, ==, 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/csv/quoting", test_quoting);
  g_test_add_func ("/core/csv/formula-kept-as-text", test_formula_kept_as_text);
  g_test_add_func ("/core/csv/flush-in-pieces", test_flush_in_pieces);
  g_test_add ("/core/csv/export-list", Fixture, NULL, fixture_set_up, test_export_list, fixture_tear_down);
  g_test_add_func ("/core/csv/partial-file", test_partial_file);
  g_test_add ("/core/csv/export-cancelled-keeps-file", Fixture, NULL, fixture_set_up,
              test_export_cancelled_keeps_file, fixture_tear_down);
  g_test_add ("/core/csv/export-cancelled-leaves-no-file", Fixture, NULL, fixture_set_up,
              test_export_cancelled_leaves_no_file, fixture_tear_down);

  return g_test_run ();
}
