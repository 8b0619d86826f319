/* gx-sync-apply.h: the desk's side of sync inside the store — outbox out, changes in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gx-db.h"
#include "gx-record.h"

G_BEGIN_DECLS

/* sync_state */
char       *gx_sync_state_dup          (GxDb               *db,
                                        const char         *key);
gint64      gx_sync_state_get_int      (GxDb               *db,
                                        const char         *key,
                                        gint64              fallback);
gboolean    gx_sync_state_set          (GxDb               *db,
                                        const char         *key,
                                        const char         *value,
                                        GError            **error);
gboolean    gx_sync_state_set_int      (GxDb               *db,
                                        const char         *key,
                                        gint64              value,
                                        GError            **error);
gboolean    gx_sync_save_account       (GxDb               *db,
                                        const char         *server_url,
                                        JsonObject         *user,
                                        GError            **error);

/* Push */
JsonArray  *gx_sync_outbox_batch       (GxDb               *db,
                                        guint               max,
                                        GError            **error);
gboolean    gx_sync_apply_results      (GxDb               *db,
                                        JsonArray          *results,
                                        gint64              now,
                                        GError            **error);
gboolean    gx_sync_park               (GxDb               *db,
                                        const char         *mutation_id,
                                        const char         *reason,
                                        const char         *field,
                                        GError            **error);

/* Pull */
typedef struct _GxSyncPage GxSyncPage;

GxSyncPage *gx_sync_page_parse         (GBytes             *page,
                                        GError            **error);
gint64      gx_sync_page_get_cursor    (GxSyncPage         *page);
gboolean    gx_sync_page_get_more      (GxSyncPage         *page);
guint       gx_sync_page_get_n_changes (GxSyncPage         *page);
void        gx_sync_page_free          (GxSyncPage         *page);
gboolean    gx_sync_apply_parsed       (GxDb               *db,
                                        GxSyncPage         *page,
                                        GError            **error);
gboolean    gx_sync_apply_page         (GxDb               *db,
                                        GBytes             *page,
                                        gint64             *cursor,
                                        gboolean           *more,
                                        guint              *n_changes,
                                        GError            **error);
gboolean    gx_sync_begin_resync       (GxDb               *db,
                                        GError            **error);
gboolean    gx_sync_finish_resync      (GxDb               *db,
                                        GError            **error);
gboolean    gx_sync_purge_customer     (GxDb               *db,
                                        const char         *customer_id,
                                        GError            **error);

/* What the user decides */
gboolean    gx_sync_resolve_conflict   (GxDb               *db,
                                        const char         *conflict_id,
                                        gboolean            keep_mine,
                                        const GxWriteMeta  *meta,
                                        GError            **error);
gboolean    gx_sync_discard_parked     (GxDb               *db,
                                        const char         *mutation_id,
                                        GError            **error);
gboolean    gx_sync_retry_parked       (GxDb               *db,
                                        const char         *mutation_id,
                                        GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxSyncPage, gx_sync_page_free)

G_END_DECLS
