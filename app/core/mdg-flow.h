/* mdg-flow.h: the guided flow, loaded and checked from a flow file. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-step.h"

G_BEGIN_DECLS

/* Whether the visitor's answer to step_id includes choice_id. */
typedef gboolean (*MdgAnswerFunc) (const char *step_id,
                                   const char *choice_id,
                                   gpointer    user_data);

#define MDG_TYPE_FLOW (mdg_flow_get_type ())
G_DECLARE_FINAL_TYPE (MdgFlow, mdg_flow, MDG, FLOW, GObject)

MdgFlow     *mdg_flow_new_default     (GError      **error);
MdgFlow     *mdg_flow_new_from_file   (GFile        *file,
                                       GError      **error);
MdgFlow     *mdg_flow_new_from_data   (const char   *data,
                                       gssize        length,
                                       const char   *name,
                                       GError      **error);
const char  *mdg_flow_get_version     (MdgFlow      *self);
GListModel  *mdg_flow_get_steps       (MdgFlow      *self);
MdgStep     *mdg_flow_lookup_step     (MdgFlow      *self,
                                       const char   *step_id);
MdgStep     *mdg_flow_lookup_role     (MdgFlow      *self,
                                       MdgRole       role);
const char  *mdg_flow_get_role_id     (MdgFlow      *self,
                                       MdgRole       role);
MdgChoiceRole mdg_flow_get_followup_role (MdgFlow    *self,
                                          const char *choice_id);
MdgStep     *mdg_flow_get_first_step  (MdgFlow      *self);
MdgStep     *mdg_flow_get_review_step (MdgFlow      *self);
MdgStep     *mdg_flow_get_done_step   (MdgFlow      *self);
MdgStep     *mdg_flow_next_step       (MdgFlow      *self,
                                       MdgStep      *step,
                                       MdgAnswerFunc answered,
                                       gpointer      user_data);
MdgChoice   *mdg_flow_lookup_choice   (MdgFlow      *self,
                                       const char   *step_id,
                                       const char   *choice_id);

char        *mdg_flow_describe_answer (MdgFlow         *self,
                                       const char      *step_id,
                                       const GPtrArray *choice_ids,
                                       const char      *language);
char        *mdg_flow_describe_answer_for_desk (MdgFlow         *self,
                                                const char      *step_id,
                                                const GPtrArray *choice_ids,
                                                const char      *language);

G_END_DECLS
