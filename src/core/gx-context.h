/* gx-context.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gx-clock.h"
#include "gx-store.h"
#include "gx-types.h"

G_BEGIN_DECLS

#define GX_TYPE_CONTEXT (gx_context_get_type ())

G_DECLARE_FINAL_TYPE (GxContext, gx_context, GX, CONTEXT, GObject)

GxContext  *gx_context_new              (GxStore     *store,
                                         GxClock     *clock,
                                         GSettings   *settings);
GxStore    *gx_context_get_store        (GxContext   *self);
GxClock    *gx_context_get_clock        (GxContext   *self);
GSettings  *gx_context_get_settings     (GxContext   *self);
const char *gx_context_get_user_id      (GxContext   *self);
const char *gx_context_get_user_name    (GxContext   *self);
GxRole      gx_context_get_role         (GxContext   *self);
GxSyncClient *gx_context_get_sync_client (GxContext   *self);
void        gx_context_set_sync_client  (GxContext   *self,
                                         GxSyncClient *client);
void        gx_context_set_user         (GxContext   *self,
                                         const char  *user_id,
                                         const char  *display_name,
                                         GxRole       role);
gboolean    gx_context_load_user        (GxContext   *self,
                                         GError     **error);
gboolean    gx_context_ensure_user      (GxContext   *self,
                                         GError     **error);

G_END_DECLS
