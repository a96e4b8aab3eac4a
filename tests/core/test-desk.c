/* test-desk.c: the staff desk's core: PIN and lockout, staff changes with their history, the
 * day's list model, its filters and sorting, and the exports. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fixtures.h"
#include "mdg-agenda.h"
#include "mdg-desk-store.h"
#include "mdg-error.h"
#include "mdg-i18n.h"
#include "mdg-inquiry-list.h"
#include "mdg-pin.h"
#include "mdg-store.h"

static char *dir;
static char *db;

static void
setup (void)
{
  mdg_i18n_init ();
  dir = fixture_tmpdir ();
  db = g_build_filename (dir, "inquiries.db", NULL);
}

static void
teardown (void)
{
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&db, g_free);
}

static MdgStore *
open_store (void)
{
  g_autoptr (GError) error = NULL;
  MdgStore *store = mdg_store_open (db, &error);

  cr_assert_not_null (store, "%s", error ? error->message : "");
  return store;
}

static MdgInquiry *
record (MdgStore   *store,
        MdgFlow    *flow,
        const char *purpose,
        const char *followup)
{
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (GError) error = NULL;
  MdgInquiry *inquiry;

  fixture_answer_default (visit, purpose);
  if (followup != NULL && !g_str_equal (followup, "qr"))
    {
      cr_assert (mdg_visit_revisit (visit, "followup"));
      cr_assert (mdg_visit_choose (visit, followup));
    }
  inquiry = mdg_store_record (store, visit, &error);
  cr_assert_not_null (inquiry, "%s", error ? error->message : "");
  return inquiry;
}

static char *
today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static char *
query_text (const char *sql)
{
  return fixture_query_text (db, sql);
}

TestSuite (pin, .init = setup, .fini = teardown);

Test (pin, stores_only_an_argon2id_hash)
{
  g_autoptr (MdgStore) store = open_store ();
  g_autoptr (GError) error = NULL;
  g_autofree char *rows = NULL;

  cr_assert_not (mdg_pin_is_set (store, NULL));
  cr_assert_eq (mdg_pin_check (store, "123456", 1000, NULL, NULL), MDG_PIN_NOT_SET);
  cr_assert (mdg_pin_set (store, "20261129", &error), "%s", error ? error->message : "");
  cr_assert (mdg_pin_is_set (store, NULL));
  rows = query_text ("SELECT value FROM setting WHERE key = 'staff-pin'");
  cr_assert (g_str_has_prefix (rows, "$argon2id$"), "%s", rows);
  cr_assert_null (strstr (rows, "20261129"));
  cr_assert_eq (mdg_pin_check (store, "20261129", 1000, NULL, NULL), MDG_PIN_ACCEPTED);
  cr_assert_eq (mdg_pin_check (store, "20261128", 1000, NULL, NULL), MDG_PIN_WRONG);
}

Test (pin, refuses_malformed_pins)
{
  g_autoptr (MdgStore) store = open_store ();
  const char *bad[] = { "12345", "1234567890123", "12345a", "１２３４５６", "", " 123456" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      cr_assert_not (mdg_pin_set (store, bad[i], &error), "“%s” accepted", bad[i]);
      cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT));
    }
  cr_assert_not (mdg_pin_is_set (store, NULL));
  cr_assert (mdg_pin_is_valid ("123456"));
  cr_assert (mdg_pin_is_valid ("123456789012"));
}

Test (pin, lockout_grows_and_survives_a_restart)
{
  g_autoptr (MdgStore) store = open_store ();
  gint64 now = 1800000000, retry = 0;

  cr_assert (mdg_pin_set (store, "246810", NULL));
  for (int i = 0; i < MDG_PIN_FREE_ATTEMPTS - 1; i++)
    {
      cr_assert_eq (mdg_pin_check (store, "000000", now, &retry, NULL), MDG_PIN_WRONG);
      cr_assert_eq (retry, 0, "attempt %d must not wait", i + 1);
    }
  cr_assert_eq (mdg_pin_check (store, "000000", now, &retry, NULL), MDG_PIN_WRONG);
  cr_assert_eq (retry, now + 30, "the fifth failure makes the next attempt wait 30 s");

  /* Restart: a new connection reads the count from the file. */
  g_clear_object (&store);
  store = open_store ();
  cr_assert_eq (mdg_pin_check (store, "246810", now + 29, &retry, NULL), MDG_PIN_LOCKED,
                "even the right PIN waits");
  cr_assert_eq (retry, now + 30);
  cr_assert_eq (mdg_pin_locked_until (store, now + 10, NULL), now + 30);

  now += 30;
  cr_assert_eq (mdg_pin_check (store, "111111", now, &retry, NULL), MDG_PIN_WRONG);
  cr_assert_eq (retry, now + 60, "then 60 s");
  g_clear_object (&store);
  store = open_store ();
  now += 60;
  cr_assert_eq (mdg_pin_check (store, "111111", now, &retry, NULL), MDG_PIN_WRONG);
  cr_assert_eq (retry, now + 120, "then 120 s");
  cr_assert_eq (mdg_pin_check (store, "246810", now + 119, &retry, NULL), MDG_PIN_LOCKED);
  cr_assert_eq (mdg_pin_check (store, "246810", now + 120, &retry, NULL), MDG_PIN_ACCEPTED);
  cr_assert_eq (mdg_pin_check (store, "000000", now + 121, &retry, NULL), MDG_PIN_WRONG);
  cr_assert_eq (retry, 0, "success starts the count again");
}

