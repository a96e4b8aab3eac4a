/* test-slip.c: the done page's QR code read back by zbarimg. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <gtk/gtk.h>
#include <libsoup/soup.h>

#include "decode.h"
#include "fixtures.h"
#include "kiosk-fixture.h"
#include "mdg-application.h"
#include "mdg-followup.h"
#include "mdg-i18n.h"
#include "mdg-qr-paintable.h"
#include "mdg-window.h"
#include "server-fixture.h"

static char *dir;
static GSettings *settings;
static FixtureServer *server;

/* Lets the page lay itself out and draw, as a frame would on a real screen. */
static void
settle (void)
{
  for (int i = 0; i < 20; i++)
    {
      g_usleep (20 * 1000);
      kiosk_iterate ();
    }
}

static void
init_gtk (void)
{
  mdg_i18n_init ();
  gtk_disable_setlocale ();
  gtk_init ();
  dir = fixture_tmpdir ();
  /* The memory backend is shared within the process: the kiosk sees what the test sets. */
  settings = g_settings_new (APP_ID);
}

/* Starts the kiosk only now, so each test can change the settings first. */
static void
open_kiosk (void)
{
  kiosk_open (NULL);
  gtk_window_set_default_size (GTK_WINDOW (kiosk.window), 1920, 1080);
  kiosk_iterate ();
}

static void
teardown (void)
{
  g_free (fixture_server_stop (g_steal_pointer (&server)));
  kiosk_close ();
  g_clear_object (&settings);
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
}

TestSuite (ui_slip, .init = init_gtk, .fini = teardown);

static void
act (const char *action,
     const char *target)
{
  cr_assert (gtk_widget_activate_action (GTK_WIDGET (kiosk.window), action, target ? "s" : NULL, target),
             "action %s", action);
  kiosk_iterate ();
}

static MdgInquiry *
send_inquiry (void)
{
  MdgVisit *visit = mdg_window_get_visit (kiosk.window);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr (GPtrArray) rows = NULL;

  act ("visit.next", NULL);
  act ("visit.choose", "start");
  act ("visit.toggle", "children");
  act ("visit.toggle", "town");
  act ("visit.next", NULL);
  act ("visit.choose", "npo");
  act ("visit.choose", "idea");
  act ("visit.next", NULL);
  act ("visit.choose", "qr");
  act ("visit.send", NULL);
  cr_assert_str_eq (mdg_step_get_id (mdg_visit_get_step (visit)), "done");
  rows = mdg_store_list_day (mdg_application_get_store (kiosk.app), day, NULL);
  cr_assert_eq (rows->len, 1);
  return g_object_ref (g_ptr_array_index (rows, 0));
}

/* The address built from the token the store holds. */
static char *
stored_url (MdgInquiry *inquiry)
{
  g_autofree char *url_template = g_settings_get_string (settings, "followup-url");

  return mdg_followup_build_url (url_template, mdg_inquiry_get_number (inquiry),
                                 mdg_inquiry_get_token (inquiry), "ja");
}


static gboolean
is_qr_picture (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_PICTURE (widget) && gtk_widget_get_mapped (widget)
         && MDG_IS_QR_PAINTABLE (gtk_picture_get_paintable (GTK_PICTURE (widget)));
}

static gboolean
is_qr_unavailable (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "qr-unavailable");
}

