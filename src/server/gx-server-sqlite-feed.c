/* gx-server-sqlite-feed.c: the change feed — what changed since a cursor, as one user sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-server-sqlite"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-enums.h"
#include "gx-record.h"
#include "gx-server-sqlite-private.h"
#include "gx-visibility.h"

/* A page is read in one read transaction, so its records, its cursor and the scope changes
 * in its range agree. The filter is gx_can_see() — the same function the push authorises
 * with — over the customer each record belongs to (and the other end of a link), so a
 * record a user may not see is never read out for them. Tombstones of customers that are
 * gone keep that customer's level and owner. When a customer's level or owner changed
 * inside the page's range, the users who could see it at their cursor and cannot now get a
 * "remove" entry, and those who could not and now can get the customer's whole file. */

#define VISIBLE_SQL                                                                            \
  "(l.customer_id IS NULL OR gx_can_see (?2, ?3, coalesce (c.confidentiality, l.level),"       \
  " coalesce (c.owner_id, l.owner_id)))"                                                       \
  " AND (l.customer2_id IS NULL OR c2.id IS NULL OR gx_can_see (?2, ?3, c2.confidentiality, c2.owner_id))"

#define LOG_JOINS                                                                              \
  " FROM sync_log l LEFT JOIN customers c ON c.id = l.customer_id"                             \
  " LEFT JOIN customers c2 ON c2.id = l.customer2_id"

typedef struct
{
  const GxServerUser *user;
  JsonArray          *changes;
  GHashTable         *sent;       /* "kind/id" already in the page */
  GPtrArray          *reads;      /* customer ids of protected profiles read out */
} Page;

static void
add_entry (GxDb        *db,
           Page        *page,
           gint64       seq,
           const char  *kind_name,
           const char  *id,
           gboolean     deleted)
{
  const GxKind *kind = gx_kind_lookup (kind_name);
  g_autofree char *key = g_strconcat (kind_name, "/", id, NULL);
  g_autoptr(JsonObject) record = NULL;
  JsonObject *entry;

  if (kind == NULL || g_hash_table_contains (page->sent, key))
    return;

  if (!deleted)
    {
      /* A record deleted by a cascade (a customer's contacts with the customer) has no row
       * any more: it goes out as a tombstone. */
      record = gx_record_read (db, kind_name, id, NULL);
      if (record != NULL)
        json_object_remove_member (record, "version");
      deleted = record == NULL;
    }

  entry = json_object_new ();
  json_object_set_string_member (entry, "kind", kind_name);
  json_object_set_string_member (entry, "id", id);
  json_object_set_int_member (entry, "version", seq);
  json_object_set_boolean_member (entry, "deleted", deleted);
  if (record != NULL)
    {
      if (strcmp (kind_name, "customer") == 0)
        {
          const char *level = json_object_get_string_member_with_default (record, "confidentiality", "ordinary");

          if (gx_visibility_is_registered (gx_confidentiality_from_code (level)))
            g_ptr_array_add (page->reads, g_strdup (id));
        }
      json_object_set_object_member (entry, "record", g_steal_pointer (&record));
    }
  else
    json_object_set_null_member (entry, "record");

  json_array_add_object_element (page->changes, entry);
  g_hash_table_add (page->sent, g_steal_pointer (&key));
}

static void
add_remove (Page        *page,
            gint64       seq,
            const char  *customer_id)
{
  JsonObject *entry = json_object_new ();

  json_object_set_string_member (entry, "kind", "customer");
  json_object_set_string_member (entry, "id", customer_id);
  json_object_set_int_member (entry, "version", seq);
  json_object_set_boolean_member (entry, "deleted", TRUE);
  json_object_set_boolean_member (entry, "removed", TRUE);
  json_object_set_null_member (entry, "record");
  json_array_add_object_element (page->changes, entry);
}

