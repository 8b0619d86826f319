/* gx-report-print.c: the service report laid out on pages, printed or saved as PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-report-print"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-report-print.h"

/* The report is laid out once, when printing begins, into a list of lines with their page
 * and height: the page count is then known for "Page 2 of 3", and a section's title never
 * ends a page alone. Every page is drawn from that list with Pango on the print context's
 * cairo surface, so the PDF holds real text (pdftotext reads it back in the tests). */

#define TITLE_SIZE 16
#define HEADING_SIZE 11
#define TEXT_SIZE 9
#define LINE_GAP 3.0
#define SECTION_GAP 12.0

typedef enum
{
  LINE_TITLE,
  LINE_SUBTITLE,
  LINE_SECTION,
  LINE_HEADINGS,
  LINE_ROW,
} LineKind;

typedef struct
{
  LineKind                kind;
  const GxReportSection  *section;
  GStrv                   cells;      /* borrowed from the report */
  double                  height;
  int                     page;
  double                  y;
} Line;

typedef struct
{
  const GxReport *report;
  GArray         *lines;
  int             n_pages;
} Layout;

static void
layout_free (gpointer data)
{
  Layout *layout = data;

  g_array_unref (layout->lines);
  g_free (layout);
}

static PangoLayout *
text_layout (GtkPrintContext *context,
             const char      *text,
             int              size,
             gboolean         bold,
             double           width,
             PangoAlignment   align)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* Columns: the first takes 40 % of the width, the figures share the rest. */
static double
column_x (const GxReportSection *section,
          guint                  column,
          double                 width,
          double                *column_width)
{
  guint n = g_strv_length (section->headings);
  double first = n > 1 ? width * 0.4 : width;
  double other = n > 1 ? (width - first) / (n - 1) : 0;

  *column_width = column == 0 ? first - 6 : other - 6;
  return column == 0 ? 0 : first + (column - 1) * other;
}

static double
cells_height (GtkPrintContext       *context,
              const GxReportSection *section,
              GStrv                  cells,
              gboolean               bold,
              double                 width)
{
  double height = 0;

  for (guint c = 0; cells[c] != NULL; c++)
    {
      double w;
      g_autoptr(PangoLayout) layout = NULL;

      column_x (section, c, width, &w);
      layout = text_layout (context, cells[c], TEXT_SIZE, bold, w, PANGO_ALIGN_LEFT);
      height = MAX (height, layout_height (layout));
    }
  return height + LINE_GAP;
}

static void
add_line (Layout                *layout,
          LineKind               kind,
          const GxReportSection *section,
          GStrv                  cells,
          double                 height)
{
  Line line = { kind, section, cells, height, 0, 0 };

  g_array_append_val (layout->lines, line);
}

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   gpointer           user_data)
{
  Layout *layout = user_data;
  const GxReport *report = layout->report;
  double width = gtk_print_context_get_width (context);
  double page_height = gtk_print_context_get_height (context) - 2 * TEXT_SIZE - 8;   /* room for the footer */
  double y = 0;
  int page = 0;

  g_array_set_size (layout->lines, 0);

  {
    g_autoptr(PangoLayout) title = text_layout (context, report->title, TITLE_SIZE, TRUE, width, PANGO_ALIGN_LEFT);
    g_autoptr(PangoLayout) subtitle = text_layout (context, report->subtitle, TEXT_SIZE + 1, FALSE, width, PANGO_ALIGN_LEFT);

    add_line (layout, LINE_TITLE, NULL, NULL, layout_height (title) + LINE_GAP);
    add_line (layout, LINE_SUBTITLE, NULL, NULL, layout_height (subtitle) + SECTION_GAP);
  }

  for (guint s = 0; s < report->sections->len; s++)
    {
      const GxReportSection *section = g_ptr_array_index (report->sections, s);
      g_autoptr(PangoLayout) heading = text_layout (context, section->title, HEADING_SIZE, TRUE, width, PANGO_ALIGN_LEFT);

      add_line (layout, LINE_SECTION, section, NULL, layout_height (heading) + LINE_GAP + (s > 0 ? SECTION_GAP : 0));
      add_line (layout, LINE_HEADINGS, section, section->headings,
                cells_height (context, section, section->headings, TRUE, width) + 2);
      for (guint r = 0; r < section->rows->len; r++)
        {
          GStrv cells = g_ptr_array_index (section->rows, r);
          add_line (layout, LINE_ROW, section, cells, cells_height (context, section, cells, FALSE, width));
        }
    }

  /* Pages: a section title and its headings move to the next page with their first row. */
  for (guint i = 0; i < layout->lines->len; i++)
    {
      Line *line = &g_array_index (layout->lines, Line, i);
      double keep = line->height;

      if (line->kind == LINE_SECTION && i + 2 < layout->lines->len)
        keep += g_array_index (layout->lines, Line, i + 1).height + g_array_index (layout->lines, Line, i + 2).height;

      if (y + keep > page_height && y > 0)
        {
          page++;
          y = 0;
          if (line->kind == LINE_SECTION)
            line->height -= SECTION_GAP;
        }
      line->page = page;
      line->y = y;
      y += line->height;
    }

  layout->n_pages = page + 1;
  gtk_print_operation_set_n_pages (operation, layout->n_pages);
}

