/* gx-activity-plan-view.c: a club's year of activities, month by month, and how far along it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-activity-plan-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-activity-export.h"
#include "gx-activity-plan-view.h"
#include "gx-activity-plan.h"
#include "gx-activity-ui.h"
#include "gx-enums.h"
#include "gx-format.h"
#include "gx-list-filter.h"

/* How many activities a month card lists; the rest are one "N more…" button that opens the
 * list narrowed to the month. A bank's plan of all clubs can hold thousands a month: a card
 * stays a glance at the month, as in a calendar's month view. */
#define MONTH_ROWS 8

struct _GxActivityPlanView
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkWidget      *root_box;
  GtkLabel       *year_label;
  GtkDropDown    *club_dropdown;
  GtkProgressBar *progress_bar;
  GtkLabel       *progress_label;
  GtkLabel       *money_label;
  GtkGrid        *month_grid;

  /* Owned */
  GxContext      *context;
  GPtrArray      *club_ids;     /* index 0: all clubs (NULL) */
  GtkWidget      *months[12];
  GCancellable   *cancellable;  /* the year being read */
  int             year;
  guint           refresh_source;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  ACTIVITY_ACTIVATED,
  NEW_ACTIVITY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GxActivityPlanView, gx_activity_plan_view, GTK_TYPE_WIDGET)

static GxDb *
reader (GxActivityPlanView *self)
{
  return gx_store_get_main_reader (gx_context_get_store (self->context));
}

const char *
gx_activity_plan_view_get_club_id (GxActivityPlanView *self)
{
  guint i;

  g_return_val_if_fail (GX_IS_ACTIVITY_PLAN_VIEW (self), NULL);

  i = gtk_drop_down_get_selected (self->club_dropdown);
  return self->club_ids != NULL && i < self->club_ids->len ? g_ptr_array_index (self->club_ids, i) : NULL;
}

int
gx_activity_plan_view_get_year (GxActivityPlanView *self)
{
  g_return_val_if_fail (GX_IS_ACTIVITY_PLAN_VIEW (self), 0);

  return self->year;
}

static void
on_item_clicked_cb (GtkButton          *button,
                    GxActivityPlanView *self)
{
  g_signal_emit (self, signals[ACTIVITY_ACTIVATED], 0, g_object_get_data (G_OBJECT (button), "activity-id"));
}

static void
on_add_clicked_cb (GtkButton          *button,
                   GxActivityPlanView *self)
{
  g_signal_emit (self, signals[NEW_ACTIVITY], 0, gx_activity_plan_view_get_club_id (self), self->year,
                 GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "month")));
}

/* "N more…": the month in the list beside the plan, where all of it can be searched, sorted
 * and exported. */
static void
on_more_clicked_cb (GtkButton          *button,
                    GxActivityPlanView *self)
{
  int month = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "month"));
  g_autofree char *period = g_strdup_printf ("%04d-%02d", self->year, month);
  g_autofree char *filter = NULL;
  const char *club_id = gx_activity_plan_view_get_club_id (self);

  filter = club_id != NULL ? gx_list_filter_build ("plan_month", period, "club", club_id, NULL)
                           : gx_list_filter_build ("plan_month", period, NULL);
  gtk_widget_activate_action (GTK_WIDGET (self), "view.apply-filter", "s", filter);
}

static char *
month_name (int month)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2000, month, 1, 0, 0, 0);

  /* Translators: a month's name heading the year plan, strftime format */
  return g_date_time_format (date, _("%B"));
}

static GtkWidget *
build_item (GxActivityPlanView *self,
            GxPlanItem         *item)
{
  GtkWidget *button, *box, *label, *caption;
  g_autofree char *detail = NULL;
  g_autofree char *day = NULL;

  if (item->starts_at != 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (item->starts_at);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      /* Translators: the day of the month an activity takes place on, strftime format */
      day = g_date_time_format (local, _("%-d %b"));
    }
  /* The status in words: colour is never the only signal. */
  detail = day ? g_strdup_printf ("%s · %s · %s", day, gx_vocab_label (GX_VOCAB_ACTIVITY_STATUS, item->status),
                                  gx_vocab_label (GX_VOCAB_ACTIVITY_KIND, item->kind))
               : g_strdup_printf ("%s · %s", gx_vocab_label (GX_VOCAB_ACTIVITY_STATUS, item->status),
                                  gx_vocab_label (GX_VOCAB_ACTIVITY_KIND, item->kind));

  button = gtk_button_new ();
  gtk_widget_add_css_class (button, "flat");
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  label = gtk_label_new (item->title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  caption = gtk_label_new (detail);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, g_strcmp0 (item->status, "cancelled") == 0 ? "error" : "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_tooltip_text (button, item->title);
  g_object_set_data_full (G_OBJECT (button), "activity-id", g_strdup (item->id), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_item_clicked_cb), self, 0);
  return button;
}

