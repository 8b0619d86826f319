/* gx-customer-profile.c: one customer's profile — identity, contacts, relationship, family,
 * notes, the contact log, complaints, club, the change and access registers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customer-profile"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-customer.h"
#include "gx-customer-cases.h"
#include "gx-customer-club-group.h"
#include "gx-customer-profile-private.h"
#include "gx-enums.h"
#include "gx-format.h"
#include "gx-validate.h"
#include "gx-visibility.h"

G_DEFINE_FINAL_TYPE (GxCustomerProfile, gx_customer_profile, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  OPEN_CUSTOMER,
  GONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The tables whose change may change what the profile shows. */
static const char * const watched_tables[] = {
  "customers", "customer_merges", "customer_contacts", "customer_interests", "customer_links", "contact_log",
  "change_log", "access_log", "cases", "memberships", "membership_circles", NULL
};

/* Reading */

JsonObject *
_gx_customer_profile_first_row (GxDb       *db,
                                const char *sql,
                                GVariant   *params)
{
  g_autoptr(JsonArray) rows = gx_customer_query_rows (db, sql, params, NULL);

  if (rows == NULL || json_array_get_length (rows) == 0)
    return NULL;

  return json_object_ref (json_array_get_object_element (rows, 0));
}

const char *
_gx_customer_profile_get (GxCustomerProfile *self,
                          const char        *field)
{
  if (self->record == NULL || !json_object_has_member (self->record, field) ||
      json_object_get_null_member (self->record, field))
    return NULL;

  return json_object_get_string_member (self->record, field);
}

static gint64
get_int (JsonObject *object,
         const char *field)
{
  if (object == NULL || !json_object_has_member (object, field) || json_object_get_null_member (object, field))
    return 0;

  return json_object_get_int_member (object, field);
}

static const char *
get_str (JsonObject *object,
         const char *field)
{
  if (object == NULL || !json_object_has_member (object, field) || json_object_get_null_member (object, field))
    return NULL;

  return json_object_get_string_member (object, field);
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  gboolean empty = text == NULL || *text == '\0';

  adw_action_row_set_subtitle (row, empty ? _("Not recorded") : text);
}

/* Rows added to a group for the current customer; removed before the next fill. */
static void
clear_rows (GxCustomerProfile    *self,
            AdwPreferencesGroup  *group)
{
  for (guint i = self->dynamic_rows->len; i > 0; i--)
    {
      GtkWidget *row = g_ptr_array_index (self->dynamic_rows, i - 1);

      if (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP) == GTK_WIDGET (group))
        {
          adw_preferences_group_remove (group, row);
          g_ptr_array_remove_index (self->dynamic_rows, i - 1);
        }
    }
}

static AdwActionRow *
add_row (GxCustomerProfile   *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->dynamic_rows, row);
  return ADW_ACTION_ROW (row);
}

static void
add_empty_row (GxCustomerProfile   *self,
               AdwPreferencesGroup *group,
               const char          *text)
{
  AdwActionRow *row = add_row (self, group, text, NULL);

  gtk_widget_add_css_class (GTK_WIDGET (row), "dim-label");
}

static char *
format_when (GxCustomerProfile *self,
             gint64             at)
{
  return gx_format_date_time (at, gx_clock_get_timezone (gx_context_get_clock (self->context)));
}

