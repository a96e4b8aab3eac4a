/* mdg-desk-store.h: the staff desk's changes to an inquiry, each kept in its history. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-contact.h"
#include "mdg-store.h"

G_BEGIN_DECLS

#define MDG_NOTE_MAX_CHARS 2000

/* One line of an inquiry's timeline: a status, coordinator or meeting change, or a note. */
typedef struct
{
  gint64 at;       /* Unix seconds */
  char *field;     /* "status", "coordinator", "meeting", "note" or "message" (to the visitor) */
  char *old_value; /* NULL when unset; for a note, its author */
  char *new_value; /* NULL when cleared; for a note, its text */
} MdgDeskStoreEvent;

void        mdg_desk_store_event_free      (MdgDeskStoreEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgDeskStoreEvent, mdg_desk_store_event_free)

gboolean    mdg_desk_store_status_is_valid (const char *status);
gboolean    mdg_desk_store_set_status      (MdgStore    *store,
                                           MdgInquiry  *inquiry,
                                           const char  *status,
                                           GError     **error);
gboolean    mdg_desk_store_set_coordinator (MdgStore    *store,
                                           MdgInquiry  *inquiry,
                                           const char  *coordinator,
                                           GError     **error);
gboolean    mdg_desk_store_set_meeting     (MdgStore    *store,
                                           MdgInquiry  *inquiry,
                                           gboolean     meeting,
                                           GError     **error);
gboolean    mdg_desk_store_add_note        (MdgStore    *store,
                                           MdgInquiry  *inquiry,
                                           const char  *author,
                                           const char  *body,
                                           GError     **error);
gboolean    mdg_desk_store_add_message     (MdgStore    *store,
                                           MdgInquiry  *inquiry,
                                           const char  *author,
                                           const char  *body,
                                           GError     **error);
GPtrArray  *mdg_desk_store_list_timeline   (MdgStore    *store,
                                           MdgInquiry  *inquiry,
                                           GError     **error);
gboolean    mdg_desk_store_get_contact     (MdgStore    *store,
                                           MdgInquiry  *inquiry,
                                           MdgContact  *contact,
                                           GError     **error);
GPtrArray  *mdg_desk_store_list_flagged    (MdgStore    *store,
                                           GError     **error);
gboolean    mdg_desk_store_data_version    (MdgStore    *store,
                                           gint64      *version,
                                           GError     **error);

G_END_DECLS
