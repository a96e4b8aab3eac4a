/* decode.c: reads QR codes back with zbarimg, an independent decoder, for the suites. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>

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
