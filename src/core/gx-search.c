/* gx-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-search"

#include "config.h"

#include "gx-activity-plan.h"
#include "gx-activity-private.h"
#include "gx-customer-search.h"
#include "gx-membership.h"
#include "gx-search.h"

/**
 * gx_search_like_pattern:
 * @text: what the user typed
 *
 * Returns: (transfer full): a LIKE prefix pattern for @text with `%`, `_` and `\` escaped
 *   (use with `ESCAPE '\'`); lower-cased, trimmed
 */
char *
gx_search_like_pattern (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_utf8_strdown (text ? text : "", -1));
  GString *out = g_string_new (NULL);

  for (const char *p = trimmed; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');

  return g_string_free (out, FALSE);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p && *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/**
 * gx_search_customers:
 * @text: (nullable): what the user typed
 * @params: (out) (transfer full) (nullable): the query's parameters
 *
 * The live customers @text finds through the search index (gx-customer-search.c), in name
 * order; the customer list itself builds its query with gx_customer_search_keys_sql(), which
 * adds the filters and the other orders.
 *
 * Returns: (transfer full): the keys query
 */
char *
gx_search_customers (const char  *text,
                     GVariant   **params)
{
  GxCustomerQuery query = { .text = text, .sort = GX_CUSTOMER_SORT_NAME };

  return gx_customer_search_keys_sql (NULL, &query, params);
}

/**
 * gx_search_cases:
 * @text: (nullable): what the user typed
 * @params: (out) (transfer full) (nullable): the query's parameters
 *
 * Returns: (transfer full): the keys query listing cases matching @text by case number,
 *   subject or customer name, newest first
 */
char *
gx_search_cases (const char  *text,
                 GVariant   **params)
{
  g_autofree char *pattern = NULL;

  *params = NULL;
  if (is_blank (text))
    return g_strdup ("SELECT rowid FROM cases ORDER BY received_at DESC");

  pattern = gx_search_like_pattern (text);
  *params = g_variant_ref_sink (g_variant_new ("(s)", pattern));
  return g_strdup ("SELECT k.rowid FROM cases k JOIN customers c ON c.id = k.customer_id"
                   " WHERE lower (k.number) LIKE ?1 ESCAPE '\\' OR k.subject LIKE '%' || ?1 ESCAPE '\\'"
                   "    OR c.name LIKE ?1 ESCAPE '\\' OR c.name_pinyin LIKE ?1 ESCAPE '\\' OR c.name_initials LIKE ?1 ESCAPE '\\'"
                   " ORDER BY k.received_at DESC");
}

/* A WHERE clause and its parameters, built one condition at a time. Every value is a bound
 * parameter; the SQL text is made of our own fragments only. */
typedef struct
{
  GString         *where;
  GVariantBuilder  params;
  guint            n;
} Conditions;

static void
add_condition (Conditions *c,
               const char *sql)
{
  g_string_append (c->where, c->where->len == 0 ? " WHERE " : " AND ");
  g_string_append (c->where, sql);
}

/* Appends @sql with each "?" replaced by the next numbered parameter, bound to @value. */
static void
add_bound (Conditions *c,
           const char *sql,
           GVariant   *value)
{
  g_autoptr(GString) numbered = g_string_new (NULL);
  guint n = ++c->n;

  for (const char *p = sql; *p; p++)
    if (*p == '?')
      g_string_append_printf (numbered, "?%u", n);
    else
      g_string_append_c (numbered, *p);

  add_condition (c, numbered->str);
  g_variant_builder_add_value (&c->params, value);
}

/* Whether the user typed (the start of) a case number: TS, then a digit. */
static gboolean
looks_like_case_number (const char *text)
{
  return g_ascii_strncasecmp (text, "TS", 2) == 0 && g_ascii_isdigit (text[2]);
}

/**
 * gx_search_case_queue:
 * @filter: the queue, the filters and what the user typed
 * @params: (out) (transfer full) (nullable): the query's parameters
 *
 * Each queue walks one index in the list's order — newest first, or soonest answer deadline
 * first with paused cases last — and checks the filters on the way (migration 0009), so the
 * first screen costs only the rows it shows. A case number typed from its start ("TS2026…")
 * is a range on the number's unique index instead.
 *
 * Returns: (transfer full): the keys query listing the cases of a queue that pass the filters
 */
char *
gx_search_case_queue (const GxCaseFilter  *filter,
                      GVariant           **params)
{
  static const char by_received[] = " ORDER BY k.received_at DESC";
  static const char by_deadline[] = " ORDER BY k.resolve_due_at IS NULL, k.resolve_due_at, k.received_at DESC";
  Conditions c = { g_string_new (NULL) };
  g_autofree char *where = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (filter->text ? filter->text : ""));
  const char *index;
  gboolean number_search = looks_like_case_number (trimmed);
  GVariant *built;

  g_variant_builder_init (&c.params, G_VARIANT_TYPE_TUPLE);

  switch (filter->queue)
    {
    case GX_CASE_QUEUE_MINE:
      index = filter->by_deadline ? "cases_open_by_assignee_due" : "cases_open_by_assignee";
      add_condition (&c, "k.status <> 'closed'");
      add_bound (&c, "k.assignee_id = ?", g_variant_new_string (filter->user_id ? filter->user_id : ""));
      break;
    case GX_CASE_QUEUE_TEAM:
      index = filter->by_deadline ? "cases_open_by_deadline" : "cases_open_by_received";
      add_condition (&c, "k.status <> 'closed'");
      add_bound (&c, "k.assignee_id IN (SELECT m.id FROM users m, users me WHERE me.id = ?"
                     " AND ((m.team = me.team AND me.team <> '') OR m.supervisor_id = me.id OR m.id = me.id))",
                 g_variant_new_string (filter->user_id ? filter->user_id : ""));
      break;
    case GX_CASE_QUEUE_UNASSIGNED:
      index = filter->by_deadline ? "cases_open_by_assignee_due" : "cases_open_by_assignee";
      add_condition (&c, "k.status <> 'closed'");
      add_condition (&c, "k.assignee_id IS NULL");
      break;
    case GX_CASE_QUEUE_OVERDUE:
      index = filter->by_deadline ? "cases_open_by_deadline" : "cases_open_by_received";
      add_condition (&c, "k.status <> 'closed'");
      add_bound (&c, "k.resolved_at IS NULL AND (k.resolve_due_at < ?"
                     " OR (k.status = 'received' AND k.acknowledged_at IS NULL AND k.ack_due_at < ?))",
                 g_variant_new_int64 (filter->now));
      break;
    case GX_CASE_QUEUE_REVIEW:
      index = filter->by_deadline ? "cases_open_by_deadline" : "cases_open_by_received";
      add_condition (&c, "k.status <> 'closed'");
      /* Awaiting sign-off, overdue (before the escalation pass has caught up with it),
       * escalated or reopened. */
      add_bound (&c, "(k.status = 'in_review' OR k.escalation_level > 0 OR k.reopen_count > 0"
                     " OR (k.resolved_at IS NULL AND (k.resolve_due_at < ?"
                     "     OR (k.status = 'received' AND k.acknowledged_at IS NULL AND k.ack_due_at < ?))))",
                 g_variant_new_int64 (filter->now));
      break;
    case GX_CASE_QUEUE_OPEN:
      index = filter->by_deadline ? "cases_open_by_deadline" : "cases_open_by_received";
      add_condition (&c, "k.status <> 'closed'");
      break;
    case GX_CASE_QUEUE_ALL:
    default:
      index = filter->by_deadline ? "cases_by_deadline" : "cases_by_received";
      break;
    }

  /* The overview's scope: a case's owner is its assignee, else its first responder. */
  if (filter->owner_id != NULL)
    add_bound (&c, "coalesce (k.assignee_id, k.first_responder_id) = ?", g_variant_new_string (filter->owner_id));
  if (filter->team != NULL)
    add_bound (&c, "coalesce (k.assignee_id, k.first_responder_id) IN (SELECT id FROM users WHERE team = ?)",
               g_variant_new_string (filter->team));
  if (filter->no_category)
    add_condition (&c, "k.category_id IS NULL");
  if (filter->escalated)
    add_condition (&c, "k.escalation_level > 0");
  if (filter->reopened)
    add_condition (&c, "k.reopen_count > 0");
  if (filter->visits_due)
    add_bound (&c, "k.id IN (SELECT case_id FROM return_visits WHERE done_at IS NULL AND scheduled_at <= ?)",
               g_variant_new_int64 (filter->now));

  if (filter->status != NULL)
    add_bound (&c, "k.status = ?", g_variant_new_string (filter->status));
  if (filter->category_id != NULL)
    add_bound (&c, "k.category_id = ?", g_variant_new_string (filter->category_id));
  if (filter->channel != NULL)
    add_bound (&c, "k.channel = ?", g_variant_new_string (filter->channel));
  if (filter->severity != NULL)
    add_bound (&c, "k.severity = ?", g_variant_new_string (filter->severity));
  if (filter->customer_id != NULL)
    add_bound (&c, "k.customer_id = ?", g_variant_new_string (filter->customer_id));
  if (filter->tier_id != NULL)
    add_bound (&c, "k.customer_id IN (SELECT id FROM customers WHERE tier_id = ?)", g_variant_new_string (filter->tier_id));
  if (filter->received_from != 0)
    add_bound (&c, "k.received_at >= ?", g_variant_new_int64 (filter->received_from));
  if (filter->received_until != 0)
    add_bound (&c, "k.received_at < ?", g_variant_new_int64 (filter->received_until));

  if (number_search)
    {
      g_autofree char *number = g_ascii_strup (trimmed, -1);

      /* A handful of cases at most: the number's own index finds them, the sort is free. */
      index = NULL;
      add_bound (&c, "k.number >= ? AND k.number < ? || char (1114111)", g_variant_new_string (number));
    }
  else if (*trimmed != '\0')
    {
      g_autofree char *pattern = gx_search_like_pattern (trimmed);

      add_bound (&c, "(lower (k.number) LIKE '%' || ? ESCAPE '\\' OR k.subject LIKE '%' || ? ESCAPE '\\'"
                     " OR k.customer_id IN (SELECT id FROM customers WHERE name LIKE ? ESCAPE '\\'"
                     "   OR name_pinyin LIKE ? ESCAPE '\\' OR replace (name_pinyin, ' ', '') LIKE ? ESCAPE '\\'"
                     "   OR name_initials LIKE ? ESCAPE '\\'))",
                 g_variant_new_string (pattern));
    }

  built = g_variant_builder_end (&c.params);
  *params = c.n > 0 ? g_variant_ref_sink (built) : (g_variant_unref (g_variant_ref_sink (built)), NULL);
  where = g_string_free (c.where, FALSE);

  /* Index names are ours, never input. */
  {
    g_autofree char *from = index ? g_strdup_printf ("SELECT k.rowid FROM cases k INDEXED BY %s", index)
                                  : g_strdup ("SELECT k.rowid FROM cases k");

    return g_strconcat (from, where, filter->by_deadline ? by_deadline : by_received, NULL);
  }
}

