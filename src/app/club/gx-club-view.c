/* gx-club-view.c: the club place — members by club, tier, circle, state and what is due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-club-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-club-view-private.h"
#include "gx-enrol-dialog.h"
#include "gx-enums.h"
#include "gx-format.h"
#include "gx-member-row.h"
#include "gx-membership.h"
#include "gx-search.h"

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GxClubView, gx_club_view, GTK_TYPE_WIDGET)

/* What the "Show" filter offers, in its order. */
static const char * const due_labels[] = {
  N_("Everyone"), N_("Renewals due"), N_("Birthdays this month"), N_("Points expiring"),
};

static void
update_count (GxClubView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *count = gx_format_count (n);
  g_autofree char *text = NULL;

  /* Translators: %s is a number with digit grouping, e.g. "12,408" */
  text = g_strdup_printf (ngettext ("%s member", "%s members", n), count);
  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    n == 0 && !gx_query_model_get_loading (self->model) ? "empty" : "list");
}

static const char *
selected_id (GtkDropDown *dropdown,
             GPtrArray   *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  /* Position 0 is "All …". */
  if (ids == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > ids->len)
    return NULL;
  return g_ptr_array_index (ids, selected - 1);
}

char *
_gx_club_view_dup_today (GxClubView *self)
{
  return gx_date_of (gx_clock_now (gx_context_get_clock (self->context)));
}

static void
run_search (GxClubView *self)
{
  g_autoptr(GVariant) params = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *today = NULL;
  guint state, due;
  guint n_states;
  const GxVocabEntry *states;
  GxMemberFilter filter = { 0 };

  if (self->model == NULL)
    return;

  today = _gx_club_view_dup_today (self);
  states = gx_vocab_entries (GX_VOCAB_MEMBER_STATE, &n_states);
  state = gtk_drop_down_get_selected (self->state_dropdown);
  due = gtk_drop_down_get_selected (self->due_dropdown);

  filter.text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  filter.club_id = selected_id (self->club_dropdown, self->club_ids);
  filter.tier_id = filter.club_id ? selected_id (self->tier_dropdown, self->tier_ids) : NULL;
  filter.circle_id = filter.club_id ? selected_id (self->circle_dropdown, self->circle_ids) : NULL;
  filter.state = state > 0 && state <= n_states ? states[state - 1].code : NULL;
  filter.due = due < G_N_ELEMENTS (due_labels) ? (GxMemberDue) due : GX_MEMBER_DUE_ANY;
  filter.today = today;
  filter.joined_from = self->scope_joined_from;
  filter.joined_until = self->scope_joined_until;
  filter.owner_id = self->scope_owner;
  filter.team = self->scope_team;

  sql = gx_search_members_filtered (&filter, &params);
  gx_query_model_set_query (self->model, sql, params);
}

void
_gx_club_view_run_search (GxClubView *self)
{
  run_search (self);
}

