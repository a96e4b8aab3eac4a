/* mdg-step.h: one page of the guided flow, as the flow file describes it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-choice.h"

G_BEGIN_DECLS

typedef enum
{
  MDG_STEP_WELCOME,
  MDG_STEP_SINGLE,
  MDG_STEP_MULTI,
  MDG_STEP_TEXT,
  MDG_STEP_CONTACT,
  MDG_STEP_REVIEW,
  MDG_STEP_DONE,
} MdgStepKind;

/* What a step is for, as far as the program is concerned: the desk, the slip, the agenda and
 * the exports find answers by role, so a flow file may give its steps any ids. */
typedef enum
{
  MDG_ROLE_NONE,
  MDG_ROLE_WELCOME,
  MDG_ROLE_PURPOSE,
  MDG_ROLE_THEMES,
  MDG_ROLE_WHO,
  MDG_ROLE_STAGE,
  MDG_ROLE_DETAILS,
  MDG_ROLE_FOLLOWUP,
  MDG_ROLE_CONTACT,
  MDG_ROLE_OFFER,
  MDG_ROLE_FORMS,
  MDG_ROLE_REVIEW,
  MDG_ROLE_DONE,
  MDG_ROLE_N,
} MdgRole;

/* Go to `to` when the answer to step `when` includes choice `is`. */
typedef struct
{
  char *when;
  char *is;
  char *to;
  int line;
} MdgBranch;

#define MDG_TYPE_STEP (mdg_step_get_type ())
G_DECLARE_FINAL_TYPE (MdgStep, mdg_step, MDG, STEP, GObject)

MdgStep     *mdg_step_new              (const char  *id,
                                        MdgStepKind  kind,
                                        int          line);
const char  *mdg_step_get_id           (MdgStep     *self);
MdgStepKind  mdg_step_get_kind         (MdgStep     *self);
int          mdg_step_get_line         (MdgStep     *self);
MdgRole      mdg_step_get_role         (MdgStep     *self);
gboolean     mdg_step_is_question      (MdgStep     *self);

const char  *mdg_step_get_question     (MdgStep     *self);
const char  *mdg_step_get_question_in  (MdgStep     *self,
                                        const char  *language);
const char  *mdg_step_get_button       (MdgStep     *self);
const char  *mdg_step_get_info_title   (MdgStep     *self);
guint        mdg_step_get_n_info_paras (MdgStep     *self);
const char  *mdg_step_get_info_para    (MdgStep     *self,
                                        guint        index);
const char  *mdg_step_get_next         (MdgStep     *self);
guint        mdg_step_get_max          (MdgStep     *self);

GListModel  *mdg_step_get_choices      (MdgStep     *self);
MdgChoice   *mdg_step_lookup_choice    (MdgStep     *self,
                                        const char  *choice_id);
const GPtrArray *mdg_step_get_branches (MdgStep     *self);

/* Used by the flow loader. */
void         mdg_step_set_role         (MdgStep     *self,
                                        MdgRole      role);
void         mdg_step_set_question     (MdgStep     *self,
                                        const char  *text);
void         mdg_step_set_button       (MdgStep     *self,
                                        const char  *text);
void         mdg_step_set_info_title   (MdgStep     *self,
                                        const char  *text);
void         mdg_step_add_info_para    (MdgStep     *self,
                                        const char  *text);
void         mdg_step_set_next         (MdgStep     *self,
                                        const char  *next);
void         mdg_step_set_max          (MdgStep     *self,
                                        guint        max);
void         mdg_step_add_choice       (MdgStep     *self,
                                        MdgChoice   *choice);
void         mdg_step_add_branch       (MdgStep     *self,
                                        const char  *when,
                                        const char  *is,
                                        const char  *to,
                                        int          line);

const char  *mdg_step_kind_to_string   (MdgStepKind  kind);
const char  *mdg_role_to_string        (MdgRole      role);
gboolean     mdg_role_from_string      (const char  *name,
                                        MdgRole     *role);
gboolean     mdg_step_kind_from_string (const char  *name,
                                        MdgStepKind *kind);

G_END_DECLS
