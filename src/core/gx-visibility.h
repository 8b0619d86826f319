/* gx-visibility.h: who may see and change which records — the server enforces it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "gx-types.h"

G_BEGIN_DECLS

gboolean gx_visibility_can_see             (GxRole             role,
                                            const char        *user_id,
                                            GxConfidentiality  level,
                                            const char        *owner_id);
gboolean gx_visibility_can_see_codes       (const char        *role,
                                            const char        *user_id,
                                            const char        *level,
                                            const char        *owner_id);
gboolean gx_visibility_is_registered       (GxConfidentiality  level);
gboolean gx_visibility_may_write_kind      (GxRole             role,
                                            const char        *kind);
gboolean gx_visibility_may_set_level       (GxRole             role,
                                            GxConfidentiality  level);
gboolean gx_visibility_may_read_audit      (GxRole             role);
gboolean gx_visibility_may_erase           (GxRole             role);
int      gx_visibility_register_sql        (sqlite3           *db);

gboolean gx_merge_is_conflict              (gint64             base_version,
                                            const char        *desk,
                                            gint64             field_version,
                                            const char        *field_desk);

G_END_DECLS
