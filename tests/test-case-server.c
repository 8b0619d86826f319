/* test-case-server.c: the complaint flow holds on the server — pushed changes that skip the
 * flow, forge a sign-off or bypass the four-eyes rule are refused by a real guanxi-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gx-test-server.h"
#include "gx-uuid.h"

#define PASSWORD "password-1"
#define T0 G_GINT64_CONSTANT (1795312800)

enum { DESK1, SUP, SUP2, N_USERS };

static const struct {
  const char *name;
  const char *role;
} staff[N_USERS] = {
  { "desk1", "desk" },
  { "sup", "supervisor" },
  { "sup2", "supervisor" },
};

typedef struct
{
  GxTestServer *server;
  char         *token[N_USERS];
  char         *user_id[N_USERS];
  char         *customer_id;
  char         *case_id;
  gint64        case_version;
  gint64        at;
} Fixture;

/* Pushes one mutation and returns its result. */
static JsonObject *
push (Fixture    *fixture,
      int         who,
      const char *kind,
      const char *id,
      const char *op,
      gint64      base_version,
      const char *fields)
{
  g_autofree char *mutation_id = gx_uuid_v7_new ();
  g_autofree char *body = g_strdup_printf ("{\"desk_id\":\"desk-%d\",\"mutations\":[{\"mutation_id\":\"%s\",\"kind\":\"%s\","
                                           "\"id\":\"%s\",\"op\":\"%s\",\"base_version\":%" G_GINT64_FORMAT ",\"fields\":%s}]}",
                                           who, mutation_id, kind, id, op, base_version, fields ? fields : "null");
  g_autoptr(JsonNode) answer = NULL;
  JsonArray *results;

  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/push", fixture->token[who], body, &answer), ==, 200);
  results = json_object_get_array_member (json_node_get_object (answer), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  return json_object_ref (json_array_get_object_element (results, 0));
}

static gint64
applied (JsonObject *result)
{
  if (g_strcmp0 (json_object_get_string_member (result, "status"), "applied") != 0)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), result);
      g_autofree char *text = json_to_string (node, TRUE);
      g_error ("not applied: %s", text);
    }
  return json_object_get_int_member (result, "version");
}

/* A refusal for good, naming @field. */
static void
assert_rejected (JsonObject *result,
                 const char *field)
{
  JsonObject *problem;

  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "rejected");
  problem = json_object_get_object_member (result, "problem");
  g_assert_nonnull (problem);
  g_test_message ("refused: %s", json_object_get_string_member_with_default (problem, "detail", ""));
  g_assert_cmpstr (json_object_get_string_member_with_default (problem, "field", NULL), ==, field);
}

static void
update_case (Fixture    *fixture,
             int         who,
             const char *fields)
{
  g_autoptr(JsonObject) result = push (fixture, who, "case", fixture->case_id, "update", fixture->case_version, fields);

  fixture->case_version = applied (result);
}

static JsonObject *
push_event (Fixture    *fixture,
            int         who,
            const char *user_id,
            const char *kind,
            const char *from,
            const char *to,
            const char *extra)
{
  g_autofree char *id = gx_uuid_v7_new ();
  g_autofree char *fields = NULL;

  fixture->at += 60;
  fields = g_strdup_printf ("{\"case_id\":\"%s\",\"at\":%" G_GINT64_FORMAT ",\"user_id\":\"%s\",\"kind\":\"%s\","
                            "\"from_status\":%s%s%s,\"to_status\":%s%s%s%s}",
                            fixture->case_id, fixture->at, user_id, kind,
                            from ? "\"" : "", from ? from : "null", from ? "\"" : "",
                            to ? "\"" : "", to ? to : "null", to ? "\"" : "", extra ? extra : "");
  return push (fixture, who, "case_event", id, "insert", 0, fields);
}

