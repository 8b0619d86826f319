/* test-ui-sync.c: signing in at the desk, the header's sync state, conflicts and refused changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real guanxi-server on loopback, a real keyring daemon on the test's session bus, the real
 * application window under Xvfb. With GX_SCREENSHOT_DIR set, the screen is saved at each step
 * (run once with LANGUAGE=zh_CN for the Chinese screens).
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <locale.h>

#include "gx-app-resources.h"
#include "gx-application.h"
#include "gx-keyring.h"
#include "gx-record.h"
#include "gx-sign-in-dialog.h"
#include "gx-sync-client.h"
#include "gx-sync-indicator.h"
#include "gx-sync-issues-dialog.h"
#include "gx-uuid.h"
#include "gx-test-notifications.h"
#include "gx-test-server.h"
#include "gx-test-ui.h"
#include "gx-window.h"

#define PASSWORD "password-1"

static GxApplication *the_app;
static GSubprocess *keyring;

/* Runs the main loop until @check holds, for at most @seconds. */
static void
wait_until (gboolean    (*check) (gpointer),
            gpointer      data,
            const char   *what)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!check (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static void
screenshot (const char *name)
{
  const char *dir = g_getenv ("GX_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GSubprocess) import = NULL;

  if (dir == NULL)
    return;

  gx_test_iterate_for (400);
  path = g_build_filename (dir, name, NULL);
  import = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "import", "-window", "root", path, NULL);
  if (import != NULL)
    g_subprocess_wait (import, NULL, NULL);
}

static GtkWidget *
find_by_label (GtkWidget  *widget,
               const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0 &&
      gtk_widget_get_mapped (widget) && gtk_widget_is_sensitive (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_label (child, label);
      if (found)
        return found;
    }
  return NULL;
}

static const char *
indicator_label (GxWindow *window)
{
  GtkWidget *indicator = gx_test_find_descendant (GTK_WIDGET (window), GX_TYPE_SYNC_INDICATOR);
  GtkWidget *button = gx_test_find_descendant (indicator, GTK_TYPE_MENU_BUTTON);
  GtkWidget *label = gx_test_find_descendant (button, GTK_TYPE_LABEL);

  return gtk_label_get_label (GTK_LABEL (label));
}

static GxContext *
window_context (GxWindow *window)
{
  GxContext *context;

  g_object_get (window, "context", &context, NULL);
  g_object_unref (context);
  return context;
}

typedef struct
{
  GxTestServer *server;
  char         *dir;
  char         *sup_token;
  GxWindow     *window;
} Fixture;

static gboolean
account_window_open (gpointer data)
{
  Fixture *fixture = data;
  GxWindow *window = GX_WINDOW (gx_test_find_toplevel (GX_TYPE_WINDOW));

  if (window == NULL || strstr (gx_store_get_path (gx_context_get_store (window_context (window))), "anna@127.0.0.1-") == NULL)
    return FALSE;
  fixture->window = window;
  return TRUE;
}

static gboolean
shows_synced (gpointer data)
{
  Fixture *fixture = data;

  g_autofree char *prefix = g_strdup (_("Synced %s"));

  *strstr (prefix, "%s") = '\0';
  return g_str_has_prefix (indicator_label (fixture->window), prefix);
}

static gboolean
error_shown (gpointer data)
{
  GtkWidget *dialog = data;

  return gtk_widget_has_css_class (gx_test_find_descendant (dialog, ADW_TYPE_PASSWORD_ENTRY_ROW), "error");
}

typedef struct
{
  gboolean  done;
  char     *token;
} Lookup;

static void
on_token_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Lookup *lookup = user_data;

  lookup->token = gx_keyring_lookup_finish (result, NULL);
  lookup->done = TRUE;
}

static gboolean
lookup_done (gpointer data)
{
  return ((Lookup *) data)->done;
}

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  return gx_db_query_int (gx_store_get_main_reader (gx_context_get_store (window_context (fixture->window))),
                          sql, NULL, -1, NULL);
}

static gboolean
no_conflicts (gpointer data)
{
  return count (data, "SELECT count(*) FROM sync_conflicts") == 0 &&
         count (data, "SELECT count(*) FROM outbox") == 0;
}

static gboolean
one_conflict (gpointer data)
{
  return count (data, "SELECT count(*) FROM sync_conflicts") == 1;
}

