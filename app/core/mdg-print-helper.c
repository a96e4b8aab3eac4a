/* mdg-print-helper.c: where the madoguchi-print helper is. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-print-helper.h"

/* MADOGUCHI_PRINT_HELPER (set by meson devenv and the tests) finds an uninstalled build. */
char *
mdg_print_helper_path (void)
{
  const char *path = g_getenv ("MADOGUCHI_PRINT_HELPER");

  if (path != NULL && *path != '\0')
    return g_strdup (path);
  return g_build_filename (LIBEXECDIR, "madoguchi-print", NULL);
}
