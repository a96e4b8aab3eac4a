/* test-file-messages.c: a file that cannot be written is explained in the staff's language. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>

#include "fixtures.h"
#include "mdg-error.h"
#include "mdg-file.h"
#include "mdg-i18n.h"

static char *dir;

static void
setup (void)
{
  mdg_i18n_init ();
  dir = fixture_tmpdir ();
}

static void
teardown (void)
{
  mdg_i18n_set_language ("ja");
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

TestSuite (file_messages, .init = setup, .fini = teardown);

/* The message for a temporary file in a read-only folder, in language. */
static char *
read_only_message (const char *language)
{
  g_autofree char *locked = g_build_filename (dir, "locked", NULL);
  g_autofree char *target = g_build_filename (locked, "day.csv", NULL);
  g_autofree char *temp = NULL;
  g_autoptr (GError) error = NULL;
  int fd = -1;

  g_mkdir (locked, 0500);
  mdg_i18n_set_language (language);
  temp = mdg_file_open_temp (target, &fd, &error);
  g_chmod (locked, 0700);
  cr_assert_null (temp, "a read-only folder takes no file");
  cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_IO));
  return g_strdup (error->message);
}

Test (file_messages, a_read_only_folder_is_explained_in_japanese)
{
  g_autofree char *message = read_only_message ("ja");

  cr_assert_not_null (strstr (message, "フォルダーが読み取り専用です"), "%s", message);
  cr_assert_null (strstr (message, "read-only"), "no English left: %s", message);
}

Test (file_messages, a_read_only_folder_is_explained_in_english)
{
  g_autofree char *message = read_only_message ("en");

  cr_assert_not_null (strstr (message, "the folder is read-only"), "%s", message);
}

Test (file_messages, a_missing_folder_is_explained_in_japanese)
{
  g_autofree char *target = g_build_filename (dir, "missing", "day.csv", NULL);
  g_autoptr (GError) error = NULL;
  int fd = -1;

  mdg_i18n_set_language ("ja");
  cr_assert_null (mdg_file_open_temp (target, &fd, &error));
  cr_assert_not_null (strstr (error->message, "そのフォルダーはありません"), "%s", error->message);
}
