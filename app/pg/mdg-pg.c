/* mdg-pg.c: the central PostgreSQL database: finding the connection string without a
 * password in sight, connecting, and creating or checking the city's schema. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mdg-error.h"
#include "mdg-pg.h"

/* Version 1: inquiries keyed by (center, number), their answers, contact details (only from
 * kiosks allowed to send them), history and messages from both sides, and the functions
 * central staff change an inquiry through. Each field carries the time of its last change
 * and whether central staff made it: the kiosk's value stands until central staff change it,
 * then the later change wins, a tie going to the central side. */
static const char central_v1[] =
  "CREATE TABLE center ("
  "  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,31}$'),"
  "  last_sync timestamptz"
  ");"
  "CREATE SEQUENCE central_change;"
  "CREATE TABLE inquiry ("
  "  center text NOT NULL REFERENCES center (id),"
  "  number text NOT NULL,"
  "  day date NOT NULL,"
  "  seq integer NOT NULL CHECK (seq > 0),"
  "  token text NOT NULL,"
  "  created_at bigint NOT NULL,"
  "  language text NOT NULL,"
  "  flow_version text NOT NULL,"
  "  details text NOT NULL DEFAULT '',"
  "  followup text,"
  "  status text NOT NULL CHECK (status IN ('new', 'in-progress', 'connected', 'closed')),"
  "  status_at bigint NOT NULL,"
  "  status_central boolean NOT NULL DEFAULT false,"
  "  coordinator text,"
  "  coordinator_at bigint NOT NULL,"
  "  coordinator_central boolean NOT NULL DEFAULT false,"
  "  meeting boolean NOT NULL,"
  "  meeting_at bigint NOT NULL,"
  "  meeting_central boolean NOT NULL DEFAULT false,"
  "  printed boolean NOT NULL,"
  "  has_contact boolean NOT NULL,"
  "  consent_at bigint,"
  "  central_change bigint NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (center, number),"
  "  UNIQUE (center, day, seq)"
  ");"
  "CREATE INDEX inquiry_day ON inquiry (day, center, seq);"
  "CREATE INDEX inquiry_central_change ON inquiry (center, central_change);"
  "CREATE TABLE answer ("
  "  center text NOT NULL,"
  "  number text NOT NULL,"
  "  step text NOT NULL,"
  "  choice text NOT NULL,"
  "  position integer NOT NULL,"
  "  PRIMARY KEY (center, number, step, choice),"
  "  FOREIGN KEY (center, number) REFERENCES inquiry ON DELETE CASCADE"
  ");"
  "CREATE TABLE contact ("
  "  center text NOT NULL,"
  "  number text NOT NULL,"
  "  name text,"
  "  phone text,"
  "  email text,"
  "  preferred_time text,"
  "  PRIMARY KEY (center, number),"
  "  FOREIGN KEY (center, number) REFERENCES inquiry ON DELETE CASCADE"
  ");"
  "CREATE TABLE history ("
  "  center text NOT NULL,"
  "  number text NOT NULL,"
  "  origin text NOT NULL CHECK (origin IN ('kiosk', 'central')),"
  "  origin_id bigint NOT NULL,"
  "  at bigint NOT NULL,"
  "  field text NOT NULL,"
  "  old_value text,"
  "  new_value text,"
  "  PRIMARY KEY (center, number, origin, origin_id),"
  "  FOREIGN KEY (center, number) REFERENCES inquiry ON DELETE CASCADE"
  ");"
  "CREATE INDEX history_central ON history (center, origin_id) WHERE origin = 'central';"
  "CREATE TABLE message ("
  "  center text NOT NULL,"
  "  number text NOT NULL,"
  "  origin text NOT NULL CHECK (origin IN ('kiosk', 'central')),"
  "  origin_id bigint NOT NULL,"
  "  at bigint NOT NULL,"
  "  kind text NOT NULL CHECK (kind IN ('internal', 'visitor')),"
  "  author text,"
  "  body text NOT NULL,"
  "  PRIMARY KEY (center, number, origin, origin_id),"
  "  FOREIGN KEY (center, number) REFERENCES inquiry ON DELETE CASCADE"
  ");"
  "CREATE INDEX message_central ON message (center, origin_id) WHERE origin = 'central';"
  /* Central staff change status, coordinator or meeting flag through this, never by UPDATE. */
  "CREATE FUNCTION madoguchi_set_field (p_center text, p_number text, p_field text,"
  "                                     p_value text) RETURNS void LANGUAGE plpgsql AS $f$"
  " DECLARE"
  "   change bigint;"
  "   old text;"
  "   now_s bigint := floor (extract (epoch FROM clock_timestamp ()))::bigint;"
  " BEGIN"
  "   PERFORM pg_advisory_xact_lock (" G_STRINGIFY (MDG_PG_CHANGE_LOCK) ");"
  "   IF p_field NOT IN ('status', 'coordinator', 'meeting') THEN"
  "     RAISE EXCEPTION 'unknown field %', p_field;"
  "   END IF;"
  "   SELECT CASE p_field WHEN 'status' THEN status WHEN 'coordinator' THEN coordinator"
  "          ELSE CASE WHEN meeting THEN '1' ELSE '0' END END INTO old"
  "     FROM inquiry WHERE center = p_center AND number = p_number FOR UPDATE;"
  "   IF NOT FOUND THEN"
  "     RAISE EXCEPTION 'no inquiry % at center %', p_number, p_center;"
  "   END IF;"
  "   IF old IS NOT DISTINCT FROM p_value THEN"
  "     RETURN;"
  "   END IF;"
  "   change := nextval ('central_change');"
  "   UPDATE inquiry SET"
  "     status = CASE WHEN p_field = 'status' THEN p_value ELSE status END,"
  "     status_at = CASE WHEN p_field = 'status' THEN now_s ELSE status_at END,"
  "     status_central = status_central OR p_field = 'status',"
  "     coordinator = CASE WHEN p_field = 'coordinator' THEN p_value ELSE coordinator END,"
  "     coordinator_at = CASE WHEN p_field = 'coordinator' THEN now_s ELSE coordinator_at END,"
  "     coordinator_central = coordinator_central OR p_field = 'coordinator',"
  "     meeting = CASE WHEN p_field = 'meeting' THEN p_value = '1' ELSE meeting END,"
  "     meeting_at = CASE WHEN p_field = 'meeting' THEN now_s ELSE meeting_at END,"
  "     meeting_central = meeting_central OR p_field = 'meeting',"
  "     central_change = change"
  "     WHERE center = p_center AND number = p_number;"
  "   INSERT INTO history VALUES (p_center, p_number, 'central', change, now_s, p_field, old,"
  "                               p_value);"
  " END $f$;"
  "CREATE FUNCTION madoguchi_add_message (p_center text, p_number text, p_kind text,"
  "                                       p_author text, p_body text)"
  "   RETURNS void LANGUAGE plpgsql AS $f$"
  " DECLARE"
  "   change bigint;"
  "   now_s bigint := floor (extract (epoch FROM clock_timestamp ()))::bigint;"
  " BEGIN"
  "   PERFORM pg_advisory_xact_lock (" G_STRINGIFY (MDG_PG_CHANGE_LOCK) ");"
  "   PERFORM 1 FROM inquiry WHERE center = p_center AND number = p_number FOR UPDATE;"
  "   IF NOT FOUND THEN"
  "     RAISE EXCEPTION 'no inquiry % at center %', p_number, p_center;"
  "   END IF;"
  "   change := nextval ('central_change');"
  "   INSERT INTO message VALUES (p_center, p_number, 'central', change, now_s, p_kind, p_author,"
  "                               p_body);"
  "   INSERT INTO history VALUES (p_center, p_number, 'central', change, now_s, 'note', NULL,"
  "                               change::text);"
  " END $f$;";

