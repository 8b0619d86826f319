/* gx-chart.c: a bar chart drawn with GtkSnapshot, with its figures as text for assistive tech
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-chart.h"

/* The colours are libadwaita's named colours read from the style context when drawing, so a
 * chart follows the light and the dark style, and the high-contrast one. Every figure drawn
 * is also in the accessible description, and the card around the chart can show it as a
 * table: colour and length are never the only way to read a number. */

#define ROW_SPACING 6
#define BAR_HEIGHT 16
#define GAP 8
#define COLUMNS_HEIGHT 150

typedef struct
{
  char            *label;
  char            *text;
  double           value;
  gboolean         activatable;
  graphene_rect_t  hit;
} Item;

struct _GxChart
{
  GtkWidget    parent_instance;

  /* Owned */
  GArray      *items;
  double       maximum;
  GxChartKind  kind;
  int          hover;
};

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GxChart, gx_chart, GTK_TYPE_WIDGET)

static void
clear_item (gpointer data)
{
  Item *item = data;

  g_free (item->label);
  g_free (item->text);
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              const char *fallback,
              GdkRGBA    *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  if (!gtk_style_context_lookup_color (context, name, color) &&
      !gtk_style_context_lookup_color (context, fallback, color))
    gdk_rgba_parse (color, "#3584e4");
}

static PangoLayout *
layout_for (GtkWidget  *widget,
            const char *text,
            gboolean    small)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);

  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

static int
text_width (GtkWidget  *widget,
            const char *text,
            gboolean    small)
{
  g_autoptr(PangoLayout) layout = layout_for (widget, text, small);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static int
line_height (GtkWidget *widget)
{
  g_autoptr(PangoLayout) layout = layout_for (widget, "Ag国", FALSE);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           float          x,
           float          y,
           const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
value_range (GxChart *self,
             double  *low,
             double  *high)
{
  *low = 0;
  *high = self->maximum;

  for (guint i = 0; i < self->items->len; i++)
    {
      double v = g_array_index (self->items, Item, i).value;

      *low = MIN (*low, v);
      if (self->maximum <= 0)
        *high = MAX (*high, v);
    }
  if (*high - *low <= 0)
    *high = *low + 1;
}

static void
snapshot_bars (GxChart     *self,
               GtkSnapshot *snapshot,
               int          width,
               const GdkRGBA *fg,
               const GdkRGBA *dim,
               const GdkRGBA *accent,
               const GdkRGBA *negative)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int row = MAX (line_height (widget), BAR_HEIGHT) + ROW_SPACING;
  int label_w = 0, value_w = 0;
  double low, high;
  float bar_x, bar_w, zero_x;

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      label_w = MAX (label_w, text_width (widget, item->label, FALSE));
      value_w = MAX (value_w, text_width (widget, item->text, TRUE));
    }
  label_w = MIN (label_w, width * 2 / 5);
  value_range (self, &low, &high);

  bar_x = label_w + GAP;
  bar_w = MAX (width - bar_x - GAP - value_w, 10);
  zero_x = bar_x + (float) (-low / (high - low)) * bar_w;

  /* With negative values (the service index) the figures stand in a column of their own at
   * the right, so a long negative bar never hides its number. */

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      g_autoptr(PangoLayout) label = layout_for (widget, item->label, FALSE);
      g_autoptr(PangoLayout) text = layout_for (widget, item->text, TRUE);
      float y = i * row;
      float x0 = zero_x;
      float x1 = bar_x + (float) ((item->value - low) / (high - low)) * bar_w;
      float left = MIN (x0, x1), right = MAX (x0, x1);
      int lh, th, tw;
      GdkRGBA bar = item->value < 0 ? *negative : *accent;

      if ((int) i == self->hover && item->activatable)
        bar.alpha = 0.75f;

      pango_layout_set_width (label, label_w * PANGO_SCALE);
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (label, NULL, &lh);
      pango_layout_get_pixel_size (text, &tw, &th);

      draw_text (snapshot, label, 0, y + (row - ROW_SPACING - lh) / 2.0f, fg);
      /* A zero still shows a sliver, so the row does not read as missing. */
      if (right - left < 2)
        right = left + 2;
      gtk_snapshot_append_color (snapshot, &bar,
                                 &GRAPHENE_RECT_INIT (left, y + (row - ROW_SPACING - BAR_HEIGHT) / 2.0f,
                                                      right - left, BAR_HEIGHT));
      draw_text (snapshot, text, low < 0 ? width - tw : right + GAP / 2.0f,
                 y + (row - ROW_SPACING - th) / 2.0f, dim);

      item->hit = GRAPHENE_RECT_INIT (0, y, width, row);
    }

  if (low < 0)
    {
      GdkRGBA axis = *fg;

      axis.alpha = 0.3f;
      gtk_snapshot_append_color (snapshot, &axis,
                                 &GRAPHENE_RECT_INIT (zero_x, 0, 1, self->items->len * row - ROW_SPACING));
    }
}

