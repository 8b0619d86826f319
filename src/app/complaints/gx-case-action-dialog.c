/* gx-case-action-dialog.c: what one step of a case needs from the user, asked in one form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-case-action-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "gx-case-action-dialog.h"
#include "gx-case-ops.h"
#include "gx-enums.h"
#include "gx-record.h"
#include "gx-window.h"

/* One form for every step that needs input: a move along the flow (what it needs comes from
 * the transition table: a reason, an assessment, how the decision went out…), a review, a
 * hand-off, a note, the return visit, a lesson. The groups a step does not need are hidden.
 * A refused step keeps everything typed, marks the field core names and says why. */

struct _GxCaseActionDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  GtkButton           *submit_button;
  GtkLabel            *error_label;
  AdwPreferencesGroup *assess_group;
  AdwComboRow         *impact_row;
  AdwComboRow         *urgency_row;
  AdwComboRow         *severity_row;
  AdwPreferencesGroup *handoff_group;
  AdwComboRow         *assignee_row;
  AdwEntryRow         *department_row;
  AdwPreferencesGroup *reply_group;
  AdwComboRow         *reply_row;
  AdwPreferencesGroup *visit_time_group;
  AdwEntryRow         *visit_time_row;
  AdwPreferencesGroup *visit_group;
  AdwComboRow         *method_row;
  AdwComboRow         *overall_row;
  GtkSwitch           *accepted_switch;
  AdwEntryRow         *comment_row;
  AdwPreferencesGroup *factors_group;
  AdwPreferencesGroup *closing_group;
  AdwEntryRow         *final_decision_row;
  AdwEntryRow         *no_visit_reason_row;
  AdwPreferencesGroup *review_group;
  AdwComboRow         *score_row;
  AdwPreferencesGroup *lesson_group;
  AdwEntryRow         *lesson_title_row;
  AdwEntryRow         *lesson_cause_row;
  AdwEntryRow         *lesson_department_row;
  AdwEntryRow         *lesson_improvement_row;
  AdwPreferencesGroup *note_group;
  GtkTextView         *note_view;

  /* Owned */
  GxContext           *context;
  char                *case_id;
  GPtrArray           *user_ids;
  GPtrArray           *factor_ids;
  GPtrArray           *factor_rows;
  GCancellable        *cancellable;
  GxCaseAction         action;
  GxCaseStatus         to;
};

G_DEFINE_FINAL_TYPE (GxCaseActionDialog, gx_case_action_dialog, ADW_TYPE_WINDOW)

static GxDb *
reader (GxCaseActionDialog *self)
{
  return gx_store_get_main_reader (gx_context_get_store (self->context));
}

static GtkStringList *
vocab_list (GxVocab vocab)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  guint n;
  const GxVocabEntry *entries = gx_vocab_entries (vocab, &n);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, _(entries[i].label));
  return list;
}

static const char *
vocab_code (GxVocab      vocab,
            AdwComboRow *row)
{
  guint n;
  const GxVocabEntry *entries = gx_vocab_entries (vocab, &n);
  guint selected = adw_combo_row_get_selected (row);

  return selected < n ? entries[selected].code : NULL;
}