/* Version 2: how each inquiry came in (kiosk, counter, phone, email) and which staff member typed
 * it; rows already there are the kiosks' own. IF NOT EXISTS: a database someone altered by hand
 * takes the update too. */
static const char central_v2[] =
  "ALTER TABLE inquiry ADD COLUMN IF NOT EXISTS channel text NOT NULL DEFAULT 'kiosk';"
  "ALTER TABLE inquiry ADD COLUMN IF NOT EXISTS entered_by text;";

static const char *central_migrations[] = { central_v1, central_v2 };
G_STATIC_ASSERT (G_N_ELEMENTS (central_migrations) == MDG_PG_SCHEMA_VERSION);

/* libpq's messages span lines; ours are one. */
static char *
one_line (const char *message)
{
  return g_strstrip (g_strdelimit (g_strdup (message != NULL ? message : ""), "\r\n", ' '));
}

static gboolean
has_password (const char *conninfo,
              GError    **error)
{
  char *parse_error = NULL;
  PQconninfoOption *options = PQconninfoParse (conninfo, &parse_error);
  gboolean found = FALSE;

  if (options == NULL)
    {
      /* The message may quote the string, and so a password: say what is wrong, not what
       * was written. */
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "the connection string cannot be read (%s)",
                   parse_error != NULL ? "malformed" : "out of memory");
      PQfreemem (parse_error);
      return TRUE;
    }
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "password") && o->val != NULL && *o->val != '\0')
      found = TRUE;
  PQconninfoFree (options);
  if (found)
    g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                         "--pg must not hold a password (it would show in the process list);"
                         " put the connection string in a file given by --pg-file (mode 0600)"
                         " or the password in PGPASSFILE");
  return found;
}

