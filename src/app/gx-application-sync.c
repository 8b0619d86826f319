/* gx-application-sync.c: GxApplication's sign-in, keyring and sync client per archive
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-application"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-application-private.h"
#include "gx-keyring.h"
#include "gx-sign-in-dialog.h"
#include "gx-sync-apply.h"
#include "gx-sync-client.h"
#include "gx-sync-issues-dialog.h"
#include "gx-window.h"

/* Each account (user at server) has its own archive file, so two users of one computer or
 * one user of two servers never share records; the account signed in last is opened at the
 * next start. The token is kept by the Secret Service; where none answers, it is kept in
 * memory for this session only and the user is told. The token is looked up after the
 * window is shown, so start-up waits for nothing. */

typedef struct
{
  gboolean  keyring_broken;
  char     *session_url;
  char     *session_username;
  char     *session_token;
} SyncState;

static void
sync_state_free (gpointer data)
{
  SyncState *state = data;

  g_free (state->session_url);
  g_free (state->session_username);
  g_free (state->session_token);
  g_free (state);
}

static SyncState *
get_state (GxApplication *self)
{
  return g_object_get_data (G_OBJECT (self), "gx-sync-state");
}

static GxWindow *
active_window (GxApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return GX_IS_WINDOW (window) ? GX_WINDOW (window) : NULL;
}

static void
toast (GxApplication *self,
       const char    *text)
{
  GxWindow *window = active_window (self);

  if (window != NULL)
    gx_window_add_toast (window, adw_toast_new (text));
}

/* The archive of the account signed in last, or NULL for the local one. */
char *
_gx_application_dup_account_path (GxApplication *self)
{
  GSettings *settings = _gx_application_get_settings (self);
  g_autofree char *url = g_settings_get_string (settings, "server-url");
  g_autofree char *username = g_settings_get_string (settings, "account");
  g_autofree char *stem = NULL;

  if (*url == '\0' || *username == '\0')
    return NULL;

  stem = gx_sync_account_stem (url, username);
  return gx_store_dup_default_path (stem);
}

static guint
interval_cap_ms (GSettings *settings)
{
  /* The sync interval is how long the desk waits at most between two attempts while the
   * server cannot be reached; while it can, changes arrive at once. */
  return (guint) CLAMP (g_settings_get_int (settings, "sync-interval"), 1, 120) * 60 * 1000;
}

static void
on_interval_changed_cb (GSettings    *settings,
                        const char   *key,
                        GxSyncClient *client)
{
  gx_sync_client_set_timing (client, 1000, interval_cap_ms (settings), 25);
}

typedef struct
{
  GxApplication *app;
  GxSyncClient  *client;
  char          *url;
  char          *username;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_clear_object (&lookup->app);
  g_clear_object (&lookup->client);
  g_free (lookup->url);
  g_free (lookup->username);
  g_free (lookup);
}

static void
on_token_found_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = gx_keyring_lookup_finish (result, &error);

  if (error != NULL)
    get_state (lookup->app)->keyring_broken = TRUE;
  else if (token != NULL)
    gx_sync_client_set_account (lookup->client, lookup->url, token);

  lookup_free (lookup);
}

/* After the first frame: find the account's token and start syncing. */
static gboolean
find_token_cb (gpointer data)
{
  Lookup *lookup = data;
  SyncState *state = get_state (lookup->app);

  if (state->session_token != NULL && g_strcmp0 (state->session_url, lookup->url) == 0 &&
      g_strcmp0 (state->session_username, lookup->username) == 0)
    {
      gx_sync_client_set_account (lookup->client, lookup->url, state->session_token);
      lookup_free (lookup);
      return G_SOURCE_REMOVE;
    }

  gx_keyring_lookup_async (lookup->url, lookup->username, NULL, on_token_found_cb, lookup);
  return G_SOURCE_REMOVE;
}

