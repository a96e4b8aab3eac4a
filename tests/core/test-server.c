/* test-server.c: madoguchi-server, started as its own process over a database the store wrote,
 * answers the follow-up page, and answers every failed lookup alike. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <gio/gio.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "decode.h"
#include "fixtures.h"
#include "mdg-desk-store.h"
#include "pg-fixture.h"
#include "server-fixture.h"

static char *dir;
static char *db;
static char *number;
static char *token;
static char *contact_number;
static char *contact_token;
static char **server_env;
static FixtureServer *server;

#define FAILED_LOOKUPS_PER_MINUTE 30
static guint16 port;
static SoupSession *session;
static FixturePg *pg;

/* The server reads the center's settings from a key file, as dconf would give them. */
static void
write_settings (const char *extra)
{
  g_autofree char *settings_dir = g_build_filename (dir, "config", "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  g_autofree char *text = g_strdup_printf (
    "[org/madoguchi/Kiosk]\n"
    "center-address={'ja': '横浜市中区本町6-50-10 市庁舎1階', 'en': '1F City Hall, 6-50-10 Honcho, Naka-ku, Yokohama'}\n"
    "center-phone={'ja': '045-671-0000', 'en': '+81-45-671-0000'}\n"
    "center-hours={'ja': '平日 9時から17時', 'en': 'Weekdays 9:00–17:00'}\n%s",
    extra != NULL ? extra : "");

  cr_assert_eq (g_mkdir_with_parents (settings_dir, 0700), 0);
  cr_assert (g_file_set_contents (keyfile, text, -1, NULL));
}

static void
start_server_reading (const char *const *source)
{
  server = fixture_server_start (server_env, source);
  port = server->port;
}

static void
start_server (void)
{
  const char *source[] = { "--db", db, NULL };

  start_server_reading (source);
}

/* The server's access log so far, after stopping it. */
static char *
stop_server (void)
{
  return fixture_server_stop (g_steal_pointer (&server));
}

static void
setup (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgStore) store = NULL;
  g_autoptr (MdgFlow) flow = fixture_default_flow ();
  g_autoptr (MdgVisit) visit = mdg_visit_new (flow);
  g_autoptr (MdgVisit) contact_visit = mdg_visit_new (flow);
  g_autoptr (MdgInquiry) inquiry = NULL;
  g_autoptr (MdgInquiry) contact = NULL;
  g_autofree char *config = NULL;

  dir = fixture_tmpdir ();
  db = g_build_filename (dir, "inquiries.db", NULL);
  store = mdg_store_open (db, &error);
  cr_assert_not_null (store, "%s", error != NULL ? error->message : "");
  fixture_answer_default (visit, "propose");
  inquiry = mdg_store_record (store, visit, &error);
  cr_assert_not_null (inquiry);
  number = g_strdup (mdg_inquiry_get_number (inquiry));
  token = g_strdup (mdg_inquiry_get_token (inquiry));
  cr_assert (mdg_desk_store_add_note (store, inquiry, NULL, "内部メモ: 電話しにくい方", &error));
  fixture_answer_with_contact (contact_visit, "090-1234-5678", "hanako@example.jp");
  contact = mdg_store_record (store, contact_visit, &error);
  cr_assert_not_null (contact);
  contact_number = g_strdup (mdg_inquiry_get_number (contact));
  contact_token = g_strdup (mdg_inquiry_get_token (contact));

  config = g_build_filename (dir, "config", NULL);
  server_env = g_get_environ ();
  server_env = g_environ_setenv (server_env, "GSETTINGS_BACKEND", "keyfile", TRUE);
  server_env = g_environ_setenv (server_env, "XDG_CONFIG_HOME", config, TRUE);
  write_settings (NULL);
  session = soup_session_new_with_options ("timeout", 10, NULL);
}

static void
teardown (void)
{
  g_free (stop_server ());
  g_clear_object (&session);
  fixture_rmdir (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&db, g_free);
  g_clear_pointer (&number, g_free);
  g_clear_pointer (&token, g_free);
  g_clear_pointer (&contact_number, g_free);
  g_clear_pointer (&contact_token, g_free);
  g_clear_pointer (&server_env, g_strfreev);
}

