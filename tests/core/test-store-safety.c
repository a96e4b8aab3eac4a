/* test-store-safety.c: nothing accepted is lost: kills mid-commit, a full disk, damaged,
 * read-only and newer files, retention and backups. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include "fixtures.h"
#include "mdg-error.h"
#include "mdg-file.h"
#include "mdg-store-maintenance.h"
#include "mdg-store-private.h"

static char *dir;
static char *db;

static void
setup (void)
{
  dir = fixture_tmpdir ();
  db = g_build_filename (dir, "data", "inquiries.db", NULL);
}

static void
teardown (void)
{
  g_autofree char *folder = g_path_get_dirname (db);

  g_chmod (folder, 0700);
  g_chmod (db, 0600);
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&db, g_free);
}

static MdgStore *
open_store (void)
{
  g_autoptr (GError) error = NULL;
  MdgStore *store = mdg_store_open (db, &error);

  cr_assert_not_null (store, "%s", error != NULL ? error->message : "");
  return store;
}

static MdgInquiry *
record (MdgStore   *store,
        const char *purpose)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  MdgInquiry *inquiry;

  fixture_answer_default (visit, purpose);
  inquiry = mdg_store_record (store, visit, &error);
  cr_assert_not_null (inquiry, "%s", error != NULL ? error->message : "");
  return inquiry;
}

static gint64
count (MdgStore   *store,
       const char *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (sqlite3_stmt) stmt = mdg_store_prepare (store, sql, &error);

  cr_assert_not_null (stmt, "%s", error != NULL ? error->message : "");
  cr_assert_eq (sqlite3_step (stmt), SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* A database with a few inquiries, closed, so its file alone holds them. */
static void
make_database (void)
{
  g_autoptr (MdgStore) store = open_store ();
  g_autoptr (MdgInquiry) a = record (store, "start");
  g_autoptr (MdgInquiry) b = record (store, "offer");
  g_autoptr (MdgInquiry) c = record (store, "propose");
}

static GBytes *
file_bytes (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  cr_assert (g_file_get_contents (path, &data, &length, NULL), "cannot read %s", path);
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

/* Opening must fail with `code` and leave the file byte for byte as it was. */
static void
assert_refused_untouched (MdgError    code,
                          const char *mentions)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (GBytes) before = file_bytes (db);
  g_autoptr (GBytes) after = NULL;
  struct stat st_before, st_after;

  cr_assert_eq (g_stat (db, &st_before), 0);
  store = mdg_store_open (db, &error);
  cr_assert_null (store);
  cr_assert (g_error_matches (error, MDG_ERROR, code), "expected code %d, got: %s", code,
             error != NULL ? error->message : "(no error)");
  cr_assert (strstr (error->message, mentions) != NULL, "“%s” should mention “%s”", error->message,
             mentions);
  g_clear_object (&store);

  cr_assert_eq (g_stat (db, &st_after), 0, "the file must not be moved or deleted");
  cr_assert_eq (st_before.st_ino, st_after.st_ino, "the file must not be recreated");
  cr_assert_eq (st_before.st_mode, st_after.st_mode);
  after = file_bytes (db);
  cr_assert (g_bytes_equal (before, after), "the file must not be modified");
}

TestSuite (store_crash, .init = setup, .fini = teardown, .timeout = 300);

