/* gx-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-enums"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gx-enums.h"

static const GxVocabEntry customer_kinds[] = {
  { "individual", N_("Individual") },
  { "enterprise", N_("Enterprise") },
  { "government", N_("Government or association") },
  { "intermediary", N_("Intermediary") },
};

static const GxVocabEntry stages[] = {
  { "prospect", N_("Prospect") },
  { "customer", N_("Customer") },
  { "client", N_("Client") },
  { "supporter", N_("Supporter") },
  { "advocate", N_("Advocate") },
  { "partner", N_("Partner") },
};

static const GxVocabEntry confidentiality[] = {
  { "ordinary", N_("Ordinary") },
  { "secret", N_("Secret") },
  { "confidential", N_("Confidential") },
  { "top_secret", N_("Top secret") },
};

static const GxVocabEntry roles[] = {
  { "desk", N_("Customer manager") },
  { "relationship", N_("Relationship manager") },
  { "supervisor", N_("Supervisor") },
  { "admin", N_("Administrator") },
};

static const GxVocabEntry genders[] = {
  { "female", N_("Female") },
  { "male", N_("Male") },
};

static const GxVocabEntry id_types[] = {
  { "resident", N_("Resident ID card") },
  { "passport", N_("Passport") },
  { "hk_macao", N_("Hong Kong/Macao permit") },
  { "taiwan", N_("Taiwan permit") },
  { "business_license", N_("Business licence") },
  { "org_code", N_("Organisation code") },
  { "other", N_("Other") },
};

static const GxVocabEntry assets_bands[] = {
  { "under_1m", N_("Under ¥1 million") },
  { "1m_6m", N_("¥1–6 million") },
  { "6m_30m", N_("¥6–30 million") },
  { "30m_100m", N_("¥30–100 million") },
  { "over_100m", N_("Over ¥100 million") },
};

static const GxVocabEntry contact_channels[] = {
  { "phone", N_("Phone") },
  { "visit", N_("Visit") },
  { "counter", N_("Counter") },
  { "wechat", N_("WeChat") },
  { "email", N_("E-mail") },
  { "sms", N_("SMS") },
  { "letter", N_("Letter") },
  { "event", N_("Event") },
  { "other", N_("Other") },
};

static const GxVocabEntry case_channels[] = {
  { "hotline", N_("Service hotline") },
  { "counter", N_("Counter") },
  { "letter", N_("Letter") },
  { "visit", N_("In-person visit") },
  { "web", N_("Web") },
  { "email", N_("E-mail") },
  { "sms", N_("SMS") },
  { "social", N_("Social media") },
  { "regulator", N_("Regulator") },
  { "mayor_hotline", N_("Mayor’s hotline") },
  { "media", N_("Media") },
};

static const GxVocabEntry case_statuses[] = {
  { "received", N_("Received") },
  { "acknowledged", N_("Acknowledged") },
  { "assessed", N_("Assessed") },
  { "investigating", N_("Investigating") },
  { "waiting_customer", N_("Waiting for customer") },
  { "waiting_department", N_("Waiting for department") },
  { "response_drafted", N_("Response drafted") },
  { "in_review", N_("In review") },
  { "communicated", N_("Decision communicated") },
  { "return_visit", N_("Return visit") },
  { "closed", N_("Closed") },
};

static const GxVocabEntry severities[] = {
  { "low", N_("Low") },
  { "medium", N_("Medium") },
  { "high", N_("High") },
  { "critical", N_("Critical") },
};

static const GxVocabEntry activity_kinds[] = {
  { "golf", N_("Golf") },
  { "wine", N_("Wine") },
  { "luxury", N_("Luxury goods") },
  { "car", N_("Test drive") },
  { "art", N_("Culture and art") },
  { "investment", N_("Investment lecture") },
  { "health", N_("Health") },
  { "education", N_("Children’s education") },
  { "other", N_("Other") },
};

static const GxVocabEntry activity_statuses[] = {
  { "planned", N_("Planned") },
  { "scheduled", N_("Scheduled") },
  { "held", N_("Held") },
  { "evaluated", N_("Evaluated") },
  { "cancelled", N_("Cancelled") },
};

static const GxVocabEntry rsvps[] = {
  { "invited", N_("No answer") },
  { "accepted", N_("Accepted") },
  { "declined", N_("Declined") },
  { "tentative", N_("Tentative") },
  { "waitlisted", N_("Waitlisted") },
  { "offered", N_("Place offered") },
  { "cancelled", N_("Cancelled") },
};

static const GxVocabEntry member_states[] = {
  { "applicant", N_("Applicant") },
  { "active", N_("Active") },
  { "grace", N_("Grace") },
  { "lapsed", N_("Lapsed") },
  { "suspended", N_("Suspended") },
  { "cancelled", N_("Cancelled") },
};

static const GxVocabEntry points_kinds[] = {
  { "earn", N_("Earned") },
  { "redeem", N_("Redeemed") },
  { "expire", N_("Expired") },
  { "adjust", N_("Adjusted") },
};

static const GxVocabEntry relations[] = {
  { "spouse", N_("Spouse") },
  { "child", N_("Child") },
  { "parent", N_("Parent") },
  { "sibling", N_("Sibling") },
  { "relative", N_("Relative") },
  { "friend", N_("Friend") },
  { "colleague", N_("Colleague") },
  { "referred", N_("Referred") },
  { "other", N_("Other") },
};

/* Reference data the seeds name: rows with these ids show a translated label; rows an
 * organisation adds show their stored name. */
