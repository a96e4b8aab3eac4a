/* mdg-city-entry.h: one row of the city-wide day, as madoguchi-admin export --pg writes it,
 * for the staff desk's read-only view; the desk never talks to PostgreSQL itself. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MDG_TYPE_CITY_ENTRY (mdg_city_entry_get_type ())
G_DECLARE_FINAL_TYPE (MdgCityEntry, mdg_city_entry, MDG, CITY_ENTRY, GObject)

const char *mdg_city_entry_get_center (MdgCityEntry *self);
const char *mdg_city_entry_get_number (MdgCityEntry *self);
GListStore *mdg_city_entries_from_csv (const char   *csv,
                                       const char   *language,
                                       GError      **error);

G_END_DECLS
