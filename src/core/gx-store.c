/* gx-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gx-core-resources.h"
#include "gx-customer-search.h"
#include "gx-kinds.h"
#include "gx-store.h"

/* 'GXI1': marks a file as Guanxi's, so we never migrate somebody else's SQLite file. */
#define GX_APPLICATION_ID 0x47584931

#define MIGRATIONS_PATH "/io/github/guanxi/Guanxi/core/migrations"

/* The migrations, applied in this order. Their position + 1 is the schema version. */
static const char * const migrations[] = {
  "0001-schema.sql",
  "0002-reference-data.sql",
  "0003-complaints.sql",
  "0004-club.sql",
  "0005-sync-pending.sql",
  "0006-overview-indexes.sql",
  "0007-customer-search.sql",
  "0008-activity-planning.sql",
  "0009-customer-merge.sql",
  "0010-overview-figures.sql",
  "0011-case-queues.sql",
  "0012-customer-filters.sql",
  "0013-customer-accounts.sql",
  "0014-activity-answers.sql",
  "0015-overview-owners.sql",
  "0016-visit-owners.sql",
  "0017-activity-partners.sql",
  "0018-checkin-list.sql",
  "0019-overview-sums.sql",
  "0020-activity-plan-months.sql",
  "0021-overview-visit-sums.sql",
};

/* What the writer thread and its notices hold of the store: a weak reference, dereferenced
 * on the main context only. The writer thread never holds the store itself, because the last
 * reference to a store may be dropped on the writer thread (a finished GTask releasing its
 * source object) and the store must then be able to go away without waiting for that very
 * thread. */
typedef struct
{
  GWeakRef store;
  gint     commits;   /* odd while the writer commits: gx_store_begin_reads() */
} StoreLink;

struct _GxStore
{
  GObject       parent_instance;

  /* Owned */
  char         *path;
  GxDb         *main_reader;
  GPtrArray    *idle_readers;
  GMutex        readers_lock;
  GThread      *writer_thread;
  GAsyncQueue  *requests;
  StoreLink    *link;
  GMainContext *main_context;

  guint         closed : 1;
};

typedef struct
{
  GxStoreWriteFunc  func;
  gpointer          user_data;
  GDestroyNotify    user_data_free;
  GTask            *task;        /* async requests */
  GMutex            lock;        /* sync requests */
  GCond             cond;
  gboolean          done;
  gboolean          ok;
  GError           *error;
  gboolean          quit;
} WriteRequest;


typedef struct
{
  char         *path;
  GAsyncQueue  *requests;
  GMainContext *main_context;
  StoreLink    *link;
} WriterData;

typedef struct
{
  StoreLink  *link;
  GHashTable *tables;
} ChangedNotice;

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GxStore, gx_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (gx-store-error-quark, gx_store_error)

/**
 * gx_store_get_schema_version:
 *
 * Returns: the schema version this build writes
 */
guint
gx_store_get_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

/**
 * gx_store_dup_default_path:
 * @account: the account's file stem, e.g. "local" or "demo"
 *
 * Returns: (transfer full): the database path for @account: `$GUANXI_DATA_DIR/ACCOUNT.sqlite`,
 *   or under `$XDG_DATA_HOME/guanxi/`
 */
char *
gx_store_dup_default_path (const char *account)
{
  const char *dir = g_getenv ("GUANXI_DATA_DIR");
  g_autofree char *file = g_strdup_printf ("%s.sqlite", account);

  if (dir != NULL && *dir != '\0')
    return g_build_filename (dir, file, NULL);

  return g_build_filename (g_get_user_data_dir (), "guanxi", file, NULL);
}

/* Writer thread */

