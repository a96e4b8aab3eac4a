/* mdg-agenda.c: the desk's exports: a day's inquiries as CSV, the regular meeting's agenda as
 * CSV and as a printable PDF. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "mdg-agenda.h"
#include "mdg-csv.h"
#include "mdg-desk-store.h"
#include "mdg-error.h"
#include "mdg-file.h"
#include "mdg-i18n.h"
#include "mdg-inquiry-list.h"
#include "mdg-introduction.h"
#include "mdg-store-private.h"

static const char *
tr (const char *language,
    const char *source)
{
  return mdg_i18n_translate_in (language, source);
}

static const char *
followup_label (MdgInquiry *inquiry,
                MdgFlow    *flow,
                const char *language)
{
  const char *followup = mdg_inquiry_get_followup (inquiry);
  MdgStep *step = mdg_flow_lookup_role (flow, MDG_ROLE_FOLLOWUP);
  MdgChoice *choice = step != NULL ? mdg_step_lookup_choice (step, followup) : NULL;

  return choice != NULL ? mdg_choice_get_label_in (choice, language) : followup;
}

/* The last meeting, for this agenda: the day of the previous agenda before today's, so that
 * writing today's agenda again (as CSV and PDF) keeps the same start. */
typedef struct
{
  gint64 since;   /* Unix seconds; 0 before the first meeting */
  char *previous; /* the day to keep as agenda-since once written; NULL if already kept */
  char *today;
} Meeting;

