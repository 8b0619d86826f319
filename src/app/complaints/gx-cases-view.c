/* gx-cases-view.c: the complaints place — queues, filters, deadlines, and one case at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-cases-view"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "gx-case-intake-dialog.h"
#include "gx-case-ops.h"
#include "gx-case-page.h"
#include "gx-case-print.h"
#include "gx-case-row.h"
#include "gx-cases-view.h"
#include "gx-context.h"
#include "gx-enums.h"
#include "gx-format.h"
#include "gx-lessons-window.h"
#include "gx-list-export.h"
#include "gx-list-filter.h"
#include "gx-query-model.h"
#include "gx-search.h"
#include "gx-sla-window.h"
#include "gx-visibility.h"
#include "gx-window.h"

/* Deadlines move with the clock, not with the store: every TICK_SECONDS the visible deadline
 * cells and the open case re-read the clock, and overdue cases are escalated (idempotent, in
 * one transaction). New hand-offs, escalations and "first responder informed" entries
 * addressed to the signed-in user become desktop notifications. */
#define TICK_SECONDS 30

/* Finding the cases due for escalation replays the clock of every overdue case (a few
 * seconds of a worker thread at 200,000 cases, most of them long overdue): every tenth tick
 * is often enough for deadlines counted in hours. */
#define ESCALATE_EVERY_TICKS 10

struct _GxCasesView
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwLeaflet          *leaflet;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *queue_dropdown;
  GtkMenuButton       *filters_button;
  GtkToggleButton     *deadline_toggle;
  GtkButton           *policies_button;
  GtkDropDown         *status_dropdown;
  GtkDropDown         *category_dropdown;
  GtkDropDown         *channel_dropdown;
  GtkDropDown         *severity_dropdown;
  GtkDropDown         *tier_dropdown;
  GtkEntry            *from_entry;
  GtkEntry            *until_entry;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkSingleSelection  *selection;
  GtkLabel            *count_label;
  GtkStack            *detail_stack;
  GxCasePage          *case_page;
  GtkColumnViewColumn *deadline_column;

  /* Owned */
  GxContext           *context;
  GxQueryModel        *model;
  GPtrArray           *category_ids;   /* NULL first: any */
  GPtrArray           *tier_ids;
  GHashTable          *deadline_labels; /* GtkLabel → GxRow, bound cells */
  GCancellable        *cancellable;
  guint                tick_source;
  guint                ticks;
  gint64               notices_seen;    /* case_events rowid */
  GPtrArray           *pending;         /* cases found due, not escalated yet */

  /* Filters a list opened from the overview brings, beyond the popover's */
  char                *customer_id;
  char                *team;
  char                *owner_id;
  gboolean             no_category;
  gboolean             escalated;
  gboolean             reopened;
  gboolean             visits_due;
  gboolean             quiet;           /* controls being set: no search per control */
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GxCasesView, gx_cases_view, GTK_TYPE_WIDGET)

static GxDb *
reader (GxCasesView *self)
{
  return gx_store_get_main_reader (gx_context_get_store (self->context));
}

static void
update_count (GxCasesView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *count = gx_format_count (n);
  g_autofree char *text = NULL;

  /* Translators: %s is a number with digit grouping, e.g. "12,408" */
  text = g_strdup_printf (ngettext ("%s case", "%s cases", n), count);
  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    n > 0 || gx_query_model_get_loading (self->model) ? "list" : "empty");
}

/* Queues and filters */

static const char *
vocab_choice (GtkDropDown *dropdown,
              GxVocab      vocab)
{
  guint n;
  const GxVocabEntry *entries = gx_vocab_entries (vocab, &n);
  guint selected = gtk_drop_down_get_selected (dropdown);

  /* The first choice is "any". */
  return selected >= 1 && selected <= n ? entries[selected - 1].code : NULL;
}

static const char *
id_choice (GtkDropDown *dropdown,
           GPtrArray   *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected < ids->len ? g_ptr_array_index (ids, selected) : NULL;
}

