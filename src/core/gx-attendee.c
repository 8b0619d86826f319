/* gx-attendee.c: one person on an activity's check-in list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-attendee"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gx-attendee.h"
#include "gx-enums.h"
#include "gx-customer-search.h"
#include "gx-search.h"

/* The check-in list shows at most GX_ATTENDEE_LIST_CAP people at a time, read in one indexed
 * query per keystroke, so it is a plain array of small objects rather than a lazy model; an
 * activity of tens of thousands is narrowed by typing. */

struct _GxAttendee
{
  GObject  parent_instance;

  char    *kind;            /* "invitee", "guest" or "walk_in" */
  char    *invitation_id;
  char    *guest_id;
  char    *name;
  char    *detail;
  char    *phone;
  char    *code;
  char    *status_code;
  char    *timezone;        /* the activity's: check-in times read as the venue's clock */
  char    *checkin_id;
  char    *comment;         /* the attendee's comment with their answer */
  gint64   checked_in_at;
  int      score;           /* their satisfaction answer, 1–5; 0 without one */
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_NAME,
  PROP_DETAIL,
  PROP_PHONE,
  PROP_CODE,
  PROP_STATUS_CODE,
  PROP_CHECKED_IN_AT,
  PROP_TIMEZONE,
  PROP_SCORE,
  PROP_COMMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GxAttendee, gx_attendee, G_TYPE_OBJECT)

static void
gx_attendee_finalize (GObject *object)
{
  GxAttendee *self = (GxAttendee *) object;

  g_free (self->kind);
  g_free (self->invitation_id);
  g_free (self->guest_id);
  g_free (self->name);
  g_free (self->detail);
  g_free (self->phone);
  g_free (self->code);
  g_free (self->status_code);
  g_free (self->timezone);
  g_free (self->checkin_id);
  g_free (self->comment);

  G_OBJECT_CLASS (gx_attendee_parent_class)->finalize (object);
}

