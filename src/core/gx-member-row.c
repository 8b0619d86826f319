/* gx-member-row.c: a club membership as the member list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-member-row"

#include "config.h"

#include "gx-member-row.h"

struct _GxMemberRow
{
  GxRow parent_instance;
};

G_DEFINE_FINAL_TYPE (GxMemberRow, gx_member_row, GX_TYPE_ROW)

static const char * const tables[] = {
  "memberships", "customers", "clubs", "club_tiers", "points_ledger", NULL
};

static void
gx_member_row_class_init (GxMemberRowClass *klass)
{
  GxRowClass *row_class = GX_ROW_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GxRowColumn columns[] = {
    { g_param_spec_string ("member-number", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("name", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("club", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("tier", NULL, NULL, "", flags), GX_VOCAB_TIER, TRUE },
    { g_param_spec_string ("tier-name", NULL, NULL, "", flags), -1 },
    { g_param_spec_int64 ("points", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags), -1 },
    { g_param_spec_string ("joined-on", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("period-end", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("cancelled-on", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("suspended-reason", NULL, NULL, "", flags), -1 },
    { g_param_spec_int ("grace-days", NULL, NULL, 0, G_MAXINT, 0, flags), -1 },
    { g_param_spec_string ("applied-on", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("suspended-until", NULL, NULL, "", flags), -1 },
  };

  row_class->tables = tables;
  row_class->page_sql =
    "SELECT m.rowid, m.id, m.member_number, c.name, cl.name, ct.code, ct.name,"
    "       (SELECT coalesce (sum (p.points), 0) FROM points_ledger p WHERE p.membership_id = m.id),"
    "       m.joined_on, m.period_end, m.cancelled_on, m.suspended_reason, ct.grace_days,"
    "       m.applied_on, m.suspended_until"
    "  FROM memberships m"
    "  JOIN customers c ON c.id = m.customer_id"
    "  JOIN clubs cl ON cl.id = m.club_id"
    "  JOIN club_tiers ct ON ct.id = m.tier_id"
    " WHERE m.rowid IN (%s)";
  gx_row_class_install_columns (row_class, columns, G_N_ELEMENTS (columns));
}

static void
gx_member_row_init (GxMemberRow *self)
{
}
