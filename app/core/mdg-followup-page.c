/* mdg-followup-page.c: the follow-up page's HTML, in the visitor's language. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mdg-followup-page.h"
#include "mdg-i18n.h"
#include "mdg-settings.h"

/* Texts come from gettext in the request's language: the render sets the process's language
 * (LANGUAGE, which picks ja@easy, then ja) once, in one place, before its first lookup. The server
 * answers one request at a time on its main loop and nothing else there reads the language, so
 * requests never see each other's. newlocale/uselocale would not do: ja@easy is no locale glibc
 * can load. */
typedef struct
{
  const MdgFollowupCenter *center;
  const MdgFollowupRecord *record;
  const char *lang; /* the URL's id: ja, ja-easy, en */
  GString *html;
} Page;

gboolean
mdg_followup_page_language_is_valid (const char *lang)
{
  return mdg_i18n_is_supported (lang);
}

static const char *
tr (Page       *page,
    const char *source)
{
  return mdg_i18n_translate_in (page->lang, source);
}

static void
append_text (Page       *page,
             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  g_string_append (page->html, escaped);
}

/* Text with its line breaks kept, as staff wrote a message. */
static void
append_paragraphs (Page       *page,
                   const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (page->html, "<br>");
      append_text (page, lines[i]);
    }
}

static char *
format_date (Page  *page,
             gint64 at)
{
  static const char *months[] = { "January", "February", "March", "April", "May", "June", "July",
                                  "August", "September", "October", "November", "December" };
  g_autoptr (GDateTime) date = g_date_time_new_from_unix_local (at);

  /* LC_TIME is the server's, not the visitor's: spell the date out here. */
  if (g_str_equal (page->lang, "en"))
    return g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (date),
                            months[g_date_time_get_month (date) - 1], g_date_time_get_year (date));
  return g_strdup_printf ("%d年%d月%d日", g_date_time_get_year (date), g_date_time_get_month (date),
                          g_date_time_get_day_of_month (date));
}

static const char *
status_words (Page       *page,
              const char *status)
{
  if (g_strcmp0 (status, "in-progress") == 0)
    return tr (page, N_("A coordinator is working on it"));
  if (g_strcmp0 (status, "connected") == 0)
    return tr (page, N_("We have told you whom to contact"));
  if (g_strcmp0 (status, "closed") == 0)
    return tr (page, N_("Done"));
  return tr (page, N_("Received"));
}

static const char *
next_step (Page *page)
{
  const char *status = page->record->status;
  MdgChoiceRole role;

  if (g_strcmp0 (status, "closed") == 0)
    return tr (page, N_("This inquiry is done. If you have something new, come to the center "
                        "again or call us."));
  if (g_strcmp0 (status, "connected") == 0)
    return tr (page, N_("Please get in touch with the people named in the messages above. If "
                        "anything is unclear, contact the center."));
  if (g_strcmp0 (status, "in-progress") == 0)
    return tr (page, N_("A coordinator is looking for the right people. Their messages will "
                        "appear on this page; please look again in a few days."));
  role = mdg_flow_get_followup_role (page->center->flow, page->record->followup);
  if (role == MDG_CHOICE_ROLE_CONTACT)
    return tr (page, N_("A coordinator will contact you. You can also check this page."));
  if (role == MDG_CHOICE_ROLE_NOW)
    return tr (page, N_("Please talk to the staff at the desk. This page shows how your inquiry "
                        "goes on."));
  return tr (page, N_("A coordinator will read your inquiry. Please look at this page again in "
                      "a few days."));
}

static void
append_head (Page       *page,
             const char *html_lang,
             const char *title)
{
  g_string_append_printf (page->html,
                          "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                          "<meta name=\"referrer\" content=\"no-referrer\">\n<title>",
                          html_lang);
  append_text (page, title);
  /* Easy Japanese is written in phrases (分かち書き): the style sheet wraps it only between them. */
  g_string_append_printf (page->html, "</title>\n<link rel=\"stylesheet\" href=\"/static/followup.css\">\n"
                                      "</head>\n<body%s>\n",
                          g_str_equal (page->lang, "ja-easy") ? " class=\"easy\"" : "");
}

static void
append_header (Page *page)
{
  g_autofree char *center = mdg_settings_dup_text (page->center->settings, "center-name",
                                                   page->lang);

  g_string_append (page->html, "<header>\n<p class=\"center\">");
  append_text (page, center);
  g_string_append_printf (page->html, "</p>\n<nav class=\"languages\" aria-label=\"%s\">\n",
                          "言語 / Language");
  guint n_languages = 0;
  const MdgLanguage *languages = mdg_i18n_get_languages (&n_languages);

  for (guint i = 0; i < n_languages; i++)
    {
      g_autofree char *n = g_uri_escape_string (page->record->number, NULL, FALSE);
      g_autofree char *t = g_uri_escape_string (page->record->token, NULL, FALSE);

      if (g_str_equal (languages[i].id, page->lang))
        g_string_append_printf (page->html, "<span lang=\"%s\" aria-current=\"page\">%s</span>\n",
                                languages[i].script, languages[i].name);
      else
        g_string_append_printf (page->html,
                                "<a lang=\"%s\" hreflang=\"%s\" href=\"/followup?n=%s&amp;t=%s&amp;lang=%s\">"
                                "%s</a>\n",
                                languages[i].script, languages[i].script, n, t, languages[i].id,
                                languages[i].name);
    }
  g_string_append (page->html, "</nav>\n</header>\n<main>\n");
}

