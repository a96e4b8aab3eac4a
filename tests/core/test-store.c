/* test-store.c: inquiries are numbered and kept in one committed transaction. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "fixtures.h"
#include "mdg-error.h"
#include "mdg-store.h"

static char *dir;
static char *db;

static void
setup (void)
{
  dir = fixture_tmpdir ();
  db = g_build_filename (dir, "sub", "inquiries.db", NULL);
}

static void
teardown (void)
{
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&db, g_free);
}

TestSuite (store, .init = setup, .fini = teardown);

Test (store, creates_private_file_in_private_folder)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = mdg_store_open (db, &error);
  g_autofree char *folder = g_path_get_dirname (db);
  struct stat st;

  cr_assert_not_null (store, "%s", error ? error->message : "");
  cr_assert_eq (g_stat (db, &st), 0);
  cr_assert_eq (st.st_mode & 0777, 0600);
  cr_assert_eq (g_stat (folder, &st), 0);
  cr_assert_eq (st.st_mode & 0777, 0700);
}

Test (store, records_numbers_in_sequence_with_every_answer)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = mdg_store_open (db, &error);
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (MdgInquiry) first = NULL, second = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *prefix = g_date_time_format (now, "%y%m%d-");

  cr_assert_not_null (store);
  fixture_answer_default (visit, "offer");
  first = mdg_store_record (store, visit, &error);
  cr_assert_not_null (first, "%s", error ? error->message : "");
  second = mdg_store_record (store, visit, &error);
  cr_assert_not_null (second);

  cr_assert (g_str_has_prefix (mdg_inquiry_get_number (first), prefix));
  cr_assert_str_eq (mdg_inquiry_get_number (first) + 7, "001");
  cr_assert_str_eq (mdg_inquiry_get_number (second) + 7, "002");
  cr_assert_str_neq (mdg_inquiry_get_token (first), mdg_inquiry_get_token (second));
  cr_assert_str_eq (mdg_inquiry_get_followup (first), "qr");
  cr_assert_str_eq (mdg_inquiry_get_details (first), "子ども食堂を始めたい");
  cr_assert_eq (mdg_inquiry_get_answer (first, "themes")->len, 2);
  cr_assert_str_eq (g_ptr_array_index (mdg_inquiry_get_answer (first, "offer"), 0), "space");
  cr_assert_str_eq (g_ptr_array_index (mdg_inquiry_get_answer (first, "who"), 0), "npo");
}

Test (store, refuses_a_file_that_is_not_a_database_untouched)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = NULL;
  g_autofree char *folder = g_path_get_dirname (db);
  g_autofree char *after = NULL;
  const char junk[] = "this is not an SQLite database, just some text that is long enough to matter";

  g_mkdir_with_parents (folder, 0700);
  cr_assert (g_file_set_contents (db, junk, -1, NULL));
  store = mdg_store_open (db, &error);
  cr_assert_null (store);
  cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_STORE_CORRUPT), "%s", error->message);
  cr_assert (g_file_get_contents (db, &after, NULL, NULL));
  cr_assert_str_eq (after, junk);
}

Test (store, keeps_a_phone_number_typed_with_japanese_dashes_in_ascii)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = mdg_store_open (db, &error);
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_autofree char *phone = NULL;

  fixture_answer_with_contact (visit, "０４５ー１２３−４５６７", NULL);
  inquiry = mdg_store_record (store, visit, &error);
  cr_assert_not_null (inquiry, "%s", error ? error->message : "");
  phone = fixture_query_text (db, "SELECT phone FROM contact");
  cr_assert_str_eq (phone, "045-123-4567;");
}
