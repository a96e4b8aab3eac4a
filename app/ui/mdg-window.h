/* mdg-window.h: the kiosk's one window; it owns the visit and shows its current step. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-application.h"
#include "mdg-idle-watch.h"
#include "mdg-slip-printer.h"
#include "mdg-visit.h"

G_BEGIN_DECLS

#define MDG_TYPE_WINDOW (mdg_window_get_type ())
G_DECLARE_FINAL_TYPE (MdgWindow, mdg_window, MDG, WINDOW, GtkApplicationWindow)

MdgWindow    *mdg_window_new            (MdgApplication *application);
MdgVisit     *mdg_window_get_visit      (MdgWindow      *self);
MdgIdleWatch *mdg_window_get_idle_watch (MdgWindow      *self);
MdgSlipPrinter *mdg_window_get_slip_printer (MdgWindow   *self);
void          mdg_window_set_language   (MdgWindow      *self,
                                         const char     *language);

G_END_DECLS
