/* gx-activity-private.h: helpers shared by the activity files of core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gx-db.h"
#include "gx-record.h"

G_BEGIN_DECLS

const char *_gx_json_str                  (JsonObject         *object,
                                           const char         *name);
gint64      _gx_json_int                  (JsonObject         *object,
                                           const char         *name);
gboolean    _gx_json_is_set               (JsonObject         *object,
                                           const char         *name);
void        _gx_json_set_int_or_null      (JsonObject         *object,
                                           const char         *name,
                                           gint64              value);
void        _gx_activity_fail             (GError            **error,
                                           const char         *field,
                                           const char         *message);
gboolean    _gx_activity_ensure_prospect  (GxDb               *db,
                                           const char         *name,
                                           const char         *phone,
                                           const char         *owner_id,
                                           const GxWriteMeta  *meta,
                                           char              **customer_id,
                                           gboolean           *created,
                                           GError            **error);

GPtrArray  *_gx_activity_target_group_ids (GxDb               *db,
                                           const char         *activity_id,
                                           gint64              now,
                                           GError            **error);

G_END_DECLS
