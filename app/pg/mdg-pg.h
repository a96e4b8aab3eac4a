/* mdg-pg.h: the central PostgreSQL database: finding the connection string without a
 * password in sight, connecting, and creating or checking the city's schema. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define MDG_PG_SCHEMA_VERSION 2

/* Taken by every central staff change and, shared, by each pull: changes commit in the order
 * of their numbers, so a pull never skips one that was still in flight. */
#define MDG_PG_CHANGE_LOCK 7423401

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

char     *mdg_pg_resolve_conninfo (const char  *pg,
                                   const char  *pg_file,
                                   GError     **error);
PGconn   *mdg_pg_connect          (const char  *conninfo,
                                   const char  *application,
                                   GError     **error);
gboolean  mdg_pg_init_schema      (PGconn      *conn,
                                   int         *version,
                                   GError     **error);
gboolean  mdg_pg_check_schema     (PGconn      *conn,
                                   GError     **error);
gboolean  mdg_pg_command          (PGconn      *conn,
                                   const char  *sql,
                                   const char  *doing,
                                   GError     **error);
PGresult *mdg_pg_query            (PGconn      *conn,
                                   const char  *sql,
                                   int          n_params,
                                   const char *const *params,
                                   const char  *doing,
                                   GError     **error);
void      mdg_pg_array_append     (GString     *array,
                                   const char  *value);
void      mdg_pg_array_end        (GString     *array);

G_END_DECLS
