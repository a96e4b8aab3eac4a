/* test-orgs.c: the organisations directory and its CSV (Excel's Shift_JIS too), introductions
 * with their history, suggestions, the meeting agenda, and the admin commands over them. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "fixtures.h"
#include "mdg-agenda.h"
#include "mdg-csv.h"
#include "mdg-desk-store.h"
#include "mdg-i18n.h"
#include "mdg-introduction.h"
#include "mdg-orgs.h"

static char *dir;
static char *db;

static void
setup (void)
{
  mdg_i18n_init ();
  dir = fixture_tmpdir ();
  db = g_build_filename (dir, "inquiries.db", NULL);
}

static void
teardown (void)
{
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&db, g_free);
}

TestSuite (orgs, .init = setup, .fini = teardown);

static MdgStore *
open_store (const char *path)
{
  g_autoptr (GError) error = NULL;
  MdgStore *store = mdg_store_open (path, &error);

  cr_assert_not_null (store, "%s", error ? error->message : "");
  return store;
}

static MdgInquiry *
record (MdgStore   *store,
        MdgFlow    *flow,
        const char *purpose)
{
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (GError) error = NULL;
  MdgInquiry *inquiry;

  fixture_answer_default (visit, purpose);
  inquiry = mdg_store_record (store, visit, &error);
  cr_assert_not_null (inquiry, "%s", error ? error->message : "");
  return inquiry;
}

/* Imports UTF-8 text; returns whether it succeeded, with the rejected rows. */
static gboolean
import_text (MdgStore   *store,
             MdgFlow    *flow,
             const char *text,
             gboolean    skip_bad,
             guint      *n,
             GPtrArray  *rejected,
             GError    **error)
{
  return mdg_orgs_import (store, flow, text, strlen (text), skip_bad, n, rejected, error);
}

static void
import_ok (MdgStore   *store,
           MdgFlow    *flow,
           const char *text)
{
  g_autoptr (GPtrArray) rejected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;

  cr_assert (import_text (store, flow, text, FALSE, NULL, rejected, &error), "%s",
             error ? error->message : "");
  cr_assert_eq (rejected->len, 0);
}

/* The directory as text, one line per organisation, to compare two of them. */
static char *
dump (MdgStore *store)
{
  g_autoptr (GPtrArray) orgs = mdg_orgs_list (store, FALSE, NULL);
  GString *text = g_string_new (NULL);

  cr_assert_not_null (orgs);
  for (guint i = 0; i < orgs->len; i++)
    {
      MdgOrg *o = g_ptr_array_index (orgs, i);
      g_autofree char *themes = g_strjoinv (";", o->themes);
      g_autofree char *offers = g_strjoinv (";", o->offers);

      g_string_append_printf (text, "%s|%s|%s|%s|%s|%s|%s|%s|%s|%d\n", o->name, o->kind, themes,
                              offers, o->area, o->contact, o->phone, o->email, o->notes, o->active);
    }
  return g_string_free (text, FALSE);
}

