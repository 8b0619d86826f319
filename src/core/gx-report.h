/* gx-report.h: the monthly service report — the overview's figures as titled tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gx-overview.h"

G_BEGIN_DECLS

/**
 * GxReportSection:
 * @title: the section's title
 * @headings: the column headings; the first names the rows
 * @rows: (element-type GStrv): each row's cells, as many as @headings
 * @numeric_from: columns from this one on hold figures (right-aligned in print)
 */
typedef struct
{
  char      *title;
  GStrv      headings;
  GPtrArray *rows;
  guint      numeric_from;
} GxReportSection;

/**
 * GxReport:
 * @title: "Monthly service report"
 * @subtitle: the period and the scope ("November 2026 · All teams · Everyone")
 * @footer: who printed it and when
 * @sections: (element-type GxReportSection): the tables
 */
typedef struct
{
  char      *title;
  char      *subtitle;
  char      *footer;
  GPtrArray *sections;
} GxReport;

GxReport *gx_report_new_from_overview (const GxOverview  *overview,
                                       GxPeriodKind       period,
                                       const char        *owner_name,
                                       const char        *printed_by,
                                       gint64             now,
                                       GTimeZone         *tz);
GxReport *gx_report_new               (const char        *title,
                                       const char        *subtitle,
                                       const char        *footer);
GxReportSection *gx_report_add_table  (GxReport          *self,
                                       const char        *title,
                                       guint              numeric_from,
                                       const char * const *headings);
void      gx_report_table_add_row     (GxReportSection   *section,
                                       const char * const *cells);
void      gx_report_free              (GxReport          *self);
char     *gx_report_to_csv            (const GxReport    *self,
                                       gsize             *length);
char     *gx_report_to_text           (const GxReport    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxReport, gx_report_free)

G_END_DECLS
