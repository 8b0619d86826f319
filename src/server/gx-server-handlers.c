/* gx-server-handlers.c: the endpoints of docs/sync-api.md, on a worker thread each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-enums.h"
#include "gx-password.h"
#include "gx-problem.h"
#include "gx-server-private.h"
#include "gx-visibility.h"

#define MAX_JSON_DEPTH 32
#define MAX_MUTATIONS 1000
#define MAX_ID_LENGTH 64
#define MAX_PAGE 5000
#define DEFAULT_PAGE 500
#define MAX_WAIT 60

/* Answers */

void
_gx_request_answer_json (GxRequest  *request,
                         guint       status,
                         JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  gsize length;
  char *text = json_to_string (node, FALSE);

  length = strlen (text);
  request->status = status;
  g_free (request->answer_type);
  request->answer_type = g_strdup (status >= 400 ? "application/problem+json" : "application/json");
  g_clear_pointer (&request->answer, g_bytes_unref);
  request->answer = g_bytes_new_take (text, length);
}

/* Takes @problem. */
void
_gx_request_answer_problem (GxRequest  *request,
                            JsonObject *problem)
{
  _gx_request_answer_json (request, gx_problem_get_status (problem), problem);
  json_object_unref (problem);
}

static void
answer_method_not_allowed (GxRequest  *request,
                           const char *allow)
{
  g_autofree char *detail = g_strdup_printf (_("Use %s here."), allow);

  request->allow = g_strdup (allow);
  _gx_request_answer_problem (request, gx_problem_new (405, "method-not-allowed", detail, NULL));
}

/* Reading requests */

/* json-glib parses by recursion: a body of a million "[" would exhaust the thread's stack.
 * Nothing in the API nests deeper than a few levels. */
static gboolean
nesting_ok (const char *data,
            gsize       size)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return FALSE;
        }
      else if (c == ']' || c == '}')
        depth--;
    }

  return TRUE;
}

static JsonObject *
read_body (GxRequest *request)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  gconstpointer data;
  gsize size;
  JsonNode *root;

  if (request->content_type == NULL ||
      g_ascii_strncasecmp (request->content_type, "application/json", strlen ("application/json")) != 0)
    {
      _gx_request_answer_problem (request, gx_problem_new (415, "unsupported-media-type",
                                                           _("Send the request body as application/json."), NULL));
      return NULL;
    }

  data = g_bytes_get_data (request->body, &size);
  if (size == 0 || !g_utf8_validate (data, (gssize) size, NULL) || !nesting_ok (data, size))
    {
      _gx_request_answer_problem (request, gx_problem_new (400, "invalid-json",
                                                           _("The request body is not a JSON object in UTF-8."), NULL));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, &error))
    {
      _gx_request_answer_problem (request, gx_problem_new (400, "invalid-json", error->message, NULL));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      _gx_request_answer_problem (request, gx_problem_new (400, "invalid-json",
                                                           _("The request body must be a JSON object."), NULL));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

static void
answer_invalid (GxRequest  *request,
                const char *field,
                const char *detail)
{
  _gx_request_answer_problem (request, gx_problem_new (400, "invalid-field", detail, field));
}

/* A string member of at most @max_length bytes, non-empty. */
static const char *
get_string (JsonObject *object,
            const char *name,
            gsize       max_length)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  value = json_node_get_string (node);
  if (*value == '\0' || strlen (value) > max_length)
    return NULL;
  return value;
}

/* A query parameter that must be a whole number in [min, max]. */
static gboolean
get_number (GxRequest  *request,
            const char *name,
            gint64      fallback,
            gint64      min,
            gint64      max,
            gint64     *out)
{
  const char *text = request->query ? g_hash_table_lookup (request->query, name) : NULL;
  guint64 value;

  *out = fallback;
  if (text == NULL)
    return TRUE;

  if (!g_ascii_string_to_unsigned (text, 10, (guint64) min, (guint64) max, &value, NULL))
    {
      g_autofree char *detail = g_strdup_printf (_("“%s” must be a whole number from %lld to %lld."),
                                                 name, (long long) min, (long long) max);
      answer_invalid (request, name, detail);
      return FALSE;
    }

  *out = (gint64) value;
  return TRUE;
}

/* Sign-in */