/**
 * gx_search_lessons:
 * @text: (nullable): what the user typed
 * @category_id: (nullable): only lessons of this category
 * @params: (out) (transfer full) (nullable): the query's parameters
 *
 * Returns: (transfer full): the keys query listing lessons whose title, problem, cause,
 *   department or improvement contains @text, newest first
 */
char *
gx_search_lessons (const char  *text,
                   const char  *category_id,
                   GVariant   **params)
{
  Conditions c = { g_string_new (NULL) };
  g_autofree char *where = NULL;
  GVariant *built;

  g_variant_builder_init (&c.params, G_VARIANT_TYPE_TUPLE);
  if (category_id != NULL)
    add_bound (&c, "l.category_id = ?", g_variant_new_string (category_id));
  if (!is_blank (text))
    {
      g_autofree char *pattern = gx_search_like_pattern (text);

      add_bound (&c, "(l.title LIKE '%' || ? ESCAPE '\\' OR l.problem LIKE '%' || ? ESCAPE '\\'"
                     " OR l.cause LIKE '%' || ? ESCAPE '\\' OR l.department LIKE '%' || ? ESCAPE '\\'"
                     " OR l.improvement LIKE '%' || ? ESCAPE '\\')",
                 g_variant_new_string (pattern));
    }

  built = g_variant_builder_end (&c.params);
  *params = c.n > 0 ? g_variant_ref_sink (built) : (g_variant_unref (g_variant_ref_sink (built)), NULL);
  where = g_string_free (c.where, FALSE);
  return g_strconcat ("SELECT l.rowid FROM lessons l", where, " ORDER BY l.created_at DESC", NULL);
}

