/* gx-validate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-validate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gx-validate.h"

G_DEFINE_QUARK (gx-validation-error-quark, gx_validation_error)

static gboolean
all_digits (const char *text,
            gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
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
 * gx_phone_normalize:
 * @text: a phone number as typed
 *
 * Drops spaces, dashes, dots and brackets, and a leading +86 or 0086 country code.
 *
 * Returns: (transfer full): the digits (a leading 0 of an area code is kept)
 */
char *
gx_phone_normalize (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (out, *p);
      else if (*p == '+' && out->len == 0)
        g_string_append_c (out, '+');
    }

  if (g_str_has_prefix (out->str, "+86"))
    g_string_erase (out, 0, 3);
  else if (g_str_has_prefix (out->str, "0086") && out->len > 11)
    g_string_erase (out, 0, 4);
  else if (out->str[0] == '+')
    g_string_erase (out, 0, 1);

  return g_string_free (out, FALSE);
}

/**
 * gx_validate_mobile:
 * @text: a phone number as typed
 * @error: return location for a #GError
 *
 * A mainland mobile number: 11 digits, 1 then 3–9 (13x … 19x).
 */
gboolean
gx_validate_mobile (const char  *text,
                    GError     **error)
{
  g_autofree char *digits = gx_phone_normalize (text);
  gsize len = strlen (digits);

  if (is_blank (text))
    {
      g_set_error_literal (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_REQUIRED,
                           _("Enter a mobile number."));
      return FALSE;
    }

  if (len != 11 || digits[0] != '1' || digits[1] < '3' || digits[1] > '9')
    {
      g_set_error_literal (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_FORMAT,
                           _("A mobile number has 11 digits and starts with 13 to 19."));
      return FALSE;
    }

  return TRUE;
}

/**
 * gx_validate_landline:
 * @text: a phone number as typed
 * @error: return location for a #GError
 *
 * A mainland landline: a 3- or 4-digit area code starting with 0, then 7 or 8 digits,
 * optionally an extension after "-" or "ext". Also a 400/800 service number (10 digits).
 */
gboolean
gx_validate_landline (const char  *text,
                      GError     **error)
{
  g_autofree char *main_part = NULL;
  g_autofree char *digits = NULL;
  const char *ext;
  gsize len;

  if (is_blank (text))
    {
      g_set_error_literal (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_REQUIRED,
                           _("Enter a phone number."));
      return FALSE;
    }

  /* An extension: "010-12345678 ext 123", "010-12345678-123" or "…转123". */
  ext = strstr (text, "ext");
  if (ext == NULL)
    ext = strstr (text, "转");
  main_part = ext ? g_strndup (text, ext - text) : g_strdup (text);
  digits = gx_phone_normalize (main_part);
  len = strlen (digits);

  if ((g_str_has_prefix (digits, "400") || g_str_has_prefix (digits, "800")) && len == 10)
    return TRUE;

  /* Without "ext", a last dash group of 1–5 digits after a full number is an extension. */
  if (ext == NULL && len > 12)
    {
      const char *last_dash = strrchr (main_part, '-');
      if (last_dash != NULL && strlen (last_dash + 1) <= 5)
        {
          g_autofree char *head = g_strndup (main_part, last_dash - main_part);
          g_free (digits);
          digits = gx_phone_normalize (head);
          len = strlen (digits);
        }
    }

  if (digits[0] == '0' && digits[1] != '0' && (len == 10 || len == 11 || len == 12) && all_digits (digits, len))
    return TRUE;

  g_set_error_literal (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_FORMAT,
                       _("A landline number is an area code starting with 0 and 7 or 8 digits, e.g. 010-12345678."));
  return FALSE;
}

/**
 * gx_validate_phone:
 * @text: a phone number as typed
 * @error: return location for a #GError
 *
 * Accepts a mainland mobile or landline number.
 */
gboolean
gx_validate_phone (const char  *text,
                   GError     **error)
{
  g_autofree char *digits = gx_phone_normalize (text);

  if (is_blank (text))
    {
      g_set_error_literal (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_REQUIRED,
                           _("Enter a phone number."));
      return FALSE;
    }

  if (digits[0] == '1')
    return gx_validate_mobile (text, error);

  return gx_validate_landline (text, error);
}

/**
 * gx_validate_email:
 * @text: an e-mail address
 * @error: return location for a #GError
 *
 * A practical check: one @, a non-empty local part, a domain with a dot and no spaces.
 */
