/* mdg-i18n.c: the offered languages, and switching between them through gettext. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "mdg-i18n.h"

/* GNU gettext caches translations; this counter tells it that LANGUAGE changed. */
extern int _nl_msg_cat_cntr;

/* The languages the kiosk offers, in the header's order. A new one is a po file (its catalog
 * name in po/LINGUAS) and one line here. */
static const MdgLanguage languages[] = {
  { "ja", "ja", "ja_JP.UTF-8", NULL, "日本語", "ja", FALSE },
  { "ja-easy", "ja@easy:ja", "ja_JP.UTF-8", "ja", "やさしい にほんご", "ja", TRUE },
  { "en", "en", "en_US.UTF-8", NULL, "English", "en", FALSE },
};

static const MdgLanguage *current = &languages[0];

const MdgLanguage *
mdg_i18n_get_languages (guint *n_languages)
{
  g_return_val_if_fail (n_languages != NULL, NULL);

  *n_languages = G_N_ELEMENTS (languages);
  return languages;
}

/* The offered language with this id, else NULL. */
const MdgLanguage *
mdg_i18n_lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (languages); i++)
    if (strcmp (languages[i].id, id) == 0)
      return &languages[i];
  return NULL;
}

gboolean
mdg_i18n_is_supported (const char *language)
{
  return mdg_i18n_lookup (language) != NULL;
}

/* "ja, ja-easy or en", for the messages that refuse any other. */
char *
mdg_i18n_describe_supported (void)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    g_string_append_printf (text, "%s%s", i == 0 ? "" : i + 1 < G_N_ELEMENTS (languages) ? ", "
                                                                                       : " or ",
                            languages[i].id);
  return g_string_free (text, FALSE);
}

/* The languages whose per-language settings stand for `language`, most wanted first: itself, its
 * fallback, then Japanese. */
void
mdg_i18n_settings_order (const char  *language,
                         const char **order)
{
  const MdgLanguage *entry = mdg_i18n_lookup (language);

  order[0] = language;
  order[1] = entry != NULL ? entry->fallback : NULL;
  order[2] = "ja";
}

static gboolean
locale_translates (const char *locale)
{
  return locale != NULL && strcmp (locale, "C") != 0 && strcmp (locale, "POSIX") != 0
         && !g_str_has_prefix (locale, "C.");
}

/* glibc ignores LANGUAGE in the C locale, so LC_MESSAGES must be a real one: the environment's,
 * else the language's own, else any offered language's. */
