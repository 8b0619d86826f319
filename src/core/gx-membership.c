/* gx-membership.c: club memberships — derived states, periods, enrolment and its changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-membership"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gx-enums.h"
#include "gx-format.h"
#include "gx-membership.h"
#include "gx-uuid.h"

/* A membership stores dates, never its state: applicant → active → grace → lapsed, or
 * suspended, or cancelled, is read off the dates and the tier's grace days whenever it is
 * needed, so no nightly job can leave it stale and "why is this member in grace?" is answered
 * from the same dates. A renewal that is missed is simply a date that passed. */

/* Renewal opens this many days before the current period ends. */
#define RENEWAL_WINDOW_DAYS 90

static const char * const state_codes[] = {
  [GX_MEMBER_STATE_APPLICANT] = "applicant",
  [GX_MEMBER_STATE_ACTIVE] = "active",
  [GX_MEMBER_STATE_GRACE] = "grace",
  [GX_MEMBER_STATE_LAPSED] = "lapsed",
  [GX_MEMBER_STATE_SUSPENDED] = "suspended",
  [GX_MEMBER_STATE_CANCELLED] = "cancelled",
};

const char *
gx_member_state_to_code (GxMemberState state)
{
  g_return_val_if_fail (state <= GX_MEMBER_STATE_CANCELLED, "active");

  return state_codes[state];
}

GxMemberState
gx_member_state_from_code (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_codes); i++)
    if (g_strcmp0 (code, state_codes[i]) == 0)
      return (GxMemberState) i;

  return GX_MEMBER_STATE_ACTIVE;
}

/* Dates */

static gboolean
parse_date (const char *iso,
            GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/**
 * gx_date_add_days:
 * @iso_date: a date 'YYYY-MM-DD'
 * @days: days to add, may be negative
 *
 * Returns: (transfer full) (nullable): the date @days later, %NULL for a bad date
 */
char *
gx_date_add_days (const char *iso_date,
                  int         days)
{
  GDate date;

  if (!parse_date (iso_date, &date))
    return NULL;
  if (days >= 0)
    g_date_add_days (&date, (guint) days);
  else
    g_date_subtract_days (&date, (guint) -days);
  return format_date (&date);
}

/**
 * gx_date_days_between:
 * @from: a date 'YYYY-MM-DD'
 * @to: a date 'YYYY-MM-DD'
 *
 * Returns: the days from @from to @to (negative when @to is earlier), 0 for bad dates
 */
int
gx_date_days_between (const char *from,
                      const char *to)
{
  GDate a, b;

  if (!parse_date (from, &a) || !parse_date (to, &b))
    return 0;
  return g_date_days_between (&a, &b);
}

/**
 * gx_date_of:
 * @unix_seconds: an instant
 *
 * The club's calendar day of an instant. Points and memberships count days in China Standard
 * Time (UTC+8, no daylight saving), so a desk and the server agree on which day a point was
 * earned or redeemed whatever their own clocks' zones.
 *
 * Returns: (transfer full): the date 'YYYY-MM-DD'
 */
char *
gx_date_of (gint64 unix_seconds)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, "%Y-%m-%d");
}

/**
 * gx_period_end_for:
 * @start: the first day of a period 'YYYY-MM-DD'
 * @period_months: its length in months
 *
 * A period of N months from 15 March ends on 14 March N months on; one from 29 February
 * ends on the last day of February a year on; one from 31 January for a month ends on
 * 28 (or 29) February.
 *
 * Returns: (transfer full) (nullable): the period's last day
 */
char *
gx_period_end_for (const char *start,
                   int         period_months)
{
  GDate date;

  if (!parse_date (start, &date) || period_months <= 0)
    return NULL;

  /* The day before the start, N months on; a month's last day stays a month's last day (a
   * period from 1 March ends on the last day of February, 28th or 29th). */
  g_date_subtract_days (&date, 1);
  if (g_date_is_last_of_month (&date))
    {
      g_date_set_day (&date, 1);
      g_date_add_months (&date, (guint) period_months);
      g_date_set_day (&date, g_date_get_days_in_month (g_date_get_month (&date), g_date_get_year (&date)));
    }
  else
    g_date_add_months (&date, (guint) period_months);
  return format_date (&date);
}

/* States */

static void
set_text (char        field[11],
          const char *iso)
{
  g_strlcpy (field, iso ? iso : "", 11);
}

/**
 * gx_membership_state:
 * @dates: the membership's dates and its tier's grace days
 * @today: today 'YYYY-MM-DD'
 * @status: (out caller-allocates) (optional): the state with the dates that explain it
 *
 * Returns: the membership's state on @today
 */