TestSuite (server, .init = setup, .fini = teardown, .timeout = 120);

typedef struct
{
  guint status;
  char *body;
  SoupMessageHeaders *headers;
} Reply;

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->body, g_free);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

static void
get (Reply      *reply,
     const char *path_and_query)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", port, path_and_query);
  g_autoptr (SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;

  cr_assert_not_null (msg, "not a URL: %s", url);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  cr_assert_not_null (body, "no answer from the server for %s: %s", path_and_query,
                      error != NULL ? error->message : "");
  reply->status = soup_message_get_status (msg);
  reply->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
}

static char *
page_path (const char *n,
           const char *t,
           const char *lang)
{
  g_autofree char *en = g_uri_escape_string (n, NULL, FALSE);
  g_autofree char *et = g_uri_escape_string (t, NULL, FALSE);

  return g_strdup_printf ("/followup?n=%s&t=%s&lang=%s", en, et, lang);
}

static void
admin (const char *a1, const char *a2, const char *a3, const char *a4)
{
  g_autofree char *program = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "app", "madoguchi-admin", NULL);
  const char *argv[] = { program, a1, "--db", db, a2, a3, a4, NULL };
  g_autofree char *err = NULL;
  int status = 0;

  cr_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                           &err, &status, NULL));
  cr_assert (g_spawn_check_wait_status (status, NULL), "madoguchi-admin %s failed: %s", a1, err);
}

Test (server, the_right_token_shows_the_number_status_and_center)
{
  g_auto (Reply) reply = { 0 };
  g_autofree char *path = page_path (number, token, "ja");

  start_server ();
  get (&reply, path);
  cr_assert_eq (reply.status, 200, "status %u", reply.status);
  cr_assert (strstr (reply.body, number + 7) != NULL, "the number's call part");
  cr_assert (strstr (reply.body, "受付しました") != NULL, "the status in plain words");
  cr_assert (strstr (reply.body, "横浜市中区本町6-50-10") != NULL, "the center's address");
  cr_assert (strstr (reply.body, "href=\"tel:0456710000\"") != NULL, "the center's telephone");
  cr_assert (strstr (reply.body, "平日 9時から17時") != NULL, "the opening hours");
  cr_assert (strstr (reply.body, "市との協働事業を提案したい") != NULL, "the answers' summary");
  cr_assert (strstr (reply.body, "内部メモ") == NULL, "an internal note leaked to the page");
  cr_assert (strstr (reply.body, "子ども食堂") == NULL, "the free text stays at the desk");
  cr_assert (strstr (reply.body, "<script") == NULL);
  cr_assert (strstr (reply.body, "lang=en") != NULL && strstr (reply.body, "lang=ja-easy") != NULL,
             "links to the other languages");
}

Test (server, other_languages_keep_number_and_token)
{
  g_auto (Reply) en = { 0 };
  g_auto (Reply) easy = { 0 };
  g_autofree char *en_path = page_path (number, token, "en");
  g_autofree char *easy_path = page_path (number, token, "ja-easy");
  g_autofree char *link = g_strdup_printf ("href=\"/followup?n=%s&amp;t=%s&amp;lang=ja\"", number, token);

  start_server ();
  get (&en, en_path);
  cr_assert_eq (en.status, 200);
  cr_assert (strstr (en.body, "<html lang=\"en\">") != NULL);
  cr_assert (strstr (en.body, "Received") != NULL);
  cr_assert (strstr (en.body, "Propose a joint project with the city") != NULL);
  cr_assert (strstr (en.body, "Weekdays 9:00–17:00") != NULL);
  cr_assert (strstr (en.body, link) != NULL, "the link to Japanese keeps n and t: %s", en.body);
  get (&easy, easy_path);
  cr_assert_eq (easy.status, 200);
  cr_assert (strstr (easy.body, "<span lang=\"ja\" aria-current=\"page\">やさしい にほんご</span>") != NULL);
  /* Without an easy-Japanese translation, Japanese, never English. */
  cr_assert (strstr (easy.body, "Received on") == NULL);
  cr_assert (strstr (easy.body, "<body class=\"easy\">") != NULL, "wrapped between phrases only");
  cr_assert (strstr (easy.body, "今の ようす") != NULL && strstr (easy.body, "うけつけました") != NULL,
             "the page's own texts in easy Japanese: %s", easy.body);
}

