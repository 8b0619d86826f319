/* gx-bench-sync.c: how fast a desk syncs with guanxi-server over loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts a real guanxi-server on loopback with a fresh database and times, with a real desk
 * store and its sync client:
 *
 *  - push: N customers and M cases pushed by a client in batches of 1,000, next to the sqlite3
 *    shell inserting the same rows from the same JSON bodies;
 *  - the initial sync of all of them to an empty desk, next to the raw limit: fetching the same
 *    pages of the change feed (curl, and libsoup) plus the sqlite3 shell importing their rows
 *    into an empty desk file, in one transaction, with the desk's indexes and its customer
 *    search index (the terms derived beforehand: the shell cannot derive them);
 *  - the incremental sync of E edits made elsewhere, next to the same raw limit;
 *  - the desk pushing E edits of its own;
 *  - how long one edit at a desk takes to show on another desk that is online.
 *
 * It prints figures and ratios and asserts nothing about time. Both sides run on this machine:
 * on a shared one, wall time measures the neighbours too.
 */

#define G_LOG_DOMAIN "gx-bench-sync"

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "gx-record.h"
#include "gx-store.h"
#include "gx-sync-apply.h"
#include "gx-sync-client.h"
#include "gx-uuid.h"
#include "gx-bench-util.h"

#define PASSWORD "bench-password-1"
#define BATCH 1000
#define T0 1795312800

static int opt_customers = 100000;
static int opt_cases = 100000;
static int opt_edits = 1000;
static int opt_latency_runs = 20;
static char *opt_server = NULL;
static char *opt_keep = NULL;

static const GOptionEntry entries[] = {
  { "customers", 'n', 0, G_OPTION_ARG_INT, &opt_customers, "Customers on the server (default 100,000)", "N" },
  { "cases", 'm', 0, G_OPTION_ARG_INT, &opt_cases, "Cases on the server (default 100,000)", "M" },
  { "edits", 'e', 0, G_OPTION_ARG_INT, &opt_edits, "Edits for the incremental sync and the desk's push (default 1,000)", "E" },
  { "latency-runs", 0, 0, G_OPTION_ARG_INT, &opt_latency_runs, "Edits timed from one online desk to another (default 20)", "R" },
  { "server", 0, 0, G_OPTION_ARG_FILENAME, &opt_server, "The guanxi-server to run (default: this build's)", "PATH" },
  { "keep", 0, 0, G_OPTION_ARG_FILENAME, &opt_keep, "Keep the loaded server in DIR and reuse it next time (the push is then not timed)", "DIR" },
  { NULL }
};

typedef struct
{
  char        *dir;
  char        *url;        /* http://127.0.0.1:PORT, no slash */
  char        *token;
  JsonObject  *user;
  SoupSession *session;
  GSubprocess *server;
} Bench;

/* The server ------------------------------------------------------------------------------ */

static void
server_start (Bench *bench)
{
  g_autofree char *db = g_build_filename (bench->dir, "server.sqlite", NULL);
  g_autoptr(GSubprocess) add = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  if (opt_keep != NULL && g_file_test (db, G_FILE_TEST_EXISTS))
    goto start;
  add = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                          opt_server, "--db", db, "user", "add", "bench", "--role", "supervisor",
                          "--password-stdin", NULL);
  if (add == NULL || !g_subprocess_communicate_utf8 (add, PASSWORD "\n", NULL, NULL, NULL, &error) ||
      g_subprocess_get_exit_status (add) != 0)
    g_error ("cannot add the user: %s", error ? error->message : "guanxi-server failed");

start:
  bench->server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                    opt_server, "--db", db, "--listen", "127.0.0.1:0", NULL);
  if (bench->server == NULL)
    g_error ("cannot start %s: %s", opt_server, error->message);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bench->server));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  if (line == NULL || !g_str_has_prefix (line, "listening on "))
    g_error ("the server did not start");
  bench->url = g_strdup (line + strlen ("listening on "));
  if (g_str_has_suffix (bench->url, "/"))
    bench->url[strlen (bench->url) - 1] = '\0';
}

