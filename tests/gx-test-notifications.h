/* gx-test-notifications.h: the desktop's notification server, for UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* GLib's GNotification goes to org.gtk.Notifications when a process owns that name on the
 * session bus (GNOME Shell does). A UI test owns it on its private bus, so notifications
 * travel the real D-Bus path and the test can read what the desk was told; without an owner
 * GLib would fall back to org.freedesktop.Notifications and warn that nobody listens. */

static const char gx_test_notifications_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

/* Titles received, in order; owned by the server. */
static GPtrArray *gx_test_notification_titles;

static void
gx_test_notifications_method_cb (GDBusConnection       *connection,
                                 const char            *sender,
                                 const char            *path,
                                 const char            *interface,
                                 const char            *method,
                                 GVariant              *parameters,
                                 GDBusMethodInvocation *invocation,
                                 gpointer               user_data)
{
  if (g_str_equal (method, "AddNotification"))
    {
      g_autoptr(GVariant) notification = g_variant_get_child_value (parameters, 2);
      g_autoptr(GVariantDict) dict = g_variant_dict_new (notification);
      const char *title = NULL;

      if (g_variant_dict_lookup (dict, "title", "&s", &title))
        g_ptr_array_add (gx_test_notification_titles, g_strdup (title));
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

/* Owns org.gtk.Notifications on the session bus; call before the application registers. */
static inline void
gx_test_notifications_start (void)
{
  static const GDBusInterfaceVTable vtable = { gx_test_notifications_method_cb };
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;

  if (gx_test_notification_titles != NULL)
    {
      g_ptr_array_set_size (gx_test_notification_titles, 0);
      return;
    }

  gx_test_notification_titles = g_ptr_array_new_with_free_func (g_free);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_assert_nonnull (bus);
  info = g_dbus_node_info_new_for_xml (gx_test_notifications_xml, NULL);
  g_dbus_connection_register_object (bus, "/org/gtk/Notifications", info->interfaces[0], &vtable, NULL, NULL, NULL);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName", g_variant_new ("(su)", "org.gtk.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  g_assert_nonnull (reply);
}

G_END_DECLS
