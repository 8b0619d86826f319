/* gx-activity.c: places, RSVP and the waitlist, guests, invitations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-activity"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gx-activity-plan.h"
#include "gx-activity-private.h"
#include "gx-activity.h"
#include "gx-customer-filter.h"
#include "gx-enums.h"
#include "gx-uuid.h"
#include "gx-validate.h"

/* The arithmetic of places, in one place:
 *
 * - A party is the invitee and the guests they bring; it takes 1 + guests places.
 * - Accepted parties and parties holding an open offer take places ("held"); tentative and
 *   unanswered invitations do not.
 * - An answer "accepted" that does not fit — or that would jump a waiting line the policy
 *   keeps in order — joins the waitlist, first come, first served by waitlisted_at.
 * - Whenever places are freed (a decline, a cancellation, a guest removed, capacity raised, an
 *   offer lapsing) the waitlist is served in the same transaction: the next party is offered
 *   a place that stays open for the activity's offer_hours (never past its start). An offer
 *   not taken up in time lapses the next time anyone touches the activity — there is no
 *   scheduled job to miss — and the place passes on.
 * - A party larger than the free places is never skipped silently: under 'in_order' it stays
 *   first and nobody behind it is served; under 'first_fit' smaller parties behind it are
 *   served and it keeps its place at the head. The activity page names the policy.
 * - Staff may override (accept beyond capacity or after the registration deadline) only with
 *   a note; the note and the status change land in the change register with who and when. */

/* Helpers shared by the activity files */

const char *
_gx_json_str (JsonObject *object,
              const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;
  node = json_object_get_member (object, name);
  if (JSON_NODE_HOLDS_NULL (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gint64
_gx_json_int (JsonObject *object,
              const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return 0;
  node = json_object_get_member (object, name);
  if (JSON_NODE_HOLDS_NULL (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return 0;
}

gboolean
_gx_json_is_set (JsonObject *object,
                 const char *name)
{
  return object != NULL && json_object_has_member (object, name) &&
         !JSON_NODE_HOLDS_NULL (json_object_get_member (object, name));
}

void
_gx_json_set_int_or_null (JsonObject *object,
                          const char *name,
                          gint64      value)
{
  if (value != 0)
    json_object_set_int_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

void
_gx_activity_fail (GError     **error,
                   const char  *field,
                   const char  *message)
{
  gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, field, message);
}

/* Pure decisions */

/**
 * gx_activity_places_free:
 * @places: how the places stand
 *
 * Returns: the free places, never below 0; %G_MAXINT64 when there is no limit
 */
gint64
gx_activity_places_free (const GxActivityPlaces *places)
{
  g_return_val_if_fail (places != NULL, 0);

  if (places->capacity <= 0)
    return G_MAXINT64;
  return MAX (places->capacity - places->held, 0);
}

/**
 * gx_activity_status_holds_place:
 * @status: (nullable): an invitation status code
 *
 * Returns: whether an invitation in @status takes places: accepted, or offered a place
 */
gboolean
gx_activity_status_holds_place (const char *status)
{
  return g_strcmp0 (status, "accepted") == 0 || g_strcmp0 (status, "offered") == 0;
}

/**
 * gx_activity_new_code:
 *
 * Returns: (transfer full): a new invitation code: eight characters from an alphabet without
 *   look-alikes (no 0/O, 1/I), printed on the letter and typed by a barcode scanner
 */
char *
gx_activity_new_code (void)
{
  static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  char code[9];

  for (guint i = 0; i < 8; i++)
    code[i] = alphabet[g_random_int_range (0, sizeof alphabet - 1)];
  code[8] = '\0';

  return g_strdup (code);
}

/**
 * gx_activity_parse_time:
 * @text: a local date and time as typed: "2026-11-29 09:00", "2026-11-29 9:30" or a date
 *   alone ("2026-11-29", midnight); blank means none
 * @timezone: (nullable): the activity's time zone identifier; Asia/Shanghai when %NULL
 * @when: (out): the instant; 0 for a blank @text
 * @error: return location for a #GError
 *
 * Returns: whether @text is a valid local time in @timezone
 */
gboolean
gx_activity_parse_time (const char  *text,
                        const char  *timezone,
                        gint64      *when,
                        GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (text ? text : ""));
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) local = NULL;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0;
  char tail = 0;
  int n;

  *when = 0;
  if (*clean == '\0')
    return TRUE;

  n = sscanf (clean, "%4d-%2d-%2d %2d:%2d%c", &year, &month, &day, &hour, &minute, &tail);
  if (!(n == 3 || n == 5) || year < 2000 || year > 2100)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Enter a date and time like 2026-11-29 09:30."));
      return FALSE;
    }

  tz = g_time_zone_new_identifier (timezone ? timezone : "Asia/Shanghai");
  if (tz == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The time zone is not known; use a name like Asia/Shanghai."));
      return FALSE;
    }

  local = g_date_time_new (tz, year, month, day, hour, minute, 0);
  if (local == NULL || g_date_time_get_day_of_month (local) != day || g_date_time_get_hour (local) != hour ||
      hour > 23 || minute > 59)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("There is no such date or time."));
      return FALSE;
    }

  *when = g_date_time_to_unix (local);
  return TRUE;
}

/**
 * gx_activity_format_time:
 * @when: an instant; 0 for none
 * @timezone: (nullable): the activity's time zone identifier
 *
 * Returns: (transfer full): @when as gx_activity_parse_time() reads it: "2026-11-29 09:30",
 *   or "" for 0
 */
char *
gx_activity_format_time (gint64      when,
                         const char *timezone)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (when == 0)
    return g_strdup ("");

  tz = g_time_zone_new_identifier (timezone ? timezone : "Asia/Shanghai");
  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  utc = g_date_time_new_from_unix_utc (when);
  local = g_date_time_to_timezone (utc, tz);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/**
 * gx_activity_parse_money:
 * @text: an amount in yuan as typed: "12000", "12,000.50", "¥12 000"; blank means none
 * @fen: (out): the amount in fen; 0 for blank
 * @error: return location for a #GError
 *
 * Returns: whether @text is an amount of money not below zero with at most two decimals
 */
gboolean
gx_activity_parse_money (const char  *text,
                         gint64      *fen,
                         GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *dot = NULL;
  gint64 yuan = 0;
  int cents = 0;

  *fen = 0;
  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ',' || c == ' ' || c == 0xA5 /* ¥ */ || c == 0xFFE5 /* ￥ */ || c == 0x00A0)
        continue;
      if ((c >= '0' && c <= '9') || (c == '.' && strchr (digits->str, '.') == NULL))
        g_string_append_c (digits, (char) c);
      else
        goto invalid;
    }

  if (digits->len == 0)
    return TRUE;

  dot = strchr (digits->str, '.');
  if (dot != NULL && (strlen (dot + 1) > 2 || dot == digits->str))
    goto invalid;
  if ((dot ? (gsize) (dot - digits->str) : digits->len) > 12)
    goto invalid;

  yuan = g_ascii_strtoll (digits->str, NULL, 10);
  if (dot != NULL && dot[1] != '\0')
    cents = (int) g_ascii_strtoll (dot + 1, NULL, 10) * (strlen (dot + 1) == 1 ? 10 : 1);
  *fen = yuan * 100 + cents;
  return TRUE;

invalid:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Enter an amount in yuan, like 12000 or 12,000.50."));
  return FALSE;
}

/**
 * gx_activity_format_money_input:
 * @fen: an amount in fen
 *
 * Returns: (transfer full): the amount as gx_activity_parse_money() reads it: "12000.50"
 */
