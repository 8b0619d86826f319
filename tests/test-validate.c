/* test-validate.c: the field rules a desk checks before anything is saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gx-validate.h"

static void
test_mobile (void)
{
  const char *good[] = { "13800138000", "138 0013 8000", "+86 138-0013-8000", "008613800138000", "19912345678", NULL };
  const char *bad[] = { "12800138000", "1380013800", "138001380001", "23800138000", "abc", NULL };

  for (guint i = 0; good[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_true (gx_validate_mobile (good[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; bad[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (gx_validate_mobile (bad[i], &error));
      g_assert_error (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_FORMAT);
    }

  {
    g_autoptr(GError) error = NULL;
    g_assert_false (gx_validate_mobile ("", &error));
    g_assert_error (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_REQUIRED);
  }
}

static void
test_landline (void)
{
  const char *good[] = { "010-12345678", "021 6432 1234", "0755-8765432", "(020) 87654321",
                         "010-12345678-123", "010-12345678 ext 88", "4008123123", NULL };
  const char *bad[] = { "12345678", "010-123", "0010-12345678", "010-123456789012", NULL };

  for (guint i = 0; good[i]; i++)
    g_assert_true (gx_validate_landline (good[i], NULL));
  for (guint i = 0; bad[i]; i++)
    g_assert_false (gx_validate_landline (bad[i], NULL));

  /* gx_validate_phone takes either kind. */
  g_assert_true (gx_validate_phone ("13800138000", NULL));
  g_assert_true (gx_validate_phone ("010-12345678", NULL));
  g_assert_false (gx_validate_phone ("555-1234", NULL));
}

static void
test_phone_normalize (void)
{
  g_autofree char *a = gx_phone_normalize ("+86 (138) 0013-8000");
  g_autofree char *b = gx_phone_normalize ("0086 13800138000");
  g_autofree char *c = gx_phone_normalize ("010-1234 5678");

  g_assert_cmpstr (a, ==, "13800138000");
  g_assert_cmpstr (b, ==, "13800138000");
  g_assert_cmpstr (c, ==, "01012345678");
}

static void
test_email (void)
{
  g_assert_true (gx_validate_email ("wang.wei@example.com.cn", NULL));
  g_assert_true (gx_validate_email ("李娜@例子.中国", NULL));
  g_assert_false (gx_validate_email ("wang.wei", NULL));
  g_assert_false (gx_validate_email ("@example.com", NULL));
  g_assert_false (gx_validate_email ("a@b", NULL));
  g_assert_false (gx_validate_email ("a b@example.com", NULL));
  g_assert_false (gx_validate_email ("a@@example.com", NULL));
}

static void
test_date (void)
{
  g_assert_true (gx_validate_date ("1985-07-21", NULL));
  g_assert_true (gx_validate_date ("2024-02-29", NULL));
  g_assert_false (gx_validate_date ("2023-02-29", NULL));
  g_assert_false (gx_validate_date ("1985-13-01", NULL));
  g_assert_false (gx_validate_date ("85-07-21", NULL));
  g_assert_false (gx_validate_date ("1985/07/21", NULL));
}

static void
test_resident_id (void)
{
  g_autofree char *birthday = NULL;
  g_autofree char *gender = NULL;
  g_autoptr(GError) error = NULL;

  /* The example number of GB 11643-1999, and one computed by hand. */
  g_assert_cmpint (gx_resident_id_check_digit ("11010519491231002"), ==, 'X');
  g_assert_cmpint (gx_resident_id_check_digit ("44030519850721001"), ==, '2');
  g_assert_true (gx_validate_resident_id ("11010519491231002X", NULL));
  g_assert_true (gx_validate_resident_id ("11010519491231002x", NULL));
  g_assert_true (gx_validate_resident_id ("440305198507210012", NULL));

  /* One digit mistyped: the check digit catches it. */
  g_assert_false (gx_validate_resident_id ("110105194912310021", &error));
  g_assert_error (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_CHECKSUM);
  g_clear_error (&error);
  g_assert_false (gx_validate_resident_id ("11010519491231102X", &error));
  g_assert_error (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_CHECKSUM);
  g_clear_error (&error);

  /* A date that does not exist. */
  g_assert_false (gx_validate_resident_id ("110105194902300021", &error));
  g_assert_error (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_FORMAT);
  g_clear_error (&error);

  g_assert_false (gx_validate_resident_id ("1101051949123100", &error));
  g_assert_error (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_FORMAT);

  /* The birthday and gender it implies, offered to fill in. */
  g_assert_true (gx_resident_id_facts ("11010519491231002X", &birthday, &gender));
  g_assert_cmpstr (birthday, ==, "1949-12-31");
  g_assert_cmpstr (gender, ==, "female");
  g_clear_pointer (&gender, g_free);
  g_assert_true (gx_resident_id_facts ("440305198507210012", NULL, &gender));
  g_assert_cmpstr (gender, ==, "male");
}

static void
test_mask (void)
{
  g_autofree char *id = gx_mask_id_number ("32010219850721123X");
  g_autofree char *short_one = gx_mask_id_number ("123456");
  g_autofree char *none = gx_mask_id_number (NULL);

  g_assert_cmpstr (id, ==, "3201••••••••••123X");
  g_assert_cmpstr (short_one, ==, "••••56");
  g_assert_cmpstr (none, ==, "");
}

static void
test_accounts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normal = gx_accounts_normalize (" 招行储蓄卡 6225 8801 2345 6789 ；6217-0000-1111-2222-333;\n;");
  g_autofree char *masked = gx_mask_accounts (normal);
  g_autofree char *none = gx_mask_accounts ("");

  /* Several accounts, each a label (optional) and its number; either semicolon. */
  g_assert_true (gx_validate_accounts ("招行储蓄卡 6225 8801 2345 6789；6217000011112222333", NULL));
  g_assert_true (gx_validate_accounts ("", NULL));
  g_assert_true (gx_validate_accounts (NULL, NULL));
  g_assert_cmpstr (normal, ==, "招行储蓄卡 6225 8801 2345 6789; 6217-0000-1111-2222-333");

  /* A number too short, or no number at all, is named in the message. */
  g_assert_false (gx_validate_accounts ("工行 6222 021; 招行", &error));
  g_assert_error (error, GX_VALIDATION_ERROR, GX_VALIDATION_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "工行 6222 021"));
  g_clear_error (&error);
  g_assert_false (gx_validate_accounts ("6225880123456789; 招行", &error));
  g_assert_nonnull (strstr (error->message, "招行"));

  /* Masked: the label, the first and last four digits. */
  g_assert_cmpstr (masked, ==, "招行储蓄卡 6225••••••••6789; 6217•••••••••••2333");
  g_assert_cmpstr (none, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/validate/mobile", test_mobile);
  g_test_add_func ("/core/validate/landline", test_landline);
  g_test_add_func ("/core/validate/phone-normalize", test_phone_normalize);
  g_test_add_func ("/core/validate/email", test_email);
  g_test_add_func ("/core/validate/date", test_date);
  g_test_add_func ("/core/validate/resident-id", test_resident_id);
  g_test_add_func ("/core/validate/mask", test_mask);
  g_test_add_func ("/core/validate/accounts", test_accounts);

  return g_test_run ();
}
