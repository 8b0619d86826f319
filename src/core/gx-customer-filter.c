/* gx-customer-filter.c: customer list filters saved under a name
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A saved filter is what the customer list's Filters popover chose — kind, stage, service
 * tier, confidentiality, owner, born this month, with an open complaint, club members — kept
 * as a list filter string (gx-list-filter.h) in `customer_filters`, so every desk and the
 * server read it the same way. What was typed in the search field is not part of it: a
 * search is capped (GX_CUSTOMER_SEARCH_CAP), and a target group must be everyone who matches.
 * "Born this month" stays relative: it means the month the filter is used in.
 */

#define G_LOG_DOMAIN "gx-customer-filter"

#include "config.h"

#include "gx-customer-filter.h"

#include <glib/gi18n-lib.h>

#include "gx-enums.h"
#include "gx-list-filter.h"
#include "gx-uuid.h"

/**
 * gx_customer_filter_from_query:
 * @query: what the customer list shows
 *
 * Returns: (transfer full): the filters of @query as a list filter string; "" when it
 *   filters nothing (the search text, follow-ups due, archived and the order are left out)
 */
char *
gx_customer_filter_from_query (const GxCustomerQuery *query)
{
  g_return_val_if_fail (query != NULL, NULL);

  return gx_list_filter_build ("kind", query->kind,
                               "stage", query->stage,
                               "tier", query->tier_id,
                               "confidentiality", query->confidentiality,
                               "owner", query->owner_id,
                               "birthday", query->birthday_month != 0 ? "this_month" : NULL,
                               "open_cases", query->open_cases ? "1" : NULL,
                               "club_members", query->club_members ? "1" : NULL,
                               NULL);
}

/**
 * gx_customer_filter_to_query:
 * @filter: a parsed filter (gx_list_filter_parse()); it owns the strings @query points to
 * @this_month: the month "born this month" means, 1–12
 * @query: (out caller-allocates): the customer query, live customers by name
 */
void
gx_customer_filter_to_query (GHashTable      *filter,
                             int              this_month,
                             GxCustomerQuery *query)
{
  g_return_if_fail (filter != NULL);
  g_return_if_fail (query != NULL);

  *query = (GxCustomerQuery) {
    .kind = g_hash_table_lookup (filter, "kind"),
    .stage = g_hash_table_lookup (filter, "stage"),
    .tier_id = g_hash_table_lookup (filter, "tier"),
    .confidentiality = g_hash_table_lookup (filter, "confidentiality"),
    .owner_id = g_hash_table_lookup (filter, "owner"),
    .birthday_month = g_hash_table_contains (filter, "birthday") ? this_month : 0,
    .open_cases = g_strcmp0 (g_hash_table_lookup (filter, "open_cases"), "1") == 0,
    .club_members = g_strcmp0 (g_hash_table_lookup (filter, "club_members"), "1") == 0,
    .sort = GX_CUSTOMER_SORT_NAME,
  };
}

/**
 * gx_customer_filter_keys_sql:
 * @db: a connection (for nothing but the customer search's own needs)
 * @filter: a saved filter string
 * @this_month: the month "born this month" means, 1–12
 * @params: (out) (transfer full) (nullable): the parameters to bind by position
 *
 * Returns: (transfer full): a query of the rowids of the live customers @filter matches, by
 *   name
 */
char *
gx_customer_filter_keys_sql (GxDb        *db,
                             const char  *filter,
                             int          this_month,
                             GVariant   **params)
{
  g_autoptr(GHashTable) parsed = gx_list_filter_parse (filter);
  GxCustomerQuery query;

  g_return_val_if_fail (params != NULL, NULL);

  gx_customer_filter_to_query (parsed, this_month, &query);
  return gx_customer_search_keys_sql (db, &query, params);
}

