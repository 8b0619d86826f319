/* gx-server-storage.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-server-storage"

#include "config.h"

#include "gx-enums.h"
#include "gx-server-storage.h"

G_DEFINE_QUARK (gx-server-error-quark, gx_server_error)

G_DEFINE_ABSTRACT_TYPE (GxServerStorage, gx_server_storage, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (GxServerUser, gx_server_user, gx_server_user_copy, gx_server_user_free)

/* GxServerUser */

GxServerUser *
gx_server_user_copy (const GxServerUser *user)
{
  GxServerUser *copy;

  g_return_val_if_fail (user != NULL, NULL);

  copy = g_new0 (GxServerUser, 1);
  copy->id = g_strdup (user->id);
  copy->username = g_strdup (user->username);
  copy->display_name = g_strdup (user->display_name);
  copy->role = user->role;
  copy->team = g_strdup (user->team);
  copy->active = user->active;
  return copy;
}

void
gx_server_user_free (GxServerUser *user)
{
  if (user == NULL)
    return;

  g_free (user->id);
  g_free (user->username);
  g_free (user->display_name);
  g_free (user->team);
  g_free (user);
}

/**
 * gx_server_user_to_json:
 * @user: a user
 *
 * Returns: (transfer full): the user as the API shows it (never a credential)
 */
JsonObject *
gx_server_user_to_json (const GxServerUser *user)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", user->id);
  json_object_set_string_member (object, "username", user->username);
  json_object_set_string_member (object, "display_name", user->display_name);
  json_object_set_string_member (object, "role", gx_role_to_code (user->role));
  json_object_set_string_member (object, "team", user->team ? user->team : "");
  json_object_set_boolean_member (object, "active", user->active);
  return object;
}

/* GObject */

static void
gx_server_storage_class_init (GxServerStorageClass *klass)
{
}

static void
gx_server_storage_init (GxServerStorage *self)
{
}

/* Public API: each call goes to the backend. */

#define CALL(method, fallback, ...)                                                 \
  G_STMT_START {                                                                    \
    GxServerStorageClass *klass;                                                    \
    g_return_val_if_fail (GX_IS_SERVER_STORAGE (self), fallback);                   \
    klass = GX_SERVER_STORAGE_GET_CLASS (self);                                     \
    g_return_val_if_fail (klass->method != NULL, fallback);                         \
    return klass->method (self, __VA_ARGS__);                                       \
  } G_STMT_END

gboolean
gx_server_storage_add_user (GxServerStorage     *self,
                            const GxServerUser  *user,
                            const char          *password_hash,
                            gint64               now,
                            GError             **error)
{
  CALL (add_user, FALSE, user, password_hash, now, error);
}

gboolean
gx_server_storage_set_password (GxServerStorage  *self,
                                const char       *username,
                                const char       *password_hash,
                                gint64            now,
                                GError          **error)
{
  CALL (set_password, FALSE, username, password_hash, now, error);
}

/**
 * gx_server_storage_set_active:
 * @self: a storage
 * @username: the user
 * @active: %FALSE to disable the user, which also revokes every token they hold
 * @now: the time
 * @error: return location for a #GError
 */
gboolean
gx_server_storage_set_active (GxServerStorage  *self,
                              const char       *username,
                              gboolean          active,
                              gint64            now,
                              GError          **error)
{
  CALL (set_active, FALSE, username, active, now, error);
}

/**
 * gx_server_storage_list_users:
 *
 * Returns: (transfer full) (element-type GxServerUser): every user, by name
 */
GPtrArray *
gx_server_storage_list_users (GxServerStorage  *self,
                              GError          **error)
{
  CALL (list_users, NULL, error);
}

/**
 * gx_server_storage_find_user:
 * @password_hash: (out) (optional): the stored password hash
 *
 * Returns: (transfer full) (nullable): the user, %NULL with %GX_SERVER_ERROR_NOT_FOUND
 */
GxServerUser *
gx_server_storage_find_user (GxServerStorage  *self,
                             const char       *username,
                             char            **password_hash,
                             GError          **error)
{
  CALL (find_user, NULL, username, password_hash, error);
}

gboolean
gx_server_storage_add_token (GxServerStorage  *self,
                             const char       *token_hash,
                             const char       *user_id,
                             gint64            now,
                             gint64            expires_at,
                             GError          **error)
{
  CALL (add_token, FALSE, token_hash, user_id, now, expires_at, error);
}

