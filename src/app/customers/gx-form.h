/* gx-form.h: what the customer forms share — marking a refused field, vocabulary choices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-enums.h"

G_BEGIN_DECLS

GtkStringList *gx_form_vocab_model   (GxVocab      vocab,
                                      const char  *none_label);
guint          gx_form_vocab_position (GxVocab     vocab,
                                      const char  *code,
                                      gboolean     with_none);
const char    *gx_form_vocab_code    (GxVocab      vocab,
                                      guint        position,
                                      gboolean     with_none);
void           gx_form_mark_error    (GtkLabel    *error_label,
                                      GtkWidget   *row,
                                      const char  *message);
void           gx_form_clear_errors  (GtkLabel    *error_label,
                                      GtkWidget   *container);
gboolean       gx_form_is_blank      (const char  *text);

G_END_DECLS