static void
gx_attendee_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GxAttendee *self = GX_ATTENDEE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_STATUS_CODE:
      g_value_set_string (value, self->status_code);
      break;
    case PROP_CHECKED_IN_AT:
      g_value_set_int64 (value, self->checked_in_at);
      break;
    case PROP_TIMEZONE:
      g_value_set_string (value, self->timezone);
      break;
    case PROP_SCORE:
      g_value_set_int (value, self->score);
      break;
    case PROP_COMMENT:
      g_value_set_string (value, self->comment);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_attendee_class_init (GxAttendeeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = gx_attendee_finalize;
  object_class->get_property = gx_attendee_get_property;

  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, flags);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_STATUS_CODE] = g_param_spec_string ("status-code", NULL, NULL, NULL, flags);
  properties[PROP_CHECKED_IN_AT] = g_param_spec_int64 ("checked-in-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TIMEZONE] = g_param_spec_string ("timezone", NULL, NULL, NULL, flags);
  properties[PROP_SCORE] = g_param_spec_int ("score", NULL, NULL, 0, 5, 0, flags);
  properties[PROP_COMMENT] = g_param_spec_string ("comment", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gx_attendee_init (GxAttendee *self)
{
}

const char *
gx_attendee_get_kind (GxAttendee *self)
{
  g_return_val_if_fail (GX_IS_ATTENDEE (self), NULL);
  return self->kind;
}

const char *
gx_attendee_get_invitation_id (GxAttendee *self)
{
  g_return_val_if_fail (GX_IS_ATTENDEE (self), NULL);
  return self->invitation_id;
}

const char *
gx_attendee_get_guest_id (GxAttendee *self)
{
  g_return_val_if_fail (GX_IS_ATTENDEE (self), NULL);
  return self->guest_id;
}

const char *
gx_attendee_get_name (GxAttendee *self)
{
  g_return_val_if_fail (GX_IS_ATTENDEE (self), NULL);
  return self->name;
}

const char *
gx_attendee_get_code (GxAttendee *self)
{
  g_return_val_if_fail (GX_IS_ATTENDEE (self), NULL);
  return self->code;
}

gint64
gx_attendee_get_checked_in_at (GxAttendee *self)
{
  g_return_val_if_fail (GX_IS_ATTENDEE (self), 0);
  return self->checked_in_at;
}

/**
 * gx_attendee_get_checkin_id:
 *
 * Returns: (nullable): the person's check-in, %NULL while they have not come
 */
const char *
gx_attendee_get_checkin_id (GxAttendee *self)
{
  g_return_val_if_fail (GX_IS_ATTENDEE (self), NULL);
  return self->checkin_id;
}

/**
 * gx_attendee_get_score:
 *
 * Returns: the person's satisfaction answer, 1–5, or 0 without one
 */
int
gx_attendee_get_score (GxAttendee *self)
{
  g_return_val_if_fail (GX_IS_ATTENDEE (self), 0);
  return self->score;
}

const char *
gx_attendee_get_comment (GxAttendee *self)
{
  g_return_val_if_fail (GX_IS_ATTENDEE (self), NULL);
  return self->comment;
}

/* What a row says under the name: the answer, or whose guest this is. */
static char *
describe (const char *kind,
          const char *status,
          const char *host,
          const char *relation)
{
  if (g_strcmp0 (kind, "guest") == 0)
    /* Translators: under a guest's name on the check-in list: the invitee's name, and how the guest relates to them */
    return g_strdup_printf (_("Guest of %s · %s"), host, gx_vocab_label (GX_VOCAB_GUEST_RELATION, relation));
  if (g_strcmp0 (kind, "walk_in") == 0)
    return g_strdup (_("Walk-in"));
  return g_strdup (gx_vocab_label (GX_VOCAB_RSVP, status));
}

/* The columns every branch gives: kind, invitation, guest, name, status, code, phone, checked
 * in at, three sort keys, the host's name and the guest's relation, the check-in, the answer. */
#define INVITEE_COLUMNS \
  "'invitee', i.id, NULL, c.name, i.status, i.code," \
  " (SELECT cc.value FROM customer_contacts cc WHERE cc.customer_id = c.id" \
  "    AND cc.kind IN ('mobile', 'landline') ORDER BY cc.is_primary DESC LIMIT 1)," \
  " k.at, c.sort_key AS k1, 0 AS k2, c.name AS k3, NULL, NULL, k.id, a.score, a.comment"
#define INVITEE_JOINS \
  " LEFT JOIN checkins k ON k.activity_id = i.activity_id AND k.invitation_id = i.id AND k.guest_id IS NULL" \
  " LEFT JOIN activity_answers a ON a.checkin_id = k.id"
#define GUEST_COLUMNS \
  "'guest', i.id, g.id, g.name, i.status, i.code, g.phone, k.at, c.sort_key, 1, g.name, c.name, g.relation," \
  " k.id, a.score, a.comment"
#define GUEST_JOINS \
  " JOIN invitations i ON i.id = g.invitation_id JOIN customers c ON c.id = i.customer_id" \
  " LEFT JOIN checkins k ON k.activity_id = i.activity_id AND k.guest_id = g.id" \
  " LEFT JOIN activity_answers a ON a.checkin_id = k.id"
#define WALK_IN_COLUMNS \
  "'walk_in', NULL, NULL, k.walk_in_name, NULL, NULL, k.walk_in_phone, k.at, x'FF', 2, k.walk_in_name, NULL, NULL," \
  " k.id, a.score, a.comment"

/* An activity with more invitations than this lists its first GX_ATTENDEE_LIST_CAP invitees by
 * walking the archive in name order, rather than sorting all its invitations. */
#define BIG_ACTIVITY 2000

/**
 * gx_activity_attendees_sql:
 * @db: (nullable): a connection, to tell a large activity from a small one; %NULL for the
 *   query that suits any
 * @activity_id: the activity
 * @text: (nullable): what was typed
 * @params: (out) (transfer full): the query's parameters, numbered
 *
 * The check-in list's query: at most %GX_ATTENDEE_LIST_CAP + 1 people, so the list stays
 * instant whatever the size of the activity and the archive. What is typed is looked up in
 * the customer search index (names, pinyin and initials, phones, customer numbers — the
 * guests' and walk-ins' too, as they are prospects in the archive) and matched as the code
 * printed on the invitation; the people found are then joined to the activity's invitations,
 * never the other way round.
 *
 * Returns: (transfer full): the SQL
 */
char *
gx_activity_attendees_sql (GxDb        *db,
                           const char  *activity_id,
                           const char  *text,
                           GVariant   **params)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  g_autoptr(GVariant) key_params = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *code = NULL;
  g_autofree char *pattern = NULL;
  g_autofree char *contains = NULL;
  GVariantBuilder builder;
  gsize n = 0;
  g_autofree char *a = NULL, *c = NULL, *l = NULL;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_TUPLE);

  if (*trimmed == '\0')
    {
      gboolean big = db != NULL &&
                     gx_db_query_int (db, "SELECT count (*) FROM (SELECT 1 FROM invitations WHERE activity_id = ? LIMIT ?)",
                                      g_variant_new ("(sx)", activity_id, (gint64) BIG_ACTIVITY + 1), 0, NULL) > BIG_ACTIVITY;

      g_variant_builder_add (&builder, "v", g_variant_new_string (activity_id));
      *params = g_variant_ref_sink (g_variant_builder_end (&builder));
      if (big)
        /* The first invitees in name order, found by walking the archive's name index and
         * looking each up among the invitations; their guests after them. */
        return g_strdup_printf (
          "WITH h AS (SELECT i.id AS id FROM customers c CROSS JOIN invitations i"
          "           WHERE i.activity_id = ?1 AND i.customer_id = c.id ORDER BY c.sort_key LIMIT %d)"
          " SELECT " INVITEE_COLUMNS " FROM h JOIN invitations i ON i.id = h.id JOIN customers c ON c.id = i.customer_id"
          INVITEE_JOINS
          " UNION ALL SELECT " GUEST_COLUMNS " FROM h JOIN invitation_guests g ON g.invitation_id = h.id" GUEST_JOINS
          " ORDER BY k1, k2, k3 LIMIT %d",
          GX_ATTENDEE_LIST_CAP + 1, GX_ATTENDEE_LIST_CAP + 1);
      return g_strdup_printf (
        "SELECT " INVITEE_COLUMNS " FROM invitations i JOIN customers c ON c.id = i.customer_id" INVITEE_JOINS
        " WHERE i.activity_id = ?1"
        " UNION ALL SELECT " GUEST_COLUMNS " FROM invitation_guests g" GUEST_JOINS " WHERE i.activity_id = ?1"
        " UNION ALL SELECT " WALK_IN_COLUMNS " FROM checkins k LEFT JOIN activity_answers a ON a.checkin_id = k.id"
        " WHERE k.activity_id = ?1 AND k.invitation_id IS NULL"
        " ORDER BY k1, k2, k3 LIMIT %d",
        GX_ATTENDEE_LIST_CAP + 1);
    }

  /* A small activity is searched as it always was: every invitation of it, by part of a name,
   * pinyin, initials, part of any phone number, or the code. */
  if (db == NULL ||
      gx_db_query_int (db, "SELECT count (*) FROM (SELECT 1 FROM invitations WHERE activity_id = ? LIMIT ?)",
                       g_variant_new ("(sx)", activity_id, (gint64) BIG_ACTIVITY + 1), 0, NULL) <= BIG_ACTIVITY)
    {
      pattern = gx_search_like_pattern (trimmed);
      contains = g_strconcat ("%", pattern, NULL);
      code = g_ascii_strup (trimmed, -1);
      *params = g_variant_ref_sink (g_variant_new ("(vvvv)", g_variant_new_string (activity_id), g_variant_new_string (pattern),
                                                   g_variant_new_string (contains), g_variant_new_string (code)));
#define MATCHES \
  "(c.name LIKE ?3 ESCAPE '\\' OR replace (c.name_pinyin, ' ', '') LIKE ?2 ESCAPE '\\'" \
  " OR c.name_pinyin LIKE ?2 ESCAPE '\\' OR c.name_initials LIKE ?2 ESCAPE '\\' OR i.code = ?4" \
  " OR EXISTS (SELECT 1 FROM customer_contacts cc WHERE cc.customer_id = c.id AND cc.value LIKE ?3 ESCAPE '\\'))"
      return g_strdup_printf (
        "SELECT " INVITEE_COLUMNS " FROM invitations i JOIN customers c ON c.id = i.customer_id" INVITEE_JOINS
        " WHERE i.activity_id = ?1 AND " MATCHES
        " UNION ALL SELECT " GUEST_COLUMNS " FROM invitation_guests g" GUEST_JOINS
        "  LEFT JOIN customers p ON p.id = g.prospect_id"
        " WHERE i.activity_id = ?1 AND (" MATCHES " OR g.name LIKE ?3 ESCAPE '\\' OR g.phone LIKE ?3 ESCAPE '\\'"
        "  OR replace (p.name_pinyin, ' ', '') LIKE ?2 ESCAPE '\\' OR p.name_initials LIKE ?2 ESCAPE '\\')"
        " UNION ALL SELECT " WALK_IN_COLUMNS " FROM checkins k LEFT JOIN activity_answers a ON a.checkin_id = k.id"
        " WHERE k.activity_id = ?1 AND k.invitation_id IS NULL"
        "  AND (k.walk_in_name LIKE ?3 ESCAPE '\\' OR k.walk_in_phone LIKE ?3 ESCAPE '\\')"
        " ORDER BY k1, k2, k3 LIMIT %d",
        GX_ATTENDEE_LIST_CAP + 1);
#undef MATCHES
    }

  /* A large one: what is typed is looked up in the archive's search index first. */
  keys = gx_search_customers (trimmed, &key_params);
  if (key_params != NULL)
    {
      n = g_variant_n_children (key_params);
      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) child = g_variant_get_child_value (key_params, i);

          g_variant_builder_add_value (&builder, g_variant_is_of_type (child, G_VARIANT_TYPE_VARIANT)
                                                 ? g_variant_ref (child) : g_variant_new_variant (g_variant_ref (child)));
        }
    }
  code = g_ascii_strup (trimmed, -1);
  pattern = gx_search_like_pattern (trimmed);
  contains = g_strconcat ("%", pattern, NULL);
  g_variant_builder_add (&builder, "v", g_variant_new_string (activity_id));
  g_variant_builder_add (&builder, "v", g_variant_new_string (code));
  g_variant_builder_add (&builder, "v", g_variant_new_string (contains));
  *params = g_variant_ref_sink (g_variant_builder_end (&builder));
  a = g_strdup_printf ("?%" G_GSIZE_FORMAT, n + 1);
  c = g_strdup_printf ("?%" G_GSIZE_FORMAT, n + 2);
  l = g_strdup_printf ("?%" G_GSIZE_FORMAT, n + 3);

  return g_strdup_printf (
    "WITH m AS (%s),"
    " found AS (SELECT c.id AS id FROM m JOIN customers c ON c.rowid = m.rowid),"
    " hosts AS (SELECT i.id AS id FROM found JOIN invitations i ON i.activity_id = %s AND i.customer_id = found.id"
    "           UNION SELECT i.id FROM invitations i WHERE i.code = %s AND i.activity_id = %s)"
    " SELECT " INVITEE_COLUMNS " FROM hosts JOIN invitations i ON i.id = hosts.id JOIN customers c ON c.id = i.customer_id"
    INVITEE_JOINS
    " UNION SELECT " GUEST_COLUMNS " FROM hosts JOIN invitation_guests g ON g.invitation_id = hosts.id" GUEST_JOINS
    " UNION SELECT " GUEST_COLUMNS " FROM found CROSS JOIN invitation_guests g ON g.prospect_id = found.id" GUEST_JOINS
    "   WHERE i.activity_id = %s"
    " UNION SELECT " WALK_IN_COLUMNS " FROM checkins k LEFT JOIN activity_answers a ON a.checkin_id = k.id"
    "   WHERE k.activity_id = %s AND k.invitation_id IS NULL"
    "     AND (k.walk_in_name LIKE %s ESCAPE '\\' OR k.walk_in_phone LIKE %s ESCAPE '\\'"
    "          OR k.prospect_id IN (SELECT id FROM found))"
    " ORDER BY k1, k2, k3 LIMIT %d",
    keys, a, c, a, a, a, l, l, GX_ATTENDEE_LIST_CAP + 1);
}

