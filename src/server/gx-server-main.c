/* gx-server-main.c: guanxi-server, the team's sync server, and its user commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "guanxi-server"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "gx-enums.h"
#include "gx-password.h"
#include "gx-server-sqlite.h"
#include "gx-server.h"

#define PURGE_INTERVAL_SECONDS (6 * 3600)

typedef struct
{
  char     *db;
  char     *listen;
  char     *tls_cert;
  char     *tls_key;
  int       token_days;
  int       retention_days;
  int       body_limit_kb;
  char     *role;
  char     *display_name;
  char     *team;
  gboolean  password_stdin;
} Options;

static char *
default_db_path (void)
{
  const char *dir = g_getenv ("GUANXI_DATA_DIR");

  if (dir != NULL && *dir != '\0')
    return g_build_filename (dir, "server.sqlite", NULL);
  return g_build_filename (g_get_user_data_dir (), "guanxi-server", "server.sqlite", NULL);
}

/* The password comes on standard input, never on the command line (where `ps` shows it). */
static char *
read_password (void)
{
  char buffer[1025];
  size_t length;

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    return NULL;

  length = strlen (buffer);
  while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == '\r'))
    buffer[--length] = '\0';

  return length > 0 ? g_strdup (buffer) : NULL;
}

/* user add | list | disable | enable | passwd */
static int
run_user_command (Options  *options,
                  char    **args,
                  int       n_args)
{
  g_autoptr(GxServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxClock) clock = gx_clock_new_system ();
  const char *command = n_args > 0 ? args[0] : NULL;
  const char *name = n_args > 1 ? args[1] : NULL;

  if (command == NULL ||
      (strcmp (command, "list") != 0 && name == NULL) ||
      (strcmp (command, "add") != 0 && strcmp (command, "list") != 0 &&
       strcmp (command, "disable") != 0 && strcmp (command, "enable") != 0 && strcmp (command, "passwd") != 0))
    {
      g_printerr (_("Usage: guanxi-server user add NAME --role ROLE --password-stdin [--display-name TEXT] [--team TEAM]\n"
                    "       guanxi-server user list\n"
                    "       guanxi-server user disable|enable NAME\n"
                    "       guanxi-server user passwd NAME --password-stdin\n"));
      return 2;
    }

  storage = gx_server_sqlite_new (options->db, &error);
  if (storage == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (strcmp (command, "list") == 0)
    {
      g_autoptr(GPtrArray) users = gx_server_storage_list_users (storage, &error);

      if (users == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      for (guint i = 0; i < users->len; i++)
        {
          GxServerUser *user = users->pdata[i];

          g_print ("%s\t%s\t%s\t%s\t%s\n", user->username, gx_role_to_code (user->role), user->display_name,
                   user->team, user->active ? "active" : "disabled");
        }
      return 0;
    }

  if (strcmp (command, "disable") == 0 || strcmp (command, "enable") == 0)
    {
      if (!gx_server_storage_set_active (storage, name, strcmp (command, "enable") == 0, gx_clock_now (clock), &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      return 0;
    }

  /* add, passwd */
  {
    g_autofree char *password = NULL;
    g_autofree char *hash = NULL;

    if (!options->password_stdin)
      {
        g_printerr (_("Give the password on standard input with --password-stdin.\n"));
        return 2;
      }
    password = read_password ();
    if (password == NULL || g_utf8_strlen (password, -1) < 8)
      {
        g_printerr (_("The password must have at least 8 characters.\n"));
        return 2;
      }
    hash = gx_password_hash (password, &error);
    if (hash == NULL)
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }

    if (strcmp (command, "passwd") == 0)
      {
        if (!gx_server_storage_set_password (storage, name, hash, gx_clock_now (clock), &error))
          {
            g_printerr ("%s\n", error->message);
            return 1;
          }
        return 0;
      }

    if (options->role == NULL || !gx_vocab_contains (GX_VOCAB_ROLE, options->role))
      {
        g_printerr (_("Give the user's role with --role: desk, relationship, supervisor or admin.\n"));
        return 2;
      }
    if (!g_utf8_validate (name, -1, NULL) || strlen (name) > 64 || strpbrk (name, " \t\r\n/") != NULL)
      {
        g_printerr (_("A user name has at most 64 characters and no spaces or slashes.\n"));
        return 2;
      }

    {
      GxServerUser user = {
        .username = (char *) name,
        .display_name = options->display_name ? options->display_name : (char *) name,
        .role = gx_role_from_code (options->role),
        .team = options->team ? options->team : (char *) "",
        .active = TRUE,
      };

      if (!gx_server_storage_add_user (storage, &user, hash, gx_clock_now (clock), &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
  }

  return 0;
}

/* purge: what `serve` does every few hours, now (for cron, or after a long outage). */
static int
run_purge (Options *options)
{
  g_autoptr(GxServerStorage) storage = NULL;
  g_autoptr(GxClock) clock = gx_clock_new_system ();
  g_autoptr(GError) error = NULL;

  if (options->retention_days < 0)
    {
      g_printerr (_("--retention-days cannot be negative.\n"));
      return 2;
    }

  storage = gx_server_sqlite_new (options->db, &error);
  if (storage == NULL ||
      !gx_server_storage_purge (storage, gx_clock_now (clock) - (gint64) options->retention_days * 24 * 3600, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}

static gboolean
on_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  GxServerStorage *storage;
  GxClock         *clock;
  gint64           retention;
} Purge;

static void
purge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Purge *purge = task_data;
  g_autoptr(GError) error = NULL;

  if (!gx_server_storage_purge (purge->storage, gx_clock_now (purge->clock) - purge->retention, &error))
    g_printerr (_("Old deletions could not be purged: %s\n"), error->message);
  g_task_return_boolean (task, TRUE);
}

static gboolean
purge_cb (gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, user_data, NULL);
  g_task_run_in_thread (task, purge_thread);
  return G_SOURCE_CONTINUE;
}

static int
serve (Options *options)
{
  g_autoptr(GxServerStorage) storage = NULL;
  g_autoptr(GxServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GxClock) clock = gx_clock_new_system ();
  g_autofree char *host = NULL;
  g_autoslist(GUri) uris = NULL;
  Purge purge;
  const char *colon;
  guint64 port = 0;

  colon = strrchr (options->listen, ':');
  if (colon == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    {
      g_printerr (_("--listen needs ADDR:PORT, e.g. 127.0.0.1:8765\n"));
      return 2;
    }
  host = g_strndup (options->listen, colon - options->listen);
  if (host[0] == '[' && host[strlen (host) - 1] == ']')
    {
      memmove (host, host + 1, strlen (host));
      host[strlen (host) - 1] = '\0';
    }
  address = g_inet_socket_address_new_from_string (host, (guint) port);
  if (address == NULL)
    {
      g_printerr (_("“%s” is not an IP address\n"), host);
      return 2;
    }

  if ((options->tls_cert == NULL) != (options->tls_key == NULL))
    {
      g_printerr (_("HTTPS needs both --tls-cert and --tls-key.\n"));
      return 2;
    }
  if (options->tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (options->tls_cert, options->tls_key, &error);
      if (certificate == NULL)
        {
          g_printerr (_("The certificate cannot be used: %s\n"), error->message);
          return 1;
        }
    }

  storage = gx_server_sqlite_new (options->db, &error);
  if (storage == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  server = gx_server_new (storage, clock);
  if (options->token_days > 0)
    gx_server_set_token_lifetime (server, (gint64) options->token_days * 24 * 3600);
  if (options->body_limit_kb > 0)
    gx_server_set_body_limit (server, (gsize) options->body_limit_kb * 1024);

  if (!gx_server_listen (server, address, certificate, &error))
    {
      g_printerr (_("Cannot listen on %s: %s\n"), options->listen, error->message);
      return 1;
    }

  /* The port actually bound, for tests that ask for port 0. */
  uris = gx_server_get_uris (server);
  for (GSList *l = uris; l != NULL; l = l->next)
    {
      g_autofree char *uri = g_uri_to_string (l->data);
      g_print ("listening on %s\n", uri);
    }
  fflush (stdout);

  purge = (Purge) { storage, clock, (gint64) options->retention_days * 24 * 3600 };
  purge_cb (&purge);
  g_timeout_add_seconds (PURGE_INTERVAL_SECONDS, purge_cb, &purge);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal_cb, loop);
  g_unix_signal_add (SIGINT, on_signal_cb, loop);
  g_main_loop_run (loop);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Options options = { .token_days = 30, .retention_days = 30 };
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &options.db, N_("The server's database file"), N_("PATH") },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &options.listen, N_("Address and port to listen on (default 127.0.0.1:8765)"), N_("ADDR:PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &options.tls_cert, N_("Serve HTTPS with this PEM certificate"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &options.tls_key, N_("The certificate's PEM private key"), N_("FILE") },
    { "token-days", 0, 0, G_OPTION_ARG_INT, &options.token_days, N_("Days a sign-in lasts (default 30)"), N_("DAYS") },
    { "retention-days", 0, 0, G_OPTION_ARG_INT, &options.retention_days, N_("Days deletions are kept for desks to catch up (default 30)"), N_("DAYS") },
    { "body-limit", 0, 0, G_OPTION_ARG_INT, &options.body_limit_kb, N_("Largest request body in KiB (default 8192)"), N_("KIB") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &options.role, N_("user add: desk, relationship, supervisor or admin"), N_("ROLE") },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &options.display_name, N_("user add: the name the desks show"), N_("TEXT") },
    { "team", 0, 0, G_OPTION_ARG_STRING, &options.team, N_("user add: the user's team"), N_("TEAM") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &options.password_stdin, N_("user add, user passwd: read the password from standard input"), NULL },
    { NULL }
  };
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GUANXI_LOCALEDIR") ? g_getenv ("GUANXI_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("[serve | purge | user add|list|disable|enable|passwd [NAME]]"));
  g_option_context_set_summary (context, _("Serves Guanxi desks: sync, users and the audit log."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (options.db == NULL)
    options.db = default_db_path ();
  if (options.listen == NULL)
    options.listen = g_strdup ("127.0.0.1:8765");
  if (argc > 1 && strcmp (argv[1], "user") == 0)
    status = run_user_command (&options, argv + 2, argc - 2);
  else if (argc > 1 && strcmp (argv[1], "purge") == 0)
    status = run_purge (&options);
  else if (argc > 1 && strcmp (argv[1], "serve") != 0)
    {
      g_printerr (_("Unknown command “%s”. Run guanxi-server --help.\n"), argv[1]);
      status = 2;
    }
  else
    {
      if (options.retention_days < 1)
        options.retention_days = 1;
      status = serve (&options);
    }

  g_free (options.db);
  g_free (options.listen);
  g_free (options.tls_cert);
  g_free (options.tls_key);
  g_free (options.role);
  g_free (options.display_name);
  g_free (options.team);
  return status;
}
