/* gx-joins-dialog.c: new members per month per club, charted and exported as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-joins-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gx-club.h"
#include "gx-joins-chart.h"
#include "gx-joins-dialog.h"
#include "gx-membership.h"
#include "gx-window.h"

struct _GxJoinsDialog
{
  AdwWindow      parent_instance;

  /* Template widgets */
  AdwComboRow   *club_row;
  GtkSpinButton *year_spin;
  GxJoinsChart  *chart;
  GtkLabel      *summary_label;

  /* Owned */
  GxContext     *context;
  GPtrArray     *club_ids;
};

G_DEFINE_FINAL_TYPE (GxJoinsDialog, gx_joins_dialog, ADW_TYPE_WINDOW)

static void
on_choice_changed_cb (GxJoinsDialog *self)
{
  GxDb *db;
  guint selected;
  const char *club_id = NULL;
  g_autofree char *summary = NULL;
  int counts[12];

  if (self->context == NULL)
    return;

  db = gx_store_get_main_reader (gx_context_get_store (self->context));
  selected = adw_combo_row_get_selected (self->club_row);
  if (selected > 0 && selected <= self->club_ids->len)
    club_id = g_ptr_array_index (self->club_ids, selected - 1);

  if (!gx_club_monthly_joins (db, club_id, gtk_spin_button_get_value_as_int (self->year_spin), counts, NULL))
    memset (counts, 0, sizeof counts);
  gx_joins_chart_set_counts (self->chart, gtk_spin_button_get_value_as_int (self->year_spin), counts);
  summary = gx_joins_chart_dup_summary (self->chart);
  gtk_label_set_label (self->summary_label, summary);
}

/**
 * gx_joins_dialog_export_csv:
 * @self: a #GxJoinsDialog
 * @file: where to write
 * @error: return location for a #GError
 *
 * Writes every club's monthly counts of the year shown (gx_club_joins_csv()).
 */
gboolean
gx_joins_dialog_export_csv (GxJoinsDialog  *self,
                            GFile          *file,
                            GError        **error)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  g_autofree char *csv = gx_club_joins_csv (db, gtk_spin_button_get_value_as_int (self->year_spin), error);

  if (csv == NULL)
    return FALSE;
  return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

static void
on_export_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     GxJoinsDialog   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
      gboolean ok = gx_joins_dialog_export_csv (self, file, &error);

      if (parent != NULL && GX_IS_WINDOW (parent))
        gx_window_add_toast (GX_WINDOW (parent), adw_toast_new (ok ? _("Monthly counts exported") : error->message));
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
gx_joins_dialog_export_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GxJoinsDialog *self = GX_JOINS_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *file_name = NULL;

  chooser = gtk_file_chooser_native_new (_("Export the Monthly Counts"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  /* Translators: a file name: "new members 2026.csv" */
  file_name = g_strdup_printf (_("new members %d.csv"), gtk_spin_button_get_value_as_int (self->year_spin));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
gx_joins_dialog_finalize (GObject *object)
{
  GxJoinsDialog *self = (GxJoinsDialog *) object;

  g_clear_object (&self->context);
  g_clear_pointer (&self->club_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (gx_joins_dialog_parent_class)->finalize (object);
}

static void
gx_joins_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GX_TYPE_JOINS_DIALOG);

  G_OBJECT_CLASS (gx_joins_dialog_parent_class)->dispose (object);
}

static void
gx_joins_dialog_class_init (GxJoinsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_joins_dialog_dispose;
  object_class->finalize = gx_joins_dialog_finalize;

  g_type_ensure (GX_TYPE_JOINS_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-joins-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GxJoinsDialog, club_row);
  gtk_widget_class_bind_template_child (widget_class, GxJoinsDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, GxJoinsDialog, chart);
  gtk_widget_class_bind_template_child (widget_class, GxJoinsDialog, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed_cb);

  gtk_widget_class_install_action (widget_class, "joins.export", NULL, gx_joins_dialog_export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gx_joins_dialog_init (GxJoinsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->club_ids = g_ptr_array_new_with_free_func (g_free);
}

/**
 * gx_joins_dialog_new:
 * @context: the desk's context
 *
 * Opens on this year, all clubs.
 *
 * Returns: (transfer floating): the dialog
 */
GtkWidget *
gx_joins_dialog_new (GxContext *context)
{
  GxJoinsDialog *self;
  GxDb *db;
  g_autoptr(GtkStringList) clubs = gtk_string_list_new (NULL);
  g_autofree char *today = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GX_IS_CONTEXT (context), NULL);

  self = g_object_new (GX_TYPE_JOINS_DIALOG, NULL);
  db = gx_store_get_main_reader (gx_context_get_store (context));
  gtk_string_list_append (clubs, _("All clubs"));
  stmt = gx_db_prepare (db, "SELECT id, name FROM clubs ORDER BY name", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (self->club_ids, gx_db_dup_column (stmt, 0));
      gtk_string_list_append (clubs, gx_db_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  adw_combo_row_set_model (self->club_row, G_LIST_MODEL (clubs));

  today = gx_date_of (gx_clock_now (gx_context_get_clock (context)));
  gtk_spin_button_set_value (self->year_spin, g_ascii_strtoll (today, NULL, 10));
  self->context = g_object_ref (context);
  on_choice_changed_cb (self);

  return GTK_WIDGET (self);
}
