/* test-points.c: the points ledger never lies — arithmetic, expiry, overdraw, adjustments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "gx-club-test-util.h"
#include "gx-demo.h"

typedef struct
{
  GxStore *store;
  char    *membership_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = club_store_new (2);
  /* Joined on 1 Jan 2025; renewed by hand below where a test needs it. */
  fixture->membership_id = club_enrol (fixture->store, 0, TIER_GOLD, "2025-01-01");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gx_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_free (fixture->membership_id);
}

static GxDb *
reader (Fixture *fixture)
{
  return gx_store_get_main_reader (fixture->store);
}

typedef struct
{
  const char *membership_id;
  const char *kind;
  gint64      points;
  const char *source_kind;
  const char *source_id;
  const char *reward_id;
  const char *reason;
} PointsOp;

static gboolean
points_cb (GxDb              *db,
           gpointer           data,
           const GxWriteMeta *meta,
           GError           **error)
{
  PointsOp *op = data;

  if (g_str_equal (op->kind, "earn"))
    return gx_points_earn (db, op->membership_id, op->points, op->source_kind, op->source_id, op->reason, meta, NULL, error);
  if (g_str_equal (op->kind, "redeem"))
    return gx_points_redeem (db, op->membership_id, op->points, op->reward_id, op->reason, meta, NULL, error);
  if (g_str_equal (op->kind, "adjust"))
    return gx_points_adjust (db, op->membership_id, op->points, op->reason, meta, NULL, error);
  return gx_points_book_expiries (db, op->membership_id, meta, NULL, error);
}

static gboolean
earn (Fixture *fixture, gint64 at, gint64 points, GError **error)
{
  PointsOp op = { fixture->membership_id, "earn", points, NULL, NULL, NULL, "Welcome gift" };
  return club_write (fixture->store, at, USER_DESK, points_cb, &op, error);
}

static gboolean
redeem (Fixture *fixture, gint64 at, gint64 points, GError **error)
{
  PointsOp op = { fixture->membership_id, "redeem", points, NULL, NULL, NULL, "Theatre tickets" };
  return club_write (fixture->store, at, USER_DESK, points_cb, &op, error);
}

static GxPointsSummary
summary_on (Fixture    *fixture,
            const char *today)
{
  GxPointsSummary summary;
  g_autoptr(GError) error = NULL;

  g_assert_true (gx_points_summary_for (reader (fixture), fixture->membership_id, today, 90, &summary, &error));
  g_assert_no_error (error);
  return summary;
}

static gint64
ledger_sum (Fixture *fixture)
{
  return gx_db_query_int (reader (fixture), "SELECT coalesce (sum (points), 0) FROM points_ledger", NULL, -1, NULL);
}

/* Expiry rules */

