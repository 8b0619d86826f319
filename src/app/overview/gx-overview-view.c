/* gx-overview-view.c: the supervisor's figures at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-overview-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gx-activity.h"
#include "gx-chart-card.h"
#include "gx-context.h"
#include "gx-enums.h"
#include "gx-figure-card.h"
#include "gx-format.h"
#include "gx-list-filter.h"
#include "gx-overview-view-private.h"
#include "gx-service-factors.h"

/* The view renders what core computed (gx_overview_compute): it picks the scope from the
 * filters, asks for the figures on a worker thread, and shows them. Which team a desk may
 * see is decided in core; the view only shows the result (and locks the team filter). */

G_DEFINE_FINAL_TYPE (GxOverviewView, gx_overview_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The tables the figures are computed from. */
static const char * const watched_tables[] = {
  "cases", "case_events", "return_visits", "return_visit_scores", "service_factors",
  "memberships", "points_ledger", "activities", "checkins", "customers", "contact_log", "users", NULL
};

/* The periods of the period filter, in GxPeriodKind order, and how the one before reads. */
static const char * const period_labels[] = {
  N_("This month"), N_("Last month"), N_("This quarter"), N_("This year"), N_("Last 12 months"),
};
static const char * const previous_labels[] = {
  N_("Last month"), N_("The month before"), N_("Last quarter"), N_("Last year"), N_("The 12 months before"),
};

/* Formatting */

static char *
format_mean_score (double score)
{
  /* Translators: a mean satisfaction score out of 5, e.g. "4.3 / 5" */
  return g_strdup_printf (_("%.1f / 5"), score);
}

static char *
format_signed (double value)
{
  return g_strdup_printf ("%+.2f", value);
}

static char *
month_name (const char *year_month)
{
  int year = 0, month = 0;
  g_autoptr(GDateTime) date = NULL;

  if (sscanf (year_month, "%d-%d", &year, &month) != 2)
    return g_strdup (year_month);
  date = g_date_time_new_utc (year, month, 1, 0, 0, 0);
  /* Translators: a month under a column of a chart, strftime format ("Nov"; 中文 "11月") */
  return g_date_time_format (date, _("%b"));
}

static char *
compare_count (GxOverviewView *self,
               gint64          previous)
{
  g_autofree char *count = gx_format_count ((guint) MAX (previous, 0));

  /* Translators: the same figure in the period before: "Last month: 12" */
  return g_strdup_printf (_("%s: %s"), _(previous_labels[self->period]), count);
}

/* Click-through */

/* The list behind a figure, in the view's scope: the team and owner filters go along. */
static char *
filter_with_scope (GxOverviewView *self,
                   const char     *k1,
                   const char     *v1,
                   const char     *k2,
                   const char     *v2,
                   const char     *k3,
                   const char     *v3)
{
  const GxOverview *o = self->overview;

  return gx_list_filter_build (k1, v1, k2, v2, k3, v3,
                               "team", o ? o->team : NULL,
                               "owner", o ? o->owner_id : NULL,
                               NULL);
}

static void
set_target (GxOverviewView *self,
            GxFigureCard   *card,
            const char     *place,
            const char     *k1,
            const char     *v1,
            const char     *k2,
            const char     *v2)
{
  g_autofree char *filter = filter_with_scope (self, k1, v1, k2, v2, NULL, NULL);

  gx_figure_card_set_target (card, place, filter);
}

/* Showing the figures */

static void
show_duration (GxOverviewView         *self,
               GxFigureCard           *card,
               const GxDurationFigure *now,
               const GxDurationFigure *before)
{
  g_autofree char *mean = NULL;
  g_autofree char *p90 = NULL;
  g_autofree char *prev = NULL;
  g_autofree char *detail = NULL;

  if (now->n == 0)
    {
      gx_figure_card_set_value (card, "–");
      detail = g_strdup (_("No cases in the period"));
    }
  else
    {
      mean = gx_format_duration ((gint64) now->mean);
      p90 = gx_format_duration (now->p90);
      gx_figure_card_set_value (card, mean);
      if (before->n > 0)
        {
          g_autofree char *prev_mean = gx_format_duration ((gint64) before->mean);
          g_autofree char *prev_p90 = gx_format_duration (before->p90);

          /* Translators: the period before's mean time and 90th percentile: "12 h, 90% within 1 day" */
          prev = g_strdup_printf (_("%s, 90%% within %s"), prev_mean, prev_p90);
        }
      /* Translators: under a mean time: "on average, 90% within 4 h; Last month: 12 h, 90% within 1 day" */
      detail = g_strdup_printf (_("on average, 90%% within %s; %s: %s"), p90,
                                _(previous_labels[self->period]), prev ? prev : "–");
    }
  gx_figure_card_set_detail (card, detail);
}

static void
show_cases (GxOverviewView   *self,
            const GxOverview *o)
{
  const GxPeriodRange *r = &o->range;
  g_autofree char *received_detail = compare_count (self, o->prev_received_cases);

  gx_figure_card_set_count (self->open_card, o->open_cases);
  set_target (self, self->open_card, "complaints", "queue", "open", NULL, NULL);
  gx_figure_card_set_count (self->overdue_card, o->overdue_cases);
  gx_figure_card_set_state (self->overdue_card, o->overdue_cases > 0 ? "error" : NULL);
  set_target (self, self->overdue_card, "complaints", "queue", "overdue", NULL, NULL);
  gx_figure_card_set_count (self->escalated_card, o->escalated_cases);
  gx_figure_card_set_state (self->escalated_card, o->escalated_cases > 0 ? "warning" : NULL);
  set_target (self, self->escalated_card, "complaints", "queue", "escalated", NULL, NULL);
  gx_figure_card_set_count (self->review_card, o->in_review_cases);
  set_target (self, self->review_card, "complaints", "queue", "open", "status", "in_review");
  gx_figure_card_set_count (self->reopened_card, o->reopened_cases);
  set_target (self, self->reopened_card, "complaints", "queue", "reopened", NULL, NULL);
  gx_figure_card_set_count (self->visits_due_card, o->return_visits_due);
  gx_figure_card_set_state (self->visits_due_card, o->return_visits_due > 0 ? "warning" : NULL);
  set_target (self, self->visits_due_card, "complaints", "queue", "visits_due", NULL, NULL);

  gx_figure_card_set_count (self->received_card, o->received_cases);
  gx_figure_card_set_detail (self->received_card, received_detail);
  set_target (self, self->received_card, "complaints", "received_from", r->from_date, "received_until", r->until_date);
  show_duration (self, self->acknowledge_card, &o->acknowledge, &o->prev_acknowledge);
  show_duration (self, self->resolve_card, &o->resolve, &o->prev_resolve);

  gx_chart_card_clear (self->status_chart);
  for (guint i = 0; i < o->open_by_status->len; i++)
    {
      const GxFigureItem *item = &g_array_index (o->open_by_status, GxFigureItem, i);
      g_autofree char *text = gx_format_count ((guint) item->count);
      g_autofree char *filter = filter_with_scope (self, "queue", "open", "status", item->key, NULL, NULL);

      gx_chart_card_add (self->status_chart, item->label, item->count, text, "complaints", filter);
    }

  gx_chart_card_clear (self->customers_chart);
  for (guint i = 0; i < o->top_customers->len; i++)
    {
      const GxFigureItem *item = &g_array_index (o->top_customers, GxFigureItem, i);
      g_autofree char *text = gx_format_count ((guint) item->count);
      g_autofree char *filter = filter_with_scope (self, "queue", "open", "customer", item->key, NULL, NULL);

      gx_chart_card_add (self->customers_chart, item->label, item->count, text, "complaints", filter);
    }

  gx_chart_card_clear (self->category_chart);
  for (guint i = 0; i < o->by_category->len; i++)
    {
      const GxFigureItem *item = &g_array_index (o->by_category, GxFigureItem, i);
      g_autofree char *text = gx_format_count ((guint) item->count);
      g_autofree char *filter = filter_with_scope (self, "category", *item->key ? item->key : "none",
                                                   "received_from", r->from_date, "received_until", r->until_date);

      gx_chart_card_add (self->category_chart, item->label, item->count, text, "complaints", filter);
    }

  gx_chart_card_clear (self->channel_chart);
  for (guint i = 0; i < o->by_channel->len; i++)
    {
      const GxFigureItem *item = &g_array_index (o->by_channel, GxFigureItem, i);
      g_autofree char *text = gx_format_count ((guint) item->count);
      g_autofree char *filter = filter_with_scope (self, "channel", item->key,
                                                   "received_from", r->from_date, "received_until", r->until_date);

      gx_chart_card_add (self->channel_chart, item->label, item->count, text, "complaints", filter);
    }
}

static void
show_month_series (GxOverviewView       *self,
                   const GxFigureSeries *series)
{
  const GxOverview *o = self->overview;

  gx_chart_card_clear (self->satisfaction_month_chart);
  for (guint i = 0; i < GX_OVERVIEW_MONTHS; i++)
    {
      g_autofree char *name = month_name (o->range.month_label[i]);
      g_autofree char *text = series->count[i] > 0 ? g_strdup_printf ("%.1f", series->value[i]) : g_strdup ("–");

      gx_chart_card_add (self->satisfaction_month_chart, name, series->value[i], text, NULL, NULL);
    }
}

/* The choice above the months: overall, or one factor (its parts included). */
static void
load_factor_choices (GxOverviewView   *self,
                     const GxOverview *o)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  const char *selected = NULL;
  guint position = 0;
  guint current = gtk_drop_down_get_selected (self->factor_dropdown);

  if (self->factor_ids != NULL && current > 0 && current <= g_strv_length (self->factor_ids))
    selected = self->factor_ids[current - 1];

  gtk_string_list_append (names, _("Overall"));
  for (guint i = 0; i < o->service_index->factors->len; i++)
    {
      const GxServiceFactor *factor = g_ptr_array_index (o->service_index->factors, i);
      GString *label = g_string_new (NULL);

      for (guint d = 0; d < factor->depth; d++)
        g_string_append (label, "\u2003");
      g_string_append (label, factor->name);
      gtk_string_list_append (names, label->str);
      g_string_free (label, TRUE);
      g_strv_builder_add (ids, factor->id);
      if (g_strcmp0 (factor->id, selected) == 0)
        position = i + 1;
    }

  g_strfreev (self->factor_ids);
  self->factor_ids = g_strv_builder_end (ids);
  self->loading_filters = TRUE;
  gtk_drop_down_set_model (self->factor_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->factor_dropdown, position);
  self->loading_filters = FALSE;
}

