/* gx-vcard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-vcard"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gx-validate.h"
#include "gx-vcard.h"

/* vCards go out as version 4.0 (RFC 6350): UTF-8, CRLF, lines folded at 75 octets, text
 * escaped. They come in as 4.0 or 3.0 (RFC 2426), which is what phones and mail programs
 * export. A customer's number travels as X-GUANXI-NUMBER, a WeChat id as X-WECHAT. */

G_DEFINE_QUARK (gx-vcard-error-quark, gx_vcard_error)

/* Two-character Chinese surnames, so N: splits 欧阳建国 as 欧阳 + 建国. */
static const char * const compound_surnames[] = {
  "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙",
  "宇文", "司徒", "夏侯", "端木", "西门", "独孤", "南宫", "万俟", "轩辕", "呼延", NULL
};

/* Writing */

static void
append_escaped (GString    *out,
                const char *text)
{
  for (const char *p = text ? text : ""; *p; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case ',': g_string_append (out, "\\,"); break;
      case ';': g_string_append (out, "\\;"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': break;
      default: g_string_append_c (out, *p);
      }
}

/* Appends one content line, folded at 75 octets without splitting a character. */
static void
append_line (GString    *out,
             const char *line)
{
  gsize width = 0;

  for (const char *p = line; *p; p = g_utf8_next_char (p))
    {
      gsize n = (gsize) (g_utf8_next_char (p) - p);

      if (width + n > 75)
        {
          g_string_append (out, "\r\n ");
          width = 1;
        }
      g_string_append_len (out, p, (gssize) n);
      width += n;
    }
  g_string_append (out, "\r\n");
}

static void
property (GString    *out,
          const char *name,
          const char *value)
{
  g_autoptr(GString) line = NULL;

  if (value == NULL || *value == '\0')
    return;

  line = g_string_new (name);
  g_string_append_c (line, ':');
  append_escaped (line, value);
  append_line (out, line->str);
}

static char *
tel_uri (const char *kind,
         const char *value)
{
  g_autofree char *digits = gx_phone_normalize (value);

  /* International form drops the area code's 0: 010-65521234 → +86-10-65521234. */
  if (g_strcmp0 (kind, "landline") == 0 && digits[0] == '0')
    return g_strdup_printf ("tel:+86-%s", digits + 1);
  return g_strdup_printf ("tel:+86-%s", digits);
}

static void
append_card (GString      *out,
             sqlite3_stmt *customer,
             JsonArray    *contacts)
{
  const char *name = gx_db_column_text (customer, 2);
  const char *kind = gx_db_column_text (customer, 3);
  const char *birthday = gx_db_column_text (customer, 6);
  const char *gender = gx_db_column_text (customer, 7);
  g_autofree char *uid = g_strdup_printf ("urn:uuid:%s", gx_db_column_text (customer, 0));

  append_line (out, "BEGIN:VCARD");
  append_line (out, "VERSION:4.0");
  {
    g_autofree char *line = g_strdup_printf ("UID:%s", uid);
    append_line (out, line);
  }
  property (out, "FN", name);

  if (g_strcmp0 (kind, "individual") == 0)
    {
      g_autoptr(GString) n = g_string_new ("N:");
      gsize surname = 0;

      if (g_utf8_get_char (name) > 0x2E80)
        {
          for (guint i = 0; compound_surnames[i] != NULL; i++)
            if (g_str_has_prefix (name, compound_surnames[i]))
              surname = strlen (compound_surnames[i]);
          if (surname == 0)
            surname = (gsize) (g_utf8_next_char (name) - name);
        }
      {
        g_autofree char *family = g_strndup (name, surname);
        append_escaped (n, family);
        g_string_append_c (n, ';');
        append_escaped (n, name + surname);
        g_string_append (n, ";;;");
      }
      append_line (out, n->str);
      if (*gender != '\0')
        append_line (out, g_str_equal (gender, "female") ? "GENDER:F" : "GENDER:M");
    }
  else
    {
      append_line (out, "KIND:org");
      property (out, "ORG", name);
    }

  if (g_strcmp0 (kind, "individual") == 0)
    property (out, "ORG", gx_db_column_text (customer, 4));
  property (out, "TITLE", gx_db_column_text (customer, 5));
  if (strlen (birthday) == 10)
    {
      g_autofree char *line = g_strdup_printf ("BDAY:%.4s%.2s%.2s", birthday, birthday + 5, birthday + 8);
      append_line (out, line);
    }

  for (guint i = 0; i < json_array_get_length (contacts); i++)
    {
      JsonObject *contact = json_array_get_object_element (contacts, i);
      const char *contact_kind = json_object_get_string_member (contact, "kind");
      const char *value = json_object_get_string_member (contact, "value");
      g_autofree char *line = NULL;

      if (g_str_equal (contact_kind, "mobile") || g_str_equal (contact_kind, "landline"))
        {
          g_autofree char *uri = tel_uri (contact_kind, value);
          line = g_strdup_printf ("TEL;VALUE=uri;TYPE=%s:%s", g_str_equal (contact_kind, "mobile") ? "cell" : "voice", uri);
          append_line (out, line);
        }
      else if (g_str_equal (contact_kind, "email"))
        property (out, "EMAIL", value);
      else if (g_str_equal (contact_kind, "wechat"))
        property (out, "X-WECHAT", value);
      else if (g_str_equal (contact_kind, "address"))
        {
          g_autoptr(GString) adr = g_string_new ("ADR:;;");
          append_escaped (adr, value);
          g_string_append (adr, ";;;;");
          append_line (out, adr->str);
        }
    }

  property (out, "NOTE", gx_db_column_text (customer, 8));
  property (out, "CATEGORIES", gx_db_column_text (customer, 9));
  property (out, "X-GUANXI-NUMBER", gx_db_column_text (customer, 1));
  append_line (out, "END:VCARD");
}

static const char customer_sql[] =
  "SELECT id, number, name, kind, company, job_title, coalesce (birthday, ''), coalesce (gender, ''), notes, tags"
  "  FROM customers WHERE ";

static gboolean
card_for (GxDb          *db,
          sqlite3_stmt  *customer,
          GString       *out,
          GError       **error)
{
  g_autoptr(JsonArray) contacts = NULL;
  sqlite3_stmt *stmt = gx_db_prepare (db,
                                      "SELECT kind, value FROM customer_contacts WHERE customer_id = ?"
                                      " ORDER BY kind, is_primary DESC, value", error);

  if (stmt == NULL)
    return FALSE;

  contacts = json_array_new ();
  sqlite3_bind_text (stmt, 1, gx_db_column_text (customer, 0), -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *contact = json_object_new ();
      json_object_set_string_member (contact, "kind", gx_db_column_text (stmt, 0));
      json_object_set_string_member (contact, "value", gx_db_column_text (stmt, 1));
      json_array_add_object_element (contacts, contact);
    }
  sqlite3_reset (stmt);

  append_card (out, customer, contacts);
  return TRUE;
}

/**
 * gx_vcard_from_customer:
 * @db: a connection
 * @customer_id: a customer
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the customer as one vCard 4.0
 */
char *
gx_vcard_from_customer (GxDb        *db,
                        const char  *customer_id,
                        GError     **error)
{
  g_autofree char *sql = g_strconcat (customer_sql, "id = ?", NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = gx_db_prepare (db, sql, error);
  gboolean ok;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, GX_DB_ERROR, GX_DB_ERROR_NOT_FOUND, _("No customer with id “%s”."), customer_id);
      return NULL;
    }
  ok = card_for (db, stmt, out, error);
  sqlite3_reset (stmt);

  return ok ? g_strdup (out->str) : NULL;
}