/**
 * gx_search_members:
 * @text: (nullable): what the user typed
 * @params: (out) (transfer full) (nullable): the query's parameters
 *
 * Returns: (transfer full): the keys query listing memberships matching @text by member
 *   number or member name, by club then member number
 */
char *
gx_search_members (const char  *text,
                   GVariant   **params)
{
  g_autofree char *pattern = NULL;

  *params = NULL;
  if (is_blank (text))
    return g_strdup ("SELECT m.rowid FROM memberships m JOIN customers c ON c.id = m.customer_id"
                     " ORDER BY m.club_id, c.sort_key");

  pattern = gx_search_like_pattern (text);
  *params = g_variant_ref_sink (g_variant_new ("(s)", pattern));
  return g_strdup ("SELECT m.rowid FROM memberships m JOIN customers c ON c.id = m.customer_id"
                   " WHERE lower (m.member_number) LIKE ?1 ESCAPE '\\' OR c.name LIKE ?1 ESCAPE '\\'"
                   "    OR c.name_pinyin LIKE ?1 ESCAPE '\\' OR c.name_initials LIKE ?1 ESCAPE '\\'"
                   " ORDER BY m.club_id, c.sort_key");
}

/* Appends one parameter and returns its number, for conditions that use it more than once. */
static int
add_param (GVariantBuilder *params,
           int             *n,
           const char      *value)
{
  g_variant_builder_add (params, "s", value);
  return ++*n;
}

