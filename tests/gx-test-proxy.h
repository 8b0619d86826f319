/* gx-test-proxy.h: a fault-injecting HTTP proxy between a desk and a real server, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The proxy listens on loopback and hands each request to the upstream server on a fresh
 * connection ("Connection: close" both ways, so a request and its answer are one connection
 * each). A schedule of faults decides what happens to each request: it may be dropped before
 * the server sees it, cut off halfway through its body, held back, sent to the server twice,
 * or answered by the server and then lost on the way back — cut off, or replaced by a 500.
 * The last three are the hard ones for a sync client: the server has committed, the desk
 * does not know it.
 */

#pragma once

#include <gio/gio.h>
#include <string.h>

G_BEGIN_DECLS

typedef enum
{
  GX_PROXY_PASS,              /* forwarded, answered */
  GX_PROXY_DROP,              /* the connection closes before anything is forwarded */
  GX_PROXY_TRUNCATE_REQUEST,  /* the server gets half the body, then the connection closes */
  GX_PROXY_DELAY,             /* forwarded after a pause */
  GX_PROXY_DUPLICATE,         /* the server gets the request twice; the desk the second answer */
  GX_PROXY_TRUNCATE_RESPONSE, /* the server answers; the desk gets half the answer */
  GX_PROXY_500_AFTER_COMMIT,  /* the server answers; the desk gets a 500 instead */
  GX_PROXY_N_FAULTS,
} GxProxyFault;

static const char * const gx_proxy_fault_names[] = {
  "passed", "dropped", "truncated request", "delayed", "duplicated", "truncated response",
  "500 after commit",
};

typedef struct
{
  GSocketService *service;
  guint16         port;
  guint16         upstream_port;
  char           *url;           /* http://127.0.0.1:PORT */

  GMutex          mutex;
  GCond           idle;
  guint           active;        /* connections being handled */
  GArray         *schedule;      /* of GxProxyFault, applied in turn; empty: pass everything */
  guint           next[2];       /* in the schedule, for pushes and for the other requests */
  guint           counts[GX_PROXY_N_FAULTS];
  guint           push_counts[GX_PROXY_N_FAULTS];  /* of those, pushes */
} GxTestProxy;

/* Reads one HTTP request: the header block (up to and including the blank line) and a body of
 * Content-Length bytes. */
static inline gboolean
gx_test_proxy_read_request (GInputStream  *in,
                            GByteArray    *request,
                            gsize         *header_length,
                            gsize         *body_length)
{
  guint8 buffer[16384];
  const char *end = NULL;

  while (end == NULL)
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        return FALSE;
      g_byte_array_append (request, buffer, n);
      end = g_strstr_len ((const char *) request->data, request->len, "\r\n\r\n");
    }
  *header_length = end + 4 - (const char *) request->data;
  *body_length = 0;

  {
    g_autofree char *headers = g_ascii_strdown ((const char *) request->data, *header_length);
    const char *length = strstr (headers, "\r\ncontent-length:");

    if (length != NULL)
      *body_length = g_ascii_strtoull (length + strlen ("\r\ncontent-length:"), NULL, 10);
  }

  while (request->len < *header_length + *body_length)
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        return FALSE;
      g_byte_array_append (request, buffer, n);
    }
  return TRUE;
}

/* The request with its Connection header replaced by "Connection: close". */
static inline GByteArray *
gx_test_proxy_rewrite (GByteArray *request,
                       gsize       header_length)
{
  GByteArray *out = g_byte_array_new ();
  g_autofree char *headers = g_strndup ((const char *) request->data, header_length - 2);
  g_auto(GStrv) lines = g_strsplit (headers, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0' || g_ascii_strncasecmp (lines[i], "connection:", 11) == 0)
        continue;
      g_byte_array_append (out, (const guint8 *) lines[i], strlen (lines[i]));
      g_byte_array_append (out, (const guint8 *) "\r\n", 2);
    }
  g_byte_array_append (out, (const guint8 *) "Connection: close\r\n\r\n", 21);
  g_byte_array_append (out, request->data + header_length, request->len - header_length);
  return out;
}

/* Sends @length bytes of @request to the server and, unless @length is short, reads its whole
 * answer (the server closes the connection after it). */
