/* mdg-inquiry.c: one committed inquiry as the store holds it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mdg-i18n.h"
#include "mdg-inquiry.h"

struct _MdgInquiry
{
  GObject parent_instance;

  gint64 id;
  char *number;
  char *token;
  GDateTime *created;
  char *language;
  char *flow_version;
  char *details;
  char *followup;
  char *followup_url;
  char *status;
  char *coordinator;
  gboolean meeting;
  gboolean printed;
  gboolean has_contact; /* contact details kept, with consent, and not yet erased */
  char *channel;       /* MDG_CHANNEL_*, never NULL */
  char *entered_by;    /* the staff member who typed it, or NULL */
  GPtrArray *answers; /* Answer, in the order the steps were answered; NULL before the first */
};

/* One step's answer. An inquiry has a handful, so a list is searched faster than a hash table
 * is built, and it keeps their order. */
typedef struct
{
  char *step_id;
  GPtrArray *choices; /* choice ids */
} Answer;

static void
answer_free (Answer *answer)
{
  g_free (answer->step_id);
  g_ptr_array_unref (answer->choices);
  g_free (answer);
}

G_DEFINE_FINAL_TYPE (MdgInquiry, mdg_inquiry, G_TYPE_OBJECT)

enum { PROP_0, PROP_NUMBER, PROP_STATUS, PROP_COORDINATOR, PROP_MEETING, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
mdg_inquiry_finalize (GObject *object)
{
  MdgInquiry *self = MDG_INQUIRY (object);

  g_free (self->number);
  g_free (self->token);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_free (self->language);
  g_free (self->flow_version);
  g_free (self->details);
  g_free (self->followup);
  g_free (self->followup_url);
  g_free (self->status);
  g_free (self->coordinator);
  g_free (self->channel);
  g_free (self->entered_by);
  g_clear_pointer (&self->answers, g_ptr_array_unref);
  G_OBJECT_CLASS (mdg_inquiry_parent_class)->finalize (object);
}

static void
mdg_inquiry_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdgInquiry *self = MDG_INQUIRY (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_COORDINATOR:
      g_value_set_string (value, self->coordinator);
      break;
    case PROP_MEETING:
      g_value_set_boolean (value, self->meeting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_inquiry_class_init (MdgInquiryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mdg_inquiry_finalize;
  object_class->get_property = mdg_inquiry_get_property;

  properties[PROP_NUMBER] = g_param_spec_string ("number", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COORDINATOR] = g_param_spec_string ("coordinator", NULL, NULL, NULL,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEETING] = g_param_spec_boolean ("meeting", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_inquiry_init (MdgInquiry *self)
{
}

/* `zone` is the local time zone the caller looked up once for many inquiries (GLib 2.74 reads
 * /etc/localtime again for every g_date_time_new_from_unix_local when TZ is unset); NULL looks
 * it up. */
MdgInquiry *
mdg_inquiry_new (gint64      id,
                 const char *number,
                 const char *token,
                 gint64      created_at,
                 GTimeZone  *zone)
{
  MdgInquiry *self = g_object_new (MDG_TYPE_INQUIRY, NULL);

  self->id = id;
  self->number = g_strdup (number);
  self->token = g_strdup (token);
  if (zone == NULL)
    self->created = g_date_time_new_from_unix_local (created_at);
  else
    {
      g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (created_at);

      self->created = utc != NULL ? g_date_time_to_timezone (utc, zone) : NULL;
    }
  self->status = g_strdup ("new");
  return self;
}

gint64
mdg_inquiry_get_id (MdgInquiry *self)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (self), 0);
  return self->id;
}

const char *
mdg_inquiry_get_number (MdgInquiry *self)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (self), NULL);
  return self->number;
}

const char *
mdg_inquiry_get_token (MdgInquiry *self)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (self), NULL);
  return self->token;
}

GDateTime *
mdg_inquiry_get_created (MdgInquiry *self)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (self), NULL);
  return self->created;
}

const char *
mdg_inquiry_get_language (MdgInquiry *self)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (self), NULL);
  return self->language;
}

const char *
mdg_inquiry_get_flow_version (MdgInquiry *self)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (self), NULL);
  return self->flow_version;
}

