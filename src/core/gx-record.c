/* gx-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-record"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-customer.h"
#include "gx-pinyin.h"
#include "gx-record.h"
#include "gx-rules.h"
#include "gx-uuid.h"
#include "gx-validate.h"

/* Every change of a synced record at the desk goes through here, inside the caller's store
 * transaction, so the record, its change-register rows and its outbox row commit together or
 * not at all. The server applies pushed mutations through the same validation, so a value the
 * desk refuses the server refuses too. Column names in the SQL built here come from the
 * schema (GxKind), never from input; every value is bound. */

typedef struct
{
  char *field;
} GxRecordErrorPrivate;

static void
gx_record_error_private_init (GxRecordErrorPrivate *priv)
{
  priv->field = NULL;
}

static void
gx_record_error_private_copy (const GxRecordErrorPrivate *src,
                              GxRecordErrorPrivate       *dest)
{
  dest->field = g_strdup (src->field);
}

static void
gx_record_error_private_clear (GxRecordErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
}

G_DEFINE_EXTENDED_ERROR (GxRecordError, gx_record_error)

/**
 * gx_record_set_field_error:
 * @error: return location for a #GError
 * @code: the error code
 * @field: (nullable): the field at fault
 * @message: the translated message
 *
 * Sets a #GX_RECORD_ERROR naming the field at fault, for the form to mark and the server to
 * put in its problem response.
 */
void
gx_record_set_field_error (GError        **error,
                           GxRecordError   code,
                           const char     *field,
                           const char     *message)
{
  GxRecordErrorPrivate *priv;
  GError *local;

  if (error == NULL)
    return;

  local = g_error_new_literal (GX_RECORD_ERROR, code, message);
  priv = gx_record_error_get_private (local);
  priv->field = g_strdup (field);
  g_propagate_error (error, local);
}

/**
 * gx_record_error_get_field:
 * @error: a #GError
 *
 * Returns: (nullable): the field a #GX_RECORD_ERROR names
 */
const char *
gx_record_error_get_field (const GError *error)
{
  GxRecordErrorPrivate *priv;

  if (error == NULL || error->domain != GX_RECORD_ERROR)
    return NULL;

  priv = gx_record_error_get_private (error);
  return priv ? priv->field : NULL;
}

/* Validation */

static gboolean
validate_value (const GxKind  *kind,
                const GxField *field,
                JsonNode      *node,
                GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;
  GType value_type;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (field->nullable)
        return TRUE;
      message = g_strdup_printf (_("“%s” cannot be empty."), field->name);
      gx_record_set_field_error (error, GX_RECORD_ERROR_REQUIRED, field->name, message);
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    goto wrong_type;

  value_type = json_node_get_value_type (node);
  switch (field->type)
    {
    case GX_FIELD_TEXT:
    case GX_FIELD_BLOB:
      if (value_type != G_TYPE_STRING)
        goto wrong_type;
      if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
        goto wrong_type;
      break;
    case GX_FIELD_INTEGER:
      if (value_type != G_TYPE_INT64 && value_type != G_TYPE_BOOLEAN)
        goto wrong_type;
      break;
    case GX_FIELD_REAL:
      if (value_type != G_TYPE_INT64 && value_type != G_TYPE_DOUBLE)
        goto wrong_type;
      break;
    default:
      g_assert_not_reached ();
    }

  switch (field->check)
    {
    case GX_CHECK_VOCAB:
      if (!gx_vocab_contains ((GxVocab) field->vocab, json_node_get_string (node)))
        {
          message = g_strdup_printf (_("“%s” is not a known value of %s."),
                                     json_node_get_string (node), field->name);
          gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, field->name, message);
          return FALSE;
        }
      break;
    case GX_CHECK_DATE:
      if (!gx_validate_date (json_node_get_string (node), &local_error))
        goto invalid;
      break;
    case GX_CHECK_EMAIL:
      if (!gx_validate_email (json_node_get_string (node), &local_error))
        goto invalid;
      break;
    case GX_CHECK_PHONE:
      if (*json_node_get_string (node) != '\0' && !gx_validate_phone (json_node_get_string (node), &local_error))
        goto invalid;
      break;
    case GX_CHECK_BOOL:
      if (value_type == G_TYPE_INT64 && json_node_get_int (node) != 0 && json_node_get_int (node) != 1)
        goto wrong_type;
      break;
    case GX_CHECK_NONE:
    default:
      break;
    }

  return TRUE;

