/* gx-factors-dialog.c: the service-factor tree, edited by a supervisor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-factors-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-factors-dialog.h"
#include "gx-service-factors.h"
#include "gx-service-index.h"

/* One row per factor, parts indented under their group. Each edit is one write through core
 * (gx-service-factors.c), whose rule refuses what would break the tree; the refusal is shown
 * in a toast and the row keeps what was typed. Removing is undone from its toast. */

typedef enum
{
  OP_ADD,
  OP_RENAME,
  OP_MOVE,
  OP_UP,
  OP_DOWN,
  OP_REMOVE,
} OpKind;

typedef struct
{
  OpKind  kind;
  char   *id;
  char   *arg;       /* a name (add, rename) or a parent id (add, move) */
  char   *parent;    /* add: the parent */
  char   *user_id;
  gint64  now;
  char   *new_id;
} Op;

struct _GxFactorsDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkListBox      *list;
  AdwEntryRow     *new_row;

  /* Owned */
  GxContext       *context;
  GCancellable    *cancellable;
  char            *focus_id;
};

G_DEFINE_FINAL_TYPE (GxFactorsDialog, gx_factors_dialog, ADW_TYPE_WINDOW)

static void reload (GxFactorsDialog *self);
static void run_op (GxFactorsDialog *self,
                    OpKind           kind,
                    const char      *id,
                    const char      *arg,
                    const char      *parent);

static void
op_free (gpointer data)
{
  Op *op = data;

  g_free (op->id);
  g_free (op->arg);
  g_free (op->parent);
  g_free (op->user_id);
  g_free (op->new_id);
  g_free (op);
}

static gboolean
do_op (GxDb      *db,
       gpointer   data,
       GError   **error)
{
  Op *op = data;
  GxWriteMeta meta = { .now = op->now, .user_id = op->user_id };

  switch (op->kind)
    {
    case OP_ADD:
      return gx_service_factor_add (db, op->parent, op->arg, &meta, &op->new_id, error);
    case OP_RENAME:
      return gx_service_factor_rename (db, op->id, op->arg, &meta, error);
    case OP_MOVE:
      return gx_service_factor_move (db, op->id, op->arg, &meta, error);
    case OP_UP:
      return gx_service_factor_reorder (db, op->id, -1, &meta, error);
    case OP_DOWN:
      return gx_service_factor_reorder (db, op->id, 1, &meta, error);
    case OP_REMOVE:
    default:
      return gx_service_factor_remove (db, op->id, &meta, error);
    }
}

typedef struct
{
  GxFactorsDialog *self;
  Op              *op;      /* borrowed from the write request, valid in the callback */
  char            *name;    /* remove: what to bring back */
  char            *parent;
} Done;

static void
on_undo_clicked_cb (AdwToast *toast,
                    gpointer  user_data)
{
  GxFactorsDialog *self = g_object_get_data (G_OBJECT (toast), "dialog");

  run_op (self, OP_ADD, NULL, g_object_get_data (G_OBJECT (toast), "name"),
          g_object_get_data (G_OBJECT (toast), "parent"));
}

static void
op_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autofree Done *done = user_data;
  g_autoptr(GxFactorsDialog) self = done->self;
  g_autofree char *name = g_steal_pointer (&done->name);
  g_autofree char *parent = g_steal_pointer (&done->parent);
  g_autoptr(GError) error = NULL;

  if (!gx_store_write_finish (GX_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  if (name != NULL)
    {
      /* Translators: a toast after a service factor was removed */
      g_autofree char *title = g_strdup_printf (_("Removed “%s”"), name);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), "name", g_steal_pointer (&name), g_free);
      g_object_set_data_full (G_OBJECT (toast), "parent", g_steal_pointer (&parent), g_free);
      g_object_set_data (G_OBJECT (toast), "dialog", self);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }

  reload (self);
}

