/* gx-visibility.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-visibility"

#include "config.h"

#include <string.h>

#include "gx-enums.h"
#include "gx-visibility.h"

/* The rules of DOMAIN.md ("ordinary staff may not read confidential profiles; top secret is
 * for the owner and supervisors") as plain functions over values. The server applies them to
 * every record it sends and every mutation it accepts — through the SQL function
 * gx_can_see() in its queries, so the rule is written once — and the tests check them alone.
 *
 *                  ordinary   secret     confidential   top secret
 *   desk           all        own        —              —
 *   relationship   all        own        own            own
 *   supervisor     all        all        all            all
 *   admin          all        —          —              —
 *
 * "Own" means the user is the customer's owner (customers.owner_id). Admins manage users and
 * reference data; they are not readers of protected profiles. */

/**
 * gx_visibility_can_see:
 * @role: the user's role
 * @user_id: (nullable): the user's id
 * @level: the customer's confidentiality
 * @owner_id: (nullable): the customer's owner
 *
 * Returns: %TRUE when a user in @role may see a customer of @level owned by @owner_id, and
 *   everything that belongs to that customer
 */
gboolean
gx_visibility_can_see (GxRole             role,
                       const char        *user_id,
                       GxConfidentiality  level,
                       const char        *owner_id)
{
  gboolean own = user_id != NULL && owner_id != NULL && strcmp (user_id, owner_id) == 0;

  if (level == GX_CONFIDENTIALITY_ORDINARY)
    return TRUE;

  switch (role)
    {
    case GX_ROLE_SUPERVISOR:
      return TRUE;
    case GX_ROLE_RELATIONSHIP:
      return own;
    case GX_ROLE_DESK:
      return own && level == GX_CONFIDENTIALITY_SECRET;
    case GX_ROLE_ADMIN:
    default:
      return FALSE;
    }
}

/**
 * gx_visibility_can_see_codes:
 * @role: a role code ("desk", …)
 * @user_id: (nullable): the user's id
 * @level: (nullable): a confidentiality code; %NULL counts as ordinary
 * @owner_id: (nullable): the customer's owner
 *
 * gx_visibility_can_see() over the codes stored in the database. An unknown role sees only
 * ordinary customers; an unknown level is treated as top secret.
 */
gboolean
gx_visibility_can_see_codes (const char *role,
                             const char *user_id,
                             const char *level,
                             const char *owner_id)
{
  GxConfidentiality confidentiality = GX_CONFIDENTIALITY_ORDINARY;
  GxRole user_role = GX_ROLE_ADMIN;   /* the role that sees the least */

  if (role != NULL && gx_vocab_contains (GX_VOCAB_ROLE, role))
    user_role = gx_role_from_code (role);

  if (level != NULL)
    confidentiality = gx_vocab_contains (GX_VOCAB_CONFIDENTIALITY, level)
                      ? gx_confidentiality_from_code (level) : GX_CONFIDENTIALITY_TOP_SECRET;

  return gx_visibility_can_see (user_role, user_id, confidentiality, owner_id);
}

/**
 * gx_visibility_is_registered:
 * @level: a confidentiality level
 *
 * Returns: %TRUE when every read of a profile of @level goes to the access register and the
 *   server's audit log (secret and above)
 */
gboolean
gx_visibility_is_registered (GxConfidentiality level)
{
  return level >= GX_CONFIDENTIALITY_SECRET;
}

/* Who may create, change and delete records of kinds that belong to no customer. Records
 * that belong to a customer may be written by whoever may see that customer. */
static const struct {
  const char *kind;
  guint       roles;   /* bit per GxRole */
} kind_writers[] = {
#define R(role) (1u << (role))
  { "user", R (GX_ROLE_ADMIN) },
  { "tier", R (GX_ROLE_ADMIN) | R (GX_ROLE_SUPERVISOR) },
  { "case_category", R (GX_ROLE_ADMIN) | R (GX_ROLE_SUPERVISOR) },
  { "work_calendar", R (GX_ROLE_ADMIN) | R (GX_ROLE_SUPERVISOR) },
  { "calendar_day", R (GX_ROLE_ADMIN) | R (GX_ROLE_SUPERVISOR) },
  { "sla_policy", R (GX_ROLE_ADMIN) | R (GX_ROLE_SUPERVISOR) },
  { "service_factor", R (GX_ROLE_ADMIN) | R (GX_ROLE_SUPERVISOR) },
  { "lesson", R (GX_ROLE_SUPERVISOR) },
  { "customer_filter", R (GX_ROLE_DESK) | R (GX_ROLE_RELATIONSHIP) | R (GX_ROLE_SUPERVISOR) },
  { "club", R (GX_ROLE_RELATIONSHIP) | R (GX_ROLE_SUPERVISOR) },
  { "circle", R (GX_ROLE_RELATIONSHIP) | R (GX_ROLE_SUPERVISOR) },
  { "club_tier", R (GX_ROLE_RELATIONSHIP) | R (GX_ROLE_SUPERVISOR) },
  { "tier_right", R (GX_ROLE_RELATIONSHIP) | R (GX_ROLE_SUPERVISOR) },
  { "reward", R (GX_ROLE_RELATIONSHIP) | R (GX_ROLE_SUPERVISOR) },
  { "activity_plan", R (GX_ROLE_RELATIONSHIP) | R (GX_ROLE_SUPERVISOR) },
  { "activity", R (GX_ROLE_RELATIONSHIP) | R (GX_ROLE_SUPERVISOR) },
  { "activity_staff", R (GX_ROLE_RELATIONSHIP) | R (GX_ROLE_SUPERVISOR) },
  { "activity_evaluation", R (GX_ROLE_RELATIONSHIP) | R (GX_ROLE_SUPERVISOR) },
  { "activity_partner", R (GX_ROLE_RELATIONSHIP) | R (GX_ROLE_SUPERVISOR) },
#undef R
};

