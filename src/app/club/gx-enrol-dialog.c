/* gx-enrol-dialog.c: enrol a customer in a club — from the club or from a customer's profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-enrol-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-enrol-dialog.h"
#include "gx-membership.h"
#include "gx-search.h"
#include "gx-validate.h"
#include "gx-window.h"

/* The customers place opens this with the profile's customer (gx_enrol_dialog_new() with a
 * customer id): the search is then hidden. The member number is made by core when the
 * enrolment is saved, by the club's pattern. */

#define MAX_RESULTS 8

struct _GxEnrolDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkButton      *save_button;
  AdwActionRow   *customer_row;
  AdwEntryRow    *search_row;
  GtkListBox     *results_list;
  AdwComboRow    *club_row;
  AdwComboRow    *tier_row;
  AdwEntryRow    *joined_row;
  GtkSwitch      *applicant_switch;
  AdwEntryRow    *sponsor_row;
  AdwPreferencesGroup *circles_group;
  GtkListBox     *circles_list;
  GtkLabel       *error_label;

  /* Owned */
  GxContext      *context;
  char           *customer_id;
  GPtrArray      *club_ids;
  GPtrArray      *tier_ids;
  GPtrArray      *circle_ids;
  GPtrArray      *circle_checks;   /* borrowed GtkCheckButtons, parallel to circle_ids */
  GCancellable   *cancellable;

  guint           saving : 1;
};

G_DEFINE_FINAL_TYPE (GxEnrolDialog, gx_enrol_dialog, ADW_TYPE_WINDOW)

enum {
  ENROLLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_marks (GxEnrolDialog *self)
{
  GtkWidget *rows[6];

  /* Rows are unselected while the dialog is taken apart: nothing to clear then. */
  if (self->search_row == NULL || self->error_label == NULL)
    return;

  rows[0] = GTK_WIDGET (self->search_row);
  rows[1] = GTK_WIDGET (self->club_row);
  rows[2] = GTK_WIDGET (self->tier_row);
  rows[3] = GTK_WIDGET (self->joined_row);
  rows[4] = GTK_WIDGET (self->sponsor_row);
  rows[5] = GTK_WIDGET (self->circles_list);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (rows[i], "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
show_error (GxEnrolDialog *self,
            const char    *field,
            const char    *message)
{
  GtkWidget *row = NULL;

  if (g_strcmp0 (field, "customer_id") == 0)
    row = GTK_WIDGET (self->search_row);
  else if (g_strcmp0 (field, "club_id") == 0)
    row = GTK_WIDGET (self->club_row);
  else if (g_strcmp0 (field, "tier_id") == 0)
    row = GTK_WIDGET (self->tier_row);
  else if (g_strcmp0 (field, "joined_on") == 0 || g_strcmp0 (field, "applied_on") == 0)
    row = GTK_WIDGET (self->joined_row);
  else if (g_strcmp0 (field, "sponsor_id") == 0)
    row = GTK_WIDGET (self->sponsor_row);
  else if (g_strcmp0 (field, "circle_id") == 0)
    row = GTK_WIDGET (self->circles_list);

  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      if (gtk_widget_get_visible (row))
        gtk_widget_grab_focus (row);
    }
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static const char *
selected_of (AdwComboRow *row,
             GPtrArray   *ids)
{
  guint selected = adw_combo_row_get_selected (row);

  return ids != NULL && selected < ids->len ? g_ptr_array_index (ids, selected) : NULL;
}

/* Customer search */

static void
on_search_changed_cb (GxEnrolDialog *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_row));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autoptr(GVariant) params = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *sql = NULL;
  GtkWidget *child;
  sqlite3_stmt *stmt;

  clear_marks (self);
  g_clear_pointer (&self->customer_id, g_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
  if (*trimmed == '\0')
    return;

  /* The customer list's own search, the first few in name order. */
  keys = gx_search_customers (text, &params);
  sql = g_strdup_printf ("SELECT c.id, c.name, c.number FROM customers c WHERE c.rowid IN (%s LIMIT %d)"
                         " ORDER BY c.sort_key", keys, MAX_RESULTS);
  stmt = gx_db_prepare (db, sql, NULL);
  if (stmt == NULL || !gx_db_bind_variant (stmt, params, NULL))
    return;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gx_db_column_text (stmt, 1));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gx_db_column_text (stmt, 2));
      g_object_set_data_full (G_OBJECT (row), "customer-id", gx_db_dup_column (stmt, 0), g_free);
      gtk_list_box_append (self->results_list, row);
    }
  sqlite3_reset (stmt);

  if (gtk_widget_get_first_child (GTK_WIDGET (self->results_list)) == NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No customer matches"));
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->results_list, row);
    }
}

