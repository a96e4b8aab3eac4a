/* mdg-contact-form.h: the contact page's form, which types straight into the visit. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-visit.h"

G_BEGIN_DECLS

#define MDG_TYPE_CONTACT_FORM (mdg_contact_form_get_type ())
G_DECLARE_FINAL_TYPE (MdgContactForm, mdg_contact_form, MDG, CONTACT_FORM, GtkWidget)

MdgContactForm *mdg_contact_form_new          (MdgVisit       *visit,
                                               GSettings      *settings);
void            mdg_contact_form_load         (MdgContactForm *self);
void            mdg_contact_form_clear        (MdgContactForm *self);
void            mdg_contact_form_update_texts (MdgContactForm *self);
void            mdg_contact_form_show_errors  (MdgContactForm *self,
                                               gboolean        tried);
const char     *mdg_contact_form_get_reason   (MdgContactForm *self);

G_END_DECLS
