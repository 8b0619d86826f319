/* gx-case-category.c: the editable list of complaint categories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-case-category"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-case-category.h"
#include "gx-enums.h"
#include "gx-uuid.h"

/* Categories are synced reference data (kind case_category): supervisors add, rename,
 * reorder and retire them; the server lets only supervisors and administrators write them.
 * A category cases or lessons carry is never deleted, only retired: it is no longer offered
 * for new cases, while the cases keep it and the reports still count them under it. The
 * built-in categories show their translated name until someone renames them
 * (gx_vocab_display_name()). gx_case_category_rule() holds on every write, pushed ones
 * included: a name, no two categories that read the same, at least one category left to
 * choose. */

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
 * gx_case_category_free:
 * @category: a category from gx_case_categories_load()
 */
void
gx_case_category_free (GxCaseCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->id);
  g_free (category->name);
  g_free (category);
}

/**
 * gx_case_categories_load:
 * @db: a connection
 * @with_retired: include the categories no longer offered for new cases
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type GxCaseCategory): the categories in their order,
 *   with the number of cases carrying each
 */
GPtrArray *
gx_case_categories_load (GxDb     *db,
                         gboolean  with_retired,
                         GError  **error)
{
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_case_category_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = gx_db_prepare (db,
                        "SELECT g.id, g.name, g.position, g.active,"
                        "       (SELECT count (*) FROM cases k INDEXED BY cases_by_category WHERE k.category_id = g.id)"
                        "  FROM case_categories g"
                        " WHERE g.active = 1 OR ?1"
                        " ORDER BY g.active DESC, g.position, g.name",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, with_retired ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GxCaseCategory *category = g_new0 (GxCaseCategory, 1);

      category->id = gx_db_dup_column (stmt, 0);
      category->name = g_strdup (gx_vocab_display_name (GX_VOCAB_CASE_CATEGORY, category->id,
                                                        gx_db_column_text (stmt, 1)));
      category->position = sqlite3_column_int (stmt, 2);
      category->active = sqlite3_column_int (stmt, 3) != 0;
      category->n_cases = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (categories, category);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "case categories");
      return NULL;
    }

  return g_steal_pointer (&categories);
}

