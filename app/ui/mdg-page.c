/* mdg-page.c: one page class for every step; a page is made once for a kind of step and bound
 * to each step of that kind as the visitor reaches it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-contact-form.h"
#include "mdg-done-view.h"
#include "mdg-page.h"
#include "mdg-text-answer.h"
#include "mdg-translatable.h"

struct _MdgPage
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkWidget *progress_box;
  GtkProgressBar *progress;
  GtkLabel *progress_label;
  GtkScrolledWindow *scrolled;
  GtkWidget *top_space;
  GtkLabel *question;
  GtkLabel *choose_hint;
  GtkWidget *welcome_intro;
  GtkWidget *info_card;
  GtkLabel *info_title;
  GtkBox *info_paras;
  GtkFlowBox *choices;
  GtkLabel *limit_label;
  GtkBox *part_slot;
  GtkListBox *review_list;
  GtkLabel *error_label;
  GtkButton *start_button;
  GtkWidget *bottom_space;
  GtkWidget *nav;
  GtkWidget *back_button;
  GtkWidget *restart_button;
  GtkLabel *next_reason;
  GtkButton *next_button;

  /* the kind's own part, in part_slot: only the one the kind needs is made */
  MdgTextAnswer *text_answer;
  MdgContactForm *contact_form;
  MdgDoneView *done_view;

  MdgStepKind kind;

  /* owned references */
  MdgVisit *visit;
  GSettings *settings;
  MdgStep *step; /* the step shown, while bound; else NULL */
};

G_DEFINE_FINAL_TYPE (MdgPage, mdg_page, GTK_TYPE_WIDGET)

/* The page shows the visit's current step: a page that is not on show ignores the visit. */
static gboolean
is_current (MdgPage *self)
{
  return self->step != NULL && mdg_visit_get_step (self->visit) == self->step;
}

static GtkWidget *
create_choice_cb (gpointer item,
                  gpointer user_data)
{
  MdgPage *self = user_data;
  MdgChoice *choice = item;
  GtkWidget *button;
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  if (self->kind == MDG_STEP_MULTI)
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
label_choices (MdgPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->choices)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      MdgChoice *choice = mdg_step_lookup_choice (self->step,
                                                  g_object_get_data (G_OBJECT (button),
                                                                     "choice-id"));
      const char *label = mdg_choice_get_label (choice);

      gtk_label_set_label (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), label);
      /* The accessible name is the visible label, so a screen reader reads what the eye sees. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }
  /* The group of choices is read out as the question it answers. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->choices), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  mdg_step_get_question (self->step), -1);
}

/* At the maximum, say so gently before a fourth tap seems to do nothing. */
static void
update_limit (MdgPage *self)
{
  const GPtrArray *answer = mdg_visit_get_answer (self->visit, mdg_step_get_id (self->step));
  guint max = mdg_step_get_max (self->step);
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
  if (self->kind != MDG_STEP_MULTI && self->kind != MDG_STEP_SINGLE)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->choices)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      const char *id = g_object_get_data (G_OBJECT (button), "choice-id");
      gboolean chosen = mdg_visit_has_choice (self->visit, mdg_step_get_id (self->step), id);

      /* A single-choice page shown again (Back, Change) marks the answer already given. */
      if (self->kind == MDG_STEP_MULTI)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), chosen);
      else if (chosen)
        gtk_widget_add_css_class (button, "chosen");
      else
        gtk_widget_remove_css_class (button, "chosen");
      gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED, chosen,
                                   -1);
    }
  if (self->kind == MDG_STEP_MULTI)
    update_limit (self);
}

/* Next is never greyed without a word beside it saying why. */
static void
update_next_reason (MdgPage *self)
{
  const char *reason = NULL;

  if (!mdg_visit_can_advance (self->visit))
    switch (self->kind)
      {
      case MDG_STEP_MULTI:
        reason = _("Choose at least one to go on.");
        break;
      case MDG_STEP_TEXT:
        reason = _("Please shorten the text to go on.");
        break;
      case MDG_STEP_CONTACT:
        reason = mdg_contact_form_get_reason (self->contact_form);
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

  if (self->contact_form != NULL)
    mdg_contact_form_show_errors (self->contact_form, TRUE);
  mdg_page_refresh (self);
}

/* Re-reads the visit's answers into the page's widgets. */
void
mdg_page_refresh (MdgPage *self)
{
  g_return_if_fail (MDG_IS_PAGE (self));

  if (!is_current (self))
    return;
  sync_toggles (self);
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
  return self->done_view != NULL && mdg_done_view_shows_code (self->done_view);
}

/* The done page's line about the printed slip; NULL hides it. */
void
mdg_page_set_print_status (MdgPage    *self,
                           const char *message,
                           gboolean    failed)
{
  g_return_if_fail (MDG_IS_PAGE (self));

  if (self->done_view != NULL)
    mdg_done_view_set_print_status (self->done_view, message, failed);
}

static void
label_progress (MdgPage *self)
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

/* The step's info card, as many paragraphs as it has; hidden when it has none. */
static void
bind_info (MdgPage *self)
{
  GtkWidget *para;
  guint n = self->step != NULL ? mdg_step_get_n_info_paras (self->step) : 0;

  while ((para = gtk_widget_get_first_child (GTK_WIDGET (self->info_paras))) != NULL)
    gtk_box_remove (self->info_paras, para);
  gtk_widget_set_visible (self->info_card,
                          self->step != NULL
                            && (mdg_step_get_info_title (self->step) != NULL || n > 0));
  for (guint i = 0; i < n; i++)
    {
      para = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (para), TRUE);
      gtk_label_set_xalign (GTK_LABEL (para), 0);
      gtk_box_append (self->info_paras, para);
    }
}

