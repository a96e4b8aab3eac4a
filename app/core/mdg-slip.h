/* mdg-slip.h: the visitor's printed slip, drawn with cairo and pango for paper and PDF. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "mdg-flow.h"
#include "mdg-inquiry.h"

G_BEGIN_DECLS

/* The nicks and values of the org.madoguchi.Kiosk.SlipPaper enum in the settings schema. */
typedef enum
{
  MDG_SLIP_PAPER_80MM,
  MDG_SLIP_PAPER_A6,
  MDG_SLIP_PAPER_A4,
} MdgSlipPaper;

/* Everything the slip shows, already in the visitor's language. */
typedef struct
{
  char *language;        /* the inquiry's language: an offered language id */
  char *center_name;
  GDateTime *created;
  char *number;          /* YYMMDD-NNN */
  char *purpose;         /* the chosen purpose's label, or NULL */
  char *areas;           /* the chosen areas' labels, joined, or NULL */
  MdgChoiceRole followup; /* what the chosen follow-up means */
  gboolean has_contact;  /* contact details were kept */
  char *url;             /* the follow-up address; NULL when the setting is invalid */
  guint retention_days;
  char *privacy_contact;
} MdgSlipData;

MdgSlipData *mdg_slip_data_new          (MdgInquiry   *inquiry,
                                         MdgFlow      *flow,
                                         GSettings    *settings);
void         mdg_slip_data_free         (MdgSlipData  *data);

gboolean     mdg_slip_paper_from_string (const char   *name,
                                         MdgSlipPaper *paper);
double       mdg_slip_paper_get_width   (MdgSlipPaper  paper);
double       mdg_slip_get_height        (const MdgSlipData *data,
                                         MdgSlipPaper  paper);
GStrv        mdg_slip_get_lines         (const MdgSlipData *data,
                                         MdgSlipPaper  paper);
void         mdg_slip_draw              (cairo_t      *cr,
                                         const MdgSlipData *data,
                                         MdgSlipPaper  paper);
gboolean     mdg_slip_write_pdf         (const MdgSlipData *data,
                                         MdgSlipPaper  paper,
                                         const char   *path,
                                         GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MdgSlipData, mdg_slip_data_free)

G_END_DECLS
