/* gx-test-keys.h: real key presses for UI tests, through the X server's XTEST extension
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <dlfcn.h>
#include <gdk/x11/gdkx.h>
#include <gtk/gtk.h>
#include <X11/Xlib.h>
#include <X11/keysym.h>

/* Looked up at run time: libX11 is GTK's, libXtst has no headers here. A key sent this way
 * goes where a user's would: to the focused widget of the active window. */

typedef int (*GxTestFakeKeyFunc) (Display *, unsigned int, Bool, unsigned long);
typedef KeyCode (*GxTestKeysymToKeycodeFunc) (Display *, KeySym);
typedef int (*GxTestFlushFunc) (Display *);

static GxTestFakeKeyFunc gx_test_fake_key;
static GxTestKeysymToKeycodeFunc gx_test_keysym_to_keycode;
static GxTestFlushFunc gx_test_flush;

static inline gboolean
gx_test_keys_available (void)
{
  if (gx_test_fake_key == NULL)
    {
      void *xtst = dlopen ("libXtst.so.6", RTLD_NOW | RTLD_GLOBAL);

      if (xtst != NULL)
        gx_test_fake_key = (GxTestFakeKeyFunc) dlsym (xtst, "XTestFakeKeyEvent");
      gx_test_keysym_to_keycode = (GxTestKeysymToKeycodeFunc) dlsym (RTLD_DEFAULT, "XKeysymToKeycode");
      gx_test_flush = (GxTestFlushFunc) dlsym (RTLD_DEFAULT, "XFlush");
    }
  return gx_test_fake_key != NULL && gx_test_keysym_to_keycode != NULL && gx_test_flush != NULL &&
         GDK_IS_X11_DISPLAY (gdk_display_get_default ());
}

static inline void
gx_test_keys_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Presses (@press TRUE) or releases one key. */
static inline void
gx_test_key_event (KeySym   sym,
                   gboolean press)
{
  Display *dpy = gdk_x11_display_get_xdisplay (gdk_display_get_default ());

  gx_test_fake_key (dpy, gx_test_keysym_to_keycode (dpy, sym), press ? True : False, 0);
  gx_test_flush (dpy);
  gx_test_keys_spin (25);
}

/* Presses and releases one key. */
static inline void
gx_test_key (KeySym sym)
{
  gx_test_key_event (sym, TRUE);
  gx_test_key_event (sym, FALSE);
  gx_test_keys_spin (35);
}

/* Presses @sym while @modifier (XK_Control_L, XK_Shift_L …) is held down. */
static inline void
gx_test_key_with (KeySym modifier,
                  KeySym sym)
{
  gx_test_key_event (modifier, TRUE);
  gx_test_key (sym);
  gx_test_key_event (modifier, FALSE);
  gx_test_keys_spin (35);
}

/* Types @ascii (letters, digits, space, '-' and '.') key by key, as a desk types it. */
static inline void
gx_test_type (const char *ascii)
{
  for (const char *p = ascii; *p; p++)
    {
      KeySym sym = *p == ' ' ? XK_space : *p == '-' ? XK_minus : *p == '.' ? XK_period
                   : (KeySym) g_ascii_tolower (*p);

      if (g_ascii_isupper (*p))
        gx_test_key_with (XK_Shift_L, sym);
      else
        gx_test_key (sym);
    }
  gx_test_keys_spin (100);
}
