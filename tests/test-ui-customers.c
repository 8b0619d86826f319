/* test-ui-customers.c: a desk creates, finds, edits a customer, is refused bad input, and
 * opens a confidential profile with a reason — in a real window on a real archive
 *
 * Words are checked as the desk reads them in the language the test runs in: looked up
 * through the same translation the window uses (`_()`, `g_dngettext`, gx_vocab_label()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gx-app-resources.h"
#include "gx-application.h"
#include "gx-contact-log-dialog.h"
#include "gx-customer-editor.h"
#include "gx-customer-import-dialog.h"
#include "gx-customer-merge-dialog.h"
#include "gx-customer-print.h"
#include "gx-customer-profile.h"
#include "gx-customers-view.h"
#include "gx-demo.h"
#include "gx-enums.h"
#include "gx-format.h"
#include "gx-test-notifications.h"
#include "gx-test-ui.h"
#include "gx-test-util.h"
#include "gx-window.h"

/* One application for the whole program: an application object stays exported on the
 * session bus, so every fixture shares it. */
static GxApplication *the_app;

typedef struct
{
  GxApplication *app;
  GxContext     *context;
  GxWindow      *window;
  GtkWidget     *view;
} Fixture;

static GxDb *
reader (Fixture *fixture)
{
  return gx_store_get_main_reader (gx_context_get_store (fixture->context));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GxStore) store = NULL;
  g_autoptr(GxClock) clock = gx_clock_new_fixed (GX_TEST_NOW);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GxDemoOptions options = { .seed = 11, .n_customers = 300, .clock = clock };
  GtkWidget *stack;

  store = gx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (gx_demo_generate (store, &options, NULL, &error));
  g_assert_no_error (error);

  fixture->context = gx_context_new (store, clock, settings);
  g_assert_true (gx_context_ensure_user (fixture->context, &error));

  fixture->app = g_object_ref (the_app);

  fixture->window = gx_window_new (fixture->app, fixture->context);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gx_window_show_place (fixture->window, "customers");
  gx_test_iterate_for (500);

  stack = gx_test_find_descendant (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK);
  fixture->view = adw_view_stack_get_visible_child (ADW_VIEW_STACK (stack));
  g_assert_true (GX_IS_CUSTOMERS_VIEW (fixture->view));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (window);
    }
  gx_test_iterate_for (50);
  gx_store_close (gx_context_get_store (fixture->context));
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->app);
}

static GListModel *
list_model (Fixture *fixture)
{
  GtkWidget *column_view = gx_test_find_descendant (fixture->view, GTK_TYPE_COLUMN_VIEW);

  return G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));
}

static void
wait_loaded (Fixture *fixture)
{
  GObject *model = G_OBJECT (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (list_model (fixture))));
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gboolean loading = TRUE;

  gx_test_iterate_for (50);
  while (g_get_monotonic_time () < end)
    {
      g_object_get (model, "loading", &loading, NULL);
      if (!loading)
        break;
      g_main_context_iteration (NULL, FALSE);
    }
  gx_test_iterate_for (100);
}

static void
search (Fixture    *fixture,
        const char *text)
{
  GtkWidget *entry = gx_test_find_descendant (fixture->view, GTK_TYPE_SEARCH_ENTRY);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* The entry waits a moment before it searches; the keys load off the main thread. */
  g_signal_emit_by_name (entry, "search-changed");
  wait_loaded (fixture);
}

static char *
first_name (Fixture *fixture)
{
  g_autoptr(GObject) row = g_list_model_get_item (list_model (fixture), 0);
  char *name = NULL;

  if (row != NULL)
    g_object_get (row, "name", &name, NULL);
  return name;
}

