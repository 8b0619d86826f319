/* gx-case-intake-dialog.c: taking a complaint down, from the keyboard, in under a minute
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-case-intake-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "gx-case-intake-dialog.h"
#include "gx-case-ops.h"
#include "gx-customer-row.h"
#include "gx-enums.h"
#include "gx-format.h"
#include "gx-lessons-window.h"
#include "gx-query-model.h"
#include "gx-record.h"
#include "gx-search.h"
#include "gx-window.h"

/* The caller is on the line: type a few letters of the name (or pinyin, phone, number),
 * Enter takes the first match, Tab walks channel, category, severity and the time received,
 * the description is typed, Ctrl+Enter registers. A caller not in the archive is added as a
 * prospect in the same transaction. Whoever registers is the first responder (首问负责制).
 * A refused registration keeps everything typed and marks the field. */

struct _GxCaseIntakeDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkButton           *register_button;
  GtkLabel            *error_label;
  GtkBox              *search_box;
  GtkSearchEntry      *search_entry;
  GtkScrolledWindow   *results_window;
  GtkListView         *results_view;
  GtkSingleSelection  *results_selection;
  AdwActionRow        *chosen_row;
  AdwExpanderRow      *prospect_row;
  AdwEntryRow         *prospect_name_row;
  AdwEntryRow         *prospect_phone_row;
  AdwComboRow         *channel_row;
  AdwComboRow         *category_row;
  AdwComboRow         *severity_row;
  AdwEntryRow         *received_row;
  AdwActionRow        *lessons_row;
  GtkTextView         *description_view;
  AdwEntryRow         *remedy_row;
  AdwPreferencesGroup *files_group;
  GtkLabel            *taker_label;

  /* Owned */
  GxContext           *context;
  GxQueryModel        *results;
  char                *customer_id;
  GPtrArray           *category_ids;
  GPtrArray           *files;        /* GxCaseFile */
  GPtrArray           *file_rows;
  GCancellable        *cancellable;
};

enum {
  CASE_REGISTERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GxCaseIntakeDialog, gx_case_intake_dialog, ADW_TYPE_WINDOW)

static GxDb *
reader (GxCaseIntakeDialog *self)
{
  return gx_store_get_main_reader (gx_context_get_store (self->context));
}

/* The customer */

static void
choose_customer (GxCaseIntakeDialog *self,
                 const char         *customer_id)
{
  g_autofree char *label = NULL;

  g_free (self->customer_id);
  self->customer_id = g_strdup (customer_id);

  if (customer_id != NULL)
    label = gx_db_query_string (reader (self),
                                "SELECT c.name || ' · ' || c.number ||"
                                " coalesce (' · ' || (SELECT value FROM customer_contacts WHERE customer_id = c.id"
                                "   AND kind IN ('mobile', 'landline') ORDER BY is_primary DESC LIMIT 1), '')"
                                " FROM customers c WHERE c.id = ?",
                                g_variant_new ("(s)", customer_id), NULL);

  adw_action_row_set_subtitle (self->chosen_row, label ? label : "");
  gtk_widget_set_visible (GTK_WIDGET (self->chosen_row), label != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->search_box), label == NULL);
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->prospect_row), ADW_TYPE_PREFERENCES_GROUP),
                          label == NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->search_entry), "error");

  if (label != NULL)
    {
      adw_expander_row_set_enable_expansion (self->prospect_row, FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->channel_row));
    }
}

static void
on_search_changed_cb (GxCaseIntakeDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GVariant) params = NULL;
  g_autofree char *sql = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->results_window), text[0] != '\0');
  if (text[0] == '\0')
    return;

  sql = gx_search_customers (text, &params);
  gx_query_model_set_query (self->results, sql, params);
}

static void
pick_result (GxCaseIntakeDialog *self,
             guint               position)
{
  g_autoptr(GxRow) row = g_list_model_get_item (G_LIST_MODEL (self->results), position);

  if (row != NULL && gx_row_get_id (row) != NULL)
    choose_customer (self, gx_row_get_id (row));
}

static void
on_search_activate_cb (GxCaseIntakeDialog *self)
{
  guint selected = gtk_single_selection_get_selected (self->results_selection);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0)
    return;
  pick_result (self, selected == GTK_INVALID_LIST_POSITION ? 0 : selected);
}

static void
on_result_activate_cb (GxCaseIntakeDialog *self,
                       guint               position)
{
  pick_result (self, position);
}

/* Down from the search field goes into the matches. */
static gboolean
on_search_key_pressed_cb (GxCaseIntakeDialog    *self,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          GtkEventControllerKey *controller)
{
  if (keyval != GDK_KEY_Down || !gtk_widget_get_visible (GTK_WIDGET (self->results_window)) ||
      g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0)
    return FALSE;

  gtk_widget_grab_focus (GTK_WIDGET (self->results_view));
  return TRUE;
}

