/* test-overview.c: every figure of the supervisor overview on a small dataset counted by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Today is Sunday 2026-11-22 10:00 in Shanghai; "this month" is November 2026 and the month
 * before is October. The dataset below is written as rows, and next to each figure the test
 * says which rows make it up.
 */

#include "config.h"

#include "gx-overview.h"
#include "gx-store.h"
#include "gx-test-util.h"

/* A local time in Shanghai (UTC+8, no daylight saving) as the instant the store keeps. */
#define L(text) "unixepoch ('" text "', '-8 hours')"

static const char dataset[] =
  /* Staff: the service centre (two desk staff and their supervisor) and private banking. */
  "INSERT INTO users (id, username, display_name, role, team) VALUES"
  " ('sup', 'sup', '张敏', 'supervisor', '客户服务中心'),"
  " ('desk1', 'desk1', '王芳', 'desk', '客户服务中心'),"
  " ('desk2', 'desk2', '李娜', 'desk', '客户服务中心'),"
  " ('rm1', 'rm1', '陈静', 'relationship', '私人银行部');"

  /* Customers, in id order c1 < c2 < … */
  "INSERT INTO customers (id, number, name, owner_id, confidentiality, created_at, updated_at) VALUES"
  " ('c1', 'C1', '王伟', 'rm1', 'ordinary', 0, 0),"
  " ('c2', 'C2', '李明', 'rm1', 'secret', 0, 0),"
  " ('c3', 'C3', '赵丽', NULL, 'ordinary', 0, 0),"
  " ('c4', 'C4', '孙强', NULL, 'top_secret', 0, 0),"
  " ('c5', 'C5', '周杰', 'rm1', 'ordinary', 0, 0);"

  /* Cases. K1–K5 came in November, K6 and K7 in October. */
  "INSERT INTO cases (id, number, customer_id, channel, category_id, status, subject, first_responder_id,"
  "                   assignee_id, received_at, ack_due_at, acknowledged_at, resolve_due_at, resolved_at,"
  "                   escalation_level, created_at, updated_at) VALUES"
  " ('K1', 'K1', 'c1', 'hotline', 'billing', 'closed', '年费', 'desk1', 'desk1',"
  "   " L ("2026-11-02 09:00") ", NULL, " L ("2026-11-02 10:00") ", NULL, " L ("2026-11-03 09:00") ", 0, 0, 0),"
  " ('K2', 'K2', 'c1', 'hotline', 'billing', 'investigating', '扣费', 'desk1', 'desk1',"
  "   " L ("2026-11-05 09:00") ", NULL, " L ("2026-11-05 09:30") ", " L ("2026-11-10 18:00") ", NULL, 1, 0, 0),"
  " ('K3', 'K3', 'c2', 'counter', 'attitude', 'in_review', '态度', 'desk2', 'desk2',"
  "   " L ("2026-11-10 09:00") ", NULL, " L ("2026-11-10 13:00") ", " L ("2026-11-20 18:00") ", " L ("2026-11-12 09:00") ", 0, 0, 0),"
  " ('K4', 'K4', 'c3', 'web', 'speed', 'received', '排队', 'desk2', NULL,"
  "   " L ("2026-11-21 09:00") ", " L ("2026-11-21 13:00") ", NULL, " L ("2026-11-30 18:00") ", NULL, 0, 0, 0),"
  " ('K5', 'K5', 'c1', 'letter', 'billing', 'waiting_customer', '来信', 'desk1', 'rm1',"
  "   " L ("2026-11-15 09:00") ", NULL, " L ("2026-11-15 11:00") ", " L ("2026-12-01 18:00") ", NULL, 0, 0, 0),"
  " ('K6', 'K6', 'c2', 'hotline', 'attitude', 'closed', '态度', 'desk1', 'desk1',"
  "   " L ("2026-10-10 09:00") ", NULL, " L ("2026-10-10 09:10") ", NULL, " L ("2026-10-11 09:00") ", 0, 0, 0),"
  " ('K7', 'K7', 'c3', 'email', 'quality', 'closed', '质量', 'desk2', 'desk2',"
  "   " L ("2026-10-20 09:00") ", NULL, " L ("2026-10-21 09:00") ", NULL, " L ("2026-11-04 09:00") ", 0, 0, 0);"
  "INSERT INTO case_events (id, case_id, at, kind) VALUES"
  " ('E1', 'K5', " L ("2026-11-18 09:00") ", 'reopen'),"
  " ('E2', 'K2', " L ("2026-11-06 09:00") ", 'note');"

  /* Return visits: V1, V2 and V5 done in November, V3 in October, V4 still to do. */
  "INSERT INTO return_visits (id, case_id, scheduled_at, done_at, overall) VALUES"
  " ('V1', 'K1', 0, " L ("2026-11-04 10:00") ", 5),"
  " ('V2', 'K7', 0, " L ("2026-11-06 10:00") ", 2),"
  " ('V3', 'K6', 0, " L ("2026-10-12 10:00") ", 4),"
  " ('V4', 'K3', " L ("2026-11-20 10:00") ", NULL, NULL),"
  " ('V5', 'K6', 0, " L ("2026-11-08 10:00") ", 3);"
  "INSERT INTO return_visit_scores (id, return_visit_id, factor_id, score) VALUES"
  " ('S1', 'V1', 'speed', 5), ('S2', 'V1', 'attitude', 4),"
  " ('S3', 'V2', 'speed', 1), ('S4', 'V2', 'result', 2), ('S5', 'V2', 'attitude', 3),"
  " ('S6', 'V3', 'speed', 4);"

  /* A composite factor: staff = attitude + communication. */
  "INSERT INTO service_factors (id, parent_id, name, position) VALUES ('staff', NULL, '员工', 6);"
  "UPDATE service_factors SET parent_id = 'staff' WHERE id IN ('attitude', 'communication');"

  /* The club. M3 joined and cancelled in November; M4 only applied. */
  "INSERT INTO clubs (id, name, created_at) VALUES ('club', '私享会', 0);"
  "INSERT INTO club_tiers (id, club_id, code, name, rank) VALUES ('gold', 'club', 'gold', '金卡', 1);"
  "INSERT INTO memberships (id, club_id, customer_id, member_number, tier_id, applied_on, joined_on,"
  "                         cancelled_on, created_at, updated_at) VALUES"
  " ('M1', 'club', 'c1', 'M1', 'gold', '2026-11-01', '2026-11-03', NULL, 0, 0),"
  " ('M2', 'club', 'c2', 'M2', 'gold', '2026-10-01', '2026-10-15', NULL, 0, 0),"
  " ('M3', 'club', 'c3', 'M3', 'gold', '2026-11-01', '2026-11-20', '2026-11-21', 0, 0),"
  " ('M4', 'club', 'c4', 'M4', 'gold', '2026-11-01', NULL, NULL, 0, 0),"
  " ('M5', 'club', 'c5', 'M5', 'gold', '2025-12-01', '2025-12-05', NULL, 0, 0);"
  "INSERT INTO points_ledger (id, membership_id, at, kind, points) VALUES"
  " ('P1', 'M1', " L ("2026-11-05 10:00") ", 'earn', 500),"
  " ('P2', 'M1', " L ("2026-11-06 10:00") ", 'redeem', -200),"
  " ('P3', 'M2', " L ("2026-10-20 10:00") ", 'earn', 300),"
  " ('P4', 'M2', " L ("2026-11-07 10:00") ", 'expire', -100),"
  " ('P5', 'M2', " L ("2026-11-08 10:00") ", 'adjust', 50);"

  /* Activities. */
  "INSERT INTO activity_plans (id, club_id, year, title, created_at) VALUES ('plan', 'club', 2026, '2026', 0);"
  "INSERT INTO activities (id, plan_id, club_id, title, planned_month, starts_at, ends_at, points, status,"
  "                        points_awarded_at, owner_id, created_at, updated_at) VALUES"
  " ('A1', 'plan', 'club', '高尔夫', 11, " L ("2026-11-08 09:00") ", " L ("2026-11-08 17:00") ", 100, 'held', NULL, 'rm1', 0, 0),"
  " ('A2', 'plan', 'club', '品酒', 11, " L ("2026-11-18 19:00") ", " L ("2026-11-18 21:00") ", 50, 'held', NULL, 'rm1', 0, 0),"
  " ('A3', 'plan', 'club', '艺术', 11, " L ("2026-11-25 14:00") ", " L ("2026-11-25 17:00") ", 0, 'scheduled', NULL, 'rm1', 0, 0),"
  " ('A4', 'plan', 'club', '试驾', 11, " L ("2026-11-12 10:00") ", " L ("2026-11-12 12:00") ", 0, 'cancelled', NULL, 'rm1', 0, 0),"
  " ('A5', 'plan', 'club', '讲座', 11, NULL, NULL, 0, 'planned', NULL, 'rm1', 0, 0),"
  " ('A6', 'plan', 'club', '健康', 10, " L ("2026-10-05 09:00") ", " L ("2026-10-05 12:00") ", 80, 'held', " L ("2026-10-06 09:00") ", 'rm1', 0, 0),"
  " ('A7', 'plan', 'club', '亲子', 11, " L ("2026-11-10 09:00") ", " L ("2026-11-10 12:00") ", 0, 'held', NULL, 'desk1', 0, 0);"
  "INSERT INTO invitations (id, activity_id, customer_id, status, code, invited_at) VALUES"
  " ('I1', 'A1', 'c1', 'accepted', 'I1', 0), ('I2', 'A2', 'c2', 'accepted', 'I2', 0);"
  "INSERT INTO checkins (id, activity_id, invitation_id, at) VALUES"
  " ('CK1', 'A1', 'I1', " L ("2026-11-08 09:00") "), ('CK2', 'A2', 'I2', " L ("2026-11-18 19:00") ");"

  /* Follow-ups: L1 and L4 are due today or earlier and not done. */
  "INSERT INTO contact_log (id, customer_id, at, channel, follow_up_on, follow_up_done, staff_id) VALUES"
  " ('L1', 'c1', 0, 'phone', '2026-11-20', 0, 'desk1'),"
  " ('L2', 'c1', 0, 'phone', '2026-11-25', 0, 'desk1'),"
  " ('L3', 'c2', 0, 'phone', '2026-11-22', 1, 'desk1'),"
  " ('L4', 'c2', 0, 'phone', '2026-11-22', 0, 'rm1');";

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
  return gx_db_exec (db, dataset, error);
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
  for (guint i = 0; i < o->factor_by_month->len; i++)
    {
      GxFigureSeries *series = g_ptr_array_index (o->factor_by_month, i);

      if (g_str_equal (series->key, "speed"))
        {
          g_assert_cmpint (series->count[10], ==, 1);          /* V3 */
          g_assert_cmpfloat_with_epsilon (series->value[11], 3.0, 1e-9);
        }
    }
  g_assert_cmpuint (o->factor_by_month->len, ==, 3);
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

  /* The desk: 李明 (secret) and 孙强 (top secret); follow-ups L1 and L4. */
  g_assert_cmpint (o->confidential_customers, ==, 2);
  g_assert_cmpint (o->follow_ups_due, ==, 2);
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
  g_assert_cmpint (rm->follow_ups_due, ==, 1);
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
  ADD ("/core/overview/club-and-activities", test_club_and_activities);
  ADD ("/core/overview/team-and-owner", test_team_and_owner);
  ADD ("/core/overview/desk-sees-own-team", test_desk_sees_own_team);
  ADD ("/core/overview/other-periods", test_other_periods);
  ADD ("/core/overview/async", test_async);
#undef ADD

  return g_test_run ();
}
