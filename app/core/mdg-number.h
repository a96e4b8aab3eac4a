/* mdg-number.h: inquiry numbers, YYMMDD-NNN: made, read back and called out. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char       *mdg_number_format    (GDateTime  *local_time,
                                  guint       sequence);
gboolean    mdg_number_parse     (const char *number,
                                  char      **day,
                                  guint      *sequence);
const char *mdg_number_call_part (const char *number);

G_END_DECLS
