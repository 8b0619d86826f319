/* gx-activity-checkin.c: check-in at the venue — invitees, guests, walk-ins, scanned codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-activity"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-activity-private.h"
#include "gx-activity.h"
#include "gx-format.h"
#include "gx-uuid.h"
#include "gx-validate.h"

/* Check-in works offline: it is a local write like any other, synced later. Each person is
 * checked in once — the rule says so with a name and a time, and the database's unique
 * indexes hold even for rows that arrive by sync. */

static char *
dup_person_name (GxDb       *db,
                 const char *invitation_id,
                 const char *guest_id)
{
  if (guest_id != NULL)
    return gx_db_query_string (db, "SELECT name FROM invitation_guests WHERE id = ?",
                               g_variant_new ("(s)", guest_id), NULL);

  return gx_db_query_string (db, "SELECT c.name FROM invitations i JOIN customers c ON c.id = i.customer_id WHERE i.id = ?",
                             g_variant_new ("(s)", invitation_id), NULL);
}

/* The first check-in of a scheduled activity means it is taking place. */
static gboolean
mark_held (GxDb              *db,
           const char        *activity_id,
           const GxWriteMeta *meta,
           GError           **error)
{
  g_autofree char *status = gx_db_query_string (db, "SELECT status FROM activities WHERE id = ?",
                                                g_variant_new ("(s)", activity_id), NULL);
  g_autoptr(JsonObject) changes = NULL;

  if (g_strcmp0 (status, "planned") != 0 && g_strcmp0 (status, "scheduled") != 0)
    return TRUE;

  changes = json_object_new ();
  json_object_set_string_member (changes, "status", "held");
  json_object_set_int_member (changes, "updated_at", meta->now);
  return gx_record_update (db, "activity", activity_id, changes, meta, error);
}

static gboolean
insert_checkin (GxDb               *db,
                JsonObject         *fields,
                const GxWriteMeta  *meta,
                char              **checkin_id,
                GError            **error)
{
  g_autofree char *id = gx_uuid_v7_new_at (meta->now * 1000);

  json_object_set_int_member (fields, "at", meta->now);
  if (meta->user_id != NULL)
    json_object_set_string_member (fields, "user_id", meta->user_id);

  if (!gx_record_insert (db, "checkin", id, fields, meta, error) ||
      !mark_held (db, _gx_json_str (fields, "activity_id"), meta, error))
    return FALSE;

  if (checkin_id != NULL)
    *checkin_id = g_steal_pointer (&id);
  return TRUE;
}

/**
 * gx_activity_check_in:
 * @db: the writer connection, inside a transaction
 * @activity_id: the activity
 * @invitation_id: the invitation of the person arriving
 * @guest_id: (nullable): the guest arriving, or %NULL for the invitee
 * @meta: who and when
 * @checkin_id: (out) (optional) (transfer full): the check-in's id
 * @error: return location for a #GError
 *
 * Checks an invitee or one of their guests in. A second check-in of the same person is
 * refused, naming when the first one was.
 */
gboolean
gx_activity_check_in (GxDb               *db,
                      const char         *activity_id,
                      const char         *invitation_id,
                      const char         *guest_id,
                      const GxWriteMeta  *meta,
                      char              **checkin_id,
                      GError            **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (activity_id != NULL, FALSE);
  g_return_val_if_fail (invitation_id != NULL, FALSE);
  g_return_val_if_fail (meta != NULL, FALSE);

  json_object_set_string_member (fields, "activity_id", activity_id);
  json_object_set_string_member (fields, "invitation_id", invitation_id);
  if (guest_id != NULL)
    json_object_set_string_member (fields, "guest_id", guest_id);

  return insert_checkin (db, fields, meta, checkin_id, error);
}

/**
 * gx_activity_check_in_code:
 * @db: the writer connection, inside a transaction
 * @activity_id: the activity at the venue
 * @code: the code printed on the invitation, as typed or scanned
 * @meta: who and when
 * @name: (out) (optional) (transfer full): the invitee's name
 * @error: return location for a #GError
 *
 * Checks in the invitee whose letter carries @code. A barcode scanner types the code like a
 * keyboard; case and spaces do not matter.
 */
