/* test-csv.c: the CSV export reads back exactly in a real CSV reader and defuses formulas. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "fixtures.h"
#include "mdg-csv.h"
#include "mdg-desk-store.h"
#include "mdg-error.h"
#include "mdg-i18n.h"
#include "mdg-store-maintenance.h"
#include "mdg-store-private.h"

static char *dir;
static char *db;
static char *today;
static MdgStore *store;
static MdgFlow *flow;

static void
setup (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  mdg_i18n_init ();
  mdg_i18n_set_language ("ja");
  dir = fixture_tmpdir ();
  db = g_build_filename (dir, "inquiries.db", NULL);
  today = g_date_time_format (now, "%Y-%m-%d");
  store = mdg_store_open (db, &error);
  cr_assert_not_null (store, "%s", error != NULL ? error->message : "");
  flow = fixture_default_flow ();
}

static void
teardown (void)
{
  g_clear_object (&store);
  g_clear_object (&flow);
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&db, g_free);
  g_clear_pointer (&today, g_free);
}

TestSuite (csv, .init = setup, .fini = teardown);

static char *
row_of (const char * const *fields)
{
  GString *row = g_string_new (NULL);

  for (guint i = 0; fields[i] != NULL; i++)
    mdg_csv_append_field (row, fields[i]);
  mdg_csv_end_row (row);
  return g_string_free (row, FALSE);
}

Test (csv, quotes_every_field_and_defuses_formulas)
{
  const char *plain[] = { "a", "", "say \"hi\"", "1,2", NULL };
  const char *formulas[] = { "=1+1", "+81", "-3", "@SUM(A1)", "\tx", "\rx", "a=b", NULL };
  g_autofree char *first = row_of (plain);
  g_autofree char *second = row_of (formulas);

  cr_assert_str_eq (first, "\"a\",\"\",\"say \"\"hi\"\"\",\"1,2\"\r\n");
  cr_assert_str_eq (second, "\"'=1+1\",\"'+81\",\"'-3\",\"'@SUM(A1)\",\"'\tx\",\"'\rx\",\"a=b\"\r\n");
}

static const char *hostile[] = {
  "=HYPERLINK(\"http://evil.example/\",\"click\")",
  "+81-45-671-2085",
  "-1+1",
  "@SUM(A1:A9)",
  "\tstarts with a tab",
  "\rstarts with a carriage return",
  "quotes \" inside \"\" and at the end\"",
  "commas, inside, here",
  "line one\r\nline two\nline three\rend",
  "子ども食堂を、地域の集会所で始めたい。「毎週土曜」に",
  "emoji 🎉👨‍👩‍👧 and ✨ sparkles",
  NULL, /* 400 characters, filled in below */
};

static MdgInquiry *
record_plain (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  MdgInquiry *inquiry;

  fixture_answer_default (visit, "offer");
  inquiry = mdg_store_record (store, visit, &error);
  cr_assert_not_null (inquiry, "%s", error != NULL ? error->message : "");
  return inquiry;
}

/* Puts a hostile string in the free text and every contact field, past the kiosk's own checks,
 * to test the CSV alone. */
static void
store_hostile (gint64      id,
               const char *value)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (sqlite3_stmt) details = NULL;
  g_autoptr (sqlite3_stmt) contact = NULL;

  details = mdg_store_prepare (store, "UPDATE inquiry SET details = ?1 WHERE id = ?2", &error);
  cr_assert_not_null (details);
  sqlite3_bind_text (details, 1, value, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (details, 2, id);
  cr_assert_eq (sqlite3_step (details), SQLITE_DONE);
  contact = mdg_store_prepare (store,
                               "INSERT INTO contact (inquiry_id, consent_at, name, phone, email,"
                               " preferred_time) VALUES (?2, 0, ?1, ?1, ?1, ?1)",
                               &error);
  cr_assert_not_null (contact);
  sqlite3_bind_text (contact, 1, value, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (contact, 2, id);
  cr_assert_eq (sqlite3_step (contact), SQLITE_DONE);
}

static char *
export_file (const char *language)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, "export.csv", NULL);

  cr_assert (mdg_csv_export_days_to_file (store, flow, today, today, language, path, &error), "%s",
             error != NULL ? error->message : "");
  return path;
}

