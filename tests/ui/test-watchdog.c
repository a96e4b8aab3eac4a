/* test-watchdog.c: the kiosk tells systemd it is ready and alive, and falls silent when its main
 * loop stops, checked against a fake $NOTIFY_SOCKET. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixtures.h"
#include "notify-socket.h"
#include "mdg-watchdog.h"

#define WATCHDOG_USEC 1000000 /* WatchdogSec=1 */

static char *dir;
static int sock = -1;

/* A datagram socket like systemd's, at $NOTIFY_SOCKET. */
static void
setup (void)
{
  g_autofree char *path = NULL;

  dir = fixture_tmpdir ();
  path = g_build_filename (dir, "notify", NULL);
  sock = notify_socket_bind (path);
  g_setenv ("NOTIFY_SOCKET", path, TRUE);
}

static void
teardown (void)
{
  g_unsetenv ("NOTIFY_SOCKET");
  g_unsetenv ("WATCHDOG_USEC");
  g_unsetenv ("WATCHDOG_PID");
  if (sock >= 0)
    close (sock);
  sock = -1;
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

TestSuite (ui_watchdog, .init = setup, .fini = teardown);

/* How many messages are waiting now, without waiting for more. */
static guint
drain (void)
{
  guint n = 0;

  for (char *message; (message = notify_socket_receive (sock, 0)) != NULL; g_free (message))
    n++;
  return n;
}

/* Keep-alives received while the main loop turns for ms milliseconds. */
static guint
keep_alives_while_turning (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  guint n = 0;

  while (g_get_monotonic_time () < end)
    {
      g_autofree char *message = NULL;

      g_main_context_iteration (NULL, FALSE);
      message = notify_socket_receive (sock, 10);
      if (message != NULL && strstr (message, "WATCHDOG=1") != NULL)
        n++;
    }
  return n;
}

Test (ui_watchdog, keeps_alive_and_falls_silent_when_the_main_loop_blocks)
{
  g_autoptr (MdgWatchdog) watchdog = NULL;
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autofree char *first = NULL;

  g_setenv ("WATCHDOG_USEC", G_STRINGIFY (WATCHDOG_USEC), TRUE);
  g_setenv ("WATCHDOG_PID", pid, TRUE);
  watchdog = mdg_watchdog_new ();
  cr_assert_eq (mdg_watchdog_get_interval (watchdog), WATCHDOG_USEC / 2, "half of WatchdogSec");
  cr_assert_null (g_getenv ("WATCHDOG_USEC"), "the helpers the kiosk starts are not watched");

  for (gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
       first == NULL && g_get_monotonic_time () < end;)
    {
      g_main_context_iteration (NULL, FALSE);
      first = notify_socket_receive (sock, 10);
    }
  cr_assert_not_null (first, "no READY=1 within 2 s of the main loop turning");
  cr_assert (strstr (first, "READY=1") != NULL, "first message “%s”", first);
  cr_assert_geq (keep_alives_while_turning (2000), 3, "fewer than 3 keep-alives in 2 s");

  /* The main loop blocks (as a hung print call would block it) for twice WatchdogSec. */
  drain ();
  g_usleep (2 * WATCHDOG_USEC);
  cr_assert_eq (drain (), 0, "keep-alives went on while the main loop was blocked");
  cr_assert_geq (keep_alives_while_turning (1500), 2, "the keep-alives did not come back");
}

Test (ui_watchdog, no_watchdog_without_watchdog_usec)
{
  g_autoptr (MdgWatchdog) watchdog = NULL;

  g_unsetenv ("WATCHDOG_USEC");
  watchdog = mdg_watchdog_new ();
  cr_assert_eq (mdg_watchdog_get_interval (watchdog), 0);
  cr_assert_eq (keep_alives_while_turning (800), 0, "keep-alives without a watchdog");
}

/* The kiosk as cage starts it under systemd: WATCHDOG_PID is its parent's (cage's) pid. */
Test (ui_watchdog, the_kiosk_under_a_service_manager_reports_and_stops_when_frozen, .timeout = 120)
{
  g_autofree char *kiosk = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "app", "madoguchi", NULL);
  g_autofree char *db = g_build_filename (dir, "inquiries.db", NULL);
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autofree char *ready = NULL;
  const char *argv[] = { kiosk, "--windowed", "--db", db, NULL };
  g_auto (GStrv) env = g_get_environ ();
  g_autoptr (GError) error = NULL;
  GPid child = 0;
  int status = 0;
  guint n = 0;

  env = g_environ_setenv (env, "WATCHDOG_USEC", G_STRINGIFY (WATCHDOG_USEC), TRUE);
  env = g_environ_setenv (env, "WATCHDOG_PID", pid, TRUE);
  cr_assert (g_spawn_async (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &child, &error), "%s", error ? error->message : "");

  for (gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
       ready == NULL && g_get_monotonic_time () < end;)
    {
      g_autofree char *message = notify_socket_receive (sock, 100);

      if (message != NULL && strstr (message, "READY=1") != NULL)
        ready = g_steal_pointer (&message);
    }
  cr_assert_not_null (ready, "the kiosk sent no READY=1 within 30 s");
  cr_assert (g_file_test (db, G_FILE_TEST_EXISTS), "the kiosk was ready without its database");
  for (gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC; g_get_monotonic_time () < end;)
    {
      g_autofree char *message = notify_socket_receive (sock, 100);

      if (message != NULL && strstr (message, "WATCHDOG=1") != NULL)
        n++;
    }
  cr_assert_geq (n, 3, "only %u keep-alives from the kiosk in 2 s", n);

  /* Frozen: within WatchdogSec systemd would hear nothing and restart the unit. */
  kill (child, SIGSTOP);
  g_usleep (100 * 1000);
  drain ();
  g_usleep (WATCHDOG_USEC);
  n = drain ();
  kill (child, SIGCONT);
  cr_assert_eq (n, 0, "%u keep-alives from a frozen kiosk", n);

  kill (child, SIGTERM);
  for (gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       waitpid (child, &status, WNOHANG) == 0;)
    {
      if (g_get_monotonic_time () > end)
        {
          kill (child, SIGKILL);
          waitpid (child, &status, 0);
          cr_assert_fail ("the kiosk did not end within 10 s of SIGTERM");
        }
      g_usleep (50 * 1000);
    }
  g_spawn_close_pid (child);
}
