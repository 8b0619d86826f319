/* gx-tier-review-dialog.c: who qualifies for another tier, applied after confirmation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-tier-review-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-club.h"
#include "gx-enums.h"
#include "gx-format.h"
#include "gx-membership.h"
#include "gx-tier-review-dialog.h"
#include "gx-window.h"

/* The review itself is core's (gx_tier_review): this shows its proposals, lets the
 * relationship manager untick any, and applies the rest in one transaction, logged. */

struct _GxTierReviewDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *apply_button;
  GtkStack            *stack;
  AdwPreferencesGroup *group;
  GtkListBox          *list;

  /* Owned */
  GxContext           *context;
  char                *club_id;
  char                *today;
  GPtrArray           *proposals;   /* GxTierProposal */
  GPtrArray           *checks;      /* borrowed GtkCheckButton, parallel */
};

G_DEFINE_FINAL_TYPE (GxTierReviewDialog, gx_tier_review_dialog, ADW_TYPE_WINDOW)

static guint
count_chosen (GxTierReviewDialog *self)
{
  guint n = 0;

  for (guint i = 0; i < self->checks->len; i++)
    n += gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
  return n;
}

static void
on_check_toggled_cb (GxTierReviewDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.apply", count_chosen (self) > 0);
}

static void
load (GxTierReviewDialog *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *description = NULL;
  g_autofree char *club = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->checks, 0);
  g_clear_pointer (&self->proposals, g_ptr_array_unref);

  club = gx_db_query_string (db, "SELECT name FROM clubs WHERE id = ?", g_variant_new ("(s)", self->club_id), NULL);
  adw_window_title_set_subtitle (self->window_title, club ? club : "");

  gx_tier_review_period (self->today, &from, &to);
  from_text = gx_format_iso_date (from);
  to_text = gx_format_iso_date (to);
  /* Translators: "Points earned from Nov 23, 2025 to Nov 22, 2026, and each member's assets band." */
  description = g_strdup_printf (_("By the points earned from %s to %s and each member’s assets band. Untick a change to leave that member as they are."),
                                 from_text, to_text);
  adw_preferences_group_set_description (self->group, description);

  self->proposals = gx_tier_review (db, self->club_id, self->today, &error);
  if (self->proposals == NULL)
    self->proposals = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_tier_proposal_free);

  for (guint i = 0; i < self->proposals->len; i++)
    {
      GxTierProposal *p = g_ptr_array_index (self->proposals, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *title = g_strdup_printf ("%s · %s", p->name, p->member_number);
      g_autofree char *points = g_strdup_printf ("%'" G_GINT64_FORMAT, p->points);
      g_autofree char *subtitle = NULL;

      /* Translators: "Up: Silver → Gold · 6,000 points earned · ¥6–30 million" */
      subtitle = g_strdup_printf (p->upgrade ? _("Up: %s → %s · %s points earned · %s")
                                             : _("Down: %s → %s · %s points earned · %s"),
                                  p->from_tier_name, p->to_tier_name, points,
                                  p->assets_band && *p->assets_band ? gx_vocab_label (GX_VOCAB_ASSETS_BAND, p->assets_band)
                                                                    : _("assets band not recorded"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->list, row);
      g_ptr_array_add (self->checks, check);
    }

  gtk_stack_set_visible_child_name (self->stack, self->proposals->len > 0 ? "proposals" : "empty");
  gtk_widget_set_visible (GTK_WIDGET (self->apply_button), self->proposals->len > 0);
  on_check_toggled_cb (self);
}

typedef struct
{
  GPtrArray *all;        /* keeps the proposals alive */
  GPtrArray *chosen;
  char      *today;
  char      *user_id;
  gint64     now;
} ApplyData;

static void
apply_data_free (ApplyData *data)
{
  g_ptr_array_unref (data->all);
  g_ptr_array_unref (data->chosen);
  g_free (data->today);
  g_free (data->user_id);
  g_free (data);
}

static gboolean
apply_in_store (GxDb      *db,
                gpointer   user_data,
                GError   **error)
{
  ApplyData *data = user_data;
  GxWriteMeta meta = { .now = data->now, .user_id = data->user_id };

  return gx_tier_review_apply (db, data->chosen, data->today, &meta, error);
}

static void
on_applied_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GxTierReviewDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (!gx_store_write_finish (GX_STORE (source), result, &error))
    {
      if (parent != NULL && GX_IS_WINDOW (parent))
        gx_window_add_toast (GX_WINDOW (parent), adw_toast_new (error->message));
      load (self);
      return;
    }

  if (parent != NULL && GX_IS_WINDOW (parent))
    gx_window_add_toast (GX_WINDOW (parent), adw_toast_new (_("Tier changes applied and logged")));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_confirm_response_cb (AdwMessageDialog   *dialog,
                        const char         *response,
                        GxTierReviewDialog *self)
{
  ApplyData *data;

  if (g_strcmp0 (response, "apply") != 0)
    return;

  data = g_new0 (ApplyData, 1);
  data->all = g_ptr_array_ref (self->proposals);
  data->chosen = g_ptr_array_new ();
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_ptr_array_add (data->chosen, g_ptr_array_index (self->proposals, i));
  data->today = g_strdup (self->today);
  data->user_id = g_strdup (gx_context_get_user_id (self->context));
  data->now = gx_clock_now (gx_context_get_clock (self->context));

  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), FALSE);
  gx_store_write_async (gx_context_get_store (self->context), apply_in_store, data,
                        (GDestroyNotify) apply_data_free, NULL, on_applied_cb, g_object_ref (self));
}