gboolean
gx_validate_email (const char  *text,
                   GError     **error)
{
  const char *at;
  const char *dot;

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_REQUIRED,
                           _("Enter an e-mail address."));
      return FALSE;
    }

  at = strchr (text, '@');
  dot = at ? strrchr (at, '.') : NULL;
  if (at == NULL || at == text || strchr (at + 1, '@') != NULL || dot == NULL ||
      dot == at + 1 || dot[1] == '\0' || strpbrk (text, " \t\r\n,;<>") != NULL ||
      !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_FORMAT,
                           _("An e-mail address looks like name@example.com."));
      return FALSE;
    }

  return TRUE;
}

/**
 * gx_validate_date:
 * @text: a date as 'YYYY-MM-DD'
 * @error: return location for a #GError
 */
gboolean
gx_validate_date (const char  *text,
                  GError     **error)
{
  int y, m, d;

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_REQUIRED,
                           _("Enter a date."));
      return FALSE;
    }

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      !all_digits (text, 4) || !all_digits (text + 5, 2) || !all_digits (text + 8, 2) ||
      sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y) || y < 1900 || y > 2200)
    {
      g_set_error_literal (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_FORMAT,
                           _("Enter a real date as YYYY-MM-DD, e.g. 1985-07-21."));
      return FALSE;
    }

  return TRUE;
}

/**
 * gx_resident_id_check_digit:
 * @first17: the first 17 digits of a resident ID number
 *
 * The GB 11643-1999 check character: ISO 7064 MOD 11-2 over the first 17 digits.
 *
 * Returns: '0'–'9' or 'X', or '\0' when @first17 is not 17 digits
 */
char
gx_resident_id_check_digit (const char *first17)
{
  static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  static const char checks[11] = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };
  int sum = 0;

  if (first17 == NULL || strlen (first17) < 17 || !all_digits (first17, 17))
    return '\0';

  for (int i = 0; i < 17; i++)
    sum += (first17[i] - '0') * weights[i];

  return checks[sum % 11];
}

/**
 * gx_validate_resident_id:
 * @text: an 18-character resident ID number
 * @error: return location for a #GError
 *
 * Checks the format, the birthday it contains and the GB 11643 check character.
 */
gboolean
gx_validate_resident_id (const char  *text,
                         GError     **error)
{
  g_autofree char *birthday = NULL;
  char check;

  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_REQUIRED,
                           _("Enter the ID number."));
      return FALSE;
    }

  if (strlen (text) != 18 || !all_digits (text, 17) ||
      !(g_ascii_isdigit (text[17]) || text[17] == 'X' || text[17] == 'x'))
    {
      g_set_error_literal (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_FORMAT,
                           _("A resident ID number has 17 digits and a last digit or X."));
      return FALSE;
    }

  if (!gx_resident_id_facts (text, &birthday, NULL))
    {
      g_set_error_literal (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_FORMAT,
                           _("The birthday in this ID number is not a real date."));
      return FALSE;
    }

  check = gx_resident_id_check_digit (text);
  if (g_ascii_toupper (text[17]) != check)
    {
      g_set_error_literal (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_CHECKSUM,
                           _("The check digit of this ID number is wrong; a digit may be mistyped."));
      return FALSE;
    }

  return TRUE;
}

/**
 * gx_resident_id_facts:
 * @text: a resident ID number
 * @birthday: (out) (optional) (transfer full): the birthday it contains, 'YYYY-MM-DD'
 * @gender: (out) (optional) (transfer full): "male" or "female" from the 17th digit
 *
 * Returns: %TRUE when @text has 17 leading digits with a real date at positions 7–14
 */
gboolean
gx_resident_id_facts (const char  *text,
                      char       **birthday,
                      char       **gender)
{
  g_autofree char *date = NULL;

  if (text == NULL || strlen (text) < 17 || !all_digits (text, 17))
    return FALSE;

  date = g_strdup_printf ("%.4s-%.2s-%.2s", text + 6, text + 10, text + 12);
  if (!gx_validate_date (date, NULL))
    return FALSE;

  if (birthday != NULL)
    *birthday = g_steal_pointer (&date);
  if (gender != NULL)
    *gender = g_strdup ((text[16] - '0') % 2 == 1 ? "male" : "female");

  return TRUE;
}

/**
 * gx_mask_id_number:
 * @text: (nullable): an ID or account number
 *
 * Keeps the first 4 and last 4 characters visible, as lists, exports and prints show them.
 *
 * Returns: (transfer full): the masked number; "" for %NULL
 */
char *
gx_mask_id_number (const char *text)
{
  GString *out;
  glong len;

  if (text == NULL)
    return g_strdup ("");

  len = g_utf8_strlen (text, -1);
  if (len <= 8)
    {
      /* Too short to show both ends: only the last two characters stay. */
      out = g_string_new (NULL);
      for (glong i = 0; i < len - 2; i++)
        g_string_append (out, "•");
      g_string_append (out, g_utf8_offset_to_pointer (text, MAX (len - 2, 0)));
      return g_string_free (out, FALSE);
    }

  out = g_string_new_len (text, g_utf8_offset_to_pointer (text, 4) - text);
  for (glong i = 4; i < len - 4; i++)
    g_string_append (out, "•");
  g_string_append (out, g_utf8_offset_to_pointer (text, len - 4));
  return g_string_free (out, FALSE);
}

