/* gx-customer-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-customer-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "gx-customer.h"
#include "gx-customer-import.h"
#include "gx-customer-search.h"
#include "gx-uuid.h"

/* An import is one transaction: each row is saved through gx_customer_save() inside its own
 * savepoint, so a refused row is undone alone and reported, and the rest go in; stopping the
 * import (or a check, which is an import rolled back at the end) leaves nothing behind. Each
 * row is looked for in the archive first — and in the rows before it — and a probable
 * duplicate is reported instead of created. */

void
gx_import_row_free (GxImportRow *row)
{
  if (row == NULL)
    return;

  g_clear_pointer (&row->fields, json_object_unref);
  g_clear_pointer (&row->contacts, g_ptr_array_unref);
  g_clear_pointer (&row->interests, g_strfreev);
  g_free (row->message);
  g_free (row->customer_id);
  g_free (row);
}

static const struct {
  const char *label;
  const char *headings;   /* lower-case headings that name it, separated by | */
} targets[N_GX_IMPORT_TARGETS] = {
  [GX_IMPORT_SKIP] = { N_("Do not import"), "" },
  [GX_IMPORT_NAME] = { N_("Name"), "name|full name|姓名|客户名称|客户姓名|名称|单位名称" },
  [GX_IMPORT_NUMBER] = { N_("Customer number"), "customer number|number|客户编号|客户号|编号" },
  [GX_IMPORT_KIND] = { N_("Kind"), "kind|type|客户类型|类型" },
  [GX_IMPORT_GENDER] = { N_("Gender"), "gender|sex|性别" },
  [GX_IMPORT_BIRTHDAY] = { N_("Birthday"), "birthday|birth date|date of birth|生日|出生日期" },
  [GX_IMPORT_ID_NUMBER] = { N_("ID number"), "id number|id|身份证号|身份证号码|证件号码|证件号" },
  [GX_IMPORT_MOBILE] = { N_("Mobile"), "mobile|mobile phone|cell|手机|手机号|手机号码|移动电话" },
  [GX_IMPORT_LANDLINE] = { N_("Landline"), "landline|phone|telephone|tel|电话|固定电话|座机|联系电话" },
  [GX_IMPORT_EMAIL] = { N_("E-mail"), "e-mail|email|mail|邮箱|电子邮箱|电子邮件" },
  [GX_IMPORT_ADDRESS] = { N_("Address"), "address|地址|住址|联系地址" },
  [GX_IMPORT_WECHAT] = { N_("WeChat"), "wechat|微信|微信号" },
  [GX_IMPORT_COMPANY] = { N_("Company"), "company|employer|organisation|organization|公司|单位|工作单位" },
  [GX_IMPORT_INDUSTRY] = { N_("Industry"), "industry|行业" },
  [GX_IMPORT_JOB_TITLE] = { N_("Job title"), "job title|title|position|职务|职位" },
  [GX_IMPORT_NOTES] = { N_("Notes"), "notes|note|remarks|备注|说明" },
  [GX_IMPORT_TAGS] = { N_("Tags"), "tags|labels|标签" },
  [GX_IMPORT_INTERESTS] = { N_("Interests"), "interests|hobbies|兴趣|爱好|兴趣爱好" },
};

const char *
gx_import_target_label (GxImportTarget target)
{
  g_return_val_if_fail (target < N_GX_IMPORT_TARGETS, NULL);

  return _(targets[target].label);
}

/**
 * gx_import_guess_target:
 * @heading: a column's heading
 *
 * Returns: the field a heading names, in English or Chinese, or %GX_IMPORT_SKIP
 */
GxImportTarget
gx_import_guess_target (const char *heading)
{
  g_autofree char *folded = NULL;

  if (heading == NULL)
    return GX_IMPORT_SKIP;

  folded = g_utf8_strdown (heading, -1);
  g_strstrip (folded);

  for (guint t = 1; t < N_GX_IMPORT_TARGETS; t++)
    {
      g_auto(GStrv) names = g_strsplit (targets[t].headings, "|", -1);

      if (g_strv_contains ((const char * const *) names, folded))
        return (GxImportTarget) t;
    }

  return GX_IMPORT_SKIP;
}

static const char *
kind_code (const char *text)
{
  g_autofree char *folded = g_utf8_strdown (text, -1);

  if (strstr (folded, "企业") || strstr (folded, "公司") || strstr (folded, "enterprise") || strstr (folded, "company"))
    return "enterprise";
  if (strstr (folded, "政府") || strstr (folded, "团体") || strstr (folded, "government"))
    return "government";
  if (strstr (folded, "中间") || strstr (folded, "intermediary"))
    return "intermediary";
  return "individual";
}

