/* gx-sync-status.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "gx-enums.h"
#include "gx-kinds.h"
#include "gx-sync-status.h"

/* The header's sync button and its popover say one thing at a time, the most pressing:
 * conflicts to resolve, then changes the server refused, then being signed out or offline,
 * then the ordinary states. The words and the icon never rely on colour alone. */

/**
 * gx_sync_format_ago:
 * @seconds: how long ago
 *
 * Returns: (transfer full): "just now", "40 s ago", "3 min ago", "2 h ago", "5 days ago"
 */
char *
gx_sync_format_ago (gint64 seconds)
{
  if (seconds < 5)
    return g_strdup (_("just now"));
  if (seconds < 60)
    return g_strdup_printf (ngettext ("%d second ago", "%d seconds ago", (gulong) seconds), (int) seconds);
  if (seconds < 3600)
    return g_strdup_printf (ngettext ("%d minute ago", "%d minutes ago", (gulong) (seconds / 60)), (int) (seconds / 60));
  if (seconds < 86400)
    return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", (gulong) (seconds / 3600)), (int) (seconds / 3600));
  return g_strdup_printf (ngettext ("%d day ago", "%d days ago", (gulong) (seconds / 86400)), (int) (seconds / 86400));
}

static char *
describe_waiting (gint64 n)
{
  return g_strdup_printf (ngettext ("%d change waiting to be sent.", "%d changes waiting to be sent.", (gulong) n), (int) n);
}

/**
 * gx_sync_status_describe:
 * @facts: the state of sync and of the outbox
 * @status: (out caller-allocates): what to show; free with gx_sync_status_clear()
 */
void
gx_sync_status_describe (const GxSyncFacts *facts,
                         GxSyncStatus      *status)
{
  g_autofree char *ago = facts->last_sync > 0 ? gx_sync_format_ago (MAX (facts->now - facts->last_sync, 0)) : NULL;
  g_autofree char *waiting = facts->n_waiting > 0 ? describe_waiting (facts->n_waiting) : NULL;

  memset (status, 0, sizeof *status);
  status->can_sync_now = facts->state != GX_SYNC_STATE_LOCAL && facts->state != GX_SYNC_STATE_SIGNED_OUT;
  status->needs_sign_in = facts->state == GX_SYNC_STATE_LOCAL || facts->state == GX_SYNC_STATE_SIGNED_OUT;

  if (facts->n_conflicts > 0 && facts->state != GX_SYNC_STATE_LOCAL)
    {
      status->label = g_strdup_printf (ngettext ("%d conflict", "%d conflicts", (gulong) facts->n_conflicts),
                                       (int) facts->n_conflicts);
      status->title = g_strdup (_("Conflicts to Resolve"));
      status->detail = g_strdup_printf (ngettext ("Someone else changed the same field as you. Choose which value to keep.",
                                                  "Someone else changed the same fields as you. Choose which values to keep.",
                                                  (gulong) facts->n_conflicts));
      status->icon_name = "dialog-warning-symbolic";
      status->style = "warning";
      return;
    }

  if (facts->n_parked > 0 && facts->state != GX_SYNC_STATE_LOCAL)
    {
      /* Translators: the header's sync button: changes the server did not accept */
      status->label = g_strdup_printf (ngettext ("%d refused", "%d refused", (gulong) facts->n_parked),
                                       (int) facts->n_parked);
      status->title = g_strdup (_("Changes Refused by the Server"));
      status->detail = g_strdup (_("They are kept on this computer with the server’s reason. Your other changes are sent as usual."));
      status->icon_name = "dialog-warning-symbolic";
      status->style = "warning";
      return;
    }

  switch (facts->state)
    {
    case GX_SYNC_STATE_LOCAL:
      status->label = g_strdup (_("Offline"));
      status->title = g_strdup (_("Working on This Computer"));
      status->detail = g_strdup (_("No server is set up: this desk keeps its work on this computer only. Sign in to share it with your team."));
      status->icon_name = "network-offline-symbolic";
      break;

    case GX_SYNC_STATE_SIGNED_OUT:
      status->label = g_strdup (_("Sign in to sync"));
      status->title = g_strdup (_("Not Signed In"));
      if (facts->message != NULL)
        status->detail = g_strdup_printf (_("%s Your changes are kept on this computer until you sign in."), facts->message);
      else
        status->detail = g_strdup (_("Sign in to send your changes and receive your team’s. Your changes are kept on this computer until then."));
      status->icon_name = "system-users-symbolic";
      status->style = "warning";
      break;

    case GX_SYNC_STATE_OFFLINE:
      {
        gint64 in = facts->retry_at > facts->now ? facts->retry_at - facts->now : 0;

        status->label = g_strdup (_("Offline"));
        status->title = g_strdup (_("Offline"));
        status->icon_name = "network-offline-symbolic";
        status->style = "warning";
        if (in > 0)
          status->detail = g_strdup_printf (ngettext ("%s Trying again in %d second. Your changes are kept on this computer until then.",
                                                      "%s Trying again in %d seconds. Your changes are kept on this computer until then.",
                                                      (gulong) in),
                                            facts->message ? facts->message : _("The server cannot be reached."), (int) in);
        else
          status->detail = g_strdup_printf (_("%s Your changes are kept on this computer until the server can be reached."),
                                            facts->message ? facts->message : _("The server cannot be reached."));
      }
      break;

    case GX_SYNC_STATE_SYNCING:
      status->label = g_strdup (_("Syncing…"));
      status->title = g_strdup (_("Syncing"));
      status->detail = waiting ? g_strdup (waiting) : g_strdup (_("Sending your changes and receiving your team’s."));
      status->icon_name = "emblem-synchronizing-symbolic";
      break;

    case GX_SYNC_STATE_SYNCED:
    default:
      if (facts->n_waiting > 0)
        status->label = g_strdup_printf (ngettext ("%d waiting", "%d waiting", (gulong) facts->n_waiting), (int) facts->n_waiting);
      else if (ago != NULL)
        /* Translators: %s is "just now", "3 minutes ago"… */
        status->label = g_strdup_printf (_("Synced %s"), ago);
      else
        status->label = g_strdup (_("Synced"));
      status->title = g_strdup (_("Up to Date"));
      if (waiting != NULL)
        status->detail = g_strdup (waiting);
      else if (ago != NULL)
        status->detail = g_strdup_printf (_("Everything was sent and received %s. Changes from your team arrive as they are made."), ago);
      else
        status->detail = g_strdup (_("Everything was sent and received. Changes from your team arrive as they are made."));
      status->icon_name = "emblem-ok-symbolic";
      break;
    }
}