Test (orgs, imports_200_rows_of_shift_jis_as_excel_writes_them)
{
  g_autoptr (MdgStore) store = open_store (db);
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (GString) csv = g_string_new (
    "\"団体名\",\"種別\",\"分野\",\"提供できること\",\"地域\",\"担当者\",\"電話番号\","
    "\"メールアドレス\",\"メモ\",\"有効\"\r\n");
  g_autoptr (GPtrArray) rejected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) orgs = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sjis = NULL;
  gsize length = 0;
  guint n = 0;
  MdgOrg *first;

  for (guint i = 1; i <= 200; i++)
    g_string_append_printf (csv,
                            "\"みなと子育てネット①-%03u\",\"NPO・市民活動団体\","
                            "\"子育て・子ども、教育・学び\",\"場所・スペース;Time and hands\","
                            "\"中区\",\"山田 太郎\",\"045-000-%04u\",\"info%u@example.jp\","
                            "\"毎週火曜、\"\"定例\"\"あり\r\n二行目\",\"%s\"\r\n",
                            i, i, i, i % 10 == 0 ? "いいえ" : "はい");
  sjis = g_convert (csv->str, csv->len, "CP932", "UTF-8", NULL, &length, &error);
  cr_assert_not_null (sjis, "%s", error ? error->message : "");
  cr_assert_not (g_utf8_validate_len (sjis, length, NULL), "the test file must not be UTF-8");

  cr_assert (mdg_orgs_import (store, flow, sjis, length, FALSE, &n, rejected, &error), "%s",
             error ? error->message : "");
  cr_assert_eq (n, 200);
  cr_assert_eq (rejected->len, 0);
  orgs = mdg_orgs_list (store, FALSE, NULL);
  cr_assert_eq (orgs->len, 200);
  first = g_ptr_array_index (orgs, 0);
  cr_assert_str_eq (first->name, "みなと子育てネット①-001");
  cr_assert_str_eq (first->kind, "npo");
  cr_assert_eq (g_strv_length (first->themes), 2);
  cr_assert_str_eq (first->themes[0], "children");
  cr_assert_str_eq (first->themes[1], "education");
  cr_assert_str_eq (first->offers[0], "space");
  cr_assert_str_eq (first->offers[1], "time");
  cr_assert_str_eq (first->area, "中区");
  cr_assert_str_eq (first->notes, "毎週火曜、\"定例\"あり\r\n二行目");
  cr_assert (first->active);
  cr_assert_not (((MdgOrg *) g_ptr_array_index (orgs, 9))->active, "row 10 says いいえ");
  g_ptr_array_unref (g_steal_pointer (&orgs));
  orgs = mdg_orgs_list (store, TRUE, NULL);
  cr_assert_eq (orgs->len, 180);
}

Test (orgs, one_bad_row_changes_nothing_and_is_named_by_its_line)
{
  g_autoptr (MdgStore) store = open_store (db);
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (GPtrArray) rejected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n = 99;

  import_ok (store, flow, MDG_CSV_BOM "name,kind,themes,active\r\nA,npo,children,1\r\nB,,,\r\n");
  before = dump (store);
  /* Line 4 names a theme the flow does not offer; line 3's note spans two lines. */
  cr_assert_not (import_text (store, flow,
                              "name,kind,themes,notes,active\n"
                              "A,company,environment,\"\",0\n"
                              "C,school,education,\"two\nlines\",yes\n"
                              "D,npo,gardening,,yes\n"
                              "E,npo,children,,\n",
                              FALSE, &n, rejected, &error));
  cr_assert_eq (n, 0);
  cr_assert_eq (rejected->len, 1);
  cr_assert_str_eq (g_ptr_array_index (rejected, 0),
                    "line 5: themes “gardening” is not one of the flow's choices (themes)");
  cr_assert_not_null (strstr (error->message, "nothing imported"), "%s", error->message);
  cr_assert_not_null (strstr (error->message, "line 5"), "%s", error->message);
  after = dump (store);
  cr_assert_str_eq (after, before);

  /* With skip_bad the valid rows go in, A updated by name; columns not in the file stay. */
  g_ptr_array_set_size (rejected, 0);
  g_clear_error (&error);
  cr_assert (import_text (store, flow,
                          "団体名,種別,有効\nA,企業・事業者,いいえ\nB,nonsense,\nC,学校・教育機関,maybe\n",
                          TRUE, &n, rejected, &error));
  cr_assert_eq (n, 1);
  cr_assert_eq (rejected->len, 2);
  cr_assert_str_eq (g_ptr_array_index (rejected, 0),
                    "line 3: kind “nonsense” is not one of the flow's choices (who)");
  cr_assert_str_eq (g_ptr_array_index (rejected, 1),
                    "line 4: active “maybe” is not 1/0, yes/no or はい/いいえ");
  g_free (after);
  after = dump (store);
  cr_assert_str_eq (after, "A|company|children||(null)|(null)|(null)|(null)|(null)|0\n"
                           "B|(null)|||(null)|(null)|(null)|(null)|(null)|1\n");
}

