/* mdg-file.c: files written whole or not at all: a temporary file beside the target, renamed. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mdg-error.h"
#include "mdg-file.h"

/* What a file of this type is called in a message. */
static const char *
describe_type (mode_t mode)
{
  if (S_ISDIR (mode))
    return _("a folder");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("a device");
  if (S_ISFIFO (mode))
    return _("a pipe");
  if (S_ISSOCK (mode))
    return _("a socket");
  return _("not a regular file");
}

/* The file a write to target lands on: symbolic links are followed, so that replacing the file
 * keeps the link; anything there that is not a regular file is refused before it is touched. */
static char *
resolve_target (const char *target,
                GError    **error)
{
  g_autofree char *path = g_strdup (target);
  struct stat st;

  for (guint hops = 0; hops < 40; hops++)
    {
      g_autofree char *link = NULL;

      if (g_lstat (path, &st) != 0)
        return g_steal_pointer (&path);
      if (S_ISREG (st.st_mode))
        return g_steal_pointer (&path);
      if (!S_ISLNK (st.st_mode))
        {
          g_set_error (error, MDG_ERROR, MDG_ERROR_IO, _("%s: is %s, not a file to write"),
                       target, describe_type (st.st_mode));
          return NULL;
        }
      link = g_file_read_link (path, NULL);
      if (link == NULL)
        break;
      if (!g_path_is_absolute (link))
        {
          g_autofree char *dir = g_path_get_dirname (path);
          char *joined = g_build_filename (dir, link, NULL);

          g_free (link);
          link = joined;
        }
      g_free (path);
      path = g_steal_pointer (&link);
    }
  g_set_error (error, MDG_ERROR, MDG_ERROR_IO, _("%s: the symbolic link cannot be followed"), target);
  return NULL;
}

/* The databases open in this process: no file writer may replace one of them or its companion
 * files. Guarded by `guarded_lock`, since the kiosk's background check opens one in a thread. */
static GMutex guarded_lock;
static GPtrArray *guarded; /* char * paths, one entry per open connection */

static const char *const companions[] = { "", "-wal", "-shm", "-journal" };

void
mdg_file_guard_database (const char *db_path)
{
  g_return_if_fail (db_path != NULL);

  g_mutex_lock (&guarded_lock);
  if (guarded == NULL)
    guarded = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (guarded, g_strdup (db_path));
  g_mutex_unlock (&guarded_lock);
}

void
mdg_file_unguard_database (const char *db_path)
{
  g_return_if_fail (db_path != NULL);

  g_mutex_lock (&guarded_lock);
  for (guint i = 0; guarded != NULL && i < guarded->len; i++)
    if (g_str_equal (g_ptr_array_index (guarded, i), db_path))
      {
        g_ptr_array_remove_index_fast (guarded, i);
        break;
      }
  g_mutex_unlock (&guarded_lock);
}

/* Whether two (device, inode) pairs are one file. */
static gboolean
same_identity (const struct stat *a,
               const struct stat *b)
{
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* Whether `resolved` (a path with symbolic links already followed) is the database at db_path
 * or one of its -wal, -shm and -journal files. An existing file is compared by identity, so a
 * hard link or another spelling of the path is caught; a file that does not exist yet is
 * compared by its folder's identity and its name, since SQLite would take a file created there
 * for the database's own. */
static gboolean
is_database_file (const char *resolved,
                  const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (resolved);
  g_autofree char *base = g_path_get_basename (resolved);
  g_autofree char *db_dir = g_path_get_dirname (db_path);
  g_autofree char *db_base = g_path_get_basename (db_path);
  struct stat target, folder, db_folder;
  gboolean exists = g_stat (resolved, &target) == 0;

  if (!exists && (g_stat (dir, &folder) != 0 || g_stat (db_dir, &db_folder) != 0))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *companion = g_strconcat (db_path, companions[i], NULL);
      g_autofree char *companion_base = g_strconcat (db_base, companions[i], NULL);
      struct stat st;

      if (exists && g_stat (companion, &st) == 0 && same_identity (&target, &st))
        return TRUE;
      if (!exists && same_identity (&folder, &db_folder) && g_str_equal (base, companion_base))
        return TRUE;
    }
  return FALSE;
}

/* The one check every writer makes: target, wherever its links lead, is none of the files of
 * an open database (the one given, if any, and every one this process has open). */
gboolean
mdg_file_check_not_database (const char *target,
                             const char *db_path,
                             GError    **error)
{
  g_autofree char *resolved = NULL;
  gboolean refused = FALSE;

  g_return_val_if_fail (target != NULL, FALSE);

  resolved = resolve_target (target, error);
  if (resolved == NULL)
    return FALSE;
  if (db_path != NULL)
    refused = is_database_file (resolved, db_path);
  g_mutex_lock (&guarded_lock);
  for (guint i = 0; !refused && guarded != NULL && i < guarded->len; i++)
    refused = is_database_file (resolved, g_ptr_array_index (guarded, i));
  g_mutex_unlock (&guarded_lock);
  if (refused)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   _("%s: is the inquiry database or one of its files; choose another file"),
                   target);
      return FALSE;
    }
  return TRUE;
}

/* Temporary files are named .TARGET.madoguchi-XXXXXX and locked (flock) while their writer
 * lives; SQLite's own locks are of another kind, so a backup's copy keeps the lock too. */
