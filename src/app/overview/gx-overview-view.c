/* gx-overview-view.c: the supervisor's figures at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-overview-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-context.h"
#include "gx-format.h"
#include "gx-overview.h"
#include "gx-overview-view.h"

struct _GxOverviewView
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkLabel      *date_label;
  GtkLabel      *open_cases_value;
  GtkLabel      *overdue_cases_value;
  GtkLabel      *escalated_cases_value;
  GtkLabel      *in_review_cases_value;
  GtkLabel      *return_visits_due_value;
  GtkLabel      *satisfaction_value;
  GtkLabel      *customers_value;
  GtkLabel      *confidential_customers_value;
  GtkLabel      *follow_ups_due_value;
  GtkLabel      *members_value;
  GtkLabel      *new_members_this_month_value;
  GtkLabel      *upcoming_activities_value;
  GtkLabel      *points_pending_activities_value;

  /* Owned */
  GxContext     *context;
  GCancellable  *cancellable;
  guint          refresh_source;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The tables the figures are computed from. */
static const char * const watched_tables[] = {
  "customers", "contact_log", "cases", "return_visits", "memberships", "activities", NULL
};

G_DEFINE_FINAL_TYPE (GxOverviewView, gx_overview_view, GTK_TYPE_WIDGET)

static void
set_count (GtkLabel *label,
           gint64    n)
{
  g_autofree char *text = gx_format_count ((guint) n);

  gtk_label_set_label (label, text);
}

static void
show_figures (GxOverviewView   *self,
              const GxOverview *figures)
{
  const GxOverview f = *figures;
  g_autofree char *satisfaction = NULL;

  set_count (self->open_cases_value, f.open_cases);
  set_count (self->overdue_cases_value, f.overdue_cases);
  set_count (self->escalated_cases_value, f.escalated_cases);
  set_count (self->in_review_cases_value, f.in_review_cases);
  set_count (self->return_visits_due_value, f.return_visits_due);
  set_count (self->customers_value, f.members);
  set_count (self->confidential_customers_value, f.confidential_customers);
  set_count (self->follow_ups_due_value, f.follow_ups_due);
  set_count (self->members_value, f.members);
  set_count (self->new_members_this_month_value, f.new_members);
  set_count (self->upcoming_activities_value, f.activities_planned);
  set_count (self->points_pending_activities_value, f.points_due_activities);

  if (f.visits > 0)
    /* Translators: a mean score out of 5, e.g. "4.3 / 5" */
    satisfaction = g_strdup_printf (_("%.1f / 5"), f.satisfaction);
  else
    satisfaction = g_strdup (_("No visits"));
  gtk_label_set_label (self->satisfaction_value, satisfaction);

  /* Colour is never the only signal: the caption says "Overdue" too. */
  if (f.overdue_cases > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->overdue_cases_value), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->overdue_cases_value), "error");
}

static void
compute_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GxOverviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxOverview) figures = NULL;

  if (!(figures = gx_overview_compute_finish (GX_STORE (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, GX_DB_ERROR, GX_DB_ERROR_INTERRUPTED))
        g_warning ("Overview figures: %s", error->message);
      return;
    }

  show_figures (self, figures);
}

static void
refresh (GxOverviewView *self)
{
  GxClock *clock = gx_context_get_clock (self->context);
  g_autoptr(GDateTime) now = gx_clock_dup_local (clock);
  g_autofree char *date = NULL;

  /* Translators: today's date heading the overview, strftime format */
  date = g_date_time_format (now, _("%A, %B %-d, %Y"));
  gtk_label_set_label (self->date_label, date);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gx_overview_compute_async (gx_context_get_store (self->context), &(GxOverviewScope) { GX_PERIOD_THIS_MONTH },
                             gx_context_get_user_id (self->context), gx_clock_now (clock),
                             gx_clock_get_timezone (clock),
                             self->cancellable, compute_cb, g_object_ref (self));
}

static gboolean
refresh_idle_cb (gpointer data)
{
  GxOverviewView *self = data;

  self->refresh_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (GxOverviewView *self,
                     const char     *table)
{
  if (!g_strv_contains (watched_tables, table) || self->refresh_source != 0)
    return;

  /* Several tables change in one commit: one refresh for all. */
  self->refresh_source = g_idle_add (refresh_idle_cb, self);
}

static void
set_context (GxOverviewView *self,
             GxContext      *context)
{
  g_assert (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (gx_context_get_store (context), "changed",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  refresh (self);
}

/* GObject */

static void
gx_overview_view_dispose (GObject *object)
{
  GxOverviewView *self = (GxOverviewView *) object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_OVERVIEW_VIEW);
  /* The template's top widget has no id, so dispose_template leaves it to us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_overview_view_parent_class)->dispose (object);
}

static void
gx_overview_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GxOverviewView *self = GX_OVERVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_overview_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GxOverviewView *self = GX_OVERVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_overview_view_class_init (GxOverviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_overview_view_dispose;
  object_class->get_property = gx_overview_view_get_property;
  object_class->set_property = gx_overview_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-overview-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GxOverviewView, date_label);
  gtk_widget_class_bind_template_child (widget_class, GxOverviewView, open_cases_value);
  gtk_widget_class_bind_template_child (widget_class, GxOverviewView, overdue_cases_value);
  gtk_widget_class_bind_template_child (widget_class, GxOverviewView, escalated_cases_value);
  gtk_widget_class_bind_template_child (widget_class, GxOverviewView, in_review_cases_value);
  gtk_widget_class_bind_template_child (widget_class, GxOverviewView, return_visits_due_value);
  gtk_widget_class_bind_template_child (widget_class, GxOverviewView, satisfaction_value);
  gtk_widget_class_bind_template_child (widget_class, GxOverviewView, customers_value);
  gtk_widget_class_bind_template_child (widget_class, GxOverviewView, confidential_customers_value);
  gtk_widget_class_bind_template_child (widget_class, GxOverviewView, follow_ups_due_value);
  gtk_widget_class_bind_template_child (widget_class, GxOverviewView, members_value);
  gtk_widget_class_bind_template_child (widget_class, GxOverviewView, new_members_this_month_value);
  gtk_widget_class_bind_template_child (widget_class, GxOverviewView, upcoming_activities_value);
  gtk_widget_class_bind_template_child (widget_class, GxOverviewView, points_pending_activities_value);
}

static void
gx_overview_view_init (GxOverviewView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
