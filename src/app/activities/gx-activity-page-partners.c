/* gx-activity-page-partners.c: the activity page's co-hosts — linked, chosen as you type, opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-activity-page"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-activity-page-private.h"
#include "gx-activity-ui.h"
#include "gx-list-filter.h"

static GxDb *
reader (GxActivityPage *self)
{
  return gx_store_get_main_reader (gx_context_get_store (self->context));
}

/* Each linked co-host is a row that opens its record: the organisation's profile in
 * Customers, the club in Club. */
void
_gx_activity_page_refresh_partners (GxActivityPage *self)
{
  g_autoptr(GPtrArray) partners = NULL;

  for (guint i = 0; i < self->partner_rows->len; i++)
    adw_preferences_group_remove (self->partners_group, g_ptr_array_index (self->partner_rows, i));
  g_ptr_array_set_size (self->partner_rows, 0);
  if (self->activity_id == NULL)
    return;

  partners = gx_activity_list_partners (reader (self), self->activity_id);
  for (guint i = 0; i < partners->len; i++)
    {
      GxActivityPartner *partner = partners->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      GtkWidget *go = gtk_image_new_from_icon_name ("go-next-symbolic");
      g_autofree char *label = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), partner->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), partner->detail);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "page.open-partner");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "(ss)", partner->kind, partner->record_id);
      /* Translators: %s is a co-host's name */
      label = g_strdup_printf (_("Remove %s from the co-hosts"), partner->name);
      gtk_widget_set_tooltip_text (remove, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "page.remove-partner");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "(sss)", partner->id, partner->kind, partner->record_id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), go);
      adw_preferences_group_add (self->partners_group, row);
      g_ptr_array_add (self->partner_rows, row);
    }

  /* The names typed before co-hosts were linked, after the linked ones; or a word that there
   * are none. */
  {
    g_autofree char *typed = gx_db_query_string (reader (self), "SELECT trim (partners) FROM activities WHERE id = ?",
                                                 g_variant_new ("(s)", self->activity_id), NULL);
    gboolean has_typed = typed != NULL && *typed != '\0';

    adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->partners_row), FALSE);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->partners_row),
                                   has_typed ? _("Other co-hosts (names only)") : _("No co-hosts"));
    adw_action_row_set_subtitle (self->partners_row, has_typed ? typed : _("Add an organisation of the archive or another club."));
    gtk_widget_set_visible (GTK_WIDGET (self->partners_row), has_typed || partners->len == 0);
  }
  if (partners->len > 0)
    {
      g_object_ref (self->partners_row);
      adw_preferences_group_remove (self->partners_group, GTK_WIDGET (self->partners_row));
      adw_preferences_group_add (self->partners_group, GTK_WIDGET (self->partners_row));
      g_object_unref (self->partners_row);
    }
}

static void
gx_activity_page_open_partner_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  const char *kind, *id;
  g_autofree char *filter = NULL;

  g_variant_get (parameter, "(&s&s)", &kind, &id);
  if (g_strcmp0 (kind, "club") == 0)
    {
      filter = gx_list_filter_build ("club", id, NULL);
      gtk_widget_activate_action (widget, "win.show-list", "(ss)", "club", filter);
    }
  else
    {
      filter = gx_list_filter_build ("customer", id, NULL);
      gtk_widget_activate_action (widget, "win.show-list", "(ss)", "customers", filter);
    }
}

/* Writes */

typedef struct
{
  GxActivityPage *self;
  char           *activity_id;
  char           *partner_id;
  char           *kind;
  char           *record_id;
  char           *name;
} PartnerRequest;

static void
partner_request_free (PartnerRequest *request)
{
  g_clear_object (&request->self);
  g_free (request->activity_id);
  g_free (request->partner_id);
  g_free (request->kind);
  g_free (request->record_id);
  g_free (request->name);
  g_free (request);
}

static gboolean
partner_cb (GxDb              *db,
            const GxWriteMeta *meta,
            gpointer           data,
            GError           **error)
{
  PartnerRequest *request = data;

  if (request->partner_id != NULL)
    return gx_activity_remove_partner (db, request->partner_id, meta, error);
  return gx_activity_add_partner (db, request->activity_id, request->kind, request->record_id, meta, NULL, error);
}

static void
partner_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PartnerRequest *request = user_data;
  GxActivityPage *self = request->self;
  g_autoptr(GError) error = NULL;

  if (!gx_store_write_finish (GX_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gx_activity_ui_toast (GTK_WIDGET (self), error->message);
    }
  else if (request->partner_id != NULL)
    {
      /* Translators: %s is a co-host's name */
      g_autofree char *message = g_strdup_printf (_("%s is no longer a co-host."), request->name ? request->name : "");

      gx_activity_ui_toast_undo (GTK_WIDGET (self), message, "page.readd-partner",
                                 g_variant_new ("(ss)", request->kind, request->record_id));
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("%s is a co-host."), request->name ? request->name : "");

      gx_activity_ui_toast (GTK_WIDGET (self), message);
    }
  partner_request_free (request);
}