/**
 * _gx_application_sync_attach:
 * @self: the application
 * @context: a desk's context, just opened
 *
 * Gives @context its sync client; it syncs once the account's token is found.
 */
void
_gx_application_sync_attach (GxApplication *self,
                             GxContext     *context)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (context));
  g_autoptr(GxSyncClient) client = gx_sync_client_new (gx_context_get_store (context), gx_context_get_clock (context));
  GSettings *settings = _gx_application_get_settings (self);
  g_autofree char *url = gx_sync_state_dup (db, "server_url");
  g_autofree char *username = gx_sync_state_dup (db, "username");

  gx_sync_client_set_timing (client, 1000, interval_cap_ms (settings), 25);
  g_signal_connect_object (settings, "changed::sync-interval", G_CALLBACK (on_interval_changed_cb), client, 0);
  gx_context_set_sync_client (context, client);

  if (url != NULL && username != NULL)
    {
      Lookup *lookup = g_new0 (Lookup, 1);

      gx_sync_client_set_account (client, url, NULL);
      lookup->app = g_object_ref (self);
      lookup->client = g_object_ref (client);
      lookup->url = g_steal_pointer (&url);
      lookup->username = g_steal_pointer (&username);
      g_idle_add_full (G_PRIORITY_LOW, find_token_cb, lookup, NULL);
    }
}

/* Signing in */

typedef struct
{
  const char *url;
  JsonObject *user;
} AccountWrite;

static gboolean
write_account_cb (GxDb      *db,
                  gpointer   user_data,
                  GError   **error)
{
  AccountWrite *w = user_data;

  return gx_sync_save_account (db, w->url, w->user, error);
}

static void
on_token_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GxApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gx_keyring_store_finish (result, &error))
    {
      get_state (self)->keyring_broken = TRUE;
      toast (self, _("No keyring is available: you are signed in until Guanxi closes."));
    }
}

/* The account's archive, opened (and created) when it is not the one open now. */
static GxContext *
open_account (GxApplication  *self,
              const char     *url,
              JsonObject     *user,
              GError        **error)
{
  GxContext *current = _gx_application_get_active_context (self);
  g_autofree char *stem = gx_sync_account_stem (url, json_object_get_string_member (user, "username"));
  g_autofree char *path = gx_store_dup_default_path (stem);
  g_autoptr(GxStore) store = NULL;
  g_autoptr(GxClock) clock = NULL;
  AccountWrite w = { url, user };
  GxContext *context;

  /* An archive opened by name (--database) stays the one this session works on. */
  if (current != NULL &&
      (_gx_application_has_explicit_path (self) ||
       g_strcmp0 (gx_store_get_path (gx_context_get_store (current)), path) == 0))
    {
      if (!gx_store_write_sync (gx_context_get_store (current), write_account_cb, &w, error) ||
          !gx_context_load_user (current, error))
        return NULL;
      return g_object_ref (current);
    }

  store = gx_store_open (path, error);
  if (store == NULL || !gx_store_write_sync (store, write_account_cb, &w, error))
    return NULL;

  clock = gx_clock_new_system ();
  context = gx_context_new (store, clock, _gx_application_get_settings (self));
  if (!gx_context_load_user (context, error))
    {
      g_object_unref (context);
      return NULL;
    }
  _gx_application_sync_attach (self, context);
  return context;
}

