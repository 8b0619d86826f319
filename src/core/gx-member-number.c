/* gx-member-number.c: member numbers that two offline desks can never both make
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-member-number"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-membership.h"

/* The pattern (docs/data-model.md, "Member numbers"):
 *
 *     PREFIX YY - DESK - NNNN          e.g.  PB26-K7-0042
 *
 * PREFIX is the club's `number_prefix`, YY the year the member joined (or applied), DESK the
 * code of the desk that enrolled them and NNNN that desk's own sequence for the club and year
 * (four digits, more when needed). Desks enrol offline, so no desk can ask the others which
 * number is next; instead each desk numbers only inside its own DESK part, and two desks with
 * different codes can never make the same number. The server hands out desk codes (two
 * characters, unique per server); a desk that works alone makes itself a four-character code
 * once, which is never one the server hands out. A desk's sequence only ever grows — it is
 * kept in sync_state beside the highest number found in the store — so a number is never made
 * twice even after the membership that had it left this desk. */

#define DESK_ALPHABET "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

/**
 * gx_desk_code_is_valid:
 * @code: (nullable): a desk code
 *
 * Returns: %TRUE for 2 to 4 characters of the desk-code alphabet (digits 2–9 and capital
 *   letters without I and O, which read like 1 and 0)
 */
gboolean
gx_desk_code_is_valid (const char *code)
{
  gsize len;

  if (code == NULL)
    return FALSE;
  len = strlen (code);
  if (len < 2 || len > 4)
    return FALSE;
  for (const char *p = code; *p; p++)
    if (strchr (DESK_ALPHABET, *p) == NULL)
      return FALSE;
  return TRUE;
}

/**
 * gx_desk_set_code:
 * @db: the writer connection, inside a transaction
 * @code: the desk code the server assigned
 * @error: return location for a #GError
 *
 * Sets this desk's code for member numbers. Sync calls it with the code the server hands out
 * at sign-in.
 */
gboolean
gx_desk_set_code (GxDb        *db,
                  const char  *code,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  if (!gx_desk_code_is_valid (code))
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "desk_code", _("Not a valid desk code."));
      return FALSE;
    }

  stmt = gx_db_prepare (db, "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('desk_code', ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  return gx_db_step_done (db, stmt, error);
}

/**
 * gx_desk_dup_code:
 * @db: the writer connection, inside a transaction
 * @error: return location for a #GError
 *
 * Returns: (transfer full): this desk's code; a desk without one makes itself a
 *   four-character code now
 */
char *
gx_desk_dup_code (GxDb    *db,
                  GError **error)
{
  g_autoptr(GError) local_error = NULL;
  char *code;
  char made[5];

  code = gx_db_query_string (db, "SELECT value FROM sync_state WHERE key = 'desk_code'", NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (code != NULL)
    return code;

  for (guint i = 0; i < 4; i++)
    made[i] = DESK_ALPHABET[g_random_int_range (0, (int) strlen (DESK_ALPHABET))];
  made[4] = '\0';
  if (!gx_desk_set_code (db, made, error))
    return NULL;
  return g_strdup (made);
}

/**
 * gx_member_number_format:
 * @prefix: the club's prefix
 * @year: the year of joining
 * @desk_code: the enrolling desk's code
 * @sequence: the desk's sequence number, from 1
 *
 * Returns: (transfer full): the member number, e.g. "PB26-K7-0042"
 */
char *
gx_member_number_format (const char *prefix,
                         int         year,
                         const char *desk_code,
                         guint       sequence)
{
  return g_strdup_printf ("%s%02d-%s-%04u", prefix ? prefix : "", year % 100, desk_code, sequence);
}

/**
 * gx_member_number_next:
 * @db: the writer connection, inside the enrolment's transaction
 * @club_id: the club
 * @joined_on: the day of joining (or applying) 'YYYY-MM-DD'
 * @error: return location for a #GError
 *
 * Makes the next member number of this desk for @club_id and reserves it: the sequence is
 * stored in the same transaction as the membership, so a rolled-back enrolment gives its
 * number back and a committed one never hands it out again.
 *
 * Returns: (transfer full) (nullable): the number
 */
char *
gx_member_number_next (GxDb        *db,
                       const char  *club_id,
                       const char  *joined_on,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *desk = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *head = NULL;
  g_autofree char *key = NULL;
  gint64 highest, kept;
  sqlite3_stmt *stmt;
  int year;

  g_return_val_if_fail (club_id != NULL, NULL);
  g_return_val_if_fail (joined_on != NULL, NULL);

  desk = gx_desk_dup_code (db, error);
  if (desk == NULL)
    return NULL;

  prefix = gx_db_query_string (db, "SELECT number_prefix FROM clubs WHERE id = ?",
                               g_variant_new ("(s)", club_id), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  year = (int) g_ascii_strtoll (joined_on, NULL, 10);
  head = g_strdup_printf ("%s%02d-%s-", prefix ? prefix : "", year % 100, desk);
  key = g_strconcat ("member_seq:", club_id, ":", head, NULL);

  highest = gx_db_query_int (db,
                             "SELECT max (CAST (substr (member_number, length (?2) + 1) AS INTEGER))"
                             "  FROM memberships WHERE club_id = ?1 AND substr (member_number, 1, length (?2)) = ?2",
                             g_variant_new ("(ss)", club_id, head), 0, &local_error);
  if (local_error == NULL)
    kept = gx_db_query_int (db, "SELECT CAST (value AS INTEGER) FROM sync_state WHERE key = ?",
                            g_variant_new ("(s)", key), 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  kept = MAX (kept, highest) + 1;

  stmt = gx_db_prepare (db, "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, kept);
  if (!gx_db_step_done (db, stmt, error))
    return NULL;

  return gx_member_number_format (prefix, year, desk, (guint) kept);
}
