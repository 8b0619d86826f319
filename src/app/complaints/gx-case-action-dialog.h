/* gx-case-action-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gx-case.h"
#include "gx-context.h"

G_BEGIN_DECLS

/**
 * GxCaseAction:
 * @GX_CASE_ACTION_MOVE: move the case along the flow; the dialog asks what the move needs
 * @GX_CASE_ACTION_APPROVE: a supervisor's sign-off, with a quality score
 * @GX_CASE_ACTION_SEND_BACK: a supervisor sends the response back with a note
 * @GX_CASE_ACTION_HAND_OFF: hand the case to a colleague or department
 * @GX_CASE_ACTION_NOTE: add a note to the timeline
 * @GX_CASE_ACTION_VISIT: record the return visit (回访)
 * @GX_CASE_ACTION_LESSON: turn the closed case into a lesson (案例库)
 */
typedef enum
{
  GX_CASE_ACTION_MOVE,
  GX_CASE_ACTION_APPROVE,
  GX_CASE_ACTION_SEND_BACK,
  GX_CASE_ACTION_HAND_OFF,
  GX_CASE_ACTION_NOTE,
  GX_CASE_ACTION_VISIT,
  GX_CASE_ACTION_LESSON,
} GxCaseAction;

#define GX_TYPE_CASE_ACTION_DIALOG (gx_case_action_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GxCaseActionDialog, gx_case_action_dialog, GX, CASE_ACTION_DIALOG, AdwWindow)

GtkWidget *gx_case_action_dialog_new (GxContext    *context,
                                      const char   *case_id,
                                      GxCaseAction  action,
                                      GxCaseStatus  to);

G_END_DECLS
