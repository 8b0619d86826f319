/* gx-server-sqlite-push.c: applying a desk's mutations — authorise, merge, write, remember
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-server-sqlite"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-customer.h"
#include "gx-enums.h"
#include "gx-problem.h"
#include "gx-record.h"
#include "gx-server-sqlite-private.h"
#include "gx-visibility.h"

/* A batch is one transaction; each mutation in it is a savepoint, so a refused mutation
 * changes nothing and the others still apply. Every result is kept with its mutation_id in
 * the same transaction: a batch retried after a lost response gets the same results and
 * changes nothing twice. A crash mid-batch rolls the whole batch back. Pushed records go
 * through the same record layer as a desk's own edits (validation, rules), in its server
 * mode: stamped with the new sequence number, no outbox, no change register. */

typedef struct
{
  const GxServerUser *user;
  char               *desk;        /* user id/desk id */
  JsonArray          *mutations;
  JsonArray          *results;
  gint64              now;
  gint64              head;
} PushJob;

static JsonObject *
result_new (const char *mutation_id,
            const char *status)
{
  JsonObject *result = json_object_new ();

  json_object_set_string_member (result, "mutation_id", mutation_id);
  json_object_set_string_member (result, "status", status);
  return result;
}

static JsonObject *
rejected (const char *mutation_id,
          JsonObject *problem)
{
  JsonObject *result = result_new (mutation_id, "rejected");

  json_object_set_object_member (result, "problem", problem);
  return result;
}

static JsonObject *
forbidden (const char *mutation_id,
           const char *detail,
           const char *field)
{
  return rejected (mutation_id, gx_problem_new (403, "forbidden", detail, field));
}

/* Failures of the database itself (disk full, I/O) are not the mutation's fault: the whole
 * batch is refused and retried later. */
static gboolean
is_transient (GxDb *db)
{
  switch (sqlite3_errcode (gx_db_get_handle (db)))
    {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_NOMEM:
    case SQLITE_CORRUPT:
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
      return TRUE;
    default:
      return FALSE;
    }
}

static JsonObject *
read_record (GxDb         *db,
             const GxKind *kind,
             const char   *id)
{
  JsonObject *record = gx_record_read (db, kind->name, id, NULL);

  if (record != NULL)
    json_object_remove_member (record, "version");
  return record;
}

static char *
node_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return json_to_string (node, FALSE);
}

/* Whether a pushed value differs from the stored one: 1 and true, 2 and 2.0 are the same. */
static gboolean
same_value (JsonNode *stored,
            JsonNode *pushed)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (stored == NULL || pushed == NULL)
    return stored == pushed;
  if (JSON_NODE_HOLDS_NULL (stored) || JSON_NODE_HOLDS_NULL (pushed))
    return JSON_NODE_HOLDS_NULL (stored) && JSON_NODE_HOLDS_NULL (pushed);

  if (json_node_get_value_type (pushed) == G_TYPE_BOOLEAN && json_node_get_value_type (stored) == G_TYPE_INT64)
    return json_node_get_int (stored) == (json_node_get_boolean (pushed) ? 1 : 0);
  if (json_node_get_value_type (pushed) == G_TYPE_DOUBLE || json_node_get_value_type (stored) == G_TYPE_DOUBLE)
    return json_node_get_double (stored) == json_node_get_double (pushed);

  a = node_text (stored);
  b = node_text (pushed);
  return g_strcmp0 (a, b) == 0;
}

static gboolean
may_set_level (const GxServerUser *user,
               JsonObject         *fields)
{
  const char *level;

  if (!json_object_has_member (fields, "confidentiality"))
    return TRUE;

  level = json_object_get_string_member (fields, "confidentiality");
  return level == NULL || !gx_vocab_contains (GX_VOCAB_CONFIDENTIALITY, level) ||
         gx_visibility_may_set_level (user->role, gx_confidentiality_from_code (level));
}

