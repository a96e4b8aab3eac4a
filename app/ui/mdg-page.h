/* mdg-page.h: one page of the visitor's path, made for a kind of step and bound to each step of
 * that kind in turn. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-inquiry.h"
#include "mdg-visit.h"

G_BEGIN_DECLS

#define MDG_TYPE_PAGE (mdg_page_get_type ())
G_DECLARE_FINAL_TYPE (MdgPage, mdg_page, MDG, PAGE, GtkWidget)

MdgPage    *mdg_page_new              (MdgVisit    *visit,
                                       GSettings   *settings,
                                       MdgStepKind  kind);
void        mdg_page_bind             (MdgPage     *self,
                                       MdgInquiry  *inquiry);
void        mdg_page_unbind           (MdgPage     *self);
void        mdg_page_refresh          (MdgPage     *self);
void        mdg_page_explain_blocked  (MdgPage     *self);
void        mdg_page_show_error       (MdgPage     *self,
                                       const char  *message);
gboolean    mdg_page_shows_code       (MdgPage     *self);
void        mdg_page_set_print_status (MdgPage     *self,
                                       const char  *message,
                                       gboolean     failed);

G_END_DECLS
