/* test-kiosk.c: the kiosk window walked as a visitor would, down to the committed row. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <gtk/gtk.h>
#include <sqlite3.h>

#include "decode.h"
#include "fixtures.h"
#include "kiosk-fixture.h"
#include "mdg-followup.h"
#include "mdg-i18n.h"
#include "mdg-page.h"
#include "mdg-slip.h"
#include "mdg-store-private.h"

static void
setup (void)
{
  kiosk_open (NULL);
}

TestSuite (ui_kiosk, .init = setup, .fini = kiosk_close);

static void
act (const char *action,
     const char *target)
{
  cr_assert (gtk_widget_activate_action (GTK_WIDGET (kiosk.window), action, target ? "s" : NULL,
                                         target),
             "action %s", action);
  kiosk_iterate ();
}

static void
assert_answer (MdgInquiry *inquiry,
               const char *step,
               const char *expected)
{
  const GPtrArray *answer = mdg_inquiry_get_answer (inquiry, step);
  g_autoptr (GString) got = g_string_new (NULL);

  for (guint i = 0; answer != NULL && i < answer->len; i++)
    g_string_append_printf (got, "%s%s", i ? " " : "", (char *) g_ptr_array_index (answer, i));
  cr_assert_str_eq (got->str, expected, "answer to %s", step);
}

/* The only inquiry of today, after checking the done page shows its number. */
static MdgInquiry *
committed_inquiry (void)
{
  MdgStore *store = mdg_application_get_store (kiosk.app);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr (GPtrArray) rows = mdg_store_list_day (store, day, NULL);
  MdgInquiry *inquiry;
  const char *number;

  cr_assert_eq (rows->len, 1);
  inquiry = g_object_ref (g_ptr_array_index (rows, 0));
  number = mdg_inquiry_get_number (inquiry);
  cr_assert_not_null (kiosk_find_label (kiosk_page (), number), "the done page shows %s", number);
  cr_assert_not_null (kiosk_find_label (kiosk_page (), number + 7), "the call part %s", number + 7);
  return inquiry;
}

static void
start_in_english (void)
{
  kiosk_tap ("English");
  cr_assert_str_eq (mdg_i18n_get_language (), "en");
  kiosk_tap ("Start");
  cr_assert_str_eq (kiosk_step (), "purpose");
}

static void
send_from_review (void)
{
  MdgStore *store = mdg_application_get_store (kiosk.app);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr (GPtrArray) rows = NULL;

  cr_assert_str_eq (kiosk_step (), "review");
  rows = mdg_store_list_day (store, day, NULL);
  cr_assert_eq (rows->len, 0, "nothing is written before Send");
  kiosk_tap ("Send");
  cr_assert_str_eq (kiosk_step (), "done");
}

Test (ui_kiosk, walks_the_offer_branch_to_a_committed_inquiry)
{
  g_autoptr (MdgInquiry) inquiry = NULL;

  start_in_english ();
  kiosk_tap ("Offer space, skills or funds");
  kiosk_tap ("Children & parenting");
  kiosk_tap ("Town planning & housing");
  kiosk_tap ("Next");
  kiosk_tap ("An NPO or civic group");
  cr_assert_str_eq (kiosk_step (), "offer");
  kiosk_tap ("Space or a venue");
  kiosk_tap ("Time and hands");
  kiosk_tap ("Next");
  kiosk_tap ("Already active");
  kiosk_write ("土曜の午後なら会議室を貸せます");
  kiosk_tap ("Next");
  kiosk_tap ("I'll check later with the QR code (no contact details)");
  send_from_review ();

  inquiry = committed_inquiry ();
  assert_answer (inquiry, "purpose", "offer");
  assert_answer (inquiry, "themes", "children town");
  assert_answer (inquiry, "who", "npo");
  assert_answer (inquiry, "offer", "space time");
  assert_answer (inquiry, "forms", "");
  assert_answer (inquiry, "stage", "active");
  assert_answer (inquiry, "followup", "qr");
  cr_assert_str_eq (mdg_inquiry_get_details (inquiry), "土曜の午後なら会議室を貸せます");
  cr_assert_str_eq (mdg_inquiry_get_language (inquiry), "en");
}

