/* mdg-settings.c: reading the kiosk's per-language settings. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-settings.h"

/* A text from an a{ss} setting (center-name, privacy-contact) in the language, else in Japanese. */
char *
mdg_settings_dup_text (GSettings  *settings,
                       const char *key,
                       const char *language)
{
  g_autoptr (GVariant) texts = NULL;
  const char *text = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  texts = g_settings_get_value (settings, key);
  if (!g_variant_lookup (texts, language, "&s", &text) && !g_variant_lookup (texts, "ja", "&s", &text))
    text = "";
  return g_strdup (text);
}