static void
bind_user (sqlite3_stmt       *stmt,
           const GxServerUser *user)
{
  sqlite3_bind_text (stmt, 2, gx_role_to_code (user->role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, user->id, -1, SQLITE_TRANSIENT);
}

/* A customer the user now sees and did not at their cursor: send its whole file, the parts
 * that changed before the cursor included (the newer ones are in the feed anyway). */
static gboolean
add_file (GxDb        *db,
          Page        *page,
          const char  *customer_id,
          gint64       since,
          GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = gx_db_prepare (db,
                        "SELECT l.seq, l.kind, l.record_id" LOG_JOINS
                        " WHERE (l.customer_id = ?4 OR l.customer2_id = ?4) AND l.deleted = 0 AND l.seq <= ?1"
                        " AND " VISIBLE_SQL " ORDER BY l.seq",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, since);
  bind_user (stmt, page->user);
  sqlite3_bind_text (stmt, 4, customer_id, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *kind = gx_db_dup_column (stmt, 1);
      g_autofree char *id = gx_db_dup_column (stmt, 2);

      add_entry (db, page, sqlite3_column_int64 (stmt, 0), kind, id, FALSE);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE || gx_db_set_error (db, error, "sync_log");
}

static gboolean
add_scope_changes (GxDb        *db,
                   Page        *page,
                   gint64       since,
                   gint64       until,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) gained = g_ptr_array_new_with_free_func (g_free);
  int rc;

  /* The first scope change after the cursor holds the customer's visibility at the cursor. */
  stmt = gx_db_prepare (db,
                        "SELECT s.seq, s.customer_id, gx_can_see (?3, ?4, s.old_level, s.old_owner_id),"
                        " gx_can_see (?3, ?4, c.confidentiality, c.owner_id)"
                        " FROM scope_log s JOIN customers c ON c.id = s.customer_id"
                        " WHERE s.seq > ?1 AND s.seq <= ?2"
                        " AND s.seq = (SELECT min (seq) FROM scope_log WHERE customer_id = s.customer_id AND seq > ?1)"
                        " ORDER BY s.seq",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, until);
  sqlite3_bind_text (stmt, 3, gx_role_to_code (page->user->role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, page->user->id, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean was = sqlite3_column_int (stmt, 2) != 0;
      gboolean now = sqlite3_column_int (stmt, 3) != 0;

      if (was && !now)
        add_remove (page, sqlite3_column_int64 (stmt, 0), gx_db_column_text (stmt, 1));
      else if (!was && now)
        g_ptr_array_add (gained, gx_db_dup_column (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gx_db_set_error (db, error, "scope_log");

  for (guint i = 0; i < gained->len; i++)
    if (!add_file (db, page, gained->pdata[i], since, error))
      return FALSE;

  return TRUE;
}

static gboolean
audit_reads_cb (GxDb      *db,
                gpointer   user_data,
                GError   **error)
{
  gpointer *data = user_data;
  Page *page = data[0];
  gint64 now = *(gint64 *) data[1];

  for (guint i = 0; i < page->reads->len; i++)
    if (!_gx_server_sqlite_insert_audit (db, &(GxAuditEntry) {
                                           .at = now, .user_id = page->user->id,
                                           .username = page->user->username, .action = "read",
                                           .kind = "customer", .record_id = page->reads->pdata[i],
                                           .customer_id = page->reads->pdata[i], .reason = "sync" },
                                         error))
      return FALSE;

  return TRUE;
}

static gboolean
read_page (GxDb        *db,
           Page        *page,
           gint64       since,
           guint        limit,
           gint64      *cursor,
           gboolean    *more,
           GError     **error)
{
  g_autofree char *purged_text = NULL;
  sqlite3_stmt *stmt;
  gint64 head, purged, last = since;
  guint n = 0;
  int rc;

  head = _gx_server_sqlite_query_head (db);
  purged_text = gx_db_query_string (db, "SELECT value FROM server_state WHERE key = 'purged_through'", NULL, NULL);
  purged = purged_text ? g_ascii_strtoll (purged_text, NULL, 10) : 0;

  if (since > 0 && (since < purged || since > head))
    {
      g_set_error (error, GX_SERVER_ERROR, GX_SERVER_ERROR_RESYNC_REQUIRED,
                   since > head
                   ? _("This desk has synced with another server database. Its records must be fetched again.")
                   : _("This desk has not synced for longer than the server keeps deletions. Its records must be fetched again."));
      return FALSE;
    }

  /* A first sync (since 0) is a snapshot of live rows: no tombstones, no history. */
  stmt = gx_db_prepare (db,
                        "SELECT l.seq, l.kind, l.record_id, l.deleted" LOG_JOINS
                        " WHERE l.seq > ?1 AND (?1 > 0 OR l.deleted = 0) AND " VISIBLE_SQL
                        " ORDER BY l.seq LIMIT ?4",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, since);
  bind_user (stmt, page->user);
  sqlite3_bind_int64 (stmt, 4, (gint64) limit + 1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *kind = NULL;
      g_autofree char *id = NULL;

      if (n == limit)
        {
          *more = TRUE;
          break;
        }

      kind = gx_db_dup_column (stmt, 1);
      id = gx_db_dup_column (stmt, 2);
      last = sqlite3_column_int64 (stmt, 0);
      add_entry (db, page, last, kind, id, sqlite3_column_int (stmt, 3) != 0);
      n++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return gx_db_set_error (db, error, "sync_log");

  /* A last page moves the cursor to the head, past changes this user does not see, so they
   * are not scanned again. */
  *cursor = *more ? last : head;

  if (since > 0)
    return add_scope_changes (db, page, since, *cursor, error);

  return TRUE;
}

JsonObject *
_gx_server_sqlite_changes (GxServerStorage     *storage,
                           const GxServerUser  *user,
                           gint64               since,
                           guint                limit,
                           gint64               now,
                           GError             **error)
{
  GxServerSqlite *self = GX_SERVER_SQLITE (storage);
  g_autoptr(GHashTable) sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) reads = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonArray) changes = json_array_new ();
  Page page = { user, changes, sent, reads };
  JsonObject *result;
  gint64 cursor = since;
  gboolean more = FALSE;
  gboolean ok;
  GxDb *db;

  db = gx_store_acquire_reader (self->store, error);
  if (db == NULL)
    return NULL;

  ok = gx_db_exec (db, "BEGIN", error);
  if (ok)
    {
      ok = read_page (db, &page, since, limit, &cursor, &more, error);
      gx_db_exec (db, ok ? "COMMIT" : "ROLLBACK", NULL);
    }
  gx_store_release_reader (self->store, db);
  if (!ok)
    return NULL;

  /* Every read of a protected profile is in the audit log before the profile leaves. */
  if (reads->len > 0 &&
      !gx_store_write_sync (self->store, audit_reads_cb, (gpointer[]) { &page, &now }, error))
    return NULL;

  result = json_object_new ();
  json_object_set_array_member (result, "changes", g_steal_pointer (&changes));
  json_object_set_int_member (result, "cursor", cursor);
  json_object_set_boolean_member (result, "more", more);
  return result;
}
