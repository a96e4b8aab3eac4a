/* test-settings.c: per-language settings are never blank, whatever the center typed. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <criterion/criterion.h>
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>

#include "mdg-restart-time.h"
#include "mdg-settings.h"

static GSettings *settings;

static void
setup (void)
{
  settings = g_settings_new (APP_ID);
}

static void
teardown (void)
{
  g_clear_object (&settings);
}

TestSuite (settings, .init = setup, .fini = teardown);

static void
set_texts (const char *key,
           const char *value)
{
  cr_assert (g_settings_set_value (settings, key, g_variant_new_parsed (value)), "%s", value);
}

static void
assert_text (const char *key,
             const char *language,
             const char *expected)
{
  g_autofree char *text = mdg_settings_dup_text (settings, key, language);

  cr_assert_str_eq (text, expected, "%s in %s", key, language);
}

Test (settings, the_language_wins_when_it_has_a_text)
{
  set_texts ("center-name", "{'ja': '港北センター', 'en': 'Kohoku Center'}");
  assert_text ("center-name", "ja", "港北センター");
  assert_text ("center-name", "en", "Kohoku Center");
}

Test (settings, a_missing_or_empty_language_falls_back_to_japanese)
{
  set_texts ("center-name", "{'ja': '港北センター'}");
  assert_text ("center-name", "en", "港北センター");
  set_texts ("center-name", "{'ja': '港北センター', 'en': ''}");
  assert_text ("center-name", "en", "港北センター");
}

Test (settings, an_empty_name_falls_back_to_the_schema_default)
{
  set_texts ("center-name", "{'ja': ''}");
  assert_text ("center-name", "ja", "市民協働推進センター");
  assert_text ("center-name", "en", "Civic Collaboration Center");
  set_texts ("privacy-contact", "@a{ss} {}");
  assert_text ("privacy-contact", "ja", "センター窓口の職員");
  assert_text ("privacy-contact", "en", "the staff at the center desk");
}

Test (settings, easy_japanese_falls_back_to_japanese)
{
  set_texts ("center-name", "{'ja': '港北センター', 'en': 'Kohoku Center'}");
  assert_text ("center-name", "ja-easy", "港北センター");
  set_texts ("center-name", "{'ja': '港北センター', 'ja-easy': 'こうほく センター'}");
  assert_text ("center-name", "ja-easy", "こうほく センター");
  assert_text ("privacy-contact", "ja-easy", "センターの まどぐちの 人");
}

/* A value outside the schema's range (written to the keyfile or dconf directly) is replaced by
 * the default; the kiosk and madoguchi-admin say so, naming the key and the value used. */
Test (settings, out_of_range_values_are_named_with_the_value_used)
{
  g_autofree char *dir = g_dir_make_tmp ("madoguchi-settings-XXXXXX", NULL);
  g_autofree char *keyfile = g_build_filename (dir, "settings", NULL);
  g_autoptr (GSettingsBackend) backend = NULL;
  g_autoptr (GSettings) stored = NULL;
  g_autoptr (GPtrArray) warnings = NULL;
  g_autoptr (GPtrArray) none = mdg_settings_check_ranges (settings);

  cr_assert_eq (none->len, 0, "the defaults are all in range");
  cr_assert (g_file_set_contents (keyfile,
                                  "[kiosk]\nidle-seconds=0\ncontact-retention-days=99999\n"
                                  "done-seconds=30\n",
                                  -1, NULL));
  backend = g_keyfile_settings_backend_new (keyfile, "/org/madoguchi/Kiosk/", "kiosk");
  stored = g_settings_new_with_backend (APP_ID, backend);
  cr_assert_eq (g_settings_get_uint (stored, "done-seconds"), 30, "the keyfile is read");
  warnings = mdg_settings_check_ranges (stored);
  cr_assert_eq (warnings->len, 2, "two keys out of range, not %u", warnings->len);
  cr_assert_str_eq (g_ptr_array_index (warnings, 0),
                    "setting contact-retention-days is 99999, outside the allowed range; using 365");
  cr_assert_str_eq (g_ptr_array_index (warnings, 1),
                    "setting idle-seconds is 0, outside the allowed range; using 90");
  g_unlink (keyfile);
  g_rmdir (dir);
}

Test (settings, restart_time_takes_a_time_of_day_or_nothing)
{
  int seconds = -1;

  cr_assert (mdg_restart_time_parse ("03:00", &seconds));
  cr_assert_eq (seconds, 3 * 3600);
  cr_assert (mdg_restart_time_parse ("23:59:30", &seconds));
  cr_assert_eq (seconds, 23 * 3600 + 59 * 60 + 30);
  for (guint i = 0; i < 7; i++)
    cr_assert_not (mdg_restart_time_parse ((const char *[]) { "3:00", "24:00", "03:60", "03-00",
                                                              "03:00 ", "+3:00", "03:00:6" }[i],
                                           &seconds));
  g_settings_set_string (settings, "restart-time", "");
  cr_assert_eq (mdg_restart_time_get (settings), -1);
  g_settings_set_string (settings, "restart-time", "04:30");
  cr_assert_eq (mdg_restart_time_get (settings), 4 * 3600 + 30 * 60);
  /* Malformed: a warning naming the key, and the default. */
  g_settings_set_string (settings, "restart-time", "25:00");
  cr_assert_eq (mdg_restart_time_get (settings), 3 * 3600);
  g_settings_reset (settings, "restart-time");
}

Test (settings, the_restart_comes_once_a_day_after_the_start)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr (GDateTime) started = g_date_time_new (tz, 2026, 3, 1, 14, 0, 0);
  g_autoptr (GDateTime) night = g_date_time_new (tz, 2026, 3, 2, 2, 59, 59);
  g_autoptr (GDateTime) three = g_date_time_new (tz, 2026, 3, 2, 3, 0, 0);
  g_autoptr (GDateTime) restarted = g_date_time_new (tz, 2026, 3, 2, 3, 0, 5);
  g_autoptr (GDateTime) later = g_date_time_new (tz, 2026, 3, 2, 23, 0, 0);
  g_autoptr (GDateTime) next = g_date_time_new (tz, 2026, 3, 3, 3, 1, 0);
  int at = 3 * 3600;

  cr_assert_not (mdg_restart_time_due (started, night, at));
  cr_assert (mdg_restart_time_due (started, three, at));
  cr_assert (mdg_restart_time_due (started, later, at)); /* a visit kept it waiting */
  /* The kiosk started again just after: not again that day, but the next. */
  cr_assert_not (mdg_restart_time_due (restarted, later, at));
  cr_assert (mdg_restart_time_due (restarted, next, at));
  cr_assert_not (mdg_restart_time_due (started, three, -1));
}
