/* mdg-store.c: the SQLite file that keeps every accepted inquiry. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mdg-error.h"
#include "mdg-file.h"
#include "mdg-followup.h"
#include "mdg-store-maintenance.h"
#include "mdg-store-private.h"
#include "mdg-number.h"
#include "mdg-token.h"

struct _MdgStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  gboolean guarded; /* registered with mdg_file_guard_database */
  char *followup_url; /* the followup-url template, NULL unless valid */
  gint64 schema_version; /* the file's, as found at open (a reader never migrates) */
};

G_DEFINE_FINAL_TYPE (MdgStore, mdg_store, G_TYPE_OBJECT)

enum { INQUIRY_ADDED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char schema_v1[] =
  "CREATE TABLE inquiry ("
  "  id INTEGER PRIMARY KEY,"
  "  number TEXT NOT NULL UNIQUE,"
  "  day TEXT NOT NULL,"                   /* local date, YYYY-MM-DD */
  "  seq INTEGER NOT NULL CHECK (seq > 0),"
  "  token TEXT NOT NULL UNIQUE,"
  "  created_at INTEGER NOT NULL,"         /* Unix seconds */
  "  language TEXT NOT NULL,"
  "  flow_version TEXT NOT NULL,"
  "  details TEXT NOT NULL DEFAULT '',"
  "  followup TEXT,"
  "  status TEXT NOT NULL DEFAULT 'new'"
  "    CHECK (status IN ('new', 'in-progress', 'connected', 'closed')),"
  "  coordinator TEXT,"
  "  meeting INTEGER NOT NULL DEFAULT 0 CHECK (meeting IN (0, 1)),"
  "  printed INTEGER NOT NULL DEFAULT 0 CHECK (printed IN (0, 1)),"
  "  UNIQUE (day, seq)"
  ");"
  "CREATE TABLE answer ("
  "  inquiry_id INTEGER NOT NULL REFERENCES inquiry (id) ON DELETE CASCADE,"
  "  step TEXT NOT NULL,"
  "  choice TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  UNIQUE (inquiry_id, step, choice)"
  ");"
  "CREATE INDEX answer_choice ON answer (step, choice);"
  "CREATE TABLE contact ("
  "  inquiry_id INTEGER PRIMARY KEY REFERENCES inquiry (id) ON DELETE CASCADE,"
  "  consent_at INTEGER NOT NULL,"
  "  name TEXT,"
  "  phone TEXT,"
  "  email TEXT,"
  "  preferred_time TEXT,"
  "  CHECK (phone IS NOT NULL OR email IS NOT NULL)"
  ");"
  "CREATE TABLE status_history ("
  "  id INTEGER PRIMARY KEY,"
  "  inquiry_id INTEGER NOT NULL REFERENCES inquiry (id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL,"
  "  field TEXT NOT NULL,"
  "  old_value TEXT,"
  "  new_value TEXT"
  ");"
  "CREATE INDEX status_history_inquiry ON status_history (inquiry_id, at);"
  "CREATE TABLE note ("
  "  id INTEGER PRIMARY KEY,"
  "  inquiry_id INTEGER NOT NULL REFERENCES inquiry (id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL,"
  "  author TEXT,"
  "  body TEXT NOT NULL"
  ");"
  "CREATE INDEX note_inquiry ON note (inquiry_id, at);"
  "CREATE TABLE setting ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;";

/* Messages to the visitor (shown on the follow-up page) beside the staff's internal notes. */
static const char schema_v2[] =
  "ALTER TABLE note ADD COLUMN kind TEXT NOT NULL DEFAULT 'internal' CHECK (kind IN ('internal', 'visitor'));";

/* The change log madoguchi-sync reads: an inquiry is listed, in the same transaction as any
 * change to it, until its state has been committed centrally. One row per pending inquiry;
 * a new change replaces the row with a higher seq, so rows read before it stay distinct from
 * it. central_id marks the history and notes that came from the central database. */
static const char schema_v3[] =
  "CREATE TABLE sync_outbox ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  inquiry_id INTEGER NOT NULL UNIQUE"
  ");"
  "ALTER TABLE status_history ADD COLUMN central_id INTEGER;"
  "ALTER TABLE note ADD COLUMN central_id INTEGER;"
  "CREATE UNIQUE INDEX status_history_central ON status_history (central_id)"
  "  WHERE central_id IS NOT NULL;"
  "CREATE UNIQUE INDEX note_central ON note (central_id) WHERE central_id IS NOT NULL;"
  "INSERT INTO sync_outbox (inquiry_id) SELECT id FROM inquiry ORDER BY id;"
  "CREATE TRIGGER sync_inquiry_insert AFTER INSERT ON inquiry BEGIN"
  "  INSERT OR REPLACE INTO sync_outbox (inquiry_id) VALUES (NEW.id); END;"
  "CREATE TRIGGER sync_inquiry_update AFTER UPDATE ON inquiry BEGIN"
  "  INSERT OR REPLACE INTO sync_outbox (inquiry_id) VALUES (NEW.id); END;"
  "CREATE TRIGGER sync_answer_insert AFTER INSERT ON answer BEGIN"
  "  INSERT OR REPLACE INTO sync_outbox (inquiry_id) VALUES (NEW.inquiry_id); END;"
  "CREATE TRIGGER sync_contact_insert AFTER INSERT ON contact BEGIN"
  "  INSERT OR REPLACE INTO sync_outbox (inquiry_id) VALUES (NEW.inquiry_id); END;"
  "CREATE TRIGGER sync_contact_update AFTER UPDATE ON contact BEGIN"
  "  INSERT OR REPLACE INTO sync_outbox (inquiry_id) VALUES (NEW.inquiry_id); END;"
  "CREATE TRIGGER sync_contact_delete AFTER DELETE ON contact BEGIN"
  "  INSERT OR REPLACE INTO sync_outbox (inquiry_id) VALUES (OLD.inquiry_id); END;"
  "CREATE TRIGGER sync_history_insert AFTER INSERT ON status_history BEGIN"
  "  INSERT OR REPLACE INTO sync_outbox (inquiry_id) VALUES (NEW.inquiry_id); END;"
  "CREATE TRIGGER sync_note_insert AFTER INSERT ON note BEGIN"
  "  INSERT OR REPLACE INTO sync_outbox (inquiry_id) VALUES (NEW.inquiry_id); END;";

/* The name as it is read (フリガナ), so that a coordinator can phone the visitor. */
static const char schema_v4[] = "ALTER TABLE contact ADD COLUMN name_reading TEXT;";

/* The coordinators' directory of organisations and, per inquiry, the ones approached
 * (つなぎ先) with their state; each state change is also kept in status_history. Themes and
 * offers are choice ids joined by ';'. */
static const char schema_v5[] =
  "CREATE TABLE organisation ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  kind TEXT,"
  "  themes TEXT NOT NULL DEFAULT '',"
  "  offers TEXT NOT NULL DEFAULT '',"
  "  area TEXT,"
  "  contact TEXT,"
  "  phone TEXT,"
  "  email TEXT,"
  "  notes TEXT,"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))"
  ");"
  "CREATE TABLE introduction ("
  "  id INTEGER PRIMARY KEY,"
  "  inquiry_id INTEGER NOT NULL REFERENCES inquiry (id) ON DELETE CASCADE,"
  "  organisation_id INTEGER NOT NULL REFERENCES organisation (id),"
  "  approached_at INTEGER NOT NULL,"
  "  state TEXT NOT NULL CHECK (state IN ('approached', 'talks', 'joined', 'declined')),"
  "  changed_at INTEGER NOT NULL,"
  "  UNIQUE (inquiry_id, organisation_id)"
  ");"
  "CREATE INDEX introduction_organisation ON introduction (organisation_id);";

