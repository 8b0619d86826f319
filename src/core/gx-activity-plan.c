/* gx-activity-plan.c: the yearly plan and its progress; the evaluation after an activity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-activity"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "gx-activity-plan.h"
#include "gx-activity.h"
#include "gx-activity-private.h"
#include "gx-uuid.h"

/* The activities of a club's plan of a year. Activities with no club have no plan; they count
 * in the year of their date (read in Beijing time) when all clubs are shown. */
#define IN_YEAR \
  " (a.plan_id IN (SELECT p.id FROM activity_plans p WHERE p.year = ?2 AND (?1 IS NULL OR p.club_id = ?1))" \
  "  OR (a.plan_id IS NULL AND ?1 IS NULL AND a.starts_at IS NOT NULL" \
  "      AND CAST (strftime ('%Y', a.starts_at + 28800, 'unixepoch') AS INTEGER) = ?2))"

/**
 * gx_activity_year_of:
 * @when: an instant
 * @timezone: (nullable): the activity's time zone; Asia/Shanghai when %NULL
 *
 * Returns: the year @when falls in, read in @timezone
 */
int
gx_activity_year_of (gint64      when,
                     const char *timezone)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (timezone ? timezone : "Asia/Shanghai");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = NULL;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_get_year (local);
}

/* Time zones by name, for gx_local_month(): reading a zone's file for every row would cost
 * more than the rest of the query. One cache per connection, so no locking. */
static GTimeZone *
lookup_zone (GHashTable *zones,
             const char *name)
{
  GTimeZone *tz = g_hash_table_lookup (zones, name);

  if (tz == NULL)
    {
      tz = g_time_zone_new_identifier (name);
      if (tz == NULL)
        tz = g_time_zone_new_utc ();
      g_hash_table_insert (zones, g_strdup (name), tz);
    }
  return tz;
}

/* year * 100 + month of @when in @tz, with the civil-from-days arithmetic of the proleptic
 * Gregorian calendar, so that a row costs no allocation. */
static int
local_month (GTimeZone *tz,
             gint64     when)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, when);
  gint64 local = when + (interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0);
  gint64 days = (local >= 0 ? local : local - 86399) / 86400 + 719468;
  gint64 era = (days >= 0 ? days : days - 146096) / 146097;
  gint64 doe = days - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;
  gint64 month = mp < 10 ? mp + 3 : mp - 9;
  gint64 year = yoe + era * 400 + (month <= 2);

  return (int) (year * 100 + month);
}

static void
local_month_sql (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  const char *name = (const char *) sqlite3_value_text (argv[1]);

  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    return;
  sqlite3_result_int (context, local_month (lookup_zone (sqlite3_user_data (context), name ? name : "Asia/Shanghai"),
                                            sqlite3_value_int64 (argv[0])));
}

/**
 * gx_activity_plan_register:
 * @handle: an SQLite connection
 *
 * Adds `gx_local_month(when, timezone)` to @handle: year × 100 + month of the instant @when
 * read in @timezone (NULL when @when is), the month an activity's card is in.
 * gx_db_open() calls it on every connection.
 *
 * Returns: an SQLite result code
 */
int
gx_activity_plan_register (sqlite3 *handle)
{
  GHashTable *zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_time_zone_unref);

  return sqlite3_create_function_v2 (handle, "gx_local_month", 2,
                                     SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                     zones, local_month_sql, NULL, NULL, (void (*) (void *)) g_hash_table_unref);
}

static int
month_of (gint64      when,
          const char *timezone)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (timezone ? timezone : "Asia/Shanghai");

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  return local_month (tz, when) % 100;
}

void
gx_plan_item_free (GxPlanItem *item)
{
  if (item == NULL)
    return;
  g_free (item->id);
  g_free (item->title);
  g_free (item->kind);
  g_free (item->status);
  g_free (item);
}

/**
 * gx_activity_dup_plan_id:
 * @db: a connection
 * @club_id: a club
 * @year: a year
 *
 * Returns: (transfer full) (nullable): the club's plan of @year, %NULL when there is none yet
 */
