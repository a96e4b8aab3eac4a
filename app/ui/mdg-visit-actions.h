/* mdg-visit-actions.h: the visit.* actions the pages' buttons name, for any widget that shows a
 * visit's pages (the kiosk's window, the desk's staff entry). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Installs visit.choose, .toggle, .next, .back and .change on `klass`, acting on the MdgVisit *
 * and MdgPageDeck * found at these offsets in its instance struct. */
void mdg_visit_actions_install (GtkWidgetClass *klass,
                                gsize           visit_offset,
                                gsize           deck_offset);

G_END_DECLS
