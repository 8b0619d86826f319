/* gx-uuid.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *gx_uuid_v7_new         (void);
char     *gx_uuid_v7_new_at      (gint64      unix_ms);
gboolean  gx_uuid_is_valid       (const char *text);
gint64    gx_uuid_v7_get_unix_ms (const char *text);

G_END_DECLS
