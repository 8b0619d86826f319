/* test-server-activities.c: the activity rules hold on the server — two desks that each
 * thought the last place was theirs, a check-in without an invitation, points before the end
 * or twice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gx-test-server.h"
#include "gx-uuid.h"

#define PASSWORD "password-1"
#define NOW 1795312800          /* 2026-11-22 10:00 Beijing */
#define DAY (24 * 3600)

enum { DESK_A, DESK_B, COUNTER, N_USERS };

typedef struct
{
  GxTestServer *server;
  char         *token[N_USERS];
  char         *user_id[N_USERS];
  char         *club_id;
  char         *activity_id;
  char         *customer[2];
  char         *membership[2];
  char         *invitation[2];
  GHashTable   *versions;       /* id → the version its insert got */
} Fixture;

/* Pushes one mutation based on the version the record got when it was made. */
static JsonObject *
push (Fixture    *fixture,
      int         who,
      const char *kind,
      const char *id,
      const char *op,
      const char *fields)
{
  gint64 base = GPOINTER_TO_SIZE (g_hash_table_lookup (fixture->versions, id));
  g_autofree char *mutation_id = gx_uuid_v7_new ();
  g_autofree char *body = g_strdup_printf ("{\"desk_id\":\"desk-%d\",\"mutations\":[{\"mutation_id\":\"%s\",\"kind\":\"%s\","
                                           "\"id\":\"%s\",\"op\":\"%s\",\"base_version\":%" G_GINT64_FORMAT ",\"fields\":%s}]}",
                                           who, mutation_id, kind, id, op, base, fields ? fields : "null");
  g_autoptr(JsonNode) answer = NULL;
  JsonArray *results;

  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/push", fixture->token[who], body, &answer), ==, 200);
  results = json_object_get_array_member (json_node_get_object (answer), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  return json_object_ref (json_array_get_object_element (results, 0));
}

static void
assert_applied (JsonObject *result)
{
  if (g_strcmp0 (json_object_get_string_member (result, "status"), "applied") != 0)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), result);
      g_autofree char *text = json_to_string (node, TRUE);
      g_error ("not applied: %s", text);
    }
}

static char *
insert (Fixture    *fixture,
        int         who,
        const char *kind,
        const char *fields)
{
  char *id = gx_uuid_v7_new ();
  g_autoptr(JsonObject) result = push (fixture, who, kind, id, "insert", fields);

  assert_applied (result);
  g_hash_table_insert (fixture->versions, g_strdup (id),
                       GSIZE_TO_POINTER ((gsize) json_object_get_int_member (result, "version")));
  return id;
}

