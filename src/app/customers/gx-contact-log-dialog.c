/* gx-contact-log-dialog.c: record a contact — when, how, where, what was served, what next
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-contact-log-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-contact-log-dialog.h"
#include "gx-customer.h"
#include "gx-enums.h"
#include "gx-format.h"
#include "gx-form.h"
#include "gx-uuid.h"

struct _GxContactLogDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkLabel            *error_label;
  AdwEntryRow         *when_row;
  AdwComboRow         *channel_row;
  AdwEntryRow         *place_row;
  AdwEntryRow         *subject_row;
  AdwEntryRow         *served_row;
  AdwActionRow        *close_row;
  GtkSwitch           *close_switch;
  AdwEntryRow         *follow_up_row;
  GtkSwitch           *confidential_switch;

  /* Owned */
  GxContext           *context;
  char                *customer_id;
  char                *open_follow_up;
  JsonObject          *entry;
  char                *entry_id;
  char                *user_id;
  gint64               now;
};

G_DEFINE_FINAL_TYPE (GxContactLogDialog, gx_contact_log_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
row_for_field (GxContactLogDialog *self,
               const char         *field)
{
  if (g_strcmp0 (field, "at") == 0)
    return GTK_WIDGET (self->when_row);
  if (g_strcmp0 (field, "channel") == 0)
    return GTK_WIDGET (self->channel_row);
  if (g_strcmp0 (field, "place") == 0)
    return GTK_WIDGET (self->place_row);
  if (g_strcmp0 (field, "subject") == 0)
    return GTK_WIDGET (self->subject_row);
  if (g_strcmp0 (field, "served") == 0)
    return GTK_WIDGET (self->served_row);
  if (g_strcmp0 (field, "follow_up_on") == 0)
    return GTK_WIDGET (self->follow_up_row);
  return NULL;
}

static void
show_error (GxContactLogDialog *self,
            const char         *field,
            const char         *message)
{
  gx_form_mark_error (self->error_label, row_for_field (self, field), message);
}

static gboolean
insert_entry (GxDb      *db,
              gpointer   user_data,
              GError   **error)
{
  GxContactLogDialog *self = user_data;
  GxWriteMeta meta = { .now = self->now, .user_id = self->user_id };

  return gx_record_insert (db, "contact_log", self->entry_id, self->entry, &meta, error);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GxContactLogDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gx_store_write_finish (GX_STORE (object), result, &error))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
      show_error (self, gx_record_error_get_field (error), error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
gx_contact_log_dialog_save_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  GxContactLogDialog *self = GX_CONTACT_LOG_DIALOG (widget);
  GxClock *clock = gx_context_get_clock (self->context);
  g_autoptr(GError) error = NULL;
  const char *follow_up = gtk_editable_get_text (GTK_EDITABLE (self->follow_up_row));
  const char *subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_row));
  const char *served = gtk_editable_get_text (GTK_EDITABLE (self->served_row));
  guint channel = adw_combo_row_get_selected (self->channel_row);
  guint n_channels;
  const GxVocabEntry *channels = gx_vocab_entries (GX_VOCAB_CONTACT_CHANNEL, &n_channels);
  gint64 at;

  gx_form_clear_errors (self->error_label, GTK_WIDGET (self->group));

  at = gx_customer_parse_when (gtk_editable_get_text (GTK_EDITABLE (self->when_row)), gx_clock_get_timezone (clock), &error);
  if (at < 0)
    {
      show_error (self, "at", error->message);
      return;
    }
  if (at > gx_clock_now (clock) + 3600)
    {
      show_error (self, "at", _("A contact is recorded after it happened: the time is in the future."));
      return;
    }
  if (gx_form_is_blank (subject) && gx_form_is_blank (served))
    {
      show_error (self, "subject", _("Say what the contact was about."));
      return;
    }

  g_clear_pointer (&self->entry, json_object_unref);
  self->entry = json_object_new ();
  json_object_set_string_member (self->entry, "customer_id", self->customer_id);
  json_object_set_int_member (self->entry, "at", at);
  json_object_set_string_member (self->entry, "channel", channels[MIN (channel, n_channels - 1)].code);
  json_object_set_string_member (self->entry, "place", gtk_editable_get_text (GTK_EDITABLE (self->place_row)));
  json_object_set_string_member (self->entry, "subject", subject);
  json_object_set_string_member (self->entry, "served", served);
  json_object_set_int_member (self->entry, "confidential", gtk_switch_get_active (self->confidential_switch));
  if (self->user_id != NULL)
    json_object_set_string_member (self->entry, "staff_id", self->user_id);

  /* A new entry closes the open follow-up; if this contact was about something else, the
   * follow-up carries over to it unless another date is given. */
  if (*follow_up != '\0')
    json_object_set_string_member (self->entry, "follow_up_on", follow_up);
  else if (self->open_follow_up != NULL && !gtk_switch_get_active (self->close_switch))
    json_object_set_string_member (self->entry, "follow_up_on", self->open_follow_up);

  g_free (self->entry_id);
  self->entry_id = gx_uuid_v7_new_at (gx_clock_now (clock) * 1000);
  self->now = gx_clock_now (clock);

  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  gx_store_write_async (gx_context_get_store (self->context), insert_entry, self, NULL, NULL,
                        saved_cb, g_object_ref (self));
}