GxMemberState
gx_membership_state (const GxMembershipDates *dates,
                     const char              *today,
                     GxMemberStatus          *status)
{
  GxMemberStatus local = { 0 };
  g_autofree char *grace_end = NULL;

  g_return_val_if_fail (dates != NULL, GX_MEMBER_STATE_ACTIVE);
  g_return_val_if_fail (today != NULL, GX_MEMBER_STATE_ACTIVE);

  if (status == NULL)
    status = &local;
  memset (status, 0, sizeof *status);
  status->days_left = -1;

  if (dates->cancelled_on != NULL && g_strcmp0 (dates->cancelled_on, today) <= 0)
    {
      status->state = GX_MEMBER_STATE_CANCELLED;
      set_text (status->since, dates->cancelled_on);
      return status->state;
    }

  if (dates->suspended_reason != NULL && *dates->suspended_reason != '\0' &&
      (dates->suspended_until == NULL || g_strcmp0 (today, dates->suspended_until) <= 0))
    {
      status->state = GX_MEMBER_STATE_SUSPENDED;
      if (dates->suspended_until != NULL)
        {
          set_text (status->until, dates->suspended_until);
          status->days_left = gx_date_days_between (today, dates->suspended_until);
        }
      return status->state;
    }

  if (dates->joined_on == NULL || g_strcmp0 (dates->joined_on, today) > 0)
    {
      status->state = GX_MEMBER_STATE_APPLICANT;
      set_text (status->since, dates->applied_on);
      return status->state;
    }

  if (dates->period_end == NULL || g_strcmp0 (today, dates->period_end) <= 0)
    {
      status->state = GX_MEMBER_STATE_ACTIVE;
      set_text (status->since, dates->period_start ? dates->period_start : dates->joined_on);
      if (dates->period_end != NULL)
        {
          set_text (status->until, dates->period_end);
          status->days_left = gx_date_days_between (today, dates->period_end);
        }
      return status->state;
    }

  grace_end = gx_date_add_days (dates->period_end, MAX (dates->grace_days, 0));
  if (g_strcmp0 (today, grace_end) <= 0)
    {
      g_autofree char *since = gx_date_add_days (dates->period_end, 1);

      status->state = GX_MEMBER_STATE_GRACE;
      set_text (status->since, since);
      set_text (status->until, grace_end);
      status->days_left = gx_date_days_between (today, grace_end);
      return status->state;
    }

  {
    g_autofree char *since = gx_date_add_days (grace_end, 1);

    status->state = GX_MEMBER_STATE_LAPSED;
    set_text (status->since, since);
  }
  return status->state;
}

static char *
days_left_text (int days)
{
  if (days == 0)
    return g_strdup (_("the last day is today"));
  /* Translators: how long a membership state still lasts */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left", (gulong) days), days);
}

/**
 * gx_membership_explain:
 * @dates: the membership's dates and its tier's grace days
 * @today: today 'YYYY-MM-DD'
 *
 * Answers "why is this member in this state?" in a sentence, from the same dates the state
 * was derived from.
 *
 * Returns: (transfer full): the translated explanation
 */
char *
gx_membership_explain (const GxMembershipDates *dates,
                       const char              *today)
{
  GxMemberStatus status;
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  g_autofree char *left = NULL;
  g_autofree char *period_end = NULL;

  gx_membership_state (dates, today, &status);
  since = gx_format_iso_date (status.since);
  until = gx_format_iso_date (status.until);
  period_end = gx_format_iso_date (dates->period_end);
  if (status.days_left >= 0)
    left = days_left_text (status.days_left);

  switch (status.state)
    {
    case GX_MEMBER_STATE_CANCELLED:
      return g_strdup_printf (_("Cancelled on %s. Enrolling again rejoins with the same member number and keeps the history."), since);

    case GX_MEMBER_STATE_SUSPENDED:
      if (*status.until != '\0')
        /* Translators: "Suspended until 1 Dec 2026 (9 days left): unpaid fees." */
        return g_strdup_printf (_("Suspended until %s (%s): %s."), until, left, dates->suspended_reason);
      /* Translators: the last %s is the reason typed when suspending */
      return g_strdup_printf (_("Suspended until resumed: %s."), dates->suspended_reason);

    case GX_MEMBER_STATE_APPLICANT:
      if (dates->joined_on != NULL)
        {
          g_autofree char *joins = gx_format_iso_date (dates->joined_on);
          return g_strdup_printf (_("Joins on %s."), joins);
        }
      return g_strdup_printf (_("Applied on %s; waiting for approval."), since);

    case GX_MEMBER_STATE_ACTIVE:
      if (*status.until == '\0')
        return g_strdup (_("Active, with no end date."));
      if (status.days_left <= RENEWAL_WINDOW_DAYS)
        /* Translators: "Active until 30 Nov 2026 (8 days left); renewal is open." */
        return g_strdup_printf (_("Active until %s (%s); renewal is open."), until, left);
      return g_strdup_printf (_("Active until %s (%s)."), until, left);

    case GX_MEMBER_STATE_GRACE:
      /* Translators: "In grace: the period ended on 31 Oct 2026 and was not renewed. The
       * tier's 30 grace days run until 30 Nov 2026 (8 days left); renew before then to keep
       * the membership." */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "In grace: the period ended on %s and was not renewed. The tier’s %d grace day runs until %s (%s); renew before then to keep the membership.",
                                           "In grace: the period ended on %s and was not renewed. The tier’s %d grace days run until %s (%s); renew before then to keep the membership.",
                                           (gulong) dates->grace_days),
                              period_end, dates->grace_days, until, left);

    case GX_MEMBER_STATE_LAPSED:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Lapsed on %s: the period ended on %s and was not renewed within the tier’s %d grace day. Renewing starts a new period today.",
                                           "Lapsed on %s: the period ended on %s and was not renewed within the tier’s %d grace days. Renewing starts a new period today.",
                                           (gulong) dates->grace_days),
                              since, period_end, dates->grace_days);
    }
}

/**
 * gx_membership_may_renew:
 * @dates: the membership's dates
 * @today: today
 * @error: return location for a #GX_RECORD_ERROR saying why not
 *
 * Renewal is open from 90 days before the period ends, through the grace days, and after a
 * lapse (then a new period starts today). Applicants are approved, suspended members resumed
 * and cancelled ones enrolled again instead.
 */
gboolean
gx_membership_may_renew (const GxMembershipDates *dates,
                         const char              *today,
                         GError                 **error)
{
  GxMemberStatus status;

  switch (gx_membership_state (dates, today, &status))
    {
    case GX_MEMBER_STATE_GRACE:
    case GX_MEMBER_STATE_LAPSED:
      return TRUE;

    case GX_MEMBER_STATE_ACTIVE:
      if (*status.until != '\0' && status.days_left <= RENEWAL_WINDOW_DAYS)
        return TRUE;
      {
        g_autofree char *opens_iso = *status.until ? gx_date_add_days (status.until, -RENEWAL_WINDOW_DAYS) : NULL;
        g_autofree char *opens = gx_format_iso_date (opens_iso);
        g_autofree char *message = *status.until
          ? g_strdup_printf (_("Renewal opens on %s, 90 days before the period ends."), opens)
          : g_strdup (_("This membership has no end date to renew."));
        gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "period_end", message);
      }
      return FALSE;

    case GX_MEMBER_STATE_APPLICANT:
      gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "joined_on",
                                 _("An applicant is approved, not renewed."));
      return FALSE;

    case GX_MEMBER_STATE_SUSPENDED:
      gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "suspended_reason",
                                 _("A suspended membership is resumed before it is renewed."));
      return FALSE;

    case GX_MEMBER_STATE_CANCELLED:
    default:
      gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "cancelled_on",
                                 _("A cancelled membership is not renewed; enrol the customer again to rejoin."));
      return FALSE;
    }
}