const char *
mdg_inquiry_get_details (MdgInquiry *self)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (self), NULL);
  return self->details;
}

const char *
mdg_inquiry_get_followup (MdgInquiry *self)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (self), NULL);
  return self->followup;
}

const char *
mdg_inquiry_get_status (MdgInquiry *self)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (self), NULL);
  return self->status;
}

const char *
mdg_inquiry_get_coordinator (MdgInquiry *self)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (self), NULL);
  return self->coordinator;
}

gboolean
mdg_inquiry_get_meeting (MdgInquiry *self)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (self), FALSE);
  return self->meeting;
}

gboolean
mdg_inquiry_get_has_contact (MdgInquiry *self)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (self), FALSE);
  return self->has_contact;
}

void
mdg_inquiry_set_has_contact (MdgInquiry *self,
                             gboolean    has_contact)
{
  g_return_if_fail (MDG_IS_INQUIRY (self));
  self->has_contact = has_contact;
}

gboolean
mdg_inquiry_get_printed (MdgInquiry *self)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (self), FALSE);
  return self->printed;
}

const char *
mdg_inquiry_get_channel (MdgInquiry *self)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (self), NULL);
  return self->channel != NULL ? self->channel : MDG_CHANNEL_KIOSK;
}

const char *
mdg_inquiry_get_entered_by (MdgInquiry *self)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (self), NULL);
  return self->entered_by;
}

gboolean
mdg_inquiry_is_staff_entered (MdgInquiry *self)
{
  return !g_str_equal (mdg_inquiry_get_channel (self), MDG_CHANNEL_KIOSK);
}

void
mdg_inquiry_set_channel (MdgInquiry *self,
                         const char *channel,
                         const char *entered_by)
{
  g_return_if_fail (MDG_IS_INQUIRY (self));

  g_free (self->channel);
  self->channel = g_strdup (channel != NULL ? channel : MDG_CHANNEL_KIOSK);
  g_free (self->entered_by);
  self->entered_by = entered_by != NULL && *entered_by != '\0' ? g_strdup (entered_by) : NULL;
}

const char *const *
mdg_inquiry_channels (void)
{
  static const char *const channels[] = { MDG_CHANNEL_KIOSK, MDG_CHANNEL_COUNTER, MDG_CHANNEL_PHONE,
                                          MDG_CHANNEL_EMAIL, NULL };

  return channels;
}

gboolean
mdg_inquiry_channel_is_known (const char *channel)
{
  return channel != NULL && g_strv_contains (mdg_inquiry_channels (), channel);
}

static Answer *
find_answer (MdgInquiry *self,
             const char *step_id)
{
  for (guint i = 0; self->answers != NULL && step_id != NULL && i < self->answers->len; i++)
    {
      Answer *answer = g_ptr_array_index (self->answers, i);

      if (strcmp (answer->step_id, step_id) == 0)
        return answer;
    }
  return NULL;
}

const GPtrArray *
mdg_inquiry_get_answer (MdgInquiry *self,
                        const char *step_id)
{
  Answer *answer;

  g_return_val_if_fail (MDG_IS_INQUIRY (self), NULL);

  answer = find_answer (self, step_id);
  return answer != NULL ? answer->choices : NULL;
}

GStrv
mdg_inquiry_dup_answered_steps (MdgInquiry *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (MDG_IS_INQUIRY (self), NULL);

  for (guint i = 0; self->answers != NULL && i < self->answers->len; i++)
    g_strv_builder_add (builder, ((Answer *) g_ptr_array_index (self->answers, i))->step_id);
  return g_strv_builder_end (builder);
}

void
mdg_inquiry_set_fields (MdgInquiry *self,
                        const char *language,
                        const char *flow_version,
                        const char *details,
                        const char *followup,
                        const char *status,
                        const char *coordinator,
                        gboolean    meeting,
                        gboolean    printed)
{
  g_return_if_fail (MDG_IS_INQUIRY (self));

  g_free (self->language);
  self->language = g_strdup (language);
  g_free (self->flow_version);
  self->flow_version = g_strdup (flow_version);
  g_free (self->details);
  self->details = g_strdup (details);
  g_free (self->followup);
  self->followup = g_strdup (followup);
  g_free (self->status);
  self->status = g_strdup (status != NULL ? status : "new");
  g_free (self->coordinator);
  self->coordinator = g_strdup (coordinator);
  self->meeting = meeting;
  self->printed = printed;
}

