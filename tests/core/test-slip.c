/* test-slip.c: the slip's PDF carries a QR code that decodes to the stored follow-up address. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo.h>
#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decode.h"
#include "fixtures.h"
#include "mdg-error.h"
#include "mdg-followup.h"
#include "mdg-i18n.h"
#include "mdg-phrases.h"
#include "mdg-slip.h"
#include "mdg-store-slip.h"

static char *dir;
static char *db;
static MdgStore *store;
static MdgFlow *flow;
static GSettings *settings;

static void
setup (void)
{
  g_autoptr (GError) error = NULL;

  mdg_i18n_init ();
  dir = fixture_tmpdir ();
  db = g_build_filename (dir, "inquiries.db", NULL);
  store = mdg_store_open (db, &error);
  cr_assert_not_null (store, "%s", error ? error->message : "");
  flow = fixture_default_flow ();
  settings = g_settings_new (APP_ID);
}

static void
teardown (void)
{
  g_clear_object (&settings);
  g_clear_object (&flow);
  g_clear_object (&store);
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&db, g_free);
}

TestSuite (slip, .init = setup, .fini = teardown);

/* An inquiry answered in `language` with the given follow-up, as the store keeps it. */
static MdgInquiry *
record (const char *language,
        const char *followup)
{
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (GError) error = NULL;
  g_autofree char *url_template = g_settings_get_string (settings, "followup-url");
  MdgInquiry *inquiry;

  mdg_visit_set_language (visit, language);
  fixture_answer_default (visit, "start");
  cr_assert (mdg_visit_revisit (visit, "followup"));
  cr_assert (mdg_visit_choose (visit, followup));
  if (g_str_equal (followup, "contact"))
    {
      mdg_visit_set_consent (visit, TRUE);
      mdg_visit_set_contact_field (visit, MDG_CONTACT_PHONE, "045-123-4567");
      cr_assert (mdg_visit_advance (visit));
    }
  cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "review");
  mdg_store_set_followup_url (store, url_template);
  inquiry = mdg_store_record (store, visit, &error);
  cr_assert_not_null (inquiry, "%s", error ? error->message : "");
  return inquiry;
}

/* The address built from what the store holds, not from what the slip was given. */
static char *
stored_url (const char *number,
            const char *language)
{
  g_autoptr (MdgInquiry) stored = mdg_store_lookup (store, number, NULL);
  g_autofree char *url_template = g_settings_get_string (settings, "followup-url");

  cr_assert_not_null (stored);
  return mdg_followup_build_url (url_template, number, mdg_inquiry_get_token (stored), language);
}

static char *
write_slip (MdgInquiry   *inquiry,
            MdgSlipPaper  paper,
            const char   *name)
{
  g_autoptr (MdgSlipData) data = mdg_slip_data_new (inquiry, flow, settings);
  g_autoptr (GError) error = NULL;
  char *pdf = g_build_filename (dir, name, NULL);

  cr_assert (mdg_slip_write_pdf (data, paper, pdf, &error), "%s", error ? error->message : "");
  return pdf;
}

Test (slip, pdf_qr_decodes_to_the_stored_url_on_every_paper)
{
  const MdgSlipPaper papers[] = { MDG_SLIP_PAPER_80MM, MDG_SLIP_PAPER_A6, MDG_SLIP_PAPER_A4 };
  g_autoptr (MdgInquiry) inquiry = record ("ja", "qr");
  g_autofree char *url = stored_url (mdg_inquiry_get_number (inquiry), "ja");
  g_autofree char *expected = g_strconcat (url, "\n", NULL);

  cr_assert (g_str_has_prefix (url, "https://"));
  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      g_autofree char *name = g_strdup_printf ("slip-%u.pdf", i);
      g_autofree char *pdf = write_slip (inquiry, papers[i], name);
      g_autofree char *decoded = decode_qr_pdf (pdf);

      cr_assert_not_null (decoded, "no QR code found on paper %u", i);
      cr_assert_str_eq (decoded, expected, "paper %u", i);
    }
}

