/* bench-desk.c: how fast the staff desk opens a day with a million inquiries in the file. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <sqlite3.h>
#include <time.h>

#include "mdg-application.h"
#include "mdg-desk.h"
#include "mdg-i18n.h"
#include "mdg-inquiry-list.h"
#include "mdg-store.h"
#include "mdg-window.h"

static int n_inquiries = 1000000;
static int n_days = 1000;
static char *db_path = NULL;
static gboolean keep = FALSE;
static gboolean render = FALSE;

static const GOptionEntry entries[] = {
  { "inquiries", 'n', 0, G_OPTION_ARG_INT, &n_inquiries, "Inquiries to generate (1000000)", "N" },
  { "days", 'd', 0, G_OPTION_ARG_INT, &n_days, "Days they are spread over, ending today (1000)", "D" },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Use this file (generated if it does not exist)", "PATH" },
  { "keep", 'k', 0, G_OPTION_ARG_NONE, &keep, "Keep the generated file", NULL },
  { "render", 'r', 0, G_OPTION_ARG_NONE, &render, "Also time the desk's first frame (needs a display)", NULL },
  { NULL },
};

static const char *purposes[] = { "start", "join", "partners", "offer", "propose", "advice", "unsure" };
static const char *themes[] = { "children", "education", "elderly", "disability", "disaster", "environment",
                                "town", "culture", "multicultural", "belonging", "work", "other" };
static const char *whos[] = { "individual", "npo", "company", "neighborhood", "school", "welfare", "other" };
static const char *stages[] = { "idea", "preparing", "active", "growing" };
static const char *followups[] = { "qr", "qr", "contact", "now" };
static const char *statuses[] = { "new", "in-progress", "connected", "closed", "closed" };
static const char *coordinators[] = { "山田", "佐藤", "鈴木", "高橋" };
static const char *details[] = { "", "子ども食堂を始めたい", "空き店舗を地域に開きたい",
                                 "防災訓練を町内会と一緒にしたい", "" };

static void
check (int rc, sqlite3 *db, const char *doing)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("%s: %s", doing, sqlite3_errmsg (db));
}

static void
add_answer (sqlite3_stmt *stmt, gint64 id, const char *step, const char *choice, int position)
{
  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, step, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, choice, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, position);
  check (sqlite3_step (stmt), sqlite3_db_handle (stmt), "answer");
}

/* One transaction, prepared statements; the days end today so the desk opens on a full day. */
static void
generate (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = mdg_store_open (path, &error);
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261129);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now),
                                                           g_date_time_get_month (now),
                                                           g_date_time_get_day_of_month (now), 9, 0, 0);
  sqlite3 *db = NULL;
  sqlite3_stmt *inquiry, *answer, *contact;
  gint64 start = g_get_monotonic_time ();
  int per_day = MAX (n_inquiries / n_days, 1);

  if (store == NULL)
    g_error ("%s", error->message);
  g_clear_object (&store);
  check (sqlite3_open (path, &db), db, "open");
  check (sqlite3_exec (db, "PRAGMA synchronous = OFF; BEGIN", NULL, NULL, NULL), db, "begin");
  check (sqlite3_prepare_v2 (db,
                             "INSERT INTO inquiry (id, number, day, seq, token, created_at, language,"
                             " flow_version, details, followup, status, coordinator, meeting, printed)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, '1', ?, ?, ?, ?, ?, 1)",
                             -1, &inquiry, NULL), db, "prepare");
  check (sqlite3_prepare_v2 (db, "INSERT INTO answer (inquiry_id, step, choice, position) VALUES (?, ?, ?, ?)",
                             -1, &answer, NULL), db, "prepare");
  check (sqlite3_prepare_v2 (db, "INSERT INTO contact (inquiry_id, consent_at, name, phone)"
                             " VALUES (?, ?, '市民 太郎', '045-000-0000')", -1, &contact, NULL), db, "prepare");

  for (int i = 0; i < n_inquiries; i++)
    {
      int day_index = n_days - 1 - i / per_day;
      int seq = i % per_day + 1;
      g_autoptr (GDateTime) day = g_date_time_add_days (midnight, -day_index);
      g_autoptr (GDateTime) at = g_date_time_add_seconds (day, (double) seq * 9 * 3600 / per_day);
      g_autofree char *date = g_date_time_format (at, "%Y-%m-%d");
      g_autofree char *prefix = g_date_time_format (at, "%y%m%d");
      g_autofree char *number = g_strdup_printf ("%s-%03d", prefix, seq);
      g_autofree char *token = g_strdup_printf ("bench-%d", i);
      const char *followup = followups[g_rand_int_range (rand, 0, G_N_ELEMENTS (followups))];
      int n_themes = g_rand_int_range (rand, 1, 4);
      gint64 id = i + 1;

      if (day_index < 0)
        break;
      sqlite3_reset (inquiry);
      sqlite3_bind_int64 (inquiry, 1, id);
      sqlite3_bind_text (inquiry, 2, number, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (inquiry, 3, date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (inquiry, 4, seq);
      sqlite3_bind_text (inquiry, 5, token, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (inquiry, 6, g_date_time_to_unix (at));
      sqlite3_bind_text (inquiry, 7, g_rand_boolean (rand) ? "ja" : "en", -1, SQLITE_STATIC);
      sqlite3_bind_text (inquiry, 8, details[g_rand_int_range (rand, 0, G_N_ELEMENTS (details))], -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (inquiry, 9, followup, -1, SQLITE_STATIC);
      sqlite3_bind_text (inquiry, 10, day_index == 0 ? "new"
                                      : statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))],
                         -1, SQLITE_STATIC);
      if (day_index > 0 && g_rand_boolean (rand))
        sqlite3_bind_text (inquiry, 11, coordinators[g_rand_int_range (rand, 0, G_N_ELEMENTS (coordinators))],
                           -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (inquiry, 11);
      sqlite3_bind_int (inquiry, 12, g_rand_int_range (rand, 0, 10) == 0);
      check (sqlite3_step (inquiry), db, "inquiry");

      add_answer (answer, id, "purpose", purposes[g_rand_int_range (rand, 0, G_N_ELEMENTS (purposes))], 0);
      for (int t = 0, first = g_rand_int_range (rand, 0, G_N_ELEMENTS (themes)); t < n_themes; t++)
        add_answer (answer, id, "themes", themes[(first + t * 5) % G_N_ELEMENTS (themes)], t);
      add_answer (answer, id, "who", whos[g_rand_int_range (rand, 0, G_N_ELEMENTS (whos))], 0);
      add_answer (answer, id, "stage", stages[g_rand_int_range (rand, 0, G_N_ELEMENTS (stages))], 0);
      add_answer (answer, id, "followup", followup, 0);
      if (g_str_equal (followup, "contact"))
        {
          sqlite3_reset (contact);
          sqlite3_bind_int64 (contact, 1, id);
          sqlite3_bind_int64 (contact, 2, g_date_time_to_unix (at));
          check (sqlite3_step (contact), db, "contact");
        }
    }
  sqlite3_finalize (inquiry);
  sqlite3_finalize (answer);
  sqlite3_finalize (contact);
  check (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), db, "commit");
  sqlite3_close (db);
  g_print ("generated %d inquiries over %d days (%d a day) in %.1f s\n", n_inquiries, n_days, per_day,
           (g_get_monotonic_time () - start) / 1e6);
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static gboolean frame_done;

static void
after_paint_cb (GdkFrameClock *clock, gpointer data)
{
  frame_done = TRUE;
}

/* Runs the main loop until the window's next frame is painted. */
static void
wait_for_frame (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  frame_done = FALSE;
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  while (!frame_done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, NULL);
}

/* The rows of the desk's day that its filters let through, shown or not yet. */
static guint
n_rows (MdgDesk *desk)
{
  GtkSliceListModel *shown = GTK_SLICE_LIST_MODEL (
    gtk_single_selection_get_model (GTK_SINGLE_SELECTION (mdg_desk_get_rows (desk))));

  return g_list_model_get_n_items (gtk_slice_list_model_get_model (shown));
}

/* The desk inside a window, from construction to its first painted frame. */
static double
time_first_frame (const char *path)
{
  g_autoptr (MdgApplication) app = NULL;
  GtkWidget *kiosk;
  GtkWidget *window;
  MdgDesk *desk;
  gint64 start;
  double ms;

  app = g_object_new (MDG_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                      G_APPLICATION_NON_UNIQUE, "database", path, "language", "ja", NULL);
  if (!g_application_register (G_APPLICATION (app), NULL, NULL))
    g_error ("cannot register the application");
  /* A desk opens in a kiosk that has shown its welcome page and then the PIN pad, minutes
   * after it started: their fonts, GL programs and the icon theme (read on a thread from the
   * start) are there already, and are not the desk's to pay. */
  kiosk = GTK_WIDGET (mdg_window_new (app));
  gtk_window_set_default_size (GTK_WINDOW (kiosk), 1920, 1080);
  gtk_window_present (GTK_WINDOW (kiosk));
  wait_for_frame (kiosk);
  gtk_widget_activate_action (kiosk, "staff.open", NULL);
  wait_for_frame (kiosk);
  gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (kiosk)),
                           "object-select-symbolic");
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* The first build also pays for fonts and styles; the second shows the desk's own cost. */
  for (int round = 0; round < 2; round++)
    {
      double cpu, frame_cpu, longest = 0;
      guint frames = 0;

      if (round > 0)
        {
          /* Taking the first desk down is not part of opening the second. */
          cpu = cpu_ms ();
          gtk_window_set_child (GTK_WINDOW (window), NULL);
          while (g_main_context_iteration (NULL, FALSE))
            ;
          g_print ("  the first desk taken down: %.1f ms CPU\n", cpu_ms () - cpu);
        }
      cpu = cpu_ms ();
      start = g_get_monotonic_time ();
      desk = mdg_desk_new (mdg_application_get_store (app), mdg_application_get_flow (app),
                           mdg_application_get_settings (app));
      g_print ("  desk constructed: %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);
      gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (desk));
      wait_for_frame (window);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_print ("desk rows: %u; built and first frame painted (%s): %.1f ms wall, %.1f ms CPU\n",
               g_list_model_get_n_items (mdg_desk_get_rows (desk)), round == 0 ? "cold" : "warm", ms,
               cpu_ms () - cpu);
      /* The desk binds the rest of the day over its next frames: time those too. */
      while (g_list_model_get_n_items (mdg_desk_get_rows (desk)) < n_rows (desk) || frames == 0)
        {
          frame_cpu = cpu_ms ();
          wait_for_frame (window);
          longest = MAX (longest, cpu_ms () - frame_cpu);
          frames++;
        }
      g_print ("  then all %u rows bound and painted: %.1f ms wall after the start, in %u more frames,"
               " the longest %.1f ms CPU\n",
               g_list_model_get_n_items (mdg_desk_get_rows (desk)), (g_get_monotonic_time () - start) / 1000.0,
               frames, longest);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (kiosk));
  return ms;
}

