/* gx-overview.h: the figures a supervisor starts the day with and reports each month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gx-service-index.h"
#include "gx-store.h"
#include "gx-types.h"

G_BEGIN_DECLS

#define GX_OVERVIEW_ERROR (gx_overview_error_quark ())

typedef enum
{
  GX_OVERVIEW_ERROR_NO_USER,
  GX_OVERVIEW_ERROR_PERIOD,
} GxOverviewError;

/**
 * GxPeriodKind:
 * @GX_PERIOD_THIS_MONTH: the calendar month of today, so far
 * @GX_PERIOD_LAST_MONTH: the calendar month before
 * @GX_PERIOD_THIS_QUARTER: the calendar quarter of today, so far
 * @GX_PERIOD_THIS_YEAR: the calendar year of today, so far
 * @GX_PERIOD_LAST_12_MONTHS: the twelve calendar months ending with this one
 * @GX_PERIOD_MONTH: one given month (the monthly report)
 *
 * The periods the figures are counted over, in the desk's time zone.
 */
typedef enum
{
  GX_PERIOD_THIS_MONTH,
  GX_PERIOD_LAST_MONTH,
  GX_PERIOD_THIS_QUARTER,
  GX_PERIOD_THIS_YEAR,
  GX_PERIOD_LAST_12_MONTHS,
  GX_PERIOD_MONTH,
} GxPeriodKind;

#define GX_OVERVIEW_MONTHS 12

/**
 * GxPeriodRange:
 * @from: the period's first instant
 * @until: the instant after the period (the start of the next month, quarter or year)
 * @prev_from: the same span just before, for "this month vs last"
 * @prev_until: equal to @from
 * @from_date: @from as a local date, `YYYY-MM-DD`, for date columns
 * @until_date: @until as a local date (exclusive)
 * @prev_from_date: @prev_from as a local date
 * @month_start: the first instants of the twelve months ending with the period's last month,
 *   and the end of the last one
 * @month_date: the same as local dates
 * @month_label: the months as `YYYY-MM`
 *
 * A period resolved against a day and a time zone: half-open ranges of instants.
 */
typedef struct
{
  gint64 from;
  gint64 until;
  gint64 prev_from;
  gint64 prev_until;
  char   from_date[11];
  char   until_date[11];
  char   prev_from_date[11];
  gint64 month_start[GX_OVERVIEW_MONTHS + 1];
  char   month_date[GX_OVERVIEW_MONTHS + 1][11];
  char   month_label[GX_OVERVIEW_MONTHS][8];
} GxPeriodRange;

gboolean gx_period_resolve (GxPeriodKind    kind,
                            int             year,
                            int             month,
                            gint64          now,
                            GTimeZone      *tz,
                            GxPeriodRange  *range);

/**
 * GxOverviewScope:
 * @period: the period
 * @year: with %GX_PERIOD_MONTH, the year
 * @month: with %GX_PERIOD_MONTH, the month, 1–12
 * @team: (nullable): only this team's records (users.team of the record's owner)
 * @owner_id: (nullable): only this user's records
 *
 * What the figures are counted over. Whose a record is: a case is its assignee's, or its
 * first responder's while it has none (首问负责制); a return visit is its case's; a
 * membership and its points are the customer's relationship manager's; an activity is its
 * owner's; a customer, and the follow-up due with them, is its owner's.
 */
typedef struct
{
  GxPeriodKind  period;
  int           year;
  int           month;
  const char   *team;
  const char   *owner_id;
} GxOverviewScope;

/**
 * GxFigureItem:
 * @key: the code or id it counts (a status, a category, a channel, a customer)
 * @label: what the desk reads: a translated label, or a stored name
 * @count: how many
 * @value: a mean or an index where the breakdown has one
 */
typedef struct
{
  char   *key;
  char   *label;
  gint64  count;
  double  value;
} GxFigureItem;

/**
 * GxFigureSeries:
 * @key: what the series is of (a factor id; "" for the overall figure)
 * @label: what the desk reads
 * @count: per month, oldest first: how many
 * @value: per month: a mean where the series has one
 *
 * One figure over the twelve months of #GxPeriodRange.month_label.
 */
typedef struct
{
  char   *key;
  char   *label;
  gint64  count[GX_OVERVIEW_MONTHS];
  double  value[GX_OVERVIEW_MONTHS];
} GxFigureSeries;

