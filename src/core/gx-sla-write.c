/* gx-sla-write.c: supervisors edit time limits and the working calendar without rewriting
 * the past
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-sla-write"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-sla.h"
#include "gx-uuid.h"
#include "gx-validate.h"

/* An edited time limit becomes a new version: a new row replacing the old one, which is
 * kept inactive. Open cases keep the version they started under; new cases and cases whose
 * severity changes take the new one. New working hours hold from a date on (a new version of
 * the calendar), so deadlines already computed for earlier days do not move. Holidays and
 * 调休 working days are rows of their own. */

static gboolean
refuse (GError     **error,
        const char  *field,
        const char  *message)
{
  gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, field, message);
  return FALSE;
}

static const char * const policy_fields[] = {
  "name", "severity", "tier_id", "ack_minutes", "resolve_minutes", "business_hours", "calendar_id",
  "review_required", "warn_percent", "escalate_minutes", "max_level", NULL
};

/**
 * gx_sla_policy_save:
 * @db: the writer connection, inside a transaction
 * @policy_id: the policy edited
 * @changes: new values among name, limits in minutes, business hours, review, warning and
 *   escalation settings
 * @meta: who and when
 * @new_id: (out) (optional) (transfer full): the new version's id
 * @error: return location for a #GX_RECORD_ERROR naming the field to fix
 */
gboolean
gx_sla_policy_save (GxDb               *db,
                    const char         *policy_id,
                    JsonObject         *changes,
                    const GxWriteMeta  *meta,
                    char              **new_id,
                    GError            **error)
{
  g_autoptr(JsonObject) current = gx_record_read (db, "sla_policy", policy_id, error);
  g_autoptr(JsonObject) version = json_object_new ();
  g_autoptr(JsonObject) retire = json_object_new ();
  g_autofree char *id = gx_uuid_v7_new_at (meta->now * 1000);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (current == NULL)
    return FALSE;

  json_object_iter_init (&iter, changes);
  while (json_object_iter_next (&iter, &name, &node))
    if (!g_strv_contains (policy_fields, name))
      {
        g_autofree char *message = g_strdup_printf (_("“%s” is not changed here."), name);
        return refuse (error, name, message);
      }

  for (guint i = 0; policy_fields[i] != NULL; i++)
    {
      const char *field = policy_fields[i];
      JsonNode *value = json_object_has_member (changes, field) ? json_object_get_member (changes, field)
                                                                : json_object_get_member (current, field);
      if (value != NULL)
        json_object_set_member (version, field, json_node_copy (value));
    }

  if (json_object_get_int_member (version, "ack_minutes") <= 0)
    return refuse (error, "ack_minutes", _("The time to acknowledge must be longer than nothing."));
  if (json_object_get_int_member (version, "resolve_minutes") < json_object_get_int_member (version, "ack_minutes"))
    return refuse (error, "resolve_minutes", _("The time to answer cannot be shorter than the time to acknowledge."));
  if (json_object_get_int_member (version, "warn_percent") < 1 || json_object_get_int_member (version, "warn_percent") > 100)
    return refuse (error, "warn_percent", _("The warning starts between 1 and 100 percent of the time allowed."));
  if (json_object_get_int_member (version, "escalate_minutes") <= 0)
    return refuse (error, "escalate_minutes", _("The time between escalation levels must be longer than nothing."));

  json_object_set_int_member (version, "active", 1);
  json_object_set_string_member (version, "replaces_id", policy_id);
  if (!gx_record_insert (db, "sla_policy", id, version, meta, error))
    return FALSE;

  json_object_set_int_member (retire, "active", 0);
  if (!gx_record_update (db, "sla_policy", policy_id, retire, meta, error))
    return FALSE;

  if (new_id != NULL)
    *new_id = g_steal_pointer (&id);
  return TRUE;
}