char *
gx_activity_dup_plan_id (GxDb       *db,
                         const char *club_id,
                         int         year)
{
  return gx_db_query_string (db, "SELECT id FROM activity_plans WHERE club_id = ? AND year = ?",
                             g_variant_new ("(sx)", club_id, (gint64) year), NULL);
}

/**
 * gx_activity_plan_progress:
 * @db: a connection
 * @club_id: (nullable): the club, or %NULL for all clubs
 * @year: the year
 * @now: the current time, for the points still due
 * @progress: (out caller-allocates): the counts
 * @error: return location for a #GError
 *
 * Counts the plan's activities by where they are: planned, scheduled, held, evaluated.
 */
gboolean
gx_activity_plan_progress (GxDb            *db,
                           const char      *club_id,
                           int              year,
                           gint64           now,
                           GxPlanProgress  *progress,
                           GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (progress != NULL, FALSE);
  memset (progress, 0, sizeof *progress);

  stmt = gx_db_prepare (db,
                        "SELECT count (*),"
                        "  count (CASE WHEN a.status = 'planned' THEN 1 END),"
                        "  count (CASE WHEN a.status = 'scheduled' THEN 1 END),"
                        "  count (CASE WHEN a.status = 'held' THEN 1 END),"
                        "  count (CASE WHEN a.status = 'evaluated' THEN 1 END),"
                        "  count (CASE WHEN a.status = 'cancelled' THEN 1 END),"
                        "  coalesce (sum (CASE WHEN a.status <> 'cancelled' THEN a.budget END), 0),"
                        "  coalesce (sum (a.actual_cost), 0),"
                        "  count (CASE WHEN a.status <> 'cancelled' AND a.points > 0 AND a.points_awarded_at IS NULL"
                        "               AND a.ends_at <= ?3 AND EXISTS (SELECT 1 FROM checkins k WHERE k.activity_id = a.id)"
                        "             THEN 1 END)"
                        " FROM activities a WHERE" IN_YEAR,
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, club_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_int64 (stmt, 3, now);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      progress->total = sqlite3_column_int64 (stmt, 0);
      progress->planned = sqlite3_column_int64 (stmt, 1);
      progress->scheduled = sqlite3_column_int64 (stmt, 2);
      progress->held = sqlite3_column_int64 (stmt, 3);
      progress->evaluated = sqlite3_column_int64 (stmt, 4);
      progress->cancelled = sqlite3_column_int64 (stmt, 5);
      progress->budget = sqlite3_column_int64 (stmt, 6);
      progress->actual_cost = sqlite3_column_int64 (stmt, 7);
      progress->points_pending = sqlite3_column_int64 (stmt, 8);
    }
  else
    gx_db_set_error (db, error, "activities");
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

/**
 * gx_activity_plan_items:
 * @db: a connection
 * @club_id: (nullable): the club, or %NULL for all clubs
 * @year: the year
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type GxPlanItem): the plan's activities in date
 *   order, each with the month it falls in; those with neither date nor month have month 0
 */
GPtrArray *
gx_activity_plan_items (GxDb        *db,
                        const char  *club_id,
                        int          year,
                        GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_plan_item_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = gx_db_prepare (db,
                        "SELECT a.id, a.title, a.kind, a.status, a.starts_at, a.timezone, a.planned_month"
                        " FROM activities a WHERE" IN_YEAR
                        " ORDER BY coalesce (a.starts_at, 0) = 0, a.starts_at, a.planned_month, a.title",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, club_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, year);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GxPlanItem *item = g_new0 (GxPlanItem, 1);

      item->id = gx_db_dup_column (stmt, 0);
      item->title = gx_db_dup_column (stmt, 1);
      item->kind = gx_db_dup_column (stmt, 2);
      item->status = gx_db_dup_column (stmt, 3);
      item->starts_at = sqlite3_column_int64 (stmt, 4);
      if (item->starts_at != 0)
        item->month = month_of (item->starts_at, gx_db_column_text (stmt, 5));
      else
        item->month = sqlite3_column_int (stmt, 6);
      g_ptr_array_add (items, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "activities");
      return NULL;
    }

  return g_steal_pointer (&items);
}

