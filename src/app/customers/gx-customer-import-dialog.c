/* gx-customer-import-dialog.c: customers in from a CSV file or vCards — columns mapped,
 * first rows shown, every row checked and reported, all or nothing, with progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customer-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-csv.h"
#include "gx-customer.h"
#include "gx-customer-import.h"
#include "gx-customer-import-dialog.h"
#include "gx-form.h"
#include "gx-format.h"
#include "gx-vcard.h"
#include "gx-window.h"

#define PREVIEW_ROWS 5
#define REPORT_ROWS 200

struct _GxCustomerImportDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwPreferencesPage  *page;
  AdwPreferencesGroup *file_group;
  GtkLabel            *error_label;
  GtkBox              *progress_box;
  GtkProgressBar      *progress_bar;
  AdwPreferencesGroup *mapping_group;
  AdwPreferencesGroup *preview_group;
  AdwPreferencesGroup *report_group;

  /* Owned */
  GxContext           *context;
  GPtrArray           *records;        /* CSV: GStrv per record; NULL for vCards */
  JsonArray           *cards;          /* vCards */
  GPtrArray           *combos;         /* AdwComboRow per CSV column */
  GPtrArray           *preview_rows;
  GPtrArray           *report_rows;
  GPtrArray           *rows;           /* GxImportRow, the run's */
  GCancellable        *cancellable;
  char                *user_id;
  gint64               now;
  gint                 done;           /* rows done, written by the writer thread */
  guint                total;
  guint                poll_source;

  guint                check_only : 1;
  guint                running : 1;
};

G_DEFINE_FINAL_TYPE (GxCustomerImportDialog, gx_customer_import_dialog, ADW_TYPE_WINDOW)

static void
clear_group (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static AdwActionRow *
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
  return ADW_ACTION_ROW (row);
}

/* The rows as the mapping reads the file now. */
static GPtrArray *
current_rows (GxCustomerImportDialog *self)
{
  g_autofree GxImportTarget *mapping = NULL;

  if (self->cards != NULL)
    return gx_import_rows_from_vcards (self->cards);

  mapping = g_new0 (GxImportTarget, self->combos->len);
  for (guint i = 0; i < self->combos->len; i++)
    mapping[i] = (GxImportTarget) adw_combo_row_get_selected (g_ptr_array_index (self->combos, i));
  return gx_import_rows_from_csv (self->records, mapping, self->combos->len, TRUE);
}

static char *
describe (GxImportRow *row)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *fields[] = { "birthday", "id_number", "company", "tags" };

  for (guint i = 0; i < row->contacts->len; i++)
    g_string_append_printf (text, "%s%s", text->len ? " · " : "", ((GxContactEdit *) g_ptr_array_index (row->contacts, i))->value);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (json_object_has_member (row->fields, fields[i]))
      g_string_append_printf (text, "%s%s", text->len ? " · " : "", json_object_get_string_member (row->fields, fields[i]));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_preview (GxCustomerImportDialog *self)
{
  g_autoptr(GPtrArray) rows = current_rows (self);

  clear_group (self->preview_group, self->preview_rows);
  for (guint i = 0; i < rows->len && i < PREVIEW_ROWS; i++)
    {
      GxImportRow *row = g_ptr_array_index (rows, i);
      const char *name = json_object_get_string_member_with_default (row->fields, "name", NULL);
      g_autofree char *subtitle = describe (row);
      g_autofree char *title = NULL;

      /* Translators: a row of the file: its line and the name it gives */
      title = g_strdup_printf (_("Line %u: %s"), row->line, name ? name : _("(no name)"));
      add_row (self->preview_group, self->preview_rows, title, subtitle);
    }
}

static void
on_mapping_changed_cb (GxCustomerImportDialog *self)
{
  update_preview (self);
  gtk_widget_set_visible (GTK_WIDGET (self->report_group), FALSE);
}

/* Running */

static gboolean
poll_progress_cb (gpointer data)
{
  GxCustomerImportDialog *self = data;
  int done = g_atomic_int_get (&self->done);
  g_autofree char *text = NULL;

  /* Translators: rows done of rows in the file */
  text = g_strdup_printf (_("%d of %u rows"), done, self->total);
  gtk_progress_bar_set_fraction (self->progress_bar, self->total ? (double) done / self->total : 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
  return G_SOURCE_CONTINUE;
}

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  GxCustomerImportDialog *self = user_data;

  g_atomic_int_set (&self->done, (int) done);
}

static gboolean
import_write (GxDb      *db,
              gpointer   user_data,
              GError   **error)
{
  GxCustomerImportDialog *self = user_data;
  GxWriteMeta meta = { .now = self->now, .user_id = self->user_id };

  return gx_import_run (db, self->rows, self->check_only, &meta, on_progress, self, self->cancellable, error);
}