Test (orgs, refuses_a_bad_header_a_duplicate_name_and_an_empty_file)
{
  g_autoptr (MdgStore) store = open_store (db);
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (GPtrArray) rejected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;

  cr_assert_not (import_text (store, flow, "name,colour\nA,red\n", FALSE, NULL, rejected, &error));
  cr_assert_not_null (strstr (error->message, "line 1: unknown column “colour”"), "%s",
                      error->message);
  g_clear_error (&error);
  cr_assert_not (import_text (store, flow, "kind\nnpo\n", FALSE, NULL, rejected, &error));
  cr_assert_not_null (strstr (error->message, "no name"), "%s", error->message);
  g_clear_error (&error);
  cr_assert_not (import_text (store, flow, "\r\n\r\n", FALSE, NULL, rejected, &error));
  cr_assert_not_null (strstr (error->message, "empty"), "%s", error->message);
  g_clear_error (&error);
  cr_assert_not (import_text (store, flow, "name\nA\nB\nA\n", FALSE, NULL, rejected, &error));
  cr_assert_str_eq (g_ptr_array_index (rejected, 0), "line 4: “A” is already on line 2");
  g_clear_error (&error);
  cr_assert_not (mdg_orgs_import (store, flow, "\xff\xfe" "n\0a\0", 6, FALSE, NULL, rejected, &error));
  cr_assert_not_null (strstr (error->message, "NUL"), "%s", error->message);
}

