/* mdg-orgs.c: the coordinators' directory of organisations, and its CSV as Japanese Excel
 * writes and reads it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mdg-csv.h"
#include "mdg-error.h"
#include "mdg-i18n.h"
#include "mdg-orgs.h"
#include "mdg-store-private.h"

/* The header's names, as design.md fixes them. */
static const char *english_header[MDG_ORG_N_FIELDS] = {
  "name", "kind", "themes", "offers", "area", "contact", "phone", "email", "notes", "active",
};
static const char *japanese_header[MDG_ORG_N_FIELDS] = {
  "団体名", "種別", "分野", "提供できること", "地域", "担当者", "電話番号", "メールアドレス", "メモ", "有効",
};

/* The roles of the flow's steps whose choices the kind, themes and offers columns name. */
static const MdgRole choice_roles[MDG_ORG_N_FIELDS] = {
  [MDG_ORG_FIELD_KIND] = MDG_ROLE_WHO, [MDG_ORG_FIELD_THEMES] = MDG_ROLE_THEMES, [MDG_ORG_FIELD_OFFERS] = MDG_ROLE_OFFER,
};

#define ORG_COLUMNS "id, name, kind, themes, offers, area, contact, phone, email, notes, active"

void
mdg_org_free (MdgOrg *org)
{
  if (org == NULL)
    return;
  g_free (org->name);
  g_free (org->kind);
  g_strfreev (org->themes);
  g_strfreev (org->offers);
  g_free (org->area);
  g_free (org->contact);
  g_free (org->phone);
  g_free (org->email);
  g_free (org->notes);
  g_free (org);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static char **
column_ids (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL && *text != '\0' ? g_strsplit (text, ";", -1) : g_new0 (char *, 1);
}

static MdgOrg *
org_from_row (sqlite3_stmt *stmt)
{
  MdgOrg *org = g_new0 (MdgOrg, 1);

  org->id = sqlite3_column_int64 (stmt, 0);
  org->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  org->kind = column_text (stmt, 2);
  org->themes = column_ids (stmt, 3);
  org->offers = column_ids (stmt, 4);
  org->area = column_text (stmt, 5);
  org->contact = column_text (stmt, 6);
  org->phone = column_text (stmt, 7);
  org->email = column_text (stmt, 8);
  org->notes = column_text (stmt, 9);
  org->active = sqlite3_column_int (stmt, 10) != 0;
  return org;
}

/* The directory by name; only the active ones when active_only. */
GPtrArray *
mdg_orgs_list (MdgStore *store,
               gboolean  active_only,
               GError  **error)
{
  g_autoptr (GPtrArray) orgs = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_org_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MDG_IS_STORE (store), NULL);

  stmt = mdg_store_prepare (store,
                            active_only ? "SELECT " ORG_COLUMNS " FROM organisation WHERE active = 1"
                                          " ORDER BY name, id"
                                        : "SELECT " ORG_COLUMNS " FROM organisation ORDER BY name, id",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (orgs, org_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      mdg_store_fail (store, rc, "reading the organisations", error);
      return NULL;
    }
  return g_steal_pointer (&orgs);
}

static gboolean
all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* An organisation by its id (digits) or its exact name. */
MdgOrg *
mdg_orgs_lookup (MdgStore   *store,
                 const char *id_or_name,
                 GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean by_id;
  int rc;

  g_return_val_if_fail (MDG_IS_STORE (store), NULL);
  g_return_val_if_fail (id_or_name != NULL, NULL);

  by_id = all_digits (id_or_name);
  stmt = mdg_store_prepare (store,
                            by_id ? "SELECT " ORG_COLUMNS " FROM organisation WHERE id = ?"
                                  : "SELECT " ORG_COLUMNS " FROM organisation WHERE name = ?",
                            error);
  if (stmt == NULL)
    return NULL;
  if (by_id)
    sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (id_or_name, NULL, 10));
  else
    sqlite3_bind_text (stmt, 1, id_or_name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return org_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, "no organisation “%s” in the directory",
                 id_or_name);
  else
    mdg_store_fail (store, rc, "reading the organisations", error);
  return NULL;
}