static void
show_report (GxCustomerImportDialog *self)
{
  guint counts[GX_IMPORT_DUPLICATE + 1] = { 0 };
  g_autofree char *summary = NULL;
  guint shown = 0;

  clear_group (self->report_group, self->report_rows);
  for (guint i = 0; i < self->rows->len; i++)
    counts[((GxImportRow *) g_ptr_array_index (self->rows, i))->status]++;

  if (self->check_only)
    /* Translators: three counts of rows */
    summary = g_strdup_printf (_("%u ready to import, %u refused, %u in the archive already"),
                               counts[GX_IMPORT_READY], counts[GX_IMPORT_REFUSED], counts[GX_IMPORT_DUPLICATE]);
  else
    summary = g_strdup_printf (_("%u imported, %u refused, %u in the archive already"),
                               counts[GX_IMPORT_IMPORTED], counts[GX_IMPORT_REFUSED], counts[GX_IMPORT_DUPLICATE]);
  adw_preferences_group_set_description (self->report_group, summary);

  for (guint i = 0; i < self->rows->len && shown < REPORT_ROWS; i++)
    {
      GxImportRow *row = g_ptr_array_index (self->rows, i);
      const char *name = json_object_get_string_member_with_default (row->fields, "name", "");
      g_autofree char *title = NULL;
      AdwActionRow *action_row;

      if (row->status != GX_IMPORT_REFUSED && row->status != GX_IMPORT_DUPLICATE)
        continue;

      title = g_strdup_printf (_("Line %u: %s"), row->line, *name ? name : _("(no name)"));
      action_row = add_row (self->report_group, self->report_rows, title, row->message);
      adw_action_row_set_subtitle_lines (action_row, 3);
      /* Colour is not the only signal: the words say refused or skipped. */
      adw_action_row_add_prefix (action_row, gtk_image_new_from_icon_name (row->status == GX_IMPORT_REFUSED
                                                                           ? "dialog-error-symbolic"
                                                                           : "edit-copy-symbolic"));
      shown++;
    }
  if (counts[GX_IMPORT_REFUSED] + counts[GX_IMPORT_DUPLICATE] > shown)
    {
      g_autofree char *more = g_strdup_printf (_("… and %u more"), counts[GX_IMPORT_REFUSED] + counts[GX_IMPORT_DUPLICATE] - shown);
      add_row (self->report_group, self->report_rows, more, NULL);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->report_group), TRUE);
}

static void
finished_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GxCustomerImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  gboolean ok = gx_store_write_finish (GX_STORE (object), result, &error);

  self->running = FALSE;
  g_clear_handle_id (&self->poll_source, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mapping_group), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.import", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.check", TRUE);

  if (!ok)
    {
      gx_form_mark_error (self->error_label, NULL,
                          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                          ? _("Stopped: nothing was imported.") : error->message);
      return;
    }

  show_report (self);
  if (!self->check_only && GX_IS_WINDOW (parent))
    {
      guint imported = 0;
      g_autofree char *text = NULL;

      for (guint i = 0; i < self->rows->len; i++)
        imported += ((GxImportRow *) g_ptr_array_index (self->rows, i))->status == GX_IMPORT_IMPORTED;
      text = g_strdup_printf (ngettext ("Imported %u customer", "Imported %u customers", imported), imported);
      gx_window_add_toast (GX_WINDOW (parent), adw_toast_new (text));
    }
}

static void
run (GxCustomerImportDialog *self,
     gboolean                check_only)
{
  if (self->running)
    return;

  gx_form_clear_errors (self->error_label, GTK_WIDGET (self->page));
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = current_rows (self);
  self->check_only = check_only;
  self->total = self->rows->len;
  self->done = 0;
  self->now = gx_clock_now (gx_context_get_clock (self->context));
  self->running = TRUE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mapping_group), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.check", FALSE);
  poll_progress_cb (self);
  self->poll_source = g_timeout_add (100, poll_progress_cb, self);

  gx_store_write_async (gx_context_get_store (self->context), import_write, self, NULL, NULL,
                        finished_cb, g_object_ref (self));
}

static void
gx_customer_import_dialog_run_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  run (GX_CUSTOMER_IMPORT_DIALOG (widget), g_str_equal (action_name, "dialog.check"));
}

static void
gx_customer_import_dialog_stop_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  g_cancellable_cancel (GX_CUSTOMER_IMPORT_DIALOG (widget)->cancellable);
}

/* Closing while it runs stops it: nothing half-imported stays. */
static gboolean
gx_customer_import_dialog_close_request (GtkWindow *window)
{
  GxCustomerImportDialog *self = GX_CUSTOMER_IMPORT_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  return FALSE;
}

/* Loading the file */

