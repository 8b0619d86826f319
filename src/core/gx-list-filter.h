/* gx-list-filter.h: the filters one place hands another's list ("open the overdue cases")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char       *gx_list_filter_build (const char *first_key,
                                  ...) G_GNUC_NULL_TERMINATED;
GHashTable *gx_list_filter_parse (const char *filter);

G_END_DECLS
