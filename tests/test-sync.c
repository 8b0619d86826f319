/* test-sync.c: desks and a real guanxi-server — merge, conflicts, removal, parking, resync
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE  /* memmem */

#include "config.h"

#include "gx-membership.h"
#include "gx-customer.h"
#include "gx-search.h"
#include "gx-test-desk.h"
#include "gx-test-proxy.h"

#define PASSWORD "password-1"

typedef struct
{
  GxTestServer *server;
  char         *dir;
  char         *sup_token;
  char         *sup_id;
  char         *rel_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_strdup (gx_test_make_dir ());
  fixture->server = gx_test_server_new (fixture->dir);
  gx_test_server_add_user (fixture->server, "anna", "desk", PASSWORD, "east");
  gx_test_server_add_user (fixture->server, "bo", "desk", PASSWORD, "east");
  gx_test_server_add_user (fixture->server, "rel", "relationship", PASSWORD, "east");
  gx_test_server_add_user (fixture->server, "sup", "supervisor", PASSWORD, "east");
  gx_test_server_start (fixture->server);
  fixture->sup_token = gx_test_login (fixture->server, "sup", PASSWORD, &fixture->sup_id);
  g_free (gx_test_login (fixture->server, "rel", PASSWORD, &fixture->rel_id));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gx_test_server_free (fixture->server);
  g_free (fixture->dir);
  g_free (fixture->sup_token);
  g_free (fixture->sup_id);
  g_free (fixture->rel_id);
}

static GxTestDesk *
desk_new (Fixture    *fixture,
          const char *username)
{
  return gx_test_desk_new (fixture->server, NULL, fixture->dir, username, PASSWORD);
}

/* A supervisor's change made straight on the server, as another desk would push it. */
static void
server_push (Fixture    *fixture,
             const char *kind,
             const char *id,
             const char *op,
             const char *fields)
{
  g_autofree char *mutation_id = gx_uuid_v7_new ();
  g_autofree char *body = g_strdup_printf ("{\"desk_id\":\"supervisor-desk\",\"mutations\":[{\"mutation_id\":\"%s\","
                                           "\"kind\":\"%s\",\"id\":\"%s\",\"op\":\"%s\",\"base_version\":2147483647,\"fields\":%s}]}",
                                           mutation_id, kind, id, op, fields);
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *status = NULL;

  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/push", fixture->sup_token, body, &answer), ==, 200);
  status = gx_test_json_dup_string (answer, "$.results[0].status");
  g_assert_cmpstr (status, ==, "applied");
}

static char *
new_customer_fields (const char *number,
                     const char *name,
                     const char *level,
                     const char *owner)
{
  return g_strdup_printf ("{\"number\":\"%s\",\"name\":\"%s\",\"confidentiality\":\"%s\",\"owner_id\":%s%s%s,"
                          "\"created_at\":1795312800,\"updated_at\":1795312800}",
                          number, name, level, owner ? "\"" : "", owner ? owner : "null", owner ? "\"" : "");
}

static void
assert_field (GxTestDesk *desk,
              const char *table,
              const char *id,
              const char *field,
              const char *expected)
{
  g_autofree char *value = gx_test_desk_dup_field (desk, table, id, field);

  g_assert_cmpstr (value, ==, expected);
}

static gint64
search_count (GxTestDesk *desk,
              const char *text)
{
  g_autoptr(GVariant) params = NULL;
  g_autofree char *keys = gx_search_customers (text, &params);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM (%s)", keys);

  return gx_db_query_int (gx_store_get_main_reader (desk->store), sql, params, -1, NULL);
}

/* A first sync of more records than a page, which the desk writes many rows to a statement:
 * every record arrives whole, with its version, its derived readings and its search entry. */
static void
test_first_sync_many (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const names[] = { "王伟", "李娜", "张敏", "刘洋", "陈静" };
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_free);
  const int n_customers = 1234, n_cases = 345;
  GxTestDesk *anna;

  for (int start = 0; start < n_customers + n_cases; start += 500)
    {
      g_autoptr(GString) body = g_string_new ("{\"desk_id\":\"loader\",\"mutations\":[");
      g_autoptr(JsonNode) answer = NULL;

      for (int i = start; i < MIN (start + 500, n_customers + n_cases); i++)
        {
          g_autofree char *mutation_id = gx_uuid_v7_new ();
          g_autofree char *id = gx_uuid_v7_new ();

          if (i > start)
            g_string_append_c (body, ',');
          if (i < n_customers)
            {
              /* One 欧阳娜娜 among them, and every 7th an enterprise. */
              g_string_append_printf (body, "{\"mutation_id\":\"%s\",\"kind\":\"customer\",\"id\":\"%s\",\"op\":\"insert\","
                                      "\"fields\":{\"number\":\"M%05d\",\"name\":\"%s\",\"kind\":\"%s\",%s"
                                      "\"created_at\":1795312800,\"updated_at\":1795312800}}",
                                      mutation_id, id, i, i == 777 ? "欧阳娜娜" : names[i % 5],
                                      i % 7 == 0 ? "enterprise" : "individual",
                                      i % 7 == 0 ? "\"industry\":\"能源\"," : "");
              g_ptr_array_add (customers, g_steal_pointer (&id));
            }
          else
            g_string_append_printf (body, "{\"mutation_id\":\"%s\",\"kind\":\"case\",\"id\":\"%s\",\"op\":\"insert\","
                                    "\"fields\":{\"number\":\"K%05d\",\"customer_id\":\"%s\",\"channel\":\"hotline\","
                                    "\"subject\":\"账单异常\",\"description\":\"本月燃气费翻倍。\",\"first_responder_id\":\"%s\",\"received_at\":1795312800,"
                                    "\"created_at\":1795312800,\"updated_at\":1795312800}}",
                                    mutation_id, id, i, (const char *) customers->pdata[i % n_customers],
                                    fixture->sup_id);
        }
      g_string_append (body, "]}");
      g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/push", fixture->sup_token, body->str, &answer),
                        ==, 200);
      {
        g_autofree char *text = json_to_string (answer, FALSE);
        g_assert_null (strstr (text, "rejected"));
      }
    }

  anna = desk_new (fixture, "anna");
  gx_test_desk_sync (anna);

  g_assert_cmpint (gx_test_desk_count (anna, "SELECT count(*) FROM customers WHERE number LIKE 'M%'"), ==, n_customers);
  g_assert_cmpint (gx_test_desk_count (anna, "SELECT count(*) FROM cases WHERE number LIKE 'K%'"), ==, n_cases);
  g_assert_cmpint (gx_test_desk_count (anna, "SELECT count(*) FROM customers WHERE number LIKE 'M%' AND version <= 0"), ==, 0);
  g_assert_cmpint (gx_test_desk_count (anna, "SELECT count(*) FROM sync_pending"), ==, 0);
  /* Readings as a person's name is read (surname first) and as a company's. */
  assert_field (anna, "customers", customers->pdata[1], "name_pinyin", "li na");
  assert_field (anna, "customers", customers->pdata[777], "name_pinyin", "ou yang na na");
  assert_field (anna, "customers", customers->pdata[1233], "name", "刘洋");
  g_assert_cmpint (gx_test_desk_count (anna, "SELECT count(*) FROM customers WHERE number LIKE 'M%' AND sort_key = ''"), ==, 0);
  /* The search index has every one of them, and nothing waits to be indexed. */
  g_assert_cmpint (search_count (anna, "ouyang"), ==, 1);
  g_assert_cmpint (search_count (anna, "oynn"), ==, 1);
  g_assert_cmpint (search_count (anna, "李娜"), ==, 247);   /* i % 5 == 1 below 1,234 */
  g_assert_cmpint (gx_test_desk_count (anna, "SELECT count(*) FROM customer_search_pending"), ==, 0);

  gx_test_desk_free (anna);
}

