/* mdg-translatable.c: template texts that follow a language switch in place. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-i18n.h"
#include "mdg-phrases.h"
#include "mdg-translatable.h"

/* Templates say <interface domain="madoguchi-source">: no catalog has that name, so GtkBuilder
 * keeps each text in English, the source language. Adopting a widget tree remembers those
 * sources on the widgets and translates them; updating translates them again into the language
 * now current, on the same widgets, so nothing the visitor or the staff typed or chose is lost. */

static const char *const text_properties[] = { "label", "placeholder-text", "title" };

static GQuark
source_quark (guint index)
{
  static GQuark quarks[G_N_ELEMENTS (text_properties)];

  if (quarks[index] == 0)
    {
      g_autofree char *name = g_strdup_printf ("mdg-translatable-%s", text_properties[index]);

      quarks[index] = g_quark_from_string (name);
    }
  return quarks[index];
}

/* An entry with a placeholder and no visible label is named by it. */
static void
set_text (GObject    *object,
          const char *property,
          const char *text)
{
  g_object_set (object, property, text, NULL);
  if (GTK_IS_ACCESSIBLE (object) && g_str_equal (property, "placeholder-text"))
    gtk_accessible_update_property (GTK_ACCESSIBLE (object), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                    -1);
}

static void
adopt_object (GObject *object)
{
  GObjectClass *klass = G_OBJECT_GET_CLASS (object);

  for (guint i = 0; i < G_N_ELEMENTS (text_properties); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (klass, text_properties[i]);
      g_autofree char *source = NULL;

      if (pspec == NULL || pspec->value_type != G_TYPE_STRING || !(pspec->flags & G_PARAM_WRITABLE))
        continue;
      g_object_get (object, text_properties[i], &source, NULL);
      if (source == NULL || *source == '\0')
        continue;
      set_text (object, text_properties[i], mdg_i18n_translate (source));
      g_object_set_qdata_full (object, source_quark (i), g_steal_pointer (&source), g_free);
    }
}

static void
update_object (GObject *object)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_properties); i++)
    {
      const char *source = g_object_get_qdata (object, source_quark (i));

      if (source != NULL)
        set_text (object, text_properties[i], mdg_i18n_translate (source));
    }
}

static void
walk (GtkWidget *widget,
      void (*visit) (GObject *object))
{
  visit (G_OBJECT (widget));
  if (GTK_IS_STACK (widget))
    {
      g_autoptr (GtkSelectionModel) pages = gtk_stack_get_pages (GTK_STACK (widget));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
        {
          g_autoptr (GObject) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

          visit (page);
        }
    }
  /* A button's own label child follows its label property. */
  if ((GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget))
      && g_object_get_qdata (G_OBJECT (widget), source_quark (0)) != NULL)
    return;
  /* So does a search entry's text: adopting it too would keep its first language for good. */
  if (GTK_IS_EDITABLE (widget) && gtk_editable_get_delegate (GTK_EDITABLE (widget)) != NULL)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (child, visit);
}

/* Call right after gtk_widget_init_template, before any text is set from code. */
void
mdg_translatable_adopt (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));
  walk (root, adopt_object);
}

void
mdg_translatable_update (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));
  walk (root, update_object);
}

/* Each label breaks its lines as the current language wants (mdg-phrases.c). */
static void
phrase_label (GtkLabel *label)
{
  g_autoptr (PangoAttrList) attributes = mdg_phrases_attributes (mdg_i18n_get_language (),
                                                                 gtk_label_get_text (label));

  if (attributes == NULL && g_object_get_data (G_OBJECT (label), "mdg-phrased") == NULL)
    return;
  gtk_label_set_attributes (label, attributes);
  g_object_set_data (G_OBJECT (label), "mdg-phrased", GINT_TO_POINTER (attributes != NULL));
}

static void
label_changed_cb (GtkLabel   *label,
                  GParamSpec *pspec,
                  gpointer    unused)
{
  phrase_label (label);
}

static void
phrase_widget (GObject *object)
{
  if (!GTK_IS_LABEL (object))
    return;
  if (g_object_get_data (object, "mdg-phrase-watch") == NULL)
    {
      /* Texts set later (counters, hints, messages) are phrased as they come. */
      g_signal_connect (object, "notify::label", G_CALLBACK (label_changed_cb), NULL);
      g_object_set_data (object, "mdg-phrase-watch", GINT_TO_POINTER (TRUE));
    }
  phrase_label (GTK_LABEL (object));
}

/* Every label under root breaks lines as the current language wants, now and when it changes. */
void
mdg_translatable_keep_phrases (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));
  walk (root, phrase_widget);
}
