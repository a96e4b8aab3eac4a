/* mdg-admin-table.h: madoguchi-admin's tables: columns aligned for a terminal, and the list
 * of a day's inquiries that list and the city-wide list print. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-flow.h"
#include "mdg-inquiry.h"

G_BEGIN_DECLS

void mdg_admin_print_table (GPtrArray *rows,
                            guint      n_cols);

typedef struct _MdgAdminList MdgAdminList;

MdgAdminList *mdg_admin_list_new         (MdgFlow      *flow,
                                          const char   *language,
                                          gboolean      with_center);
void          mdg_admin_list_free        (MdgAdminList *list);
void          mdg_admin_list_add_inquiry (MdgInquiry   *inquiry,
                                          gpointer      list);
void          mdg_admin_list_add_at      (MdgAdminList *list,
                                          const char   *center,
                                          MdgInquiry   *inquiry);
void          mdg_admin_list_print       (MdgAdminList *list,
                                          const char   *day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgAdminList, mdg_admin_list_free)

G_END_DECLS
