/* test-membership.c: states derived from dates, periods, enrolment, member numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "gx-club-test-util.h"
#include "gx-search.h"

/* A gold member who joined on 1 Nov 2025 for 12 months with 30 grace days. */
static const GxMembershipDates gold = {
  .applied_on = "2025-10-20",
  .joined_on = "2025-11-01",
  .period_start = "2025-11-01",
  .period_end = "2026-10-31",
  .grace_days = 30,
};

static void
assert_state (const GxMembershipDates *dates,
              const char              *today,
              GxMemberState            expected)
{
  GxMemberStatus status;

  g_assert_cmpstr (gx_member_state_to_code (gx_membership_state (dates, today, &status)), ==,
                   gx_member_state_to_code (expected));
  g_assert_cmpint (status.state, ==, expected);
}

static void
test_state_timeline (void)
{
  GxMembershipDates applicant = gold;
  GxMemberStatus status;

  applicant.joined_on = NULL;
  assert_state (&applicant, "2025-10-25", GX_MEMBER_STATE_APPLICANT);

  assert_state (&gold, "2025-10-25", GX_MEMBER_STATE_APPLICANT);   /* joins on 1 Nov */
  assert_state (&gold, "2025-11-01", GX_MEMBER_STATE_ACTIVE);
  assert_state (&gold, "2026-10-31", GX_MEMBER_STATE_ACTIVE);      /* the period's last day */
  assert_state (&gold, "2026-11-01", GX_MEMBER_STATE_GRACE);       /* renewal missed */
  assert_state (&gold, "2026-11-30", GX_MEMBER_STATE_GRACE);       /* the 30th grace day */
  assert_state (&gold, "2026-12-01", GX_MEMBER_STATE_LAPSED);

  gx_membership_state (&gold, "2026-11-22", &status);
  g_assert_cmpstr (status.since, ==, "2026-11-01");
  g_assert_cmpstr (status.until, ==, "2026-11-30");
  g_assert_cmpint (status.days_left, ==, 8);

  gx_membership_state (&gold, "2027-03-01", &status);
  g_assert_cmpint (status.state, ==, GX_MEMBER_STATE_LAPSED);
  g_assert_cmpstr (status.since, ==, "2026-12-01");
}

static void
test_state_suspended_and_cancelled (void)
{
  GxMembershipDates dates = gold;

  dates.suspended_reason = "Fees unpaid";
  dates.suspended_until = "2026-03-31";
  assert_state (&dates, "2026-03-31", GX_MEMBER_STATE_SUSPENDED);
  /* The suspension ends by its date: nobody has to remember to lift it. */
  assert_state (&dates, "2026-04-01", GX_MEMBER_STATE_ACTIVE);

  dates.suspended_until = NULL;
  assert_state (&dates, "2027-06-01", GX_MEMBER_STATE_SUSPENDED);

  dates = gold;
  dates.cancelled_on = "2026-06-30";
  assert_state (&dates, "2026-06-29", GX_MEMBER_STATE_ACTIVE);     /* cancels at the end of June */
  assert_state (&dates, "2026-06-30", GX_MEMBER_STATE_CANCELLED);
  /* Cancellation wins over suspension. */
  dates.suspended_reason = "Complaint under review";
  assert_state (&dates, "2026-07-01", GX_MEMBER_STATE_CANCELLED);
}

static void
test_explain_grace (void)
{
  g_autofree char *why = gx_membership_explain (&gold, "2026-11-22");

  /* What the member page answers to "why is this member in grace?" */
  g_assert_nonnull (strstr (why, "In grace"));
  g_assert_nonnull (strstr (why, "Oct 31, 2026"));
  g_assert_nonnull (strstr (why, "30 grace days"));
  g_assert_nonnull (strstr (why, "Nov 30, 2026"));
  g_assert_nonnull (strstr (why, "8 days left"));
}