static char *
lookup_name (GxDb       *db,
             const char *sql,
             const char *id)
{
  char *name = gx_db_query_string (db, sql, g_variant_new ("(s)", id), NULL);

  return name != NULL ? name : g_strdup (id);
}

/**
 * gx_customer_filter_describe:
 * @db: a read connection, for the names of tiers and owners
 * @filter: (nullable): a saved filter string
 *
 * Says in words whom @filter matches, for the desk to show before saving and beside a target
 * group.
 *
 * Returns: (transfer full): e.g. "Individual · Gold · owned by 李娜 · club members"; "All
 *   customers" when it filters nothing
 */
char *
gx_customer_filter_describe (GxDb       *db,
                             const char *filter)
{
  g_autoptr(GHashTable) parsed = gx_list_filter_parse (filter);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *value;

  if ((value = g_hash_table_lookup (parsed, "kind")))
    g_ptr_array_add (parts, g_strdup (gx_vocab_label (GX_VOCAB_CUSTOMER_KIND, value)));
  if ((value = g_hash_table_lookup (parsed, "stage")))
    g_ptr_array_add (parts, g_strdup (gx_vocab_label (GX_VOCAB_STAGE, value)));
  if ((value = g_hash_table_lookup (parsed, "tier")))
    g_ptr_array_add (parts, lookup_name (db, "SELECT name FROM tiers WHERE id = ?", value));
  if ((value = g_hash_table_lookup (parsed, "confidentiality")))
    g_ptr_array_add (parts, g_strdup (gx_vocab_label (GX_VOCAB_CONFIDENTIALITY, value)));
  if ((value = g_hash_table_lookup (parsed, "owner")))
    {
      g_autofree char *owner = lookup_name (db, "SELECT display_name FROM users WHERE id = ?", value);
      /* Translators: part of a saved customer filter's description; %s is a relationship manager */
      g_ptr_array_add (parts, g_strdup_printf (_("owned by %s"), owner));
    }
  if (g_hash_table_contains (parsed, "birthday"))
    g_ptr_array_add (parts, g_strdup (_("born this month")));
  if (g_hash_table_contains (parsed, "open_cases"))
    g_ptr_array_add (parts, g_strdup (_("with an open complaint")));
  if (g_hash_table_contains (parsed, "club_members"))
    g_ptr_array_add (parts, g_strdup (_("club members")));

  if (parts->len == 0)
    return g_strdup (_("All customers"));

  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between the parts of a filter's description */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

/**
 * gx_customer_filter_save:
 * @db: the writer connection, inside a transaction
 * @name: what to call it
 * @filter: the filter string (gx_customer_filter_from_query())
 * @meta: who and when
 * @filter_id: (out) (optional) (transfer full): the new saved filter's id
 * @error: return location for a #GError naming the field at fault
 *
 * Saves @filter under @name, for every desk: a name used already by another saved filter is
 * refused, as is a filter that filters nothing (that is the whole archive).
 */
gboolean
gx_customer_filter_save (GxDb               *db,
                         const char         *name,
                         const char         *filter,
                         const GxWriteMeta  *meta,
                         char              **filter_id,
                         GError            **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *id = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (meta != NULL, FALSE);

  if (*trimmed == '\0')
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_REQUIRED, "name", _("Give the filter a name."));
      return FALSE;
    }
  if (filter == NULL || *filter == '\0')
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "filter",
                                 _("Choose at least one filter first: kind, stage, tier, owner…"));
      return FALSE;
    }
  if (gx_db_query_int (db, "SELECT count (*) FROM customer_filters WHERE name = ?",
                       g_variant_new ("(s)", trimmed), 0, NULL) > 0)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_EXISTS, "name",
                                 _("A saved filter has this name already."));
      return FALSE;
    }

  id = gx_uuid_v7_new_at (meta->now * 1000);
  json_object_set_string_member (fields, "name", trimmed);
  json_object_set_string_member (fields, "filter", filter);
  if (meta->user_id != NULL)
    json_object_set_string_member (fields, "owner_id", meta->user_id);
  json_object_set_int_member (fields, "created_at", meta->now);
  if (!gx_record_insert (db, "customer_filter", id, fields, meta, error))
    return FALSE;

  if (filter_id != NULL)
    *filter_id = g_steal_pointer (&id);
  return TRUE;
}