static void
select_first (Fixture *fixture)
{
  /* As a click on the first row: whatever was selected before. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (list_model (fixture)), GTK_INVALID_LIST_POSITION);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (list_model (fixture)), 0);
  gx_test_iterate_for (300);
}

static GtkWindow *
open_editor (Fixture *fixture,
             gboolean new)
{
  GtkWindow *editor;

  if (new)
    gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new", NULL);
  else
    gtk_widget_activate_action (gx_test_find_descendant (fixture->view, GX_TYPE_CUSTOMER_PROFILE), "profile.edit", NULL);
  gx_test_iterate_for (300);

  editor = gx_test_find_toplevel (GX_TYPE_CUSTOMER_EDITOR);
  g_assert_nonnull (editor);
  return editor;
}

static void
set_row_text (GtkWindow  *window,
              const char *title,
              const char *text)
{
  GtkWidget *row = gx_test_find_row (GTK_WIDGET (window), ADW_TYPE_PREFERENCES_ROW, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
test_create_and_find (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWindow *editor = open_editor (fixture, TRUE);
  GtkWidget *profile;
  g_autofree char *found = NULL;

  /* The New button of this place opens an empty profile with one mobile row. */
  set_row_text (editor, _("Name"), "欧阳建国");
  set_row_text (editor, gx_vocab_label (GX_VOCAB_CONTACT_KIND, "mobile"), "139 1234 5678");
  set_row_text (editor, _("Company"), "华夏银行");
  gx_test_snap (GTK_WIDGET (editor), "editor-new");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  gx_test_iterate_for (800);

  /* Saved: the editor is gone, the profile shows, the store has it with its phone. */
  g_assert_null (gx_test_find_toplevel (GX_TYPE_CUSTOMER_EDITOR));
  g_assert_cmpint (gx_db_query_int (reader (fixture),
                                    "SELECT count(*) FROM customers c JOIN customer_contacts cc ON cc.customer_id = c.id"
                                    " WHERE c.name = '欧阳建国' AND cc.value = '139 1234 5678'", NULL, 0, NULL), ==, 1);
  profile = gx_test_find_descendant (fixture->view, GX_TYPE_CUSTOMER_PROFILE);
  g_assert_true (gtk_widget_get_mapped (profile));
  g_assert_true (gx_test_shows_text (profile, "欧阳建国"));

  /* Found by pinyin initials, by the joined pinyin, by the last digits of the phone. */
  search (fixture, "oyjg");
  found = first_name (fixture);
  g_assert_cmpstr (found, ==, "欧阳建国");
  g_clear_pointer (&found, g_free);
  search (fixture, "ouyangjian");
  found = first_name (fixture);
  g_assert_cmpstr (found, ==, "欧阳建国");
  g_clear_pointer (&found, g_free);
  search (fixture, "5678 华夏");
  found = first_name (fixture);
  g_assert_cmpstr (found, ==, "欧阳建国");
  {
    g_autofree char *one = gx_format_count (1);
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer", "%s customers", 1), one);

    g_assert_true (gx_test_shows_text (fixture->view, count));
  }
  gx_test_snap (GTK_WIDGET (fixture->window), "window-found");
}

static void
test_refuse_bad_input (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWindow *editor = open_editor (fixture, TRUE);
  GtkWidget *mobile;
  gint64 before = gx_db_query_int (reader (fixture), "SELECT count(*) FROM customers", NULL, 0, NULL);

  set_row_text (editor, _("Name"), "张三");
  set_row_text (editor, gx_vocab_label (GX_VOCAB_CONTACT_KIND, "mobile"), "12345");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  gx_test_iterate_for (300);

  /* Refused: the reason in words next to the form, the row marked, nothing saved, nothing
   * typed lost. */
  mobile = gx_test_find_row (GTK_WIDGET (editor), ADW_TYPE_PREFERENCES_ROW, gx_vocab_label (GX_VOCAB_CONTACT_KIND, "mobile"));
  g_assert_true (gtk_widget_has_css_class (mobile, "error"));
  g_assert_true (gx_test_shows_text (GTK_WIDGET (editor), _("A mobile number has 11 digits and starts with 13 to 19.")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mobile)), ==, "12345");
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customers", NULL, 0, NULL), ==, before);
  gx_test_snap (GTK_WIDGET (editor), "editor-refused");

  /* A resident ID with a wrong check digit, refused by the field. */
  set_row_text (editor, gx_vocab_label (GX_VOCAB_CONTACT_KIND, "mobile"), "13912345678");
  set_row_text (editor, _("ID number"), "110105194912310021");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  gx_test_iterate_for (300);
  g_assert_true (gtk_widget_has_css_class (gx_test_find_row (GTK_WIDGET (editor), ADW_TYPE_PREFERENCES_ROW, _("ID number")), "error"));
  g_assert_false (gtk_widget_has_css_class (gx_test_find_row (GTK_WIDGET (editor), ADW_TYPE_PREFERENCES_ROW, gx_vocab_label (GX_VOCAB_CONTACT_KIND, "mobile")), "error"));
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customers", NULL, 0, NULL), ==, before);

  /* The right one: the editor offers the birthday and gender it states. */
  set_row_text (editor, _("ID number"), "11010519491231002X");
  gx_test_iterate_for (100);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.fill-from-id", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gx_test_find_row (GTK_WIDGET (editor), ADW_TYPE_PREFERENCES_ROW, _("Birthday (YYYY-MM-DD)")))), ==, "1949-12-31");
}

