/* gx-activity-page-people.c: the activity page's invitations and check-in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-activity-page"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-activity-page-private.h"
#include "gx-activity-ui.h"
#include "gx-attendee.h"
#include "gx-enums.h"
#include "gx-format.h"
#include "gx-invitation-row.h"
#include "gx-invite-dialog.h"
#include "gx-person-dialog.h"
#include "gx-search.h"

static GxDb *
reader (GxActivityPage *self)
{
  return gx_store_get_main_reader (gx_context_get_store (self->context));
}

/* Invitations: the answer column */

static char *
describe_answer (GxActivityPage *self,
                 GxRow          *row,
                 const char    **style)
{
  g_autofree char *status = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 expires, lapsed;
  int checked_in;

  g_object_get (row, "status-code", &status, "override-note", &note, "offer-expires-at", &expires,
                "offer-lapsed-at", &lapsed, "checked-in", &checked_in, NULL);
  *style = NULL;

  if (g_strcmp0 (status, "waitlisted") == 0)
    {
      int position = gx_activity_waitlist_position (reader (self), gx_row_get_id (row));
      /* Translators: a waitlisted invitee's place in line */
      g_string_printf (text, _("Waitlisted · number %d in line"), position);
      *style = "warning";
    }
  else if (g_strcmp0 (status, "offered") == 0)
    {
      g_autofree char *until = gx_format_date_time (expires, NULL);
      /* Translators: %s is the time an offered place stops being held */
      g_string_printf (text, _("Place offered · answer by %s"), until);
      *style = "accent";
    }
  else if (g_strcmp0 (status, "declined") == 0 && lapsed != 0)
    g_string_assign (text, _("Offer lapsed, not taken up in time"));
  else
    {
      g_string_assign (text, gx_vocab_label (GX_VOCAB_RSVP, status));
      if (g_strcmp0 (status, "accepted") == 0)
        *style = "success";
    }

  if (note != NULL && *note != '\0')
    /* Translators: shown after an answer set by hand, %s is the reason given */
    g_string_append_printf (text, _(" · override: %s"), note);
  if (checked_in > 0)
    g_string_append (text, _(" · checked in"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_answer (GtkListItem *item)
{
  GxActivityPage *self = g_object_get_data (G_OBJECT (item), "page");
  GtkWidget *label = gtk_list_item_get_child (item);
  GxRow *row = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;
  const char *style = NULL;

  if (row == NULL || self == NULL)
    return;

  text = describe_answer (self, row, &style);
  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "accent");
  gtk_widget_remove_css_class (label, "success");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
}

static void
on_answer_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    GxActivityPage           *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
  g_object_set_data (G_OBJECT (item), "page", self);
}

/* Rows are refilled in place after a commit, so the cell follows the row's notifications. */
static void
on_answer_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   GxActivityPage           *self)
{
  GObject *row = gtk_list_item_get_item (item);
  gulong handler = g_signal_connect_swapped (row, "notify", G_CALLBACK (update_answer), item);

  g_object_set_data (G_OBJECT (item), "notify-handler", GSIZE_TO_POINTER (handler));
  update_answer (item);
}

static void
on_answer_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     GxActivityPage           *self)
{
  GObject *row = gtk_list_item_get_item (item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "notify-handler"));

  if (row != NULL && handler != 0)
    g_signal_handler_disconnect (row, handler);
  g_object_set_data (G_OBJECT (item), "notify-handler", NULL);
}

static void
update_invitation_count (GxActivityPage *self)
{
  GxActivityPlaces p;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->invitations));
  g_autofree char *text = NULL;

  if (self->activity_id == NULL || !gx_activity_count_places (reader (self), self->activity_id, &p, NULL))
    return;

  /* Translators: the foot of the invitation list: invitees shown, people accepted, people waiting */
  text = g_strdup_printf (ngettext ("%u invitee · %d accepted · %d waiting", "%u invitees · %d accepted · %d waiting", n),
                          n, (int) p.accepted, (int) p.waitlisted);
  gtk_label_set_label (self->invitation_count, text);
}

static void
on_invitation_search_changed_cb (GxActivityPage *self)
{
  g_autoptr(GVariant) params = NULL;
  g_autofree char *sql = NULL;

  if (self->activity_id == NULL)
    return;

  sql = gx_search_invitations (self->activity_id, gtk_editable_get_text (GTK_EDITABLE (self->invitation_search)), &params);
  gx_query_model_set_query (self->invitations, sql, params);
}

