/* gx-customer-merge.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customer-merge"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-customer.h"
#include "gx-customer-merge.h"
#include "gx-uuid.h"

/* A merge is a sequence of ordinary record writes — each moved record is an update of the
 * column that names its customer, the survivor's filled fields an update, the duplicate's
 * archiving an update, the journal an insert — so every desk sees it through sync and every
 * step is in the change register. The journal is what makes it reversible: none of the big
 * CRMs can unmerge, because they forget what moved. */

void
gx_merge_item_free (GxMergeItem *item)
{
  if (item == NULL)
    return;

  g_free (item->kind);
  g_free (item->id);
  g_free (item->field);
  g_free (item->description);
  g_free (item->reason);
  g_free (item);
}

/* What belongs to a profile, by the column that says so. ?1 is the duplicate, ?2 the record,
 * ?3 the survivor. A conflict query answers 1 when the record cannot move (a unique rule of
 * the schema, or a link between the two profiles themselves). */
static const struct {
  const char *kind;
  const char *field;
  const char *list_sql;
  const char *conflict_sql;
  const char *reason;
} movers[] = {
  { "customer_contact", "customer_id",
    "SELECT id, value AS label FROM customer_contacts WHERE customer_id = ?1 ORDER BY kind, value",
    NULL, NULL },
  { "customer_interest", "customer_id",
    "SELECT id, interest AS label FROM customer_interests WHERE customer_id = ?1 ORDER BY interest",
    "SELECT EXISTS (SELECT 1 FROM customer_interests s JOIN customer_interests m ON m.interest = s.interest"
    " WHERE m.id = ?2 AND s.customer_id = ?3)",
    N_("The surviving profile has this interest already") },
  { "customer_link", "customer_id",
    "SELECT l.id, o.name AS label FROM customer_links l JOIN customers o ON o.id = l.other_id WHERE l.customer_id = ?1",
    "SELECT EXISTS (SELECT 1 FROM customer_links m WHERE m.id = ?2 AND (m.other_id = ?3 OR EXISTS"
    " (SELECT 1 FROM customer_links s WHERE s.customer_id = ?3 AND s.other_id = m.other_id AND s.kind = m.kind)))",
    N_("It links the two profiles, or the surviving profile has the same link") },
  { "customer_link", "other_id",
    "SELECT l.id, o.name AS label FROM customer_links l JOIN customers o ON o.id = l.customer_id WHERE l.other_id = ?1",
    "SELECT EXISTS (SELECT 1 FROM customer_links m WHERE m.id = ?2 AND (m.customer_id = ?3 OR EXISTS"
    " (SELECT 1 FROM customer_links s WHERE s.other_id = ?3 AND s.customer_id = m.customer_id AND s.kind = m.kind)))",
    N_("It links the two profiles, or the surviving profile has the same link") },
  { "case", "customer_id",
    "SELECT id, number || ' · ' || subject AS label FROM cases WHERE customer_id = ?1 ORDER BY received_at",
    NULL, NULL },
  { "membership", "customer_id",
    "SELECT m.id, c.name || ' · ' || m.member_number AS label FROM memberships m JOIN clubs c ON c.id = m.club_id"
    " WHERE m.customer_id = ?1",
    "SELECT EXISTS (SELECT 1 FROM memberships s JOIN memberships m ON m.club_id = s.club_id"
    " WHERE m.id = ?2 AND s.customer_id = ?3)",
    N_("The surviving profile is a member of this club already") },
  { "membership", "sponsor_id",
    "SELECT m.id, c.name || ' · ' || m.member_number AS label FROM memberships m JOIN clubs c ON c.id = m.club_id"
    " WHERE m.sponsor_id = ?1",
    "SELECT EXISTS (SELECT 1 FROM memberships m WHERE m.id = ?2 AND m.customer_id = ?3)",
    N_("The surviving profile cannot sponsor its own membership") },
  { "invitation", "customer_id",
    "SELECT i.id, a.title AS label FROM invitations i JOIN activities a ON a.id = i.activity_id WHERE i.customer_id = ?1",
    "SELECT EXISTS (SELECT 1 FROM invitations s JOIN invitations m ON m.activity_id = s.activity_id"
    " WHERE m.id = ?2 AND s.customer_id = ?3)",
    N_("The surviving profile is invited to this activity already") },
  { "invitation_guest", "prospect_id",
    "SELECT id, name AS label FROM invitation_guests WHERE prospect_id = ?1",
    NULL, NULL },
};

/* Ledgers are never rewritten; they show on the survivor through merged_into. */
static const struct {
  const char *sql;
  const char *description;
} ledgers[] = {
  { "SELECT count(*) FROM contact_log WHERE customer_id = ?", N_("Contact log entries") },
  { "SELECT count(*) FROM change_log WHERE customer_id = ?", N_("Change register entries") },
  { "SELECT count(*) FROM access_log WHERE customer_id = ?", N_("Access register entries") },
};

