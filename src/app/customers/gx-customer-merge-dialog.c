/* gx-customer-merge-dialog.c: merge a duplicate profile into the one to keep, after a preview
 * of every record that moves and every one that stays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customer-merge-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-customer.h"
#include "gx-customer-merge.h"
#include "gx-customer-merge-dialog.h"
#include "gx-form.h"
#include "gx-sync-status.h"
#include "gx-window.h"

struct _GxCustomerMergeDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkLabel            *error_label;
  GtkSearchEntry      *search_entry;
  GtkListBox          *results;
  AdwEntryRow         *reason_row;
  AdwPreferencesGroup *preview_group;

  /* Owned */
  GxContext           *context;
  char                *merged_id;
  char                *survivor_id;
  char                *survivor_name;
  char                *reason;
  char                *merge_id;
  char                *user_id;
  GPtrArray           *preview_rows;
  gint64               now;
};

G_DEFINE_FINAL_TYPE (GxCustomerMergeDialog, gx_customer_merge_dialog, ADW_TYPE_WINDOW)

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "customer_contact") == 0)
    return _("Contact");
  if (g_strcmp0 (kind, "customer_interest") == 0)
    return _("Interest");
  if (g_strcmp0 (kind, "customer_link") == 0)
    return _("Link");
  if (g_strcmp0 (kind, "case") == 0)
    return _("Complaint");
  if (g_strcmp0 (kind, "membership") == 0)
    return _("Club membership");
  if (g_strcmp0 (kind, "invitation") == 0)
    return _("Invitation");
  if (g_strcmp0 (kind, "invitation_guest") == 0)
    return _("Activity guest");
  return _("Register");
}

static void
clear_preview (GxCustomerMergeDialog *self)
{
  for (guint i = 0; i < self->preview_rows->len; i++)
    adw_preferences_group_remove (self->preview_group, g_ptr_array_index (self->preview_rows, i));
  g_ptr_array_set_size (self->preview_rows, 0);
}

static void
add_preview_row (GxCustomerMergeDialog *self,
                 const char            *title,
                 const char            *subtitle,
                 const char            *icon)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  adw_preferences_group_add (self->preview_group, row);
  g_ptr_array_add (self->preview_rows, row);
}

static void
show_preview (GxCustomerMergeDialog *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) filled = NULL;
  g_autoptr(GError) error = NULL;

  clear_preview (self);
  if (self->survivor_id == NULL)
    return;

  items = gx_customer_merge_preview (db, self->survivor_id, self->merged_id, &filled, &error);
  if (items == NULL)
    {
      gx_form_mark_error (self->error_label, NULL, error->message);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  for (guint i = 0; i < items->len; i++)
    {
      GxMergeItem *item = g_ptr_array_index (items, i);
      g_autofree char *title = g_strdup_printf ("%s: %s", kind_label (item->kind), item->description);

      /* Words, not only the icon, say what happens to each record. */
      add_preview_row (self, title,
                       item->moves ? _("Moves to the profile kept") : item->reason,
                       item->moves ? "go-next-symbolic" : "action-unavailable-symbolic");
    }
  if (filled != NULL && filled->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < filled->len; i++)
        {
          g_autofree char *label = gx_sync_field_label ("customer", g_ptr_array_index (filled, i));

          /* Translators: the separator between field names in a list */
          g_string_append_printf (names, "%s%s", names->len ? _(", ") : "", label);
        }
      add_preview_row (self, _("Empty fields of the profile kept are filled from this one"), names->str, "document-edit-symbolic");
    }
  if (items->len == 0 && (filled == NULL || filled->len == 0))
    add_preview_row (self, _("Nothing else belongs to this profile: it is only archived"), NULL, NULL);
}

static void
on_row_selected_cb (GxCustomerMergeDialog *self,
                    GtkListBoxRow         *row)
{
  /* Rows leave the list while the dialog is taken apart too. */
  if (self->context == NULL)
    return;

  g_clear_pointer (&self->survivor_id, g_free);
  g_clear_pointer (&self->survivor_name, g_free);
  if (row != NULL)
    {
      self->survivor_id = g_strdup (g_object_get_data (G_OBJECT (row), "customer-id"));
      self->survivor_name = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
    }
  show_preview (self);
}

static void
on_search_changed_cb (GxCustomerMergeDialog *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  g_autoptr(JsonArray) found = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);

  found = gx_customer_find (db, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), 20, NULL);
  for (guint i = 0; found != NULL && i < json_array_get_length (found); i++)
    {
      JsonObject *row = json_array_get_object_element (found, i);
      const char *id = json_object_get_string_member (row, "id");
      const char *phone = json_object_get_null_member (row, "phone") ? NULL : json_object_get_string_member (row, "phone");
      g_autofree char *subtitle = g_strdup_printf ("%s%s%s", json_object_get_string_member (row, "number"),
                                                   phone ? " · " : "", phone ? phone : "");
      GtkWidget *action_row;

      if (g_strcmp0 (id, self->merged_id) == 0)
        continue;

      action_row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), json_object_get_string_member (row, "name"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
      g_object_set_data_full (G_OBJECT (action_row), "customer-id", g_strdup (id), g_free);
      gtk_list_box_append (self->results, action_row);
    }

  child = gtk_widget_get_first_child (GTK_WIDGET (self->results));
  gtk_list_box_select_row (self->results, child ? GTK_LIST_BOX_ROW (child) : NULL);
}