invalid:
  gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, field->name, local_error->message);
  return FALSE;

wrong_type:
  message = g_strdup_printf (_("“%s” has the wrong type of value."), field->name);
  gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, field->name, message);
  return FALSE;
}

/* Rules across fields of one record that a single column's check cannot say. */
static gboolean
validate_record (const GxKind  *kind,
                 JsonObject    *fields,
                 GError       **error)
{
  if (strcmp (kind->table, "customer_contacts") == 0 &&
      json_object_has_member (fields, "kind") && json_object_has_member (fields, "value"))
    {
      const char *contact_kind = json_object_get_string_member (fields, "kind");
      const char *value = json_object_get_string_member (fields, "value");
      g_autoptr(GError) local_error = NULL;
      gboolean ok = TRUE;

      if (g_strcmp0 (contact_kind, "mobile") == 0)
        ok = gx_validate_mobile (value, &local_error);
      else if (g_strcmp0 (contact_kind, "landline") == 0)
        ok = gx_validate_landline (value, &local_error);
      else if (g_strcmp0 (contact_kind, "email") == 0)
        ok = gx_validate_email (value, &local_error);

      if (!ok)
        {
          gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "value", local_error->message);
          return FALSE;
        }
    }

  if (strcmp (kind->table, "customers") == 0 &&
      json_object_has_member (fields, "accounts") &&
      !json_object_get_null_member (fields, "accounts"))
    {
      g_autoptr(GError) local_error = NULL;

      if (!gx_validate_accounts (json_object_get_string_member (fields, "accounts"), &local_error))
        {
          gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "accounts", local_error->message);
          return FALSE;
        }
    }

  if (strcmp (kind->table, "customers") == 0 &&
      json_object_has_member (fields, "id_number") &&
      !json_object_get_null_member (fields, "id_number") &&
      json_object_has_member (fields, "id_type") &&
      g_strcmp0 (json_object_get_string_member (fields, "id_type"), "resident") == 0)
    {
      g_autoptr(GError) local_error = NULL;

      if (!gx_validate_resident_id (json_object_get_string_member (fields, "id_number"), &local_error))
        {
          gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "id_number", local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * gx_record_validate:
 * @kind: the record's kind
 * @fields: the fields given
 * @insert: a new record: required fields must be there
 * @error: return location for a #GX_RECORD_ERROR naming the field at fault
 *
 * Checks names, types and values of @fields against the schema and the rules.
 */
gboolean
gx_record_validate (const GxKind  *kind,
                    JsonObject    *fields,
                    gboolean       insert,
                    GError       **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (kind->fields != NULL, FALSE);

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &node))
    {
      const GxField *field = gx_kind_find_field (kind, name);

      if (field == NULL || strcmp (name, "id") == 0)
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not a field of %s."), name, kind->name);
          gx_record_set_field_error (error, GX_RECORD_ERROR_UNKNOWN_FIELD, name, message);
          return FALSE;
        }

      if (!validate_value (kind, field, node, error))
        return FALSE;
    }

  if (insert)
    for (guint i = 0; i < kind->n_fields; i++)
      if (kind->fields[i].required && !json_object_has_member (fields, kind->fields[i].name))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is required."), kind->fields[i].name);
          gx_record_set_field_error (error, GX_RECORD_ERROR_REQUIRED, kind->fields[i].name, message);
          return FALSE;
        }

  return validate_record (kind, fields, error);
}

/* Writing */

