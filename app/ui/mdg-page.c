/* mdg-page.c: one page class for every step; the step's kind decides which parts show. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-followup.h"
#include "mdg-page.h"
#include "mdg-qr-paintable.h"
#include "mdg-settings.h"
#include "mdg-number.h"
#include "mdg-translatable.h"

struct _MdgPage
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkWidget *progress_box;
  GtkProgressBar *progress;
  GtkLabel *progress_label;
  GtkWidget *content;
  GtkLabel *question;
  GtkLabel *choose_hint;
  GtkWidget *welcome_intro;
  GtkWidget *info_card;
  GtkLabel *info_title;
  GtkBox *info_paras;
  GtkFlowBox *choices;
  GtkLabel *limit_label;
  GtkWidget *text_box;
  GtkTextView *text_view;
  GtkLabel *counter;
  GtkWidget *contact_box;
  GtkLabel *contact_notice;
  GtkToggleButton *consent;
  GtkEntry *name_entry;
  GtkEntry *phone_entry;
  GtkEntry *email_entry;
  GtkEntry *time_entry;
  GtkWidget *reading_label;
  GtkEntry *reading_entry;
  GtkLabel *phone_error;
  GtkLabel *email_error;
  GtkLabel *contact_error;
  GtkLabel *consent_error;
  GtkListBox *review_list;
  GtkWidget *done_box;
  GtkLabel *call_number;
  GtkLabel *full_number;
  GtkLabel *next_step;
  GtkLabel *print_status;
  GtkPicture *qr_picture;
  GtkLabel *qr_unavailable;
  GtkLabel *qr_hint;
  GtkLabel *error_label;
  GtkButton *start_button;
  GtkWidget *nav;
  GtkWidget *back_button;
  GtkWidget *restart_button;
  GtkLabel *next_reason;
  GtkButton *next_button;

  /* the visitor has tapped Next on a contact page that cannot be passed yet */
  gboolean next_tried;

  /* owned references */
  MdgVisit *visit;
  GSettings *settings;
  MdgInquiry *inquiry;
};

G_DEFINE_FINAL_TYPE (MdgPage, mdg_page, GTK_TYPE_WIDGET)

static GtkWidget *
create_choice_cb (gpointer item,
                  gpointer user_data)
{
  MdgPage *self = user_data;
  MdgChoice *choice = item;
  MdgStep *step = mdg_visit_get_step (self->visit);
  GtkWidget *button;
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  if (mdg_step_get_kind (step) == MDG_STEP_MULTI)
    {
      button = gtk_toggle_button_new ();
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "visit.toggle");
    }
  else
    {
      button = gtk_button_new ();
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "visit.choose");
    }
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", mdg_choice_get_id (choice));
  gtk_widget_add_css_class (button, "choice");
  g_object_set_data_full (G_OBJECT (button), "choice-id", g_strdup (mdg_choice_get_id (choice)),
                          g_free);
  return button;
}

/* The choices' labels in the current language, on the buttons already there. */
static void
label_choices (MdgPage *self,
               MdgStep *step)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->choices)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      MdgChoice *choice = mdg_step_lookup_choice (step, g_object_get_data (G_OBJECT (button),
                                                                          "choice-id"));
      const char *label = mdg_choice_get_label (choice);

      gtk_label_set_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), label);
      /* The accessible name is the visible label, so a screen reader reads what the eye sees. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }
  /* The group of choices is read out as the question it answers. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->choices), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  mdg_step_get_question (step), -1);
}

/* At the maximum, say so gently before a fourth tap seems to do nothing. */
static void
update_limit (MdgPage *self,
              MdgStep *step)
{
  const GPtrArray *answer = mdg_visit_get_answer (self->visit, mdg_step_get_id (step));
  guint max = mdg_step_get_max (step);
  g_autofree char *hint = NULL;

  if (max == 0 || answer == NULL || answer->len < max)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->limit_label), FALSE);
      return;
    }
  hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "You can choose up to %u. To choose another, tap a chosen "
                                       "one to remove it first.",
                                       "You can choose up to %u. To choose another, tap a chosen "
                                       "one to remove it first.",
                                       max),
                          max);
  gtk_label_set_label (self->limit_label, hint);
  gtk_widget_set_visible (GTK_WIDGET (self->limit_label), TRUE);
}

