/* mdg-health.c: the kiosk's health for the city's monitoring: database, today's inquiries,
 * printer, last sync and disk space, one line each. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <stdlib.h>

#include "mdg-health.h"
#include "mdg-store-private.h"
#include "mdg-sync-log.h"

/* One line: "item: state (detail)"; a problem says ATTENTION, for monitoring to look for. */
static gboolean
add_line (GString    *report,
          const char *item,
          gboolean    ok,
          const char *format,
          ...) G_GNUC_PRINTF (4, 5);

static gboolean
add_line (GString    *report,
          const char *item,
          gboolean    ok,
          const char *format,
          ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_strdelimit (detail, "\r\n", ' ');
  g_string_append_printf (report, "%s: %s%s\n", item, ok ? "" : "ATTENTION ", detail);
  return ok;
}

/* The write lock is taken and given back: the file takes inquiries, even with the kiosk on it. */
static gboolean
check_writable (MdgStore *store,
                GError  **error)
{
  return mdg_store_exec (store, "BEGIN IMMEDIATE", error)
         && mdg_store_exec (store, "ROLLBACK", error);
}

static gboolean
count_day (MdgStore   *store,
           const char *day,
           gint64     *count,
           GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = mdg_store_prepare (store,
                                                     "SELECT count (*) FROM inquiry WHERE day = ?",
                                                     error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return mdg_store_fail (store, rc, "counting today's inquiries", error);
  *count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
report_sync (const MdgHealthConfig *config,
             MdgStore              *store,
             GString               *report)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) when = NULL;
  g_autofree char *shown = NULL;
  gint64 seconds = 0, age;

  if (!config->sync_configured)
    return add_line (report, "last sync", TRUE, "not configured");
  if (store == NULL)
    return add_line (report, "last sync", FALSE, "unknown (no database)");
  if (!mdg_sync_log_get_int (store, MDG_SYNC_LAST_SUCCESS_KEY, &seconds, &error))
    return add_line (report, "last sync", FALSE, "unknown (%s)", error->message);
  if (seconds <= 0)
    return add_line (report, "last sync", FALSE, "never");
  when = g_date_time_new_from_unix_local (seconds);
  if (when == NULL)
    return add_line (report, "last sync", FALSE, "unreadable (%" G_GINT64_FORMAT ")", seconds);
  shown = g_date_time_format (when, "%Y-%m-%d %H:%M");
  age = g_date_time_to_unix (config->now) - seconds;
  if (age > MDG_HEALTH_SYNC_MAX_AGE_SECONDS)
    return add_line (report, "last sync", FALSE, "%s, %" G_GINT64_FORMAT " hours ago", shown,
                     age / 3600);
  return add_line (report, "last sync", TRUE, "%s", shown);
}

typedef struct
{
  GMainLoop *loop;
  char *out;
  GError *error;
  gboolean timed_out;
} HelperRun;

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HelperRun *run = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, NULL,
                                        &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
deadline_cb (gpointer user_data)
{
  HelperRun *run = user_data;

  run->timed_out = TRUE;
  g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

/* Asks madoguchi-print for the queue's state, killing it at the deadline: a hung CUPS makes
 * a line that says so, not a hung health check. */
static gboolean
report_printer (const MdgHealthConfig *config,
                GString               *report)
{
  const char *queue = config->printer_name;
  g_autoptr (GMainContext) context = NULL;
  g_autoptr (GSubprocess) helper = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSource) deadline = NULL;
  HelperRun run = { 0 };
  gboolean ok;

  if (queue == NULL || *queue == '\0')
    return add_line (report, "printer", TRUE, "not configured");
  helper = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                             &error, config->print_helper, "--status", queue, NULL);
  if (helper == NULL)
    return add_line (report, "printer", FALSE, "%s: the print helper cannot be started (%s)",
                     queue, error->message);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  run.loop = g_main_loop_new (context, FALSE);
  deadline = g_timeout_source_new_seconds (config->print_deadline);
  g_source_set_callback (deadline, deadline_cb, &run, NULL);
  g_source_attach (deadline, context);
  g_subprocess_communicate_utf8_async (helper, NULL, NULL, communicated_cb, &run);
  g_main_loop_run (run.loop);
  if (run.timed_out)
    {
      g_subprocess_force_exit (helper);
      /* Let the cancelled read finish inside our context before it goes. */
      while (run.out == NULL && run.error == NULL)
        g_main_context_iteration (context, TRUE);
    }
  g_source_destroy (deadline);
  g_main_context_pop_thread_default (context);
  g_main_loop_unref (run.loop);

  if (run.timed_out)
    ok = add_line (report, "printer", FALSE, "%s: no answer from CUPS within %u s", queue,
                   config->print_deadline);
  else if (run.error != NULL)
    ok = add_line (report, "printer", FALSE, "%s: %s", queue, run.error->message);
  else
    {
      char *line = g_strstrip (run.out);
      gboolean exited_ok = g_subprocess_get_if_exited (helper)
                           && g_subprocess_get_exit_status (helper) == 0;
      gboolean ready = exited_ok && (g_str_has_prefix (line, "idle") || g_str_has_prefix (line,
                                                                                      "processing"))
                       && strstr (line, "not-accepting-jobs") == NULL;

      ok = add_line (report, "printer", ready, "%s: %s", queue,
                     *line != '\0' ? line : "no answer from the print helper");
    }
  g_clear_error (&run.error);
  g_free (run.out);
  return ok;
}

static gboolean
report_disk (const MdgHealthConfig *config,
             GString               *report)
{
  g_autofree char *folder = g_path_get_dirname (config->db_path);
  g_autoptr (GFile) file = g_file_new_for_path (folder);
  g_autoptr (GError) error = NULL;
  g_autoptr (GFileInfo) info = g_file_query_filesystem_info (file, G_FILE_ATTRIBUTE_FILESYSTEM_FREE,
                                                             NULL, &error);
  g_autofree char *free_text = NULL;
  guint64 free_bytes;

  if (info == NULL)
    return add_line (report, "disk space", FALSE, "unknown (%s)", error->message);
  free_bytes = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE);
  free_text = g_format_size (free_bytes);
  return add_line (report, "disk space", free_bytes >= config->min_free_bytes, "%s free in %s",
                   free_text, folder);
}

/* Appends one line per item to report; FALSE when any of them needs attention. */
gboolean
mdg_health_report (const MdgHealthConfig *config,
                   GString               *report)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = NULL;
  g_autofree char *today = NULL;
  gint64 count = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (config != NULL && config->db_path != NULL && config->now != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  store = mdg_store_open_existing (config->db_path, &error);
  if (store == NULL || !check_writable (store, &error))
    {
      ok = add_line (report, "database", FALSE, "%s", error->message);
      g_clear_object (&store);
      g_clear_error (&error);
    }
  else
    add_line (report, "database", TRUE, "writable (%s)", config->db_path);

  today = g_date_time_format (config->now, "%Y-%m-%d");
  if (store == NULL)
    ok = add_line (report, "inquiries today", FALSE, "unknown (no database)") && ok;
  else if (!count_day (store, today, &count, &error))
    ok = add_line (report, "inquiries today", FALSE, "unknown (%s)", error->message) && ok;
  else
    add_line (report, "inquiries today", TRUE, "%" G_GINT64_FORMAT, count);

  ok = report_printer (config, report) && ok;
  ok = report_sync (config, store, report) && ok;
  ok = report_disk (config, report) && ok;
  return ok;
}
