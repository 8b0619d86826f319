/* gx-report-print.h: the service report laid out on pages, printed or saved as PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gx-report.h"

G_BEGIN_DECLS

GtkPrintOperation *gx_report_print_operation_new (const GxReport  *report);
gboolean           gx_report_export_pdf          (const GxReport  *report,
                                                  const char      *path,
                                                  GError         **error);

G_END_DECLS
