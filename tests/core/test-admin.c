/* test-admin.c: madoguchi-admin exits 1 with one line on standard error for anything wrong, and
 * never leaves a half-written file. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixtures.h"
#include "mdg-agenda.h"
#include "mdg-csv.h"

static char *dir;
static char *db;
static char *today;
static char *number;
static char **admin_env; /* NULL: the suite's own environment */

static void
setup (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (MdgInquiry) inquiry = NULL;

  dir = fixture_tmpdir ();
  db = g_build_filename (dir, "inquiries.db", NULL);
  today = g_date_time_format (now, "%Y-%m-%d");
  store = mdg_store_open (db, &error);
  cr_assert_not_null (store, "%s", error != NULL ? error->message : "");
  fixture_answer_default (visit, "propose");
  inquiry = mdg_store_record (store, visit, &error);
  cr_assert_not_null (inquiry);
  number = g_strdup (mdg_inquiry_get_number (inquiry));
}

static void
teardown (void)
{
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&db, g_free);
  g_clear_pointer (&today, g_free);
  g_clear_pointer (&number, g_free);
  g_clear_pointer (&admin_env, g_strfreev);
}

TestSuite (admin, .init = setup, .fini = teardown);

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs madoguchi-admin with the given arguments (NULL-terminated). */
static void
admin (Run *run, ...)
{
  const char *build = g_getenv ("MDG_BUILD_DIR");
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status = 0;

  cr_assert_not_null (build, "MDG_BUILD_DIR is not set; run the suites through meson test");
  g_ptr_array_add (argv, g_build_filename (build, "app", "madoguchi-admin", NULL));
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  cr_assert (g_spawn_sync (NULL, (char **) argv->pdata, admin_env, G_SPAWN_DEFAULT, NULL, NULL, &run->out,
                           &run->err, &wait_status, &error),
             "%s", error != NULL ? error->message : "");
  cr_assert (WIFEXITED (wait_status), "madoguchi-admin crashed: %s", run->err);
  run->status = WEXITSTATUS (wait_status);
}

static void
assert_fails_with_one_line (Run        *run,
                            const char *mentions)
{
  const char *newline = strchr (run->err, '\n');

  cr_assert_eq (run->status, 1, "exit status %d, stderr: %s", run->status, run->err);
  cr_assert_not_null (newline, "a message on standard error");
  cr_assert_eq (newline[1], '\0', "exactly one line: %s", run->err);
  cr_assert (g_str_has_prefix (run->err, "madoguchi-admin"), "%s", run->err);
  cr_assert (strstr (run->err, mentions) != NULL, "“%s” should mention “%s”", run->err, mentions);
}

