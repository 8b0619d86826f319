/* gx-club-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GX_TYPE_CLUB_VIEW (gx_club_view_get_type ())

G_DECLARE_FINAL_TYPE (GxClubView, gx_club_view, GX, CLUB_VIEW, GtkWidget)

G_END_DECLS
