/* decode.c: reads QR codes back with zbarimg, an independent decoder, for the suites. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>

#include "decode.h"

/* Runs a command; returns its standard output, and its exit status in exit_status. */
char *
decode_run (const char * const *argv,
            int                *exit_status)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int wait_status = 0;

  cr_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                           &wait_status, &error),
             "%s: %s", argv[0], error ? error->message : "");
  *exit_status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  if (*exit_status != 0 && err != NULL && *err != '\0')
    cr_log_info ("%s: %s", argv[0], err);
  return out;
}

/* Every symbol zbarimg finds, one a line; NULL when it finds none. */
char *
decode_qr_png (const char *png)
{
  const char *argv[] = { "zbarimg", "--raw", "--nodbus", "-q", png, NULL };
  g_autofree char *out = NULL;
  int status;

  out = decode_run (argv, &status);
  return status == 0 ? g_steal_pointer (&out) : NULL;
}

/* Rasterises the first page at 200 dpi, as a phone camera would see a good print. */
char *
decode_qr_pdf (const char *pdf)
{
  g_autofree char *prefix = g_strconcat (pdf, "-page", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *argv[] = { "pdftoppm", "-r", "200", "-png", "-singlefile", pdf, prefix, NULL };
  g_autofree char *out = NULL;
  int status;

  out = decode_run (argv, &status);
  cr_assert_eq (status, 0, "pdftoppm failed on %s", pdf);
  return decode_qr_png (png);
}

char *
decode_pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  int status;
  char *out = decode_run (argv, &status);

  cr_assert_eq (status, 0, "pdftotext failed on %s", pdf);
  return out;
}

/* The names in `dir` (a cups-pdf output folder), to tell new files from old ones. */
GHashTable *
decode_list_dir (const char *dir)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  cr_assert_not_null (listing, "%s is missing", dir);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_hash_table_add (names, g_strdup (name));
  return names;
}

/* Whether, within `seconds`, cups-pdf wrote to `dir` a PDF whose QR code reads `expected`; it is
 * removed. Matching by the code, not by the file's name, keeps other tests' jobs out of the count.
 * `scratch` is a folder for the copy that is decoded. */
gboolean
decode_wait_for_pdf (const char *dir,
                     GHashTable *before,
                     int         seconds,
                     const char *expected,
                     const char *scratch)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *copy = g_build_filename (scratch, "printed.pdf", NULL);

  for (int i = 0; i < seconds * 10; i++)
    {
      g_autoptr (GHashTable) now = decode_list_dir (dir);
      GHashTableIter iter;
      const char *name;

      g_hash_table_iter_init (&iter, now);
      while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autofree char *contents = NULL;
          g_autofree char *decoded = NULL;
          gsize length;

          if (g_hash_table_contains (before, name) || g_hash_table_contains (seen, name)
              || !g_str_has_suffix (name, ".pdf"))
            continue;
          /* Wait for the whole file: cups-pdf may still be writing it. */
          if (!g_file_get_contents (path, &contents, &length, NULL) || length < 32
              || g_strstr_len (contents + length - 32, 32, "%%EOF") == NULL)
            continue;
          g_hash_table_add (seen, g_strdup (name));
          cr_assert (g_file_set_contents (copy, contents, length, NULL));
          decoded = decode_qr_pdf (copy);
          if (g_strcmp0 (decoded, expected) == 0)
            {
              g_unlink (path);
              return TRUE;
            }
        }
      g_usleep (100 * 1000);
    }
  return FALSE;
}