static void
bind_node (sqlite3_stmt  *stmt,
           int            pos,
           const GxField *field,
           JsonNode      *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      sqlite3_bind_null (stmt, pos);
      return;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      if (field->type == GX_FIELD_BLOB)
        {
          gsize len;
          guchar *data = g_base64_decode (json_node_get_string (node), &len);
          sqlite3_bind_blob (stmt, pos, data, (int) len, g_free);
        }
      else
        sqlite3_bind_text (stmt, pos, json_node_get_string (node), -1, SQLITE_TRANSIENT);
      break;
    case G_TYPE_INT64:
      sqlite3_bind_int64 (stmt, pos, json_node_get_int (node));
      break;
    case G_TYPE_BOOLEAN:
      sqlite3_bind_int (stmt, pos, json_node_get_boolean (node));
      break;
    case G_TYPE_DOUBLE:
      sqlite3_bind_double (stmt, pos, json_node_get_double (node));
      break;
    default:
      sqlite3_bind_null (stmt, pos);
    }
}

static JsonNode *
column_to_node (sqlite3_stmt  *stmt,
                int            col,
                const GxField *field)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  switch (sqlite3_column_type (stmt, col))
    {
    case SQLITE_NULL:
      json_node_init_null (node);
      break;
    case SQLITE_INTEGER:
      json_node_set_int (node, sqlite3_column_int64 (stmt, col));
      break;
    case SQLITE_FLOAT:
      json_node_set_double (node, sqlite3_column_double (stmt, col));
      break;
    case SQLITE_BLOB:
      {
        g_autofree char *text = g_base64_encode (sqlite3_column_blob (stmt, col),
                                                 (gsize) sqlite3_column_bytes (stmt, col));
        json_node_set_string (node, text);
      }
      break;
    default:
      if (field != NULL && field->type == GX_FIELD_BLOB)
        {
          g_autofree char *text = g_base64_encode (sqlite3_column_blob (stmt, col),
                                                   (gsize) sqlite3_column_bytes (stmt, col));
          json_node_set_string (node, text);
        }
      else
        json_node_set_string (node, (const char *) sqlite3_column_text (stmt, col));
    }

  return node;
}

/* Textual form of a value for the change register. */
static char *
node_to_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "1" : "0");
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    default:
      return NULL;
    }
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  g_autofree char *ta = node_to_text (a);
  g_autofree char *tb = node_to_text (b);

  return g_strcmp0 (ta, tb) == 0;
}

/* A write that only applies a change made elsewhere: the server's record at the desk, or a
 * desk's pushed mutation on the server. It writes no outbox row and no register row, and
 * stamps the record with the version it was given. */
static inline gboolean
applies_only (const GxWriteMeta *meta)
{
  return meta->from_sync || meta->server;
}

static const GxKind *
lookup_kind (const char  *name,
             GError     **error)
{
  const GxKind *kind = gx_kind_lookup (name);

  if (kind == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a kind of record."), name);
      gx_record_set_field_error (error, GX_RECORD_ERROR_UNKNOWN_KIND, "kind", message);
      return NULL;
    }

  g_return_val_if_fail (kind->fields != NULL, NULL);
  return kind;
}

static gboolean
queue_mutation (GxDb         *db,
                const GxKind *kind,
                const char   *id,
                const char   *op,
                gint64        base_version,
                JsonObject   *fields,
                gint64        now,
                GError      **error)
{
  g_autofree char *mutation_id = gx_uuid_v7_new ();
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;

  if (fields != NULL)
    {
      g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), fields);
      json = json_to_string (root, FALSE);
    }

  stmt = gx_db_prepare (db,
                        "INSERT INTO outbox (mutation_id, kind, record_id, op, base_version, fields, created_at)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, mutation_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, op, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, base_version);
  sqlite3_bind_text (stmt, 6, json ? json : "{}", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, now);
  return gx_db_step_done (db, stmt, error);
}

/* The change register keeps every change of a profile and the records hanging off it; the
 * verification stamp of an identity change is a column of the register itself, not a change
 * of its own. */
