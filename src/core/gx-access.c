/* gx-access.c: the confidentiality rules of the archive, as pure functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-access"

#include "config.h"

#include <string.h>

#include "gx-access.h"
#include "gx-enums.h"

/* DOMAIN.md, rule 1: "ordinary staff may not read confidential ones; top secret is for the
 * owner and supervisors", and every read of a secret-or-higher profile is registered. The desk
 * decides with these what it shows; the server decides with the same functions what it sends,
 * so a record a user may not read never reaches their desk.
 *
 *                  ordinary   secret     confidential   top secret
 *   desk           all        own        —              —
 *   relationship   all        own        own            own
 *   supervisor     all        all        all            all
 *   admin          all        —          —              —
 *
 * "Own" means the user is the customer's owner (relationship manager). Administrators keep
 * users and reference data; they are not readers of protected files. */

/**
 * gx_access_can_read:
 * @role: the user's role
 * @user_id: (nullable): the user's id
 * @owner_id: (nullable): the customer's owner
 * @level: the customer's confidentiality
 *
 * Returns: %TRUE when the user may read the profile (and everything that belongs to it)
 */
gboolean
gx_access_can_read (GxRole             role,
                    const char        *user_id,
                    const char        *owner_id,
                    GxConfidentiality  level)
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
 * gx_access_can_read_codes:
 * @role: (nullable): a role code ("desk", …)
 * @user_id: (nullable): the user's id
 * @owner_id: (nullable): the customer's owner
 * @level: (nullable): a confidentiality code; %NULL counts as ordinary
 *
 * gx_access_can_read() over the codes the store keeps. An unknown role reads like the role
 * that reads least; an unknown level counts as top secret.
 */
gboolean
gx_access_can_read_codes (const char *role,
                          const char *user_id,
                          const char *owner_id,
                          const char *level)
{
  GxRole user_role = GX_ROLE_ADMIN;

  if (role != NULL && gx_vocab_contains (GX_VOCAB_ROLE, role))
    user_role = gx_role_from_code (role);

  return gx_access_can_read (user_role, user_id, owner_id,
                             level != NULL ? gx_confidentiality_from_code (level)
                                           : GX_CONFIDENTIALITY_ORDINARY);
}

/**
 * gx_access_is_registered:
 * @level: a confidentiality level
 *
 * Returns: %TRUE when opening, revealing, printing or exporting a profile of @level is
 *   written to the access register (secret and above), and asks for the reason first
 */
gboolean
gx_access_is_registered (GxConfidentiality level)
{
  return level >= GX_CONFIDENTIALITY_SECRET;
}

/**
 * gx_access_may_read_log:
 * @role: the user's role
 *
 * Returns: %TRUE for supervisors, who review the access register on the profile
 */
gboolean
gx_access_may_read_log (GxRole role)
{
  return role == GX_ROLE_SUPERVISOR;
}

/**
 * gx_access_may_set_level:
 * @role: the user's role
 * @level: the confidentiality a profile is given
 *
 * A desk may mark a profile secret but no higher (it could not read it any more);
 * relationship managers and supervisors may set any level; administrators none above
 * ordinary.
 */
gboolean
gx_access_may_set_level (GxRole            role,
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