Test (slip, speaks_the_visitors_language)
{
  g_autoptr (MdgInquiry) ja = record ("ja", "qr");
  g_autoptr (MdgInquiry) en = record ("en", "now");
  g_autoptr (MdgSlipData) ja_data = mdg_slip_data_new (ja, flow, settings);
  g_autoptr (MdgSlipData) en_data = mdg_slip_data_new (en, flow, settings);
  g_autofree char *ja_pdf = write_slip (ja, MDG_SLIP_PAPER_80MM, "ja.pdf");
  g_autofree char *en_pdf = write_slip (en, MDG_SLIP_PAPER_A6, "en.pdf");
  g_autofree char *ja_text = decode_pdf_text (ja_pdf);
  g_autofree char *en_text = decode_pdf_text (en_pdf);
  g_autofree char *en_url = stored_url (mdg_inquiry_get_number (en), "en");
  g_autofree char *en_decoded = decode_qr_pdf (en_pdf);

  cr_assert_str_eq (ja_data->purpose, "新しく活動を始めたい");
  cr_assert_str_eq (ja_data->areas, "子育て・子ども、まちづくり・住まい");
  cr_assert_str_eq (en_data->purpose, "Start a new activity");
  cr_assert_str_eq (en_data->areas, "Children & parenting, Town planning & housing");

  /* pdftotext may break lines anywhere, so look for short pieces. */
  cr_assert (strstr (ja_text, "市民協働推進センター") != NULL, "%s", ja_text);
  cr_assert (strstr (ja_text, mdg_inquiry_get_number (ja)) != NULL, "%s", ja_text);
  cr_assert (strstr (ja_text, "スマートフォンでコードを読み取る") != NULL, "%s", ja_text);
  cr_assert (strstr (ja_text, "365日間") != NULL, "%s", ja_text);
  cr_assert (strstr (ja_text, "センター窓口の") != NULL, "%s", ja_text);

  cr_assert (strstr (en_text, "Civic Collaboration Center") != NULL, "%s", en_text);
  cr_assert (strstr (en_text, "Start a new activity") != NULL, "%s", en_text);
  cr_assert (strstr (en_text, "number 002") != NULL, "the desk calls 002: %s", en_text);
  cr_assert (strstr (en_text, "365 days") != NULL, "%s", en_text);
  cr_assert_not_null (en_decoded);
  cr_assert (g_str_has_prefix (en_decoded, en_url));
  cr_assert (strstr (en_url, "lang=en") != NULL);
}

Test (slip, next_step_fits_the_follow_up)
{
  g_autoptr (MdgInquiry) contact = record ("en", "contact");
  g_autofree char *pdf = write_slip (contact, MDG_SLIP_PAPER_80MM, "contact.pdf");
  g_autofree char *text = decode_pdf_text (pdf);

  cr_assert (strstr (text, "A coordinator will contact you.") != NULL, "%s", text);
  cr_assert (strstr (text, "Scan the code") == NULL, "%s", text);
}

Test (slip, bad_template_prints_a_notice_instead_of_the_code)
{
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_autoptr (MdgSlipData) data = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *decoded = NULL;

  cr_assert (g_settings_set_string (settings, "followup-url", "ftp://example.org/{token}"));
  inquiry = record ("en", "qr");
  data = mdg_slip_data_new (inquiry, flow, settings);
  cr_assert_null (data->url);
  pdf = write_slip (inquiry, MDG_SLIP_PAPER_80MM, "notice.pdf");
  text = decode_pdf_text (pdf);
  decoded = decode_qr_pdf (pdf);
  cr_assert (strstr (text, "QR code unavailable") != NULL, "%s", text);
  cr_assert_null (decoded, "no code should be printed: %s", decoded);
}

