/* gx-server.c: guanxi-server's HTTP plumbing — threads, long polls, limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "gx-problem.h"
#include "gx-server-private.h"

/* libsoup's server runs on the main loop; every API request is paused there, handled on a
 * worker thread (GTask's pool) against the storage, and answered back on the main loop. So
 * a long push holds one worker and the storage's writer, while other desks' pulls read on
 * their own connections beside it. A pull with `wait` that finds nothing parks until a push
 * commits or the wait is over: a change reaches the other online desks at once. */

#define DEFAULT_BODY_LIMIT (8 * 1024 * 1024)
#define DEFAULT_TOKEN_LIFETIME (30 * 24 * 3600)
#define LOGIN_FAILURES_ALLOWED 5
#define LOGIN_LOCKOUT_SECONDS 300

struct _GxServer
{
  GObject          parent_instance;

  SoupServer      *soup;
  GxServerStorage *storage;
  GxClock         *clock;
  gsize            body_limit;
  gint64           token_lifetime;

  GList           *waiters;        /* GxRequest, parked long polls (main thread) */

  GMutex           logins_lock;
  GHashTable      *login_failures; /* username → LoginFailures */
};

typedef struct
{
  guint  count;
  gint64 first;
} LoginFailures;

G_DEFINE_FINAL_TYPE (GxServer, gx_server, G_TYPE_OBJECT)

static void dispatch (GxRequest *request);

/* Requests */

static void
request_free (GxRequest *request)
{
  if (request->disconnected_id != 0)
    g_signal_handler_disconnect (request->msg, request->disconnected_id);
  g_clear_handle_id (&request->timeout_id, g_source_remove);
  g_clear_object (&request->msg);
  g_clear_object (&request->server);
  g_free (request->method);
  g_free (request->path);
  g_clear_pointer (&request->query, g_hash_table_unref);
  g_free (request->authorization);
  g_free (request->language);
  g_free (request->content_type);
  g_free (request->address);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->answer_type);
  g_clear_pointer (&request->answer, g_bytes_unref);
  g_free (request->allow);
  g_clear_pointer (&request->user, gx_server_user_free);
  g_free (request);
}

static void
send_answer (GxRequest *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (request->msg);

  if (!request->gone)
    {
      if (request->allow != NULL)
        soup_message_headers_replace (headers, "Allow", request->allow);
      if (request->retry_after > 0)
        {
          g_autofree char *seconds = g_strdup_printf ("%u", request->retry_after);
          soup_message_headers_replace (headers, "Retry-After", seconds);
        }
      if (request->status == SOUP_STATUS_UNAUTHORIZED)
        soup_message_headers_replace (headers, "WWW-Authenticate", "Bearer realm=\"guanxi\"");
      soup_message_headers_replace (headers, "Cache-Control", "no-store");

      soup_server_message_set_status (request->msg, request->status, NULL);
      if (request->answer != NULL)
        {
          gsize size;
          gconstpointer data = g_bytes_get_data (request->answer, &size);
          soup_server_message_set_response (request->msg, request->answer_type, SOUP_MEMORY_COPY, data, size);
        }
      soup_server_message_unpause (request->msg);
    }

  g_debug ("%s %s → %u", request->method, request->path, request->status);
  request_free (request);
}

static gboolean
wait_over_cb (gpointer data)
{
  GxRequest *request = data;

  request->timeout_id = 0;
  request->server->waiters = g_list_remove (request->server->waiters, request);
  send_answer (request);
  return G_SOURCE_REMOVE;
}

static void
on_waiter_disconnected_cb (SoupServerMessage *msg,
                           GxRequest         *request)
{
  request->gone = TRUE;
}

/* A push committed: every parked pull looks again. */
static void
wake_waiters (GxServer *self)
{
  gint64 head = gx_server_storage_get_head (self->storage);
  GList *waiters = self->waiters;

  self->waiters = NULL;
  for (GList *l = waiters; l != NULL; l = l->next)
    {
      GxRequest *request = l->data;

      if (request->cursor >= head && !request->gone)
        {
          self->waiters = g_list_prepend (self->waiters, request);
          continue;
        }

      g_clear_handle_id (&request->timeout_id, g_source_remove);
      if (request->gone)
        {
          request_free (request);
          continue;
        }
      request->woken = TRUE;
      request->park = FALSE;
      dispatch (request);
    }
  g_list_free (waiters);
}

static void
request_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GxServer *self = GX_SERVER (object);
  GxRequest *request = g_task_propagate_pointer (G_TASK (result), NULL);

  if (request->park && !request->gone)
    {
      /* A push may have committed while the page was read. */
      if (gx_server_storage_get_head (self->storage) > request->cursor)
        {
          request->woken = TRUE;
          request->park = FALSE;
          dispatch (request);
          return;
        }

      if (request->disconnected_id == 0)
        request->disconnected_id = g_signal_connect (request->msg, "disconnected",
                                                     G_CALLBACK (on_waiter_disconnected_cb), request);
      request->timeout_id = g_timeout_add_seconds (request->wait, wait_over_cb, request);
      self->waiters = g_list_prepend (self->waiters, request);
      return;
    }

  if (g_str_equal (request->path, "/api/v1/push") && request->status == SOUP_STATUS_OK && self->waiters != NULL)
    {
      send_answer (request);
      wake_waiters (self);
      return;
    }

  send_answer (request);
}

