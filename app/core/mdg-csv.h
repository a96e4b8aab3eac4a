/* mdg-csv.h: CSV for spreadsheets (BOM, CRLF, every field quoted, formulas defused) and the
 * export of inquiries, one row each. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mdg-flow.h"
#include "mdg-store.h"

G_BEGIN_DECLS

/* Japanese Excel reads a CSV as UTF-8 only when it starts with the byte order mark. */
#define MDG_CSV_BOM "\xEF\xBB\xBF"

void     mdg_csv_append_field        (GString       *row,
                                      const char    *value);
void     mdg_csv_end_row             (GString       *row);
gboolean mdg_csv_write_row           (GOutputStream *out,
                                      GString       *row,
                                      GError       **error);

/* Writes a whole CSV to `out`. */
typedef gboolean (*MdgCsvWriteFunc) (GOutputStream *out,
                                     gpointer       user_data,
                                     GError       **error);
gboolean mdg_csv_write_file          (MdgStore        *store,
                                      const char      *path,
                                      MdgCsvWriteFunc  write,
                                      gpointer         user_data,
                                      GError         **error);

gboolean mdg_csv_export_days         (MdgStore      *store,
                                      MdgFlow       *flow,
                                      const char    *from,
                                      const char    *to,
                                      const char    *language,
                                      GOutputStream *out,
                                      GError       **error);
gboolean mdg_csv_export_days_to_file (MdgStore      *store,
                                      MdgFlow       *flow,
                                      const char    *from,
                                      const char    *to,
                                      const char    *language,
                                      const char    *path,
                                      GError       **error);

G_END_DECLS
