/* mdg-sync-log.h: the kiosk side of the central sync: reading the change log in batches,
 * marking it sent, and applying what central staff changed. No network here. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mdg-contact.h"
#include "mdg-store.h"

G_BEGIN_DECLS

/* The setting madoguchi-admin health reads: Unix seconds of the last successful sync. */
#define MDG_SYNC_LAST_SUCCESS_KEY "sync-last-success"
/* The highest central change this kiosk has applied. */
#define MDG_SYNC_CENTRAL_SEEN_KEY "sync-central-seen"

/* One inquiry's whole state; each field's time is its latest local change (else its arrival). */
typedef struct
{
  char *number;
  char *day;
  gint64 seq;
  char *token;
  gint64 created_at;
  char *language;
  char *flow_version;
  char *details;
  char *followup;
  char *status;
  gint64 status_at;
  char *coordinator;
  gint64 coordinator_at;
  gboolean meeting;
  gint64 meeting_at;
  gboolean printed;
  gboolean has_contact;
  gint64 consent_at;
  char *channel;    /* MDG_CHANNEL_*: how it came in */
  char *entered_by; /* the staff member who typed it, or NULL */
  char *contact[MDG_CONTACT_N_FIELDS]; /* only when the batch was read with contact details */
} MdgSyncInquiry;

typedef struct
{
  char *number;
  char *step;
  char *choice;
  int position;
} MdgSyncAnswer;

/* A history line or a note; id is the local row id, or the central change that made it. */
typedef struct
{
  char *number;
  gint64 id;
  gint64 at;
  char *field;     /* history: the field; note: its kind (internal, visitor) */
  char *old_value; /* history: the old value; note: its author */
  char *new_value; /* history: the new value; note: its text */
} MdgSyncEvent;

typedef struct
{
  gint64 last_seq;      /* the change log up to here is covered by this batch */
  GPtrArray *inquiries; /* MdgSyncInquiry */
  GPtrArray *answers;   /* MdgSyncAnswer */
  GPtrArray *history;   /* MdgSyncEvent */
  GPtrArray *notes;     /* MdgSyncEvent */
} MdgSyncBatch;

/* A central staff change of an inquiry's fields, each with the time it was made there. */
typedef struct
{
  char *number;
  char *status;
  gint64 status_at;
  char *coordinator;
  gint64 coordinator_at;
  gboolean meeting;
  gint64 meeting_at;
} MdgSyncFields;

MdgSyncBatch *mdg_sync_batch_new      (void);
void          mdg_sync_batch_free     (MdgSyncBatch *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgSyncBatch, mdg_sync_batch_free)
MdgSyncEvent *mdg_sync_event_new      (const char *number,
                                       gint64      id,
                                       gint64      at,
                                       const char *field,
                                       const char *old_value,
                                       const char *new_value);
void          mdg_sync_event_free     (MdgSyncEvent *event);
void          mdg_sync_fields_free    (MdgSyncFields *fields);

MdgSyncBatch *mdg_sync_log_read       (MdgStore     *store,
                                       guint         max_inquiries,
                                       gboolean      with_contact,
                                       GError      **error);
gboolean      mdg_sync_log_mark_sent  (MdgStore     *store,
                                       gint64        last_seq,
                                       GError      **error);
gboolean      mdg_sync_log_pending    (MdgStore     *store,
                                       gint64       *count,
                                       GError      **error);
gboolean      mdg_sync_log_apply      (MdgStore     *store,
                                       GPtrArray    *fields,
                                       GPtrArray    *history,
                                       GPtrArray    *notes,
                                       gint64        central_seen,
                                       GError      **error);
gboolean      mdg_sync_log_get_int    (MdgStore     *store,
                                       const char   *key,
                                       gint64       *value,
                                       GError      **error);
gboolean      mdg_sync_log_set_int    (MdgStore     *store,
                                       const char   *key,
                                       gint64        value,
                                       GError      **error);

G_END_DECLS