static char *
note_text (GxCaseActionDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
show_error (GxCaseActionDialog *self,
            GtkWidget          *at,
            const char         *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  if (at != NULL)
    {
      gtk_widget_add_css_class (at, "error");
      gtk_widget_grab_focus (at);
    }
}

static GtkWidget *
widget_for_field (GxCaseActionDialog *self,
                  const char         *field)
{
  static const struct {
    const char *field;
    gsize       offset;
  } fields[] = {
    { "note", G_STRUCT_OFFSET (GxCaseActionDialog, note_view) },
    { "resolution", G_STRUCT_OFFSET (GxCaseActionDialog, note_view) },
    { "problem", G_STRUCT_OFFSET (GxCaseActionDialog, note_view) },
    { "communicated_via", G_STRUCT_OFFSET (GxCaseActionDialog, reply_row) },
    { "final_decision", G_STRUCT_OFFSET (GxCaseActionDialog, final_decision_row) },
    { "no_visit_reason", G_STRUCT_OFFSET (GxCaseActionDialog, no_visit_reason_row) },
    { "to_user", G_STRUCT_OFFSET (GxCaseActionDialog, assignee_row) },
    { "score", G_STRUCT_OFFSET (GxCaseActionDialog, score_row) },
    { "overall", G_STRUCT_OFFSET (GxCaseActionDialog, overall_row) },
    { "method", G_STRUCT_OFFSET (GxCaseActionDialog, method_row) },
    { "title", G_STRUCT_OFFSET (GxCaseActionDialog, lesson_title_row) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (fields[i].field, field) == 0)
      return G_STRUCT_MEMBER (GtkWidget *, self, fields[i].offset);

  return NULL;
}

static void
clear_errors (GxCaseActionDialog *self)
{
  GtkWidget *widgets[] = {
    GTK_WIDGET (self->note_view), GTK_WIDGET (self->reply_row), GTK_WIDGET (self->final_decision_row),
    GTK_WIDGET (self->no_visit_reason_row), GTK_WIDGET (self->assignee_row), GTK_WIDGET (self->score_row),
    GTK_WIDGET (self->overall_row), GTK_WIDGET (self->method_row), GTK_WIDGET (self->lesson_title_row),
    GTK_WIDGET (self->visit_time_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    gtk_widget_remove_css_class (widgets[i], "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

/* "2026-11-23 10:00" in the desk's time zone. */
static gboolean
parse_local_time (GxCaseActionDialog *self,
                  const char         *text,
                  gint64             *out)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d, h, mi;
  char tail;

  *out = 0;
  if (text == NULL || *text == '\0')
    return TRUE;
  if (sscanf (text, "%d-%d-%d %d:%d%c", &y, &m, &d, &h, &mi, &tail) != 5)
    return FALSE;
  dt = g_date_time_new (gx_clock_get_timezone (gx_context_get_clock (self->context)), y, m, d, h, mi, 0);
  if (dt == NULL)
    return FALSE;
  *out = g_date_time_to_unix (dt);
  return TRUE;
}

/* Submitting */

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GxCaseActionDialog) self = user_data;
  g_autoptr(GxCaseOp) op = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;

  op = gx_case_op_finish (result, &error);
  gtk_widget_set_sensitive (GTK_WIDGET (self->submit_button), TRUE);
  if (op == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, widget_for_field (self, gx_record_error_get_field (error)), error->message);
      return;
    }

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (GX_IS_WINDOW (parent))
    {
      const char *text = NULL;
      g_autofree char *moved = NULL;

      switch (self->action)
        {
        case GX_CASE_ACTION_MOVE:
          moved = g_strdup_printf (_("Case is now “%s”"),
                                   gx_vocab_label (GX_VOCAB_CASE_STATUS, gx_case_status_to_code (self->to)));
          text = moved;
          break;
        case GX_CASE_ACTION_APPROVE:
          text = _("Response approved");
          break;
        case GX_CASE_ACTION_SEND_BACK:
          text = _("Response sent back");
          break;
        case GX_CASE_ACTION_HAND_OFF:
          text = _("Case handed off");
          break;
        case GX_CASE_ACTION_NOTE:
          text = _("Note added");
          break;
        case GX_CASE_ACTION_VISIT:
          text = _("Return visit recorded");
          break;
        case GX_CASE_ACTION_LESSON:
          text = _("Lesson added to the library");
          break;
        default:
          break;
        }
      if (text != NULL)
        gx_window_add_toast (GX_WINDOW (parent), adw_toast_new (text));
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static GxCaseOp *
build_op (GxCaseActionDialog *self)
{
  g_autofree char *note = note_text (self);
  GxCaseOp *op = NULL;

  switch (self->action)
    {
    case GX_CASE_ACTION_MOVE:
      {
        const GxCaseTransitionInfo *info;
        GxCaseStatus from;
        g_autofree char *status = gx_db_query_string (reader (self), "SELECT status FROM cases WHERE id = ?",
                                                      g_variant_new ("(s)", self->case_id), NULL);

        from = gx_case_status_from_code (status);
        info = gx_case_find_transition (from, self->to);
        op = gx_case_op_new (GX_CASE_OP_MOVE, self->case_id);
        op->to = self->to;
        if (info != NULL && (info->needs & GX_CASE_NEEDS_RESOLUTION))
          op->resolution = g_steal_pointer (&note);
        else
          op->note = g_steal_pointer (&note);
        if (info != NULL && (info->needs & GX_CASE_NEEDS_ASSESSMENT))
          {
            op->impact = g_strdup (vocab_code (GX_VOCAB_LEVEL, self->impact_row));
            op->urgency = g_strdup (vocab_code (GX_VOCAB_LEVEL, self->urgency_row));
            op->severity = g_strdup (vocab_code (GX_VOCAB_SEVERITY, self->severity_row));
          }
        if (info != NULL && (info->needs & GX_CASE_NEEDS_REPLY_METHOD))
          op->reply_method = g_strdup (vocab_code (GX_VOCAB_REPLY_METHOD, self->reply_row));
        if (info != NULL && (info->needs & GX_CASE_NEEDS_VISIT_TIME))
          {
            g_autofree char *when = entry_text (self->visit_time_row);

            if (!parse_local_time (self, when, &op->visit_at))
              {
                show_error (self, GTK_WIDGET (self->visit_time_row), _("Write the time as 2026-11-23 10:00."));
                gx_case_op_free (op);
                return NULL;
              }
          }
        if (info != NULL && (info->needs & GX_CASE_NEEDS_CLOSING))
          {
            op->final_decision = entry_text (self->final_decision_row);
            op->no_visit_reason = entry_text (self->no_visit_reason_row);
          }
      }
      break;

    case GX_CASE_ACTION_APPROVE:
    case GX_CASE_ACTION_SEND_BACK:
      op = gx_case_op_new (GX_CASE_OP_REVIEW, self->case_id);
      op->approve = self->action == GX_CASE_ACTION_APPROVE;
      op->score = (int) adw_combo_row_get_selected (self->score_row);   /* 0: no score */
      op->note = g_steal_pointer (&note);
      break;

    case GX_CASE_ACTION_HAND_OFF:
      {
        guint selected = adw_combo_row_get_selected (self->assignee_row);

        op = gx_case_op_new (GX_CASE_OP_HAND_OFF, self->case_id);
        if (selected < self->user_ids->len)
          op->to_user = g_strdup (g_ptr_array_index (self->user_ids, selected));
        op->department = entry_text (self->department_row);
        op->note = g_steal_pointer (&note);
      }
      break;

    case GX_CASE_ACTION_NOTE:
      op = gx_case_op_new (GX_CASE_OP_NOTE, self->case_id);
      op->note = g_steal_pointer (&note);
      break;

    case GX_CASE_ACTION_VISIT:
      {
        g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
        g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (int));

        op = gx_case_op_new (GX_CASE_OP_VISIT, self->case_id);
        op->method = g_strdup (vocab_code (GX_VOCAB_VISIT_METHOD, self->method_row));
        op->overall = (int) adw_combo_row_get_selected (self->overall_row) + 1;
        op->accepted = gtk_switch_get_active (self->accepted_switch);
        op->comment = entry_text (self->comment_row);
        for (guint i = 0; i < self->factor_rows->len; i++)
          {
            guint selected = adw_combo_row_get_selected (g_ptr_array_index (self->factor_rows, i));
            int score = (int) selected;   /* 0: not asked */

            if (score == 0)
              continue;
            g_ptr_array_add (ids, g_strdup (g_ptr_array_index (self->factor_ids, i)));
            g_array_append_val (scores, score);
          }
        g_ptr_array_add (ids, NULL);
        op->n_factors = scores->len;
        op->factor_ids = (char **) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
        op->scores = (int *) (gpointer) g_array_free (g_steal_pointer (&scores), FALSE);
      }
      break;

    case GX_CASE_ACTION_LESSON:
      op = gx_case_op_new (GX_CASE_OP_LESSON, self->case_id);
      op->fields = json_object_new ();
      json_object_set_string_member (op->fields, "title", gtk_editable_get_text (GTK_EDITABLE (self->lesson_title_row)));
      json_object_set_string_member (op->fields, "problem", note);
      json_object_set_string_member (op->fields, "cause", gtk_editable_get_text (GTK_EDITABLE (self->lesson_cause_row)));
      json_object_set_string_member (op->fields, "department",
                                     gtk_editable_get_text (GTK_EDITABLE (self->lesson_department_row)));
      json_object_set_string_member (op->fields, "improvement",
                                     gtk_editable_get_text (GTK_EDITABLE (self->lesson_improvement_row)));
      break;

    default:
      g_assert_not_reached ();
    }

  return op;
}

static void
gx_case_action_dialog_submit_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  GxCaseActionDialog *self = GX_CASE_ACTION_DIALOG (widget);
  GxCaseOp *op;

  clear_errors (self);
  op = build_op (self);
  if (op == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->submit_button), FALSE);
  gx_case_op_run (op, self->context, self->cancellable, done_cb, g_object_ref (self));
}

static void
gx_case_action_dialog_cancel_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* Setting up for one step */

static void
on_level_changed_cb (GxCaseActionDialog *self)
{
  const char *severity = gx_case_severity_for (vocab_code (GX_VOCAB_LEVEL, self->impact_row),
                                               vocab_code (GX_VOCAB_LEVEL, self->urgency_row));

  adw_combo_row_set_selected (self->severity_row, (guint) gx_vocab_index (GX_VOCAB_SEVERITY, severity));
}

static void
load_users (GxCaseActionDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (reader (self),
                        "SELECT id, display_name, team FROM users WHERE active = 1 AND id IS NOT ?"
                        " ORDER BY team, display_name",
                        NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, gx_context_get_user_id (self->context), -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *team = gx_db_column_text (stmt, 2);
      g_autofree char *label = *team ? g_strdup_printf ("%s — %s", gx_db_column_text (stmt, 1), team)
                                     : g_strdup (gx_db_column_text (stmt, 1));

      g_ptr_array_add (self->user_ids, g_strdup (gx_db_column_text (stmt, 0)));
      gtk_string_list_append (names, label);
    }
  sqlite3_reset (stmt);

  adw_combo_row_set_model (self->assignee_row, G_LIST_MODEL (names));
}

static void
load_factors (GxCaseActionDialog *self)
{
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (reader (self),
                        "SELECT id, name FROM service_factors WHERE parent_id IS NULL ORDER BY position", NULL);
  if (stmt == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = gx_db_column_text (stmt, 0);
      g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
      GtkWidget *row = adw_combo_row_new ();

      gtk_string_list_append (choices, _("Not asked"));
      for (int score = 1; score <= 5; score++)
        {
          g_autofree char *text = g_strdup_printf ("%d", score);
          gtk_string_list_append (choices, text);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     gx_vocab_contains (GX_VOCAB_SERVICE_FACTOR, id)
                                     ? gx_vocab_label (GX_VOCAB_SERVICE_FACTOR, id) : gx_db_column_text (stmt, 1));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
      adw_preferences_group_add (self->factors_group, row);
      g_ptr_array_add (self->factor_ids, g_strdup (id));
      g_ptr_array_add (self->factor_rows, row);
    }
  sqlite3_reset (stmt);
}

static void
set_note (GxCaseActionDialog *self,
          const char         *title,
          const char         *description,
          const char         *text)
{
  gtk_widget_set_visible (GTK_WIDGET (self->note_group), TRUE);
  adw_preferences_group_set_title (self->note_group, title);
  adw_preferences_group_set_description (self->note_group, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (text != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), text, -1);
}

static void
set_up (GxCaseActionDialog *self)
{
  g_autoptr(JsonObject) record = gx_record_read (reader (self), "case", self->case_id, NULL);
  const char *title = NULL;
  const char *submit = NULL;
  g_autofree char *owned_title = NULL;

  if (record == NULL)
    return;

  switch (self->action)
    {
    case GX_CASE_ACTION_MOVE:
      {
        GxCaseStatus from = gx_case_status_from_code (json_object_get_string_member (record, "status"));
        const GxCaseTransitionInfo *info = gx_case_find_transition (from, self->to);
        GxCaseNeeds needs = info ? info->needs : GX_CASE_NEEDS_NOTHING;

        title = submit = info ? _(info->action) : "";
        if (needs & GX_CASE_NEEDS_NOTE)
          {
            if (from == GX_CASE_CLOSED)
              set_note (self, _("Why Is the Case Reopened?"), NULL, NULL);
            else if (self->to == GX_CASE_WAITING_CUSTOMER)
              set_note (self, _("What Was the Customer Asked?"),
                        _("The answer clock stops until the case resumes."), NULL);
            else if (self->to == GX_CASE_WAITING_DEPARTMENT)
              set_note (self, _("What Is the Department Asked?"),
                        _("The answer clock keeps running."), NULL);
            else
              set_note (self, _("What Needs to Change?"), NULL, NULL);
          }
        if (needs & GX_CASE_NEEDS_RESOLUTION)
          set_note (self, _("What Was Done"),
                    _("The response to the customer: what was found, what was done, what is offered."),
                    json_object_get_null_member (record, "resolution") ? NULL
                    : json_object_get_string_member (record, "resolution"));
        gtk_widget_set_visible (GTK_WIDGET (self->assess_group), (needs & GX_CASE_NEEDS_ASSESSMENT) != 0);
        if (needs & GX_CASE_NEEDS_ASSESSMENT)
          {
            /* What the desk chose at intake stands until the assessment says otherwise. */
            if (!json_object_get_null_member (record, "impact"))
              adw_combo_row_set_selected (self->impact_row, (guint) gx_vocab_index (GX_VOCAB_LEVEL, json_object_get_string_member (record, "impact")));
            if (!json_object_get_null_member (record, "urgency"))
              adw_combo_row_set_selected (self->urgency_row, (guint) gx_vocab_index (GX_VOCAB_LEVEL, json_object_get_string_member (record, "urgency")));
            adw_combo_row_set_selected (self->severity_row,
                                        (guint) gx_vocab_index (GX_VOCAB_SEVERITY, json_object_get_string_member (record, "severity")));
          }
        gtk_widget_set_visible (GTK_WIDGET (self->reply_group), (needs & GX_CASE_NEEDS_REPLY_METHOD) != 0);
        gtk_widget_set_visible (GTK_WIDGET (self->visit_time_group), (needs & GX_CASE_NEEDS_VISIT_TIME) != 0);
        gtk_widget_set_visible (GTK_WIDGET (self->closing_group), (needs & GX_CASE_NEEDS_CLOSING) != 0);
        if (needs & GX_CASE_NEEDS_CLOSING)
          {
            gboolean visited = gx_db_query_int (reader (self),
                                                "SELECT count(*) FROM return_visits WHERE case_id = ? AND done_at IS NOT NULL",
                                                g_variant_new ("(s)", self->case_id), 0, NULL) > 0;

            if (!json_object_get_null_member (record, "final_decision"))
              gtk_editable_set_text (GTK_EDITABLE (self->final_decision_row),
                                     json_object_get_string_member (record, "final_decision"));
            gtk_widget_set_visible (GTK_WIDGET (self->no_visit_reason_row), !visited);
          }
        if (needs & GX_CASE_NEEDS_VISIT_TIME)
          {
            g_autoptr(GDateTime) local = gx_clock_dup_local (gx_context_get_clock (self->context));
            g_autoptr(GDateTime) tomorrow = g_date_time_add_days (local, 1);
            g_autofree char *text = g_date_time_format (tomorrow, "%Y-%m-%d 10:00");

            gtk_editable_set_text (GTK_EDITABLE (self->visit_time_row), text);
          }
      }
      break;

    case GX_CASE_ACTION_APPROVE:
      title = _("Approve the Response");
      submit = _("_Approve");
      gtk_widget_set_visible (GTK_WIDGET (self->review_group), TRUE);
      set_note (self, _("Note for the Desk"), _("Optional."), NULL);
      break;

    case GX_CASE_ACTION_SEND_BACK:
      title = _("Send the Response Back");
      submit = _("Send _Back");
      gtk_widget_set_visible (GTK_WIDGET (self->review_group), TRUE);
      set_note (self, _("What Needs to Change?"), NULL, NULL);
      break;

    case GX_CASE_ACTION_HAND_OFF:
      title = _("Hand Off the Case");
      submit = _("_Hand Off");
      load_users (self);
      gtk_widget_set_visible (GTK_WIDGET (self->handoff_group), TRUE);
      set_note (self, _("What Should They Know?"), NULL, NULL);
      break;

    case GX_CASE_ACTION_NOTE:
      title = _("Add a Note");
      submit = _("_Add Note");
      set_note (self, _("Note"), _("Notes go into the case’s timeline and are never changed."), NULL);
      break;

    case GX_CASE_ACTION_VISIT:
      title = _("Record the Return Visit");
      submit = _("_Record");
      load_factors (self);
      gtk_widget_set_visible (GTK_WIDGET (self->visit_group), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->factors_group), self->factor_rows->len > 0);
      break;

    case GX_CASE_ACTION_LESSON:
      title = _("Add to the Lessons Library");
      submit = _("_Add Lesson");
      gtk_widget_set_visible (GTK_WIDGET (self->lesson_group), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (self->lesson_title_row), json_object_get_string_member (record, "subject"));
      gtk_editable_set_text (GTK_EDITABLE (self->lesson_cause_row), json_object_get_string_member (record, "root_cause"));
      gtk_editable_set_text (GTK_EDITABLE (self->lesson_department_row), json_object_get_string_member (record, "department"));
      set_note (self, _("The Problem"), _("What the case showed."), json_object_get_string_member (record, "description"));
      break;

    default:
      break;
    }

  owned_title = g_strdup (title);
  gtk_window_set_title (GTK_WINDOW (self), owned_title);
  gtk_button_set_label (self->submit_button, submit);
}

