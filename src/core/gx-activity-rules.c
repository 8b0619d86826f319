/* gx-activity-rules.c: the rules over activity, invitation and guest writes
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

/* These run on every write of their kind — the desk's own (through gx-activity.c or any other
 * path) and every mutation the server applies from a push — so capacity, deadlines and the
 * points promise hold wherever a change comes from. They read the database as it is before
 * the write, inside the write's transaction. */

/* Places held by the activity's other parties. */
static gint64
held_by_others (GxDb       *db,
                const char *activity_id,
                const char *invitation_id)
{
  return gx_db_query_int (db,
                          "SELECT coalesce (sum (1 + (SELECT count (*) FROM invitation_guests g WHERE g.invitation_id = i.id)), 0)"
                          "  FROM invitations i WHERE i.activity_id = ? AND i.id <> ? AND i.status IN ('accepted', 'offered')",
                          g_variant_new ("(ss)", activity_id, invitation_id ? invitation_id : ""), 0, NULL);
}

static gboolean
has_override (JsonObject *invitation)
{
  const char *note = _gx_json_str (invitation, "override_note");

  if (note == NULL)
    return FALSE;
  while (g_ascii_isspace (*note))
    note++;
  return *note != '\0';
}

static void
fail_full (GError     **error,
           gint64       free_places,
           gint64       size)
{
  g_autofree char *message = NULL;

  if (free_places <= 0)
    message = g_strdup (_("The activity is full. Put the party on the waitlist, or record an override with a reason."));
  else
    /* Translators: the first %d is the party's size, the second the free places */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "A party of %d does not fit: %d place is free. Put the party on the waitlist, or record an override with a reason.",
                                            "A party of %d does not fit: %d places are free. Put the party on the waitlist, or record an override with a reason.",
                                            (gulong) free_places),
                               (int) size, (int) free_places);
  _gx_activity_fail (error, "status", message);
}

/**
 * gx_activity_rule_activity:
 *
 * An activity does not end before it starts; registration closes before it starts; the
 * capacity is not lowered below the places taken; a target group's saved filter exists; points, once awarded, are never awarded
 * again or taken back through the activity, and never before it ended; an activity with
 * check-ins or awarded points is cancelled, not deleted.
 */
