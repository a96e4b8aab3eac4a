/* mdg-admin-module.c: finds and opens madoguchi-admin's loadable parts. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gmodule.h>

#include "mdg-admin-module.h"
#include "mdg-error.h"

/* MADOGUCHI_MODULE_DIR (set by meson devenv and the tests) finds an uninstalled build. The
 * module stays loaded: what it returns (rows and their free function) outlives the call. */
static gconstpointer
load (const char *file,
      const char *table,
      const char *what,
      GError    **error)
{
  const char *dir = g_getenv ("MADOGUCHI_MODULE_DIR");
  g_autofree char *path = g_build_filename (dir != NULL && *dir != '\0' ? dir : MODULEDIR, file,
                                            NULL);
  g_autoptr (GError) local = NULL;
  GModule *module = g_module_open_full (path, G_MODULE_BIND_LOCAL, &local);
  gpointer found = NULL;

  if (module == NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, "%s needs its module, which cannot be loaded: %s",
                   what, local->message);
      return NULL;
    }
  if (!g_module_symbol (module, table, &found) || found == NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, "%s needs its module, but %s is not one: %s",
                   what, path, g_module_error ());
      g_module_close (module);
      return NULL;
    }
  g_module_make_resident (module);
  return found;
}

const MdgAdminSlip *
mdg_admin_slip_load (GError **error)
{
  return load ("madoguchi-admin-slip.so", "mdg_admin_slip", "drawing the slip", error);
}

const MdgAdminCity *
mdg_admin_city_load (GError **error)
{
  return load ("madoguchi-admin-city.so", "mdg_admin_city", "the central database (--pg)", error);
}