Test (ui_kiosk, walks_the_propose_branch_with_contact_details)
{
  g_autoptr (MdgInquiry) inquiry = NULL;
  sqlite3_stmt *stmt;

  start_in_english ();
  kiosk_tap ("Propose a joint project with the city");
  kiosk_tap ("Disaster preparedness & relief");
  kiosk_tap ("Next");
  kiosk_tap ("A neighbourhood association");
  cr_assert_str_eq (kiosk_step (), "forms");
  cr_assert_not_null (kiosk_find_label (kiosk_page (), "Six principles"), "the info card shows");
  kiosk_tap ("Co-hosting (plan and run it together)");
  kiosk_tap ("Just an idea");
  kiosk_tap ("Next"); /* details are optional */
  kiosk_tap ("Please contact me");
  cr_assert_str_eq (kiosk_step (), "contact");

  /* The notice comes before any field and names the retention days. */
  cr_assert_not_null (kiosk_find_label (kiosk_page (), "365 days"));
  gtk_toggle_button_set_active (kiosk_check ("I agree to the use of my contact details"), TRUE);
  kiosk_iterate ();
  kiosk_type ("Name", "山田 花子");
  kiosk_type ("Phone", "045-123");
  cr_assert_null (kiosk_find_label (kiosk_page (), "Please check the phone number"),
                  "nothing is red before Next is tapped");
  kiosk_tap ("Next");
  cr_assert_str_eq (kiosk_step (), "contact", "a malformed phone number does not pass");
  cr_assert_not_null (kiosk_find_label (kiosk_page (), "Please check the phone number"),
                      "a malformed phone number is named next to the field once Next is tapped");
  cr_assert_not_null (kiosk_find_label (kiosk_page (), "Please check the field marked in red"),
                      "the reason is said beside Next");
  kiosk_type ("Phone", "045-123-4567");
  cr_assert_null (kiosk_find_label (kiosk_page (), "Please check the phone number"));
  kiosk_type ("E-mail", "hanako@example.jp");
  kiosk_tap ("Next");

  /* Change from the review returns to the review. */
  cr_assert_str_eq (kiosk_step (), "review");
  act ("visit.change", "stage");
  kiosk_tap ("Preparing");
  send_from_review ();

  inquiry = committed_inquiry ();
  assert_answer (inquiry, "purpose", "propose");
  assert_answer (inquiry, "themes", "disaster");
  assert_answer (inquiry, "who", "neighborhood");
  assert_answer (inquiry, "forms", "cohost");
  assert_answer (inquiry, "offer", "");
  assert_answer (inquiry, "stage", "preparing");
  assert_answer (inquiry, "followup", "contact");

  stmt = mdg_store_prepare (mdg_application_get_store (kiosk.app),
                            "SELECT name, phone, email FROM contact WHERE inquiry_id = ?", NULL);
  cr_assert_not_null (stmt);
  sqlite3_bind_int64 (stmt, 1, mdg_inquiry_get_id (inquiry));
  cr_assert_eq (sqlite3_step (stmt), SQLITE_ROW, "the contact details were kept");
  cr_assert_str_eq ((const char *) sqlite3_column_text (stmt, 0), "山田 花子");
  cr_assert_str_eq ((const char *) sqlite3_column_text (stmt, 1), "045-123-4567");
  cr_assert_str_eq ((const char *) sqlite3_column_text (stmt, 2), "hanako@example.jp");
  sqlite3_finalize (stmt);
}

