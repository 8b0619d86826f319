/* gx-cases-view.c: the complaint cases — what is open, what is late
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-cases-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-context.h"
#include "gx-format.h"
#include "gx-query-model.h"
#include "gx-search.h"
#include "gx-case-row.h"
#include "gx-cases-view.h"

struct _GxCasesView
{
  GtkWidget           parent_instance;

  /* Template widgets */
  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkColumnView      *column_view;
  GtkSingleSelection *selection;
  GtkLabel           *count_label;
  GtkStack           *detail_stack;
  GtkLabel           *title_label;
  AdwActionRow       *number_row;
  AdwActionRow       *customer_row;
  AdwActionRow       *channel_row;
  AdwActionRow       *category_row;
  AdwActionRow       *severity_row;
  AdwActionRow       *status_row;
  AdwActionRow       *assignee_row;
  AdwActionRow       *received_at_row;
  AdwActionRow       *resolve_due_at_row;
  GtkColumnViewColumn *deadline_column;

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

G_DEFINE_FINAL_TYPE (GxCasesView, gx_cases_view, GTK_TYPE_WIDGET)

static void
update_count (GxCasesView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *count = gx_format_count (n);
  g_autofree char *text = NULL;

  /* Translators: %s is a number with digit grouping, e.g. "12,408" */
  text = g_strdup_printf (ngettext ("%s case", "%s cases", n), count);
  gtk_label_set_label (self->count_label, text);
}

static void
run_search (GxCasesView *self)
{
  g_autoptr(GVariant) params = NULL;
  g_autofree char *sql = NULL;

  sql = gx_search_cases (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), &params);
  gx_query_model_set_query (self->model, sql, params);
}

static void
on_selection_changed_cb (GxCasesView *self)
{
  GxRow *row = gtk_single_selection_get_selected_item (self->selection);

  g_binding_group_set_source (self->bindings, row);
  gtk_stack_set_visible_child_name (self->detail_stack, row ? "profile" : "empty");
}

static void
on_search_changed_cb (GxCasesView *self)
{
  run_search (self);
}

static void
on_search_stop_cb (GxCasesView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_column_view_activate_cb (GxCasesView *self,
                            guint        position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_clicked_cb (GxCasesView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* The deadline column reads the context's clock, so it is built here rather than in the
 * template, whose expressions cannot reach the view. */
static void
update_deadline_label (GtkLabel *label,
                       GxRow    *row)
{
  GxCasesView *self = g_object_get_data (G_OBJECT (label), "gx-view");
  gint64 due = 0, done = 0, now;
  g_autofree char *text = NULL;
  GxDeadlineState state;
  const char *style;

  if (self == NULL || self->context == NULL || row == NULL)
    return;

  g_object_get (row, "resolve-due-at", &due, "resolved-at", &done, NULL);
  now = gx_clock_now (gx_context_get_clock (self->context));
  /* Near means the last quarter of a working day. */
  state = gx_deadline_state (due, done, now, 2 * 3600);
  text = gx_format_deadline (due, done, now);
  style = gx_deadline_style_class (state);

  gtk_label_set_label (label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), style);
}

static void
on_deadline_row_notify_cb (GtkLabel   *label,
                           GParamSpec *pspec,
                           GxRow      *row)
{
  update_deadline_label (label, row);
}

static void
deadline_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   GxCasesView              *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  g_object_set_data (G_OBJECT (label), "gx-view", self);
  gtk_list_item_set_child (item, label);
}

static void
deadline_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  GxCasesView              *self)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  GxRow *row = gtk_list_item_get_item (item);

  update_deadline_label (label, row);
  g_signal_connect_object (row, "notify::resolve-due-at", G_CALLBACK (on_deadline_row_notify_cb),
                           label, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "notify::resolved-at", G_CALLBACK (on_deadline_row_notify_cb),
                           label, G_CONNECT_SWAPPED);
}

static void
deadline_unbind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    GxCasesView              *self)
{
  GObject *row = gtk_list_item_get_item (item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, on_deadline_row_notify_cb,
                                          gtk_list_item_get_child (item));
}

static void
set_context (GxCasesView *self,
             GxContext *context)
{
  g_assert (self->context == NULL);

  self->context = g_object_ref (context);
  self->model = gx_query_model_new (gx_context_get_store (context), GX_TYPE_CASE_ROW);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  run_search (self);
  update_count (self);
}

static void
gx_cases_view_focus_search_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  GxCasesView *self = GX_CASES_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static gboolean
transform_date (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  g_value_take_string (to, gx_format_date_time (g_value_get_int64 (from), NULL));
  return TRUE;
}

/* GObject */

static void
gx_cases_view_dispose (GObject *object)
{
  GxCasesView *self = (GxCasesView *) object;

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_CASES_VIEW);

  g_clear_object (&self->bindings);
  g_clear_object (&self->model);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_cases_view_parent_class)->dispose (object);
}

static void
gx_cases_view_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GxCasesView *self = GX_CASES_VIEW (object);

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
gx_cases_view_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  GxCasesView *self = GX_CASES_VIEW (object);

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
gx_cases_view_class_init (GxCasesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_cases_view_dispose;
  object_class->get_property = gx_cases_view_get_property;
  object_class->set_property = gx_cases_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GX_TYPE_CASE_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-cases-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, column_view);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, selection);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, title_label);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, number_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, customer_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, channel_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, category_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, severity_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, status_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, assignee_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, received_at_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, resolve_due_at_row);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, deadline_column);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "view.focus-search", NULL,
                                   gx_cases_view_focus_search_action);
}

static void
gx_cases_view_init (GxCasesView *self)
{
  GBindingGroup *group;
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (deadline_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (deadline_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (deadline_unbind_cb), self);
  gtk_column_view_column_set_factory (self->deadline_column, factory);
  g_object_unref (factory);

  self->bindings = group = g_binding_group_new ();
  g_binding_group_bind (group, "subject", self->title_label, "label", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (group, "number", self->number_row, "subtitle", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (group, "customer", self->customer_row, "subtitle", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (group, "channel", self->channel_row, "subtitle", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (group, "category", self->category_row, "subtitle", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (group, "severity", self->severity_row, "subtitle", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (group, "status", self->status_row, "subtitle", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (group, "assignee", self->assignee_row, "subtitle", G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (group, "received-at", self->received_at_row, "subtitle", G_BINDING_SYNC_CREATE,
                             transform_date, NULL, NULL, NULL);
  g_binding_group_bind_full (group, "resolve-due-at", self->resolve_due_at_row, "subtitle", G_BINDING_SYNC_CREATE,
                             transform_date, NULL, NULL, NULL);
}
