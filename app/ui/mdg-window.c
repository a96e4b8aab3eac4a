/* mdg-window.c: the kiosk's one window; it owns the visit and shows its current step. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-desk.h"
#include "mdg-error.h"
#include "mdg-i18n.h"
#include "mdg-idle-dialog.h"
#include "mdg-idle-watch.h"
#include "mdg-keyboard.h"
#include "mdg-page-deck.h"
#include "mdg-pin-pad.h"
#include "mdg-restart-time.h"
#include "mdg-settings.h"
#include "mdg-slip-printer.h"
#include "mdg-translatable.h"
#include "mdg-visit-actions.h"
#include "mdg-window.h"

struct _MdgWindow
{
  GtkApplicationWindow parent_instance;

  /* template widgets */
  GtkWidget *header;
  GtkBox *language_switch;
  GtkLabel *center_label;
  GtkStack *stack;
  GtkBox *page_box;
  GtkLabel *problem_title;
  GtkLabel *problem_label;
  GtkLabel *problem_help;
  MdgIdleDialog *idle_dialog;
  GtkRevealer *keyboard_revealer;
  MdgKeyboard *keyboard;
  GtkWidget *restart_confirm;
  GtkLabel *restart_question;
  GtkButton *restart_yes;
  GtkButton *restart_no;

  /* owned references */
  MdgApplication *application;
  MdgVisit *visit;
  MdgInquiry *inquiry; /* the committed inquiry the done page shows */
  MdgSlipPrinter *printer; /* its slip, on its way to the printer */
  MdgPageDeck *deck;       /* the visit's pages, in page_box; NULL without a flow */
  MdgIdleWatch *idle_watch;
  char *language;       /* bound both ways to the application's, which owns it */
  gboolean large_text;  /* the visitor's view: text ×1.3 */
  gboolean high_contrast; /* the visitor's view: black, white and yellow */
  GSettings *a11y_settings; /* the session's org.gnome.desktop.a11y.interface, if it has one */
  MdgPinPad *pin_pad;   /* the staff's way in; only while open */
  MdgDesk *desk;        /* only while unlocked */
  MdgVisit *staff_visit; /* an inquiry staff are typing on the desk: kept across its locks */
  guint logo_press_id;  /* the 3-second press on the logo */
  guint finish_guard_id; /* Finish stands where Send stood: ignore it for a moment */
  guint keep_visible_id; /* scrolls the focused field above the keyboard */
  gulong clicked_hook_id;
  GdkFrameClock *print_clock; /* the slip starts once the done page has been painted */
  gulong print_paint_id;
  guint screen_class_id; /* the type scale follows the window's size, set after allocation */
  const char *screen_class; /* "screen-short", "screen-narrow" or NULL for 1920 × 1080 */
  gboolean typing_ready; /* the keyboard's keys and converter, made after the first frame */
  guint typing_id;
  GDateTime *started;   /* the daily restart comes once after this */
  int restart_at;       /* restart-time in seconds after midnight, -1: never */
  guint restart_tick_id;
};

#define FINISH_GUARD_MS 1500

#define STAFF_PRESS_MS 3000

G_DEFINE_FINAL_TYPE (MdgWindow, mdg_window, GTK_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_LANGUAGE, PROP_LARGE_TEXT, PROP_HIGH_CONTRAST, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
update_center_name (MdgWindow *self)
{
  g_autofree char *name = mdg_settings_dup_text (mdg_application_get_settings (self->application),
                                                 "center-name", self->language);

  gtk_label_set_label (self->center_label, name);
}

/* The visitor's actions work only with a whole flow and a working store; Next only once the step
 * has what it needs. */
static void
update_actions (MdgWindow *self)
{
  static const char *const visit_actions[] = { "visit.choose", "visit.toggle", "visit.next",
                                               "visit.back", "visit.change", "visit.restart",
                                               "visit.ask-restart", "visit.keep-going",
                                               "visit.send", "idle.continue" };
  gboolean open = self->visit != NULL && mdg_application_can_take_inquiries (self->application);

  for (guint i = 0; i < G_N_ELEMENTS (visit_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), visit_actions[i], open);
  /* The contact page's Next stays live: tapped too early, it says what is missing. */
  if (open)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.next",
                                   mdg_visit_can_advance (self->visit)
                                     || mdg_step_get_kind (mdg_visit_get_step (self->visit))
                                          == MDG_STEP_CONTACT);
  if (self->finish_guard_id != 0)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.restart", FALSE);
}

/* The question before Start over, in the visitor's language; its buttons say in full what they
 * do, where the page's footer says only 最初から. */
static void
label_restart_confirm (MdgWindow *self)
{
  const char *question = _("Start over? Your answers will be erased.");
  const char *yes = C_("confirm", "Start over");
  const char *no = C_("confirm", "Continue");

  gtk_label_set_label (self->restart_question, question);
  gtk_button_set_label (self->restart_yes, yes);
  gtk_button_set_label (self->restart_no, no);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->restart_yes),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, yes, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->restart_no),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, no, -1);
  mdg_translatable_keep_phrases (self->restart_confirm);
}

