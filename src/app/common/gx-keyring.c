/* gx-keyring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-keyring"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "gx-keyring.h"

/* The token a desk signs in with is kept by the Secret Service (GNOME Keyring, KWallet…),
 * under the server's address and the user name, so it survives a restart without being
 * written to a plain file. Where no Secret Service answers these calls fail, and the
 * application keeps the token for the session only and says so. */

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".Token", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
on_stored_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * gx_keyring_store_async:
 * @server_url: the server
 * @username: the user
 * @token: the token to keep
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when stored, or when no Secret Service could take it
 * @user_data: data for @callback
 */
void
gx_keyring_store_async (const char          *server_url,
                        const char          *username,
                        const char          *token,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *label = NULL;

  g_task_set_source_tag (task, gx_keyring_store_async);
  /* Translators: the label of the sign-in kept in the keyring; %s is user@server */
  label = g_strdup_printf (_("Guanxi sign-in for %s at %s"), username, server_url);
  secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, token, cancellable,
                         on_stored_cb, task, "server", server_url, "username", username, NULL);
}

gboolean
gx_keyring_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *token = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

/**
 * gx_keyring_lookup_async:
 *
 * gx_keyring_lookup_finish() returns the token, %NULL without an error when none is kept.
 */
void
gx_keyring_lookup_async (const char          *server_url,
                         const char          *username,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, gx_keyring_lookup_async);
  secret_password_lookup (token_schema (), cancellable, on_looked_up_cb, task,
                          "server", server_url, "username", username, NULL);
}

/**
 * gx_keyring_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the token
 */
char *
gx_keyring_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  char *secret = g_task_propagate_pointer (G_TASK (result), error);
  char *token = g_strdup (secret);

  if (secret != NULL)
    secret_password_free (secret);
  return token;
}

static void
on_cleared_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
gx_keyring_clear_async (const char          *server_url,
                        const char          *username,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, gx_keyring_clear_async);
  secret_password_clear (token_schema (), cancellable, on_cleared_cb, task,
                         "server", server_url, "username", username, NULL);
}

gboolean
gx_keyring_clear_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
