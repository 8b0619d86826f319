/* gx-sync-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gx-core-enums.h"
#include "gx-membership.h"
#include "gx-sync-apply.h"
#include "gx-sync-client.h"

/* The sync runs on a thread of its own with a blocking libsoup session, so the loop reads as
 * what it does — push the outbox, pull the feed, wait — and nothing of it touches the UI
 * thread. Every write goes through the store's writer (one transaction per page or push
 * result); the state the header shows is handed to the main context. While all is well the
 * thread waits on a long poll of the feed, so a change from another desk arrives at once; a
 * local change, "Sync now" or a new sign-in cancels the wait. Failures back off
 * exponentially with full jitter and honour Retry-After; a 401 stops until the user signs in
 * again. */

#define PUSH_BATCH 200
#define PAGE_SIZE 1000
#define DEFAULT_BACKOFF_BASE_MS 1000
#define DEFAULT_BACKOFF_CAP_MS (5 * 60 * 1000)
#define DEFAULT_WAIT_SECONDS 25

struct _GxSyncClient
{
  GObject       parent_instance;

  /* Owned */
  GxStore      *store;
  GxClock      *clock;
  GMainContext *context;
  GThread      *thread;
  GNetworkMonitor *monitor;

  /* Shared with the thread, under lock */
  GMutex        lock;
  GCond         cond;
  char         *url;
  char         *token;
  char         *language;
  GCancellable *wait_cancellable;
  guint         backoff_base_ms;
  guint         backoff_cap_ms;
  guint         wait_seconds;
  guint         requested;     /* tickets of gx_sync_client_sync_now() */
  guint         generation;    /* bumped when the account or token changes */
  guint         wake : 1;
  guint         stop : 1;

  /* Main thread */
  GxSyncState   state;
  gint64        last_sync;
  gint64        retry_at;
  char         *message;
  guint         completed;
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_LAST_SYNC,
  PROP_RETRY_AT,
  PROP_MESSAGE,
  N_PROPS
};

enum {
  SYNCED,
  SIGNED_OUT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_QUARK (gx-sync-error-quark, gx_sync_error)

G_DEFINE_FINAL_TYPE (GxSyncClient, gx_sync_client, G_TYPE_OBJECT)

/* Pure helpers */

/**
 * gx_sync_backoff_delay_ms:
 * @attempt: how many attempts failed in a row (1 for the first failure)
 * @base_ms: the delay ceiling after the first failure
 * @cap_ms: the largest delay ceiling
 * @retry_after_s: what the server asked for (Retry-After), 0 if nothing
 * @random: a random number in [0, 1)
 *
 * Exponential backoff with full jitter: a delay drawn uniformly below a ceiling that doubles
 * with every failure up to @cap_ms, so desks that lost the server together do not come back
 * together; never sooner than the server asked.
 *
 * Returns: the delay in milliseconds
 */
guint
gx_sync_backoff_delay_ms (guint  attempt,
                          guint  base_ms,
                          guint  cap_ms,
                          guint  retry_after_s,
                          double random)
{
  double ceiling = base_ms;
  double delay;

  for (guint i = 1; i < attempt && ceiling < cap_ms; i++)
    ceiling *= 2;
  ceiling = MIN (ceiling, (double) cap_ms);

  delay = floor (CLAMP (random, 0.0, 1.0) * ceiling);
  if (retry_after_s > 0 && delay < retry_after_s * 1000.0)
    delay = retry_after_s * 1000.0;

  return (guint) MIN (delay, (double) G_MAXUINT);
}

/**
 * gx_sync_normalize_url:
 * @text: what the user typed: "crm.example.com", "http://10.0.0.5:8765/"…
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the server's base URL, without a trailing slash;
 *   https is assumed when no scheme is given
 */
char *
gx_sync_normalize_url (const char  *text,
                       GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  char *result;
  gsize length;

  trimmed = g_strstrip (g_strdup (text ? text : ""));
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, GX_SYNC_ERROR, GX_SYNC_ERROR_INVALID_URL, _("Enter the server’s address."));
      return NULL;
    }

  if (strstr (trimmed, "://") == NULL)
    with_scheme = g_strconcat ("https://", trimmed, NULL);
  else
    with_scheme = g_strdup (trimmed);

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0) ||
      g_uri_get_query (uri) != NULL || g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, GX_SYNC_ERROR, GX_SYNC_ERROR_INVALID_URL,
                   _("“%s” is not a server address. Enter it like crm.example.com or http://10.0.0.5:8765."), trimmed);
      return NULL;
    }

  result = g_uri_to_string_partial (uri, G_URI_HIDE_FRAGMENT);
  length = strlen (result);
  while (length > 0 && result[length - 1] == '/')
    result[--length] = '\0';
  return result;
}

/**
 * gx_sync_account_stem:
 * @server_url: a normalized server URL
 * @username: the user signed in
 *
 * Returns: (transfer full): the file stem of the account's archive, e.g.
 *   `lina@crm.example.com` — one archive per account, so two users of one computer, or one
 *   user of two servers, never share records
 */
