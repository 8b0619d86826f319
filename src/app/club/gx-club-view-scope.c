/* gx-club-view-scope.c: the member list narrowed from the overview — a state, who joined in a
 * period, whose members
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The overview's club figures open this list with win.show-list (docs/HACKING.md): "Members"
 * sends state=active, "New members" and each month's bar joined_from and joined_until, and
 * every figure the team or owner it was counted for. The list then says what narrows it and
 * offers "Show All", so it is never mistaken for all members.
 */

#define G_LOG_DOMAIN "gx-club-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-club-view-private.h"
#include "gx-enums.h"
#include "gx-format.h"
#include "gx-list-filter.h"
#include "gx-membership.h"

static void
clear_scope (GxClubView *self)
{
  g_clear_pointer (&self->scope_joined_from, g_free);
  g_clear_pointer (&self->scope_joined_until, g_free);
  g_clear_pointer (&self->scope_owner, g_free);
  g_clear_pointer (&self->scope_team, g_free);
}

/* "Joined Nov 1, 2026 – Nov 30, 2026 · Owned by 陈静" */
static char *
describe_scope (GxClubView *self)
{
  GString *text = g_string_new (NULL);

  if (self->scope_joined_from != NULL || self->scope_joined_until != NULL)
    {
      g_autofree char *last_day = self->scope_joined_until ? gx_date_add_days (self->scope_joined_until, -1) : NULL;
      g_autofree char *from = self->scope_joined_from ? gx_format_iso_date (self->scope_joined_from) : g_strdup ("…");
      g_autofree char *until = last_day ? gx_format_iso_date (last_day) : g_strdup ("…");

      /* Translators: the period the overview narrowed the member list to */
      g_string_append_printf (text, _("Joined %s – %s"), from, until);
    }
  if (self->scope_owner != NULL || self->scope_team != NULL)
    {
      GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
      g_autofree char *who = self->scope_owner
        ? gx_db_query_string (db, "SELECT display_name FROM users WHERE id = ?",
                              g_variant_new ("(s)", self->scope_owner), NULL)
        : g_strdup (self->scope_team);

      if (text->len > 0)
        g_string_append (text, " · ");
      /* Translators: the relationship manager or team whose members the list shows */
      g_string_append_printf (text, _("Members of %s’s customers"), who ? who : "");
    }
  return g_string_free (text, FALSE);
}

void
_gx_club_view_update_scope (GxClubView *self)
{
  g_autofree char *text = describe_scope (self);

  gtk_label_set_label (self->scope_label, text);
  gtk_widget_set_visible (self->scope_bar, *text != '\0');
}

static void
gx_club_view_apply_filter_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  GxClubView *self = GX_CLUB_VIEW (widget);
  g_autoptr(GHashTable) keys = gx_list_filter_parse (g_variant_get_string (parameter, NULL));
  const char *state = g_hash_table_lookup (keys, "state");
  const GxVocabEntry *states;
  guint n_states, position = 0;

  clear_scope (self);
  self->scope_joined_from = g_strdup (g_hash_table_lookup (keys, "joined_from"));
  self->scope_joined_until = g_strdup (g_hash_table_lookup (keys, "joined_until"));
  self->scope_owner = g_strdup (g_hash_table_lookup (keys, "owner"));
  self->scope_team = g_strdup (g_hash_table_lookup (keys, "team"));

  /* Only what was clicked narrows the list: the other filters go back to "All". */
  states = gx_vocab_entries (GX_VOCAB_MEMBER_STATE, &n_states);
  for (guint i = 0; state != NULL && i < n_states; i++)
    if (g_str_equal (states[i].code, state))
      position = i + 1;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->due_dropdown, 0);
  gtk_drop_down_set_selected (self->club_dropdown, 0);
  /* One club, opened from another place (an activity's co-host). */
  for (guint i = 0; g_hash_table_lookup (keys, "club") != NULL && self->club_ids != NULL && i < self->club_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->club_ids, i), g_hash_table_lookup (keys, "club")) == 0)
      gtk_drop_down_set_selected (self->club_dropdown, i + 1);
  gtk_drop_down_set_selected (self->state_dropdown, position);

  _gx_club_view_update_scope (self);
  _gx_club_view_run_search (self);
}

static void
gx_club_view_clear_scope_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  GxClubView *self = GX_CLUB_VIEW (widget);

  clear_scope (self);
  gtk_drop_down_set_selected (self->state_dropdown, 0);
  _gx_club_view_update_scope (self);
  _gx_club_view_run_search (self);
}

void
_gx_club_view_finalize_scope (GxClubView *self)
{
  clear_scope (self);
}

void
_gx_club_view_install_scope (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "view.apply-filter", "s", gx_club_view_apply_filter_action);
  gtk_widget_class_install_action (widget_class, "view.clear-scope", NULL, gx_club_view_clear_scope_action);
}
