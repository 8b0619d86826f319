/* test-pinyin.c: Chinese names found and sorted by pinyin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gx-pinyin.h"

static void
test_full_and_initials (void)
{
  g_autofree char *full = gx_pinyin_full ("王伟", TRUE);
  g_autofree char *initials = gx_pinyin_initials ("王伟", TRUE);
  g_autofree char *latin = gx_pinyin_full ("Wang Fang", TRUE);
  g_autofree char *latin_initials = gx_pinyin_initials ("Wang Fang", TRUE);
  g_autofree char *lv = gx_pinyin_full ("吕绿", FALSE);

  g_assert_cmpstr (full, ==, "wang wei");
  g_assert_cmpstr (initials, ==, "ww");
  g_assert_cmpstr (latin, ==, "wang fang");
  g_assert_cmpstr (latin_initials, ==, "wf");
  /* ü is written v, as pinyin keyboards type it. */
  g_assert_cmpstr (lv, ==, "lv lv");
}

static void
test_surname_readings (void)
{
  g_autofree char *person = gx_pinyin_full ("曾国藩", TRUE);
  g_autofree char *word = gx_pinyin_full ("曾经", FALSE);
  g_autofree char *shan = gx_pinyin_full ("单田芳", TRUE);

  g_assert_cmpstr (person, ==, "zeng guo fan");
  g_assert_cmpstr (word, ==, "ceng jing");
  g_assert_cmpstr (shan, ==, "shan tian fang");
}

static void
test_variants (void)
{
  g_autoptr(GPtrArray) variants = gx_pinyin_variants ("曾伟", 16);
  gboolean zeng = FALSE, ceng = FALSE;

  for (guint i = 0; i < variants->len; i++)
    {
      zeng |= g_strcmp0 (g_ptr_array_index (variants, i), "zeng wei") == 0;
      ceng |= g_strcmp0 (g_ptr_array_index (variants, i), "ceng wei") == 0;
    }

  /* Either reading finds the person; the surname reading comes first. */
  g_assert_true (zeng);
  g_assert_true (ceng);
  g_assert_cmpstr (g_ptr_array_index (variants, 0), ==, "zeng wei");
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static void
test_sort_order (void)
{
  const char *names[] = { "张伟", "李娜", "王芳", "Alice Chen", "陈静", "Zhao Lei", "王伟" };
  const char *expected[] = { "Alice Chen", "陈静", "李娜", "王芳", "王伟", "张伟", "Zhao Lei" };
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *key = gx_pinyin_sort_key (names[i], TRUE);
      g_ptr_array_add (keys, g_strconcat (key, "\x02", names[i], NULL));
    }
  g_ptr_array_sort (keys, compare_keys);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (strrchr (g_ptr_array_index (keys, i), '\x02') + 1, ==, expected[i]);
}

static void
test_lookup (void)
{
  g_assert_true (g_str_has_prefix (gx_pinyin_lookup (0x738B), "wang2"));  /* 王 */
  g_assert_null (gx_pinyin_lookup ('A'));
  g_assert_true (gx_pinyin_has_han ("Li 李"));
  g_assert_false (gx_pinyin_has_han ("Li Na"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/pinyin/full-and-initials", test_full_and_initials);
  g_test_add_func ("/core/pinyin/surname-readings", test_surname_readings);
  g_test_add_func ("/core/pinyin/variants", test_variants);
  g_test_add_func ("/core/pinyin/sort-order", test_sort_order);
  g_test_add_func ("/core/pinyin/lookup", test_lookup);

  return g_test_run ();
}