static void
test_edit_identity_verified (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *id = gx_db_query_string (reader (fixture),
                                            "SELECT id FROM customers WHERE confidentiality = 'ordinary' AND kind = 'individual'"
                                            " AND archived_at IS NULL ORDER BY sort_key LIMIT 1", NULL, NULL);
  g_autofree char *number = gx_db_query_string (reader (fixture), "SELECT number FROM customers WHERE id = ?",
                                                g_variant_new ("(s)", id), NULL);
  g_autofree char *register_row = NULL;
  /* The first way of checking offered, as the desk reads it and the register keeps it. */
  const char *checked = _("Resident ID card checked in person");
  g_autofree char *expected_row = g_strdup_printf ("李四海 · %s", checked);
  GtkWindow *editor;
  GtkWindow *dialog;

  search (fixture, number);
  select_first (fixture);
  editor = open_editor (fixture, FALSE);

  /* Changing the name is an identity change: saving asks how the identity was checked. */
  set_row_text (editor, _("Name"), "李四海");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  gx_test_iterate_for (300);
  dialog = gx_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customers WHERE name = '李四海'", NULL, 0, NULL), ==, 0);
  gx_test_snap (GTK_WIDGET (dialog), "verify-identity");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "verified");
  gx_test_iterate_for (800);

  register_row = gx_db_query_string (reader (fixture),
                                     "SELECT new_value || ' · ' || verification FROM change_log WHERE customer_id = ? AND field = 'name'",
                                     g_variant_new ("(s)", id), NULL);
  g_assert_cmpstr (register_row, ==, expected_row);
  g_assert_true (gx_test_shows_text (gx_test_find_descendant (fixture->view, GX_TYPE_CUSTOMER_PROFILE), "李四海"));
  /* The change register on the profile says so. */
  g_assert_true (gx_test_shows_text (gx_test_find_descendant (fixture->view, GX_TYPE_CUSTOMER_PROFILE), checked));
}

/* Clicks the button of the toast showing now. */
static void
click_toast (Fixture    *fixture,
             const char *label)
{
  GtkWidget *button = gx_test_find_button (GTK_WIDGET (fixture->window), label);

  g_assert_nonnull (button);
  gtk_widget_activate (button);
  gx_test_iterate_for (800);
}

