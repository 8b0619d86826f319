/* gx-customer-search.h: finding customers — the search index's terms and the list's queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "gx-db.h"

G_BEGIN_DECLS

/* A search matching more customers than this is not listed, ranked or counted in full:
 * the list shows this many and says to type more. */
#define GX_CUSTOMER_SEARCH_CAP 500

typedef enum
{
  GX_CUSTOMER_SORT_NAME,
  GX_CUSTOMER_SORT_LAST_CONTACT,
  GX_CUSTOMER_SORT_TIER,
} GxCustomerSort;

/**
 * GxCustomerQuery:
 * @text: (nullable): what the user typed in the search field
 * @kind: (nullable): only customers of this kind
 * @stage: (nullable): only customers at this stage
 * @tier_id: (nullable): only customers of this service tier
 * @confidentiality: (nullable): only customers of this level
 * @owner_id: (nullable): only this relationship manager's customers ("mine")
 * @birthday_month: 1–12: only customers born in this month; 0: any
 * @due_by: (nullable): only customers with a follow-up due on or before this date
 * @open_cases: only customers with an open complaint
 * @club_members: only customers with a club membership
 * @archived: the archived customers instead of the live ones
 * @sort: the order
 * @confidential: only customers above ordinary confidentiality (secret and up)
 * @team: (nullable): only customers whose owner is in this team (users.team)
 *
 * What the customer list shows, as plain values; gx_customer_search_keys_sql() turns it into
 * the list's keys query.
 */
typedef struct
{
  const char     *text;
  const char     *kind;
  const char     *stage;
  const char     *tier_id;
  const char     *confidentiality;
  const char     *owner_id;
  int             birthday_month;
  const char     *due_by;
  gboolean        open_cases;
  gboolean        club_members;
  gboolean        archived;
  GxCustomerSort  sort;
  gboolean        confidential;
  const char     *team;
} GxCustomerQuery;

char     *gx_customer_search_terms       (const char             *kind,
                                          const char             *name,
                                          const char             *number,
                                          const char             *id_number,
                                          const char             *company,
                                          const char             *notes,
                                          const char             *tags,
                                          const char             *contact_terms);
char     *gx_customer_search_match       (const char             *text);
char     *gx_customer_search_keys_sql    (GxDb                   *db,
                                          const GxCustomerQuery  *query,
                                          GVariant              **params);
gint64    gx_customer_search_count       (GxDb                   *db,
                                          const char             *text,
                                          gint64                  cap,
                                          GError                **error);
int       gx_customer_search_register    (sqlite3                *handle);
gboolean  gx_customer_search_check       (GxDb                   *db,
                                          GError                **error);
gboolean  gx_customer_search_flush       (GxDb                   *db,
                                          GError                **error);
gboolean  gx_customer_search_rebuild     (GxDb                   *db,
                                          GError                **error);

G_END_DECLS
