/* gx-case-ops.h: a case write the complaints widgets hand to the store's writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gx-case.h"
#include "gx-context.h"

G_BEGIN_DECLS

typedef enum
{
  GX_CASE_OP_INTAKE,
  GX_CASE_OP_MOVE,
  GX_CASE_OP_REVIEW,
  GX_CASE_OP_HAND_OFF,
  GX_CASE_OP_NOTE,
  GX_CASE_OP_EDIT,
  GX_CASE_OP_VISIT,
  GX_CASE_OP_ATTACH,
  GX_CASE_OP_LESSON,
  GX_CASE_OP_ESCALATE,
} GxCaseOpKind;

/**
 * GxCaseFile:
 *
 * A file read into memory, to keep with a case.
 */
typedef struct
{
  char   *name;
  char   *mime_type;
  GBytes *bytes;
} GxCaseFile;

GxCaseFile *gx_case_file_new  (const char *name,
                               const char *mime_type,
                               GBytes     *bytes);
void        gx_case_file_free (GxCaseFile *file);

/**
 * GxCaseOp:
 *
 * Everything one write needs, owned by the op: the widget may change or go away while the
 * writer works. Fill it with the setters' g_strdup()ed strings; gx_case_op_free() frees them.
 */
typedef struct
{
  GxCaseOpKind  kind;
  char         *case_id;

  /* Intake, with an optional prospect made on the spot. */
  char         *customer_id;
  char         *prospect_name;
  char         *prospect_phone;
  char         *channel;
  char         *category_id;
  char         *severity;
  char         *description;
  char         *remedy_sought;
  gint64        received_at;
  GPtrArray    *files;            /* GxCaseFile, attached after intake */

  /* Moves, reviews, hand-offs, notes. */
  GxCaseStatus  to;
  char         *note;
  char         *impact;
  char         *urgency;
  char         *reply_method;
  gint64        visit_at;
  char         *final_decision;
  char         *no_visit_reason;
  char         *resolution;
  gboolean      approve;
  int           score;
  char         *to_user;
  char         *department;

  /* Edits and lessons. */
  JsonObject   *fields;

  /* Return visits. */
  char         *method;
  int           overall;
  char        **factor_ids;
  int          *scores;
  guint         n_factors;
  gboolean      accepted;
  char         *comment;

  /* An attachment, read before the write. */
  GxCaseFile   *file;

  /* Escalation: the cases found due (gx_case_list_due_escalations()), or NULL for all. */
  GPtrArray    *case_ids;

  /* Results */
  char         *result_id;
  GPtrArray    *escalated;        /* case ids */
} GxCaseOp;

GxCaseOp *gx_case_op_new     (GxCaseOpKind          kind,
                              const char           *case_id);
void      gx_case_op_free    (GxCaseOp             *op);
void      gx_case_op_run     (GxCaseOp             *op,
                              GxContext            *context,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
GxCaseOp *gx_case_op_finish  (GAsyncResult         *result,
                              GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxCaseOp, gx_case_op_free)

G_END_DECLS