void
mdg_inquiry_add_answer (MdgInquiry *self,
                        const char *step_id,
                        const char *choice_id)
{
  Answer *answer;

  g_return_if_fail (MDG_IS_INQUIRY (self));
  g_return_if_fail (step_id != NULL);

  answer = find_answer (self, step_id);
  if (answer == NULL)
    {
      answer = g_new (Answer, 1);
      answer->step_id = g_strdup (step_id);
      answer->choices = g_ptr_array_new_with_free_func (g_free);
      if (self->answers == NULL)
        self->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) answer_free);
      g_ptr_array_add (self->answers, answer);
    }
  g_ptr_array_add (answer->choices, g_strdup (choice_id));
}

/* The follow-up page's address (the store builds it), or NULL when the setting is invalid. */
const char *
mdg_inquiry_get_followup_url (MdgInquiry *self)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (self), NULL);
  return self->followup_url;
}

void
mdg_inquiry_set_followup_url (MdgInquiry *self,
                              const char *url)
{
  g_return_if_fail (MDG_IS_INQUIRY (self));

  g_free (self->followup_url);
  self->followup_url = g_strdup (url);
}

void
mdg_inquiry_set_status (MdgInquiry *self,
                        const char *status)
{
  g_return_if_fail (MDG_IS_INQUIRY (self));
  g_return_if_fail (status != NULL);

  if (g_strcmp0 (self->status, status) == 0)
    return;
  g_free (self->status);
  self->status = g_strdup (status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

void
mdg_inquiry_set_coordinator (MdgInquiry *self,
                             const char *coordinator)
{
  g_return_if_fail (MDG_IS_INQUIRY (self));

  if (g_strcmp0 (self->coordinator, coordinator) == 0)
    return;
  g_free (self->coordinator);
  self->coordinator = g_strdup (coordinator);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COORDINATOR]);
}

void
mdg_inquiry_set_meeting (MdgInquiry *self,
                         gboolean    meeting)
{
  g_return_if_fail (MDG_IS_INQUIRY (self));

  meeting = !!meeting;
  if (self->meeting == meeting)
    return;
  self->meeting = meeting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEETING]);
}

const char *
mdg_inquiry_first_answer (MdgInquiry *inquiry,
                          const char *step_id)
{
  const GPtrArray *answer = mdg_inquiry_get_answer (inquiry, step_id);

  return answer != NULL && answer->len > 0 ? g_ptr_array_index (answer, 0) : NULL;
}

/* The first choice given on the step with this role, or NULL. */
const char *
mdg_inquiry_first_answer_for (MdgInquiry *inquiry,
                              MdgFlow    *flow,
                              MdgRole     role)
{
  const char *step_id = mdg_flow_get_role_id (flow, role);

  return step_id != NULL ? mdg_inquiry_first_answer (inquiry, step_id) : NULL;
}

/* A visitor waiting to talk at the desk whom nobody has taken yet. */
gboolean
mdg_inquiry_needs_attention (MdgInquiry *inquiry,
                             MdgFlow    *flow)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (inquiry), FALSE);

  return mdg_flow_get_followup_role (flow, mdg_inquiry_get_followup (inquiry)) == MDG_CHOICE_ROLE_NOW
         && g_strcmp0 (mdg_inquiry_get_status (inquiry), "new") == 0;
}

/* Compatibility-folded and case-folded, so "ＮＰＯ" finds "npo". */
static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text != NULL ? text : "", -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal != NULL ? normal : "", -1);
}

static gboolean
text_contains (const char *haystack,
               const char *folded_needle)
{
  g_autofree char *folded = fold (haystack);

  return strstr (folded, folded_needle) != NULL;
}

