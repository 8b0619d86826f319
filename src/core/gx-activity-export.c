/* gx-activity-export.c: an activity or a whole plan as iCalendar; the invitee list as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-activity"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-activity-export.h"
#include "gx-activity-private.h"
#include "gx-enums.h"
#include "gx-uuid.h"

/* iCalendar (RFC 5545) */

/* TEXT values escape backslash, semicolon, comma and newlines (3.3.11). */
static void
append_text (GString    *out,
             const char *text)
{
  for (const char *p = text ? text : ""; *p; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
}

/* Content lines end in CRLF and are folded before 75 octets, never inside a UTF-8
 * character (3.1). */
static void
append_line (GString    *out,
             const char *line)
{
  gsize width = 0;

  for (const char *p = line; *p; p = g_utf8_next_char (p))
    {
      gsize len = (gsize) (g_utf8_next_char (p) - p);

      if (width + len > 75)
        {
          g_string_append (out, "\r\n ");
          width = 1;
        }
      g_string_append_len (out, p, (gssize) len);
      width += len;
    }
  g_string_append (out, "\r\n");
}

static void
append_property (GString    *out,
                 const char *name,
                 const char *text)
{
  g_autoptr(GString) line = g_string_new (name);

  g_string_append_c (line, ':');
  append_text (line, text);
  append_line (out, line->str);
}

static GTimeZone *
zone_for (const char *identifier)
{
  GTimeZone *tz = g_time_zone_new_identifier (identifier ? identifier : "Asia/Shanghai");

  return tz ? tz : g_time_zone_new_utc ();
}

/* A zone whose offset is the same all year (all of China) is written as a VTIMEZONE with
 * one STANDARD part, and times as local times in it; any other zone's times are written in
 * UTC, which every calendar reads right. */
static gboolean
zone_is_fixed (GTimeZone *tz,
               int        year)
{
  g_autoptr(GDateTime) winter = g_date_time_new (tz, year, 1, 15, 12, 0, 0);
  g_autoptr(GDateTime) summer = g_date_time_new (tz, year, 7, 15, 12, 0, 0);

  return winter != NULL && summer != NULL &&
         g_date_time_get_utc_offset (winter) == g_date_time_get_utc_offset (summer);
}

static void
append_vtimezone (GString    *out,
                  const char *identifier,
                  GTimeZone  *tz)
{
  g_autoptr(GDateTime) sample = g_date_time_new (tz, 2000, 1, 15, 12, 0, 0);
  gint64 offset = g_date_time_get_utc_offset (sample) / G_USEC_PER_SEC;
  g_autofree char *from = NULL;
  g_autofree char *tzid = g_strdup_printf ("TZID:%s", identifier);
  g_autofree char *name = g_strdup_printf ("TZNAME:%s", g_date_time_get_timezone_abbreviation (sample));

  from = g_strdup_printf ("%c%02d%02d", offset < 0 ? '-' : '+', (int) (ABS (offset) / 3600), (int) (ABS (offset) % 3600 / 60));
  append_line (out, "BEGIN:VTIMEZONE");
  append_line (out, tzid);
  append_line (out, "BEGIN:STANDARD");
  append_line (out, "DTSTART:19700101T000000");
  {
    g_autofree char *a = g_strdup_printf ("TZOFFSETFROM:%s", from);
    g_autofree char *b = g_strdup_printf ("TZOFFSETTO:%s", from);
    append_line (out, a);
    append_line (out, b);
  }
  append_line (out, name);
  append_line (out, "END:STANDARD");
  append_line (out, "END:VTIMEZONE");
}

static char *
format_utc (gint64 when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);

  return g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
}

static char *
format_time_property (const char *name,
                      gint64      when,
                      const char *identifier,
                      GTimeZone  *tz,
                      gboolean    fixed)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *stamp = NULL;

  if (!fixed)
    {
      stamp = format_utc (when);
      return g_strdup_printf ("%s:%s", name, stamp);
    }

  local = g_date_time_to_timezone (utc, tz);
  stamp = g_date_time_format (local, "%Y%m%dT%H%M%S");
  return g_strdup_printf ("%s;TZID=%s:%s", name, identifier, stamp);
}

static const char *
ical_status (const char *status)
{
  if (g_strcmp0 (status, "cancelled") == 0)
    return "CANCELLED";
  if (g_strcmp0 (status, "planned") == 0)
    return "TENTATIVE";
  return "CONFIRMED";
}

typedef struct
{
  char   *id;
  char   *title;
  char   *theme;
  char   *kind;
  char   *target_group;
  char   *venue;
  char   *partners;
  char   *status;
  char   *timezone;
  gint64  starts_at;
  gint64  ends_at;
  gint64  version;
} Event;

