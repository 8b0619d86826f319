/* gx-customer-profile-actions.c: what the user does on a profile — reveal, archive, delete,
 * link, print — each a write through core with an undo toast where it can be undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customer-profile"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-contact-log-dialog.h"
#include "gx-customer-editor.h"
#include "gx-customer-export.h"
#include "gx-customer-link-dialog.h"
#include "gx-customer-merge.h"
#include "gx-customer-merge-dialog.h"
#include "gx-customer-print.h"
#include "gx-customer-profile-private.h"
#include "gx-enums.h"
#include "gx-form.h"
#include "gx-visibility.h"
#include "gx-window.h"

/* Jobs */

static void
job_free (gpointer data)
{
  ProfileJob *job = data;

  g_clear_object (&job->self);
  g_free (job->user_id);
  g_free (job->customer_id);
  g_free (job->other_id);
  g_free (job->action);
  g_free (job->field);
  g_free (job->text);
  g_clear_pointer (&job->fields, json_object_unref);
  g_clear_pointer (&job->snapshot, json_object_unref);
}

static void
job_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, job_free);
}

ProfileJob *
_gx_customer_profile_job_new (GxCustomerProfile *self,
                              ProfileJobDone     done)
{
  ProfileJob *job = g_atomic_rc_box_new0 (ProfileJob);

  job->self = g_object_ref (self);
  job->done = done;
  job->user_id = g_strdup (gx_context_get_user_id (self->context));
  job->now = gx_clock_now (gx_context_get_clock (self->context));
  job->customer_id = g_strdup (self->customer_id);
  return job;
}

static void
job_finished_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ProfileJob *job = user_data;
  g_autoptr(GError) error = NULL;

  gx_store_write_finish (GX_STORE (object), result, &error);
  if (job->done != NULL)
    job->done (job->self, job, error);
  else if (error != NULL)
    _gx_customer_profile_toast (job->self, error->message);

  job_unref (job);
}

void
_gx_customer_profile_run (GxCustomerProfile *self,
                          GxStoreWriteFunc   func,
                          ProfileJob        *job)
{
  /* One reference for the writer's data, one for the callback. */
  gx_store_write_async (gx_context_get_store (self->context), func,
                        g_atomic_rc_box_acquire (job), job_unref, NULL,
                        job_finished_cb, g_atomic_rc_box_acquire (job));
}

static GxWriteMeta
job_meta (ProfileJob *job)
{
  return (GxWriteMeta) { .now = job->now, .user_id = job->user_id };
}

GtkWindow *
_gx_customer_profile_get_window (GxCustomerProfile *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
add_toast (GxCustomerProfile *self,
           AdwToast          *toast)
{
  GtkWindow *window = _gx_customer_profile_get_window (self);

  if (GX_IS_WINDOW (window))
    gx_window_add_toast (GX_WINDOW (window), toast);
  else
    g_object_unref (toast);
}

void
_gx_customer_profile_toast (GxCustomerProfile *self,
                            const char        *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 6);
  add_toast (self, toast);
}

static gboolean
is_registered (GxCustomerProfile *self)
{
  return gx_visibility_is_registered (gx_confidentiality_from_code (_gx_customer_profile_get (self, "confidentiality")));
}

/* Reveal */

static gboolean
log_access_write (GxDb      *db,
                  gpointer   user_data,
                  GError   **error)
{
  ProfileJob *job = user_data;
  GxWriteMeta meta = job_meta (job);

  return gx_customer_log_access (db, job->customer_id, job->action, job->field, job->text, &meta, error);
}

static void
revealed_cb (GxCustomerProfile *self,
             ProfileJob        *job,
             const GError      *error)
{
  if (error != NULL)
    {
      _gx_customer_profile_toast (self, error->message);
      return;
    }

  if (g_strcmp0 (self->customer_id, job->customer_id) == 0)
    {
      self->revealed = TRUE;
      _gx_customer_profile_reload (self);
    }
}

