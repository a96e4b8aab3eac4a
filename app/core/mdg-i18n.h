/* mdg-i18n.h: the visitor's language (ja or en) and translation of flow strings. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void         mdg_i18n_init            (void);
gboolean     mdg_i18n_is_supported    (const char *language);
const char  *mdg_i18n_default_language (void);
void         mdg_i18n_set_language    (const char *language);
const char  *mdg_i18n_get_language    (void);
const char  *mdg_i18n_translate       (const char *source);
const char  *mdg_i18n_translate_in    (const char *language,
                                       const char *source);

const char  *mdg_i18n_translate_plural_in (const char *language,
                                          const char *singular,
                                          const char *plural,
                                          gulong      n);

G_END_DECLS
