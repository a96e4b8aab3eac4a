/* server-fixture.h: madoguchi-server started by a suite on a free loopback port, and stopped. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

typedef struct
{
  GSubprocess *process;
  GDataInputStream *out; /* its access log */
  guint16 port;
} FixtureServer;

FixtureServer *fixture_server_start (char              **env,
                                     const char *const  *source);
char          *fixture_server_stop  (FixtureServer      *server);