static gboolean
answers_contain (MdgInquiry *inquiry,
                 MdgFlow    *flow,
                 const char *folded_needle)
{
  g_auto (GStrv) steps = mdg_inquiry_dup_answered_steps (inquiry);
  static const char *languages[] = { "ja", "en" };

  for (guint i = 0; steps[i] != NULL; i++)
    {
      const GPtrArray *answer = mdg_inquiry_get_answer (inquiry, steps[i]);

      for (guint j = 0; j < answer->len; j++)
        {
          MdgChoice *choice = flow != NULL ? mdg_flow_lookup_choice (flow, steps[i],
                                                                 g_ptr_array_index (answer, j))
                                       : NULL;

          if (text_contains (g_ptr_array_index (answer, j), folded_needle))
            return TRUE;
          for (guint k = 0; choice != NULL && k < G_N_ELEMENTS (languages); k++)
            if (text_contains (mdg_choice_get_label_in (choice, languages[k]), folded_needle))
              return TRUE;
        }
    }
  return FALSE;
}

/* NULL or empty status, purpose and text match everything. */
gboolean
mdg_inquiry_matches (MdgInquiry *inquiry,
                     const char *status,
                     const char *purpose,
                     const char *text,
                     MdgFlow    *flow)
{
  g_autofree char *needle = NULL;

  g_return_val_if_fail (MDG_IS_INQUIRY (inquiry), FALSE);

  if (status != NULL && *status != '\0' && g_strcmp0 (status, mdg_inquiry_get_status (inquiry)) != 0)
    return FALSE;
  if (purpose != NULL && *purpose != '\0'
      && g_strcmp0 (purpose, mdg_inquiry_first_answer_for (inquiry, flow, MDG_ROLE_PURPOSE)) != 0)
    return FALSE;
  if (text == NULL)
    return TRUE;
  needle = fold (text);
  g_strstrip (needle);
  if (*needle == '\0')
    return TRUE;
  return text_contains (mdg_inquiry_get_number (inquiry), needle)
         || text_contains (mdg_inquiry_get_details (inquiry), needle)
         || text_contains (mdg_inquiry_get_coordinator (inquiry), needle)
         || answers_contain (inquiry, flow, needle);
}

static int
status_rank (const char *status)
{
  static const char *order[] = { "new", "in-progress", "connected", "closed" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (status, order[i]) == 0)
      return i;
  return G_N_ELEMENTS (order);
}

/* Ties fall back to the number, so every sort is total and stable across refreshes. */
int
mdg_inquiry_compare (MdgInquiry   *a,
                     MdgInquiry   *b,
                     MdgInquiryKey key,
                     MdgFlow      *flow)
{
  int result = 0;

  switch (key)
    {
    case MDG_INQUIRY_KEY_NUMBER:
      break;
    case MDG_INQUIRY_KEY_TIME:
      result = g_date_time_compare (mdg_inquiry_get_created (a), mdg_inquiry_get_created (b));
      break;
    case MDG_INQUIRY_KEY_PURPOSE:
      result = g_strcmp0 (mdg_inquiry_first_answer_for (a, flow, MDG_ROLE_PURPOSE),
                          mdg_inquiry_first_answer_for (b, flow, MDG_ROLE_PURPOSE));
      break;
    case MDG_INQUIRY_KEY_WHO:
      result = g_strcmp0 (mdg_inquiry_first_answer_for (a, flow, MDG_ROLE_WHO),
                          mdg_inquiry_first_answer_for (b, flow, MDG_ROLE_WHO));
      break;
    case MDG_INQUIRY_KEY_FOLLOWUP:
      result = g_strcmp0 (mdg_inquiry_get_followup (a), mdg_inquiry_get_followup (b));
      break;
    case MDG_INQUIRY_KEY_STATUS:
      result = status_rank (mdg_inquiry_get_status (a)) - status_rank (mdg_inquiry_get_status (b));
      break;
    case MDG_INQUIRY_KEY_COORDINATOR:
      result = g_strcmp0 (mdg_inquiry_get_coordinator (a), mdg_inquiry_get_coordinator (b));
      break;
    case MDG_INQUIRY_KEY_MEETING:
      result = (int) mdg_inquiry_get_meeting (a) - (int) mdg_inquiry_get_meeting (b);
      break;
    default:
      g_assert_not_reached ();
    }
  if (result == 0)
    result = g_strcmp0 (mdg_inquiry_get_number (a), mdg_inquiry_get_number (b));
  return result < 0 ? -1 : result > 0 ? 1 : 0;
}