char *
gx_sync_account_stem (const char *server_url,
                      const char *username)
{
  g_autoptr(GUri) uri = g_uri_parse (server_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GString) stem = g_string_new (NULL);
  const char *host = uri ? g_uri_get_host (uri) : "server";
  int port = uri ? g_uri_get_port (uri) : -1;

  g_string_append_printf (stem, "%s@%s", username, host);
  if (port > 0)
    g_string_append_printf (stem, "-%d", port);

  /* Only characters every file system takes. */
  for (gsize i = 0; i < stem->len; i++)
    if (!g_ascii_isalnum (stem->str[i]) && strchr ("@.-_", stem->str[i]) == NULL)
      stem->str[i] = '_';

  return g_string_free (g_steal_pointer (&stem), FALSE);
}

/* State, handed to the main context */

typedef struct
{
  GWeakRef     client;
  GxSyncState  state;
  gint64       last_sync;
  gint64       retry_at;
  char        *message;
  gboolean     synced;
  gboolean     signed_out;
  guint        ticket;
} StateUpdate;

static void
state_update_free (gpointer data)
{
  StateUpdate *update = data;

  g_weak_ref_clear (&update->client);
  g_free (update->message);
  g_free (update);
}

static gboolean
apply_state_cb (gpointer data)
{
  StateUpdate *update = data;
  g_autoptr(GxSyncClient) self = g_weak_ref_get (&update->client);

  if (self == NULL)
    return G_SOURCE_REMOVE;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != update->state)
    {
      self->state = update->state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (update->last_sync > 0 && self->last_sync != update->last_sync)
    {
      self->last_sync = update->last_sync;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
    }
  if (self->retry_at != update->retry_at)
    {
      self->retry_at = update->retry_at;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_AT]);
    }
  if (g_strcmp0 (self->message, update->message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (update->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  if (update->synced && update->ticket > self->completed)
    self->completed = update->ticket;

  if (update->signed_out)
    g_signal_emit (self, signals[SIGNED_OUT], 0);
  if (update->synced)
    g_signal_emit (self, signals[SYNCED], 0);

  return G_SOURCE_REMOVE;
}

static void
post_state (GxSyncClient *self,
            GxSyncState   state,
            gint64        last_sync,
            gint64        retry_at,
            const char   *message,
            guint         ticket)
{
  StateUpdate *update = g_new0 (StateUpdate, 1);

  g_weak_ref_init (&update->client, self);
  update->state = state;
  update->last_sync = last_sync;
  update->retry_at = retry_at;
  update->message = g_strdup (message);
  update->synced = ticket > 0;
  update->ticket = ticket;
  update->signed_out = state == GX_SYNC_STATE_SIGNED_OUT;
  /* Always later, on the thread that iterates the context: g_main_context_invoke() would run
   * it here whenever that thread does not own the context at this instant. */
  {
    GSource *source = g_idle_source_new ();

    g_source_set_callback (source, apply_state_cb, update, state_update_free);
    g_source_attach (source, self->context);
    g_source_unref (source);
  }
}

/* HTTP, on the sync thread */

typedef struct
{
  SoupSession  *session;
  char         *url;
  char         *token;
  char         *language;
  GCancellable *cancellable;
  guint         retry_after;
  guint         status;
  char         *field;       /* the field a refusal named */
  GxSyncClient *client;
  guint         generation;
} Cycle;

/* An answer fetched for an account that is no longer the desk's (signed out, another user)
 * is not applied: what was pushed is pushed again, idempotently, at the next sign-in. */
static gboolean
cycle_is_current (Cycle   *cycle,
                  GError **error)
{
  gboolean current;

  g_mutex_lock (&cycle->client->lock);
  current = cycle->generation == cycle->client->generation;
  g_mutex_unlock (&cycle->client->lock);

  if (!current)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "the account changed");
  return current;
}

static guint
parse_retry_after (SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
  guint64 seconds;

  if (value == NULL)
    return 0;
  if (g_ascii_string_to_unsigned (value, 10, 0, 24 * 3600, &seconds, NULL))
    return (guint) seconds;

  {
    g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (value);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    if (when != NULL && g_date_time_compare (when, now) > 0)
      return (guint) (g_date_time_difference (when, now) / G_USEC_PER_SEC) + 1;
  }

  return 0;
}

static char *
problem_detail (GBytes  *body,
                char   **field)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *problem;
  const char *detail;

  if (body == NULL || g_bytes_get_size (body) == 0)
    return NULL;

  {
    g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
    node = json_from_string (text, NULL);
  }
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  problem = json_node_get_object (node);
  if (field != NULL)
    *field = g_strdup (json_object_get_string_member_with_default (problem, "field", NULL));
  detail = json_object_get_string_member_with_default (problem, "detail", NULL);
  if (detail == NULL)
    detail = json_object_get_string_member_with_default (problem, "title", NULL);
  return g_strdup (detail);
}

