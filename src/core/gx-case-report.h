/* gx-case-report.h: one complaint case as a document — printed, saved as PDF, read in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gx-db.h"
#include "gx-report.h"

G_BEGIN_DECLS

GxReport *gx_case_report_new (GxDb        *db,
                              const char  *case_id,
                              const char  *printed_by,
                              gint64       now,
                              GTimeZone   *tz,
                              GError     **error);

G_END_DECLS