/**
 * _gx_activity_page_dup_selected_invitation:
 * @self: the page
 * @name: (out) (optional) (transfer full): the invitee's name
 *
 * Returns: (transfer full) (nullable): the invitation selected in the list
 */
char *
_gx_activity_page_dup_selected_invitation (GxActivityPage  *self,
                                           char           **name)
{
  GxRow *row = gtk_single_selection_get_selected_item (self->invitation_selection);

  if (row == NULL)
    {
      gx_activity_ui_toast (GTK_WIDGET (self), _("Choose an invitee in the list first."));
      return NULL;
    }
  if (name != NULL)
    g_object_get (row, "name", name, NULL);
  return g_strdup (gx_row_get_id (row));
}

/* Invitations: commands */

typedef struct
{
  GxActivityPage    *self;
  char              *invitation_id;
  char              *status;
  char              *name;
  GxActivityOutcome  outcome;
} RespondRequest;

static void
respond_request_free (RespondRequest *request)
{
  g_free (request->invitation_id);
  g_free (request->status);
  g_free (request->name);
  g_free (request);
}

static gboolean
respond_cb (GxDb              *db,
            const GxWriteMeta *meta,
            gpointer           data,
            GError           **error)
{
  RespondRequest *request = data;

  return gx_activity_respond (db, request->invitation_id, request->status, meta, &request->outcome, error);
}

static void
respond_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RespondRequest *request = user_data;
  g_autoptr(GxActivityPage) self = request->self;
  g_autoptr(GError) error = NULL;

  if (!gx_store_write_finish (GX_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gx_activity_ui_toast (GTK_WIDGET (self), error->message);
    }
  else
    _gx_activity_page_say_outcome (self, &request->outcome, request->name);

  respond_request_free (request);
}

/* The write's data must outlive the write for the outcome to be read: the request is owned by
 * the callback, and the store is given a no-op free. */
static void
gx_activity_page_respond_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  GxActivityPage *self = GX_ACTIVITY_PAGE (widget);
  RespondRequest *request;
  g_autofree char *name = NULL;
  g_autofree char *id = _gx_activity_page_dup_selected_invitation (self, &name);

  if (id == NULL)
    return;

  request = g_new0 (RespondRequest, 1);
  request->self = g_object_ref (self);
  request->invitation_id = g_steal_pointer (&id);
  request->status = g_variant_dup_string (parameter, NULL);
  request->name = g_steal_pointer (&name);
  gx_activity_ui_write (self->context, respond_cb, request, NULL, self->cancellable, respond_done_cb, request);
}

static void
on_dialog_applied_cb (GxActivityPage *self,
                      const char     *message)
{
  gx_activity_ui_toast (GTK_WIDGET (self), message);
}

static void
open_person_dialog (GxActivityPage     *self,
                    GxPersonDialogMode  mode,
                    const char         *target_id,
                    const char         *person)
{
  GxPersonDialog *dialog = gx_person_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                 self->context, mode, target_id, person);

  g_signal_connect_object (dialog, "applied", G_CALLBACK (on_dialog_applied_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
gx_activity_page_add_guest_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  GxActivityPage *self = GX_ACTIVITY_PAGE (widget);
  g_autofree char *name = NULL;
  g_autofree char *id = _gx_activity_page_dup_selected_invitation (self, &name);

  if (id != NULL)
    open_person_dialog (self, GX_PERSON_DIALOG_GUEST, id, name);
}

static void
gx_activity_page_override_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  GxActivityPage *self = GX_ACTIVITY_PAGE (widget);
  g_autofree char *name = NULL;
  g_autofree char *id = _gx_activity_page_dup_selected_invitation (self, &name);

  if (id != NULL)
    open_person_dialog (self, GX_PERSON_DIALOG_OVERRIDE, id, name);
}

static void
gx_activity_page_walk_in_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  GxActivityPage *self = GX_ACTIVITY_PAGE (widget);

  if (self->activity_id != NULL)
    open_person_dialog (self, GX_PERSON_DIALOG_WALK_IN, self->activity_id, NULL);
}

static void
gx_activity_page_invite_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  GxActivityPage *self = GX_ACTIVITY_PAGE (widget);
  GxInviteDialog *dialog;

  if (self->activity_id == NULL)
    return;

  dialog = gx_invite_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->context, self->activity_id);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Check-in */

