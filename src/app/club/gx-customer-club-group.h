/* gx-customer-club-group.h: a customer's club memberships, for the customer's profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_CUSTOMER_CLUB_GROUP (gx_customer_club_group_get_type ())

G_DECLARE_FINAL_TYPE (GxCustomerClubGroup, gx_customer_club_group, GX, CUSTOMER_CLUB_GROUP, AdwPreferencesGroup)

GtkWidget  *gx_customer_club_group_new             (GxContext           *context);
void        gx_customer_club_group_set_customer_id (GxCustomerClubGroup *self,
                                                    const char          *customer_id);
const char *gx_customer_club_group_get_customer_id (GxCustomerClubGroup *self);

G_END_DECLS
