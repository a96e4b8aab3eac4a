/* mdg-bar-chart.c: a plain horizontal bar chart of labelled counts, for the day's summary. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-bar-chart.h"

#define ROW_HEIGHT 28
#define ROW_GAP 6
#define LABEL_WIDTH 340
#define VALUE_WIDTH 56

typedef struct
{
  char *label;
  guint value;
} Bar;

struct _MdgBarChart
{
  GtkWidget parent_instance;

  GArray *bars; /* Bar */
};

G_DEFINE_FINAL_TYPE (MdgBarChart, mdg_bar_chart, GTK_TYPE_WIDGET)

static void
clear_bar (Bar *bar)
{
  g_free (bar->label);
}

static void
mdg_bar_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  MdgBarChart *self = MDG_BAR_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = LABEL_WIDTH + VALUE_WIDTH + 100;
      *natural = LABEL_WIDTH + VALUE_WIDTH + 400;
    }
  else
    *minimum = *natural = MAX (self->bars->len, 1) * (ROW_HEIGHT + ROW_GAP);
}

static void
draw_text (GtkWidget   *widget,
           GtkSnapshot *snapshot,
           const char  *text,
           int          x,
           int          y,
           int          width,
           const GdkRGBA *color)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int text_width, text_height;

  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y + (ROW_HEIGHT - text_height) / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
  g_object_unref (layout);
}

static void
mdg_bar_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  MdgBarChart *self = MDG_BAR_CHART (widget);
  GdkRGBA bar_color = { 0.114, 0.361, 0.388, 1 }; /* the header's teal */
  GdkRGBA track_color = { 0.114, 0.361, 0.388, 0.12 };
  GdkRGBA text_color;
  int width = gtk_widget_get_width (widget);
  int track = MAX (width - LABEL_WIDTH - VALUE_WIDTH - 16, 10);
  guint max = 1;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &text_color);
  for (guint i = 0; i < self->bars->len; i++)
    max = MAX (max, g_array_index (self->bars, Bar, i).value);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      int y = i * (ROW_HEIGHT + ROW_GAP);
      g_autofree char *value = g_strdup_printf ("%u", bar->value);
      float length = (float) track * bar->value / max;

      draw_text (widget, snapshot, bar->label, 0, y, LABEL_WIDTH - 12, &text_color);
      gtk_snapshot_append_color (snapshot, &track_color,
                                 &GRAPHENE_RECT_INIT (LABEL_WIDTH, y + 4, track, ROW_HEIGHT - 8));
      if (bar->value > 0)
        gtk_snapshot_append_color (snapshot, &bar_color,
                                   &GRAPHENE_RECT_INIT (LABEL_WIDTH, y + 4, MAX (length, 2),
                                                        ROW_HEIGHT - 8));
      draw_text (widget, snapshot, value, LABEL_WIDTH + track + 12, y, VALUE_WIDTH, &text_color);
    }
}

static void
mdg_bar_chart_finalize (GObject *object)
{
  g_array_unref (MDG_BAR_CHART (object)->bars);
  G_OBJECT_CLASS (mdg_bar_chart_parent_class)->finalize (object);
}

static void
mdg_bar_chart_class_init (MdgBarChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = mdg_bar_chart_finalize;
  widget_class->measure = mdg_bar_chart_measure;
  widget_class->snapshot = mdg_bar_chart_snapshot;
  gtk_widget_class_set_css_name (widget_class, "barchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mdg_bar_chart_init (MdgBarChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, (GDestroyNotify) clear_bar);
}

GtkWidget *
mdg_bar_chart_new (void)
{
  return g_object_new (MDG_TYPE_BAR_CHART, NULL);
}

void
mdg_bar_chart_clear (MdgBarChart *self)
{
  g_return_if_fail (MDG_IS_BAR_CHART (self));

  g_array_set_size (self->bars, 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
mdg_bar_chart_add (MdgBarChart *self,
                   const char  *label,
                   guint        value)
{
  Bar bar = { g_strdup (label), value };

  g_return_if_fail (MDG_IS_BAR_CHART (self));

  g_array_append_val (self->bars, bar);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
mdg_bar_chart_get_n_bars (MdgBarChart *self)
{
  g_return_val_if_fail (MDG_IS_BAR_CHART (self), 0);
  return self->bars->len;
}

guint
mdg_bar_chart_get_value (MdgBarChart *self,
                         guint        index)
{
  g_return_val_if_fail (MDG_IS_BAR_CHART (self), 0);
  g_return_val_if_fail (index < self->bars->len, 0);
  return g_array_index (self->bars, Bar, index).value;
}