static GBytes *
http (Bench      *bench,
      const char *method,
      const char *path,
      const char *body,
      gsize       length)
{
  g_autofree char *uri = g_strconcat (bench->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GError) error = NULL;
  GBytes *answer;

  if (bench->token != NULL)
    {
      g_autofree char *header = g_strconcat ("Bearer ", bench->token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (body, length);
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  answer = soup_session_send_and_read (bench->session, msg, NULL, &error);
  if (answer == NULL)
    g_error ("%s %s: %s", method, path, error->message);
  if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    g_error ("%s %s: HTTP %u: %.*s", method, path, soup_message_get_status (msg),
             (int) g_bytes_get_size (answer), (const char *) g_bytes_get_data (answer, NULL));
  return answer;
}

static void
sign_in (Bench *bench)
{
  static const char body[] = "{\"username\":\"bench\",\"password\":\"" PASSWORD "\"}";
  g_autoptr(GBytes) answer = http (bench, "POST", "/api/v1/login", body, strlen (body));
  g_autoptr(JsonNode) node = json_from_string (g_bytes_get_data (answer, NULL), NULL);
  JsonObject *object = json_node_get_object (node);

  bench->token = g_strdup (json_object_get_string_member (object, "token"));
  bench->user = json_object_ref (json_object_get_object_member (object, "user"));
}

/* With --keep, a server database loaded by an earlier run: its customers, in the order they
 * were made, and how many records there are. FALSE when there is none yet. */
static gboolean
kept_customers (Bench     *bench,
                GPtrArray *customers,
                int       *total)
{
  g_autofree char *path = g_build_filename (bench->dir, "server.sqlite", NULL);
  g_autoptr(GxDb) db = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  if (opt_keep == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  db = gx_db_open (path, SQLITE_OPEN_READONLY, &error);
  if (db == NULL)
    g_error ("%s", error->message);
  stmt = gx_db_prepare (db, "SELECT id FROM customers ORDER BY number", &error);
  if (stmt == NULL)
    g_error ("%s", error->message);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (customers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  *total = (int) gx_db_query_int (db, "SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM cases)",
                                  NULL, 0, NULL);
  return customers->len > 0;
}

/* Push ------------------------------------------------------------------------------------ */

static const char * const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周" };
static const char * const given[] = { "伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "军", "杰", "婷" };

/* The push bodies: customers first, then cases spread over them. Saved as files for the
 * sqlite3 shell, which inserts the same rows. */
static GPtrArray *
make_bodies (Bench     *bench,
             GPtrArray *customers)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *user_id = json_object_get_string_member (bench->user, "id");
  int total = opt_customers + opt_cases;

  for (int start = 0; start < total; start += BATCH)
    {
      g_autoptr(GString) body = g_string_new ("{\"desk_id\":\"bench-loader\",\"mutations\":[");
      g_autoptr(GError) error = NULL;
      char *file;

      for (int i = start; i < MIN (total, start + BATCH); i++)
        {
          g_autofree char *id = gx_uuid_v7_new ();
          g_autofree char *mutation_id = gx_uuid_v7_new ();

          if (i > start)
            g_string_append_c (body, ',');
          if (i < opt_customers)
            {
              g_string_append_printf (body, "{\"mutation_id\":\"%s\",\"kind\":\"customer\",\"id\":\"%s\",\"op\":\"insert\","
                                      "\"base_version\":0,\"fields\":{\"number\":\"B%07d\",\"name\":\"%s%s%s\","
                                      "\"company\":\"华东分公司\",\"created_at\":%d,\"updated_at\":%d}}",
                                      mutation_id, id, i, surnames[i % 10], given[(i / 10) % 12],
                                      given[(i / 120) % 12], T0, T0);
              g_ptr_array_add (customers, g_steal_pointer (&id));
            }
          else
            {
              int k = i - opt_customers;

              g_string_append_printf (body, "{\"mutation_id\":\"%s\",\"kind\":\"case\",\"id\":\"%s\",\"op\":\"insert\","
                                      "\"base_version\":0,\"fields\":{\"number\":\"K%07d\",\"customer_id\":\"%s\","
                                      "\"channel\":\"hotline\",\"subject\":\"账单异常\",\"description\":\"本月燃气费翻倍。\","
                                      "\"first_responder_id\":\"%s\",\"received_at\":%d,\"created_at\":%d,\"updated_at\":%d}}",
                                      mutation_id, id, k,
                                      (const char *) customers->pdata[k % MAX (1, opt_customers)],
                                      user_id, T0, T0, T0);
            }
        }
      g_string_append (body, "]}");
      file = g_strdup_printf ("%s/push-%05d.json", bench->dir, start / BATCH);
      if (!g_file_set_contents (file, body->str, body->len, &error))
        g_error ("%s", error->message);
      g_ptr_array_add (files, file);
    }
  return files;
}

static double
push_files (Bench     *bench,
            GPtrArray *files)
{
  double started = now_ms ();

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *body = NULL;
      gsize length;
      g_autoptr(GBytes) answer = NULL;

      g_file_get_contents (files->pdata[i], &body, &length, NULL);
      answer = http (bench, "POST", "/api/v1/push", body, length);
      if (g_strstr_len (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), "\"rejected\"") != NULL)
        g_error ("a seeded mutation was rejected: %.*s", 400, (const char *) g_bytes_get_data (answer, NULL));
    }
  return now_ms () - started;
}

/* The sqlite3 shell ------------------------------------------------------------------------ */

/* An empty desk file, with the schema and indexes a desk has. */
static char *
empty_desk_file (Bench      *bench,
                 const char *name)
{
  char *path = g_build_filename (bench->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = gx_store_open (path, &error);

  if (store == NULL)
    g_error ("%s", error->message);
  gx_store_close (store);
  g_clear_object (&store);

  /* Rows and indexes, without the triggers that call the desk's own SQL functions (the search
   * index's terms): the shell does not have them, and the raw limit is the plain write. */
  {
    g_autoptr(GxDb) db = gx_db_open (path, SQLITE_OPEN_READWRITE, &error);
    g_autoptr(GPtrArray) triggers = g_ptr_array_new_with_free_func (g_free);
    sqlite3_stmt *stmt;

    if (db == NULL)
      g_error ("%s", error->message);
    stmt = gx_db_prepare (db, "SELECT name FROM sqlite_master WHERE type = 'trigger'", &error);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (triggers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    sqlite3_reset (stmt);
    for (guint i = 0; i < triggers->len; i++)
      {
        /* Names from the schema itself, quoted as identifiers. */
        char *sql = sqlite3_mprintf ("DROP TRIGGER \"%w\"", (const char *) triggers->pdata[i]);
        gboolean done = gx_db_exec (db, sql, &error);

        sqlite3_free (sql);
        if (!done)
          g_error ("%s", error->message);
      }
  }
  return path;
}

/* Runs @script with the sqlite3 shell on @db; returns the wall time, or -1 without a shell. */
static double
sqlite3_run (const char *db,
             const char *script)
{
  g_autoptr(GSubprocess) shell = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  double started = now_ms ();

  shell = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, &error, "sqlite3", "-bail", db, NULL);
  if (shell == NULL)
    return -1;
  if (!g_subprocess_communicate_utf8 (shell, script, NULL, NULL, &err, &error))
    g_error ("sqlite3: %s", error->message);
  if (g_subprocess_get_exit_status (shell) != 0)
    g_error ("sqlite3: %s", err);
  return now_ms () - started;
}

#define CUSTOMER_COLUMNS "id, number, name, company, created_at, updated_at, version"
#define CASE_COLUMNS "id, number, customer_id, channel, subject, description, first_responder_id, received_at, " \
                     "created_at, updated_at, version"

/* The rows of the push bodies, inserted by the shell. */
static double
sqlite3_insert_pushed (Bench     *bench,
                       GPtrArray *files)
{
  g_autofree char *db = empty_desk_file (bench, "raw-push.sqlite");
  g_autoptr(GString) script = g_string_new ("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\nBEGIN;\n");

  for (guint i = 0; i < files->len; i++)
    g_string_append_printf (script,
                            "INSERT INTO customers (" CUSTOMER_COLUMNS ") SELECT value->>'id', value->>'fields.number',"
                            " value->>'fields.name', value->>'fields.company', value->>'fields.created_at',"
                            " value->>'fields.updated_at', 1 FROM json_each(readfile('%s'), '$.mutations')"
                            " WHERE value->>'kind' = 'customer';\n"
                            "INSERT INTO cases (" CASE_COLUMNS ") SELECT value->>'id', value->>'fields.number',"
                            " value->>'fields.customer_id', value->>'fields.channel', value->>'fields.subject',"
                            " value->>'fields.description', value->>'fields.first_responder_id',"
                            " value->>'fields.received_at', value->>'fields.created_at', value->>'fields.updated_at', 1"
                            " FROM json_each(readfile('%s'), '$.mutations') WHERE value->>'kind' = 'case';\n",
                            (const char *) files->pdata[i], (const char *) files->pdata[i]);
  g_string_append (script, "COMMIT;\n");
  return sqlite3_run (db, script->str);
}

/* The rows of the feed's pages, inserted (or, with @update, changed) by the shell, in one
 * transaction, into a desk file with the desk's tables and indexes; @search_sql writes the
 * search index entries of the same customers (see save_terms()). */
static double
sqlite3_apply_pages (Bench      *bench,
                     GPtrArray  *pages,
                     const char *db,
                     gboolean    update,
                     const char *search_sql)
{
  g_autoptr(GString) script = g_string_new ("PRAGMA journal_mode=WAL;\nPRAGMA synchronous=NORMAL;\nBEGIN;\n");

  for (guint i = 0; i < pages->len; i++)
    if (update)
      g_string_append_printf (script,
                              "UPDATE customers SET company = c.value->>'record.company', version = c.value->>'version'"
                              " FROM json_each(readfile('%s'), '$.changes') AS c"
                              " WHERE c.value->>'kind' = 'customer' AND customers.id = c.value->>'id';\n",
                              (const char *) pages->pdata[i]);
    else
      g_string_append_printf (script,
                              "INSERT INTO customers (" CUSTOMER_COLUMNS ") SELECT value->>'id', value->>'record.number',"
                              " value->>'record.name', value->>'record.company', value->>'record.created_at',"
                              " value->>'record.updated_at', value->>'version' FROM json_each(readfile('%s'), '$.changes')"
                              " WHERE value->>'kind' = 'customer';\n"
                              "INSERT INTO cases (" CASE_COLUMNS ") SELECT value->>'id', value->>'record.number',"
                              " value->>'record.customer_id', value->>'record.channel', value->>'record.subject',"
                              " value->>'record.description', value->>'record.first_responder_id',"
                              " value->>'record.received_at', value->>'record.created_at', value->>'record.updated_at',"
                              " value->>'version' FROM json_each(readfile('%s'), '$.changes') WHERE value->>'kind' = 'case';\n",
                              (const char *) pages->pdata[i], (const char *) pages->pdata[i]);
  g_string_append (script, search_sql);
  g_string_append (script, "COMMIT;\n");
  return sqlite3_run (db, script->str);
}

#define TERMS_SQL "gx_search_terms (kind, name, number, id_number, company, notes, tags, contact_terms)"

/* The search index terms of the customers in @db (all, or those named in @ids), as the desk
 * derives them, saved for the sqlite3 shell as [{"id", "terms"}…]: the shell cannot derive
 * them, but it writes them into the same index, so the raw limit keeps the index the desk
 * keeps. The deriving is the desk's own work and not part of the limit. */
static char *
save_terms (Bench      *bench,
            const char *db_path,
            GHashTable *ids,
            const char *name)
{
  g_autoptr(GxDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("[");
  char *path = g_build_filename (bench->dir, name, NULL);
  sqlite3_stmt *stmt;

  db = gx_db_open (db_path, SQLITE_OPEN_READONLY, &error);
  if (db == NULL)
    g_error ("%s", error->message);
  stmt = gx_db_prepare (db, "SELECT id, " TERMS_SQL " FROM customers", &error);
  if (stmt == NULL)
    g_error ("%s", error->message);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(JsonNode) terms = json_node_init_string (json_node_alloc (), (const char *) sqlite3_column_text (stmt, 1));
      g_autofree char *text = json_to_string (terms, FALSE);

      if (ids != NULL && !g_hash_table_contains (ids, id))
        continue;
      g_string_append_printf (json, "%s{\"id\":\"%s\",\"terms\":%s}", json->len > 1 ? "," : "", id, text);
    }
  sqlite3_reset (stmt);
  g_string_append (json, "]");
  if (!g_file_set_contents (path, json->str, json->len, &error))
    g_error ("%s", error->message);
  return path;
}

/* The shell's statements that write (@old_terms: rewrite) the search index entries. */
static char *
search_index_sql (const char *terms,
                  const char *old_terms)
{
  g_autofree char *remove = NULL;

  if (old_terms != NULL)
    remove = g_strdup_printf ("INSERT INTO customer_search (customer_search, rowid, terms)"
                              " SELECT 'delete', c.rowid, t.value->>'terms' FROM json_each(readfile('%s')) AS t"
                              " JOIN customers c ON c.id = t.value->>'id';\n", old_terms);
  return g_strdup_printf ("%sINSERT INTO customer_search (rowid, terms)"
                          " SELECT c.rowid, t.value->>'terms' FROM json_each(readfile('%s')) AS t"
                          " JOIN customers c ON c.id = t.value->>'id';\n", remove ? remove : "", terms);
}

/* The raw fetch ---------------------------------------------------------------------------- */

/* Fetches the feed from @since to its end with libsoup, page by page as the desk does, and
 * saves the pages; @urls gets each page's address (for curl). Returns the wall time. */
static double
fetch_pages (Bench      *bench,
             gint64      since,
             const char *prefix,
             GPtrArray  *pages,
             GPtrArray  *urls)
{
  double elapsed = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT "&limit=1000", since);
      g_autofree char *file = g_strdup_printf ("%s/%s-%05u.json", bench->dir, prefix, pages->len);
      g_autoptr(GBytes) page = NULL;
      const char *data, *cursor;
      gsize size;
      double t = now_ms ();

      page = http (bench, "GET", path, NULL, 0);
      elapsed += now_ms () - t;
      data = g_bytes_get_data (page, &size);
      /* The cursor and "more" close the page: read them there, without parsing the page. */
      cursor = g_strrstr_len (data, size, "\"cursor\":");
      g_assert (cursor != NULL);
      since = g_ascii_strtoll (cursor + strlen ("\"cursor\":"), NULL, 10);
      more = g_strrstr_len (cursor, size - (cursor - data), "\"more\":true") != NULL;
      g_file_set_contents (file, data, size, NULL);
      g_ptr_array_add (pages, g_steal_pointer (&file));
      g_ptr_array_add (urls, g_strconcat (bench->url, path, NULL));
    }
  return elapsed;
}

/* The same pages fetched by one curl process over one connection; -1 without curl. */
static double
curl_pages (Bench     *bench,
            GPtrArray *urls)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) curl = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *curl_path = g_find_program_in_path ("curl");
  double started;

  if (curl_path == NULL)
    return -1;
  g_ptr_array_add (argv, g_strdup (curl_path));
  g_ptr_array_add (argv, g_strdup ("-sf"));
  g_ptr_array_add (argv, g_strdup ("-H"));
  g_ptr_array_add (argv, g_strconcat ("Authorization: Bearer ", bench->token, NULL));
  for (guint i = 0; i < urls->len; i++)
    {
      g_ptr_array_add (argv, g_strdup (urls->pdata[i]));
      g_ptr_array_add (argv, g_strdup ("-o"));
      g_ptr_array_add (argv, g_strdup_printf ("%s/curl-%05u.json", bench->dir, i));
    }
  g_ptr_array_add (argv, NULL);

  started = now_ms ();
  curl = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  if (curl == NULL || !g_subprocess_wait_check (curl, NULL, &error))
    g_error ("curl: %s", error->message);
  return now_ms () - started;
}

