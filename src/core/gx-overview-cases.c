/* gx-overview-cases.c: the complaint and satisfaction figures of the overview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-overview"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-enums.h"
#include "gx-overview-private.h"

/* Overdue means what the complaints list's "Overdue" queue means: the answer clock ran out
 * before the case was resolved, or a received case was not acknowledged in time. */
#define OVERDUE_SQL \
  "((k.resolved_at IS NULL AND k.resolve_due_at < :now)" \
  " OR (k.status = 'received' AND k.acknowledged_at IS NULL AND k.ack_due_at < :now))"

static int
compare_items_by_count (gconstpointer a,
                        gconstpointer b)
{
  const GxFigureItem *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_utf8_collate (x->label, y->label);
}

static gboolean
open_cases (GxOverviewQuery  *q,
            GxOverview       *overview,
            GError          **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const GxVocabEntry *statuses;
  guint n_statuses;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _gx_overview_prepare (q,
    "SELECT k.status, count (*), sum (" OVERDUE_SQL "), sum (k.escalation_level > 0), sum (k.reopen_count > 0)"
    "  FROM cases k INDEXED BY cases_open_figures"
    " WHERE k.status <> 'closed'" GX_SCOPED (GX_CASE_OWNER)
    " GROUP BY k.status", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *status = gx_db_column_text (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);

      overview->open_cases += n;
      overview->overdue_cases += sqlite3_column_int64 (stmt, 2);
      overview->escalated_cases += sqlite3_column_int64 (stmt, 3);
      overview->reopened_cases += sqlite3_column_int64 (stmt, 4);
      if (g_strcmp0 (status, "in_review") == 0)
        overview->in_review_cases = n;
      g_hash_table_insert (counts, g_strdup (status), GINT_TO_POINTER ((int) n));
    }
  if (!_gx_overview_finish (q, stmt, rc, error))
    return FALSE;

  /* Every open status in the order a case moves through them, so the chart keeps its shape
   * from day to day; then any status a newer desk sent that this one does not know. */
  statuses = gx_vocab_entries (GX_VOCAB_CASE_STATUS, &n_statuses);
  for (guint i = 0; i < n_statuses; i++)
    if (strcmp (statuses[i].code, "closed") != 0)
      {
        gint64 n = GPOINTER_TO_INT (g_hash_table_lookup (counts, statuses[i].code));

        _gx_overview_add_item (overview->open_by_status, statuses[i].code,
                               gx_vocab_label (GX_VOCAB_CASE_STATUS, statuses[i].code), n, 0);
        g_hash_table_remove (counts, statuses[i].code);
      }
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, counts);
    while (g_hash_table_iter_next (&iter, &key, &value))
      _gx_overview_add_item (overview->open_by_status, key, key, GPOINTER_TO_INT (value), 0);
  }

  return _gx_overview_count (q,
    "SELECT count (*) FROM return_visits v"
    " WHERE v.done_at IS NULL AND v.scheduled_at <= :now" GX_SCOPED (GX_CASE_OWNER_OF ("v.case_id")),
    &overview->return_visits_due, error);
}

static gboolean
top_customers (GxOverviewQuery  *q,
               GxOverview       *overview,
               GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _gx_overview_prepare (q,
    "SELECT t.customer_id, c.name, t.n FROM"
    " (SELECT k.customer_id, count (*) AS n FROM cases k INDEXED BY cases_open_by_customer"
    "   WHERE k.status <> 'closed'" GX_SCOPED (GX_CASE_OWNER)
    "   GROUP BY k.customer_id ORDER BY n DESC, k.customer_id LIMIT 10) t"
    " JOIN customers c ON c.id = t.customer_id"
    " ORDER BY t.n DESC, t.customer_id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    _gx_overview_add_item (overview->top_customers, gx_db_column_text (stmt, 0),
                           gx_db_column_text (stmt, 1), sqlite3_column_int64 (stmt, 2), 0);
  return _gx_overview_finish (q, stmt, rc, error);
}