static gint64
parse_day (GxCasesView *self,
           GtkEntry    *entry,
           gboolean    *valid)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;
  char tail;

  *valid = TRUE;
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  if (text[0] == '\0')
    return 0;
  if (sscanf (text, "%d-%d-%d%c", &y, &m, &d, &tail) == 3)
    dt = g_date_time_new (gx_clock_get_timezone (gx_context_get_clock (self->context)), y, m, d, 0, 0, 0);
  if (dt == NULL)
    {
      *valid = FALSE;
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return 0;
    }
  return g_date_time_to_unix (dt);
}

static void
run_search (GxCasesView *self)
{
  g_autoptr(GVariant) params = NULL;
  g_autofree char *sql = NULL;
  gboolean from_ok, until_ok;
  gint64 until;
  guint active = 0;
  GxCaseFilter filter = {
    .text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
    .queue = (GxCaseQueue) gtk_drop_down_get_selected (self->queue_dropdown),
    .user_id = gx_context_get_user_id (self->context),
    .now = gx_clock_now (gx_context_get_clock (self->context)),
    .status = vocab_choice (self->status_dropdown, GX_VOCAB_CASE_STATUS),
    .category_id = id_choice (self->category_dropdown, self->category_ids),
    .channel = vocab_choice (self->channel_dropdown, GX_VOCAB_CASE_CHANNEL),
    .severity = vocab_choice (self->severity_dropdown, GX_VOCAB_SEVERITY),
    .tier_id = id_choice (self->tier_dropdown, self->tier_ids),
    .by_deadline = gtk_toggle_button_get_active (self->deadline_toggle),
    .customer_id = self->customer_id,
    .team = self->team,
    .owner_id = self->owner_id,
    .no_category = self->no_category,
    .escalated = self->escalated,
    .reopened = self->reopened,
    .visits_due = self->visits_due,
  };

  filter.received_from = parse_day (self, self->from_entry, &from_ok);
  until = parse_day (self, self->until_entry, &until_ok);
  /* "Until" includes the whole day. */
  filter.received_until = until != 0 ? until + 86400 : 0;

  active = (filter.status != NULL) + (filter.category_id != NULL) + (filter.channel != NULL) +
           (filter.severity != NULL) + (filter.tier_id != NULL) + (filter.received_from != 0) +
           (filter.received_until != 0) + (filter.customer_id != NULL) + (filter.team != NULL) +
           (filter.owner_id != NULL) + filter.no_category + filter.escalated + filter.reopened +
           filter.visits_due;
  if (active > 0)
    {
      /* Translators: %u is how many filters are on */
      g_autofree char *label = g_strdup_printf (_("Filters (%u)"), active);
      gtk_menu_button_set_label (self->filters_button, label);
    }
  else
    gtk_menu_button_set_label (self->filters_button, _("Filters"));

  sql = gx_search_case_queue (&filter, &params);
  gx_query_model_set_query (self->model, sql, params);
}

static void
on_filter_changed_cb (GxCasesView *self)
{
  if (self->context != NULL && !self->quiet)
    run_search (self);
}

static void
on_search_changed_cb (GxCasesView *self)
{
  on_filter_changed_cb (self);
}

static void
on_search_stop_cb (GxCasesView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
clear_hidden_filters (GxCasesView *self)
{
  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->team, g_free);
  g_clear_pointer (&self->owner_id, g_free);
  self->no_category = self->escalated = self->reopened = self->visits_due = FALSE;
}

static void
gx_cases_view_clear_filters_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  GxCasesView *self = GX_CASES_VIEW (widget);

  clear_hidden_filters (self);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->category_dropdown, 0);
  gtk_drop_down_set_selected (self->channel_dropdown, 0);
  gtk_drop_down_set_selected (self->severity_dropdown, 0);
  gtk_drop_down_set_selected (self->tier_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->until_entry), "");
}

static void
select_code (GtkDropDown *dropdown,
             GxVocab      vocab,
             const char  *code)
{
  int i = gx_vocab_index (vocab, code);

  gtk_drop_down_set_selected (dropdown, i >= 0 ? (guint) i + 1 : 0);
}

