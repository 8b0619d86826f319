/* gx-test-util.h: what every test needs — a private temporary folder, a fixed clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

G_BEGIN_DECLS

/* 2026-11-22 10:00:00 Asia/Shanghai (02:00 UTC): a Sunday. */
#define GX_TEST_NOW G_GINT64_CONSTANT (1795312800)

static inline void
gx_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          gx_test_rm_rf (child);
        }
    }
  g_remove (path);
}

static GPtrArray *gx_test_dirs;

static inline void
gx_test_remove_dirs (void)
{
  for (guint i = 0; gx_test_dirs != NULL && i < gx_test_dirs->len; i++)
    gx_test_rm_rf (g_ptr_array_index (gx_test_dirs, i));
  g_clear_pointer (&gx_test_dirs, g_ptr_array_unref);
}

/* A fresh folder per test, removed when the test program exits. GLib runs a test's queued
 * destroy functions before the fixture's teardown, while its store is still open (closing
 * it writes the WAL back into the folder), so the folders are removed at exit instead. */
static inline char *
gx_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("guanxi-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (gx_test_dirs == NULL)
    {
      gx_test_dirs = g_ptr_array_new_with_free_func (g_free);
      atexit (gx_test_remove_dirs);
    }
  g_ptr_array_add (gx_test_dirs, dir);
  return dir;
}

/* Runs the default main context until *flag is TRUE. */
static inline void
gx_test_wait_for (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
}

G_END_DECLS