static void
gx_case_intake_dialog_change_customer_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *parameter)
{
  GxCaseIntakeDialog *self = GX_CASE_INTAKE_DIALOG (widget);

  choose_customer (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Lessons of the category */

static const char *
selected_category (GxCaseIntakeDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->category_row);

  return selected < self->category_ids->len ? g_ptr_array_index (self->category_ids, selected) : NULL;
}

static void
on_category_changed_cb (GxCaseIntakeDialog *self)
{
  const char *category = selected_category (self);
  gint64 n = 0;

  if (category != NULL)
    n = gx_db_query_int (reader (self), "SELECT count(*) FROM lessons WHERE category_id = ?",
                         g_variant_new ("(s)", category), 0, NULL);

  if (n > 0)
    {
      g_autofree char *count = gx_format_count ((guint) n);
      /* Translators: %s is a number of lessons learned from earlier cases */
      g_autofree char *text = g_strdup_printf (ngettext ("%s lesson from earlier cases like this",
                                                         "%s lessons from earlier cases like this", (gulong) n), count);
      adw_action_row_set_subtitle (self->lessons_row, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->lessons_row), n > 0);
}

static void
gx_case_intake_dialog_show_lessons_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  GxCaseIntakeDialog *self = GX_CASE_INTAKE_DIALOG (widget);
  GtkWidget *window = gx_lessons_window_new (self->context, selected_category (self));

  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_present (GTK_WINDOW (window));
}

/* Files */

static void
gx_case_intake_dialog_remove_file_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  GxCaseIntakeDialog *self = GX_CASE_INTAKE_DIALOG (widget);
  guint index = (guint) g_variant_get_int32 (parameter);

  if (index >= self->files->len)
    return;

  adw_preferences_group_remove (self->files_group, g_ptr_array_index (self->file_rows, index));
  g_ptr_array_remove_index (self->file_rows, index);
  g_ptr_array_remove_index (self->files, index);

  /* The remaining buttons name their file by position. */
  for (guint i = 0; i < self->file_rows->len; i++)
    {
      GtkWidget *button = g_object_get_data (G_OBJECT (g_ptr_array_index (self->file_rows, i)), "gx-remove");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", (gint32) i);
    }
}

static void
file_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GxCaseIntakeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;
  g_autofree char *size = NULL;
  GFile *file = G_FILE (object);
  GtkWidget *row, *remove;

  bytes = g_file_load_bytes_finish (file, result, NULL, &error);
  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_label (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        }
      return;
    }

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE "," G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  name = info ? g_strdup (g_file_info_get_display_name (info)) : g_file_get_basename (file);
  g_ptr_array_add (self->files, gx_case_file_new (name, info ? g_file_info_get_content_type (info) : NULL, bytes));

  size = g_format_size (g_bytes_get_size (bytes));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "intake.remove-file");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "i", (gint32) self->file_rows->len);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  g_object_set_data (G_OBJECT (row), "gx-remove", remove);
  adw_preferences_group_add (self->files_group, row);
  g_ptr_array_add (self->file_rows, row);
}

static void
on_chooser_response_cb (GtkNativeDialog    *chooser,
                        int                 response,
                        GxCaseIntakeDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          g_file_load_bytes_async (file, self->cancellable, file_loaded_cb, g_object_ref (self));
        }
    }
  g_object_unref (chooser);
}

static void
gx_case_intake_dialog_attach_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Attach Files to the Complaint"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Registering */

static GtkWidget *
widget_for_field (GxCaseIntakeDialog *self,
                  const char         *field)
{
  if (g_strcmp0 (field, "customer_id") == 0)
    return GTK_WIDGET (self->search_entry);
  if (g_strcmp0 (field, "description") == 0 || g_strcmp0 (field, "subject") == 0)
    return GTK_WIDGET (self->description_view);
  if (g_strcmp0 (field, "received_at") == 0)
    return GTK_WIDGET (self->received_row);
  if (g_strcmp0 (field, "channel") == 0)
    return GTK_WIDGET (self->channel_row);
  if (g_strcmp0 (field, "category_id") == 0)
    return GTK_WIDGET (self->category_row);
  if (g_strcmp0 (field, "name") == 0)
    return GTK_WIDGET (self->prospect_name_row);
  if (g_strcmp0 (field, "phone") == 0 || g_strcmp0 (field, "value") == 0)
    return GTK_WIDGET (self->prospect_phone_row);
  return NULL;
}

static void
show_error (GxCaseIntakeDialog *self,
            const char         *field,
            const char         *message)
{
  GtkWidget *widget = widget_for_field (self, field);

  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  if (widget != NULL)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_widget_grab_focus (widget);
    }
}

