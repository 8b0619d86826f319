/* test-format.c: deadlines, dates and amounts as the desk reads them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gx-format.h"
#include "gx-test-util.h"
#include "gx-uuid.h"

#define HOUR 3600
#define DAY (24 * HOUR)

static void
test_deadline_state (void)
{
  gint64 now = GX_TEST_NOW;

  g_assert_cmpint (gx_deadline_state (0, 0, now, HOUR), ==, GX_DEADLINE_NONE);
  g_assert_cmpint (gx_deadline_state (now + 3 * HOUR, 0, now, HOUR), ==, GX_DEADLINE_ON_TIME);
  g_assert_cmpint (gx_deadline_state (now + 30 * 60, 0, now, HOUR), ==, GX_DEADLINE_NEAR);
  g_assert_cmpint (gx_deadline_state (now + HOUR, 0, now, HOUR), ==, GX_DEADLINE_NEAR);
  g_assert_cmpint (gx_deadline_state (now - 1, 0, now, HOUR), ==, GX_DEADLINE_OVERDUE);
  g_assert_cmpint (gx_deadline_state (now - DAY, now - 2 * DAY, now, HOUR), ==, GX_DEADLINE_MET);
  g_assert_cmpint (gx_deadline_state (now - 2 * DAY, now - DAY, now, HOUR), ==, GX_DEADLINE_OVERDUE);

  g_assert_cmpstr (gx_deadline_style_class (GX_DEADLINE_ON_TIME), ==, "success");
  g_assert_cmpstr (gx_deadline_style_class (GX_DEADLINE_NEAR), ==, "warning");
  g_assert_cmpstr (gx_deadline_style_class (GX_DEADLINE_OVERDUE), ==, "error");
  g_assert_null (gx_deadline_style_class (GX_DEADLINE_NONE));
}

static void
test_deadline_words (void)
{
  gint64 now = GX_TEST_NOW;
  struct {
    gint64 due, done;
    const char *text;
  } cases[] = {
    { now + 3 * HOUR + 59, 0, "3 h left" },
    { now + 45 * 60, 0, "45 min left" },
    { now + 3 * DAY, 0, "3 days left" },
    { now - 26 * HOUR, 0, "Overdue by 26 h" },
    { now - 2 * DAY, 0, "Overdue by 2 days" },
    { now - DAY, now - 2 * DAY, "Met" },
    { now - 3 * HOUR, now - HOUR, "Late by 2 h" },
    { 0, 0, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = gx_format_deadline (cases[i].due, cases[i].done, now);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_dates (void)
{
  g_autoptr(GTimeZone) shanghai = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autofree char *date = gx_format_date (GX_TEST_NOW, shanghai);
  g_autofree char *date_time = gx_format_date_time (GX_TEST_NOW, shanghai);
  g_autofree char *iso = gx_format_iso_date ("1985-07-21");
  g_autofree char *bad = gx_format_iso_date ("1985-02-30");
  g_autofree char *none = gx_format_date (0, shanghai);

  g_assert_nonnull (shanghai);
  g_assert_cmpstr (date, ==, "Nov 22, 2026");
  g_assert_cmpstr (date_time, ==, "Nov 22, 2026 10:00");
  g_assert_cmpstr (iso, ==, "Jul 21, 1985");
  g_assert_cmpstr (bad, ==, "");
  g_assert_cmpstr (none, ==, "");
}

static void
test_money (void)
{
  g_autofree char *a = gx_format_money (1240850);
  g_autofree char *b = gx_format_money (-5);

  /* The C locale groups no digits. */
  g_assert_cmpstr (a, ==, "¥12408.50");
  g_assert_cmpstr (b, ==, "−¥0.05");
}

static void
test_uuid_v7 (void)
{
  g_autofree char *a = gx_uuid_v7_new_at (1795312800000);
  g_autofree char *b = gx_uuid_v7_new_at (1795312800000);
  g_autofree char *c = gx_uuid_v7_new_at (1795312800001);

  g_assert_true (gx_uuid_is_valid (a));
  g_assert_cmpint (a[14], ==, '7');
  g_assert_true (strchr ("89ab", a[19]) != NULL);
  g_assert_cmpint (gx_uuid_v7_get_unix_ms (a), ==, 1795312800000);

  /* Made one after another, they sort in the order they were made, even within one ms. */
  g_assert_cmpstr (a, <, b);
  g_assert_cmpstr (b, <, c);
  g_assert_cmpint (gx_uuid_v7_get_unix_ms ("not-a-uuid"), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/format/deadline-state", test_deadline_state);
  g_test_add_func ("/core/format/deadline-words", test_deadline_words);
  g_test_add_func ("/core/format/dates", test_dates);
  g_test_add_func ("/core/format/money", test_money);
  g_test_add_func ("/core/uuid/v7-ordered", test_uuid_v7);

  return g_test_run ();
}
