/* gx-case-categories-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_CASE_CATEGORIES_PAGE (gx_case_categories_page_get_type ())

G_DECLARE_FINAL_TYPE (GxCaseCategoriesPage, gx_case_categories_page, GX, CASE_CATEGORIES_PAGE, AdwPreferencesPage)

GtkWidget *gx_case_categories_page_new (GxContext *context);

G_END_DECLS