static void
event_clear (Event *event)
{
  g_free (event->id);
  g_free (event->title);
  g_free (event->theme);
  g_free (event->kind);
  g_free (event->target_group);
  g_free (event->venue);
  g_free (event->partners);
  g_free (event->status);
  g_free (event->timezone);
}

/* The co-hosts as gx_activity_dup_partner_names() says them: the linked organisations and
 * clubs, then the names typed before co-hosts were linked. */
#define EVENT_COLUMNS \
  "id, title, theme, kind, target_group, venue," \
  " (SELECT group_concat (name, '、') FROM" \
  "   (SELECT name FROM (SELECT c.name AS name FROM activity_partners p JOIN customers c ON c.id = p.customer_id" \
  "                      WHERE p.activity_id = activities.id ORDER BY c.sort_key)" \
  "    UNION ALL SELECT name FROM (SELECT b.name AS name FROM activity_partners p JOIN clubs b ON b.id = p.club_id" \
  "                      WHERE p.activity_id = activities.id ORDER BY b.name)" \
  "    UNION ALL SELECT nullif (trim (activities.partners), ''))), status, timezone, starts_at, ends_at, version"

static void
read_event (sqlite3_stmt *stmt,
            Event        *event)
{
  event->id = gx_db_dup_column (stmt, 0);
  event->title = gx_db_dup_column (stmt, 1);
  event->theme = gx_db_dup_column (stmt, 2);
  event->kind = gx_db_dup_column (stmt, 3);
  event->target_group = gx_db_dup_column (stmt, 4);
  event->venue = gx_db_dup_column (stmt, 5);
  event->partners = gx_db_dup_column (stmt, 6);
  event->status = gx_db_dup_column (stmt, 7);
  event->timezone = gx_db_dup_column (stmt, 8);
  event->starts_at = sqlite3_column_int64 (stmt, 9);
  event->ends_at = sqlite3_column_int64 (stmt, 10);
  event->version = sqlite3_column_int64 (stmt, 11);
}

static void
append_event (GString     *out,
              const Event *event,
              gint64       now,
              GHashTable  *fixed_zones)
{
  g_autoptr(GTimeZone) tz = zone_for (event->timezone);
  gboolean fixed = g_hash_table_contains (fixed_zones, event->timezone);
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *uid = g_strdup_printf ("%s@guanxi", event->id);
  g_autofree char *stamp = format_utc (now);
  g_autofree char *dtstamp = g_strdup_printf ("DTSTAMP:%s", stamp);
  g_autofree char *start = format_time_property ("DTSTART", event->starts_at, event->timezone, tz, fixed);
  g_autofree char *sequence = g_strdup_printf ("SEQUENCE:%" G_GINT64_FORMAT, event->version);

  append_line (out, "BEGIN:VEVENT");
  append_property (out, "UID", uid);
  append_line (out, dtstamp);
  append_line (out, start);
  if (event->ends_at > event->starts_at)
    {
      g_autofree char *end = format_time_property ("DTEND", event->ends_at, event->timezone, tz, fixed);
      append_line (out, end);
    }
  append_property (out, "SUMMARY", event->title);
  if (event->venue != NULL && *event->venue != '\0')
    append_property (out, "LOCATION", event->venue);

  if (event->theme != NULL && *event->theme != '\0')
    /* Translators: a line of an activity's description in exported calendars */
    g_string_append_printf (description, _("Theme: %s"), event->theme);
  if (event->target_group != NULL && *event->target_group != '\0')
    {
      if (description->len > 0)
        g_string_append_c (description, '\n');
      g_string_append_printf (description, _("Target group: %s"), event->target_group);
    }
  if (event->partners != NULL && *event->partners != '\0')
    {
      if (description->len > 0)
        g_string_append_c (description, '\n');
      g_string_append_printf (description, _("Co-hosts: %s"), event->partners);
    }
  if (description->len > 0)
    append_property (out, "DESCRIPTION", description->str);

  append_property (out, "CATEGORIES", gx_vocab_label (GX_VOCAB_ACTIVITY_KIND, event->kind));
  {
    g_autofree char *status = g_strconcat ("STATUS:", ical_status (event->status), NULL);
    append_line (out, status);
  }
  append_line (out, sequence);
  append_line (out, "END:VEVENT");
}

