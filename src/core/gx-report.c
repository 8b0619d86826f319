/* gx-report.c: the monthly service report — the overview's figures as titled tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-csv.h"
#include "gx-format.h"
#include "gx-report.h"

/* The report is plain values — sections of rows of strings — built from one GxOverview, so
 * what is printed, what is saved as PDF and what is saved as CSV are the same figures, and a
 * test reads them without a printer. The app only lays the tables out on pages. */

static void
section_free (gpointer data)
{
  GxReportSection *section = data;

  g_free (section->title);
  g_strfreev (section->headings);
  g_ptr_array_unref (section->rows);
  g_free (section);
}

void
gx_report_free (GxReport *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->footer);
  g_ptr_array_unref (self->sections);
  g_free (self);
}

/**
 * gx_report_new:
 * @title: the report's title
 * @subtitle: what it covers
 * @footer: who printed it and when
 *
 * An empty report, for other documents laid out the same way (a complaint case on paper).
 *
 * Returns: (transfer full): the report; add tables with gx_report_add_table()
 */
GxReport *
gx_report_new (const char *title,
               const char *subtitle,
               const char *footer)
{
  GxReport *report = g_new0 (GxReport, 1);

  report->title = g_strdup (title ? title : "");
  report->subtitle = g_strdup (subtitle ? subtitle : "");
  report->footer = g_strdup (footer ? footer : "");
  report->sections = g_ptr_array_new_with_free_func (section_free);
  return report;
}

/**
 * gx_report_add_table:
 * @self: a report
 * @title: the table's title
 * @numeric_from: columns from this one on hold figures; the number of headings for none
 * @headings: (array zero-terminated=1): the column headings
 *
 * Returns: (transfer none): the new, empty table, last in the report
 */
GxReportSection *
gx_report_add_table (GxReport           *self,
                     const char         *title,
                     guint               numeric_from,
                     const char * const *headings)
{
  GxReportSection *section = g_new0 (GxReportSection, 1);

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (headings != NULL && headings[0] != NULL, NULL);

  section->title = g_strdup (title);
  section->headings = g_strdupv ((char **) headings);
  section->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  section->numeric_from = numeric_from;
  g_ptr_array_add (self->sections, section);
  return section;
}

/**
 * gx_report_table_add_row:
 * @section: a table of a report
 * @cells: (array zero-terminated=1): the row's cells; missing ones are left empty, extra
 *   ones dropped
 */
void
gx_report_table_add_row (GxReportSection    *section,
                         const char * const *cells)
{
  guint n = g_strv_length (section->headings);
  GStrv row = g_new0 (char *, n + 1);
  gboolean ended = FALSE;

  for (guint i = 0; i < n; i++)
    {
      ended = ended || cells[i] == NULL;
      row[i] = g_strdup (ended ? "" : cells[i]);
    }
  g_ptr_array_add (section->rows, row);
}

static GxReportSection *
add_section (GxReport   *report,
             const char *title,
             guint       numeric_from,
             const char *first_heading,
             ...)
{
  GxReportSection *section = g_new0 (GxReportSection, 1);
  GStrvBuilder *headings = g_strv_builder_new ();
  const char *heading = first_heading;
  va_list args;

  va_start (args, first_heading);
  while (heading != NULL)
    {
      g_strv_builder_add (headings, heading);
      heading = va_arg (args, const char *);
    }
  va_end (args);

  section->title = g_strdup (title);
  section->headings = g_strv_builder_end (headings);
  section->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  section->numeric_from = numeric_from;
  g_strv_builder_unref (headings);
  g_ptr_array_add (report->sections, section);
  return section;
}

/* Adds a row; the cells are taken (g_autofree-style) so callers can pass formatted strings. */
static void
add_row (GxReportSection *section,
         char            *first,
         ...)
{
  guint n = g_strv_length (section->headings);
  GStrv cells = g_new0 (char *, n + 1);
  va_list args;

  cells[0] = first;
  va_start (args, first);
  for (guint i = 1; i < n; i++)
    {
      char *cell = va_arg (args, char *);
      cells[i] = cell ? cell : g_strdup ("");
    }
  va_end (args);
  g_ptr_array_add (section->rows, cells);
}

static char *
count (gint64 n)
{
  return gx_format_count ((guint) CLAMP (n, 0, G_MAXUINT));
}