/* Account numbers */

/* A customer's bank or card accounts are kept as one text: entries separated by semicolons
 * (or new lines), each an optional label followed by the number — "招行储蓄卡 6225 8801 2345
 * 6789; 6217 0000 1111 2222 333". */
static char **
split_accounts (const char *text)
{
  g_autofree char *unified = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return g_new0 (char *, 1);

  unified = g_strdup (text);
  /* The full-width semicolon a Chinese input method types, and new lines, count as ";". */
  {
    g_autoptr(GString) s = g_string_new (unified);

    g_string_replace (s, "；", ";", 0);
    g_string_replace (s, "\r\n", ";", 0);
    g_string_replace (s, "\n", ";", 0);
    g_free (unified);
    unified = g_string_free (g_steal_pointer (&s), FALSE);
  }

  parts = g_strsplit (unified, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *entry = g_strstrip (parts[i]);

      if (*entry != '\0')
        g_ptr_array_add (out, g_strdup (entry));
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

/* Splits one entry into its label and the digits of its number (the trailing run of digits,
 * spaces and hyphens). */
static void
split_entry (const char  *entry,
             char       **label,
             char       **digits)
{
  const char *start = entry + strlen (entry);
  GString *number = g_string_new (NULL);

  while (start > entry && (g_ascii_isdigit (start[-1]) || start[-1] == ' ' || start[-1] == '-'))
    start--;
  for (const char *p = start; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (number, *p);

  *label = g_strstrip (g_strndup (entry, start - entry));
  *digits = g_string_free (number, FALSE);
}

/**
 * gx_validate_accounts:
 * @text: (nullable): account numbers, separated by semicolons, each with an optional label
 * @error: return location for a #GError
 *
 * Each entry must end with its number: 8 to 30 digits (spaces and hyphens between them are
 * fine), as bank account and card numbers in China are. Empty text is valid.
 */
gboolean
gx_validate_accounts (const char  *text,
                      GError     **error)
{
  g_auto(GStrv) entries = split_accounts (text);

  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *digits = NULL;

      split_entry (entries[i], &label, &digits);
      if (strlen (digits) < 8 || strlen (digits) > 30)
        {
          g_set_error (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_FORMAT,
                       /* Translators: %s is what the user typed for one account */
                       _("“%s” is not an account number: each account ends with its number of 8 to 30 digits; "
                         "separate several with semicolons."),
                       entries[i]);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * gx_accounts_normalize:
 * @text: (nullable): account numbers as typed
 *
 * Returns: (transfer full): the entries trimmed and joined with "; "; "" for none
 */
char *
gx_accounts_normalize (const char *text)
{
  g_auto(GStrv) entries = split_accounts (text);

  return g_strjoinv ("; ", entries);
}

/**
 * gx_mask_accounts:
 * @text: (nullable): account numbers as stored
 *
 * Masks the number of each entry as lists, exports and prints show it: its label, the first
 * and last four digits.
 *
 * Returns: (transfer full): the masked accounts; "" for none
 */
char *
gx_mask_accounts (const char *text)
{
  g_auto(GStrv) entries = split_accounts (text);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *digits = NULL;
      g_autofree char *masked = NULL;

      split_entry (entries[i], &label, &digits);
      masked = gx_mask_id_number (digits);
      if (out->len > 0)
        g_string_append (out, "; ");
      if (*label != '\0')
        g_string_append_printf (out, "%s ", label);
      g_string_append (out, masked);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * gx_accounts_numbers:
 * @text: (nullable): account numbers as stored
 *
 * The numbers of the entries, each as typed (spaces and hyphens kept) and as digits alone —
 * what an erasure looks for in free text.
 *
 * Returns: (transfer full): a %NULL-terminated array of numbers
 */
char **
gx_accounts_numbers (const char *text)
{
  g_auto(GStrv) entries = split_accounts (text);
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();

  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *digits = NULL;
      const char *number;

      split_entry (entries[i], &label, &digits);
      number = entries[i] + strlen (entries[i]);
      while (number > entries[i] && (g_ascii_isdigit (number[-1]) || number[-1] == ' ' || number[-1] == '-'))
        number--;
      while (*number == ' ' || *number == '-')
        number++;
      g_strv_builder_add (out, number);
      g_strv_builder_add (out, digits);
    }

  return g_strv_builder_end (out);
}