static void
sync_toggles (MdgPage *self)
{
  MdgStep *step = mdg_visit_get_step (self->visit);
  MdgStepKind kind = mdg_step_get_kind (step);

  if (kind != MDG_STEP_MULTI && kind != MDG_STEP_SINGLE)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->choices)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      const char *id = g_object_get_data (G_OBJECT (button), "choice-id");
      gboolean chosen = mdg_visit_has_choice (self->visit, mdg_step_get_id (step), id);

      /* A single-choice page shown again (Back, Change) marks the answer already given. */
      if (kind == MDG_STEP_MULTI)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), chosen);
      else if (chosen)
        gtk_widget_add_css_class (button, "chosen");
      else
        gtk_widget_remove_css_class (button, "chosen");
      gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED, chosen,
                                   -1);
    }
  if (kind == MDG_STEP_MULTI)
    update_limit (self, step);
}

static void
update_counter (MdgPage *self)
{
  MdgStep *step = mdg_visit_get_step (self->visit);
  const char *text = mdg_visit_get_text (self->visit, mdg_step_get_id (step));
  glong used = text != NULL ? g_utf8_strlen (text, -1) : 0;
  g_autofree char *label = g_strdup_printf ("%ld / %u", used, mdg_step_get_max (step));

  gtk_label_set_label (self->counter, label);
  if (used > (glong) mdg_step_get_max (step))
    gtk_widget_add_css_class (GTK_WIDGET (self->counter), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->counter), "error");
}

/* Nothing is red before the visitor taps Next: a first keystroke is not a mistake, and an
 * error appearing mid-typing would move the fields under the finger. */
static void
update_contact_errors (MdgPage *self)
{
  const MdgContact *contact = mdg_visit_get_contact (self->visit);
  const char *phone = contact->fields[MDG_CONTACT_PHONE];
  const char *email = contact->fields[MDG_CONTACT_EMAIL];
  gboolean bad_phone = phone != NULL && !mdg_contact_phone_is_valid (phone);
  gboolean bad_email = email != NULL && !mdg_contact_email_is_valid (email);
  gboolean tried = self->next_tried;

  gtk_widget_set_visible (GTK_WIDGET (self->phone_error), tried && bad_phone);
  gtk_widget_set_visible (GTK_WIDGET (self->email_error), tried && bad_email);
  gtk_widget_set_visible (GTK_WIDGET (self->contact_error),
                          tried && contact->consent && phone == NULL && email == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->consent_error),
                          tried && !contact->consent && mdg_contact_has_any (contact));
}

/* What stops the contact page, in the words said next to Next. */
static const char *
contact_reason (const MdgContact *contact)
{
  const char *phone = contact->fields[MDG_CONTACT_PHONE];
  const char *email = contact->fields[MDG_CONTACT_EMAIL];

  if (!contact->consent)
    return _("Agree to the use of your details, or clear them.");
  if (phone == NULL && email == NULL)
    return _("Give a phone number or an e-mail address.");
  return _("Please check the field marked in red.");
}

/* Next is never greyed without a word beside it saying why. */
static void
update_next_reason (MdgPage *self)
{
  MdgStep *step = mdg_visit_get_step (self->visit);
  const char *reason = NULL;

  if (!mdg_visit_can_advance (self->visit))
    switch (mdg_step_get_kind (step))
      {
      case MDG_STEP_MULTI:
        reason = _("Choose at least one to go on.");
        break;
      case MDG_STEP_TEXT:
        reason = _("Please shorten the text to go on.");
        break;
      case MDG_STEP_CONTACT:
        if (self->next_tried)
          reason = contact_reason (mdg_visit_get_contact (self->visit));
        break;
      default:
        break;
      }
  gtk_label_set_label (self->next_reason, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->next_reason), reason != NULL);
}

/* Next was tapped on a page that cannot be passed yet: say what is missing. */
void
mdg_page_explain_blocked (MdgPage *self)
{
  g_return_if_fail (MDG_IS_PAGE (self));

  self->next_tried = TRUE;
  mdg_page_refresh (self);
}

/* Re-reads the visit's answers into the page's widgets. */
void
mdg_page_refresh (MdgPage *self)
{
  g_return_if_fail (MDG_IS_PAGE (self));

  sync_toggles (self);
  switch (mdg_step_get_kind (mdg_visit_get_step (self->visit)))
    {
    case MDG_STEP_TEXT:
      update_counter (self);
      break;
    case MDG_STEP_CONTACT:
      update_contact_errors (self);
      break;
    default:
      break;
    }
  update_next_reason (self);
}

