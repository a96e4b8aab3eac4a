/* test-cage.c: the kiosk as the unit runs it: inside headless cage, as an unprivileged user,
 * telling systemd (a fake $NOTIFY_SOCKET) it is ready and alive, with its database created. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixtures.h"
#include "notify-socket.h"

#define UP_SECONDS 5

static char *dir;
static int sock = -1;
static struct passwd user; /* nobody: cage refuses to run as root */

static void
setup (void)
{
  struct passwd *nobody = getpwnam ("nobody");
  g_autofree char *run = NULL;
  g_autofree char *path = NULL;

  cr_assert_eq (getuid (), 0, "the cage test starts the kiosk as user nobody; run it as root");
  cr_assert_not_null (nobody, "no user nobody");
  user = *nobody;
  dir = fixture_tmpdir ();
  run = g_build_filename (dir, "run", NULL);
  cr_assert_eq (g_mkdir (run, 0700), 0);
  cr_assert_eq (chown (dir, user.pw_uid, user.pw_gid), 0);
  cr_assert_eq (chown (run, user.pw_uid, user.pw_gid), 0);

  path = g_build_filename (dir, "notify", NULL);
  sock = notify_socket_bind (path);
  cr_assert_eq (g_chmod (path, 0666), 0);
}

static void
teardown (void)
{
  if (sock >= 0)
    close (sock);
  sock = -1;
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

TestSuite (ui_cage, .init = setup, .fini = teardown, .timeout = 180);

/* cage -- madoguchi as nobody; the shell's pid stays cage's through the execs, so
 * WATCHDOG_PID names the kiosk's parent, as systemd's does in the unit. */
static GPid
start_cage (const char *kiosk_option)
{
  g_autofree char *kiosk = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "app", "madoguchi", NULL);
  g_autofree char *command = g_strdup_printf (
    "exec setpriv --reuid=%u --regid=%u --clear-groups env -i PATH=/usr/bin:/bin HOME='%s'"
    " XDG_RUNTIME_DIR='%s/run' WLR_BACKENDS=headless WLR_RENDERER=pixman"
    " WLR_LIBINPUT_NO_DEVICES=1 GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR='%s'"
    " MADOGUCHI_LOCALEDIR='%s' GSK_RENDERER=cairo LANG=ja_JP.UTF-8 NOTIFY_SOCKET='%s/notify'"
    " WATCHDOG_USEC=1000000 WATCHDOG_PID=$$ cage -- '%s' %s --db '%s/data/inquiries.db'"
    " >'%s/cage.log' 2>&1",
    user.pw_uid, user.pw_gid, dir, dir, g_getenv ("GSETTINGS_SCHEMA_DIR"),
    g_getenv ("MADOGUCHI_LOCALEDIR"), dir, kiosk, kiosk_option, dir, dir);
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  g_autoptr (GError) error = NULL;
  GPid pid = 0;

  cr_assert (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, &error), "%s", error ? error->message : "");
  return pid;
}

static char *
cage_log (void)
{
  g_autofree char *path = g_build_filename (dir, "cage.log", NULL);
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, NULL);
  return text != NULL ? text : g_strdup ("");
}

static void
stop_cage (GPid pid)
{
  int status = 0;

  kill (pid, SIGTERM);
  for (gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       waitpid (pid, &status, WNOHANG) == 0;)
    {
      if (g_get_monotonic_time () > end)
        {
          kill (pid, SIGKILL);
          waitpid (pid, &status, 0);
          cr_assert_fail ("cage did not end within 10 s of SIGTERM");
        }
      g_usleep (50 * 1000);
    }
  g_spawn_close_pid (pid);
}

/* waits for READY=1 from the kiosk inside cage */
static void
wait_ready (GPid pid)
{
  g_autofree char *ready = NULL;

  for (gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
       ready == NULL && g_get_monotonic_time () < end;)
    {
      g_autofree char *message = notify_socket_receive (sock, 100);

      if (message != NULL && strstr (message, "READY=1") != NULL)
        ready = g_steal_pointer (&message);
      if (waitpid (pid, NULL, WNOHANG) == pid)
        cr_assert_fail ("cage ended before the kiosk was ready:\n%s", cage_log ());
    }
  if (ready == NULL)
    {
      g_autofree char *log = cage_log ();
      stop_cage (pid);
      cr_assert_fail ("no READY=1 from the kiosk in cage within 30 s:\n%s", log);
    }
}