Test (store_crash, survives_kill_during_commit)
{
  const char *build = g_getenv ("MDG_BUILD_DIR");
  g_autofree char *writer = NULL;
  g_autoptr (GPtrArray) printed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (GError) error = NULL;
  guint rounds = 40;

  cr_assert_not_null (build, "MDG_BUILD_DIR is not set; run the suites through meson test");
  writer = g_build_filename (build, "tests", "store-writer", NULL);
  cr_assert (g_file_test (writer, G_FILE_TEST_IS_EXECUTABLE), "%s is not built", writer);

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr (GSubprocess) process = NULL;
      g_autoptr (GBytes) out = NULL;
      g_autoptr (GBytes) err = NULL;
      g_auto (GStrv) lines = NULL;
      g_autofree char *text = NULL;
      gsize length;
      const char *data;

      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                  &error, writer, db, NULL);
      cr_assert_not_null (process, "%s", error != NULL ? error->message : "");
      /* Long enough to open the file and commit a few, short enough to land mid-commit. */
      g_usleep (1000 * g_random_int_range (15, 120));
      g_subprocess_send_signal (process, SIGKILL);
      cr_assert (g_subprocess_communicate (process, NULL, NULL, &out, &err, &error), "%s",
                 error != NULL ? error->message : "");
      data = g_bytes_get_data (err, &length);
      cr_assert (g_subprocess_get_if_signaled (process),
                 "the writer stopped by itself, not killed: %.*s", (int) length, data);
      cr_assert_eq (g_subprocess_get_term_sig (process), SIGKILL);

      data = g_bytes_get_data (out, &length);
      text = g_strndup (data != NULL ? data : "", length);
      lines = g_strsplit (text, "\n", -1);
      /* The last piece is what followed the last newline: empty, or a number cut short. */
      for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
        g_ptr_array_add (printed, g_strdup (lines[i]));
    }

  cr_assert_gt (printed->len, rounds, "the writer committed too little to prove anything");
  store = open_store ();
  for (guint i = 0; i < printed->len; i++)
    {
      g_autoptr (MdgInquiry) found = mdg_store_lookup (store, g_ptr_array_index (printed, i), &error);

      cr_assert_not_null (found, "printed %s is lost: %s", (char *) g_ptr_array_index (printed, i),
                          error != NULL ? error->message : "");
      cr_assert_eq (mdg_inquiry_get_answer (found, "themes")->len, 2, "its answers are all there");
    }
  cr_assert (mdg_store_check (store, &error), "%s", error != NULL ? error->message : "");
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM answer WHERE inquiry_id NOT IN (SELECT id FROM inquiry)"), 0);
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM inquiry i WHERE (SELECT COUNT (*) FROM answer a"
                              " WHERE a.inquiry_id = i.id) != 6"),
                0, "no inquiry is half-written");
}

TestSuite (store_failures, .init = setup, .fini = teardown);

Test (store_failures, full_disk_at_send_keeps_nothing_half_written_and_retry_succeeds)
{
  g_autoptr (MdgStore) store = open_store ();
  g_autoptr (MdgInquiry) first = record (store, "start");
  g_autoptr (MdgInquiry) retried = NULL;
  g_autoptr (MdgInquiry) failed = NULL;
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) long_text = g_string_new (NULL);
  gint64 inquiries, answers;

  /* Long details need new pages, which a full disk cannot give. */
  for (int i = 0; i < 2000; i++)
    g_string_append (long_text, "空き地を使った");
  fixture_answer_default (visit, "offer");
  mdg_visit_set_text (visit, "details", long_text->str);
  inquiries = count (store, "SELECT COUNT (*) FROM inquiry");
  answers = count (store, "SELECT COUNT (*) FROM answer");
  cr_assert_eq (sqlite3_exec (mdg_store_get_db (store), "PRAGMA max_page_count = 1", NULL, NULL, NULL),
                SQLITE_OK);

  failed = mdg_store_record (store, visit, &error);
  cr_assert_null (failed);
  cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_STORE_FULL), "%s",
             error != NULL ? error->message : "(no error)");
  g_clear_error (&error);
  cr_assert (sqlite3_get_autocommit (mdg_store_get_db (store)), "the transaction was rolled back");
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM inquiry"), inquiries);
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM answer"), answers);
  cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "review", "the answers stay");

  /* A second try while still full fails the same way, harmlessly. */
  failed = mdg_store_record (store, visit, &error);
  cr_assert_null (failed);
  cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_STORE_FULL));
  g_clear_error (&error);

  cr_assert_eq (sqlite3_exec (mdg_store_get_db (store), "PRAGMA max_page_count = 1073741823", NULL,
                              NULL, NULL),
                SQLITE_OK);
  retried = mdg_store_record (store, visit, &error);
  cr_assert_not_null (retried, "%s", error != NULL ? error->message : "");
  cr_assert_str_eq (mdg_inquiry_get_number (retried) + 7, "002", "the failed tries used no number");
  cr_assert_str_eq (mdg_inquiry_get_details (retried), long_text->str);
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM inquiry"), inquiries + 1);
  cr_assert (mdg_store_check (store, &error), "%s", error != NULL ? error->message : "");
}