/* Fields the survivor takes from the duplicate when its own are empty. */
static const char * const fillable[] = {
  "gender", "birthday", "id_type", "id_number", "accounts", "company", "industry", "job_title", "tier_id",
  "owner_id", "assets_band", "preferred_channel", "preferred_time", "customer_since", "notes", "tags",
  NULL
};

static gboolean
is_empty (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node) ||
         (json_node_get_value_type (node) == G_TYPE_STRING && *json_node_get_string (node) == '\0');
}

static gboolean
check_pair (GxDb        *db,
            const char  *survivor_id,
            const char  *merged_id,
            GError     **error)
{
  g_autoptr(JsonArray) rows = NULL;

  if (g_strcmp0 (survivor_id, merged_id) == 0)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "survivor_id", _("A profile cannot be merged into itself."));
      return FALSE;
    }

  rows = gx_customer_query_rows (db, "SELECT id, merged_into FROM customers WHERE id IN (?1, ?2)",
                                 g_variant_new ("(ss)", survivor_id, merged_id), error);
  if (rows == NULL)
    return FALSE;
  if (json_array_get_length (rows) != 2)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "id", _("One of the two profiles no longer exists."));
      return FALSE;
    }
  for (guint i = 0; i < 2; i++)
    if (!json_object_get_null_member (json_array_get_object_element (rows, i), "merged_into"))
      {
        gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "merged_into",
                                   _("One of the two profiles was merged into another already: undo that merge first."));
        return FALSE;
      }

  return TRUE;
}

/**
 * gx_customer_merge_preview:
 * @db: a connection
 * @survivor_id: the profile that stays
 * @merged_id: the duplicate, which is archived
 * @filled: (out) (optional) (transfer full) (element-type utf8): the survivor's fields that
 *   the duplicate fills
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type GxMergeItem): every record the merge touches — those
 *   that move, and those that stay with the duplicate and why
 */
GPtrArray *
gx_customer_merge_preview (GxDb        *db,
                           const char  *survivor_id,
                           const char  *merged_id,
                           GPtrArray  **filled,
                           GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_merge_item_free);

  if (!check_pair (db, survivor_id, merged_id, error))
    return NULL;

  for (guint m = 0; m < G_N_ELEMENTS (movers); m++)
    {
      g_autoptr(JsonArray) rows = gx_customer_query_rows (db, movers[m].list_sql, g_variant_new ("(s)", merged_id), error);

      if (rows == NULL)
        return NULL;

      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          GxMergeItem *item = g_new0 (GxMergeItem, 1);
          JsonNode *label = json_object_get_member (row, "label");

          item->kind = g_strdup (movers[m].kind);
          item->id = g_strdup (json_object_get_string_member (row, "id"));
          item->field = g_strdup (movers[m].field);
          item->description = g_strdup (label == NULL || JSON_NODE_HOLDS_NULL (label) ? "" : json_node_get_string (label));
          item->moves = TRUE;

          if (movers[m].conflict_sql != NULL &&
              gx_db_query_int (db, movers[m].conflict_sql,
                               g_variant_new ("(sss)", merged_id, item->id, survivor_id), 0, NULL) != 0)
            {
              item->moves = FALSE;
              item->reason = g_strdup (_(movers[m].reason));
            }
          g_ptr_array_add (items, item);
        }
    }

  for (guint l = 0; l < G_N_ELEMENTS (ledgers); l++)
    {
      gint64 n = gx_db_query_int (db, ledgers[l].sql, g_variant_new ("(s)", merged_id), 0, NULL);

      if (n > 0)
        {
          GxMergeItem *item = g_new0 (GxMergeItem, 1);

          item->kind = g_strdup ("ledger");
          item->id = g_strdup ("");
          item->field = g_strdup ("customer_id");
          item->description = g_strdup_printf ("%s: %" G_GINT64_FORMAT, _(ledgers[l].description), n);
          item->reason = g_strdup (_("Entries of a register are never rewritten: they stay with the archived profile and show on the surviving one"));
          g_ptr_array_add (items, item);
        }
    }

  if (filled != NULL)
    {
      g_autoptr(JsonObject) survivor = gx_record_read (db, "customer", survivor_id, error);
      g_autoptr(JsonObject) merged = gx_record_read (db, "customer", merged_id, error);

      if (survivor == NULL || merged == NULL)
        return NULL;

      *filled = g_ptr_array_new_with_free_func (g_free);
      for (guint f = 0; fillable[f] != NULL; f++)
        if (is_empty (json_object_get_member (survivor, fillable[f])) &&
            !is_empty (json_object_get_member (merged, fillable[f])) &&
            !(g_str_equal (fillable[f], "id_type") && is_empty (json_object_get_member (merged, "id_number"))))
          g_ptr_array_add (*filled, g_strdup (fillable[f]));
      /* The ID type goes with the number. */
      if (!is_empty (json_object_get_member (merged, "id_number")) &&
          is_empty (json_object_get_member (survivor, "id_number")) &&
          !g_ptr_array_find_with_equal_func (*filled, "id_type", g_str_equal, NULL))
        g_ptr_array_add (*filled, g_strdup ("id_type"));
    }

  return g_steal_pointer (&items);
}

