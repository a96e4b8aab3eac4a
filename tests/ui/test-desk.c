/* test-desk.c: the staff desk driven as a coordinator would: PIN pad, list, detail, lock. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <gtk/gtk.h>
#include <sqlite3.h>

#include "fixtures.h"
#include "kiosk-fixture.h"
#include "mdg-application.h"
#include "mdg-bar-chart.h"
#include "mdg-desk-cell.h"
#include "mdg-desk.h"
#include "mdg-i18n.h"
#include "mdg-introduction.h"
#include "mdg-keyboard.h"
#include "mdg-orgs.h"
#include "mdg-pin-pad.h"
#include "mdg-pin.h"
#include "mdg-window.h"

static char *db;

static void
setup (void)
{
  const char *names[] = { "山田", "佐藤", NULL };

  kiosk_open (NULL);
  db = g_build_filename (kiosk.dir, "inquiries.db", NULL);
  g_settings_set_strv (mdg_application_get_settings (kiosk.app), "coordinators", names);
  cr_assert (mdg_pin_set (mdg_application_get_store (kiosk.app), "4826153", NULL));
}

static void
teardown (void)
{
  kiosk_close ();
  g_clear_pointer (&db, g_free);
}

static MdgInquiry *
record (const char *purpose,
        const char *followup)
{
  g_autoptr (MdgVisit) visit = mdg_visit_new (mdg_application_get_flow (kiosk.app));
  g_autoptr (GError) error = NULL;
  MdgInquiry *inquiry;

  fixture_answer_default (visit, purpose);
  cr_assert (mdg_visit_revisit (visit, "followup"));
  cr_assert (mdg_visit_choose (visit, followup));
  inquiry = mdg_store_record (mdg_application_get_store (kiosk.app), visit, &error);
  cr_assert_not_null (inquiry, "%s", error ? error->message : "");
  return inquiry;
}

TestSuite (ui_desk, .init = setup, .fini = teardown);

typedef struct
{
  GType type;
  const char *name;
} Wanted;

static gboolean
is_wanted (GtkWidget *widget, gconstpointer data)
{
  const Wanted *wanted = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, wanted->type) && gtk_widget_get_mapped (widget)
         && (wanted->name == NULL || g_strcmp0 (gtk_widget_get_name (widget), wanted->name) == 0);
}

/* The first mapped widget of `type` (and name, if given) under `root`, depth first. */
static GtkWidget *
find (GtkWidget  *root,
      GType       type,
      const char *name)
{
  Wanted wanted = { type, name };

  return kiosk_search (root, FALSE, is_wanted, &wanted);
}

static void
type_pin (GtkWidget  *pad,
          const char *pin)
{
  for (const char *p = pin; *p != '\0'; p++)
    {
      char digit[2] = { *p, '\0' };

      kiosk_act (pad, "pin.digit", digit);
    }
  kiosk_act (pad, "pin.enter", NULL);
}

/* The desk, opened with the staff PIN as a coordinator does. */
static MdgDesk *
open_desk (void)
{
  MdgDesk *desk;

  kiosk_act (kiosk.window, "staff.open", NULL);
  type_pin (find (GTK_WIDGET (kiosk.window), MDG_TYPE_PIN_PAD, NULL), "4826153");
  desk = MDG_DESK (find (GTK_WIDGET (kiosk.window), MDG_TYPE_DESK, NULL));
  cr_assert_not_null (desk, "the right PIN opens the desk");
  return desk;
}

static char *
query_text (const char *sql)
{
  return fixture_query_text (db, sql);
}

static const char *
current_step (void)
{
  return mdg_step_get_id (mdg_visit_get_step (mdg_window_get_visit (kiosk.window)));
}

