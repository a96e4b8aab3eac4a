/* test-sync.c: madoguchi-sync against a real PostgreSQL 15: two centers in one database,
 * kills and outages that lose nothing, changes both ways, conflicts, and contact details
 * that stay at the kiosk. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>

#include "fixtures.h"
#include "mdg-desk-store.h"
#include "mdg-store-maintenance.h"
#include "mdg-sync-log.h"
#include "pg-fixture.h"

static char *dir;
static FixturePg *pg;
static GPtrArray *children; /* killed at the end, even when a test fails halfway */

static void
setup (void)
{
  dir = fixture_tmpdir ();
  pg = fixture_pg_start ();
  children = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
teardown (void)
{
  for (guint i = 0; i < children->len; i++)
    {
      g_subprocess_force_exit (g_ptr_array_index (children, i));
      g_subprocess_wait (g_ptr_array_index (children, i), NULL, NULL);
    }
  g_clear_pointer (&children, g_ptr_array_unref);
  g_clear_pointer (&pg, fixture_pg_stop);
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

static char *
program (const char *relative)
{
  const char *build = g_getenv ("MDG_BUILD_DIR");

  cr_assert_not_null (build, "MDG_BUILD_DIR is not set; run the suites through meson test");
  return g_build_filename (build, relative, NULL);
}

/* A kiosk of its own: its database and its settings, which the programs it starts read from
 * a key file (the memory backend would not reach another process). */
typedef struct
{
  char *center;
  char *db;
  char **env;
} Kiosk;

static Kiosk *
kiosk_new (const char *center,
           gboolean    contact_details)
{
  Kiosk *kiosk = g_new0 (Kiosk, 1);
  g_autofree char *config = g_build_filename (dir, center, "config", NULL);
  g_autofree char *settings = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings, "keyfile", NULL);
  g_autofree char *text = g_strdup_printf ("[org/madoguchi/Kiosk]\ncenter-id='%s'\n"
                                           "sync-contact-details=%s\n",
                                           center, contact_details ? "true" : "false");

  cr_assert_eq (g_mkdir_with_parents (settings, 0700), 0);
  cr_assert (g_file_set_contents (keyfile, text, -1, NULL));
  kiosk->center = g_strdup (center);
  kiosk->db = g_build_filename (dir, center, "inquiries.db", NULL);
  kiosk->env = g_get_environ ();
  kiosk->env = g_environ_setenv (kiosk->env, "GSETTINGS_BACKEND", "keyfile", TRUE);
  kiosk->env = g_environ_setenv (kiosk->env, "XDG_CONFIG_HOME", config, TRUE);
  return kiosk;
}

static void
kiosk_set_contact_details (Kiosk   *kiosk,
                           gboolean on)
{
  g_autofree char *keyfile = g_build_filename (dir, kiosk->center, "config", "glib-2.0",
                                               "settings", "keyfile", NULL);
  g_autofree char *text = g_strdup_printf ("[org/madoguchi/Kiosk]\ncenter-id='%s'\n"
                                           "sync-contact-details=%s\n",
                                           kiosk->center, on ? "true" : "false");

  cr_assert (g_file_set_contents (keyfile, text, -1, NULL));
}

static void
kiosk_free (Kiosk *kiosk)
{
  g_free (kiosk->center);
  g_free (kiosk->db);
  g_strfreev (kiosk->env);
  g_free (kiosk);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Kiosk, kiosk_free)

static MdgStore *
kiosk_store (Kiosk *kiosk)
{
  g_autoptr (GError) error = NULL;
  MdgStore *store = mdg_store_open (kiosk->db, &error);

  cr_assert_not_null (store, "%s", error != NULL ? error->message : "");
  return store;
}

static MdgInquiry *
record (MdgStore *store,
        gboolean  with_contact)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  MdgInquiry *inquiry;

  if (with_contact)
    fixture_answer_with_contact (visit, "045-671-2111", "hanako@example.jp");
  else
    fixture_answer_default (visit, "partners");
  inquiry = mdg_store_record (store, visit, &error);
  cr_assert_not_null (inquiry, "%s", error != NULL ? error->message : "");
  return inquiry;
}