static gboolean
register_change (GxDb              *db,
                 const GxKind      *kind,
                 const char        *id,
                 const char        *customer_id,
                 const char        *field,
                 JsonNode          *old_value,
                 JsonNode          *new_value,
                 const GxWriteMeta *meta,
                 GError           **error)
{
  g_autofree char *log_id = gx_uuid_v7_new_at (meta->now * 1000);
  g_autofree char *old_text = node_to_text (old_value);
  g_autofree char *new_text = node_to_text (new_value);
  g_autoptr(JsonObject) row = json_object_new ();
  const GxKind *change_kind = gx_kind_lookup ("change_log");
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (db,
                        "INSERT INTO change_log (id, record_kind, record_id, customer_id, at, user_id, field,"
                        " old_value, new_value, verification) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, log_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, meta->now);
  sqlite3_bind_text (stmt, 6, meta->user_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, field, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, old_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, new_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, meta->verification ? meta->verification : "", -1, SQLITE_TRANSIENT);
  if (!gx_db_step_done (db, stmt, error))
    return FALSE;

  /* The register row syncs like any ledger entry. */
  json_object_set_string_member (row, "record_kind", kind->name);
  json_object_set_string_member (row, "record_id", id);
  if (customer_id != NULL)
    json_object_set_string_member (row, "customer_id", customer_id);
  else
    json_object_set_null_member (row, "customer_id");
  json_object_set_int_member (row, "at", meta->now);
  if (meta->user_id != NULL)
    json_object_set_string_member (row, "user_id", meta->user_id);
  json_object_set_string_member (row, "field", field);
  if (old_text != NULL)
    json_object_set_string_member (row, "old_value", old_text);
  if (new_text != NULL)
    json_object_set_string_member (row, "new_value", new_text);
  json_object_set_string_member (row, "verification", meta->verification ? meta->verification : "");
  return queue_mutation (db, change_kind, log_id, "insert", 0, row, meta->now, error);
}

/* Derived columns and denormalised values the lists read. */
static gboolean
derive (GxDb          *db,
        const GxKind  *kind,
        const char    *id,
        JsonObject    *fields,
        GError       **error)
{
  if (strcmp (kind->table, "customers") == 0 &&
      (json_object_has_member (fields, "name") || json_object_has_member (fields, "kind")))
    {
      g_autofree char *name = gx_db_query_string (db, "SELECT name FROM customers WHERE id = ?",
                                                  g_variant_new ("(s)", id), error);
      g_autofree char *customer_kind = gx_db_query_string (db, "SELECT kind FROM customers WHERE id = ?",
                                                           g_variant_new ("(s)", id), error);
      gboolean personal = g_strcmp0 (customer_kind, "individual") == 0;
      g_autofree char *full = gx_pinyin_full (name, personal);
      g_autofree char *initials = gx_pinyin_initials (name, personal);
      g_autofree char *sort_key = gx_pinyin_sort_key (name, personal);
      sqlite3_stmt *stmt;

      if (name == NULL)
        return FALSE;

      stmt = gx_db_prepare (db, "UPDATE customers SET name_pinyin = ?, name_initials = ?, sort_key = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, full, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, initials, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, sort_key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, id, -1, SQLITE_TRANSIENT);
      return gx_db_step_done (db, stmt, error);
    }

  if (strcmp (kind->table, "contact_log") == 0)
    {
      sqlite3_stmt *stmt = gx_db_prepare (db,
                                          "UPDATE customers SET last_contact_at ="
                                          " (SELECT max (at) FROM contact_log WHERE customer_id = customers.id)"
                                          " WHERE id = (SELECT customer_id FROM contact_log WHERE id = ?)",
                                          error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      return gx_db_step_done (db, stmt, error);
    }

  return TRUE;
}

/* The customer a record belongs to, for the change register. */
static char *
dup_customer_id (GxDb          *db,
                 const GxKind  *kind,
                 const char    *id)
{
  g_autofree char *sql = NULL;

  if (kind->customer_sql == NULL)
    return NULL;

  sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", kind->customer_sql, kind->table);
  return gx_db_query_string (db, sql, g_variant_new ("(s)", id), NULL);
}

static gboolean
keeps_history (const GxKind *kind)
{
  /* Profiles and what hangs directly off them; ledgers are their own history. */
  return !kind->append_only && kind->customer_sql != NULL &&
         (strcmp (kind->customer_sql, "id") == 0 || strcmp (kind->customer_sql, "customer_id") == 0);
}

/**
 * gx_record_insert:
 * @db: the writer connection, inside a transaction
 * @kind: the kind's name
 * @id: the new record's id (a UUIDv7 for records made at the desk)
 * @fields: its fields
 * @meta: who and when
 * @error: return location for a #GError; field errors are #GX_RECORD_ERROR
 *
 * Validates and inserts a record and queues it for the server.
 */
gboolean
gx_record_insert (GxDb               *db,
                  const char         *kind_name,
                  const char         *id,
                  JsonObject         *fields,
                  const GxWriteMeta  *meta,
                  GError            **error)
{
  const GxKind *kind;
  g_autoptr(GString) columns = g_string_new ("id");
  g_autoptr(GString) values = g_string_new ("?");
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *sql = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  sqlite3_stmt *stmt;
  gboolean is_customer;
  gboolean ok;

  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  g_return_val_if_fail (meta != NULL, FALSE);

  if (!(kind = lookup_kind (kind_name, error)) || !gx_record_validate (kind, fields, TRUE, error))
    return FALSE;

  if (!gx_uuid_is_valid (id) && !meta->from_sync && kind->customer_sql != NULL)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "id", _("A record id must be a UUID."));
      return FALSE;
    }

  if (!meta->from_sync &&
      !gx_rules_check_by (db, kind, GX_RULE_INSERT, id, fields, fields,
                          &(GxRuleWriter) { meta->user_id, meta->server }, error))
    return FALSE;

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &node))
    {
      /* Appended, not printed: this runs for every field of every record a sync pulls. */
      g_string_append (columns, ", \"");
      g_string_append (columns, name);
      g_string_append_c (columns, '"');
      g_string_append (values, ", ?");
      g_ptr_array_add (names, (gpointer) name);
    }
  if (applies_only (meta))
    {
      g_string_append (columns, ", version");
      g_string_append (values, ", ?");
    }
  /* A new customer's readings go in with the row: written once, not inserted and then
   * updated (which touched the row and its list indexes twice, a first sync's main cost). */
  is_customer = strcmp (kind->table, "customers") == 0;
  if (is_customer)
    {
      g_string_append (columns, ", name_pinyin, name_initials, sort_key");
      g_string_append (values, ", ?, ?, ?");
    }

  sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", kind->table, columns->str, values->str);
  stmt = gx_db_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < names->len; i++)
    bind_node (stmt, (int) i + 2, gx_kind_find_field (kind, names->pdata[i]),
               json_object_get_member (fields, names->pdata[i]));
  if (applies_only (meta))
    sqlite3_bind_int64 (stmt, (int) names->len + 2, meta->version);
  if (is_customer)
    {
      int pos = (int) names->len + 2 + (applies_only (meta) ? 1 : 0);
      /* The schema's default kind is an individual's. */
      gboolean personal = g_strcmp0 (json_object_get_string_member_with_default (fields, "kind", "individual"),
                                     "individual") == 0;
      const char *customer_name = json_object_get_string_member_with_default (fields, "name", NULL);

      if (customer_name == NULL)
        customer_name = "";   /* refused by the schema below */

      sqlite3_bind_text (stmt, pos, gx_pinyin_full (customer_name, personal), -1, g_free);
      sqlite3_bind_text (stmt, pos + 1, gx_pinyin_initials (customer_name, personal), -1, g_free);
      sqlite3_bind_text (stmt, pos + 2, gx_pinyin_sort_key (customer_name, personal), -1, g_free);
    }

  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    {
      int rc = sqlite3_extended_errcode (gx_db_get_handle (db));

      if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        gx_record_set_field_error (error, GX_RECORD_ERROR_EXISTS, "id", _("A record with this id exists already."));
      else
        gx_db_set_error (db, error, kind->table);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  if (!is_customer && !derive (db, kind, id, fields, error))
    return FALSE;

  if (applies_only (meta))
    return TRUE;

  return queue_mutation (db, kind, id, "insert", 0, fields, meta->now, error);
}

