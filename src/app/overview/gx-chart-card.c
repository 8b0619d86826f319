/* gx-chart-card.c: a titled chart that can show its figures as a table and open the list
 * behind each of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-chart-card"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-chart-card.h"

/* Each item may name the list behind it: the place and the filter that `win.show-list`
 * takes (docs/HACKING.md, "Click-through"). A click on its bar, or Enter on its row of the
 * table, opens that list. The table is the keyboard's and the screen reader's way in. */

typedef struct
{
  char *place;
  char *filter;
} Target;

struct _GxChartCard
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkBox          *header_box;
  GtkLabel        *title_label;
  GtkToggleButton *table_button;
  GtkStack        *stack;
  GxChart         *chart;
  GtkListBox      *table;
  GtkLabel        *note_label;

  /* Owned */
  GArray          *targets;
  char            *title;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_KIND,
  PROP_MAXIMUM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GxChartCard, gx_chart_card, GTK_TYPE_WIDGET)

static void
clear_target (gpointer data)
{
  Target *target = data;

  g_free (target->place);
  g_free (target->filter);
}

static void
open_target (GxChartCard *self,
             guint        index)
{
  Target *target;

  if (index >= self->targets->len)
    return;

  target = &g_array_index (self->targets, Target, index);
  if (target->place != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-list", "(ss)", target->place,
                                target->filter ? target->filter : "");
}

static void
on_chart_item_activated_cb (GxChartCard *self,
                            guint        index)
{
  open_target (self, index);
}

static void
on_table_row_activated_cb (GxChartCard   *self,
                           GtkListBoxRow *row)
{
  open_target (self, (guint) gtk_list_box_row_get_index (row));
}

static void
on_table_toggled_cb (GxChartCard *self)
{
  gboolean table = gtk_toggle_button_get_active (self->table_button);

  gtk_stack_set_visible_child_name (self->stack, table ? "table" : "chart");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->table_button), table ? _("Show as Chart") : _("Show as Table"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  table ? _("Show as Chart") : _("Show as Table"), -1);
}

/* GObject */

static void
gx_chart_card_dispose (GObject *object)
{
  GxChartCard *self = (GxChartCard *) object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_CHART_CARD);
  /* dispose_template unparents only the template children bound to fields. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (gx_chart_card_parent_class)->dispose (object);
}

static void
gx_chart_card_finalize (GObject *object)
{
  GxChartCard *self = (GxChartCard *) object;

  g_clear_pointer (&self->targets, g_array_unref);
  g_free (self->title);

  G_OBJECT_CLASS (gx_chart_card_parent_class)->finalize (object);
}

static void
gx_chart_card_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GxChartCard *self = GX_CHART_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_KIND:
      g_object_get_property (G_OBJECT (self->chart), "kind", value);
      break;
    case PROP_MAXIMUM:
      g_value_set_double (value, 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_chart_card_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GxChartCard *self = GX_CHART_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_free (self->title);
      self->title = g_value_dup_string (value);
      gtk_label_set_label (self->title_label, self->title);
      /* The chart is an image whose name is the card's title and whose description is its
       * figures in words. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart), GTK_ACCESSIBLE_PROPERTY_LABEL, self->title, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->table), GTK_ACCESSIBLE_PROPERTY_LABEL, self->title, -1);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_KIND:
      gx_chart_set_kind (self->chart, g_value_get_int (value));
      break;
    case PROP_MAXIMUM:
      gx_chart_set_maximum (self->chart, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_chart_card_class_init (GxChartCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_chart_card_dispose;
  object_class->finalize = gx_chart_card_finalize;
  object_class->get_property = gx_chart_card_get_property;
  object_class->set_property = gx_chart_card_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, GX_CHART_BARS, GX_CHART_COLUMNS, GX_CHART_BARS,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAXIMUM] =
    g_param_spec_double ("maximum", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GX_TYPE_CHART);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-chart-card.ui");
  gtk_widget_class_bind_template_child (widget_class, GxChartCard, header_box);
  gtk_widget_class_bind_template_child (widget_class, GxChartCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, GxChartCard, table_button);
  gtk_widget_class_bind_template_child (widget_class, GxChartCard, stack);
  gtk_widget_class_bind_template_child (widget_class, GxChartCard, chart);
  gtk_widget_class_bind_template_child (widget_class, GxChartCard, table);
  gtk_widget_class_bind_template_child (widget_class, GxChartCard, note_label);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_table_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_table_toggled_cb);
}

static void
gx_chart_card_init (GxChartCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->targets = g_array_new (FALSE, TRUE, sizeof (Target));
  g_array_set_clear_func (self->targets, clear_target);
}

/* Public API */

GxChart *
gx_chart_card_get_chart (GxChartCard *self)
{
  g_return_val_if_fail (GX_IS_CHART_CARD (self), NULL);

  return self->chart;
}

void
gx_chart_card_clear (GxChartCard *self)
{
  GtkWidget *row;

  g_return_if_fail (GX_IS_CHART_CARD (self));

  gx_chart_clear (self->chart);
  g_array_set_size (self->targets, 0);
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_list_box_remove (self->table, row);
}

/**
 * gx_chart_card_add:
 * @self: a #GxChartCard
 * @label: what the item is
 * @value: its value, for the chart
 * @value_text: its value as the desk reads it
 * @place: (nullable): the place whose list is behind the item
 * @filter: (nullable): that list's filter (see `win.show-list`)
 */
void
gx_chart_card_add (GxChartCard *self,
                   const char  *label,
                   double       value,
                   const char  *value_text,
                   const char  *place,
                   const char  *filter)
{
  Target target = { g_strdup (place), g_strdup (filter) };
  g_autofree char *accessible = NULL;
  GtkWidget *row, *box, *name, *figure;

  g_return_if_fail (GX_IS_CHART_CARD (self));

  gx_chart_add (self->chart, label, value, value_text, place != NULL);
  g_array_append_val (self->targets, target);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  name = gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_set_hexpand (name, TRUE);
  figure = gtk_label_new (value_text);
  gtk_widget_add_css_class (figure, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), figure);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), place != NULL);
  accessible = g_strdup_printf (_("%s: %s"), label, value_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_list_box_append (self->table, row);
}

/**
 * gx_chart_card_set_note:
 * @self: a #GxChartCard
 * @note: (nullable): a line under the chart (what it counts, a comparison)
 */
void
gx_chart_card_set_note (GxChartCard *self,
                        const char  *note)
{
  g_return_if_fail (GX_IS_CHART_CARD (self));

  gtk_label_set_label (self->note_label, note ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL && *note != '\0');
}

void
gx_chart_card_show_table (GxChartCard *self,
                          gboolean     table)
{
  g_return_if_fail (GX_IS_CHART_CARD (self));

  gtk_toggle_button_set_active (self->table_button, table);
}

/**
 * gx_chart_card_add_header_widget:
 * @self: a #GxChartCard
 * @widget: a control for what the chart shows (a choice of series), put before the table
 *   toggle
 */
void
gx_chart_card_add_header_widget (GxChartCard *self,
                                 GtkWidget   *widget)
{
  g_return_if_fail (GX_IS_CHART_CARD (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_insert_child_after (self->header_box, widget, GTK_WIDGET (self->title_label));
}