Test (store_failures, refuses_a_damaged_page_untouched)
{
  make_database ();
  fixture_damage_file (db, 4096);

  assert_refused_untouched (MDG_ERROR_STORE_CORRUPT, "damaged");
}

Test (store_failures, refuses_a_read_only_folder_untouched)
{
  g_autofree char *folder = g_path_get_dirname (db);

  make_database ();
  cr_assert_eq (g_chmod (folder, 0500), 0);
  assert_refused_untouched (MDG_ERROR_STORE_READ_ONLY, "read-only");
}

Test (store_failures, refuses_an_unreadable_folder)
{
  g_autofree char *folder = g_path_get_dirname (db);
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = NULL;

  make_database ();
  cr_assert_eq (g_chmod (folder, 0000), 0);
  store = mdg_store_open (db, &error);
  cr_assert_null (store);
  cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_STORE_UNREADABLE), "%s", error->message);
  cr_assert_eq (g_chmod (folder, 0700), 0);
  g_clear_error (&error);
  g_clear_object (&store);
  store = open_store ();
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM inquiry"), 3, "nothing was lost meanwhile");
}

Test (store_failures, refuses_a_read_only_file_untouched)
{
  make_database ();
  cr_assert_eq (g_chmod (db, 0400), 0);
  assert_refused_untouched (MDG_ERROR_STORE_READ_ONLY, "read-only");
}

Test (store_failures, refuses_an_unreadable_file_untouched)
{
  make_database ();
  cr_assert_eq (g_chmod (db, 0000), 0);
  assert_refused_untouched (MDG_ERROR_STORE_UNREADABLE, "cannot be read");
}

Test (store_failures, refuses_a_file_from_a_newer_version_untouched)
{
  make_database ();
  fixture_sqlite_exec (db, "PRAGMA user_version = 99");
  assert_refused_untouched (MDG_ERROR_STORE_TOO_NEW, "newer Madoguchi");
}

Test (store_failures, refuses_another_programs_database_untouched)
{
  g_autofree char *folder = g_path_get_dirname (db);

  cr_assert_eq (g_mkdir_with_parents (folder, 0700), 0);
  fixture_sqlite_exec (db, "CREATE TABLE people (name)");
  assert_refused_untouched (MDG_ERROR_STORE_UNREADABLE, "not a Madoguchi database");
}

Test (store_failures, the_kiosk_initialises_an_empty_file)
{
  g_autofree char *folder = g_path_get_dirname (db);
  g_autoptr (MdgStore) store = NULL;

  cr_assert_eq (g_mkdir_with_parents (folder, 0700), 0);
  cr_assert (g_file_set_contents (db, "", 0, NULL));
  store = open_store ();
  cr_assert_eq (count (store, "PRAGMA user_version"), MDG_STORE_SCHEMA_VERSION);
}

