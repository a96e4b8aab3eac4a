/* mdg-qr.c: a QR code as a square matrix of modules, from libqrencode (error correction M). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <qrencode.h>

#include "mdg-error.h"
#include "mdg-qr.h"

struct _MdgQr
{
  gatomicrefcount ref_count;
  guint width;
  guint8 *modules; /* width × width, 1 where dark */
};

MdgQr *
mdg_qr_new (const char *text,
            GError    **error)
{
  QRcode *code;
  MdgQr *self;

  g_return_val_if_fail (text != NULL, NULL);

  code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  if (code == NULL)
    {
      int saved = errno;

      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "The address cannot be made into a QR code: %s", g_strerror (saved));
      return NULL;
    }

  self = g_new0 (MdgQr, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->width = code->width;
  self->modules = g_malloc ((gsize) code->width * code->width);
  for (gsize i = 0; i < (gsize) code->width * code->width; i++)
    self->modules[i] = code->data[i] & 1;
  QRcode_free (code);
  return self;
}

MdgQr *
mdg_qr_ref (MdgQr *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mdg_qr_unref (MdgQr *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_free (self->modules);
      g_free (self);
    }
}

/* Modules across, without the quiet zone. */
guint
mdg_qr_get_width (const MdgQr *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->width;
}

gboolean
mdg_qr_is_dark (const MdgQr *self,
                guint        x,
                guint        y)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (x >= self->width || y >= self->width)
    return FALSE;
  return self->modules[(gsize) y * self->width + x] != 0;
}
