/* mdg-application.h: the kiosk application: settings, flow and store for every window. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mdg-flow.h"
#include "mdg-store.h"

G_BEGIN_DECLS

#define MDG_TYPE_APPLICATION (mdg_application_get_type ())
G_DECLARE_FINAL_TYPE (MdgApplication, mdg_application, MDG, APPLICATION, GtkApplication)

MdgApplication *mdg_application_new             (void);
GSettings      *mdg_application_get_settings    (MdgApplication *self);
MdgFlow        *mdg_application_get_flow        (MdgApplication *self);
MdgStore       *mdg_application_get_store       (MdgApplication *self);
const char     *mdg_application_get_language    (MdgApplication *self);
void            mdg_application_set_language    (MdgApplication *self,
                                                 const char     *language);
void            mdg_application_reset_language  (MdgApplication *self);
GPtrArray      *mdg_application_get_problems    (MdgApplication *self);
gboolean        mdg_application_can_take_inquiries (MdgApplication *self);
void            mdg_application_check_store     (MdgApplication *self);
void            mdg_application_restart         (MdgApplication *self);
int             mdg_application_get_exit_status (MdgApplication *self);

G_END_DECLS
