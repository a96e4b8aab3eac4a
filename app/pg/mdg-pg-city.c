/* mdg-pg-city.c: the city-wide view: every center's inquiries of some days, read from the
 * central database, as rows for a table or as CSV. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-csv.h"
#include "mdg-error.h"
#include "mdg-i18n.h"
#include "mdg-pg-city.h"
#include "mdg-pg.h"

static void
city_row_free (MdgCityRow *row)
{
  g_free (row->center);
  g_clear_object (&row->inquiry);
  g_free (row);
}

/* Read in one snapshot, so the answers belong to the inquiries listed. */
GPtrArray *
mdg_pg_city_read (const char *pg,
                  const char *pg_file,
                  const char *from,
                  const char *to,
                  const char *center,
                  GError    **error)
{
  g_autofree char *conninfo = NULL;
  g_autoptr (PGconn) conn = NULL;
  g_autoptr (PGresult) inquiries = NULL;
  g_autoptr (PGresult) answers = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) city_row_free);
  g_autoptr (GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GTimeZone) zone = NULL;
  const char *params[] = { from, to, center };

  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  conninfo = mdg_pg_resolve_conninfo (pg, pg_file, error);
  if (conninfo == NULL)
    return NULL;
  conn = mdg_pg_connect (conninfo, "madoguchi-admin", error);
  if (conn == NULL || !mdg_pg_check_schema (conn, error)
      || !mdg_pg_command (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                          "starting a transaction", error))
    return NULL;
  inquiries = mdg_pg_query (conn,
                            "SELECT center, number, token, created_at, language, flow_version,"
                            " details, followup, status, coordinator, meeting, printed, has_contact, channel,"
                            " entered_by"
                            " FROM inquiry WHERE day BETWEEN $1::date AND $2::date"
                            " AND ($3::text IS NULL OR center = $3) ORDER BY day, center, seq",
                            3, params, "reading inquiries", error);
  if (inquiries == NULL)
    return NULL;
  answers = mdg_pg_query (conn,
                          "SELECT a.center, a.number, a.step, a.choice FROM answer a"
                          " JOIN inquiry i USING (center, number)"
                          " WHERE i.day BETWEEN $1::date AND $2::date"
                          " AND ($3::text IS NULL OR i.center = $3)"
                          " ORDER BY a.center, a.number, a.step, a.position",
                          3, params, "reading answers", error);
  if (answers == NULL || !mdg_pg_command (conn, "COMMIT", "ending the transaction", error))
    return NULL;

  zone = g_time_zone_new_local ();
  for (int r = 0; r < PQntuples (inquiries); r++)
    {
      MdgCityRow *row = g_new0 (MdgCityRow, 1);

      row->center = g_strdup (PQgetvalue (inquiries, r, 0));
      row->inquiry = mdg_inquiry_new (r + 1, PQgetvalue (inquiries, r, 1),
                                      PQgetvalue (inquiries, r, 2),
                                      g_ascii_strtoll (PQgetvalue (inquiries, r, 3), NULL, 10), zone);
      mdg_inquiry_set_fields (row->inquiry, PQgetvalue (inquiries, r, 4),
                              PQgetvalue (inquiries, r, 5), PQgetvalue (inquiries, r, 6),
                              PQgetisnull (inquiries, r, 7) ? NULL : PQgetvalue (inquiries, r, 7),
                              PQgetvalue (inquiries, r, 8),
                              PQgetisnull (inquiries, r, 9) ? NULL : PQgetvalue (inquiries, r, 9),
                              g_str_equal (PQgetvalue (inquiries, r, 10), "t"),
                              g_str_equal (PQgetvalue (inquiries, r, 11), "t"));
      mdg_inquiry_set_has_contact (row->inquiry, g_str_equal (PQgetvalue (inquiries, r, 12), "t"));
      mdg_inquiry_set_channel (row->inquiry, PQgetvalue (inquiries, r, 13),
                               PQgetisnull (inquiries, r, 14) ? NULL : PQgetvalue (inquiries, r, 14));
      g_hash_table_insert (by_key, g_strconcat (row->center, "/", PQgetvalue (inquiries, r, 1), NULL),
                           row->inquiry);
      g_ptr_array_add (rows, row);
    }
  for (int r = 0; r < PQntuples (answers); r++)
    {
      g_autofree char *key = g_strconcat (PQgetvalue (answers, r, 0), "/",
                                          PQgetvalue (answers, r, 1), NULL);
      MdgInquiry *inquiry = g_hash_table_lookup (by_key, key);

      if (inquiry != NULL)
        mdg_inquiry_add_answer (inquiry, PQgetvalue (answers, r, 2), PQgetvalue (answers, r, 3));
    }
  return g_steal_pointer (&rows);
}

