/* gx-clock.c: the one source of "now" for core rules, fixed in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-clock"

#include "config.h"

#include "gx-clock.h"

struct _GxClock
{
  GObject    parent_instance;

  GTimeZone *timezone;
  gint64     fixed;
  guint      is_fixed : 1;
};

G_DEFINE_FINAL_TYPE (GxClock, gx_clock, G_TYPE_OBJECT)

static void
gx_clock_finalize (GObject *object)
{
  GxClock *self = (GxClock *) object;

  g_clear_pointer (&self->timezone, g_time_zone_unref);

  G_OBJECT_CLASS (gx_clock_parent_class)->finalize (object);
}

static void
gx_clock_class_init (GxClockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gx_clock_finalize;
}

static void
gx_clock_init (GxClock *self)
{
  self->timezone = g_time_zone_new_local ();
}

/**
 * gx_clock_new_system:
 *
 * Returns: (transfer full): a clock that reads the system time
 */
GxClock *
gx_clock_new_system (void)
{
  return g_object_new (GX_TYPE_CLOCK, NULL);
}

/**
 * gx_clock_new_fixed:
 * @unix_seconds: the time the clock shows until set or advanced
 *
 * Returns: (transfer full): a clock for tests and the demo generator
 */
GxClock *
gx_clock_new_fixed (gint64 unix_seconds)
{
  GxClock *self = g_object_new (GX_TYPE_CLOCK, NULL);

  gx_clock_set_fixed (self, unix_seconds);
  return self;
}

void
gx_clock_set_fixed (GxClock *self,
                    gint64   unix_seconds)
{
  g_return_if_fail (GX_IS_CLOCK (self));

  self->is_fixed = TRUE;
  self->fixed = unix_seconds;
}

void
gx_clock_advance (GxClock *self,
                  gint64   seconds)
{
  g_return_if_fail (GX_IS_CLOCK (self));
  g_return_if_fail (self->is_fixed);

  self->fixed += seconds;
}

/**
 * gx_clock_now:
 * @self: a #GxClock
 *
 * Returns: seconds since the Unix epoch
 */
gint64
gx_clock_now (GxClock *self)
{
  g_return_val_if_fail (GX_IS_CLOCK (self), 0);

  if (self->is_fixed)
    return self->fixed;

  return g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * gx_clock_get_timezone:
 * @self: a #GxClock
 *
 * Returns: (transfer none): the local time zone dates are read in
 */
GTimeZone *
gx_clock_get_timezone (GxClock *self)
{
  g_return_val_if_fail (GX_IS_CLOCK (self), NULL);

  return self->timezone;
}

/**
 * gx_clock_dup_local:
 * @self: a #GxClock
 *
 * Returns: (transfer full): now in local time
 */
GDateTime *
gx_clock_dup_local (GxClock *self)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (gx_clock_now (self));

  return g_date_time_to_timezone (utc, self->timezone);
}

/**
 * gx_clock_dup_today:
 * @self: a #GxClock
 *
 * Returns: (transfer full): today's local date as 'YYYY-MM-DD'
 */
char *
gx_clock_dup_today (GxClock *self)
{
  g_autoptr(GDateTime) local = gx_clock_dup_local (self);

  return g_date_time_format (local, "%Y-%m-%d");
}
