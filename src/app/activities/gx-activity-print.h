/* gx-activity-print.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

typedef enum
{
  GX_ACTIVITY_PRINT_LETTERS,
  GX_ACTIVITY_PRINT_BADGES,
  GX_ACTIVITY_PRINT_EVALUATION,
} GxActivityPrintKind;

gboolean gx_activity_print (GtkWindow            *parent,
                            GxContext            *context,
                            const char           *activity_id,
                            GxActivityPrintKind   kind,
                            GFile                *pdf,
                            GError              **error);

G_END_DECLS
