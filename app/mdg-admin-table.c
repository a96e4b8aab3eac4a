/* mdg-admin-table.c: madoguchi-admin's tables: columns aligned for a terminal (CJK characters
 * take two), and the list of a day's inquiries, built row by row as the store reads them. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "mdg-admin-table.h"

/* Display width in terminal columns: CJK characters take two. */
static guint
text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = (guchar) *p < 0x80 ? (guchar) *p : g_utf8_get_char (p);

      /* ASCII, most of a table, is one column: no need to ask the Unicode tables. */
      width += c < 0x80 ? 1 : g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* A cell's width. ASCII is a column a byte; other text (a Japanese label) is measured once per
 * string in `known`, since a list's repeated cells are the same string. */
static guint
cell_width (GHashTable *known,
            const char *text)
{
  const char *p = text;
  gpointer width = NULL;

  while (*p != '\0' && (guchar) *p < 0x80)
    p++;
  if (*p == '\0')
    return p - text;
  if (!g_hash_table_lookup_extended (known, text, NULL, &width))
    {
      width = GUINT_TO_POINTER (text_width (text));
      g_hash_table_insert (known, (gpointer) text, width);
    }
  return GPOINTER_TO_UINT (width);
}

/* Prints rows (arrays of n_cols strings, the header first) in columns two spaces apart. Each cell
 * is measured once, and lines go to stdout's buffer: g_print would flush each one. */
void
mdg_admin_print_table (GPtrArray *rows,
                       guint      n_cols)
{
  g_autofree guint *widths = g_new0 (guint, n_cols);
  g_autofree guint *cell_widths = g_new (guint, rows->len * n_cols);
  g_autoptr (GHashTable) known = g_hash_table_new (NULL, NULL);
  g_autoptr (GString) line = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    for (guint c = 0; c < n_cols; c++)
      {
        guint width = cell_width (known, ((char **) g_ptr_array_index (rows, i))[c]);

        cell_widths[i * n_cols + c] = width;
        widths[c] = MAX (widths[c], width);
      }
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      g_string_truncate (line, 0);
      for (guint c = 0; c < n_cols; c++)
        {
          g_string_append (line, row[c]);
          for (guint w = cell_widths[i * n_cols + c]; c + 1 < n_cols && w < widths[c] + 2; w++)
            g_string_append_c (line, ' ');
        }
      g_string_append_c (line, '\n');
      fputs (line->str, stdout);
    }
}

enum { COL_NUMBER, COL_TIME, COL_CHANNEL, COL_STATUS, COL_FOLLOWUP, COL_COORDINATOR, COL_WHO, COL_PURPOSE,
       N_COLS };
#define HEADER "NUMBER|TIME|CHANNEL|STATUS|FOLLOW-UP|COORDINATOR|WHO|PURPOSE"

/* "HH:MM", as g_date_time_format's %H:%M would say it, without a format walk and a 128-byte
 * string for each of a day's rows. */
static void
format_time (GDateTime *time,
             char       text[6])
{
  int hour = g_date_time_get_hour (time);
  int minute = g_date_time_get_minute (time);

  text[0] = '0' + hour / 10;
  text[1] = '0' + hour % 10;
  text[2] = ':';
  text[3] = '0' + minute / 10;
  text[4] = '0' + minute % 10;
  text[5] = '\0';
}

/* A list as it is built. A day's rows are thousands of short strings, most of them repeated (a
 * status, a channel, a label): the cells live in one string chunk, repeated ones once, rather
 * than in a block of heap each. */
struct _MdgAdminList
{
  MdgFlow *flow;
  const char *language;
  guint first; /* the column of the inquiry's number: 1 after a center */
  GStringChunk *cells;
  GPtrArray *rows; /* arrays of cells, the header first */
  GHashTable *who_labels; /* see role_label */
  GHashTable *purpose_labels;
};

/* `flow` and `language` must outlive the list. With a center, each row starts with it. */
MdgAdminList *
mdg_admin_list_new (MdgFlow    *flow,
                    const char *language,
                    gboolean    with_center)
{
  MdgAdminList *list = g_new0 (MdgAdminList, 1);
  g_auto (GStrv) titles = g_strsplit (with_center ? "CENTER|" HEADER : HEADER, "|", -1);
  const char **row = g_new0 (const char *, g_strv_length (titles) + 1);

  list->flow = flow;
  list->language = language;
  list->first = with_center ? 1 : 0;
  list->cells = g_string_chunk_new (16384);
  list->rows = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; titles[i] != NULL; i++)
    row[i] = g_string_chunk_insert (list->cells, titles[i]);
  g_ptr_array_add (list->rows, row);
  list->who_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  list->purpose_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return list;
}