static void
on_update_cb (void          *user_data,
              int            op,
              const char    *db_name,
              const char    *table,
              sqlite3_int64  rowid)
{
  GHashTable *tables = user_data;

  if (!g_hash_table_contains (tables, table))
    g_hash_table_add (tables, g_strdup (table));
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
store_link_clear (gpointer data)
{
  g_weak_ref_clear (&((StoreLink *) data)->store);
}

static gboolean
emit_changed_cb (gpointer data)
{
  ChangedNotice *notice = data;
  g_autoptr(GxStore) self = g_weak_ref_get (&notice->link->store);
  g_autofree const char **names = NULL;
  guint n;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  /* Sorted, so listeners see a stable order. */
  names = (const char **) g_hash_table_get_keys_as_array (notice->tables, &n);
  g_qsort_with_data (names, n, sizeof (char *), compare_names, NULL);
  for (guint i = 0; i < n; i++)
    g_signal_emit (self, signals[CHANGED], g_quark_from_string (names[i]), names[i]);

  return G_SOURCE_REMOVE;
}

static void
changed_notice_free (gpointer data)
{
  ChangedNotice *notice = data;

  g_atomic_rc_box_release_full (notice->link, store_link_clear);
  g_hash_table_unref (notice->tables);
  g_free (notice);
}

/* Runs @func in @context's own thread. g_main_context_invoke() is not enough: when nobody
 * owns the context at that moment (the main thread is between two iterations), it runs the
 * function right away on the calling thread — here the writer thread — and "changed" handlers
 * would then read the main thread's connection from the writer thread at the same time as the
 * main thread does, which corrupts that connection ("file is not a database"). */
static void
dispatch_to (GMainContext   *context,
             GSourceFunc     func,
             gpointer        data,
             GDestroyNotify  destroy)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[gx-store] dispatch");
  g_source_attach (source, context);
  g_source_unref (source);
}

static gboolean
return_task_cb (gpointer data)
{
  WriteRequest *request = data;
  g_autoptr(GTask) task = g_steal_pointer (&request->task);

  if (request->ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&request->error));
  g_free (request);

  return G_SOURCE_REMOVE;
}

static void
finish_request (WriteRequest *request)
{
  if (request->user_data_free != NULL)
    g_clear_pointer (&request->user_data, request->user_data_free);

  if (request->task != NULL)
    {
      /* The task is returned and released in its own thread, after the "changed" signal
       * of the same commit (dispatched the same way, first): the caller's callback sees
       * the lists already told. */
      dispatch_to (g_task_get_context (request->task), return_task_cb, request, NULL);
    }
  else
    {
      g_mutex_lock (&request->lock);
      request->done = TRUE;
      g_cond_signal (&request->cond);
      g_mutex_unlock (&request->lock);
    }
}

static gpointer
writer_thread_func (gpointer data)
{
  WriterData *writer = data;   /* The thread's own; freed when it ends. */
  g_autoptr(GxDb) db = NULL;
  g_autoptr(GError) open_error = NULL;
  GHashTable *tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  db = gx_db_open (writer->path, SQLITE_OPEN_READWRITE, &open_error);
  if (db != NULL)
    {
      /* secure_delete: a record deleted here (a customer that left this user's scope) is
       * zeroed in the file, not left in free space. A 64 MB page cache (a ceiling, filled
       * only as needed): with SQLite's 2 MB a large transaction — a page of a first sync, a
       * server's batch of pushed records — spilled dirty pages to the journal mid-way.
       * Savepoints journal in memory, not in a temporary file (a pulled record's savepoint
       * wrote its pages to one). The journal is folded into the file every 64 MB rather
       * than every 4: each fold syncs the disk, and with SQLite's default a first sync
       * folded (and waited for the disk) after every page it committed. A kill loses
       * nothing either way: commits are in the journal. */
      if (!gx_db_exec (db, "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;"
                       " PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"
                       " PRAGMA wal_autocheckpoint=16384; PRAGMA journal_size_limit=67108864;", &open_error))
        g_clear_pointer (&db, gx_db_close);
      else
        sqlite3_update_hook (gx_db_get_handle (db), on_update_cb, tables);
    }

  for (;;)
    {
      WriteRequest *request = g_async_queue_pop (writer->requests);
      GCancellable *cancellable = request->task ? g_task_get_cancellable (request->task) : NULL;

      if (request->quit)
        {
          /* The readers that close after us cannot fold the journal into the file: the
           * file is left whole, and nothing deleted lingers in an old journal frame. */
          if (db != NULL)
            gx_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE);", NULL);
          g_free (request);
          break;
        }

      request->ok = FALSE;
      if (db == NULL)
        request->error = g_error_copy (open_error);
      else if (g_cancellable_set_error_if_cancelled (cancellable, &request->error))
        ;
      else if (gx_db_exec (db, "BEGIN IMMEDIATE", &request->error))
        {
          g_hash_table_remove_all (tables);

          gboolean committed = FALSE;

          if (request->func (db, request->user_data, &request->error) &&
              gx_customer_search_flush (db, &request->error))
            {
              /* Readers starting now might straddle the commit: gx_store_begin_reads()
               * sees the odd count and tries again. */
              g_atomic_int_inc (&writer->link->commits);
              committed = gx_db_exec (db, "COMMIT", &request->error);
              g_atomic_int_inc (&writer->link->commits);
            }

          if (committed)
            {
              request->ok = TRUE;

              if (g_hash_table_size (tables) > 0)
                {
                  ChangedNotice *notice = g_new0 (ChangedNotice, 1);

                  notice->link = g_atomic_rc_box_acquire (writer->link);
                  notice->tables = g_steal_pointer (&tables);
                  tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
                  sqlite3_update_hook (gx_db_get_handle (db), on_update_cb, tables);
                  dispatch_to (writer->main_context, emit_changed_cb, notice, changed_notice_free);
                }
            }
          else
            {
              /* The transaction may already be gone (SQLite rolls back on some errors). */
              if (!sqlite3_get_autocommit (gx_db_get_handle (db)))
                gx_db_exec (db, "ROLLBACK", NULL);
              if (request->error == NULL)
                g_set_error_literal (&request->error, GX_STORE_ERROR, GX_STORE_ERROR_CLOSED,
                                     "write refused without a reason");
            }
        }

      finish_request (request);
    }

  g_hash_table_unref (tables);
  g_async_queue_unref (writer->requests);
  g_main_context_unref (writer->main_context);
  g_atomic_rc_box_release_full (writer->link, store_link_clear);
  g_free (writer->path);
  g_free (writer);
  return NULL;
}