Test (pin, clock_set_back_does_not_stretch_the_wait)
{
  g_autoptr (MdgStore) store = open_store ();
  gint64 now = 1800000000, retry = 0;

  cr_assert (mdg_pin_set (store, "246810", NULL));
  for (int i = 0; i < MDG_PIN_FREE_ATTEMPTS; i++)
    mdg_pin_check (store, "000000", now, &retry, NULL);
  cr_assert_eq (mdg_pin_check (store, "246810", now - 86400, &retry, NULL), MDG_PIN_LOCKED);
  cr_assert_eq (retry, now - 86400 + 30);
}

TestSuite (desk_store, .init = setup, .fini = teardown);

Test (desk_store, every_change_lands_with_its_history)
{
  g_autoptr (MdgStore) store = open_store ();
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgInquiry) inquiry = record (store, flow, "start", "qr");
  g_autoptr (GPtrArray) timeline = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *row = NULL;
  g_autofree char *history = NULL;
  g_autofree char *notes = NULL;
  MdgDeskStoreEvent *event;

  cr_assert (mdg_desk_store_set_status (store, inquiry, "in-progress", &error), "%s",
             error ? error->message : "");
  cr_assert (mdg_desk_store_set_coordinator (store, inquiry, "  山田  ", &error));
  cr_assert (mdg_desk_store_set_meeting (store, inquiry, TRUE, &error));
  cr_assert (mdg_desk_store_add_note (store, inquiry, "山田", "区社協に連絡した", &error));
  cr_assert (mdg_desk_store_set_status (store, inquiry, "in-progress", &error), "no change is fine");
  cr_assert (mdg_desk_store_set_coordinator (store, inquiry, "", &error), "clearing");

  cr_assert_str_eq (mdg_inquiry_get_status (inquiry), "in-progress");
  cr_assert_null (mdg_inquiry_get_coordinator (inquiry));
  cr_assert (mdg_inquiry_get_meeting (inquiry));

  row = query_text ("SELECT status, coordinator, meeting FROM inquiry");
  cr_assert_str_eq (row, "in-progress|NULL|1;");
  history = query_text ("SELECT field, old_value, new_value, at > 0 FROM status_history ORDER BY id");
  cr_assert_str_eq (history, "status|new|in-progress|1;coordinator|NULL|山田|1;meeting|0|1|1;"
                             "note|NULL|1|1;coordinator|山田|NULL|1;");
  notes = query_text ("SELECT author, body FROM note");
  cr_assert_str_eq (notes, "山田|区社協に連絡した;");

  timeline = mdg_desk_store_list_timeline (store, inquiry, &error);
  cr_assert_not_null (timeline);
  cr_assert_eq (timeline->len, 5);
  event = g_ptr_array_index (timeline, 3);
  cr_assert_str_eq (event->field, "note");
  cr_assert_str_eq (event->old_value, "山田");
  cr_assert_str_eq (event->new_value, "区社協に連絡した");
}

