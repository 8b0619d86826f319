/* gx-cases-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GX_TYPE_CASES_VIEW (gx_cases_view_get_type ())

G_DECLARE_FINAL_TYPE (GxCasesView, gx_cases_view, GX, CASES_VIEW, GtkWidget)

G_END_DECLS