static void
test_explain_every_state (void)
{
  GxMembershipDates dates = gold;
  g_autofree char *active = gx_membership_explain (&gold, "2026-01-10");
  g_autofree char *renewal_open = gx_membership_explain (&gold, "2026-10-01");
  g_autofree char *lapsed = gx_membership_explain (&gold, "2027-01-10");
  g_autofree char *suspended = NULL;
  g_autofree char *cancelled = NULL;

  g_assert_nonnull (strstr (active, "Active until Oct 31, 2026 (294 days left)"));
  g_assert_nonnull (strstr (renewal_open, "renewal is open"));
  g_assert_nonnull (strstr (lapsed, "Lapsed on Dec 1, 2026"));

  dates.suspended_reason = "Fees unpaid";
  suspended = gx_membership_explain (&dates, "2026-01-10");
  g_assert_cmpstr (suspended, ==, "Suspended until resumed: Fees unpaid.");

  dates.cancelled_on = "2026-02-01";
  cancelled = gx_membership_explain (&dates, "2026-02-01");
  g_assert_true (g_str_has_prefix (cancelled, "Cancelled on Feb 1, 2026."));
}

static void
test_period_end (void)
{
  const struct { const char *start; int months; const char *end; } cases[] = {
    { "2026-03-15", 12, "2027-03-14" },
    { "2024-02-29", 12, "2025-02-28" },   /* from a leap day */
    { "2023-03-01", 12, "2024-02-29" },   /* into a leap year */
    { "2026-01-31", 1, "2026-02-28" },
    { "2026-01-01", 12, "2026-12-31" },
    { "2026-12-01", 1, "2026-12-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *end = gx_period_end_for (cases[i].start, cases[i].months);
      g_assert_cmpstr (end, ==, cases[i].end);
    }
}

static void
test_renewal_periods (void)
{
  GxMembershipDates suspended = gold;
  g_autoptr(GError) error = NULL;
  char *start, *end;

  /* Too early: renewal opens 90 days before the end. */
  g_assert_false (gx_membership_may_renew (&gold, "2026-06-01", &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Aug 2, 2026"));
  g_clear_error (&error);

  /* In time and in grace: the next period follows without a gap. */
  g_assert_true (gx_membership_may_renew (&gold, "2026-10-15", NULL));
  gx_membership_next_period (&gold, 12, "2026-10-15", &start, &end);
  g_assert_cmpstr (start, ==, "2026-11-01");
  g_assert_cmpstr (end, ==, "2027-10-31");
  g_free (start);
  g_free (end);

  gx_membership_next_period (&gold, 12, "2026-11-22", &start, &end);
  g_assert_cmpstr (start, ==, "2026-11-01");
  g_free (start);
  g_free (end);

  /* After a lapse a new period starts today. */
  gx_membership_next_period (&gold, 12, "2027-02-10", &start, &end);
  g_assert_cmpstr (start, ==, "2027-02-10");
  g_assert_cmpstr (end, ==, "2028-02-09");
  g_free (start);
  g_free (end);

  suspended.suspended_reason = "Fees unpaid";
  g_assert_false (gx_membership_may_renew (&suspended, "2026-10-15", &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "suspended_reason");
}

/* The SQL the lists filter by and the function the member page uses must never disagree. */
static void
test_state_sql_agrees (void)
{
  g_autoptr(GxStore) store = club_store_new (1);
  GxDb *db = gx_store_get_main_reader (store);
  const GxMembershipDates variants[] = {
    gold,
    { "2025-10-20", NULL, NULL, NULL, NULL, NULL, NULL, 30 },
    { "2025-10-20", "2025-11-01", "2025-11-01", "2026-10-31", "Fees unpaid", "2026-03-31", NULL, 30 },
    { "2025-10-20", "2025-11-01", "2025-11-01", "2026-10-31", "Complaint", NULL, NULL, 30 },
    { "2025-10-20", "2025-11-01", "2025-11-01", "2026-10-31", NULL, NULL, "2026-06-30", 30 },
    { "2024-01-01", "2024-02-29", "2024-02-29", "2025-02-28", NULL, NULL, NULL, 0 },
    { "2024-01-01", "2024-01-01", NULL, NULL, NULL, NULL, NULL, 30 },
  };
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (db,
                        "SELECT " GX_MEMBER_STATE_SQL ("?1") ", " GX_MEMBER_ACTIVE_SQL ("?1") " FROM (SELECT ?2 AS cancelled_on, ?3 AS suspended_reason,"
                        " ?4 AS suspended_until, ?5 AS joined_on, ?6 AS period_end) m,"
                        " (SELECT ?7 AS grace_days) ct",
                        NULL);
  g_assert_nonnull (stmt);

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    for (int day = -400; day <= 800; day += 1)
      {
        const GxMembershipDates *d = &variants[v];
        g_autofree char *today = gx_date_add_days ("2025-11-01", day);
        GxMemberState expected = gx_membership_state (d, today, NULL);

        sqlite3_reset (stmt);
        sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (stmt, 2, d->cancelled_on, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 3, d->suspended_reason, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 4, d->suspended_until, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 5, d->joined_on, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 6, d->period_end, -1, SQLITE_STATIC);
        sqlite3_bind_int (stmt, 7, d->grace_days);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, gx_member_state_to_code (expected));
        g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, expected == GX_MEMBER_STATE_ACTIVE);
      }
  sqlite3_reset (stmt);
  gx_store_close (store);
}

static gboolean
enrol_cb (GxDb              *db,
          gpointer           data,
          const GxWriteMeta *meta,
          GError           **error)
{
  EnrolData *e = data;

  g_clear_pointer (&e->membership_id, g_free);
  return gx_membership_enrol (db, &e->enrolment, meta, &e->membership_id, error);
}

static void
test_enrol (void)
{
  g_autoptr(GxStore) store = club_store_new (3);
  GxDb *db = gx_store_get_main_reader (store);
  g_autofree char *customer = club_customer_id (0);
  g_autofree char *sponsor = club_customer_id (1);
  const char * const circles[] = { CIRCLE_GOLF, CIRCLE_WINE, NULL };
  g_autofree char *sponsor_membership = club_enrol (store, 1, TIER_SILVER, "2025-03-01");
  EnrolData data = { { customer, CLUB_ID, TIER_GOLD, "2026-11-20", "2026-11-22", sponsor, circles }, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *desk = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *period_end = NULL;

  g_assert_true (club_write (store, GX_TEST_NOW, USER_DESK, enrol_cb, &data, &error));
  g_assert_no_error (error);

  /* The number follows the club's pattern: prefix, year, desk, sequence. */
  number = gx_db_query_string (db, "SELECT member_number FROM memberships WHERE id = ?",
                               g_variant_new ("(s)", data.membership_id), NULL);
  desk = gx_db_query_string (db, "SELECT value FROM sync_state WHERE key = 'desk_code'", NULL, NULL);
  g_assert_true (gx_desk_code_is_valid (desk));
  expected = g_strdup_printf ("PB26-%s-0001", desk);
  g_assert_cmpstr (number, ==, expected);

  period_end = gx_db_query_string (db, "SELECT period_end FROM memberships WHERE id = ?",
                                   g_variant_new ("(s)", data.membership_id), NULL);
  g_assert_cmpstr (period_end, ==, "2027-11-21");
  g_assert_cmpint (gx_db_query_int (db, "SELECT count(*) FROM membership_circles WHERE membership_id = ?",
                                    g_variant_new ("(s)", data.membership_id), 0, NULL), ==, 2);
  g_assert_cmpint (gx_db_query_int (db, "SELECT count(*) FROM membership_log WHERE membership_id = ? AND action = 'join'",
                                    g_variant_new ("(s)", data.membership_id), 0, NULL), ==, 1);
  /* The sponsor's referral shows on the profiles. */
  g_assert_cmpint (gx_db_query_int (db,
                                    "SELECT count(*) FROM customer_links WHERE customer_id = ? AND other_id = ? AND kind = 'referral'",
                                    g_variant_new ("(ss)", sponsor, customer), 0, NULL), ==, 1);
  /* Everything is queued for the server. */
  g_assert_cmpint (gx_db_query_int (db, "SELECT count(*) FROM outbox WHERE kind IN ('membership', 'membership_circle', 'membership_log', 'customer_link')"
                                    " AND record_id IN (SELECT id FROM memberships UNION SELECT id FROM membership_circles"
                                    " UNION SELECT id FROM membership_log UNION SELECT id FROM customer_links)", NULL, 0, NULL), ==, 2 + 2 + 2 + 1);

  /* A second enrolment of the same customer is refused, naming the customer field. */
  g_assert_false (club_write (store, GX_TEST_NOW, USER_DESK, enrol_cb, &data, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_EXISTS);
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "customer_id");
  g_assert_nonnull (strstr (error->message, number));
  g_clear_error (&error);

  g_clear_pointer (&data.membership_id, g_free);
  gx_store_close (store);
}

static void
test_enrol_refusals (void)
{
  g_autoptr(GxStore) store = club_store_new (2);
  g_autofree char *customer = club_customer_id (0);
  g_autofree char *other = club_customer_id (1);
  const char * const wrong_circles[] = { "no-such-circle", NULL };
  EnrolData wrong_tier = { { customer, CLUB_ID, OTHER_TIER, "2026-11-22", "2026-11-22", NULL, NULL }, NULL };
  EnrolData self_sponsor = { { customer, CLUB_ID, TIER_GOLD, "2026-11-22", "2026-11-22", customer, NULL }, NULL };
  EnrolData not_member = { { customer, CLUB_ID, TIER_GOLD, "2026-11-22", "2026-11-22", other, NULL }, NULL };
  EnrolData bad_circle = { { customer, CLUB_ID, TIER_GOLD, "2026-11-22", "2026-11-22", NULL, wrong_circles }, NULL };
  g_autoptr(GError) error = NULL;

  g_assert_false (club_write (store, GX_TEST_NOW, USER_DESK, enrol_cb, &wrong_tier, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "tier_id");
  g_clear_error (&error);

  g_assert_false (club_write (store, GX_TEST_NOW, USER_DESK, enrol_cb, &self_sponsor, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "sponsor_id");
  g_clear_error (&error);

  g_assert_false (club_write (store, GX_TEST_NOW, USER_DESK, enrol_cb, &not_member, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "sponsor_id");
  g_clear_error (&error);

  g_assert_false (club_write (store, GX_TEST_NOW, USER_DESK, enrol_cb, &bad_circle, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "circle_id");
  g_clear_error (&error);

  /* Nothing of the refused enrolments was kept, not even a reserved number. */
  g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (store), "SELECT count(*) FROM memberships", NULL, -1, NULL), ==, 0);
  g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (store),
                                    "SELECT count(*) FROM sync_state WHERE key LIKE 'member_seq:%'", NULL, -1, NULL), ==, 0);
  gx_store_close (store);
}

typedef struct
{
  const char *membership_id;
  const char *today;
  const char *reason;
  const char *until;
} ChangeData;

static gboolean
renew_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  ChangeData *c = data;
  return gx_membership_renew (db, c->membership_id, c->today, meta, error);
}

static gboolean
cancel_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  ChangeData *c = data;
  return gx_membership_cancel (db, c->membership_id, c->today, c->reason, meta, error);
}

static gboolean
suspend_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  ChangeData *c = data;
  return gx_membership_suspend (db, c->membership_id, c->reason, c->until, meta, error);
}