/**
 * gx_vcard_export_list:
 * @db: a read connection (a worker thread's)
 * @keys_sql: the list's keys query
 * @params: (nullable): its parameters
 * @out: where the cards go
 * @progress: (nullable) (scope call): told every thousand cards
 * @progress_data: data for @progress
 * @cancellable: (nullable): stops the export
 * @n_written: (out) (optional): the cards written
 * @error: return location for a #GError
 *
 * Writes the customers a list shows as vCards 4.0, in list order.
 */
gboolean
gx_vcard_export_list (GxDb              *db,
                      const char        *keys_sql,
                      GVariant          *params,
                      GOutputStream     *out,
                      GxExportProgress   progress,
                      gpointer           progress_data,
                      GCancellable      *cancellable,
                      guint64           *n_written,
                      GError           **error)
{
  g_autofree char *sql = g_strconcat (customer_sql, "rowid = ?", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3_stmt *keys;
  sqlite3_stmt *customer;
  guint64 n = 0;
  int rc;

  keys = gx_db_prepare (db, keys_sql, error);
  if (keys == NULL || !gx_db_bind_variant (keys, params, error))
    return FALSE;
  customer = gx_db_prepare (db, sql, error);
  if (customer == NULL)
    {
      sqlite3_reset (keys);
      return FALSE;
    }

  while ((rc = sqlite3_step (keys)) == SQLITE_ROW)
    {
      gboolean ok = TRUE;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (keys);
          return FALSE;
        }

      sqlite3_bind_int64 (customer, 1, sqlite3_column_int64 (keys, 0));
      if (sqlite3_step (customer) == SQLITE_ROW)
        {
          ok = card_for (db, customer, text, error);
          n++;
        }
      sqlite3_reset (customer);

      if (ok && text->len > 65536)
        {
          ok = g_output_stream_write_all (out, text->str, text->len, NULL, cancellable, error);
          g_string_truncate (text, 0);
        }
      if (!ok)
        {
          sqlite3_reset (keys);
          return FALSE;
        }
      if (progress != NULL && n % 1000 == 0)
        progress (n, progress_data);
    }
  sqlite3_reset (keys);

  if (rc != SQLITE_DONE)
    return gx_db_set_error (db, error, "export");

  if (n_written != NULL)
    *n_written = n;
  return g_output_stream_write_all (out, text->str, text->len, NULL, cancellable, error);
}