static void
test_two_desks_merge (Fixture       *fixture,
                      gconstpointer  data)
{
  GxTestDesk *anna = desk_new (fixture, "anna");
  GxTestDesk *bo = desk_new (fixture, "bo");
  g_autofree char *customer = gx_uuid_v7_new ();
  g_autofree char *fields = new_customer_fields ("C001", "王伟", "ordinary", NULL);

  gx_test_desk_write (anna, "insert", "customer", customer, fields);
  gx_test_desk_sync (anna);
  gx_test_desk_sync (bo);
  assert_field (bo, "customers", customer, "name", "王伟");
  /* The pinyin is derived at each desk from the synced name. */
  assert_field (bo, "customers", customer, "name_pinyin", "wang wei");

  /* Both offline; each changes another field of the same customer. */
  gx_test_desk_go_offline (anna);
  gx_test_desk_go_offline (bo);
  gx_test_desk_write (anna, "update", "customer", customer, "{\"company\":\"中国石化\"}");
  gx_test_desk_write (bo, "update", "customer", customer, "{\"job_title\":\"总经理\"}");

  gx_test_desk_go_online (anna, fixture->server->url);
  gx_test_desk_go_online (bo, fixture->server->url);
  gx_test_desk_sync (anna);
  gx_test_desk_sync (bo);
  gx_test_desk_sync (anna);

  /* Both edits survive on both desks, and nobody has a conflict. */
  for (GxTestDesk **desk = (GxTestDesk *[]) { anna, bo, NULL }; *desk; desk++)
    {
      assert_field (*desk, "customers", customer, "company", "中国石化");
      assert_field (*desk, "customers", customer, "job_title", "总经理");
      g_assert_cmpint (gx_test_desk_count (*desk, "SELECT count(*) FROM sync_conflicts"), ==, 0);
    }
  /* Each desk kept its own change register; both reached the server and the other desk. */
  g_assert_cmpint (gx_test_desk_count (anna, "SELECT count(*) FROM change_log"), ==, 2);
  g_assert_cmpint (gx_test_desk_count (bo, "SELECT count(*) FROM change_log"), ==, 2);

  gx_test_desk_free (anna);
  gx_test_desk_free (bo);
}

typedef struct
{
  const char        *conflict_id;
  gboolean           keep_mine;
  const GxWriteMeta *meta;
} Resolve;

static gboolean
resolve_cb (GxDb      *db,
            gpointer   user_data,
            GError   **error)
{
  Resolve *r = user_data;

  return gx_sync_resolve_conflict (db, r->conflict_id, r->keep_mine, r->meta, error);
}

static void
resolve (GxTestDesk *desk,
         const char *conflict_id,
         gboolean    keep_mine)
{
  GxWriteMeta meta = { .now = gx_clock_now (desk->clock), .user_id = desk->user_id };
  Resolve r = { conflict_id, keep_mine, &meta };
  g_autoptr(GError) error = NULL;

  gx_store_write_sync (desk->store, resolve_cb, &r, &error);
  g_assert_no_error (error);
}

static void
test_two_desks_conflict (Fixture       *fixture,
                         gconstpointer  data)
{
  GxTestDesk *anna = desk_new (fixture, "anna");
  GxTestDesk *bo = desk_new (fixture, "bo");
  g_autofree char *customer = gx_uuid_v7_new ();
  g_autofree char *fields = new_customer_fields ("C001", "王伟", "ordinary", NULL);
  g_autofree char *conflict_id = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *theirs = NULL;
  GxDb *db;

  gx_test_desk_write (anna, "insert", "customer", customer, fields);
  gx_test_desk_sync (anna);
  gx_test_desk_sync (bo);

  gx_test_desk_go_offline (anna);
  gx_test_desk_go_offline (bo);
  gx_test_desk_write (anna, "update", "customer", customer, "{\"notes\":\"喜欢高尔夫\",\"stage\":\"client\"}");
  gx_test_desk_write (bo, "update", "customer", customer, "{\"notes\":\"不要周末来电\"}");

  gx_test_desk_go_online (anna, fixture->server->url);
  gx_test_desk_sync (anna);
  gx_test_desk_go_online (bo, fixture->server->url);
  gx_test_desk_sync (bo);

  /* The second desk has a conflict to resolve; nothing was overwritten. */
  db = gx_store_get_main_reader (bo->store);
  g_assert_cmpint (gx_test_desk_count (bo, "SELECT count(*) FROM sync_conflicts"), ==, 1);
  conflict_id = gx_db_query_string (db, "SELECT id FROM sync_conflicts WHERE field = 'notes'", NULL, NULL);
  mine = gx_db_query_string (db, "SELECT mine FROM sync_conflicts", NULL, NULL);
  theirs = gx_db_query_string (db, "SELECT theirs FROM sync_conflicts", NULL, NULL);
  g_assert_nonnull (conflict_id);
  g_assert_cmpstr (mine, ==, "\"不要周末来电\"");
  g_assert_cmpstr (theirs, ==, "\"喜欢高尔夫\"");
  /* The other field anna changed reached bo anyway. */
  assert_field (bo, "customers", customer, "stage", "client");
  assert_field (anna, "customers", customer, "notes", "喜欢高尔夫");

  /* bo keeps his; the resolution syncs and both desks converge on it. */
  resolve (bo, conflict_id, TRUE);
  g_assert_cmpint (gx_test_desk_count (bo, "SELECT count(*) FROM sync_conflicts"), ==, 0);
  assert_field (bo, "customers", customer, "notes", "不要周末来电");
  gx_test_desk_sync (bo);
  gx_test_desk_sync (anna);
  for (GxTestDesk **desk = (GxTestDesk *[]) { anna, bo, NULL }; *desk; desk++)
    {
      assert_field (*desk, "customers", customer, "notes", "不要周末来电");
      assert_field (*desk, "customers", customer, "stage", "client");
      g_assert_cmpint (gx_test_desk_count (*desk, "SELECT count(*) FROM sync_conflicts"), ==, 0);
    }

  /* Once more, and this time bo keeps theirs: nothing is sent, his desk takes anna's value. */
  gx_test_desk_go_offline (anna);
  gx_test_desk_go_offline (bo);
  gx_test_desk_write (anna, "update", "customer", customer, "{\"preferred_time\":\"上午\"}");
  gx_test_desk_write (bo, "update", "customer", customer, "{\"preferred_time\":\"晚上\"}");
  gx_test_desk_go_online (anna, fixture->server->url);
  gx_test_desk_sync (anna);
  gx_test_desk_go_online (bo, fixture->server->url);
  gx_test_desk_sync (bo);
  g_free (conflict_id);
  conflict_id = gx_db_query_string (db, "SELECT id FROM sync_conflicts WHERE field = 'preferred_time'", NULL, NULL);
  g_assert_nonnull (conflict_id);
  resolve (bo, conflict_id, FALSE);
  gx_test_desk_sync (bo);
  gx_test_desk_sync (anna);
  assert_field (bo, "customers", customer, "preferred_time", "上午");
  assert_field (anna, "customers", customer, "preferred_time", "上午");
  g_assert_cmpint (gx_test_desk_count (bo, "SELECT count(*) FROM outbox"), ==, 0);

  gx_test_desk_free (anna);
  gx_test_desk_free (bo);
}


