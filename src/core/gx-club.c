/* gx-club.c: a club's rights and quotas, tier review, the monthly count of new members
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-club"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gx-club.h"
#include "gx-csv.h"
#include "gx-enums.h"
#include "gx-membership.h"
#include "gx-points.h"
#include "gx-uuid.h"

static gboolean
refuse (GError     **error,
        const char  *field,
        const char  *message)
{
  gx_record_set_field_error (error, GX_RECORD_ERROR_INVALID, field, message);
  return FALSE;
}

static const char *
member_string (JsonObject *record,
               const char *name)
{
  JsonNode *node = json_object_get_member (record, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Rights and quotas */

void
gx_right_usage_free (GxRightUsage *usage)
{
  if (usage == NULL)
    return;

  g_free (usage->right_id);
  g_free (usage->name);
  g_free (usage->description);
  g_free (usage);
}

/**
 * gx_rights_for_membership:
 * @db: a connection
 * @membership_id: a membership
 * @year: the calendar year quotas count in
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type GxRightUsage): the rights of the member's tier as
 *   the handbook lists them, with their use in @year
 */
GPtrArray *
gx_rights_for_membership (GxDb        *db,
                          const char  *membership_id,
                          int          year,
                          GError     **error)
{
  g_autoptr(GPtrArray) rights = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_right_usage_free);
  g_autofree char *first = g_strdup_printf ("%04d-01-01", year);
  g_autofree char *last = g_strdup_printf ("%04d-12-31", year);
  sqlite3_stmt *stmt;
  int rc;

  stmt = gx_db_prepare (db,
                        "SELECT r.id, r.name, r.description, coalesce (r.yearly_quota, 0),"
                        "       (SELECT count(*) FROM right_uses u WHERE u.membership_id = m.id AND u.right_id = r.id"
                        "           AND u.used_on BETWEEN ?2 AND ?3)"
                        "  FROM memberships m JOIN tier_rights r ON r.tier_id = m.tier_id"
                        " WHERE m.id = ?1 ORDER BY r.rowid",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, membership_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, last, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GxRightUsage *usage = g_new0 (GxRightUsage, 1);

      usage->right_id = gx_db_dup_column (stmt, 0);
      usage->name = gx_db_dup_column (stmt, 1);
      usage->description = gx_db_dup_column (stmt, 2);
      usage->quota = sqlite3_column_int (stmt, 3);
      usage->used = sqlite3_column_int (stmt, 4);
      g_ptr_array_add (rights, usage);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "tier_rights");
      return NULL;
    }
  return g_steal_pointer (&rights);
}

/**
 * gx_right_use:
 * @db: the writer connection, inside a transaction
 * @membership_id: a membership
 * @right_id: a right of the member's tier
 * @used_on: the day of the use
 * @note: (nullable): what it was
 * @meta: who records it, when
 * @use_id: (out) (optional) (transfer full): the use's id
 * @error: return location for a #GX_RECORD_ERROR; a use past the yearly quota is refused
 */
gboolean
gx_right_use (GxDb               *db,
              const char         *membership_id,
              const char         *right_id,
              const char         *used_on,
              const char         *note,
              const GxWriteMeta  *meta,
              char              **use_id,
              GError            **error)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *id = gx_uuid_v7_new_at (meta->now * 1000);

  json_object_set_string_member (fields, "membership_id", membership_id);
  json_object_set_string_member (fields, "right_id", right_id);
  json_object_set_string_member (fields, "used_on", used_on);
  json_object_set_string_member (fields, "note", note ? note : "");
  if (meta->user_id != NULL)
    json_object_set_string_member (fields, "user_id", meta->user_id);
  if (!gx_record_insert (db, "right_use", id, fields, meta, error))
    return FALSE;

  if (use_id != NULL)
    *use_id = g_steal_pointer (&id);
  return TRUE;
}

/**
 * gx_right_use_rule:
 *
 * The #GxRuleFunc of `right_use`: the right is one of the member's tier, the member is
 * active or in grace on the day, and the uses of the calendar year stay within the quota —
 * on the server too, so two desks recording the last lounge visit offline cannot both have
 * it.
 */
