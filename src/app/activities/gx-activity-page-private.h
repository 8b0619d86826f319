/* gx-activity-page-private.h: the activity page's parts, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-activity-page.h"
#include "gx-activity.h"
#include "gx-query-model.h"

G_BEGIN_DECLS

struct _GxActivityPage
{
  GtkWidget           parent_instance;

  /* Template widgets: header */
  GtkWidget          *root_box;
  GtkLabel           *title_label;
  GtkLabel           *subtitle_label;
  GtkLabel           *status_badge;
  GtkStack           *stack;

  /* Details */
  AdwActionRow       *when_row;
  AdwActionRow       *venue_row;
  AdwActionRow       *kind_row;
  AdwActionRow       *club_row;
  AdwActionRow       *owner_row;
  AdwActionRow       *target_row;
  AdwActionRow       *partners_row;
  AdwPreferencesGroup *partners_group;
  AdwActionRow       *deadline_row;
  AdwActionRow       *places_row;
  AdwActionRow       *waitlist_row;
  AdwActionRow       *budget_row;
  AdwActionRow       *points_row;
  GtkLabel           *points_due_label;
  AdwPreferencesGroup *staff_group;
  AdwComboRow        *staff_combo;
  AdwEntryRow        *staff_role_row;

  /* Invitations */
  GtkSearchEntry     *invitation_search;
  GtkLabel           *policy_label;
  GtkColumnView      *invitation_view;
  GtkSingleSelection *invitation_selection;
  GtkLabel           *invitation_count;

  /* Check-in */
  GtkSearchEntry     *checkin_entry;
  GtkLabel           *checkin_count;
  GtkListView        *checkin_view;
  GtkSingleSelection *checkin_selection;

  /* Evaluation */
  AdwActionRow       *attendance_row;
  AdwActionRow       *no_shows_row;
  AdwActionRow       *walk_ins_row;
  AdwActionRow       *cost_row;
  AdwActionRow       *prospects_row;
  AdwActionRow       *evaluation_points_row;
  GtkLabel           *evaluation_points_label;
  AdwActionRow       *satisfaction_row;
  AdwActionRow       *answers_row;
  GtkTextView        *summary_view;
  GtkLabel           *evaluation_error;

  /* Owned */
  GxContext          *context;
  char               *activity_id;
  char               *title;
  GxQueryModel       *invitations;
  GListStore         *attendees;
  GCancellable       *cancellable;
  GPtrArray          *staff_rows;     /* the rows listing the staff, rebuilt on refresh */
  GPtrArray          *staff_user_ids; /* the ids behind staff_combo */
  GPtrArray          *partner_rows;   /* the rows listing the linked co-hosts */
  gulong              changed_handler;
  gboolean            attendees_capped; /* the check-in list shows only its first people */
};

void  _gx_activity_page_init_people   (GxActivityPage *self);
void  _gx_activity_page_class_init_people (GtkWidgetClass *widget_class);
void  _gx_activity_page_refresh_people (GxActivityPage *self);
void  _gx_activity_page_refresh        (GxActivityPage *self);
void  _gx_activity_page_refresh_partners (GxActivityPage *self);
void  _gx_activity_page_class_init_partners (GtkWidgetClass *widget_class);
void  _gx_activity_page_say_outcome    (GxActivityPage          *self,
                                        const GxActivityOutcome *outcome,
                                        const char              *name);
char *_gx_activity_page_dup_selected_invitation (GxActivityPage *self,
                                                 char          **name);

G_END_DECLS