static gboolean
resume_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  ChangeData *c = data;
  return gx_membership_resume (db, c->membership_id, meta, error);
}

static gboolean
approve_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  ChangeData *c = data;
  return gx_membership_approve (db, c->membership_id, c->today, meta, error);
}

static char *
read_state (GxStore    *store,
            const char *membership_id,
            const char *today)
{
  return gx_db_query_string (gx_store_get_main_reader (store),
                             "SELECT " GX_MEMBER_STATE_SQL ("?2") " FROM memberships m JOIN club_tiers ct ON ct.id = m.tier_id"
                             " WHERE m.id = ?1",
                             g_variant_new ("(ss)", membership_id, today), NULL);
}

static void
test_lifecycle_and_rejoin (void)
{
  g_autoptr(GxStore) store = club_store_new (1);
  GxDb *db = gx_store_get_main_reader (store);
  g_autofree char *customer = club_customer_id (0);
  EnrolData apply = { { customer, CLUB_ID, TIER_SILVER, "2025-10-20", NULL, NULL, NULL }, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *number_after = NULL;
  g_autofree char *state = NULL;
  g_autofree char *joined = NULL;
  ChangeData change = { 0 };

  g_assert_true (club_write (store, club_time (2025, 10, 20, 9, 0), USER_DESK, enrol_cb, &apply, &error));
  g_assert_no_error (error);
  change.membership_id = apply.membership_id;
  state = read_state (store, apply.membership_id, "2025-10-21");
  g_assert_cmpstr (state, ==, "applicant");
  g_clear_pointer (&state, g_free);

  change.today = "2025-11-01";
  g_assert_true (club_write (store, club_time (2025, 11, 1, 9, 0), USER_DESK, approve_cb, &change, &error));
  g_assert_no_error (error);
  state = read_state (store, apply.membership_id, "2025-11-02");
  g_assert_cmpstr (state, ==, "active");
  g_clear_pointer (&state, g_free);

  /* Suspended with a reason; resumed. */
  change.reason = "";
  g_assert_false (club_write (store, club_time (2026, 1, 5, 9, 0), USER_DESK, suspend_cb, &change, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "suspended_reason");
  g_clear_error (&error);
  change.reason = "Fees unpaid";
  g_assert_true (club_write (store, club_time (2026, 1, 5, 9, 0), USER_DESK, suspend_cb, &change, &error));
  state = read_state (store, apply.membership_id, "2026-01-06");
  g_assert_cmpstr (state, ==, "suspended");
  g_clear_pointer (&state, g_free);
  g_assert_true (club_write (store, club_time (2026, 1, 9, 9, 0), USER_DESK, resume_cb, &change, &error));
  g_assert_no_error (error);

  /* Renewed in grace: no gap. */
  change.today = "2026-11-22";
  g_assert_true (club_write (store, GX_TEST_NOW, USER_DESK, renew_cb, &change, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gx_db_query_string (db, "SELECT period_start || '/' || period_end FROM memberships", NULL, NULL),
                   ==, "2026-11-01/2027-10-31");

  /* Cancelled, then enrolled again: the same membership and number, the history kept. */
  number = gx_db_query_string (db, "SELECT member_number FROM memberships", NULL, NULL);
  change.today = "2026-12-01";
  change.reason = "Moved abroad";
  g_assert_true (club_write (store, club_time (2026, 12, 1, 9, 0), USER_DESK, cancel_cb, &change, &error));
  g_assert_no_error (error);

  apply.enrolment.tier_id = TIER_GOLD;
  apply.enrolment.applied_on = "2027-03-01";
  apply.enrolment.joined_on = "2027-03-01";
  g_assert_true (club_write (store, club_time (2027, 3, 1, 9, 0), USER_DESK, enrol_cb, &apply, &error));
  g_assert_no_error (error);

  number_after = gx_db_query_string (db, "SELECT member_number FROM memberships", NULL, NULL);
  joined = gx_db_query_string (db, "SELECT joined_on || '|' || period_start || '|' || period_end || '|' || tier_id FROM memberships", NULL, NULL);
  g_assert_cmpstr (number_after, ==, number);
  g_assert_cmpstr (joined, ==, "2025-11-01|2027-03-01|2028-02-29|" TIER_GOLD);
  g_assert_cmpint (gx_db_query_int (db, "SELECT count(*) FROM memberships", NULL, 0, NULL), ==, 1);
  g_assert_cmpstr (gx_db_query_string (db, "SELECT group_concat (action, ',') FROM (SELECT action FROM membership_log ORDER BY at)", NULL, NULL),
                   ==, "apply,join,suspend,resume,renew,cancel,rejoin");
  state = read_state (store, apply.membership_id, "2027-03-02");
  g_assert_cmpstr (state, ==, "active");

  g_free (apply.membership_id);
  gx_store_close (store);
}

/* Member numbers */

static void
test_number_format (void)
{
  g_autofree char *a = gx_member_number_format ("PB", 2026, "K7", 42);
  g_autofree char *b = gx_member_number_format ("PB", 2026, "K7", 12345);

  g_assert_cmpstr (a, ==, "PB26-K7-0042");
  g_assert_cmpstr (b, ==, "PB26-K7-12345");
  g_assert_true (gx_desk_code_is_valid ("K7"));
  g_assert_true (gx_desk_code_is_valid ("K7M2"));
  g_assert_false (gx_desk_code_is_valid ("K"));
  g_assert_false (gx_desk_code_is_valid ("KO"));     /* O reads like 0 */
  g_assert_false (gx_desk_code_is_valid ("k7"));
  g_assert_false (gx_desk_code_is_valid ("K7-1"));
}

static gboolean
set_desk_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  return gx_desk_set_code (db, data, error);
}

typedef struct
{
  GxStore    *store;
  guint       first;
  guint       n;
  GPtrArray  *numbers;
} DeskRun;

/* One desk enrolling its customers, each in its own transaction, while another desk does
 * the same: they share nothing, as two desks offline. */
static gpointer
desk_thread (gpointer data)
{
  DeskRun *run = data;

  for (guint i = run->first; i < run->first + run->n; i++)
    g_ptr_array_add (run->numbers, club_enrol (run->store, i, TIER_BASIC, "2026-11-22"));
  return NULL;
}

static gboolean
apply_from_sync_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  GPtrArray *records = data;

  for (guint i = 0; i < records->len; i++)
    {
      JsonObject *record = g_ptr_array_index (records, i);
      g_autoptr(JsonObject) fields = json_object_new ();
      GxWriteMeta sync_meta = { .now = meta->now, .from_sync = TRUE, .version = i + 1 };
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init (&iter, record);
      while (json_object_iter_next (&iter, &name, &node))
        if (g_strcmp0 (name, "version") != 0 && g_strcmp0 (name, "id") != 0)
          json_object_set_member (fields, name, json_node_copy (node));
      if (!gx_record_insert (db, "membership", json_object_get_string_member (record, "id"), fields, &sync_meta, error))
        return FALSE;
    }
  return TRUE;
}

static GPtrArray *
read_memberships (GxStore *store)
{
  GxDb *db = gx_store_get_main_reader (store);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = gx_db_prepare (db, "SELECT id FROM memberships", NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, gx_db_dup_column (stmt, 0));
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *record = gx_record_read (db, "membership", ids->pdata[i], NULL);
      json_object_set_string_member (record, "id", ids->pdata[i]);
      g_ptr_array_add (records, record);
    }
  return records;
}