Test (store_failures, open_existing_creates_nothing)
{
  g_autofree char *folder = g_path_get_dirname (db);
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = NULL;
  struct stat st;

  store = mdg_store_open_existing (db, &error);
  cr_assert_null (store);
  cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_NOT_FOUND), "%s", error->message);
  cr_assert_not (g_file_test (folder, G_FILE_TEST_EXISTS), "not even the folder is made");
  g_clear_error (&error);

  cr_assert_eq (g_mkdir_with_parents (folder, 0700), 0);
  cr_assert (g_file_set_contents (db, "", 0, NULL));
  store = mdg_store_open_existing (db, &error);
  cr_assert_null (store);
  cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_STORE_UNREADABLE), "%s", error->message);
  cr_assert (strstr (error->message, "not a Madoguchi database") != NULL, "%s", error->message);
  cr_assert_eq (g_stat (db, &st), 0);
  cr_assert_eq (st.st_size, 0, "the empty file stays empty");
  g_clear_error (&error);

  make_database ();
  store = mdg_store_open_existing (db, &error);
  cr_assert_not_null (store, "%s", error != NULL ? error->message : "");
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM inquiry"), 3);
}

Test (store_failures, a_failing_statement_is_named_not_quoted)
{
  g_autoptr (MdgStore) store = open_store ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) sql = g_string_new ("CREATE TABLE inquiry (x);");

  for (int i = 0; i < 100; i++)
    g_string_append_printf (sql, "CREATE TABLE padding_%d (value TEXT NOT NULL);", i);
  cr_assert_not (mdg_store_exec (store, sql->str, &error));
  cr_assert_lt (strlen (error->message), 200, "one short line: %s", error->message);
  cr_assert_null (strstr (error->message, "CREATE"), "%s", error->message);
}

Test (store_failures, schema_has_the_indexes_listing_and_export_need)
{
  g_autoptr (MdgStore) store = open_store ();

  cr_assert_eq (count (store, "SELECT COUNT (*) FROM pragma_index_list ('inquiry') l,"
                              " pragma_index_info (l.name) c WHERE l.\"unique\" AND c.seqno = 0"
                              " AND c.name = 'day'"),
                1, "UNIQUE (day, seq) serves a day's list");
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM pragma_index_list ('answer') l,"
                              " pragma_index_info (l.name) c WHERE c.seqno = 0"
                              " AND c.name = 'inquiry_id'"),
                1, "answers are found by their inquiry");
  cr_assert_eq (count (store, "PRAGMA user_version"), MDG_STORE_SCHEMA_VERSION);
  cr_assert_eq (count (store, "PRAGMA foreign_keys"), 1);
  cr_assert_eq (count (store, "PRAGMA secure_delete"), 1);
  cr_assert_eq (count (store, "PRAGMA synchronous"), 2, "FULL");
}

/* Refused by every way of opening, with the file and the log beside it byte for byte as they
 * were: closing a refused connection must not fold the log into the file. */
Test (store_failures, a_foreign_log_is_refused_and_left_byte_for_byte)
{
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autoptr (GBytes) db_before = NULL;
  g_autoptr (GBytes) wal_before = NULL;
  MdgStore *(*opens[]) (const char *, GError **) = { mdg_store_open, mdg_store_open_existing,
                                                      mdg_store_open_read_only };

  make_database ();
  fixture_foreign_wal (db);
  db_before = file_bytes (db);
  wal_before = file_bytes (wal);
  for (guint i = 0; i < G_N_ELEMENTS (opens); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (MdgStore) store = opens[i] (db, &error);
      g_autoptr (GBytes) db_after = NULL;
      g_autoptr (GBytes) wal_after = NULL;

      /* Reading alone may open it: then the full check, as `check` runs it, refuses it. */
      if (store != NULL)
        {
          cr_assert_eq (i, 2, "a writer must refuse it at once");
          cr_assert_not (mdg_store_check (store, &error), "check finds the foreign log");
        }
      cr_assert_not_null (error);
      g_clear_object (&store);
      db_after = file_bytes (db);
      wal_after = file_bytes (wal);
      cr_assert (g_bytes_equal (db_before, db_after), "open %u: the file is untouched (%s)", i,
                 error->message);
      cr_assert (g_bytes_equal (wal_before, wal_after), "open %u: the log is untouched", i);
      if (i < 2)
        cr_assert_not (g_file_test (shm, G_FILE_TEST_EXISTS), "open %u: no -shm is left", i);
    }
}

