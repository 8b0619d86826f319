/* gx-activity.h: member activities — places, RSVP and waitlist, guests, check-in, points
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "gx-db.h"
#include "gx-record.h"
#include "gx-rules.h"
#include "gx-store.h"

G_BEGIN_DECLS

/* Points promised for an activity are credited within one week after it ends (rule 6). */
#define GX_ACTIVITY_POINTS_WINDOW (7 * 24 * 3600)

/**
 * GxActivityPlaces:
 * @capacity: places at the event; 0 when there is no limit
 * @held: places taken by accepted parties and by open offers, guests included
 * @accepted: people in accepted parties, guests included
 * @offered: people in parties offered a place from the waitlist
 * @waitlisted: people waiting, guests included
 * @waiting_parties: parties waiting
 * @invited: invitations not cancelled
 * @checked_in: people checked in: invitees, guests and walk-ins
 *
 * How the places of an activity stand. Capacity counts people, not invitations: a member
 * bringing two guests takes three places.
 */
typedef struct
{
  gint64 capacity;
  gint64 held;
  gint64 accepted;
  gint64 offered;
  gint64 waitlisted;
  gint64 waiting_parties;
  gint64 invited;
  gint64 checked_in;
} GxActivityPlaces;

/**
 * GxActivityOutcome:
 * @status: the invitation's status code after the change ("accepted", "waitlisted", …)
 * @offered: waitlisted parties offered a place by this change
 * @lapsed: offers that were not taken up in time and passed on
 * @awarded: members credited with points
 * @not_members: attendees who are not members of the activity's club, so earn no points
 *
 * What a change to an activity's invitations did, for the desk to say.
 */
typedef struct
{
  const char *status;
  guint       offered;
  guint       lapsed;
  guint       awarded;
  guint       not_members;
} GxActivityOutcome;

/**
 * GxPointsDue:
 * @GX_POINTS_DUE_NONE: the activity promises no points, or was cancelled
 * @GX_POINTS_DUE_NOT_ENDED: points can be awarded once it has ended
 * @GX_POINTS_DUE_OPEN: ended; points are due within the week
 * @GX_POINTS_DUE_OVERDUE: the week has passed and points are still not awarded
 * @GX_POINTS_DUE_AWARDED: points were awarded
 */
typedef enum
{
  GX_POINTS_DUE_NONE,
  GX_POINTS_DUE_NOT_ENDED,
  GX_POINTS_DUE_OPEN,
  GX_POINTS_DUE_OVERDUE,
  GX_POINTS_DUE_AWARDED,
} GxPointsDue;

/**
 * GxActivityPartner:
 * @id: (nullable): the co-host record; %NULL for a search match
 * @kind: "customer" (an organisation of the archive) or "club"
 * @record_id: the organisation's or club's id
 * @name: its name
 * @detail: what it is ("Enterprise", "Club"…), translated
 *
 * One co-host of an activity.
 */
typedef struct
{
  char *id;
  char *kind;
  char *record_id;
  char *name;
  char *detail;
} GxActivityPartner;

void         gx_activity_partner_free       (GxActivityPartner      *partner);
GPtrArray   *gx_activity_list_partners      (GxDb                   *db,
                                             const char             *activity_id);
GPtrArray   *gx_activity_search_partners    (GxDb                   *db,
                                             const char             *activity_id,
                                             const char             *text);
char        *gx_activity_dup_partner_names  (GxDb                   *db,
                                             const char             *activity_id);

/* Pure decisions */

gint64       gx_activity_places_free        (const GxActivityPlaces *places);
gboolean     gx_activity_status_holds_place (const char             *status);
GxPointsDue  gx_activity_points_due         (gint64                  points,
                                             const char             *status,
                                             gint64                  ends_at,
                                             gint64                  awarded_at,
                                             gint64                  now);
int          gx_activity_points_days_left   (gint64                  ends_at,
                                             gint64                  now);
char        *gx_activity_format_points_due  (gint64                  points,
                                             const char             *status,
                                             gint64                  ends_at,
                                             gint64                  awarded_at,
                                             gint64                  now);
const char  *gx_activity_points_due_style   (GxPointsDue             due,
                                             int                     days_left);