static void
factor_series_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GxOverviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GxFigureSeries) series = NULL;

  series = gx_overview_compute_factor_series_finish (GX_STORE (object), result, &error);
  if (series == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !g_error_matches (error, GX_DB_ERROR, GX_DB_ERROR_INTERRUPTED))
        gx_chart_card_set_note (self->satisfaction_month_chart, error->message);
      return;
    }

  if (self->overview != NULL)
    show_month_series (self, series);
  self->n_updates++;
}

static void
on_factor_selected_cb (GxOverviewView *self)
{
  guint i = gtk_drop_down_get_selected (self->factor_dropdown);
  GxClock *clock;
  GxOverviewScope scope;

  if (self->loading_filters || self->overview == NULL || self->context == NULL)
    return;

  g_cancellable_cancel (self->series_cancellable);
  g_clear_object (&self->series_cancellable);

  if (i == 0 || self->factor_ids == NULL || i > g_strv_length (self->factor_ids))
    {
      show_month_series (self, self->overview->satisfaction_by_month);
      return;
    }

  /* One factor's year is read when it is asked for, not with every refresh. */
  self->series_cancellable = g_cancellable_new ();
  clock = gx_context_get_clock (self->context);
  _gx_overview_view_get_scope (self, &scope);
  gx_overview_compute_factor_series_async (gx_context_get_store (self->context), &scope,
                                           gx_context_get_user_id (self->context) ? gx_context_get_user_id (self->context) : "",
                                           self->factor_ids[i - 1], gx_clock_now (clock), gx_clock_get_timezone (clock),
                                           self->series_cancellable, factor_series_cb, g_object_ref (self));
}

