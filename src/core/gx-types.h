/* gx-types.h: the types of libguanxi-core, forward-declared, and its enumerations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _GxClock        GxClock;
typedef struct _GxContext      GxContext;
typedef struct _GxQueryModel   GxQueryModel;
typedef struct _GxRow          GxRow;
typedef struct _GxStore        GxStore;
typedef struct _GxSyncClient   GxSyncClient;

/**
 * GxRole:
 * @GX_ROLE_DESK: customer manager at a desk
 * @GX_ROLE_RELATIONSHIP: relationship manager (private banking, key accounts)
 * @GX_ROLE_SUPERVISOR: reviews cases and service quality, sees every profile
 * @GX_ROLE_ADMIN: manages users and reference data
 */
typedef enum
{
  GX_ROLE_DESK,
  GX_ROLE_RELATIONSHIP,
  GX_ROLE_SUPERVISOR,
  GX_ROLE_ADMIN,
} GxRole;

/**
 * GxConfidentiality:
 * @GX_CONFIDENTIALITY_ORDINARY: 普通
 * @GX_CONFIDENTIALITY_SECRET: 秘密; every read is registered
 * @GX_CONFIDENTIALITY_CONFIDENTIAL: 机密
 * @GX_CONFIDENTIALITY_TOP_SECRET: 绝密; the owner and supervisors only
 */
typedef enum
{
  GX_CONFIDENTIALITY_ORDINARY,
  GX_CONFIDENTIALITY_SECRET,
  GX_CONFIDENTIALITY_CONFIDENTIAL,
  GX_CONFIDENTIALITY_TOP_SECRET,
} GxConfidentiality;

/**
 * GxSyncState:
 * @GX_SYNC_STATE_LOCAL: no server is set up: this desk keeps its work to itself
 * @GX_SYNC_STATE_SIGNED_OUT: a server is set up but nobody is signed in, or the sign-in ended
 * @GX_SYNC_STATE_OFFLINE: the server cannot be reached (or refuses for now); retrying
 * @GX_SYNC_STATE_SYNCING: pushing or pulling
 * @GX_SYNC_STATE_SYNCED: everything pushed and pulled at the last sync
 */
typedef enum
{
  GX_SYNC_STATE_LOCAL,
  GX_SYNC_STATE_SIGNED_OUT,
  GX_SYNC_STATE_OFFLINE,
  GX_SYNC_STATE_SYNCING,
  GX_SYNC_STATE_SYNCED,
} GxSyncState;

G_END_DECLS