/* Desks ------------------------------------------------------------------------------------ */

typedef struct
{
  GxStore      *store;
  GxClock      *clock;
  GxSyncClient *client;
  guint         synced;
} Desk;

static void
on_synced_cb (GxSyncClient *client,
              Desk         *desk)
{
  desk->synced++;
}

static gboolean
save_account_cb (GxDb      *db,
                 gpointer   user_data,
                 GError   **error)
{
  Bench *bench = user_data;

  /* A desk of its own (a copied file gets a new desk id). */
  return gx_db_exec (db, "DELETE FROM sync_state WHERE key = 'desk_id'", error) &&
         gx_sync_save_account (db, bench->url, bench->user, error);
}

static Desk *
desk_open (Bench      *bench,
           const char *path)
{
  Desk *desk = g_new0 (Desk, 1);
  g_autoptr(GError) error = NULL;

  desk->store = gx_store_open (path, &error);
  if (desk->store == NULL || !gx_store_write_sync (desk->store, save_account_cb, bench, &error))
    g_error ("%s", error->message);
  desk->clock = gx_clock_new_system ();
  desk->client = gx_sync_client_new (desk->store, desk->clock);
  gx_sync_client_set_timing (desk->client, 50, 2000, 25);
  g_signal_connect (desk->client, "synced", G_CALLBACK (on_synced_cb), desk);
  return desk;
}