Test (desk_store, refuses_bad_changes_and_keeps_the_row)
{
  g_autoptr (MdgStore) store = open_store ();
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgInquiry) inquiry = record (store, flow, "join", "qr");
  g_autoptr (GError) e1 = NULL, e2 = NULL, e3 = NULL;
  g_autofree char *long_note = g_strnfill (MDG_NOTE_MAX_CHARS + 1, 'a');
  g_autofree char *history = NULL;

  cr_assert_not (mdg_desk_store_set_status (store, inquiry, "done", &e1));
  cr_assert (g_error_matches (e1, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT));
  cr_assert_not (mdg_desk_store_add_note (store, inquiry, NULL, "   ", &e2));
  cr_assert (g_error_matches (e2, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT));
  cr_assert_not (mdg_desk_store_add_note (store, inquiry, NULL, long_note, &e3));
  cr_assert_str_eq (mdg_inquiry_get_status (inquiry), "new");
  history = query_text ("SELECT COUNT(*) FROM status_history");
  cr_assert_str_eq (history, "0;");
}

Test (desk_store, shows_contact_only_where_consented_and_lists_flagged)
{
  g_autoptr (MdgStore) store = open_store ();
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgInquiry) first = record (store, flow, "start", "qr");
  g_autoptr (MdgInquiry) second = record (store, flow, "offer", "now");
  g_autoptr (GPtrArray) flagged = NULL;
  MdgContact contact = { 0 };

  cr_assert (mdg_desk_store_get_contact (store, first, &contact, NULL));
  cr_assert_not (contact.consent);
  cr_assert_null (contact.fields[MDG_CONTACT_PHONE]);

  cr_assert (mdg_desk_store_set_meeting (store, second, TRUE, NULL));
  flagged = mdg_desk_store_list_flagged (store, NULL);
  cr_assert_eq (flagged->len, 1);
  cr_assert_str_eq (mdg_inquiry_get_number (g_ptr_array_index (flagged, 0)),
                    mdg_inquiry_get_number (second));
  cr_assert (mdg_desk_store_set_status (store, second, "closed", NULL));
  g_clear_pointer (&flagged, g_ptr_array_unref);
  flagged = mdg_desk_store_list_flagged (store, NULL);
  cr_assert_eq (flagged->len, 0, "a closed case leaves the agenda");
  mdg_contact_clear (&contact);
}

TestSuite (inquiry_list, .init = setup, .fini = teardown);

static guint changes;

static void
items_changed_cb (GListModel *model, guint position, guint removed, guint added, gpointer data)
{
  changes++;
}

Test (inquiry_list, shows_an_inquiry_committed_while_open)
{
  g_autoptr (MdgStore) store = open_store ();
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autofree char *day = today ();
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgInquiryList) list = mdg_inquiry_list_new (store, day, &error);
  g_autoptr (MdgInquiry) first = NULL, second = NULL;
  g_autoptr (MdgInquiry) item = NULL;

  cr_assert_not_null (list, "%s", error ? error->message : "");
  cr_assert_eq (g_list_model_get_n_items (G_LIST_MODEL (list)), 0);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), NULL);
  changes = 0;

  first = record (store, flow, "start", "now");
  cr_assert_eq (g_list_model_get_n_items (G_LIST_MODEL (list)), 1, "no manual refresh needed");
  cr_assert_eq (changes, 1);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  cr_assert_str_eq (mdg_inquiry_get_number (item), mdg_inquiry_get_number (first));
  cr_assert (mdg_inquiry_needs_attention (item, flow));
  g_clear_object (&item);

  /* Another process writes to the file: the poll sees it through PRAGMA data_version. */
  {
    g_autoptr (MdgStore) other = open_store ();

    second = record (other, flow, "join", "qr");
    cr_assert (mdg_desk_store_set_status (other, first, "in-progress", NULL));
  }
  cr_assert_eq (g_list_model_get_n_items (G_LIST_MODEL (list)), 1);
  cr_assert (mdg_inquiry_list_poll (list, &error), "%s", error ? error->message : "");
  cr_assert_eq (g_list_model_get_n_items (G_LIST_MODEL (list)), 2);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  cr_assert_str_eq (mdg_inquiry_get_status (item), "in-progress", "kept rows follow the file");
  cr_assert_not (mdg_inquiry_needs_attention (item, flow));
  changes = 0;
  cr_assert (mdg_inquiry_list_poll (list, NULL));
  cr_assert_eq (changes, 0, "an unchanged file is not read again");
}

