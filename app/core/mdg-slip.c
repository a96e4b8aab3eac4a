/* mdg-slip.c: the visitor's printed slip, drawn with cairo and pango for paper and PDF. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <unistd.h>

#include "mdg-error.h"
#include "mdg-file.h"
#include "mdg-followup.h"
#include "mdg-i18n.h"
#include "mdg-phrases.h"
#include "mdg-inquiry-list.h"
#include "mdg-qr.h"
#include "mdg-settings.h"
#include "mdg-slip.h"
#include "mdg-number.h"

/* GTK defines these for its users; the core does without GTK. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_t, cairo_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)

#define MM (72.0 / 25.4)
/* The QR's modules (without the quiet zone) span at least this much, for phones at arm's length. */
#define QR_MODULES_MM 34.0

/* Type and code grow by at least `scale` on A4, whose column is capped so lines stay readable;
 * a sheet's type grows further, up to `max_scale`, until the slip fills its page. */
static const struct
{
  const char *name;
  double width_mm, height_mm, margin_mm, column_mm, scale, max_scale;
} papers[] = {
  [MDG_SLIP_PAPER_80MM] = { "80mm", 80, 0, 4, 72, 1.0, 1.0 }, /* roll: as long as the content */
  [MDG_SLIP_PAPER_A6] = { "a6", 105, 148, 7, 91, 1.0, 1.6 },
  [MDG_SLIP_PAPER_A4] = { "a4", 210, 297, 20, 150, 1.6, 2.0 },
};
#define SCALE_STEP 0.05

