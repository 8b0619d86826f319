/* gx-case.c: the case flow as pure decisions, and the rules that hold it on every write
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-case"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-case.h"
#include "gx-enums.h"

/* The flow follows ISO 10002: received → acknowledged → assessed → investigating ⇄ waiting
 * for the customer or another department → response drafted → in review (when the policy
 * wants a supervisor's sign-off) → decision communicated → return visit → closed, and back
 * from closed by a reopen with a reason.
 *
 * One table says which moves exist and what each needs; gx_case_check_transition() decides
 * one move from plain facts, so the form, the rule below and the tests share one answer.
 * The rules make a status change legal only together with its case event (who, when, from →
 * to, why): the event is written first and checked against the case as it stands, then the
 * case's change is checked against that event. A desk that skips the event, or a pushed
 * mutation that does, is refused by the same record layer on the server. */

static const GxCaseTransitionInfo transitions[] = {
  { GX_CASE_RECEIVED, GX_CASE_ACKNOWLEDGED, N_("Acknowledge"), "status", GX_CASE_NEEDS_NOTHING, FALSE },
  { GX_CASE_ACKNOWLEDGED, GX_CASE_ASSESSED, N_("Assess"), "status", GX_CASE_NEEDS_ASSESSMENT, FALSE },
  { GX_CASE_ASSESSED, GX_CASE_INVESTIGATING, N_("Investigate"), "status", GX_CASE_NEEDS_NOTHING, FALSE },
  { GX_CASE_INVESTIGATING, GX_CASE_WAITING_CUSTOMER, N_("Wait for Customer"), "status", GX_CASE_NEEDS_NOTE, FALSE },
  { GX_CASE_INVESTIGATING, GX_CASE_WAITING_DEPARTMENT, N_("Wait for Department"), "status", GX_CASE_NEEDS_NOTE, FALSE },
  { GX_CASE_WAITING_CUSTOMER, GX_CASE_INVESTIGATING, N_("Resume"), "status", GX_CASE_NEEDS_NOTHING, FALSE },
  { GX_CASE_WAITING_DEPARTMENT, GX_CASE_INVESTIGATING, N_("Resume"), "status", GX_CASE_NEEDS_NOTHING, FALSE },
  { GX_CASE_INVESTIGATING, GX_CASE_RESPONSE_DRAFTED, N_("Draft Response"), "status", GX_CASE_NEEDS_RESOLUTION, FALSE },
  { GX_CASE_RESPONSE_DRAFTED, GX_CASE_INVESTIGATING, N_("Rework"), "status", GX_CASE_NEEDS_NOTE, FALSE },
  { GX_CASE_RESPONSE_DRAFTED, GX_CASE_IN_REVIEW, N_("Submit for Review"), "status", GX_CASE_NEEDS_NOTHING, FALSE },
  { GX_CASE_RESPONSE_DRAFTED, GX_CASE_COMMUNICATED, N_("Communicate Decision"), "status", GX_CASE_NEEDS_REPLY_METHOD, FALSE },
  { GX_CASE_IN_REVIEW, GX_CASE_COMMUNICATED, N_("Communicate Decision"), "status", GX_CASE_NEEDS_REPLY_METHOD, FALSE },
  { GX_CASE_IN_REVIEW, GX_CASE_INVESTIGATING, N_("Send Back"), "review", GX_CASE_NEEDS_NOTE, TRUE },
  { GX_CASE_COMMUNICATED, GX_CASE_RETURN_VISIT, N_("Schedule Return Visit"), "status", GX_CASE_NEEDS_VISIT_TIME, FALSE },
  { GX_CASE_COMMUNICATED, GX_CASE_CLOSED, N_("Close Without Return Visit"), "status", GX_CASE_NEEDS_CLOSING, FALSE },
  { GX_CASE_RETURN_VISIT, GX_CASE_CLOSED, N_("Close"), "status", GX_CASE_NEEDS_CLOSING, FALSE },
  { GX_CASE_CLOSED, GX_CASE_INVESTIGATING, N_("Reopen"), "reopen", GX_CASE_NEEDS_NOTE, FALSE },
};

