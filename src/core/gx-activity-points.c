/* gx-activity-points.c: points for attendance, due within a week of the event
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
#include "gx-points.h"

/* Pure decisions */

/**
 * gx_activity_points_due:
 * @points: the points promised for attendance
 * @status: (nullable): the activity's status code
 * @ends_at: when it ends; 0 when not scheduled
 * @awarded_at: when points were awarded; 0 when not yet
 * @now: the current time
 *
 * Returns: where the activity's points stand against the week after it ends (rule 6)
 */
GxPointsDue
gx_activity_points_due (gint64      points,
                        const char *status,
                        gint64      ends_at,
                        gint64      awarded_at,
                        gint64      now)
{
  if (points <= 0 || g_strcmp0 (status, "cancelled") == 0)
    return GX_POINTS_DUE_NONE;
  if (awarded_at != 0)
    return GX_POINTS_DUE_AWARDED;
  if (ends_at == 0 || now < ends_at)
    return GX_POINTS_DUE_NOT_ENDED;
  if (now <= ends_at + GX_ACTIVITY_POINTS_WINDOW)
    return GX_POINTS_DUE_OPEN;
  return GX_POINTS_DUE_OVERDUE;
}

/**
 * gx_activity_points_days_left:
 * @ends_at: when the activity ends
 * @now: the current time
 *
 * Returns: the days left to award points, counted up (a few hours left is 1 day); 0 on the
 *   deadline itself; negative, counted in whole days, once it has passed
 */
int
gx_activity_points_days_left (gint64 ends_at,
                              gint64 now)
{
  gint64 left = ends_at + GX_ACTIVITY_POINTS_WINDOW - now;
  const gint64 day = 24 * 3600;

  if (left >= 0)
    return (int) ((left + day - 1) / day);
  return (int) -((-left + day - 1) / day);
}

/**
 * gx_activity_format_points_due:
 * @points: the points promised for attendance
 * @status: (nullable): the activity's status code
 * @ends_at: when it ends; 0 when not scheduled
 * @awarded_at: when points were awarded; 0 when not yet
 * @now: the current time
 *
 * Says in words where the points stand, so colour is never the only signal.
 *
 * Returns: (transfer full): "5 days left to award", "Overdue by 2 days", "Awarded", … or ""
 */