/* How each inquiry came in: the kiosk's own, or typed by staff for a visitor at the counter,
 * a caller or an e-mail (書かない窓口), with who typed it. Older inquiries are the kiosk's. */
static const char schema_v6[] =
  "ALTER TABLE inquiry ADD COLUMN channel TEXT NOT NULL DEFAULT 'kiosk';"
  "ALTER TABLE inquiry ADD COLUMN entered_by TEXT;";

static const char *migrations[] = { schema_v1, schema_v2, schema_v3, schema_v4, schema_v5,
                                    schema_v6 };
G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == MDG_STORE_SCHEMA_VERSION);

static void
mdg_store_finalize (GObject *object)
{
  MdgStore *self = MDG_STORE (object);

  mdg_store_close (self);
  g_free (self->path);
  g_free (self->followup_url);
  G_OBJECT_CLASS (mdg_store_parent_class)->finalize (object);
}

static void
mdg_store_class_init (MdgStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mdg_store_finalize;

  /* Emitted after an inquiry is committed, so that the staff desk's list shows it at once. */
  signals[INQUIRY_ADDED] = g_signal_new ("inquiry-added", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         MDG_TYPE_INQUIRY);
}

static void
mdg_store_init (MdgStore *self)
{
}

/* Turns an SQLite failure into the project's error, with a sentence a staff member can act on. */
gboolean
mdg_store_fail (MdgStore   *self,
      int         rc,
      const char *doing,
      GError    **error)
{
  static const char *what[] = {
    [MDG_ERROR_STORE_FULL] = "the disk is full",
    [MDG_ERROR_STORE_READ_ONLY] = "the database cannot be written",
    [MDG_ERROR_STORE_CORRUPT] = "the database is damaged",
    [MDG_ERROR_STORE_UNREADABLE] = "the database cannot be opened",
    [MDG_ERROR_STORE_FAILED] = "the database failed",
  };
  int primary = rc & 0xff;
  MdgError code;

  switch (primary)
    {
    case SQLITE_FULL:
      code = MDG_ERROR_STORE_FULL;
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      code = MDG_ERROR_STORE_READ_ONLY;
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = MDG_ERROR_STORE_CORRUPT;
      break;
    case SQLITE_CANTOPEN:
      code = MDG_ERROR_STORE_UNREADABLE;
      break;
    default:
      code = MDG_ERROR_STORE_FAILED;
    }
  g_set_error (error, MDG_ERROR, code, "%s: %s (%s, while %s)", self->path, what[code],
               self->db != NULL ? sqlite3_errmsg (self->db)
                                : primary == SQLITE_MISUSE ? "it is closed" : sqlite3_errstr (rc),
               doing);
  return FALSE;
}

