/* test-screens.c: every visitor page at the five kiosk screen sizes, in Japanese and English:
 * its question, choices and buttons inside the window, and every control large enough to touch. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "kiosk-fixture.h"
#include "mdg-contact.h"
#include "mdg-i18n.h"
#include "mdg-step.h"

static void
teardown (void)
{
  if (kiosk.window != NULL)
    kiosk_close ();
}

TestSuite (ui_screens, .fini = teardown);

typedef struct
{
  int width;
  int height;
  int min_touch; /* the smallest height a visitor control may have at this size */
} Screen;

/* 96 px at 1080 lines, scaled with the height, never below 64 px. */
static const Screen screens[] = {
  { 1920, 1080, 96 }, { 1366, 768, 64 }, { 1280, 1024, 96 }, { 1024, 768, 64 }, { 1080, 1920, 96 },
};

static const Screen *screen;

static gboolean
window_has_size (void)
{
  return gtk_widget_get_width (GTK_WIDGET (kiosk.window)) == screen->width
         && gtk_widget_get_height (GTK_WIDGET (kiosk.window)) == screen->height;
}

/* The window shown again at the screen's size, as the kiosk fills a display of that size. */
static void
resize_to (const Screen *to)
{
  screen = to;
  gtk_widget_set_visible (GTK_WIDGET (kiosk.window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (kiosk.window), to->width, to->height);
  gtk_window_present (GTK_WINDOW (kiosk.window));
  cr_assert (kiosk_wait_until (window_has_size, 5000), "the window never became %d × %d",
             to->width, to->height);
}

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_ENTRY (widget) || GTK_IS_TEXT_VIEW (widget);
}

static GtkWidget *
scrolled_ancestor (GtkWidget *widget)
{
  return gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
}

/* Whether the scrolled content is longer than its view, and so shows its scroll bar. */
static gboolean
scrolls (GtkWidget *scrolled)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  return gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_lower (adjustment)
         > gtk_adjustment_get_page_size (adjustment) + 1;
}

static void
assert_inside (GtkWidget       *widget,
               GtkWidget       *area,
               const char      *what,
               const char      *step)
{
  graphene_rect_t box, bounds;

  cr_assert (gtk_widget_compute_bounds (widget, GTK_WIDGET (kiosk.window), &box));
  cr_assert (gtk_widget_compute_bounds (area, GTK_WIDGET (kiosk.window), &bounds));
  cr_assert (box.origin.x >= bounds.origin.x - 0.5 && box.origin.y >= bounds.origin.y - 0.5
               && box.origin.x + box.size.width <= bounds.origin.x + bounds.size.width + 0.5
               && box.origin.y + box.size.height <= bounds.origin.y + bounds.size.height + 0.5,
             "%d × %d, %s, %s: %s at %.0f,%.0f %.0f × %.0f falls outside %.0f,%.0f %.0f × %.0f",
             screen->width, screen->height, mdg_i18n_get_language (), step, what, box.origin.x,
             box.origin.y, box.size.width, box.size.height, bounds.origin.x, bounds.origin.y,
             bounds.size.width, bounds.size.height);
}

static const char *
name_of (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (GTK_IS_BUTTON (widget) && GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget))))
    return gtk_label_get_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (widget))));
  return G_OBJECT_TYPE_NAME (widget);
}

/* Every shown control: large enough to touch; the choices, the question and the bar's buttons
 * inside what the window shows; anything else scrolled away only where the page says it
 * scrolls. */
static void
check_widget (GtkWidget  *widget,
              const char *step)
{
  GtkWidget *scrolled;

  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (is_control (widget))
    {
      graphene_rect_t box;
      int height;

      cr_assert (gtk_widget_compute_bounds (widget, widget, &box));
      height = (int) (box.size.height + 0.5);

      cr_assert (height >= screen->min_touch, "%d × %d, %s, %s: “%s” is %d px high, under %d",
                 screen->width, screen->height, mdg_i18n_get_language (), step, name_of (widget),
                 height, screen->min_touch);
      scrolled = scrolled_ancestor (widget);
      if (scrolled == NULL || gtk_widget_has_css_class (widget, "choice") || !scrolls (scrolled))
        assert_inside (widget, scrolled != NULL ? scrolled : GTK_WIDGET (kiosk.window),
                       name_of (widget), step);
      return; /* a button's own label is part of it */
    }
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "question"))
    {
      scrolled = scrolled_ancestor (widget);
      assert_inside (widget, scrolled != NULL ? scrolled : GTK_WIDGET (kiosk.window),
                     gtk_label_get_label (GTK_LABEL (widget)), step);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_widget (child, step);
}

/* MDG_SCREEN_SHOTS=DIR: each page also drawn to DIR/STEP-LANG-WxH.png, to be looked at. */
static void
shoot (const char *step)
{
  kiosk_shoot (step, screen->width, screen->height);
}