/* The bytes of a file (and its journal), to look for what must never be there. */
static gboolean
file_contains (const char *path,
               const char *needle)
{
  for (const char * const *suffix = (const char * const[]) { "", "-wal", "-journal", NULL }; *suffix; suffix++)
    {
      g_autofree char *name = g_strconcat (path, *suffix, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (name, &contents, &length, NULL))
        continue;
      if (memmem (contents, length, needle, strlen (needle)) != NULL)
        return TRUE;
    }

  return FALSE;
}

static gint64
count_about (GxTestDesk *desk,
             const char *customer_id)
{
  GxDb *db = gx_store_get_main_reader (desk->store);

  return gx_db_query_int (db, "SELECT (SELECT count(*) FROM customers WHERE id = ?1)"
                              " + (SELECT count(*) FROM cases WHERE customer_id = ?1)"
                              " + (SELECT count(*) FROM customer_contacts WHERE customer_id = ?1)",
                          g_variant_new ("(s)", customer_id), -1, NULL);
}

static void
test_confidential_never_reaches_desk (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *secret = gx_uuid_v7_new ();
  g_autofree char *plain = gx_uuid_v7_new ();
  g_autofree char *secret_fields = new_customer_fields ("C100", "机密客户甲", "confidential", fixture->rel_id);
  g_autofree char *plain_fields = new_customer_fields ("C200", "普通客户乙", "ordinary", fixture->rel_id);
  g_autofree char *path = NULL;
  GxTestDesk *anna;

  server_push (fixture, "customer", secret, "insert", secret_fields);
  server_push (fixture, "customer", plain, "insert", plain_fields);
  for (int i = 0; i < 2; i++)
    {
      const char *customer = i ? plain : secret;
      g_autofree char *kase = gx_uuid_v7_new ();
      g_autofree char *contact = gx_uuid_v7_new ();
      g_autofree char *case_fields = g_strdup_printf ("{\"number\":\"T%d\",\"customer_id\":\"%s\",\"channel\":\"letter\","
                                                      "\"subject\":\"账单疑问 %d\",\"description\":\"燃气费翻倍\","
                                                      "\"first_responder_id\":\"%s\",\"received_at\":1,\"created_at\":1,\"updated_at\":1}",
                                                      i, customer, i, fixture->sup_id);
      g_autofree char *contact_fields = g_strdup_printf ("{\"customer_id\":\"%s\",\"kind\":\"mobile\",\"value\":\"1391234567%d\"}",
                                                         customer, i);

      server_push (fixture, "case", kase, "insert", case_fields);
      server_push (fixture, "customer_contact", contact, "insert", contact_fields);
    }

  anna = desk_new (fixture, "anna");
  path = g_strdup (anna->path);
  gx_test_desk_sync (anna);

  /* The ordinary customer and its file are there; of the confidential one, nothing. */
  g_assert_cmpint (count_about (anna, plain), ==, 3);
  g_assert_cmpint (count_about (anna, secret), ==, 0);

  /* Raised to confidential: the next pull takes it and its file off this desk. */
  server_push (fixture, "customer", plain, "update", "{\"confidentiality\":\"confidential\"}");
  gx_test_desk_sync (anna);
  g_assert_cmpint (count_about (anna, plain), ==, 0);
  g_assert_cmpint (gx_test_desk_count (anna, "SELECT count(*) FROM customers"), ==, 0);

  /* Not even in the file's bytes once the desk has closed it. */
  gx_test_desk_free (anna);
  g_assert_false (file_contains (path, "机密客户甲"));
  g_assert_false (file_contains (path, secret));
  g_assert_false (file_contains (path, "13912345670"));
  g_assert_false (file_contains (path, "普通客户乙"));
  g_assert_false (file_contains (path, "13912345671"));
}

static void
test_parked_does_not_block (Fixture       *fixture,
                            gconstpointer  data)
{
  GxTestDesk *anna = desk_new (fixture, "anna");
  g_autofree char *customer = gx_uuid_v7_new ();
  g_autofree char *other = gx_uuid_v7_new ();
  g_autofree char *fields = new_customer_fields ("C001", "王伟", "ordinary", fixture->rel_id);
  g_autofree char *other_fields = new_customer_fields ("C002", "李娜", "ordinary", NULL);
  g_autofree char *reason = NULL;
  g_autofree char *sup_view = NULL;
  g_autoptr(JsonNode) answer = NULL;

  /* The staff arrive with the first sync: then a customer can name its relationship manager. */
  gx_test_desk_sync (anna);
  gx_test_desk_write (anna, "insert", "customer", customer, fields);
  gx_test_desk_sync (anna);

  /* Offline, anna edits the customer; meanwhile a supervisor makes it confidential. */
  gx_test_desk_go_offline (anna);
  gx_test_desk_write (anna, "update", "customer", customer, "{\"notes\":\"来访两次\"}");
  gx_test_desk_write (anna, "insert", "customer", other, other_fields);
  server_push (fixture, "customer", customer, "update", "{\"confidentiality\":\"confidential\"}");

  gx_test_desk_go_online (anna, fixture->server->url);
  gx_test_desk_sync (anna);

  /* The refused change is parked with the server's reason… */
  reason = gx_db_query_string (gx_store_get_main_reader (anna->store),
                               "SELECT parked_reason FROM outbox WHERE record_id = ?", g_variant_new ("(s)", customer), NULL);
  g_assert_nonnull (reason);
  g_assert_cmpstr (reason, !=, "");
  /* …the rest went through… */
  g_assert_cmpuint (gx_test_http (fixture->server, "GET", "/api/v1/changes?since=0&limit=5000", fixture->sup_token, NULL, &answer), ==, 200);
  sup_view = json_to_string (answer, FALSE);
  g_assert_nonnull (strstr (sup_view, other));
  g_assert_null (strstr (sup_view, "来访两次"));
  /* …and the customer anna may no longer see has left her desk. */
  g_assert_cmpint (count_about (anna, customer), ==, 0);

  gx_test_desk_free (anna);
}

