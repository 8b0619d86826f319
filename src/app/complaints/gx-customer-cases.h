/* gx-customer-cases.h: a customer's complaint cases, for the customer's profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_CUSTOMER_CASES (gx_customer_cases_get_type ())

G_DECLARE_FINAL_TYPE (GxCustomerCases, gx_customer_cases, GX, CUSTOMER_CASES, GtkWidget)

GtkWidget  *gx_customer_cases_new             (GxContext       *context);
void        gx_customer_cases_set_customer_id (GxCustomerCases *self,
                                               const char      *customer_id);
const char *gx_customer_cases_get_customer_id (GxCustomerCases *self);
guint       gx_customer_cases_get_n_cases     (GxCustomerCases *self);

G_END_DECLS
