/* gx-server-private.h: one request on its way through the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-server.h"

G_BEGIN_DECLS

/* Everything a handler needs is copied out of the SoupServerMessage on the main thread, so
 * the handler runs on a worker thread without touching libsoup; its answer is copied back on
 * the main thread. */
typedef struct
{
  GxServer          *server;
  SoupServerMessage *msg;

  /* The request */
  char              *method;
  char              *path;
  GHashTable        *query;
  char              *authorization;
  char              *language;
  char              *content_type;
  char              *address;
  GBytes            *body;

  /* The answer */
  guint              status;
  char              *answer_type;
  GBytes            *answer;
  char              *allow;
  guint              retry_after;

  /* Long polls of the change feed */
  GxServerUser      *user;
  gint64             since;
  guint              limit;
  guint              wait;
  gint64             cursor;
  gboolean           park;
  gboolean           woken;
  guint              timeout_id;
  gulong             disconnected_id;
  gboolean           gone;
} GxRequest;

/* gx-server.c */
GxServerStorage *_gx_server_get_storage       (GxServer    *self);
gint64           _gx_server_now               (GxServer    *self);
gint64           _gx_server_get_token_lifetime (GxServer   *self);
gboolean         _gx_server_login_allowed     (GxServer    *self,
                                               const char  *username,
                                               guint       *retry_after);
void             _gx_server_login_failed      (GxServer    *self,
                                               const char  *username);
void             _gx_server_login_succeeded   (GxServer    *self,
                                               const char  *username);

/* gx-server-handlers.c: run on a worker thread, fill the answer */
void             _gx_server_handle            (GxRequest   *request);
void             _gx_request_answer_json      (GxRequest   *request,
                                               guint        status,
                                               JsonObject  *object);
void             _gx_request_answer_problem   (GxRequest   *request,
                                               JsonObject  *problem);

G_END_DECLS
