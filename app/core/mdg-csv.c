/* mdg-csv.c: CSV for spreadsheets (BOM, CRLF, every field quoted, formulas defused) and the
 * export of inquiries, one row each. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mdg-csv.h"
#include "mdg-error.h"
#include "mdg-file.h"
#include "mdg-i18n.h"
#include "mdg-store-maintenance.h"
#include "mdg-store-private.h"

/* RFC 4180 with every field quoted; a cell a spreadsheet would take for a formula (or that
 * starts with a tab or CR, which some strip before looking) gets a leading apostrophe. */
void
mdg_csv_append_field (GString    *row,
                      const char *value)
{
  g_return_if_fail (row != NULL);

  if (row->len > 0 && row->str[row->len - 1] != '\n')
    g_string_append_c (row, ',');
  g_string_append_c (row, '"');
  if (value != NULL && strchr ("=+-@\t\r", value[0]) != NULL && value[0] != '\0')
    g_string_append_c (row, '\'');
  for (const char *p = value; p != NULL && *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (row, '"');
      g_string_append_c (row, *p);
    }
  g_string_append_c (row, '"');
}

void
mdg_csv_end_row (GString *row)
{
  g_return_if_fail (row != NULL);
  g_string_append (row, "\r\n");
}

/* Everything one export needs, looked up once rather than per row. */
typedef struct
{
  MdgStore *store;
  const char *language;
  GPtrArray *steps;    /* the flow's question steps, in flow order */
  GHashTable *labels;  /* "step\x1fchoice" → label in the export's language */
  sqlite3_stmt *contact;
  sqlite3_stmt *erased;
  GTimeZone *zone;     /* looked up once: GLib 2.74 rereads /etc/localtime per lookup */
} Export;

static void
export_clear (Export *export)
{
  g_clear_pointer (&export->steps, g_ptr_array_unref);
  g_clear_pointer (&export->labels, g_hash_table_unref);
  g_clear_pointer (&export->contact, sqlite3_finalize);
  g_clear_pointer (&export->erased, sqlite3_finalize);
  g_clear_pointer (&export->zone, g_time_zone_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Export, export_clear)

static char *
label_key (const char *step_id,
           const char *choice_id)
{
  return g_strconcat (step_id, "\x1f", choice_id, NULL);
}

static void
export_load_flow (Export  *export,
                  MdgFlow *flow)
{
  GListModel *steps = mdg_flow_get_steps (flow);

  export->steps = g_ptr_array_new_with_free_func (g_object_unref);
  export->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr (MdgStep) step = g_list_model_get_item (steps, i);
      GListModel *choices = mdg_step_get_choices (step);
      MdgStepKind kind = mdg_step_get_kind (step);

      if (kind != MDG_STEP_SINGLE && kind != MDG_STEP_MULTI)
        continue;
      g_ptr_array_add (export->steps, g_object_ref (step));
      for (guint j = 0; j < g_list_model_get_n_items (choices); j++)
        {
          g_autoptr (MdgChoice) choice = g_list_model_get_item (choices, j);

          g_hash_table_insert (export->labels,
                               label_key (mdg_step_get_id (step), mdg_choice_get_id (choice)),
                               g_strdup (mdg_choice_get_label_in (choice, export->language)));
        }
    }
}

static const char *
tr (Export     *export,
    const char *msgid)
{
  return mdg_i18n_translate_in (export->language, msgid);
}

static char *
format_time (Export *export,
             gint64  unix_time)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr (GDateTime) time = utc != NULL ? g_date_time_to_timezone (utc, export->zone) : NULL;

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z") : g_strdup ("");
}