static void
append_number (Page *page)
{
  const char *number = page->record->number;
  const char *dash = strrchr (number, '-');
  g_autofree char *received = format_date (page, page->record->created_at);

  g_string_append_printf (page->html, "<h1>%s</h1>\n<p class=\"number\"><span class=\"label\">%s"
                                      "</span> <strong>",
                          tr (page, N_("Your inquiry")), tr (page, N_("Number")));
  if (dash != NULL)
    {
      g_autofree char *day = g_strndup (number, dash + 1 - number);

      append_text (page, day);
      g_string_append (page->html, "<span class=\"call\">");
      append_text (page, dash + 1);
      g_string_append (page->html, "</span>");
    }
  else
    append_text (page, number);
  g_string_append (page->html, "</strong></p>\n<p class=\"received\">");
  g_string_append_printf (page->html, tr (page, N_("Received on %s")), received);
  g_string_append (page->html, "</p>\n");
}

static void
append_status (Page *page)
{
  const MdgFollowupRecord *record = page->record;
  g_autofree char *received = format_date (page, record->created_at);

  g_string_append_printf (page->html, "<section class=\"status\">\n<h2>%s</h2>\n"
                                      "<p class=\"current\">",
                          tr (page, N_("Status")));
  append_text (page, status_words (page, record->status));
  g_string_append (page->html, "</p>\n<ol class=\"history\">\n");
  g_string_append_printf (page->html, "<li><span class=\"date\">%s</span> %s</li>\n", received,
                          status_words (page, "new"));
  for (guint i = 0; i < record->changes->len; i++)
    {
      const MdgFollowupEvent *change = g_ptr_array_index (record->changes, i);
      g_autofree char *date = format_date (page, change->at);

      g_string_append_printf (page->html, "<li><span class=\"date\">%s</span> ", date);
      append_text (page, status_words (page, change->text));
      g_string_append (page->html, "</li>\n");
    }
  g_string_append (page->html, "</ol>\n");
  if (record->coordinator != NULL && *record->coordinator != '\0')
    {
      g_string_append_printf (page->html, "<p class=\"coordinator\">%s ",
                              tr (page, N_("Your coordinator:")));
      append_text (page, record->coordinator);
      g_string_append (page->html, "</p>\n");
    }
  g_string_append (page->html, "</section>\n");
}

static void
append_messages (Page *page)
{
  const GPtrArray *messages = page->record->messages;

  g_string_append_printf (page->html, "<section class=\"messages\">\n<h2>%s</h2>\n",
                          tr (page, N_("Messages from the center")));
  if (messages->len == 0)
    g_string_append_printf (page->html, "<p class=\"none\">%s</p>\n",
                            tr (page, N_("No messages yet.")));
  for (guint i = 0; i < messages->len; i++)
    {
      const MdgFollowupEvent *message = g_ptr_array_index (messages, i);
      g_autofree char *date = format_date (page, message->at);

      g_string_append_printf (page->html, "<article>\n<p class=\"date\">%s</p>\n<p>", date);
      append_paragraphs (page, message->text);
      g_string_append (page->html, "</p>\n</article>\n");
    }
  g_string_append (page->html, "</section>\n");
}

/* The answers as the flow labels them; the free text and contact details are never shown. */
static void
append_answers (Page *page)
{
  const GPtrArray *answers = page->record->answers;
  const char *previous = NULL;

  g_string_append_printf (page->html, "<section class=\"answers\">\n<h2>%s</h2>\n<dl>\n",
                          tr (page, N_("What you told us")));
  for (guint i = 0; i < answers->len; i++)
    {
      g_auto (GStrv) parts = g_strsplit (g_ptr_array_index (answers, i), "\x1f", 2);
      MdgStep *step = mdg_flow_lookup_step (page->center->flow, parts[0]);
      MdgChoice *choice = step != NULL ? mdg_step_lookup_choice (step, parts[1]) : NULL;

      if (choice == NULL || mdg_step_get_kind (step) == MDG_STEP_CONTACT)
        continue;
      if (g_strcmp0 (previous, parts[0]) != 0)
        {
          g_string_append (page->html, "<dt>");
          append_text (page, mdg_step_get_question_in (step, page->lang));
          g_string_append (page->html, "</dt>\n");
        }
      g_string_append (page->html, "<dd>");
      append_text (page, mdg_choice_get_label_in (choice, page->lang));
      g_string_append (page->html, "</dd>\n");
      previous = mdg_step_get_id (step);
    }
  g_string_append (page->html, "</dl>\n</section>\n");
}

