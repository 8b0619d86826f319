/* test-club.c: rights against quotas, tier qualification and review, new members per month
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "gx-club-test-util.h"

typedef struct
{
  const char *membership_id;
  const char *right_id;
  const char *used_on;
} UseData;

static gboolean
use_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  UseData *u = data;
  return gx_right_use (db, u->membership_id, u->right_id, u->used_on, "PVG T2", meta, NULL, error);
}

static int
used_of (GxStore    *store,
         const char *membership_id,
         const char *right_id,
         int         year,
         int        *quota)
{
  g_autoptr(GPtrArray) rights = gx_rights_for_membership (gx_store_get_main_reader (store), membership_id, year, NULL);

  for (guint i = 0; i < rights->len; i++)
    {
      GxRightUsage *u = g_ptr_array_index (rights, i);
      if (g_strcmp0 (u->right_id, right_id) == 0)
        {
          *quota = u->quota;
          return u->used;
        }
    }
  g_assert_not_reached ();
}

static void
test_quota (void)
{
  g_autoptr(GxStore) store = club_store_new (2);
  g_autofree char *gold = club_enrol (store, 0, TIER_GOLD, "2026-01-01");
  g_autoptr(GError) error = NULL;
  UseData use = { gold, RIGHT_LOUNGE, NULL };
  const char * const days[] = { "2026-02-01", "2026-05-01", "2026-08-01", "2026-11-01" };
  int quota = 0;

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      use.used_on = days[i];
      g_assert_true (club_write (store, GX_TEST_NOW, USER_DESK, use_cb, &use, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (used_of (store, gold, RIGHT_LOUNGE, 2026, &quota), ==, 4);
  g_assert_cmpint (quota, ==, 4);

  /* The fifth lounge visit of the year is refused… */
  use.used_on = "2026-11-20";
  g_assert_false (club_write (store, GX_TEST_NOW, USER_DESK, use_cb, &use, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "right_id");
  g_assert_cmpstr (error->message, ==, "The quota is used up: all 4 uses of 2026 are taken.");
  g_clear_error (&error);
  g_assert_cmpint (used_of (store, gold, RIGHT_LOUNGE, 2026, &quota), ==, 4);

  /* …the concierge has no quota, and a new year starts afresh. */
  use.right_id = RIGHT_CONCIERGE;
  for (guint i = 0; i < 6; i++)
    g_assert_true (club_write (store, GX_TEST_NOW, USER_DESK, use_cb, &use, &error));
  use.right_id = RIGHT_LOUNGE;
  use.used_on = "2026-12-31";
  g_assert_false (club_write (store, GX_TEST_NOW, USER_DESK, use_cb, &use, &error));
  g_clear_error (&error);
  g_assert_cmpint (used_of (store, gold, RIGHT_LOUNGE, 2027, &quota), ==, 0);

  /* A right of another tier is not the member's. */
  use.right_id = RIGHT_SILVER_LOUNGE;
  use.used_on = "2026-11-20";
  g_assert_false (club_write (store, GX_TEST_NOW, USER_DESK, use_cb, &use, &error));
  g_assert_cmpstr (error->message, ==, "This right is not one of the member’s tier.");
  g_clear_error (&error);

  /* Nor are rights used after the membership lapsed (period to 31 Dec 2026, 30 grace days). */
  use.right_id = RIGHT_LOUNGE;
  use.used_on = "2027-02-01";
  g_assert_false (club_write (store, GX_TEST_NOW, USER_DESK, use_cb, &use, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "membership_id");
  g_clear_error (&error);
  use.used_on = "2027-01-20";   /* in grace */
  g_assert_true (club_write (store, GX_TEST_NOW, USER_DESK, use_cb, &use, &error));
  g_assert_no_error (error);

  gx_store_close (store);
}

/* Tier qualification */

static void
test_qualify (void)
{
  const GxTierRule tiers[] = {
    { "basic", 1, 0, NULL },
    { "gold", 3, 5000, "6m_30m" },
    { "silver", 2, 1000, NULL },
  };

  g_assert_cmpint (gx_tier_qualify (tiers, 3, 0, NULL), ==, 0);
  g_assert_cmpint (gx_tier_qualify (tiers, 3, 999, "over_100m"), ==, 0);
  g_assert_cmpint (gx_tier_qualify (tiers, 3, 1000, NULL), ==, 2);
  /* Gold takes both the points and the assets band. */
  g_assert_cmpint (gx_tier_qualify (tiers, 3, 8000, "1m_6m"), ==, 2);
  g_assert_cmpint (gx_tier_qualify (tiers, 3, 8000, NULL), ==, 2);
  g_assert_cmpint (gx_tier_qualify (tiers, 3, 5000, "6m_30m"), ==, 1);
  g_assert_cmpint (gx_tier_qualify (tiers, 3, 5000, "over_100m"), ==, 1);
  g_assert_cmpint (gx_tier_qualify (tiers + 1, 2, 10, NULL), ==, -1);
}

static void
test_review_period (void)
{
  char *from, *to;

  gx_tier_review_period ("2026-11-22", &from, &to);
  g_assert_cmpstr (from, ==, "2025-11-23");
  g_assert_cmpstr (to, ==, "2026-11-22");
  g_free (from);
  g_free (to);

  gx_tier_review_period ("2029-02-28", &from, &to);
  g_assert_cmpstr (from, ==, "2028-02-29");
  g_free (from);
  g_free (to);

  gx_tier_review_period ("2028-02-29", &from, &to);
  g_assert_cmpstr (from, ==, "2027-03-01");
  g_free (from);
  g_free (to);
}

typedef struct
{
  const char *membership_id;
  gint64      points;
  GPtrArray  *proposals;
  const char *today;
} ReviewData;

static gboolean
earn_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  ReviewData *r = data;
  return gx_points_earn (db, r->membership_id, r->points, NULL, NULL, "Investment seminar", meta, NULL, error);
}

