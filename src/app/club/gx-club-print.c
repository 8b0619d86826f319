/* gx-club-print.c: the member's points statement and the club's handbook, on paper or as PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-club-print"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-club-print.h"
#include "gx-enums.h"
#include "gx-format.h"
#include "gx-membership.h"

/* Both documents are Pango markup laid out at the page's width and cut into pages by lines,
 * so long handbooks and statements flow over as many pages as they need. The figures come
 * from core (gx_points_statement_new, the club's tables); this file only typesets them. */

static void
append_escaped (GString    *out,
                const char *format,
                ...) G_GNUC_PRINTF (2, 3);

static void
append_escaped (GString    *out,
                const char *format,
                ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  g_string_append (out, text);
}

/* Keeps a string until the document is done, so it can be used inline. */
static const char *
keep (GPtrArray *pool,
      char      *text)
{
  g_ptr_array_add (pool, text);
  return text;
}

static char *
signed_points (gint64 points)
{
  return g_strdup_printf ("%s%'" G_GINT64_FORMAT, points > 0 ? "+" : points < 0 ? "−" : "", ABS (points));
}

/**
 * gx_club_statement_markup:
 * @context: the desk's context
 * @membership_id: the member
 * @statement: their statement for a period
 *
 * Returns: (transfer full): the statement as markup: the member, the period, the opening
 *   balance, each entry with its date and amount, the totals by kind and the closing balance
 */
char *
gx_club_statement_markup (GxContext               *context,
                          const char              *membership_id,
                          const GxPointsStatement *statement)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (context));
  g_autoptr(GxMembershipDetail) detail = gx_membership_detail_load (db, membership_id, NULL);
  GTimeZone *tz = gx_clock_get_timezone (gx_context_get_clock (context));
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *from = gx_format_iso_date (statement->from);
  g_autofree char *to = gx_format_iso_date (statement->to);
  g_autofree char *opening = g_strdup_printf ("%'" G_GINT64_FORMAT, statement->opening);
  g_autofree char *closing = g_strdup_printf ("%'" G_GINT64_FORMAT, statement->closing);
  const struct { const char *label; gint64 value; } totals[] = {
    { N_("Earned"), statement->earned },
    { N_("Redeemed"), statement->redeemed },
    { N_("Expired"), statement->expired },
    { N_("Adjusted"), statement->adjusted },
  };

  if (detail == NULL)
    return g_strdup ("");

  append_escaped (out, "<span size='x-large' weight='bold'>%s</span>\n", _("Points Statement"));
  append_escaped (out, "<b>%s</b>  %s\n", detail->customer_name, detail->membership->member_number);
  append_escaped (out, "%s · %s\n", detail->club_name, detail->tier_label);
  /* Translators: "Period: Jan 1, 2026 – Mar 31, 2026" */
  append_escaped (out, "%s\n\n", keep (pool, g_strdup_printf (_("Period: %s – %s"), from, to)));

  append_escaped (out, "<b>%s</b>\t%s\n\n", _("Opening balance"), opening);

  if (statement->entries->len == 0)
    append_escaped (out, "<i>%s</i>\n", _("No entries in this period."));
  for (guint i = 0; i < statement->entries->len; i++)
    {
      GxPointsEntry *e = g_ptr_array_index (statement->entries, i);
      g_autofree char *when = gx_format_date (e->at, tz);
      g_autofree char *what = gx_points_entry_describe (e);
      g_autofree char *amount = signed_points (e->points);

      append_escaped (out, "%s\t%s\t%s\n", when, amount, what);
    }

  g_string_append (out, "\n");
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      g_autofree char *amount = signed_points (totals[i].value);
      append_escaped (out, "%s\t%s\n", _(totals[i].label), amount);
    }
  append_escaped (out, "\n<b>%s</b>\t<b>%s</b>\n", _("Closing balance"), closing);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * gx_club_handbook_markup:
 * @context: the desk's context
 * @club_id: a club
 *
 * Returns: (transfer full): the member handbook: the club's own text, each tier with what
 *   reaching it takes and its rights and yearly quotas, the points rules and the rewards
 */