/* Runs a program to its end (at most 120 s); returns its exit status, stderr in *err. */
static int
run_program (char      **env,
             const char *const *args,
             char      **output,
             char      **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *errors = NULL;
  int status = 0;

  g_ptr_array_add (argv, g_strdup ("timeout"));
  g_ptr_array_add (argv, g_strdup ("-s"));
  g_ptr_array_add (argv, g_strdup ("KILL"));
  g_ptr_array_add (argv, g_strdup ("120"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  cr_assert (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_SEARCH_PATH, NULL, NULL,
                           &out, &errors, &status, &error),
             "%s: %s", args[0], error != NULL ? error->message : "");
  cr_assert (!WIFEXITED (status) || WEXITSTATUS (status) != 124, "%s did not end within 120 s",
             args[0]);
  if (output != NULL)
    *output = g_steal_pointer (&out);
  if (err != NULL)
    *err = g_steal_pointer (&errors);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
sync_init (void)
{
  g_autofree char *sync = program ("app/sync/madoguchi-sync");
  const char *args[] = { sync, "--pg", pg->conninfo, "--init", NULL };
  g_autofree char *err = NULL;

  cr_assert_eq (run_program (NULL, args, NULL, &err), 0, "--init: %s", err);
}

static void
sync_once (Kiosk *kiosk)
{
  g_autofree char *sync = program ("app/sync/madoguchi-sync");
  const char *args[] = { sync, "--db", kiosk->db, "--pg", pg->conninfo, "--once", NULL };
  g_autofree char *err = NULL;

  cr_assert_eq (run_program (kiosk->env, args, NULL, &err), 0, "sync of %s: %s", kiosk->center,
                err);
}

static GSubprocess *
sync_start (Kiosk      *kiosk,
            const char *log)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *sync = program ("app/sync/madoguchi-sync");
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_environ (launcher, kiosk->env);
  g_subprocess_launcher_set_stdout_file_path (launcher, "/dev/null");
  g_subprocess_launcher_set_stderr_file_path (launcher, log != NULL ? log : "/dev/null");
  process = g_subprocess_launcher_spawn (launcher, &error, sync, "--db", kiosk->db, "--pg",
                                         pg->conninfo, NULL);
  cr_assert_not_null (process, "madoguchi-sync: %s", error != NULL ? error->message : "");
  g_ptr_array_add (children, g_object_ref (process));
  return process;
}

static void
kill_and_reap (GSubprocess *process)
{
  g_subprocess_send_signal (process, SIGKILL);
  cr_assert (g_subprocess_wait (process, NULL, NULL));
}

/* The kiosk's inquiries as the central database must hold them, column for column. */
#define LOCAL_INQUIRIES                                                                    \
  "SELECT number, day, seq, token, created_at, language, flow_version, details, followup," \
  " status, coordinator, meeting, printed, channel, entered_by FROM inquiry ORDER BY number"
#define LOCAL_ANSWERS                                                                      \
  "SELECT i.number, a.step, a.choice, a.position FROM answer a"                           \
  " JOIN inquiry i ON i.id = a.inquiry_id ORDER BY 1, 2, 3"

static void
assert_same_contents (Kiosk *kiosk)
{
  g_autofree char *local = fixture_query_text (kiosk->db, LOCAL_INQUIRIES);
  g_autofree char *local_answers = fixture_query_text (kiosk->db, LOCAL_ANSWERS);
  g_autofree char *sql = g_strdup_printf (
    "SELECT number, day, seq, token, created_at, language, flow_version, details, followup,"
    " status, coordinator, meeting::int, printed::int, channel, entered_by FROM inquiry"
    " WHERE center = '%s'"
    " ORDER BY number", kiosk->center);
  g_autofree char *answers_sql = g_strdup_printf (
    "SELECT number, step, choice, position FROM answer WHERE center = '%s' ORDER BY 1, 2, 3",
    kiosk->center);
  g_autofree char *central = fixture_pg_query (pg, sql);
  g_autofree char *central_answers = fixture_pg_query (pg, answers_sql);

  cr_assert_str_eq (central, local, "%s's inquiries differ centrally", kiosk->center);
  cr_assert_str_eq (central_answers, local_answers, "%s's answers differ centrally", kiosk->center);
}

static char *
today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

TestSuite (sync, .init = setup, .fini = teardown, .timeout = 600);

Test (sync, two_centers_meet_in_one_database)
{
  g_autoptr (Kiosk) naka = kiosk_new ("naka", FALSE);
  g_autoptr (Kiosk) kita = kiosk_new ("kita", FALSE);
  g_autoptr (MdgStore) naka_store = kiosk_store (naka);
  g_autoptr (MdgStore) kita_store = kiosk_store (kita);
  g_autofree char *admin = program ("app/madoguchi-admin");
  g_autofree char *day = today ();
  g_autofree char *csv = NULL;
  g_autofree char *table = NULL;
  g_autofree char *err = NULL;
  g_auto (GStrv) lines = NULL;
  guint naka_rows = 0, kita_rows = 0;

  for (int i = 0; i < 3; i++)
    g_object_unref (record (naka_store, i == 1));
  for (int i = 0; i < 2; i++)
    g_object_unref (record (kita_store, FALSE));
  sync_init ();
  sync_once (naka);
  sync_once (kita);
  /* Run again: nothing is doubled. */
  sync_once (naka);

  cr_assert_str_eq (fixture_pg_query (pg, "SELECT center, count (*) FROM inquiry GROUP BY center"
                                          " ORDER BY center"),
                    "kita|2;naka|3;");
  assert_same_contents (naka);
  assert_same_contents (kita);

  {
    const char *args[] = { admin, "export", "--pg", pg->conninfo, "--date", day, NULL };

    cr_assert_eq (run_program (NULL, args, &csv, &err), 0, "export --pg: %s", err);
  }
  lines = g_strsplit (csv, "\r\n", -1);
  cr_assert (g_str_has_prefix (lines[0], "\xEF\xBB\xBF\""), "no BOM: %s", lines[0]);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      naka_rows += g_str_has_prefix (lines[i], "\"naka\",");
      kita_rows += g_str_has_prefix (lines[i], "\"kita\",");
    }
  cr_assert_eq (naka_rows, 3, "the city-wide export: %s", csv);
  cr_assert_eq (kita_rows, 2, "the city-wide export: %s", csv);

  {
    const char *args[] = { admin, "list", "--pg", pg->conninfo, "--date", day, "--center",
                           "kita", "--language", "en", NULL };

    cr_assert_eq (run_program (NULL, args, &table, &err), 0, "list --pg: %s", err);
  }
  cr_assert (g_str_has_prefix (table, "CENTER"), "%s", table);
  cr_assert (strstr (table, "kita") != NULL && strstr (table, "naka") == NULL, "%s", table);
  cr_assert (strstr (table, "2 inquiries on") != NULL, "%s", table);
  cr_assert (strstr (table, "An NPO or civic group") != NULL, "%s", table);
}