static void
select_id (GtkDropDown *dropdown,
           GPtrArray   *ids,
           const char  *id)
{
  for (guint i = 1; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  gtk_drop_down_set_selected (dropdown, 0);
}

/* "YYYY-MM-DD" → the day before it, or a copy of @date when it is not a date (the entry
 * then says what is wrong with it). */
static char *
day_before (const char *date)
{
  guint y, m, d;
  g_autoptr(GDate) day = NULL;

  if (sscanf (date, "%4u-%2u-%2u", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return g_strdup (date);
  day = g_date_new_dmy (d, m, y);
  g_date_subtract_days (day, 1);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (day), g_date_get_month (day), g_date_get_day (day));
}

/* A list opened from elsewhere (the overview's figures, win.show-list): the filter's keys are
 * queue (open, overdue, escalated, reopened, visits_due), status, category ("none" for
 * none), channel, severity, customer, received_from and received_until (YYYY-MM-DD, the second
 * exclusive), team and owner. Everything else the list had is cleared first. */
static void
gx_cases_view_apply_filter_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  GxCasesView *self = GX_CASES_VIEW (widget);
  g_autoptr(GHashTable) filter = gx_list_filter_parse (g_variant_get_string (parameter, NULL));
  const char *queue = g_hash_table_lookup (filter, "queue");
  const char *category = g_hash_table_lookup (filter, "category");
  GxCaseQueue chosen = GX_CASE_QUEUE_ALL;

  /* Quiet while the controls are set, then one search. */
  self->quiet = TRUE;
  gtk_widget_activate_action (widget, "view.clear-filters", NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  if (g_strcmp0 (queue, "open") == 0)
    chosen = GX_CASE_QUEUE_OPEN;
  else if (g_strcmp0 (queue, "overdue") == 0)
    chosen = GX_CASE_QUEUE_OVERDUE;
  else if (g_strcmp0 (queue, "escalated") == 0)
    chosen = GX_CASE_QUEUE_OPEN, self->escalated = TRUE;
  else if (g_strcmp0 (queue, "reopened") == 0)
    chosen = GX_CASE_QUEUE_OPEN, self->reopened = TRUE;
  else if (g_strcmp0 (queue, "visits_due") == 0)
    chosen = GX_CASE_QUEUE_OPEN, self->visits_due = TRUE;
  gtk_drop_down_set_selected (self->queue_dropdown, chosen);

  select_code (self->status_dropdown, GX_VOCAB_CASE_STATUS, g_hash_table_lookup (filter, "status"));
  select_code (self->channel_dropdown, GX_VOCAB_CASE_CHANNEL, g_hash_table_lookup (filter, "channel"));
  select_code (self->severity_dropdown, GX_VOCAB_SEVERITY, g_hash_table_lookup (filter, "severity"));
  if (g_strcmp0 (category, "none") == 0)
    self->no_category = TRUE;
  else
    select_id (self->category_dropdown, self->category_ids, category);
  if (g_hash_table_contains (filter, "received_from"))
    gtk_editable_set_text (GTK_EDITABLE (self->from_entry), g_hash_table_lookup (filter, "received_from"));
  if (g_hash_table_contains (filter, "received_until"))
    {
      /* The filter's day is exclusive, the entry's inclusive: show the day before. */
      g_autofree char *last_day = day_before (g_hash_table_lookup (filter, "received_until"));

      gtk_editable_set_text (GTK_EDITABLE (self->until_entry), last_day);
    }
  self->customer_id = g_strdup (g_hash_table_lookup (filter, "customer"));
  self->team = g_strdup (g_hash_table_lookup (filter, "team"));
  self->owner_id = g_strdup (g_hash_table_lookup (filter, "owner"));
  self->quiet = FALSE;

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  run_search (self);
}

static GtkStringList *
any_and_vocab (GxVocab vocab)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  guint n;
  const GxVocabEntry *entries = gx_vocab_entries (vocab, &n);

  gtk_string_list_append (list, _("Any"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, _(entries[i].label));
  return list;
}

static void
load_choices (GxCasesView *self,
              GtkDropDown *dropdown,
              GPtrArray   *ids,
              const char  *sql,
              GxVocab      vocab)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  sqlite3_stmt *stmt;

  g_ptr_array_add (ids, NULL);
  gtk_string_list_append (names, _("Any"));
  stmt = gx_db_prepare (reader (self), sql, NULL);
  if (stmt != NULL)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *id = gx_db_column_text (stmt, 0);

          g_ptr_array_add (ids, g_strdup (id));
          gtk_string_list_append (names, gx_vocab_display_name (vocab, id, gx_db_column_text (stmt, 1)));
        }
      sqlite3_reset (stmt);
    }
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (names));
}

