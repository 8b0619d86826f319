/* gx-overview-private.h: what the overview's figure files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-overview.h"

G_BEGIN_DECLS

/* The statements of the overview name their parameters; one binder fills them all from
 * this, so each query says what it means (:from, :team) instead of counting question marks.
 * :a and :b are a range the caller sets for queries run over two periods; for the figures
 * kept as sums (0019-overview-sums.sql) the binder splits it: the whole days
 * [:a_days, :b_days) are read from the day sums, the whole hours of the first and last day,
 * [:a_hours, :a_hours_end) and [:b_hours, :b_hours_end), from the hour sums, and the rest at
 * the edges, [:a, :a_edge) and [:b_edge, :b), from the rows. GX_SUMS() reads the sums. */
typedef struct
{
  GxDb                *db;
  const GxPeriodRange *range;
  gint64               now;
  char                 today[11];
  const char          *team;
  const char          *owner_id;
  gint64               a;
  gint64               b;
} GxOverviewQuery;

/* Whose a record is: a scope condition over an SQL expression giving the owner's user id.
 * Each side is skipped at run time when its parameter is NULL, so an unfiltered overview pays
 * nothing for owner lookups. */
#define GX_SCOPED(owner) \
  " AND (:owner IS NULL OR " owner " = :owner)" \
  " AND (:team IS NULL OR " owner " IN (SELECT su.id FROM users su WHERE su.team = :team))"

#define GX_CASE_OWNER "coalesce (k.assignee_id, k.first_responder_id)"

/* Club rows belong to the customer's owner, who is not on every row: a membership carries
 * it (memberships.owner_id, kept by triggers, 0015-overview-owners.sql), and a points entry
 * is probed against the set of the owner's or the team's memberships, built once per
 * statement from an index by owner, and only when the filter is set. */
#define GX_MEMBERSHIP_SCOPED(col) \
  " AND (:owner IS NULL OR " col " IN (SELECT sm.id FROM memberships sm INDEXED BY memberships_owner_ids" \
  "   WHERE sm.owner_id = :owner))" \
  " AND (:team IS NULL OR " col " IN (SELECT sm.id FROM memberships sm INDEXED BY memberships_owner_ids" \
  "   WHERE sm.owner_id IN (SELECT su.id FROM users su WHERE su.team = :team)))"

/* One sum over the sums of 0019-overview-sums.sql: the day sums and the two runs of hour
 * sums of [:a, :b), as three terms added up ("+ …"). EXPR is summed over TABLE_days and
 * TABLE_hours (aliased d) where COND holds, filtered by team and owner. */
#define GX_SUMS(expr, table, cond) \
  " + coalesce ((SELECT sum (" expr ") FROM " table "_days d" \
  "   WHERE d.day >= :a_days AND d.day < :b_days AND " cond GX_SCOPED ("d.owner_id") "), 0)" \
  " + coalesce ((SELECT sum (" expr ") FROM " table "_hours d" \
  "   WHERE d.hour >= :a_hours AND d.hour < :a_hours_end AND " cond GX_SCOPED ("d.owner_id") "), 0)" \
  " + coalesce ((SELECT sum (" expr ") FROM " table "_hours d" \
  "   WHERE d.hour >= :b_hours AND d.hour < :b_hours_end AND " cond GX_SCOPED ("d.owner_id") "), 0)"

/* The same pieces as rows, for a breakdown: COLS of the day sums and of the two runs of hour
 * sums, one after the other ("SELECT … UNION ALL SELECT …"). */
#define GX_SUMS_ROWS(cols, table, cond) \
  " SELECT " cols " FROM " table "_days d" \
  "   WHERE d.day >= :a_days AND d.day < :b_days AND " cond GX_SCOPED ("d.owner_id") \
  " UNION ALL SELECT " cols " FROM " table "_hours d" \
  "   WHERE d.hour >= :a_hours AND d.hour < :a_hours_end AND " cond GX_SCOPED ("d.owner_id") \
  " UNION ALL SELECT " cols " FROM " table "_hours d" \
  "   WHERE d.hour >= :b_hours AND d.hour < :b_hours_end AND " cond GX_SCOPED ("d.owner_id")

/* The month (0–11) of the period's series an instant falls in. */
#define GX_MONTH_BUCKET(x) \
  "((" x " >= :m1) + (" x " >= :m2) + (" x " >= :m3) + (" x " >= :m4) + (" x " >= :m5)" \
  " + (" x " >= :m6) + (" x " >= :m7) + (" x " >= :m8) + (" x " >= :m9) + (" x " >= :m10)" \
  " + (" x " >= :m11))"

sqlite3_stmt *_gx_overview_prepare        (GxOverviewQuery  *q,
                                           const char       *sql,
                                           GError          **error);
gboolean      _gx_overview_count          (GxOverviewQuery  *q,
                                           const char       *sql,
                                           gint64           *out,
                                           GError          **error);
gboolean      _gx_overview_count_key      (GxOverviewQuery  *q,
                                           const char       *sql,
                                           const char       *key,
                                           gint64           *out,
                                           GError          **error);
gboolean      _gx_overview_finish         (GxOverviewQuery  *q,
                                           sqlite3_stmt     *stmt,
                                           int               rc,
                                           GError          **error);
void          _gx_overview_add_item       (GArray           *items,
                                           const char       *key,
                                           const char       *label,
                                           gint64            count,
                                           double            value);

gboolean      _gx_overview_cases          (GxOverviewQuery  *q,
                                           GxOverview       *overview,
                                           GError          **error);
gboolean      _gx_overview_times          (GxOverviewQuery  *q,
                                           GxOverview       *overview,
                                           GError          **error);
gboolean      _gx_overview_satisfaction   (GxOverviewQuery  *q,
                                           GxOverview       *overview,
                                           GError          **error);
gboolean      _gx_overview_club           (GxOverviewQuery  *q,
                                           GxOverview       *overview,
                                           GError          **error);

G_END_DECLS
