/* mdg-pg-city.h: the city-wide view: every center's inquiries of some days, read from the
 * central database, as rows for a table or as CSV. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-flow.h"
#include "mdg-inquiry.h"

G_BEGIN_DECLS

/* One inquiry and the center it came from. */
typedef struct
{
  char *center;
  MdgInquiry *inquiry;
} MdgCityRow;

GPtrArray *mdg_pg_city_read   (const char    *pg,
                               const char    *pg_file,
                               const char    *from,
                               const char    *to,
                               const char    *center,
                               GError       **error);
gboolean   mdg_pg_city_export (GPtrArray     *rows,
                               MdgFlow       *flow,
                               const char    *language,
                               GOutputStream *out,
                               GError       **error);

G_END_DECLS