Test (ui_kiosk, next_waits_for_an_answer_and_the_limit_is_told)
{
  start_in_english ();
  kiosk_tap ("Start a new activity");
  cr_assert_str_eq (kiosk_step (), "themes");
  cr_assert_not (gtk_widget_is_sensitive (kiosk_find_button ("Next")), "Next before any choice");
  kiosk_tap ("Work & careers");
  cr_assert (gtk_widget_is_sensitive (kiosk_find_button ("Next")));
  kiosk_tap ("Other");
  cr_assert_null (kiosk_find_label (kiosk_page (), "You can choose up to 3"));
  kiosk_tap ("Environment & SDGs");
  cr_assert_not_null (kiosk_find_label (kiosk_page (), "You can choose up to 3"));

  /* A fourth tap chooses nothing and leaves its button up. */
  kiosk_tap ("Education & learning");
  cr_assert_not (mdg_visit_has_choice (mdg_window_get_visit (kiosk.window), "themes", "education"));
  cr_assert_not (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (kiosk_find_button ("Education & learning"))));
  kiosk_tap ("Other");
  cr_assert_null (kiosk_find_label (kiosk_page (), "You can choose up to 3"));

  /* Single-choice pages have no Next: a tap advances. */
  kiosk_tap ("Next");
  cr_assert_str_eq (kiosk_step (), "who");
  cr_assert_null (kiosk_find_button ("Next"));
  cr_assert_not_null (kiosk_find_button ("Back"));
  cr_assert_not_null (kiosk_find_button ("Start over"));
}

Test (ui_kiosk, language_switch_keeps_answers_and_typed_text)
{
  act ("visit.next", NULL);
  act ("visit.choose", "join");
  act ("visit.toggle", "work");
  act ("visit.language", "en");
  cr_assert_str_eq (mdg_i18n_get_language (), "en");
  cr_assert_str_eq (kiosk_step (), "themes");
  cr_assert (mdg_visit_has_choice (mdg_window_get_visit (kiosk.window), "themes", "work"));
  cr_assert (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (kiosk_find_button ("Work & careers"))));
  cr_assert (mdg_visit_has_choice (mdg_window_get_visit (kiosk.window), "purpose", "join"));

  kiosk_tap ("Next");
  kiosk_tap ("An individual");
  kiosk_tap ("Just an idea");
  kiosk_write ("週末だけ手伝えます");
  kiosk_tap ("日本語");
  cr_assert_not_null (kiosk_find_label (kiosk_page (), "よろしければ"), "the page is in Japanese");
  {
    g_autofree char *written = kiosk_written ();
    cr_assert_str_eq (written, "週末だけ手伝えます", "the new page holds the typed text");
  }
  cr_assert_not_null (kiosk_find_label (kiosk_page (), "9 / 400"), "the counter counts it");

  kiosk_tap ("次へ");
  kiosk_tap ("コーディネーターから連絡がほしい");
  kiosk_type ("お名前", "佐藤");
  kiosk_type ("メールアドレス", "sato@example.jp");
  kiosk_tap ("English");
  cr_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (kiosk_field ("Name"))), "佐藤");
  cr_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (kiosk_field ("E-mail"))), "sato@example.jp");
}

/* The switch re-labels the widgets already there: no page, button or field is rebuilt. */
Test (ui_kiosk, a_language_switch_relabels_the_same_widgets)
{
  GtkWidget *page, *work, *next;

  act ("visit.next", NULL);
  act ("visit.choose", "join");
  act ("visit.toggle", "work");
  page = kiosk_page ();
  work = kiosk_find_button ("仕事・キャリア");
  next = kiosk_find_button ("次へ");
  cr_assert_not_null (work);

  act ("visit.language", "ja-easy");
  cr_assert_str_eq (mdg_i18n_get_language (), "ja-easy");
  cr_assert_str_eq (mdg_visit_get_language (mdg_window_get_visit (kiosk.window)), "ja-easy");
  cr_assert_eq (kiosk_page (), page, "the same page");
  cr_assert_eq (kiosk_find_button ("しごと"), work, "the same choice, re-labelled");
  cr_assert (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (work)), "still chosen");
  cr_assert_eq (kiosk_find_button ("つぎへ"), next, "the template's button, re-labelled");
  cr_assert_not_null (kiosk_find_label (page, "どんな ことに きょうみが ありますか"));
  cr_assert_null (kiosk_find_label (page, "関心のある分野"), "no Japanese left behind");
  cr_assert_not_null (kiosk_find_button ("字を 大きく"), "the header follows too");
  /* 分かち書き: lines break between phrases only, never inside one. */
  cr_assert_not_null (gtk_label_get_attributes (
                        GTK_LABEL (kiosk_find_label (page, "どんな ことに"))),
                      "the question keeps its phrases whole");

  act ("visit.language", "en");
  cr_assert_null (gtk_label_get_attributes (GTK_LABEL (kiosk_find_label (page, "Which areas"))),
                  "English breaks lines as it always does");
  cr_assert_eq (kiosk_find_button ("Work & careers"), work);
  cr_assert_eq (kiosk_find_button ("Next"), next);
  cr_assert_not_null (kiosk_find_button ("Larger text"));
}

