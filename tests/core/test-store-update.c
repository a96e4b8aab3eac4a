/* test-store-update.c: before an update migrates the schema, the store writes a consistent
 * copy into backups/ beside the database and keeps the last seven. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>

#include "fixtures.h"
#include "mdg-store-maintenance.h"

static char *dir;
static char *db;

static void
setup (void)
{
  dir = fixture_tmpdir ();
  db = g_build_filename (dir, "inquiries.db", NULL);
}

static void
teardown (void)
{
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&db, g_free);
}

TestSuite (store_update, .init = setup, .fini = teardown);

static MdgStore *
store_with_one_inquiry (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (MdgInquiry) inquiry = NULL;
  MdgStore *store = mdg_store_open (db, &error);

  cr_assert_not_null (store, "%s", error ? error->message : "");
  fixture_answer_default (visit, "propose");
  inquiry = mdg_store_record (store, visit, &error);
  cr_assert_not_null (inquiry, "%s", error ? error->message : "");
  return store;
}

static guint
count_backups (const char *folder)
{
  g_autoptr (GDir) listing = g_dir_open (folder, 0, NULL);
  guint n = 0;

  cr_assert_not_null (listing, "no %s", folder);
  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

Test (store_update, the_backup_is_a_whole_copy_and_the_last_seven_are_kept)
{
  g_autoptr (MdgStore) store = store_with_one_inquiry ();
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);
  g_autoptr (GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *keep = g_build_filename (folder, "notes.txt", NULL);
  GStatBuf st;

  for (guint i = 0; i < MDG_STORE_BACKUPS_KEPT + 2; i++)
    {
      g_autoptr (GError) error = NULL;
      char *backup = mdg_store_backup_before_update (store, 1, &error);

      cr_assert_not_null (backup, "%s", error ? error->message : "");
      g_ptr_array_add (made, backup);
      if (i == 0)
        /* Not a backup: never pruned. */
        cr_assert (g_file_set_contents (keep, "staff notes", -1, NULL));
    }
  cr_assert_eq (g_stat (folder, &st), 0);
  cr_assert_eq (st.st_mode & 0777, 0700, "backups/ mode %o", st.st_mode & 0777);
  cr_assert_eq (count_backups (folder), MDG_STORE_BACKUPS_KEPT + 1, "seven backups and the notes");
  cr_assert (g_file_test (keep, G_FILE_TEST_EXISTS));
  for (guint i = 0; i < made->len; i++)
    {
      const char *backup = g_ptr_array_index (made, i);
      g_autofree char *base = g_path_get_basename (backup);

      cr_assert (g_regex_match_simple ("^inquiries-[0-9]{8}-[0-9]{6}-[0-9]{6}-schema1\\.db$", base,
                                       0, 0), "backup named %s", base);
      if (i < 2)
        cr_assert_not (g_file_test (backup, G_FILE_TEST_EXISTS), "the oldest %s was kept", base);
      else
        {
          g_autofree char *count = fixture_query_text (backup, "SELECT count (*) FROM inquiry");
          g_autofree char *check = fixture_query_text (backup, "PRAGMA integrity_check");

          cr_assert_str_eq (count, "1;", "%s does not hold the inquiry", base);
          cr_assert_str_eq (check, "ok;", "%s", base);
        }
    }
}

Test (store_update, an_unwritable_backups_folder_fails_before_anything_changes)
{
  g_autoptr (MdgStore) store = store_with_one_inquiry ();
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *backup = NULL;

  /* A file where the folder should be: no copy, so the caller must not migrate. */
  cr_assert (g_file_set_contents (folder, "", -1, NULL));
  backup = mdg_store_backup_before_update (store, 1, &error);
  cr_assert_null (backup);
  cr_assert_not_null (error);
  cr_assert (strstr (error->message, "backups") != NULL, "%s", error->message);
}

/* A file as the kiosk wrote it before inquiries taken by staff (schema 5): undoes schema 6. */
static void
make_schema_5 (void)
{
  fixture_sqlite_exec (db, "ALTER TABLE inquiry DROP COLUMN channel;"
                           "ALTER TABLE inquiry DROP COLUMN entered_by; PRAGMA user_version = 5");
}

/* A file as the kiosk wrote it before the sync update (schema 2): undoes schemas 6 to 3. */
static void
make_schema_2 (void)
{
  g_autofree char *triggers = fixture_query_text (
    db, "SELECT group_concat ('DROP TRIGGER ' || name, ';') FROM sqlite_master"
        " WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'");
  g_autofree char *drop = g_strndup (triggers, strlen (triggers) - 1); /* the row's ';' */

  make_schema_5 ();
  fixture_sqlite_exec (db, "DROP TABLE introduction; DROP TABLE organisation");
  fixture_sqlite_exec (db, "ALTER TABLE contact DROP COLUMN name_reading");
  if (*drop != '\0')
    fixture_sqlite_exec (db, drop);
  fixture_sqlite_exec (db, "DROP INDEX status_history_central; DROP INDEX note_central;"
                           "ALTER TABLE status_history DROP COLUMN central_id;"
                           "ALTER TABLE note DROP COLUMN central_id;"
                           "DROP TABLE sync_outbox; PRAGMA user_version = 2");
}