static void
clear_errors (GxCaseIntakeDialog *self)
{
  GtkWidget *widgets[] = {
    GTK_WIDGET (self->search_entry), GTK_WIDGET (self->description_view), GTK_WIDGET (self->received_row),
    GTK_WIDGET (self->channel_row), GTK_WIDGET (self->category_row), GTK_WIDGET (self->prospect_name_row),
    GTK_WIDGET (self->prospect_phone_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    gtk_widget_remove_css_class (widgets[i], "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
registered_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GxCaseIntakeDialog) self = user_data;
  g_autoptr(GxCaseOp) op = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  GtkWindow *parent;

  op = gx_case_op_finish (result, &error);
  gtk_widget_set_sensitive (GTK_WIDGET (self->register_button), TRUE);
  if (op == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, gx_record_error_get_field (error), error->message);
      return;
    }

  number = gx_db_query_string (reader (self), "SELECT number FROM cases WHERE id = ?",
                               g_variant_new ("(s)", op->result_id), NULL);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (GX_IS_WINDOW (parent))
    {
      /* Translators: %s is a case number the customer can quote, e.g. TS20261122-7K4QD */
      g_autofree char *text = g_strdup_printf (_("Complaint registered as %s"), number);
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_timeout (toast, 10);
      gx_window_add_toast (GX_WINDOW (parent), toast);
    }

  g_signal_emit (self, signals[CASE_REGISTERED], 0, op->result_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
gx_case_intake_dialog_register_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  GxCaseIntakeDialog *self = GX_CASE_INTAKE_DIALOG (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  const char *received = gtk_editable_get_text (GTK_EDITABLE (self->received_row));
  GtkTextIter start, end;
  guint n_channels, n_severities;
  const GxVocabEntry *channels = gx_vocab_entries (GX_VOCAB_CASE_CHANNEL, &n_channels);
  const GxVocabEntry *severities = gx_vocab_entries (GX_VOCAB_SEVERITY, &n_severities);
  GxCaseOp *op;

  clear_errors (self);

  op = gx_case_op_new (GX_CASE_OP_INTAKE, NULL);
  if (adw_expander_row_get_enable_expansion (self->prospect_row) && self->customer_id == NULL)
    {
      op->prospect_name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->prospect_name_row)));
      op->prospect_phone = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->prospect_phone_row)));
    }
  else
    op->customer_id = g_strdup (self->customer_id);

  op->channel = g_strdup (channels[MIN (adw_combo_row_get_selected (self->channel_row), n_channels - 1)].code);
  op->category_id = g_strdup (selected_category (self));
  op->severity = g_strdup (severities[MIN (adw_combo_row_get_selected (self->severity_row), n_severities - 1)].code);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  op->description = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  op->remedy_sought = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->remedy_row)));

  if (received[0] != '\0')
    {
      g_autoptr(GDateTime) dt = NULL;
      int y, m, d, h, mi;
      char tail;

      if (sscanf (received, "%d-%d-%d %d:%d%c", &y, &m, &d, &h, &mi, &tail) == 5)
        dt = g_date_time_new (gx_clock_get_timezone (gx_context_get_clock (self->context)), y, m, d, h, mi, 0);
      if (dt == NULL)
        {
          show_error (self, "received_at", _("Write the time received as 2026-11-22 10:00."));
          gx_case_op_free (op);
          return;
        }
      op->received_at = g_date_time_to_unix (dt);
    }

  if (self->files->len > 0)
    {
      op->files = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_case_file_free);
      for (guint i = 0; i < self->files->len; i++)
        {
          GxCaseFile *file = g_ptr_array_index (self->files, i);
          g_ptr_array_add (op->files, gx_case_file_new (file->name, file->mime_type, file->bytes));
        }
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->register_button), FALSE);
  gx_case_op_run (op, self->context, self->cancellable, registered_cb, g_object_ref (self));
}

static void
gx_case_intake_dialog_cancel_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* Setting up */

static GtkStringList *
vocab_list (GxVocab vocab)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  guint n;
  const GxVocabEntry *entries = gx_vocab_entries (vocab, &n);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, _(entries[i].label));
  return list;
}