/* Larger text and high contrast are the visitor's: the next one starts without them. */
Test (ui_kiosk, view_toggles_reset_with_the_visit)
{
  GtkWidget *window = GTK_WIDGET (kiosk.window);

  act ("visit.large-text", NULL);
  act ("visit.high-contrast", NULL);
  cr_assert (gtk_widget_has_css_class (window, "large-text"));
  cr_assert (gtk_widget_has_css_class (window, "high-contrast"));
  cr_assert (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (kiosk_find_button ("文字を大きく"))));
  act ("visit.next", NULL);
  act ("visit.restart", NULL);
  cr_assert (kiosk_at_welcome ());
  cr_assert_not (gtk_widget_has_css_class (window, "large-text"));
  cr_assert_not (gtk_widget_has_css_class (window, "high-contrast"));
  cr_assert_not (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (kiosk_find_button ("文字を大きく"))));

  /* The session's own high-contrast theme is where each visit starts. */
  g_object_set (gtk_widget_get_settings (window), "gtk-theme-name", "HighContrast", NULL);
  kiosk_iterate ();
  cr_assert (gtk_widget_has_css_class (window, "high-contrast"));
  act ("visit.restart", NULL);
  cr_assert (gtk_widget_has_css_class (window, "high-contrast"), "still on for the next visitor");
  g_object_set (gtk_widget_get_settings (window), "gtk-theme-name", "Adwaita", NULL);
  kiosk_iterate ();
  cr_assert_not (gtk_widget_has_css_class (window, "high-contrast"));
}

/* GNOME's accessibility switch (Settings → Accessibility → High Contrast) is followed too. */
Test (ui_kiosk, follows_the_sessions_high_contrast_setting)
{
  GtkWidget *window = GTK_WIDGET (kiosk.window);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = g_settings_schema_source_lookup (
    source, "org.gnome.desktop.a11y.interface", TRUE);
  g_autoptr (GSettings) a11y = NULL;

  cr_assert_not_null (schema, "gsettings-desktop-schemas is installed (build-aux/install-deps.sh)");
  a11y = g_settings_new_full (schema, NULL, NULL);
  cr_assert_not (gtk_widget_has_css_class (window, "high-contrast"));
  g_settings_set_boolean (a11y, "high-contrast", TRUE);
  kiosk_iterate ();
  cr_assert (gtk_widget_has_css_class (window, "high-contrast"));
  cr_assert (gtk_toggle_button_get_active (
    GTK_TOGGLE_BUTTON (kiosk_find_button ("コントラストを強く"))), "the toggle shows it pressed");
  g_settings_set_boolean (a11y, "high-contrast", FALSE);
  kiosk_iterate ();
  cr_assert_not (gtk_widget_has_css_class (window, "high-contrast"));
}

Test (ui_kiosk, done_page_hides_the_way_back_and_ends_by_itself)
{
  MdgIdleWatch *watch = mdg_window_get_idle_watch (kiosk.window);

  fixture_answer_default (mdg_window_get_visit (kiosk.window), "start");
  kiosk_iterate ();
  g_object_set (watch, "done-seconds", 1, NULL);
  kiosk_tap ("送信する");
  cr_assert_str_eq (kiosk_step (), "done");
  cr_assert_null (kiosk_find_button ("戻る"), "no way back to a sent inquiry");
  cr_assert_not_null (kiosk_find_button ("終わる"));
  cr_assert (kiosk_wait_until (kiosk_at_welcome, 5000), "the done page stayed");
}

