/* gx-joins-dialog.h: new members per month per club, charted and exported as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_JOINS_DIALOG (gx_joins_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GxJoinsDialog, gx_joins_dialog, GX, JOINS_DIALOG, AdwWindow)

GtkWidget *gx_joins_dialog_new        (GxContext     *context);
gboolean   gx_joins_dialog_export_csv (GxJoinsDialog *self,
                                       GFile         *file,
                                       GError       **error);

G_END_DECLS