/* The venue's clock, as the activity's own times are shown. */
static char *
format_checked_in_cb (gpointer    unused,
                      gint64      at,
                      const char *timezone)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *time = NULL;

  if (at == 0)
    return g_strdup (_("Not checked in"));

  tz = timezone != NULL ? g_time_zone_new_identifier (timezone) : NULL;
  utc = g_date_time_new_from_unix_utc (at);
  local = tz != NULL ? g_date_time_to_timezone (utc, tz) : g_date_time_to_local (utc);
  time = g_date_time_format (local, "%H:%M");
  /* Translators: %s is a time of day */
  return g_strdup_printf (_("Checked in %s"), time);
}

static GStrv
checked_in_classes_cb (gpointer unused,
                       gint64   at)
{
  const char *classes[] = { at != 0 ? "success" : "dim-label", NULL };

  return g_strdupv ((char **) classes);
}

/* The attendee's answer on the check-in list: "Satisfaction 4 of 5 · comment". */
static char *
format_answer_cb (gpointer    unused,
                  int         score,
                  const char *comment)
{
  if (score == 0)
    return g_strdup ("");
  if (comment != NULL && *comment != '\0')
    /* Translators: an attendee's satisfaction answer on the check-in list, with their comment */
    return g_strdup_printf (_("Satisfaction %d of 5 · %s"), score, comment);
  /* Translators: an attendee's satisfaction answer on the check-in list */
  return g_strdup_printf (_("Satisfaction %d of 5"), score);
}

static gboolean
focus_is_in (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
refresh_attendees (GxActivityPage *self)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autofree char *count = NULL;
  gint64 expected, came, walk_ins;

  if (self->activity_id == NULL)
    return;

  people = gx_activity_list_attendees (reader (self), self->activity_id,
                                       gtk_editable_get_text (GTK_EDITABLE (self->checkin_entry)), NULL);
  if (people != NULL)
    {
      /* Entering answers walks down the list: the selection and the focus stay where they were
       * when the list is read again after each answer. */
      guint selected = gtk_single_selection_get_selected (self->checkin_selection);
      gboolean had_focus = focus_is_in (GTK_WIDGET (self->checkin_view));

      /* One more than the list shows says there are more: they are narrowed by typing. */
      self->attendees_capped = people->len > GX_ATTENDEE_LIST_CAP;
      if (self->attendees_capped)
        g_ptr_array_set_size (people, GX_ATTENDEE_LIST_CAP);
      g_list_store_splice (self->attendees, 0, g_list_model_get_n_items (G_LIST_MODEL (self->attendees)),
                           people->pdata, people->len);
      if (selected != GTK_INVALID_LIST_POSITION && people->len > 0)
        {
          gtk_single_selection_set_selected (self->checkin_selection, MIN (selected, people->len - 1));
          if (had_focus)
            gtk_widget_activate_action (GTK_WIDGET (self->checkin_view), "list.scroll-to-item", "u",
                                        MIN (selected, people->len - 1));
        }
    }

  expected = gx_db_query_int (reader (self),
                              "SELECT coalesce (sum (1 + (SELECT count (*) FROM invitation_guests g WHERE g.invitation_id = i.id)), 0)"
                              "  FROM invitations i WHERE i.activity_id = ? AND i.status IN ('accepted', 'offered')",
                              g_variant_new ("(s)", self->activity_id), 0, NULL);
  came = gx_db_query_int (reader (self), "SELECT count (*) FROM checkins WHERE activity_id = ? AND invitation_id IS NOT NULL",
                          g_variant_new ("(s)", self->activity_id), 0, NULL);
  walk_ins = gx_db_query_int (reader (self), "SELECT count (*) FROM checkins WHERE activity_id = ? AND invitation_id IS NULL",
                              g_variant_new ("(s)", self->activity_id), 0, NULL);
  /* Translators: the check-in list's foot: people checked in, people expected, walk-ins */
  count = g_strdup_printf (ngettext ("%d checked in of %d expected · %d walk-in", "%d checked in of %d expected · %d walk-ins",
                                     (gulong) walk_ins),
                           (int) came, (int) expected, (int) walk_ins);
  if (self->attendees_capped)
    {
      /* Translators: after the check-in list's counts, when it shows only the first people */
      g_autofree char *more = g_strdup_printf (_("%s · showing the first %d: type a name, phone or code"), count,
                                               GX_ATTENDEE_LIST_CAP);
      gtk_label_set_label (self->checkin_count, more);
    }
  else
    gtk_label_set_label (self->checkin_count, count);
}