static const char *
gender_code (const char *text)
{
  g_autofree char *folded = g_utf8_strdown (text, -1);

  if (g_str_equal (folded, "女") || g_str_equal (folded, "f") || g_str_equal (folded, "female"))
    return "female";
  if (g_str_equal (folded, "男") || g_str_equal (folded, "m") || g_str_equal (folded, "male"))
    return "male";
  return NULL;
}

/* 1970-1-5, 1970/01/05, 1970.01.05 and 19700105 all read as 1970-01-05; anything else is
 * kept as typed, and the record layer names it. */
static char *
date_value (const char *text)
{
  int y, m, d;

  if (sscanf (text, "%4d-%d-%d", &y, &m, &d) == 3 || sscanf (text, "%4d/%d/%d", &y, &m, &d) == 3 ||
      sscanf (text, "%4d.%d.%d", &y, &m, &d) == 3 ||
      (strlen (text) == 8 && sscanf (text, "%4d%2d%2d", &y, &m, &d) == 3))
    return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  return g_strdup (text);
}

static GxImportRow *
row_new (guint line)
{
  GxImportRow *row = g_new0 (GxImportRow, 1);

  row->line = line;
  row->fields = json_object_new ();
  row->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_contact_edit_free);
  return row;
}

static void
set_target (GxImportRow    *row,
            GxImportTarget  target,
            const char     *value,
            GStrvBuilder   *interests)
{
  g_autofree char *text = g_strstrip (g_strdup (value ? value : ""));

  if (*text == '\0')
    return;

  switch (target)
    {
    case GX_IMPORT_NAME:
      json_object_set_string_member (row->fields, "name", text);
      break;
    case GX_IMPORT_NUMBER:
      json_object_set_string_member (row->fields, "number", text);
      break;
    case GX_IMPORT_KIND:
      json_object_set_string_member (row->fields, "kind", kind_code (text));
      break;
    case GX_IMPORT_GENDER:
      if (gender_code (text) != NULL)
        json_object_set_string_member (row->fields, "gender", gender_code (text));
      break;
    case GX_IMPORT_BIRTHDAY:
      {
        g_autofree char *date = date_value (text);
        json_object_set_string_member (row->fields, "birthday", date);
      }
      break;
    case GX_IMPORT_ID_NUMBER:
      json_object_set_string_member (row->fields, "id_number", text);
      break;
    case GX_IMPORT_MOBILE:
    case GX_IMPORT_LANDLINE:
    case GX_IMPORT_EMAIL:
    case GX_IMPORT_ADDRESS:
    case GX_IMPORT_WECHAT:
      {
        const char *kind = target == GX_IMPORT_MOBILE ? "mobile" : target == GX_IMPORT_LANDLINE ? "landline"
                         : target == GX_IMPORT_EMAIL ? "email" : target == GX_IMPORT_ADDRESS ? "address" : "wechat";
        gboolean first = TRUE;

        for (guint i = 0; i < row->contacts->len; i++)
          if (g_str_equal (((GxContactEdit *) g_ptr_array_index (row->contacts, i))->kind, kind))
            first = FALSE;
        g_ptr_array_add (row->contacts, gx_contact_edit_new (NULL, kind, NULL, text, first));
      }
      break;
    case GX_IMPORT_COMPANY:
      json_object_set_string_member (row->fields, "company", text);
      break;
    case GX_IMPORT_INDUSTRY:
      json_object_set_string_member (row->fields, "industry", text);
      break;
    case GX_IMPORT_JOB_TITLE:
      json_object_set_string_member (row->fields, "job_title", text);
      break;
    case GX_IMPORT_NOTES:
      json_object_set_string_member (row->fields, "notes", text);
      break;
    case GX_IMPORT_TAGS:
      json_object_set_string_member (row->fields, "tags", text);
      break;
    case GX_IMPORT_INTERESTS:
      {
        g_auto(GStrv) parts = g_regex_split_simple ("[,，、;；]", text, 0, 0);
        for (guint i = 0; parts[i] != NULL; i++)
          if (*g_strstrip (parts[i]) != '\0')
            g_strv_builder_add (interests, parts[i]);
      }
      break;
    case GX_IMPORT_SKIP:
    case N_GX_IMPORT_TARGETS:
    default:
      break;
    }
}

/* A resident ID number says so by its shape; others are kept with their type "other". */
static void
finish_row (GxImportRow  *row,
            GStrvBuilder *interests)
{
  const char *kind = json_object_get_string_member_with_default (row->fields, "kind", "individual");

  row->interests = g_strv_builder_end (interests);
  if (json_object_has_member (row->fields, "id_number"))
    {
      const char *number = json_object_get_string_member (row->fields, "id_number");
      gboolean resident = strlen (number) == 18 && g_ascii_isdigit (number[0]);

      json_object_set_string_member (row->fields, "id_type",
                                     g_str_equal (kind, "individual") ? (resident ? "resident" : "other")
                                                                       : "business_license");
    }
  else if (!g_str_equal (kind, "individual"))
    json_object_set_string_member (row->fields, "id_type", "business_license");
}

