/* mdg-agenda.h: the desk's exports: a day's inquiries as CSV, the regular meeting's agenda as
 * CSV and as a printable PDF. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-flow.h"
#include "mdg-store.h"

G_BEGIN_DECLS

/* `inquiries` is a GListModel of MdgInquiry; labels and headers are in `language`. */
gboolean mdg_agenda_write_csv (MdgStore    *store,
                               GListModel  *inquiries,
                               MdgFlow     *flow,
                               const char  *language,
                               const char  *path,
                               GError     **error);
gboolean mdg_agenda_write_pdf (MdgStore    *store,
                               GListModel  *inquiries,
                               MdgFlow     *flow,
                               const char  *language,
                               const char  *path,
                               GError     **error);

G_END_DECLS
