/* main.c: madoguchi-sync, which sends a kiosk's inquiries to the city's central PostgreSQL
 * database and brings central staff's changes back, so the kiosk never waits on a network. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <stdio.h>

#include "mdg-desk-store.h"
#include "mdg-error.h"
#include "mdg-i18n.h"
#include "mdg-sync-central.h"

#define BATCH_INQUIRIES 500
#define POLL_MS 250           /* how often the change log is looked at: a cheap pragma */
#define PULL_SECONDS 2        /* how often central changes are asked for */
#define STAMP_SECONDS 30      /* an idle sync still says it is alive this often */
#define MAX_BACKOFF_SECONDS 60

typedef struct
{
  MdgStore *store;
  char *conninfo;
  char *center;
  gboolean with_contact;
  PGconn *conn;
} Sync;

static gboolean
valid_center (const char *center)
{
  g_autoptr (GRegex) pattern = g_regex_new ("^[a-z0-9][a-z0-9_-]{0,31}$", 0, 0, NULL);

  return g_regex_match (pattern, center, 0, NULL);
}

/* The kiosk's settings: which center this is, and whether contact details may leave it. */
static gboolean
read_settings (Sync    *sync,
               GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                   "the settings schema %s is not installed", APP_ID);
      return FALSE;
    }
  settings = g_settings_new_full (schema, NULL, NULL);
  sync->center = g_settings_get_string (settings, "center-id");
  sync->with_contact = g_settings_get_boolean (settings, "sync-contact-details");
  if (*sync->center == '\0')
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                           "the setting center-id is empty: set this center's short code first,"
                           " e.g. gsettings set " APP_ID " center-id naka");
      return FALSE;
    }
  if (!valid_center (sync->center))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "the setting center-id “%s” is not a short code (a-z, 0-9, - and _, up to 32)",
                   sync->center);
      return FALSE;
    }
  return TRUE;
}

static gboolean
connect_central (Sync    *sync,
                 GError **error)
{
  g_autoptr (PGconn) conn = NULL;

  if (sync->conn != NULL)
    return TRUE;
  conn = mdg_pg_connect (sync->conninfo, "madoguchi-sync", error);
  if (conn == NULL || !mdg_pg_check_schema (conn, error))
    return FALSE;
  sync->conn = g_steal_pointer (&conn);
  return TRUE;
}

/* Sends every pending change, oldest first, then pulls; *done counts what moved. */
static gboolean
sync_round (Sync     *sync,
            gboolean  pull,
            guint    *done,
            GError  **error)
{
  guint applied = 0;

  *done = 0;
  if (!connect_central (sync, error))
    return FALSE;
  for (;;)
    {
      g_autoptr (MdgSyncBatch) batch = mdg_sync_log_read (sync->store, BATCH_INQUIRIES,
                                                          sync->with_contact, error);

      if (batch == NULL)
        return FALSE;
      if (batch->last_seq == 0)
        break;
      if (!mdg_sync_central_push (sync->conn, sync->center, batch, error)
          || !mdg_sync_log_mark_sent (sync->store, batch->last_seq, error))
        return FALSE;
      *done += batch->inquiries->len;
    }
  if (pull && !mdg_sync_central_pull (sync->conn, sync->store, sync->center, &applied, error))
    return FALSE;
  *done += applied;
  return TRUE;
}

static gboolean
stamp (Sync    *sync,
       GError **error)
{
  return mdg_sync_log_set_int (sync->store, MDG_SYNC_LAST_SUCCESS_KEY,
                               g_get_real_time () / G_USEC_PER_SEC, error);
}

/* Until the kiosk commits something, or it is time to ask the central side again. */
static void
wait_for_change (Sync *sync)
{
  gint64 start = g_get_monotonic_time ();
  gint64 version = 0, now = 0;

  mdg_desk_store_data_version (sync->store, &version, NULL);
  while (g_get_monotonic_time () - start < PULL_SECONDS * G_USEC_PER_SEC)
    {
      g_usleep (POLL_MS * 1000);
      if (mdg_desk_store_data_version (sync->store, &now, NULL) && now != version)
        return;
    }
}

