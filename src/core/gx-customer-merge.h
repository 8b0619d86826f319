/* gx-customer-merge.h: merging a duplicate profile into another, and undoing it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gx-db.h"
#include "gx-record.h"

G_BEGIN_DECLS

/**
 * GxMergeItem:
 * @kind: the record's kind ("case", "membership", …)
 * @id: the record's id
 * @field: the column that names the customer
 * @description: what the record is, for the preview, translated
 * @moves: it moves to the survivor; otherwise it stays with the archived duplicate
 * @reason: (nullable): why it stays, translated
 */
typedef struct
{
  char     *kind;
  char     *id;
  char     *field;
  char     *description;
  gboolean  moves;
  char     *reason;
} GxMergeItem;

void       gx_merge_item_free        (GxMergeItem        *item);

GPtrArray *gx_customer_merge_preview (GxDb               *db,
                                      const char         *survivor_id,
                                      const char         *merged_id,
                                      GPtrArray         **filled,
                                      GError            **error);
char      *gx_customer_merge         (GxDb               *db,
                                      const char         *survivor_id,
                                      const char         *merged_id,
                                      const char         *reason,
                                      const GxWriteMeta  *meta,
                                      GError            **error);
gboolean   gx_customer_unmerge       (GxDb               *db,
                                      const char         *merge_id,
                                      const GxWriteMeta  *meta,
                                      GError            **error);

G_END_DECLS