static char *
duration (const GxDurationFigure *figure,
          gboolean                p90)
{
  if (figure->n == 0)
    return g_strdup ("–");
  return gx_format_duration (p90 ? figure->p90 : (gint64) figure->mean);
}

static char *
mean_score (gint64 n,
            double mean)
{
  return n > 0 ? g_strdup_printf ("%.2f", mean) : g_strdup ("–");
}

static char *
share (gint64 part,
       gint64 whole)
{
  return whole > 0 ? g_strdup_printf ("%.1f%%", 100.0 * part / whole) : g_strdup ("–");
}

static char *
month_span (gint64     from,
            gint64     until,
            GTimeZone *tz)
{
  g_autoptr(GDateTime) utc_from = g_date_time_new_from_unix_utc (from);
  g_autoptr(GDateTime) utc_last = g_date_time_new_from_unix_utc (until - 1);
  g_autoptr(GDateTime) first = g_date_time_to_timezone (utc_from, tz);
  g_autoptr(GDateTime) last = g_date_time_to_timezone (utc_last, tz);
  /* Translators: a month in the report, strftime format ("November 2026"; "2026年11月") */
  g_autofree char *a = g_date_time_format (first, _("%B %Y"));
  g_autofree char *b = g_date_time_format (last, _("%B %Y"));

  if (g_strcmp0 (a, b) == 0)
    return g_steal_pointer (&a);
  /* Translators: a span of months in the report: "October 2026 – December 2026" */
  return g_strdup_printf (_("%s – %s"), a, b);
}

static void
complaints (GxReport         *report,
            const GxOverview *o,
            const char       *now,
            const char       *before)
{
  GxReportSection *s;

  s = add_section (report, _("Complaints"), 1, _("Figure"), now, before, NULL);
  add_row (s, g_strdup (_("Received")), count (o->received_cases), count (o->prev_received_cases));
  add_row (s, g_strdup (_("Mean time to acknowledge")), duration (&o->acknowledge, FALSE), duration (&o->prev_acknowledge, FALSE));
  add_row (s, g_strdup (_("Acknowledged within (90th percentile)")), duration (&o->acknowledge, TRUE), duration (&o->prev_acknowledge, TRUE));
  add_row (s, g_strdup (_("Mean time to resolve")), duration (&o->resolve, FALSE), duration (&o->prev_resolve, FALSE));
  add_row (s, g_strdup (_("Resolved within (90th percentile)")), duration (&o->resolve, TRUE), duration (&o->prev_resolve, TRUE));

  s = add_section (report, _("Cases open when printed"), 1, _("Figure"), _("Cases"), NULL);
  add_row (s, g_strdup (_("Open cases")), count (o->open_cases));
  add_row (s, g_strdup (_("Overdue")), count (o->overdue_cases));
  add_row (s, g_strdup (_("Escalated")), count (o->escalated_cases));
  add_row (s, g_strdup (_("Awaiting review")), count (o->in_review_cases));
  add_row (s, g_strdup (_("Reopened")), count (o->reopened_cases));
  add_row (s, g_strdup (_("Return visits due")), count (o->return_visits_due));
  for (guint i = 0; i < o->open_by_status->len; i++)
    {
      const GxFigureItem *item = &g_array_index (o->open_by_status, GxFigureItem, i);

      /* Translators: a row of the report: open cases in one status, "Status: Investigating" */
      add_row (s, g_strdup_printf (_("Status: %s"), item->label), count (item->count));
    }

  s = add_section (report, _("Complaints by cause"), 1, _("Cause"), _("Cases"), _("Share"), NULL);
  for (guint i = 0; i < o->by_category->len; i++)
    {
      const GxFigureItem *item = &g_array_index (o->by_category, GxFigureItem, i);
      add_row (s, g_strdup (item->label), count (item->count), share (item->count, o->received_cases));
    }

  s = add_section (report, _("Complaints by channel"), 1, _("Channel"), _("Cases"), _("Share"), NULL);
  for (guint i = 0; i < o->by_channel->len; i++)
    {
      const GxFigureItem *item = &g_array_index (o->by_channel, GxFigureItem, i);
      add_row (s, g_strdup (item->label), count (item->count), share (item->count, o->received_cases));
    }

  s = add_section (report, _("Customers with most open cases"), 1, _("Customer"), _("Open cases"), NULL);
  for (guint i = 0; i < o->top_customers->len; i++)
    {
      const GxFigureItem *item = &g_array_index (o->top_customers, GxFigureItem, i);
      add_row (s, g_strdup (item->label), count (item->count));
    }
}

