/* mdg-text-answer.h: a text step's field and counter, which type straight into the visit. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-visit.h"

G_BEGIN_DECLS

#define MDG_TYPE_TEXT_ANSWER (mdg_text_answer_get_type ())
G_DECLARE_FINAL_TYPE (MdgTextAnswer, mdg_text_answer, MDG, TEXT_ANSWER, GtkWidget)

MdgTextAnswer *mdg_text_answer_new          (MdgVisit      *visit);
void           mdg_text_answer_load         (MdgTextAnswer *self,
                                             MdgStep       *step);
void           mdg_text_answer_clear        (MdgTextAnswer *self);
void           mdg_text_answer_update_texts (MdgTextAnswer *self);

G_END_DECLS
