/* gx-customer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gx-customer.h"
#include "gx-customer-search.h"
#include "gx-format.h"
#include "gx-pinyin.h"
#include "gx-uuid.h"
#include "gx-validate.h"

/* The profile's writes all go through the record layer, inside the caller's transaction, so
 * every change is registered, queued for the server and undone together when one part is
 * refused. */

G_DEFINE_QUARK (gx-customer-error-quark, gx_customer_error)

/* DOMAIN.md, rule 2: identity fields change only after the identity was verified. */
static const char * const identity_fields[] = {
  "name", "id_type", "id_number", "birthday", "gender", NULL
};

/* Contacts that identify a person: phones and the address (the utilities' house number). */
static gboolean
is_identity_contact (const char *kind)
{
  return g_strcmp0 (kind, "mobile") == 0 || g_strcmp0 (kind, "landline") == 0 ||
         g_strcmp0 (kind, "address") == 0;
}

GxContactEdit *
gx_contact_edit_new (const char *id,
                     const char *kind,
                     const char *label,
                     const char *value,
                     gboolean    is_primary)
{
  GxContactEdit *edit = g_new0 (GxContactEdit, 1);

  edit->id = g_strdup (id);
  edit->kind = g_strdup (kind);
  edit->label = g_strdup (label ? label : "");
  edit->value = g_strdup (value ? value : "");
  edit->is_primary = is_primary;
  return edit;
}

void
gx_contact_edit_free (GxContactEdit *edit)
{
  if (edit == NULL)
    return;

  g_free (edit->id);
  g_free (edit->kind);
  g_free (edit->label);
  g_free (edit->value);
  g_free (edit);
}

void
gx_duplicate_free (GxDuplicate *duplicate)
{
  if (duplicate == NULL)
    return;

  g_free (duplicate->id);
  g_free (duplicate->name);
  g_free (duplicate->number);
  g_free (duplicate->reason);
  g_free (duplicate);
}

/**
 * gx_customer_is_identity_field:
 * @field: a field of a customer
 *
 * Returns: %TRUE when changing @field needs the identity verified
 */
gboolean
gx_customer_is_identity_field (const char *field)
{
  return field != NULL && g_strv_contains (identity_fields, field);
}

/* Rules */

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * gx_customer_rule_identity:
 *
 * A #GxRuleFunc for customers and their contacts: a change of an identity field (name, ID,
 * birthday, gender; a phone's or address's value) must say how the identity was verified —
 * the same write sets `verified_at`, and the record's `verification` is not empty. The
 * server runs it on every pushed change, so no desk can skip it.
 */
gboolean
gx_customer_rule_identity (GxDb          *db,
                           const GxKind  *kind,
                           GxRuleOp       op,
                           const char    *id,
                           JsonObject    *record,
                           JsonObject    *changes,
                           GError       **error)
{
  const char *field = NULL;
  const char *verification;

  if (op != GX_RULE_UPDATE || changes == NULL || record == NULL)
    return TRUE;

  if (strcmp (kind->name, "customer") == 0)
    {
      for (guint i = 0; identity_fields[i] != NULL && field == NULL; i++)
        if (json_object_has_member (changes, identity_fields[i]))
          field = identity_fields[i];
    }
  else if (strcmp (kind->name, "customer_contact") == 0)
    {
      if ((json_object_has_member (changes, "value") || json_object_has_member (changes, "kind")) &&
          is_identity_contact (json_object_get_string_member_with_default (record, "kind", NULL)))
        field = "value";
    }

  if (field == NULL)
    return TRUE;

  /* The write carries a fresh stamp: a new time, or a new account of the check (only changed
   * fields reach a rule, so a stamp equal to the last one is not seen). */
  verification = json_object_get_string_member_with_default (record, "verification", "");
  if (!((json_object_has_member (changes, "verified_at") && !json_object_get_null_member (changes, "verified_at")) ||
        json_object_has_member (changes, "verification")) ||
      verification == NULL || *verification == '\0' ||
      !json_object_has_member (record, "verified_at") || json_object_get_null_member (record, "verified_at"))
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_REQUIRED, "verification",
                                 _("Identity details change only after the customer’s identity was verified: say how it was checked."));
      return FALSE;
    }

  return TRUE;
}

/**
 * gx_customer_rule_required:
 *
 * A #GxRuleFunc for customers: what each kind needs. A resident ID card identifies a person,
 * not an organisation; organisations name their industry; a birthday or gender that
 * contradicts the resident ID number is refused.
 */
gboolean
gx_customer_rule_required (GxDb          *db,
                           const GxKind  *kind,
                           GxRuleOp       op,
                           const char    *id,
                           JsonObject    *record,
                           JsonObject    *changes,
                           GError       **error)
{
  const char *customer_kind;
  const char *id_type;
  const char *id_number;
  const char *name;

  if (op == GX_RULE_DELETE || record == NULL)
    return TRUE;

  customer_kind = json_object_get_string_member_with_default (record, "kind", "individual");
  id_type = json_object_get_string_member_with_default (record, "id_type", "resident");
  id_number = json_object_has_member (record, "id_number") && !json_object_get_null_member (record, "id_number")
              ? json_object_get_string_member (record, "id_number") : NULL;
  name = json_object_get_string_member_with_default (record, "name", "");

  if (is_blank (name))
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_REQUIRED, "name", _("Enter the customer’s name."));
      return FALSE;
    }

  if (g_strcmp0 (customer_kind, "individual") != 0)
    {
      const char *industry = json_object_get_string_member_with_default (record, "industry", "");

      if (g_strcmp0 (id_type, "resident") == 0 && id_number != NULL && *id_number != '\0')
        {
          gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "id_type",
                                     _("An organisation is identified by its business licence or organisation code, not a resident ID card."));
          return FALSE;
        }
      if (g_strcmp0 (customer_kind, "government") != 0 && (industry == NULL || *industry == '\0'))
        {
          gx_record_set_field_error (error, GX_RECORD_ERROR_REQUIRED, "industry",
                                     _("Enter the organisation’s industry."));
          return FALSE;
        }
    }
  else
    {
      if (g_strcmp0 (id_type, "business_license") == 0 || g_strcmp0 (id_type, "org_code") == 0)
        {
          gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "id_type",
                                     _("A person is identified by an ID card, passport or permit, not a business licence."));
          return FALSE;
        }

      if (g_strcmp0 (id_type, "resident") == 0 && id_number != NULL && *id_number != '\0')
        {
          g_autofree char *implied_birthday = NULL;
          g_autofree char *implied_gender = NULL;
          const char *birthday = json_object_get_string_member_with_default (record, "birthday", NULL);
          const char *gender = json_object_get_string_member_with_default (record, "gender", NULL);

          if (gx_resident_id_facts (id_number, &implied_birthday, &implied_gender))
            {
              if (birthday != NULL && g_strcmp0 (birthday, implied_birthday) != 0)
                {
                  g_autofree char *message =
                    g_strdup_printf (_("The birthday does not match the ID number, which says %s."), implied_birthday);
                  gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "birthday", message);
                  return FALSE;
                }
              if (gender != NULL && g_strcmp0 (gender, implied_gender) != 0)
                {
                  gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "gender",
                                             _("The gender does not match the ID number."));
                  return FALSE;
                }
            }
        }
    }

  return TRUE;
}

