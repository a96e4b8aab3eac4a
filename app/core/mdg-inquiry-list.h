/* mdg-inquiry-list.h: one day's inquiries as a list model that follows the store. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-flow.h"
#include "mdg-store.h"

G_BEGIN_DECLS

#define MDG_INQUIRY_LIST_POLL_SECONDS 10

typedef enum
{
  MDG_INQUIRY_KEY_NUMBER,
  MDG_INQUIRY_KEY_TIME,
  MDG_INQUIRY_KEY_PURPOSE,
  MDG_INQUIRY_KEY_WHO,
  MDG_INQUIRY_KEY_FOLLOWUP,
  MDG_INQUIRY_KEY_STATUS,
  MDG_INQUIRY_KEY_COORDINATOR,
  MDG_INQUIRY_KEY_MEETING,
} MdgInquiryKey;

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

/* Matching, ordering and counting, shared by the desk's filters, sorters and summary. */
const char     *mdg_inquiry_first_answer    (MdgInquiry     *inquiry,
                                             const char     *step_id);
gboolean        mdg_inquiry_needs_attention (MdgInquiry     *inquiry);
gboolean        mdg_inquiry_matches         (MdgInquiry     *inquiry,
                                             const char     *status,
                                             const char     *purpose,
                                             const char     *text,
                                             MdgFlow        *flow);
int             mdg_inquiry_compare         (MdgInquiry     *a,
                                             MdgInquiry     *b,
                                             MdgInquiryKey   key);
char           *mdg_inquiry_describe_answer (MdgInquiry     *inquiry,
                                             MdgFlow        *flow,
                                             const char     *step_id,
                                             const char     *language);
const char     *mdg_inquiry_status_label    (const char     *status,
                                             const char     *language);
GHashTable     *mdg_inquiry_count_answers   (GListModel     *inquiries,
                                             const char     *step_id);
void            mdg_inquiry_count_hours     (GListModel     *inquiries,
                                             guint           counts[24]);

G_END_DECLS
