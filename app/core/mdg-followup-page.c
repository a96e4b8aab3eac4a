/* mdg-followup-page.c: the follow-up page's HTML, in the visitor's language. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mdg-followup-page.h"
#include "mdg-i18n.h"
#include "mdg-settings.h"

/* Everything a page needs that depends only on its language is looked up once, when the page
 * object is made (and the center's texts again when a setting changes): a request reads no
 * setting, switches no gettext language and reads no time zone file. That keeps each request
 * cheap. */

enum
{
  TEXT_STATUS_NEW,
  TEXT_STATUS_WORKING,
  TEXT_STATUS_CONNECTED,
  TEXT_STATUS_DONE,
  TEXT_NEXT_DONE,
  TEXT_NEXT_CONNECTED,
  TEXT_NEXT_WORKING,
  TEXT_NEXT_CONTACT,
  TEXT_NEXT_NOW,
  TEXT_NEXT_READ,
  TEXT_TITLE,
  TEXT_YOUR_INQUIRY,
  TEXT_NUMBER,
  TEXT_RECEIVED_ON,
  TEXT_STATUS,
  TEXT_COORDINATOR,
  TEXT_MESSAGES,
  TEXT_NO_MESSAGES,
  TEXT_NEXT,
  TEXT_ANSWERS,
  TEXT_CONTACT,
  TEXT_ADDRESS,
  TEXT_PHONE,
  TEXT_HOURS,
  TEXT_RETIRED,
  N_TEXTS
};

static const char *sources[N_TEXTS] = {
  [TEXT_STATUS_NEW] = N_("Received"),
  [TEXT_STATUS_WORKING] = N_("A coordinator is working on it"),
  [TEXT_STATUS_CONNECTED] = N_("We have told you whom to contact"),
  [TEXT_STATUS_DONE] = N_("Done"),
  [TEXT_NEXT_DONE] = N_("This inquiry is done. If you have something new, come to the center "
                        "again or call us."),
  [TEXT_NEXT_CONNECTED] = N_("Please get in touch with the people named in the messages above. If "
                             "anything is unclear, contact the center."),
  [TEXT_NEXT_WORKING] = N_("A coordinator is looking for the right people. Their messages will "
                           "appear on this page; please look again in a few days."),
  [TEXT_NEXT_CONTACT] = N_("A coordinator will contact you. You can also check this page."),
  [TEXT_NEXT_NOW] = N_("Please talk to the staff at the desk. This page shows how your inquiry "
                       "goes on."),
  [TEXT_NEXT_READ] = N_("A coordinator will read your inquiry. Please look at this page again in "
                        "a few days."),
  [TEXT_TITLE] = N_("Inquiry %s"),
  [TEXT_YOUR_INQUIRY] = N_("Your inquiry"),
  [TEXT_NUMBER] = N_("Number"),
  [TEXT_RECEIVED_ON] = N_("Received on %s"),
  [TEXT_STATUS] = N_("Status"),
  [TEXT_COORDINATOR] = N_("Your coordinator:"),
  [TEXT_MESSAGES] = N_("Messages from the center"),
  [TEXT_NO_MESSAGES] = N_("No messages yet."),
  [TEXT_NEXT] = N_("What happens next"),
  [TEXT_ANSWERS] = N_("What you told us"),
  [TEXT_CONTACT] = N_("Contact the center"),
  [TEXT_ADDRESS] = N_("Address"),
  [TEXT_PHONE] = N_("Telephone"),
  [TEXT_HOURS] = N_("Opening hours"),
  [TEXT_RETIRED] = N_("This inquiry has been closed, and its details are no longer kept."),
};

/* The center's settings the page shows, and the label of each row under "Contact the center". */
enum { CENTER_NAME, CENTER_ADDRESS, CENTER_PHONE, CENTER_HOURS, N_CENTER_KEYS };

static const struct { const char *key; guint label; } center_keys[N_CENTER_KEYS] = {
  [CENTER_NAME] = { "center-name", N_TEXTS },
  [CENTER_ADDRESS] = { "center-address", TEXT_ADDRESS },
  [CENTER_PHONE] = { "center-phone", TEXT_PHONE },
  [CENTER_HOURS] = { "center-hours", TEXT_HOURS },
};