/* Runs statements that return no rows; doing names the step for the message, never the SQL,
 * which may be a whole schema. */
static gboolean
exec_doing (MdgStore   *self,
            const char *sql,
            const char *doing,
            GError    **error)
{
  int rc = self->db != NULL ? sqlite3_exec (self->db, sql, NULL, NULL, NULL) : SQLITE_MISUSE;

  return rc == SQLITE_OK || mdg_store_fail (self, rc, doing, error);
}

/* For the transaction statements the other store files run. */
gboolean
mdg_store_exec (MdgStore   *self,
      const char *sql,
      GError    **error)
{
  const char *doing = "changing the database";

  if (g_str_has_prefix (sql, "BEGIN"))
    doing = "starting a transaction";
  else if (g_str_has_prefix (sql, "COMMIT"))
    doing = "saving the changes";
  return exec_doing (self, sql, doing, error);
}

sqlite3_stmt *
mdg_store_prepare (MdgStore   *self,
         const char *sql,
         GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = self->db != NULL ? sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) : SQLITE_MISUSE;

  if (rc != SQLITE_OK)
    {
      mdg_store_fail (self, rc, "preparing a query", error);
      return NULL;
    }
  return stmt;
}

/* One integer from a query that returns one row: counts, pragmas. */
gboolean
mdg_store_query_int (MdgStore   *self,
                     const char *sql,
                     gint64     *value,
                     const char *doing,
                     GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = mdg_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return mdg_store_fail (self, rc, doing, error);
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

void
mdg_store_bind_text_or_null (sqlite3_stmt *stmt,
                             int           index,
                             const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* A value of the setting table, or NULL with no error when the key is absent. */
char *
mdg_store_get_setting (MdgStore   *self,
                       const char *key,
                       GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = mdg_store_prepare (self, "SELECT value FROM setting WHERE key = ?",
                                                     error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    mdg_store_fail (self, rc, "reading a setting", error);
  return NULL;
}

gboolean
mdg_store_put_setting (MdgStore   *self,
                       const char *key,
                       const char *value,
                       GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = mdg_store_prepare (
    self, "INSERT INTO setting (key, value) VALUES (?, ?)"
          " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return mdg_store_step_done (self, stmt, "saving a setting", error);
}

/* How a store is opened: the kiosk's (created if missing), an existing file for writing, or an
 * existing file that is only read and never changed by a byte. */
typedef enum
{
  OPEN_CREATE,
  OPEN_WRITE,
  OPEN_READ,
} OpenMode;

/* Whether the folder can be written, by the owner's bits too: root passes access() whatever the
 * mode. */
static gboolean
folder_writable (const char        *dir,
                 const struct stat *st)
{
  return access (dir, W_OK) == 0 && (st->st_mode & S_IWUSR) != 0;
}

/* Refuses, before writing anything, a file that is read-only, unreadable or not a database.
 * Only with OPEN_CREATE are a missing file and its folder made; OPEN_READ asks for reading
 * alone, so a backup in a read-only folder can be examined. */
static gboolean
check_access (const char *path,
              OpenMode    mode,
              gboolean   *exists,
              GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct stat st;

  if (mode != OPEN_CREATE && g_lstat (path, &st) != 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, "%s: no such database", path);
      return FALSE;
    }
  if (mode == OPEN_CREATE && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, MDG_ERROR, saved == EACCES || saved == EROFS
                                       ? MDG_ERROR_STORE_READ_ONLY : MDG_ERROR_STORE_UNREADABLE,
                   "%s: the folder cannot be created: %s", dir, g_strerror (saved));
      return FALSE;
    }
  if (g_stat (dir, &st) != 0 || access (dir, R_OK | X_OK) != 0
      || (st.st_mode & (S_IRUSR | S_IXUSR)) != (S_IRUSR | S_IXUSR))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_UNREADABLE,
                   "%s: the folder of the database cannot be read (permission denied)", dir);
      return FALSE;
    }
  if (mode != OPEN_READ && !folder_writable (dir, &st))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_READ_ONLY,
                   "%s: the folder of the database is read-only", dir);
      return FALSE;
    }

  *exists = g_stat (path, &st) == 0;
  if (!*exists)
    {
      int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

      if (fd < 0)
        {
          int saved = errno;

          g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_READ_ONLY,
                       "%s: the database cannot be created: %s", path, g_strerror (saved));
          return FALSE;
        }
      close (fd);
      return TRUE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_UNREADABLE, "%s: not a regular file", path);
      return FALSE;
    }
  if (access (path, R_OK) != 0 || (st.st_mode & S_IRUSR) == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_UNREADABLE,
                   "%s: the database cannot be read (permission denied)", path);
      return FALSE;
    }
  if (mode != OPEN_READ && (access (path, W_OK) != 0 || (st.st_mode & S_IWUSR) == 0))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_READ_ONLY, "%s: the database is read-only",
                   path);
      return FALSE;
    }
  return TRUE;
}

