/* test-admin.c: madoguchi-admin exits 1 with one line on standard error for anything wrong, and
 * never leaves a half-written file. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixtures.h"
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