static void
label_info (MdgPage *self)
{
  guint i = 0;

  if (!gtk_widget_get_visible (self->info_card))
    return;
  gtk_label_set_label (self->info_title, mdg_step_get_info_title (self->step));
  for (GtkWidget *para = gtk_widget_get_first_child (GTK_WIDGET (self->info_paras)); para != NULL;
       para = gtk_widget_get_next_sibling (para))
    gtk_label_set_label (GTK_LABEL (para), mdg_step_get_info_para (self->step, i++));
}

/* Long lists go three abreast so they fit a 1080-line screen without scrolling, and so do
 * shorter ones under an info card, which takes their room; always so: a narrow screen wraps
 * their labels rather than stacking them. */
static void
bind_choices (MdgPage *self)
{
  guint n = g_list_model_get_n_items (mdg_step_get_choices (self->step));
  guint per_line = n > 6 || (gtk_widget_get_visible (self->info_card) && n > 4) ? 3 : 2;

  /* A page with a limit says it in its question; one without says that several may go. */
  gtk_widget_set_visible (GTK_WIDGET (self->choose_hint),
                          self->kind == MDG_STEP_MULTI && mdg_step_get_max (self->step) == 0);
  gtk_flow_box_set_max_children_per_line (self->choices, per_line);
  gtk_flow_box_set_min_children_per_line (self->choices, per_line);
  gtk_flow_box_bind_model (self->choices, mdg_step_get_choices (self->step), create_choice_cb,
                           self, NULL);
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

/* One row per answered step, with its Change button; rows hold the visitor's answers, so they
 * are made when the review shows and dropped when it goes. */
static void
clear_review (MdgPage *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->review_list))) != NULL)
    gtk_list_box_remove (self->review_list, row);
}

static void
bind_review (MdgPage *self)
{
  g_autoptr (GPtrArray) steps = mdg_visit_list_answered (self->visit);

  clear_review (self);
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

/* Every text the page shows, in the current language, on the widgets already built: the
 * template's own, then those that come from the flow and the visit. */
static void
apply_texts (MdgPage *self)
{
  const char *button = mdg_step_get_button (self->step);

  mdg_translatable_update (GTK_WIDGET (self));
  gtk_label_set_label (self->question, mdg_step_get_question (self->step));
  if (gtk_widget_get_visible (self->progress_box))
    label_progress (self);
  label_info (self);
  switch (self->kind)
    {
    case MDG_STEP_WELCOME:
      gtk_button_set_label (self->start_button, button);
      break;
    case MDG_STEP_SINGLE:
    case MDG_STEP_MULTI:
      label_choices (self);
      sync_toggles (self);
      break;
    case MDG_STEP_TEXT:
      mdg_text_answer_update_texts (self->text_answer);
      break;
    case MDG_STEP_CONTACT:
      mdg_contact_form_update_texts (self->contact_form);
      break;
    case MDG_STEP_REVIEW:
      label_review (self);
      gtk_button_set_label (self->next_button, button);
      break;
    case MDG_STEP_DONE:
      mdg_done_view_update_texts (self->done_view);
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
  if (is_current (self))
    apply_texts (self);
}

static void
add_part (MdgPage   *self,
          GtkWidget *part)
{
  gtk_box_append (self->part_slot, part);
  mdg_translatable_keep_phrases (part);
}

/* What the kind shows, made once: the step's own texts and answers come with each bind. */
static void
build (MdgPage *self)
{
  MdgStepKind kind = self->kind;

  gtk_widget_set_visible (self->progress_box, kind != MDG_STEP_WELCOME && kind != MDG_STEP_DONE);
  gtk_widget_set_visible (self->nav, kind != MDG_STEP_WELCOME);
  gtk_widget_set_visible (GTK_WIDGET (self->start_button), kind == MDG_STEP_WELCOME);
  gtk_widget_set_visible (GTK_WIDGET (self->choices),
                          kind == MDG_STEP_SINGLE || kind == MDG_STEP_MULTI);
  gtk_widget_set_visible (GTK_WIDGET (self->review_list), kind == MDG_STEP_REVIEW);
  /* Single-choice pages advance on tap: no Next. Review sends; done finishes. */
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), kind != MDG_STEP_SINGLE);

  switch (kind)
    {
    case MDG_STEP_WELCOME:
      gtk_widget_add_css_class (GTK_WIDGET (self), "welcome");
      gtk_widget_set_visible (self->welcome_intro, TRUE);
      gtk_label_set_justify (self->question, GTK_JUSTIFY_CENTER);
      gtk_label_set_xalign (self->question, 0.5);
      gtk_widget_set_visible (self->top_space, TRUE);
      gtk_widget_set_visible (self->bottom_space, TRUE);
      break;
    case MDG_STEP_TEXT:
      self->text_answer = mdg_text_answer_new (self->visit);
      add_part (self, GTK_WIDGET (self->text_answer));
      break;
    case MDG_STEP_CONTACT:
      self->contact_form = mdg_contact_form_new (self->visit, self->settings);
      add_part (self, GTK_WIDGET (self->contact_form));
      break;
    case MDG_STEP_REVIEW:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->next_button), "visit.send");
      gtk_widget_add_css_class (GTK_WIDGET (self->next_button), "suggested-action");
      break;
    case MDG_STEP_DONE:
      self->done_view = mdg_done_view_new (self->visit);
      add_part (self, GTK_WIDGET (self->done_view));
      /* Sent is sent: going back could only send the same answers twice. Finish starts over. */
      gtk_widget_set_visible (self->back_button, FALSE);
      gtk_widget_set_visible (self->restart_button, FALSE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->next_button), "visit.restart");
      break;
    case MDG_STEP_SINGLE:
    case MDG_STEP_MULTI:
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Shows the visit's current step, which is of this page's kind, with its answers so far; the
 * done page shows inquiry, the one just committed. */