static void
gx_customer_profile_reveal_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  GxCustomerProfile *self = GX_CUSTOMER_PROFILE (widget);
  ProfileJob *job;

  if (self->revealed)
    {
      self->revealed = FALSE;
      _gx_customer_profile_reload (self);
      return;
    }

  /* Revealing is registered like an opening, with the reason the profile was opened for. */
  job = _gx_customer_profile_job_new (self, revealed_cb);
  job->action = g_strdup ("reveal");
  {
    const char *id_number = _gx_customer_profile_get (self, "id_number");
    const char *accounts = _gx_customer_profile_get (self, "accounts");
    gboolean has_id = id_number != NULL && *id_number != '\0';
    gboolean has_accounts = accounts != NULL && *accounts != '\0';

    /* The register names the numbers that were shown. */
    job->field = g_strdup (has_id && has_accounts ? "id_number,accounts" : has_accounts ? "accounts" : "id_number");
  }
  job->text = g_strdup (self->reason ? self->reason : "");
  _gx_customer_profile_run (self, log_access_write, job);
  job_unref (job);
}

/* Archive */

static gboolean
archive_write (GxDb      *db,
               gpointer   user_data,
               GError   **error)
{
  ProfileJob *job = user_data;
  GxWriteMeta meta = job_meta (job);

  return gx_customer_set_archived (db, job->customer_id, g_strcmp0 (job->action, "archive") == 0, &meta, error);
}

static void
set_archived (GxCustomerProfile *self,
              const char        *customer_id,
              gboolean           archived,
              gboolean           offer_undo);

static void
on_undo_archive_cb (AdwToast   *toast,
                    ProfileJob *job)
{
  set_archived (job->self, job->customer_id, g_strcmp0 (job->action, "archive") != 0, FALSE);
}

static void
archived_cb (GxCustomerProfile *self,
             ProfileJob        *job,
             const GError      *error)
{
  AdwToast *toast;
  gboolean archive = g_strcmp0 (job->action, "archive") == 0;

  if (error != NULL)
    {
      _gx_customer_profile_toast (self, error->message);
      return;
    }

  if (!GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "offer-undo")))
    return;

  toast = adw_toast_new (archive ? _("Profile archived") : _("Profile restored from the archive"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_archive_cb),
                         g_atomic_rc_box_acquire (job), (GClosureNotify) (void (*) (void)) job_unref, 0);
  add_toast (self, toast);
}

static void
set_archived (GxCustomerProfile *self,
              const char        *customer_id,
              gboolean           archived,
              gboolean           offer_undo)
{
  ProfileJob *job = _gx_customer_profile_job_new (self, archived_cb);

  g_free (job->customer_id);
  job->customer_id = g_strdup (customer_id);
  job->action = g_strdup (archived ? "archive" : "unarchive");
  g_object_set_data (G_OBJECT (self), "offer-undo", GINT_TO_POINTER (offer_undo));
  _gx_customer_profile_run (self, archive_write, job);
  job_unref (job);
}

static void
gx_customer_profile_archive_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  GxCustomerProfile *self = GX_CUSTOMER_PROFILE (widget);

  set_archived (self, self->customer_id, g_str_equal (action_name, "profile.archive"), TRUE);
}

/* Delete */

static gboolean
delete_write (GxDb      *db,
              gpointer   user_data,
              GError   **error)
{
  ProfileJob *job = user_data;
  GxWriteMeta meta = job_meta (job);

  if (job->snapshot != NULL)
    return gx_customer_restore (db, job->snapshot, &meta, error);

  job->snapshot = gx_customer_delete (db, job->customer_id, &meta, error);
  return job->snapshot != NULL;
}

static void
restored_cb (GxCustomerProfile *self,
             ProfileJob        *job,
             const GError      *error)
{
  if (error != NULL)
    {
      _gx_customer_profile_toast (self, error->message);
      return;
    }

  /* Back on screen, as it was before the delete. */
  g_signal_emit_by_name (self, "open-customer", job->customer_id);
}

static void
on_undo_delete_cb (AdwToast   *toast,
                   ProfileJob *job)
{
  /* The same job again: with its snapshot it restores. */
  job->now = gx_clock_now (gx_context_get_clock (job->self->context));
  job->done = restored_cb;
  _gx_customer_profile_run (job->self, delete_write, job);
}

static void
on_archive_instead_cb (AdwToast   *toast,
                       ProfileJob *job)
{
  set_archived (job->self, job->customer_id, TRUE, TRUE);
}

