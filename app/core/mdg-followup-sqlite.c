/* mdg-followup-sqlite.c: the follow-up page's data read from the kiosk's SQLite file. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "mdg-error.h"
#include "mdg-followup-sqlite.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Schema 2 added the note's kind; a newer file only adds to it, so it is read as well. */
#define MIN_SCHEMA_VERSION 2

enum { STMT_BEGIN, STMT_COMMIT, STMT_VERSION, STMT_INQUIRY, STMT_ANSWERS, STMT_CHANGES, STMT_MESSAGES, N_STMTS };

/* Even BEGIN and COMMIT are prepared once: parsing them took a share of each request. */
static const char *statements[N_STMTS] = {
  [STMT_BEGIN] = "BEGIN",
  [STMT_COMMIT] = "COMMIT",
  /* Changes whenever another connection (the kiosk, the desk) has committed. */
  [STMT_VERSION] = "PRAGMA data_version",
  [STMT_INQUIRY] = "SELECT id, number, token, created_at, status, coordinator, followup"
                   " FROM inquiry WHERE number = ?",
  [STMT_ANSWERS] = "SELECT step, choice FROM answer WHERE inquiry_id = ? ORDER BY rowid",
  [STMT_CHANGES] = "SELECT at, new_value FROM status_history"
                   " WHERE inquiry_id = ? AND field = 'status' ORDER BY at, id",
  [STMT_MESSAGES] = "SELECT at, body FROM note"
                    " WHERE inquiry_id = ? AND kind = 'visitor' ORDER BY at, id",
};

struct _MdgFollowupSqlite
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  sqlite3_stmt *stmts[N_STMTS]; /* prepared once, reset after each request */
};

static void source_iface_init (MdgFollowupSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MdgFollowupSqlite, mdg_followup_sqlite, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MDG_TYPE_FOLLOWUP_SOURCE, source_iface_init))

static gboolean
fail (MdgFollowupSqlite *self,
      const char        *doing,
      GError           **error)
{
  g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_FAILED, "%s: the database failed (%s, while %s)",
               self->path, sqlite3_errmsg (self->db), doing);
  return FALSE;
}

/* Fills events from a statement returning (at, text) rows. */
static gboolean
read_events (MdgFollowupSqlite *self,
             sqlite3_stmt      *stmt,
             gint64             id,
             GPtrArray         *events,
             GError           **error)
{
  int rc;

  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MdgFollowupEvent *event = g_new0 (MdgFollowupEvent, 1);

      event->at = sqlite3_column_int64 (stmt, 0);
      event->text = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_ptr_array_add (events, event);
    }
  return rc == SQLITE_DONE || fail (self, "reading the history", error);
}

/* All reads in one read transaction: one consistent snapshot, and in WAL the kiosk keeps
 * writing meanwhile. The transaction ends before returning so no snapshot is held between
 * requests (which would keep the kiosk's checkpoints from finishing). */
