/* test-desk-touch.c: the staff desk on a touchscreen (row and drop-down sizes, text size, the
 * waiting band, the desk's own labels) and the organisations directory edited on it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <gtk/gtk.h>
#include <string.h>

#include "fixtures.h"
#include "kiosk-fixture.h"
#include "mdg-application.h"
#include "mdg-desk-cell.h"
#include "mdg-desk.h"
#include "mdg-i18n.h"
#include "mdg-org-item.h"
#include "mdg-orgs.h"
#include "mdg-pin.h"

static char *db;

static void
setup (void)
{
  kiosk_open (NULL);
  db = g_build_filename (kiosk.dir, "inquiries.db", NULL);
  cr_assert (mdg_pin_set (mdg_application_get_store (kiosk.app), "4826153", NULL));
}

static void
teardown (void)
{
  kiosk_close ();
  g_clear_pointer (&db, g_free);
}

TestSuite (ui_desk_touch, .init = setup, .fini = teardown);

static MdgInquiry *
send (const char *purpose,
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

static int want_width, want_height;

static gboolean
window_has_size (void)
{
  return gtk_widget_get_width (GTK_WIDGET (kiosk.window)) == want_width
         && gtk_widget_get_height (GTK_WIDGET (kiosk.window)) == want_height;
}

static gboolean
is_desk (GtkWidget *widget, gconstpointer data)
{
  return MDG_IS_DESK (widget);
}

/* The kiosk window at width × height, the desk opened in it with the PIN. */
static MdgDesk *
open_desk (int width,
           int height)
{
  const char *pin = "4826153";
  GtkWidget *pad;

  want_width = width;
  want_height = height;
  gtk_widget_set_visible (GTK_WIDGET (kiosk.window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (kiosk.window), width, height);
  gtk_window_present (GTK_WINDOW (kiosk.window));
  cr_assert (kiosk_wait_until (window_has_size, 5000), "the window never became %d × %d", width, height);
  kiosk_act (kiosk.window, "staff.open", NULL);
  pad = kiosk_find_type (GTK_WIDGET (kiosk.window), g_type_from_name ("MdgPinPad"));
  cr_assert_not_null (pad);
  for (const char *p = pin; *p != '\0'; p++)
    {
      char digit[2] = { *p, '\0' };

      kiosk_act (pad, "pin.digit", digit);
    }
  kiosk_act (pad, "pin.enter", NULL);
  for (int i = 0; i < 5; i++)
    kiosk_iterate (); /* the desk's second frame shows every row */
  return MDG_DESK (kiosk_search (GTK_WIDGET (kiosk.window), TRUE, is_desk, NULL));
}

static void
show_page (MdgDesk    *desk,
           const char *name)
{
  GtkStack *pages = GTK_STACK (kiosk_find_type (GTK_WIDGET (desk), GTK_TYPE_STACK));

  gtk_stack_set_visible_child_name (pages, name);
  for (int i = 0; i < 3; i++)
    kiosk_iterate ();
}

static void
shoot (const char *what)
{
  g_autofree char *name = g_strdup_printf ("desk-%s-%s-%dx%d", what, mdg_i18n_get_language (),
                                           want_width, want_height);

  /* A few frames, so that what changed is drawn. */
  for (int i = 0; i < 10; i++)
    {
      g_usleep (20000);
      kiosk_iterate ();
    }

  kiosk_shoot (GTK_WIDGET (kiosk.window), want_width, want_height, name);
}

/* Widgets whose CSS node is `name` under a parent whose node is `parent`, shown now. */
static void
collect_nodes (GtkWidget  *root,
               const char *name,
               const char *parent,
               GPtrArray  *found)
{
  GtkWidget *up = gtk_widget_get_parent (root);

  if (gtk_widget_get_mapped (root) && g_str_equal (gtk_widget_get_css_name (root), name) && up != NULL
      && g_str_equal (gtk_widget_get_css_name (up), parent))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_nodes (child, name, parent, found);
}

static void
collect_type (GtkWidget *root,
              GType      type,
              GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_type (child, type, found);
}

/* The size in pixels the widget's text is set in. */
static double
text_px (GtkWidget *widget)
{
  PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  double size = (double) pango_font_description_get_size (font) / PANGO_SCALE;

  return pango_font_description_get_size_is_absolute (font) ? size : size * 96.0 / 72.0;
}

static GtkWidget *watched;

/* The popover's surface has come and its items have their sizes. */
static gboolean
popover_laid_out (void)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new ();

  collect_nodes (watched, "row", "listview", items);
  return items->len > 0 && gtk_widget_get_height (items->pdata[0]) > 0;
}

