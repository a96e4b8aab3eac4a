/* mdg-desk-store.c: the staff desk's changes to an inquiry, each kept in its history. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mdg-desk-store.h"
#include "mdg-error.h"
#include "mdg-store-private.h"

void
mdg_desk_store_event_free (MdgDeskStoreEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->field);
  g_free (event->old_value);
  g_free (event->new_value);
  g_free (event);
}

gboolean
mdg_desk_store_status_is_valid (const char *status)
{
  static const char *statuses[] = { "new", "in-progress", "connected", "closed" };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (status, statuses[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
add_history (MdgStore   *store,
             gint64      inquiry_id,
             const char *field,
             const char *old_value,
             const char *new_value,
             GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = mdg_store_prepare (
    store, "INSERT INTO status_history (inquiry_id, at, field, old_value, new_value)"
           " VALUES (?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, inquiry_id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_STATIC);
  mdg_store_bind_text_or_null (stmt, 4, old_value);
  mdg_store_bind_text_or_null (stmt, 5, new_value);
  return mdg_store_step_done (store, stmt, "saving the history", error);
}

/* Changes one column of the inquiry and records old and new value, in one transaction.
 * The old value is read from the file, not the object, so the history stays true even
 * when another desk changed it meanwhile. */
static gboolean
set_column (MdgStore    *store,
            MdgInquiry  *inquiry,
            const char  *column,
            const char  *value,
            GError     **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM inquiry WHERE id = ?", column);
  g_autofree char *update = g_strdup_printf ("UPDATE inquiry SET %s = ? WHERE id = ?", column);
  g_autofree char *old = NULL;
  gint64 id = mdg_inquiry_get_id (inquiry);
  int rc;

  if (!mdg_store_exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;
  stmt = mdg_store_prepare (store, select, error);
  if (stmt == NULL)
    return mdg_store_rollback (store);
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, "Inquiry %s is no longer in the file",
                   mdg_inquiry_get_number (inquiry));
      return mdg_store_rollback (store);
    }
  if (rc != SQLITE_ROW)
    {
      mdg_store_fail (store, rc, "reading the inquiry", error);
      return mdg_store_rollback (store);
    }
  old = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (g_strcmp0 (old, value) == 0)
    return mdg_store_exec (store, "COMMIT", error) || mdg_store_rollback (store);

  stmt = mdg_store_prepare (store, update, error);
  if (stmt == NULL)
    return mdg_store_rollback (store);
  mdg_store_bind_text_or_null (stmt, 1, value);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!mdg_store_step_done (store, stmt, "changing the inquiry", error)
      || !add_history (store, id, column, old, value, error)
      || !mdg_store_exec (store, "COMMIT", error))
    return mdg_store_rollback (store);
  return TRUE;
}

gboolean
mdg_desk_store_set_status (MdgStore   *store,
                     MdgInquiry *inquiry,
                     const char *status,
                     GError    **error)
{
  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);
  g_return_val_if_fail (MDG_IS_INQUIRY (inquiry), FALSE);

  if (!mdg_desk_store_status_is_valid (status))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a status (new, in-progress, connected, closed)",
                   status != NULL ? status : "");
      return FALSE;
    }
  if (!set_column (store, inquiry, "status", status, error))
    return FALSE;
  mdg_inquiry_set_status (inquiry, status);
  return TRUE;
}

gboolean
mdg_desk_store_set_coordinator (MdgStore   *store,
                          MdgInquiry *inquiry,
                          const char *coordinator,
                          GError    **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);
  g_return_val_if_fail (MDG_IS_INQUIRY (inquiry), FALSE);

  if (coordinator != NULL)
    {
      name = g_strstrip (g_strdup (coordinator));
      if (!g_utf8_validate (name, -1, NULL))
        {
          g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                       "The coordinator's name is not valid text");
          return FALSE;
        }
      if (*name == '\0')
        g_clear_pointer (&name, g_free);
    }
  if (!set_column (store, inquiry, "coordinator", name, error))
    return FALSE;
  mdg_inquiry_set_coordinator (inquiry, name);
  return TRUE;
}

gboolean
mdg_desk_store_set_meeting (MdgStore   *store,
                      MdgInquiry *inquiry,
                      gboolean    meeting,
                      GError    **error)
{
  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);
  g_return_val_if_fail (MDG_IS_INQUIRY (inquiry), FALSE);

  if (!set_column (store, inquiry, "meeting", meeting ? "1" : "0", error))
    return FALSE;
  mdg_inquiry_set_meeting (inquiry, meeting);
  return TRUE;
}

/* An internal note or a message to the visitor: the same table, told apart by kind, and the
 * history names which ("note" or "message") and points at the row rather than copying it. */