/**
 * gx_record_insert_pulled:
 * @db: the writer connection, inside a transaction
 * @kind: the records' kind (not `contact_log`, whose insert updates its customer)
 * @n: how many records, at most 100
 * @ids: their ids
 * @records: their fields, the same names in the same order in each
 * @versions: the server's version of each
 * @error: return location for a #GError
 *
 * Inserts records pulled from the server in one statement, validated as
 * gx_record_insert() in its from_sync mode validates them. One statement matters: SQLite
 * builds the lookup table of each `CHECK (x IN (…))` of the schema once per statement run,
 * and a customer's row has six of them — per record, that was a first sync's largest cost.
 * On any failure nothing is inserted and the caller inserts the records one by one, to find
 * the one that cannot be.
 */
gboolean
gx_record_insert_pulled (GxDb                *db,
                         const GxKind        *kind,
                         guint                n,
                         const char * const  *ids,
                         JsonObject * const  *records,
                         const gint64        *versions,
                         GError             **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) row = g_string_new ("(?");
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const GxField **fields;
  gboolean is_customer = strcmp (kind->table, "customers") == 0;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  sqlite3_stmt *stmt;
  int pos = 1;
  int rc;

  g_return_val_if_fail (n > 0 && n <= 100, FALSE);
  g_return_val_if_fail (strcmp (kind->table, "contact_log") != 0, FALSE);

  for (guint i = 0; i < n; i++)
    if (!gx_record_validate (kind, records[i], TRUE, error))
      return FALSE;

  /* Table and column names come from the kinds table (validated above), never from input. */
  g_string_append_printf (sql, "INSERT INTO %s (id", kind->table);
  json_object_iter_init (&iter, records[0]);
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_string_append (sql, ", \"");
      g_string_append (sql, name);
      g_string_append_c (sql, '"');
      g_string_append (row, ", ?");
      g_ptr_array_add (names, (gpointer) name);
    }
  g_string_append (sql, ", version");
  g_string_append (row, ", ?");
  if (is_customer)
    {
      g_string_append (sql, ", name_pinyin, name_initials, sort_key");
      g_string_append (row, ", ?, ?, ?");
    }
  g_string_append (sql, ") VALUES ");
  g_string_append_c (row, ')');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (sql, ',');
      g_string_append (sql, row->str);
    }

  stmt = gx_db_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  fields = g_newa (const GxField *, names->len);
  for (guint c = 0; c < names->len; c++)
    fields[c] = gx_kind_find_field (kind, names->pdata[c]);

  for (guint i = 0; i < n; i++)
    {
      sqlite3_bind_text (stmt, pos++, ids[i], -1, SQLITE_STATIC);
      for (guint c = 0; c < names->len; c++)
        bind_node (stmt, pos++, fields[c], json_object_get_member (records[i], names->pdata[c]));
      sqlite3_bind_int64 (stmt, pos++, versions[i]);
      if (is_customer)
        {
          gboolean personal = g_strcmp0 (json_object_get_string_member_with_default (records[i], "kind", "individual"),
                                         "individual") == 0;
          const char *customer_name = json_object_get_string_member_with_default (records[i], "name", NULL);

          if (customer_name == NULL)
            customer_name = "";   /* refused by the schema */
          sqlite3_bind_text (stmt, pos++, gx_pinyin_full (customer_name, personal), -1, g_free);
          sqlite3_bind_text (stmt, pos++, gx_pinyin_initials (customer_name, personal), -1, g_free);
          sqlite3_bind_text (stmt, pos++, gx_pinyin_sort_key (customer_name, personal), -1, g_free);
        }
    }

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    gx_db_set_error (db, error, kind->table);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE;
}

