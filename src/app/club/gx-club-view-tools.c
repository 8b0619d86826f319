/* gx-club-view-tools.c: the club tools — tier review, monthly counts, handbook, settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-club-view"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-club-print.h"
#include "gx-club-settings.h"
#include "gx-club-view-private.h"
#include "gx-joins-dialog.h"
#include "gx-list-export.h"
#include "gx-points.h"
#include "gx-tier-review-dialog.h"

/* The club the tools work on: the one the list is filtered by, or the only one there is. */
static char *
dup_tool_club (GxClubView *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));
  guint selected = gtk_drop_down_get_selected (self->club_dropdown);

  if (self->club_ids != NULL && selected > 0 && selected <= self->club_ids->len)
    return g_strdup (g_ptr_array_index (self->club_ids, selected - 1));
  if (self->club_id != NULL)
    return g_strdup (self->club_id);
  return gx_db_query_string (db, "SELECT id FROM clubs ORDER BY name LIMIT 1", NULL, NULL);
}

typedef struct
{
  GxClubView *self;
  gint64      now;
  char       *user_id;
  guint       booked;
} BookCall;

static gboolean
book_in_store (GxDb      *db,
               gpointer   user_data,
               GError   **error)
{
  BookCall *call = user_data;
  GxWriteMeta meta = { .now = call->now, .user_id = call->user_id };

  return gx_points_book_all_expiries (db, &meta, &call->booked, error);
}

static void
on_booked_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  BookCall *call = user_data;
  g_autoptr(GError) error = NULL;

  if (!gx_store_write_finish (GX_STORE (source), result, &error))
    _gx_club_view_toast (call->self, error->message);
  else if (call->booked == 0)
    _gx_club_view_toast (call->self, _("No points were waiting to expire"));
  else
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u expiry booked", "%u expiries booked", call->booked), call->booked);
      _gx_club_view_toast (call->self, text);
    }

  g_object_unref (call->self);
  g_free (call->user_id);
  g_free (call);
}

static void
gx_club_view_book_expiries_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GxClubView *self = GX_CLUB_VIEW (widget);
  BookCall *call = g_new0 (BookCall, 1);

  call->self = g_object_ref (self);
  call->now = gx_clock_now (gx_context_get_clock (self->context));
  call->user_id = g_strdup (gx_context_get_user_id (self->context));
  gx_store_write_async (gx_context_get_store (self->context), book_in_store, call, NULL, NULL, on_booked_cb, call);
}

static void
gx_club_view_handbook_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GxClubView *self = GX_CLUB_VIEW (widget);
  g_autofree char *club_id = dup_tool_club (self);
  g_autofree char *markup = NULL;
  g_autoptr(GError) error = NULL;

  if (club_id == NULL)
    {
      _gx_club_view_toast (self, _("There is no club yet"));
      return;
    }
  markup = gx_club_handbook_markup (self->context, club_id);
  if (!gx_club_print (GTK_WINDOW (gtk_widget_get_root (widget)), _("Member Handbook"), markup, NULL, &error))
    _gx_club_view_toast (self, error->message);
}

static void
present_transient (GxClubView *self,
                   GtkWidget  *window)
{
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_present (GTK_WINDOW (window));
}

static void
gx_club_view_tier_review_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GxClubView *self = GX_CLUB_VIEW (widget);
  g_autofree char *club_id = dup_tool_club (self);

  if (club_id != NULL)
    present_transient (self, gx_tier_review_dialog_new (self->context, club_id));
}

static void
gx_club_view_joins_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GxClubView *self = GX_CLUB_VIEW (widget);

  present_transient (self, gx_joins_dialog_new (self->context));
}

static void
gx_club_view_settings_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GxClubView *self = GX_CLUB_VIEW (widget);
  g_autofree char *club_id = dup_tool_club (self);

  present_transient (self, gx_club_settings_new (self->context, club_id));
}

static void
gx_club_view_export_csv_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GxClubView *self = GX_CLUB_VIEW (widget);
  const GxCsvColumn columns[] = {
    { "member-number", _("Member number"), GX_CSV_TEXT },
    { "name", _("Name"), GX_CSV_TEXT },
    { "club", _("Club"), GX_CSV_TEXT },
    { "tier", _("Tier"), GX_CSV_TEXT },
    { "points", _("Points"), GX_CSV_NUMBER },
    { "applied-on", _("Applied on"), GX_CSV_TEXT },
    { "joined-on", _("Joined on"), GX_CSV_TEXT },
    { "period-end", _("Period ends"), GX_CSV_TEXT },
    { "cancelled-on", _("Cancelled on"), GX_CSV_TEXT },
  };

  if (self->model == NULL)
    return;
  /* Translators: the file name an exported list of club members is offered under */
  gx_list_export_csv (widget, self->context, self->model, columns, G_N_ELEMENTS (columns),
                      _("Export the List as CSV"), _("members.csv"));
}

void
_gx_club_view_install_tools (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "view.export-csv", NULL, gx_club_view_export_csv_action);
  gtk_widget_class_install_action (widget_class, "club.book-expiries", NULL, gx_club_view_book_expiries_action);
  gtk_widget_class_install_action (widget_class, "club.handbook", NULL, gx_club_view_handbook_action);
  gtk_widget_class_install_action (widget_class, "club.tier-review", NULL, gx_club_view_tier_review_action);
  gtk_widget_class_install_action (widget_class, "club.joins", NULL, gx_club_view_joins_action);
  gtk_widget_class_install_action (widget_class, "club.settings", NULL, gx_club_view_settings_action);
}
