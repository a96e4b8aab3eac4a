/* mdg-page-deck.c: the visit's pages. Each kind of step gets one page, made when first needed
 * (or ahead, once the first frame is up) and bound to each step of that kind in turn: moving
 * through a flow builds nothing, so nothing GTK keeps per widget built piles up over months. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-page-deck.h"

#define N_KINDS (MDG_STEP_DONE + 1)

struct _MdgPageDeck
{
  GtkWidget parent_instance;

  MdgPage *pages[N_KINDS]; /* children, one per kind, while the deck lives */
  MdgPage *page;           /* the one on show, or NULL */
  guint ahead_id;

  /* owned references */
  MdgVisit *visit;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (MdgPageDeck, mdg_page_deck, GTK_TYPE_WIDGET)

static MdgPage *
page_for (MdgPageDeck *self,
          MdgStepKind  kind)
{
  g_assert (kind < N_KINDS);

  if (self->pages[kind] == NULL)
    {
      self->pages[kind] = mdg_page_new (self->visit, self->settings, kind);
      gtk_widget_set_vexpand (GTK_WIDGET (self->pages[kind]), TRUE);
      /* Hidden pages stay out of the layout and out of the accessibility tree. */
      gtk_widget_set_visible (GTK_WIDGET (self->pages[kind]), FALSE);
      gtk_widget_set_parent (GTK_WIDGET (self->pages[kind]), GTK_WIDGET (self));
    }
  return self->pages[kind];
}

/* Shows the visit's current step on its kind's page; inquiry is what the done page shows. The
 * page left behind lets go of everything the visitor gave. */
void
mdg_page_deck_show_step (MdgPageDeck *self,
                         MdgInquiry  *inquiry)
{
  MdgPage *page;

  g_return_if_fail (MDG_IS_PAGE_DECK (self));

  page = page_for (self, mdg_step_get_kind (mdg_visit_get_step (self->visit)));
  if (self->page != NULL && self->page != page)
    {
      mdg_page_unbind (self->page);
      gtk_widget_set_visible (GTK_WIDGET (self->page), FALSE);
    }
  mdg_page_bind (page, inquiry);
  gtk_widget_set_visible (GTK_WIDGET (page), TRUE);
  self->page = page;
}

/* The page on show, or NULL before the first step is shown. */
MdgPage *
mdg_page_deck_get_page (MdgPageDeck *self)
{
  g_return_val_if_fail (MDG_IS_PAGE_DECK (self), NULL);
  return self->page;
}

/* One page an idle moment, for the kinds the flow has, so the first visitor's taps find them
 * made. */
static gboolean
build_ahead_cb (gpointer user_data)
{
  MdgPageDeck *self = user_data;
  GListModel *steps = mdg_flow_get_steps (mdg_visit_get_flow (self->visit));

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr (MdgStep) step = g_list_model_get_item (steps, i);

      if (self->pages[mdg_step_get_kind (step)] == NULL)
        {
          page_for (self, mdg_step_get_kind (step));
          return G_SOURCE_CONTINUE;
        }
    }
  self->ahead_id = 0;
  return G_SOURCE_REMOVE;
}

void
mdg_page_deck_build_ahead (MdgPageDeck *self)
{
  g_return_if_fail (MDG_IS_PAGE_DECK (self));

  if (self->ahead_id == 0)
    self->ahead_id = g_idle_add_full (G_PRIORITY_LOW, build_ahead_cb, self, NULL);
}

static void
mdg_page_deck_dispose (GObject *object)
{
  MdgPageDeck *self = MDG_PAGE_DECK (object);

  g_clear_handle_id (&self->ahead_id, g_source_remove);
  self->page = NULL;
  for (guint i = 0; i < N_KINDS; i++)
    if (self->pages[i] != NULL)
      gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->pages[i])));
  g_clear_object (&self->visit);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (mdg_page_deck_parent_class)->dispose (object);
}

static void
mdg_page_deck_class_init (MdgPageDeckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_page_deck_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mdg_page_deck_init (MdgPageDeck *self)
{
}

MdgPageDeck *
mdg_page_deck_new (MdgVisit  *visit,
                   GSettings *settings)
{
  MdgPageDeck *self;

  g_return_val_if_fail (MDG_IS_VISIT (visit), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MDG_TYPE_PAGE_DECK, NULL);
  self->visit = g_object_ref (visit);
  self->settings = g_object_ref (settings);
  return self;
}
