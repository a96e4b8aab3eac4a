/* test-print.c: madoguchi-print against real CUPS queues, and how its status lines are read. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <criterion/criterion.h>
#include <glib/gstdio.h>

#include "decode.h"
#include "fixtures.h"
#include "mdg-print.h"
#include "mdg-slip.h"

#define QUEUE "madoguchi-test"
#define OUT_DIR "/var/spool/cups-pdf/" QUEUE

static char *dir;
static char *pdf; /* one small page, for the helper to print */

static void
setup (void)
{
  g_autofree char *script = fixture_source_path ("build-aux/start-cups.sh");
  const char *argv[] = { script, QUEUE, NULL };
  g_autofree char *out = NULL;
  int status;

  out = decode_run (argv, &status);
  cr_assert_eq (status, 0, "build-aux/start-cups.sh failed: CUPS with cups-pdf queues is needed");
  dir = fixture_tmpdir ();
  pdf = g_build_filename (dir, "page.pdf", NULL);
  {
    cairo_surface_t *surface = cairo_pdf_surface_create (pdf, 200, 100);
    cairo_t *cr = cairo_create (surface);

    cairo_rectangle (cr, 10, 10, 50, 50);
    cairo_fill (cr);
    cairo_destroy (cr);
    cairo_surface_finish (surface);
    cr_assert_eq (cairo_surface_status (surface), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy (surface);
  }
}

static void
teardown (void)
{
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&pdf, g_free);
}

TestSuite (print, .init = setup, .fini = teardown);

Test (print, status_lines_become_words_for_staff)
{
  static const struct { const char *line; MdgPrinterState state; } cases[] = {
    { "idle none", MDG_PRINTER_READY },
    { "processing none", MDG_PRINTER_BUSY },
    { "idle media-low-report,toner-low-warning", MDG_PRINTER_READY },
    { "idle media-empty-error", MDG_PRINTER_OUT_OF_PAPER },
    { "stopped paused,media-needed", MDG_PRINTER_OUT_OF_PAPER },
    { "stopped cover-open-error", MDG_PRINTER_COVER_OPEN },
    { "idle door-open", MDG_PRINTER_COVER_OPEN },
    { "processing media-jam-error", MDG_PRINTER_JAMMED },
    { "stopped paused", MDG_PRINTER_PAUSED },
    { "idle none,not-accepting-jobs", MDG_PRINTER_PAUSED },
    { "idle toner-empty-error", MDG_PRINTER_PROBLEM },
    { "not-found", MDG_PRINTER_NOT_FOUND },
    { "unreachable", MDG_PRINTER_UNREACHABLE },
    { "", MDG_PRINTER_UNREACHABLE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    cr_assert_eq (mdg_print_parse_status (cases[i].line), cases[i].state, "“%s”", cases[i].line);
}

static MdgPrinterState status_state;
static GError *status_error;
static gboolean status_done;

static void
status_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  status_state = mdg_print_status_finish (result, &status_error);
  status_done = TRUE;
}

static gboolean
status_timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The asynchronous --status of `queue`, within `ms`. */
static MdgPrinterState
query (const char *queue,
       guint       ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ms, status_timed_out_cb, &timed_out);

  status_done = FALSE;
  g_clear_error (&status_error);
  mdg_print_status_async (queue, 5.0, NULL, status_cb, NULL);
  while (!status_done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  cr_assert (status_done, "within %u ms no state came for “%s”", ms, queue);
  g_source_remove (id);
  cr_assert_null (status_error, "%s", status_error->message);
  return status_state;
}

Test (print, status_of_real_queues)
{
  /* Other tests may be printing on it meanwhile. */
  cr_assert (query (QUEUE, 3000) == MDG_PRINTER_READY || status_state == MDG_PRINTER_BUSY,
             "the working queue is in state %d", status_state);
  cr_assert_eq (query (QUEUE "-disabled", 3000), MDG_PRINTER_PAUSED);
  cr_assert_eq (query ("madoguchi-no-such-queue", 3000), MDG_PRINTER_NOT_FOUND);
  cr_assert_eq (query ("", 3000), MDG_PRINTER_NOT_CONFIGURED);
  g_setenv ("CUPS_SERVER", "127.0.0.1:9", TRUE);
  cr_assert_eq (query (QUEUE, 3000), MDG_PRINTER_UNREACHABLE);
  g_setenv ("CUPS_SERVER", "/nonexistent/cups.sock", TRUE);
  cr_assert_eq (query (QUEUE, 3000), MDG_PRINTER_UNREACHABLE);
}

/* The helper run as the kiosk runs it; its output, exit status and time taken. */
static char *
run_helper (const char *queue,
            const char *deadline,
            int        *status,
            char      **err,
            double     *seconds)
{
  g_autofree char *helper = mdg_print_helper_path ();
  const char *argv[] = { helper, "--deadline", deadline, "--title", "madoguchi test", queue, pdf,
                         NULL };
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  char *out = NULL;
  int wait_status;

  cr_assert (g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, err, &wait_status,
                           &error), "%s", error ? error->message : "");
  *seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return out;
}

