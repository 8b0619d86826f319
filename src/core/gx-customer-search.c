/* gx-customer-search.c: the customer search index and the customer list's key queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customer-search"

#include "config.h"

#include <string.h>

#include "gx-customer-search.h"
#include "gx-pinyin.h"
#include "gx-validate.h"

/* How a desk finds a caller among a million customers in one frame.
 *
 * The index (customer_search, migration 0003) is a contentless FTS5 table with SQLite's own
 * unicode61 tokenizer, so the sqlite3 shell can run the very queries the desk runs. What it
 * cannot do — Chinese words have no spaces, 王伟 must be found by "wangwei", "wang wei" and
 * "ww" — is done here, on both sides, by writing the terms out:
 *
 * - a run of Han characters becomes the bigram starting at each character, and the last
 *   character alone (王伟明 → 王伟 伟明 明): any Han text typed is then found as a prefix
 *   (one character) or as the AND of its bigrams (two and more), anywhere in the text;
 * - a name also gets every pinyin reading of its characters (gx_pinyin_variants: 曾 is both
 *   zeng and ceng) as syllables, joined, and as initials: wang wei wangwei ww;
 * - phones are indexed as digits, whole and by their last 4 and 8; the customer number with
 *   and without its letters and leading zeros; ID numbers whole and by their last 4 and 6.
 *
 * Every typed word becomes a prefix query, and the FTS5 `prefix='1 2 3'` index answers one- to
 * three-character prefixes directly. A query never asks FTS5 for more than
 * GX_CUSTOMER_SEARCH_CAP documents: a broad prefix ("w", "王") lists the first ones, sorted,
 * and the list says to type more; nothing is ranked or counted in full. */

#define TERMS_VERSION "1"
#define MAX_VARIANTS 8

static gboolean
is_han (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN && g_unichar_isalpha (c);
}

typedef void (*RunFunc) (GString        *out,
                         const gunichar *chars,
                         gsize           n,
                         gboolean        han);

/* Calls @func for each run of Han characters and each run of letters and digits in @text,
 * after folding full-width forms (１３８, ＡＢＣ) to their ASCII equivalents. */
static void
for_each_run (GString    *out,
              const char *text,
              RunFunc     func)
{
  g_autofree char *folded = NULL;
  g_autoptr(GArray) run = g_array_new (FALSE, FALSE, sizeof (gunichar));
  gboolean run_han = FALSE;

  if (text == NULL || *text == '\0')
    return;

  folded = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (folded == NULL)
    return;

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean han = c != 0 && is_han (c);
      gboolean word = c != 0 && !han && g_unichar_isalnum (c);

      if (run->len > 0 && (!(han || word) || han != run_han))
        {
          func (out, (const gunichar *) (gpointer) run->data, run->len, run_han);
          g_array_set_size (run, 0);
        }

      if (c == 0)
        break;

      if (han || word)
        {
          gunichar lower = g_unichar_tolower (c);
          run_han = han;
          g_array_append_val (run, lower);
        }
    }
}

static void
append_chars (GString        *out,
              const gunichar *chars,
              gsize           n)
{
  for (gsize i = 0; i < n; i++)
    g_string_append_unichar (out, chars[i]);
}

/* Terms */

static void
term_run (GString        *out,
          const gunichar *chars,
          gsize           n,
          gboolean        han)
{
  if (!han)
    {
      append_chars (out, chars, n);
      g_string_append_c (out, ' ');
      return;
    }

  for (gsize i = 0; i < n; i++)
    {
      append_chars (out, chars + i, MIN (2, n - i));
      g_string_append_c (out, ' ');
    }
}

static void
append_text (GString    *out,
             const char *text)
{
  for_each_run (out, text, term_run);
}

static void
append_tail (GString    *out,
             const char *text,
             gsize       n)
{
  gsize len = strlen (text);

  if (len > n)
    g_string_append_printf (out, "%s ", text + len - n);
}