/**
 * gx_membership_next_period:
 * @dates: the membership's dates
 * @period_months: the tier's period
 * @today: today
 * @start: (out) (transfer full): the new period's first day
 * @end: (out) (transfer full): its last day
 *
 * A renewal in time (active or in grace) continues the old period without a gap, so a late
 * renewal does not gain days; after a lapse the new period starts today.
 */
void
gx_membership_next_period (const GxMembershipDates *dates,
                           int                      period_months,
                           const char              *today,
                           char                   **start,
                           char                   **end)
{
  GxMemberState state = gx_membership_state (dates, today, NULL);

  if (dates->period_end != NULL && (state == GX_MEMBER_STATE_ACTIVE || state == GX_MEMBER_STATE_GRACE))
    *start = gx_date_add_days (dates->period_end, 1);
  else
    *start = g_strdup (today);

  *end = gx_period_end_for (*start, period_months);
}

/* Loading */

GxMembership *
gx_membership_load (GxDb        *db,
                    const char  *membership_id,
                    GError     **error)
{
  GxMembership *m;
  sqlite3_stmt *stmt;
  int rc;

  stmt = gx_db_prepare (db,
                        "SELECT m.id, m.club_id, m.customer_id, m.tier_id, m.member_number, m.applied_on,"
                        "       m.joined_on, m.period_start, m.period_end, m.suspended_reason,"
                        "       m.suspended_until, m.cancelled_on, m.sponsor_id, ct.period_months, ct.grace_days"
                        "  FROM memberships m JOIN club_tiers ct ON ct.id = m.tier_id WHERE m.id = ?",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, membership_id, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, "membership_id",
                                   _("This membership no longer exists."));
      else
        gx_db_set_error (db, error, "memberships");
      sqlite3_reset (stmt);
      return NULL;
    }

  m = g_new0 (GxMembership, 1);
  m->id = gx_db_dup_column (stmt, 0);
  m->club_id = gx_db_dup_column (stmt, 1);
  m->customer_id = gx_db_dup_column (stmt, 2);
  m->tier_id = gx_db_dup_column (stmt, 3);
  m->member_number = gx_db_dup_column (stmt, 4);
  m->applied_on = gx_db_dup_column (stmt, 5);
  m->joined_on = gx_db_dup_column (stmt, 6);
  m->period_start = gx_db_dup_column (stmt, 7);
  m->period_end = gx_db_dup_column (stmt, 8);
  m->suspended_reason = gx_db_dup_column (stmt, 9);
  m->suspended_until = gx_db_dup_column (stmt, 10);
  m->cancelled_on = gx_db_dup_column (stmt, 11);
  m->sponsor_id = gx_db_dup_column (stmt, 12);
  m->period_months = sqlite3_column_int (stmt, 13);
  m->grace_days = sqlite3_column_int (stmt, 14);
  sqlite3_reset (stmt);

  return m;
}

void
gx_membership_free (GxMembership *m)
{
  if (m == NULL)
    return;

  g_free (m->id);
  g_free (m->club_id);
  g_free (m->customer_id);
  g_free (m->tier_id);
  g_free (m->member_number);
  g_free (m->applied_on);
  g_free (m->joined_on);
  g_free (m->period_start);
  g_free (m->period_end);
  g_free (m->suspended_reason);
  g_free (m->suspended_until);
  g_free (m->cancelled_on);
  g_free (m->sponsor_id);
  g_free (m);
}

void
gx_membership_get_dates (const GxMembership *m,
                         GxMembershipDates  *dates)
{
  *dates = (GxMembershipDates) {
    .applied_on = m->applied_on,
    .joined_on = m->joined_on,
    .period_start = m->period_start,
    .period_end = m->period_end,
    .suspended_reason = m->suspended_reason,
    .suspended_until = m->suspended_until,
    .cancelled_on = m->cancelled_on,
    .grace_days = m->grace_days,
  };
}

/**
 * gx_tier_label:
 * @code: a club tier's code
 * @name: its stored name
 *
 * Returns: (transfer full): the translated name of the tiers the seeds name (diamond, gold,
 *   silver, basic), the stored name of any other
 */
char *
gx_tier_label (const char *code,
               const char *name)
{
  if (code != NULL && gx_vocab_contains (GX_VOCAB_TIER, code))
    return g_strdup (gx_vocab_label (GX_VOCAB_TIER, code));
  return g_strdup (name ? name : "");
}

void
gx_membership_detail_free (GxMembershipDetail *detail)
{
  if (detail == NULL)
    return;

  gx_membership_free (detail->membership);
  g_free (detail->customer_name);
  g_free (detail->birthday);
  g_free (detail->club_name);
  g_free (detail->tier_label);
  g_free (detail->sponsor_label);
  g_free (detail->circles);
  g_free (detail);
}

/**
 * gx_membership_detail_load:
 * @db: a connection
 * @membership_id: a membership
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the membership with the names its page shows
 */