static void
test_numbers_offline_desks (void)
{
  const guint per_desk = 40;
  g_autoptr(GxStore) desk_a = club_store_new (2 * per_desk);
  g_autoptr(GxStore) desk_b = club_store_new (2 * per_desk);
  g_autoptr(GxStore) server = club_store_new (2 * per_desk);
  g_autoptr(GPtrArray) numbers_a = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) numbers_b = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) records_a = NULL;
  g_autoptr(GPtrArray) records_b = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  DeskRun run_a = { desk_a, 0, per_desk, numbers_a };
  DeskRun run_b = { desk_b, per_desk, per_desk, numbers_b };
  GThread *thread_a, *thread_b;

  /* Each desk got its code from the server when it signed in; then the network went. */
  g_assert_true (club_write (desk_a, GX_TEST_NOW, NULL, set_desk_cb, (gpointer) "K7", &error));
  g_assert_true (club_write (desk_b, GX_TEST_NOW, NULL, set_desk_cb, (gpointer) "M3", &error));
  g_assert_no_error (error);

  /* Both enrol at the same time, for the same club and year. */
  thread_a = g_thread_new ("desk-a", desk_thread, &run_a);
  thread_b = g_thread_new ("desk-b", desk_thread, &run_b);
  g_thread_join (thread_a);
  g_thread_join (thread_b);

  /* The threads kept the membership ids; now read their numbers. */
  for (guint i = 0; i < per_desk; i++)
    {
      char *id_a = numbers_a->pdata[i];
      char *id_b = numbers_b->pdata[i];

      numbers_a->pdata[i] = gx_db_query_string (gx_store_get_main_reader (desk_a),
                                                "SELECT member_number FROM memberships WHERE id = ?",
                                                g_variant_new ("(s)", id_a), NULL);
      numbers_b->pdata[i] = gx_db_query_string (gx_store_get_main_reader (desk_b),
                                                "SELECT member_number FROM memberships WHERE id = ?",
                                                g_variant_new ("(s)", id_b), NULL);
      g_free (id_a);
      g_free (id_b);
    }

  g_assert_cmpuint (numbers_a->len, ==, per_desk);
  g_assert_cmpuint (numbers_b->len, ==, per_desk);
  g_assert_cmpstr (numbers_a->pdata[0], ==, "PB26-K7-0001");
  g_assert_cmpstr (numbers_b->pdata[per_desk - 1], ==, "PB26-M3-0040");
  for (guint i = 0; i < per_desk; i++)
    {
      g_assert_true (g_hash_table_add (seen, numbers_a->pdata[i]));
      g_assert_true (g_hash_table_add (seen, numbers_b->pdata[i]));
    }

  /* When they sync, the server's table — unique numbers per club — takes every one. */
  records_a = read_memberships (desk_a);
  records_b = read_memberships (desk_b);
  g_assert_true (club_write (server, GX_TEST_NOW, NULL, apply_from_sync_cb, records_a, &error));
  g_assert_no_error (error);
  g_assert_true (club_write (server, GX_TEST_NOW, NULL, apply_from_sync_cb, records_b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (server),
                                    "SELECT count(DISTINCT member_number) FROM memberships", NULL, 0, NULL), ==, 2 * per_desk);

  gx_store_close (desk_a);
  gx_store_close (desk_b);
  gx_store_close (server);
}

