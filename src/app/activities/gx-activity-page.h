/* gx-activity-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_ACTIVITY_PAGE (gx_activity_page_get_type ())

G_DECLARE_FINAL_TYPE (GxActivityPage, gx_activity_page, GX, ACTIVITY_PAGE, GtkWidget)

void        gx_activity_page_set_activity_id (GxActivityPage *self,
                                              const char     *activity_id);
const char *gx_activity_page_get_activity_id (GxActivityPage *self);
void        gx_activity_page_show_tab        (GxActivityPage *self,
                                              const char     *name);

G_END_DECLS
