/* mdg-sync-central.c: one kiosk's batch sent to the central database, and central staff's
 * changes brought back. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-sync-central.h"

/* Columns travel as array literals and unnest () into rows: one statement per table and
 * batch, however many inquiries it holds. */
typedef struct
{
  GPtrArray *arrays;
} Columns;

static void
string_free (GString *string)
{
  g_string_free (string, TRUE);
}

static void
columns_init (Columns *columns,
              guint    n)
{
  columns->arrays = g_ptr_array_new_with_free_func ((GDestroyNotify) string_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (columns->arrays, g_string_new (NULL));
}

static void
columns_clear (Columns *columns)
{
  g_clear_pointer (&columns->arrays, g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Columns, columns_clear)

static void
add (Columns    *columns,
     guint       column,
     const char *value)
{
  mdg_pg_array_append (g_ptr_array_index (columns->arrays, column), value);
}

static void
add_int (Columns *columns,
         guint    column,
         gint64   value)
{
  char text[24];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
  add (columns, column, text);
}

static void
add_bool (Columns  *columns,
          guint     column,
          gboolean  value)
{
  add (columns, column, value ? "t" : "f");
}

/* Runs sql with $1 the center and $2… the columns. */
static gboolean
send_columns (PGconn     *conn,
              const char *sql,
              const char *center,
              Columns    *columns,
              const char *doing,
              GError    **error)
{
  g_autofree const char **params = g_new0 (const char *, columns->arrays->len + 1);
  g_autoptr (PGresult) result = NULL;

  params[0] = center;
  for (guint i = 0; i < columns->arrays->len; i++)
    {
      GString *array = g_ptr_array_index (columns->arrays, i);

      mdg_pg_array_end (array);
      params[i + 1] = array->str;
    }
  result = mdg_pg_query (conn, sql, columns->arrays->len + 1, params, doing, error);
  return result != NULL;
}

enum
{
  I_NUMBER, I_DAY, I_SEQ, I_TOKEN, I_CREATED, I_LANGUAGE, I_FLOW, I_DETAILS, I_FOLLOWUP,
  I_STATUS, I_STATUS_AT, I_COORDINATOR, I_COORDINATOR_AT, I_MEETING, I_MEETING_AT, I_PRINTED,
  I_HAS_CONTACT, I_CONSENT_AT, I_CHANNEL, I_ENTERED_BY, N_I
};

/* A field keeps the kiosk's value unless central staff changed it later than the kiosk did. */
#define LATER(field)                                                                       \
  field " = CASE WHEN " KIOSK_WINS (field) " THEN excluded." field " ELSE inquiry." field   \
  " END, " field "_at = CASE WHEN " KIOSK_WINS (field) " THEN excluded." field "_at"       \
  " ELSE inquiry." field "_at END, " field "_central = inquiry." field "_central"          \
  " AND NOT " KIOSK_WINS (field)
#define KIOSK_WINS(field)                                                                  \
  "(NOT inquiry." field "_central OR excluded." field "_at > inquiry." field "_at)"

static const char upsert_inquiries[] =
  "INSERT INTO inquiry (center, number, day, seq, token, created_at, language, flow_version,"
  " details, followup, status, status_at, coordinator, coordinator_at, meeting, meeting_at,"
  " printed, has_contact, consent_at, channel, entered_by)"
  " SELECT $1, * FROM unnest ($2::text[], $3::date[], $4::integer[], $5::text[], $6::bigint[],"
  " $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::bigint[], $13::text[],"
  " $14::bigint[], $15::boolean[], $16::bigint[], $17::boolean[], $18::boolean[], $19::bigint[],"
  " $20::text[], $21::text[])"
  " ON CONFLICT (center, number) DO UPDATE SET details = excluded.details,"
  " channel = excluded.channel, entered_by = excluded.entered_by,"
  " followup = excluded.followup, printed = excluded.printed,"
  " has_contact = excluded.has_contact, consent_at = excluded.consent_at, "
  LATER ("status") ", " LATER ("coordinator") ", " LATER ("meeting");

static gboolean
push_inquiries (PGconn        *conn,
                const char    *center,
                MdgSyncBatch  *batch,
                GError       **error)
{
  g_auto (Columns) columns = { NULL };
  g_auto (Columns) contacts = { NULL };
  g_auto (Columns) numbers = { NULL };
  gboolean any_contact = FALSE;

  columns_init (&columns, N_I);
  columns_init (&contacts, 1 + MDG_CONTACT_READING);
  columns_init (&numbers, 1);
  for (guint i = 0; i < batch->inquiries->len; i++)
    {
      MdgSyncInquiry *q = g_ptr_array_index (batch->inquiries, i);

      add (&columns, I_NUMBER, q->number);
      add (&columns, I_DAY, q->day);
      add_int (&columns, I_SEQ, q->seq);
      add (&columns, I_TOKEN, q->token);
      add_int (&columns, I_CREATED, q->created_at);
      add (&columns, I_LANGUAGE, q->language);
      add (&columns, I_FLOW, q->flow_version);
      add (&columns, I_DETAILS, q->details);
      add (&columns, I_FOLLOWUP, q->followup);
      add (&columns, I_STATUS, q->status);
      add_int (&columns, I_STATUS_AT, q->status_at);
      add (&columns, I_COORDINATOR, q->coordinator);
      add_int (&columns, I_COORDINATOR_AT, q->coordinator_at);
      add_bool (&columns, I_MEETING, q->meeting);
      add_int (&columns, I_MEETING_AT, q->meeting_at);
      add_bool (&columns, I_PRINTED, q->printed);
      add_bool (&columns, I_HAS_CONTACT, q->has_contact);
      if (q->has_contact)
        add_int (&columns, I_CONSENT_AT, q->consent_at);
      else
        add (&columns, I_CONSENT_AT, NULL);
      add (&columns, I_CHANNEL, q->channel);
      add (&columns, I_ENTERED_BY, q->entered_by);
      add (&numbers, 0, q->number);
      /* The log reader fills the details in only when this kiosk may send them. */
      if (q->has_contact && (q->contact[MDG_CONTACT_PHONE] != NULL
                             || q->contact[MDG_CONTACT_EMAIL] != NULL))
        {
          any_contact = TRUE;
          add (&contacts, 0, q->number);
          for (guint f = 0; f < MDG_CONTACT_READING; f++) /* the reading is not sent */
            add (&contacts, 1 + f, q->contact[f]);
        }
    }
  if (!send_columns (conn, upsert_inquiries, center, &columns, "saving inquiries", error))
    return FALSE;
  /* Whatever is not sent now must not stay centrally: a purge, or the setting turned off. */
  if (!send_columns (conn, "DELETE FROM contact WHERE center = $1 AND number = ANY ($2::text[])",
                     center, &numbers, "erasing contact details", error))
    return FALSE;
  G_STATIC_ASSERT (MDG_CONTACT_READING == 4);
  return !any_contact
         || send_columns (conn,
                          "INSERT INTO contact (center, number, name, phone, email, preferred_time)"
                          " SELECT $1, * FROM unnest ($2::text[], $3::text[], $4::text[],"
                          " $5::text[], $6::text[])",
                          center, &contacts, "saving contact details", error);
}

static gboolean
push_answers (PGconn       *conn,
              const char   *center,
              MdgSyncBatch *batch,
              GError      **error)
{
  g_auto (Columns) columns = { NULL };

  if (batch->answers->len == 0)
    return TRUE;
  columns_init (&columns, 4);
  for (guint i = 0; i < batch->answers->len; i++)
    {
      MdgSyncAnswer *a = g_ptr_array_index (batch->answers, i);

      add (&columns, 0, a->number);
      add (&columns, 1, a->step);
      add (&columns, 2, a->choice);
      add_int (&columns, 3, a->position);
    }
  return send_columns (conn,
                       "INSERT INTO answer (center, number, step, choice, position)"
                       " SELECT $1, * FROM unnest ($2::text[], $3::text[], $4::text[],"
                       " $5::integer[]) ON CONFLICT DO NOTHING",
                       center, &columns, "saving answers", error);
}

/* History lines and notes are keyed by the kiosk's row id: sent twice, kept once. */
static gboolean
push_events (PGconn     *conn,
             const char *center,
             GPtrArray  *events,
             const char *sql,
             const char *doing,
             GError    **error)
{
  g_auto (Columns) columns = { NULL };

  if (events->len == 0)
    return TRUE;
  columns_init (&columns, 6);
  for (guint i = 0; i < events->len; i++)
    {
      MdgSyncEvent *e = g_ptr_array_index (events, i);

      add (&columns, 0, e->number);
      add_int (&columns, 1, e->id);
      add_int (&columns, 2, e->at);
      add (&columns, 3, e->field);
      add (&columns, 4, e->old_value);
      add (&columns, 5, e->new_value);
    }
  return send_columns (conn, sql, center, &columns, doing, error);
}

static void
rollback (PGconn *conn)
{
  if (PQstatus (conn) == CONNECTION_OK && PQtransactionStatus (conn) != PQTRANS_IDLE)
    PQclear (PQexec (conn, "ROLLBACK"));
}

/* The whole batch in one transaction: after a failure or a kill nothing of it is there, and
 * sent again it changes nothing that is. */
gboolean
mdg_sync_central_push (PGconn       *conn,
                       const char   *center,
                       MdgSyncBatch *batch,
                       GError      **error)
{
  const char *params[] = { center };
  g_autoptr (PGresult) registered = NULL;

  if (!mdg_pg_command (conn, "BEGIN", "starting a transaction", error))
    return FALSE;
  registered = mdg_pg_query (conn,
                             "INSERT INTO center (id, last_sync) VALUES ($1, now ())"
                             " ON CONFLICT (id) DO UPDATE SET last_sync = now ()",
                             1, params, "registering the center", error);
  if (registered == NULL
      || (batch->inquiries->len > 0 && !push_inquiries (conn, center, batch, error))
      || !push_answers (conn, center, batch, error)
      || !push_events (conn, center, batch->history,
                       "INSERT INTO history (center, number, origin, origin_id, at, field,"
                       " old_value, new_value) SELECT $1, u.n, 'kiosk', u.i, u.a, u.f, u.o, u.v"
                       " FROM unnest ($2::text[], $3::bigint[], $4::bigint[], $5::text[],"
                       " $6::text[], $7::text[]) AS u (n, i, a, f, o, v) ON CONFLICT DO NOTHING",
                       "saving the history", error)
      || !push_events (conn, center, batch->notes,
                       "INSERT INTO message (center, number, origin, origin_id, at, kind,"
                       " author, body) SELECT $1, u.n, 'kiosk', u.i, u.a, u.f, u.o, u.v"
                       " FROM unnest ($2::text[], $3::bigint[], $4::bigint[], $5::text[],"
                       " $6::text[], $7::text[]) AS u (n, i, a, f, o, v) ON CONFLICT DO NOTHING",
                       "saving notes and messages", error)
      || !mdg_pg_command (conn, "COMMIT", "saving the batch", error))
    {
      rollback (conn);
      return FALSE;
    }
  return TRUE;
}

static gint64
value_int (PGresult *result,
           int       row,
           int       column)
{
  return g_ascii_strtoll (PQgetvalue (result, row, column), NULL, 10);
}

static const char *
value_text (PGresult *result,
            int       row,
            int       column)
{
  return PQgetisnull (result, row, column) ? NULL : PQgetvalue (result, row, column);
}

/* What central staff changed since the last pull, read while no staff change is in flight,
 * then applied here in one local transaction with the mark of how far it went. */
gboolean
mdg_sync_central_pull (PGconn     *conn,
                       MdgStore   *store,
                       const char *center,
                       guint      *n_applied,
                       GError    **error)
{
  g_autoptr (PGresult) fields = NULL;
  g_autoptr (PGresult) history = NULL;
  g_autoptr (PGresult) messages = NULL;
  g_autoptr (PGresult) last = NULL;
  g_autoptr (GPtrArray) changed = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_sync_fields_free);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_sync_event_free);
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_sync_event_free);
  g_autofree char *seen_text = NULL;
  const char *params[2] = { center, NULL };
  gint64 seen = 0;

  if (!mdg_sync_log_get_int (store, MDG_SYNC_CENTRAL_SEEN_KEY, &seen, error))
    return FALSE;
  seen_text = g_strdup_printf ("%" G_GINT64_FORMAT, seen);
  params[1] = seen_text;
  if (!mdg_pg_command (conn, "BEGIN", "starting a transaction", error))
    return FALSE;
  if (!mdg_pg_command (conn, "SELECT pg_advisory_xact_lock_shared ("
                             G_STRINGIFY (MDG_PG_CHANGE_LOCK) ")", "waiting for staff changes",
                       error)
      || (last = mdg_pg_query (conn, "SELECT CASE WHEN is_called THEN last_value ELSE 0 END"
                                     " FROM central_change", 0, NULL, "reading the changes",
                               error)) == NULL
      || (fields = mdg_pg_query (conn,
                                 /* Only central staff's values can win here; the kiosk's own
                                  * come back with a time that never does. */
                                 "SELECT number, status,"
                                 " CASE WHEN status_central THEN status_at ELSE 0 END,"
                                 " coordinator,"
                                 " CASE WHEN coordinator_central THEN coordinator_at ELSE 0 END,"
                                 " meeting, CASE WHEN meeting_central THEN meeting_at ELSE 0 END"
                                 " FROM inquiry"
                                 " WHERE center = $1 AND central_change > $2::bigint",
                                 2, params, "reading staff changes", error)) == NULL
      || (history = mdg_pg_query (conn,
                                  "SELECT number, origin_id, at, field, old_value, new_value"
                                  " FROM history WHERE center = $1 AND origin = 'central'"
                                  " AND origin_id > $2::bigint ORDER BY origin_id",
                                  2, params, "reading the history", error)) == NULL
      || (messages = mdg_pg_query (conn,
                                   "SELECT number, origin_id, at, kind, author, body"
                                   " FROM message WHERE center = $1 AND origin = 'central'"
                                   " AND origin_id > $2::bigint ORDER BY origin_id",
                                   2, params, "reading messages", error)) == NULL
      || !mdg_pg_command (conn, "COMMIT", "ending the transaction", error))
    {
      rollback (conn);
      return FALSE;
    }

  for (int r = 0; r < PQntuples (fields); r++)
    {
      MdgSyncFields *f = g_new0 (MdgSyncFields, 1);

      f->number = g_strdup (value_text (fields, r, 0));
      f->status = g_strdup (value_text (fields, r, 1));
      f->status_at = value_int (fields, r, 2);
      f->coordinator = g_strdup (value_text (fields, r, 3));
      f->coordinator_at = value_int (fields, r, 4);
      f->meeting = g_str_equal (PQgetvalue (fields, r, 5), "t");
      f->meeting_at = value_int (fields, r, 6);
      g_ptr_array_add (changed, f);
    }
  for (int r = 0; r < PQntuples (history); r++)
    g_ptr_array_add (lines, mdg_sync_event_new (value_text (history, r, 0),
                                                value_int (history, r, 1),
                                                value_int (history, r, 2),
                                                value_text (history, r, 3),
                                                value_text (history, r, 4),
                                                value_text (history, r, 5)));
  for (int r = 0; r < PQntuples (messages); r++)
    g_ptr_array_add (notes, mdg_sync_event_new (value_text (messages, r, 0),
                                                value_int (messages, r, 1),
                                                value_int (messages, r, 2),
                                                value_text (messages, r, 3),
                                                value_text (messages, r, 4),
                                                value_text (messages, r, 5)));
  if (n_applied != NULL)
    *n_applied = changed->len + lines->len + notes->len;
  if (value_int (last, 0, 0) <= seen)
    return TRUE;
  return mdg_sync_log_apply (store, changed, lines, notes, value_int (last, 0, 0), error);
}
