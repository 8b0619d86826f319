/* gx-case-row.c: a complaint case as the case list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-case-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gx-case-row.h"

struct _GxCaseRow
{
  GxRow parent_instance;
};

G_DEFINE_FINAL_TYPE (GxCaseRow, gx_case_row, GX_TYPE_ROW)

static const char * const tables[] = {
  "cases", "customers", "case_categories", "users", NULL
};

static void
gx_case_row_class_init (GxCaseRowClass *klass)
{
  GxRowClass *row_class = GX_ROW_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GxRowColumn columns[] = {
    { g_param_spec_string ("number", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("subject", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("customer", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("status-code", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("status", NULL, NULL, "", flags), GX_VOCAB_CASE_STATUS },
    { g_param_spec_string ("severity", NULL, NULL, "", flags), GX_VOCAB_SEVERITY },
    { g_param_spec_string ("channel", NULL, NULL, "", flags), GX_VOCAB_CASE_CHANNEL },
    { g_param_spec_string ("category", NULL, NULL, "", flags), GX_VOCAB_CASE_CATEGORY, TRUE },
    { g_param_spec_string ("category-name", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("assignee", NULL, NULL, "", flags), -1 },
    { g_param_spec_int64 ("received-at", NULL, NULL, 0, G_MAXINT64, 0, flags), -1 },
    { g_param_spec_int64 ("resolve-due-at", NULL, NULL, 0, G_MAXINT64, 0, flags), -1 },
    { g_param_spec_int64 ("resolved-at", NULL, NULL, 0, G_MAXINT64, 0, flags), -1 },
    { g_param_spec_int ("escalation-level", NULL, NULL, 0, G_MAXINT, 0, flags), -1 },
    { g_param_spec_int64 ("resolve-warn-at", NULL, NULL, 0, G_MAXINT64, 0, flags), -1 },
    { g_param_spec_int64 ("ack-due-at", NULL, NULL, 0, G_MAXINT64, 0, flags), -1 },
    { g_param_spec_int64 ("acknowledged-at", NULL, NULL, 0, G_MAXINT64, 0, flags), -1 },
    { g_param_spec_string ("customer-id", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("first-responder", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("severity-code", NULL, NULL, "", flags), -1 },
  };

  row_class->tables = tables;
  row_class->page_sql =
    "SELECT k.rowid, k.id, k.number, k.subject, c.name, k.status, k.status, k.severity,"
    "       k.channel, k.category_id, cat.name, u.display_name, k.received_at,"
    "       k.resolve_due_at, k.resolved_at, k.escalation_level, k.resolve_warn_at, k.ack_due_at,"
    "       k.acknowledged_at, k.customer_id, f.display_name, k.severity"
    "  FROM cases k"
    "  JOIN customers c ON c.id = k.customer_id"
    "  LEFT JOIN case_categories cat ON cat.id = k.category_id"
    "  LEFT JOIN users u ON u.id = k.assignee_id"
    "  LEFT JOIN users f ON f.id = k.first_responder_id"
    " WHERE k.rowid IN (%s)";
  gx_row_class_install_columns (row_class, columns, G_N_ELEMENTS (columns));
}

static void
gx_case_row_init (GxCaseRow *self)
{
}

/**
 * gx_case_row_csv_columns:
 * @n_columns: (out): how many
 *
 * The columns a case list is exported with: what a supervisor sorts and counts by in a
 * spreadsheet, headed in the user's language.
 *
 * Returns: (transfer none) (array length=n_columns): the columns
 */
const GxCsvColumn *
gx_case_row_csv_columns (guint *n_columns)
{
  static GxCsvColumn columns[] = {
    { "number", N_("Number"), GX_CSV_TEXT },
    { "received-at", N_("Received"), GX_CSV_DATE_TIME },
    { "customer", N_("Customer"), GX_CSV_TEXT },
    { "channel", N_("Channel"), GX_CSV_TEXT },
    { "category", N_("Category"), GX_CSV_TEXT },
    { "severity", N_("Severity"), GX_CSV_TEXT },
    { "status", N_("Status"), GX_CSV_TEXT },
    { "subject", N_("Subject"), GX_CSV_TEXT },
    { "first-responder", N_("First responder"), GX_CSV_TEXT },
    { "assignee", N_("Assignee"), GX_CSV_TEXT },
    { "resolve-due-at", N_("Answer by"), GX_CSV_DATE_TIME },
    { "resolved-at", N_("Answered"), GX_CSV_DATE_TIME },
    { "escalation-level", N_("Escalation level"), GX_CSV_NUMBER },
  };
  static gsize translated = 0;

  /* Headings in the language of the run, translated once. */
  if (g_once_init_enter (&translated))
    {
      for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
        columns[i].heading = _(columns[i].heading);
      g_once_init_leave (&translated, 1);
    }

  *n_columns = G_N_ELEMENTS (columns);
  return columns;
}