static void
show_satisfaction (GxOverviewView   *self,
                   const GxOverview *o)
{
  g_autofree char *prev = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *visits = NULL;

  if (o->visits > 0)
    {
      g_autofree char *mean = format_mean_score (o->satisfaction);
      gx_figure_card_set_value (self->satisfaction_card, mean);
    }
  else
    gx_figure_card_set_value (self->satisfaction_card, "–");
  prev = o->prev_visits > 0 ? g_strdup_printf ("%.1f", o->prev_satisfaction) : g_strdup ("–");
  detail = g_strdup_printf (_("%s: %s"), _(previous_labels[self->period]), prev);
  gx_figure_card_set_detail (self->satisfaction_card, detail);

  gx_figure_card_set_count (self->visits_card, o->visits);
  visits = compare_count (self, o->prev_visits);
  gx_figure_card_set_detail (self->visits_card, visits);

  load_factor_choices (self, o);
  show_month_series (self, o->satisfaction_by_month);

  gx_chart_card_clear (self->factor_chart);
  for (guint i = 0; i < o->satisfaction_by_factor->len; i++)
    {
      const GxFigureItem *item = &g_array_index (o->satisfaction_by_factor, GxFigureItem, i);
      g_autofree char *text = g_strdup_printf ("%.1f", item->value);

      gx_chart_card_add (self->factor_chart, item->label, item->value, text, NULL, NULL);
    }

  /* The factor tree with its index, parents before their parts, parts indented. */
  gx_chart_card_clear (self->index_chart);
  for (guint i = 0; i < o->service_index->factors->len; i++)
    {
      const GxServiceFactor *factor = g_ptr_array_index (o->service_index->factors, i);
      g_autofree char *text = format_signed (factor->index);
      GString *label = g_string_new (NULL);

      for (guint d = 0; d < factor->depth; d++)
        g_string_append (label, "\u2003");
      g_string_append (label, factor->name);
      gx_chart_card_add (self->index_chart, label->str, factor->index, text, NULL, NULL);
      g_string_free (label, TRUE);
    }
  {
    g_autofree char *n = gx_format_count ((guint) o->service_index->n_visits);
    g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "From %s return visit that scored service factors",
                                                          "From %s return visits that scored service factors",
                                                          (gulong) o->service_index->n_visits),
                                             n);
    gx_chart_card_set_note (self->index_chart, note);
  }
}

