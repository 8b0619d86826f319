/* gx-enums.h: the coded vocabularies of the store and their translated labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gx-types.h"

G_BEGIN_DECLS

/* Each vocabulary is stored and synced as text codes ('individual', 'top_secret', …); these
 * tables are their one list, with the English label marked for translation. */
typedef enum
{
  GX_VOCAB_CUSTOMER_KIND,
  GX_VOCAB_STAGE,
  GX_VOCAB_CONFIDENTIALITY,
  GX_VOCAB_ROLE,
  GX_VOCAB_GENDER,
  GX_VOCAB_ID_TYPE,
  GX_VOCAB_ASSETS_BAND,
  GX_VOCAB_CONTACT_CHANNEL,
  GX_VOCAB_CASE_CHANNEL,
  GX_VOCAB_CASE_STATUS,
  GX_VOCAB_SEVERITY,
  GX_VOCAB_ACTIVITY_KIND,
  GX_VOCAB_ACTIVITY_STATUS,
  GX_VOCAB_RSVP,
  GX_VOCAB_MEMBER_STATE,
  GX_VOCAB_POINTS_KIND,
  GX_VOCAB_RELATION,
  GX_VOCAB_TIER,
  GX_VOCAB_CASE_CATEGORY,
  GX_VOCAB_SERVICE_FACTOR,
  GX_VOCAB_LEVEL,
  GX_VOCAB_REPLY_METHOD,
  GX_VOCAB_VISIT_METHOD,
  GX_VOCAB_CASE_EVENT,
  GX_VOCAB_REVIEW_DECISION,
  GX_VOCAB_POINTS_EXPIRY,
  GX_VOCAB_CONTACT_KIND,
  GX_VOCAB_WAITLIST_POLICY,
  GX_VOCAB_GUEST_RELATION,
  N_GX_VOCABS
} GxVocab;

typedef struct
{
  const char *code;
  const char *label;   /* untranslated; use gx_vocab_label() */
} GxVocabEntry;

const GxVocabEntry *gx_vocab_entries          (GxVocab             vocab,
                                               guint              *n_entries);
const char         *gx_vocab_label            (GxVocab             vocab,
                                               const char         *code);
gboolean            gx_vocab_contains         (GxVocab             vocab,
                                               const char         *code);
int                 gx_vocab_index            (GxVocab             vocab,
                                               const char         *code);
const char         *gx_vocab_name             (GxVocab             vocab);
const char         *gx_vocab_display_name     (GxVocab             vocab,
                                               const char         *code,
                                               const char         *stored_name);

GxRole              gx_role_from_code         (const char         *code);
const char         *gx_role_to_code           (GxRole              role);
GxConfidentiality   gx_confidentiality_from_code (const char      *code);
const char         *gx_confidentiality_to_code   (GxConfidentiality level);

G_END_DECLS
