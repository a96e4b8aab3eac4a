/* mdg-store-private.h: the store's SQLite handle and error mapping, for the core's other
 * store files (staff desk, export, retention); not for the UI. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "mdg-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

sqlite3      *mdg_store_get_db      (MdgStore    *self);
gboolean      mdg_store_fail        (MdgStore    *self,
                                     int          rc,
                                     const char  *doing,
                                     GError     **error);
sqlite3_stmt *mdg_store_prepare     (MdgStore    *self,
                                     const char  *sql,
                                     GError     **error);
gboolean      mdg_store_exec        (MdgStore    *self,
                                     const char  *sql,
                                     GError     **error);
gboolean      mdg_store_step_done   (MdgStore    *self,
                                     sqlite3_stmt *stmt,
                                     const char  *doing,
                                     GError     **error);
gboolean      mdg_store_rollback    (MdgStore    *self);
gboolean      mdg_store_query_int   (MdgStore    *self,
                                     const char  *sql,
                                     gint64      *value,
                                     const char  *doing,
                                     GError     **error);
void          mdg_store_bind_text_or_null (sqlite3_stmt *stmt,
                                           int           index,
                                           const char   *text);
char         *mdg_store_get_setting (MdgStore    *self,
                                     const char  *key,
                                     GError     **error);
gboolean      mdg_store_put_setting (MdgStore    *self,
                                     const char  *key,
                                     const char  *value,
                                     GError     **error);

G_END_DECLS
