/* mdg-store-maintenance.c: the store's upkeep: full integrity check, online backup and the
 * erasing of contact details after the retention period. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "mdg-error.h"
#include "mdg-file.h"
#include "mdg-store-maintenance.h"
#include "mdg-store-private.h"

/* Collects the lines a check pragma reports; `ok_line` is what a clean result says, if any. */
static gboolean
run_check (MdgStore   *self,
           const char *sql,
           const char *ok_line,
           GString    *problems,
           GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = mdg_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (GString) line = g_string_new (NULL);

      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (line, "%s%s", i > 0 ? " " : "",
                                sqlite3_column_text (stmt, i) != NULL
                                  ? (const char *) sqlite3_column_text (stmt, i) : "-");
      if (ok_line != NULL && g_str_equal (line->str, ok_line))
        continue;
      g_strdelimit (line->str, "\r\n", ' ');
      g_string_append_printf (problems, "%s%s", problems->len > 0 ? "; " : "", line->str);
    }
  return rc == SQLITE_DONE || mdg_store_fail (self, rc, "checking the database", error);
}

/* The full check (every page, index and reference), beyond the quick check made at opening;
 * the first ten problems are enough to act on. */
gboolean
mdg_store_check (MdgStore *self,
                 GError  **error)
{
  g_autoptr (GString) problems = g_string_new (NULL);

  g_return_val_if_fail (MDG_IS_STORE (self), FALSE);

  if (!run_check (self, "PRAGMA integrity_check (10)", "ok", problems, error)
      || !run_check (self, "PRAGMA foreign_key_check", NULL, problems, error))
    return FALSE;
  if (problems->len > 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_CORRUPT, "%s: the database is damaged: %s",
                   mdg_store_get_path (self), problems->str);
      return FALSE;
    }
  return TRUE;
}

