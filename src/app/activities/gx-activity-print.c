/* gx-activity-print.c: invitation letters, name badges and the evaluation for the club
 * office, printed or saved as PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-activity-print"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-activity-plan.h"
#include "gx-activity-print.h"
#include "gx-enums.h"
#include "gx-format.h"

/* Each letter carries the invitation code as text and as a Code 128 barcode, which the
 * check-in page reads from a scanner typing like a keyboard. Badges go eight to an A4 page. */

typedef struct
{
  char    *name;
  char    *line;       /* tier, or "Guest of …" */
  char    *code;       /* invitees only */
} Person;

typedef struct
{
  GxActivityPrintKind  kind;
  char                *club;
  char                *title;
  char                *theme;
  char                *when;
  char                *venue;
  char                *deadline;
  char                *owner;
  GPtrArray           *people;
  GPtrArray           *figures;   /* the evaluation: label, value, label, value… */
  char                *summary;
} PrintJob;

static void
person_free (Person *person)
{
  g_free (person->name);
  g_free (person->line);
  g_free (person->code);
  g_free (person);
}

static void
print_job_free (PrintJob *job)
{
  g_free (job->club);
  g_free (job->title);
  g_free (job->theme);
  g_free (job->when);
  g_free (job->venue);
  g_free (job->deadline);
  g_free (job->owner);
  g_ptr_array_unref (job->people);
  g_clear_pointer (&job->figures, g_ptr_array_unref);
  g_free (job->summary);
  g_free (job);
}

/* Code 128, code set B: bar and space widths of each symbol, in modules. */
static const char * const code128[] = {
  "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
  "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
  "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
  "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
  "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
  "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
  "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
  "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
  "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
  "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
  "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
};

#define CODE128_START_B 104
#define CODE128_STOP 106

/* Draws @text as a Code 128 (set B) barcode at x, y, @module points per module. */
static void
draw_barcode (cairo_t    *cr,
              const char *text,
              double      x,
              double      y,
              double      module,
              double      height)
{
  g_autoptr(GArray) symbols = g_array_new (FALSE, FALSE, sizeof (int));
  int checksum = CODE128_START_B;
  int start = CODE128_START_B, stop = CODE128_STOP;

  g_array_append_val (symbols, start);
  for (int i = 0; text[i] != '\0'; i++)
    {
      int value = (unsigned char) text[i] - 32;

      if (value < 0 || value > 94)
        continue;
      g_array_append_val (symbols, value);
      checksum += value * (i + 1);
    }
  checksum %= 103;
  g_array_append_val (symbols, checksum);
  g_array_append_val (symbols, stop);

  /* A quiet zone of ten modules on each side. */
  x += 10 * module;
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint s = 0; s < symbols->len; s++)
    {
      const char *widths = code128[g_array_index (symbols, int, s)];

      for (int w = 0; widths[w] != '\0'; w++)
        {
          double width = (widths[w] - '0') * module;

          if (w % 2 == 0)
            cairo_rectangle (cr, x, y, width, height);
          x += width;
        }
    }
  cairo_fill (cr);
}

static PangoLayout *
layout_text (GtkPrintContext *context,
             const char      *text,
             const char      *font,
             double           width)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Draws @text and returns the height it took. */
static double
draw_text (GtkPrintContext *context,
           const char      *text,
           const char      *font,
           double           x,
           double           y,
           double           width,
           PangoAlignment   alignment)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  g_autoptr(PangoLayout) layout = layout_text (context, text, font, width);
  int height;

  pango_layout_set_alignment (layout, alignment);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static void
