/* gx-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-activities-view.h"
#include "gx-cases-view.h"
#include "gx-club-view.h"
#include "gx-customers-view.h"
#include "gx-overview-view.h"
#include "gx-sync-indicator.h"
#include "gx-window.h"

struct _GxWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *stack;
  GxSyncIndicator      *sync_indicator;
  GtkMenuButton        *primary_menu_button;
  GtkButton            *new_button;
  GxCustomersView      *customers_view;
  GxCasesView          *cases_view;
  GxClubView           *club_view;
  GxActivitiesView     *activities_view;
  GxOverviewView       *overview_view;

  /* Owned */
  GxContext            *context;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The places in the order of the view switcher and of Alt+1…5. */
static const char * const places[] = {
  "customers", "complaints", "club", "activities", "overview",
};

/* What the header's New button makes in each place. */
static const char * const new_tooltips[] = {
  N_("New Customer"), N_("New Complaint"), N_("New Member"), N_("New Activity"), NULL,
};

G_DEFINE_FINAL_TYPE (GxWindow, gx_window, ADW_TYPE_APPLICATION_WINDOW)

static void
save_window_state (GxWindow *self)
{
  GSettings *settings = gx_context_get_settings (self->context);
  int width, height;

  if (settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (settings);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_apply (settings);
}

static void
restore_window_state (GxWindow *self)
{
  GSettings *settings = gx_context_get_settings (self->context);
  g_autofree char *place = NULL;

  if (settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  place = g_settings_get_string (settings, "last-place");
  gx_window_show_place (self, place);
  g_settings_bind (settings, "last-place", self->stack, "visible-child-name", G_SETTINGS_BIND_SET);
}

static gboolean
gx_window_close_request (GtkWindow *window)
{
  save_window_state (GX_WINDOW (window));

  return GTK_WINDOW_CLASS (gx_window_parent_class)->close_request (window);
}

/* A place offers "New" by installing the widget action view.new. */
static gboolean
view_has_action (GtkWidget  *view,
                 const char *name)
{
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (view);
  const GVariantType *parameter_type;
  const char *action_name;
  const char *property_name;
  GType owner;

  /* GTK 4.8 writes every out argument: none may be NULL. */
  for (guint i = 0; gtk_widget_class_query_action (klass, i, &owner, &action_name, &parameter_type, &property_name); i++)
    if (g_strcmp0 (action_name, name) == 0)
      return TRUE;

  return FALSE;
}

static void
on_visible_child_changed_cb (GxWindow *self)
{
  GtkWidget *view = adw_view_stack_get_visible_child (self->stack);
  const char *place = adw_view_stack_get_visible_child_name (self->stack);
  gboolean can_create;

  /* The stack notifies while the template is still being built. */
  if (self->new_button == NULL)
    return;

  can_create = view != NULL && view_has_action (view, "view.new");

  gtk_widget_set_visible (GTK_WIDGET (self->new_button), can_create);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new", can_create);

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    if (g_strcmp0 (place, places[i]) == 0 && new_tooltips[i] != NULL)
      {
        gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_button), _(new_tooltips[i]));
        gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_button),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _(new_tooltips[i]), -1);
      }
}

/* Actions */

static void
gx_window_new_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GxWindow *self = GX_WINDOW (widget);

  gtk_widget_activate_action (adw_view_stack_get_visible_child (self->stack), "view.new", NULL);
}

static void
gx_window_show_place_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  gx_window_show_place (GX_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* Opens a case in Complaints: from a desktop notification or a customer's profile. */
static void
gx_window_show_case_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  GxWindow *self = GX_WINDOW (widget);

  gx_window_show_place (self, "complaints");
  gtk_widget_activate_action (GTK_WIDGET (self->cases_view), "view.show-case", "s",
                              g_variant_get_string (parameter, NULL));
}

/* Click-through (docs/HACKING.md): a figure opens the list behind it. The window shows the
 * place and hands the filter to the place's view.apply-filter; a place that cannot filter
 * yet still opens, and says so rather than show a list that is not what was clicked. */
static void
gx_window_show_list_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  GxWindow *self = GX_WINDOW (widget);
  const char *place, *filter;
  GtkWidget *view;

  g_variant_get (parameter, "(&s&s)", &place, &filter);
  gx_window_show_place (self, place);
  view = adw_view_stack_get_visible_child (self->stack);
  if (view == NULL || *filter == '\0')
    return;

  if (view_has_action (view, "view.apply-filter"))
    gtk_widget_activate_action (view, "view.apply-filter", "s", filter);
  else
    gx_window_add_toast (self, adw_toast_new (_("This list cannot be filtered from the overview yet; it shows everything")));
}

