/* mdg-desk-summary.c: the desk's summary page: the day's counts by purpose, area, hour and
 * channel, following the day's list; its buttons are the desk's exports. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-bar-chart.h"
#include "mdg-desk-summary.h"
#include "mdg-i18n.h"
#include "mdg-inquiry.h"
#include "mdg-translatable.h"

struct _MdgDeskSummary
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkWidget *scroller;
  MdgBarChart *purpose_chart;
  MdgBarChart *area_chart;
  MdgBarChart *hour_chart;
  MdgBarChart *channel_chart;

  /* owned references */
  MdgInquiryList *list; /* NULL when the day could not be read: the charts stay empty */
  MdgFlow *flow;
  char *language;
};

G_DEFINE_FINAL_TYPE (MdgDeskSummary, mdg_desk_summary, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_LIST, PROP_FLOW, PROP_LANGUAGE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
add_bars (MdgBarChart *chart,
          GHashTable  *counts,
          MdgStep     *step,
          const char  *language)
{
  GListModel *choices = mdg_step_get_choices (step);
  guint n = g_list_model_get_n_items (choices);

  mdg_bar_chart_clear (chart);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (MdgChoice) choice = g_list_model_get_item (choices, i);

      mdg_bar_chart_add (chart, mdg_choice_get_label_in (choice, language),
                         GPOINTER_TO_UINT (g_hash_table_lookup (counts, mdg_choice_get_id (choice))));
    }
}

static void
add_role_bars (MdgDeskSummary *self,
               MdgBarChart    *chart,
               MdgRole         role)
{
  MdgStep *step = mdg_flow_lookup_role (self->flow, role);
  g_autoptr (GHashTable) counts = NULL;

  if (step == NULL)
    return;
  counts = mdg_inquiry_list_count_answers (G_LIST_MODEL (self->list), mdg_step_get_id (step));
  add_bars (chart, counts, step, self->language);
}

static void
add_channel_bars (MdgDeskSummary *self)
{
  g_autoptr (GHashTable) counts = mdg_inquiry_list_count_channels (G_LIST_MODEL (self->list));
  const char *const *channels = mdg_inquiry_channels ();

  mdg_bar_chart_clear (self->channel_chart);
  for (guint i = 0; channels[i] != NULL; i++)
    mdg_bar_chart_add (self->channel_chart, mdg_inquiry_channel_label (channels[i], self->language),
                       GPOINTER_TO_UINT (g_hash_table_lookup (counts, channels[i])));
}

static void
update (MdgDeskSummary *self)
{
  guint hours[24];
  int first = 24, last = -1;

  if (self->list == NULL)
    return;
  add_role_bars (self, self->purpose_chart, MDG_ROLE_PURPOSE);
  add_role_bars (self, self->area_chart, MDG_ROLE_THEMES);
  add_channel_bars (self);

  /* Opening hours, widened to any inquiry outside them. */
  mdg_inquiry_list_count_hours (G_LIST_MODEL (self->list), hours);
  for (int h = 0; h < 24; h++)
    if (hours[h] > 0 || (h >= 9 && h <= 17))
      {
        first = MIN (first, h);
        last = MAX (last, h);
      }
  mdg_bar_chart_clear (self->hour_chart);
  for (int h = first; h <= last; h++)
    {
      g_autofree char *label = g_strdup_printf ("%02d:00–%02d:59", h, h);

      mdg_bar_chart_add (self->hour_chart, label, hours[h]);
    }
}

static void
mdg_desk_summary_constructed (GObject *object)
{
  MdgDeskSummary *self = MDG_DESK_SUMMARY (object);

  G_OBJECT_CLASS (mdg_desk_summary_parent_class)->constructed (object);
  if (self->list != NULL)
    g_signal_connect_object (self->list, "items-changed", G_CALLBACK (update), self,
                             G_CONNECT_SWAPPED);
  update (self);
}

static void
mdg_desk_summary_dispose (GObject *object)
{
  MdgDeskSummary *self = MDG_DESK_SUMMARY (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_DESK_SUMMARY);
  g_clear_object (&self->list);
  g_clear_object (&self->flow);
  G_OBJECT_CLASS (mdg_desk_summary_parent_class)->dispose (object);
}

static void
mdg_desk_summary_finalize (GObject *object)
{
  g_free (MDG_DESK_SUMMARY (object)->language);
  G_OBJECT_CLASS (mdg_desk_summary_parent_class)->finalize (object);
}

static void
mdg_desk_summary_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdgDeskSummary *self = MDG_DESK_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_desk_summary_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  MdgDeskSummary *self = MDG_DESK_SUMMARY (object);
  const char *language;

  switch (prop_id)
    {
    case PROP_LIST:
      self->list = g_value_dup_object (value);
      break;
    case PROP_FLOW:
      self->flow = g_value_dup_object (value);
      break;
    case PROP_LANGUAGE:
      language = g_value_get_string (value);
      if (!mdg_i18n_is_supported (language) || g_strcmp0 (self->language, language) == 0)
        return;
      g_free (self->language);
      self->language = g_strdup (language);
      mdg_translatable_update (GTK_WIDGET (self));
      update (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_desk_summary_class_init (MdgDeskSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mdg_desk_summary_constructed;
  object_class->dispose = mdg_desk_summary_dispose;
  object_class->finalize = mdg_desk_summary_finalize;
  object_class->get_property = mdg_desk_summary_get_property;
  object_class->set_property = mdg_desk_summary_set_property;

  properties[PROP_LIST] = g_param_spec_object ("list", NULL, NULL, MDG_TYPE_INQUIRY_LIST,
                                               G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY
                                                 | G_PARAM_STATIC_STRINGS);
  properties[PROP_FLOW] = g_param_spec_object ("flow", NULL, NULL, MDG_TYPE_FLOW,
                                               G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY
                                                 | G_PARAM_STATIC_STRINGS);
  /* The staff's language: the desk binds it to its own. */
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                     | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MDG_TYPE_BAR_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mdg-desk-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgDeskSummary, scroller);
  gtk_widget_class_bind_template_child (widget_class, MdgDeskSummary, purpose_chart);
  gtk_widget_class_bind_template_child (widget_class, MdgDeskSummary, area_chart);
  gtk_widget_class_bind_template_child (widget_class, MdgDeskSummary, hour_chart);
  gtk_widget_class_bind_template_child (widget_class, MdgDeskSummary, channel_chart);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mdg_desk_summary_init (MdgDeskSummary *self)
{
  self->language = g_strdup (mdg_i18n_get_language ());
  gtk_widget_init_template (GTK_WIDGET (self));
  mdg_translatable_adopt (GTK_WIDGET (self));
}

/* The summary of list (NULL when the day could not be read) by flow's roles. */
MdgDeskSummary *
mdg_desk_summary_new (MdgInquiryList *list,
                      MdgFlow        *flow)
{
  g_return_val_if_fail (list == NULL || MDG_IS_INQUIRY_LIST (list), NULL);
  g_return_val_if_fail (flow == NULL || MDG_IS_FLOW (flow), NULL);

  return g_object_new (MDG_TYPE_DESK_SUMMARY, "list", list, "flow", flow, NULL);
}
