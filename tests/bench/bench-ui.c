/* bench-ui.c: times the kiosk's start to first frame, a language switch and Send to done,
 * also with a printer (MDG_BENCH_PRINTER=QUEUE) and then until the slip is printed. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "mdg-application.h"
#include "mdg-i18n.h"
#include "mdg-window.h"

/* Run it under a display and a session bus, as a kiosk session has (without one, GLib starts
 * dbus-launch on every start and adds some 30 ms to the kiosk's figure only):
 *   xvfb-run -a -s '-screen 0 1920x1080x24' dbus-run-session -- _build/tests/bench/bench-ui [RUNS]
 * It spawns _build/app/madoguchi and itself (--minimal, a bare GTK window) RUNS times each per
 * renderer, then times switches and sends in-process with the cairo renderer.
 * With --visits N it sends N scripted visits in one process and prints its RSS along the way. */

#define DEFAULT_RUNS 10

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *ms)
{
  double *v = (double *) ms->data;
  double sum = 0;

  qsort (v, ms->len, sizeof (double), compare_doubles);
  for (guint i = 0; i < ms->len; i++)
    sum += v[i];
  printf ("%-44s n=%-3u median %7.1f ms  mean %7.1f ms  p95 %7.1f ms  max %7.1f ms\n", what,
          ms->len, v[ms->len / 2], sum / ms->len, v[MIN (ms->len - 1, (guint) (ms->len * 0.95))],
          v[ms->len - 1]);
}

static double
median (GArray *ms)
{
  qsort (ms->data, ms->len, sizeof (double), compare_doubles);
  return g_array_index (ms, double, ms->len / 2);
}

/* --minimal: the yardstick, a window with one label that quits after its first frame;
 * --minimal-ja: the same label in Japanese, which loads the CJK font the welcome page needs. */
static void
minimal_painted_cb (GdkFrameClock *clock,
                    gpointer       loop)
{
  g_main_loop_quit (loop);
}

static void
minimal_realize_cb (GtkWidget *window,
                    gpointer   loop)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (minimal_painted_cb), loop);
}

static int
run_minimal (const char *text)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  GtkWidget *window;

  gtk_init ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new (text));
  g_signal_connect (window, "realize", G_CALLBACK (minimal_realize_cb), loop);
  gtk_window_present (GTK_WINDOW (window));
  g_main_loop_run (loop);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

/* Wall time from spawn to the exit that follows the first painted frame. */
static double
time_start (const char *const *argv,
            const char        *renderer)
{
  g_auto (GStrv) env = g_get_environ ();
  g_autoptr (GError) error = NULL;
  gint64 start;
  int status;

  env = g_environ_setenv (env, "GSK_RENDERER", renderer, TRUE);
  env = g_environ_setenv (env, "MADOGUCHI_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status,
                     &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-ui: %s: %s\n", argv[0], error->message);
      exit (1);
    }
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
bench_start (const char *self_path,
             const char *kiosk_path,
             const char *db,
             const char *renderer,
             guint       runs)
{
  const char *kiosk_argv[] = { kiosk_path, "--windowed", "--db", db, "--language", "ja", NULL };
  const char *minimal_argv[] = { self_path, "--minimal", NULL };
  const char *japanese_argv[] = { self_path, "--minimal-ja", NULL };
  g_autoptr (GArray) kiosk = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) minimal = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) japanese = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *what_kiosk = g_strdup_printf ("start to first frame, madoguchi (%s)", renderer);
  g_autofree char *what_minimal = g_strdup_printf ("start to first frame, bare GTK (%s)", renderer);
  g_autofree char *what_japanese = g_strdup_printf ("start to first frame, bare GTK, 日本語 (%s)",
                                                    renderer);

  /* One warm-up each, so both find the same page cache; then interleaved, so drift hits both. */
  time_start (kiosk_argv, renderer);
  time_start (minimal_argv, renderer);
  time_start (japanese_argv, renderer);
  for (guint i = 0; i < runs; i++)
    {
      double k = time_start (kiosk_argv, renderer);
      double m = time_start (minimal_argv, renderer);
      double j = time_start (japanese_argv, renderer);

      g_array_append_val (kiosk, k);
      g_array_append_val (minimal, m);
      g_array_append_val (japanese, j);
    }
  report (what_kiosk, kiosk);
  report (what_minimal, minimal);
  report (what_japanese, japanese);
  printf ("%-44s %.2f× (goal ≤ 1.3×)\n", "  madoguchi / bare GTK (medians)",
          median (kiosk) / median (minimal));
  /* What our own code adds beyond the font any Japanese text needs: */
  printf ("%-44s %.2f×\n", "  madoguchi / bare GTK in Japanese (medians)",
          median (kiosk) / median (japanese));
}

