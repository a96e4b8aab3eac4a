/* test-idle.c: an idle visit is wiped — answers, typed text, choices on screen and clipboard. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <criterion/criterion.h>
#include <gtk/gtk.h>
#include <string.h>

#include "kiosk-fixture.h"
#include "mdg-i18n.h"

static void
setup (void)
{
  kiosk_open (NULL);
}

TestSuite (ui_idle, .init = setup, .fini = kiosk_close);

static gboolean
warning_shown (void)
{
  return kiosk_find_label (GTK_WIDGET (kiosk.window), "Are you still there?") != NULL;
}

/* Seconds, not minutes: the watch's own durations, set as the settings would. */
static void
shorten_timers (void)
{
  MdgIdleWatch *watch = mdg_window_get_idle_watch (kiosk.window);

  g_object_set (watch, "idle-seconds", 1, "warning-seconds", 1, NULL);
  mdg_idle_watch_note_activity (watch); /* re-arm with the short time */
}

/* Fills every kind of page up to the contact form and leaves something on the clipboard. */
static void
visit_with_everything (void)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (kiosk.window));

  kiosk_tap ("English");
  kiosk_tap ("Start");
  kiosk_tap ("Join or help an activity");
  kiosk_tap ("Children & parenting");
  kiosk_tap ("Next");
  kiosk_tap ("An individual");
  kiosk_tap ("Preparing");
  kiosk_write ("私の電話番号は 090-0000-0000 です");
  kiosk_tap ("Next");
  kiosk_tap ("Please contact me");
  gtk_toggle_button_set_active (kiosk_check ("I agree to the use of my contact details"), TRUE);
  kiosk_type ("Name", "鈴木 一郎");
  kiosk_type ("Phone", "090-1234-5678");
  gdk_clipboard_set_text (gdk_display_get_clipboard (display), "090-1234-5678");
  gdk_clipboard_set_text (gdk_display_get_primary_clipboard (display), "鈴木 一郎");
  cr_assert_str_eq (kiosk_step (), "contact");
}

/* Nothing of the visit on the clipboard. A wipe makes the kiosk the clipboard's owner with an
 * empty text, which is read here without asking the X server: on the display the suites share,
 * another test's kiosk may own the clipboard, even one stopped on purpose (ui_watchdog), and a
 * read through X would wait on it for good. Owned elsewhere, it holds nothing of this visit. */
static void
assert_clipboard_empty (GdkClipboard *clipboard)
{
  GdkContentProvider *content = gdk_clipboard_get_content (clipboard);
  g_auto (GValue) value = G_VALUE_INIT;
  const char *text;

  if (content == NULL)
    return;
  g_value_init (&value, G_TYPE_STRING);
  if (!gdk_content_provider_get_value (content, &value, NULL))
    return;
  text = g_value_get_string (&value);
  cr_assert (text == NULL || *text == '\0', "the clipboard still holds “%s”", text);
}

static void
assert_no_toggled_choice (void)
{
  for (guint i = 0; i < 12; i++)
    {
      static const char *const themes[] = {
        "Children & parenting", "Education & learning", "Older people & welfare",
        "Disability support", "Disaster preparedness & relief", "Environment & SDGs",
        "Town planning & housing", "Culture, arts & sports", "International & multicultural",
        "Community spaces & connections", "Work & careers", "Other",
      };
      GtkWidget *button = kiosk_find_button (themes[i]);

      cr_assert_not_null (button, "%s", themes[i]);
      cr_assert_not (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)), "%s is still chosen",
                     themes[i]);
    }
}

