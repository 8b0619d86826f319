/* gx-customer-editor.c: create or edit a profile — validated by the field, duplicates
 * offered before creating, identity changes only with the verification named
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customer-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-customer.h"
#include "gx-customer-editor.h"
#include "gx-enums.h"
#include "gx-form.h"
#include "gx-uuid.h"
#include "gx-validate.h"
#include "gx-visibility.h"

struct _GxCustomerEditor
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwPreferencesPage  *page;
  GtkLabel            *error_label;
  AdwComboRow         *kind_row;
  AdwEntryRow         *name_row;
  AdwComboRow         *id_type_row;
  AdwEntryRow         *id_number_row;
  GtkButton           *fill_button;
  AdwEntryRow         *birthday_row;
  AdwComboRow         *gender_row;
  AdwPreferencesGroup *contacts_group;
  AdwComboRow         *channel_row;
  AdwEntryRow         *time_row;
  AdwComboRow         *stage_row;
  GtkSwitch           *at_risk_switch;
  AdwComboRow         *tier_row;
  AdwComboRow         *owner_row;
  AdwComboRow         *level_row;
  AdwComboRow         *assets_row;
  AdwEntryRow         *accounts_row;
  AdwEntryRow         *company_row;
  AdwEntryRow         *industry_row;
  AdwEntryRow         *job_row;
  AdwEntryRow         *since_row;
  AdwEntryRow         *interests_row;
  AdwEntryRow         *tags_row;
  GtkTextView         *notes_view;

  /* Owned */
  GxContext           *context;
  char                *customer_id;
  GPtrArray           *tier_ids;       /* NULL first: no tier */
  GPtrArray           *owner_ids;      /* NULL first: nobody */
  GArray              *levels;         /* GxConfidentiality per position */
  GPtrArray           *contact_rows;   /* AdwEntryRow, in form order */

  /* What the save writes, copied for the writer thread. */
  JsonObject          *fields;
  GPtrArray           *contacts;
  GStrv                interests;
  char                *verification;
  char                *user_id;
  gint64               now;

  guint                is_new : 1;
  guint                loading : 1;
  guint                dirty : 1;
  guint                discard : 1;
  guint                saving : 1;
};

G_DEFINE_FINAL_TYPE (GxCustomerEditor, gx_customer_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  OPEN_CUSTOMER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mark_dirty (GxCustomerEditor *self)
{
  if (!self->loading)
    self->dirty = TRUE;
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
notes_text (GxCustomerEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Contacts */

static void
on_remove_contact_cb (GtkButton        *button,
                      GxCustomerEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ENTRY_ROW);

  g_ptr_array_remove (self->contact_rows, row);
  adw_preferences_group_remove (self->contacts_group, row);
  mark_dirty (self);
}

static AdwEntryRow *
add_contact_row (GxCustomerEditor *self,
                 const char       *id,
                 const char       *kind,
                 const char       *label,
                 const char       *value)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *title = NULL;

  if (label != NULL && *label != '\0')
    title = g_strdup_printf ("%s (%s)", gx_vocab_label (GX_VOCAB_CONTACT_KIND, kind), label);
  else
    title = g_strdup (gx_vocab_label (GX_VOCAB_CONTACT_KIND, kind));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (g_strcmp0 (kind, "mobile") == 0 || g_strcmp0 (kind, "landline") == 0)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_PHONE);
  else if (g_strcmp0 (kind, "email") == 0)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_contact_cb), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);

  g_object_set_data_full (G_OBJECT (row), "contact-id", g_strdup (id), g_free);
  g_object_set_data_full (G_OBJECT (row), "kind", g_strdup (kind), g_free);
  g_object_set_data_full (G_OBJECT (row), "label", g_strdup (label ? label : ""), g_free);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (mark_dirty), self);

  adw_preferences_group_add (self->contacts_group, row);
  g_ptr_array_add (self->contact_rows, row);
  return ADW_ENTRY_ROW (row);
}

static void
gx_customer_editor_add_contact_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  GxCustomerEditor *self = GX_CUSTOMER_EDITOR (widget);
  AdwEntryRow *row = add_contact_row (self, NULL, g_variant_get_string (parameter, NULL), NULL, NULL);

  mark_dirty (self);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Identity from the ID number */

