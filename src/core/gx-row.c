/* gx-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-row"

#include "config.h"

#include "gx-row.h"

/* A row keeps its column values in one GValue array, so a row class is its query and a
 * table of properties: the list model builds rows a page at a time and refills them in place
 * when the store changes, and bindings in the views see a notify only for what changed. */
typedef struct
{
  gint64  rowid;
  char   *id;
  GValue *values;
  guint   n_values;
} GxRowPrivate;

enum {
  PROP_0,
  PROP_ROWID,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE_WITH_PRIVATE (GxRow, gx_row, G_TYPE_OBJECT)

static void
ensure_values (GxRow *self)
{
  GxRowPrivate *priv = gx_row_get_instance_private (self);
  GxRowClass *klass = GX_ROW_GET_CLASS (self);

  if (priv->values != NULL || klass->n_columns == 0)
    return;

  priv->n_values = klass->n_columns;
  priv->values = g_new0 (GValue, priv->n_values);
  for (guint i = 0; i < priv->n_values; i++)
    {
      GParamSpec *pspec = klass->columns[i].pspec;

      g_value_init (&priv->values[i], pspec->value_type);
      g_param_value_set_default (pspec, &priv->values[i]);
    }
}

static void
gx_row_finalize (GObject *object)
{
  GxRow *self = (GxRow *) object;
  GxRowPrivate *priv = gx_row_get_instance_private (self);

  for (guint i = 0; i < priv->n_values; i++)
    g_value_unset (&priv->values[i]);
  g_clear_pointer (&priv->values, g_free);
  g_clear_pointer (&priv->id, g_free);

  G_OBJECT_CLASS (gx_row_parent_class)->finalize (object);
}

static void
gx_row_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  GxRow *self = GX_ROW (object);
  GxRowPrivate *priv = gx_row_get_instance_private (self);

  if (pspec->owner_type != GX_TYPE_ROW)
    {
      /* A column property of the subclass: ids are 1 + the column index. */
      ensure_values (self);
      g_return_if_fail (prop_id >= 1 && prop_id <= priv->n_values);
      g_value_copy (&priv->values[prop_id - 1], value);
      return;
    }