static void
desk_close (Desk *desk)
{
  gx_sync_client_stop (desk->client);
  g_signal_handlers_disconnect_by_data (desk->client, desk);
  g_clear_object (&desk->client);
  gx_store_close (desk->store);
  g_clear_object (&desk->store);
  g_clear_object (&desk->clock);
  g_free (desk);
}

static gint64
desk_count (Desk       *desk,
            const char *sql)
{
  return gx_db_query_int (gx_store_get_main_reader (desk->store), sql, NULL, -1, NULL);
}

/* Waits for the desk's next completed sync after which @sql counts @expected. */
static void
desk_wait (Desk       *desk,
           const char *sql,
           gint64      expected)
{
  for (;;)
    {
      guint seen = desk->synced;

      while (desk->synced == seen)
        g_main_context_iteration (NULL, TRUE);
      if (desk_count (desk, sql) == expected)
        return;
    }
}

typedef struct
{
  GPtrArray  *ids;
  guint       first, n;
  const char *user_id;
  const char *tag;
} EditWrite;

static gboolean
edit_cb (GxDb      *db,
         gpointer   user_data,
         GError   **error)
{
  EditWrite *w = user_data;
  GxWriteMeta meta = { .now = T0 + 3600, .user_id = w->user_id };

  for (guint i = w->first; i < w->first + w->n; i++)
    {
      g_autoptr(JsonObject) change = json_object_new ();
      g_autofree char *company = g_strdup_printf ("%s %u", w->tag, i);

      json_object_set_string_member (change, "company", company);
      if (!gx_record_update (db, "customer", w->ids->pdata[i % w->ids->len], change, &meta, error))
        return FALSE;
    }
  return TRUE;
}

