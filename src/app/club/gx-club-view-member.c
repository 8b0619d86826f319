/* gx-club-view-member.c: the member page — state and why, points, rights, history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-club-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-club.h"
#include "gx-club-view-private.h"
#include "gx-enums.h"
#include "gx-format.h"
#include "gx-membership.h"
#include "gx-points.h"
#include "gx-points-dialog.h"
#include "gx-statement-dialog.h"
#include "gx-window.h"

/* How many ledger entries the page lists; the statement has them all. */
#define LEDGER_ROWS 12

void
_gx_club_view_toast (GxClubView *self,
                     const char *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root != NULL && GX_IS_WINDOW (root))
    gx_window_add_toast (GX_WINDOW (root), adw_toast_new (text));
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_action_row_set_subtitle (row, text && *text ? text : "—");
}

static char *
points_text (gint64 points)
{
  g_autofree char *n = g_strdup_printf ("%'" G_GINT64_FORMAT, points);

  /* Translators: "1,200 points" */
  return g_strdup_printf (ngettext ("%s point", "%s points", (gulong) ABS (points)), n);
}

static void
render_points (GxClubView *self,
               GxDb       *db,
               const char *today)
{
  g_autoptr(GPtrArray) entries = gx_points_load (db, self->membership_id, NULL);
  GTimeZone *tz = gx_clock_get_timezone (gx_context_get_clock (self->context));
  g_autofree char *available = NULL;
  GxPointsSummary summary;

  clear_list (self->ledger_list);
  if (entries == NULL)
    return;

  gx_points_summarize (entries, today, 90, &summary);
  available = points_text (summary.available);
  if (summary.expired_unbooked > 0)
    {
      g_autofree char *expired = points_text (summary.expired_unbooked);
      /* Translators: "1,200 points (400 points expired and are waiting to be booked)" */
      g_autofree char *text = g_strdup_printf (_("%s (%s expired and are waiting to be booked)"), available, expired);
      set_subtitle (self->available_row, text);
    }
  else
    set_subtitle (self->available_row, available);

  if (summary.expiring_soon > 0)
    {
      g_autofree char *n = points_text (summary.next_expiry_points);
      g_autofree char *date = gx_format_iso_date (summary.next_expiry);
      /* Translators: "300 points expire after Dec 31, 2026" */
      g_autofree char *text = g_strdup_printf (_("%s expire after %s"), n, date);
      set_subtitle (self->expiring_row, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->expiring_row), "warning");
    }
  else
    {
      set_subtitle (self->expiring_row, _("Nothing expires in the next 90 days"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->expiring_row), "warning");
    }

  if (entries->len == 0)
    gtk_list_box_append (self->ledger_list, text_row (_("No points yet"), _("Earned points appear here as ledger entries.")));

  for (guint i = entries->len, shown = 0; i > 0 && shown < LEDGER_ROWS; i--, shown++)
    {
      GxPointsEntry *e = g_ptr_array_index (entries, i - 1);
      g_autofree char *title = gx_points_entry_describe (e);
      g_autofree char *when = gx_format_date_time (e->at, tz);
      g_autofree char *subtitle = e->user_name ? g_strdup_printf ("%s · %s", when, e->user_name) : g_strdup (when);
      g_autofree char *amount = g_strdup_printf ("%s%'" G_GINT64_FORMAT, e->points > 0 ? "+" : "−", ABS (e->points));
      GtkWidget *row = text_row (title, subtitle);
      GtkWidget *label = gtk_label_new (amount);

      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, e->points > 0 ? "success" : "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->ledger_list, row);
    }
}