static void
append_name (GString    *out,
             const char *kind,
             const char *name)
{
  gboolean personal = g_strcmp0 (kind, "individual") == 0;
  g_autoptr(GPtrArray) variants = NULL;

  if (name == NULL || *name == '\0')
    return;

  append_text (out, name);
  if (!gx_pinyin_has_han (name))
    return;

  variants = gx_pinyin_variants (name, MAX_VARIANTS);
  if (!personal)
    {
      /* An organisation's name reads without the surname rule: 单位 is dan wei. */
      g_ptr_array_insert (variants, 0, gx_pinyin_full (name, FALSE));
    }

  for (guint i = 0; i < variants->len; i++)
    {
      const char *variant = g_ptr_array_index (variants, i);
      g_auto(GStrv) syllables = g_strsplit (variant, " ", -1);

      g_string_append_printf (out, "%s ", variant);
      for (guint j = 0; syllables[j] != NULL; j++)
        g_string_append (out, syllables[j]);
      g_string_append_c (out, ' ');
      for (guint j = 0; syllables[j] != NULL; j++)
        if (syllables[j][0] != '\0')
          g_string_append_c (out, syllables[j][0]);
      g_string_append_c (out, ' ');
    }
}

static void
append_number (GString    *out,
               const char *number)
{
  GString *digits;
  const char *stripped;

  if (number == NULL || *number == '\0')
    return;

  append_text (out, number);

  digits = g_string_new (NULL);
  for (const char *p = number; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  if (digits->len > 0)
    {
      for (stripped = digits->str; *stripped == '0' && stripped[1] != '\0'; stripped++)
        ;
      g_string_append_printf (out, "%s %s ", digits->str, stripped);
    }
  g_string_free (digits, TRUE);
}

static void
append_id_number (GString    *out,
                  const char *id_number)
{
  GString *clean;

  if (id_number == NULL || *id_number == '\0')
    return;

  clean = g_string_new (NULL);
  for (const char *p = id_number; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (clean, g_ascii_tolower (*p));

  if (clean->len > 0)
    {
      g_string_append_printf (out, "%s ", clean->str);
      append_tail (out, clean->str, 4);
      append_tail (out, clean->str, 6);
    }
  g_string_free (clean, TRUE);
}

static gboolean
looks_like_phone (const char *text)
{
  guint digits = 0;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr (" +-().", *p) == NULL)
        return FALSE;
    }

  return digits >= 5;
}

static void
append_contacts (GString    *out,
                 const char *contact_terms)
{
  g_auto(GStrv) values = NULL;

  if (contact_terms == NULL || *contact_terms == '\0')
    return;

  values = g_strsplit (contact_terms, "\x1f", -1);
  for (guint i = 0; values[i] != NULL; i++)
    {
      if (looks_like_phone (values[i]))
        {
          g_autofree char *digits = gx_phone_normalize (values[i]);

          g_string_append_printf (out, "%s ", digits);
          append_tail (out, digits, 4);
          append_tail (out, digits, 8);
        }
      else
        append_text (out, values[i]);
    }
}

/**
 * gx_customer_search_terms:
 * @kind: (nullable): the customer's kind code
 * @name: (nullable): the name
 * @number: (nullable): the customer number
 * @id_number: (nullable): the ID number
 * @company: (nullable): the company
 * @notes: (nullable): the notes
 * @tags: (nullable): the tags
 * @contact_terms: (nullable): the contact values, separated by U+001F
 *
 * The text the search index holds for one customer. It must be a pure function of its
 * arguments: the index is contentless, and a profile's old terms are computed again to be
 * removed when it changes (a new version of this function rebuilds the index at open).
 *
 * Returns: (transfer full): space-separated terms
 */
char *
gx_customer_search_terms (const char *kind,
                          const char *name,
                          const char *number,
                          const char *id_number,
                          const char *company,
                          const char *notes,
                          const char *tags,
                          const char *contact_terms)
{
  GString *out = g_string_new (NULL);

  append_name (out, kind, name);
  append_number (out, number);
  append_id_number (out, id_number);
  append_text (out, company);
  append_text (out, notes);
  append_text (out, tags);
  append_contacts (out, contact_terms);

  return g_string_free (out, FALSE);
}

/* Queries */

