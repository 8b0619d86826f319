/* gx-customers-view.c: the customer archive — find a customer, see who they are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customers-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-context.h"
#include "gx-customer-row.h"
#include "gx-customers-view.h"
#include "gx-format.h"
#include "gx-query-model.h"
#include "gx-search.h"

struct _GxCustomersView
{
  GtkWidget           parent_instance;

  /* Template widgets */
  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkColumnView      *column_view;
  GtkSingleSelection *selection;
  GtkLabel           *count_label;
  GtkStack           *detail_stack;
  AdwStatusPage      *empty_page;
  GtkLabel           *title_label;
  GtkLabel           *level_badge;
  AdwActionRow       *number_row;
  AdwActionRow       *kind_row;
  AdwActionRow       *phone_row;
  AdwActionRow       *birthday_row;
  AdwActionRow       *company_row;
  AdwActionRow       *tier_row;
  AdwActionRow       *stage_row;
  AdwActionRow       *owner_row;
  AdwActionRow       *last_contact_row;
  GtkLabel           *confidential_label;

  /* Owned */
  GxContext          *context;
  GxQueryModel       *model;
  GBindingGroup      *bindings;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GxCustomersView, gx_customers_view, GTK_TYPE_WIDGET)

static void
update_count (GxCustomersView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *count = gx_format_count (n);
  g_autofree char *text = NULL;

  /* Translators: %s is a number with digit grouping, e.g. "12,408" */
  text = g_strdup_printf (ngettext ("%s customer", "%s customers", n), count);
  gtk_label_set_label (self->count_label, text);
}

static void
run_search (GxCustomersView *self)
{
  g_autoptr(GVariant) params = NULL;
  g_autofree char *sql = NULL;

  sql = gx_search_customers (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), &params);
  gx_query_model_set_query (self->model, sql, params);
}

static void
show_row (GxCustomersView *self,
          GxRow           *row)
{
  g_autofree char *level = NULL;
  gboolean confidential;

  g_binding_group_set_source (self->bindings, row);

  if (row == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }

  g_object_get (row, "confidentiality-code", &level, NULL);
  confidential = g_strcmp0 (level, "ordinary") != 0;
  gtk_widget_set_visible (GTK_WIDGET (self->level_badge), confidential);
  gtk_widget_set_visible (GTK_WIDGET (self->confidential_label), confidential);
  gtk_stack_set_visible_child_name (self->detail_stack, "profile");
}

static void
on_selection_changed_cb (GxCustomersView *self)
{
  show_row (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
on_search_changed_cb (GxCustomersView *self)
{
  run_search (self);
}

static void
on_column_view_activate_cb (GxCustomersView *self,
                            guint            position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_search_stop_cb (GxCustomersView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_back_clicked_cb (GxCustomersView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static gboolean
is_confidential_cb (gpointer    unused,
                    const char *level)
{
  return level != NULL && *level != '\0' && g_strcmp0 (level, "ordinary") != 0;
}

static char *
format_date_cb (gpointer unused,
                gint64   unix_seconds)
{
  return gx_format_date (unix_seconds, NULL);
}

static char *
format_iso_date_cb (gpointer    unused,
                    const char *iso_date)
{
  return gx_format_iso_date (iso_date);
}

static void
set_context (GxCustomersView *self,
             GxContext       *context)
{
  g_assert (self->context == NULL);

  self->context = g_object_ref (context);
  self->model = gx_query_model_new (gx_context_get_store (context), GX_TYPE_CUSTOMER_ROW);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  run_search (self);
  update_count (self);
}

static void
gx_customers_view_focus_search_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  GxCustomersView *self = GX_CUSTOMERS_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* GObject */

static void
gx_customers_view_dispose (GObject *object)
{
  GxCustomersView *self = (GxCustomersView *) object;

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_CUSTOMERS_VIEW);

  g_clear_object (&self->bindings);
  g_clear_object (&self->model);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_customers_view_parent_class)->dispose (object);
}

static void
gx_customers_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GxCustomersView *self = GX_CUSTOMERS_VIEW (object);

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
gx_customers_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GxCustomersView *self = GX_CUSTOMERS_VIEW (object);

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
gx_customers_view_class_init (GxCustomersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_customers_view_dispose;
  object_class->get_property = gx_customers_view_get_property;
  object_class->set_property = gx_customers_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GX_TYPE_CUSTOMER_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-customers-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, column_view);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, selection);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, count_label);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, title_label);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, level_badge);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, number_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, kind_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, phone_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, birthday_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, company_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, tier_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, stage_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, owner_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, last_contact_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, confidential_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, is_confidential_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_date_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_iso_date_cb);

  gtk_widget_class_install_action (widget_class, "view.focus-search", NULL,
                                   gx_customers_view_focus_search_action);
}

static GBindingGroup *
bind_detail (GxCustomersView *self)
{
  GBindingGroup *group = g_binding_group_new ();

  g_binding_group_bind (group, "name", self->title_label, "label", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (group, "confidentiality", self->level_badge, "label", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (group, "number", self->number_row, "subtitle", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (group, "kind", self->kind_row, "subtitle", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (group, "phone", self->phone_row, "subtitle", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (group, "company", self->company_row, "subtitle", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (group, "tier", self->tier_row, "subtitle", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (group, "stage", self->stage_row, "subtitle", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (group, "owner", self->owner_row, "subtitle", G_BINDING_SYNC_CREATE);
  return group;
}

static gboolean
transform_iso_date (GBinding     *binding,
                    const GValue *from,
                    GValue       *to,
                    gpointer      user_data)
{
  g_value_take_string (to, gx_format_iso_date (g_value_get_string (from)));
  return TRUE;
}

static gboolean
transform_date (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  gint64 when = g_value_get_int64 (from);

  g_value_take_string (to, when ? gx_format_date (when, NULL) : g_strdup (_("Never")));
  return TRUE;
}

static void
gx_customers_view_init (GxCustomersView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = bind_detail (self);
  g_binding_group_bind_full (self->bindings, "birthday", self->birthday_row, "subtitle",
                             G_BINDING_SYNC_CREATE, transform_iso_date, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "last-contact-at", self->last_contact_row, "subtitle",
                             G_BINDING_SYNC_CREATE, transform_date, NULL, NULL, NULL);
}
