/* mdg-org-item.h: one organisation of the directory as an item of a GListModel. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mdg-orgs.h"

G_BEGIN_DECLS

#define MDG_TYPE_ORG_ITEM (mdg_org_item_get_type ())
G_DECLARE_FINAL_TYPE (MdgOrgItem, mdg_org_item, MDG, ORG_ITEM, GObject)

MdgOrgItem   *mdg_org_item_new     (MdgOrg     *org);
const MdgOrg *mdg_org_item_get_org (MdgOrgItem *self);
gboolean      mdg_org_item_matches (MdgOrgItem *self,
                                    const char *folded_text);

G_END_DECLS
