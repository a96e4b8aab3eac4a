/* mdg-store-slip.c: what the store knows about an inquiry's printed slip. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-error.h"
#include "mdg-store-private.h"
#include "mdg-store-slip.h"

/* A slip that did not come out stays marked, so the staff desk can offer to reprint it. */
gboolean
mdg_store_set_printed (MdgStore   *self,
                       const char *number,
                       gboolean    printed,
                       GError    **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (MDG_IS_STORE (self), FALSE);
  g_return_val_if_fail (number != NULL, FALSE);

  stmt = mdg_store_prepare (self, "UPDATE inquiry SET printed = ? WHERE number = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, printed ? 1 : 0);
  sqlite3_bind_text (stmt, 2, number, -1, SQLITE_TRANSIENT);
  if (!mdg_store_step_done (self, stmt, "marking the slip as printed", error))
    return FALSE;
  if (sqlite3_changes (mdg_store_get_db (self)) == 0)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, "No inquiry numbered %s", number);
      return FALSE;
    }
  return TRUE;
}