/* Does another category already read as @name, by its stored or its shown name? */
static gboolean
name_taken (GxDb        *db,
            const char  *id,
            const char  *name,
            gboolean    *taken,
            GError     **error)
{
  g_autofree char *wanted = g_utf8_casefold (name, -1);
  sqlite3_stmt *stmt;
  int rc;

  *taken = FALSE;
  stmt = gx_db_prepare (db, "SELECT id, name FROM case_categories WHERE id <> ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id ? id : "", -1, SQLITE_TRANSIENT);
  while (!*taken && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *other_id = gx_db_column_text (stmt, 0);
      g_autofree char *stored = trimmed (gx_db_column_text (stmt, 1));
      g_autofree char *stored_fold = g_utf8_casefold (stored, -1);
      g_autofree char *shown_fold = g_utf8_casefold (gx_vocab_display_name (GX_VOCAB_CASE_CATEGORY, other_id, stored), -1);

      *taken = strcmp (stored_fold, wanted) == 0 || strcmp (shown_fold, wanted) == 0;
    }
  if (*taken)
    rc = SQLITE_DONE;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gx_db_set_error (db, error, "case categories");
  return TRUE;
}

/**
 * gx_case_category_rule:
 *
 * A category has a name no other category reads as; a category cases or lessons carry is
 * retired, never deleted; the last category offered for new cases stays.
 */
gboolean
gx_case_category_rule (GxDb          *db,
                       const GxKind  *kind,
                       GxRuleOp       op,
                       const char    *id,
                       JsonObject    *record,
                       JsonObject    *changes,
                       GError       **error)
{
  g_autofree char *name = NULL;
  gboolean taken = FALSE;
  gint64 n;

  if (op == GX_RULE_DELETE)
    {
      n = gx_db_query_int (db, "SELECT (SELECT count(*) FROM cases WHERE category_id = ?1)"
                               "     + (SELECT count(*) FROM lessons WHERE category_id = ?1)",
                           g_variant_new ("(s)", id), 0, error);
      if (n > 0)
        return refuse (error, "id", _("Cases or lessons carry this category, so it stays; retire it instead."));
      return TRUE;
    }

  name = trimmed (json_object_get_string_member_with_default (record, "name", ""));
  if (*name == '\0')
    return refuse (error, "name", _("Give the category a name."));
  if (g_utf8_strlen (name, -1) > 60)
    return refuse (error, "name", _("Keep the category’s name to 60 characters."));
  if (!name_taken (db, id, name, &taken, error))
    return FALSE;
  if (taken)
    return refuse (error, "name", _("There is already a category of that name."));

  if (json_object_get_int_member_with_default (record, "active", 1) == 0)
    {
      n = gx_db_query_int (db, "SELECT count(*) FROM case_categories WHERE active = 1 AND id <> ?",
                           g_variant_new ("(s)", id), 0, error);
      if (n == 0)
        return refuse (error, "active", _("Keep at least one category to choose for new complaints."));
    }

  return TRUE;
}

/**
 * gx_case_category_add:
 * @db: the writer connection, inside a transaction
 * @name: its name
 * @meta: who and when
 * @id: (out) (optional) (transfer full): the new category's id
 * @error: return location for a #GX_RECORD_ERROR naming the field at fault
 *
 * Adds a category after the others.
 */
gboolean
gx_case_category_add (GxDb               *db,
                      const char         *name,
                      const GxWriteMeta  *meta,
                      char              **id,
                      GError            **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *new_id = gx_uuid_v7_new_at (meta->now * 1000);
  g_autofree char *clean = trimmed (name);
  g_autoptr(GError) local_error = NULL;
  gint64 position = gx_db_query_int (db, "SELECT coalesce (max (position), 0) + 1 FROM case_categories",
                                     NULL, 1, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  json_object_set_string_member (fields, "name", clean);
  json_object_set_int_member (fields, "position", position);
  json_object_set_int_member (fields, "active", 1);
  if (!gx_record_insert (db, "case_category", new_id, fields, meta, error))
    return FALSE;

  if (id != NULL)
    *id = g_steal_pointer (&new_id);
  return TRUE;
}

/**
 * gx_case_category_rename:
 * @db: the writer connection, inside a transaction
 * @id: the category
 * @name: its new name
 * @meta: who and when
 * @error: return location for a #GError
 */
gboolean
gx_case_category_rename (GxDb               *db,
                         const char         *id,
                         const char         *name,
                         const GxWriteMeta  *meta,
                         GError            **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *clean = trimmed (name);

  json_object_set_string_member (changes, "name", clean);
  return gx_record_update (db, "case_category", id, changes, meta, error);
}

/**
 * gx_case_category_set_active:
 * @db: the writer connection, inside a transaction
 * @id: the category
 * @active: %FALSE to retire it (no longer offered for new cases), %TRUE to offer it again
 * @meta: who and when
 * @error: return location for a #GError
 */
gboolean
gx_case_category_set_active (GxDb               *db,
                             const char         *id,
                             gboolean            active,
                             const GxWriteMeta  *meta,
                             GError            **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();

  json_object_set_int_member (changes, "active", active ? 1 : 0);
  if (active)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 position = gx_db_query_int (db, "SELECT coalesce (max (position), 0) + 1 FROM case_categories WHERE active = 1",
                                         NULL, 1, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Offered again, it comes last, as a new one would. */
      json_object_set_int_member (changes, "position", position);
    }
  return gx_record_update (db, "case_category", id, changes, meta, error);
}

/**
 * gx_case_category_reorder:
 * @db: the writer connection, inside a transaction
 * @id: the category
 * @direction: -1 to move it up the list, 1 down
 * @meta: who and when
 * @error: return location for a #GError
 *
 * Swaps a category offered for new cases with its neighbour among those offered.
 */
gboolean
gx_case_category_reorder (GxDb               *db,
                          const char         *id,
                          int                 direction,
                          const GxWriteMeta  *meta,
                          GError            **error)
{
  g_autoptr(GPtrArray) categories = NULL;
  int at = -1, other;

  g_return_val_if_fail (direction == -1 || direction == 1, FALSE);

  categories = gx_case_categories_load (db, FALSE, error);
  if (categories == NULL)
    return FALSE;
  for (guint i = 0; i < categories->len; i++)
    if (g_strcmp0 (((GxCaseCategory *) g_ptr_array_index (categories, i))->id, id) == 0)
      at = (int) i;
  if (at < 0)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "id",
                                 _("The category does not exist or is retired."));
      return FALSE;
    }
  other = at + direction;
  if (other < 0 || other >= (int) categories->len)
    return TRUE;

  /* Positions as shown, 1…n, with the two swapped: every category whose position changes is
   * written, so equal positions from older data are mended on the way. */
  for (guint i = 0; i < categories->len; i++)
    {
      GxCaseCategory *category = g_ptr_array_index (categories, i);
      int wanted = (int) i == at ? other + 1 : (int) i == other ? at + 1 : (int) i + 1;

      if (category->position != wanted)
        {
          g_autoptr(JsonObject) changes = json_object_new ();

          json_object_set_int_member (changes, "position", wanted);
          if (!gx_record_update (db, "case_category", category->id, changes, meta, error))
            return FALSE;
        }
    }
  return TRUE;
}
