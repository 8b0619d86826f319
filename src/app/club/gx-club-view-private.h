/* gx-club-view-private.h: GxClubView's parts, shared by the files of the class
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-club-view.h"
#include "gx-context.h"
#include "gx-query-model.h"

G_BEGIN_DECLS

struct _GxClubView
{
  GtkWidget            parent_instance;

  /* Template widgets: the list */
  AdwLeaflet          *leaflet;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *club_dropdown;
  GtkDropDown         *state_dropdown;
  GtkDropDown         *due_dropdown;
  GtkDropDown         *tier_dropdown;
  GtkDropDown         *circle_dropdown;
  GtkWidget           *club_filter_box;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *state_column;
  GtkSingleSelection  *selection;
  GtkLabel            *count_label;
  GtkWidget           *scope_bar;
  GtkLabel            *scope_label;

  /* Template widgets: the member page */
  GtkStack            *detail_stack;
  AdwPreferencesPage  *member_page;
  GtkLabel            *title_label;
  GtkLabel            *subtitle_label;
  GtkWidget           *adjust_button;
  AdwActionRow        *state_row;
  GtkLabel            *state_badge;
  AdwActionRow        *available_row;
  AdwActionRow        *expiring_row;
  GtkListBox          *ledger_list;
  GtkListBox          *rights_list;
  GtkListBox          *history_list;
  AdwActionRow        *member_number_row;
  AdwActionRow        *club_row;
  AdwActionRow        *tier_row;
  AdwActionRow        *joined_on_row;
  AdwActionRow        *period_row;
  AdwActionRow        *sponsor_row;
  AdwActionRow        *circles_row;
  AdwActionRow        *birthday_row;

  /* Owned */
  GxContext           *context;
  GxQueryModel        *model;
  GPtrArray           *club_ids;      /* parallel to club_dropdown after "All clubs" */
  GPtrArray           *tier_ids;
  GPtrArray           *circle_ids;
  char                *membership_id; /* the member shown */
  char                *club_id;       /* …and their club */
  guint                refresh_id;
  /* What the overview narrowed the list to (gx-club-view-scope.c) */
  char                *scope_joined_from;
  char                *scope_joined_until;
  char                *scope_owner;
  char                *scope_team;
};

/* gx-club-view-member.c */
void _gx_club_view_show_member       (GxClubView *self,
                                      const char *membership_id);
void _gx_club_view_refresh_member    (GxClubView *self);
void _gx_club_view_install_actions   (GtkWidgetClass *widget_class);
void _gx_club_view_toast             (GxClubView *self,
                                      const char *text);
char *_gx_club_view_dup_today        (GxClubView *self);

void _gx_club_view_run_search        (GxClubView *self);

/* gx-club-view-scope.c */
void _gx_club_view_update_scope      (GxClubView *self);
void _gx_club_view_finalize_scope    (GxClubView *self);
void _gx_club_view_install_scope     (GtkWidgetClass *widget_class);

/* gx-club-view-tools.c */
void _gx_club_view_install_tools     (GtkWidgetClass *widget_class);

G_END_DECLS
