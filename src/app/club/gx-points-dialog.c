/* gx-points-dialog.c: earn, redeem or adjust a member's points
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-points-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-format.h"
#include "gx-membership.h"
#include "gx-points.h"
#include "gx-points-dialog.h"
#include "gx-window.h"

/* One dialog for the three ways points move by hand. What may be written is decided in core
 * (gx_points_parse, the points_entry rule): a refused entry keeps everything typed, marks the
 * field the rule names and says why under the form. */

struct _GxPointsDialog
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwWindowTitle     *window_title;
  GtkButton          *save_button;
  AdwPreferencesGroup *group;
  AdwComboRow        *source_row;
  AdwComboRow        *reward_row;
  AdwEntryRow        *points_row;
  AdwEntryRow        *reason_row;
  GtkLabel           *error_label;

  /* Owned */
  GxContext          *context;
  char               *membership_id;
  char               *club_id;
  GPtrArray          *reward_ids;
  GArray             *reward_costs;
  GCancellable       *cancellable;
  GxPointsDialogMode  mode;

  guint               saving : 1;
};

G_DEFINE_FINAL_TYPE (GxPointsDialog, gx_points_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  char               *membership_id;
  char               *club_id;
  char               *referred_number;   /* earning for introducing this new member */
  char               *reward_id;
  char               *reason;
  char               *user_id;
  gint64              points;
  gint64              now;
  GxPointsDialogMode  mode;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->membership_id);
  g_free (data->club_id);
  g_free (data->referred_number);
  g_free (data->reward_id);
  g_free (data->reason);
  g_free (data->user_id);
  g_free (data);
}

static gboolean
save_in_store (GxDb      *db,
               gpointer   user_data,
               GError   **error)
{
  SaveData *data = user_data;
  GxWriteMeta meta = { .now = data->now, .user_id = data->user_id };

  switch (data->mode)
    {
    case GX_POINTS_DIALOG_EARN:
      if (data->referred_number != NULL)
        {
          g_autofree char *referred = gx_membership_find_by_number (db, data->club_id, data->referred_number, error);

          return referred != NULL &&
                 gx_points_earn (db, data->membership_id, data->points, "referral", referred,
                                 data->referred_number, &meta, NULL, error);
        }
      return gx_points_earn (db, data->membership_id, data->points, NULL, NULL, data->reason, &meta, NULL, error);
    case GX_POINTS_DIALOG_REDEEM:
      return gx_points_redeem (db, data->membership_id, data->points, data->reward_id, data->reason, &meta, NULL, error);
    case GX_POINTS_DIALOG_ADJUST:
    default:
      return gx_points_adjust (db, data->membership_id, data->points, data->reason, &meta, NULL, error);
    }
}

