/* test-figures.c: the figures over a week, a month and a fiscal year: boundaries in local
 * time, counts that agree with the sqlite3 program's, and their CSV. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "fixtures.h"
#include "mdg-csv.h"
#include "mdg-error.h"
#include "mdg-figures.h"
#include "mdg-i18n.h"
#include "mdg-introduction.h"
#include "mdg-orgs.h"
#include "mdg-period.h"
#include "mdg-store-private.h"

/* A city nine hours east of UTC: a midnight there is not a midnight in UTC. */
#define ZONE "Asia/Tokyo"

static char *dir;
static char *db;
static MdgStore *store;
static MdgFlow *flow;

static void
setup (void)
{
  g_autoptr (GError) error = NULL;

  g_setenv ("TZ", ZONE, TRUE);
  tzset ();
  mdg_i18n_init ();
  dir = fixture_tmpdir ();
  db = g_build_filename (dir, "inquiries.db", NULL);
  store = mdg_store_open (db, &error);
  cr_assert_not_null (store, "%s", error != NULL ? error->message : "");
  flow = fixture_default_flow ();
}

static void
teardown (void)
{
  g_clear_object (&store);
  g_clear_object (&flow);
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&db, g_free);
}

TestSuite (figures, .init = setup, .fini = teardown);

static gint64
local_time (int year, int month, int day, int hour, int minute, int second)
{
  g_autoptr (GDateTime) time = g_date_time_new_local (year, month, day, hour, minute, second);

  return g_date_time_to_unix (time);
}

/* An inquiry as the store writes it: its day is the local date of its moment. */
static gint64
add_inquiry (gint64      at,
             const char *purpose)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_local (at);
  g_autofree char *day = g_date_time_format (time, "%Y-%m-%d");
  g_autofree char *token = g_strdup_printf ("token-%" G_GINT64_FORMAT, at);
  g_autoptr (sqlite3_stmt) stmt = mdg_store_prepare (
    store,
    "INSERT INTO inquiry (number, day, seq, token, created_at, language, flow_version)"
    " SELECT substr (replace (?1, '-', ''), 3) || '-' || printf ('%03d', COALESCE (MAX (seq), 0) + 1),"
    " ?1, COALESCE (MAX (seq), 0) + 1, ?2, ?3, 'ja', '1' FROM inquiry WHERE day = ?1",
    NULL);
  gint64 id;

  cr_assert_not_null (stmt);
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, token, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, at);
  cr_assert (mdg_store_step_done (store, stmt, "adding", NULL));
  id = sqlite3_last_insert_rowid (mdg_store_get_db (store));
  if (purpose != NULL)
    {
      g_autoptr (sqlite3_stmt) answer = mdg_store_prepare (
        store, "INSERT INTO answer (inquiry_id, step, choice, position) VALUES (?, ?, ?, 0)", NULL);

      sqlite3_bind_int64 (answer, 1, id);
      sqlite3_bind_text (answer, 2, mdg_flow_get_role_id (flow, MDG_ROLE_PURPOSE), -1, SQLITE_STATIC);
      sqlite3_bind_text (answer, 3, purpose, -1, SQLITE_STATIC);
      cr_assert (mdg_store_step_done (store, answer, "answering", NULL));
    }
  return id;
}

static void
close_at (gint64 id,
          gint64 at)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO status_history (inquiry_id, at, field, old_value, new_value)"
    " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'status', 'connected', 'closed')",
    id, at);

  cr_assert (mdg_store_exec (store, sql, NULL));
}

static MdgFigures *
count (MdgPeriodKind kind,
       const char   *text,
       const char   *language)
{
  g_autoptr (GError) error = NULL;
  MdgPeriod period;
  MdgFigures *figures;

  cr_assert (mdg_period_parse (kind, text, &period, &error), "%s", error ? error->message : "");
  figures = mdg_figures_count (store, flow, &period, language, &error);
  cr_assert_not_null (figures, "%s", error ? error->message : "");
  return figures;
}