static gboolean
register_access (GxDb          *db,
                 PushJob       *job,
                 const char    *id,
                 JsonObject    *fields,
                 GError       **error)
{
  /* The desks' access register lands in the audit log too: who opened which protected
   * profile, when, and why. */
  return _gx_server_sqlite_insert_audit (db, &(GxAuditEntry) {
                                           .at = json_object_get_int_member_with_default (fields, "at", job->now),
                                           .user_id = job->user->id,
                                           .username = job->user->username,
                                           .action = json_object_get_string_member_with_default (fields, "action", "open"),
                                           .kind = "customer",
                                           .record_id = json_object_get_string_member_with_default (fields, "customer_id", NULL),
                                           .customer_id = json_object_get_string_member_with_default (fields, "customer_id", NULL),
                                           .reason = json_object_get_string_member_with_default (fields, "reason", ""),
                                           .detail = json_object_get_string_member_with_default (fields, "field", ""),
                                         },
                                         error);
}

static JsonObject *
apply_insert (GxDb          *db,
              PushJob       *job,
              const GxKind  *kind,
              const char    *mutation_id,
              const char    *id,
              JsonObject    *fields,
              GError       **error)
{
  GxWriteMeta meta = { .now = job->now, .user_id = job->user->id, .server = TRUE };
  g_autofree char *customer_id = NULL;
  g_autofree char *customer2_id = NULL;
  JsonObject *result;

  if (!gx_visibility_may_write_kind (job->user->role, kind->name))
    return forbidden (mutation_id, _("Your role may not add records of this kind."), "kind");
  if (strcmp (kind->name, "customer") == 0 && !may_set_level (job->user, fields))
    return forbidden (mutation_id, _("Your role may not give a customer this confidentiality level."), "confidentiality");
  /* A record naming its author (a timeline entry, a ledger entry) is signed by whoever pushes
   * it: the record layer's writer rule (gx-rules.c) refuses another name. */

  meta.version = _gx_server_sqlite_log_change (db, kind, id, FALSE, job->now, error);
  if (meta.version < 0 ||
      !gx_record_insert (db, kind->name, id, fields, &meta, error) ||
      !_gx_server_sqlite_log_customers (db, kind, id, meta.version, error))
    return NULL;

  /* Nobody adds to a file they may not see, nor links to one. */
  customer_id = _gx_server_sqlite_customer_of (db, kind, id, FALSE);
  customer2_id = _gx_server_sqlite_customer_of (db, kind, id, TRUE);
  if (!_gx_server_sqlite_can_see (db, job->user, customer_id) ||
      !_gx_server_sqlite_can_see (db, job->user, customer2_id))
    {
      g_set_error_literal (error, GX_SERVER_ERROR, GX_SERVER_ERROR_FORBIDDEN,
                           _("You may not add records to a customer you cannot see."));
      return NULL;
    }

  if (!_gx_server_sqlite_set_field_versions (db, kind, id, fields, meta.version, job->desk, error))
    return NULL;

  if (strcmp (kind->name, "access_log") == 0 && !register_access (db, job, id, fields, error))
    return NULL;

  result = result_new (mutation_id, "applied");
  json_object_set_int_member (result, "version", meta.version);
  return result;
}

