/* test-sla.c: working calendars and the answer clock, table by table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gx-sla.h"
#include "gx-test-util.h"

#define H 3600
#define M 60

/* A local time in @zone, "2026-11-20 17:00", as Unix seconds. */
static gint64
local_at (const char *zone,
          const char *text)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d, h, mi;

  g_assert_nonnull (tz);
  g_assert_cmpint (sscanf (text, "%d-%d-%d %d:%d", &y, &m, &d, &h, &mi), ==, 5);
  dt = g_date_time_new (tz, y, m, d, h, mi, 0);
  return g_date_time_to_unix (dt);
}

static gint64
sh (const char *text)
{
  return local_at ("Asia/Shanghai", text);
}

static char *
format_sh (gint64 t)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* The standard week, 09:00–18:00 Monday to Friday, Beijing time. */
static GxWorkCalendar *
standard_calendar (void)
{
  GxWorkCalendar *calendar = gx_work_calendar_new ("Asia/Shanghai");
  g_autoptr(GError) error = NULL;

  gx_work_calendar_add_version (calendar, "1970-01-01", 9 * 60, 18 * 60, "12345", &error);
  g_assert_no_error (error);
  return calendar;
}

/* 2026-11-20 is a Friday, 11-21/22 the weekend, 11-23 a Monday. */
static void
test_calendar_add (void)
{
  static const struct {
    const char *what;
    const char *holiday;      /* a day off */
    const char *workday;      /* a weekend day worked (调休) */
    const char *version;      /* from this date on: 08:00–17:00 */
    const char *start;
    gint64      seconds;
    const char *due;
  } cases[] = {
    { "Friday afternoon runs over the weekend", NULL, NULL, NULL, "2026-11-20 17:00", 4 * H, "2026-11-23 12:00" },
    { "asked on a Sunday, counted from Monday's opening", NULL, NULL, NULL, "2026-11-22 10:00", 1 * H, "2026-11-23 10:00" },
    { "before opening time", NULL, NULL, NULL, "2026-11-23 08:00", 1 * H, "2026-11-23 10:00" },
    { "a limit ending at closing time ends at closing time", NULL, NULL, NULL, "2026-11-23 17:00", 1 * H, "2026-11-23 18:00" },
    { "after closing time", NULL, NULL, NULL, "2026-11-23 18:30", 30 * M, "2026-11-24 09:30" },
    { "minutes, not whole hours", NULL, NULL, NULL, "2026-11-23 17:45", 20 * M, "2026-11-24 09:05" },
    { "a Monday holiday is skipped", "2026-11-23", NULL, NULL, "2026-11-20 17:00", 4 * H, "2026-11-24 12:00" },
    { "a Saturday worked (调休) counts", NULL, "2026-11-21", NULL, "2026-11-20 17:00", 4 * H, "2026-11-21 12:00" },
    { "new working hours hold from their date on", NULL, NULL, "2026-11-23", "2026-11-20 17:00", 4 * H, "2026-11-23 11:00" },
    { "several working days", NULL, NULL, NULL, "2026-11-20 09:00", 45 * H, "2026-11-26 18:00" },
    { "nothing to add", NULL, NULL, NULL, "2026-11-22 10:00", 0, "2026-11-22 10:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GxWorkCalendar) calendar = standard_calendar ();
      g_autoptr(GError) error = NULL;
      g_autofree char *got = NULL;
      gint64 due = 0;

      if (cases[i].holiday)
        gx_work_calendar_set_day (calendar, cases[i].holiday, GX_DAY_HOLIDAY, &error);
      if (cases[i].workday)
        gx_work_calendar_set_day (calendar, cases[i].workday, GX_DAY_WORKDAY, &error);
      if (cases[i].version)
        gx_work_calendar_add_version (calendar, cases[i].version, 8 * 60, 17 * 60, "12345", &error);
      g_assert_no_error (error);

      g_assert_true (gx_work_calendar_add (calendar, sh (cases[i].start), cases[i].seconds, &due, &error));
      g_assert_no_error (error);
      got = format_sh (due);
      g_test_message ("%s: %s", cases[i].what, got);
      g_assert_cmpstr (got, ==, cases[i].due);
    }
}

static void
test_calendar_between (void)
{
  static const struct {
    const char *from;
    const char *to;
    gint64      seconds;
  } cases[] = {
    { "2026-11-20 17:00", "2026-11-23 10:00", 2 * H },
    { "2026-11-23 10:00", "2026-11-23 10:30", 30 * M },
    { "2026-11-21 10:00", "2026-11-22 20:00", 0 },
    { "2026-11-23 20:00", "2026-11-24 08:00", 0 },
    { "2026-11-20 09:00", "2026-11-27 09:00", 45 * H },
    { "2026-11-24 10:00", "2026-11-23 10:00", 0 },
  };
  g_autoptr(GxWorkCalendar) calendar = standard_calendar ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (gx_work_calendar_between (calendar, sh (cases[i].from), sh (cases[i].to)), ==, cases[i].seconds);

  /* Adding what lies between two working instants gets back to the second. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 from = sh (cases[i].from), due = 0;

      if (cases[i].seconds == 0)
        continue;
      g_assert_true (gx_work_calendar_add (calendar, from, cases[i].seconds, &due, NULL));
      g_assert_cmpint (gx_work_calendar_between (calendar, from, due), ==, cases[i].seconds);
    }
}

/* Asia/Shanghai keeps UTC+8 all year; a zone with daylight saving gets its short day. */
static void
test_calendar_time_zones (void)
{
  g_autoptr(GxWorkCalendar) shanghai = gx_work_calendar_new ("Asia/Shanghai");
  g_autoptr(GxWorkCalendar) berlin = gx_work_calendar_new ("Europe/Berlin");
  g_autoptr(GxWorkCalendar) round_clock = gx_work_calendar_new ("Europe/Berlin");
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) expected = NULL;
  gint64 due = 0;

  gx_work_calendar_add_version (shanghai, "1970-01-01", 9 * 60, 18 * 60, "12345", NULL);
  gx_work_calendar_add_version (berlin, "1970-01-01", 9 * 60, 18 * 60, "1234567", NULL);
  gx_work_calendar_add_version (round_clock, "1970-01-01", 0, 1440, "1234567", NULL);

  /* 09:00 in Beijing is 01:00 UTC, in winter and in summer. */
  g_assert_true (gx_work_calendar_add (shanghai, sh ("2026-01-05 00:00"), 1, &due, NULL));
  g_assert_cmpint (due, ==, 1767574801);   /* 2026-01-05 01:00:01 UTC */
  g_assert_true (gx_work_calendar_add (shanghai, sh ("2026-07-06 00:00"), 1, &due, NULL));
  g_assert_cmpint (due, ==, 1783299601);   /* 2026-07-06 01:00:01 UTC */

  /* Berlin's clocks go forward on Sunday 29 March 2026: the working day is still 09:00–18:00
   * on the wall clock, and a day of round-the-clock work ends an hour later on the wall. */
  g_assert_true (gx_work_calendar_add (berlin, local_at ("Europe/Berlin", "2026-03-28 17:00"), 2 * H, &due, NULL));
  g_assert_cmpint (due, ==, local_at ("Europe/Berlin", "2026-03-29 10:00"));
  g_assert_true (gx_work_calendar_add (round_clock, local_at ("Europe/Berlin", "2026-03-28 12:00"), 24 * H, &due, NULL));
  expected = g_date_time_new (tz, 2026, 3, 29, 13, 0, 0);
  g_assert_cmpint (due, ==, g_date_time_to_unix (expected));
  g_assert_cmpint (gx_work_calendar_between (round_clock, local_at ("Europe/Berlin", "2026-03-29 00:00"),
                                             local_at ("Europe/Berlin", "2026-03-30 00:00")), ==, 23 * H);
}

static void
test_calendar_refuses (void)
{
  g_autoptr(GxWorkCalendar) idle = gx_work_calendar_new ("Asia/Shanghai");
  g_autoptr(GxWorkCalendar) calendar = standard_calendar ();
  g_autoptr(GError) error = NULL;
  gint64 due = 0;

  /* A calendar without a working day is an error, never a hang. */
  g_assert_true (gx_work_calendar_add_version (idle, "1970-01-01", 540, 1080, "", NULL));
  g_assert_false (gx_work_calendar_add (idle, GX_TEST_NOW, H, &due, &error));
  g_assert_error (error, GX_SLA_ERROR, GX_SLA_ERROR_NO_WORKING_TIME);
  g_clear_error (&error);

  g_assert_false (gx_work_calendar_add_version (calendar, "2026-02-30", 540, 1080, "12345", &error));
  g_assert_error (error, GX_SLA_ERROR, GX_SLA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gx_work_calendar_add_version (calendar, "2026-01-01", 1080, 540, "12345", &error));
  g_assert_error (error, GX_SLA_ERROR, GX_SLA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gx_work_calendar_add_version (calendar, "2026-01-01", 540, 1080, "12348", &error));
  g_assert_error (error, GX_SLA_ERROR, GX_SLA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (gx_work_calendar_set_day (calendar, "tomorrow", GX_DAY_HOLIDAY, &error));
  g_assert_error (error, GX_SLA_ERROR, GX_SLA_ERROR_INVALID);

  g_assert_true (gx_work_calendar_is_working_day (calendar, "2026-11-23"));
  g_assert_false (gx_work_calendar_is_working_day (calendar, "2026-11-22"));
}

/* The clock: 18 working hours (two working days) to answer, amber after 80%. */
typedef struct
{
  const char *what;
  gint64      limit;
  gboolean    calendar_hours;
  const char *steps[8];      /* "YYYY-MM-DD HH:MM status" */
  const char *now;
  GxSlaClockState state;
  gint64      elapsed;
  gint64      paused;
  const char *due;           /* NULL: unknown (paused) */
  const char *warn;
  gboolean    breached;
  guint       n_segments;
} ClockCase;

static const ClockCase clock_cases[] = {
  { "running across a weekend", 18 * H, FALSE,
    { "2026-11-20 09:00 received", NULL }, "2026-11-23 09:00",
    GX_SLA_CLOCK_RUNNING, 9 * H, 0, "2026-11-23 18:00", "2026-11-23 14:24", FALSE, 1 },
  { "the clock stops while the customer is asked", 18 * H, FALSE,
    { "2026-11-20 09:00 received", "2026-11-20 10:00 acknowledged", "2026-11-20 12:00 waiting_customer",
      "2026-11-23 12:00 investigating", NULL }, "2026-11-23 15:00",
    GX_SLA_CLOCK_RUNNING, 6 * H, 72 * H, "2026-11-24 18:00", "2026-11-24 14:24", FALSE, 3 },
  { "while paused the deadline is not known", 18 * H, FALSE,
    { "2026-11-20 09:00 received", "2026-11-20 12:00 waiting_customer", NULL }, "2026-11-23 15:00",
    GX_SLA_CLOCK_PAUSED, 3 * H, 75 * H, NULL, NULL, FALSE, 2 },
  { "waiting for another department does not stop it", 18 * H, FALSE,
    { "2026-11-20 09:00 received", "2026-11-20 12:00 waiting_department", "2026-11-23 12:00 investigating", NULL },
    "2026-11-23 15:00",
    GX_SLA_CLOCK_RUNNING, 15 * H, 0, "2026-11-23 18:00", "2026-11-23 14:24", FALSE, 1 },
  { "communicated in time", 18 * H, FALSE,
    { "2026-11-20 09:00 received", "2026-11-23 10:00 communicated", "2026-11-24 10:00 return_visit", NULL },
    "2026-11-30 10:00",
    GX_SLA_CLOCK_STOPPED, 10 * H, 0, "2026-11-23 18:00", "2026-11-23 14:24", FALSE, 2 },
  { "past the deadline", 18 * H, FALSE,
    { "2026-11-20 09:00 received", NULL }, "2026-11-24 10:00",
    GX_SLA_CLOCK_RUNNING, 19 * H, 0, "2026-11-23 18:00", "2026-11-23 14:24", TRUE, 1 },
  { "a reopened case runs on from where it stopped", 18 * H, FALSE,
    { "2026-11-20 09:00 received", "2026-11-23 10:00 communicated", "2026-11-23 12:00 closed",
      "2026-11-24 09:00 investigating", NULL }, "2026-11-24 12:00",
    GX_SLA_CLOCK_RUNNING, 13 * H, 0, "2026-11-24 17:00", "2026-11-24 13:24", FALSE, 3 },
  { "a shorter limit after the severity changed keeps the paused time out", 9 * H, FALSE,
    { "2026-11-20 09:00 received", "2026-11-20 12:00 waiting_customer", "2026-11-23 12:00 investigating", NULL },
    "2026-11-23 15:00",
    GX_SLA_CLOCK_RUNNING, 6 * H, 72 * H, "2026-11-23 18:00", "2026-11-23 16:12", FALSE, 3 },
  { "calendar hours run through the night and the weekend", 24 * H, TRUE,
    { "2026-11-21 10:00 received", "2026-11-21 12:00 waiting_customer", "2026-11-22 12:00 investigating", NULL },
    "2026-11-22 13:00",
    GX_SLA_CLOCK_RUNNING, 3 * H, 24 * H, "2026-11-23 10:00", "2026-11-23 05:12", FALSE, 3 },
  { "breached before a pause, the deadline stays where it was", 2 * H, FALSE,
    { "2026-11-23 09:00 received", "2026-11-23 12:00 waiting_customer", "2026-11-23 15:00 investigating", NULL },
    "2026-11-23 16:00",
    GX_SLA_CLOCK_RUNNING, 4 * H, 3 * H, "2026-11-23 11:00", "2026-11-23 10:36", TRUE, 3 },
};

static void
test_clock (void)
{
  g_autoptr(GxWorkCalendar) calendar = standard_calendar ();

  for (guint i = 0; i < G_N_ELEMENTS (clock_cases); i++)
    {
      const ClockCase *c = &clock_cases[i];
      g_auto(GxSlaClock) clock = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      GxSlaStep steps[8];
      guint n = 0;

      g_test_message ("%s", c->what);
      for (; c->steps[n] != NULL; n++)
        {
          char date[32], status[32];

          g_assert_cmpint (sscanf (c->steps[n], "%10s %5s %31s", date, date + 11, status), ==, 3);
          date[10] = ' ';
          steps[n].at = sh (date);
          g_ptr_array_add (texts, g_strdup (status));
          steps[n].status = g_ptr_array_index (texts, texts->len - 1);
        }

      g_assert_true (gx_sla_compute (c->limit, 80, c->calendar_hours ? NULL : calendar, steps, n, sh (c->now), &clock, &error));
      g_assert_no_error (error);

      g_assert_cmpint (clock.state, ==, c->state);
      g_assert_cmpint (clock.elapsed, ==, c->elapsed);
      g_assert_cmpint (clock.paused, ==, c->paused);
      g_assert_cmpint (clock.remaining, ==, c->limit - c->elapsed);
      if (c->due != NULL)
        {
          g_autofree char *due = format_sh (clock.due_at);
          g_autofree char *warn = format_sh (clock.warn_at);

          g_assert_cmpstr (due, ==, c->due);
          g_assert_cmpstr (warn, ==, c->warn);
        }
      else
        {
          g_assert_cmpint (clock.due_at, ==, 0);
          g_assert_cmpint (clock.warn_at, ==, 0);
        }
      g_assert_cmpint (clock.breached_at != 0, ==, c->breached);
      g_assert_cmpuint (clock.segments->len, ==, c->n_segments);

      /* The spells explain the figures: what ran counted, what paused did not. */
      {
        gint64 counted = 0, paused = 0;

        for (guint k = 0; k < clock.segments->len; k++)
          {
            const GxSlaSegment *s = &g_array_index (clock.segments, GxSlaSegment, k);

            g_assert_cmpint (s->end, >=, s->start);
            if (k > 0)
              g_assert_cmpint (s->start, ==, g_array_index (clock.segments, GxSlaSegment, k - 1).end);
            counted += s->counted;
            if (s->state == GX_SLA_CLOCK_PAUSED)
              paused += s->end - s->start;
            else if (s->state != GX_SLA_CLOCK_RUNNING)
              g_assert_cmpint (s->counted, ==, 0);
          }
        g_assert_cmpint (counted, ==, clock.elapsed);
        g_assert_cmpint (paused, ==, clock.paused);
      }
    }
}

static void
test_escalation_levels (void)
{
  static const struct {
    gint64 remaining;
    GxSlaClockState state;
    int level;
  } cases[] = {
    { 3600, GX_SLA_CLOCK_RUNNING, 0 },
    { 0, GX_SLA_CLOCK_RUNNING, 0 },
    { -1, GX_SLA_CLOCK_RUNNING, 1 },
    { -9 * H + 1, GX_SLA_CLOCK_RUNNING, 1 },
    { -9 * H, GX_SLA_CLOCK_RUNNING, 2 },
    { -18 * H, GX_SLA_CLOCK_RUNNING, 3 },
    { -100 * H, GX_SLA_CLOCK_RUNNING, 3 },
    { -100 * H, GX_SLA_CLOCK_PAUSED, 3 },
    { -100 * H, GX_SLA_CLOCK_STOPPED, 0 },
  };
  GxSlaPolicy policy = { .escalate_seconds = 9 * H, .max_level = 3 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GxSlaClock clock = { .state = cases[i].state, .remaining = cases[i].remaining };

      g_assert_cmpint (gx_sla_escalation_level (&clock, &policy, GX_TEST_NOW), ==, cases[i].level);
    }

  /* Past the deadline after closing time: counted time stands still, still level 1. */
  {
    GxSlaClock clock = { .state = GX_SLA_CLOCK_RUNNING, .remaining = 0, .due_at = GX_TEST_NOW - 1800 };

    g_assert_cmpint (gx_sla_escalation_level (&clock, &policy, GX_TEST_NOW), ==, 1);
    clock.due_at = GX_TEST_NOW;
    g_assert_cmpint (gx_sla_escalation_level (&clock, &policy, GX_TEST_NOW), ==, 0);
  }
}

static void
test_status_clock (void)
{
  g_assert_cmpint (gx_sla_status_clock ("received"), ==, GX_SLA_CLOCK_RUNNING);
  g_assert_cmpint (gx_sla_status_clock ("investigating"), ==, GX_SLA_CLOCK_RUNNING);
  g_assert_cmpint (gx_sla_status_clock ("waiting_department"), ==, GX_SLA_CLOCK_RUNNING);
  g_assert_cmpint (gx_sla_status_clock ("in_review"), ==, GX_SLA_CLOCK_RUNNING);
  g_assert_cmpint (gx_sla_status_clock ("waiting_customer"), ==, GX_SLA_CLOCK_PAUSED);
  g_assert_cmpint (gx_sla_status_clock ("communicated"), ==, GX_SLA_CLOCK_STOPPED);
  g_assert_cmpint (gx_sla_status_clock ("return_visit"), ==, GX_SLA_CLOCK_STOPPED);
  g_assert_cmpint (gx_sla_status_clock ("closed"), ==, GX_SLA_CLOCK_STOPPED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/sla/calendar-add", test_calendar_add);
  g_test_add_func ("/core/sla/calendar-between", test_calendar_between);
  g_test_add_func ("/core/sla/calendar-time-zones", test_calendar_time_zones);
  g_test_add_func ("/core/sla/calendar-refuses", test_calendar_refuses);
  g_test_add_func ("/core/sla/clock", test_clock);
  g_test_add_func ("/core/sla/escalation-levels", test_escalation_levels);
  g_test_add_func ("/core/sla/status-clock", test_status_clock);

  return g_test_run ();
}
