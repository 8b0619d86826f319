/* gx-customer.h: the customer profile — saving it with its contacts, identity checks,
 * the access register, archiving and deleting, duplicates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gx-db.h"
#include "gx-kinds.h"
#include "gx-record.h"
#include "gx-rules.h"

G_BEGIN_DECLS

#define GX_CUSTOMER_ERROR (gx_customer_error_quark ())

typedef enum
{
  GX_CUSTOMER_ERROR_HAS_HISTORY,
  GX_CUSTOMER_ERROR_NOT_ALLOWED,
} GxCustomerError;

/**
 * GxContactEdit:
 * @id: (nullable): the contact's id; %NULL for a new one
 * @kind: mobile, landline, email, address or wechat
 * @label: (nullable): a label ("work", "home")
 * @value: the number, address or id
 * @is_primary: the primary one of its kind
 *
 * One contact as the profile form has it.
 */
typedef struct
{
  char     *id;
  char     *kind;
  char     *label;
  char     *value;
  gboolean  is_primary;
} GxContactEdit;

GxContactEdit *gx_contact_edit_new   (const char     *id,
                                      const char     *kind,
                                      const char     *label,
                                      const char     *value,
                                      gboolean        is_primary);
void           gx_contact_edit_free  (GxContactEdit  *edit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GxContactEdit, gx_contact_edit_free)

/**
 * GxDuplicate:
 * @id: the existing customer's id
 * @name: their name
 * @number: their customer number
 * @reason: why they look like the same person, translated
 */
typedef struct
{
  char *id;
  char *name;
  char *number;
  char *reason;
} GxDuplicate;

void           gx_duplicate_free     (GxDuplicate    *duplicate);

typedef enum
{
  GX_FOLLOW_UP_NONE,
  GX_FOLLOW_UP_LATER,
  GX_FOLLOW_UP_TODAY,
  GX_FOLLOW_UP_OVERDUE,
} GxFollowUp;

GxFollowUp  gx_follow_up_state           (const char         *follow_up_on,
                                          const char         *today);
char       *gx_follow_up_format          (const char         *follow_up_on,
                                          const char         *today);
const char *gx_follow_up_style_class     (GxFollowUp          state);
const char *gx_customer_inverse_relation (const char         *relation);
gint64      gx_customer_parse_when       (const char         *text,
                                          GTimeZone          *tz,
                                          GError            **error);

GQuark      gx_customer_error_quark          (void);
gboolean    gx_customer_is_identity_field    (const char         *field);
gboolean    gx_customer_rule_identity        (GxDb               *db,
                                              const GxKind       *kind,
                                              GxRuleOp            op,
                                              const char         *id,
                                              JsonObject         *record,
                                              JsonObject         *changes,
                                              GError            **error);
gboolean    gx_customer_rule_required        (GxDb               *db,
                                              const GxKind       *kind,
                                              GxRuleOp            op,
                                              const char         *id,
                                              JsonObject         *record,
                                              JsonObject         *changes,
                                              GError            **error);
GPtrArray  *gx_customer_identity_changes     (GxDb               *db,
                                              const char         *id,
                                              JsonObject         *fields,
                                              GPtrArray          *contacts);
gboolean    gx_customer_save                 (GxDb               *db,
                                              const char         *id,
                                              JsonObject         *fields,
                                              GPtrArray          *contacts,
                                              const char * const *interests,
                                              const GxWriteMeta  *meta,
                                              GError            **error);
char       *gx_customer_next_number          (GxDb               *db,
                                              GError            **error);
gboolean    gx_customer_log_access           (GxDb               *db,
                                              const char         *customer_id,
                                              const char         *action,
                                              const char         *field,
                                              const char         *reason,
                                              const GxWriteMeta  *meta,
                                              GError            **error);
gboolean    gx_customer_has_history          (GxDb               *db,
                                              const char         *id,
                                              GError            **error);
gboolean    gx_customer_set_archived         (GxDb               *db,
                                              const char         *id,
                                              gboolean            archived,
                                              const GxWriteMeta  *meta,
                                              GError            **error);
JsonObject *gx_customer_delete               (GxDb               *db,
                                              const char         *id,
                                              const GxWriteMeta  *meta,
                                              GError            **error);
gboolean    gx_customer_restore              (GxDb               *db,
                                              JsonObject         *snapshot,
                                              const GxWriteMeta  *meta,
                                              GError            **error);
GPtrArray  *gx_customer_find_duplicates      (GxDb               *db,
                                              const char         *exclude_id,
                                              const char         *name,
                                              const char         *birthday,
                                              const char         *id_number,
                                              GPtrArray          *contacts,
                                              GError            **error);
gboolean    gx_customer_ledger_erasable      (GxDb               *db,
                                              const GxKind       *kind,
                                              const char         *id,
                                              JsonObject         *changes);
gboolean    gx_customer_erase                (GxDb               *db,
                                              const char         *id,
                                              const char         *reason,
                                              const GxWriteMeta  *meta,
                                              GError            **error);
JsonArray  *gx_customer_find                 (GxDb               *db,
                                              const char         *text,
                                              guint               limit,
                                              GError            **error);
JsonArray  *gx_customer_query_rows           (GxDb               *db,
                                              const char         *sql,
                                              GVariant           *params,
                                              GError            **error);

G_END_DECLS
