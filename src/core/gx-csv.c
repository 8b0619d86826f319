/* gx-csv.c: comma-separated values as spreadsheets read them (RFC 4180, UTF-8 with a BOM)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-csv.h"
#include "gx-partial-file.h"
#include "gx-row.h"

/* What a spreadsheet opening the file needs:
 *
 * - RFC 4180: fields separated by commas, records ended by CRLF, a field holding a comma,
 *   a double quote, CR or LF enclosed in double quotes with its quotes doubled.
 * - A UTF-8 byte order mark first: without it Excel on a Chinese Windows reads the file as
 *   GBK and every name turns to mojibake.
 * - No formula injection: a text field a spreadsheet would run as a formula (=, @, a tab
 *   or CR first, or + and - not followed by a plain number) gets a leading apostrophe, which
 *   spreadsheets show as text. Numbers written with gx_csv_writer_add_int() and phone
 *   numbers like "+86 138…" are left as they are. */

#define BOM "\xEF\xBB\xBF"

struct _GxCsvWriter
{
  GString *buffer;
  guint    n_rows;
  guint    n_fields;    /* in the current row */
  guint    bom_written : 1;
};

/**
 * gx_csv_writer_new:
 *
 * Returns: (transfer full): a writer whose output starts with the UTF-8 byte order mark
 */
GxCsvWriter *
gx_csv_writer_new (void)
{
  GxCsvWriter *self = g_new0 (GxCsvWriter, 1);

  self->buffer = g_string_new (BOM);
  return self;
}

void
gx_csv_writer_free (GxCsvWriter *self)
{
  if (self == NULL)
    return;

  g_string_free (self->buffer, TRUE);
  g_free (self);
}

static void
begin_field (GxCsvWriter *self)
{
  if (self->n_fields++ > 0)
    g_string_append_c (self->buffer, ',');
}

/* "+86 138 0013 8000", "-12", "+3.5": a sign followed by a plain number is data. */
static gboolean
is_signed_number (const char *text)
{
  gboolean digits = FALSE;

  for (const char *p = text + 1; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits = TRUE;
      else if (*p != ' ' && *p != '.' && *p != '-' && *p != '(' && *p != ')')
        return FALSE;
    }
  return digits;
}

static gboolean
looks_like_formula (const char *text)
{
  switch (text[0])
    {
    case '=':
    case '@':
    case '\t':
    case '\r':
      return TRUE;
    case '+':
    case '-':
      return !is_signed_number (text);
    default:
      return FALSE;
    }
}

/**
 * gx_csv_writer_add_text:
 * @self: a writer
 * @text: (nullable): the field's text, UTF-8; %NULL writes an empty field
 *
 * Adds a text field, quoted when it must be, kept as text when a spreadsheet would take it
 * for a formula.
 */
void
gx_csv_writer_add_text (GxCsvWriter *self,
                        const char  *text)
{
  gboolean formula;
  gboolean quote;

  g_return_if_fail (self != NULL);

  begin_field (self);
  if (text == NULL || *text == '\0')
    return;

  formula = looks_like_formula (text);
  quote = formula || strpbrk (text, ",\"\r\n") != NULL;

  if (quote)
    g_string_append_c (self->buffer, '"');
  if (formula)
    g_string_append_c (self->buffer, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (self->buffer, '"');
      g_string_append_c (self->buffer, *p);
    }
  if (quote)
    g_string_append_c (self->buffer, '"');
}

void
gx_csv_writer_add_int (GxCsvWriter *self,
                       gint64       value)
{
  g_return_if_fail (self != NULL);

  begin_field (self);
  g_string_append_printf (self->buffer, "%" G_GINT64_FORMAT, value);
}

/**
 * gx_csv_writer_add_double:
 * @self: a writer
 * @value: the number
 * @decimals: digits after the point, 0–6
 *
 * Adds a number with a point as the decimal separator, whatever the locale.
 */
void
gx_csv_writer_add_double (GxCsvWriter *self,
                          double       value,
                          int          decimals)
{
  char format[8];
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_if_fail (self != NULL);
  g_return_if_fail (decimals >= 0 && decimals <= 6);

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  begin_field (self);
  g_string_append (self->buffer, g_ascii_formatd (text, sizeof text, format, value));
}

