/* mdg-qr.h: a QR code as a square matrix of modules, from libqrencode. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MDG_QR_QUIET_ZONE 4

typedef struct _MdgQr MdgQr;

MdgQr    *mdg_qr_new        (const char *text,
                             GError    **error);
MdgQr    *mdg_qr_ref        (MdgQr      *self);
void      mdg_qr_unref      (MdgQr      *self);
guint     mdg_qr_get_width  (const MdgQr *self);
gboolean  mdg_qr_is_dark    (const MdgQr *self,
                             guint        x,
                             guint        y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgQr, mdg_qr_unref)

G_END_DECLS