static guint32
read_be (const guint8 *p,
         guint         size)
{
  guint32 value = 0;

  for (guint i = 0; i < size; i++)
    value = value << 8 | p[i];
  return value;
}

/* The cheap and certain checks, made on the bytes before SQLite reads the file: an SQLite
 * header with a valid page size, and a file that is whole pages, no shorter than its header
 * says. An empty file is a new database. */
static gboolean
check_header (const char *path,
              gboolean   *empty,
              GError    **error)
{
  guint8 header[100];
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  struct stat st;
  guint32 page_size, pages;
  gssize got;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_UNREADABLE, "%s: the database cannot be read: %s",
                   path, g_strerror (saved));
      return FALSE;
    }
  *empty = st.st_size == 0;
  got = *empty ? 0 : read (fd, header, sizeof header);
  close (fd);
  if (*empty)
    return TRUE;
  if (got != sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_CORRUPT,
                   "%s: the database is damaged (not an SQLite database file)", path);
      return FALSE;
    }
  page_size = read_be (header + 16, 2);
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0
      || st.st_size % page_size != 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_CORRUPT,
                   "%s: the database is damaged (its size is not a whole number of pages)", path);
      return FALSE;
    }
  /* The page count in the header is valid when its counter matches; without a log that may
   * hold newer pages, a file shorter than that was cut. */
  pages = read_be (header + 28, 4);
  if (read_be (header + 92, 4) == read_be (header + 24, 4) && pages > 0
      && (guint64) pages * page_size > (guint64) st.st_size && !g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_CORRUPT,
                   "%s: the database is damaged (the file is shorter than its header says)", path);
      return FALSE;
    }
  return TRUE;
}

/* Whether a write-ahead log with frames lies beside the file: left by a process that stopped
 * without closing, or copied there. Its pages have not been checked by anyone yet. */
static gboolean
has_pending_log (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  struct stat st;

  return g_stat (wal, &st) == 0 && st.st_size > 32;
}

static gboolean
migrate (MdgStore *self,
         GError  **error)
{
  gint64 version = 0;

  if (!mdg_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!mdg_store_query_int (self, "PRAGMA user_version", &version, "reading the schema version", error))
    goto rollback;
  if (version > MDG_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_TOO_NEW,
                   "%s: written by a newer Madoguchi (schema %" G_GINT64_FORMAT
                   ", this program knows %d); update the kiosk",
                   self->path, version, MDG_STORE_SCHEMA_VERSION);
      goto rollback;
    }
  for (gint64 v = version; v < MDG_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, v + 1);

      if (!exec_doing (self, migrations[v], "creating the tables", error)
          || !exec_doing (self, bump, "recording the schema version", error))
        goto rollback;
    }
  return mdg_store_exec (self, "COMMIT", error) || mdg_store_rollback (self);

rollback:
  return mdg_store_rollback (self);
}

/* The whole file's quick check, for a writer that finds a log it did not write. */
static gboolean
check_integrity (MdgStore *self,
                 GError  **error)
{
  g_autoptr (sqlite3_stmt) stmt = mdg_store_prepare (self, "PRAGMA quick_check (1)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return mdg_store_fail (self, rc, "checking the database", error);
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      /* SQLite's report spans lines; the staff page and the command line want one sentence. */
      g_autofree char *report = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_CORRUPT,
                   "%s: the database is damaged (%s)", self->path,
                   g_strstrip (g_strdelimit (report, "\r\n", ' ')));
      return FALSE;
    }
  return TRUE;
}

char *
mdg_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "madoguchi", "inquiries.db", NULL);
}

/* A file without a schema version is Madoguchi's only while it is still empty: another
 * program's database is never migrated into ours. Without create, not even an empty one is. */
static gboolean
check_ours (MdgStore *self,
            gint64    version,
            gboolean  create,
            GError  **error)
{
  gint64 tables = 0;

  if (version > 0)
    return TRUE;
  if (!create)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_UNREADABLE,
                   "%s: not a Madoguchi database (no inquiries yet?)", self->path);
      return FALSE;
    }
  if (!mdg_store_query_int (self, "SELECT count (*) FROM sqlite_master", &tables, "reading the schema",
                  error))
    return FALSE;
  if (tables > 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_UNREADABLE,
                   "%s: not a Madoguchi database; choose another file", self->path);
      return FALSE;
    }
  return TRUE;
}