static void
write_partner (GxActivityPage *self,
               const char     *partner_id,
               const char     *kind,
               const char     *record_id,
               const char     *name)
{
  PartnerRequest *request = g_new0 (PartnerRequest, 1);

  request->self = g_object_ref (self);
  request->activity_id = g_strdup (self->activity_id);
  request->partner_id = g_strdup (partner_id);
  request->kind = g_strdup (kind);
  request->record_id = g_strdup (record_id);
  request->name = g_strdup (name);
  gx_activity_ui_write (self->context, partner_cb, request, NULL, self->cancellable, partner_done_cb, request);
}

static char *
dup_record_name (GxActivityPage *self,
                 const char     *kind,
                 const char     *record_id)
{
  return gx_db_query_string (reader (self),
                             g_strcmp0 (kind, "club") == 0 ? "SELECT name FROM clubs WHERE id = ?"
                                                           : "SELECT name FROM customers WHERE id = ?",
                             g_variant_new ("(s)", record_id), NULL);
}

static void
gx_activity_page_remove_partner_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  GxActivityPage *self = GX_ACTIVITY_PAGE (widget);
  const char *partner_id, *kind, *record_id;
  g_autofree char *name = NULL;

  g_variant_get (parameter, "(&s&s&s)", &partner_id, &kind, &record_id);
  name = dup_record_name (self, kind, record_id);
  write_partner (self, partner_id, kind, record_id, name);
}

static void
gx_activity_page_readd_partner_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  GxActivityPage *self = GX_ACTIVITY_PAGE (widget);
  const char *kind, *record_id;
  g_autofree char *name = NULL;

  g_variant_get (parameter, "(&s&s)", &kind, &record_id);
  name = dup_record_name (self, kind, record_id);
  write_partner (self, NULL, kind, record_id, name);
}

/* The chooser: type part of a name (or pinyin, or a customer number); the organisations and
 * clubs found are listed as you type; Enter takes the first, a click or Enter on a row that
 * one. */

static void
fill_matches (GtkListBox     *list,
              GxActivityPage *self,
              const char     *text)
{
  g_autoptr(GPtrArray) found = gx_activity_search_partners (reader (self), self->activity_id, text);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  for (guint i = 0; i < found->len; i++)
    {
      GxActivityPartner *match = found->pdata[i];
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), match->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), match->detail);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "kind", g_strdup (match->kind), g_free);
      g_object_set_data_full (G_OBJECT (row), "record-id", g_strdup (match->record_id), g_free);
      g_object_set_data_full (G_OBJECT (row), "name", g_strdup (match->name), g_free);
      gtk_list_box_append (list, row);
    }
}

static void
choose_row (GtkWidget *dialog,
            GtkWidget *row)
{
  GxActivityPage *self = g_object_get_data (G_OBJECT (dialog), "page");

  if (row == NULL)
    return;
  write_partner (self, NULL, g_object_get_data (G_OBJECT (row), "kind"), g_object_get_data (G_OBJECT (row), "record-id"),
                 g_object_get_data (G_OBJECT (row), "name"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_partner_search_changed_cb (GtkSearchEntry *entry,
                              GtkWidget      *dialog)
{
  fill_matches (g_object_get_data (G_OBJECT (dialog), "list"), g_object_get_data (G_OBJECT (dialog), "page"),
                gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_partner_search_activate_cb (GtkSearchEntry *entry,
                               GtkWidget      *dialog)
{
  GtkListBox *list = g_object_get_data (G_OBJECT (dialog), "list");

  choose_row (dialog, GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)));
}

static void
on_partner_row_activated_cb (GtkListBox    *list,
                             GtkListBoxRow *row,
                             GtkWidget     *dialog)
{
  choose_row (dialog, GTK_WIDGET (row));
}

static void
gx_activity_page_add_partner_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  GxActivityPage *self = GX_ACTIVITY_PAGE (widget);
  GtkWidget *dialog, *box, *entry, *scrolled, *list;

  if (self->activity_id == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Add a Co-host"),
                                   _("An organisation of the archive — an enterprise, a government body or association, an intermediary — or another club."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_search_entry_new ();
  g_object_set (entry, "placeholder-text", _("Name, pinyin or customer number"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Find the co-host"), -1);
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Organisations and clubs found"), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "page", g_object_ref (self), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "list", list);
  g_signal_connect (entry, "search-changed", G_CALLBACK (on_partner_search_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (on_partner_search_activate_cb), dialog);
  g_signal_connect (list, "row-activated", G_CALLBACK (on_partner_row_activated_cb), dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
_gx_activity_page_class_init_partners (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "page.add-partner", NULL, gx_activity_page_add_partner_action);
  gtk_widget_class_install_action (widget_class, "page.remove-partner", "(sss)", gx_activity_page_remove_partner_action);
  gtk_widget_class_install_action (widget_class, "page.readd-partner", "(ss)", gx_activity_page_readd_partner_action);
  gtk_widget_class_install_action (widget_class, "page.open-partner", "(ss)", gx_activity_page_open_partner_action);
}
