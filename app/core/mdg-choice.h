/* mdg-choice.h: one answer a visitor can tap on a step of the flow. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

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

G_END_DECLS