static const GxVocabEntry tiers[] = {
  { "diamond", N_("Diamond") },
  { "gold", N_("Gold") },
  { "silver", N_("Silver") },
  { "basic", N_("Basic") },
};

static const GxVocabEntry case_categories[] = {
  { "quality", N_("Product or supply quality") },
  { "attitude", N_("Staff attitude") },
  { "speed", N_("Slow service") },
  { "work_quality", N_("Poor work quality") },
  { "communication", N_("Poor communication") },
  { "billing", N_("Billing") },
  { "other", N_("Other") },
};

static const GxVocabEntry service_factors[] = {
  { "speed", N_("Speed") },
  { "attitude", N_("Attitude") },
  { "result", N_("Result") },
  { "communication", N_("Communication") },
  { "environment", N_("Environment") },
};

/* Complaint handling: impact and urgency of the assessment, how a decision reached the
 * customer, how the return visit was made, the kinds of timeline entries, review outcomes. */
static const GxVocabEntry levels[] = {
  { "low", N_("Low") },
  { "medium", N_("Medium") },
  { "high", N_("High") },
};

static const GxVocabEntry reply_methods[] = {
  { "phone", N_("Phone") },
  { "letter", N_("Letter") },
  { "visit", N_("Visit") },
  { "sms", N_("SMS") },
  { "email", N_("E-mail") },
  { "wechat", N_("WeChat") },
};

static const GxVocabEntry visit_methods[] = {
  { "phone", N_("Phone") },
  { "visit", N_("Visit") },
  { "sms", N_("SMS") },
  { "wechat", N_("WeChat") },
};

static const GxVocabEntry case_events[] = {
  { "status", N_("Status") },
  { "note", N_("Note") },
  { "handoff", N_("Hand-off") },
  { "escalation", N_("Escalation") },
  { "review", N_("Review") },
  { "reopen", N_("Reopened") },
  { "attachment", N_("Attachment") },
  { "notify", N_("First responder informed") },
};

static const GxVocabEntry review_decisions[] = {
  { "approved", N_("Approved") },
  { "sent_back", N_("Sent back") },
};

