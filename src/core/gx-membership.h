/* gx-membership.h: club memberships — derived states, periods, member numbers, enrolment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gx-db.h"
#include "gx-record.h"
#include "gx-rules.h"

G_BEGIN_DECLS

/**
 * GxMemberState:
 * @GX_MEMBER_STATE_APPLICANT: applied, not yet joined
 * @GX_MEMBER_STATE_ACTIVE: within the current period
 * @GX_MEMBER_STATE_GRACE: the period ended without renewal; the tier's grace days run
 * @GX_MEMBER_STATE_LAPSED: the grace days are over
 * @GX_MEMBER_STATE_SUSPENDED: suspended with a reason, until a date or until resumed
 * @GX_MEMBER_STATE_CANCELLED: cancelled on a date
 *
 * The codes are those of %GX_VOCAB_MEMBER_STATE. A state is never stored: it is derived from
 * the membership's dates and its tier's rules whenever it is read.
 */
typedef enum
{
  GX_MEMBER_STATE_APPLICANT,
  GX_MEMBER_STATE_ACTIVE,
  GX_MEMBER_STATE_GRACE,
  GX_MEMBER_STATE_LAPSED,
  GX_MEMBER_STATE_SUSPENDED,
  GX_MEMBER_STATE_CANCELLED,
} GxMemberState;

/* The dates of a membership and its tier's grace days, as stored ('YYYY-MM-DD' or NULL). */
typedef struct
{
  const char *applied_on;
  const char *joined_on;
  const char *period_start;
  const char *period_end;
  const char *suspended_reason;
  const char *suspended_until;
  const char *cancelled_on;
  int         grace_days;
} GxMembershipDates;

/* A state with the dates that explain it. */
typedef struct
{
  GxMemberState state;
  char          since[11];   /* the day the state began, "" when the dates do not say */
  char          until[11];   /* the last day of the state, "" when open-ended */
  int           days_left;   /* days from today to @until, -1 when open-ended */
} GxMemberStatus;

/* The state as an SQL expression over `m` (memberships) and `ct` (club_tiers) and today's
 * date given as the parameter TODAY (e.g. "?1"): lists filter on it. It must agree with
 * gx_membership_state(); tests/test-membership.c checks that it does. */
#define GX_MEMBER_STATE_SQL(TODAY) \
  "(CASE WHEN m.cancelled_on IS NOT NULL AND m.cancelled_on <= " TODAY " THEN 'cancelled'" \
  " WHEN coalesce (m.suspended_reason, '') <> '' AND (m.suspended_until IS NULL OR " TODAY " <= m.suspended_until) THEN 'suspended'" \
  " WHEN m.joined_on IS NULL OR m.joined_on > " TODAY " THEN 'applicant'" \
  " WHEN m.period_end IS NULL OR " TODAY " <= m.period_end THEN 'active'" \
  " WHEN " TODAY " <= date (m.period_end, '+' || ct.grace_days || ' days') THEN 'grace'" \
  " ELSE 'lapsed' END)"

/* True when GX_MEMBER_STATE_SQL() would say 'active', over `m` alone: counting active members
 * needs neither the tier (only grace reads its days) nor a pass over the whole row, so an
 * index holding these dates answers it (0019-overview-sums.sql). */
#define GX_MEMBER_ACTIVE_SQL(TODAY) \
  "((m.cancelled_on IS NULL OR m.cancelled_on > " TODAY ")" \
  " AND (coalesce (m.suspended_reason, '') = '' OR m.suspended_until < " TODAY ")" \
  " AND m.joined_on IS NOT NULL AND m.joined_on <= " TODAY \
  " AND (m.period_end IS NULL OR m.period_end >= " TODAY "))"

const char    *gx_member_state_to_code      (GxMemberState            state);
GxMemberState  gx_member_state_from_code    (const char              *code);
GxMemberState  gx_membership_state          (const GxMembershipDates *dates,
                                             const char              *today,
                                             GxMemberStatus          *status);
char          *gx_membership_explain        (const GxMembershipDates *dates,
                                             const char              *today);
gboolean       gx_membership_may_renew      (const GxMembershipDates *dates,
                                             const char              *today,
                                             GError                 **error);
void           gx_membership_next_period    (const GxMembershipDates *dates,
                                             int                      period_months,
                                             const char              *today,
                                             char                   **start,
                                             char                   **end);
char          *gx_period_end_for            (const char              *start,
                                             int                      period_months);

/* Dates */
char          *gx_date_add_days             (const char              *iso_date,
                                             int                      days);
int            gx_date_days_between         (const char              *from,
                                             const char              *to);
char          *gx_date_of                   (gint64                   unix_seconds);

/* Member numbers */
gboolean       gx_desk_code_is_valid        (const char              *code);
char          *gx_desk_dup_code             (GxDb                    *db,
                                             GError                 **error);
gboolean       gx_desk_set_code             (GxDb                    *db,
                                             const char              *code,
                                             GError                 **error);
char          *gx_member_number_format      (const char              *prefix,
                                             int                      year,
                                             const char              *desk_code,
                                             guint                    sequence);
