/* mdg-org-item.c: one organisation of the directory as an item of a GListModel. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mdg-org-item.h"

struct _MdgOrgItem
{
  GObject parent_instance;

  MdgOrg *org;
  char *folded; /* name, area, contact and notes, case-folded, for the desk's search */
};

G_DEFINE_FINAL_TYPE (MdgOrgItem, mdg_org_item, G_TYPE_OBJECT)

static void
mdg_org_item_finalize (GObject *object)
{
  MdgOrgItem *self = MDG_ORG_ITEM (object);

  mdg_org_free (self->org);
  g_free (self->folded);
  G_OBJECT_CLASS (mdg_org_item_parent_class)->finalize (object);
}

static void
mdg_org_item_class_init (MdgOrgItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mdg_org_item_finalize;
}

static void
mdg_org_item_init (MdgOrgItem *self)
{
}

/* Takes org. */
MdgOrgItem *
mdg_org_item_new (MdgOrg *org)
{
  MdgOrgItem *self;
  g_autofree char *text = NULL;

  g_return_val_if_fail (org != NULL && org->name != NULL, NULL);

  self = g_object_new (MDG_TYPE_ORG_ITEM, NULL);
  self->org = org;
  text = g_strjoin ("\n", org->name, org->area != NULL ? org->area : "",
                    org->contact != NULL ? org->contact : "", org->notes != NULL ? org->notes : "",
                    NULL);
  self->folded = g_utf8_casefold (text, -1);
  return self;
}

const MdgOrg *
mdg_org_item_get_org (MdgOrgItem *self)
{
  g_return_val_if_fail (MDG_IS_ORG_ITEM (self), NULL);
  return self->org;
}

/* Whether the name, area, contact or notes hold folded_text (already case-folded). */
gboolean
mdg_org_item_matches (MdgOrgItem *self,
                      const char *folded_text)
{
  g_return_val_if_fail (MDG_IS_ORG_ITEM (self), FALSE);
  return folded_text == NULL || *folded_text == '\0' || strstr (self->folded, folded_text) != NULL;
}
