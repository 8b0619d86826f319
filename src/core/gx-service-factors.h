/* gx-service-factors.h: editing the service-factor tree the satisfaction and service indexes
 * are reported over
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-record.h"
#include "gx-rules.h"
#include "gx-types.h"

G_BEGIN_DECLS

gboolean gx_service_factors_may_edit (GxRole              role);
gboolean gx_service_factor_add       (GxDb               *db,
                                      const char         *parent_id,
                                      const char         *name,
                                      const GxWriteMeta  *meta,
                                      char              **id,
                                      GError            **error);
gboolean gx_service_factor_rename    (GxDb               *db,
                                      const char         *id,
                                      const char         *name,
                                      const GxWriteMeta  *meta,
                                      GError            **error);
gboolean gx_service_factor_move      (GxDb               *db,
                                      const char         *id,
                                      const char         *parent_id,
                                      const GxWriteMeta  *meta,
                                      GError            **error);
gboolean gx_service_factor_reorder   (GxDb               *db,
                                      const char         *id,
                                      int                 direction,
                                      const GxWriteMeta  *meta,
                                      GError            **error);
gboolean gx_service_factor_remove    (GxDb               *db,
                                      const char         *id,
                                      const GxWriteMeta  *meta,
                                      GError            **error);

gboolean gx_service_factor_rule      (GxDb               *db,
                                      const GxKind       *kind,
                                      GxRuleOp            op,
                                      const char         *id,
                                      JsonObject         *record,
                                      JsonObject         *changes,
                                      GError            **error);

G_END_DECLS
