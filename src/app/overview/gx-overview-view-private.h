/* gx-overview-view-private.h: the overview view, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-chart-card.h"
#include "gx-context.h"
#include "gx-figure-card.h"
#include "gx-overview.h"
#include "gx-overview-view.h"

G_BEGIN_DECLS

struct _GxOverviewView
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  GtkLabel          *date_label;
  GtkLabel          *scope_label;
  GtkDropDown       *period_dropdown;
  GtkDropDown       *team_dropdown;
  GtkDropDown       *owner_dropdown;
  GxFigureCard      *open_card;
  GxFigureCard      *overdue_card;
  GxFigureCard      *escalated_card;
  GxFigureCard      *review_card;
  GxFigureCard      *reopened_card;
  GxFigureCard      *visits_due_card;
  GxFigureCard      *received_card;
  GxFigureCard      *acknowledge_card;
  GxFigureCard      *resolve_card;
  GxChartCard       *status_chart;
  GxChartCard       *customers_chart;
  GxChartCard       *category_chart;
  GxChartCard       *channel_chart;
  GxFigureCard      *satisfaction_card;
  GxFigureCard      *visits_card;
  GxChartCard       *satisfaction_month_chart;
  GxChartCard       *factor_chart;
  GxChartCard       *index_chart;
  GtkButton         *factors_button;
  GxFigureCard      *members_card;
  GxFigureCard      *new_members_card;
  GxFigureCard      *points_earned_card;
  GxFigureCard      *points_redeemed_card;
  GxFigureCard      *activities_card;
  GxFigureCard      *points_due_card;
  GxChartCard       *new_members_chart;
  GxFigureCard      *follow_ups_card;
  GxFigureCard      *confidential_card;

  /* Owned */
  GtkDropDown       *factor_dropdown;   /* overall, or one factor's months */
  GStrv              factor_ids;
  GxContext         *context;
  GCancellable      *cancellable;
  GCancellable      *series_cancellable;
  GxOverview        *overview;
  GStrv              teams;
  GStrv              owner_ids;
  guint              refresh_source;
  guint              n_updates;         /* figures shown so far, for tests */
  gint64             asked_at;          /* monotonic µs of the last refresh, for the debug log */
  GxPeriodKind       period;

  guint              loading_filters : 1;
  guint              dirty : 1;         /* data changed while the view was not shown */
  guint              team_locked : 1;
};

void              _gx_overview_view_install_actions (GtkWidgetClass  *widget_class);
void              _gx_overview_view_get_scope       (GxOverviewView  *self,
                                                     GxOverviewScope *scope);
const GxOverview *_gx_overview_view_get_overview    (GxOverviewView  *self);
GxContext        *_gx_overview_view_get_context     (GxOverviewView  *self);

G_END_DECLS