static JsonObject *
apply_update (GxDb          *db,
              PushJob       *job,
              const GxKind  *kind,
              const char    *mutation_id,
              const char    *id,
              gint64         base_version,
              JsonObject    *fields,
              GError       **error)
{
  GxWriteMeta meta = { .now = job->now, .user_id = job->user->id, .server = TRUE };
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) apply = json_object_new ();
  g_autoptr(JsonArray) conflicts = json_array_new ();
  g_autofree char *customer_id = NULL;
  g_autofree char *old_level = NULL;
  g_autofree char *old_owner = NULL;
  gboolean is_customer = strcmp (kind->name, "customer") == 0;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  JsonObject *result;
  gint64 version;

  current = gx_record_read (db, kind->name, id, error);
  if (current == NULL)
    return NULL;

  customer_id = _gx_server_sqlite_customer_of (db, kind, id, FALSE);
  if (!_gx_server_sqlite_can_see (db, job->user, customer_id))
    return forbidden (mutation_id, _("You may not change records of a customer you cannot see."), NULL);
  if (!gx_visibility_may_write_kind (job->user->role, kind->name))
    return forbidden (mutation_id, _("Your role may not change records of this kind."), "kind");
  if (kind->append_only && !gx_customer_ledger_erasable (db, kind, id, fields))
    {
      g_autofree char *message = g_strdup_printf (_("Entries of %s are never changed; add a correcting entry instead."), kind->name);
      gx_record_set_field_error (error, GX_RECORD_ERROR_APPEND_ONLY, NULL, message);
      return NULL;
    }
  if (!gx_record_validate (kind, fields, FALSE, error))
    return NULL;
  if (is_customer && !may_set_level (job->user, fields))
    return forbidden (mutation_id, _("Your role may not give a customer this confidentiality level."), "confidentiality");
  if (is_customer && json_object_has_member (fields, "erased_at") && !gx_visibility_may_erase (job->user->role))
    return forbidden (mutation_id, _("Your role may not erase a customer’s personal data."), "erased_at");

  version = json_object_get_int_member (current, "version");
  if (is_customer)
    {
      old_level = g_strdup (json_object_get_string_member (current, "confidentiality"));
      old_owner = g_strdup (json_object_get_string_member_with_default (current, "owner_id", NULL));
    }

  /* The merge: a field changed by another desk since the change's base version conflicts;
   * everything else applies. */
  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &node))
    {
      sqlite3_stmt *stmt;
      gint64 field_version = 0;
      g_autofree char *field_desk = NULL;

      if (same_value (json_object_get_member (current, name), node))
        continue;

      stmt = gx_db_prepare (db, "SELECT version, desk FROM field_versions WHERE kind = ? AND record_id = ? AND field = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, kind->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          field_version = sqlite3_column_int64 (stmt, 0);
          field_desk = gx_db_dup_column (stmt, 1);
        }
      sqlite3_reset (stmt);

      if (gx_merge_is_conflict (base_version, job->desk, field_version, field_desk))
        json_array_add_string_element (conflicts, name);
      else
        json_object_set_member (apply, name, json_node_copy (node));
    }

  if (json_object_get_size (apply) > 0)
    {
      meta.version = _gx_server_sqlite_log_change (db, kind, id, FALSE, job->now, error);
      if (meta.version < 0 ||
          !gx_record_update (db, kind->name, id, apply, &meta, error) ||
          !_gx_server_sqlite_log_customers (db, kind, id, meta.version, error) ||
          !_gx_server_sqlite_set_field_versions (db, kind, id, apply, meta.version, job->desk, error))
        return NULL;
      version = meta.version;

      /* A change of who may see the customer: the feed turns it into "remove" entries for
       * those who lose it and the whole file for those who gain it. */
      if (is_customer &&
          (json_object_has_member (apply, "confidentiality") || json_object_has_member (apply, "owner_id")))
        {
          sqlite3_stmt *stmt = gx_db_prepare (db,
                                              "INSERT INTO scope_log (seq, customer_id, old_level, old_owner_id, at)"
                                              " VALUES (?, ?, ?, ?, ?)",
                                              error);
          if (stmt == NULL)
            return NULL;
          sqlite3_bind_int64 (stmt, 1, version);
          sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, old_level, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 4, old_owner, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 5, job->now);
          if (!gx_db_step_done (db, stmt, error))
            return NULL;
        }
    }

  if (json_array_get_length (conflicts) > 0)
    {
      JsonObject *record = read_record (db, kind, id);

      result = result_new (mutation_id, "conflict");
      json_object_set_int_member (result, "version", version);
      json_object_set_array_member (result, "fields", g_steal_pointer (&conflicts));
      json_object_set_object_member (result, "record", record ? record : json_object_new ());
      return result;
    }

  result = result_new (mutation_id, "applied");
  json_object_set_int_member (result, "version", version);
  return result;
}

