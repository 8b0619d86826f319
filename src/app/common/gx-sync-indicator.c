/* gx-sync-indicator.c: the header's sync state and its popover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-sync-indicator"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-context.h"
#include "gx-sync-indicator.h"

struct _GxSyncIndicator
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkMenuButton *button;
  GtkLabel      *state_label;
  GtkLabel      *detail_label;
  GtkLabel      *waiting_label;

  /* Owned */
  GxContext     *context;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GxSyncIndicator, gx_sync_indicator, GTK_TYPE_WIDGET)

/* Reads the sync state the store keeps: which server, if any, and the changes not yet
 * pushed. A desk without a server works offline for good. */
static void
update_state (GxSyncIndicator *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  g_autofree char *server = NULL;
  g_autofree char *waiting = NULL;
  gint64 n_waiting;

  server = gx_db_query_string (db, "SELECT value FROM sync_state WHERE key = 'server_url'", NULL, NULL);
  n_waiting = gx_db_query_int (db, "SELECT count(*) FROM outbox WHERE parked_reason IS NULL", NULL, 0, NULL);

  gtk_label_set_label (self->state_label, _("Offline"));
  gtk_menu_button_set_icon_name (self->button, "network-offline-symbolic");

  if (server == NULL || *server == '\0')
    gtk_label_set_label (self->detail_label,
                         _("No server is set up: this desk keeps its work on this computer only."));
  else
    gtk_label_set_label (self->detail_label,
                         _("Changes are kept on this computer until the server can be reached."));

  waiting = g_strdup_printf (ngettext ("%d change waiting to be sent", "%d changes waiting to be sent",
                                       (gulong) n_waiting), (int) n_waiting);
  gtk_label_set_label (self->waiting_label, waiting);
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_label), server != NULL && *server != '\0');
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Sync status: offline"));
}

static void
on_store_changed_cb (GxSyncIndicator *self,
                     const char      *table)
{
  update_state (self);
}

static void
set_context (GxSyncIndicator *self,
             GxContext       *context)
{
  g_assert (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (gx_context_get_store (context), "changed::outbox",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gx_context_get_store (context), "changed::sync_state",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  update_state (self);
}

static void
gx_sync_indicator_dispose (GObject *object)
{
  GxSyncIndicator *self = (GxSyncIndicator *) object;

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
  gtk_widget_class_bind_template_child (widget_class, GxSyncIndicator, state_label);
  gtk_widget_class_bind_template_child (widget_class, GxSyncIndicator, detail_label);
  gtk_widget_class_bind_template_child (widget_class, GxSyncIndicator, waiting_label);
}

static void
gx_sync_indicator_init (GxSyncIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