static void
fill_header (GxCustomerProfile *self)
{
  const char *level = _gx_customer_profile_get (self, "confidentiality");
  const char *tier = _gx_customer_profile_get (self, "tier_id");
  g_autofree char *today = gx_clock_dup_today (gx_context_get_clock (self->context));
  const char *follow_up = _gx_customer_profile_get (self, "follow_up_on");
  GxFollowUp state = gx_follow_up_state (follow_up, today);
  g_autofree char *follow_text = gx_follow_up_format (follow_up, today);
  g_autoptr(GString) subtitle = g_string_new (_gx_customer_profile_get (self, "number"));
  gboolean archived = get_int (self->record, "archived_at") != 0;
  const char *style;

  gtk_label_set_label (self->title_label, _gx_customer_profile_get (self, "name"));

  gtk_widget_set_visible (GTK_WIDGET (self->level_badge), g_strcmp0 (level, "ordinary") != 0);
  gtk_label_set_label (self->level_badge, gx_vocab_label (GX_VOCAB_CONFIDENTIALITY, level));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->level_badge), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gx_vocab_label (GX_VOCAB_CONFIDENTIALITY, level), -1);

  gtk_widget_set_visible (GTK_WIDGET (self->tier_badge), tier != NULL);
  gtk_label_set_label (self->tier_badge, gx_vocab_index (GX_VOCAB_TIER, tier) >= 0
                                           ? gx_vocab_label (GX_VOCAB_TIER, tier)
                                           : _gx_customer_profile_get (self, "tier_name"));
  gtk_widget_set_visible (GTK_WIDGET (self->archived_badge), archived);

  gtk_widget_set_visible (GTK_WIDGET (self->erased_label), get_int (self->record, "erased_at") != 0);
  if (get_int (self->record, "erased_at") != 0)
    {
      g_autofree char *when = format_when (self, get_int (self->record, "erased_at"));
      /* Translators: %s is a date and time */
      g_autofree char *text = g_strdup_printf (_("The person’s data was erased on request on %s. Complaint records are kept, anonymised."), when);
      gtk_label_set_label (self->erased_label, text);
    }
  else if (_gx_customer_profile_get (self, "merged_into") != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->erased_label), TRUE);
      gtk_label_set_label (self->erased_label, _("This profile was merged into another one and is archived; undo the merge from that profile."));
    }

  g_string_append_printf (subtitle, " · %s · %s",
                          gx_vocab_label (GX_VOCAB_CUSTOMER_KIND, _gx_customer_profile_get (self, "kind")),
                          gx_vocab_label (GX_VOCAB_STAGE, _gx_customer_profile_get (self, "stage")));
  if (get_int (self->record, "at_risk"))
    g_string_append_printf (subtitle, " · %s", _("At risk"));
  gtk_label_set_label (self->subtitle_label, subtitle->str);

  gtk_widget_set_visible (GTK_WIDGET (self->follow_up_label), state != GX_FOLLOW_UP_NONE);
  if (state != GX_FOLLOW_UP_NONE)
    {
      /* Translators: %s is "Due today", "Overdue since Nov 20, 2026" or a date */
      g_autofree char *text = g_strdup_printf (_("Follow-up: %s"), follow_text);
      gtk_label_set_label (self->follow_up_label, text);
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->follow_up_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->follow_up_label), "error");
  style = gx_follow_up_style_class (state);
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->follow_up_label), style);
}

static void
fill_identity (GxCustomerProfile *self)
{
  const char *id_number = _gx_customer_profile_get (self, "id_number");
  const char *verification = _gx_customer_profile_get (self, "verification");
  g_autofree char *masked = gx_mask_id_number (id_number);
  const char *accounts = _gx_customer_profile_get (self, "accounts");
  g_autofree char *masked_accounts = gx_mask_accounts (accounts);
  g_autofree char *birthday = gx_format_iso_date (_gx_customer_profile_get (self, "birthday"));
  g_autofree char *id_text = NULL;

  set_subtitle (self->number_row, _gx_customer_profile_get (self, "number"));
  set_subtitle (self->kind_row, gx_vocab_label (GX_VOCAB_CUSTOMER_KIND, _gx_customer_profile_get (self, "kind")));

  if (id_number != NULL && *id_number != '\0')
    id_text = g_strdup_printf ("%s · %s",
                               gx_vocab_label (GX_VOCAB_ID_TYPE, _gx_customer_profile_get (self, "id_type")),
                               self->revealed ? id_number : masked);
  set_subtitle (self->id_row, id_text);
  gtk_widget_set_visible (GTK_WIDGET (self->reveal_button), id_number != NULL && *id_number != '\0');
  gtk_button_set_label (self->reveal_button, self->revealed ? _("_Hide") : _("_Reveal"));

  /* Account numbers are masked like the ID number, and revealed with it. */
  set_subtitle (self->accounts_row, self->revealed ? accounts : masked_accounts);
  gtk_widget_set_visible (GTK_WIDGET (self->reveal_accounts_button), accounts != NULL && *accounts != '\0');
  gtk_button_set_label (self->reveal_accounts_button, self->revealed ? _("Hide") : _("Reveal"));

  set_subtitle (self->birthday_row, birthday);
  set_subtitle (self->gender_row, gx_vocab_label (GX_VOCAB_GENDER, _gx_customer_profile_get (self, "gender")));

  if (verification != NULL && *verification != '\0')
    {
      g_autofree char *when = format_when (self, get_int (self->record, "verified_at"));
      g_autofree char *text = g_strdup_printf ("%s · %s", verification, when);
      set_subtitle (self->verified_row, text);
    }
  else
    set_subtitle (self->verified_row, NULL);
}