char *
gx_activity_format_points_due (gint64      points,
                               const char *status,
                               gint64      ends_at,
                               gint64      awarded_at,
                               gint64      now)
{
  int days;

  switch (gx_activity_points_due (points, status, ends_at, awarded_at, now))
    {
    case GX_POINTS_DUE_AWARDED:
      return g_strdup (_("Awarded"));
    case GX_POINTS_DUE_NOT_ENDED:
      return g_strdup (_("After the event"));
    case GX_POINTS_DUE_OPEN:
      days = gx_activity_points_days_left (ends_at, now);
      if (days == 0)
        return g_strdup (_("Due today"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left to award", "%d days left to award", (gulong) days), days);
    case GX_POINTS_DUE_OVERDUE:
      days = -gx_activity_points_days_left (ends_at, now);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Overdue by %d day", "Overdue by %d days", (gulong) days), days);
    case GX_POINTS_DUE_NONE:
    default:
      return g_strdup ("");
    }
}

/**
 * gx_activity_points_due_style:
 * @due: where the points stand
 * @days_left: the days left, from gx_activity_points_days_left()
 *
 * Returns: (nullable): the style class: `success` when awarded or with time to spare,
 *   `warning` in the last two days, `error` when overdue
 */
const char *
gx_activity_points_due_style (GxPointsDue due,
                              int         days_left)
{
  switch (due)
    {
    case GX_POINTS_DUE_AWARDED:
      return "success";
    case GX_POINTS_DUE_OPEN:
      return days_left <= 2 ? "warning" : "success";
    case GX_POINTS_DUE_OVERDUE:
      return "error";
    case GX_POINTS_DUE_NONE:
    case GX_POINTS_DUE_NOT_ENDED:
    default:
      return NULL;
    }
}

/* Awarding */

/**
 * gx_activity_award_points:
 * @db: the writer connection, inside a transaction
 * @activity_id: the activity
 * @meta: who and when
 * @outcome: (out caller-allocates) (optional): how many members were credited, and how many
 *   attendees are not members of the club
 * @error: return location for a #GError
 *
 * Credits the activity's points to every member of its club who checked in, in one action:
 * an earn entry in the points ledger per member (gx_points_earn(): expiring by the club's
 * rule), with the
 * activity as its source. Refused before the activity ends; a member never gets them twice
 * (attendees checked in late can be credited afterwards, the others are not touched).
 */
gboolean
gx_activity_award_points (GxDb               *db,
                          const char         *activity_id,
                          const GxWriteMeta  *meta,
                          GxActivityOutcome  *outcome,
                          GError            **error)
{
  g_autoptr(JsonObject) activity = NULL;
  g_autoptr(GPtrArray) memberships = g_ptr_array_new_with_free_func (g_free);
  GxActivityOutcome local_outcome = { 0 };
  const char *club_id;
  gint64 points, ends_at;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (activity_id != NULL, FALSE);
  g_return_val_if_fail (meta != NULL, FALSE);

  if (outcome == NULL)
    outcome = &local_outcome;
  memset (outcome, 0, sizeof *outcome);

  if (!(activity = gx_record_read (db, "activity", activity_id, error)))
    return FALSE;

  points = _gx_json_int (activity, "points");
  ends_at = _gx_json_int (activity, "ends_at");
  club_id = _gx_json_str (activity, "club_id");

  if (g_strcmp0 (_gx_json_str (activity, "status"), "cancelled") == 0)
    {
      _gx_activity_fail (error, "status", _("The activity was cancelled; it earns no points."));
      return FALSE;
    }
  if (points <= 0)
    {
      _gx_activity_fail (error, "points", _("This activity promises no points for attendance."));
      return FALSE;
    }
  if (club_id == NULL)
    {
      _gx_activity_fail (error, "club_id", _("Points go to a club’s ledger: choose the club of this activity first."));
      return FALSE;
    }
  if (ends_at == 0 || meta->now < ends_at)
    {
      _gx_activity_fail (error, "points_awarded_at", _("Points can be awarded once the activity has ended."));
      return FALSE;
    }

  /* Invitees who checked in and are current members of the club, not yet credited. */
  stmt = gx_db_prepare (db,
                        "SELECT m.id FROM checkins k"
                        "  JOIN invitations i ON i.id = k.invitation_id"
                        "  JOIN memberships m ON m.customer_id = i.customer_id AND m.club_id = ?2"
                        " WHERE k.activity_id = ?1 AND k.guest_id IS NULL AND m.cancelled_on IS NULL"
                        "   AND NOT EXISTS (SELECT 1 FROM points_ledger p WHERE p.membership_id = m.id"
                        "                     AND p.kind = 'earn' AND p.source_kind = 'activity' AND p.source_id = ?1)"
                        " ORDER BY k.at",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, activity_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, club_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (memberships, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return gx_db_set_error (db, error, "points_ledger");

  outcome->not_members =
    (guint) gx_db_query_int (db,
                             "SELECT count (*) FROM checkins k JOIN invitations i ON i.id = k.invitation_id"
                             " WHERE k.activity_id = ?1 AND k.guest_id IS NULL"
                             "   AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.customer_id = i.customer_id"
                             "                     AND m.club_id = ?2 AND m.cancelled_on IS NULL)",
                             g_variant_new ("(ss)", activity_id, club_id), 0, NULL);

  if (memberships->len == 0)
    {
      if (_gx_json_is_set (activity, "points_awarded_at"))
        _gx_activity_fail (error, "points_awarded_at",
                           _("Points for this activity were awarded already; every attendee who is a member has them."));
      else
        _gx_activity_fail (error, "points_awarded_at", _("Nobody to award: no member of the club has checked in."));
      return FALSE;
    }

  /* The club's ledger rules (expiry, booking what expired first) are the points ledger's. */
  for (guint i = 0; i < memberships->len; i++)
    {
      if (!gx_points_earn (db, memberships->pdata[i], points, "activity", activity_id,
                           _gx_json_str (activity, "title"), meta, NULL, error))
        return FALSE;
      outcome->awarded++;
    }

  if (!_gx_json_is_set (activity, "points_awarded_at"))
    {
      g_autoptr(JsonObject) changes = json_object_new ();

      json_object_set_int_member (changes, "points_awarded_at", meta->now);
      json_object_set_int_member (changes, "updated_at", meta->now);
      if (g_strcmp0 (_gx_json_str (activity, "status"), "planned") == 0 ||
          g_strcmp0 (_gx_json_str (activity, "status"), "scheduled") == 0)
        json_object_set_string_member (changes, "status", "held");
      if (!gx_record_update (db, "activity", activity_id, changes, meta, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * gx_activity_rule_points_entry:
 *
 * Points earned for an activity (`source_kind` 'activity'): only after it ended, only the
 * points it promises, only to a member of its club who checked in, and once.
 */
gboolean
gx_activity_rule_points_entry (GxDb          *db,
                               const GxKind  *kind,
                               GxRuleOp       op,
                               const char    *id,
                               JsonObject    *record,
                               JsonObject    *changes,
                               GError       **error)
{
  g_autoptr(JsonObject) activity = NULL;
  const char *activity_id = _gx_json_str (record, "source_id");
  const char *membership_id = _gx_json_str (record, "membership_id");
  g_autofree char *member_club = NULL;
  g_autofree char *message = NULL;
  gint64 ends_at;

  if (op != GX_RULE_INSERT || g_strcmp0 (_gx_json_str (record, "source_kind"), "activity") != 0)
    return TRUE;

  if (g_strcmp0 (_gx_json_str (record, "kind"), "earn") != 0)
    {
      _gx_activity_fail (error, "kind", _("Points for an activity are earned points."));
      return FALSE;
    }

  if (activity_id == NULL || !(activity = gx_record_read (db, "activity", activity_id, NULL)))
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "source_id", _("The activity no longer exists."));
      return FALSE;
    }

  ends_at = _gx_json_int (activity, "ends_at");
  if (ends_at == 0 || _gx_json_int (record, "at") < ends_at)
    {
      message = g_strdup_printf (_("Points for “%s” can be awarded only after it has ended."), _gx_json_str (activity, "title"));
      _gx_activity_fail (error, "at", message);
      return FALSE;
    }

  if (_gx_json_int (record, "points") != _gx_json_int (activity, "points"))
    {
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” promises %d point for attendance.",
                                              "“%s” promises %d points for attendance.",
                                              (gulong) _gx_json_int (activity, "points")),
                                 _gx_json_str (activity, "title"), (int) _gx_json_int (activity, "points"));
      _gx_activity_fail (error, "points", message);
      return FALSE;
    }

  member_club = gx_db_query_string (db, "SELECT club_id FROM memberships WHERE id = ?",
                                    g_variant_new ("(s)", membership_id ? membership_id : ""), NULL);
  if (member_club == NULL || g_strcmp0 (member_club, _gx_json_str (activity, "club_id")) != 0)
    {
      _gx_activity_fail (error, "membership_id", _("Points for an activity go to members of its club."));
      return FALSE;
    }

  if (gx_db_query_int (db,
                       "SELECT count (*) FROM checkins k JOIN invitations i ON i.id = k.invitation_id"
                       "  JOIN memberships m ON m.customer_id = i.customer_id"
                       " WHERE k.activity_id = ? AND k.guest_id IS NULL AND m.id = ?",
                       g_variant_new ("(ss)", activity_id, membership_id), 0, NULL) == 0)
    {
      _gx_activity_fail (error, "membership_id", _("Only members who checked in earn the points of an activity."));
      return FALSE;
    }

  if (gx_db_query_int (db,
                       "SELECT count (*) FROM points_ledger WHERE membership_id = ? AND kind = 'earn'"
                       " AND source_kind = 'activity' AND source_id = ?",
                       g_variant_new ("(ss)", membership_id, activity_id), 0, NULL) > 0)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_EXISTS, "source_id",
                                 _("This member has the points of this activity already."));
      return FALSE;
    }

  return TRUE;
}
