/* mdg-contact-form.c: the contact page's form: what the details are for, consent, the fields. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mdg-contact-form.h"
#include "mdg-settings.h"
#include "mdg-translatable.h"

struct _MdgContactForm
{
  GtkWidget parent_instance;

  /* template widgets */
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

  gboolean tried;   /* the visitor has tapped Next while the form could not be passed */
  gboolean loading; /* the widgets are being set from the visit, not typed into */

  /* owned references */
  MdgVisit *visit;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (MdgContactForm, mdg_contact_form, GTK_TYPE_WIDGET)

static void
entries_of (MdgContactForm *self,
            GtkEntry       *entries[MDG_CONTACT_N_FIELDS])
{
  entries[MDG_CONTACT_NAME] = self->name_entry;
  entries[MDG_CONTACT_PHONE] = self->phone_entry;
  entries[MDG_CONTACT_EMAIL] = self->email_entry;
  entries[MDG_CONTACT_TIME] = self->time_entry;
  entries[MDG_CONTACT_READING] = self->reading_entry;
}

/* Nothing is red before the visitor taps Next: a first keystroke is not a mistake, and an
 * error appearing mid-typing would move the fields under the finger. */
static void
update_errors (MdgContactForm *self)
{
  const MdgContact *contact = mdg_visit_get_contact (self->visit);
  const char *phone = contact->fields[MDG_CONTACT_PHONE];
  const char *email = contact->fields[MDG_CONTACT_EMAIL];
  gboolean bad_phone = phone != NULL && !mdg_contact_phone_is_valid (phone);
  gboolean bad_email = email != NULL && !mdg_contact_email_is_valid (email);
  gboolean tried = self->tried;

  gtk_widget_set_visible (GTK_WIDGET (self->phone_error), tried && bad_phone);
  gtk_widget_set_visible (GTK_WIDGET (self->email_error), tried && bad_email);
  gtk_widget_set_visible (GTK_WIDGET (self->contact_error),
                          tried && contact->consent && phone == NULL && email == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->consent_error),
                          tried && !contact->consent && mdg_contact_has_any (contact));
}

