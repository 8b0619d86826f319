/* gx-customers-view.c: the customer archive — find a customer in a keystroke, filter and
 * sort the list, open a profile (asking why when it is confidential)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customers-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-context.h"
#include "gx-customer.h"
#include "gx-customer-editor.h"
#include "gx-customer-profile.h"
#include "gx-customer-row.h"
#include "gx-customer-search.h"
#include "gx-customers-view-private.h"
#include "gx-enums.h"
#include "gx-form.h"
#include "gx-format.h"
#include "gx-query-model.h"
#include "gx-visibility.h"

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GxCustomersView, gx_customers_view, GTK_TYPE_WIDGET)

/* Today's date for the follow-up column's closures, which only see the row. */
static char *today;

/* The query */

static const char *
dropdown_code (GtkDropDown *dropdown,
               GxVocab      vocab)
{
  return gx_form_vocab_code (vocab, gtk_drop_down_get_selected (dropdown), TRUE);
}

void
_gx_customers_view_fill_query (GxCustomersView *self,
                               GxCustomerQuery *query)
{
  g_autoptr(GDateTime) now = gx_clock_dup_local (gx_context_get_clock (self->context));
  guint tier = gtk_drop_down_get_selected (self->tier_dropdown);

  g_free (today);
  today = gx_clock_dup_today (gx_context_get_clock (self->context));

  *query = (GxCustomerQuery) {
    .text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
    .kind = dropdown_code (self->kind_dropdown, GX_VOCAB_CUSTOMER_KIND),
    .stage = dropdown_code (self->stage_dropdown, GX_VOCAB_STAGE),
    .tier_id = tier > 0 && tier < self->tier_ids->len ? g_ptr_array_index (self->tier_ids, tier) : NULL,
    .confidentiality = dropdown_code (self->level_dropdown, GX_VOCAB_CONFIDENTIALITY),
    .owner_id = gtk_toggle_button_get_active (self->mine_toggle) ? gx_context_get_user_id (self->context) : self->scope_owner,
    .birthday_month = gtk_check_button_get_active (self->birthday_check) ? g_date_time_get_month (now) : 0,
    .due_by = gtk_toggle_button_get_active (self->due_toggle) ? today : NULL,
    .open_cases = gtk_check_button_get_active (self->cases_check),
    .club_members = gtk_check_button_get_active (self->members_check),
    .archived = gtk_check_button_get_active (self->archived_check),
    .sort = g_strcmp0 (self->sort, "last-contact") == 0 ? GX_CUSTOMER_SORT_LAST_CONTACT
          : g_strcmp0 (self->sort, "tier") == 0 ? GX_CUSTOMER_SORT_TIER
          : GX_CUSTOMER_SORT_NAME,
    .confidential = self->scope_confidential,
    .team = self->scope_team,
  };
}

static guint
count_filters (GxCustomersView *self)
{
  GxCustomerQuery q;

  _gx_customers_view_fill_query (self, &q);
  return (q.kind != NULL) + (q.stage != NULL) + (q.tier_id != NULL) + (q.confidentiality != NULL) +
         (q.birthday_month != 0) + q.open_cases + q.club_members + q.archived;
}

static void
update_count (GxCustomersView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *count = gx_format_count (n);
  g_autofree char *text = NULL;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean loading = gx_query_model_get_loading (self->model);

  if (self->capped)
    {
      g_autofree char *cap = gx_format_count (GX_CUSTOMER_SEARCH_CAP);
      /* Translators: %s is a number, e.g. "1,000" */
      text = g_strdup_printf (_("More than %s customers match — the first ones are listed; type more to narrow the search"), cap);
    }
  else
    /* Translators: %s is a number with digit grouping, e.g. "12,408" */
    text = g_strdup_printf (ngettext ("%s customer", "%s customers", n), count);
  gtk_label_set_label (self->count_label, text);

  if (n > 0 || loading)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  gtk_stack_set_visible_child_name (self->list_stack, "empty");
  if (!gx_form_is_blank (search))
    {
      /* Translators: %s is what the user searched for */
      g_autofree char *description = g_strdup_printf (_("Nothing matches “%s”. Try a phone number, pinyin initials such as “ww”, or a customer number."), search);
      adw_status_page_set_description (self->list_empty_page, description);
    }
  else if (count_filters (self) > 0 || gtk_toggle_button_get_active (self->mine_toggle) ||
           gtk_toggle_button_get_active (self->due_toggle))
    adw_status_page_set_description (self->list_empty_page, _("No customer matches these filters."));
  else
    adw_status_page_set_description (self->list_empty_page, _("The archive is empty — press Ctrl+N to create the first customer."));
}

