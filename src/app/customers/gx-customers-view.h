/* gx-customers-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GX_TYPE_CUSTOMERS_VIEW (gx_customers_view_get_type ())

G_DECLARE_FINAL_TYPE (GxCustomersView, gx_customers_view, GX, CUSTOMERS_VIEW, GtkWidget)

G_END_DECLS
