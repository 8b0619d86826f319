/* gx-invitation-row.c: an invitee and their answer, as an activity's invitation list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-invitation-row"

#include "config.h"

#include "gx-invitation-row.h"

struct _GxInvitationRow
{
  GxRow parent_instance;
};

G_DEFINE_FINAL_TYPE (GxInvitationRow, gx_invitation_row, GX_TYPE_ROW)

static const char * const tables[] = {
  "invitations", "invitation_guests", "checkins", "customers", "customer_contacts", NULL
};

static void
gx_invitation_row_class_init (GxInvitationRowClass *klass)
{
  GxRowClass *row_class = GX_ROW_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GxRowColumn columns[] = {
    { g_param_spec_string ("name", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("number", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("phone", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("status-code", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("status", NULL, NULL, "", flags), GX_VOCAB_RSVP },
    { g_param_spec_int ("party-size", NULL, NULL, 0, G_MAXINT, 1, flags), -1 },
    { g_param_spec_string ("guests", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("code", NULL, NULL, "", flags), -1 },
    { g_param_spec_int64 ("waitlisted-at", NULL, NULL, 0, G_MAXINT64, 0, flags), -1 },
    { g_param_spec_int64 ("offer-expires-at", NULL, NULL, 0, G_MAXINT64, 0, flags), -1 },
    { g_param_spec_int64 ("offer-lapsed-at", NULL, NULL, 0, G_MAXINT64, 0, flags), -1 },
    { g_param_spec_int ("checked-in", NULL, NULL, 0, G_MAXINT, 0, flags), -1 },
    { g_param_spec_string ("override-note", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("customer-id", NULL, NULL, "", flags), -1 },
  };

  row_class->tables = tables;
  row_class->page_sql =
    "SELECT i.rowid, i.id, c.name, c.number,"
    "       (SELECT cc.value FROM customer_contacts cc WHERE cc.customer_id = c.id"
    "          AND cc.kind IN ('mobile', 'landline') ORDER BY cc.is_primary DESC LIMIT 1),"
    "       i.status, i.status,"
    "       1 + (SELECT count (*) FROM invitation_guests g WHERE g.invitation_id = i.id),"
    "       (SELECT group_concat (g.name, '、') FROM invitation_guests g WHERE g.invitation_id = i.id),"
    "       i.code, i.waitlisted_at, i.offer_expires_at, i.offer_lapsed_at,"
    "       (SELECT count (*) FROM checkins k WHERE k.invitation_id = i.id),"
    "       i.override_note, i.customer_id"
    "  FROM invitations i JOIN customers c ON c.id = i.customer_id"
    " WHERE i.rowid IN (%s)";
  gx_row_class_install_columns (row_class, columns, G_N_ELEMENTS (columns));
}

static void
gx_invitation_row_init (GxInvitationRow *self)
{
}
