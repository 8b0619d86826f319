/* gx-test-desk.h: a desk for sync tests — a real store and its sync client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-record.h"
#include "gx-store.h"
#include "gx-sync-apply.h"
#include "gx-sync-client.h"
#include "gx-test-server.h"
#include "gx-uuid.h"

G_BEGIN_DECLS

typedef struct
{
  char         *path;
  char         *user_id;
  char         *token;
  GxStore      *store;
  GxClock      *clock;
  GxSyncClient *client;
  guint         synced;
} GxTestDesk;

static void
gx_test_desk_on_synced_cb (GxSyncClient *client,
                           GxTestDesk   *desk)
{
  desk->synced++;
}

typedef struct
{
  const char *url;
  JsonObject *user;
} GxTestAccount;

static inline gboolean
gx_test_desk_save_account_cb (GxDb      *db,
                              gpointer   user_data,
                              GError   **error)
{
  GxTestAccount *account = user_data;

  return gx_sync_save_account (db, account->url, account->user, error);
}

/* A desk of @username at @url (the server, or a proxy in front of it), signed in through
 * @server. */
static inline GxTestDesk *
gx_test_desk_new (GxTestServer *server,
                  const char   *url,
                  const char   *dir,
                  const char   *username,
                  const char   *password)
{
  GxTestDesk *desk = g_new0 (GxTestDesk, 1);
  g_autoptr(JsonNode) me = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (username, ".sqlite", NULL);
  g_autofree char *base = g_strdup (url ? url : server->url);
  GxTestAccount account;

  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';

  desk->path = g_build_filename (dir, file, NULL);
  desk->token = gx_test_login (server, username, password, &desk->user_id);
  g_assert_cmpuint (gx_test_http (server, "GET", "/api/v1/me", desk->token, NULL, &me), ==, 200);

  desk->store = gx_store_open (desk->path, &error);
  g_assert_no_error (error);
  account.url = base;
  account.user = json_object_get_object_member (json_node_get_object (me), "user");
  gx_store_write_sync (desk->store, gx_test_desk_save_account_cb, &account, &error);
  g_assert_no_error (error);

  desk->clock = gx_clock_new_system ();
  desk->client = gx_sync_client_new (desk->store, desk->clock);
  gx_sync_client_set_timing (desk->client, 20, 400, 2);
  g_signal_connect (desk->client, "synced", G_CALLBACK (gx_test_desk_on_synced_cb), desk);
  gx_sync_client_set_account (desk->client, base, desk->token);
  return desk;
}

static inline void
gx_test_desk_free (GxTestDesk *desk)
{
  gx_sync_client_stop (desk->client);
  g_signal_handlers_disconnect_by_data (desk->client, desk);
  g_assert_finalize_object (g_steal_pointer (&desk->client));
  gx_store_close (desk->store);
  /* The last connection closed: the file is whole, its journal folded in. */
  g_assert_finalize_object (g_steal_pointer (&desk->store));
  g_clear_object (&desk->clock);
  g_free (desk->path);
  g_free (desk->user_id);
  g_free (desk->token);
  g_free (desk);
}

static inline gint64
gx_test_desk_count (GxTestDesk *desk,
                    const char *sql)
{
  return gx_db_query_int (gx_store_get_main_reader (desk->store), sql, NULL, -1, NULL);
}

static gboolean
gx_test_desk_timeout_cb (gpointer data)
{
  g_error ("timed out waiting for %s", (const char *) data);
  return G_SOURCE_REMOVE;
}

/* Syncs now and waits until a sync ended with nothing left to push. */
static inline void
gx_test_desk_sync (GxTestDesk *desk)
{
  guint timeout = g_timeout_add_seconds (60, gx_test_desk_timeout_cb, (gpointer) "a sync");

  for (;;)
    {
      guint ticket = gx_sync_client_sync_now (desk->client);

      while (gx_sync_client_get_completed (desk->client) < ticket)
        g_main_context_iteration (NULL, TRUE);
      if (gx_test_desk_count (desk, "SELECT count(*) FROM outbox WHERE parked_reason IS NULL") == 0)
        break;
    }
  g_source_remove (timeout);
}

/* Goes offline: the client stops, edits stay in the outbox. */
static inline void
gx_test_desk_go_offline (GxTestDesk *desk)
{
  gx_sync_client_set_account (desk->client, NULL, NULL);
}

static inline void
gx_test_desk_go_online (GxTestDesk *desk,
                        const char *url)
{
  g_autofree char *base = g_strdup (url);

  if (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  gx_sync_client_set_account (desk->client, base, desk->token);
}

typedef struct
{
  GxTestDesk *desk;
  const char *op;
  const char *kind;
  const char *id;
  JsonObject *fields;
} GxTestWrite;

static inline gboolean
gx_test_desk_write_cb (GxDb      *db,
                       gpointer   user_data,
                       GError   **error)
{
  GxTestWrite *w = user_data;
  GxWriteMeta meta = { .now = gx_clock_now (w->desk->clock), .user_id = w->desk->user_id };

  if (g_str_equal (w->op, "insert"))
    return gx_record_insert (db, w->kind, w->id, w->fields, &meta, error);
  if (g_str_equal (w->op, "update"))
    return gx_record_update (db, w->kind, w->id, w->fields, &meta, error);
  return gx_record_delete (db, w->kind, w->id, &meta, error);
}

/* One edit at the desk, saved like the UI saves it: one transaction with its outbox row. */
static inline void
gx_test_desk_write (GxTestDesk *desk,
                    const char *op,
                    const char *kind,
                    const char *id,
                    const char *fields_json)
{
  g_autoptr(JsonNode) fields = fields_json ? json_from_string (fields_json, NULL) : NULL;
  g_autoptr(GError) error = NULL;
  GxTestWrite w = { desk, op, kind, id, fields ? json_node_get_object (fields) : NULL };

  gx_store_write_sync (desk->store, gx_test_desk_write_cb, &w, &error);
  g_assert_no_error (error);
}

static inline char *
gx_test_desk_dup_field (GxTestDesk *desk,
                        const char *table,
                        const char *id,
                        const char *field)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", field, table);

  return gx_db_query_string (gx_store_get_main_reader (desk->store), sql, g_variant_new ("(s)", id), NULL);
}

G_END_DECLS
