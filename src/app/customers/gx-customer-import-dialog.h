/* gx-customer-import-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_CUSTOMER_IMPORT_DIALOG (gx_customer_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GxCustomerImportDialog, gx_customer_import_dialog, GX, CUSTOMER_IMPORT_DIALOG, AdwWindow)

GtkWindow *gx_customer_import_dialog_new         (GxContext              *context,
                                                  GFile                  *file,
                                                  GError                **error);
gboolean   gx_customer_import_dialog_get_running (GxCustomerImportDialog *self);

G_END_DECLS
