/* mdg-idle-dialog.c: "Are you still there?" over the page, counting down to a fresh start. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-idle-dialog.h"

struct _MdgIdleDialog
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkLabel *title;
  GtkLabel *countdown;
  GtkWidget *continue_button;
  GtkWidget *restart_button;

  guint remaining;
};

G_DEFINE_FINAL_TYPE (MdgIdleDialog, mdg_idle_dialog, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_REMAINING, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
update_countdown (MdgIdleDialog *self)
{
  g_autofree char *text = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "Your answers will be erased in %u second.",
                 "Your answers will be erased in %u seconds.", self->remaining),
    self->remaining);

  gtk_label_set_label (self->countdown, text);
}

/* Texts are read on showing, so the dialog speaks the visitor's current language. */
static void
mdg_idle_dialog_show (GtkWidget *widget)
{
  MdgIdleDialog *self = MDG_IDLE_DIALOG (widget);

  gtk_label_set_label (self->title, _("Are you still there?"));
  gtk_button_set_label (GTK_BUTTON (self->continue_button), _("Continue"));
  /* The dialog says 最初に戻る where the page footer says 最初から. */
  gtk_button_set_label (GTK_BUTTON (self->restart_button), C_("idle dialog", "Start over"));
  update_countdown (self);
  GTK_WIDGET_CLASS (mdg_idle_dialog_parent_class)->show (widget);
  gtk_widget_grab_focus (self->continue_button);
}

static void
mdg_idle_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdgIdleDialog *self = MDG_IDLE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_REMAINING:
      g_value_set_uint (value, self->remaining);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_idle_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  MdgIdleDialog *self = MDG_IDLE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_REMAINING:
      mdg_idle_dialog_set_remaining (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_idle_dialog_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), MDG_TYPE_IDLE_DIALOG);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (mdg_idle_dialog_parent_class)->dispose (object);
}

static void
mdg_idle_dialog_class_init (MdgIdleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_idle_dialog_dispose;
  object_class->get_property = mdg_idle_dialog_get_property;
  object_class->set_property = mdg_idle_dialog_set_property;
  widget_class->show = mdg_idle_dialog_show;

  properties[PROP_REMAINING] = g_param_spec_uint ("remaining", NULL, NULL, 0, G_MAXUINT, 0,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                    | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "idle-dialog");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mdg-idle-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgIdleDialog, title);
  gtk_widget_class_bind_template_child (widget_class, MdgIdleDialog, countdown);
  gtk_widget_class_bind_template_child (widget_class, MdgIdleDialog, continue_button);
  gtk_widget_class_bind_template_child (widget_class, MdgIdleDialog, restart_button);
}

static void
mdg_idle_dialog_init (MdgIdleDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mdg_idle_dialog_new (void)
{
  return g_object_new (MDG_TYPE_IDLE_DIALOG, NULL);
}

void
mdg_idle_dialog_set_remaining (MdgIdleDialog *self,
                               guint          remaining)
{
  g_return_if_fail (MDG_IS_IDLE_DIALOG (self));

  if (self->remaining == remaining)
    return;
  self->remaining = remaining;
  update_countdown (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMAINING]);
}

guint
mdg_idle_dialog_get_remaining (MdgIdleDialog *self)
{
  g_return_val_if_fail (MDG_IS_IDLE_DIALOG (self), 0);
  return self->remaining;
}