Test (ui_kiosk, a_single_choice_page_shown_again_marks_the_answer)
{
  kiosk_tap ("はじめる");
  kiosk_tap ("一緒に取り組む相手を探したい");
  cr_assert_str_eq (kiosk_step (), "themes");
  kiosk_tap ("戻る");
  cr_assert_str_eq (kiosk_step (), "purpose");
  cr_assert (gtk_widget_has_css_class (kiosk_find_button ("一緒に取り組む相手を探したい"), "chosen"));
  cr_assert_not (gtk_widget_has_css_class (kiosk_find_button ("新しく活動を始めたい"), "chosen"));
}

static gboolean
at_welcome_after_finish (void)
{
  gtk_widget_activate_action (GTK_WIDGET (kiosk.window), "visit.restart", NULL);
  return kiosk_at_welcome ();
}

Test (ui_kiosk, a_fast_extra_tap_on_send_does_not_finish_unseen)
{
  fixture_answer_default (mdg_window_get_visit (kiosk.window), "start");
  kiosk_iterate ();
  kiosk_tap ("送信する");
  cr_assert_str_eq (kiosk_step (), "done");
  gtk_widget_activate_action (GTK_WIDGET (kiosk.window), "visit.restart", NULL);
  kiosk_iterate ();
  cr_assert_str_eq (kiosk_step (), "done", "Finish, where Send was, took a tap meant for Send");
  cr_assert (kiosk_wait_until (at_welcome_after_finish, 5000), "Finish never came back");
}

static gboolean
is_any_page (GtkWidget *widget, gconstpointer data)
{
  GPtrArray *pages = (GPtrArray *) data;

  if (MDG_IS_PAGE (widget) && !g_ptr_array_find (pages, widget, NULL))
    g_ptr_array_add (pages, widget);
  return FALSE; /* keep searching: every page, shown or not */
}

/* Every MdgPage the window holds, shown or hidden. */
static GPtrArray *
all_pages (void)
{
  GPtrArray *pages = g_ptr_array_new ();

  kiosk_search (GTK_WIDGET (kiosk.window), FALSE, is_any_page, pages);
  return pages;
}

/* The offer branch with details, noting the page each step is shown on. */
static void
walk_noting_pages (GHashTable *seen)
{
  static const char *const taps[] = { "Start", "Offer space, skills or funds",
                                      "Children & parenting", "Next", "An NPO or civic group",
                                      "Space or a venue", "Next", "Already active", NULL };

  kiosk_tap ("English");
  for (guint i = 0; taps[i] != NULL; i++)
    {
      g_hash_table_insert (seen, g_strdup (kiosk_step ()), kiosk_page ());
      kiosk_tap (taps[i]);
    }
  g_hash_table_insert (seen, g_strdup (kiosk_step ()), kiosk_page ());
  kiosk_write ("土曜の午後なら会議室を貸せます");
  kiosk_tap ("Next");
  g_hash_table_insert (seen, g_strdup (kiosk_step ()), kiosk_page ());
  kiosk_tap ("I'll check later with the QR code (no contact details)");
  g_hash_table_insert (seen, g_strdup (kiosk_step ()), kiosk_page ());
  kiosk_tap ("Send");
  g_hash_table_insert (seen, g_strdup (kiosk_step ()), kiosk_page ());
  cr_assert_str_eq (kiosk_step (), "done");
  cr_assert (kiosk_wait_until (at_welcome_after_finish, 5000), "Finish never came back");
}

/* Rebuilding a page per step left GTK's per-widget bookkeeping behind on every visit (issue 18):
 * each kind of step has one page, made once, and a second visit is shown on the same ones. */
