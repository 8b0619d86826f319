/* gx-sync-indicator.c: the header's sync state and its popover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-context.h"
#include "gx-sync-apply.h"
#include "gx-sync-client.h"
#include "gx-sync-indicator.h"
#include "gx-sync-status.h"

/* What it says is decided in core (gx_sync_status_describe()) from the sync client's state
 * and the outbox's counts; this widget only shows it, and refreshes "synced N ago". */

#define REFRESH_SECONDS 10

struct _GxSyncIndicator
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkMenuButton *button;
  GtkImage      *icon;
  GtkLabel      *label;
  GtkLabel      *state_label;
  GtkLabel      *detail_label;
  GtkLabel      *account_label;
  GtkLabel      *waiting_label;
  GtkButton     *issues_button;
  GtkButton     *sign_in_button;
  GtkButton     *sync_button;

  /* Owned */
  GxContext     *context;
  guint          refresh_id;
  const char    *style;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GxSyncIndicator, gx_sync_indicator, GTK_TYPE_WIDGET)

static void
update_state (GxSyncIndicator *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  GxSyncClient *client = gx_context_get_sync_client (self->context);
  GxSyncFacts facts = { GX_SYNC_STATE_LOCAL };
  GxSyncStatus status;
  g_autofree char *server = gx_sync_state_dup (db, "server_url");
  g_autofree char *username = gx_sync_state_dup (db, "username");
  g_autofree char *tooltip = NULL;
  g_autofree char *waiting = NULL;

  facts.now = gx_clock_now (gx_context_get_clock (self->context));
  if (client != NULL)
    {
      facts.state = gx_sync_client_get_state (client);
      facts.last_sync = gx_sync_client_get_last_sync (client);
      facts.retry_at = gx_sync_client_get_retry_at (client);
      facts.message = gx_sync_client_get_message (client);
    }
  gx_sync_read_facts (db, &facts);
  gx_sync_status_describe (&facts, &status);

  gtk_image_set_from_icon_name (self->icon, status.icon_name);
  gtk_label_set_label (self->label, status.label);
  gtk_label_set_label (self->state_label, status.title);
  gtk_label_set_label (self->detail_label, status.detail);

  if (self->style != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), self->style);
  self->style = status.style;
  if (self->style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), self->style);

  if (server != NULL && username != NULL)
    {
      /* Translators: a user name, then the server's address */
      g_autofree char *account = g_strdup_printf (_("Signed in as %s at %s"), username, server);
      gtk_label_set_label (self->account_label, account);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->account_label), server != NULL && username != NULL);

  if (facts.n_waiting > 0 && facts.state != GX_SYNC_STATE_SYNCED && facts.state != GX_SYNC_STATE_SYNCING)
    waiting = g_strdup_printf (ngettext ("%d change waiting to be sent", "%d changes waiting to be sent",
                                         (gulong) facts.n_waiting), (int) facts.n_waiting);
  gtk_label_set_label (self->waiting_label, waiting ? waiting : "");
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_label), waiting != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->issues_button), facts.n_conflicts + facts.n_parked > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->sign_in_button), status.needs_sign_in);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button), status.can_sync_now);

  /* Translators: the sync button's tooltip: its state and what it means */
  tooltip = g_strdup_printf (_("%s — %s"), status.label, status.title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);

  gx_sync_status_clear (&status);
}

static void
on_store_changed_cb (GxSyncIndicator *self,
                     const char      *table)
{
  update_state (self);
}

static void
on_client_notify_cb (GxSyncIndicator *self,
                     GParamSpec      *pspec)
{
  update_state (self);
}

static gboolean
refresh_cb (gpointer data)
{
  update_state (data);
  return G_SOURCE_CONTINUE;
}

static void
watch_client (GxSyncIndicator *self)
{
  GxSyncClient *client = gx_context_get_sync_client (self->context);

  if (client != NULL)
    g_signal_connect_object (client, "notify", G_CALLBACK (on_client_notify_cb), self, G_CONNECT_SWAPPED);
  update_state (self);
}

static void
set_context (GxSyncIndicator *self,
             GxContext       *context)
{
  GxStore *store;

  g_assert (self->context == NULL);

  self->context = g_object_ref (context);
  store = gx_context_get_store (context);
  for (const char * const *table = (const char * const[]) { "outbox", "sync_state", "sync_conflicts", NULL }; *table; table++)
    {
      g_autofree char *signal = g_strconcat ("changed::", *table, NULL);
      g_signal_connect_object (store, signal, G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (context, "notify::sync-client", G_CALLBACK (watch_client), self, G_CONNECT_SWAPPED);
  watch_client (self);

  self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, refresh_cb, self);
}

static void
gx_sync_indicator_dispose (GObject *object)
{
  GxSyncIndicator *self = (GxSyncIndicator *) object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (gx_context_get_store (self->context), self);
      g_signal_handlers_disconnect_by_data (self->context, self);
      if (gx_context_get_sync_client (self->context) != NULL)
        g_signal_handlers_disconnect_by_data (gx_context_get_sync_client (self->context), self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_SYNC_INDICATOR);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_sync_indicator_parent_class)->dispose (object);
}

static void
gx_sync_indicator_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GxSyncIndicator *self = GX_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_sync_indicator_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GxSyncIndicator *self = GX_SYNC_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_sync_indicator_class_init (GxSyncIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_sync_indicator_dispose;
  object_class->get_property = gx_sync_indicator_get_property;
  object_class->set_property = gx_sync_indicator_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-sync-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, GxSyncIndicator, button);
  gtk_widget_class_bind_template_child (widget_class, GxSyncIndicator, icon);
  gtk_widget_class_bind_template_child (widget_class, GxSyncIndicator, label);
  gtk_widget_class_bind_template_child (widget_class, GxSyncIndicator, state_label);
  gtk_widget_class_bind_template_child (widget_class, GxSyncIndicator, detail_label);
  gtk_widget_class_bind_template_child (widget_class, GxSyncIndicator, account_label);
  gtk_widget_class_bind_template_child (widget_class, GxSyncIndicator, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, GxSyncIndicator, issues_button);
  gtk_widget_class_bind_template_child (widget_class, GxSyncIndicator, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, GxSyncIndicator, sync_button);
}

static void
gx_sync_indicator_init (GxSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