static gboolean
received (GxOverviewQuery  *q,
          GxOverview       *overview,
          GError          **error)
{
  g_autoptr(GHashTable) category_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) by_category = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_channel = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _gx_overview_prepare (q, "SELECT id, name FROM case_categories", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (category_names, gx_db_dup_column (stmt, 0), gx_db_dup_column (stmt, 1));
  if (!_gx_overview_finish (q, stmt, rc, error))
    return FALSE;

  stmt = _gx_overview_prepare (q,
    "SELECT coalesce (k.category_id, ''), k.channel, count (*) FROM cases k INDEXED BY cases_received_figures"
    " WHERE k.received_at >= :from AND k.received_at < :until" GX_SCOPED (GX_CASE_OWNER)
    " GROUP BY 1, 2", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *category = gx_db_column_text (stmt, 0);
      const char *channel = gx_db_column_text (stmt, 1);
      gint64 n = sqlite3_column_int64 (stmt, 2);

      overview->received_cases += n;
      g_hash_table_insert (by_category, g_strdup (category),
                           GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (by_category, category)) + n));
      g_hash_table_insert (by_channel, g_strdup (channel),
                           GSIZE_TO_POINTER (GPOINTER_TO_SIZE (g_hash_table_lookup (by_channel, channel)) + n));
    }
  if (!_gx_overview_finish (q, stmt, rc, error))
    return FALSE;

  g_hash_table_iter_init (&iter, by_category);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *label = *(char *) key == '\0'
                          ? _("Not categorised")
                          : gx_vocab_display_name (GX_VOCAB_CASE_CATEGORY, key, g_hash_table_lookup (category_names, key));

      _gx_overview_add_item (overview->by_category, key, label, (gint64) GPOINTER_TO_SIZE (value), 0);
    }
  g_array_sort (overview->by_category, compare_items_by_count);

  g_hash_table_iter_init (&iter, by_channel);
  while (g_hash_table_iter_next (&iter, &key, &value))
    _gx_overview_add_item (overview->by_channel, key, gx_vocab_label (GX_VOCAB_CASE_CHANNEL, key),
                           (gint64) GPOINTER_TO_SIZE (value), 0);
  g_array_sort (overview->by_channel, compare_items_by_count);

  return _gx_overview_count (q,
    "SELECT count (*) FROM cases k INDEXED BY cases_received_figures"
    " WHERE k.received_at >= :prev_from AND k.received_at < :prev_until" GX_SCOPED (GX_CASE_OWNER),
    &overview->prev_received_cases, error);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The mean and the 90th percentile (nearest rank: the smallest value with at least 90 % of
 * the values at or below it) of the durations a query returns. */
static gboolean
durations (GxOverviewQuery   *q,
           const char        *sql,
           gint64             from,
           gint64             until,
           GxDurationFigure  *figure,
           GError           **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  double sum = 0;
  int rc;

  q->a = from;
  q->b = until;
  stmt = _gx_overview_prepare (q, sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seconds = MAX (sqlite3_column_int64 (stmt, 0), 0);

      g_array_append_val (values, seconds);
      sum += seconds;
    }
  if (!_gx_overview_finish (q, stmt, rc, error))
    return FALSE;

  memset (figure, 0, sizeof *figure);
  figure->n = values->len;
  if (values->len > 0)
    {
      guint rank = (9 * values->len + 9) / 10;   /* ceil (0.9 n) */

      g_array_sort (values, compare_int64);
      figure->mean = sum / values->len;
      figure->p90 = g_array_index (values, gint64, rank - 1);
    }
  return TRUE;
}

#define ACK_SQL \
  "SELECT k.acknowledged_at - k.received_at FROM cases k INDEXED BY cases_by_acknowledged" \
  " WHERE k.acknowledged_at >= :a AND k.acknowledged_at < :b" GX_SCOPED (GX_CASE_OWNER)
#define RESOLVE_SQL \
  "SELECT k.resolved_at - k.received_at FROM cases k INDEXED BY cases_by_resolved" \
  " WHERE k.resolved_at >= :a AND k.resolved_at < :b" GX_SCOPED (GX_CASE_OWNER)

/**
 * _gx_overview_cases:
 *
 * Open cases by status, overdue, escalated, awaiting review and reopened ones; what came in
 * during the period by cause and channel; the time to acknowledge and to resolve (cases
 * acknowledged or resolved in the period, received → acknowledged or resolved, in calendar
 * time) against the period before; the customers with the most open cases.
 */
gboolean
_gx_overview_cases (GxOverviewQuery  *q,
                    GxOverview       *overview,
                    GError          **error)
{
  const GxPeriodRange *r = q->range;

  return open_cases (q, overview, error) &&
         top_customers (q, overview, error) &&
         received (q, overview, error) &&
         durations (q, ACK_SQL, r->from, r->until, &overview->acknowledge, error) &&
         durations (q, ACK_SQL, r->prev_from, r->prev_until, &overview->prev_acknowledge, error) &&
         durations (q, RESOLVE_SQL, r->from, r->until, &overview->resolve, error) &&
         durations (q, RESOLVE_SQL, r->prev_from, r->prev_until, &overview->prev_resolve, error);
}

/* Satisfaction ----------------------------------------------------------------------------- */

static gboolean
overall (GxOverviewQuery  *q,
         gint64            from,
         gint64            until,
         gint64           *n,
         double           *mean,
         GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  q->a = from;
  q->b = until;
  stmt = _gx_overview_prepare (q,
    "SELECT count (v.overall), coalesce (avg (v.overall), 0) FROM return_visits v"
    " WHERE v.done_at >= :a AND v.done_at < :b AND v.overall IS NOT NULL"
    GX_SCOPED (GX_CASE_OWNER_OF ("v.case_id")), error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *n = sqlite3_column_int64 (stmt, 0);
      *mean = sqlite3_column_double (stmt, 1);
    }
  return _gx_overview_finish (q, stmt, rc, error);
}

