/* bench-sync.c: madoguchi-sync's figures against a running PostgreSQL: the first sync of many
 * inquiries, the lag from Send to the row being visible centrally (p50, p95) with the sync
 * running, and the kiosk's commit time with the sync running beside it against without.
 * Built by meson, run by hand: bench-sync CONNINFO [N_INQUIRIES] [FOLDER]; the database must
 * have been made by madoguchi-sync --init and hold no center "bench". */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "mdg-store.h"
#include "sample-visit.h"

#define N_SENDS 200

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (double *values, guint n, double p)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[MIN (n - 1, (guint) (p * n))];
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* n inquiries like the sample visit's, written in one transaction; the triggers list each in
 * the change log as the kiosk's own commits would. */
static void
fill (const char *db, guint n)
{
  g_autofree char *sql = g_strdup_printf (
    "BEGIN;"
    "WITH RECURSIVE k (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %u)"
    " INSERT INTO inquiry (number, day, seq, token, created_at, language, flow_version, details,"
    " followup) SELECT printf ('%%s-%%03d', substr (strftime ('%%Y%%m%%d', 'now', '-' || (i / 1000) || ' days'), 3),"
    " i %% 1000 + 1), date ('now', '-' || (i / 1000) || ' days'), i %% 1000 + 1,"
    " hex (randomblob (16)), strftime ('%%s', 'now') - i, 'ja', '1',"
    " '防災訓練を子ども向けに開きたい', 'qr' FROM k;"
    "INSERT INTO answer (inquiry_id, step, choice, position)"
    " SELECT id, 'purpose', 'start', 0 FROM inquiry UNION ALL"
    " SELECT id, 'themes', 'children', 0 FROM inquiry UNION ALL"
    " SELECT id, 'themes', 'disaster', 1 FROM inquiry UNION ALL"
    " SELECT id, 'who', 'neighborhood', 0 FROM inquiry UNION ALL"
    " SELECT id, 'stage', 'preparing', 0 FROM inquiry UNION ALL"
    " SELECT id, 'followup', 'qr', 0 FROM inquiry;"
    "COMMIT;", n);
  sqlite3 *handle = NULL;

  if (sqlite3_open (db, &handle) != SQLITE_OK
      || sqlite3_exec (handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("fill: %s", sqlite3_errmsg (handle));
  sqlite3_close (handle);
}

static char **
bench_env (const char *folder)
{
  g_autofree char *settings = g_build_filename (folder, "config", "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings, "keyfile", NULL);
  g_autofree char *config = g_build_filename (folder, "config", NULL);
  char **env = g_get_environ ();

  g_mkdir_with_parents (settings, 0700);
  g_file_set_contents (keyfile, "[org/madoguchi/Kiosk]\ncenter-id='bench'\n", -1, NULL);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "keyfile", TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config, TRUE);
  env = g_environ_setenv (env, "GSETTINGS_SCHEMA_DIR", MDG_BUILD_DIR "/data", TRUE);
  return env;
}

static GSubprocess *
start_sync (char **env, const char *db, const char *conninfo, gboolean once)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_environ (launcher, env);
  process = g_subprocess_launcher_spawn (launcher, &error, MDG_BUILD_DIR "/app/sync/madoguchi-sync",
                                         "--db", db, "--pg", conninfo, once ? "--once" : NULL,
                                         NULL);
  if (process == NULL)
    g_error ("madoguchi-sync: %s", error->message);
  return process;
}

static double
median_commit_ms (MdgStore *store, MdgVisit *visit, guint n)
{
  g_autofree double *times = g_new (double, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      double start = now_ms ();
      g_autoptr (MdgInquiry) inquiry = mdg_store_record (store, visit, &error);

      if (inquiry == NULL)
        g_error ("record: %s", error->message);
      times[i] = now_ms () - start;
    }
  return percentile (times, n, 0.5);
}

int
main (int argc, char *argv[])
{
  const char *conninfo = argc > 1 ? argv[1] : NULL;
  guint n = argc > 2 ? (guint) atoi (argv[2]) : 100000;
  g_autofree char *folder = argc > 3 ? g_strdup (argv[3]) : g_dir_make_tmp ("bench-sync-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (folder, "inquiries.db", NULL);
  g_autofree double *lags = g_new (double, N_SENDS);
  g_auto (GStrv) env = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgFlow) flow = NULL;
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgVisit) visit = NULL;
  g_autoptr (GSubprocess) sync = NULL;
  PGconn *conn;
  double start, without, with;

  if (conninfo == NULL)
    {
      g_printerr ("usage: bench-sync CONNINFO [N_INQUIRIES] [FOLDER]\n");
      return 2;
    }
  conn = PQconnectdb (conninfo);
  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s", PQerrorMessage (conn));
  env = bench_env (folder);
  store = mdg_store_open (db, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  g_clear_object (&store);

  fill (db, n);
  start = now_ms ();
  sync = start_sync (env, db, conninfo, TRUE);
  if (!g_subprocess_wait_check (sync, NULL, &error))
    g_error ("first sync: %s", error->message);
  g_print ("first sync of %u inquiries: %.1f s, %.0f inquiries/s\n", n,
           (now_ms () - start) / 1000, n / ((now_ms () - start) / 1000));
  g_clear_object (&sync);

  flow = mdg_flow_new_default (&error);
  store = mdg_store_open (db, &error);
  visit = sample_visit_new (flow);
  without = median_commit_ms (store, visit, N_SENDS);
  /* The backlog those commits made goes first, so the lags below start from a quiet log. */
  sync = start_sync (env, db, conninfo, TRUE);
  g_subprocess_wait_check (sync, NULL, NULL);
  g_clear_object (&sync);

  sync = start_sync (env, db, conninfo, FALSE);
  g_usleep (G_USEC_PER_SEC);
  for (guint i = 0; i < N_SENDS; i++)
    {
      g_autoptr (MdgInquiry) inquiry = NULL;
      const char *params[1];
      double sent;

      inquiry = mdg_store_record (store, visit, &error);
      sent = now_ms ();
      params[0] = mdg_inquiry_get_number (inquiry);
      for (;;)
        {
          PGresult *result = PQexecParams (conn, "SELECT 1 FROM inquiry WHERE center = 'bench'"
                                                 " AND number = $1", 1, NULL, params, NULL, NULL, 0);
          gboolean found = PQntuples (result) == 1;

          PQclear (result);
          if (found)
            break;
          if (now_ms () - sent > 30000)
            g_error ("%s never arrived", params[0]);
          g_usleep (2000);
        }
      lags[i] = now_ms () - sent;
      g_usleep (g_random_int_range (50, 400) * 1000);
    }
  g_print ("Send to visible in PostgreSQL: p50 %.0f ms, p95 %.0f ms (%d sends)\n",
           percentile (lags, N_SENDS, 0.5), percentile (lags, N_SENDS, 0.95), N_SENDS);
  with = median_commit_ms (store, visit, N_SENDS);
  g_subprocess_send_signal (sync, SIGTERM);
  g_subprocess_wait (sync, NULL, NULL);
  g_print ("kiosk commit, median: %.2f ms without the sync, %.2f ms with it running (%.2fx)\n",
           without, with, with / without);
  PQfinish (conn);
  return 0;
}