void
gx_sync_status_clear (GxSyncStatus *status)
{
  g_clear_pointer (&status->label, g_free);
  g_clear_pointer (&status->title, g_free);
  g_clear_pointer (&status->detail, g_free);
}

/**
 * gx_sync_read_facts:
 * @db: a connection to the desk's store
 * @facts: filled with the outbox's counts (the state comes from the sync client)
 */
gboolean
gx_sync_read_facts (GxDb        *db,
                    GxSyncFacts *facts)
{
  facts->n_waiting = gx_db_query_int (db, "SELECT count(*) FROM outbox WHERE parked_reason IS NULL", NULL, 0, NULL);
  facts->n_parked = gx_db_query_int (db, "SELECT count(*) FROM outbox WHERE parked_reason IS NOT NULL", NULL, 0, NULL);
  facts->n_conflicts = gx_db_query_int (db, "SELECT count(*) FROM sync_conflicts", NULL, 0, NULL);
  return TRUE;
}

/* Words for kinds and fields, for the conflicts and the refused changes */

static const struct {
  const char *kind;
  const char *label;
} kind_labels[] = {
  { "customer", N_("Customer") },
  { "customer_contact", N_("Contact detail") },
  { "customer_interest", N_("Interest") },
  { "customer_link", N_("Family or referral link") },
  { "contact_log", N_("Contact log entry") },
  { "change_log", N_("Change register entry") },
  { "access_log", N_("Access register entry") },
  { "case", N_("Complaint") },
  { "case_event", N_("Complaint timeline entry") },
  { "case_attachment", N_("Complaint attachment") },
  { "return_visit", N_("Return visit") },
  { "return_visit_score", N_("Return visit score") },
  { "lesson", N_("Lesson") },
  { "membership", N_("Membership") },
  { "points_entry", N_("Points entry") },
  { "right_use", N_("Use of a right") },
  { "activity", N_("Activity") },
  { "activity_plan", N_("Activity plan") },
  { "invitation", N_("Invitation") },
  { "invitation_guest", N_("Guest") },
  { "checkin", N_("Check-in") },
  { "activity_evaluation", N_("Evaluation") },
  { "activity_answer", N_("Satisfaction answer") },
  { "activity_partner", N_("Co-host") },
  { "club", N_("Club") },
  { "circle", N_("Circle") },
  { "club_tier", N_("Club tier") },
  { "tier_right", N_("Right") },
  { "reward", N_("Reward") },
  { "user", N_("Staff member") },
};

/**
 * gx_sync_kind_label:
 * @kind: a kind's name
 *
 * Returns: (transfer none): the kind's name for people, translated
 */
const char *
gx_sync_kind_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    if (g_strcmp0 (kind_labels[i].kind, kind) == 0)
      return _(kind_labels[i].label);
  return kind;
}

