/* gx-statement-dialog.c: a member's points statement for a period, printable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-statement-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-club-print.h"
#include "gx-format.h"
#include "gx-membership.h"
#include "gx-points.h"
#include "gx-statement-dialog.h"
#include "gx-validate.h"
#include "gx-window.h"

struct _GxStatementDialog
{
  AdwWindow          parent_instance;

  /* Template widgets */
  AdwWindowTitle    *window_title;
  AdwEntryRow       *from_row;
  AdwEntryRow       *to_row;
  GtkLabel          *error_label;
  AdwActionRow      *opening_row;
  AdwActionRow      *earned_row;
  AdwActionRow      *redeemed_row;
  AdwActionRow      *expired_row;
  AdwActionRow      *adjusted_row;
  AdwActionRow      *closing_row;
  GtkListBox        *entries_list;

  /* Owned */
  GxContext         *context;
  char              *membership_id;
  GxPointsStatement *statement;
};

G_DEFINE_FINAL_TYPE (GxStatementDialog, gx_statement_dialog, ADW_TYPE_WINDOW)

static void
set_points (AdwActionRow *row,
            gint64        points,
            gboolean      signed_points)
{
  g_autofree char *text = g_strdup_printf ("%s%'" G_GINT64_FORMAT,
                                           signed_points && points > 0 ? "+" : points < 0 ? "−" : "",
                                           ABS (points));
  adw_action_row_set_subtitle (row, text);
}

static void
render (GxStatementDialog *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  GTimeZone *tz = gx_clock_get_timezone (gx_context_get_clock (self->context));
  const char *from = gtk_editable_get_text (GTK_EDITABLE (self->from_row));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_row));
  g_autoptr(GError) error = NULL;
  GxPointsStatement *statement;
  GtkWidget *child;

  gtk_widget_remove_css_class (GTK_WIDGET (self->from_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  if (!gx_validate_date (from, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->from_row), "error");
      goto refused;
    }
  if (!gx_validate_date (to, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->to_row), "error");
      goto refused;
    }
  statement = gx_points_statement_new (db, self->membership_id, from, to, &error);
  if (statement == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->to_row), "error");
      goto refused;
    }

  g_clear_pointer (&self->statement, gx_points_statement_free);
  self->statement = statement;
  set_points (self->opening_row, statement->opening, FALSE);
  set_points (self->earned_row, statement->earned, TRUE);
  set_points (self->redeemed_row, statement->redeemed, TRUE);
  set_points (self->expired_row, statement->expired, TRUE);
  set_points (self->adjusted_row, statement->adjusted, TRUE);
  set_points (self->closing_row, statement->closing, FALSE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->entries_list))) != NULL)
    gtk_list_box_remove (self->entries_list, child);
  for (guint i = 0; i < statement->entries->len; i++)
    {
      GxPointsEntry *e = g_ptr_array_index (statement->entries, i);
      g_autofree char *title = gx_points_entry_describe (e);
      g_autofree char *when = gx_format_date_time (e->at, tz);
      g_autofree char *amount = g_strdup_printf ("%s%'" G_GINT64_FORMAT, e->points > 0 ? "+" : "−", ABS (e->points));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (amount);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->entries_list, row);
    }
  if (statement->entries->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No entries in this period."));
      gtk_list_box_append (self->entries_list, row);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statement.print", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statement.save-pdf", TRUE);
  return;

refused:
  gtk_label_set_label (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statement.print", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "statement.save-pdf", FALSE);
}

static void
on_period_changed_cb (GxStatementDialog *self)
{
  if (self->context != NULL)
    render (self);
}

/**
 * gx_statement_dialog_dup_markup:
 * @self: a #GxStatementDialog
 *
 * Returns: (transfer full) (nullable): the statement shown, as it prints
 */
char *
gx_statement_dialog_dup_markup (GxStatementDialog *self)
{
  g_return_val_if_fail (GX_IS_STATEMENT_DIALOG (self), NULL);

  if (self->statement == NULL)
    return NULL;
  return gx_club_statement_markup (self->context, self->membership_id, self->statement);
}

static void
print_statement (GxStatementDialog *self,
                 const char        *pdf_path)
{
  g_autofree char *markup = gx_statement_dialog_dup_markup (self);
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (markup == NULL)
    return;
  if (!gx_club_print (GTK_WINDOW (self), _("Points Statement"), markup, pdf_path, &error) &&
      parent != NULL && GX_IS_WINDOW (parent))
    gx_window_add_toast (GX_WINDOW (parent), adw_toast_new (error->message));
  else if (pdf_path != NULL && parent != NULL && GX_IS_WINDOW (parent))
    gx_window_add_toast (GX_WINDOW (parent), adw_toast_new (_("Statement saved as PDF")));
}