GxMembershipDetail *
gx_membership_detail_load (GxDb        *db,
                           const char  *membership_id,
                           GError     **error)
{
  g_autoptr(GxMembershipDetail) detail = g_new0 (GxMembershipDetail, 1);
  g_autoptr(GString) circles = g_string_new (NULL);
  sqlite3_stmt *stmt;

  detail->membership = gx_membership_load (db, membership_id, error);
  if (detail->membership == NULL)
    return NULL;

  stmt = gx_db_prepare (db,
                        "SELECT c.name, c.birthday, cl.name, ct.code, ct.name, s.name,"
                        "       (SELECT member_number FROM memberships WHERE club_id = m.club_id AND customer_id = m.sponsor_id)"
                        "  FROM memberships m JOIN customers c ON c.id = m.customer_id"
                        "  JOIN clubs cl ON cl.id = m.club_id JOIN club_tiers ct ON ct.id = m.tier_id"
                        "  LEFT JOIN customers s ON s.id = m.sponsor_id WHERE m.id = ?",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, membership_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      detail->customer_name = gx_db_dup_column (stmt, 0);
      detail->birthday = gx_db_dup_column (stmt, 1);
      detail->club_name = gx_db_dup_column (stmt, 2);
      detail->tier_label = gx_tier_label (gx_db_column_text (stmt, 3), gx_db_column_text (stmt, 4));
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        detail->sponsor_label = sqlite3_column_type (stmt, 6) != SQLITE_NULL
                                ? g_strdup_printf ("%s (%s)", gx_db_column_text (stmt, 5), gx_db_column_text (stmt, 6))
                                : gx_db_dup_column (stmt, 5);
    }
  sqlite3_reset (stmt);

  stmt = gx_db_prepare (db,
                        "SELECT c.name FROM membership_circles mc JOIN circles c ON c.id = mc.circle_id"
                        " WHERE mc.membership_id = ? ORDER BY c.name",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, membership_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (circles->len > 0)
        /* Translators: the separator between circle names in a list */
        g_string_append (circles, _(", "));
      g_string_append (circles, gx_db_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  detail->circles = g_string_free (g_steal_pointer (&circles), FALSE);

  return g_steal_pointer (&detail);
}

static void
event_free (GxMembershipEvent *event)
{
  g_free (event->action);
  g_free (event->from_tier);
  g_free (event->to_tier);
  g_free (event->note);
  g_free (event->user_name);
  g_free (event);
}

/**
 * gx_membership_history:
 * @db: a connection
 * @membership_id: a membership
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type GxMembershipEvent): the membership log, newest first
 */
GPtrArray *
gx_membership_history (GxDb        *db,
                       const char  *membership_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (db,
                        "SELECT l.at, l.action, f.code, f.name, t.code, t.name, l.note, u.display_name"
                        "  FROM membership_log l LEFT JOIN club_tiers f ON f.id = l.from_tier_id"
                        "  LEFT JOIN club_tiers t ON t.id = l.to_tier_id LEFT JOIN users u ON u.id = l.user_id"
                        " WHERE l.membership_id = ? ORDER BY l.at DESC, l.id DESC",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, membership_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GxMembershipEvent *e = g_new0 (GxMembershipEvent, 1);

      e->at = sqlite3_column_int64 (stmt, 0);
      e->action = gx_db_dup_column (stmt, 1);
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        e->from_tier = gx_tier_label (gx_db_column_text (stmt, 2), gx_db_column_text (stmt, 3));
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        e->to_tier = gx_tier_label (gx_db_column_text (stmt, 4), gx_db_column_text (stmt, 5));
      e->note = gx_db_dup_column (stmt, 6);
      e->user_name = gx_db_dup_column (stmt, 7);
      g_ptr_array_add (events, e);
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&events);
}

/**
 * gx_membership_event_describe:
 * @event: a line of the membership log
 *
 * Returns: (transfer full): the line in words: "Joined as Gold", "Renewed: 2026-11-01 –
 *   2027-10-31", "Tier changed from Silver to Gold"
 */
char *
gx_membership_event_describe (const GxMembershipEvent *e)
{
  const char *note = e->note && *e->note ? e->note : NULL;

  if (g_strcmp0 (e->action, "apply") == 0)
    return e->to_tier ? g_strdup_printf (_("Applied for %s"), e->to_tier) : g_strdup (_("Applied"));
  if (g_strcmp0 (e->action, "join") == 0)
    return e->to_tier ? g_strdup_printf (_("Joined as %s"), e->to_tier) : g_strdup (_("Joined"));
  if (g_strcmp0 (e->action, "renew") == 0)
    return note ? g_strdup_printf (_("Renewed: %s"), note) : g_strdup (_("Renewed"));
  if (g_strcmp0 (e->action, "rejoin") == 0)
    return note ? g_strdup_printf (_("Rejoined: %s"), note) : g_strdup (_("Rejoined"));
  if (g_strcmp0 (e->action, "tier") == 0)
    /* Translators: "Tier changed from Silver to Gold" */
    return g_strdup_printf (_("Tier changed from %s to %s"), e->from_tier ? e->from_tier : "?", e->to_tier ? e->to_tier : "?");
  if (g_strcmp0 (e->action, "suspend") == 0)
    return note ? g_strdup_printf (_("Suspended: %s"), note) : g_strdup (_("Suspended"));
  if (g_strcmp0 (e->action, "resume") == 0)
    return g_strdup (_("Resumed"));
  if (g_strcmp0 (e->action, "cancel") == 0)
    return note ? g_strdup_printf (_("Cancelled: %s"), note) : g_strdup (_("Cancelled"));
  return g_strdup (e->action);
}

/* The membership of @club_id with the number typed (any case, spaces around ignored). */
static char *
find_by_number (GxDb        *db,
                const char  *club_id,
                const char  *member_number,
                const char  *sql,
                const char  *field,
                GError     **error)
{
  g_autofree char *number = g_utf8_strup (member_number ? member_number : "", -1);
  char *found;

  g_strstrip (number);
  found = gx_db_query_string (db, sql, g_variant_new ("(ss)", club_id, number), NULL);
  if (found == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("No member of this club has the number “%s”."), number);
      gx_record_set_field_error (error, GX_RECORD_ERROR_NOT_FOUND, field, message);
    }
  return found;
}

/**
 * gx_membership_find_sponsor:
 * @db: a connection
 * @club_id: the club
 * @member_number: what was typed: a member number, any case, spaces around ignored
 * @error: return location for a #GX_RECORD_ERROR on `sponsor_id` when no member has it
 *
 * Returns: (transfer full) (nullable): the customer id of the member with that number
 */
char *
gx_membership_find_sponsor (GxDb        *db,
                            const char  *club_id,
                            const char  *member_number,
                            GError     **error)
{
  return find_by_number (db, club_id, member_number,
                         "SELECT customer_id FROM memberships WHERE club_id = ? AND member_number = ?",
                         "sponsor_id", error);
}

/**
 * gx_membership_find_by_number:
 * @db: a connection
 * @club_id: the club
 * @member_number: what was typed
 * @error: return location for a #GX_RECORD_ERROR on `source_id` when no member has it
 *
 * Returns: (transfer full) (nullable): the id of the membership with that number
 */
char *
gx_membership_find_by_number (GxDb        *db,
                              const char  *club_id,
                              const char  *member_number,
                              GError     **error)
{
  return find_by_number (db, club_id, member_number,
                         "SELECT id FROM memberships WHERE club_id = ? AND member_number = ?",
                         "source_id", error);
}

/* Writes */

static void
set_string_or_null (JsonObject *object,
                    const char *name,
                    const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static gboolean
log_action (GxDb              *db,
            const char        *membership_id,
            const char        *action,
            const char        *from_tier_id,
            const char        *to_tier_id,
            const char        *note,
            const GxWriteMeta *meta,
            GError           **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *id = gx_uuid_v7_new_at (meta->now * 1000);

  json_object_set_string_member (fields, "membership_id", membership_id);
  json_object_set_int_member (fields, "at", meta->now);
  set_string_or_null (fields, "user_id", meta->user_id);
  json_object_set_string_member (fields, "action", action);
  set_string_or_null (fields, "from_tier_id", from_tier_id);
  set_string_or_null (fields, "to_tier_id", to_tier_id);
  json_object_set_string_member (fields, "note", note ? note : "");
  return gx_record_insert (db, "membership_log", id, fields, meta, error);
}

static gboolean
exists (GxDb        *db,
        const char  *sql,
        const char  *id,
        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 n = gx_db_query_int (db, sql, g_variant_new ("(s)", id), 0, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return n > 0;
}

static gboolean
tier_of_club (GxDb       *db,
              const char *tier_id,
              const char *club_id)
{
  return tier_id != NULL && club_id != NULL &&
         gx_db_query_int (db, "SELECT count(*) FROM club_tiers WHERE id = ? AND club_id = ?",
                          g_variant_new ("(ss)", tier_id, club_id), 0, NULL) > 0;
}

static gboolean
add_circles (GxDb               *db,
             const char         *membership_id,
             const char * const *circle_ids,
             const GxWriteMeta  *meta,
             GError            **error)
{
  for (guint i = 0; circle_ids != NULL && circle_ids[i] != NULL; i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autofree char *id = gx_uuid_v7_new_at (meta->now * 1000);

      json_object_set_string_member (fields, "membership_id", membership_id);
      json_object_set_string_member (fields, "circle_id", circle_ids[i]);
      if (!gx_record_insert (db, "membership_circle", id, fields, meta, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
link_sponsor (GxDb              *db,
              const char        *sponsor_id,
              const char        *customer_id,
              const GxWriteMeta *meta,
              GError           **error)
{
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *id = NULL;

  /* "The sponsor introduced the member": the referral shows on both profiles. */
  if (gx_db_query_int (db,
                       "SELECT count(*) FROM customer_links WHERE customer_id = ? AND other_id = ? AND kind = 'referral'",
                       g_variant_new ("(ss)", sponsor_id, customer_id), 0, NULL) > 0)
    return TRUE;

  fields = json_object_new ();
  id = gx_uuid_v7_new_at (meta->now * 1000);
  json_object_set_string_member (fields, "customer_id", sponsor_id);
  json_object_set_string_member (fields, "other_id", customer_id);
  json_object_set_string_member (fields, "kind", "referral");
  json_object_set_string_member (fields, "relation", "referred");
  json_object_set_int_member (fields, "created_at", meta->now);
  return gx_record_insert (db, "customer_link", id, fields, meta, error);
}

static gboolean
rejoin (GxDb              *db,
        GxMembership      *m,
        const GxEnrolment *e,
        const GxWriteMeta *meta,
        GError           **error)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  const char *start = e->joined_on ? e->joined_on : e->applied_on;
  g_autofree char *end = NULL;
  g_autofree char *note = NULL;
  int months;

  /* The tier chosen now decides the period length. */
  months = (int) gx_db_query_int (db, "SELECT period_months FROM club_tiers WHERE id = ?",
                                  g_variant_new ("(s)", e->tier_id), m->period_months, NULL);
  end = gx_period_end_for (start, months);

  /* "Member since" and the first application stay; the new period starts now. A rejoining
   * member was approved before, so they join at once. */
  json_object_set_string_member (changes, "tier_id", e->tier_id);
  if (m->joined_on == NULL)
    json_object_set_string_member (changes, "joined_on", start);
  json_object_set_string_member (changes, "period_start", start);
  json_object_set_string_member (changes, "period_end", end);
  json_object_set_null_member (changes, "cancelled_on");
  json_object_set_null_member (changes, "suspended_reason");
  json_object_set_null_member (changes, "suspended_until");
  json_object_set_int_member (changes, "updated_at", meta->now);
  if (!gx_record_update (db, "membership", m->id, changes, meta, error))
    return FALSE;

  note = g_strdup_printf ("%s – %s", start, end);
  return gx_membership_set_circles (db, m->id, e->circle_ids, meta, error) &&
         log_action (db, m->id, "rejoin",
                     m->tier_id, g_strcmp0 (m->tier_id, e->tier_id) != 0 ? e->tier_id : NULL,
                     note, meta, error);
}

/**
 * gx_membership_enrol:
 * @db: the writer connection, inside a transaction
 * @enrolment: who joins which club, in which tier, when, introduced by whom
 * @meta: who enrols them, when
 * @membership_id: (out) (optional) (transfer full): the membership's id
 * @error: return location for a #GX_RECORD_ERROR naming the field at fault
 *
 * Enrols a customer: a member number by the club's pattern (see gx_member_number_next()),
 * the first period, the circles, the log entry, and the referral link from the sponsor. A
 * customer whose membership of the club lapsed or was cancelled rejoins: the same membership
 * and number, a new period, the history kept.
 */
gboolean
gx_membership_enrol (GxDb               *db,
                     const GxEnrolment  *e,
                     const GxWriteMeta  *meta,
                     char              **membership_id,
                     GError            **error)
{
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *existing_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *period_end = NULL;
  int months;

  g_return_val_if_fail (e != NULL, FALSE);
  g_return_val_if_fail (meta != NULL, FALSE);

  if (e->customer_id == NULL || !exists (db, "SELECT count(*) FROM customers WHERE id = ?", e->customer_id, NULL))
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_REQUIRED, "customer_id", _("Choose the customer who joins."));
      return FALSE;
    }
  if (e->club_id == NULL || !exists (db, "SELECT count(*) FROM clubs WHERE id = ?", e->club_id, NULL))
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_REQUIRED, "club_id", _("Choose the club to join."));
      return FALSE;
    }
  if (!tier_of_club (db, e->tier_id, e->club_id))
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "tier_id", _("Choose one of this club’s tiers."));
      return FALSE;
    }
  if (e->applied_on == NULL)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_REQUIRED, "applied_on", _("The application date is required."));
      return FALSE;
    }

  existing_id = gx_db_query_string (db, "SELECT id FROM memberships WHERE club_id = ? AND customer_id = ?",
                                    g_variant_new ("(ss)", e->club_id, e->customer_id), NULL);
  if (existing_id != NULL)
    {
      g_autoptr(GxMembership) m = gx_membership_load (db, existing_id, error);
      GxMembershipDates dates;
      GxMemberState state;

      if (m == NULL)
        return FALSE;
      gx_membership_get_dates (m, &dates);
      state = gx_membership_state (&dates, e->joined_on ? e->joined_on : e->applied_on, NULL);
      if (state != GX_MEMBER_STATE_CANCELLED && state != GX_MEMBER_STATE_LAPSED)
        {
          g_autofree char *message = g_strdup_printf (_("This customer is already a member of the club, number %s."),
                                                      m->member_number);
          gx_record_set_field_error (error, GX_RECORD_ERROR_EXISTS, "customer_id", message);
          return FALSE;
        }
      if (!rejoin (db, m, e, meta, error))
        return FALSE;
      if (membership_id != NULL)
        *membership_id = g_strdup (m->id);
      return TRUE;
    }

  if (e->sponsor_id != NULL &&
      (g_strcmp0 (e->sponsor_id, e->customer_id) == 0 ||
       gx_db_query_int (db, "SELECT count(*) FROM memberships WHERE club_id = ? AND customer_id = ?",
                        g_variant_new ("(ss)", e->club_id, e->sponsor_id), 0, NULL) == 0))
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "sponsor_id",
                                 _("The sponsor must be another member of this club."));
      return FALSE;
    }

  number = gx_member_number_next (db, e->club_id, e->joined_on ? e->joined_on : e->applied_on, error);
  if (number == NULL)
    return FALSE;

  months = (int) gx_db_query_int (db, "SELECT period_months FROM club_tiers WHERE id = ?",
                                  g_variant_new ("(s)", e->tier_id), 12, NULL);
  id = gx_uuid_v7_new_at (meta->now * 1000);
  fields = json_object_new ();
  json_object_set_string_member (fields, "club_id", e->club_id);
  json_object_set_string_member (fields, "customer_id", e->customer_id);
  json_object_set_string_member (fields, "member_number", number);
  json_object_set_string_member (fields, "tier_id", e->tier_id);
  json_object_set_string_member (fields, "applied_on", e->applied_on);
  if (e->joined_on != NULL)
    {
      period_end = gx_period_end_for (e->joined_on, months);
      json_object_set_string_member (fields, "joined_on", e->joined_on);
      json_object_set_string_member (fields, "period_start", e->joined_on);
      json_object_set_string_member (fields, "period_end", period_end);
    }
  set_string_or_null (fields, "sponsor_id", e->sponsor_id);
  json_object_set_int_member (fields, "created_at", meta->now);
  json_object_set_int_member (fields, "updated_at", meta->now);

  if (!gx_record_insert (db, "membership", id, fields, meta, error) ||
      !add_circles (db, id, e->circle_ids, meta, error) ||
      !log_action (db, id, e->joined_on ? "join" : "apply", NULL, e->tier_id, number, meta, error))
    return FALSE;

  if (e->sponsor_id != NULL && !link_sponsor (db, e->sponsor_id, e->customer_id, meta, error))
    return FALSE;

  if (membership_id != NULL)
    *membership_id = g_steal_pointer (&id);
  return TRUE;
}