draw_letter (GtkPrintContext *context,
             PrintJob        *job,
             Person          *person)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double margin = 56;
  double text_width = width - 2 * margin;
  double y = margin;
  g_autofree char *dear = NULL;
  g_autofree char *invites = NULL;
  g_autofree char *when = NULL;
  g_autofree char *venue = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *code = NULL;

  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  y += draw_text (context, job->club, "Sans 10", margin, y, text_width, PANGO_ALIGN_CENTER) + 18;
  cairo_set_source_rgb (cr, 0, 0, 0);
  y += draw_text (context, _("Invitation"), "Serif Bold 26", margin, y, text_width, PANGO_ALIGN_CENTER) + 30;

  /* Translators: the salutation of an invitation letter, %s is the invitee's name */
  dear = g_strdup_printf (_("Dear %s,"), person->name);
  y += draw_text (context, dear, "Serif 13", margin, y, text_width, PANGO_ALIGN_LEFT) + 14;

  if (job->theme != NULL && *job->theme != '\0')
    /* Translators: in an invitation letter: the club, the activity's title, its theme */
    invites = g_strdup_printf (_("%s has the pleasure of inviting you to “%s” — %s."), job->club, job->title, job->theme);
  else
    invites = g_strdup_printf (_("%s has the pleasure of inviting you to “%s”."), job->club, job->title);
  y += draw_text (context, invites, "Serif 13", margin, y, text_width, PANGO_ALIGN_LEFT) + 14;

  /* Translators: in an invitation letter, %s is the date and time */
  when = g_strdup_printf (_("When: %s"), job->when);
  y += draw_text (context, when, "Serif 13", margin + 24, y, text_width - 24, PANGO_ALIGN_LEFT) + 6;
  if (job->venue != NULL && *job->venue != '\0')
    {
      /* Translators: in an invitation letter, %s is the venue */
      venue = g_strdup_printf (_("Where: %s"), job->venue);
      y += draw_text (context, venue, "Serif 13", margin + 24, y, text_width - 24, PANGO_ALIGN_LEFT) + 6;
    }
  y += 14;

  if (job->deadline != NULL)
    /* Translators: in an invitation letter, %s is a date */
    reply = g_strdup_printf (_("Please let us know by %s whether you will come, and the names of family or friends you would like to bring."),
                             job->deadline);
  else
    reply = g_strdup (_("Please let us know whether you will come, and the names of family or friends you would like to bring."));
  y += draw_text (context, reply, "Serif 13", margin, y, text_width, PANGO_ALIGN_LEFT) + 30;

  if (job->owner != NULL)
    y += draw_text (context, job->owner, "Serif 13", margin, y, text_width, PANGO_ALIGN_RIGHT) + 4;
  y += draw_text (context, job->club, "Serif 13", margin, y, text_width, PANGO_ALIGN_RIGHT) + 40;

  /* Shown at the door: the code, readable and scannable. */
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  y += draw_text (context, _("Show this code at the entrance"), "Sans 9", margin, y, text_width, PANGO_ALIGN_CENTER) + 8;
  draw_barcode (cr, person->code, width / 2 - 70, y, 1.2, 46);
  y += 52;
  cairo_set_source_rgb (cr, 0, 0, 0);
  code = g_strdup (person->code);
  draw_text (context, code, "Monospace Bold 16", margin, y, text_width, PANGO_ALIGN_CENTER);
}

#define BADGES_PER_PAGE 8

static void
draw_badges (GtkPrintContext *context,
             PrintJob        *job,
             int              page)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  double margin = 28;
  double cell_w = (width - 2 * margin) / 2;
  double cell_h = (height - 2 * margin) / 4;

  for (int i = 0; i < BADGES_PER_PAGE; i++)
    {
      guint index = (guint) (page * BADGES_PER_PAGE + i);
      Person *person;
      double x = margin + (i % 2) * cell_w;
      double y = margin + (i / 2) * cell_h;
      double inner = cell_w - 32;

      if (index >= job->people->len)
        break;
      person = g_ptr_array_index (job->people, index);

      /* Cutting guides. */
      cairo_set_source_rgb (cr, 0.7, 0.7, 0.7);
      cairo_set_line_width (cr, 0.5);
      cairo_rectangle (cr, x + 4, y + 4, cell_w - 8, cell_h - 8);
      cairo_stroke (cr);

      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      draw_text (context, job->title, "Sans 8", x + 16, y + 16, inner, PANGO_ALIGN_CENTER);
      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_text (context, person->name, "Sans Bold 24", x + 16, y + cell_h * 0.32, inner, PANGO_ALIGN_CENTER);
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      draw_text (context, person->line, "Sans 10", x + 16, y + cell_h * 0.58, inner, PANGO_ALIGN_CENTER);
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      draw_text (context, job->club, "Sans 8", x + 16, y + cell_h - 30, inner, PANGO_ALIGN_CENTER);
    }
}

