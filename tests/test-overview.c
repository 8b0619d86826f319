/* test-overview.c: every figure of the supervisor overview on a small dataset counted by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dataset is in gx-overview-dataset.h; next to each figure the test says which of its
 * rows make it up.
 */

#include "config.h"

#include "gx-activity.h"
#include "gx-overview-dataset.h"
#include "gx-overview.h"
#include "gx-record.h"
#include "gx-store.h"
#include "gx-sync-apply.h"
#include "gx-test-util.h"

typedef struct
{
  GxStore   *store;
  GTimeZone *tz;
} Fixture;

static gboolean
write_dataset (GxDb      *db,
               gpointer   data,
               GError   **error)
{
  return gx_db_exec (db, gx_overview_dataset, error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (gx_test_make_dir (), "desk.sqlite", NULL);
  g_autoptr(GError) error = NULL;

  fixture->tz = g_time_zone_new_identifier ("Asia/Shanghai");
  fixture->store = gx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (gx_store_write_sync (fixture->store, write_dataset, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gx_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_time_zone_unref (fixture->tz);
}

static GxOverview *
compute (Fixture    *fixture,
         const char *viewer,
         GxPeriodKind period,
         const char *team,
         const char *owner)
{
  GxOverviewScope scope = { period, 0, 0, team, owner };
  g_autoptr(GError) error = NULL;
  GxOverview *overview;

  overview = gx_overview_compute (gx_store_get_main_reader (fixture->store), &scope, viewer,
                                  GX_TEST_NOW, fixture->tz, &error);
  g_assert_no_error (error);
  g_assert_nonnull (overview);
  return overview;
}

static gint64
count_of (GArray     *items,
          const char *key)
{
  const GxFigureItem *item = gx_overview_item (items, key);

  return item ? item->count : 0;
}

static void
test_period_ranges (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Shanghai");
  GxPeriodRange r;

  /* This month: 1 November 00:00 Shanghai is 31 October 16:00 UTC. */
  g_assert_true (gx_period_resolve (GX_PERIOD_THIS_MONTH, 0, 0, GX_TEST_NOW, tz, &r));
  g_assert_cmpint (r.from, ==, 1793462400);      /* 2026-10-31T16:00:00Z */
  g_assert_cmpint (r.until, ==, 1796054400);     /* 2026-11-30T16:00:00Z */
  g_assert_cmpint (r.prev_from, ==, 1790784000); /* 2026-09-30T16:00:00Z */
  g_assert_cmpint (r.prev_until, ==, r.from);
  g_assert_cmpstr (r.from_date, ==, "2026-11-01");
  g_assert_cmpstr (r.until_date, ==, "2026-12-01");
  g_assert_cmpstr (r.prev_from_date, ==, "2026-10-01");
  g_assert_cmpstr (r.month_label[0], ==, "2025-12");
  g_assert_cmpstr (r.month_label[11], ==, "2026-11");
  g_assert_cmpint (r.month_start[11], ==, r.from);
  g_assert_cmpint (r.month_start[12], ==, r.until);

  g_assert_true (gx_period_resolve (GX_PERIOD_LAST_MONTH, 0, 0, GX_TEST_NOW, tz, &r));
  g_assert_cmpstr (r.from_date, ==, "2026-10-01");
  g_assert_cmpstr (r.until_date, ==, "2026-11-01");
  g_assert_cmpstr (r.prev_from_date, ==, "2026-09-01");
  g_assert_cmpstr (r.month_label[11], ==, "2026-10");

  g_assert_true (gx_period_resolve (GX_PERIOD_THIS_QUARTER, 0, 0, GX_TEST_NOW, tz, &r));
  g_assert_cmpstr (r.from_date, ==, "2026-10-01");
  g_assert_cmpstr (r.until_date, ==, "2027-01-01");
  g_assert_cmpstr (r.prev_from_date, ==, "2026-07-01");
  g_assert_cmpstr (r.month_label[11], ==, "2026-12");

  g_assert_true (gx_period_resolve (GX_PERIOD_THIS_YEAR, 0, 0, GX_TEST_NOW, tz, &r));
  g_assert_cmpstr (r.from_date, ==, "2026-01-01");
  g_assert_cmpstr (r.until_date, ==, "2027-01-01");
  g_assert_cmpstr (r.prev_from_date, ==, "2025-01-01");
  g_assert_cmpstr (r.month_label[0], ==, "2026-01");

  g_assert_true (gx_period_resolve (GX_PERIOD_LAST_12_MONTHS, 0, 0, GX_TEST_NOW, tz, &r));
  g_assert_cmpstr (r.from_date, ==, "2025-12-01");
  g_assert_cmpstr (r.until_date, ==, "2026-12-01");
  g_assert_cmpstr (r.prev_from_date, ==, "2024-12-01");

  g_assert_true (gx_period_resolve (GX_PERIOD_MONTH, 2027, 1, GX_TEST_NOW, tz, &r));
  g_assert_cmpstr (r.from_date, ==, "2027-01-01");
  g_assert_cmpstr (r.until_date, ==, "2027-02-01");
  g_assert_cmpstr (r.prev_from_date, ==, "2026-12-01");
  g_assert_false (gx_period_resolve (GX_PERIOD_MONTH, 2026, 13, GX_TEST_NOW, tz, &r));
}

static void
test_open_cases (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GxOverview) o = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, NULL);

  /* Open: K2, K3, K4, K5 (K1, K6, K7 are closed). */
  g_assert_cmpint (o->open_cases, ==, 4);
  g_assert_cmpint (count_of (o->open_by_status, "received"), ==, 1);
  g_assert_cmpint (count_of (o->open_by_status, "investigating"), ==, 1);
  g_assert_cmpint (count_of (o->open_by_status, "waiting_customer"), ==, 1);
  g_assert_cmpint (count_of (o->open_by_status, "in_review"), ==, 1);
  g_assert_cmpint (count_of (o->open_by_status, "assessed"), ==, 0);
  /* Every open status is listed, in workflow order, never "closed". */
  g_assert_cmpstr (g_array_index (o->open_by_status, GxFigureItem, 0).key, ==, "received");
  g_assert_cmpstr (g_array_index (o->open_by_status, GxFigureItem, 0).label, ==, "Received");
  g_assert_null (gx_overview_item (o->open_by_status, "closed"));
  /* Overdue: K2 (answer due 10 Nov, not resolved) and K4 (not acknowledged by 21 Nov 13:00).
   * K3 was resolved before its deadline; K5 is due 1 December. */
  g_assert_cmpint (o->overdue_cases, ==, 2);
  g_assert_cmpint (o->escalated_cases, ==, 1);   /* K2 */
  g_assert_cmpint (o->in_review_cases, ==, 1);   /* K3 */
  g_assert_cmpint (o->reopened_cases, ==, 1);    /* K5 */
  g_assert_cmpint (o->return_visits_due, ==, 1); /* V4 */

  /* Top customers: 王伟 with K2 and K5, then 李明 and 赵丽 with one each. */
  g_assert_cmpuint (o->top_customers->len, ==, 3);
  g_assert_cmpstr (g_array_index (o->top_customers, GxFigureItem, 0).label, ==, "王伟");
  g_assert_cmpint (g_array_index (o->top_customers, GxFigureItem, 0).count, ==, 2);
  g_assert_cmpstr (g_array_index (o->top_customers, GxFigureItem, 1).key, ==, "c2");
  g_assert_cmpstr (g_array_index (o->top_customers, GxFigureItem, 2).key, ==, "c3");
}

static void
test_received_and_times (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GxOverview) o = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, NULL);
  const GxFigureItem *first;

  /* Received in November: K1–K5; in October: K6, K7. */
  g_assert_cmpint (o->received_cases, ==, 5);
  g_assert_cmpint (o->prev_received_cases, ==, 2);

  /* By cause: billing K1, K2, K5; attitude K3; slow service K4 — most first. */
  g_assert_cmpuint (o->by_category->len, ==, 3);
  first = &g_array_index (o->by_category, GxFigureItem, 0);
  g_assert_cmpstr (first->key, ==, "billing");
  g_assert_cmpstr (first->label, ==, "Billing");
  g_assert_cmpint (first->count, ==, 3);
  g_assert_cmpint (count_of (o->by_category, "attitude"), ==, 1);
  g_assert_cmpint (count_of (o->by_category, "speed"), ==, 1);
  g_assert_cmpstr (gx_overview_item (o->by_category, "speed")->label, ==, "Slow service");

  /* By channel: hotline K1, K2; counter K3; web K4; letter K5. */
  g_assert_cmpuint (o->by_channel->len, ==, 4);
  g_assert_cmpstr (g_array_index (o->by_channel, GxFigureItem, 0).key, ==, "hotline");
  g_assert_cmpint (count_of (o->by_channel, "hotline"), ==, 2);
  g_assert_cmpint (count_of (o->by_channel, "letter"), ==, 1);

  /* Acknowledged in November: K2 30 min, K1 1 h, K5 2 h, K3 4 h.
   * Mean (1800 + 3600 + 7200 + 14400) / 4 = 6750 s; p90 is the ceil (0.9 × 4) = 4th. */
  g_assert_cmpint (o->acknowledge.n, ==, 4);
  g_assert_cmpfloat_with_epsilon (o->acknowledge.mean, 6750.0, 1e-9);
  g_assert_cmpint (o->acknowledge.p90, ==, 14400);
  /* October: K6 10 min, K7 1 day: mean 43500, p90 the 2nd. */
  g_assert_cmpint (o->prev_acknowledge.n, ==, 2);
  g_assert_cmpfloat_with_epsilon (o->prev_acknowledge.mean, 43500.0, 1e-9);
  g_assert_cmpint (o->prev_acknowledge.p90, ==, 86400);

  /* Resolved in November: K1 1 day, K3 2 days, K7 15 days (received in October).
   * Mean (86400 + 172800 + 1296000) / 3 = 518400; p90 the 3rd. October: K6, 1 day. */
  g_assert_cmpint (o->resolve.n, ==, 3);
  g_assert_cmpfloat_with_epsilon (o->resolve.mean, 518400.0, 1e-9);
  g_assert_cmpint (o->resolve.p90, ==, 1296000);
  g_assert_cmpint (o->prev_resolve.n, ==, 1);
  g_assert_cmpint (o->prev_resolve.p90, ==, 86400);
}