/* Fills @dropdown with "All …" and the rows of @sql (id, label), keeping the choice. */
static void
fill_dropdown (GxClubView   *self,
               GtkDropDown  *dropdown,
               GPtrArray   **ids,
               const char   *all_label,
               const char   *sql,
               const char   *param,
               gboolean      tier_labels)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *previous = g_strdup (selected_id (dropdown, *ids));
  sqlite3_stmt *stmt;
  guint keep = 0;

  g_clear_pointer (ids, g_ptr_array_unref);
  *ids = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (labels, all_label);

  stmt = gx_db_prepare (db, sql, NULL);
  if (stmt != NULL)
    {
      if (param != NULL)
        sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree char *label = tier_labels ? gx_tier_label (gx_db_column_text (stmt, 2), gx_db_column_text (stmt, 1))
                                               : gx_db_dup_column (stmt, 1);

          g_ptr_array_add (*ids, gx_db_dup_column (stmt, 0));
          gtk_string_list_append (labels, label);
          if (g_strcmp0 (previous, gx_db_column_text (stmt, 0)) == 0)
            keep = (*ids)->len;
        }
      sqlite3_reset (stmt);
    }

  g_signal_handlers_block_matched (dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (dropdown, keep);
  g_signal_handlers_unblock_matched (dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static void
fill_club_filters (GxClubView *self)
{
  const char *club_id = selected_id (self->club_dropdown, self->club_ids);

  gtk_widget_set_visible (self->club_filter_box, club_id != NULL);
  fill_dropdown (self, self->tier_dropdown, &self->tier_ids, _("All tiers"),
                 "SELECT id, name, code FROM club_tiers WHERE club_id = ? ORDER BY rank DESC", club_id ? club_id : "", TRUE);
  fill_dropdown (self, self->circle_dropdown, &self->circle_ids, _("All circles"),
                 "SELECT id, name FROM circles WHERE club_id = ? ORDER BY name", club_id ? club_id : "", FALSE);
}

static void
fill_filters (GxClubView *self)
{
  fill_dropdown (self, self->club_dropdown, &self->club_ids, _("All clubs"),
                 "SELECT id, name FROM clubs ORDER BY name", NULL, FALSE);
  fill_club_filters (self);
}

/* The reminders: how many renewals are due, birthdays fall this month and members have
 * points expiring, in the "Show" filter's own labels, so they are seen without asking. */
static void
update_due_counts (GxClubView *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *today = _gx_club_view_dup_today (self);
  guint selected = gtk_drop_down_get_selected (self->due_dropdown);

  gtk_string_list_append (labels, _(due_labels[0]));
  for (guint i = 1; i < G_N_ELEMENTS (due_labels); i++)
    {
      GxMemberFilter filter = { .due = (GxMemberDue) i, .today = today };
      g_autoptr(GVariant) params = NULL;
      g_autofree char *keys = gx_search_members_filtered (&filter, &params);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM (%s)", keys);
      gint64 n = gx_db_query_int (db, sql, params, 0, NULL);
      g_autofree char *count = gx_format_count ((guint) n);
      /* Translators: a filter with its count: "Renewals due (12)" */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), _(due_labels[i]), count);

      gtk_string_list_append (labels, label);
    }

  g_signal_handlers_block_matched (self->due_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_drop_down_set_model (self->due_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->due_dropdown, selected == GTK_INVALID_LIST_POSITION ? 0 : selected);
  g_signal_handlers_unblock_matched (self->due_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static void
on_filter_changed_cb (GxClubView *self,
                      GParamSpec *pspec,
                      GtkDropDown *dropdown)
{
  if (dropdown == self->club_dropdown)
    fill_club_filters (self);
  run_search (self);
}

static void
on_selection_changed_cb (GxClubView *self)
{
  GxRow *row = gtk_single_selection_get_selected_item (self->selection);

  _gx_club_view_show_member (self, row ? gx_row_get_id (row) : NULL);
}

static void
on_search_changed_cb (GxClubView *self)
{
  run_search (self);
}

static void
on_search_stop_cb (GxClubView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_column_view_activate_cb (GxClubView *self,
                            guint       position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_clicked_cb (GxClubView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static char *
format_int_cb (gpointer unused,
               gint64   n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

static char *
format_iso_date_cb (gpointer    unused,
                    const char *iso_date)
{
  return gx_format_iso_date (iso_date);
}

/* The state column: derived from the row's dates on the context's clock, in words and with
 * the style of its urgency. */

static const char *
state_style (GxMemberState state)
{
  switch (state)
    {
    case GX_MEMBER_STATE_ACTIVE:
      return "success";
    case GX_MEMBER_STATE_GRACE:
      return "warning";
    case GX_MEMBER_STATE_LAPSED:
    case GX_MEMBER_STATE_SUSPENDED:
    case GX_MEMBER_STATE_CANCELLED:
      return "error";
    case GX_MEMBER_STATE_APPLICANT:
    default:
      return "accent";
    }
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static void
update_state_label (GtkLabel *label,
                    GxRow    *row)
{
  GxClubView *self = g_object_get_data (G_OBJECT (label), "gx-view");
  g_autofree char *applied = NULL, *joined = NULL, *period_end = NULL, *cancelled = NULL;
  g_autofree char *suspended = NULL, *until = NULL, *today = NULL;
  GxMembershipDates dates = { 0 };
  GxMemberState state;
  const char * const styles[] = { "success", "warning", "error", "accent" };

  if (self == NULL || self->context == NULL || row == NULL)
    return;

  g_object_get (row, "applied-on", &applied, "joined-on", &joined, "period-end", &period_end,
                "cancelled-on", &cancelled, "suspended-reason", &suspended, "suspended-until", &until,
                "grace-days", &dates.grace_days, NULL);
  dates.applied_on = nonempty (applied);
  dates.joined_on = nonempty (joined);
  dates.period_end = nonempty (period_end);
  dates.cancelled_on = nonempty (cancelled);
  dates.suspended_reason = nonempty (suspended);
  dates.suspended_until = nonempty (until);
  today = _gx_club_view_dup_today (self);
  state = gx_membership_state (&dates, today, NULL);

  gtk_label_set_label (label, gx_vocab_label (GX_VOCAB_MEMBER_STATE, gx_member_state_to_code (state)));
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), styles[i]);
  gtk_widget_add_css_class (GTK_WIDGET (label), state_style (state));
}

static void
on_state_row_notify_cb (GtkLabel   *label,
                        GParamSpec *pspec,
                        GxRow      *row)
{
  update_state_label (label, row);
}

static void
state_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                GxClubView               *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  g_object_set_data (G_OBJECT (label), "gx-view", self);
  gtk_list_item_set_child (item, label);
}

static void
state_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               GxClubView               *self)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  GxRow *row = gtk_list_item_get_item (item);

  update_state_label (label, row);
  /* A refill notifies the columns that changed; the state follows any of its dates. */
  g_signal_connect_object (row, "notify", G_CALLBACK (on_state_row_notify_cb), label, G_CONNECT_SWAPPED);
}

static void
state_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 GxClubView               *self)
{
  GObject *row = gtk_list_item_get_item (item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, on_state_row_notify_cb, gtk_list_item_get_child (item));
}

static gboolean
refresh_idle_cb (gpointer data)
{
  GxClubView *self = data;

  self->refresh_id = 0;
  _gx_club_view_refresh_member (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (GxClubView *self,
                     const char *table)
{
  if (g_strcmp0 (table, "clubs") == 0 || g_strcmp0 (table, "club_tiers") == 0 || g_strcmp0 (table, "circles") == 0)
    fill_filters (self);

  if (g_strcmp0 (table, "memberships") == 0 || g_strcmp0 (table, "customers") == 0 ||
      g_strcmp0 (table, "points_ledger") == 0)
    update_due_counts (self);

  /* One refresh of the page per burst of commits. */
  if (self->membership_id != NULL && self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

/* What the signed-in role may do here; the server holds every role to the same. */
static void
update_role (GxClubView *self)
{
  GxRole role = gx_context_get_role (self->context);

  gtk_widget_set_visible (self->adjust_button, role == GX_ROLE_SUPERVISOR || role == GX_ROLE_ADMIN);
  /* Clubs, tiers and rewards, and tier reviews, are the relationship managers' (and their
   * supervisors'); a customer manager at a desk enrols and serves members. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "club.settings", role != GX_ROLE_DESK);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "club.tier-review", role != GX_ROLE_DESK);
}

static void
set_context (GxClubView *self,
             GxContext  *context)
{
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);
  const GxVocabEntry *entries;
  guint n;

  g_assert (self->context == NULL);

  self->context = g_object_ref (context);
  self->model = gx_query_model_new (gx_context_get_store (context), GX_TYPE_MEMBER_ROW);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gx_context_get_store (context), "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));

  gtk_string_list_append (states, _("All states"));
  entries = gx_vocab_entries (GX_VOCAB_MEMBER_STATE, &n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (states, gx_vocab_label (GX_VOCAB_MEMBER_STATE, entries[i].code));
  g_signal_handlers_block_matched (self->state_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (states));
  g_signal_handlers_unblock_matched (self->state_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  update_due_counts (self);
  fill_filters (self);

  update_role (self);
  g_signal_connect_object (context, "notify::role", G_CALLBACK (update_role), self, G_CONNECT_SWAPPED);

  run_search (self);
  update_count (self);
}

/* Actions */

static void
gx_club_view_focus_search_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  GxClubView *self = GX_CLUB_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_enrolled_cb (GxClubView *self,
                const char *membership_id)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  gint64 rowid = gx_db_query_int (db, "SELECT rowid FROM memberships WHERE id = ?",
                                  g_variant_new ("(s)", membership_id), -1, NULL);
  int position;

  /* Show the new member at once, even before the list has caught up. */
  _gx_club_view_show_member (self, membership_id);
  position = gx_query_model_find_rowid (self->model, rowid);
  if (position >= 0)
    gtk_single_selection_set_selected (self->selection, (guint) position);
}

static void
gx_club_view_new_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GxClubView *self = GX_CLUB_VIEW (widget);
  GtkWidget *dialog = gx_enrol_dialog_new (self->context, NULL, selected_id (self->club_dropdown, self->club_ids));

  g_signal_connect_object (dialog, "enrolled", G_CALLBACK (on_enrolled_cb), self, G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
gx_club_view_dispose (GObject *object)
{
  GxClubView *self = (GxClubView *) object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_CLUB_VIEW);

  g_clear_object (&self->model);
  g_clear_object (&self->context);
  g_clear_pointer (&self->club_ids, g_ptr_array_unref);
  g_clear_pointer (&self->tier_ids, g_ptr_array_unref);
  g_clear_pointer (&self->circle_ids, g_ptr_array_unref);
  g_clear_pointer (&self->membership_id, g_free);
  g_clear_pointer (&self->club_id, g_free);
  _gx_club_view_finalize_scope (self);

  G_OBJECT_CLASS (gx_club_view_parent_class)->dispose (object);
}

static void
gx_club_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GxClubView *self = GX_CLUB_VIEW (object);

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
gx_club_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GxClubView *self = GX_CLUB_VIEW (object);

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
gx_club_view_class_init (GxClubViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_club_view_dispose;
  object_class->get_property = gx_club_view_get_property;
  object_class->set_property = gx_club_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GX_TYPE_MEMBER_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-club-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GxClubView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, club_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, due_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, tier_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, circle_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, club_filter_box);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, column_view);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, state_column);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, selection);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, count_label);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, scope_bar);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, scope_label);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, member_page);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, title_label);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, adjust_button);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, state_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, state_badge);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, available_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, expiring_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, ledger_list);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, rights_list);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, history_list);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, member_number_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, club_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, tier_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, joined_on_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, period_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, sponsor_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, circles_row);
  gtk_widget_class_bind_template_child (widget_class, GxClubView, birthday_row);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_int_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_iso_date_cb);

  gtk_widget_class_install_action (widget_class, "view.focus-search", NULL, gx_club_view_focus_search_action);
  gtk_widget_class_install_action (widget_class, "view.new", NULL, gx_club_view_new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "member.statement", NULL);
  _gx_club_view_install_actions (widget_class);
  _gx_club_view_install_tools (widget_class);
  _gx_club_view_install_scope (widget_class);
}

static void
gx_club_view_init (GxClubView *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (state_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (state_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (state_unbind_cb), self);
  gtk_column_view_column_set_factory (self->state_column, factory);
  g_object_unref (factory);
}
