/* gx-server-storage.h: what guanxi-server keeps, behind one interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gx-types.h"

G_BEGIN_DECLS

#define GX_SERVER_ERROR (gx_server_error_quark ())

typedef enum
{
  GX_SERVER_ERROR_FAILED,
  GX_SERVER_ERROR_NOT_FOUND,
  GX_SERVER_ERROR_EXISTS,
  GX_SERVER_ERROR_INVALID,
  GX_SERVER_ERROR_RESYNC_REQUIRED,
  GX_SERVER_ERROR_NOT_A_SERVER_FILE,
  GX_SERVER_ERROR_FORBIDDEN,
  GX_SERVER_ERROR_CONFLICT,
  GX_SERVER_ERROR_UNAVAILABLE,
} GxServerError;

/**
 * GxServerUser:
 * @id: the user's record id (a `user` record, synced to every desk)
 * @username: the sign-in name
 * @display_name: the name shown at the desks
 * @role: what the user may see and do
 * @team: the team, for reports
 * @active: %FALSE once disabled: no sign-in, no token works
 */
typedef struct
{
  char     *id;
  char     *username;
  char     *display_name;
  GxRole    role;
  char     *team;
  gboolean  active;
} GxServerUser;

GType         gx_server_user_get_type (void) G_GNUC_CONST;
GxServerUser *gx_server_user_copy     (const GxServerUser *user);
void          gx_server_user_free     (GxServerUser       *user);
JsonObject   *gx_server_user_to_json  (const GxServerUser *user);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxServerUser, gx_server_user_free)

/**
 * GxAuditEntry:
 * @at: when
 * @user_id: (nullable): who
 * @username: (nullable): who, by name (kept when the user is gone)
 * @action: what happened: `login`, `login_failed`, `read`, `open`, `reveal`, `print`,
 *   `export`, `user_add`, `user_disable`, `user_enable`, `password`, `logout`
 * @kind: (nullable): the record kind concerned
 * @record_id: (nullable): the record concerned
 * @customer_id: (nullable): the customer concerned
 * @reason: why, as typed at the desk
 * @detail: anything else worth keeping (never a secret)
 * @address: (nullable): the client's address
 */
typedef struct
{
  gint64      at;
  const char *user_id;
  const char *username;
  const char *action;
  const char *kind;
  const char *record_id;
  const char *customer_id;
  const char *reason;
  const char *detail;
  const char *address;
} GxAuditEntry;

#define GX_TYPE_SERVER_STORAGE (gx_server_storage_get_type ())

G_DECLARE_DERIVABLE_TYPE (GxServerStorage, gx_server_storage, GX, SERVER_STORAGE, GObject)

/**
 * GxServerStorageClass:
 *
 * A storage backend of guanxi-server. Every method may block and is called from worker
 * threads, concurrently: a backend serialises its writes itself and lets reads run beside
 * them. The HTTP handlers know only this interface, so a new backend (PostgreSQL for large
 * deployments) is a new subclass and no change to them. What the feed and the push return is
 * the wire format of docs/sync-api.md.
 */
struct _GxServerStorageClass
{
  GObjectClass parent_class;

  /* Users and credentials */
  gboolean       (*add_user)        (GxServerStorage     *self,
                                     const GxServerUser  *user,
                                     const char          *password_hash,
                                     gint64               now,
                                     GError             **error);
  gboolean       (*set_password)    (GxServerStorage     *self,
                                     const char          *username,
                                     const char          *password_hash,
                                     gint64               now,
                                     GError             **error);
  gboolean       (*set_active)      (GxServerStorage     *self,
                                     const char          *username,
                                     gboolean             active,
                                     gint64               now,
                                     GError             **error);
  GPtrArray     *(*list_users)      (GxServerStorage     *self,
                                     GError             **error);
  GxServerUser  *(*find_user)       (GxServerStorage     *self,
                                     const char          *username,
                                     char               **password_hash,
                                     GError             **error);

  /* Tokens (only their SHA-256 is stored) */
  gboolean       (*add_token)       (GxServerStorage     *self,
                                     const char          *token_hash,
                                     const char          *user_id,
                                     gint64               now,
                                     gint64               expires_at,
                                     GError             **error);
  GxServerUser  *(*lookup_token)    (GxServerStorage     *self,
                                     const char          *token_hash,
                                     gint64               now,
                                     GError             **error);
  gboolean       (*revoke_token)    (GxServerStorage     *self,
                                     const char          *token_hash,
                                     gint64               now,
                                     GError             **error);

