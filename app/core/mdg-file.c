/* mdg-file.c: files written whole or not at all: a temporary file beside the target, renamed. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
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

/* Creates a private temporary file in the folder of the file target names (through symbolic
 * links), so the final rename cannot cross file systems. The caller writes through fd, then
 * commits or unlinks the returned path. */
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
  temp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  *fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (*fd < 0)
    {
      int saved = errno;

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

  if (resolved == NULL)
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

/* Whether two paths name the same file, so an export or a backup never replaces the database. */
gboolean
mdg_file_is_same (const char *a,
                  const char *b)
{
  struct stat sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev
         && sa.st_ino == sb.st_ino;
}
