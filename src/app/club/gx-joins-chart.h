/* gx-joins-chart.h: new members per month as a small bar chart, with a text alternative
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GX_TYPE_JOINS_CHART (gx_joins_chart_get_type ())

G_DECLARE_FINAL_TYPE (GxJoinsChart, gx_joins_chart, GX, JOINS_CHART, GtkWidget)

GtkWidget *gx_joins_chart_new         (void);
void       gx_joins_chart_set_counts  (GxJoinsChart *self,
                                       int           year,
                                       const int     counts[12]);
char      *gx_joins_chart_dup_summary (GxJoinsChart *self);

G_END_DECLS