/* The change and its change-register entry, both refused. */
static gboolean
all_parked (gpointer data)
{
  static gint64 last;
  Fixture *fixture = data;

  if (g_get_monotonic_time () - last > 3 * G_USEC_PER_SEC)
    {
      GxSyncClient *client = gx_context_get_sync_client (window_context (fixture->window));

      last = g_get_monotonic_time ();
      g_test_message ("waiting: %ld parked, %ld to send, %ld customers, sync state %d (%s)",
                      (long) count (data, "SELECT count(*) FROM outbox WHERE parked_reason IS NOT NULL"),
                      (long) count (data, "SELECT count(*) FROM outbox WHERE parked_reason IS NULL"),
                      (long) count (data, "SELECT count(*) FROM customers"),
                      gx_sync_client_get_state (client), gx_sync_client_get_message (client));
    }
  return count (data, "SELECT count(*) FROM outbox WHERE parked_reason IS NOT NULL") == 2 &&
         count (data, "SELECT count(*) FROM outbox WHERE parked_reason IS NULL") == 0;
}

static gboolean
customer_arrived (gpointer data)
{
  return count (data, "SELECT count(*) FROM customers WHERE number = 'C001'") == 1;
}

static gboolean
outbox_empty (gpointer data)
{
  return count (data, "SELECT count(*) FROM outbox") == 0;
}

static void
server_push (Fixture    *fixture,
             const char *kind,
             const char *id,
             const char *op,
             const char *fields)
{
  g_autofree char *mutation_id = gx_uuid_v7_new ();
  g_autofree char *body = g_strdup_printf ("{\"desk_id\":\"sup\",\"mutations\":[{\"mutation_id\":\"%s\",\"kind\":\"%s\","
                                           "\"id\":\"%s\",\"op\":\"%s\",\"base_version\":2147483647,\"fields\":%s}]}",
                                           mutation_id, kind, id, op, fields);
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *status = NULL;

  g_assert_cmpuint (gx_test_http (fixture->server, "POST", "/api/v1/push", fixture->sup_token, body, &answer), ==, 200);
  status = gx_test_json_dup_string (answer, "$.results[0].status");
  g_assert_cmpstr (status, ==, "applied");
}

typedef struct
{
  const char *id;
  const char *notes;
  gint64      now;
  const char *user_id;
} NotesWrite;

static gboolean
write_notes_cb (GxDb      *db,
                gpointer   user_data,
                GError   **error)
{
  NotesWrite *w = user_data;
  g_autoptr(JsonObject) changes = json_object_new ();
  GxWriteMeta meta = { .now = w->now, .user_id = w->user_id };

  json_object_set_string_member (changes, "notes", w->notes);
  return gx_record_update (db, "customer", w->id, changes, &meta, error);
}

/* An edit as the customer form saves it. */
static void
desk_edit (Fixture    *fixture,
           const char *id,
           const char *notes)
{
  GxContext *context = window_context (fixture->window);
  NotesWrite w = { id, notes, gx_clock_now (gx_context_get_clock (context)), gx_context_get_user_id (context) };
  g_autoptr(GError) error = NULL;

  gx_store_write_sync (gx_context_get_store (context), write_notes_cb, &w, &error);
  g_assert_no_error (error);
}

static void
click (GtkWidget  *root,
       const char *label)
{
  GtkWidget *button = find_by_label (root, label);

  if (button == NULL)
    g_error ("no button “%s”", label);
  g_signal_emit_by_name (button, "clicked");
}