/* The answer's labels in `language`, joined; a choice the flow no longer has shows its id. */
char *
mdg_inquiry_describe_answer (MdgInquiry *inquiry,
                             MdgFlow    *flow,
                             const char *step_id,
                             const char *language)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (inquiry), NULL);

  if (step_id == NULL)
    return g_strdup ("");
  return mdg_flow_describe_answer (flow, step_id, mdg_inquiry_get_answer (inquiry, step_id),
                                   language);
}

/* The same for the step with this role; empty when the flow gives the role to no step. */
char *
mdg_inquiry_describe_role (MdgInquiry *inquiry,
                           MdgFlow    *flow,
                           MdgRole     role,
                           const char *language)
{
  return mdg_inquiry_describe_answer (inquiry, flow, mdg_flow_get_role_id (flow, role), language);
}

/* The same for the desk: its short labels (desk="…" in the flow file), not the visitor's. */
char *
mdg_inquiry_describe_for_desk (MdgInquiry *inquiry,
                               MdgFlow    *flow,
                               const char *step_id,
                               const char *language)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (inquiry), NULL);

  if (step_id == NULL)
    return g_strdup ("");
  return mdg_flow_describe_answer_for_desk (flow, step_id, mdg_inquiry_get_answer (inquiry, step_id),
                                            language);
}

/* The desk's name for what a step with this role asks, in `language`: the list's column
 * headers and the detail's labels both say it. NULL for a role the desk does not name. */
const char *
mdg_inquiry_role_title (MdgRole     role,
                        const char *language)
{
  const char *source = NULL;

  switch (role)
    {
    case MDG_ROLE_PURPOSE:
      source = N_("Purpose");
      break;
    case MDG_ROLE_THEMES:
      source = N_("Areas");
      break;
    case MDG_ROLE_WHO:
      source = N_("Who");
      break;
    case MDG_ROLE_OFFER:
      source = N_("Can offer");
      break;
    case MDG_ROLE_FORMS:
      source = N_("Form of collaboration");
      break;
    case MDG_ROLE_STAGE:
      source = N_("Stage");
      break;
    case MDG_ROLE_DETAILS:
      source = N_("Details");
      break;
    case MDG_ROLE_FOLLOWUP:
      source = N_("Follow-up");
      break;
    default:
      return NULL;
    }
  return mdg_i18n_translate_in (language, source);
}

const char *
mdg_inquiry_status_label (const char *status,
                          const char *language)
{
  const char *source = status;

  if (g_strcmp0 (status, "new") == 0)
    source = N_("New");
  else if (g_strcmp0 (status, "in-progress") == 0)
    source = N_("In progress");
  else if (g_strcmp0 (status, "connected") == 0)
    source = N_("Connected");
  else if (g_strcmp0 (status, "closed") == 0)
    source = N_("Closed");
  return mdg_i18n_translate_in (language, source);
}

/* 窓口 / 電話 / メール for what staff typed; the kiosk's own are 端末. */
const char *
mdg_inquiry_channel_label (const char *channel,
                           const char *language)
{
  const char *source = channel;

  if (g_strcmp0 (channel, MDG_CHANNEL_KIOSK) == 0)
    source = N_("At the kiosk");
  else if (g_strcmp0 (channel, MDG_CHANNEL_COUNTER) == 0)
    source = N_("At the counter");
  else if (g_strcmp0 (channel, MDG_CHANNEL_PHONE) == 0)
    source = N_("By telephone");
  else if (g_strcmp0 (channel, MDG_CHANNEL_EMAIL) == 0)
    source = N_("By e-mail");
  return mdg_i18n_translate_in (language, source);
}

/* The channel and, for one typed by staff, who typed it: "By telephone · Sato". */
char *
mdg_inquiry_describe_channel (MdgInquiry *inquiry,
                              const char *language)
{
  const char *label = mdg_inquiry_channel_label (mdg_inquiry_get_channel (inquiry), language);
  const char *by = mdg_inquiry_get_entered_by (inquiry);

  return by != NULL ? g_strdup_printf ("%s · %s", label, by) : g_strdup (label);
}