static void
satisfaction (GxReport         *report,
              const GxOverview *o,
              const char       *now,
              const char       *before,
              GTimeZone        *tz)
{
  GxReportSection *s;

  s = add_section (report, _("Satisfaction at return visits"), 1, _("Figure"), now, before, NULL);
  add_row (s, g_strdup (_("Return visits done")), count (o->visits), count (o->prev_visits));
  add_row (s, g_strdup (_("Mean satisfaction (1–5)")), mean_score (o->visits, o->satisfaction),
           mean_score (o->prev_visits, o->prev_satisfaction));
  for (guint i = 0; i < o->satisfaction_by_factor->len; i++)
    {
      const GxFigureItem *item = &g_array_index (o->satisfaction_by_factor, GxFigureItem, i);

      /* Translators: a row of the report: the mean score of one service factor */
      add_row (s, g_strdup_printf (_("Factor: %s"), item->label), mean_score (item->count, item->value), NULL);
    }

  s = add_section (report, _("Service index (S = P × C)"), 1, _("Service factor"), _("Scores"),
                   _("Frequency P"), _("Consequence C"), _("Index S"), NULL);
  for (guint i = 0; i < o->service_index->factors->len; i++)
    {
      const GxServiceFactor *f = g_ptr_array_index (o->service_index->factors, i);
      GString *name = g_string_new (NULL);

      for (guint d = 0; d < f->depth; d++)
        g_string_append (name, "\u2003");
      g_string_append (name, f->name);
      add_row (s, g_string_free (name, FALSE), count (f->composite ? f->subtree_n : f->n),
               f->composite ? g_strdup ("") : g_strdup_printf ("%.2f", f->frequency),
               f->composite ? g_strdup ("") : g_strdup_printf ("%+.2f", f->consequence),
               g_strdup_printf ("%+.2f", f->index));
    }

  s = add_section (report, _("Satisfaction by month"), 1, _("Month"), _("Return visits"), _("Mean"), NULL);
  for (guint i = 0; i < GX_OVERVIEW_MONTHS; i++)
    {
      const GxPeriodRange *r = &o->range;

      add_row (s, month_span (r->month_start[i], r->month_start[i + 1], tz),
               count (o->satisfaction_by_month->count[i]),
               mean_score (o->satisfaction_by_month->count[i], o->satisfaction_by_month->value[i]));
    }
}

static void
club (GxReport         *report,
      const GxOverview *o,
      const char       *now,
      const char       *before,
      GTimeZone        *tz)
{
  GxReportSection *s;

  s = add_section (report, _("Club and activities"), 1, _("Figure"), now, before, NULL);
  add_row (s, g_strdup (_("New members")), count (o->new_members), count (o->prev_new_members));
  add_row (s, g_strdup (_("Members when printed")), count (o->members), NULL);
  add_row (s, g_strdup (_("Points earned")), count (o->points_earned), NULL);
  add_row (s, g_strdup (_("Points redeemed")), count (o->points_redeemed), NULL);
  add_row (s, g_strdup (_("Activities planned")), count (o->activities_planned), NULL);
  add_row (s, g_strdup (_("Activities held")), count (o->activities_held), NULL);
  add_row (s, g_strdup (_("Activities with points due")), count (o->points_due_activities), NULL);
  add_row (s, g_strdup (_("…more than a week after they ended")), count (o->points_late_activities), NULL);

  s = add_section (report, _("New members by month"), 1, _("Month"), _("New members"), NULL);
  for (guint i = 0; i < GX_OVERVIEW_MONTHS; i++)
    add_row (s, month_span (o->range.month_start[i], o->range.month_start[i + 1], tz),
             count (o->new_members_by_month->count[i]));
}

/**
 * gx_report_new_from_overview:
 * @overview: the figures
 * @period: the period they were computed for
 * @owner_name: (nullable): the name of the owner they are filtered by
 * @printed_by: (nullable): who prints the report
 * @now: when it is printed
 * @tz: the desk's time zone
 *
 * Returns: (transfer full): the monthly service report of @overview
 */