void
gx_csv_writer_add_empty (GxCsvWriter *self)
{
  g_return_if_fail (self != NULL);

  begin_field (self);
}

/**
 * gx_csv_writer_end_row:
 * @self: a writer
 *
 * Ends the current record with CRLF.
 */
void
gx_csv_writer_end_row (GxCsvWriter *self)
{
  g_return_if_fail (self != NULL);

  g_string_append (self->buffer, "\r\n");
  self->n_rows++;
  self->n_fields = 0;
}

guint
gx_csv_writer_get_n_rows (GxCsvWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_rows;
}

/**
 * gx_csv_writer_get_buffered:
 * @self: a writer
 *
 * Returns: the bytes written since the last flush
 */
gsize
gx_csv_writer_get_buffered (GxCsvWriter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->buffer->len;
}

/**
 * gx_csv_writer_flush:
 * @self: a writer
 * @stream: where the bytes go
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes what is buffered to @stream and empties the buffer, so a long list is written in
 * pieces instead of held in memory.
 *
 * Returns: %TRUE when everything was written
 */
gboolean
gx_csv_writer_flush (GxCsvWriter    *self,
                     GOutputStream  *stream,
                     GCancellable   *cancellable,
                     GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if (self->buffer->len > 0 &&
      !g_output_stream_write_all (stream, self->buffer->str, self->buffer->len, NULL, cancellable, error))
    return FALSE;

  g_string_truncate (self->buffer, 0);
  return TRUE;
}

/**
 * gx_csv_writer_free_to_string:
 * @self: (transfer full): a writer
 * @length: (out) (optional): the length in bytes
 *
 * Returns: (transfer full): what was written since the last flush
 */
char *
gx_csv_writer_free_to_string (GxCsvWriter *self,
                              gsize       *length)
{
  char *text;

  g_return_val_if_fail (self != NULL, NULL);

  if (length != NULL)
    *length = self->buffer->len;
  text = g_string_free (self->buffer, FALSE);
  g_free (self);
  return text;
}

/* Lists ------------------------------------------------------------------------------------ */

#define EXPORT_PAGE 64
#define FLUSH_AT (64 * 1024)

static void
add_value (GxCsvWriter       *writer,
           const GValue      *value,
           const GxCsvColumn *column,
           GTimeZone         *tz)
{
  gint64 n = 0;

  if (G_VALUE_HOLDS_STRING (value))
    {
      gx_csv_writer_add_text (writer, g_value_get_string (value));
      return;
    }
  if (G_VALUE_HOLDS_DOUBLE (value))
    {
      gx_csv_writer_add_double (writer, g_value_get_double (value), 2);
      return;
    }

  if (G_VALUE_HOLDS_INT64 (value))
    n = g_value_get_int64 (value);
  else if (G_VALUE_HOLDS_INT (value))
    n = g_value_get_int (value);
  else if (G_VALUE_HOLDS_BOOLEAN (value))
    n = g_value_get_boolean (value);

  switch (column->format)
    {
    case GX_CSV_DATE_TIME:
    case GX_CSV_DATE:
      if (n == 0)
        gx_csv_writer_add_empty (writer);
      else
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (n);
          g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
          g_autofree char *text = g_date_time_format (local, column->format == GX_CSV_DATE
                                                             ? "%Y-%m-%d" : "%Y-%m-%d %H:%M");
          gx_csv_writer_add_text (writer, text);
        }
      break;
    case GX_CSV_YES_NO:
      gx_csv_writer_add_text (writer, n != 0 ? _("Yes") : _("No"));
      break;
    case GX_CSV_TEXT:
    case GX_CSV_NUMBER:
    default:
      gx_csv_writer_add_int (writer, n);
      break;
    }
}

static char *
page_sql_for (GType row_type)
{
  GxRowClass *klass = g_type_class_ref (row_type);
  g_auto(GStrv) parts = g_strsplit (klass->page_sql, "%s", 2);
  GString *sql = g_string_new (parts[0]);

  g_string_append_c (sql, '?');
  for (guint i = 1; i < EXPORT_PAGE; i++)
    g_string_append (sql, ",?");
  g_string_append (sql, parts[1]);
  g_type_class_unref (klass);
  return g_string_free (sql, FALSE);
}

