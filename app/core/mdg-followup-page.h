/* mdg-followup-page.h: the follow-up page's HTML, in the visitor's language. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-flow.h"
#include "mdg-followup-source.h"

G_BEGIN_DECLS

/* The page in each offered language, for one center: its settings (name, address, hours,
 * retention period) and its flow (how the answers are labelled). */
#define MDG_TYPE_FOLLOWUP_PAGE (mdg_followup_page_get_type ())
G_DECLARE_FINAL_TYPE (MdgFollowupPage, mdg_followup_page, MDG, FOLLOWUP_PAGE, GObject)

MdgFollowupPage *mdg_followup_page_new               (GSettings               *settings,
                                                      MdgFlow                 *flow);
char            *mdg_followup_page_render            (MdgFollowupPage         *self,
                                                      const MdgFollowupRecord *record,
                                                      const char              *lang,
                                                      gint64                   now);
gboolean         mdg_followup_page_language_is_valid (const char              *lang);
const char      *mdg_followup_page_not_found         (void);
const char      *mdg_followup_page_too_many          (void);

G_END_DECLS