Test (ui_kiosk, every_visit_is_shown_on_the_same_pages)
{
  g_autoptr (GHashTable) first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) second = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) pages = NULL;
  GHashTableIter iter;
  gpointer step, page;

  walk_noting_pages (first);
  pages = all_pages ();
  cr_assert_leq (pages->len, 7, "one page a kind of step, not %u", pages->len);
  walk_noting_pages (second);
  cr_assert_eq (g_hash_table_size (second), g_hash_table_size (first));
  g_hash_table_iter_init (&iter, first);
  while (g_hash_table_iter_next (&iter, &step, &page))
    cr_assert_eq (g_hash_table_lookup (second, step), page, "step %s is on another page",
                  (char *) step);
  g_clear_pointer (&pages, g_ptr_array_unref);
  pages = all_pages ();
  cr_assert_leq (pages->len, 7, "a second visit made new pages: %u", pages->len);
  /* Two steps of one kind share its page: who and stage, purpose and followup. */
  cr_assert_eq (g_hash_table_lookup (first, "who"), g_hash_table_lookup (first, "stage"));
}

Test (ui_kiosk, done_page_says_what_happens_next)
{
  MdgVisit *visit = mdg_window_get_visit (kiosk.window);
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_autofree char *call = NULL;

  fixture_answer_default (visit, "unsure");
  mdg_visit_revisit (visit, "followup");
  mdg_visit_choose (visit, "now");
  kiosk_iterate ();
  kiosk_tap ("送信する");
  inquiry = committed_inquiry ();
  call = g_strdup_printf ("窓口でお呼びするまでお待ちください。番号は %s です。",
                          mdg_inquiry_get_number (inquiry) + 7);
  cr_assert_not_null (kiosk_find_label (kiosk_page (), call), "“%s” on the done page", call);
}

Test (ui_kiosk, done_page_promises_no_call_without_contact_details)
{
  MdgVisit *visit = mdg_window_get_visit (kiosk.window);
  g_autoptr (MdgInquiry) inquiry = NULL;

  fixture_answer_default (visit, "advice");
  mdg_visit_revisit (visit, "followup");
  mdg_visit_choose (visit, "contact");
  kiosk_iterate ();
  cr_assert_str_eq (kiosk_step (), "contact");
  kiosk_type ("電話番号", "045-123-4567");
  cr_assert_null (kiosk_find_label (kiosk_page (), "同意にチェックを入れてください"),
                  "nothing is red before 次へ is tapped");
  kiosk_tap ("次へ");
  cr_assert_str_eq (kiosk_step (), "contact");
  cr_assert_not_null (kiosk_find_label (kiosk_page (), "同意にチェックを入れてください"),
                      "a number typed without consent is not silently dropped");
  kiosk_type ("電話番号", "");
  kiosk_tap ("次へ");
  kiosk_tap ("送信する");
  inquiry = committed_inquiry ();
  cr_assert_not (mdg_inquiry_get_has_contact (inquiry));
  cr_assert_not_null (kiosk_find_label (kiosk_page (), "こちらからはご連絡できません"));
  cr_assert_null (kiosk_find_label (kiosk_page (), "コーディネーターからご連絡します"));
}

/* A kiosk that cannot take inquiries says why to the staff and lets no visitor start. */
TestSuite (ui_problem, .fini = kiosk_close);

static void
assert_refuses_visitors (const char *problem)
{
  static const char *const actions[] = { "visit.next", "visit.back", "visit.restart",
                                         "visit.send", "idle.continue" };
  MdgVisit *visit = mdg_window_get_visit (kiosk.window);

  cr_assert_not_null (kiosk_find_label (GTK_WIDGET (kiosk.window), problem),
                      "the problem page names “%s”", problem);
  cr_assert_not_null (kiosk_find_label (GTK_WIDGET (kiosk.window), "madoguchi-admin check"),
                      "the problem page tells the staff what to do");
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_activate_action (GTK_WIDGET (kiosk.window), actions[i], NULL);
  gtk_widget_activate_action (GTK_WIDGET (kiosk.window), "visit.choose", "s", "start");
  gtk_widget_activate_action (GTK_WIDGET (kiosk.window), "visit.toggle", "s", "children");
  kiosk_iterate ();
  if (visit != NULL)
    cr_assert_str_eq (kiosk_step (), "welcome", "a visit started on a broken kiosk");
  cr_assert_null (kiosk_find_button ("はじめる"));
  cr_assert_null (kiosk_find_button ("Start"));
  cr_assert_not_null (kiosk_find_label (GTK_WIDGET (kiosk.window), problem));
}

