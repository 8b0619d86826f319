/* test-server.c: guanxi-server as a desk meets it — a real process on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gx-test-server.h"
#include "gx-membership.h"
#include "gx-uuid.h"

#define PASSWORD "password-1"

/* The staff of the authorization matrix. desk1 and desk2 are in one team with rel1; rel2 is
 * in another. */
enum { DESK1, DESK2, REL1, REL2, SUP, ADMIN, N_USERS };

static const struct {
  const char *name;
  const char *role;
  const char *team;
} staff[N_USERS] = {
  { "desk1", "desk", "east" },
  { "desk2", "desk", "east" },
  { "rel1", "relationship", "east" },
  { "rel2", "relationship", "west" },
  { "sup", "supervisor", "east" },
  { "admin", "admin", "" },
};

typedef struct
{
  GxTestServer *server;
  char         *token[N_USERS];
  char         *user_id[N_USERS];
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = gx_test_server_new (gx_test_make_dir ());
  for (guint i = 0; i < N_USERS; i++)
    gx_test_server_add_user (fixture->server, staff[i].name, staff[i].role, PASSWORD, staff[i].team);
  gx_test_server_start (fixture->server);
  for (guint i = 0; i < N_USERS; i++)
    fixture->token[i] = gx_test_login (fixture->server, staff[i].name, PASSWORD, &fixture->user_id[i]);
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
}

/* Pushes one mutation; @fields is JSON text or NULL. Returns its result. */
static JsonObject *
push (Fixture    *fixture,
      int         who,
      const char *desk_id,
      const char *kind,
      const char *id,
      const char *op,
      gint64      base_version,
      const char *fields)
{
  g_autofree char *mutation_id = gx_uuid_v7_new ();
  g_autofree char *body = g_strdup_printf ("{\"desk_id\":\"%s\",\"mutations\":[{\"mutation_id\":\"%s\",\"kind\":\"%s\","
                                           "\"id\":\"%s\",\"op\":\"%s\",\"base_version\":%" G_GINT64_FORMAT ",\"fields\":%s}]}",
                                           desk_id, mutation_id, kind, id, op, base_version, fields ? fields : "null");
  g_autoptr(JsonNode) answer = NULL;
  JsonArray *results;

  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/push", fixture->token[who], body, &answer), ==, 200);
  results = json_object_get_array_member (json_node_get_object (answer), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 1);
  return json_object_ref (json_array_get_object_element (results, 0));
}

static void
assert_status (JsonObject *result,
               const char *status)
{
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, status);
}

static gint64
push_applied (Fixture    *fixture,
              int         who,
              const char *kind,
              const char *id,
              const char *op,
              gint64      base_version,
              const char *fields)
{
  g_autoptr(JsonObject) result = push (fixture, who, "desk-a", kind, id, op, base_version, fields);

  if (!g_str_equal (json_object_get_string_member (result, "status"), "applied"))
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), result);
      g_autofree char *text = json_to_string (node, TRUE);
      g_error ("not applied: %s", text);
    }
  return json_object_get_int_member (result, "version");
}

static char *
new_customer (Fixture    *fixture,
              int         who,
              const char *number,
              const char *name,
              const char *level,
              const char *owner_id)
{
  char *id = gx_uuid_v7_new ();
  g_autofree char *fields = g_strdup_printf ("{\"number\":\"%s\",\"name\":\"%s\",\"confidentiality\":\"%s\","
                                             "\"owner_id\":%s%s%s,\"created_at\":1795312800,\"updated_at\":1795312800}",
                                             number, name, level,
                                             owner_id ? "\"" : "", owner_id ? owner_id : "null", owner_id ? "\"" : "");

  push_applied (fixture, who, "customer", id, "insert", 0, fields);
  return id;
}

static char *
new_case (Fixture    *fixture,
          int         who,
          const char *customer_id,
          const char *number)
{
  char *id = gx_uuid_v7_new ();
  g_autofree char *fields = g_strdup_printf ("{\"number\":\"%s\",\"customer_id\":\"%s\",\"channel\":\"hotline\","
                                             "\"subject\":\"Bill too high\",\"description\":\"The gas bill doubled.\","
                                             "\"first_responder_id\":\"%s\",\"received_at\":1795312800,"
                                             "\"created_at\":1795312800,\"updated_at\":1795312800}",
                                             number, customer_id, fixture->user_id[who]);

  push_applied (fixture, who, "case", id, "insert", 0, fields);
  return id;
}

/* Pulls everything @who may see from @since; returns "kind/id" → entry and the cursor. */
static GHashTable *
pull (Fixture *fixture,
      int      who,
      gint64   since,
      gint64  *cursor)
{
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT "&limit=3", since);
      g_autoptr(JsonNode) answer = NULL;
      JsonObject *page;
      JsonArray *changes;

      g_assert_cmpuint (gx_test_http (fixture->server, "GET", path, fixture->token[who], NULL, &answer), ==, 200);
      page = json_node_get_object (answer);
      changes = json_object_get_array_member (page, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *entry = json_array_get_object_element (changes, i);
          g_hash_table_insert (seen,
                               g_strconcat (json_object_get_string_member (entry, "kind"), "/",
                                            json_object_get_string_member (entry, "id"), NULL),
                               json_object_ref (entry));
        }
      g_assert_cmpint (json_object_get_int_member (page, "cursor"), >=, since);
      since = json_object_get_int_member (page, "cursor");
      more = json_object_get_boolean_member (page, "more");
    }

  if (cursor != NULL)
    *cursor = since;
  return seen;
}

static gboolean
pulled (GHashTable *seen,
        const char *kind,
        const char *id)
{
  g_autofree char *key = g_strconcat (kind, "/", id, NULL);

  return g_hash_table_contains (seen, key);
}

static JsonObject *
pulled_entry (GHashTable *seen,
              const char *kind,
              const char *id)
{
  g_autofree char *key = g_strconcat (kind, "/", id, NULL);

  return g_hash_table_lookup (seen, key);
}

static gint64
count_kind (GHashTable *seen,
            const char *kind)
{
  GHashTableIter iter;
  gpointer key;
  gint64 n = 0;

  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, kind) && ((const char *) key)[strlen (kind)] == '/')
      n++;
  return n;
}

/* Sign-in */