static void
fill_contacts (GxCustomerProfile *self,
               GxDb              *db)
{
  g_autoptr(JsonArray) rows = NULL;
  const char *channel = _gx_customer_profile_get (self, "preferred_channel");
  const char *when = _gx_customer_profile_get (self, "preferred_time");

  clear_rows (self, self->contacts_group);
  rows = gx_customer_query_rows (db,
                                 "SELECT kind, label, value, is_primary FROM customer_contacts WHERE customer_id = ?"
                                 " ORDER BY CASE kind WHEN 'mobile' THEN 0 WHEN 'landline' THEN 1 WHEN 'email' THEN 2"
                                 " WHEN 'wechat' THEN 3 ELSE 4 END, is_primary DESC, value",
                                 g_variant_new ("(s)", self->customer_id), NULL);

  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *label = get_str (row, "label");
      g_autoptr(GString) title = g_string_new (gx_vocab_label (GX_VOCAB_CONTACT_KIND, get_str (row, "kind")));

      if (label != NULL && *label != '\0')
        g_string_append_printf (title, " (%s)", label);
      if (get_int (row, "is_primary"))
        g_string_append_printf (title, " · %s", _("Primary"));
      add_row (self, self->contacts_group, title->str, get_str (row, "value"));
    }
  if (rows == NULL || json_array_get_length (rows) == 0)
    add_empty_row (self, self->contacts_group, _("No phone, e-mail or address recorded"));

  if (channel != NULL || (when != NULL && *when != '\0'))
    {
      g_autofree char *text = g_strdup_printf ("%s%s%s", channel ? gx_vocab_label (GX_VOCAB_CONTACT_CHANNEL, channel) : "",
                                               channel && when && *when ? " · " : "", when ? when : "");
      add_row (self, self->contacts_group, _("Preferred channel and time"), text);
    }
}

static void
fill_relationship (GxCustomerProfile *self,
                   GxDb              *db)
{
  const char *tier = _gx_customer_profile_get (self, "tier_id");
  const char *company = _gx_customer_profile_get (self, "company");
  const char *industry = _gx_customer_profile_get (self, "industry");
  const char *job = _gx_customer_profile_get (self, "job_title");
  g_autofree char *since = gx_format_iso_date (_gx_customer_profile_get (self, "customer_since"));
  g_autoptr(GString) work = g_string_new (company ? company : "");
  gint64 last = get_int (self->record, "last_contact_at");
  g_autofree char *last_text = last ? format_when (self, last) : g_strdup (_("Never"));
  g_autofree char *stage = g_strdup (gx_vocab_label (GX_VOCAB_STAGE, _gx_customer_profile_get (self, "stage")));

  if (get_int (self->record, "at_risk"))
    {
      g_autofree char *with_risk = g_strdup_printf ("%s · %s", stage, _("At risk"));
      g_free (stage);
      stage = g_steal_pointer (&with_risk);
    }
  set_subtitle (self->stage_row, stage);
  set_subtitle (self->tier_row, tier == NULL ? NULL
                                : gx_vocab_index (GX_VOCAB_TIER, tier) >= 0 ? gx_vocab_label (GX_VOCAB_TIER, tier)
                                : _gx_customer_profile_get (self, "tier_name"));
  set_subtitle (self->owner_row, _gx_customer_profile_get (self, "owner_name"));
  set_subtitle (self->assets_row, gx_vocab_label (GX_VOCAB_ASSETS_BAND, _gx_customer_profile_get (self, "assets_band")));

  if (industry != NULL && *industry != '\0')
    g_string_append_printf (work, "%s%s", work->len ? " · " : "", industry);
  if (job != NULL && *job != '\0')
    g_string_append_printf (work, "%s%s", work->len ? " · " : "", job);
  set_subtitle (self->company_row, work->str);
  set_subtitle (self->since_row, since);
  set_subtitle (self->last_contact_row, last_text);
}

