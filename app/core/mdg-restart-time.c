/* mdg-restart-time.c: the kiosk's daily restart at a quiet hour, read from restart-time. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mdg-restart-time.h"

static gboolean
two_digits (const char *text,
            int         max,
            int        *value)
{
  if (!g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]))
    return FALSE;
  *value = (text[0] - '0') * 10 + (text[1] - '0');
  return *value <= max;
}

/* "HH:MM" (or "HH:MM:SS"), 24-hour, local time: seconds after midnight. */
gboolean
mdg_restart_time_parse (const char *text,
                        int        *seconds)
{
  int hours, minutes, secs = 0;
  gsize length;

  g_return_val_if_fail (text != NULL && seconds != NULL, FALSE);

  length = strlen (text);
  if ((length != 5 && length != 8) || text[2] != ':' || !two_digits (text, 23, &hours)
      || !two_digits (text + 3, 59, &minutes)
      || (length == 8 && (text[5] != ':' || !two_digits (text + 6, 59, &secs))))
    return FALSE;
  *seconds = hours * 3600 + minutes * 60 + secs;
  return TRUE;
}

/* The time of day to restart at, or -1 when restart-time is '' (never). A malformed value gets
 * one warning naming the key, and the default is used. */
int
mdg_restart_time_get (GSettings *settings)
{
  g_autofree char *text = NULL;
  int seconds = -1;

  g_return_val_if_fail (G_IS_SETTINGS (settings), -1);

  text = g_settings_get_string (settings, "restart-time");
  if (*text == '\0')
    return -1;
  if (!mdg_restart_time_parse (text, &seconds))
    {
      g_warning ("setting restart-time is “%.40s”, not a time of day (HH:MM); using "
                 MDG_RESTART_TIME_DEFAULT, text);
      mdg_restart_time_parse (MDG_RESTART_TIME_DEFAULT, &seconds);
    }
  return seconds;
}

/* Once a day: the restart moment of now's day has passed since the kiosk started. A kiosk
 * started just after it (as after its own restart) waits for the next day's. */
gboolean
mdg_restart_time_due (GDateTime *started,
                      GDateTime *now,
                      int        seconds)
{
  g_autoptr (GDateTime) midnight = NULL;
  g_autoptr (GDateTime) moment = NULL;

  g_return_val_if_fail (started != NULL && now != NULL, FALSE);

  if (seconds < 0)
    return FALSE;
  midnight = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                              g_date_time_get_month (now), g_date_time_get_day_of_month (now), 0,
                              0, 0);
  moment = g_date_time_add_seconds (midnight, seconds);
  return g_date_time_compare (started, moment) < 0 && g_date_time_compare (moment, now) <= 0;
}