Test (ui_desk, pin_then_every_change_lands_in_the_database)
{
  g_autoptr (MdgInquiry) waiting = record ("partners", "now");
  GtkWidget *pad, *entry, *view;
  MdgDesk *desk;
  MdgInquiryDetail *detail;
  g_autofree char *row = NULL;
  g_autofree char *history = NULL;
  g_autofree char *notes = NULL;
  g_autoptr (MdgInquiry) later = NULL;

  cr_assert_null (find (GTK_WIDGET (kiosk.window), MDG_TYPE_PIN_PAD, NULL), "no pad for visitors");
  kiosk_act (kiosk.window, "staff.open", NULL);
  pad = find (GTK_WIDGET (kiosk.window), MDG_TYPE_PIN_PAD, NULL);
  cr_assert_not_null (pad, "the pad is on screen");

  type_pin (pad, "4826154");
  cr_assert_null (find (GTK_WIDGET (kiosk.window), MDG_TYPE_DESK, NULL), "a wrong PIN opens nothing");
  cr_assert_str_eq (query_text ("SELECT value FROM setting WHERE key = 'staff-pin-failures'"), "1;");

  type_pin (pad, "4826153");
  desk = MDG_DESK (find (GTK_WIDGET (kiosk.window), MDG_TYPE_DESK, NULL));
  cr_assert_not_null (desk, "the right PIN opens the desk");
  cr_assert_null (find (GTK_WIDGET (kiosk.window), MDG_TYPE_PIN_PAD, NULL));
  cr_assert_eq (g_list_model_get_n_items (mdg_desk_get_rows (desk)), 1);

  /* A visitor sends meanwhile: the row appears without a refresh. */
  later = record ("start", "qr");
  kiosk_iterate ();
  cr_assert_eq (g_list_model_get_n_items (mdg_desk_get_rows (desk)), 2);

  /* Tap the waiting visitor's row: newest first, so it is the second. */
  view = find (GTK_WIDGET (desk), GTK_TYPE_COLUMN_VIEW, NULL);
  cr_assert_not_null (view);
  g_signal_emit_by_name (view, "activate", 1);
  kiosk_iterate ();
  detail = mdg_desk_get_detail (desk);
  cr_assert_str_eq (mdg_inquiry_get_number (mdg_inquiry_detail_get_inquiry (detail)),
                    mdg_inquiry_get_number (waiting));

  kiosk_act (detail, "detail.status", "in-progress");
  kiosk_act (detail, "detail.coordinator", "山田");
  kiosk_act (detail, "detail.meeting", NULL);
  entry = find (GTK_WIDGET (detail), GTK_TYPE_ENTRY, "note-entry");
  cr_assert_not_null (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "区社協につないだ");
  kiosk_act (detail, "detail.add-note", NULL);
  cr_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (entry)), "", "the entry is emptied");

  row = query_text ("SELECT number, status, coordinator, meeting FROM inquiry WHERE followup = 'now'");
  cr_assert_str_eq (row, g_strdup_printf ("%s|in-progress|山田|1;", mdg_inquiry_get_number (waiting)));
  history = query_text ("SELECT field, old_value, new_value FROM status_history ORDER BY id");
  cr_assert_str_eq (history, "status|new|in-progress;coordinator|NULL|山田;meeting|0|1;note|NULL|1;");
  notes = query_text ("SELECT author, body FROM note");
  cr_assert_str_eq (notes, "山田|区社協につないだ;");

  /* A message to the visitor is a note of the other kind, kept apart from the internal ones. */
  entry = find (GTK_WIDGET (detail), GTK_TYPE_ENTRY, "message-entry");
  cr_assert_not_null (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "区社協をご紹介します");
  kiosk_act (detail, "detail.add-message", NULL);
  cr_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (entry)), "", "the entry is emptied");
  g_free (notes);
  notes = query_text ("SELECT kind, body FROM note ORDER BY id");
  cr_assert_str_eq (notes, "internal|区社協につないだ;visitor|区社協をご紹介します;");

  /* Reprint with no printer configured says so instead of pretending. */
  kiosk_act (detail, "detail.reprint", NULL);
  {
    GtkWidget *print = find (GTK_WIDGET (detail), GTK_TYPE_LABEL, "print-label");

    cr_assert_not_null (print, "the reprint reports on screen");
    cr_assert_not_null (strstr (gtk_label_get_label (GTK_LABEL (print)), "printer-name"), "%s",
                        gtk_label_get_label (GTK_LABEL (print)));
  }

  /* Lock: the desk is gone and the visitor's welcome page is back. */
  kiosk_act (desk, "desk.lock", NULL);
  cr_assert_null (find (GTK_WIDGET (kiosk.window), MDG_TYPE_DESK, NULL));
  cr_assert_str_eq (current_step (), "welcome");
}