Test (admin, bad_arguments_exit_1_with_one_line)
{
  struct { const char *args[6]; const char *mentions; } cases[] = {
    { { "list", NULL }, "--date" },
    { { "list", "--date", "2026-02-30", NULL }, "2026-02-30" },
    { { "list", "--date", "tomorrow", NULL }, "tomorrow" },
    { { "list", "--date", "2026-1-5", NULL }, "YYYY-MM-DD" },
    { { "list", "--frobnicate", NULL }, "frobnicate" },
    { { "export", "--date", "2026-13-01", NULL }, "2026-13-01" },
    { { "export", "--date", "2026-05-02", "--to", "2026-05-01", NULL }, "before" },
    { { "export", "--date", "2026-05-02", "--language", "fr", NULL }, "fr" },
    { { "backup", NULL }, "usage" },
    { { "purge", "--days", "0", NULL }, "--days" },
    { { "purge", "--days", "many", NULL }, "many" },
    { { "check", "extra", NULL }, "usage" },
    { { "frobnicate", NULL }, "frobnicate" },
    { { "figures", NULL }, "--fy YYYY" },
    { { "figures", "--fy", "26", NULL }, "“26”" },
    { { "figures", "--fy", "2026-04", NULL }, "YYYY" },
    { { "figures", "--month", "2026-13", NULL }, "2026-13" },
    { { "figures", "--month", "2026-4", NULL }, "YYYY-MM" },
    { { "figures", "--week", "2026-02-30", NULL }, "2026-02-30" },
    { { "figures", "--fy", "2026", "--month", "2026-04", NULL }, "not both" },
    { { "figures", "--fy", "2026", "--language", "fr", NULL }, "fr" },
    { { "figures", "--fy", "2026", "extra", NULL }, "usage" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (Run) run = { 0 };
      const char * const *a = cases[i].args;

      admin (&run, a[0], "--db", db, a[1], a[2], a[3], a[4], a[5]);
      assert_fails_with_one_line (&run, cases[i].mentions);
    }
}

Test (admin, a_missing_database_is_reported_and_not_created)
{
  g_autofree char *missing = g_build_filename (dir, "nowhere", "inquiries.db", NULL);
  const char *commands[][3] = {
    { "list", "--date", today }, { "export", "--date", today }, { "check", NULL, NULL },
    { "backup", "copy.db", NULL }, { "purge", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto (Run) run = { 0 };

      admin (&run, commands[i][0], "--db", missing, commands[i][1], commands[i][2], NULL);
      assert_fails_with_one_line (&run, "no such database");
      cr_assert_not (g_file_test (missing, G_FILE_TEST_EXISTS));
    }
}

Test (admin, refuses_an_empty_or_foreign_file_and_writes_nothing)
{
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *foreign = g_build_filename (dir, "foreign.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length = 0, after_length = 0;
  const char *commands[][3] = {
    { "list", "--date", today }, { "export", "--date", today }, { "check", NULL, NULL },
    { "backup", "copy.db", NULL }, { "purge", NULL, NULL }, { "slip", number, NULL },
  };

  cr_assert (g_file_set_contents (empty, "", 0, NULL));
  fixture_sqlite_exec (foreign, "CREATE TABLE people (name)");
  cr_assert (g_file_get_contents (foreign, &before, &before_length, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto (Run) on_empty = { 0 };
      g_auto (Run) on_foreign = { 0 };
      gboolean slip = g_str_equal (commands[i][0], "slip");

      admin (&on_empty, commands[i][0], "--db", empty, commands[i][1],
             slip ? "--pdf" : commands[i][2], slip ? "slip.pdf" : NULL, NULL);
      assert_fails_with_one_line (&on_empty, "not a Madoguchi database");
      admin (&on_foreign, commands[i][0], "--db", foreign, commands[i][1],
             slip ? "--pdf" : commands[i][2], slip ? "slip.pdf" : NULL, NULL);
      assert_fails_with_one_line (&on_foreign, "not a Madoguchi database");
    }
  cr_assert (g_file_get_contents (empty, &after, &after_length, NULL));
  cr_assert_eq (after_length, 0, "the empty file stays empty");
  g_clear_pointer (&after, g_free);
  cr_assert (g_file_get_contents (foreign, &after, &after_length, NULL));
  cr_assert (after_length == before_length && memcmp (before, after, after_length) == 0,
             "the other program's database is untouched");
}

/* Runs a shell script in which $0 is madoguchi-admin, $1 the database and $2 the day, for
 * what the arguments alone cannot say: standard input, a redirected output. */
static void
admin_shell (Run        *run,
             const char *script,
             const char *database)
{
  g_autofree char *program = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "app",
                                               "madoguchi-admin", NULL);
  const char *argv[] = { "sh", "-c", script, program, database, today, NULL };
  g_autoptr (GError) error = NULL;
  int wait_status = 0;

  cr_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &run->out,
                           &run->err, &wait_status, &error),
             "%s", error != NULL ? error->message : "");
  cr_assert (WIFEXITED (wait_status), "the shell crashed: %s", run->err);
  run->status = WEXITSTATUS (wait_status);
}

Test (admin, set_pin_refuses_a_database_in_a_missing_folder)
{
  g_autofree char *missing = g_build_filename (dir, "nowhere", "x.db", NULL);
  g_autofree char *folder = g_path_get_dirname (missing);
  g_auto (Run) run = { 0 };

  admin_shell (&run, "echo 123456 | \"$0\" set-pin --db \"$1\"", missing);
  assert_fails_with_one_line (&run, "no such folder");
  cr_assert_not (g_file_test (folder, G_FILE_TEST_EXISTS), "the folder is not made");
}

Test (admin, output_that_cannot_be_written_is_a_failure)
{
  const char *scripts[] = {
    "\"$0\" list --db \"$1\" --date \"$2\" > /dev/full",
    "\"$0\" check --db \"$1\" > /dev/full",
    "\"$0\" export --db \"$1\" --date \"$2\" > /dev/full",
  };

  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    {
      g_auto (Run) run = { 0 };

      admin_shell (&run, scripts[i], db);
      assert_fails_with_one_line (&run, "No space left on device");
    }
}

Test (admin, check_reports_a_damaged_database)
{
  g_auto (Run) ok = { 0 };
  g_auto (Run) damaged = { 0 };

  admin (&ok, "check", "--db", db, NULL);
  cr_assert_eq (ok.status, 0, "%s", ok.err);
  cr_assert (strstr (ok.out, "ok") != NULL);

  fixture_damage_file (db, 4096);
  admin (&damaged, "check", "--db", db, NULL);
  assert_fails_with_one_line (&damaged, "damaged");
}

Test (admin, lists_exports_backs_up_and_purges)
{
  g_auto (Run) list = { 0 };
  g_auto (Run) export = { 0 };
  g_auto (Run) to_file = { 0 };
  g_auto (Run) backup = { 0 };
  g_auto (Run) purge = { 0 };
  g_autofree char *csv = g_build_filename (dir, "day.csv", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *contents = NULL;

  admin (&list, "list", "--db", db, "--date", today, NULL);
  cr_assert_eq (list.status, 0, "%s", list.err);
  cr_assert (strstr (list.out, number) != NULL);
  cr_assert (strstr (list.out, "市との協働事業を提案したい") != NULL, "readable purpose: %s", list.out);
  cr_assert (strstr (list.out, "NPO・市民活動団体") != NULL);
  cr_assert (strstr (list.out, "\n1 inquiry on ") != NULL, "%s", list.out);

  admin (&export, "export", "--db", db, "--date", today, "--language", "en", NULL);
  cr_assert_eq (export.status, 0, "%s", export.err);
  cr_assert (g_str_has_prefix (export.out, MDG_CSV_BOM "\"Inquiry number\""));
  cr_assert (strstr (export.out, "Propose a joint project with the city") != NULL);

  admin (&to_file, "export", "--db", db, "--date", today, "--to", today, "--output", csv, NULL);
  cr_assert_eq (to_file.status, 0, "%s", to_file.err);
  cr_assert (g_file_get_contents (csv, &contents, NULL, NULL));
  cr_assert (strstr (contents, number) != NULL);
  cr_assert (strstr (contents, "共催（企画・広報・運営を一緒に）") != NULL);

  admin (&backup, "backup", "--db", db, copy, NULL);
  cr_assert_eq (backup.status, 0, "%s", backup.err);
  cr_assert (g_file_test (copy, G_FILE_TEST_IS_REGULAR));

  admin (&purge, "purge", "--db", db, "--days", "30", NULL);
  cr_assert_eq (purge.status, 0, "%s", purge.err);
  cr_assert (strstr (purge.out, "0 contact records") != NULL, "%s", purge.out);
}

Test (admin, export_to_a_missing_or_read_only_folder_leaves_no_file)
{
  g_autofree char *missing = g_build_filename (dir, "missing", "day.csv", NULL);
  g_autofree char *locked = g_build_filename (dir, "locked", NULL);
  g_autofree char *in_locked = g_build_filename (locked, "day.csv", NULL);
  g_auto (Run) to_missing = { 0 };
  g_auto (Run) to_locked = { 0 };
  g_auto (Run) to_db = { 0 };
  g_autoptr (GDir) listing = NULL;

  admin (&to_missing, "export", "--db", db, "--date", today, "--output", missing, NULL);
  assert_fails_with_one_line (&to_missing, "no such folder");
  cr_assert_not (g_file_test (missing, G_FILE_TEST_EXISTS));

  cr_assert_eq (g_mkdir (locked, 0500), 0);
  admin (&to_locked, "export", "--db", db, "--date", today, "--output", in_locked, NULL);
  assert_fails_with_one_line (&to_locked, "read-only");
  listing = g_dir_open (locked, 0, NULL);
  cr_assert_null (g_dir_read_name (listing), "nothing, not even a temporary file");
  g_chmod (locked, 0700);

  admin (&to_db, "export", "--db", db, "--date", today, "--output", db, NULL);
  assert_fails_with_one_line (&to_db, "database itself");
}

Test (admin, export_writes_through_a_link_and_refuses_a_pipe_or_folder)
{
  g_autofree char *real = g_build_filename (dir, "real.csv", NULL);
  g_autofree char *link = g_build_filename (dir, "link.csv", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto (Run) through_link = { 0 };
  g_auto (Run) to_fifo = { 0 };
  g_auto (Run) to_dir = { 0 };
  struct stat st;

  cr_assert (g_file_set_contents (real, "old", -1, NULL));
  cr_assert_eq (symlink (real, link), 0);
  admin (&through_link, "export", "--db", db, "--date", today, "--output", link, NULL);
  cr_assert_eq (through_link.status, 0, "%s", through_link.err);
  cr_assert (g_file_test (link, G_FILE_TEST_IS_SYMLINK), "the link stays a link");
  cr_assert (g_file_get_contents (real, &contents, NULL, NULL));
  cr_assert (strstr (contents, number) != NULL, "written through the link");

  cr_assert_eq (mkfifo (fifo, 0600), 0);
  admin (&to_fifo, "export", "--db", db, "--date", today, "--output", fifo, NULL);
  assert_fails_with_one_line (&to_fifo, "is a pipe");
  cr_assert_eq (lstat (fifo, &st), 0);
  cr_assert (S_ISFIFO (st.st_mode), "the pipe is left as it was");

  admin (&to_dir, "export", "--db", db, "--date", today, "--output", dir, NULL);
  assert_fails_with_one_line (&to_dir, "is a folder");
  cr_assert (g_file_test (dir, G_FILE_TEST_IS_DIR));
}

Test (admin, purge_counts_in_the_singular_and_plural)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (MdgStore) store = mdg_store_open (db, &error);
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_auto (Run) one = { 0 };
  g_auto (Run) none = { 0 };

  cr_assert_not_null (store, "%s", error != NULL ? error->message : "");
  fixture_answer_with_contact (visit, "090-1234-5678", NULL);
  inquiry = mdg_store_record (store, visit, &error);
  cr_assert_not_null (inquiry, "%s", error != NULL ? error->message : "");
  g_clear_object (&store);
  fixture_sqlite_exec (db, "UPDATE contact SET consent_at = consent_at - 3 * 86400");

  admin (&one, "purge", "--db", db, "--days", "1", NULL);
  cr_assert_eq (one.status, 0, "%s", one.err);
  cr_assert_str_eq (one.out, "1 contact record older than 1 day erased\n");
  admin (&none, "purge", "--db", db, "--days", "2", NULL);
  cr_assert_str_eq (none.out, "0 contact records older than 2 days erased\n");
}

Test (admin, purge_falls_back_to_365_days_without_the_kiosk_schema)
{
  g_auto (Run) run = { 0 };

  admin_env = g_environ_setenv (g_get_environ (), "GSETTINGS_SCHEMA_DIR", dir, TRUE);
  admin_env = g_environ_setenv (admin_env, "XDG_DATA_DIRS", dir, TRUE);
  admin (&run, "purge", "--db", db, NULL);
  cr_assert_eq (run.status, 0, "%s", run.err);
  cr_assert (strstr (run.out, "older than 365 days") != NULL, "%s", run.out);
}

static GBytes *
bytes_of (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  cr_assert (g_file_get_contents (path, &data, &length, NULL), "cannot read %s", path);
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

Test (admin, every_writer_refuses_the_database_and_its_files)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) live = mdg_store_open (db, &error); /* keeps the -wal and -shm there */
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autofree char *journal = g_strconcat (db, "-journal", NULL);
  g_autofree char *to_wal = g_build_filename (dir, "to-wal.pdf", NULL);
  g_autofree char *to_journal = g_build_filename (dir, "to-journal.pdf", NULL);
  g_autofree char *hard = g_build_filename (dir, "hard.pdf", NULL);
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *roundabout = g_build_filename (dir, "sub", "..", "inquiries.db-wal", NULL);
  g_autoptr (GBytes) db_before = NULL;
  g_autoptr (GBytes) wal_before = NULL;
  g_autoptr (GBytes) db_after = NULL;
  g_autoptr (GBytes) wal_after = NULL;
  const char *targets[] = { db, wal, shm, journal, to_wal, to_journal, hard, roundabout };

  cr_assert_not_null (live, "%s", error != NULL ? error->message : "");
  cr_assert (g_file_test (wal, G_FILE_TEST_EXISTS) && g_file_test (shm, G_FILE_TEST_EXISTS));
  cr_assert_eq (symlink (wal, to_wal), 0);
  cr_assert_eq (symlink ("inquiries.db-journal", to_journal), 0); /* leads nowhere yet */
  cr_assert_eq (link (db, hard), 0);
  cr_assert_eq (g_mkdir (sub, 0700), 0);
  db_before = bytes_of (db);
  wal_before = bytes_of (wal);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_auto (Run) slip = { 0 };
      g_auto (Run) export = { 0 };
      g_auto (Run) backup = { 0 };

      admin (&slip, "slip", number, "--db", db, "--pdf", targets[i], NULL);
      assert_fails_with_one_line (&slip, "database");
      admin (&export, "export", "--db", db, "--date", today, "--output", targets[i], NULL);
      assert_fails_with_one_line (&export, "database");
      admin (&backup, "backup", "--db", db, targets[i], NULL);
      assert_fails_with_one_line (&backup, "database");
    }
  cr_assert_not (g_file_test (journal, G_FILE_TEST_EXISTS), "no -journal was made");
  db_after = bytes_of (db);
  wal_after = bytes_of (wal);
  cr_assert (g_bytes_equal (db_before, db_after), "the database is untouched");
  cr_assert (g_bytes_equal (wal_before, wal_after), "its log is untouched");
}

