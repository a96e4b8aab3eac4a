/* mdg-staff-entry.c: an inquiry that staff type for a visitor at the counter, a caller or an
 * e-mail (代理入力): the kiosk's pages on the desk, with the channel and who typed it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-i18n.h"
#include "mdg-inquiry.h"
#include "mdg-number.h"
#include "mdg-page-deck.h"
#include "mdg-slip-printer.h"
#include "mdg-staff-entry.h"
#include "mdg-translatable.h"
#include "mdg-visit-actions.h"

struct _MdgStaffEntry
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkWidget *setup_bar;
  GtkBox *coordinator_box;
  GtkEntry *entered_by_entry;
  GtkLabel *done_note;
  GtkWidget *print_button;
  GtkWidget *discard_confirm;
  GtkWidget *discard_no;
  GtkBox *page_box;

  /* owned references */
  MdgStore *store;
  GSettings *settings;
  MdgVisit *visit;         /* kept by whoever outlives the desk, so a lock loses nothing */
  MdgPageDeck *deck;       /* the visit's pages, in page_box */
  MdgInquiry *inquiry;     /* the one just sent, which the done page shows */
  MdgSlipPrinter *printer; /* its slip, when staff asked for one */
  char *language;
};

G_DEFINE_FINAL_TYPE (MdgStaffEntry, mdg_staff_entry, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_STORE, PROP_SETTINGS, PROP_VISIT, PROP_LANGUAGE, PROP_CHANNEL, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
channel_of (MdgStaffEntry *self)
{
  const char *channel = mdg_visit_get_channel (self->visit);

  return channel != NULL ? channel : MDG_CHANNEL_COUNTER;
}

static gboolean
at_step (MdgStaffEntry *self,
         MdgStepKind    kind)
{
  return mdg_step_get_kind (mdg_visit_get_step (self->visit)) == kind;
}

static void
update_actions (MdgStaffEntry *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean done = at_step (self, MDG_STEP_DONE);

  /* The first question has nothing before it: the welcome page is the visitor's, not staff's. */
  gtk_widget_action_set_enabled (widget, "visit.back",
                                 !done && mdg_visit_get_position (self->visit, NULL) > 1);
  gtk_widget_action_set_enabled (widget, "visit.next",
                                 mdg_visit_can_advance (self->visit) || at_step (self, MDG_STEP_CONTACT));
  gtk_widget_action_set_enabled (widget, "entry.print", done && self->inquiry != NULL);
  gtk_widget_set_sensitive (self->setup_bar, !done);
}

/* What staff do with the number: hand over the slip, read it out, or write it in the reply. */
static void
label_done_note (MdgStaffEntry *self)
{
  g_autofree char *text = NULL;
  const char *number;

  if (self->inquiry == NULL)
    return;
  number = mdg_inquiry_get_number (self->inquiry);
  if (g_str_equal (channel_of (self), MDG_CHANNEL_PHONE))
    text = g_strdup_printf (_("Read the number out to the caller: %s (the desk calls it %s)."),
                            number, mdg_number_call_part (number));
  else if (g_str_equal (channel_of (self), MDG_CHANNEL_EMAIL))
    text = g_strdup_printf (_("Write the number %s and the follow-up address in the reply."),
                            number);
  else
    text = g_strdup_printf (_("Print the slip and hand it to the visitor: number %s."), number);
  gtk_label_set_label (self->done_note, text);
}

static MdgPage *
current_page (MdgStaffEntry *self)
{
  return self->deck != NULL ? mdg_page_deck_get_page (self->deck) : NULL;
}

static void
update_print_status (MdgStaffEntry *self)
{
  if (current_page (self) == NULL || self->printer == NULL || !at_step (self, MDG_STEP_DONE))
    return;
  mdg_page_set_print_status (current_page (self),
                             mdg_slip_printer_get_message (self->printer, TRUE),
                             mdg_slip_printer_get_status (self->printer) == MDG_SLIP_STATUS_FAILED);
}

static void
show_step (MdgStaffEntry *self)
{
  gboolean done = at_step (self, MDG_STEP_DONE);

  /* Staff start at the first question: the welcome is for a visitor at the screen. */
  if (at_step (self, MDG_STEP_WELCOME))
    {
      mdg_visit_advance (self->visit);
      return;
    }
  mdg_page_deck_show_step (self->deck, self->inquiry);
  gtk_widget_set_visible (GTK_WIDGET (self->done_note), done);
  gtk_widget_set_visible (self->print_button, done);
  gtk_widget_set_visible (self->discard_confirm, FALSE);
  label_done_note (self);
  update_print_status (self);
  update_actions (self);
}

static void
step_changed_cb (MdgStaffEntry *self)
{
  show_step (self);
}

static void
drop_printer (MdgStaffEntry *self)
{
  if (self->printer != NULL)
    g_signal_handlers_disconnect_by_data (self->printer, self);
  g_clear_object (&self->printer); /* a job under way finishes on its own */
}

/* Everything typed for this inquiry goes; the channel and who typed stay for the next one. */
static void
wipe (MdgStaffEntry *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));

  drop_printer (self);
  g_clear_object (&self->inquiry);
  gdk_clipboard_set_text (gdk_display_get_clipboard (display), "");
  mdg_visit_reset (self->visit);
}

