/* gx-clock.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GX_TYPE_CLOCK (gx_clock_get_type ())

G_DECLARE_FINAL_TYPE (GxClock, gx_clock, GX, CLOCK, GObject)

GxClock   *gx_clock_new_system   (void);
GxClock   *gx_clock_new_fixed    (gint64     unix_seconds);
gint64     gx_clock_now          (GxClock   *self);
GDateTime *gx_clock_dup_local    (GxClock   *self);
void       gx_clock_set_fixed    (GxClock   *self,
                                  gint64     unix_seconds);
void       gx_clock_advance      (GxClock   *self,
                                  gint64     seconds);
char      *gx_clock_dup_today    (GxClock   *self);
GTimeZone *gx_clock_get_timezone (GxClock   *self);

G_END_DECLS