Test (inquiry_list, other_days_and_bad_dates)
{
  g_autoptr (MdgStore) store = open_store ();
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autofree char *day = today ();
  g_autoptr (MdgInquiryList) list = mdg_inquiry_list_new (store, day, NULL);
  g_autoptr (MdgInquiry) first = record (store, flow, "start", "qr");
  g_autoptr (GError) error = NULL;

  cr_assert_eq (g_list_model_get_n_items (G_LIST_MODEL (list)), 1);
  cr_assert (mdg_inquiry_list_set_day (list, "2001-01-01", NULL));
  cr_assert_eq (g_list_model_get_n_items (G_LIST_MODEL (list)), 0);
  cr_assert_not (mdg_inquiry_list_set_day (list, "2001-02-30", &error));
  cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT));
  cr_assert_str_eq (mdg_inquiry_list_get_day (list), "2001-01-01");
}

Test (inquiry_list, filters_and_sorting_pick_the_right_rows)
{
  g_autoptr (MdgStore) store = open_store ();
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgInquiry) a = record (store, flow, "start", "qr");
  g_autoptr (MdgInquiry) b = record (store, flow, "offer", "now");
  g_autoptr (MdgInquiry) c = record (store, flow, "start", "contact");

  cr_assert (mdg_desk_store_set_status (store, a, "closed", NULL));
  cr_assert (mdg_desk_store_set_coordinator (store, c, "佐藤", NULL));

  cr_assert (mdg_inquiry_matches (a, NULL, NULL, NULL, flow));
  cr_assert (mdg_inquiry_matches (a, "closed", "start", "", flow));
  cr_assert_not (mdg_inquiry_matches (b, "closed", NULL, NULL, flow));
  cr_assert_not (mdg_inquiry_matches (b, NULL, "start", NULL, flow));
  cr_assert (mdg_inquiry_matches (c, "new", "start", "佐藤", flow));
  cr_assert (mdg_inquiry_matches (b, NULL, NULL, "場所", flow), "Japanese label of offer");
  cr_assert (mdg_inquiry_matches (b, NULL, NULL, "OFFER SPACE", flow), "English label, any case");
  cr_assert_not (mdg_inquiry_matches (b, NULL, NULL, "space offer", flow));
  cr_assert (mdg_inquiry_matches (b, NULL, NULL, "ＯＦＦＥＲ", flow), "full-width, case-folded");
  cr_assert (mdg_inquiry_matches (a, NULL, NULL, "子ども食堂", flow), "details");
  cr_assert (mdg_inquiry_matches (a, NULL, NULL, mdg_inquiry_get_number (a) + 7, flow), "number");
  cr_assert_not (mdg_inquiry_matches (a, NULL, NULL, "佐藤", flow));

  cr_assert_lt (mdg_inquiry_compare (b, a, MDG_INQUIRY_KEY_STATUS, flow), 0, "new before closed");
  cr_assert_lt (mdg_inquiry_compare (c, a, MDG_INQUIRY_KEY_STATUS, flow), 0);
  cr_assert_lt (mdg_inquiry_compare (b, c, MDG_INQUIRY_KEY_STATUS, flow), 0, "ties by number");
  cr_assert_lt (mdg_inquiry_compare (b, a, MDG_INQUIRY_KEY_PURPOSE, flow), 0, "by choice id: offer, start");
  cr_assert_lt (mdg_inquiry_compare (a, c, MDG_INQUIRY_KEY_PURPOSE, flow), 0, "same purpose: by number");
  cr_assert_lt (mdg_inquiry_compare (a, b, MDG_INQUIRY_KEY_NUMBER, flow), 0);
  cr_assert_lt (mdg_inquiry_compare (a, c, MDG_INQUIRY_KEY_COORDINATOR, flow), 0, "unassigned first");
}