/* The sqlite3 program's count, over the same file, in the same zone. */
static guint
sqlite3_count (const char *sql)
{
  g_auto (GStrv) env = g_environ_setenv (g_get_environ (), "TZ", ZONE, TRUE);
  const char *argv[] = { "sqlite3", "-readonly", db, sql, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  cr_assert (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                           &status, &error),
             "%s", error ? error->message : "");
  cr_assert (WIFEXITED (status) && WEXITSTATUS (status) == 0, "sqlite3: %s", err);
  return (guint) g_ascii_strtoull (out, NULL, 10);
}

Test (figures, the_fiscal_year_turns_at_local_midnight_on_april_1)
{
  g_autoptr (MdgFigures) fy2025 = NULL;
  g_autoptr (MdgFigures) fy2026 = NULL;
  gint64 last = add_inquiry (local_time (2026, 3, 31, 23, 59, 0), "start");
  gint64 first = add_inquiry (local_time (2026, 4, 1, 0, 0, 0), "offer");

  close_at (last, local_time (2026, 3, 31, 23, 59, 59));
  close_at (first, local_time (2026, 4, 1, 0, 0, 0));
  fy2025 = count (MDG_PERIOD_FISCAL_YEAR, "2025", "en");
  fy2026 = count (MDG_PERIOD_FISCAL_YEAR, "2026", "en");

  cr_assert_eq (mdg_figures_get_total (fy2025, "inquiries", NULL), 1);
  cr_assert_eq (mdg_figures_get_total (fy2025, "purpose", "start"), 1);
  cr_assert_eq (mdg_figures_get_total (fy2025, "purpose", "offer"), 0);
  cr_assert_eq (mdg_figures_get_total (fy2025, "closed", NULL), 1);
  cr_assert_eq (mdg_figures_get_total (fy2026, "inquiries", NULL), 1);
  cr_assert_eq (mdg_figures_get_total (fy2026, "purpose", "offer"), 1);
  cr_assert_eq (mdg_figures_get_total (fy2026, "closed", NULL), 1);
  /* In the last week of one and the first of the other. */
  cr_assert_eq (mdg_figures_lookup (fy2025, "inquiries", NULL)->weeks[fy2025->weeks->len - 1], 1);
  cr_assert_eq (mdg_figures_lookup (fy2026, "inquiries", NULL)->weeks[0], 1);
  cr_assert_eq (mdg_figures_lookup (fy2026, "closed", NULL)->weeks[0], 1);
  /* With no channel column yet, each inquiry came by the kiosk. */
  cr_assert_eq (mdg_figures_get_total (fy2026, "channel", "kiosk"), 1);
  cr_assert_eq (mdg_figures_get_total (fy2026, "channel", "counter"), 0);
}

