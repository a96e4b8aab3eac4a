/* mdg-settings.c: reading the kiosk's per-language settings. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-i18n.h"
#include "mdg-settings.h"

/* The non-empty text for language in an a{ss} value, else its fallback's (ja-easy → ja), else
 * its Japanese one, else NULL. */
static const char *
lookup_text (GVariant   *texts,
             const char *language)
{
  const char *wanted[3];

  mdg_i18n_settings_order (language, wanted);

  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    {
      const char *text = NULL;

      if (wanted[i] != NULL && g_variant_lookup (texts, wanted[i], "&s", &text) && *text != '\0')
        return text;
    }
  return NULL;
}

/* A text from an a{ss} setting (center-name, privacy-contact) in the language, else in Japanese,
 * else the schema's default: an empty entry counts as missing, so the header is never blank. */
char *
mdg_settings_dup_text (GSettings  *settings,
                       const char *key,
                       const char *language)
{
  g_autoptr (GVariant) texts = NULL;
  g_autoptr (GVariant) defaults = NULL;
  const char *text;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  texts = g_settings_get_value (settings, key);
  text = lookup_text (texts, language);
  if (text == NULL)
    {
      defaults = g_settings_get_default_value (settings, key);
      text = defaults != NULL ? lookup_text (defaults, language) : NULL;
    }
  return g_strdup (text != NULL ? text : "");
}