Test (ui_problem, broken_flow_file_shows_where_and_takes_no_visit)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = fixture_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "broken.xml", NULL);
  g_autofree char *where = g_strdup_printf ("%s:3: step “a” has no choices", path);

  cr_assert (g_file_set_contents (path,
                                  "<flow version=\"x\">\n"
                                  "<step id=\"welcome\" kind=\"welcome\"><question>Hi</question><button>Go</button></step>\n"
                                  "<step id=\"a\" kind=\"single\"><question>Q</question></step>\n"
                                  "<step id=\"review\" kind=\"review\"><question>R</question><button>Send</button></step>\n"
                                  "<step id=\"done\" kind=\"done\"><question>D</question><button>End</button></step>\n"
                                  "</flow>\n",
                                  -1, NULL));
  /* The memory backend is one per process: the kiosk's own settings see this. */
  g_settings_set_string (settings, "flow-file", path);
  kiosk_open (NULL);

  cr_assert_null (mdg_window_get_visit (kiosk.window), "no half-loaded flow");
  assert_refuses_visitors (where);
  kiosk_tap ("English"); /* the language still switches, and still nothing starts */
  assert_refuses_visitors (where);
  fixture_rmdir (dir);
}

Test (ui_problem, unusable_database_takes_no_visit)
{
  g_autofree char *dir = fixture_tmpdir ();

  kiosk_open (dir); /* a directory is no database */
  cr_assert_not_null (mdg_window_get_visit (kiosk.window));
  assert_refuses_visitors ("not a regular file");
  fixture_rmdir (dir);
}

/* The whole path through the accessibility tree, as a screen-reader user walks it. */
Test (ui_atspi, walks_to_done_through_the_accessibility_tree, .timeout = 240)
{
  g_autofree char *dir = fixture_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "atspi.db", NULL);
  const char *extra[] = { "--purpose", "propose", NULL };
  g_autofree char *number = kiosk_run_atspi ("tests/ui/atspi-walk.py", db, extra);
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgInquiry) inquiry = NULL;

  store = mdg_store_open (db, &error);
  cr_assert_not_null (store, "%s", error ? error->message : "");
  inquiry = mdg_store_lookup (store, number, &error);
  cr_assert_not_null (inquiry, "%s is not in the database", number);
  cr_assert_str_eq (g_ptr_array_index (mdg_inquiry_get_answer (inquiry, "purpose"), 0), "propose");
  cr_assert_str_eq (g_ptr_array_index (mdg_inquiry_get_answer (inquiry, "forms"), 0), "cohost");
  cr_assert_str_eq (g_ptr_array_index (mdg_inquiry_get_answer (inquiry, "followup"), 0), "contact");
  cr_assert_eq (mdg_inquiry_get_answer (inquiry, "themes")->len, 3);
  cr_assert_str_eq (mdg_inquiry_get_details (inquiry), "子ども食堂を月に一度開きたい。Looking for a kitchen.");
  cr_assert (mdg_inquiry_get_has_contact (inquiry), "the consent box was ticked and details kept");
  g_clear_object (&store);
  fixture_rmdir (dir);
}

/* Through AT-SPI: the consent toggle pressed and the contact page passed with a phone number
 * alone; Start over on the review page asks first, and the visit survives Continue. */