/**
 * GxDurationFigure:
 * @n: how many cases
 * @mean: mean seconds
 * @p90: 90th percentile in seconds (nearest rank)
 */
typedef struct
{
  gint64 n;
  double mean;
  gint64 p90;
} GxDurationFigure;

/**
 * GxOverview:
 *
 * Every figure of the overview, computed in one read transaction so they agree with each
 * other. Counts "now" are of the present state; the others are of the period. Arrays hold
 * #GxFigureItem; monthly figures are #GxFigureSeries over the twelve months ending with the
 * period's last month.
 */
typedef struct
{
  GxPeriodRange     range;
  char             *team;              /* the team actually applied (forced for desk staff) */
  char             *owner_id;
  gboolean          team_forced;

  /* Complaints now */
  gint64            open_cases;
  gint64            overdue_cases;
  gint64            escalated_cases;
  gint64            in_review_cases;
  gint64            reopened_cases;
  gint64            return_visits_due;
  GArray           *open_by_status;
  GArray           *top_customers;     /* customers by open cases, most first, at most 10 */

  /* Complaints in the period */
  gint64            received_cases;
  gint64            prev_received_cases;
  GxDurationFigure  acknowledge;
  GxDurationFigure  prev_acknowledge;
  GxDurationFigure  resolve;
  GxDurationFigure  prev_resolve;
  GArray           *by_category;
  GArray           *by_channel;

  /* Satisfaction from return visits in the period */
  gint64            visits;
  double            satisfaction;      /* mean overall score 1–5; 0 without visits */
  gint64            prev_visits;
  double            prev_satisfaction;
  GArray           *satisfaction_by_factor;
  GxFigureSeries   *satisfaction_by_month;
  GxServiceIndex   *service_index;

  /* Club and activities */
  gint64            members;
  gint64            new_members;
  gint64            prev_new_members;
  GxFigureSeries   *new_members_by_month;
  gint64            points_earned;
  gint64            points_redeemed;
  gint64            activities_planned;
  gint64            activities_held;
  gint64            points_due_activities;
  gint64            points_late_activities;
  gint64            points_due_soonest_end;   /* the earliest end among those not late; 0: none */

  /* The desk */
  gint64            confidential_customers;
  gint64            follow_ups_due;
} GxOverview;

GQuark      gx_overview_error_quark     (void);
void        gx_overview_free            (GxOverview           *self);
gboolean    gx_overview_may_see_team    (GxRole                role,
                                         const char           *own_team,
                                         const char           *team);
GxOverview *gx_overview_compute         (GxDb                 *db,
                                         const GxOverviewScope *scope,
                                         const char           *viewer_id,
                                         gint64                now,
                                         GTimeZone            *tz,
                                         GError              **error);
GxOverview *gx_overview_compute_in_store (GxStore             *store,
                                          const GxOverviewScope *scope,
                                          const char          *viewer_id,
                                          gint64               now,
                                          GTimeZone           *tz,
                                          GCancellable        *cancellable,
                                          GError             **error);
void        gx_overview_compute_async   (GxStore              *store,
                                         const GxOverviewScope *scope,
                                         const char           *viewer_id,
                                         gint64                now,
                                         GTimeZone            *tz,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GxOverview *gx_overview_compute_finish  (GxStore              *store,
                                         GAsyncResult         *result,
                                         GError              **error);
const GxFigureItem *gx_overview_item    (GArray               *items,
                                         const char           *key);

GxFigureSeries *gx_figure_series_new    (const char           *key,
                                         const char           *label);
void            gx_figure_series_free   (GxFigureSeries       *series);
GxFigureSeries *gx_overview_compute_factor_series        (GxDb                  *db,
                                                          const GxOverviewScope *scope,
                                                          const char            *viewer_id,
                                                          const char            *factor_id,
                                                          gint64                 now,
                                                          GTimeZone             *tz,
                                                          GError               **error);
void            gx_overview_compute_factor_series_async  (GxStore               *store,
                                                          const GxOverviewScope *scope,
                                                          const char            *viewer_id,
                                                          const char            *factor_id,
                                                          gint64                 now,
                                                          GTimeZone             *tz,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
GxFigureSeries *gx_overview_compute_factor_series_finish (GxStore               *store,
                                                          GAsyncResult          *result,
                                                          GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxOverview, gx_overview_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxFigureSeries, gx_figure_series_free)

G_END_DECLS
