/* gx-partial-file.h: write a file beside its destination and put it in place only when whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GFileOutputStream *gx_partial_file_create  (GFile              *file,
                                            GFile             **partial,
                                            GCancellable       *cancellable,
                                            GError            **error);
gboolean           gx_partial_file_commit  (GFileOutputStream  *stream,
                                            GFile              *partial,
                                            GFile              *file,
                                            GCancellable       *cancellable,
                                            GError            **error);
void               gx_partial_file_abandon (GFileOutputStream  *stream,
                                            GFile              *partial);

G_END_DECLS
