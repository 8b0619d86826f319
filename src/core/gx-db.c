/* gx-db.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-db"

#include "config.h"

#include <gio/gio.h>

#include "gx-activity-plan.h"
#include "gx-customer-search.h"
#include "gx-db.h"

struct _GxDb
{
  sqlite3      *handle;
  GHashTable   *statements;   /* SQL text → sqlite3_stmt */
  GCancellable *cancellable;  /* borrowed, for the progress handler */
};

G_DEFINE_QUARK (gx-db-error-quark, gx_db_error)

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

/* SQLite calls this every few thousand virtual-machine steps; a non-zero answer interrupts
 * the statement. This is how a superseded search stops scanning at once. */
static int
progress_cb (void *user_data)
{
  GxDb *db = user_data;

  return db->cancellable != NULL && g_cancellable_is_cancelled (db->cancellable);
}

/* SQLite's page cache allocates room for 20 pages up front for every pager it opens, and
 * evaluating a CHECK (x IN ('a', 'b', 'c')) opens an ephemeral table (with its own pager) on
 * every row written. On the writer thread each of those ~90 KB allocations is freed at the
 * end of the statement and glibc hands it back to the kernel (madvise, a TLB flush on every
 * core), so an insert into customers cost ~400 µs instead of ~40 µs. Without the up-front
 * allocation pages are taken one at a time as needed. This must run before SQLite
 * initialises; if something in the process got there first it is refused, harmlessly. */
static gpointer
configure_sqlite (gpointer data)
{
  sqlite3_config (SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
  /* No allocation statistics (nothing reads them): they take a global mutex on every
   * allocation SQLite makes, a measurable share of a first sync's writing. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
  return NULL;
}

/**
 * gx_db_open:
 * @path: the database file
 * @flags: `SQLITE_OPEN_*` flags
 * @error: return location for a #GError
 *
 * Opens a connection with the pragmas every Guanxi connection uses.
 *
 * Returns: (transfer full): the connection, or %NULL
 */
GxDb *
gx_db_open (const char  *path,
            int          flags,
            GError     **error)
{
  static GOnce configured = G_ONCE_INIT;
  g_autoptr(GxDb) db = g_new0 (GxDb, 1);
  int rc;

  g_once (&configured, configure_sqlite, NULL);

  db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);

  rc = sqlite3_open_v2 (path, &db->handle, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GX_DB_ERROR,
                   rc == SQLITE_CANTOPEN ? GX_DB_ERROR_NOT_FOUND : GX_DB_ERROR_FAILED,
                   "%s", db->handle ? sqlite3_errmsg (db->handle) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_extended_result_codes (db->handle, 1);
  sqlite3_busy_timeout (db->handle, 5000);
  sqlite3_progress_handler (db->handle, 1000, progress_cb, db);
  /* The search index's triggers call it, whoever writes. */
  gx_customer_search_register (db->handle);
  /* The year plan's month cards and the activity list's month filter call it. */
  gx_activity_plan_register (db->handle);

  return g_steal_pointer (&db);
}

void
gx_db_close (GxDb *db)
{
  if (db == NULL)
    return;

  g_clear_pointer (&db->statements, g_hash_table_unref);
  if (db->handle != NULL)
    sqlite3_close_v2 (db->handle);
  g_free (db);
}

sqlite3 *
gx_db_get_handle (GxDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);

  return db->handle;
}

/**
 * gx_db_set_cancellable:
 * @db: a #GxDb
 * @cancellable: (nullable): cancels the statements running on @db
 *
 * While set, cancelling @cancellable interrupts the statement running on @db
 * with %GX_DB_ERROR_INTERRUPTED.
 */
void
gx_db_set_cancellable (GxDb         *db,
                       GCancellable *cancellable)
{
  db->cancellable = cancellable;
}

static int
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      return GX_DB_ERROR_CONSTRAINT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return GX_DB_ERROR_BUSY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return GX_DB_ERROR_CORRUPT;
    case SQLITE_INTERRUPT:
      return GX_DB_ERROR_INTERRUPTED;
    default:
      return GX_DB_ERROR_FAILED;
    }
}

/**
 * gx_db_set_error:
 * @db: a #GxDb
 * @error: return location for a #GError
 * @what: what was being done, for the message
 *
 * Fills @error from the connection's last error.
 *
 * Returns: %FALSE, so callers can `return gx_db_set_error (…)`
 */
gboolean
gx_db_set_error (GxDb        *db,
                 GError     **error,
                 const char  *what)
{
  int rc = sqlite3_extended_errcode (db->handle);

  g_set_error (error, GX_DB_ERROR, error_code_for (rc), "%s: %s", what, sqlite3_errmsg (db->handle));
  return FALSE;
}

/**
 * gx_db_prepare:
 * @db: a #GxDb
 * @sql: one SQL statement
 * @error: return location for a #GError
 *
 * Returns the cached prepared statement for @sql, reset and with its bindings cleared.
 *
 * Returns: (transfer none): the statement, or %NULL
 */
sqlite3_stmt *
gx_db_prepare (GxDb        *db,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (db->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      gx_db_set_error (db, error, "prepare");
      return NULL;
    }

  g_hash_table_insert (db->statements, g_strdup (sql), stmt);
  return stmt;
}

/**
 * gx_db_exec:
 * @db: a #GxDb
 * @sql: SQL with no parameters, possibly several statements
 * @error: return location for a #GError
 *
 * Runs fixed SQL (migrations, transaction control). Never pass user data here.
 */
