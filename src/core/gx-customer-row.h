/* gx-customer-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-row.h"

G_BEGIN_DECLS

#define GX_TYPE_CUSTOMER_ROW (gx_customer_row_get_type ())

G_DECLARE_FINAL_TYPE (GxCustomerRow, gx_customer_row, GX, CUSTOMER_ROW, GxRow)

G_END_DECLS
