/* test-staff-entry.c: inquiries staff take down on the desk (代理入力): the kiosk's pages, the
 * channel and who typed it, kept across a lock, and driven through AT-SPI. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <gtk/gtk.h>

#include "fixtures.h"
#include "kiosk-fixture.h"
#include "mdg-application.h"
#include "mdg-csv.h"
#include "mdg-desk.h"
#include "mdg-pin-pad.h"
#include "mdg-pin.h"
#include "mdg-staff-entry.h"
#include "mdg-window.h"

#define PIN "4826153"

static char *db;

static void
setup (void)
{
  kiosk_open (NULL);
  cr_assert (mdg_pin_set (mdg_application_get_store (kiosk.app), PIN, NULL));
  db = g_build_filename (kiosk.dir, "inquiries.db", NULL);
}

static void
teardown (void)
{
  kiosk_close ();
  g_clear_pointer (&db, g_free);
}

TestSuite (ui_staff, .init = setup, .fini = teardown);

static MdgDesk *
unlock (void)
{
  GtkWidget *pad;
  GtkWidget *desk;

  kiosk_act (kiosk.window, "staff.open", NULL);
  pad = kiosk_find_type (GTK_WIDGET (kiosk.window), MDG_TYPE_PIN_PAD);
  cr_assert_not_null (pad, "the pad is on screen");
  for (const char *p = PIN; *p != '\0'; p++)
    {
      char digit[2] = { *p, '\0' };

      kiosk_act (pad, "pin.digit", digit);
    }
  kiosk_act (pad, "pin.enter", NULL);
  desk = kiosk_find_type (GTK_WIDGET (kiosk.window), MDG_TYPE_DESK);
  cr_assert_not_null (desk, "the PIN opens the desk");
  return MDG_DESK (desk);
}

static gboolean
is_print_button (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_ACTIONABLE (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "entry.print") == 0;
}

static const char *
entry_step (MdgStaffEntry *entry)
{
  return mdg_step_get_id (mdg_visit_get_step (mdg_staff_entry_get_visit (entry)));
}

static const char *
kiosk_visit_step (void)
{
  return mdg_step_get_id (mdg_visit_get_step (mdg_window_get_visit (kiosk.window)));
}

static const char *
shown_page (MdgDesk *desk)
{
  GtkWidget *stack = kiosk_find_type (GTK_WIDGET (desk), GTK_TYPE_STACK);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* A lock half-way through keeps the entry, the kiosk's visit never sees it, and Send records
 * the channel and who typed it only once someone is named. */