gboolean
gx_activity_check_in_code (GxDb               *db,
                           const char         *activity_id,
                           const char         *code,
                           const GxWriteMeta  *meta,
                           char              **name,
                           GError            **error)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  g_autofree char *invitation_id = NULL;
  g_autofree char *other_activity = NULL;

  for (const char *p = code ? code : ""; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (clean, g_ascii_toupper (*p));

  invitation_id = gx_db_query_string (db, "SELECT id FROM invitations WHERE code = ?",
                                      g_variant_new ("(s)", clean->str), NULL);
  if (invitation_id == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("No invitation has the code %s."), clean->str);
      gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "code", message);
      return FALSE;
    }

  other_activity = gx_db_query_string (db,
                                       "SELECT a.title FROM invitations i JOIN activities a ON a.id = i.activity_id"
                                       " WHERE i.id = ? AND a.id <> ?",
                                       g_variant_new ("(ss)", invitation_id, activity_id), NULL);
  if (other_activity != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("This invitation is for another activity: %s."), other_activity);
      _gx_activity_fail (error, "code", message);
      return FALSE;
    }

  if (!gx_activity_check_in (db, activity_id, invitation_id, NULL, meta, NULL, error))
    return FALSE;

  if (name != NULL)
    *name = dup_person_name (db, invitation_id, NULL);
  return TRUE;
}

/**
 * gx_activity_walk_in:
 * @db: the writer connection, inside a transaction
 * @activity_id: the activity
 * @name: the walk-in's name
 * @phone: (nullable): their phone
 * @meta: who and when
 * @checkin_id: (out) (optional) (transfer full): the check-in's id
 * @error: return location for a #GError naming the field at fault
 *
 * Checks in someone who came without an invitation. They are found in the archive by phone or
 * recorded as a prospect of the activity's owner; someone who turns out to be invited is
 * checked in on their invitation instead.
 */
gboolean
gx_activity_walk_in (GxDb               *db,
                     const char         *activity_id,
                     const char         *name,
                     const char         *phone,
                     const GxWriteMeta  *meta,
                     char              **checkin_id,
                     GError            **error)
{
  g_autofree char *clean_name = g_strstrip (g_strdup (name ? name : ""));
  g_autofree char *clean_phone = NULL;
  g_autofree char *owner_id = NULL;
  g_autofree char *prospect_id = NULL;
  g_autofree char *invitation_id = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) phone_error = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (activity_id != NULL, FALSE);

  if (*clean_name == '\0')
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_REQUIRED, "walk_in_name", _("Enter the name of the person who walked in."));
      return FALSE;
    }
  if (phone != NULL && *phone != '\0')
    {
      if (!gx_validate_phone (phone, &phone_error))
        {
          _gx_activity_fail (error, "walk_in_phone", phone_error->message);
          return FALSE;
        }
      clean_phone = gx_phone_normalize (phone);
    }

  owner_id = gx_db_query_string (db, "SELECT owner_id FROM activities WHERE id = ?",
                                 g_variant_new ("(s)", activity_id), NULL);
  if (!_gx_activity_ensure_prospect (db, clean_name, clean_phone, owner_id, meta, &prospect_id, NULL, error))
    return FALSE;

  invitation_id = gx_db_query_string (db, "SELECT id FROM invitations WHERE activity_id = ? AND customer_id = ?",
                                      g_variant_new ("(ss)", activity_id, prospect_id), NULL);
  if (invitation_id != NULL)
    return gx_activity_check_in (db, activity_id, invitation_id, NULL, meta, checkin_id, error);

  json_object_set_string_member (fields, "activity_id", activity_id);
  json_object_set_string_member (fields, "walk_in_name", clean_name);
  json_object_set_string_member (fields, "walk_in_phone", clean_phone ? clean_phone : "");
  json_object_set_string_member (fields, "prospect_id", prospect_id);
  return insert_checkin (db, fields, meta, checkin_id, error);
}