static void
on_id_number_changed_cb (GxCustomerEditor *self)
{
  g_autofree char *birthday = NULL;
  g_autofree char *gender = NULL;
  gboolean resident = g_strcmp0 (gx_form_vocab_code (GX_VOCAB_ID_TYPE, adw_combo_row_get_selected (self->id_type_row), FALSE),
                                 "resident") == 0;
  gboolean offer = FALSE;

  mark_dirty (self);

  /* A valid resident ID states the birthday and gender: offer to take them. */
  if (resident && gx_validate_resident_id (text_of (self->id_number_row), NULL) &&
      gx_resident_id_facts (text_of (self->id_number_row), &birthday, &gender))
    offer = g_strcmp0 (birthday, text_of (self->birthday_row)) != 0 ||
            g_strcmp0 (gender, gx_form_vocab_code (GX_VOCAB_GENDER, adw_combo_row_get_selected (self->gender_row), TRUE)) != 0;

  gtk_widget_set_visible (GTK_WIDGET (self->fill_button), offer);
}

static void
gx_customer_editor_fill_from_id_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  GxCustomerEditor *self = GX_CUSTOMER_EDITOR (widget);
  g_autofree char *birthday = NULL;
  g_autofree char *gender = NULL;

  if (!gx_resident_id_facts (text_of (self->id_number_row), &birthday, &gender))
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->birthday_row), birthday);
  adw_combo_row_set_selected (self->gender_row, gx_form_vocab_position (GX_VOCAB_GENDER, gender, TRUE));
  gtk_widget_set_visible (GTK_WIDGET (self->fill_button), FALSE);
}

/* Errors */

static GtkWidget *
row_for_field (GxCustomerEditor *self,
               const char       *field)
{
  static const struct {
    const char *field;
    gsize       offset;
  } rows[] = {
    { "kind", G_STRUCT_OFFSET (GxCustomerEditor, kind_row) },
    { "name", G_STRUCT_OFFSET (GxCustomerEditor, name_row) },
    { "id_type", G_STRUCT_OFFSET (GxCustomerEditor, id_type_row) },
    { "id_number", G_STRUCT_OFFSET (GxCustomerEditor, id_number_row) },
    { "birthday", G_STRUCT_OFFSET (GxCustomerEditor, birthday_row) },
    { "gender", G_STRUCT_OFFSET (GxCustomerEditor, gender_row) },
    { "preferred_channel", G_STRUCT_OFFSET (GxCustomerEditor, channel_row) },
    { "preferred_time", G_STRUCT_OFFSET (GxCustomerEditor, time_row) },
    { "stage", G_STRUCT_OFFSET (GxCustomerEditor, stage_row) },
    { "tier_id", G_STRUCT_OFFSET (GxCustomerEditor, tier_row) },
    { "owner_id", G_STRUCT_OFFSET (GxCustomerEditor, owner_row) },
    { "confidentiality", G_STRUCT_OFFSET (GxCustomerEditor, level_row) },
    { "assets_band", G_STRUCT_OFFSET (GxCustomerEditor, assets_row) },
    { "accounts", G_STRUCT_OFFSET (GxCustomerEditor, accounts_row) },
    { "company", G_STRUCT_OFFSET (GxCustomerEditor, company_row) },
    { "industry", G_STRUCT_OFFSET (GxCustomerEditor, industry_row) },
    { "job_title", G_STRUCT_OFFSET (GxCustomerEditor, job_row) },
    { "customer_since", G_STRUCT_OFFSET (GxCustomerEditor, since_row) },
    { "tags", G_STRUCT_OFFSET (GxCustomerEditor, tags_row) },
  };
  guint index;

  if (field == NULL)
    return NULL;

  if (g_str_has_prefix (field, "contact-") && (index = (guint) g_ascii_strtoull (field + 8, NULL, 10)) < self->contact_rows->len)
    return g_ptr_array_index (self->contact_rows, index);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_strcmp0 (rows[i].field, field) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, rows[i].offset);

  return NULL;
}

static void
show_error (GxCustomerEditor *self,
            const char       *field,
            const char       *message)
{
  gx_form_mark_error (self->error_label, row_for_field (self, field), message);
}

/* Checks what can be checked without the store, so a mistake is named at once. The store
 * checks everything again. */
