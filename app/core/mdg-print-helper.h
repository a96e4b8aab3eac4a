/* mdg-print-helper.h: where the madoguchi-print helper is, without the slip drawing code, so
 * that madoguchi-admin health can name it and still link no cairo. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *mdg_print_helper_path (void);

G_END_DECLS
