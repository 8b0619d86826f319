/* gx-pinyin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-pinyin"

#include "config.h"

#include <string.h>

#include "gx-pinyin.h"
#include "gx-pinyin-table.h"

/* Surnames read differently from the character's most frequent reading (单 is dān in 单位
 * but Shàn as a surname). These are the readings the Chinese surname list prescribes;
 * they apply to the first character of a personal name only. */
static const struct {
  gunichar    c;
  const char *reading;
} surname_readings[] = {
  { 0x5355, "shan4" },  /* 单 */
  { 0x66FE, "zeng1" },  /* 曾 */
  { 0x89E3, "xie4" },   /* 解 */
  { 0x533A, "ou1" },    /* 区 */
  { 0x4EC7, "qiu2" },   /* 仇 */
  { 0x6734, "piao2" },  /* 朴 */
  { 0x67E5, "zha1" },   /* 查 */
  { 0x76D6, "ge3" },    /* 盖 */
  { 0x4E50, "yue4" },   /* 乐 */
  { 0x79D8, "bi4" },    /* 秘 */
  { 0x7F2A, "miao4" },  /* 缪 */
  { 0x8983, "qin2" },   /* 覃 */
  { 0x7FDF, "zhai2" },  /* 翟 */
  { 0x8D3E, "jia3" },   /* 贾 */
  { 0x6C88, "shen3" },  /* 沈 */
  { 0x5C09, "yu4" },    /* 尉 */
  { 0x7EAA, "ji3" },    /* 纪 */
  { 0x5F3A, "qiang2" }, /* 强 */
  { 0x4FDE, "yu2" },    /* 俞 */
};

static int
compare_char (const void *key,
              const void *member)
{
  guint32 a = *(const guint32 *) key;
  guint32 b = *(const guint32 *) member;

  return a < b ? -1 : a > b;
}

/**
 * gx_pinyin_lookup:
 * @c: a character
 *
 * Returns: (transfer none) (nullable): the readings of @c with tone digits, the most
 *   frequent first, separated by spaces ("wang2 wang4 yu4"); %NULL for a character that is
 *   not a Han character with a known reading
 */
const char *
gx_pinyin_lookup (gunichar c)
{
  guint32 key = c;
  const guint32 *found;

  if (c < gx_pinyin_chars[0])
    return NULL;

  found = bsearch (&key, gx_pinyin_chars, GX_PINYIN_N_CHARS, sizeof (guint32), compare_char);
  if (found == NULL)
    return NULL;

  return gx_pinyin_pool + gx_pinyin_offsets[found - gx_pinyin_chars];
}

gboolean
gx_pinyin_has_han (const char *text)
{
  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    if (gx_pinyin_lookup (g_utf8_get_char (p)) != NULL)
      return TRUE;

  return FALSE;
}

typedef enum { TOKEN_WORD, TOKEN_HAN } TokenKind;

typedef struct
{
  TokenKind   kind;
  char       *text;       /* a word, lower case; for Han: the readings, primary first */
} Token;

static void
token_clear (gpointer data)
{
  g_free (((Token *) data)->text);
}

/* Splits @text into Latin/digit words and Han characters (with their readings). */
static GArray *
tokenize (const char *text,
          gboolean    personal_name)
{
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  GString *word = g_string_new (NULL);
  gboolean first_han = TRUE;

  g_array_set_clear_func (tokens, token_clear);

  for (const char *p = text ? text : ""; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *readings = c ? gx_pinyin_lookup (c) : NULL;

      if (c != 0 && readings == NULL && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, g_unichar_tolower (c));
          continue;
        }

      if (word->len > 0)
        {
          Token t = { TOKEN_WORD, g_strdup (word->str) };
          g_array_append_val (tokens, t);
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;

      if (readings != NULL)
        {
          Token t = { TOKEN_HAN, NULL };

          if (personal_name && first_han)
            for (guint i = 0; i < G_N_ELEMENTS (surname_readings); i++)
              if (surname_readings[i].c == c)
                {
                  t.text = g_strdup_printf ("%s %s", surname_readings[i].reading, readings);
                  break;
                }
          if (t.text == NULL)
            t.text = g_strdup (readings);

          first_han = FALSE;
          g_array_append_val (tokens, t);
        }
    }

  g_string_free (word, TRUE);
  return tokens;
}

