/* gx-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-application"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-application.h"
#include "gx-application-private.h"
#include "gx-app-resources.h"
#include "gx-demo.h"
#include "gx-preferences-window.h"
#include "gx-sync-client.h"
#include "gx-window.h"

/* The demo has enough customers to scroll, search and filter realistically. */
#define DEMO_CUSTOMERS 2400
#define DEMO_SEED 20261122

struct _GxApplication
{
  AdwApplication  parent_instance;

  GxContext      *context;
  GSettings      *settings;
  char           *db_path;
  gboolean        demo;
  gboolean        explicit_path;
  gboolean        upgrading;    /* the archive is being opened on a worker thread */
};

G_DEFINE_FINAL_TYPE (GxApplication, gx_application, ADW_TYPE_APPLICATION)

static void
apply_color_scheme (GxApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwStyleManager *manager = adw_style_manager_get_default ();

  if (g_strcmp0 (scheme, "light") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_strcmp0 (scheme, "dark") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
on_open_error_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           GxApplication    *self)
{
  g_application_release (G_APPLICATION (self));
}

/* A store that cannot be opened is reported and left exactly as it is on disk. */
static void
show_open_error (GxApplication *self,
                 const GError  *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (NULL, _("The Customer Archive Cannot Be Opened"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s\n\nThe file was not changed. Move it aside or restore a backup, then start Guanxi again."),
                                  error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Quit"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_error_response_cb), self);

  /* Hold the application until the dialog is answered. */
  g_application_hold (G_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The account signed in last has its own archive; without one, the local archive. */
static void
resolve_path (GxApplication *self)
{
  if (self->db_path == NULL && !self->demo)
    self->db_path = _gx_application_dup_account_path (self);
  if (self->db_path == NULL)
    self->db_path = gx_store_dup_default_path (self->demo ? "demo" : "local");
}

/* The context over an opened store: demo data in a new demo archive, the user, the sync. */
static gboolean
finish_context (GxApplication  *self,
                GxStore        *store,
                gboolean        fresh,
                GError        **error)
{
  g_autoptr(GxClock) clock = gx_clock_new_system ();

  self->context = gx_context_new (store, clock, self->settings);

  if (fresh && self->demo)
    {
      GxDemoOptions options = {
        .seed = DEMO_SEED,
        .n_customers = DEMO_CUSTOMERS,
        .clock = clock,
      };

      if (!gx_demo_generate (store, &options, NULL, error))
        return FALSE;
    }

  if (!gx_context_ensure_user (self->context, error))
    return FALSE;

  _gx_application_sync_attach (self, self->context);
  return TRUE;
}

static gboolean
open_context (GxApplication  *self,
              GError        **error)
{
  g_autoptr(GxStore) store = NULL;
  gboolean fresh;

  resolve_path (self);
  fresh = !g_file_test (self->db_path, G_FILE_TEST_EXISTS);

  store = gx_store_open (self->db_path, error);
  if (store == NULL)
    return FALSE;

  return finish_context (self, store, fresh, error);
}

static void
present_main_window (GxApplication *self)
{
  GtkWindow *window = GTK_WINDOW (gx_window_new (self, self->context));

  gtk_window_present (window);
}

/* Upgrading an archive ------------------------------------------------------------------ */

/* An archive of an earlier version is upgraded when it opens, which takes a while when it
 * is large. It is opened on a worker thread; if that takes longer than a moment, a window
 * says what is happening, so the desk does not look as if nothing started. */
#define UPGRADE_NOTICE_DELAY_MS 400

typedef struct
{
  GxApplication *self;
  GtkWidget     *notice;
  guint          notice_source;
} Upgrade;

static void
upgrade_free (Upgrade *upgrade)
{
  upgrade->self->upgrading = FALSE;
  g_clear_handle_id (&upgrade->notice_source, g_source_remove);
  if (upgrade->notice != NULL)
    gtk_window_destroy (GTK_WINDOW (upgrade->notice));
  g_application_release (G_APPLICATION (upgrade->self));
  g_object_unref (upgrade->self);
  g_free (upgrade);
}

static gboolean
show_upgrade_notice_cb (gpointer data)
{
  Upgrade *upgrade = data;
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/gx-upgrade-window.ui");

  upgrade->notice_source = 0;
  upgrade->notice = GTK_WIDGET (g_object_ref_sink (gtk_builder_get_object (builder, "upgrade_window")));
  gtk_window_set_application (GTK_WINDOW (upgrade->notice), GTK_APPLICATION (upgrade->self));
  gtk_window_present (GTK_WINDOW (upgrade->notice));
  g_object_unref (upgrade->notice);   /* the toplevel list holds it until destroyed */
  return G_SOURCE_REMOVE;
}

static void
open_store_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  GxStore *store = gx_store_open (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

static void
on_store_upgraded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Upgrade *upgrade = user_data;
  GxApplication *self = upgrade->self;
  g_autoptr(GxStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = g_task_propagate_pointer (G_TASK (result), &error);
  if (store == NULL || !finish_context (self, store, FALSE, &error))
    {
      g_clear_object (&self->context);
      show_open_error (self, error);
    }
  else
    present_main_window (self);

  upgrade_free (upgrade);
}

static void
open_upgrading (GxApplication *self)
{
  Upgrade *upgrade = g_new0 (Upgrade, 1);
  g_autoptr(GTask) task = g_task_new (NULL, NULL, on_store_upgraded_cb, upgrade);

  upgrade->self = g_object_ref (self);
  self->upgrading = TRUE;
  /* Keep running with no window until the archive is open. */
  g_application_hold (G_APPLICATION (self));
  upgrade->notice_source = g_timeout_add (UPGRADE_NOTICE_DELAY_MS, show_upgrade_notice_cb, upgrade);

  g_task_set_source_tag (task, open_upgrading);
  g_task_set_task_data (task, g_strdup (self->db_path), g_free);
  g_task_run_in_thread (task, open_store_thread);
}

static void
gx_application_activate (GApplication *app)
{
  GxApplication *self = GX_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  /* Started again while the archive is being upgraded: the upgrade's window comes. */
  if (self->upgrading)
    return;

  if (self->context == NULL)
    {
      resolve_path (self);
      if (gx_store_needs_upgrade (self->db_path))
        {
          open_upgrading (self);
          return;
        }
      if (!open_context (self, &error))
        {
          g_clear_object (&self->context);
          show_open_error (self, error);
          return;
        }
    }

  present_main_window (self);
}

static int
gx_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  GxApplication *self = GX_APPLICATION (app);
  const char *path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("guanxi %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "demo"))
    self->demo = TRUE;

  if (g_variant_dict_lookup (options, "database", "^&ay", &path))
    {
      self->db_path = g_strdup (path);
      self->explicit_path = TRUE;
    }

  return -1;
}

static void
gx_application_startup (GApplication *app)
{
  GxApplication *self = GX_APPLICATION (app);

  G_APPLICATION_CLASS (gx_application_parent_class)->startup (app);

  g_resources_register (gx_app_get_resource ());

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);
}

static void
gx_application_shutdown (GApplication *app)
{
  GxApplication *self = GX_APPLICATION (app);

  if (self->context != NULL)
    {
      if (gx_context_get_sync_client (self->context) != NULL)
        gx_sync_client_stop (gx_context_get_sync_client (self->context));
      gx_store_close (gx_context_get_store (self->context));
    }

  G_APPLICATION_CLASS (gx_application_parent_class)->shutdown (app);
}

static void
gx_application_finalize (GObject *object)
{
  GxApplication *self = (GxApplication *) object;

  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (gx_application_parent_class)->finalize (object);
}

static void
gx_application_class_init (GxApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = gx_application_finalize;

  app_class->activate = gx_application_activate;
  app_class->startup = gx_application_startup;
  app_class->shutdown = gx_application_shutdown;
  app_class->handle_local_options = gx_application_handle_local_options;
}

/* Actions */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GxApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window saves its state; the application ends with the last. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { _("The Guanxi developers"), NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Guanxi"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Guanxi developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Customer relationships for service desks: profiles, complaints, club members and activities."),
                         "website", "https://github.com/guanxi/guanxi",
                         "issue-url", "https://github.com/guanxi/guanxi/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Guanxi developers",
                         "developers", developers,
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GxApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *window;

  if (self->context == NULL)
    return;

  window = gx_preferences_window_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_present (GTK_WINDOW (window));
}

/* A case named by a notification or a customer's profile opens in the active window. */
static void
show_case_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GxApplication *self = user_data;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-case", "s", g_variant_get_string (parameter, NULL));
      gtk_window_present (window);
    }
}

static void
show_place_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GxApplication *self = user_data;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-place", "s", g_variant_get_string (parameter, NULL));
      gtk_window_present (window);
    }
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "show-case", show_case_action, "s" },
  { "show-place", show_place_action, "s" },
};