static GxFigureSeries *
find_series (GPtrArray  *all,
             const char *key)
{
  for (guint i = 0; i < all->len; i++)
    {
      GxFigureSeries *series = g_ptr_array_index (all, i);

      if (g_strcmp0 (series->key, key) == 0)
        return series;
    }
  return NULL;
}

static gboolean
by_month (GxOverviewQuery  *q,
          GxOverview       *overview,
          GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  overview->satisfaction_by_month = _gx_overview_series_new ("", _("Overall"));
  stmt = _gx_overview_prepare (q,
    "SELECT " GX_MONTH_BUCKET ("v.done_at") ", count (v.overall), avg (v.overall) FROM return_visits v"
    " WHERE v.done_at >= :m0 AND v.done_at < :m12 AND v.overall IS NOT NULL"
    GX_SCOPED (GX_CASE_OWNER_OF ("v.case_id"))
    " GROUP BY 1", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int month = CLAMP (sqlite3_column_int (stmt, 0), 0, GX_OVERVIEW_MONTHS - 1);

      overview->satisfaction_by_month->count[month] = sqlite3_column_int64 (stmt, 1);
      overview->satisfaction_by_month->value[month] = sqlite3_column_double (stmt, 2);
    }
  if (!_gx_overview_finish (q, stmt, rc, error))
    return FALSE;

  stmt = _gx_overview_prepare (q,
    "SELECT " GX_MONTH_BUCKET ("v.done_at") ", s.factor_id, count (*), avg (s.score)"
    "  FROM return_visits v JOIN return_visit_scores s ON s.return_visit_id = v.id"
    " WHERE v.done_at >= :m0 AND v.done_at < :m12"
    GX_SCOPED (GX_CASE_OWNER_OF ("v.case_id"))
    " GROUP BY 1, 2", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int month = CLAMP (sqlite3_column_int (stmt, 0), 0, GX_OVERVIEW_MONTHS - 1);
      const char *factor_id = gx_db_column_text (stmt, 1);
      const GxServiceFactor *factor = gx_service_index_find (overview->service_index, factor_id);
      GxFigureSeries *series = find_series (overview->factor_by_month, factor_id);

      if (series == NULL)
        {
          series = _gx_overview_series_new (factor_id, factor ? factor->name : factor_id);
          g_ptr_array_add (overview->factor_by_month, series);
        }
      series->count[month] = sqlite3_column_int64 (stmt, 2);
      series->value[month] = sqlite3_column_double (stmt, 3);
    }
  return _gx_overview_finish (q, stmt, rc, error);
}

/**
 * _gx_overview_satisfaction:
 *
 * The return visits done in the period: the mean overall score (and the period before's),
 * the mean per service factor, the service index over the factor tree, and the means of the
 * twelve months.
 */
gboolean
_gx_overview_satisfaction (GxOverviewQuery  *q,
                           GxOverview       *overview,
                           GError          **error)
{
  const GxPeriodRange *r = q->range;
  GxServiceIndex *index;
  gint64 n_visits = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (!overall (q, r->from, r->until, &overview->visits, &overview->satisfaction, error) ||
      !overall (q, r->prev_from, r->prev_until, &overview->prev_visits, &overview->prev_satisfaction, error))
    return FALSE;

  index = overview->service_index = gx_service_index_new ();
  if (!gx_service_index_load_tree (index, q->db, error))
    return FALSE;

  stmt = _gx_overview_prepare (q,
    "SELECT s.factor_id, count (*), sum (s.score)"
    "  FROM return_visits v JOIN return_visit_scores s ON s.return_visit_id = v.id"
    " WHERE v.done_at >= :from AND v.done_at < :until" GX_SCOPED (GX_CASE_OWNER_OF ("v.case_id"))
    " GROUP BY s.factor_id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    gx_service_index_add_scores (index, gx_db_column_text (stmt, 0),
                                 sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2));
  if (!_gx_overview_finish (q, stmt, rc, error))
    return FALSE;

  if (!_gx_overview_count (q,
        "SELECT count (*) FROM return_visits v"
        " WHERE v.done_at >= :from AND v.done_at < :until" GX_SCOPED (GX_CASE_OWNER_OF ("v.case_id"))
        "   AND EXISTS (SELECT 1 FROM return_visit_scores s WHERE s.return_visit_id = v.id)",
        &n_visits, error))
    return FALSE;
  gx_service_index_compute (index, n_visits);

  /* The mean per factor, in the tree's order, for the factors that were scored. */
  for (guint i = 0; i < index->factors->len; i++)
    {
      const GxServiceFactor *factor = g_ptr_array_index (index->factors, i);

      if (factor->n > 0)
        _gx_overview_add_item (overview->satisfaction_by_factor, factor->id, factor->name,
                               factor->n, factor->mean_score);
    }

  return by_month (q, overview, error);
}