/* The first reading of a Han token, with or without its tone digit. */
static void
append_primary (GString     *out,
                const Token *t,
                gboolean     with_tone)
{
  const char *end;

  if (t->kind == TOKEN_WORD)
    {
      g_string_append (out, t->text);
      return;
    }

  end = strchr (t->text, ' ');
  if (end == NULL)
    end = t->text + strlen (t->text);
  if (!with_tone)
    end--;
  g_string_append_len (out, t->text, end - t->text);
}

/**
 * gx_pinyin_full:
 * @text: a name or any text
 * @personal_name: read the first Han character as a surname
 *
 * Returns: (transfer full): the most frequent reading of each Han character and each Latin
 *   word, lower case, without tones, separated by spaces: 王伟 → "wang wei"
 */
char *
gx_pinyin_full (const char *text,
                gboolean    personal_name)
{
  g_autoptr(GArray) tokens = tokenize (text, personal_name);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < tokens->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      append_primary (out, &g_array_index (tokens, Token, i), FALSE);
    }

  return g_string_free (out, FALSE);
}

/**
 * gx_pinyin_initials:
 * @text: a name or any text
 * @personal_name: read the first Han character as a surname
 *
 * Returns: (transfer full): the first letter of each syllable and word: 王伟 → "ww"
 */
char *
gx_pinyin_initials (const char *text,
                    gboolean    personal_name)
{
  g_autoptr(GArray) tokens = tokenize (text, personal_name);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < tokens->len; i++)
    g_string_append_unichar (out, g_utf8_get_char (g_array_index (tokens, Token, i).text));

  return g_string_free (out, FALSE);
}

/**
 * gx_pinyin_sort_key:
 * @text: a name
 * @personal_name: read the first Han character as a surname
 *
 * A key that sorts Chinese names in pinyin order (syllable, then tone) among Latin names in
 * alphabetical order, comparing bytes (SQLite's BINARY collation). Homophones are kept
 * apart by the text itself at the end.
 *
 * Returns: (transfer full): the key
 */
char *
gx_pinyin_sort_key (const char *text,
                    gboolean    personal_name)
{
  g_autoptr(GArray) tokens = tokenize (text, personal_name);
  g_autofree char *folded = g_utf8_casefold (text ? text : "", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < tokens->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      append_primary (out, &g_array_index (tokens, Token, i), TRUE);
    }

  g_string_append_c (out, '\x01');
  g_string_append (out, folded);
  return g_string_free (out, FALSE);
}

static void
expand (GArray     *tokens,
        guint       index,
        GString    *prefix,
        GPtrArray  *out,
        guint       max_variants)
{
  const Token *t;
  g_auto(GStrv) readings = NULL;
  gsize len = prefix->len;

  if (out->len >= max_variants)
    return;

  if (index == tokens->len)
    {
      for (guint i = 0; i < out->len; i++)
        if (strcmp (g_ptr_array_index (out, i), prefix->str) == 0)
          return;
      g_ptr_array_add (out, g_strdup (prefix->str));
      return;
    }

  t = &g_array_index (tokens, Token, index);
  if (t->kind == TOKEN_WORD)
    readings = g_strsplit (t->text, "\n", 1);
  else
    readings = g_strsplit (t->text, " ", -1);

  for (guint i = 0; readings[i] != NULL; i++)
    {
      gsize n = strlen (readings[i]);

      if (len > 0)
        g_string_append_c (prefix, ' ');
      /* Han readings end with a tone digit; search ignores tones. */
      g_string_append_len (prefix, readings[i], t->kind == TOKEN_HAN ? n - 1 : n);
      expand (tokens, index + 1, prefix, out, max_variants);
      g_string_truncate (prefix, len);
    }
}

/**
 * gx_pinyin_variants:
 * @text: a name
 * @max_variants: at most this many readings
 *
 * Every reading of @text when its characters have several (曾 → "ceng" and "zeng"), the most
 * frequent first, without tones and without repeats; for the search index.
 *
 * Returns: (transfer full) (element-type utf8): the full readings
 */
GPtrArray *
gx_pinyin_variants (const char *text,
                    guint       max_variants)
{
  g_autoptr(GArray) tokens = tokenize (text, TRUE);
  g_autoptr(GString) prefix = g_string_new (NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  expand (tokens, 0, prefix, out, MAX (max_variants, 1));
  return out;
}