/* One page for the club office: what the activity achieved and cost, and the summary. */
static void
draw_evaluation (GtkPrintContext *context,
                 PrintJob        *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double margin = 56;
  double text_width = width - 2 * margin;
  double label_width = text_width * 0.42;
  double y = margin;
  g_autofree char *where = NULL;

  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  y += draw_text (context, job->club, "Sans 10", margin, y, text_width, PANGO_ALIGN_LEFT) + 6;
  cairo_set_source_rgb (cr, 0, 0, 0);
  y += draw_text (context, _("Activity Evaluation"), "Sans Bold 20", margin, y, text_width, PANGO_ALIGN_LEFT) + 10;
  y += draw_text (context, job->title, "Sans Bold 14", margin, y, text_width, PANGO_ALIGN_LEFT) + 4;
  where = job->venue != NULL && *job->venue != '\0' ? g_strdup_printf ("%s · %s", job->when, job->venue)
                                                     : g_strdup (job->when);
  y += draw_text (context, where, "Sans 11", margin, y, text_width, PANGO_ALIGN_LEFT) + 4;
  if (job->owner != NULL)
    {
      /* Translators: on the printed evaluation, %s is the activity's owner */
      g_autofree char *owner = g_strdup_printf (_("Owner: %s"), job->owner);
      y += draw_text (context, owner, "Sans 11", margin, y, text_width, PANGO_ALIGN_LEFT);
    }
  y += 20;

  cairo_set_line_width (cr, 0.5);
  for (guint i = 0; i + 1 < job->figures->len; i += 2)
    {
      double h1, h2;

      cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
      cairo_move_to (cr, margin, y);
      cairo_line_to (cr, margin + text_width, y);
      cairo_stroke (cr);
      y += 6;
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      h1 = draw_text (context, g_ptr_array_index (job->figures, i), "Sans 11", margin, y, label_width - 12, PANGO_ALIGN_LEFT);
      cairo_set_source_rgb (cr, 0, 0, 0);
      h2 = draw_text (context, g_ptr_array_index (job->figures, i + 1), "Sans 11", margin + label_width, y,
                      text_width - label_width, PANGO_ALIGN_LEFT);
      y += MAX (h1, h2) + 6;
    }
  y += 20;

  y += draw_text (context, _("Summary"), "Sans Bold 13", margin, y, text_width, PANGO_ALIGN_LEFT) + 8;
  draw_text (context, job->summary != NULL && *job->summary != '\0' ? job->summary : _("No summary written yet."),
             "Serif 12", margin, y, text_width, PANGO_ALIGN_LEFT);
}

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   PrintJob          *job)
{
  if (job->kind == GX_ACTIVITY_PRINT_EVALUATION)
    gtk_print_operation_set_n_pages (operation, 1);
  else if (job->kind == GX_ACTIVITY_PRINT_LETTERS)
    gtk_print_operation_set_n_pages (operation, MAX ((int) job->people->len, 1));
  else
    gtk_print_operation_set_n_pages (operation, MAX (((int) job->people->len + BADGES_PER_PAGE - 1) / BADGES_PER_PAGE, 1));
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 PrintJob          *job)
{
  if (job->kind == GX_ACTIVITY_PRINT_EVALUATION)
    {
      draw_evaluation (context, job);
      return;
    }
  if (job->people->len == 0)
    return;

  if (job->kind == GX_ACTIVITY_PRINT_LETTERS)
    draw_letter (context, job, g_ptr_array_index (job->people, page));
  else
    draw_badges (context, job, page);
}

static void
add_figure (PrintJob   *job,
            const char *label,
            char       *value)
{
  g_ptr_array_add (job->figures, g_strdup (label));
  g_ptr_array_add (job->figures, value);
}