Test (orgs, export_reimports_to_the_same_directory)
{
  g_autoptr (MdgStore) store = open_store (db);
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autofree char *other_db = g_build_filename (dir, "other.db", NULL);
  g_autoptr (MdgStore) other = open_store (other_db);
  g_autofree char *csv = g_build_filename (dir, "orgs.csv", NULL);
  g_autofree char *en_csv = g_build_filename (dir, "orgs-en.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *copy = NULL;
  g_autoptr (GError) error = NULL;
  gsize length = 0;

  import_ok (store, flow,
             "name,kind,themes,offers,area,contact,phone,email,notes,active\n"
             "みなと子育てネット,npo,children;belonging,space;time,中区,山田,+81-45-000,"
             "a@example.jp,\"=1+1, \"\"quoted\"\"\",1\n"
             "Harbour Trading,company,\"Culture, arts & sports\",funds,西区,,,,,no\n"
             "空っぽの会,,,,,,,,,\n");
  expected = dump (store);
  cr_assert (mdg_orgs_export_to_file (store, flow, "ja", csv, &error), "%s",
             error ? error->message : "");
  cr_assert (g_file_get_contents (csv, &contents, &length, NULL));
  cr_assert (g_str_has_prefix (contents, MDG_CSV_BOM "\"団体名\",\"種別\",\"分野\""), "%s", contents);
  cr_assert_not_null (strstr (contents, "\"子育て・子ども、地域の居場所・つながり\""), "%s", contents);
  cr_assert_not_null (strstr (contents, "\"'+81-45-000\""), "%s", contents);
  cr_assert_not_null (strstr (contents, "\"'=1+1, \"\"quoted\"\"\""), "%s", contents);
  cr_assert_not_null (strstr (contents, "\"いいえ\"\r\n"), "%s", contents);
  cr_assert (mdg_orgs_import (other, flow, contents, length, FALSE, NULL,
                              g_ptr_array_new_with_free_func (g_free), &error), "%s",
             error ? error->message : "");
  copy = dump (other);
  cr_assert_str_eq (copy, expected);

  /* English labels re-import too, into the same directory (no change). */
  g_clear_pointer (&contents, g_free);
  cr_assert (mdg_orgs_export_to_file (store, flow, "en", en_csv, &error));
  cr_assert (g_file_get_contents (en_csv, &contents, &length, NULL));
  cr_assert (g_str_has_prefix (contents, MDG_CSV_BOM "\"name\",\"kind\""), "%s", contents);
  cr_assert (mdg_orgs_import (store, flow, contents, length, FALSE, NULL,
                              g_ptr_array_new_with_free_func (g_free), &error), "%s",
             error ? error->message : "");
  g_clear_pointer (&copy, g_free);
  copy = dump (store);
  cr_assert_str_eq (copy, expected);

  cr_assert_not (mdg_orgs_export_to_file (store, flow, "ja", db, &error));
  cr_assert_not_null (strstr (error->message, "database"), "%s", error->message);
}

static void
setup_directory (MdgStore *store,
                 MdgFlow  *flow)
{
  import_ok (store, flow,
             "name,kind,themes,offers,area,active\n"
             "Aこども食堂の会,npo,children,,中区,1\n"
             "Bみどりの会,company,environment,goods,中区,1\n"
             "C休止中の子育て会,npo,children,,中区,0\n"
             "D打診済みの子育て会,npo,children,,中区,1\n"
             "E遠くの会,company,culture,,西区,1\n");
}

Test (orgs, suggest_ranks_fit_and_skips_inactive_and_approached)
{
  g_autoptr (MdgStore) store = open_store (db);
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgInquiry) inquiry = record (store, flow, "offer"); /* children, town; space */
  g_autoptr (MdgOrg) approached = NULL;
  g_autoptr (GPtrArray) suggestions = NULL;
  g_autoptr (GError) error = NULL;
  MdgSuggestion *top, *second;

  setup_directory (store, flow);
  approached = mdg_orgs_lookup (store, "D打診済みの子育て会", &error);
  cr_assert_not_null (approached);
  cr_assert (mdg_introduction_set (store, inquiry, approached, NULL, 1000, NULL, &error));
  suggestions = mdg_introduction_suggest (store, flow, inquiry, "中区", "ja", &error);
  cr_assert_not_null (suggestions, "%s", error ? error->message : "");
  cr_assert_eq (suggestions->len, 2, "only the active, unapproached ones that fit at all");
  top = g_ptr_array_index (suggestions, 0);
  second = g_ptr_array_index (suggestions, 1);
  cr_assert_str_eq (top->org->name, "Aこども食堂の会");
  cr_assert_str_eq (top->reason, "子育て・子ども / 場所・スペースを提供 / 中区");
  cr_assert_str_eq (second->org->name, "Bみどりの会");
  cr_assert_gt (top->score, second->score);
  cr_assert_str_eq (second->reason, "中区");

  /* Without the area the unrelated one does not fit at all; in English the reason follows. */
  g_ptr_array_unref (g_steal_pointer (&suggestions));
  suggestions = mdg_introduction_suggest (store, flow, inquiry, NULL, "en", &error);
  cr_assert_eq (suggestions->len, 1);
  cr_assert_str_eq (((MdgSuggestion *) g_ptr_array_index (suggestions, 0))->reason,
                    "Children & parenting / Space or a venue offered");
}