static char *
build_calendar (GArray     *events,
                const char *name,
                gint64      now)
{
  g_autoptr(GHashTable) fixed_zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *out = g_string_new (NULL);

  append_line (out, "BEGIN:VCALENDAR");
  append_line (out, "VERSION:2.0");
  append_line (out, "PRODID:-//Guanxi//Guanxi " PACKAGE_VERSION "//EN");
  append_line (out, "CALSCALE:GREGORIAN");
  append_line (out, "METHOD:PUBLISH");
  append_property (out, "X-WR-CALNAME", name);

  for (guint i = 0; i < events->len; i++)
    {
      Event *event = &g_array_index (events, Event, i);
      g_autoptr(GTimeZone) tz = NULL;
      g_autoptr(GDateTime) start = NULL;

      if (event->timezone == NULL || g_hash_table_contains (fixed_zones, event->timezone))
        continue;
      tz = zone_for (event->timezone);
      start = g_date_time_new_from_unix_utc (event->starts_at);
      if (g_strcmp0 (g_time_zone_get_identifier (tz), event->timezone) == 0 &&
          zone_is_fixed (tz, g_date_time_get_year (start)))
        {
          append_vtimezone (out, event->timezone, tz);
          g_hash_table_add (fixed_zones, g_strdup (event->timezone));
        }
    }

  for (guint i = 0; i < events->len; i++)
    append_event (out, &g_array_index (events, Event, i), now, fixed_zones);

  append_line (out, "END:VCALENDAR");
  return g_string_free (out, FALSE);
}

/**
 * gx_activity_export_ical:
 * @db: a connection
 * @activity_id: the activity
 * @now: the export time (DTSTAMP)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the activity as an iCalendar (RFC 5545) file, for
 *   GNOME Calendar, Evolution or Outlook; an error when it has no date yet
 */
char *
gx_activity_export_ical (GxDb        *db,
                         const char  *activity_id,
                         gint64       now,
                         GError     **error)
{
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (Event));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (events, (GDestroyNotify) event_clear);

  stmt = gx_db_prepare (db, "SELECT " EVENT_COLUMNS " FROM activities WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, activity_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      Event event = { 0 };
      read_event (stmt, &event);
      g_array_append_val (events, event);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "id", _("The activity no longer exists."));
      return NULL;
    }
  if (g_array_index (events, Event, 0).starts_at == 0)
    {
      _gx_activity_fail (error, "starts_at", _("Give the activity a date before exporting it to a calendar."));
      return NULL;
    }

  return build_calendar (events, g_array_index (events, Event, 0).title, now);
}

/**
 * gx_activity_export_plan_ical:
 * @db: a connection
 * @plan_id: a yearly activity plan
 * @now: the export time (DTSTAMP)
 * @n_skipped: (out) (optional): activities left out because they have no date yet
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): every dated activity of the plan as one iCalendar file
 */
char *
gx_activity_export_plan_ical (GxDb        *db,
                              const char  *plan_id,
                              gint64       now,
                              guint       *n_skipped,
                              GError     **error)
{
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (Event));
  g_autofree char *title = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (events, (GDestroyNotify) event_clear);

  title = gx_db_query_string (db, "SELECT p.title || ' · ' || c.name FROM activity_plans p JOIN clubs c ON c.id = p.club_id WHERE p.id = ?",
                              g_variant_new ("(s)", plan_id), NULL);
  if (title == NULL)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "plan_id", _("The plan no longer exists."));
      return NULL;
    }

  if (n_skipped != NULL)
    *n_skipped = (guint) gx_db_query_int (db, "SELECT count (*) FROM activities WHERE plan_id = ? AND starts_at IS NULL",
                                          g_variant_new ("(s)", plan_id), 0, NULL);

  stmt = gx_db_prepare (db, "SELECT " EVENT_COLUMNS " FROM activities WHERE plan_id = ? AND starts_at IS NOT NULL"
                            " ORDER BY starts_at, title", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Event event = { 0 };
      read_event (stmt, &event);
      g_array_append_val (events, event);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "activities");
      return NULL;
    }

  return build_calendar (events, title, now);
}

/* CSV (RFC 4180), UTF-8 with a byte order mark so spreadsheet programs read Chinese right */

static void
append_cell (GString    *out,
             const char *text,
             gboolean    last)
{
  const char *value = text ? text : "";
  gboolean quote = strpbrk (value, ",\"\r\n") != NULL;

  /* A cell a spreadsheet would run as a formula is kept as text. */
  if (strchr ("=+-@", value[0]) != NULL && value[0] != '\0')
    {
      quote = TRUE;
      g_string_append (out, "\"'");
    }
  else if (quote)
    g_string_append_c (out, '"');

  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }

  if (quote)
    g_string_append_c (out, '"');
  g_string_append (out, last ? "\r\n" : ",");
}

