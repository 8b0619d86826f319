/* gx-list-filter.c: the filters one place hands another's list ("open the overdue cases")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-list-filter"

#include "config.h"

#include "gx-list-filter.h"

/* A filter is a URI query string, "queue=overdue&team=%E5%AE%A2…": a figure of the overview
 * builds one for the list behind it, `win.show-list` carries it with the place's name, and
 * the place's `view.apply-filter` reads it back. The keys each place understands are listed
 * in docs/HACKING.md ("Click-through"). */

/**
 * gx_list_filter_build:
 * @first_key: the first key
 * @...: its value (a string, %NULL or "" to leave the key out), then more key/value pairs,
 *   ending with %NULL
 *
 * Returns: (transfer full): the filter, keys in the order given, values escaped
 */
char *
gx_list_filter_build (const char *first_key,
                      ...)
{
  GString *filter = g_string_new (NULL);
  const char *key = first_key;
  va_list args;

  va_start (args, first_key);
  while (key != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL && *value != '\0')
        {
          if (filter->len > 0)
            g_string_append_c (filter, '&');
          g_string_append_uri_escaped (filter, key, NULL, TRUE);
          g_string_append_c (filter, '=');
          g_string_append_uri_escaped (filter, value, NULL, TRUE);
        }
      key = va_arg (args, const char *);
    }
  va_end (args);

  return g_string_free (filter, FALSE);
}

/**
 * gx_list_filter_parse:
 * @filter: (nullable): a filter
 *
 * Returns: (transfer full): its keys and values, unescaped; empty for %NULL, "" or a string
 *   that is not a filter
 */
GHashTable *
gx_list_filter_parse (const char *filter)
{
  GHashTable *params = NULL;

  if (filter != NULL && *filter != '\0')
    params = g_uri_parse_params (filter, -1, "&", G_URI_PARAMS_NONE, NULL);

  return params ? params : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
