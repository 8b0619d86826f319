/* gx-overview.c: the figures a supervisor starts the day with and reports each month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-overview"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "gx-enums.h"
#include "gx-overview-private.h"

G_DEFINE_QUARK (gx-overview-error-quark, gx_overview_error)

/* Periods ---------------------------------------------------------------------------------- */

static void
add_months (int  *year,
            int  *month,
            int   n)
{
  int index = *year * 12 + (*month - 1) + n;

  *year = index / 12;
  *month = index % 12 + 1;
}

static gint64
month_start (GTimeZone *tz,
             int        year,
             int        month,
             char       date[11])
{
  g_autoptr(GDateTime) start = g_date_time_new (tz, year, month, 1, 0, 0, 0);

  g_snprintf (date, 11, "%04d-%02d-01", year, month);
  return g_date_time_to_unix (start);
}

/**
 * gx_period_resolve:
 * @kind: the period
 * @year: with %GX_PERIOD_MONTH, the year (2000–2100)
 * @month: with %GX_PERIOD_MONTH, the month (1–12)
 * @now: the current time
 * @tz: the desk's time zone: months start at local midnight
 * @range: (out caller-allocates): the period, the one before it, and twelve months
 *
 * Returns: %FALSE when a given month is out of range
 */
gboolean
gx_period_resolve (GxPeriodKind   kind,
                   int            year,
                   int            month,
                   gint64         now,
                   GTimeZone     *tz,
                   GxPeriodRange *range)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  int y = g_date_time_get_year (local);
  int m = g_date_time_get_month (local);
  int first_y, first_m, months, end_y, end_m;

  g_return_val_if_fail (tz != NULL, FALSE);
  g_return_val_if_fail (range != NULL, FALSE);

  memset (range, 0, sizeof *range);

  switch (kind)
    {
    case GX_PERIOD_THIS_MONTH:
      first_y = y, first_m = m, months = 1;
      break;
    case GX_PERIOD_LAST_MONTH:
      first_y = y, first_m = m, months = 1;
      add_months (&first_y, &first_m, -1);
      break;
    case GX_PERIOD_THIS_QUARTER:
      first_y = y, first_m = (m - 1) / 3 * 3 + 1, months = 3;
      break;
    case GX_PERIOD_THIS_YEAR:
      first_y = y, first_m = 1, months = 12;
      break;
    case GX_PERIOD_LAST_12_MONTHS:
      first_y = y, first_m = m, months = 12;
      add_months (&first_y, &first_m, -11);
      break;
    case GX_PERIOD_MONTH:
      if (year < 2000 || year > 2100 || month < 1 || month > 12)
        return FALSE;
      first_y = year, first_m = month, months = 1;
      break;
    default:
      return FALSE;
    }

  range->from = month_start (tz, first_y, first_m, range->from_date);
  end_y = first_y, end_m = first_m;
  add_months (&end_y, &end_m, months);
  range->until = month_start (tz, end_y, end_m, range->until_date);

  range->prev_until = range->from;
  end_y = first_y, end_m = first_m;
  add_months (&end_y, &end_m, -months);
  range->prev_from = month_start (tz, end_y, end_m, range->prev_from_date);

  /* The twelve months ending with the period's last one. */
  end_y = first_y, end_m = first_m;
  add_months (&end_y, &end_m, months - GX_OVERVIEW_MONTHS);
  for (guint i = 0; i <= GX_OVERVIEW_MONTHS; i++)
    {
      int sy = end_y, sm = end_m;

      add_months (&sy, &sm, (int) i);
      range->month_start[i] = month_start (tz, sy, sm, range->month_date[i]);
      if (i < GX_OVERVIEW_MONTHS)
        g_snprintf (range->month_label[i], sizeof range->month_label[i], "%04d-%02d", sy, sm);
    }

  return TRUE;
}

/* Who sees what ---------------------------------------------------------------------------- */

/**
 * gx_overview_may_see_team:
 * @role: the viewer's role
 * @own_team: the viewer's team
 * @team: (nullable): the team whose figures are asked for, %NULL for every team
 *
 * Supervisors and administrators see every team's figures; desk staff and relationship
 * managers see only their own team's.
 *
 * Returns: %TRUE when @role may see @team's figures
 */
