/* mdg-step.c: one page of the guided flow, as the flow file describes it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-i18n.h"
#include "mdg-step.h"

struct _MdgStep
{
  GObject parent_instance;

  char *id;
  MdgStepKind kind;
  int line;
  MdgRole role;
  char *question; /* English source texts, translated on read */
  char *button;
  char *info_title;
  GPtrArray *info_paras;
  char *next;
  guint max;
  GListStore *choices;
  GPtrArray *branches;
};

G_DEFINE_FINAL_TYPE (MdgStep, mdg_step, G_TYPE_OBJECT)

static const char *kind_names[] = {
  [MDG_STEP_WELCOME] = "welcome", [MDG_STEP_SINGLE] = "single",   [MDG_STEP_MULTI] = "multi",
  [MDG_STEP_TEXT] = "text",       [MDG_STEP_CONTACT] = "contact", [MDG_STEP_REVIEW] = "review",
  [MDG_STEP_DONE] = "done",
};

static const char *role_names[] = {
  [MDG_ROLE_WELCOME] = "welcome", [MDG_ROLE_PURPOSE] = "purpose",   [MDG_ROLE_THEMES] = "themes",
  [MDG_ROLE_WHO] = "who",         [MDG_ROLE_STAGE] = "stage",       [MDG_ROLE_DETAILS] = "details",
  [MDG_ROLE_FOLLOWUP] = "followup", [MDG_ROLE_CONTACT] = "contact", [MDG_ROLE_OFFER] = "offer",
  [MDG_ROLE_FORMS] = "forms",     [MDG_ROLE_REVIEW] = "review",     [MDG_ROLE_DONE] = "done",
};

static void
branch_free (gpointer data)
{
  MdgBranch *branch = data;

  g_free (branch->when);
  g_free (branch->is);
  g_free (branch->to);
  g_free (branch);
}

static void
mdg_step_finalize (GObject *object)
{
  MdgStep *self = MDG_STEP (object);

  g_free (self->id);
  g_free (self->question);
  g_free (self->button);
  g_free (self->info_title);
  g_free (self->next);
  g_clear_pointer (&self->info_paras, g_ptr_array_unref);
  g_clear_pointer (&self->branches, g_ptr_array_unref);
  g_clear_object (&self->choices);
  G_OBJECT_CLASS (mdg_step_parent_class)->finalize (object);
}

static void
mdg_step_class_init (MdgStepClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mdg_step_finalize;
}

static void
mdg_step_init (MdgStep *self)
{
  self->info_paras = g_ptr_array_new_with_free_func (g_free);
  self->branches = g_ptr_array_new_with_free_func (branch_free);
  self->choices = g_list_store_new (MDG_TYPE_CHOICE);
}

MdgStep *
mdg_step_new (const char  *id,
              MdgStepKind  kind,
              int          line)
{
  MdgStep *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (MDG_TYPE_STEP, NULL);
  self->id = g_strdup (id);
  self->kind = kind;
  self->line = line;
  return self;
}

const char *
mdg_step_get_id (MdgStep *self)
{
  g_return_val_if_fail (MDG_IS_STEP (self), NULL);
  return self->id;
}

MdgStepKind
mdg_step_get_kind (MdgStep *self)
{
  g_return_val_if_fail (MDG_IS_STEP (self), MDG_STEP_WELCOME);
  return self->kind;
}

int
mdg_step_get_line (MdgStep *self)
{
  g_return_val_if_fail (MDG_IS_STEP (self), 0);
  return self->line;
}

MdgRole
mdg_step_get_role (MdgStep *self)
{
  g_return_val_if_fail (MDG_IS_STEP (self), MDG_ROLE_NONE);
  return self->role;
}

void
mdg_step_set_role (MdgStep *self,
                   MdgRole  role)
{
  g_return_if_fail (MDG_IS_STEP (self));
  g_return_if_fail (role < MDG_ROLE_N);
  self->role = role;
}

/* Steps whose answers are the visitor's, as opposed to welcome, review and done. */
gboolean
mdg_step_is_question (MdgStep *self)
{
  g_return_val_if_fail (MDG_IS_STEP (self), FALSE);
  return self->kind == MDG_STEP_SINGLE || self->kind == MDG_STEP_MULTI
         || self->kind == MDG_STEP_TEXT || self->kind == MDG_STEP_CONTACT;
}

const char *
mdg_step_get_question (MdgStep *self)
{
  g_return_val_if_fail (MDG_IS_STEP (self), NULL);
  return mdg_i18n_translate (self->question);
}

const char *
mdg_step_get_question_in (MdgStep    *self,
                          const char *language)
{
  g_return_val_if_fail (MDG_IS_STEP (self), NULL);
  return mdg_i18n_translate_in (language, self->question);
}

