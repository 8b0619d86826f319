/* gx-figure-card.h: one figure of the overview — a number, what it counts, and the list
 * behind it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GX_TYPE_FIGURE_CARD (gx_figure_card_get_type ())

G_DECLARE_FINAL_TYPE (GxFigureCard, gx_figure_card, GX, FIGURE_CARD, GtkButton)

void        gx_figure_card_set_value   (GxFigureCard *self,
                                        const char   *value);
void        gx_figure_card_set_count   (GxFigureCard *self,
                                        gint64        count);
const char *gx_figure_card_get_value   (GxFigureCard *self);
void        gx_figure_card_set_detail  (GxFigureCard *self,
                                        const char   *detail);
const char *gx_figure_card_get_detail  (GxFigureCard *self);
void        gx_figure_card_set_state   (GxFigureCard *self,
                                        const char   *style_class);
void        gx_figure_card_set_target  (GxFigureCard *self,
                                        const char   *place,
                                        const char   *filter);

G_END_DECLS