/**
 * gx_case_status_from_code:
 * @code: (nullable): a status code
 *
 * Returns: the status, %GX_CASE_STATUS_INVALID for an unknown code
 */
GxCaseStatus
gx_case_status_from_code (const char *code)
{
  int i = gx_vocab_index (GX_VOCAB_CASE_STATUS, code);

  return i < 0 || i >= GX_CASE_N_STATUSES ? GX_CASE_STATUS_INVALID : (GxCaseStatus) i;
}

/**
 * gx_case_status_to_code:
 * @status: a status
 *
 * Returns: (transfer none): its code
 */
const char *
gx_case_status_to_code (GxCaseStatus status)
{
  guint n;
  const GxVocabEntry *entries = gx_vocab_entries (GX_VOCAB_CASE_STATUS, &n);

  g_return_val_if_fail (status >= 0 && (guint) status < n, NULL);

  return entries[status].code;
}

/**
 * gx_case_transitions:
 * @n_transitions: (out): their number
 *
 * Returns: (transfer none) (array length=n_transitions): every move of the flow
 */
const GxCaseTransitionInfo *
gx_case_transitions (guint *n_transitions)
{
  *n_transitions = G_N_ELEMENTS (transitions);
  return transitions;
}

/**
 * gx_case_find_transition:
 * @from: a status
 * @to: another
 *
 * Returns: (transfer none) (nullable): the move, %NULL when the flow has none
 */
const GxCaseTransitionInfo *
gx_case_find_transition (GxCaseStatus from,
                         GxCaseStatus to)
{
  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    if (transitions[i].from == from && transitions[i].to == to)
      return &transitions[i];

  return NULL;
}

static const char *
status_label (GxCaseStatus status)
{
  if (status < 0 || status >= GX_CASE_N_STATUSES)
    return "?";
  return gx_vocab_label (GX_VOCAB_CASE_STATUS, gx_case_status_to_code (status));
}

static gboolean
refuse (GError     **error,
        const char  *field,
        const char  *message)
{
  gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, field, message);
  return FALSE;
}

/**
 * gx_case_check_transition:
 * @from: the case's status
 * @to: the status asked for
 * @facts: what else the move depends on
 * @error: return location for a #GX_RECORD_ERROR naming the field the user must fix
 *
 * Decides one move of the flow.
 *
 * Returns: %TRUE when the move is legal
 */
gboolean
gx_case_check_transition (GxCaseStatus        from,
                          GxCaseStatus        to,
                          const GxCaseFacts  *facts,
                          GError            **error)
{
  const GxCaseTransitionInfo *info = gx_case_find_transition (from, to);

  g_return_val_if_fail (facts != NULL, FALSE);

  if (info == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: the two %s are case statuses, e.g. "Received", "Closed" */
      message = g_strdup_printf (_("A case cannot go from “%s” to “%s”."), status_label (from), status_label (to));
      return refuse (error, "status", message);
    }

  if (info->supervisor_only && !facts->actor_is_supervisor)
    return refuse (error, "status", _("Only a supervisor may send a response back."));

  if ((info->needs & GX_CASE_NEEDS_NOTE) && !facts->has_note)
    {
      if (to == GX_CASE_INVESTIGATING && from == GX_CASE_CLOSED)
        return refuse (error, "note", _("Say why the case is reopened."));
      if (to == GX_CASE_WAITING_CUSTOMER || to == GX_CASE_WAITING_DEPARTMENT)
        return refuse (error, "note", _("Say what the case is waiting for."));
      return refuse (error, "note", _("Say what needs to change."));
    }

  if ((info->needs & GX_CASE_NEEDS_RESOLUTION) && !facts->has_resolution)
    return refuse (error, "resolution", _("Write down what was done before drafting the response."));

  if (to == GX_CASE_COMMUNICATED)
    {
      if (from == GX_CASE_RESPONSE_DRAFTED && facts->review_required)
        return refuse (error, "status",
                       _("This case’s time limit asks for a supervisor’s sign-off: submit the response for review first."));
      if (from == GX_CASE_IN_REVIEW && !facts->approved)
        return refuse (error, "status", _("A supervisor has not approved the response yet."));
      if (!facts->has_reply_method)
        return refuse (error, "communicated_via", _("Say how the decision was communicated to the customer."));
    }

  if (to == GX_CASE_CLOSED)
    {
      if (!facts->visit_done && !facts->has_no_visit_reason)
        return refuse (error, "no_visit_reason",
                       _("A case closes after a return visit, or with the reason none was possible."));
      if (!facts->visit_accepted && !facts->has_final_decision)
        return refuse (error, "final_decision",
                       _("Record the final decision, unless the customer accepted the outcome at the return visit."));
    }

  return TRUE;
}

