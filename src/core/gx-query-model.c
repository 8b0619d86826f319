/* gx-query-model.c: a GListModel over an SQL query that builds only the rows asked for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-query-model"

#include "config.h"

#include "gx-query-model.h"

/* How it stays fast at a million rows:
 *
 * - The model keeps only the row keys (SQLite rowids, 8 bytes each) in list order. The keys
 *   query runs on a worker thread with its own read connection; a newer query cancels the
 *   one running (SQLite's progress handler interrupts it).
 * - get_item() builds rows a page (64 rows) at a time with one prepared statement, on the
 *   main thread's read connection, and caches them. GTK asks only for what it shows.
 * - A new key list is compared with the old one and only the changed middle is announced
 *   (common prefix and suffix kept): GTK 4.8 list views fetch every added item of an
 *   items-changed, so the smallest exact change is what keeps them cheap.
 * - The first load answers the first screen from a short LIMIT query before the full key
 *   list is in, so the first frame never waits for a million keys.
 * - When the store commits to a watched table, the keys are reloaded and the cached rows are
 *   refilled in place (notify per changed property), so a visible row updates without being
 *   removed and re-added.
 */

#define PAGE_SIZE 64
#define FIRST_PAGE 128
#define CACHE_TRIM 4096

struct _GxQueryModel
{
  GObject       parent_instance;

  /* Owned */
  GxStore      *store;
  GType         row_type;
  char         *page_sql;
  char         *keys_sql;
  GVariant     *params;
  GArray       *keys;          /* gint64 rowids in list order */
  GHashTable   *rows;          /* rowid → GxRow */
  GHashTable   *positions;     /* rowid → position + 1, built on demand */
  GCancellable *cancellable;
  guint         reload_source;
  guint         n_fetches;

  guint         loading : 1;
  guint         refill : 1;
};

enum {
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GxQueryModel, gx_query_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

typedef struct
{
  char     *sql;
  GVariant *params;
} KeysRequest;

static void
keys_request_free (gpointer data)
{
  KeysRequest *request = data;

  g_free (request->sql);
  g_clear_pointer (&request->params, g_variant_unref);
  g_free (request);
}

/* Page fetching */

static void
fetch_rows (GxQueryModel  *self,
            const gint64  *rowids,
            guint          n,
            gboolean       create)
{
  GxDb *db = gx_store_get_main_reader (self->store);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  g_assert (n <= PAGE_SIZE);

  stmt = gx_db_prepare (db, self->page_sql, &error);
  if (stmt == NULL)
    {
      g_critical ("%s: %s", g_type_name (self->row_type), error->message);
      return;
    }

  /* Unused placeholders stay NULL, which matches no rowid. */
  for (guint i = 0; i < n; i++)
    sqlite3_bind_int64 (stmt, (int) i + 1, rowids[i]);

  self->n_fetches++;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      GxRow *row = g_hash_table_lookup (self->rows, &rowid);

      if (row == NULL)
        {
          gint64 *key;

          if (!create)
            continue;

          key = g_new (gint64, 1);
          *key = rowid;
          row = g_object_new (self->row_type, NULL);
          g_hash_table_insert (self->rows, key, row);
        }

      gx_row_fill (row, stmt);
    }

  sqlite3_reset (stmt);
}

/* Drops the cached rows nobody else holds, once the cache has grown. */
static void
trim_cache (GxQueryModel *self)
{
  GHashTableIter iter;
  gpointer value;

  if (g_hash_table_size (self->rows) < CACHE_TRIM)
    return;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (G_OBJECT (value)->ref_count == 1)
      g_hash_table_iter_remove (&iter);
}

/* GListModel */

static GType
gx_query_model_get_item_type (GListModel *model)
{
  return GX_QUERY_MODEL (model)->row_type;
}

static guint
gx_query_model_get_n_items (GListModel *model)
{
  return GX_QUERY_MODEL (model)->keys->len;
}

