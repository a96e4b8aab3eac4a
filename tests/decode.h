/* decode.h: reads QR codes back with zbarimg, an independent decoder, for the suites. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

char *decode_run      (const char * const *argv,
                       int                *exit_status);
char *decode_qr_png   (const char *png);
char *decode_qr_pdf   (const char *pdf);
char *decode_pdf_text (const char *pdf);
GHashTable *decode_list_dir     (const char *dir);
gboolean    decode_wait_for_pdf (const char *dir,
                                 GHashTable *before,
                                 int         seconds,
                                 const char *expected,
                                 const char *scratch);
