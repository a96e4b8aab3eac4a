/* mdg-followup.c: the follow-up page's address, from the followup-url template. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mdg-error.h"
#include "mdg-followup.h"
#include "mdg-i18n.h"
#include "mdg-qr.h"
#include "mdg-number.h"

static const char *placeholders[] = { "{number}", "{token}", "{lang}" };

/* The first {name} in the template that is not a placeholder we fill in, or NULL. */
static char *
find_unknown_placeholder (const char *url_template)
{
  for (const char *p = strchr (url_template, '{'); p != NULL; p = strchr (p + 1, '{'))
    {
      const char *end = strchr (p, '}');
      gboolean known = FALSE;

      if (end == NULL)
        return NULL;
      for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
        known |= strncmp (p, placeholders[i], strlen (placeholders[i])) == 0;
      if (!known)
        return g_strndup (p, end - p + 1);
    }
  return NULL;
}

/* A template the visitor's phone can open, that identifies the inquiry unguessably. */
gboolean
mdg_followup_check_template (const char *url_template,
                             GError    **error)
{
  g_autofree char *sample = NULL;
  g_autofree char *unknown = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (MdgQr) qr = NULL;

  if (url_template == NULL || *url_template == '\0')
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                           "The follow-up address (followup-url) is empty.");
      return FALSE;
    }
  if (strstr (url_template, "{token}") == NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "The follow-up address (followup-url) “%s” has no {token}.", url_template);
      return FALSE;
    }
  unknown = find_unknown_placeholder (url_template);
  if (unknown != NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "The follow-up address (followup-url) “%s” has an unknown %s; only {number}, "
                   "{token} and {lang} are filled in.", url_template, unknown);
      return FALSE;
    }
  /* The sample is as long as every real address: numbers, tokens and languages have one length. */
  sample = mdg_followup_build_url (url_template, "000000-001", "AAAAAAAAAAAAAAAAAAAAAA", "ja");
  uri = g_uri_parse (sample, G_URI_FLAGS_NONE, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "The follow-up address (followup-url) “%s” is not a valid http or https address.",
                   url_template);
      return FALSE;
    }
  if ((g_strcmp0 (g_uri_get_scheme (uri), "https") != 0
          && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "The follow-up address (followup-url) “%s” is not an http or https address.",
                   url_template);
      return FALSE;
    }
  qr = mdg_qr_new (sample, NULL);
  if (qr == NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "The follow-up address (followup-url) is too long for a QR code (%zu characters); "
                   "use a shorter address.", strlen (sample));
      return FALSE;
    }
  return TRUE;
}

char *
mdg_followup_build_url (const char *url_template,
                        const char *number,
                        const char *token,
                        const char *language)
{
  const struct { const char *name; const char *value; } fields[] = {
    { "{number}", number }, { "{token}", token }, { "{lang}", language },
  };
  GString *url;

  g_return_val_if_fail (url_template != NULL, NULL);

  url = g_string_new (NULL);
  for (const char *p = url_template; *p != '\0';)
    {
      gsize plain = strcspn (p, "{"); /* a run without fields, copied at once */
      gboolean replaced = FALSE;

      g_string_append_len (url, p, plain);
      p += plain;
      if (*p == '\0')
        break;
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        {
          gsize len = strlen (fields[i].name);

          if (strncmp (p, fields[i].name, len) == 0)
            {
              g_string_append_uri_escaped (url, fields[i].value != NULL ? fields[i].value : "",
                                           NULL, FALSE);
              p += len;
              replaced = TRUE;
              break;
            }
        }
      if (!replaced)
        g_string_append_c (url, *p++);
    }
  return g_string_free (url, FALSE);
}

/* What happens next for the follow-up the visitor chose, in their language: said on the done
 * page and printed on the slip. NULL for the QR follow-up when there is no code to scan.
 * has_contact: contact details were kept (with consent). */
char *
mdg_followup_next_step (MdgChoiceRole followup,
                        const char *number,
                        gboolean    has_contact,
                        gboolean    has_code,
                        const char *language)
{
  /* Asked to be contacted but left no details we may keep: promise nothing we cannot do. */
  if (followup == MDG_CHOICE_ROLE_CONTACT && !has_contact)
    return g_strdup (mdg_i18n_translate_in (
      language, has_code ? N_("We have no way to reach you: please check later with the QR code, "
                              "or talk to the staff at the desk.")
                         : N_("We have no way to reach you: please talk to the staff at the desk.")));
  if (followup == MDG_CHOICE_ROLE_CONTACT)
    return g_strdup (mdg_i18n_translate_in (language, N_("A coordinator will contact you.")));
  if (followup == MDG_CHOICE_ROLE_NOW)
    return g_strdup_printf (
      mdg_i18n_translate_in (language, N_("Please wait to be called at the desk: number %s.")),
      mdg_number_call_part (number));
  if (!has_code)
    return NULL;
  return g_strdup (mdg_i18n_translate_in (
    language, N_("Scan the code with your phone to check how your inquiry is going.")));
}
