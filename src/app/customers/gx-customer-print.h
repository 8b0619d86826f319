/* gx-customer-print.h: a profile on paper or in a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gx-context.h"

G_BEGIN_DECLS

typedef void (*GxCustomerPrintDone) (gpointer    user_data,
                                     gboolean    printed,
                                     const char *saved_to);

void     gx_customer_print      (GxContext            *context,
                                 const char           *customer_id,
                                 GtkWindow            *parent,
                                 gboolean              pdf,
                                 GxCustomerPrintDone   done,
                                 gpointer              user_data);
gboolean gx_customer_print_pdf  (GxContext            *context,
                                 const char           *customer_id,
                                 gboolean              everything,
                                 const char           *path,
                                 GtkWindow            *parent,
                                 GError              **error);

G_END_DECLS
