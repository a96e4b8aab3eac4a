/* mdg-figures-view.h: the desk's figures over a chosen day, week, month or fiscal year. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-figures.h"
#include "mdg-flow.h"
#include "mdg-store.h"

G_BEGIN_DECLS

#define MDG_TYPE_FIGURES_VIEW (mdg_figures_view_get_type ())
G_DECLARE_FINAL_TYPE (MdgFiguresView, mdg_figures_view, MDG, FIGURES_VIEW, GtkWidget)

MdgFiguresView *mdg_figures_view_new            (MdgStore        *store,
                                                 MdgFlow         *flow);
void            mdg_figures_view_show_period    (MdgFiguresView  *self,
                                                 const MdgPeriod *period);
MdgFigures     *mdg_figures_view_get_figures    (MdgFiguresView  *self);
char           *mdg_figures_view_dup_file_name  (MdgFiguresView  *self);

G_END_DECLS
