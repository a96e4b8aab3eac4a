/* test-token.c: inquiry numbers, tokens and follow-up addresses. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>

#include "mdg-followup.h"
#include "mdg-number.h"
#include "mdg-token.h"

Test (token, is_128_bits_of_base64url)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (int i = 0; i < 1000; i++)
    {
      char *token = mdg_token_new (NULL);

      cr_assert_eq (strlen (token), 22);
      for (const char *p = token; *p; p++)
        cr_assert (g_ascii_isalnum (*p) || *p == '-' || *p == '_', "bad character in %s", token);
      cr_assert_not (g_hash_table_contains (seen, token));
      g_hash_table_add (seen, token);
    }
}

Test (number, formats_and_parses)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Asia/Tokyo");
  g_autoptr (GDateTime) time = g_date_time_new (tz, 2026, 11, 29, 10, 0, 0);
  g_autofree char *number = mdg_number_format (time, 7);
  g_autofree char *day = NULL;
  guint seq = 0;

  cr_assert_str_eq (number, "261129-007");
  cr_assert_str_eq (mdg_number_call_part (number), "007");
  cr_assert (mdg_number_parse (number, &day, &seq));
  cr_assert_str_eq (day, "2026-11-29");
  cr_assert_eq (seq, 7);
  cr_assert_not (mdg_number_parse ("261332-001", NULL, NULL));
  cr_assert_not (mdg_number_parse ("26112-0001", NULL, NULL));
  cr_assert_not (mdg_number_parse ("261129-abc", NULL, NULL));
}

Test (followup, builds_encoded_url)
{
  g_autofree char *url = mdg_followup_build_url ("https://x.example/f/{number}?t={token}&l={lang}",
                                                 "261129-007", "ab-_Z", "en");

  cr_assert_str_eq (url, "https://x.example/f/261129-007?t=ab-_Z&l=en");
  g_free (url);
  url = mdg_followup_build_url ("https://x.example/?n={number}", "a b&c", "t", "ja");
  cr_assert_str_eq (url, "https://x.example/?n=a%20b%26c");
}

Test (followup, rejects_bad_templates)
{
  cr_assert (mdg_followup_check_template ("https://x.example/f?t={token}", NULL));
  cr_assert_not (mdg_followup_check_template ("https://x.example/f?n={number}", NULL));
  cr_assert_not (mdg_followup_check_template ("ftp://x.example/{token}", NULL));
  cr_assert_not (mdg_followup_check_template ("{token}", NULL));
  cr_assert_not (mdg_followup_check_template ("", NULL));
}

static void
assert_template_refused (const char *url_template,
                         const char *mentions)
{
  g_autoptr (GError) error = NULL;

  cr_assert_not (mdg_followup_check_template (url_template, &error), "%s", url_template);
  cr_assert (strstr (error->message, mentions) != NULL, "“%s” should mention “%s”",
             error->message, mentions);
}

Test (followup, rejects_what_cannot_become_a_qr_code_or_is_misspelt)
{
  g_autoptr (GString) long_url = g_string_new ("https://x.example/f?t={token}&pad=");

  for (int i = 0; i < 3000; i++)
    g_string_append_c (long_url, 'a');
  assert_template_refused (long_url->str, "too long for a QR code");
  assert_template_refused ("https://x.example/f?t={token}&n={numbr}", "unknown {numbr}");
  assert_template_refused ("http://[::1/{token}", "is not a valid http or https address");
  cr_assert (mdg_followup_check_template ("https://x.example/f/{number}?t={token}&l={lang}", NULL));
}
