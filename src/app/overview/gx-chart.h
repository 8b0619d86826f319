/* gx-chart.h: a bar chart drawn with GtkSnapshot, with its figures as text for assistive tech
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * GxChartKind:
 * @GX_CHART_BARS: horizontal bars, one per labelled item (breakdowns: by cause, by status)
 * @GX_CHART_COLUMNS: vertical columns over a short axis (months)
 */
typedef enum
{
  GX_CHART_BARS,
  GX_CHART_COLUMNS,
} GxChartKind;

#define GX_TYPE_CHART (gx_chart_get_type ())

G_DECLARE_FINAL_TYPE (GxChart, gx_chart, GX, CHART, GtkWidget)

GtkWidget   *gx_chart_new           (GxChartKind  kind);
void         gx_chart_set_kind      (GxChart     *self,
                                     GxChartKind  kind);
void         gx_chart_set_maximum   (GxChart     *self,
                                     double       maximum);
void         gx_chart_clear         (GxChart     *self);
void         gx_chart_add           (GxChart     *self,
                                     const char  *label,
                                     double       value,
                                     const char  *value_text,
                                     gboolean     activatable);
guint        gx_chart_get_n_items   (GxChart     *self);
const char  *gx_chart_get_label     (GxChart     *self,
                                     guint        index);
const char  *gx_chart_get_value_text (GxChart    *self,
                                     guint        index);
char        *gx_chart_dup_summary   (GxChart     *self);

G_END_DECLS
