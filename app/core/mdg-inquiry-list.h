/* mdg-inquiry-list.h: one day's inquiries as a list model that follows the store. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-flow.h"
#include "mdg-store.h"

G_BEGIN_DECLS

#define MDG_INQUIRY_LIST_POLL_SECONDS 10


#define MDG_TYPE_INQUIRY_LIST (mdg_inquiry_list_get_type ())
G_DECLARE_FINAL_TYPE (MdgInquiryList, mdg_inquiry_list, MDG, INQUIRY_LIST, GObject)

MdgInquiryList *mdg_inquiry_list_new        (MdgStore       *store,
                                             const char     *day,
                                             GError        **error);
const char     *mdg_inquiry_list_get_day    (MdgInquiryList *self);
gboolean        mdg_inquiry_list_set_day    (MdgInquiryList *self,
                                             const char     *day,
                                             GError        **error);
gboolean        mdg_inquiry_list_refresh    (MdgInquiryList *self,
                                             GError        **error);
gboolean        mdg_inquiry_list_poll       (MdgInquiryList *self,
                                             GError        **error);
void            mdg_inquiry_list_set_polling (MdgInquiryList *self,
                                              guint           seconds);

/* Counting, for the desk's summary. */
GHashTable     *mdg_inquiry_list_count_answers (GListModel *inquiries,
                                                const char *step_id);
GHashTable     *mdg_inquiry_list_count_channels (GListModel *inquiries);
void            mdg_inquiry_list_count_hours   (GListModel *inquiries,
                                                guint       counts[24]);

G_END_DECLS