static void
test_sign_in_sync_and_resolve (void)
{
  Fixture fixture = { 0 };
  GtkWindow *local_window;
  GtkWidget *dialog;
  GtkWidget *indicator;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;
  g_autofree char *customer = gx_uuid_v7_new ();
  g_autofree char *fields = NULL;
  GxSyncClient *client;

  fixture.dir = g_strdup (gx_test_make_dir ());
  g_setenv ("GUANXI_DATA_DIR", fixture.dir, TRUE);
  fixture.server = gx_test_server_new (fixture.dir);
  gx_test_server_add_user (fixture.server, "anna", "desk", PASSWORD, "east");
  gx_test_server_add_user (fixture.server, "sup", "supervisor", PASSWORD, "east");
  gx_test_server_start (fixture.server);
  fixture.sup_token = gx_test_login (fixture.server, "sup", PASSWORD, NULL);
  url = g_strndup (fixture.server->url, strlen (fixture.server->url) - 1);

  /* A new desk: the local archive, no server. */
  g_application_activate (G_APPLICATION (the_app));
  gx_test_iterate_for (500);
  local_window = gx_test_find_toplevel (GX_TYPE_WINDOW);
  g_assert_nonnull (local_window);
  g_assert_cmpstr (indicator_label (GX_WINDOW (local_window)), ==, _("Offline"));
  indicator = gx_test_find_descendant (GTK_WIDGET (local_window), GX_TYPE_SYNC_INDICATOR);
  gtk_menu_button_popup (GTK_MENU_BUTTON (gx_test_find_descendant (indicator, GTK_TYPE_MENU_BUTTON)));
  screenshot ("sync-01-local.png");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (gx_test_find_descendant (indicator, GTK_TYPE_MENU_BUTTON)));

  /* Sign in from the header; a wrong address is marked on its field. */
  g_action_group_activate_action (G_ACTION_GROUP (the_app), "sign-in", NULL);
  gx_test_iterate_for (300);
  dialog = GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_SIGN_IN_DIALOG));
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (gx_test_find_descendant (dialog, ADW_TYPE_ENTRY_ROW)), "ftp://crm.example.com");
  gtk_widget_activate_action (dialog, "dialog.sign-in", NULL);
  g_assert_true (gtk_widget_has_css_class (gx_test_find_descendant (dialog, ADW_TYPE_ENTRY_ROW), "error"));
  screenshot ("sync-02-sign-in-bad-address.png");

  /* A wrong password: said next to the password, everything typed kept. */
  {
    GtkWidget *rows[3];
    int n = 0;

    for (GtkWidget *row = gx_test_find_descendant (dialog, ADW_TYPE_ENTRY_ROW); row && n < 3; row = gtk_widget_get_next_sibling (row))
      if (ADW_IS_ENTRY_ROW (row))
        rows[n++] = row;
    g_assert_cmpint (n, ==, 3);
    gtk_editable_set_text (GTK_EDITABLE (rows[0]), url);
    gtk_editable_set_text (GTK_EDITABLE (rows[1]), "anna");
    gtk_editable_set_text (GTK_EDITABLE (rows[2]), "not-her-password");
    gtk_widget_activate_action (dialog, "dialog.sign-in", NULL);
    wait_until (error_shown, dialog, "the wrong password to be marked");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rows[1])), ==, "anna");
    screenshot ("sync-03-sign-in-wrong-password.png");

    gtk_editable_set_text (GTK_EDITABLE (rows[2]), PASSWORD);
    gtk_widget_activate_action (dialog, "dialog.sign-in", NULL);
  }

  /* Signed in: the account's own archive opens, and syncs. */
  wait_until (account_window_open, &fixture, "the account's window");
  g_assert_true (local_window != GTK_WINDOW (fixture.window));
  wait_until (shows_synced, &fixture, "“Synced”");
  client = gx_context_get_sync_client (window_context (fixture.window));
  g_assert_nonnull (client);
  screenshot ("sync-04-synced.png");

  /* The token is in the keyring, not in a file. */
  for (int attempt = 0; token == NULL && attempt < 100; attempt++)
    {
      Lookup lookup = { FALSE, NULL };

      /* The sign-in stores it while the window opens: give it a moment. */
      if (attempt > 0)
        gx_test_iterate_for (100);
      gx_keyring_lookup_async (url, "anna", NULL, on_token_cb, &lookup);
      wait_until (lookup_done, &lookup, "the keyring");
      token = lookup.token;
    }
  g_assert_nonnull (token);

  /* A customer arrives from the server. */
  fields = g_strdup_printf ("{\"number\":\"C001\",\"name\":\"王伟\",\"created_at\":1,\"updated_at\":1}");
  server_push (&fixture, "customer", customer, "insert", fields);
  wait_until (customer_arrived, &fixture, "the customer");

  /* The same field changed here and on the server while this desk was away: a conflict. */
  gx_sync_client_set_account (client, url, NULL);
  server_push (&fixture, "customer", customer, "update", "{\"notes\":\"周末勿扰\"}");
  desk_edit (&fixture, customer, "只在上午联系");
  gx_sync_client_set_account (client, url, token);
  wait_until (one_conflict, &fixture, "the conflict");
  gx_test_iterate_for (200);
  {
    g_autofree char *expected = g_strdup_printf (ngettext ("%d conflict", "%d conflicts", 1), 1);
    g_assert_cmpstr (indicator_label (fixture.window), ==, expected);
  }
  screenshot ("sync-05-conflict.png");

  /* Resolved in the dialog the header offers: keep mine. It syncs. */
  g_action_group_activate_action (G_ACTION_GROUP (the_app), "show-sync-issues", NULL);
  gx_test_iterate_for (300);
  dialog = GTK_WIDGET (gx_test_find_toplevel (GX_TYPE_SYNC_ISSUES_DIALOG));
  g_assert_nonnull (dialog);
  screenshot ("sync-06-conflict-dialog.png");
  click (dialog, _("Keep _Mine"));
  wait_until (no_conflicts, &fixture, "the conflict to be resolved and sent");
  {
    g_autoptr(JsonNode) answer = NULL;
    g_autofree char *text = NULL;

    g_assert_cmpuint (gx_test_http (fixture.server, "GET", "/api/v1/changes?since=0", fixture.sup_token, NULL, &answer), ==, 200);
    text = json_to_string (answer, FALSE);
    g_assert_nonnull (strstr (text, "只在上午联系"));
  }

  /* A change the server refuses is kept with the reason, and can be discarded. */
  gx_sync_client_set_account (client, url, NULL);
  server_push (&fixture, "customer", customer, "update", "{\"confidentiality\":\"confidential\"}");
  desk_edit (&fixture, customer, "想看新产品");
  gx_sync_client_set_account (client, url, token);
  wait_until (all_parked, &fixture, "the refused change");
  gx_test_iterate_for (300);
  {
    g_autofree char *expected = g_strdup_printf (ngettext ("%d refused", "%d refused", 2), 2);
    g_assert_cmpstr (indicator_label (fixture.window), ==, expected);
  }
  screenshot ("sync-07-refused.png");
  click (dialog, _("_Discard"));
  gx_test_iterate_for (300);
  click (dialog, _("_Discard"));
  wait_until (outbox_empty, &fixture, "the refused change to be discarded");
  screenshot ("sync-08-nothing-to-resolve.png");

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (fixture.window));
  gx_test_iterate_for (100);
  gx_test_server_free (fixture.server);
  g_free (fixture.dir);
  g_free (fixture.sup_token);
}

