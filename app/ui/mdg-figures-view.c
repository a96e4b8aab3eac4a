/* mdg-figures-view.c: the desk's figures over a chosen day, week, month or fiscal year: the
 * totals, one measure per week, and the breakdowns by purpose, area, who and channel. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-bar-chart.h"
#include "mdg-figures-view.h"
#include "mdg-i18n.h"
#include "mdg-translatable.h"

/* The measures shown as tiles; a tap on one shows it per week. */
static const char *const measures[] = { "inquiries", "introductions", "joined", "closed" };

static const char *const kind_ids[] = { "day", "week", "month", "fiscal-year" };

struct _MdgFiguresView
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkScrolledWindow *scroller;
  GtkLabel *period_label;
  GtkLabel *message_label;
  GtkFlowBox *totals_box;
  GtkLabel *weeks_heading;
  MdgBarChart *weeks_chart;
  GtkBox *breakdowns_box;

  /* owned references */
  MdgStore *store;
  MdgFlow *flow;
  char *language;
  char *kind;   /* one of kind_ids: the "figures.kind" action's state */
  char *weekly; /* one of measures: the "figures.weekly" action's state */
  GDate anchor; /* the day the periods are chosen around: today, until staff move */
  MdgPeriod period;
  MdgFigures *figures; /* NULL when the store could not be read */
  GtkLabel *totals[G_N_ELEMENTS (measures)];
  GtkLabel *captions[G_N_ELEMENTS (measures)];
  GPtrArray *headings; /* GtkLabel, one per breakdown */
  GPtrArray *charts;   /* MdgBarChart, one per breakdown */
};

G_DEFINE_FINAL_TYPE (MdgFiguresView, mdg_figures_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_STORE, PROP_FLOW, PROP_LANGUAGE, PROP_KIND, PROP_WEEKLY, N_PROPS };
static GParamSpec *properties[N_PROPS];

static MdgPeriodKind
kind_from_id (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_ids); i++)
    if (g_strcmp0 (id, kind_ids[i]) == 0)
      return i;
  return MDG_PERIOD_DAY;
}

static char *
week_label (const MdgPeriod *week)
{
  if (g_date_compare (&week->first, &week->last) == 0)
    return g_strdup_printf ("%02u-%02u", g_date_get_month (&week->first), g_date_get_day (&week->first));
  return g_strdup_printf ("%02u-%02u – %02u-%02u", g_date_get_month (&week->first),
                          g_date_get_day (&week->first), g_date_get_month (&week->last),
                          g_date_get_day (&week->last));
}

static void
show_weekly (MdgFiguresView *self)
{
  const MdgFiguresRow *row = self->figures != NULL
                               ? mdg_figures_lookup (self->figures, self->weekly, NULL) : NULL;
  /* TRANSLATORS: a heading: a measure (e.g. Number of inquiries), then "per week" */
  g_autofree char *heading = g_strdup_printf (mdg_i18n_translate_in (self->language, N_("%s per week")),
                                              mdg_figures_figure_title (self->weekly, self->language));

  gtk_label_set_label (self->weeks_heading, heading);
  mdg_bar_chart_clear (self->weeks_chart);
  for (guint w = 0; row != NULL && w < self->figures->weeks->len; w++)
    {
      g_autofree char *label = week_label (&g_array_index (self->figures->weeks, MdgPeriod, w));

      mdg_bar_chart_add (self->weeks_chart, label, row->weeks[w]);
    }
}

static void
show_breakdowns (MdgFiguresView *self)
{
  const char *const *ids = mdg_figures_breakdowns ();

  for (guint b = 0; ids[b] != NULL; b++)
    {
      MdgBarChart *chart = g_ptr_array_index (self->charts, b);

      gtk_label_set_label (g_ptr_array_index (self->headings, b),
                           mdg_figures_figure_title (ids[b], self->language));
      mdg_bar_chart_clear (chart);
      for (guint i = 0; self->figures != NULL && i < self->figures->rows->len; i++)
        {
          const MdgFiguresRow *row = g_ptr_array_index (self->figures->rows, i);

          if (g_str_equal (row->figure, ids[b]))
            mdg_bar_chart_add (chart, row->label, row->total);
        }
    }
}

