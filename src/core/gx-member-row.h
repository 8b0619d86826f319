/* gx-member-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-row.h"

G_BEGIN_DECLS

#define GX_TYPE_MEMBER_ROW (gx_member_row_get_type ())

G_DECLARE_FINAL_TYPE (GxMemberRow, gx_member_row, GX, MEMBER_ROW, GxRow)

G_END_DECLS