static void
gx_application_init (GxApplication *self)
{
  static const GOptionEntry options[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open the demo archive, creating it with sample customers on first use"), NULL },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the customer archive in FILE"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
    { NULL }
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Guanxi keeps a desk’s customer relationships: profiles, complaints, club members and activities."));

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  _gx_application_sync_init (self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
}

/* Public API */

GxApplication *
gx_application_new (void)
{
  return g_object_new (GX_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_BASE,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

/**
 * gx_application_get_context:
 * @self: a #GxApplication
 *
 * Returns: (transfer none) (nullable): the open desk's context
 */
GxContext *
gx_application_get_context (GxApplication *self)
{
  g_return_val_if_fail (GX_IS_APPLICATION (self), NULL);

  return self->context;
}

/* For the application's other files */

/* The context of the window in front, else the application's. */
GxContext *
_gx_application_get_active_context (GxApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *parent = window ? gtk_window_get_transient_for (window) : NULL;

  if (!GX_IS_WINDOW (window) && GX_IS_WINDOW (parent))
    window = parent;
  if (GX_IS_WINDOW (window))
    {
      GxContext *context = NULL;

      g_object_get (window, "context", &context, NULL);
      if (context != NULL)
        {
          g_object_unref (context);   /* the window keeps it */
          return context;
        }
    }

  return self->context;
}

/* Another archive (the account just signed in): its window replaces the open ones, and the
 * archive that was open is closed. */
void
_gx_application_switch_context (GxApplication *self,
                                GxContext     *context)
{
  g_autoptr(GxContext) old = g_steal_pointer (&self->context);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  GxWindow *window;

  self->context = g_object_ref (context);
  g_free (self->db_path);
  self->db_path = g_strdup (gx_store_get_path (gx_context_get_store (context)));

  window = gx_window_new (self, context);
  gtk_window_present (GTK_WINDOW (window));

  for (GList *l = windows; l != NULL; l = l->next)
    if (GX_IS_WINDOW (l->data))
      gtk_window_destroy (l->data);

  if (old != NULL && old != context)
    {
      if (gx_context_get_sync_client (old) != NULL)
        gx_sync_client_stop (gx_context_get_sync_client (old));
      gx_store_close (gx_context_get_store (old));
    }
}

gboolean
_gx_application_has_explicit_path (GxApplication *self)
{
  return self->explicit_path;
}

GSettings *
_gx_application_get_settings (GxApplication *self)
{
  return self->settings;
}
