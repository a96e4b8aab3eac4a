/* bench-keyboard.c: times the on-screen keyboard: key tap and 変換 to paint, slide-in, and the
 * memory anthy adds at start. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "mdg-application.h"
#include "mdg-converter.h"
#include "mdg-i18n.h"
#include "mdg-keyboard.h"
#include "mdg-window.h"

/* Run it under a display:
 *   xvfb-run -a -s '-screen 0 1920x1080x24' dbus-run-session -- _build/tests/bench/bench-keyboard
 * It drives the real kiosk window in-process with the cairo renderer, as the tests do. */

#define RUNS 50

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

  qsort (v, ms->len, sizeof (double), compare_doubles);
  printf ("%-40s n=%-3u median %6.1f ms  p95 %6.1f ms  max %6.1f ms\n", what, ms->len,
          v[ms->len / 2], v[MIN (ms->len - 1, (guint) (ms->len * 0.95))], v[ms->len - 1]);
}

/* kB of resident memory, all and anonymous (the dictionary itself is a mapped file). */
static void
resident (long *rss,
          long *anon)
{
  g_autofree char *status = NULL;

  *rss = *anon = 0;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  for (char *line = status; line != NULL && *line != '\0';)
    {
      char *next = strchr (line, '\n');

      if (g_str_has_prefix (line, "VmRSS:"))
        *rss = atol (line + 6);
      else if (g_str_has_prefix (line, "RssAnon:"))
        *anon = atol (line + 8);
      line = next != NULL ? next + 1 : NULL;
    }
}

static void
measure_anthy (void)
{
  g_autoptr (MdgConverter) converter = NULL;
  g_auto (GStrv) candidates = NULL;
  long rss0, anon0, rss1, anon1;
  gint64 start;

  resident (&rss0, &anon0);
  start = g_get_monotonic_time ();
  converter = mdg_converter_new (NULL);
  candidates = mdg_converter_convert (converter, "やまだ", 24);
  resident (&rss1, &anon1);
  printf ("anthy at start: %.1f ms, +%ld kB resident (+%ld kB anonymous)\n",
          (g_get_monotonic_time () - start) / 1000.0, rss1 - rss0, anon1 - anon0);
}

static gboolean painted;
static gint64 layout_at; /* when the frame showing the tap began its layout */

static void
painted_cb (GdkFrameClock *clock,
            gpointer       data)
{
  painted = TRUE;
}

static void
layout_cb (GdkFrameClock *clock,
           gpointer       data)
{
  if (layout_at == 0)
    layout_at = g_get_monotonic_time ();
}

/* The work a tap costs: its action, then the frame's layout and paint, without the wait for
 * the frame clock's next tick in between. */
static GArray *work_ms;

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), NULL);

  painted = FALSE;
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

static double
time_to_paint (GtkWidget  *widget,
               const char *action,
               const char *target)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), NULL);
  gulong layout_id = g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), NULL);
  gint64 start = g_get_monotonic_time (), acted, end;
  double work;

  painted = FALSE;
  layout_at = 0;
  gtk_widget_activate_action (widget, action, target != NULL ? "s" : NULL, target);
  acted = g_get_monotonic_time ();
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  end = g_get_monotonic_time ();
  g_signal_handler_disconnect (clock, id);
  g_signal_handler_disconnect (clock, layout_id);
  work = ((acted - start) + (end - MAX (layout_at, acted))) / 1000.0;
  if (work_ms != NULL)
    g_array_append_val (work_ms, work);
  return (end - start) / 1000.0;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
to_details (MdgWindow *window)
{
  static const char *const taps[][2] = {
    { "visit.next", NULL },      { "visit.choose", "offer" }, { "visit.toggle", "children" },
    { "visit.next", NULL },      { "visit.choose", "npo" },   { "visit.toggle", "space" },
    { "visit.next", NULL },      { "visit.choose", "idea" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (taps); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), taps[i][0], taps[i][1] ? "s" : NULL,
                                  taps[i][1]);
      drain ();
    }
}

