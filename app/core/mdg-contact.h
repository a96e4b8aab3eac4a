/* mdg-contact.h: the visitor's contact details and the checks on them. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MDG_CONTACT_NAME,
  MDG_CONTACT_PHONE,
  MDG_CONTACT_EMAIL,
  MDG_CONTACT_TIME,
  MDG_CONTACT_READING, /* the name in katakana, as it is read (フリガナ) */
  MDG_CONTACT_N_FIELDS,
} MdgContactField;

typedef struct
{
  gboolean consent;
  char *fields[MDG_CONTACT_N_FIELDS];
} MdgContact;

void      mdg_contact_clear          (MdgContact *contact);
gboolean  mdg_contact_phone_is_valid (const char *phone);
gboolean  mdg_contact_email_is_valid (const char *email);
gboolean  mdg_contact_is_storable    (const MdgContact *contact);
gboolean  mdg_contact_has_any        (const MdgContact *contact);
char     *mdg_contact_normalize      (const char *value);
char     *mdg_contact_normalize_field (MdgContactField field,
                                       const char     *value);

G_END_DECLS
