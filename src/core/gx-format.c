/* gx-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "gx-format.h"

static GDateTime *
local_time (gint64     unix_seconds,
            GTimeZone *tz)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GTimeZone) local = NULL;

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  return g_date_time_to_timezone (utc, tz);
}

/**
 * gx_format_date:
 * @unix_seconds: a time; 0 means none
 * @tz: (nullable): the time zone to show it in; local when %NULL
 *
 * Returns: (transfer full): the date as the locale writes it ("Nov 22, 2026", "2026年11月22日"),
 *   "" for 0
 */
char *
gx_format_date (gint64     unix_seconds,
                GTimeZone *tz)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_seconds == 0)
    return g_strdup ("");

  dt = local_time (unix_seconds, tz);
  /* Translators: a date, strftime format, e.g. 2026年%-m月%-d日 */
  return g_date_time_format (dt, _("%b %-d, %Y"));
}

/**
 * gx_format_date_time:
 * @unix_seconds: a time; 0 means none
 * @tz: (nullable): the time zone to show it in; local when %NULL
 *
 * Returns: (transfer full): the date and time, "" for 0
 */
char *
gx_format_date_time (gint64     unix_seconds,
                     GTimeZone *tz)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_seconds == 0)
    return g_strdup ("");

  dt = local_time (unix_seconds, tz);
  /* Translators: a date and a 24-hour time, strftime format */
  return g_date_time_format (dt, _("%b %-d, %Y %H:%M"));
}

/**
 * gx_format_iso_date:
 * @iso_date: (nullable): a calendar date 'YYYY-MM-DD'
 *
 * Returns: (transfer full): the date as the locale writes it, "" for %NULL or a bad date
 */
char *
gx_format_iso_date (const char *iso_date)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (iso_date == NULL || sscanf (iso_date, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return g_strdup ("");

  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  return g_date_time_format (dt, _("%b %-d, %Y"));
}

/**
 * gx_format_duration:
 * @seconds: a length of time, not negative
 *
 * Returns: (transfer full): the length in its largest sensible unit: "45 min", "3 h",
 *   "2 days"
 */
char *
gx_format_duration (gint64 seconds)
{
  gint64 minutes = MAX (seconds, 0) / 60;
  gint64 hours = minutes / 60;
  gint64 days = hours / 24;

  if (days >= 2)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", (gulong) days), (int) days);
  if (hours >= 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h", "%d h", (gulong) hours), (int) hours);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min", "%d min", (gulong) minutes), (int) minutes);
}

/**
 * gx_deadline_state:
 * @due: the deadline; 0 means none
 * @done: when the work was done; 0 means not yet
 * @now: the current time
 * @warn_seconds: how long before @due it counts as near
 *
 * Returns: where the work stands against its deadline
 */
GxDeadlineState
gx_deadline_state (gint64 due,
                   gint64 done,
                   gint64 now,
                   gint64 warn_seconds)
{
  if (due == 0)
    return GX_DEADLINE_NONE;
  if (done != 0)
    return done <= due ? GX_DEADLINE_MET : GX_DEADLINE_OVERDUE;
  if (now > due)
    return GX_DEADLINE_OVERDUE;
  if (due - now <= warn_seconds)
    return GX_DEADLINE_NEAR;
  return GX_DEADLINE_ON_TIME;
}

/**
 * gx_format_deadline:
 * @due: the deadline; 0 means none
 * @done: when the work was done; 0 means not yet
 * @now: the current time
 *
 * Says in words where the work stands, so colour is never the only signal.
 *
 * Returns: (transfer full): "3 h left", "overdue by 1 day", "met", "late by 2 h", or ""
 */
char *
gx_format_deadline (gint64 due,
                    gint64 done,
                    gint64 now)
{
  g_autofree char *amount = NULL;

  if (due == 0)
    return g_strdup ("");

  if (done != 0)
    {
      if (done <= due)
        return g_strdup (_("Met"));
      amount = gx_format_duration (done - due);
      /* Translators: %s is a length of time, e.g. "2 h" */
      return g_strdup_printf (_("Late by %s"), amount);
    }

  if (now > due)
    {
      amount = gx_format_duration (now - due);
      /* Translators: %s is a length of time, e.g. "1 day" */
      return g_strdup_printf (_("Overdue by %s"), amount);
    }

  amount = gx_format_duration (due - now);
  /* Translators: %s is a length of time, e.g. "3 h" */
  return g_strdup_printf (_("%s left"), amount);
}

/**
 * gx_deadline_style_class:
 * @state: a deadline state
 *
 * Returns: (nullable): the libadwaita style class for @state: `success`, `warning`, `error`
 */
const char *
gx_deadline_style_class (GxDeadlineState state)
{
  switch (state)
    {
    case GX_DEADLINE_MET:
    case GX_DEADLINE_ON_TIME:
      return "success";
    case GX_DEADLINE_NEAR:
      return "warning";
    case GX_DEADLINE_OVERDUE:
      return "error";
    case GX_DEADLINE_NONE:
    default:
      return NULL;
    }
}

/**
 * gx_format_count:
 * @n: a number
 *
 * Returns: (transfer full): @n with the locale's digit grouping: "12,408"
 */
char *
gx_format_count (guint n)
{
  return g_strdup_printf ("%'u", n);
}

/**
 * gx_format_money:
 * @fen: an amount in fen (0.01 yuan)
 *
 * Returns: (transfer full): the amount in yuan with grouping: "¥12,408.50"
 */
char *
gx_format_money (gint64 fen)
{
  gint64 yuan = ABS (fen) / 100;
  int cents = (int) (ABS (fen) % 100);
  g_autofree char *whole = g_strdup_printf ("%'" G_GINT64_FORMAT, yuan);

  return g_strdup_printf ("%s¥%s.%02d", fen < 0 ? "−" : "", whole, cents);
}