void
mdg_page_show_error (MdgPage    *self,
                     const char *message)
{
  g_return_if_fail (MDG_IS_PAGE (self));

  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

gboolean
mdg_page_shows_code (MdgPage *self)
{
  g_return_val_if_fail (MDG_IS_PAGE (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->qr_picture));
}

/* The done page's line about the printed slip; NULL hides it. */
void
mdg_page_set_print_status (MdgPage    *self,
                           const char *message,
                           gboolean    failed)
{
  g_return_if_fail (MDG_IS_PAGE (self));

  gtk_label_set_label (self->print_status, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->print_status), message != NULL);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->print_status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->print_status), "error");
}

static void
text_changed_cb (MdgPage       *self,
                 GtkTextBuffer *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  mdg_visit_set_text (self->visit, mdg_step_get_id (mdg_visit_get_step (self->visit)), text);
  update_counter (self);
}

static void
contact_changed_cb (MdgPage  *self,
                    GtkEntry *entry)
{
  GtkEntry *entries[MDG_CONTACT_N_FIELDS] = { self->name_entry, self->phone_entry,
                                              self->email_entry, self->time_entry,
                                              self->reading_entry };

  for (guint i = 0; i < MDG_CONTACT_N_FIELDS; i++)
    if (entries[i] == entry)
      mdg_visit_set_contact_field (self->visit, i,
                                   gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_contact_errors (self);
}

static void
consent_toggled_cb (MdgPage         *self,
                    GtkToggleButton *toggle)
{
  gboolean active = gtk_toggle_button_get_active (toggle);

  gtk_accessible_update_state (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_STATE_CHECKED, active, -1);
  mdg_visit_set_consent (self->visit, active);
  update_contact_errors (self);
}

static void
build_progress (MdgPage *self)
{
  guint position = mdg_visit_get_position (self->visit, NULL);
  /* No "of N": the total grows when an answer opens a branch, and a promise that moves would
   * mislead; the bar shows how far along the visitor is. */
  g_autofree char *label = g_strdup_printf (_("Step %u"), position);

  gtk_progress_bar_set_fraction (self->progress, mdg_visit_get_progress (self->visit));
  gtk_label_set_label (self->progress_label, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
}

static void
build_info (MdgPage *self,
            MdgStep *step)
{
  if (mdg_step_get_info_title (step) == NULL && mdg_step_get_n_info_paras (step) == 0)
    return;
  gtk_widget_set_visible (self->info_card, TRUE);
  for (guint i = 0; i < mdg_step_get_n_info_paras (step); i++)
    {
      GtkWidget *para = gtk_label_new (NULL);

      gtk_label_set_wrap (GTK_LABEL (para), TRUE);
      gtk_label_set_xalign (GTK_LABEL (para), 0);
      gtk_box_append (self->info_paras, para);
    }
}

static void
label_info (MdgPage *self,
            MdgStep *step)
{
  guint i = 0;

  if (!gtk_widget_get_visible (self->info_card))
    return;
  gtk_label_set_label (self->info_title, mdg_step_get_info_title (step));
  for (GtkWidget *para = gtk_widget_get_first_child (GTK_WIDGET (self->info_paras)); para != NULL;
       para = gtk_widget_get_next_sibling (para))
    gtk_label_set_label (GTK_LABEL (para), mdg_step_get_info_para (step, i++));
}

static void
build_text (MdgPage *self,
            MdgStep *step)
{
  const char *text = mdg_visit_get_text (self->visit, mdg_step_get_id (step));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  gtk_widget_set_visible (self->text_box, TRUE);
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (text_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_counter (self);
}

/* What the details are for, that all is optional, how long they stay and whom to ask. */
static void
build_contact_notice (MdgPage *self)
{
  g_autofree char *who = mdg_settings_dup_text (self->settings, "privacy-contact",
                                                mdg_visit_get_language (self->visit));
  guint days = g_settings_get_uint (self->settings, "contact-retention-days");
  g_autofree char *notice = NULL;

  notice = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE,
                 "A coordinator will use these details only to contact you about this inquiry. "
                 "Your details are kept for %u day and then erased. "
                 "To see or delete them, ask %s.",
                 "A coordinator will use these details only to contact you about this inquiry. "
                 "Your details are kept for %u days and then erased. "
                 "To see or delete them, ask %s.",
                 days),
    days, who);
  gtk_label_set_label (self->contact_notice, notice);
}

static void
build_contact (MdgPage *self)
{
  const MdgContact *contact = mdg_visit_get_contact (self->visit);
  GtkEntry *entries[MDG_CONTACT_N_FIELDS] = { self->name_entry, self->phone_entry,
                                              self->email_entry, self->time_entry,
                                              self->reading_entry };

  gtk_widget_set_visible (self->contact_box, TRUE);
  gtk_toggle_button_set_active (self->consent, contact->consent);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->consent), GTK_ACCESSIBLE_STATE_CHECKED,
                               contact->consent, -1);
  for (guint i = 0; i < MDG_CONTACT_N_FIELDS; i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (entries[i]),
                             contact->fields[i] != NULL ? contact->fields[i] : "");
      g_signal_connect_object (entries[i], "changed", G_CALLBACK (contact_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->consent, "toggled", G_CALLBACK (consent_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  update_contact_errors (self);
}

static char *
describe_answer (MdgVisit *visit,
                 MdgStep  *step)
{
  const GPtrArray *answer = mdg_visit_get_answer (visit, mdg_step_get_id (step));
  const MdgContact *contact = mdg_visit_get_contact (visit);
  GString *text = g_string_new (NULL);

  switch (mdg_step_get_kind (step))
    {
    case MDG_STEP_SINGLE:
    case MDG_STEP_MULTI:
      {
        g_autofree char *labels = mdg_flow_describe_answer (mdg_visit_get_flow (visit),
                                                            mdg_step_get_id (step), answer,
                                                            mdg_visit_get_language (visit));

        g_string_append (text, labels);
      }
      break;
    case MDG_STEP_TEXT:
      g_string_append (text, mdg_visit_get_text (visit, mdg_step_get_id (step)) != NULL
                               ? mdg_visit_get_text (visit, mdg_step_get_id (step))
                               : _("(nothing written)"));
      break;
    case MDG_STEP_CONTACT:
      if (!mdg_contact_is_storable (contact))
        g_string_append (text, _("(no contact details will be kept)"));
      else
        for (guint i = 0; i < MDG_CONTACT_N_FIELDS; i++)
          if (contact->fields[i] != NULL)
            g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", contact->fields[i]);
      break;
    default:
      break;
    }
  return g_string_free (text, FALSE);
}

static void
build_review (MdgPage *self)
{
  g_autoptr (GPtrArray) steps = mdg_visit_list_answered (self->visit);

  gtk_widget_set_visible (GTK_WIDGET (self->review_list), TRUE);
  for (guint i = 0; i < steps->len; i++)
    {
      MdgStep *step = g_ptr_array_index (steps, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
      GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *question = gtk_label_new (NULL);
      GtkWidget *value = gtk_label_new (NULL);
      GtkWidget *change = gtk_button_new ();

      gtk_widget_add_css_class (row, "review-row");
      gtk_widget_add_css_class (question, "review-question");
      gtk_widget_add_css_class (value, "review-answer");
      gtk_label_set_xalign (GTK_LABEL (question), 0);
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_wrap (GTK_LABEL (question), TRUE);
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_hexpand (texts, TRUE);
      gtk_box_append (GTK_BOX (texts), question);
      gtk_box_append (GTK_BOX (texts), value);
      gtk_box_append (GTK_BOX (row), texts);
      gtk_widget_set_valign (change, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (change), "visit.change");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (change), "s", mdg_step_get_id (step));
      gtk_box_append (GTK_BOX (row), change);
      g_object_set_data (G_OBJECT (row), "step", step);
      g_object_set_data (G_OBJECT (row), "question", question);
      g_object_set_data (G_OBJECT (row), "answer", value);
      g_object_set_data (G_OBJECT (row), "change", change);
      gtk_list_box_append (self->review_list, row);
    }
}

static void
label_review (MdgPage *self)
{
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->review_list)); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GObject *row = G_OBJECT (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (item)));
      MdgStep *step = g_object_get_data (row, "step");
      g_autofree char *answer = describe_answer (self->visit, step);
      GtkWidget *change = g_object_get_data (row, "change");

      gtk_label_set_label (g_object_get_data (row, "question"), mdg_step_get_question (step));
      gtk_label_set_label (g_object_get_data (row, "answer"), answer);
      gtk_button_set_label (GTK_BUTTON (change), _("Change"));
      /* Every row says Change; the description tells a screen reader which answer it changes. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (change), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      mdg_step_get_question (step), -1);
    }
}

static void
build_done (MdgPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgQr) qr = NULL;
  const char *number;

  gtk_widget_set_visible (self->done_box, TRUE);
  if (self->inquiry == NULL)
    return;
  number = mdg_inquiry_get_number (self->inquiry);
  gtk_label_set_label (self->call_number, mdg_number_call_part (number));
  gtk_label_set_label (self->full_number, number);
  /* A bad followup-url setting must not stop the visitor: say so where the code would be. */
  if (mdg_inquiry_get_followup_url (self->inquiry) == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->qr_unavailable), TRUE);
      return;
    }
  qr = mdg_qr_new (mdg_inquiry_get_followup_url (self->inquiry), &error);
  if (qr == NULL)
    {
      g_warning ("%s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->qr_unavailable), TRUE);
      return;
    }
  {
    g_autoptr (MdgQrPaintable) paintable = mdg_qr_paintable_new (qr);

    gtk_picture_set_paintable (self->qr_picture, GDK_PAINTABLE (paintable));
    gtk_widget_set_visible (GTK_WIDGET (self->qr_picture), TRUE);
    gtk_widget_set_visible (GTK_WIDGET (self->qr_hint), TRUE);
  }
}

