/* mdg-followup-source.c: what the follow-up page shows, and where the server reads it from. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mdg-followup-source.h"

G_DEFINE_INTERFACE (MdgFollowupSource, mdg_followup_source, G_TYPE_OBJECT)

static void
mdg_followup_source_default_init (MdgFollowupSourceInterface *iface)
{
}

static void
event_free (MdgFollowupEvent *event)
{
  g_free (event->text);
  g_free (event);
}

MdgFollowupRecord *
mdg_followup_record_new (void)
{
  MdgFollowupRecord *record = g_new0 (MdgFollowupRecord, 1);

  record->answers = g_ptr_array_new_with_free_func (g_free);
  record->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  record->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  return record;
}

void
mdg_followup_record_free (MdgFollowupRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->number);
  /* The token is the visitor's only key: leave no copy of it in freed memory. */
  if (record->token != NULL)
    explicit_bzero (record->token, strlen (record->token));
  g_free (record->token);
  g_free (record->status);
  g_free (record->coordinator);
  g_free (record->followup);
  g_ptr_array_unref (record->answers);
  g_ptr_array_unref (record->changes);
  g_ptr_array_unref (record->messages);
  g_free (record);
}

MdgFollowupRecord *
mdg_followup_source_lookup (MdgFollowupSource *self,
                            const char        *number,
                            GError           **error)
{
  g_return_val_if_fail (MDG_IS_FOLLOWUP_SOURCE (self), NULL);
  g_return_val_if_fail (number != NULL, NULL);
  return MDG_FOLLOWUP_SOURCE_GET_IFACE (self)->lookup (self, number, error);
}

gint64
mdg_followup_source_get_version (MdgFollowupSource *self)
{
  MdgFollowupSourceInterface *iface;

  g_return_val_if_fail (MDG_IS_FOLLOWUP_SOURCE (self), -1);
  iface = MDG_FOLLOWUP_SOURCE_GET_IFACE (self);
  return iface->version != NULL ? iface->version (self) : -1;
}