Test (ui_atspi, passes_contact_with_a_phone_alone_and_survives_continue, .timeout = 240)
{
  g_autofree char *dir = fixture_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "phone.db", NULL);
  const char *extra[] = { "--phone-only", "--ask-restart", NULL };
  g_autofree char *number = kiosk_run_atspi ("tests/ui/atspi-walk.py", db, extra);
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgInquiry) inquiry = NULL;
  sqlite3_stmt *stmt;

  store = mdg_store_open (db, &error);
  cr_assert_not_null (store, "%s", error ? error->message : "");
  inquiry = mdg_store_lookup (store, number, &error);
  cr_assert_not_null (inquiry, "%s is not in the database: Continue lost the visit", number);
  cr_assert (mdg_inquiry_get_has_contact (inquiry), "consent pressed through AT-SPI and kept");
  cr_assert_eq (mdg_inquiry_get_answer (inquiry, "themes")->len, 3, "the answers survived");
  stmt = mdg_store_prepare (store, "SELECT name, phone, email FROM contact WHERE inquiry_id = ?",
                            NULL);
  cr_assert_not_null (stmt);
  sqlite3_bind_int64 (stmt, 1, mdg_inquiry_get_id (inquiry));
  cr_assert_eq (sqlite3_step (stmt), SQLITE_ROW, "the contact details were kept");
  cr_assert_null (sqlite3_column_text (stmt, 0), "no name was given");
  cr_assert_str_eq ((const char *) sqlite3_column_text (stmt, 1), "045-123-4567");
  cr_assert_null (sqlite3_column_text (stmt, 2), "no e-mail was given");
  sqlite3_finalize (stmt);
  g_clear_object (&store);
  fixture_rmdir (dir);
}

/* A visit in やさしい にほんご from welcome to done, with larger text, through AT-SPI: stored in
 * ja-easy, the done page's QR code and the slip's carry lang=ja-easy, the slip speaks it. */
Test (ui_atspi, walks_in_easy_japanese_to_an_easy_slip, .timeout = 240)
{
  g_autofree char *dir = fixture_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "easy.db", NULL);
  g_autofree char *done_png = g_build_filename (dir, "done.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "slip.pdf", NULL);
  const char *extra[] = { "--walk-in", "ja-easy", "--view", "large", "--done-shot", done_png,
                          NULL };
  g_autofree char *number = kiosk_run_atspi ("tests/ui/atspi-walk.py", db, extra);
  g_autoptr (GSettings) settings = NULL;
  g_autofree char *url_template = NULL;
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_autoptr (MdgSlipData) slip = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *on_screen = NULL;
  g_autofree char *on_paper = NULL;
  g_autofree char *text = NULL;

  mdg_i18n_init (); /* this process only reads the database and draws the slip */
  settings = g_settings_new (APP_ID);
  url_template = g_settings_get_string (settings, "followup-url");
  store = mdg_store_open (db, &error);
  cr_assert_not_null (store, "%s", error ? error->message : "");
  mdg_store_set_followup_url (store, url_template); /* as every program that prints slips does */
  inquiry = mdg_store_lookup (store, number, &error);
  cr_assert_not_null (inquiry, "%s is not in the database", number);
  cr_assert_str_eq (mdg_inquiry_get_language (inquiry), "ja-easy");
  cr_assert_str_eq (g_ptr_array_index (mdg_inquiry_get_answer (inquiry, "purpose"), 0), "offer");

  url = mdg_followup_build_url (url_template, number, mdg_inquiry_get_token (inquiry), "ja-easy");
  cr_assert (strstr (url, "lang=ja-easy") != NULL, "%s", url);
  expected = g_strconcat (url, "\n", NULL);
  on_screen = decode_qr_png (done_png);
  cr_assert_str_eq (on_screen, expected, "the done page's QR code");

  slip = mdg_slip_data_new (inquiry, flow, settings);
  cr_assert (mdg_slip_write_pdf (slip, MDG_SLIP_PAPER_80MM, pdf, &error), "%s",
             error ? error->message : "");
  on_paper = decode_qr_pdf (pdf);
  cr_assert_str_eq (on_paper, expected, "the slip's QR code");
  text = decode_pdf_text (pdf);
  /* pdftotext may break lines anywhere, so look for short pieces. */
  cr_assert (strstr (text, "ばんごう") != NULL, "the slip in easy Japanese: %s", text);
  cr_assert (strstr (text, "したい") != NULL, "%s", text);
  cr_assert (strstr (text, "コーディネーターから") != NULL, "%s", text);
  cr_assert (strstr (text, "まどぐちの") != NULL, "the easy privacy contact: %s", text);
  cr_assert (strstr (text, "受付番号") == NULL, "no ordinary Japanese: %s", text);
  g_clear_object (&store);
  fixture_rmdir (dir);
}
