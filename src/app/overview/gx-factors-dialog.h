/* gx-factors-dialog.h: the service-factor tree, edited by a supervisor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_FACTORS_DIALOG (gx_factors_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GxFactorsDialog, gx_factors_dialog, GX, FACTORS_DIALOG, AdwWindow)

GtkWidget *gx_factors_dialog_new (GxContext *context);

G_END_DECLS
