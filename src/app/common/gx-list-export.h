/* gx-list-export.h: a place's list saved as a CSV file, every row of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gx-context.h"
#include "gx-csv.h"
#include "gx-query-model.h"

G_BEGIN_DECLS

void gx_list_export_csv (GtkWidget         *view,
                         GxContext         *context,
                         GxQueryModel      *model,
                         const GxCsvColumn *columns,
                         guint              n_columns,
                         const char        *title,
                         const char        *file_name);

G_END_DECLS