static gboolean
apply_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  ReviewData *r = data;
  return gx_tier_review_apply (db, r->proposals, r->today, meta, error);
}

static void
test_tier_review (void)
{
  g_autoptr(GxStore) store = club_store_new (4);
  GxDb *db = gx_store_get_main_reader (store);
  /* Customer 0 has the assets for gold; the others do not. */
  g_autofree char *rich = club_enrol (store, 0, TIER_SILVER, "2026-01-15");
  g_autofree char *busy = club_enrol (store, 1, TIER_BASIC, "2026-01-15");
  g_autofree char *quiet = club_enrol (store, 2, TIER_GOLD, "2026-01-15");
  g_autofree char *steady = club_enrol (store, 3, TIER_SILVER, "2026-01-15");
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  ReviewData earn = { 0 };
  g_autofree char *log = NULL;

  earn.membership_id = rich;
  earn.points = 6000;
  g_assert_true (club_write (store, club_time (2026, 3, 1, 10, 0), USER_DESK, earn_cb, &earn, &error));
  earn.membership_id = busy;
  earn.points = 1500;
  g_assert_true (club_write (store, club_time (2026, 4, 1, 10, 0), USER_DESK, earn_cb, &earn, &error));
  earn.membership_id = steady;
  earn.points = 1200;
  g_assert_true (club_write (store, club_time (2026, 5, 1, 10, 0), USER_DESK, earn_cb, &earn, &error));
  /* Points earned before the period do not count. */
  earn.membership_id = quiet;
  earn.points = 9000;
  g_assert_true (club_write (store, club_time (2026, 1, 15, 10, 0), USER_DESK, earn_cb, &earn, &error));
  g_assert_no_error (error);

  proposals = gx_tier_review (db, CLUB_ID, "2027-01-20", &error);
  g_assert_no_error (error);
  /* Up: silver → gold (6,000 points and the assets), basic → silver. Down: gold → basic
   * (nothing earned since 21 Jan 2026). Steady stays silver. */
  g_assert_cmpuint (proposals->len, ==, 3);
  {
    GxTierProposal *p0 = g_ptr_array_index (proposals, 0);
    GxTierProposal *p1 = g_ptr_array_index (proposals, 1);
    GxTierProposal *p2 = g_ptr_array_index (proposals, 2);

    g_assert_true (p0->upgrade && p1->upgrade && !p2->upgrade);
    g_assert_cmpstr (p2->membership_id, ==, quiet);
    g_assert_cmpstr (p2->to_tier_id, ==, TIER_BASIC);
    g_assert_cmpint (p2->points, ==, 0);
    for (guint i = 0; i < 2; i++)
      {
        GxTierProposal *p = g_ptr_array_index (proposals, i);
        if (g_strcmp0 (p->membership_id, rich) == 0)
          {
            g_assert_cmpstr (p->to_tier_id, ==, TIER_GOLD);
            g_assert_cmpint (p->points, ==, 6000);
          }
        else
          {
            g_assert_cmpstr (p->membership_id, ==, busy);
            g_assert_cmpstr (p->to_tier_id, ==, TIER_SILVER);
          }
      }
  }

  /* Nothing changes until confirmed; then all at once, each logged. */
  g_assert_cmpstr (gx_db_query_string (db, "SELECT tier_id FROM memberships WHERE id = ?", g_variant_new ("(s)", rich), NULL), ==, TIER_SILVER);
  earn.proposals = proposals;
  earn.today = "2027-01-20";
  g_assert_true (club_write (store, club_time (2027, 1, 20, 10, 0), USER_SUPERVISOR, apply_cb, &earn, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gx_db_query_string (db, "SELECT tier_id FROM memberships WHERE id = ?", g_variant_new ("(s)", rich), NULL), ==, TIER_GOLD);
  g_assert_cmpstr (gx_db_query_string (db, "SELECT tier_id FROM memberships WHERE id = ?", g_variant_new ("(s)", quiet), NULL), ==, TIER_BASIC);
  log = gx_db_query_string (db, "SELECT from_tier_id || '→' || to_tier_id || ' ' || note FROM membership_log WHERE membership_id = ? AND action = 'tier'",
                            g_variant_new ("(s)", rich), NULL);
  g_assert_cmpstr (log, ==, TIER_SILVER "→" TIER_GOLD " review 2026-01-21 – 2027-01-20: 6000 points, 6m_30m");

  /* A second review finds nothing more to do. */
  again = gx_tier_review (db, CLUB_ID, "2027-01-20", &error);
  g_assert_cmpuint (again->len, ==, 0);
  gx_store_close (store);
}

/* New members per month */

static gboolean
rename_club_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  json_object_set_string_member (changes, "name", data);
  return gx_record_update (db, "club", CLUB_ID, changes, meta, error);
}