Test (slip, replaces_the_file_whole_and_leaves_no_temporary)
{
  g_autoptr (MdgInquiry) inquiry = record ("ja", "qr");
  g_autofree char *pdf = g_build_filename (dir, "slip.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GDir) listing = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgSlipData) data = mdg_slip_data_new (inquiry, flow, settings);
  const char *name;
  guint slips = 0;

  cr_assert (g_file_set_contents (pdf, "old", -1, NULL));
  cr_assert (mdg_slip_write_pdf (data, MDG_SLIP_PAPER_80MM, pdf, &error));
  cr_assert (g_file_get_contents (pdf, &contents, NULL, NULL));
  cr_assert (g_str_has_prefix (contents, "%PDF-"));
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      cr_assert (!g_str_has_prefix (name, "slip.pdf."), "left behind: %s", name);
      slips += g_str_equal (name, "slip.pdf");
    }
  cr_assert_eq (slips, 1);
}

Test (slip, bad_path_gives_a_clear_error)
{
  g_autoptr (MdgInquiry) inquiry = record ("ja", "qr");
  g_autoptr (MdgSlipData) data = mdg_slip_data_new (inquiry, flow, settings);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "slip.pdf", NULL);
  g_autoptr (GError) error = NULL;

  cr_assert (!mdg_slip_write_pdf (data, MDG_SLIP_PAPER_80MM, missing, &error));
  cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_IO));
  cr_assert (strstr (error->message, missing) != NULL, "%s", error->message);
  cr_assert (strstr (error->message, "no such folder") != NULL, "%s", error->message);
  g_clear_error (&error);

  cr_assert (!mdg_slip_write_pdf (data, MDG_SLIP_PAPER_80MM, dir, &error));
  cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_IO));
  cr_assert (g_file_test (dir, G_FILE_TEST_IS_DIR));
}