static void
test_delete_undo_and_archive (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWindow *editor = open_editor (fixture, TRUE);
  g_autofree char *id = NULL;
  g_autofree char *kept_id = NULL;
  g_autofree char *number = NULL;
  GtkWidget *profile;

  /* A profile entered by mistake: deleted at once, with an undo. */
  set_row_text (editor, _("Name"), "错录客户");
  set_row_text (editor, gx_vocab_label (GX_VOCAB_CONTACT_KIND, "mobile"), "13600001111");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  gx_test_iterate_for (800);
  id = gx_db_query_string (reader (fixture), "SELECT id FROM customers WHERE name = '错录客户'", NULL, NULL);
  g_assert_nonnull (id);
  profile = gx_test_find_descendant (fixture->view, GX_TYPE_CUSTOMER_PROFILE);
  gtk_widget_activate_action (profile, "profile.delete", NULL);
  gx_test_iterate_for (800);
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customers WHERE id = ?",
                                    g_variant_new ("(s)", id), -1, NULL), ==, 0);
  g_assert_true (gx_test_shows_text (GTK_WIDGET (fixture->window), _("Profile deleted")));
  /* The profile is gone from the screen too. */
  g_assert_false (gtk_widget_get_mapped (profile));
  g_assert_true (gx_test_shows_text (fixture->view, _("No Customer Selected")));
  gx_test_snap (GTK_WIDGET (fixture->window), "window-deleted-undo");
  click_toast (fixture, _("_Undo"));
  /* And back on it after the undo. */
  g_assert_true (gtk_widget_get_mapped (profile));
  g_assert_true (gx_test_shows_text (profile, "错录客户"));
  /* Back as it was, phone and all. */
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customers c JOIN customer_contacts cc ON cc.customer_id = c.id"
                                    " WHERE c.id = ? AND c.name = '错录客户' AND cc.value = '13600001111'",
                                    g_variant_new ("(s)", id), -1, NULL), ==, 1);

  /* A customer with a history is not deleted: the toast offers to archive instead, and the
   * archiving can be undone too. */
  kept_id = gx_db_query_string (reader (fixture),
                                "SELECT c.id FROM customers c WHERE c.confidentiality = 'ordinary' AND c.archived_at IS NULL"
                                " AND EXISTS (SELECT 1 FROM contact_log l WHERE l.customer_id = c.id) ORDER BY c.sort_key LIMIT 1",
                                NULL, NULL);
  number = gx_db_query_string (reader (fixture), "SELECT number FROM customers WHERE id = ?", g_variant_new ("(s)", kept_id), NULL);
  search (fixture, number);
  select_first (fixture);
  profile = gx_test_find_descendant (fixture->view, GX_TYPE_CUSTOMER_PROFILE);
  gtk_widget_activate_action (profile, "profile.delete", NULL);
  gx_test_iterate_for (800);
  g_assert_true (gx_test_shows_text (GTK_WIDGET (fixture->window), _("This customer has a history (contacts, changes, complaints or memberships): archive the profile instead.")));
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customers WHERE id = ? AND archived_at IS NULL",
                                    g_variant_new ("(s)", kept_id), -1, NULL), ==, 1);
  click_toast (fixture, _("_Archive"));
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customers WHERE id = ? AND archived_at IS NOT NULL",
                                    g_variant_new ("(s)", kept_id), -1, NULL), ==, 1);
  g_assert_true (gx_test_shows_text (GTK_WIDGET (fixture->window), _("Profile archived")));
  click_toast (fixture, _("_Undo"));
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customers WHERE id = ? AND archived_at IS NULL",
                                    g_variant_new ("(s)", kept_id), -1, NULL), ==, 1);
}

#define ACCOUNTS_TITLE _("Accounts (label and number; separate several with “;”)")

