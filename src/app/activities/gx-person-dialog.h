/* gx-person-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

typedef enum
{
  GX_PERSON_DIALOG_GUEST,
  GX_PERSON_DIALOG_WALK_IN,
  GX_PERSON_DIALOG_OVERRIDE,
} GxPersonDialogMode;

#define GX_TYPE_PERSON_DIALOG (gx_person_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GxPersonDialog, gx_person_dialog, GX, PERSON_DIALOG, AdwWindow)

GxPersonDialog *gx_person_dialog_new (GtkWindow          *parent,
                                      GxContext          *context,
                                      GxPersonDialogMode  mode,
                                      const char         *target_id,
                                      const char         *person);

G_END_DECLS