void
mdg_page_bind (MdgPage    *self,
               MdgInquiry *inquiry)
{
  MdgStep *step;

  g_return_if_fail (MDG_IS_PAGE (self));
  step = mdg_visit_get_step (self->visit);
  g_return_if_fail (mdg_step_get_kind (step) == self->kind);

  g_set_object (&self->step, step);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  bind_info (self);
  switch (self->kind)
    {
    case MDG_STEP_SINGLE:
    case MDG_STEP_MULTI:
      bind_choices (self);
      break;
    case MDG_STEP_TEXT:
      mdg_text_answer_load (self->text_answer, step);
      break;
    case MDG_STEP_CONTACT:
      mdg_contact_form_load (self->contact_form);
      break;
    case MDG_STEP_REVIEW:
      bind_review (self);
      break;
    case MDG_STEP_DONE:
      mdg_done_view_set_inquiry (self->done_view, inquiry);
      break;
    default:
      break;
    }
  /* A page shown again starts at its top, as a new one would. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  apply_texts (self);
}

/* The page is put away: nothing the visitor gave stays in its widgets, only in the visit. */
void
mdg_page_unbind (MdgPage *self)
{
  g_return_if_fail (MDG_IS_PAGE (self));

  if (self->text_answer != NULL)
    mdg_text_answer_clear (self->text_answer);
  if (self->contact_form != NULL)
    mdg_contact_form_clear (self->contact_form);
  if (self->done_view != NULL)
    mdg_done_view_set_inquiry (self->done_view, NULL);
  if (self->kind == MDG_STEP_SINGLE || self->kind == MDG_STEP_MULTI)
    gtk_flow_box_bind_model (self->choices, NULL, NULL, NULL, NULL);
  clear_review (self);
  g_clear_object (&self->step);
  bind_info (self);
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
  g_clear_object (&self->step);
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
  gtk_widget_class_bind_template_child (widget_class, MdgPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, top_space);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, question);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, choose_hint);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, welcome_intro);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, info_card);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, info_title);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, info_paras);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, choices);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, limit_label);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, part_slot);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, review_list);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, MdgPage, bottom_space);
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

/* A page for steps of kind; mdg_page_bind shows the visit's current step on it. */
MdgPage *
mdg_page_new (MdgVisit    *visit,
              GSettings   *settings,
              MdgStepKind  kind)
{
  MdgPage *self;

  g_return_val_if_fail (MDG_IS_VISIT (visit), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MDG_TYPE_PAGE, NULL);
  self->visit = g_object_ref (visit);
  self->settings = g_object_ref (settings);
  self->kind = kind;
  build (self);
  /* A language switch re-labels the page on show in place: answers, typing and focus stay. */
  g_signal_connect_object (visit, "notify::language", G_CALLBACK (language_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* Every answer given, by tap, key or assistive technology, shows on the page at once. */
  g_signal_connect_object (visit, "changed", G_CALLBACK (mdg_page_refresh), self,
                           G_CONNECT_SWAPPED);
  return self;
}