/* Finish on the done page: back to the day's list, which already shows the new inquiry.
 * Discard (after asking): a fresh entry. */
static void
restart_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgStaffEntry *self = MDG_STAFF_ENTRY (widget);
  gboolean finished = at_step (self, MDG_STEP_DONE);

  wipe (self);
  if (finished)
    g_signal_emit (self, signals[FINISHED], 0);
}

static void
ask_restart_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgStaffEntry *self = MDG_STAFF_ENTRY (widget);

  gtk_widget_set_visible (self->discard_confirm, TRUE);
  gtk_widget_grab_focus (self->discard_no);
}

static void
keep_going_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgStaffEntry *self = MDG_STAFF_ENTRY (widget);

  gtk_widget_set_visible (self->discard_confirm, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (current_page (self)));
}

static void
coordinator_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgStaffEntry *self = MDG_STAFF_ENTRY (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->entered_by_entry), g_variant_get_string (param, NULL));
}

/* Send: the same snapshot and store as the kiosk's, with how it came in and who typed it. */
static void
send_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgStaffEntry *self = MDG_STAFF_ENTRY (widget);
  g_autofree char *by = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entered_by_entry))));
  g_autoptr (MdgAnswers) answers = NULL;
  g_autoptr (GError) error = NULL;
  MdgInquiry *inquiry;

  if (!at_step (self, MDG_STEP_REVIEW))
    return; /* a second tap after the first has already sent */
  if (*by == '\0')
    {
      mdg_page_show_error (current_page (self), _("Choose or type who is entering this inquiry (at the "
                                         "top), then send."));
      gtk_widget_grab_focus (GTK_WIDGET (self->entered_by_entry));
      return;
    }
  mdg_visit_set_taken_by (self->visit, channel_of (self), by);
  answers = mdg_visit_snapshot (self->visit);
  inquiry = mdg_store_record_answers (self->store, answers, &error);
  if (inquiry == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The inquiry was not saved: %s. What was typed "
                                                 "is still here."), error->message);

      mdg_page_show_error (current_page (self), text);
      return;
    }
  g_clear_object (&self->inquiry);
  self->inquiry = inquiry;
  drop_printer (self);
  mdg_visit_finish (self->visit);
}

static void
print_status_cb (MdgStaffEntry *self)
{
  update_print_status (self);
}

/* The slip only on request: a caller or an e-mail has no one to hand it to. */
static void
print_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgStaffEntry *self = MDG_STAFF_ENTRY (widget);

  if (self->inquiry == NULL || (self->printer != NULL && mdg_slip_printer_is_busy (self->printer)))
    return;
  drop_printer (self);
  self->printer = mdg_slip_printer_new (self->store, mdg_visit_get_flow (self->visit), self->settings,
                                        self->inquiry);
  g_signal_connect_object (self->printer, "notify::status", G_CALLBACK (print_status_cb), self,
                           G_CONNECT_SWAPPED);
  mdg_slip_printer_start (self->printer);
  update_print_status (self);
}