static gboolean
validate_form (GxCustomerEditor *self)
{
  g_autoptr(GError) error = NULL;
  const char *id_type = gx_form_vocab_code (GX_VOCAB_ID_TYPE, adw_combo_row_get_selected (self->id_type_row), FALSE);

  if (gx_form_is_blank (text_of (self->name_row)))
    {
      show_error (self, "name", _("Enter the customer’s name."));
      return FALSE;
    }
  if (g_strcmp0 (id_type, "resident") == 0 && !gx_form_is_blank (text_of (self->id_number_row)) &&
      !gx_validate_resident_id (text_of (self->id_number_row), &error))
    {
      show_error (self, "id_number", error->message);
      return FALSE;
    }
  if (!gx_form_is_blank (text_of (self->birthday_row)) && !gx_validate_date (text_of (self->birthday_row), &error))
    {
      show_error (self, "birthday", error->message);
      return FALSE;
    }
  if (!gx_validate_accounts (text_of (self->accounts_row), &error))
    {
      show_error (self, "accounts", error->message);
      return FALSE;
    }
  if (!gx_form_is_blank (text_of (self->since_row)) && !gx_validate_date (text_of (self->since_row), &error))
    {
      show_error (self, "customer_since", error->message);
      return FALSE;
    }

  for (guint i = 0; i < self->contact_rows->len; i++)
    {
      AdwEntryRow *row = g_ptr_array_index (self->contact_rows, i);
      const char *kind = g_object_get_data (G_OBJECT (row), "kind");
      const char *value = text_of (row);
      g_autofree char *field = g_strdup_printf ("contact-%u", i);
      gboolean ok = TRUE;

      if (gx_form_is_blank (value))
        {
          show_error (self, field, _("Enter the contact, or remove the empty row."));
          return FALSE;
        }
      if (g_strcmp0 (kind, "mobile") == 0)
        ok = gx_validate_mobile (value, &error);
      else if (g_strcmp0 (kind, "landline") == 0)
        ok = gx_validate_landline (value, &error);
      else if (g_strcmp0 (kind, "email") == 0)
        ok = gx_validate_email (value, &error);
      if (!ok)
        {
          show_error (self, field, error->message);
          return FALSE;
        }
    }

  return TRUE;
}

/* Collecting */

static void
set_text_field (JsonObject  *fields,
                const char  *name,
                const char  *text,
                gboolean     nullable)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));

  if (nullable && *copy == '\0')
    json_object_set_null_member (fields, name);
  else
    json_object_set_string_member (fields, name, copy);
}

static void
set_code_field (JsonObject *fields,
                const char *name,
                const char *code)
{
  if (code == NULL)
    json_object_set_null_member (fields, name);
  else
    json_object_set_string_member (fields, name, code);
}

