/* gx-csv.h: comma-separated values as spreadsheets read them (RFC 4180, UTF-8 with a BOM)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gx-store.h"

G_BEGIN_DECLS

typedef struct _GxCsvWriter GxCsvWriter;

GxCsvWriter *gx_csv_writer_new          (void);
void         gx_csv_writer_free         (GxCsvWriter    *self);
void         gx_csv_writer_add_text     (GxCsvWriter    *self,
                                         const char     *text);
void         gx_csv_writer_add_int      (GxCsvWriter    *self,
                                         gint64          value);
void         gx_csv_writer_add_double   (GxCsvWriter    *self,
                                         double          value,
                                         int             decimals);
void         gx_csv_writer_add_empty    (GxCsvWriter    *self);
void         gx_csv_writer_end_row      (GxCsvWriter    *self);
guint        gx_csv_writer_get_n_rows   (GxCsvWriter    *self);
gsize        gx_csv_writer_get_buffered (GxCsvWriter    *self);
gboolean     gx_csv_writer_flush        (GxCsvWriter    *self,
                                         GOutputStream  *stream,
                                         GCancellable   *cancellable,
                                         GError        **error);
char        *gx_csv_writer_free_to_string (GxCsvWriter  *self,
                                         gsize          *length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxCsvWriter, gx_csv_writer_free)

/**
 * GxCsvFormat:
 * @GX_CSV_TEXT: the text as it is (a string column; vocabulary codes already as labels)
 * @GX_CSV_NUMBER: an integer or a double column, unquoted
 * @GX_CSV_DATE_TIME: an instant (seconds since the epoch) as local `YYYY-MM-DD HH:MM`; empty
 *   when 0
 * @GX_CSV_DATE: an instant as the local `YYYY-MM-DD`; empty when 0
 * @GX_CSV_YES_NO: a boolean column as the translated "Yes" or "No"
 */
typedef enum
{
  GX_CSV_TEXT,
  GX_CSV_NUMBER,
  GX_CSV_DATE_TIME,
  GX_CSV_DATE,
  GX_CSV_YES_NO,
} GxCsvFormat;

/**
 * GxCsvColumn:
 * @property: the #GxRow property giving the value
 * @heading: the column's heading in the first line (already translated)
 * @format: how the value is written
 */
typedef struct
{
  const char  *property;
  const char  *heading;
  GxCsvFormat  format;
} GxCsvColumn;

/**
 * GxCsvProgress:
 * @done: the rows written so far
 * @total: the rows the list holds, once they are known (0 until then)
 *
 * How far an export has got: written by the worker thread with g_atomic_int_set(), read by
 * anyone with g_atomic_int_get() (a progress bar polling it). The caller owns it and keeps it
 * until the export has finished.
 */
typedef struct
{
  int done;
  int total;
} GxCsvProgress;

gboolean gx_csv_export_rows        (GxDb                *db,
                                    GType                row_type,
                                    const char          *keys_sql,
                                    GVariant            *params,
                                    const GxCsvColumn   *columns,
                                    guint                n_columns,
                                    GTimeZone           *tz,
                                    GOutputStream       *stream,
                                    GxCsvProgress       *progress,
                                    GCancellable        *cancellable,
                                    guint               *n_rows,
                                    GError             **error);
void     gx_csv_export_rows_async  (GxStore             *store,
                                    GType                row_type,
                                    const char          *keys_sql,
                                    GVariant            *params,
                                    const GxCsvColumn   *columns,
                                    guint                n_columns,
                                    GTimeZone           *tz,
                                    GFile               *file,
                                    GxCsvProgress       *progress,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean gx_csv_export_rows_finish (GxStore             *store,
                                    GAsyncResult        *result,
                                    guint               *n_rows,
                                    GError             **error);

/* Reading */

#define GX_CSV_ERROR (gx_csv_error_quark ())

typedef enum
{
  GX_CSV_ERROR_ENCODING,
  GX_CSV_ERROR_SYNTAX,
} GxCsvError;

GQuark     gx_csv_error_quark  (void);
char      *gx_csv_to_utf8      (const char  *data,
                                gsize        length,
                                const char **encoding,
                                GError     **error);
GPtrArray *gx_csv_parse        (const char  *text,
                                GError     **error);

G_END_DECLS