  /* Sync */
  JsonObject    *(*changes)         (GxServerStorage     *self,
                                     const GxServerUser  *user,
                                     gint64               since,
                                     guint                limit,
                                     gint64               now,
                                     GError             **error);
  JsonArray     *(*push)            (GxServerStorage     *self,
                                     const GxServerUser  *user,
                                     const char          *desk_id,
                                     JsonArray           *mutations,
                                     gint64               now,
                                     GError             **error);
  gint64         (*get_head)        (GxServerStorage     *self);

  /* Audit */
  gboolean       (*audit)           (GxServerStorage     *self,
                                     const GxAuditEntry  *entry,
                                     GError             **error);
  JsonObject    *(*list_audit)      (GxServerStorage     *self,
                                     gint64               after,
                                     guint                limit,
                                     const char          *customer_id,
                                     GError             **error);

  /* Housekeeping */
  gboolean       (*purge)           (GxServerStorage     *self,
                                     gint64               before,
                                     GError             **error);

  /* Desks */
  char          *(*register_desk)   (GxServerStorage     *self,
                                     const GxServerUser  *user,
                                     const char          *desk_id,
                                     gint64               now,
                                     GError             **error);

  gpointer padding[7];
};

GQuark         gx_server_error_quark            (void);

gboolean       gx_server_storage_add_user       (GxServerStorage     *self,
                                                 const GxServerUser  *user,
                                                 const char          *password_hash,
                                                 gint64               now,
                                                 GError             **error);
gboolean       gx_server_storage_set_password   (GxServerStorage     *self,
                                                 const char          *username,
                                                 const char          *password_hash,
                                                 gint64               now,
                                                 GError             **error);
gboolean       gx_server_storage_set_active     (GxServerStorage     *self,
                                                 const char          *username,
                                                 gboolean             active,
                                                 gint64               now,
                                                 GError             **error);
GPtrArray     *gx_server_storage_list_users     (GxServerStorage     *self,
                                                 GError             **error);
GxServerUser  *gx_server_storage_find_user      (GxServerStorage     *self,
                                                 const char          *username,
                                                 char               **password_hash,
                                                 GError             **error);
gboolean       gx_server_storage_add_token      (GxServerStorage     *self,
                                                 const char          *token_hash,
                                                 const char          *user_id,
                                                 gint64               now,
                                                 gint64               expires_at,
                                                 GError             **error);
GxServerUser  *gx_server_storage_lookup_token   (GxServerStorage     *self,
                                                 const char          *token_hash,
                                                 gint64               now,
                                                 GError             **error);
gboolean       gx_server_storage_revoke_token   (GxServerStorage     *self,
                                                 const char          *token_hash,
                                                 gint64               now,
                                                 GError             **error);
JsonObject    *gx_server_storage_changes        (GxServerStorage     *self,
                                                 const GxServerUser  *user,
                                                 gint64               since,
                                                 guint                limit,
                                                 gint64               now,
                                                 GError             **error);
JsonArray     *gx_server_storage_push           (GxServerStorage     *self,
                                                 const GxServerUser  *user,
                                                 const char          *desk_id,
                                                 JsonArray           *mutations,
                                                 gint64               now,
                                                 GError             **error);
gint64         gx_server_storage_get_head       (GxServerStorage     *self);
gboolean       gx_server_storage_audit          (GxServerStorage     *self,
                                                 const GxAuditEntry  *entry,
                                                 GError             **error);
JsonObject    *gx_server_storage_list_audit     (GxServerStorage     *self,
                                                 gint64               after,
                                                 guint                limit,
                                                 const char          *customer_id,
                                                 GError             **error);
gboolean       gx_server_storage_purge          (GxServerStorage     *self,
                                                 gint64               before,
                                                 GError             **error);
char          *gx_server_storage_register_desk  (GxServerStorage     *self,
                                                 const GxServerUser  *user,
                                                 const char          *desk_id,
                                                 gint64               now,
                                                 GError             **error);

G_END_DECLS