static void
test_satisfaction (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GxOverview) o = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, NULL);
  const GxServiceIndex *index = o->service_index;
  const GxServiceFactor *f;

  /* Done in November: V1 5, V2 2, V5 3 → 10 / 3. October: V3 4. */
  g_assert_cmpint (o->visits, ==, 3);
  g_assert_cmpfloat_with_epsilon (o->satisfaction, 10.0 / 3.0, 1e-9);
  g_assert_cmpint (o->prev_visits, ==, 1);
  g_assert_cmpfloat_with_epsilon (o->prev_satisfaction, 4.0, 1e-9);

  /* Per factor in November: speed 5 and 1; attitude 4 and 3; result 2. */
  g_assert_cmpuint (o->satisfaction_by_factor->len, ==, 3);
  g_assert_cmpfloat_with_epsilon (gx_overview_item (o->satisfaction_by_factor, "speed")->value, 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (gx_overview_item (o->satisfaction_by_factor, "attitude")->value, 3.5, 1e-9);
  g_assert_cmpint (gx_overview_item (o->satisfaction_by_factor, "result")->count, ==, 1);

  /* The service index: N = 2 (V1 and V2 scored factors; V5 did not).
   *   speed:    P = 2/2, C = ((5−3)/2 + (1−3)/2) / 2 = 0          → S = 0
   *   attitude: P = 2/2, C = ((4−3)/2 + (3−3)/2) / 2 = 0.25       → S = 0.25
   *   result:   P = 1/2, C = (2−3)/2 = −0.5                       → S = −0.25
   *   staff = attitude + communication = 0.25 + 0                 → S = 0.25 */
  g_assert_cmpint (index->n_visits, ==, 2);
  f = gx_service_index_find (o->service_index, "speed");
  g_assert_cmpfloat_with_epsilon (f->frequency, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->index, 0.0, 1e-9);
  f = gx_service_index_find (o->service_index, "attitude");
  g_assert_cmpfloat_with_epsilon (f->consequence, 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->index, 0.25, 1e-9);
  g_assert_cmpuint (f->depth, ==, 1);
  f = gx_service_index_find (o->service_index, "result");
  g_assert_cmpfloat_with_epsilon (f->frequency, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (f->index, -0.25, 1e-9);
  f = gx_service_index_find (o->service_index, "staff");
  g_assert_true (f->composite);
  g_assert_cmpfloat_with_epsilon (f->index, 0.25, 1e-9);
  g_assert_cmpint (f->subtree_n, ==, 2);

  /* By month, December 2025 … November 2026: October V3 (4), November 10 / 3. */
  g_assert_cmpint (o->satisfaction_by_month->count[10], ==, 1);
  g_assert_cmpfloat_with_epsilon (o->satisfaction_by_month->value[10], 4.0, 1e-9);
  g_assert_cmpint (o->satisfaction_by_month->count[11], ==, 3);
  g_assert_cmpint (o->satisfaction_by_month->count[9], ==, 0);
}

static void
test_factor_series (Fixture       *fixture,
                    gconstpointer  data)
{
  GxOverviewScope scope = { GX_PERIOD_THIS_MONTH };
  GxDb *db = gx_store_get_main_reader (fixture->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxFigureSeries) speed = NULL;
  g_autoptr(GxFigureSeries) staff = NULL;
  g_autoptr(GxFigureSeries) desk2 = NULL;

  /* Speed, December 2025 … November 2026: October V3 (4); November V1 5 and V2 1. */
  speed = gx_overview_compute_factor_series (db, &scope, "sup", "speed", GX_TEST_NOW, fixture->tz, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (speed->label, ==, "Speed");
  g_assert_cmpint (speed->count[10], ==, 1);
  g_assert_cmpfloat_with_epsilon (speed->value[10], 4.0, 1e-9);
  g_assert_cmpint (speed->count[11], ==, 2);
  g_assert_cmpfloat_with_epsilon (speed->value[11], 3.0, 1e-9);
  g_assert_cmpint (speed->count[9], ==, 0);

  /* A composite counts its parts: staff = attitude (4 and 3 in November) + communication. */
  staff = gx_overview_compute_factor_series (db, &scope, "sup", "staff", GX_TEST_NOW, fixture->tz, &error);
  g_assert_no_error (error);
  g_assert_cmpint (staff->count[11], ==, 2);
  g_assert_cmpfloat_with_epsilon (staff->value[11], 3.5, 1e-9);

  /* In desk2's scope: V2 only (speed 1). */
  scope.owner_id = "desk2";
  desk2 = gx_overview_compute_factor_series (db, &scope, "sup", "speed", GX_TEST_NOW, fixture->tz, &error);
  g_assert_no_error (error);
  g_assert_cmpint (desk2->count[11], ==, 1);
  g_assert_cmpfloat_with_epsilon (desk2->value[11], 1.0, 1e-9);
  g_assert_cmpint (desk2->count[10], ==, 0);
}

static void
test_club_and_activities (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GxOverview) o = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, NULL);

  /* Members now: M1, M2, M5 (M3 cancelled, M4 never joined). */
  g_assert_cmpint (o->members, ==, 3);
  /* Joined in November: M1, M3 (cancelled since, but they did join); in October: M2. */
  g_assert_cmpint (o->new_members, ==, 2);
  g_assert_cmpint (o->prev_new_members, ==, 1);
  g_assert_cmpint (o->new_members_by_month->count[0], ==, 1);    /* M5, December 2025 */
  g_assert_cmpint (o->new_members_by_month->count[10], ==, 1);
  g_assert_cmpint (o->new_members_by_month->count[11], ==, 2);

  /* Points in November: earned P1 500, redeemed P2 200; expiry and adjustments are neither. */
  g_assert_cmpint (o->points_earned, ==, 500);
  g_assert_cmpint (o->points_redeemed, ==, 200);

  /* Planned in November: A1, A2, A3, A5 (undated, planned for November), A7; A4 was
   * cancelled, A6 was in October. Held: A1, A2, A7. */
  g_assert_cmpint (o->activities_planned, ==, 5);
  g_assert_cmpint (o->activities_held, ==, 3);
  /* Points due: A1 and A2 ended with check-ins and nothing awarded; A1 ended more than a
   * week ago (8 November), so it is late. */
  g_assert_cmpint (o->points_due_activities, ==, 2);
  g_assert_cmpint (o->points_late_activities, ==, 1);
  /* A2 ended on 18 November at 21:00: its week runs to the 25th, 4 days from the 22nd. */
  g_assert_cmpint (gx_activity_points_days_left (o->points_due_soonest_end, GX_TEST_NOW), ==, 4);

  /* The desk: 李明 (secret) and 孙强 (top secret). Follow-ups: a customer's open one is the
   * one their latest contact asks for — 李明's L4, due today; 王伟's L1 was followed by L2,
   * due on the 25th, so 王伟 is not due. */
  g_assert_cmpint (o->confidential_customers, ==, 2);
  g_assert_cmpint (o->follow_ups_due, ==, 1);
}