/* Saving a profile */

static JsonArray *
query_rows (GxDb        *db,
            const char  *sql,
            GVariant    *params,
            GError     **error)
{
  g_autoptr(GVariant) owned = params ? g_variant_ref_sink (params) : NULL;
  g_autoptr(JsonArray) rows = json_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = gx_db_prepare (db, sql, error);
  if (stmt == NULL || !gx_db_bind_variant (stmt, owned, error))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *row = json_object_new ();

      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *name = sqlite3_column_name (stmt, i);

          switch (sqlite3_column_type (stmt, i))
            {
            case SQLITE_NULL:
              json_object_set_null_member (row, name);
              break;
            case SQLITE_INTEGER:
              json_object_set_int_member (row, name, sqlite3_column_int64 (stmt, i));
              break;
            case SQLITE_FLOAT:
              json_object_set_double_member (row, name, sqlite3_column_double (stmt, i));
              break;
            default:
              json_object_set_string_member (row, name, (const char *) sqlite3_column_text (stmt, i));
            }
        }
      json_array_add_object_element (rows, row);
    }

  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "query");
      sqlite3_reset (stmt);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

/**
 * gx_customer_query_rows:
 * @db: a connection
 * @sql: a query
 * @params: (nullable) (transfer floating): its parameters
 * @error: return location for a #GError
 *
 * Returns: (transfer full): every row as an object of its columns
 */
JsonArray *
gx_customer_query_rows (GxDb        *db,
                        const char  *sql,
                        GVariant    *params,
                        GError     **error)
{
  return query_rows (db, sql, params, error);
}

static gboolean
node_differs (JsonObject *current,
              const char *name,
              JsonNode   *value)
{
  JsonNode *old = json_object_get_member (current, name);

  if (old == NULL || JSON_NODE_HOLDS_NULL (old))
    return value != NULL && !JSON_NODE_HOLDS_NULL (value);
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return TRUE;

  return !json_node_equal (old, value);
}

/**
 * gx_customer_identity_changes:
 * @db: a connection
 * @id: (nullable): the customer, %NULL for a new one
 * @fields: the profile's fields as the form has them
 * @contacts: (element-type GxContactEdit) (nullable): the contacts as the form has them
 *
 * Returns: (transfer full) (element-type utf8): the identity fields the save would change
 *   ("name", "id_number", …, "contact" for a phone or address), empty for a new customer
 */
GPtrArray *
gx_customer_identity_changes (GxDb       *db,
                              const char *id,
                              JsonObject *fields,
                              GPtrArray  *contacts)
{
  GPtrArray *changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) current = NULL;

  if (id == NULL || (current = gx_record_read (db, "customer", id, NULL)) == NULL)
    return changed;

  for (guint i = 0; identity_fields[i] != NULL; i++)
    if (json_object_has_member (fields, identity_fields[i]) &&
        node_differs (current, identity_fields[i], json_object_get_member (fields, identity_fields[i])))
      g_ptr_array_add (changed, g_strdup (identity_fields[i]));

  for (guint i = 0; contacts != NULL && i < contacts->len; i++)
    {
      GxContactEdit *edit = g_ptr_array_index (contacts, i);
      g_autofree char *old_value = NULL;
      g_autofree char *old_kind = NULL;

      if (edit->id == NULL)
        continue;
      old_value = gx_db_query_string (db, "SELECT value FROM customer_contacts WHERE id = ?",
                                      g_variant_new ("(s)", edit->id), NULL);
      old_kind = gx_db_query_string (db, "SELECT kind FROM customer_contacts WHERE id = ?",
                                     g_variant_new ("(s)", edit->id), NULL);
      if (old_value != NULL && is_identity_contact (old_kind) &&
          (g_strcmp0 (old_value, edit->value) != 0 || g_strcmp0 (old_kind, edit->kind) != 0))
        {
          g_ptr_array_add (changed, g_strdup ("contact"));
          break;
        }
    }

  return changed;
}

/* Gives a contact's error the form's name for the row ("contact-2"). */
static gboolean
contact_error (GError     **error,
               GError      *local,
               guint        index)
{
  g_autofree char *field = g_strdup_printf ("contact-%u", index);

  /* A missing verification is the form's, not the row's. */
  if (local->domain == GX_RECORD_ERROR && g_strcmp0 (gx_record_error_get_field (local), "verification") != 0)
    gx_record_set_field_error (error, local->code, field, local->message);
  else
    g_propagate_error (error, g_error_copy (local));
  g_error_free (local);
  return FALSE;
}

