/* mdg-i18n.c: runtime switching between Japanese and English through gettext. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "mdg-i18n.h"

/* GNU gettext caches translations; this counter tells it that LANGUAGE changed. */
extern int _nl_msg_cat_cntr;

static char current_language[8] = "ja";

static gboolean
locale_translates (const char *locale)
{
  return locale != NULL && strcmp (locale, "C") != 0 && strcmp (locale, "POSIX") != 0
         && !g_str_has_prefix (locale, "C.");
}

/* glibc ignores LANGUAGE in the C locale, so make sure LC_MESSAGES is a real one. */
void
mdg_i18n_init (void)
{
  static const char *fallbacks[] = { "en_US.UTF-8", "ja_JP.UTF-8", "C.UTF-8" };

  setlocale (LC_ALL, "");
  if (!locale_translates (setlocale (LC_MESSAGES, NULL)))
    {
      for (guint i = 0; i < G_N_ELEMENTS (fallbacks); i++)
        if (setlocale (LC_MESSAGES, fallbacks[i]) != NULL)
          break;
    }
  if (!locale_translates (setlocale (LC_CTYPE, NULL)))
    setlocale (LC_CTYPE, "C.UTF-8");

  /* MADOGUCHI_LOCALEDIR lets the build tree and the tests run uninstalled. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MADOGUCHI_LOCALEDIR") != NULL
                                     ? g_getenv ("MADOGUCHI_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

gboolean
mdg_i18n_is_supported (const char *language)
{
  return g_strcmp0 (language, "ja") == 0 || g_strcmp0 (language, "en") == 0;
}

/* The first supported language the environment asks for, else Japanese. */
const char *
mdg_i18n_default_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "ja"))
        return "ja";
      if (g_str_has_prefix (names[i], "en"))
        return "en";
    }
  return "ja";
}

void
mdg_i18n_set_language (const char *language)
{
  g_return_if_fail (mdg_i18n_is_supported (language));

  g_strlcpy (current_language, language, sizeof current_language);
  g_setenv ("LANGUAGE", language, TRUE);
  ++_nl_msg_cat_cntr;
}

const char *
mdg_i18n_get_language (void)
{
  return current_language;
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

/* For the slip and the CSV, which speak the visitor's or the staff's language. LANGUAGE is what
 * gettext reads, and it is unset until the first mdg_i18n_set_language (madoguchi-admin never
 * calls it), so compare and restore it rather than current_language. */
/* Runs lookup with LANGUAGE set to `language`, then puts LANGUAGE back as it was. */
static const char *
with_language (const char *language,
               const char *(*lookup) (const char *, const char *, gulong),
               const char *singular,
               const char *plural,
               gulong      n)
{
  g_autofree char *previous = g_strdup (g_getenv ("LANGUAGE"));
  const char *translated;

  if (g_strcmp0 (language, previous) == 0)
    return lookup (singular, plural, n);

  g_setenv ("LANGUAGE", language, TRUE);
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
