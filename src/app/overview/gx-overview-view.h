/* gx-overview-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GX_TYPE_OVERVIEW_VIEW (gx_overview_view_get_type ())

G_DECLARE_FINAL_TYPE (GxOverviewView, gx_overview_view, GX, OVERVIEW_VIEW, GtkWidget)

G_END_DECLS