/* The points expiry rules a club chooses from (gx_points_expiry_for() applies them). */
static const GxVocabEntry points_expiry_rules[] = {
  { "end_of_second_year", N_("End of the following year") },
  { "end_of_year", N_("End of the same year") },
  { "end_of_third_year", N_("End of the third year") },
  { "12_months", N_("12 months after earning") },
  { "24_months", N_("24 months after earning") },
  { "36_months", N_("36 months after earning") },
  { "never", N_("Never") },
};

static const GxVocabEntry waitlist_policies[] = {
  { "in_order", N_("Strictly in order") },
  { "first_fit", N_("First party that fits") },
};

static const GxVocabEntry guest_relations[] = {
  { "friend", N_("Friend") },
  { "spouse", N_("Spouse") },
  { "child", N_("Child") },
  { "parent", N_("Parent") },
  { "colleague", N_("Colleague") },
  { "other", N_("Other") },
};

static const GxVocabEntry contact_kinds[] = {
  { "mobile", N_("Mobile") },
  { "landline", N_("Landline") },
  { "email", N_("E-mail") },
  { "address", N_("Address") },
  { "wechat", N_("WeChat") },
};

static const struct {
  const char         *name;
  const GxVocabEntry *entries;
  guint               n_entries;
} vocabs[N_GX_VOCABS] = {
#define VOCAB(id, name, table) [id] = { name, table, G_N_ELEMENTS (table) }
  VOCAB (GX_VOCAB_CUSTOMER_KIND, "kind", customer_kinds),
  VOCAB (GX_VOCAB_STAGE, "stage", stages),
  VOCAB (GX_VOCAB_CONFIDENTIALITY, "confidentiality", confidentiality),
  VOCAB (GX_VOCAB_ROLE, "role", roles),
  VOCAB (GX_VOCAB_GENDER, "gender", genders),
  VOCAB (GX_VOCAB_ID_TYPE, "id_type", id_types),
  VOCAB (GX_VOCAB_ASSETS_BAND, "assets_band", assets_bands),
  VOCAB (GX_VOCAB_CONTACT_CHANNEL, "channel", contact_channels),
  VOCAB (GX_VOCAB_CASE_CHANNEL, "channel", case_channels),
  VOCAB (GX_VOCAB_CASE_STATUS, "status", case_statuses),
  VOCAB (GX_VOCAB_SEVERITY, "severity", severities),
  VOCAB (GX_VOCAB_ACTIVITY_KIND, "kind", activity_kinds),
  VOCAB (GX_VOCAB_ACTIVITY_STATUS, "status", activity_statuses),
  VOCAB (GX_VOCAB_RSVP, "status", rsvps),
  VOCAB (GX_VOCAB_MEMBER_STATE, "state", member_states),
  VOCAB (GX_VOCAB_POINTS_KIND, "kind", points_kinds),
  VOCAB (GX_VOCAB_RELATION, "relation", relations),
  VOCAB (GX_VOCAB_TIER, "tier", tiers),
  VOCAB (GX_VOCAB_CASE_CATEGORY, "category", case_categories),
  VOCAB (GX_VOCAB_SERVICE_FACTOR, "factor", service_factors),
  VOCAB (GX_VOCAB_LEVEL, "level", levels),
  VOCAB (GX_VOCAB_REPLY_METHOD, "communicated_via", reply_methods),
  VOCAB (GX_VOCAB_VISIT_METHOD, "method", visit_methods),
  VOCAB (GX_VOCAB_CASE_EVENT, "kind", case_events),
  VOCAB (GX_VOCAB_REVIEW_DECISION, "decision", review_decisions),
  VOCAB (GX_VOCAB_POINTS_EXPIRY, "points_expiry", points_expiry_rules),
  VOCAB (GX_VOCAB_CONTACT_KIND, "kind", contact_kinds),
  VOCAB (GX_VOCAB_WAITLIST_POLICY, "waitlist_policy", waitlist_policies),
  VOCAB (GX_VOCAB_GUEST_RELATION, "relation", guest_relations),
#undef VOCAB
};

