/* gx-customer-print.c: a profile on paper or in a PDF, its confidentiality on every page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customer-print"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-customer-export.h"
#include "gx-customer-print.h"
#include "gx-enums.h"
#include "gx-format.h"

typedef enum { ITEM_TITLE, ITEM_HEADING, ITEM_LINE } ItemKind;

typedef struct
{
  ItemKind  kind;
  char     *text;
  double    height;
  int       page;
} Item;

typedef struct
{
  GArray              *items;
  char                *header;
  char                *printed_on;
  int                  n_pages;
  GxCustomerPrintDone  done;
  gpointer             user_data;
  char                *saved_to;
} Job;

static void
item_clear (gpointer data)
{
  g_free (((Item *) data)->text);
}

static void
job_free (Job *job)
{
  g_clear_pointer (&job->items, g_array_unref);
  g_free (job->header);
  g_free (job->printed_on);
  g_free (job->saved_to);
  g_free (job);
}

static void
add_item (Job        *job,
          ItemKind    kind,
          const char *text)
{
  Item item = { kind, g_strdup (text), 0, 0 };

  g_array_append_val (job->items, item);
}

static Job *
job_new (GxContext   *context,
         const char  *customer_id,
         gboolean     everything,
         GError     **error)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (context));
  GxClock *clock = gx_context_get_clock (context);
  g_autoptr(GPtrArray) sections = NULL;
  g_autofree char *name = NULL;
  g_autofree char *level = NULL;
  Job *job;

  sections = gx_customer_dossier (db, customer_id, everything, gx_clock_get_timezone (clock), error);
  if (sections == NULL)
    return NULL;

  name = gx_db_query_string (db, "SELECT name FROM customers WHERE id = ?", g_variant_new ("(s)", customer_id), NULL);
  level = gx_db_query_string (db, "SELECT confidentiality FROM customers WHERE id = ?", g_variant_new ("(s)", customer_id), NULL);

  job = g_new0 (Job, 1);
  job->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (job->items, item_clear);

  /* Every page says how confidential it is. */
  if (g_strcmp0 (level, "ordinary") != 0)
    /* Translators: the header of a printed profile; %s is a confidentiality level, e.g. "Confidential" */
    job->header = g_strdup_printf (_("Customer Profile — %s"), gx_vocab_label (GX_VOCAB_CONFIDENTIALITY, level));
  else
    job->header = g_strdup (everything ? _("Personal Data Held") : _("Customer Profile"));
  job->printed_on = gx_format_date_time (gx_clock_now (clock), gx_clock_get_timezone (clock));

  add_item (job, ITEM_TITLE, name);
  for (guint i = 0; i < sections->len; i++)
    {
      GxDossierSection *section = g_ptr_array_index (sections, i);

      add_item (job, ITEM_HEADING, section->title);
      for (guint j = 0; j < section->lines->len; j++)
        add_item (job, ITEM_LINE, g_ptr_array_index (section->lines, j));
    }

  return job;
}

static PangoLayout *
item_layout (GtkPrintContext *context,
             const Item      *item,
             double           width)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 10");

  if (item->kind == ITEM_TITLE)
    pango_font_description_set_size (font, 18 * PANGO_SCALE);
  else if (item->kind == ITEM_HEADING)
    {
      pango_font_description_set_size (font, 12 * PANGO_SCALE);
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
    }

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, item->text, -1);
  return layout;
}

#define HEADER_HEIGHT 36.0

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   Job               *job)
{
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context) - HEADER_HEIGHT;
  double y = 0;
  int page = 0;

  for (guint i = 0; i < job->items->len; i++)
    {
      Item *item = &g_array_index (job->items, Item, i);
      g_autoptr(PangoLayout) layout = item_layout (context, item, width);
      int h;
      double gap = item->kind == ITEM_HEADING ? 12 : 3;

      pango_layout_get_pixel_size (layout, NULL, &h);
      item->height = h + gap;
      if (y + item->height > height && y > 0)
        {
          page++;
          y = 0;
        }
      item->page = page;
      y += item->height;
    }

  job->n_pages = page + 1;
  gtk_print_operation_set_n_pages (operation, job->n_pages);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 Job               *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  g_autoptr(PangoLayout) header = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold 9");
  g_autofree char *header_text = NULL;
  double y = HEADER_HEIGHT;

  /* Translators: the printed profile's page header: title, date printed, page n of m */
  header_text = g_strdup_printf (_("%s · printed %s · page %d of %d"), job->header, job->printed_on,
                                 page_nr + 1, job->n_pages);
  pango_layout_set_font_description (header, font);
  pango_layout_set_width (header, (int) (width * PANGO_SCALE));
  pango_layout_set_text (header, header_text, -1);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, header);
  cairo_move_to (cr, 0, HEADER_HEIGHT - 8);
  cairo_line_to (cr, width, HEADER_HEIGHT - 8);
  cairo_set_line_width (cr, 0.5);
  cairo_stroke (cr);

  for (guint i = 0; i < job->items->len; i++)
    {
      Item *item = &g_array_index (job->items, Item, i);
      g_autoptr(PangoLayout) layout = NULL;

      if (item->page != page_nr)
        continue;

      if (item->kind == ITEM_HEADING)
        y += 9;
      layout = item_layout (context, item, width);
      cairo_move_to (cr, 0, y);
      pango_cairo_show_layout (cr, layout);
      y += item->height - (item->kind == ITEM_HEADING ? 9 : 0);
    }
}