/* The pages a writer is about to use: the last inquiry and today's numbering. */
static gboolean
check_used_pages (MdgStore *self,
                  GError  **error)
{
  gint64 value = 0;

  return mdg_store_query_int (self, "SELECT count (*) FROM setting", &value, "checking the database", error)
         && mdg_store_query_int (self, "SELECT COALESCE (MAX (id), 0) FROM inquiry", &value,
                       "checking the database", error)
         && mdg_store_query_int (self,
                       "SELECT COALESCE (MAX (seq), 0) FROM inquiry"
                       " WHERE day = date ('now', 'localtime')",
                       &value, "checking the database", error)
         && mdg_store_query_int (self, "SELECT COALESCE (MAX (rowid), 0) FROM answer", &value,
                       "checking the database", error);
}

/* The name SQLite opens: a URI, so that a copy nobody can be writing (in a folder this program
 * cannot write, without a log) is read as immutable and needs no lock or -shm file there. */
static char *
connection_uri (const char *path,
                OpenMode    mode)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (absolute);
  g_autofree char *wal = g_strconcat (absolute, "-wal", NULL);
  g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);
  struct stat st;
  gboolean immutable = mode == OPEN_READ && g_stat (dir, &st) == 0 && !folder_writable (dir, &st)
                       && !g_file_test (wal, G_FILE_TEST_EXISTS);

  if (uri == NULL)
    return NULL;
  return g_strconcat (uri, mode == OPEN_READ ? "?mode=ro" : "?mode=rw",
                      immutable ? "&immutable=1" : "", NULL);
}

static MdgStore *
store_open_checked (const char *path,
                    OpenMode    mode,
                    GError    **error)
{
  g_autoptr (MdgStore) self = NULL;
  g_autofree char *uri = NULL;
  gboolean exists = FALSE;
  gboolean empty = TRUE;
  gint64 version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (MDG_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (!check_access (path, mode, &exists, error))
    return NULL;
  if (exists && !check_header (path, &empty, error))
    return NULL;
  uri = connection_uri (path, mode);
  if (uri == NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_UNREADABLE, "%s: the database cannot be opened",
                   path);
      return NULL;
    }

  rc = sqlite3_open_v2 (uri, &self->db,
                        (mode == OPEN_READ ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE)
                          | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      mdg_store_fail (self, rc, "opening", error);
      return NULL;
    }
  mdg_file_guard_database (self->path);
  self->guarded = TRUE;
  /* Until the file is accepted, closing must not checkpoint: a refused file, and a log beside
   * it that may not even be its own, stay byte for byte as they were. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 10000);

  /* Read-only checks first: a damaged or newer file is refused untouched. */
  if (!mdg_store_query_int (self, "PRAGMA user_version", &version, "reading the schema version", error))
    return NULL;
  if (version > MDG_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_TOO_NEW,
                   "%s: written by a newer Madoguchi (schema %" G_GINT64_FORMAT
                   ", this program knows %d); update the kiosk",
                   path, version, MDG_STORE_SCHEMA_VERSION);
      return NULL;
    }
  if (!check_ours (self, version, mode == OPEN_CREATE, error))
    return NULL;
  self->schema_version = version;
  /* Only a writer would build on pages nobody has checked; `check` reads everything. */
  if (mode != OPEN_READ && !empty && has_pending_log (path) && !check_integrity (self, error))
    return NULL;
  if (version > 0 && !check_used_pages (self, error))
    return NULL;
  if (mode == OPEN_READ)
    return g_steal_pointer (&self);
  if (exists && version > 0 && version < MDG_STORE_SCHEMA_VERSION)
    {
      /* An update migrates the file: a copy first, so nothing is lost if it goes wrong. */
      g_autofree char *backup = mdg_store_backup_before_update (self, version, error);

      if (backup == NULL)
        return NULL;
      g_message ("%s: backed up to %s before the schema update", path, backup);
    }

  if (!exec_doing (self,
                   "PRAGMA journal_mode = WAL;"
                   "PRAGMA synchronous = FULL;"
                   "PRAGMA foreign_keys = ON;"
                   "PRAGMA secure_delete = ON;",
                   "setting up the connection", error))
    return NULL;
  if (version < MDG_STORE_SCHEMA_VERSION && !migrate (self, error))
    return NULL;
  self->schema_version = MDG_STORE_SCHEMA_VERSION;
  /* Accepted: a clean close now folds the log back into the file and removes it. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
  return g_steal_pointer (&self);
}

/* SQLite's unix VFS: every connection holds a read lock on this byte of the -shm file. */
#define SHM_DMS_BYTE 128

/* Removes the -shm index that reading a refused file made, if no connection anywhere uses it
 * (none holds its lock byte, and this process has no store open on the file), so a refused
 * file is left with exactly the files it had. */
static void
remove_unused_index (const char *path,
                     const char *shm)
{
  struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = SHM_DMS_BYTE, .l_len = 1 };
  int fd;

  /* POSIX locks are the process's: another connection of ours would not show, and closing fd
   * would drop its locks. */
  if (!mdg_file_check_not_database (path, NULL, NULL))
    return;
  fd = g_open (shm, O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd < 0)
    return;
  if (fcntl (fd, F_SETLK, &lock) == 0)
    g_unlink (shm);
  close (fd);
}