static JsonObject *
apply_delete (GxDb          *db,
              PushJob       *job,
              const GxKind  *kind,
              const char    *mutation_id,
              const char    *id,
              gint64         base_version,
              GError       **error)
{
  GxWriteMeta meta = { .now = job->now, .user_id = job->user->id, .server = TRUE };
  g_autofree char *customer_id = NULL;
  sqlite3_stmt *stmt;
  JsonObject *result;
  gint64 others;

  if (gx_record_get_version (db, kind, id, NULL) < 0)
    {
      /* Gone already: deleting it again is done. */
      result = result_new (mutation_id, "applied");
      json_object_set_int_member (result, "version",
                                  gx_db_query_int (db, "SELECT seq FROM sync_log WHERE kind = ? AND record_id = ?",
                                                   g_variant_new ("(ss)", kind->name, id), 0, NULL));
      return result;
    }

  customer_id = _gx_server_sqlite_customer_of (db, kind, id, FALSE);
  if (!_gx_server_sqlite_can_see (db, job->user, customer_id))
    return forbidden (mutation_id, _("You may not delete records of a customer you cannot see."), NULL);
  if (!gx_visibility_may_write_kind (job->user->role, kind->name))
    return forbidden (mutation_id, _("Your role may not delete records of this kind."), "kind");

  /* Deleting what someone else changed meanwhile would throw their change away unseen. */
  stmt = gx_db_prepare (db, "SELECT count(*) FROM field_versions WHERE kind = ? AND record_id = ? AND version > ? AND desk <> ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, base_version);
  sqlite3_bind_text (stmt, 4, job->desk, -1, SQLITE_TRANSIENT);
  others = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (others > 0)
    {
      g_set_error_literal (error, GX_SERVER_ERROR, GX_SERVER_ERROR_CONFLICT,
                           _("Someone else changed this record after you last synced; it was not deleted. Look at their change and delete it again if it should go."));
      return NULL;
    }

  meta.version = _gx_server_sqlite_log_change (db, kind, id, TRUE, job->now, error);
  if (meta.version < 0 || !gx_record_delete (db, kind->name, id, &meta, error))
    return NULL;

  stmt = gx_db_prepare (db, "DELETE FROM field_versions WHERE kind = ? AND record_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  if (!gx_db_step_done (db, stmt, error))
    return NULL;

  result = result_new (mutation_id, "applied");
  json_object_set_int_member (result, "version", meta.version);
  return result;
}

static JsonObject *
apply_mutation (GxDb        *db,
                PushJob     *job,
                JsonObject  *mutation,
                GError     **error)
{
  const char *mutation_id = json_object_get_string_member (mutation, "mutation_id");
  const char *kind_name = json_object_get_string_member (mutation, "kind");
  const char *id = json_object_get_string_member (mutation, "id");
  const char *op = json_object_get_string_member (mutation, "op");
  gint64 base_version = json_object_get_int_member_with_default (mutation, "base_version", 0);
  /* A deletion carries no fields. */
  JsonObject *fields = json_object_has_member (mutation, "fields") ? json_object_get_object_member (mutation, "fields") : NULL;
  const GxKind *kind = gx_kind_lookup (kind_name);

  if (kind == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a kind of record."), kind_name);
      return rejected (mutation_id, gx_problem_new (400, "unknown-kind", message, "kind"));
    }

  if (strcmp (op, "insert") == 0)
    return apply_insert (db, job, kind, mutation_id, id, fields, error);
  if (strcmp (op, "update") == 0)
    return apply_update (db, job, kind, mutation_id, id, base_version, fields, error);
  return apply_delete (db, job, kind, mutation_id, id, base_version, error);
}

static gboolean
remember (GxDb        *db,
          PushJob     *job,
          const char  *mutation_id,
          JsonObject  *result,
          GError     **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), result);
  g_autofree char *text = json_to_string (node, FALSE);
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (db, "INSERT INTO mutations (mutation_id, user_id, at, result) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, mutation_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, job->user->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, job->now);
  sqlite3_bind_text (stmt, 4, text, -1, SQLITE_TRANSIENT);
  return gx_db_step_done (db, stmt, error);
}

/* The first result of a mutation seen before, or %NULL. */
static JsonObject *
recall (GxDb        *db,
        PushJob     *job,
        const char  *mutation_id)
{
  g_autofree char *user_id = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (db, "SELECT user_id, result FROM mutations WHERE mutation_id = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, mutation_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      user_id = gx_db_dup_column (stmt, 0);
      text = gx_db_dup_column (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (text == NULL)
    return NULL;

  if (g_strcmp0 (user_id, job->user->id) != 0)
    return rejected (mutation_id, gx_problem_new (409, "exists", _("This mutation id was used by someone else."), "mutation_id"));

  node = json_from_string (text, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

/* Transaction control as cached statements: a savepoint per mutation adds up. */
static gboolean
run (GxDb        *db,
     const char  *sql,
     GError     **error)
{
  sqlite3_stmt *stmt = gx_db_prepare (db, sql, error);

  return stmt != NULL && gx_db_step_done (db, stmt, error);
}

static gboolean
push_cb (GxDb      *db,
         gpointer   user_data,
         GError   **error)
{
  PushJob *job = user_data;
  guint n = json_array_get_length (job->mutations);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *mutation = json_array_get_object_element (job->mutations, i);
      const char *mutation_id = json_object_get_string_member (mutation, "mutation_id");
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonObject) result = NULL;

      result = recall (db, job, mutation_id);
      if (result != NULL)
        {
          json_array_add_object_element (job->results, g_steal_pointer (&result));
          continue;
        }

      if (!run (db, "SAVEPOINT mutation", error))
        return FALSE;

      result = apply_mutation (db, job, mutation, &local_error);
      if (result == NULL || g_str_equal (json_object_get_string_member (result, "status"), "rejected"))
        {
          if (result == NULL && is_transient (db))
            {
              g_set_error (error, GX_SERVER_ERROR, GX_SERVER_ERROR_UNAVAILABLE, "%s", local_error->message);
              return FALSE;
            }
          if (!run (db, "ROLLBACK TO mutation", error))
            return FALSE;
          if (result == NULL)
            result = rejected (mutation_id, gx_problem_from_error (local_error));
        }

      if (!run (db, "RELEASE mutation", error) ||
          !remember (db, job, mutation_id, result, error))
        return FALSE;

      json_array_add_object_element (job->results, g_steal_pointer (&result));
    }

  job->head = _gx_server_sqlite_query_head (db);
  return TRUE;
}

JsonArray *
_gx_server_sqlite_push (GxServerStorage     *storage,
                        const GxServerUser  *user,
                        const char          *desk_id,
                        JsonArray           *mutations,
                        gint64               now,
                        GError             **error)
{
  GxServerSqlite *self = GX_SERVER_SQLITE (storage);
  PushJob job = {
    .user = user,
    .desk = g_strconcat (user->id, "/", desk_id ? desk_id : "", NULL),
    .mutations = mutations,
    .results = json_array_new (),
    .now = now,
  };
  gboolean ok;

  ok = gx_store_write_sync (self->store, push_cb, &job, error);
  g_free (job.desk);

  if (!ok)
    {
      json_array_unref (job.results);
      return NULL;
    }

  _gx_server_sqlite_set_head (self, job.head);
  return job.results;
}
