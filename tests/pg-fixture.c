/* pg-fixture.c: a real PostgreSQL 15 of the test's own, in a temporary folder on a free
 * loopback port, started and stopped by the test; and the queries tests ask it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fixtures.h"
#include "pg-fixture.h"

#define PG_BIN "/usr/lib/postgresql/15/bin/"

/* PostgreSQL refuses to run as root: then its tools run as the postgres user. */
static void
run_pg_tool (const char *const *args,
             const char        *what)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (geteuid () == 0)
    {
      g_ptr_array_add (argv, "runuser");
      g_ptr_array_add (argv, "-u");
      g_ptr_array_add (argv, "postgres");
      g_ptr_array_add (argv, "--");
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  cr_assert (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                           &out, &err, &status, &error),
             "%s: %s", what, error != NULL ? error->message : "");
  cr_assert (g_spawn_check_wait_status (status, NULL), "%s failed: %s%s", what, out, err);
}

static int
free_port (void)
{
  struct sockaddr_in address = { .sin_family = AF_INET };
  socklen_t length = sizeof address;
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  cr_assert (fd >= 0 && bind (fd, (struct sockaddr *) &address, sizeof address) == 0);
  cr_assert (getsockname (fd, (struct sockaddr *) &address, &length) == 0);
  close (fd);
  return ntohs (address.sin_port);
}

void
fixture_pg_resume (FixturePg *pg)
{
  g_autofree char *log = g_build_filename (pg->dir, "postgres.log", NULL);
  g_autofree char *options = g_strdup_printf (
    "-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40", pg->port,
    pg->dir);
  /* -w -t: pg_ctl waits for the server to accept connections, for 60 s at most. */
  const char *start[] = { PG_BIN "pg_ctl", "-D", pg->data, "-l", log, "-w", "-t", "60", "-o",
                          options, "start", NULL };

  run_pg_tool (start, "pg_ctl start");
}

/* Stops the server at once, as a crash or a pulled cable would. */
void
fixture_pg_halt (FixturePg *pg)
{
  const char *stop[] = { PG_BIN "pg_ctl", "-D", pg->data, "-m", "immediate", "-w", "-t", "60",
                         "stop", NULL };

  run_pg_tool (stop, "pg_ctl stop");
}

FixturePg *
fixture_pg_start (void)
{
  FixturePg *pg = g_new0 (FixturePg, 1);
  struct passwd *postgres = getpwnam ("postgres");
  const char *initdb[] = { PG_BIN "initdb", "-D", NULL, "-U", "postgres", "--auth=trust",
                           "-E", "UTF8", "--locale=C", "--no-sync", NULL };
  g_autofree char *admin = NULL;

  pg->dir = fixture_tmpdir ();
  pg->data = g_build_filename (pg->dir, "data", NULL);
  if (geteuid () == 0)
    {
      cr_assert_not_null (postgres, "the postgres user is missing (apt-get install postgresql-15)");
      cr_assert (chown (pg->dir, postgres->pw_uid, postgres->pw_gid) == 0);
    }
  initdb[2] = pg->data;
  run_pg_tool (initdb, "initdb");
  pg->port = free_port ();
  fixture_pg_resume (pg);
  pg->conninfo = g_strdup_printf ("host=127.0.0.1 port=%d user=postgres dbname=city", pg->port);
  admin = g_strdup_printf ("host=127.0.0.1 port=%d user=postgres dbname=postgres", pg->port);
  {
    PGconn *conn = PQconnectdb (admin);
    PGresult *result;

    cr_assert_eq (PQstatus (conn), CONNECTION_OK, "postgres: %s", PQerrorMessage (conn));
    result = PQexec (conn, "CREATE DATABASE city");
    cr_assert_eq (PQresultStatus (result), PGRES_COMMAND_OK, "%s", PQerrorMessage (conn));
    PQclear (result);
    PQfinish (conn);
  }
  return pg;
}

void
fixture_pg_stop (FixturePg *pg)
{
  const char *stop[] = { PG_BIN "pg_ctl", "-D", pg->data, "-m", "immediate", "-w", "-t", "60",
                         "stop", NULL };
  g_autofree char *pid = g_build_filename (pg->data, "postmaster.pid", NULL);

  if (g_file_test (pid, G_FILE_TEST_EXISTS))
    run_pg_tool (stop, "pg_ctl stop");
  fixture_rmdir (pg->dir);
  g_free (pg->dir);
  g_free (pg->data);
  g_free (pg->conninfo);
  g_free (pg);
}

static PGresult *
run (FixturePg  *pg,
     const char *sql,
     PGconn    **conn)
{
  *conn = PQconnectdb (pg->conninfo);
  cr_assert_eq (PQstatus (*conn), CONNECTION_OK, "postgres: %s", PQerrorMessage (*conn));
  return PQexec (*conn, sql);
}

void
fixture_pg_exec (FixturePg  *pg,
                 const char *sql)
{
  PGconn *conn = NULL;
  PGresult *result = run (pg, sql, &conn);

  cr_assert (PQresultStatus (result) == PGRES_COMMAND_OK
             || PQresultStatus (result) == PGRES_TUPLES_OK,
             "%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

/* The rows as "a|b;c|d;" with NULL shown as NULL, the same shape as fixture_query_text, so a
 * kiosk's file and the central database can be compared as text. */
char *
fixture_pg_query (FixturePg  *pg,
                  const char *sql)
{
  PGconn *conn = NULL;
  PGresult *result = run (pg, sql, &conn);
  GString *text = g_string_new (NULL);

  cr_assert_eq (PQresultStatus (result), PGRES_TUPLES_OK, "%s: %s", sql, PQerrorMessage (conn));
  for (int r = 0; r < PQntuples (result); r++)
    {
      for (int c = 0; c < PQnfields (result); c++)
        g_string_append_printf (text, "%s%s", c > 0 ? "|" : "",
                                PQgetisnull (result, r, c) ? "NULL" : PQgetvalue (result, r, c));
      g_string_append_c (text, ';');
    }
  PQclear (result);
  PQfinish (conn);
  return g_string_free (text, FALSE);
}

/* The whole database as SQL text, data included. */
char *
fixture_pg_dump (FixturePg *pg)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;
  char *argv[] = { PG_BIN "pg_dump", "--no-owner", pg->conninfo, NULL };

  cr_assert (g_spawn_sync (NULL, argv, NULL, 0, NULL, NULL, &out, &err, &status, &error),
             "pg_dump: %s", error != NULL ? error->message : "");
  cr_assert (g_spawn_check_wait_status (status, NULL), "pg_dump failed: %s", err);
  cr_assert (strstr (out, "CREATE TABLE public.inquiry") != NULL, "the dump holds no schema");
  return g_steal_pointer (&out);
}

/* Polls until sql gives expected, failing with what did not arrive when seconds pass. */
void
fixture_pg_wait_for (FixturePg  *pg,
                     const char *sql,
                     const char *expected,
                     double      seconds,
                     const char *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  g_autofree char *got = NULL;

  for (;;)
    {
      g_free (got);
      got = fixture_pg_query (pg, sql);
      if (g_str_equal (got, expected))
        return;
      if (g_get_monotonic_time () > deadline)
        cr_assert_fail ("%s did not arrive within %.0f s: %s gave “%.200s”, not “%.200s”", what,
                        seconds, sql, got, expected);
      g_usleep (100 * 1000);
    }
}
