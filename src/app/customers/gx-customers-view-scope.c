/* gx-customers-view-scope.c: the customer list narrowed from the overview — confidential
 * profiles, follow-ups due, whose customers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The overview's desk figures open this list with win.show-list (docs/HACKING.md):
 * "Confidential profiles" sends confidential=1, "Follow-ups due" follow_ups=due, and both the
 * team or owner they were counted for. The list says what narrows it and offers "Show All".
 */

#define G_LOG_DOMAIN "gx-customers-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-customers-view-private.h"
#include "gx-list-filter.h"

static void
clear_scope (GxCustomersView *self)
{
  g_clear_pointer (&self->scope_owner, g_free);
  g_clear_pointer (&self->scope_team, g_free);
  self->scope_confidential = FALSE;
}

static char *
describe_scope (GxCustomersView *self)
{
  GString *text = g_string_new (NULL);

  if (self->scope_confidential)
    g_string_append (text, _("Secret, confidential and top secret profiles"));
  if (self->scope_owner != NULL || self->scope_team != NULL)
    {
      GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
      g_autofree char *who = self->scope_owner
        ? gx_db_query_string (db, "SELECT display_name FROM users WHERE id = ?",
                              g_variant_new ("(s)", self->scope_owner), NULL)
        : g_strdup (self->scope_team);

      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: the relationship manager or team whose customers the list shows */
      g_string_append_printf (text, _("Owned by %s"), who ? who : "");
    }
  return g_string_free (text, FALSE);
}

static void
update_scope (GxCustomersView *self)
{
  g_autofree char *text = describe_scope (self);

  gtk_label_set_label (self->scope_label, text);
  gtk_widget_set_visible (self->scope_bar, *text != '\0');
}

static void
gx_customers_view_apply_filter_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  GxCustomersView *self = GX_CUSTOMERS_VIEW (widget);
  g_autoptr(GHashTable) keys = gx_list_filter_parse (g_variant_get_string (parameter, NULL));

  clear_scope (self);
  self->scope_confidential = g_strcmp0 (g_hash_table_lookup (keys, "confidential"), "1") == 0;
  self->scope_owner = g_strdup (g_hash_table_lookup (keys, "owner"));
  self->scope_team = g_strdup (g_hash_table_lookup (keys, "team"));

  /* Only what was clicked narrows the list. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_activate_action (widget, "view.clear-filters", NULL);
  gtk_toggle_button_set_active (self->mine_toggle, FALSE);
  gtk_toggle_button_set_active (self->due_toggle,
                                g_strcmp0 (g_hash_table_lookup (keys, "follow_ups"), "due") == 0);

  update_scope (self);
  _gx_customers_view_run_search (self);

  /* One customer, opened from another place (an activity's co-host). */
  if (g_hash_table_lookup (keys, "customer") != NULL)
    _gx_customers_view_open (self, g_hash_table_lookup (keys, "customer"));
}

static void
gx_customers_view_clear_scope_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  GxCustomersView *self = GX_CUSTOMERS_VIEW (widget);

  clear_scope (self);
  gtk_toggle_button_set_active (self->due_toggle, FALSE);
  update_scope (self);
  _gx_customers_view_run_search (self);
}

void
_gx_customers_view_finalize_scope (GxCustomersView *self)
{
  clear_scope (self);
}

void
_gx_customers_view_install_scope (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "view.apply-filter", "s", gx_customers_view_apply_filter_action);
  gtk_widget_class_install_action (widget_class, "view.clear-scope", NULL, gx_customers_view_clear_scope_action);
}
