/* gx-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-search"

#include "config.h"

#include "gx-search.h"

/**
 * gx_search_like_pattern:
 * @text: what the user typed
 *
 * Returns: (transfer full): a LIKE prefix pattern for @text with `%`, `_` and `\` escaped
 *   (use with `ESCAPE '\'`); lower-cased, trimmed
 */
char *
gx_search_like_pattern (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_utf8_strdown (text ? text : "", -1));
  GString *out = g_string_new (NULL);

  for (const char *p = trimmed; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');

  return g_string_free (out, FALSE);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p && *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/**
 * gx_search_customers:
 * @text: (nullable): what the user typed
 * @params: (out) (transfer full) (nullable): the query's parameters
 *
 * Returns: (transfer full): the keys query listing the customers that match @text by name,
 *   pinyin, initials, customer number or phone, in name order
 */
char *
gx_search_customers (const char  *text,
                     GVariant   **params)
{
  g_autofree char *pattern = NULL;

  *params = NULL;
  if (is_blank (text))
    return g_strdup ("SELECT rowid FROM customers WHERE archived_at IS NULL ORDER BY sort_key");

  pattern = gx_search_like_pattern (text);
  *params = g_variant_ref_sink (g_variant_new ("(sssss)", pattern, pattern, pattern, pattern, pattern));
  return g_strdup ("SELECT c.rowid FROM customers c"
                   " WHERE c.archived_at IS NULL"
                   "   AND (c.name LIKE ?1 ESCAPE '\\' OR c.name_pinyin LIKE ?2 ESCAPE '\\'"
                   "        OR replace (c.name_pinyin, ' ', '') LIKE ?3 ESCAPE '\\'"
                   "        OR c.name_initials LIKE ?4 ESCAPE '\\' OR lower (c.number) LIKE ?5 ESCAPE '\\'"
                   "        OR c.id IN (SELECT customer_id FROM customer_contacts WHERE value LIKE ?5 ESCAPE '\\'))"
                   " ORDER BY c.sort_key");
}

/**
 * gx_search_cases:
 * @text: (nullable): what the user typed
 * @params: (out) (transfer full) (nullable): the query's parameters
 *
 * Returns: (transfer full): the keys query listing cases matching @text by case number,
 *   subject or customer name, newest first
 */
char *
gx_search_cases (const char  *text,
                 GVariant   **params)
{
  g_autofree char *pattern = NULL;

  *params = NULL;
  if (is_blank (text))
    return g_strdup ("SELECT rowid FROM cases ORDER BY received_at DESC");

  pattern = gx_search_like_pattern (text);
  *params = g_variant_ref_sink (g_variant_new ("(s)", pattern));
  return g_strdup ("SELECT k.rowid FROM cases k JOIN customers c ON c.id = k.customer_id"
                   " WHERE lower (k.number) LIKE ?1 ESCAPE '\\' OR k.subject LIKE '%' || ?1 ESCAPE '\\'"
                   "    OR c.name LIKE ?1 ESCAPE '\\' OR c.name_pinyin LIKE ?1 ESCAPE '\\' OR c.name_initials LIKE ?1 ESCAPE '\\'"
                   " ORDER BY k.received_at DESC");
}

/**
 * gx_search_members:
 * @text: (nullable): what the user typed
 * @params: (out) (transfer full) (nullable): the query's parameters
 *
 * Returns: (transfer full): the keys query listing memberships matching @text by member
 *   number or member name, by club then member number
 */
char *
gx_search_members (const char  *text,
                   GVariant   **params)
{
  g_autofree char *pattern = NULL;

  *params = NULL;
  if (is_blank (text))
    return g_strdup ("SELECT m.rowid FROM memberships m JOIN customers c ON c.id = m.customer_id"
                     " ORDER BY m.club_id, c.sort_key");

  pattern = gx_search_like_pattern (text);
  *params = g_variant_ref_sink (g_variant_new ("(s)", pattern));
  return g_strdup ("SELECT m.rowid FROM memberships m JOIN customers c ON c.id = m.customer_id"
                   " WHERE lower (m.member_number) LIKE ?1 ESCAPE '\\' OR c.name LIKE ?1 ESCAPE '\\'"
                   "    OR c.name_pinyin LIKE ?1 ESCAPE '\\' OR c.name_initials LIKE ?1 ESCAPE '\\'"
                   " ORDER BY m.club_id, c.sort_key");
}

/**
 * gx_search_activities:
 * @text: (nullable): what the user typed
 * @params: (out) (transfer full) (nullable): the query's parameters
 *
 * Returns: (transfer full): the keys query listing activities whose title, theme or venue
 *   contains @text, latest first (planned ones without a date by month)
 */
char *
gx_search_activities (const char  *text,
                      GVariant   **params)
{
  g_autofree char *pattern = NULL;
  const char *order = " ORDER BY coalesce (a.starts_at, 0) DESC, a.planned_month DESC, a.title";

  *params = NULL;
  if (is_blank (text))
    return g_strconcat ("SELECT a.rowid FROM activities a", order, NULL);

  pattern = gx_search_like_pattern (text);
  *params = g_variant_ref_sink (g_variant_new ("(s)", pattern));
  return g_strconcat ("SELECT a.rowid FROM activities a"
                      " WHERE a.title LIKE '%' || ?1 ESCAPE '\\' OR a.theme LIKE '%' || ?1 ESCAPE '\\'"
                      "    OR a.venue LIKE '%' || ?1 ESCAPE '\\'", order, NULL);
}
