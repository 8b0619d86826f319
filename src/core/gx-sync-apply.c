/* gx-sync-apply.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-kinds.h"
#include "gx-sync-apply.h"
#include "gx-uuid.h"

/* Everything here runs inside one store transaction (the writer thread's), so a pulled page
 * and its cursor, or a push's results and the outbox they empty, commit together: a desk
 * killed at any instant resumes where the last commit left it, and applying a page or a
 * result twice changes nothing. Records pulled from the server go through the record layer
 * in its from_sync mode: validated, no outbox, stamped with the server's version. */

/* sync_state */

char *
gx_sync_state_dup (GxDb       *db,
                   const char *key)
{
  return gx_db_query_string (db, "SELECT value FROM sync_state WHERE key = ?", g_variant_new ("(s)", key), NULL);
}

gint64
gx_sync_state_get_int (GxDb       *db,
                       const char *key,
                       gint64      fallback)
{
  g_autofree char *value = gx_sync_state_dup (db, key);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : fallback;
}

gboolean
gx_sync_state_set (GxDb        *db,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  sqlite3_stmt *stmt = gx_db_prepare (db, "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return gx_db_step_done (db, stmt, error);
}

gboolean
gx_sync_state_set_int (GxDb        *db,
                       const char  *key,
                       gint64       value,
                       GError     **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  return gx_sync_state_set (db, key, text, error);
}

static gboolean
write_user (GxDb        *db,
            JsonObject  *user,
            gint64       version,
            GError     **error)
{
  const char *id = json_object_get_string_member (user, "id");
  g_autoptr(JsonObject) fields = json_object_new ();
  GxWriteMeta meta = { .now = 0, .from_sync = TRUE, .version = version };

  for (const char * const *name = (const char * const[]) { "username", "display_name", "role", "team", NULL }; *name; name++)
    json_object_set_string_member (fields, *name, json_object_get_string_member_with_default (user, *name, ""));
  json_object_set_int_member (fields, "active", json_object_get_boolean_member_with_default (user, "active", TRUE));

  if (gx_db_query_int (db, "SELECT count(*) FROM users WHERE id = ?", g_variant_new ("(s)", id), 0, NULL) > 0)
    return gx_record_update (db, "user", id, fields, &meta, error);
  return gx_record_insert (db, "user", id, fields, &meta, error);
}

/**
 * gx_sync_save_account:
 * @db: the writer, inside a transaction
 * @server_url: the server signed in to
 * @user: the user object the server answered the sign-in with
 * @error: return location for a #GError
 *
 * Makes this store the desk of @user at @server_url: who works here (`user_id`, and their
 * `users` row, so the window can show them before the first sync), which server, and a desk
 * id of its own, kept across sign-ins.
 */
gboolean
gx_sync_save_account (GxDb        *db,
                      const char  *server_url,
                      JsonObject  *user,
                      GError     **error)
{
  g_autofree char *desk_id = gx_sync_state_dup (db, "desk_id");
  gint64 version;

  if (desk_id == NULL)
    desk_id = gx_uuid_v7_new ();

  version = MAX (gx_record_get_version (db, gx_kind_lookup ("user"), json_object_get_string_member (user, "id"), NULL), 0);

  return write_user (db, user, version, error) &&
         gx_sync_state_set (db, "desk_id", desk_id, error) &&
         gx_sync_state_set (db, "server_url", server_url, error) &&
         gx_sync_state_set (db, "username", json_object_get_string_member (user, "username"), error) &&
         gx_sync_state_set (db, "user_id", json_object_get_string_member (user, "id"), error) &&
         gx_sync_state_set (db, "mode", "server", error);
}

/* Push */

/**
 * gx_sync_outbox_batch:
 * @db: a connection
 * @max: at most this many mutations
 * @error: return location for a #GError
 *
 * The oldest mutations not parked, in the order they were made, as the push sends them.
 *
 * Returns: (transfer full): the mutations, possibly none
 */
JsonArray *
gx_sync_outbox_batch (GxDb     *db,
                      guint     max,
                      GError  **error)
{
  g_autoptr(JsonArray) mutations = json_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = gx_db_prepare (db,
                        "SELECT mutation_id, kind, record_id, op, base_version, fields FROM outbox"
                        " WHERE parked_reason IS NULL ORDER BY seq LIMIT ?",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, max);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *mutation = json_object_new ();
      const char *op = gx_db_column_text (stmt, 3);

      json_object_set_string_member (mutation, "mutation_id", gx_db_column_text (stmt, 0));
      json_object_set_string_member (mutation, "kind", gx_db_column_text (stmt, 1));
      json_object_set_string_member (mutation, "id", gx_db_column_text (stmt, 2));
      json_object_set_string_member (mutation, "op", op);
      /* During a resync versions are negative until confirmed (gx_sync_begin_resync()). */
      json_object_set_int_member (mutation, "base_version", MAX (sqlite3_column_int64 (stmt, 4), 0));
      if (strcmp (op, "delete") != 0)
        {
          g_autoptr(JsonNode) fields = json_from_string (gx_db_column_text (stmt, 5), NULL);

          if (fields != NULL && JSON_NODE_HOLDS_OBJECT (fields))
            json_object_set_member (mutation, "fields", g_steal_pointer (&fields));
          else
            json_object_set_object_member (mutation, "fields", json_object_new ());
        }
      json_array_add_object_element (mutations, mutation);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "outbox");
      return NULL;
    }

  return g_steal_pointer (&mutations);
}