/* One card per month: its name, a button to plan something in it, its first activities and
 * how many more it holds. */
static GtkWidget *
build_month (GxActivityPlanView *self,
             int                 month,
             const GxPlanMonth  *plan_month)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *name = month_name (month);
  g_autofree char *add_label = NULL;
  GtkWidget *title = gtk_label_new (name);
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  guint n = plan_month->items != NULL ? plan_month->items->len : 0;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "gx-month");
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (add, "flat");
  /* Translators: %s is a month's name */
  add_label = g_strdup_printf (_("Plan an Activity in %s"), name);
  gtk_widget_set_tooltip_text (add, add_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, add_label, -1);
  g_object_set_data (G_OBJECT (add), "month", GINT_TO_POINTER (month));
  g_signal_connect_object (add, "clicked", G_CALLBACK (on_add_clicked_cb), self, 0);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 4);
  gtk_widget_set_margin_top (header, 4);
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), add);
  gtk_box_append (GTK_BOX (card), header);

  for (guint i = 0; i < n; i++)
    gtk_box_append (GTK_BOX (card), build_item (self, g_ptr_array_index (plan_month->items, i)));

  if ((gint64) n < plan_month->n_activities)
    {
      gint64 rest = plan_month->n_activities - n;
      g_autofree char *rest_text = gx_format_count ((guint) MIN (rest, G_MAXUINT));
      g_autofree char *all_text = gx_format_count ((guint) MIN (plan_month->n_activities, G_MAXUINT));
      g_autofree char *label = NULL;
      g_autofree char *description = NULL;
      GtkWidget *more = gtk_button_new ();

      /* Translators: the last row of a month in the year plan; %s is how many activities
       * the month holds beyond those shown, with digit grouping */
      label = g_strdup_printf (ngettext ("%s more…", "%s more…", (gulong) rest), rest_text);
      /* Translators: what the "N more…" row of a month does; %1$s is the number of the
       * month's activities, %2$s the month's name */
      description = g_strdup_printf (ngettext ("Show the %1$s activity of %2$s in the list",
                                               "Show all %1$s activities of %2$s in the list",
                                               (gulong) plan_month->n_activities),
                                     all_text, name);
      gtk_button_set_label (GTK_BUTTON (more), label);
      /* Aligned with the activities above it, with their padding: the month's list goes on. */
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (more))), 0);
      gtk_widget_remove_css_class (more, "text-button");
      gtk_widget_add_css_class (more, "flat");
      gtk_widget_add_css_class (more, "gx-month-more");
      gtk_widget_set_margin_bottom (more, 4);
      gtk_widget_set_tooltip_text (more, description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (more), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
      g_object_set_data (G_OBJECT (more), "month", GINT_TO_POINTER (month));
      g_signal_connect_object (more, "clicked", G_CALLBACK (on_more_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (card), more);
    }

  if (n == 0)
    {
      GtkWidget *empty = gtk_label_new (_("Nothing planned"));

      gtk_label_set_xalign (GTK_LABEL (empty), 0);
      gtk_widget_add_css_class (empty, "dim-label");
      gtk_widget_add_css_class (empty, "caption");
      gtk_widget_set_margin_start (empty, 12);
      gtk_widget_set_margin_bottom (empty, 6);
      gtk_box_append (GTK_BOX (card), empty);
    }

  return card;
}

