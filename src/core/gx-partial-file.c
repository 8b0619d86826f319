/* gx-partial-file.c: write a file beside its destination and put it in place only when whole
 *
 * An export the user cancels, or one that fails half-way (a full disk, a read error), must
 * leave at the destination what was there before — the user's earlier file, or nothing.
 * g_file_replace() alone does not: it writes a file that did not exist straight to its name,
 * and closing a replaced file's stream puts the part written so far over the old one. So an
 * export writes to a hidden file in the same folder (same file system: the rename is atomic)
 * and moves it over the destination only when every byte is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gx-partial-file.h"

/**
 * gx_partial_file_create:
 * @file: the destination
 * @partial: (out): where the hidden file beside @file is returned
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Creates a new hidden file in @file's folder that no one else has: its name is @file's with a
 * dot in front and a random eight-digit hexadecimal number and ".part" after it.
 *
 * Returns: (transfer full): its stream, or %NULL with @error set
 */
GFileOutputStream *
gx_partial_file_create (GFile         *file,
                        GFile        **partial,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (partial != NULL, NULL);

  if (parent == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME, "%s", name);
      return NULL;
    }

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *part_name = g_strdup_printf (".%s.%08x.part", name, g_random_int ());
      g_autoptr(GFile) part = g_file_get_child (parent, part_name);
      g_autoptr(GError) local_error = NULL;
      GFileOutputStream *stream = g_file_create (part, G_FILE_CREATE_NONE, cancellable, &local_error);

      if (stream != NULL)
        {
          *partial = g_steal_pointer (&part);
          return stream;
        }
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "%s", name);
  return NULL;
}

/**
 * gx_partial_file_commit:
 * @stream: the stream gx_partial_file_create() returned, everything written
 * @partial: the hidden file
 * @file: the destination
 * @cancellable: (nullable): a #GCancellable, for the close only: once the file is closed,
 *   the rename is not interrupted, so the destination is whole or as it was
 * @error: return location for a #GError
 *
 * Closes @stream and moves @partial over @file. On failure the caller still abandons it.
 *
 * Returns: %TRUE when @file holds what was written
 */
gboolean
gx_partial_file_commit (GFileOutputStream  *stream,
                        GFile              *partial,
                        GFile              *file,
                        GCancellable       *cancellable,
                        GError            **error)
{
  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error) &&
         g_file_move (partial, file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error);
}

/**
 * gx_partial_file_abandon:
 * @stream: (nullable): the stream, closed or not
 * @partial: (nullable): the hidden file
 *
 * Closes @stream and removes @partial: the destination stays as it was.
 */
void
gx_partial_file_abandon (GFileOutputStream *stream,
                         GFile             *partial)
{
  if (stream != NULL)
    g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
  if (partial != NULL)
    g_file_delete (partial, NULL, NULL);
}
