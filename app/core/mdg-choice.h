/* mdg-choice.h: one answer a visitor can tap on a step of the flow. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What the program does with a follow-up choice. */
typedef enum
{
  MDG_CHOICE_ROLE_NONE,
  MDG_CHOICE_ROLE_QR,      /* the visitor checks later with the QR code */
  MDG_CHOICE_ROLE_CONTACT, /* a coordinator contacts the visitor */
  MDG_CHOICE_ROLE_NOW,     /* the visitor waits to talk at the desk */
  MDG_CHOICE_ROLE_NEEDS,   /* a purpose whose visitor looks for what organisations offer */
  MDG_CHOICE_ROLE_TAKES_OFFERS, /* a kind of organisation that runs activities, so can take up
                                 * an offer of space, skills, funds, time or goods */
  MDG_CHOICE_ROLE_N,
} MdgChoiceRole;

#define MDG_TYPE_CHOICE (mdg_choice_get_type ())
G_DECLARE_FINAL_TYPE (MdgChoice, mdg_choice, MDG, CHOICE, GObject)

MdgChoice  *mdg_choice_new       (const char *id,
                                  const char *label,
                                  const char *next);
const char *mdg_choice_get_id    (MdgChoice *self);
const char *mdg_choice_get_label (MdgChoice *self);
const char *mdg_choice_get_label_in (MdgChoice  *self,
                                     const char *language);
const char *mdg_choice_get_next  (MdgChoice *self);
const char *mdg_choice_get_desk_label_in (MdgChoice  *self,
                                          const char *language);
void        mdg_choice_set_desk_label    (MdgChoice  *self,
                                          const char *label);
MdgChoiceRole mdg_choice_get_role (MdgChoice *self);
void        mdg_choice_set_role  (MdgChoice    *self,
                                  MdgChoiceRole role);
const char *mdg_choice_role_to_string   (MdgChoiceRole  role);
gboolean    mdg_choice_role_from_string (const char    *name,
                                         MdgChoiceRole *role);

G_END_DECLS
