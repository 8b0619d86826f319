/* gx-activities-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GX_TYPE_ACTIVITIES_VIEW (gx_activities_view_get_type ())

G_DECLARE_FINAL_TYPE (GxActivitiesView, gx_activities_view, GX, ACTIVITIES_VIEW, GtkWidget)

G_END_DECLS
