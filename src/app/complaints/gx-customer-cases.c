/* gx-customer-cases.c: a customer's complaint cases, for the customer's profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customer-cases"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-case-intake-dialog.h"
#include "gx-case.h"
#include "gx-customer-cases.h"
#include "gx-enums.h"
#include "gx-format.h"

/* The Customers place shows this group on a profile: every case of the customer, newest
 * first, each with its status and where it stands against its deadline; a row opens the
 * case in Complaints (app.show-case), "New Complaint" opens the intake form with the
 * customer filled in. */

#define MAX_SHOWN 20

struct _GxCustomerCases
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  AdwActionRow        *none_row;

  /* Owned */
  GxContext           *context;
  char                *customer_id;
  GPtrArray           *rows;
  guint                reload_source;
  guint                n_cases;
};

G_DEFINE_FINAL_TYPE (GxCustomerCases, gx_customer_cases, GTK_TYPE_WIDGET)

static void
fill (GxCustomerCases *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  gint64 now = gx_clock_now (gx_context_get_clock (self->context));
  sqlite3_stmt *stmt;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  self->n_cases = 0;

  if (self->customer_id != NULL &&
      (stmt = gx_db_prepare (db,
                             "SELECT id, number, subject, status, ack_due_at, acknowledged_at, resolve_due_at,"
                             "       resolve_warn_at, resolved_at, received_at,"
                             "       (SELECT count(*) FROM cases WHERE customer_id = ?1)"
                             "  FROM cases WHERE customer_id = ?1 ORDER BY received_at DESC LIMIT ?2",
                             NULL)) != NULL)
    {
      sqlite3_bind_text (stmt, 1, self->customer_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, MAX_SHOWN);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *state = gtk_label_new (NULL);
          g_autofree char *words = NULL;
          g_autofree char *received = gx_format_date (sqlite3_column_int64 (stmt, 9), NULL);
          g_autofree char *subtitle = NULL;
          const char *status = gx_db_column_text (stmt, 3);
          GxDeadlineState deadline;

          deadline = gx_case_deadline (status, sqlite3_column_int64 (stmt, 4), sqlite3_column_int64 (stmt, 5),
                                       sqlite3_column_int64 (stmt, 6), sqlite3_column_int64 (stmt, 7),
                                       sqlite3_column_int64 (stmt, 8), now, &words);
          /* Translators: case number · status · date received */
          subtitle = g_strdup_printf (_("%s · %s · %s"), gx_db_column_text (stmt, 1),
                                      gx_vocab_label (GX_VOCAB_CASE_STATUS, status), received);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gx_db_column_text (stmt, 2));
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          gtk_label_set_label (GTK_LABEL (state), words);
          gtk_widget_add_css_class (state, "gx-badge");
          if (gx_deadline_style_class (deadline) != NULL && g_strcmp0 (status, "closed") != 0)
            gtk_widget_add_css_class (state, gx_deadline_style_class (deadline));
          gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
          gtk_widget_set_visible (state, words != NULL && *words != '\0');
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.show-case");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", gx_db_column_text (stmt, 0));
          adw_preferences_group_add (self->group, row);
          g_ptr_array_add (self->rows, row);
          self->n_cases = (guint) sqlite3_column_int (stmt, 10);
        }
      sqlite3_reset (stmt);
    }

  if (self->n_cases > MAX_SHOWN)
    {
      g_autofree char *count = gx_format_count (self->n_cases);
      /* Translators: %s is a number of cases */
      g_autofree char *text = g_strdup_printf (_("The latest %d of %s complaints"), MAX_SHOWN, count);
      adw_preferences_group_set_description (self->group, text);
    }
  else
    adw_preferences_group_set_description (self->group, NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->none_row), self->n_cases == 0);
}

static gboolean
reload_idle_cb (gpointer data)
{
  GxCustomerCases *self = data;

  self->reload_source = 0;
  fill (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (GxCustomerCases *self,
                     const char      *table)
{
  if (self->customer_id != NULL && g_strcmp0 (table, "cases") == 0 && self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_DEFAULT, reload_idle_cb, self, NULL);
}

static void
gx_customer_cases_new_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  GxCustomerCases *self = GX_CUSTOMER_CASES (widget);
  GtkWidget *dialog = gx_case_intake_dialog_new (self->context, self->customer_id);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
gx_customer_cases_dispose (GObject *object)
{
  GxCustomerCases *self = (GxCustomerCases *) object;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_CUSTOMER_CASES);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_customer_cases_parent_class)->dispose (object);
}

static void
gx_customer_cases_finalize (GObject *object)
{
  GxCustomerCases *self = (GxCustomerCases *) object;

  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (gx_customer_cases_parent_class)->finalize (object);
}

static void
gx_customer_cases_class_init (GxCustomerCasesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_customer_cases_dispose;
  object_class->finalize = gx_customer_cases_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-customer-cases.ui");
  gtk_widget_class_bind_template_child (widget_class, GxCustomerCases, group);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerCases, none_row);

  gtk_widget_class_install_action (widget_class, "customer-cases.new", NULL, gx_customer_cases_new_action);
}

static void
gx_customer_cases_init (GxCustomerCases *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

/**
 * gx_customer_cases_new:
 * @context: the desk's context
 *
 * Returns: (transfer floating): the group; give it a customer with
 *   gx_customer_cases_set_customer_id()
 */
GtkWidget *
gx_customer_cases_new (GxContext *context)
{
  GxCustomerCases *self;

  g_return_val_if_fail (GX_IS_CONTEXT (context), NULL);

  self = g_object_new (GX_TYPE_CUSTOMER_CASES, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (gx_context_get_store (context), "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

/**
 * gx_customer_cases_set_customer_id:
 * @self: a #GxCustomerCases
 * @customer_id: (nullable): the customer whose cases to show
 */
void
gx_customer_cases_set_customer_id (GxCustomerCases *self,
                                   const char      *customer_id)
{
  g_return_if_fail (GX_IS_CUSTOMER_CASES (self));

  if (g_strcmp0 (self->customer_id, customer_id) == 0)
    return;

  g_free (self->customer_id);
  self->customer_id = g_strdup (customer_id);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customer-cases.new", customer_id != NULL);
  fill (self);
}

const char *
gx_customer_cases_get_customer_id (GxCustomerCases *self)
{
  g_return_val_if_fail (GX_IS_CUSTOMER_CASES (self), NULL);

  return self->customer_id;
}

/**
 * gx_customer_cases_get_n_cases:
 * @self: a #GxCustomerCases
 *
 * Returns: how many cases the customer has
 */
guint
gx_customer_cases_get_n_cases (GxCustomerCases *self)
{
  g_return_val_if_fail (GX_IS_CUSTOMER_CASES (self), 0);

  return self->n_cases;
}