gboolean
gx_overview_may_see_team (GxRole      role,
                          const char *own_team,
                          const char *team)
{
  if (role == GX_ROLE_SUPERVISOR || role == GX_ROLE_ADMIN)
    return TRUE;

  return team != NULL && g_strcmp0 (team, own_team ? own_team : "") == 0;
}

/* Queries ---------------------------------------------------------------------------------- */

/* How [a, b) is read from the sums of 0019-overview-sums.sql: its whole unix days (UTC)
 * [day_first, day_end) from the day sums, the whole hours of its first and last day
 * [head_hour, head_hour_end) and [tail_hour, tail_hour_end) from the hour sums, and what is
 * left at its edges, [a, head_edge) and [tail_edge, b), from the rows themselves — nothing
 * when a and b fall on the hour, as a month's start does in every zone a whole number of
 * hours from UTC. Each piece may be empty. */
typedef struct
{
  gint64 day_first, day_end;
  gint64 head_hour, head_hour_end;
  gint64 tail_hour, tail_hour_end;
  gint64 head_edge, tail_edge;
} SumSpan;

static SumSpan
sum_span (gint64 a,
          gint64 b)
{
  const gint64 hour = 3600;
  SumSpan span = { 0, 0, 0, 0, 0, 0, b, b };
  gint64 h0, h1, d0, d1;

  /* Instants before 1970 never occur; SQLite's at / 3600 truncates, so they would not
   * bucket as hours here anyway: such a span is read from the rows. */
  if (a < 0 || b <= a)
    return span;

  h0 = (a + hour - 1) / hour;
  h1 = b / hour;
  if (h0 >= h1)
    return span;

  span.head_edge = h0 * hour;
  span.tail_edge = h1 * hour;
  d0 = (h0 + 23) / 24;
  d1 = h1 / 24;
  if (d0 < d1)
    {
      span.day_first = d0, span.day_end = d1;
      span.head_hour = h0, span.head_hour_end = d0 * 24;
      span.tail_hour = d1 * 24, span.tail_hour_end = h1;
    }
  else
    {
      span.head_hour = h0, span.head_hour_end = h1;
    }
  return span;
}