static void
collect (GxCustomerEditor *self)
{
  JsonObject *fields = json_object_new ();
  g_autofree char *notes = notes_text (self);
  g_auto(GStrv) parts = NULL;
  g_autoptr(GStrvBuilder) interests = g_strv_builder_new ();
  guint level = adw_combo_row_get_selected (self->level_row);
  g_autoptr(GHashTable) primary_done = g_hash_table_new (g_str_hash, g_str_equal);

  set_code_field (fields, "kind", gx_form_vocab_code (GX_VOCAB_CUSTOMER_KIND, adw_combo_row_get_selected (self->kind_row), FALSE));
  set_text_field (fields, "name", text_of (self->name_row), FALSE);
  set_code_field (fields, "id_type", gx_form_vocab_code (GX_VOCAB_ID_TYPE, adw_combo_row_get_selected (self->id_type_row), FALSE));
  set_text_field (fields, "id_number", text_of (self->id_number_row), TRUE);
  set_text_field (fields, "birthday", text_of (self->birthday_row), TRUE);
  set_code_field (fields, "gender", gx_form_vocab_code (GX_VOCAB_GENDER, adw_combo_row_get_selected (self->gender_row), TRUE));
  set_code_field (fields, "preferred_channel",
                  gx_form_vocab_code (GX_VOCAB_CONTACT_CHANNEL, adw_combo_row_get_selected (self->channel_row), TRUE));
  set_text_field (fields, "preferred_time", text_of (self->time_row), FALSE);
  set_code_field (fields, "stage", gx_form_vocab_code (GX_VOCAB_STAGE, adw_combo_row_get_selected (self->stage_row), FALSE));
  json_object_set_int_member (fields, "at_risk", gtk_switch_get_active (self->at_risk_switch));
  set_code_field (fields, "tier_id", g_ptr_array_index (self->tier_ids, MIN (adw_combo_row_get_selected (self->tier_row), self->tier_ids->len - 1)));
  set_code_field (fields, "owner_id", g_ptr_array_index (self->owner_ids, MIN (adw_combo_row_get_selected (self->owner_row), self->owner_ids->len - 1)));
  set_code_field (fields, "confidentiality",
                  gx_confidentiality_to_code (g_array_index (self->levels, GxConfidentiality, MIN (level, self->levels->len - 1))));
  {
    g_autofree char *accounts = gx_accounts_normalize (text_of (self->accounts_row));
    set_text_field (fields, "accounts", accounts, FALSE);
  }
  set_code_field (fields, "assets_band", gx_form_vocab_code (GX_VOCAB_ASSETS_BAND, adw_combo_row_get_selected (self->assets_row), TRUE));
  set_text_field (fields, "company", text_of (self->company_row), FALSE);
  set_text_field (fields, "industry", text_of (self->industry_row), FALSE);
  set_text_field (fields, "job_title", text_of (self->job_row), FALSE);
  set_text_field (fields, "customer_since", text_of (self->since_row), TRUE);
  set_text_field (fields, "tags", text_of (self->tags_row), FALSE);
  json_object_set_string_member (fields, "notes", notes);

  g_clear_pointer (&self->fields, json_object_unref);
  self->fields = fields;

  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  self->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_contact_edit_free);
  for (guint i = 0; i < self->contact_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->contact_rows, i);
      const char *kind = g_object_get_data (row, "kind");
      /* The first of each kind is the primary one. */
      gboolean primary = !g_hash_table_contains (primary_done, kind);

      g_hash_table_add (primary_done, (gpointer) kind);
      g_ptr_array_add (self->contacts, gx_contact_edit_new (g_object_get_data (row, "contact-id"), kind,
                                                            g_object_get_data (row, "label"),
                                                            text_of (ADW_ENTRY_ROW (row)), primary));
    }

  parts = g_regex_split_simple ("[,，、;；]", text_of (self->interests_row), 0, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    if (!gx_form_is_blank (parts[i]))
      g_strv_builder_add (interests, g_strstrip (parts[i]));
  g_strfreev (self->interests);
  self->interests = g_strv_builder_end (interests);
}

/* Saving */

static gboolean
save_write (GxDb      *db,
            gpointer   user_data,
            GError   **error)
{
  GxCustomerEditor *self = user_data;
  GxWriteMeta meta = { .now = self->now, .user_id = self->user_id, .verification = self->verification };

  return gx_customer_save (db, self->customer_id, self->fields, self->contacts,
                           (const char * const *) self->interests, &meta, error);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GxCustomerEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), TRUE);

  if (!gx_store_write_finish (GX_STORE (object), result, &error))
    {
      show_error (self, gx_record_error_get_field (error), error->message);
      return;
    }

  self->dirty = FALSE;
  g_signal_emit (self, signals[SAVED], 0, self->customer_id, (gboolean) self->is_new);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
write_profile (GxCustomerEditor *self,
               const char       *verification)
{
  g_free (self->verification);
  self->verification = g_strdup (verification);
  self->now = gx_clock_now (gx_context_get_clock (self->context));
  self->saving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), FALSE);

  /* The editor is the writer's data until saved_cb: it holds itself. */
  gx_store_write_async (gx_context_get_store (self->context), save_write, self, NULL, NULL,
                        saved_cb, g_object_ref (self));
}

/* How the identity was verified (DOMAIN.md rule 2). */
static const char * const verification_methods[] = {
  N_("Resident ID card checked in person"),
  N_("SMS code sent to the phone on file"),
  N_("Called back on the number on file"),
  N_("Video call with the ID card shown"),
  N_("Signed request with a copy of the ID"),
  NULL
};

static void
on_verification_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             GxCustomerEditor *self)
{
  GtkDropDown *methods = g_object_get_data (G_OBJECT (dialog), "methods");
  GtkEditable *detail = g_object_get_data (G_OBJECT (dialog), "detail");
  g_autofree char *text = NULL;
  guint method = gtk_drop_down_get_selected (methods);

  if (g_strcmp0 (response, "verified") != 0)
    return;

  if (gx_form_is_blank (gtk_editable_get_text (detail)))
    text = g_strdup (_(verification_methods[MIN (method, G_N_ELEMENTS (verification_methods) - 2)]));
  else
    text = g_strdup_printf ("%s: %s", _(verification_methods[MIN (method, G_N_ELEMENTS (verification_methods) - 2)]),
                            gtk_editable_get_text (detail));
  write_profile (self, text);
}

