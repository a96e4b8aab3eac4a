/* mdg-admin-city.c: the module behind madoguchi-admin's --pg, the only admin code on libpq. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gmodule.h>

#include "mdg-admin-module.h"
#include "mdg-pg-city.h"

G_MODULE_EXPORT extern const MdgAdminCity mdg_admin_city;
G_MODULE_EXPORT const MdgAdminCity mdg_admin_city = { mdg_pg_city_read, mdg_pg_city_export };