Test (ui_desk, without_a_pin_the_pad_says_how_to_set_one)
{
  GtkWidget *pad, *label;
  g_autoptr (GError) error = NULL;
  sqlite3 *handle = NULL;
  gboolean mentions = FALSE;

  cr_assert_eq (sqlite3_open (db, &handle), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (handle, "DELETE FROM setting WHERE key = 'staff-pin'", NULL, NULL, NULL),
                SQLITE_OK);
  sqlite3_close (handle);

  kiosk_act (kiosk.window, "staff.open", NULL);
  pad = find (GTK_WIDGET (kiosk.window), MDG_TYPE_PIN_PAD, NULL);
  cr_assert_not_null (pad);
  for (label = find (pad, GTK_TYPE_LABEL, NULL); label != NULL; label = gtk_widget_get_next_sibling (label))
    if (GTK_IS_LABEL (label) && strstr (gtk_label_get_label (GTK_LABEL (label)), "madoguchi-admin set-pin"))
      mentions = TRUE;
  cr_assert (mentions, "the pad names the command");
  kiosk_act (pad, "pin.cancel", NULL);
  cr_assert_null (find (GTK_WIDGET (kiosk.window), MDG_TYPE_PIN_PAD, NULL));
  cr_assert_str_eq (current_step (), "welcome");
}

Test (ui_desk, filters_and_sorting_in_the_desk)
{
  g_autoptr (MdgInquiry) a = record ("start", "qr");
  g_autoptr (MdgInquiry) b = record ("offer", "now");
  g_autoptr (MdgInquiry) c = record ("start", "contact");
  GtkWidget *pad, *search;
  GListModel *rows;
  MdgDesk *desk;
  g_autoptr (MdgInquiry) first = NULL;

  kiosk_act (kiosk.window, "staff.open", NULL);
  pad = find (GTK_WIDGET (kiosk.window), MDG_TYPE_PIN_PAD, NULL);
  type_pin (pad, "4826153");
  desk = MDG_DESK (find (GTK_WIDGET (kiosk.window), MDG_TYPE_DESK, NULL));
  rows = mdg_desk_get_rows (desk);
  cr_assert_eq (g_list_model_get_n_items (rows), 3);
  first = g_list_model_get_item (rows, 0);
  cr_assert_str_eq (mdg_inquiry_get_number (first), mdg_inquiry_get_number (c), "newest first");

  search = find (GTK_WIDGET (desk), GTK_TYPE_SEARCH_ENTRY, NULL);
  cr_assert_not_null (search);
  gtk_editable_set_text (GTK_EDITABLE (search), "場所");
  /* The search entry waits a moment before it reports; run the loop until it has. */
  for (int i = 0; i < 100 && g_list_model_get_n_items (rows) != 1; i++)
    {
      g_usleep (10000);
      kiosk_iterate ();
    }
  cr_assert_eq (g_list_model_get_n_items (rows), 1);
  g_clear_object (&first);
  first = g_list_model_get_item (rows, 0);
  cr_assert_str_eq (mdg_inquiry_get_number (first), mdg_inquiry_get_number (b));
}

static gboolean
is_button_for (GtkWidget *widget, gconstpointer action)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

/* The desk's cells are MdgDeskCells, not labels. */
static gboolean
is_cell_showing (GtkWidget *widget, gconstpointer text)
{
  return MDG_IS_DESK_CELL (widget)
         && g_strcmp0 (mdg_desk_cell_get_text (MDG_DESK_CELL (widget)), text) == 0;
}

static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  return kiosk_search (root, FALSE, is_button_for, action);
}