static void
gx_tier_review_dialog_apply_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GxTierReviewDialog *self = GX_TIER_REVIEW_DIALOG (widget);
  guint n = count_chosen (self);
  g_autofree char *body = g_strdup_printf (ngettext ("%u member moves to another tier. Each change is logged in the member’s history.",
                                                     "%u members move to another tier. Each change is logged in the member’s history.", n), n);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Apply the Tier Changes?"), body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "apply", _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
gx_tier_review_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GX_TYPE_TIER_REVIEW_DIALOG);

  G_OBJECT_CLASS (gx_tier_review_dialog_parent_class)->dispose (object);
}

static void
gx_tier_review_dialog_finalize (GObject *object)
{
  GxTierReviewDialog *self = (GxTierReviewDialog *) object;

  g_clear_object (&self->context);
  g_clear_pointer (&self->club_id, g_free);
  g_clear_pointer (&self->today, g_free);
  g_clear_pointer (&self->proposals, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (gx_tier_review_dialog_parent_class)->finalize (object);
}

static void
gx_tier_review_dialog_class_init (GxTierReviewDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_tier_review_dialog_dispose;
  object_class->finalize = gx_tier_review_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-tier-review-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GxTierReviewDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, GxTierReviewDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, GxTierReviewDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GxTierReviewDialog, group);
  gtk_widget_class_bind_template_child (widget_class, GxTierReviewDialog, list);

  gtk_widget_class_install_action (widget_class, "review.apply", NULL, gx_tier_review_dialog_apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gx_tier_review_dialog_init (GxTierReviewDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_ptr_array_new ();
}

/**
 * gx_tier_review_dialog_new:
 * @context: the desk's context
 * @club_id: the club reviewed
 *
 * Returns: (transfer floating): the dialog
 */
GtkWidget *
gx_tier_review_dialog_new (GxContext  *context,
                           const char *club_id)
{
  GxTierReviewDialog *self;

  g_return_val_if_fail (GX_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (club_id != NULL, NULL);

  self = g_object_new (GX_TYPE_TIER_REVIEW_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->club_id = g_strdup (club_id);
  self->today = gx_date_of (gx_clock_now (gx_context_get_clock (context)));
  load (self);

  return GTK_WIDGET (self);
}
