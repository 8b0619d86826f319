/* gx-query-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gx-row.h"
#include "gx-store.h"

G_BEGIN_DECLS

#define GX_TYPE_QUERY_MODEL (gx_query_model_get_type ())

G_DECLARE_FINAL_TYPE (GxQueryModel, gx_query_model, GX, QUERY_MODEL, GObject)

GxQueryModel *gx_query_model_new          (GxStore       *store,
                                           GType          row_type);
void          gx_query_model_set_query    (GxQueryModel  *self,
                                           const char    *keys_sql,
                                           GVariant      *params);
void          gx_query_model_reload       (GxQueryModel  *self);
gboolean      gx_query_model_get_loading  (GxQueryModel  *self);
GType         gx_query_model_get_row_type (GxQueryModel  *self);
const char   *gx_query_model_get_query    (GxQueryModel  *self,
                                           GVariant     **params);
int           gx_query_model_find_rowid   (GxQueryModel  *self,
                                           gint64         rowid);
guint         gx_query_model_get_n_fetches (GxQueryModel *self);

G_END_DECLS