/* The records as Python's csv module reads them: an array of GStrv. */
static GPtrArray *
read_back (const char *path)
{
  g_autofree char *script = fixture_source_path ("tests/read-csv.py");
  const char *argv[] = { "/usr/bin/python3", script, path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  int status = 0;

  cr_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                           &status, &error),
             "%s", error != NULL ? error->message : "");
  cr_assert (g_spawn_check_wait_status (status, NULL), "python3 csv: %s", err);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto (GStrv) hex = g_strsplit (lines[i], " ", -1);
      char **cells = g_new0 (char *, g_strv_length (hex) + 1);

      for (guint c = 0; hex[c] != NULL; c++)
        {
          gsize n = g_str_equal (hex[c], "-") ? 0 : strlen (hex[c]) / 2;

          cells[c] = g_malloc0 (n + 1);
          for (gsize b = 0; b < n; b++)
            cells[c][b] = (char) g_ascii_xdigit_value (hex[c][2 * b]) * 16
                          + g_ascii_xdigit_value (hex[c][2 * b + 1]);
        }
      g_ptr_array_add (records, cells);
    }
  return records;
}

static int
column (GPtrArray  *records,
        const char *header)
{
  char **names = g_ptr_array_index (records, 0);

  for (int i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], header))
      return i;
  cr_assert_fail ("no column “%s”", header);
  return -1;
}

Test (csv, hostile_strings_round_trip_through_a_real_reader)
{
  g_autoptr (GString) long_text = g_string_new (NULL);
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  g_autofree char *bytes = NULL;
  const char *fields[] = { "詳細（自由記述）", "お名前", "電話番号", "メールアドレス",
                           "ご連絡の希望時間帯" };
  guint n_hostile = G_N_ELEMENTS (hostile);
  gsize length;

  for (int i = 0; i < 100; i++)
    g_string_append (long_text, i % 2 ? "a\"b," : "漢字😀\n");
  cr_assert_eq (g_utf8_strlen (long_text->str, -1), 400);
  hostile[n_hostile - 1] = long_text->str;
  for (guint i = 0; i < n_hostile; i++)
    {
      g_autoptr (MdgInquiry) inquiry = record_plain ();

      store_hostile (mdg_inquiry_get_id (inquiry), hostile[i]);
    }

  path = export_file ("ja");
  cr_assert (g_file_get_contents (path, &bytes, &length, NULL));
  cr_assert (g_str_has_prefix (bytes, MDG_CSV_BOM), "the file starts with the UTF-8 BOM");
  cr_assert (g_str_has_suffix (bytes, "\r\n"), "records end with CRLF");
  cr_assert_eq (strchr (bytes, '\n')[-1], '\r', "the header ends with CRLF");

  records = read_back (path);
  cr_assert_eq (records->len, n_hostile + 1, "a header and one record per inquiry");
  for (guint r = 0; r < records->len; r++)
    {
      char **cells = g_ptr_array_index (records, r);

      cr_assert_eq (g_strv_length (cells), g_strv_length (g_ptr_array_index (records, 0)));
      for (guint c = 0; cells[c] != NULL; c++)
        cr_assert (cells[c][0] == '\0' || strchr ("=+-@\t\r", cells[c][0]) == NULL,
                   "record %u cell %u starts with a formula character: %s", r, c, cells[c]);
    }
  for (guint i = 0; i < n_hostile; i++)
    {
      char **cells = g_ptr_array_index (records, i + 1);
      gboolean defused = strchr ("=+-@\t\r", hostile[i][0]) != NULL;
      g_autofree char *expected = g_strconcat (defused ? "'" : "", hostile[i], NULL);

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        cr_assert_str_eq (cells[column (records, fields[f])], expected, "%s of inquiry %u", fields[f], i);
    }
  hostile[n_hostile - 1] = NULL;
}