Test (ui_desk, language_switch_relabels_pad_and_desk_in_place)
{
  g_autoptr (MdgInquiry) inquiry = record ("advice", "contact");
  GtkWidget *pad, *lock, *cancel;
  MdgDesk *desk;

  kiosk_act (kiosk.window, "staff.open", NULL);
  pad = find (GTK_WIDGET (kiosk.window), MDG_TYPE_PIN_PAD, NULL);
  cancel = find_action_button (pad, "pin.cancel");
  kiosk_act (pad, "pin.digit", "4");
  kiosk_act (kiosk.window, "visit.language", "en");
  cr_assert_eq (find (GTK_WIDGET (kiosk.window), MDG_TYPE_PIN_PAD, NULL), pad, "the same pad");
  cr_assert_eq (find_action_button (pad, "pin.cancel"), cancel, "the same button, re-labelled");
  cr_assert_str_eq (gtk_button_get_label (GTK_BUTTON (cancel)), "Back to the kiosk");
  type_pin (pad, "826153"); /* the digit typed before the switch is still there */
  desk = MDG_DESK (find (GTK_WIDGET (kiosk.window), MDG_TYPE_DESK, NULL));
  cr_assert_not_null (desk, "the PIN typed across the switch opens the desk");
  cr_assert_not_null (kiosk_search (GTK_WIDGET (desk), TRUE, is_cell_showing, "日本語"),
                      "the English desk names the visitor's language in its own words");
  mdg_desk_show (desk, inquiry);
  kiosk_iterate ();
  lock = find_action_button (GTK_WIDGET (desk), "desk.lock");

  kiosk_act (kiosk.window, "visit.language", "ja");
  cr_assert_eq (MDG_DESK (find (GTK_WIDGET (kiosk.window), MDG_TYPE_DESK, NULL)), desk, "the same desk");
  cr_assert_str_eq (mdg_inquiry_get_number (mdg_inquiry_detail_get_inquiry (mdg_desk_get_detail (desk))),
                    mdg_inquiry_get_number (inquiry), "the same inquiry is open");
  cr_assert_eq (find_action_button (GTK_WIDGET (desk), "desk.lock"), lock);
  cr_assert_str_eq (gtk_button_get_label (GTK_BUTTON (lock)), "ロック");
}

static gboolean
keyboard_up (void)
{
  return find (GTK_WIDGET (kiosk.window), MDG_TYPE_KEYBOARD, NULL) != NULL;
}

static gboolean
keyboard_away (void)
{
  return !keyboard_up ();
}

/* The staff type notes with the same keyboard: up on the note field, converting kana, gone
 * with the lock; never on the PIN pad, which has keys of its own. */
Test (ui_desk, the_on_screen_keyboard_types_a_note)
{
  g_autoptr (MdgInquiry) waiting = record ("partners", "now");
  GtkWidget *pad, *entry, *view, *keyboard;
  MdgDesk *desk;
  MdgInquiryDetail *detail;
  g_autofree char *notes = NULL;
  const char *keys[] = { "そ", "う", "た" };

  kiosk_act (kiosk.window, "staff.open", NULL);
  pad = find (GTK_WIDGET (kiosk.window), MDG_TYPE_PIN_PAD, NULL);
  cr_assert_null (find (GTK_WIDGET (kiosk.window), MDG_TYPE_KEYBOARD, NULL), "no keyboard on the pad");
  type_pin (pad, "4826153");
  desk = MDG_DESK (find (GTK_WIDGET (kiosk.window), MDG_TYPE_DESK, NULL));
  cr_assert_not_null (desk);
  view = find (GTK_WIDGET (desk), GTK_TYPE_COLUMN_VIEW, NULL);
  g_signal_emit_by_name (view, "activate", 0);
  kiosk_iterate ();
  detail = mdg_desk_get_detail (desk);
  kiosk_act (detail, "detail.coordinator", "山田");

  entry = find (GTK_WIDGET (detail), GTK_TYPE_ENTRY, "note-entry");
  cr_assert_not_null (entry);
  cr_assert (gtk_widget_grab_focus (entry));
  cr_assert (kiosk_wait_until (keyboard_up, 2000), "the keyboard comes up for the note");
  keyboard = find (GTK_WIDGET (kiosk.window), MDG_TYPE_KEYBOARD, NULL);
  cr_assert_str_eq (mdg_keyboard_get_layout (MDG_KEYBOARD (keyboard)), "kana");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    kiosk_act (keyboard, "keyboard.key", keys[i]);
  kiosk_act (keyboard, "keyboard.mark", "voiced");
  kiosk_act (keyboard, "keyboard.key", "ん");
  cr_assert_str_eq (mdg_keyboard_get_composition (MDG_KEYBOARD (keyboard)), "そうだん");
  kiosk_act (keyboard, "keyboard.convert", NULL);
  kiosk_act (keyboard, "keyboard.candidate", "相談");
  cr_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (entry)), "相談");
  kiosk_act (detail, "detail.add-note", NULL);
  notes = query_text ("SELECT author, body FROM note");
  cr_assert_str_eq (notes, "山田|相談;");

  kiosk_act (desk, "desk.lock", NULL);
  cr_assert (kiosk_wait_until (keyboard_away, 2000), "the keyboard is gone with the desk");
  cr_assert_str_eq (current_step (), "welcome");
}

