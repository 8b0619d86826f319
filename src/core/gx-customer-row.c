/* gx-customer-row.c: a customer as the archive list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customer-row"

#include "config.h"

#include "gx-customer-row.h"

struct _GxCustomerRow
{
  GxRow parent_instance;
};

G_DEFINE_FINAL_TYPE (GxCustomerRow, gx_customer_row, GX_TYPE_ROW)

static const char * const tables[] = {
  "customers", "customer_contacts", "tiers", "users", NULL
};

static void
gx_customer_row_class_init (GxCustomerRowClass *klass)
{
  GxRowClass *row_class = GX_ROW_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GxRowColumn columns[] = {
    { g_param_spec_string ("number", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("name", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("kind", NULL, NULL, "", flags), GX_VOCAB_CUSTOMER_KIND },
    { g_param_spec_string ("tier", NULL, NULL, "", flags), GX_VOCAB_TIER, TRUE },
    { g_param_spec_string ("tier-name", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("stage", NULL, NULL, "", flags), GX_VOCAB_STAGE },
    { g_param_spec_string ("owner", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("confidentiality-code", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("confidentiality", NULL, NULL, "", flags), GX_VOCAB_CONFIDENTIALITY },
    { g_param_spec_string ("phone", NULL, NULL, "", flags), -1 },
    { g_param_spec_int64 ("last-contact-at", NULL, NULL, 0, G_MAXINT64, 0, flags), -1 },
    { g_param_spec_boolean ("at-risk", NULL, NULL, FALSE, flags), -1 },
    { g_param_spec_string ("company", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("birthday", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("follow-up-on", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("owner-id", NULL, NULL, "", flags), -1 },
    { g_param_spec_boolean ("archived", NULL, NULL, FALSE, flags), -1 },
  };

  row_class->tables = tables;
  row_class->page_sql =
    "SELECT c.rowid, c.id, c.number, c.name, c.kind, c.tier_id, t.name, c.stage, u.display_name,"
    "       c.confidentiality, c.confidentiality,"
    "       (SELECT cc.value FROM customer_contacts cc"
    "         WHERE cc.customer_id = c.id AND cc.kind IN ('mobile', 'landline')"
    "         ORDER BY cc.is_primary DESC LIMIT 1),"
    "       c.last_contact_at, c.at_risk, c.company, c.birthday, c.follow_up_on, c.owner_id,"
    "       c.archived_at IS NOT NULL"
    "  FROM customers c"
    "  LEFT JOIN tiers t ON t.id = c.tier_id"
    "  LEFT JOIN users u ON u.id = c.owner_id"
    " WHERE c.rowid IN (%s)";
  gx_row_class_install_columns (row_class, columns, G_N_ELEMENTS (columns));
}

static void
gx_customer_row_init (GxCustomerRow *self)
{
}
