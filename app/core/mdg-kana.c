/* mdg-kana.c: the kana keyboard's composition rules: voicing marks, small kana, katakana. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mdg-kana.h"

/* Hiragana U+3041..U+3096 and katakana U+30A1..U+30F6 lie 0x60 apart. */
#define KATAKANA_OFFSET 0x60

typedef struct
{
  gunichar plain;
  gunichar marked;
} KanaPair;

static const KanaPair voiced[] = {
  { 0x304B, 0x304C }, { 0x304D, 0x304E }, { 0x304F, 0x3050 }, { 0x3051, 0x3052 }, /* か き く け */
  { 0x3053, 0x3054 }, { 0x3055, 0x3056 }, { 0x3057, 0x3058 }, { 0x3059, 0x305A }, /* こ さ し す */
  { 0x305B, 0x305C }, { 0x305D, 0x305E }, { 0x305F, 0x3060 }, { 0x3061, 0x3062 }, /* せ そ た ち */
  { 0x3064, 0x3065 }, { 0x3066, 0x3067 }, { 0x3068, 0x3069 }, { 0x306F, 0x3070 }, /* つ て と は */
  { 0x3072, 0x3073 }, { 0x3075, 0x3076 }, { 0x3078, 0x3079 }, { 0x307B, 0x307C }, /* ひ ふ へ ほ */
  { 0x3046, 0x3094 },                                                             /* う → ゔ */
  { 0x3063, 0x3065 },                                                             /* っ → づ */
  { 0x3071, 0x3070 }, { 0x3074, 0x3073 }, { 0x3077, 0x3076 }, { 0x307A, 0x3079 }, /* ぱ → ば */
  { 0x307D, 0x307C },
};

static const KanaPair semi_voiced[] = {
  { 0x306F, 0x3071 }, { 0x3072, 0x3074 }, { 0x3075, 0x3077 }, { 0x3078, 0x307A }, /* は ひ ふ へ */
  { 0x307B, 0x307D },                                                             /* ほ */
  { 0x3070, 0x3071 }, { 0x3073, 0x3074 }, { 0x3076, 0x3077 }, { 0x3079, 0x307A }, /* ば → ぱ */
  { 0x307C, 0x307D },
};

static const KanaPair small[] = {
  { 0x3042, 0x3041 }, { 0x3044, 0x3043 }, { 0x3046, 0x3045 }, { 0x3048, 0x3047 }, /* あ い う え */
  { 0x304A, 0x3049 }, { 0x3064, 0x3063 }, { 0x3084, 0x3083 }, { 0x3086, 0x3085 }, /* お つ や ゆ */
  { 0x3088, 0x3087 }, { 0x308F, 0x308E }, { 0x304B, 0x3095 }, { 0x3051, 0x3096 }, /* よ わ か け */
};

gboolean
mdg_kana_is_kana (gunichar c)
{
  return (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30F6) || c == 0x30FC;
}

/* A second tap undoes the first: だ + ゛ gives た back, as on a phone's kana pad. */
static gunichar
toggle (const KanaPair *pairs,
        gsize           n_pairs,
        gunichar        c)
{
  for (gsize i = 0; i < n_pairs; i++)
    if (pairs[i].plain == c)
      return pairs[i].marked;
  for (gsize i = 0; i < n_pairs; i++)
    if (pairs[i].marked == c)
      return pairs[i].plain;
  return 0;
}

static const char *
last_char (GString *composition)
{
  if (composition->len == 0)
    return NULL;
  return g_utf8_find_prev_char (composition->str, composition->str + composition->len);
}

gboolean
mdg_kana_apply_mark (GString     *composition,
                     MdgKanaMark  mark)
{
  const char *last;
  gunichar c, hiragana, changed = 0;
  gboolean katakana;

  g_return_val_if_fail (composition != NULL, FALSE);

  last = last_char (composition);
  if (last == NULL)
    return FALSE;
  c = g_utf8_get_char (last);
  katakana = c >= 0x30A1 && c <= 0x30F6;
  hiragana = katakana ? c - KATAKANA_OFFSET : c;
  switch (mark)
    {
    case MDG_KANA_VOICED:
      changed = toggle (voiced, G_N_ELEMENTS (voiced), hiragana);
      break;
    case MDG_KANA_SEMI_VOICED:
      changed = toggle (semi_voiced, G_N_ELEMENTS (semi_voiced), hiragana);
      break;
    case MDG_KANA_SMALL:
      changed = toggle (small, G_N_ELEMENTS (small), hiragana);
      break;
    default:
      g_return_val_if_reached (FALSE);
    }
  if (changed == 0)
    return FALSE;
  g_string_truncate (composition, last - composition->str);
  g_string_append_unichar (composition, katakana ? changed + KATAKANA_OFFSET : changed);
  return TRUE;
}

gboolean
mdg_kana_delete_last (GString *composition)
{
  const char *last;

  g_return_val_if_fail (composition != NULL, FALSE);

  last = last_char (composition);
  if (last == NULL)
    return FALSE;
  g_string_truncate (composition, last - composition->str);
  return TRUE;
}

char *
mdg_kana_to_katakana (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, c >= 0x3041 && c <= 0x3096 ? c + KATAKANA_OFFSET : c);
    }
  return g_string_free (out, FALSE);
}
