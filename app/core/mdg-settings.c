/* mdg-settings.c: reading the kiosk's per-language settings. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include <stdlib.h>
#include <string.h>

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

/* What the backend holds for key, before GSettings replaces a value outside the schema's range
 * by the default without a word; NULL when nothing is set. */
static GVariant *
read_raw (GSettings          *settings,
          GSettingsSchemaKey *key)
{
  g_autoptr (GSettingsBackend) backend = NULL;
  g_autofree char *path = NULL;
  g_autofree char *full = NULL;
  g_autoptr (GVariantType) type = NULL;
  GVariant *value;

  g_object_get (settings, "backend", &backend, "path", &path, NULL);
  if (backend == NULL || path == NULL)
    return NULL;
  full = g_strconcat (path, g_settings_schema_key_get_name (key), NULL);
  type = g_variant_type_copy (g_settings_schema_key_get_value_type (key));
  value = G_SETTINGS_BACKEND_GET_CLASS (backend)->read (backend, full, type, FALSE);
  return value != NULL ? g_variant_take_ref (value) : NULL;
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* One warning for each setting whose stored value is outside its range, naming the key, the
 * value found and the value used instead, for the log: a kiosk set to idle-seconds=0 would
 * otherwise use 90 with no one knowing why. */
GPtrArray *
mdg_settings_check_ranges (GSettings *settings)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  g_auto (GStrv) keys = NULL;
  GPtrArray *warnings = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (G_IS_SETTINGS (settings), warnings);

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  qsort (keys, g_strv_length (keys), sizeof (char *), compare_names);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr (GSettingsSchemaKey) key = g_settings_schema_get_key (schema, keys[i]);
      g_autoptr (GVariant) raw = read_raw (settings, key);
      g_autoptr (GVariant) used = NULL;
      g_autofree char *found = NULL;
      g_autofree char *shown = NULL;

      if (raw == NULL || !g_variant_is_of_type (raw, g_settings_schema_key_get_value_type (key))
          || g_settings_schema_key_range_check (key, raw))
        continue;
      used = g_settings_get_value (settings, keys[i]);
      found = g_variant_print (raw, FALSE);
      shown = g_variant_print (used, FALSE);
      g_ptr_array_add (warnings,
                       g_strdup_printf ("setting %s is %.40s, outside the allowed range; using %.40s",
                                        keys[i], found, shown));
    }
  return warnings;
}