/* Whether a label under `root` reads exactly `text`. */
static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

Test (ui_desk, introductions_and_their_states_show_in_the_detail_timeline)
{
  MdgStore *store = mdg_application_get_store (kiosk.app);
  g_autoptr (MdgInquiry) inquiry = record ("offer", "qr");
  g_autoptr (GPtrArray) rejected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (MdgOrg) org = NULL;
  g_autoptr (GDateTime) march = g_date_time_new_local (2026, 3, 2, 10, 0, 0);
  g_autoptr (GDateTime) april = g_date_time_new_local (2026, 4, 10, 15, 30, 0);
  const char *csv = "団体名,種別,分野\nみなと子育てネット,npo,children\nみどりの居場所,npo,children\n";
  g_autofree char *state = NULL;
  GtkWidget *view;
  MdgDesk *desk;
  MdgInquiryDetail *detail;

  cr_assert (mdg_orgs_import (store, mdg_application_get_flow (kiosk.app), csv, strlen (csv), FALSE, NULL,
                              rejected, NULL));
  org = mdg_orgs_lookup (store, "みなと子育てネット", NULL);
  cr_assert (mdg_introduction_set (store, inquiry, org, NULL, g_date_time_to_unix (march), NULL,
                                   NULL));
  cr_assert (mdg_introduction_set (store, inquiry, org, "talks", g_date_time_to_unix (april), NULL,
                                   NULL));
  desk = open_desk ();
  view = find (GTK_WIDGET (desk), GTK_TYPE_COLUMN_VIEW, NULL);
  g_signal_emit_by_name (view, "activate", 0);
  kiosk_iterate ();
  detail = mdg_desk_get_detail (desk);
  cr_assert_str_eq (mdg_inquiry_get_number (mdg_inquiry_detail_get_inquiry (detail)),
                    mdg_inquiry_get_number (inquiry));
  cr_assert (has_label (GTK_WIDGET (detail), "2026-03-02 10:00   つなぎ先: みなと子育てネット — 打診中"),
             "the approach is in the timeline");
  cr_assert (has_label (GTK_WIDGET (detail), "2026-04-10 15:30   つなぎ先: みなと子育てネット — 意見交換"),
             "and its move to talks");
  cr_assert (has_label (GTK_WIDGET (detail), "みなと子育てネット — 意見交換（2026-03-02 打診）"),
             "the introductions list its state");

  /* The one not yet approached is suggested, with why; one tap introduces it. */
  cr_assert (has_label (GTK_WIDGET (detail), "みどりの居場所 — 子育て・子ども / 場所・スペースを提供"),
             "the fitting organisation is suggested");
  kiosk_act (detail, "detail.introduce", "2");
  state = query_text ("SELECT o.name, i.state FROM introduction i JOIN organisation o"
                      " ON o.id = i.organisation_id ORDER BY i.id");
  cr_assert_str_eq (state, "みなと子育てネット|talks;みどりの居場所|approached;");
  cr_assert_not (has_label (GTK_WIDGET (detail), "みどりの居場所 — 子育て・子ども / 場所・スペースを提供"),
                 "an approached organisation is no longer suggested");
  cr_assert (has_label (GTK_WIDGET (detail), "No active organisation in the directory fits this inquiry.")
               || has_label (GTK_WIDGET (detail), "団体名簿に、この相談に合う有効な団体がありません。"),
             "the empty suggestions say so");
  kiosk_act (detail, "detail.introduction-state", "2:joined");
  g_free (state);
  state = query_text ("SELECT state FROM introduction WHERE organisation_id = 2");
  cr_assert_str_eq (state, "joined;");
}