static gboolean
end_periods (GxDb      *db,
             gpointer   data,
             GError   **error)
{
  /* M2's period ended on 30 June: past its 30 days' grace by 22 November, lapsed. M5's ends
   * on 10 November: within grace. M1 is suspended until the end of the year. */
  return gx_db_exec (db,
                     "UPDATE memberships SET period_end = '2026-06-30' WHERE id = 'M2';"
                     "UPDATE memberships SET period_end = '2026-11-10' WHERE id = 'M5';"
                     "UPDATE memberships SET suspended_reason = '审核', suspended_until = '2026-12-31' WHERE id = 'M1';",
                     error);
}

static void
test_members_are_active_ones (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GxOverview) before = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, NULL);
  g_autoptr(GxOverview) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (before->members, ==, 3);
  g_assert_true (gx_store_write_sync (fixture->store, end_periods, NULL, &error));
  g_assert_no_error (error);

  /* "Members" are those the member list calls active: lapsed (M2), in grace (M5) and
   * suspended (M1) members are not, though none of them has cancelled. */
  after = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, NULL);
  g_assert_cmpint (after->members, ==, 0);
  /* Joining is history: the month's new members do not change. */
  g_assert_cmpint (after->new_members, ==, before->new_members);
}

static void
test_team_and_owner (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GxOverview) team = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, "客户服务中心", NULL);
  g_autoptr(GxOverview) owner = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, "desk2");
  g_autoptr(GxOverview) rm = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, "rm1");

  /* The service centre's cases: K5 is the relationship manager's (assigned to rm1). K4 has no
   * assignee and is its first responder's, desk2's. */
  g_assert_false (team->team_forced);
  g_assert_cmpint (team->open_cases, ==, 3);
  g_assert_cmpint (team->overdue_cases, ==, 2);
  g_assert_cmpint (team->reopened_cases, ==, 0);
  g_assert_cmpint (team->received_cases, ==, 4);
  g_assert_cmpint (count_of (team->by_category, "billing"), ==, 2);
  g_assert_cmpint (team->acknowledge.n, ==, 3);

  /* desk2: K3 and K4 open; K7 resolved in November; V2 (on K7) done in November. */
  g_assert_cmpint (owner->open_cases, ==, 2);
  g_assert_cmpint (owner->resolve.n, ==, 2);
  g_assert_cmpint (owner->visits, ==, 1);
  g_assert_cmpfloat_with_epsilon (owner->satisfaction, 2.0, 1e-9);
  g_assert_cmpint (owner->return_visits_due, ==, 1);

  /* rm1: K5; the members of the customers they own (c1, c2, c5); their activities. */
  g_assert_cmpint (rm->open_cases, ==, 1);
  g_assert_cmpint (rm->members, ==, 3);
  g_assert_cmpint (rm->new_members, ==, 1);
  g_assert_cmpint (rm->points_earned, ==, 500);
  g_assert_cmpint (rm->activities_planned, ==, 4);
  g_assert_cmpint (rm->confidential_customers, ==, 1);
  g_assert_cmpint (rm->follow_ups_due, ==, 1);   /* 李明 is rm1's */
}

/* Whose a membership is ---------------------------------------------------------------------- */

/* The club figures of a team or an owner go by the membership's copy of its customer's owner
 * (memberships.owner_id, 0015-overview-owners.sql). Each step below changes whose a member is
 * the way the desk does it — a transfer, a user moving team, a merge moving a membership, a
 * customer leaving the desk's scope, changes pulled from the server — and the figures follow. */

typedef struct
{
  const char *sql;       /* raw SQL, as a sync purge or the demo generator writes */
  const char *kind;      /* or a record-layer write */
  const char *id;
  const char *field;
  const char *value;
  gboolean    delete;
} Step;

static gboolean
write_step (GxDb      *db,
            gpointer   data,
            GError   **error)
{
  const Step *step = data;
  GxWriteMeta meta = { .now = GX_TEST_NOW, .user_id = "sup" };
  g_autoptr(JsonObject) changes = json_object_new ();

  if (step->sql != NULL)
    return gx_db_exec (db, step->sql, error);
  if (step->delete)
    return gx_record_delete (db, step->kind, step->id, &meta, error);
  json_object_set_string_member (changes, step->field, step->value);
  return gx_record_update (db, step->kind, step->id, changes, &meta, error);
}

/* The sums per hour and per day (0019-overview-sums.sql) hold exactly what the rows add up
 * to: the rows of each sum table that a GROUP BY over the rows does not give, and the other
 * way round, leaving out sums that came back to nothing. */
