/* gx-customer-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_CUSTOMER_EDITOR (gx_customer_editor_get_type ())

G_DECLARE_FINAL_TYPE (GxCustomerEditor, gx_customer_editor, GX, CUSTOMER_EDITOR, AdwWindow)

GtkWindow *gx_customer_editor_new (GxContext  *context,
                                   const char *customer_id);

G_END_DECLS