static void
render_rights (GxClubView *self,
               GxDb       *db,
               const char *today)
{
  int year = (int) g_ascii_strtoll (today, NULL, 10);
  g_autoptr(GPtrArray) rights = gx_rights_for_membership (db, self->membership_id, year, NULL);

  clear_list (self->rights_list);
  if (rights == NULL || rights->len == 0)
    {
      gtk_list_box_append (self->rights_list, text_row (_("No rights in this tier"), _("The handbook lists none for this tier.")));
      return;
    }

  for (guint i = 0; i < rights->len; i++)
    {
      GxRightUsage *u = g_ptr_array_index (rights, i);
      GtkWidget *row = text_row (u->name, *u->description ? u->description : NULL);
      g_autofree char *used = NULL;
      g_autofree char *a11y = NULL;
      GtkWidget *label, *button;
      gboolean used_up = u->quota > 0 && u->used >= u->quota;

      if (u->quota > 0)
        /* Translators: "2 of 4 used" — uses of a right this year against its yearly quota */
        used = g_strdup_printf (ngettext ("%d of %d used", "%d of %d used", (gulong) u->quota), u->used, u->quota);
      else
        used = g_strdup_printf (ngettext ("Used %d time, no limit", "Used %d times, no limit", (gulong) u->used), u->used);

      label = gtk_label_new (used);
      gtk_widget_add_css_class (label, "numeric");
      if (used_up)
        gtk_widget_add_css_class (label, "warning");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

      button = gtk_button_new_with_mnemonic (_("Record _Use"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "member.use-right");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", u->right_id);
      gtk_widget_set_sensitive (button, !used_up);
      a11y = g_strdup_printf (_("Record a use of %s"), u->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->rights_list, row);
    }
}

static void
render_history (GxClubView *self,
                GxDb       *db)
{
  g_autoptr(GPtrArray) events = gx_membership_history (db, self->membership_id, NULL);
  GTimeZone *tz = gx_clock_get_timezone (gx_context_get_clock (self->context));

  clear_list (self->history_list);
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      GxMembershipEvent *e = g_ptr_array_index (events, i);
      g_autofree char *title = gx_membership_event_describe (e);
      g_autofree char *when = gx_format_date_time (e->at, tz);
      g_autofree char *subtitle = e->user_name ? g_strdup_printf ("%s · %s", when, e->user_name) : g_strdup (when);

      gtk_list_box_append (self->history_list, text_row (title, subtitle));
    }
}

static void
update_actions (GxClubView              *self,
                const GxMembership      *m,
                const GxMembershipDates *dates,
                GxMemberState            state,
                const char              *today)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean shown = m != NULL;
  gboolean open = shown && state != GX_MEMBER_STATE_CANCELLED;

  gtk_widget_action_set_enabled (widget, "member.earn", open && state != GX_MEMBER_STATE_APPLICANT);
  gtk_widget_action_set_enabled (widget, "member.redeem", open && state != GX_MEMBER_STATE_SUSPENDED);
  gtk_widget_action_set_enabled (widget, "member.adjust", shown);
  gtk_widget_action_set_enabled (widget, "member.renew", shown && gx_membership_may_renew (dates, today, NULL));
  gtk_widget_action_set_enabled (widget, "member.approve", shown && state == GX_MEMBER_STATE_APPLICANT && m->joined_on == NULL);
  gtk_widget_action_set_enabled (widget, "member.suspend", open && state != GX_MEMBER_STATE_SUSPENDED);
  gtk_widget_action_set_enabled (widget, "member.resume", shown && m->suspended_reason != NULL);
  gtk_widget_action_set_enabled (widget, "member.cancel", open);
  gtk_widget_action_set_enabled (widget, "member.change-tier", open);
  gtk_widget_action_set_enabled (widget, "member.use-right", open);
  gtk_widget_action_set_enabled (widget, "member.statement", shown);
}