static gboolean
update_membership (GxDb              *db,
                   const char        *membership_id,
                   JsonObject        *changes,
                   const GxWriteMeta *meta,
                   GError           **error)
{
  json_object_set_int_member (changes, "updated_at", meta->now);
  return gx_record_update (db, "membership", membership_id, changes, meta, error);
}

/**
 * gx_membership_approve:
 * @db: the writer connection, inside a transaction
 * @membership_id: an applicant's membership
 * @today: the day they join
 * @meta: who approves, when
 * @error: return location for a #GError
 *
 * Approves an application: the member joins today and the first period starts.
 */
gboolean
gx_membership_approve (GxDb               *db,
                       const char         *membership_id,
                       const char         *today,
                       const GxWriteMeta  *meta,
                       GError            **error)
{
  g_autoptr(GxMembership) m = gx_membership_load (db, membership_id, error);
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *end = NULL;
  GxMembershipDates dates;

  if (m == NULL)
    return FALSE;
  gx_membership_get_dates (m, &dates);
  if (gx_membership_state (&dates, today, NULL) != GX_MEMBER_STATE_APPLICANT || m->joined_on != NULL)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "joined_on", _("Only an applicant is approved."));
      return FALSE;
    }

  end = gx_period_end_for (today, m->period_months);
  json_object_set_string_member (changes, "joined_on", today);
  json_object_set_string_member (changes, "period_start", today);
  json_object_set_string_member (changes, "period_end", end);
  return update_membership (db, membership_id, changes, meta, error) &&
         log_action (db, membership_id, "join", NULL, m->tier_id, m->member_number, meta, error);
}