Test (server, admin_status_and_reply_show_on_the_next_request)
{
  g_auto (Reply) before = { 0 };
  g_auto (Reply) after = { 0 };
  g_auto (Reply) done = { 0 };
  g_autofree char *path = page_path (number, token, "ja");

  start_server ();
  get (&before, path);
  cr_assert (strstr (before.body, "コーディネーターが担当しています") == NULL);
  admin ("status", number, "working", NULL);
  admin ("reply", number, "--message", "NPO法人みなとの会をご紹介します。\n電話: 045-000-1111");
  get (&after, path);
  cr_assert (strstr (after.body, "コーディネーターが担当しています") != NULL, "%s", after.body);
  cr_assert (strstr (after.body, "NPO法人みなとの会をご紹介します。<br>電話: 045-000-1111") != NULL,
             "the message, its line kept");
  admin ("status", number, "connected", NULL);
  admin ("status", number, "done", NULL);
  get (&done, path);
  cr_assert (strstr (done.body, "ご紹介先をお知らせしました") != NULL);
  cr_assert (strstr (done.body, "完了しました") != NULL);
}

Test (server, every_failed_lookup_gets_the_same_404)
{
  g_autofree char *wrong = g_strdup (token);
  g_autofree char *wrong_path = NULL;
  g_autofree char *unknown_path = page_path ("991231-999", token, "ja");
  g_autofree char *short_path = page_path (number, "x", "ja");
  g_autofree char *lang_path = page_path (number, token, "fr");
  const char *garbage[] = {
    "/followup", "/followup?n=&t=", "/followup?n=%00%ff&t=%3Cscript%3E", "/followup?n=1&n=2",
    "/followup/extra?n=1", "/nothing-here", "/followup?t=AAAA",
  };
  g_auto (Reply) first = { 0 };

  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  wrong_path = page_path (number, wrong, "ja");
  start_server ();
  get (&first, wrong_path);
  cr_assert_eq (first.status, 404);
  {
    const char *paths[] = { unknown_path, short_path, lang_path };

    for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
      {
        g_auto (Reply) other = { 0 };

        get (&other, paths[i]);
        cr_assert_eq (other.status, 404, "%s", paths[i]);
        cr_assert_str_eq (other.body, first.body, "%s gave another body", paths[i]);
      }
  }
  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_auto (Reply) other = { 0 };

      get (&other, garbage[i]);
      cr_assert_eq (other.status, 404, "%s: %u", garbage[i], other.status);
      cr_assert_str_eq (other.body, first.body, "%s gave another body", garbage[i]);
    }
}

Test (server, every_answer_carries_the_security_headers)
{
  g_autofree char *path = page_path (number, token, "ja");
  const char *paths[] = { path, "/followup?n=1", "/healthz", "/static/followup.css" };

  start_server ();
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto (Reply) reply = { 0 };
      const char *csp;

      get (&reply, paths[i]);
      csp = soup_message_headers_get_one (reply.headers, "Content-Security-Policy");
      cr_assert_not_null (csp, "%s: no CSP", paths[i]);
      cr_assert (strstr (csp, "frame-ancestors 'none'") != NULL);
      cr_assert (strstr (csp, "default-src 'none'") != NULL && strstr (csp, "unsafe-inline") == NULL);
      cr_assert_str_eq (soup_message_headers_get_one (reply.headers, "Referrer-Policy"), "no-referrer");
      cr_assert_str_eq (soup_message_headers_get_one (reply.headers, "Cache-Control"), "no-store");
      cr_assert_str_eq (soup_message_headers_get_one (reply.headers, "X-Content-Type-Options"), "nosniff");
    }
}

