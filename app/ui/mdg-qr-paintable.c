/* mdg-qr-paintable.c: draws whole-pixel modules with a quiet zone, so any size scans crisply. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-qr-paintable.h"

struct _MdgQrPaintable
{
  GObject parent_instance;

  MdgQr *qr;
};

static void paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MdgQrPaintable, mdg_qr_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, paintable_iface_init))

static void
mdg_qr_paintable_snapshot (GdkPaintable *paintable,
                           GdkSnapshot  *snapshot,
                           double        width,
                           double        height)
{
  MdgQrPaintable *self = MDG_QR_PAINTABLE (paintable);
  guint modules = mdg_qr_get_width (self->qr);
  guint total = modules + 2 * MDG_QR_QUIET_ZONE;
  double side = MIN (width, height);
  int module = MAX (1, (int) (side / total)); /* whole pixels: no blurred edges */
  double offset_x = floor ((width - module * total) / 2);
  double offset_y = floor ((height - module * total) / 2);
  GdkRGBA white = { 1, 1, 1, 1 }, black = { 0, 0, 0, 1 };

  gtk_snapshot_append_color (snapshot, &white,
                             &GRAPHENE_RECT_INIT (offset_x, offset_y, module * total, module * total));
  for (guint y = 0; y < modules; y++)
    for (guint x = 0; x < modules; x++)
      if (mdg_qr_is_dark (self->qr, x, y))
        gtk_snapshot_append_color (snapshot, &black,
                                   &GRAPHENE_RECT_INIT (offset_x + (x + MDG_QR_QUIET_ZONE) * module,
                                                        offset_y + (y + MDG_QR_QUIET_ZONE) * module,
                                                        module, module));
}

static int
mdg_qr_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  MdgQrPaintable *self = MDG_QR_PAINTABLE (paintable);

  return (mdg_qr_get_width (self->qr) + 2 * MDG_QR_QUIET_ZONE) * 8;
}

static double
mdg_qr_paintable_get_intrinsic_aspect_ratio (GdkPaintable *paintable)
{
  return 1.0;
}

static GdkPaintableFlags
mdg_qr_paintable_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_CONTENTS | GDK_PAINTABLE_STATIC_SIZE;
}

static void
paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = mdg_qr_paintable_snapshot;
  iface->get_intrinsic_width = mdg_qr_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = mdg_qr_paintable_get_intrinsic_width;
  iface->get_intrinsic_aspect_ratio = mdg_qr_paintable_get_intrinsic_aspect_ratio;
  iface->get_flags = mdg_qr_paintable_get_flags;
}

static void
mdg_qr_paintable_finalize (GObject *object)
{
  MdgQrPaintable *self = MDG_QR_PAINTABLE (object);

  g_clear_pointer (&self->qr, mdg_qr_unref);
  G_OBJECT_CLASS (mdg_qr_paintable_parent_class)->finalize (object);
}

static void
mdg_qr_paintable_class_init (MdgQrPaintableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mdg_qr_paintable_finalize;
}

static void
mdg_qr_paintable_init (MdgQrPaintable *self)
{
}

MdgQrPaintable *
mdg_qr_paintable_new (MdgQr *qr)
{
  MdgQrPaintable *self;

  g_return_val_if_fail (qr != NULL, NULL);

  self = g_object_new (MDG_TYPE_QR_PAINTABLE, NULL);
  self->qr = mdg_qr_ref (qr);
  return self;
}
