/* gx-activity-plan-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_ACTIVITY_PLAN_VIEW (gx_activity_plan_view_get_type ())

G_DECLARE_FINAL_TYPE (GxActivityPlanView, gx_activity_plan_view, GX, ACTIVITY_PLAN_VIEW, GtkWidget)

int         gx_activity_plan_view_get_year    (GxActivityPlanView *self);
void        gx_activity_plan_view_set_year    (GxActivityPlanView *self,
                                               int                 year);
const char *gx_activity_plan_view_get_club_id (GxActivityPlanView *self);

G_END_DECLS