Test (sync, survives_sigkill_while_inquiries_arrive)
{
  g_autoptr (Kiosk) naka = kiosk_new ("naka", FALSE);
  g_autoptr (MdgStore) store = kiosk_store (naka);
  g_autoptr (GSubprocess) writer = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *writer_path = program ("tests/store-writer");
  g_autofree char *local = NULL;
  g_autofree char *central = NULL;
  gint64 pending = -1;

  g_object_unref (record (store, FALSE));
  g_clear_object (&store);
  sync_init ();
  writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, writer_path, naka->db,
                             NULL);
  cr_assert_not_null (writer, "%s", error != NULL ? error->message : "");
  g_ptr_array_add (children, g_object_ref (writer));
  for (int i = 0; i < 30; i++)
    {
      g_autoptr (GSubprocess) sync = sync_start (naka, NULL);

      g_usleep (g_random_int_range (20, 600) * 1000);
      kill_and_reap (sync);
    }
  kill_and_reap (writer);
  sync_once (naka);

  local = fixture_query_text (naka->db, "SELECT count (*), count (DISTINCT number) FROM inquiry");
  central = fixture_pg_query (pg, "SELECT count (*), count (DISTINCT number) FROM inquiry");
  cr_assert_str_eq (central, local, "every inquiry once");
  g_free (local);
  g_free (central);
  local = fixture_query_text (naka->db, "SELECT number FROM inquiry ORDER BY number");
  central = fixture_pg_query (pg, "SELECT number FROM inquiry ORDER BY number");
  cr_assert_str_eq (central, local);
  assert_same_contents (naka);
  store = kiosk_store (naka);
  cr_assert (mdg_sync_log_pending (store, &pending, NULL));
  cr_assert_eq (pending, 0, "the change log still holds %" G_GINT64_FORMAT " inquiries", pending);
}