static void
on_result_selected_cb (GxEnrolDialog *self,
                       GtkListBoxRow *row)
{
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  g_clear_pointer (&self->customer_id, g_free);
  if (row != NULL)
    self->customer_id = g_strdup (g_object_get_data (G_OBJECT (row), "customer-id"));
  clear_marks (self);
}

/* Club, tiers, circles */

static void
fill_tiers_and_circles (GxEnrolDialog *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  const char *club_id = selected_of (self->club_row, self->club_ids);
  g_autoptr(GtkStringList) tiers = gtk_string_list_new (NULL);
  GtkWidget *child;
  sqlite3_stmt *stmt;

  g_ptr_array_set_size (self->tier_ids, 0);
  g_ptr_array_set_size (self->circle_ids, 0);
  g_ptr_array_set_size (self->circle_checks, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->circles_list))) != NULL)
    gtk_list_box_remove (self->circles_list, child);

  /* Lowest tier first: where new members usually start. */
  stmt = gx_db_prepare (db, "SELECT id, name, code FROM club_tiers WHERE club_id = ? ORDER BY rank", NULL);
  sqlite3_bind_text (stmt, 1, club_id ? club_id : "", -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *label = gx_tier_label (gx_db_column_text (stmt, 2), gx_db_column_text (stmt, 1));
      g_ptr_array_add (self->tier_ids, gx_db_dup_column (stmt, 0));
      gtk_string_list_append (tiers, label);
    }
  sqlite3_reset (stmt);
  adw_combo_row_set_model (self->tier_row, G_LIST_MODEL (tiers));

  stmt = gx_db_prepare (db, "SELECT id, name, description FROM circles WHERE club_id = ? ORDER BY name", NULL);
  sqlite3_bind_text (stmt, 1, club_id ? club_id : "", -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gx_db_column_text (stmt, 1));
      if (*gx_db_column_text (stmt, 2))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), gx_db_column_text (stmt, 2));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, gx_db_column_text (stmt, 1), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->circles_list, row);
      g_ptr_array_add (self->circle_ids, gx_db_dup_column (stmt, 0));
      g_ptr_array_add (self->circle_checks, check);
    }
  sqlite3_reset (stmt);
  gtk_widget_set_visible (GTK_WIDGET (self->circles_group), self->circle_ids->len > 0);
}

static void
on_club_selected_cb (GxEnrolDialog *self)
{
  clear_marks (self);
  fill_tiers_and_circles (self);
}

static void
on_field_changed_cb (GxEnrolDialog *self)
{
  clear_marks (self);
}

static void
on_applicant_toggled_cb (GxEnrolDialog *self)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->joined_row),
                                 gtk_switch_get_active (self->applicant_switch) ? _("Applied on (YYYY-MM-DD)")
                                                                                : _("Joins on (YYYY-MM-DD)"));
}

/* Saving */

typedef struct
{
  GxEnrolment  enrolment;
  char        *customer_id;
  char        *club_id;
  char        *tier_id;
  char        *date;
  char        *sponsor_number;
  GStrv        circles;
  char        *user_id;
  gint64       now;
  gboolean     applicant;
  char        *membership_id;   /* out */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->customer_id);
  g_free (data->club_id);
  g_free (data->tier_id);
  g_free (data->date);
  g_free (data->sponsor_number);
  g_strfreev (data->circles);
  g_free (data->user_id);
  g_free (data->membership_id);
  g_free (data);
}

static gboolean
save_in_store (GxDb      *db,
               gpointer   user_data,
               GError   **error)
{
  SaveData *data = user_data;
  GxWriteMeta meta = { .now = data->now, .user_id = data->user_id };
  g_autofree char *sponsor_id = NULL;

  if (data->sponsor_number != NULL)
    {
      sponsor_id = gx_membership_find_sponsor (db, data->club_id, data->sponsor_number, error);
      if (sponsor_id == NULL)
        return FALSE;
    }

  data->enrolment = (GxEnrolment) {
    .customer_id = data->customer_id,
    .club_id = data->club_id,
    .tier_id = data->tier_id,
    .applied_on = data->date,
    .joined_on = data->applicant ? NULL : data->date,
    .sponsor_id = sponsor_id,
    .circle_ids = (const char * const *) data->circles,
  };
  g_clear_pointer (&data->membership_id, g_free);
  return gx_membership_enrol (db, &data->enrolment, &meta, &data->membership_id, error);
}