Test (figures, two_years_of_inquiries_agree_with_the_sqlite3_program)
{
  static const char *purposes[] = { "start", "join", "partners", "offer", "propose", "advice", "unsure" };
  const char *purpose_step = mdg_flow_get_role_id (flow, MDG_ROLE_PURPOSE);
  gint64 end = local_time (2027, 4, 1, 0, 0, 0);
  guint made = 0;
  g_autoptr (MdgOrg) org = NULL;
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_autofree char *number = NULL;
  gint64 id;

  /* Every 7 h 13 min from April 2025 to March 2027, so the hours wander over every day. */
  cr_assert (mdg_store_exec (store, "BEGIN", NULL));
  for (gint64 at = local_time (2025, 4, 1, 0, 0, 0); at < end; at += 7 * 3600 + 13 * 60, made++)
    add_inquiry (at, purposes[made % G_N_ELEMENTS (purposes)]);
  cr_assert (mdg_store_exec (store, "COMMIT", NULL));
  /* Introductions on both sides of the turn of the year; a second closing in a year counts once. */
  id = add_inquiry (local_time (2026, 3, 31, 23, 59, 0), NULL);
  close_at (id, local_time (2026, 4, 2, 10, 0, 0));
  close_at (id, local_time (2026, 4, 20, 10, 0, 0));
  cr_assert (mdg_store_exec (store, "INSERT INTO organisation (name, kind) VALUES ('こどもNPO', 'npo')", NULL));
  org = mdg_orgs_lookup (store, "こどもNPO", NULL);
  cr_assert_not_null (org);
  number = fixture_query_text (db, "SELECT number FROM inquiry ORDER BY id DESC LIMIT 1");
  number[strlen (number) - 1] = '\0';
  inquiry = mdg_store_lookup (store, number, NULL);
  cr_assert_not_null (inquiry);
  cr_assert (mdg_introduction_set (store, inquiry, org, NULL, local_time (2026, 3, 31, 23, 59, 30),
                                   NULL, NULL));
  cr_assert (mdg_introduction_set (store, inquiry, org, "joined", local_time (2026, 4, 1, 0, 0, 0),
                                   NULL, NULL));

  for (int year = 2025; year <= 2026; year++)
    {
      g_autofree char *text = g_strdup_printf ("%d", year);
      g_autoptr (MdgFigures) figures = count (MDG_PERIOD_FISCAL_YEAR, text, "ja");
      g_autofree char *range = g_strdup_printf (
        "created_at >= CAST (strftime ('%%s', '%d-04-01 00:00:00', 'utc') AS INTEGER)"
        " AND created_at < CAST (strftime ('%%s', '%d-04-01 00:00:00', 'utc') AS INTEGER)",
        year, year + 1);
      g_autofree char *all = g_strdup_printf ("SELECT COUNT (*) FROM inquiry WHERE %s", range);
      g_autofree char *offers = g_strdup_printf (
        "SELECT COUNT (*) FROM inquiry i JOIN answer a ON a.inquiry_id = i.id"
        " WHERE a.step = '%s' AND a.choice = 'offer' AND %s", purpose_step, range);
      const MdgFiguresRow *row = mdg_figures_lookup (figures, "inquiries", NULL);
      guint weeks_sum = 0;

      cr_assert_eq (mdg_figures_get_total (figures, "inquiries", NULL), sqlite3_count (all),
                    "FY%d", year);
      cr_assert_eq (mdg_figures_get_total (figures, "purpose", "offer"), sqlite3_count (offers),
                    "FY%d", year);
      for (guint w = 0; w < figures->weeks->len; w++)
        weeks_sum += row->weeks[w];
      cr_assert_eq (weeks_sum, row->total);
      cr_assert_eq (mdg_figures_get_total (figures, "introductions", NULL), year == 2025 ? 1 : 0);
      cr_assert_eq (mdg_figures_get_total (figures, "joined", NULL), year == 2025 ? 0 : 1);
      cr_assert_eq (mdg_figures_get_total (figures, "closed", NULL), year == 2025 ? 0 : 1);
    }
  /* Nothing falls between the years or into both. */
  {
    g_autoptr (MdgFigures) fy2025 = count (MDG_PERIOD_FISCAL_YEAR, "2025", "ja");
    g_autoptr (MdgFigures) fy2026 = count (MDG_PERIOD_FISCAL_YEAR, "2026", "ja");

    cr_assert_eq (mdg_figures_get_total (fy2025, "inquiries", NULL)
                    + mdg_figures_get_total (fy2026, "inquiries", NULL),
                  made + 1);
  }
}

static void
assert_period (MdgPeriodKind kind,
               const char   *text,
               const char   *first,
               const char   *last)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got_first = NULL;
  g_autofree char *got_last = NULL;
  MdgPeriod period;

  cr_assert (mdg_period_parse (kind, text, &period, &error), "%s: %s", text,
             error ? error->message : "");
  got_first = mdg_period_format_day (&period.first);
  got_last = mdg_period_format_day (&period.last);
  cr_assert_str_eq (got_first, first, "%s", text);
  cr_assert_str_eq (got_last, last, "%s", text);
}