Test (sync, resumes_after_postgres_stops_midway)
{
  g_autoptr (Kiosk) naka = kiosk_new ("naka", FALSE);
  g_autoptr (MdgStore) store = kiosk_store (naka);
  g_autoptr (GSubprocess) writer = NULL;
  g_autoptr (GSubprocess) sync = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *writer_path = program ("tests/store-writer");
  g_autofree char *log = g_build_filename (dir, "sync.log", NULL);
  g_autofree char *count = NULL;
  g_autofree char *messages = NULL;

  g_object_unref (record (store, FALSE));
  sync_init ();
  sync = sync_start (naka, log);
  writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, writer_path, naka->db,
                             NULL);
  cr_assert_not_null (writer, "%s", error != NULL ? error->message : "");
  g_ptr_array_add (children, g_object_ref (writer));
  g_usleep (1500 * 1000);
  fixture_pg_halt (pg);
  g_usleep (2000 * 1000);
  fixture_pg_resume (pg);
  g_usleep (500 * 1000);
  kill_and_reap (writer);

  count = fixture_query_text (naka->db, "SELECT count (*) FROM inquiry");
  fixture_pg_wait_for (pg, "SELECT count (*) FROM inquiry", count, 60,
                       "every inquiry after PostgreSQL came back");
  kill_and_reap (sync);
  assert_same_contents (naka);
  cr_assert (g_file_get_contents (log, &messages, NULL, NULL));
  cr_assert (strstr (messages, "trying again in") != NULL, "the sync never noticed: %s", messages);
  cr_assert (strstr (messages, "password") == NULL, "%s", messages);
}

Test (sync, offline_kiosk_catches_up)
{
  g_autoptr (Kiosk) naka = kiosk_new ("naka", FALSE);
  g_autoptr (MdgStore) store = kiosk_store (naka);
  g_autoptr (GSubprocess) sync = NULL;
  g_autofree char *log = g_build_filename (dir, "sync.log", NULL);
  g_autofree char *count = NULL;
  gint64 last = 0;

  sync_init ();
  fixture_pg_halt (pg);
  /* The network is away while the day goes on: inquiries, desk changes, a note. */
  sync = sync_start (naka, log);
  for (int i = 0; i < 40; i++)
    {
      g_autoptr (MdgInquiry) inquiry = record (store, FALSE);

      if (i % 5 == 0)
        cr_assert (mdg_desk_store_set_status (store, inquiry, "in-progress", NULL));
      if (i == 7)
        cr_assert (mdg_desk_store_add_note (store, inquiry, "佐藤", "NPOを紹介した", NULL));
    }
  cr_assert (mdg_sync_log_get_int (store, MDG_SYNC_LAST_SUCCESS_KEY, &last, NULL));
  cr_assert_eq (last, 0, "a sync succeeded with the server away");
  fixture_pg_resume (pg);

  count = fixture_query_text (naka->db, "SELECT count (*) FROM inquiry");
  fixture_pg_wait_for (pg, "SELECT count (*) FROM inquiry", count, 90,
                       "the offline day's inquiries");
  fixture_pg_wait_for (pg, "SELECT count (*) FROM inquiry WHERE status = 'in-progress'", "8;", 30,
                       "the offline day's status changes");
  fixture_pg_wait_for (pg, "SELECT author, body, kind FROM message", "佐藤|NPOを紹介した|internal;",
                       30, "the offline day's note");
  /* The central rows are committed before the kiosk records its success: wait for that too. */
  for (gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
       last == 0 && g_get_monotonic_time () < end; g_usleep (50000))
    cr_assert (mdg_sync_log_get_int (store, MDG_SYNC_LAST_SUCCESS_KEY, &last, NULL));
  kill_and_reap (sync);
  assert_same_contents (naka);
  cr_assert_geq (last, g_get_real_time () / G_USEC_PER_SEC - 120,
                 "sync-last-success not kept within 30 s of the central rows");
}

