/* mdg-translatable.h: template texts that follow a language switch in place. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The translation domain a template names so that GtkBuilder leaves its English texts alone. */
#define MDG_TRANSLATABLE_SOURCE_DOMAIN "madoguchi-source"

void mdg_translatable_adopt  (GtkWidget *root);
void mdg_translatable_update (GtkWidget *root);
void mdg_translatable_keep_phrases (GtkWidget *root);

G_END_DECLS
