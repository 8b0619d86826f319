/* gx-case-report.c: one complaint case as a document — printed, saved as PDF, read in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-case-report"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "gx-case-report.h"
#include "gx-case.h"
#include "gx-enums.h"
#include "gx-format.h"

/* What a case file (投诉处理单) holds on paper: the complaint as taken, its time limits and
 * where they stand, the resolution, the return visits, the supervisor's sign-off and the
 * whole timeline. Built as plain tables (GxReport) so the app lays it out like the service
 * report and a test reads it without a printer. Tables have two columns, the item and its
 * detail, because the print layout gives the first column 40 % of the width. */

static void
row (GxReportSection *section,
     const char      *item,
     const char      *detail)
{
  const char *cells[] = { item, detail ? detail : "", NULL };

  gx_report_table_add_row (section, cells);
}

static GxReportSection *
table (GxReport   *report,
       const char *title)
{
  const char *headings[] = { _("Item"), _("Detail"), NULL };

  return gx_report_add_table (report, title, 2, headings);
}

static char *
when (gint64     t,
      GTimeZone *tz)
{
  return t > 0 ? gx_format_date_time (t, tz) : g_strdup ("–");
}

static const char *
text_or_dash (sqlite3_stmt *stmt,
              int           col)
{
  const char *text = gx_db_column_text (stmt, col);

  return text != NULL && *text != '\0' ? text : "–";
}

static void
add_timeline (GxReport    *report,
              GxDb        *db,
              const char  *case_id,
              GTimeZone   *tz)
{
  const char *headings[] = { _("When and who"), _("What"), NULL };
  GxReportSection *section = gx_report_add_table (report, _("Timeline"), 2, headings);
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (db,
                        "SELECT e.kind, e.to_status, e.decision, t.display_name, e.department, u.display_name,"
                        "       e.at, e.note, e.score"
                        "  FROM case_events e"
                        "  LEFT JOIN users u ON u.id = e.user_id"
                        "  LEFT JOIN users t ON t.id = e.to_user"
                        " WHERE e.case_id = ? ORDER BY e.at, e.rowid",
                        NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *title = gx_case_event_title (gx_db_column_text (stmt, 0),
                                                    (const char *) sqlite3_column_text (stmt, 1),
                                                    (const char *) sqlite3_column_text (stmt, 2),
                                                    (const char *) sqlite3_column_text (stmt, 3),
                                                    (const char *) sqlite3_column_text (stmt, 4));
      g_autofree char *at = when (sqlite3_column_int64 (stmt, 6), tz);
      const char *who = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? _("Guanxi") : gx_db_column_text (stmt, 5);
      g_autoptr(GString) what = g_string_new (title);
      /* Translators: when · who, in a printed case's timeline */
      g_autofree char *first = g_strdup_printf (_("%s · %s"), at, who);

      if (sqlite3_column_int (stmt, 8) > 0)
        {
          g_string_append (what, " · ");
          g_string_append_printf (what, _("quality %d/5"), sqlite3_column_int (stmt, 8));
        }
      if (*gx_db_column_text (stmt, 7) != '\0')
        g_string_append_printf (what, "\n%s", gx_db_column_text (stmt, 7));
      row (section, first, what->str);
    }
  sqlite3_reset (stmt);
}

