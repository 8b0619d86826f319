/* gx-activity-partners.c: an activity's co-hosts, linked to the organisations and clubs they are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-activity"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gx-activity-private.h"
#include "gx-activity.h"
#include "gx-enums.h"
#include "gx-search.h"
#include "gx-uuid.h"

/* A co-host is a record of its own (kind activity_partner) naming either an organisation of
 * the archive — a customer whose kind is not "individual" — or another club. The names typed
 * before co-hosts were linked stay in activities.partners, as names only. */

void
gx_activity_partner_free (GxActivityPartner *partner)
{
  if (partner == NULL)
    return;
  g_free (partner->id);
  g_free (partner->kind);
  g_free (partner->record_id);
  g_free (partner->name);
  g_free (partner->detail);
  g_free (partner);
}

/**
 * gx_activity_list_partners:
 * @db: a connection
 * @activity_id: the activity
 *
 * The activity's linked co-hosts: organisations by name, then clubs. An organisation this
 * desk may not see is not on the desk, and not listed.
 *
 * Returns: (transfer container) (element-type GxActivityPartner): the co-hosts
 */
GPtrArray *
gx_activity_list_partners (GxDb       *db,
                           const char *activity_id)
{
  GPtrArray *partners = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_activity_partner_free);
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (db,
                        "SELECT p.id, 'customer', c.id, c.name, c.kind, c.sort_key AS k1, 0 AS k0"
                        " FROM activity_partners p JOIN customers c ON c.id = p.customer_id WHERE p.activity_id = ?1"
                        " UNION ALL"
                        " SELECT p.id, 'club', b.id, b.name, NULL, b.name, 1"
                        " FROM activity_partners p JOIN clubs b ON b.id = p.club_id WHERE p.activity_id = ?1"
                        " ORDER BY k0, k1",
                        NULL);
  if (stmt == NULL)
    return partners;
  sqlite3_bind_text (stmt, 1, activity_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GxActivityPartner *partner = g_new0 (GxActivityPartner, 1);

      partner->id = gx_db_dup_column (stmt, 0);
      partner->kind = gx_db_dup_column (stmt, 1);
      partner->record_id = gx_db_dup_column (stmt, 2);
      partner->name = gx_db_dup_column (stmt, 3);
      partner->detail = g_strcmp0 (partner->kind, "club") == 0
                        ? g_strdup (_("Club"))
                        : g_strdup (gx_vocab_label (GX_VOCAB_CUSTOMER_KIND, gx_db_column_text (stmt, 4)));
      g_ptr_array_add (partners, partner);
    }
  sqlite3_reset (stmt);
  return partners;
}

/**
 * gx_activity_dup_partner_names:
 * @db: a connection
 * @activity_id: the activity
 *
 * The co-hosts as the printed letters and the iCalendar file name them: the linked ones, then
 * the names typed before co-hosts were linked.
 *
 * Returns: (transfer full): the names, separated by "、"; empty when there are none
 */
char *
gx_activity_dup_partner_names (GxDb       *db,
                               const char *activity_id)
{
  g_autoptr(GPtrArray) partners = gx_activity_list_partners (db, activity_id);
  g_autofree char *typed = gx_db_query_string (db, "SELECT partners FROM activities WHERE id = ?",
                                               g_variant_new ("(s)", activity_id), NULL);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < partners->len; i++)
    {
      if (names->len > 0)
        g_string_append (names, "、");
      g_string_append (names, ((GxActivityPartner *) partners->pdata[i])->name);
    }
  if (typed != NULL && *g_strstrip (typed) != '\0')
    {
      if (names->len > 0)
        g_string_append (names, "、");
      g_string_append (names, typed);
    }
  return g_string_free (names, FALSE);
}

/**
 * gx_activity_search_partners:
 * @db: a connection
 * @activity_id: the activity, whose own club and present co-hosts are left out
 * @text: what was typed: part of a name, pinyin or initials, a customer number
 *
 * The chooser's matches as the planner types: organisations of the archive (through the
 * customer search index, so it stays instant at a million customers) and clubs.
 *
 * Returns: (transfer container) (element-type GxActivityPartner): up to 20 matches; their
 *   @id is %NULL
 */