static void
test_login_and_tokens (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *type = NULL;
  g_autofree char *role = NULL;
  g_autofree char *token = NULL;
  guint status;

  /* Who am I. */
  g_assert_cmpuint (gx_test_http (fixture->server, "GET", "/api/v1/me", fixture->token[REL1], NULL, &answer), ==, 200);
  role = gx_test_json_dup_string (answer, "$.user.role");
  g_assert_cmpstr (role, ==, "relationship");
  g_clear_pointer (&answer, json_node_unref);

  /* A wrong password and an unknown user get the same answer, as problem+json. */
  status = gx_test_http_raw (fixture->server, "POST", "/api/v1/login", NULL, NULL,
                             "{\"username\":\"rel1\",\"password\":\"wrong-password\"}", -1, &answer, &type);
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpstr (type, ==, "application/problem+json");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (answer), "status"), ==, 401);
  g_clear_pointer (&answer, json_node_unref);
  g_clear_pointer (&type, g_free);
  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/login", NULL,
                                  "{\"username\":\"nobody\",\"password\":\"wrong-password\"}", NULL), ==, 401);

  /* No token, a made-up token: 401 everywhere but health and login. */
  for (const char * const *path = (const char * const[]) { "/api/v1/me", "/api/v1/changes", "/api/v1/audit", NULL }; *path; path++)
    {
      g_assert_cmpuint (gx_test_http (fixture->server, "GET", *path, NULL, NULL, NULL), ==, 401);
      g_assert_cmpuint (gx_test_http (fixture->server, "GET", *path, "made-up-token", NULL, NULL), ==, 401);
    }
  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/push", NULL, "{\"mutations\":[]}", NULL), ==, 401);
  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/logout", NULL, "{}", NULL), ==, 401);
  g_assert_cmpuint (gx_test_http (fixture->server, "GET", "/api/v1/health", NULL, NULL, NULL), ==, 200);

  /* Signing out ends that token only. */
  token = gx_test_login (fixture->server, "desk1", PASSWORD, NULL);
  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/logout", token, NULL, NULL), ==, 204);
  g_assert_cmpuint (gx_test_http (fixture->server, "GET", "/api/v1/me", token, NULL, NULL), ==, 401);
  g_assert_cmpuint (gx_test_http (fixture->server, "GET", "/api/v1/me", fixture->token[DESK1], NULL, NULL), ==, 200);

  /* A disabled user's tokens stop working at once, and they cannot sign in. */
  g_assert_cmpint (gx_test_server_run (fixture->server, NULL, "user", "disable", "desk2", NULL), ==, 0);
  g_assert_cmpuint (gx_test_http (fixture->server, "GET", "/api/v1/me", fixture->token[DESK2], NULL, NULL), ==, 401);
  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/login", NULL,
                                  "{\"username\":\"desk2\",\"password\":\"" PASSWORD "\"}", NULL), ==, 401);
}

static void
test_login_throttled (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) answer = NULL;

  for (int i = 0; i < 5; i++)
    g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/login", NULL,
                                    "{\"username\":\"rel2\",\"password\":\"guess-guess\"}", NULL), ==, 401);

  /* Even the right password waits now. */
  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/login", NULL,
                                  "{\"username\":\"rel2\",\"password\":\"" PASSWORD "\"}", &answer), ==, 429);
  /* Other users are not locked out. */
  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/login", NULL,
                                  "{\"username\":\"rel1\",\"password\":\"" PASSWORD "\"}", NULL), ==, 200);
}

/* Push and feed */

static void
test_push_then_pull (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *customer = new_customer (fixture, DESK1, "C001", "王伟", "ordinary", NULL);
  g_autoptr(GHashTable) first = NULL;
  g_autoptr(GHashTable) next = NULL;
  JsonObject *entry;
  gint64 cursor, version;

  first = pull (fixture, DESK2, 0, &cursor);
  entry = pulled_entry (first, "customer", customer);
  g_assert_nonnull (entry);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "record"), "name"), ==, "王伟");
  /* Every user is there too: the desks show owners' names. */
  g_assert_cmpint (count_kind (first, "user"), ==, N_USERS);

  version = json_object_get_int_member (entry, "version");
  push_applied (fixture, DESK1, "customer", customer, "update", version, "{\"notes\":\"prefers WeChat\"}");

  /* The next page holds only what changed. */
  next = pull (fixture, DESK2, cursor, NULL);
  g_assert_cmpuint (g_hash_table_size (next), ==, 1);
  entry = pulled_entry (next, "customer", customer);
  g_assert_cmpint (json_object_get_int_member (entry, "version"), >, version);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "record"), "notes"), ==, "prefers WeChat");
}

static void
test_push_retried_applies_once (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *customer = new_customer (fixture, DESK1, "C001", "王伟", "ordinary", NULL);
  g_autofree char *log_id = gx_uuid_v7_new ();
  g_autofree char *body = g_strdup_printf ("{\"desk_id\":\"d\",\"mutations\":["
                                           "{\"mutation_id\":\"m-log\",\"kind\":\"contact_log\",\"id\":\"%s\",\"op\":\"insert\","
                                           "\"fields\":{\"customer_id\":\"%s\",\"at\":1795312800,\"channel\":\"phone\",\"subject\":\"回访\"}},"
                                           "{\"mutation_id\":\"m-notes\",\"kind\":\"customer\",\"id\":\"%s\",\"op\":\"update\","
                                           "\"base_version\":0,\"fields\":{\"notes\":\"once\"}}]}",
                                           log_id, customer, customer);
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  gint64 cursor;

  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/push", fixture->token[DESK1], body, &first), ==, 200);
  g_clear_pointer (&seen, g_hash_table_unref);
  seen = pull (fixture, SUP, 0, &cursor);

  /* The response was lost; the desk sends the same batch again. */
  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/push", fixture->token[DESK1], body, &second), ==, 200);
  first_text = json_to_string (first, FALSE);
  second_text = json_to_string (second, FALSE);
  g_assert_cmpstr (first_text, ==, second_text);

  /* Nothing changed the second time. */
  g_clear_pointer (&seen, g_hash_table_unref);
  seen = pull (fixture, SUP, cursor, NULL);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 0);

  /* Another user cannot replay someone's mutation id. */
  g_clear_pointer (&second, json_node_unref);
  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/push", fixture->token[DESK2], body, &second), ==, 200);
  g_free (second_text);
  second_text = gx_test_json_dup_string (second, "$.results[0].status");
  g_assert_cmpstr (second_text, ==, "rejected");
}

