/* gx-activity-ui.h: small helpers the activity widgets share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-context.h"
#include "gx-record.h"

G_BEGIN_DECLS

/**
 * GxActivityWriteFunc:
 * @db: the writer connection, inside the transaction
 * @meta: who and when
 * @data: the request's data
 * @error: return location for a #GError
 *
 * One activity change run on the store's writer thread.
 */
typedef gboolean (*GxActivityWriteFunc) (GxDb              *db,
                                         const GxWriteMeta *meta,
                                         gpointer           data,
                                         GError           **error);

void     gx_activity_ui_toast        (GtkWidget            *widget,
                                      const char           *message);
void     gx_activity_ui_toast_undo   (GtkWidget            *widget,
                                      const char           *message,
                                      const char           *action,
                                      GVariant             *target);
void     gx_activity_ui_write        (GxContext            *context,
                                      GxActivityWriteFunc   func,
                                      gpointer              data,
                                      GDestroyNotify        data_free,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean gx_activity_ui_write_finish (GxContext            *context,
                                      GAsyncResult         *result,
                                      GError              **error);
void     gx_activity_ui_fill_combo   (AdwComboRow          *row,
                                      GPtrArray            *ids,
                                      const char           *none_label,
                                      GxDb                 *db,
                                      const char           *sql,
                                      GVariant             *params);
void     gx_activity_ui_fill_vocab   (AdwComboRow          *row,
                                      int                   vocab);
int      gx_activity_ui_find_id      (GPtrArray            *ids,
                                      const char           *id);
void     gx_activity_ui_mark         (GtkWidget            *row,
                                      gboolean              invalid);

G_END_DECLS
