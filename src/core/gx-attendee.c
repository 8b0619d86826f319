/* gx-attendee.c: one person on an activity's check-in list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-attendee"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gx-attendee.h"
#include "gx-enums.h"
#include "gx-search.h"

/* The check-in list of one activity is at most a few thousand people, read in one indexed
 * query per keystroke, so it is a plain array of small objects rather than a lazy model. */

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

/**
 * gx_activity_list_attendees:
 * @db: a connection
 * @activity_id: the activity
 * @text: (nullable): what was typed: part of a name, pinyin or initials, part of a phone
 *   number, or the invitation code
 * @error: return location for a #GError
 *
 * The check-in list: invitees (whatever they answered; people come anyway) each followed by
 * their guests, then walk-ins. A match on an invitee lists their whole party.
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
  g_autofree char *prefix = NULL;
  g_autofree char *contains = NULL;
  g_autofree char *code = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  gboolean all = *trimmed == '\0';
  sqlite3_stmt *stmt;
  int rc;

  if (!all)
    {
      prefix = gx_search_like_pattern (trimmed);
      contains = g_strconcat ("%", prefix, NULL);
      code = g_ascii_strup (trimmed, -1);
    }

#define INVITEE_MATCHES \
  "(?2 = 1 OR c.name LIKE ?4 ESCAPE '\\' OR replace (c.name_pinyin, ' ', '') LIKE ?3 ESCAPE '\\'" \
  " OR c.name_pinyin LIKE ?3 ESCAPE '\\' OR c.name_initials LIKE ?3 ESCAPE '\\' OR i.code = ?5" \
  " OR EXISTS (SELECT 1 FROM customer_contacts cc WHERE cc.customer_id = c.id AND cc.value LIKE ?4 ESCAPE '\\'))"

  stmt = gx_db_prepare (db,
                        "SELECT 'invitee', i.id, NULL, c.name, i.status, i.code,"
                        "  (SELECT cc.value FROM customer_contacts cc WHERE cc.customer_id = c.id"
                        "     AND cc.kind IN ('mobile', 'landline') ORDER BY cc.is_primary DESC LIMIT 1),"
                        "  k.at, c.sort_key AS k1, 0 AS k2, c.name AS k3, NULL, NULL, k.id, a.score, a.comment"
                        " FROM invitations i JOIN customers c ON c.id = i.customer_id"
                        "  LEFT JOIN checkins k ON k.activity_id = i.activity_id AND k.invitation_id = i.id AND k.guest_id IS NULL"
                        "  LEFT JOIN activity_answers a ON a.checkin_id = k.id"
                        " WHERE i.activity_id = ?1 AND " INVITEE_MATCHES
                        " UNION ALL"
                        " SELECT 'guest', i.id, g.id, g.name, i.status, i.code, g.phone,"
                        "  k.at, c.sort_key, 1, g.name, c.name, g.relation, k.id, a.score, a.comment"
                        " FROM invitation_guests g JOIN invitations i ON i.id = g.invitation_id"
                        "  JOIN customers c ON c.id = i.customer_id LEFT JOIN customers p ON p.id = g.prospect_id"
                        "  LEFT JOIN checkins k ON k.activity_id = i.activity_id AND k.guest_id = g.id"
                        "  LEFT JOIN activity_answers a ON a.checkin_id = k.id"
                        " WHERE i.activity_id = ?1 AND (" INVITEE_MATCHES
                        "  OR g.name LIKE ?4 ESCAPE '\\' OR g.phone LIKE ?4 ESCAPE '\\'"
                        "  OR replace (p.name_pinyin, ' ', '') LIKE ?3 ESCAPE '\\' OR p.name_initials LIKE ?3 ESCAPE '\\')"
                        " UNION ALL"
                        " SELECT 'walk_in', NULL, NULL, k.walk_in_name, NULL, NULL, k.walk_in_phone, k.at,"
                        "  x'FF', 2, k.walk_in_name, NULL, NULL, k.id, a.score, a.comment"
                        " FROM checkins k LEFT JOIN activity_answers a ON a.checkin_id = k.id"
                        " WHERE k.activity_id = ?1 AND k.invitation_id IS NULL"
                        "  AND (?2 = 1 OR k.walk_in_name LIKE ?4 ESCAPE '\\' OR k.walk_in_phone LIKE ?4 ESCAPE '\\')"
                        " ORDER BY k1, k2, k3",
                        error);
#undef INVITEE_MATCHES
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, activity_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, all);
  sqlite3_bind_text (stmt, 3, prefix ? prefix : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, contains ? contains : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, code ? code : "", -1, SQLITE_TRANSIENT);

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

  {
    g_autofree char *timezone = gx_db_query_string (db, "SELECT timezone FROM activities WHERE id = ?",
                                                    g_variant_new ("(s)", activity_id), NULL);

    for (guint i = 0; i < people->len; i++)
      ((GxAttendee *) people->pdata[i])->timezone = g_strdup (timezone);
  }

  return g_steal_pointer (&people);
}
