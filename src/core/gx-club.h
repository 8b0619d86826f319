/* gx-club.h: a club's rights and quotas, tier review, the monthly count of new members
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gx-db.h"
#include "gx-record.h"
#include "gx-rules.h"

G_BEGIN_DECLS

/* Rights and quotas */

/* One right of a member's tier, with this year's use of it. */
typedef struct
{
  char *right_id;
  char *name;
  char *description;
  int   quota;      /* per calendar year; 0 when unlimited */
  int   used;       /* uses in the year asked for */
} GxRightUsage;

void       gx_right_usage_free        (GxRightUsage         *usage);
GPtrArray *gx_rights_for_membership   (GxDb                 *db,
                                       const char           *membership_id,
                                       int                   year,
                                       GError              **error);
gboolean   gx_right_use               (GxDb                 *db,
                                       const char           *membership_id,
                                       const char           *right_id,
                                       const char           *used_on,
                                       const char           *note,
                                       const GxWriteMeta    *meta,
                                       char                **use_id,
                                       GError              **error);
gboolean   gx_right_use_rule          (GxDb                 *db,
                                       const GxKind         *kind,
                                       GxRuleOp              op,
                                       const char           *id,
                                       JsonObject           *record,
                                       JsonObject           *changes,
                                       GError              **error);

/* Tier qualification and review */

/* What reaching a tier takes, as a club's club_tiers row says. */
typedef struct
{
  const char *id;
  int         rank;
  gint64      qualify_points;   /* points earned in the review period */
  const char *qualify_assets;   /* an assets band code, or NULL */
} GxTierRule;

int        gx_tier_qualify            (const GxTierRule     *tiers,
                                       guint                 n_tiers,
                                       gint64                points,
                                       const char           *assets_band);

/* A member whose tier a review would change. */
typedef struct
{
  char    *membership_id;
  char    *member_number;
  char    *name;
  char    *from_tier_id;
  char    *from_tier_name;
  char    *to_tier_id;
  char    *to_tier_name;
  gint64   points;
  char    *assets_band;
  gboolean upgrade;
} GxTierProposal;

void       gx_tier_proposal_free      (GxTierProposal       *proposal);
void       gx_tier_review_period      (const char           *today,
                                       char                **from,
                                       char                **to);
GPtrArray *gx_tier_review             (GxDb                 *db,
                                       const char           *club_id,
                                       const char           *today,
                                       GError              **error);
gboolean   gx_tier_review_apply       (GxDb                 *db,
                                       GPtrArray            *proposals,
                                       const char           *today,
                                       const GxWriteMeta    *meta,
                                       GError              **error);

/* New members per month */

gboolean   gx_club_monthly_joins      (GxDb                 *db,
                                       const char           *club_id,
                                       int                   year,
                                       int                   counts[12],
                                       GError              **error);
char      *gx_club_joins_csv          (GxDb                 *db,
                                       int                   year,
                                       GError              **error);

/* Reference data rules */
gboolean   gx_club_rule               (GxDb                 *db,
                                       const GxKind         *kind,
                                       GxRuleOp              op,
                                       const char           *id,
                                       JsonObject           *record,
                                       JsonObject           *changes,
                                       GError              **error);

G_END_DECLS
