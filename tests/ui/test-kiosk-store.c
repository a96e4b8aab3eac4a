/* test-kiosk-store.c: the kiosk refuses visitors with a staff-facing page when the database
 * cannot be used, and a Send that failed on a full disk succeeds when tried again. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <signal.h>
#include <sys/wait.h>

#include "fixtures.h"
#include "kiosk-fixture.h"
#include "mdg-application.h"
#include "mdg-i18n.h"
#include "mdg-store-private.h"
#include "mdg-window.h"

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

  kiosk_close ();
  g_chmod (folder, 0700);
  g_chmod (db, 0600);
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&db, g_free);
}

TestSuite (ui_kiosk_store, .init = setup, .fini = teardown);

/* Whether a label showing `text` is on screen. */
static gboolean
is_mapped_label_with (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
         && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
}

static GtkWidget *
shown_label (GtkWidget  *widget,
             const char *text)
{
  return kiosk_search (widget, FALSE, is_mapped_label_with, text);
}

static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  return shown_label (widget, text) != NULL;
}

static void
make_database (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = mdg_store_open (db, &error);

  cr_assert_not_null (store, "%s", error != NULL ? error->message : "");
}

static void
assert_refuses_visitors (const char *why)
{
  kiosk_open (db);
  cr_assert_not (mdg_application_can_take_inquiries (kiosk.app));
  cr_assert (shows_text (GTK_WIDGET (kiosk.window), "受付ができません")
               || shows_text (GTK_WIDGET (kiosk.window), "cannot take inquiries"),
             "the staff-facing page is shown");
  cr_assert (shows_text (GTK_WIDGET (kiosk.window), why), "the page says what is wrong: %s", why);
  cr_assert_not (shows_text (GTK_WIDGET (kiosk.window), "はじめる"), "no way into the flow");
}

Test (ui_kiosk_store, refuses_visitors_with_a_damaged_file)
{
  make_database ();
  fixture_damage_file (db, 0);
  assert_refuses_visitors ("damaged");
}

Test (ui_kiosk_store, refuses_visitors_with_a_read_only_folder)
{
  g_autofree char *folder = g_path_get_dirname (db);

  make_database ();
  g_chmod (folder, 0500);
  assert_refuses_visitors ("read-only");
}

Test (ui_kiosk_store, refuses_visitors_with_a_read_only_file)
{
  make_database ();
  g_chmod (db, 0400);
  assert_refuses_visitors ("read-only");
}

Test (ui_kiosk_store, refuses_visitors_with_an_unreadable_file)
{
  make_database ();
  g_chmod (db, 0000);
  assert_refuses_visitors ("cannot be read");
}

Test (ui_kiosk_store, refuses_visitors_with_a_file_from_a_newer_version)
{
  g_autoptr (MdgStore) store = NULL;

  make_database ();
  {
    sqlite3 *raw = NULL;

    cr_assert_eq (sqlite3_open (db, &raw), SQLITE_OK);
    sqlite3_exec (raw, "PRAGMA user_version = 42", NULL, NULL, NULL);
    sqlite3_close (raw);
  }
  assert_refuses_visitors ("newer Madoguchi");
}

static GBytes *
bytes_of (const char *path)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  cr_assert (g_file_get_contents (path, &data, &length, NULL), "cannot read %s", path);
  return g_bytes_new_take (g_steal_pointer (&data), length);
}

/* The problem page says the kiosk changed no file: with another database's log beside the file,
 * both stay byte for byte as they were. */
Test (ui_kiosk_store, refuses_a_foreign_log_and_changes_no_byte)
{
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autoptr (GBytes) db_before = NULL;
  g_autoptr (GBytes) wal_before = NULL;
  g_autoptr (GBytes) db_after = NULL;
  g_autoptr (GBytes) wal_after = NULL;

  make_database ();
  fixture_foreign_wal (db);
  db_before = bytes_of (db);
  wal_before = bytes_of (wal);
  kiosk_open (db);
  cr_assert_not (mdg_application_can_take_inquiries (kiosk.app));
  cr_assert (shows_text (GTK_WIDGET (kiosk.window), "changed no file")
               || shows_text (GTK_WIDGET (kiosk.window), "変更していません"),
             "the staff-facing page is shown");
  gtk_window_destroy (GTK_WINDOW (kiosk.window));
  kiosk.window = NULL;
  g_clear_object (&kiosk.app);
  db_after = bytes_of (db);
  wal_after = bytes_of (wal);
  cr_assert (g_bytes_equal (db_before, db_after), "the file is untouched");
  cr_assert (g_bytes_equal (wal_before, wal_after), "the log is untouched");
  cr_assert_not (g_file_test (shm, G_FILE_TEST_EXISTS), "no -shm is left beside them");
}

static gboolean
refusing (void)
{
  return !mdg_application_can_take_inquiries (kiosk.app);
}

static gboolean
welcome_gone (void)
{
  return !shows_text (GTK_WIDGET (kiosk.window), "はじめる");
}

/* Opening reads only what it is about to use; damage elsewhere is found by the full check the
 * kiosk runs in the background when idle, which then shows the staff's page. */