static gpointer
gx_query_model_get_item (GListModel *model,
                         guint       position)
{
  GxQueryModel *self = GX_QUERY_MODEL (model);
  gint64 rowid;
  GxRow *row;

  if (position >= self->keys->len)
    return NULL;

  rowid = g_array_index (self->keys, gint64, position);
  row = g_hash_table_lookup (self->rows, &rowid);

  if (row == NULL)
    {
      guint start = position - position % PAGE_SIZE;
      guint n = MIN (PAGE_SIZE, self->keys->len - start);
      gint64 missing[PAGE_SIZE];
      guint n_missing = 0;

      trim_cache (self);

      for (guint i = 0; i < n; i++)
        {
          gint64 key = g_array_index (self->keys, gint64, start + i);
          if (!g_hash_table_contains (self->rows, &key))
            missing[n_missing++] = key;
        }

      fetch_rows (self, missing, n_missing, TRUE);
      row = g_hash_table_lookup (self->rows, &rowid);
    }

  /* A row deleted since the keys were read: hand out an empty row rather than NULL, which
   * GTK does not expect inside n_items; the reload that follows removes it. */
  if (row == NULL)
    return g_object_new (self->row_type, NULL);

  return g_object_ref (row);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = gx_query_model_get_item_type;
  iface->get_n_items = gx_query_model_get_n_items;
  iface->get_item = gx_query_model_get_item;
}

/* Loading keys */

