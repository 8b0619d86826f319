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
    " WHERE v.done_at IS NULL AND v.scheduled_at <= :now" GX_SCOPED ("v.owner_id"),
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
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const GxVocabEntry *channels;
  guint n_channels;
  gint64 categorised = 0;
  sqlite3_stmt *stmt;
  int rc;

  /* One count per channel and per cause, each over an index that starts with it: the same
   * entries a GROUP BY would read, without sorting them (0010-overview-figures.sql). */
  channels = gx_vocab_entries (GX_VOCAB_CASE_CHANNEL, &n_channels);
  for (guint i = 0; i < n_channels; i++)
    {
      gint64 n;

      if (!_gx_overview_count_key (q,
                         "SELECT count (*) FROM cases k INDEXED BY cases_channel_received"
                         " WHERE k.channel = :key AND k.received_at >= :from AND k.received_at < :until"
                         GX_SCOPED (GX_CASE_OWNER),
                         channels[i].code, &n, error))
        return FALSE;
      overview->received_cases += n;
      if (n > 0)
        _gx_overview_add_item (overview->by_channel, channels[i].code,
                               gx_vocab_label (GX_VOCAB_CASE_CHANNEL, channels[i].code), n, 0);
    }
  g_array_sort (overview->by_channel, compare_items_by_count);

  stmt = _gx_overview_prepare (q, "SELECT id, name FROM case_categories", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (categories, gx_db_dup_column (stmt, 0));
      g_ptr_array_add (names, gx_db_dup_column (stmt, 1));
    }
  if (!_gx_overview_finish (q, stmt, rc, error))
    return FALSE;

  for (guint i = 0; i < categories->len; i++)
    {
      const char *id = g_ptr_array_index (categories, i);
      gint64 n;

      if (!_gx_overview_count_key (q,
                         "SELECT count (*) FROM cases k INDEXED BY cases_category_received"
                         " WHERE k.category_id = :key AND k.received_at >= :from AND k.received_at < :until"
                         GX_SCOPED (GX_CASE_OWNER),
                         id, &n, error))
        return FALSE;
      categorised += n;
      if (n > 0)
        _gx_overview_add_item (overview->by_category, id,
                               gx_vocab_display_name (GX_VOCAB_CASE_CATEGORY, id, g_ptr_array_index (names, i)), n, 0);
    }
  /* Every case has a channel; the ones left over have no cause (yet). */
  if (overview->received_cases > categorised)
    _gx_overview_add_item (overview->by_category, "", _("Not categorised"), overview->received_cases - categorised, 0);
  g_array_sort (overview->by_category, compare_items_by_count);

  return _gx_overview_count (q,
    "SELECT count (*) FROM cases k INDEXED BY cases_received_owners"
    " WHERE k.received_at >= :prev_from AND k.received_at < :prev_until" GX_SCOPED (GX_CASE_OWNER),
    &overview->prev_received_cases, error);
}

/* The k-th smallest (from 0) of @v[0..n): quickselect, rearranging @v. A year of cases
 * gives 200,000 durations; sorting them all for one rank took 15 ms. */
static gint64
select_rank (gint64 *v,
             gssize  n,
             gssize  k)
{
  gssize lo = 0, hi = n - 1;

  while (lo < hi)
    {
      gint64 pivot = v[lo + (hi - lo) / 2];
      gssize i = lo, j = hi;

      /* Hoare's partition: afterwards v[lo..j] <= pivot <= v[i..hi], j < i, and whatever
       * lies between them equals the pivot. */
      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              gint64 t = v[i];

              v[i++] = v[j];
              v[j--] = t;
            }
        }

      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        break;
    }
  return v[k];
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

      figure->mean = sum / values->len;
      figure->p90 = select_rank ((gint64 *) values->data, (gssize) values->len, (gssize) rank - 1);
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
 * during the period by cause and channel; the customers with the most open cases.
 */
gboolean
_gx_overview_cases (GxOverviewQuery  *q,
                    GxOverview       *overview,
                    GError          **error)
{
  return open_cases (q, overview, error) &&
         top_customers (q, overview, error) &&
         received (q, overview, error);
}

/**
 * _gx_overview_times:
 *
 * The time to acknowledge and to resolve (cases acknowledged or resolved in the period,
 * received → acknowledged or resolved, in calendar time) against the period before.
 */
