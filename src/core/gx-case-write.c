/* gx-case-write.c: every change of a case, each with its case event, in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-case-write"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-case.h"
#include "gx-enums.h"
#include "gx-format.h"
#include "gx-uuid.h"

/* Each function here runs inside the caller's store transaction and writes through the
 * record layer, so the case change, its case event, the outbox rows and the rules all hold
 * together: a refused step rolls the whole change back. The SLA fields a list sorts and
 * colours by (acknowledge and answer deadlines, the amber instant) are recomputed from the
 * case's timeline in the same write. */

static gboolean
refuse (GError     **error,
        const char  *field,
        const char  *message)
{
  gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, field, message);
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  for (; text && *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static char *
dup_trimmed (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  if (object == NULL || !json_object_has_member (object, name) || json_object_get_null_member (object, name))
    return NULL;
  return json_object_get_string_member (object, name);
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  if (object == NULL || !json_object_has_member (object, name) || json_object_get_null_member (object, name))
    return 0;
  return json_object_get_int_member (object, name);
}

static void
set_string_or_null (JsonObject *object,
                    const char *name,
                    const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static void
set_int_or_null (JsonObject *object,
                 const char *name,
                 gint64      value)
{
  if (value != 0)
    json_object_set_int_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

typedef struct
{
  const char *kind;
  const char *from_status;
  const char *to_status;
  const char *from_user;
  const char *to_user;
  const char *note;
  const char *decision;
  int         score;
  const char *department;
  const char *user_id;     /* the actor; meta's user when NULL and not system */
  gboolean    system;      /* done by Guanxi itself (escalation) */
} EventSpec;

static gboolean
write_event (GxDb               *db,
             const char         *case_id,
             const EventSpec    *spec,
             const GxWriteMeta  *meta,
             GError            **error)
{
  g_autofree char *id = gx_uuid_v7_new_at (meta->now * 1000);
  g_autoptr(JsonObject) fields = json_object_new ();
  const char *user_id = spec->system ? NULL : (spec->user_id ? spec->user_id : meta->user_id);

  json_object_set_string_member (fields, "case_id", case_id);
  json_object_set_int_member (fields, "at", meta->now);
  set_string_or_null (fields, "user_id", user_id);
  json_object_set_string_member (fields, "kind", spec->kind);
  set_string_or_null (fields, "from_status", spec->from_status);
  set_string_or_null (fields, "to_status", spec->to_status);
  set_string_or_null (fields, "from_user", spec->from_user);
  set_string_or_null (fields, "to_user", spec->to_user);
  if (spec->note != NULL)
    json_object_set_string_member (fields, "note", spec->note);
  set_string_or_null (fields, "decision", spec->decision);
  set_int_or_null (fields, "score", spec->score);
  if (spec->department != NULL)
    json_object_set_string_member (fields, "department", spec->department);

  return gx_record_insert (db, "case_event", id, fields, meta, error);
}

/* SLA */

static GArray *
load_steps (GxDb        *db,
            const char  *case_id,
            gint64       received_at,
            GError     **error)
{
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (GxSlaStep));
  GxSlaStep first = { received_at, "received" };
  sqlite3_stmt *stmt;
  int rc;

  /* The status strings live as long as the array: interned. */
  g_array_append_val (steps, first);
  if (case_id == NULL)
    return steps;

  stmt = gx_db_prepare (db,
                        "SELECT at, to_status FROM case_events WHERE case_id = ? AND to_status IS NOT NULL"
                        " ORDER BY at, rowid",
                        error);
  if (stmt == NULL)
    {
      g_array_unref (steps);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GxSlaStep step = { sqlite3_column_int64 (stmt, 0), g_intern_string (gx_db_column_text (stmt, 1)) };

      if (steps->len == 1 && strcmp (step.status, "received") == 0)
        continue;
      step.at = MAX (step.at, received_at);
      g_array_append_val (steps, step);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "case_events");
      g_array_unref (steps);
      return NULL;
    }

  return steps;
}

/* Puts the deadlines of the case's clock into @fields. */
static gboolean
compute_sla_fields (GxDb        *db,
                    const char  *case_id,
                    const char  *policy_id,
                    gint64       received_at,
                    gint64       now,
                    JsonObject  *fields,
                    GError     **error)
{
  g_auto(GxSlaPolicy) policy = { 0 };
  g_auto(GxSlaClock) clock = { 0 };
  g_autoptr(GArray) steps = NULL;
  gint64 ack_due;

  if (policy_id == NULL)
    return TRUE;

  if (!gx_sla_policy_load (db, policy_id, &policy, error))
    return FALSE;

  steps = load_steps (db, case_id, received_at, error);
  if (steps == NULL)
    return FALSE;

  if (!gx_sla_deadline (policy.calendar, received_at, policy.ack_seconds, &ack_due, error) ||
      !gx_sla_compute (policy.resolve_seconds, policy.warn_percent, policy.calendar,
                       (const GxSlaStep *) (gpointer) steps->data, steps->len, now, &clock, error))
    return FALSE;

  json_object_set_int_member (fields, "ack_due_at", ack_due);
  set_int_or_null (fields, "resolve_due_at", clock.due_at);
  set_int_or_null (fields, "resolve_warn_at", clock.warn_at);
  return TRUE;
}

/**
 * gx_case_load_clock:
 * @db: a connection
 * @case_id: the case
 * @now: the current time
 * @clock: (out caller-allocates): the answer clock, with its running and paused spells
 * @policy: (out caller-allocates) (optional): the case's policy
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the case has a time limit and its clock was computed
 */
gboolean
gx_case_load_clock (GxDb         *db,
                    const char   *case_id,
                    gint64        now,
                    GxSlaClock   *clock,
                    GxSlaPolicy  *policy,
                    GError      **error)
{
  g_auto(GxSlaPolicy) local = { 0 };
  g_autofree char *policy_id = NULL;
  g_autoptr(GArray) steps = NULL;
  gint64 received_at;

  memset (clock, 0, sizeof *clock);

  policy_id = gx_db_query_string (db, "SELECT sla_policy_id FROM cases WHERE id = ?",
                                  g_variant_new ("(s)", case_id), error);
  received_at = gx_db_query_int (db, "SELECT received_at FROM cases WHERE id = ?",
                                 g_variant_new ("(s)", case_id), 0, NULL);
  if (policy_id == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, GX_SLA_ERROR, GX_SLA_ERROR_NOT_FOUND, _("The case has no service time limit."));
      return FALSE;
    }

  if (!gx_sla_policy_load (db, policy_id, &local, error))
    return FALSE;

  steps = load_steps (db, case_id, received_at, error);
  if (steps == NULL)
    return FALSE;

  if (!gx_sla_compute (local.resolve_seconds, local.warn_percent, local.calendar,
                       (const GxSlaStep *) (gpointer) steps->data, steps->len, now, clock, error))
    return FALSE;

  if (policy != NULL)
    {
      *policy = local;
      memset (&local, 0, sizeof local);
    }
  return TRUE;
}