static void
append_center (Page *page)
{
  static const struct { const char *key; const char *label; } rows[] = {
    { "center-address", N_("Address") },
    { "center-phone", N_("Telephone") },
    { "center-hours", N_("Opening hours") },
  };
  g_autofree char *name = mdg_settings_dup_text (page->center->settings, "center-name", page->lang);

  g_string_append_printf (page->html, "<section class=\"center-info\">\n<h2>%s</h2>\n<p>",
                          tr (page, N_("Contact the center")));
  append_text (page, name);
  g_string_append (page->html, "</p>\n<dl>\n");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *value = mdg_settings_dup_text (page->center->settings, rows[i].key,
                                                      page->lang);

      if (*value == '\0')
        continue;
      g_string_append_printf (page->html, "<dt>%s</dt>\n<dd>", tr (page, rows[i].label));
      if (g_str_equal (rows[i].key, "center-phone"))
        {
          g_autoptr (GString) dial = g_string_new (NULL);

          for (const char *p = value; *p != '\0'; p++)
            if (g_ascii_isdigit (*p) || *p == '+')
              g_string_append_c (dial, *p);
          g_string_append_printf (page->html, "<a href=\"tel:%s\">", dial->str);
          append_text (page, value);
          g_string_append (page->html, "</a>");
        }
      else
        append_paragraphs (page, value);
      g_string_append (page->html, "</dd>\n");
    }
  g_string_append (page->html, "</dl>\n</section>\n");
}

/* Done and older than the retention period: nothing of the inquiry is shown any more. */
static gboolean
is_retired (Page  *page,
            gint64 now)
{
  return g_strcmp0 (page->record->status, "closed") == 0
         && now - page->record->created_at > (gint64) page->center->retention_days * 24 * 3600;
}

char *
mdg_followup_page_render (const MdgFollowupCenter *center,
                          const MdgFollowupRecord *record,
                          const char              *lang,
                          gint64                   now)
{
  const MdgLanguage *language = mdg_i18n_lookup (lang);
  Page page = { center, record, "ja", NULL };
  g_autofree char *title = NULL;

  g_return_val_if_fail (center != NULL && record != NULL, NULL);

  if (language == NULL)
    language = mdg_i18n_lookup ("ja");
  page.lang = language->id;
  page.html = g_string_new (NULL);
  /* Setting it once makes every lookup below skip switching LANGUAGE back and forth. */
  mdg_i18n_set_language (language->id);

  title = g_strdup_printf (tr (&page, N_("Inquiry %s")), record->number);
  append_head (&page, language->script, title);
  append_header (&page);
  if (is_retired (&page, now))
    {
      g_string_append_printf (page.html, "<h1>%s</h1>\n<p class=\"number\"><strong>",
                              tr (&page, N_("Your inquiry")));
      append_text (&page, record->number);
      g_string_append_printf (page.html, "</strong></p>\n<p class=\"current\">%s</p>\n",
                              tr (&page, N_("This inquiry has been closed, and its details are no "
                                            "longer kept.")));
    }
  else
    {
      append_number (&page);
      append_status (&page);
      append_messages (&page);
      g_string_append_printf (page.html, "<section class=\"next\">\n<h2>%s</h2>\n<p>",
                              tr (&page, N_("What happens next")));
      append_text (&page, next_step (&page));
      g_string_append (page.html, "</p>\n</section>\n");
      append_answers (&page);
    }
  append_center (&page);
  g_string_append (page.html, "</main>\n</body>\n</html>\n");
  return g_string_free (page.html, FALSE);
}

/* One page for every lookup that fails, whatever failed: it names no number and no language
 * the request chose, so it tells nothing. */
const char *
mdg_followup_page_not_found (void)
{
  return "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>ページが見つかりません / Page not found</title>\n"
         "<link rel=\"stylesheet\" href=\"/static/followup.css\">\n</head>\n<body>\n<main>\n"
         "<h1>ページが見つかりません</h1>\n"
         "<p>QRコードをもう一度読み取るか、センターにお問い合わせください。</p>\n"
         "<p class=\"easy\">QRコードを もう いちど よみとって ください。わからない ときは"
         " センターに れんらく して ください。</p>\n"
         "<h1 lang=\"en\">Page not found</h1>\n"
         "<p lang=\"en\">Please scan the QR code again, or contact the center.</p>\n"
         "</main>\n</body>\n</html>\n";
}

const char *
mdg_followup_page_too_many (void)
{
  return "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>しばらくお待ちください / Please wait</title>\n"
         "<link rel=\"stylesheet\" href=\"/static/followup.css\">\n</head>\n<body>\n<main>\n"
         "<h1>しばらくお待ちください</h1>\n<p>1分ほどしてから、もう一度お試しください。</p>\n"
         "<p class=\"easy\">1分 まって から、もう いちど 見て ください。</p>\n"
         "<h1 lang=\"en\">Please wait</h1>\n"
         "<p lang=\"en\">Too many tries: please try again in a minute.</p>\n"
         "</main>\n</body>\n</html>\n";
}
