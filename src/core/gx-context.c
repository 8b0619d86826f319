/* gx-context.c: what every view and service reaches the desk's services through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-context"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gx-context.h"
#include "gx-core-enums.h"
#include "gx-enums.h"
#include "gx-sync-client.h"
#include "gx-uuid.h"

struct _GxContext
{
  GObject    parent_instance;

  GxStore   *store;
  GxClock   *clock;
  GSettings *settings;
  char      *user_id;
  char      *user_name;
  GxRole     role;
  GObject   *sync_client;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_CLOCK,
  PROP_SETTINGS,
  PROP_USER_ID,
  PROP_USER_NAME,
  PROP_ROLE,
  PROP_SYNC_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GxContext, gx_context, G_TYPE_OBJECT)

/* g_set_str() is GLib 2.76, newer than our floor. */
static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
gx_context_finalize (GObject *object)
{
  GxContext *self = (GxContext *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_object (&self->settings);
  g_clear_object (&self->sync_client);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->user_name, g_free);

  G_OBJECT_CLASS (gx_context_parent_class)->finalize (object);
}

static void
gx_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GxContext *self = GX_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;
    case PROP_USER_NAME:
      g_value_set_string (value, self->user_name);
      break;
    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;
    case PROP_SYNC_CLIENT:
      g_value_set_object (value, self->sync_client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  GxContext *self = GX_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gx_context_class_init (GxContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gx_context_finalize;
  object_class->get_property = gx_context_get_property;
  object_class->set_property = gx_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GX_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, GX_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_NAME] =
    g_param_spec_string ("user-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL, GX_TYPE_ROLE, GX_ROLE_DESK,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_SYNC_CLIENT] =
    g_param_spec_object ("sync-client", NULL, NULL, GX_TYPE_SYNC_CLIENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gx_context_init (GxContext *self)
{
}

/**
 * gx_context_new:
 * @store: the desk's store
 * @clock: (nullable): the clock; the system clock when %NULL
 * @settings: (nullable): the application's settings
 *
 * Returns: (transfer full): a new context
 */
GxContext *
gx_context_new (GxStore   *store,
                GxClock   *clock,
                GSettings *settings)
{
  g_autoptr(GxClock) system_clock = NULL;

  g_return_val_if_fail (GX_IS_STORE (store), NULL);

  if (clock == NULL)
    clock = system_clock = gx_clock_new_system ();

  return g_object_new (GX_TYPE_CONTEXT,
                       "store", store,
                       "clock", clock,
                       "settings", settings,
                       NULL);
}

GxStore *
gx_context_get_store (GxContext *self)
{
  g_return_val_if_fail (GX_IS_CONTEXT (self), NULL);

  return self->store;
}

GxClock *
gx_context_get_clock (GxContext *self)
{
  g_return_val_if_fail (GX_IS_CONTEXT (self), NULL);

  return self->clock;
}

/**
 * gx_context_get_settings:
 * @self: a #GxContext
 *
 * Returns: (transfer none) (nullable): the application's settings
 */
GSettings *
gx_context_get_settings (GxContext *self)
{
  g_return_val_if_fail (GX_IS_CONTEXT (self), NULL);

  return self->settings;
}

const char *
gx_context_get_user_id (GxContext *self)
{
  g_return_val_if_fail (GX_IS_CONTEXT (self), NULL);

  return self->user_id;
}

const char *
gx_context_get_user_name (GxContext *self)
{
  g_return_val_if_fail (GX_IS_CONTEXT (self), NULL);

  return self->user_name;
}

GxRole
gx_context_get_role (GxContext *self)
{
  g_return_val_if_fail (GX_IS_CONTEXT (self), GX_ROLE_DESK);

  return self->role;
}

/**
 * gx_context_set_user:
 * @self: a #GxContext
 * @user_id: the signed-in user's id
 * @display_name: their name
 * @role: their role
 *
 * Sets who works at this desk.
 */
void
gx_context_set_user (GxContext  *self,
                     const char *user_id,
                     const char *display_name,
                     GxRole      role)
{
  g_return_if_fail (GX_IS_CONTEXT (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (set_str (&self->user_id, user_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_ID]);
  if (set_str (&self->user_name, display_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_NAME]);
  if (self->role != role)
    {
      self->role = role;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * gx_context_load_user:
 * @self: a #GxContext
 * @error: return location for a #GError
 *
 * Reads the desk's user from the store (`sync_state.user_id`) and sets it.
 *
 * Returns: %TRUE when the store names a known user
 */
gboolean
gx_context_load_user (GxContext  *self,
                      GError    **error)
{
  GxDb *db;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (GX_IS_CONTEXT (self), FALSE);

  db = gx_store_get_main_reader (self->store);
  stmt = gx_db_prepare (db,
                        "SELECT u.id, u.display_name, u.role FROM sync_state s "
                        "JOIN users u ON u.id = s.value WHERE s.key = 'user_id'",
                        error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gx_context_set_user (self,
                           gx_db_column_text (stmt, 0),
                           gx_db_column_text (stmt, 1),
                           gx_role_from_code (gx_db_column_text (stmt, 2)));
      found = TRUE;
    }
  sqlite3_reset (stmt);

  if (!found)
    g_set_error_literal (error, GX_DB_ERROR, GX_DB_ERROR_NOT_FOUND,
                         _("This desk has no signed-in user."));
  return found;
}

static gboolean
create_local_user (GxDb      *db,
                   gpointer   user_data,
                   GError   **error)
{
  const char *name = user_data;
  g_autofree char *id = gx_uuid_v7_new ();
  sqlite3_stmt *stmt;

  /* Another writer may have made one meanwhile. */
  if (gx_db_query_int (db, "SELECT count(*) FROM sync_state WHERE key = 'user_id'", NULL, 0, error) > 0)
    return TRUE;

  stmt = gx_db_prepare (db,
                        "INSERT INTO users (id, username, display_name, role, team)"
                        " VALUES (?, 'local', ?, 'supervisor', '')",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  if (!gx_db_step_done (db, stmt, error))
    return FALSE;

  stmt = gx_db_prepare (db,
                        "INSERT INTO sync_state (key, value) VALUES ('user_id', ?), ('mode', 'local')",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  return gx_db_step_done (db, stmt, error);
}

/**
 * gx_context_ensure_user:
 * @self: a #GxContext
 * @error: return location for a #GError
 *
 * Loads the desk's user; a desk with none (a new archive and no server) gets a local
 * supervisor, so every place is open to whoever works on their own data.
 *
 * Returns: %TRUE when a user is set
 */
gboolean
gx_context_ensure_user (GxContext  *self,
                        GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (GX_IS_CONTEXT (self), FALSE);

  if (gx_context_load_user (self, &local_error))
    return TRUE;

  if (!g_error_matches (local_error, GX_DB_ERROR, GX_DB_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!gx_store_write_sync (self->store, create_local_user, (gpointer) _("Local supervisor"), error))
    return FALSE;

  return gx_context_load_user (self, error);
}

/**
 * gx_context_get_sync_client:
 * @self: a #GxContext
 *
 * Returns: (transfer none) (nullable): the desk's sync client, %NULL where nothing syncs
 *   (tests, the demo)
 */
GxSyncClient *
gx_context_get_sync_client (GxContext *self)
{
  g_return_val_if_fail (GX_IS_CONTEXT (self), NULL);

  return (GxSyncClient *) self->sync_client;
}

/**
 * gx_context_set_sync_client:
 * @self: a #GxContext
 * @client: (nullable): the desk's sync client
 */
void
gx_context_set_sync_client (GxContext    *self,
                            GxSyncClient *client)
{
  g_return_if_fail (GX_IS_CONTEXT (self));

  if (g_set_object (&self->sync_client, (GObject *) client))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_CLIENT]);
}