gboolean
_gx_overview_times (GxOverviewQuery  *q,
                    GxOverview       *overview,
                    GError          **error)
{
  const GxPeriodRange *r = q->range;

  return durations (q, ACK_SQL, r->from, r->until, &overview->acknowledge, error) &&
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

  /* From the sums per day, hour and owner (0021-overview-visit-sums.sql), and what is left
   * at the edges from the visits. */
#define EDGE_VISITS(lo, hi) \
  " UNION ALL SELECT 1, v.overall FROM return_visits v INDEXED BY return_visits_by_done" \
  "   WHERE v.done_at >= " lo " AND v.done_at < " hi " AND v.overall IS NOT NULL" GX_SCOPED ("v.owner_id")
  q->a = from;
  q->b = until;
  stmt = _gx_overview_prepare (q,
    "SELECT coalesce (sum (x.n), 0), coalesce (sum (x.total), 0) FROM ("
    GX_SUMS_ROWS ("d.visits AS n, d.overall_total AS total", "overview_visit", "1")
    EDGE_VISITS (":a", ":a_edge") EDGE_VISITS (":b_edge", ":b") ") x", error);
#undef EDGE_VISITS
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *n = sqlite3_column_int64 (stmt, 0);
      *mean = *n > 0 ? sqlite3_column_double (stmt, 1) / (double) *n : 0;
    }
  return _gx_overview_finish (q, stmt, rc, error);
}

/* The mean overall score of each of the twelve months: twelve ranges of the sums. */
static gboolean
by_month (GxOverviewQuery  *q,
          GxOverview       *overview,
          GError          **error)
{
  GxFigureSeries *series = overview->satisfaction_by_month = gx_figure_series_new ("", _("Overall"));

  for (guint i = 0; i < GX_OVERVIEW_MONTHS; i++)
    if (!overall (q, q->range->month_start[i], q->range->month_start[i + 1],
                  &series->count[i], &series->value[i], error))
      return FALSE;

  return TRUE;
}

/**
 * _gx_overview_satisfaction:
 *
 * The return visits done in the period: the mean overall score (and the period before's),
 * the mean per service factor, the service index over the factor tree, and the means of the
 * twelve months. One factor's months are asked for on their own
 * (gx_overview_compute_factor_series()): a year of scores is too many to read on every open.
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

  /* Each factor's scores: from the sums per day, hour, owner and factor, and what is left
   * at the edges from the visits and their scores. */
#define EDGE_SCORES(lo, hi) \
  " UNION ALL SELECT s.factor_id, 1, s.score FROM return_visits v INDEXED BY return_visits_by_done" \
  "   JOIN return_visit_scores s ON s.return_visit_id = v.id" \
  "   WHERE v.done_at >= " lo " AND v.done_at < " hi GX_SCOPED ("v.owner_id")
  q->a = r->from;
  q->b = r->until;
  stmt = _gx_overview_prepare (q,
    "SELECT x.factor_id, sum (x.n), sum (x.total) FROM ("
    GX_SUMS_ROWS ("d.factor_id, d.scores AS n, d.total", "overview_score", "1")
    EDGE_SCORES (":a", ":a_edge") EDGE_SCORES (":b_edge", ":b") ") x"
    " GROUP BY x.factor_id", error);
#undef EDGE_SCORES
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    gx_service_index_add_scores (index, gx_db_column_text (stmt, 0),
                                 sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2));
  if (!_gx_overview_finish (q, stmt, rc, error))
    return FALSE;

  /* The visits that scored at least one factor, the same way. */
#define SCORED_VISITS(lo, hi) \
  " + (SELECT count (*) FROM return_visits v INDEXED BY return_visits_by_done" \
  "    WHERE v.done_at >= " lo " AND v.done_at < " hi GX_SCOPED ("v.owner_id") \
  "      AND EXISTS (SELECT 1 FROM return_visit_scores s WHERE s.return_visit_id = v.id))"
  if (!_gx_overview_count (q,
        "SELECT 0" GX_SUMS ("d.visits", "overview_scored_visit", "1")
        SCORED_VISITS (":a", ":a_edge") SCORED_VISITS (":b_edge", ":b"),
        &n_visits, error))
    return FALSE;
#undef SCORED_VISITS
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
