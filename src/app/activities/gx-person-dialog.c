/* gx-person-dialog.c: add a guest, check in a walk-in, or override an answer — with a reason
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-person-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-activity-ui.h"
#include "gx-activity.h"
#include "gx-enums.h"
#include "gx-person-dialog.h"

/* A refused entry keeps what was typed and marks the field core names; the dialog closes only
 * when the write committed. */

struct _GxPersonDialog
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwWindowTitle     *window_title;
  GtkButton          *apply_button;
  GtkLabel           *intro_label;
  AdwComboRow        *status_row;
  AdwEntryRow        *name_row;
  AdwEntryRow        *phone_row;
  AdwComboRow        *relation_row;
  AdwEntryRow        *note_row;
  GtkLabel           *error_label;

  /* Owned */
  GxContext          *context;
  GxPersonDialogMode  mode;
  char               *target_id;   /* the invitation (guest, override) or the activity (walk-in) */
  char               *person;      /* the invitee's name, for the intro */
  GCancellable       *cancellable;
  guint               busy : 1;
};

enum {
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GxPersonDialog, gx_person_dialog, ADW_TYPE_WINDOW)

/* The answers an override may set: every status but an offer, which only the waitlist makes. */
static const char * const override_statuses[] = {
  "accepted", "waitlisted", "tentative", "invited", "declined", "cancelled",
};

typedef struct
{
  GxPersonDialogMode  mode;
  char               *target_id;
  char               *name;
  char               *phone;
  char               *relation;
  char               *status;
  char               *note;
  GxActivityOutcome   outcome;
} Request;

static void
request_free (Request *request)
{
  g_free (request->target_id);
  g_free (request->name);
  g_free (request->phone);
  g_free (request->relation);
  g_free (request->status);
  g_free (request->note);
  g_free (request);
}

static gboolean
apply_cb (GxDb              *db,
          const GxWriteMeta *meta,
          gpointer           data,
          GError           **error)
{
  Request *request = data;

  switch (request->mode)
    {
    case GX_PERSON_DIALOG_GUEST:
      return gx_activity_add_guest (db, request->target_id, request->name, request->phone,
                                    request->relation, meta, NULL, error);
    case GX_PERSON_DIALOG_WALK_IN:
      return gx_activity_walk_in (db, request->target_id, request->name, request->phone, meta, NULL, error);
    case GX_PERSON_DIALOG_OVERRIDE:
    default:
      return gx_activity_override (db, request->target_id, request->status, request->note, meta,
                                   &request->outcome, error);
    }
}

static void
mark (GxPersonDialog *self,
      const char     *field)
{
  gx_activity_ui_mark (GTK_WIDGET (self->name_row),
                       g_strcmp0 (field, "name") == 0 || g_strcmp0 (field, "walk_in_name") == 0);
  gx_activity_ui_mark (GTK_WIDGET (self->phone_row),
                       g_strcmp0 (field, "phone") == 0 || g_strcmp0 (field, "walk_in_phone") == 0);
  gx_activity_ui_mark (GTK_WIDGET (self->relation_row), g_strcmp0 (field, "relation") == 0);
  gx_activity_ui_mark (GTK_WIDGET (self->note_row), g_strcmp0 (field, "override_note") == 0);
  gx_activity_ui_mark (GTK_WIDGET (self->status_row), g_strcmp0 (field, "status") == 0);
}

static void
apply_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GxPersonDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  self->busy = FALSE;
  if (!gx_activity_ui_write_finish (self->context, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      mark (self, gx_record_error_get_field (error));
      return;
    }

  switch (self->mode)
    {
    case GX_PERSON_DIALOG_GUEST:
      /* Translators: %s is a guest's name */
      message = g_strdup_printf (_("%s is on the list and in the archive as a prospect."), name);
      break;
    case GX_PERSON_DIALOG_WALK_IN:
      /* Translators: %s is a person's name */
      message = g_strdup_printf (_("%s checked in."), name);
      break;
    case GX_PERSON_DIALOG_OVERRIDE:
    default:
      /* Translators: a name, then the answer set, e.g. "Accepted" */
      message = g_strdup_printf (_("%s: %s, by override."), self->person ? self->person : "",
                                 gx_vocab_label (GX_VOCAB_RSVP, override_statuses[adw_combo_row_get_selected (self->status_row)]));
      break;
    }

  g_signal_emit (self, signals[APPLIED], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
gx_person_dialog_apply_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  GxPersonDialog *self = GX_PERSON_DIALOG (widget);
  Request *request;
  const GxVocabEntry *relations;
  guint n, selected;

  if (self->busy)
    return;

  request = g_new0 (Request, 1);
  request->mode = self->mode;
  request->target_id = g_strdup (self->target_id);
  request->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  request->phone = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->phone_row)));
  relations = gx_vocab_entries (GX_VOCAB_GUEST_RELATION, &n);
  selected = adw_combo_row_get_selected (self->relation_row);
  request->relation = g_strdup (relations[selected < n ? selected : 0].code);
  selected = adw_combo_row_get_selected (self->status_row);
  request->status = g_strdup (override_statuses[selected < G_N_ELEMENTS (override_statuses) ? selected : 0]);
  request->note = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row)));

  self->busy = TRUE;
  gx_activity_ui_write (self->context, apply_cb, request, (GDestroyNotify) request_free,
                        self->cancellable, apply_done_cb, g_object_ref (self));
}