static void
show_club (GxOverviewView   *self,
           const GxOverview *o)
{
  const GxPeriodRange *r = &o->range;
  g_autofree char *new_detail = compare_count (self, o->prev_new_members);
  g_autofree char *held = NULL;
  g_autofree char *planned = NULL;
  g_autofree char *late = NULL;

  gx_figure_card_set_count (self->members_card, o->members);
  set_target (self, self->members_card, "club", "state", "active", NULL, NULL);
  gx_figure_card_set_count (self->new_members_card, o->new_members);
  gx_figure_card_set_detail (self->new_members_card, new_detail);
  set_target (self, self->new_members_card, "club", "joined_from", r->from_date, "joined_until", r->until_date);
  gx_figure_card_set_count (self->points_earned_card, o->points_earned);
  gx_figure_card_set_count (self->points_redeemed_card, o->points_redeemed);

  gx_figure_card_set_count (self->activities_card, o->activities_held);
  planned = gx_format_count ((guint) o->activities_planned);
  /* Translators: under the number of activities held: "of 12 planned" */
  held = g_strdup_printf (_("of %s planned"), planned);
  gx_figure_card_set_detail (self->activities_card, held);
  set_target (self, self->activities_card, "activities", "from", r->from_date, "until", r->until_date);

  gx_figure_card_set_count (self->points_due_card, o->points_due_activities);
  if (o->points_late_activities > 0)
    {
      g_autofree char *n = gx_format_count ((guint) o->points_late_activities);

      late = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s ended more than a week ago",
                                           "%s ended more than a week ago",
                                           (gulong) o->points_late_activities), n);
    }
  else if (o->points_due_soonest_end != 0 && self->context != NULL)
    {
      /* Rule 6: the week after the end. Saying how much of it is left, not only a colour. */
      int days = gx_activity_points_days_left (o->points_due_soonest_end,
                                               gx_clock_now (gx_context_get_clock (self->context)));

      /* Translators: under the number of activities whose points are due */
      late = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the first within %d day", "the first within %d days",
                                           (gulong) MAX (days, 0)), MAX (days, 0));
    }
  gx_figure_card_set_detail (self->points_due_card, late);
  gx_figure_card_set_state (self->points_due_card, o->points_late_activities > 0 ? "error"
                                                   : o->points_due_activities > 0 ? "warning" : NULL);
  set_target (self, self->points_due_card, "activities", "filter", "points_due", NULL, NULL);

  gx_chart_card_clear (self->new_members_chart);
  for (guint i = 0; i < GX_OVERVIEW_MONTHS; i++)
    {
      g_autofree char *name = month_name (r->month_label[i]);
      gint64 n = o->new_members_by_month->count[i];
      g_autofree char *text = gx_format_count ((guint) n);
      g_autofree char *from = g_strdup (r->month_date[i]);
      g_autofree char *filter = filter_with_scope (self, "joined_from", from, "joined_until", r->month_date[i + 1], NULL, NULL);

      gx_chart_card_add (self->new_members_chart, name, n, text, "club", filter);
    }

  gx_figure_card_set_count (self->follow_ups_card, o->follow_ups_due);
  set_target (self, self->follow_ups_card, "customers", "follow_ups", "due", NULL, NULL);
  gx_figure_card_set_count (self->confidential_card, o->confidential_customers);
  set_target (self, self->confidential_card, "customers", "confidential", "1", NULL, NULL);
}