/**
 * gx_case_next_transitions:
 * @from: the case's status
 * @facts: what the moves depend on; input the form asks for (notes, reply method) is not
 *   expected yet
 *
 * The moves to offer the user: those the flow has from @from, without the ones the facts
 * already rule out (a supervisor's move for a desk, communicating a response that still
 * needs a sign-off).
 *
 * Returns: (transfer container) (element-type GxCaseTransitionInfo): the moves, in flow order
 */
GPtrArray *
gx_case_next_transitions (GxCaseStatus       from,
                          const GxCaseFacts *facts)
{
  GPtrArray *moves = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    {
      const GxCaseTransitionInfo *info = &transitions[i];

      if (info->from != from)
        continue;
      if (info->supervisor_only && (!facts->actor_is_supervisor || facts->actor_submitted))
        continue;
      /* Sending back is part of the review, which offers it with the approval. */
      if (g_strcmp0 (info->event_kind, "review") == 0)
        continue;
      if (info->to == GX_CASE_COMMUNICATED &&
          ((from == GX_CASE_RESPONSE_DRAFTED && facts->review_required) ||
           (from == GX_CASE_IN_REVIEW && !facts->approved)))
        continue;
      if (info->from == GX_CASE_COMMUNICATED && info->to == GX_CASE_CLOSED && facts->visit_done)
        continue;
      g_ptr_array_add (moves, (gpointer) info);
    }

  return moves;
}

/**
 * gx_case_severity_for:
 * @impact: (nullable): "low", "medium" or "high"
 * @urgency: (nullable): "low", "medium" or "high"
 *
 * The usual priority matrix: high impact and high urgency is critical; either high with the
 * other medium is high; low with low is low; everything else medium.
 *
 * Returns: (transfer none): a severity code
 */
const char *
gx_case_severity_for (const char *impact,
                      const char *urgency)
{
  static const char * const matrix[3][3] = {
    /* urgency:  low       medium    high */
    { "low",    "low",    "medium" },   /* impact low */
    { "low",    "medium", "high" },     /* impact medium */
    { "medium", "high",   "critical" }, /* impact high */
  };
  static const char * const levels[] = { "low", "medium", "high" };
  int i = 1, u = 1;

  for (int k = 0; k < 3; k++)
    {
      if (g_strcmp0 (impact, levels[k]) == 0)
        i = k;
      if (g_strcmp0 (urgency, levels[k]) == 0)
        u = k;
    }

  return matrix[i][u];
}

/**
 * gx_case_make_number:
 * @now: the time of intake
 * @tz: (nullable): the desk's time zone
 *
 * A case number a customer can read out on the phone, unique without asking the server:
 * the date and five characters of Crockford's base 32 (no I, L, O or U), e.g.
 * `TS20261122-7K4QD`. Desks working offline draw from 33 million numbers a day.
 *
 * Returns: (transfer full): a new case number
 */
char *
gx_case_make_number (gint64     now,
                     GTimeZone *tz)
{
  static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *date = NULL;
  char suffix[6];
  guint32 bits = g_random_int ();

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();
  when = g_date_time_to_timezone (utc, tz);
  date = g_date_time_format (when, "%Y%m%d");

  for (guint i = 0; i < 5; i++, bits >>= 5)
    suffix[i] = alphabet[bits & 31];
  suffix[5] = '\0';

  return g_strdup_printf ("TS%s-%s", date, suffix);
}

