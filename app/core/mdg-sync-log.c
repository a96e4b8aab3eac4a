/* mdg-sync-log.c: the kiosk side of the central sync: reading the change log in batches,
 * marking it sent, and applying what central staff changed. No network here. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-error.h"
#include "mdg-store-private.h"
#include "mdg-sync-log.h"

static void
sync_inquiry_free (MdgSyncInquiry *inquiry)
{
  g_free (inquiry->number);
  g_free (inquiry->day);
  g_free (inquiry->token);
  g_free (inquiry->language);
  g_free (inquiry->flow_version);
  g_free (inquiry->details);
  g_free (inquiry->followup);
  g_free (inquiry->status);
  g_free (inquiry->coordinator);
  g_free (inquiry->channel);
  g_free (inquiry->entered_by);
  for (guint i = 0; i < MDG_CONTACT_N_FIELDS; i++)
    g_free (inquiry->contact[i]);
  g_free (inquiry);
}

static void
sync_answer_free (MdgSyncAnswer *answer)
{
  g_free (answer->number);
  g_free (answer->step);
  g_free (answer->choice);
  g_free (answer);
}

MdgSyncEvent *
mdg_sync_event_new (const char *number,
                    gint64      id,
                    gint64      at,
                    const char *field,
                    const char *old_value,
                    const char *new_value)
{
  MdgSyncEvent *event = g_new0 (MdgSyncEvent, 1);

  event->number = g_strdup (number);
  event->id = id;
  event->at = at;
  event->field = g_strdup (field);
  event->old_value = g_strdup (old_value);
  event->new_value = g_strdup (new_value);
  return event;
}

void
mdg_sync_event_free (MdgSyncEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->number);
  g_free (event->field);
  g_free (event->old_value);
  g_free (event->new_value);
  g_free (event);
}

void
mdg_sync_fields_free (MdgSyncFields *fields)
{
  if (fields == NULL)
    return;
  g_free (fields->number);
  g_free (fields->status);
  g_free (fields->coordinator);
  g_free (fields);
}

MdgSyncBatch *
mdg_sync_batch_new (void)
{
  MdgSyncBatch *batch = g_new0 (MdgSyncBatch, 1);

  batch->inquiries = g_ptr_array_new_with_free_func ((GDestroyNotify) sync_inquiry_free);
  batch->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) sync_answer_free);
  batch->history = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_sync_event_free);
  batch->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_sync_event_free);
  return batch;
}

void
mdg_sync_batch_free (MdgSyncBatch *batch)
{
  if (batch == NULL)
    return;
  g_ptr_array_unref (batch->inquiries);
  g_ptr_array_unref (batch->answers);
  g_ptr_array_unref (batch->history);
  g_ptr_array_unref (batch->notes);
  g_free (batch);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* A field's time is its latest change made here; changes that came from the central
 * database carry central_id and are central's to date, not ours. */
#define FIELD_AT(field)                                                                    \
  "COALESCE ((SELECT MAX (h.at) FROM status_history h WHERE h.inquiry_id = i.id"          \
  " AND h.field = '" field "' AND h.central_id IS NULL), i.created_at)"

