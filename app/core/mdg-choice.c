/* mdg-choice.c: one answer a visitor can tap on a step of the flow. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-choice.h"
#include "mdg-i18n.h"

struct _MdgChoice
{
  GObject parent_instance;

  char *id;
  char *label; /* English source text, translated on read */
  char *next;
  char *desk_label; /* the staff's short name for it, English source text; NULL: the label */
  MdgChoiceRole role;
};

G_DEFINE_FINAL_TYPE (MdgChoice, mdg_choice, G_TYPE_OBJECT)

static const char *role_names[] = {
  [MDG_CHOICE_ROLE_QR] = "qr", [MDG_CHOICE_ROLE_CONTACT] = "contact", [MDG_CHOICE_ROLE_NOW] = "now",
  [MDG_CHOICE_ROLE_NEEDS] = "needs", [MDG_CHOICE_ROLE_TAKES_OFFERS] = "takes-offers",
};

enum { PROP_0, PROP_ID, PROP_LABEL, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
mdg_choice_finalize (GObject *object)
{
  MdgChoice *self = MDG_CHOICE (object);

  g_free (self->id);
  g_free (self->label);
  g_free (self->next);
  g_free (self->desk_label);
  G_OBJECT_CLASS (mdg_choice_parent_class)->finalize (object);
}

static void
mdg_choice_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdgChoice *self = MDG_CHOICE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_LABEL:
      g_value_set_string (value, mdg_choice_get_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_choice_class_init (MdgChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mdg_choice_finalize;
  object_class->get_property = mdg_choice_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL,
                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_choice_init (MdgChoice *self)
{
}

MdgChoice *
mdg_choice_new (const char *id,
                const char *label,
                const char *next)
{
  MdgChoice *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (MDG_TYPE_CHOICE, NULL);
  self->id = g_strdup (id);
  self->label = g_strdup (label);
  self->next = g_strdup (next);
  return self;
}

const char *
mdg_choice_get_id (MdgChoice *self)
{
  g_return_val_if_fail (MDG_IS_CHOICE (self), NULL);
  return self->id;
}

/* The label in the current language. */
const char *
mdg_choice_get_label (MdgChoice *self)
{
  g_return_val_if_fail (MDG_IS_CHOICE (self), NULL);
  return mdg_i18n_translate (self->label);
}

const char *
mdg_choice_get_label_in (MdgChoice  *self,
                         const char *language)
{
  g_return_val_if_fail (MDG_IS_CHOICE (self), NULL);
  return mdg_i18n_translate_in (language, self->label);
}

const char *
mdg_choice_get_next (MdgChoice *self)
{
  g_return_val_if_fail (MDG_IS_CHOICE (self), NULL);
  return self->next;
}

/* How the desk names the choice in its lists: short and without the visitor's "I want to";
 * the visitor's label when the flow file gives no desk="…". */
const char *
mdg_choice_get_desk_label_in (MdgChoice  *self,
                              const char *language)
{
  g_return_val_if_fail (MDG_IS_CHOICE (self), NULL);
  return mdg_i18n_translate_in (language, self->desk_label != NULL ? self->desk_label : self->label);
}

void
mdg_choice_set_desk_label (MdgChoice  *self,
                           const char *label)
{
  g_return_if_fail (MDG_IS_CHOICE (self));
  g_free (self->desk_label);
  self->desk_label = g_strdup (label);
}

MdgChoiceRole
mdg_choice_get_role (MdgChoice *self)
{
  g_return_val_if_fail (MDG_IS_CHOICE (self), MDG_CHOICE_ROLE_NONE);
  return self->role;
}

void
mdg_choice_set_role (MdgChoice    *self,
                     MdgChoiceRole role)
{
  g_return_if_fail (MDG_IS_CHOICE (self));
  self->role = role;
}

const char *
mdg_choice_role_to_string (MdgChoiceRole role)
{
  g_return_val_if_fail (role > MDG_CHOICE_ROLE_NONE && role < MDG_CHOICE_ROLE_N, NULL);
  return role_names[role];
}

gboolean
mdg_choice_role_from_string (const char    *name,
                             MdgChoiceRole *role)
{
  for (guint i = MDG_CHOICE_ROLE_NONE + 1; i < MDG_CHOICE_ROLE_N; i++)
    if (g_strcmp0 (name, role_names[i]) == 0)
      {
        *role = i;
        return TRUE;
      }
  return FALSE;
}
