/* gx-points.h: the points ledger — earn, redeem, expire, adjust; balances derived, never stored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gx-db.h"
#include "gx-record.h"
#include "gx-rules.h"

G_BEGIN_DECLS

/* One ledger entry, as stored (points signed: earn > 0; redeem, expire < 0; adjust either). */
typedef struct
{
  char   *id;
  gint64  at;
  char   *kind;
  gint64  points;
  char   *expires_on;     /* credits: the last day the points can be spent */
  char   *source_kind;
  char   *source_id;      /* for `expire`: the expiry date it books */
  char   *reward_id;
  char   *reason;
  char   *user_id;
  char   *reward_name;    /* read with the entry, for display */
  char   *user_name;
} GxPointsEntry;

/* What is left of one credit after the debits were taken from the soonest-expiring first. */
typedef struct
{
  const char *entry_id;
  gint64      at;
  gint64      points;
  gint64      remaining;
  const char *expires_on;  /* NULL: never */
} GxPointsLot;

typedef struct
{
  gint64 balance;          /* SUM(points): what the ledger says */
  gint64 available;        /* what may be spent on the day: balance less credits past expiry
                              whose expiry is not booked yet */
  gint64 expired_unbooked; /* credits past their expiry date, waiting for their expire entry */
  gint64 expiring_soon;    /* credits expiring within the window asked for */
  char   next_expiry[11];  /* the soonest expiry date with points left, "" when none */
  gint64 next_expiry_points;
} GxPointsSummary;

/* A statement: opening balance, the entries of the period, closing balance. */
typedef struct
{
  char       from[11];
  char       to[11];
  gint64     opening;
  gint64     closing;
  gint64     earned;
  gint64     redeemed;
  gint64     expired;
  gint64     adjusted;
  GPtrArray *entries;      /* GxPointsEntry of the period, in order */
} GxPointsStatement;

void               gx_points_entry_free        (GxPointsEntry          *entry);
char              *gx_points_entry_describe    (const GxPointsEntry    *entry);
void               gx_points_statement_free    (GxPointsStatement      *statement);

gboolean           gx_points_parse             (const char             *text,
                                                gboolean                signed_ok,
                                                gint64                 *points,
                                                GError                **error);
char              *gx_points_expiry_for        (const char             *rule,
                                                const char             *earned_on);
gboolean           gx_points_expiry_rule_is_valid (const char          *rule);
GArray            *gx_points_allocate          (GPtrArray              *entries,
                                                gint64                 *overdrawn);
void               gx_points_summarize         (GPtrArray              *entries,
                                                const char             *today,
                                                int                     soon_days,
                                                GxPointsSummary        *summary);
GPtrArray         *gx_points_load              (GxDb                   *db,
                                                const char             *membership_id,
                                                GError                **error);
gboolean           gx_points_summary_for       (GxDb                   *db,
                                                const char             *membership_id,
                                                const char             *today,
                                                int                     soon_days,
                                                GxPointsSummary        *summary,
                                                GError                **error);
GxPointsStatement *gx_points_statement_new     (GxDb                   *db,
                                                const char             *membership_id,
                                                const char             *from,
                                                const char             *to,
                                                GError                **error);

/* Writes: inside the caller's store transaction, through the record layer. Each books the
 * member's due expiries first, so what is spent is never points that already expired. */
gboolean           gx_points_earn              (GxDb                   *db,
                                                const char             *membership_id,
                                                gint64                  points,
                                                const char             *source_kind,
                                                const char             *source_id,
                                                const char             *reason,
                                                const GxWriteMeta      *meta,
                                                char                  **entry_id,
                                                GError                **error);
gboolean           gx_points_redeem            (GxDb                   *db,
                                                const char             *membership_id,
                                                gint64                  points,
                                                const char             *reward_id,
                                                const char             *reason,
                                                const GxWriteMeta      *meta,
                                                char                  **entry_id,
                                                GError                **error);
gboolean           gx_points_adjust            (GxDb                   *db,
                                                const char             *membership_id,
                                                gint64                  points,
                                                const char             *reason,
                                                const GxWriteMeta      *meta,
                                                char                  **entry_id,
                                                GError                **error);
gboolean           gx_points_book_expiries     (GxDb                   *db,
                                                const char             *membership_id,
                                                const GxWriteMeta      *meta,
                                                guint                  *n_booked,
                                                GError                **error);
gboolean           gx_points_book_all_expiries (GxDb                   *db,
                                                const GxWriteMeta      *meta,
                                                guint                  *n_booked,
                                                GError                **error);

gboolean           gx_points_rule              (GxDb                   *db,
                                                const GxKind           *kind,
                                                GxRuleOp                op,
                                                const char             *id,
                                                JsonObject             *record,
                                                JsonObject             *changes,
                                                GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxPointsEntry, gx_points_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxPointsStatement, gx_points_statement_free)

G_END_DECLS
