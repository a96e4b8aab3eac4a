/* bench-orgs.c: importing a directory of 5,000 organisations from Excel's Shift_JIS CSV, and
 * suggestions for one inquiry against it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#include "mdg-i18n.h"
#include "mdg-introduction.h"
#include "mdg-orgs.h"
#include "mdg-store.h"
#include "sample-visit.h"

static int n_orgs = 5000;
static int rounds = 20;

static const GOptionEntry entries[] = {
  { "orgs", 'n', 0, G_OPTION_ARG_INT, &n_orgs, "Organisations in the CSV (5000)", "N" },
  { "rounds", 'r', 0, G_OPTION_ARG_INT, &rounds, "Times suggestions are asked for (20)", "N" },
  { NULL },
};

/* CPU time of this process, in µs: on a shared machine wall time also counts the others. */
static gint64
cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static const char *kinds[] = { "NPO・市民活動団体", "企業・事業者", "自治会・町内会", "学校・教育機関",
                               "社会福祉協議会・福祉施設" };
static const char *themes[] = { "子育て・子ども", "教育・学び", "高齢者・福祉", "環境・SDGs",
                                "まちづくり・住まい", "地域の居場所・つながり", "仕事・キャリア" };
static const char *offers[] = { "場所・スペース", "専門知識・技術", "資金・寄付", "時間・人手", "物品・設備" };
static const char *areas[] = { "中区", "西区", "南区", "港北区", "青葉区" };

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = g_option_context_new ("");
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *sjis = NULL;
  g_autoptr (GString) csv = g_string_new ("団体名,種別,分野,提供できること,地域,担当者,電話番号,"
                                          "メールアドレス,メモ,有効\r\n");
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgFlow) flow = NULL;
  g_autoptr (MdgVisit) visit = NULL;
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_autoptr (GPtrArray) rejected = g_ptr_array_new_with_free_func (g_free);
  gsize length = 0;
  guint imported = 0;
  gint64 start, cpu, best = G_MAXINT64, total = 0, cpu_total = 0;
  guint n_suggested = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  mdg_i18n_init ();
  dir = g_dir_make_tmp ("madoguchi-bench-orgs-XXXXXX", &error);
  db = g_build_filename (dir, "inquiries.db", NULL);
  store = mdg_store_open (db, &error);
  flow = mdg_flow_new_default (&error);
  if (store == NULL || flow == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (int i = 0; i < n_orgs; i++)
    g_string_append_printf (csv, "\"団体%05d\",\"%s\",\"%s、%s\",\"%s\",\"%s\",\"担当 %d\","
                                 "\"045-%03d-%04d\",\"org%d@example.jp\",\"メモ、\"\"%d\"\"\",\"%s\"\r\n",
                            i, kinds[i % G_N_ELEMENTS (kinds)], themes[i % G_N_ELEMENTS (themes)],
                            themes[(i / 7) % G_N_ELEMENTS (themes)], offers[i % G_N_ELEMENTS (offers)],
                            areas[i % G_N_ELEMENTS (areas)], i, i % 1000, i, i, i,
                            i % 13 == 0 ? "いいえ" : "はい");
  sjis = g_convert (csv->str, csv->len, "CP932", "UTF-8", NULL, &length, &error);
  if (sjis == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  cpu = cpu_time ();
  if (!mdg_orgs_import (store, flow, sjis, length, FALSE, &imported, rejected, &error))
    {
      g_printerr ("import: %s\n", error->message);
      return 1;
    }
  g_print ("import: %u organisations (%zu bytes of CP932) in %.1f ms (%.1f ms of CPU)\n",
           imported, length, (g_get_monotonic_time () - start) / 1000.0,
           (cpu_time () - cpu) / 1000.0);

  visit = sample_visit_new (flow);
  inquiry = mdg_store_record (store, visit, &error);
  if (inquiry == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (int r = 0; r < rounds; r++)
    {
      g_autoptr (GPtrArray) suggestions = NULL;
      gint64 took;

      start = g_get_monotonic_time ();
      cpu = cpu_time ();
      suggestions = mdg_introduction_suggest (store, flow, inquiry, "中区", "ja", &error);
      took = g_get_monotonic_time () - start;
      cpu_total += cpu_time () - cpu;
      if (suggestions == NULL)
        {
          g_printerr ("suggest: %s\n", error->message);
          return 1;
        }
      n_suggested = suggestions->len;
      best = MIN (best, took);
      total += took;
    }
  start = g_get_monotonic_time ();
  {
    g_autoptr (GPtrArray) all = mdg_orgs_list (store, TRUE, NULL);

    g_print ("list: %u active organisations read in %.2f ms\n", all->len,
             (g_get_monotonic_time () - start) / 1000.0);
  }
  g_print ("suggest: %u of %d organisations ranked, best %.2f ms, mean %.2f ms (%.2f ms of CPU)"
           " over %d rounds\n", n_suggested, n_orgs, best / 1000.0, total / 1000.0 / rounds,
           cpu_total / 1000.0 / rounds, rounds);
  g_clear_object (&store);
  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