static MdgStore *
store_open (const char *path,
            OpenMode    mode,
            GError    **error)
{
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  gboolean had_index = g_file_test (shm, G_FILE_TEST_EXISTS);
  MdgStore *self = store_open_checked (path, mode, error);

  if (self == NULL && !had_index)
    remove_unused_index (path, shm);
  /* The log's pages are read as the file's own: a refusal may be the log's doing. */
  if (self == NULL && error != NULL && *error != NULL && has_pending_log (path)
      && ((*error)->code == MDG_ERROR_STORE_CORRUPT || (*error)->code == MDG_ERROR_STORE_UNREADABLE))
    {
      char *message = g_strdup_printf ("%s (with the %s-wal file beside it, which may belong to "
                                       "another database; both were left as they were)",
                                       (*error)->message, path);

      g_free ((*error)->message);
      (*error)->message = message;
    }
  return self;
}

/* The kiosk's database, created with its folder on the first start. */
MdgStore *
mdg_store_open (const char *path,
                GError    **error)
{
  return store_open (path, OPEN_CREATE, error);
}

/* A database the kiosk has already made, for the staff's tools: nothing is created. */
MdgStore *
mdg_store_open_existing (const char *path,
                         GError    **error)
{
  return store_open (path, OPEN_WRITE, error);
}

/* An existing database for reading alone: never migrated, never changed by a byte, and no lock
 * held beyond a reader's, so it can run beside the kiosk and examine a read-only copy. */
MdgStore *
mdg_store_open_read_only (const char *path,
                          GError    **error)
{
  return store_open (path, OPEN_READ, error);
}

/* A reader of an older file (a backup from before an update, or a kiosk not yet restarted
 * on the new version) can check or copy it, but not query what the old schema lacks. */
gboolean
mdg_store_require_current (MdgStore *self,
                           GError  **error)
{
  g_return_val_if_fail (MDG_IS_STORE (self), FALSE);

  if (self->schema_version >= MDG_STORE_SCHEMA_VERSION)
    return TRUE;
  g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_TOO_OLD,
               "%s: written by an earlier Madoguchi (schema %" G_GINT64_FORMAT
               ", this program reads %d); the kiosk updates it at its next start, after a backup, "
               "and “check” and “backup” work on it as it is",
               self->path, self->schema_version, MDG_STORE_SCHEMA_VERSION);
  return FALSE;
}

/* Closes the connection (a writer's last close folds its log into the file); every later call
 * fails with an error. Also done when the store is freed. */
void
mdg_store_close (MdgStore *self)
{
  g_return_if_fail (MDG_IS_STORE (self));

  g_clear_pointer (&self->db, sqlite3_close_v2);
  if (self->guarded)
    mdg_file_unguard_database (self->path);
  self->guarded = FALSE;
}

sqlite3 *
mdg_store_get_db (MdgStore *self)
{
  g_return_val_if_fail (MDG_IS_STORE (self), NULL);
  return self->db;
}

const char *
mdg_store_get_path (MdgStore *self)
{
  g_return_val_if_fail (MDG_IS_STORE (self), NULL);
  return self->path;
}

/* Runs a statement that returns no rows. */
gboolean
mdg_store_step_done (MdgStore     *self,
                     sqlite3_stmt *stmt,
                     const char   *doing,
                     GError      **error)
{
  int rc = sqlite3_step (stmt);

  return rc == SQLITE_DONE || mdg_store_fail (self, rc, doing, error);
}

/* Leaves the connection idle after a failed transaction; a failed COMMIT may already have
 * rolled back. Returns FALSE, so a failing path can end with `return mdg_store_rollback (…)`. */
