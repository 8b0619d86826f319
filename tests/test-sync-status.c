/* test-sync-status.c: what the header says about sync; backoff; addresses and archive names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gx-sync-client.h"
#include "gx-sync-status.h"
#include "gx-test-util.h"

static void
describe (const GxSyncFacts *facts,
          const char        *label,
          const char        *style,
          gboolean           needs_sign_in)
{
  GxSyncStatus status;

  gx_sync_status_describe (facts, &status);
  g_assert_cmpstr (status.label, ==, label);
  g_assert_cmpstr (status.style, ==, style);
  g_assert_nonnull (status.title);
  g_assert_nonnull (status.detail);
  g_assert_nonnull (status.icon_name);
  g_assert_true (status.needs_sign_in == needs_sign_in);
  gx_sync_status_clear (&status);
}

static void
test_states (void)
{
  GxSyncFacts facts = { .now = GX_TEST_NOW };

  facts.state = GX_SYNC_STATE_LOCAL;
  describe (&facts, "Offline", NULL, TRUE);

  facts.state = GX_SYNC_STATE_SIGNED_OUT;
  describe (&facts, "Sign in to sync", "warning", TRUE);

  facts.state = GX_SYNC_STATE_OFFLINE;
  facts.retry_at = GX_TEST_NOW + 30;
  describe (&facts, "Offline", "warning", FALSE);

  facts.state = GX_SYNC_STATE_SYNCING;
  describe (&facts, "Syncing…", NULL, FALSE);

  facts.state = GX_SYNC_STATE_SYNCED;
  facts.last_sync = GX_TEST_NOW - 2;
  describe (&facts, "Synced just now", NULL, FALSE);
  facts.last_sync = GX_TEST_NOW - 40;
  describe (&facts, "Synced 40 seconds ago", NULL, FALSE);
  facts.last_sync = GX_TEST_NOW - 150;
  describe (&facts, "Synced 2 minutes ago", NULL, FALSE);

  /* Waiting changes, then refused ones, then conflicts take over the label. */
  facts.n_waiting = 3;
  describe (&facts, "3 waiting", NULL, FALSE);
  facts.n_parked = 1;
  describe (&facts, "1 refused", "warning", FALSE);
  facts.n_conflicts = 2;
  describe (&facts, "2 conflicts", "warning", FALSE);

  /* A desk without a server has nothing to resolve with anyone. */
  facts.state = GX_SYNC_STATE_LOCAL;
  describe (&facts, "Offline", NULL, TRUE);
}

static void
test_offline_detail_says_when (void)
{
  GxSyncFacts facts = { .state = GX_SYNC_STATE_OFFLINE, .now = GX_TEST_NOW, .retry_at = GX_TEST_NOW + 12,
                        .message = "The server cannot be reached: Connection refused" };
  GxSyncStatus status;

  gx_sync_status_describe (&facts, &status);
  g_assert_nonnull (strstr (status.detail, "Connection refused"));
  g_assert_nonnull (strstr (status.detail, "12 seconds"));
  gx_sync_status_clear (&status);
}

static void
test_backoff (void)
{
  /* Full jitter: anywhere below a ceiling that doubles, up to the cap. */
  g_assert_cmpuint (gx_sync_backoff_delay_ms (1, 1000, 60000, 0, 0.0), ==, 0);
  g_assert_cmpuint (gx_sync_backoff_delay_ms (1, 1000, 60000, 0, 0.5), ==, 500);
  g_assert_cmpuint (gx_sync_backoff_delay_ms (3, 1000, 60000, 0, 0.5), ==, 2000);
  g_assert_cmpuint (gx_sync_backoff_delay_ms (10, 1000, 60000, 0, 0.999), <, 60000);
  g_assert_cmpuint (gx_sync_backoff_delay_ms (40, 1000, 60000, 0, 0.5), ==, 30000);
  /* Never sooner than the server asked. */
  g_assert_cmpuint (gx_sync_backoff_delay_ms (1, 1000, 60000, 7, 0.1), ==, 7000);
  g_assert_cmpuint (gx_sync_backoff_delay_ms (9, 1000, 60000, 7, 0.9), >, 7000);
}

static void
test_addresses (void)
{
  g_autoptr(GError) error = NULL;
  char *url;

  url = gx_sync_normalize_url ("  crm.example.com ", &error);
  g_assert_cmpstr (url, ==, "https://crm.example.com");
  g_free (url);
  url = gx_sync_normalize_url ("http://10.0.0.5:8765/", &error);
  g_assert_cmpstr (url, ==, "http://10.0.0.5:8765");
  g_free (url);

  for (const char * const *bad = (const char * const[]) { "", "ftp://x.org", "http://", "http://a.b/?x=1", "http://u:p@a.b", NULL }; *bad; bad++)
    {
      url = gx_sync_normalize_url (*bad, &error);
      g_assert_null (url);
      g_assert_error (error, GX_SYNC_ERROR, GX_SYNC_ERROR_INVALID_URL);
      g_clear_error (&error);
    }

  /* One archive per account: user and server in a name every file system takes. */
  url = gx_sync_account_stem ("https://crm.example.com", "lina");
  g_assert_cmpstr (url, ==, "lina@crm.example.com");
  g_free (url);
  url = gx_sync_account_stem ("http://10.0.0.5:8765", "wang wei/2");
  g_assert_cmpstr (url, ==, "wang_wei_2@10.0.0.5-8765");
  g_free (url);
}

static void
test_words (void)
{
  g_autofree char *notes = gx_sync_field_label ("customer", "notes");
  g_autofree char *unknown = gx_sync_field_label ("customer", "follow_up_on");
  g_autofree char *text = gx_sync_format_value ("\"周末勿扰\"");
  g_autofree char *empty = gx_sync_format_value ("null");
  g_autofree char *number = gx_sync_format_value ("3");

  g_assert_cmpstr (notes, ==, "Notes");
  g_assert_cmpstr (unknown, ==, "Follow up on");
  g_assert_cmpstr (gx_sync_kind_label ("case"), ==, "Complaint");
  g_assert_cmpstr (text, ==, "周末勿扰");
  g_assert_cmpstr (empty, ==, "(empty)");
  g_assert_cmpstr (number, ==, "3");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/sync-status/states", test_states);
  g_test_add_func ("/core/sync-status/offline-detail-says-when", test_offline_detail_says_when);
  g_test_add_func ("/core/sync-status/backoff", test_backoff);
  g_test_add_func ("/core/sync-status/addresses", test_addresses);
  g_test_add_func ("/core/sync-status/words", test_words);

  return g_test_run ();
}
