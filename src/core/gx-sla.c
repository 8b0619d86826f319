/* gx-sla.c: working calendars and SLA clocks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-sla"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gx-sla.h"

/* A case's clock is never stored: it is computed from the case's status history (its case
 * events), the time limit and the working calendar, so every desk and the server get the
 * same answer offline, a changed limit recomputes cleanly with every paused spell still in
 * the history, and the case can show each spell that counted and each that did not.
 *
 * The calendar works in local dates of its time zone (a GTimeZone, so zones with daylight
 * saving work too; Asia/Shanghai has none). Each local date has at most one working
 * interval [day_start, day_end) in minutes after local midnight, from the calendar version
 * in force that day; a holiday has none; a 调休 workday has the version's hours even on a
 * weekend. Walks are bounded: a calendar without any working day in ten years is an
 * error, never a hang. */

#define MAX_DAYS (366 * 10)

typedef struct
{
  guint32 valid_from;   /* Julian day */
  int     day_start;    /* minutes after local midnight */
  int     day_end;
  guint8  weekdays;     /* bit n set: ISO weekday n (1 = Monday) works */
} Version;

struct _GxWorkCalendar
{
  gatomicrefcount  ref_count;
  GTimeZone       *tz;
  GArray          *versions;   /* Version, by valid_from */
  GHashTable      *days;       /* Julian day → GxDayKind + 1 */
};

G_DEFINE_BOXED_TYPE (GxWorkCalendar, gx_work_calendar, gx_work_calendar_ref, gx_work_calendar_unref)
G_DEFINE_QUARK (gx-sla-error-quark, gx_sla_error)

static gboolean
parse_day (const char *text,
           guint32    *julian)
{
  int y, m, d;
  char tail;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;

  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
    *julian = g_date_get_julian (&date);
  }
  return TRUE;
}

/**
 * gx_work_calendar_new:
 * @timezone: (nullable): a time zone identifier; "Asia/Shanghai" when %NULL
 *
 * Returns: (transfer full): a calendar without versions: add at least one
 */
