/* test-keyboard.c: the on-screen keyboard typed through the accessibility tree only. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <glib.h>
#include <sqlite3.h>

#include "fixtures.h"

/* Runs one scenario of atspi-keyboard.py against a kiosk of its own on a display of its own
 * (the script touches the screen to focus fields) and returns the script's last line. */
static char *
run_scenario (const char *scenario,
              const char *db,
              char      **envp)
{
  g_autofree char *script = fixture_source_path ("tests/ui/atspi-keyboard.py");
  g_autofree char *kiosk_path = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "app", "madoguchi",
                                                  NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "xvfb-run", "-a", "-s", "-screen 0 1920x1080x24 -noreset",
                         "dbus-run-session", "--", "/usr/bin/python3", script, "--kiosk",
                         kiosk_path, "--db", db, "--scenario", scenario, "--windowed", NULL };
  const char *last;
  int status = 0;

  cr_assert (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                           &err, &status, &error),
             "%s", error ? error->message : "");
  cr_assert (g_spawn_check_wait_status (status, NULL), "atspi-keyboard.py %s failed:\n%s",
             scenario, err);
  g_strstrip (out);
  last = strrchr (out, '\n') != NULL ? strrchr (out, '\n') + 1 : out;
  return g_strdup (last);
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  cr_assert_eq (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), SQLITE_OK, "%s", sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  cr_assert_not_null (value, "nothing for %s", sql);
  return value;
}

TestSuite (ui_keyboard);

Test (ui_keyboard, types_a_japanese_visit_with_conversions, .timeout = 300)
{
  g_autofree char *dir = fixture_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "keyboard.db", NULL);
  g_autofree char *number = run_scenario ("ja", path, NULL);
  g_autofree char *name = NULL, *reading = NULL, *phone = NULL, *email = NULL, *details = NULL;
  sqlite3 *db = NULL;

  cr_assert (g_regex_match_simple ("^[0-9]{6}-[0-9]{3}$", number, 0, 0), "printed “%s”", number);
  cr_assert_eq (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  name = query_text (db, "SELECT name FROM contact");
  reading = query_text (db, "SELECT name_reading FROM contact");
  phone = query_text (db, "SELECT phone FROM contact");
  email = query_text (db, "SELECT email FROM contact");
  details = query_text (db, "SELECT details FROM inquiry");
  sqlite3_close (db);
  cr_assert_str_eq (name, "山田 花子");
  cr_assert_str_eq (reading, "ヤマダ ハナコ");
  cr_assert_str_eq (phone, "045-123-4567");
  cr_assert_str_eq (email, "hanako@example.jp");
  cr_assert_str_eq (details, "公園であそぶ。");
  fixture_rmdir (dir);
}

Test (ui_keyboard, types_an_english_name_on_abc, .timeout = 180)
{
  g_autofree char *dir = fixture_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "keyboard.db", NULL);
  g_autofree char *typed = run_scenario ("en", path, NULL);

  cr_assert_str_eq (typed, "Jane Doe");
  fixture_rmdir (dir);
}

Test (ui_keyboard, idle_reset_leaves_nothing_typed_or_composed, .timeout = 240)
{
  g_autofree char *dir = fixture_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "keyboard.db", NULL);
  g_autofree char *settings = g_build_filename (dir, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings, "keyfile", NULL);
  g_auto (GStrv) envp = g_get_environ ();
  g_autofree char *result = NULL;

  /* The shortest idle the schema allows, through a settings file the kiosk reads. */
  cr_assert_eq (g_mkdir_with_parents (settings, 0700), 0);
  cr_assert (g_file_set_contents (keyfile,
                                  "[org/madoguchi/Kiosk]\nidle-seconds=10\nidle-warning-seconds=5\n",
                                  -1, NULL));
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", dir, TRUE);
  result = run_scenario ("idle", path, envp);
  cr_assert_str_eq (result, "clean");
  fixture_rmdir (dir);
}