Test (store_failures, a_cut_file_is_refused_at_open_untouched)
{
  make_database ();
  cr_assert_eq (truncate (db, 4096 + 100), 0);
  assert_refused_untouched (MDG_ERROR_STORE_CORRUPT, "damaged");
}

/* A writer killed mid-write leaves its temporary file; the next one for the same target removes
 * it, and only it: not one still being written, nor a file that is not ours. */
Test (store_backup, the_next_run_removes_a_killed_writers_temporary_file)
{
  g_autoptr (MdgStore) store = open_store ();
  g_autoptr (MdgInquiry) a = record (store, "start");
  g_autoptr (GError) error = NULL;
  g_autofree char *target = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *foreign = g_build_filename (dir, ".backup.db.mine", NULL);
  g_autofree char *killed = NULL;
  g_autofree char *busy = NULL;
  struct utimbuf long_ago = { time (NULL) - 60, time (NULL) - 60 };
  int signal_pipe[2];
  int busy_fd = -1;
  char ready = 0;
  pid_t child;

  cr_assert (g_file_set_contents (foreign, "keep", -1, NULL));
  cr_assert_eq (pipe (signal_pipe), 0);
  child = fork ();
  cr_assert_neq (child, -1);
  if (child == 0)
    {
      int fd = -1;
      g_autofree char *temp = mdg_file_open_temp (target, &fd, NULL);

      if (temp == NULL || write (fd, "half a copy", 11) != 11
          || write (signal_pipe[1], temp, strlen (temp) + 1) < 0)
        _exit (1);
      pause ();
      _exit (0);
    }
  close (signal_pipe[1]);
  {
    GString *name = g_string_new (NULL);

    while (read (signal_pipe[0], &ready, 1) == 1 && ready != '\0')
      g_string_append_c (name, ready);
    killed = g_string_free (name, FALSE);
  }
  close (signal_pipe[0]);
  cr_assert (*killed != '\0', "the writer made its temporary file");
  kill (child, SIGKILL);
  waitpid (child, NULL, 0);
  cr_assert (g_file_test (killed, G_FILE_TEST_EXISTS), "the kill left it: %s", killed);
  cr_assert_eq (utime (killed, &long_ago), 0);

  busy = mdg_file_open_temp (target, &busy_fd, &error);
  cr_assert_not_null (busy, "%s", error != NULL ? error->message : "");
  cr_assert_eq (utime (busy, &long_ago), 0);

  cr_assert (mdg_store_backup (store, target, &error), "%s", error != NULL ? error->message : "");
  cr_assert_not (g_file_test (killed, G_FILE_TEST_EXISTS), "the stale temporary file is gone");
  cr_assert (g_file_test (busy, G_FILE_TEST_EXISTS), "one still being written stays");
  cr_assert (g_file_test (foreign, G_FILE_TEST_EXISTS), "a file that is not ours stays");
  close (busy_fd);
  g_unlink (busy);
}

TestSuite (store_retention, .init = setup, .fini = teardown);

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return FALSE;
  return memmem (data, length, needle, strlen (needle)) != NULL;
}

