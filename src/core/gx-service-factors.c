/* gx-service-factors.c: editing the service-factor tree the satisfaction and service indexes
 * are reported over
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-service-factors"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-service-factors.h"
#include "gx-uuid.h"

/* The tree is ordinary synced reference data (kind service_factor): every edit goes through
 * the record layer, so it is registered, queued for the server and checked by
 * gx_service_factor_rule() here and, for pushed edits, on the server. The rule keeps the
 * tree a tree: a named factor, a parent that exists and is not the factor itself or one of
 * its parts, no two siblings of the same name; and a factor is removed only when nothing
 * hangs on it (parts, or return visits that scored it — those are renamed or moved). Who may
 * edit it (supervisors and administrators) the server decides per kind; the desk asks
 * gx_service_factors_may_edit() only to show or hide the editor. */

static gboolean
refuse (GError     **error,
        const char  *field,
        const char  *message)
{
  gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, field, message);
  return FALSE;
}

static char *
trimmed (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

/**
 * gx_service_factors_may_edit:
 * @role: the desk user's role
 *
 * Returns: %TRUE for supervisors and administrators, who keep the reference data
 */
gboolean
gx_service_factors_may_edit (GxRole role)
{
  return role == GX_ROLE_SUPERVISOR || role == GX_ROLE_ADMIN;
}

/* Is @ancestor above @id in the tree (or @id itself)? Walks up at most as many steps as
 * there are factors, so a loop already in the data cannot hang it. */
static gboolean
is_within (GxDb        *db,
           const char  *id,
           const char  *ancestor,
           gboolean    *within,
           GError     **error)
{
  g_autofree char *current = g_strdup (id);
  gint64 limit = gx_db_query_int (db, "SELECT count(*) FROM service_factors", NULL, 0, error);

  *within = FALSE;
  for (gint64 steps = 0; current != NULL && steps <= limit; steps++)
    {
      g_autoptr(GError) local_error = NULL;
      char *parent;

      if (strcmp (current, ancestor) == 0)
        {
          *within = TRUE;
          return TRUE;
        }
      parent = gx_db_query_string (db, "SELECT parent_id FROM service_factors WHERE id = ?",
                                   g_variant_new ("(s)", current), &local_error);
      if (local_error != NULL && !g_error_matches (local_error, GX_DB_ERROR, GX_DB_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_free (current);
      current = parent;
    }

  return TRUE;
}

/**
 * gx_service_factor_rule:
 *
 * The #GxRuleFunc of kind service_factor (see the comment at the top of this file).
 */
gboolean
gx_service_factor_rule (GxDb          *db,
                        const GxKind  *kind,
                        GxRuleOp       op,
                        const char    *id,
                        JsonObject    *record,
                        JsonObject    *changes,
                        GError       **error)
{
  g_autofree char *name = NULL;
  const char *parent_id;
  gint64 n;

  if (op == GX_RULE_DELETE)
    {
      n = gx_db_query_int (db, "SELECT count(*) FROM service_factors WHERE parent_id = ?",
                           g_variant_new ("(s)", id), 0, error);
      if (n > 0)
        return refuse (error, "parent_id", _("This factor has parts; move or remove them first."));
      n = gx_db_query_int (db, "SELECT count(*) FROM return_visit_scores WHERE factor_id = ?",
                           g_variant_new ("(s)", id), 0, error);
      if (n > 0)
        return refuse (error, "id", _("Return visits scored this factor, so it stays; rename it or move it instead."));
      return TRUE;
    }

  name = trimmed (json_object_get_string_member_with_default (record, "name", ""));
  if (*name == '\0')
    return refuse (error, "name", _("Give the factor a name."));

  parent_id = json_object_has_member (record, "parent_id") && !json_object_get_null_member (record, "parent_id")
              ? json_object_get_string_member (record, "parent_id") : NULL;
  if (parent_id != NULL && *parent_id != '\0')
    {
      gboolean within = FALSE;

      n = gx_db_query_int (db, "SELECT count(*) FROM service_factors WHERE id = ?",
                           g_variant_new ("(s)", parent_id), 0, error);
      if (n == 0)
        return refuse (error, "parent_id", _("The factor it should be part of does not exist."));
      if (!is_within (db, parent_id, id, &within, error))
        return FALSE;
      if (within)
        return refuse (error, "parent_id", _("A factor cannot be part of itself or of one of its own parts."));
    }

  n = gx_db_query_int (db, "SELECT count(*) FROM service_factors"
                           " WHERE id <> ?1 AND parent_id IS ?2 AND lower (trim (name)) = lower (?3)",
                       g_variant_new ("(smss)", id, parent_id && *parent_id ? parent_id : NULL, name), 0, error);
  if (n > 0)
    return refuse (error, "name", _("There is already a factor of that name here."));

  return TRUE;
}

static gint64
next_position (GxDb        *db,
               const char  *parent_id,
               GError     **error)
{
  return gx_db_query_int (db, "SELECT coalesce (max (position), 0) + 1 FROM service_factors WHERE parent_id IS ?",
                          g_variant_new ("(ms)", parent_id), 1, error);
}

/**
 * gx_service_factor_add:
 * @db: the writer connection, inside a transaction
 * @parent_id: (nullable): the factor it is part of, %NULL for a top-level factor
 * @name: its name
 * @meta: who and when
 * @id: (out) (optional) (transfer full): the new factor's id
 * @error: return location for a #GX_RECORD_ERROR naming the field at fault
 *
 * Adds a factor after its siblings.
 */
gboolean
gx_service_factor_add (GxDb               *db,
                       const char         *parent_id,
                       const char         *name,
                       const GxWriteMeta  *meta,
                       char              **id,
                       GError            **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *new_id = gx_uuid_v7_new_at (meta->now * 1000);
  g_autofree char *clean = trimmed (name);
  g_autoptr(GError) local_error = NULL;
  gint64 position = next_position (db, parent_id, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  json_object_set_string_member (fields, "name", clean);
  if (parent_id != NULL && *parent_id != '\0')
    json_object_set_string_member (fields, "parent_id", parent_id);
  json_object_set_int_member (fields, "position", position);
  if (!gx_record_insert (db, "service_factor", new_id, fields, meta, error))
    return FALSE;

  if (id != NULL)
    *id = g_steal_pointer (&new_id);
  return TRUE;
}

/**
 * gx_service_factor_rename:
 * @db: the writer connection, inside a transaction
 * @id: the factor
 * @name: its new name
 * @meta: who and when
 * @error: return location for a #GError
 */
gboolean
gx_service_factor_rename (GxDb               *db,
                          const char         *id,
                          const char         *name,
                          const GxWriteMeta  *meta,
                          GError            **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *clean = trimmed (name);

  json_object_set_string_member (changes, "name", clean);
  return gx_record_update (db, "service_factor", id, changes, meta, error);
}

/**
 * gx_service_factor_move:
 * @db: the writer connection, inside a transaction
 * @id: the factor
 * @parent_id: (nullable): the factor it becomes part of, %NULL to make it top-level
 * @meta: who and when
 * @error: return location for a #GError
 *
 * Moves a factor, with its parts, under another one, after that one's parts.
 */
gboolean
gx_service_factor_move (GxDb               *db,
                        const char         *id,
                        const char         *parent_id,
                        const GxWriteMeta  *meta,
                        GError            **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) local_error = NULL;
  gint64 position = next_position (db, parent_id, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (parent_id != NULL && *parent_id != '\0')
    json_object_set_string_member (changes, "parent_id", parent_id);
  else
    json_object_set_null_member (changes, "parent_id");
  json_object_set_int_member (changes, "position", position);
  return gx_record_update (db, "service_factor", id, changes, meta, error);
}

/**
 * gx_service_factor_reorder:
 * @db: the writer connection, inside a transaction
 * @id: the factor
 * @direction: -1 to move it before its previous sibling, +1 after its next one
 * @meta: who and when
 * @error: return location for a #GError
 *
 * Swaps a factor with its neighbour among its siblings; at either end nothing changes.
 */
gboolean
gx_service_factor_reorder (GxDb               *db,
                           const char         *id,
                           int                 direction,
                           const GxWriteMeta  *meta,
                           GError            **error)
{
  g_autoptr(GPtrArray) siblings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc, at = -1, other;

  g_return_val_if_fail (direction == -1 || direction == 1, FALSE);

  stmt = gx_db_prepare (db,
                        "SELECT id, position FROM service_factors"
                        " WHERE parent_id IS (SELECT parent_id FROM service_factors WHERE id = ?1)"
                        " ORDER BY position, name",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 position = sqlite3_column_int64 (stmt, 1);

      if (g_strcmp0 (gx_db_column_text (stmt, 0), id) == 0)
        at = (int) siblings->len;
      g_ptr_array_add (siblings, gx_db_dup_column (stmt, 0));
      g_array_append_val (positions, position);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gx_db_set_error (db, error, "service factors");

  if (at < 0)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "id", _("The factor does not exist."));
      return FALSE;
    }
  other = at + direction;
  if (other < 0 || other >= (int) siblings->len)
    return TRUE;

  /* Positions as shown, 1…n, with the two swapped: every sibling whose position changes is
   * written, so equal or missing positions from older data are mended on the way. */
  for (guint i = 0; i < siblings->len; i++)
    {
      gint64 wanted = (int) i == at ? other + 1 : (int) i == other ? at + 1 : (gint64) i + 1;

      if (g_array_index (positions, gint64, i) != wanted)
        {
          g_autoptr(JsonObject) changes = json_object_new ();

          json_object_set_int_member (changes, "position", wanted);
          if (!gx_record_update (db, "service_factor", g_ptr_array_index (siblings, i), changes, meta, error))
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * gx_service_factor_remove:
 * @db: the writer connection, inside a transaction
 * @id: the factor
 * @meta: who and when
 * @error: return location for a #GError saying why it stays
 */
gboolean
gx_service_factor_remove (GxDb               *db,
                          const char         *id,
                          const GxWriteMeta  *meta,
                          GError            **error)
{
  return gx_record_delete (db, "service_factor", id, meta, error);
}
