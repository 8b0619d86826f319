/* gx-lessons-window.c: the lessons library (案例库) — what closed cases taught, searchable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-lessons-window"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-enums.h"
#include "gx-format.h"
#include "gx-lessons-window.h"
#include "gx-search.h"

/* A library holds hundreds of lessons, not millions: the matches are read at once, the first
 * two hundred shown, newest first. */
#define MAX_SHOWN 200

struct _GxLessonsWindow
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkSearchEntry      *search_entry;
  GtkDropDown         *category_dropdown;
  GtkStack            *list_stack;
  GtkListBox          *list_box;
  AdwPreferencesGroup *detail_group;
  AdwActionRow        *problem_row;
  AdwActionRow        *cause_row;
  AdwActionRow        *department_row;
  AdwActionRow        *improvement_row;
  AdwActionRow        *source_row;

  /* Owned */
  GxContext           *context;
  GPtrArray           *category_ids;   /* NULL first: every category */
};

G_DEFINE_FINAL_TYPE (GxLessonsWindow, gx_lessons_window, ADW_TYPE_WINDOW)

static GxDb *
reader (GxLessonsWindow *self)
{
  return gx_store_get_main_reader (gx_context_get_store (self->context));
}

static void
show_lesson (GxLessonsWindow *self,
             const char      *id)
{
  sqlite3_stmt *stmt;

  gtk_widget_set_visible (GTK_WIDGET (self->detail_group), id != NULL);
  if (id == NULL)
    return;

  stmt = gx_db_prepare (reader (self),
                        "SELECT l.title, l.problem, l.cause, l.department, l.improvement, k.number, l.created_at"
                        "  FROM lessons l LEFT JOIN cases k ON k.id = l.case_id WHERE l.id = ?",
                        NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *when = gx_format_date (sqlite3_column_int64 (stmt, 6), NULL);

      adw_preferences_group_set_title (self->detail_group, gx_db_column_text (stmt, 0));
      adw_preferences_group_set_description (self->detail_group, when);
      adw_action_row_set_subtitle (self->problem_row, gx_db_column_text (stmt, 1));
      adw_action_row_set_subtitle (self->cause_row, gx_db_column_text (stmt, 2));
      adw_action_row_set_subtitle (self->department_row, gx_db_column_text (stmt, 3));
      adw_action_row_set_subtitle (self->improvement_row, gx_db_column_text (stmt, 4));
      adw_action_row_set_subtitle (self->source_row, gx_db_column_text (stmt, 5));
    }
  sqlite3_reset (stmt);
}

static void
on_row_selected_cb (GxLessonsWindow *self,
                    GtkListBoxRow   *row)
{
  /* The list unselects its rows while the window is taken apart. */
  if (self->detail_group == NULL)
    return;
  show_lesson (self, row ? g_object_get_data (G_OBJECT (row), "gx-id") : NULL);
}

static void
run_search (GxLessonsWindow *self)
{
  g_autoptr(GVariant) params = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *sql = NULL;
  guint selected = gtk_drop_down_get_selected (self->category_dropdown);
  const char *category = selected < self->category_ids->len ? g_ptr_array_index (self->category_ids, selected) : NULL;
  GtkWidget *child;
  sqlite3_stmt *stmt;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  keys = gx_search_lessons (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), category, &params);
  sql = g_strdup_printf ("SELECT l.id, l.title, l.problem FROM lessons l"
                         " WHERE l.rowid IN (SELECT * FROM (%s) LIMIT %d) ORDER BY l.created_at DESC",
                         keys, MAX_SHOWN);
  stmt = gx_db_prepare (reader (self), sql, NULL);
  if (stmt != NULL && gx_db_bind_variant (stmt, params, NULL))
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gx_db_column_text (stmt, 1));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gx_db_column_text (stmt, 2));
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
          g_object_set_data_full (G_OBJECT (row), "gx-id", g_strdup (gx_db_column_text (stmt, 0)), g_free);
          gtk_list_box_append (self->list_box, row);
          n++;
        }
      sqlite3_reset (stmt);
    }

  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
  gtk_list_box_select_row (self->list_box, gtk_list_box_get_row_at_index (self->list_box, 0));
  if (n == 0)
    show_lesson (self, NULL);
}

static void
on_search_changed_cb (GxLessonsWindow *self)
{
  if (self->context != NULL)
    run_search (self);
}

static void
load_categories (GxLessonsWindow *self,
                 const char      *category_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  sqlite3_stmt *stmt;
  guint selected = 0;

  g_ptr_array_add (self->category_ids, NULL);
  gtk_string_list_append (names, _("All categories"));

  stmt = gx_db_prepare (reader (self), "SELECT id, name FROM case_categories ORDER BY active DESC, position", NULL);
  if (stmt != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *id = gx_db_column_text (stmt, 0);

          if (g_strcmp0 (id, category_id) == 0)
            selected = self->category_ids->len;
          g_ptr_array_add (self->category_ids, g_strdup (id));
          gtk_string_list_append (names, gx_vocab_display_name (GX_VOCAB_CASE_CATEGORY, id, gx_db_column_text (stmt, 1)));
        }
      sqlite3_reset (stmt);
    }

  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->category_dropdown, selected);
}

static void
gx_lessons_window_close_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
gx_lessons_window_dispose (GObject *object)
{
  GxLessonsWindow *self = (GxLessonsWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_LESSONS_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_lessons_window_parent_class)->dispose (object);
}

static void
gx_lessons_window_finalize (GObject *object)
{
  GxLessonsWindow *self = (GxLessonsWindow *) object;

  g_clear_pointer (&self->category_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (gx_lessons_window_parent_class)->finalize (object);
}

static void
gx_lessons_window_class_init (GxLessonsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_lessons_window_dispose;
  object_class->finalize = gx_lessons_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-lessons-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GxLessonsWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GxLessonsWindow, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GxLessonsWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, GxLessonsWindow, list_box);
  gtk_widget_class_bind_template_child (widget_class, GxLessonsWindow, detail_group);
  gtk_widget_class_bind_template_child (widget_class, GxLessonsWindow, problem_row);
  gtk_widget_class_bind_template_child (widget_class, GxLessonsWindow, cause_row);
  gtk_widget_class_bind_template_child (widget_class, GxLessonsWindow, department_row);
  gtk_widget_class_bind_template_child (widget_class, GxLessonsWindow, improvement_row);
  gtk_widget_class_bind_template_child (widget_class, GxLessonsWindow, source_row);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);

  gtk_widget_class_install_action (widget_class, "lessons.close", NULL, gx_lessons_window_close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "lessons.close", NULL);
}

static void
gx_lessons_window_init (GxLessonsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->category_ids = g_ptr_array_new_with_free_func (g_free);
}

/**
 * gx_lessons_window_new:
 * @context: the desk's context
 * @category_id: (nullable): show the lessons of this category first
 *
 * Returns: (transfer floating): the lessons library
 */
GtkWidget *
gx_lessons_window_new (GxContext  *context,
                       const char *category_id)
{
  GxLessonsWindow *self;

  g_return_val_if_fail (GX_IS_CONTEXT (context), NULL);

  self = g_object_new (GX_TYPE_LESSONS_WINDOW, NULL);
  self->context = g_object_ref (context);
  load_categories (self, category_id);
  run_search (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));

  return GTK_WIDGET (self);
}