gboolean
gx_right_use_rule (GxDb          *db,
                   const GxKind  *kind,
                   GxRuleOp       op,
                   const char    *id,
                   JsonObject    *record,
                   JsonObject    *changes,
                   GError       **error)
{
  g_autoptr(GxMembership) m = NULL;
  const char *membership_id, *right_id, *used_on;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  GxMembershipDates dates;
  GxMemberState state;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int quota = 0;
  gint64 used;

  if (op != GX_RULE_INSERT || record == NULL)
    return TRUE;

  membership_id = member_string (record, "membership_id");
  right_id = member_string (record, "right_id");
  used_on = member_string (record, "used_on");
  if (membership_id == NULL || right_id == NULL || used_on == NULL)
    return TRUE;

  m = gx_membership_load (db, membership_id, error);
  if (m == NULL)
    return FALSE;

  stmt = gx_db_prepare (db, "SELECT coalesce (yearly_quota, 0) FROM tier_rights WHERE id = ? AND tier_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, right_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, m->tier_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      quota = sqlite3_column_int (stmt, 0);
    }
  sqlite3_reset (stmt);
  if (!found)
    return refuse (error, "right_id", _("This right is not one of the member’s tier."));

  gx_membership_get_dates (m, &dates);
  state = gx_membership_state (&dates, used_on, NULL);
  if (state != GX_MEMBER_STATE_ACTIVE && state != GX_MEMBER_STATE_GRACE)
    return refuse (error, "membership_id", _("Rights are used while the membership is active."));

  if (quota == 0)
    return TRUE;

  first = g_strdup_printf ("%.4s-01-01", used_on);
  last = g_strdup_printf ("%.4s-12-31", used_on);
  used = gx_db_query_int (db,
                          "SELECT count(*) FROM right_uses WHERE membership_id = ? AND right_id = ? AND used_on BETWEEN ? AND ?",
                          g_variant_new ("(ssss)", membership_id, right_id, first, last), 0, NULL);
  if (used >= quota)
    {
      /* Translators: "All 4 uses of 2026 are taken." */
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "The quota is used up: %d use a year, taken in %.4s.",
                                                               "The quota is used up: all %d uses of %.4s are taken.",
                                                               (gulong) quota),
                                                  quota, used_on);
      return refuse (error, "right_id", message);
    }

  return TRUE;
}

/* Tier qualification and review */

static int
assets_rank (const char *band)
{
  return band ? gx_vocab_index (GX_VOCAB_ASSETS_BAND, band) : -1;
}

/**
 * gx_tier_qualify:
 * @tiers: (array length=n_tiers): a club's tiers
 * @n_tiers: their number
 * @points: points the member earned in the review period
 * @assets_band: (nullable): the member's assets band
 *
 * A member qualifies for a tier with both its points and, where it names one, at least its
 * assets band.
 *
 * Returns: the index of the highest-ranked tier qualified for, -1 when none
 */
int
gx_tier_qualify (const GxTierRule *tiers,
                 guint             n_tiers,
                 gint64            points,
                 const char       *assets_band)
{
  int best = -1;

  for (guint i = 0; i < n_tiers; i++)
    {
      if (points < tiers[i].qualify_points)
        continue;
      if (tiers[i].qualify_assets != NULL && *tiers[i].qualify_assets != '\0' &&
          assets_rank (assets_band) < assets_rank (tiers[i].qualify_assets))
        continue;
      if (best < 0 || tiers[i].rank > tiers[best].rank)
        best = (int) i;
    }

  return best;
}

void
gx_tier_proposal_free (GxTierProposal *p)
{
  if (p == NULL)
    return;

  g_free (p->membership_id);
  g_free (p->member_number);
  g_free (p->name);
  g_free (p->from_tier_id);
  g_free (p->from_tier_name);
  g_free (p->to_tier_id);
  g_free (p->to_tier_name);
  g_free (p->assets_band);
  g_free (p);
}

/**
 * gx_tier_review_period:
 * @today: the day of the review
 * @from: (out) (transfer full): the first day of the period reviewed
 * @to: (out) (transfer full): its last day, @today
 *
 * A review looks at the twelve months up to and including @today.
 */
void
gx_tier_review_period (const char  *today,
                       char       **from,
                       char       **to)
{
  g_autofree char *year_ago = NULL;
  int y = (int) g_ascii_strtoll (today, NULL, 10);

  year_ago = g_strdup_printf ("%04d%s", y - 1, today + 4);
  /* 29 February a year ago does not exist: the period then starts on 1 March. */
  if (g_str_has_suffix (year_ago, "-02-29") && !g_date_valid_dmy (29, 2, y - 1))
    *from = g_strdup_printf ("%04d-03-01", y - 1);
  else
    *from = gx_date_add_days (year_ago, 1);
  *to = g_strdup (today);
}

typedef struct
{
  char   *id;
  char   *name;   /* the label shown: translated for the seeded codes */
  int     rank;
  gint64  qualify_points;
  char   *qualify_assets;
} TierRow;

static void
tier_row_clear (TierRow *row)
{
  g_free (row->id);
  g_free (row->name);
  g_free (row->qualify_assets);
}

