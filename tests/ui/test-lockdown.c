/* test-lockdown.c: the visitor cannot leave the kiosk: its fullscreen window refuses to close
 * and nothing binds a key to quitting or closing. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <gtk/gtk.h>

#include "fixtures.h"
#include "mdg-application.h"
#include "mdg-i18n.h"

static char *dir;

static void
setup (void)
{
  mdg_i18n_init ();
  gtk_disable_setlocale ();
  gtk_init ();
  dir = fixture_tmpdir ();
}

static void
teardown (void)
{
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

TestSuite (ui_lockdown, .init = setup, .fini = teardown);

static void
iterate (void)
{
  for (int i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

Test (ui_lockdown, the_fullscreen_kiosk_refuses_to_close)
{
  g_autofree char *db = g_build_filename (dir, "inquiries.db", NULL);
  g_autoptr (MdgApplication) app = g_object_new (MDG_TYPE_APPLICATION, "application-id", APP_ID,
                                                 "flags", G_APPLICATION_NON_UNIQUE, "database", db,
                                                 "language", "ja", NULL);
  g_auto (GStrv) actions = NULL;
  GtkWindow *window;

  cr_assert (g_application_register (G_APPLICATION (app), NULL, NULL));
  /* What the kiosk does at start without --windowed. */
  g_application_activate (G_APPLICATION (app));
  iterate ();
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  cr_assert_not_null (window, "no kiosk window");
  cr_assert_not (gtk_window_get_deletable (window), "the window offers a close button");

  gtk_window_close (window);
  iterate ();
  cr_assert_eq (gtk_application_get_active_window (GTK_APPLICATION (app)), window,
                "a close request closed the kiosk");
  cr_assert (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* No accelerator quits or closes anything (GtkWindow itself binds none to closing). */
  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  cr_assert_eq (g_strv_length (actions), 0, "keys bound to %s", actions[0]);
  gtk_window_destroy (window);
}
