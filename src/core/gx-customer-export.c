/* gx-customer-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customer-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gx-csv.h"
#include "gx-customer.h"
#include "gx-customer-export.h"
#include "gx-enums.h"
#include "gx-format.h"
#include "gx-validate.h"

/* A personal-information request (China's PIPL, art. 45) asks for everything held about one
 * person: the profile and what hangs off it, the contact log, complaints with their
 * timelines, memberships with their points, invitations, and who changed and read the
 * profile. The JSON keeps the stored codes and values as they are (it is the person's own
 * data, so the ID number is not masked); the dossier is the readable form for print and PDF. */

void
gx_dossier_section_free (GxDossierSection *section)
{
  if (section == NULL)
    return;

  g_free (section->title);
  g_clear_pointer (&section->lines, g_ptr_array_unref);
  g_free (section);
}

static gboolean
add_rows (JsonObject  *out,
          const char  *member,
          GxDb        *db,
          const char  *sql,
          const char  *id,
          GError     **error)
{
  JsonArray *rows = gx_customer_query_rows (db, sql, g_variant_new ("(s)", id), error);

  if (rows == NULL)
    return FALSE;

  json_object_set_array_member (out, member, rows);
  return TRUE;
}

/* Adds to each element of @array (objects with an "id") the rows @sql gives for its id. */
static gboolean
nest_rows (JsonArray   *array,
           const char  *member,
           GxDb        *db,
           const char  *sql,
           GError     **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *parent = json_array_get_object_element (array, i);

      if (!add_rows (parent, member, db, sql, json_object_get_string_member (parent, "id"), error))
        return FALSE;
    }

  return TRUE;
}

/**
 * gx_customer_export_json:
 * @db: a connection
 * @customer_id: the person
 * @now: the time of the export
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): everything held about the person
 */