/* A legal move, the way a desk pushes it: its timeline entry, then the case. */
static void
move (Fixture    *fixture,
      int         who,
      const char *from,
      const char *to,
      const char *extra_case_fields)
{
  g_autoptr(JsonObject) event = push_event (fixture, who, fixture->user_id[who], "status", from, to, NULL);
  g_autofree char *fields = g_strdup_printf ("{\"status\":\"%s\",\"updated_at\":%" G_GINT64_FORMAT "%s}",
                                             to, fixture->at, extra_case_fields ? extra_case_fields : "");

  applied (event);
  update_case (fixture, who, fields);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *customer = NULL;
  g_autofree char *kase = NULL;
  g_autoptr(JsonObject) result = NULL;

  fixture->server = gx_test_server_new (gx_test_make_dir ());
  for (guint i = 0; i < N_USERS; i++)
    gx_test_server_add_user (fixture->server, staff[i].name, staff[i].role, PASSWORD, "east");
  gx_test_server_start (fixture->server);
  for (guint i = 0; i < N_USERS; i++)
    fixture->token[i] = gx_test_login (fixture->server, staff[i].name, PASSWORD, &fixture->user_id[i]);

  /* 李娜 at the desk registers a complaint, with its receipt in the timeline. */
  fixture->at = T0;
  fixture->customer_id = gx_uuid_v7_new ();
  customer = g_strdup_printf ("{\"number\":\"C00000001\",\"name\":\"曾伟\",\"created_at\":%" G_GINT64_FORMAT
                              ",\"updated_at\":%" G_GINT64_FORMAT "}", T0, T0);
  g_clear_pointer (&result, json_object_unref);
  result = push (fixture, DESK1, "customer", fixture->customer_id, "insert", 0, customer);
  applied (result);

  fixture->case_id = gx_uuid_v7_new ();
  kase = g_strdup_printf ("{\"number\":\"TS20261122-7K4QD\",\"customer_id\":\"%s\",\"channel\":\"hotline\","
                          "\"subject\":\"Bill too high\",\"description\":\"The gas bill doubled.\",\"severity\":\"high\","
                          "\"sla_policy_id\":\"high\",\"first_responder_id\":\"%s\",\"assignee_id\":\"%s\","
                          "\"received_at\":%" G_GINT64_FORMAT ",\"created_at\":%" G_GINT64_FORMAT ",\"updated_at\":%" G_GINT64_FORMAT "}",
                          fixture->customer_id, fixture->user_id[DESK1], fixture->user_id[DESK1], T0, T0, T0);
  g_clear_pointer (&result, json_object_unref);
  result = push (fixture, DESK1, "case", fixture->case_id, "insert", 0, kase);
  fixture->case_version = applied (result);
  g_clear_pointer (&result, json_object_unref);
  result = push_event (fixture, DESK1, fixture->user_id[DESK1], "status", NULL, "received", NULL);
  applied (result);
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
  g_free (fixture->customer_id);
  g_free (fixture->case_id);
}

/* A desk that skips the flow, or changes the status without its timeline entry, is refused
 * for good; the case stays as it was. */
static void
test_flow_enforced (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) closing = NULL;
  g_autoptr(JsonObject) skip = NULL;
  g_autoptr(JsonObject) stale = NULL;
  g_autoptr(JsonObject) number = NULL;
  g_autoptr(JsonObject) deletion = NULL;
  g_autofree char *fields = g_strdup_printf ("{\"status\":\"closed\",\"closed_at\":%" G_GINT64_FORMAT "}", T0 + 600);

  closing = push (fixture, DESK1, "case", fixture->case_id, "update", fixture->case_version, fields);
  assert_rejected (closing, "status");

  skip = push_event (fixture, DESK1, fixture->user_id[DESK1], "status", "received", "closed", NULL);
  assert_rejected (skip, "to_status");

  stale = push_event (fixture, DESK1, fixture->user_id[DESK1], "status", "investigating", "waiting_customer",
                      ",\"note\":\"asked for the meter photo\"");
  assert_rejected (stale, "from_status");

  number = push (fixture, DESK1, "case", fixture->case_id, "update", fixture->case_version, "{\"number\":\"TS0\"}");
  assert_rejected (number, "number");

  deletion = push (fixture, DESK1, "case", fixture->case_id, "delete", fixture->case_version, NULL);
  g_assert_cmpstr (json_object_get_string_member (deletion, "status"), ==, "rejected");

  /* The legal move goes through. */
  move (fixture, DESK1, "received", "acknowledged", NULL);
  move (fixture, DESK1, "acknowledged", "assessed", NULL);
  move (fixture, DESK1, "assessed", "investigating", NULL);
}