static void
on_state_notify_cb (GxSyncClient *client,
                    GParamSpec   *pspec,
                    GxSyncState  *seen)
{
  *seen = gx_sync_client_get_state (client);
}

static void
wait_for_state (GxTestDesk  *desk,
                GxSyncState  wanted)
{
  GxSyncState seen = gx_sync_client_get_state (desk->client);
  gulong id = g_signal_connect (desk->client, "notify::state", G_CALLBACK (on_state_notify_cb), &seen);
  guint timeout = g_timeout_add_seconds (60, gx_test_desk_timeout_cb, (gpointer) "a sync state");

  while (seen != wanted)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_signal_handler_disconnect (desk->client, id);
}

static void
test_offline_then_back (Fixture       *fixture,
                        gconstpointer  data)
{
  GxTestDesk *anna = desk_new (fixture, "anna");
  g_autofree char *customer = gx_uuid_v7_new ();
  g_autofree char *fields = new_customer_fields ("C001", "王伟", "ordinary", NULL);
  GxTestDesk *bo;

  gx_test_desk_sync (anna);
  gx_test_server_stop (fixture->server);

  /* The desk keeps working; it says it is offline and when it tries again. */
  gx_test_desk_write (anna, "insert", "customer", customer, fields);
  gx_sync_client_sync_now (anna->client);
  wait_for_state (anna, GX_SYNC_STATE_OFFLINE);
  g_assert_nonnull (gx_sync_client_get_message (anna->client));
  g_assert_cmpint (gx_sync_client_get_retry_at (anna->client), >, 0);
  g_assert_cmpint (gx_test_desk_count (anna, "SELECT count(*) FROM outbox WHERE kind = 'customer'"), ==, 1);

  /* The server is back: the backoff retries by itself. */
  gx_test_server_start (fixture->server);
  wait_for_state (anna, GX_SYNC_STATE_SYNCED);
  gx_test_desk_sync (anna);
  g_assert_cmpint (gx_test_desk_count (anna, "SELECT count(*) FROM outbox"), ==, 0);

  bo = desk_new (fixture, "bo");
  gx_test_desk_sync (bo);
  assert_field (bo, "customers", customer, "name", "王伟");

  gx_test_desk_free (anna);
  gx_test_desk_free (bo);
}

static void
on_signed_out_cb (GxSyncClient *client,
                  gboolean     *signed_out)
{
  *signed_out = TRUE;
}

static void
test_signed_out (Fixture       *fixture,
                 gconstpointer  data)
{
  GxTestDesk *anna = desk_new (fixture, "anna");
  g_autofree char *customer = gx_uuid_v7_new ();
  g_autofree char *fields = new_customer_fields ("C001", "王伟", "ordinary", NULL);
  gboolean signed_out = FALSE;

  gx_test_desk_sync (anna);
  g_signal_connect (anna->client, "signed-out", G_CALLBACK (on_signed_out_cb), &signed_out);

  /* The user is disabled on the server: the desk says "sign in again" and keeps its edits. */
  g_assert_cmpint (gx_test_server_run (fixture->server, NULL, "user", "disable", "anna", NULL), ==, 0);
  gx_test_desk_write (anna, "insert", "customer", customer, fields);
  gx_sync_client_sync_now (anna->client);
  wait_for_state (anna, GX_SYNC_STATE_SIGNED_OUT);
  g_assert_true (signed_out);
  g_assert_false (gx_sync_client_has_token (anna->client));
  g_assert_cmpint (gx_test_desk_count (anna, "SELECT count(*) FROM outbox WHERE kind = 'customer'"), ==, 1);

  gx_test_desk_free (anna);
}

static void
test_resync_after_purge (Fixture       *fixture,
                         gconstpointer  data)
{
  GxTestDesk *anna = desk_new (fixture, "anna");
  g_autofree char *gone = gx_uuid_v7_new ();
  g_autofree char *kept = gx_uuid_v7_new ();
  g_autofree char *mine = gx_uuid_v7_new ();
  g_autofree char *gone_fields = new_customer_fields ("C001", "将被删除", "ordinary", NULL);
  g_autofree char *kept_fields = new_customer_fields ("C002", "保留客户", "ordinary", NULL);
  g_autofree char *mine_fields = new_customer_fields ("C003", "本机新客户", "ordinary", NULL);

  server_push (fixture, "customer", gone, "insert", gone_fields);
  server_push (fixture, "customer", kept, "insert", kept_fields);
  gx_test_desk_sync (anna);
  g_assert_cmpint (gx_test_desk_count (anna, "SELECT count(*) FROM customers"), ==, 2);

  /* anna is away; a customer is deleted and the server forgets the deletion. */
  gx_test_desk_go_offline (anna);
  gx_test_desk_write (anna, "insert", "customer", mine, mine_fields);
  server_push (fixture, "customer", gone, "delete", "null");
  server_push (fixture, "customer", kept, "update", "{\"notes\":\"更新\"}");
  g_usleep (1100 * 1000);
  g_assert_cmpint (gx_test_server_run (fixture->server, NULL, "purge", "--retention-days", "0", NULL), ==, 0);

  /* Back: "resync required", never a silent gap. The desk fetches everything again, drops
   * what is gone, and keeps and sends its own new customer. */
  gx_test_desk_go_online (anna, fixture->server->url);
  gx_test_desk_sync (anna);
  g_assert_cmpint (count_about (anna, gone), ==, 0);
  assert_field (anna, "customers", kept, "notes", "更新");
  assert_field (anna, "customers", mine, "name", "本机新客户");
  g_assert_cmpint (gx_test_desk_count (anna, "SELECT count(*) FROM customers WHERE version <= 0"), ==, 0);
  g_assert_cmpint (gx_test_desk_count (anna, "SELECT count(*) FROM outbox"), ==, 0);

  gx_test_desk_free (anna);
}

typedef struct
{
  GxTestDesk *desk;
  const char *id;
} Watch;

static gboolean
check_arrived_cb (gpointer data)
{
  Watch *watch = data;

  return gx_test_desk_count (watch->desk, "SELECT count(*) FROM customers") > 0 ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

static void
test_edit_reaches_online_desk (Fixture       *fixture,
                               gconstpointer  data)
{
  GxTestDesk *anna = desk_new (fixture, "anna");
  GxTestDesk *bo = desk_new (fixture, "bo");
  g_autofree char *customer = gx_uuid_v7_new ();
  g_autofree char *fields = new_customer_fields ("C001", "王伟", "ordinary", NULL);
  Watch watch = { bo, customer };
  gint64 started, elapsed;

  gx_test_desk_sync (anna);
  gx_test_desk_sync (bo);
  /* Let bo's client settle into its wait on the feed. */
  g_usleep (200 * 1000);

  started = g_get_monotonic_time ();
  gx_test_desk_write (anna, "insert", "customer", customer, fields);
  while (check_arrived_cb (&watch) == G_SOURCE_CONTINUE)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5 * 1000);
      g_assert_cmpint (g_get_monotonic_time () - started, <, 30 * G_USEC_PER_SEC);
    }
  elapsed = g_get_monotonic_time () - started;
  g_test_message ("an edit at one desk reached the other online desk in %.0f ms", elapsed / 1000.0);

  gx_test_desk_free (anna);
  gx_test_desk_free (bo);
}