/**
 * gx_search_members_filtered:
 * @filter: what the user typed and chose
 * @params: (out) (transfer full): the query's parameters
 *
 * The member list by club, tier, circle, derived state and what is due (renewals within 30
 * days or in grace, birthdays this month, points expiring within 90 days). Only the
 * conditions asked for are put in the query, so an unfiltered list stays an index scan.
 *
 * Returns: (transfer full): the keys query, by club then member name
 */
char *
gx_search_members_filtered (const GxMemberFilter  *filter,
                            GVariant             **params)
{
  g_autoptr(GString) sql = g_string_new ("SELECT m.rowid FROM memberships m"
                                         " JOIN customers c ON c.id = m.customer_id"
                                         " JOIN club_tiers ct ON ct.id = m.tier_id WHERE ?1 IS NOT NULL");
  GVariantBuilder builder;
  int n = 0, today;

  g_return_val_if_fail (filter != NULL && filter->today != NULL, NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_TUPLE);
  today = add_param (&builder, &n, filter->today);

  if (!is_blank (filter->text))
    {
      g_autofree char *pattern = gx_search_like_pattern (filter->text);
      int p = add_param (&builder, &n, pattern);

      g_string_append_printf (sql,
                              " AND (lower (m.member_number) LIKE ?%d ESCAPE '\\' OR c.name LIKE ?%d ESCAPE '\\'"
                              " OR c.name_pinyin LIKE ?%d ESCAPE '\\' OR replace (c.name_pinyin, ' ', '') LIKE ?%d ESCAPE '\\'"
                              " OR c.name_initials LIKE ?%d ESCAPE '\\')",
                              p, p, p, p, p);
    }
  if (filter->club_id != NULL)
    g_string_append_printf (sql, " AND m.club_id = ?%d", add_param (&builder, &n, filter->club_id));
  if (filter->tier_id != NULL)
    g_string_append_printf (sql, " AND m.tier_id = ?%d", add_param (&builder, &n, filter->tier_id));
  if (filter->circle_id != NULL)
    g_string_append_printf (sql, " AND m.id IN (SELECT membership_id FROM membership_circles WHERE circle_id = ?%d)",
                            add_param (&builder, &n, filter->circle_id));
  if (filter->state != NULL)
    {
      g_autofree char *state_sql = NULL;
      char today_param[8];

      g_snprintf (today_param, sizeof today_param, "?%d", today);
      state_sql = g_strdup (GX_MEMBER_STATE_SQL ("@TODAY@"));
      g_string_append (sql, " AND ");
      {
        g_auto(GStrv) parts = g_strsplit (state_sql, "@TODAY@", -1);
        g_autofree char *joined = g_strjoinv (today_param, parts);
        g_string_append (sql, joined);
      }
      g_string_append_printf (sql, " = ?%d", add_param (&builder, &n, filter->state));
    }

  /* The overview's click-through: who joined in a period, whose members (GxOverviewScope). */
  if (filter->joined_from != NULL)
    g_string_append_printf (sql, " AND m.joined_on >= ?%d", add_param (&builder, &n, filter->joined_from));
  if (filter->joined_until != NULL)
    g_string_append_printf (sql, " AND m.joined_on < ?%d", add_param (&builder, &n, filter->joined_until));
  if (filter->owner_id != NULL)
    g_string_append_printf (sql, " AND c.owner_id = ?%d", add_param (&builder, &n, filter->owner_id));
  if (filter->team != NULL)
    g_string_append_printf (sql, " AND c.owner_id IN (SELECT id FROM users WHERE team = ?%d)",
                            add_param (&builder, &n, filter->team));

  switch (filter->due)
    {
    case GX_MEMBER_DUE_RENEWAL:
      {
        g_autofree char *horizon = gx_date_add_days (filter->today, 30);
        int h = add_param (&builder, &n, horizon);

        /* Active and ending within 30 days, or ended and still within the grace days. */
        g_string_append_printf (sql,
                                " AND m.joined_on IS NOT NULL AND m.joined_on <= ?%d"
                                " AND (m.cancelled_on IS NULL OR m.cancelled_on > ?%d)"
                                " AND coalesce (m.suspended_reason, '') = ''"
                                " AND m.period_end <= ?%d AND ?%d <= date (m.period_end, '+' || ct.grace_days || ' days')",
                                today, today, h, today);
      }
      break;
    case GX_MEMBER_DUE_BIRTHDAY:
      {
        g_autofree char *first = g_strdup_printf ("%.2s-01", filter->today + 5);
        g_autofree char *last = g_strdup_printf ("%.2s-31", filter->today + 5);
        int a = add_param (&builder, &n, first);
        int b = add_param (&builder, &n, last);

        /* substr (birthday, 6, 5) is what customers_by_birthday indexes. */
        g_string_append_printf (sql, " AND c.birthday IS NOT NULL AND substr (c.birthday, 6, 5) BETWEEN ?%d AND ?%d", a, b);
      }
      break;
    case GX_MEMBER_DUE_POINTS_EXPIRING:
      {
        g_autofree char *horizon = gx_date_add_days (filter->today, 90);
        int h = add_param (&builder, &n, horizon);

        g_string_append_printf (sql,
                                " AND m.id IN (SELECT membership_id FROM points_ledger WHERE kind IN ('earn', 'adjust')"
                                " AND expires_on BETWEEN ?%d AND ?%d)"
                                " AND (SELECT sum (points) FROM points_ledger p WHERE p.membership_id = m.id) > 0",
                                today, h);
      }
      break;
    case GX_MEMBER_DUE_ANY:
    default:
      break;
    }

  g_string_append (sql, " ORDER BY m.club_id, c.sort_key");
  *params = g_variant_ref_sink (g_variant_builder_end (&builder));
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/**
 * gx_search_activities:
 * @text: (nullable): what the user typed
 * @params: (out) (transfer full) (nullable): the query's parameters
 *
 * Returns: (transfer full): the keys query listing activities whose title, theme or venue
 *   contains @text, latest first (planned ones without a date by month)
 */
char *
gx_search_activities (const char  *text,
                      GVariant   **params)
{
  return gx_search_activities_filtered (text, GX_ACTIVITY_FILTER_ALL, 0, params);
}

/**
 * gx_search_activities_filtered:
 * @text: (nullable): what the user typed
 * @filter: which activities
 * @now: the current time, for "upcoming" and "points due"
 * @params: (out) (transfer full): the query's parameters
 *
 * Returns: (transfer full): the keys query listing the activities of @filter whose title,
 *   theme or venue contains @text: all of them latest first, upcoming ones soonest first,
 *   those with points due by their deadline (the oldest first)
 */
char *
gx_search_activities_filtered (const char        *text,
                               GxActivityFilter   filter,
                               gint64             now,
                               GVariant         **params)
{
  GxActivitySearch search = { .text = text, .filter = filter, .now = now };

  return gx_search_activities_query (&search, params);
}

/**
 * gx_search_activities_query:
 * @search: what to list
 * @params: (out) (transfer full): the query's parameters
 *
 * Returns: (transfer full): the keys query of gx_search_activities_filtered(), narrowed to a
 *   period of start times, an owner or a team, a club and a month of the year plan when
 *   @search says so
 */
char *
gx_search_activities_query (const GxActivitySearch  *search,
                            GVariant               **params)
{
  g_autofree char *pattern = is_blank (search->text) ? NULL : gx_search_like_pattern (search->text);
  gboolean by_month = search->plan_year != 0 && search->plan_month >= 1 && search->plan_month <= 12;
  gint64 month_from = 0, month_until = 0;
  const char *where;
  const char *order;

  if (by_month)
    gx_activity_plan_month_window (search->plan_year, search->plan_month, &month_from, &month_until);

  switch (search->filter)
    {
    case GX_ACTIVITY_FILTER_UPCOMING:
      where = " AND a.status IN ('planned', 'scheduled')"
              " AND (a.starts_at IS NULL OR coalesce (a.ends_at, a.starts_at) >= ?2)";
      order = " ORDER BY a.starts_at IS NULL, a.starts_at, a.planned_month, a.title";
      break;
    case GX_ACTIVITY_FILTER_POINTS_DUE:
      where = " AND a.points > 0 AND a.points_awarded_at IS NULL AND a.ends_at <= ?2"
              " AND a.status <> 'cancelled' AND EXISTS (SELECT 1 FROM checkins k WHERE k.activity_id = a.id)";
      order = " ORDER BY a.ends_at, a.title";
      break;
    case GX_ACTIVITY_FILTER_ALL:
    default:
      where = " AND ?2 IS NOT NULL";
      order = " ORDER BY coalesce (a.starts_at, 0) DESC, a.planned_month DESC, a.title";
      break;
    }

  *params = g_variant_ref_sink (g_variant_new ("(msxxxmsmsmsxxxxx)", pattern, search->now, search->from, search->until,
                                               search->owner_id, search->team, search->club_id,
                                               (gint64) (by_month ? search->plan_year : 0), month_from, month_until,
                                               (gint64) (by_month ? search->plan_year * 100 + search->plan_month : 0),
                                               (gint64) (by_month ? search->plan_month : 0)));
  return g_strconcat ("SELECT a.rowid FROM activities a"
                      " WHERE (?1 IS NULL OR a.title LIKE '%' || ?1 ESCAPE '\\' OR a.theme LIKE '%' || ?1 ESCAPE '\\'"
                      "        OR a.venue LIKE '%' || ?1 ESCAPE '\\')"
                      "   AND (?3 = 0 OR a.starts_at >= ?3) AND (?4 = 0 OR a.starts_at < ?4)"
                      "   AND (?5 IS NULL OR a.owner_id = ?5)"
                      "   AND (?6 IS NULL OR a.owner_id IN (SELECT u.id FROM users u WHERE u.team = ?6))"
                      "   AND (?7 IS NULL OR a.club_id = ?7)"
                      "   AND (?8 = 0 OR a.rowid IN (" GX_PLAN_MONTH_SQL ("a.rowid", "?7", "?8", "?9", "?10", "?11", "?12") "))",
                      where, order, NULL);
}

/**
 * gx_search_invitations:
 * @activity_id: the activity
 * @text: (nullable): what the user typed: part of a name, pinyin, initials, a phone number or
 *   the invitation code
 * @params: (out) (transfer full): the query's parameters
 *
 * Returns: (transfer full): the keys query listing the activity's invitations: those with a
 *   place first, then the waitlist in its order, then the rest, by name
 */
char *
gx_search_invitations (const char  *activity_id,
                       const char  *text,
                       GVariant   **params)
{
  g_autofree char *pattern = is_blank (text) ? NULL : gx_search_like_pattern (text);
  g_autofree char *code = is_blank (text) ? NULL : g_ascii_strup (text, -1);

  *params = g_variant_ref_sink (g_variant_new ("(smsms)", activity_id, pattern, code ? g_strstrip (code) : NULL));
  return g_strdup ("SELECT i.rowid FROM invitations i JOIN customers c ON c.id = i.customer_id"
                   " WHERE i.activity_id = ?1"
                   "   AND (?2 IS NULL OR c.name LIKE '%' || ?2 ESCAPE '\\' OR c.name_pinyin LIKE ?2 ESCAPE '\\'"
                   "        OR replace (c.name_pinyin, ' ', '') LIKE ?2 ESCAPE '\\' OR c.name_initials LIKE ?2 ESCAPE '\\'"
                   "        OR i.code = ?3 OR lower (c.number) LIKE ?2 ESCAPE '\\'"
                   "        OR c.id IN (SELECT customer_id FROM customer_contacts WHERE value LIKE '%' || ?2 ESCAPE '\\'))"
                   " ORDER BY CASE i.status WHEN 'accepted' THEN 0 WHEN 'offered' THEN 1 WHEN 'waitlisted' THEN 2"
                   "          WHEN 'tentative' THEN 3 WHEN 'invited' THEN 4 WHEN 'declined' THEN 5 ELSE 6 END,"
                   "          i.waitlisted_at, c.sort_key");
}