char *
gx_activity_format_money_input (gint64 fen)
{
  if (fen % 100 == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, fen / 100);
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", fen / 100, (int) (fen % 100));
}

/* Reading */

/**
 * gx_activity_count_places:
 * @db: a connection
 * @activity_id: the activity
 * @places: (out caller-allocates): how its places stand
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success; a #GX_RECORD_ERROR_NOT_FOUND when there is no such activity
 */
gboolean
gx_activity_count_places (GxDb              *db,
                          const char        *activity_id,
                          GxActivityPlaces  *places,
                          GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (activity_id != NULL, FALSE);
  g_return_val_if_fail (places != NULL, FALSE);

  memset (places, 0, sizeof *places);

  stmt = gx_db_prepare (db,
                        "SELECT a.capacity,"
                        "  coalesce (sum (CASE WHEN i.status IN ('accepted', 'offered') THEN p.size END), 0),"
                        "  coalesce (sum (CASE WHEN i.status = 'accepted' THEN p.size END), 0),"
                        "  coalesce (sum (CASE WHEN i.status = 'offered' THEN p.size END), 0),"
                        "  coalesce (sum (CASE WHEN i.status = 'waitlisted' THEN p.size END), 0),"
                        "  count (CASE WHEN i.status = 'waitlisted' THEN 1 END),"
                        "  count (CASE WHEN i.status <> 'cancelled' THEN 1 END),"
                        "  (SELECT count (*) FROM checkins c WHERE c.activity_id = a.id)"
                        " FROM activities a"
                        " LEFT JOIN invitations i ON i.activity_id = a.id"
                        " LEFT JOIN (SELECT i2.id AS invitation_id,"
                        "                   1 + (SELECT count (*) FROM invitation_guests g WHERE g.invitation_id = i2.id) AS size"
                        "              FROM invitations i2 WHERE i2.activity_id = ?1) p ON p.invitation_id = i.id"
                        " WHERE a.id = ?1"
                        " GROUP BY a.id",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, activity_id, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      places->capacity = sqlite3_column_int64 (stmt, 0);
      places->held = sqlite3_column_int64 (stmt, 1);
      places->accepted = sqlite3_column_int64 (stmt, 2);
      places->offered = sqlite3_column_int64 (stmt, 3);
      places->waitlisted = sqlite3_column_int64 (stmt, 4);
      places->waiting_parties = sqlite3_column_int64 (stmt, 5);
      places->invited = sqlite3_column_int64 (stmt, 6);
      places->checked_in = sqlite3_column_int64 (stmt, 7);
    }
  else if (rc == SQLITE_DONE)
    gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "activity_id", _("The activity no longer exists."));
  else
    gx_db_set_error (db, error, "activities");

  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

/**
 * gx_activity_party_size:
 * @db: a connection
 * @invitation_id: an invitation
 *
 * Returns: the places the invitee's party takes: 1 + their guests
 */
gint64
gx_activity_party_size (GxDb       *db,
                        const char *invitation_id)
{
  return 1 + gx_db_query_int (db, "SELECT count (*) FROM invitation_guests WHERE invitation_id = ?",
                              g_variant_new ("(s)", invitation_id), 0, NULL);
}

/**
 * gx_activity_waitlist_position:
 * @db: a connection
 * @invitation_id: a waitlisted invitation
 *
 * Returns: its place in line, from 1; 0 when it is not waiting
 */
int
gx_activity_waitlist_position (GxDb       *db,
                               const char *invitation_id)
{
  return (int) gx_db_query_int (db,
                                "SELECT (SELECT count (*) FROM invitations o"
                                "         WHERE o.activity_id = i.activity_id AND o.status = 'waitlisted'"
                                "           AND (o.waitlisted_at < i.waitlisted_at"
                                "                OR (o.waitlisted_at = i.waitlisted_at AND o.rowid <= i.rowid)))"
                                "  FROM invitations i WHERE i.id = ? AND i.status = 'waitlisted'",
                                g_variant_new ("(s)", invitation_id), 0, NULL);
}

/**
 * gx_activity_dup_policy_text:
 * @db: a connection
 * @activity_id: an activity
 *
 * Returns: (transfer full): the waitlist policy in words, and, when the first in line waits
 *   for more places than are free, who waits for how many: what the activity page shows
 */
char *
gx_activity_dup_policy_text (GxDb       *db,
                             const char *activity_id)
{
  g_autofree char *policy = gx_db_query_string (db, "SELECT waitlist_policy FROM activities WHERE id = ?",
                                                g_variant_new ("(s)", activity_id), NULL);
  g_autofree char *head_name = NULL;
  g_autofree char *head_id = NULL;
  GxActivityPlaces places;
  GString *text = g_string_new (NULL);

  if (g_strcmp0 (policy, "first_fit") == 0)
    g_string_append (text, _("Waitlist: a freed place goes to the first party in line that fits; a larger party keeps its place at the head of the line."));
  else
    g_string_append (text, _("Waitlist: strictly in order; a party larger than the free places stays first in line and nobody behind it is served first."));

  if (!gx_activity_count_places (db, activity_id, &places, NULL) || places.capacity <= 0 || places.waiting_parties == 0)
    return g_string_free (text, FALSE);

  head_id = gx_db_query_string (db,
                                "SELECT id FROM invitations WHERE activity_id = ? AND status = 'waitlisted'"
                                " ORDER BY waitlisted_at, rowid LIMIT 1",
                                g_variant_new ("(s)", activity_id), NULL);
  head_name = gx_db_query_string (db,
                                  "SELECT c.name FROM invitations i JOIN customers c ON c.id = i.customer_id WHERE i.id = ?",
                                  g_variant_new ("(s)", head_id ? head_id : ""), NULL);
  if (head_id != NULL)
    {
      gint64 size = gx_activity_party_size (db, head_id);
      gint64 free_places = gx_activity_places_free (&places);

      if (size > free_places)
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text,
                                  /* Translators: %s is a name; the first %d a party size, the second the free places */
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "First in line: %s, a party of %d, waiting for %d free place.",
                                               "First in line: %s, a party of %d, waiting for %d free places.",
                                               (gulong) size),
                                  head_name ? head_name : "", (int) size, (int) size);
          g_string_append_c (text, ' ');
          g_string_append_printf (text,
                                  g_dngettext (GETTEXT_PACKAGE, "%d place is free now.", "%d places are free now.",
                                               (gulong) free_places),
                                  (int) free_places);
        }
    }

  return g_string_free (text, FALSE);
}

/* Writes */

static JsonObject *
read_record (GxDb        *db,
             const char  *kind,
             const char  *id,
             GError     **error)
{
  return gx_record_read (db, kind, id, error);
}

static gboolean
update_invitation (GxDb              *db,
                   const char        *invitation_id,
                   JsonObject        *changes,
                   const GxWriteMeta *meta,
                   GError           **error)
{
  return gx_record_update (db, "invitation", invitation_id, changes, meta, error);
}

/* The moment an offer made now stops holding its place: offer_hours later, but never after
 * the activity has started. */
static gint64
offer_expiry (JsonObject *activity,
              gint64      now)
{
  gint64 hours = _gx_json_int (activity, "offer_hours");
  gint64 starts_at = _gx_json_int (activity, "starts_at");
  gint64 expires = now + (hours > 0 ? hours : 48) * 3600;

  if (starts_at > now && expires > starts_at)
    expires = starts_at;
  return expires;
}

typedef struct
{
  char   *id;
  gint64  size;
} Party;

