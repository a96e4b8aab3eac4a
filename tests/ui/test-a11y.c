/* test-a11y.c: controls a screen reader would otherwise name by their class, and the desk's
 * waiting rows, which must stay readable when selected. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <math.h>

#include "fixtures.h"
#include "kiosk-fixture.h"
#include "mdg-desk-cell.h"
#include "mdg-desk.h"
#include "mdg-done-view.h"
#include "mdg-idle-dialog.h"
#include "mdg-inquiry-detail.h"
#include "mdg-page.h"

static void
setup (void)
{
  /* The suites turn accessibility off; the test context keeps what widgets tell a screen
   * reader, so it can be read back. Each test is its own process, read before GTK starts. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  kiosk_open (NULL);
}

TestSuite (ui_a11y, .init = setup, .fini = kiosk_close);

#define assert_accessible_label(widget, expected)                                                \
  do                                                                                             \
    {                                                                                            \
      g_autofree char *mismatch = gtk_test_accessible_check_property (                           \
        GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, expected);                       \
                                                                                                 \
      cr_assert (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),                      \
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL),               \
                 "%s has no accessible label", G_OBJECT_TYPE_NAME (widget));                     \
      cr_assert_null (mismatch, "%s: %s", G_OBJECT_TYPE_NAME (widget), mismatch);                \
    }                                                                                            \
  while (0)

/* Asserts that widget is labelled by label, which shows (and tells a screen reader) text. */
static void
assert_labelled_by (GtkWidget  *widget,
                    GtkWidget  *label,
                    const char *text)
{
  g_autofree char *mismatch = NULL;

  cr_assert (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                               GTK_ACCESSIBLE_RELATION_LABELLED_BY),
             "%s is labelled by nothing", G_OBJECT_TYPE_NAME (widget));
  mismatch = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL);
  cr_assert_null (mismatch, "%s: %s", G_OBJECT_TYPE_NAME (widget), mismatch);
  cr_assert_str_eq (gtk_label_get_text (GTK_LABEL (label)), text);
  assert_accessible_label (label, text);
}

static gboolean
is_label_showing (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text);
}

/* The label showing text under root, shown or not. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  GtkWidget *label = kiosk_search (root, FALSE, is_label_showing, text);

  cr_assert_not_null (label, "no label shows “%s”", text);
  return label;
}

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *found = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  cr_assert_not_null (found, "%s has no %s", g_type_name (type), name);
  return GTK_WIDGET (found);
}

Test (ui_a11y, the_idle_dialog_is_announced_by_its_question)
{
  GtkWidget *dialog = kiosk_find_type (GTK_WIDGET (kiosk.window), MDG_TYPE_IDLE_DIALOG);

  cr_assert_not_null (dialog);
  gtk_widget_set_visible (dialog, TRUE);
  kiosk_iterate ();
  cr_assert (gtk_test_accessible_has_role (GTK_ACCESSIBLE (dialog),
                                           GTK_ACCESSIBLE_ROLE_ALERT_DIALOG));
  assert_labelled_by (dialog, child (dialog, MDG_TYPE_IDLE_DIALOG, "title"), "まだ続けますか？");
  cr_assert (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (dialog),
                                               GTK_ACCESSIBLE_RELATION_DESCRIBED_BY),
             "the countdown describes the dialog");

  gtk_widget_set_visible (dialog, FALSE);
  mdg_window_set_language (kiosk.window, "en");
  gtk_widget_set_visible (dialog, TRUE);
  kiosk_iterate ();
  assert_labelled_by (dialog, child (dialog, MDG_TYPE_IDLE_DIALOG, "title"),
                      "Are you still there?");
}

/* Sends a visit with the given follow-up from the window, as a visitor tapping Send would. */
static void
send_visit (const char *followup)
{
  MdgVisit *visit = mdg_window_get_visit (kiosk.window);

  fixture_answer_default (visit, "start");
  cr_assert (mdg_visit_revisit (visit, "followup"));
  cr_assert (mdg_visit_choose (visit, followup));
  kiosk_iterate ();
  kiosk_tap ("送信する");
  cr_assert_str_eq (kiosk_step (), "done");
}

Test (ui_a11y, the_qr_code_says_what_it_opens)
{
  send_visit ("qr");
  GtkWidget *done = kiosk_find_type (kiosk_page (), MDG_TYPE_DONE_VIEW);

  cr_assert (mdg_page_shows_code (MDG_PAGE (kiosk_page ())));
  assert_accessible_label (child (done, MDG_TYPE_DONE_VIEW, "qr_picture"),
                           "ご相談の状況を確認するページのQRコード");
  kiosk_tap ("English");
  assert_accessible_label (child (done, MDG_TYPE_DONE_VIEW, "qr_picture"),
                           "QR code for the follow-up page");
}

/* The staff desk in a window of its own, as the staff see it after the PIN. */
static MdgDesk *
open_desk (GtkWindow **window)
{
  MdgDesk *desk = mdg_desk_new (mdg_application_get_store (kiosk.app),
                                mdg_application_get_flow (kiosk.app),
                                mdg_application_get_settings (kiosk.app));

  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 1600, 900);
  gtk_window_set_child (*window, GTK_WIDGET (desk));
  gtk_window_present (*window);
  kiosk_iterate ();
  return desk;
}

