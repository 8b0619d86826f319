/* gx-customer-link-dialog.c: link a family member or a referral to a profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customer-link-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-customer.h"
#include "gx-customer-link-dialog.h"
#include "gx-form.h"
#include "gx-uuid.h"

struct _GxCustomerLinkDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkLabel            *error_label;
  AdwComboRow         *kind_row;
  AdwComboRow         *relation_row;
  AdwComboRow         *direction_row;
  AdwEntryRow         *note_row;
  GtkSearchEntry      *search_entry;
  GtkListBox          *results;

  /* Owned */
  GxContext           *context;
  char                *customer_id;
  char                *link_id;
  JsonObject          *fields;
  char                *user_id;
  gint64               now;
};

G_DEFINE_FINAL_TYPE (GxCustomerLinkDialog, gx_customer_link_dialog, ADW_TYPE_WINDOW)

/* Family relations a link may name; "referred" is what a referral link is for. */
static gboolean
is_family_relation (const char *code)
{
  return g_strcmp0 (code, "referred") != 0;
}

static GtkStringList *
relation_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  guint n;
  const GxVocabEntry *entries = gx_vocab_entries (GX_VOCAB_RELATION, &n);

  for (guint i = 0; i < n; i++)
    if (is_family_relation (entries[i].code))
      gtk_string_list_append (list, gx_vocab_label (GX_VOCAB_RELATION, entries[i].code));
  return list;
}

static const char *
relation_code (guint position)
{
  guint n;
  const GxVocabEntry *entries = gx_vocab_entries (GX_VOCAB_RELATION, &n);

  for (guint i = 0, j = 0; i < n; i++)
    if (is_family_relation (entries[i].code) && j++ == position)
      return entries[i].code;
  return "other";
}

static void
on_kind_changed_cb (GxCustomerLinkDialog *self)
{
  gboolean family = adw_combo_row_get_selected (self->kind_row) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->relation_row), family);
  gtk_widget_set_visible (GTK_WIDGET (self->direction_row), !family);
}

static void
on_search_changed_cb (GxCustomerLinkDialog *self)
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
      GtkWidget *action_row;
      g_autofree char *subtitle = NULL;

      if (g_strcmp0 (id, self->customer_id) == 0)
        continue;

      action_row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), json_object_get_string_member (row, "name"));
      subtitle = g_strdup_printf ("%s%s%s", json_object_get_string_member (row, "number"),
                                  json_object_get_null_member (row, "phone") ? "" : " · ",
                                  json_object_get_null_member (row, "phone") ? "" : json_object_get_string_member (row, "phone"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
      g_object_set_data_full (G_OBJECT (action_row), "customer-id", g_strdup (id), g_free);
      gtk_list_box_append (self->results, action_row);
    }

  child = gtk_widget_get_first_child (GTK_WIDGET (self->results));
  if (child != NULL)
    gtk_list_box_select_row (self->results, GTK_LIST_BOX_ROW (child));
}