static char *
read_pg_file (const char *path,
              GError    **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) local = NULL;
  struct stat st;
  gsize length = 0;
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, "%s: cannot be opened: %s", path,
                   g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT, "%s: not a regular file", path);
      return NULL;
    }
  close (fd);
  if (st.st_uid != geteuid () || (st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "%s: refused: it may hold a password, so it must belong to this user and be"
                   " readable by no one else (chmod 600)", path);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, &local))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, "%s: cannot be read: %s", path,
                   local->message);
      return NULL;
    }
  g_strstrip (contents);
  if (*contents == '\0' || strchr (contents, '\n') != NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "%s: must hold one line, the connection string", path);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

/* Exactly one of --pg and --pg-file. A password may come from the file or from PGPASSFILE
 * (which libpq reads itself), never from the command line. */
char *
mdg_pg_resolve_conninfo (const char *pg,
                         const char *pg_file,
                         GError    **error)
{
  if ((pg == NULL) == (pg_file == NULL))
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                           "give the central database as either --pg CONNINFO or --pg-file FILE");
      return NULL;
    }
  if (pg_file != NULL)
    return read_pg_file (pg_file, error);
  if (*pg == '\0' || has_password (pg, error))
    {
      if (*pg == '\0')
        g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                             "--pg needs a connection string, e.g. “host=db.example dbname=city”");
      return NULL;
    }
  return g_strdup (pg);
}

PGconn *
mdg_pg_connect (const char *conninfo,
                const char *application,
                GError    **error)
{
  /* The string's own values come after ours and so win, connect_timeout included. */
  const char *keywords[] = { "connect_timeout", "application_name", "dbname", NULL };
  const char *values[] = { "10", application, conninfo, NULL };
  g_autoptr (PGconn) conn = NULL;

  g_return_val_if_fail (conninfo != NULL, NULL);

  conn = PQconnectdbParams (keywords, values, 1);
  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *reason = one_line (conn != NULL ? PQerrorMessage (conn) : "out of memory");

      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_UNREADABLE,
                   "the central database cannot be reached: %s", reason);
      return NULL;
    }
  if (!mdg_pg_command (conn, "SET client_min_messages = warning", "setting up the connection",
                       error))
    return NULL;
  return g_steal_pointer (&conn);
}

static PGresult *
check_result (PGconn     *conn,
              PGresult   *result,
              const char *doing,
              GError    **error)
{
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      g_autofree char *reason = one_line (result != NULL && PQresultErrorMessage (result)[0] != '\0'
                                            ? PQresultErrorMessage (result)
                                            : PQerrorMessage (conn));

      g_set_error (error, MDG_ERROR, PQstatus (conn) == CONNECTION_OK ? MDG_ERROR_STORE_FAILED
                                                                      : MDG_ERROR_STORE_UNREADABLE,
                   "the central database failed while %s: %s", doing, reason);
      PQclear (result);
      return NULL;
    }
  return result;
}

PGresult *
mdg_pg_query (PGconn             *conn,
              const char         *sql,
              int                 n_params,
              const char *const  *params,
              const char         *doing,
              GError            **error)
{
  return check_result (conn, PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0),
                       doing, error);
}