static GArray *
read_keys (GxDb        *db,
           const char  *keys_sql,
           GVariant    *params,
           GError     **error)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = gx_db_prepare (db, keys_sql, error);
  if (stmt == NULL)
    return NULL;
  if (params != NULL && !gx_db_bind_variant (stmt, params, error))
    {
      sqlite3_reset (stmt);
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (keys, rowid);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "export keys");
      return NULL;
    }

  return g_steal_pointer (&keys);
}

/**
 * gx_csv_export_rows:
 * @db: a read connection
 * @row_type: the list's #GxRow type
 * @keys_sql: the list's keys query (rowids in list order), as its #GxQueryModel has it
 * @params: (nullable): the keys query's parameters
 * @columns: (array length=n_columns): the columns to write
 * @n_columns: their number
 * @tz: the time zone dates are written in
 * @stream: where the CSV goes
 * @progress: (nullable): how far it has got, updated page by page
 * @cancellable: (nullable): stops the export between pages
 * @n_rows: (out) (optional): the records written, not counting the headings
 * @error: return location for a #GError
 *
 * Writes every row of a list — all of them, not only those on screen — in list order, one
 * page of rows at a time, in one read transaction so the file is one consistent picture.
 *
 * Returns: %TRUE when the whole list was written
 */
gboolean
gx_csv_export_rows (GxDb               *db,
                    GType               row_type,
                    const char         *keys_sql,
                    GVariant           *params,
                    const GxCsvColumn  *columns,
                    guint               n_columns,
                    GTimeZone          *tz,
                    GOutputStream      *stream,
                    GxCsvProgress      *progress,
                    GCancellable       *cancellable,
                    guint              *n_rows,
                    GError            **error)
{
  g_autoptr(GxCsvWriter) writer = gx_csv_writer_new ();
  g_autoptr(GArray) keys = NULL;
  g_autofree char *page_sql = NULL;
  g_autofree GParamSpec **pspecs = NULL;
  GObjectClass *klass;
  gboolean ok = FALSE;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (g_type_is_a (row_type, GX_TYPE_ROW), FALSE);
  g_return_val_if_fail (keys_sql != NULL, FALSE);
  g_return_val_if_fail (columns != NULL && n_columns > 0, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  klass = g_type_class_ref (row_type);
  pspecs = g_new0 (GParamSpec *, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      pspecs[i] = g_object_class_find_property (klass, columns[i].property);
      if (pspecs[i] == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "%s has no column %s", g_type_name (row_type), columns[i].property);
          g_type_class_unref (klass);
          return FALSE;
        }
    }

  for (guint i = 0; i < n_columns; i++)
    gx_csv_writer_add_text (writer, columns[i].heading);
  gx_csv_writer_end_row (writer);

  if (!gx_db_exec (db, "BEGIN", error))
    goto out;

  gx_db_set_cancellable (db, cancellable);
  keys = read_keys (db, keys_sql, params, error);
  page_sql = page_sql_for (row_type);
  if (progress != NULL && keys != NULL)
    {
      g_atomic_int_set (&progress->done, 0);
      g_atomic_int_set (&progress->total, (int) MIN (keys->len, G_MAXINT));
    }

  for (guint start = 0; keys != NULL && start < keys->len; start += EXPORT_PAGE)
    {
      g_autoptr(GHashTable) rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
      guint end = MIN (keys->len, start + EXPORT_PAGE);
      sqlite3_stmt *stmt;
      int rc;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto rollback;

      stmt = gx_db_prepare (db, page_sql, error);
      if (stmt == NULL)
        goto rollback;
      for (guint i = start; i < end; i++)
        sqlite3_bind_int64 (stmt, (int) (i - start) + 1, g_array_index (keys, gint64, i));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          GxRow *row = g_object_new (row_type, NULL);
          gint64 rowid;

          gx_row_fill (row, stmt);
          rowid = gx_row_get_rowid (row);
          g_hash_table_insert (rows, g_memdup2 (&rowid, sizeof rowid), row);
        }
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      if (rc != SQLITE_DONE)
        {
          gx_db_set_error (db, error, "export page");
          goto rollback;
        }

      /* The page query returns rows in any order: write them in list order. */
      for (guint i = start; i < end; i++)
        {
          GxRow *row = g_hash_table_lookup (rows, &g_array_index (keys, gint64, i));

          if (row == NULL)
            continue;
          for (guint c = 0; c < n_columns; c++)
            {
              g_auto(GValue) value = G_VALUE_INIT;

              g_value_init (&value, pspecs[c]->value_type);
              g_object_get_property (G_OBJECT (row), pspecs[c]->name, &value);
              add_value (writer, &value, &columns[c], tz);
            }
          gx_csv_writer_end_row (writer);
        }

      if (gx_csv_writer_get_buffered (writer) >= FLUSH_AT &&
          !gx_csv_writer_flush (writer, stream, cancellable, error))
        goto rollback;
      if (progress != NULL)
        g_atomic_int_set (&progress->done, (int) MIN (end, G_MAXINT));
    }

  if (keys != NULL && gx_csv_writer_flush (writer, stream, cancellable, error))
    ok = TRUE;