/**
 * gx_import_rows_from_csv:
 * @records: (element-type GStrv): the file's records (gx_csv_parse())
 * @mapping: (array length=n_columns): the field each column goes to
 * @n_columns: the number of columns mapped
 * @has_header: the first record holds the headings
 *
 * Returns: (transfer full) (element-type GxImportRow): one row per record
 */
GPtrArray *
gx_import_rows_from_csv (GPtrArray            *records,
                         const GxImportTarget *mapping,
                         guint                 n_columns,
                         gboolean              has_header)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_import_row_free);

  for (guint r = has_header ? 1 : 0; r < records->len; r++)
    {
      GStrv record = g_ptr_array_index (records, r);
      GxImportRow *row = row_new (r + 1);
      g_autoptr(GStrvBuilder) interests = g_strv_builder_new ();
      guint n = g_strv_length (record);

      for (guint c = 0; c < n_columns && c < n; c++)
        set_target (row, mapping[c], record[c], interests);
      finish_row (row, interests);
      g_ptr_array_add (rows, row);
    }

  return rows;
}

/**
 * gx_import_rows_from_vcards:
 * @cards: what gx_vcard_parse() read
 *
 * Returns: (transfer full) (element-type GxImportRow): one row per card
 */
GPtrArray *
gx_import_rows_from_vcards (JsonArray *cards)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) gx_import_row_free);
  static const struct {
    const char     *member;
    GxImportTarget  target;
  } members[] = {
    { "name", GX_IMPORT_NAME }, { "number", GX_IMPORT_NUMBER }, { "gender", GX_IMPORT_GENDER },
    { "birthday", GX_IMPORT_BIRTHDAY }, { "company", GX_IMPORT_COMPANY }, { "job_title", GX_IMPORT_JOB_TITLE },
    { "notes", GX_IMPORT_NOTES }, { "tags", GX_IMPORT_TAGS },
  };

  for (guint i = 0; i < json_array_get_length (cards); i++)
    {
      JsonObject *card = json_array_get_object_element (cards, i);
      GxImportRow *row = row_new ((guint) json_object_get_int_member_with_default (card, "line", i + 1));
      g_autoptr(GStrvBuilder) interests = g_strv_builder_new ();
      JsonArray *contacts = json_object_get_array_member (card, "contacts");

      json_object_set_string_member (row->fields, "kind", json_object_get_string_member_with_default (card, "kind", "individual"));
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        if (json_object_has_member (card, members[m].member))
          set_target (row, members[m].target, json_object_get_string_member (card, members[m].member), interests);
      /* An organisation's card names the organisation: it is not its own employer. */
      if (!g_str_equal (json_object_get_string_member (row->fields, "kind"), "individual"))
        json_object_remove_member (row->fields, "company");

      for (guint c = 0; contacts != NULL && c < json_array_get_length (contacts); c++)
        {
          JsonObject *contact = json_array_get_object_element (contacts, c);
          const char *kind = json_object_get_string_member (contact, "kind");
          GxImportTarget target = g_str_equal (kind, "mobile") ? GX_IMPORT_MOBILE : g_str_equal (kind, "landline") ? GX_IMPORT_LANDLINE
                                : g_str_equal (kind, "email") ? GX_IMPORT_EMAIL : g_str_equal (kind, "address") ? GX_IMPORT_ADDRESS
                                : GX_IMPORT_WECHAT;

          set_target (row, target, json_object_get_string_member (contact, "value"), interests);
        }
      finish_row (row, interests);
      g_ptr_array_add (rows, row);
    }

  return rows;
}

/* Running */

static void
refuse (GxImportRow    *row,
        GxImportStatus  status,
        const char     *message)
{
  row->status = status;
  g_free (row->message);
  row->message = g_strdup (message);
}