static void
meeting_clear (Meeting *meeting)
{
  g_clear_pointer (&meeting->previous, g_free);
  g_clear_pointer (&meeting->today, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Meeting, meeting_clear)

static gboolean
meeting_read (MdgStore *store,
              Meeting  *meeting,
              GError  **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = mdg_store_get_setting (store, "agenda-day", &local);
  g_autofree char *since = NULL;
  int y = 0, m = 0, d = 0;

  meeting->today = g_date_time_format (now, "%Y-%m-%d");
  if (local == NULL && g_strcmp0 (day, meeting->today) == 0)
    since = mdg_store_get_setting (store, "agenda-since", &local);
  else if (local == NULL)
    {
      since = g_strdup (day);
      meeting->previous = g_strdup (day != NULL ? day : "");
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  meeting->since = 0;
  if (since != NULL && sscanf (since, "%4d-%2d-%2d", &y, &m, &d) == 3)
    {
      g_autoptr (GDateTime) start = g_date_time_new_local (y, m, d, 0, 0, 0);

      if (start != NULL)
        meeting->since = g_date_time_to_unix (start);
    }
  return TRUE;
}

/* Once the agenda is written, today is the meeting the next one starts from. */
static gboolean
meeting_record (MdgStore *store,
                Meeting  *meeting,
                GError  **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (meeting->previous == NULL)
    return TRUE;
  stmt = mdg_store_prepare (store, "INSERT OR REPLACE INTO setting (key, value)"
                                   " VALUES ('agenda-since', ?1), ('agenda-day', ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, meeting->previous, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, meeting->today, -1, SQLITE_STATIC);
  return mdg_store_step_done (store, stmt, "recording the meeting's day", error);
}

static char *
format_day (gint64 at)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_local (at);

  return g_date_time_format (time, "%Y-%m-%d");
}

/* The inquiry's introductions with their states, and the dated state changes since the last
 * meeting, one per line each. */
static void
describe_introductions (MdgStore   *store,
                        MdgInquiry *inquiry,
                        gint64      since,
                        const char *language,
                        char      **introductions,
                        char      **changes)
{
  g_autoptr (GPtrArray) list = mdg_introduction_list (store, inquiry, NULL);
  g_autoptr (GPtrArray) timeline = mdg_desk_store_list_timeline (store, inquiry, NULL);
  g_autoptr (GString) now = g_string_new (NULL);
  g_autoptr (GString) recent = g_string_new (NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      MdgIntroduction *introduction = g_ptr_array_index (list, i);
      g_autofree char *approached = format_day (introduction->approached_at);

      g_string_append_printf (now, "%s%s: %s (%s %s)", now->len > 0 ? "\n" : "",
                              introduction->organisation,
                              mdg_introduction_state_label (introduction->state, language),
                              tr (language, N_("approached")), approached);
    }
  for (guint i = 0; timeline != NULL && i < timeline->len; i++)
    {
      MdgDeskStoreEvent *event = g_ptr_array_index (timeline, i);
      g_autofree char *day = NULL;

      if (!g_str_equal (event->field, "introduction") || event->at < since)
        continue;
      day = format_day (event->at);
      g_string_append_printf (recent, "%s%s %s: %s", recent->len > 0 ? "\n" : "", day,
                              event->old_value != NULL ? event->old_value : "",
                              mdg_introduction_state_label (event->new_value, language));
    }
  *introductions = g_string_free (g_steal_pointer (&now), FALSE);
  *changes = g_string_free (g_steal_pointer (&recent), FALSE);
}

gboolean
mdg_agenda_write_csv (MdgStore   *store,
                      GListModel *inquiries,
                      MdgFlow    *flow,
                      const char *language,
                      const char *path,
                      GError    **error)
{
  static const char *headers[] = {
    N_("Number"), N_("Date"), N_("Time"), N_("Purpose"), N_("Areas"), N_("Who"), N_("Stage"),
    N_("Follow-up"), N_("Status"), N_("Coordinator"), N_("Regular meeting"), N_("Introductions"),
    N_("Since the last meeting"), N_("Details"),
  };
  g_autoptr (GString) csv = g_string_new (MDG_CSV_BOM);
  g_autoptr (GString) header = g_string_new (NULL);
  g_auto (Meeting) meeting = { 0, NULL, NULL };
  guint n;

  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (inquiries), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!meeting_read (store, &meeting, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    mdg_csv_append_field (header, tr (language, headers[i]));
  mdg_csv_end_row (header);
  g_string_append_len (csv, header->str, header->len);

  n = g_list_model_get_n_items (inquiries);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (MdgInquiry) inquiry = g_list_model_get_item (inquiries, i);
      g_autoptr (GString) line = g_string_new (NULL);
      g_autofree char *date = g_date_time_format (mdg_inquiry_get_created (inquiry), "%Y-%m-%d");
      g_autofree char *time = g_date_time_format (mdg_inquiry_get_created (inquiry), "%H:%M");
      static const MdgRole roles[] = { MDG_ROLE_PURPOSE, MDG_ROLE_THEMES, MDG_ROLE_WHO,
                                       MDG_ROLE_STAGE };
      g_autofree char *introductions = NULL;
      g_autofree char *changes = NULL;

      mdg_csv_append_field (line, mdg_inquiry_get_number (inquiry));
      mdg_csv_append_field (line, date);
      mdg_csv_append_field (line, time);
      for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
        {
          g_autofree char *answer = mdg_inquiry_describe_role (inquiry, flow, roles[r], language);

          mdg_csv_append_field (line, answer);
        }
      mdg_csv_append_field (line, followup_label (inquiry, flow, language));
      mdg_csv_append_field (line, mdg_inquiry_status_label (mdg_inquiry_get_status (inquiry), language));
      mdg_csv_append_field (line, mdg_inquiry_get_coordinator (inquiry));
      mdg_csv_append_field (line, mdg_inquiry_get_meeting (inquiry) ? tr (language, N_("Yes")) : "");
      describe_introductions (store, inquiry, meeting.since, language, &introductions, &changes);
      mdg_csv_append_field (line, introductions);
      mdg_csv_append_field (line, changes);
      mdg_csv_append_field (line, mdg_inquiry_get_details (inquiry));
      mdg_csv_end_row (line);
      g_string_append_len (csv, line->str, line->len);
    }
  return mdg_file_write_contents (path, csv->str, csv->len, error)
         && meeting_record (store, &meeting, error);
}

/* A4 in points, with 2 cm margins. */
#define PAGE_WIDTH 595.0
#define PAGE_HEIGHT 842.0
#define MARGIN 56.0

typedef struct
{
  cairo_t *cr;
  double y;
} Sheet;

static void
draw_text (Sheet      *sheet,
           const char *text,
           const char *font,
           double      gap_after)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (sheet->cr);
  g_autoptr (PangoFontDescription) description = pango_font_description_from_string (font);
  int width, height;

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, (int) ((PAGE_WIDTH - 2 * MARGIN) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &width, &height);
  if (sheet->y + height / (double) PANGO_SCALE > PAGE_HEIGHT - MARGIN && sheet->y > MARGIN)
    {
      cairo_show_page (sheet->cr);
      sheet->y = MARGIN;
    }
  cairo_move_to (sheet->cr, MARGIN, sheet->y);
  pango_cairo_show_layout (sheet->cr, layout);
  sheet->y += height / (double) PANGO_SCALE + gap_after;
}

static void
draw_inquiry (Sheet      *sheet,
              MdgStore   *store,
              MdgInquiry *inquiry,
              MdgFlow    *flow,
              gint64      since,
              const char *language)
{
  g_autofree char *introductions = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *when = g_date_time_format (mdg_inquiry_get_created (inquiry), "%Y-%m-%d %H:%M");
  g_autofree char *purpose = mdg_inquiry_describe_role (inquiry, flow, MDG_ROLE_PURPOSE, language);
  g_autofree char *areas = mdg_inquiry_describe_role (inquiry, flow, MDG_ROLE_THEMES, language);
  g_autofree char *who = mdg_inquiry_describe_role (inquiry, flow, MDG_ROLE_WHO, language);
  g_autofree char *heading = g_strdup_printf ("%s   %s   %s", mdg_inquiry_get_number (inquiry),
                                              when, purpose);
  g_autofree char *facts = g_strdup_printf (
    "%s: %s\n%s: %s\n%s: %s   %s: %s", tr (language, N_("Areas")), areas,
    tr (language, N_("Who")), who, tr (language, N_("Status")),
    mdg_inquiry_status_label (mdg_inquiry_get_status (inquiry), language),
    tr (language, N_("Coordinator")),
    mdg_inquiry_get_coordinator (inquiry) != NULL ? mdg_inquiry_get_coordinator (inquiry) : "—");
  g_autoptr (GPtrArray) timeline = mdg_desk_store_list_timeline (store, inquiry, NULL);

  draw_text (sheet, heading, "Sans Bold 13", 4);
  draw_text (sheet, facts, "Sans 10", 4);
  if (mdg_inquiry_get_details (inquiry) != NULL && *mdg_inquiry_get_details (inquiry) != '\0')
    draw_text (sheet, mdg_inquiry_get_details (inquiry), "Sans Italic 10", 4);
  for (guint i = 0; timeline != NULL && i < timeline->len; i++)
    {
      MdgDeskStoreEvent *event = g_ptr_array_index (timeline, i);
      g_autoptr (GDateTime) at = g_date_time_new_from_unix_local (event->at);
      g_autofree char *date = g_date_time_format (at, "%m/%d");
      g_autofree char *line = NULL;

      if (!g_str_equal (event->field, "note"))
        continue;
      line = g_strdup_printf ("%s  %s", date, event->new_value != NULL ? event->new_value : "");
      draw_text (sheet, line, "Sans 10", 2);
    }
  describe_introductions (store, inquiry, since, language, &introductions, &changes);
  if (*introductions != '\0')
    {
      g_autofree char *block = g_strdup_printf ("%s\n%s", tr (language, N_("Introductions")),
                                                introductions);

      draw_text (sheet, block, "Sans 10", 2);
    }
  if (*changes != '\0')
    {
      g_autofree char *block = g_strdup_printf ("%s\n%s", tr (language, N_("Since the last meeting")),
                                                changes);

      draw_text (sheet, block, "Sans 10", 2);
    }
  sheet->y += 14;
}

gboolean
mdg_agenda_write_pdf (MdgStore   *store,
                      GListModel *inquiries,
                      MdgFlow    *flow,
                      const char *language,
                      const char *path,
                      GError    **error)
{
  g_autofree char *tmp = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *title = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  Sheet sheet = { NULL, MARGIN };
  g_auto (Meeting) meeting = { 0, NULL, NULL };
  guint n;
  int fd;

  g_return_val_if_fail (MDG_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (inquiries), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!meeting_read (store, &meeting, error))
    return FALSE;
  /* The shared helper refuses the database's files, devices and folders. */
  tmp = mdg_file_open_temp (path, &fd, error);
  if (tmp == NULL)
    return FALSE;

  surface = cairo_pdf_surface_create (tmp, PAGE_WIDTH, PAGE_HEIGHT);
  sheet.cr = cairo_create (surface);
  cairo_set_source_rgb (sheet.cr, 0, 0, 0);
  title = g_strdup_printf ("%s — %s", tr (language, N_("Regular meeting agenda")), today);
  draw_text (&sheet, title, "Sans Bold 18", 16);
  n = g_list_model_get_n_items (inquiries);
  if (n == 0)
    draw_text (&sheet, tr (language, N_("No inquiry is flagged for the regular meeting.")),
               "Sans 11", 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (MdgInquiry) inquiry = g_list_model_get_item (inquiries, i);

      draw_inquiry (&sheet, store, inquiry, flow, meeting.since, language);
    }
  cairo_destroy (sheet.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  close (fd); /* held until now for its lock, while cairo wrote the file by name */

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      g_set_error (error, MDG_ERROR, MDG_ERROR_IO, "%s cannot be written: %s", path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return mdg_file_commit_temp (tmp, path, error) && meeting_record (store, &meeting, error);
}