static void
snapshot_columns (GxChart       *self,
                  GtkSnapshot   *snapshot,
                  int            width,
                  int            height,
                  const GdkRGBA *fg,
                  const GdkRGBA *dim,
                  const GdkRGBA *accent)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int lh = line_height (widget);
  float slot = (float) width / MAX (self->items->len, 1);
  float plot_top = lh + 2, plot_bottom = height - lh - 4;
  double low, high;
  GdkRGBA axis = *fg;

  value_range (self, &low, &high);
  axis.alpha = 0.2f;
  gtk_snapshot_append_color (snapshot, &axis, &GRAPHENE_RECT_INIT (0, plot_bottom, width, 1));

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      g_autoptr(PangoLayout) label = layout_for (widget, item->label, TRUE);
      g_autoptr(PangoLayout) text = layout_for (widget, item->text, TRUE);
      float column_w = MIN (slot * 0.6f, 40);
      float x = i * slot + (slot - column_w) / 2;
      float h = (float) ((MAX (item->value, 0) - low) / (high - low)) * (plot_bottom - plot_top);
      GdkRGBA bar = *accent;
      int tw, th, w;

      if ((int) i == self->hover && item->activatable)
        bar.alpha = 0.75f;

      if (item->value > 0)
        gtk_snapshot_append_color (snapshot, &bar, &GRAPHENE_RECT_INIT (x, plot_bottom - h, column_w, h));

      pango_layout_get_pixel_size (text, &tw, &th);
      if (tw <= slot)
        draw_text (snapshot, text, i * slot + (slot - tw) / 2, plot_bottom - h - th - 1, dim);

      pango_layout_get_pixel_size (label, &w, NULL);
      draw_text (snapshot, label, i * slot + (slot - w) / 2, plot_bottom + 3, fg);

      item->hit = GRAPHENE_RECT_INIT (i * slot, 0, slot, height);
    }
}

static void
gx_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  GxChart *self = GX_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg, dim, accent, negative;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  dim = fg;
  dim.alpha *= 0.7f;
  lookup_color (widget, "accent_bg_color", "accent_color", &accent);
  lookup_color (widget, "destructive_bg_color", "error_color", &negative);

  if (self->items->len == 0)
    {
      g_autoptr(PangoLayout) layout = layout_for (widget, _("Nothing in this period"), FALSE);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      draw_text (snapshot, layout, (width - w) / 2.0f, (height - h) / 2.0f, &dim);
      return;
    }

  if (self->kind == GX_CHART_BARS)
    snapshot_bars (self, snapshot, width, &fg, &dim, &accent, &negative);
  else
    snapshot_columns (self, snapshot, width, height, &fg, &dim, &accent);
}

static void
gx_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  GxChart *self = GX_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 320;
    }
  else if (self->kind == GX_CHART_COLUMNS || self->items->len == 0)
    *minimum = *natural = self->kind == GX_CHART_COLUMNS ? COLUMNS_HEIGHT : 48;
  else
    *minimum = *natural = self->items->len * (MAX (line_height (widget), BAR_HEIGHT) + ROW_SPACING);
}

static int
item_at (GxChart *self,
         double   x,
         double   y)
{
  for (guint i = 0; i < self->items->len; i++)
    if (graphene_rect_contains_point (&g_array_index (self->items, Item, i).hit,
                                      &GRAPHENE_POINT_INIT ((float) x, (float) y)))
      return (int) i;
  return -1;
}

static void
set_hover (GxChart *self,
           int      hover)
{
  gboolean activatable;

  if (hover == self->hover)
    return;

  self->hover = hover;
  activatable = hover >= 0 && g_array_index (self->items, Item, hover).activatable;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), activatable ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              GxChart                  *self)
{
  set_hover (self, item_at (self, x, y));
}