static gboolean
popover_gone (void)
{
  return !gtk_widget_get_mapped (watched);
}

static void
assert_rows_at_least (GPtrArray  *rows,
                      int         height,
                      const char *what)
{
  cr_assert_gt (rows->len, 0, "no %s", what);
  cr_log_info ("%s: %u, the first %d px high", what, rows->len, gtk_widget_get_height (rows->pdata[0]));
  for (guint i = 0; i < rows->len; i++)
    cr_assert_geq (gtk_widget_get_height (rows->pdata[i]), height, "%s %u is %d px high", what, i,
                   gtk_widget_get_height (rows->pdata[i]));
}

static const char *
filter_shows (MdgDesk    *desk,
              const char *name)
{
  GtkWidget *root = GTK_WIDGET (desk);
  g_autoptr (GPtrArray) drop_downs = g_ptr_array_new ();

  collect_type (root, GTK_TYPE_DROP_DOWN, drop_downs);
  for (guint i = 0; i < drop_downs->len; i++)
    if (g_str_equal (gtk_buildable_get_buildable_id (drop_downs->pdata[i]) != NULL
                       ? gtk_buildable_get_buildable_id (drop_downs->pdata[i]) : "", name))
      return gtk_string_object_get_string (gtk_drop_down_get_selected_item (drop_downs->pdata[i]));
  return NULL;
}

static GtkWidget *
named (GtkWidget  *root,
       const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The list's column titles, in order. */
static GPtrArray *
column_titles (MdgDesk *desk)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (kiosk_find_type (GTK_WIDGET (desk), GTK_TYPE_COLUMN_VIEW));
  GListModel *columns = gtk_column_view_get_columns (view);
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_ptr_array_add (titles, g_strdup (gtk_column_view_column_get_title (column)));
    }
  return titles;
}

static gboolean
has_title (GPtrArray  *titles,
           const char *title)
{
  for (guint i = 0; i < titles->len; i++)
    if (g_str_equal (titles->pdata[i], title))
      return TRUE;
  return FALSE;
}

/* The detail's field names, the ones of its answers grid. */
static GPtrArray *
detail_fields (MdgDesk *desk)
{
  GtkWidget *grid = named (GTK_WIDGET (mdg_desk_get_detail (desk)), "answers-grid");
  GPtrArray *fields = g_ptr_array_new ();

  cr_assert_not_null (grid);
  for (GtkWidget *child = gtk_widget_get_first_child (grid); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, "detail-field"))
      g_ptr_array_add (fields, (gpointer) gtk_label_get_label (GTK_LABEL (child)));
  return fields;
}