GxWorkCalendar *
gx_work_calendar_new (const char *timezone)
{
  GxWorkCalendar *self = g_new0 (GxWorkCalendar, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->tz = g_time_zone_new_identifier (timezone ? timezone : "Asia/Shanghai");
  if (self->tz == NULL)
    self->tz = g_time_zone_new_offset (8 * 3600);
  self->versions = g_array_new (FALSE, FALSE, sizeof (Version));
  self->days = g_hash_table_new (NULL, NULL);
  return self;
}

GxWorkCalendar *
gx_work_calendar_ref (GxWorkCalendar *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
gx_work_calendar_unref (GxWorkCalendar *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_time_zone_unref (self->tz);
  g_array_unref (self->versions);
  g_hash_table_unref (self->days);
  g_free (self);
}

/**
 * gx_work_calendar_get_timezone:
 * @self: a calendar
 *
 * Returns: (transfer none): the time zone its hours are in
 */
GTimeZone *
gx_work_calendar_get_timezone (GxWorkCalendar *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->tz;
}

static int
compare_versions (gconstpointer a,
                  gconstpointer b)
{
  const Version *va = a, *vb = b;

  return va->valid_from < vb->valid_from ? -1 : va->valid_from > vb->valid_from;
}

/**
 * gx_work_calendar_add_version:
 * @self: a calendar being built
 * @valid_from: the first date the version holds, 'YYYY-MM-DD'
 * @day_start: start of the working day, minutes after local midnight
 * @day_end: its end, after @day_start, at most 1440
 * @weekdays: the ISO weekday digits that are working days, e.g. "12345"
 * @error: return location for a #GX_SLA_ERROR_INVALID
 */
gboolean
gx_work_calendar_add_version (GxWorkCalendar  *self,
                              const char      *valid_from,
                              int              day_start,
                              int              day_end,
                              const char      *weekdays,
                              GError         **error)
{
  Version version = { 0 };

  g_return_val_if_fail (self != NULL, FALSE);

  if (!parse_day (valid_from, &version.valid_from))
    {
      g_set_error (error, GX_SLA_ERROR, GX_SLA_ERROR_INVALID, _("“%s” is not a date."), valid_from ? valid_from : "");
      return FALSE;
    }
  if (day_start < 0 || day_end > 1440 || day_end <= day_start)
    {
      g_set_error_literal (error, GX_SLA_ERROR, GX_SLA_ERROR_INVALID,
                           _("The working day must end after it starts, on the same day."));
      return FALSE;
    }
  for (const char *p = weekdays ? weekdays : ""; *p; p++)
    {
      if (*p < '1' || *p > '7')
        {
          g_set_error (error, GX_SLA_ERROR, GX_SLA_ERROR_INVALID,
                       _("“%s” is not a list of weekdays (1 = Monday … 7 = Sunday)."), weekdays);
          return FALSE;
        }
      version.weekdays |= (guint8) (1u << (*p - '0'));
    }

  version.day_start = day_start;
  version.day_end = day_end;
  g_array_append_val (self->versions, version);
  g_array_sort (self->versions, compare_versions);
  return TRUE;
}

/**
 * gx_work_calendar_set_day:
 * @self: a calendar being built
 * @day: a date, 'YYYY-MM-DD'
 * @kind: a holiday, or a working day whatever the weekday (调休)
 * @error: return location for a #GX_SLA_ERROR_INVALID
 */
gboolean
gx_work_calendar_set_day (GxWorkCalendar  *self,
                          const char      *day,
                          GxDayKind        kind,
                          GError         **error)
{
  guint32 julian;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!parse_day (day, &julian))
    {
      g_set_error (error, GX_SLA_ERROR, GX_SLA_ERROR_INVALID, _("“%s” is not a date."), day ? day : "");
      return FALSE;
    }

  g_hash_table_insert (self->days, GUINT_TO_POINTER (julian), GINT_TO_POINTER (kind + 1));
  return TRUE;
}

static const Version *
version_for (GxWorkCalendar *self,
             guint32         julian)
{
  const Version *found = NULL;

  if (self->versions->len == 0)
    return NULL;

  /* Before the first version, the first one holds: history has to start somewhere. */
  found = &g_array_index (self->versions, Version, 0);
  for (guint i = 1; i < self->versions->len; i++)
    {
      const Version *v = &g_array_index (self->versions, Version, i);
      if (v->valid_from > julian)
        break;
      found = v;
    }
  return found;
}

/* The working interval of a local date, as instants; FALSE when it is not a working day. */
static gboolean
working_interval (GxWorkCalendar *self,
                  guint32         julian,
                  gint64         *start,
                  gint64         *end)
{
  const Version *version = version_for (self, julian);
  gpointer special;
  GDate date;
  gboolean works;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  int y, m, d;

  if (version == NULL)
    return FALSE;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);

  special = g_hash_table_lookup (self->days, GUINT_TO_POINTER (julian));
  if (special != NULL)
    works = GPOINTER_TO_INT (special) - 1 == GX_DAY_WORKDAY;
  else
    works = (version->weekdays & (1u << g_date_get_weekday (&date))) != 0;

  if (!works)
    return FALSE;

  y = g_date_get_year (&date);
  m = g_date_get_month (&date);
  d = g_date_get_day (&date);

  /* Wall-clock hours: on a daylight-saving change day GDateTime places them right. */
  from = g_date_time_new (self->tz, y, m, d, version->day_start / 60, version->day_start % 60, 0);
  if (version->day_end == 1440)
    {
      g_autoptr(GDateTime) midnight = g_date_time_new (self->tz, y, m, d, 0, 0, 0);
      to = g_date_time_add_days (midnight, 1);
    }
  else
    to = g_date_time_new (self->tz, y, m, d, version->day_end / 60, version->day_end % 60, 0);

  if (from == NULL || to == NULL)
    return FALSE;

  *start = g_date_time_to_unix (from);
  *end = g_date_time_to_unix (to);
  return *end > *start;
}

static guint32
local_julian (GxWorkCalendar *self,
              gint64          t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->tz);
  GDate date;
  int y, m, d;

  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_get_julian (&date);
}