/* Day boundaries of the club's calendar (UTC+8) as Unix times. */
static gint64
day_start (const char *iso)
{
  int y = 0, m = 0, d = 0;

  sscanf (iso, "%4d-%2d-%2d", &y, &m, &d);
  {
    g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
    g_autoptr(GDateTime) dt = g_date_time_new (tz, y, m, d, 0, 0, 0);
    return dt ? g_date_time_to_unix (dt) : 0;
  }
}

/**
 * gx_tier_review:
 * @db: a connection
 * @club_id: a club
 * @today: the day of the review
 * @error: return location for a #GError
 *
 * Finds who qualifies for another tier: every active or grace member of @club_id whose points
 * earned in the review period (gx_tier_review_period()) and assets band reach a higher tier,
 * or no longer reach their own. Nothing is changed; gx_tier_review_apply() applies what the
 * relationship manager confirms.
 *
 * Returns: (transfer full) (element-type GxTierProposal): the proposals, upgrades first
 */
GPtrArray *
gx_tier_review (GxDb        *db,
                const char  *club_id,
                const char  *today,
                GError     **error)
{
  g_autoptr(GArray) tiers = g_array_new (FALSE, TRUE, sizeof (TierRow));
  g_autoptr(GArray) rules = g_array_new (FALSE, TRUE, sizeof (GxTierRule));
  g_autoptr(GPtrArray) proposals = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_tier_proposal_free);
  g_autoptr(GPtrArray) upgrades = g_ptr_array_new ();
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *after_to = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (tiers, (GDestroyNotify) tier_row_clear);
  gx_tier_review_period (today, &from, &to);
  after_to = gx_date_add_days (to, 1);

  stmt = gx_db_prepare (db,
                        "SELECT id, name, rank, qualify_points, qualify_assets, code FROM club_tiers WHERE club_id = ? ORDER BY rank",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, club_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TierRow row = {
        gx_db_dup_column (stmt, 0), gx_tier_label (gx_db_column_text (stmt, 5), gx_db_column_text (stmt, 1)),
        sqlite3_column_int (stmt, 2), sqlite3_column_int64 (stmt, 3), gx_db_dup_column (stmt, 4),
      };
      g_array_append_val (tiers, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "club_tiers");
      return NULL;
    }
  for (guint i = 0; i < tiers->len; i++)
    {
      TierRow *row = &g_array_index (tiers, TierRow, i);
      GxTierRule rule = { row->id, row->rank, row->qualify_points, row->qualify_assets };
      g_array_append_val (rules, rule);
    }

  stmt = gx_db_prepare (db,
                        "SELECT m.id, m.member_number, c.name, m.tier_id, c.assets_band,"
                        "       (SELECT coalesce (sum (p.points), 0) FROM points_ledger p"
                        "         WHERE p.membership_id = m.id AND p.kind = 'earn' AND p.at >= ?3 AND p.at < ?4)"
                        "  FROM memberships m JOIN club_tiers ct ON ct.id = m.tier_id"
                        "  JOIN customers c ON c.id = m.customer_id"
                        " WHERE m.club_id = ?1 AND " GX_MEMBER_STATE_SQL ("?2") " IN ('active', 'grace')"
                        " ORDER BY c.sort_key",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, club_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, day_start (from));
  sqlite3_bind_int64 (stmt, 4, day_start (after_to));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *tier_id = gx_db_column_text (stmt, 3);
      const char *assets = gx_db_column_text (stmt, 4);
      gint64 points = sqlite3_column_int64 (stmt, 5);
      int target = gx_tier_qualify ((GxTierRule *) (gpointer) rules->data, rules->len, points, assets);
      TierRow *current = NULL, *next;
      GxTierProposal *p;

      for (guint i = 0; i < tiers->len; i++)
        if (g_strcmp0 (g_array_index (tiers, TierRow, i).id, tier_id) == 0)
          current = &g_array_index (tiers, TierRow, i);
      if (target < 0 || current == NULL)
        continue;
      next = &g_array_index (tiers, TierRow, target);
      if (next->rank == current->rank)
        continue;

      p = g_new0 (GxTierProposal, 1);
      p->membership_id = gx_db_dup_column (stmt, 0);
      p->member_number = gx_db_dup_column (stmt, 1);
      p->name = gx_db_dup_column (stmt, 2);
      p->from_tier_id = g_strdup (current->id);
      p->from_tier_name = g_strdup (current->name);
      p->to_tier_id = g_strdup (next->id);
      p->to_tier_name = g_strdup (next->name);
      p->points = points;
      p->assets_band = g_strdup (assets);
      p->upgrade = next->rank > current->rank;
      g_ptr_array_add (p->upgrade ? upgrades : proposals, p);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "memberships");
      g_ptr_array_set_free_func (upgrades, (GDestroyNotify) gx_tier_proposal_free);
      return NULL;
    }

  /* Upgrades first, each group in name order. */
  for (guint i = upgrades->len; i > 0; i--)
    g_ptr_array_insert (proposals, 0, g_ptr_array_index (upgrades, i - 1));

  return g_steal_pointer (&proposals);
}

