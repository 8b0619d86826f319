/* gx-sla-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_SLA_WINDOW (gx_sla_window_get_type ())

G_DECLARE_FINAL_TYPE (GxSlaWindow, gx_sla_window, GX, SLA_WINDOW, AdwPreferencesWindow)

GtkWidget *gx_sla_window_new (GxContext *context);

G_END_DECLS
