/* mdg-done-view.c: the done page's number, next step, slip status and follow-up QR code, all
 * from the one committed inquiry. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-done-view.h"
#include "mdg-followup.h"
#include "mdg-number.h"
#include "mdg-qr-paintable.h"
#include "mdg-translatable.h"

struct _MdgDoneView
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkLabel *call_number;
  GtkLabel *full_number;
  GtkLabel *next_step;
  GtkLabel *print_status;
  GtkPicture *qr_picture;
  GtkLabel *qr_unavailable;
  GtkLabel *qr_hint;

  /* owned references */
  MdgVisit *visit;
  MdgInquiry *inquiry;
};

G_DEFINE_FINAL_TYPE (MdgDoneView, mdg_done_view, GTK_TYPE_WIDGET)

/* The code, or where it would be, why there is none: a bad followup-url setting must not stop
 * the visitor. */
static void
show_code (MdgDoneView *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdgQr) qr = NULL;
  g_autoptr (MdgQrPaintable) paintable = NULL;
  const char *url = self->inquiry != NULL ? mdg_inquiry_get_followup_url (self->inquiry) : NULL;

  if (url != NULL)
    {
      qr = mdg_qr_new (url, &error);
      if (qr == NULL)
        g_warning ("%s", error->message);
    }
  if (qr != NULL)
    paintable = mdg_qr_paintable_new (qr);
  gtk_picture_set_paintable (self->qr_picture, GDK_PAINTABLE (paintable));
  gtk_widget_set_visible (GTK_WIDGET (self->qr_picture), paintable != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->qr_hint), paintable != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->qr_unavailable),
                          self->inquiry != NULL && paintable == NULL);
}

/* The inquiry just committed, or NULL once the visitor has gone: nothing of it stays here. */
void
mdg_done_view_set_inquiry (MdgDoneView *self,
                           MdgInquiry  *inquiry)
{
  const char *number = inquiry != NULL ? mdg_inquiry_get_number (inquiry) : NULL;

  g_return_if_fail (MDG_IS_DONE_VIEW (self));
  g_return_if_fail (inquiry == NULL || MDG_IS_INQUIRY (inquiry));

  g_set_object (&self->inquiry, inquiry);
  gtk_label_set_label (self->call_number, number != NULL ? mdg_number_call_part (number) : "");
  gtk_label_set_label (self->full_number, number != NULL ? number : "");
  show_code (self);
  mdg_done_view_set_print_status (self, NULL, FALSE);
  mdg_done_view_update_texts (self);
}

/* Under the number, the next step in one sentence, whatever follow-up was chosen. */
void
mdg_done_view_update_texts (MdgDoneView *self)
{
  g_autofree char *next = NULL;
  MdgChoiceRole followup = MDG_CHOICE_ROLE_QR;

  g_return_if_fail (MDG_IS_DONE_VIEW (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->qr_picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("QR code for the follow-up page"), -1);
  if (self->inquiry != NULL)
    followup = mdg_flow_get_followup_role (mdg_visit_get_flow (self->visit),
                                           mdg_inquiry_get_followup (self->inquiry));
  if (followup != MDG_CHOICE_ROLE_QR)
    next = mdg_followup_next_step (followup, mdg_inquiry_get_number (self->inquiry),
                                   mdg_inquiry_get_has_contact (self->inquiry),
                                   mdg_inquiry_get_followup_url (self->inquiry) != NULL,
                                   mdg_visit_get_language (self->visit));
  gtk_label_set_label (self->next_step, next != NULL ? next : "");
  gtk_widget_set_visible (GTK_WIDGET (self->next_step), next != NULL);
}

/* The line about the printed slip; NULL hides it. */
void
mdg_done_view_set_print_status (MdgDoneView *self,
                                const char  *message,
                                gboolean     failed)
{
  g_return_if_fail (MDG_IS_DONE_VIEW (self));

  gtk_label_set_label (self->print_status, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->print_status), message != NULL);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->print_status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->print_status), "error");
}

gboolean
mdg_done_view_shows_code (MdgDoneView *self)
{
  g_return_val_if_fail (MDG_IS_DONE_VIEW (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->qr_picture));
}

static void
mdg_done_view_dispose (GObject *object)
{
  MdgDoneView *self = MDG_DONE_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_DONE_VIEW);
  /* The template's outer box is not bound to a field: unparent it by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->visit);
  g_clear_object (&self->inquiry);
  G_OBJECT_CLASS (mdg_done_view_parent_class)->dispose (object);
}

static void
mdg_done_view_class_init (MdgDoneViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_done_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/mdg-done-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgDoneView, call_number);
  gtk_widget_class_bind_template_child (widget_class, MdgDoneView, full_number);
  gtk_widget_class_bind_template_child (widget_class, MdgDoneView, next_step);
  gtk_widget_class_bind_template_child (widget_class, MdgDoneView, print_status);
  gtk_widget_class_bind_template_child (widget_class, MdgDoneView, qr_picture);
  gtk_widget_class_bind_template_child (widget_class, MdgDoneView, qr_unavailable);
  gtk_widget_class_bind_template_child (widget_class, MdgDoneView, qr_hint);
}

static void
mdg_done_view_init (MdgDoneView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mdg_translatable_adopt (GTK_WIDGET (self));
}

MdgDoneView *
mdg_done_view_new (MdgVisit *visit)
{
  MdgDoneView *self;

  g_return_val_if_fail (MDG_IS_VISIT (visit), NULL);

  self = g_object_new (MDG_TYPE_DONE_VIEW, NULL);
  self->visit = g_object_ref (visit);
  return self;
}