JsonObject *
gx_customer_export_json (GxDb        *db,
                         const char  *customer_id,
                         gint64       now,
                         GError     **error)
{
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(JsonArray) customer = NULL;
  JsonArray *cases;
  JsonArray *memberships;

  customer = gx_customer_query_rows (db,
                                     "SELECT id, number, kind, name, gender, birthday, id_type, id_number, accounts, company, industry,"
                                     "       job_title, stage, at_risk, tier_id, confidentiality, owner_id, assets_band,"
                                     "       preferred_channel, preferred_time, customer_since, notes, tags, last_contact_at,"
                                     "       archived_at, created_at, updated_at, verification, verified_at"
                                     "  FROM customers WHERE id = ?",
                                     g_variant_new ("(s)", customer_id), error);
  if (customer == NULL)
    return NULL;
  if (json_array_get_length (customer) == 0)
    {
      g_set_error (error, GX_DB_ERROR, GX_DB_ERROR_NOT_FOUND, _("No customer with id “%s”."), customer_id);
      return NULL;
    }

  json_object_set_string_member (out, "format", "guanxi-personal-data/1");
  json_object_set_int_member (out, "exported_at", now);
  json_object_set_object_member (out, "customer", json_object_ref (json_array_get_object_element (customer, 0)));

  if (!add_rows (out, "contacts", db, "SELECT id, kind, label, value, is_primary FROM customer_contacts WHERE customer_id = ? ORDER BY kind, value", customer_id, error) ||
      !add_rows (out, "interests", db, "SELECT interest FROM customer_interests WHERE customer_id = ? ORDER BY interest", customer_id, error) ||
      !add_rows (out, "links", db,
                 "SELECT l.kind, l.relation, l.note, l.customer_id = ?1 AS outgoing,"
                 "       CASE WHEN l.customer_id = ?1 THEN o.name ELSE c.name END AS other_name"
                 "  FROM customer_links l JOIN customers c ON c.id = l.customer_id JOIN customers o ON o.id = l.other_id"
                 " WHERE l.customer_id = ?1 OR l.other_id = ?1", customer_id, error) ||
      !add_rows (out, "contact_log", db,
                 "SELECT at, channel, place, subject, served, follow_up_on, follow_up_done, confidential"
                 "  FROM contact_log WHERE customer_id = ? ORDER BY at", customer_id, error) ||
      !add_rows (out, "cases", db,
                 "SELECT id, number, channel, category_id, severity, status, subject, description, remedy_sought,"
                 "       received_at, resolved_at, closed_at, resolution, apology_given, compensation_amount,"
                 "       compensation_kind, satisfaction FROM cases WHERE customer_id = ? ORDER BY received_at", customer_id, error) ||
      !add_rows (out, "memberships", db,
                 "SELECT m.id, c.name AS club, m.member_number, t.name AS tier, m.applied_on, m.joined_on, m.period_start,"
                 "       m.period_end, m.cancelled_on FROM memberships m JOIN clubs c ON c.id = m.club_id"
                 "  JOIN club_tiers t ON t.id = m.tier_id WHERE m.customer_id = ?", customer_id, error) ||
      !add_rows (out, "invitations", db,
                 "SELECT a.title AS activity, a.starts_at, i.status, i.invited_at, i.responded_at"
                 "  FROM invitations i JOIN activities a ON a.id = i.activity_id WHERE i.customer_id = ?"
                 " ORDER BY i.invited_at", customer_id, error) ||
      !add_rows (out, "change_log", db,
                 "SELECT at, record_kind, field, old_value, new_value, verification FROM change_log"
                 " WHERE customer_id = ? ORDER BY at", customer_id, error) ||
      !add_rows (out, "access_log", db,
                 "SELECT at, action, field, reason FROM access_log WHERE customer_id = ? ORDER BY at", customer_id, error))
    return NULL;

  cases = json_object_get_array_member (out, "cases");
  memberships = json_object_get_array_member (out, "memberships");
  if (!nest_rows (cases, "events", db, "SELECT at, kind, from_status, to_status, note FROM case_events WHERE case_id = ? ORDER BY at", error) ||
      !nest_rows (cases, "return_visits", db, "SELECT scheduled_at, done_at, method, overall, accepted, comment FROM return_visits WHERE case_id = ?", error) ||
      !nest_rows (memberships, "points", db, "SELECT at, kind, points, reason, expires_on FROM points_ledger WHERE membership_id = ? ORDER BY at", error) ||
      !nest_rows (memberships, "circles", db, "SELECT ci.name FROM membership_circles mc JOIN circles ci ON ci.id = mc.circle_id WHERE mc.membership_id = ?", error))
    return NULL;

  /* Internal keys mean nothing to the person. */
  for (guint i = 0; i < json_array_get_length (cases); i++)
    json_object_remove_member (json_array_get_object_element (cases, i), "id");
  for (guint i = 0; i < json_array_get_length (memberships); i++)
    json_object_remove_member (json_array_get_object_element (memberships, i), "id");

  return g_steal_pointer (&out);
}

/* The dossier */

static const char *
str (JsonObject *object,
     const char *member)
{
  if (object == NULL || !json_object_has_member (object, member) || json_object_get_null_member (object, member))
    return NULL;
  return json_object_get_string_member (object, member);
}

static gint64
num (JsonObject *object,
     const char *member)
{
  if (object == NULL || !json_object_has_member (object, member) || json_object_get_null_member (object, member))
    return 0;
  return json_object_get_int_member (object, member);
}

static GxDossierSection *
section_new (GPtrArray  *sections,
             const char *title)
{
  GxDossierSection *section = g_new0 (GxDossierSection, 1);

  section->title = g_strdup (title);
  section->lines = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (sections, section);
  return section;
}

static void
line (GxDossierSection *section,
      const char       *label,
      const char       *value)
{
  if (value == NULL || *value == '\0')
    return;

  if (label == NULL)
    g_ptr_array_add (section->lines, g_strdup (value));
  else
    /* Translators: a line of a printed profile, "Label: value" */
    g_ptr_array_add (section->lines, g_strdup_printf (_("%s: %s"), label, value));
}

/**
 * gx_customer_dossier:
 * @db: a connection
 * @customer_id: the customer
 * @everything: the whole record for the person (unmasked, every entry); otherwise the
 *   profile as a desk prints it (ID and account numbers masked, the latest entries)
 * @tz: the time zone for times
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type GxDossierSection): the sections, in order
 */