/**
 * gx_activity_export_invitees_csv:
 * @db: a connection
 * @activity_id: the activity
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the invitee list — name, customer number, phone,
 *   answer, party size, guests, invitation code, checked in — as CSV in UTF-8 with a byte
 *   order mark and CRLF line ends, headings in the desk's language
 */
char *
gx_activity_export_invitees_csv (GxDb        *db,
                                 const char  *activity_id,
                                 GError     **error)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");
  sqlite3_stmt *stmt;
  int rc;

  append_cell (out, _("Name"), FALSE);
  append_cell (out, _("Customer number"), FALSE);
  append_cell (out, _("Phone"), FALSE);
  append_cell (out, _("Answer"), FALSE);
  append_cell (out, _("Party size"), FALSE);
  append_cell (out, _("Guests"), FALSE);
  append_cell (out, _("Invitation code"), FALSE);
  append_cell (out, _("Checked in"), TRUE);

  stmt = gx_db_prepare (db,
                        "SELECT c.name, c.number,"
                        "  (SELECT cc.value FROM customer_contacts cc WHERE cc.customer_id = c.id"
                        "     AND cc.kind IN ('mobile', 'landline') ORDER BY cc.is_primary DESC LIMIT 1),"
                        "  i.status, 1 + (SELECT count (*) FROM invitation_guests g WHERE g.invitation_id = i.id),"
                        "  (SELECT group_concat (g.name, '、') FROM invitation_guests g WHERE g.invitation_id = i.id),"
                        "  i.code,"
                        "  (SELECT count (*) FROM checkins k WHERE k.invitation_id = i.id AND k.guest_id IS NULL)"
                        " FROM invitations i JOIN customers c ON c.id = i.customer_id"
                        " WHERE i.activity_id = ? ORDER BY c.sort_key",
                        error);
  if (stmt == NULL)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, activity_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *size = g_strdup_printf ("%d", sqlite3_column_int (stmt, 4));

      append_cell (out, gx_db_column_text (stmt, 0), FALSE);
      append_cell (out, gx_db_column_text (stmt, 1), FALSE);
      append_cell (out, gx_db_column_text (stmt, 2), FALSE);
      append_cell (out, gx_vocab_label (GX_VOCAB_RSVP, gx_db_column_text (stmt, 3)), FALSE);
      append_cell (out, size, FALSE);
      append_cell (out, gx_db_column_text (stmt, 5), FALSE);
      append_cell (out, gx_db_column_text (stmt, 6), FALSE);
      append_cell (out, sqlite3_column_int (stmt, 7) > 0 ? _("Yes") : _("No"), TRUE);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "invitations");
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

/**
 * gx_activity_register_disclosure:
 * @db: the writer connection, inside a transaction
 * @activity_id: the activity
 * @action: "print" (letters, badges) or "export" (the invitee list)
 * @reason: what it is for, e.g. "Invitation letters for …"
 * @meta: who and when
 * @n_registered: (out) (optional): how many entries were written
 * @error: return location for a #GError
 *
 * Printing or exporting names of secret, confidential or top-secret customers is registered
 * in the access register (借阅登记) like opening their profile: one entry per such invitee,
 * with who, when and why. Run it in the same action that prints or exports.
 */
gboolean
gx_activity_register_disclosure (GxDb               *db,
                                 const char         *activity_id,
                                 const char         *action,
                                 const char         *reason,
                                 const GxWriteMeta  *meta,
                                 guint              *n_registered,
                                 GError            **error)
{
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (n_registered != NULL)
    *n_registered = 0;

  stmt = gx_db_prepare (db,
                        "SELECT c.id FROM invitations i JOIN customers c ON c.id = i.customer_id"
                        " WHERE i.activity_id = ? AND c.confidentiality <> 'ordinary'",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, activity_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (customers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gx_db_set_error (db, error, "invitations");

  for (guint i = 0; i < customers->len; i++)
    {
      g_autoptr(JsonObject) entry = json_object_new ();
      g_autofree char *id = gx_uuid_v7_new_at (meta->now * 1000);

      json_object_set_string_member (entry, "customer_id", customers->pdata[i]);
      if (meta->user_id != NULL)
        json_object_set_string_member (entry, "user_id", meta->user_id);
      json_object_set_int_member (entry, "at", meta->now);
      json_object_set_string_member (entry, "action", action);
      json_object_set_string_member (entry, "reason", reason ? reason : "");
      if (!gx_record_insert (db, "access_log", id, entry, meta, error))
        return FALSE;
    }

  if (n_registered != NULL)
    *n_registered = customers->len;
  return TRUE;
}