Test (ui_desk_touch, rows_text_drop_downs_waiting_band_and_labels)
{
  g_autoptr (MdgInquiry) waiting = send ("partners", "now");
  g_autoptr (MdgInquiry) offer = send ("offer", "qr");
  g_autoptr (MdgInquiry) start = send ("unsure", "contact");
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  g_autoptr (GPtrArray) cells = g_ptr_array_new ();
  g_autoptr (GPtrArray) items = g_ptr_array_new ();
  g_autoptr (GPtrArray) titles = NULL;
  g_autoptr (GPtrArray) fields = NULL;
  GtkWidget *status_filter = NULL, *count, *popover;
  g_autoptr (GPtrArray) drop_downs = g_ptr_array_new ();
  guint banded = 0;
  MdgDesk *desk = open_desk (1366, 768);

  cr_assert_not_null (desk);
  shoot ("list");

  /* Rows of at least 56 px, every cell's text 20 px. */
  collect_nodes (GTK_WIDGET (desk), "row", "listview", rows);
  cr_assert_eq (rows->len, 3, "%u rows", rows->len);
  assert_rows_at_least (rows, 56, "list row");
  collect_type (GTK_WIDGET (desk), MDG_TYPE_DESK_CELL, cells);
  cr_assert_geq (cells->len, 3 * 10);
  for (guint i = 0; i < cells->len; i++)
    cr_assert_geq (text_px (cells->pdata[i]), 20.0, "“%s” is set in %.1f px",
                   mdg_desk_cell_get_text (cells->pdata[i]), text_px (cells->pdata[i]));

  /* The waiting visitor: one band across the row, and a large count under the header. */
  for (guint i = 0; i < rows->len; i++)
    banded += gtk_widget_has_css_class (rows->pdata[i], "attention");
  cr_assert_eq (banded, 1, "the waiting visitor's row, and only it, is one band");
  for (guint i = 0; i < cells->len; i++)
    cr_assert_not (gtk_widget_has_css_class (cells->pdata[i], "attention"), "no patchy cells");
  count = named (GTK_WIDGET (desk), "waiting-count");
  cr_assert (gtk_widget_get_mapped (count), "the waiting band is shown");
  cr_assert_str_eq (gtk_label_get_label (GTK_LABEL (count)), "1");
  cr_assert_geq (text_px (count), 40.0, "the count is large: %.1f px", text_px (count));
  cr_assert_not_null (strstr (gtk_label_get_label (GTK_LABEL (named (GTK_WIDGET (desk), "waiting-label"))),
                              strrchr (mdg_inquiry_get_number (waiting), '-') + 1),
                      "the band names whom it counts");

  /* The filters, and the drop-down's items as tall as the rows. */
  cr_assert_str_eq (filter_shows (desk, "status_filter"), "すべての状態");
  cr_assert_str_eq (filter_shows (desk, "purpose_filter"), "すべての目的");
  /* The detail names each answer by the list's column, not by the visitor's question. */
  mdg_desk_show (desk, waiting);
  kiosk_iterate ();
  shoot ("detail");
  titles = column_titles (desk);
  fields = detail_fields (desk);
  cr_assert_str_eq (fields->pdata[0], "目的");
  cr_assert_str_eq (fields->pdata[1], "分野");
  cr_assert_str_eq (fields->pdata[2], "相談者");
  /* The rest: a column's name, or the desk's name for a step no column shows. */
  for (guint i = 0; i < fields->len; i++)
    cr_assert (has_title (titles, fields->pdata[i])
                 || g_strv_contains ((const char *const[]) { "段階", "具体的な内容", NULL }, fields->pdata[i]),
               "“%s” is neither a column of the list nor a desk name", (const char *) fields->pdata[i]);
  cr_assert (has_title (titles, fields->pdata[0]) && has_title (titles, fields->pdata[1])
             && has_title (titles, fields->pdata[2]));
  cr_assert (has_title (titles, "今後の連絡"));

  /* In English: the same, and cells without the visitor's "I" and "me". */
  kiosk_act (kiosk.window, "visit.language", "en");
  show_page (desk, "list");
  cr_assert_str_eq (filter_shows (desk, "status_filter"), "All statuses");
  cr_assert_str_eq (filter_shows (desk, "purpose_filter"), "All purposes");
  {
    /* The search field's hint, as drawn by its text inside, follows the language too. */
    GtkWidget *search = kiosk_find_type (GTK_WIDGET (desk), GTK_TYPE_SEARCH_ENTRY);
    GtkWidget *text = kiosk_find_type (search, GTK_TYPE_TEXT);

    cr_assert_str_eq (gtk_text_get_placeholder_text (GTK_TEXT (text)),
                      "Search number, answers, details, coordinator");
  }
  g_ptr_array_set_size (cells, 0);
  collect_type (GTK_WIDGET (desk), MDG_TYPE_DESK_CELL, cells);
  for (guint i = 0; i < cells->len; i++)
    {
      const char *text = mdg_desk_cell_get_text (cells->pdata[i]);
      g_autofree char *spaced = g_strdup_printf (" %s ", text != NULL ? text : "");

      cr_assert_null (strstr (spaced, " I "), "“%s” speaks as the visitor", text);
      cr_assert_null (strstr (spaced, "I'd"), "“%s” speaks as the visitor", text);
      cr_assert_null (strstr (spaced, "I'll"), "“%s” speaks as the visitor", text);
      cr_assert_null (strstr (spaced, " me "), "“%s” speaks as the visitor", text);
    }
  {
    GtkWidget *offer_cell = NULL;

    for (guint i = 0; i < cells->len; i++)
      if (g_strcmp0 (mdg_desk_cell_get_text (cells->pdata[i]), "Offer") == 0)
        offer_cell = cells->pdata[i];
    cr_assert_not_null (offer_cell, "“Offer space, skills or funds” is “Offer” at the desk");
  }
  shoot ("list");
  mdg_desk_show (desk, waiting);
  kiosk_iterate ();
  g_clear_pointer (&fields, g_ptr_array_unref);
  g_clear_pointer (&titles, g_ptr_array_unref);
  titles = column_titles (desk);
  fields = detail_fields (desk);
  cr_assert_str_eq (fields->pdata[0], "Purpose");
  cr_assert_str_eq (fields->pdata[1], "Areas");
  cr_assert_str_eq (fields->pdata[2], "Who");
  shoot ("detail");

  /* Last, the drop-down's items as tall as the rows (GTK 4.8 warns when a page with a scrolled
   * window is shown after a popover was up in this headless window, so nothing follows). */
  show_page (desk, "list");
  collect_type (GTK_WIDGET (desk), GTK_TYPE_DROP_DOWN, drop_downs);
  for (guint i = 0; i < drop_downs->len; i++)
    if (g_strcmp0 (gtk_buildable_get_buildable_id (drop_downs->pdata[i]), "status_filter") == 0)
      status_filter = drop_downs->pdata[i];
  cr_assert_not_null (status_filter);
  cr_assert_geq (gtk_widget_get_height (status_filter), 56);
  /* As a tap on it would: its popover of items. */
  popover = kiosk_find_type (status_filter, GTK_TYPE_POPOVER);
  cr_assert_not_null (popover);
  gtk_popover_popup (GTK_POPOVER (popover));
  watched = popover;
  cr_assert (kiosk_wait_until (popover_laid_out, 3000), "the popover is laid out");
  collect_nodes (status_filter, "row", "listview", items);
  cr_assert_eq (items->len, 5, "every status and “all” in the popover: %u", items->len);
  assert_rows_at_least (items, 56, "drop-down item");
  for (guint i = 0; i < items->len; i++)
    cr_assert_geq (text_px (gtk_widget_get_first_child (items->pdata[i])), 20.0);
  /* A tap on an item closes the popover, as a coordinator's finger would. Which item the filter
   * then shows is not checked here: in one full run in three it read Connected, most likely
   * GTK 4.8's drop-down following the pointer's hover (a touchscreen has none) on the display
   * the suites share. */
  cr_assert (gtk_widget_activate_action (kiosk_find_type (popover, GTK_TYPE_LIST_VIEW),
                                         "list.activate-item", "u", 0));
  cr_assert (kiosk_wait_until (popover_gone, 3000), "the popover closes");
}