/**
 * gx_case_refresh_sla:
 * @db: the writer connection, inside a transaction
 * @case_id: the case
 * @meta: who and when
 * @error: return location for a #GError
 *
 * Recomputes the case's deadlines from its timeline and policy and stores them when they
 * changed (after a policy or calendar was edited, say).
 */
gboolean
gx_case_refresh_sla (GxDb               *db,
                     const char         *case_id,
                     const GxWriteMeta  *meta,
                     GError            **error)
{
  g_autoptr(JsonObject) record = gx_record_read (db, "case", case_id, error);
  g_autoptr(JsonObject) changes = json_object_new ();

  if (record == NULL)
    return FALSE;

  if (!compute_sla_fields (db, case_id, member_string (record, "sla_policy_id"),
                           member_int (record, "received_at"), meta->now, changes, error))
    return FALSE;

  return gx_record_update (db, "case", case_id, changes, meta, error);
}

/* Intake */

static char *
subject_from (const char *description)
{
  g_autofree char *line = NULL;
  const char *end = strchr (description, '\n');
  glong length;

  line = g_strstrip (end ? g_strndup (description, (gsize) (end - description)) : g_strdup (description));
  length = g_utf8_strlen (line, -1);
  if (length <= 40)
    return g_steal_pointer (&line);

  {
    g_autofree char *head = g_utf8_substring (line, 0, 39);
    return g_strconcat (head, "…", NULL);
  }
}

/**
 * gx_case_intake:
 * @db: the writer connection, inside a transaction
 * @intake: what the desk took down
 * @meta: who (the first responder) and when
 * @case_id: (out) (optional) (transfer full): the new case's id
 * @error: return location for a #GX_RECORD_ERROR naming the field to fix
 *
 * Registers a complaint: a unique case number, the taker as first responder and assignee,
 * the time limit for its severity and the customer's tier, its deadlines, and the first
 * entry of its timeline.
 */
gboolean
gx_case_intake (GxDb                *db,
                const GxCaseIntake  *intake,
                const GxWriteMeta   *meta,
                char               **case_id,
                GError             **error)
{
  g_autofree char *id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *tier = NULL;
  g_autofree char *policy_id = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *description = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  const char *severity;
  gint64 received_at;
  EventSpec received = { .kind = "status", .to_status = "received" };

  g_return_val_if_fail (intake != NULL, FALSE);
  g_return_val_if_fail (meta != NULL, FALSE);

  if (intake->customer_id == NULL || *intake->customer_id == '\0')
    return refuse (error, "customer_id", _("Choose the customer who is complaining, or add them as a prospect."));
  if (gx_db_query_int (db, "SELECT count(*) FROM customers WHERE id = ?",
                       g_variant_new ("(s)", intake->customer_id), 0, NULL) == 0)
    return refuse (error, "customer_id", _("That customer is not in the archive."));
  if (!gx_vocab_contains (GX_VOCAB_CASE_CHANNEL, intake->channel))
    return refuse (error, "channel", _("Choose how the complaint came in."));
  if (is_blank (intake->description))
    return refuse (error, "description", _("Describe the complaint."));
  if (intake->category_id != NULL &&
      gx_db_query_int (db, "SELECT count(*) FROM case_categories WHERE id = ? AND active = 1",
                       g_variant_new ("(s)", intake->category_id), 0, NULL) == 0)
    return refuse (error, "category_id", _("Choose a category from the list."));
  if (meta->user_id == NULL)
    return refuse (error, "first_responder_id", _("A case needs the person who took it: its first responder."));

  received_at = intake->received_at != 0 ? intake->received_at : meta->now;
  if (received_at > meta->now + 60)
    return refuse (error, "received_at", _("The time received cannot be in the future."));

  severity = intake->severity != NULL ? intake->severity : "medium";
  if (!gx_vocab_contains (GX_VOCAB_SEVERITY, severity))
    return refuse (error, "severity", _("Choose a severity from the list."));

  tier = gx_db_query_string (db, "SELECT tier_id FROM customers WHERE id = ?",
                             g_variant_new ("(s)", intake->customer_id), NULL);
  policy_id = gx_sla_policy_choose (db, severity, tier, NULL);

  /* A number another case here already has is drawn again; the server's unique index is
   * the last word between desks. */
  for (guint attempt = 0; attempt < 8; attempt++)
    {
      g_free (number);
      number = gx_case_make_number (meta->now, tz);
      if (gx_db_query_int (db, "SELECT count(*) FROM cases WHERE number = ?",
                           g_variant_new ("(s)", number), 0, NULL) == 0)
        break;
    }

  description = dup_trimmed (intake->description);
  subject = is_blank (intake->subject) ? subject_from (description) : dup_trimmed (intake->subject);

  json_object_set_string_member (fields, "number", number);
  json_object_set_string_member (fields, "customer_id", intake->customer_id);
  json_object_set_string_member (fields, "channel", intake->channel);
  set_string_or_null (fields, "category_id", intake->category_id);
  json_object_set_string_member (fields, "severity", severity);
  json_object_set_string_member (fields, "status", "received");
  json_object_set_string_member (fields, "subject", subject);
  json_object_set_string_member (fields, "description", description);
  if (intake->remedy_sought != NULL)
    {
      g_autofree char *remedy = dup_trimmed (intake->remedy_sought);
      json_object_set_string_member (fields, "remedy_sought", remedy);
    }
  json_object_set_string_member (fields, "first_responder_id", meta->user_id);
  json_object_set_string_member (fields, "assignee_id", meta->user_id);
  set_string_or_null (fields, "sla_policy_id", policy_id);
  json_object_set_int_member (fields, "received_at", received_at);
  set_string_or_null (fields, "parent_id", intake->parent_id);
  json_object_set_int_member (fields, "created_at", meta->now);
  json_object_set_int_member (fields, "updated_at", meta->now);

  if (!compute_sla_fields (db, NULL, policy_id, received_at, meta->now, fields, error))
    return FALSE;

  id = gx_uuid_v7_new_at (meta->now * 1000);
  if (!gx_record_insert (db, "case", id, fields, meta, error))
    return FALSE;

  /* The receipt is the first entry of the timeline, at the time the complaint came in. */
  {
    GxWriteMeta at_receipt = *meta;

    at_receipt.now = received_at;
    if (!write_event (db, id, &received, &at_receipt, error))
      return FALSE;
  }

  if (case_id != NULL)
    *case_id = g_steal_pointer (&id);
  return TRUE;
}