/**
 * gx_case_deadline:
 * @status: the case's status code
 * @ack_due_at: its acknowledge deadline, or 0
 * @acknowledged_at: when it was acknowledged, or 0
 * @resolve_due_at: its answer deadline, or 0 (while paused)
 * @resolve_warn_at: when the answer clock turns amber, or 0
 * @resolved_at: when the decision was communicated, or 0
 * @now: the current time
 * @text: (out) (transfer full) (optional): where the case stands, in words: "3 h left",
 *   "Overdue by 1 day", "Paused", "Unacknowledged, 20 min over", "Met", "Late by 2 h"
 *
 * Where a case stands against its time limits, for a list cell or the case page. Colour is
 * never the only signal: the words say it too.
 *
 * Returns: the state to colour by
 */
GxDeadlineState
gx_case_deadline (const char  *status,
                  gint64       ack_due_at,
                  gint64       acknowledged_at,
                  gint64       resolve_due_at,
                  gint64       resolve_warn_at,
                  gint64       resolved_at,
                  gint64       now,
                  char       **text)
{
  GxDeadlineState state;
  gint64 warn;

  if (gx_sla_status_clock (status) == GX_SLA_CLOCK_PAUSED)
    {
      if (text != NULL)
        *text = g_strdup (_("Paused"));
      return GX_DEADLINE_NONE;
    }

  if (acknowledged_at == 0 && ack_due_at != 0 && resolved_at == 0 && now > ack_due_at)
    {
      if (text != NULL)
        {
          g_autofree char *amount = gx_format_duration (now - ack_due_at);
          /* Translators: %s is a length of time, e.g. "20 min" */
          *text = g_strdup_printf (_("Unacknowledged, %s over"), amount);
        }
      return GX_DEADLINE_OVERDUE;
    }

  warn = resolve_warn_at != 0 && resolve_due_at != 0 ? MAX (resolve_due_at - resolve_warn_at, 0) : 0;
  state = gx_deadline_state (resolve_due_at, resolved_at, now, warn);
  if (text != NULL)
    *text = gx_format_deadline (resolve_due_at, resolved_at, now);
  return state;
}

/**
 * gx_case_event_title:
 * @kind: the event's kind
 * @to_status: (nullable): the status it moved to
 * @decision: (nullable): a review's decision
 * @to_user_name: (nullable): whom it went to
 * @department: (nullable): the department of a hand-off
 *
 * Returns: (transfer full): the line the timeline shows for the event: "Acknowledged",
 *   "Handed off to 周杰 (计量室)", "Approved", "Escalated to 张敏"…
 */
char *
gx_case_event_title (const char *kind,
                     const char *to_status,
                     const char *decision,
                     const char *to_user_name,
                     const char *department)
{
  gboolean has_user = to_user_name != NULL && *to_user_name != '\0';
  gboolean has_department = department != NULL && *department != '\0';

  if (g_strcmp0 (kind, "status") == 0 && to_status != NULL)
    return g_strdup (gx_vocab_label (GX_VOCAB_CASE_STATUS, to_status));
  if (g_strcmp0 (kind, "reopen") == 0)
    return g_strdup (_("Reopened"));
  if (g_strcmp0 (kind, "review") == 0)
    {
      /* An approval leaves the status as it is; sending back moves it. */
      gboolean approved = g_strcmp0 (decision, "approved") == 0 || (decision == NULL && to_status == NULL);
      return g_strdup (approved ? _("Response approved") : _("Response sent back"));
    }
  if (g_strcmp0 (kind, "handoff") == 0)
    {
      if (has_user && has_department)
        /* Translators: a colleague's name, then a department */
        return g_strdup_printf (_("Handed off to %s (%s)"), to_user_name, department);
      if (has_user)
        return g_strdup_printf (_("Handed off to %s"), to_user_name);
      return g_strdup (_("Handed off"));
    }
  if (g_strcmp0 (kind, "escalation") == 0)
    return has_user ? g_strdup_printf (_("Escalated to %s"), to_user_name) : g_strdup (_("Escalated"));
  if (g_strcmp0 (kind, "notify") == 0)
    return has_user ? g_strdup_printf (_("First responder %s informed"), to_user_name)
                    : g_strdup (_("First responder informed"));
  if (g_strcmp0 (kind, "attachment") == 0)
    return g_strdup (_("File attached"));
  if (g_strcmp0 (kind, "note") == 0)
    return g_strdup (_("Note"));

  return g_strdup (gx_vocab_label (GX_VOCAB_CASE_EVENT, kind));
}

