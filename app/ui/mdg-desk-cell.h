/* mdg-desk-cell.h: one cell of the desk's list: a line of text cut with "…", sized in characters. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MDG_TYPE_DESK_CELL (mdg_desk_cell_get_type ())
G_DECLARE_FINAL_TYPE (MdgDeskCell, mdg_desk_cell, MDG, DESK_CELL, GtkWidget)

GtkWidget  *mdg_desk_cell_new      (guint        min_chars,
                                    guint        nat_chars);
void        mdg_desk_cell_set_text (MdgDeskCell *self,
                                    const char  *text);
const char *mdg_desk_cell_get_text (MdgDeskCell *self);

G_END_DECLS
