/* gx-points.c: the points ledger — earn, redeem, expire, adjust; balances derived, never stored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-points"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-enums.h"
#include "gx-format.h"
#include "gx-membership.h"
#include "gx-points.h"
#include "gx-uuid.h"

/* Points move only through signed, immutable entries in points_ledger; nothing stores a
 * balance. Every figure is derived here from the member's entries:
 *
 * - each credit (an `earn`, or an `adjust` above zero) is a lot with the last day it can be
 *   spent (`expires_on`, from the club's rule; none for "never");
 * - taking the entries in ledger order (time, then id), a redemption or a negative adjustment
 *   takes from the lots still valid on its day, soonest-expiring first, and may take part of a
 *   lot; an `expire` entry takes what is left of the lots expiring on its date (`source_id`);
 * - the balance is the sum of the entries; what may be spent on a day is that balance less
 *   the lots already past their date whose expiry is not booked yet.
 *
 * The same functions run in the rule the record layer applies to every new entry, at the desk
 * and on the server, so "no redemption below zero" holds also when two desks redeem offline at
 * once: the server refuses the second. */

void
gx_points_entry_free (GxPointsEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->id);
  g_free (entry->kind);
  g_free (entry->expires_on);
  g_free (entry->source_kind);
  g_free (entry->source_id);
  g_free (entry->reward_id);
  g_free (entry->reason);
  g_free (entry->user_id);
  g_free (entry->reward_name);
  g_free (entry->user_name);
  g_free (entry);
}

void
gx_points_statement_free (GxPointsStatement *statement)
{
  if (statement == NULL)
    return;

  g_clear_pointer (&statement->entries, g_ptr_array_unref);
  g_free (statement);
}

/**
 * gx_points_entry_describe:
 * @entry: a ledger entry
 *
 * Returns: (transfer full): what the entry was, for a statement line: "Earned: Golf day",
 *   "Redeemed: Longjing tea", "Expired: points of Dec 31, 2026", "Adjusted: double award"
 */
char *
gx_points_entry_describe (const GxPointsEntry *entry)
{
  const char *what = entry->reward_name ? entry->reward_name : entry->reason;

  if (g_strcmp0 (entry->kind, "expire") == 0)
    {
      g_autofree char *date = gx_format_iso_date (entry->source_id);
      /* Translators: %s is the date the points could last be spent */
      return g_strdup_printf (_("Expired: points valid until %s"), date);
    }
  if (g_strcmp0 (entry->kind, "earn") == 0 && g_strcmp0 (entry->source_kind, "referral") == 0)
    {
      if (what != NULL && *what != '\0')
        /* Translators: %s is the new member's number */
        return g_strdup_printf (_("Earned: introduced member %s"), what);
      return g_strdup (_("Earned: referral"));
    }
  if (g_strcmp0 (entry->kind, "earn") == 0 && (what == NULL || *what == '\0') &&
      g_strcmp0 (entry->source_kind, "activity") == 0)
    return g_strdup (_("Earned: activity attendance"));

  if (what == NULL || *what == '\0')
    return g_strdup (gx_vocab_label (GX_VOCAB_POINTS_KIND, entry->kind));
  /* Translators: "Redeemed: Longjing tea" — the kind of entry, then what it was for */
  return g_strdup_printf (_("%s: %s"), gx_vocab_label (GX_VOCAB_POINTS_KIND, entry->kind), what);
}

/**
 * gx_points_parse:
 * @text: what was typed: "1200", "1,200", "１２００" (full-width digits from a Chinese input
 *   method), "-300" or "−300" where @signed_ok
 * @signed_ok: a sign may be typed (adjustments)
 * @points: (out): the number
 * @error: return location for a #GX_RECORD_ERROR on the field `points`
 *
 * Returns: %TRUE for a whole number other than zero
 */