Test (server, healthz_and_css_are_served)
{
  g_auto (Reply) health = { 0 };
  g_auto (Reply) css = { 0 };

  start_server ();
  get (&health, "/healthz");
  cr_assert_eq (health.status, 200);
  cr_assert_str_eq (health.body, "ok\n");
  get (&css, "/static/followup.css");
  cr_assert_eq (css.status, 200);
  cr_assert (g_str_has_prefix (soup_message_headers_get_content_type (css.headers, NULL), "text/css"));
  cr_assert (strstr (css.body, "@media print") != NULL);
}

Test (server, the_31st_failed_lookup_in_a_minute_gets_429_and_the_log_holds_no_token)
{
  g_autofree char *good = page_path (number, token, "ja");
  g_autofree char *log = NULL;
  g_auto (Reply) last = { 0 };
  g_auto (Reply) good_reply = { 0 };

  start_server ();
  get (&good_reply, good);
  cr_assert_eq (good_reply.status, 200);
  for (int i = 0; i < FAILED_LOOKUPS_PER_MINUTE; i++)
    {
      g_auto (Reply) reply = { 0 };
      g_autofree char *bad_token = g_strdup_printf ("guess%017d", i);
      g_autofree char *bad = page_path (number, bad_token, "ja");

      get (&reply, bad);
      cr_assert_eq (reply.status, 404, "failed lookup %d got %u", i + 1, reply.status);
    }
  get (&last, good);
  cr_assert_eq (last.status, 429, "the 31st lookup got %u", last.status);
  log = stop_server ();
  cr_assert (strstr (log, "\"GET /followup\" 200") != NULL, "the log: %s", log);
  cr_assert (strstr (log, "\"GET /followup\" 429") != NULL, "the log: %s", log);
  cr_assert (strstr (log, token) == NULL, "the token is in the log");
  cr_assert (strstr (log, "guess") == NULL && strstr (log, "?") == NULL, "a query in the log");
}

Test (server, purged_contact_and_retired_inquiries_show_nothing_of_the_visitor)
{
  g_autofree char *contact_path = page_path (contact_number, contact_token, "ja");
  g_autofree char *sql = NULL;
  g_auto (Reply) fresh = { 0 };
  g_auto (Reply) retired = { 0 };

  start_server ();
  get (&fresh, contact_path);
  cr_assert_eq (fresh.status, 200);
  cr_assert (strstr (fresh.body, "090") == NULL && strstr (fresh.body, "hanako") == NULL
             && strstr (fresh.body, "花子") == NULL, "contact details on the page");
  /* Two years old and done: only the closing notice is left. */
  admin ("status", contact_number, "done", NULL);
  sql = g_strdup_printf ("UPDATE inquiry SET created_at = created_at - 730 * 86400 WHERE number = '%s'",
                         contact_number);
  fixture_sqlite_exec (db, sql);
  admin ("purge", NULL, NULL, NULL);
  get (&retired, contact_path);
  cr_assert_eq (retired.status, 200);
  cr_assert (strstr (retired.body, "終了しました") != NULL || strstr (retired.body, "closed") != NULL,
             "%s", retired.body);
  cr_assert (strstr (retired.body, "個人") == NULL, "answers of a retired inquiry");
  cr_assert (strstr (retired.body, "090") == NULL);
}

Test (server, refuses_bad_arguments_with_one_line)
{
  const char *cases[][4] = {
    { "--db", "/nonexistent/inquiries.db", "--listen", "127.0.0.1:0" },
    { "--db", "DB", "--listen", "localhost" },
    { "--db", "DB", "--listen", "127.0.0.1:99999" },
  };
  g_autofree char *program = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "app", "server",
                                               "madoguchi-server", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[] = { program, cases[i][0], g_str_equal (cases[i][1], "DB") ? db : cases[i][1],
                             cases[i][2], cases[i][3], NULL };
      g_autofree char *err = NULL;
      int status = 0;

      cr_assert (g_spawn_sync (NULL, (char **) argv, server_env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                               NULL, NULL, &err, &status, NULL));
      cr_assert (WIFEXITED (status) && WEXITSTATUS (status) == 1, "case %u: %s", i, err);
      cr_assert (g_str_has_prefix (err, "madoguchi-server: ") && strchr (err, '\n')[1] == '\0',
                 "case %u: “%s”", i, err);
    }
}


