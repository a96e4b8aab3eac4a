/* bench-store.c: how fast the store commits one inquiry (against raw SQLite doing the same
 * inserts with the same pragmas), and how fast a day is listed and exported from a file of a
 * million inquiries. Built by meson, run by hand: bench-store [N_INQUIRIES] [FOLDER]. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "mdg-csv.h"
#include "mdg-figures.h"
#include "mdg-i18n.h"
#include "mdg-store.h"
#include "sample-visit.h"

#define N_COMMITS 300

static const char *answers[][2] = {
  { "purpose", "start" }, { "themes", "children" }, { "themes", "disaster" },
  { "who", "neighborhood" }, { "stage", "preparing" }, { "followup", "qr" },
};

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

static void
check (int rc, sqlite3 *db, const char *what)
{
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("%s: %s", what, sqlite3_errmsg (db));
}

static void
insert_answers (sqlite3 *db, sqlite3_stmt *answer, gint64 id)
{
  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      sqlite3_reset (answer);
      sqlite3_bind_int64 (answer, 1, id);
      sqlite3_bind_text (answer, 2, answers[i][0], -1, SQLITE_STATIC);
      sqlite3_bind_text (answer, 3, answers[i][1], -1, SQLITE_STATIC);
      sqlite3_bind_int (answer, 4, i);
      check (sqlite3_step (answer), db, "answer");
    }
}

/* The same rows as mdg_store_record writes, with prepared statements and no object layer. */
static void
raw_commit (sqlite3 *db, sqlite3_stmt *next, sqlite3_stmt *inquiry, sqlite3_stmt *answer,
            const char *day, guint serial)
{
  g_autofree char *number = NULL;
  g_autofree char *token = g_strdup_printf ("raw-token-%010u-xxxxxx", serial);
  gint64 seq, id;

  check (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), db, "begin");
  sqlite3_reset (next);
  sqlite3_bind_text (next, 1, day, -1, SQLITE_STATIC);
  check (sqlite3_step (next), db, "next");
  seq = sqlite3_column_int64 (next, 0);
  number = g_strdup_printf ("%c%c%c%c%c%c-%03" G_GINT64_FORMAT, day[2], day[3], day[5], day[6],
                            day[8], day[9], seq);
  sqlite3_reset (inquiry);
  sqlite3_bind_text (inquiry, 1, number, -1, SQLITE_STATIC);
  sqlite3_bind_text (inquiry, 2, day, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (inquiry, 3, seq);
  sqlite3_bind_text (inquiry, 4, token, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (inquiry, 5, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (inquiry, 6, "防災訓練を子ども向けに開きたい", -1, SQLITE_STATIC);
  check (sqlite3_step (inquiry), db, "inquiry");
  id = sqlite3_last_insert_rowid (db);
  insert_answers (db, answer, id);
  check (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), db, "commit");
}

static sqlite3_stmt *
prepare (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  check (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), db, sql);
  return stmt;
}

static const char insert_inquiry[] =
  "INSERT INTO inquiry (number, day, seq, token, created_at, language, flow_version, details,"
  " followup) VALUES (?1, ?2, ?3, ?4, ?5, 'ja', '1', ?6, 'qr')";
static const char insert_answer[] =
  "INSERT INTO answer (inquiry_id, step, choice, position) VALUES (?, ?, ?, ?)";

