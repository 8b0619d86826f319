/* gx-problem.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-problem"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-db.h"
#include "gx-problem.h"
#include "gx-record.h"
#include "gx-server-storage.h"

/* Every error the server answers is `application/problem+json`: a stable `type` a program
 * can switch on (docs/sync-api.md lists them), a translated `title` and `detail` a person
 * can read, the HTTP `status`, and `field` when one field is at fault. */

#define PROBLEM_TYPE_BASE "tag:guanxi.github.io,2026:problem:"

static const struct {
  const char *code;
  const char *title;
} titles[] = {
  { "invalid-json", N_("The request is not valid JSON") },
  { "invalid-field", N_("A field has an invalid value") },
  { "unknown-field", N_("A field is not known") },
  { "unknown-kind", N_("The kind of record is not known") },
  { "unauthorized", N_("Sign-in required") },
  { "forbidden", N_("Not allowed") },
  { "not-found", N_("Not found") },
  { "method-not-allowed", N_("Method not allowed") },
  { "conflict", N_("Conflicting change") },
  { "exists", N_("The record exists already") },
  { "append-only", N_("Ledger entries cannot be changed") },
  { "constraint", N_("The change breaks a rule of the archive") },
  { "resync-required", N_("A full sync is required") },
  { "length-required", N_("The request needs a Content-Length") },
  { "payload-too-large", N_("The request is too large") },
  { "unsupported-media-type", N_("The request must be JSON") },
  { "too-many-requests", N_("Too many attempts") },
  { "internal", N_("The server failed") },
  { "unavailable", N_("The server is busy") },
};

/**
 * gx_problem_new:
 * @status: the HTTP status
 * @code: the problem's code (the end of its type URI)
 * @detail: (nullable): what went wrong this time, translated
 * @field: (nullable): the field at fault
 *
 * Returns: (transfer full): a problem object
 */
JsonObject *
gx_problem_new (guint       status,
                const char *code,
                const char *detail,
                const char *field)
{
  JsonObject *problem = json_object_new ();
  g_autofree char *type = g_strconcat (PROBLEM_TYPE_BASE, code, NULL);
  const char *title = code;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (strcmp (titles[i].code, code) == 0)
      title = _(titles[i].title);

  json_object_set_string_member (problem, "type", type);
  json_object_set_string_member (problem, "title", title);
  json_object_set_int_member (problem, "status", status);
  json_object_set_string_member (problem, "code", code);
  if (detail != NULL)
    json_object_set_string_member (problem, "detail", detail);
  if (field != NULL)
    json_object_set_string_member (problem, "field", field);
  return problem;
}

/* "UNIQUE constraint failed: customers.number" names the column at fault. */
static char *
constraint_field (const char *message)
{
  const char *colon = strstr (message, "constraint failed: ");
  const char *dot;

  if (colon == NULL || strstr (message, "UNIQUE") == NULL)
    return NULL;

  colon += strlen ("constraint failed: ");
  dot = strchr (colon, '.');
  if (dot == NULL)
    return NULL;

  return g_strndup (dot + 1, strcspn (dot + 1, ", "));
}

/**
 * gx_problem_from_error:
 * @error: an error of the record layer, the store or the server storage
 *
 * Returns: (transfer full): the problem that tells a client about @error
 */
JsonObject *
gx_problem_from_error (const GError *error)
{
  const char *field = gx_record_error_get_field (error);

  if (error->domain == GX_RECORD_ERROR)
    {
      switch ((GxRecordError) error->code)
        {
        case GX_RECORD_ERROR_UNKNOWN_KIND:
          return gx_problem_new (400, "unknown-kind", error->message, field ? field : "kind");
        case GX_RECORD_ERROR_UNKNOWN_FIELD:
          return gx_problem_new (400, "unknown-field", error->message, field);
        case GX_RECORD_ERROR_NOT_FOUND:
          return gx_problem_new (404, "not-found", error->message, field);
        case GX_RECORD_ERROR_APPEND_ONLY:
          return gx_problem_new (409, "append-only", error->message, field);
        case GX_RECORD_ERROR_EXISTS:
          return gx_problem_new (409, "exists", error->message, field ? field : "id");
        case GX_RECORD_ERROR_FORBIDDEN:
          return gx_problem_new (403, "forbidden", error->message, field);
        case GX_RECORD_ERROR_INVALID:
        case GX_RECORD_ERROR_REQUIRED:
        default:
          return gx_problem_new (400, "invalid-field", error->message, field);
        }
    }

  if (g_error_matches (error, GX_DB_ERROR, GX_DB_ERROR_CONSTRAINT))
    {
      g_autofree char *column = constraint_field (error->message);
      const char *detail = strstr (error->message, "FOREIGN KEY")
                           ? _("The change refers to a record that does not exist on the server.")
                           : error->message;

      return gx_problem_new (409, "constraint", detail, column);
    }

  if (error->domain == GX_SERVER_ERROR)
    {
      switch ((GxServerError) error->code)
        {
        case GX_SERVER_ERROR_NOT_FOUND:
          return gx_problem_new (404, "not-found", error->message, NULL);
        case GX_SERVER_ERROR_EXISTS:
          return gx_problem_new (409, "exists", error->message, NULL);
        case GX_SERVER_ERROR_INVALID:
          return gx_problem_new (400, "invalid-field", error->message, NULL);
        case GX_SERVER_ERROR_RESYNC_REQUIRED:
          return gx_problem_new (410, "resync-required", error->message, "since");
        case GX_SERVER_ERROR_FORBIDDEN:
          return gx_problem_new (403, "forbidden", error->message, NULL);
        case GX_SERVER_ERROR_CONFLICT:
          return gx_problem_new (409, "conflict", error->message, NULL);
        case GX_SERVER_ERROR_UNAVAILABLE:
          return gx_problem_new (503, "unavailable", error->message, NULL);
        case GX_SERVER_ERROR_FAILED:
        case GX_SERVER_ERROR_NOT_A_SERVER_FILE:
        default:
          break;
        }
    }

  /* Never the database's own words: they may name internals. */
  return gx_problem_new (500, "internal", _("The server could not complete the request. Try again later."), NULL);
}

guint
gx_problem_get_status (JsonObject *problem)
{
  return (guint) json_object_get_int_member_with_default (problem, "status", 500);
}