Test (csv, shows_readable_labels_beside_ids_in_either_language)
{
  g_autoptr (MdgInquiry) inquiry = record_plain ();
  g_autoptr (GPtrArray) ja = NULL;
  g_autoptr (GPtrArray) en = NULL;
  g_autofree char *path = NULL;
  char **row;

  path = export_file ("ja");
  ja = read_back (path);
  g_clear_pointer (&path, g_free);
  path = export_file ("en");
  en = read_back (path);

  row = g_ptr_array_index (ja, 1);
  cr_assert_str_eq (row[column (ja, "受付番号")], mdg_inquiry_get_number (inquiry));
  cr_assert_str_eq (row[column (ja, "purpose")], "offer");
  cr_assert_str_eq (row[column (ja, "まちのために、何をしたいですか？")], "場所・技術・資金を提供したい");
  cr_assert_str_eq (row[column (ja, "themes")], "children; town");
  cr_assert_str_eq (row[column (ja, "どの分野に関心がありますか？（3つまで）")],
                    "子育て・子ども; まちづくり・住まい");
  cr_assert_str_eq (row[column (ja, "詳細（自由記述）")], "子ども食堂を始めたい");
  cr_assert (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d$",
                                   row[column (ja, "受付日時")], 0, 0),
             "local ISO 8601 time: %s", row[column (ja, "受付日時")]);

  row = g_ptr_array_index (en, 1);
  cr_assert_str_eq (row[column (en, "Inquiry number")], mdg_inquiry_get_number (inquiry));
  cr_assert_str_eq (row[column (en, "What would you like to do for your town?")],
                    "Offer space, skills or funds");
  cr_assert_str_eq (row[column (en, "Which areas interest you? (up to 3)")],
                    "Children & parenting; Town planning & housing");
  cr_assert_str_eq (mdg_i18n_get_language (), "ja", "the export leaves the current language alone");
}

Test (csv, contact_columns_only_with_consent_and_until_erased)
{
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (MdgInquiry) without = record_plain ();
  g_autoptr (MdgInquiry) with = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GDateTime) later = g_date_time_new_now_local ();
  g_autoptr (GDateTime) much_later = g_date_time_add_days (later, 400);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  char **row;

  MdgContact kept = { 0 };

  fixture_answer_with_contact (visit, "045-671-2085", "hanako@example.jp");
  /* Typed in hiragana, kept in katakana as the staff read it. */
  mdg_visit_set_contact_field (visit, MDG_CONTACT_READING, "よこはま はなこ");
  with = mdg_store_record (store, visit, &error);
  cr_assert_not_null (with, "%s", error != NULL ? error->message : "");
  cr_assert (mdg_desk_store_get_contact (store, with, &kept, &error));
  cr_assert_str_eq (kept.fields[MDG_CONTACT_READING], "ヨコハマ ハナコ");
  mdg_contact_clear (&kept);

  path = export_file ("ja");
  records = read_back (path);
  row = g_ptr_array_index (records, 1);
  cr_assert_str_eq (row[column (records, "電話番号")], "");
  cr_assert_str_eq (row[column (records, "連絡先の利用に同意した日時")], "");
  row = g_ptr_array_index (records, 2);
  cr_assert_str_eq (row[column (records, "電話番号")], "045-671-2085");
  cr_assert_str_eq (row[column (records, "メールアドレス")], "hanako@example.jp");
  cr_assert_str_eq (row[column (records, "お名前")], "横浜 花子");
  cr_assert_str_eq (row[column (records, "フリガナ")], "ヨコハマ ハナコ");
  cr_assert_str_neq (row[column (records, "連絡先の利用に同意した日時")], "");
  cr_assert_str_eq (row[column (records, "連絡先を削除した日時")], "");
  g_clear_pointer (&records, g_ptr_array_unref);

  cr_assert (mdg_store_purge (store, 365, much_later, NULL, &error));
  g_clear_pointer (&path, g_free);
  path = export_file ("ja");
  records = read_back (path);
  row = g_ptr_array_index (records, 2);
  cr_assert_str_eq (row[column (records, "電話番号")], "");
  cr_assert_str_eq (row[column (records, "メールアドレス")], "");
  cr_assert_str_eq (row[column (records, "お名前")], "");
  cr_assert_str_eq (row[column (records, "フリガナ")], "");
  cr_assert_str_neq (row[column (records, "連絡先を削除した日時")], "");
  cr_assert_str_eq (row[column (records, "followup")], "contact", "the inquiry itself stays");
}