/* The rule's answer: rejected, naming the field, saying why. */
static void
assert_rejected (JsonObject *result,
                 const char *field,
                 const char *words)
{
  JsonObject *problem;

  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "rejected");
  problem = json_object_get_object_member (result, "problem");
  g_assert_cmpstr (json_object_get_string_member (problem, "field"), ==, field);
  if (strstr (json_object_get_string_member (problem, "detail"), words) == NULL)
    g_error ("the server said “%s”, not “%s”", json_object_get_string_member (problem, "detail"), words);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *names[] = { "desk-a", "desk-b", "counter" };
  static const char *roles[] = { "supervisor", "supervisor", "desk" };
  g_autofree char *fields = NULL;
  g_autofree char *tier = NULL;

  fixture->versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture->server = gx_test_server_new (gx_test_make_dir ());
  for (guint i = 0; i < N_USERS; i++)
    gx_test_server_add_user (fixture->server, names[i], roles[i], PASSWORD, "east");
  gx_test_server_start (fixture->server);
  for (guint i = 0; i < N_USERS; i++)
    fixture->token[i] = gx_test_login (fixture->server, names[i], PASSWORD, &fixture->user_id[i]);

  fixture->club_id = insert (fixture, DESK_A, "club", "{\"name\":\"私人银行客户会\",\"created_at\":1795312800}");
  fields = g_strdup_printf ("{\"club_id\":\"%s\",\"code\":\"gold\",\"name\":\"金卡\",\"rank\":2}", fixture->club_id);
  tier = insert (fixture, DESK_A, "club_tier", fields);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *customer = g_strdup_printf ("{\"number\":\"C%u\",\"name\":\"%s\",\"created_at\":%d,\"updated_at\":%d}",
                                                   i + 1, i == 0 ? "王伟" : "李娜", NOW, NOW);
      g_autofree char *membership = NULL;

      fixture->customer[i] = insert (fixture, DESK_A, "customer", customer);
      membership = g_strdup_printf ("{\"club_id\":\"%s\",\"customer_id\":\"%s\",\"member_number\":\"M%u\",\"tier_id\":\"%s\","
                                    "\"applied_on\":\"2025-01-02\",\"joined_on\":\"2025-01-05\",\"period_start\":\"2026-01-05\","
                                    "\"period_end\":\"2027-01-04\",\"created_at\":%d,\"updated_at\":%d}",
                                    fixture->club_id, fixture->customer[i], i + 1, tier, NOW, NOW);
      fixture->membership[i] = insert (fixture, DESK_A, "membership", membership);
    }

  /* A golf day next week, one place left for the two of them. */
  g_free (fields);
  fields = g_strdup_printf ("{\"title\":\"高尔夫邀请赛\",\"club_id\":\"%s\",\"starts_at\":%d,\"ends_at\":%d,"
                            "\"capacity\":1,\"points\":200,\"status\":\"scheduled\",\"created_at\":%d,\"updated_at\":%d}",
                            fixture->club_id, NOW + 7 * DAY, NOW + 7 * DAY + 8 * 3600, NOW, NOW);
  fixture->activity_id = insert (fixture, DESK_A, "activity", fields);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *invitation = g_strdup_printf ("{\"activity_id\":\"%s\",\"customer_id\":\"%s\",\"status\":\"invited\","
                                                     "\"code\":\"CODE000%u\",\"invited_at\":%d}",
                                                     fixture->activity_id, fixture->customer[i], i, NOW);
      fixture->invitation[i] = insert (fixture, DESK_A, "invitation", invitation);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gx_test_server_free (fixture->server);
  for (guint i = 0; i < N_USERS; i++)
    {
      g_free (fixture->token[i]);
      g_free (fixture->user_id[i]);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_free (fixture->customer[i]);
      g_free (fixture->membership[i]);
      g_free (fixture->invitation[i]);
    }
  g_free (fixture->club_id);
  g_free (fixture->activity_id);
  g_hash_table_unref (fixture->versions);
}

static void
test_last_place_taken_once (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) waitlisted = NULL;
  g_autoptr(JsonObject) overridden = NULL;
  g_autofree char *accept = g_strdup_printf ("{\"status\":\"accepted\",\"responded_at\":%d}", NOW + 60);
  g_autofree char *wait = g_strdup_printf ("{\"status\":\"waitlisted\",\"responded_at\":%d,\"waitlisted_at\":%d}", NOW + 90, NOW + 90);

  /* Both desks were offline and each saw one free place. The first push takes it… */
  first = push (fixture, DESK_A, "invitation", fixture->invitation[0], "update", accept);
  assert_applied (first);

  /* …the second is refused by the same rule the desk runs, naming the field and why. */
  second = push (fixture, DESK_B, "invitation", fixture->invitation[1], "update", accept);
  assert_rejected (second, "status", "full");

  /* The waitlist is open, and an override with a reason is recorded as such. */
  waitlisted = push (fixture, DESK_B, "invitation", fixture->invitation[1], "update", wait);
  assert_applied (waitlisted);
  overridden = push (fixture, DESK_B, "invitation", fixture->invitation[1], "update",
                     "{\"status\":\"accepted\",\"override_note\":\"行长特邀\",\"responded_at\":1795312900,\"waitlisted_at\":null}");
  assert_applied (overridden);
}

static void
test_check_in_needs_an_invitation (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *id = gx_uuid_v7_new ();
  g_autofree char *second_id = gx_uuid_v7_new ();
  g_autofree char *nobody = g_strdup_printf ("{\"activity_id\":\"%s\",\"walk_in_name\":\" \",\"at\":%d}",
                                             fixture->activity_id, NOW + 7 * DAY);
  g_autofree char *invitee = g_strdup_printf ("{\"activity_id\":\"%s\",\"invitation_id\":\"%s\",\"at\":%d}",
                                              fixture->activity_id, fixture->invitation[0], NOW + 7 * DAY);
  g_autoptr(JsonObject) refused = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) again = NULL;

  refused = push (fixture, DESK_A, "checkin", id, "insert", nobody);
  assert_rejected (refused, "invitation_id", "invitation");

  /* Two desks at the door check the same member in offline: the second is refused. */
  first = push (fixture, DESK_A, "checkin", id, "insert", invitee);
  assert_applied (first);
  again = push (fixture, DESK_B, "checkin", second_id, "insert", invitee);
  assert_rejected (again, "invitation_id", "checked in already");
}