GPtrArray *
gx_activity_search_partners (GxDb       *db,
                             const char *activity_id,
                             const char *text)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_activity_partner_free);
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *pattern = NULL;
  g_autofree char *like = NULL;
  sqlite3_stmt *stmt;

  if (*trimmed == '\0')
    return found;

  /* Clubs first: few, and matched on their name. */
  pattern = gx_search_like_pattern (trimmed);
  like = g_strconcat ("%", pattern, NULL);
  stmt = gx_db_prepare (db,
                        "SELECT b.id, b.name FROM clubs b WHERE b.name LIKE ?1 ESCAPE '\\'"
                        " AND b.id IS NOT (SELECT club_id FROM activities WHERE id = ?2)"
                        " AND NOT EXISTS (SELECT 1 FROM activity_partners p WHERE p.activity_id = ?2 AND p.club_id = b.id)"
                        " ORDER BY b.name LIMIT 5",
                        NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, like, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, activity_id, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GxActivityPartner *partner = g_new0 (GxActivityPartner, 1);

          partner->kind = g_strdup ("club");
          partner->record_id = gx_db_dup_column (stmt, 0);
          partner->name = gx_db_dup_column (stmt, 1);
          partner->detail = g_strdup (_("Club"));
          g_ptr_array_add (found, partner);
        }
      sqlite3_reset (stmt);
    }

  {
    g_autoptr(GVariant) params = NULL;
    g_autofree char *keys = gx_search_customers (trimmed, &params);
    g_autofree char *sql = g_strdup_printf ("SELECT c.id, c.name, c.kind, c.number FROM customers c"
                                            " WHERE c.rowid IN (%s) AND c.kind <> 'individual' AND c.archived_at IS NULL"
                                            "   AND NOT EXISTS (SELECT 1 FROM activity_partners p"
                                            "                   WHERE p.activity_id = :partner_activity AND p.customer_id = c.id)"
                                            " ORDER BY c.sort_key LIMIT 15", keys);

    stmt = gx_db_prepare (db, sql, NULL);
    if (stmt != NULL && gx_db_bind_variant (stmt, params, NULL))
      {
        sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":partner_activity"), activity_id, -1, SQLITE_TRANSIENT);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          {
            GxActivityPartner *partner = g_new0 (GxActivityPartner, 1);

            partner->kind = g_strdup ("customer");
            partner->record_id = gx_db_dup_column (stmt, 0);
            partner->name = gx_db_dup_column (stmt, 1);
            /* Translators: a co-host candidate: its kind of organisation, then its customer number */
            partner->detail = g_strdup_printf (_("%s · %s"), gx_vocab_label (GX_VOCAB_CUSTOMER_KIND, gx_db_column_text (stmt, 2)),
                                               gx_db_column_text (stmt, 3));
            g_ptr_array_add (found, partner);
          }
      }
    if (stmt != NULL)
      sqlite3_reset (stmt);
  }
  return found;
}

/**
 * gx_activity_add_partner:
 * @db: the writer connection, inside a transaction
 * @activity_id: the activity
 * @kind: "customer" for an organisation of the archive, "club" for a club
 * @record_id: the organisation's or club's id
 * @meta: who and when
 * @partner_id: (out) (optional) (transfer full): the new co-host record
 * @error: return location for a #GError naming the field at fault
 *
 * Returns: %TRUE when the co-host is linked
 */
gboolean
gx_activity_add_partner (GxDb               *db,
                         const char         *activity_id,
                         const char         *kind,
                         const char         *record_id,
                         const GxWriteMeta  *meta,
                         char              **partner_id,
                         GError            **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *id = gx_uuid_v7_new_at (meta->now * 1000);

  json_object_set_string_member (fields, "activity_id", activity_id);
  json_object_set_string_member (fields, g_strcmp0 (kind, "club") == 0 ? "club_id" : "customer_id", record_id);
  json_object_set_int_member (fields, "added_at", meta->now);
  if (!gx_record_insert (db, "activity_partner", id, fields, meta, error))
    return FALSE;
  if (partner_id != NULL)
    *partner_id = g_steal_pointer (&id);
  return TRUE;
}