static void
ensure_messages_locale (const MdgLanguage *language)
{
  if (locale_translates (setlocale (LC_MESSAGES, NULL)))
    return;
  if (setlocale (LC_MESSAGES, language->locale) != NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (setlocale (LC_MESSAGES, languages[i].locale) != NULL)
      return;
}

void
mdg_i18n_init (void)
{
  /* GLib 2.74 makes the C locale of g_ascii_strto* at their first call, under its global once
   * lock; a thread that waits there for another (dconf's, making its types) can come back with
   * errno set, and g_ascii_string_to_unsigned then refuses a good number: the built-in flow
   * failed with "invalid max 3" beside the dconf backend. Made here, before any thread. */
  g_ascii_strtoull ("0", NULL, 10);
  setlocale (LC_ALL, "");
  ensure_messages_locale (&languages[G_N_ELEMENTS (languages) - 1]);
  if (!locale_translates (setlocale (LC_CTYPE, NULL)))
    setlocale (LC_CTYPE, "C.UTF-8");

  /* MADOGUCHI_LOCALEDIR lets the build tree and the tests run uninstalled. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MADOGUCHI_LOCALEDIR") != NULL
                                     ? g_getenv ("MADOGUCHI_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* Whether a locale name such as ja_JP.UTF-8@easy names the catalog ja@easy: same language part
 * and same modifier. */
static gboolean
names_catalog (const char *name,
               const char *catalog)
{
  const char *name_at = strchr (name, '@');
  const char *catalog_at = strchr (catalog, '@');
  gsize name_len = strcspn (name, "_.@");
  gsize catalog_len = strcspn (catalog, "_.@:");

  if (name_len != catalog_len || strncmp (name, catalog, name_len) != 0)
    return FALSE;
  if (name_at == NULL || catalog_at == NULL)
    return name_at == NULL && catalog_at == NULL;
  return strncmp (name_at, catalog_at, strcspn (catalog_at, ":")) == 0
         && name_at[strcspn (catalog_at, ":")] == '\0';
}

/* The first offered language the environment asks for, else Japanese. */
const char *
mdg_i18n_default_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    for (guint k = 0; k < G_N_ELEMENTS (languages); k++)
      if (names_catalog (names[i], languages[k].catalogs))
        return languages[k].id;
  return languages[0].id;
}

/* The one place that switches the process's language; the application calls it when its
 * language changes. */
void
mdg_i18n_set_language (const char *language)
{
  const MdgLanguage *entry = mdg_i18n_lookup (language);

  g_return_if_fail (entry != NULL);

  current = entry;
  ensure_messages_locale (entry);
  g_setenv ("LANGUAGE", entry->catalogs, TRUE);
  ++_nl_msg_cat_cntr;
}

const char *
mdg_i18n_get_language (void)
{
  return current->id;
}


/* xgettext's ITS extraction keeps &, < and > escaped in the msgid, so look those up escaped. */
static char *
its_msgid (const char *source)
{
  GString *msgid = g_string_new (NULL);

  for (const char *p = source; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&':
          g_string_append (msgid, "&amp;");
          break;
        case '<':
          g_string_append (msgid, "&lt;");
          break;
        case '>':
          g_string_append (msgid, "&gt;");
          break;
        default:
          g_string_append_c (msgid, *p);
        }
    }
  return g_string_free (msgid, FALSE);
}

/* Translates an English source text into the current language. */
const char *
mdg_i18n_translate (const char *source)
{
  g_autofree char *msgid = NULL;
  const char *translated;

  if (source == NULL || *source == '\0')
    return "";
  if (strpbrk (source, "&<>") == NULL)
    return g_dgettext (GETTEXT_PACKAGE, source);

  msgid = its_msgid (source);
  translated = g_dgettext (GETTEXT_PACKAGE, msgid);
  return translated == msgid ? source : translated;
}

/* Runs lookup with LANGUAGE set to `language`'s catalogs, then puts LANGUAGE back as it was:
 * the slip and the CSV speak the visitor's or the staff's language whatever the process's current
 * one is. LANGUAGE is unset until the first mdg_i18n_set_language (madoguchi-admin never calls
 * it), so compare and restore it rather than `current`. */
static const char *
with_language (const char *language,
               const char *(*lookup) (const char *, const char *, gulong),
               const char *singular,
               const char *plural,
               gulong      n)
{
  const MdgLanguage *entry = mdg_i18n_lookup (language);
  g_autofree char *previous = g_strdup (g_getenv ("LANGUAGE"));
  const char *translated;

  if (entry == NULL)
    return lookup (singular, plural, n);
  ensure_messages_locale (entry);
  if (g_strcmp0 (entry->catalogs, previous) == 0)
    return lookup (singular, plural, n);

  g_setenv ("LANGUAGE", entry->catalogs, TRUE);
  ++_nl_msg_cat_cntr;
  translated = lookup (singular, plural, n);
  if (previous != NULL)
    g_setenv ("LANGUAGE", previous, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  ++_nl_msg_cat_cntr;
  return translated;
}

static const char *
lookup_one (const char *source,
            const char *unused,
            gulong      n)
{
  return mdg_i18n_translate (source);
}

static const char *
lookup_plural (const char *singular,
               const char *plural,
               gulong      n)
{
  return g_dngettext (GETTEXT_PACKAGE, singular, plural, n);
}

const char *
mdg_i18n_translate_in (const char *language,
                       const char *source)
{
  return with_language (language, lookup_one, source, NULL, 0);
}

/* The singular or plural form for n, in `language`. */
const char *
mdg_i18n_translate_plural_in (const char *language,
                              const char *singular,
                              const char *plural,
                              gulong      n)
{
  return with_language (language, lookup_plural, singular, plural, n);
}