static void
show_year (GxActivityPlanView *self,
           const GxPlanYear   *plan_year)
{
  const GxPlanProgress *p = &plan_year->progress;
  g_autofree char *progress = NULL;
  g_autofree char *money = NULL;
  g_autofree char *budget = NULL;
  g_autofree char *cost = NULL;
  gint64 live = p->total - p->cancelled;

  gtk_progress_bar_set_fraction (self->progress_bar, live > 0 ? (double) (p->held + p->evaluated) / (double) live : 0.0);
  /* Translators: the progress of a year's activity plan */
  progress = g_strdup_printf (ngettext ("%d activity: %d planned · %d scheduled · %d held · %d evaluated · %d cancelled",
                                        "%d activities: %d planned · %d scheduled · %d held · %d evaluated · %d cancelled",
                                        (gulong) p->total),
                              (int) p->total, (int) p->planned, (int) p->scheduled, (int) p->held, (int) p->evaluated,
                              (int) p->cancelled);
  gtk_label_set_label (self->progress_label, progress);
  budget = gx_format_money (p->budget);
  cost = gx_format_money (p->actual_cost);
  if (p->points_pending > 0)
    /* Translators: the plan's money, and activities whose points are still to be awarded */
    money = g_strdup_printf (ngettext ("Budget %s · spent %s · points still to award for %d activity",
                                       "Budget %s · spent %s · points still to award for %d activities",
                                       (gulong) p->points_pending),
                             budget, cost, (int) p->points_pending);
  else
    money = g_strdup_printf (_("Budget %s · spent %s"), budget, cost);
  gtk_label_set_label (self->money_label, money);

  for (int m = 0; m < 12; m++)
    {
      if (self->months[m] != NULL)
        gtk_grid_remove (self->month_grid, self->months[m]);
      self->months[m] = build_month (self, m + 1, &plan_year->months[m]);
      gtk_grid_attach (self->month_grid, self->months[m], m % 3, m / 3, 1, 1);
    }
}

static void
on_year_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GxPlanYear) plan_year = NULL;
  g_autoptr(GError) error = NULL;
  GxActivityPlanView *self;

  plan_year = gx_activity_plan_read_year_finish (GX_STORE (source), result, &error);
  /* Superseded by another club or year, or the view went away: not ours to show. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = GX_ACTIVITY_PLAN_VIEW (user_data);
  g_clear_object (&self->cancellable);
  if (plan_year != NULL)
    show_year (self, plan_year);
  else
    gx_activity_ui_toast (GTK_WIDGET (self), error->message);
}

/* The year's figures and its month cards, read off the main thread: a plan of all clubs may
 * hold thousands of activities a month, and the window keeps answering while they are
 * counted. The cards change once, when the whole year has been read. */
static void
refresh (GxActivityPlanView *self)
{
  g_autofree char *year = g_strdup_printf ("%d", self->year);

  gtk_label_set_label (self->year_label, year);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gx_activity_plan_read_year_async (gx_context_get_store (self->context), gx_activity_plan_view_get_club_id (self),
                                    self->year, gx_clock_now (gx_context_get_clock (self->context)), MONTH_ROWS,
                                    self->cancellable, on_year_read_cb, self);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  GxActivityPlanView *self = data;

  self->refresh_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (GxActivityPlanView *self,
                     const char         *table)
{
  if (g_strcmp0 (table, "activities") == 0 || g_strcmp0 (table, "activity_plans") == 0 ||
      g_strcmp0 (table, "clubs") == 0 || g_strcmp0 (table, "checkins") == 0)
    {
      if (self->refresh_source == 0)
        self->refresh_source = g_idle_add (refresh_idle_cb, self);
    }
}

static void
fill_clubs (GxActivityPlanView *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  sqlite3_stmt *stmt;

  g_ptr_array_set_size (self->club_ids, 0);
  gtk_string_list_append (labels, _("All clubs"));
  g_ptr_array_add (self->club_ids, NULL);

  stmt = gx_db_prepare (reader (self), "SELECT id, name FROM clubs ORDER BY name", NULL);
  if (stmt != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_ptr_array_add (self->club_ids, g_strdup (gx_db_column_text (stmt, 0)));
          gtk_string_list_append (labels, gx_db_column_text (stmt, 1));
        }
      sqlite3_reset (stmt);
    }
  gtk_drop_down_set_model (self->club_dropdown, G_LIST_MODEL (labels));
  /* One club is the usual case: show its plan. */
  gtk_drop_down_set_selected (self->club_dropdown, self->club_ids->len == 2 ? 1 : 0);
}

static void
on_club_selected_cb (GxActivityPlanView *self)
{
  if (self->context != NULL)
    refresh (self);
}

void
gx_activity_plan_view_set_year (GxActivityPlanView *self,
                                int                 year)
{
  g_return_if_fail (GX_IS_ACTIVITY_PLAN_VIEW (self));

  self->year = CLAMP (year, 2000, 2100);
  if (self->context != NULL)
    refresh (self);
}

static void
gx_activity_plan_view_previous_year_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter)
{
  GxActivityPlanView *self = GX_ACTIVITY_PLAN_VIEW (widget);

  gx_activity_plan_view_set_year (self, self->year - 1);
}

static void
gx_activity_plan_view_next_year_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  GxActivityPlanView *self = GX_ACTIVITY_PLAN_VIEW (widget);

  gx_activity_plan_view_set_year (self, self->year + 1);
}

