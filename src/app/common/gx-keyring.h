/* gx-keyring.h: the desk's sign-in token in the Secret Service (libsecret), never in a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      gx_keyring_store_async   (const char           *server_url,
                                    const char           *username,
                                    const char           *token,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean  gx_keyring_store_finish  (GAsyncResult         *result,
                                    GError              **error);
void      gx_keyring_lookup_async  (const char           *server_url,
                                    const char           *username,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
char     *gx_keyring_lookup_finish (GAsyncResult         *result,
                                    GError              **error);
void      gx_keyring_clear_async   (const char           *server_url,
                                    const char           *username,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
gboolean  gx_keyring_clear_finish  (GAsyncResult         *result,
                                    GError              **error);

G_END_DECLS