/* One request; answers the body of a 2xx, or an error that says what to do next. */
static GBytes *
send (Cycle        *cycle,
      const char   *method,
      const char   *path,
      GBytes       *body,
      GCancellable *cancellable,
      GError      **error)
{
  g_autofree char *uri = g_strconcat (cycle->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *detail = NULL;
  SoupMessageHeaders *headers;
  guint status;

  cycle->retry_after = 0;
  cycle->status = 0;
  g_clear_pointer (&cycle->field, g_free);
  if (msg == NULL)
    {
      g_set_error (error, GX_SYNC_ERROR, GX_SYNC_ERROR_INVALID_URL, _("“%s” is not a server address."), cycle->url);
      return NULL;
    }

  headers = soup_message_get_request_headers (msg);
  if (cycle->token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", cycle->token, NULL);
      soup_message_headers_replace (headers, "Authorization", authorization);
    }
  if (cycle->language != NULL)
    soup_message_headers_replace (headers, "Accept-Language", cycle->language);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);

  answer = soup_session_send_and_read (cycle->session, msg, cancellable, &local_error);
  if (answer == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, GX_SYNC_ERROR, GX_SYNC_ERROR_NETWORK, _("The server cannot be reached: %s"), local_error->message);
      return NULL;
    }

  status = cycle->status = soup_message_get_status (msg);
  if (status >= 200 && status < 300)
    return g_steal_pointer (&answer);

  cycle->retry_after = parse_retry_after (msg);
  detail = problem_detail (answer, &cycle->field);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    g_set_error (error, GX_SYNC_ERROR, GX_SYNC_ERROR_UNAUTHORIZED, "%s",
                 detail ? detail : _("The sign-in has ended. Sign in again to sync."));
  else if (status == SOUP_STATUS_GONE)
    g_set_error (error, GX_SYNC_ERROR, GX_SYNC_ERROR_RESYNC, "%s", detail ? detail : _("A full sync is required."));
  else if (status == 429 || status >= 500)
    g_set_error (error, GX_SYNC_ERROR, GX_SYNC_ERROR_SERVER, _("The server is not answering properly (%u). Retrying."), status);
  else
    g_set_error (error, GX_SYNC_ERROR, GX_SYNC_ERROR_REFUSED, "%s",
                 detail ? detail : soup_status_get_phrase (status));

  return NULL;
}

/* Writes, on the store's writer */

typedef struct
{
  JsonArray *results;
  gint64     now;
} ResultsWrite;

static gboolean
write_results_cb (GxDb      *db,
                  gpointer   user_data,
                  GError   **error)
{
  ResultsWrite *w = user_data;

  return gx_sync_apply_results (db, w->results, w->now, error);
}

typedef struct
{
  const char *mutation_id;
  const char *reason;
  const char *field;
} ParkWrite;

static gboolean
write_park_cb (GxDb      *db,
               gpointer   user_data,
               GError   **error)
{
  ParkWrite *w = user_data;

  return gx_sync_park (db, w->mutation_id, w->reason, w->field, error);
}

typedef struct
{
  GxStore    *store;
  GxSyncPage *page;
  gint64      now;
  gboolean    ok;
  GError     *error;
} PageWrite;

static gboolean
write_page_cb (GxDb      *db,
               gpointer   user_data,
               GError   **error)
{
  PageWrite *w = user_data;

  if (!gx_sync_apply_parsed (db, w->page, error))
    return FALSE;

  if (!gx_sync_page_get_more (w->page))
    return gx_sync_finish_resync (db, error) && gx_sync_state_set_int (db, "last_sync", w->now, error);

  return TRUE;
}

/* A page is applied on a thread of its own while the sync thread fetches and parses the next
 * one: the server builds page N+1 while the writer commits page N with its cursor. */
static gpointer
apply_page_thread (gpointer data)
{
  PageWrite *w = data;

  w->ok = gx_store_write_sync (w->store, write_page_cb, w, &w->error);
  return w;
}

static void
page_write_free (PageWrite *w)
{
  gx_sync_page_free (w->page);
  g_clear_error (&w->error);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PageWrite, page_write_free)

/* Waits for the page being applied, if any; FALSE with its error if it failed. */
static gboolean
join_page (GThread  **thread,
           guint     *n_changes,
           GError   **error)
{
  g_autoptr(PageWrite) w = NULL;

  if (*thread == NULL)
    return TRUE;
  w = g_thread_join (g_steal_pointer (thread));
  if (!w->ok)
    {
      g_propagate_error (error, g_steal_pointer (&w->error));
      return FALSE;
    }
  *n_changes += gx_sync_page_get_n_changes (w->page);
  return TRUE;
}

static gboolean
write_resync_cb (GxDb      *db,
                 gpointer   user_data,
                 GError   **error)
{
  return gx_sync_begin_resync (db, error);
}

typedef struct
{
  const char *code;
} DeskCodeWrite;

static gboolean
write_desk_code_cb (GxDb      *db,
                    gpointer   user_data,
                    GError   **error)
{
  DeskCodeWrite *w = user_data;

  return gx_desk_set_code (db, w->code, error) &&
         gx_sync_state_set (db, "desk_code_source", "server", error);
}

/* Member numbers carry the desk's code (gx-member-number.c): once per desk, ask the server
 * for one no other desk of it has. A server that does not hand out codes leaves the desk with
 * its own four-character one. */
