/* gx-rules.c: the table of record rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-activity.h"
#include "gx-case-category.h"
#include "gx-case.h"
#include "gx-club.h"
#include "gx-customer-filter.h"
#include "gx-customer.h"
#include "gx-membership.h"
#include "gx-points.h"
#include "gx-record.h"
#include "gx-rules.h"
#include "gx-service-factors.h"

/* Each capability adds its rules here: { kind, function }. The functions live with their
 * capability's core code (points rules with the points ledger, capacity with activities) and
 * are pure over the database and the record, so they are tested without a server and run
 * unchanged inside it. */
static const struct {
  const char *kind;
  GxRuleFunc  func;
} rules[] = {
  { "case", gx_case_rule },
  { "case_event", gx_case_event_rule },
  { "case_category", gx_case_category_rule },
  { "club", gx_club_rule },
  { "circle", gx_club_rule },
  { "club_tier", gx_club_rule },
  { "tier_right", gx_club_rule },
  { "reward", gx_club_rule },
  { "membership", gx_membership_rule },
  { "membership_circle", gx_membership_rule },
  { "points_entry", gx_points_rule },
  { "right_use", gx_right_use_rule },
  { "customer", gx_customer_rule_required },
  { "customer", gx_customer_rule_identity },
  { "customer_contact", gx_customer_rule_identity },
  { "customer_filter", gx_customer_filter_rule },
  { "activity", gx_activity_rule_activity },
  { "invitation", gx_activity_rule_invitation },
  { "invitation_guest", gx_activity_rule_guest },
  { "checkin", gx_activity_rule_checkin },
  { "activity_answer", gx_activity_rule_answer },
  { "activity_partner", gx_activity_rule_partner },
  { "points_entry", gx_activity_rule_points_entry },
  { "service_factor", gx_service_factor_rule },
  { NULL, NULL },
};

/* Records that say who made them: the column naming the author. A ledger entry (a contact,
 * a points entry, a check-in, an access to a protected profile …) is evidence of who did
 * what, and several rules judge a write by it (only a supervisor adjusts points or reviews a
 * response). Assignments (a return visit's staff, an activity's staff) name someone else on
 * purpose and are not listed. */
static const struct {
  const char *kind;
  const char *field;
} authors[] = {
  { "access_log", "user_id" },
  { "activity_answer", "user_id" },
  { "activity_evaluation", "author_id" },
  { "case_attachment", "user_id" },
  { "case_event", "user_id" },
  { "change_log", "user_id" },
  { "checkin", "user_id" },
  { "contact_log", "staff_id" },
  { "customer_merge", "user_id" },
  { "lesson", "author_id" },
  { "membership_log", "user_id" },
  { "points_entry", "user_id" },
  { "right_use", "user_id" },
};

/**
 * gx_rules_author_field:
 * @kind: a record kind
 *
 * The column of @kind that names the person who made the record, if it has one.
 *
 * Returns: (nullable): the column, or %NULL
 */
const char *
gx_rules_author_field (const GxKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (authors); i++)
    if (strcmp (authors[i].kind, kind->name) == 0)
      return authors[i].field;
  return NULL;
}

/* On the server a record is signed by the user who pushes it: a desk cannot add a points
 * adjustment in a supervisor's name, nor a contact in a colleague's. Unsigned records stay
 * possible where the kind's own rules allow them (Guanxi's escalations). The desk needs no
 * such check: it signs its writes with the signed-in user itself, and nothing a desk does
 * is trusted by the server anyway. */
static gboolean
signed_by_writer (GxDb                *db,
                  const GxKind        *kind,
                  GxRuleOp             op,
                  const char          *id,
                  JsonObject          *record,
                  JsonObject          *changes,
                  const GxRuleWriter  *writer,
                  GError             **error)
{
  const char *field = gx_rules_author_field (kind);
  JsonNode *author;

  if (field == NULL || writer == NULL || !writer->server || changes == NULL ||
      !json_object_has_member (changes, field))
    return TRUE;

  author = json_object_get_member (changes, field);
  if (JSON_NODE_HOLDS_NULL (author))
    {
      /* An update may not take the name off a record either. */
      if (op == GX_RULE_UPDATE)
        goto refuse;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (author) && json_node_get_value_type (author) == G_TYPE_STRING &&
      g_strcmp0 (json_node_get_string (author), writer->user_id) == 0)
    return TRUE;

refuse:
  gx_record_set_field_error (error, GX_RECORD_ERROR_FORBIDDEN, field,
                             _("A record is signed by the person who adds it: it may not name someone else."));
  return FALSE;
}

static const struct {
  const char       *kind;   /* NULL: every kind */
  GxWriterRuleFunc  func;
} writer_rules[] = {
  { NULL, signed_by_writer },
};

/**
 * gx_rules_check:
 * @db: the connection, inside the write's transaction
 * @kind: the record's kind
 * @op: what is done
 * @id: the record's id
 * @record: (nullable): the record as it will be
 * @changes: (nullable): the fields the write sets
 * @error: return location for a #GError
 *
 * Runs every rule of @kind.
 *
 * Returns: %TRUE when all rules allow the write
 */
gboolean
gx_rules_check (GxDb          *db,
                const GxKind  *kind,
                GxRuleOp       op,
                const char    *id,
                JsonObject    *record,
                JsonObject    *changes,
                GError       **error)
{
  return gx_rules_check_by (db, kind, op, id, record, changes, NULL, error);
}

/**
 * gx_rules_check_by:
 * @db: the connection, inside the write's transaction
 * @kind: the record's kind
 * @op: what is done
 * @id: the record's id
 * @record: (nullable): the record as it will be
 * @changes: (nullable): the fields the write sets
 * @writer: (nullable): who writes; %NULL when unknown
 * @error: return location for a #GError
 *
 * Runs every rule of @kind, those that judge the writer included.
 *
 * Returns: %TRUE when all rules allow the write
 */
gboolean
gx_rules_check_by (GxDb                *db,
                   const GxKind        *kind,
                   GxRuleOp             op,
                   const char          *id,
                   JsonObject          *record,
                   JsonObject          *changes,
                   const GxRuleWriter  *writer,
                   GError             **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (writer_rules); i++)
    if ((writer_rules[i].kind == NULL || strcmp (writer_rules[i].kind, kind->name) == 0) &&
        !writer_rules[i].func (db, kind, op, id, record, changes, writer, error))
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (rules[i].kind != NULL && strcmp (rules[i].kind, kind->name) == 0 &&
        !rules[i].func (db, kind, op, id, record, changes, error))
      return FALSE;

  return TRUE;
}