static void
append_header (Export  *export,
               GString *row)
{
  static const char *before[] = {
    N_("Inquiry number"), N_("Received at"), N_("Visitor's language"), N_("Flow version"),
    N_("Inquiry status"), N_("Assigned coordinator"), N_("For the regular meeting"),
    N_("Channel"), N_("Entered by"),
  };
  static const char *after[] = {
    N_("Answers to earlier questions"), N_("Details (free text)"), N_("Contact consent given at"),
    N_("Name"), N_("Name reading (katakana)"), N_("Phone"), N_("E-mail"),
    N_("Best time to contact you"),
    N_("Contact details erased at"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (before); i++)
    mdg_csv_append_field (row, tr (export, before[i]));
  for (guint i = 0; i < export->steps->len; i++)
    {
      MdgStep *step = g_ptr_array_index (export->steps, i);

      mdg_csv_append_field (row, mdg_step_get_id (step));
      mdg_csv_append_field (row, mdg_step_get_question_in (step, export->language));
    }
  for (guint i = 0; i < G_N_ELEMENTS (after); i++)
    mdg_csv_append_field (row, tr (export, after[i]));
  mdg_csv_end_row (row);
}

/* The ids and the readable labels of one step's answer, each joined by "; ". */
static void
append_answer (Export     *export,
               GString    *row,
               MdgInquiry *inquiry,
               MdgStep    *step)
{
  const GPtrArray *answer = mdg_inquiry_get_answer (inquiry, mdg_step_get_id (step));
  g_autoptr (GString) ids = g_string_new (NULL);
  g_autoptr (GString) labels = g_string_new (NULL);

  for (guint i = 0; answer != NULL && i < answer->len; i++)
    {
      const char *choice_id = g_ptr_array_index (answer, i);
      g_autofree char *key = label_key (mdg_step_get_id (step), choice_id);
      const char *label = g_hash_table_lookup (export->labels, key);

      g_string_append_printf (ids, "%s%s", i > 0 ? "; " : "", choice_id);
      g_string_append_printf (labels, "%s%s", i > 0 ? "; " : "", label != NULL ? label : choice_id);
    }
  mdg_csv_append_field (row, ids->str);
  mdg_csv_append_field (row, labels->str);
}

/* Answers to steps the current flow no longer has (an inquiry from an older flow): kept as
 * "step=choice" so the export never drops what a visitor said. */
static void
append_other_answers (Export     *export,
                      GString    *row,
                      MdgInquiry *inquiry)
{
  g_auto (GStrv) answered = mdg_inquiry_dup_answered_steps (inquiry);
  g_autoptr (GString) other = g_string_new (NULL);

  for (guint i = 0; answered[i] != NULL; i++)
    {
      const GPtrArray *answer = mdg_inquiry_get_answer (inquiry, answered[i]);
      gboolean in_flow = FALSE;

      for (guint j = 0; j < export->steps->len && !in_flow; j++)
        in_flow = g_str_equal (mdg_step_get_id (g_ptr_array_index (export->steps, j)), answered[i]);
      for (guint j = 0; !in_flow && j < answer->len; j++)
        g_string_append_printf (other, "%s%s=%s", other->len > 0 ? "; " : "", answered[i],
                                (char *) g_ptr_array_index (answer, j));
    }
  mdg_csv_append_field (row, other->str);
}

/* Contact details exist only with consent and until the retention purge erased them. */
static gboolean
append_contact (Export     *export,
                GString    *row,
                MdgInquiry *inquiry,
                GError    **error)
{
  gint64 id = mdg_inquiry_get_id (inquiry);
  int rc;

  sqlite3_reset (export->contact);
  sqlite3_bind_int64 (export->contact, 1, id);
  rc = sqlite3_step (export->contact);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *consent = format_time (export, sqlite3_column_int64 (export->contact, 0));

      mdg_csv_append_field (row, consent);
      for (int i = 1; i <= 5; i++)
        mdg_csv_append_field (row, (const char *) sqlite3_column_text (export->contact, i));
    }
  else if (rc == SQLITE_DONE)
    for (int i = 0; i <= 5; i++)
      mdg_csv_append_field (row, "");
  else
    return mdg_store_fail (export->store, rc, "reading contact details", error);

  sqlite3_reset (export->erased);
  sqlite3_bind_int64 (export->erased, 1, id);
  rc = sqlite3_step (export->erased);
  if (rc != SQLITE_ROW)
    return mdg_store_fail (export->store, rc, "reading the contact history", error);
  if (sqlite3_column_type (export->erased, 0) == SQLITE_NULL)
    mdg_csv_append_field (row, "");
  else
    {
      g_autofree char *erased = format_time (export, sqlite3_column_int64 (export->erased, 0));

      mdg_csv_append_field (row, erased);
    }
  return TRUE;
}

static gboolean
append_inquiry (Export     *export,
                GString    *row,
                MdgInquiry *inquiry,
                GError    **error)
{
  g_autofree char *received = format_time (export, g_date_time_to_unix (mdg_inquiry_get_created (inquiry)));

  mdg_csv_append_field (row, mdg_inquiry_get_number (inquiry));
  mdg_csv_append_field (row, received);
  mdg_csv_append_field (row, mdg_inquiry_get_language (inquiry));
  mdg_csv_append_field (row, mdg_inquiry_get_flow_version (inquiry));
  mdg_csv_append_field (row, mdg_inquiry_get_status (inquiry));
  mdg_csv_append_field (row, mdg_inquiry_get_coordinator (inquiry));
  mdg_csv_append_field (row, mdg_inquiry_get_meeting (inquiry) ? "1" : "0");
  mdg_csv_append_field (row, mdg_inquiry_get_channel (inquiry));
  mdg_csv_append_field (row, mdg_inquiry_get_entered_by (inquiry));
  for (guint i = 0; i < export->steps->len; i++)
    append_answer (export, row, inquiry, g_ptr_array_index (export->steps, i));
  append_other_answers (export, row, inquiry);
  mdg_csv_append_field (row, mdg_inquiry_get_details (inquiry));
  if (!append_contact (export, row, inquiry, error))
    return FALSE;
  mdg_csv_end_row (row);
  return TRUE;
}