static void
set_verified (JsonObject        *changes,
              const GxWriteMeta *meta)
{
  gboolean identity = FALSE;
  g_autoptr(GList) names = json_object_get_members (changes);

  for (GList *l = names; l != NULL; l = l->next)
    identity |= gx_customer_is_identity_field (l->data);

  if (identity)
    {
      json_object_set_string_member (changes, "verification",
                                     meta->verification && *meta->verification ? meta->verification : _("Profiles merged"));
      json_object_set_int_member (changes, "verified_at", meta->now);
    }
}

/**
 * gx_customer_merge:
 * @db: the writer connection, inside a transaction
 * @survivor_id: the profile that stays
 * @merged_id: the duplicate
 * @reason: why the two are the same person (the merge's identity check)
 * @meta: who and when
 * @error: return location for a #GError
 *
 * Moves what can move to the survivor, fills the survivor's empty fields, archives the
 * duplicate pointing at the survivor, and journals it all.
 *
 * Returns: (transfer full) (nullable): the journal entry's id, for gx_customer_unmerge()
 */
char *
gx_customer_merge (GxDb               *db,
                   const char         *survivor_id,
                   const char         *merged_id,
                   const char         *reason,
                   const GxWriteMeta  *meta,
                   GError            **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) filled = NULL;
  g_autoptr(JsonArray) moved = json_array_new ();
  g_autoptr(JsonObject) filled_old = json_object_new ();
  g_autoptr(JsonObject) survivor = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonObject) archive = json_object_new ();
  g_autoptr(JsonObject) journal = json_object_new ();
  g_autofree char *merge_id = gx_uuid_v7_new_at (meta->now * 1000);
  GxWriteMeta merge_meta = *meta;
  g_autofree char *verification = NULL;

  /* The merge says who is who; that is the identity check the rule asks for. */
  verification = g_strdup_printf (_("Profiles merged: %s"), reason && *reason ? reason : _("same person"));
  merge_meta.verification = verification;

  items = gx_customer_merge_preview (db, survivor_id, merged_id, &filled, error);
  if (items == NULL)
    return NULL;

  for (guint i = 0; i < items->len; i++)
    {
      GxMergeItem *item = g_ptr_array_index (items, i);
      g_autoptr(JsonObject) move = json_object_new ();
      JsonObject *entry;

      if (!item->moves)
        continue;

      json_object_set_string_member (move, item->field, survivor_id);
      if (!gx_record_update (db, item->kind, item->id, move, &merge_meta, error))
        return NULL;

      entry = json_object_new ();
      json_object_set_string_member (entry, "kind", item->kind);
      json_object_set_string_member (entry, "id", item->id);
      json_object_set_string_member (entry, "field", item->field);
      json_array_add_object_element (moved, entry);
    }

  survivor = gx_record_read (db, "customer", survivor_id, error);
  merged = gx_record_read (db, "customer", merged_id, error);
  if (survivor == NULL || merged == NULL)
    return NULL;

  for (guint f = 0; f < filled->len; f++)
    {
      const char *field = g_ptr_array_index (filled, f);

      json_object_set_member (filled_old, field, json_object_dup_member (survivor, field));
      json_object_set_member (changes, field, json_object_dup_member (merged, field));
    }
  if (json_object_get_size (changes) > 0)
    {
      json_object_set_int_member (changes, "updated_at", meta->now);
      set_verified (changes, &merge_meta);
      if (!gx_record_update (db, "customer", survivor_id, changes, &merge_meta, error))
        return NULL;
    }

  json_object_set_string_member (archive, "merged_into", survivor_id);
  json_object_set_int_member (archive, "archived_at", meta->now);
  json_object_set_int_member (archive, "updated_at", meta->now);
  if (!gx_record_update (db, "customer", merged_id, archive, &merge_meta, error))
    return NULL;

  json_object_set_string_member (journal, "survivor_id", survivor_id);
  json_object_set_string_member (journal, "merged_id", merged_id);
  json_object_set_int_member (journal, "at", meta->now);
  if (meta->user_id != NULL)
    json_object_set_string_member (journal, "user_id", meta->user_id);
  json_object_set_string_member (journal, "reason", reason ? reason : "");
  {
    g_autoptr(JsonNode) moved_node = json_node_init_array (json_node_alloc (), moved);
    g_autoptr(JsonNode) filled_node = json_node_init_object (json_node_alloc (), filled_old);
    g_autofree char *moved_text = json_to_string (moved_node, FALSE);
    g_autofree char *filled_text = json_to_string (filled_node, FALSE);

    json_object_set_string_member (journal, "moved", moved_text);
    json_object_set_string_member (journal, "filled", filled_text);
  }
  if (!gx_record_insert (db, "customer_merge", merge_id, journal, meta, error))
    return NULL;

  return g_steal_pointer (&merge_id);
}