static gboolean
register_desk (GxSyncClient  *self,
               Cycle         *cycle,
               GError       **error)
{
  g_autofree char *desk_id = NULL;
  g_autofree char *source = NULL;
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  DeskCodeWrite w;
  GxDb *db;
  char *text;

  db = gx_store_acquire_reader (self->store, error);
  if (db == NULL)
    return FALSE;
  desk_id = gx_sync_state_dup (db, "desk_id");
  source = gx_sync_state_dup (db, "desk_code_source");
  gx_store_release_reader (self->store, db);
  if (desk_id == NULL || g_strcmp0 (source, "server") == 0)
    return TRUE;

  json_object_set_string_member (request, "desk_id", desk_id);
  node = json_node_init_object (json_node_alloc (), request);
  text = json_to_string (node, FALSE);
  body = g_bytes_new_take (text, strlen (text));

  answer = send (cycle, "POST", "/api/v1/desks", body, cycle->cancellable, &local_error);
  if (answer == NULL)
    {
      if (g_error_matches (local_error, GX_SYNC_ERROR, GX_SYNC_ERROR_REFUSED))
        {
          g_debug ("No desk code from the server: %s", local_error->message);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  parsed = json_from_string (g_bytes_get_data (answer, NULL), NULL);
  if (parsed == NULL || !JSON_NODE_HOLDS_OBJECT (parsed))
    return TRUE;
  w.code = json_object_get_string_member_with_default (json_node_get_object (parsed), "desk_code", NULL);
  if (!gx_desk_code_is_valid (w.code))
    return TRUE;

  return cycle_is_current (cycle, error) &&
         gx_store_write_sync (self->store, write_desk_code_cb, &w, error);
}

/* Push and pull */

static gboolean
push_all (GxSyncClient  *self,
          Cycle         *cycle,
          GError       **error)
{
  g_autofree char *desk_id = NULL;
  guint batch = PUSH_BATCH;

  {
    GxDb *db = gx_store_acquire_reader (self->store, error);

    if (db == NULL)
      return FALSE;
    desk_id = gx_sync_state_dup (db, "desk_id");
    gx_store_release_reader (self->store, db);
  }

  for (;;)
    {
      g_autoptr(JsonArray) mutations = NULL;
      g_autoptr(JsonObject) request = json_object_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonNode) parsed = NULL;
      JsonArray *results;
      GxDb *db;
      char *text;

      db = gx_store_acquire_reader (self->store, error);
      if (db == NULL)
        return FALSE;
      mutations = gx_sync_outbox_batch (db, batch, error);
      gx_store_release_reader (self->store, db);
      if (mutations == NULL)
        return FALSE;
      if (json_array_get_length (mutations) == 0)
        return TRUE;

      json_object_set_string_member (request, "desk_id", desk_id ? desk_id : "");
      json_object_set_array_member (request, "mutations", json_array_ref (mutations));
      node = json_node_init_object (json_node_alloc (), request);
      text = json_to_string (node, FALSE);
      body = g_bytes_new_take (text, strlen (text));

      answer = send (cycle, "POST", "/api/v1/push", body, cycle->cancellable, &local_error);
      if (answer == NULL)
        {
          guint n = json_array_get_length (mutations);
          guint bad = n;

          /* Too large for the server: smaller batches. */
          if (cycle->status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE && n > 1)
            {
              batch = MAX (1, n / 2);
              continue;
            }

          /* One mutation the server cannot take at all (too large alone, malformed): park it,
           * so it does not hold up the rest. */
          if (cycle->status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE)
            bad = 0;
          else if (cycle->status == SOUP_STATUS_BAD_REQUEST && cycle->field != NULL &&
                   sscanf (cycle->field, "mutations[%u]", &bad) != 1)
            bad = n;

          if (bad < n)
            {
              JsonObject *mutation = json_array_get_object_element (mutations, bad);
              ParkWrite park = { json_object_get_string_member (mutation, "mutation_id"), local_error->message, NULL };

              if (!cycle_is_current (cycle, error) ||
                  !gx_store_write_sync (self->store, write_park_cb, &park, error))
                return FALSE;
              batch = PUSH_BATCH;
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      {
        g_autofree char *answer_text = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
        parsed = json_from_string (answer_text, NULL);
      }
      if (parsed == NULL || !JSON_NODE_HOLDS_OBJECT (parsed) ||
          !(results = json_object_get_array_member (json_node_get_object (parsed), "results")))
        {
          g_set_error_literal (error, GX_SYNC_ERROR, GX_SYNC_ERROR_BAD_ANSWER,
                               _("The server’s answer to a push cannot be read."));
          return FALSE;
        }

      {
        ResultsWrite w = { results, gx_clock_now (self->clock) };

        if (!cycle_is_current (cycle, error) ||
            !gx_store_write_sync (self->store, write_results_cb, &w, error))
          return FALSE;
      }
      batch = PUSH_BATCH;
    }
}

/* Pulls until the feed has no more; with @wait, the first request waits for a change. Each
 * page commits with its cursor (gx_sync_apply_parsed()); the next page is fetched from the
 * cursor the page carries while the page is applied, and is applied only after that commit
 * succeeded, so pages commit in order and an interruption resumes at the last commit. */
static gboolean
pull_all (GxSyncClient  *self,
          Cycle         *cycle,
          guint          wait,
          GCancellable  *cancellable,
          guint         *n_changes,
          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GThread *applying = NULL;
  gboolean more = TRUE;
  gboolean from_store = TRUE;
  gint64 cursor = 0;
  gboolean ok = TRUE;

  *n_changes = 0;
  while (ok && more)
    {
      g_autofree char *path = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GxSyncPage) page = NULL;
      PageWrite *w;

      if (from_store)
        {
          GxDb *db = gx_store_acquire_reader (self->store, &local_error);

          if (db == NULL)
            {
              ok = FALSE;
              break;
            }
          cursor = gx_sync_state_get_int (db, "cursor", 0);
          gx_store_release_reader (self->store, db);
          from_store = FALSE;
        }

      if (wait > 0)
        path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT "&limit=%d&wait=%u", cursor, PAGE_SIZE, wait);
      else
        path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT "&limit=%d", cursor, PAGE_SIZE);
      wait = 0;

      body = send (cycle, "GET", path, NULL, cancellable, &local_error);
      if (body == NULL)
        {
          /* The page before is committed or failed before anything else happens. */
          if (!join_page (&applying, n_changes, error))
            return FALSE;
          if (g_error_matches (local_error, GX_SYNC_ERROR, GX_SYNC_ERROR_RESYNC))
            {
              g_clear_error (&local_error);
              if (!cycle_is_current (cycle, error) ||
                  !gx_store_write_sync (self->store, write_resync_cb, NULL, error))
                return FALSE;
              from_store = TRUE;
              continue;
            }
          ok = FALSE;
          break;
        }

      page = gx_sync_page_parse (body, &local_error);
      if (page == NULL)
        {
          ok = FALSE;
          break;
        }
      g_clear_pointer (&body, g_bytes_unref);
      cursor = gx_sync_page_get_cursor (page);
      more = gx_sync_page_get_more (page);

      if (!join_page (&applying, n_changes, error))
        return FALSE;
      if (!cycle_is_current (cycle, &local_error))
        {
          ok = FALSE;
          break;
        }

      w = g_new0 (PageWrite, 1);
      w->store = self->store;
      w->page = g_steal_pointer (&page);
      w->now = gx_clock_now (self->clock);
      applying = g_thread_new ("gx-sync-apply", apply_page_thread, w);
    }

  /* The last page's commit (or failure) is the pull's; a failure of the page before is
   * reported before one of the request after. */
  if (!join_page (&applying, n_changes, error))
    return FALSE;
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

static char *
accept_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_prefix (names[i], "zh"))
      return g_strdup ("zh-CN");
    else if (g_str_has_prefix (names[i], "en"))
      return g_strdup ("en");
  return NULL;
}