static gboolean
bind_named (GxOverviewQuery  *q,
            sqlite3_stmt     *stmt,
            GError          **error)
{
  const GxPeriodRange *r = q->range;
  SumSpan span = sum_span (q->a, q->b);
  const struct { const char *name; gint64 value; } numbers[] = {
    { "now", q->now }, { "week_ago", q->now - 7 * 24 * 3600 },
    { "from", r->from }, { "until", r->until }, { "prev_from", r->prev_from }, { "prev_until", r->prev_until },
    { "a", q->a }, { "b", q->b },
    { "a_days", span.day_first }, { "b_days", span.day_end },
    { "a_hours", span.head_hour }, { "a_hours_end", span.head_hour_end },
    { "b_hours", span.tail_hour }, { "b_hours_end", span.tail_hour_end },
    { "a_edge", span.head_edge }, { "b_edge", span.tail_edge },
  };
  const struct { const char *name; const char *value; } texts[] = {
    { "today", q->today }, { "from_date", r->from_date }, { "until_date", r->until_date },
    { "prev_from_date", r->prev_from_date }, { "first_month_date", r->month_date[0] },
    { "team", q->team }, { "owner", q->owner_id },
  };
  int n = sqlite3_bind_parameter_count (stmt);

  for (int i = 1; i <= n; i++)
    {
      const char *name = sqlite3_bind_parameter_name (stmt, i);
      gboolean bound = FALSE;

      if (name == NULL)
        goto unknown;
      name++;   /* the ':' */

      /* Bound by the caller: the code a count is for. */
      if (strcmp (name, "key") == 0 || strcmp (name, "factor") == 0)
        continue;

      /* :m0 … :m12, the months of the series */
      if (name[0] == 'm' && g_ascii_isdigit (name[1]))
        {
          sqlite3_bind_int64 (stmt, i, r->month_start[MIN (atoi (name + 1), GX_OVERVIEW_MONTHS)]);
          continue;
        }
      for (guint j = 0; !bound && j < G_N_ELEMENTS (numbers); j++)
        if ((bound = strcmp (name, numbers[j].name) == 0))
          sqlite3_bind_int64 (stmt, i, numbers[j].value);
      for (guint j = 0; !bound && j < G_N_ELEMENTS (texts); j++)
        if ((bound = strcmp (name, texts[j].name) == 0))
          sqlite3_bind_text (stmt, i, texts[j].value, -1, SQLITE_STATIC);
      if (bound)
        continue;

unknown:
      sqlite3_reset (stmt);
      g_set_error (error, GX_DB_ERROR, GX_DB_ERROR_FAILED, "overview: unknown parameter %s",
                   name ? name : "?");
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
_gx_overview_prepare (GxOverviewQuery  *q,
                      const char       *sql,
                      GError          **error)
{
  sqlite3_stmt *stmt = gx_db_prepare (q->db, sql, error);

  if (stmt == NULL || !bind_named (q, stmt, error))
    return NULL;
  return stmt;
}

/* Resets a statement after its last step; FALSE with the error when the steps failed. */
gboolean
_gx_overview_finish (GxOverviewQuery  *q,
                     sqlite3_stmt     *stmt,
                     int               rc,
                     GError          **error)
{
  gboolean ok = rc == SQLITE_DONE || rc == SQLITE_ROW;

  if (!ok)
    gx_db_set_error (q->db, error, "overview");
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return ok;
}

gboolean
_gx_overview_count (GxOverviewQuery  *q,
                    const char       *sql,
                    gint64           *out,
                    GError          **error)
{
  sqlite3_stmt *stmt = _gx_overview_prepare (q, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  return _gx_overview_finish (q, stmt, rc, error);
}

/* A count (or sum) whose statement names the code it is for as :key. */
gboolean
_gx_overview_count_key (GxOverviewQuery  *q,
                        const char       *sql,
                        const char       *key,
                        gint64           *out,
                        GError          **error)
{
  sqlite3_stmt *stmt = _gx_overview_prepare (q, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":key"), key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  return _gx_overview_finish (q, stmt, rc, error);
}

static void
clear_item (gpointer data)
{
  GxFigureItem *item = data;

  g_free (item->key);
  g_free (item->label);
}

static GArray *
items_new (void)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (GxFigureItem));

  g_array_set_clear_func (items, clear_item);
  return items;
}

void
_gx_overview_add_item (GArray     *items,
                       const char *key,
                       const char *label,
                       gint64      count,
                       double      value)
{
  GxFigureItem item = { g_strdup (key ? key : ""), g_strdup (label ? label : ""), count, value };

  g_array_append_val (items, item);
}

GxFigureSeries *
gx_figure_series_new (const char *key,
                      const char *label)
{
  GxFigureSeries *series = g_new0 (GxFigureSeries, 1);

  series->key = g_strdup (key ? key : "");
  series->label = g_strdup (label ? label : "");
  return series;
}

void
gx_figure_series_free (GxFigureSeries *series)
{
  if (series == NULL)
    return;

  g_free (series->key);
  g_free (series->label);
  g_free (series);
}

/**
 * gx_overview_item:
 * @items: (element-type GxFigureItem): a breakdown of a #GxOverview
 * @key: a code or id
 *
 * Returns: (transfer none) (nullable): the item counting @key
 */
const GxFigureItem *
gx_overview_item (GArray     *items,
                  const char *key)
{
  g_return_val_if_fail (items != NULL, NULL);

  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (g_array_index (items, GxFigureItem, i).key, key) == 0)
      return &g_array_index (items, GxFigureItem, i);

  return NULL;
}

void
gx_overview_free (GxOverview *self)
{
  if (self == NULL)
    return;

  g_free (self->team);
  g_free (self->owner_id);
  g_clear_pointer (&self->open_by_status, g_array_unref);
  g_clear_pointer (&self->top_customers, g_array_unref);
  g_clear_pointer (&self->by_category, g_array_unref);
  g_clear_pointer (&self->by_channel, g_array_unref);
  g_clear_pointer (&self->satisfaction_by_factor, g_array_unref);
  g_clear_pointer (&self->satisfaction_by_month, gx_figure_series_free);
  g_clear_pointer (&self->service_index, gx_service_index_free);
  g_clear_pointer (&self->new_members_by_month, gx_figure_series_free);
  g_free (self);
}