Test (admin, the_desk_exports_refuse_the_database_and_its_files)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) live = mdg_store_open (db, &error);
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (GListStore) none = g_list_store_new (MDG_TYPE_INQUIRY);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *journal = g_strconcat (db, "-journal", NULL);
  g_autoptr (GBytes) wal_before = NULL;
  g_autoptr (GBytes) wal_after = NULL;
  const char *targets[] = { db, wal, journal };

  cr_assert_not_null (live, "%s", error != NULL ? error->message : "");
  wal_before = bytes_of (wal);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr (GError) csv_error = NULL;
      g_autoptr (GError) pdf_error = NULL;

      cr_assert_not (mdg_agenda_write_csv (live, G_LIST_MODEL (none), flow, "ja", targets[i],
                                           &csv_error));
      cr_assert (strstr (csv_error->message, "database") != NULL, "%s", csv_error->message);
      cr_assert_not (mdg_agenda_write_pdf (live, G_LIST_MODEL (none), flow, "ja", targets[i],
                                           &pdf_error));
      cr_assert (strstr (pdf_error->message, "database") != NULL, "%s", pdf_error->message);
    }
  cr_assert_not (g_file_test (journal, G_FILE_TEST_EXISTS));
  wal_after = bytes_of (wal);
  cr_assert (g_bytes_equal (wal_before, wal_after), "the log is untouched");
  g_clear_object (&live);
  {
    g_autoptr (MdgStore) again = mdg_store_open_read_only (db, &error);
    g_autoptr (GPtrArray) listed = NULL;

    cr_assert_not_null (again, "%s", error != NULL ? error->message : "");
    listed = mdg_store_list_day (again, today, &error);
    cr_assert_eq (listed->len, 1, "the inquiry is still there");
  }
}