/**
 * gx_customer_unmerge:
 * @db: the writer connection, inside a transaction
 * @merge_id: a journal entry
 * @meta: who and when
 * @error: return location for a #GError
 *
 * Undoes a merge: what moved goes back to the duplicate (unless it was moved on since), the
 * survivor's filled fields are emptied again (unless changed since), the duplicate comes back
 * from the archive.
 */
gboolean
gx_customer_unmerge (GxDb               *db,
                     const char         *merge_id,
                     const GxWriteMeta  *meta,
                     GError            **error)
{
  g_autoptr(JsonObject) journal = gx_record_read (db, "customer_merge", merge_id, error);
  g_autoptr(JsonNode) moved_node = NULL;
  g_autoptr(JsonNode) filled_node = NULL;
  g_autoptr(JsonObject) survivor = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(JsonObject) restore = json_object_new ();
  g_autoptr(JsonObject) unarchive = json_object_new ();
  g_autoptr(JsonObject) done = json_object_new ();
  g_autofree char *verification = NULL;
  GxWriteMeta unmerge_meta = *meta;
  const char *survivor_id;
  const char *merged_id;
  JsonArray *moved;
  JsonObject *filled;

  if (journal == NULL)
    return FALSE;
  if (!json_object_get_null_member (journal, "undone_at"))
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "undone_at", _("This merge was undone already."));
      return FALSE;
    }

  survivor_id = json_object_get_string_member (journal, "survivor_id");
  merged_id = json_object_get_string_member (journal, "merged_id");
  verification = g_strdup_printf (_("Merge undone: %s"), json_object_get_string_member (journal, "reason"));
  unmerge_meta.verification = verification;

  moved_node = json_from_string (json_object_get_string_member (journal, "moved"), error);
  filled_node = json_from_string (json_object_get_string_member (journal, "filled"), error);
  if (moved_node == NULL || filled_node == NULL)
    return FALSE;
  moved = json_node_get_array (moved_node);
  filled = json_node_get_object (filled_node);

  for (guint i = 0; i < json_array_get_length (moved); i++)
    {
      JsonObject *entry = json_array_get_object_element (moved, i);
      const char *kind = json_object_get_string_member (entry, "kind");
      const char *id = json_object_get_string_member (entry, "id");
      const char *field = json_object_get_string_member (entry, "field");
      g_autoptr(JsonObject) record = gx_record_read (db, kind, id, NULL);
      g_autoptr(JsonObject) back = NULL;

      /* Gone, or moved on since: it stays where it is now. */
      if (record == NULL || g_strcmp0 (json_object_get_string_member_with_default (record, field, NULL), survivor_id) != 0)
        continue;

      back = json_object_new ();
      json_object_set_string_member (back, field, merged_id);
      if (!gx_record_update (db, kind, id, back, &unmerge_meta, error))
        return FALSE;
    }

  survivor = gx_record_read (db, "customer", survivor_id, error);
  merged = gx_record_read (db, "customer", merged_id, error);
  if (survivor == NULL || merged == NULL)
    return FALSE;

  {
    g_autoptr(GList) fields = json_object_get_members (filled);

    for (GList *l = fields; l != NULL; l = l->next)
      {
        const char *field = l->data;

        /* Only what still holds the duplicate's value goes back to empty. */
        if (json_node_equal (json_object_get_member (survivor, field), json_object_get_member (merged, field)))
          json_object_set_member (restore, field, json_object_dup_member (filled, field));
      }
  }
  if (json_object_get_size (restore) > 0)
    {
      json_object_set_int_member (restore, "updated_at", meta->now);
      set_verified (restore, &unmerge_meta);
      if (!gx_record_update (db, "customer", survivor_id, restore, &unmerge_meta, error))
        return FALSE;
    }

  json_object_set_null_member (unarchive, "merged_into");
  json_object_set_null_member (unarchive, "archived_at");
  json_object_set_int_member (unarchive, "updated_at", meta->now);
  if (!gx_record_update (db, "customer", merged_id, unarchive, &unmerge_meta, error))
    return FALSE;

  json_object_set_int_member (done, "undone_at", meta->now);
  return gx_record_update (db, "customer_merge", merge_id, done, meta, error);
}