static void
bench_commits (const char *folder, MdgFlow *flow)
{
  g_autofree char *store_path = g_build_filename (folder, "commit-store.db", NULL);
  g_autofree char *raw_path = g_build_filename (folder, "commit-raw.db", NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgStore) schema = NULL;
  g_autoptr (MdgVisit) visit = sample_visit_new (flow);
  g_autoptr (GError) error = NULL;
  double store_ms[N_COMMITS], raw_ms[N_COMMITS];
  sqlite3 *raw = NULL;
  sqlite3_stmt *next, *inquiry, *answer;
  double store_median, raw_median;

  store = mdg_store_open (store_path, &error);
  schema = store != NULL ? mdg_store_open (raw_path, &error) : NULL;
  if (schema == NULL)
    g_error ("%s", error->message);
  g_clear_object (&schema);

  check (sqlite3_open (raw_path, &raw), raw, "open");
  check (sqlite3_exec (raw,
                       "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
                       " PRAGMA secure_delete = ON;",
                       NULL, NULL, NULL),
         raw, "pragmas");
  next = prepare (raw, "SELECT COALESCE (MAX (seq), 0) + 1 FROM inquiry WHERE day = ?");
  inquiry = prepare (raw, insert_inquiry);
  answer = prepare (raw, insert_answer);

  /* Interleaved, so both see the same disk weather. */
  for (guint i = 0; i < N_COMMITS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr (MdgInquiry) recorded = mdg_store_record (store, visit, &error);

      if (recorded == NULL)
        g_error ("%s", error->message);
      store_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      start = g_get_monotonic_time ();
      raw_commit (raw, next, inquiry, answer, day, i);
      raw_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  sqlite3_finalize (next);
  sqlite3_finalize (inquiry);
  sqlite3_finalize (answer);
  sqlite3_close (raw);

  store_median = percentile (store_ms, N_COMMITS, 0.5);
  raw_median = percentile (raw_ms, N_COMMITS, 0.5);
  g_print ("commit of one inquiry (%d runs, synchronous=FULL, WAL)\n", N_COMMITS);
  g_print ("  mdg_store_record   median %7.3f ms   p99 %7.3f ms\n", store_median,
           percentile (store_ms, N_COMMITS, 0.99));
  g_print ("  raw sqlite3        median %7.3f ms   p99 %7.3f ms\n", raw_median,
           percentile (raw_ms, N_COMMITS, 0.99));
  g_print ("  ratio (median)     %.2f×   (goal ≤ 1.2×)\n", store_median / raw_median);
}

/* One transaction of prepared inserts, 20 to 100 inquiries a day going back from today. */
static GPtrArray *
generate (const char *path, guint n_inquiries)
{
  g_autoptr (GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  GDate *date = g_date_new ();
  sqlite3 *db = NULL;
  sqlite3_stmt *inquiry, *answer, *contact;
  guint made = 0;
  gint64 start = g_get_monotonic_time ();

  g_date_set_time_t (date, time (NULL));
  check (sqlite3_open (path, &db), db, "open");
  check (sqlite3_exec (db,
                       "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                       " PRAGMA cache_size = -1000000; BEGIN",
                       NULL, NULL, NULL),
         db, "generate");
  inquiry = prepare (db, insert_inquiry);
  answer = prepare (db, insert_answer);
  contact = prepare (db, "INSERT INTO contact (inquiry_id, consent_at, name, phone, email)"
                         " VALUES (?, ?, '横浜 花子', '045-671-2085', 'hanako@example.jp')");
  while (made < n_inquiries)
    {
      char day[11];
      guint per_day = g_rand_int_range (rand, 20, 101);

      g_date_strftime (day, sizeof day, "%Y-%m-%d", date);
      g_ptr_array_add (days, g_strdup (day));
      for (guint seq = 1; seq <= per_day && made < n_inquiries; seq++, made++)
        {
          char number[16], token[32];
          gint64 id;

          g_snprintf (number, sizeof number, "%c%c%c%c%c%c-%03u", day[2], day[3], day[5], day[6],
                      day[8], day[9], seq);
          g_snprintf (token, sizeof token, "%08x%08x%06u", g_rand_int (rand), g_rand_int (rand), made);
          sqlite3_reset (inquiry);
          sqlite3_bind_text (inquiry, 1, number, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (inquiry, 2, day, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (inquiry, 3, seq);
          sqlite3_bind_text (inquiry, 4, token, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (inquiry, 5, (gint64) (g_date_get_julian (date) - 719163) * 86400 + 36000 + seq * 60);
          sqlite3_bind_text (inquiry, 6, seq % 3 ? "" : "子ども食堂を始めたい", -1, SQLITE_STATIC);
          check (sqlite3_step (inquiry), db, "inquiry");
          id = sqlite3_last_insert_rowid (db);
          insert_answers (db, answer, id);
          if (seq % 5 == 0)
            {
              sqlite3_reset (contact);
              sqlite3_bind_int64 (contact, 1, id);
              sqlite3_bind_int64 (contact, 2, g_get_real_time () / G_USEC_PER_SEC);
              check (sqlite3_step (contact), db, "contact");
            }
        }
      g_date_subtract_days (date, 1);
    }
  sqlite3_finalize (inquiry);
  sqlite3_finalize (answer);
  sqlite3_finalize (contact);
  check (sqlite3_exec (db, "COMMIT; PRAGMA journal_mode = WAL", NULL, NULL, NULL), db, "commit");
  sqlite3_close (db);
  g_date_free (date);
  g_print ("generated %u inquiries over %u days in %.1f s\n", made, days->len,
           (g_get_monotonic_time () - start) / 1e6);
  return g_steal_pointer (&days);
}

/* The year's figures the center reports to the city, over the fiscal year that holds today and
 * over the widest period the file has (every inquiry in one count). */
static void
bench_figures (MdgStore *store, MdgFlow *flow, guint n_inquiries)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GError) error = NULL;
  double ms[5];
  guint counted = 0;
  MdgPeriod period;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  mdg_period_containing (MDG_PERIOD_FISCAL_YEAR, &today, &period);
  for (guint i = 0; i < G_N_ELEMENTS (ms); i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr (MdgFigures) figures = mdg_figures_count (store, flow, &period, "ja", &error);

      if (figures == NULL)
        g_error ("%s", error->message);
      ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      counted = mdg_figures_get_total (figures, "inquiries", NULL);
    }
  g_print ("  fiscal-year figures median %7.1f ms   max %7.1f ms   (%u of %u inquiries in the year)\n",
           percentile (ms, G_N_ELEMENTS (ms), 0.5), percentile (ms, G_N_ELEMENTS (ms), 1.0), counted,
           n_inquiries);
}

static void
bench_big_file (const char *folder, MdgFlow *flow, guint n_inquiries)
{
  g_autofree char *path = g_build_filename (folder, "million.db", NULL);
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (GPtrArray) days = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  double list_ms[50], export_ms[50];
  gint64 start;
  gsize exported = 0;
  struct stat st;

  store = mdg_store_open (path, &error); /* the schema, then closed for the raw generator */
  if (store == NULL)
    g_error ("%s", error->message);
  g_clear_object (&store);
  days = generate (path, n_inquiries);

  start = g_get_monotonic_time ();
  store = mdg_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  g_print ("opening it: %.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);

  for (guint i = 0; i < G_N_ELEMENTS (list_ms); i++)
    {
      const char *day = g_ptr_array_index (days, g_rand_int_range (rand, 0, days->len));
      g_autoptr (GPtrArray) listed = NULL;
      g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();

      start = g_get_monotonic_time ();
      listed = mdg_store_list_day (store, day, &error);
      list_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (listed == NULL || listed->len < 20)
        g_error ("listing %s: %s", day, error ? error->message : "too few rows");

      start = g_get_monotonic_time ();
      if (!mdg_csv_export_days (store, flow, day, day, "ja", out, &error))
        g_error ("%s", error->message);
      export_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      exported = MAX (exported, g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
    }
  g_print ("with %u inquiries in the file, one day (20-100 inquiries), %u random days:\n",
           n_inquiries, (guint) G_N_ELEMENTS (list_ms));
  g_print ("  list one day       median %7.3f ms   max %7.3f ms   (goal ≤ 50 ms)\n",
           percentile (list_ms, G_N_ELEMENTS (list_ms), 0.5),
           percentile (list_ms, G_N_ELEMENTS (list_ms), 1.0));
  g_print ("  export one day     median %7.3f ms   max %7.3f ms   (goal ≤ 50 ms; CSV up to %zu bytes)\n",
           percentile (export_ms, G_N_ELEMENTS (export_ms), 0.5),
           percentile (export_ms, G_N_ELEMENTS (export_ms), 1.0), exported);
  bench_figures (store, flow, n_inquiries);
  g_clear_object (&store);
  if (g_stat (path, &st) == 0)
    g_print ("  file size          %.1f MB (%.0f bytes per inquiry)\n", st.st_size / 1e6,
             (double) st.st_size / n_inquiries);
}

int
main (int   argc,
      char *argv[])
{
  guint n_inquiries = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  g_autofree char *folder = argc > 2 ? g_strdup (argv[2]) : g_dir_make_tmp ("bench-store-XXXXXX", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgFlow) flow = NULL;

  mdg_i18n_init ();
  mdg_i18n_set_language ("ja");
  flow = mdg_flow_new_default (&error);
  if (flow == NULL || folder == NULL || n_inquiries == 0)
    g_error ("usage: bench-store [N_INQUIRIES] [FOLDER]: %s", error ? error->message : "");
  g_print ("bench-store: files in %s\n", folder);
  bench_commits (folder, flow);
  bench_big_file (folder, flow, n_inquiries);
  return 0;
}