static void
quote_into (GString        *out,
            const gunichar *chars,
            gsize           n)
{
  /* Runs hold only letters, digits and Han characters, so nothing needs escaping inside
   * the quotes; the quotes keep FTS5 from reading a word as an operator (AND, NEAR). */
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_c (out, '"');
  append_chars (out, chars, n);
  g_string_append_c (out, '"');
}

static void
match_run (GString        *out,
           const gunichar *chars,
           gsize           n,
           gboolean        han)
{
  if (!han || n == 1)
    {
      quote_into (out, chars, n);
      g_string_append_c (out, '*');
      return;
    }

  /* Two or more Han characters: each bigram of them, as the index holds them. */
  for (gsize i = 0; i + 1 < n; i++)
    quote_into (out, chars + i, 2);
}

/* Joins digit groups a phone number is typed in ("138 0013-8000", "(010) 6552 1234") so
 * they search as one number. */
static char *
join_digit_groups (const char *text)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      if (strchr (" -.()", *p) != NULL && out->len > 0 && g_ascii_isdigit (out->str[out->len - 1]))
        {
          const char *q = p;

          while (*q && strchr (" -.()", *q) != NULL)
            q++;
          if (g_ascii_isdigit (*q))
            {
              p = q;
              continue;
            }
        }
      if (*p == '(' && g_ascii_isdigit (p[1]))
        {
          p++;
          continue;
        }
      g_string_append_c (out, *p);
      p++;
    }

  return g_string_free (out, FALSE);
}

/**
 * gx_customer_search_match:
 * @text: (nullable): what the user typed
 *
 * Every word of @text must match (AND), each as a prefix; Han text is matched through its
 * bigrams; a phone number typed with spaces or dashes is one number, a leading +86 dropped.
 *
 * Returns: (transfer full) (nullable): the FTS5 query for customer_search, or %NULL when
 *   @text has nothing to search for
 */