static void
add_visits (GxReport    *report,
            GxDb        *db,
            const char  *case_id,
            GTimeZone   *tz)
{
  GxReportSection *section = NULL;
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (db,
                        "SELECT v.id, v.scheduled_at, v.done_at, v.method, u.display_name, v.overall, v.accepted, v.comment"
                        "  FROM return_visits v LEFT JOIN users u ON u.id = v.staff_id"
                        " WHERE v.case_id = ? ORDER BY v.scheduled_at",
                        NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *scheduled = when (sqlite3_column_int64 (stmt, 1), tz);
      g_autoptr(GString) detail = g_string_new (NULL);
      g_autofree char *item = NULL;

      if (section == NULL)
        section = table (report, _("Return Visits"));

      if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
        {
          /* Translators: a return visit not yet made: when it is planned */
          item = g_strdup_printf (_("Scheduled for %s"), scheduled);
          g_string_append (detail, _("Not made yet"));
        }
      else
        {
          g_autofree char *done = when (sqlite3_column_int64 (stmt, 2), tz);
          sqlite3_stmt *scores;

          /* Translators: a return visit made: when, and by whom */
          item = g_strdup_printf (_("%s · by %s"), done, text_or_dash (stmt, 4));
          /* Translators: how the return visit was made, and the overall satisfaction */
          g_string_append_printf (detail, _("%s · overall %d of 5"),
                                  gx_vocab_label (GX_VOCAB_VISIT_METHOD, gx_db_column_text (stmt, 3)),
                                  sqlite3_column_int (stmt, 5));
          scores = gx_db_prepare (db,
                                  "SELECT f.id, f.name, s.score FROM return_visit_scores s"
                                  "  JOIN service_factors f ON f.id = s.factor_id"
                                  " WHERE s.return_visit_id = ? ORDER BY f.position",
                                  NULL);
          if (scores != NULL)
            {
              sqlite3_bind_text (scores, 1, gx_db_column_text (stmt, 0), -1, SQLITE_TRANSIENT);
              while (sqlite3_step (scores) == SQLITE_ROW)
                {
                  g_string_append (detail, " · ");
                  /* Translators: a service factor and its score, e.g. "Speed 4" */
                  g_string_append_printf (detail, _("%s %d"),
                                          gx_vocab_display_name (GX_VOCAB_SERVICE_FACTOR, gx_db_column_text (scores, 0),
                                                                 gx_db_column_text (scores, 1)),
                                          sqlite3_column_int (scores, 2));
                }
              sqlite3_reset (scores);
            }
          g_string_append (detail, " · ");
          g_string_append (detail, sqlite3_column_int (stmt, 6) ? _("The customer accepts the outcome")
                                                                : _("The customer does not accept the outcome"));
          if (*gx_db_column_text (stmt, 7) != '\0')
            g_string_append_printf (detail, "\n%s", gx_db_column_text (stmt, 7));
        }
      row (section, item, detail->str);
    }
  sqlite3_reset (stmt);
}

/**
 * gx_case_report_new:
 * @db: a connection
 * @case_id: the case
 * @printed_by: (nullable): who prints it, for the footer
 * @now: when it is printed: the footer's date and where the time limits stand
 * @tz: (nullable): the time zone dates are written in; local when %NULL
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the case as a document, or %NULL when it cannot be
 *   read
 */