/* Opening and migrating */

static gboolean
apply_migrations (GxDb     *db,
                  gint64    from_version,
                  GError  **error)
{
  for (guint i = (guint) from_version; i < G_N_ELEMENTS (migrations); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s", MIGRATIONS_PATH, migrations[i]);
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %u;", i + 1);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) local_error = NULL;

      bytes = g_resources_lookup_data (path, 0, error);
      if (bytes == NULL)
        return FALSE;

      if (!gx_db_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!gx_db_exec (db, g_bytes_get_data (bytes, NULL), &local_error) ||
          !gx_db_exec (db, set_version, &local_error) ||
          !gx_db_exec (db, "COMMIT", &local_error))
        {
          gx_db_exec (db, "ROLLBACK", NULL);
          g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_MIGRATION,
                       _("The database could not be upgraded (step %s): %s"),
                       migrations[i], local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

/* Reads the file's identity without writing anything, so a file we must refuse (another
 * program's, a newer Guanxi's, a damaged one) is left exactly as it was. */
static gboolean
check_file (GxDb        *db,
            const char  *path,
            gint64      *out_version,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 app_id, version, n_objects;

  n_objects = gx_db_query_int (db, "SELECT count(*) FROM sqlite_master", NULL, 0, &local_error);
  if (local_error == NULL)
    app_id = gx_db_query_int (db, "PRAGMA application_id", NULL, 0, &local_error);
  if (local_error == NULL)
    version = gx_db_query_int (db, "PRAGMA user_version", NULL, 0, &local_error);

  if (local_error != NULL)
    {
      if (g_error_matches (local_error, GX_DB_ERROR, GX_DB_ERROR_CORRUPT))
        g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_CORRUPT,
                     _("“%s” is damaged or is not a database file."), path);
      else
        g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_UNREADABLE,
                     _("“%s” cannot be read: %s"), path, local_error->message);
      return FALSE;
    }

  if (n_objects > 0 && app_id != GX_APPLICATION_ID)
    {
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_NOT_GUANXI,
                   _("“%s” is a database of another program, not of Guanxi."), path);
      return FALSE;
    }

  if (version > (gint64) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Guanxi (schema %d, this version knows up to %d). Update Guanxi to open it."),
                   path, (int) version, (int) G_N_ELEMENTS (migrations));
      return FALSE;
    }

  *out_version = version;
  return TRUE;
}

