/* gx-db.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define GX_DB_ERROR (gx_db_error_quark ())

typedef enum
{
  GX_DB_ERROR_FAILED,
  GX_DB_ERROR_CONSTRAINT,
  GX_DB_ERROR_BUSY,
  GX_DB_ERROR_CORRUPT,
  GX_DB_ERROR_NOT_FOUND,
  GX_DB_ERROR_INTERRUPTED,
} GxDbError;

/**
 * GxDb:
 *
 * One SQLite connection and its cache of prepared statements. A #GxDb is used by one
 * thread at a time; the store hands them out (the writer thread's, the main thread's
 * reader, a pool of readers for worker threads).
 */
typedef struct _GxDb GxDb;

GQuark        gx_db_error_quark      (void);
GxDb         *gx_db_open             (const char   *path,
                                      int           flags,
                                      GError      **error);
void          gx_db_close            (GxDb         *db);
sqlite3      *gx_db_get_handle       (GxDb         *db);
sqlite3_stmt *gx_db_prepare          (GxDb         *db,
                                      const char   *sql,
                                      GError      **error);
gboolean      gx_db_exec             (GxDb         *db,
                                      const char   *sql,
                                      GError      **error);
gboolean      gx_db_bind_variant     (sqlite3_stmt *stmt,
                                      GVariant     *params,
                                      GError      **error);
gboolean      gx_db_step_done        (GxDb         *db,
                                      sqlite3_stmt *stmt,
                                      GError      **error);
gboolean      gx_db_set_error        (GxDb         *db,
                                      GError      **error,
                                      const char   *what);
gint64        gx_db_query_int        (GxDb         *db,
                                      const char   *sql,
                                      GVariant     *params,
                                      gint64        fallback,
                                      GError      **error);
char         *gx_db_query_string     (GxDb         *db,
                                      const char   *sql,
                                      GVariant     *params,
                                      GError      **error);
void          gx_db_set_cancellable  (GxDb         *db,
                                      GCancellable *cancellable);
const char   *gx_db_column_text      (sqlite3_stmt *stmt,
                                      int           column);
char         *gx_db_dup_column       (sqlite3_stmt *stmt,
                                      int           column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxDb, gx_db_close)

G_END_DECLS