static void
test_monthly_joins_and_csv (void)
{
  g_autoptr(GxStore) store = club_store_new (5);
  GxDb *db = gx_store_get_main_reader (store);
  const char * const joined[] = { "2026-01-05", "2026-01-31", "2026-03-01", "2025-12-31", "2026-12-31" };
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  int counts[12];

  for (guint i = 0; i < G_N_ELEMENTS (joined); i++)
    g_free (club_enrol (store, i, TIER_BASIC, joined[i]));

  g_assert_true (gx_club_monthly_joins (db, CLUB_ID, 2026, counts, &error));
  g_assert_cmpint (counts[0], ==, 2);
  g_assert_cmpint (counts[1], ==, 0);
  g_assert_cmpint (counts[2], ==, 1);
  g_assert_cmpint (counts[11], ==, 1);
  g_assert_true (gx_club_monthly_joins (db, OTHER_CLUB_ID, 2026, counts, &error));
  g_assert_cmpint (counts[0], ==, 0);

  /* The club's name has a comma and a quote: the CSV quotes it. */
  g_assert_true (club_write (store, GX_TEST_NOW, USER_SUPERVISOR, rename_club_cb, (gpointer) "私人银行俱乐部, \"上海\"", &error));
  csv = gx_club_joins_csv (db, 2026, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF" "Month,Key Accounts,\"私人银行俱乐部, \"\"上海\"\"\",Total\r\n"));
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 15);   /* header, 12 months, total, "" */
  g_assert_cmpstr (lines[1], ==, "2026-01,0,2,2");
  g_assert_cmpstr (lines[3], ==, "2026-03,0,1,1");
  g_assert_cmpstr (lines[12], ==, "2026-12,0,1,1");
  g_assert_cmpstr (lines[13], ==, "Total,0,4,4");
  gx_store_close (store);
}

/* The club's own rules */

static gboolean
insert_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  const char * const *args = data;
  return club_insert (db, args[0], args[1], args[2], error);
}

static gboolean
delete_tier_cb (GxDb *db, gpointer data, const GxWriteMeta *meta, GError **error)
{
  return gx_record_delete (db, "club_tier", data, meta, error);
}

static void
test_club_rules (void)
{
  g_autoptr(GxStore) store = club_store_new (1);
  g_autofree char *member = club_enrol (store, 0, TIER_BASIC, "2026-01-05");
  const char * const bad_prefix[] = { "club", "wine-club", "{\"name\": \"Wine\", \"number_prefix\": \"W-1\", \"created_at\": 1}" };
  const char * const bad_assets[] = { "club_tier", "pb-x", "{\"club_id\": \"" CLUB_ID "\", \"code\": \"x\", \"name\": \"X\", \"rank\": 9, \"qualify_assets\": \"lots\"}" };
  const char * const no_name[] = { "circle", "pb-c", "{\"club_id\": \"" CLUB_ID "\", \"name\": \"  \"}" };
  g_autoptr(GError) error = NULL;

  g_assert_false (club_write (store, GX_TEST_NOW, USER_SUPERVISOR, insert_cb, (gpointer) bad_prefix, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "number_prefix");
  g_clear_error (&error);
  g_assert_false (club_write (store, GX_TEST_NOW, USER_SUPERVISOR, insert_cb, (gpointer) bad_assets, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "qualify_assets");
  g_clear_error (&error);
  g_assert_false (club_write (store, GX_TEST_NOW, USER_SUPERVISOR, insert_cb, (gpointer) no_name, &error));
  g_assert_cmpstr (gx_record_error_get_field (error), ==, "name");
  g_clear_error (&error);

  g_assert_false (club_write (store, GX_TEST_NOW, USER_SUPERVISOR, delete_tier_cb, (gpointer) TIER_BASIC, &error));
  g_assert_cmpstr (error->message, ==, "Members hold this tier; move them to another tier first.");
  g_clear_error (&error);
  g_assert_true (club_write (store, GX_TEST_NOW, USER_SUPERVISOR, delete_tier_cb, (gpointer) TIER_SILVER, &error));
  g_assert_no_error (error);
  gx_store_close (store);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/club/rights/quota", test_quota);
  g_test_add_func ("/core/club/tiers/qualify", test_qualify);
  g_test_add_func ("/core/club/tiers/review-period", test_review_period);
  g_test_add_func ("/core/club/tiers/review-and-apply", test_tier_review);
  g_test_add_func ("/core/club/figures/monthly-joins-and-csv", test_monthly_joins_and_csv);
  g_test_add_func ("/core/club/rules", test_club_rules);

  return g_test_run ();
}
