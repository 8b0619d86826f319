/* gx-service-index.c: the service index S_i = P_i × C_i over the service-factor tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-service-index"

#include "config.h"

#include <string.h>

#include "gx-enums.h"
#include "gx-service-index.h"

/* DOMAIN.md rule 8, as docs/service-index.md writes it out:
 *
 *   N    = the return visits in the period that scored at least one factor
 *   n_i  = the scores factor i got in those visits
 *   P_i  = n_i / N                               how often the factor comes up
 *   C_i  = mean over its scores of (s − 3) / 2   the satisfaction consequence: a score of 5
 *                                                is +1, 3 is neutral, 1 is −1
 *   S_i  = P_i × C_i  (= Σ (s − 3) / 2 / N)
 *   S_j  = Σ S of j's children, plus j's own term when visits scored j directly
 *
 * Higher is better; a factor that often leaves customers unhappy drags the index of its
 * parent down in proportion to how often it happens. Because C_i is linear in the score, a
 * factor needs only its count and score sum, which SQL adds up. */

static void
factor_free (gpointer data)
{
  GxServiceFactor *factor = data;

  g_free (factor->id);
  g_free (factor->parent_id);
  g_free (factor->name);
  g_free (factor);
}

/**
 * gx_service_consequence:
 * @score: a satisfaction score, 1–5 (a mean is fine)
 *
 * Returns: its satisfaction consequence, −1 (very dissatisfied) to +1 (very satisfied)
 */
double
gx_service_consequence (double score)
{
  return (score - 3.0) / 2.0;
}

GxServiceIndex *
gx_service_index_new (void)
{
  GxServiceIndex *self = g_new0 (GxServiceIndex, 1);

  self->factors = g_ptr_array_new_with_free_func (factor_free);
  return self;
}

void
gx_service_index_free (GxServiceIndex *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->factors);
  g_free (self);
}

/**
 * gx_service_index_add_factor:
 * @self: an index
 * @id: the factor's id
 * @parent_id: (nullable): its parent's id
 * @name: its display name
 * @position: its place among its siblings
 *
 * Adds a node of the tree; the order does not matter, gx_service_index_compute() sorts.
 */
void
gx_service_index_add_factor (GxServiceIndex *self,
                             const char     *id,
                             const char     *parent_id,
                             const char     *name,
                             int             position)
{
  GxServiceFactor *factor;

  g_return_if_fail (self != NULL);
  g_return_if_fail (id != NULL);

  factor = g_new0 (GxServiceFactor, 1);
  factor->id = g_strdup (id);
  factor->parent_id = parent_id && *parent_id ? g_strdup (parent_id) : NULL;
  factor->name = g_strdup (name ? name : id);
  factor->position = position;
  g_ptr_array_add (self->factors, factor);
}

static GxServiceFactor *
find (GxServiceIndex *self,
      const char     *id)
{
  if (id == NULL)
    return NULL;

  for (guint i = 0; i < self->factors->len; i++)
    {
      GxServiceFactor *factor = g_ptr_array_index (self->factors, i);

      if (strcmp (factor->id, id) == 0)
        return factor;
    }
  return NULL;
}

/**
 * gx_service_index_add_scores:
 * @self: an index
 * @factor_id: the factor scored
 * @n: how many scores
 * @score_sum: their sum
 *
 * Returns: %FALSE when the factor is not in the tree (the scores are left out)
 */
gboolean
gx_service_index_add_scores (GxServiceIndex *self,
                             const char     *factor_id,
                             gint64          n,
                             gint64          score_sum)
{
  GxServiceFactor *factor;

  g_return_val_if_fail (self != NULL, FALSE);

  factor = find (self, factor_id);
  if (factor == NULL)
    return FALSE;

  factor->n += n;
  factor->score_sum += score_sum;
  return TRUE;
}

/**
 * gx_service_index_find:
 * @self: an index
 * @id: a factor id
 *
 * Returns: (transfer none) (nullable): the factor
 */
const GxServiceFactor *
gx_service_index_find (GxServiceIndex *self,
                       const char     *id)
{
  g_return_val_if_fail (self != NULL, NULL);

  return find (self, id);
}

/* A parent that does not exist, or a loop (which the record rule refuses, but a desk may
 * hold data from before it), makes a factor top-level rather than lose it. */
