/* gx-test-desk-process.c: a desk as a process of its own, for tests that kill it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   gx-test-desk-process DESK.sqlite URL TOKEN USER_ID [EDITS TAG]
 *
 * Opens a desk file (signed in already: its account is saved in it), makes EDITS edits as the
 * app saves them — a new customer, a contact with it, a change to an earlier one, each its own
 * transaction with its outbox row — while its sync client pushes and pulls in the background,
 * then syncs until nothing is left to push and the feed is read to its end, and exits 0.
 * Tests kill it with SIGKILL anywhere on the way.
 */

#define G_LOG_DOMAIN "gx-test-desk-process"

#include "config.h"

#include <stdlib.h>

#include "gx-record.h"
#include "gx-store.h"
#include "gx-sync-client.h"
#include "gx-uuid.h"

typedef struct
{
  const char *user_id;
  const char *tag;
  guint       n;
  gint64      now;
  char       *customer;   /* this edit's new customer */
  char       *earlier;    /* one made before, or NULL */
} Edit;

static gboolean
edit_cb (GxDb      *db,
         gpointer   user_data,
         GError   **error)
{
  Edit *e = user_data;
  GxWriteMeta meta = { .now = e->now, .user_id = e->user_id };
  g_autoptr(JsonObject) customer = json_object_new ();
  g_autoptr(JsonObject) contact = json_object_new ();
  g_autofree char *number = g_strdup_printf ("%s-%04u", e->tag, e->n);
  g_autofree char *name = g_strdup_printf ("客户 %s %u", e->tag, e->n);
  g_autofree char *subject = g_strdup_printf ("回访 %s %u", e->tag, e->n);
  g_autofree char *contact_id = gx_uuid_v7_new ();

  json_object_set_string_member (customer, "number", number);
  json_object_set_string_member (customer, "name", name);
  json_object_set_int_member (customer, "created_at", e->now);
  json_object_set_int_member (customer, "updated_at", e->now);
  if (!gx_record_insert (db, "customer", e->customer, customer, &meta, error))
    return FALSE;

  json_object_set_string_member (contact, "customer_id", e->customer);
  json_object_set_int_member (contact, "at", e->now);
  json_object_set_string_member (contact, "channel", "phone");
  json_object_set_string_member (contact, "subject", subject);
  json_object_set_string_member (contact, "staff_id", e->user_id);
  if (!gx_record_insert (db, "contact_log", contact_id, contact, &meta, error))
    return FALSE;

  if (e->earlier != NULL)
    {
      g_autoptr(JsonObject) change = json_object_new ();
      g_autofree char *company = g_strdup_printf ("公司 %s %u", e->tag, e->n);

      json_object_set_string_member (change, "company", company);
      if (!gx_record_update (db, "customer", e->earlier, change, &meta, error))
        return FALSE;
    }
  return TRUE;
}

static gint64
count (GxStore    *store,
       const char *sql)
{
  return gx_db_query_int (gx_store_get_main_reader (store), sql, NULL, -1, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = NULL;
  g_autoptr(GxClock) clock = NULL;
  g_autoptr(GxSyncClient) client = NULL;
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  guint edits = 0;

  if (argc != 5 && argc != 7)
    {
      g_printerr ("usage: %s DESK.sqlite URL TOKEN USER_ID [EDITS TAG]\n", argv[0]);
      return 2;
    }
  if (argc == 7)
    edits = atoi (argv[5]);

  store = gx_store_open (argv[1], &error);
  if (store == NULL)
    g_error ("%s", error->message);
  clock = gx_clock_new_system ();
  client = gx_sync_client_new (store, clock);
  gx_sync_client_set_timing (client, 20, 200, 1);
  gx_sync_client_set_account (client, argv[2], argv[3]);

  for (guint i = 0; i < edits; i++)
    {
      Edit e = { argv[4], argv[6], i, gx_clock_now (clock), gx_uuid_v7_new (), NULL };

      if (made->len > 0)
        e.earlier = made->pdata[g_random_int_range (0, made->len)];
      if (!gx_store_write_sync (store, edit_cb, &e, &error))
        g_error ("edit %u: %s", i, error->message);
      g_ptr_array_add (made, e.customer);
      /* Let the client work between edits, as it does between a user's saves, which come
       * a few milliseconds apart at the fastest: the kill test needs edits still coming
       * after the server took the first. */
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5 * 1000);
    }

  /* Sync until a whole cycle found nothing to push and read the feed to its end. */
  for (;;)
    {
      guint ticket = gx_sync_client_sync_now (client);

      while (gx_sync_client_get_completed (client) < ticket)
        g_main_context_iteration (NULL, TRUE);
      if (gx_sync_client_get_state (client) == GX_SYNC_STATE_SYNCED &&
          count (store, "SELECT count(*) FROM outbox") == 0)
        break;
    }

  gx_sync_client_stop (client);
  gx_store_close (store);
  return 0;
}
