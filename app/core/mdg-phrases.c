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
gboolean
mdg_phrases_may_start_line (gunichar c)
{
  return g_utf8_strchr ("。、．，）」』】〕！？：；ー・ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
                        ")!?,.:;%",
                        -1, c)
         == NULL;
}

/* … and these never end one. */
static gboolean
never_ends_line (gunichar c)
{
  return g_utf8_strchr ("（「『【〔(", -1, c) != NULL;
}

static gboolean
is_hiragana (gunichar c)
{
  return c >= 0x3041 && c <= 0x309F;
}

/* Particles: a lone one after a word ends the phrase (コードを|読み取る); any other lone kana is
 * the word's okurigana and the word goes on (読み取る, 申し出る). */
static gboolean
is_particle (gunichar c)
{
  return g_utf8_strchr ("をはがにでとのもへやか", -1, c) != NULL;
}

/* The honorific お/ご belongs to the kanji after it (ご連絡, お控え). */
static gboolean
is_honorific_before (const char *p)
{
  gunichar c = g_utf8_get_char (p);
  gunichar next = g_utf8_get_char (g_utf8_next_char (p));

  return (c == 0x304A /* お */ || c == 0x3054 /* ご */) && g_unichar_isalpha (next)
         && !is_hiragana (next) && !(next >= 0x30A0 && next <= 0x30FF);
}

/* Whether a phrase (文節) starts at `p`: a word of kanji, katakana or Latin letters starts one
 * after the kana that ended the last (活動を|始めたい), an opening bracket or a space does too, and
 * so does anything after a full stop or comma. `tail` counts the kana since the last word. */
static gboolean
starts_phrase (const char *text,
               const char *p,
               guint       tail)
{
  gunichar c, b;

  if (p == text)
    return FALSE;
  c = g_utf8_get_char (p);
  b = g_utf8_get_char (g_utf8_prev_char (p));
  if (!mdg_phrases_may_start_line (c) || never_ends_line (b))
    return FALSE;
  if (g_unichar_isspace (c) || g_unichar_isspace (b) || never_ends_line (c))
    return TRUE;
  if (g_utf8_strchr ("。、，！？", -1, b) != NULL)
    return TRUE;
  if (is_hiragana (c))
    return is_honorific_before (p) && is_hiragana (b);
  if (!is_hiragana (b))
    return FALSE;
  /* After kana: a new word, unless that kana was the honorific or one okurigana. */
  if (is_honorific_before (g_utf8_prev_char (p)))
    return FALSE;
  return tail != 1 || is_particle (b);
}

/* Ordinary Japanese has no spaces: Pango may break between any two characters. Keep each phrase
 * (a word with its okurigana and particles: ご連絡します, コーディネーターから) and a short bracketed
 * group (（3つまで）) whole, and never start a line with 。、）or a small kana. */
static PangoAttrList *
japanese_attributes (const char *text)
{
  PangoAttrList *attributes = pango_attr_list_new ();
  const char *prev = NULL;
  const char *phrase = text;
  const char *bracket = NULL;
  guint tail = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (starts_phrase (text, p, tail))
        {
          if (g_utf8_strlen (phrase, p - phrase) <= MAX_PHRASE_CHARS)
            keep_whole (attributes, text, phrase, p);
          phrase = p;
        }
      tail = is_hiragana (c) ? tail + 1 : 0;
      /* Longer phrases may break anywhere, but still not before 。 nor after （. */
      if (prev != NULL && (!mdg_phrases_may_start_line (c) || never_ends_line (g_utf8_get_char (prev))))
        keep_whole (attributes, text, prev, next);
      if (c == 0xFF08 /* （ */ || c == 0x300C /* 「 */)
        bracket = p;
      if ((c == 0xFF09 /* ） */ || c == 0x300D /* 」 */) && bracket != NULL)
        {
          if (g_utf8_strlen (bracket, next - bracket) <= MAX_GROUP_CHARS)
            keep_whole (attributes, text, bracket, next);
          bracket = NULL;
        }
      prev = p;
    }
  if (g_utf8_strlen (phrase, -1) <= MAX_PHRASE_CHARS)
    keep_whole (attributes, text, phrase, phrase + strlen (phrase));
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
      gunichar c = g_utf8_get_char (p);
      gboolean space = *p == '\0' || g_unichar_isspace (c);
      /* A comma or full stop ends a phrase too (コーディネーターが、|たすけて). */
      gboolean after_stop = p > text && g_utf8_strchr ("、。", -1, g_utf8_get_char (g_utf8_prev_char (p)))
                            && mdg_phrases_may_start_line (c);

      if (start != NULL && (space || after_stop))
        {
          if (g_utf8_strlen (start, p - start) <= MAX_PHRASE_CHARS)
            keep_whole (attributes, text, start, p);
          start = NULL;
        }
      if (!space && start == NULL)
        start = p;
      if (*p == '\0')
        break;
    }
  return attributes;
}
