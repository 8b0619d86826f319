/* gx-case.h: complaint cases — the ISO 10002 flow, intake, hand-off, review, return visit,
 * escalation and lessons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gx-db.h"
#include "gx-format.h"
#include "gx-kinds.h"
#include "gx-record.h"
#include "gx-rules.h"
#include "gx-sla.h"

G_BEGIN_DECLS

/**
 * GxCaseStatus:
 *
 * The statuses of a case, in the order of the `status` vocabulary.
 */
typedef enum
{
  GX_CASE_STATUS_INVALID = -1,
  GX_CASE_RECEIVED,
  GX_CASE_ACKNOWLEDGED,
  GX_CASE_ASSESSED,
  GX_CASE_INVESTIGATING,
  GX_CASE_WAITING_CUSTOMER,
  GX_CASE_WAITING_DEPARTMENT,
  GX_CASE_RESPONSE_DRAFTED,
  GX_CASE_IN_REVIEW,
  GX_CASE_COMMUNICATED,
  GX_CASE_RETURN_VISIT,
  GX_CASE_CLOSED,
  GX_CASE_N_STATUSES
} GxCaseStatus;

/**
 * GxCaseNeeds:
 *
 * What a transition asks the user for, so a form shows exactly those fields.
 */
typedef enum
{
  GX_CASE_NEEDS_NOTHING         = 0,
  GX_CASE_NEEDS_NOTE            = 1 << 0,  /* a reason or what was asked */
  GX_CASE_NEEDS_ASSESSMENT      = 1 << 1,  /* impact, urgency, severity */
  GX_CASE_NEEDS_RESOLUTION      = 1 << 2,  /* what was done */
  GX_CASE_NEEDS_REPLY_METHOD    = 1 << 3,  /* how the decision was communicated */
  GX_CASE_NEEDS_VISIT_TIME      = 1 << 4,  /* when to call back */
  GX_CASE_NEEDS_CLOSING         = 1 << 5,  /* final decision, or why no return visit */
} GxCaseNeeds;

/**
 * GxCaseTransitionInfo:
 * @from: the status left
 * @to: the status entered
 * @action: the button's label, untranslated (translate with _())
 * @event_kind: the kind of the case event recording it
 * @needs: what the user gives
 * @supervisor_only: only a supervisor may do it
 */
typedef struct
{
  GxCaseStatus  from;
  GxCaseStatus  to;
  const char   *action;
  const char   *event_kind;
  GxCaseNeeds   needs;
  gboolean      supervisor_only;
} GxCaseTransitionInfo;

/**
 * GxCaseFacts:
 *
 * What a transition's legality depends on beyond the two statuses, read from the case, its
 * return visits and its policy (gx_case_facts_load()) or set directly in tests.
 */
typedef struct
{
  gboolean review_required;      /* the policy asks for a supervisor's sign-off */
  gboolean approved;             /* signed off since the case was last submitted */
  gboolean actor_is_supervisor;
  gboolean actor_submitted;      /* the actor submitted it for review (four eyes) */
  gboolean has_resolution;
  gboolean has_note;
  gboolean has_reply_method;
  gboolean visit_scheduled;
  gboolean visit_done;
  gboolean visit_accepted;
  gboolean has_no_visit_reason;
  gboolean has_final_decision;
} GxCaseFacts;

GxCaseStatus                 gx_case_status_from_code    (const char            *code);
const char                  *gx_case_status_to_code      (GxCaseStatus           status);
const GxCaseTransitionInfo  *gx_case_transitions         (guint                 *n_transitions);
const GxCaseTransitionInfo  *gx_case_find_transition     (GxCaseStatus           from,
                                                          GxCaseStatus           to);
gboolean                     gx_case_check_transition    (GxCaseStatus           from,
                                                          GxCaseStatus           to,
                                                          const GxCaseFacts     *facts,
                                                          GError               **error);
GPtrArray                   *gx_case_next_transitions    (GxCaseStatus           from,
                                                          const GxCaseFacts     *facts);
const char                  *gx_case_severity_for        (const char            *impact,
                                                          const char            *urgency);
char                        *gx_case_make_number         (gint64                 now,
                                                          GTimeZone             *tz);
GxDeadlineState              gx_case_deadline            (const char            *status,
                                                          gint64                 ack_due_at,
                                                          gint64                 acknowledged_at,
                                                          gint64                 resolve_due_at,
                                                          gint64                 resolve_warn_at,
                                                          gint64                 resolved_at,
                                                          gint64                 now,
                                                          char                 **text);
char                        *gx_case_event_title         (const char            *kind,
                                                          const char            *to_status,
                                                          const char            *decision,
                                                          const char            *to_user_name,
                                                          const char            *department);
gboolean                     gx_case_parse_yuan          (const char            *text,
                                                          gint64                *fen,
                                                          GError               **error);
gboolean                     gx_case_facts_load          (GxDb                  *db,
                                                          const char            *case_id,
                                                          JsonObject            *record,
                                                          const char            *actor_id,
                                                          GxCaseFacts           *facts,
                                                          GError               **error);

/* Rules the record layer runs on every write of these kinds (src/core/gx-rules.c). */
gboolean gx_case_rule        (GxDb *db, const GxKind *kind, GxRuleOp op, const char *id,
                              JsonObject *record, JsonObject *changes, GError **error);
gboolean gx_case_event_rule  (GxDb *db, const GxKind *kind, GxRuleOp op, const char *id,
                              JsonObject *record, JsonObject *changes, GError **error);

/* Writes: each runs inside the caller's store transaction (a GxStoreWriteFunc). */