gboolean
gx_points_parse (const char  *text,
                 gboolean     signed_ok,
                 gint64      *points,
                 GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean negative = FALSE;
  gint64 value = 0;

  for (const char *p = text ? text : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF10 && c <= 0xFF19)          /* full-width 0–9 */
        c = '0' + (c - 0xFF10);
      if (c >= '0' && c <= '9')
        g_string_append_c (digits, (char) c);
      else if (c == ',' || c == 0xFF0C || c == ' ' || c == 0x00A0 || c == 0x202F || c == '+')
        continue;
      else if ((c == '-' || c == 0x2212 || c == 0xFF0D) && digits->len == 0 && !negative && signed_ok)
        negative = TRUE;
      else
        goto invalid;
    }

  if (digits->len == 0 || digits->len > 12)
    goto invalid;
  value = g_ascii_strtoll (digits->str, NULL, 10);
  if (value == 0)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "points", _("An entry of zero points changes nothing."));
      return FALSE;
    }

  *points = negative ? -value : value;
  return TRUE;

invalid:
  gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "points",
                             signed_ok ? _("Type the points as a whole number, e.g. 500 or -500.")
                                       : _("Type the points as a whole number, e.g. 1,200."));
  return FALSE;
}

/* Expiry rules */

static const struct {
  const char *rule;
  int         years;    /* end of the Nth calendar year, counting the year earned as the first */
  int         months;   /* or N months after the day earned */
} expiry_rules[] = {
  { "never", 0, 0 },
  { "end_of_year", 1, 0 },
  { "end_of_second_year", 2, 0 },
  { "end_of_third_year", 3, 0 },
  { "12_months", 0, 12 },
  { "24_months", 0, 24 },
  { "36_months", 0, 36 },
};

gboolean
gx_points_expiry_rule_is_valid (const char *rule)
{
  for (guint i = 0; i < G_N_ELEMENTS (expiry_rules); i++)
    if (g_strcmp0 (rule, expiry_rules[i].rule) == 0)
      return TRUE;
  return FALSE;
}

/**
 * gx_points_expiry_for:
 * @rule: a club's `points_expiry`: `end_of_second_year` (the default: points earned in 2026
 *   can be spent until 31 December 2027), `end_of_year`, `end_of_third_year`, `12_months`,
 *   `24_months`, `36_months` or `never`
 * @earned_on: the day the points were earned 'YYYY-MM-DD'
 *
 * Returns: (transfer full) (nullable): the last day the points can be spent; %NULL when they
 *   never expire or for an unknown rule
 */
char *
gx_points_expiry_for (const char *rule,
                      const char *earned_on)
{
  int year;

  g_return_val_if_fail (earned_on != NULL, NULL);

  year = (int) g_ascii_strtoll (earned_on, NULL, 10);
  for (guint i = 0; i < G_N_ELEMENTS (expiry_rules); i++)
    if (g_strcmp0 (rule, expiry_rules[i].rule) == 0)
      {
        if (expiry_rules[i].years > 0)
          return g_strdup_printf ("%04d-12-31", year + expiry_rules[i].years - 1);
        if (expiry_rules[i].months > 0)
          return gx_period_end_for (earned_on, expiry_rules[i].months);
        return NULL;
      }

  return NULL;
}

/* Allocation */

static gboolean
is_credit (const GxPointsEntry *e)
{
  return e->points > 0;
}

static gboolean
is_expiry (const GxPointsEntry *e)
{
  return g_strcmp0 (e->kind, "expire") == 0;
}

static gint64
take (GxPointsLot *lot,
      gint64       need)
{
  gint64 n = MIN (lot->remaining, need);

  lot->remaining -= n;
  return need - n;
}

/* Which of two lots a debit takes from first: the sooner expiry, then the older credit;
 * points that never expire last. */
static gboolean
spends_before (const GxPointsLot *a,
               const GxPointsLot *b)
{
  if (a->expires_on == NULL || b->expires_on == NULL)
    return a->expires_on != NULL || (b->expires_on == NULL && a->at < b->at);
  if (strcmp (a->expires_on, b->expires_on) != 0)
    return strcmp (a->expires_on, b->expires_on) < 0;
  return a->at < b->at;
}

/**
 * gx_points_allocate:
 * @entries: (element-type GxPointsEntry): a member's entries in ledger order
 * @overdrawn: (out) (optional): points debited beyond every credit (only a ledger that broke
 *   the rules has any)
 *
 * Returns: (transfer full) (element-type GxPointsLot): the credits with what is left of each
 */