Test (inquiry_list, counts_for_the_summary)
{
  g_autoptr (MdgStore) store = open_store ();
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autofree char *day = today ();
  g_autoptr (MdgInquiryList) list = mdg_inquiry_list_new (store, day, NULL);
  g_autoptr (MdgInquiry) a = record (store, flow, "start", "qr");
  g_autoptr (MdgInquiry) b = record (store, flow, "offer", "qr");
  g_autoptr (MdgInquiry) c = record (store, flow, "start", "qr");
  g_autoptr (GHashTable) purposes = mdg_inquiry_list_count_answers (G_LIST_MODEL (list), "purpose");
  g_autoptr (GHashTable) areas = mdg_inquiry_list_count_answers (G_LIST_MODEL (list), "themes");
  guint hours[24], total = 0;

  cr_assert_eq (GPOINTER_TO_UINT (g_hash_table_lookup (purposes, "start")), 2);
  cr_assert_eq (GPOINTER_TO_UINT (g_hash_table_lookup (purposes, "offer")), 1);
  cr_assert_eq (GPOINTER_TO_UINT (g_hash_table_lookup (areas, "children")), 3);
  mdg_inquiry_list_count_hours (G_LIST_MODEL (list), hours);
  for (int h = 0; h < 24; h++)
    total += hours[h];
  cr_assert_eq (total, 3);
  cr_assert_eq (hours[g_date_time_get_hour (mdg_inquiry_get_created (a))] >= 1, TRUE);
}

TestSuite (agenda, .init = setup, .fini = teardown);

Test (agenda, csv_is_bom_crlf_quoted_and_defused)
{
  g_autoptr (MdgStore) store = open_store ();
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autofree char *day = today ();
  g_autoptr (MdgInquiryList) list = mdg_inquiry_list_new (store, day, NULL);
  g_autoptr (MdgInquiry) a = record (store, flow, "start", "qr");
  g_autofree char *path = g_build_filename (dir, "day.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;

  cr_assert (mdg_desk_store_set_coordinator (store, a, "=HYPERLINK(\"x\")", NULL));
  cr_assert (mdg_agenda_write_csv (store, G_LIST_MODEL (list), flow, "ja", path, &error), "%s",
             error ? error->message : "");
  cr_assert (g_file_get_contents (path, &contents, NULL, NULL));
  cr_assert (g_str_has_prefix (contents, "\xEF\xBB\xBF\"番号\","), "%s", contents);
  cr_assert_not_null (strstr (contents, "\r\n\""));
  cr_assert_not_null (strstr (contents, "\"新しく活動を始めたい\""));
  cr_assert_not_null (strstr (contents, "\"'=HYPERLINK(\"\"x\"\")\""), "%s", contents);
  cr_assert (g_str_has_suffix (contents, "\"子ども食堂を始めたい\"\r\n"));
}

Test (agenda, unwritable_target_is_reported_and_nothing_half_written)
{
  g_autoptr (MdgStore) store = open_store ();
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autofree char *locked = g_build_filename (dir, "no-such-folder", NULL);
  g_autofree char *path = g_build_filename (locked, "agenda.pdf", NULL);
  g_autofree char *csv = g_build_filename (locked, "agenda.csv", NULL);
  g_autofree char *good = g_build_filename (dir, "agenda.pdf", NULL);
  g_autoptr (MdgInquiry) a = record (store, flow, "propose", "qr");
  g_autoptr (GListStore) flagged = g_list_store_new (MDG_TYPE_INQUIRY);
  g_autoptr (GError) error = NULL, csv_error = NULL;
  g_autofree char *pdf = NULL;
  gsize length = 0;

  g_list_store_append (flagged, a);
  cr_assert_not (mdg_agenda_write_pdf (store, G_LIST_MODEL (flagged), flow, "en", path, &error));
  cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_IO));
  cr_assert_not_null (strstr (error->message, path));
  cr_assert_not (mdg_agenda_write_csv (store, G_LIST_MODEL (flagged), flow, "en", csv, &csv_error));
  cr_assert (g_error_matches (csv_error, MDG_ERROR, MDG_ERROR_IO));
  cr_assert_not (g_file_test (path, G_FILE_TEST_EXISTS));

  cr_assert (mdg_agenda_write_pdf (store, G_LIST_MODEL (flagged), flow, "ja", good, NULL));
  cr_assert (g_file_get_contents (good, &pdf, &length, NULL));
  cr_assert (g_str_has_prefix (pdf, "%PDF-"));
  cr_assert_gt (length, 1000);
}