/* What the visit typed, in any widget: a field, a text view or a label. */
static gboolean
holds_typed_text (GtkWidget    *widget,
                  gconstpointer unused)
{
  static const char *const typed[] = { "090-", "鈴木", "私の電話番号" };
  g_autofree char *text = NULL;

  if (GTK_IS_EDITABLE (widget))
    text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
  else if (GTK_IS_LABEL (widget))
    text = g_strdup (gtk_label_get_label (GTK_LABEL (widget)));
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (typed); i++)
    if (strstr (text, typed[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* Finds no trace of the visit in the window, on hidden pages either, then walks the new visit
 * through the same pages and finds every widget empty. */
static void
assert_nothing_left (void)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (kiosk.window));
  g_autofree char *written = NULL;
  GtkWidget *trace;

  cr_assert_str_eq (kiosk_step (), "welcome");
  trace = kiosk_search (GTK_WIDGET (kiosk.window), FALSE, holds_typed_text, NULL);
  cr_assert_null (trace, "a %s still holds what the visitor typed", G_OBJECT_TYPE_NAME (trace));
  cr_assert_null (mdg_visit_get_answer (mdg_window_get_visit (kiosk.window), "purpose"));
  assert_clipboard_empty (gdk_display_get_clipboard (display));
  assert_clipboard_empty (gdk_display_get_primary_clipboard (display));

  kiosk_tap ("English");
  kiosk_tap ("Start");
  kiosk_tap ("Join or help an activity");
  assert_no_toggled_choice ();
  kiosk_tap ("Children & parenting");
  kiosk_tap ("Next");
  kiosk_tap ("An individual");
  kiosk_tap ("Preparing");
  written = kiosk_written ();
  cr_assert_str_empty (written, "the details page still holds “%s”", written);
  kiosk_tap ("Next");
  kiosk_tap ("Please contact me");
  cr_assert_not (gtk_toggle_button_get_active (kiosk_check ("I agree to the use of my contact details")));
  cr_assert_str_empty (gtk_editable_get_text (GTK_EDITABLE (kiosk_field ("Name"))));
  cr_assert_str_empty (gtk_editable_get_text (GTK_EDITABLE (kiosk_field ("Phone"))));
  cr_assert_str_empty (gtk_editable_get_text (GTK_EDITABLE (kiosk_field ("E-mail"))));
}

Test (ui_idle, countdown_at_zero_wipes_everything)
{
  visit_with_everything ();
  shorten_timers ();
  cr_assert (kiosk_wait_until (warning_shown, 5000), "no “Are you still there?”");
  cr_assert_not_null (kiosk_find_button ("Continue"));
  cr_assert (kiosk_wait_until (kiosk_at_welcome, 5000), "the countdown did not end the visit");
  cr_assert_not (warning_shown ());
  cr_assert_str_eq (mdg_i18n_get_language (), "ja", "back in the start language");
  assert_nothing_left ();
}

Test (ui_idle, start_over_in_the_dialog_wipes_everything)
{
  visit_with_everything ();
  g_object_set (mdg_window_get_idle_watch (kiosk.window), "warning-seconds", 60, NULL);
  g_object_set (mdg_window_get_idle_watch (kiosk.window), "idle-seconds", 1, NULL);
  mdg_idle_watch_note_activity (mdg_window_get_idle_watch (kiosk.window));
  cr_assert (kiosk_wait_until (warning_shown, 5000));
  /* The dialog's own Start over (the page's footer has one too, which only asks). */
  {
    GtkWidget *card = gtk_widget_get_parent (
      kiosk_find_label (GTK_WIDGET (kiosk.window), "Are you still there?"));
    GtkWidget *buttons = gtk_widget_get_last_child (card);
    GtkWidget *restart = gtk_widget_get_last_child (buttons);

    cr_assert_str_eq (gtk_button_get_label (GTK_BUTTON (restart)), "Start over");
    g_signal_emit_by_name (restart, "clicked");
    kiosk_iterate ();
  }
  cr_assert (kiosk_at_welcome ());
  cr_assert_not (warning_shown ());
  assert_nothing_left ();
}

Test (ui_idle, continue_keeps_the_visit)
{
  visit_with_everything ();
  g_object_set (mdg_window_get_idle_watch (kiosk.window), "warning-seconds", 60, NULL);
  g_object_set (mdg_window_get_idle_watch (kiosk.window), "idle-seconds", 1, NULL);
  mdg_idle_watch_note_activity (mdg_window_get_idle_watch (kiosk.window));
  cr_assert (kiosk_wait_until (warning_shown, 5000));
  kiosk_tap ("Continue");
  cr_assert_not (warning_shown ());
  cr_assert_str_eq (kiosk_step (), "contact");
  cr_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (kiosk_field ("Name"))), "鈴木 一郎");
}

Test (ui_idle, welcome_page_is_not_watched)
{
  g_object_set (mdg_window_get_idle_watch (kiosk.window), "idle-seconds", 1, NULL);
  mdg_idle_watch_note_activity (mdg_window_get_idle_watch (kiosk.window));
  cr_assert_not (kiosk_wait_until (warning_shown, 2500), "the welcome page asked");
}