static void
party_free (Party *party)
{
  g_free (party->id);
  g_free (party);
}

static GPtrArray *
list_waitlist (GxDb        *db,
               const char  *activity_id,
               GError     **error)
{
  g_autoptr(GPtrArray) parties = g_ptr_array_new_with_free_func ((GDestroyNotify) party_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = gx_db_prepare (db,
                        "SELECT i.id, 1 + (SELECT count (*) FROM invitation_guests g WHERE g.invitation_id = i.id)"
                        "  FROM invitations i WHERE i.activity_id = ? AND i.status = 'waitlisted'"
                        " ORDER BY i.waitlisted_at, i.rowid",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, activity_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Party *party = g_new0 (Party, 1);
      party->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      party->size = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (parties, party);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "invitations");
      return NULL;
    }

  return g_steal_pointer (&parties);
}

/* Offers free places to the waitlist, by the activity's policy. */
static gboolean
promote (GxDb              *db,
         JsonObject        *activity,
         const GxWriteMeta *meta,
         GxActivityOutcome *outcome,
         GError           **error)
{
  const char *activity_id = _gx_json_str (activity, "id");
  gboolean in_order = g_strcmp0 (_gx_json_str (activity, "waitlist_policy"), "first_fit") != 0;
  g_autoptr(GPtrArray) queue = NULL;
  GxActivityPlaces places;
  gint64 free_places;

  if (g_strcmp0 (_gx_json_str (activity, "status"), "cancelled") == 0)
    return TRUE;

  /* Once it has begun the waitlist is closed: a place freed at the door goes to a walk-in,
   * and an offer could no longer be taken up in time. */
  if (_gx_json_is_set (activity, "starts_at") && meta->now >= _gx_json_int (activity, "starts_at"))
    return TRUE;

  if (!gx_activity_count_places (db, activity_id, &places, error))
    return FALSE;
  if (places.waiting_parties == 0)
    return TRUE;

  /* Without a limit nobody waits: everyone in line gets a place. */
  free_places = gx_activity_places_free (&places);
  if (free_places == 0)
    return TRUE;

  if (!(queue = list_waitlist (db, activity_id, error)))
    return FALSE;

  for (guint i = 0; i < queue->len && free_places > 0; i++)
    {
      Party *party = g_ptr_array_index (queue, i);
      g_autoptr(JsonObject) changes = NULL;

      if (party->size > free_places)
        {
          if (in_order)
            break;
          continue;
        }

      changes = json_object_new ();
      json_object_set_string_member (changes, "status", "offered");
      json_object_set_int_member (changes, "offer_expires_at", offer_expiry (activity, meta->now));
      if (!update_invitation (db, party->id, changes, meta, error))
        return FALSE;

      if (free_places != G_MAXINT64)
        free_places -= party->size;
      if (outcome != NULL)
        outcome->offered++;
    }

  return TRUE;
}

typedef struct
{
  char   *id;
  gint64  expired_at;
} LapsedOffer;

static void
lapsed_offer_clear (LapsedOffer *offer)
{
  g_free (offer->id);
}