/* Export of the whole plan */

static void
on_export_response_cb (GtkNativeDialog    *dialog,
                       int                 response,
                       GxActivityPlanView *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    {
      g_autofree char *plan_id = gx_activity_dup_plan_id (reader (self), gx_activity_plan_view_get_club_id (self), self->year);
      g_autofree char *ics = NULL;
      guint skipped = 0;

      if (plan_id != NULL)
        ics = gx_activity_export_plan_ical (reader (self), plan_id, gx_clock_now (gx_context_get_clock (self->context)),
                                            &skipped, &error);
      if (ics != NULL && g_file_replace_contents (file, ics, strlen (ics), NULL, FALSE,
                                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = NULL;

          if (skipped > 0)
            text = g_strdup_printf (ngettext ("Saved as %s; %u activity without a date yet was left out.",
                                              "Saved as %s; %u activities without a date yet were left out.", skipped),
                                    name, skipped);
          else
            text = g_strdup_printf (_("Saved as %s."), name);
          gx_activity_ui_toast (GTK_WIDGET (self), text);
        }
      else if (error != NULL)
        gx_activity_ui_toast (GTK_WIDGET (self), error->message);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
gx_activity_plan_view_export_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  GxActivityPlanView *self = GX_ACTIVITY_PLAN_VIEW (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (gx_activity_plan_view_get_club_id (self) == NULL)
    {
      gx_activity_ui_toast (widget, _("Choose a club: each club has its own plan."));
      return;
    }

  dialog = gtk_file_chooser_native_new (_("Export Plan to Calendar"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  /* Translators: the file name of an exported year plan, %d is the year */
  name = g_strdup_printf (_("activity-plan-%d.ics"), self->year);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* GObject */

static void
set_context (GxActivityPlanView *self,
             GxContext          *context)
{
  g_autoptr(GDateTime) today = NULL;

  g_assert (self->context == NULL);
  self->context = g_object_ref (context);

  today = gx_clock_dup_local (gx_context_get_clock (context));
  self->year = g_date_time_get_year (today);
  g_signal_connect_object (gx_context_get_store (context), "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  fill_clubs (self);
  refresh (self);
}

static void
gx_activity_plan_view_dispose (GObject *object)
{
  GxActivityPlanView *self = (GxActivityPlanView *) object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_ACTIVITY_PLAN_VIEW);

  G_OBJECT_CLASS (gx_activity_plan_view_parent_class)->dispose (object);
}

static void
gx_activity_plan_view_finalize (GObject *object)
{
  GxActivityPlanView *self = (GxActivityPlanView *) object;

  g_clear_object (&self->context);
  g_clear_pointer (&self->club_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (gx_activity_plan_view_parent_class)->finalize (object);
}

static void
gx_activity_plan_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  GxActivityPlanView *self = GX_ACTIVITY_PLAN_VIEW (object);

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
gx_activity_plan_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  GxActivityPlanView *self = GX_ACTIVITY_PLAN_VIEW (object);

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
gx_activity_plan_view_class_init (GxActivityPlanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_activity_plan_view_dispose;
  object_class->finalize = gx_activity_plan_view_finalize;
  object_class->get_property = gx_activity_plan_view_get_property;
  object_class->set_property = gx_activity_plan_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GxActivityPlanView::activity-activated:
   * @id: the activity chosen in the calendar
   */
  signals[ACTIVITY_ACTIVATED] = g_signal_new ("activity-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * GxActivityPlanView::new-activity:
   * @club_id: (nullable): the club shown
   * @year: the year shown
   * @month: the month whose "+" was pressed
   */
  signals[NEW_ACTIVITY] = g_signal_new ("new-activity", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-activity-plan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GxActivityPlanView, root_box);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPlanView, year_label);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPlanView, club_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPlanView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPlanView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPlanView, money_label);
  gtk_widget_class_bind_template_child (widget_class, GxActivityPlanView, month_grid);
  gtk_widget_class_bind_template_callback (widget_class, on_club_selected_cb);

  gtk_widget_class_install_action (widget_class, "plan.previous-year", NULL, gx_activity_plan_view_previous_year_action);
  gtk_widget_class_install_action (widget_class, "plan.next-year", NULL, gx_activity_plan_view_next_year_action);
  gtk_widget_class_install_action (widget_class, "plan.export", NULL, gx_activity_plan_view_export_action);
}

static void
gx_activity_plan_view_init (GxActivityPlanView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->club_ids = g_ptr_array_new_with_free_func (g_free);
}
