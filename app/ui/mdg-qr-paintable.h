/* mdg-qr-paintable.h: a QR code that GTK can draw at any size. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-qr.h"

G_BEGIN_DECLS

#define MDG_TYPE_QR_PAINTABLE (mdg_qr_paintable_get_type ())
G_DECLARE_FINAL_TYPE (MdgQrPaintable, mdg_qr_paintable, MDG, QR_PAINTABLE, GObject)

MdgQrPaintable *mdg_qr_paintable_new (MdgQr *qr);

G_END_DECLS