/* Every screenshot the report names, at both sizes in both languages (MDG_SCREEN_SHOTS). */
Test (ui_desk_touch, screenshots_at_1920x1080_and_1366x768)
{
  g_autoptr (MdgInquiry) waiting = send ("partners", "now");
  g_autoptr (MdgInquiry) offer = send ("offer", "qr");
  g_autoptr (GPtrArray) rejected = g_ptr_array_new_with_free_func (g_free);
  const char *csv = "団体名,種別,分野,提供できること,地域,担当者\n"
                    "みなと子育てネット,npo,children,space,中区,山本\n"
                    "はまっこ食堂,npo,children;belonging,goods,西区,田中\n"
                    "中区社会福祉協議会,welfare,elderly,time,中区,\n";
  const int sizes[][2] = { { 1920, 1080 }, { 1366, 768 } };

  if (g_getenv ("MDG_SCREEN_SHOTS") == NULL)
    return;
  cr_assert (mdg_orgs_import (mdg_application_get_store (kiosk.app), mdg_application_get_flow (kiosk.app),
                              csv, strlen (csv), FALSE, NULL, rejected, NULL));
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      MdgDesk *desk = open_desk (sizes[s][0], sizes[s][1]);

      for (guint l = 0; l < 2; l++)
        {
          kiosk_act (kiosk.window, "visit.language", l == 0 ? "ja" : "en");
          show_page (desk, "list");
          shoot ("list");
          mdg_desk_show (desk, waiting);
          kiosk_iterate ();
          shoot ("detail");
          show_page (desk, "organisations");
          g_signal_emit_by_name (kiosk_find_type (GTK_WIDGET (mdg_desk_get_orgs (desk)), GTK_TYPE_LIST_VIEW),
                                 "activate", 0);
          kiosk_iterate ();
          shoot ("organisations");
        }
      kiosk_act (desk, "desk.lock", NULL);
      kiosk_act (kiosk.window, "visit.language", "ja");
    }
}