static gboolean
load (GxCustomerImportDialog  *self,
      GFile                   *file,
      GError                 **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *description = NULL;
  const char *encoding = NULL;
  gsize length;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return FALSE;
  text = gx_csv_to_utf8 (contents, length, &encoding, error);
  if (text == NULL)
    return FALSE;

  if (g_str_has_prefix (g_strchug (text), "BEGIN:VCARD") || g_str_has_suffix (name, ".vcf"))
    {
      self->cards = gx_vcard_parse (text, error);
      if (self->cards == NULL)
        return FALSE;
      gtk_widget_set_visible (GTK_WIDGET (self->mapping_group), FALSE);
      /* Translators: a file name and how many cards it has */
      description = g_strdup_printf (ngettext ("%s: %u vCard", "%s: %u vCards", json_array_get_length (self->cards)),
                                     name, json_array_get_length (self->cards));
    }
  else
    {
      GStrv headings;

      self->records = gx_csv_parse (text, error);
      if (self->records == NULL)
        return FALSE;
      if (self->records->len < 2)
        {
          g_set_error_literal (error, GX_CSV_ERROR, GX_CSV_ERROR_SYNTAX,
                               _("The file has no rows under its headings."));
          return FALSE;
        }

      headings = g_ptr_array_index (self->records, 0);
      for (guint c = 0; headings[c] != NULL; c++)
        {
          GtkWidget *combo = adw_combo_row_new ();
          g_autoptr(GtkStringList) targets = gtk_string_list_new (NULL);
          GStrv first = g_ptr_array_index (self->records, 1);

          for (guint t = 0; t < N_GX_IMPORT_TARGETS; t++)
            gtk_string_list_append (targets, gx_import_target_label ((GxImportTarget) t));
          adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (targets));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (combo), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), *headings[c] ? headings[c] : "—");
          if (c < g_strv_length (first))
            adw_action_row_set_subtitle (ADW_ACTION_ROW (combo), first[c]);
          adw_combo_row_set_selected (ADW_COMBO_ROW (combo), gx_import_guess_target (headings[c]));
          g_signal_connect_swapped (combo, "notify::selected", G_CALLBACK (on_mapping_changed_cb), self);
          adw_preferences_group_add (self->mapping_group, combo);
          g_ptr_array_add (self->combos, combo);
        }
      /* Translators: a file name, its encoding, how many rows it has */
      description = g_strdup_printf (ngettext ("%s (%s): %u row", "%s (%s): %u rows", self->records->len - 1),
                                     name, encoding, self->records->len - 1);
    }

  adw_preferences_group_set_title (self->file_group, description);
  update_preview (self);
  return TRUE;
}

/* GObject */

static void
gx_customer_import_dialog_dispose (GObject *object)
{
  GxCustomerImportDialog *self = (GxCustomerImportDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_CUSTOMER_IMPORT_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_customer_import_dialog_parent_class)->dispose (object);
}

static void
gx_customer_import_dialog_finalize (GObject *object)
{
  GxCustomerImportDialog *self = (GxCustomerImportDialog *) object;

  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_clear_pointer (&self->cards, json_array_unref);
  g_clear_pointer (&self->combos, g_ptr_array_unref);
  g_clear_pointer (&self->preview_rows, g_ptr_array_unref);
  g_clear_pointer (&self->report_rows, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_free (self->user_id);

  G_OBJECT_CLASS (gx_customer_import_dialog_parent_class)->finalize (object);
}

static void
gx_customer_import_dialog_class_init (GxCustomerImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gx_customer_import_dialog_dispose;
  object_class->finalize = gx_customer_import_dialog_finalize;
  window_class->close_request = gx_customer_import_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-customer-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GxCustomerImportDialog, page);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerImportDialog, file_group);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerImportDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerImportDialog, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerImportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerImportDialog, report_group);

  gtk_widget_class_install_action (widget_class, "dialog.import", NULL, gx_customer_import_dialog_run_action);
  gtk_widget_class_install_action (widget_class, "dialog.check", NULL, gx_customer_import_dialog_run_action);
  gtk_widget_class_install_action (widget_class, "dialog.stop", NULL, gx_customer_import_dialog_stop_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gx_customer_import_dialog_init (GxCustomerImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->combos = g_ptr_array_new ();
  self->preview_rows = g_ptr_array_new ();
  self->report_rows = g_ptr_array_new ();
}

/**
 * gx_customer_import_dialog_new:
 * @context: the context
 * @file: a CSV file or a file of vCards
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): a new dialog, or %NULL when the file cannot be read
 */
GtkWindow *
gx_customer_import_dialog_new (GxContext  *context,
                               GFile      *file,
                               GError    **error)
{
  GxCustomerImportDialog *self = g_object_new (GX_TYPE_CUSTOMER_IMPORT_DIALOG, NULL);

  self->context = g_object_ref (context);
  self->user_id = g_strdup (gx_context_get_user_id (context));

  if (!load (self, file, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  return GTK_WINDOW (self);
}

gboolean
gx_customer_import_dialog_get_running (GxCustomerImportDialog *self)
{
  g_return_val_if_fail (GX_IS_CUSTOMER_IMPORT_DIALOG (self), FALSE);

  return self->running;
}