static void
test_expiry_rules (void)
{
  const struct { const char *rule; const char *earned; const char *expires; } cases[] = {
    { "end_of_second_year", "2026-05-01", "2027-12-31" },
    { "end_of_second_year", "2026-12-31", "2027-12-31" },   /* the last day of a year… */
    { "end_of_second_year", "2027-01-01", "2028-12-31" },   /* …and the first of the next */
    { "end_of_second_year", "2024-02-29", "2025-12-31" },
    { "end_of_year", "2026-05-01", "2026-12-31" },
    { "end_of_third_year", "2026-05-01", "2028-12-31" },
    { "12_months", "2024-02-29", "2025-02-28" },            /* from a leap day */
    { "12_months", "2023-03-01", "2024-02-29" },            /* into a leap year */
    { "24_months", "2026-05-15", "2028-05-14" },
    { "never", "2026-05-01", NULL },
    { "no-such-rule", "2026-05-01", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *expires = gx_points_expiry_for (cases[i].rule, cases[i].earned);
      g_assert_cmpstr (expires, ==, cases[i].expires);
    }
}

/* Ledger arithmetic */

static GxPointsEntry *
entry (const char *id, gint64 at, const char *kind, gint64 points, const char *expires_on, const char *source_id)
{
  GxPointsEntry *e = g_new0 (GxPointsEntry, 1);

  e->id = g_strdup (id);
  e->at = at;
  e->kind = g_strdup (kind);
  e->points = points;
  e->expires_on = g_strdup (expires_on);
  e->source_kind = source_id ? g_strdup ("expiry") : NULL;
  e->source_id = g_strdup (source_id);
  return e;
}

static void
test_soonest_expiring_first (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_points_entry_free);
  g_autoptr(GArray) lots = NULL;
  GxPointsSummary summary;
  gint64 overdrawn;

  /* Earned 2026 first (expires end of 2027), then an older-expiring credit would be odd —
   * so mix: a 2025 credit (end of 2026) earned after a credit that never expires. */
  g_ptr_array_add (entries, entry ("a", club_time (2025, 3, 1, 10, 0), "adjust", 300, NULL, NULL));
  g_ptr_array_add (entries, entry ("b", club_time (2025, 6, 1, 10, 0), "earn", 100, "2026-12-31", NULL));
  g_ptr_array_add (entries, entry ("c", club_time (2026, 2, 1, 10, 0), "earn", 200, "2027-12-31", NULL));
  g_ptr_array_add (entries, entry ("d", club_time (2026, 3, 1, 10, 0), "redeem", -150, NULL, NULL));

  lots = gx_points_allocate (entries, &overdrawn);
  g_assert_cmpint (overdrawn, ==, 0);
  g_assert_cmpuint (lots->len, ==, 3);
  /* 100 from the 2026 expiry (all of it), 50 from the 2027 one; the lot that never expires
   * is spent last. */
  g_assert_cmpint (g_array_index (lots, GxPointsLot, 0).remaining, ==, 300);
  g_assert_cmpint (g_array_index (lots, GxPointsLot, 1).remaining, ==, 0);
  g_assert_cmpint (g_array_index (lots, GxPointsLot, 2).remaining, ==, 150);

  gx_points_summarize (entries, "2026-11-22", 60, &summary);
  g_assert_cmpint (summary.balance, ==, 450);
  g_assert_cmpint (summary.available, ==, 450);
  g_assert_cmpint (summary.expiring_soon, ==, 0);   /* the 2026 lot is used up */

  /* A partial redemption leaves the rest of the lot. */
  g_ptr_array_add (entries, entry ("e", club_time (2026, 4, 1, 10, 0), "redeem", -20, NULL, NULL));
  g_clear_pointer (&lots, g_array_unref);
  lots = gx_points_allocate (entries, NULL);
  g_assert_cmpint (g_array_index (lots, GxPointsLot, 2).remaining, ==, 130);
  gx_points_summarize (entries, "2027-11-01", 90, &summary);
  g_assert_cmpint (summary.expiring_soon, ==, 130);
  g_assert_cmpstr (summary.next_expiry, ==, "2027-12-31");
  g_assert_cmpint (summary.next_expiry_points, ==, 130);
}

static void
test_earn_and_redeem (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GxPointsSummary summary;

  g_assert_true (earn (fixture, club_time (2026, 3, 1, 10, 0), 1000, &error));
  g_assert_true (earn (fixture, club_time (2026, 6, 1, 10, 0), 500, &error));
  g_assert_true (redeem (fixture, club_time (2026, 7, 1, 10, 0), 1200, &error));
  g_assert_no_error (error);

  summary = summary_on (fixture, "2026-11-22");
  g_assert_cmpint (summary.balance, ==, 300);
  g_assert_cmpint (summary.available, ==, 300);
  g_assert_cmpint (ledger_sum (fixture), ==, 300);
  /* The ledger holds three signed entries; the earnings expire at the end of 2027. */
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM points_ledger", NULL, 0, NULL), ==, 3);
  g_assert_cmpstr (gx_db_query_string (reader (fixture), "SELECT group_concat (DISTINCT expires_on) FROM points_ledger WHERE kind = 'earn'", NULL, NULL),
                   ==, "2027-12-31");
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT points FROM points_ledger WHERE kind = 'redeem'", NULL, 0, NULL), ==, -1200);
  /* …each queued for the server. */
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM outbox WHERE kind = 'points_entry'", NULL, 0, NULL), ==, 3);
}