gboolean
mdg_store_rollback (MdgStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Every inquiry the store hands out carries its follow-up address, built here and nowhere else,
 * so the done page, the slip and a reprint show the same one. */
void
mdg_store_set_followup_url (MdgStore   *self,
                            const char *url_template)
{
  g_return_if_fail (MDG_IS_STORE (self));

  g_free (self->followup_url);
  self->followup_url = url_template != NULL && mdg_followup_check_template (url_template, NULL)
                         ? g_strdup (url_template) : NULL;
}

static void
attach_url (MdgStore   *self,
            MdgInquiry *inquiry)
{
  g_autofree char *url = NULL;

  if (self->followup_url == NULL)
    return;
  url = mdg_followup_build_url (self->followup_url, mdg_inquiry_get_number (inquiry),
                                mdg_inquiry_get_token (inquiry), mdg_inquiry_get_language (inquiry));
  mdg_inquiry_set_followup_url (inquiry, url);
}

static gboolean
insert_answers (MdgStore         *self,
                MdgInquiry       *inquiry,
                const MdgAnswers *answers,
                GError          **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stmt = mdg_store_prepare (self, "INSERT INTO answer (inquiry_id, step, choice, position) VALUES (?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < answers->answers->len; i++)
    {
      const MdgAnswer *answer = g_ptr_array_index (answers->answers, i);

      for (guint j = 0; j < answer->choices->len; j++)
        {
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, mdg_inquiry_get_id (inquiry));
          sqlite3_bind_text (stmt, 2, answer->step_id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, g_ptr_array_index (answer->choices, j), -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (stmt, 4, j);
          if (!mdg_store_step_done (self, stmt, "saving an answer", error))
            return FALSE;
          mdg_inquiry_add_answer (inquiry, answer->step_id, g_ptr_array_index (answer->choices, j));
        }
    }
  return TRUE;
}

static gboolean
insert_contact (MdgStore   *self,
                MdgInquiry *inquiry,
                gint64      now,
                const MdgAnswers *answers,
                GError    **error)
{
  const MdgContact *contact = answers->contact;
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (contact == NULL)
    return TRUE;

  stmt = mdg_store_prepare (self,
                  "INSERT INTO contact (inquiry_id, consent_at, name, phone, email, preferred_time,"
                  " name_reading) VALUES (?, ?, ?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mdg_inquiry_get_id (inquiry));
  sqlite3_bind_int64 (stmt, 2, now);
  for (guint i = 0; i < MDG_CONTACT_N_FIELDS; i++)
    {
      g_autofree char *value = mdg_contact_normalize_field (i, contact->fields[i]);

      if (*value != '\0')
        sqlite3_bind_text (stmt, 3 + i, value, -1, SQLITE_TRANSIENT);
    }
  if (!mdg_store_step_done (self, stmt, "saving the contact details", error))
    return FALSE;
  mdg_inquiry_set_has_contact (inquiry, TRUE);
  return TRUE;
}

/* Numbers the inquiry and stores it in one transaction; the number exists only once committed.
 * The inquiry returned is built from what was written, so nothing can fail after the commit. */
MdgInquiry *
mdg_store_record_answers (MdgStore         *self,
                          const MdgAnswers *answers,
                          GError          **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *number = NULL;
  g_autofree char *token = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (MdgInquiry) inquiry = NULL;
  const char *followup = NULL;
  const char *details = NULL;
  const char *flow_version = NULL;
  gint64 seq = 0;
  int rc;

  g_return_val_if_fail (MDG_IS_STORE (self), NULL);
  g_return_val_if_fail (answers != NULL, NULL);

  followup = answers->followup;
  details = answers->details;
  flow_version = answers->flow_version;
  if (answers->channel != NULL && !mdg_inquiry_channel_is_known (answers->channel))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT, "Unknown channel “%s”", answers->channel);
      return NULL;
    }
  token = mdg_token_new (error);
  if (token == NULL)
    return NULL;
  if (!mdg_store_exec (self, "BEGIN IMMEDIATE", error))
    return NULL;

  stmt = mdg_store_prepare (self, "SELECT COALESCE (MAX (seq), 0) + 1 FROM inquiry WHERE day = ?", error);
  if (stmt == NULL)
    goto rollback;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      mdg_store_fail (self, rc, "numbering the inquiry", error);
      goto rollback;
    }
  seq = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  number = mdg_number_format (now, seq);

  stmt = mdg_store_prepare (self,
                  "INSERT INTO inquiry (number, day, seq, token, created_at, language, flow_version,"
                  " details, followup, channel, entered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    goto rollback;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, seq);
  sqlite3_bind_text (stmt, 4, token, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, g_date_time_to_unix (now));
  sqlite3_bind_text (stmt, 6, answers->language, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, flow_version, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, details != NULL ? details : "", -1, SQLITE_TRANSIENT);
  if (followup != NULL)
    sqlite3_bind_text (stmt, 9, followup, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, answers->channel != NULL ? answers->channel : MDG_CHANNEL_KIOSK, -1,
                     SQLITE_TRANSIENT);
  mdg_store_bind_text_or_null (stmt, 11, answers->entered_by);
  if (!mdg_store_step_done (self, stmt, "saving the inquiry", error))
    goto rollback;
  g_clear_pointer (&stmt, sqlite3_finalize);

  inquiry = mdg_inquiry_new (sqlite3_last_insert_rowid (self->db), number, token,
                             g_date_time_to_unix (now), NULL);
  mdg_inquiry_set_fields (inquiry, answers->language, flow_version,
                          details != NULL ? details : "", followup, "new", NULL, FALSE, FALSE);
  mdg_inquiry_set_channel (inquiry, answers->channel, answers->entered_by);
  attach_url (self, inquiry);
  if (!insert_answers (self, inquiry, answers, error)
      || !insert_contact (self, inquiry, g_date_time_to_unix (now), answers, error))
    goto rollback;
  if (!mdg_store_exec (self, "COMMIT", error))
    goto rollback;
  g_signal_emit (self, signals[INQUIRY_ADDED], 0, inquiry);
  return g_steal_pointer (&inquiry);

rollback:
  g_clear_pointer (&stmt, sqlite3_finalize);
  mdg_store_rollback (self);
  return NULL;
}

/* The same for a visit, through its snapshot: for tools and tests that hold a visit. */
MdgInquiry *
mdg_store_record (MdgStore *self,
                  MdgVisit *visit,
                  GError  **error)
{
  g_autoptr (MdgAnswers) answers = NULL;

  g_return_val_if_fail (MDG_IS_VISIT (visit), NULL);

  answers = mdg_visit_snapshot (visit);
  return mdg_store_record_answers (self, answers, error);
}

static MdgInquiry *
inquiry_from_row (MdgStore     *self,
                  sqlite3_stmt *stmt,
                  GTimeZone    *zone)
{
  MdgInquiry *inquiry = mdg_inquiry_new (sqlite3_column_int64 (stmt, 0),
                                         (const char *) sqlite3_column_text (stmt, 1),
                                         (const char *) sqlite3_column_text (stmt, 2),
                                         sqlite3_column_int64 (stmt, 3), zone);

  mdg_inquiry_set_fields (inquiry, (const char *) sqlite3_column_text (stmt, 4),
                          (const char *) sqlite3_column_text (stmt, 5),
                          (const char *) sqlite3_column_text (stmt, 6),
                          (const char *) sqlite3_column_text (stmt, 7),
                          (const char *) sqlite3_column_text (stmt, 8),
                          (const char *) sqlite3_column_text (stmt, 9),
                          sqlite3_column_int (stmt, 10), sqlite3_column_int (stmt, 11));
  mdg_inquiry_set_has_contact (inquiry, sqlite3_column_int (stmt, 12));
  mdg_inquiry_set_channel (inquiry, (const char *) sqlite3_column_text (stmt, 13),
                           (const char *) sqlite3_column_text (stmt, 14));
  attach_url (self, inquiry);
  return inquiry;
}

#define INQUIRY_COLUMNS                                                                    \
  "i.id, i.number, i.token, i.created_at, i.language, i.flow_version, i.details, "        \
  "i.followup, i.status, i.coordinator, i.meeting, i.printed, "                          \
  "EXISTS (SELECT 1 FROM contact c WHERE c.inquiry_id = i.id), i.channel, i.entered_by"

/* The inquiries matching `where` (with one or two text parameters) and their answers, in order
 * of arrival. */
static GPtrArray *
list_where (MdgStore   *self,
            const char *where,
            const char *value,
            const char *value2,
            GError    **error)
{
  g_autofree char *sql = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GTimeZone) zone = g_time_zone_new_local ();
  guint next = 0; /* the inquiry the answers read last belong to */
  int rc;

  sql = g_strdup_printf ("SELECT " INQUIRY_COLUMNS " FROM inquiry i WHERE %s ORDER BY i.day, i.seq",
                         where);
  stmt = mdg_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if (value2 != NULL)
    sqlite3_bind_text (stmt, 2, value2, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, inquiry_from_row (self, stmt, zone));
  if (rc != SQLITE_DONE)
    {
      mdg_store_fail (self, rc, "reading inquiries", error);
      return NULL;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_clear_pointer (&sql, g_free);

  /* Their answers in one statement, in the same order: a statement per inquiry, each sorting its
   * few answers apart, cost a desk opening a day more than reading the inquiries did. */
  sql = g_strdup_printf ("SELECT a.inquiry_id, a.step, a.choice FROM inquiry i"
                         " JOIN answer a ON a.inquiry_id = i.id WHERE %s"
                         " ORDER BY i.day, i.seq, a.rowid", where);
  stmt = mdg_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if (value2 != NULL)
    sqlite3_bind_text (stmt, 2, value2, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      /* An inquiry recorded between the two statements comes last: its answers wait for the
       * next reading, as the inquiry does. */
      for (guint i = next; i < result->len; i++)
        if (mdg_inquiry_get_id (g_ptr_array_index (result, i)) == id)
          {
            next = i;
            mdg_inquiry_add_answer (g_ptr_array_index (result, i),
                                    (const char *) sqlite3_column_text (stmt, 1),
                                    (const char *) sqlite3_column_text (stmt, 2));
            break;
          }
    }
  if (rc != SQLITE_DONE)
    {
      mdg_store_fail (self, rc, "reading answers", error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

MdgInquiry *
mdg_store_lookup (MdgStore   *self,
                  const char *number,
                  GError    **error)
{
  g_autoptr (GPtrArray) found = NULL;

  g_return_val_if_fail (MDG_IS_STORE (self), NULL);

  found = list_where (self, "i.number = ?", number, NULL, error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, "No inquiry numbered %s", number);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (found, 0));
}

GPtrArray *
mdg_store_list_day (MdgStore   *self,
                    const char *day,
                    GError    **error)
{
  g_return_val_if_fail (MDG_IS_STORE (self), NULL);
  return list_where (self, "i.day = ?", day, NULL, error);
}

/* Days are YYYY-MM-DD, so text order is date order and the (day, seq) index serves the range. */
GPtrArray *
mdg_store_list_days (MdgStore   *self,
                     const char *from,
                     const char *to,
                     GError    **error)
{
  g_return_val_if_fail (MDG_IS_STORE (self), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);
  return list_where (self, "i.day BETWEEN ? AND ?", from, to, error);
}
