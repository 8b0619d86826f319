/* gx-server-sqlite.h: guanxi-server's SQLite storage (one file, WAL)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-server-storage.h"

G_BEGIN_DECLS

#define GX_TYPE_SERVER_SQLITE (gx_server_sqlite_get_type ())

G_DECLARE_FINAL_TYPE (GxServerSqlite, gx_server_sqlite, GX, SERVER_SQLITE, GxServerStorage)

GxServerStorage *gx_server_sqlite_new (const char  *path,
                                       GError     **error);

G_END_DECLS