/**
 * gx_activity_plan_month_window:
 * @year: a year
 * @month: a month, 1–12
 * @from: (out): an instant before the month begins anywhere on Earth
 * @until: (out): an instant after it has ended everywhere
 *
 * The span of start times that can fall in @month of @year in some time zone (UTC−12 to
 * UTC+14): the range of the index an exact gx_local_month() test then narrows.
 */
void
gx_activity_plan_month_window (int     year,
                               int     month,
                               gint64 *from,
                               gint64 *until)
{
  g_autoptr(GDateTime) first = g_date_time_new_utc (year, month, 1, 0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_months (first, 1);

  *from = g_date_time_to_unix (first) - 14 * 3600;
  *until = g_date_time_to_unix (next) + 12 * 3600;
}

void
gx_plan_month_clear (GxPlanMonth *plan_month)
{
  g_clear_pointer (&plan_month->items, g_ptr_array_unref);
  plan_month->n_activities = 0;
}

/**
 * gx_activity_plan_month:
 * @db: a connection
 * @club_id: (nullable): the club, or %NULL for all clubs
 * @year: the year
 * @month: the month, 1–12
 * @limit: how many activities to read at most
 * @plan_month: (out caller-allocates): how many activities the month holds and the first
 *   @limit of them; clear it with gx_plan_month_clear()
 * @error: return location for a #GError
 *
 * Reads one month card of the year plan: two queries over the month's index entries, however
 * many activities the year holds. The items are those gx_activity_plan_items() gives for the
 * month, in the same order.
 */
gboolean
gx_activity_plan_month (GxDb         *db,
                        const char   *club_id,
                        int           year,
                        int           month,
                        guint         limit,
                        GxPlanMonth  *plan_month,
                        GError      **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_plan_item_free);
  sqlite3_stmt *stmt;
  gint64 from, until;
  int rc;

  g_return_val_if_fail (plan_month != NULL, FALSE);
  g_return_val_if_fail (month >= 1 && month <= 12, FALSE);
  memset (plan_month, 0, sizeof *plan_month);

  gx_activity_plan_month_window (year, month, &from, &until);

#define BIND_MONTH(stmt) \
  G_STMT_START { \
    sqlite3_bind_text (stmt, 1, club_id, -1, SQLITE_TRANSIENT); \
    sqlite3_bind_int (stmt, 2, year); \
    sqlite3_bind_int64 (stmt, 3, from); \
    sqlite3_bind_int64 (stmt, 4, until); \
    sqlite3_bind_int (stmt, 5, year * 100 + month); \
    sqlite3_bind_int (stmt, 6, month); \
  } G_STMT_END

  stmt = gx_db_prepare (db,
                        "SELECT count (*) FROM ("
                        GX_PLAN_MONTH_SQL ("1", "?1", "?2", "?3", "?4", "?5", "?6") ")",
                        error);
  if (stmt == NULL)
    return FALSE;
  BIND_MONTH (stmt);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    plan_month->n_activities = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      gx_db_set_error (db, error, "activities");
      return FALSE;
    }