static void
repair_parents (GxServiceIndex *self)
{
  for (guint i = 0; i < self->factors->len; i++)
    {
      GxServiceFactor *factor = g_ptr_array_index (self->factors, i);
      GxServiceFactor *up = find (self, factor->parent_id);
      guint steps = 0;

      if (up == NULL)
        {
          g_clear_pointer (&factor->parent_id, g_free);
          continue;
        }

      while (up != NULL && up != factor && steps++ <= self->factors->len)
        up = find (self, up->parent_id);
      if (up == factor)
        g_clear_pointer (&factor->parent_id, g_free);
    }
}

static int
compare_siblings (gconstpointer a,
                  gconstpointer b)
{
  const GxServiceFactor *x = *(GxServiceFactor * const *) a;
  const GxServiceFactor *y = *(GxServiceFactor * const *) b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return g_utf8_collate (x->name, y->name);
}

/* Appends @parent's subtree to @ordered depth first and returns its index. */
static double
visit (GxServiceIndex  *self,
       GPtrArray       *ordered,
       GxServiceFactor *parent,
       guint            depth,
       gint64           n_visits)
{
  g_autoptr(GPtrArray) children = g_ptr_array_new ();
  double sum = 0.0;

  for (guint i = 0; i < self->factors->len; i++)
    {
      GxServiceFactor *factor = g_ptr_array_index (self->factors, i);

      if ((parent == NULL && factor->parent_id == NULL) ||
          (parent != NULL && g_strcmp0 (factor->parent_id, parent->id) == 0))
        g_ptr_array_add (children, factor);
    }
  g_ptr_array_sort (children, compare_siblings);

  for (guint i = 0; i < children->len; i++)
    {
      GxServiceFactor *factor = g_ptr_array_index (children, i);
      double children_index;
      gint64 before;

      factor->depth = depth;
      factor->mean_score = factor->n > 0 ? (double) factor->score_sum / factor->n : 0.0;
      factor->frequency = n_visits > 0 ? (double) factor->n / n_visits : 0.0;
      factor->consequence = factor->n > 0 ? gx_service_consequence (factor->mean_score) : 0.0;
      factor->own_index = factor->frequency * factor->consequence;

      g_ptr_array_add (ordered, factor);
      before = ordered->len;
      children_index = visit (self, ordered, factor, depth + 1, n_visits);
      factor->composite = ordered->len > (guint) before;
      factor->index = factor->own_index + children_index;

      factor->subtree_n = factor->n;
      for (guint j = before; j < ordered->len; j++)
        {
          GxServiceFactor *below = g_ptr_array_index (ordered, j);
          if (below->depth == depth + 1)
            factor->subtree_n += below->subtree_n;
        }

      sum += factor->index;
    }

  return sum;
}

/**
 * gx_service_index_compute:
 * @self: an index with its tree and scores
 * @n_visits: N, the return visits that scored at least one factor
 *
 * Computes P_i, C_i and S for every factor and orders the tree depth first.
 */
void
gx_service_index_compute (GxServiceIndex *self,
                          gint64          n_visits)
{
  GPtrArray *ordered;

  g_return_if_fail (self != NULL);

  self->n_visits = n_visits;
  repair_parents (self);

  ordered = g_ptr_array_new_full (self->factors->len, factor_free);
  visit (self, ordered, NULL, 0, n_visits);
  g_assert (ordered->len == self->factors->len);

  /* The factors moved into @ordered: empty the old array without freeing them. */
  g_ptr_array_set_free_func (self->factors, NULL);
  g_ptr_array_unref (self->factors);
  self->factors = ordered;
}

/**
 * gx_service_index_load_tree:
 * @self: an empty index
 * @db: a read connection
 * @error: return location for a #GError
 *
 * Adds every factor of the store's tree.
 *
 * Returns: %TRUE on success
 */
gboolean
gx_service_index_load_tree (GxServiceIndex  *self,
                            GxDb            *db,
                            GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);

  stmt = gx_db_prepare (db, "SELECT id, parent_id, name, position FROM service_factors", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = gx_db_column_text (stmt, 0);
      /* A reference factor reads in the desk's language until the organisation renames
       * it; one it added, as it was named. */
      const char *name = gx_vocab_display_name (GX_VOCAB_SERVICE_FACTOR, id, gx_db_column_text (stmt, 2));

      gx_service_index_add_factor (self, id, gx_db_column_text (stmt, 1), name,
                                   sqlite3_column_int (stmt, 3));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return gx_db_set_error (db, error, "service factors");
  return TRUE;
}