/* Under the number, the next step in one sentence, whatever follow-up was chosen. */
static void
label_done (MdgPage *self)
{
  g_autofree char *next = NULL;
  MdgChoiceRole followup;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->qr_picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("QR code for the follow-up page"), -1);
  if (self->inquiry == NULL)
    return;
  followup = mdg_flow_get_followup_role (mdg_visit_get_flow (self->visit),
                                         mdg_inquiry_get_followup (self->inquiry));
  if (followup == MDG_CHOICE_ROLE_QR)
    return;
  next = mdg_followup_next_step (followup, mdg_inquiry_get_number (self->inquiry),
                                 mdg_inquiry_get_has_contact (self->inquiry),
                                 mdg_inquiry_get_followup_url (self->inquiry) != NULL,
                                 mdg_visit_get_language (self->visit));
  gtk_label_set_label (self->next_step, next);
  gtk_widget_set_visible (GTK_WIDGET (self->next_step), next != NULL);
}

/* Every text the page shows, in the current language, on the widgets already built: the
 * template's own, then those that come from the flow and the visit. */
static void
apply_texts (MdgPage *self)
{
  MdgStep *step = mdg_visit_get_step (self->visit);
  MdgStepKind kind = mdg_step_get_kind (step);
  const char *button = mdg_step_get_button (step);

  mdg_translatable_update (GTK_WIDGET (self));
  gtk_label_set_label (self->question, mdg_step_get_question (step));
  if (kind != MDG_STEP_WELCOME && kind != MDG_STEP_DONE)
    build_progress (self);
  label_info (self, step);
  switch (kind)
    {
    case MDG_STEP_WELCOME:
      gtk_button_set_label (self->start_button, button);
      break;
    case MDG_STEP_SINGLE:
    case MDG_STEP_MULTI:
      label_choices (self, step);
      sync_toggles (self);
      break;
    case MDG_STEP_TEXT:
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, mdg_step_get_question (step),
                                      -1);
      break;
    case MDG_STEP_CONTACT:
      build_contact_notice (self);
      /* Coordinators phone the visitor: in Japanese they need the name as it is read. */
      gtk_widget_set_visible (self->reading_label,
                              g_str_has_prefix (mdg_visit_get_language (self->visit), "ja"));
      gtk_widget_set_visible (GTK_WIDGET (self->reading_entry),
                              gtk_widget_get_visible (self->reading_label));
      break;
    case MDG_STEP_REVIEW:
      label_review (self);
      gtk_button_set_label (self->next_button, button);
      break;
    case MDG_STEP_DONE:
      label_done (self);
      gtk_button_set_label (self->next_button, button);
      break;
    default:
      break;
    }
  update_next_reason (self);
  mdg_translatable_keep_phrases (GTK_WIDGET (self));
}