/* Computing -------------------------------------------------------------------------------- */

static gboolean
read_viewer (GxDb        *db,
             const char  *viewer_id,
             GxRole      *role,
             char       **team,
             GError     **error)
{
  sqlite3_stmt *stmt = gx_db_prepare (db, "SELECT role, team FROM users WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, viewer_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *role = gx_role_from_code (gx_db_column_text (stmt, 0));
      *team = gx_db_dup_column (stmt, 1);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return gx_db_set_error (db, error, "users");

  g_set_error (error, GX_OVERVIEW_ERROR, GX_OVERVIEW_ERROR_NO_USER,
               _("The overview needs a signed-in user; this desk has none."));
  return FALSE;
}

/* Resolves the scope for @viewer_id (desk staff get their own team) and fills @q. The
 * strings stay owned by @overview. */
static gboolean
begin_query (GxDb                  *db,
             const GxOverviewScope *scope,
             const char            *viewer_id,
             gint64                 now,
             GTimeZone             *tz,
             GxOverview            *overview,
             GxOverviewQuery       *q,
             GError               **error)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autofree char *own_team = NULL;
  g_autofree char *today = g_date_time_format (local, "%Y-%m-%d");
  GxRole role = GX_ROLE_DESK;

  if (!read_viewer (db, viewer_id, &role, &own_team, error))
    return FALSE;

  overview->owner_id = g_strdup (scope->owner_id);
  if (gx_overview_may_see_team (role, own_team, scope->team))
    overview->team = g_strdup (scope->team);
  else
    {
      /* The rule is applied here, on the data, not by hiding a menu in the window. */
      overview->team = g_strdup (own_team ? own_team : "");
      overview->team_forced = TRUE;
    }

  memset (q, 0, sizeof *q);
  q->db = db;
  q->range = &overview->range;
  q->now = now;
  g_strlcpy (q->today, today, sizeof q->today);
  q->team = overview->team;
  q->owner_id = overview->owner_id;
  return TRUE;
}

/* An overview with its period resolved and its breakdowns empty, to be counted. */
static GxOverview *
overview_new (const GxOverviewScope  *scope,
              gint64                  now,
              GTimeZone              *tz,
              GError                **error)
{
  g_autoptr(GxOverview) overview = g_new0 (GxOverview, 1);

  if (!gx_period_resolve (scope->period, scope->year, scope->month, now, tz, &overview->range))
    {
      g_set_error (error, GX_OVERVIEW_ERROR, GX_OVERVIEW_ERROR_PERIOD,
                   _("There is no month %d-%02d to report on."), scope->year, scope->month);
      return NULL;
    }

  overview->open_by_status = items_new ();
  overview->top_customers = items_new ();
  overview->by_category = items_new ();
  overview->by_channel = items_new ();
  overview->satisfaction_by_factor = items_new ();
  return g_steal_pointer (&overview);
}

/**
 * gx_overview_compute:
 * @db: a read connection
 * @scope: the period, team and owner to count over
 * @viewer_id: who looks: desk staff and relationship managers get their own team's figures
 *   whatever @scope asks (gx_overview_may_see_team())
 * @now: the current time
 * @tz: the desk's time zone, for months and "today"
 * @error: return location for a #GError
 *
 * Computes every figure of the overview in one read transaction, so they agree.
 *
 * Returns: (transfer full) (nullable): the figures
 */
GxOverview *
gx_overview_compute (GxDb                  *db,
                     const GxOverviewScope *scope,
                     const char            *viewer_id,
                     gint64                 now,
                     GTimeZone             *tz,
                     GError               **error)
{
  g_autoptr(GxOverview) overview = NULL;
  GxOverviewQuery q = { 0 };
  gboolean ok;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (scope != NULL, NULL);
  g_return_val_if_fail (viewer_id != NULL, NULL);
  g_return_val_if_fail (tz != NULL, NULL);

  overview = overview_new (scope, now, tz, error);
  if (overview == NULL)
    return NULL;

  if (!gx_db_exec (db, "BEGIN", error))
    return NULL;

  ok = begin_query (db, scope, viewer_id, now, tz, overview, &q, error) &&
       _gx_overview_cases (&q, overview, error) &&
       _gx_overview_times (&q, overview, error) &&
       _gx_overview_satisfaction (&q, overview, error) &&
       _gx_overview_club (&q, overview, error);

  gx_db_exec (db, ok ? "COMMIT" : "ROLLBACK", NULL);
  return ok ? g_steal_pointer (&overview) : NULL;
}