static void
test_merge_fields (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *customer = new_customer (fixture, DESK1, "C001", "王伟", "ordinary", NULL);
  g_autoptr(GHashTable) seen = pull (fixture, DESK1, 0, NULL);
  gint64 base = json_object_get_int_member (pulled_entry (seen, "customer", customer), "version");
  g_autoptr(JsonObject) result = NULL;
  JsonArray *fields;

  /* Two desks change different fields of the same version: both apply. */
  g_clear_pointer (&result, json_object_unref);
  result = push (fixture, DESK1, "desk-a", "customer", customer, "update", base, "{\"notes\":\"from A\"}");
  assert_status (result, "applied");
  g_clear_pointer (&result, json_object_unref);
  result = push (fixture, DESK2, "desk-b", "customer", customer, "update", base, "{\"company\":\"From B Ltd\"}");
  assert_status (result, "applied");

  /* The same field: a conflict, with the server's record, and nothing overwritten. */
  g_clear_pointer (&result, json_object_unref);
  result = push (fixture, DESK2, "desk-b", "customer", customer, "update", base, "{\"notes\":\"from B\",\"job_title\":\"CFO\"}");
  assert_status (result, "conflict");
  fields = json_object_get_array_member (result, "fields");
  g_assert_cmpuint (json_array_get_length (fields), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (fields, 0), ==, "notes");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result, "record"), "notes"), ==, "from A");
  /* …while the field nobody else touched merged in. */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result, "record"), "job_title"), ==, "CFO");

  /* A desk's own successive edits never conflict, whatever base it sends. */
  g_clear_pointer (&result, json_object_unref);
  result = push (fixture, DESK1, "desk-a", "customer", customer, "update", base, "{\"notes\":\"from A, again\"}");
  assert_status (result, "applied");

  /* The same user on another computer is another desk. */
  g_clear_pointer (&result, json_object_unref);
  result = push (fixture, DESK1, "desk-c", "customer", customer, "update", base, "{\"notes\":\"from C\"}");
  assert_status (result, "conflict");

  /* Deleting what another desk changed since is refused, not silent. */
  g_clear_pointer (&result, json_object_unref);
  result = push (fixture, DESK2, "desk-b", "customer", customer, "delete", base, NULL);
  assert_status (result, "rejected");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (result, "problem"), "status"), ==, 409);
}

static void
test_ledgers_never_conflict (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *customer = new_customer (fixture, DESK1, "C001", "王伟", "ordinary", NULL);
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GHashTable) seen = NULL;
  char *ids[2];

  /* Two desks log contacts with the same customer offline: both entries arrive. */
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *fields = g_strdup_printf ("{\"customer_id\":\"%s\",\"at\":%d,\"channel\":\"visit\",\"subject\":\"来访 %d\"}",
                                                 customer, 1795312800 + i, i);
      ids[i] = gx_uuid_v7_new ();
      g_clear_pointer (&result, json_object_unref);
      result = push (fixture, i == 0 ? DESK1 : DESK2, i == 0 ? "desk-a" : "desk-b", "contact_log", ids[i], "insert", 0, fields);
      assert_status (result, "applied");
    }
  seen = pull (fixture, SUP, 0, NULL);
  g_assert_true (pulled (seen, "contact_log", ids[0]));
  g_assert_true (pulled (seen, "contact_log", ids[1]));

  /* An entry is never changed or deleted: correct by a new one. */
  g_clear_pointer (&result, json_object_unref);
  result = push (fixture, DESK1, "desk-a", "contact_log", ids[0], "update", 0, "{\"subject\":\"changed\"}");
  assert_status (result, "rejected");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (result, "problem"), "status"), ==, 409);
  g_clear_pointer (&result, json_object_unref);
  result = push (fixture, DESK1, "desk-a", "contact_log", ids[0], "delete", 0, NULL);
  assert_status (result, "rejected");

  g_free (ids[0]);
  g_free (ids[1]);
}

/* Visibility and authorization */

enum { C_ORD, C_SEC_DESK1, C_SEC_DESK2, C_SEC_REL1, C_CONF_REL1, C_CONF_REL2, C_TOP_REL1, C_TOP_REL2, N_CUSTOMERS };

static const struct {
  const char *level;
  int         owner;
} matrix_customers[N_CUSTOMERS] = {
  { "ordinary", REL1 },
  { "secret", DESK1 },
  { "secret", DESK2 },          /* a team-mate's */
  { "secret", REL1 },
  { "confidential", REL1 },
  { "confidential", REL2 },     /* another team's */
  { "top_secret", REL1 },
  { "top_secret", REL2 },
};

/* The rule of the issue, written out by hand: who sees which customer. */
static const gboolean expected_visible[N_USERS][N_CUSTOMERS] = {
  /*             ORD   SEC_D1 SEC_D2 SEC_R1 CONF_R1 CONF_R2 TOP_R1 TOP_R2 */
  [DESK1] = {    TRUE, TRUE,  FALSE, FALSE, FALSE,  FALSE,  FALSE, FALSE },
  [DESK2] = {    TRUE, FALSE, TRUE,  FALSE, FALSE,  FALSE,  FALSE, FALSE },
  [REL1]  = {    TRUE, FALSE, FALSE, TRUE,  TRUE,   FALSE,  TRUE,  FALSE },
  [REL2]  = {    TRUE, FALSE, FALSE, FALSE, FALSE,  TRUE,   FALSE, TRUE  },
  [SUP]   = {    TRUE, TRUE,  TRUE,  TRUE,  TRUE,   TRUE,   TRUE,  TRUE  },
  [ADMIN] = {    TRUE, FALSE, FALSE, FALSE, FALSE,  FALSE,  FALSE, FALSE },
};

/* Who may change records of a customer: whoever sees it, except admins. */
static const gboolean expected_writable[N_USERS][N_CUSTOMERS] = {
  [DESK1] = {    TRUE, TRUE,  FALSE, FALSE, FALSE,  FALSE,  FALSE, FALSE },
  [DESK2] = {    TRUE, FALSE, TRUE,  FALSE, FALSE,  FALSE,  FALSE, FALSE },
  [REL1]  = {    TRUE, FALSE, FALSE, TRUE,  TRUE,   FALSE,  TRUE,  FALSE },
  [REL2]  = {    TRUE, FALSE, FALSE, FALSE, FALSE,  TRUE,   FALSE, TRUE  },
  [SUP]   = {    TRUE, TRUE,  TRUE,  TRUE,  TRUE,   TRUE,   TRUE,  TRUE  },
  [ADMIN] = {    FALSE, FALSE, FALSE, FALSE, FALSE, FALSE,  FALSE, FALSE },
};

/* Endpoints each role may use (besides sign-in): the audit log is for supervisors. */
static const struct {
  const char *method;
  const char *path;
  const char *body;
  guint       expected[N_USERS];
} endpoints[] = {
  { "GET", "/api/v1/me", NULL, { 200, 200, 200, 200, 200, 200 } },
  { "GET", "/api/v1/changes?since=0", NULL, { 200, 200, 200, 200, 200, 200 } },
  { "POST", "/api/v1/push", "{\"mutations\":[]}", { 200, 200, 200, 200, 200, 200 } },
  { "GET", "/api/v1/audit", NULL, { 403, 403, 403, 403, 200, 403 } },
};

/* Reference data and club or activity set-up: who may write which kind. */
static const struct {
  const char *kind;
  const char *fields;
  gboolean    expected[N_USERS];
} kinds[] = {
  { "tier", "{\"scheme\":\"individual\",\"name\":\"Platinum %d\",\"rank\":9}", { FALSE, FALSE, FALSE, FALSE, TRUE, TRUE } },
  { "case_category", "{\"name\":\"Noise %d\"}", { FALSE, FALSE, FALSE, FALSE, TRUE, TRUE } },
  { "club", "{\"name\":\"Golf club %d\",\"created_at\":1795312800}", { FALSE, FALSE, TRUE, TRUE, TRUE, FALSE } },
  { "lesson", "{\"title\":\"Answer letters within 5 days %d\",\"created_at\":1795312800}", { FALSE, FALSE, FALSE, FALSE, TRUE, FALSE } },
};

