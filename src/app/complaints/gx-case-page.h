/* gx-case-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_CASE_PAGE (gx_case_page_get_type ())

G_DECLARE_FINAL_TYPE (GxCasePage, gx_case_page, GX, CASE_PAGE, GtkWidget)

GtkWidget  *gx_case_page_new            (GxContext  *context);
void        gx_case_page_set_case_id    (GxCasePage *self,
                                         const char *case_id);
const char *gx_case_page_get_case_id    (GxCasePage *self);
void        gx_case_page_refresh_clock  (GxCasePage *self);

G_END_DECLS