/* The labels of `choices` (ids of step_id's choices) in `language`, joined by separator. */
char *
mdg_orgs_describe (MdgFlow     *flow,
                   const char  *step_id,
                   char       **choices,
                   const char  *language,
                   const char  *separator)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_return_val_if_fail (MDG_IS_FLOW (flow), NULL);

  for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
    {
      MdgChoice *choice = mdg_flow_lookup_choice (flow, step_id, choices[i]);

      if (i > 0)
        g_string_append (text, separator);
      g_string_append (text, choice != NULL ? mdg_choice_get_label_in (choice, language) : choices[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* --- Checking one organisation: the CSV import and the desk's form apply the same rules --- */

static gboolean
choices_known (MdgFlow     *flow,
               MdgOrgField  field,
               char       **ids,
               const char **unknown)
{
  MdgStep *step = mdg_flow_lookup_role (flow, choice_roles[field]);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (step == NULL || mdg_step_lookup_choice (step, ids[i]) == NULL)
      {
        *unknown = ids[i];
        return FALSE;
      }
  return TRUE;
}

/* NULL when org may be saved; else why not, in `language`, with the field at fault. */
char *
mdg_org_check (const MdgOrg *org,
               MdgFlow      *flow,
               const char   *language,
               MdgOrgField  *field)
{
  char *kinds[] = { org->kind, NULL };
  const char *unknown = NULL;
  MdgOrgField at = MDG_ORG_FIELD_NAME;
  const char *format = NULL;

  g_return_val_if_fail (org != NULL, NULL);
  g_return_val_if_fail (MDG_IS_FLOW (flow), NULL);

  if (org->name == NULL || *org->name == '\0')
    format = N_("no name (団体名)");
  else if (!choices_known (flow, at = MDG_ORG_FIELD_KIND, kinds, &unknown)
           || !choices_known (flow, at = MDG_ORG_FIELD_THEMES, org->themes, &unknown)
           || !choices_known (flow, at = MDG_ORG_FIELD_OFFERS, org->offers, &unknown))
    format = N_("“%s” is not one of the flow's choices");
  else if (org->email != NULL
           && (strchr (org->email, '@') == NULL || strchr (org->email, ' ') != NULL))
    {
      at = MDG_ORG_FIELD_EMAIL;
      unknown = org->email;
      format = N_("e-mail “%s” is not an e-mail address");
    }
  if (format == NULL)
    return NULL;
  if (field != NULL)
    *field = at;
  return g_strdup_printf (mdg_i18n_translate_in (language, format), unknown);
}

/* --- Reading the CSV --- */

/* A record of the file with the line it starts on. */
typedef struct
{
  guint line;
  GPtrArray *fields;
  gboolean unclosed;
} Record;

static void
record_free (Record *record)
{
  g_ptr_array_unref (record->fields);
  g_free (record);
}

/* UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else CP932 as Japanese Excel
 * writes it (Shift_JIS with Microsoft's extensions). */
static char *
decode (const char *data,
        gsize       length,
        GError    **error)
{
  g_autoptr (GError) local = NULL;
  char *text;

  if (length >= 3 && memcmp (data, MDG_CSV_BOM, 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                           "the file holds NUL bytes: not a CSV (UTF-16 is not read; save as "
                           "CSV UTF-8 or CSV)");
      return NULL;
    }
  if (g_utf8_validate_len (data, length, NULL))
    return g_strndup (data, length);
  text = g_convert (data, length, "UTF-8", "CP932", NULL, NULL, &local);
  if (text == NULL)
    g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                 "the file is neither UTF-8 nor Shift_JIS (CP932): %s", local->message);
  return text;
}

/* RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks; CRLF or
 * LF ends a record. */
static GPtrArray *
split_records (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  const char *p = text;
  guint line = 1;

  while (*p != '\0')
    {
      Record *record = g_new0 (Record, 1);
      gboolean end = FALSE;

      record->line = line;
      record->fields = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (records, record);
      while (!end)
        {
          g_autoptr (GString) field = g_string_new (NULL);

          if (*p == '"')
            {
              p++;
              for (;;)
                {
                  if (*p == '\0')
                    {
                      record->unclosed = TRUE;
                      break;
                    }
                  if (*p == '"' && p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p += 2;
                      continue;
                    }
                  if (*p == '"')
                    {
                      p++;
                      break;
                    }
                  if (*p == '\n')
                    line++;
                  g_string_append_c (field, *p++);
                }
            }
          /* Whatever follows a closing quote up to the separator belongs to the field too. */
          while (*p != '\0' && *p != ',' && *p != '\n' && !(*p == '\r' && p[1] == '\n'))
            g_string_append_c (field, *p++);
          g_ptr_array_add (record->fields, g_string_free (g_steal_pointer (&field), FALSE));
          if (*p == ',')
            p++;
          else
            {
              end = TRUE;
              if (*p == '\r')
                p++;
              if (*p == '\n')
                {
                  p++;
                  line++;
                }
            }
        }
    }
  return records;
}

/* Spaces (ASCII and the ideographic U+3000) around a value are Excel noise, not data. */
static char *
trim (const char *value)
{
  const char *start = value;
  const char *end = value + strlen (value);

  for (;;)
    {
      if (*start == ' ' || *start == '\t')
        start++;
      else if (g_str_has_prefix (start, "\u3000"))
        start += 3;
      else
        break;
    }
  for (;;)
    {
      if (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
        end--;
      else if (end - start >= 3 && memcmp (end - 3, "\u3000", 3) == 0)
        end -= 3;
      else
        break;
    }
  return g_strndup (start, end - start);
}

/* The writer's defusing apostrophe before = + - @ comes off again, so an export re-imports
 * to the same directory. */
static char *
clean_value (const char *raw)
{
  g_autofree char *value = trim (raw);

  if (value[0] == '\'' && value[1] != '\0' && strchr ("=+-@\t\r", value[1]) != NULL)
    return g_strdup (value + 1);
  return g_steal_pointer (&value);
}

static char *
fold (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);

  return g_utf8_casefold (normal != NULL ? normal : text, -1);
}

typedef struct
{
  MdgStore *store;
  MdgFlow *flow;
  GHashTable *choices[MDG_ORG_N_FIELDS]; /* folded id or label in any language → choice id */
  int columns[MDG_ORG_N_FIELDS];         /* the file's column for each of ours, or -1 */
} Import;

static void
import_clear (Import *import)
{
  for (guint c = 0; c < MDG_ORG_N_FIELDS; c++)
    g_clear_pointer (&import->choices[c], g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static void
import_load_choices (Import *import)
{
  guint n_languages;
  const MdgLanguage *languages = mdg_i18n_get_languages (&n_languages);

  for (guint c = 0; c < MDG_ORG_N_FIELDS; c++)
    {
      MdgStep *step;
      GListModel *choices;

      if (choice_roles[c] == MDG_ROLE_NONE)
        continue;
      import->choices[c] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      step = mdg_flow_lookup_role (import->flow, choice_roles[c]);
      if (step == NULL)
        continue;
      choices = mdg_step_get_choices (step);
      for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
        {
          g_autoptr (MdgChoice) choice = g_list_model_get_item (choices, i);
          const char *id = mdg_choice_get_id (choice);

          g_hash_table_insert (import->choices[c], fold (id), g_strdup (id));
          for (guint l = 0; l < n_languages; l++)
            {
              char *label = fold (mdg_choice_get_label_in (choice, languages[l].id));

              if (g_hash_table_contains (import->choices[c], label))
                g_free (label);
              else
                g_hash_table_insert (import->choices[c], label, g_strdup (id));
            }
        }
    }
}

static gboolean
import_read_header (Import  *import,
                    Record  *header,
                    GError **error)
{
  for (guint c = 0; c < MDG_ORG_N_FIELDS; c++)
    import->columns[c] = -1;
  for (guint i = 0; i < header->fields->len; i++)
    {
      g_autofree char *name = trim (g_ptr_array_index (header->fields, i));
      int found = -1;

      if (*name == '\0')
        continue;
      for (guint c = 0; c < MDG_ORG_N_FIELDS && found < 0; c++)
        if (g_ascii_strcasecmp (name, english_header[c]) == 0 || strcmp (name, japanese_header[c]) == 0)
          found = c;
      if (found < 0)
        {
          g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                       "line %u: unknown column “%s” (the header is %s, or %s)", header->line, name,
                       "name,kind,themes,offers,area,contact,phone,email,notes,active",
                       "団体名,種別,分野,提供できること,地域,担当者,電話番号,メールアドレス,メモ,有効");
          return FALSE;
        }
      if (import->columns[found] >= 0)
        {
          g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                       "line %u: the column “%s” is there twice", header->line, name);
          return FALSE;
        }
      import->columns[found] = i;
    }
  if (import->columns[MDG_ORG_FIELD_NAME] < 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "line %u: the header has no name (団体名) column", header->line);
      return FALSE;
    }
  return TRUE;
}

static char *
cell (Import *import,
      Record *record,
      guint   column)
{
  int index = import->columns[column];

  if (index < 0 || (guint) index >= record->fields->len)
    return g_strdup ("");
  return clean_value (g_ptr_array_index (record->fields, index));
}

/* The choice ids a cell names, several separated by ; or 、 (ids or labels in any language). */
static char **
read_choices (Import     *import,
              guint       column,
              const char *value,
              char      **reason)
{
  g_autoptr (GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto (GStrv) parts = NULL;
  g_autofree char *unified = NULL;
  g_autoptr (GString) text = g_string_new (value);

  g_string_replace (text, "、", ";", 0);
  g_string_replace (text, "；", ";", 0);
  unified = g_string_free (g_steal_pointer (&text), FALSE);
  parts = g_strsplit (unified, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = trim (parts[i]);
      g_autofree char *key = NULL;
      const char *id;

      if (*part == '\0')
        continue;
      key = fold (part);
      id = g_hash_table_lookup (import->choices[column], key);
      if (id == NULL)
        {
          *reason = g_strdup_printf ("%s “%s” is not one of the flow's choices (%s)",
                                     english_header[column], part,
                                     mdg_role_to_string (choice_roles[column]));
          return NULL;
        }
      if (g_hash_table_add (seen, (gpointer) id))
        g_strv_builder_add (ids, id);
    }
  return g_strv_builder_end (ids);
}

static gboolean
read_active (const char *value,
             gboolean   *active)
{
  static const char *yes[] = { "", "1", "yes", "y", "true", "はい", "有効", "○" };
  static const char *no[] = { "0", "no", "n", "false", "いいえ", "無効", "×" };
  g_autofree char *key = fold (value);

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (strcmp (key, yes[i]) == 0)
      return (*active = TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (strcmp (key, no[i]) == 0)
      return !(*active = FALSE);
  return FALSE;
}

static char *
empty_to_null (char *value)
{
  if (value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

/* The organisation a row describes, or NULL with the reason it is rejected. */
static MdgOrg *
import_read_row (Import *import,
                 Record *record,
                 guint   n_header,
                 char  **reason)
{
  g_autoptr (MdgOrg) org = g_new0 (MdgOrg, 1);
  g_autofree char *kind = NULL;
  g_autofree char *themes = NULL;
  g_autofree char *offers = NULL;
  g_autofree char *active = NULL;
  g_auto (GStrv) kinds = NULL;

  if (record->unclosed)
    {
      *reason = g_strdup ("a quoted field is never closed");
      return NULL;
    }
  for (guint i = n_header; i < record->fields->len; i++)
    {
      g_autofree char *extra = trim (g_ptr_array_index (record->fields, i));

      if (*extra != '\0')
        {
          *reason = g_strdup_printf ("%u fields, but the header has %u", record->fields->len, n_header);
          return NULL;
        }
    }
  org->name = empty_to_null (cell (import, record, MDG_ORG_FIELD_NAME));
  kind = cell (import, record, MDG_ORG_FIELD_KIND);
  kinds = read_choices (import, MDG_ORG_FIELD_KIND, kind, reason);
  if (kinds == NULL)
    return NULL;
  if (g_strv_length (kinds) > 1)
    {
      *reason = g_strdup_printf ("kind “%s” names more than one kind", kind);
      return NULL;
    }
  org->kind = g_strdup (kinds[0]);
  themes = cell (import, record, MDG_ORG_FIELD_THEMES);
  org->themes = read_choices (import, MDG_ORG_FIELD_THEMES, themes, reason);
  if (org->themes == NULL)
    return NULL;
  offers = cell (import, record, MDG_ORG_FIELD_OFFERS);
  org->offers = read_choices (import, MDG_ORG_FIELD_OFFERS, offers, reason);
  if (org->offers == NULL)
    return NULL;
  active = cell (import, record, MDG_ORG_FIELD_ACTIVE);
  if (!read_active (active, &org->active))
    {
      *reason = g_strdup_printf ("active “%s” is not 1/0, yes/no or はい/いいえ", active);
      return NULL;
    }
  org->area = empty_to_null (cell (import, record, MDG_ORG_FIELD_AREA));
  org->contact = empty_to_null (cell (import, record, MDG_ORG_FIELD_CONTACT));
  org->phone = empty_to_null (cell (import, record, MDG_ORG_FIELD_PHONE));
  org->email = empty_to_null (cell (import, record, MDG_ORG_FIELD_EMAIL));
  org->notes = empty_to_null (cell (import, record, MDG_ORG_FIELD_NOTES));
  *reason = mdg_org_check (org, import->flow, "en", NULL);
  if (*reason != NULL)
    return NULL;
  return g_steal_pointer (&org);
}

static gboolean
record_is_blank (Record *record)
{
  for (guint i = 0; i < record->fields->len; i++)
    {
      g_autofree char *value = trim (g_ptr_array_index (record->fields, i));

      if (*value != '\0')
        return FALSE;
    }
  return TRUE;
}

/* name, kind, themes, offers, area, contact, phone, email, notes, active as ?1 … ?10. */
static void
bind_org (sqlite3_stmt *stmt,
          const MdgOrg *org)
{
  g_autofree char *themes = org->themes != NULL ? g_strjoinv (";", org->themes) : g_strdup ("");
  g_autofree char *offers = org->offers != NULL ? g_strjoinv (";", org->offers) : g_strdup ("");

  sqlite3_bind_text (stmt, 1, org->name, -1, SQLITE_TRANSIENT);
  mdg_store_bind_text_or_null (stmt, 2, org->kind);
  sqlite3_bind_text (stmt, 3, themes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, offers, -1, SQLITE_TRANSIENT);
  mdg_store_bind_text_or_null (stmt, 5, org->area);
  mdg_store_bind_text_or_null (stmt, 6, org->contact);
  mdg_store_bind_text_or_null (stmt, 7, org->phone);
  mdg_store_bind_text_or_null (stmt, 8, org->email);
  mdg_store_bind_text_or_null (stmt, 9, org->notes);
  sqlite3_bind_int (stmt, 10, org->active ? 1 : 0);
}

/* Inserts or, by name, updates each organisation; a column the file does not have keeps the
 * directory's value. */
static gboolean
import_write (Import    *import,
              GPtrArray *orgs,
              GError   **error)
{
  static const char *names[MDG_ORG_N_FIELDS] = {
    "name", "kind", "themes", "offers", "area", "contact", "phone", "email", "notes", "active",
  };
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GString) sql = g_string_new (
    "INSERT INTO organisation (name, kind, themes, offers, area, contact, phone, email, notes,"
    " active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET name = name");

  for (guint c = MDG_ORG_FIELD_KIND; c < MDG_ORG_N_FIELDS; c++)
    if (import->columns[c] >= 0)
      g_string_append_printf (sql, ", %s = excluded.%s", names[c], names[c]);
  if (!mdg_store_exec (import->store, "BEGIN IMMEDIATE", error))
    return FALSE;
  stmt = mdg_store_prepare (import->store, sql->str, error);
  if (stmt == NULL)
    return mdg_store_rollback (import->store);
  for (guint i = 0; i < orgs->len; i++)
    {
      MdgOrg *org = g_ptr_array_index (orgs, i);

      sqlite3_reset (stmt);
      bind_org (stmt, org);
      if (!mdg_store_step_done (import->store, stmt, "saving the organisations", error))
        return mdg_store_rollback (import->store);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  return mdg_store_exec (import->store, "COMMIT", error) || mdg_store_rollback (import->store);
}

gboolean
mdg_orgs_import (MdgStore   *store,
                 MdgFlow    *flow,
                 const char *data,
                 gsize       length,
                 gboolean    skip_bad,
                 guint      *n_imported,
                 GPtrArray  *rejected,
                 GError    **error)
{
  g_auto (Import) import = { store, flow, { NULL }, { 0 } };
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GPtrArray) orgs = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_org_free);
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *text = NULL;
  guint n_rejected = 0;
  guint first = 0;
  Record *header = NULL;

  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);
  g_return_val_if_fail (MDG_IS_FLOW (flow), FALSE);
  g_return_val_if_fail (data != NULL && rejected != NULL, FALSE);

  if (n_imported != NULL)
    *n_imported = 0;
  text = decode (data, length, error);
  if (text == NULL)
    return FALSE;
  records = split_records (text);
  while (first < records->len && record_is_blank (g_ptr_array_index (records, first)))
    first++;
  if (first == records->len)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                           "the file is empty: no header, no organisation");
      return FALSE;
    }
  header = g_ptr_array_index (records, first);
  import_load_choices (&import);
  if (!import_read_header (&import, header, error))
    return FALSE;
  for (guint i = first + 1; i < records->len; i++)
    {
      Record *record = g_ptr_array_index (records, i);
      g_autofree char *reason = NULL;
      MdgOrg *org;

      if (record_is_blank (record))
        continue;
      org = import_read_row (&import, record, header->fields->len, &reason);
      if (org != NULL && g_hash_table_contains (names, org->name))
        {
          reason = g_strdup_printf ("“%s” is already on line %u", org->name,
                                    GPOINTER_TO_UINT (g_hash_table_lookup (names, org->name)));
          g_clear_pointer (&org, mdg_org_free);
        }
      if (org == NULL)
        {
          g_ptr_array_add (rejected, g_strdup_printf ("line %u: %s", record->line, reason));
          n_rejected++;
          continue;
        }
      g_hash_table_insert (names, g_strdup (org->name), GUINT_TO_POINTER (record->line));
      g_ptr_array_add (orgs, org);
    }
  if (n_rejected > 0 && !skip_bad)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "nothing imported: %u %s rejected (%s%s)", n_rejected,
                   n_rejected == 1 ? "row" : "rows",
                   (const char *) g_ptr_array_index (rejected, rejected->len - n_rejected),
                   n_rejected > 1 ? ", …" : "");
      return FALSE;
    }
  if (!import_write (&import, orgs, error))
    return FALSE;
  if (n_imported != NULL)
    *n_imported = orgs->len;
  return TRUE;
}