static void
test_authorization_matrix (Fixture       *fixture,
                           gconstpointer  data)
{
  char *customers[N_CUSTOMERS];
  char *cases[N_CUSTOMERS];

  /* A supervisor files every kind of customer, each with a complaint. */
  for (guint c = 0; c < N_CUSTOMERS; c++)
    {
      g_autofree char *number = g_strdup_printf ("M%03u", c);
      g_autofree char *case_number = g_strdup_printf ("T%03u", c);

      customers[c] = new_customer (fixture, SUP, number, "客户", matrix_customers[c].level,
                                   fixture->user_id[matrix_customers[c].owner]);
      cases[c] = new_case (fixture, SUP, customers[c], case_number);
    }

  for (guint u = 0; u < N_USERS; u++)
    {
      g_autoptr(GHashTable) seen = pull (fixture, u, 0, NULL);

      /* Reading: the feed holds exactly the visible customers and their complaints. */
      for (guint c = 0; c < N_CUSTOMERS; c++)
        {
          if (pulled (seen, "customer", customers[c]) != expected_visible[u][c])
            g_error ("%s %s customer %u (%s)", staff[u].name, expected_visible[u][c] ? "misses" : "sees",
                     c, matrix_customers[c].level);
          g_assert_true (pulled (seen, "case", cases[c]) == expected_visible[u][c]);
        }

      /* Writing: a change of a customer's file. */
      for (guint c = 0; c < N_CUSTOMERS; c++)
        {
          g_autofree char *fields = g_strdup_printf ("{\"notes\":\"checked by %s\"}", staff[u].name);
          g_autoptr(JsonObject) result = push (fixture, u, "desk", "customer", customers[c], "update", G_MAXINT32, fields);
          g_autoptr(JsonObject) case_result = push (fixture, u, "desk", "case", cases[c], "update", G_MAXINT32, "{\"department\":\"billing\"}");

          if (g_str_equal (json_object_get_string_member (result, "status"), "applied") != expected_writable[u][c])
            g_error ("%s %s change customer %u (%s)", staff[u].name, expected_writable[u][c] ? "cannot" : "can",
                     c, matrix_customers[c].level);
          g_assert_true (g_str_equal (json_object_get_string_member (case_result, "status"), "applied") == expected_writable[u][c]);
          if (!expected_writable[u][c])
            g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (result, "problem"), "status"), ==, 403);
        }

      /* Endpoints. */
      for (guint e = 0; e < G_N_ELEMENTS (endpoints); e++)
        g_assert_cmpuint (gx_test_http (fixture->server, endpoints[e].method, endpoints[e].path, fixture->token[u],
                                        endpoints[e].body, NULL), ==, endpoints[e].expected[u]);

      /* Kinds that belong to no customer. */
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autofree char *fields = NULL;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
          fields = g_strdup_printf (kinds[k].fields, u);
#pragma GCC diagnostic pop
          g_autofree char *id = gx_uuid_v7_new ();
          g_autoptr(JsonObject) result = push (fixture, u, "desk", kinds[k].kind, id, "insert", 0, fields);

          if (g_str_equal (json_object_get_string_member (result, "status"), "applied") != kinds[k].expected[u])
            g_error ("%s %s add a %s", staff[u].name, kinds[k].expected[u] ? "cannot" : "can", kinds[k].kind);
        }
    }

  /* A desk cannot raise a customer above secret, nor file a confidential one. */
  {
    g_autoptr(JsonObject) result = push (fixture, DESK1, "desk", "customer", customers[C_ORD], "update", G_MAXINT32,
                                         "{\"confidentiality\":\"confidential\"}");
    g_autofree char *id = gx_uuid_v7_new ();
    g_autoptr(JsonObject) insert = push (fixture, DESK1, "desk", "customer", id, "insert", 0,
                                         "{\"number\":\"X1\",\"name\":\"x\",\"confidentiality\":\"confidential\","
                                         "\"created_at\":1,\"updated_at\":1}");

    assert_status (result, "rejected");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result, "problem"), "field"), ==, "confidentiality");
    assert_status (insert, "rejected");
  }

  for (guint c = 0; c < N_CUSTOMERS; c++)
    {
      g_free (customers[c]);
      g_free (cases[c]);
    }
}

static void
test_level_change_removes (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *customer = new_customer (fixture, SUP, "C001", "王伟", "ordinary", fixture->user_id[REL1]);
  g_autofree char *kase = new_case (fixture, SUP, customer, "T001");
  g_autoptr(GHashTable) seen = NULL;
  JsonObject *entry;
  gint64 cursor;

  seen = pull (fixture, DESK1, 0, &cursor);
  g_assert_true (pulled (seen, "customer", customer));
  g_assert_true (pulled (seen, "case", kase));

  /* Raised to confidential: desk1's next pull removes it, and says nothing else about it. */
  push_applied (fixture, SUP, "customer", customer, "update", G_MAXINT32,
                "{\"confidentiality\":\"confidential\",\"notes\":\"moved to private banking\"}");
  push_applied (fixture, SUP, "case", kase, "update", G_MAXINT32, "{\"department\":\"private banking\"}");
  g_clear_pointer (&seen, g_hash_table_unref);
  seen = pull (fixture, DESK1, cursor, &cursor);
  entry = pulled_entry (seen, "customer", customer);
  g_assert_nonnull (entry);
  g_assert_true (json_object_get_boolean_member (entry, "removed"));
  g_assert_true (json_object_get_null_member (entry, "record"));
  g_assert_false (pulled (seen, "case", kase));

  /* rel1 owns it and still sees all of it. */
  g_clear_pointer (&seen, g_hash_table_unref);
  seen = pull (fixture, REL1, 0, NULL);
  g_assert_true (pulled (seen, "case", kase));

  /* Lowered again: desk1 gets the whole file back, the complaint included. */
  push_applied (fixture, SUP, "customer", customer, "update", G_MAXINT32, "{\"confidentiality\":\"ordinary\"}");
  g_clear_pointer (&seen, g_hash_table_unref);
  seen = pull (fixture, DESK1, cursor, NULL);
  g_assert_true (pulled (seen, "customer", customer));
  entry = pulled_entry (seen, "case", kase);
  g_assert_nonnull (entry);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "record"), "department"), ==, "private banking");
}

