/* mdg-done-view.h: the done page's number, next step, slip status and follow-up QR code. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-inquiry.h"
#include "mdg-visit.h"

G_BEGIN_DECLS

#define MDG_TYPE_DONE_VIEW (mdg_done_view_get_type ())
G_DECLARE_FINAL_TYPE (MdgDoneView, mdg_done_view, MDG, DONE_VIEW, GtkWidget)

MdgDoneView *mdg_done_view_new              (MdgVisit    *visit);
void         mdg_done_view_set_inquiry      (MdgDoneView *self,
                                             MdgInquiry  *inquiry);
void         mdg_done_view_update_texts     (MdgDoneView *self);
void         mdg_done_view_set_print_status (MdgDoneView *self,
                                             const char  *message,
                                             gboolean     failed);
gboolean     mdg_done_view_shows_code       (MdgDoneView *self);

G_END_DECLS