char *
gx_customer_search_match (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *joined = NULL;
  GString *out;

  if (text == NULL)
    return NULL;

  folded = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (folded == NULL)
    return NULL;

  out = g_string_new (NULL);
  g_strstrip (folded);
  if (looks_like_phone (folded))
    {
      g_autofree char *digits = gx_phone_normalize (folded);
      g_string_append_printf (out, "\"%s\"*", digits);
    }
  else
    {
      joined = join_digit_groups (folded);
      for_each_run (out, joined, match_run);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

/* The list's keys query */

typedef struct
{
  GString   *where;
  GPtrArray *params;   /* GVariant, floating refs sunk */
} Builder;

static int
add_param (Builder  *b,
           GVariant *value)
{
  g_ptr_array_add (b->params, g_variant_ref_sink (value));
  return (int) b->params->len;
}

static void
add_filters (Builder               *b,
             const GxCustomerQuery *q)
{
  g_string_append (b->where, q->archived ? "c.archived_at IS NOT NULL" : "c.archived_at IS NULL");

  if (q->kind != NULL)
    g_string_append_printf (b->where, " AND c.kind = ?%d", add_param (b, g_variant_new_string (q->kind)));
  if (q->stage != NULL)
    g_string_append_printf (b->where, " AND c.stage = ?%d", add_param (b, g_variant_new_string (q->stage)));
  if (q->tier_id != NULL)
    g_string_append_printf (b->where, " AND c.tier_id = ?%d", add_param (b, g_variant_new_string (q->tier_id)));
  if (q->confidentiality != NULL)
    g_string_append_printf (b->where, " AND c.confidentiality = ?%d",
                            add_param (b, g_variant_new_string (q->confidentiality)));
  if (q->owner_id != NULL)
    g_string_append_printf (b->where, " AND c.owner_id = ?%d", add_param (b, g_variant_new_string (q->owner_id)));
  if (q->confidential)
    g_string_append (b->where, " AND c.confidentiality <> 'ordinary'");
  if (q->team != NULL)
    g_string_append_printf (b->where, " AND c.owner_id IN (SELECT u.id FROM users u WHERE u.team = ?%d)",
                            add_param (b, g_variant_new_string (q->team)));
  if (q->birthday_month >= 1 && q->birthday_month <= 12)
    {
      g_autofree char *month = g_strdup_printf ("%02d", q->birthday_month);
      g_string_append_printf (b->where, " AND substr (c.birthday, 6, 2) = ?%d",
                              add_param (b, g_variant_new_string (month)));
    }
  if (q->due_by != NULL)
    g_string_append_printf (b->where, " AND c.follow_up_on <= ?%d", add_param (b, g_variant_new_string (q->due_by)));
  if (q->open_cases)
    g_string_append (b->where,
                     " AND c.rowid IN (SELECT oc.rowid FROM cases k JOIN customers oc ON oc.id = k.customer_id"
                     " WHERE k.status <> 'closed')");
  if (q->club_members)
    g_string_append (b->where,
                     " AND c.rowid IN (SELECT mc.rowid FROM memberships m JOIN customers mc ON mc.id = m.customer_id"
                     " WHERE m.cancelled_on IS NULL)");
}

static GVariant *
finish_params (Builder *b)
{
  if (b->params->len == 0)
    return NULL;

  return g_variant_ref_sink (g_variant_new_tuple ((GVariant * const *) b->params->pdata, b->params->len));
}

/* Tier order without a full sort: one index range per tier, best tier first (individual
 * tiers, then enterprise ones), customers without a tier last. */
static char *
tier_union_sql (GxDb    *db,
                Builder *b)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *where = g_strdup (b->where->str);
  sqlite3_stmt *stmt;

  stmt = gx_db_prepare (db, "SELECT id FROM tiers ORDER BY scheme = 'enterprise', rank DESC, id", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      int n = add_param (b, g_variant_new_string (gx_db_column_text (stmt, 0)));

      g_string_append_printf (sql,
                              "SELECT r FROM (SELECT c.rowid AS r FROM customers c"
                              " WHERE c.tier_id = ?%d AND %s ORDER BY c.sort_key) UNION ALL ",
                              n, where);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);

  g_string_append_printf (sql,
                          "SELECT r FROM (SELECT c.rowid AS r FROM customers c"
                          " WHERE (c.tier_id IS NULL OR c.tier_id NOT IN (SELECT id FROM tiers)) AND %s"
                          " ORDER BY c.sort_key)", where);
  return g_strdup (sql->str);
}

/**
 * gx_customer_search_keys_sql:
 * @db: (nullable): a read connection, for the tier order (without one, tier order sorts the
 *   whole list)
 * @query: what the list shows
 * @params: (out) (transfer full) (nullable): the query's parameters
 *
 * With search text, the customers the index matches (at most #GX_CUSTOMER_SEARCH_CAP) that
 * pass the filters, sorted; without, every customer passing the filters, from an index in
 * the order asked for.
 *
 * Returns: (transfer full): the keys query (customers' rowids in list order)
 */
char *
gx_customer_search_keys_sql (GxDb                   *db,
                             const GxCustomerQuery  *query,
                             GVariant              **params)
{
  g_autofree char *match = gx_customer_search_match (query->text);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  Builder b = { where, values };
  char *sql;

  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  if (match != NULL)
    {
      const char *order;
      int n = add_param (&b, g_variant_new_string (match));

      add_filters (&b, query);
      switch (query->sort)
        {
        case GX_CUSTOMER_SORT_LAST_CONTACT:
          order = "c.last_contact_at DESC, c.sort_key";
          break;
        case GX_CUSTOMER_SORT_TIER:
          order = "(SELECT (t.scheme = 'enterprise') * 1000 - t.rank FROM tiers t WHERE t.id = c.tier_id) NULLS LAST,"
                  " c.sort_key";
          break;
        case GX_CUSTOMER_SORT_NAME:
        default:
          order = "c.sort_key";
        }

      sql = g_strdup_printf ("SELECT c.rowid FROM"
                             " (SELECT rowid AS r FROM customer_search WHERE customer_search MATCH ?%d LIMIT %d) m"
                             " JOIN customers c ON c.rowid = m.r"
                             " WHERE %s ORDER BY %s",
                             n, GX_CUSTOMER_SEARCH_CAP, where->str, order);
    }
  else
    {
      add_filters (&b, query);
      switch (query->sort)
        {
        case GX_CUSTOMER_SORT_LAST_CONTACT:
          /* A backward scan of (last_contact_at, sort_key): latest first, never contacted last. */
          sql = g_strdup_printf ("SELECT c.rowid FROM customers c WHERE %s"
                                 " ORDER BY c.last_contact_at DESC, c.sort_key DESC", where->str);
          break;
        case GX_CUSTOMER_SORT_TIER:
          if (db != NULL)
            sql = tier_union_sql (db, &b);
          else
            sql = g_strdup_printf ("SELECT c.rowid FROM customers c WHERE %s ORDER BY"
                                   " (SELECT (t.scheme = 'enterprise') * 1000 - t.rank FROM tiers t WHERE t.id = c.tier_id)"
                                   " NULLS LAST, c.sort_key", where->str);
          break;
        case GX_CUSTOMER_SORT_NAME:
        default:
          sql = g_strdup_printf ("SELECT c.rowid FROM customers c WHERE %s ORDER BY c.sort_key", where->str);
        }
    }

  *params = finish_params (&b);
  return sql;
}

/**
 * gx_customer_search_count:
 * @db: a read connection
 * @text: what the user typed
 * @cap: count no further than this
 * @error: return location for a #GError
 *
 * Counts the customers @text matches, stopping at @cap, so a broad prefix costs no more than
 * a narrow one. Archived customers and filters are not considered: it tells whether the
 * search itself was cut off.
 *
 * Returns: the number of matches up to @cap, or -1 on error
 */
gint64
gx_customer_search_count (GxDb        *db,
                          const char  *text,
                          gint64       cap,
                          GError     **error)
{
  g_autofree char *match = gx_customer_search_match (text);

  if (match == NULL)
    return 0;

  return gx_db_query_int (db,
                          "SELECT count(*) FROM (SELECT 1 FROM customer_search WHERE customer_search MATCH ? LIMIT ?)",
                          g_variant_new ("(sx)", match, cap), -1, error);
}

/* The SQL function and the index's upkeep */

static void
terms_sql (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  char *terms;

  g_assert (argc == 8);

  terms = gx_customer_search_terms ((const char *) sqlite3_value_text (argv[0]),
                                    (const char *) sqlite3_value_text (argv[1]),
                                    (const char *) sqlite3_value_text (argv[2]),
                                    (const char *) sqlite3_value_text (argv[3]),
                                    (const char *) sqlite3_value_text (argv[4]),
                                    (const char *) sqlite3_value_text (argv[5]),
                                    (const char *) sqlite3_value_text (argv[6]),
                                    (const char *) sqlite3_value_text (argv[7]));
  sqlite3_result_text (context, terms, -1, g_free);
}

/**
 * gx_customer_search_register:
 * @handle: an SQLite connection
 *
 * Adds `gx_search_terms(kind, name, number, id_number, company, notes, tags, contact_terms)`,
 * which the search triggers call, to @handle. gx_db_open() calls it on every connection.
 *
 * Returns: an SQLite result code
 */
int
gx_customer_search_register (sqlite3 *handle)
{
  return sqlite3_create_function (handle, "gx_search_terms", 8,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, terms_sql, NULL, NULL);
}

/* The version of the terms: this code's, and the pinyin readings it uses (a rebuilt table
 * with other readings makes other terms). */
static const char *
terms_version (void)
{
  static gsize once;
  static char *version;

  if (g_once_init_enter (&once))
    {
      guint hash = 5381;

      for (gunichar c = 0x3400; c < 0xA000; c++)
        {
          const char *readings = gx_pinyin_lookup (c);
          for (const char *p = readings; p && *p; p++)
            hash = hash * 33 + (guchar) *p;
        }
      version = g_strdup_printf ("%s-%08x", TERMS_VERSION, hash);
      g_once_init_leave (&once, 1);
    }

  return version;
}

/**
 * gx_customer_search_flush:
 * @db: the writer connection, inside a transaction
 * @error: return location for a #GError
 *
 * Brings the search index up to date with the profiles the transaction changed: removes the
 * terms they had, adds the terms they have. The store calls it before every commit.
 */
gboolean
gx_customer_search_flush (GxDb    *db,
                          GError **error)
{
  gint64 pending = gx_db_query_int (db, "SELECT EXISTS (SELECT 1 FROM customer_search_pending)", NULL, -1, error);
  gint64 erased;

  if (pending <= 0)
    return pending == 0;

  /* A person erased on request in this transaction — here or at another desk, arriving by
   * sync — must not stay in the index either: FTS5 only marks a document's terms deleted, and
   * they stay in the file until a merge reaches them. Compacting the index drops them. It
   * rewrites the whole index (about a second per 100,000 customers), which an erasure, a rare
   * and deliberate act, can afford. */
  erased = gx_db_query_int (db,
                            "SELECT EXISTS (SELECT 1 FROM customer_search_pending p JOIN customers c ON c.rowid = p.customer"
                            " WHERE c.erased_at IS NOT NULL AND p.old_terms IS NOT NULL"
                            "   AND p.old_terms <> gx_search_terms (c.kind, c.name, c.number, c.id_number, c.company,"
                            "                                       c.notes, c.tags, c.contact_terms))",
                            NULL, -1, error);
  if (erased < 0)
    return FALSE;

  return gx_db_exec (db,
                     "INSERT INTO customer_search (customer_search, rowid, terms)"
                     " SELECT 'delete', customer, old_terms FROM customer_search_pending WHERE old_terms IS NOT NULL;"
                     "INSERT INTO customer_search (rowid, terms)"
                     " SELECT c.rowid, gx_search_terms (c.kind, c.name, c.number, c.id_number, c.company, c.notes, c.tags,"
                     "                                  c.contact_terms)"
                     "   FROM customer_search_pending p JOIN customers c ON c.rowid = p.customer;"
                     "DELETE FROM customer_search_pending;",
                     error) &&
         (erased == 0 || gx_db_exec (db, "INSERT INTO customer_search (customer_search) VALUES ('optimize')", error));
}

/**
 * gx_customer_search_rebuild:
 * @db: the writer connection, inside a transaction
 * @error: return location for a #GError
 *
 * Writes the search index again from the profiles.
 */
gboolean
gx_customer_search_rebuild (GxDb    *db,
                            GError **error)
{
  sqlite3_stmt *stmt;

  if (!gx_db_exec (db,
                   "DELETE FROM customer_search_pending;"
                   "INSERT INTO customer_search (customer_search) VALUES ('delete-all');"
                   "INSERT INTO customer_search (rowid, terms)"
                   " SELECT rowid, gx_search_terms (kind, name, number, id_number, company, notes, tags, contact_terms)"
                   " FROM customers;",
                   error))
    return FALSE;

  stmt = gx_db_prepare (db, "INSERT OR REPLACE INTO sync_state (key, value) VALUES ('search_terms', ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, terms_version (), -1, SQLITE_STATIC);
  return gx_db_step_done (db, stmt, error);
}

/**
 * gx_customer_search_check:
 * @db: a writable connection, outside a transaction
 * @error: return location for a #GError
 *
 * Rebuilds the search index when it was written by other terms than this build's (a first
 * open after the migration, or a new version), in one transaction.
 */
gboolean
gx_customer_search_check (GxDb    *db,
                          GError **error)
{
  g_autofree char *stored = gx_db_query_string (db, "SELECT value FROM sync_state WHERE key = 'search_terms'",
                                                NULL, NULL);

  if (g_strcmp0 (stored, terms_version ()) == 0)
    {
      /* A transaction that never reached its commit leaves nothing behind, but a file
       * written by hand might: index it now. */
      if (gx_db_query_int (db, "SELECT EXISTS (SELECT 1 FROM customer_search_pending)", NULL, 0, NULL) == 0)
        return TRUE;
      if (!gx_db_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!gx_customer_search_flush (db, error) || !gx_db_exec (db, "COMMIT", error))
        {
          gx_db_exec (db, "ROLLBACK", NULL);
          return FALSE;
        }
      return TRUE;
    }

  if (!gx_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!gx_customer_search_rebuild (db, error) || !gx_db_exec (db, "COMMIT", error))
    {
      gx_db_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }

  return TRUE;
}