/* Handlers run with the translations the client asked for (Accept-Language), on their own
 * thread, so one desk's Chinese does not become another's. */
static locale_t
locale_for (const char *accept_language)
{
  if (accept_language != NULL && g_ascii_strncasecmp (accept_language, "zh", 2) == 0)
    return newlocale (LC_MESSAGES_MASK, "zh_CN.UTF-8", (locale_t) 0);
  if (accept_language != NULL && g_ascii_strncasecmp (accept_language, "en", 2) == 0)
    return newlocale (LC_MESSAGES_MASK, "C.UTF-8", (locale_t) 0);
  return (locale_t) 0;
}

static void
handle_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GxRequest *request = task_data;
  locale_t locale = locale_for (request->language);
  locale_t previous = (locale_t) 0;

  if (locale != (locale_t) 0)
    previous = uselocale (locale);

  _gx_server_handle (request);

  if (locale != (locale_t) 0)
    {
      uselocale (previous);
      freelocale (locale);
    }

  g_task_return_pointer (task, request, NULL);
}

static void
dispatch (GxRequest *request)
{
  g_autoptr(GTask) task = g_task_new (request->server, NULL, request_done_cb, NULL);

  g_task_set_task_data (task, request, NULL);
  g_task_run_in_thread (task, handle_thread);
}

static char *
dup_header (SoupMessageHeaders *headers,
            const char         *name)
{
  const char *value = soup_message_headers_get_one (headers, name);

  return value != NULL ? g_strdup (value) : NULL;
}

static void
api_cb (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  GxServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  GxRequest *request;

  /* A request refused while its headers were read (too large) is answered already. */
  if (soup_server_message_get_status (msg) != 0)
    return;

  request = g_new0 (GxRequest, 1);
  request->server = g_object_ref (self);
  request->msg = g_object_ref (msg);
  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (path);
  request->query = query ? g_hash_table_ref (query) : NULL;
  request->authorization = dup_header (headers, "Authorization");
  request->language = dup_header (headers, "Accept-Language");
  request->content_type = dup_header (headers, "Content-Type");
  request->address = g_strdup (soup_server_message_get_remote_host (msg));
  request->body = body ? soup_message_body_flatten (body) : g_bytes_new (NULL, 0);

  soup_server_message_pause (msg);
  dispatch (request);
}

/* GET /api/v1/health: unauthenticated liveness, for load balancers and the desk's
 * "can I reach the server" check. */
static void
health_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  static const char body[] = "{\"status\":\"ok\",\"version\":\"" PACKAGE_VERSION "\"}";

  if (g_strcmp0 (soup_server_message_get_method (msg), "GET") != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      soup_message_headers_append (soup_server_message_get_response_headers (msg), "Allow", "GET");
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
}

static void
refuse_early (SoupServerMessage *msg,
              JsonObject        *problem)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), problem);
  g_autofree char *text = json_to_string (node, FALSE);

  soup_server_message_set_status (msg, gx_problem_get_status (problem), NULL);
  soup_server_message_set_response (msg, "application/problem+json", SOUP_MEMORY_COPY, text, strlen (text));
  /* Do not read a body we refused. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
  json_object_unref (problem);
}

/* The body limit is checked on the headers, before the body is read into memory. */
static void
on_got_headers_cb (SoupServerMessage *msg,
                   GxServer          *self)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CHUNKED)
    refuse_early (msg, gx_problem_new (411, "length-required",
                                       _("Send the request with a Content-Length, not in chunks."), NULL));
  else if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
           soup_message_headers_get_content_length (headers) > (goffset) self->body_limit)
    {
      g_autofree char *detail = g_strdup_printf (_("A request may carry at most %lu bytes."),
                                                 (unsigned long) self->body_limit);
      refuse_early (msg, gx_problem_new (413, "payload-too-large", detail, NULL));
    }
}

static void
on_request_started_cb (SoupServer        *server,
                       SoupServerMessage *msg,
                       GxServer          *self)
{
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (on_got_headers_cb), self, 0);
}

/* Sign-in throttling: after a few wrong passwords a name is locked for a while. */

gboolean
_gx_server_login_allowed (GxServer   *self,
                          const char *username,
                          guint      *retry_after)
{
  LoginFailures *failures;
  gint64 now = _gx_server_now (self);
  gboolean allowed = TRUE;

  g_mutex_lock (&self->logins_lock);
  failures = g_hash_table_lookup (self->login_failures, username);
  if (failures != NULL)
    {
      if (now - failures->first >= LOGIN_LOCKOUT_SECONDS)
        g_hash_table_remove (self->login_failures, username);
      else if (failures->count >= LOGIN_FAILURES_ALLOWED)
        {
          allowed = FALSE;
          *retry_after = (guint) (LOGIN_LOCKOUT_SECONDS - (now - failures->first));
        }
    }
  g_mutex_unlock (&self->logins_lock);

  return allowed;
}

