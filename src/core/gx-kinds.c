/* gx-kinds.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-kinds"

#include "config.h"

#include <string.h>

#include "gx-kinds.h"

/* Every table a desk syncs is a kind here. The fields come from the schema itself (the desk
 * and the server build the same tables from the same migrations), so a column added by a
 * migration is synced without a second list to keep in step; only the checks a CHECK
 * constraint cannot phrase as a field error are named below. */

static const char * const customer_derived[] = { "name_pinyin", "name_initials", "sort_key", "last_contact_at",
                                                  "contact_terms", "follow_up_on", NULL };
/* The customer's owner, for the overview's filters (0015-overview-owners.sql). */
static const char * const membership_derived[] = { "owner_id", NULL };
/* The case's owner, for the same filters (0016-visit-owners.sql). */
static const char * const return_visit_derived[] = { "owner_id", NULL };

#define CUSTOMER_OF(col) col
#define VIA(table, key) "(SELECT customer_id FROM " table " WHERE id = " key ")"

static GxKind kinds[] = {
  /* Staff and reference data: every user sees them. */
  { "user", "users", FALSE, NULL, NULL },
  { "tier", "tiers", FALSE, NULL, NULL },
  { "case_category", "case_categories", FALSE, NULL, NULL },
  { "work_calendar", "work_calendars", FALSE, NULL, NULL },
  { "calendar_day", "calendar_days", FALSE, NULL, NULL },
  { "sla_policy", "sla_policies", FALSE, NULL, NULL },
  { "service_factor", "service_factors", FALSE, NULL, NULL },

  /* The archive. */
  { "customer", "customers", FALSE, "id", customer_derived },
  { "customer_contact", "customer_contacts", FALSE, CUSTOMER_OF ("customer_id"), NULL },
  { "customer_interest", "customer_interests", FALSE, CUSTOMER_OF ("customer_id"), NULL },
  { "customer_link", "customer_links", FALSE, CUSTOMER_OF ("customer_id"), NULL },
  { "contact_log", "contact_log", TRUE, CUSTOMER_OF ("customer_id"), NULL },
  { "change_log", "change_log", TRUE, CUSTOMER_OF ("customer_id"), NULL },
  { "access_log", "access_log", TRUE, CUSTOMER_OF ("customer_id"), NULL },
  { "customer_merge", "customer_merges", FALSE, CUSTOMER_OF ("survivor_id"), NULL },
  { "customer_filter", "customer_filters", FALSE, NULL, NULL },

  /* Complaints. */
  { "case", "cases", FALSE, CUSTOMER_OF ("customer_id"), NULL },
  { "case_event", "case_events", TRUE, VIA ("cases", "case_id"), NULL },
  { "case_attachment", "case_attachments", FALSE, VIA ("cases", "case_id"), NULL },
  { "return_visit", "return_visits", FALSE, VIA ("cases", "case_id"), return_visit_derived },
  { "return_visit_score", "return_visit_scores", FALSE,
    "(SELECT k.customer_id FROM return_visits v JOIN cases k ON k.id = v.case_id WHERE v.id = return_visit_id)", NULL },
  { "lesson", "lessons", FALSE, NULL, NULL },

  /* Club. */
  { "club", "clubs", FALSE, NULL, NULL },
  { "circle", "circles", FALSE, NULL, NULL },
  { "club_tier", "club_tiers", FALSE, NULL, NULL },
  { "tier_right", "tier_rights", FALSE, NULL, NULL },
  { "reward", "rewards", FALSE, NULL, NULL },
  { "membership", "memberships", FALSE, CUSTOMER_OF ("customer_id"), membership_derived },
  { "membership_circle", "membership_circles", FALSE, VIA ("memberships", "membership_id"), NULL },
  { "membership_log", "membership_log", TRUE, VIA ("memberships", "membership_id"), NULL },
  { "right_use", "right_uses", TRUE, VIA ("memberships", "membership_id"), NULL },
  { "points_entry", "points_ledger", TRUE, VIA ("memberships", "membership_id"), NULL },

  /* Activities. */
  { "activity_plan", "activity_plans", FALSE, NULL, NULL },
  { "activity", "activities", FALSE, NULL, NULL },
  { "activity_staff", "activity_staff", FALSE, NULL, NULL },
  { "invitation", "invitations", FALSE, CUSTOMER_OF ("customer_id"), NULL },
  { "invitation_guest", "invitation_guests", FALSE, VIA ("invitations", "invitation_id"), NULL },
  { "checkin", "checkins", TRUE, VIA ("invitations", "invitation_id"), NULL },
  { "activity_evaluation", "activity_evaluations", FALSE, NULL, NULL },
  { "activity_answer", "activity_answers", FALSE,
    "(SELECT i.customer_id FROM checkins k JOIN invitations i ON i.id = k.invitation_id WHERE k.id = checkin_id)", NULL },
  /* A co-host organisation is seen by those who may see it; a co-host club by everyone. */
  { "activity_partner", "activity_partners", FALSE, CUSTOMER_OF ("customer_id"), NULL },
};