#define TEMP_MARK ".madoguchi-"
#define TEMP_STALE_SECONDS 2

/* Whether name is one of our temporary files for base, or the -journal SQLite kept beside one. */
static gboolean
is_temp_name (const char *name,
              const char *base)
{
  gsize prefix = 1 + strlen (base) + strlen (TEMP_MARK);
  gsize length = strlen (name);

  if (name[0] != '.' || !g_str_has_prefix (name + 1, base)
      || !g_str_has_prefix (name + 1 + strlen (base), TEMP_MARK))
    return FALSE;
  if (length != prefix + 6 && !(length == prefix + 6 + 8 && g_str_has_suffix (name, "-journal")))
    return FALSE;
  for (gsize i = prefix; i < prefix + 6; i++)
    if (!g_ascii_isalnum (name[i]))
      return FALSE;
  return TRUE;
}

/* Removes the temporary files an earlier writer for the same target left when it was killed:
 * only ours by name and owner, regular, not written for a while and locked by nobody. */
static void
remove_stale_temps (const char *dir,
                    const char *base)
{
  g_autoptr (GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (folder == NULL)
    return;
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;
      int fd;

      if (!is_temp_name (name, base))
        continue;
      path = g_build_filename (dir, name, NULL);
      fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0); /* a pipe must not block */
      if (fd < 0)
        continue;
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == geteuid ()
          && now - st.st_mtime >= TEMP_STALE_SECONDS && flock (fd, LOCK_EX | LOCK_NB) == 0)
        g_unlink (path);
      close (fd);
    }
}

/* Creates a private temporary file in the folder of the file target names (through symbolic
 * links), so the final rename cannot cross file systems, after removing the stale ones a killed
 * writer left there. The caller writes through fd, keeping it open (its lock marks the file as
 * in use) until done, then commits or unlinks the returned path. */
char *
mdg_file_open_temp (const char *target,
                    int        *fd,
                    GError    **error)
{
  g_autofree char *resolved = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temp = NULL;
  struct stat st;

  g_return_val_if_fail (target != NULL && fd != NULL, NULL);

  if (!mdg_file_check_not_database (target, NULL, error))
    return NULL;
  resolved = resolve_target (target, error);
  if (resolved == NULL)
    return NULL;
  dir = g_path_get_dirname (resolved);
  base = g_path_get_basename (resolved);
  /* As for the database, the owner's write bit counts even for root, who passes access(). */
  if (g_stat (dir, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_IO, _("%s: no such folder (%s)"), target, dir);
      return NULL;
    }
  if (access (dir, W_OK) != 0 || (st.st_mode & S_IWUSR) == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_IO, _("%s: the folder is read-only (%s)"), target, dir);
      return NULL;
    }
  remove_stale_temps (dir, base);
  temp = g_strdup_printf ("%s/.%s" TEMP_MARK "XXXXXX", dir, base);
  *fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (*fd < 0 || flock (*fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved = errno;

      if (*fd >= 0)
        {
          close (*fd);
          g_unlink (temp);
        }
      g_set_error (error, MDG_ERROR, MDG_ERROR_IO, _("%s: cannot write in this folder: %s"), dir,
                   g_strerror (saved));
      return NULL;
    }
  return g_steal_pointer (&temp);
}

/* Flushes the finished temporary file to disk and renames it over the file target names (as
 * mdg_file_open_temp resolved it); on failure the temporary file is removed and the target left
 * as it was. */
gboolean
mdg_file_commit_temp (const char *temp,
                      const char *target,
                      GError    **error)
{
  g_autofree char *resolved = resolve_target (target, error);
  g_autofree char *dir = NULL;
  int fd;
  int dir_fd;

  if (resolved == NULL || !mdg_file_check_not_database (target, NULL, error))
    {
      g_unlink (temp);
      return FALSE;
    }
  dir = g_path_get_dirname (resolved);
  fd = g_open (temp, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fsync (fd) != 0 || g_rename (temp, resolved) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_unlink (temp);
      g_set_error (error, MDG_ERROR, MDG_ERROR_IO, _("%s: cannot be written: %s"), target,
                   g_strerror (saved));
      return FALSE;
    }
  close (fd);
  /* The rename itself is durable only once the folder is synced. */
  dir_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;
}

/* Writes data whole into the file target names, through the same guarded temporary file. */
gboolean
mdg_file_write_contents (const char *target,
                         const char *data,
                         gsize       length,
                         GError    **error)
{
  g_autofree char *temp = NULL;
  int fd = -1;

  g_return_val_if_fail (target != NULL && (data != NULL || length == 0), FALSE);

  temp = mdg_file_open_temp (target, &fd, error);
  if (temp == NULL)
    return FALSE;
  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        {
          int saved = errno;

          close (fd);
          g_unlink (temp);
          g_set_error (error, MDG_ERROR, MDG_ERROR_IO, _("%s: cannot be written: %s"), target,
                       g_strerror (saved));
          return FALSE;
        }
      data += written;
      length -= written;
    }
  if (close (fd) != 0)
    {
      int saved = errno;

      g_unlink (temp);
      g_set_error (error, MDG_ERROR, MDG_ERROR_IO, _("%s: cannot be written: %s"), target,
                   g_strerror (saved));
      return FALSE;
    }
  return mdg_file_commit_temp (temp, target, error);
}