static void
test_audit_log (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *customer = new_customer (fixture, REL1, "C001", "王伟", "confidential", fixture->user_id[REL1]);
  g_autofree char *plain = new_customer (fixture, REL1, "C002", "李娜", "ordinary", fixture->user_id[REL1]);
  g_autofree char *access_id = gx_uuid_v7_new ();
  g_autofree char *fields = g_strdup_printf ("{\"customer_id\":\"%s\",\"at\":1795312800,\"action\":\"open\","
                                             "\"reason\":\"客户来电查询理财产品\"}", customer);
  g_autofree char *path = g_strdup_printf ("/api/v1/audit?customer_id=%s", customer);
  g_autofree char *plain_path = g_strdup_printf ("/api/v1/audit?customer_id=%s", plain);
  g_autoptr(GHashTable) seen = pull (fixture, REL1, 0, NULL);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) plain_answer = NULL;
  JsonArray *entries;
  gboolean read = FALSE, opened = FALSE;

  /* The desk's access register: opened with a reason typed. */
  push_applied (fixture, REL1, "access_log", access_id, "insert", 0, fields);

  g_assert_cmpuint (gx_test_http (fixture->server, "GET", path, fixture->token[SUP], NULL, &answer), ==, 200);
  entries = json_object_get_array_member (json_node_get_object (answer), "entries");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *action = json_object_get_string_member (entry, "action");

      g_assert_cmpstr (json_object_get_string_member (entry, "username"), ==, "rel1");
      if (g_str_equal (action, "read"))
        read = TRUE;
      if (g_str_equal (action, "open"))
        {
          opened = TRUE;
          g_assert_cmpstr (json_object_get_string_member (entry, "reason"), ==, "客户来电查询理财产品");
        }
    }
  g_assert_true (read);
  g_assert_true (opened);

  /* Ordinary profiles are not in it. */
  g_assert_cmpuint (gx_test_http (fixture->server, "GET", plain_path, fixture->token[SUP], NULL, &plain_answer), ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (plain_answer), "entries")), ==, 0);
}

/* Bad input */

static gint64
head (Fixture *fixture)
{
  gint64 cursor;
  g_autoptr(GHashTable) seen = pull (fixture, SUP, 0, &cursor);

  return cursor;
}

static void
assert_problem (Fixture    *fixture,
                const char *method,
                const char *path,
                const char *content_type,
                const char *body,
                gssize      length,
                guint       status,
                const char *field)
{
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *type = NULL;
  g_autofree char *named = NULL;
  guint got;

  got = gx_test_http_raw (fixture->server, method, path, fixture->token[SUP], content_type, body, length, &answer, &type);
  if (got != status)
    g_error ("%s %s: %u, expected %u", method, path, got, status);
  g_assert_cmpstr (type, ==, "application/problem+json");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (answer), "status"), ==, status);
  g_assert_true (json_object_has_member (json_node_get_object (answer), "title"));
  named = gx_test_json_dup_string (answer, "$.field");
  g_assert_cmpstr (named, ==, field);
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *customer = new_customer (fixture, SUP, "C001", "王伟", "ordinary", NULL);
  g_autofree char *huge = NULL;
  g_autofree char *deep = NULL;
  g_autofree char *evil = NULL;
  g_autofree char *bad_phone = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(JsonObject) result = NULL;
  gint64 before = head (fixture);
  gsize huge_size = 9 * 1024 * 1024;

  assert_problem (fixture, "POST", "/api/v1/push", NULL, "{\"mutations\": [", -1, 400, NULL);
  assert_problem (fixture, "POST", "/api/v1/push", NULL, "[1, 2]", -1, 400, NULL);
  assert_problem (fixture, "POST", "/api/v1/push", NULL, "\xff\xfe{}", -1, 400, NULL);
  assert_problem (fixture, "POST", "/api/v1/push", "text/plain", "{\"mutations\":[]}", -1, 415, NULL);
  assert_problem (fixture, "POST", "/api/v1/push", NULL, "{\"mutations\":{}}", -1, 400, "mutations");
  assert_problem (fixture, "POST", "/api/v1/push", NULL,
                  "{\"mutations\":[{\"mutation_id\":\"a\",\"kind\":\"customer\",\"id\":\"x\",\"op\":\"update\","
                  "\"base_version\":\"7\",\"fields\":{}}]}", -1, 400, "mutations[0].base_version");
  assert_problem (fixture, "POST", "/api/v1/push", NULL,
                  "{\"mutations\":[{\"mutation_id\":\"a\",\"kind\":\"customer\",\"id\":\"x\",\"op\":\"upsert\",\"fields\":{}}]}",
                  -1, 400, "mutations[0].op");
  assert_problem (fixture, "POST", "/api/v1/push", NULL,
                  "{\"mutations\":[{\"mutation_id\":12,\"kind\":\"customer\",\"id\":\"x\",\"op\":\"insert\",\"fields\":{}}]}",
                  -1, 400, "mutations[0].mutation_id");
  assert_problem (fixture, "POST", "/api/v1/login", NULL, "{\"username\":[\"rel1\"],\"password\":\"x\"}", -1, 400, "username");
  assert_problem (fixture, "GET", "/api/v1/changes?since=abc", NULL, NULL, -1, 400, "since");
  assert_problem (fixture, "GET", "/api/v1/changes?since=1%27%3B%20DROP%20TABLE%20customers%3B--", NULL, NULL, -1, 400, "since");
  assert_problem (fixture, "GET", "/api/v1/changes?limit=0", NULL, NULL, -1, 400, "limit");
  assert_problem (fixture, "GET", "/api/v1/audit?after=-1", NULL, NULL, -1, 400, "after");
  assert_problem (fixture, "GET", "/api/v1/push", NULL, NULL, -1, 405, NULL);
  assert_problem (fixture, "GET", "/api/v1/nothing-here", NULL, NULL, -1, 404, NULL);

  /* Nested deeper than any request of the API: refused before parsing. */
  deep = g_strnfill (100000, '[');
  assert_problem (fixture, "POST", "/api/v1/push", NULL, deep, -1, 400, NULL);

  /* Larger than the limit: refused on its headers. */
  huge = g_malloc (huge_size);
  memset (huge, ' ', huge_size);
  assert_problem (fixture, "POST", "/api/v1/push", NULL, huge, (gssize) huge_size, 413, NULL);

  /* Wrong types and values inside a mutation: rejected, naming the field. */
  result = push (fixture, SUP, "desk", "customer", customer, "update", 0, "{\"at_risk\":\"yes\"}");
  assert_status (result, "rejected");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result, "problem"), "field"), ==, "at_risk");
  g_clear_pointer (&result, json_object_unref);
  result = push (fixture, SUP, "desk", "customer", customer, "update", 0, "{\"stage\":\"friend\"}");
  assert_status (result, "rejected");
  g_clear_pointer (&result, json_object_unref);
  result = push (fixture, SUP, "desk", "customer", customer, "update", 0, "{\"id_number\":\"110105194912310021\"}");
  assert_status (result, "rejected");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result, "problem"), "field"), ==, "id_number");
  bad_phone = g_strdup_printf ("{\"customer_id\":\"%s\",\"kind\":\"mobile\",\"value\":\"12345\"}", customer);
  g_clear_pointer (&result, json_object_unref);
  {
    g_autofree char *contact = gx_uuid_v7_new ();
    result = push (fixture, SUP, "desk", "customer_contact", contact, "insert", 0, bad_phone);
  }
  assert_status (result, "rejected");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result, "problem"), "field"), ==, "value");
  g_clear_pointer (&result, json_object_unref);
  result = push (fixture, SUP, "desk", "customer", customer, "update", 0, "{\"name; DROP TABLE customers\":\"x\"}");
  assert_status (result, "rejected");

  /* Nothing of all that changed anything. */
  g_assert_cmpint (head (fixture), ==, before);

  /* SQL metacharacters and Chinese are just text. */
  g_clear_pointer (&result, json_object_unref);
  result = push (fixture, SUP, "desk", "customer", customer, "update", 0,
                 "{\"notes\":\"'); DROP TABLE customers; -- 王伟说：\\\"退订\\\" %_\"}");
  assert_status (result, "applied");
  seen = pull (fixture, SUP, 0, NULL);
  evil = g_strdup (json_object_get_string_member (json_object_get_object_member (pulled_entry (seen, "customer", customer), "record"), "notes"));
  g_assert_cmpstr (evil, ==, "'); DROP TABLE customers; -- 王伟说：\"退订\" %_");
}