/**
 * gx_store_needs_upgrade:
 * @path: a desk database file
 *
 * Whether opening @path will upgrade it: an existing Guanxi file written by an earlier
 * schema. Upgrading a large archive can take a while (building the overview's sums of a
 * million customers' points, about half a minute), so the window says so first. Reads the
 * file's header only, writes nothing; a file it cannot read is left for gx_store_open() to
 * report.
 *
 * Returns: %TRUE when gx_store_open() will apply migrations to an existing archive
 */
gboolean
gx_store_needs_upgrade (const char *path)
{
  g_autoptr(GxDb) db = NULL;
  gint64 app_id, version;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  db = gx_db_open (path, SQLITE_OPEN_READONLY, NULL);
  if (db == NULL)
    return FALSE;

  app_id = gx_db_query_int (db, "PRAGMA application_id", NULL, 0, NULL);
  version = gx_db_query_int (db, "PRAGMA user_version", NULL, 0, NULL);
  return app_id == GX_APPLICATION_ID && version > 0 && version < (gint64) G_N_ELEMENTS (migrations);
}

/**
 * gx_store_open:
 * @path: the database file; its folder is created when missing
 * @error: return location for a #GError
 *
 * Opens (or creates) a desk database, applies the migrations it lacks, and starts the
 * writer thread. A file that is unreadable, damaged, another program's or written by a newer
 * schema is refused with a #GX_STORE_ERROR and left untouched.
 *
 * Returns: (transfer full): the store, or %NULL
 */
