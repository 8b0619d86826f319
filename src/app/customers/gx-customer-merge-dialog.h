/* gx-customer-merge-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_CUSTOMER_MERGE_DIALOG (gx_customer_merge_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GxCustomerMergeDialog, gx_customer_merge_dialog, GX, CUSTOMER_MERGE_DIALOG, AdwWindow)

GtkWindow *gx_customer_merge_dialog_new (GxContext  *context,
                                         const char *customer_id,
                                         const char *customer_name);

G_END_DECLS