/* Categories are edited by supervisors while the list is open: the filter offers them as
 * they are now, retired ones too (old cases still carry them), and keeps the one chosen. */
static void
load_categories (GxCasesView *self)
{
  g_autofree char *chosen = g_strdup (id_choice (self->category_dropdown, self->category_ids));

  g_ptr_array_set_size (self->category_ids, 0);
  load_choices (self, self->category_dropdown, self->category_ids,
                "SELECT id, name FROM case_categories ORDER BY active DESC, position", GX_VOCAB_CASE_CATEGORY);
  select_id (self->category_dropdown, self->category_ids, chosen);
}

/* The list and the page */

static void
on_selection_changed_cb (GxCasesView *self)
{
  GxRow *row = gtk_single_selection_get_selected_item (self->selection);

  if (row == NULL)
    return;

  gx_case_page_set_case_id (self->case_page, gx_row_get_id (row));
  gtk_stack_set_visible_child_name (self->detail_stack, "case");
}

static void
on_column_view_activate_cb (GxCasesView *self,
                            guint        position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_clicked_cb (GxCasesView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
show_case (GxCasesView *self,
           const char  *case_id)
{
  gint64 rowid = gx_db_query_int (reader (self), "SELECT rowid FROM cases WHERE id = ?",
                                  g_variant_new ("(s)", case_id), -1, NULL);
  int position = rowid >= 0 ? gx_query_model_find_rowid (self->model, rowid) : -1;

  if (position >= 0)
    gtk_single_selection_set_selected (self->selection, (guint) position);
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  gx_case_page_set_case_id (self->case_page, case_id);
  gtk_stack_set_visible_child_name (self->detail_stack, "case");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Deadline cells: the words and colour come from core, against the context's clock. */
static void
update_deadline_label (GxCasesView *self,
                       GtkLabel    *label,
                       GxRow       *row)
{
  g_autofree char *status = NULL;
  g_autofree char *text = NULL;
  gint64 ack_due = 0, acknowledged = 0, due = 0, warn = 0, done = 0;
  GxDeadlineState state;
  const char *style;

  if (self->context == NULL || row == NULL)
    return;

  g_object_get (row, "status-code", &status, "ack-due-at", &ack_due, "acknowledged-at", &acknowledged,
                "resolve-due-at", &due, "resolve-warn-at", &warn, "resolved-at", &done, NULL);
  state = gx_case_deadline (status, ack_due, acknowledged, due, warn, done,
                            gx_clock_now (gx_context_get_clock (self->context)), &text);
  style = gx_deadline_style_class (state);

  gtk_label_set_label (label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), style);
}

static void
on_deadline_row_notify_cb (GtkLabel   *label,
                           GParamSpec *pspec,
                           GxRow      *row)
{
  GxCasesView *self = g_object_get_data (G_OBJECT (label), "gx-view");

  update_deadline_label (self, label, row);
}

static void
deadline_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   GxCasesView              *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  g_object_set_data (G_OBJECT (label), "gx-view", self);
  gtk_list_item_set_child (item, label);
}

static void
deadline_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  GxCasesView              *self)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  GxRow *row = gtk_list_item_get_item (item);

  update_deadline_label (self, label, row);
  g_hash_table_insert (self->deadline_labels, label, row);
  g_signal_connect_object (row, "notify", G_CALLBACK (on_deadline_row_notify_cb), label, G_CONNECT_SWAPPED);
}

