/* gx-case-print.c: a complaint case on paper or in a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-case-print"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gx-case-print.h"
#include "gx-case-report.h"
#include "gx-report-print.h"

/* The case file is built in core (gx_case_report_new(): the complaint, its time limits,
 * resolution, return visits, review and timeline as tables) and laid out on pages by the
 * same code as the service report, so both read alike and the PDF holds real text. The
 * print dialog's "Print to File" saves it as a PDF named after the case. */

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  gpointer                 user_data)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = g_object_get_data (G_OBJECT (operation), "gx-parent");

  if (result != GTK_PRINT_OPERATION_RESULT_ERROR)
    return;

  gtk_print_operation_get_error (operation, &error);
  if (parent != NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (parent, _("The Case Could Not Be Printed"),
                                                  error ? error->message : NULL);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/**
 * gx_case_print:
 * @context: the desk's context
 * @case_id: the case
 * @parent: (nullable): the window the print dialog belongs to
 * @error: return location for a #GError
 *
 * Opens the print dialog for one case.
 *
 * Returns: %FALSE when the case cannot be read or printing cannot start
 */
gboolean
gx_case_print (GxContext   *context,
               const char  *case_id,
               GtkWindow   *parent,
               GError     **error)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (context));
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autofree char *number = NULL;
  g_autofree char *name = NULL;
  GxReport *report;

  g_return_val_if_fail (GX_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (case_id != NULL, FALSE);

  report = gx_case_report_new (db, case_id, gx_context_get_user_name (context),
                               gx_clock_now (gx_context_get_clock (context)), NULL, error);
  if (report == NULL)
    return FALSE;

  operation = gx_report_print_operation_new (report);
  g_object_set_data_full (G_OBJECT (operation), "gx-report", report, (GDestroyNotify) gx_report_free);
  if (parent != NULL)
    g_object_set_data_full (G_OBJECT (operation), "gx-parent", g_object_ref (parent), g_object_unref);

  number = gx_db_query_string (db, "SELECT number FROM cases WHERE id = ?", g_variant_new ("(s)", case_id), NULL);
  /* Translators: the file name a printed case is saved under as PDF; %s is the case number */
  name = g_strdup_printf (_("complaint-%s"), number ? number : case_id);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, name);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_operation_set_print_settings (operation, settings);
  gtk_print_operation_set_job_name (operation, name);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done_cb), NULL);

  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error)
         != GTK_PRINT_OPERATION_RESULT_ERROR;
}