/**
 * gx_work_calendar_is_working_day:
 * @self: a calendar
 * @day: a date, 'YYYY-MM-DD'
 *
 * Returns: whether @day has working hours
 */
gboolean
gx_work_calendar_is_working_day (GxWorkCalendar *self,
                                 const char     *day)
{
  guint32 julian;
  gint64 start, end;

  g_return_val_if_fail (self != NULL, FALSE);

  return parse_day (day, &julian) && working_interval (self, julian, &start, &end);
}

/**
 * gx_work_calendar_add:
 * @self: a calendar
 * @start: an instant
 * @seconds: working time to add, not negative
 * @result: (out): the instant by which @seconds of working time have passed after @start
 * @error: return location for a #GX_SLA_ERROR_NO_WORKING_TIME
 *
 * A deadline of 4 working hours asked for at 17:00 on a Friday falls at 12:00 on Monday
 * (09:00–18:00, Monday to Friday). A limit that ends exactly at the close of a working day
 * falls at the close, not at the next opening.
 */
gboolean
gx_work_calendar_add (GxWorkCalendar  *self,
                      gint64           start,
                      gint64           seconds,
                      gint64          *result,
                      GError         **error)
{
  gint64 remaining = MAX (seconds, 0);
  guint32 julian;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (remaining == 0)
    {
      *result = start;
      return TRUE;
    }

  /* The day before too: a late shift of the previous local date may reach past midnight. */
  julian = local_julian (self, start) - 1;
  for (guint i = 0; i < MAX_DAYS; i++, julian++)
    {
      gint64 from, to;

      if (!working_interval (self, julian, &from, &to) || to <= start)
        continue;

      from = MAX (from, start);
      if (remaining <= to - from)
        {
          *result = from + remaining;
          return TRUE;
        }
      remaining -= to - from;
    }

  g_set_error_literal (error, GX_SLA_ERROR, GX_SLA_ERROR_NO_WORKING_TIME,
                       _("The working calendar has no working days; the deadline cannot be computed."));
  return FALSE;
}

/**
 * gx_work_calendar_between:
 * @self: a calendar
 * @from: an instant
 * @to: a later instant
 *
 * Returns: the working seconds in [@from, @to); 0 when @to is not after @from
 */
gint64
gx_work_calendar_between (GxWorkCalendar *self,
                          gint64          from,
                          gint64          to)
{
  gint64 total = 0;
  guint32 first, last;

  g_return_val_if_fail (self != NULL, 0);

  if (to <= from)
    return 0;

  first = local_julian (self, from) - 1;
  last = local_julian (self, to);
  for (guint32 julian = first; julian <= last; julian++)
    {
      gint64 start, end;

      if (!working_interval (self, julian, &start, &end))
        continue;
      start = MAX (start, from);
      end = MIN (end, to);
      if (end > start)
        total += end - start;
    }

  return total;
}

/**
 * gx_work_calendar_load:
 * @db: a connection
 * @calendar_id: the calendar's id; its versions are the rows with this id or this `base_id`
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the calendar with its versions and special days
 */
