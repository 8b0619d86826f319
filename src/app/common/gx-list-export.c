/* gx-list-export.c: a place's list saved as a CSV file, every row of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The places call gx_list_export_csv() from their "view.export-csv" action: the user picks a
 * file, and every row the list holds — not only those on screen, in the list's order, with
 * its search and filters — is written by gx_csv_export_rows_async() on a worker thread.
 * Meanwhile a dialog shows how many rows are written, with Cancel: at 200,000 cases or a
 * million customers an export takes a while. The file is replaced only when the whole
 * export succeeded; a cancelled or failed one leaves what was there, or nothing. A toast
 * says how many rows went where, or why nothing was written.
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
  /* While it runs */
  GCancellable   *cancellable;
  GxCsvProgress   progress;    /* written by the worker */
  GtkWidget      *dialog;
  GtkProgressBar *bar;
  guint           poll_source;
} ListExport;

static void
list_export_free (ListExport *export)
{
  g_clear_handle_id (&export->poll_source, g_source_remove);
  if (export->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (export->dialog));
  g_clear_object (&export->cancellable);
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

/* Progress */

static gboolean
update_progress_cb (gpointer data)
{
  ListExport *export = data;
  int done = g_atomic_int_get (&export->progress.done);
  int total = g_atomic_int_get (&export->progress.total);

  if (total > 0)
    {
      g_autofree char *done_text = gx_format_count ((guint) done);
      g_autofree char *total_text = gx_format_count ((guint) total);
      /* Translators: the progress of a list export: "12,000 of 200,000 rows" */
      g_autofree char *text = g_strdup_printf (ngettext ("%s of %s row", "%s of %s rows", (gulong) total),
                                               done_text, total_text);

      gtk_progress_bar_set_fraction (export->bar, MIN (1.0, (double) done / total));
      gtk_progress_bar_set_text (export->bar, text);
    }
  else
    {
      /* Still reading which rows the list holds. */
      gtk_progress_bar_pulse (export->bar);
    }
  return G_SOURCE_CONTINUE;
}

static void
on_progress_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         ListExport       *export)
{
  /* The dialog closes itself; the export stops at its next page and removes its file. */
  g_cancellable_cancel (export->cancellable);
}

/* Closed by Cancel, or with the window it belongs to: the export stops showing progress. */
static void
on_progress_destroy_cb (GtkWidget  *dialog,
                        ListExport *export)
{
  g_clear_handle_id (&export->poll_source, g_source_remove);
  export->dialog = NULL;
  export->bar = NULL;
}

static void
show_progress (ListExport *export)
{
  GtkRoot *root = gtk_widget_get_root (export->view);
  g_autofree char *name = g_file_get_basename (export->file);
  GtkWidget *bar = gtk_progress_bar_new ();

  /* Translators: the heading of the dialog shown while a list is exported */
  export->dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                           _("Exporting the List"), NULL);
  /* Translators: under the heading while a list is exported; the file's name */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (export->dialog), _("Writing %s"), name);
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  gtk_progress_bar_set_pulse_step (GTK_PROGRESS_BAR (bar), 0.1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Export progress"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (export->dialog), bar);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (export->dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (export->dialog), "cancel");
  g_signal_connect (export->dialog, "response", G_CALLBACK (on_progress_response_cb), export);
  g_signal_connect (export->dialog, "destroy", G_CALLBACK (on_progress_destroy_cb), export);
  export->bar = GTK_PROGRESS_BAR (bar);
  update_progress_cb (export);
  export->poll_source = g_timeout_add (100, update_progress_cb, export);
  gtk_window_present (GTK_WINDOW (export->dialog));
}

/* Exporting */

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
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        /* Translators: a toast after the user stopped a list export; the file's name */
        message = g_strdup_printf (_("Export stopped; %s was not written"), name);
      else
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
  export->cancellable = g_cancellable_new ();
  show_progress (export);
  gx_csv_export_rows_async (gx_context_get_store (export->context), export->row_type,
                            export->keys_sql, export->params, export->columns, export->n_columns,
                            gx_clock_get_timezone (clock), export->file, &export->progress,
                            export->cancellable, on_exported_cb, export);
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