#define ITEM_COLUMNS "a.id, a.title, a.kind, a.status, a.starts_at, a.timezone, a.planned_month"
  if (club_id != NULL)
    /* One club has one plan a year: its month's dated activities are one range of the index
     * in start order, read only as far as the first @limit rather than all sorted; the outer
     * sort orders those few and the ones with only a month. */
    stmt = gx_db_prepare (db,
                          "SELECT id, title, kind, status, starts_at, timezone, planned_month FROM ("
                          " SELECT * FROM ("
                          "  SELECT " ITEM_COLUMNS " FROM activities a"
                          "  WHERE a.plan_id = (SELECT p.id FROM activity_plans p WHERE p.club_id = ?1 AND p.year = ?2)"
                          "    AND a.starts_at >= ?3 AND a.starts_at < ?4 AND gx_local_month (a.starts_at, a.timezone) = ?5"
                          "  ORDER BY a.starts_at, a.title LIMIT ?7)"
                          " UNION ALL SELECT * FROM ("
                          "  SELECT " ITEM_COLUMNS " FROM activities a"
                          "  WHERE a.plan_id = (SELECT p.id FROM activity_plans p WHERE p.club_id = ?1 AND p.year = ?2)"
                          "    AND a.starts_at IS NULL AND a.planned_month = ?6"
                          "  ORDER BY a.title LIMIT ?7)"
                          ") ORDER BY starts_at IS NULL, starts_at, title LIMIT ?7",
                          error);
  else
    stmt = gx_db_prepare (db,
                          "SELECT id, title, kind, status, starts_at, timezone, planned_month FROM ("
                          GX_PLAN_MONTH_SQL (ITEM_COLUMNS, "?1", "?2", "?3", "?4", "?5", "?6")
                          ") ORDER BY starts_at IS NULL, starts_at, title LIMIT ?7",
                          error);
#undef ITEM_COLUMNS
  if (stmt == NULL)
    return FALSE;
  BIND_MONTH (stmt);
  sqlite3_bind_int64 (stmt, 7, limit);
#undef BIND_MONTH

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GxPlanItem *item = g_new0 (GxPlanItem, 1);

      item->id = gx_db_dup_column (stmt, 0);
      item->title = gx_db_dup_column (stmt, 1);
      item->kind = gx_db_dup_column (stmt, 2);
      item->status = gx_db_dup_column (stmt, 3);
      item->starts_at = sqlite3_column_int64 (stmt, 4);
      item->month = month;
      g_ptr_array_add (items, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "activities");
      return FALSE;
    }

  plan_month->items = g_steal_pointer (&items);
  return TRUE;
}

void
gx_plan_year_free (GxPlanYear *plan_year)
{
  if (plan_year == NULL)
    return;
  for (guint m = 0; m < G_N_ELEMENTS (plan_year->months); m++)
    gx_plan_month_clear (&plan_year->months[m]);
  g_free (plan_year);
}

/**
 * gx_activity_plan_read_year:
 * @db: a connection, in a read transaction when the figures and cards must agree
 * @club_id: (nullable): the club, or %NULL for all clubs
 * @year: the year
 * @now: the current time, for the points still due
 * @limit: how many activities to read of each month
 * @error: return location for a #GError
 *
 * Reads what the year plan shows: gx_activity_plan_progress() over the whole year and
 * gx_activity_plan_month() for each month — 25 queries, whatever the year holds.
 *
 * Returns: (transfer full) (nullable): the year, free with gx_plan_year_free()
 */
GxPlanYear *
gx_activity_plan_read_year (GxDb        *db,
                            const char  *club_id,
                            int          year,
                            gint64       now,
                            guint        limit,
                            GError     **error)
{
  g_autoptr(GxPlanYear) plan_year = g_new0 (GxPlanYear, 1);

  if (!gx_activity_plan_progress (db, club_id, year, now, &plan_year->progress, error))
    return NULL;
  for (int m = 0; m < 12; m++)
    if (!gx_activity_plan_month (db, club_id, year, m + 1, limit, &plan_year->months[m], error))
      return NULL;
  return g_steal_pointer (&plan_year);
}

typedef struct
{
  char   *club_id;
  int     year;
  gint64  now;
  guint   limit;
} ReadYear;

static void
read_year_free (gpointer data)
{
  ReadYear *request = data;

  g_free (request->club_id);
  g_free (request);
}

static void
read_year_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GxStore *store = source_object;
  ReadYear *request = task_data;
  GxPlanYear *plan_year = NULL;
  GError *error = NULL;
  GxDb *db;

  db = gx_store_acquire_reader (store, &error);
  if (db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  gx_db_set_cancellable (db, cancellable);
  if (gx_store_begin_reads (store, &db, 1, &error))
    {
      plan_year = gx_activity_plan_read_year (db, request->club_id, request->year, request->now, request->limit, &error);
      gx_db_exec (db, "COMMIT", NULL);
    }
  gx_db_set_cancellable (db, NULL);
  gx_store_release_reader (store, db);

  if (plan_year == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plan_year, (GDestroyNotify) gx_plan_year_free);
}