static void
test_accounts_masked_and_revealed (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *id = gx_db_query_string (reader (fixture),
                                            "SELECT id FROM customers WHERE confidentiality = 'ordinary' AND archived_at IS NULL"
                                            " AND accounts = '' ORDER BY sort_key LIMIT 1", NULL, NULL);
  g_autofree char *number = gx_db_query_string (reader (fixture), "SELECT number FROM customers WHERE id = ?",
                                                g_variant_new ("(s)", id), NULL);
  g_autofree char *refusal = g_strdup_printf (_("“%s” is not an account number: each account ends with its number of 8 to 30 digits; "
                                                "separate several with semicolons."),
                                              "招行储蓄卡 6225 88");
  GtkWindow *editor;
  GtkWidget *profile;

  search (fixture, number);
  select_first (fixture);
  editor = open_editor (fixture, FALSE);

  /* A number too short is refused by its field, and stays as typed. */
  set_row_text (editor, ACCOUNTS_TITLE, "招行储蓄卡 6225 88");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  gx_test_iterate_for (300);
  g_assert_true (gtk_widget_has_css_class (gx_test_find_row (GTK_WIDGET (editor), ADW_TYPE_PREFERENCES_ROW, ACCOUNTS_TITLE), "error"));
  g_assert_true (gx_test_shows_text (GTK_WIDGET (editor), refusal));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (gx_test_find_row (GTK_WIDGET (editor), ADW_TYPE_PREFERENCES_ROW, ACCOUNTS_TITLE))), ==, "招行储蓄卡 6225 88");
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customers WHERE id = ? AND accounts = ''",
                                    g_variant_new ("(s)", id), 0, NULL), ==, 1);

  set_row_text (editor, ACCOUNTS_TITLE, "招行储蓄卡 6225 8801 2345 6789；6217000011112222333");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  gx_test_iterate_for (800);
  g_assert_null (gx_test_find_toplevel (GX_TYPE_CUSTOMER_EDITOR));
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customers WHERE id = ?"
                                    " AND accounts = '招行储蓄卡 6225 8801 2345 6789; 6217000011112222333'",
                                    g_variant_new ("(s)", id), 0, NULL), ==, 1);

  /* The profile shows them masked, and the change register too. */
  profile = gx_test_find_descendant (fixture->view, GX_TYPE_CUSTOMER_PROFILE);
  g_assert_true (gx_test_shows_text (profile, "招行储蓄卡 6225••••••••6789; 6217•••••••••••2333"));
  g_assert_false (gx_test_shows_text (profile, "招行储蓄卡 6225 8801 2345 6789; 6217000011112222333"));
  gx_test_snap (GTK_WIDGET (fixture->window), "window-accounts-masked");

  /* Revealed on request, and the register says who saw which numbers. */
  gtk_widget_activate_action (profile, "profile.reveal", NULL);
  gx_test_iterate_for (500);
  g_assert_true (gx_test_shows_text (profile, "招行储蓄卡 6225 8801 2345 6789; 6217000011112222333"));
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM access_log WHERE customer_id = ? AND action = 'reveal'"
                                    " AND field LIKE '%accounts%' AND user_id = ?",
                                    g_variant_new ("(ss)", id, gx_context_get_user_id (fixture->context)), 0, NULL), ==, 1);
}

static void
test_contact_log (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *id = gx_db_query_string (reader (fixture),
                                            "SELECT id FROM customers WHERE confidentiality = 'ordinary' AND archived_at IS NULL"
                                            " ORDER BY sort_key LIMIT 1", NULL, NULL);
  g_autofree char *number = gx_db_query_string (reader (fixture), "SELECT number FROM customers WHERE id = ?",
                                                g_variant_new ("(s)", id), NULL);
  g_autofree char *follow_up = g_strdup_printf (_("Follow-up: %s"), _("Due today"));
  GtkWindow *dialog;
  GListModel *model;

  search (fixture, number);
  select_first (fixture);
  gtk_widget_activate_action (gx_test_find_descendant (fixture->view, GX_TYPE_CUSTOMER_PROFILE), "profile.add-contact", NULL);
  gx_test_iterate_for (300);
  dialog = gx_test_find_toplevel (GX_TYPE_CONTACT_LOG_DIALOG);
  g_assert_nonnull (dialog);

  set_row_text (dialog, _("Subject"), "询问定期存款利率");
  set_row_text (dialog, _("Next follow-up on (YYYY-MM-DD, optional)"), "2026-11-22");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL);
  gx_test_iterate_for (800);

  /* Newest first on the profile, and the follow-up due today in the list's filter. */
  g_assert_true (gx_test_shows_text (gx_test_find_descendant (fixture->view, GX_TYPE_CUSTOMER_PROFILE), "询问定期存款利率"));
  g_assert_true (gx_test_shows_text (gx_test_find_descendant (fixture->view, GX_TYPE_CUSTOMER_PROFILE), follow_up));
  search (fixture, "");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (gx_test_find_button (fixture->view, _("_Due Today"))), TRUE);
  wait_loaded (fixture);
  model = list_model (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customers WHERE follow_up_on <= '2026-11-22'"
                                    " AND archived_at IS NULL", NULL, 0, NULL),
                   ==, g_list_model_get_n_items (model));
  gx_test_snap (GTK_WIDGET (fixture->window), "window-due-today");
}