/* In-process: the time from an action to the end of the frame that shows its result. */
static gboolean painted;

static void
painted_cb (GdkFrameClock *clock,
            gpointer       data)
{
  painted = TRUE;
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static double
time_to_paint (MdgWindow  *window,
               const char *action,
               const char *target)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), NULL);
  gint64 start = g_get_monotonic_time ();

  painted = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (window), action, target != NULL ? "s" : NULL, target);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
answer_to_review (MdgWindow *window)
{
  static const char *const taps[][2] = {
    { "visit.next", NULL },        { "visit.choose", "offer" }, { "visit.toggle", "children" },
    { "visit.toggle", "town" },    { "visit.next", NULL },      { "visit.choose", "npo" },
    { "visit.toggle", "space" },   { "visit.next", NULL },      { "visit.choose", "idea" },
    { "visit.next", NULL },        { "visit.choose", "qr" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (taps); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), taps[i][0], taps[i][1] ? "s" : NULL,
                                  taps[i][1]);
      drain ();
    }
  mdg_visit_set_text (mdg_window_get_visit (window), "details", "子ども食堂を始めたい");
}

static gboolean
print_over (MdgWindow *window)
{
  MdgSlipPrinter *printer = mdg_window_get_slip_printer (window);

  MdgSlipStatus status = printer != NULL ? mdg_slip_printer_get_status (printer)
                                         : MDG_SLIP_STATUS_NONE;

  return (status == MDG_SLIP_STATUS_PRINTED || status == MDG_SLIP_STATUS_FAILED)
         && !mdg_slip_printer_is_busy (printer);
}

/* With a working printer: Send to the painted page again, and Send to the helper's `completed`. */
static void
bench_printing (MdgApplication *app,
                MdgWindow      *window,
                const char     *printer,
                guint           runs)
{
  g_autoptr (GArray) sends = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) printed = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *what = g_strdup_printf ("Send to painted done page, printer %s", printer);
  g_autofree char *what_printed = g_strdup_printf ("Send to `completed` on %s", printer);
  guint failed = 0;

  g_settings_set_string (mdg_application_get_settings (app), "printer-name", printer);
  for (guint i = 0; i < runs * 2; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms = time_to_paint (window, "visit.send", NULL), done_ms;
      gint64 deadline = start + 60 * G_USEC_PER_SEC;

      g_array_append_val (sends, ms);
      while (!print_over (window) && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      done_ms = (g_get_monotonic_time () - start) / 1000.0;
      if (mdg_slip_printer_get_status (mdg_window_get_slip_printer (window)) == MDG_SLIP_STATUS_PRINTED)
        g_array_append_val (printed, done_ms);
      else
        failed++;
      mdg_visit_reset (mdg_window_get_visit (window));
      drain ();
      answer_to_review (window);
    }
  report (what, sends);
  if (printed->len > 0)
    report (what_printed, printed);
  if (failed > 0)
    printf ("  %u of %u slips were not printed\n", failed, runs * 2);
  g_settings_set_string (mdg_application_get_settings (app), "printer-name", "");
}

