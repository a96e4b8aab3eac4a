/* mdg-period.h: the stretches of days the figures are counted over: a day, a week (Monday to
 * Sunday), a month, or a fiscal year (April 1 to March 31), in local time. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  MDG_PERIOD_DAY,
  MDG_PERIOD_WEEK,
  MDG_PERIOD_MONTH,
  MDG_PERIOD_FISCAL_YEAR,
} MdgPeriodKind;

/* First and last day, both included; a fiscal year is named by the year it starts in. */
typedef struct
{
  MdgPeriodKind kind;
  GDate first;
  GDate last;
} MdgPeriod;

gboolean  mdg_period_parse_day      (const char          *text,
                                     GDate               *day);
gboolean  mdg_period_parse          (MdgPeriodKind        kind,
                                     const char          *text,
                                     MdgPeriod           *period,
                                     GError             **error);
char     *mdg_period_format_day     (const GDate         *day);
void      mdg_period_containing     (MdgPeriodKind        kind,
                                     const GDate         *day,
                                     MdgPeriod           *period);
void      mdg_period_shift          (MdgPeriod           *period,
                                     int                  steps);
char     *mdg_period_format_id      (const MdgPeriod     *period);
char     *mdg_period_format_label   (const MdgPeriod     *period,
                                     const char          *language);
gint64    mdg_period_start_unix     (const MdgPeriod     *period);
gint64    mdg_period_end_unix       (const MdgPeriod     *period);
GArray   *mdg_period_split_weeks    (const MdgPeriod     *period);
guint     mdg_period_week_index     (const MdgPeriod     *period,
                                     const GDate         *day);

G_END_DECLS