GxWorkCalendar *
gx_work_calendar_load (GxDb        *db,
                       const char  *calendar_id,
                       GError     **error)
{
  g_autoptr(GxWorkCalendar) calendar = NULL;
  g_autofree char *timezone = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (calendar_id != NULL, NULL);

  /* The newest version's time zone holds for the whole calendar. */
  timezone = gx_db_query_string (db,
                                 "SELECT timezone FROM work_calendars WHERE id = ?1 OR base_id = ?1"
                                 " ORDER BY valid_from DESC LIMIT 1",
                                 g_variant_new ("(s)", calendar_id), NULL);
  if (timezone == NULL)
    {
      g_set_error (error, GX_SLA_ERROR, GX_SLA_ERROR_NOT_FOUND, _("No working calendar “%s”."), calendar_id);
      return NULL;
    }

  calendar = gx_work_calendar_new (timezone);

  stmt = gx_db_prepare (db,
                        "SELECT valid_from, day_start, day_end, weekdays FROM work_calendars"
                        " WHERE id = ?1 OR base_id = ?1 ORDER BY valid_from",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, calendar_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!gx_work_calendar_add_version (calendar, gx_db_column_text (stmt, 0), sqlite3_column_int (stmt, 1),
                                       sqlite3_column_int (stmt, 2), gx_db_column_text (stmt, 3), error))
      {
        sqlite3_reset (stmt);
        return NULL;
      }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "work_calendars");
      return NULL;
    }

  stmt = gx_db_prepare (db, "SELECT day, kind FROM calendar_days WHERE calendar_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, calendar_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    gx_work_calendar_set_day (calendar, gx_db_column_text (stmt, 0),
                              g_strcmp0 (gx_db_column_text (stmt, 1), "workday") == 0 ? GX_DAY_WORKDAY : GX_DAY_HOLIDAY,
                              NULL);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "calendar_days");
      return NULL;
    }

  return g_steal_pointer (&calendar);
}

/* Policies */

void
gx_sla_policy_clear (GxSlaPolicy *policy)
{
  g_clear_pointer (&policy->id, g_free);
  g_clear_pointer (&policy->name, g_free);
  g_clear_pointer (&policy->calendar, gx_work_calendar_unref);
}

/**
 * gx_sla_policy_load:
 * @db: a connection
 * @policy_id: the policy's id
 * @policy: (out caller-allocates): the policy; clear it with gx_sla_policy_clear()
 * @error: return location for a #GError
 */