/* The rule */

static gboolean
refuse_second (GxDb        *db,
               const char  *sql,
               GVariant    *params,
               const char  *name,
               GError     **error)
{
  gint64 at = gx_db_query_int (db, sql, params, 0, NULL);
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;

  if (at == 0)
    return TRUE;

  when = gx_format_date_time (at, NULL);
  /* Translators: %s is a person's name, then a date and time */
  message = g_strdup_printf (_("%s checked in already, at %s."), name ? name : "", when);
  gx_record_set_field_error (error, GX_RECORD_ERROR_EXISTS, "invitation_id", message);
  return FALSE;
}

/**
 * gx_activity_rule_checkin:
 *
 * No check-in without an invitation to the same activity (or a walk-in's name); a guest
 * only with their invitee's invitation; nobody twice; none for a cancelled activity.
 */
gboolean
gx_activity_rule_checkin (GxDb          *db,
                          const GxKind  *kind,
                          GxRuleOp       op,
                          const char    *id,
                          JsonObject    *record,
                          JsonObject    *changes,
                          GError       **error)
{
  const char *activity_id = _gx_json_str (record, "activity_id");
  const char *invitation_id = _gx_json_str (record, "invitation_id");
  const char *guest_id = _gx_json_str (record, "guest_id");
  const char *walk_in_name = _gx_json_str (record, "walk_in_name");
  const char *prospect_id = _gx_json_str (record, "prospect_id");
  g_autofree char *status = NULL;
  g_autofree char *name = NULL;

  if (op != GX_RULE_INSERT)
    return TRUE;

  status = gx_db_query_string (db, "SELECT status FROM activities WHERE id = ?",
                               g_variant_new ("(s)", activity_id ? activity_id : ""), NULL);
  if (status == NULL)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "activity_id", _("The activity no longer exists."));
      return FALSE;
    }
  if (g_strcmp0 (status, "cancelled") == 0)
    {
      _gx_activity_fail (error, "activity_id", _("The activity was cancelled; nobody can check in."));
      return FALSE;
    }

  if (invitation_id == NULL)
    {
      g_autofree char *clean = g_strstrip (g_strdup (walk_in_name ? walk_in_name : ""));

      if (guest_id != NULL || *clean == '\0')
        {
          _gx_activity_fail (error, "invitation_id",
                             _("A check-in needs an invitation to this activity, or a walk-in with a name."));
          return FALSE;
        }
      if (prospect_id != NULL)
        return refuse_second (db, "SELECT at FROM checkins WHERE activity_id = ? AND prospect_id = ?",
                              g_variant_new ("(ss)", activity_id, prospect_id), clean, error);
      return TRUE;
    }

  if (gx_db_query_int (db, "SELECT count (*) FROM invitations WHERE id = ? AND activity_id = ?",
                       g_variant_new ("(ss)", invitation_id, activity_id), 0, NULL) == 0)
    {
      _gx_activity_fail (error, "invitation_id", _("This person has no invitation to this activity."));
      return FALSE;
    }

  if (guest_id != NULL)
    {
      if (gx_db_query_int (db, "SELECT count (*) FROM invitation_guests WHERE id = ? AND invitation_id = ?",
                           g_variant_new ("(ss)", guest_id, invitation_id), 0, NULL) == 0)
        {
          _gx_activity_fail (error, "guest_id", _("This guest is not in the invitee’s party."));
          return FALSE;
        }
      name = dup_person_name (db, invitation_id, guest_id);
      return refuse_second (db, "SELECT at FROM checkins WHERE activity_id = ? AND guest_id = ?",
                            g_variant_new ("(ss)", activity_id, guest_id), name, error);
    }

  name = dup_person_name (db, invitation_id, NULL);
  return refuse_second (db, "SELECT at FROM checkins WHERE activity_id = ? AND invitation_id = ? AND guest_id IS NULL",
                        g_variant_new ("(ss)", activity_id, invitation_id), name, error);
}