/* GObject */

static void
gx_case_action_dialog_dispose (GObject *object)
{
  GxCaseActionDialog *self = (GxCaseActionDialog *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_CASE_ACTION_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_case_action_dialog_parent_class)->dispose (object);
}

static void
gx_case_action_dialog_finalize (GObject *object)
{
  GxCaseActionDialog *self = (GxCaseActionDialog *) object;

  g_clear_pointer (&self->case_id, g_free);
  g_clear_pointer (&self->user_ids, g_ptr_array_unref);
  g_clear_pointer (&self->factor_ids, g_ptr_array_unref);
  g_clear_pointer (&self->factor_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (gx_case_action_dialog_parent_class)->finalize (object);
}

static void
gx_case_action_dialog_class_init (GxCaseActionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_case_action_dialog_dispose;
  object_class->finalize = gx_case_action_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-case-action-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, submit_button);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, assess_group);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, impact_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, urgency_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, severity_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, handoff_group);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, assignee_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, department_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, reply_group);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, reply_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, visit_time_group);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, visit_time_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, visit_group);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, method_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, overall_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, accepted_switch);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, comment_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, factors_group);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, closing_group);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, final_decision_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, no_visit_reason_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, review_group);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, score_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, lesson_group);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, lesson_title_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, lesson_cause_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, lesson_department_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, lesson_improvement_row);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, note_group);
  gtk_widget_class_bind_template_child (widget_class, GxCaseActionDialog, note_view);

  gtk_widget_class_install_action (widget_class, "dialog.submit", NULL, gx_case_action_dialog_submit_action);
  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, gx_case_action_dialog_cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "dialog.submit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "dialog.submit", NULL);
}

