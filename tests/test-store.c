/* test-store.c: opening, migrating, refusing and writing the desk's SQLite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include "gx-store.h"
#include "gx-test-util.h"

static char *
checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static void
test_migrate_empty (void)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = NULL;
  GxDb *db;
  g_autofree char *mode = NULL;

  store = gx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  db = gx_store_get_main_reader (store);
  g_assert_cmpint (gx_db_query_int (db, "PRAGMA user_version", NULL, -1, NULL), ==, gx_store_get_schema_version ());
  g_assert_cmpint (gx_db_query_int (db, "PRAGMA application_id", NULL, -1, NULL), ==, 0x47584931);
  mode = gx_db_query_string (db, "PRAGMA journal_mode", NULL, NULL);
  g_assert_cmpstr (mode, ==, "wal");

  /* Every table the mission names is there. */
  for (const char * const *t = (const char * const[]) {
         "users", "tiers", "customers", "customer_contacts", "customer_interests", "customer_links",
         "contact_log", "change_log", "access_log", "case_categories", "work_calendars",
         "calendar_days", "sla_policies", "cases", "case_events", "case_attachments",
         "service_factors", "return_visits", "return_visit_scores", "lessons", "clubs", "circles",
         "club_tiers", "tier_rights", "memberships", "membership_circles", "membership_log",
         "right_uses", "rewards", "points_ledger", "activity_plans", "activities", "activity_staff",
         "invitations", "invitation_guests", "checkins", "activity_evaluations", "outbox",
         "sync_conflicts", "sync_state", NULL };
       *t != NULL; t++)
    {
      g_assert_cmpint (gx_db_query_int (db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                                        g_variant_new ("(s)", *t), 0, NULL), ==, 1);
    }

  /* The reference data the seeds name. */
  g_assert_cmpint (gx_db_query_int (db, "SELECT count(*) FROM tiers", NULL, 0, NULL), ==, 14);
  g_assert_cmpint (gx_db_query_int (db, "SELECT count(*) FROM case_categories", NULL, 0, NULL), ==, 7);
  g_assert_cmpint (gx_db_query_int (db, "SELECT count(*) FROM service_factors", NULL, 0, NULL), ==, 5);
}

static gboolean
insert_user (GxDb      *db,
             gpointer   user_data,
             GError   **error)
{
  sqlite3_stmt *stmt = gx_db_prepare (db, "INSERT INTO users (id, username, display_name, role) VALUES (?, ?, ?, 'desk')", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, user_data, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, user_data, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, "李娜", -1, SQLITE_STATIC);
  return gx_db_step_done (db, stmt, error);
}

static void
test_reopen_keeps_data (void)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = NULL;

  store = gx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (gx_store_write_sync (store, insert_user, (gpointer) "u1", &error));
  g_assert_no_error (error);
  gx_store_close (store);
  g_clear_object (&store);

  store = gx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (store),
                                    "SELECT count(*) FROM users WHERE id = 'u1' AND display_name = '李娜'",
                                    NULL, 0, NULL), ==, 1);
  g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (store), "PRAGMA user_version", NULL, 0, NULL),
                   ==, gx_store_get_schema_version ());
}

static void
test_missing_folder_created (void)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "a", "b", "desk.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = gx_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A file the store refuses is reported and left byte for byte as it was. */
static void
assert_refused_unchanged (const char   *path,
                          GxStoreError  code)
{
  g_autofree char *before = checksum_file (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = gx_store_open (path, &error);

  g_assert_null (store);
  g_assert_error (error, GX_STORE_ERROR, (int) code);
  g_assert_nonnull (strstr (error->message, path));

  after = checksum_file (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (g_strconcat (path, "-wal", NULL), G_FILE_TEST_EXISTS));
}

static void
test_newer_schema_refused (void)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.sqlite", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = gx_store_open (path, &error);
  sqlite3 *raw;

  g_assert_no_error (error);
  gx_store_close (store);
  g_clear_object (&store);

  /* As a newer Guanxi would leave it: one more migration applied, back in rollback journal. */
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  sql = g_strdup_printf ("PRAGMA journal_mode=DELETE; PRAGMA user_version = %u;", gx_store_get_schema_version () + 1);
  g_assert_cmpint (sqlite3_exec (raw, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  assert_refused_unchanged (path, GX_STORE_ERROR_NEWER_SCHEMA);
}

static void
test_corrupt_refused (void)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.sqlite", NULL);
  g_autoptr(GString) junk = g_string_new (NULL);

  for (int i = 0; i < 4096; i++)
    g_string_append_c (junk, (char) (i * 7919 % 251));
  g_assert_true (g_file_set_contents (path, junk->str, (gssize) junk->len, NULL));

  assert_refused_unchanged (path, GX_STORE_ERROR_CORRUPT);
}

static void
test_foreign_file_refused (void)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "other.sqlite", NULL);
  sqlite3 *raw;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  assert_refused_unchanged (path, GX_STORE_ERROR_NOT_GUANXI);
}

static void
test_unreadable_refused (void)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root reads files whatever their mode");
      return;
    }

  store = gx_store_open (path, &error);
  g_assert_no_error (error);
  gx_store_close (store);
  g_clear_object (&store);

  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  store = gx_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, GX_STORE_ERROR, GX_STORE_ERROR_UNREADABLE);
  g_chmod (path, 0600);
}

