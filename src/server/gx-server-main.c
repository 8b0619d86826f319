/* gx-server-main.c: guanxi-server, the team's sync server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guanxi-server"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <locale.h>

static void
send_json (SoupServerMessage *msg,
           guint              status,
           JsonBuilder       *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *body = NULL;
  gsize len;

  json_generator_set_root (generator, root);
  body = json_generator_to_data (generator, &len);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&body), len);
}

/* GET /api/v1/health: unauthenticated liveness, for load balancers and the desk's
 * "can I reach the server" check. */
static void
health_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (g_strcmp0 (soup_server_message_get_method (msg), "GET") != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      soup_message_headers_append (soup_server_message_get_response_headers (msg), "Allow", "GET");
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ok");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_end_object (builder);
  send_json (msg, SOUP_STATUS_OK, builder);
}

static gboolean
on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetSocketAddress) address = NULL;
  g_autofree char *listen = NULL;
  GOptionEntry entries[] = {
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, N_("Address and port to listen on (default 127.0.0.1:8765)"), N_("ADDR:PORT") },
    { NULL }
  };
  g_autofree char *host = NULL;
  guint16 port = 8765;
  const char *colon;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Serves Guanxi desks: sync, users and the audit log."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (listen == NULL)
    listen = g_strdup ("127.0.0.1:8765");
  colon = strrchr (listen, ':');
  if (colon == NULL || (port = (guint16) g_ascii_strtoull (colon + 1, NULL, 10), colon[1] == '\0'))
    {
      g_printerr (_("--listen needs ADDR:PORT, e.g. 127.0.0.1:8765\n"));
      return 2;
    }
  host = g_strndup (listen, colon - listen);
  address = G_INET_SOCKET_ADDRESS (g_inet_socket_address_new_from_string (host, port));
  if (address == NULL)
    {
      g_printerr (_("“%s” is not an IP address\n"), host);
      return 2;
    }

  server = soup_server_new ("server-header", "guanxi-server/" PACKAGE_VERSION, NULL);
  soup_server_add_handler (server, "/api/v1/health", health_cb, NULL, NULL);

  if (!soup_server_listen (server, G_SOCKET_ADDRESS (address), 0, &error))
    {
      g_printerr (_("Cannot listen on %s: %s\n"), listen, error->message);
      return 1;
    }

  /* The port actually bound, for tests that ask for port 0. */
  for (GSList *uris = soup_server_get_uris (server), *l = uris; l; l = l->next)
    {
      g_autofree char *uri = g_uri_to_string (l->data);
      g_print ("listening on %s\n", uri);
      if (l->next == NULL)
        g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_main_loop_run (loop);

  return 0;
}
