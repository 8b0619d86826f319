/* gx-sync-status.h: what the header says about sync, as values — decided here, shown by the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gx-db.h"
#include "gx-types.h"

G_BEGIN_DECLS

typedef struct
{
  GxSyncState  state;
  gint64       now;
  gint64       last_sync;     /* 0: never */
  gint64       retry_at;      /* 0: none waits */
  gint64       n_waiting;     /* outbox rows not parked */
  gint64       n_conflicts;
  gint64       n_parked;
  const char  *message;       /* why the last sync failed */
} GxSyncFacts;

typedef struct
{
  char       *label;          /* the header button's short text */
  char       *title;          /* the popover's heading */
  char       *detail;         /* the popover's sentence */
  const char *icon_name;
  const char *style;          /* "warning", "error" or NULL */
  gboolean    can_sync_now;
  gboolean    needs_sign_in;
} GxSyncStatus;

void        gx_sync_status_describe     (const GxSyncFacts *facts,
                                         GxSyncStatus      *status);
void        gx_sync_status_clear        (GxSyncStatus      *status);
char       *gx_sync_format_ago          (gint64             seconds);
gboolean    gx_sync_read_facts          (GxDb              *db,
                                         GxSyncFacts       *facts);

const char *gx_sync_kind_label          (const char        *kind);
char       *gx_sync_field_label         (const char        *kind,
                                         const char        *field);
char       *gx_sync_dup_record_title    (GxDb              *db,
                                         const char        *kind,
                                         const char        *id);
char       *gx_sync_format_value        (const char        *json);

G_END_DECLS
