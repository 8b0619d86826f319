/* gx-pinyin.h: pinyin readings of Chinese text, for search and sorting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *gx_pinyin_lookup      (gunichar     c);
gboolean    gx_pinyin_has_han     (const char  *text);
char       *gx_pinyin_full        (const char  *text,
                                   gboolean     personal_name);
char       *gx_pinyin_initials    (const char  *text,
                                   gboolean     personal_name);
char       *gx_pinyin_sort_key    (const char  *text,
                                   gboolean     personal_name);
GPtrArray  *gx_pinyin_variants    (const char  *text,
                                   guint        max_variants);

G_END_DECLS
