/* mdg-followup-source.h: what the follow-up page shows, and where the server reads it from. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One dated line: a status change or a message to the visitor. */
typedef struct
{
  gint64 at;  /* Unix seconds */
  char *text; /* the new status, or the message */
} MdgFollowupEvent;

/* Everything the page needs of one inquiry; contact details are not even read. */
typedef struct
{
  char *number;
  char *token;
  gint64 created_at;
  char *status;      /* new, in-progress, connected, closed */
  char *coordinator; /* NULL when nobody is assigned */
  char *followup;    /* the visitor's follow-up choice, or NULL */
  GPtrArray *answers;  /* of char *: "step\x1fchoice", in the order given */
  GPtrArray *changes;  /* of MdgFollowupEvent, oldest first */
  GPtrArray *messages; /* of MdgFollowupEvent, oldest first */
} MdgFollowupRecord;

MdgFollowupRecord *mdg_followup_record_new  (void);
void               mdg_followup_record_free (MdgFollowupRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgFollowupRecord, mdg_followup_record_free)

#define MDG_TYPE_FOLLOWUP_SOURCE (mdg_followup_source_get_type ())
G_DECLARE_INTERFACE (MdgFollowupSource, mdg_followup_source, MDG, FOLLOWUP_SOURCE, GObject)

struct _MdgFollowupSourceInterface
{
  GTypeInterface parent_iface;

  /* NULL without an error when there is no such number. */
  MdgFollowupRecord *(*lookup) (MdgFollowupSource *self,
                                const char        *number,
                                GError           **error);
  /* Optional: a number that changes whenever anything the source holds may have changed, or
   * -1 when the source cannot tell (then nothing read from it may be kept). */
  gint64 (*version) (MdgFollowupSource *self);
};

MdgFollowupRecord *mdg_followup_source_lookup (MdgFollowupSource *self,
                                               const char        *number,
                                               GError           **error);

gint64             mdg_followup_source_get_version (MdgFollowupSource *self);

G_END_DECLS
