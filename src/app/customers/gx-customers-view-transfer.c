/* gx-customers-view-transfer.c: the list out to a spreadsheet or address book, and
 * customers in from them — on a worker thread, with progress and a way to stop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customers-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-customer-export.h"
#include "gx-customer-import-dialog.h"
#include "gx-customers-view-private.h"
#include "gx-format.h"
#include "gx-partial-file.h"
#include "gx-vcard.h"
#include "gx-window.h"

/* Progress */

typedef struct
{
  GxCustomersView *self;
  GtkWidget       *dialog;
  GtkProgressBar  *bar;
  GCancellable    *cancellable;
  GFile           *file;
  char            *keys_sql;
  GVariant        *params;
  gboolean         vcard;
  guint64          total;
  gint             done;        /* written by the worker, read by the main thread */
  guint            pulse_source;
} Export;

static void
export_free (Export *export)
{
  g_clear_handle_id (&export->pulse_source, g_source_remove);
  if (export->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (export->dialog));
  g_clear_object (&export->self);
  g_clear_object (&export->cancellable);
  g_clear_object (&export->file);
  g_free (export->keys_sql);
  g_clear_pointer (&export->params, g_variant_unref);
  g_free (export);
}

static void
toast (GxCustomersView *self,
       const char      *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 6);
  if (GX_IS_WINDOW (root))
    gx_window_add_toast (GX_WINDOW (root), t);
  else
    g_object_unref (t);
}

static gboolean
update_progress_cb (gpointer data)
{
  Export *export = data;
  guint64 done = (guint64) g_atomic_int_get (&export->done);

  if (export->total > 0)
    gtk_progress_bar_set_fraction (export->bar, MIN (1.0, (double) done / (double) export->total));
  else
    gtk_progress_bar_pulse (export->bar);
  return G_SOURCE_CONTINUE;
}

static void
on_progress_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         Export           *export)
{
  g_cancellable_cancel (export->cancellable);
  export->dialog = NULL;
}

static void
show_progress (Export     *export,
               const char *heading)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (export->self));
  GtkWidget *bar = gtk_progress_bar_new ();

  export->dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, NULL);
  gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (export->dialog), bar);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (export->dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (export->dialog), "cancel");
  g_signal_connect (export->dialog, "response", G_CALLBACK (on_progress_response_cb), export);
  export->bar = GTK_PROGRESS_BAR (bar);
  export->pulse_source = g_timeout_add (100, update_progress_cb, export);
  gtk_window_present (GTK_WINDOW (export->dialog));
}

/* Exporting the list */

static void
count_progress (guint64  done,
                gpointer user_data)
{
  Export *export = user_data;

  g_atomic_int_set (&export->done, (gint) MIN (done, G_MAXINT));
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *export = task_data;
  GxStore *store = gx_context_get_store (export->self->context);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GFile) partial = NULL;
  g_autoptr(GError) error = NULL;
  guint64 written = 0;
  GxDb *db;
  gboolean ok;

  db = gx_store_acquire_reader (store, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Written beside the destination and moved over it only when whole: a cancelled or failed
   * export leaves the user's earlier file as it was (gx-partial-file.c). */
  stream = gx_partial_file_create (export->file, &partial, cancellable, &error);
  if (stream == NULL)
    ok = FALSE;
  else if (export->vcard)
    ok = gx_vcard_export_list (db, export->keys_sql, export->params, G_OUTPUT_STREAM (stream),
                               count_progress, export, cancellable, &written, &error);
  else
    ok = gx_customer_export_list_csv (db, export->keys_sql, export->params, G_OUTPUT_STREAM (stream),
                                      count_progress, export, cancellable, &written, &error);
  gx_store_release_reader (store, db);

  ok = ok && gx_partial_file_commit (stream, partial, export->file, cancellable, &error);
  if (!ok)
    gx_partial_file_abandon (stream, partial);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, (gssize) written);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gssize n = g_task_propagate_int (G_TASK (result), &error);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (export->self, error->message);
    }
  else
    {
      g_autofree char *count = gx_format_count ((guint) n);
      g_autofree char *name = g_file_get_basename (export->file);
      /* Translators: a number of customers, and a file name */
      g_autofree char *text = g_strdup_printf (ngettext ("Exported %s customer to %s", "Exported %s customers to %s", (gulong) n),
                                               count, name);
      toast (export->self, text);
    }
}

static void
on_export_file_cb (GtkNativeDialog *dialog,
                   int              response,
                   Export          *export)
{
  g_autoptr(GTask) task = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      export_free (export);
      g_object_unref (dialog);
      return;
    }

  export->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);

  show_progress (export, export->vcard ? _("Exporting vCards") : _("Exporting the List"));
  task = g_task_new (export->self, export->cancellable, exported_cb, NULL);
  /* A Cancel that comes after the file was moved into place does not unsay it. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  g_task_run_in_thread (task, export_thread);
}

static void
gx_customers_view_export_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  GxCustomersView *self = GX_CUSTOMERS_VIEW (widget);
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  GtkRoot *root = gtk_widget_get_root (widget);
  Export *export = g_new0 (Export, 1);
  GtkFileChooserNative *dialog;
  GxCustomerQuery query;
  gboolean vcard = g_str_equal (action_name, "view.export-vcard");

  _gx_customers_view_fill_query (self, &query);
  export->self = g_object_ref (self);
  export->vcard = vcard;
  export->cancellable = g_cancellable_new ();
  export->keys_sql = gx_customer_search_keys_sql (db, &query, &export->params);
  export->total = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  dialog = gtk_file_chooser_native_new (vcard ? _("Export the List as vCard") : _("Export the List as CSV"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* Translators: the default file name of an exported customer list */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), vcard ? _("customers.vcf") : _("customers.csv"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_file_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Importing */

static void
on_import_file_cb (GtkNativeDialog *dialog,
                   int              response,
                   GxCustomersView *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *import;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);

  if (file != NULL)
    {
      import = gx_customer_import_dialog_new (self->context, file, &error);
      if (import == NULL)
        toast (self, error->message);
      else
        {
          gtk_window_set_transient_for (import, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
          gtk_window_present (import);
        }
    }
  g_object_unref (self);
}

static void
gx_customers_view_import_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  GxCustomersView *self = GX_CUSTOMERS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) both = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) vcard = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Import Customers"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (both, _("Spreadsheets (CSV) and vCards"));
  gtk_file_filter_add_suffix (both, "csv");
  gtk_file_filter_add_suffix (both, "vcf");
  gtk_file_filter_add_suffix (both, "txt");
  gtk_file_filter_set_name (csv, _("Spreadsheets (CSV)"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_set_name (vcard, _("vCards"));
  gtk_file_filter_add_suffix (vcard, "vcf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), both);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), vcard);
  g_signal_connect (dialog, "response", G_CALLBACK (on_import_file_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
_gx_customers_view_install_transfer_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "view.import", NULL, gx_customers_view_import_action);
  gtk_widget_class_install_action (widget_class, "view.export-csv", NULL, gx_customers_view_export_action);
  gtk_widget_class_install_action (widget_class, "view.export-vcard", NULL, gx_customers_view_export_action);
}