static void
deadline_unbind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    GxCasesView              *self)
{
  GObject *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  g_hash_table_remove (self->deadline_labels, label);
  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, on_deadline_row_notify_cb, label);
}

/* Ticking: deadlines, escalation, notices */

/* At most this many notifications at once; more become one summary. */
#define MAX_NOTICES 3

static void
send_notices (GxCasesView *self)
{
  GApplication *app = g_application_get_default ();
  const char *me = gx_context_get_user_id (self->context);
  g_autoptr(GPtrArray) notices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gint64 last = self->notices_seen;
  guint escalations = 0;

  if (me == NULL)
    return;

  stmt = gx_db_prepare (reader (self),
                        "SELECT e.rowid, e.kind, e.case_id, k.number, k.subject, e.note, a.display_name, e.to_user,"
                        "       e.from_user"
                        "  FROM case_events e JOIN cases k ON k.id = e.case_id"
                        "  LEFT JOIN users a ON a.id = e.user_id"
                        " WHERE e.rowid > ?1 AND e.kind IN ('handoff', 'notify', 'escalation')"
                        "   AND (e.to_user = ?2 OR (e.kind = 'escalation' AND k.assignee_id = ?2))"
                        "   AND (e.user_id IS NULL OR e.user_id <> ?2)"
                        " ORDER BY e.rowid",
                        NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, self->notices_seen);
  sqlite3_bind_text (stmt, 2, me, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *kind = gx_db_column_text (stmt, 1);
      const char *case_id = gx_db_column_text (stmt, 2);
      const char *number = gx_db_column_text (stmt, 3);
      const char *who = gx_db_column_text (stmt, 6);
      gboolean to_me = g_strcmp0 (gx_db_column_text (stmt, 7), me) == 0;
      GNotification *notification;
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;

      last = sqlite3_column_int64 (stmt, 0);

      if (g_str_equal (kind, "escalation"))
        {
          escalations++;
          /* Translators: %s is a case number */
          title = g_strdup_printf (to_me ? _("Case %s escalated to you") : _("Your case %s is overdue and was escalated"), number);
        }
      else if (g_str_equal (kind, "handoff"))
        /* Translators: %s is a case number, then a colleague's name */
        title = g_strdup_printf (_("Case %s handed to you by %s"), number, who);
      else if (sqlite3_column_type (stmt, 8) == SQLITE_NULL)
        /* How a case the user took and handed on ended (its note says how). */
        /* Translators: %s is a case number */
        title = g_strdup_printf (_("News of case %s, which you took"), number);
      else
        /* Translators: %s is a case number, then a colleague's name */
        title = g_strdup_printf (_("Your case %s was handed on by %s"), number, who);

      body = *gx_db_column_text (stmt, 5) != '\0'
             ? g_strdup_printf ("%s\n%s", gx_db_column_text (stmt, 4), gx_db_column_text (stmt, 5))
             : g_strdup (gx_db_column_text (stmt, 4));

      notification = g_notification_new (title);
      g_notification_set_body (notification, body);
      g_notification_set_priority (notification, g_str_equal (kind, "escalation") ? G_NOTIFICATION_PRIORITY_HIGH
                                                                                : G_NOTIFICATION_PRIORITY_NORMAL);
      g_notification_set_default_action_and_target (notification, "app.show-case", "s", case_id);
      g_ptr_array_add (notices, notification);
      g_ptr_array_add (ids, g_strdup_printf ("case-%s", case_id));
    }
  sqlite3_reset (stmt);

  self->notices_seen = last;
  if (app == NULL || notices->len == 0)
    return;

  /* Many at once (the first check after a weekend, say) read as one line, not a flood. */
  if (notices->len > MAX_NOTICES)
    {
      g_autoptr(GNotification) summary = NULL;
      g_autofree char *count = gx_format_count (notices->len);
      /* Translators: %s is a number of cases */
      g_autofree char *title = g_strdup_printf (ngettext ("%s case needs you", "%s cases need you", notices->len), count);
      g_autofree char *body = NULL;

      if (escalations > 0)
        {
          g_autofree char *overdue = gx_format_count (escalations);
          /* Translators: %s is a number of cases */
          body = g_strdup_printf (ngettext ("%s of them overdue and escalated.", "%s of them overdue and escalated.",
                                            escalations), overdue);
        }
      summary = g_notification_new (title);
      if (body != NULL)
        g_notification_set_body (summary, body);
      g_notification_set_priority (summary, escalations > 0 ? G_NOTIFICATION_PRIORITY_HIGH : G_NOTIFICATION_PRIORITY_NORMAL);
      g_notification_set_default_action_and_target (summary, "app.show-place", "s", "complaints");
      g_application_send_notification (app, "cases", summary);
      return;
    }

  for (guint i = 0; i < notices->len; i++)
    g_application_send_notification (app, g_ptr_array_index (ids, i), g_ptr_array_index (notices, i));
}