static void
set_up (GxCaseIntakeDialog *self,
        const char         *customer_id)
{
  g_autoptr(GtkStringList) channels = vocab_list (GX_VOCAB_CASE_CHANNEL);
  g_autoptr(GtkStringList) severities = vocab_list (GX_VOCAB_SEVERITY);
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) local = gx_clock_dup_local (gx_context_get_clock (self->context));
  g_autofree char *now = g_date_time_format (local, "%Y-%m-%d %H:%M");
  g_autofree char *taker = NULL;
  sqlite3_stmt *stmt;

  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (channels));
  adw_combo_row_set_model (self->severity_row, G_LIST_MODEL (severities));
  adw_combo_row_set_selected (self->severity_row, (guint) gx_vocab_index (GX_VOCAB_SEVERITY, "medium"));

  stmt = gx_db_prepare (reader (self), "SELECT id, name FROM case_categories WHERE active = 1 ORDER BY position", NULL);
  if (stmt != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *id = gx_db_column_text (stmt, 0);

          g_ptr_array_add (self->category_ids, g_strdup (id));
          gtk_string_list_append (categories, gx_vocab_display_name (GX_VOCAB_CASE_CATEGORY, id, gx_db_column_text (stmt, 1)));
        }
      sqlite3_reset (stmt);
    }
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (categories));
  g_signal_connect_object (self->category_row, "notify::selected", G_CALLBACK (on_category_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_category_changed_cb (self);

  gtk_editable_set_text (GTK_EDITABLE (self->received_row), now);

  /* Translators: %s is the signed-in user's name */
  taker = g_strdup_printf (_("Taken by %s, the case’s first responder: it stays yours until you hand it on."),
                           gx_context_get_user_name (self->context) ? gx_context_get_user_name (self->context) : "");
  gtk_label_set_label (self->taker_label, taker);

  self->results = gx_query_model_new (gx_context_get_store (self->context), GX_TYPE_CUSTOMER_ROW);
  gtk_single_selection_set_model (self->results_selection, G_LIST_MODEL (self->results));

  if (customer_id != NULL)
    choose_customer (self, customer_id);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* GObject */

static void
gx_case_intake_dialog_dispose (GObject *object)
{
  GxCaseIntakeDialog *self = (GxCaseIntakeDialog *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_CASE_INTAKE_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->results);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_case_intake_dialog_parent_class)->dispose (object);
}

static void
gx_case_intake_dialog_finalize (GObject *object)
{
  GxCaseIntakeDialog *self = (GxCaseIntakeDialog *) object;

  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->category_ids, g_ptr_array_unref);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->file_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (gx_case_intake_dialog_parent_class)->finalize (object);
}

static void
gx_case_intake_dialog_class_init (GxCaseIntakeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_case_intake_dialog_dispose;
  object_class->finalize = gx_case_intake_dialog_finalize;

  /**
   * GxCaseIntakeDialog::case-registered:
   * @case_id: the new case
   *
   * The complaint is in the store.
   */
  signals[CASE_REGISTERED] =
    g_signal_new ("case-registered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (GX_TYPE_CUSTOMER_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-case-intake-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, register_button);
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, search_box);
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, results_window);
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, results_view);
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, results_selection);
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, chosen_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, prospect_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, prospect_name_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, prospect_phone_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, category_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, severity_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, received_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, lessons_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, description_view);
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, remedy_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, files_group);
  gtk_widget_class_bind_template_child (widget_class, GxCaseIntakeDialog, taker_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activate_cb);

  gtk_widget_class_install_action (widget_class, "intake.register", NULL, gx_case_intake_dialog_register_action);
  gtk_widget_class_install_action (widget_class, "intake.cancel", NULL, gx_case_intake_dialog_cancel_action);
  gtk_widget_class_install_action (widget_class, "intake.change-customer", NULL, gx_case_intake_dialog_change_customer_action);
  gtk_widget_class_install_action (widget_class, "intake.show-lessons", NULL, gx_case_intake_dialog_show_lessons_action);
  gtk_widget_class_install_action (widget_class, "intake.attach", NULL, gx_case_intake_dialog_attach_action);
  gtk_widget_class_install_action (widget_class, "intake.remove-file", "i", gx_case_intake_dialog_remove_file_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "intake.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "intake.register", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "intake.register", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "intake.register", NULL);
}

static void
gx_case_intake_dialog_init (GxCaseIntakeDialog *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->category_ids = g_ptr_array_new_with_free_func (g_free);
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_case_file_free);
  self->file_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_search_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  /* Ctrl+Enter submits from anywhere, the text views included, which would otherwise take
   * the key for a new line: the shortcut is seen on the way down, before them. */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                            gtk_named_action_new ("intake.register")));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->register_button));
}

/**
 * gx_case_intake_dialog_new:
 * @context: the desk's context
 * @customer_id: (nullable): the customer complaining, when known (from their profile)
 *
 * Returns: (transfer floating): the form; present it transient for the window
 */
GtkWidget *
gx_case_intake_dialog_new (GxContext  *context,
                           const char *customer_id)
{
  GxCaseIntakeDialog *self;

  g_return_val_if_fail (GX_IS_CONTEXT (context), NULL);

  self = g_object_new (GX_TYPE_CASE_INTAKE_DIALOG, NULL);
  self->context = g_object_ref (context);
  set_up (self, customer_id);

  return GTK_WIDGET (self);
}