/**
 * gx_activity_remove_partner:
 * @db: the writer connection, inside a transaction
 * @partner_id: the co-host record
 * @meta: who and when
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the co-host is unlinked
 */
gboolean
gx_activity_remove_partner (GxDb               *db,
                            const char         *partner_id,
                            const GxWriteMeta  *meta,
                            GError            **error)
{
  return gx_record_delete (db, "activity_partner", partner_id, meta, error);
}

/**
 * gx_activity_rule_partner:
 *
 * A co-host is either an organisation of the archive — a live customer that is not an
 * individual — or a club other than the activity's own; once per activity; and it stays
 * what it links to (remove it and add the other instead).
 */
gboolean
gx_activity_rule_partner (GxDb          *db,
                          const GxKind  *kind,
                          GxRuleOp       op,
                          const char    *id,
                          JsonObject    *record,
                          JsonObject    *changes,
                          GError       **error)
{
  const char *activity_id, *customer_id, *club_id;
  g_autofree char *host_club = NULL;

  if (op == GX_RULE_DELETE)
    return TRUE;
  if (op == GX_RULE_UPDATE && changes != NULL &&
      (json_object_has_member (changes, "activity_id") || json_object_has_member (changes, "customer_id") ||
       json_object_has_member (changes, "club_id")))
    {
      _gx_activity_fail (error, "customer_id", _("A co-host stays what it links to: remove it and add the other instead."));
      return FALSE;
    }

  activity_id = _gx_json_str (record, "activity_id");
  customer_id = _gx_json_str (record, "customer_id");
  club_id = _gx_json_str (record, "club_id");
  if ((customer_id == NULL) == (club_id == NULL))
    {
      _gx_activity_fail (error, "customer_id", _("A co-host is one organisation of the archive or one club."));
      return FALSE;
    }
  if (gx_db_query_int (db, "SELECT count (*) FROM activities WHERE id = ?", g_variant_new ("(s)", activity_id ? activity_id : ""),
                       0, NULL) == 0)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "activity_id", _("The activity no longer exists."));
      return FALSE;
    }

  if (customer_id != NULL)
    {
      g_autofree char *customer_kind = gx_db_query_string (db, "SELECT kind FROM customers WHERE id = ? AND archived_at IS NULL",
                                                           g_variant_new ("(s)", customer_id), NULL);

      if (customer_kind == NULL)
        {
          gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "customer_id", _("The organisation is not in the archive."));
          return FALSE;
        }
      if (g_strcmp0 (customer_kind, "individual") == 0)
        {
          _gx_activity_fail (error, "customer_id",
                             _("A co-host is an organisation: an enterprise, a government body or association, or an intermediary."));
          return FALSE;
        }
      if (op == GX_RULE_INSERT &&
          gx_db_query_int (db, "SELECT count (*) FROM activity_partners WHERE activity_id = ? AND customer_id = ?",
                           g_variant_new ("(ss)", activity_id, customer_id), 0, NULL) > 0)
        {
          _gx_activity_fail (error, "customer_id", _("This organisation is a co-host already."));
          return FALSE;
        }
      return TRUE;
    }

  if (gx_db_query_int (db, "SELECT count (*) FROM clubs WHERE id = ?", g_variant_new ("(s)", club_id), 0, NULL) == 0)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "club_id", _("The club no longer exists."));
      return FALSE;
    }
  host_club = gx_db_query_string (db, "SELECT club_id FROM activities WHERE id = ?", g_variant_new ("(s)", activity_id), NULL);
  if (g_strcmp0 (host_club, club_id) == 0)
    {
      _gx_activity_fail (error, "club_id", _("The activity’s own club hosts it; a co-host is another club."));
      return FALSE;
    }
  if (op == GX_RULE_INSERT &&
      gx_db_query_int (db, "SELECT count (*) FROM activity_partners WHERE activity_id = ? AND club_id = ?",
                       g_variant_new ("(ss)", activity_id, club_id), 0, NULL) > 0)
    {
      _gx_activity_fail (error, "club_id", _("This club is a co-host already."));
      return FALSE;
    }
  return TRUE;
}