static void
run_op (GxFactorsDialog *self,
        OpKind           kind,
        const char      *id,
        const char      *arg,
        const char      *parent)
{
  GxClock *clock = gx_context_get_clock (self->context);
  Op *op = g_new0 (Op, 1);
  Done *done = g_new0 (Done, 1);

  op->kind = kind;
  op->id = g_strdup (id);
  op->arg = g_strdup (arg);
  op->parent = g_strdup (parent);
  op->user_id = g_strdup (gx_context_get_user_id (self->context));
  op->now = gx_clock_now (clock);

  done->self = g_object_ref (self);
  if (kind == OP_REMOVE)
    {
      done->name = g_strdup (arg);
      done->parent = g_strdup (parent);
      op->arg = NULL;
    }
  g_free (self->focus_id);
  self->focus_id = g_strdup (id);

  gx_store_write_async (gx_context_get_store (self->context), do_op, op, op_free, self->cancellable,
                        op_done_cb, done);
}

/* Rows */

static const char *
row_id (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW);

  return row ? g_object_get_data (G_OBJECT (row), "factor-id") : NULL;
}

static void
on_rename_apply_cb (AdwEntryRow     *row,
                    GxFactorsDialog *self)
{
  run_op (self, OP_RENAME, g_object_get_data (G_OBJECT (row), "factor-id"),
          gtk_editable_get_text (GTK_EDITABLE (row)), NULL);
}

static void
on_up_clicked_cb (GtkButton       *button,
                  GxFactorsDialog *self)
{
  run_op (self, OP_UP, row_id (GTK_WIDGET (button)), NULL, NULL);
}

static void
on_down_clicked_cb (GtkButton       *button,
                    GxFactorsDialog *self)
{
  run_op (self, OP_DOWN, row_id (GTK_WIDGET (button)), NULL, NULL);
}

static void
on_indent_clicked_cb (GtkButton       *button,
                      GxFactorsDialog *self)
{
  run_op (self, OP_MOVE, row_id (GTK_WIDGET (button)), g_object_get_data (G_OBJECT (button), "target"), NULL);
}

static void
on_outdent_clicked_cb (GtkButton       *button,
                       GxFactorsDialog *self)
{
  run_op (self, OP_MOVE, row_id (GTK_WIDGET (button)), g_object_get_data (G_OBJECT (button), "target"), NULL);
}

static void
on_remove_clicked_cb (GtkButton       *button,
                      GxFactorsDialog *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ENTRY_ROW);

  run_op (self, OP_REMOVE, row_id (GTK_WIDGET (button)), g_object_get_data (G_OBJECT (row), "factor-name"),
          g_object_get_data (G_OBJECT (row), "factor-parent"));
}

static GtkWidget *
row_button (AdwEntryRow *row,
            const char  *icon,
            const char  *label,
            GCallback    callback,
            gpointer     self,
            gboolean     sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_sensitive (button, sensitive);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  adw_entry_row_add_suffix (row, button);
  return button;
}

static const GxServiceFactor *
previous_sibling (GPtrArray             *factors,
                  guint                  index)
{
  const GxServiceFactor *factor = g_ptr_array_index (factors, index);

  for (guint i = index; i-- > 0;)
    {
      const GxServiceFactor *other = g_ptr_array_index (factors, i);

      if (other->depth < factor->depth)
        return NULL;
      if (other->depth == factor->depth)
        return other;
    }
  return NULL;
}

static gboolean
has_next_sibling (GPtrArray *factors,
                  guint      index)
{
  const GxServiceFactor *factor = g_ptr_array_index (factors, index);

  for (guint i = index + 1; i < factors->len; i++)
    {
      const GxServiceFactor *other = g_ptr_array_index (factors, i);

      if (other->depth < factor->depth)
        return FALSE;
      if (other->depth == factor->depth)
        return TRUE;
    }
  return FALSE;
}