/* Waits until there is work: woken, or the time of the next attempt. FALSE to stop. */
static gboolean
wait_for_work (GxSyncClient *self,
               gint64        until_monotonic)
{
  gboolean go;

  g_mutex_lock (&self->lock);
  while (!self->stop && !self->wake &&
         (self->url == NULL || self->token == NULL || (until_monotonic > 0 && g_get_monotonic_time () < until_monotonic)))
    {
      if (self->url == NULL || self->token == NULL || until_monotonic <= 0)
        g_cond_wait (&self->cond, &self->lock);
      else
        g_cond_wait_until (&self->cond, &self->lock, until_monotonic);
    }
  self->wake = FALSE;
  go = !self->stop;
  g_mutex_unlock (&self->lock);

  return go;
}

static gpointer
sync_thread (gpointer data)
{
  GxSyncClient *self = data;   /* alive until gx_sync_client_stop() joined us */
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GRand) rand = g_rand_new ();
  gint64 next_attempt = 0;
  gint64 last_sync = 0;
  guint attempt = 0;

  session = soup_session_new_with_options ("user-agent", "guanxi/" PACKAGE_VERSION,
                                           "timeout", 90, "idle-timeout", 60, NULL);

  while (wait_for_work (self, next_attempt))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      Cycle cycle = { session };

      cycle.client = self;
      guint wait_seconds, base_ms, cap_ms;
      guint n_changes = 0;
      guint ticket;
      gboolean ok;

      g_mutex_lock (&self->lock);
      cycle.url = g_strdup (self->url);
      cycle.token = g_strdup (self->token);
      cycle.language = g_strdup (self->language);
      wait_seconds = self->wait_seconds;
      base_ms = self->backoff_base_ms;
      cap_ms = self->backoff_cap_ms;
      ticket = self->requested + 1;   /* every request made before now is served by this sync */
      cycle.generation = self->generation;
      g_mutex_unlock (&self->lock);

      if (cycle.url == NULL || cycle.token == NULL)
        {
          g_free (cycle.url);
          g_free (cycle.token);
          g_free (cycle.language);
          continue;
        }

      post_state (self, GX_SYNC_STATE_SYNCING, last_sync, 0, NULL, 0);
      ok = register_desk (self, &cycle, &error) &&
           push_all (self, &cycle, &error) && pull_all (self, &cycle, 0, NULL, &n_changes, &error);

      /* In step: wait on the feed for other desks' changes until something needs us. */
      while (ok)
        {
          last_sync = gx_clock_now (self->clock);
          attempt = 0;
          next_attempt = 0;
          post_state (self, GX_SYNC_STATE_SYNCED, last_sync, 0, NULL, ticket);

          g_mutex_lock (&self->lock);
          if (self->wake || self->stop || g_strcmp0 (self->token, cycle.token) != 0)
            {
              g_mutex_unlock (&self->lock);
              break;
            }
          g_set_object (&self->wait_cancellable, cancellable);
          g_mutex_unlock (&self->lock);

          ok = pull_all (self, &cycle, wait_seconds, cancellable, &n_changes, &error);

          g_mutex_lock (&self->lock);
          g_clear_object (&self->wait_cancellable);
          g_mutex_unlock (&self->lock);

          if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              /* Woken: the outer loop pushes and pulls at once, on a fresh connection (the
               * server may still hold the abandoned poll on the old one). */
              soup_session_abort (session);
              ok = TRUE;
              g_clear_error (&error);
              break;
            }
        }

      if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* The account changed under the sync: start again with the new one. */
          soup_session_abort (session);
        }
      else if (!ok)
        {
          if (g_error_matches (error, GX_SYNC_ERROR, GX_SYNC_ERROR_UNAUTHORIZED))
            {
              /* Nothing more until the user signs in again. */
              g_mutex_lock (&self->lock);
              if (g_strcmp0 (self->token, cycle.token) == 0)
                g_clear_pointer (&self->token, g_free);
              g_mutex_unlock (&self->lock);
              next_attempt = 0;
              post_state (self, GX_SYNC_STATE_SIGNED_OUT, last_sync, 0, error->message, 0);
            }
          else
            {
              guint delay;

              attempt++;
              delay = gx_sync_backoff_delay_ms (attempt, base_ms, cap_ms, cycle.retry_after, g_rand_double (rand));
              next_attempt = g_get_monotonic_time () + (gint64) delay * 1000;
              post_state (self, GX_SYNC_STATE_OFFLINE, last_sync, gx_clock_now (self->clock) + delay / 1000 + 1,
                          error->message, 0);
            }
        }

      g_free (cycle.url);
      g_free (cycle.token);
      g_free (cycle.language);
      g_free (cycle.field);
    }

  return NULL;
}