/* Reading */

static char *
unescape (const char *text,
          gsize       length)
{
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\\' && i + 1 < length)
        {
          char c = text[++i];
          g_string_append_c (out, c == 'n' || c == 'N' ? '\n' : c);
        }
      else
        g_string_append_c (out, text[i]);
    }

  return g_string_free (out, FALSE);
}

/* Splits a structured value (N, ADR, ORG) at unescaped semicolons, or a list
 * (CATEGORIES) at unescaped commas. */
static GStrv
split_value (const char *value,
             char        separator)
{
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  const char *start = value;

  for (const char *p = value; ; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          continue;
        }
      if (*p == separator || *p == '\0')
        {
          g_autofree char *part = unescape (start, (gsize) (p - start));
          g_strv_builder_add (parts, part);
          if (*p == '\0')
            break;
          start = p + 1;
        }
    }

  return g_strv_builder_end (parts);
}

static char *
param_value (const char *params,
             const char *name)
{
  g_auto(GStrv) parts = g_strsplit (params ? params : "", ";", -1);
  g_autoptr(GString) values = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *eq = strchr (parts[i], '=');

      if (eq != NULL && (gsize) (eq - parts[i]) == strlen (name) && g_ascii_strncasecmp (parts[i], name, eq - parts[i]) == 0)
        g_string_append_printf (values, "%s%s", values->len ? "," : "", eq + 1);
      /* vCard 3.0 also writes bare types: TEL;CELL:… */
      else if (eq == NULL && g_str_equal (name, "TYPE") && i > 0)
        g_string_append_printf (values, "%s%s", values->len ? "," : "", parts[i]);
    }

  return g_ascii_strdown (values->str, -1);
}

static void
add_contact (JsonObject *card,
             const char *kind,
             const char *value)
{
  JsonArray *contacts = json_object_get_array_member (card, "contacts");
  JsonObject *contact = json_object_new ();
  g_autofree char *clean = g_strstrip (g_strdup (value));

  if (*clean == '\0')
    {
      json_object_unref (contact);
      return;
    }

  json_object_set_string_member (contact, "kind", kind);
  json_object_set_string_member (contact, "value", clean);
  json_array_add_object_element (contacts, contact);
}