static GxServerUser *
authenticate (GxRequest *request)
{
  GxServerStorage *storage = _gx_server_get_storage (request->server);
  g_autofree char *hash = NULL;
  GxServerUser *user;

  if (request->authorization == NULL ||
      g_ascii_strncasecmp (request->authorization, "Bearer ", 7) != 0 ||
      request->authorization[7] == '\0' || strlen (request->authorization) > 256)
    {
      _gx_request_answer_problem (request, gx_problem_new (401, "unauthorized",
                                                           _("Sign in first: send “Authorization: Bearer TOKEN”."), NULL));
      return NULL;
    }

  hash = gx_token_hash (request->authorization + 7);
  user = gx_server_storage_lookup_token (storage, hash, _gx_server_now (request->server), NULL);
  if (user == NULL)
    _gx_request_answer_problem (request, gx_problem_new (401, "unauthorized",
                                                         _("The sign-in has expired or was ended. Sign in again."), NULL));
  return user;
}

static void
handle_login (GxRequest *request)
{
  GxServer *server = request->server;
  GxServerStorage *storage = _gx_server_get_storage (server);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GxServerUser) user = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autoptr(GError) error = NULL;
  const char *username;
  const char *password;
  gint64 now = _gx_server_now (server);
  gint64 expires_at;
  guint retry_after = 0;

  if (!(body = read_body (request)))
    return;

  if (!(username = get_string (body, "username", 64)))
    return answer_invalid (request, "username", _("Give a user name."));
  if (!(password = get_string (body, "password", 1024)))
    return answer_invalid (request, "password", _("Give a password."));

  if (!_gx_server_login_allowed (server, username, &retry_after))
    {
      request->retry_after = retry_after;
      return _gx_request_answer_problem (request, gx_problem_new (429, "too-many-requests",
                                                                  _("Too many wrong passwords for this user. Wait a few minutes and try again."),
                                                                  NULL));
    }

  user = gx_server_storage_find_user (storage, username, &hash, NULL);
  if (user == NULL)
    gx_password_waste_time (password);

  if (user == NULL || !user->active || !gx_password_verify (password, hash))
    {
      _gx_server_login_failed (server, username);
      gx_server_storage_audit (storage, &(GxAuditEntry) {
                                 .at = now, .user_id = user ? user->id : NULL, .username = username,
                                 .action = "login_failed", .address = request->address },
                               NULL);
      return _gx_request_answer_problem (request, gx_problem_new (401, "unauthorized",
                                                                  _("The user name or the password is wrong, or the user is disabled."),
                                                                  NULL));
    }

  _gx_server_login_succeeded (server, username);
  token = gx_token_new ();
  token_hash = gx_token_hash (token);
  expires_at = now + _gx_server_get_token_lifetime (server);
  if (!gx_server_storage_add_token (storage, token_hash, user->id, now, expires_at, &error))
    return _gx_request_answer_problem (request, gx_problem_from_error (error));

  gx_server_storage_audit (storage, &(GxAuditEntry) {
                             .at = now, .user_id = user->id, .username = user->username,
                             .action = "login", .address = request->address },
                           NULL);

  answer = json_object_new ();
  json_object_set_string_member (answer, "token", token);
  json_object_set_int_member (answer, "expires_at", expires_at);
  json_object_set_object_member (answer, "user", gx_server_user_to_json (user));
  _gx_request_answer_json (request, SOUP_STATUS_OK, answer);
}

static void
handle_logout (GxRequest *request)
{
  g_autofree char *hash = gx_token_hash (request->authorization + 7);
  g_autoptr(GError) error = NULL;
  GxServerStorage *storage = _gx_server_get_storage (request->server);
  gint64 now = _gx_server_now (request->server);

  if (!gx_server_storage_revoke_token (storage, hash, now, &error))
    return _gx_request_answer_problem (request, gx_problem_from_error (error));

  gx_server_storage_audit (storage, &(GxAuditEntry) {
                             .at = now, .user_id = request->user->id, .username = request->user->username,
                             .action = "logout", .address = request->address },
                           NULL);
  request->status = SOUP_STATUS_NO_CONTENT;
}

