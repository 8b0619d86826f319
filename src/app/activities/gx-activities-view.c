/* gx-activities-view.c: the Activities place — the list, the year plan, one activity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-activities-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "gx-activities-view.h"
#include "gx-activity-editor.h"
#include "gx-activity-page.h"
#include "gx-activity-plan-view.h"
#include "gx-activity-row.h"
#include "gx-activity-ui.h"
#include "gx-activity.h"
#include "gx-context.h"
#include "gx-format.h"
#include "gx-list-export.h"
#include "gx-list-filter.h"
#include "gx-query-model.h"
#include "gx-search.h"
#include "gx-visibility.h"

struct _GxActivitiesView
{
  GtkWidget           parent_instance;

  /* Template widgets */
  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *all_toggle;
  GtkToggleButton    *upcoming_toggle;
  GtkToggleButton    *points_toggle;
  GtkWidget          *scope_bar;
  GtkLabel           *scope_label;
  GtkColumnView      *column_view;
  GtkSingleSelection *selection;
  GtkLabel           *count_label;
  GtkStack           *detail_stack;
  GxActivityPlanView *plan_view;
  GxActivityPage     *activity_page;

  /* Owned */
  GxContext          *context;
  GxQueryModel       *model;

  /* A scope handed over by the overview's click-through; cleared by "Show All". */
  GHashTable         *points_cells;   /* the bound list items of the points column */
  guint               tick_source;

  gint64              scope_from;
  gint64              scope_until;
  char               *scope_owner;
  char               *scope_team;
  char               *scope_club;
  int                 scope_plan_year;
  int                 scope_plan_month;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GxActivitiesView, gx_activities_view, GTK_TYPE_WIDGET)

static void refresh_points_cells (GxActivitiesView *self);

static GxActivityFilter
current_filter (GxActivitiesView *self)
{
  if (gtk_toggle_button_get_active (self->upcoming_toggle))
    return GX_ACTIVITY_FILTER_UPCOMING;
  if (gtk_toggle_button_get_active (self->points_toggle))
    return GX_ACTIVITY_FILTER_POINTS_DUE;
  return GX_ACTIVITY_FILTER_ALL;
}

static void
update_count (GxActivitiesView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *count = gx_format_count (n);
  g_autofree char *text = NULL;

  if (current_filter (self) == GX_ACTIVITY_FILTER_POINTS_DUE)
    /* Translators: %s is a number with digit grouping */
    text = g_strdup_printf (ngettext ("%s activity with points to award", "%s activities with points to award", n), count);
  else
    /* Translators: %s is a number with digit grouping, e.g. "12,408" */
    text = g_strdup_printf (ngettext ("%s activity", "%s activities", n), count);
  gtk_label_set_label (self->count_label, text);
}

static void
run_search (GxActivitiesView *self)
{
  g_autoptr(GVariant) params = NULL;
  g_autofree char *sql = NULL;
  GxActivitySearch search = {
    .text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
    .filter = current_filter (self),
    .now = gx_clock_now (gx_context_get_clock (self->context)),
    .from = self->scope_from,
    .until = self->scope_until,
    .owner_id = self->scope_owner,
    .team = self->scope_team,
    .club_id = self->scope_club,
    .plan_year = self->scope_plan_year,
    .plan_month = self->scope_plan_month,
  };

  sql = gx_search_activities_query (&search, &params);
  gx_query_model_set_query (self->model, sql, params);
  refresh_points_cells (self);
}

