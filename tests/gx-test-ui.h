/* gx-test-ui.h: what every UI test needs — run the main loop, find what is drawn, wait for
 * what a user would see, press a button, keep a picture of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <string.h>

#include "gx-query-model.h"

G_BEGIN_DECLS

/* The machine may be busy with other tests: what a write changes shows when the write is
 * done (on the store's thread, then on the main loop), so a check waits for it, up to this
 * long, rather than for a fixed time. */
#define GX_TEST_PATIENCE_US (10 * G_USEC_PER_SEC)

/* Runs the default main context for @ms milliseconds without blocking in it. */
static inline void
gx_test_iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Runs the main loop until @check (@data) holds; FALSE if it still does not after the
 * patience. */
static inline gboolean
gx_test_wait_until (gboolean (*check) (gpointer data),
                    gpointer   data)
{
  gint64 end = g_get_monotonic_time () + GX_TEST_PATIENCE_US;

  while (!check (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

/* The first widget of @type at or under @widget, drawn or not. */
static inline GtkWidget *
gx_test_find_descendant (GtkWidget *widget,
                         GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gx_test_find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first drawn widget of @type: a place's hidden pages may hold widgets of the same type. */
static inline GtkWidget *
gx_test_find_mapped_descendant (GtkWidget *widget,
                                GType      type)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gx_test_find_mapped_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Adds every drawn GtkLabel at or under @widget to @labels (borrowed pointers). */
static inline void
gx_test_collect_labels (GtkWidget *widget,
                        GPtrArray *labels)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    gx_test_collect_labels (child, labels);
}

/* The drawn label whose text contains @text, or NULL. */
static inline GtkLabel *
gx_test_find_label (GtkWidget  *widget,
                    const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  gx_test_collect_labels (widget, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_label (g_ptr_array_index (labels, i)), text) != NULL)
      return g_ptr_array_index (labels, i);
  return NULL;
}

/* What a user reads: some label drawn under @widget contains @text. */
static inline gboolean
gx_test_shows_text (GtkWidget  *widget,
                    const char *text)
{
  return gx_test_find_label (widget, text) != NULL;
}

/* Waits (up to the patience) until @widget shows @text. */
static inline gboolean
gx_test_eventually_shows (GtkWidget  *widget,
                          const char *text)
{
  gint64 end = g_get_monotonic_time () + GX_TEST_PATIENCE_US;

  while (!gx_test_shows_text (widget, text))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

/* The drawn button whose label reads @label: as the user reads it, mnemonic underscores
 * aside ("Undo"), or as the app wrote it ("_Undo", or _("_Export") in any language). */
static inline GtkWidget *
gx_test_find_button (GtkWidget  *widget,
                     const char *label)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autoptr(GString) plain = g_string_new (gtk_button_get_label (GTK_BUTTON (widget)));

      if (g_str_equal (plain->str, label))
        return widget;
      g_string_replace (plain, "_", "", 0);
      if (g_str_equal (plain->str, label))
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gx_test_find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Presses the button labelled @label under @root as a user would: it must be drawn and
 * sensitive. Waits for it first, since a page shows its buttons once it has caught up with
 * the last write. */
static inline void
gx_test_click (GtkWidget  *root,
               const char *label)
{
  gint64 end = g_get_monotonic_time () + GX_TEST_PATIENCE_US;
  GtkWidget *button;

  while ((button = gx_test_find_button (root, label)) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);

  g_test_message ("click %s", label);
  if (button == NULL)
    g_error ("no button “%s” is drawn", label);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  gx_test_iterate_for (400);
}

/* The drawn preferences row of @type (an AdwPreferencesRow subtype) titled @title. */
static inline GtkWidget *
gx_test_find_row (GtkWidget  *widget,
                  GType       type,
                  const char *title)
{
  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gx_test_find_row (child, type, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The entry row whose text reads @text (a list of names edited in place), drawn or not. */
static inline GtkWidget *
gx_test_find_entry_row (GtkWidget  *widget,
                        const char *text)
{
  if (ADW_IS_ENTRY_ROW (widget) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gx_test_find_entry_row (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The button whose tooltip reads @tooltip (an icon button, "Remove"), drawn or not. */
static inline GtkWidget *
gx_test_find_tooltip_button (GtkWidget  *widget,
                             const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gx_test_find_tooltip_button (child, tooltip);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The visible top-level window of @type (a dialog, a chooser), or NULL. */
static inline GtkWindow *
gx_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* owned by GTK */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* Waits (up to the patience) until a window of @type is shown, and returns it (NULL if none
 * came). */
static inline GtkWindow *
gx_test_eventually_toplevel (GType type)
{
  gint64 end = g_get_monotonic_time () + GX_TEST_PATIENCE_US;
  GtkWindow *window;

  while ((window = gx_test_find_toplevel (type)) == NULL && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  return window;
}

/* Waits (up to the patience) until no window of @type is shown. */
static inline gboolean
gx_test_eventually_gone (GType type)
{
  gint64 end = g_get_monotonic_time () + GX_TEST_PATIENCE_US;

  while (gx_test_find_toplevel (type) != NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return gx_test_find_toplevel (type) == NULL;
}

/* A place's list: the column view over a #GxQueryModel of @row_type at or under @widget,
 * drawn or not (a place's page may hold other lists), or NULL. */
static inline GtkWidget *
gx_test_find_list (GtkWidget *widget,
                   GType      row_type)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    {
      GtkSelectionModel *selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (widget));
      GListModel *model = GTK_IS_SINGLE_SELECTION (selection)
                          ? gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection)) : NULL;

      if (GX_IS_QUERY_MODEL (model) && gx_query_model_get_row_type (GX_QUERY_MODEL (model)) == row_type)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gx_test_find_list (child, row_type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The rows of that list: its #GxQueryModel, or NULL. */
static inline GListModel *
gx_test_find_rows (GtkWidget *widget,
                   GType      row_type)
{
  GtkWidget *list = gx_test_find_list (widget, row_type);

  if (list == NULL)
    return NULL;
  return gtk_single_selection_get_model (GTK_SINGLE_SELECTION (gtk_column_view_get_model (GTK_COLUMN_VIEW (list))));
}

/* How many rows that list shows once it has stopped changing: loaded, the same count twice
 * in a row, and at least @at_least (a list that is still to fill may read 0 at first).
 * Gives up after five seconds and returns what it shows then. */
static inline guint
gx_test_wait_for_rows (GtkWidget *widget,
                       GType      row_type,
                       guint      at_least)
{
  GListModel *model = gx_test_find_rows (widget, row_type);
  guint n = G_MAXUINT;

  g_assert_nonnull (model);
  for (int i = 0; i < 100; i++)
    {
      guint now;

      gx_test_iterate_for (50);
      now = g_list_model_get_n_items (model);
      if (now == n && now >= at_least && !gx_query_model_get_loading (GX_QUERY_MODEL (model)))
        break;
      n = now;
    }
  return g_list_model_get_n_items (model);
}

/* The language the test runs in, for screenshot names: LANGUAGE, or "en". */
static inline const char *
gx_test_language (void)
{
  const char *language = g_getenv ("LANGUAGE");

  return language != NULL && *language != '\0' ? language : "en";
}

/* With GX_SCREENSHOT_DIR set, saves what @widget draws as NAME.png there, for a person to
 * look at (docs/HACKING.md, "Screenshots"); otherwise does nothing. A widget not laid out
 * (no width or height) has nothing to save. */
static inline void
gx_test_snap (GtkWidget  *widget,
              const char *name)
{
  const char *dir = g_getenv ("GX_SCREENSHOT_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (dir == NULL || widget == NULL)
    return;

  gx_test_iterate_for (400);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  if (width == 0 || height == 0)
    return;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, (float) width, (float) height));
  file = g_str_has_suffix (name, ".png") ? g_strdup (name) : g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

G_END_DECLS
