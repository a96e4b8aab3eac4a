/* mdg-inquiry-list.c: one day's inquiries as a list model that follows the store. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "mdg-desk-store.h"
#include "mdg-error.h"
#include "mdg-inquiry-list.h"

struct _MdgInquiryList
{
  GObject parent_instance;

  MdgStore *store;
  char *day;
  GPtrArray *items;     /* MdgInquiry, in order of arrival */
  gint64 data_version;  /* of the last reading, to notice other processes' commits */
  guint poll_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MdgInquiryList, mdg_inquiry_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum { PROP_0, PROP_DAY, N_PROPS };
static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return MDG_TYPE_INQUIRY;
}

static guint
get_n_items (GListModel *model)
{
  return MDG_INQUIRY_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  MdgInquiryList *self = MDG_INQUIRY_LIST (model);

  return position < self->items->len ? g_object_ref (g_ptr_array_index (self->items, position))
                                     : NULL;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
mdg_inquiry_list_dispose (GObject *object)
{
  MdgInquiryList *self = MDG_INQUIRY_LIST (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mdg_inquiry_list_parent_class)->dispose (object);
}

static void
mdg_inquiry_list_finalize (GObject *object)
{
  MdgInquiryList *self = MDG_INQUIRY_LIST (object);

  g_free (self->day);
  g_ptr_array_unref (self->items);
  G_OBJECT_CLASS (mdg_inquiry_list_parent_class)->finalize (object);
}

static void
mdg_inquiry_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DAY:
      g_value_set_string (value, MDG_INQUIRY_LIST (object)->day);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_inquiry_list_class_init (MdgInquiryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mdg_inquiry_list_dispose;
  object_class->finalize = mdg_inquiry_list_finalize;
  object_class->get_property = mdg_inquiry_list_get_property;

  properties[PROP_DAY] = g_param_spec_string ("day", NULL, NULL, NULL,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_inquiry_list_init (MdgInquiryList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

static char *
inquiry_day (MdgInquiry *inquiry)
{
  return g_date_time_format (mdg_inquiry_get_created (inquiry), "%Y-%m-%d");
}

/* The kiosk in this process committed one: append it without reading the day again. */
static void
inquiry_added_cb (MdgInquiryList *self,
                  MdgInquiry     *inquiry,
                  MdgStore       *store)
{
  g_autofree char *day = inquiry_day (inquiry);

  if (g_strcmp0 (day, self->day) != 0)
    return;
  for (guint i = 0; i < self->items->len; i++)
    if (mdg_inquiry_get_id (g_ptr_array_index (self->items, i)) == mdg_inquiry_get_id (inquiry))
      return;
  g_ptr_array_add (self->items, g_object_ref (inquiry));
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
}

static gboolean
poll_cb (gpointer data)
{
  MdgInquiryList *self = data;
  g_autoptr (GError) error = NULL;

  if (!mdg_inquiry_list_poll (self, &error))
    g_warning ("The staff desk could not read the day again: %s", error->message);
  return G_SOURCE_CONTINUE;
}

static gboolean
valid_day (const char *day)
{
  int y = 0, m = 0, d = 0;

  return day != NULL && strlen (day) == 10 && day[4] == '-' && day[7] == '-'
         && sscanf (day, "%4d-%2d-%2d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y);
}

MdgInquiryList *
mdg_inquiry_list_new (MdgStore   *store,
                      const char *day,
                      GError    **error)
{
  g_autoptr (MdgInquiryList) self = NULL;

  g_return_val_if_fail (MDG_IS_STORE (store), NULL);

  self = g_object_new (MDG_TYPE_INQUIRY_LIST, NULL);
  self->store = g_object_ref (store);
  g_signal_connect_object (store, "inquiry-added", G_CALLBACK (inquiry_added_cb), self,
                           G_CONNECT_SWAPPED);
  if (!mdg_inquiry_list_set_day (self, day, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
mdg_inquiry_list_get_day (MdgInquiryList *self)
{
  g_return_val_if_fail (MDG_IS_INQUIRY_LIST (self), NULL);
  return self->day;
}

gboolean
mdg_inquiry_list_set_day (MdgInquiryList *self,
                          const char     *day,
                          GError        **error)
{
  g_autofree char *previous = NULL;

  g_return_val_if_fail (MDG_IS_INQUIRY_LIST (self), FALSE);

  if (!valid_day (day))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT, "“%s” is not a date (YYYY-MM-DD)",
                   day != NULL ? day : "");
      return FALSE;
    }
  if (g_strcmp0 (self->day, day) == 0)
    return TRUE;
  previous = g_steal_pointer (&self->day);
  self->day = g_strdup (day);
  if (!mdg_inquiry_list_refresh (self, error))
    {
      g_free (self->day);
      self->day = g_steal_pointer (&previous);
      return FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
  return TRUE;
}

/* Reads the day again; objects already in the list are kept and updated, so rows and
 * selections follow them, and new arrivals are appended. */
gboolean
mdg_inquiry_list_refresh (MdgInquiryList *self,
                          GError        **error)
{
  g_autoptr (GPtrArray) fresh = NULL;
  g_autoptr (GPtrArray) old = NULL;
  gboolean appended_only = TRUE;
  guint j = 0;
  gint64 version = 0;

  g_return_val_if_fail (MDG_IS_INQUIRY_LIST (self), FALSE);

  if (!mdg_desk_store_data_version (self->store, &version, error))
    return FALSE;
  fresh = mdg_store_list_day (self->store, self->day, error);
  if (fresh == NULL)
    return FALSE;
  self->data_version = version;

  /* Both are in order of arrival, and ids grow with arrival: merge them. */
  old = g_steal_pointer (&self->items);
  self->items = g_ptr_array_new_full (fresh->len, g_object_unref);
  for (guint i = 0; i < fresh->len; i++)
    {
      MdgInquiry *now = g_ptr_array_index (fresh, i);
      gint64 id = mdg_inquiry_get_id (now);

      while (j < old->len && mdg_inquiry_get_id (g_ptr_array_index (old, j)) < id)
        {
          appended_only = FALSE; /* purged meanwhile */
          j++;
        }
      if (j < old->len && mdg_inquiry_get_id (g_ptr_array_index (old, j)) == id)
        {
          MdgInquiry *kept = g_ptr_array_index (old, j++);

          mdg_inquiry_set_status (kept, mdg_inquiry_get_status (now));
          mdg_inquiry_set_coordinator (kept, mdg_inquiry_get_coordinator (now));
          mdg_inquiry_set_meeting (kept, mdg_inquiry_get_meeting (now));
          g_ptr_array_add (self->items, g_object_ref (kept));
        }
      else
        {
          if (j < old->len)
            appended_only = FALSE;
          g_ptr_array_add (self->items, g_object_ref (now));
        }
    }
  if (j < old->len)
    appended_only = FALSE;

  if (appended_only)
    {
      if (self->items->len > old->len)
        g_list_model_items_changed (G_LIST_MODEL (self), old->len, 0,
                                    self->items->len - old->len);
    }
  else
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, self->items->len);
  return TRUE;
}

/* Reads the day again only if another connection committed since the last reading. */
gboolean
mdg_inquiry_list_poll (MdgInquiryList *self,
                       GError        **error)
{
  gint64 version = 0;

  g_return_val_if_fail (MDG_IS_INQUIRY_LIST (self), FALSE);

  if (!mdg_desk_store_data_version (self->store, &version, error))
    return FALSE;
  if (version == self->data_version)
    return TRUE;
  return mdg_inquiry_list_refresh (self, error);
}

void
mdg_inquiry_list_set_polling (MdgInquiryList *self,
                              guint           seconds)
{
  g_return_if_fail (MDG_IS_INQUIRY_LIST (self));

  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (seconds > 0)
    self->poll_id = g_timeout_add_seconds (seconds, poll_cb, self);
}

/* choice id → number of inquiries that gave it (a multi-choice answer counts for each). */
GHashTable *
mdg_inquiry_list_count_answers (GListModel *inquiries,
                                const char *step_id)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (inquiries);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (MdgInquiry) inquiry = g_list_model_get_item (inquiries, i);
      const GPtrArray *answer = mdg_inquiry_get_answer (inquiry, step_id);

      for (guint j = 0; answer != NULL && j < answer->len; j++)
        {
          const char *choice = g_ptr_array_index (answer, j);
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, choice));

          g_hash_table_insert (counts, g_strdup (choice), GUINT_TO_POINTER (count + 1));
        }
    }
  return counts;
}

/* channel id (MDG_CHANNEL_*) → number of inquiries that came in by it. */
GHashTable *
mdg_inquiry_list_count_channels (GListModel *inquiries)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (inquiries);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (MdgInquiry) inquiry = g_list_model_get_item (inquiries, i);
      const char *channel = mdg_inquiry_get_channel (inquiry);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, channel));

      g_hash_table_insert (counts, g_strdup (channel), GUINT_TO_POINTER (count + 1));
    }
  return counts;
}

void
mdg_inquiry_list_count_hours (GListModel *inquiries,
                              guint       counts[24])
{
  guint n = g_list_model_get_n_items (inquiries);

  memset (counts, 0, 24 * sizeof counts[0]);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (MdgInquiry) inquiry = g_list_model_get_item (inquiries, i);

      counts[g_date_time_get_hour (mdg_inquiry_get_created (inquiry))]++;
    }
}