static void
fill_interests (GxCustomerProfile *self,
                GxDb              *db)
{
  g_autofree char *interests = gx_db_query_string (db,
                                                   "SELECT group_concat (interest, '、') FROM"
                                                   " (SELECT interest FROM customer_interests WHERE customer_id = ? ORDER BY interest)",
                                                   g_variant_new ("(s)", self->customer_id), NULL);
  g_autofree char *circles = gx_db_query_string (db,
                                                 "SELECT group_concat (ci.name, '、') FROM memberships m"
                                                 " JOIN membership_circles mc ON mc.membership_id = m.id"
                                                 " JOIN circles ci ON ci.id = mc.circle_id WHERE m.customer_id = ?",
                                                 g_variant_new ("(s)", self->customer_id), NULL);

  set_subtitle (self->interests_row, interests);
  set_subtitle (self->circles_row, circles);
}

static void
on_link_activated_cb (GxCustomerProfile *self,
                      AdwActionRow      *row)
{
  const char *other = g_object_get_data (G_OBJECT (row), "customer-id");

  g_signal_emit (self, signals[OPEN_CUSTOMER], 0, other);
}

static void
fill_links (GxCustomerProfile *self,
            GxDb              *db)
{
  g_autoptr(JsonArray) rows = NULL;

  clear_rows (self, self->links_group);
  rows = gx_customer_query_rows (db,
                                 "SELECT l.id, l.kind, l.relation, l.note, o.id AS other_id, o.name, 1 AS outgoing"
                                 "  FROM customer_links l JOIN customers o ON o.id = l.other_id WHERE l.customer_id = ?1"
                                 " UNION ALL "
                                 "SELECT l.id, l.kind, l.relation, l.note, o.id AS other_id, o.name, 0 AS outgoing"
                                 "  FROM customer_links l JOIN customers o ON o.id = l.customer_id WHERE l.other_id = ?1"
                                 " ORDER BY 2, 6",
                                 g_variant_new ("(s)", self->customer_id), NULL);

  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      gboolean outgoing = get_int (row, "outgoing") != 0;
      const char *relation = get_str (row, "relation");
      const char *note = get_str (row, "note");
      g_autofree char *subtitle = NULL;
      GtkWidget *remove;
      AdwActionRow *action_row;
      const char *what;

      if (g_strcmp0 (get_str (row, "kind"), "referral") == 0)
        what = outgoing ? _("Referral: introduced by this customer") : _("Referral: introduced this customer");
      else
        what = gx_vocab_label (GX_VOCAB_RELATION, outgoing ? relation : gx_customer_inverse_relation (relation));

      subtitle = note != NULL && *note != '\0' ? g_strdup_printf ("%s · %s", what, note) : g_strdup (what);
      action_row = add_row (self, self->links_group, get_str (row, "name"), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (action_row), TRUE);
      g_object_set_data_full (G_OBJECT (action_row), "customer-id", g_strdup (get_str (row, "other_id")), g_free);
      g_signal_connect_object (action_row, "activated", G_CALLBACK (on_link_activated_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (action_row, gtk_image_new_from_icon_name ("go-next-symbolic"));

      remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove the Link"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove the link"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "profile.remove-link");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", get_str (row, "id"));
      adw_action_row_add_suffix (action_row, remove);
    }
  if (rows == NULL || json_array_get_length (rows) == 0)
    add_empty_row (self, self->links_group, _("No family members or referrals linked"));
}

static void
fill_notes (GxCustomerProfile *self)
{
  const char *notes = _gx_customer_profile_get (self, "notes");

  set_subtitle (self->tags_row, _gx_customer_profile_get (self, "tags"));
  gtk_label_set_label (self->notes_label, notes != NULL && *notes != '\0' ? notes : _("No notes."));
}