/**
 * gx_server_storage_lookup_token:
 *
 * Returns: (transfer full) (nullable): the active user holding a valid, unrevoked,
 *   unexpired token, or %NULL with %GX_SERVER_ERROR_NOT_FOUND
 */
GxServerUser *
gx_server_storage_lookup_token (GxServerStorage  *self,
                                const char       *token_hash,
                                gint64            now,
                                GError          **error)
{
  CALL (lookup_token, NULL, token_hash, now, error);
}

gboolean
gx_server_storage_revoke_token (GxServerStorage  *self,
                                const char       *token_hash,
                                gint64            now,
                                GError          **error)
{
  CALL (revoke_token, FALSE, token_hash, now, error);
}

/**
 * gx_server_storage_changes:
 * @self: a storage
 * @user: who asks; the page holds only what they may see
 * @since: the cursor of the last page applied, 0 for a first sync
 * @limit: about how many changes (a record entering the user's scope brings its whole file)
 * @now: the time, for the audit log
 * @error: return location; %GX_SERVER_ERROR_RESYNC_REQUIRED when @since is older than the
 *   tombstones kept, or newer than anything this server made
 *
 * Returns: (transfer full): `{changes, cursor, more}` of docs/sync-api.md
 */
JsonObject *
gx_server_storage_changes (GxServerStorage     *self,
                           const GxServerUser  *user,
                           gint64               since,
                           guint                limit,
                           gint64               now,
                           GError             **error)
{
  CALL (changes, NULL, user, since, limit, now, error);
}

/**
 * gx_server_storage_push:
 * @self: a storage
 * @user: who pushes
 * @desk_id: the pushing desk's id; a user's own successive edits from one desk never
 *   conflict with each other
 * @mutations: the mutations, already checked for shape
 * @now: the time
 * @error: return location for a #GError, for a failure of the whole batch (nothing applied)
 *
 * Applies each mutation at most once (by its mutation_id), all or nothing per mutation.
 *
 * Returns: (transfer full): one result per mutation, in order
 */
JsonArray *
gx_server_storage_push (GxServerStorage     *self,
                        const GxServerUser  *user,
                        const char          *desk_id,
                        JsonArray           *mutations,
                        gint64               now,
                        GError             **error)
{
  CALL (push, NULL, user, desk_id, mutations, now, error);
}

/**
 * gx_server_storage_get_head:
 *
 * Returns: the newest change sequence number
 */
gint64
gx_server_storage_get_head (GxServerStorage *self)
{
  GxServerStorageClass *klass;

  g_return_val_if_fail (GX_IS_SERVER_STORAGE (self), 0);
  klass = GX_SERVER_STORAGE_GET_CLASS (self);
  return klass->get_head (self);
}

gboolean
gx_server_storage_audit (GxServerStorage     *self,
                         const GxAuditEntry  *entry,
                         GError             **error)
{
  CALL (audit, FALSE, entry, error);
}

/**
 * gx_server_storage_list_audit:
 *
 * Returns: (transfer full): `{entries, cursor, more}`
 */
JsonObject *
gx_server_storage_list_audit (GxServerStorage  *self,
                              gint64            after,
                              guint             limit,
                              const char       *customer_id,
                              GError          **error)
{
  CALL (list_audit, NULL, after, limit, customer_id, error);
}

/**
 * gx_server_storage_purge:
 * @self: a storage
 * @before: tombstones, scope changes and remembered mutation results older than this go;
 *   cursors from before then get "resync required"
 * @error: return location for a #GError
 */
gboolean
gx_server_storage_purge (GxServerStorage  *self,
                         gint64            before,
                         GError          **error)
{
  CALL (purge, FALSE, before, error);
}

/**
 * gx_server_storage_register_desk:
 * @self: a storage
 * @user: the signed-in user
 * @desk_id: the desk's own id (one per account file)
 * @now: the time
 * @error: return location for a #GError
 *
 * Gives a desk its code for member numbers: the same code every time for the same desk,
 * and a code no other desk of this server has. %GX_SERVER_ERROR_CONFLICT when the desk id
 * is another user's.
 *
 * Returns: (transfer full): the code, two or three characters
 */
char *
gx_server_storage_register_desk (GxServerStorage     *self,
                                 const GxServerUser  *user,
                                 const char          *desk_id,
                                 gint64               now,
                                 GError             **error)
{
  CALL (register_desk, NULL, user, desk_id, now, error);
}