/* Checks by column name, wherever the column appears. */
static const struct {
  const char   *table;   /* NULL: any table */
  const char   *column;
  GxFieldCheck  check;
  int           vocab;
} column_checks[] = {
  { "customers", "kind", GX_CHECK_VOCAB, GX_VOCAB_CUSTOMER_KIND },
  { "customers", "stage", GX_CHECK_VOCAB, GX_VOCAB_STAGE },
  { "customers", "confidentiality", GX_CHECK_VOCAB, GX_VOCAB_CONFIDENTIALITY },
  { "customers", "gender", GX_CHECK_VOCAB, GX_VOCAB_GENDER },
  { "customers", "id_type", GX_CHECK_VOCAB, GX_VOCAB_ID_TYPE },
  { "customers", "assets_band", GX_CHECK_VOCAB, GX_VOCAB_ASSETS_BAND },
  { "customers", "birthday", GX_CHECK_DATE, -1 },
  { "customers", "customer_since", GX_CHECK_DATE, -1 },
  { "users", "role", GX_CHECK_VOCAB, GX_VOCAB_ROLE },
  { "contact_log", "channel", GX_CHECK_VOCAB, GX_VOCAB_CONTACT_CHANNEL },
  { "contact_log", "follow_up_on", GX_CHECK_DATE, -1 },
  { "cases", "channel", GX_CHECK_VOCAB, GX_VOCAB_CASE_CHANNEL },
  { "cases", "status", GX_CHECK_VOCAB, GX_VOCAB_CASE_STATUS },
  { "cases", "severity", GX_CHECK_VOCAB, GX_VOCAB_SEVERITY },
  { "sla_policies", "severity", GX_CHECK_VOCAB, GX_VOCAB_SEVERITY },
  { "cases", "impact", GX_CHECK_VOCAB, GX_VOCAB_LEVEL },
  { "cases", "urgency", GX_CHECK_VOCAB, GX_VOCAB_LEVEL },
  { "cases", "communicated_via", GX_CHECK_VOCAB, GX_VOCAB_REPLY_METHOD },
  { "case_events", "kind", GX_CHECK_VOCAB, GX_VOCAB_CASE_EVENT },
  { "case_events", "decision", GX_CHECK_VOCAB, GX_VOCAB_REVIEW_DECISION },
  { "return_visits", "method", GX_CHECK_VOCAB, GX_VOCAB_VISIT_METHOD },
  { "activities", "kind", GX_CHECK_VOCAB, GX_VOCAB_ACTIVITY_KIND },
  { "activities", "status", GX_CHECK_VOCAB, GX_VOCAB_ACTIVITY_STATUS },
  { "invitations", "status", GX_CHECK_VOCAB, GX_VOCAB_RSVP },
  { "points_ledger", "kind", GX_CHECK_VOCAB, GX_VOCAB_POINTS_KIND },
  { "customer_links", "relation", GX_CHECK_VOCAB, GX_VOCAB_RELATION },
  { "customer_contacts", "kind", GX_CHECK_VOCAB, GX_VOCAB_CONTACT_KIND },
  { "memberships", "applied_on", GX_CHECK_DATE, -1 },
  { "memberships", "joined_on", GX_CHECK_DATE, -1 },
  { "memberships", "period_start", GX_CHECK_DATE, -1 },
  { "memberships", "period_end", GX_CHECK_DATE, -1 },
  { "memberships", "cancelled_on", GX_CHECK_DATE, -1 },
  { "memberships", "suspended_until", GX_CHECK_DATE, -1 },
  { "points_ledger", "expires_on", GX_CHECK_DATE, -1 },
  { "clubs", "points_expiry", GX_CHECK_VOCAB, GX_VOCAB_POINTS_EXPIRY },
  { "club_tiers", "qualify_assets", GX_CHECK_VOCAB, GX_VOCAB_ASSETS_BAND },
  { "right_uses", "used_on", GX_CHECK_DATE, -1 },
  { "calendar_days", "day", GX_CHECK_DATE, -1 },
  { "invitation_guests", "phone", GX_CHECK_PHONE, -1 },
  { "checkins", "walk_in_phone", GX_CHECK_PHONE, -1 },
  { "activities", "waitlist_policy", GX_CHECK_VOCAB, GX_VOCAB_WAITLIST_POLICY },
  { "invitation_guests", "relation", GX_CHECK_VOCAB, GX_VOCAB_GUEST_RELATION },
};

static GMutex fields_lock;
static gboolean fields_loaded;

/**
 * gx_kind_lookup:
 * @name: a kind's name
 *
 * Returns: (transfer none) (nullable): the kind, %NULL when unknown
 */
const GxKind *
gx_kind_lookup (const char *name)
{
  if (name == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (kinds[i].name, name) == 0)
      return &kinds[i];

  return NULL;
}