/**
 * gx_case_create_prospect:
 * @db: the writer connection, inside a transaction
 * @name: the caller's name
 * @phone: (nullable): their phone number
 * @meta: who and when
 * @customer_id: (out) (transfer full): the new customer's id
 * @error: return location for a #GX_RECORD_ERROR
 *
 * Adds a caller who is not in the archive yet as a prospect, so the complaint can be taken
 * on the spot; the profile is completed later in Customers.
 */
gboolean
gx_case_create_prospect (GxDb               *db,
                         const char         *name,
                         const char         *phone,
                         const GxWriteMeta  *meta,
                         char              **customer_id,
                         GError            **error)
{
  g_autofree char *id = gx_uuid_v7_new_at (meta->now * 1000);
  g_autofree char *trimmed = dup_trimmed (name);
  g_autofree char *number = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  gint64 serial;

  if (*trimmed == '\0')
    return refuse (error, "name", _("Give the caller’s name."));

  /* Prospects taken at a complaint get their own series, P + date + serial. */
  {
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (meta->now);
    g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
    g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
    g_autofree char *date = g_date_time_format (local, "%Y%m%d");
    g_autofree char *prefix = g_strdup_printf ("P%s-", date);
    g_autofree char *pattern = g_strdup_printf ("%s%%", prefix);

    serial = gx_db_query_int (db, "SELECT count(*) FROM customers WHERE number LIKE ?",
                              g_variant_new ("(s)", pattern), 0, NULL);
    do
      {
        g_free (number);
        number = g_strdup_printf ("%s%03" G_GINT64_FORMAT "%02u", prefix, ++serial, g_random_int_range (0, 100));
      }
    while (gx_db_query_int (db, "SELECT count(*) FROM customers WHERE number = ?",
                            g_variant_new ("(s)", number), 0, NULL) > 0);
  }

  json_object_set_string_member (fields, "number", number);
  json_object_set_string_member (fields, "kind", "individual");
  json_object_set_string_member (fields, "name", trimmed);
  json_object_set_string_member (fields, "stage", "prospect");
  json_object_set_null_member (fields, "id_number");
  if (meta->user_id != NULL)
    json_object_set_string_member (fields, "owner_id", meta->user_id);
  json_object_set_int_member (fields, "created_at", meta->now);
  json_object_set_int_member (fields, "updated_at", meta->now);
  if (!gx_record_insert (db, "customer", id, fields, meta, error))
    return FALSE;

  if (!is_blank (phone))
    {
      g_autofree char *contact_id = gx_uuid_v7_new_at (meta->now * 1000);
      g_autofree char *value = dup_trimmed (phone);
      g_autoptr(JsonObject) contact = json_object_new ();
      const char *kind = g_str_has_prefix (value, "1") && strlen (value) >= 11 ? "mobile" : "landline";

      json_object_set_string_member (contact, "customer_id", id);
      json_object_set_string_member (contact, "kind", kind);
      json_object_set_string_member (contact, "value", value);
      json_object_set_int_member (contact, "is_primary", 1);
      g_autoptr(GError) local_error = NULL;

      if (!gx_record_insert (db, "customer_contact", contact_id, contact, meta, &local_error))
        {
          /* The form marks its phone field. */
          if (g_error_matches (local_error, GX_RECORD_ERROR, GX_RECORD_ERROR_INVALID))
            return refuse (error, "phone", local_error->message);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  *customer_id = g_steal_pointer (&id);
  return TRUE;
}

/* Moves */

/* The return visit is due a working day after the decision went out: the same time of the
 * next working day on the standard calendar, or a day later without one. */
static gint64
default_visit_time (GxDb   *db,
                    gint64  now)
{
  g_autoptr(GxWorkCalendar) calendar = gx_work_calendar_load (db, "default", NULL);
  gint64 at = now + 86400;
  gint64 day;

  if (calendar == NULL)
    return at;

  day = gx_db_query_int (db, "SELECT (day_end - day_start) * 60 FROM work_calendars"
                             " WHERE id = 'default' OR base_id = 'default' ORDER BY valid_from DESC LIMIT 1",
                         NULL, 9 * 3600, NULL);
  if (!gx_work_calendar_add (calendar, now, day, &at, NULL))
    at = now + 86400;
  return at;
}

/* Schedules the return visit, or moves the one already scheduled to @at. */
static gboolean
schedule_visit (GxDb               *db,
                const char         *case_id,
                JsonObject         *record,
                gint64              at,
                const GxWriteMeta  *meta,
                GError            **error)
{
  g_autofree char *scheduled = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  const char *staff = member_string (record, "first_responder_id");

  scheduled = gx_db_query_string (db,
                                  "SELECT id FROM return_visits WHERE case_id = ? AND done_at IS NULL"
                                  " ORDER BY scheduled_at DESC LIMIT 1",
                                  g_variant_new ("(s)", case_id), NULL);
  if (scheduled != NULL)
    {
      if (at == 0)
        return TRUE;
      json_object_set_int_member (fields, "scheduled_at", at);
      return gx_record_update (db, "return_visit", scheduled, fields, meta, error);
    }

  if (at == 0)
    at = default_visit_time (db, meta->now);

  {
    g_autofree char *id = gx_uuid_v7_new_at (meta->now * 1000);

    json_object_set_string_member (fields, "case_id", case_id);
    json_object_set_int_member (fields, "scheduled_at", at);
    json_object_set_string_member (fields, "method", "phone");
    /* 首问负责制: whoever took the complaint calls the customer back. */
    set_string_or_null (fields, "staff_id", staff ? staff : meta->user_id);
    return gx_record_insert (db, "return_visit", id, fields, meta, error);
  }
}

/* A "notify" entry for the first responder, who stays answerable for the case they took
 * (首问负责制) after handing it on: the decision went out, or the case was closed. Unlike
 * the one a hand-off writes, it names no colleague (from_user is empty), which is how the
 * desk's notice tells the two apart. Nothing is written when the first responder did it. */
static gboolean
inform_first_responder (GxDb               *db,
                        const char         *case_id,
                        JsonObject         *record,
                        GxCaseStatus        to,
                        const GxWriteMeta  *meta,
                        GError            **error)
{
  const char *first_responder = member_string (record, "first_responder_id");
  EventSpec notify = { .kind = "notify", .to_user = first_responder };

  if (first_responder == NULL || g_strcmp0 (first_responder, meta->user_id) == 0)
    return TRUE;

  notify.note = to == GX_CASE_CLOSED ? _("The case was closed.")
                                     : _("The decision was communicated to the customer.");
  return write_event (db, case_id, &notify, meta, error);
}

/**
 * gx_case_transition:
 * @db: the writer connection, inside a transaction
 * @case_id: the case
 * @change: the move and what it needs
 * @meta: who and when
 * @error: return location for a #GX_RECORD_ERROR naming the field to fix
 *
 * Moves a case along the flow, records the move in its timeline and recomputes its
 * deadlines. Moving to "return visit" schedules the call.
 */
gboolean
gx_case_transition (GxDb                *db,
                    const char          *case_id,
                    const GxCaseChange  *change,
                    const GxWriteMeta   *meta,
                    GError             **error)
{
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *note = dup_trimmed (change->note);
  const GxCaseTransitionInfo *info;
  GxCaseStatus from;
  GxCaseFacts facts;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  EventSpec event = { 0 };

  g_return_val_if_fail (change != NULL, FALSE);

  record = gx_record_read (db, "case", case_id, error);
  if (record == NULL)
    return FALSE;

  from = gx_case_status_from_code (member_string (record, "status"));
  info = gx_case_find_transition (from, change->to);

  json_object_set_string_member (changes, "status", gx_case_status_to_code (change->to));
  json_object_set_int_member (changes, "updated_at", meta->now);

  switch (change->to)
    {
    case GX_CASE_ACKNOWLEDGED:
      if (member_int (record, "acknowledged_at") == 0)
        json_object_set_int_member (changes, "acknowledged_at", meta->now);
      break;

    case GX_CASE_ASSESSED:
      {
        const char *severity = change->severity;

        if (change->impact != NULL)
          json_object_set_string_member (changes, "impact", change->impact);
        if (change->urgency != NULL)
          json_object_set_string_member (changes, "urgency", change->urgency);
        if (severity == NULL && (change->impact != NULL || change->urgency != NULL))
          severity = gx_case_severity_for (change->impact, change->urgency);
        if (severity != NULL && g_strcmp0 (severity, member_string (record, "severity")) != 0)
          {
            g_autofree char *tier = gx_db_query_string (db, "SELECT tier_id FROM customers WHERE id = ?",
                                                        g_variant_new ("(s)", member_string (record, "customer_id")), NULL);
            g_autofree char *new_policy = gx_sla_policy_choose (db, severity, tier, NULL);

            json_object_set_string_member (changes, "severity", severity);
            if (new_policy != NULL)
              json_object_set_string_member (changes, "sla_policy_id", new_policy);
          }
      }
      break;

    case GX_CASE_RESPONSE_DRAFTED:
      if (!is_blank (change->resolution))
        {
          g_autofree char *text = dup_trimmed (change->resolution);
          json_object_set_string_member (changes, "resolution", text);
        }
      break;

    case GX_CASE_IN_REVIEW:
      json_object_set_null_member (changes, "reviewed_by");
      json_object_set_null_member (changes, "reviewed_at");
      break;

    case GX_CASE_COMMUNICATED:
      set_string_or_null (changes, "communicated_via", change->reply_method);
      json_object_set_int_member (changes, "resolved_at", meta->now);
      break;

    case GX_CASE_CLOSED:
      json_object_set_int_member (changes, "closed_at", meta->now);
      if (!is_blank (change->final_decision))
        {
          g_autofree char *text = dup_trimmed (change->final_decision);
          json_object_set_string_member (changes, "final_decision", text);
        }
      if (!is_blank (change->no_visit_reason))
        {
          g_autofree char *text = dup_trimmed (change->no_visit_reason);
          json_object_set_string_member (changes, "no_visit_reason", text);
        }
      break;

    case GX_CASE_INVESTIGATING:
      if (from == GX_CASE_CLOSED)
        {
          json_object_set_null_member (changes, "closed_at");
          json_object_set_null_member (changes, "resolved_at");
          json_object_set_null_member (changes, "reviewed_by");
          json_object_set_null_member (changes, "reviewed_at");
          json_object_set_int_member (changes, "reopen_count", member_int (record, "reopen_count") + 1);
        }
      break;

    default:
      break;
    }

  if (change->reply_method != NULL && !gx_vocab_contains (GX_VOCAB_REPLY_METHOD, change->reply_method))
    return refuse (error, "communicated_via", _("Choose how the decision was communicated."));

  /* Decide on the case as it will be, before writing anything. */
  json_object_iter_init (&iter, changes);
  while (json_object_iter_next (&iter, &name, &node))
    json_object_set_member (record, name, json_node_copy (node));
  if (!gx_case_facts_load (db, case_id, record, meta->user_id, &facts, error))
    return FALSE;
  facts.has_note = *note != '\0';
  if (!gx_case_check_transition (from, change->to, &facts, error))
    return FALSE;

  event.kind = info->event_kind;
  event.from_status = gx_case_status_to_code (from);
  event.to_status = gx_case_status_to_code (change->to);
  event.note = note;
  if (g_strcmp0 (info->event_kind, "review") == 0)
    event.decision = "sent_back";
  if (!write_event (db, case_id, &event, meta, error))
    return FALSE;

  if (!compute_sla_fields (db, case_id, member_string (record, "sla_policy_id"),
                           member_int (record, "received_at"), meta->now, changes, error))
    return FALSE;

  if (!gx_record_update (db, "case", case_id, changes, meta, error))
    return FALSE;

  /* 首问负责制: whoever took the case hears how it ended when someone else ended it. */
  if ((change->to == GX_CASE_COMMUNICATED || change->to == GX_CASE_CLOSED) &&
      !inform_first_responder (db, case_id, record, change->to, meta, error))
    return FALSE;

  /* The return visit is scheduled as soon as the decision went out; the visit step may
   * move it to another time. */
  if (change->to == GX_CASE_COMMUNICATED || change->to == GX_CASE_RETURN_VISIT)
    return schedule_visit (db, case_id, record, change->to == GX_CASE_RETURN_VISIT ? change->visit_at : 0, meta, error);

  return TRUE;
}

/**
 * gx_case_review:
 * @db: the writer connection, inside a transaction
 * @case_id: a case in review
 * @approve: approve the response, or send it back
 * @score: the quality of the handling, 1–5, or 0 for none
 * @note: (nullable): the reviewer's note; required when sending back
 * @meta: the reviewer and when
 * @error: return location for a #GX_RECORD_ERROR
 *
 * A supervisor's sign-off (four eyes: never of a response they submitted). Approving leaves
 * the case in review until the decision is communicated; sending back returns it to
 * investigation with the note.
 */
gboolean
gx_case_review (GxDb               *db,
                const char         *case_id,
                gboolean            approve,
                int                 score,
                const char         *note,
                const GxWriteMeta  *meta,
                GError            **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *text = dup_trimmed (note);
  EventSpec event = { .kind = "review", .note = text, .score = score };

  if (score < 0 || score > 5)
    return refuse (error, "score", _("A quality score is from 1 to 5."));

  if (!approve)
    {
      GxCaseChange change = { .to = GX_CASE_INVESTIGATING, .note = note };

      if (*text == '\0')
        return refuse (error, "note", _("Say what needs to change."));
      if (!gx_case_transition (db, case_id, &change, meta, error))
        return FALSE;
      if (score > 0)
        {
          json_object_set_int_member (changes, "quality_score", score);
          return gx_record_update (db, "case", case_id, changes, meta, error);
        }
      return TRUE;
    }

  event.decision = "approved";
  if (!write_event (db, case_id, &event, meta, error))
    return FALSE;

  json_object_set_string_member (changes, "reviewed_by", meta->user_id);
  json_object_set_int_member (changes, "reviewed_at", meta->now);
  json_object_set_int_member (changes, "updated_at", meta->now);
  if (score > 0)
    json_object_set_int_member (changes, "quality_score", score);
  return gx_record_update (db, "case", case_id, changes, meta, error);
}

/**
 * gx_case_hand_off:
 * @db: the writer connection, inside a transaction
 * @case_id: the case
 * @to_user_id: who takes it over
 * @department: (nullable): the department that handles it now
 * @note: (nullable): what the new assignee should know
 * @meta: who and when
 * @error: return location for a #GX_RECORD_ERROR
 *
 * Hands the case on. The first responder stays on the case, and is told in its timeline
 * when someone else hands it on.
 */
gboolean
gx_case_hand_off (GxDb               *db,
                  const char         *case_id,
                  const char         *to_user_id,
                  const char         *department,
                  const char         *note,
                  const GxWriteMeta  *meta,
                  GError            **error)
{
  g_autoptr(JsonObject) record = gx_record_read (db, "case", case_id, error);
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *text = dup_trimmed (note);
  g_autofree char *dept = dup_trimmed (department);
  const char *first_responder;
  const char *assignee;
  EventSpec event = { .kind = "handoff", .note = text, .department = dept };

  if (record == NULL)
    return FALSE;
  if (to_user_id == NULL)
    return refuse (error, "to_user", _("Choose who takes the case over."));

  assignee = member_string (record, "assignee_id");
  first_responder = member_string (record, "first_responder_id");
  if (g_strcmp0 (assignee, to_user_id) == 0 && g_strcmp0 (dept, member_string (record, "department")) == 0)
    return refuse (error, "to_user", _("The case is with them already."));

  event.from_user = assignee;
  event.to_user = to_user_id;
  if (!write_event (db, case_id, &event, meta, error))
    return FALSE;

  if (first_responder != NULL && g_strcmp0 (first_responder, meta->user_id) != 0 &&
      g_strcmp0 (first_responder, to_user_id) != 0)
    {
      EventSpec notify = { .kind = "notify", .from_user = meta->user_id, .to_user = first_responder,
                           .note = text, .department = dept };

      if (!write_event (db, case_id, &notify, meta, error))
        return FALSE;
    }

  json_object_set_string_member (changes, "assignee_id", to_user_id);
  if (department != NULL)
    json_object_set_string_member (changes, "department", dept);
  json_object_set_int_member (changes, "updated_at", meta->now);
  return gx_record_update (db, "case", case_id, changes, meta, error);
}

/**
 * gx_case_add_note:
 * @db: the writer connection, inside a transaction
 * @case_id: the case
 * @note: the note
 * @meta: who and when
 * @error: return location for a #GX_RECORD_ERROR
 */
gboolean
gx_case_add_note (GxDb               *db,
                  const char         *case_id,
                  const char         *note,
                  const GxWriteMeta  *meta,
                  GError            **error)
{
  g_autofree char *text = dup_trimmed (note);
  EventSpec event = { .kind = "note", .note = text };

  if (*text == '\0')
    return refuse (error, "note", _("Write the note first."));

  return write_event (db, case_id, &event, meta, error);
}

/* The fields a desk edits directly; the rest change through the moves above. */
static const char * const editable[] = {
  "subject", "description", "remedy_sought", "category_id", "channel", "severity", "impact", "urgency",
  "department", "resolution", "apology_given", "compensation_amount", "compensation_kind",
  "root_cause", "final_decision", "no_visit_reason", NULL
};

/**
 * gx_case_edit:
 * @db: the writer connection, inside a transaction
 * @case_id: the case
 * @changes: fields among the complaint's texts, its classification and its resolution
 * @meta: who and when
 * @error: return location for a #GX_RECORD_ERROR naming the field to fix
 *
 * Saves edited fields. A new severity picks the time limit for it and recomputes the
 * deadlines from the timeline, so time already spent waiting for the customer stays out.
 */
gboolean
gx_case_edit (GxDb               *db,
              const char         *case_id,
              JsonObject         *changes,
              const GxWriteMeta  *meta,
              GError            **error)
{
  g_autoptr(JsonObject) record = gx_record_read (db, "case", case_id, error);
  g_autoptr(JsonObject) update = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (record == NULL)
    return FALSE;

  json_object_iter_init (&iter, changes);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (!g_strv_contains (editable, name))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” is not changed here."), name);
          return refuse (error, name, message);
        }
      json_object_set_member (update, name, json_node_copy (node));
    }

  if (json_object_has_member (update, "compensation_amount") &&
      member_int (update, "compensation_amount") < 0)
    return refuse (error, "compensation_amount", _("Compensation cannot be negative."));
  if (json_object_has_member (update, "subject") && is_blank (member_string (update, "subject")))
    return refuse (error, "subject", _("Give the case a subject."));

  if (json_object_has_member (update, "severity") &&
      g_strcmp0 (member_string (update, "severity"), member_string (record, "severity")) != 0)
    {
      g_autofree char *tier = gx_db_query_string (db, "SELECT tier_id FROM customers WHERE id = ?",
                                                  g_variant_new ("(s)", member_string (record, "customer_id")), NULL);
      g_autofree char *policy_id = gx_sla_policy_choose (db, member_string (update, "severity"), tier, NULL);

      if (policy_id != NULL)
        {
          json_object_set_string_member (update, "sla_policy_id", policy_id);
          if (!compute_sla_fields (db, case_id, policy_id, member_int (record, "received_at"), meta->now, update, error))
            return FALSE;
        }
    }

  json_object_set_int_member (update, "updated_at", meta->now);
  return gx_record_update (db, "case", case_id, update, meta, error);
}