static gboolean
run_keys_query (GxDb          *db,
                const char    *sql,
                GVariant      *params,
                GArray        *keys,
                GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = gx_db_prepare (db, sql, error);
  if (stmt == NULL || !gx_db_bind_variant (stmt, params, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (keys, rowid);
    }

  if (rc != SQLITE_DONE)
    {
      gx_db_set_error (db, error, "keys");
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

static void
load_keys_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GxQueryModel *self = source_object;
  KeysRequest *request = task_data;
  g_autoptr(GArray) keys = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1024);
  g_autoptr(GError) error = NULL;
  GxDb *db;

  db = gx_store_acquire_reader (self->store, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  gx_db_set_cancellable (db, cancellable);
  if (!run_keys_query (db, request->sql, request->params, keys, &error))
    {
      gx_store_release_reader (self->store, db);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  gx_store_release_reader (self->store, db);

  g_task_return_pointer (task, g_steal_pointer (&keys), (GDestroyNotify) g_array_unref);
}

static void
set_loading (GxQueryModel *self,
             gboolean      loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* Refills every cached row still in the list, so visible rows show committed changes. */
static void
refill_cached_rows (GxQueryModel *self)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (rowids, *(gint64 *) key);

  for (guint i = 0; i < rowids->len; i += PAGE_SIZE)
    fetch_rows (self, &g_array_index (rowids, gint64, i), MIN (PAGE_SIZE, rowids->len - i), FALSE);
}

/* Swaps in @keys and announces only the part that differs. */
static void
apply_keys (GxQueryModel *self,
            GArray       *keys)
{
  g_autoptr(GArray) old = self->keys;
  guint old_n = old->len;
  guint new_n = keys->len;
  guint prefix = 0;
  guint suffix = 0;
  const gint64 *a = (const gint64 *) (gpointer) old->data;
  const gint64 *b = (const gint64 *) (gpointer) keys->data;

  while (prefix < old_n && prefix < new_n && a[prefix] == b[prefix])
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix &&
         a[old_n - 1 - suffix] == b[new_n - 1 - suffix])
    suffix++;

  self->keys = g_array_ref (keys);
  g_clear_pointer (&self->positions, g_hash_table_unref);

  if (self->refill)
    {
      self->refill = FALSE;
      refill_cached_rows (self);
    }

  if (old_n - prefix - suffix > 0 || new_n - prefix - suffix > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                  old_n - prefix - suffix, new_n - prefix - suffix);
      if (old_n != new_n)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

static void
load_keys_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GxQueryModel *self = GX_QUERY_MODEL (object);
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  keys = g_task_propagate_pointer (G_TASK (result), &error);
  if (keys == NULL)
    {
      /* Superseded by a newer query, or the model went away. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, GX_DB_ERROR, GX_DB_ERROR_INTERRUPTED))
        return;

      g_critical ("%s: %s", g_type_name (self->row_type), error->message);
      set_loading (self, FALSE);
      return;
    }

  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  apply_keys (self, keys);
  set_loading (self, FALSE);
}

static void
start_load (GxQueryModel *self)
{
  g_autoptr(GTask) task = NULL;
  KeysRequest *request;

  if (self->keys_sql == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* The first screen comes from a short query right now; the full key list follows. */
  if (self->keys->len == 0)
    {
      g_autofree char *first_sql = g_strdup_printf ("SELECT * FROM (%s) LIMIT %d", self->keys_sql, FIRST_PAGE);
      g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (gint64));

      if (run_keys_query (gx_store_get_main_reader (self->store), first_sql, self->params, first, NULL))
        apply_keys (self, first);
    }

  request = g_new0 (KeysRequest, 1);
  request->sql = g_strdup (self->keys_sql);
  request->params = self->params ? g_variant_ref (self->params) : NULL;

  task = g_task_new (self, self->cancellable, load_keys_cb, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, request, keys_request_free);
  g_task_run_in_thread (task, load_keys_thread);

  set_loading (self, TRUE);
}

static gboolean
reload_idle_cb (gpointer data)
{
  GxQueryModel *self = data;

  self->reload_source = 0;
  self->refill = TRUE;
  start_load (self);

  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (GxQueryModel *self,
                     const char   *table,
                     GxStore      *store)
{
  const char * const *tables = GX_ROW_CLASS (g_type_class_peek (self->row_type))->tables;

  if (tables == NULL || !g_strv_contains (tables, table))
    return;

  /* One reload for all the tables a commit touched. */
  if (self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_DEFAULT, reload_idle_cb, self, NULL);
}

/* GObject */

static void
gx_query_model_dispose (GObject *object)
{
  GxQueryModel *self = (GxQueryModel *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gx_query_model_parent_class)->dispose (object);
}

static void
gx_query_model_finalize (GObject *object)
{
  GxQueryModel *self = (GxQueryModel *) object;

  g_clear_pointer (&self->keys, g_array_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->page_sql, g_free);
  g_clear_pointer (&self->keys_sql, g_free);
  g_clear_pointer (&self->params, g_variant_unref);

  G_OBJECT_CLASS (gx_query_model_parent_class)->finalize (object);
}

static void
gx_query_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GxQueryModel *self = GX_QUERY_MODEL (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, self->row_type);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->keys->len);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_query_model_class_init (GxQueryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gx_query_model_dispose;
  object_class->finalize = gx_query_model_finalize;
  object_class->get_property = gx_query_model_get_property;

  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, GX_TYPE_ROW,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gx_query_model_init (GxQueryModel *self)
{
  self->keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

/* Public API */

/**
 * gx_query_model_new:
 * @store: the store to read
 * @row_type: a #GxRow subclass; its page query builds the items
 *
 * Returns: (transfer full): an empty model; give it a query with gx_query_model_set_query()
 */
GxQueryModel *
gx_query_model_new (GxStore *store,
                    GType    row_type)
{
  GxQueryModel *self;
  GxRowClass *row_class;
  GString *placeholders;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (GX_IS_STORE (store), NULL);
  g_return_val_if_fail (g_type_is_a (row_type, GX_TYPE_ROW), NULL);

  row_class = g_type_class_ref (row_type);
  g_return_val_if_fail (row_class->page_sql != NULL, NULL);

  self = g_object_new (GX_TYPE_QUERY_MODEL, NULL);
  self->store = g_object_ref (store);
  self->row_type = row_type;

  /* The class's query has one "%s" where the page's placeholders go. */
  placeholders = g_string_new ("?");
  for (guint i = 1; i < PAGE_SIZE; i++)
    g_string_append (placeholders, ",?");
  parts = g_strsplit (row_class->page_sql, "%s", 2);
  g_return_val_if_fail (g_strv_length (parts) == 2, NULL);
  self->page_sql = g_strconcat (parts[0], placeholders->str, parts[1], NULL);
  g_string_free (placeholders, TRUE);
  g_type_class_unref (row_class);

  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

/**
 * gx_query_model_set_query:
 * @self: a #GxQueryModel
 * @keys_sql: a query returning the rowids of the rows to list, in order, as its first column
 * @params: (nullable) (transfer floating): its parameters, see gx_db_bind_variant()
 *
 * Lists what @keys_sql selects. The keys load on a worker thread; the model announces the
 * difference when they arrive. A query still running is cancelled.
 */
void
gx_query_model_set_query (GxQueryModel *self,
                          const char   *keys_sql,
                          GVariant     *params)
{
  g_return_if_fail (GX_IS_QUERY_MODEL (self));
  g_return_if_fail (keys_sql != NULL);

  if (params != NULL)
    g_variant_ref_sink (params);

  g_free (self->keys_sql);
  self->keys_sql = g_strdup (keys_sql);
  g_clear_pointer (&self->params, g_variant_unref);
  self->params = params;

  start_load (self);
}

/**
 * gx_query_model_reload:
 * @self: a #GxQueryModel
 *
 * Runs the query again and refreshes the cached rows.
 */
void
gx_query_model_reload (GxQueryModel *self)
{
  g_return_if_fail (GX_IS_QUERY_MODEL (self));

  self->refill = TRUE;
  start_load (self);
}

gboolean
gx_query_model_get_loading (GxQueryModel *self)
{
  g_return_val_if_fail (GX_IS_QUERY_MODEL (self), FALSE);

  return self->loading;
}

GType
gx_query_model_get_row_type (GxQueryModel *self)
{
  g_return_val_if_fail (GX_IS_QUERY_MODEL (self), G_TYPE_INVALID);

  return self->row_type;
}

/**
 * gx_query_model_get_query:
 * @self: a #GxQueryModel
 * @params: (out) (transfer none) (optional) (nullable): the query's parameters
 *
 * What the list shows, for work over the whole list (an export to CSV) on another thread.
 *
 * Returns: (transfer none) (nullable): the keys query
 */
const char *
gx_query_model_get_query (GxQueryModel  *self,
                          GVariant     **params)
{
  g_return_val_if_fail (GX_IS_QUERY_MODEL (self), NULL);

  if (params != NULL)
    *params = self->params;
  return self->keys_sql;
}

/**
 * gx_query_model_find_rowid:
 * @self: a #GxQueryModel
 * @rowid: a row key
 *
 * Returns: the position of @rowid, or -1
 */
int
gx_query_model_find_rowid (GxQueryModel *self,
                           gint64        rowid)
{
  gpointer position;

  g_return_val_if_fail (GX_IS_QUERY_MODEL (self), -1);

  if (self->positions == NULL)
    {
      self->positions = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (guint i = 0; i < self->keys->len; i++)
        g_hash_table_insert (self->positions, &g_array_index (self->keys, gint64, i),
                             GUINT_TO_POINTER (i + 1));
    }

  position = g_hash_table_lookup (self->positions, &rowid);
  return position ? (int) GPOINTER_TO_UINT (position) - 1 : -1;
}

/**
 * gx_query_model_get_n_fetches:
 * @self: a #GxQueryModel
 *
 * Returns: how many page queries the model ran; tests and benchmarks read it
 */
guint
gx_query_model_get_n_fetches (GxQueryModel *self)
{
  g_return_val_if_fail (GX_IS_QUERY_MODEL (self), 0);

  return self->n_fetches;
}
