/* test-install.c: build-aux/install-kiosk.sh into a container-like root (no systemd running):
 * twice gives the same files, the settings are locked, --uninstall keeps only the data. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixtures.h"

static char *root;

/* A root with the accounts files a Debian container has, holding only root. */
static void
setup (void)
{
  g_autofree char *etc = NULL;
  const char *files[] = { "passwd", "group", "shadow", "gshadow" };

  cr_assert_eq (getuid (), 0, "install-kiosk.sh runs as root; run the suites as root");
  root = fixture_tmpdir ();
  etc = g_build_filename (root, "etc", NULL);
  cr_assert_eq (g_mkdir (etc, 0755), 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (etc, files[i], NULL);
      const char *line = i == 0   ? "root:x:0:0:root:/root:/bin/bash\n"
                         : i == 1 ? "root:x:0:\n"
                         : i == 2 ? "root:*:19000:0:99999:7:::\n"
                                  : "root:*::\n";

      cr_assert (g_file_set_contents (path, line, -1, NULL));
      g_chmod (path, i < 2 ? 0644 : 0640);
    }
}

static void
teardown (void)
{
  fixture_rmdir (root);
  g_clear_pointer (&root, g_free);
}

TestSuite (install, .init = setup, .fini = teardown, .timeout = 300);

/* Runs a shell command line; its standard output, and the exit status in *status. */
static char *
shell (const char *command,
       int        *status)
{
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int wait_status = 0;

  cr_assert (g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, &err, &wait_status,
                           &error), "%s", error ? error->message : "");
  cr_assert (WIFEXITED (wait_status), "“%s” crashed", command);
  *status = WEXITSTATUS (wait_status);
  if (*status != 0)
    cr_log_info ("%s:\n%s%s", command, out, err);
  return out;
}

static char *
install_kiosk (const char *extra,
               int        *status)
{
  g_autofree char *script = fixture_source_path ("build-aux/install-kiosk.sh");
  g_autofree char *command = g_strdup_printf ("'%s' --root '%s' --build-dir '%s' %s 2>&1", script,
                                              root, g_getenv ("MDG_BUILD_DIR"), extra);

  return shell (command, status);
}

/* Every path with its type, mode, owner, size and link target, then every file's checksum. */
static char *
snapshot (void)
{
  g_autofree char *command = g_strdup_printf (
    "cd '%s' && find . -printf '%%M %%U %%G %%s %%p %%l\\n' | sort -k5"
    " && find . -type f -print0 | sort -z | xargs -0 sha256sum", root);
  int status = 0;
  char *out = shell (command, &status);

  cr_assert_eq (status, 0);
  return out;
}

static gboolean
exists (const char *relative)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (path, G_FILE_TEST_IS_SYMLINK);
}

static const char *installed[] = {
  "etc/systemd/system/madoguchi-kiosk.service",
  "etc/systemd/system/multi-user.target.wants/madoguchi-kiosk.service",
  "etc/pam.d/madoguchi-kiosk",
  "etc/dconf/profile/madoguchi",
  "etc/dconf/db/madoguchi",
  "etc/dconf/db/madoguchi.d/00-center",
  "etc/dconf/db/madoguchi.d/locks/00-center",
  "usr/local/bin/madoguchi",
  "usr/local/bin/madoguchi-admin",
  "usr/local/share/glib-2.0/schemas/org.madoguchi.Kiosk.gschema.xml",
};

/* madoguchi-admin's loadable parts, in MODULEDIR. */
static const char *modules[] = { "madoguchi-admin-slip.so", "madoguchi-admin-city.so" };

