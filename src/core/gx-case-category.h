/* gx-case-category.h: the editable list of complaint categories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-record.h"
#include "gx-rules.h"

G_BEGIN_DECLS

/**
 * GxCaseCategory:
 * @id: the category's id
 * @name: its name as shown: translated while a built-in category keeps its reference name
 * @position: where it comes in the lists
 * @active: offered for new cases
 * @n_cases: how many cases carry it
 */
typedef struct
{
  char   *id;
  char   *name;
  int     position;
  gboolean active;
  gint64  n_cases;
} GxCaseCategory;

void       gx_case_category_free        (GxCaseCategory     *category);
GPtrArray *gx_case_categories_load      (GxDb               *db,
                                         gboolean            with_retired,
                                         GError            **error);
gboolean   gx_case_category_add         (GxDb               *db,
                                         const char         *name,
                                         const GxWriteMeta  *meta,
                                         char              **id,
                                         GError            **error);
gboolean   gx_case_category_rename      (GxDb               *db,
                                         const char         *id,
                                         const char         *name,
                                         const GxWriteMeta  *meta,
                                         GError            **error);
gboolean   gx_case_category_reorder     (GxDb               *db,
                                         const char         *id,
                                         int                 direction,
                                         const GxWriteMeta  *meta,
                                         GError            **error);
gboolean   gx_case_category_set_active  (GxDb               *db,
                                         const char         *id,
                                         gboolean            active,
                                         const GxWriteMeta  *meta,
                                         GError            **error);

gboolean   gx_case_category_rule        (GxDb               *db,
                                         const GxKind       *kind,
                                         GxRuleOp            op,
                                         const char         *id,
                                         JsonObject         *record,
                                         JsonObject         *changes,
                                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxCaseCategory, gx_case_category_free)

G_END_DECLS
