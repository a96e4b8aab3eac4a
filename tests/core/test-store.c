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

static void
keep_cb (MdgInquiry *inquiry,
         gpointer    kept)
{
  g_ptr_array_add (kept, g_object_ref (inquiry));
}

/* A day is read back with each inquiry's own answers, in the order they were given (not the
 * order of the answer index), however many inquiries share the day. */
Test (store, reads_each_inquiry_back_with_its_own_answers_in_order)
{
  static const char *purposes[] = { "start", "join", "partners", "advice" };
  static const char *whos[] = { "individual", "npo", "company", "school" };
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = mdg_store_open (db, &error);
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr (GPtrArray) listed = NULL;

  cr_assert_not_null (store, "%s", error ? error->message : "");
  for (guint i = 0; i < G_N_ELEMENTS (purposes); i++)
    {
      g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
      g_autoptr (MdgInquiry) inquiry = NULL;

      cr_assert (mdg_visit_advance (visit));
      cr_assert (mdg_visit_choose (visit, purposes[i]));
      cr_assert (mdg_visit_toggle (visit, "town")); /* after "children" in the index */
      cr_assert (mdg_visit_toggle (visit, i % 2 == 0 ? "children" : "culture"));
      cr_assert (mdg_visit_advance (visit));
      cr_assert (mdg_visit_choose (visit, whos[i]));
      inquiry = mdg_store_record (store, visit, &error);
      cr_assert_not_null (inquiry, "%s", error ? error->message : "");
    }
  g_clear_object (&store);

  store = mdg_store_open_read_only (db, &error);
  cr_assert_not_null (store, "%s", error ? error->message : "");
  listed = mdg_store_list_day (store, today, &error);
  cr_assert_not_null (listed, "%s", error ? error->message : "");
  cr_assert_eq (listed->len, G_N_ELEMENTS (purposes));
  for (guint i = 0; i < listed->len; i++)
    {
      MdgInquiry *inquiry = g_ptr_array_index (listed, i);
      const GPtrArray *themes = mdg_inquiry_get_answer (inquiry, "themes");
      g_auto (GStrv) steps = mdg_inquiry_dup_answered_steps (inquiry);

      cr_assert_str_eq (g_ptr_array_index (mdg_inquiry_get_answer (inquiry, "purpose"), 0), purposes[i]);
      cr_assert_str_eq (g_ptr_array_index (mdg_inquiry_get_answer (inquiry, "who"), 0), whos[i]);
      cr_assert_eq (themes->len, 2);
      cr_assert_str_eq (g_ptr_array_index (themes, 0), "town");
      cr_assert_str_eq (g_ptr_array_index (themes, 1), i % 2 == 0 ? "children" : "culture");
      cr_assert_eq (g_strv_length (steps), 3, "purpose, themes and who, nothing of the others");
      cr_assert_str_eq (steps[0], "purpose");
    }

  /* A table that shows some answers reads those alone, for the same inquiries, one by one. */
  for (guint n_steps = 0; n_steps <= 2; n_steps++)
    {
      const char *wanted[] = { "who", "themes", NULL };
      const char *none[] = { NULL };
      g_autoptr (GPtrArray) some = g_ptr_array_new_with_free_func (g_object_unref);

      wanted[n_steps] = NULL;
      cr_assert (mdg_store_foreach_in_day (store, today, n_steps > 0 ? wanted : none, keep_cb, some,
                                           &error),
                 "%s", error ? error->message : "");
      cr_assert_eq (some->len, listed->len);
      for (guint i = 0; i < some->len; i++)
        {
          MdgInquiry *inquiry = g_ptr_array_index (some, i);
          g_auto (GStrv) steps = mdg_inquiry_dup_answered_steps (inquiry);
          const GPtrArray *themes = mdg_inquiry_get_answer (inquiry, "themes");

          cr_assert_str_eq (mdg_inquiry_get_number (inquiry),
                            mdg_inquiry_get_number (g_ptr_array_index (listed, i)));
          cr_assert_eq (g_strv_length (steps), n_steps);
          cr_assert_null (mdg_inquiry_get_answer (inquiry, "purpose"));
          if (n_steps > 0)
            cr_assert_str_eq (g_ptr_array_index (mdg_inquiry_get_answer (inquiry, "who"), 0), whos[i]);
          if (n_steps > 1)
            cr_assert_str_eq (g_ptr_array_index (themes, 0), "town", "still in the order given");
        }
    }
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