static void
handle_me (GxRequest *request)
{
  g_autoptr(JsonObject) answer = json_object_new ();

  json_object_set_object_member (answer, "user", gx_server_user_to_json (request->user));
  _gx_request_answer_json (request, SOUP_STATUS_OK, answer);
}

/* The change feed */

static void
handle_changes (GxRequest *request)
{
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(GError) error = NULL;
  gint64 since, limit, wait;

  if (!get_number (request, "since", 0, 0, G_MAXINT64, &since) ||
      !get_number (request, "limit", DEFAULT_PAGE, 1, MAX_PAGE, &limit) ||
      !get_number (request, "wait", 0, 0, MAX_WAIT, &wait))
    return;

  page = gx_server_storage_changes (_gx_server_get_storage (request->server), request->user, since,
                                    (guint) limit, _gx_server_now (request->server), &error);
  if (page == NULL)
    return _gx_request_answer_problem (request, gx_problem_from_error (error));

  /* Nothing new and the desk is willing to wait: park until a push commits. */
  request->since = since;
  request->limit = (guint) limit;
  request->cursor = json_object_get_int_member (page, "cursor");
  request->wait = (guint) wait;
  request->park = !request->woken && wait > 0 &&
                  json_array_get_length (json_object_get_array_member (page, "changes")) == 0;

  _gx_request_answer_json (request, SOUP_STATUS_OK, page);
}

/* Push */

/* The shape of every mutation is checked before any is applied: a malformed batch changes
 * nothing and names the field at fault ("mutations[3].base_version"). Whether a mutation's
 * values are acceptable is decided per mutation, by the record layer. */
static gboolean
check_mutation (GxRequest  *request,
                JsonNode   *node,
                guint       index)
{
  g_autofree char *prefix = g_strdup_printf ("mutations[%u]", index);
  g_autofree char *field = NULL;
  JsonObject *mutation;
  JsonNode *member;
  const char *op;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      answer_invalid (request, prefix, _("Each mutation must be a JSON object."));
      return FALSE;
    }
  mutation = json_node_get_object (node);

#define INVALID(name, message) \
  G_STMT_START { field = g_strconcat (prefix, ".", name, NULL); answer_invalid (request, field, message); return FALSE; } G_STMT_END

  if (!get_string (mutation, "mutation_id", MAX_ID_LENGTH))
    INVALID ("mutation_id", _("A mutation needs a mutation_id: a text of at most 64 characters."));
  if (!get_string (mutation, "kind", MAX_ID_LENGTH))
    INVALID ("kind", _("A mutation needs the kind of its record."));
  if (!get_string (mutation, "id", MAX_ID_LENGTH))
    INVALID ("id", _("A mutation needs the id of its record: a text of at most 64 characters."));

  op = get_string (mutation, "op", 16);
  if (op == NULL || (strcmp (op, "insert") != 0 && strcmp (op, "update") != 0 && strcmp (op, "delete") != 0))
    INVALID ("op", _("“op” must be insert, update or delete."));

  member = json_object_get_member (mutation, "base_version");
  if (member != NULL &&
      (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64 || json_node_get_int (member) < 0))
    INVALID ("base_version", _("“base_version” must be a whole number, 0 or more."));

  member = json_object_get_member (mutation, "fields");
  if (strcmp (op, "delete") != 0 && (member == NULL || !JSON_NODE_HOLDS_OBJECT (member)))
    INVALID ("fields", _("An insert or update needs its fields as a JSON object."));
  if (strcmp (op, "delete") == 0 && member != NULL && !JSON_NODE_HOLDS_OBJECT (member) && !JSON_NODE_HOLDS_NULL (member))
    INVALID ("fields", _("“fields” must be a JSON object."));

#undef INVALID

  return TRUE;
}