static void
deleted_cb (GxCustomerProfile *self,
            ProfileJob        *job,
            const GError      *error)
{
  AdwToast *toast;

  if (g_error_matches (error, GX_CUSTOMER_ERROR, GX_CUSTOMER_ERROR_HAS_HISTORY))
    {
      toast = adw_toast_new (error->message);
      adw_toast_set_timeout (toast, 8);
      adw_toast_set_button_label (toast, _("_Archive"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_archive_instead_cb),
                             g_atomic_rc_box_acquire (job), (GClosureNotify) (void (*) (void)) job_unref, 0);
      add_toast (self, toast);
      return;
    }
  if (error != NULL)
    {
      _gx_customer_profile_toast (self, error->message);
      return;
    }

  toast = adw_toast_new (_("Profile deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_delete_cb),
                         g_atomic_rc_box_acquire (job), (GClosureNotify) (void (*) (void)) job_unref, 0);
  add_toast (self, toast);
}

static void
gx_customer_profile_delete_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  GxCustomerProfile *self = GX_CUSTOMER_PROFILE (widget);
  ProfileJob *job = _gx_customer_profile_job_new (self, deleted_cb);

  _gx_customer_profile_run (self, delete_write, job);
  job_unref (job);
}

/* Links */

static gboolean
remove_link_write (GxDb      *db,
                   gpointer   user_data,
                   GError   **error)
{
  ProfileJob *job = user_data;
  GxWriteMeta meta = job_meta (job);

  if (job->snapshot != NULL)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(GList) names = json_object_get_members (job->snapshot);

      for (GList *l = names; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "id") && !g_str_equal (l->data, "version"))
          json_object_set_member (fields, l->data, json_object_dup_member (job->snapshot, l->data));
      return gx_record_insert (db, "customer_link", job->other_id, fields, &meta, error);
    }

  job->snapshot = gx_record_read (db, "customer_link", job->other_id, error);
  return job->snapshot != NULL && gx_record_delete (db, "customer_link", job->other_id, &meta, error);
}

static void
on_undo_link_cb (AdwToast   *toast,
                 ProfileJob *job)
{
  job->done = NULL;
  _gx_customer_profile_run (job->self, remove_link_write, job);
}

static void
link_removed_cb (GxCustomerProfile *self,
                 ProfileJob        *job,
                 const GError      *error)
{
  AdwToast *toast;

  if (error != NULL)
    {
      _gx_customer_profile_toast (self, error->message);
      return;
    }

  toast = adw_toast_new (_("Link removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_link_cb),
                         g_atomic_rc_box_acquire (job), (GClosureNotify) (void (*) (void)) job_unref, 0);
  add_toast (self, toast);
}

static void
gx_customer_profile_remove_link_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  GxCustomerProfile *self = GX_CUSTOMER_PROFILE (widget);
  ProfileJob *job = _gx_customer_profile_job_new (self, link_removed_cb);

  job->other_id = g_variant_dup_string (parameter, NULL);
  _gx_customer_profile_run (self, remove_link_write, job);
  job_unref (job);
}

static void
gx_customer_profile_add_link_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  GxCustomerProfile *self = GX_CUSTOMER_PROFILE (widget);
  GtkWindow *dialog = gx_customer_link_dialog_new (self->context, self->customer_id,
                                                   _gx_customer_profile_get (self, "name"));

  gtk_window_set_transient_for (dialog, _gx_customer_profile_get_window (self));
  gtk_window_present (dialog);
}

/* Dialogs */

static void
gx_customer_profile_edit_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  GxCustomerProfile *self = GX_CUSTOMER_PROFILE (widget);
  GtkWindow *editor = gx_customer_editor_new (self->context, self->customer_id);

  gtk_window_set_transient_for (editor, _gx_customer_profile_get_window (self));
  gtk_window_present (editor);
}

static void
gx_customer_profile_add_contact_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  GxCustomerProfile *self = GX_CUSTOMER_PROFILE (widget);
  GtkWindow *dialog = gx_contact_log_dialog_new (self->context, self->customer_id,
                                                 _gx_customer_profile_get (self, "name"),
                                                 _gx_customer_profile_get (self, "follow_up_on"));

  gtk_window_set_transient_for (dialog, _gx_customer_profile_get_window (self));
  gtk_window_present (dialog);
}

/* Print */

