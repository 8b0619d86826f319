/* gx-sync-issues-dialog.c: conflicts resolved field by field, refused changes retried or dropped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-sync-issues-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-sync-apply.h"
#include "gx-sync-client.h"
#include "gx-sync-issues-dialog.h"
#include "gx-sync-status.h"

struct _GxSyncIssuesDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwPreferencesGroup  *conflicts_group;
  AdwPreferencesGroup  *parked_group;

  /* Owned */
  GxContext            *context;
  GPtrArray            *rows;      /* rows added to the groups, to remove them on refresh */
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GxSyncIssuesDialog, gx_sync_issues_dialog, ADW_TYPE_WINDOW)

typedef enum
{
  KEEP_MINE,
  KEEP_THEIRS,
  RETRY,
  DISCARD,
} Decision;

typedef struct
{
  char       *id;
  Decision    decision;
  char       *user_id;
  gint64      now;
} DecisionWrite;

static void
decision_write_free (gpointer data)
{
  DecisionWrite *w = data;

  g_free (w->id);
  g_free (w->user_id);
  g_free (w);
}

static gboolean
write_decision_cb (GxDb      *db,
                   gpointer   user_data,
                   GError   **error)
{
  DecisionWrite *w = user_data;
  GxWriteMeta meta = { .now = w->now, .user_id = w->user_id };

  switch (w->decision)
    {
    case KEEP_MINE:
    case KEEP_THEIRS:
      return gx_sync_resolve_conflict (db, w->id, w->decision == KEEP_MINE, &meta, error);
    case RETRY:
      return gx_sync_retry_parked (db, w->id, error);
    case DISCARD:
    default:
      return gx_sync_discard_parked (db, w->id, error);
    }
}

static void
on_decision_written_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GxSyncIssuesDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GxSyncClient *client;

  if (self->context == NULL)
    return;

  if (!gx_store_write_finish (GX_STORE (source), result, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  /* A kept value or a retried change goes out at once. */
  client = gx_context_get_sync_client (self->context);
  if (client != NULL)
    gx_sync_client_sync_now (client);
}

static void
on_decision_clicked_cb (GtkButton          *button,
                        GxSyncIssuesDialog *self)
{
  DecisionWrite *w = g_new0 (DecisionWrite, 1);

  w->id = g_strdup (g_object_get_data (G_OBJECT (button), "gx-id"));
  w->decision = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "gx-decision"));
  w->user_id = g_strdup (gx_context_get_user_id (self->context));
  w->now = gx_clock_now (gx_context_get_clock (self->context));

  gtk_widget_set_sensitive (gtk_widget_get_parent (GTK_WIDGET (button)), FALSE);
  gx_store_write_async (gx_context_get_store (self->context), write_decision_cb, w, decision_write_free,
                        NULL, on_decision_written_cb, g_object_ref (self));
}

static GtkWidget *
decision_button (GxSyncIssuesDialog *self,
                 const char         *label,
                 const char         *accessible,
                 const char         *id,
                 Decision            decision)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "gx-id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (button), "gx-decision", GINT_TO_POINTER (decision));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_decision_clicked_cb), self, 0);
  return button;
}