static void
test_confidential_with_reason (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *id = gx_db_query_string (reader (fixture),
                                            "SELECT id FROM customers WHERE confidentiality = 'confidential' AND archived_at IS NULL"
                                            " ORDER BY sort_key LIMIT 1", NULL, NULL);
  g_autofree char *number = gx_db_query_string (reader (fixture), "SELECT number FROM customers WHERE id = ?",
                                                g_variant_new ("(s)", id), NULL);
  g_autofree char *reason = NULL;
  GtkWindow *dialog;
  GtkWidget *entry;
  GtkWidget *profile;
  GtkWidget *stack;

  g_assert_nonnull (id);
  search (fixture, number);
  select_first (fixture);

  /* Opening asks why first; the profile is not shown until it is registered. */
  dialog = gx_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  stack = gtk_widget_get_ancestor (gx_test_find_descendant (fixture->view, GX_TYPE_CUSTOMER_PROFILE), GTK_TYPE_STACK);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), !=, "profile");
  entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  gtk_editable_set_text (GTK_EDITABLE (entry), "客户来电查询转账");
  gx_test_snap (GTK_WIDGET (dialog), "open-reason");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "open");
  gx_test_iterate_for (800);

  reason = gx_db_query_string (reader (fixture), "SELECT reason FROM access_log WHERE customer_id = ? AND action = 'open'"
                               " AND user_id = ? ORDER BY at DESC LIMIT 1",
                               g_variant_new ("(ss)", id, gx_context_get_user_id (fixture->context)), NULL);
  g_assert_cmpstr (reason, ==, "客户来电查询转账");
  profile = gx_test_find_descendant (fixture->view, GX_TYPE_CUSTOMER_PROFILE);
  g_assert_true (gtk_widget_get_mapped (profile));
  g_assert_true (gx_test_shows_text (profile, gx_vocab_label (GX_VOCAB_CONFIDENTIALITY, "confidential")));
  /* The supervisor sees the access register on the profile, with the reason. */
  g_assert_true (gx_test_shows_text (profile, "客户来电查询转账"));
  /* The ID number is masked until revealed, and revealing is registered too. */
  gtk_widget_activate_action (profile, "profile.reveal", NULL);
  gx_test_iterate_for (500);
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM access_log WHERE customer_id = ? AND action = 'reveal'"
                                    " AND user_id = ? AND reason = '客户来电查询转账'",
                                    g_variant_new ("(ss)", id, gx_context_get_user_id (fixture->context)), 0, NULL), ==, 1);
  gx_test_snap (GTK_WIDGET (fixture->window), "window-confidential");

  /* A desk clerk may not open it at all. */
  gx_context_set_user (fixture->context, gx_context_get_user_id (fixture->context), "Clerk", GX_ROLE_DESK);
  search (fixture, "");
  search (fixture, number);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (list_model (fixture)), GTK_INVALID_LIST_POSITION);
  select_first (fixture);
  g_assert_true (gx_test_shows_text (fixture->view, _("Restricted Profile")));
}


static void
test_import_csv (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *dir = gx_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "客户.csv", NULL);
  g_autofree char *gb = g_convert ("姓名,手机号码,生日,兴趣\r\n"
                                   "司马相如,13711112222,1979-3-8,\"古琴,书法\"\r\n"
                                   "卓文君,1371111,,\r\n", -1, "GB18030", "UTF-8", NULL, NULL, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *line_2 = g_strdup_printf (_("Line %u: %s"), 2, "司马相如");
  g_autofree char *line_3 = g_strdup_printf (_("Line %u: %s"), 3, "卓文君");
  g_autofree char *summary = g_strdup_printf (_("%u imported, %u refused, %u in the archive already"), 1, 1, 0);
  GtkWindow *dialog;
  gint64 before = gx_db_query_int (reader (fixture), "SELECT count(*) FROM customers", NULL, 0, NULL);

  /* A spreadsheet saved by WPS on a Chinese desktop: GB18030. */
  g_assert_true (g_file_set_contents (path, gb, -1, &error));
  dialog = gx_customer_import_dialog_new (fixture->context, file, &error);
  g_assert_no_error (error);
  gtk_window_set_transient_for (dialog, GTK_WINDOW (fixture->window));
  gtk_window_present (dialog);
  gx_test_iterate_for (300);

  /* The columns map themselves; the first rows show as they will be imported. */
  g_assert_true (gx_test_shows_text (GTK_WIDGET (dialog), "GB18030"));
  g_assert_true (gx_test_shows_text (GTK_WIDGET (dialog), line_2));
  gx_test_snap (GTK_WIDGET (dialog), "import-preview");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL);
  {
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (gx_customer_import_dialog_get_running (GX_CUSTOMER_IMPORT_DIALOG (dialog)) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
  }
  gx_test_iterate_for (200);

  /* One imported, one refused with its line and reason. */
  g_assert_true (gx_test_shows_text (GTK_WIDGET (dialog), summary));
  g_assert_true (gx_test_shows_text (GTK_WIDGET (dialog), line_3));
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customers", NULL, 0, NULL), ==, before + 1);
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customers c JOIN customer_interests i ON i.customer_id = c.id"
                                    " WHERE c.name = '司马相如' AND c.birthday = '1979-03-08'", NULL, 0, NULL), ==, 2);
  gx_test_snap (GTK_WIDGET (dialog), "import-report");
  gtk_window_destroy (dialog);

  search (fixture, "smxr");
  {
    g_autofree char *found = first_name (fixture);
    g_assert_cmpstr (found, ==, "司马相如");
  }
}