static void
printed_cb (GxCustomerProfile *self,
            ProfileJob        *job,
            const GError      *error)
{
  if (error != NULL)
    _gx_customer_profile_toast (self, error->message);
}

static void
on_print_done_cb (GxCustomerProfile *self,
                  gboolean           printed,
                  const char         *where)
{
  ProfileJob *job;

  if (!printed)
    return;

  if (where != NULL)
    {
      /* Translators: %s is a file name */
      g_autofree char *text = g_strdup_printf (_("Saved as %s"), where);
      _gx_customer_profile_toast (self, text);
    }

  /* Printing a confidential profile is registered. */
  if (!is_registered (self))
    return;

  job = _gx_customer_profile_job_new (self, printed_cb);
  job->action = g_strdup ("print");
  job->text = g_strdup (self->reason ? self->reason : "");
  _gx_customer_profile_run (self, log_access_write, job);
  job_unref (job);
}

static void
gx_customer_profile_print_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  GxCustomerProfile *self = GX_CUSTOMER_PROFILE (widget);

  gx_customer_print (self->context, self->customer_id, _gx_customer_profile_get_window (self),
                     g_str_equal (action_name, "profile.save-pdf"),
                     (GxCustomerPrintDone) on_print_done_cb, self);
}

/* Merge and unmerge */

static void
gx_customer_profile_merge_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  GxCustomerProfile *self = GX_CUSTOMER_PROFILE (widget);
  GtkWindow *dialog = gx_customer_merge_dialog_new (self->context, self->customer_id,
                                                    _gx_customer_profile_get (self, "name"));

  gtk_window_set_transient_for (dialog, _gx_customer_profile_get_window (self));
  gtk_window_present (dialog);
}

static gboolean
unmerge_write (GxDb      *db,
               gpointer   user_data,
               GError   **error)
{
  ProfileJob *job = user_data;
  GxWriteMeta meta = job_meta (job);

  return gx_customer_unmerge (db, job->other_id, &meta, error);
}

static void
unmerged_cb (GxCustomerProfile *self,
             ProfileJob        *job,
             const GError      *error)
{
  _gx_customer_profile_toast (self, error != NULL ? error->message : _("Merge undone: the duplicate profile is back"));
}

static void
gx_customer_profile_unmerge_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  GxCustomerProfile *self = GX_CUSTOMER_PROFILE (widget);
  ProfileJob *job = _gx_customer_profile_job_new (self, unmerged_cb);

  job->other_id = g_variant_dup_string (parameter, NULL);
  _gx_customer_profile_run (self, unmerge_write, job);
  job_unref (job);
}

/* Personal data: export and erasure (PIPL) */

static void
exported_cb (GxCustomerProfile *self,
             ProfileJob        *job,
             const GError      *error)
{
  /* Translators: %s is a folder */
  g_autofree char *text = g_strdup_printf (_("Personal data saved in %s as JSON and PDF"), job->text);

  _gx_customer_profile_toast (self, error != NULL ? error->message : text);
}

static gboolean
log_export_write (GxDb      *db,
                  gpointer   user_data,
                  GError   **error)
{
  ProfileJob *job = user_data;
  GxWriteMeta meta = job_meta (job);

  return gx_customer_log_access (db, job->customer_id, "export", "personal_data", job->field, &meta, error);
}

static void
on_export_folder_cb (GtkNativeDialog   *dialog,
                     int                response,
                     GxCustomerProfile *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *dir = NULL;
  const char *number = _gx_customer_profile_get (self, "number");
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  ProfileJob *job;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_object_unref (dialog);
      g_object_unref (self);
      return;
    }

  folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  dir = g_file_get_path (folder);
  json_path = g_strdup_printf ("%s/%s-personal-data.json", dir, number);
  pdf_path = g_strdup_printf ("%s/%s-personal-data.pdf", dir, number);

  data = gx_customer_export_json (db, self->customer_id, gx_clock_now (gx_context_get_clock (self->context)), &error);
  if (data != NULL)
    {
      node = json_node_init_object (json_node_alloc (), data);
      json = json_to_string (node, TRUE);
    }
  if (json == NULL || !g_file_set_contents (json_path, json, -1, &error) ||
      !gx_customer_print_pdf (self->context, self->customer_id, TRUE, pdf_path, _gx_customer_profile_get_window (self), &error))
    {
      _gx_customer_profile_toast (self, error ? error->message : _("The personal data could not be saved."));
      g_object_unref (self);
      return;
    }

  /* Giving a person their data is an export of the profile: registered. */
  job = _gx_customer_profile_job_new (self, exported_cb);
  job->text = g_steal_pointer (&dir);
  job->field = g_strdup (_("Personal information request"));
  _gx_customer_profile_run (self, log_export_write, job);
  job_unref (job);
  g_object_unref (self);
}