static gboolean
insert_link (GxDb      *db,
             gpointer   user_data,
             GError   **error)
{
  GxCustomerLinkDialog *self = user_data;
  GxWriteMeta meta = { .now = self->now, .user_id = self->user_id };

  return gx_record_insert (db, "customer_link", self->link_id, self->fields, &meta, error);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GxCustomerLinkDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gx_store_write_finish (GX_STORE (object), result, &error))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
      if (g_error_matches (error, GX_DB_ERROR, GX_DB_ERROR_CONSTRAINT))
        gx_form_mark_error (self->error_label, NULL, _("These two profiles are linked that way already."));
      else
        gx_form_mark_error (self->error_label, NULL, error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
gx_customer_link_dialog_save_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  GxCustomerLinkDialog *self = GX_CUSTOMER_LINK_DIALOG (widget);
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->results);
  GxClock *clock = gx_context_get_clock (self->context);
  gboolean family = adw_combo_row_get_selected (self->kind_row) == 0;
  gboolean they_introduced = adw_combo_row_get_selected (self->direction_row) == 1;
  const char *other;

  gx_form_clear_errors (self->error_label, GTK_WIDGET (self));
  if (selected == NULL)
    {
      gx_form_mark_error (self->error_label, GTK_WIDGET (self->search_entry), _("Find and choose the other profile."));
      return;
    }
  other = g_object_get_data (G_OBJECT (selected), "customer-id");

  g_clear_pointer (&self->fields, json_object_unref);
  self->fields = json_object_new ();
  /* A referral reads "customer_id introduced other_id". */
  json_object_set_string_member (self->fields, "customer_id", family || !they_introduced ? self->customer_id : other);
  json_object_set_string_member (self->fields, "other_id", family || !they_introduced ? other : self->customer_id);
  json_object_set_string_member (self->fields, "kind", family ? "family" : "referral");
  json_object_set_string_member (self->fields, "relation",
                                 family ? relation_code (adw_combo_row_get_selected (self->relation_row)) : "referred");
  json_object_set_string_member (self->fields, "note", gtk_editable_get_text (GTK_EDITABLE (self->note_row)));
  self->now = gx_clock_now (clock);
  json_object_set_int_member (self->fields, "created_at", self->now);

  g_free (self->link_id);
  self->link_id = gx_uuid_v7_new_at (self->now * 1000);

  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  gx_store_write_async (gx_context_get_store (self->context), insert_link, self, NULL, NULL,
                        saved_cb, g_object_ref (self));
}

static void
gx_customer_link_dialog_dispose (GObject *object)
{
  GxCustomerLinkDialog *self = (GxCustomerLinkDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_CUSTOMER_LINK_DIALOG);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_customer_link_dialog_parent_class)->dispose (object);
}

static void
gx_customer_link_dialog_finalize (GObject *object)
{
  GxCustomerLinkDialog *self = (GxCustomerLinkDialog *) object;

  g_clear_pointer (&self->fields, json_object_unref);
  g_free (self->customer_id);
  g_free (self->link_id);
  g_free (self->user_id);

  G_OBJECT_CLASS (gx_customer_link_dialog_parent_class)->finalize (object);
}

static void
gx_customer_link_dialog_class_init (GxCustomerLinkDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_customer_link_dialog_dispose;
  object_class->finalize = gx_customer_link_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-customer-link-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GxCustomerLinkDialog, group);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerLinkDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerLinkDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerLinkDialog, relation_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerLinkDialog, direction_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerLinkDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerLinkDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerLinkDialog, results);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, gx_customer_link_dialog_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gx_customer_link_dialog_init (GxCustomerLinkDialog *self)
{
  const char *kinds[] = { N_("Family member"), N_("Referral"), NULL };
  const char *directions[] = { N_("This customer introduced them"), N_("They introduced this customer"), NULL };
  g_autoptr(GtkStringList) kind_model = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) direction_model = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) relations = relation_model ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; kinds[i] != NULL; i++)
    gtk_string_list_append (kind_model, _(kinds[i]));
  for (guint i = 0; directions[i] != NULL; i++)
    gtk_string_list_append (direction_model, _(directions[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_model));
  adw_combo_row_set_model (self->direction_row, G_LIST_MODEL (direction_model));
  adw_combo_row_set_model (self->relation_row, G_LIST_MODEL (relations));
  on_kind_changed_cb (self);
}

/**
 * gx_customer_link_dialog_new:
 * @context: the context
 * @customer_id: the profile to link from
 * @customer_name: its name, for the title
 *
 * Returns: (transfer none): a new dialog
 */
GtkWindow *
gx_customer_link_dialog_new (GxContext  *context,
                             const char *customer_id,
                             const char *customer_name)
{
  GxCustomerLinkDialog *self = g_object_new (GX_TYPE_CUSTOMER_LINK_DIALOG, NULL);
  /* Translators: %s is a customer's name */
  g_autofree char *title = g_strdup_printf (_("Link to %s"), customer_name);

  self->context = g_object_ref (context);
  self->customer_id = g_strdup (customer_id);
  self->user_id = g_strdup (gx_context_get_user_id (context));
  adw_preferences_group_set_title (self->group, title);

  return GTK_WINDOW (self);
}
