/* mdg-followup.h: the follow-up page's address, from the followup-url template. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-choice.h"

G_BEGIN_DECLS

gboolean  mdg_followup_check_template (const char *url_template,
                                       GError    **error);
char     *mdg_followup_build_url      (const char *url_template,
                                       const char *number,
                                       const char *token,
                                       const char *language);
char     *mdg_followup_next_step      (MdgChoiceRole followup,
                                       const char *number,
                                       gboolean    has_contact,
                                       gboolean    has_code,
                                       const char *language);

G_END_DECLS
