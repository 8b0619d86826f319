/* gx-statement-dialog.h: a member's points statement for a period, printable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_STATEMENT_DIALOG (gx_statement_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GxStatementDialog, gx_statement_dialog, GX, STATEMENT_DIALOG, AdwWindow)

GtkWidget *gx_statement_dialog_new        (GxContext         *context,
                                           const char        *membership_id);
char      *gx_statement_dialog_dup_markup (GxStatementDialog *self);

G_END_DECLS
