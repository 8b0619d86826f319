/* gx-demo.h: realistic demo data, deterministic from a seed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gx-clock.h"
#include "gx-store.h"

G_BEGIN_DECLS

/**
 * GxDemoProgress:
 * @done: customers written so far
 * @total: customers to write
 * @user_data: the data given with the options
 *
 * Called on the calling thread between batches.
 */
typedef void (*GxDemoProgress) (guint    done,
                                guint    total,
                                gpointer user_data);

typedef struct
{
  guint64         seed;
  guint           n_customers;
  GxClock        *clock;          /* "now" for dates; fixed for determinism */
  GxDemoProgress  progress;
  gpointer        progress_data;
  gboolean        customers_only; /* benchmarks: customers and contacts, nothing else */
  guint           batch_size;     /* customers per transaction; 0 for the default */
  guint           n_cases;        /* complaint cases (full mode); 0: one per 16 customers */
} GxDemoOptions;

gboolean gx_demo_generate (GxStore              *store,
                           const GxDemoOptions  *options,
                           GCancellable         *cancellable,
                           GError              **error);

G_END_DECLS