static char *
period_span (GxOverviewView   *self,
             const GxOverview *o)
{
  GTimeZone *tz = gx_clock_get_timezone (gx_context_get_clock (self->context));
  g_autoptr(GDateTime) utc_first = g_date_time_new_from_unix_utc (o->range.from);
  g_autoptr(GDateTime) utc_last = g_date_time_new_from_unix_utc (o->range.until - 1);
  g_autoptr(GDateTime) first = g_date_time_to_timezone (utc_first, tz);
  g_autoptr(GDateTime) last = g_date_time_to_timezone (utc_last, tz);
  g_autofree char *a = g_date_time_format (first, _("%B %Y"));
  g_autofree char *b = g_date_time_format (last, _("%B %Y"));

  if (g_strcmp0 (a, b) == 0)
    return g_steal_pointer (&a);
  return g_strdup_printf (_("%s – %s"), a, b);
}

static void
show_scope (GxOverviewView   *self,
            const GxOverview *o)
{
  g_autofree char *span = period_span (self, o);
  g_autofree char *text = NULL;
  const char *team = o->team ? o->team : _("All teams");

  if (o->team_forced)
    /* Translators: the scope of the overview for desk staff: "November 2026 · your team, 客户服务中心" */
    text = g_strdup_printf (_("%s · your team, %s"), span, team);
  else
    /* Translators: the scope of the overview: "November 2026 · All teams" */
    text = g_strdup_printf (_("%s · %s"), span, team);
  gtk_label_set_label (self->scope_label, text);
}

static void
show_figures (GxOverviewView *self)
{
  const GxOverview *o = self->overview;

  show_scope (self, o);
  show_cases (self, o);
  show_satisfaction (self, o);
  show_club (self, o);
  if (gtk_drop_down_get_selected (self->factor_dropdown) > 0)
    on_factor_selected_cb (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.print", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.export-csv", TRUE);
}

static void
compute_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GxOverviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  GxOverview *overview;

  overview = gx_overview_compute_finish (GX_STORE (object), result, &error);
  if (overview == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, GX_DB_ERROR, GX_DB_ERROR_INTERRUPTED))
        return;
      gtk_label_set_label (self->scope_label, error->message);
      return;
    }

  g_clear_pointer (&self->overview, gx_overview_free);
  self->overview = overview;
  self->n_updates++;
  {
    gint64 computed = g_get_monotonic_time ();

    show_figures (self);
    /* How long a supervisor waited, for G_MESSAGES_DEBUG=gx-overview-view. */
    g_debug ("figures computed in %.1f ms, shown in %.1f ms more",
             (computed - self->asked_at) / 1000.0, (g_get_monotonic_time () - computed) / 1000.0);
  }
}

/* Scope */

static const char *
selected_team (GxOverviewView *self)
{
  guint i = gtk_drop_down_get_selected (self->team_dropdown);

  /* Position 0 is "All teams". */
  if (self->teams == NULL || i == 0 || i == GTK_INVALID_LIST_POSITION || i > g_strv_length (self->teams))
    return NULL;
  return self->teams[i - 1];
}

static const char *
selected_owner (GxOverviewView *self)
{
  guint i = gtk_drop_down_get_selected (self->owner_dropdown);

  if (self->owner_ids == NULL || i == 0 || i == GTK_INVALID_LIST_POSITION || i > g_strv_length (self->owner_ids))
    return NULL;
  return self->owner_ids[i - 1];
}

void
_gx_overview_view_get_scope (GxOverviewView  *self,
                             GxOverviewScope *scope)
{
  memset (scope, 0, sizeof *scope);
  scope->period = self->period;
  scope->team = selected_team (self);
  scope->owner_id = selected_owner (self);
}

