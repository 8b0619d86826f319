/* gx-case-ops.c: runs one case write on the store's writer thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-case-ops"

#include "config.h"

#include "gx-case-ops.h"

/* The widgets of the complaints place never touch the store themselves: they fill a
 * GxCaseOp with copies of what the user entered and hand it here. The writer runs the core
 * function inside one transaction; a refusal comes back as the core's GError, naming the
 * field for the form to mark. */

GxCaseFile *
gx_case_file_new (const char *name,
                  const char *mime_type,
                  GBytes     *bytes)
{
  GxCaseFile *file = g_new0 (GxCaseFile, 1);

  file->name = g_strdup (name);
  file->mime_type = g_strdup (mime_type);
  file->bytes = g_bytes_ref (bytes);
  return file;
}

void
gx_case_file_free (GxCaseFile *file)
{
  if (file == NULL)
    return;

  g_free (file->name);
  g_free (file->mime_type);
  g_bytes_unref (file->bytes);
  g_free (file);
}

GxCaseOp *
gx_case_op_new (GxCaseOpKind  kind,
                const char   *case_id)
{
  GxCaseOp *op = g_new0 (GxCaseOp, 1);

  op->kind = kind;
  op->case_id = g_strdup (case_id);
  return op;
}

void
gx_case_op_free (GxCaseOp *op)
{
  if (op == NULL)
    return;

  g_free (op->case_id);
  g_free (op->customer_id);
  g_free (op->prospect_name);
  g_free (op->prospect_phone);
  g_free (op->channel);
  g_free (op->category_id);
  g_free (op->severity);
  g_free (op->description);
  g_free (op->remedy_sought);
  g_clear_pointer (&op->files, g_ptr_array_unref);
  g_free (op->note);
  g_free (op->impact);
  g_free (op->urgency);
  g_free (op->reply_method);
  g_free (op->final_decision);
  g_free (op->no_visit_reason);
  g_free (op->resolution);
  g_free (op->to_user);
  g_free (op->department);
  g_clear_pointer (&op->fields, json_object_unref);
  g_free (op->method);
  g_strfreev (op->factor_ids);
  g_free (op->scores);
  g_free (op->comment);
  gx_case_file_free (op->file);
  g_free (op->result_id);
  g_clear_pointer (&op->case_ids, g_ptr_array_unref);
  g_clear_pointer (&op->escalated, g_ptr_array_unref);
  g_free (op);
}

typedef struct
{
  GxCaseOp *op;
  char     *user_id;
  GxClock  *clock;
} Request;

static void
request_free (Request *request)
{
  gx_case_op_free (request->op);
  g_free (request->user_id);
  g_clear_object (&request->clock);
  g_free (request);
}