static void
add_tel (JsonObject *card,
         const char *params,
         const char *value)
{
  g_autofree char *types = param_value (params, "TYPE");
  const char *number = g_str_has_prefix (value, "tel:") ? value + 4 : value;
  g_autofree char *digits = gx_phone_normalize (number);
  gboolean international = strstr (number, "+86") != NULL || g_str_has_prefix (number, "0086");
  g_autofree char *local = NULL;

  /* +86-10-65521234 is 010-65521234 at home: what is not a mobile (11 digits, 13x–19x) gets
   * its area code's 0 back. */
  if (international && digits[0] != '0' && digits[0] != '\0' &&
      !(strlen (digits) == 11 && digits[0] == '1' && digits[1] >= '3'))
    local = g_strdup_printf ("0%s", digits);
  else
    local = g_strdup (digits);

  if (strstr (types, "cell") != NULL || (local[0] == '1' && strlen (local) == 11))
    add_contact (card, "mobile", local);
  else
    add_contact (card, "landline", local);
}

static char *
bday_value (const char *value)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = value; *p && *p != 'T'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  if (digits->len != 8)
    {
      g_string_free (digits, TRUE);
      return NULL;
    }

  g_string_insert_c (digits, 6, '-');
  g_string_insert_c (digits, 4, '-');
  return g_string_free (digits, FALSE);
}

/**
 * gx_vcard_parse:
 * @text: one or more vCards 3.0 or 4.0, in UTF-8
 * @error: return location for a #GError
 *
 * Returns: (transfer full): one object per card: name, kind, company, job_title, birthday,
 *   gender, notes, tags, number, contacts (kind and value), line (where it starts)
 */