/* The sign-off a high case needs: never the desk's, never forged, never the submitter's. */
static void
test_review_needs_another_supervisor (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(JsonObject) desk_review = NULL;
  g_autoptr(JsonObject) forged = NULL;
  g_autoptr(JsonObject) early = NULL;
  g_autoptr(JsonObject) signoff = NULL;
  g_autoptr(JsonObject) approval = NULL;
  g_autofree char *communicate = NULL;
  g_autofree char *fake = NULL;
  g_autofree char *real = NULL;

  move (fixture, DESK1, "received", "acknowledged", NULL);
  move (fixture, DESK1, "acknowledged", "assessed", NULL);
  move (fixture, DESK1, "assessed", "investigating", NULL);
  update_case (fixture, DESK1, "{\"resolution\":\"Meter re-read, 200 yuan refunded\"}");
  move (fixture, DESK1, "investigating", "response_drafted", NULL);

  /* High cases need a sign-off: communicating straight from the draft is refused, the
   * timeline entry as well as the case's change. */
  early = push_event (fixture, DESK1, fixture->user_id[DESK1], "status", "response_drafted", "communicated", NULL);
  assert_rejected (early, "status");
  communicate = g_strdup_printf ("{\"status\":\"communicated\",\"communicated_via\":\"phone\",\"resolved_at\":%" G_GINT64_FORMAT "}",
                                 fixture->at);
  {
    g_autoptr(JsonObject) refused = push (fixture, DESK1, "case", fixture->case_id, "update", fixture->case_version, communicate);
    assert_rejected (refused, "status");
  }
  move (fixture, DESK1, "response_drafted", "in_review", NULL);

  /* The desk cannot approve, under its own name or a supervisor's. */
  desk_review = push_event (fixture, DESK1, fixture->user_id[DESK1], "review", NULL, NULL, ",\"decision\":\"approved\"");
  assert_rejected (desk_review, "user_id");
  forged = push_event (fixture, DESK1, fixture->user_id[SUP], "review", NULL, NULL, ",\"decision\":\"approved\"");
  assert_rejected (forged, "user_id");

  /* Nor communicate before the sign-off, nor set the sign-off without the approval. */
  {
    g_autoptr(JsonObject) unsigned_ = push_event (fixture, DESK1, fixture->user_id[DESK1], "status", "in_review",
                                                  "communicated", NULL);
    assert_rejected (unsigned_, "status");
  }
  fake = g_strdup_printf ("{\"reviewed_by\":\"%s\",\"reviewed_at\":%" G_GINT64_FORMAT "}", fixture->user_id[SUP], fixture->at);
  signoff = push (fixture, DESK1, "case", fixture->case_id, "update", fixture->case_version, fake);
  assert_rejected (signoff, "reviewed_by");

  /* A supervisor approves; the sign-off is recorded; the decision can go out. */
  approval = push_event (fixture, SUP, fixture->user_id[SUP], "review", NULL, NULL, ",\"decision\":\"approved\",\"score\":4");
  applied (approval);
  real = g_strdup_printf ("{\"reviewed_by\":\"%s\",\"reviewed_at\":%" G_GINT64_FORMAT ",\"quality_score\":4}",
                          fixture->user_id[SUP], fixture->at);
  update_case (fixture, SUP, real);
  move (fixture, DESK1, "in_review", "communicated", ",\"communicated_via\":\"phone\"");
}

/* A supervisor who submitted the response may not approve it (four eyes). */
static void
test_four_eyes (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonObject) own = NULL;
  g_autoptr(JsonObject) other = NULL;

  move (fixture, SUP, "received", "acknowledged", NULL);
  move (fixture, SUP, "acknowledged", "assessed", NULL);
  move (fixture, SUP, "assessed", "investigating", NULL);
  update_case (fixture, SUP, "{\"resolution\":\"Apology and refund\"}");
  move (fixture, SUP, "investigating", "response_drafted", NULL);
  move (fixture, SUP, "response_drafted", "in_review", NULL);

  own = push_event (fixture, SUP, fixture->user_id[SUP], "review", NULL, NULL, ",\"decision\":\"approved\"");
  assert_rejected (own, "user_id");
  other = push_event (fixture, SUP2, fixture->user_id[SUP2], "review", NULL, NULL, ",\"decision\":\"approved\"");
  applied (other);
}

/* The category list on the server: a desk may not add to it; a supervisor may, but not a
 * name another category reads as, nor delete one a case carries. */
static void
test_categories (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *id = gx_uuid_v7_new ();
  g_autoptr(JsonObject) by_desk = NULL;
  g_autoptr(JsonObject) added = NULL;
  g_autoptr(JsonObject) same_name = NULL;
  g_autoptr(JsonObject) deletion = NULL;
  g_autoptr(JsonObject) unused = NULL;

  by_desk = push (fixture, DESK1, "case_category", id, "insert", 0, "{\"name\":\"网点环境\",\"position\":8}");
  g_assert_cmpstr (json_object_get_string_member (by_desk, "status"), ==, "rejected");

  added = push (fixture, SUP, "case_category", id, "insert", 0, "{\"name\":\"网点环境\",\"position\":8}");
  applied (added);

  same_name = push (fixture, SUP, "case_category", id, "update", json_object_get_int_member (added, "version"),
                    "{\"name\":\"BILLING\"}");
  assert_rejected (same_name, "name");

  update_case (fixture, DESK1, "{\"category_id\":\"billing\"}");
  deletion = push (fixture, SUP, "case_category", "billing", "delete", 0, NULL);
  g_assert_cmpstr (json_object_get_string_member (deletion, "status"), ==, "rejected");

  unused = push (fixture, SUP, "case_category", id, "delete", json_object_get_int_member (added, "version"), NULL);
  applied (unused);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/server/cases/flow-enforced", Fixture, NULL, fixture_set_up, test_flow_enforced, fixture_tear_down);
  g_test_add ("/server/cases/review-needs-another-supervisor", Fixture, NULL, fixture_set_up,
              test_review_needs_another_supervisor, fixture_tear_down);
  g_test_add ("/server/cases/four-eyes", Fixture, NULL, fixture_set_up, test_four_eyes, fixture_tear_down);
  g_test_add ("/server/cases/categories", Fixture, NULL, fixture_set_up, test_categories, fixture_tear_down);

  return g_test_run ();
}