static void
gx_window_print_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GxWindow *self = GX_WINDOW (widget);
  GtkWidget *view = adw_view_stack_get_visible_child (self->stack);

  if (view != NULL && view_has_action (view, "view.print"))
    gtk_widget_activate_action (view, "view.print", NULL);
}

static void
gx_window_focus_search_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  GxWindow *self = GX_WINDOW (widget);
  GtkWidget *view = adw_view_stack_get_visible_child (self->stack);

  gtk_widget_activate_action (view, "view.focus-search", NULL);
}

/* GObject */

static void
gx_window_constructed (GObject *object)
{
  GxWindow *self = (GxWindow *) object;

  G_OBJECT_CLASS (gx_window_parent_class)->constructed (object);

  g_object_set (self->customers_view, "context", self->context, NULL);
  g_object_set (self->cases_view, "context", self->context, NULL);
  g_object_set (self->club_view, "context", self->context, NULL);
  g_object_set (self->activities_view, "context", self->context, NULL);
  g_object_set (self->overview_view, "context", self->context, NULL);
  g_object_set (self->sync_indicator, "context", self->context, NULL);

  restore_window_state (self);
}

static void
gx_window_dispose (GObject *object)
{
  GxWindow *self = (GxWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_WINDOW);

  G_OBJECT_CLASS (gx_window_parent_class)->dispose (object);
}

static void
gx_window_finalize (GObject *object)
{
  GxWindow *self = (GxWindow *) object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_window_parent_class)->finalize (object);
}

static void
gx_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GxWindow *self = GX_WINDOW (object);

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
gx_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  GxWindow *self = GX_WINDOW (object);

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
gx_window_class_init (GxWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = gx_window_constructed;
  object_class->dispose = gx_window_dispose;
  object_class->finalize = gx_window_finalize;
  object_class->get_property = gx_window_get_property;
  object_class->set_property = gx_window_set_property;

  window_class->close_request = gx_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GX_TYPE_ACTIVITIES_VIEW);
  g_type_ensure (GX_TYPE_CASES_VIEW);
  g_type_ensure (GX_TYPE_CLUB_VIEW);
  g_type_ensure (GX_TYPE_CUSTOMERS_VIEW);
  g_type_ensure (GX_TYPE_OVERVIEW_VIEW);
  g_type_ensure (GX_TYPE_SYNC_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GxWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, sync_indicator);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, new_button);
  gtk_widget_class_bind_template_callback (widget_class, on_visible_child_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, customers_view);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, cases_view);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, club_view);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, activities_view);
  gtk_widget_class_bind_template_child (widget_class, GxWindow, overview_view);

  gtk_widget_class_install_action (widget_class, "win.show-place", "s", gx_window_show_place_action);
  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, gx_window_focus_search_action);
  gtk_widget_class_install_action (widget_class, "win.show-case", "s", gx_window_show_case_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, gx_window_new_action);
  gtk_widget_class_install_action (widget_class, "win.show-list", "(ss)", gx_window_show_list_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, gx_window_print_action);

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-place", "s", places[i]);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print", NULL);
}

static void
gx_window_init (GxWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  on_visible_child_changed_cb (self);
}

/* Public API */

GxWindow *
gx_window_new (GxApplication *application,
               GxContext     *context)
{
  g_return_val_if_fail (GX_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (GX_IS_CONTEXT (context), NULL);

  return g_object_new (GX_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

/**
 * gx_window_show_place:
 * @self: a #GxWindow
 * @place: "customers", "complaints", "club", "activities" or "overview"
 *
 * Switches to @place; an unknown name shows the customers.
 */
void
gx_window_show_place (GxWindow   *self,
                      const char *place)
{
  g_return_if_fail (GX_IS_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    if (g_strcmp0 (place, places[i]) == 0)
      {
        adw_view_stack_set_visible_child_name (self->stack, place);
        return;
      }

  adw_view_stack_set_visible_child_name (self->stack, places[0]);
}

const char *
gx_window_get_place (GxWindow *self)
{
  g_return_val_if_fail (GX_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

/**
 * gx_window_add_toast:
 * @self: a #GxWindow
 * @toast: (transfer full): a toast
 */
void
gx_window_add_toast (GxWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (GX_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
