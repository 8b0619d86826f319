/* gx-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-enums.h"
#include "gx-sync-apply.h"
#include "gx-sync-client.h"
#include "gx-preferences-window.h"

struct _GxPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwComboRow          *color_scheme_row;
  AdwActionRow         *archive_row;
  AdwActionRow         *user_row;
  AdwActionRow         *account_row;
  AdwEntryRow          *server_row;
  GtkSpinButton        *interval_spin;
  GtkButton            *sign_in_button;
  GtkButton            *sign_out_button;

  /* Owned */
  GxContext            *context;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The order of the combo row's items. */
static const char * const color_schemes[] = { "default", "light", "dark" };

G_DEFINE_FINAL_TYPE (GxPreferencesWindow, gx_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
scheme_to_index (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    if (g_strcmp0 (scheme, color_schemes[i]) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
index_to_scheme (const GValue       *value,
                 const GVariantType *expected_type,
                 gpointer            user_data)
{
  guint index = g_value_get_uint (value);

  return g_variant_new_string (color_schemes[index < G_N_ELEMENTS (color_schemes) ? index : 0]);
}

/* Who is signed in where, and the buttons that fit. */
static void
update_account (GxPreferencesWindow *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  GxSyncClient *client = gx_context_get_sync_client (self->context);
  g_autofree char *url = gx_sync_state_dup (db, "server_url");
  g_autofree char *username = gx_sync_state_dup (db, "username");
  gboolean signed_in = client != NULL && gx_sync_client_has_token (client);
  g_autofree char *subtitle = NULL;

  if (url != NULL && username != NULL)
    subtitle = signed_in
               /* Translators: a user name, then the server's address */
               ? g_strdup_printf (_("Signed in as %s at %s"), username, url)
               : g_strdup_printf (_("%s at %s, not signed in"), username, url);
  else
    subtitle = g_strdup (_("Not signed in: this desk works on its own"));

  adw_action_row_set_subtitle (self->account_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_button), !signed_in);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_out_button), signed_in);
}

static void
on_account_changed_cb (GxPreferencesWindow *self)
{
  update_account (self);
}

static void
gx_preferences_window_constructed (GObject *object)
{
  GxPreferencesWindow *self = (GxPreferencesWindow *) object;
  GSettings *settings = gx_context_get_settings (self->context);
  g_autofree char *user = NULL;

  G_OBJECT_CLASS (gx_preferences_window_parent_class)->constructed (object);

  if (settings != NULL)
    g_settings_bind_with_mapping (settings, "color-scheme", self->color_scheme_row, "selected",
                                  G_SETTINGS_BIND_DEFAULT, scheme_to_index, index_to_scheme,
                                  NULL, NULL);

  adw_action_row_set_subtitle (self->archive_row, gx_store_get_path (gx_context_get_store (self->context)));

  if (settings != NULL)
    {
      g_settings_bind (settings, "server-url", self->server_row, "text", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "sync-interval", self->interval_spin, "value", G_SETTINGS_BIND_DEFAULT);
    }
  if (gx_context_get_sync_client (self->context) != NULL)
    g_signal_connect_object (gx_context_get_sync_client (self->context), "notify::state",
                             G_CALLBACK (on_account_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gx_context_get_store (self->context), "changed::sync_state",
                           G_CALLBACK (on_account_changed_cb), self, G_CONNECT_SWAPPED);
  update_account (self);

  /* Translators: a person's name, then their role */
  user = g_strdup_printf (_("%s, %s"),
                          gx_context_get_user_name (self->context),
                          gx_vocab_label (GX_VOCAB_ROLE, gx_role_to_code (gx_context_get_role (self->context))));
  adw_action_row_set_subtitle (self->user_row, user);
}

static void
gx_preferences_window_dispose (GObject *object)
{
  GxPreferencesWindow *self = (GxPreferencesWindow *) object;

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (gx_context_get_store (self->context), self);
      if (gx_context_get_sync_client (self->context) != NULL)
        g_signal_handlers_disconnect_by_data (gx_context_get_sync_client (self->context), self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_preferences_window_parent_class)->dispose (object);
}

static void
gx_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  GxPreferencesWindow *self = GX_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_preferences_window_class_init (GxPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gx_preferences_window_constructed;
  object_class->dispose = gx_preferences_window_dispose;
  object_class->set_property = gx_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GX_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GxPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, GxPreferencesWindow, archive_row);
  gtk_widget_class_bind_template_child (widget_class, GxPreferencesWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, GxPreferencesWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, GxPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, GxPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, GxPreferencesWindow, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, GxPreferencesWindow, sign_out_button);
}

static void
gx_preferences_window_init (GxPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gx_preferences_window_new (GxContext *context)
{
  g_return_val_if_fail (GX_IS_CONTEXT (context), NULL);

  return g_object_new (GX_TYPE_PREFERENCES_WINDOW, "context", context, NULL);
}
