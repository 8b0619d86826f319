/* gx-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_PREFERENCES_WINDOW (gx_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (GxPreferencesWindow, gx_preferences_window, GX, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *gx_preferences_window_new (GxContext *context);

G_END_DECLS
