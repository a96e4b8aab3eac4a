/* mdg-inquiry.h: one committed inquiry as the store holds it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mdg-flow.h"

G_BEGIN_DECLS

typedef enum
{
  MDG_INQUIRY_KEY_NUMBER,
  MDG_INQUIRY_KEY_TIME,
  MDG_INQUIRY_KEY_PURPOSE,
  MDG_INQUIRY_KEY_WHO,
  MDG_INQUIRY_KEY_FOLLOWUP,
  MDG_INQUIRY_KEY_STATUS,
  MDG_INQUIRY_KEY_COORDINATOR,
  MDG_INQUIRY_KEY_MEETING,
} MdgInquiryKey;

/* The channels an inquiry arrives by: the kiosk itself, or staff typing at the desk. */
#define MDG_CHANNEL_KIOSK "kiosk"
#define MDG_CHANNEL_COUNTER "counter"
#define MDG_CHANNEL_PHONE "phone"
#define MDG_CHANNEL_EMAIL "email"

/* Every channel, the kiosk first, then the ones staff choose from, in the desk's order. */
const char *const *mdg_inquiry_channels (void);
gboolean           mdg_inquiry_channel_is_known (const char *channel);

#define MDG_TYPE_INQUIRY (mdg_inquiry_get_type ())
G_DECLARE_FINAL_TYPE (MdgInquiry, mdg_inquiry, MDG, INQUIRY, GObject)

MdgInquiry      *mdg_inquiry_new              (gint64      id,
                                               const char *number,
                                               const char *token,
                                               gint64      created_at,
                                               GTimeZone  *zone);
gint64           mdg_inquiry_get_id           (MdgInquiry *self);
const char      *mdg_inquiry_get_number       (MdgInquiry *self);
const char      *mdg_inquiry_get_token        (MdgInquiry *self);
GDateTime       *mdg_inquiry_get_created      (MdgInquiry *self);
const char      *mdg_inquiry_get_language     (MdgInquiry *self);
const char      *mdg_inquiry_get_flow_version (MdgInquiry *self);
const char      *mdg_inquiry_get_details      (MdgInquiry *self);
const char      *mdg_inquiry_get_followup     (MdgInquiry *self);
const char      *mdg_inquiry_get_followup_url (MdgInquiry *self);
void             mdg_inquiry_set_followup_url (MdgInquiry *self,
                                               const char *url);
const char      *mdg_inquiry_get_status       (MdgInquiry *self);
const char      *mdg_inquiry_get_coordinator  (MdgInquiry *self);
gboolean         mdg_inquiry_get_meeting      (MdgInquiry *self);
gboolean         mdg_inquiry_get_printed      (MdgInquiry *self);
gboolean         mdg_inquiry_get_has_contact  (MdgInquiry *self);
void             mdg_inquiry_set_has_contact  (MdgInquiry *self,
                                               gboolean    has_contact);
/* How the inquiry came in (MDG_CHANNEL_*) and, when staff typed it, who did. */
const char      *mdg_inquiry_get_channel      (MdgInquiry *self);
const char      *mdg_inquiry_get_entered_by   (MdgInquiry *self);
gboolean         mdg_inquiry_is_staff_entered (MdgInquiry *self);
void             mdg_inquiry_set_channel      (MdgInquiry *self,
                                               const char *channel,
                                               const char *entered_by);
const GPtrArray *mdg_inquiry_get_answer       (MdgInquiry *self,
                                               const char *step_id);
GStrv            mdg_inquiry_dup_answered_steps (MdgInquiry *self);

/* Filled in by the store. */
void             mdg_inquiry_set_fields       (MdgInquiry *self,
                                               const char *language,
                                               const char *flow_version,
                                               const char *details,
                                               const char *followup,
                                               const char *status,
                                               const char *coordinator,
                                               gboolean    meeting,
                                               gboolean    printed);
void             mdg_inquiry_add_answer       (MdgInquiry *self,
                                               const char *step_id,
                                               const char *choice_id);

/* Set by the staff desk after the store accepted the change; each notifies its property. */
void             mdg_inquiry_set_status       (MdgInquiry *self,
                                               const char *status);
void             mdg_inquiry_set_coordinator  (MdgInquiry *self,
                                               const char *coordinator);
void             mdg_inquiry_set_meeting      (MdgInquiry *self,
                                               gboolean    meeting);

/* Matching, ordering and describing, shared by the desk, the slip, the agenda and the exports;
 * each finds the answers it needs by role through the flow. */
const char      *mdg_inquiry_first_answer     (MdgInquiry   *inquiry,
                                               const char   *step_id);
const char      *mdg_inquiry_first_answer_for (MdgInquiry   *inquiry,
                                               MdgFlow      *flow,
                                               MdgRole       role);
gboolean         mdg_inquiry_needs_attention  (MdgInquiry   *inquiry,
                                               MdgFlow      *flow);
gboolean         mdg_inquiry_matches          (MdgInquiry   *inquiry,
                                               const char   *status,
                                               const char   *purpose,
                                               const char   *text,
                                               MdgFlow      *flow);
int              mdg_inquiry_compare          (MdgInquiry   *a,
                                               MdgInquiry   *b,
                                               MdgInquiryKey key,
                                               MdgFlow      *flow);
char            *mdg_inquiry_describe_answer  (MdgInquiry   *inquiry,
                                               MdgFlow      *flow,
                                               const char   *step_id,
                                               const char   *language);
char            *mdg_inquiry_describe_role    (MdgInquiry   *inquiry,
                                               MdgFlow      *flow,
                                               MdgRole       role,
                                               const char   *language);
char            *mdg_inquiry_describe_for_desk (MdgInquiry *inquiry,
                                                MdgFlow    *flow,
                                                const char *step_id,
                                                const char *language);
const char      *mdg_inquiry_role_title       (MdgRole       role,
                                               const char   *language);
const char      *mdg_inquiry_status_label     (const char   *status,
                                               const char   *language);
const char      *mdg_inquiry_channel_label    (const char   *channel,
                                               const char   *language);
char            *mdg_inquiry_describe_channel (MdgInquiry   *inquiry,
                                               const char   *language);

G_END_DECLS
