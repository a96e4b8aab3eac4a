/* store-writer.c: records inquiries in a loop and prints each number once committed, for the
 * test that kills it at a random moment. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "mdg-store.h"
#include "sample-visit.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgFlow) flow = NULL;
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgVisit) visit = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: store-writer DATABASE\n");
      return 2;
    }
  flow = mdg_flow_new_default (&error);
  store = flow != NULL ? mdg_store_open (argv[1], &error) : NULL;
  if (store == NULL)
    {
      g_printerr ("store-writer: %s\n", error->message);
      return 1;
    }
  visit = sample_visit_new (flow);

  for (;;)
    {
      g_autoptr (MdgInquiry) inquiry = mdg_store_record (store, visit, &error);

      if (inquiry == NULL)
        {
          g_printerr ("store-writer: %s\n", error->message);
          return 1;
        }
      /* Printed only after the commit returned: every printed number must survive a kill. */
      printf ("%s\n", mdg_inquiry_get_number (inquiry));
      fflush (stdout);
    }
}