static const char *
identity_label (const char *field)
{
  if (g_strcmp0 (field, "name") == 0)
    return _("name");
  if (g_strcmp0 (field, "id_type") == 0 || g_strcmp0 (field, "id_number") == 0)
    return _("ID");
  if (g_strcmp0 (field, "birthday") == 0)
    return _("birthday");
  if (g_strcmp0 (field, "gender") == 0)
    return _("gender");
  return _("phone or address");
}

static void
ask_verification (GxCustomerEditor *self,
                  GPtrArray        *changed)
{
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *methods;
  GtkWidget *detail = gtk_entry_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GString) what = g_string_new (NULL);
  g_autofree char *body = NULL;

  for (guint i = 0; i < changed->len; i++)
    {
      const char *label = identity_label (g_ptr_array_index (changed, i));

      if (strstr (what->str, label) == NULL)
        g_string_append_printf (what, "%s%s", what->len ? _(", ") : "", label);
    }
  for (guint i = 0; verification_methods[i] != NULL; i++)
    gtk_string_list_append (model, _(verification_methods[i]));

  /* Translators: %s lists identity details, e.g. "name, ID" */
  body = g_strdup_printf (_("You are changing the customer’s %s. Say how you checked who the customer is: it is kept in the change register with your name."),
                          what->str);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Verify the Customer’s Identity"), body);
  methods = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (model)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (methods), GTK_ACCESSIBLE_PROPERTY_LABEL, _("How the identity was checked"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (detail), _("Details (optional), e.g. the document number checked"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (detail), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Verification details"), -1);
  gtk_box_append (GTK_BOX (box), methods);
  gtk_box_append (GTK_BOX (box), detail);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data (G_OBJECT (dialog), "methods", methods);
  g_object_set_data (G_OBJECT (dialog), "detail", detail);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "verified", _("_Verified — Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "verified", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "verified");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_verification_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_duplicates_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           GxCustomerEditor *self)
{
  if (g_strcmp0 (response, "create") == 0)
    write_profile (self, NULL);
  else if (g_strcmp0 (response, "open") == 0)
    {
      const char *existing = g_object_get_data (G_OBJECT (dialog), "existing");

      g_signal_emit (self, signals[OPEN_CUSTOMER], 0, existing);
      self->discard = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
offer_duplicates (GxCustomerEditor *self,
                  GPtrArray        *duplicates)
{
  g_autoptr(GString) body = g_string_new (_("The archive may have this customer already:"));
  GtkWidget *dialog;

  for (guint i = 0; i < duplicates->len && i < 5; i++)
    {
      GxDuplicate *duplicate = g_ptr_array_index (duplicates, i);
      g_string_append_printf (body, "\n• %s · %s — %s", duplicate->name, duplicate->number, duplicate->reason);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Possible Duplicate"), body->str);
  g_object_set_data_full (G_OBJECT (dialog), "existing",
                          g_strdup (((GxDuplicate *) g_ptr_array_index (duplicates, 0))->id), g_free);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "create", _("_Create Anyway"),
                                    "open", _("_Open Existing Profile"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_duplicates_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
gx_customer_editor_save_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  GxCustomerEditor *self = GX_CUSTOMER_EDITOR (widget);
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));

  if (self->saving)
    return;

  gx_form_clear_errors (self->error_label, GTK_WIDGET (self->page));
  if (!validate_form (self))
    return;
  collect (self);

  if (self->is_new)
    {
      g_autoptr(GPtrArray) duplicates = NULL;
      const char *birthday = json_object_get_null_member (self->fields, "birthday")
                             ? NULL : json_object_get_string_member (self->fields, "birthday");
      const char *id_number = json_object_get_null_member (self->fields, "id_number")
                              ? NULL : json_object_get_string_member (self->fields, "id_number");

      duplicates = gx_customer_find_duplicates (db, NULL, json_object_get_string_member (self->fields, "name"),
                                                birthday, id_number, self->contacts, NULL);
      if (duplicates != NULL && duplicates->len > 0)
        {
          offer_duplicates (self, duplicates);
          return;
        }
      write_profile (self, NULL);
      return;
    }
  else
    {
      g_autoptr(GPtrArray) changed = gx_customer_identity_changes (db, self->customer_id, self->fields, self->contacts);

      if (changed->len > 0)
        {
          ask_verification (self, changed);
          return;
        }
    }

  write_profile (self, NULL);
}

/* Leaving with unsaved changes asks once. */

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        GxCustomerEditor *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->discard = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
gx_customer_editor_close_request (GtkWindow *window)
{
  GxCustomerEditor *self = GX_CUSTOMER_EDITOR (window);
  GtkWidget *dialog;

  if (!self->dirty || self->discard || self->saving)
    return self->saving;

  dialog = adw_message_dialog_new (window, _("Discard Changes?"),
                                   _("The changes to this profile have not been saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect (dialog, "response", G_CALLBACK (on_discard_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Loading */

static const char *
get_str (JsonObject *object,
         const char *member)
{
  if (object == NULL || !json_object_has_member (object, member) || json_object_get_null_member (object, member))
    return NULL;
  return json_object_get_string_member (object, member);
}

static void
fill_choices (GxCustomerEditor *self,
              GxDb             *db,
              JsonObject       *record)
{
  g_autoptr(GtkStringList) tiers = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) owners = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) levels = gtk_string_list_new (NULL);
  g_autoptr(JsonArray) tier_rows = gx_customer_query_rows (db, "SELECT id, name FROM tiers ORDER BY scheme = 'enterprise', rank DESC", NULL, NULL);
  g_autoptr(JsonArray) user_rows = gx_customer_query_rows (db, "SELECT id, display_name FROM users WHERE active = 1 ORDER BY display_name", NULL, NULL);
  GxRole role = gx_context_get_role (self->context);
  GxConfidentiality current = gx_confidentiality_from_code (get_str (record, "confidentiality") ? get_str (record, "confidentiality") : "ordinary");

  g_ptr_array_add (self->tier_ids, NULL);
  gtk_string_list_append (tiers, _("No tier"));
  for (guint i = 0; tier_rows != NULL && i < json_array_get_length (tier_rows); i++)
    {
      JsonObject *row = json_array_get_object_element (tier_rows, i);
      const char *id = get_str (row, "id");

      g_ptr_array_add (self->tier_ids, g_strdup (id));
      gtk_string_list_append (tiers, gx_vocab_index (GX_VOCAB_TIER, id) >= 0 ? gx_vocab_label (GX_VOCAB_TIER, id) : get_str (row, "name"));
    }

  g_ptr_array_add (self->owner_ids, NULL);
  gtk_string_list_append (owners, _("Nobody"));
  for (guint i = 0; user_rows != NULL && i < json_array_get_length (user_rows); i++)
    {
      JsonObject *row = json_array_get_object_element (user_rows, i);

      g_ptr_array_add (self->owner_ids, g_strdup (get_str (row, "id")));
      gtk_string_list_append (owners, get_str (row, "display_name"));
    }

  /* Only the levels this user may give, and the profile's own. */
  for (GxConfidentiality level = GX_CONFIDENTIALITY_ORDINARY; level <= GX_CONFIDENTIALITY_TOP_SECRET; level++)
    if (gx_visibility_may_set_level (role, level) || level == current)
      {
        g_array_append_val (self->levels, level);
        gtk_string_list_append (levels, gx_vocab_label (GX_VOCAB_CONFIDENTIALITY, gx_confidentiality_to_code (level)));
      }

  adw_combo_row_set_model (self->tier_row, G_LIST_MODEL (tiers));
  adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (owners));
  adw_combo_row_set_model (self->level_row, G_LIST_MODEL (levels));
}

static guint
position_of (GPtrArray  *ids,
             const char *id)
{
  for (guint i = 1; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return i;
  return 0;
}

static void
load (GxCustomerEditor *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  g_autoptr(JsonArray) rows = NULL;
  g_autoptr(JsonArray) contacts = NULL;
  g_autofree char *interests = NULL;
  JsonObject *record = NULL;

  self->loading = TRUE;

  if (!self->is_new)
    {
      rows = gx_customer_query_rows (db, "SELECT * FROM customers WHERE id = ?", g_variant_new ("(s)", self->customer_id), NULL);
      if (rows != NULL && json_array_get_length (rows) > 0)
        record = json_array_get_object_element (rows, 0);
    }

  fill_choices (self, db, record);
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (gx_form_vocab_model (GX_VOCAB_CUSTOMER_KIND, NULL)));
  adw_combo_row_set_model (self->id_type_row, G_LIST_MODEL (gx_form_vocab_model (GX_VOCAB_ID_TYPE, NULL)));
  adw_combo_row_set_model (self->gender_row, G_LIST_MODEL (gx_form_vocab_model (GX_VOCAB_GENDER, _("Not given"))));
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (gx_form_vocab_model (GX_VOCAB_CONTACT_CHANNEL, _("No preference"))));
  adw_combo_row_set_model (self->stage_row, G_LIST_MODEL (gx_form_vocab_model (GX_VOCAB_STAGE, NULL)));
  adw_combo_row_set_model (self->assets_row, G_LIST_MODEL (gx_form_vocab_model (GX_VOCAB_ASSETS_BAND, _("Not recorded"))));

  if (record == NULL)
    {
      /* A new customer: the desk's user looks after them unless someone else is chosen. */
      adw_combo_row_set_selected (self->owner_row, position_of (self->owner_ids, gx_context_get_user_id (self->context)));
      add_contact_row (self, NULL, "mobile", NULL, NULL);
      self->loading = FALSE;
      return;
    }

  adw_combo_row_set_selected (self->kind_row, gx_form_vocab_position (GX_VOCAB_CUSTOMER_KIND, get_str (record, "kind"), FALSE));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), get_str (record, "name"));
  adw_combo_row_set_selected (self->id_type_row, gx_form_vocab_position (GX_VOCAB_ID_TYPE, get_str (record, "id_type"), FALSE));
  gtk_editable_set_text (GTK_EDITABLE (self->id_number_row), get_str (record, "id_number") ? get_str (record, "id_number") : "");
  gtk_editable_set_text (GTK_EDITABLE (self->birthday_row), get_str (record, "birthday") ? get_str (record, "birthday") : "");
  adw_combo_row_set_selected (self->gender_row, gx_form_vocab_position (GX_VOCAB_GENDER, get_str (record, "gender"), TRUE));
  adw_combo_row_set_selected (self->channel_row, gx_form_vocab_position (GX_VOCAB_CONTACT_CHANNEL, get_str (record, "preferred_channel"), TRUE));
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), get_str (record, "preferred_time"));
  adw_combo_row_set_selected (self->stage_row, gx_form_vocab_position (GX_VOCAB_STAGE, get_str (record, "stage"), FALSE));
  gtk_switch_set_active (self->at_risk_switch, json_object_get_int_member (record, "at_risk") != 0);
  adw_combo_row_set_selected (self->tier_row, position_of (self->tier_ids, get_str (record, "tier_id")));
  adw_combo_row_set_selected (self->owner_row, position_of (self->owner_ids, get_str (record, "owner_id")));
  for (guint i = 0; i < self->levels->len; i++)
    if (g_str_equal (gx_confidentiality_to_code (g_array_index (self->levels, GxConfidentiality, i)), get_str (record, "confidentiality")))
      adw_combo_row_set_selected (self->level_row, i);
  adw_combo_row_set_selected (self->assets_row, gx_form_vocab_position (GX_VOCAB_ASSETS_BAND, get_str (record, "assets_band"), TRUE));
  gtk_editable_set_text (GTK_EDITABLE (self->accounts_row), get_str (record, "accounts") ? get_str (record, "accounts") : "");
  gtk_editable_set_text (GTK_EDITABLE (self->company_row), get_str (record, "company"));
  gtk_editable_set_text (GTK_EDITABLE (self->industry_row), get_str (record, "industry"));
  gtk_editable_set_text (GTK_EDITABLE (self->job_row), get_str (record, "job_title"));
  gtk_editable_set_text (GTK_EDITABLE (self->since_row), get_str (record, "customer_since") ? get_str (record, "customer_since") : "");
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), get_str (record, "tags"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), get_str (record, "notes"), -1);

  contacts = gx_customer_query_rows (db,
                                     "SELECT id, kind, label, value FROM customer_contacts WHERE customer_id = ?"
                                     " ORDER BY CASE kind WHEN 'mobile' THEN 0 WHEN 'landline' THEN 1 WHEN 'email' THEN 2"
                                     " WHEN 'wechat' THEN 3 ELSE 4 END, is_primary DESC, value",
                                     g_variant_new ("(s)", self->customer_id), NULL);
  for (guint i = 0; contacts != NULL && i < json_array_get_length (contacts); i++)
    {
      JsonObject *row = json_array_get_object_element (contacts, i);
      add_contact_row (self, get_str (row, "id"), get_str (row, "kind"), get_str (row, "label"), get_str (row, "value"));
    }

  interests = gx_db_query_string (db, "SELECT group_concat (interest, ', ') FROM (SELECT interest FROM customer_interests"
                                      " WHERE customer_id = ? ORDER BY interest)",
                                  g_variant_new ("(s)", self->customer_id), NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->interests_row), interests ? interests : "");

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Customer"));
  self->loading = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->fill_button), FALSE);
}