static void
assert_sums_agree (Fixture *fixture)
{
  static const struct { const char *unit, *seconds; } units[] = { { "hour", "3600" }, { "day", "86400" } };
  static const char *const checks[] = {
    "SELECT count (*) FROM"
    " (SELECT * FROM (SELECT kind, @UNIT@, owner_id, entries, points FROM overview_points_@UNIT@s"
    "                  WHERE entries <> 0 OR points <> 0"
    "                 EXCEPT SELECT p.kind, p.at / @SECONDS@, coalesce (m.owner_id, ''), count (*), sum (p.points)"
    "                  FROM points_ledger p JOIN memberships m ON m.id = p.membership_id GROUP BY 1, 2, 3)"
    "  UNION ALL"
    "  SELECT * FROM (SELECT p.kind, p.at / @SECONDS@, coalesce (m.owner_id, ''), count (*), sum (p.points)"
    "                  FROM points_ledger p JOIN memberships m ON m.id = p.membership_id GROUP BY 1, 2, 3"
    "                 EXCEPT SELECT kind, @UNIT@, owner_id, entries, points FROM overview_points_@UNIT@s))",

    "SELECT count (*) FROM"
    " (SELECT * FROM (SELECT @UNIT@, owner_id, factor_id, scores, total FROM overview_score_@UNIT@s"
    "                  WHERE scores <> 0 OR total <> 0"
    "                 EXCEPT SELECT v.done_at / @SECONDS@, coalesce (v.owner_id, ''), s.factor_id, count (*), sum (s.score)"
    "                  FROM return_visit_scores s JOIN return_visits v ON v.id = s.return_visit_id"
    "                  WHERE v.done_at IS NOT NULL GROUP BY 1, 2, 3)"
    "  UNION ALL"
    "  SELECT * FROM (SELECT v.done_at / @SECONDS@, coalesce (v.owner_id, ''), s.factor_id, count (*), sum (s.score)"
    "                  FROM return_visit_scores s JOIN return_visits v ON v.id = s.return_visit_id"
    "                  WHERE v.done_at IS NOT NULL GROUP BY 1, 2, 3"
    "                 EXCEPT SELECT @UNIT@, owner_id, factor_id, scores, total FROM overview_score_@UNIT@s))",

    "SELECT count (*) FROM"
    " (SELECT * FROM (SELECT @UNIT@, owner_id, visits, overall_total FROM overview_visit_@UNIT@s"
    "                  WHERE visits <> 0 OR overall_total <> 0"
    "                 EXCEPT SELECT v.done_at / @SECONDS@, coalesce (v.owner_id, ''), count (*), sum (v.overall)"
    "                  FROM return_visits v WHERE v.done_at IS NOT NULL AND v.overall IS NOT NULL GROUP BY 1, 2)"
    "  UNION ALL"
    "  SELECT * FROM (SELECT v.done_at / @SECONDS@, coalesce (v.owner_id, ''), count (*), sum (v.overall)"
    "                  FROM return_visits v WHERE v.done_at IS NOT NULL AND v.overall IS NOT NULL GROUP BY 1, 2"
    "                 EXCEPT SELECT @UNIT@, owner_id, visits, overall_total FROM overview_visit_@UNIT@s))",

    "SELECT count (*) FROM"
    " (SELECT * FROM (SELECT @UNIT@, owner_id, visits FROM overview_scored_visit_@UNIT@s WHERE visits <> 0"
    "                 EXCEPT SELECT v.done_at / @SECONDS@, coalesce (v.owner_id, ''), count (*) FROM return_visits v"
    "                  WHERE v.done_at IS NOT NULL AND EXISTS (SELECT 1 FROM return_visit_scores s"
    "                                                           WHERE s.return_visit_id = v.id) GROUP BY 1, 2)"
    "  UNION ALL"
    "  SELECT * FROM (SELECT v.done_at / @SECONDS@, coalesce (v.owner_id, ''), count (*) FROM return_visits v"
    "                  WHERE v.done_at IS NOT NULL AND EXISTS (SELECT 1 FROM return_visit_scores s"
    "                                                           WHERE s.return_visit_id = v.id) GROUP BY 1, 2"
    "                 EXCEPT SELECT @UNIT@, owner_id, visits FROM overview_scored_visit_@UNIT@s))",
  };

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
      {
        g_autoptr(GString) sql = g_string_new (checks[i]);
        g_autoptr(GError) error = NULL;
        gint64 differ;

        g_string_replace (sql, "@UNIT@", units[u].unit, 0);
        g_string_replace (sql, "@SECONDS@", units[u].seconds, 0);
        differ = gx_db_query_int (gx_store_get_main_reader (fixture->store), sql->str, NULL, -1, &error);

        g_assert_no_error (error);
        if (differ != 0)
          g_error ("%" G_GINT64_FORMAT " sums per %s differ from the rows: %s", differ, units[u].unit, sql->str);
      }
}

static void
run_step (Fixture    *fixture,
          const Step *step)
{
  g_autoptr(GError) error = NULL;
  gint64 stale;

  gx_store_write_sync (fixture->store, write_step, (gpointer) step, &error);
  g_assert_no_error (error);

  /* Whatever wrote, no membership keeps an owner its customer no longer has. */
  stale = gx_db_query_int (gx_store_get_main_reader (fixture->store),
                           "SELECT count (*) FROM memberships m JOIN customers c ON c.id = m.customer_id"
                           " WHERE m.owner_id IS NOT c.owner_id", NULL, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stale, ==, 0);

  /* Nor a return visit an owner its case no longer has. */
  stale = gx_db_query_int (gx_store_get_main_reader (fixture->store),
                           "SELECT count (*) FROM return_visits v JOIN cases k ON k.id = v.case_id"
                           " WHERE v.owner_id IS NOT coalesce (k.assignee_id, k.first_responder_id)",
                           NULL, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stale, ==, 0);

  assert_sums_agree (fixture);
}

static gboolean
purge_c2 (GxDb      *db,
          gpointer   data,
          GError   **error)
{
  return gx_sync_purge_customer (db, "c2", error);
}

/* A page of the server's change feed: c5 handed from rm1 to desk2, and c5 joins as M6. */
static gboolean
pull_page (GxDb      *db,
           gpointer   data,
           GError   **error)
{
  g_autoptr(JsonObject) c5 = gx_record_read (db, "customer", "c5", error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autofree char *text = NULL;
  gint64 cursor = 0;
  gboolean more = TRUE;
  guint n = 0;

  if (c5 == NULL)
    return FALSE;
  json_object_set_string_member (c5, "owner_id", "desk2");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "customer");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "c5");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 7);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "record");
  json_builder_add_value (builder, json_node_init_object (json_node_alloc (), c5));
  json_builder_end_object (builder);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "membership");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "M6");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 8);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "record");
  json_builder_begin_object (builder);
#define MEMBER(name, value) json_builder_set_member_name (builder, name); json_builder_add_string_value (builder, value)
  MEMBER ("id", "M6");
  MEMBER ("club_id", "club");
  MEMBER ("customer_id", "c5");
  MEMBER ("member_number", "M6");
  MEMBER ("tier_id", "gold");
  MEMBER ("applied_on", "2026-11-09");
  MEMBER ("joined_on", "2026-11-10");
  /* A newer server's copy of the owner is not this desk's to take: the trigger decides. */
  MEMBER ("owner_id", "rm1");