/* The kiosk's window on db, full screen, in this process. */
static MdgWindow *
open_kiosk (const char      *db,
            MdgApplication **app)
{
  MdgWindow *window;

  mdg_i18n_init ();
  gtk_disable_setlocale ();
  gtk_init ();
  *app = g_object_new (MDG_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_NON_UNIQUE, "database", db, "language", "ja", NULL);
  if (!g_application_register (G_APPLICATION (*app), NULL, NULL))
    exit (1);
  window = mdg_window_new (*app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
bench_in_process (const char *db,
                  const char *printer,
                  guint       runs)
{
  g_autoptr (MdgApplication) app = NULL;
  g_autoptr (GArray) switches = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) sends = g_array_new (FALSE, FALSE, sizeof (double));
  MdgWindow *window;

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  window = open_kiosk (db, &app);
  drain ();

  /* The language switch on the busiest page: the review, with every answer listed. */
  answer_to_review (window);
  time_to_paint (window, "visit.language", "en"); /* warm-up: both languages' strings loaded */
  time_to_paint (window, "visit.language", "ja");
  for (guint i = 0; i < runs * 2; i++)
    {
      double ms = time_to_paint (window, "visit.language", i % 2 == 0 ? "en" : "ja");

      g_array_append_val (switches, ms);
    }
  report ("language switch on the review page, to paint", switches);

  for (guint i = 0; i < runs * 5; i++)
    {
      double ms = time_to_paint (window, "visit.send", NULL);

      g_array_append_val (sends, ms);
      /* Not Finish: it is held back for a moment after Send, against a stray second tap. */
      mdg_visit_reset (mdg_window_get_visit (window));
      drain ();
      answer_to_review (window);
    }
  report ("Send to painted done page", sends);
  if (printer != NULL)
    bench_printing (app, window, printer, runs);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A line of /proc/self/status, in kB: VmRSS, or RssAnon (the process's own memory, without the
 * pages of libraries and files it has touched, which a long run also grows by). */
static long
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, field)) == NULL)
    return -1;
  return strtol (line + strlen (field), NULL, 10);
}

/* --visits N: the memory a long day costs, N scripted visits sent in one kiosk process. */
static int
bench_visits (guint visits)
{
  g_autofree char *dir = g_dir_make_tmp ("madoguchi-bench-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
  g_autoptr (MdgApplication) app = NULL;
  MdgWindow *window;
  long rss_at_100 = 0;
  long anon_at_100 = 0;

  window = open_kiosk (db, &app);
  drain ();
  for (guint i = 1; i <= visits; i++)
    {
      answer_to_review (window);
      time_to_paint (window, "visit.send", NULL);
      mdg_visit_reset (mdg_window_get_visit (window));
      drain ();
      if (i == 100)
        {
          rss_at_100 = status_kb ("VmRSS:");
          anon_at_100 = status_kb ("RssAnon:");
        }
      if (i == 1 || i == 100 || i % 500 == 0 || i == visits)
        printf ("after %5u visits: RSS %ld kB, of it anonymous %ld kB\n", i,
                status_kb ("VmRSS:"), status_kb ("RssAnon:"));
    }
  if (visits > 100)
    printf ("growth from visit 100 to %u: %ld kB, anonymous %ld kB (goal ≤ 2048 kB)\n", visits,
            status_kb ("VmRSS:") - rss_at_100, status_kb ("RssAnon:") - anon_at_100);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self_path = NULL;
  g_autofree char *kiosk_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  guint runs = DEFAULT_RUNS;

  if (argc > 1 && g_str_equal (argv[1], "--minimal"))
    return run_minimal ("Hello");
  if (argc > 1 && g_str_equal (argv[1], "--minimal-ja"))
    return run_minimal ("まちのために、何かしてみませんか？");
  if (argc > 2 && g_str_equal (argv[1], "--visits"))
    {
      g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
      g_setenv ("GSETTINGS_SCHEMA_DIR", MDG_BUILD_DIR "/data", FALSE);
      g_setenv ("MADOGUCHI_LOCALEDIR", MDG_BUILD_DIR "/po", FALSE);
      g_setenv ("GTK_A11Y", "none", FALSE);
      return bench_visits (MAX (1, (guint) g_ascii_strtoull (argv[2], NULL, 10)));
    }
  if (argc > 1)
    runs = MAX (1, (guint) g_ascii_strtoull (argv[1], NULL, 10));

  /* The same environment the tests give, unless the caller chose otherwise. */
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", MDG_BUILD_DIR "/data", FALSE);
  g_setenv ("MADOGUCHI_LOCALEDIR", MDG_BUILD_DIR "/po", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("MADOGUCHI_PRINT_HELPER", MDG_BUILD_DIR "/app/print/madoguchi-print", FALSE);

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  kiosk_path = g_build_filename (MDG_BUILD_DIR, "app", "madoguchi", NULL);
  dir = g_dir_make_tmp ("madoguchi-bench-XXXXXX", NULL);
  db = g_build_filename (dir, "bench.db", NULL);

  bench_start (self_path, kiosk_path, db, "cairo", runs);
  bench_start (self_path, kiosk_path, db, "gl", runs);
  bench_in_process (db, g_getenv ("MDG_BENCH_PRINTER"), runs);

  {
    g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (dir);
  }
  return 0;
}