/**
 * gx_record_read:
 * @db: a connection
 * @kind: the kind's name
 * @id: the record's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the record's fields and its `version`
 */
JsonObject *
gx_record_read (GxDb        *db,
                const char  *kind_name,
                const char  *id,
                GError     **error)
{
  g_autoptr(GString) columns = g_string_new ("version");
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *sql = NULL;
  const GxKind *kind;
  sqlite3_stmt *stmt;
  int rc;

  if (!(kind = lookup_kind (kind_name, error)))
    return NULL;

  for (guint i = 0; i < kind->n_fields; i++)
    g_string_append_printf (columns, ", \"%s\"", kind->fields[i].name);

  sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", columns->str, kind->table);
  stmt = gx_db_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      record = json_object_new ();
      json_object_set_int_member (record, "version", sqlite3_column_int64 (stmt, 0));
      for (guint i = 0; i < kind->n_fields; i++)
        json_object_set_member (record, kind->fields[i].name, column_to_node (stmt, (int) i + 1, &kind->fields[i]));
    }
  else if (rc == SQLITE_DONE)
    {
      g_autofree char *message = g_strdup_printf (_("No %s with id “%s”."), kind->name, id);
      gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "id", message);
    }
  else
    gx_db_set_error (db, error, kind->table);

  sqlite3_reset (stmt);
  return g_steal_pointer (&record);
}

