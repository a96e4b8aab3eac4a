/* bench-converter.c: how often anthy's first candidate, or one of the ten shown, is the word
 * meant, over the names, places and words of tests/bench/converter-words.txt. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "mdg-converter.h"

#define SHOWN 10

int
main (int   argc,
      char *argv[])
{
  const char *path = argc > 1 ? argv[1] : MDG_SOURCE_DIR "/tests/bench/converter-words.txt";
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgConverter) converter = mdg_converter_new (&error);
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  guint first = 0, shown = 0, n = 0;
  gint64 start;

  if (converter == NULL || !g_file_get_contents (path, &contents, NULL, &error))
    {
      fprintf (stderr, "bench-converter: %s\n", error->message);
      return 1;
    }
  lines = g_strsplit (contents, "\n", -1);
  start = g_get_monotonic_time ();
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (lines[i], " ", 2);
      g_auto (GStrv) candidates = NULL;

      if (g_strv_length (pair) != 2)
        continue;
      n++;
      candidates = mdg_converter_convert (converter, pair[0], SHOWN);
      if (g_str_equal (candidates[0], pair[1]))
        first++;
      else
        printf ("%s → %s first (%s wanted)\n", pair[0], candidates[0], pair[1]);
      for (guint c = 0; candidates[c] != NULL && c < SHOWN; c++)
        if (g_str_equal (candidates[c], pair[1]))
          {
            shown++;
            break;
          }
    }
  printf ("anthy: first candidate %u/%u, among the first %d %u/%u, %.2f ms a word\n", first, n,
          SHOWN, shown, n, (g_get_monotonic_time () - start) / 1000.0 / MAX (n, 1));
  return 0;
}
