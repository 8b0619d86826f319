/* gx-enrol-dialog.h: enrol a customer in a club — from the club or from a customer's profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_ENROL_DIALOG (gx_enrol_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GxEnrolDialog, gx_enrol_dialog, GX, ENROL_DIALOG, AdwWindow)

GtkWidget *gx_enrol_dialog_new (GxContext  *context,
                                const char *customer_id,
                                const char *club_id);

G_END_DECLS
