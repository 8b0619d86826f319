/* gx-case-intake-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_CASE_INTAKE_DIALOG (gx_case_intake_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GxCaseIntakeDialog, gx_case_intake_dialog, GX, CASE_INTAKE_DIALOG, AdwWindow)

GtkWidget *gx_case_intake_dialog_new (GxContext  *context,
                                      const char *customer_id);

G_END_DECLS