/* Counts the chosen period again and shows it; a store that cannot be read says why. */
static void
refresh (MdgFiguresView *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *label = mdg_period_format_label (&self->period, self->language);
  g_autofree char *first = mdg_period_format_day (&self->period.first);
  g_autofree char *last = mdg_period_format_day (&self->period.last);
  g_autofree char *text = self->period.kind == MDG_PERIOD_DAY
                            ? g_strdup (label) : g_strdup_printf ("%s (%s – %s)", label, first, last);

  gtk_label_set_label (self->period_label, text);
  g_clear_pointer (&self->figures, mdg_figures_free);
  self->figures = mdg_figures_count (self->store, self->flow, &self->period, self->language, &error);
  if (self->figures == NULL)
    {
      g_autofree char *message = g_strdup_printf (
        mdg_i18n_translate_in (self->language, N_("The figures could not be counted: %s")),
        error->message);

      g_warning ("%s", message);
      gtk_label_set_label (self->message_label, message);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), self->figures == NULL);
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    {
      g_autofree char *total = g_strdup_printf ("%u", self->figures != NULL
                                                        ? mdg_figures_get_total (self->figures, measures[i], NULL)
                                                        : 0);

      gtk_label_set_label (self->totals[i], total);
      gtk_label_set_label (self->captions[i], mdg_figures_figure_title (measures[i], self->language));
    }
  show_weekly (self);
  show_breakdowns (self);
}

static void
choose (MdgFiguresView *self,
        MdgPeriodKind   kind)
{
  mdg_period_containing (kind, &self->anchor, &self->period);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
}

/* Shows `period` and keeps its first day as the one the other kinds are chosen around. */
void
mdg_figures_view_show_period (MdgFiguresView  *self,
                              const MdgPeriod *period)
{
  g_return_if_fail (MDG_IS_FIGURES_VIEW (self));
  g_return_if_fail (period != NULL && g_date_valid (&period->first));

  self->anchor = period->first;
  if (g_strcmp0 (self->kind, kind_ids[period->kind]) != 0)
    {
      g_free (self->kind);
      self->kind = g_strdup (kind_ids[period->kind]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
  self->period = *period;
  refresh (self);
}

static void
move (MdgFiguresView *self,
      int             steps)
{
  MdgPeriod period = self->period;

  mdg_period_shift (&period, steps);
  mdg_figures_view_show_period (self, &period);
}

static void
previous_action (GtkWidget *widget, const char *name, GVariant *param)
{
  move (MDG_FIGURES_VIEW (widget), -1);
}

static void
next_action (GtkWidget *widget, const char *name, GVariant *param)
{
  move (MDG_FIGURES_VIEW (widget), 1);
}

/* Counted when shown, so the figures include what the kiosk took since. */
static void
mdg_figures_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (mdg_figures_view_parent_class)->map (widget);
  refresh (MDG_FIGURES_VIEW (widget));
}

MdgFigures *
mdg_figures_view_get_figures (MdgFiguresView *self)
{
  g_return_val_if_fail (MDG_IS_FIGURES_VIEW (self), NULL);
  return self->figures;
}

/* A name for the CSV that says which period it holds: figures-fy2026.csv. */
char *
mdg_figures_view_dup_file_name (MdgFiguresView *self)
{
  static const char *prefixes[] = { "", "week-", "", "fy" };
  g_autofree char *id = NULL;

  g_return_val_if_fail (MDG_IS_FIGURES_VIEW (self), NULL);

  id = mdg_period_format_id (&self->period);
  return g_strdup_printf ("figures-%s%s.csv", prefixes[self->period.kind], id);
}

static void
add_tiles (MdgFiguresView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
    {
      GtkWidget *tile = gtk_toggle_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

      self->totals[i] = GTK_LABEL (gtk_label_new ("0"));
      self->captions[i] = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_wrap (self->captions[i], TRUE);
      gtk_label_set_justify (self->captions[i], GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (GTK_WIDGET (self->totals[i]), "figures-total");
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->totals[i]));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->captions[i]));
      gtk_button_set_child (GTK_BUTTON (tile), box);
      gtk_widget_add_css_class (tile, "figures-tile");
      gtk_widget_set_name (tile, measures[i]);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (tile), "figures.weekly");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (tile), "s", measures[i]);
      /* The button is named by what it counts, not by the number on it. */
      gtk_accessible_update_relation (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      self->captions[i], self->totals[i], NULL, -1);
      gtk_flow_box_append (self->totals_box, tile);
    }
}

static void
add_breakdowns (MdgFiguresView *self)
{
  const char *const *ids = mdg_figures_breakdowns ();

  for (guint b = 0; ids[b] != NULL; b++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
      GtkWidget *heading = gtk_label_new (NULL);
      GtkWidget *chart = mdg_bar_chart_new ();

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "heading");
      gtk_widget_set_name (chart, ids[b]);
      gtk_box_append (GTK_BOX (box), heading);
      gtk_box_append (GTK_BOX (box), chart);
      gtk_box_append (self->breakdowns_box, box);
      g_ptr_array_add (self->headings, heading);
      g_ptr_array_add (self->charts, chart);
    }
}

static void
mdg_figures_view_dispose (GObject *object)
{
  MdgFiguresView *self = MDG_FIGURES_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_FIGURES_VIEW);
  g_clear_pointer (&self->figures, mdg_figures_free);
  g_clear_pointer (&self->headings, g_ptr_array_unref);
  g_clear_pointer (&self->charts, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->flow);
  G_OBJECT_CLASS (mdg_figures_view_parent_class)->dispose (object);
}

