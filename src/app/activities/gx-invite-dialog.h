/* gx-invite-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_INVITE_DIALOG (gx_invite_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GxInviteDialog, gx_invite_dialog, GX, INVITE_DIALOG, AdwWindow)

GxInviteDialog *gx_invite_dialog_new (GtkWindow  *parent,
                                      GxContext  *context,
                                      const char *activity_id);

G_END_DECLS