static void
fill_log (GxCustomerProfile *self,
          GxDb              *db)
{
  g_autoptr(JsonArray) rows = NULL;
  g_autofree char *today = gx_clock_dup_today (gx_context_get_clock (self->context));

  clear_rows (self, self->log_group);
  rows = gx_customer_query_rows (db,
                                 "SELECT l.at, l.channel, l.place, l.subject, l.served, l.follow_up_on, l.follow_up_done,"
                                 "       u.display_name AS staff"
                                 "  FROM contact_log l LEFT JOIN users u ON u.id = l.staff_id"
                                 " WHERE l.customer_id IN (SELECT ?1 UNION ALL SELECT id FROM customers WHERE merged_into = ?1)"
                                 " ORDER BY l.at DESC, l.id DESC LIMIT 50",
                                 g_variant_new ("(s)", self->customer_id), NULL);

  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *when = format_when (self, get_int (row, "at"));
      g_autoptr(GString) title = g_string_new (when);
      g_autoptr(GString) subtitle = g_string_new (get_str (row, "subject"));
      const char *place = get_str (row, "place");
      const char *served = get_str (row, "served");
      const char *staff = get_str (row, "staff");
      const char *follow_up = get_str (row, "follow_up_on");
      AdwActionRow *action_row;

      g_string_append_printf (title, " · %s", gx_vocab_label (GX_VOCAB_CONTACT_CHANNEL, get_str (row, "channel")));
      if (place != NULL && *place != '\0')
        g_string_append_printf (title, " · %s", place);
      if (served != NULL && *served != '\0')
        g_string_append_printf (subtitle, "%s%s", subtitle->len ? " — " : "", served);
      if (staff != NULL)
        g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", staff);

      action_row = add_row (self, self->log_group, title->str, subtitle->str);
      adw_action_row_set_subtitle_lines (action_row, 3);

      /* Only the newest entry's follow-up is open: the next contact closes it. */
      if (follow_up != NULL && i == 0 && !get_int (row, "follow_up_done"))
        {
          GxFollowUp state = gx_follow_up_state (follow_up, today);
          g_autofree char *text = gx_follow_up_format (follow_up, today);
          g_autofree char *label_text = g_strdup_printf (_("Follow-up: %s"), text);
          GtkWidget *label = gtk_label_new (label_text);

          if (gx_follow_up_style_class (state) != NULL)
            gtk_widget_add_css_class (label, gx_follow_up_style_class (state));
          adw_action_row_add_suffix (action_row, label);
        }
    }
  if (rows == NULL || json_array_get_length (rows) == 0)
    add_empty_row (self, self->log_group, _("No contact recorded yet"));
}

static const struct {
  const char *field;
  const char *label;
} field_labels[] = {
  { "name", N_("Name") },
  { "kind", N_("Kind") },
  { "id_type", N_("ID type") },
  { "id_number", N_("ID number") },
  { "accounts", N_("Accounts") },
  { "birthday", N_("Birthday") },
  { "gender", N_("Gender") },
  { "value", N_("Contact") },
  { "stage", N_("Stage") },
  { "tier_id", N_("Service tier") },
  { "owner_id", N_("Relationship manager") },
  { "confidentiality", N_("Confidentiality") },
  { "notes", N_("Notes") },
  { "tags", N_("Tags") },
  { "company", N_("Company") },
  { "archived_at", N_("Archived") },
};

static const char *
field_label (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_strcmp0 (field_labels[i].field, field) == 0)
      return _(field_labels[i].label);
  return field;
}

static char *
history_value (const char *field,
               const char *value)
{
  if (value == NULL || *value == '\0')
    return g_strdup ("—");
  /* Sensitive numbers stay masked in the register too. */
  if (g_strcmp0 (field, "id_number") == 0)
    return gx_mask_id_number (value);
  if (g_strcmp0 (field, "accounts") == 0)
    return gx_mask_accounts (value);
  if (g_strcmp0 (field, "stage") == 0)
    return g_strdup (gx_vocab_label (GX_VOCAB_STAGE, value));
  if (g_strcmp0 (field, "confidentiality") == 0)
    return g_strdup (gx_vocab_label (GX_VOCAB_CONFIDENTIALITY, value));
  if (g_strcmp0 (field, "kind") == 0)
    return g_strdup (gx_vocab_label (GX_VOCAB_CUSTOMER_KIND, value));
  if (g_strcmp0 (field, "gender") == 0)
    return g_strdup (gx_vocab_label (GX_VOCAB_GENDER, value));
  if (g_strcmp0 (field, "archived_at") == 0 || g_strcmp0 (field, "updated_at") == 0)
    return g_strdup (_("yes"));
  return g_strdup (value);
}

