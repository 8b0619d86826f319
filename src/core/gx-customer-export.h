/* gx-customer-export.h: everything held about one customer — as JSON for a personal
 * information request, as text sections for printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gx-db.h"

G_BEGIN_DECLS

/**
 * GxDossierSection:
 * @title: the section's heading, translated
 * @lines: (element-type utf8): "Label: value" lines, translated
 */
typedef struct
{
  char      *title;
  GPtrArray *lines;
} GxDossierSection;

void        gx_dossier_section_free      (GxDossierSection *section);

JsonObject *gx_customer_export_json      (GxDb        *db,
                                          const char  *customer_id,
                                          gint64       now,
                                          GError     **error);
GPtrArray  *gx_customer_dossier          (GxDb        *db,
                                          const char  *customer_id,
                                          gboolean     everything,
                                          GTimeZone   *tz,
                                          GError     **error);

typedef void (*GxExportProgress) (guint64  done,
                                  gpointer user_data);

gboolean    gx_customer_export_list_csv  (GxDb              *db,
                                          const char        *keys_sql,
                                          GVariant          *params,
                                          GOutputStream     *out,
                                          GxExportProgress   progress,
                                          gpointer           progress_data,
                                          GCancellable      *cancellable,
                                          guint64           *n_written,
                                          GError           **error);

G_END_DECLS