void
_gx_club_view_refresh_member (GxClubView *self)
{
  GxDb *db;
  g_autoptr(GxMembershipDetail) detail = NULL;
  g_autofree char *today = NULL;
  g_autofree char *why = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *period = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *birthday = NULL;
  GxMembershipDates dates;
  GxMemberState state;
  const char * const styles[] = { "success", "warning", "error", "accent" };

  if (self->membership_id == NULL || self->context == NULL)
    {
      update_actions (self, NULL, NULL, GX_MEMBER_STATE_ACTIVE, NULL);
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }

  db = gx_store_get_main_reader (gx_context_get_store (self->context));
  detail = gx_membership_detail_load (db, self->membership_id, NULL);
  if (detail == NULL)
    {
      /* The member is gone (sync removed them from this desk's scope). */
      g_clear_pointer (&self->membership_id, g_free);
      _gx_club_view_refresh_member (self);
      return;
    }

  g_free (self->club_id);
  self->club_id = g_strdup (detail->membership->club_id);
  today = _gx_club_view_dup_today (self);
  gx_membership_get_dates (detail->membership, &dates);
  state = gx_membership_state (&dates, today, NULL);
  why = gx_membership_explain (&dates, today);

  gtk_label_set_label (self->title_label, detail->customer_name);
  subtitle = g_strdup_printf ("%s · %s · %s", detail->membership->member_number, detail->club_name, detail->tier_label);
  gtk_label_set_label (self->subtitle_label, subtitle);

  gtk_label_set_label (self->state_badge, gx_vocab_label (GX_VOCAB_MEMBER_STATE, gx_member_state_to_code (state)));
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_badge), styles[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->state_badge),
                            state == GX_MEMBER_STATE_ACTIVE ? "success"
                            : state == GX_MEMBER_STATE_GRACE ? "warning"
                            : state == GX_MEMBER_STATE_APPLICANT ? "accent" : "error");
  set_subtitle (self->state_row, why);

  set_subtitle (self->member_number_row, detail->membership->member_number);
  set_subtitle (self->club_row, detail->club_name);
  set_subtitle (self->tier_row, detail->tier_label);
  joined = gx_format_iso_date (detail->membership->joined_on);
  set_subtitle (self->joined_on_row, joined);
  if (detail->membership->period_start != NULL && detail->membership->period_end != NULL)
    {
      g_autofree char *start = gx_format_iso_date (detail->membership->period_start);
      g_autofree char *end = gx_format_iso_date (detail->membership->period_end);
      /* Translators: a period: "Nov 1, 2026 – Oct 31, 2027" */
      period = g_strdup_printf (_("%s – %s"), start, end);
    }
  set_subtitle (self->period_row, period);
  set_subtitle (self->sponsor_row, detail->sponsor_label);
  set_subtitle (self->circles_row, detail->circles);
  birthday = gx_format_iso_date (detail->birthday);
  set_subtitle (self->birthday_row, birthday);

  render_points (self, db, today);
  render_rights (self, db, today);
  render_history (self, db);
  update_actions (self, detail->membership, &dates, state, today);

  gtk_stack_set_visible_child_name (self->detail_stack, "profile");
}

void
_gx_club_view_show_member (GxClubView *self,
                           const char *membership_id)
{
  if (g_strcmp0 (self->membership_id, membership_id) != 0)
    {
      g_free (self->membership_id);
      self->membership_id = g_strdup (membership_id);
    }
  _gx_club_view_refresh_member (self);
}

/* Member actions: each is one store write; a refusal says why in a toast. */

typedef struct
{
  char   *membership_id;
  char   *user_id;
  char   *text;      /* a reason, a tier, a right */
  char   *date;
  char   *today;
  gint64  now;
  int     what;
} MemberWrite;

enum { WRITE_RENEW, WRITE_APPROVE, WRITE_RESUME, WRITE_SUSPEND, WRITE_CANCEL, WRITE_TIER, WRITE_RIGHT };

static void
member_write_free (MemberWrite *w)
{
  g_free (w->membership_id);
  g_free (w->user_id);
  g_free (w->text);
  g_free (w->date);
  g_free (w->today);
  g_free (w);
}

static gboolean
member_write_in_store (GxDb      *db,
                       gpointer   user_data,
                       GError   **error)
{
  MemberWrite *w = user_data;
  GxWriteMeta meta = { .now = w->now, .user_id = w->user_id };

  switch (w->what)
    {
    case WRITE_RENEW:
      return gx_membership_renew (db, w->membership_id, w->today, &meta, error);
    case WRITE_APPROVE:
      return gx_membership_approve (db, w->membership_id, w->today, &meta, error);
    case WRITE_RESUME:
      return gx_membership_resume (db, w->membership_id, &meta, error);
    case WRITE_SUSPEND:
      return gx_membership_suspend (db, w->membership_id, w->text, w->date, &meta, error);
    case WRITE_CANCEL:
      return gx_membership_cancel (db, w->membership_id, w->today, w->text, &meta, error);
    case WRITE_TIER:
      return gx_membership_change_tier (db, w->membership_id, w->text, NULL, &meta, error);
    case WRITE_RIGHT:
    default:
      return gx_right_use (db, w->membership_id, w->text, w->today, NULL, &meta, NULL, error);
    }
}

typedef struct
{
  GxClubView *self;
  char       *done;
} WriteCall;

static void
on_member_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  WriteCall *call = user_data;
  g_autoptr(GError) error = NULL;

  if (!gx_store_write_finish (GX_STORE (source), result, &error))
    _gx_club_view_toast (call->self, error->message);
  else
    _gx_club_view_toast (call->self, call->done);

  g_object_unref (call->self);
  g_free (call->done);
  g_free (call);
}

