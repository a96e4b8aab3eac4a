/* mdg-inquiry-detail.h: one inquiry at the staff desk: answers, contact, status, coordinator,
 * meeting flag, notes and its timeline. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-flow.h"
#include "mdg-inquiry.h"
#include "mdg-store.h"

G_BEGIN_DECLS

#define MDG_TYPE_INQUIRY_DETAIL (mdg_inquiry_detail_get_type ())
G_DECLARE_FINAL_TYPE (MdgInquiryDetail, mdg_inquiry_detail, MDG, INQUIRY_DETAIL, GtkWidget)

MdgInquiryDetail *mdg_inquiry_detail_new         (MdgStore         *store,
                                                  MdgFlow          *flow,
                                                  GSettings        *settings);
MdgInquiry       *mdg_inquiry_detail_get_inquiry (MdgInquiryDetail *self);
void              mdg_inquiry_detail_set_inquiry (MdgInquiryDetail *self,
                                                  MdgInquiry       *inquiry);
void              mdg_inquiry_detail_refresh     (MdgInquiryDetail *self);

G_END_DECLS