static void
show_activity (GxActivitiesView *self,
               const char       *activity_id)
{
  gx_activity_page_set_activity_id (self->activity_page, activity_id);
  gtk_stack_set_visible_child_name (self->detail_stack, "activity");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_selection_changed_cb (GxActivitiesView *self)
{
  GxRow *row = gtk_single_selection_get_selected_item (self->selection);

  if (row != NULL)
    {
      gx_activity_page_set_activity_id (self->activity_page, gx_row_get_id (row));
      gtk_stack_set_visible_child_name (self->detail_stack, "activity");
    }
}

static void
on_search_changed_cb (GxActivitiesView *self)
{
  run_search (self);
}

static void
on_search_stop_cb (GxActivitiesView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_filter_toggled_cb (GxActivitiesView *self,
                      GtkToggleButton  *button)
{
  if (gtk_toggle_button_get_active (button) && self->context != NULL)
    {
      run_search (self);
      update_count (self);
    }
}

static void
on_column_view_activate_cb (GxActivitiesView *self,
                            guint             position)
{
  GxRow *row;

  gtk_single_selection_set_selected (self->selection, position);
  row = gtk_single_selection_get_selected_item (self->selection);
  if (row != NULL)
    show_activity (self, gx_row_get_id (row));
}

static void
on_back_clicked_cb (GxActivitiesView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_plan_activity_activated_cb (GxActivitiesView *self,
                               const char       *activity_id)
{
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  show_activity (self, activity_id);
}

static void
on_editor_saved_cb (GxActivitiesView *self,
                    const char       *activity_id)
{
  show_activity (self, activity_id);
}

static void
open_editor (GxActivitiesView *self,
             const char       *club_id,
             int               year,
             int               month)
{
  GxActivityEditor *editor;

  if (!gx_visibility_may_write_kind (gx_context_get_role (self->context), "activity"))
    {
      gx_activity_ui_toast (GTK_WIDGET (self), _("Activities are planned by relationship managers and supervisors."));
      return;
    }
  editor = gx_activity_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   self->context, NULL, club_id, year, month);

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_plan_new_activity_cb (GxActivitiesView *self,
                         const char       *club_id,
                         int               year,
                         int               month)
{
  open_editor (self, club_id, year, month);
}

/* A planned activity may have only its month yet. */
static char *
format_when_cb (gpointer unused,
                gint64   starts_at,
                int      planned_month)
{
  g_autoptr(GDateTime) month = NULL;

  if (starts_at != 0)
    return gx_format_date (starts_at, NULL);
  if (planned_month < 1 || planned_month > 12)
    return g_strdup ("");

  month = g_date_time_new_utc (2000, planned_month, 1, 0, 0, 0);
  /* Translators: a planned month without a day, strftime format, e.g. "%B" or "%-m月" */
  return g_date_time_format (month, _("Planned for %B"));
}

static char *
format_places_cb (gpointer unused,
                  int      accepted,
                  int      capacity)
{
  if (capacity == 0)
    return g_strdup_printf ("%d", accepted);

  /* Translators: accepted places of the capacity, e.g. "12 / 40" */
  return g_strdup_printf (_("%d / %d"), accepted, capacity);
}

/* The points column: how many days are left to award them, in words and colour. */

static void
update_points_cell (GtkListItem *item)
{
  GxActivitiesView *self = g_object_get_data (G_OBJECT (item), "view");
  GtkWidget *label = gtk_list_item_get_child (item);
  GObject *row = gtk_list_item_get_item (item);
  g_autofree char *status = NULL;
  g_autofree char *text = NULL;
  gint64 ends_at, awarded_at, now;
  int points;
  GxPointsDue due;
  const char *style;

  if (row == NULL || self == NULL || self->context == NULL)
    return;

  g_object_get (row, "status-code", &status, "ends-at", &ends_at, "points-awarded-at", &awarded_at,
                "points", &points, NULL);
  now = gx_clock_now (gx_context_get_clock (self->context));
  due = gx_activity_points_due (points, status, ends_at, awarded_at, now);
  text = gx_activity_format_points_due (points, status, ends_at, awarded_at, now);
  style = gx_activity_points_due_style (due, gx_activity_points_days_left (ends_at, now));

  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, style ? style : "dim-label");
}

static void
on_points_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    GxActivitiesView         *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
  g_object_set_data (G_OBJECT (item), "view", self);
}

/* Rows are refilled in place after a commit, so the cell follows the row's notifications. */
static void
on_points_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   GxActivitiesView         *self)
{
  GObject *row = gtk_list_item_get_item (item);
  gulong handler = g_signal_connect_swapped (row, "notify", G_CALLBACK (update_points_cell), item);

  g_object_set_data (G_OBJECT (item), "notify-handler", GSIZE_TO_POINTER (handler));
  g_hash_table_add (self->points_cells, item);
  update_points_cell (item);
}