static inline GBytes *
gx_test_proxy_forward (GxTestProxy *proxy,
                       GByteArray  *request,
                       gsize        length)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) upstream = NULL;
  g_autoptr(GByteArray) answer = g_byte_array_new ();
  guint8 buffer[16384];
  gssize n;

  g_socket_client_set_timeout (client, 120);
  upstream = g_socket_client_connect_to_host (client, "127.0.0.1", proxy->upstream_port, NULL, NULL);
  if (upstream == NULL)
    return NULL;
  if (!g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (upstream)),
                                  request->data, length, NULL, NULL, NULL))
    return NULL;
  if (length < request->len)
    {
      g_io_stream_close (G_IO_STREAM (upstream), NULL, NULL);
      return NULL;
    }

  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (upstream)),
                                   buffer, sizeof buffer, NULL, NULL)) > 0)
    g_byte_array_append (answer, buffer, n);
  return g_byte_array_free_to_bytes (g_steal_pointer (&answer));
}

static inline GxProxyFault
gx_test_proxy_next_fault (GxTestProxy *proxy,
                          GByteArray  *request)
{
  GxProxyFault fault = GX_PROXY_PASS;
  gboolean long_poll = g_strstr_len ((const char *) request->data, MIN (request->len, 512), "wait=") != NULL;
  gboolean push = request->len > 17 && memcmp (request->data, "POST /api/v1/push", 17) == 0;

  /* Pushes and pulls go through the schedule each on their own, so that every fault meets
   * both however the two alternate. */
  g_mutex_lock (&proxy->mutex);
  if (proxy->schedule->len > 0)
    fault = g_array_index (proxy->schedule, GxProxyFault, proxy->next[push]++ % proxy->schedule->len);
  /* A long poll sent twice only waits twice. */
  if (long_poll && fault == GX_PROXY_DUPLICATE)
    fault = GX_PROXY_PASS;
  proxy->counts[fault]++;
  if (push)
    proxy->push_counts[fault]++;
  g_mutex_unlock (&proxy->mutex);
  return fault;
}

static inline gboolean
gx_test_proxy_run_cb (GThreadedSocketService *service,
                      GSocketConnection      *connection,
                      GObject                *source_object,
                      gpointer                user_data)
{
  GxTestProxy *proxy = user_data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GByteArray) raw = g_byte_array_new ();
  g_autoptr(GByteArray) request = NULL;
  g_autoptr(GBytes) answer = NULL;
  gsize header_length, body_length;
  GxProxyFault fault;

  if (gx_test_proxy_read_request (in, raw, &header_length, &body_length))
    {
      request = gx_test_proxy_rewrite (raw, header_length);
      fault = gx_test_proxy_next_fault (proxy, request);

      switch (fault)
        {
        case GX_PROXY_DROP:
          break;

        case GX_PROXY_TRUNCATE_REQUEST:
          /* Half of the body (or of the headers, for a request without one). */
          g_clear_pointer (&answer, g_bytes_unref);
          answer = gx_test_proxy_forward (proxy, request, request->len - MAX (body_length, 8) / 2);
          break;

        case GX_PROXY_DELAY:
          g_usleep (g_random_int_range (200, 800) * 1000);
          answer = gx_test_proxy_forward (proxy, request, request->len);
          break;

        case GX_PROXY_DUPLICATE:
          g_clear_pointer (&answer, g_bytes_unref);
          answer = gx_test_proxy_forward (proxy, request, request->len);
          g_clear_pointer (&answer, g_bytes_unref);
          answer = gx_test_proxy_forward (proxy, request, request->len);
          break;

        case GX_PROXY_TRUNCATE_RESPONSE:
        case GX_PROXY_500_AFTER_COMMIT:
        case GX_PROXY_PASS:
        case GX_PROXY_N_FAULTS:
        default:
          answer = gx_test_proxy_forward (proxy, request, request->len);
          break;
        }

      if (answer != NULL && fault == GX_PROXY_TRUNCATE_RESPONSE)
        {
          gsize size = g_bytes_get_size (answer);

          g_output_stream_write_all (out, g_bytes_get_data (answer, NULL), size / 2, NULL, NULL, NULL);
        }
      else if (answer != NULL && fault == GX_PROXY_500_AFTER_COMMIT)
        {
          static const char error_answer[] =
            "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n"
            "Connection: close\r\n\r\noops\n";

          g_output_stream_write_all (out, error_answer, strlen (error_answer), NULL, NULL, NULL);
        }
      else if (answer != NULL && fault != GX_PROXY_TRUNCATE_REQUEST)
        g_output_stream_write_all (out, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), NULL, NULL, NULL);
    }

  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  g_mutex_lock (&proxy->mutex);
  proxy->active--;
  g_cond_broadcast (&proxy->idle);
  g_mutex_unlock (&proxy->mutex);
  return TRUE;
}