static guint
count_entries (const char *folder)
{
  g_autoptr (GDir) listing = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (listing != NULL && g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

Test (csv, a_failed_export_leaves_no_file)
{
  g_autoptr (MdgInquiry) inquiry = record_plain ();
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = g_build_filename (dir, "missing", "out.csv", NULL);
  g_autofree char *locked = g_build_filename (dir, "locked", NULL);
  g_autofree char *in_locked = g_build_filename (locked, "out.csv", NULL);
  g_autofree char *db_before = NULL;
  g_autofree char *db_after = NULL;
  gsize before_length, after_length;

  cr_assert_not (mdg_csv_export_days_to_file (store, flow, today, today, "ja", missing, &error));
  cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_IO), "%s", error->message);
  g_clear_error (&error);
  cr_assert_not (g_file_test (missing, G_FILE_TEST_EXISTS));

  cr_assert_eq (g_mkdir (locked, 0500), 0);
  cr_assert_not (mdg_csv_export_days_to_file (store, flow, today, today, "ja", in_locked, &error));
  g_clear_error (&error);
  cr_assert_eq (count_entries (locked), 0, "nothing, not even a temporary file");
  g_chmod (locked, 0700);

  cr_assert (g_file_get_contents (db, &db_before, &before_length, NULL));
  cr_assert_not (mdg_csv_export_days_to_file (store, flow, today, today, "ja", db, &error));
  cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT));
  g_clear_error (&error);
  cr_assert (g_file_get_contents (db, &db_after, &after_length, NULL));
  cr_assert_eq (before_length, after_length);
  cr_assert_eq (memcmp (db_before, db_after, before_length), 0, "the database is never replaced");

  cr_assert_not (mdg_csv_export_days_to_file (store, flow, "2026-12-31", "2026-01-01", "ja",
                                              missing, &error));
  cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT));
}

Test (csv, a_stream_gets_the_same_bytes_as_the_file)
{
  g_autoptr (MdgInquiry) inquiry = record_plain ();
  g_autoptr (GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = export_file ("en");
  g_autofree char *contents = NULL;
  gsize length;

  cr_assert (mdg_csv_export_days (store, flow, today, today, "en", memory, &error), "%s",
             error != NULL ? error->message : "");
  cr_assert (g_output_stream_close (memory, NULL, NULL));
  cr_assert (g_file_get_contents (path, &contents, &length, NULL));
  cr_assert_eq (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)), length);
  cr_assert_eq (memcmp (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)), contents,
                        length),
                0);
}

Test (csv, a_range_takes_every_day_from_first_to_last)
{
  g_autoptr (MdgInquiry) inquiry = record_plain ();
  g_autoptr (GOutputStream) one_day = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) range = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;
  g_autofree char *one_text = NULL;
  g_autofree char *range_text = NULL;

  cr_assert (mdg_store_exec (store,
                             "INSERT INTO inquiry (number, day, seq, token, created_at, language,"
                             " flow_version) VALUES ('200101-001', '2020-01-01', 1, 'old-token',"
                             " 1577836800, 'en', '1')",
                             NULL));
  cr_assert (mdg_csv_export_days (store, flow, today, today, "ja", one_day, &error));
  cr_assert (mdg_csv_export_days (store, flow, "2020-01-01", today, "ja", range, &error), "%s",
             error != NULL ? error->message : "");
  /* NUL-terminated, closed, then taken as strings. */
  g_output_stream_write_all (one_day, "", 1, NULL, NULL, NULL);
  g_output_stream_write_all (range, "", 1, NULL, NULL, NULL);
  g_output_stream_close (one_day, NULL, NULL);
  g_output_stream_close (range, NULL, NULL);
  one_text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (one_day));
  range_text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (range));

  cr_assert_null (strstr (one_text, "200101-001"));
  cr_assert_not_null (strstr (one_text, mdg_inquiry_get_number (inquiry)));
  cr_assert_not_null (strstr (range_text, "200101-001"));
  cr_assert_not_null (strstr (range_text, mdg_inquiry_get_number (inquiry)));
  cr_assert_lt (strstr (range_text, "200101-001"), strstr (range_text, mdg_inquiry_get_number (inquiry)),
                "in order of arrival");
}

