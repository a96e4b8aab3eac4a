/* fixtures.c: helpers shared by the Criterion suites. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fixtures.h"
#include "mdg-i18n.h"

char *
fixture_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("madoguchi-test-XXXXXX", &error);

  cr_assert_not_null (dir, "tmpdir: %s", error ? error->message : "");
  return dir;
}

static void
remove_tree (GFile *file)
{
  g_autoptr (GFileEnumerator) children = g_file_enumerate_children (
    file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);

  if (children != NULL)
    {
      GFileInfo *info;

      while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
        {
          g_autoptr (GFile) child = g_file_get_child (file, g_file_info_get_name (info));

          remove_tree (child);
          g_object_unref (info);
        }
    }
  g_file_delete (file, NULL, NULL);
}

void
fixture_rmdir (const char *dir)
{
  g_autoptr (GFile) file = g_file_new_for_path (dir);

  g_chmod (dir, 0700);
  remove_tree (file);
}

char *
fixture_source_path (const char *relative)
{
  const char *top = g_getenv ("MDG_SOURCE_DIR");

  cr_assert_not_null (top, "MDG_SOURCE_DIR is not set; run the suites through meson test");
  return g_build_filename (top, relative, NULL);
}

MdgFlow *
fixture_default_flow (void)
{
  g_autoptr (GError) error = NULL;
  MdgFlow *flow = mdg_flow_new_default (&error);

  cr_assert_not_null (flow, "default flow: %s", error ? error->message : "");
  return flow;
}

/* Walks the default flow from the welcome to the review with plausible answers. */
void
fixture_answer_default (MdgVisit   *visit,
                        const char *purpose)
{
  cr_assert (mdg_visit_advance (visit)); /* welcome → purpose */
  cr_assert (mdg_visit_choose (visit, purpose));
  cr_assert (mdg_visit_toggle (visit, "children"));
  cr_assert (mdg_visit_toggle (visit, "town"));
  cr_assert (mdg_visit_advance (visit));
  cr_assert (mdg_visit_choose (visit, "npo"));
  if (g_str_equal (purpose, "offer"))
    {
      cr_assert (mdg_visit_toggle (visit, "space"));
      cr_assert (mdg_visit_advance (visit));
    }
  else if (g_str_equal (purpose, "propose"))
    cr_assert (mdg_visit_choose (visit, "cohost"));
  cr_assert (mdg_visit_choose (visit, "idea"));
  mdg_visit_set_text (visit, "details", "子ども食堂を始めたい");
  cr_assert (mdg_visit_advance (visit));
  cr_assert (mdg_visit_choose (visit, "qr"));
  cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "review");
}

/* The rows of `sql` as "a|b;c|d;" (NULL shown as NULL), read as another program would. */
char *
fixture_query_text (const char *db,
                    const char *sql)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *text = g_string_new (NULL);

  cr_assert_eq (sqlite3_open_v2 (db, &handle, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  cr_assert_eq (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), SQLITE_OK, "%s", sql);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (text, "%s%s", i > 0 ? "|" : "",
                                sqlite3_column_type (stmt, i) == SQLITE_NULL
                                  ? "NULL" : (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (text, ';');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return g_string_free (text, FALSE);
}

/* The same walk, asking to be contacted with consent, phone and e-mail. */
void
fixture_answer_with_contact (MdgVisit   *visit,
                             const char *phone,
                             const char *email)
{
  cr_assert (mdg_visit_advance (visit));
  cr_assert (mdg_visit_choose (visit, "start"));
  cr_assert (mdg_visit_toggle (visit, "elderly"));
  cr_assert (mdg_visit_advance (visit));
  cr_assert (mdg_visit_choose (visit, "individual"));
  cr_assert (mdg_visit_choose (visit, "idea"));
  cr_assert (mdg_visit_advance (visit));
  cr_assert (mdg_visit_choose (visit, "contact"));
  mdg_visit_set_consent (visit, TRUE);
  mdg_visit_set_contact_field (visit, MDG_CONTACT_NAME, "横浜 花子");
  mdg_visit_set_contact_field (visit, MDG_CONTACT_PHONE, phone);
  mdg_visit_set_contact_field (visit, MDG_CONTACT_EMAIL, email);
  cr_assert (mdg_visit_advance (visit));
  cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "review");
}

/* Overwrites 512 bytes at `offset` of a closed database: page 1 (offset 0) is its header and
 * schema, page 2 (offset 4096) the first table's root. */
void
fixture_damage_file (const char *path,
                     long        offset)
{
  guint8 garbage[512];
  FILE *file = fopen (path, "r+b");

  cr_assert_not_null (file, "cannot open %s", path);
  memset (garbage, 0xa5, sizeof garbage);
  cr_assert_eq (fseek (file, offset, SEEK_SET), 0);
  cr_assert_eq (fwrite (garbage, 1, sizeof garbage, file), sizeof garbage);
  cr_assert_eq (fclose (file), 0);
}

/* Runs `sql` on the file as another program would, creating it if need be. */
void
fixture_sqlite_exec (const char *db,
                     const char *sql)
{
  sqlite3 *handle = NULL;

  cr_assert_eq (sqlite3_open (db, &handle), SQLITE_OK, "cannot open %s", db);
  cr_assert_eq (sqlite3_exec (handle, sql, NULL, NULL, NULL), SQLITE_OK, "%s", sql);
  sqlite3_close (handle);
}

/* Puts another database's write-ahead log beside db, as a mistaken copy would: a log with
 * frames, written by a program that never closed it. */
void
fixture_foreign_wal (const char *db)
{
  g_autofree char *dir = g_path_get_dirname (db);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *other_wal = g_strconcat (other, "-wal", NULL);
  g_autofree char *other_shm = g_strconcat (other, "-shm", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *contents = NULL;
  sqlite3 *handle = NULL;
  gsize length = 0;

  cr_assert_eq (sqlite3_open (other, &handle), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (handle,
                              "PRAGMA journal_mode = WAL;"
                              "CREATE TABLE ledger (id INTEGER PRIMARY KEY, body TEXT);"
                              "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                              " WHERE i < 400) INSERT INTO ledger (body)"
                              " SELECT printf ('%.200c', 'z') FROM n;",
                              NULL, NULL, NULL),
                SQLITE_OK, "%s", sqlite3_errmsg (handle));
  cr_assert (g_file_get_contents (other_wal, &contents, &length, NULL));
  cr_assert_gt (length, 32, "the other log has frames");
  cr_assert (g_file_set_contents (wal, contents, length, NULL));
  sqlite3_close (handle);
  g_unlink (other);
  g_unlink (other_wal);
  g_unlink (other_shm);
}
