/* gx-case-categories-page.c: supervisors keep the list of complaint categories
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-case-categories-page"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-case-categories-page.h"
#include "gx-case-category.h"
#include "gx-format.h"

/* A page of the time-limits window: the categories offered at intake, each a row to rename
 * in place, move up or down, or retire; retired ones below, to offer again. Every edit is
 * one write through core (gx-case-category.c), whose rule refuses a blank or repeated name
 * and retiring the last category; a refusal is shown in a toast and the row keeps what was
 * typed, marked. Retiring is undone from its toast. */

typedef enum
{
  OP_ADD,
  OP_RENAME,
  OP_UP,
  OP_DOWN,
  OP_RETIRE,
  OP_RESTORE,
} OpKind;

typedef struct
{
  OpKind  kind;
  char   *id;
  char   *name;
  char   *user_id;
  gint64  now;
} Op;

struct _GxCaseCategoriesPage
{
  AdwPreferencesPage   parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *active_group;
  AdwPreferencesGroup *retired_group;
  AdwEntryRow         *new_row;

  /* Owned */
  GxContext           *context;
  GCancellable        *cancellable;
  GPtrArray           *rows;
  char                *focus_id;
};

G_DEFINE_FINAL_TYPE (GxCaseCategoriesPage, gx_case_categories_page, ADW_TYPE_PREFERENCES_PAGE)

static void reload (GxCaseCategoriesPage *self);
static void run_op (GxCaseCategoriesPage *self,
                    OpKind                kind,
                    const char           *id,
                    const char           *name,
                    GtkWidget            *row);

static void
add_toast (GxCaseCategoriesPage *self,
           AdwToast             *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
op_free (gpointer data)
{
  Op *op = data;

  g_free (op->id);
  g_free (op->name);
  g_free (op->user_id);
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
      return gx_case_category_add (db, op->name, &meta, NULL, error);
    case OP_RENAME:
      return gx_case_category_rename (db, op->id, op->name, &meta, error);
    case OP_UP:
      return gx_case_category_reorder (db, op->id, -1, &meta, error);
    case OP_DOWN:
      return gx_case_category_reorder (db, op->id, 1, &meta, error);
    case OP_RETIRE:
      return gx_case_category_set_active (db, op->id, FALSE, &meta, error);
    case OP_RESTORE:
    default:
      return gx_case_category_set_active (db, op->id, TRUE, &meta, error);
    }
}

typedef struct
{
  GxCaseCategoriesPage *self;
  GtkWidget            *row;       /* (nullable): the row the edit came from, to mark */
  OpKind                kind;
  char                 *id;
  char                 *name;
} Done;

static void
on_undo_clicked_cb (AdwToast             *toast,
                    GxCaseCategoriesPage *self)
{
  run_op (self, OP_RESTORE, g_object_get_data (G_OBJECT (toast), "category-id"), NULL, NULL);
}

static void
op_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Done *done = user_data;
  g_autoptr(GxCaseCategoriesPage) self = done->self;
  g_autoptr(GtkWidget) row = done->row;
  g_autofree char *id = done->id;
  g_autofree char *name = done->name;
  OpKind kind = done->kind;
  g_autoptr(GError) error = NULL;

  g_free (done);

  if (!gx_store_write_finish (GX_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The row keeps what was typed, marked, with the reason in a toast. */
      if (row != NULL)
        gtk_widget_add_css_class (row, "error");
      add_toast (self, adw_toast_new (error->message));
      return;
    }

  if (kind == OP_RETIRE)
    {
      /* Translators: a toast after a complaint category was retired */
      g_autofree char *title = g_strdup_printf (_("Retired “%s”"), name);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), "category-id", g_strdup (id), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
      add_toast (self, toast);
    }
  else if (kind == OP_ADD)
    gtk_editable_set_text (GTK_EDITABLE (self->new_row), "");

  reload (self);
}

