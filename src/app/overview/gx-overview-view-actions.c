/* gx-overview-view-actions.c: the overview's report, printed, as PDF or as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-overview-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-factors-dialog.h"
#include "gx-overview-view-private.h"
#include "gx-report-print.h"
#include "gx-window.h"

static void
toast (GxOverviewView *self,
       const char     *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GX_IS_WINDOW (root))
    gx_window_add_toast (GX_WINDOW (root), adw_toast_new (message));
}

static char *
owner_name (GxOverviewView *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  const GxOverview *o = self->overview;

  if (o == NULL || o->owner_id == NULL)
    return NULL;
  return gx_db_query_string (db, "SELECT display_name FROM users WHERE id = ?",
                             g_variant_new ("(s)", o->owner_id), NULL);
}

static GxReport *
build_report (GxOverviewView *self)
{
  GxClock *clock = gx_context_get_clock (self->context);
  g_autofree char *owner = owner_name (self);

  return gx_report_new_from_overview (self->overview, self->period, owner,
                                      gx_context_get_user_name (self->context),
                                      gx_clock_now (clock), gx_clock_get_timezone (clock));
}

static char *
suggested_name (GxOverviewView *self,
                const char     *extension)
{
  /* Translators: the file name a saved report is offered under, before the month and extension */
  return g_strdup_printf ("%s-%.7s.%s", _("service-report"), self->overview->range.from_date, extension);
}

/* Print */

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  GxOverviewView          *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      toast (self, error ? error->message : _("The report could not be printed"));
    }
}

static void
gx_overview_view_print_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  GxOverviewView *self = GX_OVERVIEW_VIEW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GxReport *report;
  GtkRoot *root;

  if (self->overview == NULL)
    return;

  report = build_report (self);
  operation = gx_report_print_operation_new (report);
  g_object_set_data_full (G_OBJECT (operation), "gx-report", report, (GDestroyNotify) gx_report_free);
  name = suggested_name (self, "pdf");
  gtk_print_operation_set_export_filename (operation, NULL);
  {
    g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();

    /* "Print to File" in the dialog saves a PDF under this name. */
    gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, name);
    gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
    gtk_print_operation_set_print_settings (operation, settings);
  }
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done_cb), self, 0);

  root = gtk_widget_get_root (widget);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    toast (self, error->message);
}

/* CSV */

static void
on_csv_saved_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GxOverviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      /* Translators: a toast when saving a file failed; the system's reason follows */
      message = g_strdup_printf (_("Could not save the figures: %s"), error->message);
      toast (self, message);
      return;
    }

  name = g_file_get_basename (G_FILE (object));
  /* Translators: a toast after the figures were saved: "Saved service-report-2026-11.csv" */
  message = g_strdup_printf (_("Saved %s"), name);
  toast (self, message);
}

static void
on_csv_chosen_cb (GtkNativeDialog *dialog,
                  int              response,
                  GxOverviewView  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GxReport) report = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *csv;
  gsize length;

  if (response == GTK_RESPONSE_ACCEPT && self->overview != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      report = build_report (self);
      csv = gx_report_to_csv (report, &length);
      bytes = g_bytes_new_take (csv, length);
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                           NULL, on_csv_saved_cb, g_object_ref (self));
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
gx_overview_view_export_csv_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  GxOverviewView *self = GX_OVERVIEW_VIEW (widget);
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;
  GtkRoot *root;

  if (self->overview == NULL)
    return;

  root = gtk_widget_get_root (widget);
  dialog = gtk_file_chooser_native_new (_("Save the Figures as CSV"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  name = suggested_name (self, "csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_csv_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The service-factor tree */

static void
gx_overview_view_edit_factors_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  GxOverviewView *self = GX_OVERVIEW_VIEW (widget);
  GtkWidget *dialog = gx_factors_dialog_new (self->context);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_gx_overview_view_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "view.edit-factors", NULL, gx_overview_view_edit_factors_action);
  gtk_widget_class_install_action (widget_class, "view.print", NULL, gx_overview_view_print_action);
  gtk_widget_class_install_action (widget_class, "view.export-csv", NULL, gx_overview_view_export_csv_action);
}