/**
 * gx_activity_plan_read_year_async:
 * @store: a #GxStore
 * @club_id: (nullable): the club, or %NULL for all clubs
 * @year: the year
 * @now: the current time, for the points still due
 * @limit: how many activities to read of each month
 * @cancellable: (nullable): a #GCancellable; cancelling stops the queries at once
 * @callback: called with the year
 * @user_data: data for @callback
 *
 * gx_activity_plan_read_year() on a worker thread and a connection of its own, in one read
 * transaction: a year of many thousands of activities never holds up the window.
 */
void
gx_activity_plan_read_year_async (GxStore             *store,
                                  const char          *club_id,
                                  int                  year,
                                  gint64               now,
                                  guint                limit,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReadYear *request;

  g_return_if_fail (GX_IS_STORE (store));

  request = g_new0 (ReadYear, 1);
  request->club_id = g_strdup (club_id);
  request->year = year;
  request->now = now;
  request->limit = limit;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, gx_activity_plan_read_year_async);
  g_task_set_task_data (task, request, read_year_free);
  g_task_run_in_thread (task, read_year_thread);
}

/**
 * gx_activity_plan_read_year_finish:
 * @store: a #GxStore
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the year, free with gx_plan_year_free()
 */
GxPlanYear *
gx_activity_plan_read_year_finish (GxStore       *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Evaluation */

void
gx_activity_evaluation_clear (GxActivityEvaluation *evaluation)
{
  g_clear_pointer (&evaluation->summary, g_free);
}

/**
 * gx_activity_compute_evaluation:
 * @db: a connection
 * @activity_id: the activity
 * @evaluation: (out caller-allocates): its figures; clear with gx_activity_evaluation_clear()
 * @error: return location for a #GError
 *
 * The figures the club office asks for after an event: attendance, no-shows, cost per
 * attendee, prospects met, satisfaction, and the summary written.
 */
gboolean
gx_activity_compute_evaluation (GxDb                  *db,
                                const char            *activity_id,
                                GxActivityEvaluation  *evaluation,
                                GError               **error)
{
  sqlite3_stmt *stmt;
  gint64 people;
  int rc;

  g_return_val_if_fail (evaluation != NULL, FALSE);
  memset (evaluation, 0, sizeof *evaluation);

  stmt = gx_db_prepare (db,
                        "SELECT"
                        "  (SELECT coalesce (sum (1 + (SELECT count (*) FROM invitation_guests g WHERE g.invitation_id = i.id)), 0)"
                        "     FROM invitations i WHERE i.activity_id = a.id AND i.status = 'accepted'),"
                        "  (SELECT count (*) FROM checkins k WHERE k.activity_id = a.id AND k.invitation_id IS NOT NULL),"
                        "  (SELECT count (*) FROM checkins k WHERE k.activity_id = a.id AND k.guest_id IS NOT NULL),"
                        "  (SELECT count (*) FROM checkins k WHERE k.activity_id = a.id AND k.invitation_id IS NULL),"
                        "  (SELECT count (*) FROM invitations i WHERE i.activity_id = a.id AND i.status = 'accepted'"
                        "     AND NOT EXISTS (SELECT 1 FROM checkins k WHERE k.invitation_id = i.id AND k.guest_id IS NULL))"
                        "  + (SELECT count (*) FROM invitation_guests g JOIN invitations i ON i.id = g.invitation_id"
                        "      WHERE i.activity_id = a.id AND i.status = 'accepted'"
                        "        AND NOT EXISTS (SELECT 1 FROM checkins k WHERE k.guest_id = g.id)),"
                        "  coalesce (a.actual_cost, a.budget, 0),"
                        "  (SELECT count (DISTINCT c.id) FROM customers c WHERE c.stage = 'prospect' AND c.id IN"
                        "     (SELECT g.prospect_id FROM checkins k JOIN invitation_guests g ON g.id = k.guest_id WHERE k.activity_id = a.id"
                        "      UNION SELECT k.prospect_id FROM checkins k WHERE k.activity_id = a.id AND k.prospect_id IS NOT NULL)),"
                        "  e.satisfaction, coalesce (e.responses, 0), e.summary, coalesce (e.evaluated_at, 0)"
                        " FROM activities a LEFT JOIN activity_evaluations e ON e.activity_id = a.id"
                        " WHERE a.id = ?",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, activity_id, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      evaluation->accepted = sqlite3_column_int64 (stmt, 0);
      evaluation->attended = sqlite3_column_int64 (stmt, 1);
      evaluation->guests_attended = sqlite3_column_int64 (stmt, 2);
      evaluation->walk_ins = sqlite3_column_int64 (stmt, 3);
      evaluation->no_shows = sqlite3_column_int64 (stmt, 4);
      evaluation->cost = sqlite3_column_int64 (stmt, 5);
      evaluation->new_prospects = sqlite3_column_int64 (stmt, 6);
      evaluation->satisfaction = sqlite3_column_double (stmt, 7);
      evaluation->responses = sqlite3_column_int64 (stmt, 8);
      evaluation->summary = gx_db_dup_column (stmt, 9);
      evaluation->evaluated_at = sqlite3_column_int64 (stmt, 10);
    }
  else if (rc == SQLITE_DONE)
    gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "activity_id", _("The activity no longer exists."));
  else
    gx_db_set_error (db, error, "activities");
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    return FALSE;

  people = evaluation->attended + evaluation->walk_ins;

  /* Satisfaction comes from the attendees' answers; an activity evaluated before answers were
   * recorded per attendee keeps the mean typed then, said to be typed. */
  if (gx_activity_count_answers (db, activity_id, evaluation->answers) > 0)
    {
      evaluation->responses = 0;
      for (int i = 0; i < 5; i++)
        evaluation->responses += evaluation->answers[i];
      evaluation->satisfaction = gx_activity_answers_mean (evaluation->answers);
      evaluation->satisfaction_typed = FALSE;
    }
  else
    evaluation->satisfaction_typed = evaluation->satisfaction != 0;
  evaluation->response_rate = people > 0 ? (double) evaluation->responses / (double) people : 0.0;
  evaluation->attendance_rate = evaluation->accepted > 0 ? (double) evaluation->attended / (double) evaluation->accepted : 0.0;
  evaluation->cost_per_attendee = people > 0 ? (gint64) llround ((double) evaluation->cost / (double) people) : 0;
  return TRUE;
}