static gboolean
finish_guard_done_cb (gpointer user_data)
{
  MdgWindow *self = user_data;

  self->finish_guard_id = 0;
  update_actions (self);
  return G_SOURCE_REMOVE;
}

/* A quick second or third tap on Send would land on Finish and wipe the number unseen. */
static void
guard_finish (MdgWindow *self)
{
  g_clear_handle_id (&self->finish_guard_id, g_source_remove);
  self->finish_guard_id = g_timeout_add (FINISH_GUARD_MS, finish_guard_done_cb, self);
  update_actions (self);
}

/* What the idle watch guards: a visit under way, the done page's time, or nothing at all. */
static MdgIdleWatchMode
idle_mode_for (MdgStep *step)
{
  switch (mdg_step_get_kind (step))
    {
    case MDG_STEP_WELCOME:
      return MDG_IDLE_WATCH_OFF;
    case MDG_STEP_DONE:
      return MDG_IDLE_WATCH_DONE;
    default:
      return MDG_IDLE_WATCH_VISIT;
    }
}

static void
show_problems (MdgWindow *self)
{
  GPtrArray *problems = mdg_application_get_problems (self->application);
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "\n\n" : "", (char *) g_ptr_array_index (problems, i));
  gtk_label_set_label (self->problem_title,
                       _("This kiosk cannot take inquiries right now. Please ask at the desk."));
  gtk_label_set_label (self->problem_label, text->str);
  gtk_label_set_label (self->problem_help,
                       _("For the staff: the kiosk has changed no file. Correct the file or setting "
                         "named above (“madoguchi-admin check” examines the database; a backup can "
                         "replace it), then restart the kiosk. Nothing already accepted is lost."));
  gtk_stack_set_visible_child_name (self->stack, "problem");
}

static MdgPage *
current_page (MdgWindow *self)
{
  return self->deck != NULL ? mdg_page_deck_get_page (self->deck) : NULL;
}

static void
update_print_status (MdgWindow *self)
{
  MdgSlipPrinter *printer = self->printer;
  MdgPage *page = current_page (self);

  if (printer == NULL || page == NULL
      || mdg_step_get_kind (mdg_visit_get_step (self->visit)) != MDG_STEP_DONE)
    return;
  mdg_page_set_print_status (page, mdg_slip_printer_get_message (printer, mdg_page_shows_code (page)),
                             mdg_slip_printer_get_status (printer) == MDG_SLIP_STATUS_FAILED);
}

static void
print_status_cb (MdgWindow      *self,
                 GParamSpec     *pspec,
                 MdgSlipPrinter *printer)
{
  update_print_status (self);
}

/* Drawing the slip competes with drawing the page: it starts after the page is on screen. */
static void
start_printing (MdgWindow *self)
{
  if (self->print_paint_id == 0)
    return;
  /* A window taken down first has its frame clock disposed, and the handler with it. */
  if (g_signal_handler_is_connected (self->print_clock, self->print_paint_id))
    g_signal_handler_disconnect (self->print_clock, self->print_paint_id);
  self->print_paint_id = 0;
  g_clear_object (&self->print_clock);
  mdg_slip_printer_start (self->printer);
}

static void
drop_printer (MdgWindow *self)
{
  start_printing (self);
  if (self->printer != NULL)
    g_signal_handlers_disconnect_by_data (self->printer, self);
  g_clear_object (&self->printer);
}

/* Every step change binds its kind's page to it; a language switch re-labels it in place. */
static void
show_step (MdgWindow *self)
{
  update_actions (self);
  if (self->visit == NULL || !mdg_application_can_take_inquiries (self->application))
    {
      mdg_idle_watch_set_mode (self->idle_watch, MDG_IDLE_WATCH_OFF);
      show_problems (self);
      return;
    }
  /* The staff's desk has its own lock; the visitor's idle watch must not wipe under it. */
  mdg_idle_watch_set_mode (self->idle_watch, self->pin_pad != NULL || self->desk != NULL
                                               ? MDG_IDLE_WATCH_OFF
                                               : idle_mode_for (mdg_visit_get_step (self->visit)));
  mdg_page_deck_show_step (self->deck, self->inquiry);
  if (self->pin_pad == NULL && self->desk == NULL)
    gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->page_box));
  update_print_status (self);
  gtk_widget_grab_focus (GTK_WIDGET (current_page (self)));
}

static void
visit_changed_cb (MdgWindow *self,
                  MdgVisit  *visit)
{
  mdg_idle_watch_note_activity (self->idle_watch);
  update_actions (self);
}

static void
step_changed_cb (MdgWindow  *self,
                 GParamSpec *pspec,
                 MdgVisit   *visit)
{
  show_step (self);
}