static const struct {
  const char *field;
  const char *label;
} field_labels[] = {
  { "name", N_("Name") },
  { "number", N_("Number") },
  { "kind", N_("Kind") },
  { "gender", N_("Gender") },
  { "birthday", N_("Birthday") },
  { "id_type", N_("ID type") },
  { "id_number", N_("ID number") },
  { "accounts", N_("Accounts") },
  { "company", N_("Company") },
  { "industry", N_("Industry") },
  { "job_title", N_("Job title") },
  { "stage", N_("Relationship stage") },
  { "at_risk", N_("At risk") },
  { "tier_id", N_("Service tier") },
  { "confidentiality", N_("Confidentiality") },
  { "owner_id", N_("Owner") },
  { "assets_band", N_("Assets band") },
  { "preferred_channel", N_("Preferred channel") },
  { "preferred_time", N_("Preferred time") },
  { "customer_since", N_("Customer since") },
  { "notes", N_("Notes") },
  { "tags", N_("Tags") },
  { "value", N_("Value") },
  { "label", N_("Label") },
  { "subject", N_("Subject") },
  { "description", N_("Description") },
  { "status", N_("Status") },
  { "severity", N_("Severity") },
  { "channel", N_("Channel") },
  { "category_id", N_("Category") },
  { "assignee_id", N_("Assignee") },
  { "department", N_("Department") },
  { "resolution", N_("Resolution") },
  { "remedy_sought", N_("Remedy sought") },
  { "root_cause", N_("Root cause") },
  { "final_decision", N_("Final decision") },
  { "satisfaction", N_("Satisfaction") },
  { "title", N_("Title") },
  { "theme", N_("Theme") },
  { "venue", N_("Venue") },
  { "capacity", N_("Capacity") },
  { "budget", N_("Budget") },
  { "starts_at", N_("Starts") },
  { "ends_at", N_("Ends") },
  { "comment", N_("Comment") },
  { "summary", N_("Summary") },
  { "display_name", N_("Display name") },
};

/**
 * gx_sync_field_label:
 * @kind: a kind's name
 * @field: a field
 *
 * Returns: (transfer full): the field's name for people: translated where known, else the
 *   field name with spaces
 */
char *
gx_sync_field_label (const char *kind,
                     const char *field)
{
  char *label;

  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_strcmp0 (field_labels[i].field, field) == 0)
      return g_strdup (_(field_labels[i].label));

  label = g_strdup (field);
  g_strdelimit (label, "_", ' ');
  if (label[0] != '\0')
    label[0] = g_ascii_toupper (label[0]);
  return label;
}

/**
 * gx_sync_dup_record_title:
 * @db: a connection
 * @kind: a kind's name
 * @id: a record id
 *
 * Returns: (transfer full): what a person recognises the record by: a customer's name, a
 *   complaint's number and subject, or the kind and the start of its id
 */
char *
gx_sync_dup_record_title (GxDb       *db,
                          const char *kind,
                          const char *id)
{
  char *title = NULL;

  if (g_strcmp0 (kind, "customer") == 0)
    title = gx_db_query_string (db, "SELECT name || ' · ' || number FROM customers WHERE id = ?", g_variant_new ("(s)", id), NULL);
  else if (g_strcmp0 (kind, "case") == 0)
    title = gx_db_query_string (db, "SELECT number || ' · ' || subject FROM cases WHERE id = ?", g_variant_new ("(s)", id), NULL);
  else if (gx_kind_lookup (kind) != NULL && gx_kind_lookup (kind)->customer_sql != NULL)
    {
      const GxKind *k = gx_kind_lookup (kind);
      g_autofree char *sql = g_strdup_printf ("SELECT c.name FROM customers c WHERE c.id = (SELECT %s FROM %s WHERE id = ?)",
                                              k->customer_sql, k->table);
      g_autofree char *customer = gx_db_query_string (db, sql, g_variant_new ("(s)", id), NULL);

      if (customer != NULL)
        /* Translators: a kind of record, then the customer it belongs to */
        title = g_strdup_printf (_("%s of %s"), gx_sync_kind_label (kind), customer);
    }

  if (title == NULL)
    title = g_strdup_printf ("%s %.8s", gx_sync_kind_label (kind), id);
  return title;
}

/**
 * gx_sync_format_value:
 * @json: (nullable): a value as JSON text, as sync_conflicts keeps it
 *
 * Returns: (transfer full): the value for people: text as it is, "(empty)" for nothing
 */
char *
gx_sync_format_value (const char *json)
{
  g_autoptr(JsonNode) node = json ? json_from_string (json, NULL) : NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("(empty)"));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return *json_node_get_string (node) ? g_strdup (json_node_get_string (node)) : g_strdup (_("(empty)"));
  return json_to_string (node, FALSE);
}
