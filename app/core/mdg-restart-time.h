/* mdg-restart-time.h: the kiosk's daily restart at a quiet hour, read from restart-time. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MDG_RESTART_TIME_DEFAULT "03:00"
/* The exit status of a restart at the quiet hour (EX_TEMPFAIL): the unit starts the kiosk again. */
#define MDG_EXIT_RESTART 75

gboolean mdg_restart_time_parse (const char *text,
                                 int        *seconds);
int      mdg_restart_time_get   (GSettings  *settings);
gboolean mdg_restart_time_due   (GDateTime  *started,
                                 GDateTime  *now,
                                 int         seconds);

G_END_DECLS
