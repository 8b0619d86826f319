/* gx-activity-invite.c: inviting a large target group off the main thread, in steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-activity"

#include "config.h"

#include "gx-activity-private.h"
#include "gx-activity.h"

/* A saved filter may name tens of thousands of customers. Inviting them in one transaction
 * would hold the writer (and every check-in and answer waiting behind it) for seconds, with
 * nothing to show and no way back. So the group is read once, then invited in steps of
 * GX_ACTIVITY_INVITE_STEP, each its own transaction: after each the desk hears how far it
 * got, and a cancel stops before the next step. What was committed stays — every invitation
 * complete with its code and outbox row — and is said ("8,000 of 22,000 invited"); inviting
 * the target group again invites the rest, since the group is always "not invited yet". */

#define GX_ACTIVITY_INVITE_STEP 1000

typedef struct
{
  GxStore                  *store;
  char                     *activity_id;
  char                     *user_id;
  gint64                    now;
  GxActivityInviteProgress  progress;
  gpointer                  progress_data;
  GMainContext             *context;

  /* Written by the worker, read after it returned. */
  GPtrArray                *customers;
  guint                     step_start;
  guint                     step_len;
  guint                     step_invited;
  guint                     invited;
  guint                     total;
} InviteJob;

static void
invite_job_free (gpointer data)
{
  InviteJob *job = data;

  g_clear_object (&job->store);
  g_free (job->activity_id);
  g_free (job->user_id);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_clear_pointer (&job->customers, g_ptr_array_unref);
  g_free (job);
}

/* A report waits until the desk has heard it: the progress shown is where the work is, and
 * a Cancel pressed on seeing "1,000 of 22,000" stops before the second thousand. */
typedef struct
{
  GxActivityInviteProgress  progress;
  gpointer                  progress_data;
  GCancellable             *cancellable;
  guint                     invited;
  guint                     total;
  GMutex                    lock;
  GCond                     cond;
  gboolean                  done;
} Report;

static gboolean
report_cb (gpointer data)
{
  Report *report = data;

  if (!g_cancellable_is_cancelled (report->cancellable))
    report->progress (report->invited, report->total, report->progress_data);
  g_mutex_lock (&report->lock);
  report->done = TRUE;
  g_cond_signal (&report->cond);
  g_mutex_unlock (&report->lock);
  return G_SOURCE_REMOVE;
}

static void
report (GTask     *task,
        InviteJob *job)
{
  Report r = { job->progress, job->progress_data, g_task_get_cancellable (task), job->invited, job->total };

  if (job->progress == NULL)
    return;
  g_mutex_init (&r.lock);
  g_cond_init (&r.cond);
  g_mutex_lock (&r.lock);
  /* An idle source, not g_main_context_invoke(): that would run the report right here, on
   * this thread, whenever nobody owns the context at the moment (see gx-store.c). */
  {
    GSource *source = g_idle_source_new ();

    g_source_set_priority (source, G_PRIORITY_DEFAULT);
    g_source_set_callback (source, report_cb, &r, NULL);
    g_source_set_static_name (source, "[gx-activity] invite progress");
    g_source_attach (source, job->context);
    g_source_unref (source);
  }
  while (!r.done)
    g_cond_wait (&r.cond, &r.lock);
  g_mutex_unlock (&r.lock);
  g_mutex_clear (&r.lock);
  g_cond_clear (&r.cond);
}

static gboolean
invite_step_cb (GxDb      *db,
                gpointer   data,
                GError   **error)
{
  InviteJob *job = data;
  GxWriteMeta meta = { .now = job->now, .user_id = job->user_id };

  return gx_activity_invite_customers (db, job->activity_id,
                                       (const char * const *) job->customers->pdata + job->step_start, job->step_len,
                                       &meta, &job->step_invited, error);
}

static void
invite_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  InviteJob *job = task_data;
  g_autoptr(GError) error = NULL;
  GxDb *db;

  if (!(db = gx_store_acquire_reader (job->store, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->customers = _gx_activity_target_group_ids (db, job->activity_id, job->now, &error);
  gx_store_release_reader (job->store, db);
  if (job->customers == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->total = job->customers->len;
  report (task, job);

  for (guint start = 0; start < job->customers->len; start += GX_ACTIVITY_INVITE_STEP)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      job->step_start = start;
      job->step_len = MIN (GX_ACTIVITY_INVITE_STEP, job->customers->len - start);
      if (!gx_store_write_sync (job->store, invite_step_cb, job, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      job->invited += job->step_invited;
      /* Customers invited meanwhile by someone else are no longer to do. */
      job->total -= job->step_len - job->step_invited;
      report (task, job);
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * gx_activity_invite_target_group_async:
 * @store: the desk's store
 * @activity_id: the activity
 * @user_id: (nullable): who invites
 * @now: the time of the request
 * @cancellable: (nullable): stops before the next step; the steps committed stay
 * @progress: (nullable) (scope notified): told on the calling thread's main context how many
 *   are invited of how many, once the group is read and after each step
 * @progress_data: (closure progress): data for @progress; it must live until @callback ran
 *   (every report is delivered before it)
 * @callback: called when everyone is invited, or it failed or was cancelled
 * @user_data: data for @callback
 *
 * Invites everyone of the activity's target group who is not invited yet, off the calling
 * thread, in steps of a thousand, each its own transaction.
 */
void
gx_activity_invite_target_group_async (GxStore                  *store,
                                       const char               *activity_id,
                                       const char               *user_id,
                                       gint64                    now,
                                       GCancellable             *cancellable,
                                       GxActivityInviteProgress  progress,
                                       gpointer                  progress_data,
                                       GAsyncReadyCallback       callback,
                                       gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  InviteJob *job;

  g_return_if_fail (GX_IS_STORE (store));
  g_return_if_fail (activity_id != NULL);

  job = g_new0 (InviteJob, 1);
  job->store = g_object_ref (store);
  job->activity_id = g_strdup (activity_id);
  job->user_id = g_strdup (user_id);
  job->now = now;
  job->progress = progress;
  job->progress_data = progress_data;
  job->context = g_main_context_ref_thread_default ();

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, gx_activity_invite_target_group_async);
  g_task_set_task_data (task, job, invite_job_free);
  /* The outcome is reported even when cancelled: how many were invited before the stop. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, invite_thread);
}

/**
 * gx_activity_invite_target_group_finish:
 * @store: the desk's store
 * @result: the result
 * @n_invited: (out) (optional): how many were invited — also when it failed or was
 *   cancelled part-way: those invitations are committed
 * @n_total: (out) (optional): how many there were to invite
 * @error: return location for a #GError; %G_IO_ERROR_CANCELLED after a cancel
 *
 * Returns: %TRUE when the whole group is invited
 */
gboolean
gx_activity_invite_target_group_finish (GxStore       *store,
                                        GAsyncResult  *result,
                                        guint         *n_invited,
                                        guint         *n_total,
                                        GError       **error)
{
  InviteJob *job;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (n_invited != NULL)
    *n_invited = job->invited;
  if (n_total != NULL)
    *n_total = job->total;
  return g_task_propagate_boolean (G_TASK (result), error);
}