static void
on_leave_cb (GtkEventControllerMotion *motion,
             GxChart                  *self)
{
  set_hover (self, -1);
}

static void
on_released_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                GxChart         *self)
{
  int index = item_at (self, x, y);

  if (index >= 0 && g_array_index (self->items, Item, index).activatable)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, (guint) index);
}

static void
update_description (GxChart *self)
{
  g_autofree char *summary = gx_chart_dup_summary (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
}

/* GObject */

static void
gx_chart_finalize (GObject *object)
{
  GxChart *self = (GxChart *) object;

  g_clear_pointer (&self->items, g_array_unref);

  G_OBJECT_CLASS (gx_chart_parent_class)->finalize (object);
}

static void
gx_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  GxChart *self = GX_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  GxChart *self = GX_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      gx_chart_set_kind (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_chart_class_init (GxChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = gx_chart_finalize;
  object_class->get_property = gx_chart_get_property;
  object_class->set_property = gx_chart_set_property;

  widget_class->snapshot = gx_chart_snapshot;
  widget_class->measure = gx_chart_measure;

  /* 0: horizontal bars, 1: columns (GxChartKind). */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, GX_CHART_BARS, GX_CHART_COLUMNS, GX_CHART_BARS,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GxChart::item-activated:
   * @self: the chart
   * @index: the item clicked
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "gxchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
gx_chart_init (GxChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, clear_item);
  self->hover = -1;

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "released", G_CALLBACK (on_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  update_description (self);
}

/* Public API */

GtkWidget *
gx_chart_new (GxChartKind kind)
{
  return g_object_new (GX_TYPE_CHART, "kind", kind, NULL);
}

void
gx_chart_set_kind (GxChart     *self,
                   GxChartKind  kind)
{
  g_return_if_fail (GX_IS_CHART (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

/**
 * gx_chart_set_maximum:
 * @self: a #GxChart
 * @maximum: the value a full bar stands for (5 for a satisfaction score), or 0 for the
 *   largest value shown
 */
void
gx_chart_set_maximum (GxChart *self,
                      double   maximum)
{
  g_return_if_fail (GX_IS_CHART (self));

  self->maximum = maximum;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
gx_chart_clear (GxChart *self)
{
  g_return_if_fail (GX_IS_CHART (self));

  g_array_set_size (self->items, 0);
  self->hover = -1;
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * gx_chart_add:
 * @self: a #GxChart
 * @label: what the item is ("Billing", "Nov")
 * @value: its value
 * @value_text: the value as the desk reads it ("12", "4.3")
 * @activatable: clicking it emits #GxChart::item-activated
 */
void
gx_chart_add (GxChart    *self,
              const char *label,
              double      value,
              const char *value_text,
              gboolean    activatable)
{
  Item item = { 0 };

  g_return_if_fail (GX_IS_CHART (self));

  item.label = g_strdup (label ? label : "");
  item.text = g_strdup (value_text ? value_text : "");
  item.value = value;
  item.activatable = activatable;
  g_array_append_val (self->items, item);

  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
gx_chart_get_n_items (GxChart *self)
{
  g_return_val_if_fail (GX_IS_CHART (self), 0);

  return self->items->len;
}

const char *
gx_chart_get_label (GxChart *self,
                    guint    index)
{
  g_return_val_if_fail (GX_IS_CHART (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return g_array_index (self->items, Item, index).label;
}

const char *
gx_chart_get_value_text (GxChart *self,
                         guint    index)
{
  g_return_val_if_fail (GX_IS_CHART (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return g_array_index (self->items, Item, index).text;
}

/**
 * gx_chart_dup_summary:
 * @self: a #GxChart
 *
 * Returns: (transfer full): the chart in words, "Billing: 3; Staff attitude: 1", as its
 *   accessible description says it
 */
char *
gx_chart_dup_summary (GxChart *self)
{
  GString *summary = g_string_new (NULL);

  g_return_val_if_fail (GX_IS_CHART (self), NULL);

  if (self->items->len == 0)
    g_string_append (summary, _("Nothing in this period"));

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      if (i > 0)
        /* Translators: separates the items of a chart read out as text */
        g_string_append (summary, _("; "));
      /* Translators: one item of a chart read out as text: "Billing: 3" */
      g_string_append_printf (summary, _("%s: %s"), item->label, item->text);
    }

  return g_string_free (summary, FALSE);
}