/**
 * gx_tier_review_apply:
 * @db: the writer connection, inside a transaction
 * @proposals: (element-type GxTierProposal): the confirmed proposals
 * @today: the day of the review
 * @meta: who confirmed, when
 * @error: return location for a #GError
 *
 * Moves each member to the proposed tier and logs what qualified them, in one transaction.
 */
gboolean
gx_tier_review_apply (GxDb               *db,
                      GPtrArray          *proposals,
                      const char         *today,
                      const GxWriteMeta  *meta,
                      GError            **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  gx_tier_review_period (today, &from, &to);

  for (guint i = 0; i < proposals->len; i++)
    {
      GxTierProposal *p = g_ptr_array_index (proposals, i);
      /* The log keeps the facts, in no language: the period and the points earned in it. */
      g_autofree char *note = g_strdup_printf ("review %s – %s: %" G_GINT64_FORMAT " points%s%s",
                                               from, to, p->points,
                                               p->assets_band ? ", " : "", p->assets_band ? p->assets_band : "");

      if (!gx_membership_change_tier (db, p->membership_id, p->to_tier_id, note, meta, error))
        return FALSE;
    }

  return TRUE;
}

/* New members per month */

/**
 * gx_club_monthly_joins:
 * @db: a connection
 * @club_id: (nullable): a club; %NULL for all clubs
 * @year: the year
 * @counts: (out caller-allocates): new members in each month, January first
 * @error: return location for a #GError
 *
 * The count the club office reports at the end of each month: members whose first join fell
 * in the month (a rejoin keeps its first date and is not counted again).
 */
gboolean
gx_club_monthly_joins (GxDb        *db,
                       const char  *club_id,
                       int          year,
                       int          counts[12],
                       GError     **error)
{
  g_autofree char *first = g_strdup_printf ("%04d-01-01", year);
  g_autofree char *last = g_strdup_printf ("%04d-12-31", year);
  sqlite3_stmt *stmt;
  int rc;

  memset (counts, 0, 12 * sizeof (int));
  stmt = gx_db_prepare (db,
                        "SELECT CAST (substr (joined_on, 6, 2) AS INTEGER), count(*) FROM memberships"
                        " WHERE (?1 IS NULL OR club_id = ?1) AND joined_on BETWEEN ?2 AND ?3 GROUP BY 1",
                        error);
  if (stmt == NULL)
    return FALSE;
  if (club_id != NULL)
    sqlite3_bind_text (stmt, 1, club_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, last, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int month = sqlite3_column_int (stmt, 0);
      if (month >= 1 && month <= 12)
        counts[month - 1] = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return gx_db_set_error (db, error, "memberships");
  return TRUE;
}

/**
 * gx_club_joins_csv:
 * @db: a connection
 * @year: the year
 * @error: return location for a #GError
 *
 * The monthly counts of new members of every club, as a spreadsheet opens it (GxCsvWriter:
 * UTF-8 with a byte-order mark, CRLF line ends): one row per month (YYYY-MM), one column per
 * club, and a total row and column.
 *
 * Returns: (transfer full) (nullable): the CSV text
 */
char *
gx_club_joins_csv (GxDb    *db,
                   int      year,
                   GError **error)
{
  g_autoptr(GxCsvWriter) csv = gx_csv_writer_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (int) * 12);
  sqlite3_stmt *stmt;
  int grand = 0;

  stmt = gx_db_prepare (db, "SELECT id, name FROM clubs ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (ids, gx_db_dup_column (stmt, 0));
      g_ptr_array_add (names, gx_db_dup_column (stmt, 1));
    }
  sqlite3_reset (stmt);

  g_array_set_size (counts, ids->len);
  for (guint c = 0; c < ids->len; c++)
    if (!gx_club_monthly_joins (db, ids->pdata[c], year, (int *) (gpointer) (counts->data + c * sizeof (int) * 12), error))
      return NULL;

  gx_csv_writer_add_text (csv, _("Month"));
  for (guint c = 0; c < names->len; c++)
    gx_csv_writer_add_text (csv, names->pdata[c]);
  gx_csv_writer_add_text (csv, _("Total"));
  gx_csv_writer_end_row (csv);

  for (int month = 0; month < 12; month++)
    {
      g_autofree char *label = g_strdup_printf ("%04d-%02d", year, month + 1);
      int row_total = 0;

      gx_csv_writer_add_text (csv, label);
      for (guint c = 0; c < ids->len; c++)
        {
          int n = ((int *) (gpointer) (counts->data + c * sizeof (int) * 12))[month];
          gx_csv_writer_add_int (csv, n);
          row_total += n;
        }
      gx_csv_writer_add_int (csv, row_total);
      gx_csv_writer_end_row (csv);
      grand += row_total;
    }

  gx_csv_writer_add_text (csv, _("Total"));
  for (guint c = 0; c < ids->len; c++)
    {
      int sum = 0;
      for (int month = 0; month < 12; month++)
        sum += ((int *) (gpointer) (counts->data + c * sizeof (int) * 12))[month];
      gx_csv_writer_add_int (csv, sum);
    }
  gx_csv_writer_add_int (csv, grand);
  gx_csv_writer_end_row (csv);

  return gx_csv_writer_free_to_string (g_steal_pointer (&csv), NULL);
}