void
_gx_customers_view_run_search (GxCustomersView *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  g_autoptr(GVariant) params = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *filters_label = NULL;
  GxCustomerQuery query;
  guint n_filters;

  _gx_customers_view_fill_query (self, &query);
  sql = gx_customer_search_keys_sql (db, &query, &params);

  /* Whether the search was cut off: a capped count, never a full one. */
  self->capped = gx_customer_search_count (db, query.text, GX_CUSTOMER_SEARCH_CAP + 1, NULL) > GX_CUSTOMER_SEARCH_CAP;

  gx_query_model_set_query (self->model, sql, params);

  n_filters = count_filters (self);
  /* Translators: the Filters button with the number of filters in use */
  filters_label = n_filters > 0 ? g_strdup_printf (_("Filters (%u)"), n_filters) : g_strdup (_("Filters"));
  gtk_menu_button_set_label (self->filters_button, filters_label);

  update_count (self);
}

/* Opening a profile */

static void
show_detail (GxCustomersView *self,
             const char      *page)
{
  gtk_stack_set_visible_child_name (self->detail_stack, page);
  if (g_strcmp0 (page, "profile") == 0)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

typedef struct
{
  GxCustomersView *self;
  char            *customer_id;
  char            *user_id;
  char            *reason;
  gint64           now;
} OpenJob;

static void
open_job_free (gpointer data)
{
  OpenJob *job = data;

  g_clear_object (&job->self);
  g_free (job->customer_id);
  g_free (job->user_id);
  g_free (job->reason);
  g_free (job);
}

static gboolean
log_open (GxDb      *db,
          gpointer   user_data,
          GError   **error)
{
  OpenJob *job = user_data;
  GxWriteMeta meta = { .now = job->now, .user_id = job->user_id };

  return gx_customer_log_access (db, job->customer_id, "open", NULL, job->reason, &meta, error);
}

static void
logged_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  OpenJob *job = user_data;
  g_autoptr(GError) error = NULL;
  GxCustomersView *self = job->self;

  if (!gx_store_write_finish (GX_STORE (object), result, &error))
    {
      /* Not registered, not shown. */
      adw_status_page_set_description (self->restricted_page, error->message);
      show_detail (self, "restricted");
    }
  else if (g_strcmp0 (self->pending_id, job->customer_id) == 0)
    {
      g_free (self->opened_id);
      self->opened_id = g_strdup (job->customer_id);
      gx_customer_profile_show (self->profile, job->customer_id, job->reason);
      show_detail (self, "profile");
    }

  open_job_free (job);
}

static void
on_reason_changed_cb (GtkEditable      *entry,
                      AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "open", !gx_form_is_blank (gtk_editable_get_text (entry)));
}

static void
on_reason_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       GxCustomersView  *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  const char *customer_id = g_object_get_data (G_OBJECT (dialog), "customer-id");
  OpenJob *job;

  if (g_strcmp0 (response, "open") != 0 || gx_form_is_blank (gtk_editable_get_text (entry)))
    {
      if (g_strcmp0 (self->pending_id, customer_id) == 0)
        show_detail (self, "empty");
      return;
    }

  job = g_new0 (OpenJob, 1);
  job->self = g_object_ref (self);
  job->customer_id = g_strdup (customer_id);
  job->user_id = g_strdup (gx_context_get_user_id (self->context));
  job->reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  job->now = gx_clock_now (gx_context_get_clock (self->context));
  gx_store_write_async (gx_context_get_store (self->context), log_open, job, NULL, NULL, logged_cb, job);
}

