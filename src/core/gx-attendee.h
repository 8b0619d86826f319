/* gx-attendee.h: one person on an activity's check-in list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gx-db.h"

G_BEGIN_DECLS

#define GX_TYPE_ATTENDEE (gx_attendee_get_type ())

/* The check-in list shows at most this many people; more are narrowed by typing. */
#define GX_ATTENDEE_LIST_CAP 200

G_DECLARE_FINAL_TYPE (GxAttendee, gx_attendee, GX, ATTENDEE, GObject)

const char *gx_attendee_get_kind          (GxAttendee  *self);
const char *gx_attendee_get_invitation_id (GxAttendee  *self);
const char *gx_attendee_get_guest_id      (GxAttendee  *self);
const char *gx_attendee_get_name          (GxAttendee  *self);
const char *gx_attendee_get_code          (GxAttendee  *self);
gint64      gx_attendee_get_checked_in_at (GxAttendee  *self);
const char *gx_attendee_get_checkin_id    (GxAttendee  *self);
int         gx_attendee_get_score         (GxAttendee  *self);
const char *gx_attendee_get_comment       (GxAttendee  *self);
char       *gx_activity_attendees_sql     (GxDb        *db,
                                           const char  *activity_id,
                                           const char  *text,
                                           GVariant   **params);
GPtrArray  *gx_activity_list_attendees    (GxDb        *db,
                                           const char  *activity_id,
                                           const char  *text,
                                           GError     **error);

G_END_DECLS
