/* gx-activity-private.h: helpers shared by the activity files of core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gx-db.h"
#include "gx-record.h"

G_BEGIN_DECLS

/* The activities of one month of a year plan, as its month card counts them: those whose
 * start falls in that month in their own time zone, and those with only a planned month.
 * CLUB, YEAR, FROM, UNTIL, YM and MONTH name the SQL parameters: the club (NULL for all
 * clubs, which adds the dated activities of no club), the year, the bounds of
 * gx_activity_plan_month_window(), year * 100 + month, and the month. Three branches joined
 * by UNION ALL rather than one WHERE with ORs, so that each seeks the (plan_id, starts_at)
 * index and reads only the month's entries, never the year's. */
#define GX_PLAN_MONTH_SQL(COLS, CLUB, YEAR, FROM, UNTIL, YM, MONTH) \
  "SELECT " COLS " FROM activities a" \
  " WHERE a.plan_id IN (SELECT p.id FROM activity_plans p WHERE p.year = " YEAR \
  "                     AND (" CLUB " IS NULL OR p.club_id = " CLUB "))" \
  "   AND a.starts_at >= " FROM " AND a.starts_at < " UNTIL \
  "   AND gx_local_month (a.starts_at, a.timezone) = " YM \
  " UNION ALL SELECT " COLS " FROM activities a" \
  " WHERE " CLUB " IS NULL AND a.plan_id IS NULL" \
  "   AND a.starts_at >= " FROM " AND a.starts_at < " UNTIL \
  "   AND gx_local_month (a.starts_at, a.timezone) = " YM \
  "   AND CAST (strftime ('%Y', a.starts_at + 28800, 'unixepoch') AS INTEGER) = " YEAR \
  " UNION ALL SELECT " COLS " FROM activities a" \
  " WHERE a.plan_id IN (SELECT p.id FROM activity_plans p WHERE p.year = " YEAR \
  "                     AND (" CLUB " IS NULL OR p.club_id = " CLUB "))" \
  "   AND a.starts_at IS NULL AND a.planned_month = " MONTH

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