static gboolean
intake (GxDb               *db,
        GxCaseOp           *op,
        const GxWriteMeta  *meta,
        GError            **error)
{
  g_autofree char *customer_id = g_strdup (op->customer_id);
  GxCaseIntake in = {
    .channel = op->channel,
    .category_id = op->category_id,
    .severity = op->severity,
    .description = op->description,
    .remedy_sought = op->remedy_sought,
    .received_at = op->received_at,
  };

  if (op->prospect_name != NULL &&
      !gx_case_create_prospect (db, op->prospect_name, op->prospect_phone, meta, &customer_id, error))
    return FALSE;

  in.customer_id = customer_id;
  if (!gx_case_intake (db, &in, meta, &op->result_id, error))
    return FALSE;

  for (guint i = 0; op->files != NULL && i < op->files->len; i++)
    {
      GxCaseFile *file = g_ptr_array_index (op->files, i);

      if (!gx_case_attach (db, op->result_id, file->name, file->mime_type, file->bytes, meta, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_cb (GxDb      *db,
          gpointer   user_data,
          GError   **error)
{
  Request *request = user_data;
  GxCaseOp *op = request->op;
  GxWriteMeta meta = { .now = gx_clock_now (request->clock), .user_id = request->user_id };

  switch (op->kind)
    {
    case GX_CASE_OP_INTAKE:
      return intake (db, op, &meta, error);

    case GX_CASE_OP_MOVE:
      {
        GxCaseChange change = {
          .to = op->to,
          .note = op->note,
          .impact = op->impact,
          .urgency = op->urgency,
          .severity = op->severity,
          .reply_method = op->reply_method,
          .visit_at = op->visit_at,
          .final_decision = op->final_decision,
          .no_visit_reason = op->no_visit_reason,
          .resolution = op->resolution,
        };
        return gx_case_transition (db, op->case_id, &change, &meta, error);
      }

    case GX_CASE_OP_REVIEW:
      return gx_case_review (db, op->case_id, op->approve, op->score, op->note, &meta, error);

    case GX_CASE_OP_HAND_OFF:
      return gx_case_hand_off (db, op->case_id, op->to_user, op->department, op->note, &meta, error);

    case GX_CASE_OP_NOTE:
      return gx_case_add_note (db, op->case_id, op->note, &meta, error);

    case GX_CASE_OP_EDIT:
      return gx_case_edit (db, op->case_id, op->fields, &meta, error);

    case GX_CASE_OP_VISIT:
      {
        GxReturnVisitInput visit = {
          .method = op->method,
          .overall = op->overall,
          .factor_ids = (const char * const *) op->factor_ids,
          .scores = op->scores,
          .n_factors = op->n_factors,
          .accepted = op->accepted,
          .comment = op->comment,
        };
        return gx_case_record_visit (db, op->case_id, &visit, &meta, error);
      }

    case GX_CASE_OP_ATTACH:
      return gx_case_attach (db, op->case_id, op->file->name, op->file->mime_type, op->file->bytes,
                             &meta, &op->result_id, error);

    case GX_CASE_OP_LESSON:
      return gx_lesson_create (db, op->case_id, op->fields, &meta, &op->result_id, error);

    case GX_CASE_OP_ESCALATE:
      if (op->escalated == NULL)
        op->escalated = g_ptr_array_new_with_free_func (g_free);
      if (op->case_ids == NULL)
        return gx_case_escalate_due (db, &meta, op->escalated, error);
      for (guint i = 0; i < op->case_ids->len; i++)
        {
          gboolean done = FALSE;

          if (!gx_case_escalate (db, op->case_ids->pdata[i], &meta, &done, error))
            return FALSE;
          if (done)
            g_ptr_array_add (op->escalated, g_strdup (op->case_ids->pdata[i]));
        }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  Request *request = g_task_get_task_data (task);

  if (!gx_store_write_finish (GX_STORE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&request->op), (GDestroyNotify) gx_case_op_free);
}

/**
 * gx_case_op_run:
 * @op: (transfer full): the write
 * @context: the desk's context: the store, the clock, the signed-in user
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when the write committed or failed
 * @user_data: data for @callback
 *
 * Runs @op as the signed-in user, now by the context's clock, in one transaction.
 */
void
gx_case_op_run (GxCaseOp             *op,
                GxContext            *context,
                GCancellable         *cancellable,
                GAsyncReadyCallback   callback,
                gpointer              user_data)
{
  GTask *task;
  Request *request;

  g_return_if_fail (op != NULL);
  g_return_if_fail (GX_IS_CONTEXT (context));

  request = g_new0 (Request, 1);
  request->op = op;
  request->user_id = g_strdup (gx_context_get_user_id (context));
  request->clock = g_object_ref (gx_context_get_clock (context));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gx_case_op_run);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  gx_store_write_async (gx_context_get_store (context), write_cb, request, NULL, cancellable,
                        write_done_cb, task);
}

/**
 * gx_case_op_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError; a refusal is a #GX_RECORD_ERROR naming the field
 *
 * Returns: (transfer full) (nullable): the op with its results, %NULL on error
 */
GxCaseOp *
gx_case_op_finish (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