static void
language_changed_cb (MdgPage    *self,
                     GParamSpec *pspec,
                     MdgVisit   *visit)
{
  apply_texts (self);
}

static void
build (MdgPage *self)
{
  MdgStep *step = mdg_visit_get_step (self->visit);
  MdgStepKind kind = mdg_step_get_kind (step);

  gtk_widget_set_visible (self->progress_box, kind != MDG_STEP_WELCOME && kind != MDG_STEP_DONE);
  gtk_widget_set_visible (self->nav, kind != MDG_STEP_WELCOME);
  gtk_widget_set_visible (GTK_WIDGET (self->start_button), kind == MDG_STEP_WELCOME);
  build_info (self, step);

  switch (kind)
    {
    case MDG_STEP_WELCOME:
      gtk_widget_add_css_class (GTK_WIDGET (self), "welcome");
      gtk_widget_set_visible (self->welcome_intro, TRUE);
      gtk_label_set_justify (self->question, GTK_JUSTIFY_CENTER);
      gtk_label_set_xalign (self->question, 0.5);
      gtk_widget_set_valign (self->content, GTK_ALIGN_CENTER);
      break;
    case MDG_STEP_MULTI:
      /* A page with a limit says it in its question; one without says that several may go. */
      gtk_widget_set_visible (GTK_WIDGET (self->choose_hint), mdg_step_get_max (step) == 0);
      G_GNUC_FALLTHROUGH;
    case MDG_STEP_SINGLE:
      gtk_widget_set_visible (GTK_WIDGET (self->choices), TRUE);
      /* Long lists go three abreast so they fit a 1080-line screen without scrolling, and so
       * do shorter ones under an info card, which takes their room; always so: a narrow screen
       * wraps their labels rather than stacking them. */
      {
        guint n = g_list_model_get_n_items (mdg_step_get_choices (step));
        guint per_line = n > 6 || (gtk_widget_get_visible (self->info_card) && n > 4) ? 3 : 2;

        gtk_flow_box_set_max_children_per_line (self->choices, per_line);
        gtk_flow_box_set_min_children_per_line (self->choices, per_line);
      }
      gtk_flow_box_bind_model (self->choices, mdg_step_get_choices (step), create_choice_cb, self,
                               NULL);
      break;
    case MDG_STEP_TEXT:
      build_text (self, step);
      break;
    case MDG_STEP_CONTACT:
      build_contact (self);
      break;
    case MDG_STEP_REVIEW:
      build_review (self);
      break;
    case MDG_STEP_DONE:
      build_done (self);
      break;
    default:
      g_assert_not_reached ();
    }

  /* Single-choice pages advance on tap: no Next. Review sends; done finishes. */
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), kind != MDG_STEP_SINGLE);
  if (kind == MDG_STEP_REVIEW)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->next_button), "visit.send");
      gtk_widget_add_css_class (GTK_WIDGET (self->next_button), "suggested-action");
    }
  else if (kind == MDG_STEP_DONE)
    {
      /* Sent is sent: going back could only send the same answers twice. Finish starts over. */
      gtk_widget_set_visible (self->back_button, FALSE);
      gtk_widget_set_visible (self->restart_button, FALSE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->next_button), "visit.restart");
    }
}