/* Headless Chromium on a page of the test server, killed by timeout(1) at its deadline; its
 * standard output (the DOM for --dump-dom). */
static char *
chromium (const char *profile,
          const char *action,
          const char *size,
          const char *url)
{
  const char *argv[] = { "timeout", "-k", "5", "60", "chromium", "--headless", "--no-sandbox",
                         "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--hide-scrollbars", "--no-pdf-header-footer", NULL,
                         NULL, action, url, NULL };
  g_autofree char *data_dir = g_strdup_printf ("--user-data-dir=%s", profile);
  g_autofree char *window = g_strdup_printf ("--window-size=%s", size);
  g_autofree char *out = NULL;
  int status = 0;

  argv[15] = data_dir;
  argv[16] = window;
  cr_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                           NULL, NULL, &out, NULL, &status, NULL), "chromium did not start");
  cr_assert (!WIFEXITED (status) || WEXITSTATUS (status) != 124,
             "chromium did not finish %s on %s within 60 s", action, url);
  cr_assert (WIFEXITED (status) && WEXITSTATUS (status) == 0, "chromium failed (%d) on %s", status, url);
  return g_steal_pointer (&out);
}

/* A phone-sized screenshot of a path on the test server, into shots. */
static void
shoot (const char *profile,
       const char *shots,
       const char *name,
       const char *path)
{
  g_autofree char *png = g_build_filename (shots, name, NULL);
  g_autofree char *arg = g_strdup_printf ("--screenshot=%s", png);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", port, path);
  g_autofree char *ignored = NULL;
  GStatBuf st;

  g_unlink (png);
  ignored = chromium (profile, arg, "390,844", url);
  cr_assert (g_stat (png, &st) == 0 && st.st_size > 5000, "no screenshot %s", name);
}

/* Chromium prints the page on A4, all of it on one sheet; the sheet at 60 dpi joins the shots. */
static void
print_on_one_a4_sheet (const char *profile,
                       const char *shots,
                       const char *lang,
                       const char *url)
{
  g_autofree char *pdf = g_build_filename (dir, "print.pdf", NULL);
  g_autofree char *arg = g_strdup_printf ("--print-to-pdf=%s", pdf);
  g_autofree char *name = g_strdup_printf ("followup-%s-a4", lang);
  g_autofree char *prefix = g_build_filename (shots, name, NULL);
  const char *info[] = { "pdfinfo", pdf, NULL };
  const char *raster[] = { "pdftoppm", "-r", "60", "-png", "-singlefile", pdf, prefix, NULL };
  g_autofree char *ignored = chromium (profile, arg, "1280,800", url);
  g_autofree char *details = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  details = decode_run (info, &status);
  cr_assert_eq (status, 0, "pdfinfo failed on the printed %s page", lang);
  cr_assert (strstr (details, "(A4)") != NULL, "%s: not printed on A4:\n%s", lang, details);
  cr_assert (g_regex_match_simple ("^Pages: +1$", details, G_REGEX_MULTILINE, 0),
             "%s: the page does not fit one A4 sheet:\n%s", lang, details);
  out = decode_run (raster, &status);
  cr_assert_eq (status, 0, "pdftoppm failed on the printed %s page", lang);
}

/* The page in a real browser, phone and desktop sizes, each language; the screenshots stay in
 * the build tree (tests/screenshots) to be looked at. */
