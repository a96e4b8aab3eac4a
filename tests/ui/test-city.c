/* test-city.c: the staff desk's city-wide day, read from a real PostgreSQL through
 * madoguchi-admin in another process, with the center of each inquiry. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <gtk/gtk.h>

#include "fixtures.h"
#include "mdg-city-entry.h"
#include "mdg-city-window.h"
#include "mdg-i18n.h"
#include "mdg-resources.h"
#include "pg-fixture.h"

static FixturePg *pg;

static void
setup (void)
{
  gtk_init ();
  g_resources_register (mdg_get_resource ());
  pg = fixture_pg_start ();
}

static void
teardown (void)
{
  g_clear_pointer (&pg, fixture_pg_stop);
}

static char *
today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Two centers' inquiries as madoguchi-sync leaves them. */
static void
fill_city (const char *day)
{
  g_autofree char *sync = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "app", "sync",
                                            "madoguchi-sync", NULL);
  char *argv[] = { sync, "--pg", pg->conninfo, "--init", NULL };
  g_autofree char *sql = NULL;
  int status = 0;

  cr_assert (g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                           &status, NULL) && g_spawn_check_wait_status (status, NULL),
             "madoguchi-sync --init failed");
  sql = g_strdup_printf (
    "INSERT INTO center (id) VALUES ('naka'), ('kita');"
    "INSERT INTO inquiry (center, number, day, seq, token, created_at, language, flow_version,"
    " status, status_at, coordinator, coordinator_at, meeting, meeting_at, printed, has_contact)"
    " SELECT c, replace (substr ('%s', 3), '-', '') || '-00' || s, '%s', s, md5 (c || s),"
    " extract (epoch FROM now ())::bigint, 'ja', '1', 'new', 0, NULL, 0, false, 0, false, false"
    " FROM (VALUES ('naka', 1), ('naka', 2), ('kita', 1)) AS v (c, s);"
    "INSERT INTO answer SELECT center, number, 'purpose', 'partners', 0 FROM inquiry;"
    "SELECT madoguchi_set_field ('kita', number, 'status', 'in-progress') FROM inquiry"
    " WHERE center = 'kita';",
    day, day);
  fixture_pg_exec (pg, sql);
}

static void
wait_loaded (MdgCityWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 40 * G_USEC_PER_SEC;

  while (mdg_city_window_is_loading (window))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      if (g_get_monotonic_time () > deadline)
        cr_assert_fail ("the city-wide day did not arrive within 40 s");
    }
  /* A few frames, so what is shown matches the model. */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

TestSuite (ui_city, .init = setup, .fini = teardown, .timeout = 300);

Test (ui_city, desk_shows_every_center_read_only)
{
  g_autofree char *admin = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "app",
                                             "madoguchi-admin", NULL);
  g_autofree char *day = today ();
  g_autoptr (GString) seen = g_string_new (NULL);
  MdgCityWindow *window;
  GListModel *rows;

  mdg_i18n_set_language ("en");
  fill_city (day);
  window = mdg_city_window_new (pg->conninfo, day, admin);
  gtk_window_present (GTK_WINDOW (window));
  wait_loaded (window);

  rows = mdg_city_window_get_rows (window);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (MdgCityEntry) entry = g_list_model_get_item (rows, i);
      g_autofree char *status = NULL;

      g_object_get (entry, "status", &status, NULL);
      g_string_append_printf (seen, "%s %s;", mdg_city_entry_get_center (entry), status);
    }
  cr_assert_str_eq (seen->str, "kita In progress;naka New;naka New;", "%s",
                    mdg_city_window_get_message (window));
  cr_assert_str_eq (mdg_city_window_get_message (window), "3 inquiries in the city");
  gtk_window_destroy (GTK_WINDOW (window));
}

Test (ui_city, unreachable_database_is_said_not_waited_on)
{
  g_autofree char *admin = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "app",
                                             "madoguchi-admin", NULL);
  g_autofree char *day = today ();
  MdgCityWindow *window;

  mdg_i18n_set_language ("en");
  /* No schema yet: madoguchi-admin says so, and the window shows its sentence. */
  window = mdg_city_window_new (pg->conninfo, day, admin);
  wait_loaded (window);
  cr_assert_eq (g_list_model_get_n_items (mdg_city_window_get_rows (window)), 0);
  cr_assert (strstr (mdg_city_window_get_message (window), "could not be read") != NULL
             && strstr (mdg_city_window_get_message (window), "--init") != NULL,
             "%s", mdg_city_window_get_message (window));
  gtk_window_destroy (GTK_WINDOW (window));
}