static void
central_set (Kiosk      *kiosk,
             MdgInquiry *inquiry,
             const char *field,
             const char *value)
{
  g_autofree char *sql = g_strdup_printf ("SELECT madoguchi_set_field ('%s', '%s', '%s', '%s')",
                                          kiosk->center, mdg_inquiry_get_number (inquiry), field,
                                          value);

  fixture_pg_exec (pg, sql);
}

Test (sync, status_changes_cross_both_ways)
{
  g_autoptr (Kiosk) naka = kiosk_new ("naka", FALSE);
  g_autoptr (MdgStore) store = kiosk_store (naka);
  g_autoptr (MdgInquiry) here = record (store, FALSE);
  g_autoptr (MdgInquiry) there = record (store, FALSE);
  g_autofree char *sql = NULL;
  g_autofree char *timeline = NULL;

  sync_init ();
  sync_once (naka);
  cr_assert (mdg_desk_store_set_status (store, here, "in-progress", NULL));
  central_set (naka, there, "status", "connected");
  central_set (naka, there, "meeting", "1");
  central_set (naka, there, "coordinator", "田中");
  sql = g_strdup_printf ("SELECT madoguchi_add_message ('naka', '%s', 'visitor', '田中',"
                         " 'NPO法人を紹介します')", mdg_inquiry_get_number (there));
  fixture_pg_exec (pg, sql);
  sync_once (naka);

  g_free (sql);
  sql = g_strdup_printf ("SELECT status FROM inquiry WHERE number = '%s'",
                         mdg_inquiry_get_number (here));
  fixture_pg_wait_for (pg, sql, "in-progress;", 1, "the kiosk's status change");
  timeline = fixture_query_text (naka->db,
                                 "SELECT i.status, i.meeting, i.coordinator FROM inquiry i"
                                 " ORDER BY i.id");
  cr_assert_str_eq (timeline, "in-progress|0|NULL;connected|1|田中;");
  g_free (timeline);
  timeline = fixture_query_text (naka->db, "SELECT kind, author, body FROM note");
  cr_assert_str_eq (timeline, "visitor|田中|NPO法人を紹介します;");
  {
    g_autoptr (GPtrArray) events = mdg_desk_store_list_timeline (store, there, NULL);
    g_autoptr (GString) seen = g_string_new (NULL);

    cr_assert_not_null (events);
    for (guint i = 0; i < events->len; i++)
      {
        MdgDeskStoreEvent *event = g_ptr_array_index (events, i);

        g_string_append_printf (seen, "%s:%s>%s;", event->field,
                                event->old_value ? event->old_value : "-",
                                event->new_value ? event->new_value : "-");
      }
    cr_assert (strstr (seen->str, "status:new>connected;") != NULL, "%s", seen->str);
    cr_assert (strstr (seen->str, "note:田中>NPO法人を紹介します;") != NULL, "%s", seen->str);
  }
  /* Synced again, nothing comes twice. */
  sync_once (naka);
  g_free (timeline);
  timeline = fixture_query_text (naka->db, "SELECT count (*) FROM note");
  cr_assert_str_eq (timeline, "1;");
  fixture_pg_wait_for (pg, "SELECT origin, count (*) FROM history GROUP BY origin ORDER BY origin",
                       "central|4;kiosk|1;", 1, "one history line per change");
}

Test (sync, conflict_later_change_per_field_wins)
{
  g_autoptr (Kiosk) naka = kiosk_new ("naka", FALSE);
  g_autoptr (MdgStore) store = kiosk_store (naka);
  g_autoptr (MdgInquiry) inquiry = record (store, FALSE);
  g_autofree char *local = NULL;
  g_autofree char *central = NULL;

  sync_init ();
  sync_once (naka);
  /* Status: the kiosk first, central a second later. Coordinator: the other way round. */
  cr_assert (mdg_desk_store_set_status (store, inquiry, "in-progress", NULL));
  central_set (naka, inquiry, "coordinator", "田中");
  g_usleep (1100 * 1000);
  central_set (naka, inquiry, "status", "closed");
  cr_assert (mdg_desk_store_set_coordinator (store, inquiry, "鈴木", NULL));
  sync_once (naka);

  local = fixture_query_text (naka->db, "SELECT status, coordinator FROM inquiry");
  central = fixture_pg_query (pg, "SELECT status, coordinator FROM inquiry");
  cr_assert_str_eq (local, "closed|鈴木;");
  cr_assert_str_eq (central, "closed|鈴木;");
  g_free (local);
  g_free (central);
  /* Both sides keep every change, the losing ones too, each with the old value its side saw. */
  local = fixture_query_text (naka->db, "SELECT field, old_value, new_value FROM status_history"
                                        " ORDER BY field, new_value");
  central = fixture_pg_query (pg, "SELECT field, old_value, new_value FROM history"
                                  " ORDER BY field, new_value");
  cr_assert_str_eq (local, "coordinator|NULL|田中;coordinator|NULL|鈴木;"
                           "status|new|closed;status|new|in-progress;");
  cr_assert_str_eq (central, local);
}