/**
 * gx_sla_policy_add_for_tier:
 * @db: the writer connection, inside a transaction
 * @severity: a severity code
 * @tier_id: a customer tier
 * @meta: who and when
 * @new_id: (out) (optional) (transfer full): the new policy's id
 * @error: return location for a #GX_RECORD_ERROR naming the field to fix
 *
 * Adds a time limit for the cases of one severity from customers of one tier (diamond
 * customers answered sooner, say), starting as a copy of the severity's general limit.
 */
gboolean
gx_sla_policy_add_for_tier (GxDb               *db,
                            const char         *severity,
                            const char         *tier_id,
                            const GxWriteMeta  *meta,
                            char              **new_id,
                            GError            **error)
{
  g_autofree char *general = NULL;
  g_autofree char *tier_name = NULL;
  g_autofree char *id = gx_uuid_v7_new_at (meta->now * 1000);
  g_autoptr(JsonObject) base = NULL;
  g_autoptr(JsonObject) policy = json_object_new ();

  tier_name = gx_db_query_string (db, "SELECT name FROM tiers WHERE id = ?", g_variant_new ("(s)", tier_id ? tier_id : ""), NULL);
  if (tier_name == NULL)
    return refuse (error, "tier_id", _("Choose a customer tier."));
  if (gx_db_query_int (db, "SELECT count(*) FROM sla_policies WHERE active = 1 AND severity = ? AND tier_id = ?",
                       g_variant_new ("(ss)", severity ? severity : "", tier_id), 0, NULL) > 0)
    return refuse (error, "tier_id", _("These customers already have a time limit of their own for this severity."));

  general = gx_db_query_string (db,
                                "SELECT id FROM sla_policies WHERE active = 1 AND severity = ? AND tier_id IS NULL"
                                " ORDER BY id LIMIT 1",
                                g_variant_new ("(s)", severity ? severity : ""), NULL);
  if (general == NULL)
    return refuse (error, "severity", _("There is no time limit for this severity to start from."));

  base = gx_record_read (db, "sla_policy", general, error);
  if (base == NULL)
    return FALSE;

  for (guint i = 0; policy_fields[i] != NULL; i++)
    if (json_object_has_member (base, policy_fields[i]))
      json_object_set_member (policy, policy_fields[i], json_node_copy (json_object_get_member (base, policy_fields[i])));
  {
    g_autofree char *name = g_strdup_printf ("%s (%s)", json_object_get_string_member (base, "name"), tier_name);
    json_object_set_string_member (policy, "name", name);
  }
  json_object_set_string_member (policy, "tier_id", tier_id);
  json_object_set_int_member (policy, "active", 1);
  if (!gx_record_insert (db, "sla_policy", id, policy, meta, error))
    return FALSE;

  if (new_id != NULL)
    *new_id = g_steal_pointer (&id);
  return TRUE;
}

/**
 * gx_work_calendar_save_hours:
 * @db: the writer connection, inside a transaction
 * @calendar_id: the calendar (its first version's id)
 * @valid_from: the first day the hours hold, 'YYYY-MM-DD'
 * @day_start: start of the working day, minutes after midnight
 * @day_end: its end
 * @weekdays: ISO weekday digits that are working days, e.g. "12345"
 * @meta: who and when
 * @error: return location for a #GX_RECORD_ERROR naming the field to fix
 *
 * Adds a version of the calendar holding from @valid_from on.
 */
