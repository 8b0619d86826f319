/* test-access.c: who may read which profile — the rule the desk and the server share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gx-access.h"

#define OWNER "0190a1b2-0000-7000-8000-000000000001"
#define OTHER "0190a1b2-0000-7000-8000-000000000002"

static void
test_ordinary_for_everyone (void)
{
  for (GxRole role = GX_ROLE_DESK; role <= GX_ROLE_ADMIN; role++)
    g_assert_true (gx_access_can_read (role, OTHER, OWNER, GX_CONFIDENTIALITY_ORDINARY));
}

static void
test_desk_staff (void)
{
  /* Ordinary staff may not read confidential profiles, not even their own. */
  g_assert_false (gx_access_can_read (GX_ROLE_DESK, OTHER, OWNER, GX_CONFIDENTIALITY_SECRET));
  g_assert_true (gx_access_can_read (GX_ROLE_DESK, OWNER, OWNER, GX_CONFIDENTIALITY_SECRET));
  g_assert_false (gx_access_can_read (GX_ROLE_DESK, OWNER, OWNER, GX_CONFIDENTIALITY_CONFIDENTIAL));
  g_assert_false (gx_access_can_read (GX_ROLE_DESK, OWNER, OWNER, GX_CONFIDENTIALITY_TOP_SECRET));
}

static void
test_top_secret_owner_and_supervisors (void)
{
  g_assert_true (gx_access_can_read (GX_ROLE_RELATIONSHIP, OWNER, OWNER, GX_CONFIDENTIALITY_TOP_SECRET));
  g_assert_false (gx_access_can_read (GX_ROLE_RELATIONSHIP, OTHER, OWNER, GX_CONFIDENTIALITY_TOP_SECRET));
  g_assert_true (gx_access_can_read (GX_ROLE_SUPERVISOR, OTHER, OWNER, GX_CONFIDENTIALITY_TOP_SECRET));
  g_assert_false (gx_access_can_read (GX_ROLE_ADMIN, OWNER, OWNER, GX_CONFIDENTIALITY_SECRET));
  /* Nobody owns a profile without an owner. */
  g_assert_false (gx_access_can_read (GX_ROLE_RELATIONSHIP, OWNER, NULL, GX_CONFIDENTIALITY_SECRET));
  g_assert_false (gx_access_can_read (GX_ROLE_RELATIONSHIP, NULL, NULL, GX_CONFIDENTIALITY_SECRET));
}

static void
test_codes (void)
{
  g_assert_true (gx_access_can_read_codes ("supervisor", OTHER, OWNER, "top_secret"));
  g_assert_true (gx_access_can_read_codes ("desk", OTHER, OWNER, NULL));
  /* An unknown level is the strictest, an unknown role the weakest. */
  g_assert_false (gx_access_can_read_codes ("relationship", OTHER, OWNER, "cosmic"));
  g_assert_true (gx_access_can_read_codes ("relationship", OWNER, OWNER, "cosmic"));
  g_assert_false (gx_access_can_read_codes ("intern", OWNER, OWNER, "secret"));
}

static void
test_register_and_log (void)
{
  g_assert_false (gx_access_is_registered (GX_CONFIDENTIALITY_ORDINARY));
  g_assert_true (gx_access_is_registered (GX_CONFIDENTIALITY_SECRET));
  g_assert_true (gx_access_is_registered (GX_CONFIDENTIALITY_TOP_SECRET));

  g_assert_true (gx_access_may_read_log (GX_ROLE_SUPERVISOR));
  g_assert_false (gx_access_may_read_log (GX_ROLE_RELATIONSHIP));
  g_assert_false (gx_access_may_read_log (GX_ROLE_DESK));

  g_assert_true (gx_access_may_set_level (GX_ROLE_DESK, GX_CONFIDENTIALITY_SECRET));
  g_assert_false (gx_access_may_set_level (GX_ROLE_DESK, GX_CONFIDENTIALITY_CONFIDENTIAL));
  g_assert_true (gx_access_may_set_level (GX_ROLE_RELATIONSHIP, GX_CONFIDENTIALITY_TOP_SECRET));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/access/ordinary-for-everyone", test_ordinary_for_everyone);
  g_test_add_func ("/core/access/desk-staff", test_desk_staff);
  g_test_add_func ("/core/access/top-secret-owner-and-supervisors", test_top_secret_owner_and_supervisors);
  g_test_add_func ("/core/access/codes", test_codes);
  g_test_add_func ("/core/access/register-and-log", test_register_and_log);

  return g_test_run ();
}