static void
check_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) reader = mdg_store_open_read_only (task_data, &error);

  if (reader == NULL || !mdg_store_check (reader, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* The full check in a thread, on a read-only connection of its own, so the kiosk stays
 * responsive and keeps writing while it reads the whole file. */
void
mdg_store_check_async (MdgStore           *self,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (MDG_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mdg_store_check_async);
  g_task_set_task_data (task, g_strdup (mdg_store_get_path (self)), g_free);
  g_task_run_in_thread (task, check_in_thread);
}

gboolean
mdg_store_check_finish (MdgStore     *self,
                        GAsyncResult *result,
                        GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Whether path is the database itself or one of its -wal, -shm and -journal files, by
 * identity (see mdg_file_check_not_database). */
gboolean
mdg_store_owns_file (MdgStore   *self,
                     const char *path)
{
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (MDG_IS_STORE (self), FALSE);
  /* A target that cannot be written at all is for the writer to report, in its own words. */
  return !mdg_file_check_not_database (path, mdg_store_get_path (self), &error)
         && g_error_matches (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT);
}

static gboolean
copy_into (MdgStore   *self,
           const char *temp,
           GError    **error)
{
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  int rc = sqlite3_open_v2 (temp, &copy, SQLITE_OPEN_READWRITE, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (copy, 10000);
      backup = sqlite3_backup_init (copy, "main", mdg_store_get_db (self), "main");
      if (backup == NULL)
        rc = sqlite3_errcode (copy);
      else
        {
          /* A writer holding the lock makes a step busy; wait for it rather than give up. */
          while ((rc = sqlite3_backup_step (backup, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep (50);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = sqlite3_exec (copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
        }
    }
  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    {
      g_set_error (error, MDG_ERROR, (rc & 0xff) == SQLITE_FULL ? MDG_ERROR_STORE_FULL : MDG_ERROR_IO,
                   "the backup could not be written: %s",
                   copy != NULL ? sqlite3_errmsg (copy) : sqlite3_errstr (rc));
      sqlite3_close_v2 (copy);
      return FALSE;
    }
  return sqlite3_close (copy) == SQLITE_OK;
}

/* A consistent copy taken while the kiosk may keep writing, complete or not there at all. */
gboolean
mdg_store_backup (MdgStore   *self,
                  const char *target,
                  GError    **error)
{
  g_autofree char *temp = NULL;
  int fd = -1;

  g_return_val_if_fail (MDG_IS_STORE (self), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  if (mdg_store_owns_file (self, target))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "%s: is the database itself; choose another file for the backup", target);
      return FALSE;
    }
  temp = mdg_file_open_temp (target, &fd, error);
  if (temp == NULL)
    return FALSE;
  /* fd stays open for its lock while SQLite writes the copy by name. */
  if (!copy_into (self, temp, error))
    {
      g_autofree char *journal = g_strconcat (temp, "-journal", NULL);

      g_unlink (journal);
      g_unlink (temp);
      close (fd);
      return FALSE;
    }
  close (fd);
  return mdg_file_commit_temp (temp, target, error);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Keeps the newest MDG_STORE_BACKUPS_KEPT of the files named prefix…; the names sort by time. */
static void
prune_backups (const char *folder,
               const char *prefix)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix) && strstr (name, "-schema") != NULL
        && g_str_has_suffix (name, ".db"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i + MDG_STORE_BACKUPS_KEPT < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);

      if (g_unlink (path) != 0)
        g_warning ("%s: an old backup could not be removed", path);
    }
}

/* Before an update migrates the schema: a consistent copy in backups/ beside the database
 * (inquiries-YYYYMMDD-HHMMSS-µs-schemaN.db), keeping the last MDG_STORE_BACKUPS_KEPT. Returns the
 * copy's path; on failure the migration must not go ahead. */
char *
mdg_store_backup_before_update (MdgStore  *self,
                                gint64     from_version,
                                GError   **error)
{
  const char *path = mdg_store_get_path (self);
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *target = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_return_val_if_fail (MDG_IS_STORE (self), NULL);

  folder = g_build_filename (dir, "backups", NULL);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, MDG_ERROR, MDG_ERROR_IO,
                   "%s: no folder for the backup before the update: %s", folder,
                   g_strerror (saved));
      return NULL;
    }
  base = g_path_get_basename (path);
  if (g_str_has_suffix (base, ".db"))
    base[strlen (base) - 3] = '\0';
  prefix = g_strdup_printf ("%s-", base);
  /* The time first, to the microsecond, so that the names sort by age. */
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S-%f");
  target = g_strdup_printf ("%s/%s%s-schema%" G_GINT64_FORMAT ".db", folder, prefix, stamp,
                            from_version);
  if (g_file_test (target, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_IO, "%s: a backup of that name is there already",
                   target);
      return NULL;
    }
  if (!mdg_store_backup (self, target, error))
    {
      g_prefix_error (error, "before updating %s: ", path);
      return NULL;
    }
  prune_backups (folder, prefix);
  return g_steal_pointer (&target);
}

/* Runs one statement of the purge with the time and the cutoff bound to ?1 and ?2. */
static gboolean
purge_step (MdgStore   *self,
            const char *sql,
            gint64      at,
            gint64      cutoff,
            const char *doing,
            GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = mdg_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, at);
  sqlite3_bind_int64 (stmt, 2, cutoff);
  return mdg_store_step_done (self, stmt, doing, error);
}

/* A closed inquiry older than the retention period loses its free text too (what the visitor
 * wrote and the staff's notes), which may hold a name or a number; its answers, status and
 * dates stay for the statistics, and its history notes when the text went. */
static gboolean
erase_closed_texts (MdgStore *self,
                    gint64    at,
                    gint64    cutoff,
                    GError  **error)
{
  return purge_step (self,
                     "INSERT INTO status_history (inquiry_id, at, field, old_value, new_value)"
                     " SELECT id, ?1, 'text', 'kept', 'erased' FROM inquiry i"
                     " WHERE status = 'closed' AND created_at < ?2"
                     " AND (details <> '' OR EXISTS (SELECT 1 FROM note n WHERE n.inquiry_id = i.id"
                     " AND n.body <> ''))",
                     at, cutoff, "noting the erased texts", error)
         && purge_step (self,
                        "UPDATE note SET body = '' WHERE body <> '' AND inquiry_id IN"
                        " (SELECT id FROM inquiry WHERE status = 'closed' AND created_at < ?2)",
                        at, cutoff, "erasing the notes", error)
         && purge_step (self,
                        "UPDATE inquiry SET details = '' WHERE status = 'closed'"
                        " AND created_at < ?2 AND details <> ''",
                        at, cutoff, "erasing the details", error);
}

/* Erases the contact details given more than retention_days ago, and the free text of closed
 * inquiries that old; the inquiry stays for the statistics, and its history notes when the
 * details went. secure_delete overwrites the freed pages, and truncating the write-ahead log
 * removes the copies it still held. */
gboolean
mdg_store_purge (MdgStore  *self,
                 guint      retention_days,
                 GDateTime *now,
                 guint     *n_erased,
                 GError   **error)
{
  g_autoptr (sqlite3_stmt) note = NULL;
  g_autoptr (sqlite3_stmt) erase = NULL;
  gint64 at, cutoff;
  int rc;

  g_return_val_if_fail (MDG_IS_STORE (self), FALSE);
  g_return_val_if_fail (retention_days > 0, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  at = g_date_time_to_unix (now);
  cutoff = at - (gint64) retention_days * 24 * 60 * 60;
  if (!mdg_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  note = mdg_store_prepare (self,
                            "INSERT INTO status_history (inquiry_id, at, field, old_value, new_value)"
                            " SELECT inquiry_id, ?, 'contact', 'kept', 'erased' FROM contact"
                            " WHERE consent_at < ?",
                            error);
  if (note == NULL)
    goto rollback;
  sqlite3_bind_int64 (note, 1, at);
  sqlite3_bind_int64 (note, 2, cutoff);
  rc = sqlite3_step (note);
  if (rc != SQLITE_DONE)
    {
      mdg_store_fail (self, rc, "noting the erased contact details", error);
      goto rollback;
    }
  erase = mdg_store_prepare (self, "DELETE FROM contact WHERE consent_at < ?", error);
  if (erase == NULL)
    goto rollback;
  sqlite3_bind_int64 (erase, 1, cutoff);
  rc = sqlite3_step (erase);
  if (rc != SQLITE_DONE)
    {
      mdg_store_fail (self, rc, "erasing contact details", error);
      goto rollback;
    }
  if (n_erased != NULL)
    *n_erased = sqlite3_changes (mdg_store_get_db (self));
  if (!erase_closed_texts (self, at, cutoff, error))
    goto rollback;
  if (!mdg_store_exec (self, "COMMIT", error))
    goto rollback;

  /* Best effort: a reader may hold the log; the next purge truncates it. */
  sqlite3_wal_checkpoint_v2 (mdg_store_get_db (self), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  return TRUE;

rollback:
  return mdg_store_rollback (self);
}