/* The session's own high contrast is where each visit starts: GTK's HighContrast theme, or
 * GNOME's accessibility setting (which libadwaita follows too). */
static gboolean
session_wants_high_contrast (MdgWindow *self)
{
  g_autofree char *theme = NULL;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-theme-name", &theme, NULL);
  if (theme != NULL && g_str_has_prefix (theme, "HighContrast"))
    return TRUE;
  return self->a11y_settings != NULL
         && g_settings_get_boolean (self->a11y_settings, "high-contrast");
}

static void
set_view_flag (MdgWindow  *self,
               gboolean   *flag,
               gboolean    value,
               const char *css_class,
               guint       prop_id)
{
  if (*flag == value)
    return;
  *flag = value;
  if (value)
    gtk_widget_add_css_class (GTK_WIDGET (self), css_class);
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), css_class);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Each visitor starts with the default view: normal text, the session's contrast. */
static void
reset_view (MdgWindow *self)
{
  set_view_flag (self, &self->large_text, FALSE, "large-text", PROP_LARGE_TEXT);
  set_view_flag (self, &self->high_contrast, session_wants_high_contrast (self), "high-contrast",
                 PROP_HIGH_CONTRAST);
}

static void
session_contrast_changed_cb (MdgWindow *self)
{
  set_view_flag (self, &self->high_contrast, session_wants_high_contrast (self), "high-contrast",
                 PROP_HIGH_CONTRAST);
}

static void
watch_session_contrast (MdgWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-theme-name",
                           G_CALLBACK (session_contrast_changed_cb), self, G_CONNECT_SWAPPED);
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.a11y.interface", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "high-contrast"))
    return;
  self->a11y_settings = g_settings_new_full (schema, NULL, NULL);
  g_signal_connect_object (self->a11y_settings, "changed::high-contrast",
                           G_CALLBACK (session_contrast_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Start over, Finish or a visitor gone: nothing of this visit may reach the next one — not the
 * answers, not the typed text (a page lets go of it as the welcome page replaces it), not the
 * clipboard. */
static void
wipe (MdgWindow *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));

  mdg_keyboard_reset (self->keyboard);
  gtk_widget_set_visible (self->restart_confirm, FALSE);
  g_clear_object (&self->inquiry);
  drop_printer (self); /* a job still running finishes on its own */
  gdk_clipboard_set_text (gdk_display_get_clipboard (display), "");
  gdk_clipboard_set_text (gdk_display_get_primary_clipboard (display), "");
  reset_view (self);
  if (self->visit != NULL)
    mdg_visit_reset (self->visit);
}

/* The staff desk: a 3-second press on the logo, then the PIN; locking wipes both and the visit
 * and returns to the welcome page. */
static void
close_staff (MdgWindow *self)
{
  if (self->pin_pad != NULL)
    gtk_stack_remove (self->stack, GTK_WIDGET (g_steal_pointer (&self->pin_pad)));
  if (self->desk != NULL)
    gtk_stack_remove (self->stack, GTK_WIDGET (g_steal_pointer (&self->desk)));
  wipe (self); /* the reset shows the welcome page, unless there is no visit to reset */
  if (self->visit == NULL)
    show_step (self);
}

static void
desk_locked_cb (MdgWindow *self)
{
  close_staff (self);
}

/* What staff are typing lives here, so that a lock (which drops the desk) loses none of it. */
static MdgDesk *
new_desk (MdgWindow *self)
{
  MdgStore *store = mdg_application_get_store (self->application);
  MdgFlow *flow = mdg_application_get_flow (self->application);
  GSettings *settings = mdg_application_get_settings (self->application);

  if (self->staff_visit == NULL && flow != NULL)
    self->staff_visit = mdg_visit_new (flow);
  return g_object_new (MDG_TYPE_DESK, "store", store, "flow", flow, "settings", settings,
                       "staff-visit", self->staff_visit, NULL);
}

static void
show_desk (MdgWindow *self,
           MdgDesk   *desk)
{
  MdgDesk *old = self->desk;

  self->desk = desk;
  g_signal_connect_object (desk, "locked", G_CALLBACK (desk_locked_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, GTK_WIDGET (desk), NULL);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (desk));
  if (old != NULL)
    gtk_stack_remove (self->stack, GTK_WIDGET (old));
}

static void
unlocked_cb (MdgWindow *self)
{
  MdgDesk *desk = new_desk (self);

  g_object_bind_property (self->application, "language", desk, "language", G_BINDING_SYNC_CREATE);
  show_desk (self, desk);
  gtk_stack_remove (self->stack, GTK_WIDGET (g_steal_pointer (&self->pin_pad)));
}