GxReport *
gx_report_new_from_overview (const GxOverview *overview,
                             GxPeriodKind      period,
                             const char       *owner_name,
                             const char       *printed_by,
                             gint64            now,
                             GTimeZone        *tz)
{
  const GxPeriodRange *r;
  GxReport *report;
  g_autofree char *span = NULL;
  g_autofree char *before = NULL;
  g_autofree char *printed = NULL;

  g_return_val_if_fail (overview != NULL, NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  r = &overview->range;
  span = month_span (r->from, r->until, tz);
  before = month_span (r->prev_from, r->prev_until, tz);
  printed = gx_format_date_time (now, tz);

  report = g_new0 (GxReport, 1);
  report->sections = g_ptr_array_new_with_free_func (section_free);
  report->title = g_strdup (period == GX_PERIOD_THIS_MONTH || period == GX_PERIOD_LAST_MONTH || period == GX_PERIOD_MONTH
                            ? _("Monthly service report") : _("Service report"));
  /* Translators: under the report's title: the period, the team, the owner */
  report->subtitle = g_strdup_printf (_("%s · %s · %s"), span,
                                      overview->team ? overview->team : _("All teams"),
                                      owner_name ? owner_name : C_("owner filter", "Everyone"));
  if (printed_by != NULL)
    /* Translators: the report's footer: when and by whom it was printed */
    report->footer = g_strdup_printf (_("Printed %s by %s"), printed, printed_by);
  else
    report->footer = g_strdup_printf (_("Printed %s"), printed);

  complaints (report, overview, span, before);
  satisfaction (report, overview, span, before, tz);
  club (report, overview, span, before, tz);

  return report;
}

/**
 * gx_report_to_csv:
 * @self: a report
 * @length: (out) (optional): its length in bytes
 *
 * Returns: (transfer full): the report as CSV (RFC 4180, UTF-8 with a BOM): its title lines,
 *   then each section's title, headings and rows, with a blank line between sections
 */
char *
gx_report_to_csv (const GxReport *self,
                  gsize          *length)
{
  GxCsvWriter *writer = gx_csv_writer_new ();

  g_return_val_if_fail (self != NULL, NULL);

  gx_csv_writer_add_text (writer, self->title);
  gx_csv_writer_end_row (writer);
  gx_csv_writer_add_text (writer, self->subtitle);
  gx_csv_writer_end_row (writer);
  gx_csv_writer_add_text (writer, self->footer);
  gx_csv_writer_end_row (writer);

  for (guint i = 0; i < self->sections->len; i++)
    {
      GxReportSection *section = g_ptr_array_index (self->sections, i);

      gx_csv_writer_end_row (writer);
      gx_csv_writer_add_text (writer, section->title);
      gx_csv_writer_end_row (writer);
      for (guint c = 0; section->headings[c] != NULL; c++)
        gx_csv_writer_add_text (writer, section->headings[c]);
      gx_csv_writer_end_row (writer);
      for (guint r = 0; r < section->rows->len; r++)
        {
          GStrv cells = g_ptr_array_index (section->rows, r);

          for (guint c = 0; cells[c] != NULL; c++)
            gx_csv_writer_add_text (writer, cells[c]);
          gx_csv_writer_end_row (writer);
        }
    }

  return gx_csv_writer_free_to_string (writer, length);
}

/**
 * gx_report_to_text:
 * @self: a report
 *
 * Returns: (transfer full): the report as plain text, one cell per tab-separated column,
 *   for logs and tests
 */
char *
gx_report_to_text (const GxReport *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  g_string_append_printf (text, "%s\n%s\n", self->title, self->subtitle);
  for (guint i = 0; i < self->sections->len; i++)
    {
      GxReportSection *section = g_ptr_array_index (self->sections, i);
      g_autofree char *headings = g_strjoinv ("\t", section->headings);

      g_string_append_printf (text, "\n%s\n%s\n", section->title, headings);
      for (guint r = 0; r < section->rows->len; r++)
        {
          g_autofree char *row = g_strjoinv ("\t", g_ptr_array_index (section->rows, r));
          g_string_append_printf (text, "%s\n", row);
        }
    }
  g_string_append_printf (text, "\n%s\n", self->footer);
  return g_string_free (text, FALSE);
}
