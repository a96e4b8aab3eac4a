/* mdg-staff-entry.h: an inquiry that staff type for a visitor at the counter, a caller or an
 * e-mail (代理入力), through the kiosk's own pages. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-flow.h"
#include "mdg-store.h"
#include "mdg-visit.h"

G_BEGIN_DECLS

#define MDG_TYPE_STAFF_ENTRY (mdg_staff_entry_get_type ())
G_DECLARE_FINAL_TYPE (MdgStaffEntry, mdg_staff_entry, MDG, STAFF_ENTRY, GtkWidget)

MdgStaffEntry *mdg_staff_entry_new            (MdgStore      *store,
                                               GSettings     *settings,
                                               MdgVisit      *visit);
MdgVisit      *mdg_staff_entry_get_visit      (MdgStaffEntry *self);
gboolean       mdg_staff_entry_in_progress    (MdgStaffEntry *self);
gboolean       mdg_staff_entry_visit_in_progress (MdgVisit   *visit);

G_END_DECLS
