/* gx-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_APPLICATION (gx_application_get_type ())

G_DECLARE_FINAL_TYPE (GxApplication, gx_application, GX, APPLICATION, AdwApplication)

GxApplication *gx_application_new         (void);
GxContext     *gx_application_get_context (GxApplication *self);

G_END_DECLS
