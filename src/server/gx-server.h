/* gx-server.h: the HTTP API of guanxi-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "gx-clock.h"
#include "gx-server-storage.h"

G_BEGIN_DECLS

#define GX_TYPE_SERVER (gx_server_get_type ())

G_DECLARE_FINAL_TYPE (GxServer, gx_server, GX, SERVER, GObject)

GxServer   *gx_server_new                (GxServerStorage  *storage,
                                          GxClock          *clock);
void        gx_server_set_token_lifetime (GxServer         *self,
                                          gint64            seconds);
void        gx_server_set_body_limit     (GxServer         *self,
                                          gsize             bytes);
gboolean    gx_server_listen             (GxServer         *self,
                                          GSocketAddress   *address,
                                          GTlsCertificate  *certificate,
                                          GError          **error);
GSList     *gx_server_get_uris           (GxServer         *self);

G_END_DECLS