static void
show_pin_pad (MdgWindow *self)
{
  MdgPinPad *old = self->pin_pad;

  self->pin_pad = mdg_pin_pad_new (mdg_application_get_store (self->application));
  g_object_bind_property (self->application, "language", self->pin_pad, "language",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->pin_pad, "unlocked", G_CALLBACK (unlocked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pin_pad, "cancelled", G_CALLBACK (close_staff), self,
                           G_CONNECT_SWAPPED);
  mdg_idle_watch_set_mode (self->idle_watch, MDG_IDLE_WATCH_OFF);
  reset_view (self); /* the staff see the desk as it is made, not the last visitor's view */
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->pin_pad), NULL);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->pin_pad));
  if (old != NULL)
    gtk_stack_remove (self->stack, GTK_WIDGET (old));
}

static void
open_staff_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgWindow *self = MDG_WINDOW (widget);

  if (self->pin_pad == NULL && self->desk == NULL)
    show_pin_pad (self);
}

static gboolean
logo_held_cb (gpointer data)
{
  MdgWindow *self = data;

  self->logo_press_id = 0;
  gtk_widget_activate_action (GTK_WIDGET (self), "staff.open", NULL);
  return G_SOURCE_REMOVE;
}

static void
logo_pressed_cb (MdgWindow *self)
{
  g_clear_handle_id (&self->logo_press_id, g_source_remove);
  if (mdg_application_get_store (self->application) != NULL)
    self->logo_press_id = g_timeout_add (STAFF_PRESS_MS, logo_held_cb, self);
}

static void
logo_released_cb (MdgWindow *self)
{
  g_clear_handle_id (&self->logo_press_id, g_source_remove);
}

/* A finger that slides away is not a press. */
static void
logo_moved_cb (MdgWindow *self,
               double     offset_x,
               double     offset_y)
{
  if (offset_x * offset_x + offset_y * offset_y > 32 * 32)
    logo_released_cb (self);
}

void
mdg_window_set_language (MdgWindow  *self,
                         const char *language)
{
  g_return_if_fail (MDG_IS_WINDOW (self));
  g_return_if_fail (mdg_i18n_is_supported (language));

  if (g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

/* The application's language changed (gettext already speaks it): the window's own texts follow.
 * The visit, the page, the pad and the desk follow through their own bindings. */
static void
language_changed_cb (MdgWindow      *self,
                     GParamSpec     *pspec,
                     MdgApplication *application)
{
  mdg_translatable_update (self->header);
  mdg_translatable_keep_phrases (self->header);
  mdg_translatable_keep_phrases (GTK_WIDGET (self->idle_dialog));
  update_center_name (self);
  update_print_status (self);
  label_restart_confirm (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "problem") == 0)
    show_problems (self);
}

/* The header's language toggles, from the one table of offered languages. */
static void
add_language_buttons (MdgWindow *self)
{
  guint n = 0;
  const MdgLanguage *languages = mdg_i18n_get_languages (&n);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (languages[i].name);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "visit.language");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", languages[i].id);
      gtk_box_append (self->language_switch, button);
    }
}

static void
restart_action (GtkWidget *widget, const char *name, GVariant *param)
{
  wipe (MDG_WINDOW (widget));
}

/* The footer's Start over only asks; the question's own Start over wipes. */
static void
ask_restart_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgWindow *self = MDG_WINDOW (widget);

  label_restart_confirm (self);
  gtk_widget_set_visible (self->restart_confirm, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->restart_no));
}

/* Continue: the visit goes on where it was, answers, typing and page as they were. */
static void
keep_going_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgWindow *self = MDG_WINDOW (widget);

  gtk_widget_set_visible (self->restart_confirm, FALSE);
  if (current_page (self) != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (current_page (self)));
}

static void
continue_action (GtkWidget *widget, const char *name, GVariant *param)
{
  mdg_idle_watch_resume (MDG_WINDOW (widget)->idle_watch);
}

/* The visitor has left: wipe, and greet the next one in the kiosk's own start language. */
static void
idle_expired_cb (MdgWindow    *self,
                 MdgIdleWatch *watch)
{
  wipe (self);
  mdg_application_reset_language (self->application);
}

/* A button pressed through the accessibility tree sends no input event: a screen reader's user
 * typing on the on-screen keyboard is there all the same. */
static gboolean
button_clicked_hook (GSignalInvocationHint *hint,
                     guint                  n_values,
                     const GValue          *values,
                     gpointer               data)
{
  MdgWindow *self = data;
  GtkWidget *button = g_value_get_object (&values[0]);

  if (gtk_widget_get_root (button) == GTK_ROOT (self))
    mdg_idle_watch_note_activity (self->idle_watch);
  return TRUE;
}

/* Any touch, click, key or scroll anywhere in the window counts as the visitor being there. */
static gboolean
input_cb (MdgWindow                *self,
          GdkEvent                 *event,
          GtkEventControllerLegacy *controller)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_KEY_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_SCROLL:
    case GDK_MOTION_NOTIFY:
      mdg_idle_watch_note_activity (self->idle_watch);
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