Test (ui_staff, an_entry_survives_the_lock_and_is_stored_with_its_channel)
{
  MdgDesk *desk = unlock ();
  MdgStaffEntry *entry;
  g_autoptr (MdgVisit) visit = NULL;
  g_autofree char *channel = NULL;
  GtkWidget *name_entry, *print;
  g_autofree char *rows = NULL;
  g_autofree char *count = NULL;

  entry = MDG_STAFF_ENTRY (kiosk_find_type (GTK_WIDGET (desk), MDG_TYPE_STAFF_ENTRY));
  cr_assert_not_null (entry, "the desk holds the entry");
  visit = g_object_ref (mdg_staff_entry_get_visit (entry));
  cr_assert_str_eq (entry_step (entry), "purpose", "staff start at the first question");
  cr_assert_not (mdg_staff_entry_in_progress (entry));
  kiosk_act (entry, "entry.channel", "email");
  kiosk_act (entry, "visit.choose", "partners");
  cr_assert_str_eq (entry_step (entry), "themes");
  kiosk_act (entry, "visit.toggle", "children");
  cr_assert_str_eq (kiosk_visit_step (), "welcome", "the kiosk's own visit is untouched");

  kiosk_act (desk, "desk.lock", NULL);
  cr_assert_null (kiosk_find_type (GTK_WIDGET (kiosk.window), MDG_TYPE_DESK));
  cr_assert_str_eq (kiosk_visit_step (), "welcome");
  cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "themes", "locking lost the entry");

  desk = unlock ();
  entry = MDG_STAFF_ENTRY (kiosk_find_type (GTK_WIDGET (desk), MDG_TYPE_STAFF_ENTRY));
  cr_assert_eq (mdg_staff_entry_get_visit (entry), visit, "the same inquiry comes back");
  cr_assert_str_eq (shown_page (desk), "entry", "the desk opens on the kept entry");
  cr_assert_str_eq (entry_step (entry), "themes");
  cr_assert (mdg_visit_has_choice (visit, "themes", "children"));
  g_object_get (entry, "channel", &channel, NULL);
  cr_assert_str_eq (channel, "email", "the channel chosen before the lock stays");

  kiosk_act (entry, "visit.next", NULL);
  kiosk_act (entry, "visit.choose", "npo");
  kiosk_act (entry, "visit.choose", "idea");
  cr_assert_str_eq (entry_step (entry), "details");
  kiosk_act (entry, "visit.next", NULL);
  kiosk_act (entry, "visit.choose", "qr");
  cr_assert_str_eq (entry_step (entry), "review");

  /* Nobody named: nothing is written and the answers stay. */
  kiosk_act (entry, "visit.send", NULL);
  count = fixture_query_text (db, "SELECT count (*) FROM inquiry");
  cr_assert_str_eq (count, "0;", "sent without saying who typed it");
  cr_assert_str_eq (entry_step (entry), "review");

  kiosk_act (entry, "entry.coordinator", "佐藤");
  name_entry = kiosk_find_type (GTK_WIDGET (entry), GTK_TYPE_ENTRY);
  cr_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (name_entry)), "佐藤");
  kiosk_act (entry, "visit.send", NULL);
  cr_assert_str_eq (entry_step (entry), "done");
  rows = fixture_query_text (db, "SELECT channel, entered_by, followup FROM inquiry");
  cr_assert_str_eq (rows, "email|佐藤|qr;");
  print = kiosk_search (GTK_WIDGET (entry), TRUE, is_print_button, NULL);
  cr_assert_not_null (print, "no print button on the done view");
  cr_assert (gtk_widget_is_sensitive (print),
             "the slip can be printed, after a lock too");
  cr_assert_not_null (kiosk_find_label (GTK_WIDGET (entry), "返信メールに番号"),
                      "the done view tells staff what to do with the number");

  kiosk_act (entry, "visit.restart", NULL);
  cr_assert_str_eq (shown_page (desk), "list", "Finish returns to the day's list");
  cr_assert_eq (g_list_model_get_n_items (mdg_desk_get_rows (desk)), 1);
  cr_assert_str_eq (entry_step (entry), "purpose", "the next entry starts afresh");
}

/* Through the accessibility tree, as a coordinator using a screen reader would: the logo, the
 * PIN, New inquiry, By telephone, the pages, Send, the number read out, the list. */
Test (ui_staff_atspi, a_telephone_inquiry_taken_down_through_atspi, .timeout = 240)
{
  g_autofree char *dir = fixture_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "staff.db", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "day.csv", NULL);
  const char *extra[] = { "--pin", PIN, "--channel", "phone", "--entered-by", "Sato", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = mdg_store_open (path, &error);
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_autofree char *number = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *row = NULL;
  g_autofree char *day = NULL;

  cr_assert_not_null (store, "%s", error ? error->message : "");
  cr_assert (mdg_pin_set (store, PIN, NULL));
  g_clear_object (&store);

  number = kiosk_run_atspi ("tests/ui/atspi-staff.py", path, extra);
  store = mdg_store_open (path, &error);
  cr_assert_not_null (store, "%s", error ? error->message : "");
  inquiry = mdg_store_lookup (store, number, &error);
  cr_assert_not_null (inquiry, "%s is not in the database", number);
  cr_assert_str_eq (mdg_inquiry_get_channel (inquiry), MDG_CHANNEL_PHONE);
  cr_assert_str_eq (mdg_inquiry_get_entered_by (inquiry), "Sato");
  cr_assert_str_eq (mdg_inquiry_get_details (inquiry), "Called about a children's cafeteria.");
  cr_assert_str_eq (g_ptr_array_index (mdg_inquiry_get_answer (inquiry, "purpose"), 0), "partners");

  /* The day's CSV says the same. */
  day = g_date_time_format (mdg_inquiry_get_created (inquiry), "%Y-%m-%d");
  cr_assert (mdg_csv_export_days_to_file (store, flow, day, day, "en", csv_path, &error), "%s",
             error ? error->message : "");
  cr_assert (g_file_get_contents (csv_path, &csv, NULL, NULL));
  cr_assert_not_null (strstr (csv, "\"Channel\",\"Entered by\""), "%s", csv);
  row = g_strdup_printf ("\"%s\",", number);
  cr_assert_not_null (strstr (csv, row), "%s", csv);
  cr_assert_not_null (strstr (strstr (csv, row), "\"0\",\"phone\",\"Sato\","), "%s", csv);
  g_clear_object (&store);
  fixture_rmdir (dir);
}