#undef MEMBER
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "updated_at");
  json_builder_add_int_value (builder, 0);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "cursor");
  json_builder_add_int_value (builder, 8);
  json_builder_set_member_name (builder, "more");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  page = g_bytes_new (text, strlen (text));
  if (!gx_sync_apply_page (db, page, &cursor, &more, &n, error))
    return FALSE;
  g_assert_cmpint (n, ==, 2);
  g_assert_false (more);
  return TRUE;
}

static void
test_filters_follow_owners (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *centre = "客户服务中心", *private_banking = "私人银行部";
  g_autoptr(GError) error = NULL;

  /* At first rm1 owns c1, c2 and c5: members M1, M2, M5; M1 joined in November and earned
   * P1 500, redeemed P2 200. The service centre's staff own no member's customer. */
  {
    g_autoptr(GxOverview) rm = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, "rm1");
    g_autoptr(GxOverview) team = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, centre, NULL);

    g_assert_cmpint (rm->members, ==, 3);
    g_assert_cmpint (team->members, ==, 0);
    g_assert_cmpint (team->new_members, ==, 0);
    g_assert_cmpint (team->points_earned, ==, 0);
  }

  /* 1. A transfer through the record layer: c1 (M1) goes to desk1, of the service centre. */
  run_step (fixture, &(Step) { .kind = "customer", .id = "c1", .field = "owner_id", .value = "desk1" });
  {
    g_autoptr(GxOverview) rm = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, "rm1");
    g_autoptr(GxOverview) team = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, centre, NULL);
    g_autoptr(GxOverview) desk1 = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, "desk1");

    g_assert_cmpint (rm->members, ==, 2);          /* M2, M5 */
    g_assert_cmpint (rm->new_members, ==, 0);
    g_assert_cmpint (rm->points_earned, ==, 0);
    g_assert_cmpint (team->members, ==, 1);        /* M1 */
    g_assert_cmpint (team->new_members, ==, 1);
    g_assert_cmpint (team->new_members_by_month->count[11], ==, 1);
    g_assert_cmpint (team->points_earned, ==, 500);
    g_assert_cmpint (team->points_redeemed, ==, 200);
    g_assert_cmpint (desk1->members, ==, 1);
  }

  /* 2. desk1 moves to private banking: their members (M1) and cases (K1, K2) go with them;
   * nothing stored about members changes. */
  run_step (fixture, &(Step) { .kind = "user", .id = "desk1", .field = "team", .value = private_banking });
  {
    g_autoptr(GxOverview) team = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, centre, NULL);
    g_autoptr(GxOverview) pb = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, private_banking, NULL);

    g_assert_cmpint (team->members, ==, 0);
    g_assert_cmpint (team->points_earned, ==, 0);
    g_assert_cmpint (team->open_cases, ==, 2);     /* K3, K4: desk2's */
    g_assert_cmpint (pb->members, ==, 3);          /* M1 (desk1), M2, M5 (rm1) */
    g_assert_cmpint (pb->points_earned, ==, 500);
    g_assert_cmpint (pb->open_cases, ==, 2);       /* K2 (desk1), K5 (rm1) */
  }

  /* 3. A merge moves M5 from c5 (rm1's) to a profile desk2 owns. */
  run_step (fixture, &(Step) { .sql = "INSERT INTO customers (id, number, name, owner_id, created_at, updated_at)"
                                      " VALUES ('c6', 'C6', '周杰', 'desk2', 0, 0)" });
  run_step (fixture, &(Step) { .kind = "membership", .id = "M5", .field = "customer_id", .value = "c6" });
  {
    g_autoptr(GxOverview) rm = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, "rm1");
    g_autoptr(GxOverview) desk2 = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, "desk2");
    g_autoptr(GxOverview) team = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, centre, NULL);

    g_assert_cmpint (rm->members, ==, 1);          /* M2 */
    g_assert_cmpint (desk2->members, ==, 1);       /* M5 */
    g_assert_cmpint (team->members, ==, 1);
    g_assert_cmpint (team->new_members_by_month->count[0], ==, 1);   /* M5 joined December 2025 */
  }

  /* 4. c2 leaves the desk's scope (the server said "remove"): M2 and 李明 go, with what
   * rm1's figures counted of them — a member, a secret profile, a follow-up due today. */
  g_assert_true (gx_store_write_sync (fixture->store, purge_c2, NULL, &error));
  g_assert_no_error (error);
  assert_sums_agree (fixture);
  {
    g_autoptr(GxOverview) rm = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, "rm1");

    g_assert_cmpint (rm->members, ==, 0);
    g_assert_cmpint (rm->confidential_customers, ==, 0);
    g_assert_cmpint (rm->follow_ups_due, ==, 0);
  }

  /* 5. From the server: c5 goes from rm1 to desk2, and joins as M6 on 10 November. */
  g_assert_true (gx_store_write_sync (fixture->store, pull_page, NULL, &error));
  g_assert_no_error (error);
  run_step (fixture, &(Step) { .sql = "SELECT 1" });
  {
    g_autoptr(GxOverview) rm = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, "rm1");
    g_autoptr(GxOverview) desk2 = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, "desk2");
    g_autoptr(GxOverview) team = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, centre, NULL);

    g_assert_cmpint (rm->members, ==, 0);
    g_assert_cmpint (desk2->members, ==, 2);       /* M5 (c6), M6 (c5) */
    g_assert_cmpint (desk2->new_members, ==, 1);   /* M6 */
    g_assert_cmpint (team->members, ==, 2);
    g_assert_cmpint (team->new_members_by_month->count[11], ==, 1);
  }

  /* 6. A member deleted through the record layer leaves the figures. */
  run_step (fixture, &(Step) { .kind = "membership", .id = "M6", .delete = TRUE });
  {
    g_autoptr(GxOverview) desk2 = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, "desk2");

    g_assert_cmpint (desk2->members, ==, 1);
    g_assert_cmpint (desk2->new_members, ==, 0);
  }
}

/* The satisfaction figures of an owner go by the visit's copy of its case's owner
 * (return_visits.owner_id, 0016-visit-owners.sql): hand-offs, new visits and deletions. */
