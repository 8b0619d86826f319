/* test-demo.c: the demo generator writes valid, complete and repeatable data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gx-clock.h"
#include "gx-demo.h"
#include "gx-pinyin.h"
#include "gx-store.h"
#include "gx-validate.h"

/* 2026-11-22 10:00:00 Asia/Shanghai, and 2026-06-10 10:00:00: late in the year (next year's
 * plan has begun) and mid-year (this year's plan still has months to come). */
#define NOW_NOVEMBER G_GINT64_CONSTANT (1795312800)
#define NOW_JUNE G_GINT64_CONSTANT (1781056800)

#define SMALL 300

/* Helpers */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_remove (path);
}

static void
remove_and_free (gpointer path)
{
  remove_tree (path);
  g_free (path);
}

/* A private folder for this test, removed when it ends. */
static const char *
make_test_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("guanxi-demo-XXXXXX", &error);

  g_assert_no_error (error);
  g_test_queue_destroy (remove_and_free, dir);
  return dir;
}

static GxStore *
generate (const char *file,
          guint64     seed,
          guint       n_customers,
          gint64      now,
          gboolean    customers_only)
{
  g_autofree char *path = g_build_filename (make_test_dir (), file, NULL);
  g_autoptr(GxClock) clock = gx_clock_new_fixed (now);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = NULL;
  GxDemoOptions options = {
    .seed = seed,
    .n_customers = n_customers,
    .clock = clock,
    .customers_only = customers_only,
  };

  store = gx_store_open (path, &error);
  g_assert_no_error (error);
  gx_demo_generate (store, &options, NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

static gint64
count (GxStore    *store,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = gx_db_query_int (gx_store_get_main_reader (store), sql, NULL, -1, &error);

  g_assert_no_error (error);
  return n;
}

/* Every row of every table, ordered by the first column (the id or key), one line a row,
 * each value with its storage class. */
static char *
dump (GxStore *store)
{
  sqlite3 *handle = gx_db_get_handle (gx_store_get_main_reader (store));
  GString *out = g_string_new (NULL);
  sqlite3_stmt *tables;

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT name FROM sqlite_master WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);

  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1", table);
      sqlite3_stmt *rows;

      g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          g_string_append_printf (out, "%s:", table);
          for (int c = 0; c < sqlite3_column_count (rows); c++)
            g_string_append_printf (out, "|%d:%s", sqlite3_column_type (rows, c),
                                    sqlite3_column_type (rows, c) == SQLITE_NULL ? "" :
                                    (const char *) sqlite3_column_text (rows, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);

  return g_string_free (out, FALSE);
}

static void
assert_same_dump (const char *a,
                  const char *b)
{
  g_auto(GStrv) la = g_strsplit (a, "\n", -1);
  g_auto(GStrv) lb = g_strsplit (b, "\n", -1);

  for (guint i = 0; la[i] != NULL && lb[i] != NULL; i++)
    g_assert_cmpstr (la[i], ==, lb[i]);
  g_assert_cmpuint (g_strv_length (la), ==, g_strv_length (lb));
}

/* Tests */

static void
test_deterministic (void)
{
  g_autoptr(GxStore) first = generate ("first.sqlite", 42, SMALL, NOW_NOVEMBER, FALSE);
  g_autoptr(GxStore) second = generate ("second.sqlite", 42, SMALL, NOW_NOVEMBER, FALSE);
  g_autoptr(GxStore) other = generate ("other.sqlite", 43, SMALL, NOW_NOVEMBER, FALSE);
  g_autofree char *a = dump (first);
  g_autofree char *b = dump (second);
  g_autofree char *c = dump (other);

  g_assert_cmpuint (strlen (a), >, 100000);
  assert_same_dump (a, b);
  g_assert_cmpstr (a, !=, c);
}

static void
test_customers (void)
{
  g_autoptr(GxStore) store = generate ("demo.sqlite", 7, SMALL, NOW_NOVEMBER, FALSE);
  sqlite3_stmt *stmt;
  guint chinese = 0, latin = 0;

  g_assert_cmpint (count (store, "SELECT count(*) FROM customers"), ==, SMALL);
  g_assert_cmpint (count (store, "SELECT count(DISTINCT number) FROM customers WHERE number GLOB 'C[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'"),
                   ==, SMALL);
  for (const char * const *k = (const char * const[]) { "individual", "enterprise", "government", "intermediary", NULL }; *k; k++)
    g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (store), "SELECT count(*) FROM customers WHERE kind = ?",
                                      g_variant_new ("(s)", *k), 0, NULL), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM customers WHERE kind <> 'individual' AND tier_id NOT IN"
                                 " (SELECT id FROM tiers WHERE scheme = 'enterprise')"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM customers WHERE kind = 'individual' AND tier_id NOT IN"
                                 " (SELECT id FROM tiers WHERE scheme = 'individual')"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM customers WHERE tier_id IN ('diamond', 'gold') AND owner_id IS NULL"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM customers WHERE confidentiality <> 'ordinary' AND owner_id IS NULL"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM customers WHERE assets_band IS NOT NULL"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM customers WHERE at_risk = 1"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM customers WHERE created_at > updated_at OR updated_at > 1795312800"), ==, 0);

  /* Pinyin for Chinese names: full, initials (the first letter of each syllable), sort key. */
  g_assert_cmpint (sqlite3_prepare_v2 (gx_db_get_handle (gx_store_get_main_reader (store)),
                                       "SELECT name, name_pinyin, name_initials, sort_key, kind FROM customers",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *pinyin = (const char *) sqlite3_column_text (stmt, 1);
      const char *initials = (const char *) sqlite3_column_text (stmt, 2);
      const char *sort_key = (const char *) sqlite3_column_text (stmt, 3);
      gboolean person = g_str_equal ((const char *) sqlite3_column_text (stmt, 4), "individual");
      g_autofree char *want_pinyin = gx_pinyin_full (name, person);
      g_autofree char *want_initials = gx_pinyin_initials (name, person);
      g_autofree char *want_key = gx_pinyin_sort_key (name, person);

      g_assert_cmpstr (pinyin, ==, want_pinyin);
      g_assert_cmpstr (initials, ==, want_initials);
      g_assert_cmpstr (sort_key, ==, want_key);
      g_assert_cmpuint (strlen (sort_key), >, 0);

      if (person && gx_pinyin_has_han (name))
        {
          g_auto(GStrv) syllables = g_strsplit (pinyin, " ", -1);
          GString *letters = g_string_new (NULL);

          g_assert_cmpuint (strlen (pinyin), >, 0);
          for (guint i = 0; syllables[i] != NULL; i++)
            g_string_append_c (letters, syllables[i][0]);
          g_assert_cmpstr (initials, ==, letters->str);
          g_assert_cmpuint (g_utf8_strlen (name, -1), ==, g_strv_length (syllables));
          g_string_free (letters, TRUE);
          chinese++;
        }
      else if (person)
        latin++;
    }
  sqlite3_finalize (stmt);

  /* About 80% Chinese names, 10% in Latin letters. */
  g_assert_cmpuint (chinese, >, SMALL * 65 / 100);
  g_assert_cmpuint (latin, >, SMALL * 3 / 100);

  /* The desk is signed in as the supervisor, locally. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_state s JOIN users u ON u.id = s.value"
                                 " WHERE s.key = 'user_id' AND u.role = 'supervisor'"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM sync_state WHERE key = 'mode' AND value = 'local'"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM users WHERE role <> 'supervisor' AND role <> 'admin' AND supervisor_id IS NULL"), ==, 0);

  /* Contact logs agree with last_contact_at; some follow-ups are due this week. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM customers c WHERE last_contact_at IS NOT"
                                 " (SELECT max(at) FROM contact_log l WHERE l.customer_id = c.id)"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM contact_log WHERE follow_up_done = 0 AND follow_up_on"
                                 " BETWEEN '2026-11-22' AND '2026-11-28'"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM customer_links WHERE kind = 'family'"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM customer_links WHERE kind = 'referral'"), >, 0);
}

static void
test_valid_phones_and_ids (void)
{
  g_autoptr(GxStore) store = generate ("demo.sqlite", 11, SMALL, NOW_NOVEMBER, FALSE);
  sqlite3 *handle = gx_db_get_handle (gx_store_get_main_reader (store));
  sqlite3_stmt *stmt;
  guint n_phones = 0, n_ids = 0, n_mails = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT kind, value FROM customer_contacts WHERE kind IN ('mobile', 'landline', 'email')"
                                       " UNION ALL SELECT 'mobile', phone FROM invitation_guests WHERE phone <> ''"
                                       " UNION ALL SELECT 'mobile', walk_in_phone FROM checkins WHERE walk_in_phone IS NOT NULL",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);
      g_autoptr(GError) error = NULL;

      if (g_str_equal (kind, "email"))
        {
          gx_validate_email (value, &error);
          n_mails++;
        }
      else
        {
          if (g_str_equal (kind, "mobile"))
            gx_validate_mobile (value, &error);
          else
            gx_validate_landline (value, &error);
          if (error == NULL)
            gx_validate_phone (value, &error);
          n_phones++;
        }
      if (error != NULL)
        g_test_message ("%s %s", kind, value);
      g_assert_no_error (error);
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT id_number, birthday, gender FROM customers WHERE id_type = 'resident'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *number = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *birthday = NULL;
      g_autofree char *gender = NULL;
      g_autoptr(GError) error = NULL;

      gx_validate_resident_id (number, &error);
      g_assert_no_error (error);
      g_assert_true (gx_resident_id_facts (number, &birthday, &gender));
      g_assert_cmpstr (birthday, ==, (const char *) sqlite3_column_text (stmt, 1));
      g_assert_cmpstr (gender, ==, (const char *) sqlite3_column_text (stmt, 2));
      n_ids++;
    }
  sqlite3_finalize (stmt);

  g_assert_cmpuint (n_phones, >=, SMALL);
  g_assert_cmpuint (n_ids, >, SMALL / 2);
  g_assert_cmpuint (n_mails, >, 0);

  /* Mobile numbers on real prefixes; landlines of the big cities. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM customer_contacts WHERE kind = 'mobile' AND"
                                 " substr (value, 1, 3) IN ('140', '141', '142', '143', '144', '154', '160', '169', '190')"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM customer_contacts WHERE kind = 'landline' AND"
                                 " (value LIKE '010-%' OR value LIKE '021-%' OR value LIKE '020-%' OR value LIKE '0755-%')"), >, 0);
  /* Individuals have a birthday and a gender, organisations neither. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM customers WHERE (kind = 'individual') <>"
                                 " (birthday IS NOT NULL AND gender IS NOT NULL)"), ==, 0);
}

static void
test_every_case_status (void)
{
  g_autoptr(GxStore) store = generate ("demo.sqlite", 5, SMALL, NOW_NOVEMBER, FALSE);

  g_assert_cmpint (count (store, "SELECT count(DISTINCT status) FROM cases"), ==, 11);
  g_assert_cmpint (count (store, "SELECT count(DISTINCT channel) FROM cases"), ==, 11);
  g_assert_cmpint (count (store, "SELECT count(DISTINCT severity) FROM cases"), ==, 4);
  g_assert_cmpint (count (store, "SELECT count(DISTINCT category_id) FROM cases"), ==, 7);
  g_assert_cmpint (count (store, "SELECT count(*) FROM cases WHERE number NOT GLOB 'TS20[0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]'"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM cases WHERE received_at < 1795312800 - 366 * 86400 OR received_at > 1795312800"), ==, 0);

  /* Deadlines from the policies, in calendar minutes. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM cases k JOIN sla_policies p ON p.id = k.sla_policy_id"
                                 " WHERE k.ack_due_at <> k.received_at + 60 * p.ack_minutes"
                                 " OR k.resolve_due_at <> k.received_at + 60 * p.resolve_minutes"), ==, 0);

  /* The timeline starts with "received" and ends in the case's status. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM cases k WHERE (SELECT to_status FROM case_events e"
                                 " WHERE e.case_id = k.id AND e.kind = 'status' ORDER BY at, id LIMIT 1) <> 'received'"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM cases k WHERE (SELECT to_status FROM case_events e"
                                 " WHERE e.case_id = k.id AND e.kind = 'status' ORDER BY at DESC, id DESC LIMIT 1) <> k.status"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM case_events WHERE at > 1795312800"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM cases WHERE (acknowledged_at IS NULL) <> (status = 'received')"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM cases WHERE (resolved_at IS NOT NULL) <>"
                                 " (status IN ('communicated', 'return_visit', 'closed'))"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM cases WHERE (closed_at IS NOT NULL) <> (status = 'closed')"), ==, 0);

  /* Some overdue, some escalated. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM cases WHERE escalation_level > 0 AND escalated_at IS NOT NULL"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM cases WHERE status NOT IN ('communicated', 'return_visit', 'closed')"
                                 " AND resolve_due_at < 1795312800"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM cases WHERE escalation_level > 0 AND"
                                 " escalation_level <> (SELECT count(*) FROM case_events e WHERE e.case_id = cases.id AND e.kind = 'escalation')"), ==, 0);

  /* Return visits for the cases that reached one, scored per service factor when done. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM cases k WHERE (k.status IN ('return_visit', 'closed')) <>"
                                 " EXISTS (SELECT 1 FROM return_visits v WHERE v.case_id = k.id)"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM return_visits v JOIN cases k ON k.id = v.case_id"
                                 " WHERE (v.done_at IS NOT NULL) <> (k.status = 'closed')"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM return_visits v WHERE v.overall IS NOT NULL AND"
                                 " (SELECT count(*) FROM return_visit_scores s WHERE s.return_visit_id = v.id) <>"
                                 " (SELECT count(*) FROM service_factors)"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM return_visit_scores"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM cases k JOIN return_visits v ON v.case_id = k.id"
                                 " WHERE k.satisfaction IS NOT v.overall"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM lessons l JOIN cases k ON k.id = l.case_id WHERE k.status = 'closed'"),
                   >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM lessons"), <=, 7);
}

static void
test_points_never_negative (void)
{
  g_autoptr(GxStore) store = generate ("demo.sqlite", 9, 2400, NOW_NOVEMBER, FALSE);
  sqlite3 *handle = gx_db_get_handle (gx_store_get_main_reader (store));
  g_autofree char *last = NULL;
  sqlite3_stmt *stmt;
  gint64 balance = 0;
  guint n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT membership_id, points, kind, at, expires_on FROM points_ledger"
                                       " ORDER BY membership_id, at, id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *membership = (const char *) sqlite3_column_text (stmt, 0);
      const char *kind = (const char *) sqlite3_column_text (stmt, 2);

      if (g_strcmp0 (last, membership) != 0)
        {
          g_free (last);
          last = g_strdup (membership);
          balance = 0;
        }
      balance += sqlite3_column_int64 (stmt, 1);
      g_assert_cmpint (balance, >=, 0);

      /* Earnings expire at the end of the second calendar year after. */
      if (g_str_equal (kind, "earn"))
        {
          g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, 3));
          g_autofree char *want = g_strdup_printf ("%d-12-31", g_date_time_get_year (at) + 2);

          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, want);
        }
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, >, 1000);

  for (const char * const *k = (const char * const[]) { "earn", "redeem", "expire", "adjust", NULL }; *k; k++)
    g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (store), "SELECT count(*) FROM points_ledger WHERE kind = ?",
                                      g_variant_new ("(s)", *k), 0, NULL), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM points_ledger WHERE kind = 'redeem' AND reward_id IS NULL"), ==, 0);

  /* Attendees earn the activity's points when they were awarded, once. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM points_ledger p JOIN activities a ON a.id = p.source_id"
                                 " WHERE p.source_kind = 'activity'"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM points_ledger p JOIN activities a ON a.id = p.source_id"
                                 " WHERE p.source_kind = 'activity' AND (a.points_awarded_at IS NULL OR p.points <> a.points"
                                 " OR p.at < a.points_awarded_at)"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM points_ledger p JOIN memberships m ON m.id = p.membership_id"
                                 " JOIN activities a ON a.id = p.source_id WHERE p.source_kind = 'activity' AND NOT EXISTS"
                                 " (SELECT 1 FROM checkins c JOIN invitations i ON i.id = c.invitation_id"
                                 "  WHERE c.activity_id = a.id AND c.guest_id IS NULL AND i.customer_id = m.customer_id)"), ==, 0);

  /* Uses of rights stay within their yearly quota. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM right_uses"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM (SELECT u.membership_id, r.id, r.yearly_quota, count(*) AS n"
                                 " FROM right_uses u JOIN tier_rights r ON r.id = u.right_id GROUP BY 1, 2)"
                                 " WHERE yearly_quota IS NULL OR n > yearly_quota"), ==, 0);
}

static void
test_club (void)
{
  g_autoptr(GxStore) store = generate ("demo.sqlite", 3, 2400, NOW_NOVEMBER, FALSE);

  g_assert_cmpint (count (store, "SELECT count(*) FROM clubs"), ==, 2);
  g_assert_cmpint (count (store, "SELECT count(*) FROM club_tiers"), ==, 8);
  g_assert_cmpint (count (store, "SELECT count(*) FROM circles"), >=, 6);
  g_assert_cmpint (count (store, "SELECT count(*) FROM tier_rights WHERE yearly_quota IS NOT NULL"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM memberships"), >, 200);
  g_assert_cmpint (count (store, "SELECT count(*) FROM memberships m JOIN clubs c ON c.id = m.club_id"
                                 " WHERE m.member_number NOT GLOB c.number_prefix || '[0-9][0-9][0-9][0-9][0-9][0-9]'"), ==, 0);

  /* Current, in grace, lapsed, cancelled, suspended, applied. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM memberships WHERE period_end >= '2026-11-22'"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM memberships WHERE period_end BETWEEN '2026-10-23' AND '2026-11-21'"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM memberships WHERE period_end < '2026-10-23'"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM memberships WHERE cancelled_on IS NOT NULL"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM memberships WHERE suspended_reason IS NOT NULL"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM memberships WHERE joined_on IS NULL"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM memberships WHERE joined_on < applied_on OR period_start < joined_on"
                                 " OR period_end < period_start"), ==, 0);

  /* Sponsors introduced their members: a referral link too. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM memberships WHERE sponsor_id IS NOT NULL"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM memberships m WHERE sponsor_id IS NOT NULL AND NOT EXISTS"
                                 " (SELECT 1 FROM customer_links l WHERE l.kind = 'referral' AND"
                                 "  ((l.customer_id = m.sponsor_id AND l.other_id = m.customer_id) OR"
                                 "   (l.customer_id = m.customer_id AND l.other_id = m.sponsor_id)))"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM membership_log WHERE action = 'join'"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM membership_log WHERE action = 'renew'"), >, 0);

  /* RSVPs of every kind, guests turned prospects with their referral link. */
  for (const char * const *s = (const char * const[]) { "accepted", "declined", "tentative", "waitlisted", "invited", NULL }; *s; s++)
    g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (store), "SELECT count(*) FROM invitations WHERE status = ?",
                                      g_variant_new ("(s)", *s), 0, NULL), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM invitation_guests WHERE prospect_id IS NOT NULL"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM invitation_guests g JOIN invitations i ON i.id = g.invitation_id"
                                 " WHERE g.prospect_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customer_links l"
                                 "  WHERE l.kind = 'referral' AND l.customer_id = i.customer_id AND l.other_id = g.prospect_id)"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM activities a WHERE (SELECT count(*) FROM invitations i"
                                 " WHERE i.activity_id = a.id AND i.status = 'accepted') + (SELECT count(*) FROM invitation_guests g"
                                 " JOIN invitations i ON i.id = g.invitation_id WHERE i.activity_id = a.id AND i.status = 'accepted')"
                                 " > a.capacity"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM checkins c JOIN activities a ON a.id = c.activity_id"
                                 " WHERE a.status NOT IN ('held', 'evaluated')"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM activity_evaluations e JOIN activities a ON a.id = e.activity_id"
                                 " WHERE a.status <> 'evaluated' OR e.evaluated_at < a.ends_at"), ==, 0);
}

