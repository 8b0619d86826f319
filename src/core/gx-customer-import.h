/* gx-customer-import.h: customers in from a spreadsheet (CSV) or an address book (vCard)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gx-db.h"
#include "gx-record.h"

G_BEGIN_DECLS

typedef enum
{
  GX_IMPORT_SKIP,
  GX_IMPORT_NAME,
  GX_IMPORT_NUMBER,
  GX_IMPORT_KIND,
  GX_IMPORT_GENDER,
  GX_IMPORT_BIRTHDAY,
  GX_IMPORT_ID_NUMBER,
  GX_IMPORT_MOBILE,
  GX_IMPORT_LANDLINE,
  GX_IMPORT_EMAIL,
  GX_IMPORT_ADDRESS,
  GX_IMPORT_WECHAT,
  GX_IMPORT_COMPANY,
  GX_IMPORT_INDUSTRY,
  GX_IMPORT_JOB_TITLE,
  GX_IMPORT_NOTES,
  GX_IMPORT_TAGS,
  GX_IMPORT_INTERESTS,
  N_GX_IMPORT_TARGETS
} GxImportTarget;

typedef enum
{
  GX_IMPORT_PENDING,
  GX_IMPORT_READY,       /* a check found nothing wrong */
  GX_IMPORT_IMPORTED,
  GX_IMPORT_REFUSED,
  GX_IMPORT_DUPLICATE,
} GxImportStatus;

/**
 * GxImportRow:
 * @line: where it starts in the file (line of a CSV, line of a vCard's BEGIN)
 * @fields: the customer's fields
 * @contacts: (element-type GxContactEdit): the contacts
 * @interests: the interests
 * @status: what happened to it
 * @message: (nullable): why it was refused or skipped, translated
 * @customer_id: (nullable): the profile it became
 */
typedef struct
{
  guint           line;
  JsonObject     *fields;
  GPtrArray      *contacts;
  GStrv           interests;
  GxImportStatus  status;
  char           *message;
  char           *customer_id;
} GxImportRow;

typedef void (*GxImportProgress) (guint    done,
                                  guint    total,
                                  gpointer user_data);

void            gx_import_row_free        (GxImportRow        *row);
const char     *gx_import_target_label    (GxImportTarget      target);
GxImportTarget  gx_import_guess_target    (const char         *heading);
GPtrArray      *gx_import_rows_from_csv   (GPtrArray          *records,
                                           const GxImportTarget *mapping,
                                           guint               n_columns,
                                           gboolean            has_header);
GPtrArray      *gx_import_rows_from_vcards (JsonArray         *cards);
gboolean        gx_import_run             (GxDb               *db,
                                           GPtrArray          *rows,
                                           gboolean            check_only,
                                           const GxWriteMeta  *meta,
                                           GxImportProgress    progress,
                                           gpointer            progress_data,
                                           GCancellable       *cancellable,
                                           GError            **error);

G_END_DECLS