static void
member_write (GxClubView *self,
              int         what,
              const char *text,
              const char *date,
              const char *done)
{
  MemberWrite *w = g_new0 (MemberWrite, 1);
  WriteCall *call = g_new0 (WriteCall, 1);

  w->membership_id = g_strdup (self->membership_id);
  w->user_id = g_strdup (gx_context_get_user_id (self->context));
  w->text = g_strdup (text);
  w->date = g_strdup (date);
  w->today = _gx_club_view_dup_today (self);
  w->now = gx_clock_now (gx_context_get_clock (self->context));
  w->what = what;
  call->self = g_object_ref (self);
  call->done = g_strdup (done);

  gx_store_write_async (gx_context_get_store (self->context), member_write_in_store, w,
                        (GDestroyNotify) member_write_free, NULL, on_member_written_cb, call);
}

static void
open_points_dialog (GxClubView         *self,
                    GxPointsDialogMode  mode)
{
  GtkWidget *dialog;

  if (self->membership_id == NULL)
    return;

  dialog = gx_points_dialog_new (self->context, self->membership_id, mode);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
gx_club_view_earn_action (GtkWidget *widget, const char *name, GVariant *param)
{
  open_points_dialog (GX_CLUB_VIEW (widget), GX_POINTS_DIALOG_EARN);
}

static void
gx_club_view_redeem_action (GtkWidget *widget, const char *name, GVariant *param)
{
  open_points_dialog (GX_CLUB_VIEW (widget), GX_POINTS_DIALOG_REDEEM);
}

static void
gx_club_view_adjust_action (GtkWidget *widget, const char *name, GVariant *param)
{
  open_points_dialog (GX_CLUB_VIEW (widget), GX_POINTS_DIALOG_ADJUST);
}

static void
gx_club_view_renew_action (GtkWidget *widget, const char *name, GVariant *param)
{
  member_write (GX_CLUB_VIEW (widget), WRITE_RENEW, NULL, NULL, _("Membership renewed"));
}

static void
gx_club_view_approve_action (GtkWidget *widget, const char *name, GVariant *param)
{
  member_write (GX_CLUB_VIEW (widget), WRITE_APPROVE, NULL, NULL, _("Application approved; the member joins today"));
}

static void
gx_club_view_resume_action (GtkWidget *widget, const char *name, GVariant *param)
{
  member_write (GX_CLUB_VIEW (widget), WRITE_RESUME, NULL, NULL, _("Membership resumed"));
}

static void
gx_club_view_use_right_action (GtkWidget *widget, const char *name, GVariant *param)
{
  member_write (GX_CLUB_VIEW (widget), WRITE_RIGHT, g_variant_get_string (param, NULL), NULL, _("Use recorded"));
}

/* Dialogs that ask for a reason */

static GtkWidget *
reason_dialog (GxClubView *self,
               const char *heading,
               const char *body,
               const char *response_label,
               gboolean    destructive,
               GtkWidget  *extra)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "ok", response_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok",
                                              destructive ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), extra);
  return dialog;
}

static GtkWidget *
entry_group (GtkWidget *first,
             GtkWidget *second)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), first);
  if (second != NULL)
    gtk_list_box_append (GTK_LIST_BOX (list), second);
  return list;
}

static void
on_reason_changed_cb (GtkEditable      *reason,
                      AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

  adw_message_dialog_set_response_enabled (dialog, "ok", *text != '\0');
}

static void
on_suspend_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        GxClubView       *self)
{
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  GtkEditable *until = g_object_get_data (G_OBJECT (dialog), "until");
  g_autofree char *until_text = g_strstrip (g_strdup (gtk_editable_get_text (until)));

  if (g_strcmp0 (response, "ok") != 0)
    return;
  member_write (self, WRITE_SUSPEND, gtk_editable_get_text (reason), *until_text ? until_text : NULL,
                _("Membership suspended"));
}