gint64
gx_record_get_version (GxDb          *db,
                       const GxKind  *kind,
                       const char    *id,
                       GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT version FROM %s WHERE id = ?", kind->table);

  return gx_db_query_int (db, sql, g_variant_new ("(s)", id), -1, error);
}

/**
 * gx_record_update:
 * @db: the writer connection, inside a transaction
 * @kind: the kind's name
 * @id: the record's id
 * @changes: the fields to change
 * @meta: who, when, and how identity was verified
 * @error: return location for a #GError; field errors are #GX_RECORD_ERROR
 *
 * Changes the fields of @changes whose value differs, registers each change (old → new) for
 * profile records, and queues only those fields for the server with the version they were
 * based on, so the server can merge field by field.
 */
gboolean
gx_record_update (GxDb               *db,
                  const char         *kind_name,
                  const char         *id,
                  JsonObject         *changes,
                  const GxWriteMeta  *meta,
                  GError            **error)
{
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) changed = json_object_new ();
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(GString) sets = g_string_new (NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *sql = NULL;
  g_autofree char *customer_id = NULL;
  const GxKind *kind;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  sqlite3_stmt *stmt;
  gint64 base_version;

  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);
  g_return_val_if_fail (meta != NULL, FALSE);

  if (!(kind = lookup_kind (kind_name, error)) || !gx_record_validate (kind, changes, FALSE, error))
    return FALSE;

  if (kind->append_only && !meta->from_sync && !gx_customer_ledger_erasable (db, kind, id, changes))
    {
      g_autofree char *message = g_strdup_printf (_("Entries of %s are never changed; add a correcting entry instead."), kind->name);
      gx_record_set_field_error (error, GX_RECORD_ERROR_APPEND_ONLY, NULL, message);
      return FALSE;
    }

  current = gx_record_read (db, kind_name, id, error);
  if (current == NULL)
    return FALSE;
  base_version = json_object_get_int_member (current, "version");

  /* Only what really changes is written, registered and sent. */
  json_object_iter_init (&iter, changes);
  while (json_object_iter_next (&iter, &name, &node))
    if (!nodes_equal (json_object_get_member (current, name), node))
      {
        json_object_set_member (changed, name, json_node_copy (node));
        g_ptr_array_add (names, (gpointer) name);
        g_string_append_printf (sets, "%s\"%s\" = ?", sets->len ? ", " : "", name);
      }

  if (names->len == 0 && !applies_only (meta))
    return TRUE;

  /* Cross-field rules see the record as it will be. */
  merged = json_object_new ();
  json_object_iter_init (&iter, current);
  while (json_object_iter_next (&iter, &name, &node))
    if (strcmp (name, "version") != 0)
      json_object_set_member (merged, name, json_node_copy (json_object_has_member (changed, name)
                                                            ? json_object_get_member (changed, name) : node));
  if (!validate_record (kind, merged, error))
    return FALSE;

  if (!meta->from_sync &&
      !gx_rules_check_by (db, kind, GX_RULE_UPDATE, id, merged, changed,
                          &(GxRuleWriter) { meta->user_id, meta->server }, error))
    return FALSE;

  if (applies_only (meta))
    g_string_append_printf (sets, "%sversion = ?", sets->len ? ", " : "");

  sql = g_strdup_printf ("UPDATE %s SET %s WHERE id = ?", kind->table, sets->str);
  stmt = gx_db_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < names->len; i++)
    bind_node (stmt, (int) i + 1, gx_kind_find_field (kind, names->pdata[i]),
               json_object_get_member (changed, names->pdata[i]));
  if (applies_only (meta))
    sqlite3_bind_int64 (stmt, (int) names->len + 1, meta->version);
  sqlite3_bind_text (stmt, (int) names->len + 1 + (applies_only (meta) ? 1 : 0), id, -1, SQLITE_TRANSIENT);
  if (!gx_db_step_done (db, stmt, error))
    return FALSE;

  if (!derive (db, kind, id, changed, error))
    return FALSE;

  if (applies_only (meta))
    return TRUE;

  if (keeps_history (kind))
    {
      customer_id = dup_customer_id (db, kind, id);
      for (guint i = 0; i < names->len; i++)
        if (strcmp (names->pdata[i], "verification") != 0 && strcmp (names->pdata[i], "verified_at") != 0 &&
            !register_change (db, kind, id, customer_id, names->pdata[i],
                              json_object_get_member (current, names->pdata[i]),
                              json_object_get_member (changed, names->pdata[i]), meta, error))
          return FALSE;
    }

  return queue_mutation (db, kind, id, "update", base_version, changed, meta->now, error);
}