typedef struct
{
  const char *club_id;
  char       *number;
} NumberWrite;

static gboolean
next_number_cb (GxDb      *db,
                gpointer   user_data,
                GError   **error)
{
  NumberWrite *w = user_data;

  w->number = gx_member_number_next (db, w->club_id, "2026-11-22", error);
  return w->number != NULL;
}

static char *
next_member_number (GxTestDesk *desk,
                    const char *club_id)
{
  g_autoptr(GError) error = NULL;
  NumberWrite w = { club_id, NULL };

  gx_store_write_sync (desk->store, next_number_cb, &w, &error);
  g_assert_no_error (error);
  return w.number;
}

/* Two desks enrolling offline at once never make the same member number: each numbers
 * inside the code the server gave it. */
static void
test_desk_codes (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *club = gx_uuid_v7_new ();
  g_autofree char *fields = g_strdup_printf ("{\"name\":\"私人银行客户会\",\"number_prefix\":\"PB\",\"created_at\":1795312800}");
  g_autofree char *anna_code = NULL;
  g_autofree char *bo_code = NULL;
  g_autofree char *again = NULL;
  g_autofree char *anna_number = NULL;
  g_autofree char *bo_number = NULL;
  g_autofree char *expected = NULL;
  GxTestDesk *anna, *bo;

  server_push (fixture, "club", club, "insert", fields);
  anna = desk_new (fixture, "anna");
  bo = desk_new (fixture, "bo");
  gx_test_desk_sync (anna);
  gx_test_desk_sync (bo);

  anna_code = gx_db_query_string (gx_store_get_main_reader (anna->store),
                                  "SELECT value FROM sync_state WHERE key = 'desk_code'", NULL, NULL);
  bo_code = gx_db_query_string (gx_store_get_main_reader (bo->store),
                                "SELECT value FROM sync_state WHERE key = 'desk_code'", NULL, NULL);
  g_assert_nonnull (anna_code);
  g_assert_nonnull (bo_code);
  g_assert_cmpuint (strlen (anna_code), ==, 2);
  g_assert_cmpuint (strlen (bo_code), ==, 2);
  g_assert_cmpstr (anna_code, !=, bo_code);

  /* Offline, both enrol: the numbers carry their desks' codes. */
  gx_test_desk_go_offline (anna);
  gx_test_desk_go_offline (bo);
  anna_number = next_member_number (anna, club);
  bo_number = next_member_number (bo, club);
  expected = g_strdup_printf ("PB26-%s-0001", anna_code);
  g_assert_cmpstr (anna_number, ==, expected);
  g_free (expected);
  expected = g_strdup_printf ("PB26-%s-0001", bo_code);
  g_assert_cmpstr (bo_number, ==, expected);

  /* Back online, a desk keeps its code. */
  gx_test_desk_go_online (anna, fixture->server->url);
  gx_test_desk_sync (anna);
  again = gx_db_query_string (gx_store_get_main_reader (anna->store),
                              "SELECT value FROM sync_state WHERE key = 'desk_code'", NULL, NULL);
  g_assert_cmpstr (again, ==, anna_code);

  gx_test_desk_free (anna);
  gx_test_desk_free (bo);
}

/* The desk's pending mutation ids, added to @ids. */
static void
collect_outbox (GxTestDesk *desk,
                GHashTable *ids)
{
  GxDb *db = gx_store_get_main_reader (desk->store);
  sqlite3_stmt *stmt = gx_db_prepare (db, "SELECT mutation_id FROM outbox", NULL);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
}

/* One line per record, ordered: what a desk (or the server) holds of customers and contacts. */
static char *
dump_records (GxDb *db)
{
  return gx_db_query_string (db,
                             "SELECT (SELECT group_concat(line, char(10)) FROM ("
                             "         SELECT id || '|' || number || '|' || name || '|' || company || '|' || job_title AS line"
                             "         FROM customers ORDER BY id))"
                             " || char(10) || '--' || char(10) || "
                             "(SELECT group_concat(line, char(10)) FROM ("
                             "  SELECT id || '|' || customer_id || '|' || subject AS line FROM contact_log ORDER BY id))",
                             NULL, NULL);
}

/* How many of @ids the server has recorded, and how many of those it applied. */
static void
count_server_mutations (Fixture    *fixture,
                        GHashTable *ids,
                        guint      *recorded,
                        guint      *applied)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxDb) db = gx_db_open (fixture->server->db, SQLITE_OPEN_READONLY, &error);
  GHashTableIter iter;
  gpointer id;

  g_assert_no_error (error);
  *recorded = *applied = 0;
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      g_autofree char *result = gx_db_query_string (db, "SELECT result FROM mutations WHERE mutation_id = ?",
                                                    g_variant_new ("(s)", (const char *) id), NULL);

      if (result == NULL)
        continue;
      (*recorded)++;
      if (strstr (result, "\"applied\"") != NULL)
        (*applied)++;
    }
}

static void
assert_same_records (GxDb *a,
                     GxDb *b)
{
  g_autofree char *left = dump_records (a);
  g_autofree char *right = dump_records (b);

  g_assert_cmpstr (left, ==, right);
}

/* A desk behind a proxy that drops, cuts off, holds back and repeats its requests, and loses
 * the server's answers after the server committed: every edit saved at the desk still reaches
 * the server exactly once, the desk's outbox empties, and another desk sees the same. */
