/* gx-customer-profile.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_CUSTOMER_PROFILE (gx_customer_profile_get_type ())

G_DECLARE_FINAL_TYPE (GxCustomerProfile, gx_customer_profile, GX, CUSTOMER_PROFILE, GtkWidget)

void        gx_customer_profile_show           (GxCustomerProfile *self,
                                                const char        *customer_id,
                                                const char        *reason);
const char *gx_customer_profile_get_customer_id (GxCustomerProfile *self);
gboolean    gx_customer_profile_get_revealed    (GxCustomerProfile *self);

G_END_DECLS
