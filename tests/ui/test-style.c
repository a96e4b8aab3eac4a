/* test-style.c: the kiosk's style sheet parses cleanly, so no rule is silently dropped. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <gtk/gtk.h>

#include "mdg-resources.h"

static void
parsing_error_cb (GtkCssProvider *provider,
                  GtkCssSection  *section,
                  const GError   *error,
                  guint          *count)
{
  g_autofree char *where = gtk_css_section_to_string (section);

  cr_log_error ("style.css: %s: %s", where, error->message);
  (*count)++;
}

Test (ui_style, parses_without_errors)
{
  g_autoptr (GtkCssProvider) provider = NULL;
  guint errors = 0;

  gtk_init ();
  g_resources_register (mdg_get_resource ());
  provider = gtk_css_provider_new ();
  g_signal_connect (provider, "parsing-error", G_CALLBACK (parsing_error_cb), &errors);
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  cr_assert_eq (errors, 0, "style.css has %u parse errors", errors);
}
