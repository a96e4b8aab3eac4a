/* main.c: the kiosk's entry point. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gtk/gtk.h>

#include "mdg-application.h"
#include "mdg-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (MdgApplication) app = NULL;
  int status;

  mdg_i18n_init ();
  gtk_disable_setlocale (); /* mdg_i18n_init chose a locale in which LANGUAGE works */
  app = mdg_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  return status != 0 ? status : mdg_application_get_exit_status (app); /* the daily restart's */
}