static void
fill_history (GxCustomerProfile *self,
              GxDb              *db)
{
  g_autoptr(JsonArray) rows = NULL;

  clear_rows (self, self->history_group);
  rows = gx_customer_query_rows (db,
                                 "SELECT h.at, h.field, h.old_value, h.new_value, h.verification, u.display_name AS who"
                                 "  FROM change_log h LEFT JOIN users u ON u.id = h.user_id"
                                 " WHERE h.customer_id IN (SELECT ?1 UNION ALL SELECT id FROM customers WHERE merged_into = ?1)"
                                 "   AND h.field NOT IN ('updated_at', 'created_at')"
                                 " ORDER BY h.at DESC, h.id DESC LIMIT 30",
                                 g_variant_new ("(s)", self->customer_id), NULL);
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *field = get_str (row, "field");
      g_autofree char *old_value = history_value (field, get_str (row, "old_value"));
      g_autofree char *new_value = history_value (field, get_str (row, "new_value"));
      g_autofree char *title = g_strdup_printf ("%s: %s → %s", field_label (field), old_value, new_value);
      g_autofree char *when = format_when (self, get_int (row, "at"));
      g_autoptr(GString) subtitle = g_string_new (when);
      const char *who = get_str (row, "who");
      const char *verification = get_str (row, "verification");

      if (who != NULL)
        g_string_append_printf (subtitle, " · %s", who);
      if (verification != NULL && *verification != '\0')
        /* Translators: how the customer's identity was verified */
        g_string_append_printf (subtitle, " · %s", verification);
      add_row (self, self->history_group, title, subtitle->str);
    }
  if (rows == NULL || json_array_get_length (rows) == 0)
    add_empty_row (self, self->history_group, _("No changes registered"));
}

static void
fill_merges (GxCustomerProfile *self,
             GxDb              *db)
{
  g_autoptr(JsonArray) rows = NULL;

  clear_rows (self, self->merges_group);
  rows = gx_customer_query_rows (db,
                                 "SELECT m.id, m.at, m.reason, c.name, c.number, u.display_name AS who,"
                                 "       json_array_length (m.moved) AS n_moved"
                                 "  FROM customer_merges m JOIN customers c ON c.id = m.merged_id"
                                 "  LEFT JOIN users u ON u.id = m.user_id"
                                 " WHERE m.survivor_id = ? AND m.undone_at IS NULL ORDER BY m.at DESC",
                                 g_variant_new ("(s)", self->customer_id), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->merges_group), rows != NULL && json_array_get_length (rows) > 0);

  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *title = g_strdup_printf ("%s · %s", get_str (row, "name"), get_str (row, "number"));
      g_autofree char *when = format_when (self, get_int (row, "at"));
      g_autofree char *moved = g_strdup_printf ("%" G_GINT64_FORMAT, get_int (row, "n_moved"));
      /* Translators: when, who, how many records moved, and why */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s · %s records moved · %s"), when,
                                                   get_str (row, "who") ? get_str (row, "who") : _("Unknown user"),
                                                   moved, get_str (row, "reason"));
      AdwActionRow *action_row = add_row (self, self->merges_group, title, subtitle);
      GtkWidget *undo = gtk_button_new_with_mnemonic (_("_Unmerge"));

      gtk_widget_set_valign (undo, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (undo, _("Undo this merge: what moved goes back to the duplicate"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (undo), "profile.unmerge");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (undo), "s", get_str (row, "id"));
      adw_action_row_add_suffix (action_row, undo);
    }
}

static const char *
access_action_label (const char *action)
{
  if (g_strcmp0 (action, "open") == 0)
    return _("Opened");
  if (g_strcmp0 (action, "reveal") == 0)
    return _("Revealed");
  if (g_strcmp0 (action, "print") == 0)
    return _("Printed");
  if (g_strcmp0 (action, "export") == 0)
    return _("Exported");
  return action;
}

