/* gx-list-export.c: a place's list saved as a CSV file, every row of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The places call gx_list_export_csv() from their "view.export-csv" action: the user picks a
 * file, and every row the list holds — not only those on screen, in the list's order, with
 * its search and filters — is written by gx_csv_export_rows_async() on a worker thread, so
 * the window stays responsive at 200,000 cases. The file is replaced only when the whole
 * export succeeded. A toast says how many rows went where, or why nothing was written.
 */

#define G_LOG_DOMAIN "gx-list-export"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gx-format.h"
#include "gx-list-export.h"
#include "gx-window.h"

typedef struct
{
  GtkWidget   *view;
  GxContext   *context;
  GType        row_type;
  char        *keys_sql;
  GVariant    *params;
  GxCsvColumn *columns;
  GStrv        strings;      /* owns the columns' texts */
  guint        n_columns;
  GFile       *file;
} ListExport;

static void
list_export_free (ListExport *export)
{
  g_clear_object (&export->view);
  g_clear_object (&export->context);
  g_free (export->keys_sql);
  g_clear_pointer (&export->params, g_variant_unref);
  g_free (export->columns);
  g_strfreev (export->strings);
  g_clear_object (&export->file);
  g_free (export);
}

static void
toast (GtkWidget  *view,
       const char *message)
{
  GtkRoot *root = gtk_widget_get_root (view);

  if (GX_IS_WINDOW (root))
    gx_window_add_toast (GX_WINDOW (root), adw_toast_new (message));
}

static void
on_exported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ListExport *export = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (export->file);
  g_autofree char *message = NULL;
  guint n_rows = 0;

  if (!gx_csv_export_rows_finish (GX_STORE (object), result, &n_rows, &error))
    {
      /* Translators: a toast when a list could not be exported; the system's reason follows */
      message = g_strdup_printf (_("The list was not exported: %s"), error->message);
    }
  else
    {
      g_autofree char *count = gx_format_count (n_rows);

      /* Translators: a toast after a list was exported: "Exported 1,204 rows to cases.csv" */
      message = g_strdup_printf (ngettext ("Exported %s row to %s", "Exported %s rows to %s", n_rows),
                                 count, name);
    }
  toast (export->view, message);
  list_export_free (export);
}

static void
on_file_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   ListExport      *export)
{
  g_autoptr(GFile) file = NULL;
  GxClock *clock = gx_context_get_clock (export->context);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);

  if (file == NULL)
    {
      list_export_free (export);
      return;
    }

  export->file = g_steal_pointer (&file);
  gx_csv_export_rows_async (gx_context_get_store (export->context), export->row_type,
                            export->keys_sql, export->params, export->columns, export->n_columns,
                            gx_clock_get_timezone (clock), export->file, NULL, on_exported_cb, export);
}

/**
 * gx_list_export_csv:
 * @view: the place whose list it is; the toast goes to its window
 * @context: the place's #GxContext
 * @model: the list
 * @columns: (array length=n_columns): the columns to write, with translated headings
 * @n_columns: their number
 * @title: the file chooser's title
 * @file_name: the file name offered
 *
 * Asks where to save, then writes the list as it is now (its search and filters) to a CSV
 * file: RFC 4180, UTF-8 with a byte order mark, every row.
 */
void
gx_list_export_csv (GtkWidget         *view,
                    GxContext         *context,
                    GxQueryModel      *model,
                    const GxCsvColumn *columns,
                    guint              n_columns,
                    const char        *title,
                    const char        *file_name)
{
  GtkRoot *root = gtk_widget_get_root (view);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GVariant *params = NULL;
  const char *keys_sql;
  ListExport *export;

  g_return_if_fail (GTK_IS_WIDGET (view));
  g_return_if_fail (GX_IS_CONTEXT (context));
  g_return_if_fail (GX_IS_QUERY_MODEL (model));
  g_return_if_fail (columns != NULL && n_columns > 0);

  keys_sql = gx_query_model_get_query (model, &params);
  if (keys_sql == NULL)
    {
      toast (view, _("The list is still loading; export it in a moment"));
      return;
    }

  /* The list as it is when the user asks, even if they search on while the dialog is open. */
  export = g_new0 (ListExport, 1);
  export->view = g_object_ref (view);
  export->context = g_object_ref (context);
  export->row_type = gx_query_model_get_row_type (model);
  export->keys_sql = g_strdup (keys_sql);
  export->params = params ? g_variant_ref (params) : NULL;
  export->n_columns = n_columns;
  export->columns = g_new0 (GxCsvColumn, n_columns);
  export->strings = g_new0 (char *, 2 * n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    {
      export->strings[2 * i] = g_strdup (columns[i].property);
      export->strings[2 * i + 1] = g_strdup (columns[i].heading);
      export->columns[i].property = export->strings[2 * i];
      export->columns[i].heading = export->strings[2 * i + 1];
      export->columns[i].format = columns[i].format;
    }

  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), file_name);
  gtk_file_filter_set_name (filter, _("Spreadsheets (CSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_file_chosen_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
