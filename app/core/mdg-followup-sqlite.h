/* mdg-followup-sqlite.h: the follow-up page's data read from the kiosk's SQLite file. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-followup-source.h"

G_BEGIN_DECLS

#define MDG_TYPE_FOLLOWUP_SQLITE (mdg_followup_sqlite_get_type ())
G_DECLARE_FINAL_TYPE (MdgFollowupSqlite, mdg_followup_sqlite, MDG, FOLLOWUP_SQLITE, GObject)

MdgFollowupSource *mdg_followup_sqlite_open (const char  *path,
                                             GError     **error);

G_END_DECLS