/**
 * GxCaseIntake:
 * @customer_id: who complains
 * @channel: how it came in (a `channel` code)
 * @category_id: (nullable): the cause
 * @severity: (nullable): "medium" when %NULL
 * @subject: (nullable): a short title; the description's first line when %NULL or empty
 * @description: what happened
 * @remedy_sought: (nullable): what the customer asks for
 * @received_at: when it came in; 0 for now; never in the future
 * @parent_id: (nullable): an earlier case this one follows up
 */
typedef struct
{
  const char *customer_id;
  const char *channel;
  const char *category_id;
  const char *severity;
  const char *subject;
  const char *description;
  const char *remedy_sought;
  gint64      received_at;
  const char *parent_id;
} GxCaseIntake;

/**
 * GxCaseChange:
 * @to: the status to move to
 * @note: (nullable): the reason, what was asked, or a comment for the timeline
 * @impact: (nullable): with assessment
 * @urgency: (nullable): with assessment
 * @severity: (nullable): with assessment; derived from impact and urgency when %NULL
 * @reply_method: (nullable): how the decision was communicated
 * @visit_at: when the return visit is scheduled; 0 for the next working morning
 * @final_decision: (nullable): the decision recorded at closing
 * @no_visit_reason: (nullable): why no return visit was possible
 * @resolution: (nullable): what was done, saved with a move to "response drafted"
 */
typedef struct
{
  GxCaseStatus  to;
  const char   *note;
  const char   *impact;
  const char   *urgency;
  const char   *severity;
  const char   *reply_method;
  gint64        visit_at;
  const char   *final_decision;
  const char   *no_visit_reason;
  const char   *resolution;
} GxCaseChange;

/**
 * GxReturnVisitInput:
 * @method: "phone", "visit", "sms" or "wechat"
 * @overall: overall satisfaction 1–5
 * @factor_ids: (array length=n_factors): service factors scored
 * @scores: (array length=n_factors): their scores 1–5
 * @accepted: the customer accepts the outcome
 * @comment: (nullable): what the customer said
 */
typedef struct
{
  const char        *method;
  int                overall;
  const char *const *factor_ids;
  const int         *scores;
  guint              n_factors;
  gboolean           accepted;
  const char        *comment;
} GxReturnVisitInput;

gboolean gx_case_intake          (GxDb                     *db,
                                  const GxCaseIntake       *intake,
                                  const GxWriteMeta        *meta,
                                  char                    **case_id,
                                  GError                  **error);
gboolean gx_case_create_prospect (GxDb                     *db,
                                  const char               *name,
                                  const char               *phone,
                                  const GxWriteMeta        *meta,
                                  char                    **customer_id,
                                  GError                  **error);
gboolean gx_case_transition      (GxDb                     *db,
                                  const char               *case_id,
                                  const GxCaseChange       *change,
                                  const GxWriteMeta        *meta,
                                  GError                  **error);
gboolean gx_case_review          (GxDb                     *db,
                                  const char               *case_id,
                                  gboolean                  approve,
                                  int                       score,
                                  const char               *note,
                                  const GxWriteMeta        *meta,
                                  GError                  **error);
gboolean gx_case_hand_off        (GxDb                     *db,
                                  const char               *case_id,
                                  const char               *to_user_id,
                                  const char               *department,
                                  const char               *note,
                                  const GxWriteMeta        *meta,
                                  GError                  **error);
gboolean gx_case_add_note        (GxDb                     *db,
                                  const char               *case_id,
                                  const char               *note,
                                  const GxWriteMeta        *meta,
                                  GError                  **error);
gboolean gx_case_edit            (GxDb                     *db,
                                  const char               *case_id,
                                  JsonObject               *changes,
                                  const GxWriteMeta        *meta,
                                  GError                  **error);
gboolean gx_case_record_visit    (GxDb                     *db,
                                  const char               *case_id,
                                  const GxReturnVisitInput *visit,
                                  const GxWriteMeta        *meta,
                                  GError                  **error);
gboolean gx_case_attach          (GxDb                     *db,
                                  const char               *case_id,
                                  const char               *name,
                                  const char               *mime_type,
                                  GBytes                   *data,
                                  const GxWriteMeta        *meta,
                                  char                    **attachment_id,
                                  GError                  **error);
gboolean gx_case_refresh_sla     (GxDb                     *db,
                                  const char               *case_id,
                                  const GxWriteMeta        *meta,
                                  GError                  **error);
gboolean gx_case_list_due_escalations (GxDb               *db,
                                  gint64                    now,
                                  GPtrArray                *case_ids,
                                  GError                  **error);
gboolean gx_case_escalate        (GxDb                     *db,
                                  const char               *case_id,
                                  const GxWriteMeta        *meta,
                                  gboolean                 *escalated,
                                  GError                  **error);
gboolean gx_case_escalate_due    (GxDb                     *db,
                                  const GxWriteMeta        *meta,
                                  GPtrArray                *escalated,
                                  GError                  **error);
gboolean gx_lesson_create        (GxDb                     *db,
                                  const char               *case_id,
                                  JsonObject               *fields,
                                  const GxWriteMeta        *meta,
                                  char                    **lesson_id,
                                  GError                  **error);

/* Reads */

gboolean gx_case_load_clock      (GxDb                     *db,
                                  const char               *case_id,
                                  gint64                    now,
                                  GxSlaClock               *clock,
                                  GxSlaPolicy              *policy,
                                  GError                  **error);

/* Limits on what a case keeps in the store. */
#define GX_CASE_ATTACHMENT_MAX_BYTES (10 * 1024 * 1024)
#define GX_CASE_ATTACHMENTS_MAX      20

G_END_DECLS
