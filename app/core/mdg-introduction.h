/* mdg-introduction.h: the organisations an inquiry is introduced to (つなぎ先), their states
 * over the months, and suggestions of whom to approach next. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-flow.h"
#include "mdg-inquiry.h"
#include "mdg-orgs.h"
#include "mdg-store.h"

G_BEGIN_DECLS

/* One organisation approached for one inquiry; state is approached, talks, joined or declined. */
typedef struct
{
  gint64 id;
  gint64 organisation_id;
  char *organisation;
  char *state;
  gint64 approached_at; /* Unix seconds */
  gint64 changed_at;
} MdgIntroduction;

void         mdg_introduction_free           (MdgIntroduction *introduction);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgIntroduction, mdg_introduction_free)

gboolean     mdg_introduction_state_is_valid (const char  *state);
const char  *mdg_introduction_state_label    (const char  *state,
                                              const char  *language);
gboolean     mdg_introduction_set            (MdgStore    *store,
                                              MdgInquiry  *inquiry,
                                              MdgOrg      *org,
                                              const char  *state,
                                              gint64       at,
                                              gboolean    *changed,
                                              GError     **error);
GPtrArray   *mdg_introduction_list           (MdgStore    *store,
                                              MdgInquiry  *inquiry,
                                              GError     **error);

/* An organisation worth approaching, with why, in the suggestion's language. */
typedef struct
{
  MdgOrg *org;
  guint score;
  char *reason;
} MdgSuggestion;

void         mdg_suggestion_free             (MdgSuggestion *suggestion);

GPtrArray   *mdg_introduction_suggest        (MdgStore    *store,
                                              MdgFlow     *flow,
                                              MdgInquiry  *inquiry,
                                              const char  *area,
                                              const char  *language,
                                              GError     **error);

G_END_DECLS
