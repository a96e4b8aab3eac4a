/* mdg-store-maintenance.h: the store's upkeep: full integrity check, online backup and the
 * erasing of contact details after the retention period. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-store.h"

G_BEGIN_DECLS

#define MDG_STORE_DEFAULT_RETENTION_DAYS 365
/* Backups taken before schema migrations, in backups/ beside the database. */
#define MDG_STORE_BACKUPS_KEPT 7

gboolean mdg_store_check       (MdgStore    *self,
                                GError     **error);
void     mdg_store_check_async (MdgStore           *self,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data);
gboolean mdg_store_check_finish (MdgStore    *self,
                                 GAsyncResult *result,
                                 GError     **error);
gboolean mdg_store_backup      (MdgStore    *self,
                                const char  *target,
                                GError     **error);
char    *mdg_store_backup_before_update (MdgStore  *self,
                                         gint64     from_version,
                                         GError   **error);
gboolean mdg_store_purge       (MdgStore    *self,
                                guint        retention_days,
                                GDateTime   *now,
                                guint       *n_erased,
                                GError     **error);
gboolean mdg_store_owns_file   (MdgStore    *self,
                                const char  *path);

G_END_DECLS