Test (store_update, an_update_of_an_existing_file_backs_it_up_first)
{
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) listing = NULL;
  g_autoptr (MdgStore) store = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *version = NULL;
  g_autofree char *count = NULL;
  const char *name;

  cr_assert_eq (MDG_STORE_SCHEMA_VERSION, 6, "make_schema_2 undoes only schemas 6 to 3");
  store = store_with_one_inquiry ();
  g_clear_object (&store);
  make_schema_2 ();
  cr_assert_not (g_file_test (folder, G_FILE_TEST_EXISTS));

  store = mdg_store_open (db, &error);
  cr_assert_not_null (store, "%s", error ? error->message : "");
  g_clear_object (&store);
  version = fixture_query_text (db, "PRAGMA user_version");
  cr_assert_str_eq (version, "6;");

  listing = g_dir_open (folder, 0, NULL);
  cr_assert_not_null (listing, "no backups/ after the update");
  name = g_dir_read_name (listing);
  cr_assert_not_null (name, "backups/ is empty");
  cr_assert (g_str_has_suffix (name, "-schema2.db"), "%s", name);
  cr_assert_null (g_dir_read_name (listing), "more than one backup for one update");
  backup = g_build_filename (folder, name, NULL);
  g_free (version);
  version = fixture_query_text (backup, "PRAGMA user_version");
  cr_assert_str_eq (version, "2;", "the backup is not the file as it was");
  count = fixture_query_text (backup, "SELECT count (*) FROM inquiry");
  cr_assert_str_eq (count, "1;");

  /* Opened again, at the current version: no second backup. */
  store = mdg_store_open (db, &error);
  cr_assert_not_null (store);
  cr_assert_eq (count_backups (folder), 1);
}

Test (store_update, no_backup_no_update)
{
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = store_with_one_inquiry ();
  g_autoptr (MdgStore) again = NULL;
  g_autofree char *version = NULL;

  g_clear_object (&store);
  make_schema_2 ();
  cr_assert (g_file_set_contents (folder, "", -1, NULL));
  again = mdg_store_open (db, &error);
  cr_assert_null (again, "migrated without a backup");
  cr_assert (strstr (error->message, "backup") != NULL, "%s", error->message);
  version = fixture_query_text (db, "PRAGMA user_version");
  cr_assert_str_eq (version, "2;", "the file changed without its backup");
}

/* Schema 5 to 6: the file is backed up, keeps every inquiry, and each of them is the kiosk's own
 * with nobody named as having typed it. */
Test (store_update, a_schema_5_file_keeps_its_inquiries_as_the_kiosks)
{
  g_autofree char *folder = g_build_filename (dir, "backups", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = store_with_one_inquiry ();
  g_autoptr (GPtrArray) listed = NULL;
  g_autoptr (GDir) listing = NULL;
  g_autofree char *number = fixture_query_text (db, "SELECT number FROM inquiry");
  g_autofree char *rows = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *expected = NULL;
  MdgInquiry *inquiry;
  const char *name;

  g_clear_object (&store);
  make_schema_5 ();
  store = mdg_store_open (db, &error);
  cr_assert_not_null (store, "%s", error ? error->message : "");
  rows = fixture_query_text (db, "SELECT number, channel, entered_by FROM inquiry");
  expected = g_strdup_printf ("%.*s|kiosk|NULL;", (int) strlen (number) - 1, number);
  cr_assert_str_eq (rows, expected);
  listed = mdg_store_list_days (store, "2000-01-01", "2999-12-31", &error);
  cr_assert_not_null (listed, "%s", error ? error->message : "");
  cr_assert_eq (listed->len, 1);
  inquiry = g_ptr_array_index (listed, 0);
  cr_assert_str_eq (mdg_inquiry_get_channel (inquiry), MDG_CHANNEL_KIOSK);
  cr_assert_null (mdg_inquiry_get_entered_by (inquiry));
  cr_assert_not (mdg_inquiry_is_staff_entered (inquiry));

  listing = g_dir_open (folder, 0, NULL);
  cr_assert_not_null (listing, "no backups/ before the update to schema 6");
  name = g_dir_read_name (listing);
  cr_assert (name != NULL && g_str_has_suffix (name, "-schema5.db"), "%s", name);
  backup = g_build_filename (folder, name, NULL);
  columns = fixture_query_text (backup, "SELECT count (*) FROM pragma_table_info ('inquiry')"
                                        " WHERE name IN ('channel', 'entered_by')");
  cr_assert_str_eq (columns, "0;", "the backup is the schema 5 file as it was");
}
