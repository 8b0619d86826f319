/* gx-bench-util.h: the timing arithmetic every benchmark shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

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