/**
 * gx_membership_renew:
 * @db: the writer connection, inside a transaction
 * @membership_id: a membership
 * @today: today
 * @meta: who renews, when
 * @error: return location for a #GError saying why a renewal is refused
 *
 * Renews for the tier's period: continuing the current period when renewed in time or in
 * grace, from today after a lapse (see gx_membership_next_period()).
 */
gboolean
gx_membership_renew (GxDb               *db,
                     const char         *membership_id,
                     const char         *today,
                     const GxWriteMeta  *meta,
                     GError            **error)
{
  g_autoptr(GxMembership) m = gx_membership_load (db, membership_id, error);
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *note = NULL;
  GxMembershipDates dates;

  if (m == NULL)
    return FALSE;
  gx_membership_get_dates (m, &dates);
  if (!gx_membership_may_renew (&dates, today, error))
    return FALSE;

  gx_membership_next_period (&dates, m->period_months, today, &start, &end);
  json_object_set_string_member (changes, "period_start", start);
  json_object_set_string_member (changes, "period_end", end);
  note = g_strdup_printf ("%s – %s", start, end);
  return update_membership (db, membership_id, changes, meta, error) &&
         log_action (db, membership_id, "renew", NULL, NULL, note, meta, error);
}

/**
 * gx_membership_suspend:
 * @db: the writer connection, inside a transaction
 * @membership_id: a membership
 * @reason: why (required)
 * @until: (nullable): the last day of the suspension; %NULL until resumed
 * @meta: who, when
 * @error: return location for a #GError
 */