/* An easy-Japanese visit exports its language id, and an export in ja-easy gives the easy
 * labels, whatever language the process itself is in. */
Test (csv, exports_the_visitors_language_and_speaks_easy_japanese)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_autoptr (GPtrArray) easy = NULL;
  g_autofree char *path = NULL;
  char **row;

  mdg_visit_set_language (visit, "ja-easy");
  fixture_answer_default (visit, "offer");
  inquiry = mdg_store_record (store, visit, &error);
  cr_assert_not_null (inquiry, "%s", error != NULL ? error->message : "");
  mdg_i18n_set_language ("en");
  path = export_file ("ja-easy");
  mdg_i18n_set_language ("ja");
  easy = read_back (path);
  row = g_ptr_array_index (easy, 1);
  cr_assert_str_eq (row[column (easy, "来訪者の言語")], "ja-easy",
                    "the staff's header falls back to Japanese; the value is the id");
  cr_assert_str_eq (row[column (easy, "まちの ために なにを したいですか？")],
                    "ばしょ・わざ・お金を 出したい");
}

/* An inquiry staff typed for a caller says so in its own columns; the kiosk's say "kiosk" with no
 * one named. Who typed it is free text, so a formula there is defused too. */
Test (csv, names_the_channel_and_who_entered_it)
{
  g_autoptr (MdgInquiry) kiosk = record_plain ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (MdgAnswers) answers = NULL;
  g_autoptr (MdgInquiry) called = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  char **first, **second;

  fixture_answer_default (visit, "partners");
  answers = mdg_visit_snapshot (visit);
  answers->channel = g_strdup (MDG_CHANNEL_PHONE);
  answers->entered_by = g_strdup ("=佐藤");
  called = mdg_store_record_answers (store, answers, &error);
  cr_assert_not_null (called, "%s", error != NULL ? error->message : "");
  cr_assert_str_eq (mdg_inquiry_get_channel (called), "phone");

  path = export_file ("en");
  records = read_back (path);
  cr_assert_eq (records->len, 3);
  first = g_ptr_array_index (records, 1);
  second = g_ptr_array_index (records, 2);
  cr_assert_str_eq (first[column (records, "Channel")], "kiosk");
  cr_assert_str_eq (first[column (records, "Entered by")], "");
  cr_assert_str_eq (second[column (records, "Channel")], "phone");
  cr_assert_str_eq (second[column (records, "Entered by")], "'=佐藤");

  g_clear_pointer (&records, g_ptr_array_unref);
  g_free (path);
  path = export_file ("ja");
  records = read_back (path);
  cr_assert_str_eq (((char **) g_ptr_array_index (records, 2))[column (records, "受付経路")], "phone");
  cr_assert_str_eq (((char **) g_ptr_array_index (records, 2))[column (records, "入力者")], "'=佐藤");
}

/* A channel the store does not know is refused before anything is numbered or written. */
Test (csv, an_unknown_channel_is_refused_and_nothing_is_written)
{
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (MdgAnswers) answers = NULL;
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_autoptr (GError) error = NULL;

  fixture_answer_default (visit, "partners");
  answers = mdg_visit_snapshot (visit);
  answers->channel = g_strdup ("fax");
  inquiry = mdg_store_record_answers (store, answers, &error);
  cr_assert_null (inquiry);
  cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT));
  cr_assert_str_eq (fixture_query_text (db, "SELECT count (*) FROM inquiry"), "0;");
}
