/* mdg-followup-pg.c: the follow-up page's data read from the city's central PostgreSQL. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-error.h"
#include "mdg-followup-pg.h"
#include "mdg-pg.h"

/* Numbers are only unique within a center (its day and sequence), so a row is found by
 * (center, number) like everywhere else; the token is then compared by the server. */
static const char inquiry_sql[] =
  "SELECT number, token, created_at, status, coordinator, followup"
  " FROM inquiry WHERE center = $1 AND number = $2";
static const char answers_sql[] =
  "SELECT step, choice FROM answer WHERE center = $1 AND number = $2 ORDER BY position";
/* Both sides' changes: the kiosk's own and those central staff made (which the kiosk pulls
 * but never sends back, so none is counted twice). */
static const char changes_sql[] =
  "SELECT at, new_value FROM history"
  " WHERE center = $1 AND number = $2 AND field = 'status' AND new_value IS NOT NULL"
  " ORDER BY at, origin DESC, origin_id";
static const char messages_sql[] =
  "SELECT at, body FROM message"
  " WHERE center = $1 AND number = $2 AND kind = 'visitor'"
  " ORDER BY at, origin DESC, origin_id";

struct _MdgFollowupPg
{
  GObject parent_instance;

  char *center;
  PGconn *conn;
};

static void source_iface_init (MdgFollowupSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MdgFollowupPg, mdg_followup_pg, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MDG_TYPE_FOLLOWUP_SOURCE, source_iface_init))

static char *
column (PGresult *result,
        int       row,
        int       col)
{
  return PQgetisnull (result, row, col) ? NULL : g_strdup (PQgetvalue (result, row, col));
}

static void
read_events (PGresult  *result,
             GPtrArray *events)
{
  for (int r = 0; r < PQntuples (result); r++)
    {
      MdgFollowupEvent *event = g_new0 (MdgFollowupEvent, 1);

      event->at = g_ascii_strtoll (PQgetvalue (result, r, 0), NULL, 10);
      event->text = column (result, r, 1);
      g_ptr_array_add (events, event);
    }
}

/* A server restarted or a network that dropped the connection: try once more on a new one. */
static gboolean
ensure_connected (MdgFollowupPg *self,
                  GError       **error)
{
  if (PQstatus (self->conn) == CONNECTION_OK)
    return TRUE;
  PQreset (self->conn);
  if (PQstatus (self->conn) == CONNECTION_OK)
    return mdg_pg_command (self->conn, "SET client_min_messages = warning",
                           "setting up the connection", error);
  g_set_error_literal (error, MDG_ERROR, MDG_ERROR_STORE_UNREADABLE,
                       "the central database cannot be reached");
  return FALSE;
}

/* All reads in one read-only snapshot, so the history belongs to the inquiry shown. */
static MdgFollowupRecord *
read_record (MdgFollowupPg *self,
             const char    *number,
             GError       **error)
{
  g_autoptr (MdgFollowupRecord) record = NULL;
  g_autoptr (PGresult) inquiry = NULL;
  g_autoptr (PGresult) answers = NULL;
  g_autoptr (PGresult) changes = NULL;
  g_autoptr (PGresult) messages = NULL;
  const char *params[] = { self->center, number };

  /* A failure in the middle leaves the transaction aborted; it ends before returning. */
  if (!mdg_pg_command (self->conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                       "starting to read", error))
    goto end;
  inquiry = mdg_pg_query (self->conn, inquiry_sql, 2, params, "reading the inquiry", error);
  if (inquiry == NULL || PQntuples (inquiry) == 0)
    goto end;
  answers = mdg_pg_query (self->conn, answers_sql, 2, params, "reading the answers", error);
  if (answers != NULL)
    changes = mdg_pg_query (self->conn, changes_sql, 2, params, "reading the history", error);
  if (changes != NULL)
    messages = mdg_pg_query (self->conn, messages_sql, 2, params, "reading the messages", error);
  if (messages == NULL)
    goto end;

  record = mdg_followup_record_new ();
  record->number = column (inquiry, 0, 0);
  record->token = column (inquiry, 0, 1);
  record->created_at = g_ascii_strtoll (PQgetvalue (inquiry, 0, 2), NULL, 10);
  record->status = column (inquiry, 0, 3);
  record->coordinator = column (inquiry, 0, 4);
  record->followup = column (inquiry, 0, 5);
  for (int r = 0; r < PQntuples (answers); r++)
    g_ptr_array_add (record->answers, g_strdup_printf ("%s\x1f%s", PQgetvalue (answers, r, 0),
                                                       PQgetvalue (answers, r, 1)));
  read_events (changes, record->changes);
  read_events (messages, record->messages);

end:
  PQclear (PQexec (self->conn, "COMMIT"));
  return g_steal_pointer (&record);
}

/* A connection that broke since the last request (PostgreSQL restarted, a network blip) is
 * only noticed when used: then one new connection and one more try, before a 503. */
static MdgFollowupRecord *
pg_lookup (MdgFollowupSource *source,
           const char        *number,
           GError           **error)
{
  MdgFollowupPg *self = MDG_FOLLOWUP_PG (source);
  g_autoptr (GError) local = NULL;
  MdgFollowupRecord *record;

  if (!ensure_connected (self, error))
    return NULL;
  record = read_record (self, number, &local);
  if (local != NULL && PQstatus (self->conn) != CONNECTION_OK)
    {
      g_clear_error (&local);
      if (!ensure_connected (self, error))
        return NULL;
      record = read_record (self, number, &local);
    }
  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return record;
}

static void
source_iface_init (MdgFollowupSourceInterface *iface)
{
  iface->lookup = pg_lookup;
}

static void
mdg_followup_pg_finalize (GObject *object)
{
  MdgFollowupPg *self = MDG_FOLLOWUP_PG (object);

  g_clear_pointer (&self->conn, PQfinish);
  g_free (self->center);
  G_OBJECT_CLASS (mdg_followup_pg_parent_class)->finalize (object);
}

static void
mdg_followup_pg_class_init (MdgFollowupPgClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mdg_followup_pg_finalize;
}

static void
mdg_followup_pg_init (MdgFollowupPg *self)
{
}

/* Connects at once and checks the schema, so a wrong connection string or a database not yet
 * made by madoguchi-sync --init is said at start, not on the first visitor's request. */
MdgFollowupSource *
mdg_followup_pg_open (const char *conninfo,
                      const char *center,
                      GError    **error)
{
  g_autoptr (MdgFollowupPg) self = g_object_new (MDG_TYPE_FOLLOWUP_PG, NULL);
  g_autoptr (PGresult) known = NULL;

  g_return_val_if_fail (conninfo != NULL && center != NULL, NULL);

  self->center = g_strdup (center);
  self->conn = mdg_pg_connect (conninfo, "madoguchi-server", error);
  if (self->conn == NULL || !mdg_pg_check_schema (self->conn, error))
    return NULL;
  known = mdg_pg_query (self->conn, "SELECT 1 FROM center WHERE id = $1", 1, &center,
                        "looking for the center", error);
  if (known == NULL)
    return NULL;
  if (PQntuples (known) == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                   "the central database has no center “%s”: check --center (or the setting"
                   " center-id), or let that center's madoguchi-sync run once", center);
      return NULL;
    }
  return MDG_FOLLOWUP_SOURCE (g_steal_pointer (&self));
}