/* Waking the thread */

static void
wake (GxSyncClient *self)
{
  g_mutex_lock (&self->lock);
  self->wake = TRUE;
  if (self->wait_cancellable != NULL)
    g_cancellable_cancel (self->wait_cancellable);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

static void
on_outbox_changed_cb (GxSyncClient *self,
                      const char   *table)
{
  wake (self);
}

static void
on_network_changed_cb (GxSyncClient *self,
                       gboolean      available)
{
  if (available)
    wake (self);
}

/* GObject */

static void
gx_sync_client_dispose (GObject *object)
{
  GxSyncClient *self = (GxSyncClient *) object;

  gx_sync_client_stop (self);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (gx_sync_client_parent_class)->dispose (object);
}

static void
gx_sync_client_finalize (GObject *object)
{
  GxSyncClient *self = (GxSyncClient *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->wait_cancellable);
  g_free (self->url);
  g_free (self->token);
  g_free (self->language);
  g_free (self->message);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (gx_sync_client_parent_class)->finalize (object);
}

static void
gx_sync_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GxSyncClient *self = GX_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_LAST_SYNC:
      g_value_set_int64 (value, self->last_sync);
      break;
    case PROP_RETRY_AT:
      g_value_set_int64 (value, self->retry_at);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_sync_client_class_init (GxSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gx_sync_client_dispose;
  object_class->finalize = gx_sync_client_finalize;
  object_class->get_property = gx_sync_client_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, GX_TYPE_SYNC_STATE, GX_SYNC_STATE_LOCAL,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNC] =
    g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETRY_AT] =
    g_param_spec_int64 ("retry-at", NULL, NULL, 0, G_MAXINT64, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GxSyncClient::synced:
   *
   * Emitted on the main context after a sync in which everything was pushed and pulled.
   */
  signals[SYNCED] = g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * GxSyncClient::signed-out:
   *
   * Emitted when the server refused the sign-in (401): the user must sign in again.
   */
  signals[SIGNED_OUT] = g_signal_new ("signed-out", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gx_sync_client_init (GxSyncClient *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->backoff_base_ms = DEFAULT_BACKOFF_BASE_MS;
  self->backoff_cap_ms = DEFAULT_BACKOFF_CAP_MS;
  self->wait_seconds = DEFAULT_WAIT_SECONDS;
  self->language = accept_language ();
}

/* Public API */

/**
 * gx_sync_client_new:
 * @store: the desk's store
 * @clock: the time
 *
 * Creates the sync client of @store. It syncs once it has an account
 * (gx_sync_client_set_account()); its state is reported on the thread-default main context
 * of the caller.
 *
 * Returns: (transfer full): a new sync client
 */
GxSyncClient *
gx_sync_client_new (GxStore *store,
                    GxClock *clock)
{
  GxSyncClient *self;
  GxDb *db;

  g_return_val_if_fail (GX_IS_STORE (store), NULL);
  g_return_val_if_fail (GX_IS_CLOCK (clock), NULL);

  self = g_object_new (GX_TYPE_SYNC_CLIENT, NULL);
  self->store = g_object_ref (store);
  self->clock = g_object_ref (clock);
  self->context = g_main_context_ref_thread_default ();

  db = gx_store_get_main_reader (store);
  self->url = gx_sync_state_dup (db, "server_url");
  self->last_sync = gx_sync_state_get_int (db, "last_sync", 0);
  self->state = self->url != NULL && *self->url != '\0' ? GX_SYNC_STATE_SIGNED_OUT : GX_SYNC_STATE_LOCAL;

  g_signal_connect_object (store, "changed::outbox", G_CALLBACK (on_outbox_changed_cb), self, G_CONNECT_SWAPPED);
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_object (self->monitor, "network-changed", G_CALLBACK (on_network_changed_cb), self, G_CONNECT_SWAPPED);

  self->thread = g_thread_new ("gx-sync", sync_thread, self);
  return self;
}

/**
 * gx_sync_client_set_account:
 * @self: a sync client
 * @server_url: (nullable): the server's base URL; %NULL for a desk without a server
 * @token: (nullable): the bearer token; %NULL until the user signs in
 *
 * Syncs with @server_url as the holder of @token, at once.
 */
void
gx_sync_client_set_account (GxSyncClient *self,
                            const char   *server_url,
                            const char   *token)
{
  GxSyncState state;

  g_return_if_fail (GX_IS_SYNC_CLIENT (self));

  g_mutex_lock (&self->lock);
  g_free (self->url);
  self->url = g_strdup (server_url);
  g_free (self->token);
  self->token = g_strdup (token);
  self->generation++;
  g_mutex_unlock (&self->lock);

  if (server_url == NULL)
    state = GX_SYNC_STATE_LOCAL;
  else if (token == NULL)
    state = GX_SYNC_STATE_SIGNED_OUT;
  else
    state = GX_SYNC_STATE_SYNCING;

  if (state != self->state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }

  wake (self);
}

const char *
gx_sync_client_get_server_url (GxSyncClient *self)
{
  g_return_val_if_fail (GX_IS_SYNC_CLIENT (self), NULL);

  return self->url;
}

gboolean
gx_sync_client_has_token (GxSyncClient *self)
{
  gboolean has;

  g_return_val_if_fail (GX_IS_SYNC_CLIENT (self), FALSE);

  g_mutex_lock (&self->lock);
  has = self->token != NULL;
  g_mutex_unlock (&self->lock);

  return has;
}

GxSyncState
gx_sync_client_get_state (GxSyncClient *self)
{
  g_return_val_if_fail (GX_IS_SYNC_CLIENT (self), GX_SYNC_STATE_LOCAL);

  return self->state;
}

/**
 * gx_sync_client_get_last_sync:
 *
 * Returns: when everything was last pushed and pulled (Unix seconds), 0 if never
 */
gint64
gx_sync_client_get_last_sync (GxSyncClient *self)
{
  g_return_val_if_fail (GX_IS_SYNC_CLIENT (self), 0);

  return self->last_sync;
}

/**
 * gx_sync_client_get_retry_at:
 *
 * Returns: when the next attempt is made after a failure (Unix seconds), 0 if none waits
 */
gint64
gx_sync_client_get_retry_at (GxSyncClient *self)
{
  g_return_val_if_fail (GX_IS_SYNC_CLIENT (self), 0);

  return self->retry_at;
}

/**
 * gx_sync_client_get_message:
 *
 * Returns: (nullable): why the last sync failed, for the user
 */
const char *
gx_sync_client_get_message (GxSyncClient *self)
{
  g_return_val_if_fail (GX_IS_SYNC_CLIENT (self), NULL);

  return self->message;
}

/**
 * gx_sync_client_sync_now:
 * @self: a sync client
 *
 * Pushes and pulls at once, without waiting for a backoff to end.
 *
 * Returns: a ticket: gx_sync_client_get_completed() reaches it when a sync that started
 *   after this call succeeded
 */
guint
gx_sync_client_sync_now (GxSyncClient *self)
{
  guint ticket;

  g_return_val_if_fail (GX_IS_SYNC_CLIENT (self), 0);

  g_mutex_lock (&self->lock);
  ticket = ++self->requested + 1;
  g_mutex_unlock (&self->lock);

  wake (self);
  return ticket;
}

/**
 * gx_sync_client_get_completed:
 * @self: a sync client
 *
 * Returns: the newest ticket of gx_sync_client_sync_now() fully served: a sync that started
 *   after that call pushed and pulled everything
 */
guint
gx_sync_client_get_completed (GxSyncClient *self)
{
  g_return_val_if_fail (GX_IS_SYNC_CLIENT (self), 0);

  return self->completed;
}

/**
 * gx_sync_client_set_timing:
 * @self: a sync client
 * @backoff_base_ms: the backoff ceiling after the first failure
 * @backoff_cap_ms: the largest backoff ceiling
 * @wait_seconds: how long one long poll of the feed waits for changes (the sync interval)
 */
void
gx_sync_client_set_timing (GxSyncClient *self,
                           guint         backoff_base_ms,
                           guint         backoff_cap_ms,
                           guint         wait_seconds)
{
  g_return_if_fail (GX_IS_SYNC_CLIENT (self));

  g_mutex_lock (&self->lock);
  self->backoff_base_ms = MAX (backoff_base_ms, 1);
  self->backoff_cap_ms = MAX (backoff_cap_ms, self->backoff_base_ms);
  self->wait_seconds = CLAMP (wait_seconds, 1, 60);
  g_mutex_unlock (&self->lock);
}

/**
 * gx_sync_client_stop:
 * @self: a sync client
 *
 * Ends the sync thread, abandoning what it was doing (it resumes from the store's state
 * next time). Called by dispose.
 */
void
gx_sync_client_stop (GxSyncClient *self)
{
  g_return_if_fail (GX_IS_SYNC_CLIENT (self));

  if (self->thread == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stop = TRUE;
  if (self->wait_cancellable != NULL)
    g_cancellable_cancel (self->wait_cancellable);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  g_thread_join (g_steal_pointer (&self->thread));
}

/* Sign-in */

typedef struct
{
  SoupSession *session;
  SoupMessage *msg;
  char        *url;
} Login;

static void
login_free (Login *login)
{
  g_clear_object (&login->session);
  g_clear_object (&login->msg);
  g_free (login->url);
  g_free (login);
}

static void
on_login_answer_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Login *login = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  guint status;

  answer = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (answer == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, GX_SYNC_ERROR, GX_SYNC_ERROR_NETWORK,
                                 _("The server at %s cannot be reached: %s"), login->url, error->message);
      return;
    }

  status = soup_message_get_status (login->msg);
  if (status != SOUP_STATUS_OK)
    {
      g_autofree char *detail = problem_detail (answer, NULL);

      if (status == SOUP_STATUS_UNAUTHORIZED)
        g_task_return_new_error (task, GX_SYNC_ERROR, GX_SYNC_ERROR_UNAUTHORIZED, "%s",
                                 _("The user name or the password is wrong, or the user is disabled."));
      else if (status == SOUP_STATUS_NOT_FOUND)
        g_task_return_new_error (task, GX_SYNC_ERROR, GX_SYNC_ERROR_INVALID_URL,
                                 _("%s does not look like a Guanxi server."), login->url);
      else
        g_task_return_new_error (task, GX_SYNC_ERROR, status >= 500 ? GX_SYNC_ERROR_SERVER : GX_SYNC_ERROR_REFUSED,
                                 "%s", detail ? detail : soup_status_get_phrase (status));
      return;
    }

  text = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  node = json_from_string (text, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      json_object_get_string_member_with_default (json_node_get_object (node), "token", NULL) == NULL ||
      json_object_get_object_member (json_node_get_object (node), "user") == NULL)
    {
      g_task_return_new_error (task, GX_SYNC_ERROR, GX_SYNC_ERROR_BAD_ANSWER,
                               _("%s does not look like a Guanxi server."), login->url);
      return;
    }

  g_task_return_pointer (task, json_object_ref (json_node_get_object (node)), (GDestroyNotify) json_object_unref);
}

/**
 * gx_sync_login_async:
 * @server_url: the server's base URL (gx_sync_normalize_url())
 * @username: the user name
 * @password: the password; sent once, over the connection, and not kept
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server answered
 * @user_data: data for @callback
 *
 * Signs in; gx_sync_login_finish() gives the server's answer: `{token, expires_at, user}`.
 */
void
gx_sync_login_async (const char          *server_url,
                     const char          *username,
                     const char          *password,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(JsonObject) body = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *language = accept_language ();
  g_autoptr(GBytes) bytes = NULL;
  Login *login;
  char *text;

  g_task_set_source_tag (task, gx_sync_login_async);

  login = g_new0 (Login, 1);
  login->url = g_strdup (server_url);
  g_task_set_task_data (task, login, (GDestroyNotify) login_free);

  uri = g_strconcat (server_url, "/api/v1/login", NULL);
  login->msg = soup_message_new ("POST", uri);
  if (login->msg == NULL)
    {
      g_task_return_new_error (task, GX_SYNC_ERROR, GX_SYNC_ERROR_INVALID_URL, _("“%s” is not a server address."), server_url);
      return;
    }

  json_object_set_string_member (body, "username", username);
  json_object_set_string_member (body, "password", password);
  node = json_node_init_object (json_node_alloc (), body);
  text = json_to_string (node, FALSE);
  bytes = g_bytes_new_take (text, strlen (text));
  soup_message_set_request_body_from_bytes (login->msg, "application/json", bytes);
  if (language != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (login->msg), "Accept-Language", language);

  login->session = soup_session_new_with_options ("user-agent", "guanxi/" PACKAGE_VERSION, "timeout", 30, NULL);
  soup_session_send_and_read_async (login->session, login->msg, G_PRIORITY_DEFAULT, cancellable,
                                    on_login_answer_cb, g_object_ref (task));
}

/**
 * gx_sync_login_finish:
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): `{token, expires_at, user}`, or %NULL
 */
JsonObject *
gx_sync_login_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