/* The times to acknowledge and resolve, satisfaction and the club, counted on a second
 * connection while the first counts the cases: at a million customers the two halves take
 * about as long (about 120 ms each for one team, bench/gx-bench-overview --trace). */
typedef struct
{
  GxOverviewQuery  q;
  GxOverview      *overview;
  gboolean         ok;
  GError          *error;
} Half;

static gpointer
second_half_thread (gpointer data)
{
  Half *half = data;

  half->ok = _gx_overview_times (&half->q, half->overview, &half->error) &&
             _gx_overview_satisfaction (&half->q, half->overview, &half->error) &&
             _gx_overview_club (&half->q, half->overview, &half->error);
  return NULL;
}

/**
 * gx_overview_compute_in_store:
 * @store: a #GxStore
 * @scope: the period, team and owner to count over
 * @viewer_id: who looks (see gx_overview_compute())
 * @now: the current time
 * @tz: the desk's time zone
 * @cancellable: (nullable): a #GCancellable; cancelling interrupts the running queries
 * @error: return location for a #GError
 *
 * Computes the same figures as gx_overview_compute() on two read connections at once —
 * the cases on the calling thread; their times, satisfaction and the club on another —
 * begun on the same committed state (gx_store_begin_reads()), so the figures agree as if
 * one transaction read them all. What the Overview place and its report call, off the main
 * thread.
 *
 * Returns: (transfer full) (nullable): the figures
 */
GxOverview *
gx_overview_compute_in_store (GxStore               *store,
                              const GxOverviewScope *scope,
                              const char            *viewer_id,
                              gint64                 now,
                              GTimeZone             *tz,
                              GCancellable          *cancellable,
                              GError               **error)
{
  g_autoptr(GxOverview) overview = NULL;
  GxDb *readers[2] = { NULL, NULL };
  GxOverviewQuery q = { 0 };
  Half half = { 0 };
  GThread *thread = NULL;
  gboolean begun = FALSE, ok = FALSE;

  g_return_val_if_fail (GX_IS_STORE (store), NULL);
  g_return_val_if_fail (scope != NULL && viewer_id != NULL && tz != NULL, NULL);

  overview = overview_new (scope, now, tz, error);
  if (overview == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      readers[i] = gx_store_acquire_reader (store, error);
      if (readers[i] == NULL)
        goto out;
      gx_db_set_cancellable (readers[i], cancellable);
    }

  begun = gx_store_begin_reads (store, readers, G_N_ELEMENTS (readers), error);
  if (!begun || !begin_query (readers[0], scope, viewer_id, now, tz, overview, &q, error))
    goto out;

  half.q = q;
  half.q.db = readers[1];
  half.overview = overview;
  thread = g_thread_try_new ("gx-overview", second_half_thread, &half, NULL);
  if (thread == NULL)
    second_half_thread (&half);   /* no thread to be had: one after the other */

  ok = _gx_overview_cases (&q, overview, error);
  if (thread != NULL)
    g_thread_join (thread);

  if (ok && !half.ok)
    {
      ok = FALSE;
      g_propagate_error (error, g_steal_pointer (&half.error));
    }

out:
  g_clear_error (&half.error);
  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    if (readers[i] != NULL)
      {
        if (begun)
          gx_db_exec (readers[i], "COMMIT", NULL);
        gx_store_release_reader (store, readers[i]);
      }
  return ok ? g_steal_pointer (&overview) : NULL;
}

typedef struct
{
  GxOverviewScope  scope;
  char            *team;
  char            *owner_id;
  char            *viewer_id;
  gint64           now;
  GTimeZone       *tz;
} ComputeRequest;

