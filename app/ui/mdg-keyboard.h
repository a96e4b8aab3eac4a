/* mdg-keyboard.h: the on-screen keyboard: 50-sound kana with anthy conversion, ABC, 123, phone pad. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-converter.h"

G_BEGIN_DECLS

#define MDG_TYPE_KEYBOARD (mdg_keyboard_get_type ())
G_DECLARE_FINAL_TYPE (MdgKeyboard, mdg_keyboard, MDG, KEYBOARD, GtkWidget)

gboolean    mdg_keyboard_field_accepts  (GtkWidget    *widget);
void        mdg_keyboard_set_target     (MdgKeyboard  *self,
                                         GtkWidget    *target);
GtkWidget  *mdg_keyboard_get_target     (MdgKeyboard  *self);
void        mdg_keyboard_set_converter  (MdgKeyboard  *self,
                                         MdgConverter *converter);
void        mdg_keyboard_reset          (MdgKeyboard  *self);
void        mdg_keyboard_build_keys     (MdgKeyboard  *self);
const char *mdg_keyboard_get_layout     (MdgKeyboard  *self);
const char *mdg_keyboard_get_composition (MdgKeyboard *self);

G_END_DECLS
