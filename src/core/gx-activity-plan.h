/* gx-activity-plan.h: the yearly plan and its progress; the evaluation after an activity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gx-db.h"
#include "gx-record.h"
#include "gx-store.h"

G_BEGIN_DECLS

/**
 * GxPlanProgress:
 * @total: activities in the plan, cancelled ones included
 * @planned: not scheduled yet (a month at most)
 * @scheduled: with a date, not held yet
 * @held: held, not evaluated yet
 * @evaluated: held and evaluated
 * @cancelled: cancelled
 * @budget: the sum of budgets, in fen
 * @actual_cost: the sum of actual costs, in fen
 * @points_pending: held activities whose points are still to be awarded
 *
 * How a club's yearly activity plan is getting on.
 */
typedef struct
{
  gint64 total;
  gint64 planned;
  gint64 scheduled;
  gint64 held;
  gint64 evaluated;
  gint64 cancelled;
  gint64 budget;
  gint64 actual_cost;
  gint64 points_pending;
} GxPlanProgress;

/**
 * GxPlanItem:
 * @id: the activity's id
 * @title: its title
 * @kind: its kind code
 * @status: its status code
 * @month: the month it takes place in, 1–12 (its date's, or the planned month)
 * @starts_at: when it starts; 0 when it has no date yet
 *
 * One activity in the calendar of a year.
 */
typedef struct
{
  char   *id;
  char   *title;
  char   *kind;
  char   *status;
  int     month;
  gint64  starts_at;
} GxPlanItem;

/**
 * GxPlanMonth:
 * @n_activities: how many activities the month of the plan holds
 * @items: (element-type GxPlanItem): the first of them in date order (those with only a
 *   planned month after the dated ones), no more than the calendar asked for
 *
 * One month of a year's calendar: what a month card shows, and how many more there are.
 */
typedef struct
{
  gint64     n_activities;
  GPtrArray *items;
} GxPlanMonth;

/**
 * GxPlanYear:
 * @progress: how the year's plan is getting on, over all its activities
 * @months: the twelve month cards, January first
 *
 * What the year plan shows, read in one read transaction so the figures and the cards agree.
 */
typedef struct
{
  GxPlanProgress progress;
  GxPlanMonth    months[12];
} GxPlanYear;

/**
 * GxActivityEvaluation:
 * @accepted: people in accepted parties, guests included
 * @attended: invitees and guests who checked in
 * @guests_attended: guests among them
 * @walk_ins: people who came without an invitation
 * @no_shows: people in accepted parties who did not check in
 * @attendance_rate: @attended / @accepted, 0–1 (above 1 when more came than said yes)
 * @cost: the actual cost, or the budget while no cost is entered, in fen
 * @cost_per_attendee: @cost over everyone who came (walk-ins included), in fen
 * @new_prospects: prospects met: guests and walk-ins who are prospects in the archive
 * @satisfaction: the attendees' mean satisfaction 1–5, from their answers; 0 without answers
 * @responses: how many attendees answered
 * @answers: how many answers scored 1, 2, 3, 4 and 5
 * @response_rate: @responses over everyone who came (walk-ins included), 0–1
 * @satisfaction_typed: @satisfaction and @responses are a mean and a count typed by hand
 *   before answers were recorded per attendee (an activity evaluated before migration 0014
 *   without answers); @answers is then empty
 * @summary: (nullable): the summary for the club office
 * @evaluated_at: when it was evaluated; 0 when not yet
 */
typedef struct
{
  gint64  accepted;
  gint64  attended;
  gint64  guests_attended;
  gint64  walk_ins;
  gint64  no_shows;
  double  attendance_rate;
  gint64  cost;
  gint64  cost_per_attendee;
  gint64  new_prospects;
  double  satisfaction;
  gint64  responses;
  gint64  answers[5];
  double  response_rate;
  gboolean satisfaction_typed;
  char   *summary;
  gint64  evaluated_at;
} GxActivityEvaluation;

void       gx_plan_item_free             (GxPlanItem            *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxPlanItem, gx_plan_item_free)

int        gx_activity_year_of           (gint64                 when,
                                          const char            *timezone);
gboolean   gx_activity_plan_progress     (GxDb                  *db,
                                          const char            *club_id,
                                          int                    year,
                                          gint64                 now,
                                          GxPlanProgress        *progress,
                                          GError               **error);
GPtrArray *gx_activity_plan_items        (GxDb                  *db,
                                          const char            *club_id,
                                          int                    year,
                                          GError               **error);
gboolean   gx_activity_plan_month        (GxDb                  *db,
                                          const char            *club_id,
                                          int                    year,
                                          int                    month,
                                          guint                  limit,
                                          GxPlanMonth           *plan_month,
                                          GError               **error);
void       gx_plan_month_clear           (GxPlanMonth           *plan_month);
void       gx_activity_plan_month_window (int                    year,
                                          int                    month,
                                          gint64                *from,
                                          gint64                *until);
void       gx_plan_year_free             (GxPlanYear            *plan_year);
GxPlanYear *gx_activity_plan_read_year   (GxDb                  *db,
                                          const char            *club_id,
                                          int                    year,
                                          gint64                 now,
                                          guint                  limit,
                                          GError               **error);
void       gx_activity_plan_read_year_async  (GxStore             *store,
                                              const char          *club_id,
                                              int                  year,
                                              gint64               now,
                                              guint                limit,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GxPlanYear *gx_activity_plan_read_year_finish (GxStore            *store,
                                               GAsyncResult       *result,
                                               GError            **error);
int        gx_activity_plan_register     (sqlite3               *handle);
char      *gx_activity_dup_plan_id       (GxDb                  *db,
                                          const char            *club_id,
                                          int                    year);
gboolean   gx_activity_compute_evaluation (GxDb                 *db,
                                          const char            *activity_id,
                                          GxActivityEvaluation  *evaluation,
                                          GError               **error);
void       gx_activity_evaluation_clear  (GxActivityEvaluation  *evaluation);
char      *gx_activity_evaluation_format_satisfaction (const GxActivityEvaluation *evaluation);
char      *gx_activity_evaluation_format_answers      (const GxActivityEvaluation *evaluation);
gboolean   gx_activity_evaluate          (GxDb                  *db,
                                          const char            *activity_id,
                                          const char            *summary,
                                          const GxWriteMeta     *meta,
                                          GError               **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GxActivityEvaluation, gx_activity_evaluation_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GxPlanMonth, gx_plan_month_clear)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxPlanYear, gx_plan_year_free)

G_END_DECLS