/* DOMAIN.md rule 2 on the server: an identity change that does not say how the identity was
 * checked is refused whichever desk pushes it; with the verification it is applied and the
 * verification travels with the record. */
static void
test_identity_verified (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *customer = new_customer (fixture, DESK1, "C001", "王伟", "ordinary", NULL);
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GHashTable) seen = NULL;
  gint64 before = head (fixture);
  gint64 version = before;     /* the customer's insert */
  JsonObject *record;

  result = push (fixture, DESK1, "desk", "customer", customer, "update", version, "{\"name\":\"王薇\"}");
  assert_status (result, "rejected");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result, "problem"), "field"), ==, "verification");
  g_clear_pointer (&result, json_object_unref);

  /* Saying it is not enough without the stamp of when. */
  result = push (fixture, DESK1, "desk", "customer", customer, "update", version,
                 "{\"birthday\":\"1949-12-31\",\"verification\":\"ID card checked\"}");
  assert_status (result, "rejected");
  g_clear_pointer (&result, json_object_unref);
  g_assert_cmpint (head (fixture), ==, before);

  /* Non-identity fields change freely. */
  version = push_applied (fixture, DESK1, "customer", customer, "update", version, "{\"notes\":\"VIP\"}");

  result = push (fixture, DESK1, "desk", "customer", customer, "update", version,
                 "{\"name\":\"王薇\",\"verification\":\"Resident ID card checked in person\",\"verified_at\":1795312900}");
  assert_status (result, "applied");
  seen = pull (fixture, SUP, 0, NULL);
  record = json_object_get_object_member (pulled_entry (seen, "customer", customer), "record");
  g_assert_cmpstr (json_object_get_string_member (record, "name"), ==, "王薇");
  g_assert_cmpstr (json_object_get_string_member (record, "verification"), ==, "Resident ID card checked in person");
}

static void
test_resync_required (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *code = NULL;

  /* A cursor this server never gave out (a desk that synced with another database). */
  g_assert_cmpuint (gx_test_http (fixture->server, "GET", "/api/v1/changes?since=999999", fixture->token[DESK1], NULL, &answer), ==, 410);
  code = gx_test_json_dup_string (answer, "$.code");
  g_assert_cmpstr (code, ==, "resync-required");
}

/* A parked pull does not hold the server: a push from another desk goes through and wakes it. */
typedef struct
{
  Fixture  *fixture;
  char     *customer;
  gboolean  done;
} LongPoll;

static gpointer
long_poll_thread (gpointer data)
{
  LongPoll *poll = data;
  gint64 cursor = head (poll->fixture);
  g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT "&wait=30", cursor);
  GxTestServer own = *poll->fixture->server;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *id = NULL;

  /* Its own session: libsoup sessions are not shared between threads. */
  own.session = soup_session_new ();
  g_assert_cmpuint (gx_test_http (&own, "GET", path, poll->fixture->token[DESK2], NULL, &answer), ==, 200);
  id = gx_test_json_dup_string (answer, "$.changes[0].id");
  g_assert_cmpstr (id, ==, poll->customer);
  g_object_unref (own.session);
  g_atomic_int_set (&poll->done, TRUE);
  return NULL;
}

static void
test_long_poll (Fixture       *fixture,
                gconstpointer  data)
{
  LongPoll poll = { fixture, gx_uuid_v7_new (), FALSE };
  g_autofree char *fields = g_strdup_printf ("{\"number\":\"C9\",\"name\":\"赵敏\",\"created_at\":1,\"updated_at\":1}");
  GThread *thread;
  gint64 started;

  thread = g_thread_new ("long-poll", long_poll_thread, &poll);
  g_usleep (300 * 1000);
  g_assert_false (g_atomic_int_get (&poll.done));

  started = g_get_monotonic_time ();
  push_applied (fixture, DESK1, "customer", poll.customer, "insert", 0, fields);
  g_thread_join (thread);
  g_assert_true (poll.done);
  /* Woken by the push, not by the end of the wait. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
  g_free (poll.customer);
}

/* A ledger entry, or any record naming its author, is signed by the user who pushes it: a
 * desk cannot adjust points in a supervisor's name, log a colleague's visit, or put an access
 * to a protected profile on someone else. Each forged record is refused (403, naming the
 * field) and nothing of it reaches the server; signed by the pusher, the same record is applied. */
/* A slow push does not stall the other desks: while a large batch is applied, another desk's
 * pulls are answered at once, not after the batch. */
typedef struct
{
  Fixture    *fixture;
  const char *body;
  gint        done;
} SlowPush;

static gpointer
slow_push_thread (gpointer data)
{
  SlowPush *push = data;
  GxTestServer own = *push->fixture->server;
  g_autoptr(JsonNode) answer = NULL;

  /* Its own session: libsoup sessions are not shared between threads. */
  own.session = soup_session_new_with_options ("timeout", 280, NULL);
  g_assert_cmpuint (gx_test_http (&own, "POST", "/api/v1/push", push->fixture->token[SUP], push->body, &answer), ==, 200);
  g_object_unref (own.session);
  g_atomic_int_set (&push->done, TRUE);
  return NULL;
}

static void
test_slow_push_does_not_stall (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *customer = new_customer (fixture, DESK2, "C001", "王伟", "ordinary", NULL);
  g_autoptr(GString) body = g_string_new ("{\"desk_id\":\"bulk-load\",\"mutations\":[");
  SlowPush push = { fixture, NULL, FALSE };
  gint64 started, first_pull = -1, push_time;
  guint pulls = 0;
  GThread *thread;

  /* As large a batch as the server takes, with fields to merge. */
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *id = gx_uuid_v7_new ();
      g_autofree char *mutation_id = gx_uuid_v7_new ();

      g_string_append_printf (body, "%s{\"mutation_id\":\"%s\",\"kind\":\"customer\",\"id\":\"%s\",\"op\":\"insert\","
                              "\"base_version\":0,\"fields\":{\"number\":\"B%05u\",\"name\":\"客户%u\",\"company\":\"中国石化\","
                              "\"job_title\":\"总经理\",\"industry\":\"能源\",\"notes\":\"年度回访\","
                              "\"created_at\":1795312800,\"updated_at\":1795312800}}",
                              i > 0 ? "," : "", mutation_id, id, i, i);
    }
  g_string_append (body, "]}");
  push.body = body->str;

  started = g_get_monotonic_time ();
  thread = g_thread_new ("slow-push", slow_push_thread, &push);
  g_usleep (30 * 1000);

  /* Another desk pulls its feed again and again while the batch goes in. */
  while (!g_atomic_int_get (&push.done))
    {
      g_autoptr(JsonNode) answer = NULL;
      gint64 t = g_get_monotonic_time ();

      g_assert_cmpuint (gx_test_http (fixture->server, "GET", "/api/v1/changes?since=0&limit=50", fixture->token[DESK2],
                                      NULL, &answer), ==, 200);
      if (first_pull < 0)
        first_pull = g_get_monotonic_time () - t;
      if (!g_atomic_int_get (&push.done))
        pulls++;
      g_usleep (10 * 1000);
    }
  g_thread_join (thread);
  push_time = g_get_monotonic_time () - started;

  g_test_message ("a batch of 1,000 took %.0f ms; meanwhile %u pulls answered, the first in %.0f ms",
                  push_time / 1000.0, pulls, first_pull / 1000.0);
  g_assert_cmpuint (pulls, >, 0);
  g_assert_cmpint (first_pull, <, push_time / 2);
}