gboolean
gx_db_exec (GxDb        *db,
            const char  *sql,
            GError     **error)
{
  char *message = NULL;
  int rc;

  rc = sqlite3_exec (db->handle, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GX_DB_ERROR, error_code_for (rc), "%s",
                   message ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

/**
 * gx_db_bind_variant:
 * @stmt: a statement
 * @params: (nullable): a tuple; `s` binds text, `x`/`i`/`u`/`b` integers, `d` doubles,
 *   a `m…` maybe binds NULL when empty, `ay` a blob
 * @error: return location for a #GError
 *
 * Binds @params to the positional parameters of @stmt, in order.
 */
gboolean
gx_db_bind_variant (sqlite3_stmt  *stmt,
                    GVariant      *params,
                    GError       **error)
{
  gsize n;

  if (params == NULL)
    return TRUE;

  g_return_val_if_fail (g_variant_is_container (params), FALSE);

  n = g_variant_n_children (params);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (params, i);
      int pos = (int) i + 1;
      int rc;

      if (g_variant_is_of_type (child, G_VARIANT_TYPE_VARIANT))
        {
          GVariant *inner = g_variant_get_variant (child);
          g_variant_unref (child);
          child = inner;
        }

      if (g_variant_is_of_type (child, G_VARIANT_TYPE_MAYBE))
        {
          GVariant *inner = g_variant_get_maybe (child);

          if (inner == NULL)
            {
              sqlite3_bind_null (stmt, pos);
              continue;
            }
          g_variant_unref (child);
          child = inner;
        }

      switch (g_variant_classify (child))
        {
        case G_VARIANT_CLASS_STRING:
          rc = sqlite3_bind_text (stmt, pos, g_variant_get_string (child, NULL), -1, SQLITE_TRANSIENT);
          break;
        case G_VARIANT_CLASS_INT64:
          rc = sqlite3_bind_int64 (stmt, pos, g_variant_get_int64 (child));
          break;
        case G_VARIANT_CLASS_INT32:
          rc = sqlite3_bind_int64 (stmt, pos, g_variant_get_int32 (child));
          break;
        case G_VARIANT_CLASS_UINT32:
          rc = sqlite3_bind_int64 (stmt, pos, g_variant_get_uint32 (child));
          break;
        case G_VARIANT_CLASS_BOOLEAN:
          rc = sqlite3_bind_int (stmt, pos, g_variant_get_boolean (child));
          break;
        case G_VARIANT_CLASS_DOUBLE:
          rc = sqlite3_bind_double (stmt, pos, g_variant_get_double (child));
          break;
        case G_VARIANT_CLASS_ARRAY:
          {
            gsize len;
            gconstpointer data = g_variant_get_fixed_array (child, &len, 1);
            rc = sqlite3_bind_blob (stmt, pos, data, (int) len, SQLITE_TRANSIENT);
          }
          break;
        default:
          g_set_error (error, GX_DB_ERROR, GX_DB_ERROR_FAILED,
                       "cannot bind a parameter of type %s", g_variant_get_type_string (child));
          return FALSE;
        }

      if (rc != SQLITE_OK)
        {
          g_set_error (error, GX_DB_ERROR, GX_DB_ERROR_FAILED, "bind: %s", sqlite3_errstr (rc));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * gx_db_step_done:
 * @db: a #GxDb
 * @stmt: a bound statement that returns no rows
 * @error: return location for a #GError
 *
 * Steps @stmt to completion and resets it.
 */
gboolean
gx_db_step_done (GxDb          *db,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;

  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "step");
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * gx_db_query_int:
 * @db: a #GxDb
 * @sql: a query whose first column of the first row is an integer
 * @params: (nullable): parameters, see gx_db_bind_variant()
 * @fallback: the answer when there is no row
 * @error: return location for a #GError
 *
 * Returns: the integer, @fallback when there is no row or on error (with @error set)
 */
gint64
gx_db_query_int (GxDb        *db,
                 const char  *sql,
                 GVariant    *params,
                 gint64       fallback,
                 GError     **error)
{
  g_autoptr(GVariant) owned = params ? g_variant_ref_sink (params) : NULL;
  sqlite3_stmt *stmt;
  gint64 result = fallback;
  int rc;

  if (!(stmt = gx_db_prepare (db, sql, error)) || !gx_db_bind_variant (stmt, owned, error))
    return fallback;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    result = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? fallback : sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    gx_db_set_error (db, error, "query");

  sqlite3_reset (stmt);
  return result;
}

/**
 * gx_db_query_string:
 * @db: a #GxDb
 * @sql: a query whose first column of the first row is text
 * @params: (nullable): parameters, see gx_db_bind_variant()
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the text, %NULL when there is no row or it is NULL
 */
char *
gx_db_query_string (GxDb        *db,
                    const char  *sql,
                    GVariant    *params,
                    GError     **error)
{
  g_autoptr(GVariant) owned = params ? g_variant_ref_sink (params) : NULL;
  sqlite3_stmt *stmt;
  char *result = NULL;
  int rc;

  if (!(stmt = gx_db_prepare (db, sql, error)) || !gx_db_bind_variant (stmt, owned, error))
    return NULL;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    result = gx_db_dup_column (stmt, 0);
  else if (rc != SQLITE_DONE)
    gx_db_set_error (db, error, "query");

  sqlite3_reset (stmt);
  return result;
}

/**
 * gx_db_column_text:
 * @stmt: a statement on a row
 * @column: the column
 *
 * Returns: (transfer none): the column's text, "" for NULL
 */
const char *
gx_db_column_text (sqlite3_stmt *stmt,
                   int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

/**
 * gx_db_dup_column:
 * @stmt: a statement on a row
 * @column: the column
 *
 * Returns: (transfer full) (nullable): a copy of the column's text, %NULL for NULL
 */
char *
gx_db_dup_column (sqlite3_stmt *stmt,
                  int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}