/* Once the keyboard is up, the field it types into must not hide behind it. */
static gboolean
keep_field_visible_cb (gpointer user_data)
{
  MdgWindow *self = user_data;
  GtkWidget *field = mdg_keyboard_get_target (self->keyboard);
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double height, margin = 24;

  self->keep_visible_id = 0;
  scrolled = field != NULL ? gtk_widget_get_ancestor (field, GTK_TYPE_SCROLLED_WINDOW) : NULL;
  if (scrolled == NULL || !gtk_widget_compute_bounds (field, scrolled, &bounds))
    return G_SOURCE_REMOVE;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  height = gtk_widget_get_height (scrolled);
  if (bounds.origin.y + bounds.size.height > height - margin)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + bounds.origin.y
                                            + MIN (bounds.size.height, height - 2 * margin)
                                            - height + margin);
  else if (bounds.origin.y < margin)
    gtk_adjustment_set_value (adjustment,
                              gtk_adjustment_get_value (adjustment) + bounds.origin.y - margin);
  return G_SOURCE_REMOVE;
}

static void
keep_field_visible (MdgWindow *self)
{
  g_clear_handle_id (&self->keep_visible_id, g_source_remove);
  self->keep_visible_id = g_idle_add_full (G_PRIORITY_LOW, keep_field_visible_cb, self, NULL);
}

/* Once slid away, the keys leave the accessibility tree too. */
static void
keyboard_revealed_cb (MdgWindow *self)
{
  gboolean revealed = gtk_revealer_get_child_revealed (self->keyboard_revealer);

  gtk_widget_set_visible (GTK_WIDGET (self->keyboard),
                          revealed || gtk_revealer_get_reveal_child (self->keyboard_revealer));
  if (revealed)
    keep_field_visible (self);
}

/* Nobody is using the kiosk: the welcome page, no answer given, no question or staff page open. */
static gboolean
quiet (MdgWindow *self)
{
  if (self->visit == NULL || self->pin_pad != NULL || self->desk != NULL
      || gtk_widget_get_visible (self->restart_confirm)
      || mdg_step_get_kind (mdg_visit_get_step (self->visit)) != MDG_STEP_WELCOME)
    return FALSE;
  return mdg_visit_is_untouched (self->visit);
}

/* Whatever outside our code may still grow over months is given back once a day, at the quiet
 * hour, and only between visitors. */
static gboolean
restart_tick_cb (gpointer user_data)
{
  MdgWindow *self = user_data;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  if (quiet (self) && mdg_restart_time_due (self->started, now, self->restart_at))
    {
      self->restart_tick_id = 0;
      mdg_application_restart (self->application);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
restart_time_changed_cb (MdgWindow *self)
{
  self->restart_at = mdg_restart_time_get (mdg_application_get_settings (self->application));
  g_clear_handle_id (&self->restart_tick_id, g_source_remove);
  if (self->restart_at >= 0)
    self->restart_tick_id = g_timeout_add_seconds (1, restart_tick_cb, self);
}

/* The type scale and control sizes follow the window: full at 1080 lines, smaller on a short
 * screen (768 lines), narrower on a 1024- or 1080-wide one (style.css: window.screen-*). */
static const char *
screen_class_for (int width,
                  int height)
{
  if (height < 900)
    return "screen-short";
  if (width < 1200)
    return "screen-narrow";
  return NULL;
}

/* The height the pages have: the docked keyboard, while up, takes its share. */
static const char *
screen_class_of (MdgWindow *self,
                 int        width,
                 int        height)
{
  return screen_class_for (width, height
                                    - gtk_widget_get_height (GTK_WIDGET (self->keyboard_revealer)));
}

static void
set_screen_class (MdgWindow  *self,
                  const char *wanted)
{
  if (g_strcmp0 (wanted, self->screen_class) == 0)
    return;
  if (self->screen_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self), self->screen_class);
  self->screen_class = wanted;
  if (wanted != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), wanted);
}

static gboolean
apply_screen_class_cb (gpointer user_data)
{
  MdgWindow *self = user_data;

  self->screen_class_id = 0;
  set_screen_class (self, screen_class_of (self, gtk_widget_get_width (GTK_WIDGET (self)),
                                           gtk_widget_get_height (GTK_WIDGET (self))));
  return G_SOURCE_REMOVE;
}

/* The first layout is made at the size the window is about to get (the monitor's, fullscreen;
 * else its default size), so the first frame is not laid out twice. */