static void
test_points_only_after_the_end (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *checkin = g_strdup_printf ("{\"activity_id\":\"%s\",\"invitation_id\":\"%s\",\"at\":%d}",
                                              fixture->activity_id, fixture->invitation[0], NOW + 7 * DAY);
  g_autofree char *early = g_strdup_printf ("{\"membership_id\":\"%s\",\"at\":%d,\"kind\":\"earn\",\"points\":200,"
                                            "\"source_kind\":\"activity\",\"source_id\":\"%s\",\"expires_on\":\"2027-12-31\"}",
                                            fixture->membership[0], NOW + 7 * DAY + 3600, fixture->activity_id);
  g_autofree char *in_time = g_strdup_printf ("{\"membership_id\":\"%s\",\"at\":%d,\"kind\":\"earn\",\"points\":200,"
                                              "\"source_kind\":\"activity\",\"source_id\":\"%s\",\"expires_on\":\"2027-12-31\"}",
                                              fixture->membership[0], NOW + 9 * DAY, fixture->activity_id);
  g_autofree char *absent = g_strdup_printf ("{\"membership_id\":\"%s\",\"at\":%d,\"kind\":\"earn\",\"points\":200,"
                                             "\"source_kind\":\"activity\",\"source_id\":\"%s\",\"expires_on\":\"2027-12-31\"}",
                                             fixture->membership[1], NOW + 9 * DAY, fixture->activity_id);
  g_autofree char *entry = gx_uuid_v7_new ();
  g_autofree char *checkin_id = gx_uuid_v7_new ();
  g_autofree char *other_entry = gx_uuid_v7_new ();
  g_autofree char *second_entry = gx_uuid_v7_new ();
  g_autofree char *late_end = g_strdup_printf ("{\"ends_at\":%d}", NOW + 6 * DAY);
  g_autoptr(JsonObject) checked = NULL;
  g_autoptr(JsonObject) refused = NULL;
  g_autoptr(JsonObject) awarded = NULL;
  g_autoptr(JsonObject) not_there = NULL;
  g_autoptr(JsonObject) twice = NULL;
  g_autoptr(JsonObject) backwards = NULL;

  checked = push (fixture, DESK_A, "checkin", checkin_id, "insert", checkin);
  assert_applied (checked);

  /* Points pushed while the activity is still going on: refused. */
  refused = push (fixture, DESK_A, "points_entry", entry, "insert", early);
  assert_rejected (refused, "at", "after it has ended");

  /* After the end, for the member who came: applied. For one who did not: refused. */
  awarded = push (fixture, DESK_A, "points_entry", entry, "insert", in_time);
  assert_applied (awarded);
  not_there = push (fixture, DESK_B, "points_entry", other_entry, "insert", absent);
  assert_rejected (not_there, "membership_id", "checked in");

  /* The other desk awarded the same points offline: refused, the member is credited once. */
  twice = push (fixture, DESK_B, "points_entry", second_entry, "insert", in_time);
  assert_rejected (twice, "source_id", "awarded to the member already");

  /* And no activity ends before it starts. */
  backwards = push (fixture, DESK_B, "activity", fixture->activity_id, "update", late_end);
  assert_rejected (backwards, "ends_at", "cannot end before it starts");
}

/* Whether @who's change feed carries the record. */
static gboolean
feed_has (Fixture    *fixture,
          int         who,
          const char *kind,
          const char *id)
{
  g_autoptr(JsonNode) answer = NULL;
  JsonArray *changes;

  g_assert_cmpuint (gx_test_http (fixture->server, "GET", "/api/v1/changes?since=0&limit=1000", fixture->token[who], NULL, &answer),
                    ==, 200);
  changes = json_object_get_array_member (json_node_get_object (answer), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *entry = json_array_get_object_element (changes, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "kind"), kind) == 0 &&
          g_strcmp0 (json_object_get_string_member (entry, "id"), id) == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (entry, "op", ""), "remove") != 0)
        return TRUE;
    }
  return FALSE;
}