static gboolean
read_inquiries (MdgStore     *store,
                MdgSyncBatch *batch,
                GArray       *ids,
                guint         max_inquiries,
                gboolean      with_contact,
                GError      **error)
{
  g_autoptr (sqlite3_stmt) stmt = mdg_store_prepare (
    store,
    "SELECT o.seq, i.id, i.number, i.day, i.seq, i.token, i.created_at, i.language,"
    " i.flow_version, i.details, i.followup, i.status, " FIELD_AT ("status") ","
    " i.coordinator, " FIELD_AT ("coordinator") ", i.meeting, " FIELD_AT ("meeting") ","
    " i.printed, c.consent_at, c.name, c.phone, c.email, c.preferred_time, i.channel,"
    " i.entered_by FROM sync_outbox o LEFT JOIN inquiry i ON i.id = o.inquiry_id"
    " LEFT JOIN contact c ON c.inquiry_id = i.id ORDER BY o.seq LIMIT ?",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, max_inquiries);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MdgSyncInquiry *inquiry;
      gint64 id;

      batch->last_seq = sqlite3_column_int64 (stmt, 0);
      /* An inquiry removed from the file since leaves nothing to send. */
      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        continue;
      id = sqlite3_column_int64 (stmt, 1);
      g_array_append_val (ids, id);
      inquiry = g_new0 (MdgSyncInquiry, 1);
      inquiry->number = column_dup (stmt, 2);
      inquiry->day = column_dup (stmt, 3);
      inquiry->seq = sqlite3_column_int64 (stmt, 4);
      inquiry->token = column_dup (stmt, 5);
      inquiry->created_at = sqlite3_column_int64 (stmt, 6);
      inquiry->language = column_dup (stmt, 7);
      inquiry->flow_version = column_dup (stmt, 8);
      inquiry->details = column_dup (stmt, 9);
      inquiry->followup = column_dup (stmt, 10);
      inquiry->status = column_dup (stmt, 11);
      inquiry->status_at = sqlite3_column_int64 (stmt, 12);
      inquiry->coordinator = column_dup (stmt, 13);
      inquiry->coordinator_at = sqlite3_column_int64 (stmt, 14);
      inquiry->meeting = sqlite3_column_int (stmt, 15);
      inquiry->meeting_at = sqlite3_column_int64 (stmt, 16);
      inquiry->printed = sqlite3_column_int (stmt, 17);
      inquiry->has_contact = sqlite3_column_type (stmt, 18) != SQLITE_NULL;
      inquiry->consent_at = sqlite3_column_int64 (stmt, 18);
      /* The fields before the reading: the name's reading (フリガナ) stays in this file, the
       * central schema has no column for it. */
      for (guint f = 0; with_contact && f < MDG_CONTACT_READING; f++)
        inquiry->contact[f] = column_dup (stmt, 19 + f);
      inquiry->channel = column_dup (stmt, 23);
      inquiry->entered_by = column_dup (stmt, 24);
      g_ptr_array_add (batch->inquiries, inquiry);
    }
  return rc == SQLITE_DONE || mdg_store_fail (store, rc, "reading the change log", error);
}

/* Answers, local history and local notes of each inquiry read. */
static gboolean
read_details (MdgStore     *store,
              MdgSyncBatch *batch,
              GArray       *ids,
              GError      **error)
{
  g_autoptr (sqlite3_stmt) answers = mdg_store_prepare (
    store, "SELECT step, choice, position FROM answer WHERE inquiry_id = ? ORDER BY rowid", error);
  g_autoptr (sqlite3_stmt) history = mdg_store_prepare (
    store, "SELECT id, at, field, old_value, new_value FROM status_history"
           " WHERE inquiry_id = ? AND central_id IS NULL ORDER BY id", error);
  g_autoptr (sqlite3_stmt) notes = mdg_store_prepare (
    store, "SELECT id, at, kind, author, body FROM note"
           " WHERE inquiry_id = ? AND central_id IS NULL ORDER BY id", error);
  int rc = SQLITE_DONE;

  if (answers == NULL || history == NULL || notes == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len && rc == SQLITE_DONE; i++)
    {
      const char *number = ((MdgSyncInquiry *) g_ptr_array_index (batch->inquiries, i))->number;
      sqlite3_stmt *events[] = { history, notes };
      GPtrArray *into[] = { batch->history, batch->notes };

      sqlite3_reset (answers);
      sqlite3_bind_int64 (answers, 1, g_array_index (ids, gint64, i));
      while ((rc = sqlite3_step (answers)) == SQLITE_ROW)
        {
          MdgSyncAnswer *answer = g_new0 (MdgSyncAnswer, 1);

          answer->number = g_strdup (number);
          answer->step = column_dup (answers, 0);
          answer->choice = column_dup (answers, 1);
          answer->position = sqlite3_column_int (answers, 2);
          g_ptr_array_add (batch->answers, answer);
        }
      for (guint e = 0; e < G_N_ELEMENTS (events) && rc == SQLITE_DONE; e++)
        {
          sqlite3_reset (events[e]);
          sqlite3_bind_int64 (events[e], 1, g_array_index (ids, gint64, i));
          while ((rc = sqlite3_step (events[e])) == SQLITE_ROW)
            g_ptr_array_add (into[e], mdg_sync_event_new (
                                        number, sqlite3_column_int64 (events[e], 0),
                                        sqlite3_column_int64 (events[e], 1),
                                        (const char *) sqlite3_column_text (events[e], 2),
                                        (const char *) sqlite3_column_text (events[e], 3),
                                        (const char *) sqlite3_column_text (events[e], 4)));
        }
    }
  return rc == SQLITE_DONE || mdg_store_fail (store, rc, "reading the changes to send", error);
}

