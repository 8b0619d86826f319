/* gx-bench-util.c: what every benchmark does the same way — generating its archive, timing
 * the sqlite3 shell on the same query, reading the CPU clocks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <time.h>

#include "gx-bench-util.h"

static double
clock_ms (clockid_t id)
{
  struct timespec ts;

  clock_gettime (id, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

double
gx_bench_thread_cpu_ms (void)
{
  return clock_ms (CLOCK_THREAD_CPUTIME_ID);
}

double
gx_bench_process_cpu_ms (void)
{
  return clock_ms (CLOCK_PROCESS_CPUTIME_ID);
}

static void
print_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  double started = *(double *) user_data;

  g_printerr ("\rgenerating: %u / %u customers, %.1f s", done, total, (now_ms () - started) / 1000.0);
}

/**
 * gx_bench_generate:
 * @path: the file to generate into
 * @options: what to generate; its progress callback is the benchmark's own line
 * @seconds: (out): how long the generation took
 * @error: return location for a #GError
 *
 * Opens @path, generates the demo archive @options describes with a progress line on
 * stderr, and closes it again.
 */
gboolean
gx_bench_generate (const char     *path,
                   GxDemoOptions  *options,
                   double         *seconds,
                   GError        **error)
{
  g_autoptr(GxStore) store = NULL;
  double started;

  store = gx_store_open (path, error);
  if (store == NULL)
    return FALSE;

  started = now_ms ();
  options->progress = print_progress;
  options->progress_data = &started;
  if (!gx_demo_generate (store, options, NULL, error))
    return FALSE;
  *seconds = (now_ms () - started) / 1000.0;
  g_printerr ("\n");
  gx_store_close (store);
  return TRUE;
}

/**
 * gx_bench_remove_temporary:
 * @tmp_dir: (nullable): the temporary folder the benchmark made, %NULL when it used --db
 * @path: (nullable): the archive in it
 *
 * Removes a generated archive with its journal, and its folder.
 */
void
gx_bench_remove_temporary (const char *tmp_dir,
                           const char *path)
{
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;

  if (tmp_dir == NULL || path == NULL)
    return;

  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_remove (wal);
  g_remove (shm);
  g_remove (path);
  g_rmdir (tmp_dir);
}

/**
 * gx_bench_inline_params:
 * @sql: a statement with numbered parameters ?1, ?2…
 * @params: (nullable): a tuple of their values: strings, 64- or 32-bit integers, doubles, or
 *   those in variants; anything else is NULL
 *
 * The statement with its values written in, for the sqlite3 shell to run the very query the
 * app ran. Question marks inside quoted literals are left alone.
 *
 * Returns: (transfer full): the statement
 */
char *
gx_bench_inline_params (const char *sql,
                        GVariant   *params)
{
  GString *out = g_string_new (NULL);
  gsize n_params = params != NULL ? g_variant_n_children (params) : 0;
  char quote = 0;

  for (const char *p = sql; *p; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '\'' || *p == '"')
        quote = *p;
      else if (*p == '?' && g_ascii_isdigit (p[1]))
        {
          char *end = NULL;
          guint64 i = g_ascii_strtoull (p + 1, &end, 10);
          g_autoptr(GVariant) value = NULL;

          p = end - 1;
          if (i == 0 || i > n_params)
            {
              g_string_append (out, "NULL");
              continue;
            }

          value = g_variant_get_child_value (params, i - 1);
          while (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
            {
              GVariant *inner = g_variant_get_variant (value);

              g_variant_unref (value);
              value = inner;
            }

          if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
            {
              g_string_append_c (out, '\'');
              for (const char *s = g_variant_get_string (value, NULL); *s; s++)
                {
                  if (*s == '\'')
                    g_string_append_c (out, '\'');
                  g_string_append_c (out, *s);
                }
              g_string_append_c (out, '\'');
            }
          else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
            g_string_append_printf (out, "%" G_GINT64_FORMAT, g_variant_get_int64 (value));
          else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
            g_string_append_printf (out, "%d", g_variant_get_int32 (value));
          else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
            {
              char buf[G_ASCII_DTOSTR_BUF_SIZE];

              g_string_append (out, g_ascii_dtostr (buf, sizeof buf, g_variant_get_double (value)));
            }
          else
            g_string_append (out, "NULL");
          continue;
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/**
 * gx_bench_shell_time:
 * @shell: the sqlite3 shell
 * @path: the archive, opened read-only
 * @sql: what it runs
 * @error: return location for a #GError
 *
 * The wall time of one `sqlite3 -batch -readonly PATH SQL`, its start included (compare
 * with the same for an empty statement).
 *
 * Returns: milliseconds, or a negative number when the shell failed or wrote an error
 */
double
gx_bench_shell_time (const char  *shell,
                     const char  *path,
                     const char  *sql,
                     GError     **error)
{
  const char *argv[] = { shell, "-batch", "-readonly", path, sql, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  double started = now_ms ();
  double elapsed;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, error))
    return -1.0;
  elapsed = now_ms () - started;
  if (!g_spawn_check_wait_status (status, error))
    return -1.0;
  if (err != NULL && *err != '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "sqlite3: %s", err);
      return -1.0;
    }
  return elapsed;
}

/**
 * gx_bench_shell_median:
 * @shell: the sqlite3 shell
 * @path: the archive
 * @sql: what it runs
 * @runs: how many times
 * @error: return location for a #GError
 *
 * Returns: the median of @runs gx_bench_shell_time(), or a negative number on failure
 */
double
gx_bench_shell_median (const char  *shell,
                       const char  *path,
                       const char  *sql,
                       int          runs,
                       GError     **error)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < runs; i++)
    {
      double t = gx_bench_shell_time (shell, path, sql, error);

      if (t < 0)
        return -1.0;
      g_array_append_val (times, t);
    }
  return median (times);
}
