/* gx-bench-util.h: what every benchmark shares — the timing arithmetic, generating the
 * archive, the sqlite3 shell as the raw limit (gx-bench-util.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gx-demo.h"
#include "gx-store.h"

/* Now, in milliseconds of the monotonic clock. */
static inline double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static inline int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The median of @values (sorted in place); 0 for none. */
static inline double
median (GArray *values)
{
  if (values->len == 0)
    return 0.0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

/* The @p-th percentile of @values (sorted in place), nearest rank; 0 for none. */
static inline double
percentile (GArray *values,
            double  p)
{
  guint rank;

  if (values->len == 0)
    return 0.0;

  g_array_sort (values, compare_doubles);
  rank = (guint) (p / 100.0 * values->len + 0.999999);
  rank = CLAMP (rank, 1, values->len);
  return g_array_index (values, double, rank - 1);
}

double    gx_bench_thread_cpu_ms     (void);
double    gx_bench_process_cpu_ms    (void);
gboolean  gx_bench_generate          (const char     *path,
                                      GxDemoOptions  *options,
                                      double         *seconds,
                                      GError        **error);
void      gx_bench_remove_temporary  (const char     *tmp_dir,
                                      const char     *path);
char     *gx_bench_inline_params     (const char     *sql,
                                      GVariant       *params);
double    gx_bench_shell_time        (const char     *shell,
                                      const char     *path,
                                      const char     *sql,
                                      GError        **error);
double    gx_bench_shell_median      (const char     *shell,
                                      const char     *path,
                                      const char     *sql,
                                      int             runs,
                                      GError        **error);
