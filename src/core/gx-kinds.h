/* gx-kinds.h: the synced record kinds, their tables, fields and visibility
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gx-db.h"
#include "gx-enums.h"

G_BEGIN_DECLS

typedef enum
{
  GX_FIELD_TEXT,
  GX_FIELD_INTEGER,
  GX_FIELD_REAL,
  GX_FIELD_BLOB,
} GxFieldType;

/* What a text field must look like, beyond its type. */
typedef enum
{
  GX_CHECK_NONE,
  GX_CHECK_VOCAB,        /* a code of `vocab` */
  GX_CHECK_DATE,         /* YYYY-MM-DD */
  GX_CHECK_EMAIL,
  GX_CHECK_PHONE,        /* mainland mobile or landline */
  GX_CHECK_BOOL,         /* integer 0 or 1 */
} GxFieldCheck;

typedef struct
{
  const char   *name;
  GxFieldType   type;
  gboolean      required;   /* NOT NULL without a default: must be given on insert */
  gboolean      nullable;
  GxFieldCheck  check;
  int           vocab;      /* a GxVocab with GX_CHECK_VOCAB */
} GxField;

/**
 * GxKind:
 * @name: the kind's name on the wire, singular ("customer", "case_event")
 * @table: its table at the desk and on the server
 * @append_only: a ledger: records are only ever inserted
 * @customer_sql: an SQL expression, over the table's columns, giving the customer the record
 *   belongs to (its visibility follows that customer's), or %NULL for records every user sees
 * @derived: (array zero-terminated=1) (nullable): columns computed from others, never sent
 */
typedef struct
{
  const char         *name;
  const char         *table;
  gboolean            append_only;
  const char         *customer_sql;
  const char * const *derived;

  /* Filled from the schema on first use. */
  GxField            *fields;
  guint               n_fields;
} GxKind;

const GxKind  *gx_kind_lookup          (const char  *name);
const GxKind  *gx_kind_for_table       (const char  *table);
const GxKind **gx_kinds_all            (guint       *n_kinds);
gboolean       gx_kinds_load_fields    (GxDb        *db,
                                        GError     **error);
const GxField *gx_kind_find_field      (const GxKind *kind,
                                        const char   *name);

G_END_DECLS