/* Renders a paintable with the kiosk.window's own renderer (cairo in the tests) to a PNG. */
static char *
render_png (GdkPaintable *paintable,
            int           width,
            int           height,
            const char   *name)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  char *png = g_build_filename (dir, name, NULL);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  cr_assert_not_null (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (kiosk.window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  cr_assert (gdk_texture_save_to_png (texture, png));
  return png;
}

Test (ui_slip, done_page_code_decodes_to_the_stored_url)
{
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_autoptr (GdkPaintable) screen = NULL;
  g_autofree char *url = NULL, *expected = NULL;
  g_autofree char *page_png = NULL, *odd_png = NULL;
  g_autofree char *page_decoded = NULL, *odd_decoded = NULL;
  GtkWidget *picture;

  open_kiosk ();
  inquiry = send_inquiry ();
  settle ();
  url = stored_url (inquiry);
  expected = g_strconcat (url, "\n", NULL);

  picture = kiosk_search (GTK_WIDGET (kiosk.window), FALSE, is_qr_picture, NULL);
  cr_assert_not_null (picture, "the done page shows a QR code");
  cr_assert_geq (gtk_widget_get_width (picture), 320);
  cr_assert_geq (gtk_widget_get_height (picture), 320);

  /* The whole kiosk.window, as the visitor sees it. */
  screen = gtk_widget_paintable_new (GTK_WIDGET (kiosk.window));
  page_png = render_png (screen, gtk_widget_get_width (GTK_WIDGET (kiosk.window)),
                         gtk_widget_get_height (GTK_WIDGET (kiosk.window)), "done-page.png");
  page_decoded = decode_qr_png (page_png);
  cr_assert_not_null (page_decoded, "zbarimg found no code on %s", page_png);
  cr_assert_str_eq (page_decoded, expected);

  /* The paintable alone at a size that is no multiple of the modules still decodes. */
  odd_png = render_png (gtk_picture_get_paintable (GTK_PICTURE (picture)), 333, 333, "odd.png");
  odd_decoded = decode_qr_png (odd_png);
  cr_assert_not_null (odd_decoded);
  cr_assert_str_eq (odd_decoded, expected);
}

/* The code on the screen, photographed and decoded, opens this visitor's page on a
 * madoguchi-server reading the kiosk's own database. */
Test (ui_slip, done_page_code_opens_the_visitors_page_on_the_server, .timeout = 120)
{
  g_autofree char *db = NULL;
  g_autofree char *url_template = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *png = NULL;
  g_autofree char *url = NULL;
  g_autofree char *page = NULL;
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_autoptr (GdkPaintable) screen = NULL;
  g_autoptr (SoupSession) session = soup_session_new_with_options ("timeout", 10, NULL);
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  const char *number;

  open_kiosk ();
  db = g_build_filename (kiosk.dir, "inquiries.db", NULL);
  {
    const char *source[] = { "--db", db, NULL };

    server = fixture_server_start (NULL, source);
  }
  prefix = g_strdup_printf ("http://127.0.0.1:%u/", server->port);
  url_template = g_strconcat (prefix, "followup?n={number}&t={token}&lang={lang}", NULL);
  cr_assert (g_settings_set_string (settings, "followup-url", url_template));
  inquiry = send_inquiry ();
  number = mdg_inquiry_get_number (inquiry);
  settle ();

  screen = gtk_widget_paintable_new (GTK_WIDGET (kiosk.window));
  png = render_png (screen, gtk_widget_get_width (GTK_WIDGET (kiosk.window)),
                    gtk_widget_get_height (GTK_WIDGET (kiosk.window)), "done-served.png");
  url = decode_qr_png (png);
  cr_assert_not_null (url, "zbarimg found no code on %s", png);
  g_strstrip (url);
  cr_assert (g_str_has_prefix (url, prefix), "the code says %s, not the test server's page", url);

  msg = soup_message_new ("GET", url);
  cr_assert_not_null (msg, "the code holds no URL: %s", url);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  cr_assert_not_null (body, "no answer for %s within 10 s: %s", url, error ? error->message : "");
  cr_assert_eq (soup_message_get_status (msg), 200, "%s gave %u", url, soup_message_get_status (msg));
  page = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  /* The page sets the call part apart: 251202-<span class="call">001</span>. */
  cr_assert (strstr (page, number + 7) != NULL && strstr (page, "<h1>") != NULL,
             "the page does not show %s:\n%s", number, page);
  {
    g_autofree char *day = g_strndup (number, 7);
    g_autofree char *shown = g_strdup_printf ("%s<span class=\"call\">%s</span>", day, number + 7);

    cr_assert (strstr (page, shown) != NULL, "the page shows no number %s:\n%s", number, page);
  }
}

Test (ui_slip, bad_template_shows_a_staff_notice_and_keeps_the_number)
{
  g_autoptr (MdgInquiry) inquiry = NULL;
  GtkWidget *notice;

  cr_assert (g_settings_set_string (settings, "followup-url", "https://example.org/followup"));
  open_kiosk ();
  cr_assert (mdg_application_can_take_inquiries (kiosk.app), "a bad address must not turn visitors away");
  inquiry = send_inquiry ();
  settle ();
  cr_assert_null (kiosk_search (GTK_WIDGET (kiosk.window), FALSE, is_qr_picture, NULL));
  notice = kiosk_search (GTK_WIDGET (kiosk.window), FALSE, is_qr_unavailable, NULL);
  cr_assert_not_null (notice);
  cr_assert (gtk_widget_get_mapped (notice));
  cr_assert (strstr (gtk_label_get_label (GTK_LABEL (notice)), "QRコードを表示できません") != NULL,
             "%s", gtk_label_get_label (GTK_LABEL (notice)));
  cr_assert_eq (mdg_application_get_problems (kiosk.app)->len, 1, "and staff find it among the problems");
}
