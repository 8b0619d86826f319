/* gx-validate.h: field rules shared by the desk and the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GX_VALIDATION_ERROR (gx_validation_error_quark ())

typedef enum
{
  GX_VALIDATION_ERROR_REQUIRED,
  GX_VALIDATION_ERROR_FORMAT,
  GX_VALIDATION_ERROR_CHECKSUM,
  GX_VALIDATION_ERROR_RANGE,
} GxValidationError;

GQuark   gx_validation_error_quark      (void);
gboolean gx_validate_mobile             (const char  *text,
                                         GError     **error);
gboolean gx_validate_landline           (const char  *text,
                                         GError     **error);
gboolean gx_validate_phone              (const char  *text,
                                         GError     **error);
char    *gx_phone_normalize             (const char  *text);
gboolean gx_validate_email              (const char  *text,
                                         GError     **error);
gboolean gx_validate_date               (const char  *text,
                                         GError     **error);
gboolean gx_validate_resident_id        (const char  *text,
                                         GError     **error);
char     gx_resident_id_check_digit     (const char  *first17);
gboolean gx_resident_id_facts           (const char  *text,
                                         char       **birthday,
                                         char       **gender);
char    *gx_mask_id_number              (const char  *text);
gboolean gx_validate_accounts           (const char  *text,
                                         GError     **error);
char    *gx_accounts_normalize          (const char  *text);
char    *gx_mask_accounts               (const char  *text);
char   **gx_accounts_numbers            (const char  *text);

G_END_DECLS