static void
on_points_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     GxActivitiesView         *self)
{
  GObject *row = gtk_list_item_get_item (item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "notify-handler"));

  if (row != NULL && handler != 0)
    g_signal_handler_disconnect (row, handler);
  g_object_set_data (G_OBJECT (item), "notify-handler", NULL);
  g_hash_table_remove (self->points_cells, item);
}

/* "3 days left" ages with the clock, not with the data: the cells are redrawn every minute
 * and whenever the list is asked again. */
static void
refresh_points_cells (GxActivitiesView *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->points_cells);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    update_points_cell (item);
}

static gboolean
tick_cb (gpointer data)
{
  refresh_points_cells (data);
  return G_SOURCE_CONTINUE;
}

/* Planning is the relationship managers' and supervisors' (the server refuses the rest). */
static void
update_role (GxActivitiesView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.new",
                                 gx_visibility_may_write_kind (gx_context_get_role (self->context), "activity"));
}

static void
set_context (GxActivitiesView *self,
             GxContext        *context)
{
  g_assert (self->context == NULL);

  self->context = g_object_ref (context);
  self->model = gx_query_model_new (gx_context_get_store (context), GX_TYPE_ACTIVITY_ROW);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));
  g_object_set (self->plan_view, "context", context, NULL);
  g_object_set (self->activity_page, "context", context, NULL);
  run_search (self);
  update_count (self);
  update_role (self);
  g_signal_connect_object (context, "notify::role", G_CALLBACK (update_role), self, G_CONNECT_SWAPPED);
}

/* Actions */

static void
gx_activities_view_focus_search_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  GxActivitiesView *self = GX_ACTIVITIES_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
gx_activities_view_new_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  GxActivitiesView *self = GX_ACTIVITIES_VIEW (widget);

  open_editor (self, gx_activity_plan_view_get_club_id (self->plan_view),
               gx_activity_plan_view_get_year (self->plan_view), 0);
}

static void
gx_activities_view_show_plan_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  GxActivitiesView *self = GX_ACTIVITIES_VIEW (widget);

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_stack_set_visible_child_name (self->detail_stack, "plan");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* The overview's click-through: "filter=points_due", a period ("from", "until" as
 * YYYY-MM-DD, local), an owner or a team; the year plan's "N more…": a month of the plan
 * ("plan_month" as YYYY-MM) and a club. */