static void
draw_cells (GtkPrintContext *context,
            cairo_t         *cr,
            const Line      *line,
            double           width,
            gboolean         bold)
{
  for (guint c = 0; line->cells[c] != NULL; c++)
    {
      double w;
      double x = column_x (line->section, c, width, &w);
      PangoAlignment align = c >= line->section->numeric_from ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
      g_autoptr(PangoLayout) text = text_layout (context, line->cells[c], TEXT_SIZE, bold, w, align);

      cairo_move_to (cr, x, line->y);
      pango_cairo_show_layout (cr, text);
    }
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 gpointer           user_data)
{
  Layout *layout = user_data;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  g_autofree char *page_text = NULL;
  g_autoptr(PangoLayout) footer = NULL;
  g_autoptr(PangoLayout) number = NULL;

  cairo_set_source_rgb (cr, 0, 0, 0);

  for (guint i = 0; i < layout->lines->len; i++)
    {
      const Line *line = &g_array_index (layout->lines, Line, i);

      if (line->page != page)
        continue;

      switch (line->kind)
        {
        case LINE_TITLE:
          {
            g_autoptr(PangoLayout) text = text_layout (context, layout->report->title, TITLE_SIZE, TRUE, width, PANGO_ALIGN_LEFT);
            cairo_move_to (cr, 0, line->y);
            pango_cairo_show_layout (cr, text);
          }
          break;
        case LINE_SUBTITLE:
          {
            g_autoptr(PangoLayout) text = text_layout (context, layout->report->subtitle, TEXT_SIZE + 1, FALSE, width, PANGO_ALIGN_LEFT);
            cairo_move_to (cr, 0, line->y);
            pango_cairo_show_layout (cr, text);
          }
          break;
        case LINE_SECTION:
          {
            g_autoptr(PangoLayout) text = text_layout (context, line->section->title, HEADING_SIZE, TRUE, width, PANGO_ALIGN_LEFT);
            double top = line->y + line->height - LINE_GAP - layout_height (text);
            cairo_move_to (cr, 0, top);
            pango_cairo_show_layout (cr, text);
          }
          break;
        case LINE_HEADINGS:
          draw_cells (context, cr, line, width, TRUE);
          cairo_set_line_width (cr, 0.8);
          cairo_move_to (cr, 0, line->y + line->height - 1);
          cairo_line_to (cr, width, line->y + line->height - 1);
          cairo_stroke (cr);
          break;
        case LINE_ROW:
        default:
          draw_cells (context, cr, line, width, FALSE);
          cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
          cairo_set_line_width (cr, 0.3);
          cairo_move_to (cr, 0, line->y + line->height - 0.5);
          cairo_line_to (cr, width, line->y + line->height - 0.5);
          cairo_stroke (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
          break;
        }
    }

  /* Translators: the report's page number: "Page 2 of 3" */
  page_text = g_strdup_printf (_("Page %d of %d"), page + 1, layout->n_pages);
  footer = text_layout (context, layout->report->footer, TEXT_SIZE - 1, FALSE, width * 0.7, PANGO_ALIGN_LEFT);
  number = text_layout (context, page_text, TEXT_SIZE - 1, FALSE, width * 0.3, PANGO_ALIGN_RIGHT);
  cairo_move_to (cr, 0, height - layout_height (footer));
  pango_cairo_show_layout (cr, footer);
  cairo_move_to (cr, width * 0.7, height - layout_height (number));
  pango_cairo_show_layout (cr, number);
}

/**
 * gx_report_print_operation_new:
 * @report: the report; it must outlive the operation
 *
 * Returns: (transfer full): a print operation drawing @report on A4 pages; run it with the
 *   print dialog (which also saves as PDF) or export it to a file
 */
GtkPrintOperation *
gx_report_print_operation_new (const GxReport *report)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  Layout *layout;

  g_return_val_if_fail (report != NULL, NULL);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);

  layout = g_new0 (Layout, 1);
  layout->report = report;
  layout->lines = g_array_new (FALSE, TRUE, sizeof (Line));

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, report->title);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_object_set_data_full (G_OBJECT (operation), "gx-report-layout", layout, layout_free);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), layout);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), layout);
  return operation;
}

/**
 * gx_report_export_pdf:
 * @report: the report
 * @path: the PDF file to write
 * @error: return location for a #GError
 *
 * Writes @report as PDF without a dialog.
 *
 * Returns: %TRUE when the file was written
 */
gboolean
gx_report_export_pdf (const GxReport  *report,
                      const char      *path,
                      GError         **error)
{
  g_autoptr(GtkPrintOperation) operation = gx_report_print_operation_new (report);

  gtk_print_operation_set_export_filename (operation, path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error) != GTK_PRINT_OPERATION_RESULT_ERROR;
}