Test (figures, weeks_run_monday_to_sunday_and_months_to_their_last_day)
{
  MdgPeriod period;
  g_autoptr (GArray) weeks = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  assert_period (MDG_PERIOD_WEEK, "2026-04-01", "2026-03-30", "2026-04-05"); /* a Wednesday */
  assert_period (MDG_PERIOD_WEEK, "2026-04-05", "2026-03-30", "2026-04-05"); /* its Sunday */
  assert_period (MDG_PERIOD_WEEK, "2026-04-06", "2026-04-06", "2026-04-12"); /* the next Monday */
  assert_period (MDG_PERIOD_WEEK, "2026-12-31", "2026-12-28", "2027-01-03");
  assert_period (MDG_PERIOD_MONTH, "2026-02", "2026-02-01", "2026-02-28");
  assert_period (MDG_PERIOD_MONTH, "2028-02", "2028-02-01", "2028-02-29");
  assert_period (MDG_PERIOD_MONTH, "2026-12", "2026-12-01", "2026-12-31");
  assert_period (MDG_PERIOD_FISCAL_YEAR, "2026", "2026-04-01", "2027-03-31");
  assert_period (MDG_PERIOD_DAY, "2026-04-01", "2026-04-01", "2026-04-01");

  /* FY2026 starts on a Wednesday: a short first week, 53 in all, a short last one. */
  cr_assert (mdg_period_parse (MDG_PERIOD_FISCAL_YEAR, "2026", &period, NULL));
  weeks = mdg_period_split_weeks (&period);
  cr_assert_eq (weeks->len, 53);
  first = mdg_period_format_day (&g_array_index (weeks, MdgPeriod, 0).last);
  last = mdg_period_format_day (&g_array_index (weeks, MdgPeriod, weeks->len - 1).first);
  cr_assert_str_eq (first, "2026-04-05");
  cr_assert_str_eq (last, "2027-03-29");

  /* Local midnights, here nine hours before UTC's. */
  cr_assert_eq (mdg_period_start_unix (&period), 1774969200);
  cr_assert_eq (mdg_period_end_unix (&period), 1774969200 + 365 * 86400);

  /* A week that spans two months counts its days in the month they belong to. */
  {
    gint64 sunday = add_inquiry (local_time (2026, 5, 31, 12, 0, 0), "start");
    gint64 monday = add_inquiry (local_time (2026, 6, 1, 9, 0, 0), "start");
    g_autoptr (MdgFigures) may = count (MDG_PERIOD_MONTH, "2026-05", "en");
    g_autoptr (MdgFigures) week = count (MDG_PERIOD_WEEK, "2026-05-31", "en");

    cr_assert (sunday > 0 && monday > 0);
    cr_assert_eq (mdg_figures_get_total (may, "inquiries", NULL), 1);
    cr_assert_eq (may->weeks->len, 5); /* May 2026 begins on a Friday and ends on a Sunday */
    cr_assert_eq (mdg_figures_lookup (may, "inquiries", NULL)->weeks[4], 1);
    cr_assert_eq (mdg_figures_get_total (week, "inquiries", NULL), 1);
  }
}

Test (figures, a_period_moves_back_and_forth_and_is_named_for_the_city)
{
  MdgPeriod period;
  g_autofree char *ja = NULL;
  g_autofree char *en = NULL;
  g_autofree char *id = NULL;
  g_autofree char *month = NULL;

  cr_assert (mdg_period_parse (MDG_PERIOD_FISCAL_YEAR, "2026", &period, NULL));
  ja = mdg_period_format_label (&period, "ja");
  en = mdg_period_format_label (&period, "en");
  cr_assert_str_eq (ja, "2026年度");
  cr_assert_str_eq (en, "FY2026");
  mdg_period_shift (&period, -1);
  id = mdg_period_format_id (&period);
  cr_assert_str_eq (id, "2025");

  cr_assert (mdg_period_parse (MDG_PERIOD_MONTH, "2026-01", &period, NULL));
  mdg_period_shift (&period, -1);
  month = mdg_period_format_label (&period, "ja");
  cr_assert_str_eq (month, "2025年12月");
  g_clear_pointer (&month, g_free);
  month = mdg_period_format_label (&period, "en");
  cr_assert_str_eq (month, "2025-12");

  cr_assert (mdg_period_parse (MDG_PERIOD_WEEK, "2026-04-01", &period, NULL));
  mdg_period_shift (&period, 1);
  g_clear_pointer (&id, g_free);
  id = mdg_period_format_id (&period);
  cr_assert_str_eq (id, "2026-04-06");
}