static void
ask_reason (GxCustomersView *self,
            const char      *customer_id,
            const char      *name,
            const char      *level)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: %s are a customer's name and a confidentiality level ("Confidential") */
  body = g_strdup_printf (_("%s is marked %s. Opening the profile is registered in the access log with your name, the time and your reason."),
                          name, gx_vocab_label (GX_VOCAB_CONFIDENTIALITY, level));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Open a Confidential Profile"), body);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason, e.g. the customer called about a transfer"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason for opening"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open and Register"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "open", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data_full (G_OBJECT (dialog), "customer-id", g_strdup (customer_id), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (on_reason_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reason_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/**
 * _gx_customers_view_open:
 * @self: the view
 * @customer_id: (nullable): the customer to open
 *
 * Opens a profile the way the rules say: one the user may not read shows why not; one whose
 * reads are registered asks for the reason and registers it first.
 */
void
_gx_customers_view_open (GxCustomersView *self,
                         const char      *customer_id)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  g_autoptr(JsonArray) rows = NULL;
  JsonObject *row;
  const char *level;
  const char *owner;
  const char *name;
  GxConfidentiality confidentiality;

  g_free (self->pending_id);
  self->pending_id = g_strdup (customer_id);

  if (customer_id == NULL)
    {
      show_detail (self, "empty");
      return;
    }

  rows = gx_customer_query_rows (db, "SELECT name, confidentiality, owner_id FROM customers WHERE id = ?",
                                 g_variant_new ("(s)", customer_id), NULL);
  if (rows == NULL || json_array_get_length (rows) == 0)
    {
      show_detail (self, "empty");
      return;
    }

  row = json_array_get_object_element (rows, 0);
  name = json_object_get_string_member (row, "name");
  level = json_object_get_string_member (row, "confidentiality");
  owner = json_object_get_null_member (row, "owner_id") ? NULL : json_object_get_string_member (row, "owner_id");
  confidentiality = gx_confidentiality_from_code (level);

  if (!gx_visibility_can_see (gx_context_get_role (self->context), gx_context_get_user_id (self->context),
                              confidentiality, owner))
    {
      g_autofree char *description = NULL;

      /* Translators: %s are a customer's name and a confidentiality level */
      description = g_strdup_printf (confidentiality == GX_CONFIDENTIALITY_TOP_SECRET
                                     ? _("%s is marked %s: only the relationship manager and supervisors may open the profile.")
                                     : _("%s is marked %s: your role may not open the profile. Ask the relationship manager or a supervisor."),
                                     name, gx_vocab_label (GX_VOCAB_CONFIDENTIALITY, level));
      adw_status_page_set_description (self->restricted_page, description);
      show_detail (self, "restricted");
      return;
    }

  /* The same profile again, still on screen: it was registered when it was opened. */
  if (gx_visibility_is_registered (confidentiality) && g_strcmp0 (self->opened_id, customer_id) != 0)
    {
      ask_reason (self, customer_id, name, level);
      return;
    }

  g_free (self->opened_id);
  self->opened_id = g_strdup (customer_id);
  gx_customer_profile_show (self->profile,
                            customer_id, NULL);
  show_detail (self, "profile");
}

static void
on_selection_changed_cb (GxCustomersView *self)
{
  GxRow *row = gtk_single_selection_get_selected_item (self->selection);

  /* Nothing selected: the profile stays, and selecting the row again opens it again. */
  if (row == NULL)
    {
      g_clear_pointer (&self->pending_id, g_free);
      return;
    }

  if (g_strcmp0 (gx_row_get_id (row), self->pending_id) != 0)
    _gx_customers_view_open (self, gx_row_get_id (row));
}

static void
on_open_customer_cb (GxCustomersView *self,
                     const char      *customer_id)
{
  _gx_customers_view_open (self, customer_id);
}

static void
on_profile_gone_cb (GxCustomersView *self)
{
  /* The customer on screen was deleted: back to the list, nothing selected. */
  g_clear_pointer (&self->opened_id, g_free);
  gx_customer_profile_show (self->profile, NULL, NULL);
  show_detail (self, "empty");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_column_view_activate_cb (GxCustomersView *self,
                            guint            position)
{
  gtk_single_selection_set_selected (self->selection, position);
  if (gtk_stack_get_visible_child_name (self->detail_stack) != NULL &&
      g_str_equal (gtk_stack_get_visible_child_name (self->detail_stack), "profile"))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Search and filters */

static void
on_search_changed_cb (GxCustomersView *self)
{
  _gx_customers_view_run_search (self);
}

static void
on_search_activate_cb (GxCustomersView *self)
{
  /* Enter opens the first match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      on_selection_changed_cb (self);
    }
}

static void
on_filter_changed_cb (GxCustomersView *self)
{
  _gx_customers_view_run_search (self);
}

static void
on_search_stop_cb (GxCustomersView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_back_clicked_cb (GxCustomersView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static gboolean
is_confidential_cb (gpointer    unused,
                    const char *level)
{
  return level != NULL && *level != '\0' && g_strcmp0 (level, "ordinary") != 0;
}

static char *
format_date_cb (gpointer unused,
                gint64   unix_seconds)
{
  return unix_seconds ? gx_format_date (unix_seconds, NULL) : g_strdup ("");
}

static char *
format_follow_up_cb (gpointer    unused,
                     const char *follow_up_on)
{
  return gx_follow_up_format (follow_up_on, today);
}

static GStrv
follow_up_classes_cb (gpointer    unused,
                      const char *follow_up_on)
{
  const char *style = gx_follow_up_style_class (gx_follow_up_state (follow_up_on, today));
  GStrv classes = g_new0 (char *, 2);

  classes[0] = g_strdup (style);
  return classes;
}

static void
on_model_items_changed_cb (GxCustomersView *self)
{
  update_count (self);

  /* A profile just created or opened from elsewhere: select it once the list has it. */
  if (self->select_after_load != NULL)
    {
      GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
      gint64 rowid = gx_db_query_int (db, "SELECT rowid FROM customers WHERE id = ?",
                                      g_variant_new ("(s)", self->select_after_load), -1, NULL);
      int position = rowid >= 0 ? gx_query_model_find_rowid (self->model, rowid) : -1;

      if (position >= 0)
        {
          g_clear_pointer (&self->select_after_load, g_free);
          gtk_single_selection_set_selected (self->selection, (guint) position);
        }
    }
}

static void
fill_filter_dropdowns (GxCustomersView *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  g_autoptr(JsonArray) tiers = gx_customer_query_rows (db, "SELECT id, name FROM tiers ORDER BY scheme = 'enterprise', rank DESC", NULL, NULL);
  g_autoptr(GtkStringList) tier_model = gtk_string_list_new (NULL);
  struct {
    GtkDropDown **dropdown;
    const char   *label;
    GxVocab       vocab;
    const char   *any;
  } rows[] = {
    { &self->kind_dropdown, N_("Kind"), GX_VOCAB_CUSTOMER_KIND, N_("Any kind") },
    { &self->stage_dropdown, N_("Stage"), GX_VOCAB_STAGE, N_("Any stage") },
    { &self->tier_dropdown, N_("Tier"), GX_VOCAB_TIER, N_("Any tier") },
    { &self->level_dropdown, N_("Confidentiality"), GX_VOCAB_CONFIDENTIALITY, N_("Any level") },
  };

  g_ptr_array_add (self->tier_ids, NULL);
  gtk_string_list_append (tier_model, _("Any tier"));
  for (guint i = 0; tiers != NULL && i < json_array_get_length (tiers); i++)
    {
      JsonObject *row = json_array_get_object_element (tiers, i);
      const char *id = json_object_get_string_member (row, "id");

      g_ptr_array_add (self->tier_ids, g_strdup (id));
      gtk_string_list_append (tier_model, gx_vocab_index (GX_VOCAB_TIER, id) >= 0
                                            ? gx_vocab_label (GX_VOCAB_TIER, id)
                                            : json_object_get_string_member (row, "name"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *label = gtk_label_new (_(rows[i].label));
      GtkStringList *model = rows[i].vocab == GX_VOCAB_TIER ? g_object_ref (tier_model)
                                                            : gx_form_vocab_model (rows[i].vocab, _(rows[i].any));
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (model), NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdown);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _(rows[i].label), -1);
      gtk_widget_set_hexpand (dropdown, TRUE);
      gtk_grid_attach (self->filters_grid, label, 0, (int) i, 1, 1);
      gtk_grid_attach (self->filters_grid, dropdown, 1, (int) i, 1, 1);
      g_signal_connect_swapped (dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
      *rows[i].dropdown = GTK_DROP_DOWN (dropdown);
    }
}

static void
set_context (GxCustomersView *self,
             GxContext       *context)
{
  g_assert (self->context == NULL);

  self->context = g_object_ref (context);
  g_object_set (self->profile, "context", context, NULL);
  self->model = gx_query_model_new (gx_context_get_store (context), GX_TYPE_CUSTOMER_ROW);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (on_model_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->model));

  fill_filter_dropdowns (self);

  if (gx_context_get_settings (context) != NULL)
    g_settings_bind (gx_context_get_settings (context), "customer-sort", self, "sort", G_SETTINGS_BIND_DEFAULT);

  _gx_customers_view_run_search (self);
}

static void
set_sort (GxCustomersView *self,
          const char      *sort)
{
  if (g_strcmp0 (self->sort, sort) == 0)
    return;

  g_free (self->sort);
  self->sort = g_strdup (sort);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);

  if (self->model != NULL)
    _gx_customers_view_run_search (self);
}

/* Actions */

static void
gx_customers_view_focus_search_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  GxCustomersView *self = GX_CUSTOMERS_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_editor_saved_cb (GxCustomersView *self,
                    const char      *customer_id,
                    gboolean         created)
{
  if (!created)
    return;

  g_free (self->select_after_load);
  self->select_after_load = g_strdup (customer_id);
  _gx_customers_view_open (self, customer_id);
}

static void
gx_customers_view_new_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  GxCustomersView *self = GX_CUSTOMERS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *editor = gx_customer_editor_new (self->context, NULL);

  gtk_window_set_transient_for (editor, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "open-customer", G_CALLBACK (on_open_customer_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (editor);
}

static void
gx_customers_view_clear_filters_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  GxCustomersView *self = GX_CUSTOMERS_VIEW (widget);

  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  gtk_drop_down_set_selected (self->stage_dropdown, 0);
  gtk_drop_down_set_selected (self->tier_dropdown, 0);
  gtk_drop_down_set_selected (self->level_dropdown, 0);
  gtk_check_button_set_active (self->birthday_check, FALSE);
  gtk_check_button_set_active (self->cases_check, FALSE);
  gtk_check_button_set_active (self->members_check, FALSE);
  gtk_check_button_set_active (self->archived_check, FALSE);
}

/* GObject */

static void
gx_customers_view_dispose (GObject *object)
{
  GxCustomersView *self = (GxCustomersView *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_CUSTOMERS_VIEW);

  g_clear_object (&self->model);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_customers_view_parent_class)->dispose (object);
}

static void
gx_customers_view_finalize (GObject *object)
{
  GxCustomersView *self = (GxCustomersView *) object;

  g_clear_pointer (&self->tier_ids, g_ptr_array_unref);
  g_free (self->sort);
  g_free (self->pending_id);
  g_free (self->opened_id);
  g_free (self->select_after_load);
  _gx_customers_view_finalize_scope (self);

  G_OBJECT_CLASS (gx_customers_view_parent_class)->finalize (object);
}

static void
gx_customers_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GxCustomersView *self = GX_CUSTOMERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_SORT:
      g_value_set_string (value, self->sort);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_customers_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GxCustomersView *self = GX_CUSTOMERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      set_context (self, g_value_get_object (value));
      break;
    case PROP_SORT:
      set_sort (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_customers_view_class_init (GxCustomersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_customers_view_dispose;
  object_class->finalize = gx_customers_view_finalize;
  object_class->get_property = gx_customers_view_get_property;
  object_class->set_property = gx_customers_view_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT] =
    g_param_spec_string ("sort", NULL, NULL, "name",
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GX_TYPE_CUSTOMER_ROW);
  g_type_ensure (GX_TYPE_CUSTOMER_PROFILE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-customers-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, mine_toggle);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, due_toggle);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, filters_button);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, filters_grid);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, birthday_check);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, cases_check);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, members_check);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, archived_check);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, list_empty_page);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, column_view);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, selection);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, count_label);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, scope_bar);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, scope_label);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, restricted_page);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, profile);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_gone_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_customer_cb);
  gtk_widget_class_bind_template_callback (widget_class, is_confidential_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_date_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_follow_up_cb);
  gtk_widget_class_bind_template_callback (widget_class, follow_up_classes_cb);

  gtk_widget_class_install_action (widget_class, "view.focus-search", NULL, gx_customers_view_focus_search_action);
  gtk_widget_class_install_action (widget_class, "view.new", NULL, gx_customers_view_new_action);
  gtk_widget_class_install_action (widget_class, "view.clear-filters", NULL, gx_customers_view_clear_filters_action);
  gtk_widget_class_install_property_action (widget_class, "view.sort", "sort");
  _gx_customers_view_install_transfer_actions (widget_class);
  _gx_customers_view_install_saved_actions (widget_class);
  gtk_widget_class_bind_template_child (widget_class, GxCustomersView, saved_button);
  _gx_customers_view_install_scope (widget_class);
}

static void
gx_customers_view_init (GxCustomersView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _gx_customers_view_init_saved (self);

  self->sort = g_strdup ("name");
  self->tier_ids = g_ptr_array_new_with_free_func (g_free);
}