static void
check_activities (gint64      now,
                  const char *today)
{
  g_autoptr(GxStore) store = generate ("demo.sqlite", 1, SMALL, now, FALSE);
  g_autofree char *sql = NULL;

  for (const char * const *s = (const char * const[]) { "planned", "scheduled", "held", "evaluated", NULL }; *s; s++)
    g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (store), "SELECT count(*) FROM activities WHERE status = ?",
                                      g_variant_new ("(s)", *s), 0, NULL), >, 0);

  /* Planned ones have only a month; the others a time. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM activities WHERE (status = 'planned') <> (starts_at IS NULL)"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM activities WHERE planned_month IS NULL"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM activity_plans"), >=, 4);
  g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (store),
                                    "SELECT count(*) FROM activities WHERE status = 'scheduled' AND starts_at <= ?",
                                    g_variant_new ("(x)", now), 0, NULL), ==, 0);
  g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (store),
                                    "SELECT count(*) FROM activities WHERE status IN ('held', 'evaluated') AND ends_at > ?",
                                    g_variant_new ("(x)", now), 0, NULL), ==, 0);

  /* Exactly one ended within the week with its points still to award. */
  g_assert_cmpint (gx_db_query_int (gx_store_get_main_reader (store),
                                    "SELECT count(*) FROM activities WHERE status IN ('held', 'evaluated') AND points > 0"
                                    " AND points_awarded_at IS NULL AND ends_at BETWEEN ? - 7 * 86400 AND ?",
                                    g_variant_new ("(xx)", now, now), 0, NULL), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM activities WHERE points_awarded_at IS NOT NULL AND"
                                 " (points_awarded_at < ends_at OR points_awarded_at > ends_at + 7 * 86400)"), ==, 0);

  /* Nothing dated after now. */
  sql = g_strdup_printf ("SELECT (SELECT count(*) FROM points_ledger WHERE at > %1$" G_GINT64_FORMAT ")"
                         " + (SELECT count(*) FROM checkins WHERE at > %1$" G_GINT64_FORMAT ")"
                         " + (SELECT count(*) FROM invitations WHERE invited_at > %1$" G_GINT64_FORMAT
                         "    OR responded_at > %1$" G_GINT64_FORMAT ")"
                         " + (SELECT count(*) FROM contact_log WHERE at > %1$" G_GINT64_FORMAT ")"
                         " + (SELECT count(*) FROM membership_log WHERE at > %1$" G_GINT64_FORMAT ")"
                         " + (SELECT count(*) FROM right_uses WHERE used_on > '%2$s')"
                         " + (SELECT count(*) FROM memberships WHERE joined_on > '%2$s')",
                         now, today);
  g_assert_cmpint (count (store, sql), ==, 0);
}

