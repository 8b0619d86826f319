/* gx-sla.h: working calendars and SLA clocks, as pure functions over values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include <json-glib/json-glib.h>

#include "gx-db.h"
#include "gx-record.h"

G_BEGIN_DECLS

#define GX_SLA_ERROR (gx_sla_error_quark ())

typedef enum
{
  GX_SLA_ERROR_NO_WORKING_TIME,
  GX_SLA_ERROR_NOT_FOUND,
  GX_SLA_ERROR_INVALID,
} GxSlaError;

/**
 * GxWorkCalendar:
 *
 * A working calendar: working hours and weekdays in versions that each hold from a date on,
 * holidays, and weekend days turned into working days (调休). Immutable once built; shared
 * by reference.
 */
typedef struct _GxWorkCalendar GxWorkCalendar;

#define GX_TYPE_WORK_CALENDAR (gx_work_calendar_get_type ())

typedef enum
{
  GX_DAY_HOLIDAY,
  GX_DAY_WORKDAY,
} GxDayKind;

GType           gx_work_calendar_get_type     (void) G_GNUC_CONST;
GQuark          gx_sla_error_quark            (void);
GxWorkCalendar *gx_work_calendar_new          (const char      *timezone);
GxWorkCalendar *gx_work_calendar_ref          (GxWorkCalendar  *self);
void            gx_work_calendar_unref        (GxWorkCalendar  *self);
gboolean        gx_work_calendar_add_version  (GxWorkCalendar  *self,
                                               const char      *valid_from,
                                               int              day_start,
                                               int              day_end,
                                               const char      *weekdays,
                                               GError         **error);
gboolean        gx_work_calendar_set_day      (GxWorkCalendar  *self,
                                               const char      *day,
                                               GxDayKind        kind,
                                               GError         **error);
GTimeZone      *gx_work_calendar_get_timezone (GxWorkCalendar  *self);
gboolean        gx_work_calendar_is_working_day (GxWorkCalendar *self,
                                               const char      *day);
gboolean        gx_work_calendar_add          (GxWorkCalendar  *self,
                                               gint64           start,
                                               gint64           seconds,
                                               gint64          *result,
                                               GError         **error);
gint64          gx_work_calendar_between      (GxWorkCalendar  *self,
                                               gint64           from,
                                               gint64           to);
GxWorkCalendar *gx_work_calendar_load         (GxDb            *db,
                                               const char      *calendar_id,
                                               GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxWorkCalendar, gx_work_calendar_unref)

/**
 * GxSlaPolicy:
 * @id: the policy's id
 * @ack_seconds: the time allowed to acknowledge
 * @resolve_seconds: the time allowed to answer (communicate the decision)
 * @escalate_seconds: after the deadline, the time between further escalation levels
 * @max_level: the highest escalation level
 * @warn_percent: how much of the allowed time may pass before the clock turns amber
 * @review_required: a supervisor signs the response off before it goes out (four eyes)
 * @calendar: (nullable): the working calendar; %NULL counts calendar hours
 *
 * A time limit as the clock uses it: seconds of working time when @calendar is set,
 * of plain time otherwise.
 */
typedef struct
{
  char           *id;
  char           *name;
  gint64          ack_seconds;
  gint64          resolve_seconds;
  gint64          escalate_seconds;
  int             max_level;
  int             warn_percent;
  gboolean        review_required;
  GxWorkCalendar *calendar;
} GxSlaPolicy;

void         gx_sla_policy_clear        (GxSlaPolicy  *policy);
gboolean     gx_sla_policy_load         (GxDb         *db,
                                         const char   *policy_id,
                                         GxSlaPolicy  *policy,
                                         GError      **error);
char        *gx_sla_policy_choose       (GxDb         *db,
                                         const char   *severity,
                                         const char   *tier_id,
                                         GError      **error);

