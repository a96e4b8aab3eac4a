/* mdg-city-window.h: the staff desk's read-only city-wide day, every center's inquiries read
 * through madoguchi-admin export --pg in another process, so the desk never waits on it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MDG_CITY_WINDOW_TIMEOUT_SECONDS 30

#define MDG_TYPE_CITY_WINDOW (mdg_city_window_get_type ())
G_DECLARE_FINAL_TYPE (MdgCityWindow, mdg_city_window, MDG, CITY_WINDOW, GtkWindow)

MdgCityWindow *mdg_city_window_new       (const char    *conninfo,
                                          const char    *day,
                                          const char    *admin_program);
GListModel    *mdg_city_window_get_rows  (MdgCityWindow *self);
gboolean       mdg_city_window_is_loading (MdgCityWindow *self);
const char    *mdg_city_window_get_message (MdgCityWindow *self);

G_END_DECLS
