/* gx-customer-filter.h: customer list filters saved under a name, e.g. as an activity's
 * target group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gx-customer-search.h"
#include "gx-db.h"
#include "gx-record.h"
#include "gx-rules.h"

G_BEGIN_DECLS

char     *gx_customer_filter_from_query (const GxCustomerQuery  *query);
void      gx_customer_filter_to_query   (GHashTable             *filter,
                                         int                     this_month,
                                         GxCustomerQuery        *query);
char     *gx_customer_filter_describe   (GxDb                   *db,
                                         const char             *filter);
char     *gx_customer_filter_keys_sql   (GxDb                   *db,
                                         const char             *filter,
                                         int                     this_month,
                                         GVariant              **params);
gboolean  gx_customer_filter_save       (GxDb                   *db,
                                         const char             *name,
                                         const char             *filter,
                                         const GxWriteMeta      *meta,
                                         char                  **filter_id,
                                         GError                **error);

gboolean  gx_customer_filter_rename     (GxDb                   *db,
                                         const char             *filter_id,
                                         const char             *name,
                                         const GxWriteMeta      *meta,
                                         GError                **error);
gboolean  gx_customer_filter_delete     (GxDb                   *db,
                                         const char             *filter_id,
                                         const GxWriteMeta      *meta,
                                         GError                **error);
gboolean  gx_customer_filter_rule       (GxDb                   *db,
                                         const GxKind           *kind,
                                         GxRuleOp                op,
                                         const char             *id,
                                         JsonObject             *record,
                                         JsonObject             *changes,
                                         GError                **error);

G_END_DECLS
