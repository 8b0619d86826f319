/* gx-activity-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-row.h"

G_BEGIN_DECLS

#define GX_TYPE_ACTIVITY_ROW (gx_activity_row_get_type ())

G_DECLARE_FINAL_TYPE (GxActivityRow, gx_activity_row, GX, ACTIVITY_ROW, GxRow)

G_END_DECLS