/* GTK 4.8 under Xvfb without a window manager: a focused field made insensitive while signing
 * in warns that no focus-out came. Not ours; everything else stays fatal. */
static GLogWriterOutput
log_writer_cb (GLogLevelFlags   log_level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0 &&
        strstr (fields[i].value, "did not receive a focus-out event") != NULL)
      return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* A keyring daemon of our own on the test's session bus, with an unlocked login keyring. */
static void
start_keyring (const char *dir)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *runtime = g_build_filename (dir, "run", NULL);
  g_autoptr(GSubprocess) start = NULL;
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (runtime, 0700);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", dir, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, gx_test_die_with_parent, NULL, NULL);

  keyring = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--foreground", "--login",
                                         "--components=secrets", NULL);
  g_assert_no_error (error);
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (keyring), "test", 4, NULL, NULL, NULL);
  g_output_stream_close (g_subprocess_get_stdin_pipe (keyring), NULL, NULL);

  g_usleep (200 * 1000);

  start = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--start", "--components=secrets", NULL);
  g_assert_no_error (error);
  g_subprocess_wait (start, NULL, NULL);

  /* …and ours answers for the Secret Service, so the bus does not start another one. */
  {
    g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
    gboolean owned = FALSE;

    g_assert_no_error (error);
    for (int i = 0; i < 200 && !owned; i++)
      {
        g_autoptr(GVariant) reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                                 "org.freedesktop.DBus", "NameHasOwner",
                                                                 g_variant_new ("(s)", "org.freedesktop.secrets"),
                                                                 G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                                                 NULL, NULL);
        if (reply != NULL)
          g_variant_get (reply, "(b)", &owned);
        if (!owned)
          g_usleep (50 * 1000);
      }
    g_assert_true (owned);
  }

  /* The default (login) collection takes a secret: the desk's own store cannot fail now. */
  {
    static const SecretSchema probe = { "io.github.guanxi.Guanxi.TestProbe", SECRET_SCHEMA_NONE,
                                        { { "probe", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } } };
    gboolean stored = FALSE;

    for (int i = 0; i < 100 && !stored; i++)
      {
        g_clear_error (&error);
        stored = secret_password_store_sync (&probe, SECRET_COLLECTION_DEFAULT, "probe", "probe", NULL, &error,
                                             "probe", "1", NULL);
        if (!stored)
          g_usleep (100 * 1000);
      }
    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *keyring_dir;
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  g_log_set_writer_func (log_writer_cb, NULL, NULL);
  /* The test reads what the window says, in the language it runs in. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GUANXI_LOCALEDIR") ? g_getenv ("GUANXI_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gx_test_notifications_start ();
  g_resources_register (gx_app_get_resource ());

  keyring_dir = gx_test_make_dir ();   /* removed at exit, after the keyring stopped */
  start_keyring (keyring_dir);

  the_app = gx_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (the_app), NULL, &error))
    g_error ("cannot register the application: %s", error->message);

  g_test_add_func ("/ui/sync/sign-in-sync-and-resolve", test_sign_in_sync_and_resolve);
  status = g_test_run ();

  g_subprocess_send_signal (keyring, SIGTERM);
  g_subprocess_wait (keyring, NULL, NULL);
  g_clear_object (&keyring);
  return status;
}