GPtrArray *
gx_customer_dossier (GxDb        *db,
                     const char  *customer_id,
                     gboolean     everything,
                     GTimeZone   *tz,
                     GError     **error)
{
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_dossier_section_free);
  g_autoptr(JsonObject) data = gx_customer_export_json (db, customer_id, 0, error);
  g_autofree char *owner = NULL;
  g_autofree char *tier = NULL;
  GxDossierSection *section;
  JsonObject *customer;
  JsonArray *rows;
  guint limit = everything ? G_MAXUINT : 20;

  if (data == NULL)
    return NULL;
  customer = json_object_get_object_member (data, "customer");

  owner = gx_db_query_string (db, "SELECT u.display_name FROM customers c JOIN users u ON u.id = c.owner_id WHERE c.id = ?",
                              g_variant_new ("(s)", customer_id), NULL);
  tier = gx_db_query_string (db, "SELECT t.name FROM customers c JOIN tiers t ON t.id = c.tier_id WHERE c.id = ?",
                             g_variant_new ("(s)", customer_id), NULL);

  section = section_new (sections, _("Identity"));
  line (section, _("Name"), str (customer, "name"));
  line (section, _("Customer number"), str (customer, "number"));
  line (section, _("Kind"), gx_vocab_label (GX_VOCAB_CUSTOMER_KIND, str (customer, "kind")));
  if (str (customer, "id_number") != NULL)
    {
      g_autofree char *masked = gx_mask_id_number (str (customer, "id_number"));
      g_autofree char *text = g_strdup_printf ("%s · %s", gx_vocab_label (GX_VOCAB_ID_TYPE, str (customer, "id_type")),
                                               everything ? str (customer, "id_number") : masked);
      line (section, _("ID number"), text);
    }
  if (str (customer, "accounts") != NULL && *str (customer, "accounts") != '\0')
    {
      g_autofree char *masked = gx_mask_accounts (str (customer, "accounts"));
      line (section, _("Accounts"), everything ? str (customer, "accounts") : masked);
    }
  {
    g_autofree char *birthday = gx_format_iso_date (str (customer, "birthday"));
    line (section, _("Birthday"), birthday);
  }
  line (section, _("Gender"), gx_vocab_label (GX_VOCAB_GENDER, str (customer, "gender")));
  line (section, _("Confidentiality"), gx_vocab_label (GX_VOCAB_CONFIDENTIALITY, str (customer, "confidentiality")));

  section = section_new (sections, _("Contacts"));
  rows = json_object_get_array_member (data, "contacts");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      line (section, gx_vocab_label (GX_VOCAB_CONTACT_KIND, str (row, "kind")), str (row, "value"));
    }
  line (section, _("Preferred channel"), gx_vocab_label (GX_VOCAB_CONTACT_CHANNEL, str (customer, "preferred_channel")));
  line (section, _("Preferred time"), str (customer, "preferred_time"));

  section = section_new (sections, _("Relationship"));
  line (section, _("Stage"), gx_vocab_label (GX_VOCAB_STAGE, str (customer, "stage")));
  if (num (customer, "at_risk"))
    line (section, NULL, _("At risk"));
  line (section, _("Service tier"), gx_vocab_index (GX_VOCAB_TIER, str (customer, "tier_id")) >= 0
                                      ? gx_vocab_label (GX_VOCAB_TIER, str (customer, "tier_id")) : tier);
  line (section, _("Relationship manager"), owner);
  line (section, _("Assets band"), gx_vocab_label (GX_VOCAB_ASSETS_BAND, str (customer, "assets_band")));
  line (section, _("Company"), str (customer, "company"));
  line (section, _("Industry"), str (customer, "industry"));
  line (section, _("Job title"), str (customer, "job_title"));
  {
    g_autofree char *since = gx_format_iso_date (str (customer, "customer_since"));
    line (section, _("Customer since"), since);
  }
  rows = json_object_get_array_member (data, "interests");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    line (section, _("Interest"), str (json_array_get_object_element (rows, i), "interest"));
  rows = json_object_get_array_member (data, "links");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      gboolean outgoing = num (row, "outgoing") != 0;
      const char *relation = g_strcmp0 (str (row, "kind"), "referral") == 0
                             ? (outgoing ? _("Referral: introduced by this customer") : _("Referral: introduced this customer"))
                             : gx_vocab_label (GX_VOCAB_RELATION, outgoing ? str (row, "relation")
                                                                           : gx_customer_inverse_relation (str (row, "relation")));
      line (section, relation, str (row, "other_name"));
    }
  line (section, _("Tags"), str (customer, "tags"));
  line (section, _("Notes"), str (customer, "notes"));

  section = section_new (sections, _("Contact Log"));
  rows = json_object_get_array_member (data, "contact_log");
  for (guint i = json_array_get_length (rows), n = 0; i > 0 && n < limit; i--, n++)
    {
      JsonObject *row = json_array_get_object_element (rows, i - 1);
      g_autofree char *when = gx_format_date_time (num (row, "at"), tz);
      g_autofree char *text = g_strdup_printf ("%s · %s · %s %s", when,
                                               gx_vocab_label (GX_VOCAB_CONTACT_CHANNEL, str (row, "channel")),
                                               str (row, "subject") ? str (row, "subject") : "",
                                               str (row, "served") ? str (row, "served") : "");
      line (section, NULL, g_strstrip (text));
    }

  section = section_new (sections, _("Complaints"));
  rows = json_object_get_array_member (data, "cases");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *when = gx_format_date (num (row, "received_at"), tz);
      g_autofree char *text = g_strdup_printf ("%s · %s · %s · %s", str (row, "number"), when, str (row, "subject"),
                                               gx_vocab_label (GX_VOCAB_CASE_STATUS, str (row, "status")));
      line (section, NULL, text);
    }

  section = section_new (sections, _("Club Memberships"));
  rows = json_object_get_array_member (data, "memberships");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonArray *points = json_object_get_array_member (row, "points");
      gint64 balance = 0;
      g_autofree char *text = NULL;
      g_autofree char *balance_text = NULL;

      for (guint p = 0; p < json_array_get_length (points); p++)
        balance += num (json_array_get_object_element (points, p), "points");
      balance_text = g_strdup_printf ("%" G_GINT64_FORMAT, balance);
      /* Translators: club, member number, tier, points balance */
      text = g_strdup_printf (_("%s · %s · %s · %s points"), str (row, "club"),
                              str (row, "member_number"), str (row, "tier"), balance_text);
      line (section, NULL, text);
    }

  if (everything)
    {
      section = section_new (sections, _("Invitations"));
      rows = json_object_get_array_member (data, "invitations");
      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          g_autofree char *text = g_strdup_printf ("%s · %s", str (row, "activity"),
                                                   gx_vocab_label (GX_VOCAB_RSVP, str (row, "status")));
          line (section, NULL, text);
        }

      section = section_new (sections, _("Change Register"));
      rows = json_object_get_array_member (data, "change_log");
      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          g_autofree char *when = gx_format_date_time (num (row, "at"), tz);
          g_autofree char *text = g_strdup_printf ("%s · %s: %s → %s", when, str (row, "field"),
                                                   str (row, "old_value") ? str (row, "old_value") : "—",
                                                   str (row, "new_value") ? str (row, "new_value") : "—");
          line (section, NULL, text);
        }

      section = section_new (sections, _("Access Register"));
      rows = json_object_get_array_member (data, "access_log");
      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          g_autofree char *when = gx_format_date_time (num (row, "at"), tz);
          g_autofree char *text = g_strdup_printf ("%s · %s · %s", when, str (row, "action"),
                                                   str (row, "reason") ? str (row, "reason") : "");
          line (section, NULL, text);
        }
    }

  /* Sections with nothing to say are left out. */
  for (guint i = sections->len; i > 0; i--)
    if (((GxDossierSection *) g_ptr_array_index (sections, i - 1))->lines->len == 0)
      g_ptr_array_remove_index (sections, i - 1);

  return g_steal_pointer (&sections);
}