/**
 * gx_case_record_visit:
 * @db: the writer connection, inside a transaction
 * @case_id: a case whose decision was communicated
 * @visit: what the customer said
 * @meta: who called and when
 * @error: return location for a #GX_RECORD_ERROR naming the field to fix
 *
 * Records the return visit (回访): completes the scheduled one or adds one, keeps a score per
 * service factor, and takes the overall satisfaction onto the case.
 */
gboolean
gx_case_record_visit (GxDb                      *db,
                      const char                *case_id,
                      const GxReturnVisitInput  *visit,
                      const GxWriteMeta         *meta,
                      GError                   **error)
{
  g_autoptr(JsonObject) record = gx_record_read (db, "case", case_id, error);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *visit_id = NULL;
  g_autofree char *comment = dup_trimmed (visit->comment);
  GxCaseStatus status;

  if (record == NULL)
    return FALSE;

  status = gx_case_status_from_code (member_string (record, "status"));
  if (status != GX_CASE_COMMUNICATED && status != GX_CASE_RETURN_VISIT)
    return refuse (error, "status", _("A return visit follows the decision communicated to the customer."));
  if (!gx_vocab_contains (GX_VOCAB_VISIT_METHOD, visit->method))
    return refuse (error, "method", _("Choose how the customer was reached."));
  if (visit->overall < 1 || visit->overall > 5)
    return refuse (error, "overall", _("Give the overall satisfaction from 1 to 5."));
  for (guint i = 0; i < visit->n_factors; i++)
    if (visit->scores[i] < 1 || visit->scores[i] > 5)
      return refuse (error, visit->factor_ids[i], _("Each satisfaction score is from 1 to 5."));

  visit_id = gx_db_query_string (db,
                                 "SELECT id FROM return_visits WHERE case_id = ? AND done_at IS NULL"
                                 " ORDER BY scheduled_at DESC LIMIT 1",
                                 g_variant_new ("(s)", case_id), NULL);

  json_object_set_int_member (fields, "done_at", meta->now);
  json_object_set_string_member (fields, "method", visit->method);
  set_string_or_null (fields, "staff_id", meta->user_id);
  json_object_set_int_member (fields, "overall", visit->overall);
  json_object_set_int_member (fields, "accepted", visit->accepted ? 1 : 0);
  json_object_set_string_member (fields, "comment", comment);

  if (visit_id != NULL)
    {
      if (!gx_record_update (db, "return_visit", visit_id, fields, meta, error))
        return FALSE;
    }
  else
    {
      visit_id = gx_uuid_v7_new_at (meta->now * 1000);
      json_object_set_string_member (fields, "case_id", case_id);
      json_object_set_int_member (fields, "scheduled_at", meta->now);
      if (!gx_record_insert (db, "return_visit", visit_id, fields, meta, error))
        return FALSE;
    }

  for (guint i = 0; i < visit->n_factors; i++)
    {
      g_autofree char *score_id = gx_uuid_v7_new_at (meta->now * 1000);
      g_autoptr(JsonObject) score = json_object_new ();

      json_object_set_string_member (score, "return_visit_id", visit_id);
      json_object_set_string_member (score, "factor_id", visit->factor_ids[i]);
      json_object_set_int_member (score, "score", visit->scores[i]);
      if (!gx_record_insert (db, "return_visit_score", score_id, score, meta, error))
        return FALSE;
    }

  /* A visit recorded straight after the decision moves the case on to the visit step. */
  if (status == GX_CASE_COMMUNICATED)
    {
      GxCaseChange change = { .to = GX_CASE_RETURN_VISIT };

      if (!gx_case_transition (db, case_id, &change, meta, error))
        return FALSE;
    }

  json_object_set_int_member (changes, "satisfaction", visit->overall);
  json_object_set_int_member (changes, "updated_at", meta->now);
  return gx_record_update (db, "case", case_id, changes, meta, error);
}