void
mdg_admin_list_free (MdgAdminList *list)
{
  g_ptr_array_unref (list->rows);
  g_string_chunk_free (list->cells);
  g_hash_table_unref (list->who_labels);
  g_hash_table_unref (list->purpose_labels);
  g_free (list);
}

/* The answer to the step with this role as the list shows it, "-" for none. A day repeats the
 * same few answers, and describing one switches gettext's language twice, so a one-choice
 * answer (who, purpose) is described once: `labels` keeps them by choice id, one table a role. */
static const char *
role_label (MdgAdminList *list,
            GHashTable   *labels,
            MdgInquiry   *inquiry,
            MdgRole       role)
{
  const char *step_id = mdg_flow_get_role_id (list->flow, role);
  const GPtrArray *choices = step_id != NULL ? mdg_inquiry_get_answer (inquiry, step_id) : NULL;
  const char *choice = choices != NULL && choices->len == 1 ? g_ptr_array_index (choices, 0) : NULL;
  const char *label = choice != NULL ? g_hash_table_lookup (labels, choice) : NULL;
  g_autofree char *text = NULL;

  if (label != NULL)
    return label;
  text = mdg_inquiry_describe_role (inquiry, list->flow, role, list->language);
  label = g_string_chunk_insert_const (list->cells, *text != '\0' ? text : "-");
  if (choice != NULL)
    g_hash_table_insert (labels, g_strdup (choice), (char *) label);
  return label;
}

/* "kiosk", or the channel and who typed it: "phone (Sato)". */
static const char *
channel_cell (MdgAdminList *list,
              MdgInquiry   *inquiry)
{
  const char *by = mdg_inquiry_get_entered_by (inquiry);
  g_autofree char *text = NULL;

  if (by == NULL)
    return g_string_chunk_insert_const (list->cells, mdg_inquiry_get_channel (inquiry));
  text = g_strdup_printf ("%s (%s)", mdg_inquiry_get_channel (inquiry), by);
  return g_string_chunk_insert_const (list->cells, text);
}

/* An inquiry's row; the city-wide list puts its center first. */
void
mdg_admin_list_add_at (MdgAdminList *list,
                       const char   *center,
                       MdgInquiry   *inquiry)
{
  const char *followup = mdg_inquiry_get_followup (inquiry);
  const char *coordinator = mdg_inquiry_get_coordinator (inquiry);
  const char **row = g_new0 (const char *, list->first + N_COLS + 1);
  const char **cells = row + list->first;
  char time[6];

  g_return_if_fail ((center != NULL) == (list->first == 1));

  if (center != NULL)
    row[0] = g_string_chunk_insert_const (list->cells, center);
  format_time (mdg_inquiry_get_created (inquiry), time);
  cells[COL_NUMBER] = g_string_chunk_insert (list->cells, mdg_inquiry_get_number (inquiry));
  cells[COL_TIME] = g_string_chunk_insert_const (list->cells, time);
  cells[COL_CHANNEL] = channel_cell (list, inquiry);
  cells[COL_STATUS] = g_string_chunk_insert_const (list->cells, mdg_inquiry_get_status (inquiry));
  cells[COL_FOLLOWUP] = g_string_chunk_insert_const (list->cells, followup != NULL ? followup : "-");
  cells[COL_COORDINATOR] = g_string_chunk_insert_const (list->cells,
                                                        coordinator != NULL ? coordinator : "-");
  cells[COL_WHO] = role_label (list, list->who_labels, inquiry, MDG_ROLE_WHO);
  cells[COL_PURPOSE] = role_label (list, list->purpose_labels, inquiry, MDG_ROLE_PURPOSE);
  g_ptr_array_add (list->rows, row);
}

/* An MdgInquiryFunc, for the store to hand a list without a center its inquiries. */
void
mdg_admin_list_add_inquiry (MdgInquiry *inquiry,
                            gpointer    list)
{
  mdg_admin_list_add_at (list, NULL, inquiry);
}

/* The table and the count below it. */
void
mdg_admin_list_print (MdgAdminList *list,
                      const char   *day)
{
  guint n = list->rows->len - 1;

  mdg_admin_print_table (list->rows, list->first + N_COLS);
  g_print ("%u %s on %s\n", n, n == 1 ? "inquiry" : "inquiries", day);
}