  switch (prop_id)
    {
    case PROP_ROWID:
      g_value_set_int64 (value, priv->rowid);
      break;
    case PROP_ID:
      g_value_set_string (value, priv->id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
read_column (sqlite3_stmt      *stmt,
             int                col,
             const GxRowColumn *column,
             GValue            *value)
{
  gboolean is_null = sqlite3_column_type (stmt, col) == SQLITE_NULL;

  switch (G_VALUE_TYPE (value))
    {
    case G_TYPE_STRING:
      {
        const char *text = is_null ? "" : (const char *) sqlite3_column_text (stmt, col);

        if (column->vocab >= 0 && !is_null)
          {
            /* A reference row (tier, category) keeps its translated label until the
             * organisation renames it; then, and for rows it added, the stored name. */
            if (column->fallback_next)
              text = gx_vocab_display_name ((GxVocab) column->vocab, text,
                                            (const char *) sqlite3_column_text (stmt, col + 1));
            else
              text = gx_vocab_label ((GxVocab) column->vocab, text);
          }
        g_value_set_string (value, text ? text : "");
      }
      break;
    case G_TYPE_INT:
      g_value_set_int (value, is_null ? 0 : sqlite3_column_int (stmt, col));
      break;
    case G_TYPE_INT64:
      g_value_set_int64 (value, is_null ? 0 : sqlite3_column_int64 (stmt, col));
      break;
    case G_TYPE_DOUBLE:
      g_value_set_double (value, is_null ? 0.0 : sqlite3_column_double (stmt, col));
      break;
    case G_TYPE_BOOLEAN:
      g_value_set_boolean (value, !is_null && sqlite3_column_int (stmt, col) != 0);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
gx_row_real_fill (GxRow        *self,
                  sqlite3_stmt *stmt)
{
  GxRowPrivate *priv = gx_row_get_instance_private (self);
  GxRowClass *klass = GX_ROW_GET_CLASS (self);

  ensure_values (self);

  priv->rowid = sqlite3_column_int64 (stmt, 0);
  if (priv->id == NULL)
    priv->id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));

  for (guint i = 0; i < klass->n_columns; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, klass->columns[i].pspec->value_type);
      read_column (stmt, (int) i + 2, &klass->columns[i], &value);
      gx_row_set_column (self, i, &value);
    }
}

static void
gx_row_class_init (GxRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gx_row_finalize;
  object_class->get_property = gx_row_get_property;

  klass->fill = gx_row_real_fill;

  properties[PROP_ROWID] =
    g_param_spec_int64 ("rowid", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gx_row_init (GxRow *self)
{
}

/**
 * gx_row_class_install_columns:
 * @klass: a row class
 * @columns: (array length=n_columns): the columns in query order; the table is kept
 * @n_columns: their number
 *
 * Installs one read-only property per column. Call from the subclass's class_init.
 */
void
gx_row_class_install_columns (GxRowClass        *klass,
                              const GxRowColumn *columns,
                              guint              n_columns)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* GObject does not pass get_property on to subclasses. */
  object_class->get_property = gx_row_get_property;

  klass->columns = g_new0 (GxRowColumn, n_columns);
  klass->n_columns = n_columns;

  for (guint i = 0; i < n_columns; i++)
    {
      klass->columns[i] = columns[i];
      g_object_class_install_property (object_class, i + 1, columns[i].pspec);
    }
}

gint64
gx_row_get_rowid (GxRow *self)
{
  GxRowPrivate *priv = gx_row_get_instance_private (self);

  g_return_val_if_fail (GX_IS_ROW (self), 0);

  return priv->rowid;
}

/**
 * gx_row_get_id:
 * @self: a #GxRow
 *
 * Returns: (transfer none): the record id
 */
const char *
gx_row_get_id (GxRow *self)
{
  GxRowPrivate *priv = gx_row_get_instance_private (self);

  g_return_val_if_fail (GX_IS_ROW (self), NULL);

  return priv->id;
}

/**
 * gx_row_fill:
 * @self: a #GxRow
 * @stmt: a statement positioned on the row, with the columns of the class's page query
 *
 * Updates the row; properties whose value changed are notified.
 */
void
gx_row_fill (GxRow        *self,
             sqlite3_stmt *stmt)
{
  g_return_if_fail (GX_IS_ROW (self));

  GX_ROW_GET_CLASS (self)->fill (self, stmt);
}

/**
 * gx_row_set_column:
 * @self: a #GxRow
 * @column: the column index
 * @value: the new value, of the column's type
 *
 * Sets a column, notifying its property when the value changed. For subclasses' fill.
 */
void
gx_row_set_column (GxRow        *self,
                   guint         column,
                   const GValue *value)
{
  GxRowPrivate *priv = gx_row_get_instance_private (self);
  GxRowClass *klass = GX_ROW_GET_CLASS (self);
  GParamSpec *pspec;

  ensure_values (self);
  g_return_if_fail (column < priv->n_values);

  pspec = klass->columns[column].pspec;
  if (g_param_values_cmp (pspec, &priv->values[column], value) == 0)
    return;

  g_value_copy (value, &priv->values[column]);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

/**
 * gx_row_get_string:
 * @self: a #GxRow
 * @column: a string column
 *
 * Returns: (transfer none): the column's text
 */
const char *
gx_row_get_string (GxRow *self,
                   guint  column)
{
  GxRowPrivate *priv = gx_row_get_instance_private (self);

  ensure_values (self);
  g_return_val_if_fail (column < priv->n_values, NULL);
  g_return_val_if_fail (G_VALUE_HOLDS_STRING (&priv->values[column]), NULL);

  return g_value_get_string (&priv->values[column]);
}

/**
 * gx_row_get_int:
 * @self: a #GxRow
 * @column: an integer or boolean column
 *
 * Returns: the column's value
 */
gint64
gx_row_get_int (GxRow *self,
                guint  column)
{
  GxRowPrivate *priv = gx_row_get_instance_private (self);
  const GValue *value;

  ensure_values (self);
  g_return_val_if_fail (column < priv->n_values, 0);

  value = &priv->values[column];
  if (G_VALUE_HOLDS_INT64 (value))
    return g_value_get_int64 (value);
  if (G_VALUE_HOLDS_INT (value))
    return g_value_get_int (value);
  if (G_VALUE_HOLDS_BOOLEAN (value))
    return g_value_get_boolean (value);

  g_return_val_if_reached (0);
}