/**
 * gx_record_delete:
 * @db: the writer connection, inside a transaction
 * @kind: the kind's name
 * @id: the record's id
 * @meta: who and when
 * @error: return location for a #GError
 *
 * Deletes a record (not a ledger entry) and queues the deletion.
 */
gboolean
gx_record_delete (GxDb               *db,
                  const char         *kind_name,
                  const char         *id,
                  const GxWriteMeta  *meta,
                  GError            **error)
{
  g_autofree char *sql = NULL;
  const GxKind *kind;
  sqlite3_stmt *stmt;
  gint64 base_version;

  if (!(kind = lookup_kind (kind_name, error)))
    return FALSE;

  if (kind->append_only && !meta->from_sync)
    {
      g_autofree char *message = g_strdup_printf (_("Entries of %s are never deleted; add a correcting entry instead."), kind->name);
      gx_record_set_field_error (error, GX_RECORD_ERROR_APPEND_ONLY, NULL, message);
      return FALSE;
    }

  base_version = gx_record_get_version (db, kind, id, error);
  if (base_version < 0)
    {
      g_autofree char *message = g_strdup_printf (_("No %s with id “%s”."), kind->name, id);
      gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "id", message);
      return FALSE;
    }

  if (!meta->from_sync &&
      !gx_rules_check_by (db, kind, GX_RULE_DELETE, id, NULL, NULL,
                          &(GxRuleWriter) { meta->user_id, meta->server }, error))
    return FALSE;

  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", kind->table);
  stmt = gx_db_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!gx_db_step_done (db, stmt, error))
    return FALSE;

  if (applies_only (meta))
    return TRUE;

  return queue_mutation (db, kind, id, "delete", base_version, NULL, meta->now, error);
}
