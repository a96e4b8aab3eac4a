/* mdg-desk-cell.c: one cell of the desk's list: a line of text cut with "…", sized in characters. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "mdg-desk-cell.h"

/* Like a GtkInscription, whose size never depends on its text; unlike it, a cell does not ask
 * Pango for the font's metrics on every measure (each time shaping a sample text): the desk's
 * 2,000 cells share a few fonts, so the metrics are kept per font. */
struct _MdgDeskCell
{
  GtkWidget parent_instance;

  char *text;
  guint min_chars;
  guint nat_chars;
  PangoLayout *layout; /* made on the first paint, dropped when the text or the style changes */
};

G_DEFINE_FINAL_TYPE (MdgDeskCell, mdg_desk_cell, GTK_TYPE_WIDGET)

typedef struct
{
  int char_width;    /* Pango units: the wider of an average character and a digit */
  int line_height;   /* pixels */
  double resolution; /* the screen's, which the metrics were taken at */
} CellMetrics;

static const CellMetrics *
cell_metrics (MdgDeskCell *self)
{
  static GHashTable *known = NULL; /* PangoFontDescription → CellMetrics */
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double resolution = pango_cairo_context_get_resolution (context);
  CellMetrics *metrics;
  PangoFontMetrics *font_metrics;

  if (known == NULL)
    known = g_hash_table_new_full ((GHashFunc) pango_font_description_hash,
                                   (GEqualFunc) pango_font_description_equal,
                                   (GDestroyNotify) pango_font_description_free, g_free);
  metrics = g_hash_table_lookup (known, font);
  if (metrics != NULL && metrics->resolution == resolution)
    return metrics;
  font_metrics = pango_context_get_metrics (context, NULL, NULL);
  metrics = g_new (CellMetrics, 1);
  metrics->char_width = MAX (pango_font_metrics_get_approximate_char_width (font_metrics),
                             pango_font_metrics_get_approximate_digit_width (font_metrics));
  metrics->line_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (font_metrics)
                                            + pango_font_metrics_get_descent (font_metrics));
  metrics->resolution = resolution;
  pango_font_metrics_unref (font_metrics);
  g_hash_table_insert (known, pango_font_description_copy (font), metrics);
  return metrics;
}

static void
mdg_desk_cell_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  MdgDeskCell *self = MDG_DESK_CELL (widget);
  const CellMetrics *metrics = cell_metrics (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = PANGO_PIXELS_CEIL (self->min_chars * metrics->char_width);
      *natural = MAX (PANGO_PIXELS_CEIL (self->nat_chars * metrics->char_width), *minimum);
    }
  else
    *minimum = *natural = metrics->line_height;
}

static void
mdg_desk_cell_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  MdgDeskCell *self = MDG_DESK_CELL (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  PangoRectangle logical;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (self->layout, -1); /* one line */
    }
  pango_layout_set_width (self->layout, width * PANGO_SCALE);
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_snapshot_render_layout (snapshot, gtk_widget_get_style_context (widget),
                              gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL
                                ? width - logical.width - logical.x : -logical.x,
                              floor ((height - logical.height) / 2.0) - logical.y, self->layout);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
mdg_desk_cell_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  MdgDeskCell *self = MDG_DESK_CELL (widget);

  GTK_WIDGET_CLASS (mdg_desk_cell_parent_class)->css_changed (widget, change);
  g_clear_object (&self->layout); /* its font may have changed */
}

static void
mdg_desk_cell_finalize (GObject *object)
{
  MdgDeskCell *self = MDG_DESK_CELL (object);

  g_free (self->text);
  g_clear_object (&self->layout);
  G_OBJECT_CLASS (mdg_desk_cell_parent_class)->finalize (object);
}

static void
mdg_desk_cell_class_init (MdgDeskCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mdg_desk_cell_finalize;
  widget_class->measure = mdg_desk_cell_measure;
  widget_class->snapshot = mdg_desk_cell_snapshot;
  widget_class->css_changed = mdg_desk_cell_css_changed;
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
mdg_desk_cell_init (MdgDeskCell *self)
{
}

/* A cell asking for min_chars characters' width at least and nat_chars if it can have them. */
GtkWidget *
mdg_desk_cell_new (guint min_chars,
                   guint nat_chars)
{
  MdgDeskCell *self = g_object_new (MDG_TYPE_DESK_CELL, NULL);

  self->min_chars = min_chars;
  self->nat_chars = nat_chars;
  return GTK_WIDGET (self);
}

void
mdg_desk_cell_set_text (MdgDeskCell *self,
                        const char  *text)
{
  g_return_if_fail (MDG_IS_DESK_CELL (self));
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_object (&self->layout);
  /* What a screen reader reads, as a label's text would be. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->text != NULL ? self->text : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
mdg_desk_cell_get_text (MdgDeskCell *self)
{
  g_return_val_if_fail (MDG_IS_DESK_CELL (self), NULL);
  return self->text;
}