static gboolean
forget_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  /* As when a membership leaves this desk's scope and sync purges it. */
  return gx_db_exec (db, "DELETE FROM membership_circles; DELETE FROM membership_log; DELETE FROM memberships", error);
}

static void
test_number_never_reused (void)
{
  g_autoptr(GxStore) store = club_store_new (3);
  g_autofree char *first = club_enrol (store, 0, TIER_BASIC, "2026-11-22");
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *desk = NULL;
  g_autofree char *number = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (club_write (store, GX_TEST_NOW, NULL, forget_cb, NULL, &error));
  g_assert_no_error (error);

  second = club_enrol (store, 1, TIER_BASIC, "2026-11-22");
  desk = gx_db_query_string (gx_store_get_main_reader (store), "SELECT value FROM sync_state WHERE key = 'desk_code'", NULL, NULL);
  /* A desk without a server made itself a four-character code, which no server hands out. */
  g_assert_cmpuint (strlen (desk), ==, 4);
  number = gx_db_query_string (gx_store_get_main_reader (store), "SELECT member_number FROM memberships", NULL, NULL);
  expected = g_strdup_printf ("PB26-%s-0002", desk);
  g_assert_cmpstr (number, ==, expected);

  /* A new year starts a new sequence. */
  third = club_enrol (store, 2, TIER_BASIC, "2027-01-02");
  g_free (expected);
  expected = g_strdup_printf ("PB27-%s-0001", desk);
  g_assert_cmpstr (gx_db_query_string (gx_store_get_main_reader (store), "SELECT member_number FROM memberships WHERE id = ?",
                                       g_variant_new ("(s)", third), NULL), ==, expected);
  gx_store_close (store);
}

