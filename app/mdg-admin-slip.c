/* mdg-admin-slip.c: the module behind madoguchi-admin slip, the only admin code that draws. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gmodule.h>

#include "mdg-admin-module.h"
#include "mdg-print.h"
#include "mdg-slip.h"
#include "mdg-store-slip.h"

static gboolean
paper_from_string (const char *name,
                   int        *paper)
{
  MdgSlipPaper found;

  if (!mdg_slip_paper_from_string (name, &found))
    return FALSE;
  *paper = found;
  return TRUE;
}

static gboolean
output (MdgStore   *store,
        MdgInquiry *inquiry,
        MdgFlow    *flow,
        GSettings  *settings,
        int         paper,
        const char *pdf,
        const char *queue,
        GError    **error)
{
  g_autoptr (MdgSlipData) data = mdg_slip_data_new (inquiry, flow, settings);

  if (queue != NULL)
    {
      /* The same helper and deadline as the kiosk; a printed slip is marked as the kiosk does. */
      if (!mdg_print_slip_sync (queue, data, paper,
                                g_settings_get_uint (settings, "print-timeout-seconds"), error)
          || !mdg_store_set_printed (store, data->number, TRUE, error))
        return FALSE;
      g_print ("%s: printed the slip for %s\n", queue, data->number);
      return TRUE;
    }
  if (!mdg_slip_write_pdf (data, paper, pdf, error))
    return FALSE;
  g_print ("%s: the slip for %s\n", pdf, mdg_inquiry_get_number (inquiry));
  return TRUE;
}

G_MODULE_EXPORT extern const MdgAdminSlip mdg_admin_slip;
G_MODULE_EXPORT const MdgAdminSlip mdg_admin_slip = { paper_from_string, output };
