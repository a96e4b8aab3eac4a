/* test-settings.c: per-language settings are never blank, whatever the center typed. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>

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