static gboolean
save_contacts (GxDb              *db,
               const char        *customer_id,
               GPtrArray         *contacts,
               gboolean           is_new,
               const GxWriteMeta *meta,
               GError           **error)
{
  g_autoptr(JsonArray) existing = NULL;
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);

  if (!is_new)
    {
      existing = query_rows (db, "SELECT id, kind, label, value, is_primary FROM customer_contacts WHERE customer_id = ?",
                             g_variant_new ("(s)", customer_id), error);
      if (existing == NULL)
        return FALSE;
    }

  for (guint i = 0; i < contacts->len; i++)
    {
      GxContactEdit *edit = g_ptr_array_index (contacts, i);
      g_autoptr(JsonObject) fields = json_object_new ();
      GError *local = NULL;

      if (edit->id != NULL)
        g_hash_table_add (kept, edit->id);

      json_object_set_string_member (fields, "kind", edit->kind);
      json_object_set_string_member (fields, "label", edit->label ? edit->label : "");
      json_object_set_string_member (fields, "value", edit->value ? g_strstrip (edit->value) : "");
      json_object_set_int_member (fields, "is_primary", edit->is_primary ? 1 : 0);

      if (edit->id == NULL)
        {
          g_autofree char *contact_id = gx_uuid_v7_new_at (meta->now * 1000);

          json_object_set_string_member (fields, "customer_id", customer_id);
          if (!gx_record_insert (db, "customer_contact", contact_id, fields, meta, &local))
            return contact_error (error, local, i);
          edit->id = g_steal_pointer (&contact_id);
        }
      else
        {
          g_autofree char *old_value = gx_db_query_string (db, "SELECT value FROM customer_contacts WHERE id = ?",
                                                           g_variant_new ("(s)", edit->id), NULL);
          g_autofree char *old_kind = gx_db_query_string (db, "SELECT kind FROM customer_contacts WHERE id = ?",
                                                          g_variant_new ("(s)", edit->id), NULL);

          if (meta->verification != NULL && is_identity_contact (old_kind) &&
              (g_strcmp0 (old_value, edit->value) != 0 || g_strcmp0 (old_kind, edit->kind) != 0))
            {
              json_object_set_string_member (fields, "verification", meta->verification);
              json_object_set_int_member (fields, "verified_at", meta->now);
            }
          if (!gx_record_update (db, "customer_contact", edit->id, fields, meta, &local))
            return contact_error (error, local, i);
        }
    }

  for (guint i = 0; existing != NULL && i < json_array_get_length (existing); i++)
    {
      const char *contact_id = json_object_get_string_member (json_array_get_object_element (existing, i), "id");

      if (!g_hash_table_contains (kept, contact_id) &&
          !gx_record_delete (db, "customer_contact", contact_id, meta, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_interests (GxDb               *db,
                const char         *customer_id,
                const char * const *interests,
                const GxWriteMeta  *meta,
                GError            **error)
{
  g_autoptr(JsonArray) existing = query_rows (db, "SELECT id, interest FROM customer_interests WHERE customer_id = ?",
                                              g_variant_new ("(s)", customer_id), error);
  g_autoptr(GHashTable) have = g_hash_table_new (g_str_hash, g_str_equal);

  if (existing == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (existing); i++)
    {
      JsonObject *row = json_array_get_object_element (existing, i);
      const char *interest = json_object_get_string_member (row, "interest");

      if (!g_strv_contains (interests, interest))
        {
          if (!gx_record_delete (db, "customer_interest", json_object_get_string_member (row, "id"), meta, error))
            return FALSE;
        }
      else
        g_hash_table_add (have, (gpointer) interest);
    }

  for (guint i = 0; interests[i] != NULL; i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autofree char *interest_id = NULL;

      if (*interests[i] == '\0' || g_hash_table_contains (have, interests[i]))
        continue;
      g_hash_table_add (have, (gpointer) interests[i]);

      interest_id = gx_uuid_v7_new_at (meta->now * 1000);
      json_object_set_string_member (fields, "customer_id", customer_id);
      json_object_set_string_member (fields, "interest", interests[i]);
      if (!gx_record_insert (db, "customer_interest", interest_id, fields, meta, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * gx_customer_save:
 * @db: the writer connection, inside a transaction
 * @id: the customer's id (new or existing)
 * @fields: the profile's fields (only those the form shows)
 * @contacts: (element-type GxContactEdit) (nullable): the full list of contacts the profile
 *   should have; new ones get their ids filled in
 * @interests: (nullable): the full list of interests
 * @meta: who, when, and — when identity fields change — how the identity was verified
 * @error: return location for a #GError; a contact's error names the field "contact-N"
 *
 * Creates or updates a profile with its contacts and interests, in the caller's transaction.
 * When @meta carries a verification, identity changes are stamped with it, as the identity
 * rule demands.
 */
gboolean
gx_customer_save (GxDb               *db,
                  const char         *id,
                  JsonObject         *fields,
                  GPtrArray          *contacts,
                  const char * const *interests,
                  const GxWriteMeta  *meta,
                  GError            **error)
{
  g_autoptr(JsonObject) record = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (fields);
  gboolean is_new;

  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  is_new = gx_db_query_int (db, "SELECT count(*) FROM customers WHERE id = ?", g_variant_new ("(s)", id), 0, NULL) == 0;

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (record, l->data, json_object_dup_member (fields, l->data));
  json_object_set_int_member (record, "updated_at", meta->now);

  if (is_new)
    {
      if (!json_object_has_member (record, "number"))
        {
          g_autofree char *number = gx_customer_next_number (db, error);
          if (number == NULL)
            return FALSE;
          json_object_set_string_member (record, "number", number);
        }
      json_object_set_int_member (record, "created_at", meta->now);
      if (meta->user_id != NULL && !json_object_has_member (record, "owner_id"))
        json_object_set_string_member (record, "owner_id", meta->user_id);
      if (meta->verification != NULL)
        {
          json_object_set_string_member (record, "verification", meta->verification);
          json_object_set_int_member (record, "verified_at", meta->now);
        }
      if (!gx_record_insert (db, "customer", id, record, meta, error))
        return FALSE;
    }
  else
    {
      g_autoptr(GPtrArray) identity = gx_customer_identity_changes (db, id, fields, NULL);

      if (identity->len > 0 && meta->verification != NULL)
        {
          json_object_set_string_member (record, "verification", meta->verification);
          json_object_set_int_member (record, "verified_at", meta->now);
        }
      if (!gx_record_update (db, "customer", id, record, meta, error))
        return FALSE;
    }

  if (contacts != NULL && !save_contacts (db, id, contacts, is_new, meta, error))
    return FALSE;

  if (interests != NULL && !save_interests (db, id, interests, meta, error))
    return FALSE;

  return TRUE;
}

/**
 * gx_customer_next_number:
 * @db: a connection
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the next free customer number at this desk ("C" and
 *   eight digits, after the highest in the archive)
 */
char *
gx_customer_next_number (GxDb    *db,
                         GError **error)
{
  g_autofree char *highest = gx_db_query_string (db,
                                                 "SELECT number FROM customers WHERE number GLOB 'C[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'"
                                                 " ORDER BY number DESC LIMIT 1", NULL, error);
  guint64 next = 10000001;

  if (highest != NULL)
    next = g_ascii_strtoull (highest + 1, NULL, 10) + 1;

  return g_strdup_printf ("C%08" G_GUINT64_FORMAT, next);
}

/* The access register */

/**
 * gx_customer_log_access:
 * @db: the writer connection, inside a transaction
 * @customer_id: the profile
 * @action: open, reveal, print or export
 * @field: (nullable): the field revealed
 * @reason: the reason the user gave
 * @meta: who and when
 * @error: return location for a #GError
 *
 * Writes one entry of the access register (借阅登记). It syncs like every ledger, and the
 * server's audit log keeps it.
 */
gboolean
gx_customer_log_access (GxDb               *db,
                        const char         *customer_id,
                        const char         *action,
                        const char         *field,
                        const char         *reason,
                        const GxWriteMeta  *meta,
                        GError            **error)
{
  g_autoptr(JsonObject) entry = json_object_new ();
  g_autofree char *id = gx_uuid_v7_new_at (meta->now * 1000);

  json_object_set_string_member (entry, "customer_id", customer_id);
  if (meta->user_id != NULL)
    json_object_set_string_member (entry, "user_id", meta->user_id);
  json_object_set_int_member (entry, "at", meta->now);
  json_object_set_string_member (entry, "action", action);
  json_object_set_string_member (entry, "field", field ? field : "");
  json_object_set_string_member (entry, "reason", reason ? reason : "");

  return gx_record_insert (db, "access_log", id, entry, meta, error);
}

/* Archiving and deleting */

/**
 * gx_customer_has_history:
 * @db: a connection
 * @id: a customer
 * @error: return location for a #GError
 *
 * Returns: %TRUE when something happened with the customer that must be kept (contacts
 *   logged, changes registered, accesses, complaints, memberships, invitations, referrals):
 *   such a profile is archived, never deleted
 */
gboolean
gx_customer_has_history (GxDb        *db,
                         const char  *id,
                         GError     **error)
{
  return gx_db_query_int (db,
                          "SELECT EXISTS (SELECT 1 FROM contact_log WHERE customer_id = ?1)"
                          "    OR EXISTS (SELECT 1 FROM change_log WHERE customer_id = ?1)"
                          "    OR EXISTS (SELECT 1 FROM access_log WHERE customer_id = ?1)"
                          "    OR EXISTS (SELECT 1 FROM cases WHERE customer_id = ?1)"
                          "    OR EXISTS (SELECT 1 FROM memberships WHERE customer_id = ?1 OR sponsor_id = ?1)"
                          "    OR EXISTS (SELECT 1 FROM invitations WHERE customer_id = ?1)"
                          "    OR EXISTS (SELECT 1 FROM invitation_guests WHERE prospect_id = ?1)",
                          g_variant_new ("(s)", id), 1, error) != 0;
}

/**
 * gx_customer_set_archived:
 * @db: the writer connection, inside a transaction
 * @id: a customer
 * @archived: archive, or bring back
 * @meta: who and when
 * @error: return location for a #GError
 *
 * Archives a profile (it leaves the lists and searches, keeps its history) or brings it back.
 */
gboolean
gx_customer_set_archived (GxDb               *db,
                          const char         *id,
                          gboolean            archived,
                          const GxWriteMeta  *meta,
                          GError            **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();

  if (archived)
    json_object_set_int_member (changes, "archived_at", meta->now);
  else
    json_object_set_null_member (changes, "archived_at");
  json_object_set_int_member (changes, "updated_at", meta->now);

  return gx_record_update (db, "customer", id, changes, meta, error);
}

static const struct {
  const char *kind;
  const char *sql;
} dependents[] = {
  { "customer_contact", "SELECT id FROM customer_contacts WHERE customer_id = ?1 ORDER BY id" },
  { "customer_interest", "SELECT id FROM customer_interests WHERE customer_id = ?1 ORDER BY id" },
  { "customer_link", "SELECT id FROM customer_links WHERE customer_id = ?1 OR other_id = ?1 ORDER BY id" },
};

static void
strip_version (JsonObject *record)
{
  if (json_object_has_member (record, "version"))
    json_object_remove_member (record, "version");
}

/**
 * gx_customer_delete:
 * @db: the writer connection, inside a transaction
 * @id: a customer without history
 * @meta: who and when
 * @error: return location for a #GError
 *
 * Deletes a profile that has no history (a mistaken entry), with its contacts, interests and
 * links; every deletion is queued for the server. A profile with history is refused with
 * %GX_CUSTOMER_ERROR_HAS_HISTORY: archive it.
 *
 * Returns: (transfer full) (nullable): what was deleted, for gx_customer_restore() (undo)
 */
JsonObject *
gx_customer_delete (GxDb               *db,
                    const char         *id,
                    const GxWriteMeta  *meta,
                    GError            **error)
{
  g_autoptr(JsonObject) snapshot = json_object_new ();
  g_autoptr(JsonObject) customer = NULL;
  g_autoptr(GError) local_error = NULL;

  if (gx_customer_has_history (db, id, &local_error))
    {
      g_set_error_literal (error, GX_CUSTOMER_ERROR, GX_CUSTOMER_ERROR_HAS_HISTORY,
                           _("This customer has a history (contacts, changes, complaints or memberships): archive the profile instead."));
      return NULL;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  customer = gx_record_read (db, "customer", id, error);
  if (customer == NULL)
    return NULL;
  strip_version (customer);

  for (guint d = 0; d < G_N_ELEMENTS (dependents); d++)
    {
      g_autoptr(JsonArray) ids = query_rows (db, dependents[d].sql, g_variant_new ("(s)", id), error);
      JsonArray *records = json_array_new ();

      json_object_set_array_member (snapshot, dependents[d].kind, records);
      if (ids == NULL)
        return NULL;

      for (guint i = 0; i < json_array_get_length (ids); i++)
        {
          const char *dep_id = json_object_get_string_member (json_array_get_object_element (ids, i), "id");
          JsonObject *record = gx_record_read (db, dependents[d].kind, dep_id, error);

          if (record == NULL)
            return NULL;
          strip_version (record);
          json_array_add_object_element (records, record);
          if (!gx_record_delete (db, dependents[d].kind, dep_id, meta, error))
            return NULL;
        }
    }

  if (!gx_record_delete (db, "customer", id, meta, error))
    return NULL;

  json_object_set_object_member (snapshot, "customer", g_steal_pointer (&customer));
  return g_steal_pointer (&snapshot);
}

/**
 * gx_customer_restore:
 * @db: the writer connection, inside a transaction
 * @snapshot: what gx_customer_delete() returned
 * @meta: who and when
 * @error: return location for a #GError
 *
 * Undoes a deletion: the profile comes back with the same ids, and the server is told.
 */
gboolean
gx_customer_restore (GxDb               *db,
                     JsonObject         *snapshot,
                     const GxWriteMeta  *meta,
                     GError            **error)
{
  JsonObject *customer = json_object_get_object_member (snapshot, "customer");
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (customer);

  for (GList *l = members; l != NULL; l = l->next)
    if (strcmp (l->data, "id") != 0)
      json_object_set_member (fields, l->data, json_object_dup_member (customer, l->data));

  if (!gx_record_insert (db, "customer", json_object_get_string_member (customer, "id"), fields, meta, error))
    return FALSE;

  for (guint d = 0; d < G_N_ELEMENTS (dependents); d++)
    {
      JsonArray *records = json_object_get_array_member (snapshot, dependents[d].kind);

      for (guint i = 0; records != NULL && i < json_array_get_length (records); i++)
        {
          JsonObject *record = json_array_get_object_element (records, i);
          g_autoptr(JsonObject) dep = json_object_new ();
          g_autoptr(GList) names = json_object_get_members (record);

          for (GList *l = names; l != NULL; l = l->next)
            if (strcmp (l->data, "id") != 0)
              json_object_set_member (dep, l->data, json_object_dup_member (record, l->data));
          if (!gx_record_insert (db, dependents[d].kind, json_object_get_string_member (record, "id"), dep, meta, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Duplicates */

static void
add_duplicate (GPtrArray  *out,
               GHashTable *seen,
               const char *id,
               const char *name,
               const char *number,
               const char *reason)
{
  GxDuplicate *duplicate;

  if (g_hash_table_contains (seen, id))
    return;

  duplicate = g_new0 (GxDuplicate, 1);
  duplicate->id = g_strdup (id);
  duplicate->name = g_strdup (name);
  duplicate->number = g_strdup (number);
  duplicate->reason = g_strdup (reason);
  g_hash_table_add (seen, duplicate->id);
  g_ptr_array_add (out, duplicate);
}

/* Candidates through the search index: @token must be one of a customer's terms. */
static JsonArray *
candidates (GxDb        *db,
            const char  *token,
            GError     **error)
{
  g_autofree char *match = g_strdup_printf ("\"%s\"", token);

  return query_rows (db,
                     "SELECT c.id, c.name, c.number, c.birthday, c.id_number, c.contact_terms, c.name_pinyin"
                     "  FROM (SELECT rowid AS r FROM customer_search WHERE customer_search MATCH ? LIMIT 200) m"
                     "  JOIN customers c ON c.rowid = m.r",
                     g_variant_new ("(s)", match), error);
}

static gboolean
only_alnum (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return *text != '\0';
}

/**
 * gx_customer_find_duplicates:
 * @db: a connection
 * @exclude_id: (nullable): the profile being edited
 * @name: (nullable): the name typed
 * @birthday: (nullable): the birthday typed
 * @id_number: (nullable): the ID number typed
 * @contacts: (element-type GxContactEdit) (nullable): the contacts typed
 * @error: return location for a #GError
 *
 * Existing profiles that are probably the same person: the same ID number, the same phone
 * number, or the same or a similar-sounding name (the same pinyin: 王伟, 汪伟) with the same
 * birthday. Found through the search index, so it is instant at any archive size.
 *
 * Returns: (transfer full) (element-type GxDuplicate): the candidates, strongest reason first
 */
GPtrArray *
gx_customer_find_duplicates (GxDb        *db,
                             const char  *exclude_id,
                             const char  *name,
                             const char  *birthday,
                             const char  *id_number,
                             GPtrArray   *contacts,
                             GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_duplicate_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (exclude_id != NULL)
    g_hash_table_add (seen, (gpointer) exclude_id);

  if (id_number != NULL && *id_number != '\0')
    {
      g_autofree char *clean = g_ascii_strdown (id_number, -1);
      g_autoptr(JsonArray) rows = NULL;

      g_strstrip (clean);
      if (only_alnum (clean))
        {
          rows = candidates (db, clean, error);
          if (rows == NULL)
            return NULL;
          for (guint i = 0; i < json_array_get_length (rows); i++)
            {
              JsonObject *row = json_array_get_object_element (rows, i);
              const char *other = json_object_get_string_member_with_default (row, "id_number", NULL);

              if (other != NULL && g_ascii_strcasecmp (other, clean) == 0)
                add_duplicate (out, seen, json_object_get_string_member (row, "id"),
                               json_object_get_string_member (row, "name"),
                               json_object_get_string_member (row, "number"), _("Same ID number"));
            }
        }
    }

  for (guint c = 0; contacts != NULL && c < contacts->len; c++)
    {
      GxContactEdit *edit = g_ptr_array_index (contacts, c);
      g_autofree char *digits = NULL;
      g_autoptr(JsonArray) rows = NULL;

      if (g_strcmp0 (edit->kind, "mobile") != 0 && g_strcmp0 (edit->kind, "landline") != 0)
        continue;
      digits = gx_phone_normalize (edit->value);
      if (strlen (digits) < 7)
        continue;

      rows = candidates (db, digits, error);
      if (rows == NULL)
        return NULL;
      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          g_auto(GStrv) values = g_strsplit (json_object_get_string_member (row, "contact_terms"), "\x1f", -1);

          for (guint v = 0; values[v] != NULL; v++)
            {
              g_autofree char *other = gx_phone_normalize (values[v]);

              if (strcmp (other, digits) == 0)
                add_duplicate (out, seen, json_object_get_string_member (row, "id"),
                               json_object_get_string_member (row, "name"),
                               json_object_get_string_member (row, "number"), _("Same phone number"));
            }
        }
    }

  if (name != NULL && *name != '\0' && birthday != NULL && *birthday != '\0')
    {
      g_autofree char *pinyin = gx_pinyin_full (name, TRUE);
      g_autoptr(GString) joined = g_string_new (NULL);
      g_autoptr(JsonArray) rows = NULL;

      for (const char *p = pinyin; *p; p++)
        if (g_ascii_isalnum (*p))
          g_string_append_c (joined, *p);

      if (joined->len > 0)
        {
          rows = candidates (db, joined->str, error);
          if (rows == NULL)
            return NULL;
          for (guint i = 0; i < json_array_get_length (rows); i++)
            {
              JsonObject *row = json_array_get_object_element (rows, i);

              if (g_strcmp0 (json_object_get_string_member_with_default (row, "birthday", NULL), birthday) != 0)
                continue;
              add_duplicate (out, seen, json_object_get_string_member (row, "id"),
                             json_object_get_string_member (row, "name"),
                             json_object_get_string_member (row, "number"),
                             g_strcmp0 (json_object_get_string_member (row, "name"), name) == 0
                               ? _("Same name and birthday") : _("Similar name and the same birthday"));
            }
        }
    }

  return g_steal_pointer (&out);
}

/* Follow-ups */

/**
 * gx_follow_up_state:
 * @follow_up_on: (nullable): the date a follow-up is due (YYYY-MM-DD)
 * @today: today's date (YYYY-MM-DD) in the desk's time zone
 *
 * Returns: whether the follow-up is due later, today, or overdue
 */
GxFollowUp
gx_follow_up_state (const char *follow_up_on,
                    const char *today)
{
  int cmp;

  if (follow_up_on == NULL || *follow_up_on == '\0' || today == NULL)
    return GX_FOLLOW_UP_NONE;

  /* ISO dates compare as text. */
  cmp = strcmp (follow_up_on, today);
  return cmp > 0 ? GX_FOLLOW_UP_LATER : cmp == 0 ? GX_FOLLOW_UP_TODAY : GX_FOLLOW_UP_OVERDUE;
}

/**
 * gx_follow_up_format:
 * @follow_up_on: (nullable): the date a follow-up is due
 * @today: today's date
 *
 * Says it in words, so colour is never the only signal: "Due today", "Overdue since Nov 20,
 * 2026", "Nov 25, 2026".
 *
 * Returns: (transfer full): the text; "" without a follow-up
 */
char *
gx_follow_up_format (const char *follow_up_on,
                     const char *today)
{
  g_autofree char *date = gx_format_iso_date (follow_up_on);

  switch (gx_follow_up_state (follow_up_on, today))
    {
    case GX_FOLLOW_UP_TODAY:
      return g_strdup (_("Due today"));
    case GX_FOLLOW_UP_OVERDUE:
      /* Translators: %s is a date */
      return g_strdup_printf (_("Overdue since %s"), date);
    case GX_FOLLOW_UP_LATER:
      return g_steal_pointer (&date);
    case GX_FOLLOW_UP_NONE:
    default:
      return g_strdup ("");
    }
}

/**
 * gx_follow_up_style_class:
 * @state: a follow-up state
 *
 * Returns: (nullable): the style class for @state: warning today, error overdue
 */
const char *
gx_follow_up_style_class (GxFollowUp state)
{
  switch (state)
    {
    case GX_FOLLOW_UP_TODAY:
      return "warning";
    case GX_FOLLOW_UP_OVERDUE:
      return "error";
    case GX_FOLLOW_UP_NONE:
    case GX_FOLLOW_UP_LATER:
    default:
      return NULL;
    }
}

/**
 * gx_customer_inverse_relation:
 * @relation: a family relation code ("child": the other is the customer's child)
 *
 * Returns: the relation seen from the other side ("parent")
 */
const char *
gx_customer_inverse_relation (const char *relation)
{
  if (g_strcmp0 (relation, "child") == 0)
    return "parent";
  if (g_strcmp0 (relation, "parent") == 0)
    return "child";
  return relation ? relation : "other";
}

/**
 * gx_customer_parse_when:
 * @text: a local date and time as typed: "2026-11-22 14:30" or "2026-11-22"
 * @tz: the desk's time zone
 * @error: return location for a #GX_VALIDATION_ERROR
 *
 * Returns: the instant in Unix seconds, or -1 with @error set
 */
gint64
gx_customer_parse_when (const char  *text,
                        GTimeZone   *tz,
                        GError     **error)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, mo, d, h = 0, mi = 0;
  int n;

  n = text ? sscanf (text, "%4d-%2d-%2d %2d:%2d", &y, &mo, &d, &h, &mi) : 0;
  if ((n != 3 && n != 5) || !g_date_valid_dmy (d, mo, y) || h < 0 || h > 23 || mi < 0 || mi > 59 ||
      (dt = g_date_time_new (tz, y, mo, d, h, mi, 0)) == NULL)
    {
      g_set_error_literal (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_FORMAT,
                           _("Enter the date and time as YYYY-MM-DD HH:MM, e.g. 2026-11-22 14:30."));
      return -1;
    }

  return g_date_time_to_unix (dt);
}

/**
 * gx_customer_find:
 * @db: a connection
 * @text: what the user typed
 * @limit: at most this many
 * @error: return location for a #GError
 *
 * The live customers @text finds, in name order, for pickers (link, merge).
 *
 * Returns: (transfer full): objects with id, name, number, birthday and phone
 */
JsonArray *
gx_customer_find (GxDb        *db,
                  const char  *text,
                  guint        limit,
                  GError     **error)
{
  GxCustomerQuery query = { .text = text };
  g_autoptr(GVariant) params = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *match = gx_customer_search_match (text);
  g_autoptr(GArray) rowids = NULL;
  g_autoptr(JsonArray) out = NULL;
  sqlite3_stmt *stmt;

  if (match == NULL)
    return json_array_new ();

  keys = gx_customer_search_keys_sql (db, &query, &params);
  stmt = gx_db_prepare (db, keys, error);
  if (stmt == NULL || !gx_db_bind_variant (stmt, params, error))
    return NULL;
  rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (rowids->len < limit && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (rowids, rowid);
    }
  sqlite3_reset (stmt);

  out = json_array_new ();
  for (guint i = 0; i < rowids->len; i++)
    {
      g_autoptr(JsonArray) rows = query_rows (db,
                                              "SELECT c.id, c.name, c.number, c.birthday,"
                                              "       (SELECT value FROM customer_contacts cc WHERE cc.customer_id = c.id"
                                              "         AND cc.kind IN ('mobile', 'landline') ORDER BY cc.is_primary DESC LIMIT 1) AS phone"
                                              "  FROM customers c WHERE c.rowid = ?",
                                              g_variant_new ("(x)", g_array_index (rowids, gint64, i)), error);
      if (rows == NULL)
        return NULL;
      if (json_array_get_length (rows) > 0)
        json_array_add_element (out, json_array_dup_element (rows, 0));
    }

  return g_steal_pointer (&out);
}

/* Erasure (PIPL art. 47) */

/* Register entries whose text an erasure clears. */
static const struct {
  const char *kind;
  const char *fields[4];
} erasable_ledgers[] = {
  { "contact_log", { "place", "subject", "served", NULL } },
  { "change_log", { "old_value", "new_value", NULL } },
  { "access_log", { "reason", NULL } },
};

/**
 * gx_customer_ledger_erasable:
 * @db: a connection, inside the write's transaction
 * @kind: a kind
 * @id: a record of @kind
 * @changes: the update asked for
 *
 * Register entries are never changed — except those of a person whose data was erased on
 * request, whose text may be cleared, and nothing else of them changed. The record layer asks
 * this before refusing an update of a ledger entry, and the server before applying one pushed
 * by a desk, so an erasure reaches every desk and a register cannot be rewritten otherwise.
 *
 * Returns: %TRUE when @id is an entry of a contact log, change register or access register
 *   whose customer is erased, and @changes only empties its text fields
 */
gboolean
gx_customer_ledger_erasable (GxDb         *db,
                             const GxKind *kind,
                             const char   *id,
                             JsonObject   *changes)
{
  g_autofree char *sql = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (erasable_ledgers); i++)
    if (strcmp (kind->name, erasable_ledgers[i].kind) == 0)
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *node;

        json_object_iter_init (&iter, changes);
        while (json_object_iter_next (&iter, &name, &node))
          {
            if (!g_strv_contains ((const char * const *) erasable_ledgers[i].fields, name))
              return FALSE;
            if (!JSON_NODE_HOLDS_NULL (node) &&
                !(JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
                  *json_node_get_string (node) == '\0'))
              return FALSE;
          }

        sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s l JOIN customers c ON c.id = l.customer_id"
                               " WHERE l.id = ? AND c.erased_at IS NOT NULL)", kind->table);
        return gx_db_query_int (db, sql, g_variant_new ("(s)", id), 0, NULL) == 1;
      }

  return FALSE;
}

/* Replaces every occurrence of @needle in @text. */
static void
scrub (GString    *text,
       const char *needle,
       const char *mark)
{
  if (needle != NULL && strlen (needle) >= 2)
    g_string_replace (text, needle, mark, 0);
}

/**
 * gx_customer_erase:
 * @db: the writer connection, inside a transaction
 * @id: the customer
 * @reason: the request (who asked, when, how it was checked)
 * @meta: who and when
 * @error: return location for a #GError
 *
 * Erases a person's data on request: the profile keeps only its customer number and kind,
 * named "Erased customer", archived; contacts, interests and family or referral links are
 * deleted; the text of the contact log and of the change and access registers is cleared;
 * complaint records, which the law requires to keep, stay — with the person's name, phones,
 * ID and account numbers blanked out of their text. Every step is a record write, so the erasure
 * reaches every desk through sync.
 */
gboolean
gx_customer_erase (GxDb               *db,
                   const char         *id,
                   const char         *reason,
                   const GxWriteMeta  *meta,
                   GError            **error)
{
  g_autoptr(JsonObject) customer = gx_record_read (db, "customer", id, error);
  g_autoptr(JsonObject) anonymous = json_object_new ();
  g_autoptr(JsonArray) phones = NULL;
  g_autoptr(JsonArray) cases = NULL;
  g_autofree char *verification = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id_number = NULL;
  g_auto(GStrv) accounts = NULL;
  const char *mark = _("[erased]");
  GxWriteMeta erase_meta = *meta;

  if (customer == NULL)
    return FALSE;

  name = g_strdup (json_object_get_string_member (customer, "name"));
  id_number = json_object_get_null_member (customer, "id_number") ? NULL
              : g_strdup (json_object_get_string_member (customer, "id_number"));
  accounts = gx_accounts_numbers (json_object_get_string_member_with_default (customer, "accounts", ""));
  phones = gx_customer_query_rows (db, "SELECT value FROM customer_contacts WHERE customer_id = ?",
                                   g_variant_new ("(s)", id), error);
  if (phones == NULL)
    return FALSE;

  /* Translators: how an erasure counts as the identity check of the change */
  verification = g_strdup_printf (_("Erased on request: %s"), reason && *reason ? reason : "");
  erase_meta.verification = verification;

  /* 1. The profile: anonymous, archived, erased. */
  json_object_set_string_member (anonymous, "name", _("Erased customer"));
  json_object_set_null_member (anonymous, "gender");
  json_object_set_null_member (anonymous, "birthday");
  json_object_set_null_member (anonymous, "id_number");
  json_object_set_string_member (anonymous, "accounts", "");
  json_object_set_string_member (anonymous, "company", "");
  json_object_set_string_member (anonymous, "industry", "");
  json_object_set_string_member (anonymous, "job_title", "");
  json_object_set_null_member (anonymous, "assets_band");
  json_object_set_null_member (anonymous, "preferred_channel");
  json_object_set_string_member (anonymous, "preferred_time", "");
  json_object_set_null_member (anonymous, "customer_since");
  json_object_set_string_member (anonymous, "notes", "");
  json_object_set_string_member (anonymous, "tags", "");
  json_object_set_string_member (anonymous, "verification", verification);
  json_object_set_int_member (anonymous, "verified_at", meta->now);
  json_object_set_int_member (anonymous, "erased_at", meta->now);
  if (json_object_get_null_member (customer, "archived_at"))
    json_object_set_int_member (anonymous, "archived_at", meta->now);
  json_object_set_int_member (anonymous, "updated_at", meta->now);
  if (!gx_record_update (db, "customer", id, anonymous, &erase_meta, error))
    return FALSE;

  /* 2. What describes the person: gone. */
  for (guint d = 0; d < G_N_ELEMENTS (dependents); d++)
    {
      g_autoptr(JsonArray) rows = query_rows (db, dependents[d].sql, g_variant_new ("(s)", id), error);

      if (rows == NULL)
        return FALSE;
      for (guint i = 0; i < json_array_get_length (rows); i++)
        if (!gx_record_delete (db, dependents[d].kind,
                               json_object_get_string_member (json_array_get_object_element (rows, i), "id"),
                               &erase_meta, error))
          return FALSE;
    }

  /* 3. Complaints stay, as the law requires, without the person in their text. */
  cases = query_rows (db, "SELECT id, subject, description, remedy_sought, resolution FROM cases WHERE customer_id = ?",
                      g_variant_new ("(s)", id), error);
  if (cases == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (cases); i++)
    {
      JsonObject *row = json_array_get_object_element (cases, i);
      const char *fields[] = { "subject", "description", "remedy_sought", "resolution" };
      g_autoptr(JsonObject) changes = json_object_new ();

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          g_autoptr(GString) text = g_string_new (json_object_get_string_member (row, fields[f]));
          g_autofree char *before = g_strdup (text->str);

          scrub (text, name, mark);
          scrub (text, id_number, mark);
          for (guint a = 0; accounts[a] != NULL; a++)
            if (strlen (accounts[a]) >= 8)
              scrub (text, accounts[a], mark);
          for (guint p = 0; p < json_array_get_length (phones); p++)
            {
              const char *value = json_object_get_string_member (json_array_get_object_element (phones, p), "value");
              g_autofree char *digits = gx_phone_normalize (value);

              scrub (text, value, mark);
              if (strlen (digits) >= 7)
                scrub (text, digits, mark);
            }
          if (strcmp (before, text->str) != 0)
            json_object_set_string_member (changes, fields[f], text->str);
        }
      if (json_object_get_size (changes) > 0 &&
          !gx_record_update (db, "case", json_object_get_string_member (row, "id"), changes, &erase_meta, error))
        return FALSE;
    }

  /* 4. The registers keep that something happened, not what was said — the changes just
   *    registered by the steps above included. */
  for (guint l = 0; l < G_N_ELEMENTS (erasable_ledgers); l++)
    {
      const GxKind *kind = gx_kind_lookup (erasable_ledgers[l].kind);
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE customer_id = ?", kind->table);
      g_autoptr(JsonArray) rows = query_rows (db, sql, g_variant_new ("(s)", id), error);

      if (rows == NULL)
        return FALSE;
      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          g_autoptr(JsonObject) clear = json_object_new ();

          for (guint f = 0; erasable_ledgers[l].fields[f] != NULL; f++)
            {
              const GxField *field = gx_kind_find_field (kind, erasable_ledgers[l].fields[f]);

              if (field != NULL && field->nullable)
                json_object_set_null_member (clear, erasable_ledgers[l].fields[f]);
              else
                json_object_set_string_member (clear, erasable_ledgers[l].fields[f], "");
            }
          if (!gx_record_update (db, kind->name,
                                 json_object_get_string_member (json_array_get_object_element (rows, i), "id"),
                                 clear, &erase_meta, error))
            return FALSE;
        }
    }

  return TRUE;
}
