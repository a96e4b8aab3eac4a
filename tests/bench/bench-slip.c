/* bench-slip.c: times building the QR code and rendering one slip to PDF (not run by the tests). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "mdg-followup.h"
#include "mdg-i18n.h"
#include "mdg-qr.h"
#include "mdg-slip.h"
#include "mdg-store.h"

#define ROUNDS 200

static MdgInquiry *
record (MdgStore   *store,
        MdgFlow    *flow,
        const char *language,
        const char *followup)
{
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (GError) error = NULL;
  MdgInquiry *inquiry;

  mdg_visit_set_language (visit, language);
  mdg_visit_advance (visit);
  mdg_visit_choose (visit, "start");
  mdg_visit_toggle (visit, "children");
  mdg_visit_toggle (visit, "town");
  mdg_visit_advance (visit);
  mdg_visit_choose (visit, "npo");
  mdg_visit_choose (visit, "idea");
  mdg_visit_advance (visit);
  mdg_visit_choose (visit, followup);
  if (g_str_equal (followup, "contact"))
    {
      mdg_visit_set_consent (visit, TRUE);
      mdg_visit_set_contact_field (visit, MDG_CONTACT_PHONE, "045-123-4567");
      mdg_visit_advance (visit);
    }
  inquiry = mdg_store_record (store, visit, &error);
  if (inquiry == NULL)
    g_error ("%s", error->message);
  return inquiry;
}

static void
report (const char *what,
        gint64      elapsed_us,
        guint       rounds)
{
  printf ("%-32s %8.3f ms per run (%u runs, %.1f ms in all)\n", what,
          (double) elapsed_us / rounds / 1000.0, rounds, elapsed_us / 1000.0);
}

/* Usage: bench-slip [DIR]; with DIR, the rendered slips stay there to be looked at. */
int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-slip-XXXXXX", &error);
  g_autofree char *db = NULL;
  g_autofree char *url = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgFlow) flow = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (MdgInquiry) ja = NULL;
  g_autoptr (MdgInquiry) en = NULL;
  g_autoptr (MdgSlipData) data = NULL;
  const char *keep = argc > 1 ? argv[1] : NULL;
  gint64 start;

  mdg_i18n_init ();
  if (dir == NULL)
    g_error ("%s", error->message);
  db = g_build_filename (dir, "bench.db", NULL);
  store = mdg_store_open (db, &error);
  flow = store != NULL ? mdg_flow_new_default (&error) : NULL;
  if (flow == NULL)
    g_error ("%s", error->message);
  settings = g_settings_new (APP_ID);
  {
    g_autofree char *url_template = g_settings_get_string (settings, "followup-url");

    mdg_store_set_followup_url (store, url_template);
  }
  ja = record (store, flow, "ja", "qr");
  en = record (store, flow, "en", "qr");
  data = mdg_slip_data_new (ja, flow, settings);
  url = g_strdup (data->url);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < ROUNDS; i++)
    {
      g_autoptr (MdgQr) qr = mdg_qr_new (url, &error);

      if (qr == NULL)
        g_error ("%s", error->message);
    }
  report ("QR code (libqrencode, M)", g_get_monotonic_time () - start, ROUNDS);

  pdf = g_build_filename (dir, "slip.pdf", NULL);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < ROUNDS / 4; i++)
    if (!mdg_slip_write_pdf (data, MDG_SLIP_PAPER_80MM, pdf, &error))
      g_error ("%s", error->message);
  report ("slip to PDF (80 mm, ja)", g_get_monotonic_time () - start, ROUNDS / 4);

  if (keep != NULL)
    {
      g_autoptr (MdgInquiry) ja_contact = record (store, flow, "ja", "contact");
      g_autoptr (MdgInquiry) en_contact = record (store, flow, "en", "contact");
      g_autoptr (MdgInquiry) easy = record (store, flow, "ja-easy", "qr");
      g_autoptr (MdgInquiry) easy_contact = record (store, flow, "ja-easy", "contact");
      MdgInquiry *inquiries[] = { ja, en, ja_contact, en_contact, easy, easy_contact };
      const char *papers[] = { "80mm", "a6", "a4" };

      for (guint i = 0; i < G_N_ELEMENTS (inquiries); i++)
        for (guint p = 0; p < G_N_ELEMENTS (papers); p++)
          {
            g_autoptr (MdgSlipData) slip = mdg_slip_data_new (inquiries[i], flow, settings);
            g_autofree char *name = g_strdup_printf ("slip-%s-%s-%s.pdf", slip->language,
                                                     mdg_inquiry_get_has_contact (inquiries[i])
                                                       ? "contact" : "qr",
                                                     papers[p]);
            g_autofree char *path = g_build_filename (keep, name, NULL);
            MdgSlipPaper paper;

            mdg_slip_paper_from_string (papers[p], &paper);
            if (!mdg_slip_write_pdf (slip, paper, path, &error))
              g_error ("%s", error->message);
            printf ("%s\n", path);
          }
    }

  g_clear_object (&store);
  g_unlink (pdf);
  g_unlink (db);
  g_rmdir (dir);
  return EXIT_SUCCESS;
}
