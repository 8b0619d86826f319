/* gx-search.h: the keys queries behind the lists, from what the user typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *gx_search_like_pattern (const char  *text);
char *gx_search_customers    (const char  *text,
                              GVariant   **params);
char *gx_search_cases        (const char  *text,
                              GVariant   **params);
char *gx_search_members      (const char  *text,
                              GVariant   **params);
char *gx_search_activities   (const char  *text,
                              GVariant   **params);

G_END_DECLS