Test (admin, read_only_commands_change_no_byte_of_a_backup)
{
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);
  g_autofree char *copy = g_build_filename (folder, "copy.db", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *copy_shm = g_strconcat (copy, "-shm", NULL);
  g_autofree char *csv = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *pdf = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_auto (Run) backup = { 0 };
  struct stat st;

  cr_assert_eq (g_mkdir (folder, 0700), 0);
  admin (&backup, "backup", "--db", db, copy, NULL);
  cr_assert_eq (backup.status, 0, "%s", backup.err);
  before = bytes_of (copy);
  cr_assert_eq (((const guint8 *) g_bytes_get_data (before, NULL))[18], 1, "a rollback-mode copy");

  for (int locked = 0; locked < 2; locked++)
    {
      g_auto (Run) check = { 0 };
      g_auto (Run) list = { 0 };
      g_auto (Run) export = { 0 };
      g_auto (Run) slip = { 0 };

      /* Then in a folder nobody may write in. */
      if (locked)
        cr_assert_eq (g_chmod (folder, 0500), 0);
      admin (&check, "check", "--db", copy, NULL);
      cr_assert_eq (check.status, 0, "check: %s", check.err);
      admin (&list, "list", "--db", copy, "--date", today, NULL);
      cr_assert_eq (list.status, 0, "list: %s", list.err);
      cr_assert (strstr (list.out, number) != NULL);
      admin (&export, "export", "--db", copy, "--date", today, "--output", csv, NULL);
      cr_assert_eq (export.status, 0, "export: %s", export.err);
      admin (&slip, "slip", number, "--db", copy, "--pdf", pdf, NULL);
      cr_assert_eq (slip.status, 0, "slip: %s", slip.err);
      after = bytes_of (copy);
      cr_assert (g_bytes_equal (before, after), "the copy is byte for byte as it was");
      g_clear_pointer (&after, g_bytes_unref);
      cr_assert_neq (g_stat (copy_wal, &st), 0, "no -wal beside the copy");
      cr_assert_neq (g_stat (copy_shm, &st), 0, "no -shm beside the copy");
    }
  g_chmod (folder, 0700);
}