static void
test_overdraw_refused (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (earn (fixture, club_time (2026, 3, 1, 10, 0), 1000, &error));
  g_assert_false (redeem (fixture, club_time (2026, 7, 1, 10, 0), 1001, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_INVALID);
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "points");
  g_assert_cmpstr (error->message, ==, "Only 1000 points are available; 1001 cannot be taken.");
  g_clear_error (&error);

  /* Nothing of the refused redemption was written or queued. */
  g_assert_cmpint (ledger_sum (fixture), ==, 1000);
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM outbox WHERE kind = 'points_entry'", NULL, 0, NULL), ==, 1);

  /* Exactly the balance may be spent. */
  g_assert_true (redeem (fixture, club_time (2026, 7, 1, 10, 0), 1000, &error));
  g_assert_no_error (error);
  g_assert_false (redeem (fixture, club_time (2026, 7, 2, 10, 0), 1, &error));
  g_assert_nonnull (strstr (error->message, "Only 0 points"));
}

static void
test_expiry_across_year_end (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GxPointsSummary summary;
  PointsOp book = { fixture->membership_id, "book", 0, NULL, NULL, NULL, NULL };

  /* Earned in 2025: spendable through 31 Dec 2026. */
  g_assert_true (earn (fixture, club_time (2025, 1, 10, 10, 0), 700, &error));
  g_assert_true (earn (fixture, club_time (2026, 12, 31, 23, 30), 400, &error));
  g_assert_true (redeem (fixture, club_time (2026, 5, 1, 10, 0), 200, &error));
  g_assert_no_error (error);

  summary = summary_on (fixture, "2026-12-31");
  g_assert_cmpint (summary.available, ==, 900);
  g_assert_cmpint (summary.expiring_soon, ==, 500);
  g_assert_cmpstr (summary.next_expiry, ==, "2026-12-31");

  /* At 23:59 on 31 December the old points still spend… */
  g_assert_true (redeem (fixture, club_time (2026, 12, 31, 23, 59), 100, &error));
  g_assert_no_error (error);

  /* …at midnight they are gone, even before the expiry is booked. */
  summary = summary_on (fixture, "2027-01-01");
  g_assert_cmpint (summary.balance, ==, 800);
  g_assert_cmpint (summary.expired_unbooked, ==, 400);
  g_assert_cmpint (summary.available, ==, 400);
  g_assert_false (redeem (fixture, club_time (2027, 1, 1, 0, 0), 401, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "points");
  g_clear_error (&error);

  /* Booking writes one expire entry for what was left; booking again writes nothing. */
  g_assert_true (club_write (fixture->store, club_time (2027, 1, 2, 9, 0), USER_DESK, points_cb, &book, &error));
  g_assert_true (club_write (fixture->store, club_time (2027, 1, 3, 9, 0), USER_DESK, points_cb, &book, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM points_ledger WHERE kind = 'expire'", NULL, 0, NULL), ==, 1);
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT points FROM points_ledger WHERE kind = 'expire'", NULL, 0, NULL), ==, -400);
  g_assert_cmpstr (gx_db_query_string (reader (fixture), "SELECT source_id FROM points_ledger WHERE kind = 'expire'", NULL, NULL),
                   ==, "2026-12-31");
  summary = summary_on (fixture, "2027-01-03");
  g_assert_cmpint (summary.balance, ==, 400);
  g_assert_cmpint (summary.available, ==, 400);
  g_assert_cmpint (summary.expired_unbooked, ==, 0);
}

static gboolean
set_expiry_rule_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();

  json_object_set_string_member (changes, "points_expiry", data);
  return gx_record_update (db, "club", CLUB_ID, changes, meta, error);
}

static void
test_expiry_leap_year (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GxPointsSummary summary;

  /* A club whose points last 12 months: points earned on 29 Feb 2028 spend until 28 Feb 2029. */
  g_assert_true (club_write (fixture->store, GX_TEST_NOW, USER_SUPERVISOR, set_expiry_rule_cb, (gpointer) "12_months", &error));
  g_assert_true (earn (fixture, club_time (2028, 2, 29, 15, 0), 500, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gx_db_query_string (reader (fixture), "SELECT expires_on FROM points_ledger", NULL, NULL), ==, "2029-02-28");

  summary = summary_on (fixture, "2029-02-28");
  g_assert_cmpint (summary.available, ==, 500);
  g_assert_true (redeem (fixture, club_time (2029, 2, 28, 23, 0), 100, &error));
  g_assert_no_error (error);

  summary = summary_on (fixture, "2029-03-01");
  g_assert_cmpint (summary.available, ==, 0);
  g_assert_cmpint (summary.expired_unbooked, ==, 400);
  g_assert_false (redeem (fixture, club_time (2029, 3, 1, 0, 1), 1, &error));

  /* An unknown rule is refused by the record layer, naming the field. */
  g_clear_error (&error);
  g_assert_false (club_write (fixture->store, GX_TEST_NOW, USER_SUPERVISOR, set_expiry_rule_cb, (gpointer) "someday", &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "points_expiry");
}

/* Adjustments */

static void
test_adjust_supervisor_only (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PointsOp op = { fixture->membership_id, "adjust", 250, NULL, NULL, NULL, "Points of the June golf day were missed" };
  PointsOp no_reason = { fixture->membership_id, "adjust", 250, NULL, NULL, NULL, "  " };
  PointsOp take_back = { fixture->membership_id, "adjust", -300, NULL, NULL, NULL, "Double award" };

  g_assert_false (club_write (fixture->store, GX_TEST_NOW, USER_DESK, points_cb, &op, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "user_id");
  g_assert_cmpstr (error->message, ==, "Only a supervisor may adjust points.");
  g_clear_error (&error);

  g_assert_false (club_write (fixture->store, GX_TEST_NOW, USER_SUPERVISOR, points_cb, &no_reason, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "reason");
  g_clear_error (&error);

  g_assert_true (club_write (fixture->store, GX_TEST_NOW, USER_SUPERVISOR, points_cb, &op, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ledger_sum (fixture), ==, 250);

  /* A negative adjustment may not take the balance below zero either. */
  g_assert_false (club_write (fixture->store, GX_TEST_NOW, USER_SUPERVISOR, points_cb, &take_back, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "points");
  g_clear_error (&error);
  take_back.points = -250;
  g_assert_true (club_write (fixture->store, GX_TEST_NOW, USER_SUPERVISOR, points_cb, &take_back, &error));
  g_assert_cmpint (ledger_sum (fixture), ==, 0);
}

static void
test_manual_award_needs_reason (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PointsOp manual = { fixture->membership_id, "earn", 100, NULL, NULL, NULL, "" };
  /* Not "activity": activity points have rules of their own (gx-activity-points.c) and need a
   * real activity the member attended. */
  PointsOp activity = { fixture->membership_id, "earn", 300, "campaign", "0190f4a2-0000-7000-8000-0000000000aa", NULL, NULL };
  PointsOp nothing = { fixture->membership_id, "earn", 0, NULL, NULL, NULL, "Zero" };

  g_assert_false (club_write (fixture->store, GX_TEST_NOW, USER_DESK, points_cb, &manual, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "reason");
  g_clear_error (&error);

  g_assert_false (club_write (fixture->store, GX_TEST_NOW, USER_DESK, points_cb, &nothing, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "points");
  g_clear_error (&error);

  /* A source's points reach a member once. */
  g_assert_true (club_write (fixture->store, GX_TEST_NOW, USER_DESK, points_cb, &activity, &error));
  g_assert_no_error (error);
  g_assert_false (club_write (fixture->store, GX_TEST_NOW, USER_DESK, points_cb, &activity, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "source_id");
  g_clear_error (&error);
  g_assert_cmpint (ledger_sum (fixture), ==, 300);
}

static void
test_rewards (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PointsOp tea = { fixture->membership_id, "redeem", 800, NULL, NULL, REWARD_TEA, NULL };
  PointsOp cheap_tea = { fixture->membership_id, "redeem", 500, NULL, NULL, REWARD_TEA, NULL };
  PointsOp retired = { fixture->membership_id, "redeem", 50, NULL, NULL, REWARD_OLD, NULL };
  PointsOp free_text = { fixture->membership_id, "redeem", 100, NULL, NULL, NULL, "" };

  g_assert_true (earn (fixture, club_time (2026, 3, 1, 10, 0), 2000, &error));

  g_assert_false (club_write (fixture->store, GX_TEST_NOW, USER_DESK, points_cb, &cheap_tea, &error));
  g_assert_cmpstr (error->message, ==, "This reward costs 800 points.");
  g_clear_error (&error);
  g_assert_false (club_write (fixture->store, GX_TEST_NOW, USER_DESK, points_cb, &retired, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "reward_id");
  g_clear_error (&error);
  g_assert_false (club_write (fixture->store, GX_TEST_NOW, USER_DESK, points_cb, &free_text, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "reason");
  g_clear_error (&error);

  g_assert_true (club_write (fixture->store, GX_TEST_NOW, USER_DESK, points_cb, &tea, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ledger_sum (fixture), ==, 1200);
}

static gboolean
update_entry_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  json_object_set_int_member (changes, "points", 99999);
  return gx_record_update (db, "points_entry", data, changes, meta, error);
}

static gboolean
raw_update_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  return gx_db_exec (db, "UPDATE points_ledger SET points = 99999", error);
}

static void
test_entries_immutable (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_assert_true (earn (fixture, club_time (2026, 3, 1, 10, 0), 100, &error));
  id = gx_db_query_string (reader (fixture), "SELECT id FROM points_ledger", NULL, NULL);

  g_assert_false (club_write (fixture->store, GX_TEST_NOW, USER_SUPERVISOR, update_entry_cb, id, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_APPEND_ONLY);
  g_clear_error (&error);
  /* Even SQL that bypasses core is refused by the database's trigger. */
  g_assert_false (club_write (fixture->store, GX_TEST_NOW, USER_SUPERVISOR, raw_update_cb, NULL, &error));
  g_assert_nonnull (strstr (error->message, "immutable"));
  g_assert_cmpint (ledger_sum (fixture), ==, 100);
}

static void
test_statement (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxPointsStatement) statement = NULL;

  g_assert_true (earn (fixture, club_time (2025, 12, 20, 10, 0), 1000, &error));
  g_assert_true (earn (fixture, club_time (2026, 1, 1, 0, 0), 300, &error));      /* first minute of the period */
  g_assert_true (redeem (fixture, club_time (2026, 2, 10, 10, 0), 400, &error));
  g_assert_true (earn (fixture, club_time (2026, 3, 31, 23, 59), 50, &error));    /* last minute */
  g_assert_true (earn (fixture, club_time (2026, 4, 1, 0, 0), 70, &error));       /* after */
  g_assert_no_error (error);

  statement = gx_points_statement_new (reader (fixture), fixture->membership_id, "2026-01-01", "2026-03-31", &error);
  g_assert_no_error (error);
  g_assert_cmpint (statement->opening, ==, 1000);
  g_assert_cmpuint (statement->entries->len, ==, 3);
  g_assert_cmpint (statement->earned, ==, 350);
  g_assert_cmpint (statement->redeemed, ==, -400);
  g_assert_cmpint (statement->closing, ==, 950);
  /* The next statement opens where this one closed. */
  g_clear_pointer (&statement, gx_points_statement_free);
  statement = gx_points_statement_new (reader (fixture), fixture->membership_id, "2026-04-01", "2026-06-30", &error);
  g_assert_cmpint (statement->opening, ==, 950);
  g_assert_cmpint (statement->closing, ==, 1020);
}

/* Two desks offline */

static gboolean
copy_ledger_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
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
        if (g_strcmp0 (name, "version") != 0 && g_strcmp0 (name, "id") != 0 &&
            g_strcmp0 (name, "_kind") != 0 && g_strcmp0 (name, "_id") != 0)
          json_object_set_member (fields, name, json_node_copy (node));
      if (!gx_record_insert (db, json_object_get_string_member (record, "_kind"),
                             json_object_get_string_member (record, "_id"), fields, &sync_meta, error))
        return FALSE;
    }
  return TRUE;
}

/* What a desk pushes: the new rows of its outbox, as the server would apply them. */
static gboolean
apply_pushed_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  JsonObject *mutation = data;
  g_autoptr(JsonNode) fields = json_from_string (json_object_get_string_member (mutation, "fields"), NULL);

  /* Not from_sync: the server runs the same rules as the desk. */
  return gx_record_insert (db, json_object_get_string_member (mutation, "kind"),
                           json_object_get_string_member (mutation, "record_id"),
                           json_node_get_object (fields), meta, error);
}

static GPtrArray *
dump (GxStore *store, const char *kind, const char *table)
{
  GxDb *db = gx_store_get_main_reader (store);
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s ORDER BY rowid", table);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = gx_db_prepare (db, sql, NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, gx_db_dup_column (stmt, 0));
  sqlite3_reset (stmt);
  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *record = gx_record_read (db, kind, ids->pdata[i], NULL);
      json_object_set_string_member (record, "_kind", kind);
      json_object_set_string_member (record, "_id", ids->pdata[i]);
      g_ptr_array_add (records, record);
    }
  return records;
}

static JsonObject *
last_mutation (GxStore *store, const char *kind)
{
  GxDb *db = gx_store_get_main_reader (store);
  JsonObject *mutation = json_object_new ();
  sqlite3_stmt *stmt = gx_db_prepare (db, "SELECT kind, record_id, fields FROM outbox WHERE kind = ? ORDER BY seq DESC LIMIT 1", NULL);

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  json_object_set_string_member (mutation, "kind", gx_db_column_text (stmt, 0));
  json_object_set_string_member (mutation, "record_id", gx_db_column_text (stmt, 1));
  json_object_set_string_member (mutation, "fields", gx_db_column_text (stmt, 2));
  sqlite3_reset (stmt);
  return mutation;
}

static void
test_two_desks_redeem_offline (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GxStore) desk_b = club_store_new (2);
  g_autoptr(GxStore) server = club_store_new (2);
  g_autoptr(GPtrArray) memberships = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonObject) from_a = NULL;
  g_autoptr(JsonObject) from_b = NULL;
  g_autoptr(GError) error = NULL;
  Fixture b = { desk_b, fixture->membership_id };

  /* Desk A, desk B and the server hold the same member with 1,000 points… */
  g_assert_true (earn (fixture, club_time (2026, 3, 1, 10, 0), 1000, &error));
  memberships = dump (fixture->store, "membership", "memberships");
  entries = dump (fixture->store, "points_entry", "points_ledger");
  club_write (desk_b, GX_TEST_NOW, NULL, copy_ledger_cb, memberships, &error);
  g_assert_no_error (error);
  g_assert_true (club_write (desk_b, GX_TEST_NOW, NULL, copy_ledger_cb, entries, &error));
  g_assert_true (club_write (server, GX_TEST_NOW, NULL, copy_ledger_cb, memberships, &error));
  g_assert_true (club_write (server, GX_TEST_NOW, NULL, copy_ledger_cb, entries, &error));
  g_assert_no_error (error);

  /* …then, offline, each desk redeems 800: each is right by what it knows. */
  g_assert_true (redeem (fixture, GX_TEST_NOW, 800, &error));
  g_assert_true (redeem (&b, GX_TEST_NOW + 60, 800, &error));
  g_assert_no_error (error);

  /* Back online, the server applies the pushes through the same rules: the first holds,
   * the second would take the balance to -600 and is refused, naming the field. */
  from_a = last_mutation (fixture->store, "points_entry");
  from_b = last_mutation (desk_b, "points_entry");
  g_assert_true (club_write (server, GX_TEST_NOW + 120, USER_DESK, apply_pushed_cb, from_a, &error));
  g_assert_no_error (error);
  g_assert_false (club_write (server, GX_TEST_NOW + 121, USER_DESK, apply_pushed_cb, from_b, &error));
  g_assert_error (error, GX_RECORD_ERROR, GX_RECORD_ERROR_INVALID);
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "points");
  g_assert_cmpstr (error->message, ==, "Only 200 points are available; 800 cannot be taken.");
  g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (server), "SELECT sum (points) FROM points_ledger", NULL, 0, NULL), ==, 200);

  gx_store_close (desk_b);
  gx_store_close (server);
}

static void
test_double_expiry_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GxStore) desk_b = club_store_new (2);
  g_autoptr(GPtrArray) memberships = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonObject) from_b = NULL;
  g_autoptr(GError) error = NULL;
  Fixture b = { desk_b, fixture->membership_id };
  PointsOp book = { fixture->membership_id, "book", 0, NULL, NULL, NULL, NULL };

  g_assert_true (earn (fixture, club_time (2025, 3, 1, 10, 0), 600, &error));
  memberships = dump (fixture->store, "membership", "memberships");
  entries = dump (fixture->store, "points_entry", "points_ledger");
  g_assert_true (club_write (desk_b, GX_TEST_NOW, NULL, copy_ledger_cb, memberships, &error));
  g_assert_true (club_write (desk_b, GX_TEST_NOW, NULL, copy_ledger_cb, entries, &error));

  /* Both desks book the 2026 year-end expiry offline. */
  g_assert_true (club_write (fixture->store, club_time (2027, 1, 2, 9, 0), USER_DESK, points_cb, &book, &error));
  g_assert_true (club_write (desk_b, club_time (2027, 1, 2, 9, 5), USER_DESK, points_cb, &book, &error));
  g_assert_no_error (error);
  (void) b;

  /* Desk B's arrives second at desk A's store (as at the server): the points went already. */
  from_b = last_mutation (desk_b, "points_entry");
  g_assert_false (club_write (fixture->store, club_time (2027, 1, 2, 10, 0), USER_DESK, apply_pushed_cb, from_b, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "points");
  g_assert_cmpint (ledger_sum (fixture), ==, 0);

  gx_store_close (desk_b);
}

static gboolean
enrol_sponsored_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  EnrolData *e = data;
  return gx_membership_enrol (db, &e->enrolment, meta, &e->membership_id, error);
}