static void
on_signed_in_cb (GxSignInDialog *dialog,
                 const char     *url,
                 const char     *token,
                 JsonObject     *user,
                 GxApplication  *self)
{
  SyncState *state = get_state (self);
  GSettings *settings = _gx_application_get_settings (self);
  const char *username = json_object_get_string_member (user, "username");
  g_autoptr(GxContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = open_account (self, url, user, &error);
  if (context == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Signed in, but the archive for this account cannot be opened: %s"), error->message);
      toast (self, message);
      return;
    }

  g_settings_set_string (settings, "server-url", url);
  g_settings_set_string (settings, "account", username);

  g_free (state->session_url);
  g_free (state->session_username);
  g_free (state->session_token);
  state->session_url = g_strdup (url);
  state->session_username = g_strdup (username);
  state->session_token = g_strdup (token);

  if (context != _gx_application_get_active_context (self))
    _gx_application_switch_context (self, context);
  gx_sync_client_set_account (gx_context_get_sync_client (context), url, token);

  if (!state->keyring_broken)
    gx_keyring_store_async (url, username, token, NULL, on_token_stored_cb, g_object_ref (self));
}

static void
sign_in_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GxApplication *self = user_data;
  GxContext *context = _gx_application_get_active_context (self);
  GSettings *settings = _gx_application_get_settings (self);
  g_autofree char *url = g_settings_get_string (settings, "server-url");
  g_autofree char *username = g_settings_get_string (settings, "account");
  GtkWidget *dialog;

  if (context != NULL)
    {
      GxDb *db = gx_store_get_main_reader (gx_context_get_store (context));
      g_autofree char *stored_url = gx_sync_state_dup (db, "server_url");
      g_autofree char *stored_user = gx_sync_state_dup (db, "username");

      /* The archive open now says best whom to sign in again. */
      if (stored_url != NULL)
        {
          g_free (url);
          url = g_steal_pointer (&stored_url);
        }
      if (stored_user != NULL)
        {
          g_free (username);
          username = g_steal_pointer (&stored_user);
        }
    }

  dialog = gx_sign_in_dialog_new (url, username, !get_state (self)->keyring_broken);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), gtk_application_get_active_window (GTK_APPLICATION (self)));
  g_signal_connect_object (dialog, "signed-in", G_CALLBACK (on_signed_in_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sign_out_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GxApplication *self = user_data;
  SyncState *state = get_state (self);
  GxContext *context = _gx_application_get_active_context (self);
  GxSyncClient *client = context ? gx_context_get_sync_client (context) : NULL;
  GxDb *db;
  g_autofree char *url = NULL;
  g_autofree char *username = NULL;

  if (client == NULL)
    return;

  db = gx_store_get_main_reader (gx_context_get_store (context));
  url = gx_sync_state_dup (db, "server_url");
  username = gx_sync_state_dup (db, "username");

  /* The archive stays: signing in again continues from it. */
  gx_sync_client_set_account (client, url, NULL);
  g_clear_pointer (&state->session_token, g_free);
  if (url != NULL && username != NULL && !state->keyring_broken)
    gx_keyring_clear_async (url, username, NULL, NULL, NULL);
  toast (self, _("Signed out. Your changes stay on this computer until you sign in again."));
}

static void
sync_now_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GxApplication *self = user_data;
  GxContext *context = _gx_application_get_active_context (self);
  GxSyncClient *client = context ? gx_context_get_sync_client (context) : NULL;

  if (client == NULL || !gx_sync_client_has_token (client))
    {
      g_action_group_activate_action (G_ACTION_GROUP (self), "sign-in", NULL);
      return;
    }

  gx_sync_client_sync_now (client);
}

static void
show_sync_issues_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  GxApplication *self = user_data;
  GxContext *context = _gx_application_get_active_context (self);
  GtkWidget *dialog;

  if (context == NULL)
    return;

  dialog = gx_sync_issues_dialog_new (context);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (dialog));
}

static const GActionEntry sync_actions[] = {
  { "sign-in", sign_in_action },
  { "sign-out", sign_out_action },
  { "sync-now", sync_now_action },
  { "show-sync-issues", show_sync_issues_action },
};

void
_gx_application_sync_init (GxApplication *self)
{
  const char *sync_accels[] = { "F5", NULL };

  g_object_set_data_full (G_OBJECT (self), "gx-sync-state", g_new0 (SyncState, 1), sync_state_free);
  g_action_map_add_action_entries (G_ACTION_MAP (self), sync_actions, G_N_ELEMENTS (sync_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.sync-now", sync_accels);
}