/* The labels of one answer, or NULL when the visitor gave none. */
static char *
answer_labels (MdgInquiry *inquiry,
               MdgFlow    *flow,
               MdgRole     role,
               const char *language)
{
  g_autofree char *text = mdg_inquiry_describe_role (inquiry, flow, role, language);

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

MdgSlipData *
mdg_slip_data_new (MdgInquiry *inquiry,
                   MdgFlow    *flow,
                   GSettings  *settings)
{
  MdgSlipData *data;

  g_return_val_if_fail (MDG_IS_INQUIRY (inquiry), NULL);
  g_return_val_if_fail (MDG_IS_FLOW (flow), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  data = g_new0 (MdgSlipData, 1);
  data->language = g_strdup (mdg_i18n_is_supported (mdg_inquiry_get_language (inquiry))
                               ? mdg_inquiry_get_language (inquiry)
                               : "ja");
  data->center_name = mdg_settings_dup_text (settings, "center-name", data->language);
  data->created = g_date_time_ref (mdg_inquiry_get_created (inquiry));
  data->number = g_strdup (mdg_inquiry_get_number (inquiry));
  data->purpose = answer_labels (inquiry, flow, MDG_ROLE_PURPOSE, data->language);
  data->areas = answer_labels (inquiry, flow, MDG_ROLE_THEMES, data->language);
  data->followup = mdg_flow_get_followup_role (flow, mdg_inquiry_get_followup (inquiry));
  data->has_contact = mdg_inquiry_get_has_contact (inquiry);
  data->url = g_strdup (mdg_inquiry_get_followup_url (inquiry));
  data->retention_days = g_settings_get_uint (settings, "contact-retention-days");
  data->privacy_contact = mdg_settings_dup_text (settings, "privacy-contact", data->language);
  return data;
}

void
mdg_slip_data_free (MdgSlipData *data)
{
  if (data == NULL)
    return;
  g_free (data->language);
  g_free (data->center_name);
  g_clear_pointer (&data->created, g_date_time_unref);
  g_free (data->number);
  g_free (data->purpose);
  g_free (data->areas);
  g_free (data->url);
  g_free (data->privacy_contact);
  g_free (data);
}

gboolean
mdg_slip_paper_from_string (const char   *name,
                            MdgSlipPaper *paper)
{
  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (g_strcmp0 (name, papers[i].name) == 0)
      {
        *paper = i;
        return TRUE;
      }
  return FALSE;
}

/* In points. */
double
mdg_slip_paper_get_width (MdgSlipPaper paper)
{
  g_return_val_if_fail (paper < G_N_ELEMENTS (papers), 0);
  return papers[paper].width_mm * MM;
}

/* One pass over the slip: measures it, and draws it when `paint` is set. */
typedef struct
{
  cairo_t *cr;
  gboolean paint;
  const char *language;
  double left;  /* the current column's left edge, in points */
  double width; /* the current column's width */
  double scale;
  double y;
  double bottom;    /* a sheet's foot, where the privacy notice ends; 0 on the roll */
  GPtrArray *lines; /* when set, collects each laid-out line's text */
} Pass;

static void
text_block (Pass          *pass,
            const char    *text,
            double         size_pt,
            gboolean       bold,
            PangoAlignment alignment,
            double         space_after_mm)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (pass->cr);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Noto Sans CJK JP");
  PangoContext *context = pango_layout_get_context (layout);
  int height;

  /* The language picks Japanese glyph forms for kanji shared with Chinese. */
  pango_context_set_language (context,
                             pango_language_from_string (mdg_i18n_lookup (pass->language)->script));
  pango_font_description_set_absolute_size (font, size_pt * pass->scale * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (pass->width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);
  {
    g_autoptr (PangoAttrList) phrases = mdg_phrases_attributes (pass->language, text);

    pango_layout_set_attributes (layout, phrases);
  }
  pango_layout_get_size (layout, NULL, &height);

  if (pass->lines != NULL)
    for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
      {
        PangoLayoutLine *line = l->data;

        g_ptr_array_add (pass->lines, g_strndup (text + line->start_index, line->length));
      }
  if (pass->paint)
    {
      cairo_move_to (pass->cr, pass->left, pass->y);
      pango_cairo_show_layout (pass->cr, layout);
    }
  pass->y += (double) height / PANGO_SCALE + space_after_mm * MM * pass->scale;
}

static void
rule (Pass   *pass,
      double  space_after_mm)
{
  if (pass->paint)
    {
      cairo_set_line_width (pass->cr, 0.5);
      cairo_move_to (pass->cr, pass->left, pass->y);
      cairo_line_to (pass->cr, pass->left + pass->width, pass->y);
      cairo_stroke (pass->cr);
    }
  pass->y += space_after_mm * MM * pass->scale;
}

/* One path for all dark modules, filled once, so rasterisers leave no seams between them. */
static void
qr_block (Pass        *pass,
          const MdgQr *qr)
{
  guint modules = mdg_qr_get_width (qr);
  guint total = modules + 2 * MDG_QR_QUIET_ZONE;
  /* Grown with the type, but never wider than its column. */
  double module = MIN (QR_MODULES_MM * MM * pass->scale / modules, pass->width / total);
  double side = module * total;
  double x0 = pass->left + (pass->width - side) / 2;

  if (pass->paint)
    {
      cairo_save (pass->cr);
      cairo_set_source_rgb (pass->cr, 1, 1, 1);
      cairo_rectangle (pass->cr, x0, pass->y, side, side);
      cairo_fill (pass->cr);
      cairo_set_source_rgb (pass->cr, 0, 0, 0);
      for (guint y = 0; y < modules; y++)
        for (guint x = 0; x < modules; x++)
          if (mdg_qr_is_dark (qr, x, y))
            cairo_rectangle (pass->cr, x0 + (x + MDG_QR_QUIET_ZONE) * module,
                             pass->y + (y + MDG_QR_QUIET_ZONE) * module, module, module);
      cairo_fill (pass->cr);
      cairo_restore (pass->cr);
    }
  pass->y += side;
}

static const char *
tr (Pass       *pass,
    const char *source)
{
  return mdg_i18n_translate_in (pass->language, source);
}

static void
number_block (Pass              *pass,
              const MdgSlipData *data)
{
  text_block (pass, tr (pass, N_("Your number")), 10, FALSE, PANGO_ALIGN_CENTER, 0);
  text_block (pass, mdg_number_call_part (data->number), 44, TRUE, PANGO_ALIGN_CENTER, 0);
  text_block (pass, data->number, 11, FALSE, PANGO_ALIGN_CENTER, 0);
}

/* The QR code, or a notice where it would be, and what to do next. */
static void
code_block (Pass              *pass,
            const MdgSlipData *data,
            const MdgQr       *qr)
{
  g_autofree char *next = mdg_followup_next_step (data->followup, data->number, data->has_contact,
                                                  data->url != NULL,
                                                  pass->language);

  if (qr != NULL)
    {
      qr_block (pass, qr);
      pass->y += 1.5 * MM * pass->scale;
    }
  else
    text_block (pass, tr (pass, N_("QR code unavailable: the follow-up address setting is invalid. "
                                   "Please ask the staff.")),
                9, TRUE, PANGO_ALIGN_CENTER, 2);
  if (next != NULL)
    text_block (pass, next, 10.5, TRUE, PANGO_ALIGN_CENTER, 0);
}

static void
answers_block (Pass              *pass,
               const MdgSlipData *data)
{
  if (data->purpose != NULL)
    {
      text_block (pass, tr (pass, N_("What you would like to do")), 8.5, TRUE, PANGO_ALIGN_LEFT, 0.5);
      text_block (pass, data->purpose, 10, FALSE, PANGO_ALIGN_LEFT, 2);
    }
  if (data->areas != NULL)
    {
      text_block (pass, tr (pass, N_("Areas of interest")), 8.5, TRUE, PANGO_ALIGN_LEFT, 0.5);
      text_block (pass, data->areas, 10, FALSE, PANGO_ALIGN_LEFT, 2);
    }
}

/* Sheets put the number beside the code, as the done page does; the roll stacks them. */
static void
number_and_code (Pass              *pass,
                 const MdgSlipData *data,
                 const MdgQr       *qr)
{
  double top = pass->y, left = pass->left, width = pass->width;
  double number_height, code_height;
  gboolean paint = pass->paint;

  if (pass->width < 85 * MM)
    {
      number_block (pass, data);
      pass->y += 3 * MM;
      answers_block (pass, data);
      rule (pass, 3);
      code_block (pass, data, qr);
      return;
    }

  /* A gutter between the two, so a long number never meets the sentence beside it. */
  pass->width = width / 2 - 2 * MM * pass->scale;
  pass->left = left + width - pass->width;
  code_block (pass, data, qr);
  code_height = pass->y - top;

  /* Measured first, then drawn centred against the code. */
  pass->left = left;
  pass->y = top;
  pass->paint = FALSE;
  number_block (pass, data);
  number_height = pass->y - top;
  pass->paint = paint;
  pass->y = top + MAX (0, (code_height - number_height) / 2);
  number_block (pass, data);

  pass->width = width;
  pass->y = top + MAX (code_height, number_height) + 2 * MM * pass->scale;
  rule (pass, 2);
  answers_block (pass, data);
}

static void
run_pass (Pass              *pass,
          const MdgSlipData *data)
{
  g_autofree char *when = g_date_time_format (data->created, tr (pass, N_("%Y-%m-%d %H:%M")));
  g_autofree char *privacy = NULL;
  g_autoptr (MdgQr) qr = NULL;
  g_autoptr (GError) error = NULL;

  if (data->url != NULL && (qr = mdg_qr_new (data->url, &error)) == NULL)
    g_warning ("Slip %s: %s", data->number, error->message);

  text_block (pass, data->center_name, 11, TRUE, PANGO_ALIGN_CENTER, 0.5);
  text_block (pass, when, 9, FALSE, PANGO_ALIGN_CENTER, 2);
  rule (pass, 2);
  number_and_code (pass, data, qr);
  privacy = g_strdup_printf (
    mdg_i18n_translate_plural_in (pass->language,
                                  "If you gave contact details, they are kept for %u day and then "
                                  "erased. To see or delete them, ask %s.",
                                  "If you gave contact details, they are kept for %u days and then "
                                  "erased. To see or delete them, ask %s.",
                                  data->retention_days),
    data->retention_days, data->privacy_contact);
  pass->y += 1 * MM;
  if (pass->bottom > 0)
    {
      /* On a sheet the notice stands at the foot of the page, measured first. */
      double top = pass->y;
      gboolean paint = pass->paint;
      GPtrArray *lines = pass->lines;

      pass->paint = FALSE;
      pass->lines = NULL;
      rule (pass, 2);
      text_block (pass, privacy, 8, FALSE, PANGO_ALIGN_LEFT, 0);
      pass->paint = paint;
      pass->lines = lines;
      pass->y = MAX (top, pass->bottom - (pass->y - top));
    }
  rule (pass, 2);
  text_block (pass, privacy, 8, FALSE, PANGO_ALIGN_LEFT, 0);
}

static void
init_pass (Pass         *pass,
           cairo_t      *cr,
           gboolean      paint,
           const char   *language,
           MdgSlipPaper  paper,
           double        scale)
{
  *pass = (Pass) { 0 };
  pass->cr = cr;
  pass->paint = paint;
  pass->language = language;
  pass->width = papers[paper].column_mm * MM;
  pass->left = (papers[paper].width_mm * MM - pass->width) / 2;
  pass->scale = scale;
  pass->y = papers[paper].margin_mm * MM;
}

/* The largest type with which the slip still fits its sheet, so that it fills the page rather
 * than leave its foot empty; the paper's own scale on the roll. */
static double
fill_scale (const MdgSlipData *data,
            MdgSlipPaper       paper)
{
  g_autoptr (cairo_surface_t) surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  g_autoptr (cairo_t) cr = cairo_create (surface);
  double room = (papers[paper].height_mm - papers[paper].margin_mm) * MM;
  double scale;

  if (papers[paper].height_mm <= 0)
    return papers[paper].scale;
  for (scale = papers[paper].max_scale; scale > papers[paper].scale; scale -= SCALE_STEP)
    {
      Pass pass;

      init_pass (&pass, cr, FALSE, data->language, paper, scale);
      run_pass (&pass, data);
      if (pass.y <= room)
        return scale;
    }
  return papers[paper].scale;
}

static void
pass_for_paper (Pass              *pass,
                cairo_t           *cr,
                gboolean           paint,
                const MdgSlipData *data,
                MdgSlipPaper       paper)
{
  init_pass (pass, cr, paint, data->language, paper, fill_scale (data, paper));
  if (papers[paper].height_mm > 0)
    pass->bottom = (papers[paper].height_mm - papers[paper].margin_mm) * MM;
}

/* In points: the roll's length for 80 mm paper, the sheet's height otherwise. */
double
mdg_slip_get_height (const MdgSlipData *data,
                     MdgSlipPaper       paper)
{
  g_autoptr (cairo_surface_t) surface = NULL;
  g_autoptr (cairo_t) cr = NULL;
  Pass pass;

  g_return_val_if_fail (data != NULL, 0);
  g_return_val_if_fail (paper < G_N_ELEMENTS (papers), 0);

  if (papers[paper].height_mm > 0)
    return papers[paper].height_mm * MM;
  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cr = cairo_create (surface);
  pass_for_paper (&pass, cr, FALSE, data, paper);
  run_pass (&pass, data);
  return pass.y + papers[paper].margin_mm * MM + 4 * MM; /* and room for the cutter */
}

/* Draws the slip with its top left corner at the origin, in points. */
void
mdg_slip_draw (cairo_t           *cr,
               const MdgSlipData *data,
               MdgSlipPaper       paper)
{
  Pass pass;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (data != NULL);
  g_return_if_fail (paper < G_N_ELEMENTS (papers));

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  pass_for_paper (&pass, cr, TRUE, data, paper);
  run_pass (&pass, data);
  cairo_restore (cr);
}

/* Each line of the slip's text as it is laid out on `paper`, in order: to check where lines
 * break. */
GStrv
mdg_slip_get_lines (const MdgSlipData *data,
                    MdgSlipPaper       paper)
{
  g_autoptr (cairo_surface_t) surface = NULL;
  g_autoptr (cairo_t) cr = NULL;
  g_autoptr (GPtrArray) lines = g_ptr_array_new ();
  Pass pass;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (paper < G_N_ELEMENTS (papers), NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cr = cairo_create (surface);
  pass_for_paper (&pass, cr, FALSE, data, paper);
  pass.lines = lines;
  run_pass (&pass, data);
  g_ptr_array_add (lines, NULL);
  return (GStrv) g_ptr_array_steal (lines, NULL);
}

typedef struct
{
  int fd;
  int saved_errno;
} PdfSink;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *bytes,
          unsigned int         length)
{
  PdfSink *sink = closure;

  while (length > 0)
    {
      ssize_t written = write (sink->fd, bytes, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        {
          sink->saved_errno = errno;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      bytes += written;
      length -= written;
    }
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
io_error (GError    **error,
          const char *path,
          int         saved_errno)
{
  g_set_error (error, MDG_ERROR, MDG_ERROR_IO, "Cannot write the slip to %s: %s", path,
               g_strerror (saved_errno));
  return FALSE;
}

/* Written beside the target and renamed over it, so a reader never sees half a slip. */
gboolean
mdg_slip_write_pdf (const MdgSlipData *data,
                    MdgSlipPaper       paper,
                    const char        *path,
                    GError           **error)
{
  g_autofree char *tmp_path = NULL;
  g_autoptr (cairo_surface_t) surface = NULL;
  g_autoptr (cairo_t) cr = NULL;
  PdfSink sink = { -1, 0 };
  cairo_status_t status;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (paper < G_N_ELEMENTS (papers), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* The shared helper refuses devices and folders and writes through symbolic links. */
  tmp_path = mdg_file_open_temp (path, &sink.fd, error);
  if (tmp_path == NULL)
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (write_cb, &sink, mdg_slip_paper_get_width (paper),
                                                 mdg_slip_get_height (data, paper));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, data->number);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Madoguchi " VERSION);
  cr = cairo_create (surface);
  mdg_slip_draw (cr, data, paper);
  cairo_show_page (cr);
  g_clear_pointer (&cr, cairo_destroy);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);

  if (!g_close (sink.fd, NULL) && sink.saved_errno == 0)
    sink.saved_errno = errno;
  if (status != CAIRO_STATUS_SUCCESS || sink.saved_errno != 0)
    {
      g_unlink (tmp_path);
      if (sink.saved_errno != 0)
        return io_error (error, path, sink.saved_errno);
      g_set_error (error, MDG_ERROR, MDG_ERROR_IO, "Cannot draw the slip for %s: %s",
                   data->number, cairo_status_to_string (status));
      return FALSE;
    }
  return mdg_file_commit_temp (tmp_path, path, error);
}
