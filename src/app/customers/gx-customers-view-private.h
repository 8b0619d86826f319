/* gx-customers-view-private.h: one class, two files — the list and its imports and exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-customer-profile.h"
#include "gx-customer-search.h"
#include "gx-customers-view.h"
#include "gx-query-model.h"

G_BEGIN_DECLS

struct _GxCustomersView
{
  GtkWidget           parent_instance;

  /* Template widgets */
  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *mine_toggle;
  GtkToggleButton    *due_toggle;
  GtkMenuButton      *filters_button;
  GtkMenuButton      *saved_button;
  GtkGrid            *filters_grid;
  GtkCheckButton     *birthday_check;
  GtkCheckButton     *cases_check;
  GtkCheckButton     *members_check;
  GtkCheckButton     *archived_check;
  GtkStack           *list_stack;
  AdwStatusPage      *list_empty_page;
  GtkColumnView      *column_view;
  GtkSingleSelection *selection;
  GtkLabel           *count_label;
  GtkWidget          *scope_bar;
  GtkLabel           *scope_label;
  GtkStack           *detail_stack;
  AdwStatusPage      *restricted_page;
  GxCustomerProfile  *profile;

  /* Built in code */
  GtkDropDown        *kind_dropdown;
  GtkDropDown        *stage_dropdown;
  GtkDropDown        *tier_dropdown;
  GtkDropDown        *level_dropdown;

  /* Owned */
  GxContext          *context;
  GxQueryModel       *model;
  GPtrArray          *tier_ids;
  char               *sort;
  char               *pending_id;
  char               *opened_id;
  char               *select_after_load;
  /* What the overview narrowed the list to (gx-customers-view-scope.c) */
  char               *scope_owner;
  char               *scope_team;

  guint               capped : 1;
  guint               scope_confidential : 1;
};

void _gx_customers_view_fill_query               (GxCustomersView *self,
                                                  GxCustomerQuery *query);
void _gx_customers_view_run_search               (GxCustomersView *self);
void _gx_customers_view_open                     (GxCustomersView *self,
                                                  const char      *customer_id);
void _gx_customers_view_install_transfer_actions (GtkWidgetClass  *widget_class);
void _gx_customers_view_install_saved_actions    (GtkWidgetClass  *widget_class);
void _gx_customers_view_init_saved               (GxCustomersView *self);
void _gx_customers_view_finalize_scope           (GxCustomersView *self);
void _gx_customers_view_install_scope            (GtkWidgetClass  *widget_class);

G_END_DECLS
