/* gx-activity-row.c: an activity as the activity list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-activity-row"

#include "config.h"

#include "gx-activity-row.h"

struct _GxActivityRow
{
  GxRow parent_instance;
};

G_DEFINE_FINAL_TYPE (GxActivityRow, gx_activity_row, GX_TYPE_ROW)

static const char * const tables[] = {
  "activities", "invitations", "invitation_guests", "checkins", "users", "clubs", NULL
};

static void
gx_activity_row_class_init (GxActivityRowClass *klass)
{
  GxRowClass *row_class = GX_ROW_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GxRowColumn columns[] = {
    { g_param_spec_string ("title", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("kind", NULL, NULL, "", flags), GX_VOCAB_ACTIVITY_KIND },
    { g_param_spec_string ("status-code", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("status", NULL, NULL, "", flags), GX_VOCAB_ACTIVITY_STATUS },
    { g_param_spec_int64 ("starts-at", NULL, NULL, 0, G_MAXINT64, 0, flags), -1 },
    { g_param_spec_int64 ("ends-at", NULL, NULL, 0, G_MAXINT64, 0, flags), -1 },
    { g_param_spec_int ("planned-month", NULL, NULL, 0, 12, 0, flags), -1 },
    { g_param_spec_string ("venue", NULL, NULL, "", flags), -1 },
    { g_param_spec_int ("capacity", NULL, NULL, 0, G_MAXINT, 0, flags), -1 },
    { g_param_spec_int ("accepted", NULL, NULL, 0, G_MAXINT, 0, flags), -1 },
    { g_param_spec_int ("points", NULL, NULL, 0, G_MAXINT, 0, flags), -1 },
    { g_param_spec_int64 ("points-awarded-at", NULL, NULL, 0, G_MAXINT64, 0, flags), -1 },
    { g_param_spec_string ("owner", NULL, NULL, "", flags), -1 },
    { g_param_spec_string ("club", NULL, NULL, "", flags), -1 },
  };

  row_class->tables = tables;
  /* Accepted places count the invitee and the guests they bring. */
  row_class->page_sql =
    "SELECT a.rowid, a.id, a.title, a.kind, a.status, a.status, a.starts_at, a.ends_at,"
    "       a.planned_month, a.venue, a.capacity,"
    "       (SELECT count (*) + coalesce (sum ((SELECT count (*) FROM invitation_guests g"
    "                                           WHERE g.invitation_id = i.id)), 0)"
    "          FROM invitations i WHERE i.activity_id = a.id AND i.status = 'accepted'),"
    "       a.points, a.points_awarded_at, u.display_name, cl.name"
    "  FROM activities a"
    "  LEFT JOIN users u ON u.id = a.owner_id"
    "  LEFT JOIN clubs cl ON cl.id = a.club_id"
    " WHERE a.rowid IN (%s)";
  gx_row_class_install_columns (row_class, columns, G_N_ELEMENTS (columns));
}

static void
gx_activity_row_init (GxActivityRow *self)
{
}
