/* mdg-converter.h: kana to kanji conversion through anthy, for the on-screen keyboard. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MDG_TYPE_CONVERTER (mdg_converter_get_type ())

G_DECLARE_FINAL_TYPE (MdgConverter, mdg_converter, MDG, CONVERTER, GObject)

MdgConverter *mdg_converter_new     (GError      **error);
GStrv         mdg_converter_convert (MdgConverter *self,
                                     const char   *reading,
                                     guint         max_candidates);

G_END_DECLS