static void
mdg_page_dispose (GObject *object)
{
  MdgPage *self = MDG_PAGE (object);
  GtkWidget *child;

  if (self->visit != NULL)
    g_signal_handlers_disconnect_by_data (self->visit, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->visit);
  g_clear_object (&self->settings);
  g_clear_object (&self->inquiry);
  G_OBJECT_CLASS (mdg_page_parent_class)->dispose (object);
}

static void
mdg_page_class_init (MdgPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "page");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/mdg-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, progress);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, content);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, question);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, choose_hint);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, welcome_intro);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, info_card);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, info_title);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, info_paras);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, choices);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, limit_label);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, text_box);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, text_view);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, counter);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, contact_box);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, contact_notice);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, consent);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, name_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, email_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, time_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, reading_label);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, reading_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, phone_error);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, email_error);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, contact_error);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, consent_error);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, review_list);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, done_box);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, call_number);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, full_number);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, next_step);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, print_status);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, qr_picture);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, qr_unavailable);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, qr_hint);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, nav);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, restart_button);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, next_reason);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, next_button);
}

static void
mdg_page_init (MdgPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mdg_translatable_adopt (GTK_WIDGET (self));
}

MdgPage *
mdg_page_new (MdgVisit   *visit,
              GSettings  *settings,
              MdgInquiry *inquiry)
{
  MdgPage *self;

  g_return_val_if_fail (MDG_IS_VISIT (visit), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MDG_TYPE_PAGE, NULL);
  self->visit = g_object_ref (visit);
  self->settings = g_object_ref (settings);
  self->inquiry = inquiry != NULL ? g_object_ref (inquiry) : NULL;
  build (self);
  apply_texts (self);
  /* A language switch re-labels this page in place: answers, typing and focus stay. */
  g_signal_connect_object (visit, "notify::language", G_CALLBACK (language_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* Every answer given, by tap, key or assistive technology, shows on the page at once. */
  g_signal_connect_object (visit, "changed", G_CALLBACK (mdg_page_refresh), self,
                           G_CONNECT_SWAPPED);
  return self;
}