/* A few cases per write, so a desk's own saves never wait long behind a big escalation
 * (the first check after a long weekend may find thousands). */
#define ESCALATION_BATCH 50

static void escalate_next (GxCasesView *self);

static void
escalated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GxCasesView) self = user_data;
  g_autoptr(GxCaseOp) op = NULL;
  g_autoptr(GError) error = NULL;

  op = gx_case_op_finish (result, &error);
  if (op == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Escalating overdue cases failed: %s", error->message);
      g_clear_pointer (&self->pending, g_ptr_array_unref);
      return;
    }

  escalate_next (self);
}

static void
escalate_next (GxCasesView *self)
{
  GxCaseOp *op;

  if (self->pending == NULL || self->pending->len == 0)
    {
      g_clear_pointer (&self->pending, g_ptr_array_unref);
      send_notices (self);
      return;
    }

  op = gx_case_op_new (GX_CASE_OP_ESCALATE, NULL);
  op->case_ids = g_ptr_array_new_with_free_func (g_free);
  while (self->pending->len > 0 && op->case_ids->len < ESCALATION_BATCH)
    g_ptr_array_add (op->case_ids, g_ptr_array_steal_index (self->pending, self->pending->len - 1));
  gx_case_op_run (op, self->context, self->cancellable, escalated_cb, g_object_ref (self));
}

/* Which cases are due for escalation is read off the main thread on a reader connection;
 * the writer is held only to escalate the few it finds. */
static void
list_escalations_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GxStore *store = task_data;
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint64 now = *(gint64 *) g_object_get_data (G_OBJECT (task), "gx-now");
  GxDb *db = gx_store_acquire_reader (store, &error);

  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!gx_case_list_due_escalations (db, now, due, &error))
    {
      gx_store_release_reader (store, db);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  gx_store_release_reader (store, db);
  g_task_return_pointer (task, g_steal_pointer (&due), (GDestroyNotify) g_ptr_array_unref);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GxCasesView) self = user_data;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;

  due = g_task_propagate_pointer (G_TASK (result), &error);
  if (due == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Looking for overdue cases failed: %s", error->message);
      return;
    }

  /* A pass still writing is not started twice. */
  if (self->pending != NULL)
    return;

  self->pending = g_steal_pointer (&due);
  escalate_next (self);
}

static void
refresh_deadlines (GxCasesView *self)
{
  GHashTableIter iter;
  gpointer label, row;

  g_hash_table_iter_init (&iter, self->deadline_labels);
  while (g_hash_table_iter_next (&iter, &label, &row))
    update_deadline_label (self, label, row);
  gx_case_page_refresh_clock (self->case_page);
}

static void
check_deadlines (GxCasesView *self)
{
  g_autoptr(GTask) task = NULL;
  gint64 *now;

  refresh_deadlines (self);

  if (gx_context_get_user_id (self->context) == NULL)
    return;

  now = g_new (gint64, 1);
  *now = gx_clock_now (gx_context_get_clock (self->context));
  task = g_task_new (NULL, self->cancellable, listed_cb, g_object_ref (self));
  g_task_set_task_data (task, g_object_ref (gx_context_get_store (self->context)), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "gx-now", now, g_free);
  g_task_run_in_thread (task, list_escalations_thread);
}