static void
gx_statement_dialog_print_action (GtkWidget *widget, const char *name, GVariant *param)
{
  print_statement (GX_STATEMENT_DIALOG (widget), NULL);
}

static void
on_pdf_chosen_cb (GtkNativeDialog   *chooser,
                  int                response,
                  GxStatementDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      print_statement (self, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
gx_statement_dialog_save_pdf_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GxStatementDialog *self = GX_STATEMENT_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GxMembership) m = gx_membership_load (gx_store_get_main_reader (gx_context_get_store (self->context)),
                                                  self->membership_id, NULL);
  g_autofree char *name_hint = NULL;

  chooser = gtk_file_chooser_native_new (_("Save the Statement as PDF"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  /* Translators: a file name: "statement PB26-K7-0001 2026-01-01 2026-11-22.pdf" */
  name_hint = g_strdup_printf (_("statement %s %s %s.pdf"), m ? m->member_number : "",
                               gtk_editable_get_text (GTK_EDITABLE (self->from_row)),
                               gtk_editable_get_text (GTK_EDITABLE (self->to_row)));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name_hint);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_pdf_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject */

static void
gx_statement_dialog_dispose (GObject *object)
{
  GxStatementDialog *self = (GxStatementDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_STATEMENT_DIALOG);

  G_OBJECT_CLASS (gx_statement_dialog_parent_class)->dispose (object);
}

static void
gx_statement_dialog_finalize (GObject *object)
{
  GxStatementDialog *self = (GxStatementDialog *) object;

  g_clear_object (&self->context);
  g_clear_pointer (&self->membership_id, g_free);
  g_clear_pointer (&self->statement, gx_points_statement_free);

  G_OBJECT_CLASS (gx_statement_dialog_parent_class)->finalize (object);
}

static void
gx_statement_dialog_class_init (GxStatementDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_statement_dialog_dispose;
  object_class->finalize = gx_statement_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-statement-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GxStatementDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, GxStatementDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, GxStatementDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, GxStatementDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, GxStatementDialog, opening_row);
  gtk_widget_class_bind_template_child (widget_class, GxStatementDialog, earned_row);
  gtk_widget_class_bind_template_child (widget_class, GxStatementDialog, redeemed_row);
  gtk_widget_class_bind_template_child (widget_class, GxStatementDialog, expired_row);
  gtk_widget_class_bind_template_child (widget_class, GxStatementDialog, adjusted_row);
  gtk_widget_class_bind_template_child (widget_class, GxStatementDialog, closing_row);
  gtk_widget_class_bind_template_child (widget_class, GxStatementDialog, entries_list);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed_cb);

  gtk_widget_class_install_action (widget_class, "statement.print", NULL, gx_statement_dialog_print_action);
  gtk_widget_class_install_action (widget_class, "statement.save-pdf", NULL, gx_statement_dialog_save_pdf_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "statement.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gx_statement_dialog_init (GxStatementDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * gx_statement_dialog_new:
 * @context: the desk's context
 * @membership_id: the member
 *
 * Opens on this year so far.
 *
 * Returns: (transfer floating): the dialog
 */
GtkWidget *
gx_statement_dialog_new (GxContext  *context,
                         const char *membership_id)
{
  GxStatementDialog *self;
  g_autoptr(GxMembershipDetail) detail = NULL;
  g_autofree char *today = NULL;
  g_autofree char *first = NULL;

  g_return_val_if_fail (GX_IS_CONTEXT (context), NULL);

  self = g_object_new (GX_TYPE_STATEMENT_DIALOG, NULL);
  self->membership_id = g_strdup (membership_id);
  detail = gx_membership_detail_load (gx_store_get_main_reader (gx_context_get_store (context)), membership_id, NULL);
  if (detail != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", detail->customer_name, detail->membership->member_number);
      adw_window_title_set_subtitle (self->window_title, subtitle);
    }

  today = gx_date_of (gx_clock_now (gx_context_get_clock (context)));
  first = g_strdup_printf ("%.4s-01-01", today);
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), first);
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), today);
  self->context = g_object_ref (context);
  render (self);

  return GTK_WIDGET (self);
}
