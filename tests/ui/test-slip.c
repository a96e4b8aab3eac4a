/* test-slip.c: the done page's QR code read back by zbarimg. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <gtk/gtk.h>

#include "decode.h"
#include "fixtures.h"
#include "kiosk-fixture.h"
#include "mdg-application.h"
#include "mdg-followup.h"
#include "mdg-i18n.h"
#include "mdg-qr-paintable.h"
#include "mdg-window.h"

static char *dir;
static GSettings *settings;

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
