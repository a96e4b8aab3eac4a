/* mdg-phrases.c: where a line may break in a language written with spaces between phrases. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-i18n.h"
#include "mdg-phrases.h"

/* A longer run is no phrase (a text falling back to ordinary Japanese, an address): it may
 * break anywhere rather than run out of its line. */
#define MAX_PHRASE_CHARS 14

/* In a language written with spaces between phrases (やさしい日本語), a line may break only at
 * those spaces, so that no phrase is cut in two: Japanese would otherwise break between any two
 * kana. The attributes keep each phrase of `text` whole; NULL for other languages. Shared by
 * the visitor's labels and the slip. */
PangoAttrList *
mdg_phrases_attributes (const char *language,
                        const char *text)
{
  const MdgLanguage *entry = mdg_i18n_lookup (language);
  PangoAttrList *attributes;
  const char *start = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (entry == NULL || !entry->spaced)
    return NULL;
  attributes = pango_attr_list_new ();
  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gboolean end = *p == '\0' || g_unichar_isspace (g_utf8_get_char (p));

      if (!end && start == NULL)
        start = p;
      else if (end && start != NULL)
        {
          if (g_utf8_strlen (start, p - start) <= MAX_PHRASE_CHARS)
            {
              PangoAttribute *keep = pango_attr_allow_breaks_new (FALSE);

              keep->start_index = start - text;
              keep->end_index = p - text;
              pango_attr_list_insert (attributes, keep);
            }
          start = NULL;
        }
      if (*p == '\0')
        break;
    }
  return attributes;
}