/* An inquiry with its purpose, taken at a moment of local time. */
static void
record_at (const char *day,
           int         seq,
           const char *time,
           const char *purpose)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO inquiry (number, day, seq, token, created_at, language, flow_version)"
    " VALUES (substr (replace ('%s', '-', ''), 3) || '-%03d', '%s', %d, 'token-%s-%d',"
    " CAST (strftime ('%%s', '%s %s', 'utc') AS INTEGER), 'ja', '1');"
    "INSERT INTO answer (inquiry_id, step, choice, position) VALUES (last_insert_rowid (), '%s', '%s', 0);",
    day, seq, day, seq, day, seq, day, time,
    mdg_flow_get_role_id (mdg_application_get_flow (kiosk.app), MDG_ROLE_PURPOSE), purpose);

  fixture_sqlite_exec (db, sql);
}

static guint
chart_value (GtkWidget  *root,
             const char *name,
             guint       index)
{
  MdgBarChart *chart = MDG_BAR_CHART (find (root, MDG_TYPE_BAR_CHART, name));

  cr_assert_not_null (chart, "the %s chart is shown", name);
  cr_assert_lt (index, mdg_bar_chart_get_n_bars (chart));
  return mdg_bar_chart_get_value (chart, index);
}

static guint
purpose_index (const char *purpose)
{
  MdgStep *step = mdg_flow_lookup_role (mdg_application_get_flow (kiosk.app), MDG_ROLE_PURPOSE);
  GListModel *choices = mdg_step_get_choices (step);

  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr (MdgChoice) choice = g_list_model_get_item (choices, i);

      if (g_str_equal (mdg_choice_get_id (choice), purpose))
        return i;
    }
  cr_assert_fail ("no purpose %s", purpose);
  return 0;
}

static const int *shot_size;

static gboolean
window_has_shot_size (void)
{
  return gtk_widget_get_width (GTK_WIDGET (kiosk.window)) == shot_size[0]
         && gtk_widget_get_height (GTK_WIDGET (kiosk.window)) == shot_size[1];
}

/* The desk with its figures fits the largest and the smallest screen in both languages (a window
 * whose content needs more keeps its least width instead); with MDG_SCREEN_SHOTS=DIR, pictures. */
static void
fit_and_shoot_figures (void)
{
  static const int sizes[][2] = { { 1920, 1080 }, { 1024, 768 } };
  static const char *languages[] = { "ja", "en" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      kiosk_act (kiosk.window, "visit.language", languages[l]);
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          g_autofree char *name = g_strdup_printf ("desk-figures-%s-%dx%d", languages[l],
                                                   sizes[s][0], sizes[s][1]);

          shot_size = sizes[s];
          /* The screen's classes (smaller type on a short or narrow screen) follow the size the
           * window gets, as on a fullscreen kiosk: the second asking finds them applied. */
          for (int ask = 0; ask < 2 && !window_has_shot_size (); ask++)
            {
              gtk_widget_set_visible (GTK_WIDGET (kiosk.window), FALSE);
              gtk_window_set_default_size (GTK_WINDOW (kiosk.window), sizes[s][0], sizes[s][1]);
              gtk_window_present (GTK_WINDOW (kiosk.window));
              kiosk_wait_until (window_has_shot_size, 3000);
            }
          cr_assert (window_has_shot_size (),
                     "%s: the desk does not fit %d × %d; it takes %d × %d", languages[l],
                     sizes[s][0], sizes[s][1], gtk_widget_get_width (GTK_WIDGET (kiosk.window)),
                     gtk_widget_get_height (GTK_WIDGET (kiosk.window)));
          kiosk_iterate ();
          kiosk_shoot (GTK_WIDGET (kiosk.window), sizes[s][0], sizes[s][1], name);
        }
    }
  kiosk_act (kiosk.window, "visit.language", "ja");
}