static void
test_merge_unmerge_and_erase (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *survivor = gx_db_query_string (reader (fixture),
                                                  "SELECT id FROM customers WHERE confidentiality = 'ordinary' AND kind = 'individual'"
                                                  " AND archived_at IS NULL ORDER BY sort_key LIMIT 1", NULL, NULL);
  g_autofree char *name = gx_db_query_string (reader (fixture), "SELECT name FROM customers WHERE id = ?",
                                              g_variant_new ("(s)", survivor), NULL);
  g_autofree char *number = gx_db_query_string (reader (fixture), "SELECT number FROM customers WHERE id = ?",
                                                g_variant_new ("(s)", survivor), NULL);
  g_autofree char *duplicate = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *profile;
  GtkWindow *editor, *dialog;

  /* The same person entered again, under the same name, without details. */
  editor = open_editor (fixture, TRUE);
  set_row_text (editor, _("Name"), name);
  set_row_text (editor, gx_vocab_label (GX_VOCAB_CONTACT_KIND, "mobile"), "13566667777");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  gx_test_iterate_for (800);
  duplicate = gx_db_query_string (reader (fixture), "SELECT id FROM customers WHERE id IN"
                                  " (SELECT customer_id FROM customer_contacts WHERE value = '13566667777')", NULL, NULL);
  g_assert_nonnull (duplicate);

  /* Merge it into the first: the preview says what moves, the reason is asked. */
  profile = gx_test_find_descendant (fixture->view, GX_TYPE_CUSTOMER_PROFILE);
  gtk_widget_activate_action (profile, "profile.merge", NULL);
  gx_test_iterate_for (400);
  dialog = gx_test_find_toplevel (GX_TYPE_CUSTOMER_MERGE_DIALOG);
  g_assert_nonnull (dialog);
  {
    GtkWidget *entry = gx_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_SEARCH_ENTRY);
    gtk_editable_set_text (GTK_EDITABLE (entry), number);
    g_signal_emit_by_name (entry, "search-changed");
    gx_test_iterate_for (300);
  }
  g_assert_true (gx_test_shows_text (GTK_WIDGET (dialog), _("Moves to the profile kept")));
  set_row_text (dialog, _("How do you know they are the same person?"), "同名同址，客户来电确认");
  gx_test_snap (GTK_WIDGET (dialog), "merge-preview");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.merge", NULL);
  gx_test_iterate_for (800);
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customer_contacts WHERE value = '13566667777'"
                                    " AND customer_id = ?", g_variant_new ("(s)", survivor), 0, NULL), ==, 1);
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customers WHERE id = ? AND merged_into = ?",
                                    g_variant_new ("(ss)", duplicate, survivor), 0, NULL), ==, 1);

  /* The profile kept lists the merge and undoes it. */
  search (fixture, number);
  select_first (fixture);
  g_assert_true (gx_test_shows_text (profile, _("Merged Profiles")));
  {
    g_autofree char *merge_id = gx_db_query_string (reader (fixture), "SELECT id FROM customer_merges", NULL, NULL);
    gtk_widget_activate_action (profile, "profile.unmerge", "s", merge_id);
  }
  gx_test_iterate_for (800);
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customers WHERE id = ? AND merged_into IS NULL"
                                    " AND archived_at IS NULL", g_variant_new ("(s)", duplicate), 0, NULL), ==, 1);

  /* The person's data on paper for their request: a PDF. */
  pdf = g_build_filename (gx_test_make_dir (), "data.pdf", NULL);
  g_assert_true (gx_customer_print_pdf (fixture->context, survivor, TRUE, pdf, GTK_WINDOW (fixture->window), &error));
  g_assert_no_error (error);
  {
    g_autofree char *head = NULL;
    gsize len = 0;
    g_assert_true (g_file_get_contents (pdf, &head, &len, NULL));
    g_assert_true (len > 1000 && g_str_has_prefix (head, "%PDF"));
  }

  /* Erasing asks for the request and names the consequence; then the person is gone. */
  gtk_widget_activate_action (profile, "profile.erase", NULL);
  gx_test_iterate_for (300);
  dialog = gx_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog))), "本人书面申请");
  gx_test_snap (GTK_WIDGET (dialog), "erase-confirm");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "erase");
  gx_test_iterate_for (800);
  /* Named as the erasing desk's language names an erased person. */
  g_assert_cmpint (gx_db_query_int (reader (fixture), "SELECT count(*) FROM customers WHERE id = ? AND erased_at IS NOT NULL"
                                    " AND name = ?", g_variant_new ("(ss)", survivor, _("Erased customer")), 0, NULL), ==, 1);
  /* The notice, either side of its date (the profile's own format of it). */
  {
    g_auto(GStrv) notice = g_strsplit (_("The person’s data was erased on request on %s. Complaint records are kept, anonymised."),
                                       "%s", 2);

    g_assert_cmpuint (g_strv_length (notice), ==, 2);
    g_assert_true (gx_test_shows_text (profile, notice[0]));
    g_assert_true (gx_test_shows_text (profile, notice[1]));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  /* The window reads in the language asked for (LANGUAGE), bound as the app binds it; the
   * checks look their words up the same way. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GUANXI_LOCALEDIR") ? g_getenv ("GUANXI_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Under Xvfb without a window manager a field that had the focus when its window went
   * away, or another window came up, hears no focus-out; its cursor's next blink then warns
   * (fatally in a test) on a loaded machine. A steady cursor has no blink to warn from. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  /* The complaints place announces escalations; the desktop's notification server hears them. */
  gx_test_notifications_start ();
  g_resources_register (gx_app_get_resource ());

  the_app = gx_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (the_app), NULL, &error))
    g_error ("cannot register the application: %s", error->message);

  g_test_add ("/ui/customers/create-and-find", Fixture, NULL, fixture_set_up, test_create_and_find, fixture_tear_down);
  g_test_add ("/ui/customers/refuse-bad-input", Fixture, NULL, fixture_set_up, test_refuse_bad_input, fixture_tear_down);
  g_test_add ("/ui/customers/edit-identity-verified", Fixture, NULL, fixture_set_up, test_edit_identity_verified, fixture_tear_down);
  g_test_add ("/ui/customers/delete-undo-and-archive", Fixture, NULL, fixture_set_up, test_delete_undo_and_archive, fixture_tear_down);
  g_test_add ("/ui/customers/accounts-masked-and-revealed", Fixture, NULL, fixture_set_up, test_accounts_masked_and_revealed, fixture_tear_down);
  g_test_add ("/ui/customers/contact-log", Fixture, NULL, fixture_set_up, test_contact_log, fixture_tear_down);
  g_test_add ("/ui/customers/import-csv", Fixture, NULL, fixture_set_up, test_import_csv, fixture_tear_down);
  g_test_add ("/ui/customers/merge-unmerge-and-erase", Fixture, NULL, fixture_set_up, test_merge_unmerge_and_erase, fixture_tear_down);
  g_test_add ("/ui/customers/confidential-with-reason", Fixture, NULL, fixture_set_up, test_confidential_with_reason, fixture_tear_down);

  return g_test_run ();
}