static void
compute_request_free (gpointer data)
{
  ComputeRequest *request = data;

  g_free (request->team);
  g_free (request->owner_id);
  g_free (request->viewer_id);
  g_clear_pointer (&request->tz, g_time_zone_unref);
  g_free (request);
}

static ComputeRequest *
compute_request_new (const GxOverviewScope *scope,
                     const char            *viewer_id,
                     gint64                 now,
                     GTimeZone             *tz)
{
  ComputeRequest *request = g_new0 (ComputeRequest, 1);

  request->scope = *scope;
  request->team = g_strdup (scope->team);
  request->owner_id = g_strdup (scope->owner_id);
  request->scope.team = request->team;
  request->scope.owner_id = request->owner_id;
  request->viewer_id = g_strdup (viewer_id);
  request->now = now;
  request->tz = g_time_zone_ref (tz);
  return request;
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GxStore *store = source_object;
  ComputeRequest *request = task_data;
  GxOverview *overview;
  GError *error = NULL;

  overview = gx_overview_compute_in_store (store, &request->scope, request->viewer_id, request->now,
                                           request->tz, cancellable, &error);
  if (overview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, overview, (GDestroyNotify) gx_overview_free);
}

/**
 * gx_overview_compute_async:
 * @store: a #GxStore
 * @scope: what to count over; copied
 * @viewer_id: who looks
 * @now: the current time
 * @tz: the desk's time zone
 * @cancellable: (nullable): a #GCancellable; cancelling interrupts the running query
 * @callback: called with the figures
 * @user_data: data for @callback
 *
 * Computes the figures on a worker thread (gx_overview_compute_in_store()).
 */
void
gx_overview_compute_async (GxStore               *store,
                           const GxOverviewScope *scope,
                           const char            *viewer_id,
                           gint64                 now,
                           GTimeZone             *tz,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeRequest *request;

  g_return_if_fail (GX_IS_STORE (store));
  g_return_if_fail (scope != NULL);
  g_return_if_fail (viewer_id != NULL);
  g_return_if_fail (tz != NULL);

  request = compute_request_new (scope, viewer_id, now, tz);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, gx_overview_compute_async);
  g_task_set_task_data (task, request, compute_request_free);
  g_task_run_in_thread (task, compute_thread);
}

/**
 * gx_overview_compute_finish:
 * @store: a #GxStore
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the figures
 */
