/* gx-activity-ui.c: small helpers the activity widgets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-activity-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-activity-ui.h"
#include "gx-enums.h"
#include "gx-window.h"

/**
 * gx_activity_ui_toast:
 * @widget: a widget in a Guanxi window, or in a dialog over one
 * @message: what to say
 *
 * Shows @message as a toast in the main window.
 */
static void
on_undo_clicked_cb (AdwToast  *toast,
                    GtkWidget *widget)
{
  gtk_widget_activate_action_variant (widget, g_object_get_data (G_OBJECT (toast), "undo-action"),
                                      g_object_get_data (G_OBJECT (toast), "undo-target"));
}

static GxWindow *
find_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  while (root != NULL && !GX_IS_WINDOW (root) && GTK_IS_WINDOW (root) &&
         gtk_window_get_transient_for (GTK_WINDOW (root)) != NULL)
    root = GTK_ROOT (gtk_window_get_transient_for (GTK_WINDOW (root)));

  return root != NULL && GX_IS_WINDOW (root) ? GX_WINDOW (root) : NULL;
}

/**
 * gx_activity_ui_toast_undo:
 * @widget: the widget whose action undoes the change
 * @message: what was done
 * @action: the action that undoes it, e.g. "page.readd-staff"
 * @target: (nullable): its parameter (floating references are sunk)
 *
 * A reversible change is done at once and offered back: a toast with an Undo button.
 */
void
gx_activity_ui_toast_undo (GtkWidget  *widget,
                           const char *message,
                           const char *action,
                           GVariant   *target)
{
  GxWindow *window = find_window (widget);
  g_autoptr(GVariant) owned = target ? g_variant_ref_sink (target) : NULL;
  AdwToast *toast;

  if (window == NULL)
    return;

  /* The toast lives in the window; the action is the widget's, activated on it. */
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "undo-action", g_strdup (action), g_free);
  g_object_set_data_full (G_OBJECT (toast), "undo-target", owned ? g_variant_ref (owned) : NULL,
                          (GDestroyNotify) g_variant_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), widget, 0);
  gx_window_add_toast (window, toast);
}

void
gx_activity_ui_toast (GtkWidget  *widget,
                      const char *message)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  while (root != NULL && !GX_IS_WINDOW (root) && GTK_IS_WINDOW (root) &&
         gtk_window_get_transient_for (GTK_WINDOW (root)) != NULL)
    root = GTK_ROOT (gtk_window_get_transient_for (GTK_WINDOW (root)));

  if (root != NULL && GX_IS_WINDOW (root))
    {
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 4);
      /* At the door one result follows another: the newest is the one that matters. */
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      gx_window_add_toast (GX_WINDOW (root), toast);
    }
}

typedef struct
{
  GxActivityWriteFunc  func;
  gpointer             data;
  GDestroyNotify       data_free;
  char                *user_id;
  gint64               now;
} WriteRequest;

static void
write_request_free (gpointer data)
{
  WriteRequest *request = data;

  if (request->data_free != NULL)
    request->data_free (request->data);
  g_free (request->user_id);
  g_free (request);
}

static gboolean
write_cb (GxDb      *db,
          gpointer   data,
          GError   **error)
{
  WriteRequest *request = data;
  GxWriteMeta meta = { .now = request->now, .user_id = request->user_id };

  return request->func (db, &meta, request->data, error);
}

/**
 * gx_activity_ui_write:
 * @context: the desk's context
 * @func: the change, run in one transaction on the writer thread
 * @data: (transfer full): its data, a copy of what the form holds
 * @data_free: (nullable): frees @data
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main thread when the change is committed or refused
 * @user_data: data for @callback
 *
 * Runs an activity change with the desk's user and the time of the request.
 */
void
gx_activity_ui_write (GxContext            *context,
                      GxActivityWriteFunc   func,
                      gpointer              data,
                      GDestroyNotify        data_free,
                      GCancellable         *cancellable,
                      GAsyncReadyCallback   callback,
                      gpointer              user_data)
{
  WriteRequest *request = g_new0 (WriteRequest, 1);

  request->func = func;
  request->data = data;
  request->data_free = data_free;
  request->user_id = g_strdup (gx_context_get_user_id (context));
  request->now = gx_clock_now (gx_context_get_clock (context));

  gx_store_write_async (gx_context_get_store (context), write_cb, request, write_request_free,
                        cancellable, callback, user_data);
}

gboolean
gx_activity_ui_write_finish (GxContext     *context,
                             GAsyncResult  *result,
                             GError       **error)
{
  return gx_store_write_finish (gx_context_get_store (context), result, error);
}

/**
 * gx_activity_ui_fill_combo:
 * @row: a combo row
 * @ids: an array (of strings) to receive the id of each entry
 * @none_label: (nullable): a first entry meaning "none", with a %NULL id
 * @db: a connection
 * @sql: a query returning id, label
 * @params: (nullable): its parameters
 *
 * Fills @row with labels from @sql, keeping their ids in @ids.
 */
void
gx_activity_ui_fill_combo (AdwComboRow *row,
                           GPtrArray   *ids,
                           const char  *none_label,
                           GxDb        *db,
                           const char  *sql,
                           GVariant    *params)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GVariant) owned = params ? g_variant_ref_sink (params) : NULL;
  sqlite3_stmt *stmt;

  g_ptr_array_set_size (ids, 0);
  if (none_label != NULL)
    {
      gtk_string_list_append (labels, none_label);
      g_ptr_array_add (ids, NULL);
    }

  stmt = gx_db_prepare (db, sql, NULL);
  if (stmt != NULL && gx_db_bind_variant (stmt, owned, NULL))
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_ptr_array_add (ids, g_strdup (gx_db_column_text (stmt, 0)));
          gtk_string_list_append (labels, gx_db_column_text (stmt, 1));
        }
      sqlite3_reset (stmt);
    }

  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
}

/**
 * gx_activity_ui_fill_vocab:
 * @row: a combo row
 * @vocab: a #GxVocab
 *
 * Fills @row with the translated labels of @vocab, in its order.
 */
void
gx_activity_ui_fill_vocab (AdwComboRow *row,
                           int          vocab)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const GxVocabEntry *entries;
  guint n;

  entries = gx_vocab_entries ((GxVocab) vocab, &n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (labels, gx_vocab_label ((GxVocab) vocab, entries[i].code));
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
}

/**
 * gx_activity_ui_find_id:
 * @ids: the ids of a combo's entries
 * @id: (nullable): an id
 *
 * Returns: the position of @id in @ids (%NULL finds the "none" entry), or 0
 */
int
gx_activity_ui_find_id (GPtrArray  *ids,
                        const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return (int) i;
  return 0;
}

/**
 * gx_activity_ui_mark:
 * @row: a form row
 * @invalid: whether its value was refused
 *
 * Marks a row whose value was refused; the message is said next to the form.
 */
void
gx_activity_ui_mark (GtkWidget *row,
                     gboolean   invalid)
{
  if (invalid)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}
