/* gx-overview.h: the figures a supervisor starts the day with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gx-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 customers;
  gint64 confidential_customers;
  gint64 follow_ups_due;
  gint64 open_cases;
  gint64 overdue_cases;
  gint64 escalated_cases;
  gint64 in_review_cases;
  gint64 return_visits_due;
  double satisfaction;          /* mean overall score of return visits in the last 90 days; 0 = none */
  gint64 satisfaction_count;
  gint64 members;
  gint64 new_members_this_month;
  gint64 upcoming_activities;
  gint64 points_pending_activities;
} GxOverviewFigures;

gboolean gx_overview_compute        (GxDb                *db,
                                     gint64               now,
                                     GTimeZone           *tz,
                                     GxOverviewFigures   *figures,
                                     GError             **error);
void     gx_overview_compute_async  (GxStore             *store,
                                     gint64               now,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean gx_overview_compute_finish (GxStore             *store,
                                     GAsyncResult        *result,
                                     GxOverviewFigures   *figures,
                                     GError             **error);

G_END_DECLS
