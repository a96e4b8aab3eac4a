/* mdg-city-entry.c: one row of the city-wide day, as madoguchi-admin export --pg writes it,
 * for the staff desk's read-only view; the desk never talks to PostgreSQL itself. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mdg-city-entry.h"
#include "mdg-csv.h"
#include "mdg-error.h"
#include "mdg-inquiry-list.h"

/* As mdg_pg_city_export writes them: … meeting, channel, entered by, answers, details, contact. */
enum { COL_CENTER, COL_NUMBER, COL_RECEIVED, COL_STATUS = 5, COL_COORDINATOR, COL_ANSWERS = 10,
       N_COLUMNS = 13 };

struct _MdgCityEntry
{
  GObject parent_instance;

  char *center;
  char *number;
  char *time;
  char *status;
  char *coordinator;
  char *answers;
};

G_DEFINE_FINAL_TYPE (MdgCityEntry, mdg_city_entry, G_TYPE_OBJECT)

enum { PROP_0, PROP_CENTER, PROP_NUMBER, PROP_TIME, PROP_STATUS, PROP_COORDINATOR, PROP_ANSWERS,
       N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
mdg_city_entry_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MdgCityEntry *self = MDG_CITY_ENTRY (object);
  const char *fields[] = { NULL, self->center, self->number, self->time, self->status,
                           self->coordinator, self->answers };

  if (prop_id > 0 && prop_id < N_PROPS)
    g_value_set_string (value, fields[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
mdg_city_entry_finalize (GObject *object)
{
  MdgCityEntry *self = MDG_CITY_ENTRY (object);

  g_free (self->center);
  g_free (self->number);
  g_free (self->time);
  g_free (self->status);
  g_free (self->coordinator);
  g_free (self->answers);
  G_OBJECT_CLASS (mdg_city_entry_parent_class)->finalize (object);
}

static void
mdg_city_entry_class_init (MdgCityEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[] = { NULL, "center", "number", "time", "status", "coordinator", "answers" };

  object_class->get_property = mdg_city_entry_get_property;
  object_class->finalize = mdg_city_entry_finalize;
  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mdg_city_entry_init (MdgCityEntry *self)
{
}

const char *
mdg_city_entry_get_center (MdgCityEntry *self)
{
  g_return_val_if_fail (MDG_IS_CITY_ENTRY (self), NULL);
  return self->center;
}

const char *
mdg_city_entry_get_number (MdgCityEntry *self)
{
  g_return_val_if_fail (MDG_IS_CITY_ENTRY (self), NULL);
  return self->number;
}

/* One RFC 4180 record from *p, every field quoted as our exports write them; moves *p past
 * its CRLF. NULL at the end of the text or on a malformed record. */
static GPtrArray *
read_record (const char **p)
{
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  const char *s = *p;

  if (*s == '\0')
    return NULL;
  for (;;)
    {
      GString *field = g_string_new (NULL);

      if (*s != '"')
        {
          g_string_free (field, TRUE);
          return NULL;
        }
      for (s++; *s != '\0'; s++)
        {
          if (*s == '"' && s[1] == '"')
            s++;
          else if (*s == '"')
            break;
          g_string_append_c (field, *s);
        }
      if (*s != '"')
        {
          g_string_free (field, TRUE);
          return NULL;
        }
      s++;
      /* A cell the export defused (=, +, -, @…) reads as it was. */
      if (field->len > 1 && field->str[0] == '\'' && strchr ("=+-@\t\r", field->str[1]) != NULL)
        g_string_erase (field, 0, 1);
      g_ptr_array_add (fields, g_string_free (field, FALSE));
      if (*s == ',')
        {
          s++;
          continue;
        }
      if (s[0] == '\r' && s[1] == '\n')
        s += 2;
      else if (*s != '\0')
        return NULL;
      *p = s;
      return g_steal_pointer (&fields);
    }
}

/* The city-wide CSV (BOM, header, one row per inquiry) as entries; a CSV of another shape is
 * refused whole rather than shown half. */
GListStore *
mdg_city_entries_from_csv (const char *csv,
                           const char *language,
                           GError    **error)
{
  g_autoptr (GListStore) store = g_list_store_new (MDG_TYPE_CITY_ENTRY);
  g_autoptr (GPtrArray) header = NULL;
  const char *p = csv;
  GPtrArray *row;

  g_return_val_if_fail (csv != NULL, NULL);

  if (g_str_has_prefix (p, MDG_CSV_BOM))
    p += strlen (MDG_CSV_BOM);
  header = read_record (&p);
  if (header == NULL || header->len != N_COLUMNS)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                           "the city-wide list came in an unknown form");
      return NULL;
    }
  while ((row = read_record (&p)) != NULL)
    {
      g_autoptr (GPtrArray) fields = row;
      MdgCityEntry *entry;
      const char *received;

      if (fields->len != N_COLUMNS)
        {
          g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                               "the city-wide list came in an unknown form");
          return NULL;
        }
      entry = g_object_new (MDG_TYPE_CITY_ENTRY, NULL);
      received = g_ptr_array_index (fields, COL_RECEIVED);
      entry->center = g_strdup (g_ptr_array_index (fields, COL_CENTER));
      entry->number = g_strdup (g_ptr_array_index (fields, COL_NUMBER));
      entry->time = strlen (received) >= 16 ? g_strndup (received + 11, 5) : g_strdup (received);
      entry->status = g_strdup (mdg_inquiry_status_label (g_ptr_array_index (fields, COL_STATUS),
                                                          language));
      entry->coordinator = g_strdup (g_ptr_array_index (fields, COL_COORDINATOR));
      entry->answers = g_strdup (g_ptr_array_index (fields, COL_ANSWERS));
      g_list_store_append (store, entry);
      g_object_unref (entry);
    }
  if (*p != '\0')
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                           "the city-wide list came in an unknown form");
      return NULL;
    }
  return g_steal_pointer (&store);
}
