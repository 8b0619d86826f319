/* gx-joins-chart.c: new members per month as a small bar chart, with a text alternative
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-joins-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gx-joins-chart.h"

/* Twelve bars, each with its count above it and its month below, drawn with the widget's own
 * colour so the chart reads in the light and the dark style. The same figures are the
 * widget's accessible description, so a screen reader hears "January 3, February 0, …". */

struct _GxJoinsChart
{
  GtkWidget parent_instance;

  int       year;
  int       counts[12];
};

G_DEFINE_FINAL_TYPE (GxJoinsChart, gx_joins_chart, GTK_TYPE_WIDGET)

#define LABEL_HEIGHT 18.0

static char *
month_name (int year,
            int month,
            gboolean abbreviated)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year > 0 ? year : 2000, month + 1, 1, 0, 0, 0);

  /* Translators: a month in a chart: "%b" is "Jan", "%B" is "January" (strftime) */
  return g_date_time_format (dt, abbreviated ? _("%b") : _("%B"));
}

static PangoLayout *
layout_for (GtkWidget  *widget,
            const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  return layout;
}

static void
gx_joins_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  GxJoinsChart *self = GX_JOINS_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double slot = width / 12.0;
  double bar_width = slot * 0.6;
  double plot = MAX (height - 2 * LABEL_HEIGHT - 4, 1);
  GdkRGBA color, faint;
  int highest = 1;

  /* gtk_widget_get_color() is GTK 4.10. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  faint = color;
  faint.alpha = 0.15;

  for (int m = 0; m < 12; m++)
    highest = MAX (highest, self->counts[m]);

  /* The base line. */
  gtk_snapshot_append_color (snapshot, &faint,
                             &GRAPHENE_RECT_INIT (0, (float) (LABEL_HEIGHT + plot), (float) width, 1));

  for (int m = 0; m < 12; m++)
    {
      double bar = plot * self->counts[m] / highest;
      double x = slot * m + (slot - bar_width) / 2;
      double top = LABEL_HEIGHT + plot - bar;
      g_autofree char *count = g_strdup_printf ("%d", self->counts[m]);
      g_autofree char *month = month_name (self->year, m, TRUE);
      g_autoptr(PangoLayout) count_layout = layout_for (widget, count);
      g_autoptr(PangoLayout) month_layout = layout_for (widget, month);
      GdkRGBA bar_color = color;
      int text_width, text_height;

      bar_color.alpha = 0.55;
      if (bar > 0)
        gtk_snapshot_append_color (snapshot, &bar_color,
                                   &GRAPHENE_RECT_INIT ((float) x, (float) top, (float) bar_width, (float) bar));

      pango_layout_get_pixel_size (count_layout, &text_width, &text_height);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) (slot * m + (slot - text_width) / 2),
                                                              (float) (top - text_height - 1)));
      gtk_snapshot_append_layout (snapshot, count_layout, &color);
      gtk_snapshot_restore (snapshot);

      pango_layout_get_pixel_size (month_layout, &text_width, &text_height);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) (slot * m + (slot - text_width) / 2),
                                                              (float) (LABEL_HEIGHT + plot + 3)));
      gtk_snapshot_append_layout (snapshot, month_layout, &color);
      gtk_snapshot_restore (snapshot);
    }
}

static void
gx_joins_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 12 * 28;
      *natural = 12 * 44;
    }
  else
    {
      *minimum = 140;
      *natural = 200;
    }
}

static void
gx_joins_chart_class_init (GxJoinsChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = gx_joins_chart_snapshot;
  widget_class->measure = gx_joins_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "gx-joins-chart");
}

static void
gx_joins_chart_init (GxJoinsChart *self)
{
}

GtkWidget *
gx_joins_chart_new (void)
{
  return g_object_new (GX_TYPE_JOINS_CHART, NULL);
}

/**
 * gx_joins_chart_dup_summary:
 * @self: a #GxJoinsChart
 *
 * Returns: (transfer full): the chart in words: "2026: January 3, February 0, …; 37 in all"
 */
char *
gx_joins_chart_dup_summary (GxJoinsChart *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  int total = 0;

  g_return_val_if_fail (GX_IS_JOINS_CHART (self), NULL);

  g_string_append_printf (text, "%d: ", self->year);
  for (int m = 0; m < 12; m++)
    {
      g_autofree char *month = month_name (self->year, m, FALSE);
      /* Translators: one month of the chart's text alternative: "January 3" */
      g_string_append_printf (text, _("%s %d"), month, self->counts[m]);
      g_string_append (text, m < 11 ? _(", ") : "; ");
      total += self->counts[m];
    }
  g_string_append_printf (text, ngettext ("%d new member in all", "%d new members in all", (gulong) total), total);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * gx_joins_chart_set_counts:
 * @self: a #GxJoinsChart
 * @year: the year shown
 * @counts: new members in each month, January first
 */
void
gx_joins_chart_set_counts (GxJoinsChart *self,
                           int           year,
                           const int     counts[12])
{
  g_autofree char *summary = NULL;

  g_return_if_fail (GX_IS_JOINS_CHART (self));

  self->year = year;
  memcpy (self->counts, counts, sizeof self->counts);
  summary = gx_joins_chart_dup_summary (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New members per month"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
