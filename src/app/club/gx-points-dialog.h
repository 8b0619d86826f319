/* gx-points-dialog.h: earn, redeem or adjust a member's points
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

typedef enum
{
  GX_POINTS_DIALOG_EARN,
  GX_POINTS_DIALOG_REDEEM,
  GX_POINTS_DIALOG_ADJUST,
} GxPointsDialogMode;

#define GX_TYPE_POINTS_DIALOG (gx_points_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GxPointsDialog, gx_points_dialog, GX, POINTS_DIALOG, AdwWindow)

GtkWidget *gx_points_dialog_new (GxContext          *context,
                                 const char         *membership_id,
                                 GxPointsDialogMode  mode);

G_END_DECLS