static char *
format_time (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

/* The answers as "step=choice (label)", so a flow that differs between centers loses nothing. */
static char *
describe_answers (MdgInquiry *inquiry,
                  MdgFlow    *flow,
                  const char *language)
{
  g_auto (GStrv) steps = mdg_inquiry_dup_answered_steps (inquiry);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; steps[i] != NULL; i++)
    {
      const GPtrArray *answer = mdg_inquiry_get_answer (inquiry, steps[i]);

      for (guint j = 0; j < answer->len; j++)
        {
          const char *id = g_ptr_array_index (answer, j);
          MdgChoice *choice = mdg_flow_lookup_choice (flow, steps[i], id);

          g_string_append_printf (text, "%s%s=%s", text->len > 0 ? "; " : "", steps[i], id);
          if (choice != NULL)
            g_string_append_printf (text, " (%s)", mdg_choice_get_label_in (choice, language));
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The same CSV conventions as the kiosk's export (BOM, CRLF, every field quoted, formulas
 * defused), with the center first. */
gboolean
mdg_pg_city_export (GPtrArray     *rows,
                    MdgFlow       *flow,
                    const char    *language,
                    GOutputStream *out,
                    GError       **error)
{
  static const char *headers[] = {
    N_("Center"), N_("Inquiry number"), N_("Received at"), N_("Visitor's language"),
    N_("Flow version"), N_("Inquiry status"), N_("Assigned coordinator"),
    N_("For the regular meeting"), N_("Channel"), N_("Entered by"), N_("Answers"), N_("Details (free text)"),
    N_("Contact consent given"),
  };
  g_autoptr (GString) csv = g_string_new (NULL);
  g_autoptr (GError) local = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    mdg_csv_append_field (csv, mdg_i18n_translate_in (language, headers[i]));
  mdg_csv_end_row (csv);
  for (guint i = 0; i < rows->len; i++)
    {
      MdgCityRow *row = g_ptr_array_index (rows, i);
      g_autofree char *received = format_time (mdg_inquiry_get_created (row->inquiry));
      g_autofree char *answers = describe_answers (row->inquiry, flow, language);

      mdg_csv_append_field (csv, row->center);
      mdg_csv_append_field (csv, mdg_inquiry_get_number (row->inquiry));
      mdg_csv_append_field (csv, received);
      mdg_csv_append_field (csv, mdg_inquiry_get_language (row->inquiry));
      mdg_csv_append_field (csv, mdg_inquiry_get_flow_version (row->inquiry));
      mdg_csv_append_field (csv, mdg_inquiry_get_status (row->inquiry));
      mdg_csv_append_field (csv, mdg_inquiry_get_coordinator (row->inquiry));
      mdg_csv_append_field (csv, mdg_inquiry_get_meeting (row->inquiry) ? "1" : "0");
      mdg_csv_append_field (csv, mdg_inquiry_get_channel (row->inquiry));
      mdg_csv_append_field (csv, mdg_inquiry_get_entered_by (row->inquiry));
      mdg_csv_append_field (csv, answers);
      mdg_csv_append_field (csv, mdg_inquiry_get_details (row->inquiry));
      mdg_csv_append_field (csv, mdg_inquiry_get_has_contact (row->inquiry) ? "1" : "0");
      mdg_csv_end_row (csv);
    }
  g_string_prepend (csv, MDG_CSV_BOM);
  if (!g_output_stream_write_all (out, csv->str, csv->len, NULL, NULL, &local))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_IO, "the CSV could not be written: %s",
                   local->message);
      return FALSE;
    }
  return TRUE;
}
