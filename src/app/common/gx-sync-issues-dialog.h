/* gx-sync-issues-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_SYNC_ISSUES_DIALOG (gx_sync_issues_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GxSyncIssuesDialog, gx_sync_issues_dialog, GX, SYNC_ISSUES_DIALOG, AdwWindow)

GtkWidget *gx_sync_issues_dialog_new (GxContext *context);

G_END_DECLS
