/* gx-club-print.h: the member's points statement and the club's handbook, on paper or as PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gx-context.h"
#include "gx-points.h"

G_BEGIN_DECLS

char     *gx_club_statement_markup (GxContext               *context,
                                    const char              *membership_id,
                                    const GxPointsStatement *statement);
char     *gx_club_handbook_markup  (GxContext               *context,
                                    const char              *club_id);
gboolean  gx_club_print            (GtkWindow               *parent,
                                    const char              *job_name,
                                    const char              *markup,
                                    const char              *pdf_path,
                                    GError                 **error);

G_END_DECLS