GArray *
gx_points_allocate (GPtrArray *entries,
                    gint64    *overdrawn)
{
  GArray *lots = g_array_new (FALSE, TRUE, sizeof (GxPointsLot));
  gint64 owed = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      const GxPointsEntry *e = g_ptr_array_index (entries, i);
      gint64 need = -e->points;

      if (is_credit (e))
        {
          GxPointsLot lot = { e->id, e->at, e->points, e->points, e->expires_on };

          /* A credit after an overdraft pays it back first. */
          if (owed > 0)
            owed = take (&lot, owed);
          g_array_append_val (lots, lot);
          continue;
        }

      if (is_expiry (e) && e->source_id != NULL)
        {
          for (guint j = 0; j < lots->len && need > 0; j++)
            {
              GxPointsLot *lot = &g_array_index (lots, GxPointsLot, j);
              if (lot->remaining > 0 && g_strcmp0 (lot->expires_on, e->source_id) == 0)
                need = take (lot, need);
            }
        }
      else if (is_expiry (e))
        {
          g_autofree char *day = gx_date_of (e->at);

          /* An expiry that names no date (imported or older data) takes what was past its
           * date on its day. */
          for (guint j = 0; j < lots->len && need > 0; j++)
            {
              GxPointsLot *lot = &g_array_index (lots, GxPointsLot, j);
              if (lot->remaining > 0 && lot->expires_on != NULL && strcmp (lot->expires_on, day) < 0)
                need = take (lot, need);
            }
        }
      else
        {
          g_autofree char *day = gx_date_of (e->at);

          /* Soonest-expiring first among the lots still valid on the debit's day. */
          while (need > 0)
            {
              GxPointsLot *best = NULL;

              for (guint j = 0; j < lots->len; j++)
                {
                  GxPointsLot *lot = &g_array_index (lots, GxPointsLot, j);

                  if (lot->remaining <= 0 || (lot->expires_on != NULL && strcmp (lot->expires_on, day) < 0))
                    continue;
                  if (best == NULL || spends_before (lot, best))
                    best = lot;
                }
              if (best == NULL)
                break;
              need = take (best, need);
            }
        }

      owed += need;
    }

  if (overdrawn != NULL)
    *overdrawn = owed;
  return lots;
}

/**
 * gx_points_summarize:
 * @entries: (element-type GxPointsEntry): a member's entries in ledger order
 * @today: the day 'YYYY-MM-DD'
 * @soon_days: how far ahead "expiring soon" looks
 * @summary: (out caller-allocates): balance, available, expiring soon
 */
void
gx_points_summarize (GPtrArray       *entries,
                     const char      *today,
                     int              soon_days,
                     GxPointsSummary *summary)
{
  g_autoptr(GArray) lots = NULL;
  g_autofree char *horizon = gx_date_add_days (today, soon_days);

  memset (summary, 0, sizeof *summary);

  for (guint i = 0; i < entries->len; i++)
    summary->balance += ((GxPointsEntry *) g_ptr_array_index (entries, i))->points;

  lots = gx_points_allocate (entries, NULL);
  for (guint i = 0; i < lots->len; i++)
    {
      const GxPointsLot *lot = &g_array_index (lots, GxPointsLot, i);

      if (lot->remaining <= 0 || lot->expires_on == NULL)
        continue;

      if (strcmp (lot->expires_on, today) < 0)
        summary->expired_unbooked += lot->remaining;
      else if (strcmp (lot->expires_on, horizon) <= 0)
        {
          summary->expiring_soon += lot->remaining;
          if (*summary->next_expiry == '\0' || strcmp (lot->expires_on, summary->next_expiry) < 0)
            {
              g_strlcpy (summary->next_expiry, lot->expires_on, sizeof summary->next_expiry);
              summary->next_expiry_points = 0;
            }
        }
    }

  /* The points of the soonest expiry date, summed over its lots. */
  for (guint i = 0; i < lots->len && *summary->next_expiry; i++)
    {
      const GxPointsLot *lot = &g_array_index (lots, GxPointsLot, i);
      if (lot->remaining > 0 && g_strcmp0 (lot->expires_on, summary->next_expiry) == 0)
        summary->next_expiry_points += lot->remaining;
    }

  summary->available = summary->balance - summary->expired_unbooked;
}

/* Reading */

/**
 * gx_points_load:
 * @db: a connection
 * @membership_id: a membership
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type GxPointsEntry): the member's entries in ledger order
 */
