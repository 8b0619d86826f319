/* gx-rules.h: rules a record write must satisfy, enforced at the desk and on the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gx-db.h"
#include "gx-kinds.h"

G_BEGIN_DECLS

typedef enum
{
  GX_RULE_INSERT,
  GX_RULE_UPDATE,
  GX_RULE_DELETE,
} GxRuleOp;

/**
 * GxRuleFunc:
 * @db: the connection, inside the write's transaction, before the write
 * @kind: the record's kind
 * @op: what is done
 * @id: the record's id
 * @record: (nullable): the record as it will be after the write (all fields); %NULL for delete
 * @changes: (nullable): the fields the write sets
 * @error: return location for a #GX_RECORD_ERROR naming the field at fault
 *
 * A business rule over one record write ("a redemption may not take the balance below
 * zero", "no check-in without an invitation"). The record layer runs the rules of a kind on
 * every write — the desk's own and, on the server, every pushed mutation — so a rule holds
 * wherever the write comes from.
 *
 * Returns: %TRUE when the write may go ahead
 */
typedef gboolean (*GxRuleFunc) (GxDb          *db,
                                const GxKind  *kind,
                                GxRuleOp       op,
                                const char    *id,
                                JsonObject    *record,
                                JsonObject    *changes,
                                GError       **error);

/**
 * GxRuleWriter:
 * @user_id: (nullable): who writes: the signed-in user at a desk, the authenticated user of a
 *   push on the server; %NULL when nobody is signed in (demo data, an import)
 * @server: the write is a pushed mutation applied on the server
 *
 * Who makes a write, for the rules that judge the writer and not only the record.
 */
typedef struct
{
  const char *user_id;
  gboolean    server;
} GxRuleWriter;

/**
 * GxWriterRuleFunc:
 * @writer: who makes the write
 *
 * A #GxRuleFunc that also knows who writes ("a ledger entry is signed by whoever adds it").
 * The other arguments are those of #GxRuleFunc.
 *
 * Returns: %TRUE when the write may go ahead
 */
typedef gboolean (*GxWriterRuleFunc) (GxDb                *db,
                                      const GxKind        *kind,
                                      GxRuleOp             op,
                                      const char          *id,
                                      JsonObject          *record,
                                      JsonObject          *changes,
                                      const GxRuleWriter  *writer,
                                      GError             **error);

gboolean    gx_rules_check          (GxDb                *db,
                                     const GxKind        *kind,
                                     GxRuleOp             op,
                                     const char          *id,
                                     JsonObject          *record,
                                     JsonObject          *changes,
                                     GError             **error);
gboolean    gx_rules_check_by       (GxDb                *db,
                                     const GxKind        *kind,
                                     GxRuleOp             op,
                                     const char          *id,
                                     JsonObject          *record,
                                     JsonObject          *changes,
                                     const GxRuleWriter  *writer,
                                     GError             **error);
const char *gx_rules_author_field   (const GxKind        *kind);

G_END_DECLS
