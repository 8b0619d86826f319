/* gx-contact-log-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_CONTACT_LOG_DIALOG (gx_contact_log_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GxContactLogDialog, gx_contact_log_dialog, GX, CONTACT_LOG_DIALOG, AdwWindow)

GtkWindow *gx_contact_log_dialog_new (GxContext  *context,
                                      const char *customer_id,
                                      const char *customer_name,
                                      const char *open_follow_up);

G_END_DECLS
