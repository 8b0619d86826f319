/* gx-case-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-csv.h"
#include "gx-row.h"

G_BEGIN_DECLS

#define GX_TYPE_CASE_ROW (gx_case_row_get_type ())

G_DECLARE_FINAL_TYPE (GxCaseRow, gx_case_row, GX, CASE_ROW, GxRow)

const GxCsvColumn *gx_case_row_csv_columns (guint *n_columns);

G_END_DECLS
