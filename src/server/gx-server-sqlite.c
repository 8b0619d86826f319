/* gx-server-sqlite.c: the SQLite backend — opening, users, tokens, audit, housekeeping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-server-sqlite"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-enums.h"
#include "gx-record.h"
#include "gx-server-resources.h"
#include "gx-server-sqlite-private.h"
#include "gx-uuid.h"
#include "gx-visibility.h"

/* The server's file is a desk schema (the core migrations, applied by GxStore) plus the
 * server's own tables from these migrations, counted in server_schema. GxStore gives the
 * threads we need: one writer thread that owns the writing connection (every write here is
 * one of its transactions) and a pool of read-only connections, so pulls are served beside a
 * long push. */

#define SERVER_MIGRATIONS_PATH "/io/github/guanxi/Guanxi/server/migrations"

static const char * const server_migrations[] = {
  "0001-server.sql",
  "0002-desks.sql",
};

G_DEFINE_FINAL_TYPE (GxServerSqlite, gx_server_sqlite, GX_TYPE_SERVER_STORAGE)

/* Every connection this process opens gets gx_can_see(), the visibility rule in SQL. */
static int
register_functions (sqlite3                      *db,
                    char                        **error_message,
                    const struct sqlite3_api_routines *api)
{
  return gx_visibility_register_sql (db);
}

/* Shared helpers */

void
_gx_server_sqlite_set_head (GxServerSqlite *self,
                            gint64          head)
{
  g_mutex_lock (&self->head_lock);
  if (head > self->head)
    self->head = head;
  g_mutex_unlock (&self->head_lock);
}

gint64
_gx_server_sqlite_query_head (GxDb *db)
{
  return gx_db_query_int (db, "SELECT coalesce ((SELECT seq FROM sqlite_sequence WHERE name = 'sync_log'), 0)",
                          NULL, 0, NULL);
}

/* The second customer a record names, whose visibility it also needs: the other end of a
 * link, a member's sponsor, the prospect a guest became. */
static const char *
customer2_column (const GxKind *kind)
{
  if (strcmp (kind->name, "customer_link") == 0)
    return "other_id";
  if (strcmp (kind->name, "membership") == 0)
    return "sponsor_id";
  if (strcmp (kind->name, "invitation_guest") == 0)
    return "prospect_id";
  return NULL;
}

/**
 * _gx_server_sqlite_customer_of:
 * @second: the second customer (customer2_column()) instead of the first
 *
 * Returns: (transfer full) (nullable): the customer a record belongs to
 */
char *
_gx_server_sqlite_customer_of (GxDb         *db,
                               const GxKind *kind,
                               const char   *id,
                               gboolean      second)
{
  const char *expression = second ? customer2_column (kind) : kind->customer_sql;
  g_autofree char *sql = NULL;

  if (expression == NULL)
    return NULL;

  /* Table and expression come from the kinds table, never from input. */
  sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", expression, kind->table);
  return gx_db_query_string (db, sql, g_variant_new ("(s)", id), NULL);
}

/* Moves the record to a new, higher sequence number: its version. A tombstone keeps its
 * customer's visibility, since the customer may be deleted with it. */