static void
assert_named_by_what_it_shows (GtkWidget  *drop_down,
                               guint       position,
                               const char *shown)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), position);
  kiosk_iterate ();
  assert_accessible_label (drop_down, shown);
}

Test (ui_a11y, the_desk_fields_are_named_as_shown)
{
  GtkWindow *window;
  MdgDesk *desk = open_desk (&window);
  MdgInquiryDetail *detail = mdg_desk_get_detail (desk);
  GtkWidget *search = child (desk, MDG_TYPE_DESK, "search_entry");
  g_autofree char *placeholder = NULL;

  g_object_get (search, "placeholder-text", &placeholder, NULL);
  cr_assert_str_eq (placeholder, "番号・回答・内容・担当で検索");
  assert_accessible_label (search, "番号・回答・内容・担当で検索");

  assert_named_by_what_it_shows (child (desk, MDG_TYPE_DESK, "status_filter"), 1, "受付");
  assert_named_by_what_it_shows (child (desk, MDG_TYPE_DESK, "status_filter"), 0, "すべての状態");
  assert_named_by_what_it_shows (child (desk, MDG_TYPE_DESK, "purpose_filter"), 0, "すべての目的");
  assert_named_by_what_it_shows (child (desk, MDG_TYPE_DESK, "purpose_filter"), 1,
                                 "新しい活動");

  assert_labelled_by (child (detail, MDG_TYPE_INQUIRY_DETAIL, "note_entry"),
                      find_label (GTK_WIDGET (detail), "メモを追加"), "メモを追加");
  assert_labelled_by (child (detail, MDG_TYPE_INQUIRY_DETAIL, "coordinator_dropdown"),
                      find_label (GTK_WIDGET (detail), "担当"), "担当");
  gtk_window_destroy (window);
}

/* WCAG relative luminance of an sRGB colour. */
static double
luminance (const GdkRGBA *c)
{
  const double channels[] = { c->red, c->green, c->blue };
  const double weights[] = { 0.2126, 0.7152, 0.0722 };
  double sum = 0;

  for (guint i = 0; i < 3; i++)
    {
      double v = channels[i];

      sum += weights[i] * (v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4));
    }
  return sum;
}

static double
contrast (const GdkRGBA *a,
          const GdkRGBA *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static void
collect_attention (GtkWidget *root,
                   GPtrArray *labels)
{
  /* The cells of a row marked as one band: desk cell → column view cell → row. */
  GtkWidget *cell = MDG_IS_DESK_CELL (root) ? gtk_widget_get_parent (root) : NULL;
  GtkWidget *row = cell != NULL ? gtk_widget_get_parent (cell) : NULL;

  if (row != NULL && gtk_widget_has_css_class (row, "attention") && gtk_widget_get_mapped (root))
    g_ptr_array_add (labels, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_attention (c, labels);
}

static void
assert_readable_on_yellow (GtkWidget *label)
{
  /* The attention yellow of style.css (.desk columnview > listview > row.attention). */
  const GdkRGBA yellow = { 0xf9 / 255.0, 0xd6 / 255.0, 0x7a / 255.0, 1 };
  GdkRGBA color;
  g_autofree char *shown = NULL;
  double ratio;

  gtk_style_context_get_color (gtk_widget_get_style_context (label), &color);
  ratio = contrast (&color, &yellow);
  cr_assert_geq (ratio, 4.5, "“%s” in state %#x: %s, contrast %.2f:1 on the yellow",
                 mdg_desk_cell_get_text (MDG_DESK_CELL (label)), gtk_widget_get_state_flags (label),
                 shown = gdk_rgba_to_string (&color), ratio);
}

Test (ui_a11y, a_waiting_row_stays_readable_when_selected)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  GtkWindow *window;
  MdgDesk *desk;
  GListModel *rows;

  send_visit ("now");
  desk = open_desk (&window);
  rows = mdg_desk_get_rows (desk);
  cr_assert_eq (g_list_model_get_n_items (rows), 1);
  collect_attention (GTK_WIDGET (desk), labels);
  cr_assert_gt (labels->len, 0, "the waiting visitor's row stands out");

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (rows), GTK_INVALID_LIST_POSITION);
  kiosk_iterate ();
  for (guint i = 0; i < labels->len; i++)
    assert_readable_on_yellow (labels->pdata[i]);

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (rows), 0);
  kiosk_iterate ();
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = labels->pdata[i];
      /* The row and its cells take the selected state; the label inherits only the colour. */
      GtkStateFlags cell = gtk_widget_get_state_flags (gtk_widget_get_parent (label));

      cr_assert (cell & GTK_STATE_FLAG_SELECTED, "the row is selected");
      assert_readable_on_yellow (label);
      /* Hovered, and with the window in the background. */
      gtk_widget_set_state_flags (label, GTK_STATE_FLAG_PRELIGHT | GTK_STATE_FLAG_BACKDROP, FALSE);
      assert_readable_on_yellow (label);
    }
  gtk_window_destroy (window);
}