Test (store_retention, erases_old_contact_details_and_keeps_the_inquiry)
{
  g_autoptr (MdgStore) store = open_store ();
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) old_visit = mdg_visit_new (flow);
  g_autoptr (MdgVisit) new_visit = mdg_visit_new (flow);
  g_autoptr (MdgInquiry) old = NULL;
  g_autoptr (MdgInquiry) recent = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GError) error = NULL;
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *age = NULL;
  guint erased = 99;

  fixture_answer_with_contact (old_visit, "045-671-0001", "erase-me-7731@example.jp");
  fixture_answer_with_contact (new_visit, "045-671-0002", "keep-me-4412@example.jp");
  old = mdg_store_record (store, old_visit, &error);
  cr_assert_not_null (old, "%s", error != NULL ? error->message : "");
  recent = mdg_store_record (store, new_visit, &error);
  cr_assert_not_null (recent);
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM contact"), 2);
  /* The first visitor came 366 days ago. */
  age = g_strdup_printf ("UPDATE contact SET consent_at = consent_at - 366 * 86400 WHERE inquiry_id = %"
                         G_GINT64_FORMAT, mdg_inquiry_get_id (old));
  cr_assert (mdg_store_exec (store, age, NULL));

  cr_assert (mdg_store_purge (store, 365, now, &erased, &error), "%s", error ? error->message : "");
  cr_assert_eq (erased, 1);
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM contact"), 1);
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM inquiry"), 2, "inquiries stay for statistics");
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM answer WHERE step = 'followup' AND choice = 'contact'"), 2);
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM status_history WHERE field = 'contact'"
                              " AND new_value = 'erased'"),
                1, "the history notes when the details went");

  /* secure_delete and the truncated log leave no trace of the erased details on disk. */
  cr_assert_not (file_contains (db, "erase-me-7731@example.jp"));
  cr_assert_not (file_contains (wal, "erase-me-7731@example.jp"));
  g_clear_object (&store);
  cr_assert_not (file_contains (db, "erase-me-7731@example.jp"));
  cr_assert (file_contains (db, "keep-me-4412@example.jp"), "the recent details are kept");

  store = open_store ();
  cr_assert (mdg_store_purge (store, 365, now, &erased, &error));
  cr_assert_eq (erased, 0, "a second purge finds nothing more");
}

/* Past the retention period a closed inquiry keeps its answers but loses what was written in
 * free text: the visitor's details and the staff's notes. One still open keeps them. */
Test (store_retention, erases_the_free_text_of_old_closed_inquiries)
{
  g_autoptr (MdgStore) store = open_store ();
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) closed_visit = mdg_visit_new (flow);
  g_autoptr (MdgVisit) open_visit = mdg_visit_new (flow);
  g_autoptr (MdgInquiry) closed = NULL;
  g_autoptr (MdgInquiry) still_open = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GError) error = NULL;
  g_autofree char *age = NULL;
  g_autofree char *close = NULL;
  g_autofree char *note = NULL;
  guint erased = 0;

  fixture_answer_default (closed_visit, "advice");
  mdg_visit_set_text (closed_visit, "details", "電話は 090-7788-1234 まで");
  fixture_answer_default (open_visit, "advice");
  mdg_visit_set_text (open_visit, "details", "まだ相談中 080-5566-0001");
  closed = mdg_store_record (store, closed_visit, &error);
  cr_assert_not_null (closed, "%s", error != NULL ? error->message : "");
  still_open = mdg_store_record (store, open_visit, &error);
  cr_assert_not_null (still_open);
  close = g_strdup_printf ("UPDATE inquiry SET status = 'closed' WHERE id = %" G_GINT64_FORMAT,
                           mdg_inquiry_get_id (closed));
  note = g_strdup_printf ("INSERT INTO note (inquiry_id, at, author, body) VALUES (%" G_GINT64_FORMAT
                          ", 0, 'staff', '折り返し先 090-7788-1234')", mdg_inquiry_get_id (closed));
  cr_assert (mdg_store_exec (store, close, NULL));
  cr_assert (mdg_store_exec (store, note, NULL));
  age = g_strdup ("UPDATE inquiry SET created_at = created_at - 366 * 86400");
  cr_assert (mdg_store_exec (store, age, NULL));
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM inquiry WHERE details LIKE '%090-7788-1234%'"), 1);

  cr_assert (mdg_store_purge (store, 365, now, &erased, &error), "%s", error ? error->message : "");
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM inquiry WHERE details LIKE '%090-7788-1234%'"), 0,
                "the closed inquiry's details are erased");
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM note WHERE body LIKE '%090-7788-1234%'"), 0,
                "and its notes");
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM inquiry WHERE details LIKE '%080-5566-0001%'"), 1,
                "an inquiry still open keeps its details");
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM answer WHERE step = 'purpose' AND choice = 'advice'"),
                2, "the answers stay for the statistics");
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM status_history WHERE field = 'text'"
                              " AND new_value = 'erased'"),
                1, "the history notes when the text went");
  g_clear_object (&store);
  cr_assert_not (file_contains (db, "090-7788-1234"), "no trace left in the file");
}