static void
gx_customer_profile_export_data_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  GxCustomerProfile *self = GX_CUSTOMER_PROFILE (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export Personal Data To"), _gx_customer_profile_get_window (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export"), _("_Cancel"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_folder_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static gboolean
erase_write (GxDb      *db,
             gpointer   user_data,
             GError   **error)
{
  ProfileJob *job = user_data;
  GxWriteMeta meta = job_meta (job);

  return gx_customer_erase (db, job->customer_id, job->text, &meta, error);
}

static void
erased_cb (GxCustomerProfile *self,
           ProfileJob        *job,
           const GError      *error)
{
  _gx_customer_profile_toast (self, error != NULL ? error->message : _("Personal data erased"));
}

static void
on_erase_reason_changed_cb (GtkEditable      *entry,
                            AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "erase", !gx_form_is_blank (gtk_editable_get_text (entry)));
}

static void
on_erase_response_cb (AdwMessageDialog  *dialog,
                      const char        *response,
                      GxCustomerProfile *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  ProfileJob *job;

  if (g_strcmp0 (response, "erase") != 0 || gx_form_is_blank (gtk_editable_get_text (entry)))
    return;

  job = _gx_customer_profile_job_new (self, erased_cb);
  job->text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  _gx_customer_profile_run (self, erase_write, job);
  job_unref (job);
}

static void
gx_customer_profile_erase_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  GxCustomerProfile *self = GX_CUSTOMER_PROFILE (widget);
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: %s is a customer's name */
  body = g_strdup_printf (_("Everything that identifies %s is removed, on every desk: the profile becomes “Erased customer”, "
                            "contacts, interests and links are deleted, and the text of the contact log and registers is "
                            "cleared. Complaint records are kept, anonymised, as the law requires. This cannot be undone."),
                          _gx_customer_profile_get (self, "name"));
  dialog = adw_message_dialog_new (_gx_customer_profile_get_window (self), _("Erase Personal Data?"), body);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("The request: who asked, when, how their identity was checked"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("The erasure request"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "erase", _("_Erase"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "erase", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "erase", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (on_erase_reason_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_erase_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_gx_customer_profile_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "profile.edit", NULL, gx_customer_profile_edit_action);
  gtk_widget_class_install_action (widget_class, "profile.add-contact", NULL, gx_customer_profile_add_contact_action);
  gtk_widget_class_install_action (widget_class, "profile.add-link", NULL, gx_customer_profile_add_link_action);
  gtk_widget_class_install_action (widget_class, "profile.remove-link", "s", gx_customer_profile_remove_link_action);
  gtk_widget_class_install_action (widget_class, "profile.reveal", NULL, gx_customer_profile_reveal_action);
  gtk_widget_class_install_action (widget_class, "profile.archive", NULL, gx_customer_profile_archive_action);
  gtk_widget_class_install_action (widget_class, "profile.unarchive", NULL, gx_customer_profile_archive_action);
  gtk_widget_class_install_action (widget_class, "profile.delete", NULL, gx_customer_profile_delete_action);
  gtk_widget_class_install_action (widget_class, "profile.print", NULL, gx_customer_profile_print_action);
  gtk_widget_class_install_action (widget_class, "profile.save-pdf", NULL, gx_customer_profile_print_action);
  gtk_widget_class_install_action (widget_class, "profile.merge", NULL, gx_customer_profile_merge_action);
  gtk_widget_class_install_action (widget_class, "profile.unmerge", "s", gx_customer_profile_unmerge_action);
  gtk_widget_class_install_action (widget_class, "profile.export-data", NULL, gx_customer_profile_export_data_action);
  gtk_widget_class_install_action (widget_class, "profile.erase", NULL, gx_customer_profile_erase_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "profile.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "profile.edit", NULL);
}