static void
gx_club_view_suspend_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GxClubView *self = GX_CLUB_VIEW (widget);
  GtkWidget *reason = adw_entry_row_new ();
  GtkWidget *until = adw_entry_row_new ();
  GtkWidget *dialog;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason), _("Reason"));
  /* Translators: the date format to type; keep YYYY-MM-DD as it is */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (until), _("Until (YYYY-MM-DD, empty until resumed)"));
  dialog = reason_dialog (self, _("Suspend the Membership?"),
                          _("A suspended member cannot redeem points or use rights. The suspension ends on its date, or when resumed."),
                          _("_Suspend"), TRUE, entry_group (reason, until));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "ok", FALSE);
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_object_set_data (G_OBJECT (dialog), "until", until);
  g_signal_connect (reason, "changed", G_CALLBACK (on_reason_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_suspend_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_cancel_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       GxClubView       *self)
{
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");

  if (g_strcmp0 (response, "ok") == 0)
    member_write (self, WRITE_CANCEL, gtk_editable_get_text (reason), NULL, _("Membership cancelled"));
}

static void
gx_club_view_cancel_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GxClubView *self = GX_CLUB_VIEW (widget);
  GtkWidget *reason = adw_entry_row_new ();
  GtkWidget *dialog;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason), _("Reason (optional)"));
  dialog = reason_dialog (self, _("Cancel the Membership?"),
                          _("The membership ends today. The member keeps their number, points ledger and history; enrolling them again rejoins."),
                          _("Cancel _Membership"), TRUE, entry_group (reason, NULL));
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_tier_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GxClubView       *self)
{
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (dialog), "tiers");
  GPtrArray *ids = g_object_get_data (G_OBJECT (dialog), "tier-ids");
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (g_strcmp0 (response, "ok") == 0 && selected < ids->len)
    member_write (self, WRITE_TIER, g_ptr_array_index (ids, selected), NULL, _("Tier changed"));
}

static void
gx_club_view_change_tier_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GxClubView *self = GX_CLUB_VIEW (widget);
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  g_autoptr(GxMembership) m = gx_membership_load (db, self->membership_id, NULL);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *dropdown, *dialog;
  sqlite3_stmt *stmt;
  guint current = 0;

  if (m == NULL)
    return;

  stmt = gx_db_prepare (db, "SELECT id, name, code FROM club_tiers WHERE club_id = ? ORDER BY rank DESC", NULL);
  sqlite3_bind_text (stmt, 1, m->club_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *label = gx_tier_label (gx_db_column_text (stmt, 2), gx_db_column_text (stmt, 1));

      if (g_strcmp0 (gx_db_column_text (stmt, 0), m->tier_id) == 0)
        current = ids->len;
      g_ptr_array_add (ids, gx_db_dup_column (stmt, 0));
      gtk_string_list_append (labels, label);
    }
  sqlite3_reset (stmt);

  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), current);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tier"), -1);
  dialog = reason_dialog (self, _("Change the Tier?"),
                          _("The change is logged. A tier review proposes changes from the points earned; this changes the tier by hand."),
                          _("_Change Tier"), FALSE, dropdown);
  g_object_set_data (G_OBJECT (dialog), "tiers", dropdown);
  g_object_set_data_full (G_OBJECT (dialog), "tier-ids", ids, (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_tier_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
gx_club_view_statement_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GxClubView *self = GX_CLUB_VIEW (widget);
  GtkWidget *dialog;

  if (self->membership_id == NULL)
    return;
  dialog = gx_statement_dialog_new (self->context, self->membership_id);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_gx_club_view_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "member.earn", NULL, gx_club_view_earn_action);
  gtk_widget_class_install_action (widget_class, "member.redeem", NULL, gx_club_view_redeem_action);
  gtk_widget_class_install_action (widget_class, "member.adjust", NULL, gx_club_view_adjust_action);
  gtk_widget_class_install_action (widget_class, "member.renew", NULL, gx_club_view_renew_action);
  gtk_widget_class_install_action (widget_class, "member.approve", NULL, gx_club_view_approve_action);
  gtk_widget_class_install_action (widget_class, "member.suspend", NULL, gx_club_view_suspend_action);
  gtk_widget_class_install_action (widget_class, "member.resume", NULL, gx_club_view_resume_action);
  gtk_widget_class_install_action (widget_class, "member.cancel", NULL, gx_club_view_cancel_action);
  gtk_widget_class_install_action (widget_class, "member.change-tier", NULL, gx_club_view_change_tier_action);
  gtk_widget_class_install_action (widget_class, "member.use-right", "s", gx_club_view_use_right_action);
  gtk_widget_class_install_action (widget_class, "member.statement", NULL, gx_club_view_statement_action);
}
