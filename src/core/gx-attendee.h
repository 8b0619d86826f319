/* gx-attendee.h: one person on an activity's check-in list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gx-db.h"

G_BEGIN_DECLS

#define GX_TYPE_ATTENDEE (gx_attendee_get_type ())

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
GPtrArray  *gx_activity_list_attendees    (GxDb        *db,
                                           const char  *activity_id,
                                           const char  *text,
                                           GError     **error);

G_END_DECLS