static void
add_row (GxSyncIssuesDialog  *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
refresh (GxSyncIssuesDialog *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  sqlite3_stmt *stmt;
  guint n_conflicts = 0, n_parked = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = self->rows->pdata[i];
      AdwPreferencesGroup *group = g_object_get_data (G_OBJECT (row), "gx-group");
      adw_preferences_group_remove (group, row);
    }
  g_ptr_array_set_size (self->rows, 0);

  stmt = gx_db_prepare (db, "SELECT id, kind, record_id, field, mine, theirs FROM sync_conflicts ORDER BY created_at, id", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = gx_db_column_text (stmt, 0);
      const char *kind = gx_db_column_text (stmt, 1);
      g_autofree char *record = gx_sync_dup_record_title (db, kind, gx_db_column_text (stmt, 2));
      g_autofree char *field = gx_sync_field_label (kind, gx_db_column_text (stmt, 3));
      g_autofree char *mine = gx_sync_format_value (gx_db_column_text (stmt, 4));
      g_autofree char *theirs = gx_sync_format_value (gx_db_column_text (stmt, 5));
      g_autofree char *title = g_strdup_printf ("%s — %s", record, field);
      /* Translators: the two values of a field in conflict */
      g_autofree char *subtitle = g_strdup_printf (_("Yours: %s\nTheirs: %s"), mine, theirs);
      g_autofree char *keep_mine = g_strdup_printf (_("Keep your value of %s"), field);
      g_autofree char *keep_theirs = g_strdup_printf (_("Keep their value of %s"), field);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      gtk_box_append (GTK_BOX (box), decision_button (self, _("Keep _Mine"), keep_mine, id, KEEP_MINE));
      gtk_box_append (GTK_BOX (box), decision_button (self, _("Keep _Theirs"), keep_theirs, id, KEEP_THEIRS));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      g_object_set_data (G_OBJECT (row), "gx-group", self->conflicts_group);
      add_row (self, self->conflicts_group, row);
      n_conflicts++;
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);

  stmt = gx_db_prepare (db,
                        "SELECT mutation_id, kind, record_id, op, parked_reason, parked_field FROM outbox"
                        " WHERE parked_reason IS NOT NULL ORDER BY seq",
                        NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = gx_db_column_text (stmt, 0);
      const char *kind = gx_db_column_text (stmt, 1);
      const char *op = gx_db_column_text (stmt, 3);
      g_autofree char *record = gx_sync_dup_record_title (db, kind, gx_db_column_text (stmt, 2));
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *retry = NULL;
      g_autofree char *discard = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      if (g_strcmp0 (op, "insert") == 0)
        /* Translators: a record the server did not accept */
        title = g_strdup_printf (_("New: %s"), record);
      else if (g_strcmp0 (op, "delete") == 0)
        title = g_strdup_printf (_("Deleted: %s"), record);
      else
        title = g_strdup_printf (_("Changed: %s"), record);

      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        {
          g_autofree char *field = gx_sync_field_label (kind, gx_db_column_text (stmt, 5));
          /* Translators: the field at fault, then the server's reason */
          subtitle = g_strdup_printf (_("%s: %s"), field, gx_db_column_text (stmt, 4));
        }
      else
        subtitle = g_strdup (gx_db_column_text (stmt, 4));

      retry = g_strdup_printf (_("Send again: %s"), record);
      discard = g_strdup_printf (_("Discard: %s"), record);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      gtk_box_append (GTK_BOX (box), decision_button (self, _("_Retry"), retry, id, RETRY));
      gtk_box_append (GTK_BOX (box), decision_button (self, _("_Discard"), discard, id, DISCARD));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      g_object_set_data (G_OBJECT (row), "gx-group", self->parked_group);
      add_row (self, self->parked_group, row);
      n_parked++;
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);

  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), n_conflicts > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->parked_group), n_parked > 0);
  gtk_stack_set_visible_child_name (self->stack, n_conflicts + n_parked > 0 ? "issues" : "empty");
}

static void
on_store_changed_cb (GxSyncIssuesDialog *self,
                     const char         *table)
{
  refresh (self);
}

static void
set_context (GxSyncIssuesDialog *self,
             GxContext          *context)
{
  GxStore *store = gx_context_get_store (context);

  self->context = g_object_ref (context);
  g_signal_connect_object (store, "changed::sync_conflicts", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::outbox", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  /* Pulled records change the titles shown (or remove the records). */
  g_signal_connect_object (store, "changed::customers", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  refresh (self);
}

/* GObject */

static void
gx_sync_issues_dialog_dispose (GObject *object)
{
  GxSyncIssuesDialog *self = (GxSyncIssuesDialog *) object;

  /* A write still running may announce its commit after the window went away. */
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (gx_context_get_store (self->context), self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_SYNC_ISSUES_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_sync_issues_dialog_parent_class)->dispose (object);
}

static void
gx_sync_issues_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  GxSyncIssuesDialog *self = GX_SYNC_ISSUES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_sync_issues_dialog_class_init (GxSyncIssuesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_sync_issues_dialog_dispose;
  object_class->set_property = gx_sync_issues_dialog_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GX_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-sync-issues-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GxSyncIssuesDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GxSyncIssuesDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GxSyncIssuesDialog, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, GxSyncIssuesDialog, parked_group);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gx_sync_issues_dialog_init (GxSyncIssuesDialog *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gx_sync_issues_dialog_new (GxContext *context)
{
  g_return_val_if_fail (GX_IS_CONTEXT (context), NULL);

  return g_object_new (GX_TYPE_SYNC_ISSUES_DIALOG, "context", context, NULL);
}