/* The oldest pending inquiries, read in one snapshot so that they agree with each other. */
MdgSyncBatch *
mdg_sync_log_read (MdgStore *store,
                   guint     max_inquiries,
                   gboolean  with_contact,
                   GError  **error)
{
  g_autoptr (MdgSyncBatch) batch = mdg_sync_batch_new ();
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (MDG_IS_STORE (store), NULL);
  g_return_val_if_fail (max_inquiries > 0, NULL);

  if (!mdg_store_exec (store, "BEGIN", error))
    return NULL;
  if (!read_inquiries (store, batch, ids, max_inquiries, with_contact, error)
      || !read_details (store, batch, ids, error))
    {
      mdg_store_rollback (store);
      return NULL;
    }
  if (!mdg_store_exec (store, "COMMIT", error))
    {
      mdg_store_rollback (store);
      return NULL;
    }
  return g_steal_pointer (&batch);
}

/* Called only once the central database committed the batch. A change made since the batch
 * was read replaced its row with a later seq, so it stays pending. */
gboolean
mdg_sync_log_mark_sent (MdgStore *store,
                        gint64    last_seq,
                        GError  **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);

  stmt = mdg_store_prepare (store, "DELETE FROM sync_outbox WHERE seq <= ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, last_seq);
  return mdg_store_step_done (store, stmt, "marking changes as sent", error);
}

gboolean
mdg_sync_log_pending (MdgStore *store,
                      gint64   *count,
                      GError  **error)
{
  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);
  return mdg_store_query_int (store, "SELECT count (*) FROM sync_outbox", count,
                              "counting the changes to send", error);
}

gboolean
mdg_sync_log_get_int (MdgStore   *store,
                      const char *key,
                      gint64     *value,
                      GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);

  stmt = mdg_store_prepare (store, "SELECT value FROM setting WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      *value = 0;
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    return mdg_store_fail (store, rc, "reading a setting", error);
  *value = g_ascii_strtoll ((const char *) sqlite3_column_text (stmt, 0), NULL, 10);
  return TRUE;
}

gboolean
mdg_sync_log_set_int (MdgStore   *store,
                      const char *key,
                      gint64      value,
                      GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);

  stmt = mdg_store_prepare (store, "INSERT INTO setting (key, value) VALUES (?, ?)"
                                   " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, g_strdup_printf ("%" G_GINT64_FORMAT, value), -1, g_free);
  return mdg_store_step_done (store, stmt, "saving a setting", error);
}

/* Central wins a field when its change is as late as ours or later (a tie goes to central);
 * madoguchi-sync sends ours with the mirror rule, so both sides settle on the same value. */
static gboolean
apply_fields (MdgStore      *store,
              MdgSyncFields *fields,
              GError       **error)
{
  static const char *names[] = { "status", "coordinator", "meeting" };
  g_autofree char *meeting = g_strdup (fields->meeting ? "1" : "0");
  const char *values[] = { fields->status, fields->coordinator, meeting };
  gint64 times[] = { fields->status_at, fields->coordinator_at, fields->meeting_at };

  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    {
      g_autofree char *sql = g_strdup_printf (
        "UPDATE inquiry AS i SET %s = ? WHERE i.number = ? AND i.%s IS NOT ?"
        " AND ? >= COALESCE ((SELECT MAX (h.at) FROM status_history h WHERE h.inquiry_id = i.id"
        " AND h.field = '%s' AND h.central_id IS NULL), i.created_at)",
        names[f], names[f], names[f]);
      g_autoptr (sqlite3_stmt) stmt = mdg_store_prepare (store, sql, error);

      if (stmt == NULL)
        return FALSE;
      mdg_store_bind_text_or_null (stmt, 1, values[f]);
      sqlite3_bind_text (stmt, 2, fields->number, -1, SQLITE_STATIC);
      mdg_store_bind_text_or_null (stmt, 3, values[f]);
      sqlite3_bind_int64 (stmt, 4, times[f]);
      if (!mdg_store_step_done (store, stmt, "applying a central change", error))
        return FALSE;
    }
  return TRUE;
}

