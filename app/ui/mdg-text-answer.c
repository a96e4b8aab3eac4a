/* mdg-text-answer.c: a text step's field and its counter of characters used. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mdg-text-answer.h"

struct _MdgTextAnswer
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkTextView *text_view;
  GtkLabel *counter;

  gboolean loading; /* the buffer is being set from the visit, not typed into */

  /* owned references */
  MdgVisit *visit;
  MdgStep *step; /* the step the text answers, while shown */
};

G_DEFINE_FINAL_TYPE (MdgTextAnswer, mdg_text_answer, GTK_TYPE_WIDGET)

static void
update_counter (MdgTextAnswer *self)
{
  const char *text = mdg_visit_get_text (self->visit, mdg_step_get_id (self->step));
  glong used = text != NULL ? g_utf8_strlen (text, -1) : 0;
  g_autofree char *label = g_strdup_printf ("%ld / %u", used, mdg_step_get_max (self->step));

  gtk_label_set_label (self->counter, label);
  if (used > (glong) mdg_step_get_max (self->step))
    gtk_widget_add_css_class (GTK_WIDGET (self->counter), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->counter), "error");
}

static void
buffer_changed_cb (MdgTextAnswer *self,
                   GtkTextBuffer *buffer)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->loading || self->step == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  mdg_visit_set_text (self->visit, mdg_step_get_id (self->step), text);
  update_counter (self);
}

/* Shows what the visit holds for step. */
void
mdg_text_answer_load (MdgTextAnswer *self,
                      MdgStep       *step)
{
  const char *text;

  g_return_if_fail (MDG_IS_TEXT_ANSWER (self));
  g_return_if_fail (MDG_IS_STEP (step));

  g_set_object (&self->step, step);
  text = mdg_visit_get_text (self->visit, mdg_step_get_id (step));
  self->loading = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text != NULL ? text : "",
                            -1);
  self->loading = FALSE;
  mdg_text_answer_update_texts (self);
}

/* The page is going: the text stays in the visit only, so a wipe of the visit leaves no trace
 * here (setting a buffer's text also empties its undo history). */
void
mdg_text_answer_clear (MdgTextAnswer *self)
{
  g_return_if_fail (MDG_IS_TEXT_ANSWER (self));

  self->loading = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", -1);
  self->loading = FALSE;
  g_clear_object (&self->step);
}

/* The field is read out as the question it answers. */
void
mdg_text_answer_update_texts (MdgTextAnswer *self)
{
  g_return_if_fail (MDG_IS_TEXT_ANSWER (self));

  if (self->step == NULL)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  mdg_step_get_question (self->step), -1);
  update_counter (self);
}

static void
mdg_text_answer_dispose (GObject *object)
{
  MdgTextAnswer *self = MDG_TEXT_ANSWER (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_TEXT_ANSWER);
  /* The template's outer box is not bound to a field: unparent it by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->visit);
  g_clear_object (&self->step);
  G_OBJECT_CLASS (mdg_text_answer_parent_class)->dispose (object);
}

static void
mdg_text_answer_class_init (MdgTextAnswerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_text_answer_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mdg-text-answer.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgTextAnswer, text_view);
  gtk_widget_class_bind_template_child (widget_class, MdgTextAnswer, counter);
}

static void
mdg_text_answer_init (MdgTextAnswer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);
}

MdgTextAnswer *
mdg_text_answer_new (MdgVisit *visit)
{
  MdgTextAnswer *self;

  g_return_val_if_fail (MDG_IS_VISIT (visit), NULL);

  self = g_object_new (MDG_TYPE_TEXT_ANSWER, NULL);
  self->visit = g_object_ref (visit);
  return self;
}
