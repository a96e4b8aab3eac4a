/* mdg-slip-printer.h: prints one visitor's slip through the madoguchi-print helper process. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-flow.h"
#include "mdg-inquiry.h"
#include "mdg-store.h"

G_BEGIN_DECLS

typedef enum
{
  MDG_SLIP_STATUS_NONE,     /* no printer is configured: nothing to say */
  MDG_SLIP_STATUS_PRINTING,
  MDG_SLIP_STATUS_PRINTED,
  MDG_SLIP_STATUS_FAILED,
} MdgSlipStatus;

#define MDG_TYPE_SLIP_PRINTER (mdg_slip_printer_get_type ())
G_DECLARE_FINAL_TYPE (MdgSlipPrinter, mdg_slip_printer, MDG, SLIP_PRINTER, GObject)

MdgSlipPrinter *mdg_slip_printer_new         (MdgStore       *store,
                                              MdgFlow        *flow,
                                              GSettings      *settings,
                                              MdgInquiry     *inquiry);
void            mdg_slip_printer_start       (MdgSlipPrinter *self);
MdgSlipStatus   mdg_slip_printer_get_status  (MdgSlipPrinter *self);
const char     *mdg_slip_printer_get_number  (MdgSlipPrinter *self);
int             mdg_slip_printer_get_job_id  (MdgSlipPrinter *self);
gboolean        mdg_slip_printer_is_busy     (MdgSlipPrinter *self);
const char     *mdg_slip_printer_get_message (MdgSlipPrinter *self,
                                              gboolean        code_on_screen);

G_END_DECLS