/**
 * gx_case_attach:
 * @db: the writer connection, inside a transaction
 * @case_id: the case
 * @name: the file's name
 * @mime_type: (nullable): its content type
 * @data: its bytes
 * @meta: who and when
 * @attachment_id: (out) (optional) (transfer full): the attachment's id
 * @error: return location for a #GX_RECORD_ERROR
 *
 * Keeps a photo or a letter with the case, in the store, and notes it in the timeline.
 */
gboolean
gx_case_attach (GxDb               *db,
                const char         *case_id,
                const char         *name,
                const char         *mime_type,
                GBytes             *data,
                const GxWriteMeta  *meta,
                char              **attachment_id,
                GError            **error)
{
  g_autofree char *id = gx_uuid_v7_new_at (meta->now * 1000);
  g_autofree char *base64 = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  EventSpec event = { .kind = "attachment", .note = name };
  gsize size = g_bytes_get_size (data);

  if (is_blank (name))
    return refuse (error, "name", _("The file needs a name."));
  if (size == 0)
    return refuse (error, "data", _("The file is empty."));
  if (size > GX_CASE_ATTACHMENT_MAX_BYTES)
    {
      g_autofree char *limit = g_format_size (GX_CASE_ATTACHMENT_MAX_BYTES);
      g_autofree char *message = g_strdup_printf (_("A file may be at most %s."), limit);
      return refuse (error, "data", message);
    }
  if (gx_db_query_int (db, "SELECT count(*) FROM case_attachments WHERE case_id = ?",
                       g_variant_new ("(s)", case_id), 0, NULL) >= GX_CASE_ATTACHMENTS_MAX)
    {
      g_autofree char *message = g_strdup_printf (_("A case keeps at most %d files."), GX_CASE_ATTACHMENTS_MAX);
      return refuse (error, "data", message);
    }

  base64 = g_base64_encode (g_bytes_get_data (data, NULL), size);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);

  json_object_set_string_member (fields, "case_id", case_id);
  json_object_set_string_member (fields, "name", name);
  json_object_set_string_member (fields, "mime_type", mime_type ? mime_type : "application/octet-stream");
  json_object_set_int_member (fields, "size", (gint64) size);
  json_object_set_string_member (fields, "data", base64);
  json_object_set_string_member (fields, "sha256", sha256);
  json_object_set_int_member (fields, "created_at", meta->now);
  set_string_or_null (fields, "user_id", meta->user_id);
  if (!gx_record_insert (db, "case_attachment", id, fields, meta, error))
    return FALSE;

  if (!write_event (db, case_id, &event, meta, error))
    return FALSE;

  if (attachment_id != NULL)
    *attachment_id = g_steal_pointer (&id);
  return TRUE;
}