/* Merging */

static gboolean
merge_write (GxDb      *db,
             gpointer   user_data,
             GError   **error)
{
  GxCustomerMergeDialog *self = user_data;
  GxWriteMeta meta = { .now = self->now, .user_id = self->user_id };

  g_clear_pointer (&self->merge_id, g_free);
  self->merge_id = gx_customer_merge (db, self->survivor_id, self->merged_id, self->reason, &meta, error);
  return self->merge_id != NULL;
}

typedef struct
{
  GxContext *context;
  char      *merge_id;
  char      *user_id;
} Undo;

static void
undo_free (gpointer data,
           GClosure *closure)
{
  Undo *undo = data;

  g_clear_object (&undo->context);
  g_free (undo->merge_id);
  g_free (undo->user_id);
  g_free (undo);
}

static gboolean
unmerge_write (GxDb      *db,
               gpointer   user_data,
               GError   **error)
{
  Undo *undo = user_data;
  GxWriteMeta meta = { .now = gx_clock_now (gx_context_get_clock (undo->context)), .user_id = undo->user_id };

  return gx_customer_unmerge (db, undo->merge_id, &meta, error);
}

static void
on_undo_cb (AdwToast *toast,
            Undo     *undo)
{
  g_autoptr(GError) error = NULL;

  /* The toast's closure owns @undo until the toast goes; the write is short. */
  gx_store_write_sync (gx_context_get_store (undo->context), unmerge_write, undo, &error);
}

static void
merged_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GxCustomerMergeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (!gx_store_write_finish (GX_STORE (object), result, &error))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
      gx_form_mark_error (self->error_label, NULL, error->message);
      return;
    }

  if (GX_IS_WINDOW (parent))
    {
      /* Translators: %s is the name of the profile kept */
      g_autofree char *text = g_strdup_printf (_("Merged into %s"), self->survivor_name);
      AdwToast *toast = adw_toast_new (text);
      Undo *undo = g_new0 (Undo, 1);

      undo->context = g_object_ref (self->context);
      undo->merge_id = g_strdup (self->merge_id);
      undo->user_id = g_strdup (self->user_id);
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_cb), undo, undo_free, 0);
      gx_window_add_toast (GX_WINDOW (parent), toast);
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
gx_customer_merge_dialog_merge_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  GxCustomerMergeDialog *self = GX_CUSTOMER_MERGE_DIALOG (widget);
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->reason_row));

  gx_form_clear_errors (self->error_label, GTK_WIDGET (self));
  if (self->survivor_id == NULL)
    {
      gx_form_mark_error (self->error_label, GTK_WIDGET (self->search_entry), _("Find and choose the profile to keep."));
      return;
    }
  if (gx_form_is_blank (reason))
    {
      gx_form_mark_error (self->error_label, GTK_WIDGET (self->reason_row),
                          _("Say how you know the two profiles are the same person."));
      return;
    }

  g_free (self->reason);
  self->reason = g_strstrip (g_strdup (reason));
  self->now = gx_clock_now (gx_context_get_clock (self->context));
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  gx_store_write_async (gx_context_get_store (self->context), merge_write, self, NULL, NULL,
                        merged_cb, g_object_ref (self));
}

static void
gx_customer_merge_dialog_dispose (GObject *object)
{
  GxCustomerMergeDialog *self = (GxCustomerMergeDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_CUSTOMER_MERGE_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_customer_merge_dialog_parent_class)->dispose (object);
}

static void
gx_customer_merge_dialog_finalize (GObject *object)
{
  GxCustomerMergeDialog *self = (GxCustomerMergeDialog *) object;

  g_free (self->merged_id);
  g_free (self->survivor_id);
  g_free (self->survivor_name);
  g_free (self->reason);
  g_free (self->merge_id);
  g_free (self->user_id);
  g_clear_pointer (&self->preview_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (gx_customer_merge_dialog_parent_class)->finalize (object);
}

static void
gx_customer_merge_dialog_class_init (GxCustomerMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_customer_merge_dialog_dispose;
  object_class->finalize = gx_customer_merge_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-customer-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GxCustomerMergeDialog, group);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerMergeDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerMergeDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerMergeDialog, results);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerMergeDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerMergeDialog, preview_group);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected_cb);

  gtk_widget_class_install_action (widget_class, "dialog.merge", NULL, gx_customer_merge_dialog_merge_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gx_customer_merge_dialog_init (GxCustomerMergeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->preview_rows = g_ptr_array_new ();
}

/**
 * gx_customer_merge_dialog_new:
 * @context: the context
 * @customer_id: the duplicate profile, which is merged into another and archived
 * @customer_name: its name
 *
 * Returns: (transfer none): a new dialog
 */
GtkWindow *
gx_customer_merge_dialog_new (GxContext  *context,
                              const char *customer_id,
                              const char *customer_name)
{
  GxCustomerMergeDialog *self = g_object_new (GX_TYPE_CUSTOMER_MERGE_DIALOG, NULL);
  /* Translators: %s is a customer's name */
  g_autofree char *title = g_strdup_printf (_("Merge %s Into Another Profile"), customer_name);

  self->context = g_object_ref (context);
  self->merged_id = g_strdup (customer_id);
  self->user_id = g_strdup (gx_context_get_user_id (context));
  adw_preferences_group_set_title (self->group, title);
  /* The duplicate is usually found under the same name. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), customer_name);

  return GTK_WINDOW (self);
}
