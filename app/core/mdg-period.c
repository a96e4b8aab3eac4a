/* mdg-period.c: the stretches of days the figures are counted over, parsed strictly, moved
 * back and forth, named, and cut into weeks; their bounds in local time. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "mdg-error.h"
#include "mdg-i18n.h"
#include "mdg-period.h"

/* Day strings compare as text in the store: keep every year four digits wide. */
#define FIRST_YEAR 1000
#define LAST_YEAR 9998

/* Japanese cities count from April 1 to March 31. */
#define FISCAL_MONTH G_DATE_APRIL

static gboolean
digits (const char *text,
        guint       from,
        guint       to)
{
  for (guint i = from; i < to; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
year_in_range (int year)
{
  return year >= FIRST_YEAR && year <= LAST_YEAR;
}

/* Exactly YYYY-MM-DD in ASCII digits: no sign, no space, no other width, a real date. */
gboolean
mdg_period_parse_day (const char *text,
                      GDate      *day)
{
  int y, m, d;

  g_return_val_if_fail (day != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-'
      || !digits (text, 0, 4) || !digits (text, 5, 7) || !digits (text, 8, 10))
    return FALSE;
  y = atoi (text);
  m = atoi (text + 5);
  d = atoi (text + 8);
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (day, 1);
  g_date_set_dmy (day, d, m, y);
  return TRUE;
}

void
mdg_period_containing (MdgPeriodKind  kind,
                       const GDate   *day,
                       MdgPeriod     *period)
{
  GDateYear year;

  g_return_if_fail (day != NULL && g_date_valid (day) && period != NULL);

  period->kind = kind;
  period->first = *day;
  switch (kind)
    {
    case MDG_PERIOD_DAY:
      break;
    case MDG_PERIOD_WEEK:
      g_date_subtract_days (&period->first, g_date_get_weekday (day) - G_DATE_MONDAY);
      break;
    case MDG_PERIOD_MONTH:
      g_date_set_day (&period->first, 1);
      break;
    case MDG_PERIOD_FISCAL_YEAR:
      year = g_date_get_year (day);
      if (g_date_get_month (day) < FISCAL_MONTH)
        year--;
      g_date_set_dmy (&period->first, 1, FISCAL_MONTH, year);
      break;
    default:
      g_assert_not_reached ();
    }
  period->last = period->first;
  switch (kind)
    {
    case MDG_PERIOD_DAY:
      return;
    case MDG_PERIOD_WEEK:
      g_date_add_days (&period->last, 6);
      return;
    case MDG_PERIOD_MONTH:
      g_date_add_months (&period->last, 1);
      break;
    case MDG_PERIOD_FISCAL_YEAR:
      g_date_add_years (&period->last, 1);
      break;
    default:
      g_assert_not_reached ();
    }
  g_date_subtract_days (&period->last, 1);
}

static const char *
kind_word (MdgPeriodKind kind)
{
  static const char *words[] = { "a day", "a week", "a month", "a fiscal year" };

  return words[kind];
}

/* A day as YYYY-MM-DD for a day or the week that holds it, YYYY-MM for a month, YYYY for the
 * fiscal year that starts on April 1 of that year. */
gboolean
mdg_period_parse (MdgPeriodKind   kind,
                  const char     *text,
                  MdgPeriod      *period,
                  GError        **error)
{
  static const char *forms[] = { "YYYY-MM-DD", "YYYY-MM-DD (any day of the week)", "YYYY-MM",
                                 "YYYY" };
  GDate day;
  gboolean ok = FALSE;

  g_return_val_if_fail (kind <= MDG_PERIOD_FISCAL_YEAR && period != NULL, FALSE);

  g_date_clear (&day, 1);
  if (text == NULL)
    text = "";
  switch (kind)
    {
    case MDG_PERIOD_DAY:
    case MDG_PERIOD_WEEK:
      ok = mdg_period_parse_day (text, &day);
      break;
    case MDG_PERIOD_MONTH:
      {
        g_autofree char *first = g_strconcat (text, "-01", NULL);

        ok = strlen (text) == 7 && mdg_period_parse_day (first, &day);
      }
      break;
    case MDG_PERIOD_FISCAL_YEAR:
      ok = strlen (text) == 4 && digits (text, 0, 4);
      if (ok)
        g_date_set_dmy (&day, 1, FISCAL_MONTH, atoi (text));
      break;
    default:
      g_assert_not_reached ();
    }
  if (ok && !year_in_range (g_date_get_year (&day)))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "%s is given as %s with a year from %d to %d, not “%s”", kind_word (kind),
                   forms[kind], FIRST_YEAR, LAST_YEAR, text);
      return FALSE;
    }
  if (!ok)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT, "%s is given as %s, not “%s”",
                   kind_word (kind), forms[kind], text);
      return FALSE;
    }
  mdg_period_containing (kind, &day, period);
  return TRUE;
}

/* The period `steps` before (negative) or after this one, of the same kind; it stays within
 * the years a period can be given for. */