static void
test_visits_follow_case_owners (Fixture       *fixture,
                                gconstpointer  data)
{
  /* At first desk1 has V1 (K1, 5) and V5 (K6, 3); desk2 has V2 (K7, 2). */
  {
    g_autoptr(GxOverview) desk1 = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, "desk1");
    g_autoptr(GxOverview) desk2 = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, "desk2");

    g_assert_cmpint (desk1->visits, ==, 2);
    g_assert_cmpfloat_with_epsilon (desk1->satisfaction, 4.0, 1e-9);
    g_assert_cmpint (desk2->visits, ==, 1);
  }

  /* 1. K7 is handed to desk1: its visit V2 goes with it. */
  run_step (fixture, &(Step) { .sql = "UPDATE cases SET assignee_id = 'desk1' WHERE id = 'K7'" });
  {
    g_autoptr(GxOverview) desk1 = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, "desk1");
    g_autoptr(GxOverview) desk2 = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, "desk2");

    g_assert_cmpint (desk1->visits, ==, 3);
    g_assert_cmpfloat_with_epsilon (desk1->satisfaction, 10.0 / 3.0, 1e-9);
    g_assert_cmpint (desk1->service_index->n_visits, ==, 2);   /* V1 and V2 scored factors */
    g_assert_cmpint (desk2->visits, ==, 0);
    g_assert_cmpint (desk2->return_visits_due, ==, 1);         /* V4, on K3 */
  }

  /* 2. A visit to K4, which has no assignee: its first responder's, desk2's. */
  run_step (fixture, &(Step) { .sql = "INSERT INTO return_visits (id, case_id, scheduled_at, done_at, overall)"
                                      " VALUES ('V6', 'K4', 0, " L ("2026-11-21 10:00") ", 4)" });
  {
    g_autoptr(GxOverview) desk2 = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, "desk2");
    g_autoptr(GxOverview) team = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, "客户服务中心", NULL);

    g_assert_cmpint (desk2->visits, ==, 1);
    g_assert_cmpfloat_with_epsilon (desk2->satisfaction, 4.0, 1e-9);
    g_assert_cmpint (team->visits, ==, 4);                     /* V1, V2, V5, V6 */
  }

  /* 3. K4 is assigned to rm1: V6 is now private banking's. */
  run_step (fixture, &(Step) { .sql = "UPDATE cases SET assignee_id = 'rm1' WHERE id = 'K4'" });
  {
    g_autoptr(GxOverview) desk2 = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, "desk2");
    g_autoptr(GxOverview) pb = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, "私人银行部", NULL);

    g_assert_cmpint (desk2->visits, ==, 0);
    g_assert_cmpint (pb->visits, ==, 1);
    g_assert_cmpint (pb->satisfaction_by_month->count[11], ==, 1);
  }

  /* 4. Deleted, it leaves the figures. */
  run_step (fixture, &(Step) { .sql = "DELETE FROM return_visits WHERE id = 'V6'" });
  {
    g_autoptr(GxOverview) pb = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, "私人银行部", NULL);

    g_assert_cmpint (pb->visits, ==, 0);
  }
}

static GxOverview *
compute_in (Fixture    *fixture,
            const char *zone,
            GxPeriodKind period,
            const char *owner)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  GxOverviewScope scope = { period, 0, 0, NULL, owner };
  g_autoptr(GError) error = NULL;
  GxOverview *overview;

  overview = gx_overview_compute (gx_store_get_main_reader (fixture->store), &scope, "sup",
                                  GX_TEST_NOW, tz, &error);
  g_assert_no_error (error);
  return overview;
}

/* Points and scores of a period come from sums per UTC day plus the rows of the partial days
 * at its edges; a month starts at local midnight, 16:00 UTC the day before in Shanghai and
 * 18:30 in Kolkata. Entries a second either side of each edge land in the right month. */
static void
test_edges_of_days (Fixture       *fixture,
                    gconstpointer  data)
{
  run_step (fixture, &(Step) { .sql =
    "INSERT INTO points_ledger (id, membership_id, at, kind, points) VALUES"
    " ('E1', 'M1', " L ("2026-10-31 23:59:59") ", 'earn', 1),"        /* 15:59:59 UTC, 31 Oct */
    " ('E2', 'M1', " L ("2026-11-01 00:00:00") ", 'earn', 10),"       /* 16:00:00 UTC, 31 Oct */
    " ('E3', 'M1', " L ("2026-11-01 07:59:59") ", 'earn', 100),"      /* 23:59:59 UTC, 31 Oct */
    " ('E4', 'M1', " L ("2026-11-30 23:59:59") ", 'earn', 1000),"     /* 15:59:59 UTC, 30 Nov */
    " ('E5', 'M1', " L ("2026-12-01 00:00:00") ", 'earn', 10000),"    /* 16:00:00 UTC, 30 Nov */
    " ('E6', 'M1', " L ("2026-11-01 00:00:00") ", 'redeem', -7);" });
  run_step (fixture, &(Step) { .sql =
    "INSERT INTO return_visits (id, case_id, scheduled_at, done_at, overall) VALUES"
    " ('V7', 'K1', 0, " L ("2026-11-01 00:30:00") ", 2),"              /* 16:30 UTC, 31 Oct */
    " ('V8', 'K1', 0, " L ("2026-10-31 23:30:00") ", 4);"             /* 15:30 UTC, 31 Oct */
    "INSERT INTO return_visit_scores (id, return_visit_id, factor_id, score) VALUES"
    " ('S7', 'V7', 'speed', 2), ('S8', 'V8', 'speed', 4);" });

  {
    g_autoptr(GxOverview) nov = compute_in (fixture, "Asia/Shanghai", GX_PERIOD_THIS_MONTH, NULL);
    g_autoptr(GxOverview) oct = compute_in (fixture, "Asia/Shanghai", GX_PERIOD_LAST_MONTH, NULL);
    g_autoptr(GxOverview) rm = compute_in (fixture, "Asia/Shanghai", GX_PERIOD_THIS_MONTH, "rm1");
    g_autoptr(GxOverview) desk1 = compute_in (fixture, "Asia/Shanghai", GX_PERIOD_THIS_MONTH, "desk1");
    GxOverviewScope scope = { GX_PERIOD_THIS_MONTH };
    g_autoptr(GxFigureSeries) speed = NULL;
    g_autoptr(GError) error = NULL;

    /* November in Shanghai: P1 500 + E2 10 + E3 100 + E4 1000; October P3 300 + E1 1. */
    g_assert_cmpint (nov->points_earned, ==, 1610);
    /* Overall: November V1 5, V2 2, V5 3, V7 2; October V3 4, V8 4. */
    g_assert_cmpint (nov->visits, ==, 4);
    g_assert_cmpfloat_with_epsilon (nov->satisfaction, 3.0, 1e-9);
    g_assert_cmpint (oct->visits, ==, 2);
    g_assert_cmpfloat_with_epsilon (oct->satisfaction, 4.0, 1e-9);
    g_assert_cmpint (nov->satisfaction_by_month->count[11], ==, 4);
    g_assert_cmpint (nov->satisfaction_by_month->count[10], ==, 2);
    g_assert_cmpint (nov->prev_visits, ==, 2);
    g_assert_cmpint (nov->points_redeemed, ==, 207);    /* P2 200 + E6 7 */
    g_assert_cmpint (oct->points_earned, ==, 301);
    g_assert_cmpint (rm->points_earned, ==, 1610);      /* M1 is c1's, rm1's */

    /* Speed in November: V1 5, V2 1, V7 2; in October V3 4, V8 4. V7 is desk1's (K1). */
    g_assert_cmpint (gx_overview_item (nov->satisfaction_by_factor, "speed")->count, ==, 3);
    g_assert_cmpfloat_with_epsilon (gx_overview_item (nov->satisfaction_by_factor, "speed")->value, 8.0 / 3.0, 1e-9);
    g_assert_cmpint (nov->service_index->n_visits, ==, 3);   /* V1, V2, V7 */
    g_assert_cmpint (gx_overview_item (oct->satisfaction_by_factor, "speed")->count, ==, 2);
    g_assert_cmpint (oct->service_index->n_visits, ==, 2);   /* V3, V8 */
    g_assert_cmpint (gx_overview_item (desk1->satisfaction_by_factor, "speed")->count, ==, 2);   /* V1, V7 */

    speed = gx_overview_compute_factor_series (gx_store_get_main_reader (fixture->store), &scope, "sup",
                                               "speed", GX_TEST_NOW, fixture->tz, &error);
    g_assert_no_error (error);
    g_assert_cmpint (speed->count[11], ==, 3);
    g_assert_cmpfloat_with_epsilon (speed->value[11], 8.0 / 3.0, 1e-9);
    g_assert_cmpint (speed->count[10], ==, 2);
    g_assert_cmpfloat_with_epsilon (speed->value[10], 4.0, 1e-9);
  }

  /* Kolkata's November is 31 Oct 18:30 – 30 Nov 18:30 UTC: E3, E4 and E5 but not E2;
   * October gains E1 and E2. Both visits were done before 18:30 on 31 October: October's. */
  {
    g_autoptr(GxOverview) nov = compute_in (fixture, "Asia/Kolkata", GX_PERIOD_THIS_MONTH, NULL);
    g_autoptr(GxOverview) oct = compute_in (fixture, "Asia/Kolkata", GX_PERIOD_LAST_MONTH, NULL);

    g_assert_cmpint (nov->points_earned, ==, 11600);
    g_assert_cmpint (nov->visits, ==, 3);                    /* V1, V2, V5 */
    g_assert_cmpint (oct->visits, ==, 3);                    /* V3, V7, V8 */
    g_assert_cmpfloat_with_epsilon (oct->satisfaction, 10.0 / 3.0, 1e-9);
    g_assert_cmpint (nov->points_redeemed, ==, 200);
    g_assert_cmpint (oct->points_earned, ==, 311);
    g_assert_cmpint (oct->points_redeemed, ==, 7);
    g_assert_cmpint (gx_overview_item (nov->satisfaction_by_factor, "speed")->count, ==, 2);
    g_assert_cmpint (gx_overview_item (oct->satisfaction_by_factor, "speed")->count, ==, 3);
    g_assert_cmpint (oct->service_index->n_visits, ==, 3);   /* V3, V7, V8 */
  }
}

