/* gx-activity-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_ACTIVITY_EDITOR (gx_activity_editor_get_type ())

G_DECLARE_FINAL_TYPE (GxActivityEditor, gx_activity_editor, GX, ACTIVITY_EDITOR, AdwWindow)

GxActivityEditor *gx_activity_editor_new (GtkWindow  *parent,
                                          GxContext  *context,
                                          const char *activity_id,
                                          const char *club_id,
                                          int         plan_year,
                                          int         planned_month);

G_END_DECLS