/**
 * gx_activity_evaluate:
 * @db: the writer connection, inside a transaction
 * @activity_id: the activity
 * @summary: the summary for the club office
 * @meta: who and when
 * @error: return location for a #GError naming the field at fault
 *
 * Writes (or rewrites) the evaluation of an activity that has ended, with the prospects met
 * counted from its check-ins, and marks the activity evaluated. Satisfaction is not written
 * here: it is counted from the attendees' answers (gx_activity_answer()) whenever it is read.
 */
gboolean
gx_activity_evaluate (GxDb               *db,
                      const char         *activity_id,
                      const char         *summary,
                      const GxWriteMeta  *meta,
                      GError            **error)
{
  g_autoptr(JsonObject) activity = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) changes = json_object_new ();
  g_auto(GxActivityEvaluation) figures = { 0 };
  g_autofree char *evaluation_id = NULL;
  const char *status;

  if (!(activity = gx_record_read (db, "activity", activity_id, error)))
    return FALSE;

  status = _gx_json_str (activity, "status");
  if (g_strcmp0 (status, "cancelled") == 0)
    {
      _gx_activity_fail (error, "status", _("The activity was cancelled; there is nothing to evaluate."));
      return FALSE;
    }
  if (_gx_json_int (activity, "ends_at") == 0 || meta->now < _gx_json_int (activity, "ends_at"))
    {
      _gx_activity_fail (error, "summary", _("An activity is evaluated after it has ended."));
      return FALSE;
    }
  if (!gx_activity_compute_evaluation (db, activity_id, &figures, error))
    return FALSE;

  json_object_set_int_member (fields, "new_prospects", figures.new_prospects);
  json_object_set_string_member (fields, "summary", summary ? summary : "");
  json_object_set_int_member (fields, "evaluated_at", meta->now);
  if (meta->user_id != NULL)
    json_object_set_string_member (fields, "author_id", meta->user_id);

  evaluation_id = gx_db_query_string (db, "SELECT id FROM activity_evaluations WHERE activity_id = ?",
                                      g_variant_new ("(s)", activity_id), NULL);
  if (evaluation_id != NULL)
    {
      if (!gx_record_update (db, "activity_evaluation", evaluation_id, fields, meta, error))
        return FALSE;
    }
  else
    {
      evaluation_id = gx_uuid_v7_new_at (meta->now * 1000);
      json_object_set_string_member (fields, "activity_id", activity_id);
      if (!gx_record_insert (db, "activity_evaluation", evaluation_id, fields, meta, error))
        return FALSE;
    }

  if (g_strcmp0 (status, "evaluated") == 0)
    return TRUE;
  json_object_set_string_member (changes, "status", "evaluated");
  json_object_set_int_member (changes, "updated_at", meta->now);
  return gx_record_update (db, "activity", activity_id, changes, meta, error);
}