/* Introducing a new member earns the sponsor points, once per new member, and only them. */
static void
test_referral_award (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *sponsor = club_customer_id (0);
  g_autofree char *newcomer = club_customer_id (1);
  EnrolData enrol = { { newcomer, CLUB_ID, TIER_BASIC, "2026-11-20", "2026-11-20", sponsor, NULL }, NULL };
  g_autoptr(GError) error = NULL;
  PointsOp referral = { fixture->membership_id, "earn", 500, "referral", NULL, NULL, "PB26" };
  PointsOp wrong = { NULL, "earn", 500, "referral", NULL, NULL, NULL };

  g_assert_true (club_write (fixture->store, GX_TEST_NOW, USER_DESK, enrol_sponsored_cb, &enrol, &error));
  g_assert_no_error (error);
  referral.source_id = enrol.membership_id;

  g_assert_true (club_write (fixture->store, GX_TEST_NOW, USER_DESK, points_cb, &referral, &error));
  g_assert_no_error (error);
  g_assert_false (club_write (fixture->store, GX_TEST_NOW, USER_DESK, points_cb, &referral, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "source_id");
  g_clear_error (&error);

  /* The new member cannot be paid for introducing themselves. */
  wrong.membership_id = enrol.membership_id;
  wrong.source_id = enrol.membership_id;
  g_assert_false (club_write (fixture->store, GX_TEST_NOW, USER_DESK, points_cb, &wrong, &error));
  g_assert_cmpstr (error->message, ==, "Referral points go to the member who introduced the new member.");
  g_assert_cmpint (ledger_sum (fixture), ==, 500);
  g_free (enrol.membership_id);
}

/* Ledgers written elsewhere — the demo generator's — read the same through core: no member
 * is ever overdrawn, and what is available never goes below zero. */
static void
test_demo_ledgers_agree (void)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.sqlite", NULL);
  g_autoptr(GxClock) clock = gx_clock_new_fixed (GX_TEST_NOW);
  GxDemoOptions options = { .seed = 11, .n_customers = 3000, .clock = clock };
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = gx_store_open (path, &error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *today = gx_date_of (GX_TEST_NOW);
  GxDb *db;
  sqlite3_stmt *stmt;
  guint with_expiry = 0;

  g_assert_no_error (error);
  g_assert_true (gx_demo_generate (store, &options, NULL, &error));
  g_assert_no_error (error);
  db = gx_store_get_main_reader (store);

  stmt = gx_db_prepare (db, "SELECT DISTINCT membership_id FROM points_ledger", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, gx_db_dup_column (stmt, 0));
  sqlite3_reset (stmt);
  g_assert_cmpuint (ids->len, >, 10);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GPtrArray) entries = gx_points_load (db, ids->pdata[i], NULL);
      g_autoptr(GArray) lots = gx_points_allocate (entries, NULL);
      GxPointsSummary summary;
      gint64 overdrawn = -1;

      g_clear_pointer (&lots, g_array_unref);
      lots = gx_points_allocate (entries, &overdrawn);
      g_assert_cmpint (overdrawn, ==, 0);
      gx_points_summarize (entries, today, 90, &summary);
      g_assert_cmpint (summary.available, >=, 0);
      g_assert_cmpint (summary.available, <=, summary.balance);
      for (guint k = 0; k < entries->len; k++)
        with_expiry += g_strcmp0 (((GxPointsEntry *) entries->pdata[k])->kind, "expire") == 0;
    }
  g_assert_cmpuint (with_expiry, >, 0);
  gx_store_close (store);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/points/expiry-rules", test_expiry_rules);
  g_test_add_func ("/core/points/soonest-expiring-first", test_soonest_expiring_first);
  g_test_add_func ("/core/points/demo-ledgers-agree", test_demo_ledgers_agree);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/points/earn-and-redeem", test_earn_and_redeem);
  ADD ("/core/points/overdraw-refused", test_overdraw_refused);
  ADD ("/core/points/expiry-across-year-end", test_expiry_across_year_end);
  ADD ("/core/points/expiry-leap-year", test_expiry_leap_year);
  ADD ("/core/points/adjust-supervisor-only", test_adjust_supervisor_only);
  ADD ("/core/points/manual-award-needs-reason", test_manual_award_needs_reason);
  ADD ("/core/points/rewards", test_rewards);
  ADD ("/core/points/referral-award", test_referral_award);
  ADD ("/core/points/entries-immutable", test_entries_immutable);
  ADD ("/core/points/statement", test_statement);
  ADD ("/core/points/two-desks-redeem-offline", test_two_desks_redeem_offline);
  ADD ("/core/points/double-expiry-refused", test_double_expiry_refused);
#undef ADD

  return g_test_run ();
}