static char *
node_to_json (JsonNode *node)
{
  if (node == NULL)
    return g_strdup ("null");
  return json_to_string (node, FALSE);
}

/* The fields a conflicted mutation wanted, for mine; the server's record, for theirs. */
static gboolean
record_conflicts (GxDb        *db,
                  JsonObject  *result,
                  gint64       now,
                  GError     **error)
{
  const char *mutation_id = json_object_get_string_member (result, "mutation_id");
  JsonArray *fields = json_object_get_array_member (result, "fields");
  JsonObject *theirs = json_object_get_object_member (result, "record");
  g_autofree char *kind = NULL;
  g_autofree char *record_id = NULL;
  g_autofree char *mine_text = NULL;
  g_autoptr(JsonNode) mine = NULL;
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (db, "SELECT kind, record_id, fields FROM outbox WHERE mutation_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, mutation_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      kind = gx_db_dup_column (stmt, 0);
      record_id = gx_db_dup_column (stmt, 1);
      mine_text = gx_db_dup_column (stmt, 2);
    }
  sqlite3_reset (stmt);

  if (kind == NULL || fields == NULL)
    return TRUE;

  mine = json_from_string (mine_text, NULL);
  if (mine == NULL || !JSON_NODE_HOLDS_OBJECT (mine))
    return TRUE;

  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      const char *field = json_array_get_string_element (fields, i);
      g_autofree char *id = gx_uuid_v7_new_at (now * 1000);
      g_autofree char *mine_value = node_to_json (json_object_get_member (json_node_get_object (mine), field));
      g_autofree char *theirs_value = node_to_json (theirs ? json_object_get_member (theirs, field) : NULL);

      if (field == NULL)
        continue;

      /* A later conflict of the same field replaces the earlier: mine is the latest edit. */
      stmt = gx_db_prepare (db,
                            "INSERT INTO sync_conflicts (id, kind, record_id, field, mine, theirs, server_version, created_at)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                            " ON CONFLICT (kind, record_id, field) DO UPDATE SET mine = excluded.mine,"
                            " theirs = excluded.theirs, server_version = excluded.server_version,"
                            " created_at = excluded.created_at",
                            error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, record_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, field, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, mine_value, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, theirs_value, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 7, json_object_get_int_member_with_default (result, "version", 0));
      sqlite3_bind_int64 (stmt, 8, now);
      if (!gx_db_step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * gx_sync_park:
 * @db: the writer, inside a transaction
 * @mutation_id: a mutation in the outbox
 * @reason: why the server refused it, for the user
 * @field: (nullable): the field at fault
 * @error: return location for a #GError
 *
 * Parks a mutation the server refused for good: it stays in the outbox, is shown with its
 * reason and is not sent again until the user retries it; the rest of the outbox goes on.
 */
gboolean
gx_sync_park (GxDb        *db,
              const char  *mutation_id,
              const char  *reason,
              const char  *field,
              GError     **error)
{
  sqlite3_stmt *stmt = gx_db_prepare (db,
                                      "UPDATE outbox SET parked_reason = ?, parked_field = ?, attempts = attempts + 1"
                                      " WHERE mutation_id = ?",
                                      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reason && *reason ? reason : _("The server refused this change."), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, mutation_id, -1, SQLITE_TRANSIENT);
  return gx_db_step_done (db, stmt, error);
}

static gboolean
delete_outbox (GxDb        *db,
               const char  *mutation_id,
               GError     **error)
{
  sqlite3_stmt *stmt = gx_db_prepare (db, "DELETE FROM outbox WHERE mutation_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, mutation_id, -1, SQLITE_TRANSIENT);
  return gx_db_step_done (db, stmt, error);
}

/**
 * gx_sync_apply_results:
 * @db: the writer, inside a transaction
 * @results: the push's results
 * @now: the time, for conflicts
 * @error: return location for a #GError
 *
 * Applied mutations leave the outbox; conflicting fields become conflicts for the user to
 * resolve (the record's other fields merged on the server); rejected mutations are parked
 * with the server's reason.
 */
gboolean
gx_sync_apply_results (GxDb       *db,
                       JsonArray  *results,
                       gint64      now,
                       GError    **error)
{
  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      const char *mutation_id = result ? json_object_get_string_member_with_default (result, "mutation_id", NULL) : NULL;
      const char *status = result ? json_object_get_string_member_with_default (result, "status", "") : "";

      if (mutation_id == NULL)
        continue;

      if (strcmp (status, "applied") == 0)
        {
          if (!delete_outbox (db, mutation_id, error))
            return FALSE;
        }
      else if (strcmp (status, "conflict") == 0)
        {
          if (!record_conflicts (db, result, now, error) || !delete_outbox (db, mutation_id, error))
            return FALSE;
        }
      else if (strcmp (status, "rejected") == 0)
        {
          JsonObject *problem = json_object_get_object_member (result, "problem");
          const char *reason = problem ? json_object_get_string_member_with_default (problem, "detail", NULL) : NULL;
          const char *field = problem ? json_object_get_string_member_with_default (problem, "field", NULL) : NULL;

          if (reason == NULL && problem != NULL)
            reason = json_object_get_string_member_with_default (problem, "title", NULL);
          if (!gx_sync_park (db, mutation_id, reason, field, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Pull */

/* Whether the record is here (its version may be negative during a resync). */
static gboolean
record_exists (GxDb         *db,
               const GxKind *kind,
               const char   *id)
{
  char sql[128];
  sqlite3_stmt *stmt;
  gboolean exists;

  /* The table comes from the kinds table, never from input. */
  g_snprintf (sql, sizeof sql, "SELECT 1 FROM %s WHERE id = ?", kind->table);
  stmt = gx_db_prepare (db, sql, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return exists;
}

/* Savepoints are run as cached statements: one per pulled record adds up over a snapshot. */
static gboolean
run (GxDb        *db,
     const char  *sql,
     GError     **error)
{
  sqlite3_stmt *stmt = gx_db_prepare (db, sql, error);

  return stmt != NULL && gx_db_step_done (db, stmt, error);
}

/* What a page's records need checking against, looked up once per page: a desk with nothing
 * unpushed and nothing waiting (every first sync) skips both lookups for each record. */
typedef struct
{
  gboolean outbox;     /* unpushed local changes may hold fields */
  gboolean waiting;    /* sync_pending may hold an older change of a record */
} ApplyChecks;

typedef enum
{
  APPLY_DONE,
  APPLY_WAIT,      /* kept in sync_pending */
  APPLY_FAILED,
} ApplyStatus;

/* The fields of a record with unpushed local changes: the local values stand until pushed. */
static GHashTable *
pending_fields (GxDb         *db,
                const GxKind *kind,
                const char   *id,
                gboolean     *deleted)
{
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;

  *deleted = FALSE;
  stmt = gx_db_prepare (db, "SELECT op, fields FROM outbox WHERE kind = ? AND record_id = ? AND parked_reason IS NULL", NULL);
  if (stmt == NULL)
    return fields;
  sqlite3_bind_text (stmt, 1, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) node = NULL;

      if (g_strcmp0 (gx_db_column_text (stmt, 0), "delete") == 0)
        *deleted = TRUE;
      node = json_from_string (gx_db_column_text (stmt, 1), NULL);
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObjectIter iter;
          const char *name;

          json_object_iter_init (&iter, json_node_get_object (node));
          while (json_object_iter_next (&iter, &name, NULL))
            g_hash_table_add (fields, g_strdup (name));
        }
    }
  sqlite3_reset (stmt);

  return fields;
}

static gboolean
is_waitable (const GError *error)
{
  /* A missing parent, a value this desk's schema does not take: wait, do not stop the sync. */
  return error->domain == GX_RECORD_ERROR || g_error_matches (error, GX_DB_ERROR, GX_DB_ERROR_CONSTRAINT);
}

static ApplyStatus
apply_upsert (GxDb               *db,
              const ApplyChecks  *checks,
              const GxKind       *kind,
              const char         *id,
              gint64              version,
              JsonObject         *record,
              GError            **error)
{
  GxWriteMeta meta = { .from_sync = TRUE, .version = version };
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(GHashTable) pending = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  gboolean deleted_here = FALSE;
  gboolean copy = FALSE;
  gboolean ok;

  if (checks->outbox)
    {
      pending = pending_fields (db, kind, id, &deleted_here);
      if (deleted_here)
        return APPLY_DONE;
    }

  /* Fields a newer server has and this desk does not are left out. A record with nothing to
   * leave out (every record of a first sync) is written as it came, without a copy. */
  json_object_iter_init (&iter, record);
  while (json_object_iter_next (&iter, &name, &node))
    if (strcmp (name, "id") != 0 &&
        (gx_kind_find_field (kind, name) == NULL || (pending != NULL && g_hash_table_contains (pending, name))))
      {
        copy = TRUE;
        break;
      }
  if (copy || json_object_is_immutable (record))
    {
      fields = json_object_new ();
      json_object_iter_init (&iter, record);
      while (json_object_iter_next (&iter, &name, &node))
        if (strcmp (name, "id") != 0 && gx_kind_find_field (kind, name) != NULL &&
            (pending == NULL || !g_hash_table_contains (pending, name)))
          json_object_set_member (fields, name, json_node_copy (node));
    }
  else
    {
      /* The page's own record, which nothing reads after this. */
      json_object_remove_member (record, "id");
      fields = json_object_ref (record);
    }

  if (!run (db, "SAVEPOINT pulled", error))
    return APPLY_FAILED;

  if (record_exists (db, kind, id))
    ok = gx_record_update (db, kind->name, id, fields, &meta, &local_error);
  else
    ok = gx_record_insert (db, kind->name, id, fields, &meta, &local_error);

  if (!ok)
    {
      run (db, "ROLLBACK TO pulled", NULL);
      run (db, "RELEASE pulled", NULL);
      if (is_waitable (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return APPLY_WAIT;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return APPLY_FAILED;
    }

  return run (db, "RELEASE pulled", error) ? APPLY_DONE : APPLY_FAILED;
}

/* Other customers' records may name a customer this desk loses: they keep their place and
 * lose the reference, which this desk could not follow anyway. */
static const struct {
  const char *table;
  const char *column;
} customer_references[] = {
  { "memberships", "sponsor_id" },
  { "invitation_guests", "prospect_id" },
};

/**
 * gx_sync_purge_customer:
 * @db: the writer, inside a transaction
 * @customer_id: a customer
 * @error: return location for a #GError
 *
 * Deletes a customer and everything that belongs to it from this desk, without queueing
 * anything: the customer was deleted on the server or left this user's scope.
 */
gboolean
gx_sync_purge_customer (GxDb        *db,
                        const char  *customer_id,
                        GError     **error)
{
  g_autofree const GxKind **kinds = NULL;
  guint n;

  /* Another customer's complaint may follow up one of this customer's. */
  {
    sqlite3_stmt *stmt = gx_db_prepare (db,
                                        "UPDATE cases SET parent_id = NULL WHERE customer_id <> ?1"
                                        " AND parent_id IN (SELECT id FROM cases WHERE customer_id = ?1)",
                                        error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
    if (!gx_db_step_done (db, stmt, error))
      return FALSE;
  }

  /* Children before parents: the kinds are listed parents first. */
  kinds = gx_kinds_all (&n);
  for (guint i = n; i > 0; i--)
    {
      const GxKind *kind = kinds[i - 1];
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;

      if (kind->customer_sql == NULL)
        continue;

      /* Table and expression come from the kinds table, never from input. */
      sql = g_strdup_printf ("DELETE FROM %s WHERE %s = ?", kind->table, kind->customer_sql);
      stmt = gx_db_prepare (db, sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
      if (!gx_db_step_done (db, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (customer_references); i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = NULL WHERE %s = ?", customer_references[i].table,
                                              customer_references[i].column, customer_references[i].column);
      sqlite3_stmt *stmt = gx_db_prepare (db, sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
      if (!gx_db_step_done (db, stmt, error))
        return FALSE;
    }

  {
    sqlite3_stmt *stmt = gx_db_prepare (db, "DELETE FROM sync_conflicts WHERE kind = 'customer' AND record_id = ?", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
    return gx_db_step_done (db, stmt, error);
  }
}

static ApplyStatus
apply_delete (GxDb          *db,
              const GxKind  *kind,
              const char    *id,
              GError       **error)
{
  GxWriteMeta meta = { .from_sync = TRUE };
  g_autoptr(GError) local_error = NULL;

  if (strcmp (kind->name, "customer") == 0)
    return gx_sync_purge_customer (db, id, error) ? APPLY_DONE : APPLY_FAILED;

  if (!record_exists (db, kind, id))
    return APPLY_DONE;

  if (!run (db, "SAVEPOINT pulled", error))
    return APPLY_FAILED;
  if (!gx_record_delete (db, kind->name, id, &meta, &local_error))
    {
      run (db, "ROLLBACK TO pulled", NULL);
      run (db, "RELEASE pulled", NULL);
      /* Local records not yet pushed still refer to it. */
      if (is_waitable (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return APPLY_WAIT;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return APPLY_FAILED;
    }

  return run (db, "RELEASE pulled", error) ? APPLY_DONE : APPLY_FAILED;
}

static ApplyStatus
apply_change (GxDb               *db,
              const ApplyChecks  *checks,
              const GxKind       *kind,
              const char         *id,
              gint64              version,
              gboolean            deleted,
              JsonObject         *record,
              GError            **error)
{
  if (deleted)
    return apply_delete (db, kind, id, error);
  if (record == NULL)
    return APPLY_DONE;
  return apply_upsert (db, checks, kind, id, version, record, error);
}

static gboolean
set_waiting (GxDb          *db,
             const GxKind  *kind,
             const char    *id,
             gint64         version,
             gboolean       deleted,
             JsonObject    *record,
             const char    *reason,
             GError       **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;

  if (record != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), record);
      text = json_to_string (node, FALSE);
    }

  stmt = gx_db_prepare (db,
                        "INSERT OR REPLACE INTO sync_pending (kind, record_id, version, deleted, record, reason)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, version);
  sqlite3_bind_int (stmt, 4, deleted);
  sqlite3_bind_text (stmt, 5, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, reason ? reason : "", -1, SQLITE_TRANSIENT);
  return gx_db_step_done (db, stmt, error);
}

static gboolean
clear_waiting (GxDb          *db,
               const GxKind  *kind,
               const char    *id,
               GError       **error)
{
  sqlite3_stmt *stmt = gx_db_prepare (db, "DELETE FROM sync_pending WHERE kind = ? AND record_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  return gx_db_step_done (db, stmt, error);
}

/* Applies one pulled change now, or keeps it waiting. A newer change replaces a waiting one. */
static gboolean
take_change (GxDb          *db,
             ApplyChecks   *checks,
             const GxKind  *kind,
             const char    *id,
             gint64         version,
             gboolean       deleted,
             JsonObject    *record,
             gboolean      *applied,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  switch (apply_change (db, checks, kind, id, version, deleted, record, &local_error))
    {
    case APPLY_DONE:
      *applied = TRUE;
      return !checks->waiting || clear_waiting (db, kind, id, error);
    case APPLY_WAIT:
      *applied = FALSE;
      checks->waiting = TRUE;
      return set_waiting (db, kind, id, version, deleted, record, local_error->message, error);
    case APPLY_FAILED:
    default:
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
}

/* Waiting records whose parents may have arrived meanwhile. */
static gboolean
retry_waiting (GxDb         *db,
               ApplyChecks  *checks,
               GError      **error)
{
  gboolean progress = TRUE;

  while (progress)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      sqlite3_stmt *stmt;

      progress = FALSE;
      stmt = gx_db_prepare (db, "SELECT kind, record_id, version, deleted, coalesce (record, '') FROM sync_pending", error);
      if (stmt == NULL)
        return FALSE;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          char **row = g_new0 (char *, 6);

          for (int c = 0; c < 5; c++)
            row[c] = gx_db_dup_column (stmt, c);
          g_ptr_array_add (rows, row);
        }
      sqlite3_reset (stmt);

      for (guint i = 0; i < rows->len; i++)
        {
          char **row = rows->pdata[i];
          const GxKind *kind = gx_kind_lookup (row[0]);
          g_autoptr(JsonNode) node = NULL;
          gboolean applied = FALSE;

          if (kind == NULL)
            continue;
          if (*row[4] != '\0')
            node = json_from_string (row[4], NULL);
          if (!take_change (db, checks, kind, row[1], g_ascii_strtoll (row[2], NULL, 10), g_strcmp0 (row[3], "1") == 0,
                            node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL,
                            &applied, error))
            return FALSE;
          progress |= applied;
        }
    }

  return TRUE;
}

struct _GxSyncPage
{
  JsonParser *parser;
  JsonArray  *changes;
  gint64      cursor;
  gboolean    more;
};

/**
 * gx_sync_page_parse:
 * @page: the body of a `GET /api/v1/changes` answer
 * @error: return location for a #GError
 *
 * Reads a page of the change feed, on any thread: the sync client parses the next page while
 * the writer applies the one before. Nothing is applied until gx_sync_apply_parsed().
 *
 * Returns: (transfer full): the page, or %NULL if it cannot be read
 */
GxSyncPage *
gx_sync_page_parse (GBytes  *page,
                    GError **error)
{
  /* Mutable: a pulled record is handed to the record layer as it is (apply_upsert()). */
  g_autoptr(JsonParser) parser = json_parser_new ();
  GxSyncPage *parsed;
  gconstpointer data;
  gsize size;
  JsonObject *root;

  data = g_bytes_get_data (page, &size);
  if (!json_parser_load_from_data (parser, data, (gssize) size, error))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      !(root = json_node_get_object (json_parser_get_root (parser))) ||
      !json_object_has_member (root, "changes") || !json_object_has_member (root, "cursor") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "changes")) ||
      !JSON_NODE_HOLDS_VALUE (json_object_get_member (root, "cursor")))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("The server sent a page of changes this desk cannot read."));
      return NULL;
    }

  parsed = g_new0 (GxSyncPage, 1);
  parsed->changes = json_object_get_array_member (root, "changes");
  parsed->cursor = json_object_get_int_member (root, "cursor");
  parsed->more = json_object_get_boolean_member_with_default (root, "more", FALSE);
  parsed->parser = g_steal_pointer (&parser);
  return parsed;
}

/**
 * gx_sync_page_get_cursor:
 * @page: a parsed page
 *
 * Returns: the cursor the page moves the desk to, and where the next page starts
 */
gint64
gx_sync_page_get_cursor (GxSyncPage *page)
{
  return page->cursor;
}

/**
 * gx_sync_page_get_more:
 * @page: a parsed page
 *
 * Returns: whether more pages follow
 */
gboolean
gx_sync_page_get_more (GxSyncPage *page)
{
  return page->more;
}

/**
 * gx_sync_page_get_n_changes:
 * @page: a parsed page
 *
 * Returns: how many changes the page holds
 */
guint
gx_sync_page_get_n_changes (GxSyncPage *page)
{
  return json_array_get_length (page->changes);
}

void
gx_sync_page_free (GxSyncPage *page)
{
  if (page == NULL)
    return;
  g_clear_object (&page->parser);
  g_free (page);
}

#define RUN_LONG 100
#define RUN_SHORT 10

/* A pulled record that can go into a multi-row insert: new here, of a kind whose insert
 * writes nothing else, every field known, on a desk with nothing unpushed and nothing
 * waiting (where any record might need the one-by-one path). Its "id" member is dropped. */
static JsonObject *
insertable (GxDb               *db,
            const ApplyChecks  *checks,
            JsonObject         *entry,
            const GxKind      **kind,
            const char        **id,
            gint64             *version)
{
  JsonNode *node;
  JsonObject *record;
  JsonObjectIter iter;
  const char *name;

  if (checks->outbox || checks->waiting || entry == NULL ||
      json_object_get_boolean_member_with_default (entry, "deleted", FALSE) ||
      !(node = json_object_get_member (entry, "record")) || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  *kind = gx_kind_lookup (json_object_get_string_member_with_default (entry, "kind", NULL));
  *id = json_object_get_string_member_with_default (entry, "id", NULL);
  if (*kind == NULL || *id == NULL || strcmp ((*kind)->table, "contact_log") == 0)
    return NULL;
  record = json_node_get_object (node);
  if (json_object_is_immutable (record))
    return NULL;
  json_object_iter_init (&iter, record);
  while (json_object_iter_next (&iter, &name, &node))
    if (strcmp (name, "id") != 0 && gx_kind_find_field (*kind, name) == NULL)
      return NULL;
  if (record_exists (db, *kind, *id))
    return NULL;
  json_object_remove_member (record, "id");
  *version = json_object_get_int_member_with_default (entry, "version", 0);
  return record;
}

static gboolean
same_shape (JsonObject *a,
            JsonObject *b)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (json_object_get_size (a) != json_object_get_size (b))
    return FALSE;
  json_object_iter_init (&iter, a);
  while (json_object_iter_next (&iter, &name, &node))
    if (!json_object_has_member (b, name))
      return FALSE;
  return TRUE;
}

/* Inserts the run of new records that starts at @first in one statement
 * (gx_record_insert_pulled()), if there is a run of RUN_SHORT or more. Returns how many
 * records it applied: 0 to apply the next one alone, as also when the statement failed (a
 * missing parent, a value this desk refuses: the one-by-one path finds which record). */
static guint
insert_run (GxDb         *db,
            ApplyChecks  *checks,
            JsonArray    *changes,
            guint         first,
            guint         n)
{
  const char *ids[RUN_LONG];
  JsonObject *records[RUN_LONG];
  gint64 versions[RUN_LONG];
  const GxKind *kind = NULL;
  guint count = 0;

  while (first + count < n && count < RUN_LONG)
    {
      const GxKind *k;
      const char *id;
      gint64 version;
      JsonObject *record = insertable (db, checks, json_array_get_object_element (changes, first + count),
                                       &k, &id, &version);

      if (record == NULL || (kind != NULL && (k != kind || !same_shape (records[0], record))))
        break;
      kind = k;
      ids[count] = id;
      records[count] = record;
      versions[count] = version;
      count++;
    }

  count = count >= RUN_LONG ? RUN_LONG : count >= RUN_SHORT ? RUN_SHORT : 0;
  if (count == 0)
    return 0;
  if (!run (db, "SAVEPOINT pulled", NULL))
    return 0;
  if (!gx_record_insert_pulled (db, kind, count, ids, records, versions, NULL))
    {
      run (db, "ROLLBACK TO pulled", NULL);
      run (db, "RELEASE pulled", NULL);
      return 0;
    }
  return run (db, "RELEASE pulled", NULL) ? count : 0;
}

/**
 * gx_sync_apply_parsed:
 * @db: the writer, inside a transaction
 * @page: a page of the change feed, from gx_sync_page_parse()
 * @error: return location for a #GError
 *
 * Applies a page of the change feed: records in, tombstones and removals out (a customer
 * with everything that belongs to it), fields with unpushed local edits kept as they are,
 * records whose parents have not arrived kept waiting in sync_pending; and stores the page's
 * cursor, in the caller's transaction.
 */
gboolean
gx_sync_apply_parsed (GxDb        *db,
                      GxSyncPage  *page,
                      GError     **error)
{
  ApplyChecks checks;
  gboolean any_applied = FALSE;
  guint n = json_array_get_length (page->changes);

  checks.outbox = gx_db_query_int (db, "SELECT EXISTS (SELECT 1 FROM outbox WHERE parked_reason IS NULL)", NULL, 1, NULL) != 0;
  checks.waiting = gx_db_query_int (db, "SELECT EXISTS (SELECT 1 FROM sync_pending)", NULL, 1, NULL) != 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *entry = json_array_get_object_element (page->changes, i);
      const GxKind *kind;
      const char *id;
      JsonNode *record;
      gboolean applied = FALSE;
      guint run;

      if (entry == NULL)
        continue;

      /* New records in a row, of one kind and one shape, go in together. */
      run = insert_run (db, &checks, page->changes, i, n);
      if (run > 0)
        {
          i += run - 1;
          any_applied = TRUE;
          continue;
        }

      kind = gx_kind_lookup (json_object_get_string_member_with_default (entry, "kind", NULL));
      id = json_object_get_string_member_with_default (entry, "id", NULL);
      if (kind == NULL || id == NULL)
        continue;   /* a kind a newer server knows */

      record = json_object_get_member (entry, "record");
      if (!take_change (db, &checks, kind, id, json_object_get_int_member_with_default (entry, "version", 0),
                        json_object_get_boolean_member_with_default (entry, "deleted", FALSE),
                        record && JSON_NODE_HOLDS_OBJECT (record) ? json_node_get_object (record) : NULL,
                        &applied, error))
        return FALSE;
      any_applied |= applied;
    }

  if (any_applied && checks.waiting &&
      gx_db_query_int (db, "SELECT count(*) FROM sync_pending", NULL, 0, NULL) > 0 &&
      !retry_waiting (db, &checks, error))
    return FALSE;

  return gx_sync_state_set_int (db, "cursor", page->cursor, error);
}

/**
 * gx_sync_apply_page:
 * @db: the writer, inside a transaction
 * @page: the body of a `GET /api/v1/changes` answer
 * @cursor: (out): the page's cursor, stored in sync_state in the same transaction
 * @more: (out): whether more pages follow
 * @n_changes: (out) (optional): how many changes the page held
 * @error: return location for a #GError
 *
 * Reads and applies a page of the change feed: gx_sync_page_parse() and
 * gx_sync_apply_parsed() in one.
 */
gboolean
gx_sync_apply_page (GxDb      *db,
                    GBytes    *page,
                    gint64    *cursor,
                    gboolean  *more,
                    guint     *n_changes,
                    GError   **error)
{
  g_autoptr(GxSyncPage) parsed = gx_sync_page_parse (page, error);

  if (parsed == NULL || !gx_sync_apply_parsed (db, parsed, error))
    return FALSE;

  *cursor = parsed->cursor;
  *more = parsed->more;
  if (n_changes != NULL)
    *n_changes = gx_sync_page_get_n_changes (parsed);
  return TRUE;
}

/**
 * gx_sync_begin_resync:
 * @db: the writer, inside a transaction
 * @error: return location for a #GError
 *
 * The server cannot give this desk the changes since its cursor: everything is fetched
 * again from a snapshot. Synced records are marked unconfirmed (a negative version) and the
 * cursor goes back to 0; records the snapshot does not confirm are deleted by
 * gx_sync_finish_resync(). Unpushed local changes stay and are pushed as usual.
 */
gboolean
gx_sync_begin_resync (GxDb    *db,
                      GError **error)
{
  g_autofree const GxKind **kinds = NULL;
  guint n;

  kinds = gx_kinds_all (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET version = -version WHERE version > 0", kinds[i]->table);

      if (!gx_db_exec (db, sql, error))
        return FALSE;
    }

  return gx_db_exec (db, "DELETE FROM sync_pending", error) &&
         gx_sync_state_set_int (db, "cursor", 0, error) &&
         gx_sync_state_set (db, "resync", "1", error);
}

/**
 * gx_sync_finish_resync:
 * @db: the writer, inside a transaction
 * @error: return location for a #GError
 *
 * After the last page of a resync: what the server did not send again is gone or out of
 * this user's scope, and leaves this desk.
 */
gboolean
gx_sync_finish_resync (GxDb    *db,
                       GError **error)
{
  g_autofree const GxKind **kinds = NULL;
  guint n;

  if (gx_sync_state_get_int (db, "resync", 0) == 0)
    return TRUE;

  /* Customers first, with everything that is theirs; then the rest, children first. */
  {
    g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_free);
    sqlite3_stmt *stmt = gx_db_prepare (db, "SELECT id FROM customers WHERE version < 0", error);

    if (stmt == NULL)
      return FALSE;
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (stale, gx_db_dup_column (stmt, 0));
    sqlite3_reset (stmt);

    for (guint i = 0; i < stale->len; i++)
      if (!gx_sync_purge_customer (db, stale->pdata[i], error))
        return FALSE;
  }

  kinds = gx_kinds_all (&n);
  for (guint i = n; i > 0; i--)
    {
      const GxKind *kind = kinds[i - 1];
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE version < 0", kind->table);

      if (!gx_db_exec (db, "SAVEPOINT sweep", error))
        return FALSE;
      if (gx_db_exec (db, sql, NULL))
        {
          if (!gx_db_exec (db, "RELEASE sweep", error))
            return FALSE;
          continue;
        }
      gx_db_exec (db, "ROLLBACK TO sweep", NULL);
      gx_db_exec (db, "RELEASE sweep", NULL);

      /* Local changes not pushed yet still refer to some of them: those stay, as this
       * desk's own (version 0), and the rest goes one by one. */
      {
        g_autofree char *select = g_strdup_printf ("SELECT id FROM %s WHERE version < 0", kind->table);
        g_autofree char *one = g_strdup_printf ("DELETE FROM %s WHERE id = ?", kind->table);
        g_autofree char *keep = g_strdup_printf ("UPDATE %s SET version = 0 WHERE id = ?", kind->table);
        g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
        sqlite3_stmt *stmt = gx_db_prepare (db, select, error);

        if (stmt == NULL)
          return FALSE;
        while (sqlite3_step (stmt) == SQLITE_ROW)
          g_ptr_array_add (ids, gx_db_dup_column (stmt, 0));
        sqlite3_reset (stmt);

        for (guint j = 0; j < ids->len; j++)
          {
            stmt = gx_db_prepare (db, one, error);
            if (stmt == NULL)
              return FALSE;
            sqlite3_bind_text (stmt, 1, ids->pdata[j], -1, SQLITE_TRANSIENT);
            if (sqlite3_step (stmt) == SQLITE_DONE)
              {
                sqlite3_reset (stmt);
                continue;
              }
            sqlite3_reset (stmt);

            stmt = gx_db_prepare (db, keep, error);
            if (stmt == NULL)
              return FALSE;
            sqlite3_bind_text (stmt, 1, ids->pdata[j], -1, SQLITE_TRANSIENT);
            if (!gx_db_step_done (db, stmt, error))
              return FALSE;
          }
      }
    }

  /* Records that waited for the stale ones to go (a reused number) can come in now. */
  return retry_waiting (db, &(ApplyChecks) { .outbox = TRUE, .waiting = TRUE }, error) &&
         gx_sync_state_set (db, "resync", "0", error);
}

/* Conflicts and parked changes */

/**
 * gx_sync_resolve_conflict:
 * @db: the writer, inside a transaction
 * @conflict_id: a row of sync_conflicts
 * @keep_mine: keep this desk's value (sent to the server as a new change) rather than the
 *   server's (which the desk has, or gets with the next pull)
 * @meta: who decides, when
 * @error: return location for a #GError
 */
gboolean
gx_sync_resolve_conflict (GxDb               *db,
                          const char         *conflict_id,
                          gboolean            keep_mine,
                          const GxWriteMeta  *meta,
                          GError            **error)
{
  g_autofree char *kind = NULL;
  g_autofree char *record_id = NULL;
  g_autofree char *field = NULL;
  g_autofree char *value = NULL;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  stmt = gx_db_prepare (db, "SELECT kind, record_id, field, mine, theirs FROM sync_conflicts WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, conflict_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      kind = gx_db_dup_column (stmt, 0);
      record_id = gx_db_dup_column (stmt, 1);
      field = gx_db_dup_column (stmt, 2);
      value = gx_db_dup_column (stmt, keep_mine ? 3 : 4);
      found = TRUE;
    }
  sqlite3_reset (stmt);

  if (!found)
    return TRUE;   /* resolved already, at this desk or by a sync */

  if (gx_kind_lookup (kind) != NULL && record_exists (db, gx_kind_lookup (kind), record_id))
    {
      g_autoptr(JsonNode) node = json_from_string (value ? value : "null", NULL);
      g_autoptr(JsonObject) changes = json_object_new ();

      json_object_set_member (changes, field, node ? g_steal_pointer (&node) : json_node_new (JSON_NODE_NULL));

      if (keep_mine)
        {
          /* A change made now, on the server's version: it applies without a conflict. */
          if (!gx_record_update (db, kind, record_id, changes, meta, error))
            return FALSE;
        }
      else
        {
          /* The server's value, as the server has it: nothing to send. */
          GxWriteMeta sync_meta = { .now = meta->now, .from_sync = TRUE,
                                    .version = gx_record_get_version (db, gx_kind_lookup (kind), record_id, NULL) };

          if (!gx_record_update (db, kind, record_id, changes, &sync_meta, error))
            return FALSE;
        }
    }

  stmt = gx_db_prepare (db, "DELETE FROM sync_conflicts WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, conflict_id, -1, SQLITE_TRANSIENT);
  return gx_db_step_done (db, stmt, error);
}

/**
 * gx_sync_discard_parked:
 * @db: the writer, inside a transaction
 * @mutation_id: a parked mutation
 * @error: return location for a #GError
 *
 * Gives up a change the server refused. A refused new record leaves this desk too (the
 * server never had it); a refused change of a record is undone at the next pull that brings
 * the record.
 */
gboolean
gx_sync_discard_parked (GxDb        *db,
                        const char  *mutation_id,
                        GError     **error)
{
  g_autofree char *kind_name = NULL;
  g_autofree char *record_id = NULL;
  g_autofree char *op = NULL;
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (db, "SELECT kind, record_id, op FROM outbox WHERE mutation_id = ? AND parked_reason IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, mutation_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      kind_name = gx_db_dup_column (stmt, 0);
      record_id = gx_db_dup_column (stmt, 1);
      op = gx_db_dup_column (stmt, 2);
    }
  sqlite3_reset (stmt);

  if (op == NULL)
    return TRUE;

  if (!delete_outbox (db, mutation_id, error))
    return FALSE;

  if (strcmp (op, "insert") == 0)
    {
      const GxKind *kind = gx_kind_lookup (kind_name);
      GxWriteMeta meta = { .from_sync = TRUE };

      if (kind == NULL || gx_record_get_version (db, kind, record_id, NULL) != 0)
        return TRUE;
      if (strcmp (kind->name, "customer") == 0)
        return gx_sync_purge_customer (db, record_id, error);
      if (!gx_db_exec (db, "SAVEPOINT discard", error))
        return FALSE;
      if (!gx_record_delete (db, kind->name, record_id, &meta, NULL))
        gx_db_exec (db, "ROLLBACK TO discard", NULL);
      return gx_db_exec (db, "RELEASE discard", error);
    }

  return TRUE;
}

/**
 * gx_sync_retry_parked:
 * @db: the writer, inside a transaction
 * @mutation_id: a parked mutation
 * @error: return location for a #GError
 *
 * Sends a parked change again (after the user fixed what was wrong, or the server's rules
 * changed).
 */
gboolean
gx_sync_retry_parked (GxDb        *db,
                      const char  *mutation_id,
                      GError     **error)
{
  g_autofree char *fresh = gx_uuid_v7_new ();
  sqlite3_stmt *stmt;

  /* The server remembers the refused mutation id with its answer: a retry is a new mutation. */
  stmt = gx_db_prepare (db,
                        "UPDATE outbox SET parked_reason = NULL, parked_field = NULL, mutation_id = ?"
                        " WHERE mutation_id = ?",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, fresh, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, mutation_id, -1, SQLITE_TRANSIENT);
  return gx_db_step_done (db, stmt, error);
}