/**
 * gx_activity_list_attendees:
 * @db: a connection
 * @activity_id: the activity
 * @text: (nullable): what was typed: part of a name, pinyin or initials, part of a phone
 *   number, or the invitation code
 * @error: return location for a #GError
 *
 * The check-in list: invitees (whatever they answered; people come anyway) each followed by
 * their guests, then walk-ins. A match on an invitee lists their whole party. At most
 * %GX_ATTENDEE_LIST_CAP + 1 people: one more than that says there are more to narrow.
 *
 * Returns: (transfer container) (element-type GxAttendee): the people
 */
GPtrArray *
gx_activity_list_attendees (GxDb        *db,
                            const char  *activity_id,
                            const char  *text,
                            GError     **error)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GVariant) params = NULL;
  g_autofree char *sql = gx_activity_attendees_sql (db, activity_id, text, &params);
  g_autofree char *timezone = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = gx_db_prepare (db, sql, error);
  if (stmt == NULL || !gx_db_bind_variant (stmt, params, error))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GxAttendee *person = g_object_new (GX_TYPE_ATTENDEE, NULL);

      person->kind = gx_db_dup_column (stmt, 0);
      person->invitation_id = gx_db_dup_column (stmt, 1);
      person->guest_id = gx_db_dup_column (stmt, 2);
      person->name = gx_db_dup_column (stmt, 3);
      person->status_code = gx_db_dup_column (stmt, 4);
      person->code = gx_db_dup_column (stmt, 5);
      person->phone = gx_db_dup_column (stmt, 6);
      person->checked_in_at = sqlite3_column_int64 (stmt, 7);
      person->checkin_id = gx_db_dup_column (stmt, 13);
      person->score = sqlite3_column_int (stmt, 14);
      person->comment = gx_db_dup_column (stmt, 15);
      person->detail = describe (person->kind, person->status_code,
                                 gx_db_column_text (stmt, 11), gx_db_column_text (stmt, 12));
      g_ptr_array_add (people, person);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "invitations");
      return NULL;
    }

  timezone = gx_db_query_string (db, "SELECT timezone FROM activities WHERE id = ?", g_variant_new ("(s)", activity_id), NULL);
  for (guint i = 0; i < people->len; i++)
    ((GxAttendee *) people->pdata[i])->timezone = g_strdup (timezone);
  return g_steal_pointer (&people);
}