/* Offers not taken up in time lapse: the invitation is declined and the place passes on. */
static gboolean
lapse_offers (GxDb              *db,
              const char        *activity_id,
              const GxWriteMeta *meta,
              GxActivityOutcome *outcome,
              GError           **error)
{
  g_autoptr(GArray) lapsed = g_array_new (FALSE, TRUE, sizeof (LapsedOffer));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (lapsed, (GDestroyNotify) lapsed_offer_clear);

  stmt = gx_db_prepare (db,
                        "SELECT id, offer_expires_at FROM invitations"
                        " WHERE activity_id = ? AND status = 'offered' AND offer_expires_at <= ?"
                        " ORDER BY offer_expires_at, rowid",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, activity_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, meta->now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LapsedOffer offer = {
        g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        sqlite3_column_int64 (stmt, 1),
      };
      g_array_append_val (lapsed, offer);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gx_db_set_error (db, error, "invitations");

  for (guint i = 0; i < lapsed->len; i++)
    {
      LapsedOffer *offer = &g_array_index (lapsed, LapsedOffer, i);
      g_autoptr(JsonObject) changes = json_object_new ();

      json_object_set_string_member (changes, "status", "declined");
      json_object_set_int_member (changes, "offer_lapsed_at", offer->expired_at);
      json_object_set_null_member (changes, "waitlisted_at");
      if (!update_invitation (db, offer->id, changes, meta, error))
        return FALSE;
      if (outcome != NULL)
        outcome->lapsed++;
    }

  return TRUE;
}

/**
 * gx_activity_sweep:
 * @db: the writer connection, inside a transaction
 * @activity_id: an activity
 * @meta: who and when; `now` decides which offers have lapsed
 * @outcome: (out caller-allocates) (optional): what changed
 * @error: return location for a #GError
 *
 * Lapses offers that were not taken up in time and serves the waitlist from the free places.
 * Every change to an activity's invitations runs it first, and the activity page runs it when
 * it opens: an offer's expiry needs no scheduled job.
 */
gboolean
gx_activity_sweep (GxDb               *db,
                   const char         *activity_id,
                   const GxWriteMeta  *meta,
                   GxActivityOutcome  *outcome,
                   GError            **error)
{
  g_autoptr(JsonObject) activity = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (activity_id != NULL, FALSE);
  g_return_val_if_fail (meta != NULL, FALSE);

  if (!(activity = read_record (db, "activity", activity_id, error)))
    return FALSE;
  json_object_set_string_member (activity, "id", activity_id);

  return lapse_offers (db, activity_id, meta, outcome, error) &&
         promote (db, activity, meta, outcome, error);
}

static JsonObject *
read_activity_of (GxDb        *db,
                  JsonObject  *invitation,
                  GError     **error)
{
  const char *activity_id = _gx_json_str (invitation, "activity_id");
  JsonObject *activity = read_record (db, "activity", activity_id, error);

  if (activity != NULL)
    json_object_set_string_member (activity, "id", activity_id);
  return activity;
}

static gboolean
refuse_if_closed (JsonObject  *activity,
                  GError     **error)
{
  const char *status = _gx_json_str (activity, "status");

  if (g_strcmp0 (status, "cancelled") == 0)
    {
      _gx_activity_fail (error, "activity_id", _("The activity was cancelled."));
      return FALSE;
    }
  if (g_strcmp0 (status, "evaluated") == 0)
    {
      _gx_activity_fail (error, "activity_id", _("The activity is over and evaluated; its invitations are closed."));
      return FALSE;
    }
  return TRUE;
}

/**
 * gx_activity_respond:
 * @db: the writer connection, inside a transaction
 * @invitation_id: the invitation
 * @status: the answer: "accepted", "declined", "tentative", "invited" (no answer) or
 *   "cancelled"
 * @meta: who and when
 * @outcome: (out caller-allocates) (optional): the resulting status and who was offered a
 *   place
 * @error: return location for a #GError naming the field at fault
 *
 * Records an invitee's answer. "accepted" takes places when the party fits and nobody the
 * policy puts first is waiting, and joins the waitlist otherwise; an answer that frees places
 * offers them to the waitlist in the same transaction. After the registration deadline a new
 * acceptance is refused (an override may still accept).
 */
gboolean
gx_activity_respond (GxDb               *db,
                     const char         *invitation_id,
                     const char         *status,
                     const GxWriteMeta  *meta,
                     GxActivityOutcome  *outcome,
                     GError            **error)
{
  g_autoptr(JsonObject) invitation = NULL;
  g_autoptr(JsonObject) activity = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  GxActivityOutcome local_outcome = { 0 };
  const char *current;
  const char *result = status;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (invitation_id != NULL, FALSE);
  g_return_val_if_fail (meta != NULL, FALSE);

  if (outcome == NULL)
    outcome = &local_outcome;
  memset (outcome, 0, sizeof *outcome);

  if (g_strcmp0 (status, "accepted") != 0 && g_strcmp0 (status, "declined") != 0 &&
      g_strcmp0 (status, "tentative") != 0 && g_strcmp0 (status, "invited") != 0 &&
      g_strcmp0 (status, "cancelled") != 0)
    {
      _gx_activity_fail (error, "status", _("An answer is accepted, declined, tentative, no answer or cancelled."));
      return FALSE;
    }

  if (!(invitation = read_record (db, "invitation", invitation_id, error)) ||
      !(activity = read_activity_of (db, invitation, error)) ||
      !refuse_if_closed (activity, error))
    return FALSE;

  /* Lapsed offers go first: an answer to an offer that has run out is a new answer. */
  if (!lapse_offers (db, _gx_json_str (activity, "id"), meta, outcome, error))
    return FALSE;
  g_clear_pointer (&invitation, json_object_unref);
  if (!(invitation = read_record (db, "invitation", invitation_id, error)))
    return FALSE;
  current = _gx_json_str (invitation, "status");

  if (g_strcmp0 (status, current) == 0)
    {
      outcome->status = g_intern_string (current);
      return promote (db, activity, meta, outcome, error);
    }

  if (g_strcmp0 (status, "accepted") == 0)
    {
      if (g_strcmp0 (current, "offered") == 0)
        result = "accepted";
      else if (g_strcmp0 (current, "waitlisted") == 0)
        result = "waitlisted";   /* they said yes already; they keep their place in line */
      else
        {
          gint64 deadline = _gx_json_int (activity, "registration_deadline");
          gboolean first_fit = g_strcmp0 (_gx_json_str (activity, "waitlist_policy"), "first_fit") == 0;
          GxActivityPlaces places;
          gint64 size;

          if (deadline != 0 && meta->now > deadline)
            {
              _gx_activity_fail (error, "status",
                                 _("Registration has closed for this activity. Record an override with a reason to accept anyway."));
              return FALSE;
            }

          if (!gx_activity_count_places (db, _gx_json_str (activity, "id"), &places, error))
            return FALSE;
          size = gx_activity_party_size (db, invitation_id);

          if (size <= gx_activity_places_free (&places) && (places.waiting_parties == 0 || first_fit))
            result = "accepted";
          else
            result = "waitlisted";
        }
    }

  json_object_set_string_member (changes, "status", result);
  json_object_set_int_member (changes, "responded_at", meta->now);
  if (g_strcmp0 (result, "waitlisted") == 0)
    {
      if (!_gx_json_is_set (invitation, "waitlisted_at"))
        json_object_set_int_member (changes, "waitlisted_at", meta->now);
    }
  else
    json_object_set_null_member (changes, "waitlisted_at");
  if (g_strcmp0 (result, "offered") != 0)
    json_object_set_null_member (changes, "offer_expires_at");

  if (!update_invitation (db, invitation_id, changes, meta, error))
    return FALSE;

  outcome->status = g_intern_string (result);
  return promote (db, activity, meta, outcome, error);
}

/**
 * gx_activity_override:
 * @db: the writer connection, inside a transaction
 * @invitation_id: the invitation
 * @status: the status to set: "accepted" beyond capacity or after the deadline,
 *   "waitlisted", "declined", "tentative", "invited" or "cancelled"
 * @note: why: required, kept on the invitation and in the change register
 * @meta: who and when
 * @outcome: (out caller-allocates) (optional): the resulting status and who was offered a
 *   place
 * @error: return location for a #GError naming the field at fault
 *
 * A manual override by staff, recorded with its reason.
 */
gboolean
gx_activity_override (GxDb               *db,
                      const char         *invitation_id,
                      const char         *status,
                      const char         *note,
                      const GxWriteMeta  *meta,
                      GxActivityOutcome  *outcome,
                      GError            **error)
{
  g_autoptr(JsonObject) invitation = NULL;
  g_autoptr(JsonObject) activity = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *reason = g_strstrip (g_strdup (note ? note : ""));
  GxActivityOutcome local_outcome = { 0 };

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (invitation_id != NULL, FALSE);
  g_return_val_if_fail (meta != NULL, FALSE);

  if (outcome == NULL)
    outcome = &local_outcome;
  memset (outcome, 0, sizeof *outcome);

  if (*reason == '\0')
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_REQUIRED, "override_note",
                                 _("Say why: an override is recorded with its reason."));
      return FALSE;
    }
  if (!gx_vocab_contains (GX_VOCAB_RSVP, status) || g_strcmp0 (status, "offered") == 0)
    {
      _gx_activity_fail (error, "status", _("Choose the status the override sets."));
      return FALSE;
    }

  if (!(invitation = read_record (db, "invitation", invitation_id, error)) ||
      !(activity = read_activity_of (db, invitation, error)) ||
      !refuse_if_closed (activity, error))
    return FALSE;

  json_object_set_string_member (changes, "status", status);
  json_object_set_string_member (changes, "override_note", reason);
  json_object_set_int_member (changes, "responded_at", meta->now);
  if (g_strcmp0 (status, "waitlisted") == 0)
    {
      if (!_gx_json_is_set (invitation, "waitlisted_at") ||
          g_strcmp0 (_gx_json_str (invitation, "status"), "waitlisted") != 0)
        json_object_set_int_member (changes, "waitlisted_at", meta->now);
    }
  else
    json_object_set_null_member (changes, "waitlisted_at");
  json_object_set_null_member (changes, "offer_expires_at");

  if (!update_invitation (db, invitation_id, changes, meta, error))
    return FALSE;

  outcome->status = g_intern_string (status);
  return promote (db, activity, meta, outcome, error);
}

/**
 * gx_activity_invite:
 * @db: the writer connection, inside a transaction
 * @activity_id: the activity
 * @customer_id: the customer invited
 * @meta: who and when
 * @invitation_id: (out) (optional) (transfer full): the new invitation's id
 * @error: return location for a #GError
 *
 * Invites a customer, with a new code for the letter. Inviting someone twice is refused.
 */
gboolean
gx_activity_invite (GxDb               *db,
                    const char         *activity_id,
                    const char         *customer_id,
                    const GxWriteMeta  *meta,
                    char              **invitation_id,
                    GError            **error)
{
  g_autoptr(JsonObject) activity = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *id = NULL;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (activity_id != NULL, FALSE);
  g_return_val_if_fail (customer_id != NULL, FALSE);

  if (!(activity = read_record (db, "activity", activity_id, error)) || !refuse_if_closed (activity, error))
    return FALSE;

  name = gx_db_query_string (db, "SELECT name FROM customers WHERE id = ? AND archived_at IS NULL",
                             g_variant_new ("(s)", customer_id), NULL);
  if (name == NULL)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "customer_id",
                                 _("The customer is not in the archive."));
      return FALSE;
    }

  if (gx_db_query_int (db, "SELECT count (*) FROM invitations WHERE activity_id = ? AND customer_id = ?",
                       g_variant_new ("(ss)", activity_id, customer_id), 0, NULL) > 0)
    {
      g_autofree char *message = g_strdup_printf (_("%s is invited already."), name);
      gx_record_set_field_error (error, GX_RECORD_ERROR_EXISTS, "customer_id", message);
      return FALSE;
    }

  /* Codes are random, so two desks inviting offline do not collide in practice; one that
   * exists here is drawn again. */
  do
    {
      g_free (code);
      code = gx_activity_new_code ();
    }
  while (gx_db_query_int (db, "SELECT count (*) FROM invitations WHERE code = ?",
                          g_variant_new ("(s)", code), 0, NULL) > 0);

  id = gx_uuid_v7_new_at (meta->now * 1000);
  json_object_set_string_member (fields, "activity_id", activity_id);
  json_object_set_string_member (fields, "customer_id", customer_id);
  json_object_set_string_member (fields, "status", "invited");
  json_object_set_string_member (fields, "code", code);
  json_object_set_int_member (fields, "invited_at", meta->now);
  if (!gx_record_insert (db, "invitation", id, fields, meta, error))
    return FALSE;

  if (invitation_id != NULL)
    *invitation_id = g_steal_pointer (&id);
  return TRUE;
}

