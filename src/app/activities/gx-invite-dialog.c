/* gx-invite-dialog.c: invite customers one by one, or the activity's whole target group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-invite-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-activity-ui.h"
#include "gx-activity.h"
#include "gx-customer-row.h"
#include "gx-invite-dialog.h"
#include "gx-query-model.h"
#include "gx-search.h"

/* The dialog stays open while the desk invites one customer after another: type, Enter,
 * type the next. */

struct _GxInviteDialog
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwWindowTitle     *window_title;
  GtkButton          *group_button;
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkLabel           *status_label;
  GtkWidget          *progress_box;
  GtkProgressBar     *progress_bar;

  /* Owned */
  GxContext          *context;
  char               *activity_id;
  GxQueryModel       *model;
  GCancellable       *cancellable;
  GCancellable       *group_cancellable;   /* the target group's invitation, while it runs */
};

G_DEFINE_FINAL_TYPE (GxInviteDialog, gx_invite_dialog, ADW_TYPE_WINDOW)

static GxDb *
reader (GxInviteDialog *self)
{
  return gx_store_get_main_reader (gx_context_get_store (self->context));
}

static void
say (GxInviteDialog *self,
     const char     *text,
     gboolean        is_error)
{
  gtk_label_set_label (self->status_label, text);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

/* The target group button says how many are still to invite; counted off the main thread,
 * as a saved filter may match much of the archive. */
static void
counted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GxInviteDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gint64 n = gx_activity_count_target_group_finish (GX_STORE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->group_button == NULL)
    return;

  n = MAX (n, 0);
  /* Translators: %d is how many members of the target group are not invited yet */
  label = g_strdup_printf (ngettext ("Invite Target _Group (%d)", "Invite Target _Group (%d)", (gulong) n), (int) n);
  gtk_button_set_label (self->group_button, label);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invite.target-group", n > 0);
  if (error != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->group_button), error->message);
}

static void
update_group_button (GxInviteDialog *self)
{
  gx_activity_count_target_group_async (gx_context_get_store (self->context), self->activity_id,
                                        gx_clock_now (gx_context_get_clock (self->context)),
                                        self->cancellable, counted_cb, g_object_ref (self));
}

static char *
format_customer_cb (gpointer    unused,
                    const char *number,
                    const char *tier,
                    const char *phone)
{
  GString *text = g_string_new (number);

  if (tier != NULL && *tier != '\0')
    g_string_append_printf (text, " · %s", tier);
  if (phone != NULL && *phone != '\0')
    g_string_append_printf (text, " · %s", phone);
  return g_string_free (text, FALSE);
}

static void
on_search_changed_cb (GxInviteDialog *self)
{
  g_autoptr(GVariant) params = NULL;
  g_autofree char *sql = gx_search_customers (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), &params);

  gx_query_model_set_query (self->model, sql, params);
}

typedef struct
{
  char   *activity_id;
  char   *customer_id;
} InviteRequest;

static void
invite_request_free (InviteRequest *request)
{
  g_free (request->activity_id);
  g_free (request->customer_id);
  g_free (request);
}

static gboolean
invite_cb (GxDb              *db,
           const GxWriteMeta *meta,
           gpointer           data,
           GError           **error)
{
  InviteRequest *request = data;

  return gx_activity_invite (db, request->activity_id, request->customer_id, meta, NULL, error);
}

static void
invite_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GxInviteDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!gx_activity_ui_write_finish (self->context, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        say (self, error->message, TRUE);
      return;
    }

  text = g_strdup (g_object_get_data (G_OBJECT (self), "pending-message"));
  say (self, text, FALSE);
  update_group_button (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
invite_selected (GxInviteDialog *self)
{
  GxRow *row = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *name = NULL;
  InviteRequest *request;

  if (row == NULL)
    {
      say (self, _("Choose the customer to invite."), TRUE);
      return;
    }

  g_object_get (row, "name", &name, NULL);
  request = g_new0 (InviteRequest, 1);
  request->activity_id = g_strdup (self->activity_id);
  request->customer_id = g_strdup (gx_row_get_id (row));
  /* Translators: %s is a customer's name */
  g_object_set_data_full (G_OBJECT (self), "pending-message", g_strdup_printf (_("%s is invited."), name), g_free);
  gx_activity_ui_write (self->context, invite_cb, request, (GDestroyNotify) invite_request_free,
                        self->cancellable, invite_done_cb, g_object_ref (self));
}

static void
on_search_activate_cb (GxInviteDialog *self)
{
  invite_selected (self);
}

static void
on_list_activate_cb (GxInviteDialog *self,
                     guint           position)
{
  gtk_single_selection_set_selected (self->selection, position);
  invite_selected (self);
}

static void
gx_invite_dialog_invite_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  invite_selected (GX_INVITE_DIALOG (widget));
}

/* The target group: off the main thread, in steps, with a progress bar and Cancel. */