static gboolean
import_row (GxDb              *db,
            GxImportRow       *row,
            const GxWriteMeta *meta,
            GError           **error)
{
  g_autoptr(GPtrArray) duplicates = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = NULL;
  const char *name = json_object_get_string_member_with_default (row->fields, "name", NULL);
  const char *number = json_object_get_string_member_with_default (row->fields, "number", NULL);

  if (name == NULL)
    {
      refuse (row, GX_IMPORT_REFUSED, _("The row has no name."));
      return TRUE;
    }

  if (number != NULL &&
      gx_db_query_int (db, "SELECT count(*) FROM customers WHERE number = ?", g_variant_new ("(s)", number), 0, NULL) > 0)
    {
      g_autofree char *message = g_strdup_printf (_("Customer number %s is in the archive already."), number);
      refuse (row, GX_IMPORT_DUPLICATE, message);
      return TRUE;
    }

  duplicates = gx_customer_find_duplicates (db, NULL, name,
                                            json_object_get_string_member_with_default (row->fields, "birthday", NULL),
                                            json_object_get_string_member_with_default (row->fields, "id_number", NULL),
                                            row->contacts, error);
  if (duplicates == NULL)
    return FALSE;
  if (duplicates->len > 0)
    {
      GxDuplicate *duplicate = g_ptr_array_index (duplicates, 0);
      /* Translators: an existing customer's name and number, and why they match */
      g_autofree char *message = g_strdup_printf (_("Probably %s (%s), in the archive already: %s."),
                                                  duplicate->name, duplicate->number, duplicate->reason);
      refuse (row, GX_IMPORT_DUPLICATE, message);
      return TRUE;
    }

  /* Every row is a new profile, however often it was checked before. */
  for (guint i = 0; i < row->contacts->len; i++)
    g_clear_pointer (&((GxContactEdit *) g_ptr_array_index (row->contacts, i))->id, g_free);

  id = gx_uuid_v7_new_at (meta->now * 1000);
  if (!gx_db_exec (db, "SAVEPOINT import_row", error))
    return FALSE;

  if (!gx_customer_save (db, id, row->fields, row->contacts, (const char * const *) row->interests, meta, &local_error) ||
      !gx_customer_search_flush (db, &local_error))
    {
      const char *field = gx_record_error_get_field (local_error);
      g_autofree char *message = NULL;

      if (!gx_db_exec (db, "ROLLBACK TO import_row; RELEASE import_row", error))
        return FALSE;
      if (local_error->domain != GX_RECORD_ERROR && local_error->domain != GX_DB_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Name what was refused: the value of a contact, the field otherwise. */
      if (field != NULL && g_str_has_prefix (field, "contact-") &&
          g_ascii_strtoull (field + 8, NULL, 10) < row->contacts->len)
        field = ((GxContactEdit *) g_ptr_array_index (row->contacts, g_ascii_strtoull (field + 8, NULL, 10)))->value;
      /* Translators: a field (or the value) of the row and why it was refused */
      message = field != NULL ? g_strdup_printf (_("%s: %s"), field, local_error->message) : g_strdup (local_error->message);
      refuse (row, GX_IMPORT_REFUSED, message);
      return TRUE;
    }

  if (!gx_db_exec (db, "RELEASE import_row", error))
    return FALSE;

  row->status = GX_IMPORT_IMPORTED;
  g_free (row->customer_id);
  row->customer_id = g_steal_pointer (&id);
  return TRUE;
}

/**
 * gx_import_run:
 * @db: the writer connection, inside a transaction
 * @rows: (element-type GxImportRow): the rows; their status and message are set
 * @check_only: check every row as the import would, then undo it all
 * @meta: who and when
 * @progress: (nullable) (scope call): told after each row, on the writer's thread
 * @progress_data: data for @progress
 * @cancellable: (nullable): stops the import; then nothing is imported
 * @error: return location for a #GError
 *
 * Imports the rows that are right and not in the archive yet, in one transaction.
 *
 * Returns: %FALSE when stopped or on an error of the store (the caller's transaction is then
 *   rolled back, so nothing is imported); refused rows are not errors
 */
gboolean
gx_import_run (GxDb               *db,
               GPtrArray          *rows,
               gboolean            check_only,
               const GxWriteMeta  *meta,
               GxImportProgress    progress,
               gpointer            progress_data,
               GCancellable       *cancellable,
               GError            **error)
{
  if (check_only && !gx_db_exec (db, "SAVEPOINT import_check", error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      GxImportRow *row = g_ptr_array_index (rows, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      row->status = GX_IMPORT_PENDING;
      g_clear_pointer (&row->message, g_free);
      if (!import_row (db, row, meta, error))
        return FALSE;
      if (check_only && row->status == GX_IMPORT_IMPORTED)
        row->status = GX_IMPORT_READY;

      if (progress != NULL)
        progress (i + 1, rows->len, progress_data);
    }

  if (check_only)
    {
      for (guint i = 0; i < rows->len; i++)
        g_clear_pointer (&((GxImportRow *) g_ptr_array_index (rows, i))->customer_id, g_free);
      return gx_db_exec (db, "ROLLBACK TO import_check; RELEASE import_check", error);
    }

  return TRUE;
}