/**
 * gx_vocab_entries:
 * @vocab: a vocabulary
 * @n_entries: (out): the number of entries
 *
 * Returns: (transfer none) (array length=n_entries): the entries in display order
 */
const GxVocabEntry *
gx_vocab_entries (GxVocab  vocab,
                  guint   *n_entries)
{
  g_return_val_if_fail (vocab < N_GX_VOCABS, NULL);

  *n_entries = vocabs[vocab].n_entries;
  return vocabs[vocab].entries;
}

/**
 * gx_vocab_name:
 * @vocab: a vocabulary
 *
 * Returns: the field name the vocabulary is stored under, for error messages
 */
const char *
gx_vocab_name (GxVocab vocab)
{
  g_return_val_if_fail (vocab < N_GX_VOCABS, NULL);

  return vocabs[vocab].name;
}

/**
 * gx_vocab_index:
 * @vocab: a vocabulary
 * @code: (nullable): a code
 *
 * Returns: the position of @code in @vocab, or -1
 */
int
gx_vocab_index (GxVocab     vocab,
                const char *code)
{
  g_return_val_if_fail (vocab < N_GX_VOCABS, -1);

  if (code == NULL)
    return -1;

  for (guint i = 0; i < vocabs[vocab].n_entries; i++)
    if (strcmp (vocabs[vocab].entries[i].code, code) == 0)
      return (int) i;

  return -1;
}

gboolean
gx_vocab_contains (GxVocab     vocab,
                   const char *code)
{
  return gx_vocab_index (vocab, code) >= 0;
}

/**
 * gx_vocab_label:
 * @vocab: a vocabulary
 * @code: (nullable): a code
 *
 * Returns: (transfer none): the translated label of @code; "" for %NULL, the code itself
 *   when unknown (a newer server may send codes this desk does not know yet)
 */
const char *
gx_vocab_label (GxVocab     vocab,
                const char *code)
{
  int i = gx_vocab_index (vocab, code);

  if (code == NULL)
    return "";
  if (i < 0)
    return code;

  return _(vocabs[vocab].entries[i].label);
}

/**
 * gx_vocab_display_name:
 * @vocab: a vocabulary of reference rows with a stored name (tiers, categories, factors)
 * @code: the row's id
 * @stored_name: (nullable): the name stored in the row
 *
 * Returns: (transfer none): the translated label while the row keeps its reference name,
 *   the stored name once the organisation renamed it or for a row it added
 */
const char *
gx_vocab_display_name (GxVocab     vocab,
                       const char *code,
                       const char *stored_name)
{
  int i = gx_vocab_index (vocab, code);

  if (i >= 0 && (stored_name == NULL || *stored_name == '\0' ||
                 strcmp (stored_name, vocabs[vocab].entries[i].label) == 0))
    return _(vocabs[vocab].entries[i].label);

  return stored_name && *stored_name ? stored_name : (code ? code : "");
}

GxRole
gx_role_from_code (const char *code)
{
  int i = gx_vocab_index (GX_VOCAB_ROLE, code);

  return i < 0 ? GX_ROLE_DESK : (GxRole) i;
}

const char *
gx_role_to_code (GxRole role)
{
  g_return_val_if_fail (role <= GX_ROLE_ADMIN, "desk");

  return roles[role].code;
}

GxConfidentiality
gx_confidentiality_from_code (const char *code)
{
  int i = gx_vocab_index (GX_VOCAB_CONFIDENTIALITY, code);

  /* An unknown level is treated as the strictest: never show more than allowed. */
  return i < 0 ? GX_CONFIDENTIALITY_TOP_SECRET : (GxConfidentiality) i;
}

const char *
gx_confidentiality_to_code (GxConfidentiality level)
{
  g_return_val_if_fail (level <= GX_CONFIDENTIALITY_TOP_SECRET, "top_secret");

  return confidentiality[level].code;
}