static void
test_faulty_network (Fixture       *fixture,
                     gconstpointer  data)
{
  GxTestProxy *proxy = gx_test_proxy_new (fixture->server->port);
  GxTestDesk *anna = gx_test_desk_new (fixture->server, proxy->url, fixture->dir, "anna", PASSWORD);
  GxTestDesk *bo = desk_new (fixture, "bo");
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GxDb) server_db = NULL;
  g_autoptr(GError) error = NULL;
  guint recorded, applied;
  const guint rounds = 14;

  gx_test_proxy_set_schedule (proxy, GX_PROXY_DROP, GX_PROXY_PASS, GX_PROXY_TRUNCATE_RESPONSE,
                              GX_PROXY_TRUNCATE_REQUEST, GX_PROXY_500_AFTER_COMMIT, GX_PROXY_DUPLICATE,
                              GX_PROXY_DELAY, GX_PROXY_PASS, -1);

  for (guint round = 0; round < rounds; round++)
    {
      g_autofree char *id = gx_uuid_v7_new ();
      g_autofree char *log_id = gx_uuid_v7_new ();
      g_autofree char *number = g_strdup_printf ("C%03u", round);
      g_autofree char *name = g_strdup_printf ("客户%u", round);
      g_autofree char *fields = new_customer_fields (number, name, "ordinary", NULL);
      g_autofree char *log = NULL;
      g_autofree char *company = g_strdup_printf ("{\"company\":\"公司 %u\"}", round);
      g_autofree char *title = g_strdup_printf ("{\"job_title\":\"经理 %u\"}", round);
      guint ticket;

      /* Each round: a new customer, a contact with it, and changes to earlier customers —
       * one of them changed twice before the desk gets through. */
      gx_test_desk_write (anna, "insert", "customer", id, fields);
      log = g_strdup_printf ("{\"customer_id\":\"%s\",\"at\":1795312800,\"channel\":\"phone\",\"subject\":\"回访 %u\","
                             "\"staff_id\":\"%s\"}", id, round, anna->user_id);
      gx_test_desk_write (anna, "insert", "contact_log", log_id, log);
      g_ptr_array_add (customers, g_steal_pointer (&id));
      gx_test_desk_write (anna, "update", "customer", customers->pdata[round / 2], company);
      gx_test_desk_write (anna, "update", "customer", customers->pdata[round / 3], title);
      collect_outbox (anna, ids);

      /* One sync attempt through the faults; it may well fail. */
      ticket = gx_sync_client_sync_now (anna->client);
      while (gx_sync_client_get_completed (anna->client) < ticket)
        g_main_context_iteration (NULL, TRUE);
      collect_outbox (anna, ids);
    }

  /* The network heals; the desk gets through what is left. */
  gx_test_desk_sync (anna);
  for (int fault = GX_PROXY_DROP; fault < GX_PROXY_N_FAULTS; fault++)
    {
      g_test_message ("%s: %u requests, %u of them pushes", gx_proxy_fault_names[fault],
                      gx_test_proxy_get_count (proxy, fault, FALSE), gx_test_proxy_get_count (proxy, fault, TRUE));
      g_assert_cmpuint (gx_test_proxy_get_count (proxy, fault, TRUE), >, 0);
    }
  gx_test_proxy_set_schedule (proxy, -1);
  gx_test_desk_sync (anna);

  g_assert_cmpint (gx_test_desk_count (anna, "SELECT count(*) FROM outbox"), ==, 0);
  /* Four edits a round, and the change register's entry for each of its two profile updates. */
  g_assert_cmpuint (g_hash_table_size (ids), ==, rounds * 6);

  /* Every mutation the desk made is known to the server once (its id is the key) and applied;
   * the server holds exactly the desk's records, no more and no fewer. */
  count_server_mutations (fixture, ids, &recorded, &applied);
  g_assert_cmpuint (recorded, ==, rounds * 6);
  g_assert_cmpuint (applied, ==, rounds * 6);
  server_db = gx_db_open (fixture->server->db, SQLITE_OPEN_READONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gx_db_query_int (server_db, "SELECT count(*) FROM customers", NULL, -1, NULL), ==, rounds);
  g_assert_cmpint (gx_db_query_int (server_db, "SELECT count(*) FROM contact_log", NULL, -1, NULL), ==, rounds);
  g_assert_cmpint (gx_db_query_int (server_db, "SELECT count(*) FROM change_log", NULL, -1, NULL), ==,
                   gx_test_desk_count (anna, "SELECT count(*) FROM change_log"));
  assert_same_records (gx_store_get_main_reader (anna->store), server_db);

  /* And another desk, on a good line, gets the same. */
  gx_test_desk_sync (bo);
  assert_same_records (gx_store_get_main_reader (anna->store), gx_store_get_main_reader (bo->store));
  assert_field (bo, "customers", customers->pdata[rounds / 2 - 1], "company", "公司 13");

  gx_test_desk_free (anna);
  gx_test_desk_free (bo);
  gx_test_proxy_free (proxy);
}

/* @n new customers from the supervisor's desk, pushed straight to the server in batches. */
static void
server_push_customers (Fixture    *fixture,
                       const char *tag,
                       guint       n)
{
  for (guint done = 0; done < n; done += 500)
    {
      g_autoptr(GString) body = g_string_new ("{\"desk_id\":\"supervisor-desk\",\"mutations\":[");
      g_autoptr(JsonNode) answer = NULL;

      for (guint i = done; i < MIN (n, done + 500); i++)
        {
          g_autofree char *id = gx_uuid_v7_new ();
          g_autofree char *mutation_id = gx_uuid_v7_new ();

          g_string_append_printf (body, "%s{\"mutation_id\":\"%s\",\"kind\":\"customer\",\"id\":\"%s\",\"op\":\"insert\","
                                  "\"base_version\":0,\"fields\":{\"number\":\"%s-%05u\",\"name\":\"客户 %s %u\","
                                  "\"created_at\":1795312800,\"updated_at\":1795312800}}",
                                  i > done ? "," : "", mutation_id, id, tag, i, tag, i);
        }
      g_string_append (body, "]}");
      g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/push", fixture->sup_token, body->str, &answer), ==, 200);
    }
}

static gint64
server_head (Fixture *fixture)
{
  g_autoptr(GxDb) db = gx_db_open (fixture->server->db, SQLITE_OPEN_READONLY, NULL);

  g_assert_nonnull (db);
  return gx_db_query_int (db, "SELECT max(seq) FROM sync_log", NULL, -1, NULL);
}

static gint64
file_count (const char *path,
            const char *sql)
{
  g_autoptr(GxDb) db = gx_db_open (path, SQLITE_OPEN_READONLY, NULL);

  g_assert_nonnull (db);
  return gx_db_query_int (db, sql, NULL, -1, NULL);
}

static gint64
server_mutations (Fixture    *fixture,
                  const char *user_id)
{
  g_autoptr(GxDb) db = gx_db_open (fixture->server->db, SQLITE_OPEN_READONLY, NULL);

  g_assert_nonnull (db);
  return gx_db_query_int (db, "SELECT count(*) FROM mutations WHERE user_id = ?", g_variant_new ("(s)", user_id), -1, NULL);
}

/* Waits while the desk file's @sql is below @target and the desk process runs. */
static void
wait_while (GSubprocess *process,
            const char  *path,
            const char  *sql,
            gint64       target)
{
  gint64 started = g_get_monotonic_time ();

  while (file_count (path, sql) < target && g_subprocess_get_identifier (process) != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time () - started, <, 120 * G_USEC_PER_SEC);
      g_usleep (2 * 1000);
    }
}

static GSubprocess *
desk_process_spawn (const char *path,
                    const char *url,
                    const char *token,
                    const char *user_id,
                    guint       edits,
                    const char *tag)
{
  g_autofree char *n = g_strdup_printf ("%u", edits);
  const char *program = g_getenv ("GX_TEST_DESK_PROCESS");
  const char *argv[] = { program, path, url, token, user_id, n, tag, NULL };
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_assert_nonnull (program);
  if (edits == 0)
    argv[5] = NULL;
  process = gx_test_spawn (G_SUBPROCESS_FLAGS_NONE, argv, &error);
  g_assert_no_error (error);
  return process;
}

/* `kill -9` of a desk process in the middle of its edits and pushes, and in the middle of a
 * pull, again and again at random points; then a last run to the end: the desk and the server
 * hold the same records, and every edit saved at the desk was applied on the server once. */