static void
fill_access (GxCustomerProfile *self,
             GxDb              *db)
{
  g_autoptr(JsonArray) rows = NULL;
  gboolean visible = gx_visibility_may_read_audit (gx_context_get_role (self->context));

  clear_rows (self, self->access_group);
  gtk_widget_set_visible (GTK_WIDGET (self->access_group), visible);
  if (!visible)
    return;

  rows = gx_customer_query_rows (db,
                                 "SELECT a.at, a.action, a.field, a.reason, u.display_name AS who"
                                 "  FROM access_log a LEFT JOIN users u ON u.id = a.user_id"
                                 " WHERE a.customer_id IN (SELECT ?1 UNION ALL SELECT id FROM customers WHERE merged_into = ?1)"
                                 " ORDER BY a.at DESC, a.id DESC LIMIT 50",
                                 g_variant_new ("(s)", self->customer_id), NULL);
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *who = get_str (row, "who");
      const char *reason = get_str (row, "reason");
      g_autofree char *title = g_strdup_printf ("%s · %s", access_action_label (get_str (row, "action")),
                                                who ? who : _("Unknown user"));
      g_autofree char *when = format_when (self, get_int (row, "at"));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", when, reason && *reason ? reason : _("No reason given"));

      add_row (self, self->access_group, title, subtitle);
    }
  if (rows == NULL || json_array_get_length (rows) == 0)
    add_empty_row (self, self->access_group, _("Nobody has opened this profile under the register yet"));
}

static void
update_actions (GxCustomerProfile *self)
{
  gboolean have = self->record != NULL;
  gboolean archived = have && get_int (self->record, "archived_at") != 0;
  gboolean erased = have && get_int (self->record, "erased_at") != 0;
  gboolean merged = have && _gx_customer_profile_get (self, "merged_into") != NULL;
  gboolean may_erase = self->context != NULL && gx_visibility_may_erase (gx_context_get_role (self->context));
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "profile.edit", have && !erased && !merged);
  gtk_widget_action_set_enabled (widget, "profile.add-contact", have && !archived);
  gtk_widget_action_set_enabled (widget, "profile.add-link", have && !archived);
  gtk_widget_action_set_enabled (widget, "profile.reveal", have);
  gtk_widget_action_set_enabled (widget, "profile.print", have);
  gtk_widget_action_set_enabled (widget, "profile.save-pdf", have);
  gtk_widget_action_set_enabled (widget, "profile.archive", have && !archived);
  gtk_widget_action_set_enabled (widget, "profile.unarchive", archived && !erased && !merged);
  gtk_widget_action_set_enabled (widget, "profile.delete", have);
  gtk_widget_action_set_enabled (widget, "profile.merge", have && !archived);
  /* Erasing is irreversible: supervisors decide it (DOMAIN.md rule 3). */
  gtk_widget_action_set_enabled (widget, "profile.erase", have && !erased && !merged && may_erase);
  gtk_widget_action_set_enabled (widget, "profile.export-data", have && !erased);
}

void
_gx_customer_profile_reload (GxCustomerProfile *self)
{
  GxDb *db = gx_store_get_main_reader (gx_context_get_store (self->context));

  g_clear_pointer (&self->record, json_object_unref);
  if (self->customer_id != NULL)
    self->record = _gx_customer_profile_first_row (db,
                                                   "SELECT c.*, t.name AS tier_name, u.display_name AS owner_name"
                                                   "  FROM customers c LEFT JOIN tiers t ON t.id = c.tier_id"
                                                   "  LEFT JOIN users u ON u.id = c.owner_id WHERE c.id = ?",
                                                   g_variant_new ("(s)", self->customer_id));
  update_actions (self);
  if (self->record == NULL)
    {
      /* Deleted (here or at another desk): nothing left to show. */
      if (self->customer_id != NULL)
        g_signal_emit (self, signals[GONE], 0);
      return;
    }

  fill_header (self);
  fill_identity (self);
  fill_contacts (self, db);
  fill_relationship (self, db);
  fill_interests (self, db);
  fill_links (self, db);
  fill_notes (self);
  fill_log (self, db);
  gx_customer_cases_set_customer_id (self->cases, self->customer_id);
  gx_customer_club_group_set_customer_id (self->club, self->customer_id);
  fill_merges (self, db);
  fill_history (self, db);
  fill_access (self, db);
}

static gboolean
reload_idle_cb (gpointer data)
{
  GxCustomerProfile *self = data;

  self->reload_source = 0;
  _gx_customer_profile_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (GxCustomerProfile *self,
                     const char        *table,
                     GxStore           *store)
{
  if (self->customer_id == NULL || !g_strv_contains (watched_tables, table))
    return;

  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle_cb, self);
}

/* Public API */