/* @template with OWNER and AUTHOR replaced. */
static char *
fill (const char *template,
      const char *owner,
      const char *author)
{
  g_autoptr(GString) text = g_string_new (template);

  g_string_replace (text, "OWNER", owner, 0);
  g_string_replace (text, "AUTHOR", author, 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_signed_by_pusher (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *customer = new_customer (fixture, DESK1, "C001", "王伟", "ordinary", NULL);
  g_autofree char *club = gx_uuid_v7_new ();
  g_autofree char *tier = gx_uuid_v7_new ();
  g_autofree char *membership = gx_uuid_v7_new ();
  g_autofree char *club_fields = g_strdup ("{\"name\":\"私人银行客户会\",\"created_at\":1795312800}");
  g_autofree char *tier_fields = NULL;
  g_autofree char *membership_fields = NULL;
  g_autoptr(GHashTable) seen = NULL;
  struct {
    const char *kind;
    const char *fields;   /* OWNER: the customer or membership; AUTHOR: who signs */
    gboolean    of_membership;
  } ledgers[] = {
    { "points_entry", "{\"membership_id\":\"OWNER\",\"at\":1795312800,\"kind\":\"adjust\",\"points\":5000,"
                      "\"reason\":\"补录\",\"user_id\":\"AUTHOR\"}", TRUE },
    { "membership_log", "{\"membership_id\":\"OWNER\",\"at\":1795312800,\"action\":\"suspend\",\"user_id\":\"AUTHOR\"}", TRUE },
    { "contact_log", "{\"customer_id\":\"OWNER\",\"at\":1795312800,\"channel\":\"visit\",\"subject\":\"上门拜访\","
                     "\"staff_id\":\"AUTHOR\"}", FALSE },
    { "access_log", "{\"customer_id\":\"OWNER\",\"at\":1795312800,\"action\":\"open\",\"reason\":\"核对\",\"user_id\":\"AUTHOR\"}", FALSE },
    { "change_log", "{\"record_kind\":\"customer\",\"record_id\":\"OWNER\",\"customer_id\":\"OWNER\",\"at\":1795312800,"
                    "\"field\":\"phone\",\"user_id\":\"AUTHOR\"}", FALSE },
  };

  push_applied (fixture, SUP, "club", club, "insert", 0, club_fields);
  tier_fields = g_strdup_printf ("{\"club_id\":\"%s\",\"code\":\"gold\",\"name\":\"金卡\",\"rank\":2}", club);
  push_applied (fixture, SUP, "club_tier", tier, "insert", 0, tier_fields);
  membership_fields = g_strdup_printf ("{\"club_id\":\"%s\",\"customer_id\":\"%s\",\"member_number\":\"M1\",\"tier_id\":\"%s\","
                                       "\"applied_on\":\"2026-01-02\",\"joined_on\":\"2026-01-05\",\"period_start\":\"2026-01-05\","
                                       "\"period_end\":\"2027-01-04\",\"created_at\":1795312800,\"updated_at\":1795312800}",
                                       club, customer, tier);
  push_applied (fixture, SUP, "membership", membership, "insert", 0, membership_fields);

  for (guint i = 0; i < G_N_ELEMENTS (ledgers); i++)
    {
      const char *owner = ledgers[i].of_membership ? membership : customer;
      g_autofree char *forged_id = gx_uuid_v7_new ();
      g_autofree char *signed_id = gx_uuid_v7_new ();
      g_autofree char *forged = NULL;
      g_autofree char *own = NULL;
      g_autoptr(JsonObject) result = NULL;
      JsonObject *problem;

      /* The desk's colleague for the logs, the supervisor for the points adjustment only a
       * supervisor may make. */
      forged = fill (ledgers[i].fields, owner,
                     fixture->user_id[g_str_equal (ledgers[i].kind, "contact_log") ? DESK2 : SUP]);
      own = fill (ledgers[i].fields, owner, fixture->user_id[SUP]);

      g_test_message ("%s in another's name", ledgers[i].kind);
      result = push (fixture, DESK1, "desk-a", ledgers[i].kind, forged_id, "insert", 0, forged);
      assert_status (result, "rejected");
      problem = json_object_get_object_member (result, "problem");
      g_assert_cmpint (json_object_get_int_member (problem, "status"), ==, 403);
      g_assert_cmpstr (json_object_get_string_member (problem, "field"), ==,
                       g_str_equal (ledgers[i].kind, "contact_log") ? "staff_id" : "user_id");

      /* The same record signed by its pusher (here the supervisor) is applied. */
      push_applied (fixture, SUP, ledgers[i].kind, signed_id, "insert", 0, own);

      seen = pull (fixture, SUP, 0, NULL);
      g_assert_false (pulled (seen, ledgers[i].kind, forged_id));
      g_assert_true (pulled (seen, ledgers[i].kind, signed_id));
      g_clear_pointer (&seen, g_hash_table_unref);
    }

  /* Unsigned entries stay possible where the kind's rules allow them: a contact without staff. */
  {
    g_autofree char *log_id = gx_uuid_v7_new ();
    g_autofree char *fields = g_strdup_printf ("{\"customer_id\":\"%s\",\"at\":1795312800,\"channel\":\"phone\",\"subject\":\"来电\"}",
                                               customer);

    push_applied (fixture, DESK1, "contact_log", log_id, "insert", 0, fields);
  }

  /* A record with an author may not have its author changed to someone else later. */
  {
    g_autofree char *lesson = gx_uuid_v7_new ();
    g_autofree char *fields = g_strdup_printf ("{\"title\":\"账单解释要清楚\",\"improvement\":\"先讲计费规则\","
                                               "\"author_id\":\"%s\",\"created_at\":1795312800}", fixture->user_id[SUP]);
    g_autofree char *moved = g_strdup_printf ("{\"author_id\":\"%s\"}", fixture->user_id[REL1]);
    gint64 version = push_applied (fixture, SUP, "lesson", lesson, "insert", 0, fields);
    g_autoptr(JsonObject) result = push (fixture, SUP, "desk-s", "lesson", lesson, "update", version, moved);

    assert_status (result, "rejected");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result, "problem"), "field"), ==, "author_id");
  }
}