static gboolean
insert_then_fail (GxDb      *db,
                  gpointer   user_data,
                  GError   **error)
{
  if (!insert_user (db, (gpointer) "half", error))
    return FALSE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "refused after the insert");
  return FALSE;
}

static void
test_failed_write_rolls_back (void)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = gx_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_false (gx_store_write_sync (store, insert_then_fail, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (store), "SELECT count(*) FROM users", NULL, -1, NULL), ==, 0);

  /* A constraint violation is an error too, and the store goes on working after it. */
  g_clear_error (&error);
  g_assert_true (gx_store_write_sync (store, insert_user, (gpointer) "same", &error));
  g_assert_false (gx_store_write_sync (store, insert_user, (gpointer) "same", &error));
  g_assert_error (error, GX_DB_ERROR, GX_DB_ERROR_CONSTRAINT);
  g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (store), "SELECT count(*) FROM users", NULL, -1, NULL), ==, 1);
}

static void
on_changed_cb (GxStore    *store,
               const char *table,
               GPtrArray  *tables)
{
  g_ptr_array_add (tables, g_strdup (table));
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean *done = user_data;

  g_assert_true (gx_store_write_finish (GX_STORE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_changed_after_commit (void)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = gx_store_open (path, &error);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  gboolean done = FALSE;

  g_assert_no_error (error);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), tables);

  gx_store_write_async (store, insert_user, g_strdup ("async"), g_free, NULL, write_cb, &done);
  gx_test_wait_for (&done);
  /* The notice is queued on the main context before the reply. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_cmpuint (tables->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (tables, 0), ==, "users");
  g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (store), "SELECT count(*) FROM users", NULL, -1, NULL), ==, 1);
}

typedef struct
{
  GxStore *store;
  gint     stop;
  guint    written;
} Writer;

static gpointer
keep_writing (gpointer data)
{
  Writer *writer = data;

  while (!g_atomic_int_get (&writer->stop))
    {
      g_autofree char *name = g_strdup_printf ("u%u", writer->written++);
      g_autoptr(GError) error = NULL;

      g_assert_true (gx_store_write_sync (writer->store, insert_user, name, &error));
    }
  return NULL;
}

static gint64
count_users (GxDb *db)
{
  g_autoptr(GError) error = NULL;
  gint64 n = gx_db_query_int (db, "SELECT count (*) FROM users", NULL, -1, &error);

  g_assert_no_error (error);
  return n;
}

/* Two readers begun together see the same committed state while the writer commits as fast
 * as it can: what one thread counts adds up with what the other does. */
static void
test_readers_share_a_state (void)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = gx_store_open (path, &error);
  Writer writer = { store, 0, 0 };
  GxDb *readers[2];
  GThread *thread;
  gint64 first = -1, last = -1;

  g_assert_no_error (error);
  readers[0] = gx_store_acquire_reader (store, &error);
  g_assert_no_error (error);
  readers[1] = gx_store_acquire_reader (store, &error);
  g_assert_no_error (error);

  thread = g_thread_new ("writer", keep_writing, &writer);
  for (guint i = 0; i < 300; i++)
    {
      gint64 a, b;

      g_assert_true (gx_store_begin_reads (store, readers, 2, &error));
      g_assert_no_error (error);
      /* Give the writer time to commit between the two counts. */
      a = count_users (readers[0]);
      g_usleep (i % 7 == 0 ? 200 : 0);
      b = count_users (readers[1]);
      g_assert_cmpint (a, ==, b);
      g_assert_true (gx_db_exec (readers[0], "COMMIT", NULL));
      g_assert_true (gx_db_exec (readers[1], "COMMIT", NULL));

      if (first < 0)
        first = a;
      last = a;
    }
  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (thread);

  /* The writer did commit all along: the readers saw the count grow. */
  g_assert_cmpint (last, >, first + 10);

  gx_store_release_reader (store, readers[0]);
  gx_store_release_reader (store, readers[1]);
  gx_store_close (store);
}

/* An archive of an earlier schema needs an upgrade (the window says so while it runs); a
 * current one, a missing one or another program's does not. */
static void
test_needs_upgrade (void)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "desk.sqlite", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.sqlite", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  GxStore *store;
  sqlite3 *db;

  store = gx_store_open (path, &error);
  g_assert_no_error (error);
  gx_store_close (store);
  g_object_unref (store);
  g_assert_false (gx_store_needs_upgrade (path));
  g_assert_false (gx_store_needs_upgrade (missing));

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 3", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (gx_store_needs_upgrade (path));

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); PRAGMA user_version = 3", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (gx_store_needs_upgrade (foreign));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/store/migrate-empty", test_migrate_empty);
  g_test_add_func ("/core/store/reopen-keeps-data", test_reopen_keeps_data);
  g_test_add_func ("/core/store/missing-folder-created", test_missing_folder_created);
  g_test_add_func ("/core/store/newer-schema-refused", test_newer_schema_refused);
  g_test_add_func ("/core/store/corrupt-refused", test_corrupt_refused);
  g_test_add_func ("/core/store/foreign-file-refused", test_foreign_file_refused);
  g_test_add_func ("/core/store/unreadable-refused", test_unreadable_refused);
  g_test_add_func ("/core/store/failed-write-rolls-back", test_failed_write_rolls_back);
  g_test_add_func ("/core/store/changed-after-commit", test_changed_after_commit);
  g_test_add_func ("/core/store/readers-share-a-state", test_readers_share_a_state);
  g_test_add_func ("/core/store/needs-upgrade", test_needs_upgrade);

  return g_test_run ();
}
