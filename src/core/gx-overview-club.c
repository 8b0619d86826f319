/* gx-overview-club.c: the club, activity and desk figures of the overview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-overview"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-membership.h"
#include "gx-overview-private.h"

#define MEMBER_SCOPE GX_SCOPED ("m.owner_id")

static gboolean
members (GxOverviewQuery  *q,
         GxOverview       *overview,
         GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* Rule 5: the club office counts new members by the month they joined. */
  overview->new_members_by_month = gx_figure_series_new ("", _("New members"));
  stmt = _gx_overview_prepare (q,
    "SELECT substr (m.joined_on, 1, 7), count (*) FROM memberships m"
    " WHERE m.joined_on >= :first_month_date AND m.joined_on < :until_date" MEMBER_SCOPE
    " GROUP BY 1", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *month = gx_db_column_text (stmt, 0);

      for (guint i = 0; i < GX_OVERVIEW_MONTHS; i++)
        if (g_strcmp0 (month, q->range->month_label[i]) == 0)
          overview->new_members_by_month->count[i] = sqlite3_column_int64 (stmt, 1);
    }
  if (!_gx_overview_finish (q, stmt, rc, error))
    return FALSE;

  /* Members in the state the member list calls active today (not applicants, not in grace,
   * lapsed, suspended or cancelled): the list the figure opens (state=active) counts the same.
   * Nearly every membership is active, so the whole of an index holding the dates the state
   * is derived from is read, without a row or its tier (0019-overview-sums.sql). */
  return _gx_overview_count (q,
           "SELECT count (*) FROM memberships m INDEXED BY memberships_state_dates"
           " WHERE m.joined_on IS NOT NULL AND " GX_MEMBER_ACTIVE_SQL (":today") MEMBER_SCOPE,
           &overview->members, error) &&
         _gx_overview_count (q,
           "SELECT count (*) FROM memberships m"
           " WHERE m.joined_on >= :from_date AND m.joined_on < :until_date" MEMBER_SCOPE,
           &overview->new_members, error) &&
         _gx_overview_count (q,
           "SELECT count (*) FROM memberships m"
           " WHERE m.joined_on >= :prev_from_date AND m.joined_on < :from_date" MEMBER_SCOPE,
           &overview->prev_new_members, error);
}

/* The sum of one kind of points entries in [from, until): from the sums per day and hour
 * and owner, and what is left at the edges from the ledger. */
#define LEDGER_SUM(lo, hi) \
  " + coalesce ((SELECT sum (p.points) FROM points_ledger p INDEXED BY points_ledger_by_kind_at" \
  "   WHERE p.kind = :key AND p.at >= " lo " AND p.at < " hi GX_MEMBERSHIP_SCOPED ("p.membership_id") "), 0)"

static gboolean
points_sum (GxOverviewQuery  *q,
            const char       *kind,
            gint64            from,
            gint64            until,
            gint64           *sum,
            GError          **error)
{
  q->a = from;
  q->b = until;
  return _gx_overview_count_key (q,
    "SELECT 0" GX_SUMS ("d.points", "overview_points", "d.kind = :key")
    LEDGER_SUM (":a", ":a_edge") LEDGER_SUM (":b_edge", ":b"),
    kind, sum, error);
}

static gboolean
points (GxOverviewQuery  *q,
        GxOverview       *overview,
        GError          **error)
{
  const GxPeriodRange *r = q->range;
  gint64 redeemed = 0;

  /* Earned and redeemed in the period, from the ledger (through its sums per day): never a
   * stored balance. */
  if (!points_sum (q, "earn", r->from, r->until, &overview->points_earned, error) ||
      !points_sum (q, "redeem", r->from, r->until, &redeemed, error))
    return FALSE;
  overview->points_redeemed = -redeemed;
  return TRUE;
}

static gboolean
activities (GxOverviewQuery  *q,
            GxOverview       *overview,
            GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* Planned: every activity of the period that was not cancelled — dated ones by their
   * start, undated ones of the yearly plan by their planned month. Held: those that took
   * place (held, or held and evaluated). */
  stmt = _gx_overview_prepare (q,
    "SELECT count (*), coalesce (sum (a.status IN ('held', 'evaluated')), 0)"
    "  FROM activities a LEFT JOIN activity_plans p ON p.id = a.plan_id"
    " WHERE a.status <> 'cancelled'"
    "   AND ((a.starts_at >= :from AND a.starts_at < :until)"
    "        OR (a.starts_at IS NULL AND a.planned_month IS NOT NULL AND p.year IS NOT NULL"
    "            AND printf ('%04d-%02d-01', p.year, a.planned_month) >= :from_date"
    "            AND printf ('%04d-%02d-01', p.year, a.planned_month) < :until_date))"
    GX_SCOPED ("a.owner_id"), error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      overview->activities_planned = sqlite3_column_int64 (stmt, 0);
      overview->activities_held = sqlite3_column_int64 (stmt, 1);
    }
  if (!_gx_overview_finish (q, stmt, rc, error))
    return FALSE;

  /* Rule 6: points promised for an activity are credited within a week after it ends. Due:
   * it ended, people checked in, and the points are not awarded yet; late: the week is
   * over; and the soonest end among the rest, for how many days are left. The same
   * activities as the activity list's "Points due" filter. */
  stmt = _gx_overview_prepare (q,
    "SELECT count (*), coalesce (sum (a.ends_at <= :week_ago), 0),"
    "       coalesce (min (CASE WHEN a.ends_at > :week_ago THEN a.ends_at END), 0) FROM activities a"
    " WHERE a.points > 0 AND a.points_awarded_at IS NULL AND a.ends_at <= :now"
    "   AND a.status <> 'cancelled'"
    "   AND EXISTS (SELECT 1 FROM checkins ck WHERE ck.activity_id = a.id)"
    GX_SCOPED ("a.owner_id"), error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      overview->points_due_activities = sqlite3_column_int64 (stmt, 0);
      overview->points_late_activities = sqlite3_column_int64 (stmt, 1);
      overview->points_due_soonest_end = sqlite3_column_int64 (stmt, 2);
    }
  return _gx_overview_finish (q, stmt, rc, error);
}

/**
 * _gx_overview_club:
 *
 * Members now, new members in the period and per month, points earned and redeemed,
 * activities held against planned, activities whose points are due; and the desk's own
 * figures: confidential profiles and follow-ups due.
 */
gboolean
_gx_overview_club (GxOverviewQuery  *q,
                   GxOverview       *overview,
                   GError          **error)
{
  return members (q, overview, error) &&
         points (q, overview, error) &&
         activities (q, overview, error) &&
         _gx_overview_count (q,
           /* The partial index holds exactly these profiles; without naming it the planner
            * may walk a list index and read every profile for its level. */
           "SELECT count (*) FROM customers c INDEXED BY customers_confidential"
           " WHERE c.confidentiality <> 'ordinary' AND c.archived_at IS NULL" GX_SCOPED ("c.owner_id"),
           &overview->confidential_customers, error) &&
         _gx_overview_count (q,
           /* Customers whose open follow-up (the one their latest contact asks for) is due:
            * what the customer list's "Due Today" shows when the figure is clicked. */
           "SELECT count (*) FROM customers c INDEXED BY customers_list_follow_ups"
           " WHERE c.follow_up_on IS NOT NULL AND c.archived_at IS NULL AND c.follow_up_on <= :today"
           GX_SCOPED ("c.owner_id"),
           &overview->follow_ups_due, error);
}
