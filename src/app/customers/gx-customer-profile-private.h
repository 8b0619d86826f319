/* gx-customer-profile-private.h: one class, two files — the page and its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-customer.h"
#include "gx-customer-cases.h"
#include "gx-customer-club-group.h"
#include "gx-customer-profile.h"

G_BEGIN_DECLS

struct _GxCustomerProfile
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwPreferencesPage  *page;
  GtkLabel            *title_label;
  GtkLabel            *level_badge;
  GtkLabel            *tier_badge;
  GtkLabel            *archived_badge;
  GtkLabel            *subtitle_label;
  GtkLabel            *erased_label;
  GtkLabel            *follow_up_label;
  AdwActionRow        *number_row;
  AdwActionRow        *kind_row;
  AdwActionRow        *id_row;
  GtkButton           *reveal_button;
  AdwActionRow        *accounts_row;
  GtkButton           *reveal_accounts_button;
  AdwActionRow        *birthday_row;
  AdwActionRow        *gender_row;
  AdwActionRow        *verified_row;
  AdwPreferencesGroup *contacts_group;
  AdwActionRow        *stage_row;
  AdwActionRow        *tier_row;
  AdwActionRow        *owner_row;
  AdwActionRow        *assets_row;
  AdwActionRow        *company_row;
  AdwActionRow        *since_row;
  AdwActionRow        *last_contact_row;
  AdwActionRow        *interests_row;
  AdwActionRow        *circles_row;
  AdwPreferencesGroup *links_group;
  AdwActionRow        *tags_row;
  GtkLabel            *notes_label;
  AdwPreferencesGroup *log_group;
  AdwPreferencesGroup *cases_group;
  AdwPreferencesGroup *club_group;
  AdwPreferencesGroup *merges_group;
  AdwPreferencesGroup *history_group;
  AdwPreferencesGroup *access_group;

  /* Borrowed: other places' groups, inside cases_group and club_group */
  GxCustomerCases     *cases;
  GxCustomerClubGroup *club;

  /* Owned */
  GxContext           *context;
  char                *customer_id;
  char                *reason;
  JsonObject          *record;
  GPtrArray           *dynamic_rows;
  guint                reload_source;

  guint                revealed : 1;
};

/* A write the profile hands to the store: the data the writer needs, copied, and the profile
 * to tell when it is done. Shared by the writer and the main thread, so reference-counted. */
typedef struct _ProfileJob ProfileJob;
typedef void (*ProfileJobDone) (GxCustomerProfile *self,
                                ProfileJob        *job,
                                const GError      *error);

struct _ProfileJob
{
  GxCustomerProfile *self;
  ProfileJobDone     done;
  char              *user_id;
  gint64             now;
  char              *customer_id;
  char              *other_id;
  char              *action;
  char              *field;
  char              *text;
  JsonObject        *fields;
  JsonObject        *snapshot;
};

JsonObject *_gx_customer_profile_first_row      (GxDb               *db,
                                                 const char         *sql,
                                                 GVariant           *params);
const char *_gx_customer_profile_get            (GxCustomerProfile  *self,
                                                 const char         *field);
void        _gx_customer_profile_reload         (GxCustomerProfile  *self);
void        _gx_customer_profile_install_actions (GtkWidgetClass    *widget_class);
ProfileJob *_gx_customer_profile_job_new        (GxCustomerProfile  *self,
                                                 ProfileJobDone      done);
void        _gx_customer_profile_run            (GxCustomerProfile  *self,
                                                 GxStoreWriteFunc    func,
                                                 ProfileJob         *job);
void        _gx_customer_profile_toast          (GxCustomerProfile  *self,
                                                 const char         *text);
GtkWindow  *_gx_customer_profile_get_window     (GxCustomerProfile  *self);

G_END_DECLS