static GtkPrintOperation *
operation_new (Job *job)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();

  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), job);
  return operation;
}

/**
 * gx_customer_print_pdf:
 * @context: the context
 * @customer_id: the customer
 * @everything: the whole record (a personal-information request), not the desk's profile
 * @path: the PDF file to write
 * @parent: (nullable): the window
 * @error: return location for a #GError
 *
 * Writes the profile as a PDF without a dialog.
 */
gboolean
gx_customer_print_pdf (GxContext   *context,
                       const char  *customer_id,
                       gboolean     everything,
                       const char  *path,
                       GtkWindow   *parent,
                       GError     **error)
{
  Job *job = job_new (context, customer_id, everything, error);
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;

  if (job == NULL)
    return FALSE;

  operation = operation_new (job);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, error);
  job_free (job);

  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
on_done_cb (GtkPrintOperation       *operation,
            GtkPrintOperationResult  result,
            Job                     *job)
{
  if (job->done != NULL)
    job->done (job->user_data, result == GTK_PRINT_OPERATION_RESULT_APPLY, job->saved_to);
}

static void
run_print (GxContext          *context,
           Job                *job,
           GtkWindow          *parent,
           const char         *pdf_path)
{
  g_autoptr(GtkPrintOperation) operation = operation_new (job);
  g_autoptr(GError) error = NULL;

  g_signal_connect (operation, "done", G_CALLBACK (on_done_cb), job);
  g_object_set_data_full (G_OBJECT (operation), "job", job, (GDestroyNotify) job_free);

  if (pdf_path != NULL)
    {
      job->saved_to = g_strdup (pdf_path);
      gtk_print_operation_set_export_filename (operation, pdf_path);
      gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, &error);
    }
  else
    gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);

  if (error != NULL && job->done != NULL)
    job->done (job->user_data, FALSE, NULL);
}

typedef struct
{
  GxContext *context;
  Job       *job;
  GtkWindow *parent;
} SaveRequest;

static void
on_save_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     SaveRequest     *request)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      run_print (request->context, request->job, request->parent, path);
    }
  else
    job_free (request->job);

  g_object_unref (request->context);
  g_clear_object (&request->parent);
  g_free (request);
  g_object_unref (dialog);
}

/**
 * gx_customer_print:
 * @context: the context
 * @customer_id: the customer
 * @parent: (nullable): the window
 * @pdf: ask for a file and save a PDF instead of printing
 * @done: (scope async): called when printed (or saved), or not
 * @user_data: data for @done
 *
 * Prints the profile as a desk keeps it on paper: the ID number masked, the latest contacts,
 * the confidentiality level in every page's header.
 */
void
gx_customer_print (GxContext           *context,
                   const char          *customer_id,
                   GtkWindow           *parent,
                   gboolean             pdf,
                   GxCustomerPrintDone  done,
                   gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  Job *job = job_new (context, customer_id, FALSE, &error);

  if (job == NULL)
    {
      if (done != NULL)
        done (user_data, FALSE, NULL);
      return;
    }
  job->done = done;
  job->user_data = user_data;

  if (pdf)
    {
      GtkFileChooserNative *dialog;
      SaveRequest *request = g_new0 (SaveRequest, 1);
      g_autofree char *name = g_strdup_printf ("%s.pdf", customer_id);
      GxDb *db = gx_store_get_main_reader (gx_context_get_store (context));
      g_autofree char *number = gx_db_query_string (db, "SELECT number FROM customers WHERE id = ?",
                                                    g_variant_new ("(s)", customer_id), NULL);

      if (number != NULL)
        {
          g_free (name);
          name = g_strdup_printf ("%s.pdf", number);
        }

      request->context = g_object_ref (context);
      request->job = job;
      request->parent = parent ? g_object_ref (parent) : NULL;
      dialog = gtk_file_chooser_native_new (_("Save the Profile as PDF"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                            _("_Save"), _("_Cancel"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
      g_signal_connect (dialog, "response", G_CALLBACK (on_save_response_cb), request);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
      return;
    }

  run_print (context, job, parent, NULL);
}