static void
run_op (GxCaseCategoriesPage *self,
        OpKind                kind,
        const char           *id,
        const char           *name,
        GtkWidget            *row)
{
  Op *op = g_new0 (Op, 1);
  Done *done = g_new0 (Done, 1);

  op->kind = kind;
  op->id = g_strdup (id);
  op->name = g_strdup (name);
  op->user_id = g_strdup (gx_context_get_user_id (self->context));
  op->now = gx_clock_now (gx_context_get_clock (self->context));

  done->self = g_object_ref (self);
  done->row = row ? g_object_ref (row) : NULL;
  done->kind = kind;
  done->id = g_strdup (id);
  done->name = g_strdup (name);

  if (id != NULL && kind != OP_RETIRE)
    {
      g_free (self->focus_id);
      self->focus_id = g_strdup (id);
    }

  if (row != NULL)
    gtk_widget_remove_css_class (row, "error");
  gx_store_write_async (gx_context_get_store (self->context), do_op, op, op_free, self->cancellable,
                        op_done_cb, done);
}

/* Rows */

static GtkWidget *
row_of (GtkWidget *widget)
{
  return gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);
}

static const char *
id_of (GtkWidget *widget)
{
  GtkWidget *row = row_of (widget);

  return row ? g_object_get_data (G_OBJECT (row), "category-id") : NULL;
}

static void
on_rename_apply_cb (AdwEntryRow          *row,
                    GxCaseCategoriesPage *self)
{
  run_op (self, OP_RENAME, g_object_get_data (G_OBJECT (row), "category-id"),
          gtk_editable_get_text (GTK_EDITABLE (row)), GTK_WIDGET (row));
}

static void
on_up_clicked_cb (GtkButton            *button,
                  GxCaseCategoriesPage *self)
{
  run_op (self, OP_UP, id_of (GTK_WIDGET (button)), NULL, NULL);
}

static void
on_down_clicked_cb (GtkButton            *button,
                    GxCaseCategoriesPage *self)
{
  run_op (self, OP_DOWN, id_of (GTK_WIDGET (button)), NULL, NULL);
}

static void
on_retire_clicked_cb (GtkButton            *button,
                      GxCaseCategoriesPage *self)
{
  GtkWidget *row = row_of (GTK_WIDGET (button));
  guint at;

  /* The keyboard stays where the retired row was: on the next category, else the one above. */
  if (g_ptr_array_find (self->rows, row, &at))
    {
      GtkWidget *next = at + 1 < self->rows->len ? g_ptr_array_index (self->rows, at + 1) : NULL;
      GtkWidget *other = next != NULL && ADW_IS_ENTRY_ROW (next) ? next
                         : at > 0 ? g_ptr_array_index (self->rows, at - 1) : NULL;

      g_free (self->focus_id);
      self->focus_id = other ? g_strdup (g_object_get_data (G_OBJECT (other), "category-id")) : NULL;
    }

  run_op (self, OP_RETIRE, id_of (GTK_WIDGET (button)), g_object_get_data (G_OBJECT (row), "category-name"), row);
}

static void
on_restore_clicked_cb (GtkButton            *button,
                       GxCaseCategoriesPage *self)
{
  run_op (self, OP_RESTORE, id_of (GTK_WIDGET (button)), NULL, NULL);
}

static GtkWidget *
row_button (GtkWidget   *row,
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
  if (ADW_IS_ENTRY_ROW (row))
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), button);
  else
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return button;
}

/* "3 cases": how much hangs on a category, shown above its name. */
static char *
cases_text (gint64 n)
{
  g_autofree char *count = gx_format_count (n);

  if (n == 0)
    return g_strdup (_("No cases yet"));
  /* Translators: %s is a number of complaint cases carrying a category */
  return g_strdup_printf (ngettext ("%s case", "%s cases", n), count);
}