/**
 * gx_kind_for_table:
 * @table: a table name
 *
 * Returns: (transfer none) (nullable): the kind stored in @table
 */
const GxKind *
gx_kind_for_table (const char *table)
{
  if (table == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (kinds[i].table, table) == 0)
      return &kinds[i];

  return NULL;
}

/**
 * gx_kinds_all:
 * @n_kinds: (out): their number
 *
 * Returns: (transfer container) (array length=n_kinds): every kind, parents before children
 *   (the order a first sync applies them in)
 */
const GxKind **
gx_kinds_all (guint *n_kinds)
{
  const GxKind **all = g_new (const GxKind *, G_N_ELEMENTS (kinds));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    all[i] = &kinds[i];
  *n_kinds = G_N_ELEMENTS (kinds);
  return all;
}

static GxFieldType
type_for_declared (const char *declared)
{
  if (g_ascii_strcasecmp (declared, "INTEGER") == 0)
    return GX_FIELD_INTEGER;
  if (g_ascii_strcasecmp (declared, "REAL") == 0)
    return GX_FIELD_REAL;
  if (g_ascii_strcasecmp (declared, "BLOB") == 0)
    return GX_FIELD_BLOB;
  return GX_FIELD_TEXT;
}

static gboolean
load_kind_fields (GxDb    *db,
                  GxKind  *kind,
                  GError **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (%s)", kind->table);
  g_autoptr(GArray) fields = g_array_new (FALSE, TRUE, sizeof (GxField));
  sqlite3_stmt *stmt;
  int rc;

  /* The table name is one of ours above, never input. */
  if (sqlite3_prepare_v2 (gx_db_get_handle (db), sql, -1, &stmt, NULL) != SQLITE_OK)
    return gx_db_set_error (db, error, "table_info");

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *declared = (const char *) sqlite3_column_text (stmt, 2);
      gboolean not_null = sqlite3_column_int (stmt, 3) != 0;
      gboolean has_default = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      GxField field = { 0 };

      /* The sync stamp and derived columns are the desk's and the server's own business. */
      if (strcmp (name, "version") == 0 ||
          (kind->derived != NULL && g_strv_contains (kind->derived, name)))
        continue;

      field.name = g_intern_string (name);
      field.type = type_for_declared (declared ? declared : "");
      field.nullable = !not_null;
      field.required = not_null && !has_default && strcmp (name, "id") != 0;
      field.vocab = -1;

      for (guint i = 0; i < G_N_ELEMENTS (column_checks); i++)
        if ((column_checks[i].table == NULL || strcmp (column_checks[i].table, kind->table) == 0) &&
            strcmp (column_checks[i].column, name) == 0)
          {
            field.check = column_checks[i].check;
            field.vocab = column_checks[i].vocab;
          }

      /* Flags are 0/1 integers: a CHECK (x IN (0, 1)) in the schema says so by its name. */
      if (field.check == GX_CHECK_NONE && field.type == GX_FIELD_INTEGER &&
          (g_str_has_prefix (name, "is_") || strcmp (name, "active") == 0 || strcmp (name, "at_risk") == 0 ||
           strcmp (name, "confidential") == 0 || strcmp (name, "follow_up_done") == 0 ||
           strcmp (name, "apology_given") == 0 || strcmp (name, "accepted") == 0 ||
           strcmp (name, "business_hours") == 0 || strcmp (name, "review_required") == 0))
        field.check = GX_CHECK_BOOL;

      g_array_append_val (fields, field);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return gx_db_set_error (db, error, "table_info");

  kind->n_fields = fields->len;
  kind->fields = (GxField *) (gpointer) g_array_free (g_steal_pointer (&fields), FALSE);
  return TRUE;
}

/**
 * gx_kinds_load_fields:
 * @db: a connection to a migrated store
 * @error: return location for a #GError
 *
 * Reads every kind's fields from the schema, once per process. The store calls it at open.
 */
gboolean
gx_kinds_load_fields (GxDb    *db,
                      GError **error)
{
  gboolean ok = TRUE;

  g_mutex_lock (&fields_lock);
  if (!fields_loaded)
    {
      for (guint i = 0; ok && i < G_N_ELEMENTS (kinds); i++)
        ok = load_kind_fields (db, &kinds[i], error);
      fields_loaded = ok;
    }
  g_mutex_unlock (&fields_lock);

  return ok;
}

/**
 * gx_kind_find_field:
 * @kind: a kind
 * @name: a field name
 *
 * Returns: (transfer none) (nullable): the field, %NULL when the kind has no such field
 */
const GxField *
gx_kind_find_field (const GxKind *kind,
                    const char   *name)
{
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (kind->fields != NULL, NULL);

  for (guint i = 0; i < kind->n_fields; i++)
    if (strcmp (kind->fields[i].name, name) == 0)
      return &kind->fields[i];

  return NULL;
}
