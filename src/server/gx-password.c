/* gx-password.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-password"

#include "config.h"

#include <crypt.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/random.h>

#include "gx-password.h"
#include "gx-server-storage.h"

/* Passwords are hashed with yescrypt through libxcrypt (the scheme Debian uses for
 * /etc/shadow): slow on purpose, salted, with the parameters in the hash so they can be
 * raised later. Tokens are 256 random bits from the kernel; the server stores only their
 * SHA-256, so its database signs nobody in. */

static gboolean
random_bytes (guint8 *buffer,
              gsize   size)
{
  gsize done = 0;

  while (done < size)
    {
      ssize_t n = getrandom (buffer + done, size - done, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      done += (gsize) n;
    }

  return TRUE;
}

/**
 * gx_password_hash:
 * @password: the password
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a yescrypt hash of @password in crypt(3) form
 */
char *
gx_password_hash (const char  *password,
                  GError     **error)
{
  struct crypt_data data = { 0 };
  char salt_source[32];
  const char *setting;
  const char *hash;

  g_return_val_if_fail (password != NULL, NULL);

  if (!random_bytes ((guint8 *) salt_source, sizeof salt_source))
    {
      g_set_error_literal (error, GX_SERVER_ERROR, GX_SERVER_ERROR_FAILED, _("No random numbers are available."));
      return NULL;
    }

  setting = crypt_gensalt_rn ("$y$", 0, salt_source, sizeof salt_source, data.setting, sizeof data.setting);
  if (setting == NULL)
    {
      g_set_error_literal (error, GX_SERVER_ERROR, GX_SERVER_ERROR_FAILED, _("Passwords cannot be hashed on this system (yescrypt is missing)."));
      return NULL;
    }

  hash = crypt_r (password, setting, &data);
  if (hash == NULL || hash[0] == '*')
    {
      g_set_error_literal (error, GX_SERVER_ERROR, GX_SERVER_ERROR_FAILED, _("The password could not be hashed."));
      return NULL;
    }

  return g_strdup (hash);
}

/**
 * gx_password_verify:
 * @password: what was typed
 * @hash: (nullable): the stored hash
 *
 * Compares in constant time.
 *
 * Returns: %TRUE when @password matches @hash
 */
gboolean
gx_password_verify (const char *password,
                    const char *hash)
{
  struct crypt_data *data;
  const char *computed;
  gboolean match = FALSE;

  if (password == NULL || hash == NULL || hash[0] != '$')
    {
      gx_password_waste_time (password ? password : "");
      return FALSE;
    }

  data = g_new0 (struct crypt_data, 1);
  computed = crypt_r (password, hash, data);
  if (computed != NULL && computed[0] != '*' && strlen (computed) == strlen (hash))
    {
      guint8 diff = 0;

      for (gsize i = 0; hash[i] != '\0'; i++)
        diff |= (guint8) (computed[i] ^ hash[i]);
      match = diff == 0;
    }

  explicit_bzero (data, sizeof *data);
  g_free (data);
  return match;
}

/**
 * gx_password_waste_time:
 * @password: what was typed
 *
 * Hashes @password for nothing, so a sign-in with an unknown user name takes as long as
 * one with a wrong password and does not tell which names exist.
 */
void
gx_password_waste_time (const char *password)
{
  g_autofree char *hash = gx_password_hash (password, NULL);
}

/**
 * gx_token_new:
 *
 * Returns: (transfer full): a new bearer token: 256 random bits, base64url
 */
char *
gx_token_new (void)
{
  guint8 bytes[32];
  char *token;

  if (!random_bytes (bytes, sizeof bytes))
    g_error ("no random numbers for a token");

  token = g_base64_encode (bytes, sizeof bytes);
  g_strdelimit (token, "+", '-');
  g_strdelimit (token, "/", '_');
  g_strdelimit (token, "=", '\0');
  explicit_bzero (bytes, sizeof bytes);
  return token;
}

/**
 * gx_token_hash:
 * @token: a token
 *
 * Returns: (transfer full): the SHA-256 of @token in hex, what the server stores
 */
char *
gx_token_hash (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}