Test (ui_kiosk_store, the_background_check_finds_damage_and_shows_the_problem_page)
{
  make_database ();
  fixture_damage_file (db, 11 * 4096); /* page 12, the notes, which opening does not read */
  kiosk_open (db);
  cr_assert (mdg_application_can_take_inquiries (kiosk.app), "opening does not read the whole file");
  cr_assert (shows_text (GTK_WIDGET (kiosk.window), "はじめる"), "the welcome page is shown");
  mdg_application_check_store (kiosk.app);
  cr_assert (kiosk_wait_until (refusing, 10000), "the background check found nothing in 10 s");
  cr_assert (kiosk_wait_until (welcome_gone, 5000), "the welcome page stays: a way into the flow");
  cr_assert (shows_text (GTK_WIDGET (kiosk.window), "damaged"), "the page says the file is damaged");
}

static gboolean
file_exists (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* A kiosk stopped normally (SIGTERM from its service) closes the store: no -wal or -shm stays. */
Test (ui_kiosk_store, a_normal_quit_leaves_no_log_beside_the_file)
{
  g_autofree char *kiosk_path = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "app", "madoguchi",
                                                  NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  const char *argv[] = { kiosk_path, "--windowed", "--db", db, NULL };
  g_autoptr (GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  GPid pid;
  int status = 0;
  pid_t done = 0;

  make_database ();
  cr_assert (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                            &error),
             "%s", error != NULL ? error->message : "");
  while (!(file_exists (wal) && file_exists (shm)) && g_get_monotonic_time () < deadline)
    g_usleep (50 * 1000);
  cr_assert (file_exists (wal) && file_exists (shm), "the kiosk did not open its store in 20 s");
  g_usleep (300 * 1000);
  kill (pid, SIGTERM);
  while ((done = waitpid (pid, &status, WNOHANG)) == 0 && g_get_monotonic_time () < deadline)
    g_usleep (50 * 1000);
  if (done == 0)
    {
      kill (pid, SIGKILL);
      waitpid (pid, &status, 0);
      cr_assert_fail ("the kiosk did not quit within 20 s of SIGTERM");
    }
  cr_assert (WIFEXITED (status) && WEXITSTATUS (status) == 0, "the kiosk quit with status %d", status);
  cr_assert_not (file_exists (wal), "no -wal is left");
  cr_assert_not (file_exists (shm), "no -shm is left");
}

static void
act (const char *action,
     const char *target)
{
  cr_assert (gtk_widget_activate_action (GTK_WIDGET (kiosk.window), action, target ? "s" : NULL, target),
             "action %s", action);
  kiosk_iterate ();
}

static const char *
current_step (void)
{
  return mdg_step_get_id (mdg_visit_get_step (mdg_window_get_visit (kiosk.window)));
}

Test (ui_kiosk_store, send_on_a_full_disk_keeps_the_answers_and_a_retry_succeeds)
{
  sqlite3 *raw;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GString) details = g_string_new (NULL);

  /* An old inquiry that fills most of the table's only page, so the next one (with its longest
   * details) needs a page of its own. */
  make_database ();
  cr_assert_eq (sqlite3_open (db, &raw), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (raw,
                              "INSERT INTO inquiry (number, day, seq, token, created_at, language,"
                              " flow_version, details) VALUES ('000101-001', '2000-01-01', 1, 'old',"
                              " 946684800, 'ja', '1', printf ('%.3500c', 'x'))",
                              NULL, NULL, NULL),
                SQLITE_OK, "%s", sqlite3_errmsg (raw));
  sqlite3_close (raw);

  kiosk_open (db);
  raw = mdg_store_get_db (mdg_application_get_store (kiosk.app));
  act ("visit.next", NULL);
  act ("visit.choose", "advice");
  act ("visit.toggle", "elderly");
  act ("visit.next", NULL);
  act ("visit.choose", "npo");
  act ("visit.choose", "growing");
  for (int i = 0; i < 44; i++)
    g_string_append (details, "会の運営を続けたい");
  mdg_visit_set_text (mdg_window_get_visit (kiosk.window), "details", details->str);
  act ("visit.next", NULL);
  act ("visit.choose", "now");
  cr_assert_str_eq (current_step (), "review");

  cr_assert_eq (sqlite3_exec (raw, "PRAGMA max_page_count = 1", NULL, NULL, NULL), SQLITE_OK);
  act ("visit.send", NULL);
  cr_assert_str_eq (current_step (), "review", "the visitor stays on the review page");
  cr_assert (shows_text (GTK_WIDGET (kiosk.window), "窓口の職員にお声がけください"),
             "the visitor is told, in Japanese, to ask at the desk");
  cr_assert_null (gtk_widget_get_ancestor (shown_label (GTK_WIDGET (kiosk.window), "窓口の職員にお声がけください"),
                                           GTK_TYPE_SCROLLED_WINDOW),
                  "the message stands where it is seen, not at the end of a long review page");
  cr_assert (mdg_visit_has_choice (mdg_window_get_visit (kiosk.window), "purpose", "advice"));
  rows = mdg_store_list_day (mdg_application_get_store (kiosk.app), day, NULL);
  cr_assert_eq (rows->len, 0, "nothing half-written");
  g_clear_pointer (&rows, g_ptr_array_unref);

  cr_assert_eq (sqlite3_exec (raw, "PRAGMA max_page_count = 1073741823", NULL, NULL, NULL), SQLITE_OK);
  act ("visit.send", NULL);
  cr_assert_str_eq (current_step (), "done", "the retry succeeds once there is space");
  rows = mdg_store_list_day (mdg_application_get_store (kiosk.app), day, NULL);
  cr_assert_eq (rows->len, 1);
  cr_assert_str_eq (mdg_inquiry_get_details (g_ptr_array_index (rows, 0)), details->str);
}