/* One button per coordinator in the settings; a name not among them is typed. */
static void
add_coordinator_buttons (MdgStaffEntry *self)
{
  g_auto (GStrv) names = g_settings_get_strv (self->settings, "coordinators");

  for (guint i = 0; names[i] != NULL; i++)
    {
      GtkWidget *button;

      if (*g_strstrip (names[i]) == '\0')
        continue;
      button = gtk_button_new_with_label (names[i]);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "entry.coordinator");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", names[i]);
      gtk_box_append (self->coordinator_box, button);
    }
}

static void
set_channel (MdgStaffEntry *self,
             const char    *channel)
{
  if (!mdg_inquiry_channel_is_known (channel) || g_str_equal (channel, MDG_CHANNEL_KIOSK)
      || g_strcmp0 (mdg_visit_get_channel (self->visit), channel) == 0)
    return;
  mdg_visit_set_taken_by (self->visit, channel, mdg_visit_get_entered_by (self->visit));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

/* Who types is kept on the visit as it is typed, so a lock keeps it too. */
static void
entered_by_changed_cb (MdgStaffEntry *self)
{
  mdg_visit_set_taken_by (self->visit, channel_of (self),
                          gtk_editable_get_text (GTK_EDITABLE (self->entered_by_entry)));
}

static void
set_language (MdgStaffEntry *self,
              const char    *language)
{
  if (!mdg_i18n_is_supported (language) || g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  mdg_translatable_update (GTK_WIDGET (self));
  label_done_note (self);
  update_print_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

static void
mdg_staff_entry_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdgStaffEntry *self = MDG_STAFF_ENTRY (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_CHANNEL:
      g_value_set_string (value, channel_of (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_staff_entry_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  MdgStaffEntry *self = MDG_STAFF_ENTRY (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_VISIT:
      self->visit = g_value_dup_object (value);
      break;
    case PROP_LANGUAGE:
      set_language (self, g_value_get_string (value));
      break;
    case PROP_CHANNEL:
      set_channel (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_staff_entry_constructed (GObject *object)
{
  MdgStaffEntry *self = MDG_STAFF_ENTRY (object);

  G_OBJECT_CLASS (mdg_staff_entry_parent_class)->constructed (object);
  g_assert (MDG_IS_STORE (self->store) && MDG_IS_VISIT (self->visit) && G_IS_SETTINGS (self->settings));

  add_coordinator_buttons (self);
  if (mdg_visit_get_channel (self->visit) == NULL)
    mdg_visit_set_taken_by (self->visit, MDG_CHANNEL_COUNTER, NULL);
  if (mdg_visit_get_entered_by (self->visit) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->entered_by_entry),
                           mdg_visit_get_entered_by (self->visit));
  g_signal_connect_object (self->entered_by_entry, "changed", G_CALLBACK (entered_by_changed_cb),
                           self, G_CONNECT_SWAPPED);
  /* Locked on the done page: that number is in the day's list; a fresh entry starts. */
  if (at_step (self, MDG_STEP_DONE))
    mdg_visit_reset (self->visit);
  g_object_bind_property (self, "language", self->visit, "language", G_BINDING_SYNC_CREATE);
  self->deck = mdg_page_deck_new (self->visit, self->settings);
  gtk_widget_set_vexpand (GTK_WIDGET (self->deck), TRUE);
  gtk_box_append (self->page_box, GTK_WIDGET (self->deck));
  g_signal_connect_object (self->visit, "notify::step", G_CALLBACK (step_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->visit, "changed", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  show_step (self);
}

static void
mdg_staff_entry_dispose (GObject *object)
{
  MdgStaffEntry *self = MDG_STAFF_ENTRY (object);
  GtkWidget *child;

  drop_printer (self);
  if (self->visit != NULL)
    g_signal_handlers_disconnect_by_data (self->visit, self);
  g_clear_object (&self->visit);
  g_clear_object (&self->inquiry);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_STAFF_ENTRY);
  /* The template's outer box is not bound to a field, so unparent what is left by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (mdg_staff_entry_parent_class)->dispose (object);
}

static void
mdg_staff_entry_finalize (GObject *object)
{
  MdgStaffEntry *self = MDG_STAFF_ENTRY (object);

  g_free (self->language);
  G_OBJECT_CLASS (mdg_staff_entry_parent_class)->finalize (object);
}

static void
mdg_staff_entry_class_init (MdgStaffEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mdg_staff_entry_constructed;
  object_class->dispose = mdg_staff_entry_dispose;
  object_class->finalize = mdg_staff_entry_finalize;
  object_class->get_property = mdg_staff_entry_get_property;
  object_class->set_property = mdg_staff_entry_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, MDG_TYPE_STORE,
                                                G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY
                                                  | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIT] = g_param_spec_object ("visit", NULL, NULL, MDG_TYPE_VISIT,
                                                G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY
                                                  | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                                                   G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY
                                                     | G_PARAM_STATIC_STRINGS);
  /* The staff's language, which the visit follows and the inquiry records. */
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                     | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHANNEL] = g_param_spec_string ("channel", NULL, NULL, MDG_CHANNEL_COUNTER,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                    | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Finish on the done page: the desk shows the day's list again. */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mdg-staff-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgStaffEntry, setup_bar);
  gtk_widget_class_bind_template_child (widget_class, MdgStaffEntry, coordinator_box);
  gtk_widget_class_bind_template_child (widget_class, MdgStaffEntry, entered_by_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgStaffEntry, done_note);
  gtk_widget_class_bind_template_child (widget_class, MdgStaffEntry, print_button);
  gtk_widget_class_bind_template_child (widget_class, MdgStaffEntry, discard_confirm);
  gtk_widget_class_bind_template_child (widget_class, MdgStaffEntry, discard_no);
  gtk_widget_class_bind_template_child (widget_class, MdgStaffEntry, page_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /* The page's buttons name visit.* actions: here they act on this entry, not the kiosk's. */
  mdg_visit_actions_install (widget_class, G_STRUCT_OFFSET (MdgStaffEntry, visit),
                             G_STRUCT_OFFSET (MdgStaffEntry, deck));
  gtk_widget_class_install_action (widget_class, "visit.restart", NULL, restart_action);
  gtk_widget_class_install_action (widget_class, "visit.ask-restart", NULL, ask_restart_action);
  gtk_widget_class_install_action (widget_class, "visit.keep-going", NULL, keep_going_action);
  gtk_widget_class_install_action (widget_class, "visit.send", NULL, send_action);
  gtk_widget_class_install_property_action (widget_class, "entry.channel", "channel");
  gtk_widget_class_install_action (widget_class, "entry.coordinator", "s", coordinator_action);
  gtk_widget_class_install_action (widget_class, "entry.print", NULL, print_action);
}

static void
mdg_staff_entry_init (MdgStaffEntry *self)
{
  self->language = g_strdup (mdg_i18n_get_language ());
  gtk_widget_init_template (GTK_WIDGET (self));
  mdg_translatable_adopt (GTK_WIDGET (self));
}

/* The entry shows and changes `visit`, which its owner keeps across the desk's locks. */
MdgStaffEntry *
mdg_staff_entry_new (MdgStore  *store,
                     GSettings *settings,
                     MdgVisit  *visit)
{
  g_return_val_if_fail (MDG_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (MDG_IS_VISIT (visit), NULL);

  return g_object_new (MDG_TYPE_STAFF_ENTRY, "store", store, "settings", settings, "visit", visit,
                       NULL);
}

MdgVisit *
mdg_staff_entry_get_visit (MdgStaffEntry *self)
{
  g_return_val_if_fail (MDG_IS_STAFF_ENTRY (self), NULL);
  return self->visit;
}

/* Something typed into visit and not yet sent: the desk offers it again after a lock. Asked of
 * the visit, so that a desk need not build an entry to know. */
gboolean
mdg_staff_entry_visit_in_progress (MdgVisit *visit)
{
  MdgStep *step;
  const GPtrArray *first;

  g_return_val_if_fail (MDG_IS_VISIT (visit), FALSE);

  step = mdg_visit_get_step (visit);
  if (mdg_step_get_kind (step) == MDG_STEP_DONE)
    return FALSE;
  first = mdg_visit_get_answer (visit, mdg_step_get_id (step));
  return mdg_visit_get_position (visit, NULL) > 1 || (first != NULL && first->len > 0);
}

gboolean
mdg_staff_entry_in_progress (MdgStaffEntry *self)
{
  g_return_val_if_fail (MDG_IS_STAFF_ENTRY (self), FALSE);
  return mdg_staff_entry_visit_in_progress (self->visit);
}