/**
 * gx_customer_profile_show:
 * @self: a #GxCustomerProfile
 * @customer_id: (nullable): the customer to show
 * @reason: (nullable): why the user opened it, for the access register of what follows
 *   (reveal, print, export)
 *
 * Shows @customer_id. The caller has checked that the user may read it and registered the
 * opening.
 */
void
gx_customer_profile_show (GxCustomerProfile *self,
                          const char        *customer_id,
                          const char        *reason)
{
  g_return_if_fail (GX_IS_CUSTOMER_PROFILE (self));

  if (g_strcmp0 (self->customer_id, customer_id) != 0)
    self->revealed = FALSE;

  g_free (self->customer_id);
  self->customer_id = g_strdup (customer_id);
  g_free (self->reason);
  self->reason = g_strdup (reason);

  _gx_customer_profile_reload (self);
}

const char *
gx_customer_profile_get_customer_id (GxCustomerProfile *self)
{
  g_return_val_if_fail (GX_IS_CUSTOMER_PROFILE (self), NULL);

  return self->customer_id;
}

gboolean
gx_customer_profile_get_revealed (GxCustomerProfile *self)
{
  g_return_val_if_fail (GX_IS_CUSTOMER_PROFILE (self), FALSE);

  return self->revealed;
}

/* GObject */

static void
gx_customer_profile_dispose (GObject *object)
{
  GxCustomerProfile *self = (GxCustomerProfile *) object;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GX_TYPE_CUSTOMER_PROFILE);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (gx_customer_profile_parent_class)->dispose (object);
}

static void
gx_customer_profile_finalize (GObject *object)
{
  GxCustomerProfile *self = (GxCustomerProfile *) object;

  g_clear_pointer (&self->record, json_object_unref);
  g_clear_pointer (&self->dynamic_rows, g_ptr_array_unref);
  g_free (self->customer_id);
  g_free (self->reason);

  G_OBJECT_CLASS (gx_customer_profile_parent_class)->finalize (object);
}

static void
gx_customer_profile_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GxCustomerProfile *self = GX_CUSTOMER_PROFILE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_customer_profile_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GxCustomerProfile *self = GX_CUSTOMER_PROFILE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_assert (self->context == NULL);
      self->context = g_value_dup_object (value);
      if (self->context != NULL)
        {
          g_signal_connect_object (gx_context_get_store (self->context), "changed",
                                   G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

          /* The complaints and club places' own groups: their rows open the case or the
           * membership there. */
          self->cases = GX_CUSTOMER_CASES (gx_customer_cases_new (self->context));
          adw_preferences_group_add (self->cases_group, GTK_WIDGET (self->cases));
          self->club = GX_CUSTOMER_CLUB_GROUP (gx_customer_club_group_new (self->context));
          adw_preferences_group_add (self->club_group, GTK_WIDGET (self->club));
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_customer_profile_class_init (GxCustomerProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gx_customer_profile_dispose;
  object_class->finalize = gx_customer_profile_finalize;
  object_class->get_property = gx_customer_profile_get_property;
  object_class->set_property = gx_customer_profile_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, GX_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GxCustomerProfile::open-customer:
   * @self: the profile
   * @customer_id: a linked customer
   *
   * The user asked to open a family member's or referral's profile.
   */
  signals[OPEN_CUSTOMER] =
    g_signal_new ("open-customer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * GxCustomerProfile::gone:
   * @self: the profile
   *
   * The customer shown was deleted: the profile has nothing left to show.
   */
  signals[GONE] =
    g_signal_new ("gone", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gx-customer-profile.ui");
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, page);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, title_label);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, level_badge);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, tier_badge);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, archived_badge);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, erased_label);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, follow_up_label);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, number_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, kind_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, id_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, reveal_accounts_button);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, accounts_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, birthday_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, gender_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, verified_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, contacts_group);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, stage_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, tier_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, owner_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, assets_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, company_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, since_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, last_contact_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, interests_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, circles_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, links_group);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, tags_row);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, notes_label);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, log_group);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, cases_group);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, club_group);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, merges_group);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, history_group);
  gtk_widget_class_bind_template_child (widget_class, GxCustomerProfile, access_group);

  _gx_customer_profile_install_actions (widget_class);
}

static void
gx_customer_profile_init (GxCustomerProfile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->dynamic_rows = g_ptr_array_new ();
  update_actions (self);
}