static void
test_desk_killed (Fixture       *fixture,
                  gconstpointer  data)
{
  GxTestDesk *anna = desk_new (fixture, "anna");
  g_autofree char *path = g_strdup (anna->path);
  g_autofree char *token = g_strdup (anna->token);
  g_autofree char *user_id = g_strdup (anna->user_id);
  g_autofree char *url = g_strndup (fixture->server->url, strlen (fixture->server->url) - 1);
  g_autoptr(GxDb) server_db = NULL;
  g_autoptr(GxDb) desk_db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *not_applied = NULL;
  guint mid_push = 0, mid_pull = 0;
  const guint rounds = 8;

  gx_test_desk_sync (anna);
  gx_test_desk_free (anna);

  /* The moment of a kill is random: a loaded machine may let a desk finish first, so a few
   * extra rounds make sure both kinds of kill landed mid-way. */
  for (guint round = 0; round < rounds || ((mid_push == 0 || mid_pull == 0) && round < rounds + 8); round++)
    {
      g_autofree char *tag = g_strdup_printf ("R%u", round);
      g_autoptr(GSubprocess) process = NULL;
      gboolean pull = round % 2 == 1;
      gint64 cursor_before = file_count (path, "SELECT coalesce((SELECT value FROM sync_state WHERE key = 'cursor'), 0)");
      gint64 head, cursor, pending;

      if (pull)
        {
          /* Five pages of news to pull; killed once the first page is in, at a random moment
           * after it. (Two pages were too few once the desk fetched the next page while
           * committing one: the pull often ended before the kill.) */
          server_push_customers (fixture, tag, 4500);
          process = desk_process_spawn (path, url, token, user_id, 0, NULL);
          wait_while (process, path, "SELECT coalesce((SELECT value FROM sync_state WHERE key = 'cursor'), 0)",
                      cursor_before + 1);
        }
      else
        {
          /* Killed at a random moment once the server took its first mutation, edits going on. */
          gint64 taken = server_mutations (fixture, user_id);

          process = desk_process_spawn (path, url, token, user_id, 40, tag);
          while (server_mutations (fixture, user_id) == taken && g_subprocess_get_identifier (process) != NULL)
            g_usleep (2 * 1000);
        }
      g_usleep (g_test_rand_int_range (0, 150) * 1000);

      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);

      head = server_head (fixture);
      cursor = file_count (path, "SELECT coalesce((SELECT value FROM sync_state WHERE key = 'cursor'), 0)");
      pending = file_count (path, "SELECT count(*) FROM outbox");
      g_test_message ("round %u (%s): killed with %" G_GINT64_FORMAT " edits waiting, at cursor %" G_GINT64_FORMAT
                      " of %" G_GINT64_FORMAT " (from %" G_GINT64_FORMAT ")",
                      round, pull ? "pull" : "push", pending, cursor, head, cursor_before);
      if (!pull && pending > 0)
        mid_push++;
      if (pull && cursor < head)
        mid_pull++;
    }
  /* The kills landed where they were meant to, not after the desk was done. */
  g_assert_cmpuint (mid_push, >, 0);
  g_assert_cmpuint (mid_pull, >, 0);

  /* Restarted, the desk runs to the end. */
  {
    g_autoptr(GSubprocess) process = desk_process_spawn (path, url, token, user_id, 0, NULL);

    g_subprocess_wait_check (process, NULL, &error);
    g_assert_no_error (error);
  }

  desk_db = gx_db_open (path, SQLITE_OPEN_READONLY, &error);
  g_assert_no_error (error);
  server_db = gx_db_open (fixture->server->db, SQLITE_OPEN_READONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gx_db_query_int (desk_db, "SELECT count(*) FROM outbox", NULL, -1, NULL), ==, 0);
  g_assert_cmpint (gx_db_query_int (desk_db, "SELECT count(*) FROM customers", NULL, -1, NULL), >, rounds / 2 * 4500);
  assert_same_records (desk_db, server_db);
  g_assert_cmpint (gx_db_query_int (server_db, "SELECT count(*) FROM change_log", NULL, -1, NULL), ==,
                   gx_db_query_int (desk_db, "SELECT count(*) FROM change_log", NULL, -1, NULL));
  /* Each of the desk's mutations was taken once, and applied: none conflicted with itself. */
  not_applied = gx_db_query_string (server_db, "SELECT group_concat(result) FROM mutations"
                                               " WHERE user_id = ? AND result NOT LIKE '%\"applied\"%'",
                                    g_variant_new ("(s)", user_id), NULL);
  g_assert_null (not_applied);
}

static gboolean
erase_cb (GxDb      *db,
          gpointer   user_data,
          GError   **error)
{
  GxTestDesk *desk = ((gpointer *) user_data)[0];
  const char *customer_id = ((gpointer *) user_data)[1];
  GxWriteMeta meta = { .now = gx_clock_now (desk->clock), .user_id = desk->user_id };

  return gx_customer_erase (db, customer_id, "本人来函要求删除，已核对身份证", &meta, error);
}

/* PIPL art. 47: a person erased at one desk is erased at every desk that held them — the
 * profile anonymous, contacts gone, the contact log's text cleared, the complaint kept without
 * the person in it — and not even in the bytes of the other desk's file. */