static gint64
local_day_start (GxActivitiesView *self,
                 const char       *date)
{
  g_autoptr(GDateTime) day = NULL;
  int y, m, d;

  if (date == NULL || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return 0;
  day = g_date_time_new (gx_clock_get_timezone (gx_context_get_clock (self->context)), y, m, d, 0, 0, 0);
  return day ? g_date_time_to_unix (day) : 0;
}

static void
gx_activities_view_apply_filter_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  GxActivitiesView *self = GX_ACTIVITIES_VIEW (widget);
  g_autoptr(GHashTable) keys = gx_list_filter_parse (g_variant_get_string (parameter, NULL));
  const char *filter = g_hash_table_lookup (keys, "filter");
  g_autofree char *from_text = NULL;
  g_autofree char *until_text = NULL;
  GString *scope = g_string_new (NULL);

  self->scope_from = local_day_start (self, g_hash_table_lookup (keys, "from"));
  self->scope_until = local_day_start (self, g_hash_table_lookup (keys, "until"));
  g_free (self->scope_owner);
  self->scope_owner = g_strdup (g_hash_table_lookup (keys, "owner"));
  g_free (self->scope_team);
  self->scope_team = g_strdup (g_hash_table_lookup (keys, "team"));
  g_free (self->scope_club);
  self->scope_club = g_strdup (g_hash_table_lookup (keys, "club"));
  self->scope_plan_year = self->scope_plan_month = 0;
  if (g_hash_table_lookup (keys, "plan_month") != NULL &&
      (sscanf (g_hash_table_lookup (keys, "plan_month"), "%d-%d", &self->scope_plan_year, &self->scope_plan_month) != 2 ||
       self->scope_plan_year < 2000 || self->scope_plan_year > 2100 ||
       self->scope_plan_month < 1 || self->scope_plan_month > 12))
    self->scope_plan_year = self->scope_plan_month = 0;

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  if (g_strcmp0 (filter, "points_due") == 0)
    gtk_toggle_button_set_active (self->points_toggle, TRUE);
  else if (g_strcmp0 (filter, "upcoming") == 0)
    gtk_toggle_button_set_active (self->upcoming_toggle, TRUE);
  else
    gtk_toggle_button_set_active (self->all_toggle, TRUE);

  /* Say what narrows the list, so it is never mistaken for all of it. */
  if (self->scope_plan_year != 0)
    {
      g_autoptr(GDateTime) month = g_date_time_new_utc (self->scope_plan_year, self->scope_plan_month, 1, 0, 0, 0);
      /* Translators: a month of the year plan the activity list is narrowed to, strftime format */
      g_autofree char *period = g_date_time_format (month, _("%B %Y"));

      /* Translators: %s is a month and year, e.g. "March 2026" */
      g_string_append_printf (scope, _("In the plan for %s"), period);
    }
  if (self->scope_club != NULL)
    {
      g_autofree char *club = gx_db_query_string (gx_store_get_main_reader (gx_context_get_store (self->context)),
                                                  "SELECT name FROM clubs WHERE id = ?",
                                                  g_variant_new ("(s)", self->scope_club), NULL);

      if (scope->len > 0)
        g_string_append (scope, " · ");
      g_string_append (scope, club ? club : "");
    }
  if (self->scope_from != 0 || self->scope_until != 0)
    {
      from_text = self->scope_from ? gx_format_date (self->scope_from, NULL) : g_strdup ("…");
      until_text = self->scope_until ? gx_format_date (self->scope_until - 1, NULL) : g_strdup ("…");
      /* Translators: the period the overview narrowed the activity list to */
      if (scope->len > 0)
        g_string_append (scope, " · ");
      g_string_append_printf (scope, _("Starting %s – %s"), from_text, until_text);
    }
  if (self->scope_owner != NULL || self->scope_team != NULL)
    {
      g_autofree char *who = self->scope_owner
        ? gx_db_query_string (gx_store_get_main_reader (gx_context_get_store (self->context)),
                              "SELECT display_name FROM users WHERE id = ?", g_variant_new ("(s)", self->scope_owner), NULL)
        : g_strdup (self->scope_team);

      if (scope->len > 0)
        g_string_append (scope, " · ");
      /* Translators: the owner or team the overview narrowed the activity list to */
      g_string_append_printf (scope, _("Owned by %s"), who ? who : "");
    }
  gtk_label_set_label (self->scope_label, scope->str);
  gtk_widget_set_visible (self->scope_bar, scope->len > 0);
  g_string_free (scope, TRUE);

  run_search (self);
  update_count (self);
  /* The list is what was asked for: bring it forward when the place is folded, and put the
   * keyboard in it. */
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
gx_activities_view_clear_scope_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  GxActivitiesView *self = GX_ACTIVITIES_VIEW (widget);

  self->scope_from = self->scope_until = 0;
  g_clear_pointer (&self->scope_owner, g_free);
  g_clear_pointer (&self->scope_team, g_free);
  g_clear_pointer (&self->scope_club, g_free);
  self->scope_plan_year = self->scope_plan_month = 0;
  gtk_widget_set_visible (self->scope_bar, FALSE);
  run_search (self);
  update_count (self);
}