void
_gx_activity_page_refresh_people (GxActivityPage *self)
{
  refresh_attendees (self);
  update_invitation_count (self);
}

static void
on_checkin_search_changed_cb (GxActivityPage *self)
{
  refresh_attendees (self);
}

typedef struct
{
  GxActivityPage *self;
  char           *activity_id;
  char           *invitation_id;
  char           *guest_id;
  char           *code;
  char           *name;
} CheckInRequest;

static void
check_in_request_free (CheckInRequest *request)
{
  g_clear_object (&request->self);
  g_free (request->activity_id);
  g_free (request->invitation_id);
  g_free (request->guest_id);
  g_free (request->code);
  g_free (request->name);
  g_free (request);
}

static gboolean
check_in_cb (GxDb              *db,
             const GxWriteMeta *meta,
             gpointer           data,
             GError           **error)
{
  CheckInRequest *request = data;

  if (request->code != NULL)
    {
      g_clear_pointer (&request->name, g_free);
      return gx_activity_check_in_code (db, request->activity_id, request->code, meta, &request->name, error);
    }
  return gx_activity_check_in (db, request->activity_id, request->invitation_id, request->guest_id, meta, NULL, error);
}

static void
check_in_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CheckInRequest *request = user_data;
  GxActivityPage *self = request->self;
  g_autoptr(GError) error = NULL;

  if (!gx_store_write_finish (GX_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gx_activity_ui_toast (GTK_WIDGET (self), error->message);
    }
  else
    {
      /* Translators: %s is a person's name */
      g_autofree char *text = g_strdup_printf (_("%s checked in."), request->name ? request->name : "");

      gx_activity_ui_toast (GTK_WIDGET (self), text);
      /* Ready for the next arrival: a scanner types straight into the entry. */
      gtk_editable_set_text (GTK_EDITABLE (self->checkin_entry), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->checkin_entry));
    }

  check_in_request_free (request);
}

static void
check_in (GxActivityPage *self,
          GxAttendee     *person,
          const char     *code)
{
  CheckInRequest *request;

  if (person != NULL && g_strcmp0 (gx_attendee_get_kind (person), "walk_in") == 0)
    {
      g_autofree char *text = g_strdup_printf (_("%s checked in already."), gx_attendee_get_name (person));
      gx_activity_ui_toast (GTK_WIDGET (self), text);
      return;
    }

  request = g_new0 (CheckInRequest, 1);
  request->self = g_object_ref (self);
  request->activity_id = g_strdup (self->activity_id);
  if (person != NULL)
    {
      request->invitation_id = g_strdup (gx_attendee_get_invitation_id (person));
      request->guest_id = g_strdup (gx_attendee_get_guest_id (person));
      request->name = g_strdup (gx_attendee_get_name (person));
    }
  else
    request->code = g_strdup (code);

  gx_activity_ui_write (self->context, check_in_cb, request, NULL, self->cancellable, check_in_done_cb, request);
}

/* Enter in the entry: a scanned code checks its invitee in; a search that leaves one person
 * not yet checked in checks them in; otherwise the list takes the focus to choose. */
static void
on_checkin_activate_cb (GxActivityPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->checkin_entry));
  GListModel *people = G_LIST_MODEL (self->attendees);
  g_autoptr(GxAttendee) waiting = NULL;
  guint n_waiting = 0;

  if (self->activity_id == NULL || text[0] == '\0')
    return;

  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(GxAttendee) person = g_list_model_get_item (people, i);

      if (g_ascii_strcasecmp (gx_attendee_get_code (person) ? gx_attendee_get_code (person) : "", text) == 0 &&
          g_strcmp0 (gx_attendee_get_kind (person), "invitee") == 0)
        {
          check_in (self, NULL, text);
          return;
        }
      if (gx_attendee_get_checked_in_at (person) == 0)
        {
          n_waiting++;
          g_set_object (&waiting, person);
        }
    }

  if (n_waiting == 1)
    check_in (self, waiting, NULL);
  else if (g_list_model_get_n_items (people) == 0)
    check_in (self, NULL, text);   /* perhaps a code of another activity: core says which */
  else
    {
      g_autofree char *message = g_strdup_printf (ngettext ("%u person matches: choose in the list.",
                                                            "%u people match: choose in the list.",
                                                            g_list_model_get_n_items (people)),
                                                  g_list_model_get_n_items (people));
      gx_activity_ui_toast (GTK_WIDGET (self), message);
      gtk_widget_grab_focus (GTK_WIDGET (self->checkin_view));
    }
}