static void
gx_case_action_dialog_init (GxCaseActionDialog *self)
{
  g_autoptr(GtkStringList) severities = vocab_list (GX_VOCAB_SEVERITY);
  g_autoptr(GtkStringList) replies = vocab_list (GX_VOCAB_REPLY_METHOD);
  g_autoptr(GtkStringList) methods = vocab_list (GX_VOCAB_VISIT_METHOD);
  g_autoptr(GtkStringList) scores = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->user_ids = g_ptr_array_new_with_free_func (g_free);
  self->factor_ids = g_ptr_array_new_with_free_func (g_free);
  self->factor_rows = g_ptr_array_new ();

  gtk_string_list_append (scores, _("No score"));
  for (int score = 1; score <= 5; score++)
    {
      g_autofree char *text = g_strdup_printf ("%d", score);
      gtk_string_list_append (scores, text);
    }

  adw_combo_row_set_model (self->severity_row, G_LIST_MODEL (severities));
  adw_combo_row_set_selected (self->severity_row, 1);
  adw_combo_row_set_model (self->reply_row, G_LIST_MODEL (replies));
  adw_combo_row_set_model (self->method_row, G_LIST_MODEL (methods));
  adw_combo_row_set_model (self->score_row, G_LIST_MODEL (scores));

  g_signal_connect_object (self->impact_row, "notify::selected", G_CALLBACK (on_level_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->urgency_row, "notify::selected", G_CALLBACK (on_level_changed_cb), self, G_CONNECT_SWAPPED);

  /* Only the groups the step needs are shown. */
  gtk_widget_set_visible (GTK_WIDGET (self->assess_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->handoff_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->reply_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->visit_time_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->visit_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->factors_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->closing_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->review_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->lesson_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->note_group), FALSE);

  /* Ctrl+Enter submits from anywhere, the text views included, which would otherwise take
   * the key for a new line: the shortcut is seen on the way down, before them. */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                            gtk_named_action_new ("dialog.submit")));
    gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
  }

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->submit_button));
}

/**
 * gx_case_action_dialog_new:
 * @context: the desk's context
 * @case_id: the case
 * @action: the step
 * @to: with %GX_CASE_ACTION_MOVE, the status to move to
 *
 * Returns: (transfer floating): the dialog; present it transient for the window
 */
GtkWidget *
gx_case_action_dialog_new (GxContext    *context,
                           const char   *case_id,
                           GxCaseAction  action,
                           GxCaseStatus  to)
{
  GxCaseActionDialog *self;

  g_return_val_if_fail (GX_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (case_id != NULL, NULL);

  self = g_object_new (GX_TYPE_CASE_ACTION_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->case_id = g_strdup (case_id);
  self->action = action;
  self->to = to;
  set_up (self);

  return GTK_WIDGET (self);
}
