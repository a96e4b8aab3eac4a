/* sql-trace.c: a preloaded module that appends every statement a program runs on SQLite, its
 * parameters filled in, to the file $MDG_SQL_TRACE; bench-admin.sh gives sqlite3 exactly the
 * statements madoguchi-admin ran. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <dlfcn.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
statement_cb (unsigned  type,
              void     *context,
              void     *stmt,
              void     *text)
{
  char *sql;

  /* A trigger's program is reported as a comment; its statement was written already. */
  if (strncmp (text, "--", 2) == 0)
    return 0;
  sql = sqlite3_expanded_sql (stmt);
  if (sql != NULL)
    fprintf (context, "%s;\n", sql);
  fflush (context);
  sqlite3_free (sql);
  return 0;
}

int
sqlite3_open_v2 (const char *filename,
                 sqlite3   **db,
                 int         flags,
                 const char *vfs)
{
  int (*open_v2) (const char *, sqlite3 **, int, const char *) = dlsym (RTLD_NEXT, "sqlite3_open_v2");
  const char *path = getenv ("MDG_SQL_TRACE");
  int rc = open_v2 (filename, db, flags, vfs);
  FILE *out;

  if (rc != SQLITE_OK || path == NULL)
    return rc;
  /* Left open for the process's life: statements run until it ends. */
  out = fopen (path, "a");
  if (out != NULL)
    sqlite3_trace_v2 (*db, SQLITE_TRACE_STMT, statement_cb, out);
  return rc;
}
