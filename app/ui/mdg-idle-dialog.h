/* mdg-idle-dialog.h: "Are you still there?" over the page, counting down to a fresh start. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MDG_TYPE_IDLE_DIALOG (mdg_idle_dialog_get_type ())
G_DECLARE_FINAL_TYPE (MdgIdleDialog, mdg_idle_dialog, MDG, IDLE_DIALOG, GtkWidget)

GtkWidget *mdg_idle_dialog_new           (void);
void       mdg_idle_dialog_set_remaining (MdgIdleDialog *self,
                                          guint          remaining);
guint      mdg_idle_dialog_get_remaining (MdgIdleDialog *self);

G_END_DECLS