typedef struct
{
  GxEnrolDialog *self;
  SaveData      *data;
} SaveCall;

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GxEnrolDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  SaveData *data = g_object_get_data (G_OBJECT (self), "gx-save");
  g_autofree char *membership_id = NULL;
  GtkWindow *parent;

  self->saving = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);

  if (!gx_store_write_finish (GX_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, gx_record_error_get_field (error), error->message);
      return;
    }

  membership_id = g_strdup (data->membership_id);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL && GX_IS_WINDOW (parent))
    {
      GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
      g_autofree char *number = gx_db_query_string (db, "SELECT member_number FROM memberships WHERE id = ?",
                                                    g_variant_new ("(s)", membership_id), NULL);
      /* Translators: %s is the new member number */
      g_autofree char *text = g_strdup_printf (_("Enrolled as member %s"), number ? number : "");
      gx_window_add_toast (GX_WINDOW (parent), adw_toast_new (text));
    }

  g_signal_emit (self, signals[ENROLLED], 0, membership_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
gx_enrol_dialog_save_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  GxEnrolDialog *self = GX_ENROL_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) circles = g_strv_builder_new ();
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->joined_row))));
  g_autofree char *sponsor = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->sponsor_row))));
  SaveData *data;

  if (self->saving)
    return;
  clear_marks (self);

  if (self->customer_id == NULL)
    {
      show_error (self, "customer_id", _("Choose the customer who joins: search, then pick them in the list."));
      return;
    }
  if (selected_of (self->club_row, self->club_ids) == NULL)
    {
      show_error (self, "club_id", _("Choose the club to join."));
      return;
    }
  if (!gx_validate_date (date, &error))
    {
      show_error (self, "joined_on", error->message);
      return;
    }

  for (guint i = 0; i < self->circle_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->circle_checks, i)))
      g_strv_builder_add (circles, g_ptr_array_index (self->circle_ids, i));

  data = g_new0 (SaveData, 1);
  data->customer_id = g_strdup (self->customer_id);
  data->club_id = g_strdup (selected_of (self->club_row, self->club_ids));
  data->tier_id = g_strdup (selected_of (self->tier_row, self->tier_ids));
  data->date = g_steal_pointer (&date);
  data->sponsor_number = *sponsor ? g_steal_pointer (&sponsor) : NULL;
  data->circles = g_strv_builder_end (circles);
  data->user_id = g_strdup (gx_context_get_user_id (self->context));
  data->now = gx_clock_now (gx_context_get_clock (self->context));
  data->applicant = gtk_switch_get_active (self->applicant_switch);

  /* The dialog keeps the data to read the new id when the write is done. */
  g_object_set_data_full (G_OBJECT (self), "gx-save", data, (GDestroyNotify) save_data_free);
  self->saving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  gx_store_write_async (gx_context_get_store (self->context), save_in_store, data, NULL,
                        self->cancellable, on_saved_cb, g_object_ref (self));
}

