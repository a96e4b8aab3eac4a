/* mdg-health.h: the kiosk's health for the city's monitoring: database, today's inquiries,
 * printer, last sync and disk space, one line each. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Less free space than this on the database's file system needs attention. */
#define MDG_HEALTH_MIN_FREE_BYTES (G_GUINT64_CONSTANT (1) << 30)
/* A sync older than this needs attention. */
#define MDG_HEALTH_SYNC_MAX_AGE_SECONDS (24 * 60 * 60)

typedef struct
{
  const char *db_path;
  const char *printer_name;   /* NULL or "": the kiosk prints no slips */
  const char *print_helper;   /* madoguchi-print, asked with --status */
  guint print_deadline;       /* seconds the helper may take */
  gboolean sync_configured;   /* center-id is set */
  guint64 min_free_bytes;
  GDateTime *now;
} MdgHealthConfig;

gboolean  mdg_health_report               (const MdgHealthConfig *config,
                                           GString               *report);

G_END_DECLS
