/* notify-socket.h: a fake systemd $NOTIFY_SOCKET for the watchdog and cage suites. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

int   notify_socket_bind    (const char *path);
char *notify_socket_receive (int         sock,
                             int         timeout_ms);