static void
on_group_progress_cb (guint    invited,
                      guint    total,
                      gpointer user_data)
{
  GxInviteDialog *self = user_data;
  g_autofree char *text = NULL;

  /* Translators: the target group's progress: invitations made, of how many */
  text = g_strdup_printf (_("%'u of %'u invited"), invited, total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) invited / (double) total : 1.0);
}

static void
group_invited_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GxInviteDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint invited = 0, total = 0;
  gboolean ok;

  ok = gx_activity_invite_target_group_finish (GX_STORE (object), result, &invited, &total, &error);
  g_clear_object (&self->group_cancellable);
  if (self->progress_box == NULL)
    return;   /* the dialog was closed meanwhile */

  gtk_widget_set_visible (self->progress_box, FALSE);
  if (ok)
    /* Translators: %'u is how many members of the target group were invited */
    text = g_strdup_printf (ngettext ("The target group is invited: %'u invitation.", "The target group is invited: %'u invitations.",
                                      invited), invited);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* Translators: after Cancel: invitations made (they stay), of how many */
    text = g_strdup_printf (_("Stopped: %'u of %'u invited; those invitations stay. Invite Target Group again invites the rest."),
                            invited, total);
  else if (invited > 0)
    /* Translators: an error, then how many were invited before it */
    text = g_strdup_printf (_("%s (%'u of %'u were invited before; those invitations stay.)"), error->message, invited, total);
  else
    text = g_strdup (error->message);
  say (self, text, !ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  update_group_button (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
gx_invite_dialog_target_group_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  GxInviteDialog *self = GX_INVITE_DIALOG (widget);

  if (self->group_cancellable != NULL)
    return;

  self->group_cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (widget, "invite.target-group", FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Reading the target group…"));
  gtk_widget_set_visible (self->progress_box, TRUE);
  say (self, "", FALSE);
  gx_activity_invite_target_group_async (gx_context_get_store (self->context), self->activity_id,
                                         gx_context_get_user_id (self->context),
                                         gx_clock_now (gx_context_get_clock (self->context)),
                                         self->group_cancellable, on_group_progress_cb, self,
                                         group_invited_cb, g_object_ref (self));
}

static void
gx_invite_dialog_cancel_group_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  GxInviteDialog *self = GX_INVITE_DIALOG (widget);

  if (self->group_cancellable != NULL)
    {
      g_cancellable_cancel (self->group_cancellable);
      gtk_progress_bar_set_text (self->progress_bar, _("Stopping after this step…"));
    }
}

static void
gx_invite_dialog_dispose (GObject *object)
{
  GxInviteDialog *self = (GxInviteDialog *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->group_cancellable != NULL)
    g_cancellable_cancel (self->group_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_INVITE_DIALOG);
  self->progress_box = NULL;
  g_clear_object (&self->model);

  G_OBJECT_CLASS (gx_invite_dialog_parent_class)->dispose (object);
}

static void
gx_invite_dialog_finalize (GObject *object)
{
  GxInviteDialog *self = (GxInviteDialog *) object;

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_free (self->activity_id);

  G_OBJECT_CLASS (gx_invite_dialog_parent_class)->finalize (object);
}

static void
gx_invite_dialog_class_init (GxInviteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_invite_dialog_dispose;
  object_class->finalize = gx_invite_dialog_finalize;

  g_type_ensure (GX_TYPE_CUSTOMER_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-invite-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GxInviteDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, GxInviteDialog, group_button);
  gtk_widget_class_bind_template_child (widget_class, GxInviteDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GxInviteDialog, list_view);
  gtk_widget_class_bind_template_child (widget_class, GxInviteDialog, selection);
  gtk_widget_class_bind_template_child (widget_class, GxInviteDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, GxInviteDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, GxInviteDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_customer_cb);

  gtk_widget_class_install_action (widget_class, "invite.invite", NULL, gx_invite_dialog_invite_action);
  gtk_widget_class_install_action (widget_class, "invite.target-group", NULL, gx_invite_dialog_target_group_action);
  gtk_widget_class_install_action (widget_class, "invite.cancel-group", NULL, gx_invite_dialog_cancel_group_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gx_invite_dialog_init (GxInviteDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

/**
 * gx_invite_dialog_new:
 * @parent: the window it belongs to
 * @context: the desk's context
 * @activity_id: the activity
 *
 * Returns: (transfer none): the dialog, not shown yet
 */
GxInviteDialog *
gx_invite_dialog_new (GtkWindow  *parent,
                      GxContext  *context,
                      const char *activity_id)
{
  GxInviteDialog *self = g_object_new (GX_TYPE_INVITE_DIALOG, "transient-for", parent, NULL);
  g_autofree char *title = NULL;

  self->context = g_object_ref (context);
  self->activity_id = g_strdup (activity_id);
  self->model = gx_query_model_new (gx_context_get_store (context), GX_TYPE_CUSTOMER_ROW);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));

  title = gx_db_query_string (reader (self), "SELECT title FROM activities WHERE id = ?",
                              g_variant_new ("(s)", activity_id), NULL);
  adw_window_title_set_subtitle (self->window_title, title);
  on_search_changed_cb (self);
  update_group_button (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}
