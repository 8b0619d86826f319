/* gx-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gx-db.h"

G_BEGIN_DECLS

#define GX_STORE_ERROR (gx_store_error_quark ())

typedef enum
{
  GX_STORE_ERROR_UNREADABLE,
  GX_STORE_ERROR_CORRUPT,
  GX_STORE_ERROR_NEWER_SCHEMA,
  GX_STORE_ERROR_NOT_GUANXI,
  GX_STORE_ERROR_MIGRATION,
  GX_STORE_ERROR_CLOSED,
} GxStoreError;

/**
 * GxStoreWriteFunc:
 * @db: the writer connection, inside an open transaction
 * @user_data: the data given with the request
 * @error: return location for a #GError
 *
 * One unit of work for the writer thread. Returning %FALSE rolls the whole transaction back.
 *
 * Returns: %TRUE to commit
 */
typedef gboolean (*GxStoreWriteFunc) (GxDb      *db,
                                      gpointer   user_data,
                                      GError   **error);

#define GX_TYPE_STORE (gx_store_get_type ())

G_DECLARE_FINAL_TYPE (GxStore, gx_store, GX, STORE, GObject)

GQuark      gx_store_error_quark         (void);
guint       gx_store_get_schema_version  (void);
gboolean    gx_store_needs_upgrade       (const char           *path);
GxStore    *gx_store_open                (const char           *path,
                                          GError              **error);
const char *gx_store_get_path            (GxStore              *self);
GxDb       *gx_store_get_main_reader     (GxStore              *self);
GxDb       *gx_store_acquire_reader      (GxStore              *self,
                                          GError              **error);
void        gx_store_release_reader      (GxStore              *self,
                                          GxDb                 *db);
gboolean    gx_store_begin_reads         (GxStore              *self,
                                          GxDb                **readers,
                                          guint                 n_readers,
                                          GError              **error);
void        gx_store_write_async         (GxStore              *self,
                                          GxStoreWriteFunc      func,
                                          gpointer              user_data,
                                          GDestroyNotify        user_data_free,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              callback_data);
gboolean    gx_store_write_finish        (GxStore              *self,
                                          GAsyncResult         *result,
                                          GError              **error);
gboolean    gx_store_write_sync          (GxStore              *self,
                                          GxStoreWriteFunc      func,
                                          gpointer              user_data,
                                          GError              **error);
void        gx_store_close               (GxStore              *self);
char       *gx_store_dup_default_path    (const char           *account);

G_END_DECLS