/* Writes the row out and empties it for the next. */
gboolean
mdg_csv_write_row (GOutputStream *out,
                   GString       *row,
                   GError       **error)
{
  g_autoptr (GError) local = NULL;

  if (!g_output_stream_write_all (out, row->str, row->len, NULL, NULL, &local))
    {
      g_set_error (error, MDG_ERROR, g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NO_SPACE)
                                       ? MDG_ERROR_STORE_FULL : MDG_ERROR_IO,
                   "the CSV could not be written: %s", local->message);
      return FALSE;
    }
  g_string_truncate (row, 0);
  return TRUE;
}

static gboolean
check_request (const char *from,
               const char *to,
               const char *language,
               GError    **error)
{
  if (!mdg_i18n_is_supported (language))
    {
      g_autofree char *offered = mdg_i18n_describe_supported ();

      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "unknown language “%s”: use %s", language != NULL ? language : "", offered);
      return FALSE;
    }
  if (strcmp (from, to) > 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "the range ends (%s) before it starts (%s)", to, from);
      return FALSE;
    }
  return TRUE;
}

/* Writes the inquiries received from `from` to `to` (local days, YYYY-MM-DD, inclusive) as CSV
 * with choice labels in `language` (an offered language) beside their ids. */
gboolean
mdg_csv_export_days (MdgStore      *store,
                     MdgFlow       *flow,
                     const char    *from,
                     const char    *to,
                     const char    *language,
                     GOutputStream *out,
                     GError       **error)
{
  g_auto (Export) export = { store, language, NULL, NULL, NULL, NULL, g_time_zone_new_local () };
  g_autoptr (GPtrArray) inquiries = NULL;
  g_autoptr (GString) row = g_string_new (NULL);

  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);
  g_return_val_if_fail (MDG_IS_FLOW (flow), FALSE);
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if (!check_request (from, to, language, error))
    return FALSE;
  export_load_flow (&export, flow);
  export.contact = mdg_store_prepare (store,
                                      "SELECT consent_at, name, name_reading, phone, email, preferred_time"
                                      " FROM contact WHERE inquiry_id = ?",
                                      error);
  if (export.contact == NULL)
    return FALSE;
  export.erased = mdg_store_prepare (store,
                                     "SELECT MAX (at) FROM status_history WHERE inquiry_id = ?"
                                     " AND field = 'contact' AND new_value = 'erased'",
                                     error);
  if (export.erased == NULL)
    return FALSE;
  inquiries = mdg_store_list_days (store, from, to, error);
  if (inquiries == NULL)
    return FALSE;

  g_string_append (row, MDG_CSV_BOM);
  if (!mdg_csv_write_row (out, row, error))
    return FALSE;
  append_header (&export, row);
  if (!mdg_csv_write_row (out, row, error))
    return FALSE;
  for (guint i = 0; i < inquiries->len; i++)
    if (!append_inquiry (&export, row, g_ptr_array_index (inquiries, i), error)
        || !mdg_csv_write_row (out, row, error))
      return FALSE;
  return TRUE;
}

/* Runs `write` into a file that appears whole once written, or not at all, and never over
 * the store's own files. */
gboolean
mdg_csv_write_file (MdgStore         *store,
                    const char       *path,
                    MdgCsvWriteFunc   write,
                    gpointer          user_data,
                    GError          **error)
{
  g_autoptr (GOutputStream) out = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *temp = NULL;
  int fd = -1;

  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL && write != NULL, FALSE);

  if (mdg_store_owns_file (store, path))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "%s: is the database itself; choose another file for the CSV", path);
      return FALSE;
    }
  temp = mdg_file_open_temp (path, &fd, error);
  if (temp == NULL)
    return FALSE;
  out = g_unix_output_stream_new (fd, TRUE);
  if (!write (out, user_data, error))
    {
      g_output_stream_close (out, NULL, NULL);
      g_unlink (temp);
      return FALSE;
    }
  if (!g_output_stream_close (out, NULL, &local))
    {
      g_unlink (temp);
      g_set_error (error, MDG_ERROR, MDG_ERROR_IO, "%s: the CSV could not be written: %s", path,
                   local->message);
      return FALSE;
    }
  return mdg_file_commit_temp (temp, path, error);
}

typedef struct
{
  MdgStore *store;
  MdgFlow *flow;
  const char *from;
  const char *to;
  const char *language;
} DaysRequest;

static gboolean
write_days (GOutputStream *out,
            gpointer       user_data,
            GError       **error)
{
  DaysRequest *request = user_data;

  return mdg_csv_export_days (request->store, request->flow, request->from, request->to,
                              request->language, out, error);
}

/* The same into a file that appears whole once written, or not at all. */
gboolean
mdg_csv_export_days_to_file (MdgStore   *store,
                             MdgFlow    *flow,
                             const char *from,
                             const char *to,
                             const char *language,
                             const char *path,
                             GError    **error)
{
  DaysRequest request = { store, flow, from, to, language };

  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);
  g_return_val_if_fail (from != NULL && to != NULL && path != NULL, FALSE);

  if (!check_request (from, to, language, error))
    return FALSE;
  return mdg_csv_write_file (store, path, write_days, &request, error);
}
