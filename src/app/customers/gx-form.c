/* gx-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "gx-form"

#include "config.h"

#include <glib/gi18n.h>

#include "gx-form.h"

/**
 * gx_form_vocab_model:
 * @vocab: a vocabulary
 * @none_label: (nullable): a first entry for "none" ("Not given"), or %NULL
 *
 * Returns: (transfer full): the translated labels, for a combo row
 */
GtkStringList *
gx_form_vocab_model (GxVocab     vocab,
                     const char *none_label)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  guint n;
  const GxVocabEntry *entries = gx_vocab_entries (vocab, &n);

  if (none_label != NULL)
    gtk_string_list_append (list, none_label);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, gx_vocab_label (vocab, entries[i].code));

  return list;
}

guint
gx_form_vocab_position (GxVocab     vocab,
                        const char *code,
                        gboolean    with_none)
{
  int index = gx_vocab_index (vocab, code);

  if (index < 0)
    return 0;
  return (guint) index + (with_none ? 1 : 0);
}

/**
 * gx_form_vocab_code:
 * @vocab: a vocabulary
 * @position: a position in gx_form_vocab_model()
 * @with_none: the model starts with a "none" entry
 *
 * Returns: (nullable): the code at @position; %NULL for "none"
 */
const char *
gx_form_vocab_code (GxVocab  vocab,
                    guint    position,
                    gboolean with_none)
{
  guint n;
  const GxVocabEntry *entries = gx_vocab_entries (vocab, &n);

  if (with_none)
    {
      if (position == 0 || position == GTK_INVALID_LIST_POSITION)
        return NULL;
      position--;
    }

  return position < n ? entries[position].code : NULL;
}

/**
 * gx_form_mark_error:
 * @error_label: the form's message label
 * @row: (nullable): the row at fault
 * @message: the reason, translated
 *
 * Marks a refused field: the row turns red and keeps the reason as its tooltip, the message
 * shows above the form, and the row takes the focus. What was typed stays.
 */
void
gx_form_mark_error (GtkLabel   *error_label,
                    GtkWidget  *row,
                    const char *message)
{
  gtk_label_set_label (error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (error_label), TRUE);

  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_widget_grab_focus (row);
    }
}

static void
clear_marks (GtkWidget *widget)
{
  if (gtk_widget_has_css_class (widget, "error") && !GTK_IS_LABEL (widget))
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_widget_set_tooltip_text (widget, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    clear_marks (child);
}

void
gx_form_clear_errors (GtkLabel  *error_label,
                      GtkWidget *container)
{
  gtk_widget_set_visible (GTK_WIDGET (error_label), FALSE);
  clear_marks (container);
}

gboolean
gx_form_is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}
