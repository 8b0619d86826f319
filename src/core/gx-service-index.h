/* gx-service-index.h: the service index S_i = P_i × C_i over the service-factor tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "gx-db.h"

G_BEGIN_DECLS

/**
 * GxServiceFactor:
 * @id: the factor's id
 * @parent_id: (nullable): its parent, %NULL for a top-level factor
 * @name: what the desk reads (the translated label of a reference factor, else its name)
 * @position: its place among its siblings
 * @depth: 0 for top-level factors
 * @composite: it has child factors
 * @n: scores given to this factor itself
 * @score_sum: their sum
 * @mean_score: their mean, 1–5 (0 without scores)
 * @frequency: P_i = @n / N, N the return visits that scored any factor
 * @consequence: C_i, the mean satisfaction consequence of its scores, (score − 3) / 2
 * @own_index: P_i × C_i
 * @index: S: @own_index plus the sum of the children's @index (DOMAIN.md rule 8)
 * @subtree_n: scores in its whole subtree
 *
 * docs/service-index.md explains the method with a worked example.
 */
typedef struct
{
  char     *id;
  char     *parent_id;
  char     *name;
  int       position;
  guint     depth;
  gboolean  composite;
  gint64    n;
  gint64    score_sum;
  double    mean_score;
  double    frequency;
  double    consequence;
  double    own_index;
  double    index;
  gint64    subtree_n;
} GxServiceFactor;

/**
 * GxServiceIndex:
 * @n_visits: N, the return visits that scored at least one factor
 * @factors: (element-type GxServiceFactor): the tree, depth first, siblings by position
 */
typedef struct
{
  gint64     n_visits;
  GPtrArray *factors;
} GxServiceIndex;

double                 gx_service_consequence     (double              score);
GxServiceIndex        *gx_service_index_new       (void);
void                   gx_service_index_free      (GxServiceIndex     *self);
void                   gx_service_index_add_factor (GxServiceIndex    *self,
                                                   const char         *id,
                                                   const char         *parent_id,
                                                   const char         *name,
                                                   int                 position);
gboolean               gx_service_index_add_scores (GxServiceIndex    *self,
                                                   const char         *factor_id,
                                                   gint64              n,
                                                   gint64              score_sum);
void                   gx_service_index_compute   (GxServiceIndex     *self,
                                                   gint64              n_visits);
const GxServiceFactor *gx_service_index_find      (GxServiceIndex     *self,
                                                   const char         *id);
gboolean               gx_service_index_load_tree (GxServiceIndex     *self,
                                                   GxDb               *db,
                                                   GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxServiceIndex, gx_service_index_free)

G_END_DECLS