/* Every write that changes what a sum per day adds up keeps it exact: scores corrected,
 * moved to another visit or removed; visits done, undone, redated, handed over with their
 * case, deleted with it; points entries of members transferred, merged and removed. */
static void
test_day_sums_follow_writes (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char *const steps[] = {
    "INSERT INTO return_visits (id, case_id, scheduled_at, done_at, overall) VALUES ('V9', 'K2', 0, "
    L ("2026-11-20 11:00") ", 5)",
    "UPDATE return_visits SET overall = 3 WHERE id = 'V9'",
    "UPDATE return_visit_scores SET score = 1 WHERE id = 'S1'",
    "UPDATE return_visit_scores SET factor_id = 'result' WHERE id = 'S2'",
    "UPDATE return_visit_scores SET return_visit_id = 'V5' WHERE id = 'S6'",   /* V3 loses its only score */
    "DELETE FROM return_visit_scores WHERE id = 'S4'",
    "UPDATE return_visits SET done_at = NULL WHERE id = 'V2'",
    "INSERT INTO return_visit_scores (id, return_visit_id, factor_id, score) VALUES ('S9', 'V4', 'speed', 3)",
    "UPDATE return_visits SET done_at = " L ("2026-11-21 15:00") ", overall = 4 WHERE id = 'V4'",
    "UPDATE return_visits SET done_at = " L ("2026-10-01 01:00") " WHERE id = 'V1'",
    "UPDATE cases SET assignee_id = 'rm1' WHERE id = 'K3'",
    "DELETE FROM cases WHERE id = 'K6'",                                        /* V3, V5 and their scores */
    "UPDATE customers SET owner_id = 'desk2' WHERE id = 'c1'",
    "INSERT INTO customers (id, number, name, owner_id, created_at, updated_at) VALUES ('c7', 'C7', '吴磊', 'desk1', 0, 0)",
    "UPDATE memberships SET customer_id = 'c7' WHERE id = 'M2'",
    "DELETE FROM points_ledger WHERE id = 'P2'",
    "DELETE FROM points_ledger WHERE membership_id = 'M2'",
    "DELETE FROM memberships WHERE id = 'M2'",
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    run_step (fixture, &(Step) { .sql = steps[i] });

  {
    g_autoptr(GxOverview) nov = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, NULL);
    g_autoptr(GxOverview) desk2 = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, "desk2");
    g_autoptr(GxOverview) rm = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, NULL, "rm1");

    /* November's scored visits now: V4 only (speed 3; V1 moved to October, V2 undone, V5 gone
     * with K6). V4's case K3 went to rm1. */
    g_assert_cmpint (nov->service_index->n_visits, ==, 1);
    g_assert_cmpint (gx_overview_item (nov->satisfaction_by_factor, "speed")->count, ==, 1);
    g_assert_null (gx_overview_item (nov->satisfaction_by_factor, "result"));
    g_assert_cmpint (rm->service_index->n_visits, ==, 1);
    /* P1 500 stays, now desk2's with c1; P2 is gone. */
    g_assert_cmpint (nov->points_earned, ==, 500);
    g_assert_cmpint (nov->points_redeemed, ==, 0);
    g_assert_cmpint (desk2->points_earned, ==, 500);
    g_assert_cmpint (rm->points_earned, ==, 0);
  }
}

static void
test_desk_sees_own_team (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GxOverview) all = compute (fixture, "desk1", GX_PERIOD_THIS_MONTH, NULL, NULL);
  g_autoptr(GxOverview) other = compute (fixture, "desk1", GX_PERIOD_THIS_MONTH, "私人银行部", NULL);
  g_autoptr(GxOverview) rm = compute (fixture, "rm1", GX_PERIOD_THIS_MONTH, NULL, NULL);
  g_autoptr(GxOverview) sup = compute (fixture, "sup", GX_PERIOD_THIS_MONTH, "私人银行部", NULL);
  g_autoptr(GError) error = NULL;
  GxOverviewScope scope = { GX_PERIOD_THIS_MONTH };

  /* Desk staff asking for everyone, or for another team, get their own team's figures. */
  g_assert_true (all->team_forced);
  g_assert_cmpstr (all->team, ==, "客户服务中心");
  g_assert_cmpint (all->open_cases, ==, 3);
  g_assert_true (other->team_forced);
  g_assert_cmpstr (other->team, ==, "客户服务中心");
  g_assert_cmpint (other->open_cases, ==, 3);
  g_assert_cmpint (other->reopened_cases, ==, 0);

  /* A relationship manager sees private banking's: K5 only. */
  g_assert_true (rm->team_forced);
  g_assert_cmpint (rm->open_cases, ==, 1);

  /* A supervisor may look at any team. */
  g_assert_false (sup->team_forced);
  g_assert_cmpint (sup->open_cases, ==, 1);

  g_assert_true (gx_overview_may_see_team (GX_ROLE_SUPERVISOR, "a", NULL));
  g_assert_true (gx_overview_may_see_team (GX_ROLE_ADMIN, "a", "b"));
  g_assert_true (gx_overview_may_see_team (GX_ROLE_DESK, "a", "a"));
  g_assert_false (gx_overview_may_see_team (GX_ROLE_DESK, "a", NULL));
  g_assert_false (gx_overview_may_see_team (GX_ROLE_RELATIONSHIP, "a", "b"));

  /* Nobody signed in: no figures at all. */
  g_assert_null (gx_overview_compute (gx_store_get_main_reader (fixture->store), &scope, "nobody",
                                      GX_TEST_NOW, fixture->tz, &error));
  g_assert_error (error, GX_OVERVIEW_ERROR, GX_OVERVIEW_ERROR_NO_USER);
}