/* The customers of @activity's target group who are not invited yet, by name: a statement
 * ready to step whose first column is the customer's id (or, with @count, one row with how
 * many). The target group is a saved customer filter when the activity names one, else the
 * current members of its club, narrowed by its target circle, tier and interest. */
static sqlite3_stmt *
prepare_target_group (GxDb        *db,
                      JsonObject  *activity,
                      const char  *activity_id,
                      gint64       now,
                      gboolean     count,
                      GError     **error)
{
  const char *filter_id = _gx_json_str (activity, "target_filter_id");
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (_gx_json_str (activity, "timezone") ? _gx_json_str (activity, "timezone")
                                                                                           : "Asia/Shanghai");
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) there = NULL;
  g_autofree char *today = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();
  there = g_date_time_to_timezone (local, tz);
  today = g_date_time_format (there, "%Y-%m-%d");

  if (filter_id != NULL)
    {
      g_autofree char *filter = gx_db_query_string (db, "SELECT filter FROM customer_filters WHERE id = ?",
                                                    g_variant_new ("(s)", filter_id), NULL);
      g_autoptr(GVariant) params = NULL;
      g_autofree char *keys = NULL;

      if (filter == NULL)
        {
          gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "target_filter_id",
                                     _("The saved customer filter of the target group no longer exists."));
          return NULL;
        }
      keys = gx_customer_filter_keys_sql (db, filter, g_date_time_get_month (there), &params);
      sql = g_strdup_printf ("SELECT %s FROM customers c WHERE c.rowid IN (%s)"
                             " AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.activity_id = :activity"
                             "                 AND i.customer_id = c.id)%s",
                             count ? "count (*)" : "c.id", keys, count ? "" : " ORDER BY c.sort_key");
      if (!(stmt = gx_db_prepare (db, sql, error)))
        return NULL;
      if (!gx_db_bind_variant (stmt, params, error))
        return NULL;
      sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":activity"), activity_id, -1, SQLITE_TRANSIENT);
      return stmt;
    }

  if (_gx_json_str (activity, "club_id") == NULL)
    {
      _gx_activity_fail (error, "club_id", _("Choose the club whose members are the target group."));
      return NULL;
    }

  sql = g_strdup_printf ("SELECT %s FROM memberships m JOIN customers c ON c.id = m.customer_id"
                         " WHERE m.club_id = ?1 AND m.joined_on IS NOT NULL AND m.cancelled_on IS NULL"
                         "   AND (m.suspended_until IS NULL OR m.suspended_until < ?5)"
                         "   AND c.archived_at IS NULL"
                         "   AND (?2 IS NULL OR EXISTS (SELECT 1 FROM membership_circles mc"
                         "                              WHERE mc.membership_id = m.id AND mc.circle_id = ?2))"
                         "   AND (?3 IS NULL OR m.tier_id = ?3)"
                         "   AND (?4 IS NULL OR EXISTS (SELECT 1 FROM customer_interests ci"
                         "                              WHERE ci.customer_id = m.customer_id AND ci.interest = ?4))"
                         "   AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.activity_id = ?6 AND i.customer_id = m.customer_id)"
                         "%s",
                         count ? "count (*)" : "m.customer_id", count ? "" : " ORDER BY c.sort_key");
  if (!(stmt = gx_db_prepare (db, sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, _gx_json_str (activity, "club_id"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, _gx_json_str (activity, "target_circle_id"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, _gx_json_str (activity, "target_tier_id"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, _gx_json_str (activity, "target_interest"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, activity_id, -1, SQLITE_TRANSIENT);
  return stmt;
}

/**
 * gx_activity_count_target_group:
 * @db: a connection
 * @activity_id: the activity
 * @now: the current time
 * @error: return location for a #GError naming the field at fault
 *
 * Returns: how many of the activity's target group are not invited yet, or -1 on error (no
 *   club and no saved filter, or the filter was deleted)
 */
gint64
gx_activity_count_target_group (GxDb        *db,
                                const char  *activity_id,
                                gint64       now,
                                GError     **error)
{
  g_autoptr(JsonObject) activity = NULL;
  sqlite3_stmt *stmt;
  gint64 n = -1;
  int rc;

  g_return_val_if_fail (db != NULL, -1);
  g_return_val_if_fail (activity_id != NULL, -1);

  if (!(activity = read_record (db, "activity", activity_id, error)))
    return -1;
  if (!(stmt = prepare_target_group (db, activity, activity_id, now, TRUE, error)))
    return -1;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      gx_db_set_error (db, error, "customers");
      return -1;
    }
  return n;
}

typedef struct
{
  char   *activity_id;
  gint64  now;
} CountRequest;

static void
count_request_free (gpointer data)
{
  CountRequest *request = data;

  g_free (request->activity_id);
  g_free (request);
}

static void
count_target_group_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  CountRequest *request = task_data;
  GError *error = NULL;
  GxDb *db;
  gint64 n;

  if (!(db = gx_store_acquire_reader (GX_STORE (source_object), &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  gx_db_set_cancellable (db, cancellable);
  n = gx_activity_count_target_group (db, request->activity_id, request->now, &error);
  gx_db_set_cancellable (db, NULL);
  gx_store_release_reader (GX_STORE (source_object), db);

  if (n < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, n);
}

/**
 * gx_activity_count_target_group_async:
 * @store: a #GxStore
 * @activity_id: the activity
 * @now: the current time
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when counted
 * @user_data: data for @callback
 *
 * Counts as gx_activity_count_target_group() does, on a worker thread and its own read
 * connection: a saved filter can match a good part of a million customers.
 */
void
gx_activity_count_target_group_async (GxStore             *store,
                                      const char          *activity_id,
                                      gint64               now,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CountRequest *request;

  g_return_if_fail (GX_IS_STORE (store));
  g_return_if_fail (activity_id != NULL);

  request = g_new0 (CountRequest, 1);
  request->activity_id = g_strdup (activity_id);
  request->now = now;
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, gx_activity_count_target_group_async);
  g_task_set_task_data (task, request, count_request_free);
  g_task_run_in_thread (task, count_target_group_thread);
}

/**
 * gx_activity_count_target_group_finish:
 * @store: a #GxStore
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: how many of the target group are not invited yet, or -1 on error
 */
gint64
gx_activity_count_target_group_finish (GxStore       *store,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

/**
 * _gx_activity_target_group_ids:
 * @db: a connection
 * @activity_id: the activity
 * @now: the current time
 * @error: return location for a #GError naming the field at fault
 *
 * Returns: (transfer container) (element-type utf8) (nullable): the ids of the target group's
 *   customers not invited yet, in name order; %NULL on error
 */
GPtrArray *
_gx_activity_target_group_ids (GxDb        *db,
                               const char  *activity_id,
                               gint64       now,
                               GError     **error)
{
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) activity = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(activity = read_record (db, "activity", activity_id, error)) || !refuse_if_closed (activity, error))
    return NULL;
  if (!(stmt = prepare_target_group (db, activity, activity_id, now, FALSE, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (customers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "customers");
      return NULL;
    }
  return g_steal_pointer (&customers);
}

/**
 * gx_activity_invite_customers:
 * @db: the writer connection, inside a transaction
 * @activity_id: the activity
 * @customer_ids: (array length=n_customers): customers to invite
 * @n_customers: how many
 * @meta: who and when
 * @n_invited: (out) (optional): how many were invited; customers invited already (by another
 *   desk or a colleague meanwhile) or no longer in the archive are passed over
 * @error: return location for a #GError
 *
 * Invites many customers at once, as a target group is: the activity is read and checked
 * once, not once per invitation, and each invitation goes through the record layer (its
 * rules, its outbox row) like any other.
 */
gboolean
gx_activity_invite_customers (GxDb               *db,
                              const char         *activity_id,
                              const char * const *customer_ids,
                              guint               n_customers,
                              const GxWriteMeta  *meta,
                              guint              *n_invited,
                              GError            **error)
{
  g_autoptr(JsonObject) activity = NULL;
  sqlite3_stmt *invitable;
  guint n = 0;

  if (n_invited != NULL)
    *n_invited = 0;
  if (!(activity = read_record (db, "activity", activity_id, error)) || !refuse_if_closed (activity, error))
    return FALSE;

  invitable = gx_db_prepare (db,
                             "SELECT 1 FROM customers c WHERE c.id = ?1 AND c.archived_at IS NULL"
                             " AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.activity_id = ?2 AND i.customer_id = c.id)",
                             error);
  if (invitable == NULL)
    return FALSE;

  for (guint k = 0; k < n_customers; k++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autofree char *id = NULL;
      g_autofree char *code = NULL;
      int rc;

      sqlite3_bind_text (invitable, 1, customer_ids[k], -1, SQLITE_STATIC);
      sqlite3_bind_text (invitable, 2, activity_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (invitable);
      sqlite3_reset (invitable);
      sqlite3_clear_bindings (invitable);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return gx_db_set_error (db, error, "invitations");
      if (rc == SQLITE_DONE)
        continue;

      do
        {
          g_free (code);
          code = gx_activity_new_code ();
        }
      while (gx_db_query_int (db, "SELECT count (*) FROM invitations WHERE code = ?",
                              g_variant_new ("(s)", code), 0, NULL) > 0);

      id = gx_uuid_v7_new_at (meta->now * 1000);
      json_object_set_string_member (fields, "activity_id", activity_id);
      json_object_set_string_member (fields, "customer_id", customer_ids[k]);
      json_object_set_string_member (fields, "status", "invited");
      json_object_set_string_member (fields, "code", code);
      json_object_set_int_member (fields, "invited_at", meta->now);
      if (!gx_record_insert (db, "invitation", id, fields, meta, error))
        return FALSE;
      n++;
    }

  if (n_invited != NULL)
    *n_invited = n;
  return TRUE;
}

/**
 * gx_activity_invite_target_group:
 * @db: the writer connection, inside a transaction
 * @activity_id: the activity
 * @meta: who and when
 * @n_invited: (out) (optional): how many were invited
 * @error: return location for a #GError naming the field at fault
 *
 * Invites, in the caller's one transaction, everyone of the activity's target group who is
 * not invited yet. For a large group prefer gx_activity_invite_target_group_async(), which
 * works off the main thread in steps, says how far it got, and can be stopped.
 */
gboolean
gx_activity_invite_target_group (GxDb               *db,
                                 const char         *activity_id,
                                 const GxWriteMeta  *meta,
                                 guint              *n_invited,
                                 GError            **error)
{
  g_autoptr(GPtrArray) customers = _gx_activity_target_group_ids (db, activity_id, meta->now, error);

  if (n_invited != NULL)
    *n_invited = 0;
  if (customers == NULL)
    return FALSE;
  return gx_activity_invite_customers (db, activity_id, (const char * const *) customers->pdata, customers->len,
                                       meta, n_invited, error);
}

/* Guests */

static char *
find_customer_by_phone (GxDb       *db,
                        const char *phone)
{
  if (phone == NULL || *phone == '\0')
    return NULL;

  return gx_db_query_string (db,
                             "SELECT cc.customer_id FROM customer_contacts cc JOIN customers c ON c.id = cc.customer_id"
                             " WHERE cc.value = ? AND cc.kind IN ('mobile', 'landline') AND c.archived_at IS NULL"
                             " ORDER BY cc.is_primary DESC LIMIT 1",
                             g_variant_new ("(s)", phone), NULL);
}

/* A prospect's customer number: "P" and the last ten hex digits of its time-ordered id (its
 * random part), unique across desks that record prospects offline at the same time. */
static char *
prospect_number (const char *customer_id)
{
  GString *number = g_string_new (NULL);

  for (const char *p = customer_id + strlen (customer_id); p > customer_id && number->len < 10; p--)
    if (p[-1] != '-')
      g_string_prepend_c (number, g_ascii_toupper (p[-1]));
  g_string_prepend_c (number, 'P');

  return g_string_free (number, FALSE);
}

/**
 * _gx_activity_ensure_prospect:
 * @db: the writer connection
 * @name: the person's name
 * @phone: (nullable): their phone, normalised
 * @owner_id: (nullable): the relationship manager who will follow them up
 * @meta: who and when
 * @customer_id: (out) (transfer full): the customer found by phone, or the new prospect
 * @created: (out) (optional): whether a new prospect was made
 * @error: return location for a #GError
 *
 * Finds a person in the archive by phone, or records them as a prospect.
 */
gboolean
_gx_activity_ensure_prospect (GxDb               *db,
                              const char         *name,
                              const char         *phone,
                              const char         *owner_id,
                              const GxWriteMeta  *meta,
                              char              **customer_id,
                              gboolean           *created,
                              GError            **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *id = NULL;
  g_autofree char *number = NULL;

  if (created != NULL)
    *created = FALSE;

  if ((id = find_customer_by_phone (db, phone)) != NULL)
    {
      *customer_id = g_steal_pointer (&id);
      return TRUE;
    }

  id = gx_uuid_v7_new_at (meta->now * 1000);
  number = prospect_number (id);
  json_object_set_string_member (fields, "number", number);
  json_object_set_string_member (fields, "name", name);
  json_object_set_string_member (fields, "kind", "individual");
  json_object_set_string_member (fields, "stage", "prospect");
  if (owner_id != NULL)
    json_object_set_string_member (fields, "owner_id", owner_id);
  json_object_set_int_member (fields, "created_at", meta->now);
  json_object_set_int_member (fields, "updated_at", meta->now);
  if (!gx_record_insert (db, "customer", id, fields, meta, error))
    return FALSE;

  if (phone != NULL && *phone != '\0')
    {
      g_autoptr(JsonObject) contact = json_object_new ();
      g_autofree char *contact_id = gx_uuid_v7_new_at (meta->now * 1000);

      json_object_set_string_member (contact, "customer_id", id);
      json_object_set_string_member (contact, "kind", phone[0] == '1' ? "mobile" : "landline");
      json_object_set_string_member (contact, "value", phone);
      json_object_set_int_member (contact, "is_primary", 1);
      if (!gx_record_insert (db, "customer_contact", contact_id, contact, meta, error))
        return FALSE;
    }

  if (created != NULL)
    *created = TRUE;
  *customer_id = g_steal_pointer (&id);
  return TRUE;
}

static gboolean
ensure_link (GxDb              *db,
             const char        *from_id,
             const char        *to_id,
             const char        *kind,
             const char        *relation,
             const char        *note,
             const GxWriteMeta *meta,
             GError           **error)
{
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *id = NULL;

  if (gx_db_query_int (db, "SELECT count (*) FROM customer_links WHERE customer_id = ? AND other_id = ? AND kind = ?",
                       g_variant_new ("(sss)", from_id, to_id, kind), 0, NULL) > 0)
    return TRUE;

  fields = json_object_new ();
  id = gx_uuid_v7_new_at (meta->now * 1000);
  json_object_set_string_member (fields, "customer_id", from_id);
  json_object_set_string_member (fields, "other_id", to_id);
  json_object_set_string_member (fields, "kind", kind);
  json_object_set_string_member (fields, "relation", relation);
  json_object_set_string_member (fields, "note", note ? note : "");
  json_object_set_int_member (fields, "created_at", meta->now);
  return gx_record_insert (db, "customer_link", id, fields, meta, error);
}

/**
 * gx_activity_add_guest:
 * @db: the writer connection, inside a transaction
 * @invitation_id: the invitee's invitation
 * @name: the guest's name
 * @phone: (nullable): the guest's phone
 * @relation: how the guest relates to the invitee: friend, spouse, child, parent, colleague,
 *   other
 * @meta: who and when
 * @guest_id: (out) (optional) (transfer full): the new guest's id
 * @error: return location for a #GError naming the field at fault
 *
 * Adds a guest to an invitee's party. The guest is found in the archive by phone or recorded
 * as a prospect owned by the member's relationship manager, with the member as referrer
 * (a referral link; a family link too for spouse, child and parent). A party that holds its
 * places grows only into free places.
 */
gboolean
gx_activity_add_guest (GxDb               *db,
                       const char         *invitation_id,
                       const char         *name,
                       const char         *phone,
                       const char         *relation,
                       const GxWriteMeta  *meta,
                       char              **guest_id,
                       GError            **error)
{
  g_autoptr(JsonObject) invitation = NULL;
  g_autoptr(JsonObject) activity = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *clean_name = g_strstrip (g_strdup (name ? name : ""));
  g_autofree char *clean_phone = NULL;
  g_autofree char *prospect_id = NULL;
  g_autofree char *owner_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GError) phone_error = NULL;
  const char *member_id;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (invitation_id != NULL, FALSE);

  if (*clean_name == '\0')
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_REQUIRED, "name", _("Enter the guest’s name."));
      return FALSE;
    }
  if (phone != NULL && *phone != '\0')
    {
      if (!gx_validate_phone (phone, &phone_error))
        {
          _gx_activity_fail (error, "phone", phone_error->message);
          return FALSE;
        }
      clean_phone = gx_phone_normalize (phone);
    }
  if (!gx_vocab_contains (GX_VOCAB_GUEST_RELATION, relation))
    {
      _gx_activity_fail (error, "relation", _("Choose how the guest relates to the invitee."));
      return FALSE;
    }

  if (!(invitation = read_record (db, "invitation", invitation_id, error)) ||
      !(activity = read_activity_of (db, invitation, error)) ||
      !refuse_if_closed (activity, error))
    return FALSE;
  member_id = _gx_json_str (invitation, "customer_id");

  if (clean_phone != NULL)
    {
      g_autofree char *same = find_customer_by_phone (db, clean_phone);

      if (g_strcmp0 (same, member_id) == 0)
        {
          _gx_activity_fail (error, "phone", _("This is the invitee’s own phone number."));
          return FALSE;
        }
      if (gx_db_query_int (db, "SELECT count (*) FROM invitation_guests g JOIN invitations i ON i.id = g.invitation_id"
                               " WHERE i.activity_id = ? AND g.phone = ?",
                           g_variant_new ("(ss)", _gx_json_str (activity, "id"), clean_phone), 0, NULL) > 0)
        {
          _gx_activity_fail (error, "phone", _("A guest with this phone number is on the list already."));
          return FALSE;
        }
    }

  owner_id = gx_db_query_string (db, "SELECT owner_id FROM customers WHERE id = ?",
                                 g_variant_new ("(s)", member_id), NULL);
  if (!_gx_activity_ensure_prospect (db, clean_name, clean_phone, owner_id, meta, &prospect_id, NULL, error))
    return FALSE;
  if (g_strcmp0 (prospect_id, member_id) == 0)
    {
      _gx_activity_fail (error, "phone", _("This is the invitee’s own phone number."));
      return FALSE;
    }

  /* The member introduced the guest: the referral the club hopes for. */
  note = g_strdup (_gx_json_str (activity, "title"));
  if (!ensure_link (db, member_id, prospect_id, "referral", relation, note, meta, error))
    return FALSE;
  if ((g_strcmp0 (relation, "spouse") == 0 || g_strcmp0 (relation, "child") == 0 ||
       g_strcmp0 (relation, "parent") == 0) &&
      !ensure_link (db, member_id, prospect_id, "family", relation, "", meta, error))
    return FALSE;

  id = gx_uuid_v7_new_at (meta->now * 1000);
  json_object_set_string_member (fields, "invitation_id", invitation_id);
  json_object_set_string_member (fields, "name", clean_name);
  json_object_set_string_member (fields, "phone", clean_phone ? clean_phone : "");
  json_object_set_string_member (fields, "relation", relation);
  json_object_set_string_member (fields, "prospect_id", prospect_id);
  if (!gx_record_insert (db, "invitation_guest", id, fields, meta, error))
    return FALSE;

  if (guest_id != NULL)
    *guest_id = g_steal_pointer (&id);
  return TRUE;
}

/**
 * gx_activity_remove_guest:
 * @db: the writer connection, inside a transaction
 * @guest_id: the guest
 * @meta: who and when
 * @outcome: (out caller-allocates) (optional): who was offered the freed place
 * @error: return location for a #GError
 *
 * Takes a guest off a party (they stay in the archive as a prospect). A guest who checked in
 * stays. The freed place goes to the waitlist.
 */
gboolean
gx_activity_remove_guest (GxDb               *db,
                          const char         *guest_id,
                          const GxWriteMeta  *meta,
                          GxActivityOutcome  *outcome,
                          GError            **error)
{
  g_autoptr(JsonObject) guest = NULL;
  g_autoptr(JsonObject) invitation = NULL;
  g_autoptr(JsonObject) activity = NULL;
  GxActivityOutcome local_outcome = { 0 };

  if (outcome == NULL)
    outcome = &local_outcome;
  memset (outcome, 0, sizeof *outcome);

  if (!(guest = read_record (db, "invitation_guest", guest_id, error)) ||
      !(invitation = read_record (db, "invitation", _gx_json_str (guest, "invitation_id"), error)) ||
      !(activity = read_activity_of (db, invitation, error)))
    return FALSE;

  if (gx_db_query_int (db, "SELECT count (*) FROM checkins WHERE guest_id = ?",
                       g_variant_new ("(s)", guest_id), 0, NULL) > 0)
    {
      _gx_activity_fail (error, "guest_id", _("This guest has checked in and stays on the list."));
      return FALSE;
    }

  if (!gx_record_delete (db, "invitation_guest", guest_id, meta, error))
    return FALSE;

  outcome->status = g_intern_string (_gx_json_str (invitation, "status"));
  return promote (db, activity, meta, outcome, error);
}

/* Staff */

/**
 * gx_activity_add_staff:
 * @db: the writer connection, inside a transaction
 * @activity_id: the activity
 * @user_id: the member of staff
 * @role: (nullable): what they do there ("reception", "host"…)
 * @meta: who and when
 * @error: return location for a #GError naming the field at fault
 *
 * Puts a member of staff on the activity's team; someone already on it is refused.
 */
gboolean
gx_activity_add_staff (GxDb               *db,
                       const char         *activity_id,
                       const char         *user_id,
                       const char         *role,
                       const GxWriteMeta  *meta,
                       GError            **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *clean_role = g_strstrip (g_strdup (role ? role : ""));

  name = gx_db_query_string (db, "SELECT display_name FROM users WHERE id = ? AND active = 1",
                             g_variant_new ("(s)", user_id ? user_id : ""), NULL);
  if (name == NULL)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_REQUIRED, "user_id", _("Choose a member of staff."));
      return FALSE;
    }
  if (gx_db_query_int (db, "SELECT count (*) FROM activity_staff WHERE activity_id = ? AND user_id = ?",
                       g_variant_new ("(ss)", activity_id, user_id), 0, NULL) > 0)
    {
      g_autofree char *message = g_strdup_printf (_("%s works this activity already."), name);
      gx_record_set_field_error (error, GX_RECORD_ERROR_EXISTS, "user_id", message);
      return FALSE;
    }

  id = gx_uuid_v7_new_at (meta->now * 1000);
  json_object_set_string_member (fields, "activity_id", activity_id);
  json_object_set_string_member (fields, "user_id", user_id);
  json_object_set_string_member (fields, "role", clean_role);
  return gx_record_insert (db, "activity_staff", id, fields, meta, error);
}

/**
 * gx_activity_remove_staff:
 * @db: the writer connection, inside a transaction
 * @staff_id: the staff entry
 * @meta: who and when
 * @error: return location for a #GError
 */
gboolean
gx_activity_remove_staff (GxDb               *db,
                          const char         *staff_id,
                          const GxWriteMeta  *meta,
                          GError            **error)
{
  return gx_record_delete (db, "activity_staff", staff_id, meta, error);
}

/**
 * gx_activity_ensure_plan:
 * @db: the writer connection, inside a transaction
 * @club_id: the club
 * @year: the year
 * @meta: who and when
 * @plan_id: (out) (transfer full): the club's plan of @year, made when missing
 * @error: return location for a #GError
 */
gboolean
gx_activity_ensure_plan (GxDb               *db,
                         const char         *club_id,
                         int                 year,
                         const GxWriteMeta  *meta,
                         char              **plan_id,
                         GError            **error)
{
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;

  id = gx_db_query_string (db, "SELECT id FROM activity_plans WHERE club_id = ? AND year = ?",
                           g_variant_new ("(sx)", club_id, (gint64) year), NULL);
  if (id != NULL)
    {
      *plan_id = g_steal_pointer (&id);
      return TRUE;
    }

  fields = json_object_new ();
  id = gx_uuid_v7_new_at (meta->now * 1000);
  /* Translators: the title of a club's yearly activity plan, %d is the year */
  title = g_strdup_printf (_("Activity plan %d"), year);
  json_object_set_string_member (fields, "club_id", club_id);
  json_object_set_int_member (fields, "year", year);
  json_object_set_string_member (fields, "title", title);
  json_object_set_int_member (fields, "created_at", meta->now);
  if (!gx_record_insert (db, "activity_plan", id, fields, meta, error))
    return FALSE;

  *plan_id = g_steal_pointer (&id);
  return TRUE;
}

/**
 * gx_activity_save:
 * @db: the writer connection, inside a transaction
 * @activity_id: (nullable): the activity to change, or %NULL for a new one
 * @fields: the fields set; a new activity needs at least `title`; `plan_year` (not a column)
 *   puts a planned activity without a date into that year's plan
 * @meta: who and when
 * @new_id: (inout) (optional) (transfer full): a new activity's id; when it points to an id
 *   already (a UUIDv7 the caller made), the new activity gets that id
 * @error: return location for a #GError naming the field at fault
 *
 * Creates or changes an activity. A date moves a planned activity to scheduled; the activity
 * joins its club's plan of the year it takes place in; raising the capacity serves the
 * waitlist at once.
 */
gboolean
gx_activity_save (GxDb               *db,
                  const char         *activity_id,
                  JsonObject         *fields,
                  const GxWriteMeta  *meta,
                  char              **new_id,
                  GError            **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) saved = NULL;
  g_autofree char *id = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  const char *club_id;
  gint64 starts_at;
  int plan_year = 0;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  g_return_val_if_fail (meta != NULL, FALSE);

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (strcmp (name, "plan_year") == 0)
        plan_year = (int) json_node_get_int (node);
      else
        json_object_set_member (changes, name, json_node_copy (node));
    }

  if (activity_id != NULL && !(current = read_record (db, "activity", activity_id, error)))
    return FALSE;

  /* The record as it will be, for the plan and the status. */
  club_id = _gx_json_is_set (changes, "club_id") || json_object_has_member (changes, "club_id")
            ? _gx_json_str (changes, "club_id") : _gx_json_str (current, "club_id");
  starts_at = json_object_has_member (changes, "starts_at") ? _gx_json_int (changes, "starts_at")
                                                             : _gx_json_int (current, "starts_at");

  if (starts_at != 0)
    {
      const char *timezone = _gx_json_str (changes, "timezone") ? _gx_json_str (changes, "timezone")
                                                                 : _gx_json_str (current, "timezone");
      plan_year = gx_activity_year_of (starts_at, timezone);
    }

  if (club_id != NULL && plan_year != 0)
    {
      g_autofree char *plan_id = NULL;

      if (!gx_activity_ensure_plan (db, club_id, plan_year, meta, &plan_id, error))
        return FALSE;
      json_object_set_string_member (changes, "plan_id", plan_id);
    }
  else if (json_object_has_member (changes, "club_id") && club_id == NULL)
    json_object_set_null_member (changes, "plan_id");

  /* A date makes a planned activity scheduled, whether the status came with the form or not. */
  if (starts_at != 0 &&
      g_strcmp0 (json_object_has_member (changes, "status") ? _gx_json_str (changes, "status")
                                                            : current ? _gx_json_str (current, "status") : "planned",
                 "planned") == 0)
    json_object_set_string_member (changes, "status", "scheduled");

  json_object_set_int_member (changes, "updated_at", meta->now);

  if (activity_id == NULL)
    {
      id = new_id != NULL && *new_id != NULL ? g_strdup (*new_id) : gx_uuid_v7_new_at (meta->now * 1000);
      json_object_set_int_member (changes, "created_at", meta->now);
      if (!gx_record_insert (db, "activity", id, changes, meta, error))
        return FALSE;
      if (new_id != NULL && *new_id == NULL)
        *new_id = g_strdup (id);
      return TRUE;
    }

  if (!gx_record_update (db, "activity", activity_id, changes, meta, error))
    return FALSE;

  /* More places, or a policy that serves the line differently, may let someone in. */
  if (!(saved = read_record (db, "activity", activity_id, error)))
    return FALSE;
  json_object_set_string_member (saved, "id", activity_id);
  return promote (db, saved, meta, NULL, error);
}
