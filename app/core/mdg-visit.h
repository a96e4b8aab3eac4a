/* mdg-visit.h: one visitor's way through the flow and their answers, until sent or wiped. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-contact.h"
#include "mdg-flow.h"

G_BEGIN_DECLS

/* What a visit hands to the store on Send: a copy of its answers that nothing changes. */
typedef struct
{
  char *step_id;
  GPtrArray *choices; /* choice ids, in the order given */
} MdgAnswer;

typedef struct
{
  char *language;
  char *flow_version;
  char *followup;      /* the choice on the step with the role followup, or NULL */
  char *details;       /* the free text (the details step, else the first text step), or NULL */
  GPtrArray *answers;  /* MdgAnswer, in the order the steps were answered */
  MdgContact *contact; /* NULL unless the contact step was passed with details that may be kept */
  char *channel;       /* MDG_CHANNEL_*; NULL is the kiosk, the visitor at the screen */
  char *entered_by;    /* who typed it, when staff did; else NULL */
} MdgAnswers;

void mdg_answers_free (MdgAnswers *answers);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgAnswers, mdg_answers_free)

#define MDG_TYPE_VISIT (mdg_visit_get_type ())
G_DECLARE_FINAL_TYPE (MdgVisit, mdg_visit, MDG, VISIT, GObject)

MdgVisit         *mdg_visit_new               (MdgFlow         *flow);
MdgFlow          *mdg_visit_get_flow          (MdgVisit        *self);
MdgStep          *mdg_visit_get_step          (MdgVisit        *self);
const char       *mdg_visit_get_language      (MdgVisit        *self);
void              mdg_visit_set_language      (MdgVisit        *self,
                                               const char      *language);

gboolean          mdg_visit_choose            (MdgVisit        *self,
                                               const char      *choice_id);
gboolean          mdg_visit_toggle            (MdgVisit        *self,
                                               const char      *choice_id);
gboolean          mdg_visit_has_choice        (MdgVisit        *self,
                                               const char      *step_id,
                                               const char      *choice_id);
const GPtrArray  *mdg_visit_get_answer        (MdgVisit        *self,
                                               const char      *step_id);
void              mdg_visit_set_text          (MdgVisit        *self,
                                               const char      *step_id,
                                               const char      *text);
const char       *mdg_visit_get_text          (MdgVisit        *self,
                                               const char      *step_id);
const MdgContact *mdg_visit_get_contact       (MdgVisit        *self);
void              mdg_visit_set_contact_field (MdgVisit        *self,
                                               MdgContactField  field,
                                               const char      *value);
void              mdg_visit_set_consent       (MdgVisit        *self,
                                               gboolean         consent);

gboolean          mdg_visit_can_advance       (MdgVisit        *self);
gboolean          mdg_visit_advance           (MdgVisit        *self);
gboolean          mdg_visit_go_back           (MdgVisit        *self);
gboolean          mdg_visit_revisit           (MdgVisit        *self,
                                               const char      *step_id);
void              mdg_visit_finish            (MdgVisit        *self);
void              mdg_visit_reset             (MdgVisit        *self);

guint             mdg_visit_get_position      (MdgVisit        *self,
                                               guint           *total);
double            mdg_visit_get_progress      (MdgVisit        *self);
GPtrArray        *mdg_visit_list_answered     (MdgVisit        *self);
gboolean          mdg_visit_is_untouched      (MdgVisit        *self);
MdgAnswers       *mdg_visit_snapshot          (MdgVisit        *self);
void              mdg_visit_set_taken_by      (MdgVisit        *self,
                                               const char      *channel,
                                               const char      *entered_by);
const char       *mdg_visit_get_channel       (MdgVisit        *self);
const char       *mdg_visit_get_entered_by    (MdgVisit        *self);

G_END_DECLS
