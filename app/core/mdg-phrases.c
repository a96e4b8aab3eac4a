/* mdg-phrases.c: where a line may break in a language written with spaces between phrases. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mdg-i18n.h"
#include "mdg-phrases.h"

/* A longer run is no phrase (a text falling back to ordinary Japanese, an address): it may
 * break anywhere rather than run out of its line. */
#define MAX_PHRASE_CHARS 14

#define MAX_GROUP_CHARS 12

static void
keep_whole (PangoAttrList *attributes,
            const char    *text,
            const char    *start,
            const char    *end)
{
  PangoAttribute *keep = pango_attr_allow_breaks_new (FALSE);

  keep->start_index = start - text;
  keep->end_index = end - text;
  pango_attr_list_insert (attributes, keep);
}

/* Japanese line-breaking rules (禁則): these never start a line. */
static gboolean
never_starts_line (gunichar c)
{
  return g_utf8_strchr ("。、．，）」』】〕！？：；ー・ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
                        ")!?,.:;%",
                        -1, c)
         != NULL;
}

/* … and these never end one. */
static gboolean
never_ends_line (gunichar c)
{
  return g_utf8_strchr ("（「『【〔(", -1, c) != NULL;
}

/* Endings a reader takes as one word. */
static const char *const whole_words[] = { "ください", "します", "できます", "ません", "ます" };

static gboolean
is_katakana (gunichar c)
{
  return (c >= 0x30A0 && c <= 0x30FF) || c == 0x30FC;
}

/* Ordinary Japanese has no spaces: Pango may break between any two characters. Keep what a
 * reader takes as one piece: a katakana word (コーディネーター), a short bracketed group
 * (（3つまで）), the last kana of a sentence with its full stop (しま|す。, ません|か？), and
 * never start a line with 。、）or a small kana. */
static PangoAttrList *
japanese_attributes (const char *text)
{
  PangoAttrList *attributes = pango_attr_list_new ();
  const char *prev = NULL;
  const char *katakana = NULL;
  const char *bracket = NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (prev != NULL && (never_starts_line (c) || never_ends_line (g_utf8_get_char (prev))))
        keep_whole (attributes, text, prev, next);
      if (is_katakana (c) && katakana == NULL)
        katakana = p;
      if (!is_katakana (c) && katakana != NULL)
        {
          if (g_utf8_strlen (katakana, p - katakana) <= MAX_PHRASE_CHARS)
            keep_whole (attributes, text, katakana, p);
          katakana = NULL;
        }
      if (c == 0xFF08 /* （ */ || c == 0x300C /* 「 */)
        bracket = p;
      if ((c == 0xFF09 /* ） */ || c == 0x300D /* 」 */) && bracket != NULL)
        {
          if (g_utf8_strlen (bracket, next - bracket) <= MAX_GROUP_CHARS)
            keep_whole (attributes, text, bracket, next);
          bracket = NULL;
        }
      if (c == 0x3002 /* 。 */ || c == 0xFF1F /* ？ */ || c == 0xFF01 /* ！ */)
        {
          const char *from = p;

          for (int i = 0; i < 3 && from > text; i++)
            {
              const char *before = g_utf8_prev_char (from);
              gunichar b = g_utf8_get_char (before);

              if (!(b >= 0x3040 && b <= 0x309F))
                break; /* hiragana only: the sentence's ending */
              from = before;
            }
          keep_whole (attributes, text, from, next);
        }
      /* The honorific お/ご stays with the word it belongs to (ご連絡, お控え). */
      if ((c == 0x3054 /* ご */ || c == 0x304A /* お */) && g_unichar_type (g_utf8_get_char (next))
                                                            == G_UNICODE_OTHER_LETTER
          && !(g_utf8_get_char (next) >= 0x3040 && g_utf8_get_char (next) <= 0x30FF))
        keep_whole (attributes, text, p, g_utf8_next_char (next));
      for (guint i = 0; i < G_N_ELEMENTS (whole_words); i++)
        if (g_str_has_prefix (p, whole_words[i]))
          keep_whole (attributes, text, p, p + strlen (whole_words[i]));
      prev = p;
    }
  if (katakana != NULL && g_utf8_strlen (katakana, -1) <= MAX_PHRASE_CHARS)
    keep_whole (attributes, text, katakana, katakana + strlen (katakana));
  return attributes;
}

/* In a language written with spaces between phrases (やさしい日本語), a line may break only at
 * those spaces, so that no phrase is cut in two: Japanese would otherwise break between any two
 * kana. The attributes keep each phrase of `text` whole; ordinary Japanese follows its own
 * rules above; NULL for other languages. Shared by
 * the visitor's labels and the slip. */
PangoAttrList *
mdg_phrases_attributes (const char *language,
                        const char *text)
{
  const MdgLanguage *entry = mdg_i18n_lookup (language);
  PangoAttrList *attributes;
  const char *start = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (entry != NULL && !entry->spaced && g_str_has_prefix (entry->id, "ja"))
    return japanese_attributes (text);
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
