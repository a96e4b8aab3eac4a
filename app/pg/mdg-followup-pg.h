/* mdg-followup-pg.h: the follow-up page's data read from the city's central PostgreSQL. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-followup-source.h"

G_BEGIN_DECLS

#define MDG_TYPE_FOLLOWUP_PG (mdg_followup_pg_get_type ())
G_DECLARE_FINAL_TYPE (MdgFollowupPg, mdg_followup_pg, MDG, FOLLOWUP_PG, GObject)

MdgFollowupSource *mdg_followup_pg_open (const char  *conninfo,
                                         const char  *center,
                                         GError     **error);

G_END_DECLS