static void
gx_activities_view_export_csv_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  GxActivitiesView *self = GX_ACTIVITIES_VIEW (widget);
  const GxCsvColumn columns[] = {
    { "title", _("Title"), GX_CSV_TEXT },
    { "kind", _("Kind"), GX_CSV_TEXT },
    { "club", _("Club"), GX_CSV_TEXT },
    { "status", _("Status"), GX_CSV_TEXT },
    { "planned-month", _("Planned month"), GX_CSV_NUMBER },
    { "starts-at", _("Starts"), GX_CSV_DATE_TIME },
    { "ends-at", _("Ends"), GX_CSV_DATE_TIME },
    { "venue", _("Venue"), GX_CSV_TEXT },
    { "capacity", _("Capacity"), GX_CSV_NUMBER },
    { "accepted", _("Places taken"), GX_CSV_NUMBER },
    { "points", _("Points for attendance"), GX_CSV_NUMBER },
    { "points-awarded-at", _("Points awarded"), GX_CSV_DATE_TIME },
    { "owner", _("Owner"), GX_CSV_TEXT },
  };

  if (self->model == NULL)
    return;
  /* Translators: the file name an exported list of activities is offered under */
  gx_list_export_csv (widget, self->context, self->model, columns, G_N_ELEMENTS (columns),
                      _("Export the List as CSV"), _("activities.csv"));
}

/* GObject */

static void
gx_activities_view_dispose (GObject *object)
{
  GxActivitiesView *self = (GxActivitiesView *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_ACTIVITIES_VIEW);

  g_clear_object (&self->model);
  g_clear_object (&self->context);
  g_clear_pointer (&self->scope_owner, g_free);
  g_clear_pointer (&self->scope_team, g_free);
  g_clear_pointer (&self->scope_club, g_free);
  g_clear_handle_id (&self->tick_source, g_source_remove);
  g_clear_pointer (&self->points_cells, g_hash_table_unref);

  G_OBJECT_CLASS (gx_activities_view_parent_class)->dispose (object);
}

static void
gx_activities_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GxActivitiesView *self = GX_ACTIVITIES_VIEW (object);

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
gx_activities_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GxActivitiesView *self = GX_ACTIVITIES_VIEW (object);

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
gx_activities_view_class_init (GxActivitiesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_activities_view_dispose;
  object_class->get_property = gx_activities_view_get_property;
  object_class->set_property = gx_activities_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GX_TYPE_ACTIVITY_ROW);
  g_type_ensure (GX_TYPE_ACTIVITY_PAGE);
  g_type_ensure (GX_TYPE_ACTIVITY_PLAN_VIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-activities-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GxActivitiesView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GxActivitiesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GxActivitiesView, all_toggle);
  gtk_widget_class_bind_template_child (widget_class, GxActivitiesView, upcoming_toggle);
  gtk_widget_class_bind_template_child (widget_class, GxActivitiesView, points_toggle);
  gtk_widget_class_bind_template_child (widget_class, GxActivitiesView, scope_bar);
  gtk_widget_class_bind_template_child (widget_class, GxActivitiesView, scope_label);
  gtk_widget_class_bind_template_child (widget_class, GxActivitiesView, column_view);
  gtk_widget_class_bind_template_child (widget_class, GxActivitiesView, selection);
  gtk_widget_class_bind_template_child (widget_class, GxActivitiesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, GxActivitiesView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, GxActivitiesView, plan_view);
  gtk_widget_class_bind_template_child (widget_class, GxActivitiesView, activity_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_activity_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_new_activity_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_when_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_places_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_points_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_points_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_points_unbind_cb);

  gtk_widget_class_install_action (widget_class, "view.focus-search", NULL,
                                   gx_activities_view_focus_search_action);
  gtk_widget_class_install_action (widget_class, "view.new", NULL, gx_activities_view_new_action);
  gtk_widget_class_install_action (widget_class, "view.show-plan", NULL, gx_activities_view_show_plan_action);
  gtk_widget_class_install_action (widget_class, "view.apply-filter", "s", gx_activities_view_apply_filter_action);
  gtk_widget_class_install_action (widget_class, "view.clear-scope", NULL, gx_activities_view_clear_scope_action);
  gtk_widget_class_install_action (widget_class, "view.export-csv", NULL, gx_activities_view_export_csv_action);
}

static void
gx_activities_view_init (GxActivitiesView *self)
{
  self->points_cells = g_hash_table_new (NULL, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->tick_source = g_timeout_add_seconds (60, tick_cb, self);
}
