/* mdg-visit-actions.c: the visit.* actions the pages' buttons name, for any widget that shows a
 * visit's pages (the kiosk's window, the desk's staff entry). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-page-deck.h"
#include "mdg-visit-actions.h"

typedef struct
{
  gsize visit_offset;
  gsize deck_offset;
} Offsets;

static GQuark
offsets_quark (void)
{
  return g_quark_from_static_string ("mdg-visit-actions");
}

static MdgVisit *
visit_of (GtkWidget *widget)
{
  const Offsets *offsets = g_type_get_qdata (G_OBJECT_TYPE (widget), offsets_quark ());

  return G_STRUCT_MEMBER (MdgVisit *, widget, offsets->visit_offset);
}

/* The page on show, if any. */
static MdgPage *
page_of (GtkWidget *widget)
{
  const Offsets *offsets = g_type_get_qdata (G_OBJECT_TYPE (widget), offsets_quark ());
  MdgPageDeck *deck = G_STRUCT_MEMBER (MdgPageDeck *, widget, offsets->deck_offset);

  return deck != NULL ? mdg_page_deck_get_page (deck) : NULL;
}

static void
choose_action (GtkWidget *widget, const char *name, GVariant *param)
{
  mdg_visit_choose (visit_of (widget), g_variant_get_string (param, NULL));
}

static void
toggle_action (GtkWidget *widget, const char *name, GVariant *param)
{
  if (!mdg_visit_toggle (visit_of (widget), g_variant_get_string (param, NULL))
      && page_of (widget) != NULL)
    mdg_page_refresh (page_of (widget)); /* the maximum is reached: undo the button's own toggle */
}

static void
next_action (GtkWidget *widget, const char *name, GVariant *param)
{
  if (!mdg_visit_advance (visit_of (widget)) && page_of (widget) != NULL)
    mdg_page_explain_blocked (page_of (widget));
}

static void
back_action (GtkWidget *widget, const char *name, GVariant *param)
{
  mdg_visit_go_back (visit_of (widget));
}

static void
change_action (GtkWidget *widget, const char *name, GVariant *param)
{
  mdg_visit_revisit (visit_of (widget), g_variant_get_string (param, NULL));
}

void
mdg_visit_actions_install (GtkWidgetClass *klass,
                           gsize           visit_offset,
                           gsize           deck_offset)
{
  Offsets *offsets = g_new (Offsets, 1); /* lives as long as the class */

  offsets->visit_offset = visit_offset;
  offsets->deck_offset = deck_offset;
  g_type_set_qdata (G_TYPE_FROM_CLASS (klass), offsets_quark (), offsets);
  gtk_widget_class_install_action (klass, "visit.choose", "s", choose_action);
  gtk_widget_class_install_action (klass, "visit.toggle", "s", toggle_action);
  gtk_widget_class_install_action (klass, "visit.next", NULL, next_action);
  gtk_widget_class_install_action (klass, "visit.back", NULL, back_action);
  gtk_widget_class_install_action (klass, "visit.change", "s", change_action);
}