Test (server, chromium_shows_the_page_in_every_language_and_size, .timeout = 600)
{
  const char *langs[] = { "ja", "en", "ja-easy" };
  const char *sizes[] = { "390,844", "1280,800" };
  g_autofree char *shots = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "tests", "screenshots", NULL);
  g_autofree char *profile = g_build_filename (dir, "chromium", NULL);

  admin ("status", number, "working", NULL);
  admin ("reply", number, "--message", "NPO法人みなとの会（子育て支援）をご紹介します。来週、担当の方からご連絡があります。");
  start_server ();
  cr_assert_eq (g_mkdir_with_parents (shots, 0755), 0);
  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    {
      g_autofree char *path = page_path (number, token, langs[l]);
      g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", port, path);
      g_autofree char *dom = chromium (profile, "--dump-dom", "390,844", url);

      cr_assert (strstr (dom, number) != NULL || strstr (dom, number + 7) != NULL,
                 "%s: the number is not in the DOM", langs[l]);
      cr_assert (strstr (dom, "followup.css") != NULL);
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          g_autofree char *name = g_strdup_printf ("followup-%s-%.*s.png", langs[l],
                                                   (int) strcspn (sizes[s], ","), sizes[s]);
          g_autofree char *png = g_build_filename (shots, name, NULL);
          g_autofree char *arg = g_strdup_printf ("--screenshot=%s", png);
          g_autofree char *ignored = NULL;
          GStatBuf st;

          g_unlink (png);
          ignored = chromium (profile, arg, sizes[s], url);
          cr_assert (g_stat (png, &st) == 0 && st.st_size > 10000,
                     "no screenshot of %s at %s", langs[l], sizes[s]);
        }
      print_on_one_a4_sheet (profile, shots, langs[l], url);
    }
  /* The 404 page, then the 429 page the 31st failed lookup gets. */
  shoot (profile, shots, "followup-404-390.png", "/followup?n=000000-000&t=wrong");
  for (guint i = 0; i < FAILED_LOOKUPS_PER_MINUTE - 1; i++)
    {
      g_auto (Reply) reply = { 0 };

      get (&reply, "/followup?n=000000-000&t=wrong");
    }
  shoot (profile, shots, "followup-429-390.png", "/followup?n=000000-000&t=wrong");
  {
    g_auto (Reply) reply = { 0 };

    get (&reply, "/followup?n=000000-000&t=wrong");
    cr_assert_eq (reply.status, 429, "the shot after 30 failed lookups was of a %u", reply.status);
  }
}

/* The QR code the visitor takes home opens this visitor's page on the server. */
Test (server, the_slips_qr_code_opens_the_visitors_page)
{
  g_autofree char *pdf = g_build_filename (dir, "slip.pdf", NULL);
  g_autofree char *setting = NULL;
  g_autofree char *url = NULL;
  g_autofree char *prefix = NULL;
  g_auto (Reply) reply = { 0 };

  start_server ();
  setting = g_strdup_printf ("followup-url='http://127.0.0.1:%u/followup?n={number}&t={token}&lang={lang}'\n",
                             port);
  write_settings (setting);
  {
    g_autofree char *program = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "app", "madoguchi-admin", NULL);
    const char *argv[] = { program, "slip", number, "--db", db, "--pdf", pdf, NULL };
    g_autofree char *err = NULL;
    int status = 0;

    cr_assert (g_spawn_sync (NULL, (char **) argv, server_env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                             NULL, &err, &status, NULL));
    cr_assert (g_spawn_check_wait_status (status, NULL), "slip: %s", err);
  }
  url = decode_qr_pdf (pdf);
  cr_assert_not_null (url, "no QR code on the slip");
  g_strstrip (url);
  prefix = g_strdup_printf ("http://127.0.0.1:%u", port);
  cr_assert (g_str_has_prefix (url, prefix), "the code says %s", url);
  get (&reply, url + strlen (prefix));
  cr_assert_eq (reply.status, 200, "%s gave %u", url, reply.status);
  cr_assert (strstr (reply.body, number + 7) != NULL, "the page does not show %s", number);
}

/* The central database instead of the kiosk's file: the same inquiries, sent by the kiosk's own
 * madoguchi-sync, and changes central staff make there. */