gboolean
gx_activity_rule_activity (GxDb          *db,
                           const GxKind  *kind,
                           GxRuleOp       op,
                           const char    *id,
                           JsonObject    *record,
                           JsonObject    *changes,
                           GError       **error)
{
  gint64 starts_at, ends_at, deadline, awarded_at, capacity;

  if (op == GX_RULE_DELETE)
    {
      if (gx_db_query_int (db, "SELECT count (*) FROM checkins WHERE activity_id = ?", g_variant_new ("(s)", id), 0, NULL) > 0 ||
          gx_db_query_int (db, "SELECT count (*) FROM activities WHERE id = ? AND points_awarded_at IS NOT NULL",
                           g_variant_new ("(s)", id), 0, NULL) > 0)
        {
          _gx_activity_fail (error, "status", _("People have checked in to this activity: cancel it instead of deleting it."));
          return FALSE;
        }
      return TRUE;
    }

  starts_at = _gx_json_int (record, "starts_at");
  ends_at = _gx_json_int (record, "ends_at");
  deadline = _gx_json_int (record, "registration_deadline");
  awarded_at = _gx_json_int (record, "points_awarded_at");
  capacity = _gx_json_int (record, "capacity");

  if (_gx_json_is_set (record, "ends_at") && !_gx_json_is_set (record, "starts_at"))
    {
      _gx_activity_fail (error, "starts_at", _("Enter when the activity starts."));
      return FALSE;
    }
  if (_gx_json_is_set (record, "ends_at") && ends_at < starts_at)
    {
      _gx_activity_fail (error, "ends_at", _("The activity cannot end before it starts."));
      return FALSE;
    }
  if (_gx_json_is_set (record, "registration_deadline") && _gx_json_is_set (record, "starts_at") && deadline > starts_at)
    {
      _gx_activity_fail (error, "registration_deadline", _("Registration must close before the activity starts."));
      return FALSE;
    }
  if (_gx_json_is_set (record, "target_filter_id") &&
      gx_db_query_int (db, "SELECT count (*) FROM customer_filters WHERE id = ?",
                       g_variant_new ("(s)", _gx_json_str (record, "target_filter_id")), 0, NULL) == 0)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "target_filter_id",
                                 _("The saved customer filter of the target group no longer exists."));
      return FALSE;
    }

  if (op == GX_RULE_UPDATE)
    {
      gint64 was_awarded = gx_db_query_int (db, "SELECT points_awarded_at FROM activities WHERE id = ?",
                                            g_variant_new ("(s)", id), 0, NULL);

      if (was_awarded != 0 && json_object_has_member (changes, "points_awarded_at"))
        {
          _gx_activity_fail (error, "points_awarded_at", _("Points for this activity were awarded already; that is never repeated or undone."));
          return FALSE;
        }
      if (was_awarded != 0 && json_object_has_member (changes, "points"))
        {
          _gx_activity_fail (error, "points", _("Points for this activity were awarded already; the points promised cannot change."));
          return FALSE;
        }
      if (was_awarded != 0 && json_object_has_member (changes, "ends_at"))
        {
          _gx_activity_fail (error, "ends_at", _("Points for this activity were awarded already; its end cannot move."));
          return FALSE;
        }
      if (json_object_has_member (changes, "capacity") && capacity > 0)
        {
          GxActivityPlaces places;

          if (gx_activity_count_places (db, id, &places, NULL) && places.held > capacity)
            {
              g_autofree char *message =
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%d place is taken already; the capacity cannot be lower.",
                                              "%d places are taken already; the capacity cannot be lower.",
                                              (gulong) places.held),
                                 (int) places.held);
              _gx_activity_fail (error, "capacity", message);
              return FALSE;
            }
        }
    }

  if (awarded_at != 0 && (ends_at == 0 || awarded_at < ends_at))
    {
      _gx_activity_fail (error, "points_awarded_at", _("Points can be awarded once the activity has ended."));
      return FALSE;
    }

  return TRUE;
}

/**
 * gx_activity_rule_invitation:
 *
 * An invitation takes places only where they are free (the invitee and their guests count),
 * unless an override note says why; a new acceptance comes before the registration deadline
 * (unless overridden); a waitlisted invitation has its time in line and an offer its expiry;
 * a cancelled activity takes no new invitations or acceptances.
 */