Test (orgs, introductions_and_their_states_are_in_the_history_and_the_agenda)
{
  g_autoptr (MdgStore) store = open_store (db);
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgInquiry) inquiry = record (store, flow, "offer");
  g_autoptr (MdgOrg) a = NULL;
  g_autoptr (MdgOrg) b = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) timeline = NULL;
  g_autoptr (GListStore) flagged = g_list_store_new (MDG_TYPE_INQUIRY);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) week_ago = g_date_time_add_days (now, -7);
  g_autoptr (GDateTime) month_ago = g_date_time_add_days (now, -30);
  g_autofree char *last_meeting = g_date_time_format (week_ago, "%Y-%m-%d");
  g_autofree char *sql = NULL;
  g_autofree char *csv = g_build_filename (dir, "agenda.csv", NULL);
  g_autofree char *pdf = g_build_filename (dir, "agenda.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *history = NULL;
  g_autoptr (GError) error = NULL;
  gint64 t_now = g_date_time_to_unix (now);
  gboolean changed = FALSE;
  guint n_intro = 0;

  setup_directory (store, flow);
  a = mdg_orgs_lookup (store, "Aこども食堂の会", NULL);
  b = mdg_orgs_lookup (store, "2", NULL); /* by id: Bみどりの会 */
  cr_assert_str_eq (b->name, "Bみどりの会");
  cr_assert (mdg_introduction_set (store, inquiry, a, NULL, g_date_time_to_unix (month_ago), &changed,
                                   &error));
  cr_assert (changed);
  cr_assert (mdg_introduction_set (store, inquiry, b, "approached", g_date_time_to_unix (month_ago),
                                   NULL, NULL));
  cr_assert (mdg_introduction_set (store, inquiry, a, "talks", t_now - 60, &changed, NULL));
  cr_assert (changed);
  cr_assert (mdg_introduction_set (store, inquiry, a, "talks", t_now, &changed, NULL));
  cr_assert_not (changed, "the same state again is no change");
  cr_assert (mdg_introduction_set (store, inquiry, b, "declined", t_now, NULL, NULL));
  cr_assert_not (mdg_introduction_set (store, inquiry, b, "maybe", t_now, NULL, &error));

  list = mdg_introduction_list (store, inquiry, NULL);
  cr_assert_eq (list->len, 2);
  cr_assert_str_eq (((MdgIntroduction *) g_ptr_array_index (list, 0))->state, "talks");
  cr_assert_eq (((MdgIntroduction *) g_ptr_array_index (list, 0))->approached_at,
                g_date_time_to_unix (month_ago));
  cr_assert_str_eq (((MdgIntroduction *) g_ptr_array_index (list, 1))->state, "declined");
  timeline = mdg_desk_store_list_timeline (store, inquiry, NULL);
  for (guint i = 0; i < timeline->len; i++)
    n_intro += g_str_equal (((MdgDeskStoreEvent *) g_ptr_array_index (timeline, i))->field, "introduction");
  cr_assert_eq (n_intro, 4);
  history = fixture_query_text (db, "SELECT old_value, new_value FROM status_history"
                                    " WHERE field = 'introduction' ORDER BY at, id");
  cr_assert_str_eq (history, "Aこども食堂の会|approached;Bみどりの会|approached;"
                             "Aこども食堂の会|talks;Bみどりの会|declined;");

  /* The last meeting was a week ago: only the changes since then are listed as such. */
  sql = g_strdup_printf ("INSERT INTO setting VALUES ('agenda-day', '%s')", last_meeting);
  fixture_sqlite_exec (db, sql);
  cr_assert (mdg_desk_store_set_meeting (store, inquiry, TRUE, NULL));
  g_list_store_append (flagged, inquiry);
  cr_assert (mdg_agenda_write_csv (store, G_LIST_MODEL (flagged), flow, "ja", csv, &error), "%s",
             error ? error->message : "");
  cr_assert (g_file_get_contents (csv, &contents, NULL, NULL));
  cr_assert_not_null (strstr (contents, "\"つなぎ先\",\"前回の会議以降\""), "%s", contents);
  cr_assert_not_null (strstr (contents, "Aこども食堂の会: 意見交換 (打診 "), "%s", contents);
  cr_assert_not_null (strstr (contents, "Bみどりの会: 見送り (打診 "), "%s", contents);
  cr_assert_not_null (strstr (contents, " Aこども食堂の会: 意見交換\n"), "%s", contents);
  cr_assert_not_null (strstr (contents, " Bみどりの会: 見送り\""), "%s", contents);
  cr_assert_null (strstr (contents, "打診中\n"), "a month-old approach is before the last meeting: %s",
                  contents);
  /* Written again today, as PDF, the agenda starts from the same meeting. */
  cr_assert (mdg_agenda_write_pdf (store, G_LIST_MODEL (flagged), flow, "ja", pdf, &error), "%s",
             error ? error->message : "");
  g_free (history);
  history = fixture_query_text (db, "SELECT value FROM setting WHERE key = 'agenda-since'");
  g_autofree char *expected = g_strdup_printf ("%s;", last_meeting);
  cr_assert_str_eq (history, expected);
}