static void
watch_changes (GxCustomerEditor *self)
{
  AdwEntryRow *entries[] = {
    self->name_row, self->birthday_row, self->time_row, self->company_row, self->industry_row,
    self->job_row, self->since_row, self->interests_row, self->tags_row, self->accounts_row,
  };
  AdwComboRow *combos[] = {
    self->kind_row, self->id_type_row, self->gender_row, self->channel_row, self->stage_row,
    self->tier_row, self->owner_row, self->level_row, self->assets_row,
  };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_signal_connect_swapped (entries[i], "changed", G_CALLBACK (mark_dirty), self);
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    g_signal_connect_swapped (combos[i], "notify::selected", G_CALLBACK (mark_dirty), self);
  g_signal_connect_swapped (self->at_risk_switch, "notify::active", G_CALLBACK (mark_dirty), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes_view), "changed", G_CALLBACK (mark_dirty), self);
}

/* GObject */

static void
gx_customer_editor_dispose (GObject *object)
{
  GxCustomerEditor *self = (GxCustomerEditor *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_CUSTOMER_EDITOR);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_customer_editor_parent_class)->dispose (object);
}

static void
gx_customer_editor_finalize (GObject *object)
{
  GxCustomerEditor *self = (GxCustomerEditor *) object;

  g_free (self->customer_id);
  g_free (self->verification);
  g_free (self->user_id);
  g_clear_pointer (&self->tier_ids, g_ptr_array_unref);
  g_clear_pointer (&self->owner_ids, g_ptr_array_unref);
  g_clear_pointer (&self->levels, g_array_unref);
  g_clear_pointer (&self->contact_rows, g_ptr_array_unref);
  g_clear_pointer (&self->fields, json_object_unref);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_pointer (&self->interests, g_strfreev);

  G_OBJECT_CLASS (gx_customer_editor_parent_class)->finalize (object);
}

