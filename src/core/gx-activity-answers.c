/* gx-activity-answers.c: attendees' satisfaction answers after an activity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-activity"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-activity-private.h"
#include "gx-activity.h"
#include "gx-uuid.h"

/* Each attendee's answer (1–5, an optional comment) is a record of its own that belongs to
 * the attendance it rates: one per check-in, so the evaluation's satisfaction is counted from
 * what people said rather than typed as a mean, and two desks entering answers for different
 * attendees never touch the same record. */

/**
 * gx_activity_answer:
 * @db: the writer connection, inside a transaction
 * @checkin_id: the attendance the answer is about
 * @score: 1–5, or 0 to remove the answer
 * @comment: (nullable): what the attendee said; %NULL keeps the comment already recorded
 * @meta: who and when
 * @error: return location for a #GError naming the field at fault
 *
 * Records, changes or removes one attendee's satisfaction answer.
 *
 * Returns: %TRUE on success
 */
gboolean
gx_activity_answer (GxDb               *db,
                    const char         *checkin_id,
                    int                 score,
                    const char         *comment,
                    const GxWriteMeta  *meta,
                    GError            **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *answer_id = NULL;
  g_autofree char *activity_id = NULL;

  g_return_val_if_fail (checkin_id != NULL, FALSE);

  activity_id = gx_db_query_string (db, "SELECT activity_id FROM checkins WHERE id = ?",
                                    g_variant_new ("(s)", checkin_id), NULL);
  if (activity_id == NULL)
    {
      _gx_activity_fail (error, "checkin_id", _("Only people who came can answer: check them in first."));
      return FALSE;
    }

  answer_id = gx_db_query_string (db, "SELECT id FROM activity_answers WHERE checkin_id = ?",
                                  g_variant_new ("(s)", checkin_id), NULL);
  if (score == 0)
    return answer_id == NULL || gx_record_delete (db, "activity_answer", answer_id, meta, error);

  json_object_set_int_member (fields, "score", score);
  if (comment != NULL)
    {
      g_autofree char *clean = g_strstrip (g_strdup (comment));
      json_object_set_string_member (fields, "comment", clean);
    }
  json_object_set_int_member (fields, "answered_at", meta->now);
  if (meta->user_id != NULL)
    json_object_set_string_member (fields, "user_id", meta->user_id);

  if (answer_id != NULL)
    return gx_record_update (db, "activity_answer", answer_id, fields, meta, error);

  answer_id = gx_uuid_v7_new_at (meta->now * 1000);
  json_object_set_string_member (fields, "activity_id", activity_id);
  json_object_set_string_member (fields, "checkin_id", checkin_id);
  return gx_record_insert (db, "activity_answer", answer_id, fields, meta, error);
}

/**
 * gx_activity_count_answers:
 * @db: a connection
 * @activity_id: the activity
 * @counts: (out caller-allocates) (array fixed-size=5): answers scoring 1, 2, 3, 4 and 5
 *
 * Returns: how many attendees answered
 */
gint64
gx_activity_count_answers (GxDb       *db,
                           const char *activity_id,
                           gint64      counts[5])
{
  sqlite3_stmt *stmt;
  gint64 total = 0;

  memset (counts, 0, 5 * sizeof counts[0]);
  stmt = gx_db_prepare (db,
                        "SELECT score, count (*) FROM activity_answers WHERE activity_id = ? GROUP BY score",
                        NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, activity_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int score = sqlite3_column_int (stmt, 0);

      if (score >= 1 && score <= 5)
        {
          counts[score - 1] = sqlite3_column_int64 (stmt, 1);
          total += counts[score - 1];
        }
    }
  sqlite3_reset (stmt);
  return total;
}

/**
 * gx_activity_answers_mean:
 * @counts: (array fixed-size=5): answers scoring 1 to 5
 *
 * Returns: the mean score, or 0 without answers
 */
double
gx_activity_answers_mean (const gint64 counts[5])
{
  gint64 n = 0, sum = 0;

  for (int i = 0; i < 5; i++)
    {
      n += counts[i];
      sum += counts[i] * (i + 1);
    }
  return n > 0 ? (double) sum / (double) n : 0.0;
}

/**
 * gx_activity_rule_answer:
 *
 * An answer scores 1 to 5; it is given only by someone who came (a check-in of the same
 * activity), once per attendance, never for a cancelled activity; it stays with the
 * attendance it was given for.
 */
gboolean
gx_activity_rule_answer (GxDb          *db,
                         const GxKind  *kind,
                         GxRuleOp       op,
                         const char    *id,
                         JsonObject    *record,
                         JsonObject    *changes,
                         GError       **error)
{
  const char *activity_id, *checkin_id;
  g_autofree char *checkin_activity = NULL;
  g_autofree char *status = NULL;
  gint64 score;

  if (op == GX_RULE_DELETE)
    return TRUE;

  if (op == GX_RULE_UPDATE && changes != NULL &&
      (json_object_has_member (changes, "checkin_id") || json_object_has_member (changes, "activity_id")))
    {
      _gx_activity_fail (error, "checkin_id", _("An answer stays with the attendance it was given for."));
      return FALSE;
    }

  score = _gx_json_int (record, "score");
  if (score < 1 || score > 5)
    {
      _gx_activity_fail (error, "score", _("Satisfaction is a score from 1 to 5."));
      return FALSE;
    }

  activity_id = _gx_json_str (record, "activity_id");
  checkin_id = _gx_json_str (record, "checkin_id");
  checkin_activity = gx_db_query_string (db, "SELECT activity_id FROM checkins WHERE id = ?",
                                         g_variant_new ("(s)", checkin_id ? checkin_id : ""), NULL);
  if (checkin_activity == NULL || g_strcmp0 (checkin_activity, activity_id) != 0)
    {
      _gx_activity_fail (error, "checkin_id", _("Only people who came can answer: check them in first."));
      return FALSE;
    }

  status = gx_db_query_string (db, "SELECT status FROM activities WHERE id = ?",
                               g_variant_new ("(s)", activity_id), NULL);
  if (g_strcmp0 (status, "cancelled") == 0)
    {
      _gx_activity_fail (error, "activity_id", _("The activity was cancelled."));
      return FALSE;
    }

  if (op == GX_RULE_INSERT &&
      gx_db_query_int (db, "SELECT count (*) FROM activity_answers WHERE checkin_id = ? AND id <> ?",
                       g_variant_new ("(ss)", checkin_id, id), 0, NULL) > 0)
    {
      _gx_activity_fail (error, "checkin_id", _("This attendee has answered already; change that answer instead."));
      return FALSE;
    }

  return TRUE;
}