char *
gx_club_handbook_markup (GxContext  *context,
                         const char *club_id)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (context));
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tier_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = NULL;
  g_autofree char *handbook = NULL;
  g_autofree char *expiry = NULL;
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (db, "SELECT name, handbook, points_expiry FROM clubs WHERE id = ?", NULL);
  sqlite3_bind_text (stmt, 1, club_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      name = gx_db_dup_column (stmt, 0);
      handbook = gx_db_dup_column (stmt, 1);
      expiry = gx_db_dup_column (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (name == NULL)
    return g_strdup ("");

  append_escaped (out, "<span size='xx-large' weight='bold'>%s</span>\n", name);
  append_escaped (out, "<span size='large'>%s</span>\n\n", _("Member Handbook"));
  if (handbook != NULL && *handbook != '\0')
    append_escaped (out, "%s\n\n", handbook);

  append_escaped (out, "<span size='large' weight='bold'>%s</span>\n", _("Tiers and Rights"));
  stmt = gx_db_prepare (db,
                        "SELECT id, code, name, period_months, grace_days, qualify_points, qualify_assets"
                        "  FROM club_tiers WHERE club_id = ? ORDER BY rank DESC",
                        NULL);
  sqlite3_bind_text (stmt, 1, club_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *label = gx_tier_label (gx_db_column_text (stmt, 1), gx_db_column_text (stmt, 2));
      int months = sqlite3_column_int (stmt, 3);
      int grace = sqlite3_column_int (stmt, 4);
      gint64 points = sqlite3_column_int64 (stmt, 5);
      const char *assets = gx_db_column_text (stmt, 6);
      g_autofree char *points_text = g_strdup_printf ("%'" G_GINT64_FORMAT, points);

      append_escaped (out, "\n<b>%s</b>\n", label);
      /* Translators: "Membership for 12 months, with 30 grace days to renew." */
      append_escaped (out, "%s ", keep (pool, g_strdup_printf (_("Membership for %d months, with %d grace days to renew."), months, grace)));
      if (points > 0 && assets != NULL && *assets != '\0')
        append_escaped (out, "%s\n", keep (pool, g_strdup_printf (_("Reached with %s points earned in twelve months and assets of %s."),
                                                      points_text, gx_vocab_label (GX_VOCAB_ASSETS_BAND, assets))));
      else if (points > 0)
        append_escaped (out, "%s\n", keep (pool, g_strdup_printf (_("Reached with %s points earned in twelve months."), points_text)));
      else
        g_string_append (out, "\n");
      g_ptr_array_add (tier_ids, gx_db_dup_column (stmt, 0));
    }
  sqlite3_reset (stmt);

  /* The rights, tier by tier (read after the tiers: one statement at a time). */
  for (guint i = 0; i < tier_ids->len; i++)
    {
      g_autofree char *label = gx_db_query_string (db, "SELECT coalesce (name, '') FROM club_tiers WHERE id = ?",
                                                   g_variant_new ("(s)", tier_ids->pdata[i]), NULL);
      g_autofree char *code = gx_db_query_string (db, "SELECT code FROM club_tiers WHERE id = ?",
                                                  g_variant_new ("(s)", tier_ids->pdata[i]), NULL);
      g_autofree char *tier_label = gx_tier_label (code, label);
      gboolean any = FALSE;

      stmt = gx_db_prepare (db, "SELECT name, description, yearly_quota FROM tier_rights WHERE tier_id = ? ORDER BY rowid", NULL);
      sqlite3_bind_text (stmt, 1, tier_ids->pdata[i], -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          if (!any)
            /* Translators: a heading: "Rights of Gold" */
            append_escaped (out, "\n<b>%s</b>\n", keep (pool, g_strdup_printf (_("Rights of %s"), tier_label)));
          any = TRUE;
          if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
            append_escaped (out, "•\t%s — %s\t%s\n", gx_db_column_text (stmt, 0), gx_db_column_text (stmt, 1),
                            keep (pool, g_strdup_printf (ngettext ("%d a year", "%d a year", (gulong) sqlite3_column_int (stmt, 2)),
                                             sqlite3_column_int (stmt, 2))));
          else
            append_escaped (out, "•\t%s — %s\n", gx_db_column_text (stmt, 0), gx_db_column_text (stmt, 1));
        }
      sqlite3_reset (stmt);
    }

  append_escaped (out, "\n<span size='large' weight='bold'>%s</span>\n", _("Points"));
  append_escaped (out, "%s\n", _("Points are earned by attending club activities, by introducing new members and by awards, and are kept in a ledger: each entry is dated and never changed."));
  append_escaped (out, "%s %s\n", _("Points expire:"), gx_vocab_label (GX_VOCAB_POINTS_EXPIRY, expiry));
  append_escaped (out, "%s\n", _("A redemption spends the points that expire soonest first."));

  append_escaped (out, "\n<span size='large' weight='bold'>%s</span>\n", _("Rewards"));
  stmt = gx_db_prepare (db, "SELECT name, points_cost FROM rewards WHERE club_id = ? AND active = 1 ORDER BY points_cost", NULL);
  sqlite3_bind_text (stmt, 1, club_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *cost = g_strdup_printf ("%'" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 1));
      append_escaped (out, "•\t%s\t%s\n", gx_db_column_text (stmt, 0),
                      keep (pool, g_strdup_printf (ngettext ("%s point", "%s points", (gulong) sqlite3_column_int64 (stmt, 1)), cost)));
    }
  sqlite3_reset (stmt);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Printing */

typedef struct
{
  char        *markup;
  PangoLayout *layout;
  GArray      *page_breaks;   /* first line of each page */
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_free (job->markup);
  g_clear_object (&job->layout);
  g_clear_pointer (&job->page_breaks, g_array_unref);
  g_free (job);
}

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   PrintJob          *job)
{
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 10");
  PangoTabArray *tabs;
  PangoLayoutIter *iter;
  double page_top = 0;
  int line = 0;

  job->layout = gtk_print_context_create_pango_layout (context);
  pango_layout_set_font_description (job->layout, font);
  pango_layout_set_width (job->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (job->layout, PANGO_WRAP_WORD_CHAR);
  /* Columns: a date or a label, then the amount, then what it was. */
  tabs = pango_tab_array_new_with_positions (3, TRUE,
                                             PANGO_TAB_LEFT, (int) (width * 0.22),
                                             PANGO_TAB_LEFT, (int) (width * 0.42),
                                             PANGO_TAB_LEFT, (int) (width * 0.62));
  pango_layout_set_tabs (job->layout, tabs);
  pango_tab_array_free (tabs);
  pango_layout_set_markup (job->layout, job->markup, -1);

  job->page_breaks = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_append_val (job->page_breaks, line);

  iter = pango_layout_get_iter (job->layout);
  do
    {
      PangoRectangle logical;
      double bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      bottom = (double) (logical.y + logical.height) / PANGO_SCALE;
      if (bottom - page_top > height && line > 0)
        {
          g_array_append_val (job->page_breaks, line);
          page_top = (double) logical.y / PANGO_SCALE;
        }
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  gtk_print_operation_set_n_pages (operation, (int) job->page_breaks->len);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  int first = g_array_index (job->page_breaks, int, page);
  int last = (guint) page + 1 < job->page_breaks->len ? g_array_index (job->page_breaks, int, page + 1)
                                                       : G_MAXINT;
  PangoLayoutIter *iter = pango_layout_get_iter (job->layout);
  double page_top = -1;
  int line = 0;

  cairo_set_source_rgb (cr, 0, 0, 0);
  do
    {
      if (line >= first && line < last)
        {
          PangoRectangle logical;
          int baseline = pango_layout_iter_get_baseline (iter);

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          if (page_top < 0)
            page_top = (double) logical.y / PANGO_SCALE;
          cairo_move_to (cr, (double) logical.x / PANGO_SCALE, (double) baseline / PANGO_SCALE - page_top);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/**
 * gx_club_print:
 * @parent: (nullable): the window the print dialog belongs to
 * @job_name: the document's name
 * @markup: the document
 * @pdf_path: (nullable): save as PDF to this file without a dialog; %NULL opens the print
 *   dialog (where "Print to File" saves a PDF too)
 * @error: return location for a #GError
 */
gboolean
gx_club_print (GtkWindow   *parent,
               const char  *job_name,
               const char  *markup,
               const char  *pdf_path,
               GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  PrintJob *job = g_new0 (PrintJob, 1);
  GtkPrintOperationResult result;

  job->markup = g_strdup (markup);
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), job);
  g_object_set_data_full (G_OBJECT (operation), "gx-job", job, (GDestroyNotify) print_job_free);

  if (pdf_path != NULL)
    {
      gtk_print_operation_set_export_filename (operation, pdf_path);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, error);
    }
  else
    result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error);

  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