/* Escalation */

static char *
dup_supervisor (GxDb       *db,
                const char *user_id)
{
  if (user_id == NULL)
    return NULL;
  return gx_db_query_string (db, "SELECT supervisor_id FROM users WHERE id = ?", g_variant_new ("(s)", user_id), NULL);
}

static void policy_free (gpointer data);

/* The case's policy, loaded once per pass: a calendar is a few queries, a pass may cover
 * thousands of cases under the same four policies. */
static GxSlaPolicy *
cached_policy (GxDb        *db,
               GHashTable  *policies,
               const char  *policy_id,
               GError     **error)
{
  GxSlaPolicy *policy = g_hash_table_lookup (policies, policy_id);

  if (policy != NULL)
    return policy;

  policy = g_new0 (GxSlaPolicy, 1);
  if (!gx_sla_policy_load (db, policy_id, policy, error))
    {
      g_free (policy);
      return NULL;
    }
  g_hash_table_insert (policies, g_strdup (policy_id), policy);
  return policy;
}

static gboolean
escalate_one (GxDb               *db,
              const char         *case_id,
              const GxWriteMeta  *meta,
              GHashTable         *policies,
              gboolean           *escalated,
              GError            **error)
{
  g_autoptr(JsonObject) record = gx_record_read (db, "case", case_id, error);
  g_autoptr(JsonObject) changes = json_object_new ();
  g_auto(GxSlaClock) clock = { 0 };
  g_autoptr(GArray) steps = NULL;
  GxSlaPolicy *policy;
  g_autofree char *target = NULL;
  g_autofree char *note = NULL;
  g_autofree char *overdue = NULL;
  const char *holder;
  int current, level;
  gint64 ack_due, over;

  *escalated = FALSE;
  if (record == NULL)
    return FALSE;
  if (member_string (record, "sla_policy_id") == NULL)
    return TRUE;

  policy = cached_policy (db, policies, member_string (record, "sla_policy_id"), error);
  steps = policy ? load_steps (db, case_id, member_int (record, "received_at"), error) : NULL;
  if (steps == NULL ||
      !gx_sla_compute (policy->resolve_seconds, policy->warn_percent, policy->calendar,
                       (const GxSlaStep *) (gpointer) steps->data, steps->len, meta->now, &clock, error))
    return FALSE;

  current = (int) member_int (record, "escalation_level");
  level = gx_sla_escalation_level (&clock, policy, meta->now);
  over = clock.remaining < 0 ? -clock.remaining : 0;

  /* A complaint nobody acknowledged in time is escalated too. */
  ack_due = member_int (record, "ack_due_at");
  if (member_int (record, "acknowledged_at") == 0 && ack_due != 0 && ack_due < meta->now && level < 1)
    {
      level = 1;
      over = meta->now - ack_due;
    }

  if (level <= current)
    return TRUE;

  /* Up the chain: the assignee's supervisor first, then theirs. */
  holder = current > 0 && member_string (record, "escalated_to") != NULL
           ? member_string (record, "escalated_to")
           : member_string (record, "assignee_id") ? member_string (record, "assignee_id")
                                                   : member_string (record, "first_responder_id");
  target = g_strdup (holder);
  for (int k = current; k < level; k++)
    {
      g_autofree char *up = dup_supervisor (db, target);

      if (up == NULL)
        break;
      g_free (target);
      target = g_steal_pointer (&up);
    }

  overdue = gx_format_duration (over);
  /* Translators: %d is an escalation level (1, 2, 3), %s a length of time such as "3 h" */
  note = g_strdup_printf (_("Escalated to level %d: overdue by %s."), level, overdue);

  {
    EventSpec event = { .kind = "escalation", .from_user = holder, .to_user = target,
                        .note = note, .system = TRUE };

    if (!write_event (db, case_id, &event, meta, error))
      return FALSE;
  }

  json_object_set_int_member (changes, "escalation_level", level);
  json_object_set_int_member (changes, "escalated_at", meta->now);
  set_string_or_null (changes, "escalated_to", target);
  if (!gx_record_update (db, "case", case_id, changes, meta, error))
    return FALSE;

  *escalated = TRUE;
  return TRUE;
}