gboolean
gx_activity_rule_invitation (GxDb          *db,
                             const GxKind  *kind,
                             GxRuleOp       op,
                             const char    *id,
                             JsonObject    *record,
                             JsonObject    *changes,
                             GError       **error)
{
  g_autoptr(JsonObject) activity = NULL;
  g_autofree char *old_status = NULL;
  const char *activity_id = _gx_json_str (record, "activity_id");
  const char *status = _gx_json_str (record, "status");
  gboolean status_changes;

  if (op == GX_RULE_DELETE)
    {
      if (gx_db_query_int (db, "SELECT count (*) FROM checkins WHERE invitation_id = ?", g_variant_new ("(s)", id), 0, NULL) > 0)
        {
          _gx_activity_fail (error, "status", _("This invitee has checked in: the invitation stays."));
          return FALSE;
        }
      return TRUE;
    }

  if (g_strcmp0 (status, "waitlisted") == 0 && !_gx_json_is_set (record, "waitlisted_at"))
    {
      _gx_activity_fail (error, "waitlisted_at", _("A place on the waitlist needs the time it was taken."));
      return FALSE;
    }
  if (g_strcmp0 (status, "offered") == 0 && !_gx_json_is_set (record, "offer_expires_at"))
    {
      _gx_activity_fail (error, "offer_expires_at", _("An offered place needs the time the offer expires."));
      return FALSE;
    }

  if (op == GX_RULE_UPDATE)
    {
      old_status = gx_db_query_string (db, "SELECT status FROM invitations WHERE id = ?", g_variant_new ("(s)", id), NULL);
      if (json_object_has_member (changes, "activity_id") || json_object_has_member (changes, "customer_id"))
        {
          _gx_activity_fail (error, "activity_id", _("An invitation stays with its activity and invitee; invite the person again instead."));
          return FALSE;
        }
    }
  status_changes = op == GX_RULE_INSERT || (changes != NULL && json_object_has_member (changes, "status"));
  if (!status_changes)
    return TRUE;

  if (activity_id == NULL || !(activity = gx_record_read (db, "activity", activity_id, NULL)))
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "activity_id", _("The activity no longer exists."));
      return FALSE;
    }

  if (g_strcmp0 (_gx_json_str (activity, "status"), "cancelled") == 0 &&
      (op == GX_RULE_INSERT || gx_activity_status_holds_place (status)))
    {
      _gx_activity_fail (error, "status", _("The activity was cancelled."));
      return FALSE;
    }

  /* Taking places. */
  if (gx_activity_status_holds_place (status) && !gx_activity_status_holds_place (old_status) &&
      _gx_json_int (activity, "capacity") > 0 && !has_override (record))
    {
      gint64 capacity = _gx_json_int (activity, "capacity");
      gint64 size = op == GX_RULE_INSERT ? 1 : gx_activity_party_size (db, id);
      gint64 free_places = capacity - held_by_others (db, activity_id, id);

      if (size > free_places)
        {
          fail_full (error, free_places, size);
          return FALSE;
        }
    }

  /* A new yes after registration closed; a yes from the waitlist or to an offer was given
   * in time. */
  if ((g_strcmp0 (status, "accepted") == 0 || g_strcmp0 (status, "waitlisted") == 0) &&
      g_strcmp0 (old_status, "offered") != 0 && g_strcmp0 (old_status, "waitlisted") != 0 &&
      g_strcmp0 (old_status, "accepted") != 0 && !has_override (record))
    {
      gint64 deadline = _gx_json_int (activity, "registration_deadline");
      gint64 responded_at = _gx_json_int (record, "responded_at");

      if (deadline != 0 && responded_at > deadline)
        {
          _gx_activity_fail (error, "status",
                             _("Registration has closed for this activity. Record an override with a reason to accept anyway."));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * gx_activity_rule_guest:
 *
 * A guest joins a party that holds its places only into a free place (unless the
 * invitation carries an override), and stays with the invitation they came with.
 */
gboolean
gx_activity_rule_guest (GxDb          *db,
                        const GxKind  *kind,
                        GxRuleOp       op,
                        const char    *id,
                        JsonObject    *record,
                        JsonObject    *changes,
                        GError       **error)
{
  g_autoptr(JsonObject) invitation = NULL;
  g_autoptr(JsonObject) activity = NULL;
  const char *invitation_id = _gx_json_str (record, "invitation_id");
  gint64 capacity;

  if (op == GX_RULE_UPDATE && json_object_has_member (changes, "invitation_id"))
    {
      _gx_activity_fail (error, "invitation_id", _("A guest stays with the invitee who brings them."));
      return FALSE;
    }
  if (op != GX_RULE_INSERT)
    return TRUE;

  if (invitation_id == NULL || !(invitation = gx_record_read (db, "invitation", invitation_id, NULL)))
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "invitation_id", _("The invitation no longer exists."));
      return FALSE;
    }
  if (!gx_activity_status_holds_place (_gx_json_str (invitation, "status")) || has_override (invitation))
    return TRUE;

  activity = gx_record_read (db, "activity", _gx_json_str (invitation, "activity_id"), NULL);
  capacity = _gx_json_int (activity, "capacity");
  if (capacity > 0)
    {
      GxActivityPlaces places;

      if (gx_activity_count_places (db, _gx_json_str (invitation, "activity_id"), &places, NULL) &&
          places.held + 1 > capacity)
        {
          _gx_activity_fail (error, "name",
                             _("No place is free for another guest. Put the party on the waitlist, or record an override with a reason."));
          return FALSE;
        }
    }

  return TRUE;
}