static void
run_sync (const char *arg1,
          const char *arg2,
          const char *arg3)
{
  g_autofree char *sync = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "app", "sync",
                                            "madoguchi-sync", NULL);
  /* timeout: a sync that hangs fails here with a message, not by Criterion's timeout. */
  const char *argv[] = { "timeout", "-s", "KILL", "60", sync, "--pg", pg->conninfo, arg1, arg2,
                         arg3, NULL };
  g_autofree char *err = NULL;
  int status = 0;

  cr_assert (g_spawn_sync (NULL, (char **) argv, server_env, G_SPAWN_SEARCH_PATH
                           | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, NULL));
  cr_assert (!WIFEXITED (status) || (WEXITSTATUS (status) != 124 && WEXITSTATUS (status) != 137),
             "madoguchi-sync %s did not end within 60 s", arg1);
  cr_assert (g_spawn_check_wait_status (status, NULL), "madoguchi-sync %s failed: %s", arg1, err);
}

static void
setup_pg (void)
{
  setup ();
  write_settings ("center-id='naka'\n");
  pg = fixture_pg_start ();
  run_sync ("--init", NULL, NULL);
  run_sync ("--db", db, "--once");
}

static void
teardown_pg (void)
{
  teardown ();
  g_clear_pointer (&pg, fixture_pg_stop);
}

TestSuite (server_pg, .init = setup_pg, .fini = teardown_pg, .timeout = 180);

static void
start_central_server (void)
{
  const char *source[] = { "--pg", pg->conninfo, NULL };

  start_server_reading (source);
}

Test (server_pg, the_right_token_shows_the_synced_inquiry_and_others_get_one_404)
{
  g_auto (Reply) page = { 0 };
  g_auto (Reply) wrong = { 0 };
  g_auto (Reply) unknown = { 0 };
  g_auto (Reply) other_center = { 0 };
  g_autofree char *bad = g_strdup (token);
  g_autofree char *path = page_path (number, token, "ja");
  g_autofree char *wrong_path = NULL;
  g_autofree char *unknown_path = page_path ("991231-999", token, "ja");
  g_autofree char *kita_path = NULL;
  g_autofree char *log = NULL;

  bad[0] = bad[0] == 'A' ? 'B' : 'A';
  wrong_path = page_path (number, bad, "ja");
  start_central_server ();
  get (&page, path);
  cr_assert_eq (page.status, 200, "status %u: %s", page.status, page.body);
  cr_assert (strstr (page.body, number + 7) != NULL, "the number's call part");
  cr_assert (strstr (page.body, "受付しました") != NULL, "the status in plain words");
  cr_assert (strstr (page.body, "横浜市中区本町6-50-10") != NULL, "the center's address");
  cr_assert (strstr (page.body, "市との協働事業を提案したい") != NULL, "the answers' summary");
  cr_assert (strstr (page.body, "内部メモ") == NULL, "an internal note leaked to the page");

  get (&wrong, wrong_path);
  get (&unknown, unknown_path);
  cr_assert_eq (wrong.status, 404);
  cr_assert_eq (unknown.status, 404);
  cr_assert_str_eq (unknown.body, wrong.body, "an unknown number and a wrong token differ");
  cr_assert_str_eq (soup_message_headers_get_one (wrong.headers, "Referrer-Policy"), "no-referrer");

  /* The same number at another center is another inquiry: this server answers for naka only. */
  fixture_pg_exec (pg, "INSERT INTO center (id) VALUES ('kita')");
  {
    g_autofree char *sql = g_strdup_printf (
      "INSERT INTO inquiry SELECT 'kita', number, day, seq, 'KitaTokenKitaTokenKitaToken1',"
      " created_at, language, flow_version, details, followup, status, status_at, false,"
      " coordinator, coordinator_at, false, meeting, meeting_at, false, printed, has_contact,"
      " consent_at, 0 FROM inquiry WHERE center = 'naka' AND number = '%s'", number);

    fixture_pg_exec (pg, sql);
  }
  kita_path = page_path (number, "KitaTokenKitaTokenKitaToken1", "ja");
  get (&other_center, kita_path);
  cr_assert_eq (other_center.status, 404, "another center's token opened naka's page");
  cr_assert_str_eq (other_center.body, wrong.body);

  log = stop_server ();
  cr_assert (strstr (log, token) == NULL && strstr (log, "t=") == NULL, "the log: %s", log);
}