const char *
mdg_step_get_button (MdgStep *self)
{
  g_return_val_if_fail (MDG_IS_STEP (self), NULL);
  return self->button != NULL ? mdg_i18n_translate (self->button) : NULL;
}

const char *
mdg_step_get_info_title (MdgStep *self)
{
  g_return_val_if_fail (MDG_IS_STEP (self), NULL);
  return self->info_title != NULL ? mdg_i18n_translate (self->info_title) : NULL;
}

guint
mdg_step_get_n_info_paras (MdgStep *self)
{
  g_return_val_if_fail (MDG_IS_STEP (self), 0);
  return self->info_paras->len;
}

const char *
mdg_step_get_info_para (MdgStep *self,
                        guint    index)
{
  g_return_val_if_fail (MDG_IS_STEP (self), NULL);
  g_return_val_if_fail (index < self->info_paras->len, NULL);
  return mdg_i18n_translate (g_ptr_array_index (self->info_paras, index));
}

const char *
mdg_step_get_next (MdgStep *self)
{
  g_return_val_if_fail (MDG_IS_STEP (self), NULL);
  return self->next;
}

guint
mdg_step_get_max (MdgStep *self)
{
  g_return_val_if_fail (MDG_IS_STEP (self), 0);
  return self->max;
}

GListModel *
mdg_step_get_choices (MdgStep *self)
{
  g_return_val_if_fail (MDG_IS_STEP (self), NULL);
  return G_LIST_MODEL (self->choices);
}

MdgChoice *
mdg_step_lookup_choice (MdgStep    *self,
                        const char *choice_id)
{
  guint n;

  g_return_val_if_fail (MDG_IS_STEP (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->choices));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (MdgChoice) choice = g_list_model_get_item (G_LIST_MODEL (self->choices), i);

      if (g_strcmp0 (mdg_choice_get_id (choice), choice_id) == 0)
        return choice; /* the store keeps its own reference */
    }
  return NULL;
}

const GPtrArray *
mdg_step_get_branches (MdgStep *self)
{
  g_return_val_if_fail (MDG_IS_STEP (self), NULL);
  return self->branches;
}

void
mdg_step_set_question (MdgStep    *self,
                       const char *text)
{
  g_return_if_fail (MDG_IS_STEP (self));
  g_free (self->question);
  self->question = g_strdup (text);
}

void
mdg_step_set_button (MdgStep    *self,
                     const char *text)
{
  g_return_if_fail (MDG_IS_STEP (self));
  g_free (self->button);
  self->button = g_strdup (text);
}

void
mdg_step_set_info_title (MdgStep    *self,
                         const char *text)
{
  g_return_if_fail (MDG_IS_STEP (self));
  g_free (self->info_title);
  self->info_title = g_strdup (text);
}

void
mdg_step_add_info_para (MdgStep    *self,
                        const char *text)
{
  g_return_if_fail (MDG_IS_STEP (self));
  g_ptr_array_add (self->info_paras, g_strdup (text));
}

void
mdg_step_set_next (MdgStep    *self,
                   const char *next)
{
  g_return_if_fail (MDG_IS_STEP (self));
  g_free (self->next);
  self->next = g_strdup (next);
}

void
mdg_step_set_max (MdgStep *self,
                  guint    max)
{
  g_return_if_fail (MDG_IS_STEP (self));
  self->max = max;
}

void
mdg_step_add_choice (MdgStep   *self,
                     MdgChoice *choice)
{
  g_return_if_fail (MDG_IS_STEP (self));
  g_list_store_append (self->choices, choice);
}

void
mdg_step_add_branch (MdgStep    *self,
                     const char *when,
                     const char *is,
                     const char *to,
                     int         line)
{
  MdgBranch *branch;

  g_return_if_fail (MDG_IS_STEP (self));

  branch = g_new0 (MdgBranch, 1);
  branch->when = g_strdup (when);
  branch->is = g_strdup (is);
  branch->to = g_strdup (to);
  branch->line = line;
  g_ptr_array_add (self->branches, branch);
}

const char *
mdg_step_kind_to_string (MdgStepKind kind)
{
  g_return_val_if_fail (kind <= MDG_STEP_DONE, NULL);
  return kind_names[kind];
}

gboolean
mdg_step_kind_from_string (const char  *name,
                           MdgStepKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (name, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
mdg_role_to_string (MdgRole role)
{
  g_return_val_if_fail (role > MDG_ROLE_NONE && role < MDG_ROLE_N, NULL);
  return role_names[role];
}

gboolean
mdg_role_from_string (const char *name,
                      MdgRole    *role)
{
  for (guint i = MDG_ROLE_NONE + 1; i < MDG_ROLE_N; i++)
    if (g_strcmp0 (name, role_names[i]) == 0)
      {
        *role = i;
        return TRUE;
      }
  return FALSE;
}
