/* mdg-token.c: follow-up tokens from the kernel's CSPRNG. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
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
