/* mdg-figures.h: the figures the center reports to the city over a period: inquiries per week
 * by purpose, area, who and channel; introductions made and joined; cases closed; as CSV. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-flow.h"
#include "mdg-period.h"
#include "mdg-store.h"

G_BEGIN_DECLS

/* One line of figures: a measure ("inquiries", "introductions", "joined", "closed", item NULL)
 * or one item of a breakdown ("purpose", "themes", "who", "channel"), counted per week. */
typedef struct
{
  const char *figure;
  char *item;
  char *label;  /* the item's label (or the measure's name) in the figures' language */
  guint *weeks; /* one count for each of the figures' weeks */
  guint total;
} MdgFiguresRow;

typedef struct
{
  MdgPeriod period;
  char *language;
  GArray *weeks;   /* MdgPeriod: the period's weeks, Monday to Sunday, cut to the period */
  GPtrArray *rows; /* MdgFiguresRow: the measures and breakdowns in the order they are shown */
} MdgFigures;

void                 mdg_figures_free         (MdgFigures       *figures);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgFigures, mdg_figures_free)

MdgFigures          *mdg_figures_count        (MdgStore         *store,
                                               MdgFlow          *flow,
                                               const MdgPeriod  *period,
                                               const char       *language,
                                               GError          **error);
const MdgFiguresRow *mdg_figures_lookup       (MdgFigures       *figures,
                                               const char       *figure,
                                               const char       *item);
guint                mdg_figures_get_total    (MdgFigures       *figures,
                                               const char       *figure,
                                               const char       *item);
const char          *mdg_figures_figure_title (const char       *figure,
                                               const char       *language);
const char * const  *mdg_figures_breakdowns   (void);

gboolean             mdg_figures_write_csv    (MdgFigures       *figures,
                                               GOutputStream    *out,
                                               GError          **error);
gboolean             mdg_figures_write_csv_file (MdgFigures     *figures,
                                                 MdgStore       *store,
                                                 const char     *path,
                                                 GError        **error);

G_END_DECLS