/**
 * GxSlaClockState:
 * @GX_SLA_CLOCK_RUNNING: time counts
 * @GX_SLA_CLOCK_PAUSED: waiting for the customer; time does not count
 * @GX_SLA_CLOCK_STOPPED: the decision was communicated
 */
typedef enum
{
  GX_SLA_CLOCK_RUNNING,
  GX_SLA_CLOCK_PAUSED,
  GX_SLA_CLOCK_STOPPED,
} GxSlaClockState;

/**
 * GxSlaSegment:
 * @start: when it began
 * @end: when it ended; the computation's "now" for the last, open segment
 * @state: running, paused or stopped
 * @counted: the seconds of it that count against the limit (working time only, for a
 *   running segment on a working calendar)
 * @status: the case status during the segment
 */
typedef struct
{
  gint64           start;
  gint64           end;
  GxSlaClockState  state;
  gint64           counted;
  const char      *status;
} GxSlaSegment;

/**
 * GxSlaStep:
 * @at: when the case entered @status
 * @status: a case status code
 *
 * One step of a case's status history, from its case events.
 */
typedef struct
{
  gint64      at;
  const char *status;
} GxSlaStep;

/**
 * GxSlaClock:
 * @state: where the clock is now
 * @elapsed: time counted so far
 * @paused: plain seconds spent paused
 * @remaining: the limit less @elapsed; negative when overdue
 * @due_at: the deadline; 0 while paused (it moves until the clock runs again)
 * @warn_at: when the clock turns amber; 0 while paused
 * @stopped_at: when the clock stopped; 0 while running or paused
 * @breached_at: when the limit was used up, or 0
 * @segments: (element-type GxSlaSegment): running, paused and stopped spells, oldest first
 */
typedef struct
{
  GxSlaClockState  state;
  gint64           limit;
  gint64           elapsed;
  gint64           paused;
  gint64           remaining;
  gint64           due_at;
  gint64           warn_at;
  gint64           stopped_at;
  gint64           breached_at;
  GArray          *segments;
} GxSlaClock;

GxSlaClockState gx_sla_status_clock     (const char         *status);
gboolean        gx_sla_compute          (gint64              limit,
                                         int                 warn_percent,
                                         GxWorkCalendar     *calendar,
                                         const GxSlaStep    *steps,
                                         guint               n_steps,
                                         gint64              now,
                                         GxSlaClock         *clock,
                                         GError            **error);
void            gx_sla_clock_clear      (GxSlaClock         *clock);
gboolean        gx_sla_deadline         (GxWorkCalendar     *calendar,
                                         gint64              start,
                                         gint64              seconds,
                                         gint64             *due,
                                         GError            **error);
int             gx_sla_escalation_level (const GxSlaClock   *clock,
                                         const GxSlaPolicy  *policy,
                                         gint64              now);

/* Editing (src/core/gx-sla-write.c), inside a store transaction. */
gboolean gx_sla_policy_save          (GxDb          *db,
                                      const char    *policy_id,
                                      JsonObject    *changes,
                                      const GxWriteMeta *meta,
                                      char         **new_id,
                                      GError       **error);
gboolean gx_sla_policy_add_for_tier  (GxDb          *db,
                                      const char    *severity,
                                      const char    *tier_id,
                                      const GxWriteMeta *meta,
                                      char         **new_id,
                                      GError       **error);
gboolean gx_work_calendar_save_hours (GxDb          *db,
                                      const char    *calendar_id,
                                      const char    *valid_from,
                                      int            day_start,
                                      int            day_end,
                                      const char    *weekdays,
                                      const GxWriteMeta *meta,
                                      GError       **error);
gboolean gx_work_calendar_set_special_day (GxDb     *db,
                                      const char    *calendar_id,
                                      const char    *day,
                                      const char    *kind,
                                      const char    *name,
                                      const GxWriteMeta *meta,
                                      GError       **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GxSlaClock, gx_sla_clock_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GxSlaPolicy, gx_sla_policy_clear)

G_END_DECLS