Test (print, helper_reports_each_state_and_exits_like_the_admin)
{
  g_autofree char *out = NULL, *err = NULL;
  double seconds;
  int status;

  out = run_helper ("madoguchi-no-such-queue", "5", &status, &err, &seconds);
  cr_assert_eq (status, 1);
  cr_assert_str_eq (out, "failed not-found\n");
  cr_assert (g_str_has_prefix (err, "madoguchi-print: ") && strchr (err, '\n') == err + strlen (err) - 1,
             "one line on stderr: %s", err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_helper (QUEUE "-disabled", "5", &status, &err, &seconds);
  cr_assert_eq (status, 1);
  cr_assert_str_eq (out, "failed paused\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_helper (QUEUE, "0", &status, &err, &seconds);
  cr_assert_eq (status, 1, "a deadline of 0 is refused");
  cr_assert (strstr (err, "--deadline") != NULL, "%s", err);
}

/* A job whose printer never takes it is cancelled at the helper's deadline, not left queued. */
Test (print, helper_cancels_a_job_not_out_by_its_deadline)
{
  g_autofree char *out = NULL, *err = NULL, *jobs = NULL, *job = NULL;
  const char *lpstat[] = { "lpstat", "-W", "not-completed", "-o", QUEUE "-stuck", NULL };
  g_auto (GStrv) lines = NULL;
  double seconds;
  int status, lpstat_status;

  out = run_helper (QUEUE "-stuck", "2", &status, &err, &seconds);
  cr_assert_eq (status, 1, "%s", err);
  lines = g_strsplit (out, "\n", -1);
  cr_assert (g_str_has_prefix (lines[0], "queued "), "%s", out);
  cr_assert (g_strv_contains ((const char *const *) lines, "failed timeout"), "%s", out);
  cr_assert (seconds >= 1.9 && seconds < 3.5, "it gave up after %.1f s for a deadline of 2 s",
             seconds);
  job = g_strdup_printf ("%s-%s ", QUEUE "-stuck", lines[0] + strlen ("queued "));
  jobs = decode_run (lpstat, &lpstat_status);
  cr_assert (jobs == NULL || strstr (jobs, job) == NULL, "job %s was left in the queue: %s", job,
             jobs);
}

Test (print, helper_prints_and_says_completed)
{
  g_autofree char *out = NULL, *err = NULL;
  double seconds;
  int status;

  g_autofree char *suffix = NULL;
  g_autoptr (GHashTable) before = decode_list_dir (OUT_DIR);
  g_autoptr (GHashTable) after = NULL;
  GHashTableIter iter;
  const char *name;
  gboolean arrived = FALSE;

  out = run_helper (QUEUE, "20", &status, &err, &seconds);
  cr_assert_eq (status, 0, "%s", err);
  cr_assert (g_str_has_prefix (out, "queued ") && g_str_has_suffix (out, "\ncompleted\n"), "%s", out);
  /* cups-pdf names the file after the title and the job; it is there once CUPS says completed. */
  suffix = g_strdup_printf ("-job_%d.pdf", atoi (out + strlen ("queued ")));
  after = decode_list_dir (OUT_DIR);
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!g_hash_table_contains (before, name) && g_str_has_suffix (name, suffix))
      {
        g_autofree char *path = g_build_filename (OUT_DIR, name, NULL);

        arrived = g_unlink (path) == 0;
      }
  cr_assert (arrived, "no file *%s arrived in %s", suffix, OUT_DIR);
}
