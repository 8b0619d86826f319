/* gx-sync-client.h: the desk's sync with guanxi-server, off the UI thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gx-clock.h"
#include "gx-store.h"
#include "gx-types.h"

G_BEGIN_DECLS

#define GX_SYNC_ERROR (gx_sync_error_quark ())

typedef enum
{
  GX_SYNC_ERROR_NETWORK,
  GX_SYNC_ERROR_UNAUTHORIZED,
  GX_SYNC_ERROR_REFUSED,
  GX_SYNC_ERROR_SERVER,
  GX_SYNC_ERROR_RESYNC,
  GX_SYNC_ERROR_BAD_ANSWER,
  GX_SYNC_ERROR_INVALID_URL,
} GxSyncError;

#define GX_TYPE_SYNC_CLIENT (gx_sync_client_get_type ())

G_DECLARE_FINAL_TYPE (GxSyncClient, gx_sync_client, GX, SYNC_CLIENT, GObject)

GQuark        gx_sync_error_quark             (void);

GxSyncClient *gx_sync_client_new              (GxStore             *store,
                                               GxClock             *clock);
void          gx_sync_client_set_account      (GxSyncClient        *self,
                                               const char          *server_url,
                                               const char          *token);
const char   *gx_sync_client_get_server_url   (GxSyncClient        *self);
gboolean      gx_sync_client_has_token        (GxSyncClient        *self);
GxSyncState   gx_sync_client_get_state        (GxSyncClient        *self);
gint64        gx_sync_client_get_last_sync    (GxSyncClient        *self);
gint64        gx_sync_client_get_retry_at     (GxSyncClient        *self);
const char   *gx_sync_client_get_message      (GxSyncClient        *self);
guint         gx_sync_client_sync_now         (GxSyncClient        *self);
guint         gx_sync_client_get_completed    (GxSyncClient        *self);
void          gx_sync_client_set_timing       (GxSyncClient        *self,
                                               guint                backoff_base_ms,
                                               guint                backoff_cap_ms,
                                               guint                wait_seconds);
void          gx_sync_client_stop             (GxSyncClient        *self);

guint         gx_sync_backoff_delay_ms        (guint                attempt,
                                               guint                base_ms,
                                               guint                cap_ms,
                                               guint                retry_after_s,
                                               double               random);
char         *gx_sync_normalize_url           (const char          *text,
                                               GError             **error);
char         *gx_sync_account_stem            (const char          *server_url,
                                               const char          *username);

void          gx_sync_login_async             (const char          *server_url,
                                               const char          *username,
                                               const char          *password,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
JsonObject   *gx_sync_login_finish            (GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