/**
 * gx_activity_evaluation_format_satisfaction:
 * @evaluation: an activity's figures
 *
 * The evaluation's satisfaction in words, as the page and the printed summary say it:
 * "4.3 of 5 from 12 answers · 60% of attendees answered", or that nobody answered yet, or —
 * for an activity evaluated before answers were recorded per attendee — the mean typed then.
 *
 * Returns: (transfer full): the text
 */
char *
gx_activity_evaluation_format_satisfaction (const GxActivityEvaluation *evaluation)
{
  g_return_val_if_fail (evaluation != NULL, NULL);

  if (evaluation->responses == 0 || evaluation->satisfaction == 0)
    return g_strdup (_("No answers yet"));
  if (evaluation->satisfaction_typed)
    /* Translators: a mean satisfaction typed by hand on an older evaluation, and how many answered */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.1f of 5 from %d answer, typed as a mean",
                                         "%.1f of 5 from %d answers, typed as a mean", (gulong) evaluation->responses),
                            evaluation->satisfaction, (int) evaluation->responses);
  /* Translators: the mean of the attendees' answers, how many answered, and which share of the attendees that is */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.1f of 5 from %d answer · %.0f%% of attendees answered",
                                       "%.1f of 5 from %d answers · %.0f%% of attendees answered", (gulong) evaluation->responses),
                          evaluation->satisfaction, (int) evaluation->responses, evaluation->response_rate * 100.0);
}

/**
 * gx_activity_evaluation_format_answers:
 * @evaluation: an activity's figures
 *
 * How the answers spread over the scores, best first: "5: 6 · 4: 4 · 3: 2 · 2: 0 · 1: 0".
 *
 * Returns: (transfer full) (nullable): the text, %NULL without per-attendee answers
 */
char *
gx_activity_evaluation_format_answers (const GxActivityEvaluation *evaluation)
{
  GString *text;

  g_return_val_if_fail (evaluation != NULL, NULL);

  if (evaluation->satisfaction_typed || evaluation->responses == 0)
    return NULL;
  text = g_string_new (NULL);
  for (int score = 5; score >= 1; score--)
    {
      if (score < 5)
        g_string_append (text, " · ");
      /* Translators: one score and how many attendees gave it, in the distribution of answers */
      g_string_append_printf (text, _("%d: %d"), score, (int) evaluation->answers[score - 1]);
    }
  return g_string_free (text, FALSE);
}