GxReport *
gx_case_report_new (GxDb        *db,
                    const char  *case_id,
                    const char  *printed_by,
                    gint64       now,
                    GTimeZone   *tz,
                    GError     **error)
{
  g_autoptr(GxReport) report = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *printed_at = NULL;
  GxReportSection *section;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (case_id != NULL, NULL);

  stmt = gx_db_prepare (db,
                        "SELECT k.number, k.subject, k.status, k.severity, k.impact, k.urgency, k.channel,"
                        "       k.category_id, g.name, c.name, c.number, k.received_at, k.description,"
                        "       k.remedy_sought, f.display_name, a.display_name, k.department,"
                        "       k.ack_due_at, k.acknowledged_at, k.resolve_due_at, k.resolve_warn_at, k.resolved_at,"
                        "       k.escalation_level, k.escalated_at, e.display_name,"
                        "       k.resolution, k.apology_given, k.compensation_amount, k.compensation_kind,"
                        "       k.root_cause, k.communicated_via, k.final_decision, k.no_visit_reason,"
                        "       r.display_name, k.reviewed_at, k.quality_score, k.closed_at, k.reopen_count"
                        "  FROM cases k"
                        "  JOIN customers c ON c.id = k.customer_id"
                        "  LEFT JOIN case_categories g ON g.id = k.category_id"
                        "  LEFT JOIN users f ON f.id = k.first_responder_id"
                        "  LEFT JOIN users a ON a.id = k.assignee_id"
                        "  LEFT JOIN users e ON e.id = k.escalated_to"
                        "  LEFT JOIN users r ON r.id = k.reviewed_by"
                        " WHERE k.id = ?",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The case is not in this archive."));
      else
        gx_db_set_error (db, error, "case");
      sqlite3_reset (stmt);
      return NULL;
    }

  /* Translators: the title of a printed complaint case; %s is its number */
  title = g_strdup_printf (_("Complaint %s"), gx_db_column_text (stmt, 0));
  /* Translators: a printed case's subtitle: its subject · status · severity */
  subtitle = g_strdup_printf (_("%s · %s · %s"), gx_db_column_text (stmt, 1),
                              gx_vocab_label (GX_VOCAB_CASE_STATUS, gx_db_column_text (stmt, 2)),
                              gx_vocab_label (GX_VOCAB_SEVERITY, gx_db_column_text (stmt, 3)));
  printed_at = gx_format_date_time (now, tz);
  footer = printed_by != NULL
           /* Translators: the footer of a printed case: who printed it, and when */
           ? g_strdup_printf (_("Printed by %s on %s"), printed_by, printed_at)
           /* Translators: the footer of a printed case: when it was printed */
           : g_strdup_printf (_("Printed on %s"), printed_at);
  report = gx_report_new (title, subtitle, footer);

  /* The complaint as taken */
  section = table (report, _("Complaint"));
  {
    g_autofree char *customer = g_strdup_printf ("%s · %s", gx_db_column_text (stmt, 9), gx_db_column_text (stmt, 10));
    g_autofree char *received = when (sqlite3_column_int64 (stmt, 11), tz);
    g_autofree char *severity = NULL;
    g_autofree char *handled = NULL;
    const char *category = sqlite3_column_type (stmt, 7) == SQLITE_NULL
                           ? _("Not categorised")
                           : gx_vocab_display_name (GX_VOCAB_CASE_CATEGORY, gx_db_column_text (stmt, 7),
                                                    gx_db_column_text (stmt, 8));

    if (sqlite3_column_type (stmt, 4) != SQLITE_NULL && sqlite3_column_type (stmt, 5) != SQLITE_NULL)
      severity = g_strdup_printf (_("%s · impact %s, urgency %s"),
                                  gx_vocab_label (GX_VOCAB_SEVERITY, gx_db_column_text (stmt, 3)),
                                  gx_vocab_label (GX_VOCAB_LEVEL, gx_db_column_text (stmt, 4)),
                                  gx_vocab_label (GX_VOCAB_LEVEL, gx_db_column_text (stmt, 5)));
    else
      severity = g_strdup (gx_vocab_label (GX_VOCAB_SEVERITY, gx_db_column_text (stmt, 3)));
    handled = *gx_db_column_text (stmt, 16) != '\0'
              ? g_strdup_printf (_("%s (%s)"), text_or_dash (stmt, 15), gx_db_column_text (stmt, 16))
              : g_strdup (text_or_dash (stmt, 15));

    row (section, _("Customer"), customer);
    row (section, _("Channel"), gx_vocab_label (GX_VOCAB_CASE_CHANNEL, gx_db_column_text (stmt, 6)));
    row (section, _("Category"), category);
    row (section, _("Severity"), severity);
    row (section, _("Received"), received);
    row (section, _("What happened"), text_or_dash (stmt, 12));
    row (section, _("Remedy sought"), text_or_dash (stmt, 13));
    row (section, _("First responder"), text_or_dash (stmt, 14));
    row (section, _("Handled by"), handled);
  }

  /* Time limits, as they stand when printed */
  section = table (report, _("Time Limits"));
  {
    g_autofree char *ack_due = when (sqlite3_column_int64 (stmt, 17), tz);
    g_autofree char *acknowledged = when (sqlite3_column_int64 (stmt, 18), tz);
    g_autofree char *resolve_due = sqlite3_column_type (stmt, 19) == SQLITE_NULL ? g_strdup (_("Paused or not set"))
                                                                                  : when (sqlite3_column_int64 (stmt, 19), tz);
    g_autofree char *resolved = when (sqlite3_column_int64 (stmt, 21), tz);
    g_autofree char *state = NULL;
    g_autofree char *ack = g_strdup_printf (_("Due %s · done %s"), ack_due, acknowledged);
    g_autofree char *answer = g_strdup_printf (_("Due %s · done %s"), resolve_due, resolved);

    gx_case_deadline (gx_db_column_text (stmt, 2), sqlite3_column_int64 (stmt, 17), sqlite3_column_int64 (stmt, 18),
                      sqlite3_column_int64 (stmt, 19), sqlite3_column_int64 (stmt, 20), sqlite3_column_int64 (stmt, 21),
                      now, &state);
    row (section, _("Acknowledge by"), ack);
    row (section, _("Answer by"), answer);
    row (section, _("Where it stands"), state);
    if (sqlite3_column_int (stmt, 22) > 0)
      {
        g_autofree char *at = when (sqlite3_column_int64 (stmt, 23), tz);
        g_autofree char *escalated = sqlite3_column_type (stmt, 24) != SQLITE_NULL
                                     ? g_strdup_printf (_("Level %d, to %s, %s"), sqlite3_column_int (stmt, 22),
                                                        gx_db_column_text (stmt, 24), at)
                                     : g_strdup_printf (_("Level %d, %s"), sqlite3_column_int (stmt, 22), at);
        row (section, _("Escalated"), escalated);
      }
  }

  /* What was done */
  section = table (report, _("Resolution"));
  {
    g_autofree char *compensation = NULL;
    g_autofree char *communicated = NULL;

    if (sqlite3_column_type (stmt, 27) != SQLITE_NULL && sqlite3_column_int64 (stmt, 27) > 0)
      {
        g_autofree char *money = gx_format_money (sqlite3_column_int64 (stmt, 27));
        compensation = *gx_db_column_text (stmt, 28) != '\0' ? g_strdup_printf ("%s · %s", money, gx_db_column_text (stmt, 28))
                                                            : g_steal_pointer (&money);
      }
    else if (*gx_db_column_text (stmt, 28) != '\0')
      compensation = g_strdup (gx_db_column_text (stmt, 28));
    if (sqlite3_column_type (stmt, 30) != SQLITE_NULL)
      {
        g_autofree char *at = when (sqlite3_column_int64 (stmt, 21), tz);
        /* Translators: how the decision reached the customer, and when */
        communicated = g_strdup_printf (_("%s · %s"), gx_vocab_label (GX_VOCAB_REPLY_METHOD, gx_db_column_text (stmt, 30)), at);
      }

    row (section, _("What was done"), text_or_dash (stmt, 25));
    row (section, _("Apology given"), sqlite3_column_int (stmt, 26) ? _("Yes") : _("No"));
    row (section, _("Compensation"), compensation ? compensation : "–");
    row (section, _("Root cause"), text_or_dash (stmt, 29));
    row (section, _("Decision communicated"), communicated ? communicated : "–");
    if (*gx_db_column_text (stmt, 31) != '\0')
      row (section, _("Final decision"), gx_db_column_text (stmt, 31));
    if (*gx_db_column_text (stmt, 32) != '\0')
      row (section, _("Why no return visit"), gx_db_column_text (stmt, 32));
  }

  add_visits (report, db, case_id, tz);

  /* The supervisor's sign-off */
  if (sqlite3_column_type (stmt, 33) != SQLITE_NULL || sqlite3_column_int (stmt, 37) > 0)
    {
      section = table (report, _("Supervisor Review"));
      if (sqlite3_column_type (stmt, 33) != SQLITE_NULL)
        {
          g_autofree char *at = when (sqlite3_column_int64 (stmt, 34), tz);
          g_autofree char *signed_off = g_strdup_printf (_("%s · %s"), gx_db_column_text (stmt, 33), at);

          row (section, _("Signed off by"), signed_off);
          if (sqlite3_column_int (stmt, 35) > 0)
            {
              g_autofree char *score = g_strdup_printf (_("%d of 5"), sqlite3_column_int (stmt, 35));
              row (section, _("Quality score"), score);
            }
        }
      if (sqlite3_column_int (stmt, 37) > 0)
        {
          g_autofree char *times = g_strdup_printf ("%d", sqlite3_column_int (stmt, 37));
          row (section, _("Reopened"), times);
        }
    }
  sqlite3_reset (stmt);

  add_timeline (report, db, case_id, tz);

  return g_steal_pointer (&report);
}