static void
clear_marks (GxPointsDialog *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->points_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->reason_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->reward_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
show_error (GxPointsDialog *self,
            const GError   *error)
{
  const char *field = gx_record_error_get_field (error);
  GtkWidget *row = NULL;

  if (g_strcmp0 (field, "points") == 0)
    row = GTK_WIDGET (self->points_row);
  else if (g_strcmp0 (field, "reason") == 0 || g_strcmp0 (field, "source_id") == 0)
    row = GTK_WIDGET (self->reason_row);
  else if (g_strcmp0 (field, "reward_id") == 0)
    row = GTK_WIDGET (self->reward_row);

  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
  gtk_label_set_label (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GxPointsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;
  AdwToast *toast;

  self->saving = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);

  if (!gx_store_write_finish (GX_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL && GX_IS_WINDOW (parent))
    {
      toast = adw_toast_new (self->mode == GX_POINTS_DIALOG_EARN ? _("Points earned")
                             : self->mode == GX_POINTS_DIALOG_REDEEM ? _("Points redeemed")
                             : _("Points adjusted"));
      gx_window_add_toast (GX_WINDOW (parent), toast);
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
gx_points_dialog_save_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  GxPointsDialog *self = GX_POINTS_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  SaveData *data;
  guint reward;
  gint64 points;

  if (self->saving)
    return;
  clear_marks (self);

  if (!gx_points_parse (gtk_editable_get_text (GTK_EDITABLE (self->points_row)),
                        self->mode == GX_POINTS_DIALOG_ADJUST, &points, &error))
    {
      show_error (self, error);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->membership_id = g_strdup (self->membership_id);
  data->reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
  data->user_id = g_strdup (gx_context_get_user_id (self->context));
  data->now = gx_clock_now (gx_context_get_clock (self->context));
  data->points = points;
  data->mode = self->mode;
  data->club_id = g_strdup (self->club_id);
  if (self->mode == GX_POINTS_DIALOG_EARN && adw_combo_row_get_selected (self->source_row) == 1)
    data->referred_number = g_strdup (data->reason);
  reward = adw_combo_row_get_selected (self->reward_row);
  if (self->mode == GX_POINTS_DIALOG_REDEEM && reward > 0 && reward < self->reward_ids->len + 1)
    data->reward_id = g_strdup (g_ptr_array_index (self->reward_ids, reward - 1));

  self->saving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  gx_store_write_async (gx_context_get_store (self->context), save_in_store, data,
                        (GDestroyNotify) save_data_free, self->cancellable, on_saved_cb, g_object_ref (self));
}

static void
on_field_changed_cb (GxPointsDialog *self)
{
  clear_marks (self);
}

static void
on_source_selected_cb (GxPointsDialog *self)
{
  gboolean referral = adw_combo_row_get_selected (self->source_row) == 1;

  clear_marks (self);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row),
                                 referral ? _("The new member’s number") : _("Reason"));
}

static void
on_reward_selected_cb (GxPointsDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->reward_row);
  gboolean listed = selected > 0 && selected <= self->reward_costs->len;

  /* A listed reward costs what the club says; a free-text one takes the points typed. */
  if (listed)
    {
      g_autofree char *cost = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (self->reward_costs, gint64, selected - 1));
      gtk_editable_set_text (GTK_EDITABLE (self->points_row), cost);
    }
  gtk_editable_set_editable (GTK_EDITABLE (self->points_row), !listed);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row),
                                 listed ? _("Note (optional)") : _("Redeemed for"));
}

static void
load_rewards (GxPointsDialog *self,
              GxDb           *db,
              const char     *club_id)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  sqlite3_stmt *stmt;

  gtk_string_list_append (labels, _("Other — describe it below"));
  stmt = gx_db_prepare (db, "SELECT id, name, points_cost FROM rewards WHERE club_id = ? AND active = 1 ORDER BY points_cost, name", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, club_id, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 cost = sqlite3_column_int64 (stmt, 2);
          g_autofree char *n = g_strdup_printf ("%'" G_GINT64_FORMAT, cost);
          /* Translators: a reward in a list: "Longjing tea — 800 points" */
          g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %s point", "%s — %s points", (gulong) cost),
                                                    gx_db_column_text (stmt, 1), n);

          g_ptr_array_add (self->reward_ids, gx_db_dup_column (stmt, 0));
          g_array_append_val (self->reward_costs, cost);
          gtk_string_list_append (labels, label);
        }
      sqlite3_reset (stmt);
    }
  adw_combo_row_set_model (self->reward_row, G_LIST_MODEL (labels));
}

