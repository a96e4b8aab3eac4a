/* mdg-watchdog.h: tells systemd the kiosk is up and that its main loop still turns. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MDG_TYPE_WATCHDOG (mdg_watchdog_get_type ())
G_DECLARE_FINAL_TYPE (MdgWatchdog, mdg_watchdog, MDG, WATCHDOG, GObject)

MdgWatchdog *mdg_watchdog_new          (void);
guint64      mdg_watchdog_get_interval (MdgWatchdog *self);

G_END_DECLS
