/* gx-sign-in-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GX_TYPE_SIGN_IN_DIALOG (gx_sign_in_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GxSignInDialog, gx_sign_in_dialog, GX, SIGN_IN_DIALOG, AdwWindow)

GtkWidget *gx_sign_in_dialog_new (const char *server_url,
                                  const char *username,
                                  gboolean    keyring_available);

G_END_DECLS
