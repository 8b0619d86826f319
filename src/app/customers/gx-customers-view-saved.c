/* gx-customers-view-saved.c: the customer list's filters saved under a name, for every desk —
 * an activity can take one as its target group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customers-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-customer-filter.h"
#include "gx-enums.h"
#include "gx-list-filter.h"
#include "gx-customers-view-private.h"
#include "gx-window.h"

/* A save or a rename of a saved filter, written on the writer thread; the toast says how
 * it went. */
typedef struct
{
  GxCustomersView *self;
  char            *id;        /* the filter renamed; NULL when saving a new one */
  char            *name;
  char            *filter;    /* the filter saved */
  char            *user_id;
  gint64           now;
  char            *done;      /* the toast when it is written */
} FilterJob;

static void
filter_job_free (gpointer data)
{
  FilterJob *job = data;

  g_clear_object (&job->self);
  g_free (job->id);
  g_free (job->name);
  g_free (job->filter);
  g_free (job->user_id);
  g_free (job->done);
  g_free (job);
}

/* A job with the name typed in @dialog's entry, by the signed-in user, now. */
static FilterJob *
filter_job_new (GxCustomersView  *self,
                AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  FilterJob *job = g_new0 (FilterJob, 1);

  job->self = g_object_ref (self);
  job->name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  job->user_id = g_strdup (gx_context_get_user_id (self->context));
  job->now = gx_clock_now (gx_context_get_clock (self->context));
  return job;
}

static gboolean
save_cb (GxDb     *db,
         gpointer  data,
         GError  **error)
{
  FilterJob *job = data;
  GxWriteMeta meta = { .now = job->now, .user_id = job->user_id };

  return gx_customer_filter_save (db, job->name, job->filter, &meta, NULL, error);
}

static gboolean
rename_cb (GxDb     *db,
           gpointer  data,
           GError  **error)
{
  FilterJob *job = data;
  GxWriteMeta meta = { .now = job->now, .user_id = job->user_id };

  return gx_customer_filter_rename (db, job->id, job->name, &meta, error);
}

static void
toast (GxCustomersView *self,
       const char      *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GX_IS_WINDOW (root))
    gx_window_add_toast (GX_WINDOW (root), adw_toast_new (text));
}

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  FilterJob *job = user_data;
  g_autoptr(GError) error = NULL;

  toast (job->self, gx_store_write_finish (GX_STORE (object), result, &error) ? job->done : error->message);
  filter_job_free (job);
}

/* The name is checked as it is typed, so a refused name never loses the dialog. */
static void
on_name_changed_cb (GtkEditable *entry,
                    AdwMessageDialog *dialog)
{
  GxCustomersView *self = g_object_get_data (G_OBJECT (dialog), "view");
  GtkLabel *problem = g_object_get_data (G_OBJECT (dialog), "problem");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  const char *renamed = g_object_get_data (G_OBJECT (dialog), "filter-id");
  const char *response = renamed != NULL ? "rename" : "save";
  gboolean taken = *name != '\0' &&
                   gx_db_query_int (db, "SELECT count (*) FROM customer_filters WHERE name = ? AND id <> ?",
                                    g_variant_new ("(ss)", name, renamed ? renamed : ""), 0, NULL) > 0;

  gtk_label_set_label (problem, taken ? _("A saved filter has this name already.") : "");
  gtk_widget_set_visible (GTK_WIDGET (problem), taken);
  if (taken)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  adw_message_dialog_set_response_enabled (dialog, response, *name != '\0' && !taken);
}

static void
on_save_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GxCustomersView  *self)
{
  FilterJob *job;

  if (g_strcmp0 (response, "save") != 0)
    return;

  job = filter_job_new (self, dialog);
  job->filter = g_strdup (g_object_get_data (G_OBJECT (dialog), "filter"));
  /* Translators: %s is the name the user gave a saved customer filter */
  job->done = g_strdup_printf (_("Filter “%s” saved. An activity can invite the customers it matches."), job->name);
  gx_store_write_async (gx_context_get_store (self->context), save_cb, job, NULL, NULL, written_cb, job);
}