gboolean
gx_work_calendar_save_hours (GxDb               *db,
                             const char         *calendar_id,
                             const char         *valid_from,
                             int                 day_start,
                             int                 day_end,
                             const char         *weekdays,
                             const GxWriteMeta  *meta,
                             GError            **error)
{
  g_autoptr(GxWorkCalendar) check = gx_work_calendar_new (NULL);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonObject) version = json_object_new ();
  g_autofree char *id = gx_uuid_v7_new_at (meta->now * 1000);
  g_autofree char *name = NULL;
  g_autofree char *timezone = NULL;

  if (!gx_work_calendar_add_version (check, valid_from, day_start, day_end, weekdays, &local_error))
    return refuse (error, !gx_validate_date (valid_from, NULL) ? "valid_from" : "day_end", local_error->message);
  if (weekdays == NULL || *weekdays == '\0')
    return refuse (error, "weekdays", _("Choose at least one working day."));

  name = gx_db_query_string (db, "SELECT name FROM work_calendars WHERE id = ?", g_variant_new ("(s)", calendar_id), NULL);
  timezone = gx_db_query_string (db, "SELECT timezone FROM work_calendars WHERE id = ?1 OR base_id = ?1"
                                     " ORDER BY valid_from DESC LIMIT 1", g_variant_new ("(s)", calendar_id), NULL);
  if (name == NULL)
    return refuse (error, "calendar_id", _("The working calendar does not exist."));

  /* A second change on the same day replaces the first. */
  if (gx_db_query_int (db, "SELECT count(*) FROM work_calendars WHERE (id = ?1 OR base_id = ?1) AND valid_from = ?2",
                       g_variant_new ("(ss)", calendar_id, valid_from), 0, NULL) > 0)
    {
      g_autofree char *existing = gx_db_query_string (db,
                                                      "SELECT id FROM work_calendars WHERE (id = ?1 OR base_id = ?1)"
                                                      " AND valid_from = ?2", g_variant_new ("(ss)", calendar_id, valid_from), NULL);

      json_object_set_int_member (version, "day_start", day_start);
      json_object_set_int_member (version, "day_end", day_end);
      json_object_set_string_member (version, "weekdays", weekdays);
      return gx_record_update (db, "work_calendar", existing, version, meta, error);
    }

  json_object_set_string_member (version, "name", name);
  json_object_set_string_member (version, "valid_from", valid_from);
  json_object_set_int_member (version, "day_start", day_start);
  json_object_set_int_member (version, "day_end", day_end);
  json_object_set_string_member (version, "weekdays", weekdays);
  json_object_set_string_member (version, "timezone", timezone ? timezone : "Asia/Shanghai");
  json_object_set_string_member (version, "base_id", calendar_id);
  return gx_record_insert (db, "work_calendar", id, version, meta, error);
}

/**
 * gx_work_calendar_set_special_day:
 * @db: the writer connection, inside a transaction
 * @calendar_id: the calendar
 * @day: a date, 'YYYY-MM-DD'
 * @kind: (nullable): "holiday", "workday" (调休), or %NULL to make it an ordinary day again
 * @name: (nullable): e.g. "National Day"
 * @meta: who and when
 * @error: return location for a #GX_RECORD_ERROR naming the field to fix
 */
gboolean
gx_work_calendar_set_special_day (GxDb               *db,
                                  const char         *calendar_id,
                                  const char         *day,
                                  const char         *kind,
                                  const char         *name,
                                  const GxWriteMeta  *meta,
                                  GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *existing = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();

  if (!gx_validate_date (day, &local_error))
    return refuse (error, "day", local_error->message);
  if (kind != NULL && g_strcmp0 (kind, "holiday") != 0 && g_strcmp0 (kind, "workday") != 0)
    return refuse (error, "kind", _("A day is a holiday or a working day."));

  existing = gx_db_query_string (db, "SELECT id FROM calendar_days WHERE calendar_id = ? AND day = ?",
                                 g_variant_new ("(ss)", calendar_id, day), NULL);

  if (kind == NULL)
    return existing == NULL || gx_record_delete (db, "calendar_day", existing, meta, error);

  json_object_set_string_member (fields, "kind", kind);
  json_object_set_string_member (fields, "name", name ? name : "");
  if (existing != NULL)
    return gx_record_update (db, "calendar_day", existing, fields, meta, error);

  {
    g_autofree char *id = gx_uuid_v7_new_at (meta->now * 1000);

    json_object_set_string_member (fields, "calendar_id", calendar_id);
    json_object_set_string_member (fields, "day", day);
    return gx_record_insert (db, "calendar_day", id, fields, meta, error);
  }
}
