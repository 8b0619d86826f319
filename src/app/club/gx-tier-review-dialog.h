/* gx-tier-review-dialog.h: who qualifies for another tier, applied after confirmation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"

G_BEGIN_DECLS

#define GX_TYPE_TIER_REVIEW_DIALOG (gx_tier_review_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GxTierReviewDialog, gx_tier_review_dialog, GX, TIER_REVIEW_DIALOG, AdwWindow)

GtkWidget *gx_tier_review_dialog_new (GxContext  *context,
                                      const char *club_id);

G_END_DECLS