static gboolean
insert_note (MdgStore   *store,
             MdgInquiry *inquiry,
             const char *author,
             const char *body,
             const char *kind,
             GError    **error)
{
  gboolean visitor = g_str_equal (kind, "visitor");
  const char *what = visitor ? "The message" : "The note";
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *text = NULL;
  g_autofree char *note_id = NULL;
  gint64 id;

  text = g_strstrip (g_strdup (body != NULL ? body : ""));
  if (*text == '\0' || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT, "%s is empty", what);
      return FALSE;
    }
  if (g_utf8_strlen (text, -1) > MDG_NOTE_MAX_CHARS)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "%s is longer than %d characters", what, MDG_NOTE_MAX_CHARS);
      return FALSE;
    }

  id = mdg_inquiry_get_id (inquiry);
  if (!mdg_store_exec (store, "BEGIN IMMEDIATE", error))
    return FALSE;
  stmt = mdg_store_prepare (store, "INSERT INTO note (inquiry_id, at, author, body, kind)"
                                   " VALUES (?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return mdg_store_rollback (store);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  mdg_store_bind_text_or_null (stmt, 3, author != NULL && *author != '\0' ? author : NULL);
  sqlite3_bind_text (stmt, 4, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, kind, -1, SQLITE_STATIC);
  if (!mdg_store_step_done (store, stmt, visitor ? "saving the message" : "saving the note", error))
    return mdg_store_rollback (store);
  note_id = g_strdup_printf ("%" G_GINT64_FORMAT,
                             (gint64) sqlite3_last_insert_rowid (mdg_store_get_db (store)));
  if (!add_history (store, id, visitor ? "message" : "note", NULL, note_id, error)
      || !mdg_store_exec (store, "COMMIT", error))
    return mdg_store_rollback (store);
  return TRUE;
}

gboolean
mdg_desk_store_add_note (MdgStore   *store,
                   MdgInquiry *inquiry,
                   const char *author,
                   const char *body,
                   GError    **error)
{
  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);
  g_return_val_if_fail (MDG_IS_INQUIRY (inquiry), FALSE);
  return insert_note (store, inquiry, author, body, "internal", error);
}

/* A message shown to the visitor on the follow-up page; notes never leave the desk. */
gboolean
mdg_desk_store_add_message (MdgStore   *store,
                      MdgInquiry *inquiry,
                      const char *author,
                      const char *body,
                      GError    **error)
{
  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);
  g_return_val_if_fail (MDG_IS_INQUIRY (inquiry), FALSE);
  return insert_note (store, inquiry, author, body, "visitor", error);
}

GPtrArray *
mdg_desk_store_list_timeline (MdgStore   *store,
                        MdgInquiry *inquiry,
                        GError    **error)
{
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) mdg_desk_store_event_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MDG_IS_STORE (store), NULL);
  g_return_val_if_fail (MDG_IS_INQUIRY (inquiry), NULL);

  stmt = mdg_store_prepare (
    store,
    "SELECT h.at, h.field,"
    "  CASE WHEN h.field IN ('note', 'message') THEN n.author ELSE h.old_value END,"
    "  CASE WHEN h.field IN ('note', 'message') THEN n.body ELSE h.new_value END"
    " FROM status_history h"
    " LEFT JOIN note n ON h.field IN ('note', 'message') AND n.id = CAST (h.new_value AS INTEGER)"
    " WHERE h.inquiry_id = ? ORDER BY h.at, h.id",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, mdg_inquiry_get_id (inquiry));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MdgDeskStoreEvent *event = g_new0 (MdgDeskStoreEvent, 1);

      event->at = sqlite3_column_int64 (stmt, 0);
      event->field = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      event->old_value = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      event->new_value = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (events, event);
    }
  if (rc != SQLITE_DONE)
    {
      mdg_store_fail (store, rc, "reading the history", error);
      return NULL;
    }
  return g_steal_pointer (&events);
}

/* Fills `contact` (cleared first); no row leaves it empty with consent FALSE. */
gboolean
mdg_desk_store_get_contact (MdgStore   *store,
                      MdgInquiry *inquiry,
                      MdgContact *contact,
                      GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);
  g_return_val_if_fail (MDG_IS_INQUIRY (inquiry), FALSE);
  g_return_val_if_fail (contact != NULL, FALSE);

  mdg_contact_clear (contact);
  stmt = mdg_store_prepare (store,
                            "SELECT name, phone, email, preferred_time, name_reading FROM contact"
                            " WHERE inquiry_id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, mdg_inquiry_get_id (inquiry));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return mdg_store_fail (store, rc, "reading the contact details", error);
  contact->consent = TRUE;
  for (guint i = 0; i < MDG_CONTACT_N_FIELDS; i++)
    contact->fields[i] = g_strdup ((const char *) sqlite3_column_text (stmt, i));
  return TRUE;
}

/* The inquiries brought to the regular meeting: flagged and not closed, oldest first. */
GPtrArray *
mdg_desk_store_list_flagged (MdgStore *store,
                       GError  **error)
{
  g_autoptr (GPtrArray) inquiries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (MDG_IS_STORE (store), NULL);

  stmt = mdg_store_prepare (store,
                            "SELECT number FROM inquiry WHERE meeting = 1 AND status != 'closed'"
                            " ORDER BY day, seq",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (numbers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      mdg_store_fail (store, rc, "reading the flagged inquiries", error);
      return NULL;
    }
  for (guint i = 0; i < numbers->len; i++)
    {
      MdgInquiry *inquiry = mdg_store_lookup (store, g_ptr_array_index (numbers, i), error);

      if (inquiry == NULL)
        return NULL;
      g_ptr_array_add (inquiries, inquiry);
    }
  return g_steal_pointer (&inquiries);
}

/* Changes whenever another connection commits to the file; see PRAGMA data_version. */
gboolean
mdg_desk_store_data_version (MdgStore *store,
                             gint64   *version,
                             GError  **error)
{
  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);
  return mdg_store_query_int (store, "PRAGMA data_version", version, "polling the database",
                              error);
}
