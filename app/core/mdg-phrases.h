/* mdg-phrases.h: where a line may break in a language written with spaces between phrases. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

PangoAttrList *mdg_phrases_attributes     (const char *language,
                                           const char *text);
gboolean       mdg_phrases_may_start_line (gunichar    c);

G_END_DECLS