static MdgFollowupRecord *
sqlite_lookup (MdgFollowupSource *source,
               const char        *number,
               GError           **error)
{
  MdgFollowupSqlite *self = MDG_FOLLOWUP_SQLITE (source);
  g_autoptr (MdgFollowupRecord) record = NULL;
  sqlite3_stmt *stmt = self->stmts[STMT_INQUIRY];
  gboolean ok = FALSE;
  gint64 id = 0;
  int rc;

  if (sqlite3_step (self->stmts[STMT_BEGIN]) != SQLITE_DONE)
    {
      fail (self, "starting to read", error);
      sqlite3_reset (self->stmts[STMT_BEGIN]);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      record = mdg_followup_record_new ();
      id = sqlite3_column_int64 (stmt, 0);
      record->number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      record->token = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      record->created_at = sqlite3_column_int64 (stmt, 3);
      record->status = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      record->coordinator = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      record->followup = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
    }
  else if (rc != SQLITE_DONE)
    fail (self, "reading the inquiry", error);

  if (record != NULL)
    {
      sqlite3_stmt *answers = self->stmts[STMT_ANSWERS];

      sqlite3_bind_int64 (answers, 1, id);
      while ((rc = sqlite3_step (answers)) == SQLITE_ROW)
        g_ptr_array_add (record->answers,
                         g_strdup_printf ("%s\x1f%s", sqlite3_column_text (answers, 0),
                                          sqlite3_column_text (answers, 1)));
      ok = (rc == SQLITE_DONE || fail (self, "reading the answers", error))
           && read_events (self, self->stmts[STMT_CHANGES], id, record->changes, error)
           && read_events (self, self->stmts[STMT_MESSAGES], id, record->messages, error);
    }
  else
    ok = rc == SQLITE_DONE;

  for (guint i = STMT_INQUIRY; i < N_STMTS; i++)
    {
      sqlite3_reset (self->stmts[i]);
      sqlite3_clear_bindings (self->stmts[i]);
    }
  sqlite3_step (self->stmts[STMT_COMMIT]);
  sqlite3_reset (self->stmts[STMT_COMMIT]);
  sqlite3_reset (self->stmts[STMT_BEGIN]);
  return ok ? g_steal_pointer (&record) : NULL;
}

static gint64
sqlite_version (MdgFollowupSource *source)
{
  MdgFollowupSqlite *self = MDG_FOLLOWUP_SQLITE (source);
  sqlite3_stmt *stmt = self->stmts[STMT_VERSION];
  gint64 version = -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

static void
source_iface_init (MdgFollowupSourceInterface *iface)
{
  iface->lookup = sqlite_lookup;
  iface->version = sqlite_version;
}

static void
mdg_followup_sqlite_finalize (GObject *object)
{
  MdgFollowupSqlite *self = MDG_FOLLOWUP_SQLITE (object);

  for (guint i = 0; i < N_STMTS; i++)
    sqlite3_finalize (self->stmts[i]);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  G_OBJECT_CLASS (mdg_followup_sqlite_parent_class)->finalize (object);
}

static void
mdg_followup_sqlite_class_init (MdgFollowupSqliteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mdg_followup_sqlite_finalize;
}

static void
mdg_followup_sqlite_init (MdgFollowupSqlite *self)
{
}

/* Read-only: the server can never change or create the kiosk's file. The busy timeout covers
 * the moments a checkpoint or recovery holds the file; in WAL readers never block the writer. */
MdgFollowupSource *
mdg_followup_sqlite_open (const char  *path,
                          GError     **error)
{
  g_autoptr (MdgFollowupSqlite) self = g_object_new (MDG_TYPE_FOLLOWUP_SQLITE, NULL);
  g_autoptr (sqlite3_stmt) version = NULL;
  gint64 schema = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_UNREADABLE,
                   "%s: the database cannot be opened (%s)", path,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 2000);
  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &version, NULL) != SQLITE_OK
      || sqlite3_step (version) != SQLITE_ROW)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_UNREADABLE,
                   "%s: not a readable database (%s)", path, sqlite3_errmsg (self->db));
      return NULL;
    }
  schema = sqlite3_column_int64 (version, 0);
  if (schema < MIN_SCHEMA_VERSION)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_UNREADABLE,
                   schema == 0 ? "%s: not a Madoguchi database"
                               : "%s: an older Madoguchi database; start the kiosk once to update it",
                   path);
      return NULL;
    }
  for (guint i = 0; i < N_STMTS; i++)
    if (sqlite3_prepare_v3 (self->db, statements[i], -1, SQLITE_PREPARE_PERSISTENT,
                            &self->stmts[i], NULL) != SQLITE_OK)
      {
        fail (self, "preparing the queries", error);
        return NULL;
      }
  return MDG_FOLLOWUP_SOURCE (g_steal_pointer (&self));
}