static void
gx_customers_view_save_filter_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  GxCustomersView *self = GX_CUSTOMERS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  GxCustomerQuery query;
  g_autofree char *filter = NULL;
  g_autofree char *described = NULL;
  g_autofree char *body = NULL;
  GtkWidget *box, *entry, *problem, *dialog;

  _gx_customers_view_fill_query (self, &query);
  filter = gx_customer_filter_from_query (&query);
  gtk_menu_button_popdown (self->filters_button);
  if (*filter == '\0')
    {
      toast (self, _("Choose at least one filter first: kind, stage, tier, owner…"));
      return;
    }

  described = gx_customer_filter_describe (db, filter);
  /* Translators: %s describes the filters, e.g. "Individual · Gold · club members" */
  body = g_strdup_printf (_("Customers who are: %s. The search text is not saved. Every desk sees the saved filter, "
                            "and an activity can invite the customers it matches on the day the invitations go out."),
                          described);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Save Filter"), body);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name, e.g. Gold clients born this month"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name of the filter"), -1);
  problem = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (problem), 0);
  gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
  gtk_widget_add_css_class (problem, "error");
  gtk_widget_set_visible (problem, FALSE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), problem);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "view", self);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "problem", problem);
  g_object_set_data_full (G_OBJECT (dialog), "filter", g_steal_pointer (&filter), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (on_name_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* The Saved menu, made each time it opens: the saved filters, to apply or delete. */
static void
create_saved_menu_cb (GtkMenuButton *button,
                      gpointer       user_data)
{
  GxCustomersView *self = user_data;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) apply = g_menu_new ();
  g_autoptr(GMenu) remove = g_menu_new ();
  g_autoptr(GMenu) rename = g_menu_new ();
  g_autoptr(GMenu) more = g_menu_new ();
  sqlite3_stmt *stmt;

  if (self->context == NULL)
    return;

  stmt = gx_db_prepare (gx_store_get_main_reader (gx_context_get_store (self->context)),
                        "SELECT id, name FROM customer_filters ORDER BY name", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (gx_db_column_text (stmt, 1), NULL);
      g_autoptr(GMenuItem) gone = g_menu_item_new (gx_db_column_text (stmt, 1), NULL);
      g_autoptr(GMenuItem) renamed = g_menu_item_new (gx_db_column_text (stmt, 1), NULL);

      g_menu_item_set_action_and_target (item, "view.apply-saved-filter", "s", gx_db_column_text (stmt, 0));
      g_menu_append_item (apply, item);
      g_menu_item_set_action_and_target (gone, "view.delete-saved-filter", "s", gx_db_column_text (stmt, 0));
      g_menu_append_item (remove, gone);
      g_menu_item_set_action_and_target (renamed, "view.rename-saved-filter", "s", gx_db_column_text (stmt, 0));
      g_menu_append_item (rename, renamed);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);

  if (g_menu_model_get_n_items (G_MENU_MODEL (apply)) == 0)
    /* An item without an action shows greyed out: the menu says why it is empty. */
    g_menu_append (apply, _("No saved filters yet"), "view.no-saved-filter");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (apply));
  if (g_menu_model_get_n_items (G_MENU_MODEL (remove)) > 0)
    {
      g_menu_append_submenu (more, _("_Rename a Saved Filter"), G_MENU_MODEL (rename));
      g_menu_append_submenu (more, _("_Delete a Saved Filter"), G_MENU_MODEL (remove));
      g_menu_append_section (menu, NULL, G_MENU_MODEL (more));
    }
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

void
_gx_customers_view_init_saved (GxCustomersView *self)
{
  gtk_menu_button_set_create_popup_func (self->saved_button, create_saved_menu_cb, self, NULL);
}

static int
dropdown_position (GxVocab     vocab,
                   const char *code)
{
  int i = code != NULL ? gx_vocab_index (vocab, code) : -1;

  return i < 0 ? 0 : i + 1;
}

/* Puts the saved filter's choices into the Filters popover, as if chosen by hand. */
static void
gx_customers_view_apply_saved_filter_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *parameter)
{
  GxCustomersView *self = GX_CUSTOMERS_VIEW (widget);
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  const char *id = g_variant_get_string (parameter, NULL);
  g_autofree char *name = gx_db_query_string (db, "SELECT name FROM customer_filters WHERE id = ?", g_variant_new ("(s)", id), NULL);
  g_autofree char *filter = gx_db_query_string (db, "SELECT filter FROM customer_filters WHERE id = ?", g_variant_new ("(s)", id), NULL);
  g_autoptr(GHashTable) parsed = NULL;
  g_autofree char *text = NULL;
  const char *tier, *owner;
  guint tier_position = 0;

  if (filter == NULL)
    return;
  parsed = gx_list_filter_parse (filter);
  tier = g_hash_table_lookup (parsed, "tier");
  owner = g_hash_table_lookup (parsed, "owner");
  for (guint i = 1; tier != NULL && i < self->tier_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->tier_ids, i), tier) == 0)
      tier_position = i;

  gtk_drop_down_set_selected (self->kind_dropdown, dropdown_position (GX_VOCAB_CUSTOMER_KIND, g_hash_table_lookup (parsed, "kind")));
  gtk_drop_down_set_selected (self->stage_dropdown, dropdown_position (GX_VOCAB_STAGE, g_hash_table_lookup (parsed, "stage")));
  gtk_drop_down_set_selected (self->tier_dropdown, tier_position);
  gtk_drop_down_set_selected (self->level_dropdown, dropdown_position (GX_VOCAB_CONFIDENTIALITY,
                                                                        g_hash_table_lookup (parsed, "confidentiality")));
  gtk_check_button_set_active (self->birthday_check, g_hash_table_contains (parsed, "birthday"));
  gtk_check_button_set_active (self->cases_check, g_hash_table_contains (parsed, "open_cases"));
  gtk_check_button_set_active (self->members_check, g_hash_table_contains (parsed, "club_members"));
  gtk_check_button_set_active (self->archived_check, FALSE);
  gtk_toggle_button_set_active (self->mine_toggle, owner != NULL && g_strcmp0 (owner, gx_context_get_user_id (self->context)) == 0);

  if (owner != NULL && g_strcmp0 (owner, gx_context_get_user_id (self->context)) != 0)
    {
      g_autofree char *described = gx_customer_filter_describe (db, filter);
      /* Translators: a saved filter names another relationship manager, which the list's own
       * filters cannot; %s is the filter's description */
      text = g_strdup_printf (_("Filter applied without its owner: %s"), described);
    }
  else
    /* Translators: %s is the name of a saved customer filter */
    text = g_strdup_printf (_("Filter “%s” applied."), name);
  toast (self, text);
}