gint64
_gx_server_sqlite_log_change (GxDb          *db,
                              const GxKind  *kind,
                              const char    *id,
                              gboolean       deleted,
                              gint64         now,
                              GError       **error)
{
  g_autofree char *customer_id = NULL;
  g_autofree char *customer2_id = NULL;
  g_autofree char *level = NULL;
  g_autofree char *owner_id = NULL;
  sqlite3_stmt *stmt;

  if (deleted)
    {
      customer_id = _gx_server_sqlite_customer_of (db, kind, id, FALSE);
      customer2_id = _gx_server_sqlite_customer_of (db, kind, id, TRUE);
      if (customer_id != NULL)
        {
          level = gx_db_query_string (db, "SELECT confidentiality FROM customers WHERE id = ?",
                                      g_variant_new ("(s)", customer_id), NULL);
          owner_id = gx_db_query_string (db, "SELECT owner_id FROM customers WHERE id = ?",
                                         g_variant_new ("(s)", customer_id), NULL);
        }
    }

  stmt = gx_db_prepare (db,
                        "INSERT OR REPLACE INTO sync_log (kind, record_id, customer_id, customer2_id, level,"
                        " owner_id, deleted, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, customer2_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, level, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, owner_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, deleted);
  sqlite3_bind_int64 (stmt, 8, now);
  if (!gx_db_step_done (db, stmt, error))
    return -1;

  return sqlite3_last_insert_rowid (gx_db_get_handle (db));
}

/* After a record was written: whose it is, for the feed's filter. */
gboolean
_gx_server_sqlite_log_customers (GxDb          *db,
                                 const GxKind  *kind,
                                 const char    *id,
                                 gint64         seq,
                                 GError       **error)
{
  g_autofree char *customer_id = _gx_server_sqlite_customer_of (db, kind, id, FALSE);
  g_autofree char *customer2_id = _gx_server_sqlite_customer_of (db, kind, id, TRUE);
  sqlite3_stmt *stmt;

  if (customer_id == NULL && customer2_id == NULL)
    return TRUE;

  stmt = gx_db_prepare (db, "UPDATE sync_log SET customer_id = ?, customer2_id = ? WHERE seq = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, customer2_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, seq);
  return gx_db_step_done (db, stmt, error);
}

gboolean
_gx_server_sqlite_set_field_versions (GxDb          *db,
                                      const GxKind  *kind,
                                      const char    *id,
                                      JsonObject    *fields,
                                      gint64         version,
                                      const char    *desk,
                                      GError       **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &node))
    {
      sqlite3_stmt *stmt = gx_db_prepare (db,
                                          "INSERT OR REPLACE INTO field_versions (kind, record_id, field, version, desk)"
                                          " VALUES (?, ?, ?, ?, ?)",
                                          error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, kind->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, version);
      sqlite3_bind_text (stmt, 5, desk, -1, SQLITE_TRANSIENT);
      if (!gx_db_step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Whether @user may see @customer_id (a customer that does not exist is seen by nobody). */
gboolean
_gx_server_sqlite_can_see (GxDb               *db,
                           const GxServerUser *user,
                           const char         *customer_id)
{
  sqlite3_stmt *stmt;
  gboolean visible = FALSE;

  if (customer_id == NULL)
    return TRUE;

  stmt = gx_db_prepare (db, "SELECT gx_can_see (?, ?, confidentiality, owner_id) FROM customers WHERE id = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, gx_role_to_code (user->role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, user->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, customer_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    visible = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  return visible;
}

gboolean
_gx_server_sqlite_insert_audit (GxDb                *db,
                                const GxAuditEntry  *entry,
                                GError             **error)
{
  sqlite3_stmt *stmt = gx_db_prepare (db,
                                      "INSERT INTO audit_log (at, user_id, username, action, kind, record_id,"
                                      " customer_id, reason, detail, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                      error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, entry->at);
  sqlite3_bind_text (stmt, 2, entry->user_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, entry->username, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, entry->action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, entry->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, entry->record_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, entry->customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, entry->reason ? entry->reason : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, entry->detail ? entry->detail : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, entry->address, -1, SQLITE_TRANSIENT);
  return gx_db_step_done (db, stmt, error);
}

/* Users */

static GxServerUser *
user_from_row (sqlite3_stmt *stmt)
{
  GxServerUser *user = g_new0 (GxServerUser, 1);

  user->id = gx_db_dup_column (stmt, 0);
  user->username = gx_db_dup_column (stmt, 1);
  user->display_name = gx_db_dup_column (stmt, 2);
  user->role = gx_role_from_code (gx_db_column_text (stmt, 3));
  user->team = gx_db_dup_column (stmt, 4);
  user->active = sqlite3_column_int (stmt, 5) != 0;
  return user;
}

#define USER_COLUMNS "u.id, u.username, u.display_name, u.role, u.team, u.active"

typedef struct
{
  const GxServerUser *user;
  const char         *username;
  const char         *password_hash;
  gboolean            active;
  gint64              now;
  gint64              seq;
} UserWrite;

static gboolean
add_user_cb (GxDb      *db,
             gpointer   user_data,
             GError   **error)
{
  UserWrite *w = user_data;
  const GxKind *kind = gx_kind_lookup ("user");
  g_autofree char *id = gx_uuid_v7_new_at (w->now * 1000);
  g_autoptr(JsonObject) fields = json_object_new ();
  GxWriteMeta meta = { .now = w->now, .server = TRUE };
  sqlite3_stmt *stmt;

  if (gx_db_query_int (db, "SELECT count(*) FROM users WHERE username = ?",
                       g_variant_new ("(s)", w->user->username), 0, error) > 0)
    {
      g_set_error (error, GX_SERVER_ERROR, GX_SERVER_ERROR_EXISTS, _("There is already a user “%s”."), w->user->username);
      return FALSE;
    }

  json_object_set_string_member (fields, "username", w->user->username);
  json_object_set_string_member (fields, "display_name", w->user->display_name);
  json_object_set_string_member (fields, "role", gx_role_to_code (w->user->role));
  json_object_set_string_member (fields, "team", w->user->team ? w->user->team : "");
  json_object_set_int_member (fields, "active", 1);

  w->seq = meta.version = _gx_server_sqlite_log_change (db, kind, id, FALSE, w->now, error);
  if (meta.version < 0 ||
      !gx_record_insert (db, "user", id, fields, &meta, error) ||
      !_gx_server_sqlite_set_field_versions (db, kind, id, fields, meta.version, "server", error))
    return FALSE;

  stmt = gx_db_prepare (db, "INSERT INTO credentials (user_id, password_hash, changed_at) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, w->password_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, w->now);
  if (!gx_db_step_done (db, stmt, error))
    return FALSE;

  return _gx_server_sqlite_insert_audit (db, &(GxAuditEntry) {
                                           .at = w->now, .action = "user_add", .kind = "user",
                                           .record_id = id, .username = w->user->username,
                                           .detail = gx_role_to_code (w->user->role) },
                                         error);
}

static gboolean
gx_server_sqlite_add_user (GxServerStorage     *storage,
                           const GxServerUser  *user,
                           const char          *password_hash,
                           gint64               now,
                           GError             **error)
{
  GxServerSqlite *self = GX_SERVER_SQLITE (storage);
  UserWrite w = { .user = user, .password_hash = password_hash, .now = now };

  if (!gx_store_write_sync (self->store, add_user_cb, &w, error))
    return FALSE;

  _gx_server_sqlite_set_head (self, w.seq);
  return TRUE;
}

static char *
require_user_id (GxDb        *db,
                 const char  *username,
                 GError     **error)
{
  char *id = gx_db_query_string (db, "SELECT id FROM users WHERE username = ?", g_variant_new ("(s)", username), NULL);

  if (id == NULL)
    g_set_error (error, GX_SERVER_ERROR, GX_SERVER_ERROR_NOT_FOUND, _("There is no user “%s”."), username);
  return id;
}

static gboolean
set_password_cb (GxDb      *db,
                 gpointer   user_data,
                 GError   **error)
{
  UserWrite *w = user_data;
  g_autofree char *id = require_user_id (db, w->username, error);
  sqlite3_stmt *stmt;

  if (id == NULL)
    return FALSE;

  stmt = gx_db_prepare (db, "INSERT OR REPLACE INTO credentials (user_id, password_hash, changed_at) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, w->password_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, w->now);
  if (!gx_db_step_done (db, stmt, error))
    return FALSE;

  /* A new password ends every session signed in with the old one. */
  stmt = gx_db_prepare (db, "UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, w->now);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  if (!gx_db_step_done (db, stmt, error))
    return FALSE;

  return _gx_server_sqlite_insert_audit (db, &(GxAuditEntry) {
                                           .at = w->now, .action = "password", .kind = "user",
                                           .record_id = id, .username = w->username },
                                         error);
}

static gboolean
gx_server_sqlite_set_password (GxServerStorage  *storage,
                               const char       *username,
                               const char       *password_hash,
                               gint64            now,
                               GError          **error)
{
  UserWrite w = { .username = username, .password_hash = password_hash, .now = now };

  return gx_store_write_sync (GX_SERVER_SQLITE (storage)->store, set_password_cb, &w, error);
}

static gboolean
set_active_cb (GxDb      *db,
               gpointer   user_data,
               GError   **error)
{
  UserWrite *w = user_data;
  const GxKind *kind = gx_kind_lookup ("user");
  g_autofree char *id = require_user_id (db, w->username, error);
  g_autoptr(JsonObject) changes = json_object_new ();
  GxWriteMeta meta = { .now = w->now, .server = TRUE };
  sqlite3_stmt *stmt;

  if (id == NULL)
    return FALSE;

  json_object_set_int_member (changes, "active", w->active ? 1 : 0);
  w->seq = meta.version = _gx_server_sqlite_log_change (db, kind, id, FALSE, w->now, error);
  if (meta.version < 0 ||
      !gx_record_update (db, "user", id, changes, &meta, error) ||
      !_gx_server_sqlite_set_field_versions (db, kind, id, changes, meta.version, "server", error))
    return FALSE;

  if (!w->active)
    {
      stmt = gx_db_prepare (db, "UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, w->now);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
      if (!gx_db_step_done (db, stmt, error))
        return FALSE;
    }

  return _gx_server_sqlite_insert_audit (db, &(GxAuditEntry) {
                                           .at = w->now, .action = w->active ? "user_enable" : "user_disable",
                                           .kind = "user", .record_id = id, .username = w->username },
                                         error);
}

static gboolean
gx_server_sqlite_set_active (GxServerStorage  *storage,
                             const char       *username,
                             gboolean          active,
                             gint64            now,
                             GError          **error)
{
  GxServerSqlite *self = GX_SERVER_SQLITE (storage);
  UserWrite w = { .username = username, .active = active, .now = now };

  if (!gx_store_write_sync (self->store, set_active_cb, &w, error))
    return FALSE;

  _gx_server_sqlite_set_head (self, w.seq);
  return TRUE;
}

static GPtrArray *
gx_server_sqlite_list_users (GxServerStorage  *storage,
                             GError          **error)
{
  GxServerSqlite *self = GX_SERVER_SQLITE (storage);
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_server_user_free);
  GxDb *db = gx_store_acquire_reader (self->store, error);
  sqlite3_stmt *stmt;
  int rc;

  if (db == NULL)
    return NULL;

  stmt = gx_db_prepare (db, "SELECT " USER_COLUMNS " FROM users u ORDER BY u.username", error);
  if (stmt == NULL)
    {
      gx_store_release_reader (self->store, db);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (users, user_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    gx_db_set_error (db, error, "users");
  gx_store_release_reader (self->store, db);

  return rc == SQLITE_DONE ? g_steal_pointer (&users) : NULL;
}

static GxServerUser *
gx_server_sqlite_find_user (GxServerStorage  *storage,
                            const char       *username,
                            char            **password_hash,
                            GError          **error)
{
  GxServerSqlite *self = GX_SERVER_SQLITE (storage);
  GxDb *db = gx_store_acquire_reader (self->store, error);
  GxServerUser *user = NULL;
  sqlite3_stmt *stmt;

  if (db == NULL)
    return NULL;

  stmt = gx_db_prepare (db,
                        "SELECT " USER_COLUMNS ", c.password_hash FROM users u"
                        " LEFT JOIN credentials c ON c.user_id = u.id WHERE u.username = ?",
                        error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          user = user_from_row (stmt);
          if (password_hash != NULL)
            *password_hash = gx_db_dup_column (stmt, 6);
        }
      else
        g_set_error (error, GX_SERVER_ERROR, GX_SERVER_ERROR_NOT_FOUND, _("There is no user “%s”."), username);
      sqlite3_reset (stmt);
    }
  gx_store_release_reader (self->store, db);

  return user;
}

/* Tokens */

typedef struct
{
  const char *token_hash;
  const char *user_id;
  gint64      now;
  gint64      expires_at;
} TokenWrite;

static gboolean
add_token_cb (GxDb      *db,
              gpointer   user_data,
              GError   **error)
{
  TokenWrite *w = user_data;
  sqlite3_stmt *stmt;

  /* Expired and revoked tokens are forgotten after a while. */
  stmt = gx_db_prepare (db, "DELETE FROM tokens WHERE expires_at < ? - 86400 * 30", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, w->now);
  if (!gx_db_step_done (db, stmt, error))
    return FALSE;

  stmt = gx_db_prepare (db, "INSERT INTO tokens (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, w->token_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, w->user_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, w->now);
  sqlite3_bind_int64 (stmt, 4, w->expires_at);
  return gx_db_step_done (db, stmt, error);
}

static gboolean
gx_server_sqlite_add_token (GxServerStorage  *storage,
                            const char       *token_hash,
                            const char       *user_id,
                            gint64            now,
                            gint64            expires_at,
                            GError          **error)
{
  TokenWrite w = { token_hash, user_id, now, expires_at };

  return gx_store_write_sync (GX_SERVER_SQLITE (storage)->store, add_token_cb, &w, error);
}

static GxServerUser *
gx_server_sqlite_lookup_token (GxServerStorage  *storage,
                               const char       *token_hash,
                               gint64            now,
                               GError          **error)
{
  GxServerSqlite *self = GX_SERVER_SQLITE (storage);
  GxDb *db = gx_store_acquire_reader (self->store, error);
  GxServerUser *user = NULL;
  sqlite3_stmt *stmt;

  if (db == NULL)
    return NULL;

  stmt = gx_db_prepare (db,
                        "SELECT " USER_COLUMNS " FROM tokens t JOIN users u ON u.id = t.user_id"
                        " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND u.active = 1",
                        error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, now);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        user = user_from_row (stmt);
      else
        g_set_error_literal (error, GX_SERVER_ERROR, GX_SERVER_ERROR_NOT_FOUND, _("The token is unknown, expired or revoked."));
      sqlite3_reset (stmt);
    }
  gx_store_release_reader (self->store, db);

  return user;
}

static gboolean
revoke_token_cb (GxDb      *db,
                 gpointer   user_data,
                 GError   **error)
{
  TokenWrite *w = user_data;
  sqlite3_stmt *stmt = gx_db_prepare (db, "UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, w->now);
  sqlite3_bind_text (stmt, 2, w->token_hash, -1, SQLITE_TRANSIENT);
  return gx_db_step_done (db, stmt, error);
}

static gboolean
gx_server_sqlite_revoke_token (GxServerStorage  *storage,
                               const char       *token_hash,
                               gint64            now,
                               GError          **error)
{
  TokenWrite w = { .token_hash = token_hash, .now = now };

  return gx_store_write_sync (GX_SERVER_SQLITE (storage)->store, revoke_token_cb, &w, error);
}

/* Desks */

/* The n-th code handed out: two characters of the desk-code alphabet for the first 1,024,
 * three for the next 32,768. */
static gboolean
desk_code_for (gint64  n,
               char   *code)
{
  static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  guint len = 2;

  if (n >= 32 * 32)
    n -= 32 * 32, len = 3;
  if (n >= 32 * 32 * 32)
    return FALSE;
  for (guint i = len; i > 0; i--, n /= 32)
    code[i - 1] = alphabet[n % 32];
  code[len] = '\0';
  return TRUE;
}

typedef struct
{
  const char *desk_id;
  const char *user_id;
  gint64      now;
  char        code[4];
} DeskWrite;

static gboolean
register_desk_cb (GxDb      *db,
                  gpointer   user_data,
                  GError   **error)
{
  DeskWrite *w = user_data;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *code = NULL;
  sqlite3_stmt *stmt;
  gint64 n;

  stmt = gx_db_prepare (db, "SELECT user_id, code FROM desks WHERE desk_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, w->desk_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      owner = gx_db_dup_column (stmt, 0);
      code = gx_db_dup_column (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (code != NULL)
    {
      /* A desk is one account's file: another user naming it is not that desk. */
      if (g_strcmp0 (owner, w->user_id) != 0)
        {
          g_set_error_literal (error, GX_SERVER_ERROR, GX_SERVER_ERROR_CONFLICT,
                               _("This desk id belongs to another account."));
          return FALSE;
        }
      g_strlcpy (w->code, code, sizeof w->code);
      return TRUE;
    }

  n = gx_db_query_int (db, "SELECT count(*) FROM desks", NULL, -1, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!desk_code_for (n, w->code))
    {
      g_set_error_literal (error, GX_SERVER_ERROR, GX_SERVER_ERROR_UNAVAILABLE,
                           _("This server has handed out every desk code."));
      return FALSE;
    }

  stmt = gx_db_prepare (db, "INSERT INTO desks (desk_id, code, user_id, registered_at) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, w->desk_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, w->code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, w->user_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, w->now);
  return gx_db_step_done (db, stmt, error);
}

static char *
gx_server_sqlite_register_desk (GxServerStorage     *storage,
                                const GxServerUser  *user,
                                const char          *desk_id,
                                gint64               now,
                                GError             **error)
{
  DeskWrite w = { .desk_id = desk_id, .user_id = user->id, .now = now };

  if (!gx_store_write_sync (GX_SERVER_SQLITE (storage)->store, register_desk_cb, &w, error))
    return NULL;
  return g_strdup (w.code);
}

/* Audit */

static gboolean
audit_cb (GxDb      *db,
          gpointer   user_data,
          GError   **error)
{
  return _gx_server_sqlite_insert_audit (db, user_data, error);
}

static gboolean
gx_server_sqlite_audit (GxServerStorage     *storage,
                        const GxAuditEntry  *entry,
                        GError             **error)
{
  return gx_store_write_sync (GX_SERVER_SQLITE (storage)->store, audit_cb, (gpointer) entry, error);
}

static void
set_nullable_string (JsonObject *object,
                     const char *name,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static JsonObject *
gx_server_sqlite_list_audit (GxServerStorage  *storage,
                             gint64            after,
                             guint             limit,
                             const char       *customer_id,
                             GError          **error)
{
  GxServerSqlite *self = GX_SERVER_SQLITE (storage);
  g_autoptr(JsonObject) page = json_object_new ();
  g_autoptr(JsonArray) entries = json_array_new ();
  GxDb *db = gx_store_acquire_reader (self->store, error);
  sqlite3_stmt *stmt;
  gint64 cursor = after;
  gboolean more = FALSE;
  int rc;

  if (db == NULL)
    return NULL;

  stmt = gx_db_prepare (db,
                        "SELECT id, at, user_id, username, action, kind, record_id, customer_id, reason, detail, address"
                        " FROM audit_log WHERE id > ?1 AND (?2 IS NULL OR customer_id = ?2) ORDER BY id LIMIT ?3",
                        error);
  if (stmt == NULL)
    {
      gx_store_release_reader (self->store, db);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_text (stmt, 2, customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, (gint64) limit + 1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *entry;

      if (json_array_get_length (entries) == limit)
        {
          more = TRUE;
          continue;
        }

      entry = json_object_new ();
      cursor = sqlite3_column_int64 (stmt, 0);
      json_object_set_int_member (entry, "id", cursor);
      json_object_set_int_member (entry, "at", sqlite3_column_int64 (stmt, 1));
      set_nullable_string (entry, "user_id", gx_db_column_text (stmt, 2));
      set_nullable_string (entry, "username", gx_db_column_text (stmt, 3));
      json_object_set_string_member (entry, "action", gx_db_column_text (stmt, 4));
      set_nullable_string (entry, "kind", gx_db_column_text (stmt, 5));
      set_nullable_string (entry, "record_id", gx_db_column_text (stmt, 6));
      set_nullable_string (entry, "customer_id", gx_db_column_text (stmt, 7));
      json_object_set_string_member (entry, "reason", gx_db_column_text (stmt, 8));
      json_object_set_string_member (entry, "detail", gx_db_column_text (stmt, 9));
      set_nullable_string (entry, "address", gx_db_column_text (stmt, 10));
      json_array_add_object_element (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    gx_db_set_error (db, error, "audit_log");
  gx_store_release_reader (self->store, db);

  if (rc != SQLITE_DONE)
    return NULL;

  json_object_set_array_member (page, "entries", g_steal_pointer (&entries));
  json_object_set_int_member (page, "cursor", cursor);
  json_object_set_boolean_member (page, "more", more);
  return g_steal_pointer (&page);
}

/* Housekeeping */

static gboolean
purge_cb (GxDb      *db,
          gpointer   user_data,
          GError   **error)
{
  gint64 before = *(gint64 *) user_data;
  gint64 horizon;
  sqlite3_stmt *stmt;

  /* Everything older than the horizon is forgotten; a desk whose cursor is older must
   * start again from a snapshot, and is told so (410). */
  horizon = gx_db_query_int (db, "SELECT coalesce (max (seq), 0) FROM sync_log WHERE at < ?",
                             g_variant_new ("(x)", before), 0, error);
  if (horizon <= 0)
    return TRUE;

  stmt = gx_db_prepare (db,
                        "INSERT INTO server_state (key, value) VALUES ('purged_through', ?1)"
                        " ON CONFLICT (key) DO UPDATE SET value = max (CAST (value AS INTEGER), ?1)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, horizon);
  if (!gx_db_step_done (db, stmt, error))
    return FALSE;

  for (const char * const *sql = (const char * const[]) {
         "DELETE FROM sync_log WHERE deleted = 1 AND seq <= ?",
         "DELETE FROM scope_log WHERE seq <= ?",
         NULL };
       *sql != NULL; sql++)
    {
      stmt = gx_db_prepare (db, *sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, horizon);
      if (!gx_db_step_done (db, stmt, error))
        return FALSE;
    }

  stmt = gx_db_prepare (db, "DELETE FROM mutations WHERE at < ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, before);
  return gx_db_step_done (db, stmt, error);
}

static gboolean
gx_server_sqlite_purge (GxServerStorage  *storage,
                        gint64            before,
                        GError          **error)
{
  return gx_store_write_sync (GX_SERVER_SQLITE (storage)->store, purge_cb, &before, error);
}

static gint64
gx_server_sqlite_get_head (GxServerStorage *storage)
{
  GxServerSqlite *self = GX_SERVER_SQLITE (storage);
  gint64 head;

  g_mutex_lock (&self->head_lock);
  head = self->head;
  g_mutex_unlock (&self->head_lock);

  return head;
}

/* Opening */

static gboolean
migrate_cb (GxDb      *db,
            gpointer   user_data,
            GError   **error)
{
  guint step = GPOINTER_TO_UINT (user_data);
  g_autofree char *path = g_strdup_printf ("%s/%s", SERVER_MIGRATIONS_PATH, server_migrations[step]);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, error);
  sqlite3_stmt *stmt;

  if (bytes == NULL || !gx_db_exec (db, g_bytes_get_data (bytes, NULL), error))
    return FALSE;

  stmt = gx_db_prepare (db, "UPDATE server_schema SET version = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, (int) step + 1);
  return gx_db_step_done (db, stmt, error);
}

static gboolean
prepare_schema_cb (GxDb      *db,
                   gpointer   user_data,
                   GError   **error)
{
  return gx_db_exec (db,
                     "CREATE TABLE IF NOT EXISTS server_schema (version INTEGER NOT NULL);"
                     "INSERT INTO server_schema (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM server_schema);"
                     "CREATE TABLE IF NOT EXISTS server_state (key TEXT PRIMARY KEY NOT NULL, value TEXT);",
                     error);
}

/* A desk's file has the same record tables: refuse to turn one into a server's. */
static gboolean
check_not_desk_file (const char  *path,
                     GError     **error)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean desk = FALSE;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  if (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (handle,
                          "SELECT (SELECT count(*) FROM sqlite_master WHERE name = 'customers') > 0"
                          " AND (SELECT count(*) FROM sqlite_master WHERE name = 'server_schema') = 0",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    desk = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);
  sqlite3_close (handle);

  if (desk)
    {
      g_set_error (error, GX_SERVER_ERROR, GX_SERVER_ERROR_NOT_A_SERVER_FILE,
                   _("“%s” is a desk’s customer archive, not a server database."), path);
      return FALSE;
    }

  return TRUE;
}

/**
 * gx_server_sqlite_new:
 * @path: the database file, created when missing
 * @error: return location for a #GError
 *
 * Opens (or creates) the server's database and brings its schema up to date: the core
 * migrations every desk has, then the server's own.
 *
 * Returns: (transfer full): the storage, or %NULL
 */
GxServerStorage *
gx_server_sqlite_new (const char  *path,
                      GError     **error)
{
  static gsize registered;
  g_autoptr(GxServerSqlite) self = NULL;
  g_autoptr(GxStore) store = NULL;
  gint64 version;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_once_init_enter (&registered))
    {
      sqlite3_auto_extension ((void (*) (void)) register_functions);
      g_resources_register (gx_server_get_resource ());
      g_once_init_leave (&registered, 1);
    }

  if (!check_not_desk_file (path, error))
    return NULL;

  store = gx_store_open (path, error);
  if (store == NULL)
    return NULL;

  if (!gx_store_write_sync (store, prepare_schema_cb, NULL, error))
    return NULL;

  version = gx_db_query_int (gx_store_get_main_reader (store), "SELECT version FROM server_schema", NULL, 0, error);
  if (version > (gint64) G_N_ELEMENTS (server_migrations))
    {
      g_set_error (error, GX_SERVER_ERROR, GX_SERVER_ERROR_FAILED,
                   _("“%s” was written by a newer guanxi-server (schema %d, this one knows up to %d)."),
                   path, (int) version, (int) G_N_ELEMENTS (server_migrations));
      return NULL;
    }

  for (guint i = (guint) version; i < G_N_ELEMENTS (server_migrations); i++)
    if (!gx_store_write_sync (store, migrate_cb, GUINT_TO_POINTER (i), error))
      return NULL;

  self = g_object_new (GX_TYPE_SERVER_SQLITE, NULL);
  self->store = g_steal_pointer (&store);
  self->head = _gx_server_sqlite_query_head (gx_store_get_main_reader (self->store));

  return GX_SERVER_STORAGE (g_steal_pointer (&self));
}

/* GObject */

static void
gx_server_sqlite_finalize (GObject *object)
{
  GxServerSqlite *self = (GxServerSqlite *) object;

  if (self->store != NULL)
    gx_store_close (self->store);
  g_clear_object (&self->store);
  g_mutex_clear (&self->head_lock);

  G_OBJECT_CLASS (gx_server_sqlite_parent_class)->finalize (object);
}

static void
gx_server_sqlite_class_init (GxServerSqliteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GxServerStorageClass *storage_class = GX_SERVER_STORAGE_CLASS (klass);

  object_class->finalize = gx_server_sqlite_finalize;

  storage_class->add_user = gx_server_sqlite_add_user;
  storage_class->set_password = gx_server_sqlite_set_password;
  storage_class->set_active = gx_server_sqlite_set_active;
  storage_class->list_users = gx_server_sqlite_list_users;
  storage_class->find_user = gx_server_sqlite_find_user;
  storage_class->add_token = gx_server_sqlite_add_token;
  storage_class->lookup_token = gx_server_sqlite_lookup_token;
  storage_class->revoke_token = gx_server_sqlite_revoke_token;
  storage_class->changes = _gx_server_sqlite_changes;
  storage_class->push = _gx_server_sqlite_push;
  storage_class->get_head = gx_server_sqlite_get_head;
  storage_class->audit = gx_server_sqlite_audit;
  storage_class->list_audit = gx_server_sqlite_list_audit;
  storage_class->purge = gx_server_sqlite_purge;
  storage_class->register_desk = gx_server_sqlite_register_desk;
}

static void
gx_server_sqlite_init (GxServerSqlite *self)
{
  g_mutex_init (&self->head_lock);
}
