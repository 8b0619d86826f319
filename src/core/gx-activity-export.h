/* gx-activity-export.h: an activity or a whole plan as iCalendar; the invitee list as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gx-db.h"
#include "gx-record.h"

G_BEGIN_DECLS

char *gx_activity_export_ical         (GxDb        *db,
                                       const char  *activity_id,
                                       gint64       now,
                                       GError     **error);
char *gx_activity_export_plan_ical    (GxDb        *db,
                                       const char  *plan_id,
                                       gint64       now,
                                       guint       *n_skipped,
                                       GError     **error);
char *gx_activity_export_invitees_csv (GxDb        *db,
                                       const char  *activity_id,
                                       GError     **error);
gboolean gx_activity_register_disclosure (GxDb              *db,
                                          const char        *activity_id,
                                          const char        *action,
                                          const char        *reason,
                                          const GxWriteMeta *meta,
                                          guint             *n_registered,
                                          GError           **error);

G_END_DECLS
