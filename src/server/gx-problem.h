/* gx-problem.h: RFC 9457 problem details, the server's one shape of error
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonObject *gx_problem_new        (guint          status,
                                   const char    *code,
                                   const char    *detail,
                                   const char    *field);
JsonObject *gx_problem_from_error (const GError  *error);
guint       gx_problem_get_status (JsonObject    *problem);

G_END_DECLS