static void
test_activities (void)
{
  check_activities (NOW_NOVEMBER, "2026-11-22");
  check_activities (NOW_JUNE, "2026-06-10");
}

static void
test_foreign_keys (void)
{
  g_autoptr(GxStore) store = generate ("demo.sqlite", 13, SMALL, NOW_JUNE, FALSE);
  g_autofree char *integrity = gx_db_query_string (gx_store_get_main_reader (store), "PRAGMA integrity_check", NULL, NULL);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (gx_db_get_handle (gx_store_get_main_reader (store)),
                                       "PRAGMA foreign_key_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpstr (integrity, ==, "ok");

  /* Every table the generator is meant to fill has rows. */
  for (const char * const *t = (const char * const[]) {
         "users", "customers", "customer_contacts", "customer_interests", "customer_links",
         "contact_log", "change_log", "access_log", "cases", "case_events", "return_visits",
         "return_visit_scores", "lessons", "clubs", "circles", "club_tiers", "tier_rights",
         "memberships", "membership_circles", "membership_log", "right_uses", "rewards",
         "points_ledger", "activity_plans", "activities", "activity_staff", "invitations",
         "invitation_guests", "checkins", "activity_evaluations", "sync_state", NULL };
       *t != NULL; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", *t);
      if (count (store, sql) == 0)
        g_test_message ("empty: %s", *t);
      g_assert_cmpint (count (store, sql), >, 0);
    }
}

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, <=, total);
  calls[0]++;
  calls[1] = done;
}

