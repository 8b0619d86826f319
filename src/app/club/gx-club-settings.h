/* gx-club-settings.h: clubs, circles, tiers, rights and rewards, edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_CLUB_SETTINGS (gx_club_settings_get_type ())

G_DECLARE_FINAL_TYPE (GxClubSettings, gx_club_settings, GX, CLUB_SETTINGS, AdwPreferencesWindow)

GtkWidget *gx_club_settings_new (GxContext  *context,
                                 const char *club_id);

G_END_DECLS