/* Central notes first, so that central history lines about them can point at them. */
static gboolean
apply_events (MdgStore  *store,
              GPtrArray *history,
              GPtrArray *notes,
              GError   **error)
{
  g_autoptr (sqlite3_stmt) note = mdg_store_prepare (
    store, "INSERT OR IGNORE INTO note (inquiry_id, at, kind, author, body, central_id)"
           " SELECT id, ?, ?, ?, ?, ? FROM inquiry WHERE number = ?", error);
  g_autoptr (sqlite3_stmt) line = mdg_store_prepare (
    store, "INSERT OR IGNORE INTO status_history"
           " (inquiry_id, at, field, old_value, new_value, central_id)"
           " SELECT id, ?, ?, ?, CASE WHEN ? = 'note' THEN (SELECT CAST (n.id AS TEXT) FROM note n"
           "  WHERE n.central_id = CAST (? AS INTEGER)) ELSE ? END, ?"
           " FROM inquiry WHERE number = ?", error);

  if (note == NULL || line == NULL)
    return FALSE;
  for (guint i = 0; i < notes->len; i++)
    {
      MdgSyncEvent *event = g_ptr_array_index (notes, i);

      sqlite3_reset (note);
      sqlite3_bind_int64 (note, 1, event->at);
      sqlite3_bind_text (note, 2, event->field, -1, SQLITE_STATIC);
      mdg_store_bind_text_or_null (note, 3, event->old_value);
      sqlite3_bind_text (note, 4, event->new_value, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (note, 5, event->id);
      sqlite3_bind_text (note, 6, event->number, -1, SQLITE_STATIC);
      if (!mdg_store_step_done (store, note, "saving a central message", error))
        return FALSE;
    }
  for (guint i = 0; i < history->len; i++)
    {
      MdgSyncEvent *event = g_ptr_array_index (history, i);

      sqlite3_reset (line);
      sqlite3_bind_int64 (line, 1, event->at);
      sqlite3_bind_text (line, 2, event->field, -1, SQLITE_STATIC);
      mdg_store_bind_text_or_null (line, 3, event->old_value);
      sqlite3_bind_text (line, 4, event->field, -1, SQLITE_STATIC);
      mdg_store_bind_text_or_null (line, 5, event->new_value);
      mdg_store_bind_text_or_null (line, 6, event->new_value);
      sqlite3_bind_int64 (line, 7, event->id);
      sqlite3_bind_text (line, 8, event->number, -1, SQLITE_STATIC);
      if (!mdg_store_step_done (store, line, "saving the central history", error))
        return FALSE;
    }
  return TRUE;
}

/* Applies central staff's changes in one transaction with the mark of how far they go, so
 * a sync killed midway applies them again, and each only once. */
gboolean
mdg_sync_log_apply (MdgStore  *store,
                    GPtrArray *fields,
                    GPtrArray *history,
                    GPtrArray *notes,
                    gint64     central_seen,
                    GError   **error)
{
  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);

  if (!mdg_store_exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!apply_events (store, history, notes, error))
    return mdg_store_rollback (store);
  for (guint i = 0; i < fields->len; i++)
    if (!apply_fields (store, g_ptr_array_index (fields, i), error))
      return mdg_store_rollback (store);
  if (!mdg_sync_log_set_int (store, MDG_SYNC_CENTRAL_SEEN_KEY, central_seen, error)
      || !mdg_store_exec (store, "COMMIT", error))
    return mdg_store_rollback (store);
  return TRUE;
}
