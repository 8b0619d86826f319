/* gx-customers-view-saved.c: the customer list's filters saved under a name, for every desk —
 * an activity can take one as its target group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customers-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-customer-filter.h"
#include "gx-customers-view-private.h"
#include "gx-window.h"

typedef struct
{
  GxCustomersView *self;
  char            *name;
  char            *filter;
  char            *user_id;
  gint64           now;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_clear_object (&job->self);
  g_free (job->name);
  g_free (job->filter);
  g_free (job->user_id);
  g_free (job);
}

static gboolean
save_cb (GxDb     *db,
         gpointer  data,
         GError  **error)
{
  SaveJob *job = data;
  GxWriteMeta meta = { .now = job->now, .user_id = job->user_id };

  return gx_customer_filter_save (db, job->name, job->filter, &meta, NULL, error);
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
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!gx_store_write_finish (GX_STORE (object), result, &error))
    toast (job->self, error->message);
  else
    {
      /* Translators: %s is the name the user gave a saved customer filter */
      text = g_strdup_printf (_("Filter “%s” saved. An activity can invite the customers it matches."), job->name);
      toast (job->self, text);
    }
  save_job_free (job);
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
  gboolean taken = *name != '\0' &&
                   gx_db_query_int (db, "SELECT count (*) FROM customer_filters WHERE name = ?",
                                    g_variant_new ("(s)", name), 0, NULL) > 0;

  gtk_label_set_label (problem, taken ? _("A saved filter has this name already.") : "");
  gtk_widget_set_visible (GTK_WIDGET (problem), taken);
  if (taken)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0' && !taken);
}

static void
on_save_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GxCustomersView  *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  SaveJob *job;

  if (g_strcmp0 (response, "save") != 0)
    return;

  job = g_new0 (SaveJob, 1);
  job->self = g_object_ref (self);
  job->name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  job->filter = g_strdup (g_object_get_data (G_OBJECT (dialog), "filter"));
  job->user_id = g_strdup (gx_context_get_user_id (self->context));
  job->now = gx_clock_now (gx_context_get_clock (self->context));
  gx_store_write_async (gx_context_get_store (self->context), save_cb, job, NULL, NULL, saved_cb, job);
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

void
_gx_customers_view_install_saved_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "view.save-filter", NULL, gx_customers_view_save_filter_action);
}