static void
on_entry_activated_cb (GxPersonDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "person.apply", NULL);
}

static void
setup (GxPersonDialog *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autofree char *intro = NULL;

  gx_activity_ui_fill_vocab (self->relation_row, GX_VOCAB_GUEST_RELATION);
  for (guint i = 0; i < G_N_ELEMENTS (override_statuses); i++)
    gtk_string_list_append (statuses, gx_vocab_label (GX_VOCAB_RSVP, override_statuses[i]));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));

  gtk_widget_set_visible (GTK_WIDGET (self->status_row), self->mode == GX_PERSON_DIALOG_OVERRIDE);
  gtk_widget_set_visible (GTK_WIDGET (self->note_row), self->mode == GX_PERSON_DIALOG_OVERRIDE);
  gtk_widget_set_visible (GTK_WIDGET (self->name_row), self->mode != GX_PERSON_DIALOG_OVERRIDE);
  gtk_widget_set_visible (GTK_WIDGET (self->phone_row), self->mode != GX_PERSON_DIALOG_OVERRIDE);
  gtk_widget_set_visible (GTK_WIDGET (self->relation_row), self->mode == GX_PERSON_DIALOG_GUEST);

  switch (self->mode)
    {
    case GX_PERSON_DIALOG_GUEST:
      adw_window_title_set_title (self->window_title, _("Add a Guest"));
      gtk_button_set_label (self->apply_button, _("_Add"));
      /* Translators: %s is the invitee's name */
      intro = g_strdup_printf (_("A guest of %s takes a place when the party has one, and is recorded as a prospect referred by %s."),
                               self->person, self->person);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      break;
    case GX_PERSON_DIALOG_WALK_IN:
      adw_window_title_set_title (self->window_title, _("Walk-in"));
      gtk_button_set_label (self->apply_button, _("_Check In"));
      intro = g_strdup (_("Someone who came without an invitation. They are looked up by phone, or recorded as a prospect of the activity’s owner."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      break;
    case GX_PERSON_DIALOG_OVERRIDE:
    default:
      adw_window_title_set_title (self->window_title, _("Override the Answer"));
      gtk_button_set_label (self->apply_button, _("_Override"));
      /* Translators: %s is the invitee's name */
      intro = g_strdup_printf (_("Sets %s’s answer by hand, beyond the capacity or after registration closed. The reason is recorded with your name."),
                               self->person);
      gtk_widget_grab_focus (GTK_WIDGET (self->note_row));
      break;
    }
  gtk_label_set_label (self->intro_label, intro);
}

static void
gx_person_dialog_dispose (GObject *object)
{
  GxPersonDialog *self = (GxPersonDialog *) object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_PERSON_DIALOG);

  G_OBJECT_CLASS (gx_person_dialog_parent_class)->dispose (object);
}

static void
gx_person_dialog_finalize (GObject *object)
{
  GxPersonDialog *self = (GxPersonDialog *) object;

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_free (self->target_id);
  g_free (self->person);

  G_OBJECT_CLASS (gx_person_dialog_parent_class)->finalize (object);
}

static void
gx_person_dialog_class_init (GxPersonDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_person_dialog_dispose;
  object_class->finalize = gx_person_dialog_finalize;

  /**
   * GxPersonDialog::applied:
   * @message: what was done, for a toast
   */
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-person-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GxPersonDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, GxPersonDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, GxPersonDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, GxPersonDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, GxPersonDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, GxPersonDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, GxPersonDialog, relation_row);
  gtk_widget_class_bind_template_child (widget_class, GxPersonDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, GxPersonDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "person.apply", NULL, gx_person_dialog_apply_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gx_person_dialog_init (GxPersonDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

/**
 * gx_person_dialog_new:
 * @parent: the window it belongs to
 * @context: the desk's context
 * @mode: what the dialog does
 * @target_id: the invitation (a guest, an override) or the activity (a walk-in)
 * @person: (nullable): the invitee's name
 *
 * Returns: (transfer none): the dialog, not shown yet
 */
GxPersonDialog *
gx_person_dialog_new (GtkWindow          *parent,
                      GxContext          *context,
                      GxPersonDialogMode  mode,
                      const char         *target_id,
                      const char         *person)
{
  GxPersonDialog *self = g_object_new (GX_TYPE_PERSON_DIALOG, "transient-for", parent, NULL);

  self->context = g_object_ref (context);
  self->mode = mode;
  self->target_id = g_strdup (target_id);
  self->person = g_strdup (person ? person : "");
  setup (self);
  return self;
}
