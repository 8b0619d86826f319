/* gx-test-server.h: a real guanxi-server process on loopback, and an HTTP client for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "gx-test-util.h"

G_BEGIN_DECLS

typedef struct
{
  char        *dir;
  char        *db;
  char        *url;         /* http://127.0.0.1:PORT/ */
  guint16      port;
  GSubprocess *process;
  SoupSession *session;
  GPtrArray   *extra_args;
} GxTestServer;

/* A server outlives no test: it dies with the test process, even one that aborted. */
static inline void
gx_test_die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static inline GSubprocess *
gx_test_spawn (GSubprocessFlags     flags,
               const char * const  *argv,
               GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, gx_test_die_with_parent, NULL, NULL);
  return g_subprocess_launcher_spawnv (launcher, argv, error);
}

static inline const char *
gx_test_server_program (void)
{
  const char *program = g_getenv ("GUANXI_SERVER");

  g_assert_nonnull (program);
  return program;
}

/* Runs `guanxi-server --db DB ARGS…` to the end, with @input on its standard input. */
static inline int
gx_test_server_run (GxTestServer *server,
                    const char   *input,
                    const char   *first_arg,
                    ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) gx_test_server_program ());
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, server->db);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = gx_test_spawn (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                           (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (process);
}

static inline void
gx_test_server_add_user (GxTestServer *server,
                         const char   *name,
                         const char   *role,
                         const char   *password,
                         const char   *team)
{
  g_autofree char *input = g_strconcat (password, "\n", NULL);

  g_assert_cmpint (gx_test_server_run (server, input, "user", "add", name, "--role", role,
                                       "--team", team ? team : "", "--password-stdin", NULL), ==, 0);
}

static inline GxTestServer *
gx_test_server_new (const char *dir)
{
  GxTestServer *server = g_new0 (GxTestServer, 1);

  server->dir = g_strdup (dir);
  server->db = g_build_filename (dir, "server.sqlite", NULL);
  server->session = soup_session_new_with_options ("timeout", 60, NULL);
  server->extra_args = g_ptr_array_new_with_free_func (g_free);
  return server;
}

/* Starts the server; the first start picks a port, restarts keep it. The port is drawn below
 * the kernel's ephemeral range (32768 and up), where servers asking for port 0 land: a
 * server of a parallel test can then never take the port of one that is restarting. */
static inline void
gx_test_server_start (GxTestServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gboolean fixed = server->port != 0;

  g_assert_null (server->process);

  /* A restart right after a kill may find the port not yet free. */
  for (int attempt = 0; attempt < 50 && line == NULL; attempt++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(GDataInputStream) out = NULL;
      g_autofree char *listen = NULL;
      guint16 port = fixed ? server->port : (guint16) g_random_int_range (10000, 32000);

      listen = g_strdup_printf ("127.0.0.1:%u", port);
      g_ptr_array_add (argv, (gpointer) gx_test_server_program ());
      g_ptr_array_add (argv, (gpointer) "--db");
      g_ptr_array_add (argv, server->db);
      g_ptr_array_add (argv, (gpointer) "--listen");
      g_ptr_array_add (argv, listen);
      for (guint i = 0; i < server->extra_args->len; i++)
        g_ptr_array_add (argv, server->extra_args->pdata[i]);
      g_ptr_array_add (argv, NULL);

      g_clear_object (&server->process);
      g_clear_error (&error);
      server->process = gx_test_spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE, (const char * const *) argv->pdata, &error);
      g_assert_no_error (error);

      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
      line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
      if (line != NULL && g_str_has_prefix (line, "listening on "))
        {
          server->port = port;
          break;
        }
      g_clear_pointer (&line, g_free);
      g_subprocess_wait (server->process, NULL, NULL);
      if (fixed)
        g_usleep (100 * 1000);
    }
  g_assert_nonnull (line);

  g_free (server->url);
  server->url = g_strdup_printf ("http://127.0.0.1:%u/", server->port);
}

static inline void
gx_test_server_signal (GxTestServer *server,
                       int           signal_number)
{
  g_autoptr(GError) error = NULL;

  if (server->process == NULL)
    return;

  g_subprocess_send_signal (server->process, signal_number);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&server->process);
}

static inline void
gx_test_server_stop (GxTestServer *server)
{
  gx_test_server_signal (server, SIGTERM);
}

static inline void
gx_test_server_kill (GxTestServer *server)
{
  gx_test_server_signal (server, SIGKILL);
}

static inline void
gx_test_server_free (GxTestServer *server)
{
  gx_test_server_stop (server);
  g_clear_object (&server->session);
  g_ptr_array_unref (server->extra_args);
  g_free (server->dir);
  g_free (server->db);
  g_free (server->url);
  g_free (server);
}

/* An HTTP request with an optional JSON body; returns the status and the parsed answer. */
static inline guint
gx_test_http_raw (GxTestServer  *server,
                  const char    *method,
                  const char    *path,
                  const char    *token,
                  const char    *content_type,
                  const char    *body,
                  gssize         body_length,
                  JsonNode     **answer,
                  char         **answer_type)
{
  g_autofree char *uri = g_strconcat (server->url, path[0] == '/' ? path + 1 : path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *type;

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *header = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
    }
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept-Language", "en");
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, body_length < 0 ? strlen (body) : (gsize) body_length);
      soup_message_set_request_body_from_bytes (msg, content_type ? content_type : "application/json", request);
    }

  bytes = soup_session_send_and_read (server->session, msg, NULL, &error);
  g_assert_no_error (error);

  type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);
  if (answer_type != NULL)
    *answer_type = g_strdup (type);
  if (answer != NULL)
    {
      *answer = NULL;
      if (g_bytes_get_size (bytes) > 0)
        {
          g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
          *answer = json_from_string (text, &error);
          g_assert_no_error (error);
        }
    }

  return soup_message_get_status (msg);
}

static inline guint
gx_test_http (GxTestServer  *server,
              const char    *method,
              const char    *path,
              const char    *token,
              const char    *body,
              JsonNode     **answer)
{
  return gx_test_http_raw (server, method, path, token, NULL, body, -1, answer, NULL);
}

/* Signs in and returns the token; the user's id in @user_id. */
static inline char *
gx_test_login (GxTestServer  *server,
               const char    *username,
               const char    *password,
               char         **user_id)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}", username, password);
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *object;

  g_assert_cmpuint (gx_test_http (server, "POST", "/api/v1/login", NULL, body, &answer), ==, 200);
  object = json_node_get_object (answer);
  if (user_id != NULL)
    *user_id = g_strdup (json_object_get_string_member (json_object_get_object_member (object, "user"), "id"));
  return g_strdup (json_object_get_string_member (object, "token"));
}

/* The first string a JSONPath finds in @node, or %NULL. */
static inline char *
gx_test_json_dup_string (JsonNode   *node,
                         const char *path)
{
  g_autoptr(JsonNode) found = json_path_query (path, node, NULL);
  JsonArray *matches = json_node_get_array (found);
  JsonNode *first;

  if (json_array_get_length (matches) == 0)
    return NULL;
  first = json_array_get_element (matches, 0);
  if (!JSON_NODE_HOLDS_VALUE (first) || json_node_get_value_type (first) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (first));
}

G_END_DECLS