/* Reference data rules */

static gboolean
prefix_is_valid (const char *prefix)
{
  gsize len = prefix ? strlen (prefix) : 0;

  if (len < 1 || len > 6)
    return FALSE;
  for (const char *p = prefix; *p; p++)
    if (!g_ascii_isupper (*p) && !g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
blank (const char *text)
{
  for (const char *p = text; p && *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/**
 * gx_club_rule:
 *
 * The #GxRuleFunc of clubs, their tiers, rights and rewards: names are given, a member-number
 * prefix is 1–6 capital letters or digits (the number's parts are separated by hyphens), the
 * expiry rule and assets band are known ones, and nothing members still hold is deleted.
 */
gboolean
gx_club_rule (GxDb          *db,
              const GxKind  *kind,
              GxRuleOp       op,
              const char    *id,
              JsonObject    *record,
              JsonObject    *changes,
              GError       **error)
{
  if (op == GX_RULE_DELETE)
    {
      if (strcmp (kind->name, "club_tier") == 0 &&
          gx_db_query_int (db, "SELECT count(*) FROM memberships WHERE tier_id = ?", g_variant_new ("(s)", id), 0, NULL) > 0)
        return refuse (error, "id", _("Members hold this tier; move them to another tier first."));
      if (strcmp (kind->name, "club") == 0 &&
          gx_db_query_int (db, "SELECT count(*) FROM memberships WHERE club_id = ?", g_variant_new ("(s)", id), 0, NULL) > 0)
        return refuse (error, "id", _("This club has members and cannot be deleted."));
      if (strcmp (kind->name, "reward") == 0 &&
          gx_db_query_int (db, "SELECT count(*) FROM points_ledger WHERE reward_id = ?", g_variant_new ("(s)", id), 0, NULL) > 0)
        return refuse (error, "id", _("This reward was redeemed; stop offering it instead of deleting it."));
      if (strcmp (kind->name, "tier_right") == 0 &&
          gx_db_query_int (db, "SELECT count(*) FROM right_uses WHERE right_id = ?", g_variant_new ("(s)", id), 0, NULL) > 0)
        return refuse (error, "id", _("This right was used; its uses keep it in the handbook."));
      return TRUE;
    }

  if (record == NULL)
    return TRUE;

  if (json_object_has_member (record, "name") && blank (member_string (record, "name")))
    return refuse (error, "name", _("A name is required."));

  if (strcmp (kind->name, "club") == 0)
    {
      if (json_object_has_member (record, "number_prefix") && !prefix_is_valid (member_string (record, "number_prefix")))
        return refuse (error, "number_prefix", _("A member-number prefix is 1 to 6 capital letters or digits."));
      if (json_object_has_member (record, "points_expiry") &&
          !gx_points_expiry_rule_is_valid (member_string (record, "points_expiry")))
        return refuse (error, "points_expiry", _("Not a known points expiry rule."));
    }
  else if (strcmp (kind->name, "club_tier") == 0)
    {
      const char *assets = member_string (record, "qualify_assets");

      if (assets != NULL && *assets != '\0' && !gx_vocab_contains (GX_VOCAB_ASSETS_BAND, assets))
        return refuse (error, "qualify_assets", _("Not a known assets band."));
      if (json_object_get_int_member_with_default (record, "qualify_points", 0) < 0)
        return refuse (error, "qualify_points", _("Points to qualify cannot be below zero."));
    }

  return TRUE;
}