static void
guess_screen_class (MdgWindow *self)
{
  GdkRectangle geometry = { 0 };

  if (gtk_window_is_fullscreen (GTK_WINDOW (self)))
    {
      GdkMonitor *monitor
        = gdk_display_get_monitor_at_surface (gtk_widget_get_display (GTK_WIDGET (self)),
                                              gtk_native_get_surface (GTK_NATIVE (self)));

      if (monitor != NULL)
        gdk_monitor_get_geometry (monitor, &geometry);
    }
  else
    gtk_window_get_default_size (GTK_WINDOW (self), &geometry.width, &geometry.height);
  if (geometry.width > 0 && geometry.height > 0)
    set_screen_class (self, screen_class_for (geometry.width, geometry.height));
}

/* A class changed inside an allocation would restyle mid-layout: change it just after. */
static void
mdg_window_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  MdgWindow *self = MDG_WINDOW (widget);

  GTK_WIDGET_CLASS (mdg_window_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->screen_class_id == 0
      && g_strcmp0 (screen_class_of (self, width, height), self->screen_class) != 0)
    self->screen_class_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_screen_class_cb, self,
                                             NULL);
}

/* The keys and the kana converter wait until the welcome page is on screen; a field focused
 * before then has them made at once. */
static void
prepare_typing (MdgWindow *self)
{
  g_autoptr (MdgConverter) converter = NULL;
  g_autoptr (GError) error = NULL;

  g_clear_handle_id (&self->typing_id, g_source_remove);
  if (self->typing_ready)
    return;
  self->typing_ready = TRUE;
  mdg_keyboard_build_keys (self->keyboard);
  converter = mdg_converter_new (&error);
  if (converter == NULL)
    g_warning ("The keyboard types kana without conversion: %s", error->message);
  mdg_keyboard_set_converter (self->keyboard, converter);
}

static gboolean
prepare_typing_cb (gpointer user_data)
{
  MdgWindow *self = user_data;

  self->typing_id = 0;
  prepare_typing (self);
  return G_SOURCE_REMOVE;
}

static void
painted_once_cb (GdkFrameClock *clock,
                 MdgWindow     *self)
{
  g_signal_handlers_disconnect_by_func (clock, painted_once_cb, self);
  if (self->deck != NULL)
    mdg_page_deck_build_ahead (self->deck);
  if (!self->typing_ready && self->typing_id == 0)
    self->typing_id = g_idle_add_full (G_PRIORITY_LOW, prepare_typing_cb, self, NULL);
}

static void
realize_cb (MdgWindow *self)
{
  guess_screen_class (self);
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (painted_once_cb), self, 0);
}

/* The keyboard follows the focus: up for a text field on a visitor page or the desk (the PIN pad
 * has its own keys), away otherwise. */
static void
focus_changed_cb (MdgWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean typing = focus != NULL && mdg_keyboard_field_accepts (focus)
                    && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->stack))
                    && gtk_widget_get_ancestor (focus, MDG_TYPE_PIN_PAD) == NULL;

  if (typing)
    prepare_typing (self);
  mdg_keyboard_set_target (self->keyboard, typing ? focus : NULL);
  if (typing)
    gtk_widget_set_visible (GTK_WIDGET (self->keyboard), TRUE);
  gtk_revealer_set_reveal_child (self->keyboard_revealer, typing);
  if (typing && gtk_revealer_get_child_revealed (self->keyboard_revealer))
    keep_field_visible (self);
}

/* Send: the visit's answers, copied once, become an inquiry with its number, token and
 * follow-up address; the done page and the slip both show that inquiry. The number appears
 * only once the transaction has committed. */
static void
send_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgWindow *self = MDG_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgAnswers) answers = NULL;
  MdgInquiry *inquiry;

  if (mdg_step_get_kind (mdg_visit_get_step (self->visit)) != MDG_STEP_REVIEW)
    return; /* a second tap after the first has already sent */
  answers = mdg_visit_snapshot (self->visit);
  inquiry = mdg_store_record_answers (mdg_application_get_store (self->application), answers,
                                      &error);
  if (inquiry == NULL)
    {
      g_warning ("Inquiry not saved: %s", error->message);
      mdg_page_show_error (current_page (self),
                           _("Your answers could not be saved. Please ask the staff at the desk; "
                             "your answers are still here."));
      return;
    }
  g_clear_object (&self->inquiry);
  self->inquiry = inquiry;
  drop_printer (self);
  self->printer = mdg_slip_printer_new (mdg_application_get_store (self->application),
                                        mdg_application_get_flow (self->application),
                                        mdg_application_get_settings (self->application), inquiry);
  g_signal_connect_object (self->printer, "notify::status", G_CALLBACK (print_status_cb), self,
                           G_CONNECT_SWAPPED);
  mdg_visit_finish (self->visit);
  guard_finish (self);
  /* Printing never holds up the done page: the printer reports back through notify::status. */
  self->print_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (self->print_clock == NULL)
    {
      mdg_slip_printer_start (self->printer);
      return;
    }
  g_object_ref (self->print_clock);
  self->print_paint_id = g_signal_connect_swapped (self->print_clock, "after-paint",
                                                   G_CALLBACK (start_printing), self);
}