static void
reload (GxCaseCategoriesPage *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *focus = NULL;
  guint n_active = 0, n_retired = 0, seen = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)),
                                    row);
    }
  g_ptr_array_set_size (self->rows, 0);

  categories = gx_case_categories_load (db, TRUE, &error);
  if (categories == NULL)
    {
      add_toast (self, adw_toast_new (error->message));
      return;
    }
  for (guint i = 0; i < categories->len; i++)
    if (((GxCaseCategory *) g_ptr_array_index (categories, i))->active)
      n_active++;

  for (guint i = 0; i < categories->len; i++)
    {
      const GxCaseCategory *category = g_ptr_array_index (categories, i);
      g_autofree char *used = cases_text (category->n_cases);
      GtkWidget *row;

      if (category->active)
        {
          g_autofree char *accessible = NULL;

          row = adw_entry_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), used);
          gtk_editable_set_text (GTK_EDITABLE (row), category->name);
          adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
          g_signal_connect_object (row, "apply", G_CALLBACK (on_rename_apply_cb), self, 0);
          row_button (row, "go-up-symbolic", _("Move Up"), G_CALLBACK (on_up_clicked_cb), self, seen > 0);
          row_button (row, "go-down-symbolic", _("Move Down"), G_CALLBACK (on_down_clicked_cb), self,
                      seen + 1 < n_active);
          row_button (row, "edit-delete-symbolic", _("Retire"), G_CALLBACK (on_retire_clicked_cb), self, n_active > 1);
          /* Translators: the accessible name of a category's row: its name, then how many cases carry it */
          accessible = g_strdup_printf (_("%s, %s"), category->name, used);
          gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
          adw_preferences_group_add (self->active_group, row);
          seen++;
        }
      else
        {
          row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), category->name);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), used);
          row_button (row, "edit-undo-symbolic", _("Offer Again"), G_CALLBACK (on_restore_clicked_cb), self, TRUE);
          adw_preferences_group_add (self->retired_group, row);
          n_retired++;
        }

      g_object_set_data_full (G_OBJECT (row), "category-id", g_strdup (category->id), g_free);
      g_object_set_data_full (G_OBJECT (row), "category-name", g_strdup (category->name), g_free);
      g_ptr_array_add (self->rows, row);
      if (g_strcmp0 (category->id, self->focus_id) == 0)
        focus = row;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->retired_group), n_retired > 0);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

static void
on_new_row_apply_cb (GxCaseCategoriesPage *self)
{
  g_clear_pointer (&self->focus_id, g_free);
  run_op (self, OP_ADD, NULL, gtk_editable_get_text (GTK_EDITABLE (self->new_row)), GTK_WIDGET (self->new_row));
}

/* GObject */

static void
gx_case_categories_page_dispose (GObject *object)
{
  GxCaseCategoriesPage *self = (GxCaseCategoriesPage *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_CASE_CATEGORIES_PAGE);

  G_OBJECT_CLASS (gx_case_categories_page_parent_class)->dispose (object);
}

static void
gx_case_categories_page_finalize (GObject *object)
{
  GxCaseCategoriesPage *self = (GxCaseCategoriesPage *) object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->focus_id);

  G_OBJECT_CLASS (gx_case_categories_page_parent_class)->finalize (object);
}

static void
gx_case_categories_page_class_init (GxCaseCategoriesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_case_categories_page_dispose;
  object_class->finalize = gx_case_categories_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-case-categories-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GxCaseCategoriesPage, active_group);
  gtk_widget_class_bind_template_child (widget_class, GxCaseCategoriesPage, retired_group);
  gtk_widget_class_bind_template_child (widget_class, GxCaseCategoriesPage, new_row);
  gtk_widget_class_bind_template_callback (widget_class, on_new_row_apply_cb);
}

static void
gx_case_categories_page_init (GxCaseCategoriesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
}

/**
 * gx_case_categories_page_new:
 * @context: the desk's context
 *
 * Returns: (transfer floating): the page that edits the complaint categories
 */
GtkWidget *
gx_case_categories_page_new (GxContext *context)
{
  GxCaseCategoriesPage *self;

  g_return_val_if_fail (GX_IS_CONTEXT (context), NULL);

  self = g_object_new (GX_TYPE_CASE_CATEGORIES_PAGE, NULL);
  self->context = g_object_ref (context);
  reload (self);
  return GTK_WIDGET (self);
}