/* A PNG of the headless output, taken by grim as the same user. */
static GdkPixbuf *
screenshot (const char *name)
{
  g_autofree char *png = g_build_filename (dir, name, NULL);
  g_autofree char *command = g_strdup_printf (
    "setpriv --reuid=%u --regid=%u --clear-groups env -i XDG_RUNTIME_DIR='%s/run'"
    " WAYLAND_DISPLAY=wayland-0 timeout 20 grim '%s'", user.pw_uid, user.pw_gid, dir, png);
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;
  GdkPixbuf *pixbuf;

  cr_assert (g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, NULL, &err, &status, NULL));
  cr_assert (g_spawn_check_wait_status (status, NULL), "grim failed: %s", err);
  pixbuf = gdk_pixbuf_new_from_file (png, &error);
  cr_assert_not_null (pixbuf, "%s: %s", png, error ? error->message : "");
  return pixbuf;
}

/* How many different colours the image has, up to limit. */
static guint
colours (GdkPixbuf *pixbuf,
         guint      limit)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  const guchar *pixels = gdk_pixbuf_read_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf), channels = gdk_pixbuf_get_n_channels (pixbuf);

  for (int y = 0; y < gdk_pixbuf_get_height (pixbuf); y += 4)
    for (int x = 0; x < gdk_pixbuf_get_width (pixbuf) && g_hash_table_size (seen) < limit; x += 4)
      {
        const guchar *p = pixels + y * stride + x * channels;
        guint rgb = (guint) p[0] << 16 | (guint) p[1] << 8 | p[2];

        g_hash_table_add (seen, GUINT_TO_POINTER (rgb + 1));
      }
  return g_hash_table_size (seen);
}

Test (ui_cage, the_kiosk_runs_in_headless_cage_as_an_unprivileged_user)
{
  g_autofree char *db = g_build_filename (dir, "data", "inquiries.db", NULL);
  g_autoptr (GdkPixbuf) shot = NULL;
  GStatBuf st;
  guint alive = 0;
  GPid pid = start_cage ("");

  wait_ready (pid);
  cr_assert_eq (g_stat (db, &st), 0, "the kiosk is ready without its database");
  cr_assert_eq (st.st_uid, user.pw_uid, "the database is not the kiosk user's");

  /* It stays up, and keeps telling the watchdog so through cage. */
  for (gint64 end = g_get_monotonic_time () + UP_SECONDS * G_USEC_PER_SEC;
       g_get_monotonic_time () < end;)
    {
      g_autofree char *message = notify_socket_receive (sock, 100);

      if (message != NULL && strstr (message, "WATCHDOG=1") != NULL)
        alive++;
      cr_assert_eq (waitpid (pid, NULL, WNOHANG), 0, "cage ended within %d s:\n%s", UP_SECONDS,
                    cage_log ());
    }
  cr_assert_geq (alive, UP_SECONDS, "%u keep-alives in %d s", alive, UP_SECONDS);

  shot = screenshot ("fullscreen.png");
  cr_assert_eq (gdk_pixbuf_get_width (shot), 1280);
  cr_assert_eq (gdk_pixbuf_get_height (shot), 720);
  stop_cage (pid);
}

/* What the kiosk draws inside cage. Fullscreen, cage 0.1.4 hands the kiosk's buffer straight
 * to the headless output, where grim cannot see it, so the picture is taken windowed, which
 * cage still stretches over the whole output. */
Test (ui_cage, cage_shows_the_welcome_page)
{
  g_autoptr (GdkPixbuf) shot = NULL;
  GPid pid = start_cage ("--windowed");

  wait_ready (pid);
  /* The first frames after READY=1. */
  g_usleep (G_USEC_PER_SEC);
  shot = screenshot ("welcome.png");
  stop_cage (pid);
  cr_assert_eq (gdk_pixbuf_get_width (shot), 1280);
  cr_assert_geq (colours (shot, 64), 64, "the headless output is (nearly) uniform");
}
