/* mdg-sync-central.h: one kiosk's batch sent to the central database, and central staff's
 * changes brought back. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-pg.h"
#include "mdg-sync-log.h"

G_BEGIN_DECLS

gboolean mdg_sync_central_push (PGconn        *conn,
                                const char    *center,
                                MdgSyncBatch  *batch,
                                GError       **error);
gboolean mdg_sync_central_pull (PGconn        *conn,
                                MdgStore      *store,
                                const char    *center,
                                guint         *n_applied,
                                GError       **error);

G_END_DECLS