static void
entry_changed_cb (MdgContactForm *self,
                  GtkEntry       *entry)
{
  GtkEntry *entries[MDG_CONTACT_N_FIELDS];

  if (self->loading)
    return;
  entries_of (self, entries);
  for (guint i = 0; i < MDG_CONTACT_N_FIELDS; i++)
    if (entries[i] == entry)
      mdg_visit_set_contact_field (self->visit, i, gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_errors (self);
}

static void
consent_toggled_cb (MdgContactForm  *self,
                    GtkToggleButton *toggle)
{
  gboolean active = gtk_toggle_button_get_active (toggle);

  gtk_accessible_update_state (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_STATE_CHECKED, active, -1);
  if (self->loading)
    return;
  mdg_visit_set_consent (self->visit, active);
  update_errors (self);
}

/* Shows the visit's contact details, as given so far; no error until Next is tapped. */
void
mdg_contact_form_load (MdgContactForm *self)
{
  const MdgContact *contact;
  GtkEntry *entries[MDG_CONTACT_N_FIELDS];

  g_return_if_fail (MDG_IS_CONTACT_FORM (self));

  contact = mdg_visit_get_contact (self->visit);
  entries_of (self, entries);
  self->loading = TRUE;
  self->tried = FALSE;
  gtk_toggle_button_set_active (self->consent, contact->consent);
  for (guint i = 0; i < MDG_CONTACT_N_FIELDS; i++)
    gtk_editable_set_text (GTK_EDITABLE (entries[i]),
                           contact->fields[i] != NULL ? contact->fields[i] : "");
  self->loading = FALSE;
  update_errors (self);
}

/* The page is going: what was typed stays in the visit only, so a wipe of the visit leaves no
 * trace here (setting a text also empties the entry's undo history). */
void
mdg_contact_form_clear (MdgContactForm *self)
{
  GtkEntry *entries[MDG_CONTACT_N_FIELDS];

  g_return_if_fail (MDG_IS_CONTACT_FORM (self));

  entries_of (self, entries);
  self->loading = TRUE;
  self->tried = FALSE;
  gtk_toggle_button_set_active (self->consent, FALSE);
  for (guint i = 0; i < MDG_CONTACT_N_FIELDS; i++)
    gtk_editable_set_text (GTK_EDITABLE (entries[i]), "");
  self->loading = FALSE;
  update_errors (self);
}

/* What the details are for, how long they stay and whom to ask, in the visit's language; and in
 * Japanese the name as it is read, which coordinators need to phone the visitor. */
void
mdg_contact_form_update_texts (MdgContactForm *self)
{
  const char *language;
  g_autofree char *who = NULL;
  g_autofree char *notice = NULL;
  guint days;

  g_return_if_fail (MDG_IS_CONTACT_FORM (self));

  language = mdg_visit_get_language (self->visit);
  who = mdg_settings_dup_text (self->settings, "privacy-contact", language);
  days = g_settings_get_uint (self->settings, "contact-retention-days");
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
  gtk_widget_set_visible (self->reading_label, g_str_has_prefix (language, "ja"));
  gtk_widget_set_visible (GTK_WIDGET (self->reading_entry), g_str_has_prefix (language, "ja"));
}

/* Next was tapped (TRUE) or the visitor starts afresh (FALSE). */
void
mdg_contact_form_show_errors (MdgContactForm *self,
                              gboolean        tried)
{
  g_return_if_fail (MDG_IS_CONTACT_FORM (self));

  self->tried = tried;
  update_errors (self);
}

/* What stops the form, in the words said next to Next; NULL before Next was tried. */
const char *
mdg_contact_form_get_reason (MdgContactForm *self)
{
  const MdgContact *contact;

  g_return_val_if_fail (MDG_IS_CONTACT_FORM (self), NULL);

  contact = mdg_visit_get_contact (self->visit);
  if (!self->tried)
    return NULL;
  if (!contact->consent)
    return _("Agree to the use of your details, or clear them.");
  if (contact->fields[MDG_CONTACT_PHONE] == NULL && contact->fields[MDG_CONTACT_EMAIL] == NULL)
    return _("Give a phone number or an e-mail address.");
  return _("Please check the field marked in red.");
}

static void
mdg_contact_form_dispose (GObject *object)
{
  MdgContactForm *self = MDG_CONTACT_FORM (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), MDG_TYPE_CONTACT_FORM);
  /* The template's outer box is not bound to a field: unparent it by hand. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->visit);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (mdg_contact_form_parent_class)->dispose (object);
}

static void
mdg_contact_form_class_init (MdgContactFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mdg_contact_form_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/mdg-contact-form.ui");
  gtk_widget_class_bind_template_child (widget_class, MdgContactForm, contact_notice);
  gtk_widget_class_bind_template_child (widget_class, MdgContactForm, consent);
  gtk_widget_class_bind_template_child (widget_class, MdgContactForm, name_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgContactForm, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgContactForm, email_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgContactForm, time_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgContactForm, reading_label);
  gtk_widget_class_bind_template_child (widget_class, MdgContactForm, reading_entry);
  gtk_widget_class_bind_template_child (widget_class, MdgContactForm, phone_error);
  gtk_widget_class_bind_template_child (widget_class, MdgContactForm, email_error);
  gtk_widget_class_bind_template_child (widget_class, MdgContactForm, contact_error);
  gtk_widget_class_bind_template_child (widget_class, MdgContactForm, consent_error);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, consent_toggled_cb);
}

static void
mdg_contact_form_init (MdgContactForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mdg_translatable_adopt (GTK_WIDGET (self));
}

MdgContactForm *
mdg_contact_form_new (MdgVisit  *visit,
                      GSettings *settings)
{
  MdgContactForm *self;

  g_return_val_if_fail (MDG_IS_VISIT (visit), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (MDG_TYPE_CONTACT_FORM, NULL);
  self->visit = g_object_ref (visit);
  self->settings = g_object_ref (settings);
  return self;
}