static void
load (GxPointsDialog *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  g_autoptr(GxMembershipDetail) detail = gx_membership_detail_load (db, self->membership_id, NULL);
  g_autofree char *today = gx_date_of (gx_clock_now (gx_context_get_clock (self->context)));
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;
  g_autofree char *available = NULL;
  GxPointsSummary summary = { 0 };

  if (detail == NULL)
    return;

  self->club_id = g_strdup (detail->membership->club_id);
  subtitle = g_strdup_printf ("%s · %s", detail->customer_name, detail->membership->member_number);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gx_points_summary_for (db, self->membership_id, today, 90, &summary, NULL);
  available = g_strdup_printf ("%'" G_GINT64_FORMAT, MAX (summary.available, 0));

  switch (self->mode)
    {
    case GX_POINTS_DIALOG_EARN:
      {
        g_autofree char *rule = gx_db_query_string (db, "SELECT points_expiry FROM clubs WHERE id = ?",
                                                    g_variant_new ("(s)", detail->membership->club_id), NULL);
        g_autofree char *expires_iso = gx_points_expiry_for (rule, today);
        g_autofree char *expires = gx_format_iso_date (expires_iso);

        adw_window_title_set_title (self->window_title, _("Earn Points"));
        gtk_widget_set_visible (GTK_WIDGET (self->source_row), TRUE);
        gtk_button_set_label (self->save_button, _("_Earn"));
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row), _("Reason"));
        description = expires_iso ? g_strdup_printf (_("Points earned today can be spent until %s."), expires)
                                  : g_strdup (_("Points of this club never expire."));
      }
      break;

    case GX_POINTS_DIALOG_REDEEM:
      adw_window_title_set_title (self->window_title, _("Redeem Points"));
      gtk_button_set_label (self->save_button, _("_Redeem"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row), _("Redeemed for"));
      gtk_widget_set_visible (GTK_WIDGET (self->reward_row), TRUE);
      load_rewards (self, db, detail->membership->club_id);
      /* Translators: %s is a number of points */
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s point available; the soonest-expiring are spent first.",
                                                  "%s points available; the soonest-expiring are spent first.",
                                                  (gulong) MAX (summary.available, 0)),
                                     available);
      break;

    case GX_POINTS_DIALOG_ADJUST:
    default:
      adw_window_title_set_title (self->window_title, _("Adjust Points"));
      gtk_button_set_label (self->save_button, _("_Adjust"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row), _("Reason"));
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "A correction is a new entry in the ledger; nothing is overwritten. %s point available. Type a negative number to take points back.",
                                                  "A correction is a new entry in the ledger; nothing is overwritten. %s points available. Type a negative number to take points back.",
                                                  (gulong) MAX (summary.available, 0)),
                                     available);
      break;
    }

  adw_preferences_group_set_description (self->group, description);
}

/* GObject */

static void
gx_points_dialog_dispose (GObject *object)
{
  GxPointsDialog *self = (GxPointsDialog *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_POINTS_DIALOG);

  G_OBJECT_CLASS (gx_points_dialog_parent_class)->dispose (object);
}

static void
gx_points_dialog_finalize (GObject *object)
{
  GxPointsDialog *self = (GxPointsDialog *) object;

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->membership_id, g_free);
  g_clear_pointer (&self->club_id, g_free);
  g_clear_pointer (&self->reward_ids, g_ptr_array_unref);
  g_clear_pointer (&self->reward_costs, g_array_unref);

  G_OBJECT_CLASS (gx_points_dialog_parent_class)->finalize (object);
}

static void
gx_points_dialog_class_init (GxPointsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_points_dialog_dispose;
  object_class->finalize = gx_points_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-points-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GxPointsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, GxPointsDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, GxPointsDialog, group);
  gtk_widget_class_bind_template_child (widget_class, GxPointsDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, GxPointsDialog, reward_row);
  gtk_widget_class_bind_template_child (widget_class, GxPointsDialog, points_row);
  gtk_widget_class_bind_template_child (widget_class, GxPointsDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, GxPointsDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reward_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_source_selected_cb);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, gx_points_dialog_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gx_points_dialog_init (GxPointsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->reward_ids = g_ptr_array_new_with_free_func (g_free);
  self->reward_costs = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

/**
 * gx_points_dialog_new:
 * @context: the desk's context
 * @membership_id: the member
 * @mode: earn, redeem or adjust
 *
 * Returns: (transfer floating): the dialog, to be made transient for the window and presented
 */
GtkWidget *
gx_points_dialog_new (GxContext          *context,
                      const char         *membership_id,
                      GxPointsDialogMode  mode)
{
  GxPointsDialog *self;

  g_return_val_if_fail (GX_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (membership_id != NULL, NULL);

  self = g_object_new (GX_TYPE_POINTS_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->membership_id = g_strdup (membership_id);
  self->mode = mode;
  load (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->points_row));

  return GTK_WIDGET (self);
}