/* A list, as a spreadsheet */

static char *
iso_local (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_seconds);

  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("");
}

/**
 * gx_customer_export_list_csv:
 * @db: a read connection (a worker thread's)
 * @keys_sql: the list's keys query
 * @params: (nullable): its parameters
 * @out: where the CSV goes
 * @progress: (nullable) (scope call): told every thousand rows
 * @progress_data: data for @progress
 * @cancellable: (nullable): stops the export
 * @n_written: (out) (optional): the rows written
 * @error: return location for a #GError
 *
 * Writes the customers a list shows, in its order, as CSV in UTF-8 with a byte-order mark
 * (so Excel in a Chinese locale reads it as UTF-8), RFC 4180 quoting, headings translated.
 * ID numbers are masked, as in every export of a list.
 */
gboolean
gx_customer_export_list_csv (GxDb              *db,
                             const char        *keys_sql,
                             GVariant          *params,
                             GOutputStream     *out,
                             GxExportProgress   progress,
                             gpointer           progress_data,
                             GCancellable      *cancellable,
                             guint64           *n_written,
                             GError           **error)
{
  const char *headings[] = {
    _("Customer number"), _("Name"), _("Kind"), _("Stage"), _("Service tier"), _("Relationship manager"),
    _("Mobile"), _("Landline"), _("E-mail"), _("Birthday"), _("Company"), _("ID number"),
    _("Confidentiality"), _("Last contact"), _("Follow-up"),
  };
  g_autoptr(GxCsvWriter) writer = gx_csv_writer_new ();
  sqlite3_stmt *keys;
  sqlite3_stmt *row;
  guint64 n = 0;
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    gx_csv_writer_add_text (writer, headings[i]);
  gx_csv_writer_end_row (writer);

  keys = gx_db_prepare (db, keys_sql, error);
  if (keys == NULL || !gx_db_bind_variant (keys, params, error))
    return FALSE;
  row = gx_db_prepare (db,
                       "SELECT c.number, c.name, c.kind, c.stage, c.tier_id, t.name, u.display_name,"
                       "  (SELECT value FROM customer_contacts WHERE customer_id = c.id AND kind = 'mobile' ORDER BY is_primary DESC LIMIT 1),"
                       "  (SELECT value FROM customer_contacts WHERE customer_id = c.id AND kind = 'landline' ORDER BY is_primary DESC LIMIT 1),"
                       "  (SELECT value FROM customer_contacts WHERE customer_id = c.id AND kind = 'email' ORDER BY is_primary DESC LIMIT 1),"
                       "  c.birthday, c.company, c.id_number, c.confidentiality, c.last_contact_at, c.follow_up_on"
                       "  FROM customers c LEFT JOIN tiers t ON t.id = c.tier_id LEFT JOIN users u ON u.id = c.owner_id"
                       " WHERE c.rowid = ?",
                       error);
  if (row == NULL)
    {
      sqlite3_reset (keys);
      return FALSE;
    }

  while ((rc = sqlite3_step (keys)) == SQLITE_ROW)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (keys);
          return FALSE;
        }

      sqlite3_bind_int64 (row, 1, sqlite3_column_int64 (keys, 0));
      if (sqlite3_step (row) == SQLITE_ROW)
        {
          g_autofree char *masked = gx_mask_id_number (gx_db_column_text (row, 12));
          g_autofree char *last = sqlite3_column_type (row, 14) == SQLITE_NULL ? g_strdup ("")
                                  : iso_local (sqlite3_column_int64 (row, 14));
          const char *tier = gx_db_column_text (row, 4);
          const char *fields[] = {
            gx_db_column_text (row, 0), gx_db_column_text (row, 1),
            gx_vocab_label (GX_VOCAB_CUSTOMER_KIND, gx_db_column_text (row, 2)),
            gx_vocab_label (GX_VOCAB_STAGE, gx_db_column_text (row, 3)),
            tier == NULL ? "" : gx_vocab_index (GX_VOCAB_TIER, tier) >= 0 ? gx_vocab_label (GX_VOCAB_TIER, tier) : gx_db_column_text (row, 5),
            gx_db_column_text (row, 6), gx_db_column_text (row, 7), gx_db_column_text (row, 8),
            gx_db_column_text (row, 9), gx_db_column_text (row, 10), gx_db_column_text (row, 11), masked,
            gx_vocab_label (GX_VOCAB_CONFIDENTIALITY, gx_db_column_text (row, 13)), last,
            gx_db_column_text (row, 15),
          };

          for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
            gx_csv_writer_add_text (writer, fields[i]);
          gx_csv_writer_end_row (writer);
          n++;
        }
      sqlite3_reset (row);

      if (gx_csv_writer_get_buffered (writer) > 65536 && !gx_csv_writer_flush (writer, out, cancellable, error))
        {
          sqlite3_reset (keys);
          return FALSE;
        }
      if (progress != NULL && n % 1000 == 0)
        progress (n, progress_data);
    }
  sqlite3_reset (keys);

  if (rc != SQLITE_DONE)
    return gx_db_set_error (db, error, "export");

  if (n_written != NULL)
    *n_written = n;
  return gx_csv_writer_flush (writer, out, cancellable, error);
}