/* From the focus to the frame where the keyboard stands fully up. */
static double
time_slide_in (MdgWindow *window,
               GtkWidget *field)
{
  GtkRevealer *revealer = NULL;
  GtkWidget *keyboard;
  gint64 start = g_get_monotonic_time ();

  gtk_widget_grab_focus (field);
  keyboard = find_type (GTK_WIDGET (window), MDG_TYPE_KEYBOARD);
  while (keyboard == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      keyboard = find_type (GTK_WIDGET (window), MDG_TYPE_KEYBOARD);
    }
  revealer = GTK_REVEALER (gtk_widget_get_parent (keyboard));
  while (!gtk_revealer_get_child_revealed (revealer))
    g_main_context_iteration (NULL, TRUE);
  wait_paint (GTK_WIDGET (window));
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (MdgApplication) app = NULL;
  g_autoptr (GArray) slides = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) kana = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) letters = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) converts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) kana_work = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) letter_work = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) convert_work = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = g_dir_make_tmp ("bench-keyboard-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
  const char *reading[] = { "こ", "う", "え", "ん" };
  GtkWidget *field, *keyboard;
  MdgWindow *window;

  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", MDG_BUILD_DIR "/data", FALSE);
  g_setenv ("MADOGUCHI_LOCALEDIR", MDG_BUILD_DIR "/po", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  measure_anthy ();

  mdg_i18n_init ();
  gtk_disable_setlocale ();
  gtk_init ();
  app = g_object_new (MDG_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                      G_APPLICATION_NON_UNIQUE, "database", db, "language", "ja", NULL);
  if (!g_application_register (G_APPLICATION (app), NULL, NULL))
    return 1;
  window = mdg_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  to_details (window);
  field = find_type (GTK_WIDGET (window), GTK_TYPE_TEXT_VIEW);
  if (field == NULL)
    return 1;

  for (guint i = 0; i < 10; i++)
    {
      double ms = time_slide_in (window, field);

      g_array_append_val (slides, ms);
      gtk_root_set_focus (GTK_ROOT (window), NULL);
      keyboard = find_type (GTK_WIDGET (window), MDG_TYPE_KEYBOARD);
      while (keyboard != NULL)
        {
          g_main_context_iteration (NULL, TRUE);
          keyboard = find_type (GTK_WIDGET (window), MDG_TYPE_KEYBOARD);
        }
    }
  report ("focus to keyboard fully up, painted", slides);

  time_slide_in (window, field);
  keyboard = find_type (GTK_WIDGET (window), MDG_TYPE_KEYBOARD);
  for (guint i = 0; i < RUNS; i++)
    {
      double ms;

      work_ms = kana_work;
      for (guint k = 0; k < G_N_ELEMENTS (reading); k++)
        {
          ms = time_to_paint (keyboard, "keyboard.key", reading[k]);
          g_array_append_val (kana, ms);
        }
      work_ms = convert_work;
      ms = time_to_paint (keyboard, "keyboard.convert", NULL);
      g_array_append_val (converts, ms);
      work_ms = NULL;
      time_to_paint (keyboard, "keyboard.candidate", "公園");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field)), "", -1);
      drain ();
    }
  report ("kana key tap to painted composition", kana);
  report ("  of which work (action, layout, paint)", kana_work);
  report ("変換 (こうえん) to painted candidates", converts);
  report ("  of which work (action, layout, paint)", convert_work);

  time_to_paint (keyboard, "keyboard.layout", "abc");
  work_ms = letter_work;
  for (guint i = 0; i < RUNS * 4; i++)
    {
      double ms = time_to_paint (keyboard, "keyboard.key", "a");

      g_array_append_val (letters, ms);
      if (i % 100 == 99)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field)), "", -1);
    }
  report ("ABC key tap to painted character", letters);
  report ("  of which work (action, layout, paint)", letter_work);
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (db);
  g_rmdir (dir);
  return 0;
}