typedef struct
{
  GxCustomersView *self;
  char            *id;
  char            *user_id;
  gint64           now;
} DeleteJob;

static void
delete_job_free (gpointer data)
{
  DeleteJob *job = data;

  g_clear_object (&job->self);
  g_free (job->id);
  g_free (job->user_id);
  g_free (job);
}

static gboolean
delete_cb (GxDb     *db,
           gpointer  data,
           GError  **error)
{
  DeleteJob *job = data;
  GxWriteMeta meta = { .now = job->now, .user_id = job->user_id };

  return gx_customer_filter_delete (db, job->id, &meta, error);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  DeleteJob *job = user_data;
  g_autoptr(GError) error = NULL;

  if (!gx_store_write_finish (GX_STORE (object), result, &error))
    toast (job->self, error->message);
  else
    toast (job->self, _("The saved filter is deleted."));
  delete_job_free (job);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       GxCustomersView  *self)
{
  DeleteJob *job;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  job = g_new0 (DeleteJob, 1);
  job->self = g_object_ref (self);
  job->id = g_strdup (g_object_get_data (G_OBJECT (dialog), "filter-id"));
  job->user_id = g_strdup (gx_context_get_user_id (self->context));
  job->now = gx_clock_now (gx_context_get_clock (self->context));
  gx_store_write_async (gx_context_get_store (self->context), delete_cb, job, NULL, NULL, deleted_cb, job);
}

/* Every desk loses it: asked once, naming the consequence. */
static void
gx_customers_view_delete_saved_filter_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *parameter)
{
  GxCustomersView *self = GX_CUSTOMERS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autofree char *name = gx_db_query_string (gx_store_get_main_reader (gx_context_get_store (self->context)),
                                              "SELECT name FROM customer_filters WHERE id = ?", g_variant_new ("(s)", id), NULL);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (name == NULL)
    return;
  /* Translators: %s is the name of a saved customer filter */
  heading = g_strdup_printf (_("Delete “%s”?"), name);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The saved filter is removed from every desk. The customers it matched are not changed."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "filter-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Renaming: every desk sees the new name; activities inviting with the filter keep it. */

static void
on_rename_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       GxCustomersView  *self)
{
  FilterJob *job;

  if (g_strcmp0 (response, "rename") != 0)
    return;

  job = filter_job_new (self, dialog);
  job->id = g_strdup (g_object_get_data (G_OBJECT (dialog), "filter-id"));
  /* Translators: %s is the new name of a saved customer filter */
  job->done = g_strdup_printf (_("The saved filter is now called “%s”."), job->name);
  gx_store_write_async (gx_context_get_store (self->context), rename_cb, job, NULL, NULL, written_cb, job);
}

static void
gx_customers_view_rename_saved_filter_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *parameter)
{
  GxCustomersView *self = GX_CUSTOMERS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autofree char *name = gx_db_query_string (gx_store_get_main_reader (gx_context_get_store (self->context)),
                                              "SELECT name FROM customer_filters WHERE id = ?", g_variant_new ("(s)", id), NULL);
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *box, *entry, *problem;

  if (name == NULL)
    return;
  /* Translators: %s is the name of a saved customer filter */
  heading = g_strdup_printf (_("Rename “%s”"), name);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("Every desk sees the new name. Activities that invite with this filter keep it."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name of the filter"), -1);
  problem = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (problem), 0);
  gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
  gtk_widget_add_css_class (problem, "error");
  gtk_widget_set_visible (problem, FALSE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), problem);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "view", self);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data (G_OBJECT (dialog), "problem", problem);
  g_object_set_data_full (G_OBJECT (dialog), "filter-id", g_strdup (id), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (on_name_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

void
_gx_customers_view_install_saved_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "view.save-filter", NULL, gx_customers_view_save_filter_action);
  gtk_widget_class_install_action (widget_class, "view.apply-saved-filter", "s", gx_customers_view_apply_saved_filter_action);
  gtk_widget_class_install_action (widget_class, "view.delete-saved-filter", "s", gx_customers_view_delete_saved_filter_action);
  gtk_widget_class_install_action (widget_class, "view.rename-saved-filter", "s", gx_customers_view_rename_saved_filter_action);
}