Test (figures, bad_periods_are_refused_with_the_form_they_need)
{
  struct { MdgPeriodKind kind; const char *text; } cases[] = {
    { MDG_PERIOD_FISCAL_YEAR, "26" }, { MDG_PERIOD_FISCAL_YEAR, "２０２６" },
    { MDG_PERIOD_FISCAL_YEAR, "+2026" }, { MDG_PERIOD_FISCAL_YEAR, "2026 " },
    { MDG_PERIOD_FISCAL_YEAR, "0999" }, { MDG_PERIOD_FISCAL_YEAR, "" },
    { MDG_PERIOD_MONTH, "2026-4" }, { MDG_PERIOD_MONTH, "2026-13" }, { MDG_PERIOD_MONTH, "2026-00" },
    { MDG_PERIOD_MONTH, "2026-04-01" }, { MDG_PERIOD_WEEK, "2026-02-30" },
    { MDG_PERIOD_WEEK, "2026-4-1" }, { MDG_PERIOD_WEEK, "tomorrow" }, { MDG_PERIOD_DAY, "2026/04/01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      MdgPeriod period;

      cr_assert_not (mdg_period_parse (cases[i].kind, cases[i].text, &period, &error), "“%s”",
                     cases[i].text);
      cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT));
      cr_assert_not_null (strstr (error->message, "YYYY"), "%s", error->message);
    }
  cr_assert_not (mdg_period_parse (MDG_PERIOD_FISCAL_YEAR, NULL, &(MdgPeriod) { 0 }, NULL));
}

Test (figures, the_csv_has_a_column_per_week_and_refuses_the_database)
{
  g_autoptr (MdgFigures) figures = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "fy2026.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) header = NULL;
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);

  add_inquiry (local_time (2026, 4, 1, 10, 0, 0), "offer");
  add_inquiry (local_time (2026, 4, 8, 10, 0, 0), "offer");
  figures = count (MDG_PERIOD_FISCAL_YEAR, "2026", "ja");
  cr_assert (mdg_figures_write_csv_file (figures, store, path, &error), "%s",
             error ? error->message : "");
  cr_assert (g_file_get_contents (path, &contents, NULL, NULL));
  cr_assert (g_str_has_prefix (contents, MDG_CSV_BOM "\"期間\",\"区分\",\"項目\",\"合計\",\"2026-04-01\",\"2026-04-06\","),
             "%.120s", contents);
  lines = g_strsplit (contents, "\r\n", -1);
  cr_assert_eq (g_strv_length (lines), figures->rows->len + 2, "a header, a line a figure, and the end");
  cr_assert_str_eq (lines[g_strv_length (lines) - 1], "");
  header = g_strsplit (lines[0], ",", -1);
  cr_assert_eq (g_strv_length (header), 4 + 53);
  cr_assert_str_eq (header[56], "\"2027-03-29\"");
  cr_assert (g_str_has_prefix (lines[1], "\"2026年度\",\"相談件数\",\"\",\"2\",\"1\",\"1\",\"0\","),
             "%s", lines[1]);
  cr_assert_not_null (strstr (contents, "\"2026年度\",\"目的\",\"場所・技術・資金を提供したい\",\"2\",\"1\",\"1\","));
  for (guint i = 1; lines[i][0] != '\0'; i++)
    {
      g_auto (GStrv) cells = g_strsplit (lines[i], ",", -1);

      cr_assert_eq (g_strv_length (cells), 4 + 53, "%s", lines[i]);
    }

  /* Never onto the database or its log, and the file stays as it was. */
  g_clear_error (&error);
  cr_assert_not (mdg_figures_write_csv_file (figures, store, db, &error));
  cr_assert_not_null (strstr (error->message, "database"), "%s", error->message);
  g_clear_error (&error);
  cr_assert_not (mdg_figures_write_csv_file (figures, store, wal, &error));
  cr_assert_eq (mdg_store_lookup (store, "260401-001", NULL) != NULL, TRUE);
}