static void
test_other_periods (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GxOverview) october = compute (fixture, "sup", GX_PERIOD_LAST_MONTH, NULL, NULL);
  g_autoptr(GxOverview) quarter = compute (fixture, "sup", GX_PERIOD_THIS_QUARTER, NULL, NULL);

  /* October: K6 and K7 came in; K6 and K7 acknowledged; K6 resolved; V3 done. */
  g_assert_cmpint (october->received_cases, ==, 2);
  g_assert_cmpint (october->acknowledge.n, ==, 2);
  g_assert_cmpint (october->resolve.n, ==, 1);
  g_assert_cmpint (october->visits, ==, 1);
  g_assert_cmpint (october->new_members, ==, 1);
  g_assert_cmpint (october->points_earned, ==, 300);
  /* The figures of the present do not depend on the period. */
  g_assert_cmpint (october->open_cases, ==, 4);

  /* October to December: everything of both months. */
  g_assert_cmpint (quarter->received_cases, ==, 7);
  g_assert_cmpint (quarter->visits, ==, 4);
  g_assert_cmpint (quarter->new_members, ==, 3);
  g_assert_cmpint (quarter->activities_planned, ==, 6);
}

static void
assert_items_equal (GArray *a,
                    GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const GxFigureItem *x = &g_array_index (a, GxFigureItem, i), *y = &g_array_index (b, GxFigureItem, i);

      g_assert_cmpstr (x->key, ==, y->key);
      g_assert_cmpint (x->count, ==, y->count);
      g_assert_cmpfloat (x->value, ==, y->value);
    }
}

/* The Overview place counts on two connections at once (gx_overview_compute_in_store()):
 * the same figures as one connection counting them all. */
static void
test_two_connections_agree (Fixture       *fixture,
                            gconstpointer  data)
{
  const struct { const char *viewer; GxPeriodKind period; const char *team, *owner; } scopes[] = {
    { "sup", GX_PERIOD_THIS_MONTH, NULL, NULL },
    { "sup", GX_PERIOD_LAST_12_MONTHS, NULL, NULL },
    { "sup", GX_PERIOD_THIS_MONTH, "客户服务中心", NULL },
    { "sup", GX_PERIOD_LAST_MONTH, NULL, "rm1" },
    { "desk1", GX_PERIOD_THIS_QUARTER, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    {
      GxOverviewScope scope = { scopes[i].period, 0, 0, scopes[i].team, scopes[i].owner };
      g_autoptr(GxOverview) one = compute (fixture, scopes[i].viewer, scopes[i].period, scopes[i].team, scopes[i].owner);
      g_autoptr(GxOverview) two = NULL;
      g_autoptr(GError) error = NULL;

      two = gx_overview_compute_in_store (fixture->store, &scope, scopes[i].viewer, GX_TEST_NOW, fixture->tz, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (two);

      g_assert_cmpstr (one->team, ==, two->team);
      g_assert_cmpint (one->team_forced, ==, two->team_forced);
      g_assert_cmpint (one->open_cases, ==, two->open_cases);
      g_assert_cmpint (one->overdue_cases, ==, two->overdue_cases);
      g_assert_cmpint (one->received_cases, ==, two->received_cases);
      g_assert_cmpint (one->acknowledge.p90, ==, two->acknowledge.p90);
      g_assert_cmpint (one->resolve.n, ==, two->resolve.n);
      assert_items_equal (one->open_by_status, two->open_by_status);
      assert_items_equal (one->top_customers, two->top_customers);
      assert_items_equal (one->by_category, two->by_category);
      assert_items_equal (one->by_channel, two->by_channel);
      g_assert_cmpint (one->visits, ==, two->visits);
      g_assert_cmpfloat (one->satisfaction, ==, two->satisfaction);
      assert_items_equal (one->satisfaction_by_factor, two->satisfaction_by_factor);
      g_assert_cmpint (one->service_index->n_visits, ==, two->service_index->n_visits);
      for (guint m = 0; m < GX_OVERVIEW_MONTHS; m++)
        {
          g_assert_cmpint (one->satisfaction_by_month->count[m], ==, two->satisfaction_by_month->count[m]);
          g_assert_cmpint (one->new_members_by_month->count[m], ==, two->new_members_by_month->count[m]);
        }
      g_assert_cmpint (one->members, ==, two->members);
      g_assert_cmpint (one->points_earned, ==, two->points_earned);
      g_assert_cmpint (one->points_redeemed, ==, two->points_redeemed);
      g_assert_cmpint (one->activities_planned, ==, two->activities_planned);
      g_assert_cmpint (one->confidential_customers, ==, two->confidential_customers);
      g_assert_cmpint (one->follow_ups_due, ==, two->follow_ups_due);
    }

  /* And what one finds wrong, the other does too. */
  {
    GxOverviewScope scope = { GX_PERIOD_THIS_MONTH };
    g_autoptr(GError) error = NULL;

    g_assert_null (gx_overview_compute_in_store (fixture->store, &scope, "nobody", GX_TEST_NOW, fixture->tz, NULL, &error));
    g_assert_error (error, GX_OVERVIEW_ERROR, GX_OVERVIEW_ERROR_NO_USER);
  }
}

static void
compute_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GxOverview **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gx_overview_compute_finish (GX_STORE (object), result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GxOverview) o = NULL;
  GxOverviewScope scope = { GX_PERIOD_MONTH, 2026, 11, "客户服务中心", NULL };

  gx_overview_compute_async (fixture->store, &scope, "sup", GX_TEST_NOW, fixture->tz, NULL, compute_cb, &o);
  while (o == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (o->open_cases, ==, 3);
  g_assert_cmpstr (o->range.from_date, ==, "2026-11-01");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/overview/period-ranges", test_period_ranges);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/overview/open-cases", test_open_cases);
  ADD ("/core/overview/received-and-times", test_received_and_times);
  ADD ("/core/overview/satisfaction-and-index", test_satisfaction);
  ADD ("/core/overview/factor-series", test_factor_series);
  ADD ("/core/overview/club-and-activities", test_club_and_activities);
  ADD ("/core/overview/members-are-active-ones", test_members_are_active_ones);
  ADD ("/core/overview/team-and-owner", test_team_and_owner);
  ADD ("/core/overview/filters-follow-owners", test_filters_follow_owners);
  ADD ("/core/overview/visits-follow-case-owners", test_visits_follow_case_owners);
  ADD ("/core/overview/edges-of-days", test_edges_of_days);
  ADD ("/core/overview/day-sums-follow-writes", test_day_sums_follow_writes);
  ADD ("/core/overview/desk-sees-own-team", test_desk_sees_own_team);
  ADD ("/core/overview/other-periods", test_other_periods);
  ADD ("/core/overview/two-connections-agree", test_two_connections_agree);
  ADD ("/core/overview/async", test_async);
#undef ADD

  return g_test_run ();
}
