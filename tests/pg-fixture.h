/* pg-fixture.h: a real PostgreSQL 15 of the test's own, in a temporary folder on a free
 * loopback port, started and stopped by the test; and the queries tests ask it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

typedef struct
{
  char *dir;      /* holds data/, the socket and the log */
  char *data;
  int port;
  char *conninfo; /* over TCP to 127.0.0.1, database "city", no password */
} FixturePg;

FixturePg *fixture_pg_start   (void);
void       fixture_pg_stop    (FixturePg  *pg);
void       fixture_pg_halt    (FixturePg  *pg);
void       fixture_pg_resume  (FixturePg  *pg);
void       fixture_pg_exec    (FixturePg  *pg,
                               const char *sql);
char      *fixture_pg_query   (FixturePg  *pg,
                               const char *sql);
char      *fixture_pg_dump    (FixturePg  *pg);
void       fixture_pg_wait_for (FixturePg  *pg,
                                const char *sql,
                                const char *expected,
                                double      seconds,
                                const char *what);