char          *gx_member_number_next        (GxDb                    *db,
                                             const char              *club_id,
                                             const char              *joined_on,
                                             GError                 **error);

/* A membership as stored, with its tier's period and grace days. */
typedef struct
{
  char *id;
  char *club_id;
  char *customer_id;
  char *tier_id;
  char *member_number;
  char *applied_on;
  char *joined_on;
  char *period_start;
  char *period_end;
  char *suspended_reason;
  char *suspended_until;
  char *cancelled_on;
  char *sponsor_id;
  int   period_months;
  int   grace_days;
} GxMembership;

GxMembership  *gx_membership_load           (GxDb                    *db,
                                             const char              *membership_id,
                                             GError                 **error);
void           gx_membership_free           (GxMembership            *membership);
void           gx_membership_get_dates      (const GxMembership      *membership,
                                             GxMembershipDates       *dates);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxMembership, gx_membership_free)

/* A membership with the names its page shows. */
typedef struct
{
  GxMembership *membership;
  char         *customer_name;
  char         *birthday;
  char         *club_name;
  char         *tier_label;
  char         *sponsor_label;   /* "王芳 (PB25-K7-0003)", NULL without a sponsor */
  char         *circles;         /* "Golf, Wine" */
} GxMembershipDetail;

/* One line of a membership's history. */
typedef struct
{
  gint64  at;
  char   *action;
  char   *from_tier;
  char   *to_tier;
  char   *note;
  char   *user_name;
} GxMembershipEvent;

GxMembershipDetail *gx_membership_detail_load  (GxDb                    *db,
                                                const char              *membership_id,
                                                GError                 **error);
void                gx_membership_detail_free  (GxMembershipDetail      *detail);
GPtrArray          *gx_membership_history      (GxDb                    *db,
                                                const char              *membership_id,
                                                GError                 **error);
char               *gx_membership_event_describe (const GxMembershipEvent *event);
char               *gx_tier_label              (const char              *code,
                                                const char              *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxMembershipDetail, gx_membership_detail_free)

char          *gx_membership_find_sponsor   (GxDb                    *db,
                                             const char              *club_id,
                                             const char              *member_number,
                                             GError                 **error);
char          *gx_membership_find_by_number (GxDb                    *db,
                                             const char              *club_id,
                                             const char              *member_number,
                                             GError                 **error);

/* Writes: each inside the caller's store transaction, through the record layer. */

/**
 * GxEnrolment:
 * @customer_id: who joins
 * @club_id: which club
 * @tier_id: a tier of that club
 * @applied_on: the day of the application
 * @joined_on: (nullable): the day they joined; %NULL for an applicant awaiting approval
 * @sponsor_id: (nullable): the member (customer) who introduced them
 * @circle_ids: (nullable) (array zero-terminated=1): circles of the club they join
 */
typedef struct
{
  const char         *customer_id;
  const char         *club_id;
  const char         *tier_id;
  const char         *applied_on;
  const char         *joined_on;
  const char         *sponsor_id;
  const char * const *circle_ids;
} GxEnrolment;

gboolean       gx_membership_enrol          (GxDb                    *db,
                                             const GxEnrolment       *enrolment,
                                             const GxWriteMeta       *meta,
                                             char                   **membership_id,
                                             GError                 **error);
gboolean       gx_membership_approve        (GxDb                    *db,
                                             const char              *membership_id,
                                             const char              *today,
                                             const GxWriteMeta       *meta,
                                             GError                 **error);
gboolean       gx_membership_renew          (GxDb                    *db,
                                             const char              *membership_id,
                                             const char              *today,
                                             const GxWriteMeta       *meta,
                                             GError                 **error);
gboolean       gx_membership_suspend        (GxDb                    *db,
                                             const char              *membership_id,
                                             const char              *reason,
                                             const char              *until,
                                             const GxWriteMeta       *meta,
                                             GError                 **error);
gboolean       gx_membership_resume         (GxDb                    *db,
                                             const char              *membership_id,
                                             const GxWriteMeta       *meta,
                                             GError                 **error);
gboolean       gx_membership_cancel         (GxDb                    *db,
                                             const char              *membership_id,
                                             const char              *on,
                                             const char              *reason,
                                             const GxWriteMeta       *meta,
                                             GError                 **error);
gboolean       gx_membership_change_tier    (GxDb                    *db,
                                             const char              *membership_id,
                                             const char              *tier_id,
                                             const char              *note,
                                             const GxWriteMeta       *meta,
                                             GError                 **error);
gboolean       gx_membership_set_circles    (GxDb                    *db,
                                             const char              *membership_id,
                                             const char * const      *circle_ids,
                                             const GxWriteMeta       *meta,
                                             GError                 **error);
/* Rules (registered in gx-rules.c) */
gboolean       gx_membership_rule           (GxDb                    *db,
                                             const GxKind            *kind,
                                             GxRuleOp                 op,
                                             const char              *id,
                                             JsonObject              *record,
                                             JsonObject              *changes,
                                             GError                 **error);

G_END_DECLS