GxStore *
gx_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(GxStore) self = NULL;
  g_autoptr(GxDb) db = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  WriterData *writer;
  gint64 version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  g_resources_register (gx_core_get_resource ());

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_UNREADABLE,
                   _("The data folder “%s” cannot be created: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  if (g_file_test (path, G_FILE_TEST_EXISTS) && g_access (path, R_OK | W_OK) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_UNREADABLE,
                   _("“%s” cannot be opened for reading and writing: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  db = gx_db_open (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &local_error);
  if (db == NULL)
    {
      g_set_error (error, GX_STORE_ERROR, GX_STORE_ERROR_UNREADABLE,
                   _("“%s” cannot be opened: %s"), path, local_error->message);
      return NULL;
    }

  if (!check_file (db, path, &version, error))
    return NULL;

  if (!gx_db_exec (db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", error))
    return NULL;

  if (version == 0)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d;", GX_APPLICATION_ID);
      if (!gx_db_exec (db, sql, error))
        return NULL;
    }

  if (!apply_migrations (db, version, error))
    return NULL;

  if (!gx_customer_search_check (db, error))
    return NULL;

  if (!gx_kinds_load_fields (db, error))
    return NULL;

  self = g_object_new (GX_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->main_reader = g_steal_pointer (&db);
  gx_db_exec (self->main_reader, "PRAGMA query_only=ON;", NULL);
  self->main_context = g_main_context_ref_thread_default ();
  self->link = g_atomic_rc_box_new0 (StoreLink);
  g_weak_ref_init (&self->link->store, self);

  writer = g_new0 (WriterData, 1);
  writer->path = g_strdup (path);
  writer->requests = g_async_queue_ref (self->requests);
  writer->main_context = g_main_context_ref (self->main_context);
  writer->link = g_atomic_rc_box_acquire (self->link);
  self->writer_thread = g_thread_new ("gx-store-writer", writer_thread_func, writer);

  return g_steal_pointer (&self);
}

/* GObject */

static void
gx_store_dispose (GObject *object)
{
  GxStore *self = (GxStore *) object;

  gx_store_close (self);

  G_OBJECT_CLASS (gx_store_parent_class)->dispose (object);
}

static void
gx_store_finalize (GObject *object)
{
  GxStore *self = (GxStore *) object;

  g_clear_pointer (&self->main_reader, gx_db_close);
  g_clear_pointer (&self->idle_readers, g_ptr_array_unref);
  g_clear_pointer (&self->requests, g_async_queue_unref);
  if (self->link != NULL)
    g_atomic_rc_box_release_full (g_steal_pointer (&self->link), store_link_clear);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->readers_lock);

  G_OBJECT_CLASS (gx_store_parent_class)->finalize (object);
}

static void
gx_store_class_init (GxStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gx_store_dispose;
  object_class->finalize = gx_store_finalize;

  /**
   * GxStore::changed:
   * @self: the store
   * @table: the table a committed transaction changed
   *
   * Emitted on the main context after a commit, once per table it touched. The signal
   * detail is the table name: `changed::customers`.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
gx_store_init (GxStore *self)
{
  g_mutex_init (&self->readers_lock);
  self->idle_readers = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_db_close);
  self->requests = g_async_queue_new ();
}

/* Public API */

const char *
gx_store_get_path (GxStore *self)
{
  g_return_val_if_fail (GX_IS_STORE (self), NULL);

  return self->path;
}

/**
 * gx_store_get_main_reader:
 * @self: a #GxStore
 *
 * The read-only connection of the main thread: for short queries such as a list's page of
 * rows. Never use it from another thread.
 *
 * Returns: (transfer none): the connection
 */
GxDb *
gx_store_get_main_reader (GxStore *self)
{
  g_return_val_if_fail (GX_IS_STORE (self), NULL);

  return self->main_reader;
}

/**
 * gx_store_acquire_reader:
 * @self: a #GxStore
 * @error: return location for a #GError
 *
 * A read-only connection for a worker thread; give it back with gx_store_release_reader().
 * WAL lets it read while the writer writes.
 *
 * Returns: (transfer full): a connection, or %NULL
 */
GxDb *
gx_store_acquire_reader (GxStore  *self,
                         GError  **error)
{
  GxDb *db = NULL;

  g_return_val_if_fail (GX_IS_STORE (self), NULL);

  g_mutex_lock (&self->readers_lock);
  if (self->idle_readers->len > 0)
    db = g_ptr_array_steal_index_fast (self->idle_readers, self->idle_readers->len - 1);
  g_mutex_unlock (&self->readers_lock);

  if (db == NULL)
    {
      db = gx_db_open (self->path, SQLITE_OPEN_READONLY, error);
      if (db != NULL)
        gx_db_exec (db, "PRAGMA query_only=ON;", NULL);
    }

  return db;
}

void
gx_store_release_reader (GxStore *self,
                         GxDb    *db)
{
  g_return_if_fail (GX_IS_STORE (self));

  if (db == NULL)
    return;

  gx_db_set_cancellable (db, NULL);

  g_mutex_lock (&self->readers_lock);
  if (self->idle_readers->len < 4)
    {
      g_ptr_array_add (self->idle_readers, db);
      db = NULL;
    }
  g_mutex_unlock (&self->readers_lock);

  g_clear_pointer (&db, gx_db_close);
}

/**
 * gx_store_begin_reads:
 * @self: a #GxStore
 * @readers: (array length=n_readers): connections from gx_store_acquire_reader()
 * @n_readers: how many
 * @error: return location for a #GError
 *
 * Begins a read transaction on each of @readers, all of them seeing the same committed
 * state of the file, so work split between threads adds up as if one connection did it
 * all. Each read transaction starts with its first read; when the writer committed while
 * they started, they start again. End each with `COMMIT`.
 *
 * Returns: %TRUE when every reader is in a read transaction of the same state
 */
gboolean
gx_store_begin_reads (GxStore  *self,
                      GxDb    **readers,
                      guint     n_readers,
                      GError  **error)
{
  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  g_return_val_if_fail (readers != NULL || n_readers == 0, FALSE);

  for (guint attempt = 0; ; attempt++)
    {
      gint before = g_atomic_int_get (&self->link->commits);
      guint begun = 0;
      gboolean ok = TRUE;

      if (before % 2 == 0)
        {
          /* The read of the schema takes the snapshot: BEGIN alone takes none. */
          for (; ok && begun < n_readers; begun++)
            ok = gx_db_exec (readers[begun], "BEGIN; SELECT count (*) FROM sqlite_schema;", error);

          if (ok && g_atomic_int_get (&self->link->commits) == before)
            return TRUE;

          /* Including one whose BEGIN worked and whose read did not. */
          for (guint i = 0; i < begun; i++)
            if (!sqlite3_get_autocommit (gx_db_get_handle (readers[i])))
              gx_db_exec (readers[i], "ROLLBACK", NULL);
          if (!ok)
            return FALSE;
        }

      /* A commit takes milliseconds at most; give it a moment. */
      if (attempt >= 10000)
        {
          g_set_error_literal (error, GX_STORE_ERROR, GX_STORE_ERROR_CLOSED,
                               "the writer kept committing while the readers began");
          return FALSE;
        }
      g_usleep (attempt < 100 ? 50 : 1000);
    }
}

/**
 * gx_store_write_async:
 * @self: a #GxStore
 * @func: the work, run on the writer thread inside one transaction
 * @user_data: data for @func; copy what the caller might change meanwhile
 * @user_data_free: (nullable): frees @user_data after @func ran
 * @cancellable: (nullable): a #GCancellable; a request not yet started is dropped
 * @callback: called on the caller's main context when the transaction committed or failed
 * @callback_data: data for @callback
 *
 * Queues one transaction. Requests run one at a time, in order.
 */
void
gx_store_write_async (GxStore             *self,
                      GxStoreWriteFunc     func,
                      gpointer             user_data,
                      GDestroyNotify       user_data_free,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             callback_data)
{
  WriteRequest *request;

  g_return_if_fail (GX_IS_STORE (self));
  g_return_if_fail (func != NULL);

  request = g_new0 (WriteRequest, 1);
  request->func = func;
  request->user_data = user_data;
  request->user_data_free = user_data_free;
  request->task = g_task_new (self, cancellable, callback, callback_data);
  g_task_set_source_tag (request->task, gx_store_write_async);

  if (self->closed)
    {
      g_task_return_new_error (request->task, GX_STORE_ERROR, GX_STORE_ERROR_CLOSED,
                               "the store is closed");
      g_clear_object (&request->task);
      if (user_data_free)
        user_data_free (user_data);
      g_free (request);
      return;
    }

  g_async_queue_push (self->requests, request);
}

gboolean
gx_store_write_finish (GxStore       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * gx_store_write_sync:
 * @self: a #GxStore
 * @func: the work, run on the writer thread inside one transaction
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * Like gx_store_write_async() but waits for the commit. For command-line tools, the demo
 * generator and tests; the UI uses the async form.
 *
 * Returns: %TRUE when the transaction committed
 */
gboolean
gx_store_write_sync (GxStore           *self,
                     GxStoreWriteFunc   func,
                     gpointer           user_data,
                     GError           **error)
{
  WriteRequest request = { 0 };
  gboolean ok;

  g_return_val_if_fail (GX_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (self->closed)
    {
      g_set_error_literal (error, GX_STORE_ERROR, GX_STORE_ERROR_CLOSED, "the store is closed");
      return FALSE;
    }

  request.func = func;
  request.user_data = user_data;
  g_mutex_init (&request.lock);
  g_cond_init (&request.cond);

  g_mutex_lock (&request.lock);
  g_async_queue_push (self->requests, &request);
  while (!request.done)
    g_cond_wait (&request.cond, &request.lock);
  g_mutex_unlock (&request.lock);

  ok = request.ok;
  if (!ok)
    g_propagate_error (error, request.error);

  g_mutex_clear (&request.lock);
  g_cond_clear (&request.cond);
  return ok;
}

/**
 * gx_store_close:
 * @self: a #GxStore
 *
 * Finishes the queued writes and stops the writer thread. Later writes fail.
 */
void
gx_store_close (GxStore *self)
{
  WriteRequest *quit;

  g_return_if_fail (GX_IS_STORE (self));

  if (self->closed || self->writer_thread == NULL)
    {
      self->closed = TRUE;
      return;
    }

  self->closed = TRUE;
  quit = g_new0 (WriteRequest, 1);
  quit->quit = TRUE;
  g_async_queue_push (self->requests, quit);

  /* Dropped on the writer thread itself (see StoreLink): it ends on its own after this. */
  if (g_thread_self () == self->writer_thread)
    g_thread_unref (g_steal_pointer (&self->writer_thread));
  else
    g_thread_join (g_steal_pointer (&self->writer_thread));
}
