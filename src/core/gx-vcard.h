/* gx-vcard.h: customers as vCards (RFC 6350 4.0, and 3.0 on reading)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gx-customer-export.h"
#include "gx-db.h"

G_BEGIN_DECLS

#define GX_VCARD_ERROR (gx_vcard_error_quark ())

typedef enum
{
  GX_VCARD_ERROR_SYNTAX,
} GxVcardError;

GQuark     gx_vcard_error_quark  (void);
char      *gx_vcard_from_customer (GxDb              *db,
                                   const char        *customer_id,
                                   GError           **error);
gboolean   gx_vcard_export_list  (GxDb              *db,
                                  const char        *keys_sql,
                                  GVariant          *params,
                                  GOutputStream     *out,
                                  GxExportProgress   progress,
                                  gpointer           progress_data,
                                  GCancellable      *cancellable,
                                  guint64           *n_written,
                                  GError           **error);
JsonArray *gx_vcard_parse        (const char        *text,
                                  GError           **error);

G_END_DECLS