/* The member list's filters */

static guint
count_members (GxStore              *store,
               const GxMemberFilter *filter)
{
  g_autoptr(GVariant) params = NULL;
  g_autofree char *sql = gx_search_members_filtered (filter, &params);
  GxDb *db = gx_store_get_main_reader (store);
  sqlite3_stmt *stmt = gx_db_prepare (db, sql, NULL);
  guint n = 0;

  g_assert_nonnull (stmt);
  g_assert_true (gx_db_bind_variant (stmt, params, NULL));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    n++;
  sqlite3_reset (stmt);
  return n;
}

static gboolean
birthday_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *id = club_customer_id (0);

  json_object_set_string_member (changes, "birthday", "1970-11-30");
  /* The birthday is an identity field: the change says how the identity was checked. */
  json_object_set_string_member (changes, "verification", "Resident ID card checked in person");
  json_object_set_int_member (changes, "verified_at", meta->now);
  return gx_record_update (db, "customer", id, changes, meta, error);
}

static gboolean
circle_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  const char * const circles[] = { CIRCLE_WINE, NULL };
  return gx_membership_set_circles (db, data, circles, meta, error);
}

static gboolean
earn_expiring_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  return gx_points_earn (db, data, 300, NULL, NULL, "Golf day", meta, NULL, error);
}

