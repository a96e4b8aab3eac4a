/* mdg-desk.h: the staff desk: the day's inquiries, one inquiry's detail, the day's summary, the
 * figures over a period, the exports and the organisations directory, behind the PIN. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-figures-view.h"
#include "mdg-flow.h"
#include "mdg-inquiry-detail.h"
#include "mdg-orgs-view.h"
#include "mdg-store.h"

G_BEGIN_DECLS

#define MDG_TYPE_DESK (mdg_desk_get_type ())
G_DECLARE_FINAL_TYPE (MdgDesk, mdg_desk, MDG, DESK, GtkWidget)

MdgDesk          *mdg_desk_new        (MdgStore       *store,
                                       MdgFlow        *flow,
                                       GSettings      *settings);
GListModel       *mdg_desk_get_rows   (MdgDesk        *self);
MdgInquiryDetail *mdg_desk_get_detail (MdgDesk        *self);
MdgOrgsView      *mdg_desk_get_orgs   (MdgDesk        *self);
MdgFiguresView   *mdg_desk_get_figures (MdgDesk       *self);
gboolean          mdg_desk_set_day    (MdgDesk        *self,
                                       const char     *day);
void              mdg_desk_show       (MdgDesk        *self,
                                       MdgInquiry     *inquiry);

G_END_DECLS
