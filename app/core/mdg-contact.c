/* mdg-contact.c: the visitor's contact details and the checks on them. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mdg-contact.h"
#include "mdg-kana.h"

void
mdg_contact_clear (MdgContact *contact)
{
  contact->consent = FALSE;
  for (guint i = 0; i < MDG_CONTACT_N_FIELDS; i++)
    g_clear_pointer (&contact->fields[i], g_free);
}

/* Full-width digits and letters, as a Japanese input method types them, become ASCII. */
char *
mdg_contact_normalize (const char *value)
{
  g_autofree char *folded = NULL;

  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    return g_strdup ("");
  folded = g_utf8_normalize (value, -1, G_NORMALIZE_ALL_COMPOSE);
  return g_strstrip (g_steal_pointer (&folded));
}

/* Dashes a Japanese keyboard types between the groups of a number (ー in kana mode, −, ‐, –…). */
static gboolean
is_dash (gunichar c)
{
  return c == 0x30FC || c == 0x2212 || (c >= 0x2010 && c <= 0x2015) || c == 0xFE63;
}

/* As mdg_contact_normalize; a phone number's dashes also become ASCII hyphens, and a reading
 * typed in hiragana becomes katakana, as the staff read it. */
char *
mdg_contact_normalize_field (MdgContactField field,
                             const char     *value)
{
  g_autofree char *normal = mdg_contact_normalize (value);
  GString *folded;

  if (field == MDG_CONTACT_READING)
    return mdg_kana_to_katakana (normal);
  if (field != MDG_CONTACT_PHONE)
    return g_steal_pointer (&normal);
  folded = g_string_sized_new (strlen (normal));
  for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_dash (c))
        g_string_append_c (folded, '-');
      else
        g_string_append_unichar (folded, c);
    }
  return g_string_free (folded, FALSE);
}

/* Japanese numbers have 10 or 11 digits; international ones up to 15 (E.164). */
gboolean
mdg_contact_phone_is_valid (const char *phone)
{
  g_autofree char *value = mdg_contact_normalize_field (MDG_CONTACT_PHONE, phone);
  guint digits = 0;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p == '+' && p == value)
        continue;
      else if (strchr (" -()", *p) == NULL)
        return FALSE;
    }
  return digits >= 10 && digits <= 15;
}

gboolean
mdg_contact_email_is_valid (const char *email)
{
  g_autofree char *value = mdg_contact_normalize (email);
  const char *at = strchr (value, '@');
  const char *dot;

  if (at == NULL || at == value || strchr (at + 1, '@') != NULL || strlen (value) > 254)
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || (guchar) *p >= 0x7f || strchr ("<>()[]\\,;:\"", *p) != NULL)
      return FALSE;
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0' && dot[1] != '.';
}

/* Whether the visitor has typed anything at all. */
gboolean
mdg_contact_has_any (const MdgContact *contact)
{
  for (guint i = 0; i < MDG_CONTACT_N_FIELDS; i++)
    if (contact->fields[i] != NULL && *contact->fields[i] != '\0')
      return TRUE;
  return FALSE;
}

/* Details are kept only with consent and a way to reach the visitor, each well formed. */
gboolean
mdg_contact_is_storable (const MdgContact *contact)
{
  const char *phone = contact->fields[MDG_CONTACT_PHONE];
  const char *email = contact->fields[MDG_CONTACT_EMAIL];
  gboolean has_phone = phone != NULL && *phone != '\0';
  gboolean has_email = email != NULL && *email != '\0';

  if (!contact->consent || (!has_phone && !has_email))
    return FALSE;
  return (!has_phone || mdg_contact_phone_is_valid (phone))
         && (!has_email || mdg_contact_email_is_valid (email));
}
