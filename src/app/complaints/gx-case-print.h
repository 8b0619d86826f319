/* gx-case-print.h: a complaint case on paper or in a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gx-context.h"

G_BEGIN_DECLS

gboolean gx_case_print (GxContext   *context,
                        const char  *case_id,
                        GtkWindow   *parent,
                        GError     **error);

G_END_DECLS