/* One offered language's share of the page. */
typedef struct
{
  const MdgLanguage *language;
  const char *texts[N_TEXTS];  /* gettext's, which live as long as the process */
  GHashTable *questions;       /* step id → its question */
  GHashTable *labels;          /* "step\x1fchoice", as the record holds an answer → its label */
  char *center[N_CENTER_KEYS]; /* the settings' texts, refreshed when they change */
} Language;

struct _MdgFollowupPage
{
  GObject parent_instance;

  GSettings *settings;
  MdgFlow *flow;
  GHashTable *followup_roles; /* the follow-up step's choice ids → their MdgChoiceRole */
  GTimeZone *zone;
  guint retention_days;
  guint n_languages;
  Language *languages;
};

G_DEFINE_FINAL_TYPE (MdgFollowupPage, mdg_followup_page, G_TYPE_OBJECT)

typedef struct
{
  MdgFollowupPage *self;
  const Language *language;
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
tr (Page *page,
    guint text)
{
  return page->language->texts[text];
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
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr (GDateTime) date = g_date_time_to_timezone (utc, page->self->zone);

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
    return tr (page, TEXT_STATUS_WORKING);
  if (g_strcmp0 (status, "connected") == 0)
    return tr (page, TEXT_STATUS_CONNECTED);
  if (g_strcmp0 (status, "closed") == 0)
    return tr (page, TEXT_STATUS_DONE);
  return tr (page, TEXT_STATUS_NEW);
}

static const char *
next_step (Page *page)
{
  const char *status = page->record->status;
  MdgChoiceRole role;

  if (g_strcmp0 (status, "closed") == 0)
    return tr (page, TEXT_NEXT_DONE);
  if (g_strcmp0 (status, "connected") == 0)
    return tr (page, TEXT_NEXT_CONNECTED);
  if (g_strcmp0 (status, "in-progress") == 0)
    return tr (page, TEXT_NEXT_WORKING);
  role = page->record->followup != NULL
           ? GPOINTER_TO_INT (g_hash_table_lookup (page->self->followup_roles, page->record->followup))
           : MDG_CHOICE_ROLE_NONE;
  if (role == MDG_CHOICE_ROLE_CONTACT)
    return tr (page, TEXT_NEXT_CONTACT);
  if (role == MDG_CHOICE_ROLE_NOW)
    return tr (page, TEXT_NEXT_NOW);
  return tr (page, TEXT_NEXT_READ);
}

static void
append_head (Page       *page,
             const char *title)
{
  g_string_append_printf (page->html,
                          "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                          "<meta name=\"referrer\" content=\"no-referrer\">\n<title>",
                          page->language->language->script);
  append_text (page, title);
  /* Easy Japanese is written in phrases (分かち書き): the style sheet wraps it only between them. */
  g_string_append_printf (page->html, "</title>\n<link rel=\"stylesheet\" href=\"/static/followup.css\">\n"
                                      "</head>\n<body%s>\n",
                          page->language->language->spaced ? " class=\"easy\"" : "");
}

static void
append_header (Page *page)
{
  g_autofree char *n = g_uri_escape_string (page->record->number, NULL, FALSE);
  g_autofree char *t = g_uri_escape_string (page->record->token, NULL, FALSE);

  g_string_append (page->html, "<header>\n<p class=\"center\">");
  append_text (page, page->language->center[CENTER_NAME]);
  g_string_append_printf (page->html, "</p>\n<nav class=\"languages\" aria-label=\"%s\">\n",
                          "言語 / Language");
  for (guint i = 0; i < page->self->n_languages; i++)
    {
      const MdgLanguage *language = page->self->languages[i].language;

      if (language == page->language->language)
        g_string_append_printf (page->html, "<span lang=\"%s\" aria-current=\"page\">%s</span>\n",
                                language->script, language->name);
      else
        g_string_append_printf (page->html,
                                "<a lang=\"%s\" hreflang=\"%s\" href=\"/followup?n=%s&amp;t=%s&amp;lang=%s\">"
                                "%s</a>\n",
                                language->script, language->script, n, t, language->id,
                                language->name);
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
                          tr (page, TEXT_YOUR_INQUIRY), tr (page, TEXT_NUMBER));
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
  g_string_append_printf (page->html, tr (page, TEXT_RECEIVED_ON), received);
  g_string_append (page->html, "</p>\n");
}

static void
append_status (Page *page)
{
  const MdgFollowupRecord *record = page->record;
  g_autofree char *received = format_date (page, record->created_at);

  g_string_append_printf (page->html, "<section class=\"status\">\n<h2>%s</h2>\n"
                                      "<p class=\"current\">",
                          tr (page, TEXT_STATUS));
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
                              tr (page, TEXT_COORDINATOR));
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
                          tr (page, TEXT_MESSAGES));
  if (messages->len == 0)
    g_string_append_printf (page->html, "<p class=\"none\">%s</p>\n", tr (page, TEXT_NO_MESSAGES));
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
                          tr (page, TEXT_ANSWERS));
  for (guint i = 0; i < answers->len; i++)
    {
      const char *answer = g_ptr_array_index (answers, i);
      const char *label = g_hash_table_lookup (page->language->labels, answer);
      g_autofree char *step_id = g_strndup (answer, strcspn (answer, "\x1f"));
      gpointer step_key = NULL, question = NULL;

      /* Contact answers have no label here; an answer the flow no longer has is left out. */
      if (label == NULL
          || !g_hash_table_lookup_extended (page->language->questions, step_id, &step_key, &question))
        continue;
      /* Each question with its answers in one <div>, so that a wide screen can set them side
       * by side however many answers a question has. */
      if (g_strcmp0 (previous, step_key) != 0)
        {
          g_string_append (page->html, previous != NULL ? "</div>\n<div>\n<dt>" : "<div>\n<dt>");
          append_text (page, question);
          g_string_append (page->html, "</dt>\n");
        }
      g_string_append (page->html, "<dd>");
      append_text (page, label);
      g_string_append (page->html, "</dd>\n");
      previous = step_key;
    }
  g_string_append (page->html, previous != NULL ? "</div>\n</dl>\n</section>\n" : "</dl>\n</section>\n");
}