static void
mdg_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdgWindow *self = MDG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_LARGE_TEXT:
      g_value_set_boolean (value, self->large_text);
      break;
    case PROP_HIGH_CONTRAST:
      g_value_set_boolean (value, self->high_contrast);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  MdgWindow *self = MDG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      mdg_window_set_language (self, g_value_get_string (value));
      break;
    case PROP_LARGE_TEXT:
      set_view_flag (self, &self->large_text, g_value_get_boolean (value), "large-text",
                     PROP_LARGE_TEXT);
      break;
    case PROP_HIGH_CONTRAST:
      set_view_flag (self, &self->high_contrast, g_value_get_boolean (value), "high-contrast",
                     PROP_HIGH_CONTRAST);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_window_dispose (GObject *object)
{
  MdgWindow *self = MDG_WINDOW (object);

  if (self->visit != NULL)
    g_signal_handlers_disconnect_by_data (self->visit, self);
  g_clear_object (&self->visit);
  g_clear_object (&self->inquiry);
  g_clear_object (&self->staff_visit);
  g_clear_handle_id (&self->logo_press_id, g_source_remove);
  g_clear_handle_id (&self->finish_guard_id, g_source_remove);
  g_clear_handle_id (&self->keep_visible_id, g_source_remove);
  if (self->clicked_hook_id != 0)
    {
      g_signal_remove_emission_hook (g_signal_lookup ("clicked", GTK_TYPE_BUTTON),
                                     self->clicked_hook_id);
      self->clicked_hook_id = 0;
    }
  g_clear_handle_id (&self->screen_class_id, g_source_remove);
  g_clear_handle_id (&self->typing_id, g_source_remove);
  g_clear_handle_id (&self->restart_tick_id, g_source_remove);
  g_clear_pointer (&self->started, g_date_time_unref);
  drop_printer (self);
  if (self->idle_watch != NULL)
    g_signal_handlers_disconnect_by_data (self->idle_watch, self);
  g_clear_object (&self->idle_watch);
  g_clear_object (&self->a11y_settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_WINDOW);
  G_OBJECT_CLASS (mdg_window_parent_class)->dispose (object);
}

static void
mdg_window_finalize (GObject *object)
{
  MdgWindow *self = MDG_WINDOW (object);

  g_free (self->language);
  G_OBJECT_CLASS (mdg_window_parent_class)->finalize (object);
}

static void
mdg_window_class_init (MdgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_window_dispose;
  object_class->finalize = mdg_window_finalize;
  object_class->get_property = mdg_window_get_property;
  object_class->set_property = mdg_window_set_property;
  widget_class->size_allocate = mdg_window_size_allocate;

  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, "ja",
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                     | G_PARAM_STATIC_STRINGS);
  properties[PROP_LARGE_TEXT] = g_param_spec_boolean ("large-text", NULL, NULL, FALSE,
                                                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                        | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIGH_CONTRAST] = g_param_spec_boolean ("high-contrast", NULL, NULL, FALSE,
                                                         G_PARAM_READWRITE
                                                           | G_PARAM_EXPLICIT_NOTIFY
                                                           | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MDG_TYPE_IDLE_DIALOG);
  g_type_ensure (MDG_TYPE_KEYBOARD);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/mdg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, header);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, language_switch);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, center_label);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, page_box);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, problem_title);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, problem_help);
  gtk_widget_class_bind_template_callback (widget_class, logo_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, logo_released_cb);
  gtk_widget_class_bind_template_callback (widget_class, logo_moved_cb);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, idle_dialog);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, keyboard_revealer);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, keyboard);
  gtk_widget_class_bind_template_callback (widget_class, keyboard_revealed_cb);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, restart_confirm);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, restart_question);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, restart_yes);
  gtk_widget_class_bind_template_child (widget_class, MdgWindow, restart_no);

  gtk_widget_class_install_property_action (widget_class, "visit.language", "language");
  gtk_widget_class_install_property_action (widget_class, "visit.large-text", "large-text");
  gtk_widget_class_install_property_action (widget_class, "visit.high-contrast", "high-contrast");
  mdg_visit_actions_install (widget_class, G_STRUCT_OFFSET (MdgWindow, visit),
                             G_STRUCT_OFFSET (MdgWindow, deck));
  gtk_widget_class_install_action (widget_class, "visit.restart", NULL, restart_action);
  gtk_widget_class_install_action (widget_class, "visit.ask-restart", NULL, ask_restart_action);
  gtk_widget_class_install_action (widget_class, "visit.keep-going", NULL, keep_going_action);
  gtk_widget_class_install_action (widget_class, "visit.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "staff.open", NULL, open_staff_action);
  gtk_widget_class_install_action (widget_class, "idle.continue", NULL, continue_action);
}

/* MADOGUCHI_EXIT_AFTER_FIRST_FRAME=1: quit once the first frame is painted, so a benchmark can
 * time start to first frame from outside. */