static void
gx_customer_editor_class_init (GxCustomerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = gx_customer_editor_dispose;
  object_class->finalize = gx_customer_editor_finalize;
  window_class->close_request = gx_customer_editor_close_request;

  /**
   * GxCustomerEditor::saved:
   * @self: the editor
   * @customer_id: the profile saved
   * @created: it is a new profile
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  /**
   * GxCustomerEditor::open-customer:
   * @self: the editor
   * @customer_id: an existing profile the user chose instead of creating a duplicate
   */
  signals[OPEN_CUSTOMER] =
    g_signal_new ("open-customer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-customer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, page);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, id_type_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, id_number_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, fill_button);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, birthday_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, gender_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, contacts_group);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, channel_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, time_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, stage_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, at_risk_switch);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, tier_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, level_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, assets_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, accounts_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, company_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, industry_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, job_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, since_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, interests_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerEditor, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, on_id_number_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, gx_customer_editor_save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-contact", "s", gx_customer_editor_add_contact_action);
  gtk_widget_class_install_action (widget_class, "editor.fill-from-id", NULL, gx_customer_editor_fill_from_id_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gx_customer_editor_init (GxCustomerEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->tier_ids = g_ptr_array_new_with_free_func (g_free);
  self->owner_ids = g_ptr_array_new_with_free_func (g_free);
  self->levels = g_array_new (FALSE, FALSE, sizeof (GxConfidentiality));
  self->contact_rows = g_ptr_array_new ();
}

/**
 * gx_customer_editor_new:
 * @context: the context
 * @customer_id: (nullable): the profile to edit; %NULL for a new customer
 *
 * Returns: (transfer none): a new editor window
 */
GtkWindow *
gx_customer_editor_new (GxContext  *context,
                        const char *customer_id)
{
  GxCustomerEditor *self = g_object_new (GX_TYPE_CUSTOMER_EDITOR, NULL);

  self->context = g_object_ref (context);
  self->is_new = customer_id == NULL;
  self->customer_id = customer_id ? g_strdup (customer_id)
                                   : gx_uuid_v7_new_at (gx_clock_now (gx_context_get_clock (context)) * 1000);
  self->user_id = g_strdup (gx_context_get_user_id (context));

  load (self);
  watch_changes (self);
  self->dirty = FALSE;

  return GTK_WINDOW (self);
}