/* Counted on the accepting thread, before the handler thread runs, so that _free can wait. */
static inline gboolean
gx_test_proxy_incoming_cb (GSocketService    *service,
                           GSocketConnection *connection,
                           GObject           *source_object,
                           gpointer           user_data)
{
  GxTestProxy *proxy = user_data;

  g_mutex_lock (&proxy->mutex);
  proxy->active++;
  g_mutex_unlock (&proxy->mutex);
  return FALSE;
}

/* A proxy in front of the server listening on 127.0.0.1:@upstream_port. */
static inline GxTestProxy *
gx_test_proxy_new (guint16 upstream_port)
{
  GxTestProxy *proxy = g_new0 (GxTestProxy, 1);
  g_autoptr(GError) error = NULL;

  g_mutex_init (&proxy->mutex);
  g_cond_init (&proxy->idle);
  proxy->schedule = g_array_new (FALSE, FALSE, sizeof (GxProxyFault));
  proxy->upstream_port = upstream_port;
  proxy->service = g_threaded_socket_service_new (16);
  g_signal_connect (proxy->service, "incoming", G_CALLBACK (gx_test_proxy_incoming_cb), proxy);
  g_signal_connect (proxy->service, "run", G_CALLBACK (gx_test_proxy_run_cb), proxy);
  {
    g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
    g_autoptr(GSocketAddress) effective = NULL;

    g_socket_listener_add_address (G_SOCKET_LISTENER (proxy->service), address, G_SOCKET_TYPE_STREAM,
                                   G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
    g_assert_no_error (error);
    proxy->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  }
  proxy->url = g_strdup_printf ("http://127.0.0.1:%u", proxy->port);
  g_socket_service_start (proxy->service);
  return proxy;
}

/* The faults to apply, in turn, ended by -1; none: every request passes. */
static inline void
gx_test_proxy_set_schedule (GxTestProxy *proxy,
                            int          first,
                            ...)
{
  va_list args;

  g_mutex_lock (&proxy->mutex);
  g_array_set_size (proxy->schedule, 0);
  proxy->next[0] = proxy->next[1] = 0;
  va_start (args, first);
  for (int fault = first; fault >= 0; fault = va_arg (args, int))
    {
      GxProxyFault f = fault;
      g_array_append_val (proxy->schedule, f);
    }
  va_end (args);
  g_mutex_unlock (&proxy->mutex);
}

/* How many requests (with @push_only, pushes) met @fault. */
static inline guint
gx_test_proxy_get_count (GxTestProxy  *proxy,
                         GxProxyFault  fault,
                         gboolean      push_only)
{
  guint count;

  g_mutex_lock (&proxy->mutex);
  count = push_only ? proxy->push_counts[fault] : proxy->counts[fault];
  g_mutex_unlock (&proxy->mutex);
  return count;
}

static inline void
gx_test_proxy_free (GxTestProxy *proxy)
{
  g_socket_service_stop (proxy->service);
  g_socket_listener_close (G_SOCKET_LISTENER (proxy->service));

  /* Requests in flight (a long poll) end within the server's wait. */
  g_mutex_lock (&proxy->mutex);
  while (proxy->active > 0)
    g_cond_wait (&proxy->idle, &proxy->mutex);
  g_mutex_unlock (&proxy->mutex);

  g_clear_object (&proxy->service);
  g_array_unref (proxy->schedule);
  g_mutex_clear (&proxy->mutex);
  g_cond_clear (&proxy->idle);
  g_free (proxy->url);
  g_free (proxy);
}

G_END_DECLS
