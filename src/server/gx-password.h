/* gx-password.h: password hashes (yescrypt) and bearer tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *gx_password_hash         (const char  *password,
                                    GError     **error);
gboolean  gx_password_verify       (const char  *password,
                                    const char  *hash);
void      gx_password_waste_time   (const char  *password);
char     *gx_token_new             (void);
char     *gx_token_hash            (const char  *token);

G_END_DECLS