/* A backup from before an update is older than the program: it can be checked and copied as it
 * is, and a command that would query what it lacks says so instead of failing in SQL. */
Test (admin, an_older_file_is_read_as_it_is_or_named_as_older)
{
  g_autofree char *old = g_build_filename (dir, "schema5.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "schema5-copy.db", NULL);
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_auto (Run) backup = { 0 };
  g_auto (Run) check = { 0 };
  g_auto (Run) copied = { 0 };

  admin (&backup, "backup", "--db", db, old, NULL);
  cr_assert_eq (backup.status, 0, "%s", backup.err);
  fixture_sqlite_exec (old, "ALTER TABLE inquiry DROP COLUMN channel;"
                            "ALTER TABLE inquiry DROP COLUMN entered_by; PRAGMA user_version = 5");
  before = bytes_of (old);

  admin (&check, "check", "--db", old, NULL);
  cr_assert_eq (check.status, 0, "check: %s", check.err);
  admin (&copied, "backup", "--db", old, copy, NULL);
  cr_assert_eq (copied.status, 0, "backup: %s", copied.err);
  {
    const char *const commands[][6] = {
      { "list", "--date", today, NULL },
      { "export", "--date", today, NULL },
      { "slip", number, "--pdf", "-", NULL },
      { "figures", "--fy", "2026", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      {
        g_auto (Run) run = { 0 };

        admin (&run, commands[i][0], "--db", old, commands[i][1], commands[i][2], commands[i][3],
               NULL);
        assert_fails_with_one_line (&run, "earlier Madoguchi (schema 5");
        cr_assert (strstr (run.err, "no such column") == NULL, "%s: %s", commands[i][0], run.err);
      }
  }
  after = bytes_of (old);
  cr_assert (g_bytes_equal (before, after), "the older file is byte for byte as it was");
}

Test (admin, dates_with_signs_or_spaces_are_refused)
{
  const char *days[] = { "+026-01-01", "2026- 1-05", "2026-+1-05", "2026-01-+5", " 2026-1-05",
                         "2026-01-5 ", "２０２６-01-05" };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_auto (Run) list = { 0 };
      g_auto (Run) export = { 0 };

      admin (&list, "list", "--db", db, "--date", days[i], NULL);
      assert_fails_with_one_line (&list, "YYYY-MM-DD");
      admin (&export, "export", "--db", db, "--date", today, "--to", days[i], NULL);
      assert_fails_with_one_line (&export, "YYYY-MM-DD");
    }
}

Test (admin, set_pin_refuses_a_nul_inside)
{
  g_auto (Run) nul = { 0 };
  g_auto (Run) good = { 0 };
  g_autofree char *stored = NULL;

  admin_shell (&nul, "printf '123456\\000abc\\n' | \"$0\" set-pin --db \"$1\"", db);
  assert_fails_with_one_line (&nul, "PIN");
  stored = fixture_query_text (db, "SELECT count (*) FROM setting WHERE key = 'staff-pin'");
  cr_assert_str_eq (stored, "0;", "no PIN was stored");
  admin_shell (&good, "printf '123456\\n' | \"$0\" set-pin --db \"$1\"", db);
  cr_assert_eq (good.status, 0, "%s", good.err);
}

Test (admin, no_arguments_give_one_line_and_help_works)
{
  g_auto (Run) bare = { 0 };
  g_auto (Run) help = { 0 };

  admin (&bare, NULL);
  assert_fails_with_one_line (&bare, "--help");
  admin (&help, "--help", NULL);
  cr_assert_eq (help.status, 0, "%s", help.err);
  cr_assert (strstr (help.out, "Usage: madoguchi-admin") != NULL, "%s", help.out);
  cr_assert (strstr (help.out, "backup") != NULL);
}

/* The everyday commands load no drawing library and no libpq (issue 18: they start as fast as
 * sqlite3); the slip and --pg open their module, and without it say so in one line. */
Test (admin, only_the_slip_and_pg_need_their_modules)
{
  g_autofree char *program = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "app", "madoguchi-admin",
                                               NULL);
  g_autofree char *nowhere = g_build_filename (dir, "no-modules", NULL);
  g_autofree char *pdf = g_build_filename (dir, "slip.pdf", NULL);
  const char *ldd[] = { "ldd", program, NULL };
  const char *heavy[] = { "libcairo", "libpango", "libpq", "libanthy", "libX11", "libssl" };
  g_autofree char *libraries = NULL;
  g_auto (Run) list = { 0 };
  g_auto (Run) slip = { 0 };
  g_auto (Run) city = { 0 };
  int status = 0;

  cr_assert (g_spawn_sync (NULL, (char **) ldd, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &libraries,
                           NULL, &status, NULL));
  cr_assert (g_spawn_check_wait_status (status, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (heavy); i++)
    cr_assert_null (strstr (libraries, heavy[i]), "madoguchi-admin loads %s:\n%s", heavy[i], libraries);

  admin_env = g_environ_setenv (g_get_environ (), "MADOGUCHI_MODULE_DIR", nowhere, TRUE);
  admin (&list, "list", "--db", db, "--date", today, NULL);
  cr_assert_eq (list.status, 0, "list needs no module: %s", list.err);
  cr_assert (strstr (list.out, number) != NULL, "%s", list.out);
  admin (&slip, "slip", number, "--db", db, "--pdf", pdf, NULL);
  assert_fails_with_one_line (&slip, "madoguchi-admin-slip.so");
  cr_assert_not (g_file_test (pdf, G_FILE_TEST_EXISTS));
  admin (&city, "list", "--pg", "host=127.0.0.1 port=1", "--date", today, NULL);
  assert_fails_with_one_line (&city, "madoguchi-admin-city.so");
}

/* Two processes keep recording while every command runs in a loop: none may fail, since each
 * connection waits for the lock instead of giving up, and readers take none. */
Test (admin, every_command_beside_two_writers_for_30_seconds)
{
  g_autofree char *writer = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "tests", "store-writer",
                                              NULL);
  const char *writer_argv[] = { writer, db, NULL };
  const char *scripts[] = {
    "timeout 20 \"$0\" list --db \"$1\" --date \"$2\" > /dev/null",
    "timeout 20 \"$0\" export --db \"$1\" --date \"$2\" > /dev/null",
    "timeout 20 \"$0\" export --db \"$1\" --date \"$2\" --output \"$1.csv\" > /dev/null",
    "timeout 20 \"$0\" check --db \"$1\" > /dev/null",
    "timeout 20 \"$0\" backup --db \"$1\" \"$1.copy\" > /dev/null",
    "timeout 20 \"$0\" slip \"$(\"$0\" list --db \"$1\" --date \"$2\" | sed -n 2p | cut -d' ' -f1)\""
    " --db \"$1\" --pdf \"$1.pdf\" > /dev/null",
    "timeout 20 \"$0\" purge --db \"$1\" --days 30 > /dev/null",
    "printf '123456\\n' | timeout 20 \"$0\" set-pin --db \"$1\" > /dev/null",
  };
  GPid writers[2];
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint runs = 0;
  g_autofree char *written = NULL;

  for (guint w = 0; w < G_N_ELEMENTS (writers); w++)
    {
      g_autoptr (GError) error = NULL;

      cr_assert (g_spawn_async (NULL, (char **) writer_argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                &writers[w], &error),
                 "%s", error != NULL ? error->message : "");
    }
  while (g_get_monotonic_time () < deadline)
    for (guint i = 0; i < G_N_ELEMENTS (scripts); i++, runs++)
      {
        g_auto (Run) run = { 0 };

        admin_shell (&run, scripts[i], db);
        if (run.status != 0)
          {
            for (guint w = 0; w < G_N_ELEMENTS (writers); w++)
              kill (writers[w], SIGKILL);
            cr_assert_fail ("run %u (%s) failed with %d beside the writers: %s", runs, scripts[i],
                      run.status, run.err);
          }
      }
  for (guint w = 0; w < G_N_ELEMENTS (writers); w++)
    {
      int status = 0;

      cr_assert_eq (waitpid (writers[w], &status, WNOHANG), 0, "writer %u stopped on its own", w);
      kill (writers[w], SIGKILL);
      waitpid (writers[w], &status, 0);
    }
  written = fixture_query_text (db, "SELECT count (*) FROM inquiry");
  cr_assert_gt (runs, 16, "only %u commands ran in 30 s", runs);
  cr_assert_gt (g_ascii_strtoll (written, NULL, 10), 100, "the writers wrote only %s", written);
  cr_log_info ("%u admin commands beside two writers, %s inquiries written, no failure", runs, written);
}

/* A writer in the middle of a long transaction: the commands that only read neither wait for
 * it nor fail, since they take no write lock. */
Test (admin, read_only_commands_do_not_wait_for_a_writer)
{
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "slip.pdf", NULL);
  g_autofree char *csv = g_build_filename (dir, "day.csv", NULL);
  sqlite3 *writer = NULL;

  cr_assert_eq (sqlite3_open (db, &writer), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (writer, "PRAGMA journal_mode = WAL; BEGIN IMMEDIATE;"
                                      " INSERT INTO setting (key, value) VALUES ('busy', 'yes')",
                              NULL, NULL, NULL),
                SQLITE_OK, "%s", sqlite3_errmsg (writer));
  {
    const char *commands[][8] = {
      { "list", "--db", db, "--date", today, NULL },
      { "export", "--db", db, "--date", today, "--output", csv, NULL },
      { "check", "--db", db, NULL },
      { "backup", "--db", db, copy, NULL },
      { "slip", number, "--db", db, "--pdf", pdf, NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      {
        g_auto (Run) run = { 0 };
        const char *const *a = commands[i];
        gint64 start = g_get_monotonic_time ();

        admin (&run, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
        cr_assert_eq (run.status, 0, "%s beside a writer: %s", a[0], run.err);
        cr_assert_lt (g_get_monotonic_time () - start, 3 * G_USEC_PER_SEC, "%s waited for the writer",
                      a[0]);
      }
  }
  sqlite3_exec (writer, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (writer);
}

/* The year's figures as a table, and as a CSV that appears whole. */
Test (admin, figures_for_a_fiscal_year_print_and_save)
{
  g_auto (Run) table = { 0 };
  g_auto (Run) saved = { 0 };
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now) - (g_date_time_get_month (now) < 4 ? 1 : 0);
  g_autofree char *fy = g_strdup_printf ("%d", year);
  g_autofree char *heading = g_strdup_printf ("FY%d (%d-04-01 – %d-03-31, ", year, year, year + 1);
  g_autofree char *csv = g_build_filename (dir, "figures.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GRegex) total = g_regex_new ("^Number of inquiries +- +1$", G_REGEX_MULTILINE, 0, NULL);

  admin (&table, "figures", "--db", db, "--fy", fy, "--language", "en", NULL);
  cr_assert_eq (table.status, 0, "%s", table.err);
  cr_assert (g_str_has_prefix (table.out, heading), "%s", table.out);
  cr_assert (g_regex_match (total, table.out, 0, NULL), "%s", table.out);

  admin (&saved, "figures", "--db", db, "--fy", fy, "--csv", csv, NULL);
  cr_assert_eq (saved.status, 0, "%s", saved.err);
  cr_assert_str_eq (saved.out, "");
  cr_assert (g_file_get_contents (csv, &contents, NULL, NULL));
  cr_assert (g_str_has_prefix (contents, MDG_CSV_BOM "\"期間\",\"区分\",\"項目\",\"合計\","), "%.80s", contents);
}

/* list: the kiosk's own inquiry says kiosk; one typed by staff names the channel and the typist. */
Test (admin, list_shows_how_each_inquiry_came_in)
{
  g_auto (Run) list = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = mdg_store_open (db, &error);
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (MdgInquiry) called = NULL;
  g_autofree char *kiosk_row = NULL;
  g_autofree char *phone_row = NULL;

  cr_assert_not_null (store, "%s", error != NULL ? error->message : "");
  fixture_answer_default (visit, "partners");
  mdg_visit_set_taken_by (visit, MDG_CHANNEL_PHONE, "佐藤");
  called = mdg_store_record (store, visit, &error);
  cr_assert_not_null (called, "%s", error != NULL ? error->message : "");
  g_clear_object (&store);

  admin (&list, "list", "--db", db, "--date", today, NULL);
  cr_assert_eq (list.status, 0, "%s", list.err);
  cr_assert (strstr (list.out, "CHANNEL") != NULL, "%s", list.out);
  kiosk_row = g_strdup (strstr (list.out, number));
  phone_row = g_strdup (strstr (list.out, mdg_inquiry_get_number (called)));
  cr_assert_not_null (kiosk_row);
  cr_assert_not_null (phone_row);
  *strchr (kiosk_row, '\n') = '\0';
  *strchr (phone_row, '\n') = '\0';
  cr_assert (strstr (kiosk_row, " kiosk ") != NULL, "%s", kiosk_row);
  cr_assert (strstr (phone_row, " phone (佐藤) ") != NULL, "%s", phone_row);
}

/* The list describes each answer once and reuses it: every row still shows its own answer, in
 * the language asked for, and an answer the flow no longer has shows its id. */
Test (admin, list_labels_each_row_in_the_language_asked)
{
  const char *purposes[] = { "partners", "propose", "partners" };
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = mdg_store_open (db, &error);
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_auto (Run) ja = { 0 };
  g_auto (Run) en = { 0 };

  cr_assert_not_null (store, "%s", error != NULL ? error->message : "");
  for (guint i = 0; i < G_N_ELEMENTS (purposes); i++)
    {
      g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
      g_autoptr (MdgInquiry) inquiry = NULL;

      fixture_answer_default (visit, purposes[i]);
      inquiry = mdg_store_record (store, visit, &error);
      cr_assert_not_null (inquiry, "%s", error != NULL ? error->message : "");
      g_ptr_array_add (numbers, g_strdup (mdg_inquiry_get_number (inquiry)));
    }
  g_clear_object (&store);
  fixture_sqlite_exec (db, "UPDATE answer SET choice = 'retired' WHERE step = 'who'"
                           " AND inquiry_id = (SELECT max (id) FROM inquiry)");

  admin (&ja, "list", "--db", db, "--date", today, NULL);
  admin (&en, "list", "--db", db, "--date", today, "--language", "en", NULL);
  cr_assert_eq (ja.status, 0, "%s", ja.err);
  cr_assert_eq (en.status, 0, "%s", en.err);
  for (guint i = 0; i < numbers->len; i++)
    {
      g_autofree char *ja_row = g_strdup (strstr (ja.out, g_ptr_array_index (numbers, i)));
      g_autofree char *en_row = g_strdup (strstr (en.out, g_ptr_array_index (numbers, i)));
      gboolean last = i + 1 == numbers->len;

      cr_assert_not_null (ja_row);
      cr_assert_not_null (en_row);
      *strchr (ja_row, '\n') = '\0';
      *strchr (en_row, '\n') = '\0';
      cr_assert (g_str_has_suffix (ja_row, g_str_equal (purposes[i], "partners")
                                             ? "一緒に取り組む相手を探したい"
                                             : "市との協働事業を提案したい"), "%s", ja_row);
      cr_assert (g_str_has_suffix (en_row, g_str_equal (purposes[i], "partners")
                                             ? "Find partners to work with"
                                             : "Propose a joint project with the city"), "%s", en_row);
      cr_assert (strstr (ja_row, last ? " retired " : " NPO・市民活動団体 ") != NULL, "%s", ja_row);
      cr_assert (strstr (en_row, last ? " retired " : " An NPO or civic group ") != NULL, "%s", en_row);
    }
}