gboolean
gx_membership_suspend (GxDb               *db,
                       const char         *membership_id,
                       const char         *reason,
                       const char         *until,
                       const GxWriteMeta  *meta,
                       GError            **error)
{
  g_autoptr(GxMembership) m = gx_membership_load (db, membership_id, error);
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *reason_text = g_strstrip (g_strdup (reason ? reason : ""));
  g_autofree char *today = gx_date_of (meta->now);

  if (m == NULL)
    return FALSE;
  if (*reason_text == '\0')
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_REQUIRED, "suspended_reason",
                                 _("Say why the membership is suspended."));
      return FALSE;
    }
  if (m->cancelled_on != NULL && g_strcmp0 (m->cancelled_on, today) <= 0)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "cancelled_on",
                                 _("A cancelled membership cannot be suspended."));
      return FALSE;
    }
  if (until != NULL && g_strcmp0 (until, today) < 0)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "suspended_until",
                                 _("A suspension cannot end in the past."));
      return FALSE;
    }

  json_object_set_string_member (changes, "suspended_reason", reason_text);
  set_string_or_null (changes, "suspended_until", until);
  return update_membership (db, membership_id, changes, meta, error) &&
         log_action (db, membership_id, "suspend", NULL, NULL, reason_text, meta, error);
}

/**
 * gx_membership_resume:
 * @db: the writer connection, inside a transaction
 * @membership_id: a suspended membership
 * @meta: who, when
 * @error: return location for a #GError
 */
gboolean
gx_membership_resume (GxDb               *db,
                      const char         *membership_id,
                      const GxWriteMeta  *meta,
                      GError            **error)
{
  g_autoptr(GxMembership) m = gx_membership_load (db, membership_id, error);
  g_autoptr(JsonObject) changes = json_object_new ();

  if (m == NULL)
    return FALSE;
  if (m->suspended_reason == NULL)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "suspended_reason",
                                 _("This membership is not suspended."));
      return FALSE;
    }

  json_object_set_null_member (changes, "suspended_reason");
  json_object_set_null_member (changes, "suspended_until");
  return update_membership (db, membership_id, changes, meta, error) &&
         log_action (db, membership_id, "resume", NULL, NULL, "", meta, error);
}

/**
 * gx_membership_cancel:
 * @db: the writer connection, inside a transaction
 * @membership_id: a membership
 * @on: the day it ends
 * @reason: (nullable): why
 * @meta: who, when
 * @error: return location for a #GError
 */
gboolean
gx_membership_cancel (GxDb               *db,
                      const char         *membership_id,
                      const char         *on,
                      const char         *reason,
                      const GxWriteMeta  *meta,
                      GError            **error)
{
  g_autoptr(GxMembership) m = gx_membership_load (db, membership_id, error);
  g_autoptr(JsonObject) changes = json_object_new ();

  if (m == NULL)
    return FALSE;
  if (m->cancelled_on != NULL)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "cancelled_on",
                                 _("This membership is already cancelled."));
      return FALSE;
    }

  json_object_set_string_member (changes, "cancelled_on", on);
  return update_membership (db, membership_id, changes, meta, error) &&
         log_action (db, membership_id, "cancel", NULL, NULL, reason, meta, error);
}

