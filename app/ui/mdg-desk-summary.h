/* mdg-desk-summary.h: the desk's summary page: the day's counts by purpose, area, hour and
 * channel, and the exports. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-flow.h"
#include "mdg-inquiry-list.h"

G_BEGIN_DECLS

#define MDG_TYPE_DESK_SUMMARY (mdg_desk_summary_get_type ())
G_DECLARE_FINAL_TYPE (MdgDeskSummary, mdg_desk_summary, MDG, DESK_SUMMARY, GtkWidget)

MdgDeskSummary *mdg_desk_summary_new (MdgInquiryList *list,
                                      MdgFlow        *flow);

G_END_DECLS