/* CPU time --------------------------------------------------------------------------------- */

/* On a shared machine wall time measures the neighbours too; CPU time is each side's own:
 * this process (the desk: its writer, its sync thread), the children it waited for (curl,
 * the sqlite3 shell) and the server. */
typedef struct
{
  double self, children, server;
} Cpu;

static double
rusage_ms (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0 +
         usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;
}

static double
server_cpu_ms (Bench *bench)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", g_subprocess_get_identifier (bench->server));
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (after = strrchr (text, ')')) == NULL)
    return 0;
  fields = g_strsplit (after + 2, " ", 0);
  if (g_strv_length (fields) < 13)
    return 0;
  /* utime and stime, fields 14 and 15 of the line (11 and 12 after the name). */
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) * 1000.0 / sysconf (_SC_CLK_TCK);
}

static Cpu
cpu_now (Bench *bench)
{
  return (Cpu) { rusage_ms (RUSAGE_SELF), rusage_ms (RUSAGE_CHILDREN), server_cpu_ms (bench) };
}

static Cpu
cpu_since (Bench     *bench,
           const Cpu *start)
{
  Cpu now = cpu_now (bench);

  return (Cpu) { now.self - start->self, now.children - start->children, now.server - start->server };
}

/* Main ------------------------------------------------------------------------------------- */