/**
 * gx_membership_change_tier:
 * @db: the writer connection, inside a transaction
 * @membership_id: a membership
 * @tier_id: another tier of the same club
 * @note: (nullable): why (a tier review says what qualified)
 * @meta: who, when
 * @error: return location for a #GError
 */
gboolean
gx_membership_change_tier (GxDb               *db,
                           const char         *membership_id,
                           const char         *tier_id,
                           const char         *note,
                           const GxWriteMeta  *meta,
                           GError            **error)
{
  g_autoptr(GxMembership) m = gx_membership_load (db, membership_id, error);
  g_autoptr(JsonObject) changes = json_object_new ();

  if (m == NULL)
    return FALSE;
  if (g_strcmp0 (m->tier_id, tier_id) == 0)
    return TRUE;

  json_object_set_string_member (changes, "tier_id", tier_id);
  return update_membership (db, membership_id, changes, meta, error) &&
         log_action (db, membership_id, "tier", m->tier_id, tier_id, note, meta, error);
}

/**
 * gx_membership_set_circles:
 * @db: the writer connection, inside a transaction
 * @membership_id: a membership
 * @circle_ids: (array zero-terminated=1) (nullable): the circles the member is in from now
 * @meta: who, when
 * @error: return location for a #GError
 *
 * Adds and removes circle memberships so the member is in exactly @circle_ids.
 */
gboolean
gx_membership_set_circles (GxDb               *db,
                           const char         *membership_id,
                           const char * const *circle_ids,
                           const GxWriteMeta  *meta,
                           GError            **error)
{
  g_autoptr(GPtrArray) current_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) current_circles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) to_add = g_ptr_array_new ();
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (db, "SELECT id, circle_id FROM membership_circles WHERE membership_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, membership_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (current_ids, gx_db_dup_column (stmt, 0));
      g_ptr_array_add (current_circles, gx_db_dup_column (stmt, 1));
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < current_ids->len; i++)
    if (circle_ids == NULL || !g_strv_contains (circle_ids, current_circles->pdata[i]))
      if (!gx_record_delete (db, "membership_circle", current_ids->pdata[i], meta, error))
        return FALSE;

  for (guint i = 0; circle_ids != NULL && circle_ids[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < current_circles->len && !found; j++)
        found = g_strcmp0 (current_circles->pdata[j], circle_ids[i]) == 0;
      if (!found)
        g_ptr_array_add (to_add, (gpointer) circle_ids[i]);
    }
  g_ptr_array_add (to_add, NULL);

  return add_circles (db, membership_id, (const char * const *) to_add->pdata, meta, error);
}

/* Rules */

/**
 * gx_membership_rule:
 *
 * A #GxRuleFunc for memberships and their circles: a member's tier and circles belong to the
 * member's club, a member joins on or after applying, a period ends after it starts, and
 * nobody sponsors themselves. Registered in gx-rules.c, so the server holds pushed
 * memberships to the same rules.
 */
gboolean
gx_membership_rule (GxDb          *db,
                    const GxKind  *kind,
                    GxRuleOp       op,
                    const char    *id,
                    JsonObject    *record,
                    JsonObject    *changes,
                    GError       **error)
{
  if (op == GX_RULE_DELETE || record == NULL)
    return TRUE;

  if (strcmp (kind->name, "membership") == 0)
    {
      const char *club_id = json_object_get_string_member_with_default (record, "club_id", NULL);
      const char *tier_id = json_object_get_string_member_with_default (record, "tier_id", NULL);
      const char *applied_on = json_object_get_string_member_with_default (record, "applied_on", NULL);
      const char *joined_on = json_object_get_string_member_with_default (record, "joined_on", NULL);
      const char *period_start = json_object_get_string_member_with_default (record, "period_start", NULL);
      const char *period_end = json_object_get_string_member_with_default (record, "period_end", NULL);
      const char *sponsor_id = json_object_get_string_member_with_default (record, "sponsor_id", NULL);
      const char *customer_id = json_object_get_string_member_with_default (record, "customer_id", NULL);
      const char *number = json_object_get_string_member_with_default (record, "member_number", NULL);

      if (number == NULL || *number == '\0')
        {
          gx_record_set_field_error (error, GX_RECORD_ERROR_REQUIRED, "member_number", _("A member number is required."));
          return FALSE;
        }
      if (!tier_of_club (db, tier_id, club_id))
        {
          gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "tier_id", _("Choose one of this club’s tiers."));
          return FALSE;
        }
      if (joined_on != NULL && applied_on != NULL && strcmp (joined_on, applied_on) < 0)
        {
          gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "joined_on",
                                     _("A member cannot join before applying."));
          return FALSE;
        }
      if (period_start != NULL && period_end != NULL && strcmp (period_end, period_start) < 0)
        {
          gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "period_end",
                                     _("A period cannot end before it starts."));
          return FALSE;
        }
      if (sponsor_id != NULL && g_strcmp0 (sponsor_id, customer_id) == 0)
        {
          gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "sponsor_id",
                                     _("A member cannot sponsor themselves."));
          return FALSE;
        }
    }
  else if (strcmp (kind->name, "membership_circle") == 0)
    {
      const char *membership_id = json_object_get_string_member_with_default (record, "membership_id", NULL);
      const char *circle_id = json_object_get_string_member_with_default (record, "circle_id", NULL);

      if (gx_db_query_int (db,
                           "SELECT count(*) FROM memberships m JOIN circles c ON c.club_id = m.club_id"
                           " WHERE m.id = ? AND c.id = ?",
                           g_variant_new ("(ss)", membership_id ? membership_id : "", circle_id ? circle_id : ""),
                           0, NULL) == 0)
        {
          gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "circle_id",
                                     _("A member joins only the circles of their own club."));
          return FALSE;
        }
    }

  return TRUE;
}