GPtrArray *
gx_points_load (GxDb        *db,
                const char  *membership_id,
                GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_points_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = gx_db_prepare (db,
                        "SELECT p.id, p.at, p.kind, p.points, p.expires_on, p.source_kind, p.source_id, p.reward_id,"
                        "       p.reason, p.user_id, r.name, u.display_name"
                        "  FROM points_ledger p LEFT JOIN rewards r ON r.id = p.reward_id"
                        "  LEFT JOIN users u ON u.id = p.user_id"
                        " WHERE p.membership_id = ? ORDER BY p.at, p.id",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, membership_id, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GxPointsEntry *e = g_new0 (GxPointsEntry, 1);

      e->id = gx_db_dup_column (stmt, 0);
      e->at = sqlite3_column_int64 (stmt, 1);
      e->kind = gx_db_dup_column (stmt, 2);
      e->points = sqlite3_column_int64 (stmt, 3);
      e->expires_on = gx_db_dup_column (stmt, 4);
      e->source_kind = gx_db_dup_column (stmt, 5);
      e->source_id = gx_db_dup_column (stmt, 6);
      e->reward_id = gx_db_dup_column (stmt, 7);
      e->reason = gx_db_dup_column (stmt, 8);
      e->user_id = gx_db_dup_column (stmt, 9);
      e->reward_name = gx_db_dup_column (stmt, 10);
      e->user_name = gx_db_dup_column (stmt, 11);
      g_ptr_array_add (entries, e);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "points_ledger");
      return NULL;
    }

  return g_steal_pointer (&entries);
}

/**
 * gx_points_summary_for:
 * @db: a connection
 * @membership_id: a membership
 * @today: the day
 * @soon_days: how far ahead "expiring soon" looks
 * @summary: (out caller-allocates): the figures
 * @error: return location for a #GError
 */
gboolean
gx_points_summary_for (GxDb             *db,
                       const char       *membership_id,
                       const char       *today,
                       int               soon_days,
                       GxPointsSummary  *summary,
                       GError          **error)
{
  g_autoptr(GPtrArray) entries = gx_points_load (db, membership_id, error);

  if (entries == NULL)
    return FALSE;
  gx_points_summarize (entries, today, soon_days, summary);
  return TRUE;
}

/**
 * gx_points_statement_new:
 * @db: a connection
 * @membership_id: a membership
 * @from: the first day of the period
 * @to: the last day of the period
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the statement: the balance before @from, the entries
 *   of the period with their totals by kind, the balance after @to
 */
GxPointsStatement *
gx_points_statement_new (GxDb        *db,
                         const char  *membership_id,
                         const char  *from,
                         const char  *to,
                         GError     **error)
{
  g_autoptr(GPtrArray) entries = gx_points_load (db, membership_id, error);
  g_autoptr(GxPointsStatement) statement = NULL;

  if (entries == NULL)
    return NULL;

  if (g_strcmp0 (to, from) < 0)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "to", _("A period cannot end before it starts."));
      return NULL;
    }

  statement = g_new0 (GxPointsStatement, 1);
  g_strlcpy (statement->from, from, sizeof statement->from);
  g_strlcpy (statement->to, to, sizeof statement->to);
  statement->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_points_entry_free);

  for (guint i = 0; i < entries->len; i++)
    {
      GxPointsEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *day = gx_date_of (e->at);

      if (strcmp (day, from) < 0)
        {
          statement->opening += e->points;
          continue;
        }
      if (strcmp (day, to) > 0)
        continue;

      if (strcmp (e->kind, "earn") == 0)
        statement->earned += e->points;
      else if (strcmp (e->kind, "redeem") == 0)
        statement->redeemed += e->points;
      else if (strcmp (e->kind, "expire") == 0)
        statement->expired += e->points;
      else
        statement->adjusted += e->points;

      g_ptr_array_add (statement->entries, g_steal_pointer (&g_ptr_array_index (entries, i)));
    }

  statement->closing = statement->opening + statement->earned + statement->redeemed +
                       statement->expired + statement->adjusted;
  return g_steal_pointer (&statement);
}

/* Writing */

