/* test-kiosk.c: the kiosk window walked as a visitor would, down to the committed row. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <gtk/gtk.h>

#include "fixtures.h"
#include "mdg-application.h"
#include "mdg-i18n.h"
#include "mdg-window.h"

static char *dir;
static MdgApplication *app;
static MdgWindow *window;

static void
iterate (void)
{
  for (int i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static void
setup (void)
{
  g_autofree char *db = NULL;

  mdg_i18n_init ();
  gtk_disable_setlocale ();
  gtk_init ();
  dir = fixture_tmpdir ();
  db = g_build_filename (dir, "inquiries.db", NULL);
  app = g_object_new (MDG_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                      G_APPLICATION_NON_UNIQUE, "database", db, "language", "ja", NULL);
  cr_assert (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = mdg_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
}

static void
teardown (void)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

TestSuite (ui_kiosk, .init = setup, .fini = teardown);

static void
act (const char *action,
     const char *target)
{
  cr_assert (gtk_widget_activate_action (GTK_WIDGET (window), action, target ? "s" : NULL, target),
             "action %s", action);
  iterate ();
}

static const char *
current_step (void)
{
  return mdg_step_get_id (mdg_visit_get_step (mdg_window_get_visit (window)));
}

Test (ui_kiosk, walks_to_a_committed_inquiry)
{
  MdgStore *store = mdg_application_get_store (app);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr (GPtrArray) rows = NULL;

  cr_assert_str_eq (current_step (), "welcome");
  act ("visit.next", NULL);
  act ("visit.choose", "partners");
  act ("visit.toggle", "culture");
  act ("visit.next", NULL);
  act ("visit.choose", "company");
  act ("visit.choose", "preparing");
  act ("visit.next", NULL);
  act ("visit.choose", "now");
  cr_assert_str_eq (current_step (), "review");

  rows = mdg_store_list_day (store, day, NULL);
  cr_assert_eq (rows->len, 0, "nothing is written before Send");
  g_clear_pointer (&rows, g_ptr_array_unref);

  act ("visit.send", NULL);
  cr_assert_str_eq (current_step (), "done");
  rows = mdg_store_list_day (store, day, NULL);
  cr_assert_eq (rows->len, 1);
  cr_assert_str_eq (mdg_inquiry_get_followup (g_ptr_array_index (rows, 0)), "now");
  cr_assert_str_eq (g_ptr_array_index (mdg_inquiry_get_answer (g_ptr_array_index (rows, 0), "purpose"), 0),
                    "partners");
}

Test (ui_kiosk, language_switch_keeps_answers)
{
  act ("visit.next", NULL);
  act ("visit.choose", "join");
  act ("visit.toggle", "work");
  act ("visit.language", "en");
  cr_assert_str_eq (mdg_i18n_get_language (), "en");
  cr_assert_str_eq (current_step (), "themes");
  cr_assert (mdg_visit_has_choice (mdg_window_get_visit (window), "themes", "work"));
  cr_assert (mdg_visit_has_choice (mdg_window_get_visit (window), "purpose", "join"));
}