static void
mdg_figures_view_finalize (GObject *object)
{
  MdgFiguresView *self = MDG_FIGURES_VIEW (object);

  g_free (self->language);
  g_free (self->kind);
  g_free (self->weekly);
  G_OBJECT_CLASS (mdg_figures_view_parent_class)->finalize (object);
}

static void
mdg_figures_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdgFiguresView *self = MDG_FIGURES_VIEW (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_WEEKLY:
      g_value_set_string (value, self->weekly);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
is_measure (const char *id)
{
  return g_strv_contains (measures, id);
}

static void
mdg_figures_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  MdgFiguresView *self = MDG_FIGURES_VIEW (object);
  const char *text;

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_FLOW:
      self->flow = g_value_dup_object (value);
      break;
    case PROP_LANGUAGE:
      text = g_value_get_string (value);
      if (!mdg_i18n_is_supported (text) || g_strcmp0 (self->language, text) == 0)
        return;
      g_free (self->language);
      self->language = g_strdup (text);
      mdg_translatable_update (GTK_WIDGET (self));
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        refresh (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_KIND:
      text = g_value_get_string (value);
      if (!g_strv_contains (kind_ids, text) || g_strcmp0 (self->kind, text) == 0)
        return;
      g_free (self->kind);
      self->kind = g_strdup (text);
      choose (self, kind_from_id (text));
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_WEEKLY:
      text = g_value_get_string (value);
      if (!is_measure (text) || g_strcmp0 (self->weekly, text) == 0)
        return;
      g_free (self->weekly);
      self->weekly = g_strdup (text);
      show_weekly (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_figures_view_class_init (MdgFiguresViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_figures_view_dispose;
  object_class->finalize = mdg_figures_view_finalize;
  object_class->get_property = mdg_figures_view_get_property;
  object_class->set_property = mdg_figures_view_set_property;
  widget_class->map = mdg_figures_view_map;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, MDG_TYPE_STORE,
                                                G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY
                                                  | G_PARAM_STATIC_STRINGS);
  properties[PROP_FLOW] = g_param_spec_object ("flow", NULL, NULL, MDG_TYPE_FLOW,
                                               G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY
                                                 | G_PARAM_STATIC_STRINGS);
  /* The staff's language: the desk binds it to its own. */
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                     | G_PARAM_STATIC_STRINGS);
  /* day, week, month or fiscal-year: the period chooser's buttons. */
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, "day",
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                 | G_PARAM_STATIC_STRINGS);
  /* The measure shown per week: the tile tapped last. */
  properties[PROP_WEEKLY] = g_param_spec_string ("weekly", NULL, NULL, "inquiries",
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                   | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MDG_TYPE_BAR_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mdg-figures-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgFiguresView, scroller);
  gtk_widget_class_bind_template_child (widget_class, MdgFiguresView, period_label);
  gtk_widget_class_bind_template_child (widget_class, MdgFiguresView, message_label);
  gtk_widget_class_bind_template_child (widget_class, MdgFiguresView, totals_box);
  gtk_widget_class_bind_template_child (widget_class, MdgFiguresView, weeks_heading);
  gtk_widget_class_bind_template_child (widget_class, MdgFiguresView, weeks_chart);
  gtk_widget_class_bind_template_child (widget_class, MdgFiguresView, breakdowns_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_property_action (widget_class, "figures.kind", "kind");
  gtk_widget_class_install_property_action (widget_class, "figures.weekly", "weekly");
  gtk_widget_class_install_action (widget_class, "figures.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "figures.next", NULL, next_action);
}

static void
mdg_figures_view_init (MdgFiguresView *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  self->language = g_strdup (mdg_i18n_get_language ());
  self->kind = g_strdup ("day");
  self->weekly = g_strdup ("inquiries");
  self->headings = g_ptr_array_new ();
  self->charts = g_ptr_array_new ();
  g_date_clear (&self->anchor, 1);
  g_date_set_dmy (&self->anchor, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  mdg_period_containing (MDG_PERIOD_DAY, &self->anchor, &self->period);
  gtk_widget_init_template (GTK_WIDGET (self));
  mdg_translatable_adopt (GTK_WIDGET (self));
  add_tiles (self);
  add_breakdowns (self);
}

MdgFiguresView *
mdg_figures_view_new (MdgStore *store,
                      MdgFlow  *flow)
{
  g_return_val_if_fail (MDG_IS_STORE (store), NULL);
  g_return_val_if_fail (flow == NULL || MDG_IS_FLOW (flow), NULL);

  return g_object_new (MDG_TYPE_FIGURES_VIEW, "store", store, "flow", flow, NULL);
}
