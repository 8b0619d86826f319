/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gx-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GxApplication) app = NULL;
  const char *localedir = g_getenv ("GUANXI_LOCALEDIR");

  /* Run from the build tree, translations come from there (build-aux/run-demo sets it). */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = gx_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
