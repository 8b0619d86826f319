/* gx-search.h: the keys queries behind the lists, from what the user typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * GxCaseQueue:
 * @GX_CASE_QUEUE_MINE: open cases assigned or escalated to the user
 * @GX_CASE_QUEUE_TEAM: open cases of the user's team, or of the people they supervise
 * @GX_CASE_QUEUE_UNASSIGNED: open cases nobody has
 * @GX_CASE_QUEUE_OVERDUE: open cases past their acknowledge or answer deadline
 * @GX_CASE_QUEUE_REVIEW: what a supervisor looks at: in review, overdue, escalated, reopened
 * @GX_CASE_QUEUE_ALL: every case
 * @GX_CASE_QUEUE_OPEN: every case not closed
 */
typedef enum
{
  GX_CASE_QUEUE_MINE,
  GX_CASE_QUEUE_TEAM,
  GX_CASE_QUEUE_UNASSIGNED,
  GX_CASE_QUEUE_OVERDUE,
  GX_CASE_QUEUE_REVIEW,
  GX_CASE_QUEUE_ALL,
  GX_CASE_QUEUE_OPEN,
} GxCaseQueue;

/**
 * GxCaseFilter:
 * @text: (nullable): what the user typed: case number, subject, customer name or pinyin
 * @queue: the queue
 * @user_id: (nullable): who looks (for mine and my team's)
 * @now: the current time (for overdue)
 * @status: (nullable): a status code
 * @category_id: (nullable): a category
 * @channel: (nullable): a channel code
 * @severity: (nullable): a severity code
 * @tier_id: (nullable): the customer's tier
 * @customer_id: (nullable): one customer's cases
 * @received_from: received at or after, 0 for no bound
 * @received_until: received before, 0 for no bound
 * @by_deadline: soonest answer deadline first, instead of newest first
 * @team: (nullable): cases whose owner (assignee, else first responder) is in this team
 * @owner_id: (nullable): cases this person owns (assignee, else first responder)
 * @no_category: only cases without a category
 * @escalated: only escalated cases
 * @reopened: only reopened cases
 * @visits_due: only cases with a return visit due and not done
 *
 * The last six come with a list opened from the overview (gx-list-filter.h).
 */
typedef struct
{
  const char  *text;
  GxCaseQueue  queue;
  const char  *user_id;
  gint64       now;
  const char  *status;
  const char  *category_id;
  const char  *channel;
  const char  *severity;
  const char  *tier_id;
  const char  *customer_id;
  gint64       received_from;
  gint64       received_until;
  gboolean     by_deadline;
  const char  *team;
  const char  *owner_id;
  gboolean     no_category;
  gboolean     escalated;
  gboolean     reopened;
  gboolean     visits_due;
} GxCaseFilter;

/**
 * GxMemberDue:
 * @GX_MEMBER_DUE_ANY: every member
 * @GX_MEMBER_DUE_RENEWAL: renewal due: active with the period ending within 30 days, or in grace
 * @GX_MEMBER_DUE_BIRTHDAY: birthday this month
 * @GX_MEMBER_DUE_POINTS_EXPIRING: points left that expire within 90 days
 */
typedef enum
{
  GX_MEMBER_DUE_ANY,
  GX_MEMBER_DUE_RENEWAL,
  GX_MEMBER_DUE_BIRTHDAY,
  GX_MEMBER_DUE_POINTS_EXPIRING,
} GxMemberDue;

/* What the member list is filtered by; %NULL fields do not filter. */
typedef struct
{
  const char  *text;
  const char  *club_id;
  const char  *tier_id;
  const char  *circle_id;
  const char  *state;      /* a GX_VOCAB_MEMBER_STATE code */
  GxMemberDue  due;
  const char  *today;      /* required: states and due dates are derived on this day */
  const char  *joined_from;   /* YYYY-MM-DD: joined on or after */
  const char  *joined_until;  /* YYYY-MM-DD: joined before (exclusive) */
  const char  *owner_id;      /* the customer's relationship manager */
  const char  *team;          /* …or anyone in this team (users.team) */
} GxMemberFilter;

char *gx_search_like_pattern (const char  *text);
char *gx_search_customers    (const char  *text,
                              GVariant   **params);
char *gx_search_cases        (const char  *text,
                              GVariant   **params);
char *gx_search_case_queue   (const GxCaseFilter *filter,
                              GVariant   **params);
char *gx_search_lessons      (const char  *text,
                              const char  *category_id,
                              GVariant   **params);
char *gx_search_members      (const char  *text,
                              GVariant   **params);
char *gx_search_members_filtered (const GxMemberFilter *filter,
                                  GVariant            **params);
char *gx_search_activities   (const char  *text,
                              GVariant   **params);

/**
 * GxActivityFilter:
 * @GX_ACTIVITY_FILTER_ALL: every activity
 * @GX_ACTIVITY_FILTER_UPCOMING: planned or scheduled, not over yet
 * @GX_ACTIVITY_FILTER_POINTS_DUE: ended, points promised and not awarded yet — the soonest
 *   deadline first
 */
typedef enum
{
  GX_ACTIVITY_FILTER_ALL,
  GX_ACTIVITY_FILTER_UPCOMING,
  GX_ACTIVITY_FILTER_POINTS_DUE,
} GxActivityFilter;

/**
 * GxActivitySearch:
 * @text: (nullable): what the user typed
 * @filter: which activities
 * @now: the current time, for "upcoming" and "points due"
 * @from: (optional): only activities starting at or after this instant; 0 for no bound
 * @until: only activities starting before this instant; 0 for no bound
 * @owner_id: (nullable): only this owner's activities
 * @team: (nullable): only activities owned by members of this team
 * @club_id: (nullable): only this club's activities
 * @plan_year: with @plan_month, only the activities of that month of the year plan (of
 *   @club_id, or of all clubs), the very ones its month card counts; 0 for no bound
 * @plan_month: the month, 1–12
 *
 * The activity list's query, as the list and the overview's click-through ask for it.
 */
typedef struct
{
  const char       *text;
  GxActivityFilter  filter;
  gint64            now;
  gint64            from;
  gint64            until;
  const char       *owner_id;
  const char       *team;
  const char       *club_id;
  int               plan_year;
  int               plan_month;
} GxActivitySearch;

char *gx_search_activities_query    (const GxActivitySearch *search,
                                     GVariant              **params);
char *gx_search_activities_filtered (const char        *text,
                                     GxActivityFilter   filter,
                                     gint64             now,
                                     GVariant         **params);
char *gx_search_invitations  (const char  *activity_id,
                              const char  *text,
                              GVariant   **params);

G_END_DECLS
