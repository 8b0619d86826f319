/* gx-sign-in-dialog.c: server address, user name, password — and what went wrong, next to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-sign-in-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "gx-sign-in-dialog.h"
#include "gx-sync-client.h"

struct _GxSignInDialog
{
  AdwWindow     parent_instance;

  /* Template widgets */
  AdwEntryRow  *url_row;
  AdwEntryRow  *username_row;
  AdwEntryRow  *password_row;
  GtkLabel     *error_label;
  GtkLabel     *keyring_label;
  GtkSpinner   *spinner;

  /* Owned */
  GCancellable *cancellable;
  char         *url;
};

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GxSignInDialog, gx_sign_in_dialog, ADW_TYPE_WINDOW)

static void
mark (GxSignInDialog *self,
      AdwEntryRow    *row,
      const char     *message)
{
  if (row != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
set_busy (GxSignInDialog *self,
          gboolean        busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->username_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.sign-in", !busy);
}

static void
on_row_changed_cb (GxSignInDialog *self,
                   GtkEditable    *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
on_login_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GxSignInDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = gx_sync_login_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);

  if (answer == NULL)
    {
      if (g_error_matches (error, GX_SYNC_ERROR, GX_SYNC_ERROR_UNAUTHORIZED))
        mark (self, self->password_row, error->message);
      else if (g_error_matches (error, GX_SYNC_ERROR, GX_SYNC_ERROR_INVALID_URL) ||
               g_error_matches (error, GX_SYNC_ERROR, GX_SYNC_ERROR_NETWORK) ||
               g_error_matches (error, GX_SYNC_ERROR, GX_SYNC_ERROR_BAD_ANSWER))
        mark (self, self->url_row, error->message);
      else
        mark (self, NULL, error->message);
      return;
    }

  g_signal_emit (self, signals[SIGNED_IN], 0, self->url,
                 json_object_get_string_member (answer, "token"),
                 json_object_get_object_member (answer, "user"));
  gtk_window_close (GTK_WINDOW (self));
}

static void
gx_sign_in_dialog_sign_in_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  GxSignInDialog *self = GX_SIGN_IN_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *username = NULL;
  const char *password;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  g_clear_pointer (&self->url, g_free);
  self->url = gx_sync_normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->url_row)), &error);
  if (self->url == NULL)
    {
      mark (self, self->url_row, error->message);
      return;
    }

  username = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->username_row))));
  if (*username == '\0')
    {
      mark (self, self->username_row, _("Enter your user name."));
      return;
    }

  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  if (*password == '\0')
    {
      mark (self, self->password_row, _("Enter your password."));
      return;
    }

  set_busy (self, TRUE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gx_sync_login_async (self->url, username, password, self->cancellable, on_login_cb, g_object_ref (self));
}

/* Enter moves to the next empty field, and signs in from the last. */
static void
on_row_activated_cb (GxSignInDialog *self,
                     AdwEntryRow    *row)
{
  AdwEntryRow *rows[] = { self->url_row, self->username_row, self->password_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (*gtk_editable_get_text (GTK_EDITABLE (rows[i])) == '\0')
      {
        gtk_widget_grab_focus (GTK_WIDGET (rows[i]));
        return;
      }

  gtk_widget_activate_action (GTK_WIDGET (self), "dialog.sign-in", NULL);
}

/* GObject */

static void
gx_sign_in_dialog_dispose (GObject *object)
{
  GxSignInDialog *self = (GxSignInDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_SIGN_IN_DIALOG);

  G_OBJECT_CLASS (gx_sign_in_dialog_parent_class)->dispose (object);
}

static void
gx_sign_in_dialog_finalize (GObject *object)
{
  GxSignInDialog *self = (GxSignInDialog *) object;

  g_free (self->url);

  G_OBJECT_CLASS (gx_sign_in_dialog_parent_class)->finalize (object);
}

static void
gx_sign_in_dialog_class_init (GxSignInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_sign_in_dialog_dispose;
  object_class->finalize = gx_sign_in_dialog_finalize;

  /**
   * GxSignInDialog::signed-in:
   * @self: the dialog
   * @server_url: the server, normalized
   * @token: the token the server gave
   * @user: the server's user object
   */
  signals[SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, JSON_TYPE_OBJECT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-sign-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GxSignInDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, GxSignInDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, GxSignInDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, GxSignInDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, GxSignInDialog, keyring_label);
  gtk_widget_class_bind_template_child (widget_class, GxSignInDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);

  gtk_widget_class_install_action (widget_class, "dialog.sign-in", NULL, gx_sign_in_dialog_sign_in_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gx_sign_in_dialog_init (GxSignInDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * gx_sign_in_dialog_new:
 * @server_url: (nullable): the address to offer
 * @username: (nullable): the user name to offer
 * @keyring_available: %FALSE to tell the user the sign-in lasts for this session only
 *
 * Returns: (transfer full): a new dialog; connect to #GxSignInDialog::signed-in
 */
GtkWidget *
gx_sign_in_dialog_new (const char *server_url,
                       const char *username,
                       gboolean    keyring_available)
{
  GxSignInDialog *self = g_object_new (GX_TYPE_SIGN_IN_DIALOG, NULL);

  if (server_url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), server_url);
  if (username != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_label), !keyring_available);

  /* Start where something is missing. */
  if (server_url == NULL || *server_url == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
  else if (username == NULL || *username == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));

  return GTK_WIDGET (self);
}