static void
policy_free (gpointer data)
{
  GxSlaPolicy *policy = data;

  gx_sla_policy_clear (policy);
  g_free (policy);
}

/**
 * gx_case_list_due_escalations:
 * @db: a connection; a reader will do, nothing is written
 * @now: the current time
 * @case_ids: (element-type utf8): the open cases whose escalation level should rise now are
 *   added here
 * @error: return location for a #GError
 *
 * Finds the cases gx_case_escalate() would escalate, without writing: the periodic check runs
 * this on a reader off the main thread and holds the writer only for the few it finds.
 */
gboolean
gx_case_list_due_escalations (GxDb        *db,
                              gint64       now,
                              GPtrArray   *case_ids,
                              GError     **error)
{
  g_autoptr(GHashTable) policies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, policy_free);
  sqlite3_stmt *stmt;
  int rc;

  /* Open cases past their answer deadline, or unacknowledged past the acknowledgement one. */
  stmt = gx_db_prepare (db,
                        "SELECT id, sla_policy_id, received_at, escalation_level, ack_due_at, acknowledged_at"
                        "  FROM cases WHERE rowid IN ("
                        "    SELECT rowid FROM cases INDEXED BY cases_running_by_due"
                        "     WHERE resolved_at IS NULL AND status <> 'closed' AND resolve_due_at < ?1"
                        "    UNION SELECT rowid FROM cases INDEXED BY cases_by_status"
                        "     WHERE status = 'received' AND acknowledged_at IS NULL AND ack_due_at < ?1)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *case_id = gx_db_column_text (stmt, 0);
      const char *policy_id = (const char *) sqlite3_column_text (stmt, 1);
      int current = sqlite3_column_int (stmt, 3);
      gint64 ack_due = sqlite3_column_int64 (stmt, 4);
      gboolean unacknowledged = sqlite3_column_type (stmt, 5) == SQLITE_NULL;
      g_auto(GxSlaClock) clock = { 0 };
      g_autoptr(GArray) steps = NULL;
      GxSlaPolicy *policy;
      int level = 0;

      if (policy_id == NULL)
        continue;

      policy = cached_policy (db, policies, policy_id, error);
      if (policy == NULL)
        {
          sqlite3_reset (stmt);
          return FALSE;
        }

      steps = load_steps (db, case_id, sqlite3_column_int64 (stmt, 2), error);
      if (steps == NULL ||
          !gx_sla_compute (policy->resolve_seconds, policy->warn_percent, policy->calendar,
                           (const GxSlaStep *) (gpointer) steps->data, steps->len, now, &clock, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }

      level = gx_sla_escalation_level (&clock, policy, now);
      if (unacknowledged && ack_due != 0 && ack_due < now)
        level = MAX (level, 1);
      if (level > current)
        g_ptr_array_add (case_ids, g_strdup (case_id));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return gx_db_set_error (db, error, "cases");
  return TRUE;
}

/**
 * gx_case_escalate:
 * @db: the writer connection, inside a transaction
 * @case_id: an open case
 * @meta: when (the clock's now)
 * @escalated: (out) (optional): whether the case was escalated now
 * @error: return location for a #GError
 *
 * Raises the case's escalation level to the one its clock has reached, if it has not yet,
 * with an escalation entry (by Guanxi itself) in its timeline. Running it again at the same
 * time changes nothing.
 */
gboolean
gx_case_escalate (GxDb               *db,
                  const char         *case_id,
                  const GxWriteMeta  *meta,
                  gboolean           *escalated,
                  GError            **error)
{
  g_autoptr(GHashTable) policies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, policy_free);
  gboolean done = FALSE;

  if (!escalate_one (db, case_id, meta, policies, &done, error))
    return FALSE;
  if (escalated != NULL)
    *escalated = done;
  return TRUE;
}