/**
 * gx_visibility_may_write_kind:
 * @role: the user's role
 * @kind: a kind's name
 *
 * Returns: %TRUE when a user in @role may push records of @kind at all. For kinds that
 *   belong to a customer this is always %TRUE here; whether the user may see that customer
 *   is decided per record with gx_visibility_can_see().
 */
gboolean
gx_visibility_may_write_kind (GxRole      role,
                              const char *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kind_writers); i++)
    if (strcmp (kind_writers[i].kind, kind) == 0)
      return (kind_writers[i].roles & (1u << role)) != 0;

  /* Admins keep the system, not the customers' files. */
  return role != GX_ROLE_ADMIN;
}

/**
 * gx_visibility_may_set_level:
 * @role: the user's role
 * @level: the confidentiality a customer is given
 *
 * A desk may mark a customer secret but no higher; relationship managers and supervisors
 * may set any level.
 */
gboolean
gx_visibility_may_set_level (GxRole            role,
                             GxConfidentiality level)
{
  switch (role)
    {
    case GX_ROLE_SUPERVISOR:
    case GX_ROLE_RELATIONSHIP:
      return TRUE;
    case GX_ROLE_DESK:
      return level <= GX_CONFIDENTIALITY_SECRET;
    case GX_ROLE_ADMIN:
    default:
      return level == GX_CONFIDENTIALITY_ORDINARY;
    }
}

/**
 * gx_visibility_may_read_audit:
 * @role: the user's role
 *
 * Returns: %TRUE for supervisors, who review the access register
 */
gboolean
gx_visibility_may_read_audit (GxRole role)
{
  return role == GX_ROLE_SUPERVISOR;
}

/**
 * gx_visibility_may_erase:
 * @role: the user's role
 *
 * Erasing a person's data on request cannot be undone: supervisors do it, who also review
 * the registers. The desk offers it only to them, and the server refuses an erasure
 * (`erased_at`) pushed by anyone else.
 *
 * Returns: %TRUE when @role may erase a customer's personal data
 */
gboolean
gx_visibility_may_erase (GxRole role)
{
  return role == GX_ROLE_SUPERVISOR;
}

/* SQL: gx_can_see(role, user_id, level, owner_id) → 0 or 1 */
static void
can_see_sql (sqlite3_context  *context,
             int               argc,
             sqlite3_value   **argv)
{
  g_assert (argc == 4);

  sqlite3_result_int (context,
                      gx_visibility_can_see_codes ((const char *) sqlite3_value_text (argv[0]),
                                                   (const char *) sqlite3_value_text (argv[1]),
                                                   (const char *) sqlite3_value_text (argv[2]),
                                                   (const char *) sqlite3_value_text (argv[3])));
}

/**
 * gx_visibility_register_sql:
 * @db: an SQLite connection
 *
 * Adds the SQL function `gx_can_see(role, user_id, level, owner_id)` to @db, so queries
 * filter with the same rule as gx_visibility_can_see(). Its signature fits
 * sqlite3_auto_extension(), which registers it on every connection a process opens.
 *
 * Returns: an SQLite result code
 */
int
gx_visibility_register_sql (sqlite3 *db)
{
  return sqlite3_create_function (db, "gx_can_see", 4,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, can_see_sql, NULL, NULL);
}

/**
 * gx_merge_is_conflict:
 * @base_version: the version of the record the desk's change was based on
 * @desk: (nullable): the desk (user and device) that pushes the change
 * @field_version: the version of the field's last change on the server (0: never changed)
 * @field_desk: (nullable): the desk that made that change
 *
 * Field-level merge: a pushed change of a field conflicts when another desk changed the same
 * field after the version the change was based on. Changes of other fields merge, and a
 * desk's own successive edits never conflict with each other.
 *
 * Returns: %TRUE when the change must not be applied without the user's decision
 */
gboolean
gx_merge_is_conflict (gint64      base_version,
                      const char *desk,
                      gint64      field_version,
                      const char *field_desk)
{
  if (field_version <= base_version)
    return FALSE;

  return desk == NULL || field_desk == NULL || strcmp (desk, field_desk) != 0;
}