/* The same figures as the activity page's Evaluation tab, from the same core function. */
static void
read_evaluation (GxDb       *db,
                 const char *activity_id,
                 PrintJob   *job)
{
  g_auto(GxActivityEvaluation) ev = { 0 };
  gint64 budget = gx_db_query_int (db, "SELECT coalesce (budget, 0) FROM activities WHERE id = ?",
                                   g_variant_new ("(s)", activity_id), 0, NULL);
  g_autofree char *budget_text = NULL;
  g_autofree char *cost_text = NULL;

  job->figures = g_ptr_array_new_with_free_func (g_free);
  if (!gx_activity_compute_evaluation (db, activity_id, &ev, NULL))
    return;

  /* Translators: attendance: people who came of those accepted, as a percentage, and the guests among them */
  add_figure (job, _("Attendance"), g_strdup_printf (_("%d of %d accepted came (%.0f%%), %d of them guests"),
                                                     (int) ev.attended, (int) ev.accepted, ev.attendance_rate * 100.0,
                                                     (int) ev.guests_attended));
  add_figure (job, _("No-shows"), g_strdup_printf ("%d", (int) ev.no_shows));
  add_figure (job, _("Walk-ins"), g_strdup_printf ("%d", (int) ev.walk_ins));
  budget_text = gx_format_money (budget);
  cost_text = gx_format_money (ev.cost);
  /* Translators: on the printed evaluation: the budget and what was spent */
  add_figure (job, _("Budget and actual cost"), g_strdup_printf (_("%s budgeted · %s spent"), budget_text, cost_text));
  add_figure (job, _("Cost per attendee"), ev.attended + ev.walk_ins > 0 ? gx_format_money (ev.cost_per_attendee) : g_strdup ("—"));
  add_figure (job, _("New prospects met"), g_strdup_printf ("%d", (int) ev.new_prospects));
  add_figure (job, _("Attendees’ satisfaction, 1 to 5"), gx_activity_evaluation_format_satisfaction (&ev));
  if (ev.responses > 0 && !ev.satisfaction_typed)
    add_figure (job, _("Answers by score"), gx_activity_evaluation_format_answers (&ev));
  job->summary = g_strdup (ev.summary);
}

static PrintJob *
read_job (GxDb                *db,
          const char          *activity_id,
          GxActivityPrintKind  kind)
{
  PrintJob *job = g_new0 (PrintJob, 1);
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *timezone = NULL;
  sqlite3_stmt *stmt;
  gint64 starts_at, ends_at, deadline;

  job->kind = kind;
  job->people = g_ptr_array_new_with_free_func ((GDestroyNotify) person_free);

  stmt = gx_db_prepare (db,
                        "SELECT a.title, a.theme, a.venue, a.timezone, a.starts_at, a.ends_at, a.registration_deadline,"
                        "       coalesce (c.name, ''), u.display_name"
                        "  FROM activities a LEFT JOIN clubs c ON c.id = a.club_id LEFT JOIN users u ON u.id = a.owner_id"
                        " WHERE a.id = ?",
                        NULL);
  if (stmt == NULL)
    return job;
  sqlite3_bind_text (stmt, 1, activity_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      job->title = gx_db_dup_column (stmt, 0);
      job->theme = gx_db_dup_column (stmt, 1);
      job->venue = gx_db_dup_column (stmt, 2);
      timezone = gx_db_dup_column (stmt, 3);
      starts_at = sqlite3_column_int64 (stmt, 4);
      ends_at = sqlite3_column_int64 (stmt, 5);
      deadline = sqlite3_column_int64 (stmt, 6);
      job->club = gx_db_dup_column (stmt, 7);
      job->owner = gx_db_dup_column (stmt, 8);

      tz = g_time_zone_new_identifier (timezone ? timezone : "Asia/Shanghai");
      if (starts_at != 0)
        {
          g_autofree char *start = gx_format_date_time (starts_at, tz);
          g_autofree char *end = ends_at ? gx_format_date_time (ends_at, tz) : NULL;
          job->when = end ? g_strdup_printf (_("%s – %s"), start, end) : g_strdup (start);
        }
      else
        job->when = g_strdup (_("to be announced"));
      if (deadline != 0)
        job->deadline = gx_format_date (deadline, tz);
    }
  sqlite3_reset (stmt);

  if (kind == GX_ACTIVITY_PRINT_EVALUATION)
    {
      read_evaluation (db, activity_id, job);
      return job;
    }

  /* Letters go to everyone invited who has not said no; badges to everyone expected. */
  stmt = gx_db_prepare (db,
                        "SELECT c.name, coalesce (t.name, ''), i.code, NULL, c.sort_key, 0 AS k2"
                        "  FROM invitations i JOIN customers c ON c.id = i.customer_id"
                        "  LEFT JOIN memberships m ON m.customer_id = c.id AND m.club_id = (SELECT club_id FROM activities WHERE id = ?1)"
                        "  LEFT JOIN club_tiers t ON t.id = m.tier_id"
                        " WHERE i.activity_id = ?1"
                        "   AND ((?2 = 0 AND i.status NOT IN ('declined', 'cancelled')) OR (?2 = 1 AND i.status IN ('accepted', 'offered')))"
                        " UNION ALL"
                        " SELECT g.name, NULL, NULL, c.name, c.sort_key, 1"
                        "  FROM invitation_guests g JOIN invitations i ON i.id = g.invitation_id JOIN customers c ON c.id = i.customer_id"
                        " WHERE ?2 = 1 AND i.activity_id = ?1 AND i.status IN ('accepted', 'offered')"
                        " ORDER BY 5, 6",
                        NULL);
  if (stmt == NULL)
    return job;
  sqlite3_bind_text (stmt, 1, activity_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, kind == GX_ACTIVITY_PRINT_BADGES);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Person *person = g_new0 (Person, 1);

      person->name = gx_db_dup_column (stmt, 0);
      person->code = g_strdup (gx_db_column_text (stmt, 2));
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        /* Translators: on a name badge, %s is the member who brought the guest */
        person->line = g_strdup_printf (_("Guest of %s"), gx_db_column_text (stmt, 3));
      else
        person->line = g_strdup (gx_db_column_text (stmt, 1));
      g_ptr_array_add (job->people, person);
    }
  sqlite3_reset (stmt);

  return job;
}