static void
test_customers_only (void)
{
  g_autofree char *path = g_build_filename (make_test_dir (), "bench.sqlite", NULL);
  g_autoptr(GxClock) clock = gx_clock_new_fixed (NOW_NOVEMBER);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = NULL;
  guint calls[2] = { 0, 0 };
  GxDemoOptions options = {
    .seed = 1,
    .n_customers = 20000,
    .clock = clock,
    .customers_only = TRUE,
    .progress = on_progress,
    .progress_data = calls,
  };

  store = gx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (gx_demo_generate (store, &options, NULL, &error));
  g_assert_no_error (error);

  /* Batches, with progress between them up to the total. */
  g_assert_cmpuint (calls[0], >, 1);
  g_assert_cmpuint (calls[1], ==, 20000);

  g_assert_cmpint (count (store, "SELECT count(*) FROM customers"), ==, 20000);
  g_assert_cmpint (count (store, "SELECT count(*) FROM users"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM customers c WHERE (SELECT count(*) FROM customer_contacts k"
                                 " WHERE k.customer_id = c.id) NOT BETWEEN 1 AND 2"), ==, 0);
  g_assert_cmpint (count (store, "SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM memberships)"
                                 " + (SELECT count(*) FROM activities) + (SELECT count(*) FROM contact_log)"
                                 " + (SELECT count(*) FROM customer_links)"), ==, 0);

  /* Ids in creation order, so the primary-key index is appended to. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM (SELECT id, lag (id) OVER (ORDER BY rowid) AS previous FROM customers)"
                                 " WHERE previous >= id"), ==, 0);

  /* Not into a store that has data. */
  g_assert_false (gx_demo_generate (store, &options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
}

static void
test_cancelled (void)
{
  g_autofree char *path = g_build_filename (make_test_dir (), "cancelled.sqlite", NULL);
  g_autoptr(GxClock) clock = gx_clock_new_fixed (NOW_NOVEMBER);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = NULL;
  GxDemoOptions options = { .seed = 1, .n_customers = 100, .clock = clock };

  store = gx_store_open (path, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (gx_demo_generate (store, &options, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count (store, "SELECT count(*) FROM customers"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/demo/deterministic", test_deterministic);
  g_test_add_func ("/core/demo/customers", test_customers);
  g_test_add_func ("/core/demo/valid-phones-and-ids", test_valid_phones_and_ids);
  g_test_add_func ("/core/demo/every-case-status", test_every_case_status);
  g_test_add_func ("/core/demo/points-never-negative", test_points_never_negative);
  g_test_add_func ("/core/demo/club", test_club);
  g_test_add_func ("/core/demo/activities", test_activities);
  g_test_add_func ("/core/demo/foreign-keys", test_foreign_keys);
  g_test_add_func ("/core/demo/customers-only", test_customers_only);
  g_test_add_func ("/core/demo/cancelled", test_cancelled);

  return g_test_run ();
}