static void
type_into (GtkWidget  *view,
           const char *name,
           const char *text)
{
  GtkWidget *entry = named (view, name);

  cr_assert (GTK_IS_EDITABLE (entry), "no field %s", name);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

/* The check button of the form labelled `label`. */
static GtkCheckButton *
choice_check (GtkWidget  *box,
              const char *label)
{
  g_autoptr (GPtrArray) checks = g_ptr_array_new ();

  collect_type (box, GTK_TYPE_CHECK_BUTTON, checks);
  for (guint i = 0; i < checks->len; i++)
    if (g_strcmp0 (gtk_check_button_get_label (checks->pdata[i]), label) == 0)
      return checks->pdata[i];
  cr_assert_fail ("no choice “%s”", label);
  return NULL;
}

static char *
admin_orgs_list (void)
{
  const char *build = g_getenv ("MDG_BUILD_DIR");
  g_autofree char *program = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  cr_assert_not_null (build, "MDG_BUILD_DIR is not set; run the suites through meson test");
  program = g_build_filename (build, "app", "madoguchi-admin", NULL);
  {
    const char *argv[] = { program, "orgs", "list", "--db", db, NULL };

    cr_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                             &status, &error), "%s", error ? error->message : "");
  }
  cr_assert (g_spawn_check_wait_status (status, NULL), "orgs list failed: %s", err);
  return out;
}

/* A coordinator adds an organisation on the desk, is told what is wrong, fixes it, edits it
 * and de-activates it; each saved state is in the store and in `orgs list`. */