/* --- madoguchi-admin orgs, introduce, suggest --- */

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
admin (Run *run, ...)
{
  const char *build = g_getenv ("MDG_BUILD_DIR");
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  const char *arg;
  va_list args;
  int wait_status = 0;

  run_clear (run);
  cr_assert_not_null (build, "MDG_BUILD_DIR is not set; run the suites through meson test");
  g_ptr_array_add (argv, g_build_filename (build, "app", "madoguchi-admin", NULL));
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  cr_assert (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &run->out,
                           &run->err, &wait_status, &error),
             "%s", error != NULL ? error->message : "");
  cr_assert (WIFEXITED (wait_status), "madoguchi-admin crashed: %s", run->err);
  run->status = WEXITSTATUS (wait_status);
}

static void
assert_one_line_failure (Run        *run,
                         const char *mentions)
{
  const char *newline = strchr (run->err, '\n');

  cr_assert_eq (run->status, 1, "exit %d: %s", run->status, run->err);
  cr_assert (newline != NULL && newline[1] == '\0', "one line: %s", run->err);
  cr_assert_not_null (strstr (run->err, mentions), "“%s” should mention “%s”", run->err, mentions);
}

Test (orgs, admin_imports_lists_exports_introduces_and_suggests)
{
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autofree char *number = NULL;
  g_autofree char *good = g_build_filename (dir, "good.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *out = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *history = NULL;
  g_auto (Run) run = { 0 };

  {
    g_autoptr (MdgStore) store = open_store (db);
    g_autoptr (MdgInquiry) inquiry = record (store, flow, "offer");

    number = g_strdup (mdg_inquiry_get_number (inquiry));
  }
  cr_assert (g_file_set_contents (good, "団体名,種別,分野,地域\nこども食堂の会,npo,子育て・子ども,中区\n"
                                        "みどりの会,company,環境・SDGs,中区\n", -1, NULL));
  cr_assert (g_file_set_contents (bad, "name,themes\nX,children\nY,nonsense\n", -1, NULL));

  admin (&run, "orgs", "import", bad, "--db", db, NULL);
  assert_one_line_failure (&run, "line 3: themes “nonsense”");
  cr_assert_not_null (strstr (run.out, "line 3"), "%s", run.out);
  admin (&run, "orgs", "import", bad, "--skip-bad", "--db", db, NULL);
  cr_assert_eq (run.status, 0, "%s", run.err);
  cr_assert_not_null (strstr (run.out, "1 organisation imported, 1 row skipped"), "%s", run.out);
  admin (&run, "orgs", "import", good, "--db", db, NULL);
  cr_assert_eq (run.status, 0, "%s", run.err);
  admin (&run, "orgs", "list", "--db", db, NULL);
  cr_assert_eq (run.status, 0, "%s", run.err);
  cr_assert_not_null (strstr (run.out, "こども食堂の会"), "%s", run.out);
  cr_assert_not_null (strstr (run.out, "3 organisations"), "%s", run.out);
  admin (&run, "orgs", "export", "--output", out, "--db", db, NULL);
  cr_assert_eq (run.status, 0, "%s", run.err);
  cr_assert (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  admin (&run, "orgs", "export", "--output", db, "--db", db, NULL);
  assert_one_line_failure (&run, "database");
  admin (&run, "orgs", "frobnicate", "--db", db, NULL);
  assert_one_line_failure (&run, "usage");

  admin (&run, "suggest", number, "--area", "中区", "--db", db, NULL);
  cr_assert_eq (run.status, 0, "%s", run.err);
  cr_assert_not_null (strstr (run.out, "子育て・子ども / 場所・スペースを提供 / 中区"), "%s", run.out);
  cr_assert_lt (strstr (run.out, "こども食堂の会") - run.out, strstr (run.out, "みどりの会") - run.out);

  admin (&run, "introduce", number, "--org", "こども食堂の会", "--db", db, NULL);
  cr_assert_eq (run.status, 0, "%s", run.err);
  admin (&run, "introduce", number, "--org", "こども食堂の会", "--state", "joined",
         "--date", "2026-03-31", "--db", db, NULL);
  cr_assert_eq (run.status, 0, "%s", run.err);
  admin (&run, "introduce", number, "--org", "nobody", "--db", db, NULL);
  assert_one_line_failure (&run, "no organisation “nobody”");
  admin (&run, "introduce", number, "--org", "みどりの会", "--state", "soon", "--db", db, NULL);
  assert_one_line_failure (&run, "--state");
  admin (&run, "suggest", number, "--db", db, NULL);
  cr_assert_eq (run.status, 0, "%s", run.err);
  cr_assert_null (strstr (run.out, "こども食堂の会"), "approached: %s", run.out);
  history = fixture_query_text (db, "SELECT old_value, new_value, date (at, 'unixepoch', 'localtime')"
                                    " = '2026-03-31' FROM status_history WHERE field = 'introduction'"
                                    " ORDER BY id");
  cr_assert_str_eq (history, "こども食堂の会|approached|0;こども食堂の会|joined|1;");
}

/* The desk's form saves through the same checks as the import, and one more: a name is one
 * organisation's. */
Test (orgs, save_adds_and_edits_with_the_imports_checks)
{
  g_autoptr (MdgStore) store = open_store (db);
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (GError) error = NULL;
  char *themes[] = { "children", NULL };
  char *bad_themes[] = { "knitting", NULL };
  char *none[] = { NULL };
  MdgOrg org = { 0, "みなと子育てネット", "npo", themes, none, "中区", NULL, NULL, "info example.jp",
                 NULL, TRUE };
  MdgOrg twin = { 0, "みなと子育てネット", "company", none, none, NULL, NULL, NULL, NULL, NULL, TRUE };
  MdgOrgField field = MDG_ORG_N_FIELDS;
  g_autofree char *row = NULL;

  cr_assert_not (mdg_orgs_save (store, flow, &org, "ja", &field, &error));
  cr_assert_eq (field, MDG_ORG_FIELD_EMAIL);
  cr_assert_str_eq (error->message, "メールアドレス「info example.jp」の形が正しくありません");
  cr_assert_eq (org.id, 0, "nothing saved");
  g_clear_error (&error);

  org.email = "info@example.jp";
  org.themes = bad_themes;
  cr_assert_not (mdg_orgs_save (store, flow, &org, "en", &field, &error));
  cr_assert_eq (field, MDG_ORG_FIELD_THEMES);
  cr_assert_str_eq (error->message, "“knitting” is not one of the flow's choices");
  g_clear_error (&error);

  org.themes = themes;
  cr_assert (mdg_orgs_save (store, flow, &org, "en", &field, &error), "%s", error ? error->message : "");
  cr_assert_gt (org.id, 0);
  cr_assert_not (mdg_orgs_save (store, flow, &twin, "en", &field, &error));
  cr_assert_eq (field, MDG_ORG_FIELD_NAME);
  cr_assert_str_eq (error->message, "another organisation is already called “みなと子育てネット”");
  g_clear_error (&error);

  org.area = "西区";
  org.active = FALSE;
  cr_assert (mdg_orgs_save (store, flow, &org, "en", &field, &error), "%s", error ? error->message : "");
  row = fixture_query_text (db, "SELECT id, name, kind, themes, area, email, active FROM organisation");
  cr_assert_str_eq (row, "1|みなと子育てネット|npo|children|西区|info@example.jp|0;");
}
