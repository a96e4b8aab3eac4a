/* mdg-bar-chart.h: a plain horizontal bar chart of labelled counts, for the day's summary. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MDG_TYPE_BAR_CHART (mdg_bar_chart_get_type ())
G_DECLARE_FINAL_TYPE (MdgBarChart, mdg_bar_chart, MDG, BAR_CHART, GtkWidget)

GtkWidget *mdg_bar_chart_new       (void);
void       mdg_bar_chart_clear     (MdgBarChart *self);
void       mdg_bar_chart_add       (MdgBarChart *self,
                                    const char  *label,
                                    guint        value);
guint      mdg_bar_chart_get_n_bars (MdgBarChart *self);
guint      mdg_bar_chart_get_value (MdgBarChart *self,
                                    guint        index);

G_END_DECLS