Test (sync, contact_details_stay_home_unless_allowed)
{
  g_autoptr (Kiosk) naka = kiosk_new ("naka", FALSE);
  g_autoptr (MdgStore) store = kiosk_store (naka);
  g_autoptr (MdgInquiry) inquiry = record (store, TRUE);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) later = g_date_time_add_days (now, 400);
  const char *details[] = { "045-671-2111", "0456712111", "hanako@example.jp", "横浜 花子",
                            "hanako" };
  g_autofree char *dump = NULL;
  guint erased = 0;

  sync_init ();
  sync_once (naka);
  dump = fixture_pg_dump (pg);
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    cr_assert (strstr (dump, details[i]) == NULL, "“%s” reached the central database",
               details[i]);
  cr_assert (strstr (dump, mdg_inquiry_get_number (inquiry)) != NULL, "the inquiry is missing");
  cr_assert_str_eq (fixture_pg_query (pg, "SELECT has_contact FROM inquiry"), "t;",
                    "the consent is not known centrally");

  /* Allowed, they go; purged at the kiosk, they go centrally too. */
  kiosk_set_contact_details (naka, TRUE);
  fixture_sqlite_exec (naka->db, "UPDATE inquiry SET printed = 1");
  sync_once (naka);
  cr_assert_str_eq (fixture_pg_query (pg, "SELECT name, phone, email FROM contact"),
                    "横浜 花子|045-671-2111|hanako@example.jp;");
  cr_assert (mdg_store_purge (store, 365, later, &erased, NULL));
  cr_assert_eq (erased, 1);
  sync_once (naka);
  g_free (dump);
  dump = fixture_pg_dump (pg);
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    cr_assert (strstr (dump, details[i]) == NULL, "“%s” survived the purge centrally",
               details[i]);
  cr_assert_str_eq (fixture_pg_query (pg, "SELECT has_contact FROM inquiry"), "f;");
  cr_assert_str_eq (fixture_pg_query (pg, "SELECT field, new_value FROM history"),
                    "contact|erased;");
}

Test (sync, refuses_newer_schema_and_passwords_in_sight)
{
  g_autoptr (Kiosk) naka = kiosk_new ("naka", FALSE);
  g_autoptr (MdgStore) store = kiosk_store (naka);
  g_autofree char *sync = program ("app/sync/madoguchi-sync");
  g_autofree char *file = g_build_filename (dir, "pg.conf", NULL);
  g_autofree char *with_password = g_strdup_printf ("%s password=sekrit", pg->conninfo);
  g_autofree char *err = NULL;

  sync_init ();
  sync_init ();
  {
    const char *args[] = { sync, "--db", naka->db, "--pg", with_password, "--once", NULL };

    cr_assert_eq (run_program (naka->env, args, NULL, &err), 1);
    cr_assert (strstr (err, "must not hold a password") != NULL, "%s", err);
    cr_assert (strstr (err, "sekrit") == NULL, "%s", err);
  }
  cr_assert (g_file_set_contents (file, with_password, -1, NULL));
  g_chmod (file, 0644);
  {
    const char *args[] = { sync, "--db", naka->db, "--pg-file", file, "--once", NULL };

    g_free (err);
    cr_assert_eq (run_program (naka->env, args, NULL, &err), 1);
    cr_assert (strstr (err, "chmod 600") != NULL, "%s", err);
  }
  /* Owner-only, it is read (trust authentication ignores the password). */
  g_chmod (file, 0600);
  {
    const char *args[] = { sync, "--db", naka->db, "--pg-file", file, "--once", NULL };

    g_free (err);
    cr_assert_eq (run_program (naka->env, args, NULL, &err), 0, "%s", err);
  }
  fixture_pg_exec (pg, "INSERT INTO madoguchi_schema VALUES (99)");
  {
    const char *args[] = { sync, "--pg", pg->conninfo, "--init", NULL };

    g_free (err);
    cr_assert_eq (run_program (NULL, args, NULL, &err), 1);
    cr_assert (strstr (err, "schema 99, newer than this Madoguchi knows (2)") != NULL, "%s", err);
  }
  {
    const char *args[] = { sync, "--db", naka->db, "--pg", pg->conninfo, "--once", NULL };

    g_free (err);
    cr_assert_eq (run_program (naka->env, args, NULL, &err), 1);
    cr_assert (strstr (err, "newer than this Madoguchi") != NULL, "%s", err);
  }
}