/**
 * gx_activity_print:
 * @parent: (nullable): the window the print dialog belongs to
 * @context: the desk's context
 * @activity_id: the activity
 * @kind: letters, badges or the evaluation
 * @pdf: (nullable): save straight to this PDF file instead of showing the print dialog
 * @error: return location for a #GError; %G_IO_ERROR_CANCELLED when the user cancelled
 *
 * Prints the activity's invitation letters (one page per invitee who has not declined) or
 * name badges (everyone expected, guests included, eight to a page), or the evaluation for the
 * club office (one page: attendance, costs, prospects, satisfaction, the summary). The print dialog offers
 * "Print to File" for a PDF.
 *
 * Returns: whether the job was printed or saved
 */
gboolean
gx_activity_print (GtkWindow            *parent,
                   GxContext            *context,
                   const char           *activity_id,
                   GxActivityPrintKind   kind,
                   GFile                *pdf,
                   GError              **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (context));
  PrintJob *job = read_job (db, activity_id, kind);
  GtkPrintOperationResult result;
  g_autofree char *name = NULL;

  if (kind != GX_ACTIVITY_PRINT_EVALUATION && job->people->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           kind == GX_ACTIVITY_PRINT_LETTERS ? _("Nobody to write to: invite people first.")
                                                             : _("No badges to print: nobody has accepted yet."));
      print_job_free (job);
      return FALSE;
    }

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  name = g_strdup_printf ("%s — %s", job->title,
                          kind == GX_ACTIVITY_PRINT_LETTERS ? _("Invitation Letters")
                          : kind == GX_ACTIVITY_PRINT_BADGES ? _("Name Badges") : _("Activity Evaluation"));
  gtk_print_operation_set_job_name (operation, name);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), job);

  if (pdf != NULL)
    {
      g_autofree char *path = g_file_get_path (pdf);

      gtk_print_operation_set_export_filename (operation, path);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, error);
    }
  else
    result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error);

  print_job_free (job);

  if (result == GTK_PRINT_OPERATION_RESULT_CANCEL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Printing was cancelled."));
      return FALSE;
    }
  return result == GTK_PRINT_OPERATION_RESULT_APPLY;
}