static gboolean
insert_entry (GxDb              *db,
              const char        *membership_id,
              const char        *kind,
              gint64             points,
              const char        *expires_on,
              const char        *source_kind,
              const char        *source_id,
              const char        *reward_id,
              const char        *reason,
              const GxWriteMeta *meta,
              char             **entry_id,
              GError           **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *id = gx_uuid_v7_new_at (meta->now * 1000);

  json_object_set_string_member (fields, "membership_id", membership_id);
  json_object_set_int_member (fields, "at", meta->now);
  json_object_set_string_member (fields, "kind", kind);
  json_object_set_int_member (fields, "points", points);
  if (expires_on != NULL)
    json_object_set_string_member (fields, "expires_on", expires_on);
  if (source_kind != NULL)
    json_object_set_string_member (fields, "source_kind", source_kind);
  if (source_id != NULL)
    json_object_set_string_member (fields, "source_id", source_id);
  if (reward_id != NULL)
    json_object_set_string_member (fields, "reward_id", reward_id);
  json_object_set_string_member (fields, "reason", reason ? reason : "");
  if (meta->user_id != NULL)
    json_object_set_string_member (fields, "user_id", meta->user_id);

  if (!gx_record_insert (db, "points_entry", id, fields, meta, error))
    return FALSE;

  if (entry_id != NULL)
    *entry_id = g_steal_pointer (&id);
  return TRUE;
}

/**
 * gx_points_book_expiries:
 * @db: the writer connection, inside a transaction
 * @membership_id: a membership
 * @meta: who, when (the day of @meta's time is "today")
 * @n_booked: (out) (optional): the entries written
 * @error: return location for a #GError
 *
 * Books an `expire` entry for each expiry date before today that still has points left.
 * Running it again books nothing more.
 */
gboolean
gx_points_book_expiries (GxDb               *db,
                         const char         *membership_id,
                         const GxWriteMeta  *meta,
                         guint              *n_booked,
                         GError            **error)
{
  g_autoptr(GPtrArray) entries = gx_points_load (db, membership_id, error);
  g_autoptr(GArray) lots = NULL;
  g_autoptr(GPtrArray) dates = g_ptr_array_new ();
  g_autofree char *today = gx_date_of (meta->now);
  guint booked = 0;

  if (n_booked != NULL)
    *n_booked = 0;
  if (entries == NULL)
    return FALSE;

  lots = gx_points_allocate (entries, NULL);
  for (guint i = 0; i < lots->len; i++)
    {
      const GxPointsLot *lot = &g_array_index (lots, GxPointsLot, i);

      if (lot->remaining > 0 && lot->expires_on != NULL && strcmp (lot->expires_on, today) < 0 &&
          !g_ptr_array_find_with_equal_func (dates, lot->expires_on, g_str_equal, NULL))
        g_ptr_array_add (dates, (gpointer) lot->expires_on);
    }

  for (guint i = 0; i < dates->len; i++)
    {
      const char *date = g_ptr_array_index (dates, i);
      gint64 left = 0;

      for (guint j = 0; j < lots->len; j++)
        {
          const GxPointsLot *lot = &g_array_index (lots, GxPointsLot, j);
          if (g_strcmp0 (lot->expires_on, date) == 0)
            left += lot->remaining;
        }

      if (!insert_entry (db, membership_id, "expire", -left, NULL, "expiry", date, NULL, "", meta, NULL, error))
        return FALSE;
      booked++;
    }

  if (n_booked != NULL)
    *n_booked = booked;
  return TRUE;
}

/**
 * gx_points_book_all_expiries:
 * @db: the writer connection, inside a transaction
 * @meta: who, when
 * @n_booked: (out) (optional): the entries written
 * @error: return location for a #GError
 *
 * Books the due expiries of every member who has credits past their date.
 */
gboolean
gx_points_book_all_expiries (GxDb               *db,
                             const GxWriteMeta  *meta,
                             guint              *n_booked,
                             GError            **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *today = gx_date_of (meta->now);
  sqlite3_stmt *stmt;
  guint total = 0;

  /* Only members with a credit past its date can have anything to book. */
  stmt = gx_db_prepare (db,
                        "SELECT DISTINCT membership_id FROM points_ledger"
                        " WHERE kind IN ('earn', 'adjust') AND expires_on IS NOT NULL AND expires_on < ?",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, gx_db_dup_column (stmt, 0));
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      guint n = 0;

      if (!gx_points_book_expiries (db, ids->pdata[i], meta, &n, error))
        return FALSE;
      total += n;
    }

  if (n_booked != NULL)
    *n_booked = total;
  return TRUE;
}

