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
gboolean  mdg_file_is_same      (const char  *a,
                                 const char  *b);

G_END_DECLS
