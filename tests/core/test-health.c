/* test-health.c: madoguchi-admin health: one line per item, ATTENTION and exit 1 for anything
 * the city's monitoring should look at, a hung printer cut off at its deadline. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <sys/wait.h>

#include "fixtures.h"
#include "mdg-health.h"

static char *dir;
static char *db;
static GDateTime *now;

static void
setup (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgFlow) flow = fixture_default_flow ();

  dir = fixture_tmpdir ();
  db = g_build_filename (dir, "inquiries.db", NULL);
  now = g_date_time_new_now_local ();
  store = mdg_store_open (db, &error);
  cr_assert_not_null (store, "%s", error != NULL ? error->message : "");
  for (int i = 0; i < 2; i++)
    {
      g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
      g_autoptr (MdgInquiry) inquiry = NULL;

      fixture_answer_default (visit, "propose");
      inquiry = mdg_store_record (store, visit, &error);
      cr_assert_not_null (inquiry, "%s", error != NULL ? error->message : "");
    }
}

static void
teardown (void)
{
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&db, g_free);
  g_clear_pointer (&now, g_date_time_unref);
}

TestSuite (health, .init = setup, .fini = teardown);

/* A print helper that answers --status as madoguchi-print does, with this shell body. */
static char *
fake_helper (const char *body)
{
  g_autofree char *path = g_build_filename (dir, "madoguchi-print", NULL);
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\n[ \"$1\" = --status ] || exit 2\n%s\n",
                                             body);

  cr_assert (g_file_set_contents (path, script, -1, NULL));
  cr_assert_eq (g_chmod (path, 0755), 0);
  return g_steal_pointer (&path);
}

static MdgHealthConfig
config_for (const char *printer,
            const char *helper)
{
  MdgHealthConfig config = { .db_path = db, .printer_name = printer, .print_helper = helper,
                             .print_deadline = 1, .min_free_bytes = 1, .now = now };
  return config;
}

/* The report's line for item. */
static char *
line_of (GString    *report,
         const char *item)
{
  g_auto (GStrv) lines = g_strsplit (report->str, "\n", -1);
  g_autofree char *prefix = g_strdup_printf ("%s: ", item);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strdup (lines[i]);
  cr_assert_fail ("no “%s” line in:\n%s", item, report->str);
  return NULL;
}

Test (health, a_well_kiosk_reports_every_item_and_passes)
{
  g_autofree char *helper = fake_helper ("echo 'idle none'");
  MdgHealthConfig config = config_for ("slips", helper);
  g_autoptr (GString) report = g_string_new (NULL);
  g_autofree char *database = NULL, *today = NULL, *printer = NULL, *sync = NULL, *disk = NULL;

  cr_assert (mdg_health_report (&config, report), "%s", report->str);
  database = line_of (report, "database");
  today = line_of (report, "inquiries today");
  printer = line_of (report, "printer");
  sync = line_of (report, "last sync");
  disk = line_of (report, "disk space");
  cr_assert (strstr (database, "writable") != NULL, "%s", database);
  cr_assert_str_eq (today, "inquiries today: 2");
  cr_assert_str_eq (printer, "printer: slips: idle none");
  cr_assert_str_eq (sync, "last sync: not configured");
  cr_assert (strstr (disk, "free in") != NULL && strstr (disk, "ATTENTION") == NULL, "%s", disk);
  cr_assert_null (strstr (report->str, "ATTENTION"), "%s", report->str);
}

