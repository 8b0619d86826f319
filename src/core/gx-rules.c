/* gx-rules.c: the table of record rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-rules"

#include "config.h"

#include <string.h>

#include "gx-activity.h"
#include "gx-case-category.h"
#include "gx-case.h"
#include "gx-club.h"
#include "gx-customer-filter.h"
#include "gx-customer.h"
#include "gx-membership.h"
#include "gx-points.h"
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
  { "points_entry", gx_activity_rule_points_entry },
  { "service_factor", gx_service_factor_rule },
  { NULL, NULL },
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
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (rules[i].kind != NULL && strcmp (rules[i].kind, kind->name) == 0 &&
        !rules[i].func (db, kind, op, id, record, changes, error))
      return FALSE;

  return TRUE;
}