JsonArray *
gx_vcard_parse (const char  *text,
                GError     **error)
{
  g_autoptr(JsonArray) cards = json_array_new ();
  g_autoptr(GString) unfolded = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  JsonObject *card = NULL;
  guint line_no = 0;
  guint card_line = 0;

  /* Unfold: a line break followed by a space or tab continues the line. */
  for (const char *p = text; *p; p++)
    {
      if ((p[0] == '\r' && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t')) )
        {
          p += 2;
          g_string_append_c (unfolded, '\x01');   /* counts the physical line */
          continue;
        }
      if (p[0] == '\n' && (p[1] == ' ' || p[1] == '\t'))
        {
          p += 1;
          g_string_append_c (unfolded, '\x01');
          continue;
        }
      g_string_append_c (unfolded, *p);
    }

  lines = g_regex_split_simple ("\\r?\\n", unfolded->str, 0, 0);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = NULL;
      char *colon;
      char *semicolon;
      g_autofree char *name = NULL;
      const char *params;
      const char *value;
      char *dot;

      line_no++;
      for (char *p = lines[i]; *p; p++)
        if (*p == '\x01')
          line_no++;
      line = g_strdup (lines[i]);
      {
        /* Drop the folding marks. */
        char *w = line;
        for (char *r = line; *r; r++)
          if (*r != '\x01')
            *w++ = *r;
        *w = '\0';
      }

      if (*line == '\0')
        continue;

      colon = strchr (line, ':');
      if (colon == NULL)
        {
          if (card != NULL)
            {
              g_set_error (error, GX_VCARD_ERROR, GX_VCARD_ERROR_SYNTAX, _("Line %u: “%s” is not a vCard line."), line_no, line);
              json_object_unref (card);
              return NULL;
            }
          continue;
        }
      *colon = '\0';
      value = colon + 1;
      semicolon = strchr (line, ';');
      if (semicolon != NULL)
        {
          *semicolon = '\0';
          params = semicolon + 1;
        }
      else
        params = "";
      dot = strrchr (line, '.');
      name = g_ascii_strup (dot ? dot + 1 : line, -1);

      if (g_str_equal (name, "BEGIN") && g_ascii_strcasecmp (value, "VCARD") == 0)
        {
          g_clear_pointer (&card, json_object_unref);
          card = json_object_new ();
          card_line = line_no;
          json_object_set_array_member (card, "contacts", json_array_new ());
          json_object_set_string_member (card, "kind", "individual");
          continue;
        }
      if (card == NULL)
        continue;

      if (g_str_equal (name, "END"))
        {
          json_object_set_int_member (card, "line", card_line);
          if (!json_object_has_member (card, "name") && json_object_has_member (card, "n"))
            json_object_set_string_member (card, "name", json_object_get_string_member (card, "n"));
          if (json_object_has_member (card, "n"))
            json_object_remove_member (card, "n");
          json_array_add_object_element (cards, g_steal_pointer (&card));
        }
      else if (g_str_equal (name, "FN"))
        {
          g_autofree char *fn = unescape (value, strlen (value));
          json_object_set_string_member (card, "name", g_strstrip (fn));
        }
      else if (g_str_equal (name, "N"))
        {
          g_auto(GStrv) parts = split_value (value, ';');
          g_autofree char *joined = NULL;
          const char *family = parts[0] ? parts[0] : "";
          const char *given = parts[0] && parts[1] ? parts[1] : "";

          /* Chinese order without a space, others with one. */
          if (g_utf8_get_char (family) > 0x2E80)
            joined = g_strconcat (family, given, NULL);
          else
            joined = g_strstrip (g_strconcat (given, " ", family, NULL));
          if (*joined != '\0')
            json_object_set_string_member (card, "n", joined);
        }
      else if (g_str_equal (name, "KIND"))
        {
          if (g_ascii_strcasecmp (value, "org") == 0)
            json_object_set_string_member (card, "kind", "enterprise");
        }
      else if (g_str_equal (name, "ORG"))
        {
          g_auto(GStrv) parts = split_value (value, ';');
          json_object_set_string_member (card, "company", parts[0] ? parts[0] : "");
        }
      else if (g_str_equal (name, "TITLE"))
        {
          g_autofree char *title = unescape (value, strlen (value));
          json_object_set_string_member (card, "job_title", title);
        }
      else if (g_str_equal (name, "BDAY"))
        {
          g_autofree char *bday = bday_value (value);
          if (bday != NULL)
            json_object_set_string_member (card, "birthday", bday);
        }
      else if (g_str_equal (name, "GENDER") || g_str_equal (name, "X-GENDER"))
        {
          if (g_ascii_toupper (value[0]) == 'F')
            json_object_set_string_member (card, "gender", "female");
          else if (g_ascii_toupper (value[0]) == 'M')
            json_object_set_string_member (card, "gender", "male");
        }
      else if (g_str_equal (name, "TEL"))
        add_tel (card, params, value);
      else if (g_str_equal (name, "EMAIL"))
        {
          g_autofree char *email = unescape (value, strlen (value));
          add_contact (card, "email", email);
        }
      else if (g_str_equal (name, "X-WECHAT"))
        {
          g_autofree char *wechat = unescape (value, strlen (value));
          add_contact (card, "wechat", wechat);
        }
      else if (g_str_equal (name, "IMPP") && g_str_has_prefix (value, "weixin:"))
        add_contact (card, "wechat", value + 7);
      else if (g_str_equal (name, "ADR"))
        {
          g_auto(GStrv) parts = split_value (value, ';');
          g_autoptr(GString) address = g_string_new (NULL);

          /* Country, region, city, street: Chinese order, large to small. */
          for (int k = 6; k >= 2; k--)
            if (k < (int) g_strv_length (parts) && *parts[k] != '\0' && k != 5)
              g_string_append_printf (address, "%s%s", address->len ? " " : "", parts[k]);
          add_contact (card, "address", address->str);
        }
      else if (g_str_equal (name, "NOTE"))
        {
          g_autofree char *note = unescape (value, strlen (value));
          json_object_set_string_member (card, "notes", note);
        }
      else if (g_str_equal (name, "CATEGORIES"))
        {
          g_auto(GStrv) parts = split_value (value, ',');
          g_autofree char *tags = g_strjoinv (", ", parts);
          json_object_set_string_member (card, "tags", tags);
        }
      else if (g_str_equal (name, "X-GUANXI-NUMBER"))
        json_object_set_string_member (card, "number", value);
    }

  if (card != NULL)
    {
      json_object_unref (card);
      g_set_error_literal (error, GX_VCARD_ERROR, GX_VCARD_ERROR_SYNTAX, _("The last vCard has no END:VCARD."));
      return NULL;
    }

  return g_steal_pointer (&cards);
}
