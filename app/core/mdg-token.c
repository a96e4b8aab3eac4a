/* mdg-token.c: inquiry numbers (YYMMDD-NNN) and follow-up tokens from the kernel's CSPRNG. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "mdg-error.h"
#include "mdg-token.h"

/* 128 bits from getrandom(), base64url without padding: 22 characters. */
char *
mdg_token_new (GError **error)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  guint8 bytes[MDG_TOKEN_BYTES];
  gsize filled = 0;
  GString *token;
  guint32 bits = 0;
  int n_bits = 0;

  while (filled < sizeof bytes)
    {
      ssize_t got = getrandom (bytes + filled, sizeof bytes - filled, 0);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved = errno;

          g_set_error (error, MDG_ERROR, MDG_ERROR_STORE_FAILED,
                       "No random numbers from the kernel: %s", g_strerror (saved));
          return NULL;
        }
      filled += got;
    }

  token = g_string_sized_new (24);
  for (gsize i = 0; i < sizeof bytes; i++)
    {
      bits = (bits << 8) | bytes[i];
      n_bits += 8;
      while (n_bits >= 6)
        {
          n_bits -= 6;
          g_string_append_c (token, alphabet[(bits >> n_bits) & 0x3f]);
        }
    }
  if (n_bits > 0)
    g_string_append_c (token, alphabet[(bits << (6 - n_bits)) & 0x3f]);
  memset (bytes, 0, sizeof bytes);
  return g_string_free (token, FALSE);
}

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
