/* mdg-file.h: files written whole or not at all: a temporary file beside the target, renamed. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *mdg_file_open_temp    (const char  *target,
                                 int         *fd,
                                 GError     **error);
gboolean  mdg_file_commit_temp  (const char  *temp,
                                 const char  *target,
                                 GError     **error);
gboolean  mdg_file_write_contents (const char  *target,
                                   const char  *data,
                                   gsize        length,
                                   GError     **error);
void      mdg_file_guard_database   (const char  *db_path);
void      mdg_file_unguard_database (const char  *db_path);
gboolean  mdg_file_check_not_database (const char  *target,
                                       const char  *db_path,
                                       GError     **error);

G_END_DECLS