gboolean
gx_sla_policy_load (GxDb         *db,
                    const char   *policy_id,
                    GxSlaPolicy  *policy,
                    GError      **error)
{
  g_autofree char *calendar_id = NULL;
  gboolean business_hours;
  sqlite3_stmt *stmt;

  memset (policy, 0, sizeof *policy);

  stmt = gx_db_prepare (db,
                        "SELECT name, ack_minutes, resolve_minutes, business_hours, calendar_id, review_required,"
                        "       warn_percent, escalate_minutes, max_level"
                        "  FROM sla_policies WHERE id = ?",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, policy_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, GX_SLA_ERROR, GX_SLA_ERROR_NOT_FOUND, _("No service time limit “%s”."), policy_id);
      return FALSE;
    }

  policy->id = g_strdup (policy_id);
  policy->name = gx_db_dup_column (stmt, 0);
  policy->ack_seconds = sqlite3_column_int64 (stmt, 1) * 60;
  policy->resolve_seconds = sqlite3_column_int64 (stmt, 2) * 60;
  business_hours = sqlite3_column_int (stmt, 3) != 0;
  calendar_id = gx_db_dup_column (stmt, 4);
  policy->review_required = sqlite3_column_int (stmt, 5) != 0;
  policy->warn_percent = sqlite3_column_int (stmt, 6);
  policy->escalate_seconds = sqlite3_column_int64 (stmt, 7) * 60;
  policy->max_level = sqlite3_column_int (stmt, 8);
  sqlite3_reset (stmt);

  if (business_hours)
    {
      policy->calendar = gx_work_calendar_load (db, calendar_id ? calendar_id : "default", error);
      if (policy->calendar == NULL)
        {
          gx_sla_policy_clear (policy);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * gx_sla_policy_choose:
 * @db: a connection
 * @severity: the case's severity
 * @tier_id: (nullable): the customer's service tier
 * @error: return location for a #GError
 *
 * The active policy for a severity and a tier: one made for the tier wins over the general
 * one of the severity; a severity without a policy takes the general policy (no severity).
 *
 * Returns: (transfer full) (nullable): the policy's id, %NULL when there is none
 */
char *
gx_sla_policy_choose (GxDb        *db,
                      const char  *severity,
                      const char  *tier_id,
                      GError     **error)
{
  return gx_db_query_string (db,
                             "SELECT id FROM sla_policies"
                             " WHERE active = 1 AND (severity = ?1 OR severity IS NULL)"
                             "   AND (tier_id = ?2 OR tier_id IS NULL)"
                             " ORDER BY severity IS NULL, tier_id IS NULL, id LIMIT 1",
                             g_variant_new ("(sms)", severity ? severity : "", tier_id), error);
}

/* The clock */

/**
 * gx_sla_status_clock:
 * @status: a case status code
 *
 * Returns: what the answer clock does in @status: it pauses while the case waits for the
 *   customer and stops once the decision is communicated
 */
GxSlaClockState
gx_sla_status_clock (const char *status)
{
  if (g_strcmp0 (status, "waiting_customer") == 0)
    return GX_SLA_CLOCK_PAUSED;
  if (g_strcmp0 (status, "communicated") == 0 || g_strcmp0 (status, "return_visit") == 0 ||
      g_strcmp0 (status, "closed") == 0)
    return GX_SLA_CLOCK_STOPPED;
  return GX_SLA_CLOCK_RUNNING;
}

/**
 * gx_sla_deadline:
 * @calendar: (nullable): a working calendar; %NULL counts plain time
 * @start: an instant
 * @seconds: the time allowed
 * @due: (out): the deadline
 * @error: return location for a #GError
 */
gboolean
gx_sla_deadline (GxWorkCalendar  *calendar,
                 gint64           start,
                 gint64           seconds,
                 gint64          *due,
                 GError         **error)
{
  if (calendar == NULL)
    {
      *due = start + MAX (seconds, 0);
      return TRUE;
    }

  return gx_work_calendar_add (calendar, start, seconds, due, error);
}

static gint64
counted (GxWorkCalendar *calendar,
         gint64          from,
         gint64          to)
{
  if (calendar == NULL)
    return MAX (to - from, 0);
  return gx_work_calendar_between (calendar, from, to);
}

/* Notes when a running spell that starts with @before counted and adds @more uses up the
 * amber share or the whole limit: the first crossing is the one that holds. */
static gboolean
note_crossings (GxSlaClock      *clock,
                GxWorkCalendar  *calendar,
                gint64           start,
                gint64           before,
                gint64           more,
                gint64           warn_limit,
                gint64          *warned_at,
                GError         **error)
{
  if (more <= 0)
    return TRUE;
  if (*warned_at == 0 && before + more > warn_limit &&
      !gx_sla_deadline (calendar, start, MAX (warn_limit - before, 0), warned_at, error))
    return FALSE;
  if (clock->breached_at == 0 && before + more > clock->limit &&
      !gx_sla_deadline (calendar, start, MAX (clock->limit - before, 0), &clock->breached_at, error))
    return FALSE;
  return TRUE;
}

void
gx_sla_clock_clear (GxSlaClock *clock)
{
  g_clear_pointer (&clock->segments, g_array_unref);
}

/**
 * gx_sla_compute:
 * @limit: the time allowed, seconds (of working time with @calendar)
 * @warn_percent: the share of @limit after which the clock is near its deadline
 * @calendar: (nullable): the working calendar; %NULL counts calendar hours
 * @steps: (array length=n_steps): the case's status history, oldest first; the first step
 *   is its receipt
 * @n_steps: their number, at least one
 * @now: the current time
 * @clock: (out caller-allocates): the clock; clear it with gx_sla_clock_clear()
 * @error: return location for a #GError
 *
 * Replays the status history: running spells count (working time only, with a calendar),
 * spells waiting for the customer do not, and the clock stops when the decision is
 * communicated; a reopened case runs on from where it stopped.
 */
gboolean
gx_sla_compute (gint64            limit,
                int               warn_percent,
                GxWorkCalendar   *calendar,
                const GxSlaStep  *steps,
                guint             n_steps,
                gint64            now,
                GxSlaClock       *clock,
                GError          **error)
{
  gint64 warn_limit;
  gint64 elapsed = 0;
  gint64 run_start = 0;
  gint64 run_base = 0;
  gint64 warned_at = 0;

  g_return_val_if_fail (steps != NULL && n_steps > 0, FALSE);
  g_return_val_if_fail (clock != NULL, FALSE);

  memset (clock, 0, sizeof *clock);
  clock->limit = limit;
  clock->segments = g_array_new (FALSE, TRUE, sizeof (GxSlaSegment));
  warn_limit = limit * CLAMP (warn_percent, 1, 100) / 100;

  for (guint i = 0; i < n_steps; i++)
    {
      gint64 start = steps[i].at;
      gint64 end = i + 1 < n_steps ? MAX (steps[i + 1].at, start) : MAX (now, start);
      GxSlaSegment segment = { start, end, gx_sla_status_clock (steps[i].status), 0, steps[i].status };

      /* Consecutive steps in the same clock state make one spell. */
      if (clock->segments->len > 0)
        {
          GxSlaSegment *last = &g_array_index (clock->segments, GxSlaSegment, clock->segments->len - 1);

          if (last->state == segment.state && last->end == segment.start &&
              (segment.state != GX_SLA_CLOCK_PAUSED || g_strcmp0 (last->status, segment.status) == 0))
            {
              gint64 more = segment.state == GX_SLA_CLOCK_RUNNING ? counted (calendar, segment.start, segment.end) : 0;

              if (!note_crossings (clock, calendar, segment.start, elapsed, more, warn_limit, &warned_at, error))
                return FALSE;

              /* The spell keeps the status it began in. */
              last->end = segment.end;
              last->counted += more;
              elapsed += more;
              if (segment.state == GX_SLA_CLOCK_PAUSED)
                clock->paused += segment.end - segment.start;
              continue;
            }
        }

      switch (segment.state)
        {
        case GX_SLA_CLOCK_RUNNING:
          segment.counted = counted (calendar, segment.start, segment.end);
          run_start = segment.start;
          run_base = elapsed;
          if (!note_crossings (clock, calendar, segment.start, elapsed, segment.counted, warn_limit, &warned_at, error))
            return FALSE;
          elapsed += segment.counted;
          break;
        case GX_SLA_CLOCK_PAUSED:
          clock->paused += segment.end - segment.start;
          break;
        case GX_SLA_CLOCK_STOPPED:
        default:
          break;
        }

      g_array_append_val (clock->segments, segment);
    }

  clock->state = g_array_index (clock->segments, GxSlaSegment, clock->segments->len - 1).state;
  clock->elapsed = elapsed;
  clock->remaining = limit - elapsed;

  if (clock->state == GX_SLA_CLOCK_STOPPED)
    clock->stopped_at = g_array_index (clock->segments, GxSlaSegment, clock->segments->len - 1).start;

  /* The deadline is where the last running spell would use the limit up. While paused it is
   * unknown: it moves on with every minute the customer takes. */
  if (clock->state != GX_SLA_CLOCK_PAUSED && clock->segments->len > 0)
    {
      if (clock->breached_at != 0)
        clock->due_at = clock->breached_at;
      else if (!gx_sla_deadline (calendar, run_start, limit - run_base, &clock->due_at, error))
        return FALSE;
      if (warned_at != 0)
        clock->warn_at = warned_at;
      else if (!gx_sla_deadline (calendar, run_start, warn_limit - run_base, &clock->warn_at, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * gx_sla_escalation_level:
 * @clock: a case's answer clock
 * @policy: its policy
 * @now: the current time
 *
 * Returns: the level an open case should have reached: 0 on time, 1 once past the deadline,
 *   and one more for every further `escalate_seconds` of counted time, up to `max_level`.
 *   A paused clock does not climb; a stopped one needs no escalation.
 */
int
gx_sla_escalation_level (const GxSlaClock  *clock,
                         const GxSlaPolicy *policy,
                         gint64             now)
{
  gint64 over;
  gint64 level;

  if (clock->state == GX_SLA_CLOCK_STOPPED)
    return 0;
  if (clock->remaining >= 0 && !(clock->due_at != 0 && now > clock->due_at))
    return 0;

  /* After closing time the working clock stands still, but the deadline has passed. */
  over = MAX (-clock->remaining, 0);
  level = 1 + (policy->escalate_seconds > 0 ? over / policy->escalate_seconds : 0);
  return (int) MIN (level, MAX (policy->max_level, 1));
}