/* --- The desk's form --- */

/* Adds org (id 0; its new id is set) or changes the one with its id, after the import's own
 * checks and one more: no two organisations share a name, as the import matches by name. A
 * refusal says why in `language` and names the field at fault. */
gboolean
mdg_orgs_save (MdgStore    *store,
               MdgFlow     *flow,
               MdgOrg      *org,
               const char  *language,
               MdgOrgField *field,
               GError     **error)
{
  g_autofree char *problem = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);
  g_return_val_if_fail (MDG_IS_FLOW (flow), FALSE);
  g_return_val_if_fail (org != NULL, FALSE);

  problem = mdg_org_check (org, flow, language, field);
  if (problem != NULL)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT, problem);
      return FALSE;
    }
  stmt = mdg_store_prepare (store, "SELECT 1 FROM organisation WHERE name = ? AND id != ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, org->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, org->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (field != NULL)
        *field = MDG_ORG_FIELD_NAME;
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   mdg_i18n_translate_in (language, N_("another organisation is already called “%s”")),
                   org->name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return mdg_store_fail (store, rc, "reading the organisations", error);
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = mdg_store_prepare (store,
                            org->id == 0
                              ? "INSERT INTO organisation (name, kind, themes, offers, area, contact,"
                                " phone, email, notes, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                                " ?9, ?10)"
                              : "UPDATE organisation SET name = ?1, kind = ?2, themes = ?3,"
                                " offers = ?4, area = ?5, contact = ?6, phone = ?7, email = ?8,"
                                " notes = ?9, active = ?10 WHERE id = ?11",
                            error);
  if (stmt == NULL)
    return FALSE;
  bind_org (stmt, org);
  if (org->id != 0)
    sqlite3_bind_int64 (stmt, 11, org->id);
  if (!mdg_store_step_done (store, stmt, "saving the organisation", error))
    return FALSE;
  if (org->id == 0)
    org->id = sqlite3_last_insert_rowid (mdg_store_get_db (store));
  else if (sqlite3_changes (mdg_store_get_db (store)) == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND,
                   "no organisation %" G_GINT64_FORMAT " in the directory", org->id);
      return FALSE;
    }
  return TRUE;
}