int
main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new ("— time opening the staff desk's day");
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  double times[7];
  gint64 start;

  mdg_i18n_init ();
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-desk: %s\n", error->message);
      return 1;
    }
  if (db_path != NULL)
    path = g_strdup (db_path);
  else
    {
      dir = g_dir_make_tmp ("madoguchi-bench-XXXXXX", &error);
      if (dir == NULL)
        g_error ("%s", error->message);
      path = g_build_filename (dir, "inquiries.db", NULL);
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    generate (path);

  start = g_get_monotonic_time ();
  store = mdg_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  g_print ("opening the store (with its integrity check): %.1f ms\n",
           (g_get_monotonic_time () - start) / 1000.0);

  /* Today and six earlier days, each opened cold in this connection. */
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr (GDateTime) day = g_date_time_add_days (now, -(int) i * 37);
      g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");
      g_autoptr (MdgInquiryList) list = NULL;

      start = g_get_monotonic_time ();
      list = mdg_inquiry_list_new (store, text, &error);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (list == NULL)
        g_error ("%s", error->message);
      g_print ("  day %s: %u inquiries in %.2f ms\n", text, g_list_model_get_n_items (G_LIST_MODEL (list)),
               times[i]);
    }
  qsort (times, G_N_ELEMENTS (times), sizeof times[0], compare_doubles);
  g_print ("day list model: median %.2f ms, worst %.2f ms (goal ≤ 50 ms)\n", times[G_N_ELEMENTS (times) / 2],
           times[G_N_ELEMENTS (times) - 1]);
  g_clear_object (&store);

  if (render)
    {
      gtk_disable_setlocale ();
      if (!gtk_init_check ())
        g_printerr ("bench-desk: no display, skipping the first frame\n");
      else
        time_first_frame (path);
    }

  if (!keep && db_path == NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
      g_unlink (path);
      g_rmdir (dir);
    }
  else
    g_print ("kept %s\n", path);
  return 0;
}