/**
 * gx_customer_filter_rename:
 * @db: the writer connection, inside a transaction
 * @filter_id: a saved filter
 * @name: its new name
 * @meta: who and when
 * @error: return location for a #GError naming the field at fault
 *
 * Renames a saved filter, for every desk. The activities that take it as their target group
 * keep it: they name it by id.
 */
gboolean
gx_customer_filter_rename (GxDb               *db,
                           const char         *filter_id,
                           const char         *name,
                           const GxWriteMeta  *meta,
                           GError            **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));
  g_autofree char *old = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (filter_id != NULL, FALSE);

  old = gx_db_query_string (db, "SELECT name FROM customer_filters WHERE id = ?", g_variant_new ("(s)", filter_id), NULL);
  if (old == NULL)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "id", _("The saved filter no longer exists."));
      return FALSE;
    }
  if (g_strcmp0 (old, trimmed) == 0)
    return TRUE;
  json_object_set_string_member (changes, "name", trimmed);
  return gx_record_update (db, "customer_filter", filter_id, changes, meta, error);
}

/**
 * gx_customer_filter_delete:
 * @db: the writer connection, inside a transaction
 * @filter_id: a saved filter
 * @meta: who and when
 * @error: return location for a #GError
 *
 * Deletes a saved filter, for every desk; refused while an activity takes it as its target
 * group (gx_customer_filter_rule()).
 */
gboolean
gx_customer_filter_delete (GxDb               *db,
                           const char         *filter_id,
                           const GxWriteMeta  *meta,
                           GError            **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (filter_id != NULL, FALSE);

  return gx_record_delete (db, "customer_filter", filter_id, meta, error);
}

/**
 * gx_customer_filter_rule:
 *
 * A saved filter that is an activity's target group is not deleted: the activity would lose
 * whom it invites.
 */
gboolean
gx_customer_filter_rule (GxDb          *db,
                         const GxKind  *kind,
                         GxRuleOp       op,
                         const char    *id,
                         JsonObject    *record,
                         JsonObject    *changes,
                         GError       **error)
{
  gint64 n;

  /* A name, and one no other saved filter has: at every desk and on the server, whoever
   * saves or renames. */
  if (op != GX_RULE_DELETE)
    {
      const char *name = json_object_has_member (record, "name") && !json_object_get_null_member (record, "name")
                         ? json_object_get_string_member (record, "name") : NULL;
      g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));

      if (changes != NULL && !json_object_has_member (changes, "name") && op == GX_RULE_UPDATE)
        return TRUE;
      if (*trimmed == '\0')
        {
          gx_record_set_field_error (error, GX_RECORD_ERROR_REQUIRED, "name", _("Give the filter a name."));
          return FALSE;
        }
      if (gx_db_query_int (db, "SELECT count (*) FROM customer_filters WHERE name = ? AND id <> ?",
                           g_variant_new ("(ss)", trimmed, id), 0, NULL) > 0)
        {
          gx_record_set_field_error (error, GX_RECORD_ERROR_EXISTS, "name", _("A saved filter has this name already."));
          return FALSE;
        }
      return TRUE;
    }

  n = gx_db_query_int (db, "SELECT count (*) FROM activities WHERE target_filter_id = ?",
                       g_variant_new ("(s)", id), 0, NULL);
  if (n > 0)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "This filter is the target group of %d activity; choose another there first.",
                                                               "This filter is the target group of %d activities; choose another there first.",
                                                               (gulong) n), (int) n);
      gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "id", message);
      return FALSE;
    }
  return TRUE;
}