Test (slip, writes_through_a_link_and_refuses_what_is_not_a_file)
{
  g_autoptr (MdgInquiry) inquiry = record ("ja", "qr");
  g_autoptr (MdgSlipData) data = mdg_slip_data_new (inquiry, flow, settings);
  g_autofree char *real = g_build_filename (dir, "real.pdf", NULL);
  g_autofree char *link = g_build_filename (dir, "link.pdf", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  struct stat st;

  cr_assert (g_file_set_contents (real, "old", -1, NULL));
  cr_assert_eq (symlink ("real.pdf", link), 0);
  cr_assert (mdg_slip_write_pdf (data, MDG_SLIP_PAPER_80MM, link, &error), "%s",
             error != NULL ? error->message : "");
  cr_assert (g_file_test (link, G_FILE_TEST_IS_SYMLINK), "the link stays a link");
  cr_assert (g_file_get_contents (real, &contents, NULL, NULL));
  cr_assert (g_str_has_prefix (contents, "%PDF-"), "written through the link");

  cr_assert_eq (mkfifo (fifo, 0600), 0);
  cr_assert (!mdg_slip_write_pdf (data, MDG_SLIP_PAPER_80MM, fifo, &error));
  cr_assert (strstr (error->message, "is a pipe") != NULL, "%s", error->message);
  cr_assert_eq (lstat (fifo, &st), 0);
  cr_assert (S_ISFIFO (st.st_mode), "the pipe is left as it was");
}

Test (slip, printed_flag_is_kept_for_reprinting)
{
  g_autoptr (MdgInquiry) inquiry = record ("ja", "qr");
  const char *number = mdg_inquiry_get_number (inquiry);
  g_autoptr (MdgInquiry) after = NULL;
  g_autoptr (GError) error = NULL;

  cr_assert (!mdg_inquiry_get_printed (inquiry));
  cr_assert (mdg_store_set_printed (store, number, TRUE, &error));
  after = mdg_store_lookup (store, number, NULL);
  cr_assert (mdg_inquiry_get_printed (after));
  g_clear_object (&after);

  cr_assert (mdg_store_set_printed (store, number, FALSE, &error));
  after = mdg_store_lookup (store, number, NULL);
  cr_assert (!mdg_inquiry_get_printed (after));

  cr_assert (!mdg_store_set_printed (store, "991231-999", TRUE, &error));
  cr_assert (g_error_matches (error, MDG_ERROR, MDG_ERROR_NOT_FOUND));
}

static char *
admin (int        *status,
       char      **err,
       const char *arg,
       ...)
{
  g_autofree char *program = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "app",
                                               "madoguchi-admin", NULL);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  va_list args;
  int wait_status;

  g_ptr_array_add (argv, program);
  va_start (args, arg);
  for (; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  cr_assert (g_spawn_sync (NULL, (char **) argv->pdata, NULL, 0, NULL, NULL, &out, err,
                           &wait_status, &error),
             "%s", error ? error->message : "");
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return out;
}

static guint
count_lines (const char *text)
{
  guint lines = 0;

  for (const char *p = text; *p != '\0'; p++)
    lines += *p == '\n';
  return lines;
}

Test (slip, admin_writes_the_slip_and_refuses_clearly)
{
  g_autoptr (MdgInquiry) inquiry = record ("en", "qr");
  const char *number = mdg_inquiry_get_number (inquiry);
  g_autofree char *pdf = g_build_filename (dir, "admin.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing", "admin.pdf", NULL);
  g_autofree char *url = stored_url (number, "en");
  g_autofree char *expected = g_strconcat (url, "\n", NULL);
  g_autofree char *out = NULL, *err = NULL, *decoded = NULL;
  int status;

  g_clear_object (&store); /* the admin opens the database itself */
  out = admin (&status, &err, "slip", number, "--pdf", pdf, "--paper", "a6", "--db", db, NULL);
  cr_assert_eq (status, 0, "%s", err);
  decoded = decode_qr_pdf (pdf);
  cr_assert_str_eq (decoded, expected);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = admin (&status, &err, "slip", "991231-999", "--pdf", pdf, "--db", db, NULL);
  cr_assert_eq (status, 1);
  cr_assert_eq (count_lines (err), 1, "%s", err);
  cr_assert (strstr (err, "991231-999") != NULL, "%s", err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = admin (&status, &err, "slip", number, "--pdf", bad, "--db", db, NULL);
  cr_assert_eq (status, 1);
  cr_assert_eq (count_lines (err), 1, "%s", err);
  cr_assert (strstr (err, bad) != NULL, "%s", err);
  cr_assert (!g_file_test (bad, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = admin (&status, &err, "slip", number, "--pdf", pdf, "--paper", "letter", "--db", db, NULL);
  cr_assert_eq (status, 1);
  cr_assert_eq (count_lines (err), 1, "%s", err);
}

Test (slip, admin_refuses_an_address_too_long_for_a_qr_code)
{
  g_autoptr (MdgInquiry) inquiry = record ("en", "qr");
  g_autofree char *pdf = g_build_filename (dir, "long.pdf", NULL);
  g_autofree char *settings_dir = g_build_filename (dir, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_autoptr (GString) contents = g_string_new ("[org/madoguchi/Kiosk]\n"
                                               "followup-url='https://x.example/f?t={token}&pad=");
  g_autofree char *out = NULL, *err = NULL;
  int status;

  for (int i = 0; i < 3000; i++)
    g_string_append_c (contents, 'a');
  g_string_append (contents, "'\n");
  cr_assert_eq (g_mkdir_with_parents (settings_dir, 0700), 0);
  cr_assert (g_file_set_contents (keyfile, contents->str, -1, NULL));
  /* Only the admin run below, a child of this test's own process, reads these settings. */
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);

  g_clear_object (&store);
  out = admin (&status, &err, "slip", mdg_inquiry_get_number (inquiry), "--pdf", pdf, "--db", db,
               NULL);
  cr_assert_eq (status, 1, "%s", err);
  cr_assert_eq (count_lines (err), 1, "%s", err);
  cr_assert (strstr (err, "too long for a QR code") != NULL, "%s", err);
  cr_assert_not (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

static void
start_cups (void)
{
  g_autofree char *script = fixture_source_path ("build-aux/start-cups.sh");
  const char *argv[] = { script, "madoguchi-test", NULL };
  g_autofree char *out = NULL;
  int status;

  out = decode_run (argv, &status);
  cr_assert_eq (status, 0, "build-aux/start-cups.sh failed: CUPS with cups-pdf queues is needed");
}

Test (slip, admin_prints_the_slip_through_the_helper_and_marks_it)
{
  g_autoptr (MdgInquiry) inquiry = record ("ja", "qr");
  const char *number = mdg_inquiry_get_number (inquiry);
  g_autoptr (GHashTable) before = NULL;
  g_autofree char *url = stored_url (number, "ja");
  g_autofree char *expected = g_strconcat (url, "\n", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (MdgInquiry) stored = NULL;
  int status;

  start_cups ();
  before = decode_list_dir ("/var/spool/cups-pdf/madoguchi-test");
  out = admin (&status, &err, "slip", number, "--print", "madoguchi-test", "--db", db, NULL);
  cr_assert_eq (status, 0, "%s", err);
  cr_assert_eq (count_lines (out), 1, "%s", out);
  cr_assert (strstr (out, number) != NULL, "%s", out);
  stored = mdg_store_lookup (store, number, NULL);
  cr_assert (mdg_inquiry_get_printed (stored), "a printed slip is marked printed");
  cr_assert (decode_wait_for_pdf ("/var/spool/cups-pdf/madoguchi-test", before, 20, expected, dir),
             "within 20 s no PDF with the inquiry's QR code arrived");
}

Test (slip, admin_print_failures_say_one_line_and_leave_the_slip_unprinted)
{
  g_autoptr (MdgInquiry) inquiry = record ("ja", "qr");
  const char *number = mdg_inquiry_get_number (inquiry);
  const char *queues[] = { "madoguchi-no-such-queue", "madoguchi-test-disabled" };

  start_cups ();
  for (guint i = 0; i < G_N_ELEMENTS (queues); i++)
    {
      g_autofree char *out = NULL, *err = NULL;
      g_autoptr (MdgInquiry) stored = NULL;
      int status;

      out = admin (&status, &err, "slip", number, "--print", queues[i], "--db", db, NULL);
      cr_assert_eq (status, 1, "%s", err);
      cr_assert_eq (count_lines (err), 1, "%s", err);
      cr_assert (g_str_has_prefix (err, "madoguchi-admin slip: "), "%s", err);
      cr_assert (strstr (err, queues[i]) != NULL, "%s", err);
      stored = mdg_store_lookup (store, number, NULL);
      cr_assert (!mdg_inquiry_get_printed (stored));
    }
}

Test (slip, draws_the_address_the_store_recorded_with_the_inquiry)
{
  g_autoptr (MdgInquiry) inquiry = record ("en", "qr");
  g_autofree char *url = stored_url (mdg_inquiry_get_number (inquiry), "en");
  g_autoptr (MdgSlipData) data = NULL;
  g_autoptr (MdgInquiry) again = NULL;

  cr_assert_str_eq (mdg_inquiry_get_followup_url (inquiry), url, "Send returns the address");
  /* A later change of the setting does not alter what this inquiry's slip shows. */
  cr_assert (g_settings_set_string (settings, "followup-url", "https://other.example/{token}"));
  data = mdg_slip_data_new (inquiry, flow, settings);
  cr_assert_str_eq (data->url, url);
  /* A reprint reads the inquiry back from a store that builds the same address. */
  again = mdg_store_lookup (store, mdg_inquiry_get_number (inquiry), NULL);
  cr_assert_str_eq (mdg_inquiry_get_followup_url (again), url);
}

/* The last row with ink, as a fraction of the page's height, from the PDF at 200 dpi. */
static double
inked_fraction (const char *pdf)
{
  g_autofree char *prefix = g_strconcat (pdf, "-fill", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *argv[] = { "pdftoppm", "-r", "200", "-png", "-singlefile", pdf, prefix, NULL };
  g_autofree char *out = NULL;
  cairo_surface_t *image;
  int status, width, height, stride, last = -1;
  const unsigned char *pixels;

  out = decode_run (argv, &status);
  cr_assert_eq (status, 0, "pdftoppm failed on %s", pdf);
  image = cairo_image_surface_create_from_png (png);
  cr_assert_eq (cairo_surface_status (image), CAIRO_STATUS_SUCCESS, "%s", png);
  cairo_surface_flush (image);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  stride = cairo_image_surface_get_stride (image);
  pixels = cairo_image_surface_get_data (image);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(const guint32 *) (pixels + y * stride + x * 4);

        if ((pixel & 0xff) < 128 || ((pixel >> 8) & 0xff) < 128 || ((pixel >> 16) & 0xff) < 128)
          {
            last = y;
            break;
          }
      }
  cairo_surface_destroy (image);
  return (double) (last + 1) / height;
}

Test (slip, a6_fills_its_page_in_every_language)
{
  const char *languages[] = { "ja", "en", "ja-easy" };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr (MdgInquiry) inquiry = record (languages[i], "contact");
      g_autofree char *name = g_strdup_printf ("fill-%s.pdf", languages[i]);
      g_autofree char *pdf = write_slip (inquiry, MDG_SLIP_PAPER_A6, name);
      double inked = inked_fraction (pdf);

      cr_assert_gt (inked, 0.9, "%s: the A6 slip ends at %.0f %% of its page", languages[i],
                    inked * 100);
      cr_assert_lt (inked, 0.97, "%s: the A6 slip runs into its bottom margin", languages[i]);
    }
}

/* Whether some line of `lines` holds `words` whole. */
static gboolean
on_one_line (const char * const *lines,
             const char         *words)
{
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], words) != NULL)
      return TRUE;
  return FALSE;
}

Test (slip, lines_keep_words_whole_and_never_start_with_a_stop_or_small_kana)
{
  const MdgSlipPaper papers[] = { MDG_SLIP_PAPER_80MM, MDG_SLIP_PAPER_A6, MDG_SLIP_PAPER_A4 };
  const char *languages[] = { "ja", "en", "ja-easy" };
  const char *followups[] = { "qr", "contact" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    for (guint f = 0; f < G_N_ELEMENTS (followups); f++)
      {
        g_autoptr (MdgInquiry) inquiry = record (languages[l], followups[f]);
        g_autoptr (MdgSlipData) data = mdg_slip_data_new (inquiry, flow, settings);

        for (guint p = 0; p < G_N_ELEMENTS (papers); p++)
          {
            g_auto (GStrv) lines = mdg_slip_get_lines (data, papers[p]);

            cr_assert_gt (g_strv_length (lines), 8);
            for (guint i = 0; lines[i] != NULL; i++)
              cr_assert (*lines[i] == '\0'
                           || mdg_phrases_may_start_line (g_utf8_get_char (lines[i])),
                         "%s, %s, paper %u: a line starts with “%s”", languages[l], followups[f],
                         p, lines[i]);
            if (g_str_equal (languages[l], "ja"))
              {
                const char *whole = g_str_equal (followups[f], "contact") ? "ご連絡します。"
                                                                          : "確認できます。";

                cr_assert (on_one_line ((const char * const *) lines, whole),
                           "paper %u: “%s” is split", p, whole);
                cr_assert (on_one_line ((const char * const *) lines, "開示"), "paper %u", p);
              }
          }
      }
}