static int
run_forever (Sync *sync)
{
  guint backoff = 1;
  gint64 last_stamp = 0;
  gint64 last_pull = 0;
  gboolean failing = FALSE;

  for (;;)
    {
      g_autoptr (GError) error = NULL;
      gint64 now = g_get_monotonic_time ();
      gboolean pull = now - last_pull >= PULL_SECONDS * G_USEC_PER_SEC || failing;
      guint done = 0;

      if (sync_round (sync, pull, &done, &error))
        {
          if (pull)
            last_pull = now;
          if (failing)
            g_print ("madoguchi-sync: the central database is back; in step again\n");
          failing = FALSE;
          backoff = 1;
          if ((done > 0 || now - last_stamp >= STAMP_SECONDS * G_USEC_PER_SEC)
              && stamp (sync, &error))
            last_stamp = now;
          if (error != NULL)
            g_printerr ("madoguchi-sync: %s\n", error->message);
          if (done > 0)
            continue;
          wait_for_change (sync);
          continue;
        }
      /* A broken connection is not reused: the next round connects afresh. */
      g_clear_pointer (&sync->conn, PQfinish);
      g_printerr ("madoguchi-sync: %s; trying again in %u s\n",
                  g_strdelimit (error->message, "\r\n", ' '), backoff);
      failing = TRUE;
      g_usleep ((gulong) backoff * G_USEC_PER_SEC);
      backoff = MIN (backoff * 2, MAX_BACKOFF_SECONDS);
    }
  return 0;
}

static int
fail (GError *error)
{
  g_printerr ("madoguchi-sync: %s\n", g_strdelimit (error->message, "\r\n", ' '));
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  g_autofree char *pg = NULL;
  g_autofree char *pg_file = NULL;
  gboolean once = FALSE, init = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db,
      "The kiosk's database (default: $XDG_DATA_HOME/madoguchi/inquiries.db)", "PATH" },
    { "pg", 0, 0, G_OPTION_ARG_STRING, &pg,
      "The central database's connection string, without a password", "CONNINFO" },
    { "pg-file", 0, 0, G_OPTION_ARG_FILENAME, &pg_file,
      "A file (mode 0600) holding the connection string, which may hold a password", "FILE" },
    { "once", 0, 0, G_OPTION_ARG_NONE, &once, "Sync everything pending once, then exit", NULL },
    { "init", 0, 0, G_OPTION_ARG_NONE, &init,
      "Create or update the central schema, then exit", NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("");
  g_autoptr (GError) error = NULL;
  guint done = 0;
  Sync sync = { NULL };

  mdg_i18n_init ();
  g_option_context_set_summary (context,
                                "Sends this kiosk's inquiries to the city's central database and"
                                " brings back central staff's changes.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error);
  if (argc > 1)
    {
      g_set_error (&error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT, "unexpected “%s”; see --help",
                   argv[1]);
      return fail (error);
    }
  sync.conninfo = mdg_pg_resolve_conninfo (pg, pg_file, &error);
  if (sync.conninfo == NULL)
    return fail (error);

  if (init)
    {
      g_autoptr (PGconn) conn = mdg_pg_connect (sync.conninfo, "madoguchi-sync", &error);
      int version = 0;

      if (conn == NULL || !mdg_pg_init_schema (conn, &version, &error))
        return fail (error);
      g_print ("madoguchi-sync: the central schema is at version %d\n", version);
      return 0;
    }

  if (db == NULL)
    db = mdg_store_default_path ();
  if (!read_settings (&sync, &error))
    return fail (error);
  sync.store = mdg_store_open_existing (db, &error);
  if (sync.store == NULL)
    return fail (error);
  if (!once)
    return run_forever (&sync);
  if (!sync_round (&sync, TRUE, &done, &error) || !stamp (&sync, &error))
    return fail (error);
  g_print ("madoguchi-sync: %s in step with the central database (%u %s)\n", sync.center, done,
           done == 1 ? "change" : "changes");
  g_clear_pointer (&sync.conn, PQfinish);
  g_clear_object (&sync.store);
  return 0;
}
