/* gx-overview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-overview"

#include "config.h"

#include <string.h>

#include "gx-overview.h"

/* Points promised for an activity are credited within a week after it ends (rule 6). */
#define POINTS_WINDOW (7 * 24 * 3600)

static gboolean
count (GxDb        *db,
       const char  *sql,
       GVariant    *params,
       gint64      *out,
       GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *out = gx_db_query_int (db, sql, params, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * gx_overview_compute:
 * @db: a read connection
 * @now: the current time
 * @tz: (nullable): the desk's time zone, for "today" and "this month"
 * @figures: (out caller-allocates): the figures
 * @error: return location for a #GError
 *
 * Computes the overview's figures in one read transaction, so they agree with each other.
 */
gboolean
gx_overview_compute (GxDb               *db,
                     gint64              now,
                     GTimeZone          *tz,
                     GxOverviewFigures  *figures,
                     GError            **error)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *month_start = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (figures != NULL, FALSE);

  memset (figures, 0, sizeof *figures);

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();
  today = g_date_time_to_timezone (utc, tz);
  today_text = g_date_time_format (today, "%Y-%m-%d");
  month_start = g_date_time_format (today, "%Y-%m-01");

  if (!gx_db_exec (db, "BEGIN", error))
    return FALSE;

  ok = count (db, "SELECT count(*) FROM customers WHERE archived_at IS NULL", NULL, &figures->customers, error) &&
       count (db, "SELECT count(*) FROM customers WHERE archived_at IS NULL AND confidentiality <> 'ordinary'",
              NULL, &figures->confidential_customers, error) &&
       count (db, "SELECT count(*) FROM contact_log WHERE follow_up_done = 0 AND follow_up_on <= ?",
              g_variant_new ("(s)", today_text), &figures->follow_ups_due, error) &&
       count (db, "SELECT count(*) FROM cases WHERE status <> 'closed'", NULL, &figures->open_cases, error) &&
       count (db, "SELECT count(*) FROM cases WHERE status <> 'closed' AND resolved_at IS NULL"
                  " AND resolve_due_at < ?",
              g_variant_new ("(x)", now), &figures->overdue_cases, error) &&
       count (db, "SELECT count(*) FROM cases WHERE status <> 'closed' AND escalation_level > 0",
              NULL, &figures->escalated_cases, error) &&
       count (db, "SELECT count(*) FROM cases WHERE status = 'in_review'", NULL, &figures->in_review_cases, error) &&
       count (db, "SELECT count(*) FROM return_visits WHERE done_at IS NULL AND scheduled_at <= ?",
              g_variant_new ("(x)", now), &figures->return_visits_due, error) &&
       count (db, "SELECT count(*) FROM memberships WHERE cancelled_on IS NULL AND joined_on IS NOT NULL",
              NULL, &figures->members, error) &&
       count (db, "SELECT count(*) FROM memberships WHERE joined_on >= ? AND joined_on <= ?",
              g_variant_new ("(ss)", month_start, today_text), &figures->new_members_this_month, error) &&
       count (db, "SELECT count(*) FROM activities WHERE status IN ('planned', 'scheduled')"
                  " AND (starts_at IS NULL OR starts_at >= ?)",
              g_variant_new ("(x)", now), &figures->upcoming_activities, error) &&
       count (db, "SELECT count(*) FROM activities WHERE points > 0 AND points_awarded_at IS NULL"
                  " AND status IN ('held', 'evaluated') AND ends_at <= ? AND ends_at > ?",
              g_variant_new ("(xx)", now, now - POINTS_WINDOW), &figures->points_pending_activities, error);

  if (ok)
    {
      stmt = gx_db_prepare (db, "SELECT avg (overall), count (overall) FROM return_visits"
                                " WHERE done_at >= ? AND overall IS NOT NULL", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, now - 90 * 24 * 3600);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            {
              figures->satisfaction = sqlite3_column_double (stmt, 0);
              figures->satisfaction_count = sqlite3_column_int64 (stmt, 1);
            }
          sqlite3_reset (stmt);
        }
    }

  gx_db_exec (db, ok ? "COMMIT" : "ROLLBACK", NULL);
  return ok;
}

typedef struct
{
  gint64 now;
} ComputeRequest;

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GxStore *store = source_object;
  ComputeRequest *request = task_data;
  g_autofree GxOverviewFigures *figures = g_new0 (GxOverviewFigures, 1);
  GError *error = NULL;
  GxDb *db;

  db = gx_store_acquire_reader (store, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  gx_db_set_cancellable (db, cancellable);
  if (!gx_overview_compute (db, request->now, NULL, figures, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&figures), g_free);

  gx_store_release_reader (store, db);
}

/**
 * gx_overview_compute_async:
 * @store: a #GxStore
 * @now: the current time
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the figures
 * @user_data: data for @callback
 *
 * Computes the figures on a worker thread with its own read connection.
 */
void
gx_overview_compute_async (GxStore             *store,
                           gint64               now,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeRequest *request;

  g_return_if_fail (GX_IS_STORE (store));

  request = g_new0 (ComputeRequest, 1);
  request->now = now;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, gx_overview_compute_async);
  g_task_set_task_data (task, request, g_free);
  g_task_run_in_thread (task, compute_thread);
}

gboolean
gx_overview_compute_finish (GxStore            *store,
                            GAsyncResult       *result,
                            GxOverviewFigures  *figures,
                            GError            **error)
{
  g_autofree GxOverviewFigures *computed = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  computed = g_task_propagate_pointer (G_TASK (result), error);
  if (computed == NULL)
    return FALSE;

  *figures = *computed;
  return TRUE;
}