static void
check_page (void)
{
  const char *step = kiosk_step ();

  kiosk_iterate ();
  /* The window's type scale is applied just after an allocation: let it settle. */
  for (int i = 0; i < 5; i++)
    {
      g_usleep (20000);
      kiosk_iterate ();
    }
  check_widget (GTK_WIDGET (kiosk.window), step);
  shoot (step);
}

static const char *finish_label;

/* Finish is held back for a moment after Send. */
static gboolean
finish_ready (void)
{
  GtkWidget *finish = kiosk_find_button (finish_label);

  return finish != NULL && gtk_widget_is_sensitive (finish);
}

/* One visit from welcome to done, every page checked; the offer branch has the most pages. */
static void
walk_every_page (const char *language)
{
  MdgVisit *visit = mdg_window_get_visit (kiosk.window);

  g_object_set (kiosk.app, "language", language, NULL);
  kiosk_iterate ();
  cr_assert (kiosk_at_welcome ());
  check_page ();
  cr_assert (mdg_visit_advance (visit));
  check_page ();
  cr_assert (mdg_visit_choose (visit, "offer"));
  check_page ();
  cr_assert (mdg_visit_toggle (visit, "children"));
  cr_assert (mdg_visit_toggle (visit, "town"));
  cr_assert (mdg_visit_toggle (visit, "culture"));
  check_page (); /* the limit hint shows */
  cr_assert (mdg_visit_advance (visit));
  check_page ();
  cr_assert (mdg_visit_choose (visit, "npo"));
  check_page ();
  cr_assert (mdg_visit_toggle (visit, "space"));
  cr_assert (mdg_visit_advance (visit));
  check_page ();
  cr_assert (mdg_visit_choose (visit, "idea"));
  check_page ();
  cr_assert (mdg_visit_advance (visit));
  check_page ();
  cr_assert (mdg_visit_choose (visit, "contact"));
  check_page ();
  mdg_visit_set_consent (visit, TRUE);
  mdg_visit_set_contact_field (visit, MDG_CONTACT_PHONE, "045-123-4567");
  cr_assert (mdg_visit_advance (visit));
  check_page ();
  /* The Start over question over the review page: its two buttons fit and can be touched. */
  gtk_widget_activate_action (GTK_WIDGET (kiosk.window), "visit.ask-restart", NULL);
  check_page ();
  shoot ("review-start-over");
  gtk_widget_activate_action (GTK_WIDGET (kiosk.window), "visit.keep-going", NULL);
  cr_assert_str_eq (kiosk_step (), "review", "Continue keeps the visit");
  gtk_widget_activate_action (GTK_WIDGET (kiosk.window), "visit.send", NULL);
  cr_assert_str_eq (kiosk_step (), "done", "the inquiry was not sent");
  check_page ();
  finish_label = g_str_equal (language, "ja") ? "終わる" : "Finish";
  cr_assert (kiosk_wait_until (finish_ready, 5000), "“%s” stayed greyed out", finish_label);
  kiosk_tap (finish_label);
}

static void
walk_at (guint index)
{
  kiosk_open (NULL);
  resize_to (&screens[index]);
  walk_every_page ("ja");
  walk_every_page ("en");
}

Test (ui_screens, every_page_fits_1920x1080_and_every_control_is_96_px) { walk_at (0); }
Test (ui_screens, every_page_fits_1366x768) { walk_at (1); }
Test (ui_screens, every_page_fits_1280x1024) { walk_at (2); }
Test (ui_screens, every_page_fits_1024x768) { walk_at (3); }
/* A portrait screen is taller than the suites' display: this test runs itself again on a
 * 1080 × 1920 display of its own. */
Test (ui_screens, every_page_fits_portrait_1080x1920, .timeout = 240)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  const char *argv[] = { "timeout", "180", "xvfb-run", "-a", "-s",
                         "-screen 0 1080x1920x24 -noreset", self_path, "--filter",
                         "ui_screens/every_page_fits_portrait_1080x1920", NULL };
  g_auto (GStrv) env = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (g_getenv ("MDG_SCREENS_PORTRAIT") != NULL)
    {
      walk_at (4);
      return;
    }
  env = g_environ_setenv (g_get_environ (), "MDG_SCREENS_PORTRAIT", "1", TRUE);
  /* Criterion's own worker map: the inner run must start as a run of its own. */
  env = g_environ_unsetenv (env, "BXFI_MAP");
  cr_assert (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                           &status, &error),
             "%s", error ? error->message : "");
  cr_assert (g_spawn_check_wait_status (status, NULL), "on a 1080 × 1920 display:\n%s", err);
  cr_assert (strstr (err, "Passing: 1") != NULL, "the portrait walk did not run:\n%s", err);
}