static void
first_frame_painted_cb (GdkFrameClock *clock,
                        MdgWindow     *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted_cb, self);
  g_application_quit (G_APPLICATION (self->application));
}

static void
realize_for_first_frame_cb (MdgWindow *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (first_frame_painted_cb), self, 0);
}

static void
mdg_window_init (MdgWindow *self)
{
  GtkEventController *input = gtk_event_controller_legacy_new ();

  self->language = g_strdup ("ja");
  self->started = g_date_time_new_now_local ();
  gtk_widget_init_template (GTK_WIDGET (self));
  mdg_translatable_adopt (self->header);
  add_language_buttons (self);
  label_restart_confirm (self);
  watch_session_contrast (self);
  reset_view (self);

  self->idle_watch = mdg_idle_watch_new ();
  self->clicked_hook_id = g_signal_add_emission_hook (g_signal_lookup ("clicked", GTK_TYPE_BUTTON),
                                                      0, button_clicked_hook, self, NULL);
  g_object_bind_property (self->idle_watch, "warning", self->idle_dialog, "visible",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->idle_watch, "remaining", self->idle_dialog, "remaining",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->idle_watch, "expired", G_CALLBACK (idle_expired_cb), self,
                           G_CONNECT_SWAPPED);

  /* Capture phase: the window hears every input before the widget it is meant for. */
  gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
  g_signal_connect_object (input, "event", G_CALLBACK (input_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), input);

  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (focus_changed_cb), NULL);
  g_signal_connect (self, "realize", G_CALLBACK (realize_cb), NULL);

  if (g_strcmp0 (g_getenv ("MADOGUCHI_EXIT_AFTER_FIRST_FRAME"), "1") == 0)
    g_signal_connect (self, "realize", G_CALLBACK (realize_for_first_frame_cb), NULL);
}

MdgWindow *
mdg_window_new (MdgApplication *application)
{
  MdgWindow *self;
  MdgFlow *flow;

  g_return_val_if_fail (MDG_IS_APPLICATION (application), NULL);

  self = g_object_new (MDG_TYPE_WINDOW, "application", application, NULL);
  self->application = application;
  /* The application owns the language; the window's follows it and sets it from the header. */
  g_object_bind_property (application, "language", self, "language",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (application, "notify::language", G_CALLBACK (language_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property (application, "language", self->keyboard, "language",
                          G_BINDING_SYNC_CREATE);
  update_center_name (self);
  g_settings_bind (mdg_application_get_settings (application), "idle-seconds", self->idle_watch,
                   "idle-seconds", G_SETTINGS_BIND_GET);
  g_settings_bind (mdg_application_get_settings (application), "idle-warning-seconds",
                   self->idle_watch, "warning-seconds", G_SETTINGS_BIND_GET);
  g_settings_bind (mdg_application_get_settings (application), "done-seconds", self->idle_watch,
                   "done-seconds", G_SETTINGS_BIND_GET);
  g_signal_connect_object (mdg_application_get_settings (application), "changed::restart-time",
                           G_CALLBACK (restart_time_changed_cb), self, G_CONNECT_SWAPPED);
  restart_time_changed_cb (self);

  flow = mdg_application_get_flow (application);
  if (flow != NULL)
    {
      self->visit = mdg_visit_new (flow);
      g_object_bind_property (application, "language", self->visit, "language",
                              G_BINDING_SYNC_CREATE);
      g_signal_connect_object (self->visit, "notify::step", G_CALLBACK (step_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->visit, "changed", G_CALLBACK (visit_changed_cb), self,
                               G_CONNECT_SWAPPED);
      self->deck = mdg_page_deck_new (self->visit, mdg_application_get_settings (application));
      gtk_widget_set_vexpand (GTK_WIDGET (self->deck), TRUE);
      gtk_box_append (self->page_box, GTK_WIDGET (self->deck));
    }
  /* The background check found damage: show_step now shows the staff's problem page. */
  g_signal_connect_object (application, "store-failed", G_CALLBACK (show_step), self,
                           G_CONNECT_SWAPPED);
  show_step (self);
  mdg_translatable_keep_phrases (GTK_WIDGET (self->idle_dialog));
  return self;
}

MdgVisit *
mdg_window_get_visit (MdgWindow *self)
{
  g_return_val_if_fail (MDG_IS_WINDOW (self), NULL);
  return self->visit;
}

/* The last visitor's slip on its way to the printer, or NULL. */
MdgSlipPrinter *
mdg_window_get_slip_printer (MdgWindow *self)
{
  g_return_val_if_fail (MDG_IS_WINDOW (self), NULL);
  return self->printer;
}

MdgIdleWatch *
mdg_window_get_idle_watch (MdgWindow *self)
{
  g_return_val_if_fail (MDG_IS_WINDOW (self), NULL);
  return self->idle_watch;
}