Test (install, twice_the_same_files_then_uninstall_keeps_the_data)
{
  g_autofree char *first_out = NULL, *second_out = NULL, *out = NULL;
  g_autofree char *first = NULL, *second = NULL;
  g_autofree char *passwd_path = g_build_filename (root, "etc", "passwd", NULL);
  g_autofree char *group_path = g_build_filename (root, "etc", "group", NULL);
  g_autofree char *passwd = NULL;
  g_autofree char *data = g_build_filename (root, "var", "lib", "madoguchi", NULL);
  g_autofree char *db = g_build_filename (data, "inquiries.db", NULL);
  g_autofree char *tables = NULL;
  g_autofree char *command = NULL;
  GStatBuf st;
  int status = 0;

  first_out = install_kiosk ("", &status);
  cr_assert_eq (status, 0, "first run:\n%s", first_out);
  cr_assert (strstr (first_out, "skipped: installing cage and xwayland") != NULL, "%s", first_out);
  first = snapshot ();
  second_out = install_kiosk ("", &status);
  cr_assert_eq (status, 0, "second run:\n%s", second_out);
  second = snapshot ();
  cr_assert_str_eq (second, first, "the second run changed files");
  cr_assert_null (strstr (second_out, "wrote "), "the second run wrote:\n%s", second_out);

  for (guint i = 0; i < G_N_ELEMENTS (installed); i++)
    cr_assert (exists (installed[i]), "%s was not installed", installed[i]);
  cr_assert (g_file_get_contents (passwd_path, &passwd, NULL, NULL));
  cr_assert (g_regex_match_simple ("^madoguchi:x:[0-9]+:[0-9]+:[^:]*:/var/lib/madoguchi:"
                                   "/usr/sbin/nologin$", passwd, G_REGEX_MULTILINE, 0),
             "no unprivileged user without a login shell:\n%s", passwd);
  cr_assert_eq (g_stat (data, &st), 0);
  cr_assert_eq (st.st_mode & 0777, 0700, "data folder mode %o", st.st_mode & 0777);
  cr_assert_neq (st.st_uid, 0, "the data folder belongs to root");
  tables = fixture_query_text (db, "SELECT count (*) FROM sqlite_master WHERE name = 'inquiry'");
  cr_assert_str_eq (tables, "1;", "no database in the data folder");

  /* madoguchi-admin's modules are where the program looks for them (MODULEDIR under the root),
   * and the installed program opens them: the slip reaches the store, --pg the network. */
  for (guint i = 0; i < G_N_ELEMENTS (modules); i++)
    {
      g_autofree char *module = g_build_filename (root, MODULEDIR, modules[i], NULL);

      cr_assert (g_file_test (module, G_FILE_TEST_IS_REGULAR), "%s was not installed", module);
    }
  command = g_strdup_printf ("cd '%s' && export MADOGUCHI_MODULE_DIR='%s%s' &&"
                             " usr/local/bin/madoguchi-admin init --db probe.db >/dev/null &&"
                             " { usr/local/bin/madoguchi-admin slip 240101-001 --db probe.db"
                             " --pdf slip.pdf 2>&1; usr/local/bin/madoguchi-admin list"
                             " --pg 'host=127.0.0.1 port=1' --date 2024-01-01 2>&1; }",
                             root, root, MODULEDIR);
  out = shell (command, &status);
  cr_assert (strstr (out, "No inquiry numbered 240101-001") != NULL, "slip: %s", out);
  cr_assert (strstr (out, "the central database cannot be reached") != NULL, "--pg: %s", out);
  cr_assert_null (strstr (out, "module"), "%s", out);

  /* dconf compile accepts the profile's database, and its locks hold against the session. */
  g_free (out);
  /* Never onto /dev/null: dconf renames its output into place. */
  g_free (command);
  command = g_strdup_printf ("dconf compile '%s/compiled' '%s/etc/dconf/db/madoguchi.d'", root,
                             root);
  out = shell (command, &status);
  cr_assert_eq (status, 0, "dconf compile refused the settings");
  g_free (out);
  g_free (command);
  command = g_strdup_printf (
                 "printf 'user-db:user\\nfile-db:%s/etc/dconf/db/madoguchi\\n' > '%s/profile' &&"
                 " env GSETTINGS_BACKEND=dconf DCONF_PROFILE='%s/profile' XDG_CONFIG_HOME='%s/cfg'"
                 " GSETTINGS_SCHEMA_DIR='%s/usr/local/share/glib-2.0/schemas'"
                 " gsettings writable org.madoguchi.Kiosk printer-name",
                 root, root, root, root, root);
  out = shell (command, &status);
  cr_assert_eq (status, 0);
  cr_assert_str_eq (out, "false\n", "printer-name can be changed in the kiosk's session");

  g_free (out);
  out = install_kiosk ("--uninstall", &status);
  cr_assert_eq (status, 0, "--uninstall:\n%s", out);
  for (guint i = 0; i < G_N_ELEMENTS (installed); i++)
    cr_assert_not (exists (installed[i]), "%s is still there after --uninstall", installed[i]);
  g_free (passwd);
  cr_assert (g_file_get_contents (passwd_path, &passwd, NULL, NULL));
  cr_assert_null (strstr (passwd, "madoguchi:"), "the user is still there:\n%s", passwd);
  g_free (passwd);
  cr_assert (g_file_get_contents (group_path, &passwd, NULL, NULL));
  cr_assert_null (strstr (passwd, "madoguchi:"), "the group is still there:\n%s", passwd);
  cr_assert (g_file_test (db, G_FILE_TEST_IS_REGULAR), "--uninstall removed the database");
  g_free (tables);
  tables = fixture_query_text (db, "SELECT count (*) FROM sqlite_master WHERE name = 'inquiry'");
  cr_assert_str_eq (tables, "1;");

  /* Installed again over the kept data: the folder is the new user's. */
  g_free (out);
  out = install_kiosk ("", &status);
  cr_assert_eq (status, 0, "reinstall:\n%s", out);
  cr_assert_eq (g_stat (db, &st), 0);
  cr_assert_neq (st.st_uid, 0);
}