/**
 * gx_case_parse_yuan:
 * @text: (nullable): an amount as typed: "200", "1,200.50", "¥35.5"
 * @fen: (out): the amount in fen; 0 for an empty text
 * @error: return location for a #GX_RECORD_ERROR on `compensation_amount`
 *
 * Returns: %TRUE when @text is empty or a non-negative amount with at most two decimals
 */
gboolean
gx_case_parse_yuan (const char  *text,
                    gint64      *fen,
                    GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p = text ? text : "";
  gint64 whole = 0;
  int cents = 0, decimals = -1;

  *fen = 0;
  while (g_unichar_isspace (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (g_str_has_prefix (p, "¥") || g_str_has_prefix (p, "￥"))
    p = g_utf8_next_char (p);

  for (; *p; p++)
    {
      if (*p == ',' || *p == ' ')
        continue;
      if (*p == '.' && decimals < 0)
        {
          decimals = 0;
          continue;
        }
      if (!g_ascii_isdigit (*p) || decimals >= 2 || whole > G_MAXINT64 / 1000)
        return refuse (error, "compensation_amount", _("Write the amount in yuan, e.g. 200 or 35.50."));
      if (decimals >= 0)
        {
          cents = cents * 10 + (*p - '0');
          decimals++;
        }
      else
        whole = whole * 10 + (*p - '0');
      g_string_append_c (digits, *p);
    }

  if (decimals == 1)
    cents *= 10;
  *fen = whole * 100 + cents;
  return TRUE;
}

/* Facts */

static gboolean
text_set (JsonObject *record,
          const char *field)
{
  const char *text;

  if (record == NULL || !json_object_has_member (record, field) || json_object_get_null_member (record, field))
    return FALSE;
  text = json_object_get_string_member (record, field);
  for (; text && *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return TRUE;
  return FALSE;
}

static gboolean
user_is_supervisor (GxDb       *db,
                    const char *user_id)
{
  g_autofree char *role = NULL;

  if (user_id == NULL)
    return FALSE;
  role = gx_db_query_string (db, "SELECT role FROM users WHERE id = ?", g_variant_new ("(s)", user_id), NULL);
  return g_strcmp0 (role, "supervisor") == 0 || g_strcmp0 (role, "admin") == 0;
}

/* Who submitted the case for review the last time. */
static char *
dup_submitter (GxDb       *db,
               const char *case_id)
{
  return gx_db_query_string (db,
                             "SELECT user_id FROM case_events WHERE case_id = ? AND to_status = 'in_review'"
                             " ORDER BY at DESC, rowid DESC LIMIT 1",
                             g_variant_new ("(s)", case_id), NULL);
}

/**
 * gx_case_facts_load:
 * @db: a connection
 * @case_id: the case
 * @record: (nullable): the case as it will be after a write; read from @db when %NULL
 * @actor_id: (nullable): who acts
 * @facts: (out caller-allocates): the facts; `has_note` is left %FALSE
 * @error: return location for a #GError
 */
gboolean
gx_case_facts_load (GxDb         *db,
                    const char   *case_id,
                    JsonObject   *record,
                    const char   *actor_id,
                    GxCaseFacts  *facts,
                    GError      **error)
{
  g_autoptr(JsonObject) read = NULL;
  g_autofree char *submitter = NULL;
  const char *policy_id = NULL;
  sqlite3_stmt *stmt;

  memset (facts, 0, sizeof *facts);

  if (record == NULL)
    {
      record = read = gx_record_read (db, "case", case_id, error);
      if (record == NULL)
        return FALSE;
    }

  if (json_object_has_member (record, "sla_policy_id") && !json_object_get_null_member (record, "sla_policy_id"))
    policy_id = json_object_get_string_member (record, "sla_policy_id");
  if (policy_id != NULL)
    facts->review_required = gx_db_query_int (db, "SELECT review_required FROM sla_policies WHERE id = ?",
                                              g_variant_new ("(s)", policy_id), 0, NULL) != 0;

  facts->approved = json_object_has_member (record, "reviewed_at") && !json_object_get_null_member (record, "reviewed_at");
  facts->actor_is_supervisor = user_is_supervisor (db, actor_id);
  submitter = dup_submitter (db, case_id);
  facts->actor_submitted = actor_id != NULL && g_strcmp0 (submitter, actor_id) == 0;
  facts->has_resolution = text_set (record, "resolution");
  facts->has_reply_method = text_set (record, "communicated_via");
  facts->has_no_visit_reason = text_set (record, "no_visit_reason");
  facts->has_final_decision = text_set (record, "final_decision");

  stmt = gx_db_prepare (db,
                        "SELECT count(*), count(done_at), coalesce (max (done_at IS NOT NULL AND accepted = 1), 0)"
                        "  FROM return_visits WHERE case_id = ?",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, case_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      facts->visit_scheduled = sqlite3_column_int (stmt, 0) > 0;
      facts->visit_done = sqlite3_column_int (stmt, 1) > 0;
      facts->visit_accepted = sqlite3_column_int (stmt, 2) != 0;
    }
  sqlite3_reset (stmt);

  return TRUE;
}

/* Rules */

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

static gboolean
check_case_texts (JsonObject  *record,
                  JsonObject  *changes,
                  GError     **error)
{
  if (json_object_has_member (changes, "description") && !text_set (record, "description"))
    return refuse (error, "description", _("Describe the complaint."));

  if (json_object_has_member (changes, "received_at") &&
      member_int (record, "received_at") > member_int (record, "created_at") + 60)
    return refuse (error, "received_at", _("The time received cannot be in the future."));

  return TRUE;
}

/* Fields a closed case may still change: the supervisor's review of the handling. */
static const char * const closed_editable[] = {
  "quality_score", "reviewed_by", "reviewed_at", "updated_at", "satisfaction", NULL
};

/**
 * gx_case_rule:
 *
 * A #GxRuleFunc for `case`: a new case starts as received, with a description, not in the
 * future; the number and first responder never change; a status change follows the flow
 * and is recorded by its case event; a closed case changes only by reopening; cases are
 * never deleted.
 */
gboolean
gx_case_rule (GxDb          *db,
              const GxKind  *kind,
              GxRuleOp       op,
              const char    *id,
              JsonObject    *record,
              JsonObject    *changes,
              GError       **error)
{
  g_autofree char *current = NULL;
  const char *status;

  if (op == GX_RULE_DELETE)
    return refuse (error, NULL, _("Complaint cases are never deleted; close them instead."));

  if (op == GX_RULE_INSERT)
    {
      if (g_strcmp0 (member_string (record, "status"), "received") != 0 && json_object_has_member (record, "status"))
        return refuse (error, "status", _("A new case starts as received."));
      if (member_string (record, "first_responder_id") == NULL)
        return refuse (error, "first_responder_id", _("A case needs the person who took it: its first responder."));
      if (!text_set (record, "description"))
        return refuse (error, "description", _("Describe the complaint."));
      return check_case_texts (record, changes, error);
    }

  if (json_object_has_member (changes, "number"))
    return refuse (error, "number", _("A case number never changes."));
  if (json_object_has_member (changes, "first_responder_id"))
    return refuse (error, "first_responder_id",
                   _("The first responder stays with the case; hand it off to pass the work on."));

  if (!check_case_texts (record, changes, error))
    return FALSE;

  current = gx_db_query_string (db, "SELECT status FROM cases WHERE id = ?", g_variant_new ("(s)", id), NULL);
  status = member_string (record, "status");

  /* A sign-off is a supervisor's approval in the timeline, never a field set alone. */
  if (member_int (changes, "reviewed_at") != 0)
    {
      g_autofree char *approver = NULL;

      approver = gx_db_query_string (db,
                                     "SELECT user_id FROM case_events WHERE case_id = ?1 AND kind = 'review'"
                                     "   AND decision = 'approved' AND at = ?2"
                                     "   AND rowid > coalesce ((SELECT max (rowid) FROM case_events"
                                     "                          WHERE case_id = ?1 AND to_status = 'in_review'), 0)"
                                     " ORDER BY rowid DESC LIMIT 1",
                                     g_variant_new ("(sx)", id, member_int (changes, "reviewed_at")), NULL);
      if (approver == NULL || g_strcmp0 (approver, member_string (record, "reviewed_by")) != 0)
        return refuse (error, "reviewed_by", _("Only a supervisor’s approval in the timeline signs a response off."));
    }

  if (json_object_has_member (changes, "status") && g_strcmp0 (status, current) != 0)
    {
      g_autofree char *event_from = NULL;
      g_autofree char *event_to = NULL;
      g_autofree char *event_user = NULL;
      g_autofree char *event_note = NULL;
      GxCaseFacts facts;
      sqlite3_stmt *stmt;

      stmt = gx_db_prepare (db,
                            "SELECT from_status, to_status, user_id, note FROM case_events"
                            " WHERE case_id = ? AND to_status IS NOT NULL ORDER BY at DESC, rowid DESC LIMIT 1",
                            error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          event_from = gx_db_dup_column (stmt, 0);
          event_to = gx_db_dup_column (stmt, 1);
          event_user = gx_db_dup_column (stmt, 2);
          event_note = gx_db_dup_column (stmt, 3);
        }
      sqlite3_reset (stmt);

      if (g_strcmp0 (event_from, current) != 0 || g_strcmp0 (event_to, status) != 0)
        return refuse (error, "status", _("A status change must be recorded in the case’s timeline."));

      if (!gx_case_facts_load (db, id, record, event_user, &facts, error))
        return FALSE;
      facts.has_note = event_note != NULL && *g_strstrip (event_note) != '\0';

      return gx_case_check_transition (gx_case_status_from_code (current), gx_case_status_from_code (status),
                                       &facts, error);
    }

  if (g_strcmp0 (current, "closed") == 0)
    {
      JsonObjectIter iter;
      const char *name;

      json_object_iter_init (&iter, changes);
      while (json_object_iter_next (&iter, &name, NULL))
        if (!g_strv_contains (closed_editable, name))
          return refuse (error, name, _("A closed case is not changed; reopen it first."));
    }

  return TRUE;
}

/**
 * gx_case_event_rule:
 *
 * A #GxRuleFunc for `case_event`: a status event moves the case from the status it has now
 * along the flow, by someone allowed to; a review is a supervisor's, of a case in review,
 * and never of a response they submitted themselves; a hand-off names an active colleague;
 * notes and reasons are not empty; a closed case takes only notes and a reopen.
 */
gboolean
gx_case_event_rule (GxDb          *db,
                    const GxKind  *kind,
                    GxRuleOp       op,
                    const char    *id,
                    JsonObject    *record,
                    JsonObject    *changes,
                    GError       **error)
{
  const char *case_id = member_string (record, "case_id");
  const char *event_kind = member_string (record, "kind");
  const char *from = member_string (record, "from_status");
  const char *to = member_string (record, "to_status");
  const char *user_id = member_string (record, "user_id");
  const char *decision = member_string (record, "decision");
  g_autofree char *current = NULL;
  gboolean has_note = text_set (record, "note");

  if (op != GX_RULE_INSERT)
    return TRUE;   /* the record layer refuses changes to a ledger */

  current = gx_db_query_string (db, "SELECT status FROM cases WHERE id = ?", g_variant_new ("(s)", case_id), NULL);
  if (current == NULL)
    return refuse (error, "case_id", _("The case does not exist."));

  if (g_strcmp0 (current, "closed") == 0 &&
      g_strcmp0 (event_kind, "note") != 0 && g_strcmp0 (event_kind, "reopen") != 0 &&
      g_strcmp0 (event_kind, "notify") != 0)
    return refuse (error, "kind", _("A closed case is not changed; reopen it first."));

  /* Only Guanxi's own escalations are unsigned. */
  if (user_id == NULL && g_strcmp0 (event_kind, "escalation") != 0)
    return refuse (error, "user_id", _("A timeline entry needs the person who made it."));

  if (g_strcmp0 (event_kind, "note") == 0 && !has_note)
    return refuse (error, "note", _("Write the note first."));

  if (g_strcmp0 (event_kind, "handoff") == 0)
    {
      const char *to_user = member_string (record, "to_user");

      if (to_user == NULL ||
          gx_db_query_int (db, "SELECT active FROM users WHERE id = ?", g_variant_new ("(s)", to_user), 0, NULL) != 1)
        return refuse (error, "to_user", _("Choose an active colleague to take the case over."));
    }

  if (g_strcmp0 (event_kind, "review") == 0)
    {
      g_autofree char *submitter = NULL;

      if (!user_is_supervisor (db, user_id))
        return refuse (error, "user_id", _("Only a supervisor reviews responses."));
      if (g_strcmp0 (current, "in_review") != 0)
        return refuse (error, "status", _("Only a case in review can be approved or sent back."));
      submitter = dup_submitter (db, case_id);
      if (submitter != NULL && g_strcmp0 (submitter, user_id) == 0)
        return refuse (error, "user_id",
                       _("You submitted this response; another supervisor must review it (four eyes)."));
      if (g_strcmp0 (decision, "approved") == 0)
        {
          if (to != NULL)
            return refuse (error, "to_status", _("An approval leaves the case in review until the decision is communicated."));
          return TRUE;
        }
      if (g_strcmp0 (decision, "sent_back") != 0)
        return refuse (error, "decision", _("A review either approves the response or sends it back."));
    }

  if (to == NULL)
    return TRUE;

  /* The case's receipt is the first entry of its timeline. */
  if (g_strcmp0 (to, "received") == 0 && from == NULL && g_strcmp0 (event_kind, "status") == 0)
    {
      if (gx_db_query_int (db, "SELECT count(*) FROM case_events WHERE case_id = ? AND to_status IS NOT NULL",
                           g_variant_new ("(s)", case_id), 0, NULL) > 0)
        return refuse (error, "to_status", _("A case is received once."));
      return TRUE;
    }

  {
    GxCaseStatus s_from = gx_case_status_from_code (from);
    GxCaseStatus s_to = gx_case_status_from_code (to);
    const GxCaseTransitionInfo *info = gx_case_find_transition (s_from, s_to);
    GxCaseFacts facts = { 0 };

    if (g_strcmp0 (from, current) != 0)
      return refuse (error, "from_status", _("The case has moved on meanwhile; look at it again before changing it."));

    if (info == NULL)
      {
        g_autofree char *message = g_strdup_printf (_("A case cannot go from “%s” to “%s”."),
                                                    status_label (s_from), status_label (s_to));
        return refuse (error, "to_status", message);
      }

    if (g_strcmp0 (info->event_kind, event_kind) != 0)
      return refuse (error, "kind", _("This change is recorded as a different kind of event."));

    /* Who may do it and whether a reason is given; the case's own preconditions are checked
     * when the case itself changes. */
    facts.actor_is_supervisor = user_is_supervisor (db, user_id);
    facts.has_note = has_note;
    if (info->supervisor_only && !facts.actor_is_supervisor)
      return refuse (error, "user_id", _("Only a supervisor may send a response back."));
    if ((info->needs & GX_CASE_NEEDS_NOTE) && !has_note)
      return gx_case_check_transition (s_from, s_to, &facts, error);

    /* A sign-off is never set by the move itself: a response that needs one and lacks it is
     * refused here already, so its timeline never claims it went out. */
    if (s_to == GX_CASE_COMMUNICATED)
      {
        GxCaseFacts now;

        if (!gx_case_facts_load (db, case_id, NULL, user_id, &now, error))
          return FALSE;
        if (s_from == GX_CASE_RESPONSE_DRAFTED && now.review_required)
          return refuse (error, "status",
                         _("This case’s time limit asks for a supervisor’s sign-off: submit the response for review first."));
        if (s_from == GX_CASE_IN_REVIEW && !now.approved)
          return refuse (error, "status", _("A supervisor has not approved the response yet."));
      }
  }

  return TRUE;
}
