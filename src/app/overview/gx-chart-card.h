/* gx-chart-card.h: a titled chart that can show its figures as a table and open the list
 * behind each of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gx-chart.h"

G_BEGIN_DECLS

#define GX_TYPE_CHART_CARD (gx_chart_card_get_type ())

G_DECLARE_FINAL_TYPE (GxChartCard, gx_chart_card, GX, CHART_CARD, GtkWidget)

GxChart    *gx_chart_card_get_chart   (GxChartCard *self);
void        gx_chart_card_clear       (GxChartCard *self);
void        gx_chart_card_add         (GxChartCard *self,
                                       const char  *label,
                                       double       value,
                                       const char  *value_text,
                                       const char  *place,
                                       const char  *filter);
void        gx_chart_card_set_note    (GxChartCard *self,
                                       const char  *note);
void        gx_chart_card_show_table  (GxChartCard *self,
                                       gboolean     table);
void        gx_chart_card_add_header_widget (GxChartCard *self,
                                             GtkWidget   *widget);

G_END_DECLS
