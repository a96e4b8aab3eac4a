/* mdg-page-deck.h: the visit's pages, one made for each kind of step and shown in turn. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-inquiry.h"
#include "mdg-page.h"
#include "mdg-visit.h"

G_BEGIN_DECLS

#define MDG_TYPE_PAGE_DECK (mdg_page_deck_get_type ())
G_DECLARE_FINAL_TYPE (MdgPageDeck, mdg_page_deck, MDG, PAGE_DECK, GtkWidget)

MdgPageDeck *mdg_page_deck_new        (MdgVisit    *visit,
                                       GSettings   *settings);
void         mdg_page_deck_show_step  (MdgPageDeck *self,
                                       MdgInquiry  *inquiry);
MdgPage     *mdg_page_deck_get_page   (MdgPageDeck *self);
void         mdg_page_deck_build_ahead (MdgPageDeck *self);

G_END_DECLS