static char *
club_expiry_rule (GxDb       *db,
                  const char *membership_id)
{
  return gx_db_query_string (db,
                             "SELECT cl.points_expiry FROM memberships m JOIN clubs cl ON cl.id = m.club_id WHERE m.id = ?",
                             g_variant_new ("(s)", membership_id), NULL);
}

/**
 * gx_points_earn:
 * @db: the writer connection, inside a transaction
 * @membership_id: a membership
 * @points: the points, more than zero
 * @source_kind: (nullable): what earned them ("activity", "referral"); %NULL for a manual
 *   award, which needs @reason
 * @source_id: (nullable): the record that earned them; one award per source and member
 * @reason: (nullable): why
 * @meta: who, when
 * @entry_id: (out) (optional) (transfer full): the entry's id
 * @error: return location for a #GX_RECORD_ERROR naming the field at fault
 *
 * Credits points that expire by the club's rule.
 */
gboolean
gx_points_earn (GxDb               *db,
                const char         *membership_id,
                gint64              points,
                const char         *source_kind,
                const char         *source_id,
                const char         *reason,
                const GxWriteMeta  *meta,
                char              **entry_id,
                GError            **error)
{
  g_autofree char *rule = club_expiry_rule (db, membership_id);
  g_autofree char *today = gx_date_of (meta->now);
  g_autofree char *expires_on = gx_points_expiry_for (rule, today);

  return gx_points_book_expiries (db, membership_id, meta, NULL, error) &&
         insert_entry (db, membership_id, "earn", points, expires_on, source_kind, source_id, NULL,
                       reason, meta, entry_id, error);
}

/**
 * gx_points_redeem:
 * @db: the writer connection, inside a transaction
 * @membership_id: a membership
 * @points: the points spent, more than zero (for a reward: its cost)
 * @reward_id: (nullable): a listed reward; %NULL for a free-text redemption, which needs
 *   @reason
 * @reason: (nullable): what was redeemed
 * @meta: who, when
 * @entry_id: (out) (optional) (transfer full): the entry's id
 * @error: return location for a #GX_RECORD_ERROR; more than the available balance is refused
 *
 * Spends points, soonest-expiring first.
 */
gboolean
gx_points_redeem (GxDb               *db,
                  const char         *membership_id,
                  gint64              points,
                  const char         *reward_id,
                  const char         *reason,
                  const GxWriteMeta  *meta,
                  char              **entry_id,
                  GError            **error)
{
  if (points <= 0)
    {
      gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, "points", _("Points to redeem must be more than zero."));
      return FALSE;
    }

  return gx_points_book_expiries (db, membership_id, meta, NULL, error) &&
         insert_entry (db, membership_id, "redeem", -points, NULL, NULL, NULL, reward_id, reason,
                       meta, entry_id, error);
}

/**
 * gx_points_adjust:
 * @db: the writer connection, inside a transaction
 * @membership_id: a membership
 * @points: the correction, above or below zero
 * @reason: why (required)
 * @meta: who (a supervisor), when
 * @entry_id: (out) (optional) (transfer full): the entry's id
 * @error: return location for a #GX_RECORD_ERROR
 *
 * Corrects a balance by a new entry; only supervisors may. A credit expires by the club's rule
 * like earned points.
 */
gboolean
gx_points_adjust (GxDb               *db,
                  const char         *membership_id,
                  gint64              points,
                  const char         *reason,
                  const GxWriteMeta  *meta,
                  char              **entry_id,
                  GError            **error)
{
  g_autofree char *rule = club_expiry_rule (db, membership_id);
  g_autofree char *today = gx_date_of (meta->now);
  g_autofree char *expires_on = points > 0 ? gx_points_expiry_for (rule, today) : NULL;

  return gx_points_book_expiries (db, membership_id, meta, NULL, error) &&
         insert_entry (db, membership_id, "adjust", points, expires_on, NULL, NULL, NULL,
                       reason, meta, entry_id, error);
}

/* The rule */