static void
gx_contact_log_dialog_dispose (GObject *object)
{
  GxContactLogDialog *self = (GxContactLogDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_CONTACT_LOG_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_contact_log_dialog_parent_class)->dispose (object);
}

static void
gx_contact_log_dialog_finalize (GObject *object)
{
  GxContactLogDialog *self = (GxContactLogDialog *) object;

  g_clear_pointer (&self->entry, json_object_unref);
  g_free (self->entry_id);
  g_free (self->customer_id);
  g_free (self->open_follow_up);
  g_free (self->user_id);

  G_OBJECT_CLASS (gx_contact_log_dialog_parent_class)->finalize (object);
}

static void
gx_contact_log_dialog_class_init (GxContactLogDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_contact_log_dialog_dispose;
  object_class->finalize = gx_contact_log_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-contact-log-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GxContactLogDialog, group);
  gtk_widget_class_bind_template_child (widget_class, GxContactLogDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, GxContactLogDialog, when_row);
  gtk_widget_class_bind_template_child (widget_class, GxContactLogDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, GxContactLogDialog, place_row);
  gtk_widget_class_bind_template_child (widget_class, GxContactLogDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, GxContactLogDialog, served_row);
  gtk_widget_class_bind_template_child (widget_class, GxContactLogDialog, close_row);
  gtk_widget_class_bind_template_child (widget_class, GxContactLogDialog, close_switch);
  gtk_widget_class_bind_template_child (widget_class, GxContactLogDialog, follow_up_row);
  gtk_widget_class_bind_template_child (widget_class, GxContactLogDialog, confidential_switch);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, gx_contact_log_dialog_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "dialog.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gx_contact_log_dialog_init (GxContactLogDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (gx_form_vocab_model (GX_VOCAB_CONTACT_CHANNEL, NULL)));
}

/**
 * gx_contact_log_dialog_new:
 * @context: the context
 * @customer_id: the customer
 * @customer_name: their name, for the title
 * @open_follow_up: (nullable): the follow-up due, which this contact may close
 *
 * Returns: (transfer none): a new dialog
 */
GtkWindow *
gx_contact_log_dialog_new (GxContext  *context,
                           const char *customer_id,
                           const char *customer_name,
                           const char *open_follow_up)
{
  GxContactLogDialog *self = g_object_new (GX_TYPE_CONTACT_LOG_DIALOG, NULL);
  GxClock *clock = gx_context_get_clock (context);
  g_autoptr(GDateTime) now = gx_clock_dup_local (clock);
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autofree char *title = NULL;

  self->context = g_object_ref (context);
  self->customer_id = g_strdup (customer_id);
  self->open_follow_up = g_strdup (open_follow_up);
  self->user_id = g_strdup (gx_context_get_user_id (context));

  /* Translators: %s is a customer's name */
  title = g_strdup_printf (_("Contact with %s"), customer_name);
  adw_preferences_group_set_title (self->group, title);
  gtk_editable_set_text (GTK_EDITABLE (self->when_row), when);

  gtk_widget_set_visible (GTK_WIDGET (self->close_row), open_follow_up != NULL);
  if (open_follow_up != NULL)
    {
      g_autofree char *date = gx_format_iso_date (open_follow_up);
      /* Translators: %s is a date */
      g_autofree char *subtitle = g_strdup_printf (_("Due %s; turn off to keep it open"), date);
      adw_action_row_set_subtitle (self->close_row, subtitle);
    }

  return GTK_WINDOW (self);
}