/* Satisfaction answers pushed from a desk: 1 to 5, only for someone who came, once per
 * attendance, and seen only by those who may see the attendee. */
static void
test_answers_from_attendees (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *checkin = g_strdup_printf ("{\"activity_id\":\"%s\",\"invitation_id\":\"%s\",\"at\":%d}",
                                              fixture->activity_id, fixture->invitation[0], NOW + 7 * DAY);
  g_autofree char *checkin_id = insert (fixture, DESK_A, "checkin", checkin);
  g_autofree char *nobody_id = gx_uuid_v7_new ();
  g_autofree char *answer_id = gx_uuid_v7_new ();
  g_autofree char *second_id = gx_uuid_v7_new ();
  g_autofree char *too_high = g_strdup_printf ("{\"activity_id\":\"%s\",\"checkin_id\":\"%s\",\"score\":6,\"answered_at\":%d}",
                                               fixture->activity_id, checkin_id, NOW + 8 * DAY);
  g_autofree char *absent = g_strdup_printf ("{\"activity_id\":\"%s\",\"checkin_id\":\"%s\",\"score\":4,\"answered_at\":%d}",
                                             fixture->activity_id, nobody_id, NOW + 8 * DAY);
  g_autofree char *good = g_strdup_printf ("{\"activity_id\":\"%s\",\"checkin_id\":\"%s\",\"score\":4,\"comment\":\"很好\","
                                           "\"answered_at\":%d,\"user_id\":\"%s\"}",
                                           fixture->activity_id, checkin_id, NOW + 8 * DAY, fixture->user_id[DESK_A]);
  g_autofree char *again = g_strdup_printf ("{\"activity_id\":\"%s\",\"checkin_id\":\"%s\",\"score\":2,\"answered_at\":%d}",
                                            fixture->activity_id, checkin_id, NOW + 8 * DAY);
  g_autoptr(JsonObject) refused_score = NULL;
  g_autoptr(JsonObject) refused_absent = NULL;
  g_autoptr(JsonObject) applied = NULL;
  g_autoptr(JsonObject) twice = NULL;
  g_autoptr(JsonObject) secret = NULL;

  refused_score = push (fixture, DESK_A, "activity_answer", answer_id, "insert", too_high);
  assert_rejected (refused_score, "score", "1 to 5");
  refused_absent = push (fixture, DESK_A, "activity_answer", answer_id, "insert", absent);
  assert_rejected (refused_absent, "checkin_id", "people who came");

  applied = push (fixture, DESK_A, "activity_answer", answer_id, "insert", good);
  assert_applied (applied);

  /* The other desk typed an answer for the same attendee offline: refused, one answer each. */
  twice = push (fixture, DESK_B, "activity_answer", second_id, "insert", again);
  assert_rejected (twice, "checkin_id", "answered already");

  /* The answer follows the attendee's visibility: the counter sees it while the customer is
   * ordinary, and not once the profile is confidential. */
  g_assert_true (feed_has (fixture, COUNTER, "activity_answer", answer_id));
  g_assert_true (feed_has (fixture, DESK_B, "activity_answer", answer_id));
  secret = push (fixture, DESK_A, "customer", fixture->customer[0], "update", "{\"confidentiality\":\"secret\"}");
  assert_applied (secret);
  g_assert_false (feed_has (fixture, COUNTER, "activity_answer", answer_id));
  g_assert_true (feed_has (fixture, DESK_B, "activity_answer", answer_id));
}

/* Co-hosts pushed from a desk: an organisation of the archive or another club, once, by
 * those who plan; a confidential organisation's link reaches only those who may see it. */