rollback:
  gx_db_set_cancellable (db, NULL);
  gx_db_exec (db, "COMMIT", NULL);
out:
  g_type_class_unref (klass);
  if (ok && n_rows != NULL)
    *n_rows = gx_csv_writer_get_n_rows (writer) - 1;
  return ok;
}

typedef struct
{
  GType        row_type;
  char        *keys_sql;
  GVariant    *params;
  GxCsvColumn *columns;
  GStrv        strings;     /* owns the columns' texts */
  guint        n_columns;
  GTimeZone   *tz;
  GFile       *file;
  GxCsvProgress *progress;
  guint        n_rows;
} ExportRequest;

static void
export_request_free (gpointer data)
{
  ExportRequest *request = data;

  g_free (request->keys_sql);
  g_clear_pointer (&request->params, g_variant_unref);
  g_free (request->columns);
  g_strfreev (request->strings);
  g_clear_pointer (&request->tz, g_time_zone_unref);
  g_clear_object (&request->file);
  g_free (request);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GxStore *store = source_object;
  ExportRequest *request = task_data;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GFile) partial = NULL;
  GError *error = NULL;
  GxDb *db;
  gboolean ok;

  stream = gx_partial_file_create (request->file, &partial, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  db = gx_store_acquire_reader (store, &error);
  ok = db != NULL &&
       gx_csv_export_rows (db, request->row_type, request->keys_sql, request->params,
                           request->columns, request->n_columns, request->tz,
                           G_OUTPUT_STREAM (stream), request->progress, cancellable, &request->n_rows, &error);
  if (db != NULL)
    gx_store_release_reader (store, db);

  /* Once every row is written, the rename is not interrupted: the file is whole or absent. */
  ok = ok && gx_partial_file_commit (stream, partial, request->file, cancellable, &error);

  if (!ok)
    {
      gx_partial_file_abandon (stream, partial);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * gx_csv_export_rows_async:
 * @store: a #GxStore
 * @row_type: the list's #GxRow type
 * @keys_sql: the list's keys query
 * @params: (nullable): its parameters
 * @columns: (array length=n_columns): the columns to write; copied
 * @n_columns: their number
 * @tz: the time zone dates are written in
 * @file: the file to write; replaced only when the export succeeds, and never left
 *   half-written (a cancelled or failed export leaves what was there, or nothing)
 * @progress: (nullable): how far it has got; kept by the caller until @callback ran
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Runs gx_csv_export_rows() on a worker thread with its own read connection.
 */
void
gx_csv_export_rows_async (GxStore             *store,
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
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportRequest *request;

  g_return_if_fail (GX_IS_STORE (store));
  g_return_if_fail (g_type_is_a (row_type, GX_TYPE_ROW));
  g_return_if_fail (keys_sql != NULL);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (tz != NULL);

  request = g_new0 (ExportRequest, 1);
  request->row_type = row_type;
  request->keys_sql = g_strdup (keys_sql);
  request->params = params ? g_variant_ref_sink (params) : NULL;
  request->n_columns = n_columns;
  request->columns = g_new0 (GxCsvColumn, n_columns);
  request->strings = g_new0 (char *, 2 * n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    {
      request->strings[2 * i] = g_strdup (columns[i].property);
      request->strings[2 * i + 1] = g_strdup (columns[i].heading);
      request->columns[i].property = request->strings[2 * i];
      request->columns[i].heading = request->strings[2 * i + 1];
      request->columns[i].format = columns[i].format;
    }
  request->tz = g_time_zone_ref (tz);
  request->file = g_object_ref (file);
  request->progress = progress;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, gx_csv_export_rows_async);
  /* A cancel that comes after the file was renamed into place does not unsay it. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, request, export_request_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * gx_csv_export_rows_finish:
 * @store: a #GxStore
 * @result: the result
 * @n_rows: (out) (optional): the records written
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file was written
 */
gboolean
gx_csv_export_rows_finish (GxStore       *store,
                           GAsyncResult  *result,
                           guint         *n_rows,
                           GError       **error)
{
  ExportRequest *request;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  request = g_task_get_task_data (G_TASK (result));
  if (n_rows != NULL)
    *n_rows = request->n_rows;
  return TRUE;
}

/* Reading */

G_DEFINE_QUARK (gx-csv-error-quark, gx_csv_error)

/**
 * gx_csv_to_utf8:
 * @data: a file's bytes
 * @length: their length
 * @encoding: (out) (optional): the encoding found ("UTF-8", "UTF-16LE", "GB18030")
 * @error: return location for a #GError
 *
 * Reads a text file the way Chinese desks get them: UTF-8 with or without a byte-order mark,
 * UTF-16 with one (Excel's "Unicode text"), or GB18030 (Excel and WPS in a Chinese locale,
 * a superset of GBK and GB2312).
 *
 * Returns: (transfer full) (nullable): the text in UTF-8, without a byte-order mark
 */
char *
gx_csv_to_utf8 (const char  *data,
                gsize        length,
                const char **encoding,
                GError     **error)
{
  const char *found = "UTF-8";
  char *text = NULL;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  else if (length >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      found = data[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
      text = g_convert (data + 2, (gssize) length - 2, "UTF-8", found, NULL, NULL, NULL);
    }

  if (text == NULL && g_str_equal (found, "UTF-8"))
    {
      if (g_utf8_validate_len (data, length, NULL))
        text = g_strndup (data, length);
      else
        {
          found = "GB18030";
          text = g_convert (data, (gssize) length, "UTF-8", "GB18030", NULL, NULL, NULL);
        }
    }

  if (text == NULL)
    {
      g_set_error_literal (error, GX_CSV_ERROR, GX_CSV_ERROR_ENCODING,
                           _("The file is neither UTF-8 nor GB18030 text: save it from the spreadsheet as CSV."));
      return NULL;
    }

  if (encoding != NULL)
    *encoding = found;
  return text;
}

/**
 * gx_csv_parse:
 * @text: UTF-8 text
 * @error: return location for a #GError
 *
 * Splits RFC 4180 text into records: fields separated by commas, quoted fields may hold
 * commas, doubled quotes and line breaks; lines end with CRLF or LF. Empty lines are skipped.
 *
 * Returns: (transfer full) (element-type GStrv): the records
 */
GPtrArray *
gx_csv_parse (const char  *text,
              GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;
  gboolean quoted = FALSE;
  gboolean was_quoted = FALSE;
  guint line = 1;
  guint quote_line = 1;

  for (;; p++)
    {
      char c = *p;

      if (quoted)
        {
          if (c == '\0')
            {
              g_set_error (error, GX_CSV_ERROR, GX_CSV_ERROR_SYNTAX,
                           _("Line %u: a quoted field is not closed."), quote_line);
              return NULL;
            }
          if (c == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (c == '"')
            quoted = FALSE;
          else
            {
              if (c == '\n')
                line++;
              g_string_append_c (field, c);
            }
          continue;
        }

      if (c == '"' && field->len == 0 && !was_quoted)
        {
          quoted = was_quoted = TRUE;
          quote_line = line;
          continue;
        }

      if (c == ',' || c == '\n' || c == '\r' || c == '\0')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;

          if (c == ',')
            continue;

          /* End of a record: skip blank lines. */
          if (!(fields->len == 1 && *(char *) g_ptr_array_index (fields, 0) == '\0'))
            {
              g_ptr_array_add (fields, NULL);
              g_ptr_array_add (records, g_ptr_array_steal (fields, NULL));
            }
          else
            g_ptr_array_set_size (fields, 0);

          if (c == '\r' && p[1] == '\n')
            p++;
          if (c == '\0')
            break;
          line++;
          continue;
        }

      g_string_append_c (field, c);
    }

  return g_steal_pointer (&records);
}
