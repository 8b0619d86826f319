/* gx-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-application.h"
#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_WINDOW (gx_window_get_type ())

G_DECLARE_FINAL_TYPE (GxWindow, gx_window, GX, WINDOW, AdwApplicationWindow)

GxWindow   *gx_window_new             (GxApplication *application,
                                       GxContext     *context);
void        gx_window_show_place      (GxWindow      *self,
                                       const char    *place);
const char *gx_window_get_place       (GxWindow      *self);
void        gx_window_add_toast       (GxWindow      *self,
                                       AdwToast      *toast);

G_END_DECLS