void
mdg_period_shift (MdgPeriod *period,
                  int        steps)
{
  GDate day;

  g_return_if_fail (period != NULL && g_date_valid (&period->first));

  day = period->first;
  switch (period->kind)
    {
    case MDG_PERIOD_DAY:
    case MDG_PERIOD_WEEK:
      if (steps > 0)
        g_date_add_days (&day, steps * (period->kind == MDG_PERIOD_WEEK ? 7 : 1));
      else
        g_date_subtract_days (&day, -steps * (period->kind == MDG_PERIOD_WEEK ? 7 : 1));
      break;
    case MDG_PERIOD_MONTH:
    case MDG_PERIOD_FISCAL_YEAR:
      if (steps > 0)
        g_date_add_months (&day, steps * (period->kind == MDG_PERIOD_MONTH ? 1 : 12));
      else
        g_date_subtract_months (&day, -steps * (period->kind == MDG_PERIOD_MONTH ? 1 : 12));
      break;
    default:
      g_assert_not_reached ();
    }
  if (year_in_range (g_date_get_year (&day)))
    mdg_period_containing (period->kind, &day, period);
}

/* YYYY-MM-DD, as the store keeps an inquiry's local day. */
char *
mdg_period_format_day (const GDate *day)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (day), g_date_get_month (day),
                          g_date_get_day (day));
}

/* What mdg_period_parse takes back; the week is named by its Monday. */
char *
mdg_period_format_id (const MdgPeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);

  switch (period->kind)
    {
    case MDG_PERIOD_DAY:
    case MDG_PERIOD_WEEK:
      return mdg_period_format_day (&period->first);
    case MDG_PERIOD_MONTH:
      return g_strdup_printf ("%04u-%02u", g_date_get_year (&period->first),
                              g_date_get_month (&period->first));
    case MDG_PERIOD_FISCAL_YEAR:
      return g_strdup_printf ("%04u", g_date_get_year (&period->first));
    default:
      g_assert_not_reached ();
    }
}

/* The period as the center names it to the city: 2026年度 / FY2026, 2026年4月 / 2026-04. */
char *
mdg_period_format_label (const MdgPeriod *period,
                         const char      *language)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  g_return_val_if_fail (period != NULL, NULL);

  switch (period->kind)
    {
    case MDG_PERIOD_DAY:
      return mdg_period_format_day (&period->first);
    case MDG_PERIOD_WEEK:
      first = mdg_period_format_day (&period->first);
      last = mdg_period_format_day (&period->last);
      return g_strdup_printf (mdg_i18n_translate_in (language, N_("Week of %s to %s")), first, last);
    case MDG_PERIOD_MONTH:
      /* TRANSLATORS: a month: the year, then the month's number */
      return g_strdup_printf (mdg_i18n_translate_in (language, N_("%d-%02d")),
                              (int) g_date_get_year (&period->first),
                              (int) g_date_get_month (&period->first));
    case MDG_PERIOD_FISCAL_YEAR:
      /* TRANSLATORS: a fiscal year, April to March, named by the year it starts in */
      return g_strdup_printf (mdg_i18n_translate_in (language, N_("FY%d")),
                              (int) g_date_get_year (&period->first));
    default:
      g_assert_not_reached ();
    }
}

static gint64
local_midnight (const GDate *day)
{
  g_autoptr (GDateTime) time = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                                     g_date_get_day (day), 0, 0, 0);

  return g_date_time_to_unix (time);
}

/* The first second of the first day, local time. */
gint64
mdg_period_start_unix (const MdgPeriod *period)
{
  g_return_val_if_fail (period != NULL, 0);
  return local_midnight (&period->first);
}

/* The first second after the last day, local time. */
gint64
mdg_period_end_unix (const MdgPeriod *period)
{
  GDate after;

  g_return_val_if_fail (period != NULL, 0);

  after = period->last;
  g_date_add_days (&after, 1);
  return local_midnight (&after);
}

static guint
monday_julian (const GDate *day)
{
  return g_date_get_julian (day) - (g_date_get_weekday (day) - G_DATE_MONDAY);
}

/* The period's weeks, Monday to Sunday, the first and last cut to the period: a fiscal year
 * starting on a Wednesday begins with a week of five days. */
GArray *
mdg_period_split_weeks (const MdgPeriod *period)
{
  GArray *weeks = g_array_new (FALSE, TRUE, sizeof (MdgPeriod));
  guint last = g_date_get_julian (&period->last);
  guint start = g_date_get_julian (&period->first);

  while (start <= last)
    {
      MdgPeriod week = { MDG_PERIOD_WEEK };
      guint end;

      g_date_clear (&week.first, 1);
      g_date_clear (&week.last, 1);
      g_date_set_julian (&week.first, start);
      end = MIN (monday_julian (&week.first) + 6, last);
      g_date_set_julian (&week.last, end);
      g_array_append_val (weeks, week);
      start = end + 1;
    }
  return weeks;
}

/* Which of mdg_period_split_weeks' weeks holds `day` (a day within the period). */
guint
mdg_period_week_index (const MdgPeriod *period,
                       const GDate     *day)
{
  g_return_val_if_fail (period != NULL && day != NULL, 0);
  g_return_val_if_fail (g_date_compare (day, &period->first) >= 0
                          && g_date_compare (day, &period->last) <= 0, 0);

  return (monday_julian (day) - monday_julian (&period->first)) / 7;
}
