/* mdg-i18n.h: the offered languages (ja, ja-easy, en) and translation of flow strings. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *id;       /* ja, ja-easy, en: --language, {lang}, settings keys, the store */
  const char *catalogs; /* LANGUAGE for gettext: catalogs in order of preference */
  const char *locale;   /* an LC_MESSAGES locale in which LANGUAGE works */
  const char *fallback; /* the language whose per-language settings stand in; NULL for none */
  const char *name;     /* the language's name in its own words, for the header */
  const char *script;   /* the Pango language that picks its glyph forms */
  gboolean spaced;      /* phrases are separated by spaces (分かち書き): break lines only there */
} MdgLanguage;

const MdgLanguage *mdg_i18n_get_languages  (guint      *n_languages);
const MdgLanguage *mdg_i18n_lookup         (const char *id);
char        *mdg_i18n_describe_supported  (void);
void         mdg_i18n_settings_order      (const char  *language,
                                           const char **order);

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