TestSuite (store_backup, .init = setup, .fini = teardown);

Test (store_backup, copies_every_inquiry_into_a_standalone_file)
{
  g_autoptr (MdgStore) store = open_store ();
  g_autoptr (MdgInquiry) a = record (store, "start");
  g_autoptr (MdgInquiry) b = record (store, "offer");
  g_autoptr (MdgStore) copy = NULL;
  g_autoptr (MdgInquiry) found = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *target = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *target_wal = g_strconcat (target, "-wal", NULL);
  g_autoptr (GDir) listing = NULL;
  struct stat st;

  cr_assert (mdg_store_backup (store, target, &error), "%s", error != NULL ? error->message : "");
  cr_assert_eq (g_stat (target, &st), 0);
  cr_assert_eq (st.st_mode & 0777, 0600, "a backup holds personal data");
  cr_assert_not (g_file_test (target_wal, G_FILE_TEST_EXISTS), "the copy needs no log beside it");

  listing = g_dir_open (dir, 0, NULL);
  for (const char *name; (name = g_dir_read_name (listing)) != NULL;)
    cr_assert_not (name[0] == '.', "no temporary file is left: %s", name);

  g_clear_pointer (&db, g_free);
  db = g_strdup (target);
  copy = open_store ();
  found = mdg_store_lookup (copy, mdg_inquiry_get_number (b), &error);
  cr_assert_not_null (found, "%s", error != NULL ? error->message : "");
  cr_assert_str_eq (mdg_inquiry_get_token (found), mdg_inquiry_get_token (b));
  cr_assert (mdg_store_check (copy, &error));
}

Test (store_backup, refuses_to_overwrite_the_database_and_leaves_nothing_on_failure)
{
  g_autoptr (MdgStore) store = open_store ();
  g_autoptr (MdgInquiry) a = record (store, "start");
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = g_build_filename (dir, "missing", "backup.db", NULL);
  g_autofree char *missing_dir = g_path_get_dirname (missing);
  g_autoptr (GBytes) before = file_bytes (db);
  g_autoptr (GBytes) after = NULL;

  cr_assert_not (mdg_store_backup (store, db, &error));
  cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT));
  g_clear_error (&error);
  after = file_bytes (db);
  cr_assert (g_bytes_equal (before, after));

  cr_assert_not (mdg_store_backup (store, missing, &error));
  cr_assert_not (g_file_test (missing_dir, G_FILE_TEST_EXISTS));
}

Test (store_failures, a_version_3_database_gains_the_name_reading)
{
  g_autoptr (MdgStore) store = open_store ();

  g_clear_object (&store);
  /* What a version 3 file lacks: the name reading (v4), the organisations (v5) and the
   * channel (v6). */
  fixture_sqlite_exec (db, "ALTER TABLE contact DROP COLUMN name_reading; DROP TABLE introduction;"
                           " DROP TABLE organisation; ALTER TABLE inquiry DROP COLUMN channel;"
                           " ALTER TABLE inquiry DROP COLUMN entered_by; PRAGMA user_version = 3");
  store = open_store ();
  cr_assert_eq (count (store, "PRAGMA user_version"), MDG_STORE_SCHEMA_VERSION);
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM pragma_table_info ('contact')"
                              " WHERE name = 'name_reading'"),
                1);
  cr_assert_eq (count (store, "SELECT COUNT (*) FROM sqlite_master WHERE name IN"
                              " ('organisation', 'introduction')"),
                2);
}