static void
load (GxEnrolDialog *self,
      const char    *club_id)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  g_autoptr(GtkStringList) clubs = gtk_string_list_new (NULL);
  g_autofree char *today = gx_date_of (gx_clock_now (gx_context_get_clock (self->context)));
  sqlite3_stmt *stmt;
  guint chosen = 0;

  if (self->customer_id != NULL)
    {
      g_autofree char *name = gx_db_query_string (db, "SELECT name || ' · ' || number FROM customers WHERE id = ?",
                                                  g_variant_new ("(s)", self->customer_id), NULL);
      adw_action_row_set_subtitle (self->customer_row, name ? name : "");
      gtk_widget_set_visible (GTK_WIDGET (self->customer_row), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->search_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->results_list), FALSE);
    }

  stmt = gx_db_prepare (db, "SELECT id, name FROM clubs ORDER BY name", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (g_strcmp0 (club_id, gx_db_column_text (stmt, 0)) == 0)
        chosen = self->club_ids->len;
      g_ptr_array_add (self->club_ids, gx_db_dup_column (stmt, 0));
      gtk_string_list_append (clubs, gx_db_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  g_signal_handlers_block_by_func (self->club_row, on_club_selected_cb, self);
  adw_combo_row_set_model (self->club_row, G_LIST_MODEL (clubs));
  adw_combo_row_set_selected (self->club_row, chosen);
  g_signal_handlers_unblock_by_func (self->club_row, on_club_selected_cb, self);
  fill_tiers_and_circles (self);

  gtk_editable_set_text (GTK_EDITABLE (self->joined_row), today);
}

/* GObject */

static void
gx_enrol_dialog_dispose (GObject *object)
{
  GxEnrolDialog *self = (GxEnrolDialog *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_ENROL_DIALOG);

  G_OBJECT_CLASS (gx_enrol_dialog_parent_class)->dispose (object);
}

static void
gx_enrol_dialog_finalize (GObject *object)
{
  GxEnrolDialog *self = (GxEnrolDialog *) object;

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->club_ids, g_ptr_array_unref);
  g_clear_pointer (&self->tier_ids, g_ptr_array_unref);
  g_clear_pointer (&self->circle_ids, g_ptr_array_unref);
  g_clear_pointer (&self->circle_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (gx_enrol_dialog_parent_class)->finalize (object);
}

static void
gx_enrol_dialog_class_init (GxEnrolDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_enrol_dialog_dispose;
  object_class->finalize = gx_enrol_dialog_finalize;

  /**
   * GxEnrolDialog::enrolled:
   * @self: the dialog
   * @membership_id: the new (or rejoined) membership
   *
   * Emitted when the enrolment is committed, just before the dialog closes.
   */
  signals[ENROLLED] = g_signal_new ("enrolled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-enrol-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GxEnrolDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, GxEnrolDialog, customer_row);
  gtk_widget_class_bind_template_child (widget_class, GxEnrolDialog, search_row);
  gtk_widget_class_bind_template_child (widget_class, GxEnrolDialog, results_list);
  gtk_widget_class_bind_template_child (widget_class, GxEnrolDialog, club_row);
  gtk_widget_class_bind_template_child (widget_class, GxEnrolDialog, tier_row);
  gtk_widget_class_bind_template_child (widget_class, GxEnrolDialog, joined_row);
  gtk_widget_class_bind_template_child (widget_class, GxEnrolDialog, applicant_switch);
  gtk_widget_class_bind_template_child (widget_class, GxEnrolDialog, sponsor_row);
  gtk_widget_class_bind_template_child (widget_class, GxEnrolDialog, circles_group);
  gtk_widget_class_bind_template_child (widget_class, GxEnrolDialog, circles_list);
  gtk_widget_class_bind_template_child (widget_class, GxEnrolDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_result_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_club_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_applicant_toggled_cb);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, gx_enrol_dialog_save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "dialog.save", NULL);
}

static void
gx_enrol_dialog_init (GxEnrolDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->club_ids = g_ptr_array_new_with_free_func (g_free);
  self->tier_ids = g_ptr_array_new_with_free_func (g_free);
  self->circle_ids = g_ptr_array_new_with_free_func (g_free);
  self->circle_checks = g_ptr_array_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

/**
 * gx_enrol_dialog_new:
 * @context: the desk's context
 * @customer_id: (nullable): the customer who joins — a profile passes its own; %NULL lets the
 *   user search for one
 * @club_id: (nullable): the club chosen at first
 *
 * The dialog emits #GxEnrolDialog::enrolled with the membership's id when it is saved, and
 * shows a toast with the new member number when its transient parent is the main window.
 *
 * Returns: (transfer floating): the dialog, to be made transient for the window and presented
 */
GtkWidget *
gx_enrol_dialog_new (GxContext  *context,
                     const char *customer_id,
                     const char *club_id)
{
  GxEnrolDialog *self;

  g_return_val_if_fail (GX_IS_CONTEXT (context), NULL);

  self = g_object_new (GX_TYPE_ENROL_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->customer_id = g_strdup (customer_id);
  load (self, club_id);
  gtk_widget_grab_focus (customer_id ? GTK_WIDGET (self->club_row) : GTK_WIDGET (self->search_row));

  return GTK_WIDGET (self);
}