/* The desk's time, the raw limit's parts, and the ratio: the limit is the faster fetch of the
 * same pages plus the sqlite3 shell writing their rows. */
static void
print_raw (const char *what,
           double      desk_ms,
           double      curl_ms,
           double      soup_ms,
           double      import_ms,
           const Cpu  *desk_cpu,
           const Cpu  *curl_cpu,
           const Cpu  *import_cpu)
{
  double fetch_ms = curl_ms > 0 ? MIN (curl_ms, soup_ms) : soup_ms;

  g_print ("  %-44s %9.0f ms\n", what, desk_ms);
  if (curl_ms > 0)
    g_print ("  %-44s %9.0f ms\n", "raw: curl fetching the same pages", curl_ms);
  g_print ("  %-44s %9.0f ms\n", "raw: libsoup fetching the same pages", soup_ms);
  if (import_ms > 0)
    {
      g_print ("  %-44s %9.0f ms\n", "raw: sqlite3 shell, rows + indexes + search", import_ms);
      g_print ("  %-44s %9.0f ms   desk / limit %.1f×\n", "raw limit (fetch + sqlite3)", fetch_ms + import_ms,
               desk_ms / (fetch_ms + import_ms));
    }
  else
    g_print ("  (no sqlite3 shell: the limit is the fetch alone)   desk / fetch %.1f×\n", desk_ms / fetch_ms);
  if (curl_ms > 0 && import_ms > 0)
    {
      double desk = desk_cpu->self + desk_cpu->server;
      double raw = curl_cpu->children + curl_cpu->server + import_cpu->children;

      g_print ("  %-44s %9.0f ms   (desk %.0f + server %.0f)\n", "CPU time: desk and server", desk,
               desk_cpu->self, desk_cpu->server);
      g_print ("  %-44s %9.0f ms   (curl %.0f + server %.0f + sqlite3 %.0f)   desk / limit %.1f×\n",
               "CPU time: raw limit", raw, curl_cpu->children, curl_cpu->server, import_cpu->children, desk / raw);
    }
  g_print ("\n");
}