static void
test_erasure_reaches_every_desk (Fixture       *fixture,
                                 gconstpointer  data)
{
  GxTestDesk *anna = desk_new (fixture, "anna");
  GxTestDesk *bo = desk_new (fixture, "bo");
  g_autofree char *customer = gx_uuid_v7_new ();
  g_autofree char *contact = gx_uuid_v7_new ();
  g_autofree char *entry = gx_uuid_v7_new ();
  g_autofree char *kase = gx_uuid_v7_new ();
  g_autofree char *fields = new_customer_fields ("C300", "欧阳娜娜", "ordinary", NULL);
  g_autofree char *contact_fields = NULL;
  g_autofree char *entry_fields = NULL;
  g_autofree char *case_fields = NULL;
  g_autofree char *description = NULL;
  g_autofree char *bo_path = NULL;
  g_autoptr(GError) error = NULL;
  GxTestDesk *late;
  GxTestDesk *sup;

  contact_fields = g_strdup_printf ("{\"customer_id\":\"%s\",\"kind\":\"mobile\",\"value\":\"13987654321\"}", customer);
  entry_fields = g_strdup_printf ("{\"customer_id\":\"%s\",\"at\":1795312800,\"channel\":\"visit\",\"place\":\"欧阳娜娜家中\","
                                  "\"subject\":\"欧阳娜娜想了解理财\",\"served\":\"上门讲解\"}", customer);
  case_fields = g_strdup_printf ("{\"number\":\"T300\",\"customer_id\":\"%s\",\"channel\":\"hotline\","
                                 "\"subject\":\"账单疑问\",\"description\":\"欧阳娜娜（13987654321）说燃气费翻倍\","
                                 "\"first_responder_id\":\"%s\",\"received_at\":1795312800,\"created_at\":1795312800,"
                                 "\"updated_at\":1795312800}", customer, anna->user_id);
  gx_test_desk_write (anna, "insert", "customer", customer, fields);
  gx_test_desk_write (anna, "insert", "customer_contact", contact, contact_fields);
  gx_test_desk_write (anna, "insert", "contact_log", entry, entry_fields);
  gx_test_desk_write (anna, "insert", "case", kase, case_fields);
  gx_test_desk_sync (anna);
  gx_test_desk_sync (bo);
  assert_field (bo, "customers", customer, "name", "欧阳娜娜");
  assert_field (bo, "customer_contacts", contact, "value", "13987654321");
  assert_field (bo, "contact_log", entry, "subject", "欧阳娜娜想了解理财");

  /* A desk clerk may not erase anyone: the server refuses it. */
  {
    g_autofree char *mutation_id = gx_uuid_v7_new ();
    g_autofree char *body = g_strdup_printf ("{\"desk_id\":\"bo-desk\",\"mutations\":[{\"mutation_id\":\"%s\","
                                             "\"kind\":\"customer\",\"id\":\"%s\",\"op\":\"update\",\"base_version\":2147483647,"
                                             "\"fields\":{\"name\":\"Erased customer\",\"erased_at\":1795316400}}]}",
                                             mutation_id, customer);
    g_autoptr(JsonNode) answer = NULL;
    g_autofree char *status = NULL;
    g_autofree char *field = NULL;

    g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/push", bo->token, body, &answer), ==, 200);
    status = gx_test_json_dup_string (answer, "$.results[0].status");
    field = gx_test_json_dup_string (answer, "$.results[0].problem.field");
    g_assert_cmpstr (status, !=, "applied");
    g_assert_cmpstr (field, ==, "erased_at");
    gx_test_desk_sync (anna);
    assert_field (anna, "customers", customer, "name", "欧阳娜娜");
  }

  /* Erased on request by the supervisor at her desk, in one transaction. */
  sup = desk_new (fixture, "sup");
  gx_test_desk_sync (sup);
  gx_store_write_sync (sup->store, erase_cb, (gpointer[]) { sup, customer }, &error);
  g_assert_no_error (error);
  gx_test_desk_sync (sup);
  g_assert_cmpint (gx_test_desk_count (sup, "SELECT count(*) FROM outbox"), ==, 0);
  gx_test_desk_sync (anna);
  gx_test_desk_sync (bo);

  for (GxTestDesk **desk = (GxTestDesk *[]) { sup, anna, bo, NULL }; *desk; desk++)
    {
      GxDb *db = gx_store_get_main_reader ((*desk)->store);

      assert_field (*desk, "customers", customer, "name", "Erased customer");
      assert_field (*desk, "customers", customer, "number", "C300");
      g_assert_cmpint (gx_db_query_int (db, "SELECT erased_at IS NOT NULL AND archived_at IS NOT NULL FROM customers WHERE id = ?",
                                        g_variant_new ("(s)", customer), -1, NULL), ==, 1);
      g_assert_cmpint (gx_db_query_int (db, "SELECT count(*) FROM customer_contacts WHERE customer_id = ?",
                                        g_variant_new ("(s)", customer), -1, NULL), ==, 0);
      /* The visit happened; what was said is gone. */
      assert_field (*desk, "contact_log", entry, "subject", "");
      assert_field (*desk, "contact_log", entry, "place", "");
      assert_field (*desk, "contact_log", entry, "channel", "visit");
      /* The complaint is kept, without the person in it. */
      g_free (description);
      description = gx_test_desk_dup_field (*desk, "cases", kase, "description");
      g_assert_cmpstr (description, ==, "[erased]（[erased]）说燃气费翻倍");
      /* The change register keeps that the profile changed, not the name it had. */
      g_assert_cmpint (gx_db_query_int (db, "SELECT count(*) FROM change_log WHERE customer_id = ?"
                                            " AND (old_value LIKE '%欧阳娜娜%' OR new_value LIKE '%欧阳娜娜%')",
                                        g_variant_new ("(s)", customer), -1, NULL), ==, 0);
      /* Nor does the search index find the person any more. */
      g_assert_cmpint (gx_db_query_int (db, "SELECT count(*) FROM customers WHERE name LIKE '%欧阳%'", NULL, -1, NULL), ==, 0);
    }

  /* Clearing the text is all the server lets anyone do to those register entries. */
  {
    g_autofree char *mutation_id = gx_uuid_v7_new ();
    g_autofree char *body = g_strdup_printf ("{\"desk_id\":\"supervisor-desk\",\"mutations\":[{\"mutation_id\":\"%s\","
                                             "\"kind\":\"contact_log\",\"id\":\"%s\",\"op\":\"update\",\"base_version\":2147483647,"
                                             "\"fields\":{\"channel\":\"phone\",\"subject\":\"改写\"}}]}", mutation_id, entry);
    g_autoptr(JsonNode) answer = NULL;
    g_autofree char *status = NULL;

    g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/push", fixture->sup_token, body, &answer), ==, 200);
    status = gx_test_json_dup_string (answer, "$.results[0].status");
    g_assert_cmpstr (status, !=, "applied");
  }

  /* A desk that signs in afterwards never receives the person at all. */
  late = desk_new (fixture, "rel");
  gx_test_desk_sync (late);
  assert_field (late, "customers", customer, "name", "Erased customer");
  g_assert_cmpint (gx_test_desk_count (late, "SELECT count(*) FROM customer_contacts"), ==, 0);
  gx_test_desk_free (late);

  /* And at the other desk, not in the file's bytes once it is closed. */
  bo_path = g_strdup (bo->path);
  gx_test_desk_free (bo);
  g_assert_false (file_contains (bo_path, "欧阳娜娜"));
  g_assert_false (file_contains (bo_path, "13987654321"));
  gx_test_desk_free (anna);
  gx_test_desk_free (sup);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync/two-desks/different-fields-merge", test_two_desks_merge);
  ADD ("/sync/two-desks/same-field-conflict", test_two_desks_conflict);
  ADD ("/sync/two-desks/edit-reaches-online-desk", test_edit_reaches_online_desk);
  ADD ("/sync/visibility/confidential-never-reaches-desk", test_confidential_never_reaches_desk);
  ADD ("/sync/push/parked-does-not-block", test_parked_does_not_block);
  ADD ("/sync/network/offline-then-back", test_offline_then_back);
  ADD ("/sync/network/faulty-network-exactly-once", test_faulty_network);
  ADD ("/sync/crash/desk-killed", test_desk_killed);
  ADD ("/sync/network/signed-out", test_signed_out);
  ADD ("/sync/feed/resync-after-purge", test_resync_after_purge);
  ADD ("/sync/feed/first-sync-many", test_first_sync_many);
  ADD ("/sync/desks/member-numbers-never-clash", test_desk_codes);
  ADD ("/sync/pipl/erasure-reaches-every-desk", test_erasure_reaches_every_desk);
#undef ADD

  return g_test_run ();
}
