/* mdg-pin-pad.c: the staff PIN pad between the kiosk and the staff desk. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "mdg-pin-pad.h"
#include "mdg-pin.h"
#include "mdg-translatable.h"

struct _MdgPinPad
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkLabel *dots_label;
  GtkLabel *message_label;

  /* owned references */
  MdgStore *store;
  GString *digits;
  char *language;
};

G_DEFINE_FINAL_TYPE (MdgPinPad, mdg_pin_pad, GTK_TYPE_WIDGET)

enum { UNLOCKED, CANCELLED, N_SIGNALS };
static guint signals[N_SIGNALS];

enum { PROP_0, PROP_LANGUAGE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
clear_digits (MdgPinPad *self)
{
  sodium_memzero (self->digits->str, self->digits->len);
  g_string_truncate (self->digits, 0);
}

/* One dot per digit typed, never the digits themselves. */
static void
update_dots (MdgPinPad *self)
{
  g_autoptr (GString) dots = g_string_new (NULL);

  for (gsize i = 0; i < self->digits->len; i++)
    g_string_append (dots, "●");
  gtk_label_set_label (self->dots_label, dots->len > 0 ? dots->str : " ");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pin.enter",
                                 self->digits->len >= MDG_PIN_MIN_DIGITS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pin.digit",
                                 self->digits->len < MDG_PIN_MAX_DIGITS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pin.delete", self->digits->len > 0);
}

static void
say (MdgPinPad  *self,
     const char *message)
{
  gtk_label_set_label (self->message_label, message);
}

static void
say_wait (MdgPinPad *self,
          gint64     retry_at,
          gint64     now)
{
  g_autofree char *text = NULL;
  gint64 seconds = MAX (retry_at - now, 1);

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Too many wrong PINs. Try again in %d second.",
                                       "Too many wrong PINs. Try again in %d seconds.", seconds),
                          (int) seconds);
  say (self, text);
}

static void
say_not_set (MdgPinPad *self)
{
  say (self, _("No staff PIN is set yet. Set one on the kiosk's computer with "
               "“madoguchi-admin set-pin” (it reads the PIN, 6 to 12 digits, from standard input)."));
}

static void
digit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgPinPad *self = MDG_PIN_PAD (widget);
  const char *digit = g_variant_get_string (param, NULL);

  if (self->digits->len >= MDG_PIN_MAX_DIGITS || digit[0] < '0' || digit[0] > '9' || digit[1] != '\0')
    return;
  /* A new attempt: the last one's "not right" goes, but a lockout notice stays. */
  if (self->digits->len == 0
      && mdg_pin_locked_until (self->store, g_get_real_time () / G_USEC_PER_SEC, NULL) == 0
      && mdg_pin_is_set (self->store, NULL))
    say (self, "");
  g_string_append_c (self->digits, digit[0]);
  update_dots (self);
}

static void
delete_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgPinPad *self = MDG_PIN_PAD (widget);

  if (self->digits->len > 0)
    g_string_truncate (self->digits, self->digits->len - 1);
  update_dots (self);
}

static void
enter_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgPinPad *self = MDG_PIN_PAD (widget);
  g_autoptr (GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 retry_at = 0;
  MdgPinResult result;

  result = mdg_pin_check (self->store, self->digits->str, now, &retry_at, &error);
  clear_digits (self);
  update_dots (self);
  switch (result)
    {
    case MDG_PIN_ACCEPTED:
      say (self, "");
      g_signal_emit (self, signals[UNLOCKED], 0);
      break;
    case MDG_PIN_WRONG:
      if (retry_at > 0)
        say_wait (self, retry_at, now);
      else
        say (self, _("That PIN is not right. Please try again."));
      break;
    case MDG_PIN_LOCKED:
      say_wait (self, retry_at, now);
      break;
    case MDG_PIN_NOT_SET:
      say_not_set (self);
      break;
    case MDG_PIN_FAILED:
    default:
      g_warning ("PIN check failed: %s", error != NULL ? error->message : "unknown");
      say (self, _("The PIN could not be checked because the database failed. "
                   "See the kiosk's log."));
      break;
    }
}

static void
cancel_action (GtkWidget *widget, const char *name, GVariant *param)
{
  MdgPinPad *self = MDG_PIN_PAD (widget);

  clear_digits (self);
  update_dots (self);
  g_signal_emit (self, signals[CANCELLED], 0);
}

/* What the pad says before a PIN is typed: that none is set, or how long to wait. */
static void
say_state (MdgPinPad *self)
{
  g_autoptr (GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 until;

  if (!mdg_pin_is_set (self->store, &error))
    {
      if (error != NULL)
        g_warning ("PIN setting unreadable: %s", error->message);
      say_not_set (self);
    }
  else if ((until = mdg_pin_locked_until (self->store, now, NULL)) > 0)
    say_wait (self, until, now);
}

/* A language switch re-labels the pad in place; the digits typed so far stay. */
static void
set_language (MdgPinPad  *self,
              const char *language)
{
  if (g_strcmp0 (self->language, language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (language);
  mdg_translatable_update (GTK_WIDGET (self));
  if (self->store != NULL)
    {
      say (self, "");
      say_state (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

static void
mdg_pin_pad_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  MdgPinPad *self = MDG_PIN_PAD (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_pin_pad_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  MdgPinPad *self = MDG_PIN_PAD (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mdg_pin_pad_dispose (GObject *object)
{
  MdgPinPad *self = MDG_PIN_PAD (object);
  GtkWidget *child;

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_PIN_PAD);
  /* The template's outer box is not bound to a field, so unparent what is left by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (mdg_pin_pad_parent_class)->dispose (object);
}

static void
mdg_pin_pad_finalize (GObject *object)
{
  MdgPinPad *self = MDG_PIN_PAD (object);

  clear_digits (self);
  g_string_free (self->digits, TRUE);
  g_free (self->language);
  G_OBJECT_CLASS (mdg_pin_pad_parent_class)->finalize (object);
}

static void
mdg_pin_pad_class_init (MdgPinPadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_pin_pad_dispose;
  object_class->finalize = mdg_pin_pad_finalize;
  object_class->get_property = mdg_pin_pad_get_property;
  object_class->set_property = mdg_pin_pad_set_property;

  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                                     | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/mdg-pin-pad.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgPinPad, dots_label);
  gtk_widget_class_bind_template_child (widget_class, MdgPinPad, message_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "pin.digit", "s", digit_action);
  gtk_widget_class_install_action (widget_class, "pin.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "pin.enter", NULL, enter_action);
  gtk_widget_class_install_action (widget_class, "pin.cancel", NULL, cancel_action);
}

static void
mdg_pin_pad_init (MdgPinPad *self)
{
  self->digits = g_string_sized_new (MDG_PIN_MAX_DIGITS + 1);
  gtk_widget_init_template (GTK_WIDGET (self));
  mdg_translatable_adopt (GTK_WIDGET (self));
}

MdgPinPad *
mdg_pin_pad_new (MdgStore *store)
{
  MdgPinPad *self;

  g_return_val_if_fail (MDG_IS_STORE (store), NULL);

  self = g_object_new (MDG_TYPE_PIN_PAD, NULL);
  self->store = g_object_ref (store);
  update_dots (self);
  say_state (self);
  return self;
}