static gboolean
tick_cb (gpointer data)
{
  GxCasesView *self = data;

  if (++self->ticks % ESCALATE_EVERY_TICKS == 0)
    check_deadlines (self);
  else
    {
      refresh_deadlines (self);
      send_notices (self);
    }
  return G_SOURCE_CONTINUE;
}

static void
gx_cases_view_check_deadlines_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  check_deadlines (GX_CASES_VIEW (widget));
}

/* Actions */

static void
on_case_registered_cb (GxCasesView *self,
                       const char  *case_id)
{
  show_case (self, case_id);
}

static void
gx_cases_view_new_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GxCasesView *self = GX_CASES_VIEW (widget);
  GtkWidget *dialog = gx_case_intake_dialog_new (self->context, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);

  g_signal_connect_object (dialog, "case-registered", G_CALLBACK (on_case_registered_cb), self, G_CONNECT_SWAPPED);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
gx_cases_view_show_case_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  show_case (GX_CASES_VIEW (widget), g_variant_get_string (parameter, NULL));
}

static void
gx_cases_view_focus_search_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  GxCasesView *self = GX_CASES_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
present_transient (GtkWidget *view,
                   GtkWidget *window)
{
  GtkRoot *root = gtk_widget_get_root (view);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (window));
}

static void
gx_cases_view_show_lessons_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  present_transient (widget, gx_lessons_window_new (GX_CASES_VIEW (widget)->context, NULL));
}

static void
gx_cases_view_edit_time_limits_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  present_transient (widget, gx_sla_window_new (GX_CASES_VIEW (widget)->context));
}

/* Print and export */

static void
on_case_shown_cb (GxCasesView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.print", gx_case_page_get_case_id (self->case_page) != NULL);
}

static void
view_toast (GxCasesView *self,
            const char  *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GX_IS_WINDOW (root))
    gx_window_add_toast (GX_WINDOW (root), adw_toast_new (text));
}

static void
gx_cases_view_print_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  GxCasesView *self = GX_CASES_VIEW (widget);
  const char *case_id = gx_case_page_get_case_id (self->case_page);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;

  if (case_id == NULL)
    {
      view_toast (self, _("Choose a case to print"));
      return;
    }
  if (!gx_case_print (self->context, case_id, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error))
    view_toast (self, error->message);
}

/* Every case the list holds, by the list's own query, not only the rows on screen: the
 * shared list export, with its progress, Cancel and toast. */
static void
gx_cases_view_export_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  GxCasesView *self = GX_CASES_VIEW (widget);
  const GxCsvColumn *columns;
  guint n_columns;

  columns = gx_case_row_csv_columns (&n_columns);
  gx_list_export_csv (widget, self->context, self->model, columns, n_columns,
                      _("Export the List as CSV"),
                      /* Translators: the default file name of an exported list of complaints */
                      _("complaints.csv"));
}

/* GObject */

static void
set_context (GxCasesView *self,
             GxContext   *context)
{
  GxRole role;

  g_assert (self->context == NULL);

  self->context = g_object_ref (context);
  g_object_set (self->case_page, "context", context, NULL);

  self->model = gx_query_model_new (gx_context_get_store (context), GX_TYPE_CASE_ROW);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));

  load_categories (self);
  g_signal_connect_object (gx_context_get_store (context), "changed::case_categories",
                           G_CALLBACK (load_categories), self, G_CONNECT_SWAPPED);
  load_choices (self, self->tier_dropdown, self->tier_ids,
                "SELECT id, name FROM tiers ORDER BY scheme, rank DESC", GX_VOCAB_TIER);

  /* Editing time limits and the calendar is a supervisor's job; so is the review queue, which
   * a supervisor sees first. A desk starts with its own cases. */
  role = gx_context_get_role (context);
  gtk_drop_down_set_selected (self->queue_dropdown,
                              role == GX_ROLE_SUPERVISOR || role == GX_ROLE_ADMIN ? GX_CASE_QUEUE_REVIEW : GX_CASE_QUEUE_MINE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.edit-time-limits",
                                 gx_visibility_may_write_kind (role, "sla_policy"));

  /* Only what happens from now on is announced. */
  self->notices_seen = gx_db_query_int (reader (self), "SELECT max (rowid) FROM case_events", NULL, 0, NULL);

  run_search (self);
  update_count (self);

  self->tick_source = g_timeout_add_seconds (TICK_SECONDS, tick_cb, self);
  check_deadlines (self);
}

