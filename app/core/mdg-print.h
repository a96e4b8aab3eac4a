/* mdg-print.h: starts the madoguchi-print helper, the only part of Madoguchi that talks to CUPS. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-print-helper.h"
#include "mdg-slip.h"

G_BEGIN_DECLS

/* What the desk tells staff about the slip printer. */
typedef enum
{
  MDG_PRINTER_NOT_CONFIGURED, /* the printer-name setting is empty */
  MDG_PRINTER_READY,
  MDG_PRINTER_BUSY,
  MDG_PRINTER_OUT_OF_PAPER,
  MDG_PRINTER_COVER_OPEN,
  MDG_PRINTER_JAMMED,
  MDG_PRINTER_PAUSED,         /* stopped (cupsdisable), or not accepting jobs */
  MDG_PRINTER_PROBLEM,        /* another error the printer reports */
  MDG_PRINTER_NOT_FOUND,      /* CUPS has no such queue */
  MDG_PRINTER_UNREACHABLE,    /* the print service does not answer */
} MdgPrinterState;

/* The helper's own deadline is this much shorter than the caller's kill. */
#define MDG_PRINT_GRACE_SECONDS 1.0

GSubprocess     *mdg_print_spawn_job     (const char          *queue,
                                          const char          *pdf,
                                          const char          *title,
                                          double               seconds,
                                          GSubprocessFlags     flags,
                                          GError             **error);
char            *mdg_print_write_slip    (const MdgSlipData   *data,
                                          MdgSlipPaper         paper,
                                          GError             **error);
void             mdg_print_remove_slip   (const char          *pdf);
gboolean         mdg_print_slip_sync     (const char          *queue,
                                          const MdgSlipData   *data,
                                          MdgSlipPaper         paper,
                                          double               seconds,
                                          GError             **error);
MdgPrinterState  mdg_print_parse_status  (const char          *line);
void             mdg_print_status_async  (const char          *queue,
                                          double               seconds,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
MdgPrinterState  mdg_print_status_finish (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