/* An inquiry staff typed arrives centrally with its channel and who typed it; a central
 * database made before channels existed refuses the sync until --init adds the columns, and
 * keeps its rows as the kiosks' own. */
Test (sync, carries_the_channel_and_brings_an_old_central_schema_up)
{
  g_autoptr (Kiosk) naka = kiosk_new ("naka", FALSE);
  g_autoptr (MdgStore) store = kiosk_store (naka);
  g_autoptr (MdgInquiry) walked_in = record (store, FALSE);
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (MdgAnswers) answers = NULL;
  g_autoptr (MdgInquiry) called = NULL;
  g_autofree char *sync = program ("app/sync/madoguchi-sync");
  g_autofree char *err = NULL;
  g_autofree char *central = NULL;
  g_autofree char *expected = NULL;

  sync_init ();
  sync_once (naka);
  /* The central database as version 1 left it. */
  fixture_pg_exec (pg, "ALTER TABLE inquiry DROP COLUMN channel, DROP COLUMN entered_by;"
                       " DELETE FROM madoguchi_schema WHERE version = 2");
  {
    const char *args[] = { sync, "--db", naka->db, "--pg", pg->conninfo, "--once", NULL };

    cr_assert_eq (run_program (naka->env, args, NULL, &err), 1);
    cr_assert (strstr (err, "older schema") != NULL, "%s", err);
  }
  sync_init ();
  central = fixture_pg_query (pg, "SELECT number, channel, entered_by FROM inquiry");
  expected = g_strdup_printf ("%s|kiosk|NULL;", mdg_inquiry_get_number (walked_in));
  cr_assert_str_eq (central, expected, "the rows already there are the kiosk's own");

  fixture_answer_default (visit, "offer");
  answers = mdg_visit_snapshot (visit);
  answers->channel = g_strdup (MDG_CHANNEL_PHONE);
  answers->entered_by = g_strdup ("佐藤");
  called = mdg_store_record_answers (store, answers, NULL);
  cr_assert_not_null (called);
  sync_once (naka);
  g_free (central);
  central = fixture_pg_query (pg, "SELECT channel, entered_by FROM inquiry WHERE channel <> 'kiosk'");
  cr_assert_str_eq (central, "phone|佐藤;");
  assert_same_contents (naka);
}

/* Without a server: the kiosk itself must never load libpq. */
Test (sync_link, kiosk_never_links_libpq)
{
  g_autofree char *kiosk = program ("app/madoguchi");
  g_autofree char *sync = program ("app/sync/madoguchi-sync");
  const char *args[] = { "ldd", kiosk, NULL };
  const char *sync_args[] = { "ldd", sync, NULL };
  g_autofree char *out = NULL;
  g_autofree char *sync_out = NULL;

  cr_assert_eq (run_program (NULL, args, &out, NULL), 0);
  cr_assert (strstr (out, "libgtk-4") != NULL, "ldd said: %s", out);
  cr_assert (strstr (out, "libpq") == NULL, "the kiosk links libpq: %s", out);
  cr_assert_eq (run_program (NULL, sync_args, &sync_out, NULL), 0);
  cr_assert (strstr (sync_out, "libpq") != NULL, "ldd said: %s", sync_out);
}
