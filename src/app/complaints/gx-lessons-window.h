/* gx-lessons-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_LESSONS_WINDOW (gx_lessons_window_get_type ())

G_DECLARE_FINAL_TYPE (GxLessonsWindow, gx_lessons_window, GX, LESSONS_WINDOW, AdwWindow)

GtkWidget *gx_lessons_window_new (GxContext  *context,
                                  const char *category_id);

G_END_DECLS