static void
handle_push (GxRequest *request)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonArray) results = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *member;
  JsonArray *mutations;
  const char *desk_id = NULL;
  guint n;

  if (!(body = read_body (request)))
    return;

  member = json_object_get_member (body, "desk_id");
  if (member != NULL && !(desk_id = get_string (body, "desk_id", MAX_ID_LENGTH)))
    return answer_invalid (request, "desk_id", _("“desk_id” must be a text of at most 64 characters."));

  member = json_object_get_member (body, "mutations");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return answer_invalid (request, "mutations", _("“mutations” must be a JSON array."));
  mutations = json_node_get_array (member);
  n = json_array_get_length (mutations);
  if (n > MAX_MUTATIONS)
    {
      g_autofree char *detail = g_strdup_printf (_("Send at most %d mutations at a time."), MAX_MUTATIONS);
      return answer_invalid (request, "mutations", detail);
    }

  for (guint i = 0; i < n; i++)
    if (!check_mutation (request, json_array_get_element (mutations, i), i))
      return;

  results = gx_server_storage_push (_gx_server_get_storage (request->server), request->user, desk_id, mutations,
                                    _gx_server_now (request->server), &error);
  if (results == NULL)
    {
      if (g_error_matches (error, GX_SERVER_ERROR, GX_SERVER_ERROR_UNAVAILABLE))
        request->retry_after = 2;
      return _gx_request_answer_problem (request, gx_problem_from_error (error));
    }

  answer = json_object_new ();
  json_object_set_array_member (answer, "results", g_steal_pointer (&results));
  _gx_request_answer_json (request, SOUP_STATUS_OK, answer);
}

/* Audit */

static void
handle_audit (GxRequest *request)
{
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(GError) error = NULL;
  const char *customer_id;
  gint64 after, limit;

  if (!gx_visibility_may_read_audit (request->user->role))
    return _gx_request_answer_problem (request, gx_problem_new (403, "forbidden",
                                                                _("Only supervisors read the audit log."), NULL));

  if (!get_number (request, "after", 0, 0, G_MAXINT64, &after) ||
      !get_number (request, "limit", DEFAULT_PAGE, 1, MAX_PAGE, &limit))
    return;

  customer_id = request->query ? g_hash_table_lookup (request->query, "customer_id") : NULL;
  if (customer_id != NULL && (*customer_id == '\0' || strlen (customer_id) > MAX_ID_LENGTH))
    return answer_invalid (request, "customer_id", _("“customer_id” must be a record id."));

  page = gx_server_storage_list_audit (_gx_server_get_storage (request->server), after, (guint) limit, customer_id, &error);
  if (page == NULL)
    return _gx_request_answer_problem (request, gx_problem_from_error (error));

  _gx_request_answer_json (request, SOUP_STATUS_OK, page);
}

/* Desks */

static void
handle_desks (GxRequest *request)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  const char *desk_id;

  if (!(body = read_body (request)))
    return;

  desk_id = get_string (body, "desk_id", MAX_ID_LENGTH);
  if (desk_id == NULL || *desk_id == '\0')
    return answer_invalid (request, "desk_id", _("“desk_id” must be a text of at most 64 characters."));

  code = gx_server_storage_register_desk (_gx_server_get_storage (request->server), request->user, desk_id,
                                          _gx_server_now (request->server), &error);
  if (code == NULL)
    return _gx_request_answer_problem (request, gx_problem_from_error (error));

  answer = json_object_new ();
  json_object_set_string_member (answer, "desk_id", desk_id);
  json_object_set_string_member (answer, "desk_code", code);
  _gx_request_answer_json (request, SOUP_STATUS_OK, answer);
}

/* Routing */

static const struct {
  const char *path;
  const char *method;
  gboolean    authenticated;
  void      (*handle) (GxRequest *request);
} routes[] = {
  { "/api/v1/login", "POST", FALSE, handle_login },
  { "/api/v1/logout", "POST", TRUE, handle_logout },
  { "/api/v1/me", "GET", TRUE, handle_me },
  { "/api/v1/changes", "GET", TRUE, handle_changes },
  { "/api/v1/push", "POST", TRUE, handle_push },
  { "/api/v1/desks", "POST", TRUE, handle_desks },
  { "/api/v1/audit", "GET", TRUE, handle_audit },
};

void
_gx_server_handle (GxRequest *request)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (strcmp (request->path, routes[i].path) != 0)
        continue;

      if (strcmp (request->method, routes[i].method) != 0)
        return answer_method_not_allowed (request, routes[i].method);

      /* A parked long poll woken up already knows its user. */
      if (routes[i].authenticated && request->user == NULL && !(request->user = authenticate (request)))
        return;

      routes[i].handle (request);
      return;
    }

  _gx_request_answer_problem (request, gx_problem_new (404, "not-found", _("There is no such endpoint."), NULL));
}