/**
 * gx_case_escalate_due:
 * @db: the writer connection, inside a transaction
 * @meta: when (the clock's now) and the desk's user
 * @escalated: (element-type utf8): the ids of the cases escalated now are added here
 * @error: return location for a #GError
 *
 * Escalates every open case whose answer deadline passed (one level, then one more for each
 * further interval of the policy), or that nobody acknowledged in time, to the next level:
 * the assignee's supervisor, then theirs. Computed from the clock, so running it again at the
 * same time changes nothing.
 */
gboolean
gx_case_escalate_due (GxDb               *db,
                      const GxWriteMeta  *meta,
                      GPtrArray          *escalated,
                      GError            **error)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) policies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, policy_free);

  if (!gx_case_list_due_escalations (db, meta->now, due, error))
    return FALSE;

  for (guint i = 0; i < due->len; i++)
    {
      gboolean done = FALSE;

      if (!escalate_one (db, due->pdata[i], meta, policies, &done, error))
        return FALSE;
      if (done && escalated != NULL)
        g_ptr_array_add (escalated, g_strdup (due->pdata[i]));
    }

  return TRUE;
}

/* Lessons */

/**
 * gx_lesson_create:
 * @db: the writer connection, inside a transaction
 * @case_id: (nullable): the closed case the lesson comes from
 * @fields: title, problem, cause, department, improvement, and optionally category_id
 * @meta: the author and when
 * @lesson_id: (out) (optional) (transfer full): the new lesson's id
 * @error: return location for a #GX_RECORD_ERROR naming the field to fix
 *
 * Adds a lesson to the library (案例库), in the case's category unless given another.
 */
gboolean
gx_lesson_create (GxDb               *db,
                  const char         *case_id,
                  JsonObject         *fields,
                  const GxWriteMeta  *meta,
                  char              **lesson_id,
                  GError            **error)
{
  g_autofree char *id = gx_uuid_v7_new_at (meta->now * 1000);
  g_autoptr(JsonObject) lesson = json_object_new ();
  static const char * const texts[] = { "title", "problem", "cause", "department", "improvement", NULL };

  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autofree char *text = dup_trimmed (member_string (fields, texts[i]));
      json_object_set_string_member (lesson, texts[i], text);
    }

  if (*json_object_get_string_member (lesson, "title") == '\0')
    return refuse (error, "title", _("Give the lesson a title."));
  if (*json_object_get_string_member (lesson, "problem") == '\0')
    return refuse (error, "problem", _("Describe the problem the case showed."));

  if (case_id != NULL)
    {
      g_autofree char *status = gx_db_query_string (db, "SELECT status FROM cases WHERE id = ?",
                                                    g_variant_new ("(s)", case_id), NULL);
      if (g_strcmp0 (status, "closed") != 0)
        return refuse (error, "case_id", _("Only a closed case becomes a lesson."));
      json_object_set_string_member (lesson, "case_id", case_id);
    }

  if (member_string (fields, "category_id") != NULL)
    json_object_set_string_member (lesson, "category_id", member_string (fields, "category_id"));
  else if (case_id != NULL)
    {
      g_autofree char *category = gx_db_query_string (db, "SELECT category_id FROM cases WHERE id = ?",
                                                      g_variant_new ("(s)", case_id), NULL);
      set_string_or_null (lesson, "category_id", category);
    }

  set_string_or_null (lesson, "author_id", meta->user_id);
  json_object_set_int_member (lesson, "created_at", meta->now);
  if (!gx_record_insert (db, "lesson", id, lesson, meta, error))
    return FALSE;

  if (lesson_id != NULL)
    *lesson_id = g_steal_pointer (&id);
  return TRUE;
}