Test (ui_desk_touch, an_organisation_added_and_edited_on_the_desk)
{
  MdgDesk *desk = open_desk (1920, 1080);
  GtkWidget *view, *message;
  GListModel *rows;
  g_autofree char *stored = NULL;
  g_autofree char *listed = NULL;
  g_autoptr (MdgOrgItem) item = NULL;

  cr_assert_not_null (desk);
  show_page (desk, "organisations");
  view = GTK_WIDGET (mdg_desk_get_orgs (desk));
  rows = mdg_orgs_view_get_rows (MDG_ORGS_VIEW (view));
  message = named (view, "org-message");
  cr_assert_eq (g_list_model_get_n_items (rows), 0);

  kiosk_act (view, "orgs.new", NULL);
  type_into (view, "org-name", "みなと子育てネット");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (named (view, "org-kind")), 2); /* NPO */
  gtk_check_button_set_active (choice_check (named (view, "org-themes"), "子育て・子ども"), TRUE);
  gtk_check_button_set_active (choice_check (named (view, "org-offers"), "場所・スペース"), TRUE);
  type_into (view, "org-area", "中区");
  type_into (view, "org-contact", "山本");
  type_into (view, "org-phone", "045-000-1111");
  type_into (view, "org-email", "info minato.example");
  kiosk_act (view, "orgs.save", NULL);
  cr_assert_str_eq (gtk_label_get_label (GTK_LABEL (message)),
                    "保存されていません: メールアドレス「info minato.example」の形が正しくありません");
  cr_assert (gtk_widget_has_css_class (named (view, "org-email"), "error"), "the field is marked");
  cr_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (named (view, "org-name"))), "みなと子育てネット",
                    "nothing typed is lost");
  stored = fixture_query_text (db, "SELECT count(*) FROM organisation");
  cr_assert_str_eq (stored, "0;", "nothing is saved");

  type_into (view, "org-email", "info@minato.example");
  kiosk_act (view, "orgs.save", NULL);
  cr_assert_str_eq (gtk_label_get_label (GTK_LABEL (message)), "「みなと子育てネット」を保存しました。");
  cr_assert_not (gtk_widget_has_css_class (named (view, "org-email"), "error"));
  cr_assert_eq (g_list_model_get_n_items (rows), 1);
  g_free (stored);
  stored = fixture_query_text (db, "SELECT name, kind, themes, offers, area, contact, phone, email,"
                                   " active FROM organisation");
  cr_assert_str_eq (stored, "みなと子育てネット|npo|children|space|中区|山本|045-000-1111|"
                            "info@minato.example|1;");
  listed = admin_orgs_list ();
  cr_assert_not_null (strstr (listed, "みなと子育てネット"), "%s", listed);
  cr_assert_not_null (strstr (listed, "子育て・子ども"), "%s", listed);

  /* Edited from the list: a second theme, another ward; then de-activated. */
  g_signal_emit_by_name (kiosk_find_type (view, GTK_TYPE_LIST_VIEW), "activate", 0);
  kiosk_iterate ();
  cr_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (named (view, "org-area"))), "中区");
  gtk_check_button_set_active (choice_check (named (view, "org-themes"), "地域の居場所・つながり"), TRUE);
  type_into (view, "org-area", "西区");
  kiosk_act (view, "orgs.save", NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (view, "org-active")), FALSE);
  kiosk_act (view, "orgs.save", NULL);
  g_free (stored);
  stored = fixture_query_text (db, "SELECT count(*), name, themes, area, active FROM organisation");
  cr_assert_str_eq (stored, "1|みなと子育てネット|children;belonging|西区|0;", "edited in place");
  g_free (listed);
  listed = admin_orgs_list ();
  cr_assert_not_null (strstr (listed, "西区"), "%s", listed);
  cr_assert_not_null (strstr (listed, "no"), "the list says it is inactive: %s", listed);
  cr_assert_eq (g_list_model_get_n_items (rows), 0, "an inactive one is hidden by default");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named (view, "org-active")), TRUE);
  {
    g_autoptr (GPtrArray) checks = g_ptr_array_new ();

    collect_type (view, GTK_TYPE_CHECK_BUTTON, checks);
    for (guint i = 0; i < checks->len; i++)
      if (g_strcmp0 (gtk_check_button_get_label (checks->pdata[i]), "無効の団体も表示") == 0)
        gtk_check_button_set_active (checks->pdata[i], TRUE);
  }
  kiosk_iterate ();
  cr_assert_eq (g_list_model_get_n_items (rows), 1, "and shown on request");
  item = g_list_model_get_item (rows, 0);
  cr_assert_not (mdg_org_item_get_org (item)->active);

  /* A second one of the same name is refused, named at its field. */
  kiosk_act (view, "orgs.new", NULL);
  type_into (view, "org-name", "みなと子育てネット");
  kiosk_act (view, "orgs.save", NULL);
  cr_assert_str_eq (gtk_label_get_label (GTK_LABEL (message)),
                    "保存されていません: 「みなと子育てネット」という団体はすでに名簿にあります");
  cr_assert (gtk_widget_has_css_class (named (view, "org-name"), "error"));
}
