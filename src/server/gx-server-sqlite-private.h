/* gx-server-sqlite-private.h: the SQLite backend's parts, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-kinds.h"
#include "gx-server-sqlite.h"
#include "gx-store.h"

G_BEGIN_DECLS

struct _GxServerSqlite
{
  GxServerStorage  parent_instance;

  GxStore         *store;
  GMutex           head_lock;
  gint64           head;
};

/* Shared helpers (gx-server-sqlite.c) */
void        _gx_server_sqlite_set_head       (GxServerSqlite      *self,
                                              gint64               head);
gint64      _gx_server_sqlite_query_head     (GxDb                *db);
gint64      _gx_server_sqlite_log_change     (GxDb                *db,
                                              const GxKind        *kind,
                                              const char          *id,
                                              gboolean             deleted,
                                              gint64               now,
                                              GError             **error);
gboolean    _gx_server_sqlite_log_customers  (GxDb                *db,
                                              const GxKind        *kind,
                                              const char          *id,
                                              gint64               seq,
                                              GError             **error);
gboolean    _gx_server_sqlite_set_field_versions (GxDb            *db,
                                              const GxKind        *kind,
                                              const char          *id,
                                              JsonObject          *fields,
                                              gint64               version,
                                              const char          *desk,
                                              GError             **error);
char       *_gx_server_sqlite_customer_of    (GxDb                *db,
                                              const GxKind        *kind,
                                              const char          *id,
                                              gboolean             second);
gboolean    _gx_server_sqlite_can_see        (GxDb                *db,
                                              const GxServerUser  *user,
                                              const char          *customer_id);
gboolean    _gx_server_sqlite_insert_audit   (GxDb                *db,
                                              const GxAuditEntry  *entry,
                                              GError             **error);

/* The feed (gx-server-sqlite-feed.c) and the push (gx-server-sqlite-push.c) */
JsonObject *_gx_server_sqlite_changes        (GxServerStorage     *storage,
                                              const GxServerUser  *user,
                                              gint64               since,
                                              guint                limit,
                                              gint64               now,
                                              GError             **error);
JsonArray  *_gx_server_sqlite_push           (GxServerStorage     *storage,
                                              const GxServerUser  *user,
                                              const char          *desk_id,
                                              JsonArray           *mutations,
                                              gint64               now,
                                              GError             **error);

G_END_DECLS
