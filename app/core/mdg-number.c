/* mdg-number.c: inquiry numbers, YYMMDD-NNN: made, read back and called out. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mdg-number.h"

char *
mdg_number_format (GDateTime *local_time,
                   guint      sequence)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (local_time != NULL, NULL);
  g_return_val_if_fail (sequence > 0, NULL);

  day = g_date_time_format (local_time, "%y%m%d");
  return g_strdup_printf ("%s-%03u", day, sequence);
}

/* "261129-007" → day "2026-11-29", sequence 7. */
gboolean
mdg_number_parse (const char *number,
                  char      **day,
                  guint      *sequence)
{
  guint64 seq = 0;
  int yy, mm, dd;

  if (number == NULL || strlen (number) < 10 || number[6] != '-')
    return FALSE;
  for (int i = 0; i < 6; i++)
    if (!g_ascii_isdigit (number[i]))
      return FALSE;
  if (!g_ascii_string_to_unsigned (number + 7, 10, 1, G_MAXUINT32, &seq, NULL))
    return FALSE;
  yy = (number[0] - '0') * 10 + (number[1] - '0');
  mm = (number[2] - '0') * 10 + (number[3] - '0');
  dd = (number[4] - '0') * 10 + (number[5] - '0');
  if (!g_date_valid_dmy (dd, mm, 2000 + yy))
    return FALSE;
  if (day != NULL)
    *day = g_strdup_printf ("%04d-%02d-%02d", 2000 + yy, mm, dd);
  if (sequence != NULL)
    *sequence = seq;
  return TRUE;
}

/* What the desk calls out: "007" of "261129-007". */
const char *
mdg_number_call_part (const char *number)
{
  const char *dash = number != NULL ? strchr (number, '-') : NULL;

  return dash != NULL ? dash + 1 : number;
}