Test (health, a_stopped_or_missing_printer_needs_attention)
{
  struct { const char *body; const char *says; } cases[] = {
    { "echo 'stopped media-empty-error'", "stopped media-empty-error" },
    { "echo 'idle none,not-accepting-jobs'", "not-accepting-jobs" },
    { "echo not-found; exit 1", "not-found" },
    { "echo unreachable; exit 1", "unreachable" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *helper = fake_helper (cases[i].body);
      MdgHealthConfig config = config_for ("slips", helper);
      g_autoptr (GString) report = g_string_new (NULL);
      g_autofree char *printer = NULL;

      cr_assert_not (mdg_health_report (&config, report), "%s passed:\n%s", cases[i].body,
                     report->str);
      printer = line_of (report, "printer");
      cr_assert (g_str_has_prefix (printer, "printer: ATTENTION slips: "), "%s", printer);
      cr_assert (strstr (printer, cases[i].says) != NULL, "%s", printer);
    }
}

Test (health, a_hung_printer_is_cut_off_at_the_deadline)
{
  g_autofree char *helper = fake_helper ("exec sleep 60");
  MdgHealthConfig config = config_for ("slips", helper);
  g_autoptr (GString) report = g_string_new (NULL);
  g_autofree char *printer = NULL;
  gint64 start = g_get_monotonic_time ();

  cr_assert_not (mdg_health_report (&config, report));
  cr_assert_lt (g_get_monotonic_time () - start, 5 * G_USEC_PER_SEC,
                "the health check waited for a helper past its 1 s deadline");
  printer = line_of (report, "printer");
  cr_assert_str_eq (printer, "printer: ATTENTION slips: no answer from CUPS within 1 s");
}

Test (health, no_helper_no_printer_name)
{
  MdgHealthConfig config = config_for ("slips", "/nonexistent/madoguchi-print");
  g_autoptr (GString) report = g_string_new (NULL);
  g_autofree char *printer = NULL;

  cr_assert_not (mdg_health_report (&config, report));
  printer = line_of (report, "printer");
  cr_assert (strstr (printer, "ATTENTION slips: the print helper cannot be started") != NULL,
             "%s", printer);

  config = config_for ("", "/nonexistent/madoguchi-print");
  g_string_truncate (report, 0);
  cr_assert (mdg_health_report (&config, report), "%s", report->str);
}

Test (health, the_last_sync_is_read_when_syncing_is_configured)
{
  MdgHealthConfig config = config_for (NULL, NULL);
  g_autoptr (GString) report = g_string_new (NULL);
  g_autoptr (GDateTime) recent = g_date_time_add_hours (now, -1);
  g_autofree char *sql = NULL;
  g_autofree char *sync = NULL;
  g_autofree char *shown = g_date_time_format (recent, "last sync: %Y-%m-%d %H:%M");

  config.sync_configured = TRUE;
  cr_assert_not (mdg_health_report (&config, report));
  sync = line_of (report, "last sync");
  cr_assert_str_eq (sync, "last sync: ATTENTION never");

  sql = g_strdup_printf ("INSERT INTO setting VALUES ('sync-last-success', '%" G_GINT64_FORMAT "')",
                         g_date_time_to_unix (recent));
  fixture_sqlite_exec (db, sql);
  g_string_truncate (report, 0);
  cr_assert (mdg_health_report (&config, report), "%s", report->str);
  g_free (sync);
  sync = line_of (report, "last sync");
  cr_assert_str_eq (sync, shown);

  g_free (sql);
  sql = g_strdup_printf ("UPDATE setting SET value = '%" G_GINT64_FORMAT "'"
                         " WHERE key = 'sync-last-success'", g_date_time_to_unix (now) - 30 * 3600);
  fixture_sqlite_exec (db, sql);
  g_string_truncate (report, 0);
  cr_assert_not (mdg_health_report (&config, report));
  g_free (sync);
  sync = line_of (report, "last sync");
  cr_assert (g_str_has_prefix (sync, "last sync: ATTENTION ") && strstr (sync, "30 hours ago"),
             "%s", sync);
}

Test (health, little_disk_space_or_a_read_only_database_needs_attention)
{
  MdgHealthConfig config = config_for (NULL, NULL);
  g_autoptr (GString) report = g_string_new (NULL);
  g_autofree char *disk = NULL;
  g_autofree char *database = NULL;

  config.min_free_bytes = G_MAXUINT64;
  cr_assert_not (mdg_health_report (&config, report));
  disk = line_of (report, "disk space");
  cr_assert (g_str_has_prefix (disk, "disk space: ATTENTION "), "%s", disk);

  config.min_free_bytes = 1;
  cr_assert_eq (g_chmod (db, 0400), 0);
  g_string_truncate (report, 0);
  cr_assert_not (mdg_health_report (&config, report));
  database = line_of (report, "database");
  cr_assert (g_str_has_prefix (database, "database: ATTENTION ") && strstr (database, "read-only"),
             "%s", database);
}

/* The command line: init makes the database, health exits 0 on it and 1 without it. */
Test (health, madoguchi_admin_init_and_health)
{
  g_autofree char *admin = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "app", "madoguchi-admin",
                                             NULL);
  g_autofree char *fresh = g_build_filename (dir, "new", "inquiries.db", NULL);
  const char *init[] = { admin, "init", "--db", fresh, NULL };
  const char *health[] = { admin, "health", "--db", fresh, NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;

  cr_assert (g_spawn_sync (NULL, (char **) health, NULL, 0, NULL, NULL, &out, &err, &status, NULL));
  cr_assert (WIFEXITED (status) && WEXITSTATUS (status) == 1, "health without a database: %s", out);
  cr_assert (strstr (out, "database: ATTENTION ") != NULL, "%s", out);
  cr_assert (g_str_has_prefix (err, "madoguchi-admin health: ") && strchr (err, '\n')[1] == '\0',
             "one line on standard error: %s", err);
  cr_assert_not (g_file_test (fresh, G_FILE_TEST_EXISTS), "health created a database");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  cr_assert (g_spawn_sync (NULL, (char **) init, NULL, 0, NULL, NULL, &out, &err, &status, NULL));
  cr_assert (WIFEXITED (status) && WEXITSTATUS (status) == 0, "init: %s", err);
  cr_assert (g_file_test (fresh, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  cr_assert (g_spawn_sync (NULL, (char **) health, NULL, 0, NULL, NULL, &out, &err, &status, NULL));
  cr_assert (WIFEXITED (status) && WEXITSTATUS (status) == 0, "health: %s%s", out, err);
  cr_assert (strstr (out, "inquiries today: 0\n") != NULL, "%s", out);
  cr_assert (strstr (out, "printer: not configured\n") != NULL, "%s", out);
}
