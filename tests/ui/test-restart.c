/* test-restart.c: the kiosk restarts itself once a day at restart-time, only between visitors. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "fixtures.h"
#include "kiosk-fixture.h"
#include "mdg-restart-time.h"

TestSuite (ui_restart);

/* restart-time a few seconds from now, in the HH:MM:SS form the key also takes; FALSE when
 * those seconds would cross midnight (the moment would be tomorrow's). */
static gboolean
soon (int   seconds,
      char *out)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) then = g_date_time_add_seconds (now, seconds);
  g_autofree char *text = g_date_time_format (then, "%H:%M:%S");

  g_strlcpy (out, text, 9);
  return g_date_time_get_day_of_month (then) == g_date_time_get_day_of_month (now);
}

static gboolean
restarted (void)
{
  return mdg_application_get_exit_status (kiosk.app) == MDG_EXIT_RESTART;
}

Test (ui_restart, quits_at_the_quiet_hour_from_the_welcome_page_not_during_a_visit, .timeout = 60)
{
  GSettings *settings;
  char at[9];

  kiosk_open (NULL);
  settings = mdg_application_get_settings (kiosk.app);
  /* A visit under way at the hour: it goes on, however long it takes. */
  kiosk_tap ("はじめる");
  cr_assert_str_eq (kiosk_step (), "purpose");
  cr_assert (soon (2, at), "too close to midnight");
  g_settings_set_string (settings, "restart-time", at);
  cr_assert_not (kiosk_wait_until (restarted, 5000), "restarted during a visit");
  kiosk_tap ("最初から");
  cr_assert_not (kiosk_wait_until (restarted, 2000), "restarted under the Start over question");
  gtk_widget_activate_action (GTK_WIDGET (kiosk.window), "visit.restart", NULL);
  cr_assert (kiosk_wait_until (kiosk_at_welcome, 2000));
  /* Back at the welcome page with nothing answered: the restart comes. */
  cr_assert (kiosk_wait_until (restarted, 5000), "no restart from the welcome page");
  kiosk_close ();
}

Test (ui_restart, an_empty_setting_never_restarts, .timeout = 30)
{
  char at[9];

  kiosk_open (NULL);
  cr_assert (soon (1, at), "too close to midnight");
  g_settings_set_string (mdg_application_get_settings (kiosk.app), "restart-time", "");
  cr_assert_not (kiosk_wait_until (restarted, 3000));
  kiosk_close ();
}

/* The real program: it leaves with status 75 (the unit's SuccessExitStatus, restarted by
 * Restart=always) and has closed the store, so no -wal or -shm is left. */
Test (ui_restart, the_kiosk_exits_with_the_restart_status_and_the_store_closed, .timeout = 120)
{
  g_autofree char *dir = fixture_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "inquiries.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autofree char *settings = g_build_filename (dir, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings, "keyfile", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *kiosk_path = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "app", "madoguchi",
                                                  NULL);
  g_autofree char *err = NULL;
  g_auto (GStrv) envp = g_get_environ ();
  g_autoptr (GError) error = NULL;
  const char *argv[] = { kiosk_path, "--windowed", "--db", db, NULL };
  gint64 start;
  int status = 0;
  char at[9];

  /* Its start takes a few seconds under load: the moment is set well after it. */
  cr_assert (soon (8, at), "too close to midnight");
  contents = g_strdup_printf ("[org/madoguchi/Kiosk]\nrestart-time='%s'\n", at);
  cr_assert_eq (g_mkdir_with_parents (settings, 0700), 0);
  cr_assert (g_file_set_contents (keyfile, contents, -1, NULL));
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", dir, TRUE);
  start = g_get_monotonic_time ();
  cr_assert (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                           NULL, &err, &status, &error),
             "%s", error ? error->message : "");
  cr_assert (WIFEXITED (status), "the kiosk did not exit by itself:\n%s", err);
  cr_assert_eq (WEXITSTATUS (status), MDG_EXIT_RESTART, "exit status %d:\n%s", WEXITSTATUS (status),
                err);
  cr_assert_lt ((g_get_monotonic_time () - start) / G_USEC_PER_SEC, 60);
  cr_assert (strstr (err, "restart-time") != NULL, "nothing in the log:\n%s", err);
  cr_assert (g_file_test (db, G_FILE_TEST_EXISTS));
  cr_assert_not (g_file_test (wal, G_FILE_TEST_EXISTS), "the store was not closed");
  cr_assert_not (g_file_test (shm, G_FILE_TEST_EXISTS), "the store was not closed");
  fixture_rmdir (dir);
}
