/* mdg-admin-module.h: madoguchi-admin's two loadable parts, opened only by the commands that
 * need them, so that every other command starts without loading cairo, pango or libpq. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-flow.h"
#include "mdg-inquiry.h"
#include "mdg-store.h"

G_BEGIN_DECLS

/* madoguchi-admin-slip.so: the slip drawn with cairo and pango (slip). `paper` is an
 * MdgSlipPaper, as the slip-paper setting's enum holds it. */
typedef struct
{
  gboolean (*paper_from_string) (const char *name,
                                 int        *paper);
  /* Writes the slip to `pdf`, or prints it on `queue` and marks it printed, then says so. */
  gboolean (*output)            (MdgStore   *store,
                                 MdgInquiry *inquiry,
                                 MdgFlow    *flow,
                                 GSettings  *settings,
                                 int         paper,
                                 const char *pdf,
                                 const char *queue,
                                 GError    **error);
} MdgAdminSlip;

/* madoguchi-admin-city.so: the city-wide view over libpq (list/export --pg); see mdg-pg-city.h. */
typedef struct
{
  GPtrArray *(*read)   (const char    *pg,
                        const char    *pg_file,
                        const char    *from,
                        const char    *to,
                        const char    *center,
                        GError       **error);
  gboolean   (*export) (GPtrArray     *rows,
                        MdgFlow       *flow,
                        const char    *language,
                        GOutputStream *out,
                        GError       **error);
} MdgAdminCity;

const MdgAdminSlip *mdg_admin_slip_load (GError **error);
const MdgAdminCity *mdg_admin_city_load (GError **error);

G_END_DECLS