static void
test_partners_from_desks (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *org_fields = g_strdup_printf ("{\"number\":\"C9\",\"name\":\"上海市高尔夫球协会\",\"kind\":\"government\","
                                                 "\"industry\":\"体育\",\"created_at\":%d,\"updated_at\":%d}", NOW, NOW);
  g_autofree char *org = insert (fixture, DESK_A, "customer", org_fields);
  g_autofree char *person = g_strdup_printf ("{\"activity_id\":\"%s\",\"customer_id\":\"%s\",\"added_at\":%d}",
                                             fixture->activity_id, fixture->customer[0], NOW);
  g_autofree char *linked = g_strdup_printf ("{\"activity_id\":\"%s\",\"customer_id\":\"%s\",\"added_at\":%d}",
                                             fixture->activity_id, org, NOW);
  g_autofree char *own_club = g_strdup_printf ("{\"activity_id\":\"%s\",\"club_id\":\"%s\",\"added_at\":%d}",
                                               fixture->activity_id, fixture->club_id, NOW);
  g_autofree char *id = gx_uuid_v7_new ();
  g_autofree char *second_id = gx_uuid_v7_new ();
  g_autofree char *counter_id = gx_uuid_v7_new ();
  g_autoptr(JsonObject) refused_person = NULL;
  g_autoptr(JsonObject) refused_club = NULL;
  g_autoptr(JsonObject) counter = NULL;
  g_autoptr(JsonObject) applied = NULL;
  g_autoptr(JsonObject) twice = NULL;
  g_autoptr(JsonObject) secret = NULL;

  refused_person = push (fixture, DESK_A, "activity_partner", id, "insert", person);
  assert_rejected (refused_person, "customer_id", "organisation");
  refused_club = push (fixture, DESK_A, "activity_partner", id, "insert", own_club);
  assert_rejected (refused_club, "club_id", "own club");

  /* Planning is not the counter's. */
  counter = push (fixture, COUNTER, "activity_partner", counter_id, "insert", linked);
  g_assert_cmpstr (json_object_get_string_member (counter, "status"), ==, "rejected");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (counter, "problem"), "status"), ==, 403);

  applied = push (fixture, DESK_A, "activity_partner", id, "insert", linked);
  assert_applied (applied);
  twice = push (fixture, DESK_B, "activity_partner", second_id, "insert", linked);
  assert_rejected (twice, "customer_id", "co-host already");

  g_assert_true (feed_has (fixture, COUNTER, "activity_partner", id));
  secret = push (fixture, DESK_A, "customer", org, "update", "{\"confidentiality\":\"secret\"}");
  assert_applied (secret);
  g_assert_false (feed_has (fixture, COUNTER, "activity_partner", id));
  g_assert_true (feed_has (fixture, DESK_B, "activity_partner", id));
}

/* A customer manager at the counter may save a customer filter, but not make it an activity's
 * target group: planning is the relationship managers' and supervisors', whatever a desk
 * sends. */
static void
test_saved_filter_target_group (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *filter = insert (fixture, COUNTER, "customer_filter",
                                    "{\"name\":\"金卡会员\",\"filter\":\"club_members=1\",\"created_at\":1795312800}");
  g_autofree char *target = g_strdup_printf ("{\"target_filter_id\":\"%s\"}", filter);
  g_autofree char *nowhere = g_strdup_printf ("{\"target_filter_id\":\"%s\"}", fixture->club_id);
  g_autoptr(JsonObject) counter = NULL;
  g_autoptr(JsonObject) planner = NULL;
  g_autoptr(JsonObject) dangling = NULL;

  counter = push (fixture, COUNTER, "activity", fixture->activity_id, "update", target);
  g_assert_cmpstr (json_object_get_string_member (counter, "status"), ==, "rejected");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (counter, "problem"), "status"), ==, 403);

  /* A target group that is no saved filter is refused, the field named. */
  dangling = push (fixture, DESK_B, "activity", fixture->activity_id, "update", nowhere);
  assert_rejected (dangling, "target_filter_id", "no longer exists");

  planner = push (fixture, DESK_A, "activity", fixture->activity_id, "update", target);
  assert_applied (planner);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/server/activities/last-place-taken-once", Fixture, NULL, fixture_set_up,
              test_last_place_taken_once, fixture_tear_down);
  g_test_add ("/server/activities/check-in-needs-an-invitation", Fixture, NULL, fixture_set_up,
              test_check_in_needs_an_invitation, fixture_tear_down);
  g_test_add ("/server/activities/points-only-after-the-end", Fixture, NULL, fixture_set_up,
              test_points_only_after_the_end, fixture_tear_down);
  g_test_add ("/server/activities/answers-from-attendees", Fixture, NULL, fixture_set_up,
              test_answers_from_attendees, fixture_tear_down);
  g_test_add ("/server/activities/partners-from-desks", Fixture, NULL, fixture_set_up,
              test_partners_from_desks, fixture_tear_down);
  g_test_add ("/server/activities/saved-filter-target-group", Fixture, NULL, fixture_set_up,
              test_saved_filter_target_group, fixture_tear_down);

  return g_test_run ();
}
