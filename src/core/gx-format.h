/* gx-format.h: how dates, counts and deadlines read, as pure functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GX_DEADLINE_NONE,
  GX_DEADLINE_MET,
  GX_DEADLINE_ON_TIME,
  GX_DEADLINE_NEAR,
  GX_DEADLINE_OVERDUE,
} GxDeadlineState;

char            *gx_format_date          (gint64        unix_seconds,
                                          GTimeZone    *tz);
char            *gx_format_date_time     (gint64        unix_seconds,
                                          GTimeZone    *tz);
char            *gx_format_iso_date      (const char   *iso_date);
char            *gx_format_duration      (gint64        seconds);
GxDeadlineState  gx_deadline_state       (gint64        due,
                                          gint64        done,
                                          gint64        now,
                                          gint64        warn_seconds);
char            *gx_format_deadline      (gint64        due,
                                          gint64        done,
                                          gint64        now);
const char      *gx_deadline_style_class (GxDeadlineState state);
char            *gx_format_count         (guint         n);
char            *gx_format_money         (gint64        fen);

G_END_DECLS