/* The figures page: a day chosen, then its fiscal year, the one before and a month of it, each
 * counted from the file in local time (the year turns at midnight on April 1). */
Test (ui_desk, the_period_chooser_shows_a_fiscal_years_figures)
{
  GtkWidget *stack, *view;
  MdgDesk *desk;
  MdgPeriod day;
  guint offer = purpose_index ("offer");
  guint start = purpose_index ("start");

  record_at ("2026-03-31", 1, "23:59:00", "start");
  record_at ("2026-04-01", 1, "00:00:00", "offer");
  record_at ("2026-04-03", 1, "12:00:00", "offer");
  record_at ("2026-06-15", 1, "10:00:00", "start");
  record_at ("2027-03-31", 1, "18:00:00", "offer");

  desk = open_desk ();
  stack = find (GTK_WIDGET (desk), GTK_TYPE_STACK, NULL);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "figures");
  kiosk_iterate ();
  view = GTK_WIDGET (mdg_desk_get_figures (desk));
  cr_assert (gtk_widget_get_mapped (view), "the figures are on screen");
  cr_assert_not_null (find_action_button (view, "figures.previous"));
  cr_assert_not_null (find_action_button (view, "desk.export-figures"));

  cr_assert (mdg_period_parse (MDG_PERIOD_DAY, "2026-04-01", &day, NULL));
  mdg_figures_view_show_period (MDG_FIGURES_VIEW (view), &day);
  kiosk_iterate ();
  cr_assert_eq (chart_value (view, "weeks", 0), 1, "the day's one inquiry");

  kiosk_act (view, "figures.kind", "fiscal-year");
  cr_assert_not_null (kiosk_find_label (view, "2026年度 (2026-04-01 – 2027-03-31)"));
  cr_assert_eq (mdg_bar_chart_get_n_bars (MDG_BAR_CHART (find (view, MDG_TYPE_BAR_CHART, "weeks"))), 53);
  cr_assert_eq (chart_value (view, "weeks", 0), 2, "April 1 to 5, from midnight on");
  cr_assert_eq (chart_value (view, "weeks", 52), 1, "March 29 to 31");
  cr_assert_eq (chart_value (view, "purpose", offer), 3);
  cr_assert_eq (chart_value (view, "purpose", start), 1);
  cr_assert_eq (chart_value (view, "channel", 0), 4, "every inquiry came by the kiosk");
  cr_assert_not_null (kiosk_find_label (view, "相談件数"));
  fit_and_shoot_figures ();

  kiosk_act (view, "figures.previous", NULL);
  cr_assert_not_null (kiosk_find_label (view, "2025年度 (2025-04-01 – 2026-03-31)"));
  cr_assert_eq (chart_value (view, "purpose", start), 1, "the minute before midnight");
  cr_assert_eq (chart_value (view, "purpose", offer), 0);

  kiosk_act (view, "figures.next", NULL);
  kiosk_act (view, "figures.kind", "month");
  cr_assert_not_null (kiosk_find_label (view, "2026年4月"));
  cr_assert_eq (chart_value (view, "purpose", offer), 2);

  /* A tap on a tile shows that measure per week. */
  kiosk_act (view, "figures.weekly", "closed");
  cr_assert_not_null (kiosk_find_label (view, "週ごとの完了件数"));
}