void
_gx_server_login_failed (GxServer   *self,
                         const char *username)
{
  LoginFailures *failures;

  g_mutex_lock (&self->logins_lock);
  failures = g_hash_table_lookup (self->login_failures, username);
  if (failures == NULL)
    {
      /* Bounded: a flood of made-up names cannot grow this without end. */
      if (g_hash_table_size (self->login_failures) > 10000)
        g_hash_table_remove_all (self->login_failures);
      failures = g_new0 (LoginFailures, 1);
      failures->first = _gx_server_now (self);
      g_hash_table_insert (self->login_failures, g_strdup (username), failures);
    }
  failures->count++;
  g_mutex_unlock (&self->logins_lock);
}

void
_gx_server_login_succeeded (GxServer   *self,
                            const char *username)
{
  g_mutex_lock (&self->logins_lock);
  g_hash_table_remove (self->login_failures, username);
  g_mutex_unlock (&self->logins_lock);
}

GxServerStorage *
_gx_server_get_storage (GxServer *self)
{
  return self->storage;
}

gint64
_gx_server_now (GxServer *self)
{
  return gx_clock_now (self->clock);
}

gint64
_gx_server_get_token_lifetime (GxServer *self)
{
  return self->token_lifetime;
}

/* GObject */

static void
gx_server_dispose (GObject *object)
{
  GxServer *self = (GxServer *) object;

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);

  G_OBJECT_CLASS (gx_server_parent_class)->dispose (object);
}

static void
gx_server_finalize (GObject *object)
{
  GxServer *self = (GxServer *) object;

  g_clear_object (&self->storage);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->login_failures, g_hash_table_unref);
  g_mutex_clear (&self->logins_lock);

  G_OBJECT_CLASS (gx_server_parent_class)->finalize (object);
}

static void
gx_server_class_init (GxServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gx_server_dispose;
  object_class->finalize = gx_server_finalize;
}

static void
gx_server_init (GxServer *self)
{
  self->body_limit = DEFAULT_BODY_LIMIT;
  self->token_lifetime = DEFAULT_TOKEN_LIFETIME;
  g_mutex_init (&self->logins_lock);
  self->login_failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Public API */

/**
 * gx_server_new:
 * @storage: where users, records and the audit log are kept
 * @clock: the time
 *
 * Returns: (transfer full): a server, not yet listening
 */
GxServer *
gx_server_new (GxServerStorage *storage,
               GxClock         *clock)
{
  GxServer *self;

  g_return_val_if_fail (GX_IS_SERVER_STORAGE (storage), NULL);
  g_return_val_if_fail (GX_IS_CLOCK (clock), NULL);

  self = g_object_new (GX_TYPE_SERVER, NULL);
  self->storage = g_object_ref (storage);
  self->clock = g_object_ref (clock);
  return self;
}

void
gx_server_set_token_lifetime (GxServer *self,
                              gint64    seconds)
{
  g_return_if_fail (GX_IS_SERVER (self));
  g_return_if_fail (seconds > 0);

  self->token_lifetime = seconds;
}

void
gx_server_set_body_limit (GxServer *self,
                          gsize     bytes)
{
  g_return_if_fail (GX_IS_SERVER (self));
  g_return_if_fail (bytes > 0);

  self->body_limit = bytes;
}

/**
 * gx_server_listen:
 * @self: a server
 * @address: where to listen
 * @certificate: (nullable): a certificate with its private key, for HTTPS
 * @error: return location for a #GError
 */
gboolean
gx_server_listen (GxServer         *self,
                  GSocketAddress   *address,
                  GTlsCertificate  *certificate,
                  GError          **error)
{
  g_return_val_if_fail (GX_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  self->soup = soup_server_new ("server-header", "guanxi-server/" PACKAGE_VERSION,
                                "tls-certificate", certificate,
                                NULL);
  g_signal_connect_object (self->soup, "request-started", G_CALLBACK (on_request_started_cb), self, 0);
  soup_server_add_handler (self->soup, "/api/v1/health", health_cb, NULL, NULL);
  soup_server_add_handler (self->soup, NULL, api_cb, self, NULL);

  return soup_server_listen (self->soup, address, certificate ? SOUP_SERVER_LISTEN_HTTPS : 0, error);
}

/**
 * gx_server_get_uris:
 *
 * Returns: (transfer full) (element-type GUri): where the server listens
 */
GSList *
gx_server_get_uris (GxServer *self)
{
  g_return_val_if_fail (GX_IS_SERVER (self), NULL);

  return self->soup ? soup_server_get_uris (self->soup) : NULL;
}
