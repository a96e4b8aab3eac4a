/* mdg-inquiry.c: one committed inquiry as the store holds it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

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
  char *status;
  char *coordinator;
  gboolean meeting;
  gboolean printed;
  gboolean has_contact; /* contact details kept, with consent, and not yet erased */
  GPtrArray *steps;   /* step ids in the order answered */
  GHashTable *answers; /* step id → GPtrArray of choice ids */
};

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
  g_free (self->status);
  g_free (self->coordinator);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->answers, g_hash_table_unref);
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
  self->steps = g_ptr_array_new_with_free_func (g_free);
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
}

MdgInquiry *
mdg_inquiry_new (gint64      id,
                 const char *number,
                 const char *token,
                 gint64      created_at)
{
  MdgInquiry *self = g_object_new (MDG_TYPE_INQUIRY, NULL);

  self->id = id;
  self->number = g_strdup (number);
  self->token = g_strdup (token);
  self->created = g_date_time_new_from_unix_local (created_at);
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

const GPtrArray *
mdg_inquiry_get_answer (MdgInquiry *self,
                        const char *step_id)
{
  g_return_val_if_fail (MDG_IS_INQUIRY (self), NULL);
  return g_hash_table_lookup (self->answers, step_id);
}

GStrv
mdg_inquiry_dup_answered_steps (MdgInquiry *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (MDG_IS_INQUIRY (self), NULL);

  for (guint i = 0; i < self->steps->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->steps, i));
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
  GPtrArray *answer;

  g_return_if_fail (MDG_IS_INQUIRY (self));

  answer = g_hash_table_lookup (self->answers, step_id);
  if (answer == NULL)
    {
      answer = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->answers, g_strdup (step_id), answer);
      g_ptr_array_add (self->steps, g_strdup (step_id));
    }
  g_ptr_array_add (answer, g_strdup (choice_id));
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