static void
test_member_filters (void)
{
  g_autoptr(GxStore) store = club_store_new (4);
  /* On 22 Nov 2026: one in grace, one renewing within 30 days, one active for long, one applicant. */
  g_autofree char *grace = club_enrol (store, 0, TIER_GOLD, "2025-11-01");
  g_autofree char *renewing = club_enrol (store, 1, TIER_SILVER, "2025-12-10");
  g_autofree char *fresh = club_enrol (store, 2, TIER_SILVER, "2026-06-01");
  g_autofree char *customer = club_customer_id (3);
  EnrolData applicant = { { customer, CLUB_ID, TIER_BASIC, "2026-11-20", NULL, NULL, NULL }, NULL };
  GxMemberFilter filter = { .today = "2026-11-22" };
  g_autoptr(GError) error = NULL;

  g_assert_true (club_write (store, GX_TEST_NOW, USER_DESK, enrol_cb, &applicant, &error));
  g_assert_true (club_write (store, GX_TEST_NOW, USER_DESK, birthday_cb, NULL, &error));
  g_assert_true (club_write (store, GX_TEST_NOW, USER_DESK, circle_cb, fresh, &error));
  /* Earned in 2025, so expiring at the end of 2026. */
  g_assert_true (club_write (store, club_time (2025, 12, 15, 10, 0), USER_DESK, earn_expiring_cb, renewing, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (count_members (store, &filter), ==, 4);
  filter.state = "grace";
  g_assert_cmpuint (count_members (store, &filter), ==, 1);
  filter.state = "applicant";
  g_assert_cmpuint (count_members (store, &filter), ==, 1);
  filter.state = "active";
  g_assert_cmpuint (count_members (store, &filter), ==, 2);
  filter.tier_id = TIER_SILVER;
  g_assert_cmpuint (count_members (store, &filter), ==, 2);
  filter.state = NULL;
  filter.tier_id = NULL;

  filter.due = GX_MEMBER_DUE_RENEWAL;
  g_assert_cmpuint (count_members (store, &filter), ==, 2);   /* the one in grace and the one ending 9 Dec */
  filter.due = GX_MEMBER_DUE_BIRTHDAY;
  g_assert_cmpuint (count_members (store, &filter), ==, 1);
  filter.due = GX_MEMBER_DUE_POINTS_EXPIRING;
  g_assert_cmpuint (count_members (store, &filter), ==, 1);
  filter.due = GX_MEMBER_DUE_ANY;

  filter.circle_id = CIRCLE_WINE;
  g_assert_cmpuint (count_members (store, &filter), ==, 1);
  filter.circle_id = NULL;
  filter.club_id = OTHER_CLUB_ID;
  g_assert_cmpuint (count_members (store, &filter), ==, 0);
  filter.club_id = NULL;

  /* Typed text: member number, name, pinyin, initials. */
  filter.text = "zengw";
  g_assert_cmpuint (count_members (store, &filter), ==, 2);
  filter.text = "wf";
  g_assert_cmpuint (count_members (store, &filter), ==, 2);
  filter.text = "pb25";
  g_assert_cmpuint (count_members (store, &filter), ==, 2);
  filter.text = "100%_";
  g_assert_cmpuint (count_members (store, &filter), ==, 0);

  g_free (applicant.membership_id);
  (void) grace;
  gx_store_close (store);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/membership/state/timeline", test_state_timeline);
  g_test_add_func ("/core/membership/state/suspended-and-cancelled", test_state_suspended_and_cancelled);
  g_test_add_func ("/core/membership/state/sql-agrees", test_state_sql_agrees);
  g_test_add_func ("/core/membership/explain/why-in-grace", test_explain_grace);
  g_test_add_func ("/core/membership/explain/every-state", test_explain_every_state);
  g_test_add_func ("/core/membership/period/end-dates", test_period_end);
  g_test_add_func ("/core/membership/period/renewal", test_renewal_periods);
  g_test_add_func ("/core/membership/enrol/numbered-logged-linked", test_enrol);
  g_test_add_func ("/core/membership/enrol/refusals-keep-nothing", test_enrol_refusals);
  g_test_add_func ("/core/membership/enrol/lifecycle-and-rejoin", test_lifecycle_and_rejoin);
  g_test_add_func ("/core/membership/list/filters", test_member_filters);
  g_test_add_func ("/core/membership/number/format", test_number_format);
  g_test_add_func ("/core/membership/number/offline-desks-never-collide", test_numbers_offline_desks);
  g_test_add_func ("/core/membership/number/never-reused", test_number_never_reused);

  return g_test_run ();
}
