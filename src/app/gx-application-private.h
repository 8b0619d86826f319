/* gx-application-private.h: the application's parts in other files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-application.h"

G_BEGIN_DECLS

/* gx-application.c */
GxContext *_gx_application_get_active_context (GxApplication *self);
void       _gx_application_switch_context     (GxApplication *self,
                                               GxContext     *context);
gboolean   _gx_application_has_explicit_path  (GxApplication *self);
GSettings *_gx_application_get_settings       (GxApplication *self);

/* gx-application-sync.c: signing in, the keyring, the sync client of each archive */
void       _gx_application_sync_init          (GxApplication *self);
char      *_gx_application_dup_account_path   (GxApplication *self);
void       _gx_application_sync_attach        (GxApplication *self,
                                               GxContext     *context);

G_END_DECLS