static void
append_center (Page *page)
{
  g_string_append_printf (page->html, "<section class=\"center-info\">\n<h2>%s</h2>\n<p>",
                          tr (page, TEXT_CONTACT));
  append_text (page, page->language->center[CENTER_NAME]);
  g_string_append (page->html, "</p>\n<dl>\n");
  for (guint i = CENTER_ADDRESS; i < N_CENTER_KEYS; i++)
    {
      const char *value = page->language->center[i];

      if (*value == '\0')
        continue;
      g_string_append_printf (page->html, "<div>\n<dt>%s</dt>\n<dd>", tr (page, center_keys[i].label));
      if (i == CENTER_PHONE)
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
      g_string_append (page->html, "</dd>\n</div>\n");
    }
  g_string_append (page->html, "</dl>\n</section>\n");
}

/* Done and older than the retention period: nothing of the inquiry is shown any more. */
static gboolean
is_retired (Page  *page,
            gint64 now)
{
  return g_strcmp0 (page->record->status, "closed") == 0
         && now - page->record->created_at > (gint64) page->self->retention_days * 24 * 3600;
}

char *
mdg_followup_page_render (MdgFollowupPage         *self,
                          const MdgFollowupRecord *record,
                          const char              *lang,
                          gint64                   now)
{
  Page page = { self, &self->languages[0], record, NULL, NULL };
  g_autofree char *title = NULL;

  g_return_val_if_fail (MDG_IS_FOLLOWUP_PAGE (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  for (guint i = 0; lang != NULL && i < self->n_languages; i++)
    if (g_str_equal (self->languages[i].language->id, lang))
      page.language = &self->languages[i];
  page.lang = page.language->language->id;
  page.html = g_string_sized_new (4096);

  title = g_strdup_printf (tr (&page, TEXT_TITLE), record->number);
  append_head (&page, title);
  append_header (&page);
  if (is_retired (&page, now))
    {
      g_string_append_printf (page.html, "<h1>%s</h1>\n<p class=\"number\"><strong>",
                              tr (&page, TEXT_YOUR_INQUIRY));
      append_text (&page, record->number);
      g_string_append_printf (page.html, "</strong></p>\n<p class=\"current\">%s</p>\n",
                              tr (&page, TEXT_RETIRED));
    }
  else
    {
      append_number (&page);
      append_status (&page);
      append_messages (&page);
      g_string_append_printf (page.html, "<section class=\"next\">\n<h2>%s</h2>\n<p>",
                              tr (&page, TEXT_NEXT));
      append_text (&page, next_step (&page));
      g_string_append (page.html, "</p>\n</section>\n");
      append_answers (&page);
    }
  append_center (&page);
  g_string_append (page.html, "</main>\n</body>\n</html>\n");
  return g_string_free (page.html, FALSE);
}

/* The settings' texts in each language: at the start, and again after a change. */
static void
read_settings (MdgFollowupPage *self)
{
  self->retention_days = g_settings_get_uint (self->settings, "contact-retention-days");
  for (guint i = 0; i < self->n_languages; i++)
    for (guint k = 0; k < N_CENTER_KEYS; k++)
      {
        g_free (self->languages[i].center[k]);
        self->languages[i].center[k] = mdg_settings_dup_text (self->settings, center_keys[k].key,
                                                              self->languages[i].language->id);
      }
}

static void
settings_changed_cb (GSettings       *settings,
                     const char      *key,
                     MdgFollowupPage *self)
{
  read_settings (self);
}

/* The flow's questions and labels in one language, and the follow-up roles, looked up here
 * once: the flow's own lookups walk its list models, step by step and choice by choice.
 * Contact steps are left out, so their answers are never shown. */
static void
read_flow (MdgFollowupPage *self,
           Language        *language)
{
  GListModel *steps = mdg_flow_get_steps (self->flow);
  MdgStep *followup = mdg_flow_lookup_role (self->flow, MDG_ROLE_FOLLOWUP);

  language->questions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  language->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr (MdgStep) step = g_list_model_get_item (steps, i);
      GListModel *choices = mdg_step_get_choices (step);
      const char *step_id = mdg_step_get_id (step);

      if (mdg_step_get_kind (step) == MDG_STEP_CONTACT)
        continue;
      g_hash_table_insert (language->questions, g_strdup (step_id),
                           (gpointer) mdg_step_get_question_in (step, language->language->id));
      for (guint k = 0; choices != NULL && k < g_list_model_get_n_items (choices); k++)
        {
          g_autoptr (MdgChoice) choice = g_list_model_get_item (choices, k);
          const char *choice_id = mdg_choice_get_id (choice);

          g_hash_table_insert (language->labels, g_strdup_printf ("%s\x1f%s", step_id, choice_id),
                               (gpointer) mdg_choice_get_label_in (choice, language->language->id));
          if (step == followup)
            g_hash_table_insert (self->followup_roles, g_strdup (choice_id),
                                 GINT_TO_POINTER (mdg_choice_get_role (choice)));
        }
    }
}

static void
mdg_followup_page_finalize (GObject *object)
{
  MdgFollowupPage *self = MDG_FOLLOWUP_PAGE (object);

  for (guint i = 0; i < self->n_languages; i++)
    {
      g_clear_pointer (&self->languages[i].questions, g_hash_table_unref);
      g_clear_pointer (&self->languages[i].labels, g_hash_table_unref);
      for (guint k = 0; k < N_CENTER_KEYS; k++)
        g_free (self->languages[i].center[k]);
    }
  g_free (self->languages);
  g_clear_pointer (&self->followup_roles, g_hash_table_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_object (&self->flow);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (mdg_followup_page_parent_class)->finalize (object);
}

static void
mdg_followup_page_class_init (MdgFollowupPageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mdg_followup_page_finalize;
}

static void
mdg_followup_page_init (MdgFollowupPage *self)
{
}

/* Dates are the server's local ones, as the kiosk printed them on the slip. */
MdgFollowupPage *
mdg_followup_page_new (GSettings *settings,
                       MdgFlow   *flow)
{
  MdgFollowupPage *self;
  const MdgLanguage *languages;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (MDG_IS_FLOW (flow), NULL);

  self = g_object_new (MDG_TYPE_FOLLOWUP_PAGE, NULL);
  self->settings = g_object_ref (settings);
  self->flow = g_object_ref (flow);
  self->zone = g_time_zone_new_local ();
  self->followup_roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  languages = mdg_i18n_get_languages (&self->n_languages);
  self->languages = g_new0 (Language, self->n_languages);
  for (guint i = 0; i < self->n_languages; i++)
    {
      Language *language = &self->languages[i];

      language->language = &languages[i];
      for (guint k = 0; k < N_TEXTS; k++)
        language->texts[k] = mdg_i18n_translate_in (languages[i].id, sources[k]);
      read_flow (self, language);
    }
  read_settings (self);
  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self, 0);
  return self;
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
