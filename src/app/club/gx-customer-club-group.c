/* gx-customer-club-group.c: a customer's club memberships, for the customer's profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customer-club-group"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-customer-club-group.h"
#include "gx-enrol-dialog.h"
#include "gx-enums.h"
#include "gx-format.h"
#include "gx-membership.h"
#include "gx-points.h"

/* The customers place puts this group on a profile (gx_customer_club_group_new(), then
 * gx_customer_club_group_set_customer_id() as the profile changes): each membership with its
 * state and points, and "Enrol…", which opens the club's enrolment for this customer. */

struct _GxCustomerClubGroup
{
  AdwPreferencesGroup parent_instance;

  /* Owned */
  GxContext          *context;
  char               *customer_id;
  GPtrArray          *rows;          /* borrowed: the rows added */
  GtkWidget          *enrol_button;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CUSTOMER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GxCustomerClubGroup, gx_customer_club_group, ADW_TYPE_PREFERENCES_GROUP)

static void
reload (GxCustomerClubGroup *self)
{
  GxDb *db;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *today = NULL;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  if (self->context == NULL || self->customer_id == NULL)
    return;

  db = gx_store_get_main_reader (gx_context_get_store (self->context));
  today = gx_date_of (gx_clock_now (gx_context_get_clock (self->context)));
  stmt = gx_db_prepare (db, "SELECT id FROM memberships WHERE customer_id = ? ORDER BY created_at", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, self->customer_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, gx_db_dup_column (stmt, 0));
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GxMembershipDetail) detail = gx_membership_detail_load (db, ids->pdata[i], NULL);
      g_autofree char *title = NULL;
      g_autofree char *why = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *points = NULL;
      GxMembershipDates dates;
      GxPointsSummary summary = { 0 };
      GtkWidget *row;

      if (detail == NULL)
        continue;

      gx_membership_get_dates (detail->membership, &dates);
      why = gx_membership_explain (&dates, today);
      gx_points_summary_for (db, ids->pdata[i], today, 90, &summary, NULL);
      points = g_strdup_printf ("%'" G_GINT64_FORMAT, summary.available);
      title = g_strdup_printf ("%s · %s", detail->club_name, detail->tier_label);
      /* Translators: "PB26-K7-0042 · 1,200 points · Active until Oct 31, 2027 (…)." */
      subtitle = g_strdup_printf (ngettext ("%s · %s point · %s", "%s · %s points · %s", (gulong) ABS (summary.available)),
                                  detail->membership->member_number, points, why);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  if (self->rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Not a club member"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Enrol them to give them a member number, a tier and points."));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
on_store_changed_cb (GxCustomerClubGroup *self,
                     const char          *table)
{
  if (g_strcmp0 (table, "memberships") == 0 || g_strcmp0 (table, "points_ledger") == 0 ||
      g_strcmp0 (table, "club_tiers") == 0 || g_strcmp0 (table, "clubs") == 0)
    reload (self);
}

static void
on_enrol_clicked_cb (GxCustomerClubGroup *self)
{
  GtkWidget *dialog;

  if (self->customer_id == NULL)
    return;
  dialog = gx_enrol_dialog_new (self->context, self->customer_id, NULL);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
gx_customer_club_group_set_customer_id (GxCustomerClubGroup *self,
                                        const char          *customer_id)
{
  g_return_if_fail (GX_IS_CUSTOMER_CLUB_GROUP (self));

  if (g_strcmp0 (self->customer_id, customer_id) == 0)
    return;
  g_free (self->customer_id);
  self->customer_id = g_strdup (customer_id);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
}

const char *
gx_customer_club_group_get_customer_id (GxCustomerClubGroup *self)
{
  g_return_val_if_fail (GX_IS_CUSTOMER_CLUB_GROUP (self), NULL);

  return self->customer_id;
}

static void
gx_customer_club_group_dispose (GObject *object)
{
  GxCustomerClubGroup *self = (GxCustomerClubGroup *) object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_customer_club_group_parent_class)->dispose (object);
}

static void
gx_customer_club_group_finalize (GObject *object)
{
  GxCustomerClubGroup *self = (GxCustomerClubGroup *) object;

  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (gx_customer_club_group_parent_class)->finalize (object);
}

static void
gx_customer_club_group_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GxCustomerClubGroup *self = GX_CUSTOMER_CLUB_GROUP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_string (value, self->customer_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_customer_club_group_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  GxCustomerClubGroup *self = GX_CUSTOMER_CLUB_GROUP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      if (self->context != NULL)
        g_signal_connect_object (gx_context_get_store (self->context), "changed",
                                 G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
      reload (self);
      break;
    case PROP_CUSTOMER_ID:
      gx_customer_club_group_set_customer_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_customer_club_group_class_init (GxCustomerClubGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gx_customer_club_group_dispose;
  object_class->finalize = gx_customer_club_group_finalize;
  object_class->get_property = gx_customer_club_group_get_property;
  object_class->set_property = gx_customer_club_group_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_string ("customer-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gx_customer_club_group_init (GxCustomerClubGroup *self)
{
  self->rows = g_ptr_array_new ();

  /* A group with one button in its header: built here rather than from a template. */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Club Memberships"));
  self->enrol_button = gtk_button_new_with_mnemonic (_("_Enrol…"));
  gtk_widget_set_tooltip_text (self->enrol_button, _("Enrol this customer in a club"));
  g_signal_connect_object (self->enrol_button, "clicked", G_CALLBACK (on_enrol_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), self->enrol_button);
}

/**
 * gx_customer_club_group_new:
 * @context: the desk's context
 *
 * Returns: (transfer floating): the group; set the customer with
 *   gx_customer_club_group_set_customer_id()
 */
GtkWidget *
gx_customer_club_group_new (GxContext *context)
{
  g_return_val_if_fail (GX_IS_CONTEXT (context), NULL);

  return g_object_new (GX_TYPE_CUSTOMER_CLUB_GROUP, "context", context, NULL);
}
