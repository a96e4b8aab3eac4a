/* mdg-kana.h: the kana keyboard's composition rules: voicing marks, small kana, katakana. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MDG_KANA_VOICED,      /* ゛: た → だ */
  MDG_KANA_SEMI_VOICED, /* ゜: は → ぱ */
  MDG_KANA_SMALL,       /* 小: つ → っ */
} MdgKanaMark;

gboolean  mdg_kana_apply_mark     (GString     *composition,
                                   MdgKanaMark  mark);
gboolean  mdg_kana_delete_last    (GString     *composition);
char     *mdg_kana_to_katakana    (const char  *text);
gboolean  mdg_kana_is_kana        (gunichar     c);

G_END_DECLS
