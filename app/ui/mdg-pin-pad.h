/* mdg-pin-pad.h: the staff PIN pad between the kiosk and the staff desk. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-store.h"

G_BEGIN_DECLS

#define MDG_TYPE_PIN_PAD (mdg_pin_pad_get_type ())
G_DECLARE_FINAL_TYPE (MdgPinPad, mdg_pin_pad, MDG, PIN_PAD, GtkWidget)

MdgPinPad *mdg_pin_pad_new (MdgStore *store);

G_END_DECLS