static void
on_checkin_view_activate_cb (GxActivityPage *self,
                             guint           position)
{
  g_autoptr(GxAttendee) person = g_list_model_get_item (G_LIST_MODEL (self->attendees), position);

  if (person != NULL)
    check_in (self, person, NULL);
}

static void
gx_activity_page_check_in_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  GxActivityPage *self = GX_ACTIVITY_PAGE (widget);
  GxAttendee *person = gtk_single_selection_get_selected_item (self->checkin_selection);

  if (person == NULL)
    {
      gx_activity_ui_toast (GTK_WIDGET (self), _("Find the person arriving first."));
      return;
    }
  check_in (self, person, NULL);
}

/* Satisfaction answers: after the event, select an attendee on the check-in list and type
 * their score, 1 to 5 (0, Delete or Backspace removes it); the selection moves on to the next
 * person, so a stack of answer cards is typed in without the mouse. */

typedef struct
{
  GxActivityPage *self;
  char           *checkin_id;
  char           *name;
  char           *comment;    /* NULL: keep the comment recorded */
  int             score;
} AnswerRequest;

static void
answer_request_free (AnswerRequest *request)
{
  g_clear_object (&request->self);
  g_free (request->checkin_id);
  g_free (request->name);
  g_free (request->comment);
  g_free (request);
}

static gboolean
answer_cb (GxDb              *db,
           const GxWriteMeta *meta,
           gpointer           data,
           GError           **error)
{
  AnswerRequest *request = data;

  return gx_activity_answer (db, request->checkin_id, request->score, request->comment, meta, error);
}

static void
answer_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AnswerRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!gx_store_write_finish (GX_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gx_activity_ui_toast (GTK_WIDGET (request->self), error->message);
    }
  else
    {
      if (request->score == 0)
        /* Translators: %s is a person's name */
        text = g_strdup_printf (_("%s: answer removed."), request->name);
      else
        /* Translators: %s is a person's name, %d their satisfaction score */
        text = g_strdup_printf (_("%s: satisfaction %d of 5."), request->name, request->score);
      gx_activity_ui_toast (GTK_WIDGET (request->self), text);
    }
  answer_request_free (request);
}

static gboolean
answer (GxActivityPage *self,
        GxAttendee     *person,
        int             score,
        const char     *comment)
{
  AnswerRequest *request;

  if (gx_attendee_get_checkin_id (person) == NULL)
    {
      /* Translators: %s is a person's name */
      g_autofree char *text = g_strdup_printf (_("%s has not checked in: only people who came can answer."),
                                               gx_attendee_get_name (person));
      gx_activity_ui_toast (GTK_WIDGET (self), text);
      return FALSE;
    }

  request = g_new0 (AnswerRequest, 1);
  request->self = g_object_ref (self);
  request->checkin_id = g_strdup (gx_attendee_get_checkin_id (person));
  request->name = g_strdup (gx_attendee_get_name (person));
  request->comment = g_strdup (comment);
  request->score = score;
  gx_activity_ui_write (self->context, answer_cb, request, NULL, self->cancellable, answer_done_cb, request);
  return TRUE;
}

static gboolean
on_checkin_key_pressed_cb (GxActivityPage        *self,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           GtkEventControllerKey *controller)
{
  guint position = gtk_single_selection_get_selected (self->checkin_selection);
  GxAttendee *person = gtk_single_selection_get_selected_item (self->checkin_selection);
  int score = -1;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || person == NULL)
    return FALSE;

  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_5)
    score = (int) (keyval - GDK_KEY_0);
  else if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_5)
    score = (int) (keyval - GDK_KEY_KP_0);
  else if (keyval == GDK_KEY_0 || keyval == GDK_KEY_KP_0 || keyval == GDK_KEY_Delete || keyval == GDK_KEY_BackSpace)
    score = 0;
  if (score < 0)
    return FALSE;
  if (score == 0 && gx_attendee_get_score (person) == 0)
    return TRUE;

  if (answer (self, person, score, NULL) &&
      position + 1 < g_list_model_get_n_items (G_LIST_MODEL (self->attendees)))
    gtk_single_selection_set_selected (self->checkin_selection, position + 1);
  return TRUE;
}

