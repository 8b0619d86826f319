/* gx-invitation-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-row.h"

G_BEGIN_DECLS

#define GX_TYPE_INVITATION_ROW (gx_invitation_row_get_type ())

G_DECLARE_FINAL_TYPE (GxInvitationRow, gx_invitation_row, GX, INVITATION_ROW, GxRow)

G_END_DECLS