GxOverview *
gx_overview_compute_finish (GxStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* One factor's months ---------------------------------------------------------------------- */

/**
 * gx_overview_compute_factor_series:
 * @db: a read connection
 * @scope: the period (its twelve months), team and owner
 * @viewer_id: who looks (desk staff get their own team's)
 * @factor_id: a service factor; a composite counts the scores of all its parts
 * @now: the current time
 * @tz: the desk's time zone
 * @error: return location for a #GError
 *
 * The mean score of one factor in each of the twelve months of @scope. Asked for when the
 * supervisor picks the factor: a year of every factor's scores is too much to read each time
 * the overview opens.
 *
 * Returns: (transfer full) (nullable): the series, keyed by @factor_id
 */
GxFigureSeries *
gx_overview_compute_factor_series (GxDb                  *db,
                                   const GxOverviewScope *scope,
                                   const char            *viewer_id,
                                   const char            *factor_id,
                                   gint64                 now,
                                   GTimeZone             *tz,
                                   GError               **error)
{
  g_autoptr(GxOverview) overview = g_new0 (GxOverview, 1);
  g_autoptr(GxServiceIndex) tree = gx_service_index_new ();
  GxFigureSeries *series = NULL;
  GxOverviewQuery q;
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (scope != NULL && viewer_id != NULL && factor_id != NULL && tz != NULL, NULL);

  if (!gx_period_resolve (scope->period, scope->year, scope->month, now, tz, &overview->range))
    {
      g_set_error (error, GX_OVERVIEW_ERROR, GX_OVERVIEW_ERROR_PERIOD,
                   _("There is no month %d-%02d to report on."), scope->year, scope->month);
      return NULL;
    }
  if (!gx_db_exec (db, "BEGIN", error))
    return NULL;

  ok = begin_query (db, scope, viewer_id, now, tz, overview, &q, error) &&
       gx_service_index_load_tree (tree, db, error);
  if (ok)
    {
      const GxServiceFactor *factor;

      gx_service_index_compute (tree, 0);
      factor = gx_service_index_find (tree, factor_id);
      series = gx_figure_series_new (factor_id, factor ? factor->name : factor_id);
    }

  for (guint i = 0; ok && i < GX_OVERVIEW_MONTHS; i++)
    {
      q.a = overview->range.month_start[i];
      q.b = overview->range.month_start[i + 1];
      /* From the sums per day, hour, owner and factor, and what is left at the edges from
       * the visits and their scores (0019-overview-sums.sql). */
#define EDGE_SCORES(lo, hi) \
  " UNION ALL SELECT 1, s.score FROM part" \
  "   JOIN return_visit_scores s INDEXED BY return_visit_scores_by_factor ON s.factor_id = part.id" \
  "   JOIN return_visits v ON v.id = s.return_visit_id" \
  "   WHERE v.done_at >= " lo " AND v.done_at < " hi GX_SCOPED ("v.owner_id")
      stmt = _gx_overview_prepare (&q,
        "WITH RECURSIVE part (id) AS (SELECT :factor"
        "   UNION SELECT f.id FROM service_factors f JOIN part ON f.parent_id = part.id)"
        " SELECT sum (x.n), sum (x.total) FROM ("
        GX_SUMS_ROWS ("d.scores AS n, d.total", "overview_score", "d.factor_id IN part")
        EDGE_SCORES (":a", ":a_edge") EDGE_SCORES (":b_edge", ":b") ") x",
        error);
#undef EDGE_SCORES
      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":factor"), factor_id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          series->count[i] = sqlite3_column_int64 (stmt, 0);
          series->value[i] = series->count[i] > 0
                             ? sqlite3_column_double (stmt, 1) / (double) series->count[i] : 0;
        }
      ok = _gx_overview_finish (&q, stmt, rc, error);
    }

  gx_db_exec (db, ok ? "COMMIT" : "ROLLBACK", NULL);
  if (!ok)
    g_clear_pointer (&series, gx_figure_series_free);
  return series;
}

typedef struct
{
  ComputeRequest *request;
  char           *factor_id;
} SeriesRequest;

static void
series_request_free (gpointer data)
{
  SeriesRequest *request = data;

  compute_request_free (request->request);
  g_free (request->factor_id);
  g_free (request);
}

static void
series_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GxStore *store = source_object;
  SeriesRequest *request = task_data;
  ComputeRequest *r = request->request;
  GxFigureSeries *series;
  GError *error = NULL;
  GxDb *db;

  db = gx_store_acquire_reader (store, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  gx_db_set_cancellable (db, cancellable);
  series = gx_overview_compute_factor_series (db, &r->scope, r->viewer_id, request->factor_id, r->now, r->tz, &error);
  gx_db_set_cancellable (db, NULL);
  gx_store_release_reader (store, db);

  if (series == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, series, (GDestroyNotify) gx_figure_series_free);
}

/**
 * gx_overview_compute_factor_series_async:
 * @store: a #GxStore
 * @scope: what to count over; copied
 * @viewer_id: who looks
 * @factor_id: the service factor
 * @now: the current time
 * @tz: the desk's time zone
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the series
 * @user_data: data for @callback
 */
void
gx_overview_compute_factor_series_async (GxStore               *store,
                                         const GxOverviewScope *scope,
                                         const char            *viewer_id,
                                         const char            *factor_id,
                                         gint64                 now,
                                         GTimeZone             *tz,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  SeriesRequest *request;

  g_return_if_fail (GX_IS_STORE (store));
  g_return_if_fail (factor_id != NULL);

  request = g_new0 (SeriesRequest, 1);
  request->request = compute_request_new (scope, viewer_id, now, tz);
  request->factor_id = g_strdup (factor_id);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, gx_overview_compute_factor_series_async);
  g_task_set_task_data (task, request, series_request_free);
  g_task_run_in_thread (task, series_thread);
}

/**
 * gx_overview_compute_factor_series_finish:
 * @store: a #GxStore
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the series
 */
GxFigureSeries *
gx_overview_compute_factor_series_finish (GxStore       *store,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