static void
gx_cases_view_dispose (GObject *object)
{
  GxCasesView *self = (GxCasesView *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_CASES_VIEW);

  g_clear_pointer (&self->deadline_labels, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->model);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_cases_view_parent_class)->dispose (object);
}

static void
gx_cases_view_finalize (GObject *object)
{
  GxCasesView *self = (GxCasesView *) object;

  g_clear_pointer (&self->category_ids, g_ptr_array_unref);
  g_clear_pointer (&self->tier_ids, g_ptr_array_unref);
  clear_hidden_filters (self);

  G_OBJECT_CLASS (gx_cases_view_parent_class)->finalize (object);
}

static void
gx_cases_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GxCasesView *self = GX_CASES_VIEW (object);

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
gx_cases_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GxCasesView *self = GX_CASES_VIEW (object);

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
gx_cases_view_class_init (GxCasesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_cases_view_dispose;
  object_class->finalize = gx_cases_view_finalize;
  object_class->get_property = gx_cases_view_get_property;
  object_class->set_property = gx_cases_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GX_TYPE_CASE_ROW);
  g_type_ensure (GX_TYPE_CASE_PAGE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-cases-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, queue_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, filters_button);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, deadline_toggle);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, policies_button);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, severity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, tier_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, from_entry);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, until_entry);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, column_view);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, selection);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, case_page);
  gtk_widget_class_bind_template_child (widget_class, GxCasesView, deadline_column);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "view.focus-search", NULL, gx_cases_view_focus_search_action);
  gtk_widget_class_install_action (widget_class, "view.new", NULL, gx_cases_view_new_action);
  gtk_widget_class_install_action (widget_class, "view.show-case", "s", gx_cases_view_show_case_action);
  gtk_widget_class_install_action (widget_class, "view.clear-filters", NULL, gx_cases_view_clear_filters_action);
  gtk_widget_class_install_action (widget_class, "view.show-lessons", NULL, gx_cases_view_show_lessons_action);
  gtk_widget_class_install_action (widget_class, "view.edit-time-limits", NULL, gx_cases_view_edit_time_limits_action);
  gtk_widget_class_install_action (widget_class, "view.check-deadlines", NULL, gx_cases_view_check_deadlines_action);
  gtk_widget_class_install_action (widget_class, "view.apply-filter", "s", gx_cases_view_apply_filter_action);
  gtk_widget_class_install_action (widget_class, "view.print", NULL, gx_cases_view_print_action);
  gtk_widget_class_install_action (widget_class, "view.export-csv", NULL, gx_cases_view_export_action);
}

static void
gx_cases_view_init (GxCasesView *self)
{
  g_autoptr(GtkStringList) statuses = any_and_vocab (GX_VOCAB_CASE_STATUS);
  g_autoptr(GtkStringList) channels = any_and_vocab (GX_VOCAB_CASE_CHANNEL);
  g_autoptr(GtkStringList) severities = any_and_vocab (GX_VOCAB_SEVERITY);
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->category_ids = g_ptr_array_new_with_free_func (g_free);
  self->tier_ids = g_ptr_array_new_with_free_func (g_free);
  self->deadline_labels = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
  /* Printing needs a case shown, however it came to be shown. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.print", FALSE);
  g_signal_connect_object (self->case_page, "notify::case-id", G_CALLBACK (on_case_shown_cb), self, G_CONNECT_SWAPPED);

  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  gtk_drop_down_set_model (self->channel_dropdown, G_LIST_MODEL (channels));
  gtk_drop_down_set_model (self->severity_dropdown, G_LIST_MODEL (severities));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (deadline_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (deadline_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (deadline_unbind_cb), self);
  gtk_column_view_column_set_factory (self->deadline_column, factory);
  g_object_unref (factory);
}