/* kill -9 in the middle of a batch: after a restart the batch is all there or not at all,
 * and sending it again applies it once. */
static void
test_kill_mid_batch (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GString) body = g_string_new ("{\"desk_id\":\"d\",\"mutations\":[");
  const int n = 800;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *prefix = gx_uuid_v7_new ();

  for (int i = 0; i < n; i++)
    {
      char *id = gx_uuid_v7_new ();

      g_string_append_printf (body, "%s{\"mutation_id\":\"%s-%d\",\"kind\":\"customer\",\"id\":\"%s\",\"op\":\"insert\","
                              "\"fields\":{\"number\":\"K%05d\",\"name\":\"批量客户%d\",\"created_at\":1,\"updated_at\":1}}",
                              i ? "," : "", prefix, i, id, i, i);
      g_ptr_array_add (ids, id);
    }
  g_string_append (body, "]}");

  for (int round = 0; round < 3; round++)
    {
      g_autoptr(GSubprocess) curl = NULL;
      g_autofree char *body_file = g_build_filename (fixture->server->dir, "batch.json", NULL);
      g_autofree char *url = g_strconcat (fixture->server->url, "api/v1/push", NULL);
      g_autofree char *auth = g_strconcat ("Authorization: Bearer ", fixture->token[SUP], NULL);
      g_autofree char *data_arg = g_strconcat ("@", body_file, NULL);
      g_autoptr(GHashTable) seen = NULL;
      g_autoptr(GError) error = NULL;
      gint64 applied = 0;

      g_file_set_contents (body_file, body->str, (gssize) body->len, &error);
      g_assert_no_error (error);

      /* curl sends the batch; the server dies at a random moment of it. */
      curl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                               "curl", "-s", "-X", "POST", "-H", "Content-Type: application/json", "-H", auth,
                               "--data-binary", data_arg, url, NULL);
      g_assert_no_error (error);
      g_usleep (g_random_int_range (20, 400) * 1000);
      gx_test_server_kill (fixture->server);
      g_subprocess_wait (curl, NULL, NULL);

      gx_test_server_start (fixture->server);
      g_free (fixture->token[SUP]);
      fixture->token[SUP] = gx_test_login (fixture->server, "sup", PASSWORD, NULL);
      seen = pull (fixture, SUP, 0, NULL);
      for (guint i = 0; i < ids->len; i++)
        applied += pulled (seen, "customer", ids->pdata[i]);
      if (applied != 0 && applied != n)
        g_error ("round %d: %" G_GINT64_FORMAT " of %d applied", round, applied, n);
      g_test_message ("round %d: the server was killed with %s of the batch applied", round, applied ? "all" : "none");

      if (applied == n)
        break;
    }

  /* The desk retries its batch: each mutation applies once. */
  {
    g_autoptr(JsonNode) answer = NULL;
    g_autoptr(GHashTable) seen = NULL;

    g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/push", fixture->token[SUP], body->str, &answer), ==, 200);
    seen = pull (fixture, SUP, 0, NULL);
    for (guint i = 0; i < ids->len; i++)
      g_assert_true (pulled (seen, "customer", ids->pdata[i]));
    g_assert_cmpint (count_kind (seen, "customer"), ==, n);
  }
}

/* Desk codes: one per desk, the same every time, never another desk's. */
static void
test_desk_codes (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) other = NULL;
  g_autoptr(JsonNode) taken = NULL;
  g_autofree char *first_code = NULL;
  g_autofree char *again_code = NULL;
  g_autofree char *other_code = NULL;

  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/desks", NULL, "{\"desk_id\":\"desk-a\"}", NULL), ==, 401);
  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/desks", fixture->token[DESK1], "{\"desk_id\":7}", NULL), ==, 400);

  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/desks", fixture->token[DESK1], "{\"desk_id\":\"desk-a\"}", &first), ==, 200);
  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/desks", fixture->token[DESK1], "{\"desk_id\":\"desk-a\"}", &again), ==, 200);
  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/desks", fixture->token[DESK2], "{\"desk_id\":\"desk-b\"}", &other), ==, 200);
  first_code = gx_test_json_dup_string (first, "$.desk_code");
  again_code = gx_test_json_dup_string (again, "$.desk_code");
  other_code = gx_test_json_dup_string (other, "$.desk_code");
  g_assert_true (gx_desk_code_is_valid (first_code));
  g_assert_cmpuint (strlen (first_code), ==, 2);
  g_assert_cmpstr (first_code, ==, again_code);
  g_assert_cmpstr (first_code, !=, other_code);

  /* Another account naming the same desk is refused. */
  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/desks", fixture->token[DESK2], "{\"desk_id\":\"desk-a\"}", &taken), ==, 409);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/server/auth/login-and-tokens", test_login_and_tokens);
  ADD ("/server/auth/login-throttled", test_login_throttled);
  ADD ("/server/push/then-pull", test_push_then_pull);
  ADD ("/server/push/retried-applies-once", test_push_retried_applies_once);
  ADD ("/server/push/merge-fields", test_merge_fields);
  ADD ("/server/push/ledgers-never-conflict", test_ledgers_never_conflict);
  ADD ("/server/visibility/authorization-matrix", test_authorization_matrix);
  ADD ("/server/visibility/level-change-removes", test_level_change_removes);
  ADD ("/server/visibility/signed-by-pusher", test_signed_by_pusher);
  ADD ("/server/audit/reads-and-opens", test_audit_log);
  ADD ("/server/input/bad-input-changes-nothing", test_bad_input);
  ADD ("/server/input/identity-verified", test_identity_verified);
  ADD ("/server/feed/resync-required", test_resync_required);
  ADD ("/server/feed/long-poll", test_long_poll);
  ADD ("/server/feed/slow-push-does-not-stall", test_slow_push_does_not_stall);
  ADD ("/server/crash/kill-mid-batch", test_kill_mid_batch);
  ADD ("/server/desks/codes", test_desk_codes);
#undef ADD

  return g_test_run ();
}