char        *gx_activity_new_code           (void);
gboolean     gx_activity_parse_time         (const char             *text,
                                             const char             *timezone,
                                             gint64                 *when,
                                             GError                **error);
char        *gx_activity_format_time        (gint64                  when,
                                             const char             *timezone);
gboolean     gx_activity_parse_money        (const char             *text,
                                             gint64                 *fen,
                                             GError                **error);
char        *gx_activity_format_money_input (gint64                  fen);

/* Reading */

gboolean     gx_activity_count_places       (GxDb                   *db,
                                             const char             *activity_id,
                                             GxActivityPlaces       *places,
                                             GError                **error);
gint64       gx_activity_party_size         (GxDb                   *db,
                                             const char             *invitation_id);
int          gx_activity_waitlist_position  (GxDb                   *db,
                                             const char             *invitation_id);
char        *gx_activity_dup_policy_text    (GxDb                   *db,
                                             const char             *activity_id);
gint64       gx_activity_count_target_group (GxDb                   *db,
                                             const char             *activity_id,
                                             gint64                  now,
                                             GError                **error);
void         gx_activity_count_target_group_async  (GxStore             *store,
                                                    const char          *activity_id,
                                                    gint64               now,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gint64       gx_activity_count_target_group_finish (GxStore             *store,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/**
 * GxActivityInviteProgress:
 * @invited: invitations made so far
 * @total: how many there are to invite
 * @user_data: the data given with the function
 *
 * How far inviting a target group got.
 */
typedef void (*GxActivityInviteProgress) (guint    invited,
                                          guint    total,
                                          gpointer user_data);

void         gx_activity_invite_target_group_async  (GxStore                  *store,
                                                     const char               *activity_id,
                                                     const char               *user_id,
                                                     gint64                    now,
                                                     GCancellable             *cancellable,
                                                     GxActivityInviteProgress  progress,
                                                     gpointer                  progress_data,
                                                     GAsyncReadyCallback       callback,
                                                     gpointer                  user_data);
gboolean     gx_activity_invite_target_group_finish (GxStore                  *store,
                                                     GAsyncResult             *result,
                                                     guint                    *n_invited,
                                                     guint                    *n_total,
                                                     GError                  **error);

/* Writes: each runs inside a store write transaction (a GxStoreWriteFunc), so everything it
 * changes — the invitation, the promoted waitlist, the guests' prospect records, the ledger —
 * commits together with its change-register and outbox rows, or not at all. */

gboolean     gx_activity_ensure_plan        (GxDb                   *db,
                                             const char             *club_id,
                                             int                     year,
                                             const GxWriteMeta      *meta,
                                             char                  **plan_id,
                                             GError                **error);
gboolean     gx_activity_save               (GxDb                   *db,
                                             const char             *activity_id,
                                             JsonObject             *fields,
                                             const GxWriteMeta      *meta,
                                             char                  **new_id,
                                             GError                **error);
gboolean     gx_activity_invite             (GxDb                   *db,
                                             const char             *activity_id,
                                             const char             *customer_id,
                                             const GxWriteMeta      *meta,
                                             char                  **invitation_id,
                                             GError                **error);
gboolean     gx_activity_invite_customers   (GxDb                   *db,
                                             const char             *activity_id,
                                             const char * const     *customer_ids,
                                             guint                   n_customers,
                                             const GxWriteMeta      *meta,
                                             guint                  *n_invited,
                                             GError                **error);
gboolean     gx_activity_invite_target_group (GxDb                  *db,
                                             const char             *activity_id,
                                             const GxWriteMeta      *meta,
                                             guint                  *n_invited,
                                             GError                **error);
gboolean     gx_activity_respond            (GxDb                   *db,
                                             const char             *invitation_id,
                                             const char             *status,
                                             const GxWriteMeta      *meta,
                                             GxActivityOutcome      *outcome,
                                             GError                **error);
gboolean     gx_activity_override           (GxDb                   *db,
                                             const char             *invitation_id,
                                             const char             *status,
                                             const char             *note,
                                             const GxWriteMeta      *meta,
                                             GxActivityOutcome      *outcome,
                                             GError                **error);
gboolean     gx_activity_add_guest          (GxDb                   *db,
                                             const char             *invitation_id,
                                             const char             *name,
                                             const char             *phone,
                                             const char             *relation,
                                             const GxWriteMeta      *meta,
                                             char                  **guest_id,
                                             GError                **error);
gboolean     gx_activity_remove_guest       (GxDb                   *db,
                                             const char             *guest_id,
                                             const GxWriteMeta      *meta,
                                             GxActivityOutcome      *outcome,
                                             GError                **error);
gboolean     gx_activity_add_staff          (GxDb                   *db,
                                             const char             *activity_id,
                                             const char             *user_id,
                                             const char             *role,
                                             const GxWriteMeta      *meta,
                                             GError                **error);
gboolean     gx_activity_remove_staff       (GxDb                   *db,
                                             const char             *staff_id,
                                             const GxWriteMeta      *meta,
                                             GError                **error);
gboolean     gx_activity_sweep              (GxDb                   *db,
                                             const char             *activity_id,
                                             const GxWriteMeta      *meta,
                                             GxActivityOutcome      *outcome,
                                             GError                **error);
gboolean     gx_activity_check_in           (GxDb                   *db,
                                             const char             *activity_id,
                                             const char             *invitation_id,
                                             const char             *guest_id,
                                             const GxWriteMeta      *meta,
                                             char                  **checkin_id,
                                             GError                **error);
gboolean     gx_activity_check_in_code      (GxDb                   *db,
                                             const char             *activity_id,
                                             const char             *code,
                                             const GxWriteMeta      *meta,
                                             char                  **name,
                                             GError                **error);
gboolean     gx_activity_walk_in            (GxDb                   *db,
                                             const char             *activity_id,
                                             const char             *name,
                                             const char             *phone,
                                             const GxWriteMeta      *meta,
                                             char                  **checkin_id,
                                             GError                **error);
gboolean     gx_activity_answer             (GxDb                   *db,
                                             const char             *checkin_id,
                                             int                     score,
                                             const char             *comment,
                                             const GxWriteMeta      *meta,
                                             GError                **error);
gint64       gx_activity_count_answers      (GxDb                   *db,
                                             const char             *activity_id,
                                             gint64                  counts[5]);
double       gx_activity_answers_mean       (const gint64            counts[5]);
gboolean     gx_activity_add_partner        (GxDb                   *db,
                                             const char             *activity_id,
                                             const char             *kind,
                                             const char             *record_id,
                                             const GxWriteMeta      *meta,
                                             char                  **partner_id,
                                             GError                **error);
gboolean     gx_activity_remove_partner     (GxDb                   *db,
                                             const char             *partner_id,
                                             const GxWriteMeta      *meta,
                                             GError                **error);
gboolean     gx_activity_award_points       (GxDb                   *db,
                                             const char             *activity_id,
                                             const GxWriteMeta      *meta,
                                             GxActivityOutcome      *outcome,
                                             GError                **error);

/* Rules the record layer runs on every write, at the desk and on the server (gx-rules.c). */

gboolean     gx_activity_rule_activity      (GxDb *db, const GxKind *kind, GxRuleOp op, const char *id,
                                             JsonObject *record, JsonObject *changes, GError **error);
gboolean     gx_activity_rule_invitation    (GxDb *db, const GxKind *kind, GxRuleOp op, const char *id,
                                             JsonObject *record, JsonObject *changes, GError **error);
gboolean     gx_activity_rule_guest         (GxDb *db, const GxKind *kind, GxRuleOp op, const char *id,
                                             JsonObject *record, JsonObject *changes, GError **error);
gboolean     gx_activity_rule_checkin       (GxDb *db, const GxKind *kind, GxRuleOp op, const char *id,
                                             JsonObject *record, JsonObject *changes, GError **error);
gboolean     gx_activity_rule_answer        (GxDb *db, const GxKind *kind, GxRuleOp op, const char *id,
                                             JsonObject *record, JsonObject *changes, GError **error);
gboolean     gx_activity_rule_partner       (GxDb *db, const GxKind *kind, GxRuleOp op, const char *id,
                                             JsonObject *record, JsonObject *changes, GError **error);
gboolean     gx_activity_rule_points_entry  (GxDb *db, const GxKind *kind, GxRuleOp op, const char *id,
                                             JsonObject *record, JsonObject *changes, GError **error);

G_END_DECLS
