/* gx-sync-indicator.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GX_TYPE_SYNC_INDICATOR (gx_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (GxSyncIndicator, gx_sync_indicator, GX, SYNC_INDICATOR, GtkWidget)

G_END_DECLS