int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time sync between a desk and guanxi-server");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) bodies = NULL;
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) edit_pages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) edit_urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *template = NULL;
  g_autofree char *desk_path = NULL;
  g_autofree char *raw_desk = NULL;
  g_autofree char *other_path = NULL;
  g_autofree char *old_terms = NULL;
  g_autoptr(GHashTable) edited = g_hash_table_new (g_str_hash, g_str_equal);
  Bench bench = { 0 };
  Desk *desk, *other;
  double sync_ms, soup_ms, curl_ms, import_ms, inc_ms, inc_soup_ms, inc_curl_ms, inc_import_ms;
  double desk_push_ms, push_ms = 0, raw_push_ms = 0;
  gint64 cursor, pushed;
  Cpu sync_cpu, curl_cpu, import_cpu;
  gboolean kept;
  int total;
  /* Each run's edits are its own, also on a server kept from an earlier run. */
  g_autofree char *run_tag = g_strdup_printf ("elsewhere %u", g_random_int_range (0, 1000000));
  g_autofree char *run_like = g_strdup_printf ("SELECT count(*) FROM customers WHERE company LIKE '%s %%'", run_tag);

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_server == NULL)
    opt_server = g_strdup (g_getenv ("GUANXI_SERVER") ? g_getenv ("GUANXI_SERVER") : GX_BENCH_SERVER);
  opt_customers = MAX (opt_customers, 1);
  opt_cases = MAX (opt_cases, 0);
  opt_edits = MAX (opt_edits, 1);
  total = opt_customers + opt_cases;

  if (opt_keep != NULL)
    {
      if (g_mkdir_with_parents (opt_keep, 0700) != 0)
        g_error ("cannot make %s", opt_keep);
      bench.dir = g_strdup (opt_keep);
    }
  else
    {
      template = g_build_filename (g_get_tmp_dir (), "gx-bench-sync-XXXXXX", NULL);
      bench.dir = g_mkdtemp (g_steal_pointer (&template));
    }
  /* What an earlier run left there, but the server. */
  {
    g_autoptr(GDir) dir = g_dir_open (bench.dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      if (!g_str_has_prefix (name, "server.sqlite"))
        {
          g_autofree char *path = g_build_filename (bench.dir, name, NULL);
          g_unlink (path);
        }
  }
  kept = kept_customers (&bench, customers, &total);
  bench.session = soup_session_new_with_options ("timeout", 600, NULL);
  server_start (&bench);
  sign_in (&bench);

  g_print ("guanxi-server on %s, %d customers and %d cases, %d edits (files in %s)\n\n",
           bench.url, kept ? (int) customers->len : opt_customers, kept ? total - (int) customers->len : opt_cases,
           opt_edits, bench.dir);

  /* Push: the server's load, in batches of 1,000. */
  if (kept)
    g_print ("Push: not timed, the server loaded by an earlier run is reused (--keep)\n\n");
  else
    {
      bodies = make_bodies (&bench, customers);
      push_ms = push_files (&bench, bodies);
      raw_push_ms = sqlite3_insert_pushed (&bench, bodies);
      g_print ("Push of %d records (one client, batches of %d)\n", total, BATCH);
      g_print ("  %-44s %9.0f ms   %8.0f mutations/s\n", "pushed, applied, answered", push_ms, total / (push_ms / 1000.0));
      if (raw_push_ms > 0)
        g_print ("  %-44s %9.0f ms   %8.0f rows/s   server / shell %.1f×\n", "raw: the sqlite3 shell inserting the same rows",
                 raw_push_ms, total / (raw_push_ms / 1000.0), push_ms / raw_push_ms);
      g_print ("\n");
    }

  /* Initial sync to an empty desk. */
  desk_path = g_build_filename (bench.dir, "desk.sqlite", NULL);
  desk = desk_open (&bench, desk_path);
  {
    double started = now_ms ();
    g_autofree char *sql = g_strdup ("SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM cases)");
    Cpu cpu = cpu_now (&bench);

    gx_sync_client_set_account (desk->client, bench.url, bench.token);
    desk_wait (desk, sql, total);
    sync_ms = now_ms () - started;
    sync_cpu = cpu_since (&bench, &cpu);
  }
  soup_ms = fetch_pages (&bench, 0, "page", pages, urls);
  {
    Cpu cpu = cpu_now (&bench);

    curl_ms = curl_pages (&bench, urls);
    curl_cpu = cpu_since (&bench, &cpu);
  }
  raw_desk = empty_desk_file (&bench, "raw-desk.sqlite");
  {
    g_autofree char *terms = save_terms (&bench, desk_path, NULL, "terms.json");
    g_autofree char *search_sql = search_index_sql (terms, NULL);
    Cpu cpu = cpu_now (&bench);

    import_ms = sqlite3_apply_pages (&bench, pages, raw_desk, FALSE, search_sql);
    import_cpu = cpu_since (&bench, &cpu);
  }

  g_print ("Initial sync of %d records to an empty desk (%u pages of the feed)\n", total, pages->len);
  print_raw ("desk: pulled, applied, committed", sync_ms, curl_ms, soup_ms, import_ms, &sync_cpu, &curl_cpu, &import_cpu);

  /* Incremental: edits made elsewhere (another desk's push) while this desk was away. */
  gx_sync_client_set_account (desk->client, NULL, NULL);
  cursor = gx_sync_state_get_int (gx_store_get_main_reader (desk->store), "cursor", 0);
  {
    g_autoptr(GString) body = g_string_new ("{\"desk_id\":\"bench-elsewhere\",\"mutations\":[");
    g_autoptr(GBytes) answer = NULL;

    for (int i = 0; i < opt_edits; i++)
      {
        g_autofree char *mutation_id = gx_uuid_v7_new ();

        g_string_append_printf (body, "%s{\"mutation_id\":\"%s\",\"kind\":\"customer\",\"id\":\"%s\",\"op\":\"update\","
                                "\"base_version\":2147483647,\"fields\":{\"company\":\"%s %d\"}}",
                                i > 0 ? "," : "", mutation_id,
                                (const char *) customers->pdata[(i * 7919) % customers->len], run_tag, i);
      }
    g_string_append (body, "]}");
    answer = http (&bench, "POST", "/api/v1/push", body->str, body->len);
    if (g_strstr_len (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), "\"rejected\"") != NULL)
      g_error ("an edit was rejected: %.*s", 400, (const char *) g_bytes_get_data (answer, NULL));
  }
  for (int i = 0; i < opt_edits; i++)
    g_hash_table_add (edited, customers->pdata[(i * 7919) % customers->len]);
  old_terms = save_terms (&bench, raw_desk, edited, "old-terms.json");
  {
    double started = now_ms ();
    const char *sql = run_like;
    gint64 expected = g_hash_table_size (edited);

    Cpu cpu = cpu_now (&bench);

    gx_sync_client_set_account (desk->client, bench.url, bench.token);
    desk_wait (desk, sql, expected);
    inc_ms = now_ms () - started;
    sync_cpu = cpu_since (&bench, &cpu);
  }
  inc_soup_ms = fetch_pages (&bench, cursor, "edits", edit_pages, edit_urls);
  {
    Cpu cpu = cpu_now (&bench);

    inc_curl_ms = curl_pages (&bench, edit_urls);
    curl_cpu = cpu_since (&bench, &cpu);
  }
  {
    g_autofree char *terms = save_terms (&bench, desk_path, edited, "new-terms.json");
    g_autofree char *search_sql = search_index_sql (terms, old_terms);

    Cpu cpu = cpu_now (&bench);

    inc_import_ms = sqlite3_apply_pages (&bench, edit_pages, raw_desk, TRUE, search_sql);
    import_cpu = cpu_since (&bench, &cpu);
  }

  g_print ("Incremental sync of %d edits made elsewhere (%u page%s)\n", opt_edits, edit_pages->len,
           edit_pages->len == 1 ? "" : "s");
  print_raw ("desk: pulled, applied, committed", inc_ms, inc_curl_ms, inc_soup_ms, inc_import_ms,
             &sync_cpu, &curl_cpu, &import_cpu);

  /* The desk's own edits, saved offline, pushed when it comes back. */
  gx_sync_client_set_account (desk->client, NULL, NULL);
  {
    EditWrite w = { customers, 0, opt_edits, json_object_get_string_member (bench.user, "id"), run_tag };

    if (!gx_store_write_sync (desk->store, edit_cb, &w, &error))
      g_error ("%s", error->message);
  }
  pushed = desk_count (desk, "SELECT count(*) FROM outbox");
  {
    double started = now_ms ();

    gx_sync_client_set_account (desk->client, bench.url, bench.token);
    desk_wait (desk, "SELECT count(*) FROM outbox", 0);
    desk_push_ms = now_ms () - started;
  }
  g_print ("The desk pushing %d edits of its own (%" G_GINT64_FORMAT " mutations with the change register's)\n",
           opt_edits, pushed);
  g_print ("  %-44s %9.0f ms   %8.0f mutations/s\n\n", "pushed, answered, outbox emptied", desk_push_ms,
           pushed / (desk_push_ms / 1000.0));

  /* One edit, seen by another desk that is online (a copy of this one, with its own id). */
  desk_close (desk);
  other_path = g_build_filename (bench.dir, "other.sqlite", NULL);
  {
    g_autoptr(GFile) from = g_file_new_for_path (desk_path);
    g_autoptr(GFile) to = g_file_new_for_path (other_path);

    if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
      g_error ("%s", error->message);
  }
  desk = desk_open (&bench, desk_path);
  other = desk_open (&bench, other_path);
  gx_sync_client_set_account (desk->client, bench.url, bench.token);
  gx_sync_client_set_account (other->client, bench.url, bench.token);
  desk_wait (desk, "SELECT count(*) FROM outbox", 0);
  desk_wait (other, "SELECT count(*) FROM outbox", 0);

  for (int run = 0; run < opt_latency_runs; run++)
    {
      g_autofree char *tag = g_strdup_printf ("%s latency %d", run_tag, run);
      g_autofree char *company = g_strdup_printf ("%s %d", tag, run);
      EditWrite w = { customers, run, 1, json_object_get_string_member (bench.user, "id"), tag };
      double started;

      /* Let the other desk settle into its wait on the feed. */
      g_usleep (100 * 1000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      started = now_ms ();
      if (!gx_store_write_sync (desk->store, edit_cb, &w, &error))
        g_error ("%s", error->message);
      while (gx_db_query_int (gx_store_get_main_reader (other->store), "SELECT count(*) FROM customers WHERE company = ?",
                              g_variant_new ("(s)", company), -1, NULL) == 0)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
      {
        double ms = now_ms () - started;
        g_array_append_val (latencies, ms);
      }
    }
  {
    double sum = 0, worst = 0;

    for (guint i = 0; i < latencies->len; i++)
      {
        double ms = g_array_index (latencies, double, i);
        sum += ms;
        worst = MAX (worst, ms);
      }
    g_print ("One edit at a desk, seen at another online desk (%u edits)\n", latencies->len);
    g_print ("  %-44s %9.0f ms   worst %.0f ms\n\n", "mean", latencies->len ? sum / latencies->len : 0.0, worst);
  }

  desk_close (desk);
  desk_close (other);
  g_subprocess_send_signal (bench.server, SIGTERM);
  g_subprocess_wait (bench.server, NULL, NULL);
  g_clear_object (&bench.server);

  /* The files go with the run. */
  {
    g_autoptr(GDir) dir = g_dir_open (bench.dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (bench.dir, name, NULL);

        if (opt_keep == NULL || !g_str_has_prefix (name, "server.sqlite"))
          g_unlink (path);
      }
    if (opt_keep == NULL)
      g_rmdir (bench.dir);
  }

  g_clear_object (&bench.session);
  g_clear_pointer (&bench.user, json_object_unref);
  g_free (bench.url);
  g_free (bench.token);
  g_free (bench.dir);
  return 0;
}
