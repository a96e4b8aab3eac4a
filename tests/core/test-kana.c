/* test-kana.c: the kana keyboard's composition rules and anthy's conversions. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>

#include "mdg-converter.h"
#include "mdg-kana.h"

static char *
marked (const char *text, MdgKanaMark mark)
{
  GString *s = g_string_new (text);

  mdg_kana_apply_mark (s, mark);
  return g_string_free (s, FALSE);
}

Test (kana, voicing_marks_toggle_the_last_kana)
{
  g_autofree char *da = marked ("やまた", MDG_KANA_VOICED);
  g_autofree char *ta = marked ("やまだ", MDG_KANA_VOICED);
  g_autofree char *pa = marked ("は", MDG_KANA_SEMI_VOICED);
  g_autofree char *pa_from_ba = marked ("ば", MDG_KANA_SEMI_VOICED);
  g_autofree char *vu = marked ("う", MDG_KANA_VOICED);
  g_autofree char *katakana_da = marked ("タ", MDG_KANA_VOICED);
  g_autoptr (GString) no_mark = g_string_new ("あ");

  cr_assert_str_eq (da, "やまだ");
  cr_assert_str_eq (ta, "やまた");
  cr_assert_str_eq (pa, "ぱ");
  cr_assert_str_eq (pa_from_ba, "ぱ");
  cr_assert_str_eq (vu, "ゔ");
  cr_assert_str_eq (katakana_da, "ダ");
  cr_assert_not (mdg_kana_apply_mark (no_mark, MDG_KANA_VOICED), "あ has no voiced form");
  cr_assert_str_eq (no_mark->str, "あ");
}

Test (kana, small_kana_and_katakana)
{
  g_autofree char *tsu = marked ("きつ", MDG_KANA_SMALL);
  g_autofree char *ya = marked ("しや", MDG_KANA_SMALL);
  g_autofree char *back = marked ("っ", MDG_KANA_SMALL);
  g_autofree char *katakana = mdg_kana_to_katakana ("やまだ はなこー");
  g_autoptr (GString) empty = g_string_new (NULL);

  cr_assert_str_eq (tsu, "きっ");
  cr_assert_str_eq (ya, "しゃ");
  cr_assert_str_eq (back, "つ");
  cr_assert_str_eq (katakana, "ヤマダ ハナコー");
  cr_assert_not (mdg_kana_apply_mark (empty, MDG_KANA_SMALL));
}

Test (kana, delete_removes_one_character)
{
  g_autoptr (GString) s = g_string_new ("やまだ");

  cr_assert (mdg_kana_delete_last (s));
  cr_assert_str_eq (s->str, "やま");
  cr_assert (mdg_kana_delete_last (s));
  cr_assert (mdg_kana_delete_last (s));
  cr_assert_str_eq (s->str, "");
  cr_assert_not (mdg_kana_delete_last (s));
}

static void
assert_first (MdgConverter *converter, const char *reading, const char *expected)
{
  g_auto (GStrv) candidates = mdg_converter_convert (converter, reading, 20);

  cr_assert_not_null (candidates[0], "no candidate for %s", reading);
  cr_assert_str_eq (candidates[0], expected, "%s gave %s first", reading, candidates[0]);
}

Test (kana, anthy_converts_common_names)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgConverter) converter = mdg_converter_new (&error);
  g_auto (GStrv) sato = NULL;

  cr_assert_not_null (converter, "%s", error ? error->message : "");
  assert_first (converter, "やまだ", "山田");
  assert_first (converter, "たかはし", "高橋");
  assert_first (converter, "わたなべ", "渡辺");
  assert_first (converter, "よこはま", "横浜");
  sato = mdg_converter_convert (converter, "さとう", 20);
  cr_assert (g_strv_contains ((const char *const *) sato, "佐藤"), "佐藤 not among さとう's");
  cr_assert (g_strv_contains ((const char *const *) sato, "さとう"), "the kana themselves");
  cr_assert (g_strv_contains ((const char *const *) sato, "サトウ"), "the katakana");
}

Test (kana, anthy_learns_nothing_between_visitors)
{
  g_autoptr (MdgConverter) converter = mdg_converter_new (NULL);
  g_auto (GStrv) first = mdg_converter_convert (converter, "かんじ", 20);
  g_auto (GStrv) again = NULL;

  cr_assert_not_null (first[1]);
  /* Choosing the second candidate is done by the keyboard, which never tells anthy. */
  again = mdg_converter_convert (converter, "かんじ", 20);
  cr_assert (g_strv_equal ((const char *const *) first, (const char *const *) again));
}
