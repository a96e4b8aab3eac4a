/* mdg-followup-page.h: the follow-up page's HTML, in the visitor's language. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-flow.h"
#include "mdg-followup-source.h"

G_BEGIN_DECLS

/* The center's side of the page: its settings, flow and retention period. */
typedef struct
{
  GSettings *settings;
  MdgFlow *flow;
  guint retention_days;
} MdgFollowupCenter;

gboolean    mdg_followup_page_language_is_valid (const char *lang);
char       *mdg_followup_page_render            (const MdgFollowupCenter *center,
                                                 const MdgFollowupRecord *record,
                                                 const char              *lang,
                                                 gint64                   now);
const char *mdg_followup_page_not_found         (void);
const char *mdg_followup_page_too_many          (void);

G_END_DECLS