/* Through the simple protocol, so that sql may hold several statements. */
gboolean
mdg_pg_command (PGconn     *conn,
                const char *sql,
                const char *doing,
                GError    **error)
{
  g_autoptr (PGresult) result = check_result (conn, PQexec (conn, sql), doing, error);

  return result != NULL;
}

static gboolean
read_version (PGconn  *conn,
              int     *version,
              GError **error)
{
  g_autoptr (PGresult) exists = mdg_pg_query (
    conn, "SELECT to_regclass ('madoguchi_schema') IS NOT NULL", 0, NULL,
    "reading the schema version", error);
  g_autoptr (PGresult) result = NULL;

  if (exists == NULL)
    return FALSE;
  *version = 0;
  if (g_str_equal (PQgetvalue (exists, 0, 0), "f"))
    return TRUE;
  result = mdg_pg_query (conn, "SELECT max (version) FROM madoguchi_schema", 0, NULL,
                         "reading the schema version", error);
  if (result == NULL)
    return FALSE;
  *version = atoi (PQgetvalue (result, 0, 0));
  return TRUE;
}

static gboolean
refuse_newer (int      version,
              GError **error)
{
  if (version <= MDG_PG_SCHEMA_VERSION)
    return FALSE;
  g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_TOO_NEW,
               "the central database has schema %d, newer than this Madoguchi knows (%d);"
               " update Madoguchi on this machine", version, MDG_PG_SCHEMA_VERSION);
  return TRUE;
}

/* Creates the schema, or brings an older one up to date, in one transaction. */
gboolean
mdg_pg_init_schema (PGconn  *conn,
                    int     *version,
                    GError **error)
{
  int found = 0;

  g_return_val_if_fail (conn != NULL, FALSE);

  if (!mdg_pg_command (conn, "BEGIN", "starting a transaction", error))
    return FALSE;
  if (!mdg_pg_command (conn, "SELECT pg_advisory_xact_lock (" G_STRINGIFY (MDG_PG_CHANGE_LOCK) ")",
                       "waiting for other changes", error)
      || !read_version (conn, &found, error) || refuse_newer (found, error))
    goto rollback;
  if (found == 0
      && !mdg_pg_command (conn, "CREATE TABLE madoguchi_schema (version integer NOT NULL)",
                          "creating the schema", error))
    goto rollback;
  for (int v = found; v < MDG_PG_SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = g_strdup_printf ("INSERT INTO madoguchi_schema VALUES (%d)", v + 1);

      if (!mdg_pg_command (conn, central_migrations[v], "creating the schema", error)
          || !mdg_pg_command (conn, bump, "recording the schema version", error))
        goto rollback;
    }
  if (!mdg_pg_command (conn, "COMMIT", "saving the schema", error))
    goto rollback;
  *version = MDG_PG_SCHEMA_VERSION;
  return TRUE;

rollback:
  PQclear (PQexec (conn, "ROLLBACK"));
  return FALSE;
}

gboolean
mdg_pg_check_schema (PGconn  *conn,
                     GError **error)
{
  int version = 0;

  g_return_val_if_fail (conn != NULL, FALSE);

  if (!read_version (conn, &version, error) || refuse_newer (version, error))
    return FALSE;
  if (version < MDG_PG_SCHEMA_VERSION)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_UNREADABLE,
                   version == 0 ? "the central database has no Madoguchi schema yet;"
                                  " run “madoguchi-sync --pg … --init” first"
                                : "the central database has an older schema; run"
                                  " “madoguchi-sync --pg … --init” to bring it up to date");
      return FALSE;
    }
  return TRUE;
}

/* A PostgreSQL array literal built element by element: every element quoted, NULL bare. */
void
mdg_pg_array_append (GString    *array,
                     const char *value)
{
  g_string_append_c (array, array->len == 0 ? '{' : ',');
  if (value == NULL)
    {
      g_string_append (array, "NULL");
      return;
    }
  g_string_append_c (array, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (array, '\\');
      g_string_append_c (array, *p);
    }
  g_string_append_c (array, '"');
}

void
mdg_pg_array_end (GString *array)
{
  if (array->len == 0)
    g_string_append_c (array, '{');
  g_string_append_c (array, '}');
}