static void
reload (GxFactorsDialog *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  g_autoptr(GxServiceIndex) index = gx_service_index_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *child, *focus = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (!gx_service_index_load_tree (index, db, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  gx_service_index_compute (index, 0);

  for (guint i = 0; i < index->factors->len; i++)
    {
      const GxServiceFactor *factor = g_ptr_array_index (index->factors, i);
      const GxServiceFactor *above = previous_sibling (index->factors, i);
      const GxServiceFactor *parent = gx_service_index_find (index, factor->parent_id);
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *indent = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *button;
      g_autofree char *accessible = NULL;

      gtk_editable_set_text (GTK_EDITABLE (row), factor->name);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      if (parent != NULL)
        {
          /* Translators: above a factor's name in its row: the group it is part of */
          g_autofree char *title = g_strdup_printf (_("Part of “%s”"), parent->name);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
        }
      else
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Factor"));
      gtk_widget_set_size_request (indent, 24 * (int) factor->depth, -1);
      adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), indent);

      g_object_set_data_full (G_OBJECT (row), "factor-id", g_strdup (factor->id), g_free);
      g_object_set_data_full (G_OBJECT (row), "factor-name", g_strdup (factor->name), g_free);
      g_object_set_data_full (G_OBJECT (row), "factor-parent", g_strdup (factor->parent_id), g_free);
      g_signal_connect_object (row, "apply", G_CALLBACK (on_rename_apply_cb), self, 0);

      row_button (ADW_ENTRY_ROW (row), "go-up-symbolic", _("Move Up"), G_CALLBACK (on_up_clicked_cb), self,
                  above != NULL);
      row_button (ADW_ENTRY_ROW (row), "go-down-symbolic", _("Move Down"), G_CALLBACK (on_down_clicked_cb), self,
                  has_next_sibling (index->factors, i));
      button = row_button (ADW_ENTRY_ROW (row), "format-indent-more-symbolic", _("Make Part of the Factor Above"),
                           G_CALLBACK (on_indent_clicked_cb), self, above != NULL);
      if (above != NULL)
        g_object_set_data_full (G_OBJECT (button), "target", g_strdup (above->id), g_free);
      button = row_button (ADW_ENTRY_ROW (row), "format-indent-less-symbolic", _("Move Out of Its Group"),
                           G_CALLBACK (on_outdent_clicked_cb), self, parent != NULL);
      if (parent != NULL)
        g_object_set_data_full (G_OBJECT (button), "target", g_strdup (parent->parent_id), g_free);
      row_button (ADW_ENTRY_ROW (row), "user-trash-symbolic", _("Remove"), G_CALLBACK (on_remove_clicked_cb), self,
                  !factor->composite);

      accessible = parent ? g_strdup_printf (_("%s, part of %s"), factor->name, parent->name) : g_strdup (factor->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_list_box_append (self->list, row);

      if (g_strcmp0 (factor->id, self->focus_id) == 0)
        focus = row;
    }

  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

static void
on_new_row_apply_cb (GxFactorsDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->new_row));

  run_op (self, OP_ADD, NULL, name, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->new_row), "");
}

/* GObject */

static void
gx_factors_dialog_dispose (GObject *object)
{
  GxFactorsDialog *self = (GxFactorsDialog *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_FACTORS_DIALOG);

  G_OBJECT_CLASS (gx_factors_dialog_parent_class)->dispose (object);
}

static void
gx_factors_dialog_finalize (GObject *object)
{
  GxFactorsDialog *self = (GxFactorsDialog *) object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_free (self->focus_id);

  G_OBJECT_CLASS (gx_factors_dialog_parent_class)->finalize (object);
}

static void
gx_factors_dialog_class_init (GxFactorsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_factors_dialog_dispose;
  object_class->finalize = gx_factors_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-factors-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GxFactorsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GxFactorsDialog, list);
  gtk_widget_class_bind_template_child (widget_class, GxFactorsDialog, new_row);
  gtk_widget_class_bind_template_callback (widget_class, on_new_row_apply_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gx_factors_dialog_init (GxFactorsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * gx_factors_dialog_new:
 * @context: the desk's context
 *
 * Returns: (transfer full): the editor of the service-factor tree
 */
GtkWidget *
gx_factors_dialog_new (GxContext *context)
{
  GxFactorsDialog *self;

  g_return_val_if_fail (GX_IS_CONTEXT (context), NULL);

  self = g_object_new (GX_TYPE_FACTORS_DIALOG, NULL);
  self->context = g_object_ref (context);
  reload (self);
  return GTK_WIDGET (self);
}