Test (server_pg, a_central_status_change_and_message_show_on_the_next_request)
{
  g_auto (Reply) before = { 0 };
  g_auto (Reply) after = { 0 };
  g_autofree char *path = page_path (number, token, "ja");
  g_autofree char *status_sql = g_strdup_printf (
    "SELECT madoguchi_set_field ('naka', '%s', 'status', 'in-progress')", number);
  g_autofree char *message_sql = g_strdup_printf (
    "SELECT madoguchi_add_message ('naka', '%s', 'visitor', '田中',"
    " 'NPO法人みなとの会をご紹介します。')", number);
  g_autofree char *internal_sql = g_strdup_printf (
    "SELECT madoguchi_add_message ('naka', '%s', 'internal', '田中', '中央の内部メモ')", number);

  start_central_server ();
  get (&before, path);
  cr_assert_eq (before.status, 200);
  cr_assert (strstr (before.body, "コーディネーターが担当しています") == NULL);
  fixture_pg_exec (pg, status_sql);
  fixture_pg_exec (pg, message_sql);
  fixture_pg_exec (pg, internal_sql);
  get (&after, path);
  cr_assert_eq (after.status, 200);
  cr_assert (strstr (after.body, "コーディネーターが担当しています") != NULL, "%s", after.body);
  cr_assert (strstr (after.body, "NPO法人みなとの会をご紹介します。") != NULL, "the message");
  cr_assert (strstr (after.body, "中央の内部メモ") == NULL, "an internal note leaked");
}

/* PostgreSQL restarted under a running server: the page at once on a new connection; while it
 * is away, 503; the page again when it is back. */
Test (server_pg, a_central_outage_gives_503_then_the_page_again)
{
  g_auto (Reply) restarted = { 0 };
  g_auto (Reply) away = { 0 };
  g_auto (Reply) back = { 0 };
  g_autofree char *path = page_path (number, token, "ja");

  start_central_server ();
  fixture_pg_halt (pg);
  fixture_pg_resume (pg);
  get (&restarted, path);
  cr_assert_eq (restarted.status, 200, "status %u after PostgreSQL restarted", restarted.status);
  fixture_pg_halt (pg);
  get (&away, path);
  cr_assert_eq (away.status, 503, "status %u while PostgreSQL was stopped", away.status);
  fixture_pg_resume (pg);
  get (&back, path);
  cr_assert_eq (back.status, 200, "status %u after PostgreSQL came back", back.status);
}

Test (server_pg, refuses_an_unknown_center_or_a_password_on_the_command_line)
{
  g_autofree char *program = g_build_filename (g_getenv ("MDG_BUILD_DIR"), "app", "server",
                                               "madoguchi-server", NULL);
  g_autofree char *with_password = g_strdup_printf ("%s password=secret", pg->conninfo);
  struct { const char *args[4]; const char *says; } cases[] = {
    { { "--pg", pg->conninfo, "--center", "tsurumi" }, "no center “tsurumi”" },
    { { "--pg", with_password, NULL, NULL }, "must not hold a password" },
    { { "--pg", pg->conninfo, "--db", db }, "not both" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[] = { "timeout", "-s", "KILL", "30", program, "--listen", "127.0.0.1:0",
                             cases[i].args[0], cases[i].args[1], cases[i].args[2],
                             cases[i].args[3], NULL };
      g_autofree char *err = NULL;
      int status = 0;

      cr_assert (g_spawn_sync (NULL, (char **) argv, server_env, G_SPAWN_SEARCH_PATH
                               | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status,
                               NULL));
      cr_assert (WIFEXITED (status) && WEXITSTATUS (status) == 1, "case %u: status %d", i, status);
      cr_assert (strstr (err, cases[i].says) != NULL, "case %u said: %s", i, err);
      cr_assert (strstr (err, "secret") == NULL, "the password was echoed: %s", err);
    }
}