static void
gx_activity_page_enter_answers_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  GxActivityPage *self = GX_ACTIVITY_PAGE (widget);

  gtk_stack_set_visible_child_name (self->stack, "checkin");
  gtk_widget_grab_focus (GTK_WIDGET (self->checkin_view));
  gx_activity_ui_toast (widget, _("Select an attendee and type their score, 1 to 5."));
}

static void
on_answer_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              GxActivityPage   *self)
{
  GxAttendee *person = g_object_get_data (G_OBJECT (dialog), "person");
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (dialog), "score");
  GtkEditable *comment = g_object_get_data (G_OBJECT (dialog), "comment");

  if (g_strcmp0 (response, "save") == 0)
    answer (self, person, gtk_spin_button_get_value_as_int (spin), gtk_editable_get_text (comment));
  else if (g_strcmp0 (response, "remove") == 0)
    answer (self, person, 0, NULL);
}

/* The answer with a comment, for the attendee selected. */
static void
gx_activity_page_answer_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  GxActivityPage *self = GX_ACTIVITY_PAGE (widget);
  GxAttendee *person = gtk_single_selection_get_selected_item (self->checkin_selection);
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *box, *spin, *comment;

  if (person == NULL)
    {
      gx_activity_ui_toast (widget, _("Select an attendee first."));
      return;
    }
  if (gx_attendee_get_checkin_id (person) == NULL)
    {
      answer (self, person, 0, NULL);   /* says why not */
      return;
    }

  /* Translators: %s is a person's name */
  heading = g_strdup_printf (_("Satisfaction of %s"), gx_attendee_get_name (person));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   _("How satisfied the attendee was, from 1 (very dissatisfied) to 5 (very satisfied), and what they said."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  spin = gtk_spin_button_new_with_range (1, 5, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), gx_attendee_get_score (person) > 0 ? gx_attendee_get_score (person) : 5);
  gtk_widget_set_halign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Score, 1 to 5"), -1);
  comment = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (comment), _("Comment (optional)"));
  gtk_entry_set_activates_default (GTK_ENTRY (comment), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (comment), gx_attendee_get_comment (person) ? gx_attendee_get_comment (person) : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (comment), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Comment"), -1);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_box_append (GTK_BOX (box), comment);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove Answer"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "remove", gx_attendee_get_score (person) > 0);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "person", g_object_ref (person), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "score", spin);
  g_object_set_data (G_OBJECT (dialog), "comment", comment);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_answer_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (comment);
}

/* Wiring */

void
_gx_activity_page_init_people (GxActivityPage *self)
{
  GtkListItemFactory *factory = NULL;
  GListModel *columns = gtk_column_view_get_columns (self->invitation_view);

  self->attendees = g_list_store_new (GX_TYPE_ATTENDEE);
  gtk_single_selection_set_model (self->checkin_selection, G_LIST_MODEL (self->attendees));

  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_checkin_key_pressed_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->checkin_view), keys);
  }

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (GTK_IS_SIGNAL_LIST_ITEM_FACTORY (gtk_column_view_column_get_factory (column)))
        factory = gtk_column_view_column_get_factory (column);
    }
  g_assert (factory != NULL);
  g_signal_connect_object (factory, "setup", G_CALLBACK (on_answer_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_answer_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_answer_unbind_cb), self, 0);

  g_signal_connect_object (self->invitations, "items-changed", G_CALLBACK (update_invitation_count), self,
                           G_CONNECT_SWAPPED);
}

void
_gx_activity_page_class_init_people (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_invitation_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_checkin_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_checkin_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_checkin_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_checked_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, checked_in_classes_cb);
  gtk_widget_class_bind_template_callback (widget_class, format_answer_cb);

  gtk_widget_class_install_action (widget_class, "page.respond", "s", gx_activity_page_respond_action);
  gtk_widget_class_install_action (widget_class, "page.add-guest", NULL, gx_activity_page_add_guest_action);
  gtk_widget_class_install_action (widget_class, "page.override", NULL, gx_activity_page_override_action);
  gtk_widget_class_install_action (widget_class, "page.invite", NULL, gx_activity_page_invite_action);
  gtk_widget_class_install_action (widget_class, "page.walk-in", NULL, gx_activity_page_walk_in_action);
  gtk_widget_class_install_action (widget_class, "page.check-in", NULL, gx_activity_page_check_in_action);
  gtk_widget_class_install_action (widget_class, "page.answer", NULL, gx_activity_page_answer_action);
  gtk_widget_class_install_action (widget_class, "page.enter-answers", NULL, gx_activity_page_enter_answers_action);
}