/* --- Writing the CSV --- */

/* The directory as CSV, header and labels in `language` (Japanese header but for en), in the
 * form import reads back. */
gboolean
mdg_orgs_export (MdgStore      *store,
                 MdgFlow       *flow,
                 const char    *language,
                 GOutputStream *out,
                 GError       **error)
{
  gboolean english = g_strcmp0 (language, "en") == 0;
  const char *separator = english ? "; " : "、";
  g_autoptr (GPtrArray) orgs = NULL;
  g_autoptr (GString) row = g_string_new (MDG_CSV_BOM);

  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);
  g_return_val_if_fail (MDG_IS_FLOW (flow), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if (!mdg_i18n_is_supported (language))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT, "unknown language “%s”",
                   language != NULL ? language : "");
      return FALSE;
    }
  orgs = mdg_orgs_list (store, FALSE, error);
  if (orgs == NULL || !mdg_csv_write_row (out, row, error))
    return FALSE;
  for (guint c = 0; c < MDG_ORG_N_FIELDS; c++)
    mdg_csv_append_field (row, english ? english_header[c] : japanese_header[c]);
  mdg_csv_end_row (row);
  if (!mdg_csv_write_row (out, row, error))
    return FALSE;
  for (guint i = 0; i < orgs->len; i++)
    {
      MdgOrg *org = g_ptr_array_index (orgs, i);
      char *kinds[] = { org->kind, NULL };
      g_autofree char *kind = mdg_orgs_describe (flow, mdg_flow_get_role_id (flow, MDG_ROLE_WHO), kinds, language, separator);
      g_autofree char *themes = mdg_orgs_describe (flow, mdg_flow_get_role_id (flow, MDG_ROLE_THEMES), org->themes, language, separator);
      g_autofree char *offers = mdg_orgs_describe (flow, mdg_flow_get_role_id (flow, MDG_ROLE_OFFER), org->offers, language, separator);

      mdg_csv_append_field (row, org->name);
      mdg_csv_append_field (row, kind);
      mdg_csv_append_field (row, themes);
      mdg_csv_append_field (row, offers);
      mdg_csv_append_field (row, org->area);
      mdg_csv_append_field (row, org->contact);
      mdg_csv_append_field (row, org->phone);
      mdg_csv_append_field (row, org->email);
      mdg_csv_append_field (row, org->notes);
      mdg_csv_append_field (row, english ? (org->active ? "yes" : "no")
                                         : (org->active ? "はい" : "いいえ"));
      mdg_csv_end_row (row);
      if (!mdg_csv_write_row (out, row, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  MdgStore *store;
  MdgFlow *flow;
  const char *language;
} ExportRequest;

static gboolean
write_export (GOutputStream *out,
              gpointer       user_data,
              GError       **error)
{
  ExportRequest *request = user_data;

  return mdg_orgs_export (request->store, request->flow, request->language, out, error);
}

/* The same into a file that appears whole or not at all, never over the database. */
gboolean
mdg_orgs_export_to_file (MdgStore   *store,
                         MdgFlow    *flow,
                         const char *language,
                         const char *path,
                         GError    **error)
{
  ExportRequest request = { store, flow, language };

  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return mdg_csv_write_file (store, path, write_export, &request, error);
}
