/* server-fixture.c: madoguchi-server started by a suite on a free loopback port, and stopped. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <stdio.h>

#include "server-fixture.h"

/* source: the server's arguments saying what it reads (--db PATH, --pg CONNINFO). env: its
 * environment, NULL for the suite's own. timeout(1) ends a server that a failed test left
 * running, and with it a wait for a first line that never comes. */
FixtureServer *
fixture_server_start (char              **env,
                      const char *const  *source)
{
  g_autofree char *program = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "app", "server",
                                               "madoguchi-server", NULL);
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;
  FixtureServer *server = g_new0 (FixtureServer, 1);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  if (env != NULL)
    g_subprocess_launcher_set_environ (launcher, env);
  g_ptr_array_add (argv, "timeout");
  g_ptr_array_add (argv, "600");
  g_ptr_array_add (argv, program);
  for (guint i = 0; source[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) source[i]);
  g_ptr_array_add (argv, "--listen");
  g_ptr_array_add (argv, "127.0.0.1:0");
  g_ptr_array_add (argv, NULL);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  cr_assert_not_null (server->process, "madoguchi-server did not start: %s",
                      error ? error->message : "");
  server->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  /* Its first line says it listens; a failing start ends the stream instead. */
  line = g_data_input_stream_read_line_utf8 (server->out, NULL, NULL, &error);
  cr_assert (g_get_monotonic_time () < deadline, "madoguchi-server took over 10 s to listen");
  cr_assert_not_null (line, "madoguchi-server exited before listening");
  cr_assert (sscanf (line, "listening on port %hu", &server->port) == 1,
             "unexpected first line “%s”", line);
  return server;
}

/* Stops the server (timeout(1) hands SIGTERM on) and returns its access log. */
char *
fixture_server_stop (FixtureServer *server)
{
  g_autoptr (GString) log = g_string_new (NULL);
  char *line;

  if (server == NULL)
    return g_string_free (g_steal_pointer (&log), FALSE);
  g_subprocess_send_signal (server->process, SIGTERM);
  while ((line = g_data_input_stream_read_line_utf8 (server->out, NULL, NULL, NULL)) != NULL)
    {
      g_string_append_printf (log, "%s\n", line);
      g_free (line);
    }
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->out);
  g_clear_object (&server->process);
  g_free (server);
  return g_string_free (g_steal_pointer (&log), FALSE);
}