static void
refresh (GxOverviewView *self)
{
  GxClock *clock = gx_context_get_clock (self->context);
  g_autoptr(GDateTime) now = gx_clock_dup_local (clock);
  g_autofree char *date = NULL;
  GxOverviewScope scope;

  /* Translators: today's date heading the overview, strftime format */
  date = g_date_time_format (now, _("%A, %B %-d, %Y"));
  gtk_label_set_label (self->date_label, date);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  _gx_overview_view_get_scope (self, &scope);
  self->asked_at = g_get_monotonic_time ();
  gx_overview_compute_async (gx_context_get_store (self->context), &scope,
                             gx_context_get_user_id (self->context) ? gx_context_get_user_id (self->context) : "",
                             gx_clock_now (clock), gx_clock_get_timezone (clock),
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
queue_refresh (GxOverviewView *self)
{
  /* Several tables change in one commit, filters change together: one refresh for all. */
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_idle_cb, self);
}

/* The figures are computed only while the page is shown: a commit elsewhere marks them
 * stale, and showing the page computes them again. Desks that never open the Overview pay
 * nothing for it. */
static void
on_store_changed_cb (GxOverviewView *self,
                     const char     *table)
{
  if (!g_strv_contains (watched_tables, table))
    return;

  g_debug ("%s changed: the figures are out of date", table);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    queue_refresh (self);
  else
    self->dirty = TRUE;
}

static void
gx_overview_view_map (GtkWidget *widget)
{
  GxOverviewView *self = GX_OVERVIEW_VIEW (widget);

  GTK_WIDGET_CLASS (gx_overview_view_parent_class)->map (widget);

  if (self->dirty && self->context != NULL)
    {
      self->dirty = FALSE;
      queue_refresh (self);
    }
}

/* The people of the owner filter: the selected team's, or everyone's. */
static void
load_owners (GxOverviewView *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  const char *team = selected_team (self);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  sqlite3_stmt *stmt;

  gtk_string_list_append (names, C_("owner filter", "Everyone"));
  stmt = gx_db_prepare (db, "SELECT id, display_name FROM users"
                            " WHERE active = 1 AND (?1 IS NULL OR team = ?1) ORDER BY display_name", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, team, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_strv_builder_add (ids, gx_db_column_text (stmt, 0));
          gtk_string_list_append (names, gx_db_column_text (stmt, 1));
        }
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  g_strfreev (self->owner_ids);
  self->owner_ids = g_strv_builder_end (ids);
  self->loading_filters = TRUE;
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->owner_dropdown, 0);
  self->loading_filters = FALSE;
}

static void
load_teams (GxOverviewView *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  GxRole role = gx_context_get_role (self->context);
  g_autoptr(GStrvBuilder) teams = g_strv_builder_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *own_team = NULL;
  sqlite3_stmt *stmt;
  guint selected = 0;

  if (gx_context_get_user_id (self->context) != NULL)
    own_team = gx_db_query_string (db, "SELECT team FROM users WHERE id = ?",
                                   g_variant_new ("(s)", gx_context_get_user_id (self->context)), NULL);

  gtk_string_list_append (names, _("All teams"));
  stmt = gx_db_prepare (db, "SELECT DISTINCT team FROM users WHERE team <> '' ORDER BY team", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *team = gx_db_column_text (stmt, 0);

      g_strv_builder_add (teams, team);
      gtk_string_list_append (names, team);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);

  g_strfreev (self->teams);
  self->teams = g_strv_builder_end (teams);

  /* Desk staff see their own team's figures only (core enforces it whatever is picked):
   * the filter shows that team and cannot be changed. */
  self->team_locked = !gx_overview_may_see_team (role, own_team, NULL);
  if (self->team_locked)
    for (guint i = 0; self->teams[i] != NULL; i++)
      if (g_strcmp0 (self->teams[i], own_team) == 0)
        selected = i + 1;

  self->loading_filters = TRUE;
  gtk_drop_down_set_model (self->team_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->team_dropdown, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->team_dropdown), !self->team_locked);
  self->loading_filters = FALSE;

  load_owners (self);
}

static void
on_period_selected_cb (GxOverviewView *self)
{
  guint i = gtk_drop_down_get_selected (self->period_dropdown);

  if (i < G_N_ELEMENTS (period_labels))
    self->period = (GxPeriodKind) i;
  if (!self->loading_filters)
    queue_refresh (self);
}

