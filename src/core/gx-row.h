/* gx-row.h: one row of a list, built from SQL on demand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <sqlite3.h>

#include "gx-enums.h"

G_BEGIN_DECLS

#define GX_TYPE_ROW (gx_row_get_type ())

G_DECLARE_DERIVABLE_TYPE (GxRow, gx_row, GX, ROW, GObject)

/**
 * GxRowColumn:
 * @pspec: the property the column fills (string, int, int64, double or boolean)
 * @vocab: a #GxVocab whose translated label replaces the code, or -1
 * @fallback_next: when the code is not in @vocab (a tier or category the organisation added),
 *   show the next column's text (its stored name) instead of the code
 *
 * One column of a row class's page query, in query order after rowid and id.
 */
typedef struct
{
  GParamSpec *pspec;
  int         vocab;
  gboolean    fallback_next;
} GxRowColumn;

/**
 * GxRowClass:
 * @page_sql: a query whose columns are rowid, id, then the columns in order, and whose
 *   WHERE clause has `rowid IN (%s)`; the list model fills in the placeholders
 * @tables: (array zero-terminated=1): the tables whose change may change these rows
 * @fill: reads the row from a statement; the default fills the columns
 */
struct _GxRowClass
{
  GObjectClass        parent_class;

  const char         *page_sql;
  const char * const *tables;
  GxRowColumn        *columns;
  guint               n_columns;

  void (*fill) (GxRow        *self,
                sqlite3_stmt *stmt);

  gpointer padding[4];
};

void        gx_row_class_install_columns (GxRowClass         *klass,
                                          const GxRowColumn  *columns,
                                          guint               n_columns);
gint64      gx_row_get_rowid             (GxRow              *self);
const char *gx_row_get_id                (GxRow              *self);
void        gx_row_fill                  (GxRow              *self,
                                          sqlite3_stmt       *stmt);
void        gx_row_set_column            (GxRow              *self,
                                          guint               column,
                                          const GValue       *value);
const char *gx_row_get_string            (GxRow              *self,
                                          guint               column);
gint64      gx_row_get_int               (GxRow              *self,
                                          guint               column);

G_END_DECLS
