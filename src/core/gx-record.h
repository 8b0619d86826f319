/* gx-record.h: every desk write of a synced record — validate, write, register, queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gx-db.h"
#include "gx-kinds.h"

G_BEGIN_DECLS

#define GX_RECORD_ERROR (gx_record_error_quark ())

typedef enum
{
  GX_RECORD_ERROR_UNKNOWN_KIND,
  GX_RECORD_ERROR_UNKNOWN_FIELD,
  GX_RECORD_ERROR_INVALID,
  GX_RECORD_ERROR_REQUIRED,
  GX_RECORD_ERROR_NOT_FOUND,
  GX_RECORD_ERROR_APPEND_ONLY,
  GX_RECORD_ERROR_EXISTS,
  GX_RECORD_ERROR_FORBIDDEN,
} GxRecordError;

/**
 * GxWriteMeta:
 * @now: the time of the change
 * @user_id: (nullable): who makes it
 * @verification: (nullable): how the customer's identity was verified, for changes of
 *   identity fields; written to the change register
 * @from_sync: the change is the server's record being applied at the desk: no outbox row and
 *   no change-register row (the server's own register rows arrive by sync)
 * @version: with @from_sync or @server, the record's version after the write
 * @server: the change is a pushed mutation applied on the server: validated and checked by
 *   the rules like a desk's own edit, stamped with @version, but with no outbox row and no
 *   change-register row (the desk that made the change pushes its own register rows)
 */
typedef struct
{
  gint64      now;
  const char *user_id;
  const char *verification;
  gboolean    from_sync;
  gint64      version;
  gboolean    server;
} GxWriteMeta;

GQuark      gx_record_error_quark     (void);
const char *gx_record_error_get_field (const GError        *error);
void        gx_record_set_field_error (GError             **error,
                                       GxRecordError        code,
                                       const char          *field,
                                       const char          *message);
gboolean    gx_record_validate        (const GxKind        *kind,
                                       JsonObject          *fields,
                                       gboolean             insert,
                                       GError             **error);
gboolean    gx_record_insert          (GxDb                *db,
                                       const char          *kind,
                                       const char          *id,
                                       JsonObject          *fields,
                                       const GxWriteMeta   *meta,
                                       GError             **error);
gboolean    gx_record_insert_pulled   (GxDb                *db,
                                       const GxKind        *kind,
                                       guint                n,
                                       const char * const  *ids,
                                       JsonObject * const  *records,
                                       const gint64        *versions,
                                       GError             **error);
gboolean    gx_record_update          (GxDb                *db,
                                       const char          *kind,
                                       const char          *id,
                                       JsonObject          *changes,
                                       const GxWriteMeta   *meta,
                                       GError             **error);
gboolean    gx_record_delete          (GxDb                *db,
                                       const char          *kind,
                                       const char          *id,
                                       const GxWriteMeta   *meta,
                                       GError             **error);
JsonObject *gx_record_read            (GxDb                *db,
                                       const char          *kind,
                                       const char          *id,
                                       GError             **error);
gint64      gx_record_get_version     (GxDb                *db,
                                       const GxKind        *kind,
                                       const char          *id,
                                       GError             **error);

G_END_DECLS