static void
on_team_selected_cb (GxOverviewView *self)
{
  if (self->loading_filters)
    return;
  load_owners (self);
  queue_refresh (self);
}

static void
on_owner_selected_cb (GxOverviewView *self)
{
  if (!self->loading_filters)
    queue_refresh (self);
}

static void
set_context (GxOverviewView *self,
             GxContext      *context)
{
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);
  gboolean may_edit;

  g_assert (self->context == NULL);

  self->context = g_object_ref (context);

  /* Only supervisors and administrators keep the factor tree (the server refuses the
   * others' edits); the others do not see the button. */
  may_edit = gx_service_factors_may_edit (gx_context_get_role (context));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.edit-factors", may_edit);
  gtk_widget_set_visible (GTK_WIDGET (self->factors_button), may_edit);

  for (guint i = 0; i < G_N_ELEMENTS (period_labels); i++)
    gtk_string_list_append (periods, _(period_labels[i]));
  self->loading_filters = TRUE;
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (periods));
  gtk_drop_down_set_selected (self->period_dropdown, 0);
  self->loading_filters = FALSE;
  load_teams (self);

  g_signal_connect_object (self->period_dropdown, "notify::selected", G_CALLBACK (on_period_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->team_dropdown, "notify::selected", G_CALLBACK (on_team_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->owner_dropdown, "notify::selected", G_CALLBACK (on_owner_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gx_context_get_store (context), "changed",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  /* The first figures when the page is first shown. */
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = FALSE;
      queue_refresh (self);
    }
}

/* GObject */

static void
gx_overview_view_dispose (GObject *object)
{
  GxOverviewView *self = (GxOverviewView *) object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->series_cancellable);
  g_clear_object (&self->series_cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_OVERVIEW_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);
  g_clear_pointer (&self->overview, gx_overview_free);
  g_clear_pointer (&self->teams, g_strfreev);
  g_clear_pointer (&self->owner_ids, g_strfreev);
  g_clear_pointer (&self->factor_ids, g_strfreev);

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

  widget_class->map = gx_overview_view_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GX_TYPE_CHART_CARD);
  g_type_ensure (GX_TYPE_FIGURE_CARD);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-overview-view.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, GxOverviewView, name)
  CHILD (scroller);
  CHILD (date_label);
  CHILD (scope_label);
  CHILD (period_dropdown);
  CHILD (team_dropdown);
  CHILD (owner_dropdown);
  CHILD (open_card);
  CHILD (overdue_card);
  CHILD (escalated_card);
  CHILD (review_card);
  CHILD (reopened_card);
  CHILD (visits_due_card);
  CHILD (received_card);
  CHILD (acknowledge_card);
  CHILD (resolve_card);
  CHILD (status_chart);
  CHILD (customers_chart);
  CHILD (category_chart);
  CHILD (channel_chart);
  CHILD (satisfaction_card);
  CHILD (visits_card);
  CHILD (satisfaction_month_chart);
  CHILD (factor_chart);
  CHILD (index_chart);
  CHILD (factors_button);
  CHILD (members_card);
  CHILD (new_members_card);
  CHILD (points_earned_card);
  CHILD (points_redeemed_card);
  CHILD (activities_card);
  CHILD (points_due_card);
  CHILD (new_members_chart);
  CHILD (follow_ups_card);
  CHILD (confidential_card);
#undef CHILD

  _gx_overview_view_install_actions (widget_class);
}

static void
gx_overview_view_init (GxOverviewView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->factor_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->factor_dropdown), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->factor_dropdown), _("Overall or one service factor"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->factor_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Satisfaction by month of"), -1);
  gx_chart_card_add_header_widget (self->satisfaction_month_chart, GTK_WIDGET (self->factor_dropdown));
  g_signal_connect_object (self->factor_dropdown, "notify::selected", G_CALLBACK (on_factor_selected_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.print", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.export-csv", FALSE);
}

/* Private API */

/**
 * _gx_overview_view_get_overview:
 * @self: a #GxOverviewView
 *
 * Returns: (transfer none) (nullable): the figures shown, %NULL before the first ones came
 */
const GxOverview *
_gx_overview_view_get_overview (GxOverviewView *self)
{
  return self->overview;
}

GxContext *
_gx_overview_view_get_context (GxOverviewView *self)
{
  return self->context;
}