static const char *
member_string (JsonObject *record,
               const char *name)
{
  JsonNode *node = json_object_get_member (record, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
blank (const char *text)
{
  for (const char *p = text; p && *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static gboolean
refuse (GError     **error,
        const char  *field,
        const char  *message)
{
  gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, field, message);
  return FALSE;
}

static gboolean
check_member_state (GxDb        *db,
                    const char  *membership_id,
                    const char  *kind,
                    const char  *day,
                    GError     **error)
{
  g_autoptr(GxMembership) m = gx_membership_load (db, membership_id, error);
  GxMembershipDates dates;
  GxMemberState state;

  if (m == NULL)
    return FALSE;
  gx_membership_get_dates (m, &dates);
  state = gx_membership_state (&dates, day, NULL);

  if (state == GX_MEMBER_STATE_CANCELLED && strcmp (kind, "earn") == 0)
    return refuse (error, "membership_id", _("A cancelled membership earns no points."));
  if (state == GX_MEMBER_STATE_APPLICANT && strcmp (kind, "earn") == 0)
    return refuse (error, "membership_id", _("An applicant earns points once the membership is approved."));
  if ((state == GX_MEMBER_STATE_CANCELLED || state == GX_MEMBER_STATE_SUSPENDED) && strcmp (kind, "redeem") == 0)
    return refuse (error, "membership_id", state == GX_MEMBER_STATE_CANCELLED
                                           ? _("A cancelled membership cannot redeem points.")
                                           : _("A suspended membership cannot redeem points."));
  return TRUE;
}

static gboolean
check_reward (GxDb        *db,
              const char  *membership_id,
              const char  *reward_id,
              gint64       points,
              GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE, active = FALSE;
  gint64 cost = 0;

  stmt = gx_db_prepare (db,
                        "SELECT r.points_cost, r.active FROM rewards r JOIN memberships m ON m.club_id = r.club_id"
                        " WHERE r.id = ? AND m.id = ?",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, reward_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, membership_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      cost = sqlite3_column_int64 (stmt, 0);
      active = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);

  if (!found)
    return refuse (error, "reward_id", _("This reward is not one of the member’s club."));
  if (!active)
    return refuse (error, "reward_id", _("This reward is no longer offered."));
  if (-points != cost)
    {
      g_autofree char *n = g_strdup_printf ("%'" G_GINT64_FORMAT, cost);
      g_autofree char *message = g_strdup_printf (_("This reward costs %s points."), n);
      return refuse (error, "points", message);
    }
  return TRUE;
}

/**
 * gx_points_rule:
 *
 * The #GxRuleFunc of `points_entry`, registered in gx-rules.c and so applied to every new
 * entry at the desk and to every pushed one on the server:
 *
 * - `earn` is above zero, for a membership that has joined and is not cancelled, with a source
 *   or a reason;
 * - `redeem` is below zero, names a reward of the club at its cost or says what was redeemed,
 *   is not for a suspended or cancelled membership, and never takes more than the points
 *   available on its day;
 * - `adjust` says why and is made by a supervisor (or an administrator); a negative one may
 *   not take the balance below zero either;
 * - `expire` books exactly what is left of the credits expiring on its date, once.
 */
gboolean
gx_points_rule (GxDb          *db,
                const GxKind  *kind,
                GxRuleOp       op,
                const char    *id,
                JsonObject    *record,
                JsonObject    *changes,
                GError       **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *day = NULL;
  g_autofree char *role = NULL;
  const char *membership_id, *entry_kind, *reason, *user_id, *reward_id, *source_kind, *source_id;
  gint64 points, at;

  if (op != GX_RULE_INSERT || record == NULL)
    return TRUE;

  membership_id = member_string (record, "membership_id");
  entry_kind = member_string (record, "kind");
  reason = member_string (record, "reason");
  user_id = member_string (record, "user_id");
  reward_id = member_string (record, "reward_id");
  source_kind = member_string (record, "source_kind");
  source_id = member_string (record, "source_id");
  points = json_object_get_int_member_with_default (record, "points", 0);
  at = json_object_get_int_member_with_default (record, "at", 0);
  if (membership_id == NULL || entry_kind == NULL)
    return TRUE;   /* the record layer reports the missing field */

  day = gx_date_of (at);

  if (strcmp (entry_kind, "earn") == 0 && points <= 0)
    return refuse (error, "points", _("Points to earn must be more than zero."));
  if ((strcmp (entry_kind, "redeem") == 0 || strcmp (entry_kind, "expire") == 0) && points >= 0)
    return refuse (error, "points", _("Points to redeem must be more than zero."));
  if (points == 0)
    return refuse (error, "points", _("An entry of zero points changes nothing."));

  if (strcmp (entry_kind, "earn") == 0 && source_kind == NULL && blank (reason))
    return refuse (error, "reason", _("Say why the points are awarded."));
  if (strcmp (entry_kind, "redeem") == 0 && reward_id == NULL && blank (reason))
    return refuse (error, "reason", _("Say what the points are redeemed for."));
  if (strcmp (entry_kind, "adjust") == 0)
    {
      if (blank (reason))
        return refuse (error, "reason", _("An adjustment needs a reason."));
      if (user_id != NULL)
        role = gx_db_query_string (db, "SELECT role FROM users WHERE id = ?", g_variant_new ("(s)", user_id), NULL);
      if (g_strcmp0 (role, "supervisor") != 0 && g_strcmp0 (role, "admin") != 0)
        return refuse (error, "user_id", _("Only a supervisor may adjust points."));
    }

  /* One award per source and member; the unique index says so too, in fewer words. */
  if (strcmp (entry_kind, "earn") == 0 && source_kind != NULL && source_id != NULL &&
      gx_db_query_int (db,
                       "SELECT count(*) FROM points_ledger WHERE membership_id = ? AND kind = 'earn'"
                       " AND source_kind = ? AND source_id = ?",
                       g_variant_new ("(sss)", membership_id, source_kind, source_id), 0, NULL) > 0)
    return refuse (error, "source_id", _("These points were awarded to the member already."));

  /* Referral points go to the member who introduced the new one, of the same club. */
  if (strcmp (entry_kind, "earn") == 0 && g_strcmp0 (source_kind, "referral") == 0 &&
      gx_db_query_int (db,
                       "SELECT count(*) FROM memberships n JOIN memberships m ON m.club_id = n.club_id"
                       " WHERE n.id = ? AND m.id = ? AND n.sponsor_id = m.customer_id",
                       g_variant_new ("(ss)", source_id ? source_id : "", membership_id), 0, NULL) == 0)
    return refuse (error, "source_id", _("Referral points go to the member who introduced the new member."));

  if (strcmp (entry_kind, "earn") == 0 || strcmp (entry_kind, "redeem") == 0)
    if (!check_member_state (db, membership_id, entry_kind, day, error))
      return FALSE;
  if (reward_id != NULL && strcmp (entry_kind, "redeem") == 0 &&
      !check_reward (db, membership_id, reward_id, points, error))
    return FALSE;

  entries = gx_points_load (db, membership_id, error);
  if (entries == NULL)
    return FALSE;

  if (strcmp (entry_kind, "expire") == 0)
    {
      g_autoptr(GArray) lots = gx_points_allocate (entries, NULL);
      gint64 left = 0;

      if (g_strcmp0 (source_kind, "expiry") != 0 || source_id == NULL || strcmp (source_id, day) >= 0)
        return refuse (error, "source_id", _("Points expire only after their expiry date."));
      for (guint i = 0; i < lots->len; i++)
        {
          const GxPointsLot *lot = &g_array_index (lots, GxPointsLot, i);
          if (g_strcmp0 (lot->expires_on, source_id) == 0)
            left += lot->remaining;
        }
      if (left == 0)
        return refuse (error, "points", _("These points have expired already."));
      if (-points != left)
        return refuse (error, "points", _("An expiry takes exactly the points left of that date."));
      return TRUE;
    }

  if (points < 0)
    {
      GxPointsSummary summary;

      gx_points_summarize (entries, day, 0, &summary);
      if (-points > summary.available)
        {
          g_autofree char *available = g_strdup_printf ("%'" G_GINT64_FORMAT, MAX (summary.available, 0));
          g_autofree char *asked = g_strdup_printf ("%'" G_GINT64_FORMAT, -points);
          /* Translators: "Only 1,200 points are available; 1,500 cannot be redeemed." */
          g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "Only %s point is available; %s cannot be taken.",
                                                                   "Only %s points are available; %s cannot be taken.",
                                                                   (gulong) MAX (summary.available, 0)),
                                                      available, asked);
          return refuse (error, "points", message);
        }
    }

  return TRUE;
}
