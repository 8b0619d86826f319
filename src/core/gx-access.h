/* gx-access.h: who may read a customer's profile, and which reads are registered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gx-types.h"

G_BEGIN_DECLS

gboolean gx_access_can_read          (GxRole             role,
                                      const char        *user_id,
                                      const char        *owner_id,
                                      GxConfidentiality  level);
gboolean gx_access_can_read_codes    (const char        *role,
                                      const char        *user_id,
                                      const char        *owner_id,
                                      const char        *level);
gboolean gx_access_is_registered     (GxConfidentiality  level);
gboolean gx_access_may_read_log      (GxRole             role);
gboolean gx_access_may_set_level     (GxRole             role,
                                      GxConfidentiality  level);

G_END_DECLS
