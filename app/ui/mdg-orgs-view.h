/* mdg-orgs-view.h: the organisations directory at the staff desk: browse, search, add, edit
 * and de-activate. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-flow.h"
#include "mdg-store.h"

G_BEGIN_DECLS

#define MDG_TYPE_ORGS_VIEW (mdg_orgs_view_get_type ())
G_DECLARE_FINAL_TYPE (MdgOrgsView, mdg_orgs_view, MDG, ORGS_VIEW, GtkWidget)

MdgOrgsView *mdg_orgs_view_new      (MdgStore    *store,
                                     MdgFlow     *flow);
GListModel  *mdg_orgs_view_get_rows (MdgOrgsView *self);
void         mdg_orgs_view_reload   (MdgOrgsView *self);

G_END_DECLS
