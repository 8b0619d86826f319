/* gx-club-view.c: the club members, their tiers and points
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-club-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-context.h"
#include "gx-format.h"
#include "gx-query-model.h"
#include "gx-search.h"
#include "gx-member-row.h"
#include "gx-club-view.h"

struct _GxClubView
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
  AdwActionRow       *member_number_row;
  AdwActionRow       *club_row;
  AdwActionRow       *tier_row;
  AdwActionRow       *joined_on_row;
  AdwActionRow       *period_end_row;
  AdwActionRow       *points_row;

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

G_DEFINE_FINAL_TYPE (GxClubView, gx_club_view, GTK_TYPE_WIDGET)

static void
update_count (GxClubView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *count = gx_format_count (n);
  g_autofree char *text = NULL;

  /* Translators: %s is a number with digit grouping, e.g. "12,408" */
  text = g_strdup_printf (ngettext ("%s member", "%s members", n), count);
  gtk_label_set_label (self->count_label, text);
}

static void
run_search (GxClubView *self)
{
  g_autoptr(GVariant) params = NULL;
  g_autofree char *sql = NULL;

  sql = gx_search_members (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), &params);
  gx_query_model_set_query (self->model, sql, params);
}

static void
on_selection_changed_cb (GxClubView *self)
{
  GxRow *row = gtk_single_selection_get_selected_item (self->selection);

  g_binding_group_set_source (self->bindings, row);
  gtk_stack_set_visible_child_name (self->detail_stack, row ? "profile" : "empty");
}

static void
on_search_changed_cb (GxClubView *self)
{
  run_search (self);
}

static void
on_search_stop_cb (GxClubView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_column_view_activate_cb (GxClubView *self,
                            guint       position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_clicked_cb (GxClubView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static char *
format_int_cb (gpointer unused,
               gint64   n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

static char *
format_iso_date_cb (gpointer    unused,
                    const char *iso_date)
{
  return gx_format_iso_date (iso_date);
}

static void
set_context (GxClubView *self,
             GxContext *context)
{
  g_assert (self->context == NULL);

  self->context = g_object_ref (context);
  self->model = gx_query_model_new (gx_context_get_store (context), GX_TYPE_MEMBER_ROW);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  run_search (self);
  update_count (self);
}

static void
gx_club_view_focus_search_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  GxClubView *self = GX_CLUB_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
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
transform_int (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  gint64 n = G_VALUE_HOLDS_INT64 (from) ? g_value_get_int64 (from) : g_value_get_int (from);

  g_value_take_string (to, g_strdup_printf ("%'" G_GINT64_FORMAT, n));
  return TRUE;
}

/* GObject */

static void
gx_club_view_dispose (GObject *object)
{
  GxClubView *self = (GxClubView *) object;

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_CLUB_VIEW);

  g_clear_object (&self->bindings);
  g_clear_object (&self->model);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_club_view_parent_class)->dispose (object);
}

static void
gx_club_view_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GxClubView *self = GX_CLUB_VIEW (object);

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
gx_club_view_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  GxClubView *self = GX_CLUB_VIEW (object);

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
gx_club_view_class_init (GxClubViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_club_view_dispose;
  object_class->get_property = gx_club_view_get_property;
  object_class->set_property = gx_club_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GX_TYPE_MEMBER_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-club-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GxClubView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, column_view);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, selection);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, count_label);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, title_label);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, member_number_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, club_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, tier_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, joined_on_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, period_end_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, points_row);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_int_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_iso_date_cb);

  gtk_widget_class_install_action (widget_class, "view.focus-search", NULL,
                                   gx_club_view_focus_search_action);
}

static void
gx_club_view_init (GxClubView *self)
{
  GBindingGroup *group;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->bindings = group = g_binding_group_new ();
  g_binding_group_bind (group, "name", self->title_label, "label", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (group, "member-number", self->member_number_row, "subtitle", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (group, "club", self->club_row, "subtitle", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (group, "tier", self->tier_row, "subtitle", G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (group, "joined-on", self->joined_on_row, "subtitle", G_BINDING_SYNC_CREATE,
                             transform_iso_date, NULL, NULL, NULL);
  g_binding_group_bind_full (group, "period-end", self->period_end_row, "subtitle", G_BINDING_SYNC_CREATE,
                             transform_iso_date, NULL, NULL, NULL);
  g_binding_group_bind_full (group, "points", self->points_row, "subtitle", G_BINDING_SYNC_CREATE,
                             transform_int, NULL, NULL, NULL);
}
